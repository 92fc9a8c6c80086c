//! The summary printer: counts per file and kind, then totals.

use std::io::{self, Write};

use super::{Record, Sink, Summary};

pub struct SummaryPrinter<W> {
    out: W,
}

impl<W: Write> SummaryPrinter<W> {
    pub fn new(out: W) -> Self {
        SummaryPrinter { out }
    }
}

impl<W: Write> Sink for SummaryPrinter<W> {
    fn finding(&mut self, _r: &Record) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let width = s
            .per_file
            .keys()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            self.out,
            "{:width$}  {:<14} {:>10}",
            "file", "kind", "findings"
        )?;
        for (path, kinds) in &s.per_file {
            for (kind, n) in kinds {
                writeln!(self.out, "{path:width$}  {kind:<14} {n:>10}")?;
            }
        }
        writeln!(self.out)?;
        for (kind, n) in &s.kinds {
            writeln!(self.out, "{:width$}  {kind:<14} {n:>10}", "total")?;
        }
        for (path, columns) in &s.columns {
            writeln!(self.out)?;
            writeln!(self.out, "{path}: columns")?;
            let w = columns
                .iter()
                .map(|c| c.name.chars().count())
                .max()
                .unwrap_or(6)
                .max(6);
            writeln!(
                self.out,
                "  {:w$}  {:<7} {:>9}  kinds",
                "column", "verdict", "hit rate"
            )?;
            for c in columns {
                let kinds: Vec<String> = c.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
                let mut header = if c.header_kinds.is_empty() {
                    String::new()
                } else {
                    format!("  (header: {})", c.header_kinds.join(", "))
                };
                if !c.value_kinds.is_empty() {
                    header.push_str(&format!("  (by values: {})", c.value_kinds.join(", ")));
                }
                writeln!(
                    self.out,
                    "  {:w$}  {:<7} {:>8.1}%  {}{header}",
                    c.name,
                    c.verdict,
                    c.hit_rate() * 100.0,
                    if kinds.is_empty() {
                        "-".to_string()
                    } else {
                        kinds.join(", ")
                    },
                )?;
            }
        }
        if let Some(line) = crate::gate::exempt_line(s) {
            writeln!(self.out, "{line}")?;
        }
        writeln!(
            self.out,
            "{} findings in {} files ({} bytes), {} skipped or failed",
            s.findings,
            s.files,
            s.bytes,
            s.notes.len()
        )?;
        self.out.flush()
    }
}
