//! Names written without capitals: speech-to-text transcripts and chats are
//! lower case and unpunctuated (`клиент толеуов бауыржан жаксылыкулы`,
//! `бауыржан толеуов, [12.03.2024 09:40]`), so neither the rules in
//! [`super::person`] nor the tagger, which start at a capital, see them.
//!
//! Here a name is two or three lower-case Cyrillic words of which one is a
//! given name the lists know and another has a patronymic's ending
//! (`-ович`, `-овна`, `-ұлы`, `-қызы`, …) or is a surname made from a given
//! name (`оспанов`, `сәрсенбаева`: how Kazakh surnames are made; a
//! genitive plural such as `документов` is not) or ends in `-ский`/`-ская`. The engine asks only at a lower-case word
//! with such an ending — one comparison of its last bytes — so running text
//! costs next to nothing. Both parts must be there: a given name alone
//! (`арман` is also "a dream") or a surname-shaped word alone (`часов`,
//! `магазин`) is no name. The confidence, 0.7 (0.8 for three parts), says
//! that capitals did not help.

use super::names::{classify, is_given_nominative, lower, word_end};
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// Endings (lower case) of surnames and patronymics, Russian and Kazakh
/// (`docs/identifiers.md`).
/// `-ин`/`-ын` are left out: in Kazakh they are case endings of every other
/// word (`елін`, `жерін`), and lower-case text gives no capital to tell.
const SURNAME: &[&str] = &[
    "ов", "ев", "ёв", "ова", "ева", "ёва", "ский", "ская", "цкий", "цкая",
];
const PATRONYMIC: &[&str] = &[
    "ович",
    "евич",
    "овна",
    "евна",
    "ична",
    "инична",
    "улы",
    "ұлы",
    "кызы",
    "қызы",
];

/// What a lower-case word's ending says it can be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Surname,
    Patronymic,
    Other,
}

/// The part a lower-case word's ending says it can be (bytes compared, no
/// decoding: every ending and letter here is two bytes).
fn part(word: &[u8]) -> Part {
    // Three letters of stem at least.
    let stem_ok = |e: &str| word.len() >= e.len() + 6;
    if PATRONYMIC
        .iter()
        .any(|e| word.ends_with(e.as_bytes()) && stem_ok(e))
    {
        Part::Patronymic
    } else if SURNAME
        .iter()
        .any(|e| word.ends_with(e.as_bytes()) && stem_ok(e))
    {
        Part::Surname
    } else {
        Part::Other
    }
}

/// Whether the lower-case word `hay[s..e]` may be a surname or patronymic
/// by its last two letters (ов ев ёв ва ий ая ич на лы зы) — the cheap
/// test before anything else.
#[inline]
pub(crate) fn maybe(hay: &[u8], s: usize, e: usize) -> bool {
    const LAST_TWO: &[&[u8; 4]] = &[
        b"\xD0\xBE\xD0\xB2", // ов
        b"\xD0\xB5\xD0\xB2", // ев
        b"\xD1\x91\xD0\xB2", // ёв
        b"\xD0\xB2\xD0\xB0", // ва
        b"\xD0\xB8\xD0\xB9", // ий
        b"\xD0\xB0\xD1\x8F", // ая
        b"\xD0\xB8\xD1\x87", // ич
        b"\xD0\xBD\xD0\xB0", // на
        b"\xD0\xBB\xD1\x8B", // лы
        b"\xD0\xB7\xD1\x8B", // зы
    ];
    e >= s + 10 && LAST_TWO.iter().any(|t| &hay[e - 4..e] == t.as_slice())
}

/// Words that introduce a person in speech and chats (`клиент`, `меня
/// зовут`, `атым`): the word right before `s`.
fn cue_before(hay: &[u8], s: usize) -> bool {
    const CUES: &[&str] = &[
        "клиент",
        "клиентка",
        "клиента",
        "оператор",
        "получатель",
        "отправитель",
        "плательщик",
        "абонент",
        "пациент",
        "пациентка",
        "фамилия",
        "фио",
        "зовут",
        "атым",
        "есімім",
        "алушы",
    ];
    let mut i = s;
    while i > 0 && matches!(hay[i - 1], b' ' | b':' | b',') {
        i -= 1;
    }
    let we = i;
    while i > 0 && hay[i - 1] >= 0x80 {
        i -= 1;
    }
    i < we && super::names::word_in(hay, i, we, CUES)
}

/// Whether a lower-case `-ов`/`-ев` surname is made from a given name, as
/// Kazakh surnames are (`оспанов` from Оспан, `сәрсенбаева` from
/// Сәрсенбай, `жумабеков` from Жумабек): without capitals this is what
/// tells a surname from a genitive plural (`документов`, `часов`). `-ский`
/// surnames need no such stem.
fn from_given_name(word: &[u8]) -> bool {
    const ENDINGS: &[&str] = &["ова", "ева", "ёва", "ов", "ев", "ёв"];
    let Some(end) = ENDINGS.iter().find(|e| word.ends_with(e.as_bytes())) else {
        return true;
    };
    let stem = &word[..word.len() - end.len()];
    let mut buf = [0u8; 96];
    if stem.len() + 2 > buf.len() {
        return false;
    }
    buf[..stem.len()].copy_from_slice(stem);
    let plain = std::str::from_utf8(&buf[..stem.len()]).is_ok_and(is_given_nominative);
    // `-аев`: the name ends in `-ай` (Сәрсенбай → Сәрсенбаев).
    buf[stem.len()..stem.len() + 2].copy_from_slice("й".as_bytes());
    plain || std::str::from_utf8(&buf[..stem.len() + 2]).is_ok_and(is_given_nominative)
}

/// The lower-case Cyrillic word at `i` (`None` when there is none or it is
/// capitalised): its end and its lower-case text.
fn word_at<'b>(hay: &[u8], i: usize, buf: &'b mut [u8; 96]) -> Option<(usize, &'b str)> {
    let b = *hay.get(i)?;
    if !(0xD0..=0xD3).contains(&b) || super::names::is_upper_at(hay, i) {
        return None;
    }
    let e = word_end(hay, i);
    if e <= i {
        return None;
    }
    let w = lower(&hay[i..e], buf)?;
    Some((e, w))
}

/// Whether a listed non-name (a city, a month, a common word) is `w`.
fn listed_other(word: &[u8]) -> bool {
    classify(word).stop
}

/// At a lower-case word `s..e` with a surname's or patronymic's ending (see
/// [`maybe`]): the name it is part of, reported; returns its end.
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let this = part(&hay[s..e]);
    if this == Part::Other {
        return None;
    }
    // Transcripts name people in the nominative: the list look-up alone,
    // without trying case forms, keeps the many `-ов`/`-ая` words cheap.
    let given = |w: &str| w.len() >= 6 && is_given_nominative(w);
    // The word before (across one space): a given name?
    let before = (s >= 2 && hay[s - 1] == b' ')
        .then(|| {
            let mut b = s - 1;
            while b > 0 && hay[b - 1] >= 0x80 {
                b -= 1;
            }
            let mut pb = [0u8; 96];
            word_at(hay, b, &mut pb)
                .filter(|&(pe, w)| pe == s - 1 && given(w) && !listed_other(&hay[b..pe]))
                .map(|_| b)
        })
        .flatten();
    // The word after: a given name (surname first) or a patronymic.
    let mut nb = [0u8; 96];
    let after = (hay.get(e) == Some(&b' '))
        .then(|| word_at(hay, e + 1, &mut nb))
        .flatten();
    let (start, mut end, parts) = match (this, before, after) {
        // бауыржан толеуов / бауыржан жаксылыкулы
        (_, Some(b), _) => (b, e, 2),
        // толеуов бауыржан [жаксылыкулы]
        (Part::Surname, None, Some((ae, w))) if given(w) && !listed_other(&hay[e + 1..ae]) => {
            (s, ae, 2)
        }
        _ => return None,
    };
    // A patronymic after `given` completes a surname-first name.
    let mut patronymic_after = false;
    if parts == 2 && end > e && hay.get(end) == Some(&b' ') {
        let mut pb = [0u8; 96];
        if let Some((pe, w)) = word_at(hay, end + 1, &mut pb) {
            if part(w.as_bytes()) == Part::Patronymic {
                end = pe;
                patronymic_after = true;
            }
        }
    }
    // A surname-shaped word is a surname when made from a given name, in a
    // three-part name, or after a word that introduces a person.
    let three = patronymic_after || start < s && this == Part::Patronymic;
    if this == Part::Surname && !three && !from_given_name(&hay[s..e]) && !cue_before(hay, start) {
        return None;
    }
    if listed_other(&hay[s..e]) {
        return None;
    }
    let conf = if three { 0.8 } else { 0.7 };
    cx.emit(start, end, Kind::Person, conf, Needs::Nothing)
        .then_some(end)
}
