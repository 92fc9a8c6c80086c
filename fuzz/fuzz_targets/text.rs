//! The text engine and the text rewrite: no panic, no hang; `keep` gives
//! the input back byte for byte; under the default policy every byte
//! outside a finding is kept, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qorgau::anonymize::anonymize_bytes;

#[path = "common.rs"]
mod common;
use common::*;

fuzz_target!(|data: &[u8]| {
    let engine = &*ENGINE;
    let kept = anonymize_bytes(engine, &KEEP, None, data);
    assert!(kept == data, "keep changed the input");
    let mut findings = Vec::new();
    engine.find_in(data, 0..data.len(), true, &mut findings);
    let mut gaps: Vec<&[u8]> = Vec::new();
    let mut pos = 0;
    for f in &findings {
        assert!(f.start >= pos && f.end <= data.len() && f.start < f.end);
        gaps.push(&data[pos..f.start]);
        pos = f.end;
    }
    gaps.push(&data[pos..]);
    let out = anonymize_bytes(engine, &DEFAULT, Some(&KEY), data);
    assert!(kept_in_order(&out, &gaps), "a byte outside a finding was lost");
});
