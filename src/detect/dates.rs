//! Dates of birth: a calendar date (`12.04.1985`, `12/04/1985`,
//! `1985-04-12`) next to a context word (дата рождения, д.р., туған күні,
//! DOB, born), or with the month in words (`19 мая 1948 г.р.`, `1990 жылғы
//! 21 наурызда туған`) beside a birth word in the same clause. A date alone
//! is an event, not a person's attribute.

use crate::bytes::{self, is_digit};
use crate::checksum::iin_bin_check;
use crate::detect::kz_id::is_date;
use crate::detect::names::{self, lower, word_end};
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
    if cx.emit(s, end, Kind::DateOfBirth, 0.9, Needs::Context) {
        return Some(end);
    }
    // No birth word near, but an IIN on the line that encodes this very
    // date (a table of residents: name, date of birth, IIN).
    (iin_encodes(hay, s, end, y, m, d) && cx.emit(s, end, Kind::DateOfBirth, 0.85, Needs::Nothing))
        .then_some(end)
}

/// A date written without separators (`19770303`, HL7's and many
/// exports' `YYYYMMDD`) or with an English month abbreviation (Oracle's
/// `DD-MON-RR`: `30-JUL-95`, `02-OCT-1975`), reported only as the value of
/// a field named for a birth date (`BIRTH_DATE`, `"dob"`): alone, eight
/// digits are an id or a build and `30-JUL-95` an event.
#[inline(never)]
pub(crate) fn under_birth_key(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let (y, m, d, end) = if e - s == 8 {
        let t = &hay[s..e];
        (num(&t[..4]), num(&t[4..6]), num(&t[6..]), e)
    } else if e - s == 2 && hay.get(e) == Some(&b'-') && hay.get(e + 4) == Some(&b'-') {
        let mon = hay.get(e + 1..e + 4)?;
        const ABBR: [&[u8; 3]; 12] = [
            b"JAN", b"FEB", b"MAR", b"APR", b"MAY", b"JUN", b"JUL", b"AUG", b"SEP", b"OCT", b"NOV",
            b"DEC",
        ];
        let m = ABBR.iter().position(|a| a.eq_ignore_ascii_case(mon))? as u32 + 1;
        let ys = e + 5;
        let ye = digit_run(hay, ys);
        let y = match ye - ys {
            4 => num(&hay[ys..ye]),
            // Oracle's RR: 00–49 this century, 50–99 the last.
            2 if num(&hay[ys..ye]) < 50 => 2000 + num(&hay[ys..ye]),
            2 => 1900 + num(&hay[ys..ye]),
            _ => return None,
        };
        (y, m, num(&hay[s..e]), ye)
    } else {
        return None;
    };
    if !(1900..=2026).contains(&y)
        || !is_date(y, m, d)
        || !bytes::numeric_left_ok(hay, s)
        || !bytes::numeric_right_ok(hay, end)
        || !cx.named_for(s, Kind::DateOfBirth)
    {
        return None;
    }
    cx.emit(s, end, Kind::DateOfBirth, 0.9, Needs::Context)
        .then_some(end)
}

/// Whether the date `s..end` stands next to a 12-digit run that starts with
/// the date as an IIN writes it (YYMMDD) and passes the IIN checksum, only
/// cell separators between (`19.10.1984      841019445651`, `…,19.07.2001`).
fn iin_encodes(hay: &[u8], s: usize, end: usize, y: u32, m: u32, d: u32) -> bool {
    let two = |v: u32| [b'0' + (v / 10 % 10) as u8, b'0' + (v % 10) as u8];
    let (yy, mm, dd) = (two(y), two(m), two(d));
    let want = [yy[0], yy[1], mm[0], mm[1], dd[0], dd[1]];
    let gap = |b: &u8| matches!(b, b' ' | b'\t' | b',' | b';' | b'|' | b'"');
    let is_iin = |p: usize| {
        let run = digit_run(hay, p);
        run - p == 12
            && (p == 0 || !hay[p - 1].is_ascii_digit())
            && hay[p..p + 6] == want
            && <&[u8; 12]>::try_from(&hay[p..run]).is_ok_and(iin_bin_check)
    };
    // After: past the separators (at most 64 bytes).
    let after = hay[end..].iter().take(64).take_while(|b| gap(b)).count();
    if after > 0 && is_iin(end + after) {
        return true;
    }
    // Before: back over the separators to a 12-digit run's end.
    let before = hay[..s]
        .iter()
        .rev()
        .take(64)
        .take_while(|b| gap(b))
        .count();
    before > 0 && s - before >= 12 && is_iin(s - before - 12)
}

/// Month stems, lower case: Russian (any case ending: `мая`, `марте`) and
/// Kazakh (nominative, so `наурызда`, `қарашада` match as prefixes).
const MONTHS: [(&str, u32); 23] = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("қаңтар", 1),
    ("ақпан", 2),
    ("наурыз", 3),
    ("сәуір", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шілде", 7),
    ("тамыз", 8),
    ("қыркүйек", 9),
    ("қазан", 10),
    ("қараша", 11),
    ("желтоқсан", 12),
];

/// The month a Cyrillic word names (`мая`, `Марта`, `наурызда`), if any.
fn month_of(hay: &[u8], s: usize, e: usize) -> Option<u32> {
    let mut buf = [0u8; 96];
    let w = lower(hay.get(s..e)?, &mut buf)?;
    if matches!(w, "май" | "мая" | "мае") {
        return Some(5);
    }
    // A Kazakh attributive (`5 сәуірдегі хатында`, `1 қаңтардағы жағдай
    // бойынша`) dates a letter or a state, never a birth.
    if ["дағы", "дегі", "тағы", "тегі"]
        .iter()
        .any(|x| w.ends_with(x))
    {
        return None;
    }
    MONTHS
        .iter()
        .find(|(stem, _)| w.starts_with(stem) && w.len() <= stem.len() + 12)
        .map(|&(_, m)| m)
}

/// `янв.`, `сент.`: the month an abbreviation before a dot names.
fn month_abbreviation(hay: &[u8], s: usize, e: usize) -> Option<u32> {
    let mut buf = [0u8; 96];
    let w = lower(hay.get(s..e)?, &mut buf)?;
    const ABBR: &[(&str, u32)] = &[
        ("янв", 1),
        ("фев", 2),
        ("февр", 2),
        ("мар", 3),
        ("апр", 4),
        ("авг", 8),
        ("сен", 9),
        ("сент", 9),
        ("окт", 10),
        ("ноя", 11),
        ("нояб", 11),
        ("дек", 12),
    ];
    ABBR.iter().find(|(a, _)| *a == w).map(|&(_, m)| m)
}

/// The month an English month name or its abbreviation names (`June`,
/// `Jun`, `Sept`), any case.
fn english_month(w: &[u8]) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w.len() < 3 || w.len() > 9 || !w.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut low = [0u8; 9];
    for (d, c) in low.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    let low = &low[..w.len()];
    NAMES
        .iter()
        .position(|n| {
            n.as_bytes() == low
                || (low.len() >= 3 && n.as_bytes().starts_with(low) && low.len() <= 4)
        })
        .map(|p| p as u32 + 1)
}

/// Whether the day at `i` is followed by a 4-digit year (`6, 1995`,
/// `6 1995`): the cheap look before [`english`].
fn year_follows(hay: &[u8], i: usize) -> bool {
    let de = digit_run(hay, i);
    let mut ys = de + usize::from(hay.get(de) == Some(&b','));
    if de - i > 2 || hay.get(ys) != Some(&b' ') {
        return false;
    }
    ys += 1;
    digit_run(hay, ys) - ys == 4
}

/// A date in English words with its birth word in the clause, starting at
/// the month's name `s..e`: `June 6, 1995`, `Jun 6 1995`.
#[inline(never)]
pub(crate) fn english(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if !(3..=9).contains(&(e - s))
        || !matches!(
            hay[s],
            b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'
        )
        || !year_follows(hay, e + 1)
    {
        return None;
    }
    let m = english_month(&hay[s..e])?;
    let ds = e + 1;
    let de = digit_run(hay, ds);
    if !(1..=2).contains(&(de - ds)) {
        return None;
    }
    let mut ys = de;
    if hay.get(ys) == Some(&b',') {
        ys += 1;
    }
    if hay.get(ys) != Some(&b' ') {
        return None;
    }
    ys += 1;
    let ye = digit_run(hay, ys);
    if ye - ys != 4 || !bytes::numeric_right_ok(hay, ye) {
        return None;
    }
    let (y, d) = (num(&hay[ys..ye]), num(&hay[ds..de]));
    if !(1900..=2026).contains(&y) || !is_date(y, m, d) || !birth_word_in_clause(hay, s, ye) {
        return None;
    }
    cx.emit(s, ye, Kind::DateOfBirth, 0.9, Needs::Nothing)
        .then_some(ye)
}

/// Birth words, lower case, as a clause holds them.
const BIRTH_WORDS: [&str; 14] = [
    "род.",
    "г.р",
    "г. р.",
    "рожд",
    "родил",
    "туған",
    "туылған",
    "туылган",
    "туган",
    "ж.т.",
    "born",
    "dob",
    "birth",
    "д.р.",
];

/// Whether a birth word stands in the clause of the date `s..e`: before it
/// with no digit between (`родился 3-го марта`, `дата рождения: 19 мая`), or
/// right after it (`19 мая 1948 г.р.`, `21 наурызда туған`).
fn birth_word_in_clause(hay: &[u8], s: usize, e: usize) -> bool {
    let stop = |b: u8| matches!(b, b',' | b';' | b'(' | b')' | b'\n' | b'!' | b'?' | b'"');
    let mut lo = s;
    while lo > 0 && s - lo < 96 && !stop(hay[lo - 1]) && !hay[lo - 1].is_ascii_digit() {
        // A sentence ends at `. ` before a capital.
        if hay[lo - 1] == b' ' && lo >= 2 && hay[lo - 2] == b'.' && names::is_upper_at(hay, lo) {
            break;
        }
        lo -= 1;
    }
    // After the date, a line may wrap (`21 марта 1979 года⏎рождения` in a
    // document's text).
    let mut hi = e;
    while hi < hay.len()
        && hi - e < 40
        && (!stop(hay[hi]) || hay[hi] == b'\n' && !hay[e..hi].contains(&b'\n'))
        && !hay[hi].is_ascii_digit()
    {
        hi += 1;
    }
    let mut buf = [0u8; 96];
    let found = |from: usize, to: usize, buf: &mut [u8; 96]| {
        let Some(w) = hay.get(from..to).and_then(|w| lower(w, buf)) else {
            return false;
        };
        BIRTH_WORDS.iter().any(|b| w.contains(b))
    };
    found(lo, s, &mut buf) || found(e, hi, &mut buf)
}

fn digit_run(hay: &[u8], i: usize) -> usize {
    let mut j = i;
    while hay.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    j
}

/// A date of birth written with the month in words, starting at the digit
/// run `s..e` that a space or hyphen and a Cyrillic letter follow: `19 мая
/// 1948`, `3-го марта 1975`, `21 наурыз 1990`, `1990 жылғы 21 наурызда`.
/// Reported only beside a birth word in the same clause (г.р., родился,
/// дата рождения, туған, DOB, born); the span is the date as written.
#[inline(never)]
pub(crate) fn in_words(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    let (y, m, d, end) = if e - s == 4 {
        // `1990 жылғы 21 наурызда`, `1990 ж. 21 наурыз`.
        let i = e + 1;
        let we = word_end(hay, i);
        let mut buf = [0u8; 96];
        let mut j = match lower(hay.get(i..we)?, &mut buf)? {
            "жылғы" | "жылы" => we,
            "ж" if hay.get(we) == Some(&b'.') => we + 1,
            _ => return None,
        };
        if hay.get(j) != Some(&b' ') {
            return None;
        }
        j += 1;
        let de = digit_run(hay, j);
        if !(1..=2).contains(&(de - j)) || hay.get(de) != Some(&b' ') {
            return None;
        }
        let me = word_end(hay, de + 1);
        let m = month_of(hay, de + 1, me)?;
        (num(&hay[s..e]), m, num(&hay[j..de]), me)
    } else if e - s <= 2 {
        // `19 мая 1948`, `3-го марта 1975`, `3-е марта`.
        let mut i = e;
        if hay.get(i) == Some(&b'-') {
            let we = word_end(hay, i + 1);
            let mut buf = [0u8; 96];
            if !matches!(lower(hay.get(i + 1..we)?, &mut buf)?, "го" | "е" | "ого") {
                return None;
            }
            i = we;
        }
        if hay.get(i) != Some(&b' ') {
            return None;
        }
        let mut me = word_end(hay, i + 1);
        let m = match month_of(hay, i + 1, me) {
            Some(m) => m,
            // `9 янв. 1956`: an abbreviated month with its dot.
            None if hay.get(me) == Some(&b'.') => {
                let m = month_abbreviation(hay, i + 1, me)?;
                me += 1;
                m
            }
            None => english_month(&hay[i + 1..me])?,
        };
        if hay.get(me) != Some(&b' ') {
            return None;
        }
        let ye = digit_run(hay, me + 1);
        if ye - (me + 1) != 4 || !bytes::numeric_right_ok(hay, ye) {
            return None;
        }
        (num(&hay[me + 1..ye]), m, num(&hay[s..e]), ye)
    } else {
        return None;
    };
    if !(1900..=2026).contains(&y) || !is_date(y, m, d) || !birth_word_in_clause(hay, s, end) {
        return None;
    }
    cx.emit(s, end, Kind::DateOfBirth, 0.9, Needs::Nothing)
        .then_some(end)
}
