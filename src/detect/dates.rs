//! Dates of birth: a calendar date (`12.04.1985`, `12/04/1985`,
//! `1985-04-12`) next to a context word (дата рождения, д.р., туған күні,
//! DOB, born). A date alone is an event, not a person's attribute.

use crate::bytes::{self, is_digit};
use crate::detect::kz_id::is_date;
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0'))
}

fn digits_at(hay: &[u8], i: usize, n: usize) -> Option<&[u8]> {
    let d = hay.get(i..i + n)?;
    d.iter().all(|&b| is_digit(b)).then_some(d)
}

/// A date starting at the digit run `s..e` (2 digits then `.`/`/`, or 4
/// digits then `-`); returns its end when a date of birth was reported.
#[inline(never)]
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    // `2024-03-01T…`, the commonest date in logs, is a timestamp.
    if e - s == 4 && hay.get(s + 10) == Some(&b'T') {
        return None;
    }
    if !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    let sep = *hay.get(e)?;
    let (y, m, d, end) = match (e - s, sep) {
        (2, b'.' | b'/') => {
            let mm = digits_at(hay, e + 1, 2)?;
            if hay.get(e + 3) != Some(&sep) {
                return None;
            }
            let yy = digits_at(hay, e + 4, 4)?;
            (num(yy), num(mm), num(&hay[s..e]), e + 8)
        }
        (4, b'-') => {
            let mm = digits_at(hay, e + 1, 2)?;
            if hay.get(e + 3) != Some(&b'-') {
                return None;
            }
            let dd = digits_at(hay, e + 4, 2)?;
            (num(&hay[s..e]), num(mm), num(dd), e + 6)
        }
        _ => return None,
    };
    // Not followed by a time: `2024-03-01T10:48` and `2024-03-01 10:48`
    // are timestamps (most dates in logs), a date of birth has no hour.
    let time_after = |i: usize| {
        hay.get(i..i + 3)
            .is_some_and(|w| is_digit(w[0]) && is_digit(w[1]) && w[2] == b':')
    };
    if hay.get(end) == Some(&b'T') || (hay.get(end) == Some(&b' ') && time_after(end + 1)) {
        return None;
    }
    // A birth date: a real day between 1900 and 2026 (fixed, not the clock).
    if !(1900..=2026).contains(&y) || !is_date(y, m, d) || !bytes::numeric_right_ok(hay, end) {
        return None;
    }
    cx.emit(s, end, Kind::DateOfBirth, 0.9, Needs::Context)
        .then_some(end)
}
