//! `qorgau check --contract pii-contract.toml PATHS`: measures the inputs
//! again and compares them with their contract. Exit 0 when nothing drifted
//! (and then prints nothing), 1 when a column or file gained personal data,
//! 2 on an error, 3 when nothing drifted but an input was skipped.

use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::json;

use crate::contract::diff::{diff, percent, Change};
use crate::contract::measure::{measure, MeasureArgs};
use crate::contract::Contract;

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// The changes as a diff: `+` gained (fails), `-` lost, `!` rate rose.
    Text,
    /// The changes in a table.
    Summary,
    /// One JSON document: the changes and whether the check passed.
    Json,
    /// SARIF 2.1.0: one result per failing change.
    Sarif,
}

/// The flags of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The contract to check against.
    #[arg(long, value_name = "FILE")]
    pub contract: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub measure: MeasureArgs,
}

/// Runs `check`; returns the exit code.
pub fn run(args: CheckArgs) -> i32 {
    let contract = match Contract::load(&args.contract) {
        Ok(c) => c,
        Err(e) => {
            crate::say!("qorgau: --contract {e}");
            return 2;
        }
    };
    let measured = match measure(&args.measure, std::slice::from_ref(&args.contract)) {
        Ok(m) => m,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let changes = diff(&contract, &measured.contract);
    let failing = changes.iter().filter(|c| c.fails).count();
    let contract_name = args.contract.display().to_string();
    let mut out = io::stdout().lock();
    let printed = match args.format {
        CheckFormat::Text => text(&mut out, &changes),
        CheckFormat::Summary => table(&mut out, &changes, &contract_name),
        CheckFormat::Json => {
            let doc = json!({
                "contract": contract_name,
                "passed": failing == 0,
                "changes": changes,
            });
            writeln!(out, "{doc:#}")
        }
        CheckFormat::Sarif => sarif(&mut out, &changes, &contract_name),
    };
    if let Err(e) = printed {
        if e.kind() != io::ErrorKind::BrokenPipe {
            crate::say!("qorgau: output: {e}");
            return 2;
        }
    }
    if let Some(line) = crate::gate::exempt_line(&measured.summary) {
        crate::say!("qorgau: {line}");
    }
    if measured.errors {
        2
    } else if failing > 0 {
        crate::say!(
            "qorgau: {failing} change(s) break the contract {contract_name}; if they are \
             intended, run `qorgau profile` again and commit the contract"
        );
        1
    } else if measured.skipped > 0 {
        crate::say!(
            "qorgau: the contract holds, but {} input(s) were skipped or only partly read \
             (named above); exit status 3",
            measured.skipped
        );
        3
    } else {
        0
    }
}

/// `+` for what fails, `-` for what went away, `!` for a rate that rose.
fn text(out: &mut dyn Write, changes: &[Change]) -> io::Result<()> {
    for c in changes {
        let mark = match c.change {
            "rate_rose" => '!',
            _ if c.fails => '+',
            _ => '-',
        };
        writeln!(out, "{mark} {}", c.describe())?;
    }
    out.flush()
}

fn table(out: &mut dyn Write, changes: &[Change], contract: &str) -> io::Result<()> {
    let cell = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let wp = changes
        .iter()
        .map(|c| c.path.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let wc = changes
        .iter()
        .map(|c| cell(&c.column).chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(
        out,
        "{:wp$}  {:wc$}  {:<14} {:>9} {:>9} {:>9}  change",
        "file", "column", "kind", "contract", "now", "tolerance"
    )?;
    for c in changes {
        writeln!(
            out,
            "{:wp$}  {:wc$}  {:<14} {:>9} {:>9} {:>9}  {}{}",
            c.path,
            cell(&c.column),
            cell(&c.kind),
            percent(c.was),
            percent(c.now),
            percent(c.tolerance),
            c.change,
            if c.fails { " (fails)" } else { "" }
        )?;
    }
    let failing = changes.iter().filter(|c| c.fails).count();
    writeln!(
        out,
        "{failing} failing, {} other changes against {contract}",
        changes.len() - failing
    )?;
    out.flush()
}

/// The check's rules: one per failing kind of change.
const RULES: &[(&str, &str)] = &[
    ("contract/new-file", "A new file holds personal data"),
    ("contract/new-column", "A new column holds personal data"),
    (
        "contract/new-kind",
        "A column or file holds a kind of personal data its contract does not allow",
    ),
    (
        "contract/rate-rose",
        "The share of a column's cells holding personal data rose past the contract's tolerance",
    ),
];

fn sarif(out: &mut dyn Write, changes: &[Change], contract: &str) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|(id, text)| {
            json!({
                "id": id,
                "name": id.trim_start_matches("contract/").replace('-', " "),
                "shortDescription": {"text": text},
                "fullDescription": {"text": format!("{text} (qorgau check against the PII contract).")},
                "help": {
                    "text": format!("{text}. If the change is intended, run `qorgau profile` again and commit the contract with the change, so that a reviewer sees it; otherwise remove or anonymize the data."),
                },
                "properties": {"tags": ["privacy", "pii", "contract"]},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = changes
        .iter()
        .filter(|c| c.fails)
        .map(|c| {
            let id = format!("contract/{}", c.change.replace('_', "-"));
            let index = RULES.iter().position(|(r, _)| *r == id).unwrap_or(0);
            json!({
                "ruleId": id,
                "ruleIndex": index,
                "level": "error",
                "message": {"text": format!("{} (contract {contract})", c.describe())},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": c.path},
                        "region": {"startLine": 1},
                    }
                }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "qorgau",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/qorgau",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    writeln!(out, "{doc:#}")?;
    out.flush()
}
