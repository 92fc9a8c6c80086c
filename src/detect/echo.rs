//! A surname repeated alone after the full name (`Раймон Паулс … Паулс
//! считает`, `Ермек Алпысов … Алпысовтың`). News, court decisions and
//! chat exports name a person in full once and by the surname after that;
//! the tagger, which sees one line at a time, misses most of these (they
//! were the largest group of missed names on the development part of the
//! annotated news: foreign surnames — `Саакашвили`, `Хоровитц`, `Макартур`
//! — that no list holds and no case ending gives away).
//!
//! After the rest of the engine has run over a chunk, [`echo`] takes the
//! surname-like words of the names it found with two or more words (not
//! given names, patronymics or initials; not listed non-names), and reports
//! every other capitalised Cyrillic word of the chunk that is one of them in
//! another case form: the same stem, each side ending in nothing or a
//! Russian or Kazakh case ending (`Обама`/`Обамы`, `Паулс`/`Паулса`,
//! `Алпысов`/`Алпысовтың`). A given name or an initial right before it joins
//! the span (`Раймонда Паулса`). Street, place and organisation contexts
//! exclude it as they exclude the tagger's names.
//!
//! Cost: the main pass notes where the capitalised Cyrillic words that no
//! detector took start ([`Cx::caps`]); nothing more happens in a chunk
//! with no such word or no name of two words, and otherwise each noted word
//! is compared by its first two letters with at most [`MAX`] remembered
//! words.

use std::ops::Range;

use super::names::{classify, is_upper_at, letter_before, lower, word_end, WordClass};
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// Remembered surname-like words per chunk.
const MAX: usize = 32;

/// Endings of a surname's case forms, in lower case, that may differ
/// between two mentions of it: Russian noun and adjective declension, and
/// the Kazakh case and possessive endings (vowel harmony variants).
const ENDINGS: &[&str] = &[
    "а", "я", "у", "ю", "ы", "и", "е", "ой", "ей", "ом", "ем", "ым", "им", "ою", "ую", "ая", "ого",
    "его", "ому", "ему", "ых", "их", "ыми", "ими", "ам", "ям", "ах", "ях", "тың", "тің", "дың",
    "дің", "ның", "нің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді", "ты", "ті",
    "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "пен",
    "бен", "ымен", "імен", "аның", "аға", "аны", "ада", "адан", "амен", "тай", "дай", "тей", "дей",
];

fn is_ending(rest: &[u8]) -> bool {
    rest.is_empty() || ENDINGS.iter().any(|e| e.as_bytes() == rest)
}

/// Whether `a` and `b` (both capitalised Cyrillic words) are two case
/// forms of one surname.
fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let mut p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // Back to a character boundary.
    while p > 0 && (a.get(p).is_some_and(|&c| c & 0xC0 == 0x80)) {
        p -= 1;
    }
    // A stem of three letters or more, most of the shorter word.
    let stem_chars = a[..p].iter().filter(|&&c| c & 0xC0 != 0x80).count();
    stem_chars >= 3 && is_ending(&a[p..]) && is_ending(&b[p..])
}

/// Whether a capitalised word of class `c` can be remembered as a
/// surname: Cyrillic, three letters or more, not a given name, patronymic
/// or listed non-name, and not a place or an organisation for OpenCorpora.
fn surname_like(word: &[u8], c: WordClass) -> bool {
    let chars = word.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    if chars < 3 || word[0] < 0x80 || c.given || c.patronymic || c.stop || c.verb {
        return false;
    }
    let mut buf = [0u8; 96];
    let oc = lower(word, &mut buf).map_or(0, |w| super::tagger::opencorpora(w.as_bytes()));
    oc & 0b1100 == 0 || oc & 0b10 != 0
}

/// Reports the surnames of `cx`'s names (findings from `first` on) where
/// they recur alone in `body`.
pub(crate) fn echo(cx: &mut Cx, first: usize, body: Range<usize>) {
    glosses(cx, first);
    widen(cx, first);
    if cx.caps.is_empty() {
        return;
    }
    let hay = cx.hay;
    let mut names = [(0u32, 0u32); MAX];
    let mut n = 0;
    for f in &cx.out[first..] {
        if f.kind != Kind::Person || f.confidence < 0.75 || !hay[f.start..f.end].contains(&b' ') {
            continue;
        }
        // Only a name that shows itself as one — a given name, a
        // patronymic or an initial beside the word — lends its other words:
        // a wrong two-word finding (`Советским Союзом`) must not spread.
        let mut person = false;
        let mut cand = [(0u32, 0u32); 4];
        let mut c = 0;
        let mut i = f.start;
        while i < f.end {
            let we = word_end(hay, i).min(f.end);
            if we > i && is_upper_at(hay, i) {
                let w = &hay[i..we];
                if hay.get(we) == Some(&b'.') && w.len() <= 2 {
                    person = true;
                } else {
                    let class = classify(w);
                    person |= class.given || class.patronymic;
                    if !person && !class.surname {
                        let mut buf = [0u8; 96];
                        person = lower(w, &mut buf)
                            .is_some_and(|w| super::tagger::opencorpora(w.as_bytes()) & 1 != 0);
                    }
                    if c < cand.len() && surname_like(w, class) {
                        cand[c] = (i as u32, we as u32);
                        c += 1;
                    }
                }
            }
            i = we.max(i + 1);
        }
        if !person {
            continue;
        }
        for &(a, b) in &cand[..c] {
            let w = &hay[a as usize..b as usize];
            if n < MAX
                && !names[..n]
                    .iter()
                    .any(|&(x, y)| &hay[x as usize..y as usize] == w)
            {
                names[n] = (a, b);
                n += 1;
            }
        }
    }
    if n == 0 {
        return;
    }
    // The first two letters of each, to compare most words in one step.
    let head = |w: &[u8]| -> u32 {
        w.get(..4)
            .map_or(0, |h| u32::from_le_bytes(h.try_into().unwrap_or([0; 4])))
    };
    let mut heads = [0u32; MAX];
    for k in 0..n {
        heads[k] = head(&hay[names[k].0 as usize..names[k].1 as usize]);
    }
    let mut taken: Vec<(usize, usize, bool)> = Vec::new();
    for k in 0..cx.caps.len() {
        let i = cx.caps[k] as usize;
        if i < body.start || i >= body.end {
            continue;
        }
        let we = word_end(hay, i);
        let w = &hay[i..we];
        let h = head(w);
        let hit = (0..n).any(|k| {
            heads[k] == h
                && names[k].0 as usize != i
                && same_name(&hay[names[k].0 as usize..names[k].1 as usize], w)
        });
        if !hit {
            continue;
        }
        if taken.is_empty() {
            // The spans found so far, by start, to skip what is taken.
            taken = cx.out[first..]
                .iter()
                .map(|f| (f.start, f.end, f.kind == Kind::Person))
                .collect();
            taken.sort_unstable();
        }
        let covered = |s: usize| {
            let k = taken.partition_point(|&(a, _, _)| a <= s);
            k > 0 && taken[k - 1].1 > s
        };
        if covered(i) {
            continue;
        }
        // A one-word name just before it (the tagger's `Фернандо`, then
        // `Алонсо` here) is the same name: one span, which wins over the
        // shorter one when the findings are merged.
        let joined = (i >= 2 && hay[i - 1] == b' ')
            .then(|| {
                taken
                    .iter()
                    .find(|&&(a, b, p)| p && b == i - 1 && !hay[a..b].contains(&b' '))
            })
            .flatten()
            .map(|&(a, _, _)| a);
        let s = joined
            .or_else(|| given_before(hay, i).filter(|&g| !covered(g)))
            .unwrap_or(i);
        if super::person::free_standing(hay, s, we) {
            cx.emit(
                s,
                we,
                Kind::Person,
                if s < i { 0.8 } else { 0.7 },
                Needs::Nothing,
            );
        }
    }
}

/// Where a given name or an initial right before the word at `s` starts
/// (`Раймонда Паулса`, `В. Путин`).
fn given_before(hay: &[u8], s: usize) -> Option<usize> {
    let mut i = s.checked_sub(1)?;
    if hay[i] != b' ' {
        return None;
    }
    // An initial: a capital and a dot.
    if i >= 3 && hay[i - 1] == b'.' && is_upper_at(hay, i - 3) && !letter_before(hay, i - 3) {
        return Some(i - 3);
    }
    let e = i;
    while i > 0 && (hay[i - 1] >= 0x80 || hay[i - 1] == b'-') {
        i -= 1;
    }
    while i < e && hay[i] & 0xC0 == 0x80 {
        i += 1;
    }
    (i < e && word_end(hay, i) == e && is_upper_at(hay, i) && classify(&hay[i..e]).given)
        .then_some(i)
}

/// A name's Latin spelling in brackets right after it (`Скотт Хоровитц
/// (Scott Horowitz)`, `Халеда эль-Масри (Khaled el-Masri)`), as news and
/// documents give a foreign name: the same person.
fn glosses(cx: &mut Cx, first: usize) {
    let hay = cx.hay;
    let mut found = [(0usize, 0usize); 8];
    let mut n = 0;
    for f in &cx.out[first..] {
        if f.kind != Kind::Person || n == found.len() {
            continue;
        }
        let mut i = f.end;
        if hay.get(i) == Some(&b' ') {
            i += 1;
        }
        if hay.get(i) != Some(&b'(') {
            continue;
        }
        if let Some(e) = latin_name(hay, i + 1) {
            if spelled_alike(&hay[f.start..f.end], &hay[i + 1..e]) {
                found[n] = (i + 1, e);
                n += 1;
            }
        }
    }
    for &(s, e) in &found[..n] {
        cx.emit(s, e, Kind::Person, 0.8, Needs::Nothing);
    }
}

/// The end of two to four Latin words at `s` that close a bracket, each
/// capitalised but for name particles (`el-Masri`, `van`, `de`).
fn latin_name(hay: &[u8], s: usize) -> Option<usize> {
    let mut i = s;
    let mut words = 0;
    let mut capitals = 0;
    loop {
        let e = word_end(hay, i);
        if e == i || !hay[i].is_ascii_alphabetic() || e - i > 30 {
            return None;
        }
        words += 1;
        capitals += usize::from(
            hay[i].is_ascii_uppercase() || hay[i..e].iter().any(u8::is_ascii_uppercase),
        );
        match hay.get(e) {
            Some(b')')
                if (2..=4).contains(&words) && capitals >= 2 && hay[s].is_ascii_uppercase() =>
            {
                return Some(e)
            }
            Some(b' ') if words < 4 => i = e + 1,
            _ => return None,
        }
    }
}

/// Whether a Latin name could spell a Cyrillic one: the first letters of
/// their first and last words correspond, by the usual transliterations
/// both ways (`Скотт Хоровитц` / `Scott Horowitz`, `Джон` / `John`,
/// `Хуан` / `Juan`, `Ксения` / `Xenia`), so a bracket that says something else (`Иван Петров (Sales
/// Team)`) is not taken for a spelling.
fn spelled_alike(cyrillic: &[u8], latin: &[u8]) -> bool {
    let first_last = |w: &[u8]| -> Option<(usize, usize)> {
        let last = w.iter().rposition(|&b| b == b' ').map_or(0, |p| p + 1);
        Some((0, last))
    };
    let (Some((_, cl)), Some((_, ll))) = (first_last(cyrillic), first_last(latin)) else {
        return false;
    };
    // The last Latin word may start with a particle (`el-Masri`): its
    // capital is what counts.
    let latin_capital = |w: &[u8]| -> Option<u8> {
        w.iter()
            .take_while(|&&b| b != b' ')
            .find(|b| b.is_ascii_uppercase())
            .copied()
    };
    let cyr_capital = |w: &[u8]| -> Option<char> {
        let mut pos = 0;
        while pos < w.len() {
            let c = std::str::from_utf8(&w[pos..]).ok()?.chars().next()?;
            if c.is_uppercase() {
                return Some(c);
            }
            if w[pos..].starts_with(b" ") {
                return None;
            }
            pos += c.len_utf8();
        }
        None
    };
    let pair = |c: Option<char>, l: Option<u8>| -> bool {
        let (Some(c), Some(l)) = (c, l) else {
            return false;
        };
        let may: &[u8] = match c {
            'А' | 'Ә' | 'Э' => b"AE",
            'Б' => b"B",
            'В' => b"VW",
            'Г' | 'Ғ' => b"GH",
            'Д' => b"DJ",
            'Е' | 'Ё' => b"EYJ",
            'Ж' => b"ZJG",
            'З' => b"ZS",
            'И' | 'І' | 'Й' => b"IEY",
            'К' | 'Қ' => b"KCQX",
            'Л' => b"L",
            'М' => b"M",
            'Н' | 'Ң' => b"N",
            'О' | 'Ө' => b"O",
            'П' => b"P",
            'Р' => b"R",
            'С' => b"SC",
            'Т' => b"T",
            'У' | 'Ұ' | 'Ү' => b"UWO",
            'Ф' => b"FP",
            'Х' | 'Һ' => b"KHCJGX",
            'Ц' => b"TCZ",
            'Ч' => b"CT",
            'Ш' | 'Щ' => b"S",
            'Ю' | 'Я' => b"YJIU",
            _ => return false,
        };
        may.contains(&l)
    };
    pair(cyr_capital(cyrillic), latin_capital(latin))
        && pair(cyr_capital(&cyrillic[cl..]), latin_capital(&latin[ll..]))
}

/// A surname found alone whose given name stands right before it, a word
/// the lists do not know (`Шахрат Нұрышевтың айтуынша`, `Ақтоты
/// Райымқұлова`): the name is both words when the one before is a given
/// name for OpenCorpora, or either word is Kazakh (a Kazakh letter, a
/// Kazakh case ending) — a Russian noun before a surname in the genitive
/// (`Полёт Гагарина`) is not taken.
fn widen(cx: &mut Cx, first: usize) {
    let hay = cx.hay;
    for k in first..cx.out.len() {
        let f = cx.out[k];
        if f.kind != Kind::Person
            || f.start < 4
            || hay[f.start - 1] != b' '
            || hay[f.start..f.end].contains(&b' ')
            || !surname_in_any_case(&hay[f.start..f.end])
        {
            continue;
        }
        // The word before, capitalised Cyrillic, one space away.
        let e = f.start - 1;
        let mut p = e;
        while p > 0 && (hay[p - 1] >= 0x80 || hay[p - 1] == b'-') {
            p -= 1;
        }
        while p < e && hay[p] & 0xC0 == 0x80 {
            p += 1;
        }
        if p >= e || word_end(hay, p) != e || !is_upper_at(hay, p) || letter_before(hay, p) {
            continue;
        }
        let before = &hay[p..e];
        let class = classify(before);
        let kazakh = |w: &[u8]| {
            std::str::from_utf8(w).is_ok_and(|w| {
                w.contains([
                    'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү',
                    'Һ', 'І',
                ])
            })
        };
        // A Russian verb's ending (`Шахрат`) says nothing before a Kazakh
        // surname.
        let verb = class.verb && !kazakh(&hay[f.start..f.end]);
        if class.stop || verb || class.surname || class.patronymic {
            continue;
        }
        let mut buf = [0u8; 96];
        let oc_given = lower(before, &mut buf)
            .is_some_and(|w| super::tagger::opencorpora(w.as_bytes()) & 1 != 0);
        if !(class.given || oc_given || kazakh(before) || kazakh(&hay[f.start..f.end])) {
            continue;
        }
        // Not when the word before is taken by another finding.
        let taken = cx.out[first..].iter().any(|g| g.start < e && g.end > p);
        if taken || !super::person::free_standing(hay, p, f.end) {
            continue;
        }
        if let Some(g) = cx.out[first..]
            .iter_mut()
            .find(|g| g.start == f.start && g.end == f.end && g.kind == Kind::Person)
        {
            g.start = p;
            g.confidence = g.confidence.max(0.75);
        }
    }
}

/// Whether a word is a surname by its ending, in the nominative or under a
/// case ending (`Нұрышевтың`, `Ивановой`).
fn surname_in_any_case(word: &[u8]) -> bool {
    classify(word).surname
        || ENDINGS.iter().any(|e| {
            let e = e.as_bytes();
            word.len() > e.len() + 6
                && word.ends_with(e)
                && classify(&word[..word.len() - e.len()]).surname
        })
}
