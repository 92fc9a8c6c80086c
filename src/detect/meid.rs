//! MEID (3GPP2 S.R0048): 14 hex digits, the first two (the regional code)
//! A0–FF for globally administered ones, with an optional 15th Luhn-in-base-16
//! check digit; also the 18-digit decimal form (10-digit manufacturer code up
//! to 2^32, 8-digit serial up to 2^24), which is reported only next to a
//! context word, as is an all-decimal 14-digit MEID.

use crate::bytes;
use crate::checksum::{hex_value, luhn16};
use crate::detect::{all_same, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

/// A hex run `s..e` of 14 or 15 characters (or 14 decimal digits).
pub(crate) fn hex(cx: &mut Cx, s: usize, e: usize) -> bool {
    let hay = cx.hay;
    let h = &hay[s..e];
    if !bytes::numeric_left_ok(hay, s) || !bytes::numeric_right_ok(hay, e) || all_same(h) {
        return false;
    }
    if h.iter().all(u8::is_ascii_digit) {
        return h.len() == 14 && cx.emit(s, e, Kind::Meid, 0.7, Needs::Context);
    }
    let rr = hex_value(h[0]).unwrap_or(0) * 16 + hex_value(h[1]).unwrap_or(0);
    if rr < 0xA0 {
        return false;
    }
    let upper = !h.iter().any(u8::is_ascii_lowercase);
    let base = match (h.len(), upper) {
        (15, _) if luhn16(h) => 0.85,
        (15, _) => return false,
        (_, true) => 0.55,
        (_, false) => 0.45,
    };
    cx.emit(s, e, Kind::Meid, base, Needs::Nothing)
}

/// An 18-digit decimal MEID at `s..e`, context only.
pub(crate) fn decimal(cx: &mut Cx, s: usize, e: usize) -> bool {
    let d = &cx.hay[s..e];
    if d.len() != 18 {
        return false;
    }
    let num = |x: &[u8]| x.iter().fold(0u64, |v, &b| v * 10 + u64::from(b - b'0'));
    if num(&d[..10]) > u64::from(u32::MAX) || num(&d[10..]) >= 1 << 24 {
        return false;
    }
    cx.emit(s, e, Kind::Meid, 0.7, Needs::Context)
}
