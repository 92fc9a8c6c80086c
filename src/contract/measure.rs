//! Measuring inputs into a contract: the scan runs as `scan` does (same
//! engine, chunks, Parquet reader, exemptions), and a sink counts, per
//! column and kind, the cells with a finding — and per text file and kind,
//! the lines with one. Only counts are kept.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use super::{rate, Column, Contract, FileEntry};
use crate::cli::{KeyArgs, TableArgs};
use crate::engine::{Engine, DEFAULT_MIN_CONFIDENCE};
use crate::gate::{ExemptArgs, Exemptions, FailOn, Gate};
use crate::input::{self, Source};
use crate::pipeline;
use crate::report::{Record, Sink, Summary};

/// The inputs and how to read them (shared by `profile` and `check`).
#[derive(Debug, Clone, clap::Args)]
pub struct MeasureArgs {
    /// Files, directories (walked recursively) or globs; run `profile` and
    /// `check` from the same directory with the same paths.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Count only findings at or above this confidence (0.0–1.0).
    #[arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE, value_name = "F")]
    pub min_confidence: f32,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub(crate) table: TableArgs,
    #[command(flatten)]
    pub(crate) keys: KeyArgs,
    #[command(flatten)]
    pub exempt: ExemptArgs,
}

/// Per file: for a table, per column name the last row counted and the
/// rows per kind; for text, the last line and the lines per kind.
#[derive(Default)]
struct Counter {
    /// (path, column or "" for text, kind) → (last row or line, count).
    hits: BTreeMap<(String, String, &'static str), (u64, u64)>,
}

impl Sink for Counter {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        let (column, at) = match (r.field, r.row) {
            (Some(f), Some(row)) => (f, row),
            _ => ("", r.line.unwrap_or(0)),
        };
        let key = (r.path.to_string(), column.to_string(), r.kind.id());
        let e = self.hits.entry(key).or_insert((u64::MAX, 0));
        // Findings come in row (line) order: a row counts once per kind.
        if e.0 != at {
            *e = (at, e.1 + 1);
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// What a measurement gave.
pub struct Measured {
    /// The inputs as a contract (with the default tolerance).
    pub contract: Contract,
    /// The scan's summary (exemptions taken off).
    pub summary: Summary,
    /// Inputs that named nothing or could not be read.
    pub errors: bool,
    /// Inputs skipped or only partly read.
    pub skipped: usize,
}

/// Scans the inputs and builds their contract; a directory walk never
/// enters `skip` (the contract itself).
///
/// # Errors
/// A message for a bad flag or policy (exit 2).
pub fn measure(args: &MeasureArgs, skip: &[PathBuf]) -> Result<Measured, String> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        return Err("--min-confidence must be between 0 and 1".into());
    }
    if !crate::cli::set_threads(args.threads) {
        return Err("--threads must be at least 1".into());
    }
    let table = args.table.options()?;
    let engine: Engine = args
        .keys
        .apply(Engine::builder().min_confidence(args.min_confidence))?
        .build();
    let exemptions = Exemptions::load(&args.exempt).map_err(|e| e.to_string())?;
    let (inputs, resolve_errors) = input::resolve_inputs_skipping(&args.paths, skip);
    let sources: Vec<Source> = inputs.into_iter().map(|i| i.source).collect();
    for e in &resolve_errors {
        crate::say!("qorgau: {}: {}", e.arg, e.message);
    }
    let (sources, ignored) = exemptions.filter(sources);
    let opts = pipeline::Options {
        progress: !args.no_progress,
        table: table.clone(),
        ..pipeline::Options::default()
    };
    let mut counter = Counter::default();
    let mut gate = Gate::new(
        &mut counter,
        &exemptions,
        None,
        None,
        FailOn::default(),
        ignored,
    )
    .with_fingerprints(false);
    let raw = crate::scan::run(&engine, &sources, &opts, &mut gate)
        .map_err(|e| format!("output: {e}"))?;
    let summary = gate.summary.take().unwrap_or(raw);
    let formats: BTreeMap<String, &'static str> = sources
        .iter()
        .map(|s| {
            let f = if crate::parquet::is_parquet(s, table.format) {
                "parquet"
            } else if summary.columns.contains_key(&s.display()) {
                "csv"
            } else {
                "text"
            };
            (s.display(), f)
        })
        .collect();
    let contract = build(&summary, &counter, &formats, &sources);
    let skipped = resolve_errors.iter().filter(|e| e.is_skip()).count()
        + summary.notes.iter().filter(|n| n.is_skip()).count();
    Ok(Measured {
        contract,
        errors: !resolve_errors.iter().all(input::ResolveError::is_skip) || summary.had_errors(),
        skipped,
        summary,
    })
}

/// The contract of what was counted: every table column (clean ones too)
/// and every text file.
fn build(
    summary: &Summary,
    counter: &Counter,
    formats: &BTreeMap<String, &'static str>,
    sources: &[Source],
) -> Contract {
    let mut c = Contract::new(super::DEFAULT_TOLERANCE);
    for s in sources {
        let name = s.display();
        // Skipped and failed inputs were not measured.
        if summary
            .notes
            .iter()
            .any(|n| n.path == name && (n.status == "error" || n.status == "skipped"))
        {
            continue;
        }
        let key = crate::baseline::path_key(&name).to_string();
        let format = formats.get(&name).copied().unwrap_or("text");
        let mut entry = FileEntry {
            format: format.to_string(),
            ..FileEntry::default()
        };
        let counts = |column: &str| -> BTreeMap<&'static str, u64> {
            counter
                .hits
                .range((name.clone(), column.to_string(), "")..)
                .take_while(|((p, c, _), _)| *p == name && c == column)
                .map(|((_, _, k), (_, n))| (*k, *n))
                .collect()
        };
        match summary.columns.get(&name) {
            Some(columns) => {
                for col in columns {
                    let mut cname = col.name.clone();
                    let mut n = 2;
                    while entry.columns.contains_key(&cname) {
                        cname = format!("{}#{n}", col.name);
                        n += 1;
                    }
                    let kinds = counts(&col.name)
                        .into_iter()
                        .map(|(k, hits)| (k.to_string(), rate(hits, col.cells)))
                        .collect();
                    entry.columns.insert(
                        cname,
                        Column {
                            cells: col.cells,
                            kinds,
                            tolerance: None,
                        },
                    );
                }
            }
            None => {
                let lines = summary.lines.get(&name).copied().unwrap_or(0);
                entry.lines = Some(lines);
                entry.kinds = counts("")
                    .into_iter()
                    .map(|(k, hits)| (k.to_string(), rate(hits, lines)))
                    .collect();
            }
        }
        c.files.insert(key, entry);
    }
    c
}

/// Where `profile -o` writes, as a path (`None`: standard output).
pub fn output_path(o: &Option<PathBuf>) -> Option<&PathBuf> {
    o.as_ref().filter(|p| p.as_os_str() != "-")
}
