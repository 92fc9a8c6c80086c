//! IIN (ИИН/ЖСН) and BIN (БИН/БСН): 12 digits with the two-pass mod-11 check
//! digit. Digit 5 tells them apart (an IIN's is the tens of the birth day,
//! 0–3; a BIN's is 4–6), so one candidate is never both.
//!
//! The checksum alone passes one random number in ten, so the embedded date
//! and the century/sex digit decide the base confidence; since 2013 the law no
//! longer guarantees those digits, so a bad date lowers confidence instead of
//! rejecting, and a context word (ИИН, ЖСН, IIN) lifts it back.

use crate::bytes::{self, is_digit};
use crate::checksum::iin_bin_check;
use crate::detect::{all_same, same_sep_groups, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

/// The latest two-digit birth year an IIN of the 2000s can carry. Kept
/// fixed (not read from the clock) so results do not change with the date.
const LATEST_2000S_YEAR: u32 = 26;

/// A plain 12-digit run at `s..e` whose boundaries the caller checked.
pub(crate) fn plain(cx: &mut Cx, s: usize, e: usize) -> bool {
    let Ok(d) = <&[u8; 12]>::try_from(&cx.hay[s..e]) else {
        return false;
    };
    if all_same(d) || !iin_bin_check(d) {
        return false;
    }
    match d[4] {
        b'0'..=b'3' => cx.emit(s, e, Kind::Iin, iin_confidence(d), iin_needs(d)),
        b'4'..=b'6' => cx.emit(s, e, Kind::Bin, bin_confidence(d), Needs::Nothing),
        _ => false,
    }
}

/// What an IIN needs beside its checksum. A century digit 0 (seen on valid
/// numbers, meaning unconfirmed) followed by another 0 is how ids made of
/// a date and a zero-padded counter look (`"slot":"240516000233"`, one in
/// ten passes the checksum): such a number needs its word or key.
fn iin_needs(d: &[u8; 12]) -> Needs {
    if d[6] == b'0' && d[7] == b'0' {
        Needs::Context
    } else {
        Needs::Nothing
    }
}

/// An IIN or BIN typed or dictated in groups, starting at the digit run `s`
/// that `sep` follows: `900101 300811`, `9001 0130 0811`, `900101-300811`,
/// and as speech-to-text writes it, `90 01 01 30 08 11`, or one digit a box
/// as OCR reads a form (`8 5 0 3 1 2 3 0 5 3 9 0`, beside its word). The checksum holds
/// as for the plain form; the typed groupings (6-6, 4-4-4) count as the
/// plain run does, any other grouping needs the embedded date to hold or a
/// context word (ИИН, ЖСН, IIN) near; dotted groups and a grouped BIN
/// always need their word.
pub(crate) fn grouped(cx: &mut Cx, s: usize, sep: u8) -> Option<usize> {
    let hay = cx.hay;
    // Not the tail of a longer grouped number (`12 900101 300811`).
    let glued = s >= 2 && hay[s - 1] == sep && is_digit(hay[s - 2]);
    // Nor the parts of a dashed code (`KZ-240313-630389`, an order id).
    let coded = sep == b'-' && s >= 2 && hay[s - 1] == b'-' && bytes::is_alnum(hay[s - 2]);
    if glued || coded || !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    let g = same_sep_groups(hay, s, sep, 12)?;
    if g.len != 12 || g.count < 2 || !bytes::numeric_right_ok(hay, g.end) {
        return None;
    }
    // A dot only between typed groups (`9001.0130.0811`): `90.01.01` is a date.
    let typed = matches!(g.sizes(), [6, 6] | [4, 4, 4]);
    if sep == b'.' && !typed {
        return None;
    }
    let Ok(d) = <&[u8; 12]>::try_from(g.digits()) else {
        return None;
    };
    if all_same(d) || !iin_bin_check(d) {
        return None;
    }
    let (kind, base) = match d[4] {
        b'0'..=b'3' => (Kind::Iin, iin_confidence(d)),
        b'4'..=b'6' => (Kind::Bin, bin_confidence(d)),
        _ => return None,
    };
    // A BIN is seldom grouped (`1710 4028 7876` is a reference number):
    // grouped, it needs its word (БИН, БСН).
    // Dotted groups also make versions (`9507.3108.1217`): they too need it.
    // One digit a box (a form's IIN field as OCR reads it: `8 5 0 3 1 2 …`)
    // needs its word too.
    let boxed = g.sizes().iter().all(|&n| n == 1);
    let needs = if kind == Kind::Iin
        && sep != b'.'
        && !boxed
        && (typed || base >= 0.55)
        && iin_needs(d) == Needs::Nothing
    {
        Needs::Nothing
    } else {
        Needs::Context
    };
    cx.emit(s, g.end, kind, base, needs).then_some(g.end)
}

/// Whether `ИИН`, `ЖСН` or `IIN` (any case) stands earlier on the line of
/// `s`, at most `reach` bytes back: a remark such as `ИИН в 1С потерял
/// ведущий ноль … (в 1С: 10719621914)` names the number from afar.
fn iin_word_before(hay: &[u8], s: usize, reach: usize) -> bool {
    let lo = s.saturating_sub(reach);
    let ls = memchr::memrchr(b'\n', &hay[lo..s]).map_or(lo, |p| lo + p + 1);
    const WORDS: [&[u8]; 7] = [
        "ИИН".as_bytes(),
        "иин".as_bytes(),
        "Иин".as_bytes(),
        "ЖСН".as_bytes(),
        "жсн".as_bytes(),
        b"IIN",
        b"iin",
    ];
    let line = &hay[ls..s];
    WORDS
        .iter()
        .any(|w| memchr::memmem::find(line, w).is_some())
}

/// Whether the 12 digits at `s` follow their own prefix `IIN`/`BIN` (any
/// case) that nothing alphanumeric precedes.
pub(crate) fn prefixed(hay: &[u8], s: usize) -> bool {
    s >= 3
        && (hay[s - 3..s].eq_ignore_ascii_case(b"IIN")
            || hay[s - 3..s].eq_ignore_ascii_case(b"BIN"))
        && (s == 3 || !crate::bytes::is_alnum(hay[s - 4]))
}

/// An 11-digit run `s..e` under a key or column that names the IIN
/// (`"iin": 20702503871`, a COPY row's `iin` column), or in text after the
/// word ИИН on its line: an IIN whose leading zero an integer column or a
/// spreadsheet dropped (people born 2000–2009).
pub(crate) fn padded(cx: &mut Cx, s: usize, e: usize) -> bool {
    let hay = cx.hay;
    if hay[s] == b'0' {
        return false;
    }
    let mut d = [b'0'; 12];
    d[1..].copy_from_slice(&hay[s..e]);
    if !iin_bin_check(&d) || d[4] > b'3' {
        return false;
    }
    let base = iin_confidence(&d);
    if cx.named_for(s, Kind::Iin) {
        return cx.emit(s, e, Kind::Iin, base, Needs::Context);
    }
    // In free text: a born-2000s date that holds (digit 7 is 5 or 6) and
    // the word ИИН earlier on the line.
    base >= 0.85 && iin_word_before(hay, s, 160) && cx.emit(s, e, Kind::Iin, base, Needs::Nothing)
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0'))
}

/// Base confidence of a checksum-valid IIN from its date and digit 7.
pub(crate) fn iin_confidence(d: &[u8; 12]) -> f32 {
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let centuries: &[u32] = match d[6] {
        b'1' | b'2' => &[1800],
        b'3' | b'4' => &[1900],
        b'5' | b'6' => &[2000],
        b'0' => &[1900, 2000],
        _ => &[],
    };
    let valid = centuries
        .iter()
        .any(|&c| (c != 2000 || yy <= LATEST_2000S_YEAR) && is_date(c + yy, mm, dd));
    match (valid, d[6]) {
        (true, b'3'..=b'6') => 0.85,
        (true, b'0') => 0.6,
        (true, _) => 0.55,
        (false, _) => 0.35,
    }
}

/// Base confidence of a checksum-valid BIN from its month and office digit.
fn bin_confidence(d: &[u8; 12]) -> f32 {
    let mm = num(&d[2..4]);
    match (mm, d[5]) {
        (1..=12, b'0'..=b'4') => 0.8,
        _ => 0.35,
    }
}

/// Whether `y-m-d` is a calendar date.
pub(crate) fn is_date(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date(2000, 2, 29));
        assert!(!is_date(1900, 2, 29));
        assert!(!is_date(1990, 13, 1));
        assert!(iin_confidence(b"900101300811") > 0.8);
        assert!(iin_confidence(b"901301300811") < 0.5);
    }
}
