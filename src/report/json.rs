//! The JSON printer: one document `{"findings": [...], "summary": {...}}`,
//! streamed so that a large result does not sit in memory.

use std::io::{self, Write};

use super::{Record, Sink, Summary};

pub struct JsonPrinter<W> {
    out: W,
    count: u64,
}

impl<W: Write> JsonPrinter<W> {
    pub fn new(out: W) -> Self {
        JsonPrinter { out, count: 0 }
    }
}

impl<W: Write> Sink for JsonPrinter<W> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        self.out.write_all(if self.count == 0 {
            b"{\"findings\":[\n"
        } else {
            b",\n"
        })?;
        self.count += 1;
        serde_json::to_writer(&mut self.out, r).map_err(io::Error::from)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.count == 0 {
            self.out.write_all(b"{\"findings\":[")?;
        }
        self.out.write_all(b"],\n\"summary\":")?;
        serde_json::to_writer(&mut self.out, summary)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
