//! The validators and the detectors behind them: checksums on arbitrary
//! digits, and every cell searched with every kind as its column's hint.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qorgau::checksum;

#[path = "common.rs"]
mod common;
use common::*;

fuzz_target!(|data: &[u8]| {
    // Each check takes what its detector hands it: ASCII digits for Luhn
    // and the IIN/BIN check, alphanumerics for IBAN.
    let digits: Vec<u8> = data.iter().map(|b| b'0' + b % 10).collect();
    let _ = checksum::luhn(&digits);
    let _ = checksum::luhn16(data);
    let alnum: Vec<u8> = data
        .iter()
        .map(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[usize::from(b % 36)])
        .collect();
    let _ = checksum::iban_mod97(&alnum);
    for &b in data.iter().take(4) {
        let _ = checksum::hex_value(b);
    }
    if digits.len() >= 12 {
        let d: [u8; 12] = digits[..12].try_into().unwrap();
        let _ = checksum::iin_bin_check(&d);
        let _ = checksum::iin_bin_check_digit(&digits[..11]);
    }
    let Some((&hint, cell)) = data.split_first() else {
        return;
    };
    let mut out = Vec::new();
    ENGINE.find_in_cell(cell, 0..cell.len(), 1u32 << (hint % 32), &mut out);
    for f in &out {
        assert!(f.start < f.end && f.end <= cell.len());
    }
});
