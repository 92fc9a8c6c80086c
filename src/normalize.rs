//! The canonical form of a found value, so that every way of writing one
//! identifier maps to the same token and the same allowlist entry:
//! `+7 701 123 45 67`, `87011234567` and `%2B77011234567` are one phone.

use crate::detect::phone;
use crate::kind::Kind;

/// The 12 digits of an IIN or BIN, with the leading zeros put back that a
/// spreadsheet or an integer column took (`50101500016` is `050101500016`,
/// the same person).
pub fn id_digits(raw: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = raw.iter().copied().filter(u8::is_ascii_digit).collect();
    if (9..12).contains(&digits.len()) {
        let mut padded = vec![b'0'; 12 - digits.len()];
        padded.extend_from_slice(&digits);
        padded
    } else {
        digits
    }
}

/// Appends the canonical form of `raw` (a value of `kind`) to `out`.
pub fn normalize(kind: Kind, raw: &[u8], out: &mut Vec<u8>) {
    let mut decoded = Vec::new();
    let raw = if raw.contains(&b'%') {
        percent_decode(raw, &mut decoded);
        &decoded[..]
    } else {
        raw
    };
    match kind {
        Kind::Iin | Kind::Bin => out.extend(id_digits(raw)),
        Kind::Card | Kind::Imei => {
            out.extend(raw.iter().filter(|b| b.is_ascii_digit()));
        }
        Kind::Phone => match phone::national(raw) {
            Some(n) => out.extend_from_slice(&n),
            None => out.extend(raw.iter().filter(|b| b.is_ascii_digit())),
        },
        Kind::Iban | Kind::Meid => {
            out.extend(
                raw.iter()
                    .filter(|b| b.is_ascii_alphanumeric())
                    .map(u8::to_ascii_uppercase),
            );
        }
        Kind::Person => person(raw, out),
        Kind::Mac => {
            out.extend(
                raw.iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .map(u8::to_ascii_lowercase),
            );
        }
        Kind::Ipv6 => match std::str::from_utf8(raw)
            .ok()
            .and_then(|s| s.parse::<std::net::Ipv6Addr>().ok())
        {
            Some(ip) => out.extend_from_slice(ip.to_string().as_bytes()),
            None => out.extend(raw.iter().map(u8::to_ascii_lowercase)),
        },
        Kind::Email => match std::str::from_utf8(raw) {
            Ok(s) => out.extend_from_slice(s.to_lowercase().as_bytes()),
            Err(_) => out.extend(raw.iter().map(u8::to_ascii_lowercase)),
        },
        _ => out.extend_from_slice(raw),
    }
}

/// The canonical form as a new vector.
pub fn normalized(kind: Kind, raw: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(raw.len());
    normalize(kind, raw, &mut v);
    v
}

/// Decodes `%XX` escapes (a malformed escape stays as it is).
fn percent_decode(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
}

/// A person's name keyed on its words in lower case, in sorted order, with
/// a patronymic left out and Russian case endings of the given name and
/// surname taken off: «Нурланов Ерлан Болатович», «Ерлан Нурланов» and
/// «Нурланову Ерлану» are one person. (Initials are matched to a full form
/// seen nearby by [`crate::aliases::PersonAliases`], not here.)
fn person(raw: &[u8], out: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(raw).to_lowercase();
    let mut words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        // The patronymic, by the same endings the detector knows.
        .filter(|w| !crate::detect::names::classify(w.as_bytes()).patronymic)
        .map(name_word_nominative)
        .collect();
    words.sort();
    out.extend_from_slice(words.join(" ").as_bytes());
}

/// A lower-case surname or given name back in the nominative: surname case
/// forms (masculine or feminine) and given-name case endings come off.
pub(crate) fn name_word_nominative(w: &str) -> String {
    const FORMS: &[(&str, &str)] = &[
        ("овой", "ова"),
        ("евой", "ева"),
        ("иной", "ина"),
        ("овым", "ов"),
        ("евым", "ев"),
        ("иным", "ин"),
        ("ову", "ов"),
        ("еву", "ев"),
        ("ину", "ин"),
        ("ове", "ов"),
        ("еве", "ев"),
        ("ине", "ин"),
        ("ского", "ский"),
        ("скому", "ский"),
        ("ским", "ский"),
        ("ском", "ский"),
    ];
    for (form, nom) in FORMS {
        if let Some(stem) = w.strip_suffix(form) {
            if stem.chars().count() >= 3 {
                return format!("{stem}{nom}");
            }
        }
    }
    for end in ["ом", "ем", "у", "ю", "а", "е"] {
        if let Some(stem) = w.strip_suffix(end) {
            if crate::detect::names::is_given(stem) {
                return stem.to_string();
            }
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms_and_order_of_a_name_are_one_person() {
        let n = |s: &str| normalized(Kind::Person, s.as_bytes());
        assert_eq!(n("Нурланов Ерлан Болатович"), n("Ерлан Нурланов"));
        assert_eq!(n("Нурланову Ерлану"), n("Ерлан Нурланов"));
        assert_eq!(n("Ахметовой Айгерим"), n("Ахметова Айгерим Серикқызы"));
        assert_ne!(n("Ахметова Айгерим"), n("Ахметов Ерлан"));
    }

    #[test]
    fn every_spelling_of_a_phone_is_one_value() {
        let a = normalized(Kind::Phone, b"+7 701 123 45 67");
        assert_eq!(a, b"7011234567");
        assert_eq!(normalized(Kind::Phone, b"87011234567"), a);
        assert_eq!(normalized(Kind::Phone, b"%2B7%20701%20123%2045%2067"), a);
        assert_eq!(normalized(Kind::Email, b"Ivan%40Mail.kz"), b"ivan@mail.kz");
        assert_eq!(
            normalized(Kind::Ipv6, b"2001:DB8:0:0:0:0:0:1"),
            b"2001:db8::1"
        );
        assert_eq!(normalized(Kind::Mac, b"3C-22-FB-1A-9E-07"), b"3c22fb1a9e07");
    }
}
