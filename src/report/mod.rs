//! The seam between the scan driver and the printers: the driver calls a
//! [`Sink`] with each finding in input order; one printer per output format
//! implements it. Records carry only the masked preview, never a raw value.

mod json;
mod jsonl;
mod sarif;
mod summary;
mod text;

pub use json::JsonPrinter;
pub use jsonl::JsonlPrinter;
pub use sarif::SarifPrinter;
pub use summary::SummaryPrinter;
pub use text::TextPrinter;

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use crate::kind::Kind;

/// One finding as reported (see `docs/interface.md`).
#[derive(Debug, Clone, Serialize)]
pub struct Record<'a> {
    pub path: &'a str,
    pub kind: Kind,
    pub start: u64,
    pub end: u64,
    /// Text and CSV: 1-based line and column (characters); none for Parquet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    #[serde(serialize_with = "round2")]
    pub confidence: f32,
    pub preview: &'a str,
    /// CSV: 1-based data row (header excluded); Parquet: 0-based row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// CSV: the column name; Parquet: the column path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'a str>,
    /// The value's fingerprint (see `docs/ci.md`): set by the CI gate, never
    /// the value itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<&'a str>,
    /// The raw value (as UTF-8 text), for fingerprints and allowlists only:
    /// never serialized, never printed.
    #[serde(skip)]
    pub value: &'a [u8],
    /// The line the value sits on (at most 4 KiB either side of it); the
    /// cell for Parquet. For the inline `qorgau:allow` marker only: never
    /// serialized, never printed.
    #[serde(skip)]
    pub line_text: &'a [u8],
}

/// How far either side of a finding its line is searched for the inline
/// marker.
pub const LINE_WINDOW: usize = 4096;

/// The line around `data[start..end]`, at most [`LINE_WINDOW`] bytes either
/// side.
pub fn line_around(data: &[u8], start: usize, end: usize) -> &[u8] {
    let lo = start.saturating_sub(LINE_WINDOW);
    let hi = (end + LINE_WINDOW).min(data.len());
    let from = memchr::memrchr(b'\n', &data[lo..start]).map_or(lo, |i| lo + i + 1);
    let to = memchr::memchr(b'\n', &data[end..hi]).map_or(hi, |i| end + i);
    &data[from..to]
}

fn round2<S: serde::Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*v) * 100.0).round() / 100.0)
}

/// What happened to one input besides its findings.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub path: String,
    /// `skipped` (binary), `error` (unreadable), `partial` (binary data
    /// after some text), `warning` (read in full, but see the message).
    pub status: &'static str,
    pub message: String,
}

impl Note {
    /// Whether the input was skipped or only partly scanned.
    pub fn is_skip(&self) -> bool {
        self.status == "skipped" || self.status == "partial"
    }

    /// Whether what was left unscanned is binary data (not text that could
    /// not be read, as UTF-16 without a byte-order mark).
    pub fn is_binary(&self) -> bool {
        self.message.starts_with("binary") || self.message.starts_with("Parquet data")
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: u64,
    pub bytes: u64,
    pub findings: u64,
    /// Findings per kind id.
    pub kinds: BTreeMap<String, u64>,
    /// Findings per file and kind id.
    pub per_file: BTreeMap<String, BTreeMap<String, u64>>,
    pub notes: Vec<Note>,
    pub seconds: f64,
    /// Tables: a profile of every column, per file.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, Vec<ColumnProfile>>,
    /// Findings exempted by the CI gate, per reason (`inline`, `values`,
    /// `patterns`, `fingerprints`, `test_data`, `baseline`); not in the
    /// counts above.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub exempt: BTreeMap<String, u64>,
    /// Inputs left out by `.qorgauignore` or `[allow] paths`.
    #[serde(skip_serializing_if = "is_zero")]
    pub ignored_files: u64,
    /// Text inputs: lines per file (for `profile`).
    #[serde(skip)]
    pub lines: BTreeMap<String, u64>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What a column of a table holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ColumnProfile {
    pub name: String,
    /// Non-empty cells.
    pub cells: u64,
    /// Cells with at least one finding.
    pub hits: u64,
    /// Findings per kind id.
    pub kinds: BTreeMap<String, u64>,
    /// Kinds the header's words name.
    pub header_kinds: Vec<String>,
    /// Kinds decided by the column's values (most of its first cells
    /// validate as one kind), whatever its header says.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub value_kinds: Vec<String>,
    /// `pii` (at least half the cells hold an identifier, or the header
    /// names a kind with no value detector yet: a name or address column),
    /// `mixed` or `clean`.
    pub verdict: &'static str,
}

impl ColumnProfile {
    /// Share of non-empty cells with a finding.
    pub fn hit_rate(&self) -> f64 {
        self.hits as f64 / self.cells.max(1) as f64
    }

    /// Sets the verdict from the counts.
    pub fn judge(&mut self) {
        let named = self
            .header_kinds
            .iter()
            .any(|k| k == "person" || k == "address");
        self.verdict = match self.hit_rate() {
            _ if named && self.cells > 0 => "pii",
            r if r >= 0.5 => "pii",
            r if r > 0.0 => "mixed",
            _ => "clean",
        };
    }
}

impl Summary {
    /// Adds one file's counts per kind (indexed by `Kind as usize`).
    pub fn add_file(&mut self, path: &str, counts: &[u64; 32]) {
        for (&kind, &n) in Kind::ALL.iter().zip(counts.iter()) {
            if n == 0 {
                continue;
            }
            self.findings += n;
            *self.kinds.entry(kind.id().to_string()).or_default() += n;
            *self
                .per_file
                .entry(path.to_string())
                .or_default()
                .entry(kind.id().to_string())
                .or_default() += n;
        }
    }

    /// Whether any input could not be read.
    pub fn had_errors(&self) -> bool {
        self.notes.iter().any(|n| n.status == "error")
    }
}

/// Receives a scan's results in input order.
pub trait Sink {
    /// One finding.
    ///
    /// # Errors
    /// The output's I/O error (a closed pipe ends the run).
    fn finding(&mut self, record: &Record) -> io::Result<()>;

    /// An input was skipped or failed; the driver also tells stderr.
    ///
    /// # Errors
    /// The output's I/O error.
    fn note(&mut self, _note: &Note) -> io::Result<()> {
        Ok(())
    }

    /// The run is over.
    ///
    /// # Errors
    /// The output's I/O error.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The output formats of `scan --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: kind preview (confidence)`, coloured on a terminal.
    Text,
    /// One JSON object per finding per line.
    Jsonl,
    /// One JSON document with the findings and a summary.
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// Counts per file and kind.
    Summary,
}

/// A printer for `format` writing to `out`; `heading` groups the text
/// format's findings under their file, with a count per kind.
pub fn printer<W: io::Write + 'static>(
    format: Format,
    out: W,
    color: bool,
    heading: bool,
) -> Box<dyn Sink> {
    match format {
        Format::Text => Box::new(TextPrinter::new(out, color, heading)),
        Format::Jsonl => Box::new(JsonlPrinter::new(out)),
        Format::Json => Box::new(JsonPrinter::new(out)),
        Format::Sarif => Box::new(SarifPrinter::new(out)),
        Format::Summary => Box::new(SummaryPrinter::new(out)),
    }
}
