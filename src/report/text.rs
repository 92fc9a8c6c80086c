//! The human-readable printer: grep-style `path:line:column: kind preview
//! (confidence)` lines, coloured only when writing to a terminal.

use std::io::{self, Write};

use super::{Record, Sink, Summary};

pub struct TextPrinter<W> {
    out: W,
    color: bool,
}

impl<W: Write> TextPrinter<W> {
    pub fn new(out: W, color: bool) -> Self {
        TextPrinter { out, color }
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
        self.out.flush()
    }
}
