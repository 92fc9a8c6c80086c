//! The JSON Lines printer: one finding object per line, for pipelines.

use std::io::{self, Write};

use super::{Record, Sink, Summary};

pub struct JsonlPrinter<W> {
    out: W,
}

impl<W: Write> JsonlPrinter<W> {
    pub fn new(out: W) -> Self {
        JsonlPrinter { out }
    }
}

impl<W: Write> Sink for JsonlPrinter<W> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, r)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
