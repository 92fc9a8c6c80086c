//! `qorgau profile PATHS -o pii-contract.toml`: measures the inputs and
//! writes their PII contract (see [`crate::contract`]).

use std::io::Write as _;
use std::path::PathBuf;

use crate::contract::measure::{measure, output_path, MeasureArgs};
use crate::contract::Contract;

/// The flags of `profile`.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Where to write the contract (`-` or none: standard output). When the
    /// file exists, the tolerances set in it are kept.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How far a rate may rise before `check` fails (absolute share: 0.01 is
    /// one percentage point); a new contract's default.
    #[arg(long, value_name = "SHARE")]
    pub tolerance: Option<f64>,
}

/// Runs `profile`; returns the exit code (0 written, 2 error, 3 written but
/// some input was skipped or only partly read).
pub fn run(args: ProfileArgs) -> i32 {
    if let Some(t) = args.tolerance {
        if !(0.0..=1.0).contains(&t) {
            crate::say!("qorgau: --tolerance must be between 0 and 1");
            return 2;
        }
    }
    let skip: Vec<PathBuf> = output_path(&args.output).cloned().into_iter().collect();
    let measured = match measure(&args.measure, &skip) {
        Ok(m) => m,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    if measured.errors {
        crate::say!("qorgau: some inputs could not be read (named above); no contract written");
        return 2;
    }
    let mut contract = measured.contract;
    let path = output_path(&args.output);
    // A contract being regenerated keeps its reviewers' tolerances.
    if let Some(old) = path.filter(|p| p.exists()) {
        match Contract::load(old) {
            Ok(old) => contract.keep_tolerances(&old),
            Err(e) => {
                crate::say!("qorgau: {e} (not a contract? refusing to overwrite it)");
                return 2;
            }
        }
    }
    if let Some(t) = args.tolerance {
        contract.tolerance = t;
    }
    let text = contract.to_toml();
    let written = match path {
        Some(p) => crate::anonymize::write_file_atomic(p, text.as_bytes()),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        crate::say!(
            "qorgau: {}: {e}",
            path.map_or("standard output".into(), |p| p.display().to_string())
        );
        return 2;
    }
    if let Some(line) = crate::gate::exempt_line(&measured.summary) {
        crate::say!("qorgau: {line}");
    }
    if let Some(p) = path {
        let columns: usize = contract.files.values().map(|f| f.columns.len()).sum();
        let pii = contract
            .files
            .values()
            .flat_map(|f| f.columns.values().map(|c| !c.kinds.is_empty()))
            .filter(|&x| x)
            .count();
        crate::say!(
            "qorgau: wrote {} ({} files, {columns} columns of which {pii} hold personal data)",
            p.display(),
            contract.files.len()
        );
    }
    if measured.skipped > 0 {
        crate::say!(
            "qorgau: {} input(s) were skipped or only partly read (named above); exit status 3",
            measured.skipped
        );
        3
    } else {
        0
    }
}
