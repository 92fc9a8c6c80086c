//! Context words: an Aho-Corasick automaton over every detector's words (from
//! `patterns/`), asked only about a small same-line window around a candidate
//! that already passed its validators — so context costs nothing on bytes that
//! hold no identifier.
//!
//! ASCII words match case-insensitively through the automaton; Cyrillic words
//! are added in lower, upper and title case, since Aho-Corasick folds ASCII only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

use crate::bytes::{letter_at, letter_before};
use crate::kind::Kind;
use crate::patterns::Pattern;

/// How far before a candidate context is looked for, in bytes.
const BEFORE: usize = 64;
/// How far after a candidate context is looked for, in bytes.
const AFTER: usize = 32;

/// Which kinds the words around a candidate speak for and against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub for_kinds: u32,
    pub against_kinds: u32,
}

impl Context {
    pub fn supports(self, kind: Kind) -> bool {
        self.for_kinds & kind.bit() != 0
    }

    pub fn opposes(self, kind: Kind) -> bool {
        self.against_kinds & kind.bit() != 0
    }
}

/// The compiled context words of all detectors.
#[derive(Debug, Clone)]
pub struct ContextIndex {
    ac: AhoCorasick,
    /// Per automaton pattern: (kinds for, kinds against, needs a right boundary).
    meta: Vec<(u32, u32, bool)>,
}

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
            .match_kind(MatchKind::Standard)
            .build(entries.iter().map(|(w, _)| w.as_bytes()))
            .expect("context words form a valid automaton");
        let meta = entries
            .iter()
            .map(|(w, (f, a))| {
                // Short words (`IP`, `тел`) only count as whole words; long
                // ones may close a compound key (`client_phone`, `userEmail`).
                let short = w.chars().filter(|c| c.is_alphanumeric()).count() <= 4;
                let ends_in_letter = w.chars().last().is_some_and(char::is_alphanumeric);
                (*f, *a, short && ends_in_letter)
            })
            .collect();
        ContextIndex { ac, meta }
    }

    /// The context of the candidate at `start..end` in `hay`: words in the
    /// same line, up to 64 bytes before and 32 after.
    pub fn around(&self, hay: &[u8], start: usize, end: usize) -> Context {
        let lo = start.saturating_sub(BEFORE);
        let lo = memchr::memrchr(b'\n', &hay[lo..start]).map_or(lo, |p| lo + p + 1);
        let hi = (end + AFTER).min(hay.len());
        let hi = memchr::memchr(b'\n', &hay[end..hi]).map_or(hi, |p| end + p);
        let mut ctx = Context::default();
        for m in self.ac.find_overlapping_iter(&hay[lo..hi]) {
            let (s, e) = (lo + m.start(), lo + m.end());
            if s < end && e > start {
                continue; // inside the candidate itself
            }
            let (for_kinds, against_kinds, whole) = self.meta[m.pattern().as_usize()];
            if letter_before(hay, s) && !hay[s].is_ascii_punctuation() {
                continue;
            }
            if whole && letter_at(hay, e) {
                continue;
            }
            ctx.for_kinds |= for_kinds;
            ctx.against_kinds |= against_kinds;
        }
        ctx
    }
}

/// The spellings a word is matched in: as written, and for non-ASCII words in
/// lower, upper and title case.
fn case_variants(word: &str) -> Vec<String> {
    let mut v = vec![word.to_string()];
    if !word.is_ascii() {
        let lower = word.to_lowercase();
        let mut title = String::new();
        let mut chars = lower.chars();
        if let Some(c) = chars.next() {
            title.extend(c.to_uppercase());
            title.extend(chars);
        }
        v.push(word.to_uppercase());
        v.push(lower);
        v.push(title);
        v.sort();
        v.dedup();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_words_match_in_any_case() {
        let idx = ContextIndex::new(&crate::patterns::load());
        let hay = "иин клиента: 900101300811".as_bytes();
        let s = hay.len() - 12;
        assert!(idx.around(hay, s, hay.len()).supports(Kind::Iin));
        let hay = "ZIP 1.2.3.4".as_bytes();
        assert!(!idx.around(hay, 4, hay.len()).supports(Kind::Ipv4));
    }
}
