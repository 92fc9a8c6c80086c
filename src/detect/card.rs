//! Payment card numbers (PAN): 13–19 digits, Luhn, an issuer range whose
//! length fits (ISO/IEC 7812 prefixes as the card schemes publish them), plain
//! or grouped with spaces or dashes (4-4-4-4, 4-4-4-4-3, Amex 4-6-5).
//! Masked numbers (`4400 43** **** 1234`) break the groups and are not found.

use crate::bytes;
use crate::checksum::luhn;
use crate::detect::{all_same, same_sep_groups, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

fn prefix(d: &[u8], n: usize) -> u32 {
    d[..n].iter().fold(0, |v, &b| v * 10 + u32::from(b - b'0'))
}

/// Base confidence for a Luhn-valid number from its issuer and length.
pub(crate) fn issuer_confidence(d: &[u8]) -> Option<f32> {
    let len = d.len();
    let (p1, p2, p3, p4) = (prefix(d, 1), prefix(d, 2), prefix(d, 3), prefix(d, 4));
    let conf = match () {
        _ if p1 == 4 && matches!(len, 13 | 16 | 19) => 0.85, // Visa
        _ if (51..=55).contains(&p2) && len == 16 => 0.85,   // Mastercard
        _ if (2221..=2720).contains(&p4) && len == 16 => 0.85, // Mastercard 2-series
        _ if (2200..=2204).contains(&p4) && len >= 16 => 0.85, // Mir
        _ if (p2 == 34 || p2 == 37) && len == 15 => 0.85,    // Amex
        _ if p2 == 62 && len >= 16 => 0.8,                   // UnionPay
        _ if (3528..=3589).contains(&p4) && len >= 16 => 0.75, // JCB
        _ if (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65) && len >= 16 => 0.75, // Discover
        _ if ((300..=305).contains(&p3) || matches!(p2, 36 | 38 | 39)) && len >= 14 => 0.7, // Diners
        _ if matches!(p2, 50 | 56 | 57 | 58 | 63 | 67) && len >= 13 => 0.6, // Maestro
        _ => return None,
    };
    Some(conf)
}

fn validate(d: &[u8]) -> Option<f32> {
    if !(13..=19).contains(&d.len()) || all_same(d) || !luhn(d) {
        return None;
    }
    issuer_confidence(d)
}

/// A plain run of 13–19 digits at `s..e` (boundaries checked by the caller).
pub(crate) fn plain(cx: &mut Cx, s: usize, e: usize) -> bool {
    match validate(&cx.hay[s..e]) {
        Some(base) => cx.emit(s, e, Kind::Card, base, Needs::Nothing),
        None => false,
    }
}

/// A grouped number starting with a 4-digit group at `s`.
pub(crate) fn grouped(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let sep = hay[s + 4];
    if !bytes::numeric_left_ok(hay, s) || !matches!(sep, b' ' | b'-') {
        return None;
    }
    let g = same_sep_groups(hay, s, sep, 19)?;
    let sizes = g.sizes();
    let fours = sizes.len() >= 4
        && sizes[..sizes.len() - 1].iter().all(|&n| n == 4)
        && (1..=4).contains(sizes.last()?);
    let amex_like = sizes == [4, 6, 5] || sizes == [4, 6, 4];
    if !(fours || amex_like) || !bytes::numeric_right_ok(hay, g.end) {
        return None;
    }
    let base = validate(g.digits())?;
    cx.emit(s, g.end, Kind::Card, (base + 0.1).min(0.97), Needs::Nothing)
        .then_some(g.end)
}
