//! Identity documents, vehicle plates and postcodes. Their numbers have no
//! check digit, so most need a context word:
//!
//! - `id_card`: 9 digits next to удостоверение личности / жеке куәлік / ID card;
//! - `passport`: `N` + 8 digits next to паспорт / төлқұжат / passport;
//! - `driver_licence`: 9 digits or two letters + 6 digits (7 after a
//!   driver's word) next to
//!   водительское удостоверение / жүргізуші куәлігі / driver's licence;
//! - `postcode`: 6 digits (050000) next to индекс / пошта индексі / postcode
//!   or heading an address (`050000, Казахстан, …`), or the 2015 form `A01P3K4` / `A01 P3K4` (a region letter, two digits,
//!   letter-digit-letter-digit), which its shape carries alone at 0.6;
//! - `vehicle_plate`: `123 ABC 02` (regions 01–20), the format since 2012,
//!   whose shape is enough (0.75; a context word such as госномер lifts it).

use crate::bytes::{self, is_digit};
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// A 9-digit run `s..e` (boundaries checked by the caller): an ID card or
/// a driver's licence, by whichever context word is near.
#[inline(never)]
pub(crate) fn nine(cx: &mut Cx, s: usize, e: usize) -> bool {
    // One look for either kind's words before two full lookups.
    if super::all_same(&cx.hay[s..e]) || !cx.rare_words_near(s, e) {
        return false;
    }
    // `удостоверение` alone is an ID card in Kazakhstan usage; a driver's
    // word before it (`вод.`, `водительское`, `жүргізуші`, `driver`) makes
    // it a licence, even where the long phrase is cut by the window.
    let order = if driver_word_before(cx.hay, s) {
        [Kind::DriverLicence, Kind::IdCard]
    } else {
        [Kind::IdCard, Kind::DriverLicence]
    };
    order
        .into_iter()
        .any(|kind| cx.emit(s, e, kind, 0.85, Needs::Context))
}

/// Whether a driver's-licence word stands in the 64 bytes before `s` on
/// its line.
fn driver_word_before(hay: &[u8], s: usize) -> bool {
    let from = s.saturating_sub(64);
    let ls = memchr::memrchr(b'\n', &hay[from..s]).map_or(from, |p| from + p + 1);
    let w = &hay[ls..s];
    const WORDS: &[&str] = &[
        "водит",
        "Водит",
        "ВОДИТ",
        "вод.",
        "Вод.",
        "ВУ",
        "жүргізуші",
        "Жүргізуші",
        "driv",
        "Driv",
        "DRIV",
    ];
    WORDS
        .iter()
        .any(|d| memchr::memmem::find(w, d.as_bytes()).is_some())
}

/// A 6-digit run: an old postcode when a context word says so, or at the
/// head of an address (`050000, Казахстан, г. Алматы, …`).
#[inline(never)]
pub(crate) fn postcode_digits(cx: &mut Cx, s: usize, e: usize) -> bool {
    cx.emit(s, e, Kind::Postcode, 0.85, Needs::Context)
        || (heads_address(cx.hay, s, e) && cx.emit(s, e, Kind::Postcode, 0.75, Needs::Nothing))
}

/// Words (lower case, as prefixes) that open the rest of an address after
/// its postcode: the country, a region, a city.
const ADDRESS_HEADS: &[&str] = &[
    "казахстан",
    "қазақстан",
    "kazakhstan",
    "республик",
    "город",
    "алмат",
    "astana",
    "almaty",
    "астан",
    "нур-султан",
    "шымкент",
    "караганд",
    "қарағанд",
    "актоб",
    "ақтөб",
    "атырау",
    "павлодар",
    "семей",
    "костанай",
    "қостанай",
    "петропавл",
    "уральск",
    "орал",
    "усть-каменогорск",
    "өскемен",
    "тараз",
    "кызылорд",
    "қызылорд",
    "туркестан",
    "түркістан",
    "талдыкорган",
    "талдықорған",
    "кокшетау",
    "көкшетау",
    "актау",
    "ақтау",
    "жезказган",
    "жезқазған",
    "экибастуз",
    "екібастұз",
    "конаев",
    "қонаев",
];

/// Region and city markers that may follow the first word instead
/// (`Алматинская обл.`, `Жамбыл облысы`, `Қарасай ауданы`).
const HEAD_MARKERS: &[&str] = &[
    "обл",
    "область",
    "облысы",
    "қаласы",
    "ауданы",
    "р-н",
    "район",
];

/// Whether the code `s..e` (a Kazakhstan postcode starts 0 or 1) is
/// followed by a comma and a country, region or city word.
fn heads_address(hay: &[u8], s: usize, e: usize) -> bool {
    use super::names::{lower, word_end};
    if !matches!(hay[s], b'0' | b'1') || hay.get(e) != Some(&b',') {
        return false;
    }
    let mut i = e + 1;
    while hay.get(i) == Some(&b' ') {
        i += 1;
    }
    let we = word_end(hay, i);
    let mut buf = [0u8; 96];
    let Some(w) = hay.get(i..we).and_then(|w| lower(w, &mut buf)) else {
        return false;
    };
    // `г.` only with its dot, `РК` whole; the others as prefixes.
    let head = match w {
        "г" => hay.get(we) == Some(&b'.'),
        "рк" => true,
        _ => ADDRESS_HEADS.iter().any(|h| w.starts_with(h)),
    };
    if head {
        return true;
    }
    let j = we + 1;
    let je = word_end(hay, j);
    hay.get(we) == Some(&b' ')
        && hay
            .get(j..je)
            .and_then(|m| lower(m, &mut buf))
            .is_some_and(|m| HEAD_MARKERS.contains(&m))
}

/// An alphanumeric run `s..e` that starts with a letter: `N12345678` (a
/// passport), `A01P3K4` or `A01` + ` P3K4` (a postcode), `AB` + ` 123456`
/// (a driver's licence). Returns the end when something was reported.
#[inline(never)]
pub(crate) fn lettered(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let w = &hay[s..e];
    if !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    if w.len() == 9
        && w[0] == b'N'
        && w[1..].iter().all(|&b| is_digit(b))
        && bytes::numeric_right_ok(hay, e)
    {
        return cx
            .emit(s, e, Kind::Passport, 0.85, Needs::Context)
            .then_some(e);
    }
    let postcode = |p: &[u8]| {
        p.len() == 7
            && p[0].is_ascii_uppercase()
            && is_digit(p[1])
            && is_digit(p[2])
            && p[3].is_ascii_uppercase()
            && is_digit(p[4])
            && p[5].is_ascii_uppercase()
            && is_digit(p[6])
    };
    if w.len() == 7 && !is_digit(w[6]) {
        if let Some(end) = old_plate_glued(cx, s, e) {
            return Some(end);
        }
    }
    if postcode(w) && bytes::numeric_right_ok(hay, e) {
        return cx
            .emit(s, e, Kind::Postcode, 0.6, Needs::Nothing)
            .then_some(e);
    }
    if w.len() == 3 && hay.get(e) == Some(&b' ') && hay.len() >= e + 5 {
        let mut joined = [0u8; 7];
        joined[..3].copy_from_slice(w);
        joined[3..].copy_from_slice(&hay[e + 1..e + 5]);
        if postcode(&joined) && bytes::numeric_right_ok(hay, e + 5) {
            let end = e + 5;
            return cx
                .emit(s, end, Kind::Postcode, 0.6, Needs::Nothing)
                .then_some(end);
        }
    }
    if w.len() == 2 && w.iter().all(u8::is_ascii_uppercase) && hay.get(e) == Some(&b' ') {
        let d = e + 1;
        let de = d + hay[d..].iter().take_while(|&&b| is_digit(b)).count();
        // Two letters and six digits; seven after a driver's word (`вод.
        // уд. KZ 0481576`), the form on licences issued since 2015.
        let digits = de - d;
        let fits = digits == 6 || digits == 7 && driver_word_before(hay, s);
        if fits && bytes::numeric_right_ok(hay, de) {
            return cx
                .emit(s, de, Kind::DriverLicence, 0.85, Needs::Context)
                .then_some(de);
        }
    }
    None
}

/// A driver's licence series typed in Cyrillic letters that look like the
/// Latin ones (`АВ 417352`, `КZ`-less forms people type on a Russian
/// keyboard), at the Cyrillic word `s`: two capitals of А В Е К М Н О Р С
/// Т Х, a space and six or seven digits, after a driver's word only.
#[inline(never)]
pub(crate) fn cyrillic_series(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // Two 2-byte letters, then a space and a digit.
    if hay.get(s + 4) != Some(&b' ') || !hay.get(s + 5).is_some_and(|&b| is_digit(b)) {
        return None;
    }
    let latin_like = |i: usize| {
        let c = u16::from(hay[i]) << 8 | u16::from(hay[i + 1]);
        // А В Е К М Н О Р С Т Х in UTF-8.
        matches!(
            c,
            0xD090
                | 0xD092
                | 0xD095
                | 0xD09A
                | 0xD09C
                | 0xD09D
                | 0xD09E
                | 0xD0A0
                | 0xD0A1
                | 0xD0A2
                | 0xD0A5
        )
    };
    if !latin_like(s) || !latin_like(s + 2) || !driver_word_before(hay, s) {
        return None;
    }
    let d = s + 5;
    let de = d + hay[d..].iter().take_while(|&&b| is_digit(b)).count();
    if !matches!(de - d, 6 | 7) || !bytes::numeric_right_ok(hay, de) {
        return None;
    }
    cx.emit(s, de, Kind::DriverLicence, 0.85, Needs::Nothing)
        .then_some(de)
}

/// A 3-digit run `s..e` that may start a plate: `123 ABC 02`, `123ABC02`.
#[inline(never)]
pub(crate) fn plate(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if s >= 2 && hay[s - 1] == b' ' && old_region(hay[s - 2]) {
        if let Some(end) = old_plate_spaced(cx, s - 2, e) {
            return Some(end);
        }
    }
    if !bytes::numeric_left_ok(hay, s) {
        return None;
    }
    let mut i = e;
    if hay.get(i) == Some(&b' ') {
        i += 1;
    }
    let letters = hay.get(i..i + 3)?;
    if !letters.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    i += 3;
    if hay.get(i) == Some(&b' ') {
        i += 1;
    }
    let region = hay.get(i..i + 2)?;
    if !region.iter().all(|&b| is_digit(b)) {
        return None;
    }
    let r = (region[0] - b'0') * 10 + (region[1] - b'0');
    let end = i + 2;
    if !(1..=20).contains(&r) || !bytes::numeric_right_ok(hay, end) {
        return None;
    }
    cx.emit(s, end, Kind::VehiclePlate, 0.75, Needs::Nothing)
        .then_some(end)
}

/// Region letters of the plates issued from 1993 to 2012, still on the
/// road (`A 123 BCD`: A Almaty, B Almaty region, C Akmola, D Aktobe, E
/// Atyrau, F East Kazakhstan, H Zhambyl, L West Kazakhstan, M Karaganda, N
/// Kostanay, P Kyzylorda, R Mangystau, S Pavlodar, T North Kazakhstan, X
/// South Kazakhstan, Z Astana).
fn old_region(b: u8) -> bool {
    matches!(
        b,
        b'A' | b'B'
            | b'C'
            | b'D'
            | b'E'
            | b'F'
            | b'H'
            | b'L'
            | b'M'
            | b'N'
            | b'P'
            | b'R'
            | b'S'
            | b'T'
            | b'X'
            | b'Z'
    )
}

/// A plate of the 1993–2012 form, spaced (`A 519 EPN`, at `s` the region
/// letter, `s + 2..e` the digits). Only beside a plate's word: the shape
/// alone is too common.
fn old_plate_spaced(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if s > 0 && bytes::is_alnum(hay[s - 1]) || hay.get(e) != Some(&b' ') {
        return None;
    }
    let l = e + 1;
    let le = l + hay[l..]
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    if le - l != 3
        || !bytes::numeric_right_ok(hay, le)
        || hay.get(le).is_some_and(|&b| bytes::is_alnum(b))
    {
        return None;
    }
    cx.emit(s, le, Kind::VehiclePlate, 0.7, Needs::Context)
        .then_some(le)
}

/// A plate of the 1993–2012 form written without spaces (`A519EPN`), only
/// beside a plate's word.
pub(crate) fn old_plate_glued(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let w = &hay[s..e];
    let shaped = w.len() == 7
        && old_region(w[0])
        && w[1..4].iter().all(|&b| is_digit(b))
        && w[4..].iter().all(u8::is_ascii_uppercase);
    if !shaped || !bytes::numeric_right_ok(hay, e) {
        return None;
    }
    cx.emit(s, e, Kind::VehiclePlate, 0.7, Needs::Context)
        .then_some(e)
}
