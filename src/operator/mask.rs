//! `mask`: keeps `keep_first` leading and `keep_last` trailing letters or
//! digits, replaces the others with `char`, and keeps every separator, so the
//! shape survives: `+7 (701) ***-**-67`, `4400 43** **** 1234`, `a****@mail.kz`.
//! A person's name becomes its initials: `Н. Е. Б.`.

use serde::{Deserialize, Serialize};

use crate::kind::Kind;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mask {
    /// Leading letters/digits kept (default by kind: phone 4, card 6, IBAN 4, e-mail 1, else 0).
    pub keep_first: Option<usize>,
    /// Trailing letters/digits kept (default by kind: card 4, IBAN 4, e-mail 0, else 2).
    pub keep_last: Option<usize>,
    /// The mask character (default `*`).
    pub char: Option<char>,
}

impl Mask {
    pub(super) fn validate(&self) -> Result<(), String> {
        match self.char {
            Some(c) if c.is_alphanumeric() => {
                Err(format!("mask char {c:?} must not be a letter or digit"))
            }
            _ => Ok(()),
        }
    }

    pub(super) fn apply(&self, kind: Kind, raw: &[u8], out: &mut Vec<u8>) {
        if kind == Kind::Person && self.keep_first.is_none() && self.keep_last.is_none() {
            // A name keeps its initials: «Нурланов Е. Б.» → «Н. Е. Б.».
            let text = String::from_utf8_lossy(raw);
            let initials: Vec<String> = text
                .split(|c: char| c.is_whitespace() || c == '.')
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            out.extend_from_slice(initials.join(" ").as_bytes());
            return;
        }
        let (first, last) = match kind {
            Kind::Phone => (4, 2),
            Kind::Card => (6, 4),
            Kind::Iban => (4, 4),
            Kind::Email => (1, 0),
            _ => (0, 2),
        };
        let first = self.keep_first.unwrap_or(first);
        let last = self.keep_last.unwrap_or(last);
        let mask = self.char.unwrap_or('*');
        let text = String::from_utf8_lossy(raw);
        // An e-mail keeps its domain; only the local part is masked.
        let (head, tail) = match (kind, text.rfind('@')) {
            (Kind::Email, Some(at)) => (&text[..at], &text[at..]),
            _ => (&text[..], ""),
        };
        let total = head.chars().filter(|c| c.is_alphanumeric()).count();
        let mut seen = 0;
        let mut s = String::with_capacity(text.len());
        for c in head.chars() {
            if c.is_alphanumeric() {
                let keep = seen < first || seen + last >= total;
                s.push(if keep { c } else { mask });
                seen += 1;
            } else {
                s.push(c);
            }
        }
        s.push_str(tail);
        out.extend_from_slice(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(kind: Kind, raw: &str) -> String {
        let mut out = Vec::new();
        Mask::default().apply(kind, raw.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn keeps_shape_and_separators() {
        assert_eq!(
            mask(Kind::Phone, "+7 (701) 123-45-67"),
            "+7 (701) ***-**-67"
        );
        assert_eq!(
            mask(Kind::Card, "4400 4301 7162 5475"),
            "4400 43** **** 5475"
        );
        assert_eq!(mask(Kind::Email, "aigerim@mail.kz"), "a******@mail.kz");
        assert_eq!(mask(Kind::Iin, "900101300811"), "**********11");
        assert_eq!(mask(Kind::Person, "Нурланов Е. Б."), "Н. Е. Б.");
        assert_eq!(mask(Kind::Person, "Ахметова Айгерим Серикқызы"), "А. А. С.");
    }
}
