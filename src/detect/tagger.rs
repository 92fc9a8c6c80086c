//! A statistical tagger for person names, for what the rules in `person`
//! cannot see: a surname or a given name alone in any case (`Вертинского`,
//! `Саша`), Kazakh names with case endings (`Ермек Алпысовтың`), given names
//! no list holds (`Нұрділдә`), surnames without a Russian ending
//! (`Серикбай`). The rules stay first; the engine asks the tagger only at a
//! capitalised Cyrillic word they did not take.
//!
//! The model is an averaged perceptron over B/I/O tags, decoded greedily
//! left to right with the previous tag as a feature. Only capitalised words
//! and initials are tagged (every other token is O: 97% of person tokens in
//! both corpora are capitalised, and it keeps the cost to a few words per
//! sentence). Features are the ones a linguist would look at — the word,
//! its prefixes and suffixes (Russian and Kazakh case endings), its shape,
//! what the dictionaries say of it and of its stem without a Kazakh case
//! ending, the words around it and their shapes, whether it starts a
//! sentence — each hashed (FNV-1a of template id and value) into a fixed
//! table of `1 << BITS` rows of three i16 weights, so inference allocates
//! nothing and training and inference share [`features`], which therefore
//! cannot drift apart.
//!
//! `patterns/person_model.bin` holds the weights, behind a text header that
//! names the training data, its licences and its attribution; `qorgau
//! patterns train-names` writes it (see [`train`]).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use super::names::{classify, is_cyr_lead, is_upper_at, word_end, WordClass};

/// Rows in the weight table: `1 << BITS`.
pub const BITS: u32 = 16;
const MAGIC: &[u8] = b"QORGAU-PERSON-TAGGER-1\n";
/// Ends the text header.
const HEADER_END: &[u8] = b"\n#end\n";

const O: usize = 0;
const B: usize = 1;
const I: usize = 2;

/// One token of a line.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub shape: Shape,
    /// For a candidate: what the project's lists say of it ([`class_bits`])
    /// and which OpenCorpora sets hold it ([`opencorpora`]), looked up once.
    pub class: u8,
    pub oc: u8,
    /// For a candidate: where its lower-case form starts in the buffer
    /// [`prepare`] fills.
    pub low: u32,
    /// For a candidate: the hash of its bytes, its key in [`WordCache`].
    pub key: u64,
    /// Whether it starts with a Cyrillic letter.
    pub cyrillic: bool,
}

/// What a token looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A capitalised word (`Ерлан`, `Абай-Құнанбаев`).
    Cap,
    /// All capitals, two letters or more (`TSOI`, `ЕРЛАН`).
    Caps,
    /// One capital letter and a dot (`Е.`).
    Initial,
    /// A word in lower case (or camelCase).
    Lower,
    Digits,
    /// Any other character.
    Punct,
}

impl Tok {
    /// Whether the tagger tags this token (every other is O): a capitalised
    /// Cyrillic word or initial. Latin names are left to the rules: logs
    /// are full of capitalised Latin words (`INFO`, `GET`, `Mozilla`) that
    /// cost a quarter more time on a mixed log, and the corpora hold too
    /// few Latin names to learn from.
    pub fn candidate(self) -> bool {
        self.cyrillic && matches!(self.shape, Shape::Cap | Shape::Caps | Shape::Initial)
    }
}

/// The tokens of `text`, into `out` (cleared first).
pub fn tokenize(text: &[u8], out: &mut Vec<Tok>) {
    out.clear();
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let letter = b.is_ascii_alphabetic()
            || (is_cyr_lead(b) && text.get(i + 1).is_some_and(|c| c & 0xC0 == 0x80));
        if letter {
            let e = word_end(text, i).max(i + 1);
            let upper = is_upper_at(text, i);
            let chars = if upper {
                text[i..e].iter().filter(|&&c| c & 0xC0 != 0x80).count()
            } else {
                0
            };
            let shape = if !upper {
                Shape::Lower
            } else if chars == 1 && text.get(e) == Some(&b'.') {
                out.push(Tok {
                    start: i as u32,
                    end: (e + 1) as u32,
                    shape: Shape::Initial,
                    class: 0,
                    oc: 0,
                    low: 0,
                    key: 0,
                    cyrillic: b >= 0x80,
                });
                i = e + 1;
                continue;
            } else if all_caps(&text[i..e]) && chars > 1 {
                Shape::Caps
            } else if rest_lower(&text[i..e]) {
                Shape::Cap
            } else {
                Shape::Lower
            };
            out.push(Tok {
                start: i as u32,
                end: e as u32,
                shape,
                class: 0,
                oc: 0,
                low: 0,
                key: 0,
                cyrillic: b >= 0x80,
            });
            i = e;
        } else if b.is_ascii_digit() {
            let e = crate::bytes::run_end(text, i, |c| c.is_ascii_digit());
            out.push(Tok {
                start: i as u32,
                end: e as u32,
                shape: Shape::Digits,
                class: 0,
                oc: 0,
                low: 0,
                key: 0,
                cyrillic: b >= 0x80,
            });
            i = e;
        } else {
            // One character (UTF-8 continuation bytes included).
            let mut e = i + 1;
            while e < text.len() && text[e] & 0xC0 == 0x80 {
                e += 1;
            }
            out.push(Tok {
                start: i as u32,
                end: e as u32,
                shape: Shape::Punct,
                class: 0,
                oc: 0,
                low: 0,
                key: 0,
                cyrillic: b >= 0x80,
            });
            i = e;
        }
    }
}

/// The candidates in lower case, one after another into `buf` (every other
/// word is in lower case already), and their dictionary look-ups, into
/// `toks` (from `cache` when the word was seen lately).
fn prepare(text: &[u8], toks: &mut [Tok], buf: &mut Vec<u8>, cache: &mut WordCache) {
    buf.clear();
    for t in toks.iter_mut().filter(|t| t.candidate()) {
        let (s, e) = (t.start as usize, t.end as usize);
        let at = buf.len();
        buf.extend_from_slice(&text[s..e]);
        crate::bytes::lower_letters(&mut buf[at..]);
        t.low = at as u32;
        t.key = H::new(250).add(&text[s..e]).0 | 1;
        let slot = cache.slot(t.key);
        if slot.key == t.key {
            (t.class, t.oc) = (slot.class, slot.oc);
        } else {
            t.class = class_bits(classify(&text[s..e]));
            t.oc = opencorpora(&buf[at..]);
            *slot = Slot {
                key: t.key,
                class: t.class,
                oc: t.oc,
                have: 0,
                local: [[0; 3]; 2],
            };
        }
    }
}

/// What the tagger knows of a word from its bytes alone — its dictionary
/// look-ups and the score of its [`word_features`] in and out of a
/// sentence's first place — for the words seen last on this thread, in a
/// direct-mapped table keyed by a 64-bit hash of the word. Names and the
/// words around them recur (a court decision repeats its parties, a news
/// text its people): on name-dense text about half the tagger's time went
/// to computing these again. Exact: a slot is used only when its whole key
/// matches, and the values are what the computation would give.
pub struct WordCache {
    slots: Vec<Slot>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    class: u8,
    oc: u8,
    /// Bit `first` set: `local[first]` holds the word features' score.
    have: u8,
    local: [[i32; 3]; 2],
}

/// Slots in a [`WordCache`]: `1 << CACHE_BITS` (64 KiB).
const CACHE_BITS: u32 = 11;

impl WordCache {
    pub const fn new() -> Self {
        WordCache { slots: Vec::new() }
    }

    fn slot(&mut self, key: u64) -> &mut Slot {
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); 1 << CACHE_BITS];
        }
        &mut self.slots[(key >> (64 - CACHE_BITS)) as usize]
    }
}

impl Default for WordCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether every letter of the word is a capital (hyphens aside).
fn all_caps(w: &[u8]) -> bool {
    let mut j = 0;
    while j < w.len() {
        if w[j] == b'-' {
            j += 1;
            continue;
        }
        if !is_upper_at(w, j) {
            return false;
        }
        j += if w[j] < 0x80 { 1 } else { 2 };
    }
    true
}

/// Whether the letters after the first are lower case, but for a capital
/// right after a hyphen (`Қасым-Жомарт`).
fn rest_lower(w: &[u8]) -> bool {
    let mut j = if w[0] < 0x80 { 1 } else { 2 };
    let mut after_hyphen = false;
    while j < w.len() {
        if w[j] == b'-' {
            after_hyphen = true;
            j += 1;
            continue;
        }
        if is_upper_at(w, j) && !after_hyphen {
            return false;
        }
        after_hyphen = false;
        j += if w[j] < 0x80 { 1 } else { 2 };
    }
    true
}

/// Feature hashing over a template id and its value, eight bytes at a
/// step (byte-wise FNV-1a was a chain of dependent multiplies, a tenth of
/// the tagger's time), finished with a multiply whose top bits pick the
/// row.
#[derive(Clone, Copy)]
struct H(u64);

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl H {
    fn new(template: u8) -> Self {
        H((0xcbf2_9ce4_8422_2325u64 ^ u64::from(template)).wrapping_mul(K))
    }

    #[inline]
    fn mix(self, v: u64) -> Self {
        H((self.0 ^ v).wrapping_mul(K).rotate_left(27))
    }

    fn add(self, bytes: &[u8]) -> Self {
        let mut h = self;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = h.mix(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        // The tail byte by byte: a `copy_from_slice` of a variable length
        // is a call to memcpy, and most values are shorter than 8 bytes.
        let last = chunks
            .remainder()
            .iter()
            .rev()
            .fold(0u64, |v, &b| v << 8 | u64::from(b));
        h.mix(last ^ (bytes.len() as u64) << 59)
    }

    fn byte(self, b: u8) -> Self {
        self.mix(u64::from(b) | 1 << 63)
    }

    fn row(self) -> u32 {
        ((self.0 ^ self.0 >> 31).wrapping_mul(K) >> (64 - BITS)) as u32
    }
}

/// Kazakh case and possessive endings (vowel harmony variants), longest
/// first: the stem without one is looked up in the dictionaries.
const KAZAKH_ENDINGS: &[&str] = &[
    "ұлының",
    "қызының",
    "сының",
    "сінің",
    "ының",
    "інің",
    "ларға",
    "лерге",
    "тың",
    "тің",
    "дың",
    "дің",
    "ның",
    "нің",
    "ның",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "мен",
    "пен",
    "бен",
    "ның",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "да",
    "де",
    "та",
    "те",
    "ын",
    "ін",
    "ы",
    "і",
    "а",
    "е",
];

/// The Kazakh case ending `w` (lower case) carries, if any, leaving a stem
/// of at least three letters. Every ending ends in one of a few letters:
/// the last one is looked at first.
pub(crate) fn kazakh_ending(w: &[u8]) -> Option<&'static str> {
    /// The endings by their last letter, each group in the list's order.
    static BY_LAST: LazyLock<[(&'static [u8], Vec<&'static str>); 6]> = LazyLock::new(|| {
        ["ң", "а", "е", "ы", "і", "н"].map(|l| {
            let group = KAZAKH_ENDINGS
                .iter()
                .copied()
                .filter(|e| e.ends_with(l))
                .collect();
            (l.as_bytes(), group)
        })
    });
    let last = w.get(w.len().checked_sub(2)?..)?;
    let (_, group) = BY_LAST.iter().find(|(l, _)| *l == last)?;
    group
        .iter()
        .find(|e| w.ends_with(e.as_bytes()) && w.len() >= e.len() + 6)
        .copied()
}

/// Which of the OpenCorpora sets (given name, surname, place,
/// organisation: `patterns/dictionaries/opencorpora_names.bin`, written by
/// `scripts/opencorpora_names.py`) hold a lower-case word, as bits 0–3.
/// Russian has far more names than the project's lists, in every case form
/// (`Вертинского`); the tagger weighs this beside the lists.
pub fn opencorpora(lower: &[u8]) -> u8 {
    static FILE: &[u8] = include_bytes!("../../patterns/dictionaries/opencorpora_names.bin");
    static SETS: LazyLock<Option<(u32, &'static [u8])>> = LazyLock::new(|| {
        let rest = FILE.strip_prefix(b"QORGAU-NAME-SETS-2\n".as_slice())?;
        let end = rest.windows(6).position(|w| w == b"\n#end\n")? + 6;
        let bits = u32::from_le_bytes(rest.get(end..end + 4)?.try_into().ok()?);
        let body = &rest[end + 8..];
        ((1..32).contains(&bits) && body.len() == 1 << (bits - 1)).then_some((bits, body))
    });
    let Some((bits, body)) = *SETS else {
        return 0;
    };
    // A slot holds four bits, one per set; two slots a byte.
    let h = crate::bytes::fnv1a(lower);
    let mask = (1u64 << bits) - 1;
    let slot = |p: u64| body[(p >> 1) as usize] >> (4 * (p & 1)) & 0xF;
    slot(h & mask) & slot(h >> 32 & mask)
}

fn class_bits(c: WordClass) -> u8 {
    u8::from(c.given)
        | u8::from(c.surname) << 1
        | u8::from(c.patronymic) << 2
        | u8::from(c.stop) << 3
        | u8::from(c.verb) << 4
}

fn shape_byte(t: Option<&Tok>, text: &[u8]) -> u8 {
    let Some(t) = t else { return b'^' };
    let latin = text[t.start as usize].is_ascii();
    let base = match t.shape {
        Shape::Cap => b'A',
        Shape::Caps => b'C',
        Shape::Initial => b'I',
        Shape::Lower => b'a',
        Shape::Digits => b'0',
        Shape::Punct => return text[t.start as usize],
    };
    if latin {
        base + 1
    } else {
        base
    }
}

/// The last `n` characters of the UTF-8 word `w` (all of it when shorter).
fn suffix(w: &[u8], n: usize) -> &[u8] {
    let mut i = w.len();
    for _ in 0..n {
        if i == 0 {
            break;
        }
        i -= 1;
        while i > 0 && w[i] & 0xC0 == 0x80 {
            i -= 1;
        }
    }
    &w[i..]
}

/// The first `n` characters of the UTF-8 word `w`.
fn prefix(w: &[u8], n: usize) -> &[u8] {
    let mut i = 0;
    for _ in 0..n {
        if i == w.len() {
            break;
        }
        i += 1;
        while i < w.len() && w[i] & 0xC0 == 0x80 {
            i += 1;
        }
    }
    &w[..i]
}

/// Whether the token before `i` ends a sentence (or there is none).
fn starts_sentence(toks: &[Tok], text: &[u8], i: usize) -> bool {
    i == 0 || {
        let p = toks[i - 1];
        // . ! ? … : ; " « - — (
        p.shape == Shape::Punct
            && matches!(
                &text[p.start as usize..p.end as usize],
                b"." | b"!"
                    | b"?"
                    | b"\xE2\x80\xA6"
                    | b":"
                    | b";"
                    | b"\""
                    | b"\xC2\xAB"
                    | b"-"
                    | b"\xE2\x80\x94"
                    | b"("
            )
    }
}

/// Calls `f` with the row of every feature of token `i` given the previous
/// token's tag (`prev`: 0 O, 1 B, 2 I): those of the word itself
/// ([`word_features`]) and those of its neighbours and the previous tag
/// ([`context_features`]). The score is their sum in any order, so
/// inference may take the first part from [`WordCache`].
fn features(toks: &[Tok], text: &[u8], low: &[u8], i: usize, prev: usize, mut f: impl FnMut(u32)) {
    let first = starts_sentence(toks, text, i);
    word_features(toks, text, low, i, first, &mut f);
    context_features(toks, text, low, i, prev, f);
}

/// The lower-case form of token `j` (a candidate's from `low`, any other
/// token is in lower case already or has no case).
fn lowered<'a>(toks: &[Tok], text: &'a [u8], low: &'a [u8], j: usize) -> &'a [u8] {
    let t = toks[j];
    let len = (t.end - t.start) as usize;
    if t.candidate() {
        &low[t.low as usize..t.low as usize + len]
    } else {
        &text[t.start as usize..t.end as usize]
    }
}

/// The features of token `i` that depend only on its own bytes and on
/// whether it opens a sentence (`first`).
fn word_features(
    toks: &[Tok],
    text: &[u8],
    low: &[u8],
    i: usize,
    first: bool,
    mut f: impl FnMut(u32),
) {
    let word = |j: usize| &text[toks[j].start as usize..toks[j].end as usize];
    let t = toks[i];
    let w0 = lowered(toks, text, low, i);
    let shape = shape_byte(Some(&t), text);
    let hyphen = word(i).contains(&b'-');
    let (class, oc) = (t.class, t.oc);
    let mut emit = |h: H| f(h.row());
    emit(H::new(0));
    emit(H::new(1).add(w0));
    for n in 1..=4u8 {
        emit(H::new(2 + n).add(suffix(w0, n as usize)));
    }
    for n in 1..=3u8 {
        emit(H::new(7 + n).add(prefix(w0, n as usize)));
    }
    emit(
        H::new(11)
            .byte(shape)
            .byte(u8::from(hyphen))
            .byte(u8::from(first)),
    );
    emit(H::new(12).byte(class));
    emit(H::new(13).byte(class).byte(u8::from(first)));
    emit(H::new(18).byte(oc));
    emit(H::new(19).byte(oc).byte(u8::from(first)).byte(class));
    // The stem without a Kazakh case ending, and what it is.
    let ending = kazakh_ending(w0);
    if let Some(end) = ending {
        let stem = &word(i)[..word(i).len() - end.len()];
        let sc = class_bits(classify(stem));
        emit(H::new(14).byte(sc));
        emit(H::new(15).byte(sc).add(end.as_bytes()));
        emit(H::new(16).add(stem));
        emit(H::new(24).byte(opencorpora(&w0[..w0.len() - end.len()])));
    }
    let len = w0.iter().filter(|&&b| b & 0xC0 != 0x80).count().min(12) as u8;
    emit(H::new(17).byte(len).byte(shape));
}

/// The features of token `i` that look at its neighbours and at the
/// previous token's tag.
fn context_features(
    toks: &[Tok],
    text: &[u8],
    low: &[u8],
    i: usize,
    prev: usize,
    mut f: impl FnMut(u32),
) {
    let lowered = |j: usize| lowered(toks, text, low, j);
    let t = toks[i];
    let w0 = lowered(i);
    let shape = shape_byte(Some(&t), text);
    let (class, oc) = (t.class, t.oc);
    let p = prev as u8;
    let mut emit = |h: H| f(h.row());
    // Neighbours.
    for (k, d) in [(20u8, -2isize), (21, -1), (22, 1), (23, 2)] {
        let j = i as isize + d;
        let inside = j >= 0 && (j as usize) < toks.len();
        let (lw, sj) = if inside {
            let j = j as usize;
            (lowered(j), shape_byte(Some(&toks[j]), text))
        } else {
            (&b"^"[..], b'^')
        };
        emit(H::new(k).add(lw));
        emit(H::new(k + 10).byte(sj));
        if d.abs() == 1 {
            emit(H::new(k + 20).add(suffix(lw, 2)).byte(sj));
            emit(H::new(k + 40).add(suffix(lw, 3)));
            if inside && toks[j as usize].candidate() {
                let n = toks[j as usize];
                emit(H::new(k + 30).byte(n.class).byte(shape));
                emit(H::new(k + 60).byte(n.oc).byte(oc));
            }
            emit(H::new(k + 50).add(lw).byte(class));
        }
    }
    // The previous tag, alone and with the word's shape, class and ending.
    emit(H::new(90).byte(p));
    emit(H::new(91).byte(p).byte(shape));
    emit(H::new(92).byte(p).byte(class));
    emit(H::new(93).byte(p).add(suffix(w0, 2)));
    let glued = i > 0 && toks[i - 1].end + 1 >= t.start;
    emit(
        H::new(94)
            .byte(p)
            .byte(u8::from(glued))
            .byte(shape_byte(i.checked_sub(1).map(|j| &toks[j]), text)),
    );
}

/// The trained weights, a view into the embedded file.
#[derive(Debug)]
pub struct Model<'a> {
    weights: &'a [u8],
}

impl<'a> Model<'a> {
    /// The model in `bytes` (a `person_model.bin`), or `None` when it is
    /// not one (empty, another format, another table size).
    pub fn parse(bytes: &'a [u8]) -> Option<Self> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let end = rest
            .windows(HEADER_END.len())
            .position(|w| w == HEADER_END)?;
        let weights = &rest[end + HEADER_END.len()..];
        (weights.len() == (3usize << BITS) * 2).then_some(Model { weights })
    }

    /// The header text (sources, licences, figures).
    #[cfg(test)]
    pub fn header(bytes: &[u8]) -> Option<&str> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let end = rest
            .windows(HEADER_END.len())
            .position(|w| w == HEADER_END)?;
        std::str::from_utf8(&rest[..end]).ok()
    }

    #[inline]
    fn add(&self, row: u32, scores: &mut [i32; 3]) {
        let o = row as usize * 6;
        let w = &self.weights[o..o + 6];
        for (k, s) in scores.iter_mut().enumerate() {
            *s += i32::from(i16::from_le_bytes([w[2 * k], w[2 * k + 1]]));
        }
    }
}

static EMBEDDED: &[u8] = include_bytes!("../../patterns/person_model.bin");

static MODEL: LazyLock<Option<Model<'static>>> = LazyLock::new(|| Model::parse(EMBEDDED));

/// The embedded model, if the build has one.
pub fn model() -> Option<&'static Model<'static>> {
    MODEL.as_ref()
}

/// Whether tag `tag` may follow `prev` at token `i` (an I continues a
/// name only across a space or a hyphen from the token before).
fn allowed(toks: &[Tok], text: &[u8], i: usize, prev: usize, tag: usize) -> bool {
    if tag != I {
        return true;
    }
    if prev == O || i == 0 {
        return false;
    }
    let gap = &text[toks[i - 1].end as usize..toks[i].start as usize];
    gap.len() <= 1 && gap.iter().all(|&b| b == b' ' || b == b'-')
}

/// Tags `toks` greedily with a scoring function; returns the tags in `tags`.
fn decode(
    toks: &[Tok],
    text: &[u8],
    tags: &mut Vec<u8>,
    mut score: impl FnMut(&[Tok], usize, usize) -> [i32; 3],
) {
    tags.clear();
    let mut prev = O;
    for i in 0..toks.len() {
        let tag = if toks[i].candidate() {
            let s = score(toks, i, prev);
            let mut best = O;
            for t in [B, I] {
                if allowed(toks, text, i, prev, t) && s[t] > s[best] {
                    best = t;
                }
            }
            best
        } else {
            O
        };
        tags.push(tag as u8);
        prev = tag;
    }
}

/// Calls `f` with each span (byte range of the text) the tags mark.
fn spans(toks: &[Tok], tags: &[u8], mut f: impl FnMut(Range<usize>)) {
    let mut open: Option<Range<usize>> = None;
    for (i, &t) in tags.iter().enumerate() {
        let r = toks[i].start as usize..toks[i].end as usize;
        match t as usize {
            I => {
                if let Some(o) = open.as_mut() {
                    o.end = r.end;
                }
            }
            tag => {
                if let Some(o) = open.take() {
                    f(o);
                }
                if tag == B {
                    open = Some(r);
                }
            }
        }
    }
    if let Some(o) = open {
        f(o);
    }
}

/// A thread's buffers for [`Model::find`]: tokens, tags, lower-case
/// candidates, the word cache.
type Scratch = (Vec<Tok>, Vec<u8>, Vec<u8>, WordCache);

thread_local! {
    static SCRATCH: RefCell<Scratch> =
        const { RefCell::new((Vec::new(), Vec::new(), Vec::new(), WordCache::new())) };
}

impl Model<'_> {
    /// Calls `f` with each person span in `text` (a line or a stretch of
    /// one), in order.
    pub fn find(&self, text: &[u8], f: impl FnMut(Range<usize>)) {
        SCRATCH.with(|s| {
            let (toks, tags, buf, cache) = &mut *s.borrow_mut();
            tokenize(text, toks);
            prepare(text, toks, buf, cache);
            let low = &buf[..];
            decode(toks, text, tags, |toks, i, prev| {
                let first = starts_sentence(toks, text, i);
                let slot = cache.slot(toks[i].key);
                let mut s = if slot.key == toks[i].key && slot.have >> u8::from(first) & 1 == 1 {
                    slot.local[usize::from(first)]
                } else {
                    let mut s = [0i32; 3];
                    word_features(toks, text, low, i, first, |row| self.add(row, &mut s));
                    if slot.key == toks[i].key {
                        slot.local[usize::from(first)] = s;
                        slot.have |= 1 << u8::from(first);
                    }
                    s
                };
                context_features(toks, text, low, i, prev, |row| self.add(row, &mut s));
                s
            });
            spans(toks, tags, f);
        });
    }
}

/// One training sentence: its text and the byte spans of its persons.
pub struct Example<'a> {
    pub text: &'a [u8],
    pub persons: &'a [Range<usize>],
}

/// Gold tags of a tokenized example: a token is B or I when it lies inside
/// a person span (a span that ends inside a token takes the whole token).
fn gold(toks: &[Tok], persons: &[Range<usize>]) -> Vec<u8> {
    let mut tags = vec![O as u8; toks.len()];
    for p in persons {
        let mut first = true;
        for (i, t) in toks.iter().enumerate() {
            if (t.start as usize) >= p.start && (t.start as usize) < p.end {
                tags[i] = if first { B as u8 } else { I as u8 };
                first = false;
            }
        }
    }
    tags
}

/// Trains the averaged perceptron for `epochs` passes over `examples`
/// (shuffled the same way every run) and returns the weight table,
/// quantized to i16, as the bytes that follow the header.
pub fn train(examples: &[Example], epochs: usize) -> Vec<u8> {
    let rows = 1usize << BITS;
    let mut w = vec![0f32; rows * 3];
    // Sum of (time of update × update), for the average (Daumé's trick).
    let mut u = vec![0f32; rows * 3];
    let mut t = 1f32;
    let mut toks = Vec::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut rows_of = Vec::new();
    let mut buf = Vec::new();
    let mut cache = WordCache::new();
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &e in &order {
            let ex = &examples[e];
            tokenize(ex.text, &mut toks);
            prepare(ex.text, &mut toks, &mut buf, &mut cache);
            let low = &buf[..];
            let want = gold(&toks, ex.persons);
            let mut prev = O;
            for i in 0..toks.len() {
                if !toks[i].candidate() {
                    prev = O;
                    continue;
                }
                rows_of.clear();
                features(&toks, ex.text, low, i, prev, |r| rows_of.push(r as usize));
                let mut s = [0f32; 3];
                for &r in &rows_of {
                    for (k, sk) in s.iter_mut().enumerate() {
                        *sk += w[r * 3 + k];
                    }
                }
                let mut best = O;
                for tag in [B, I] {
                    if allowed(&toks, ex.text, i, prev, tag) && s[tag] > s[best] {
                        best = tag;
                    }
                }
                let gold_tag = want[i] as usize;
                if best != gold_tag {
                    for &r in &rows_of {
                        w[r * 3 + gold_tag] += 1.0;
                        u[r * 3 + gold_tag] += t;
                        w[r * 3 + best] -= 1.0;
                        u[r * 3 + best] -= t;
                    }
                }
                t += 1.0;
                // Learn from its own decisions, as it will run.
                prev = best;
            }
        }
    }
    let avg: Vec<f32> = w.iter().zip(&u).map(|(w, u)| w - u / t).collect();
    let max = avg.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
    let scale = 32767.0 / max;
    avg.iter()
        .flat_map(|v| ((v * scale).round() as i16).to_le_bytes())
        .collect()
}

/// A model file: the magic, the header text, the weights.
pub fn file(header: &str, weights: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(header.trim_end().as_bytes());
    out.extend_from_slice(HEADER_END);
    out.extend_from_slice(weights);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_names_its_sources_and_licences() {
        let h = Model::header(EMBEDDED).expect("patterns/person_model.bin is a model");
        for needle in [
            "KazNERD",
            "CC BY 4.0",
            "Yeshpanov",
            "factRuEval-2016",
            "MIT",
            "dialogue-evaluation",
        ] {
            assert!(h.contains(needle), "{needle}");
        }
        assert!(model().is_some());
    }

    #[test]
    fn tokens_and_shapes() {
        let text = "Президент Қасым-Жомарт Тоқаев, Е. ЕРЛАН и 12 ученика.";
        let mut toks = Vec::new();
        tokenize(text.as_bytes(), &mut toks);
        let shapes: Vec<(String, Shape)> = toks
            .iter()
            .map(|t| (text[t.start as usize..t.end as usize].to_string(), t.shape))
            .collect();
        assert_eq!(shapes[1], ("Қасым-Жомарт".into(), Shape::Cap));
        assert_eq!(shapes[4], ("Е.".into(), Shape::Initial));
        assert_eq!(shapes[5], ("ЕРЛАН".into(), Shape::Caps));
        assert_eq!(shapes[7], ("12".into(), Shape::Digits));
    }

    #[test]
    fn learns_a_toy_language() {
        let texts = [
            ("Вчера Ерлан Алпысов пришёл.", "Ерлан Алпысов"),
            ("Сегодня Айгерим Нурланова ушла.", "Айгерим Нурланова"),
        ];
        let span = |t: &str, n: &str| t.find(n).unwrap()..t.find(n).unwrap() + n.len();
        let owned: Vec<(Vec<u8>, Vec<Range<usize>>)> = texts
            .iter()
            .map(|(t, n)| (t.as_bytes().to_vec(), vec![span(t, n)]))
            .collect();
        let ex: Vec<Example> = owned
            .iter()
            .map(|(t, p)| Example {
                text: t,
                persons: p,
            })
            .collect();
        let weights = train(&ex, 5);
        let bytes = file("# test", &weights);
        let m = Model::parse(&bytes).expect("a model");
        let mut out = Vec::new();
        m.find("Вчера Ерлан Алпысов пришёл.".as_bytes(), |r| out.push(r));
        let t = "Вчера Ерлан Алпысов пришёл.";
        assert_eq!(out, vec![span(t, "Ерлан Алпысов")]);
    }
}
