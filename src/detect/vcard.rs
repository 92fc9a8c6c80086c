//! vCard address books (RFC 6350; version 3.0 is RFC 2426): each property
//! is a line `NAME;PARAMS:VALUE`, structured values split into components
//! by `;`, a `,` or `;` inside a component escaped as `\,`. The properties
//! that are a person's data by their name alone:
//!
//! | property | value | reported |
//! |---|---|---|
//! | `FN` | the formatted name | `person`, whole |
//! | `N` | `Family;Given;Additional;Prefixes;Suffixes` | `person`, each of the first three |
//! | `BDAY` | `19850412`, `1985-04-12`, `--0412` | `date_of_birth` |
//! | `ADR` | `PO box;Extended;Street;Locality;Region;Postal code;Country` | the street as `address`, the postal code as `postcode` |
//!
//! Phones (`TEL`) and e-mails (`EMAIL`) are found by their own detectors.
//! Only in a file that holds `BEGIN:VCARD`: elsewhere `N:` and `ADR:` at a
//! line's start mean anything.

use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// Whether the property name `hay[s..e]` at a line's start is one this
/// module reads (`FN`, `N`, `BDAY`, `ADR`), `:` or `;` after it.
pub(crate) fn is_property(hay: &[u8], s: usize, e: usize) -> bool {
    matches!(&hay[s..e], b"FN" | b"N" | b"BDAY" | b"ADR")
        && matches!(hay.get(e), Some(b':' | b';'))
        && (s == 0 || hay[s - 1] == b'\n')
}

/// The property at `s..e` (see [`is_property`]). Returns the line's end
/// when it read one.
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if !*cx
        .vcard
        .get_or_insert_with(|| memchr::memmem::find(hay, b"BEGIN:VCARD").is_some())
    {
        return None;
    }
    let le = memchr::memchr(b'\n', &hay[e..]).map_or(hay.len(), |p| e + p);
    let le = if le > e && hay[le - 1] == b'\r' {
        le - 1
    } else {
        le
    };
    // The value follows the first `:` outside a quoted parameter.
    let mut i = e;
    let mut quoted = false;
    while i < le {
        match hay[i] {
            b'"' => quoted = !quoted,
            b':' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    if i >= le {
        return None;
    }
    let value = i + 1..le;
    let parts = components(hay, value.clone());
    match &hay[s..e] {
        // A card of an organisation (`FN:ТОО Дала Сервис`) names no person.
        b"FN" if !organisation(&hay[value.clone()]) => {
            emit(cx, value.start, value.end, Kind::Person);
        }
        b"FN" => {}
        b"N" => {
            for &(a, b) in parts.iter().take(3).flatten() {
                emit(cx, a, b, Kind::Person);
            }
        }
        b"BDAY" => emit(cx, value.start, value.end, Kind::DateOfBirth),
        b"ADR" => {
            if let Some(&Some((a, b))) = parts.get(2) {
                emit(cx, a, b, Kind::Address);
            }
            if let Some(&Some((a, b))) = parts.get(5) {
                emit(cx, a, b, Kind::Postcode);
            }
        }
        _ => return None,
    }
    Some(le)
}

/// The components of a structured value `v` (split at `;` not escaped),
/// each trimmed, `None` when empty; at most seven.
fn components(hay: &[u8], v: std::ops::Range<usize>) -> [Option<(usize, usize)>; 7] {
    let mut out = [None; 7];
    let mut n = 0;
    let mut start = v.start;
    let mut i = v.start;
    while i <= v.end && n < 7 {
        let at_end = i == v.end;
        if at_end || (hay[i] == b';' && (i == v.start || hay[i - 1] != b'\\')) {
            let (mut a, mut b) = (start, i);
            while a < b && hay[a] == b' ' {
                a += 1;
            }
            while b > a && hay[b - 1] == b' ' {
                b -= 1;
            }
            out[n] = (a < b).then_some((a, b));
            n += 1;
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Reports `hay[s..e]` as `kind` when it holds a letter or digit.
fn emit(cx: &mut Cx, s: usize, e: usize, kind: Kind) {
    if cx.hay[s..e].iter().any(u8::is_ascii_alphanumeric) || cx.hay[s..e].iter().any(|&b| b >= 0x80)
    {
        cx.emit(s, e, kind, 0.9, Needs::Nothing);
    }
}

/// Whether a formatted name opens with a legal form (`ТОО`, `АО`, `LLP`…).
fn organisation(v: &[u8]) -> bool {
    const FORMS: &[&str] = &[
        "ТОО", "АО", "ЖШС", "АҚ", "ООО", "ОАО", "ЗАО", "ПАО", "ГКП", "КГП", "КГУ", "РГП", "LLP",
        "LLC", "JSC", "Ltd", "Inc", "GmbH",
    ];
    let first = v.split(|&b| b == b' ').next().unwrap_or(v);
    FORMS.iter().any(|f| f.as_bytes() == first)
}
