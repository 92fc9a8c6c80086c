//! Context words: an Aho-Corasick automaton over every detector's words (from
//! `patterns/`), asked only about a small same-line window around a candidate
//! that already passed its validators — so context costs nothing on bytes that
//! hold no identifier.
//!
//! ASCII words match case-insensitively through the automaton; Cyrillic words
//! are stored in lower case and windows holding non-ASCII bytes are lowered
//! before the search, since Aho-Corasick folds ASCII only.
//!
//! Candidates on one line have overlapping windows (an IP, a MAC and a phone
//! in one log line), so the words found in a stretch of a line are kept in a
//! [`Hits`] for the next candidates there: searching every window anew was a
//! quarter of a log scan.

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
    /// The key of the value's own field speaks against the kind
    /// (`fw=4.12.19.238`, `"tracking_no": …`): not reported at all.
    pub vetoes: bool,
}

impl Context {
    /// What a column header or a field's key naming the kind gives.
    pub const SUPPORTS: Context = Context {
        supports: true,
        opposes: false,
        vetoes: false,
    };
    /// What a field's key speaking against the kind gives.
    pub const VETOES: Context = Context {
        supports: false,
        opposes: true,
        vetoes: true,
    };
}

/// The compiled context words of all detectors.
#[derive(Debug, Clone)]
pub struct ContextIndex {
    /// Every word, for windows holding non-ASCII bytes.
    all: Words,
    /// The ASCII words alone, for ASCII windows (most of a log): a smaller
    /// automaton that stays in cache.
    ascii: Words,
    /// Kinds that some word speaks against.
    opposable: u32,
}

/// One automaton over context words and what each word says.
#[derive(Debug, Clone)]
struct Words {
    ac: AhoCorasick,
    /// Per automaton pattern: (kinds for, kinds against, needs a right boundary).
    meta: Vec<(u32, u32, bool)>,
}

impl Words {
    fn new<'w>(entries: impl Iterator<Item = &'w (String, (u32, u32))> + Clone) -> Words {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            // Every occurrence, overlapping ones included: what a window
            // holds must not depend on where the search began, or the
            // words kept for a line would judge a candidate differently
            // from a fresh search of its window.
            .match_kind(MatchKind::Standard)
            // A full DFA: the windows are short and searched per candidate,
            // so per-byte speed matters more than build time or memory.
            .kind(Some(AhoCorasickKind::DFA))
            .build(entries.clone().map(|(w, _)| w.as_bytes()))
            .expect("context words form a valid automaton");
        let meta = entries
            .map(|(w, (f, a))| {
                // Short words (`IP`, `тел`) only count as whole words; long
                // ones may close a compound key (`client_phone`, `userEmail`).
                let short = w.chars().filter(|c| c.is_alphanumeric()).count() <= 4;
                let ends_in_letter = w.chars().last().is_some_and(char::is_alphanumeric);
                (*f, *a, short && ends_in_letter)
            })
            .collect();
        Words { ac, meta }
    }
}

/// How far one search reaches along a line from a window's start: past the
/// window (72 bytes and the candidate) into what follows, where the next
/// candidates' windows lie. Tuned on logs: wider searches cost more on
/// lines with one candidate than they save on lines with several.
const SPAN: usize = 112;

/// The longest stretch kept (the lowering buffer's size).
const KEEP_MAX: usize = 256;

/// How many words one search keeps; a stretch with more is searched per
/// window instead.
const KEPT: usize = 24;

/// A word found near a candidate: start, end (offsets in the haystack) and
/// what it says: (kinds for, kinds against, needs a right boundary).
type Found = (usize, usize, (u32, u32, bool));

/// The context words found in one stretch of a line (`span`), for the
/// candidates whose windows lie inside it. Fixed capacity: no allocation.
#[derive(Clone, Copy)]
pub struct Hits {
    span: (usize, usize),
    len: usize,
    /// Whether the stretch was ASCII (searched with the ASCII words).
    ascii: bool,
    /// (start, end) relative to `span.0`, and the automaton's pattern.
    words: [(u16, u16, u32); KEPT],
}

impl Default for Hits {
    fn default() -> Self {
        Hits {
            span: (0, 0),
            len: 0,
            ascii: true,
            words: [(0, 0, 0); KEPT],
        }
    }
}

impl Hits {
    fn covers(&self, lo: usize, hi: usize) -> bool {
        self.span.0 <= lo && hi <= self.span.1 && self.span.0 < self.span.1
    }
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
        let all = Words::new(entries.iter());
        let ascii = Words::new(entries.iter().filter(|(w, _)| w.is_ascii()));
        let opposable = all.meta.iter().fold(0, |m, &(_, a, _)| m | a);
        ContextIndex {
            all,
            ascii,
            opposable,
        }
    }

    /// Size of the automaton, for tuning.
    pub fn stats(&self) -> String {
        format!(
            "{} patterns, {} bytes",
            self.all.ac.patterns_len(),
            self.all.ac.memory_usage() + self.ascii.ac.memory_usage()
        )
    }

    /// The kinds the words in a short label (a column name) speak for, as
    /// kind bits: `client_phone` → phone, `ИИН/БИН` → iin and bin.
    pub fn kinds_named(&self, name: &str) -> u32 {
        let hay = name.as_bytes();
        let (mut buf, mut heap) = ([0u8; 256], Vec::new());
        let lowered = lower_into(hay, &mut buf, &mut heap);
        let mut kinds = 0;
        for m in self.all.ac.find_overlapping_iter(lowered) {
            let (s, e) = (m.start(), m.end());
            let (for_kinds, _, whole) = self.all.meta[m.pattern().as_usize()];
            if !starts_word(hay, s) || (whole && !ends_word(hay, e)) {
                continue;
            }
            kinds |= for_kinds;
        }
        kinds
    }

    /// What a field's key says, as kind bits (for, against): the words of
    /// `key` split at `_ - . `, camel-case humps and script changes
    /// (`clientIin`, `ios_ifa`, `Телефон`, `app_version`). When words of one
    /// key disagree about a kind, the last one wins: it is the head of an
    /// English compound (`phone_count` is a count, `order_phone` a phone).
    ///
    /// The key as written is judged too, for the bits its words left
    /// open: a one-word context entry (`postindex`, `doc_number`) names
    /// the camel-case or snake-case key it is written as (`PostIndex`,
    /// `DOC_NUMBER`), which the split form (`post index`) misses.
    pub fn named(&self, key: &[u8]) -> (u32, u32) {
        let spaced = split_words(key);
        let (f, a) = self.key_words(&spaced);
        if spaced.len() == key.len() && !spaced.contains(&b' ') {
            return (f, a);
        }
        let (f2, a2) = self.key_words(key);
        let open = !(f | a);
        (f | (f2 & open), a | (a2 & open))
    }

    /// [`ContextIndex::named`] for one spelling of a key.
    fn key_words(&self, key: &[u8]) -> (u32, u32) {
        let (mut buf, mut heap) = ([0u8; 256], Vec::new());
        let lowered = lower_into(key, &mut buf, &mut heap);
        let (mut for_kinds, mut against_kinds) = (0u32, 0u32);
        let mut last_end = [0usize; 32];
        for m in self.all.ac.find_overlapping_iter(lowered) {
            let (s, e) = (m.start(), m.end());
            let (f, a, whole) = self.all.meta[m.pattern().as_usize()];
            if !starts_word(key, s) || (whole && !ends_word(key, e)) {
                continue;
            }
            for (bit, last) in last_end.iter_mut().enumerate() {
                let b = 1u32 << bit;
                if (f | a) & b == 0 || e < *last {
                    continue;
                }
                *last = e;
                if f & b != 0 {
                    for_kinds |= b;
                    against_kinds &= !b;
                } else {
                    against_kinds |= b;
                    for_kinds &= !b;
                }
            }
        }
        (for_kinds, against_kinds)
    }

    /// Whether any word speaks against `kind`.
    pub fn can_oppose(&self, kind: Kind) -> bool {
        self.opposable & kind.bit() != 0
    }

    /// Whether a word of a kind in `kinds` is in the window around
    /// `start..end` — a loose look (no word-boundary checks) that spares the
    /// full judgement for the many 6- and 9-digit numbers and dates in logs.
    pub fn mentions(
        &self,
        hay: &[u8],
        start: usize,
        end: usize,
        kinds: u32,
        hits: &mut Hits,
    ) -> bool {
        let (lo, hi) = window(hay, start, end);
        if self.fill(hay, lo, hi, hits) {
            self.kept(hits, lo, hi).any(|(_, _, m)| m.0 & kinds != 0)
        } else {
            self.search(hay, lo, hi).any(|(_, _, m)| m.0 & kinds != 0)
        }
    }

    /// What the words in the same line, up to 48 bytes before and 24 after
    /// the candidate at `start..end`, say about `kind`.
    pub fn around(&self, hay: &[u8], start: usize, end: usize, kind: Kind) -> Context {
        self.around_kept(hay, start, end, kind, &mut Hits::default())
    }

    /// As [`ContextIndex::around`], reusing the words `hits` keeps from an
    /// earlier candidate on the same line of the same `hay`.
    pub fn around_kept(
        &self,
        hay: &[u8],
        start: usize,
        end: usize,
        kind: Kind,
        hits: &mut Hits,
    ) -> Context {
        self.around_value(hay, start, end, kind, hits, (0, usize::MAX))
    }

    /// As [`ContextIndex::around_kept`] for a candidate inside a field's
    /// value `value` (see [`crate::field`]): words outside the value may
    /// speak for the kind but not against it — another field's key
    /// (`"order_no":…`) never vetoes this one's value.
    pub fn around_value(
        &self,
        hay: &[u8],
        start: usize,
        end: usize,
        kind: Kind,
        hits: &mut Hits,
        value: (usize, usize),
    ) -> Context {
        let (lo, hi) = window(hay, start, end);
        if self.fill(hay, lo, hi, hits) {
            self.judge(hay, start, end, kind, value, self.kept(hits, lo, hi))
        } else {
            self.judge(hay, start, end, kind, value, self.search(hay, lo, hi))
        }
    }

    /// Makes `hits` cover `lo..hi`: kept from before, or searched from `lo`
    /// to the line's end (at most [`SPAN`] bytes, or the window if longer).
    /// False when the window is too long or holds too many words to keep.
    fn fill(&self, hay: &[u8], lo: usize, hi: usize, hits: &mut Hits) -> bool {
        if hits.covers(lo, hi) {
            return true;
        }
        if hi - lo > KEEP_MAX {
            return false;
        }
        let cap = (lo + SPAN).clamp(hi, hay.len());
        let to = memchr::memchr(b'\n', &hay[hi..cap]).map_or(cap, |p| hi + p);
        let (mut buf, mut heap) = ([0u8; KEEP_MAX], Vec::new());
        let stretch = &hay[lo..to];
        let ascii = stretch.is_ascii();
        let (words, lowered) = if ascii {
            (&self.ascii, stretch)
        } else {
            (&self.all, lower_into(stretch, &mut buf, &mut heap))
        };
        hits.len = 0;
        hits.span = (0, 0);
        hits.ascii = ascii;
        for m in words.ac.find_overlapping_iter(lowered) {
            if hits.len == KEPT {
                return false;
            }
            // `to - lo` ≤ KEEP_MAX, so both offsets fit.
            hits.words[hits.len] = (m.start() as u16, m.end() as u16, m.pattern().as_u32());
            hits.len += 1;
        }
        hits.span = (lo, to);
        true
    }

    /// The words `hits` keeps that lie inside `lo..hi`.
    fn kept<'h>(
        &'h self,
        hits: &'h Hits,
        lo: usize,
        hi: usize,
    ) -> impl Iterator<Item = Found> + 'h {
        let words = if hits.ascii { &self.ascii } else { &self.all };
        let base = hits.span.0;
        hits.words[..hits.len]
            .iter()
            .map(move |&(s, e, p)| (base + s as usize, base + e as usize, words.meta[p as usize]))
            .filter(move |&(s, e, _)| s >= lo && e <= hi)
    }

    /// The words in `lo..hi`, searched afresh (a window too long or too
    /// wordy to keep: rare, so it may allocate).
    fn search(&self, hay: &[u8], lo: usize, hi: usize) -> impl Iterator<Item = Found> {
        let window = &hay[lo..hi];
        let (words, lowered): (&Words, std::borrow::Cow<[u8]>) = if window.is_ascii() {
            (&self.ascii, window.into())
        } else {
            let mut v = window.to_vec();
            crate::bytes::lower_letters(&mut v);
            (&self.all, v.into())
        };
        let found: Vec<Found> = words
            .ac
            .find_overlapping_iter(&*lowered)
            .map(|m| {
                (
                    lo + m.start(),
                    lo + m.end(),
                    words.meta[m.pattern().as_usize()],
                )
            })
            .collect();
        found.into_iter()
    }

    /// Weighs the words `found` near the candidate `start..end` for `kind`.
    fn judge(
        &self,
        hay: &[u8],
        start: usize,
        end: usize,
        kind: Kind,
        value: (usize, usize),
        found: impl Iterator<Item = Found>,
    ) -> Context {
        let bit = kind.bit();
        let (mut near_for, mut near_against) = (usize::MAX, usize::MAX);
        for (s, e, (for_kinds, against_kinds, whole)) in found {
            // Outside the value's own extent, a word that is another
            // field's key or a markup tag (`"order_no":`, `<time>`) speaks
            // for that field alone.
            // `Version/17.1` in a User-Agent is a product token: it speaks
            // for its own number only.
            let product =
                hay.get(e) == Some(&b'/') && hay.get(e + 1).is_some_and(u8::is_ascii_digit);
            // Part of a hyphenated name (`fw-ala`, a firewall's host name;
            // `release-notes`) is no word about versions.
            let hyphenated = hay.get(e) == Some(&b'-')
                && hay.get(e + 1).is_some_and(u8::is_ascii_alphabetic)
                || s > 0 && hay[s - 1] == b'-' && s > 1 && hay[s - 2].is_ascii_alphanumeric();
            let against_kinds = if against_kinds != 0
                && (product || hyphenated || (s < value.0 || e > value.1) && is_key_word(hay, s, e))
            {
                0
            } else {
                against_kinds
            };
            if (for_kinds | against_kinds) & bit == 0 || (s < end && e > start) {
                continue;
            }
            if !starts_word(hay, s) || (whole && !ends_word(hay, e)) {
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
            // After the value, a word speaks against it only right behind
            // it, as a unit does (`596 теңге`, `41 ms`): further on it
            // labels the next field (`10.1.2.10/443 duration 0:00:41`,
            // `95.56.241.18 LOG:  duration: 1.184 ms`). An address has no
            // unit (`outside:198.51.100.23 duration 0:00:31`).
            let unit = s <= end + 2 && !matches!(kind, Kind::Ipv4 | Kind::Ipv6);
            if against_kinds & bit != 0 && (e <= start || unit) {
                near_against = near_against.min(distance);
            }
        }
        Context {
            supports: near_for < usize::MAX && near_for <= near_against,
            opposes: near_against < near_for,
            vetoes: false,
        }
    }
}

/// The window of a candidate `start..end`: up to 48 bytes before and 24
/// after it, within its line.
fn window(hay: &[u8], start: usize, end: usize) -> (usize, usize) {
    let lo = start.saturating_sub(BEFORE);
    let lo = memchr::memrchr(b'\n', &hay[lo..start]).map_or(lo, |p| lo + p + 1);
    let hi = (end + AFTER).min(hay.len());
    let hi = memchr::memchr(b'\n', &hay[end..hi]).map_or(hi, |p| end + p);
    (lo, hi)
}

/// Whether a word may start at `s`: after a non-letter, after `_` (`client_ip`),
/// or at a camel-case hump (`userEmail`) after two letters or more: one
/// is a brand's prefix (`iPhone`, `iPad`, `eSIM`), and a device's name
/// is no word about phones.
fn starts_word(hay: &[u8], s: usize) -> bool {
    if s == 0 || hay[s].is_ascii_punctuation() {
        return true;
    }
    let prev = hay[s - 1];
    let hump = prev.is_ascii_lowercase()
        && hay[s].is_ascii_uppercase()
        && s >= 2
        && hay[s - 2].is_ascii_alphabetic();
    if prev == b'_' || hump {
        return true;
    }
    !letter_before(hay, s)
}

/// A key with its words apart: `_ - .` become spaces and a space goes in at
/// every camel-case hump, in Latin and Cyrillic (`ДатаРождения` → `Дата
/// Рождения`, `clientIin` → `client Iin`), so multi-word context words
/// (`дата рождения`) match keys too. Cached by the caller.
fn split_words(key: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(key);
    let mut out = String::with_capacity(key.len() + 8);
    let mut prev_lower = false;
    for c in text.chars() {
        if matches!(c, '_' | '-' | '.') {
            out.push(' ');
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    out.into_bytes()
}

/// Whether the word `s..e` is (part of) a key or a tag name: the rest of
/// its name is followed by `":`, `=`, `:` or `>`, or a `<` opens it.
fn is_key_word(hay: &[u8], s: usize, e: usize) -> bool {
    let mut ks = s;
    while ks > 0
        && (hay[ks - 1].is_ascii_alphanumeric()
            || matches!(hay[ks - 1], b'_' | b'-' | b'.')
            || hay[ks - 1] >= 0x80)
    {
        ks -= 1;
    }
    if ks > 0 && (hay[ks - 1] == b'<' || ks > 1 && &hay[ks - 2..ks] == b"</") {
        return true;
    }
    let mut ke = e;
    while ke < hay.len()
        && (hay[ke].is_ascii_alphanumeric()
            || matches!(hay[ke], b'_' | b'-' | b'.')
            || hay[ke] >= 0x80)
    {
        ke += 1;
    }
    match hay.get(ke) {
        Some(b'"' | b'\'') => matches!(hay.get(ke + 1), Some(b':')),
        Some(b'=' | b':' | b'>') => true,
        _ => false,
    }
}

/// Whether a word may end at `e`: before a non-letter, before `_`, or at a
/// camel-case hump (`iinBin`, `ipAddr`).
fn ends_word(hay: &[u8], e: usize) -> bool {
    if !letter_at(hay, e) || hay[e] == b'_' {
        return true;
    }
    e > 0 && hay[e - 1].is_ascii_lowercase() && hay[e].is_ascii_uppercase()
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
    fn kept_words_judge_as_a_fresh_search_does() {
        let idx = ContextIndex::new(&crate::patterns::load());
        let line = "ts=1 client_ip=10.1.2.3 phone: +77011234567 imei=356938035643809 \
                    иин 900101300811 тел. 87011234567 mac=00:1a:2b:3c:4d:5e\nip 1.2.3.4";
        let hay = line.as_bytes();
        let kinds = [
            Kind::Ipv4,
            Kind::Phone,
            Kind::Imei,
            Kind::Iin,
            Kind::Mac,
            Kind::Email,
        ];
        let mut hits = Hits::default();
        // Every digit run is a candidate, left to right as the engine goes.
        let mut s = 0;
        while s < hay.len() {
            if !hay[s].is_ascii_digit() {
                s += 1;
                continue;
            }
            let e = s + hay[s..].iter().take_while(|b| b.is_ascii_digit()).count();
            for kind in kinds {
                let kept = idx.around_kept(hay, s, e, kind, &mut hits);
                assert_eq!(kept, idx.around(hay, s, e, kind), "{kind:?} at {s}");
            }
            s = e;
        }
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
