//! The human-readable printer. Without headings (the default when the
//! output is not a terminal, and `--no-heading`): grep-style `path:line:column:
//! kind preview (confidence)` lines, one a finding, for scripts and editors.
//! With headings (a terminal, or `--heading`), as ripgrep: the path once,
//! its findings below it, then a count per kind for the file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Record, Sink, Summary};
use crate::kind::Kind;

pub struct TextPrinter<W> {
    out: W,
    color: bool,
    heading: bool,
    /// Headings: the file being printed and its findings per kind.
    current: Option<String>,
    counts: BTreeMap<Kind, u64>,
}

impl<W: Write> TextPrinter<W> {
    pub fn new(out: W, color: bool, heading: bool) -> Self {
        TextPrinter {
            out,
            color,
            heading,
            current: None,
            counts: BTreeMap::new(),
        }
    }

    /// Headings: the count line that closes a file.
    fn close_file(&mut self) -> io::Result<()> {
        if self.current.take().is_none() {
            return Ok(());
        }
        let total: u64 = self.counts.values().sum();
        let kinds: Vec<String> = std::mem::take(&mut self.counts)
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let line = format!(
            "{total} finding{}: {}",
            if total == 1 { "" } else { "s" },
            kinds.join(", ")
        );
        if self.color {
            writeln!(self.out, "  \x1b[2m{line}\x1b[0m\n")
        } else {
            writeln!(self.out, "  {line}\n")
        }
    }
}

impl<W: Write> Sink for TextPrinter<W> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        // Text and CSV: `path:line:column:`; Parquet: `path:row N:field:`.
        let (at, within) = match (r.line, r.column, r.row, r.field) {
            (Some(l), Some(c), _, _) => (l.to_string(), c.to_string()),
            (_, _, row, field) => (
                format!("row {}", row.unwrap_or(0)),
                field.unwrap_or("").to_string(),
            ),
        };
        if self.heading {
            if self.current.as_deref() != Some(r.path) {
                self.close_file()?;
                self.current = Some(r.path.to_string());
                if self.color {
                    writeln!(self.out, "\x1b[35m{}\x1b[0m", r.path)?;
                } else {
                    writeln!(self.out, "{}", r.path)?;
                }
            }
            *self.counts.entry(r.kind).or_default() += 1;
            return if self.color {
                writeln!(
                    self.out,
                    "  \x1b[32m{at}\x1b[0m:{within}: \x1b[1;31m{}\x1b[0m {} \x1b[2m({:.2})\x1b[0m",
                    r.kind, r.preview, r.confidence
                )
            } else {
                writeln!(
                    self.out,
                    "  {at}:{within}: {} {} ({:.2})",
                    r.kind, r.preview, r.confidence
                )
            };
        }
        if self.color {
            writeln!(
                self.out,
                "\x1b[35m{}\x1b[0m:\x1b[32m{}\x1b[0m:{}: \x1b[1;31m{}\x1b[0m {} \x1b[2m({:.2})\x1b[0m",
                r.path, at, within, r.kind, r.preview, r.confidence
            )
        } else {
            writeln!(
                self.out,
                "{}:{}:{}: {} {} ({:.2})",
                r.path, at, within, r.kind, r.preview, r.confidence
            )
        }
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.close_file()?;
        self.out.flush()
    }
}
