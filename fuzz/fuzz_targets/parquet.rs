//! The Parquet reader: any bytes as a `.parquet` file are scanned, or
//! refused with an error, never a panic or a hang; `keep` rewrites what
//! can be read.
#![no_main]

use std::io::Write;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use qorgau::report::{Record, Sink, Summary};

#[path = "common.rs"]
mod common;
use common::*;

struct Null;

impl Sink for Null {
    fn finding(&mut self, _: &Record) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _: &Summary) -> std::io::Result<()> {
        Ok(())
    }
}

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // qorgau turns the parquet crate's panics on corrupt pages into read
    // errors (catch_unwind); libfuzzer-sys's hook would abort before that.
    // A panic that escapes is still a crash: libfuzzer-sys aborts on it.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut file = tempfile::Builder::new()
        .suffix(".parquet")
        .tempfile()
        .expect("a temp file");
    file.write_all(data).expect("written");
    let path = file.path();
    let mut summary = Summary::default();
    qorgau::parquet::scan::scan_file(&ENGINE, path, "fuzz.parquet", &mut Null, &mut summary)
        .expect("the null sink never fails");
    let _ = qorgau::parquet::rewrite::anonymize_file(&ENGINE, &KEEP, None, path, None, Vec::new());
});
