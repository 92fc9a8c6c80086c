//! The command line: `qorgau scan`, `anonymize`, `policy`, `patterns`. Parses flags,
//! builds the engine and the printer, and maps outcomes to exit codes
//! (0 nothing found, 1 personal data found, 2 error — as grep and ripgrep).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::anonymize::{self, Target};
use crate::engine::{Engine, DEFAULT_MIN_CONFIDENCE};
use crate::gate;
use crate::input;
use crate::key::{self, Key};
use crate::kind::KindSet;
use crate::patterns;
use crate::pipeline;
use crate::policy::Policy;
use crate::report::{self, Format};
use crate::scan;
use crate::table::{InputFormat, TableOptions};

/// Find and anonymize personal data (Kazakhstan first) in batch files.
#[derive(Debug, Parser)]
#[command(name = "qorgau", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find personal data and report it; changes nothing.
    ///
    /// Exit status: 0 nothing found, 1 personal data found, 2 error, 3
    /// nothing found but some input skipped or only partly scanned (a
    /// binary file, UTF-16 without a byte-order mark, a symbolic link in a
    /// walked directory; --skip-binary lets binary files pass).
    Scan(ScanArgs),
    /// Write anonymized copies: every finding removed, tagged, masked,
    /// tokenized or generalized as the policy says.
    ///
    /// Exit status: 0 success, 2 error (the other inputs still run; a failed
    /// input leaves no output file).
    Anonymize(AnonymizeArgs),
    /// Write the PII contract of tables and files: per column (per text
    /// file) the kinds of personal data and the share of cells holding each.
    ///
    /// Exit status: 0 written, 2 error, 3 written but some input skipped.
    Profile(crate::profile::ProfileArgs),
    /// Check tables and files against their PII contract: fail when a
    /// column gains a kind, a rate rises past the tolerance, or a new column
    /// or file holds personal data.
    ///
    /// Exit status: 0 the contract holds, 1 it does not, 2 error, 3 it holds
    /// but some input was skipped.
    Check(crate::check::CheckArgs),
    /// Measure re-identification risk of a table: k-anonymity, l-diversity,
    /// prosecutor risk.
    ///
    /// Exit status: 0 the table meets --k, 1 it does not, 2 error.
    Risk(RiskArgs),
    /// Show the effective policy, or write a commented starter file.
    Policy {
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// List the detectors, or `check` every example in patterns/.
    Patterns {
        #[command(subcommand)]
        action: Option<PatternsAction>,
    },
    /// Write the synthetic sample files (fake people, valid checksums).
    #[command(hide = true)]
    Synth {
        /// Directory to write into.
        #[arg(long, default_value = "samples")]
        out: PathBuf,
        /// Seed of the generator.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Also write a labelled log of about this many MiB (`bench.log` +
        /// `bench.labels.jsonl`).
        #[arg(long)]
        large_mib: Option<usize>,
        /// Also write a research-extract table of about this many MiB
        /// (`bench.csv`).
        #[arg(long)]
        table_mib: Option<usize>,
        /// Also write a Parquet research extract of this many rows
        /// (`bench.parquet`).
        #[arg(long)]
        parquet_rows: Option<u64>,
    },
}

#[derive(Debug, Subcommand)]
enum PatternsAction {
    /// Run every positive and negative example through the engine, and
    /// score `person` on the held-aside part of the annotated news corpora
    /// when they are found (`shared/data/ner` here or in a directory above).
    Check {
        /// The annotated corpora (default: looked up from the current
        /// directory).
        #[arg(long, value_name = "DIR")]
        ner_dir: Option<PathBuf>,
    },
    /// Train the person-name tagger on the training part of the annotated
    /// corpora and write its model file.
    TrainNames {
        /// The annotated corpora (`shared/data/ner`).
        #[arg(long, value_name = "DIR")]
        ner_dir: PathBuf,
        /// Where to write the model.
        #[arg(
            short = 'o',
            long,
            value_name = "FILE",
            default_value = "patterns/person_model.bin"
        )]
        output: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = crate::ner::EPOCHS)]
        epochs: usize,
        /// Write nothing: train without the dev quarter of the training
        /// part and score on it (for choosing features); `--dev-misses`
        /// also lists the differences.
        #[arg(long)]
        dev: bool,
        #[arg(long, hide = true)]
        dev_misses: bool,
    },
}

#[derive(Debug, clap::Args)]
struct RiskArgs {
    /// The table (CSV/TSV; `-` for stdin).
    table: String,
    /// Quasi-identifier columns (comma-separated); proposed from the data
    /// when not given.
    #[arg(long, value_name = "COLS")]
    quasi: Option<String>,
    /// The sensitive column, for l-diversity.
    #[arg(long, value_name = "COL")]
    sensitive: Option<String>,
    /// The k that rows_below_k and the exit status are measured against.
    #[arg(long, default_value_t = 5)]
    k: u64,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RiskFormat::Text)]
    format: RiskFormat,
    /// Also write a self-contained HTML report (with the scan's findings
    /// per column) to this file.
    #[arg(long, value_name = "PATH")]
    html: Option<PathBuf>,
    #[command(flatten)]
    table_args: TableArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RiskFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum PolicyAction {
    /// Print the effective policy: every kind with its operator.
    Show {
        /// Policy file (default: the embedded policy).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Write a commented starter policy file.
    Init {
        /// Where to write it (refuses to overwrite).
        #[arg(default_value = "qorgau-policy.toml")]
        path: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["out", "output", "in_place"])))]
struct AnonymizeArgs {
    /// Files, directories (walked recursively), globs, or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Write outputs under this directory, at the same relative paths.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write the one input's output to FILE (`-` for stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
    /// Replace the inputs themselves (atomically).
    #[arg(long)]
    in_place: bool,
    /// Policy file (TOML); default: tag everything, generalize IINs.
    #[arg(long, short = 'p', value_name = "FILE")]
    policy: Option<PathBuf>,
    /// File holding the token key (hex or base64, at least 32 bytes);
    /// otherwise the QORGAU_KEY environment variable.
    #[arg(long, value_name = "PATH")]
    key_file: Option<PathBuf>,
    /// Where to write the audit manifest.
    #[arg(long, value_name = "PATH")]
    manifest: Option<PathBuf>,
    /// Re-scan the outputs; fail if a kind the policy anonymized remains.
    #[arg(long)]
    verify: bool,
    /// Write in this encoding (default: the input's), e.g. `utf-8`,
    /// `windows-1251`, `kz-1048`, `utf-16le`, `utf-16be`; `utf-16` is
    /// UTF-16LE with a byte-order mark (the others write a mark only when
    /// the input had one).
    #[arg(long, value_name = "LABEL")]
    output_encoding: Option<String>,
    /// A character the output encoding cannot hold makes the file an
    /// error, or is written as an HTML entity (`&#1240;`).
    #[arg(long, value_name = "WHAT", default_value = "error")]
    unmappable: crate::codec::Unmappable,
    /// Tables: quasi-identifier columns to make k-anonymous (with --min-k).
    #[arg(long, value_name = "COLS")]
    quasi: Option<String>,
    /// Tables: generalize and suppress until every class has K rows.
    #[arg(long, value_name = "K")]
    min_k: Option<u64>,
    /// Tables: the largest share of rows --min-k may suppress.
    #[arg(long, value_name = "SHARE", default_value_t = 0.05)]
    max_suppression: f64,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// No summary on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// No progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Work on shard K of N (K from 1 to N): a deterministic split of the
    /// inputs, balanced by size, for job runners (Kubernetes indexed Jobs,
    /// Slurm arrays, GNU parallel). Together the shards' outputs are one
    /// run's; each writes its own manifest.
    #[arg(long, value_name = "K/N")]
    shard: Option<input::shard::Shard>,
    /// Bytes per chunk (for tests of chunk borders).
    #[arg(long, hide = true, default_value_t = 4 << 20)]
    chunk_size: usize,
    #[command(flatten)]
    table: TableArgs,
    #[command(flatten)]
    keys: KeyArgs,
}

/// Extra keys for the key-decided kinds (shared by `scan` and `anonymize`).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct KeyArgs {
    /// More keys whose values are of a kind, e.g. `cookie_id=my_session` or
    /// `user_id=abonent,lic_schet` (kinds: cookie_id, device_id, user_id,
    /// auth_token). Repeatable.
    #[arg(long = "keys", value_name = "KIND=NAME,...")]
    keys: Vec<String>,
    /// More service accounts whose logins name nobody, beside the default
    /// list (root, daemon, www-data, hdfs, … — docs/kinds.md), e.g.
    /// `--service-accounts jenkins-ci,etl_bot`. Repeatable.
    #[arg(long = "service-accounts", value_name = "NAME,...")]
    service_accounts: Vec<String>,
}

impl KeyArgs {
    pub(crate) fn apply(
        &self,
        mut builder: crate::engine::EngineBuilder,
    ) -> Result<crate::engine::EngineBuilder, String> {
        use crate::kind::Kind;
        for spec in &self.keys {
            let (kind, names) = spec
                .split_once('=')
                .ok_or_else(|| format!("--keys {spec:?}: expected KIND=NAME[,NAME...]"))?;
            let kind: Kind = kind.parse().map_err(|e| format!("--keys: {e}"))?;
            if !matches!(
                kind,
                Kind::CookieId | Kind::DeviceId | Kind::UserId | Kind::AuthToken
            ) {
                return Err(format!("--keys: {kind} is not decided by keys (cookie_id, device_id, user_id, auth_token are)"));
            }
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                builder = builder.key(kind, name);
            }
        }
        for names in &self.service_accounts {
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                builder = builder.service_account(name);
            }
        }
        Ok(builder)
    }
}

/// How tables are read (shared by `scan` and `anonymize`).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct TableArgs {
    /// How to read inputs: by extension (`.csv`/`.tsv` are tables), or all
    /// as text, or all as tables.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Table delimiter (`,` `;` `tab` `|`); sniffed by default.
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// The first record of a table is data, not a header.
    #[arg(long)]
    no_header: bool,
    /// Input encoding of every input, tables and text (`utf-8`,
    /// `windows-1251`, `kz-1048`, `utf-16le`, …); by default detected for
    /// tables, UTF-8 for text. A byte-order mark wins over it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Longest table record accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_row_bytes: usize,
}

impl TableArgs {
    pub(crate) fn options(&self) -> Result<TableOptions, String> {
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some("tab" | "\\t" | "\t") => Some(b'\t'),
            Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
            Some(d) => return Err(format!("--delimiter {d:?}: one ASCII character, or `tab`")),
        };
        let encoding = match self.encoding.as_deref() {
            None => None,
            Some(label) => Some(
                crate::codec::Codec::for_label(label)
                    .ok_or_else(|| format!("--encoding {label:?}: unknown encoding"))?,
            ),
        };
        Ok(TableOptions {
            format: self.input_format,
            delimiter,
            header: !self.no_header,
            encoding,
            max_row: self.max_row_bytes.max(1),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
struct ScanArgs {
    /// Files, directories (walked recursively), globs, or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Report only these kinds (comma-separated ids, e.g. `iin,phone`).
    #[arg(long, value_name = "LIST")]
    kinds: Option<String>,
    /// Drop findings below this confidence (0.0–1.0).
    #[arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE, value_name = "F")]
    min_confidence: f32,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    table: TableArgs,
    #[command(flatten)]
    keys: KeyArgs,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Text output: each file's path once, its findings below it and a
    /// count per kind (the default on a terminal).
    #[arg(long, overrides_with = "no_heading")]
    heading: bool,
    /// Text output: one `path:line:column:` line a finding (the default when
    /// the output is not a terminal).
    #[arg(long)]
    no_heading: bool,
    /// No progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Print throughput and totals to stderr at the end.
    #[arg(long)]
    stats: bool,
    /// Exit 0, not 3, when the only inputs left unscanned are binary files
    /// (they are still named on stderr).
    #[arg(long)]
    skip_binary: bool,
    /// Bytes per chunk (for tests of chunk borders).
    #[arg(long, hide = true, default_value_t = 4 << 20)]
    chunk_size: usize,
    #[command(flatten)]
    gate: crate::gate::GateArgs,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    // Temporary files (outputs being written, spooled streams) are
    // removed on SIGINT/SIGTERM.
    crate::temps::install_handler();
    match cli.command {
        Command::Scan(args) => scan_command(args),
        Command::Anonymize(args) => anonymize_command(args),
        Command::Policy { action } => policy_command(action),
        Command::Risk(args) => risk_command(args),
        Command::Profile(args) => crate::profile::run(args),
        Command::Check(args) => crate::check::run(args),
        Command::Patterns { action } => patterns_command(action),
        Command::Synth {
            out,
            seed,
            large_mib,
            table_mib,
            parquet_rows,
        } => match crate::synth::write_samples(&out, seed, large_mib)
            .and_then(|()| crate::synth::write_table(&out, seed, table_mib))
            .and_then(|()| crate::synth::write_parquet(&out, seed, parquet_rows))
        {
            Ok(()) => 0,
            Err(e) => {
                crate::say!("qorgau: {}: {e}", out.display());
                2
            }
        },
    }
}

fn scan_command(args: ScanArgs) -> i32 {
    let kinds = match args.kinds.as_deref().map(KindSet::parse_list) {
        None => KindSet::all(),
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            crate::say!("qorgau: --kinds: {e}");
            return 2;
        }
    };
    if !(0.0..=1.0).contains(&args.min_confidence) {
        crate::say!("qorgau: --min-confidence must be between 0 and 1");
        return 2;
    }
    if let Some(n) = args.threads {
        if n == 0 {
            crate::say!("qorgau: --threads must be at least 1");
            return 2;
        }
        // Fails only if a pool already exists, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let table = match args.table.options() {
        Ok(t) => t,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let engine = match args.keys.apply(
        Engine::builder()
            .kinds(kinds)
            .min_confidence(args.min_confidence),
    ) {
        Ok(b) => b.build(),
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let mut prepared = match args.gate.prepare() {
        Ok(p) => p,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let (sources, errors) = input::resolve(&args.paths);
    for e in &errors {
        crate::say!("qorgau: {}: {}", e.arg, e.message);
    }
    let (sources, ignored) = prepared.exemptions.filter(sources);
    let stdout = io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let out = io::BufWriter::with_capacity(64 << 10, stdout.lock());
    let heading = match (args.heading, args.no_heading) {
        (true, _) => true,
        (_, true) => false,
        _ => stdout.is_terminal(),
    };
    let mut sink = report::printer(args.format, out, color, heading);
    let opts = pipeline::Options {
        chunk_size: args.chunk_size.max(1),
        progress: !args.no_progress,
        table,
        ..pipeline::Options::default()
    };
    // Findings carry their fingerprint only under a project key: an
    // unkeyed hash of an IIN or a phone can be reversed by trying every
    // value, and hashing every finding cost a third of a scan's time
    // (SHA-256 per finding). Baselines and `[allow] fingerprints` make
    // them anyway.
    let keyed = prepared.exemptions.fingerprinter.key_id().is_some();
    let mut gate = prepared.gate(
        sink.as_mut(),
        ignored,
        keyed && matches!(args.format, Format::Jsonl | Format::Json | Format::Sarif),
    );
    let summary = match scan::run(&engine, &sources, &opts, &mut gate) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return 0,
        Err(e) => {
            crate::say!("qorgau: output: {e}");
            return 2;
        }
    };
    let tally = gate.tally.clone();
    if let Some(line) = gate.summary.as_ref().and_then(gate::exempt_line) {
        crate::say!("qorgau: {line}");
    }
    if args.stats {
        let mb = summary.bytes as f64 / 1e6;
        crate::say!(
            "qorgau: {} findings, {} files, {:.1} MB in {:.2} s ({:.1} MB/s)",
            summary.findings,
            summary.files,
            mb,
            summary.seconds,
            mb / summary.seconds.max(1e-9)
        );
    }
    let skipped = errors.iter().filter(|e| e.is_skip()).count()
        + summary
            .notes
            .iter()
            .filter(|n| n.is_skip() && !(args.skip_binary && n.is_binary()))
            .count();
    if !errors.iter().all(input::ResolveError::is_skip) || summary.had_errors() {
        2
    } else if let Some(path) = &args.gate.write_baseline {
        prepared.write_baseline(path)
    } else if tally.failing > 0 {
        1
    } else if skipped > 0 {
        crate::say!(
            "qorgau: nothing found, but {skipped} input(s) were skipped or only partly scanned (named above); exit status 3"
        );
        3
    } else {
        0
    }
}

fn patterns_command(action: Option<PatternsAction>) -> i32 {
    let all = patterns::load();
    let mut out = io::stdout().lock();
    match action {
        None => {
            for p in &all {
                let _ = writeln!(
                    out,
                    "{:<10} {:<12} {:>3} examples {:>3} negatives  {}",
                    p.kind,
                    p.id,
                    p.examples.len(),
                    p.negatives.len(),
                    p.description
                );
            }
            0
        }
        Some(PatternsAction::TrainNames {
            ner_dir,
            epochs,
            dev: true,
            dev_misses,
            ..
        }) => match crate::ner::dev_scores(&ner_dir, epochs, dev_misses) {
            Ok(lines) => {
                for l in lines {
                    let _ = writeln!(out, "{l}");
                }
                0
            }
            Err(e) => {
                crate::say!("qorgau: {}: {e}", ner_dir.display());
                2
            }
        },
        Some(PatternsAction::TrainNames {
            ner_dir,
            output,
            epochs,
            ..
        }) => match crate::ner::train_model(&ner_dir, epochs) {
            Ok(bytes) => match std::fs::write(&output, &bytes) {
                Ok(()) => {
                    let _ = writeln!(out, "wrote {} ({} bytes)", output.display(), bytes.len());
                    0
                }
                Err(e) => {
                    crate::say!("qorgau: {}: {e}", output.display());
                    2
                }
            },
            Err(e) => {
                crate::say!("qorgau: {}: {e}", ner_dir.display());
                2
            }
        },
        Some(PatternsAction::Check { ner_dir }) => {
            let engine = Engine::default();
            let (count, failures) = patterns::check(&engine, &all);
            let ner_dir = ner_dir.or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| crate::ner::find_dir(&d))
            });
            let mut ner_failed = false;
            match ner_dir {
                None => {
                    let _ = writeln!(
                        out,
                        "person on annotated news: skipped (no shared/data/ner found; --ner-dir)"
                    );
                }
                Some(dir) => match crate::ner::check(&engine, &dir) {
                    Ok(lines) => {
                        for (line, ok) in lines {
                            let _ = writeln!(out, "{} {line}", if ok { "ok  " } else { "FAIL" });
                            ner_failed |= !ok;
                        }
                    }
                    Err(e) => {
                        crate::say!("qorgau: {}: {e}", dir.display());
                        return 2;
                    }
                },
            }
            for f in &failures {
                let what = if f.positive {
                    "missed"
                } else {
                    "false positive"
                };
                let _ = writeln!(
                    out,
                    "FAIL {} {what}: {:?} -> found [{}]",
                    f.pattern,
                    f.example,
                    f.found.join(", ")
                );
            }
            let _ = writeln!(
                out,
                "{} examples, {} passed, {} failed",
                count,
                count - failures.len(),
                failures.len()
            );
            i32::from(!failures.is_empty() || ner_failed)
        }
    }
}

/// Sizes the global thread pool; false (after a message) for 0.
pub(crate) fn set_threads(threads: Option<usize>) -> bool {
    if let Some(n) = threads {
        if n == 0 {
            crate::say!("qorgau: --threads must be at least 1");
            return false;
        }
        // Fails only if a pool already exists, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    true
}

fn load_policy(path: Option<&std::path::Path>) -> Result<Policy, String> {
    match path {
        Some(p) => Policy::load(p).map_err(|e| e.to_string()),
        None => Ok(Policy::default_policy()),
    }
}

fn anonymize_command(args: AnonymizeArgs) -> i32 {
    if !set_threads(args.threads) {
        return 2;
    }
    let policy = match load_policy(args.policy.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            crate::say!("qorgau: policy: {e}");
            return 2;
        }
    };
    let key = match Key::load(args.key_file.as_deref()) {
        Ok(k) => k,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    if policy.needs_key() && key.is_none() {
        crate::say!(
            "qorgau: the policy uses token or surrogate, which need a secret key: {}",
            key::HOW
        );
        return 2;
    }
    let target = match (&args.out, &args.output, args.in_place) {
        (Some(dir), None, false) => Target::Dir(dir.clone()),
        (None, Some(f), false) if f == "-" => Target::Stdout,
        (None, Some(f), false) => Target::File(PathBuf::from(f)),
        (None, None, true) => Target::InPlace,
        _ => {
            crate::say!("qorgau: give one of --out DIR, -o FILE, --in-place");
            return 2;
        }
    };
    // A walk never enters the output directory or the manifest: a second
    // run must not read the first one's outputs as inputs.
    let skip: Vec<PathBuf> = match &target {
        Target::Dir(d) => vec![d.clone()],
        _ => Vec::new(),
    }
    .into_iter()
    .chain(
        anonymize::manifest_path(&target, args.manifest.as_deref())
            .filter(|m| anonymize::is_manifest(m)),
    )
    .collect();
    let (inputs, resolve_errors) = input::resolve_inputs_skipping(&args.paths, &skip);
    for e in &resolve_errors {
        crate::say!("qorgau: {}: {}", e.arg, e.message);
    }
    let inputs = match args.shard {
        None => inputs,
        Some(shard) => match input::shard::select(inputs, shard) {
            Ok(mine) if mine.is_empty() => {
                if !args.quiet {
                    crate::say!("qorgau: shard {shard}: no inputs fall to this shard");
                }
                return if resolve_errors.iter().all(input::ResolveError::is_skip) {
                    0
                } else {
                    2
                };
            }
            Ok(mine) => mine,
            Err(e) => {
                crate::say!("qorgau: {e}");
                return 2;
            }
        },
    };
    if matches!(target, Target::File(_) | Target::Stdout) && inputs.len() > 1 {
        crate::say!(
            "qorgau: -o takes one input ({} given); use --out DIR for several",
            inputs.len()
        );
        return 2;
    }
    if inputs.is_empty() {
        return 2;
    }
    let table = match args.table.options() {
        Ok(t) => t,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let kanon = match (&args.quasi, args.min_k) {
        (Some(q), Some(k)) if k >= 1 && (0.0..=1.0).contains(&args.max_suppression) => {
            Some(crate::kanon::KOptions {
                quasi: q
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                k,
                max_suppression: args.max_suppression,
            })
        }
        (None, None) => None,
        _ => {
            crate::say!("qorgau: --quasi COLS and --min-k K go together (K >= 1, --max-suppression between 0 and 1)");
            return 2;
        }
    };
    let (output_encoding, output_bom) = match args.output_encoding.as_deref() {
        None => (None, false),
        Some(label) => match crate::codec::Codec::for_output_label(label) {
            Some((e, bom)) => (Some(e), bom),
            None => {
                crate::say!("qorgau: --output-encoding {label:?}: unknown encoding");
                return 2;
            }
        },
    };
    let engine = match args
        .keys
        .apply(Engine::builder().min_confidence(policy.min_confidence))
    {
        Ok(b) => b.build(),
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    // Shards writing to one directory each keep their own manifest.
    let manifest = match (&args.manifest, args.shard, &target) {
        (None, Some(s), Target::Dir(d)) => {
            Some(d.join(format!("qorgau-manifest.shard-{}-of-{}.json", s.k, s.n)))
        }
        _ => args.manifest.clone(),
    };
    let opts = anonymize::Options {
        target,
        manifest,
        verify: args.verify,
        output_encoding,
        output_bom,
        unmappable: args.unmappable,
        kanon,
        pipeline: pipeline::Options {
            chunk_size: args.chunk_size.max(1),
            progress: !args.no_progress,
            table,
            strict_decoding: true,
            ..pipeline::Options::default()
        },
    };
    let started = std::time::Instant::now();
    let outcome = match anonymize::run(&engine, &policy, key.as_ref(), &inputs, &opts) {
        Ok(o) => o,
        // A consumer that stops reading did not get the whole output.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            crate::say!(
                "qorgau: standard output was closed before the output was complete \
                 (broken pipe); what was written is incomplete"
            );
            return 2;
        }
        Err(e) => {
            for line in e.to_string().lines() {
                crate::say!("qorgau: {line}");
            }
            return 2;
        }
    };
    for (path, message) in &outcome.errors {
        crate::say!("qorgau: {path}: {message}");
    }
    if let Some(e) = &outcome.manifest_error {
        crate::say!("qorgau: {e}");
    }
    let m = &outcome.manifest;
    if !args.quiet {
        let bytes: u64 = m.inputs.iter().map(|i| i.bytes).sum();
        crate::say!(
            "qorgau: anonymized {} of {} inputs ({:.1} MB in {:.2} s)",
            m.outputs.len().max(usize::from(
                opts.target == Target::Stdout && outcome.errors.is_empty()
            )),
            m.inputs.len() + outcome.errors.len(),
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        for (kind, ops) in &m.counts {
            let ops: Vec<String> = ops.iter().map(|(op, n)| format!("{n} {op}")).collect();
            crate::say!("  {kind:<14} {}", ops.join(", "));
        }
        if let Some(k) = &m.key_id {
            crate::say!("  key id {k}");
        }
        if let Some(p) = &outcome.manifest_path {
            crate::say!("  manifest {}", p.display());
        }
    }
    if let Some(v) = &m.verify {
        if v.passed {
            if !args.quiet {
                crate::say!("qorgau: verify: no anonymized kind remains in the outputs");
            }
        } else {
            let left: Vec<String> = v
                .remaining
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            crate::say!(
                "qorgau: verify FAILED: still found in the outputs: {}",
                left.join(", ")
            );
        }
    }
    if !resolve_errors.iter().all(input::ResolveError::is_skip) || !outcome.success() {
        2
    } else {
        0
    }
}

fn policy_command(action: PolicyAction) -> i32 {
    match action {
        PolicyAction::Show { policy } => match load_policy(policy.as_deref()) {
            Ok(p) => {
                print!("{}", p.show());
                0
            }
            Err(e) => {
                crate::say!("qorgau: policy: {e}");
                2
            }
        },
        PolicyAction::Init { path } => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path);
            match file.and_then(|mut f| f.write_all(crate::policy::STARTER.as_bytes())) {
                Ok(()) => {
                    crate::say!("qorgau: wrote {}", path.display());
                    0
                }
                Err(e) => {
                    crate::say!("qorgau: {}: {e}", path.display());
                    2
                }
            }
        }
    }
}

fn risk_command(args: RiskArgs) -> i32 {
    let mut table = match args.table_args.options() {
        Ok(t) => t,
        Err(e) => {
            crate::say!("qorgau: {e}");
            return 2;
        }
    };
    let source = if args.table == "-" {
        input::Source::Stdin
    } else {
        input::Source::File(PathBuf::from(&args.table))
    };
    // `risk` reads tables: anything that is not Parquet is CSV/TSV.
    if !crate::parquet::is_parquet(&source, table.format) {
        table.format = crate::table::InputFormat::Csv;
    }
    let opts = crate::risk::RiskOptions {
        quasi: args
            .quasi
            .as_deref()
            .map(|q| {
                q.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        sensitive: args.sensitive.clone(),
        k: args.k.max(1),
    };
    let engine = Engine::default();
    match crate::risk::measure(&source, &table, engine.context(), &opts) {
        Ok(report) => {
            match args.format {
                RiskFormat::Text => print!("{}", report.text()),
                RiskFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
            }
            if let Some(path) = &args.html {
                // The column profile comes from a scan of the same table.
                let mut quiet = crate::report::SummaryPrinter::new(io::sink());
                let scan_opts = pipeline::Options {
                    table: table.clone(),
                    ..pipeline::Options::default()
                };
                let columns = crate::scan::run(
                    &engine,
                    std::slice::from_ref(&source),
                    &scan_opts,
                    &mut quiet,
                )
                .ok()
                .and_then(|s| s.columns.into_values().next())
                .unwrap_or_default();
                let html = report.html(&source.display(), &columns);
                if let Err(e) = crate::anonymize::write_file_atomic(path, html.as_bytes()) {
                    crate::say!("qorgau: {}: {e}", path.display());
                    return 2;
                }
            }
            i32::from(report.k < opts.k)
        }
        Err(e) => {
            crate::say!("qorgau: {}: {e}", source.display());
            2
        }
    }
}
