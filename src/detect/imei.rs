//! IMEI (3GPP TS 23.003): 15 digits = TAC (8) + serial (6) + Luhn check digit,
//! plain or grouped (`35-209900-176148-1`). The first two digits are the
//! reporting body; without a context word only the common ones count, which
//! keeps out IMSIs (`401…`, `250…`) and Luhn-passing counters. IMEISV (16
//! digits, no check digit) is reported only next to a context word.

use crate::bytes;
use crate::checksum::luhn;
use crate::detect::{all_same, same_sep_groups, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

/// Reporting-body prefixes seen on most devices (GSMA allocations).
const COMMON_RB: &[&[u8]] = &[
    b"01", b"35", b"86", b"99", b"30", b"33", b"44", b"45", b"49", b"50", b"51", b"52", b"53",
    b"54", b"91", b"98",
];

fn base(d: &[u8]) -> f32 {
    if COMMON_RB.contains(&&d[..2]) {
        0.6
    } else {
        0.3
    }
}

/// A plain run at `s..e` of 15 digits (IMEI) or 16 (IMEISV, context only).
pub(crate) fn plain(cx: &mut Cx, s: usize, e: usize) -> bool {
    let d = &cx.hay[s..e];
    if all_same(d) {
        return false;
    }
    match d.len() {
        15 if luhn(d) => cx.emit(s, e, Kind::Imei, base(d), Needs::Nothing),
        16 => cx.emit(s, e, Kind::Imei, 0.6, Needs::Context),
        _ => false,
    }
}

/// A grouped IMEI at `s` whose first group ends at `sep`: 2-6-6-1, 6-2-6-1
/// or 8-6-1 (IMEISV: the same with a 2-digit tail, context only).
pub(crate) fn grouped(cx: &mut Cx, s: usize, sep: u8) -> Option<usize> {
    let hay = cx.hay;
    if !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    let g = same_sep_groups(hay, s, sep, 16)?;
    if !bytes::numeric_right_ok(hay, g.end) {
        return None;
    }
    let d = g.digits();
    let found = match g.sizes() {
        [2, 6, 6, 1] | [6, 2, 6, 1] | [8, 6, 1] if luhn(d) => {
            cx.emit(s, g.end, Kind::Imei, 0.9, Needs::Nothing)
        }
        [2, 6, 6, 2] | [6, 2, 6, 2] | [8, 6, 2] => {
            cx.emit(s, g.end, Kind::Imei, 0.8, Needs::Context)
        }
        _ => false,
    };
    found.then_some(g.end)
}
