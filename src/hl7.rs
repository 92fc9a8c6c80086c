//! HL7 version 2 messages (the `|`-delimited segments hospital systems
//! exchange: `MSH|^~\&|…`): the standard fixes what each field of a
//! segment holds, so a value is read by its position, as a column is.
//! Read here, from the HL7 v2.5.1 segment definitions:
//!
//! | segment | field | holds | reported as |
//! |---|---|---|---|
//! | PID | 5, 6, 9 | patient, mother's maiden and alias names (XPN: family^given^middle) | each name part a `person` |
//! | PID | 7 | date of birth (`YYYYMMDD`) | `date_of_birth` |
//! | PID | 11 | address (XAD: street^other^city^state^zip) | the zip a `postcode` |
//! | NK1 | 2 | next of kin's name | each part a `person` |
//! | IN1 | 16, 18 | insured's name, insured's date of birth | `person` parts, `date_of_birth` |
//! | GT1 | 3, 8 | guarantor's name, date of birth | `person` parts, `date_of_birth` |
//! | EVN 5, PV1 7–9 and 17, ORC 10–12, OBR 16, OBX 16 | operators and clinicians (XCN: id^family^given^middle) | each name part a `person` |
//!
//! Identifiers, phones, streets and e-mails in the other components are
//! found by the detectors as in any text. Segments end at `\r` (the
//! standard) or a line break.
//!
//! Cost: one substring search of a chunk's first 64 KiB for the message
//! header `MSH|^~\&`; nothing more without.

use std::ops::Range;

use memchr::memmem;

use crate::detect::names::is_upper_at;
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// What a field holds.
#[derive(Clone, Copy)]
enum Holds {
    Name,
    /// A person by id and name (XCN: id^family^given^middle): clinicians,
    /// operators.
    Staff,
    Birth,
    Address,
}

fn field_holds(segment: &[u8], index: usize) -> Option<Holds> {
    match (segment, index) {
        (b"PID", 5 | 6 | 9) | (b"NK1", 2) | (b"IN1", 16) | (b"GT1", 3) => Some(Holds::Name),
        (b"EVN", 5)
        | (b"PV1", 7 | 8 | 9 | 17)
        | (b"ORC", 10..=12)
        | (b"OBR", 16)
        | (b"OBX", 16) => Some(Holds::Staff),
        (b"PID", 7) | (b"IN1", 18) | (b"GT1", 8) => Some(Holds::Birth),
        (b"PID", 11) => Some(Holds::Address),
        _ => None,
    }
}

/// Reports the positional values of the HL7 segments in `body`.
pub(crate) fn segments(cx: &mut Cx, body: Range<usize>) {
    let hay = cx.hay;
    // A batch repeats its message header every few segments: the first
    // 64 KiB of a chunk of an HL7 file hold one.
    if memmem::find(&hay[..hay.len().min(1 << 16)], b"MSH|^~\\&").is_none() {
        return;
    }
    let mut s = match memchr::memrchr2(b'\r', b'\n', &hay[..body.start]) {
        Some(p) => p + 1,
        None => 0,
    };
    while s < body.end {
        let e = memchr::memchr2(b'\r', b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
        segment(cx, s, e);
        s = e + 1;
    }
}

/// One segment `s..e`: `PID|1||…`.
fn segment(cx: &mut Cx, s: usize, e: usize) {
    let hay = cx.hay;
    if e - s < 5 || hay[s + 3] != b'|' {
        return;
    }
    let id = &hay[s..s + 3];
    if !matches!(
        id,
        b"PID" | b"NK1" | b"IN1" | b"GT1" | b"EVN" | b"PV1" | b"ORC" | b"OBR" | b"OBX"
    ) {
        return;
    }
    let mut fs = s + 4;
    let mut index = 1;
    while fs <= e {
        let fe = memchr::memchr(b'|', &hay[fs..e]).map_or(e, |p| fs + p);
        if let Some(holds) = field_holds(id, index) {
            value(cx, holds, fs, fe);
        }
        if fe >= e {
            break;
        }
        fs = fe + 1;
        index += 1;
    }
}

/// The first repetition of a field `s..e`, by what it holds.
fn value(cx: &mut Cx, holds: Holds, s: usize, e: usize) {
    let hay = cx.hay;
    let e = memchr::memchr(b'~', &hay[s..e]).map_or(e, |p| s + p);
    let mut parts = [(0usize, 0usize); 5];
    let mut n = 0;
    let mut cs = s;
    while n < parts.len() {
        let ce = memchr::memchr(b'^', &hay[cs..e]).map_or(e, |p| cs + p);
        parts[n] = (cs, ce);
        n += 1;
        if ce >= e {
            break;
        }
        cs = ce + 1;
    }
    match holds {
        // Family, given and middle names (XPN.1–3, XCN.2–4).
        Holds::Name | Holds::Staff => {
            let from = usize::from(matches!(holds, Holds::Staff));
            for &(a, b) in &parts[from.min(n)..n.min(from + 3)] {
                if b > a + 1 && is_upper_at(hay, a) && !hay[a..b].iter().any(u8::is_ascii_digit) {
                    cx.emit(a, b, Kind::Person, 0.9, Needs::Nothing);
                }
            }
        }
        Holds::Birth => {
            let (a, b) = parts[0];
            let v = &hay[a..b.min(a + 8)];
            if v.len() == 8 && v.iter().all(u8::is_ascii_digit) {
                let num = |d: &[u8]| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
                let (y, m, d) = (num(&v[..4]), num(&v[4..6]), num(&v[6..]));
                if (1900..=2026).contains(&y) && crate::detect::kz_id::is_date(y, m, d) {
                    cx.emit(a, a + 8, Kind::DateOfBirth, 0.9, Needs::Nothing);
                }
            }
        }
        // The zip (XAD.5).
        Holds::Address => {
            if n >= 5 {
                let (a, b) = parts[4];
                let v = &hay[a..b];
                if (4..=10).contains(&v.len()) && v.iter().all(|c| c.is_ascii_alphanumeric()) {
                    cx.emit(a, b, Kind::Postcode, 0.85, Needs::Nothing);
                }
            }
        }
    }
}
