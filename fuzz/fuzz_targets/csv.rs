//! The CSV reader and rewriter: no panic, no hang; `keep` gives the input
//! back byte for byte (or the same error as any policy); the default
//! policy keeps the number of records.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qorgau::anonymize::anonymize_table_bytes;
use qorgau::table::{tokenize, TableOptions};

#[path = "common.rs"]
mod common;
use common::*;

fn records(data: &[u8], delimiter: u8, eol: u8) -> usize {
    let mut fields = Vec::new();
    let mut pos = 0;
    let mut n = 0;
    while let Ok(Some((_, next))) = tokenize::record_eol(data, pos, delimiter, eol, &mut fields) {
        n += 1;
        if next <= pos {
            break;
        }
        pos = next;
    }
    n
}

fuzz_target!(|input: &[u8]| {
    // The first byte picks the chunk size, so records cross chunks.
    let Some((&size, data)) = input.split_first() else {
        return;
    };
    let chunk = usize::from(size) + 1;
    let opts = TableOptions {
        delimiter: Some(b','),
        ..TableOptions::default()
    };
    let engine = &*ENGINE;
    let kept = anonymize_table_bytes(engine, &KEEP, None, data, &opts, chunk);
    if let Ok(out) = &kept {
        assert!(out == data, "keep changed the table");
    }
    let out = anonymize_table_bytes(engine, &DEFAULT, Some(&KEY), data, &opts, chunk);
    assert_eq!(kept.is_ok(), out.is_ok() || matches!(&out, Err(e) if e.contains("cannot hold")));
    if let Ok(out) = out {
        let eol = tokenize::sniff_eol(data);
        assert_eq!(records(&out, b',', eol), records(data, b',', eol), "records changed");
    }
});
