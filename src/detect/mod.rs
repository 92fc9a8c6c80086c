//! The detectors: one module per identifier family, each a small parser that
//! starts at a position the engine's main loop hands it, plus validators
//! (check digits, dates, numbering plans) and a base confidence.
//!
//! A detector returns the end of what it consumed when it reported something,
//! so the main loop skips past it; it reports through [`Cx::emit`], which
//! folds in the context words.

pub(crate) mod address;
pub(crate) mod card;
pub(crate) mod dates;
pub(crate) mod documents;
pub(crate) mod echo;
pub(crate) mod email;
pub(crate) mod geo;
pub(crate) mod iban;
pub(crate) mod imei;
pub(crate) mod ipv4;
pub(crate) mod ipv6;
pub(crate) mod keyed;
pub(crate) mod kz_id;
pub(crate) mod login;
pub(crate) mod mac;
pub(crate) mod meid;
pub mod names;
pub(crate) mod person;
pub(crate) mod phone;
pub(crate) mod spoken;
pub mod tagger;
pub(crate) mod vcard;

#[allow(unused_imports)]
pub(crate) use crate::engine::Cx;

/// Digits gathered from a grouped number (`8 (701) 123-45-67`) into a stack
/// buffer, with the size of each group.
#[derive(Clone, Copy)]
pub(crate) struct Groups {
    pub digits: [u8; 20],
    pub len: usize,
    pub sizes: [u8; 12],
    pub count: usize,
    /// End of the last digit (exclusive).
    pub end: usize,
}

impl Groups {
    pub fn digits(&self) -> &[u8] {
        &self.digits[..self.len]
    }

    pub fn sizes(&self) -> &[u8] {
        &self.sizes[..self.count]
    }
}

/// Gathers digit groups from `start` separated by exactly one `sep` byte,
/// up to `max` digits. Stops at the first byte that does not continue the
/// pattern; `None` when there are more than `max` digits.
pub(crate) fn same_sep_groups(hay: &[u8], start: usize, sep: u8, max: usize) -> Option<Groups> {
    let mut g = Groups {
        digits: [0; 20],
        len: 0,
        sizes: [0; 12],
        count: 0,
        end: start,
    };
    let mut i = start;
    loop {
        let gs = i;
        while i < hay.len() && hay[i].is_ascii_digit() {
            if g.len == max {
                return None;
            }
            g.digits[g.len] = hay[i];
            g.len += 1;
            i += 1;
        }
        if i == gs || g.count == g.sizes.len() {
            return None;
        }
        g.sizes[g.count] = (i - gs) as u8;
        g.count += 1;
        g.end = i;
        if hay.get(i) == Some(&sep) && hay.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            return Some(g);
        }
    }
}

/// Whether all bytes are the same (`000000000000`, `1111…`): placeholders.
pub(crate) fn all_same(d: &[u8]) -> bool {
    d.iter().all(|&b| b == d[0])
}
