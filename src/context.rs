//! Context words: an Aho-Corasick automaton over every detector's words (from
//! `patterns/`), asked only about a small same-line window around a candidate
//! that already passed its validators — so context costs nothing on bytes that
//! hold no identifier.
//!
//! ASCII words match case-insensitively through the automaton; Cyrillic words
//! are added in lower, upper and title case, since Aho-Corasick folds ASCII only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

use crate::bytes::{letter_at, letter_before};
use crate::kind::Kind;
use crate::patterns::Pattern;

/// How far before a candidate context is looked for, in bytes.
const BEFORE: usize = 48;
/// How far after a candidate context is looked for, in bytes.
const AFTER: usize = 24;

/// What the words around a candidate say about one kind. When words speak
/// both for and against it, the nearer one wins (`imei=… imsi=401…`: the
/// IMSI key is nearer to the IMSI than the IMEI key is).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub supports: bool,
    pub opposes: bool,
}

/// The compiled context words of all detectors.
#[derive(Debug, Clone)]
pub struct ContextIndex {
    ac: AhoCorasick,
    /// Per automaton pattern: (kinds for, kinds against, needs a right boundary).
    meta: Vec<(u32, u32, bool)>,
    /// Kinds that some word speaks against.
    opposable: u32,
    /// The words of the kinds found only beside a context word (documents,
    /// old postcodes, dates of birth, locations): a small set, so whether a
    /// window holds one of them is a fast SIMD search that spares the full
    /// lookup for the many 6- and 9-digit numbers and dates in logs.
    rare: AhoCorasick,
}

/// Kinds whose detectors report only beside a context word.
pub const RARE: u32 = Kind::IdCard.bit()
    | Kind::Passport.bit()
    | Kind::DriverLicence.bit()
    | Kind::Postcode.bit()
    | Kind::DateOfBirth.bit()
    | Kind::Geo.bit();

impl ContextIndex {
    /// Builds the index from the detectors' pattern files.
    pub fn new(patterns: &[Pattern]) -> ContextIndex {
        let mut words: HashMap<String, (u32, u32)> = HashMap::new();
        for p in patterns {
            let bit = p.kind().bit();
            for w in p.context_words() {
                for v in case_variants(w) {
                    words.entry(v).or_default().0 |= bit;
                }
            }
            for w in &p.context.against {
                for v in case_variants(w) {
                    words.entry(v).or_default().1 |= bit;
                }
            }
        }
        let mut entries: Vec<(String, (u32, u32))> = words.into_iter().collect();
        entries.sort();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: the windows are short and searched per candidate,
            // so per-byte speed matters more than build time or memory.
            .kind(Some(AhoCorasickKind::DFA))
            .build(entries.iter().map(|(w, _)| w.as_bytes()))
            .expect("context words form a valid automaton");
        let meta: Vec<(u32, u32, bool)> = entries
            .iter()
            .map(|(w, (f, a))| {
                // Short words (`IP`, `тел`) only count as whole words; long
                // ones may close a compound key (`client_phone`, `userEmail`).
                let short = w.chars().filter(|c| c.is_alphanumeric()).count() <= 4;
                let ends_in_letter = w.chars().last().is_some_and(char::is_alphanumeric);
                (*f, *a, short && ends_in_letter)
            })
            .collect();
        let opposable = meta.iter().fold(0, |m, &(_, a, _)| m | a);
        let rare = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(
                entries
                    .iter()
                    .filter(|(_, (f, _))| f & RARE != 0)
                    .map(|(w, _)| w.as_bytes()),
            )
            .expect("context words form a valid automaton");
        ContextIndex {
            ac,
            meta,
            opposable,
            rare,
        }
    }

    /// Size of the automaton, for tuning.
    pub fn stats(&self) -> String {
        format!(
            "{} patterns, {} bytes",
            self.ac.patterns_len(),
            self.ac.memory_usage()
        )
    }

    /// The kinds the words in a short label (a column name) speak for, as
    /// kind bits: `client_phone` → phone, `ИИН/БИН` → iin and bin.
    pub fn kinds_named(&self, name: &str) -> u32 {
        let hay = name.as_bytes();
        let (mut buf, mut heap) = ([0u8; 256], Vec::new());
        let lowered = lower_into(hay, &mut buf, &mut heap);
        let mut kinds = 0;
        for m in self.ac.find_iter(lowered) {
            let (s, e) = (m.start(), m.end());
            let (for_kinds, _, whole) = self.meta[m.pattern().as_usize()];
            if !starts_word(hay, s) || (whole && letter_at(hay, e) && hay[e] != b'_') {
                continue;
            }
            kinds |= for_kinds;
        }
        kinds
    }

    /// Whether any word speaks against `kind`.
    pub fn can_oppose(&self, kind: Kind) -> bool {
        self.opposable & kind.bit() != 0
    }

    /// Whether the window around `start..end` may hold a word of a kind in
    /// [`RARE`]: when not, no such kind can be supported there.
    pub fn may_support_rare(&self, hay: &[u8], start: usize, end: usize) -> bool {
        let lo = start.saturating_sub(BEFORE);
        let hi = (end + AFTER).min(hay.len());
        let window = &hay[lo..hi];
        if window.is_ascii() {
            return self.rare.is_match(window);
        }
        let (mut buf, mut heap) = ([0u8; 256], Vec::new());
        self.rare.is_match(lower_into(window, &mut buf, &mut heap))
    }

    /// What the words in the same line, up to 48 bytes before and 24 after
    /// the candidate at `start..end`, say about `kind`.
    pub fn around(&self, hay: &[u8], start: usize, end: usize, kind: Kind) -> Context {
        let lo = start.saturating_sub(BEFORE);
        let lo = memchr::memrchr(b'\n', &hay[lo..start]).map_or(lo, |p| lo + p + 1);
        let hi = (end + AFTER).min(hay.len());
        let hi = memchr::memchr(b'\n', &hay[end..hi]).map_or(hi, |p| end + p);
        let bit = kind.bit();
        let (mut near_for, mut near_against) = (usize::MAX, usize::MAX);
        // Lowered only when it holds non-ASCII bytes (a copy on the stack).
        let window = &hay[lo..hi];
        let mut buf;
        let mut heap = Vec::new();
        let lowered = if window.is_ascii() {
            window
        } else {
            buf = [0u8; 256];
            lower_into(window, &mut buf, &mut heap)
        };
        for m in self.ac.find_iter(lowered) {
            let (s, e) = (lo + m.start(), lo + m.end());
            let (for_kinds, against_kinds, whole) = self.meta[m.pattern().as_usize()];
            if (for_kinds | against_kinds) & bit == 0 || (s < end && e > start) {
                continue;
            }
            if !starts_word(hay, s) || (whole && letter_at(hay, e) && hay[e] != b'_') {
                continue;
            }
            // A label precedes its value; a word after the value more
            // likely labels the next field, so it counts as farther away.
            let distance = if e <= start {
                start - e
            } else {
                4 * (s - end) + 8
            };
            if for_kinds & bit != 0 {
                near_for = near_for.min(distance);
            }
            if against_kinds & bit != 0 {
                near_against = near_against.min(distance);
            }
        }
        Context {
            supports: near_for < usize::MAX && near_for <= near_against,
            opposes: near_against < near_for,
        }
    }
}

/// Whether a word may start at `s`: after a non-letter, after `_` (`client_ip`),
/// or at a camel-case hump (`userEmail`).
fn starts_word(hay: &[u8], s: usize) -> bool {
    if s == 0 || hay[s].is_ascii_punctuation() {
        return true;
    }
    let prev = hay[s - 1];
    if prev == b'_' || (prev.is_ascii_lowercase() && hay[s].is_ascii_uppercase()) {
        return true;
    }
    !letter_before(hay, s)
}

/// The spelling a word is matched in: ASCII as written (the automaton
/// folds ASCII case), anything else in lower case — windows are lowered
/// with [`lower_into`] before they are searched, which keeps the automaton
/// a quarter of the size it had with a variant per case.
fn case_variants(word: &str) -> Vec<String> {
    if word.is_ascii() {
        vec![word.to_string()]
    } else {
        vec![word.to_lowercase()]
    }
}

/// `src` with its Cyrillic capitals (Kazakh letters included) lowered, in
/// `buf`; every letter keeps its byte length, so offsets stay the same.
/// ASCII windows are returned as they are; windows longer than the buffer
/// are lowered on the heap.
fn lower_into<'b>(src: &'b [u8], buf: &'b mut [u8; 256], heap: &'b mut Vec<u8>) -> &'b [u8] {
    if src.is_ascii() {
        // Nothing to lower (ASCII case is the automaton's): no copy.
        return src;
    }
    let out: &mut [u8] = if src.len() <= buf.len() {
        &mut buf[..src.len()]
    } else {
        heap.clear();
        heap.resize(src.len(), 0);
        &mut heap[..]
    };
    out.copy_from_slice(src);
    crate::bytes::lower_letters(out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_words_match_in_any_case() {
        let idx = ContextIndex::new(&crate::patterns::load());
        let hay = "иин клиента: 900101300811".as_bytes();
        let s = hay.len() - 12;
        assert!(idx.around(hay, s, hay.len(), Kind::Iin).supports);
        let hay = "ZIP 1.2.3.4".as_bytes();
        assert!(!idx.around(hay, 4, hay.len(), Kind::Ipv4).supports);
    }

    #[test]
    fn the_nearer_word_wins() {
        let idx = ContextIndex::new(&crate::patterns::load());
        let hay = b"client_ip=1.1.1.1 agent_version=1.2.3.4";
        let s = hay.len() - 7;
        let c = idx.around(hay, s, hay.len(), Kind::Ipv4);
        assert!(c.opposes && !c.supports);
        let hay = b"userEmail: x";
        assert!(idx.around(hay, 11, 12, Kind::Email).supports);
    }
}
