//! Person names in Cyrillic (Russian and Kazakh) and Latin script. There is
//! no checksum, so a name is a run of up to three capitalised words or
//! initials whose parts say what they are, and the confidence is the sum of
//! that evidence:
//!
//! - surname + given name + patronymic (Нурланов Ерлан Болатович): 0.99;
//! - surname and given name in either order, given name + patronymic: ~0.9;
//! - a surname-shaped word and initials (Жумабаева Г.К., Г. К. Жумабаева): 0.9;
//! - a capitalised word with initials, or beside a dictionary given name,
//!   that is no surname by its ending (Сейтқали Асқар): below the default
//!   threshold unless a context word (ФИО, клиент, азамат, Mr) is near.
//!
//! A run that an address marker precedes (`ул. Абая`) or follows (`Абай
//! даңғылы`) is a street, and cities, months and organisations are never
//! parts of a name (`patterns/dictionaries/not_names.txt`).

use super::address;
use super::names::{classify, is_upper_at, letter_before, word_end, word_in, WordClass};
use super::tagger;
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

#[derive(Debug, Clone, Copy)]
enum Tok {
    Word {
        start: usize,
        end: usize,
        class: WordClass,
    },
    /// One to three initials (`Г.`, `Г.К.`, `Г. К.`).
    Initials { end: usize, count: u8 },
}

impl Tok {
    fn end(self) -> usize {
        match self {
            Tok::Word { end, .. } | Tok::Initials { end, .. } => end,
        }
    }
}

/// Characters in a letter run (every letter is one or two bytes).
fn chars(w: &[u8]) -> usize {
    w.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The capitalised word or initials starting at `i`.
fn token_at(hay: &[u8], i: usize) -> Option<Tok> {
    if !is_upper_at(hay, i) {
        return None;
    }
    let e = word_end(hay, i);
    let n = chars(&hay[i..e]);
    if n == 1 && hay.get(e) == Some(&b'.') {
        let mut end = e + 1;
        let mut count = 1;
        while count < 3 {
            let j = if hay.get(end) == Some(&b' ') {
                end + 1
            } else {
                end
            };
            if !is_upper_at(hay, j) {
                break;
            }
            let we = word_end(hay, j);
            if chars(&hay[j..we]) != 1 || hay.get(we) != Some(&b'.') {
                break;
            }
            end = we + 1;
            count += 1;
        }
        return Some(Tok::Initials { end, count });
    }
    if n < 2 || e - i > 64 {
        return None;
    }
    // Capitalised (Ерлан) or all capitals (ERLAN); not camelCase. Letters
    // are one or two bytes; a capital after a hyphen starts a new part.
    let mut j = i + if hay[i] < 0x80 { 1 } else { 2 };
    let (mut upper, mut lower) = (0, 0);
    while j < e {
        if hay[j] == b'-' {
            j += 1;
            if j < e {
                j += if hay[j] < 0x80 { 1 } else { 2 };
            }
            continue;
        }
        if is_upper_at(hay, j) {
            upper += 1;
        } else {
            lower += 1;
        }
        j += if hay[j] < 0x80 { 1 } else { 2 };
    }
    if upper > 0 && lower > 0 {
        return None;
    }
    Some(Tok::Word {
        start: i,
        end: e,
        class: WordClass::default(),
    })
}

/// The token after `prev` (one space between them).
fn next(hay: &[u8], prev: Tok) -> Option<Tok> {
    let e = prev.end();
    if hay.get(e) != Some(&b' ') {
        return None;
    }
    token_at(hay, e + 1)
}

/// Words that, besides the address markers (`super::address`), make a
/// capitalised pair a place: `имени Абая`, `Талғар ауданы`, `Алматы
/// қаласы`, and English street words.
const PLACE_BEFORE: &[&str] = &["им", "имени", "st", "str", "ave"];
const PLACE_AFTER: &[&str] = &[
    "street",
    "avenue",
    "st",
    "ave", // Regions and districts (`Жамбылская обл`, `Илийский р-н`).
    "обл",
    "область",
    "области",
    "р-н",
    "район",
    "района",
    "округ",
];
/// Starts of Kazakh words after a name that make it a place's or a
/// monument's (`Абай ауданында`, `Жданов аулына`, `Абай ескерткішіне`), in
/// any case form. A place named so takes the possessive (-ы, -і, -сі),
/// and every case form of it starts so; the bare noun's cases (`ауылда`,
/// "in a village"; `көшеде`) follow a person who is there (`Бердібек
/// Сапарбаев ауылда болды`). `ауылдық округі` names a rural district.
const PLACE_AFTER_STEMS: &[&str] = &[
    "көшесі",
    "даңғылы",
    "ауданы",
    "ауылы",
    "ауылдық",
    "аулы",
    "қаласы",
    "облысы",
    "ескерткіші",
];

/// Whether the word before `s` (across a space and an optional dot) is a
/// street marker.
fn street_before(hay: &[u8], s: usize) -> bool {
    let mut i = s;
    while i > 0 && matches!(hay[i - 1], b' ' | b'.') {
        i -= 1;
    }
    let e = i;
    while i > 0 && (hay[i - 1].is_ascii_alphabetic() || hay[i - 1] >= 0x80 || hay[i - 1] == b'-') {
        i -= 1;
    }
    i < e && (word_in(hay, i, e, address::BEFORE) || word_in(hay, i, e, PLACE_BEFORE))
}

fn street_after(hay: &[u8], e: usize) -> bool {
    let mut i = e;
    while matches!(hay.get(i), Some(b' ' | b',')) {
        i += 1;
    }
    let we = word_end(hay, i);
    let mut buf = [0u8; 96];
    we > i
        && (word_in(hay, i, we, address::AFTER)
            || word_in(hay, i, we, PLACE_AFTER)
            || super::names::lower(&hay[i..we], &mut buf)
                .is_some_and(|w| PLACE_AFTER_STEMS.iter().any(|p| w.starts_with(p))))
}

/// The confidence of a name made of `toks`, or `None` when they are not one.
fn judge(toks: &[Tok]) -> Option<f32> {
    use Tok::{Initials, Word};
    let name = |c: &WordClass| !c.stop;
    let unknown = |c: &WordClass| !c.stop && !c.given && !c.surname && !c.patronymic;
    match *toks {
        [Word { class: a, .. }, Word { class: b, .. }, Word { class: c, .. }]
            if name(&a) && name(&b) && name(&c) =>
        {
            if a.surname && b.given && c.patronymic {
                Some(0.99)
            } else if a.given && b.patronymic && c.surname {
                Some(0.97)
            } else if (unknown(&a) && !a.verb || a.surname) && b.given && c.patronymic {
                // Kazakh surnames without a Russian ending (Сейтқали Асқар Болатұлы).
                Some(0.95)
            } else if a.surname && unknown(&b) && !b.verb && c.patronymic {
                // A given name no list holds between a surname and a
                // patronymic (Жақсыбаева Аяулым Нұрланқызы).
                Some(0.9)
            } else {
                None
            }
        }
        [Word { class: a, .. }, Word { class: b, .. }] if name(&a) && name(&b) => {
            if (a.surname && b.given) || (a.given && b.surname) {
                Some(0.9)
            } else if a.given && b.patronymic {
                Some(0.85)
            } else if a.given && b.given {
                // A Kazakh name with the father's name as surname (Нұрбол Төлеген).
                Some(0.7)
            } else if (a.given && unknown(&b) && !b.verb)
                || (unknown(&a) && !a.verb && b.given)
                || (a.surname && unknown(&b) && !b.verb)
                || (unknown(&a) && !a.verb && b.surname)
            {
                // One part known, the other a capitalised word no list
                // knows (Юсупова Лейла before Лейла was listed): only with
                // a context word.
                Some(0.45)
            } else {
                None
            }
        }
        [Word { class: a, .. }, Initials { count: 1, .. }] if a.given && !a.surname => {
            // A bank statement's short form (Нұрлан Ж., Мариям Ж.): the
            // surname's initial after a listed given name.
            Some(0.8)
        }
        [Word { class: a, .. }, Initials { count, .. }]
        | [Initials { count, .. }, Word { class: a, .. }]
            if name(&a) =>
        {
            if a.surname {
                Some(0.9)
            } else if count >= 2 && unknown(&a) {
                Some(0.6)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A name starting at `s` (a capitalised word or an initial); returns its
/// end when one was reported.
#[inline(never)]
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if letter_before(hay, s) {
        return None;
    }
    // Most capitalised words start a sentence and a lower-case word
    // follows: look at the next byte and letter before anything else.
    let e = word_end(hay, s);
    let initial = e - s <= 2 && hay.get(e) == Some(&b'.');
    let pair = hay.get(e) == Some(&b' ') && is_upper_at(hay, e + 1);
    if !initial && !pair {
        return None;
    }
    // Logs repeat the same capitalised pairs (`Mobile Safari` in every user
    // agent): remember a few that were no name, and know them again before
    // tokenizing.
    let quick = pair.then(|| crate::bytes::fnv1a(&hay[s..word_end(hay, e + 1)]));
    if quick.is_some_and(|h| cx.not_names.contains(&h)) {
        return None;
    }
    // A role or an order's verb before a name (`Истец Ахметова …`,
    // `Принять Токтарова Мейрхана Аскаровича`) starts none: the name starts
    // at the next word, and reading it from there keeps its third part.
    if pair && hay[s] >= 0x80 && is_role(&hay[s..e]) && !given_before_surname(hay, s, e) {
        return None;
    }
    let t1 = token_at(hay, s)?;
    let t2 = next(hay, t1)?;
    let seen = match quick {
        Some(h) => h,
        None => {
            let h = crate::bytes::fnv1a(&hay[s..t2.end()]);
            if cx.not_names.contains(&h) {
                return None;
            }
            h
        }
    };
    let t3 = next(hay, t2);
    let classified = |t: Tok| match t {
        Tok::Word { start, end, .. } => Tok::Word {
            start,
            end,
            class: classify(&hay[start..end]),
        },
        other => other,
    };
    let (mut t1, mut t2, t3) = (classified(t1), classified(t2), t3.map(classified));
    // A given name that is also a common word (`Азамат`, "citizen") between
    // a surname and a patronymic is the given name.
    if let (
        Tok::Word { class: a, .. },
        Tok::Word {
            class: ref mut b,
            start,
            end,
        },
        Some(Tok::Word { class: c, .. }),
    ) = (t1, &mut t2, t3)
    {
        let mut buf = [0u8; 96];
        if a.surname
            && !a.stop
            && b.stop
            && c.patronymic
            && !c.stop
            && super::names::lower(&hay[*start..*end], &mut buf).is_some_and(super::names::is_given)
        {
            b.stop = false;
            b.given = true;
        }
    }
    // So is one before a surname of a Russian form (`Азамат Алдоңғаров`,
    // `Вера Иванова`): the common word never comes so, in Kazakh the noun
    // follows the surname (`Алдоңғаров азамат`).
    if let (
        Tok::Word {
            class: ref mut a,
            start,
            end,
        },
        Tok::Word {
            class: ref mut b, ..
        },
    ) = (&mut t1, &mut t2)
    {
        if a.stop && !b.stop && given_before_surname(hay, *start, *end) {
            a.stop = false;
            a.given = true;
            // With its Kazakh case ending (`Жолдасбековке`) too.
            b.surname = true;
        }
    }
    let (end, conf) = match t3.and_then(|t3| judge(&[t1, t2, t3]).map(|c| (t3.end(), c))) {
        // A word no list knows before a given name and a patronymic that a
        // surname follows (`Елбасы Нұрсұлтан Әбішұлы Назарбаев`): the name
        // is the last three, in the order given name, patronymic, surname.
        Some(_)
            if matches!(t1, Tok::Word { class, .. } if !class.surname && !class.given)
                && t3
                    .and_then(|t3| next(hay, t3))
                    .is_some_and(|t4| matches!(t4, Tok::Word { start, end, .. } if classify(&hay[start..end]).surname)) =>
        {
            return None;
        }
        Some(found) => found,
        None => {
            let Some(conf) = judge(&[t1, t2]) else {
                cx.not_names[seen as usize % cx.not_names.len()] = seen;
                return None;
            };
            // A word that is not itself a name part (`Dear`, `Исполнитель`)
            // before a better name: let the name start at the next token.
            let t1_unknown =
                matches!(t1, Tok::Word { class, .. } if !class.surname && !class.given);
            let better = t3.and_then(|t3| judge(&[t2, t3])).is_some_and(|c| c > conf);
            if t1_unknown && better {
                return None;
            }
            (t2.end(), conf)
        }
    };
    // `ТОО «Алтын Дән»`, `АО "Рахат Агро"`: a name in quotes after an
    // organisation form is the organisation's (after ИП or ЖК it is the
    // entrepreneur's own, and those forms are not in the list).
    if street_before(hay, s)
        || street_after(hay, end)
        || quoted_organisation(hay, s)
        // An institution named after a person with initials (`Ы. Алтынсарин
        // атындағы мектеп`); full names are left to the tagger's check.
        || hay[s..end].contains(&b'.') && organisation(hay, s, end)
    {
        return None;
    }
    // `М.П.` (the place for a seal on a form) is no person's initials.
    if matches!(&hay[s..end], b"\xD0\x9C.\xD0\x9F." | b"\xD0\x9C. \xD0\x9F.") {
        return None;
    }
    // Short of a full name with a patronymic or initials, the tagger,
    // which weighs the whole sentence, decides first: its name at `s`
    // wins, and one starting at a later word of the pair (`Кроме
    // Лукашенко`, `Елбасы Нұрсұлтан Назарбаев`) says the first word is
    // none. Where it sees nothing, the rules stand (it learnt from news,
    // not from court decisions and bank statements).
    // A context word (`ФИО:`, `Клиент`) keeps the rules' reading.
    if conf < 0.9 && cx.tagger.is_some() && !cx.context(s, end, Kind::Person).supports {
        if let Some(end) = tagged(cx, s) {
            return Some(end);
        }
        if cx.tagged.starts_within(s + 1..end) {
            return None;
        }
    }
    cx.emit(s, end, Kind::Person, conf, Needs::Nothing)
        .then_some(end)
}

/// The tagger's names in a stretch of one line (see [`tagged`]).
#[derive(Default)]
pub(crate) struct Tagged {
    /// The bytes whose names `spans` holds (empty: none tagged yet).
    window: std::ops::Range<usize>,
    spans: [(u32, u32); 16],
    count: usize,
}

/// Whether `s` starts a line or follows the end of a sentence, a colon, an
/// opening quote or bracket, or a number (`18.05.24 Обход`).
fn sentence_start(hay: &[u8], s: usize) -> bool {
    let mut i = s;
    while i > 0 && matches!(hay[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i == 0 {
        return true;
    }
    matches!(
        hay[i - 1],
        b'\n' | b'\r' | b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'(' | b'0'..=b'9'
    ) || hay[..i].ends_with("«".as_bytes())
        || hay[..i].ends_with("—".as_bytes())
}

/// Legal forms before a company's name (`ТОО Альфа`; not `ИП`, a person's
/// own business), and the starts of words after a name that make it an
/// institution's (`Назарбаев Университеті`, `Даму Банкі`, `Абай атындағы`).
const ORG_BEFORE: &[&str] = &[
    "тоо", "ао", "ооо", "зао", "оао", "пао", "жшс", "ақ", "гкп", "кгп", "кгу", "ргп", "мкп", "пк",
    "нао", "ко", "llp", "llc", "jsc",
];
const ORG_AFTER: &[&str] = &[
    "университет",
    "банк",
    "қор",
    "фонд",
    "академи",
    "институт",
    "колледж",
    "мектеп",
    "школ",
    "атында",
    "атынд",
    "компани",
    "холдинг",
    "групп",
    "центр",
    "орталығ",
    "university",
    "bank",
];

/// Whether `s` opens a quoted name right after an organisation form
/// (`ТОО «…`, `АО "…`, `ЖШС \"…`).
fn quoted_organisation(hay: &[u8], s: usize) -> bool {
    let mut i = s;
    let quote = if hay[..i].ends_with("«".as_bytes()) {
        i -= 2;
        true
    } else if i > 0 && matches!(hay[i - 1], b'"' | b'\'') {
        i -= 1;
        while i > 0 && matches!(hay[i - 1], b'\\' | b'"') {
            i -= 1;
        }
        true
    } else {
        false
    };
    if !quote {
        return false;
    }
    while i > 0 && hay[i - 1] == b' ' {
        i -= 1;
    }
    let we = i;
    while i > 0 && (hay[i - 1].is_ascii_alphabetic() || hay[i - 1] >= 0x80) {
        i -= 1;
    }
    i < we && word_in(hay, i, we, ORG_BEFORE)
}

/// Whether the name `s..e` is part of an organisation's name.
fn organisation(hay: &[u8], s: usize, e: usize) -> bool {
    let mut i = s;
    while i > 0 && matches!(hay[i - 1], b' ' | b'"') || hay[..i].ends_with("«".as_bytes()) {
        i -= if hay[i - 1] < 0x80 { 1 } else { 2 };
    }
    let we = i;
    while i > 0 && (hay[i - 1].is_ascii_alphabetic() || hay[i - 1] >= 0x80) {
        i -= 1;
    }
    if i < we && word_in(hay, i, we, ORG_BEFORE) {
        return true;
    }
    let mut j = e;
    while matches!(hay.get(j), Some(b' ')) {
        j += 1;
    }
    let next = word_end(hay, j);
    let mut buf = [0u8; 96];
    next > j
        && super::names::lower(&hay[j..next], &mut buf)
            .is_some_and(|w| ORG_AFTER.iter().any(|o| w.starts_with(o)))
}

/// Words that name a role or are listed as no name part: the words of
/// `patterns/dictionaries/not_names.txt` and the person context words.
fn is_role(word: &[u8]) -> bool {
    static CONTEXT: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| {
            crate::patterns::load()
                .into_iter()
                .filter(|p| p.kind() == Kind::Person)
                .flat_map(|p| p.context_words().map(str::to_lowercase).collect::<Vec<_>>())
                .filter(|w| !w.contains(' '))
                .collect()
        });
    if classify(word).stop {
        return true;
    }
    let mut buf = [0u8; 96];
    // A role word in a case form too (`Клиенту`, `Врачом`): a listed word
    // of five letters or more and an ending of one or two letters; a
    // hyphenated role by its first part (`Врач-педиатр`). Looked up in a
    // set, the ending cut off.
    super::names::lower(word, &mut buf).is_some_and(|whole| {
        let first = whole.split('-').next().unwrap_or(whole);
        if CONTEXT.contains(whole) || CONTEXT.contains(first) {
            return true;
        }
        let mut stem = first;
        for _ in 0..2 {
            let Some((i, _)) = stem.char_indices().last() else {
                return false;
            };
            stem = &stem[..i];
            if stem.chars().count() < 5 {
                return false;
            }
            if CONTEXT.contains(stem) {
                return true;
            }
        }
        false
    })
}

impl Tagged {
    /// Whether a tagged name starts inside `range`.
    fn starts_within(&self, range: std::ops::Range<usize>) -> bool {
        self.spans[..self.count]
            .iter()
            .any(|sp| range.contains(&(sp.0 as usize)))
    }
}

/// Bytes of context the tagger sees before a word, and the most it tags at
/// once after it.
const BEFORE: usize = 64;
const AFTER: usize = 1024;

/// A name the tagger finds at `s`, a capitalised word the rules did not
/// take. The tagger runs once per stretch of line (up to [`AFTER`] bytes),
/// the first time such a word appears in it; later words look up its
/// result.
#[inline(never)]
pub(crate) fn tagged(cx: &mut Cx, s: usize) -> Option<usize> {
    let model = cx.tagger?;
    let hay = cx.hay;
    if letter_before(hay, s) {
        return None;
    }
    if lone_word_refused(hay, s) {
        return None;
    }
    if !cx.tagged.window.contains(&s) {
        let line_start = memchr::memrchr(b'\n', &hay[..s]).map_or(0, |p| p + 1);
        let line_end = memchr::memchr(b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
        let mut ws = line_start.max(s.saturating_sub(BEFORE));
        if ws > line_start {
            // Start after a space, not inside a word.
            ws = hay[ws..s]
                .iter()
                .position(|&b| b == b' ')
                .map_or(s, |p| ws + p + 1);
        }
        let mut we = line_end.min(s + AFTER);
        let mut valid_to = we;
        if we < line_end {
            we = hay[s..we]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(we, |p| s + p);
            // The last words of a cut stretch lack their right context:
            // the next stretch tags them again.
            valid_to = (we.saturating_sub(64)).max(s + 1);
        }
        let t = &mut cx.tagged;
        t.count = 0;
        model.find(&hay[ws..we], |r| {
            let (mut a, b) = (ws + r.start, ws + r.end);
            // A role word or a listed non-name (`Истец`, `Директор`,
            // `Алматы`) starts no name: the name starts after it.
            while is_role(&hay[a..word_end(hay, a).max(a + 1)]) {
                match hay[a..b].iter().position(|&c| c == b' ') {
                    Some(p) => a += p + 1,
                    None => return,
                }
            }
            let r = a - ws..b - ws;
            if ws + r.start < s {
                return;
            }
            if t.count == t.spans.len() {
                valid_to = valid_to.min(ws + r.start);
                return;
            }
            t.spans[t.count] = ((ws + r.start) as u32, (ws + r.end) as u32);
            t.count += 1;
        });
        t.window = s..valid_to;
    }
    let t = &cx.tagged;
    let (_, end) = *t.spans[..t.count].iter().find(|sp| sp.0 as usize == s)?;
    let end = end as usize;
    if street_before(hay, s) || street_after(hay, end) || organisation(hay, s, end) {
        return None;
    }
    // A place in a Kazakh case form ends no name (`Поезд Ростовқа`).
    let last = hay[s..end]
        .iter()
        .rposition(|&b| b == b' ' || b == b'-')
        .map_or(s, |p| s + p + 1);
    let mut buf = [0u8; 96];
    if let Some(ending) = super::names::lower(&hay[last..end], &mut buf)
        .and_then(|w| tagger::kazakh_ending(w.as_bytes()))
    {
        if classify(&hay[last..end - ending.len()]).stop {
            return None;
        }
    }
    // One word at the start of a line or sentence (`Обход`, `Адрес`,
    // `Всего` in notes and forms) needs a list or OpenCorpora to know it as
    // a name part: there the tagger, trained on news, is least sure.
    let single = !hay[s..end].contains(&b' ');
    // Nor is one word inside markup (`<Телефон>`, `**Статус:**`, a table
    // header) a name: the tagger never saw any.
    let markup = |b: Option<&u8>| {
        matches!(
            b,
            Some(b'<' | b'>' | b'*' | b'/' | b'|' | b'[' | b']' | b'{' | b'=' | b'#' | b'_')
        )
    };
    if single
        && (markup(s.checked_sub(1).map(|i| &hay[i]))
            || markup(hay.get(end))
            || hay.get(end) == Some(&b':'))
    {
        return None;
    }
    if single && sentence_start(hay, s) && !known_name_part(hay, s, end) {
        return None;
    }
    // One word is less sure than two.
    let conf = if single { 0.7 } else { 0.8 };
    cx.emit(s, end, Kind::Person, conf, Needs::Nothing)
        .then_some(end)
}

/// Whether the word `s..e`, a role or common word, is a listed given name
/// before a surname of a Russian form (`Азамат Алдоңғаров`): see `at`.
fn given_before_surname(hay: &[u8], s: usize, e: usize) -> bool {
    let ne = word_end(hay, e + 1);
    // First the cheap test on the next word's bytes: -ов-, -ев-, -ёв-,
    // -ин-, -ын- somewhere in it (most pairs fail here).
    let next = &hay[e + 1..ne];
    let shaped = next.windows(4).any(|w| {
        matches!(
            w,
            [0xD0, 0xBE | 0xB5, 0xD0, 0xB2]
                | [0xD1, 0x91, 0xD0, 0xB2]
                | [0xD0, 0xB8, 0xD0, 0xBD]
                | [0xD1, 0x8B, 0xD0, 0xBD]
        )
    });
    let mut buf = [0u8; 96];
    if !shaped || !super::names::lower(&hay[s..e], &mut buf).is_some_and(super::names::is_given) {
        return false;
    }
    // `Азамат Серікбаев Даурен`: a given name after the surname makes the
    // first word the title.
    if hay.get(ne) == Some(&b' ') && is_upper_at(hay, ne + 1) {
        let c = classify(&hay[ne + 1..word_end(hay, ne + 1)]);
        if c.given || c.patronymic {
            return false;
        }
    }
    russian_surname_form(next) && !classify(next).stop
}

/// Whether `w` ends as a Russian-form surname, maybe with a Kazakh case
/// ending (`Иванова`, `Алдоңғаров`, `Назарбаевқа`).
fn russian_surname_form(w: &[u8]) -> bool {
    let mut buf = [0u8; 96];
    let Some(low) = super::names::lower(w, &mut buf) else {
        return false;
    };
    let stem = tagger::kazakh_ending(low.as_bytes()).map_or(low, |e| &low[..low.len() - e.len()]);
    [
        "ов", "ев", "ёв", "ова", "ева", "ёва", "ин", "ина", "ына", "ын",
    ]
    .iter()
    .any(|x| stem.ends_with(x) && stem.chars().count() >= x.chars().count() + 3)
}

/// Kazakh case endings of two letters or more that a Russian word never
/// ends in after -ов/-ев (`Ивановна` is no case form: -на is left out).
const KAZAKH_SURNAME_ENDINGS: &[&str] = &[
    "тың", "тің", "ның", "нің", "қа", "ке", "ға", "ге", "пен", "бен", "мен", "тан", "тен", "нан",
    "нен", "ты", "ті", "ны", "ні", "та", "те", "да", "де",
];

/// A surname with a Russian ending (-ов, -ев, -ова, -ева) and a Kazakh case
/// ending, alone (`маманы Тембаевке`, `Әбдірахмановтың сөзімен`): Kazakh
/// writes people's surnames so; the places that end so (`Киевке`) are
/// listed non-names. The tagger, which weighs the sentence, did not take
/// it; the endings are unambiguous enough to stand without it.
pub(crate) fn kazakh_surname(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let e = word_end(hay, s);
    // On the word's own bytes, no lowering: the endings are lower case,
    // and a word in capitals is left alone. Most words fail at the first
    // ending test.
    let word = &hay[s..e];
    // Every ending ends in ң, а, е, ы, і or н, and the stem holds -ов/-ев.
    if !word
        .last()
        .is_some_and(|b| matches!(b, 0xA3 | 0xB0 | 0xB5 | 0x8B | 0x96 | 0xBD))
        || !word.windows(4).any(|w| {
            matches!(
                w,
                [0xD0, 0xBE | 0xB5, 0xD0, 0xB2] | [0xD1, 0x91, 0xD0, 0xB2]
            )
        })
    {
        return None;
    }
    let end = KAZAKH_SURNAME_ENDINGS
        .iter()
        .find(|x| word.ends_with(x.as_bytes()))?;
    let stem = &word[..word.len() - end.len()];
    let russian = ["ов", "ев", "ёв", "ова", "ева"]
        .iter()
        .any(|x| stem.ends_with(x.as_bytes()) && stem.len() >= x.len() + 6);
    if !russian || word.contains(&b'-') || letter_before(hay, s) {
        return None;
    }
    if classify(&hay[s..e - end.len()]).stop || classify(word).stop {
        return None;
    }
    if !free_standing(hay, s, e) {
        return None;
    }
    // Initials before it are the name's (`Қ. Дүйсенбековке`, `Б. Ә.
    // Тұрлыбековке`, `Н.Ә. Ермековке`).
    let mut start = s;
    if s >= 4 && hay[s - 1] == b' ' {
        let mut i = s - 1;
        for _ in 0..2 {
            // A Cyrillic capital and a dot, glued or after a space.
            if i >= 3 && hay[i - 1] == b'.' && is_upper_at(hay, i - 3) && !letter_before(hay, i - 3)
            {
                start = i - 3;
                i -= 3;
                if i >= 1 && hay[i - 1] == b' ' {
                    i -= 1;
                }
            } else {
                break;
            }
        }
    }
    cx.emit(start, e, Kind::Person, 0.7, Needs::Nothing)
        .then_some(e)
}

/// Labels of a form's name fields (`Фамилия`, `Имя`, `Отчество`, `Тегі`,
/// `Аты`, `ФИО`, `Аты-жөні`), lower case.
const FORM_LABELS: &[&str] = &[
    "фамилия",
    "имя",
    "отчество",
    "тегі",
    "аты",
    "фио",
    "аты-жөні",
];

/// A filled-in form's name field as OCR and pdftotext give it: the label,
/// a leader of dots, spaces or underscores, and the value in capitals or
/// capitalised (`Тегі / Фамилия ....... ОМАРОВ`, `Отчество КАЙРАТОВИЧ`).
/// The label opens its line (after a bilingual twin and a `/`).
pub(crate) fn form_field(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // A value in capitals, or a leader that is more than a space: most
    // capitalised words fail here, before any look back.
    let caps = is_upper_at(hay, next_letter(hay, s));
    if !(caps || s >= 2 && matches!(hay[s - 2], b'.' | b'_' | b':' | b'\t')) {
        return None;
    }
    // Back over the leader.
    let mut i = s;
    while i > 0 && s - i < 64 && matches!(hay[i - 1], b' ' | b'.' | b'_' | b'\t' | b':') {
        i -= 1;
    }
    if i == s || i == 0 {
        return None;
    }
    let le = i;
    while i > 0 && (hay[i - 1] >= 0x80 || hay[i - 1] == b'-') {
        i -= 1;
    }
    if i == le || !word_in(hay, i, le, FORM_LABELS) {
        return None;
    }
    // Only the label (and its twin) before it on the line.
    let ls = memchr::memrchr(b'\n', &hay[..i]).map_or(0, |p| p + 1);
    if i - ls > 48 || hay[ls..i].iter().any(u8::is_ascii_digit) {
        return None;
    }
    // The value: up to three words, to the line's end.
    let line_end = memchr::memchr(b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
    let mut e = word_end(hay, s);
    let mut words = 1;
    while words < 3 && hay.get(e) == Some(&b' ') && is_upper_at(hay, e + 1) {
        e = word_end(hay, e + 1);
        words += 1;
    }
    let first = word_end(hay, s);
    // A header of labels (`Фамилия Имя Отчество`) is no filled-in field.
    if !hay[e..line_end].iter().all(u8::is_ascii_whitespace)
        || classify(&hay[s..first]).stop
        || word_in(hay, s, first, FORM_LABELS)
    {
        return None;
    }
    cx.emit(s, e, Kind::Person, 0.85, Needs::Nothing)
        .then_some(e)
}

/// English titles before a surname (`Dr. Zhunusov`, `Mrs Akhmetova`).
const LATIN_TITLES: &[&[u8]] = &[b"Mr", b"Mrs", b"Ms", b"Dr", b"Prof", b"Miss"];

/// A surname after an English title, at the title `s..e`: the next word,
/// capitalised, when the lists or its ending know it as a surname or a
/// given name (`Dr. Who`, `Dr. Web` stay products). A full name after the
/// title is the rules' (`Mr. John Smith`).
pub(crate) fn latin_title(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if !LATIN_TITLES.contains(&&hay[s..e]) || letter_before(hay, s) {
        return None;
    }
    let mut w = e;
    if hay.get(w) == Some(&b'.') {
        w += 1;
    }
    if hay.get(w) != Some(&b' ') || !hay.get(w + 1).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    w += 1;
    let we = word_end(hay, w);
    // Not the first word of a longer name: the rules read that one.
    if hay.get(we) == Some(&b' ') && hay.get(we + 1).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let class = classify(&hay[w..we]);
    if class.stop || !(class.surname || class.given) || we - w < 3 {
        return None;
    }
    cx.emit(w, we, Kind::Person, 0.8, Needs::Nothing)
        .then_some(we)
}

/// Greetings that follow a name opening a letter (`Алия, добрый день!`).
const GREETINGS: &[&str] = &[
    "добрый",
    "доброе",
    "здравствуйте",
    "привет",
    "приветствую",
    "сәлеметсіз",
    "сәлем",
    "қайырлы",
    "hi",
    "hello",
    "good",
];

/// A given name opening a line of a letter or message, before a comma and
/// a greeting (`Алия, добрый день!`, `Aigerim, hello`).
pub(crate) fn salutation(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // At the line's start, after spaces or a quoting `>` only.
    let mut i = s;
    while i > 0 && s - i < 8 && matches!(hay[i - 1], b' ' | b'>') {
        i -= 1;
    }
    if i > 0 && hay[i - 1] != b'\n' {
        return None;
    }
    let e = word_end(hay, s);
    if !hay[e..].starts_with(b", ") {
        return None;
    }
    let g = e + 2;
    let ge = word_end(hay, g);
    if ge == g || !word_in(hay, g, ge, GREETINGS) || !classify(&hay[s..e]).given {
        return None;
    }
    cx.emit(s, e, Kind::Person, 0.8, Needs::Nothing)
        .then_some(e)
}

/// Where the letter after the one at `i` starts.
fn next_letter(hay: &[u8], i: usize) -> usize {
    if hay[i] < 0x80 {
        i + 1
    } else {
        i + 2
    }
}

/// How far after a line's start a chat sender's name part may begin.
const SENDER_REACH: usize = 96;

/// A capitalised word in the sender of a chat export's message — the
/// contact's name as the phone book holds it, between the timestamp and
/// `: ` — is a name part when a list or OpenCorpora knows it as a given
/// name, surname or patronymic (`Курьер Арман ЖЖ`: `Арман`). WhatsApp
/// writes `[12.04.24, 10:15:03] Name: …` (iOS) and `12.04.2024, 10:15 -
/// Name: …` (Android). The run of such words is one name.
pub(crate) fn chat_sender(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // A `: ` closes the sender soon after: most words have none.
    memchr::memchr(b':', &hay[s..hay.len().min(s + 64)])?;
    // The sender is near the line's start: look no further back (this runs
    // at every capitalised Cyrillic word, before the rules).
    let from = s.saturating_sub(SENDER_REACH);
    let ls = match memchr::memrchr(b'\n', &hay[from..s]) {
        Some(p) => from + p + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let head = &hay[ls..s];
    // The timestamp: `[dd.mm.yy, hh:mm(:ss)] ` (WhatsApp on iOS), or
    // `dd.mm.yyyy, hh:mm - ` (Android) and the dash forms other exports
    // write (`02.04.2024 08:17 — `); a media note may follow the dash
    // (`[голосовое 0:38] `, `<Media omitted> `).
    let (stamp_end, mut opened) = if head.first() == Some(&b'[') {
        let p = memchr::memmem::find(head, b"] ")?;
        (p + 1, p + 2)
    } else {
        [&b" - "[..], " — ".as_bytes(), " – ".as_bytes()]
            .iter()
            .find_map(|d| memchr::memmem::find(head, d).map(|p| (p, p + d.len())))?
    };
    if stamp_end > 26 || !head[..stamp_end].contains(&b':') {
        return None;
    }
    let stamp = &head[..stamp_end];
    if !stamp.iter().any(u8::is_ascii_digit)
        || !stamp.iter().all(|&b| {
            b.is_ascii_digit() || matches!(b, b'[' | b']' | b'.' | b',' | b' ' | b':' | b'/')
        })
    {
        return None;
    }
    if matches!(head.get(opened), Some(b'[' | b'<')) {
        let close = if head[opened] == b'[' { b"] " } else { b"> " };
        opened += memchr::memmem::find(&head[opened..], close)? + 2;
    }
    // Still inside the sender: no `: ` between its start and `s`, one after.
    if memchr::memmem::find(&head[opened..], b": ").is_some() {
        return None;
    }
    let le = memchr::memchr(b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
    memchr::memmem::find(&hay[s..le], b": ")?;
    let name_part = |a: usize, b: usize| {
        let class = classify(&hay[a..b]);
        let mut buf = [0u8; 96];
        let oc = super::names::lower(&hay[a..b], &mut buf)
            .map_or(0, |w| tagger::opencorpora(w.as_bytes()));
        !class.stop && (class.given || class.surname || class.patronymic || oc & 0b11 != 0)
    };
    let mut e = word_end(hay, s);
    if e <= s + 2 || !name_part(s, e) || is_role(&hay[s..e]) {
        return None;
    }
    while hay.get(e) == Some(&b' ') && is_upper_at(hay, e + 1) {
        let ne = word_end(hay, e + 1);
        // The sender's last word, capitalised and lower case after its
        // first letter, is its surname even when no list knows it (`Жанар
        // Сейткали: …`); a label in capitals is none (`Арман ЖЖ: …`).
        let last = hay[ne..].starts_with(b": ")
            && ne - (e + 1) >= 6
            && !is_upper_at(hay, next_letter(hay, e + 1))
            && !classify(&hay[e + 1..ne]).stop;
        if ne <= e + 3 || !(last || name_part(e + 1, ne)) {
            break;
        }
        e = ne;
    }
    cx.emit(s, e, Kind::Person, 0.85, Needs::Nothing)
        .then_some(e)
}

/// Whether the word at `s` could only come back from the tagger as a name
/// of one word that [`tagged`] refuses anyway, so the line need not be
/// tagged for it: the word after it is no capitalised Cyrillic word (the
/// tagger continues a name only into one, across a space or a hyphen),
/// and the word is inside markup or before a colon, or opens a sentence
/// without a list or OpenCorpora knowing it as a name part. In court
/// decisions and notes most lines open so (`Суд`, `Истец`, `Обход`) and
/// hold only names the rules take: tagging them was half the time on such
/// text. Exact: the same checks as `tagged` makes on the span.
fn lone_word_refused(hay: &[u8], s: usize) -> bool {
    let e = word_end(hay, s);
    // An initial (`А.`) is a token of its own shape: leave it to the tagger.
    if e <= s + 2 {
        return false;
    }
    let continues = matches!(hay.get(e), Some(b' ' | b'-')) && is_upper_at(hay, e + 1);
    if continues {
        return false;
    }
    let markup = |b: Option<&u8>| {
        matches!(
            b,
            Some(b'<' | b'>' | b'*' | b'/' | b'|' | b'[' | b']' | b'{' | b'=' | b'#' | b'_')
        )
    };
    if markup(s.checked_sub(1).map(|i| &hay[i])) || markup(hay.get(e)) || hay.get(e) == Some(&b':')
    {
        return true;
    }
    sentence_start(hay, s) && !known_name_part(hay, s, e)
}

/// Whether a list or OpenCorpora knows the word `s..e` as a name part,
/// also with a Kazakh case ending (`Әбдірахмановтың сөзімен`).
fn known_name_part(hay: &[u8], s: usize, e: usize) -> bool {
    let class = classify(&hay[s..e]);
    if class.given || class.surname || class.patronymic {
        return true;
    }
    let mut buf = [0u8; 96];
    let low = super::names::lower(&hay[s..e], &mut buf);
    // The stem of a Kazakh case form, for endings of two letters or more
    // (a one-letter one would strip every Russian word in -а, -е, -ы).
    low.is_some_and(|w| tagger::opencorpora(w.as_bytes()) & 0b11 != 0)
        || low
            .and_then(|w| tagger::kazakh_ending(w.as_bytes()))
            .filter(|end| end.len() >= 4)
            .is_some_and(|end| {
                let c = classify(&hay[s..e - end.len()]);
                !c.stop && (c.given || c.surname)
            })
}

/// Whether one word `s..e` found by other means than the rules may be a
/// name where it stands: not a street's, a place's or an organisation's
/// (`улица Абая`, `Назарбаев Университеті`), not inside markup, not a key
/// (`Фамилия:`).
pub(crate) fn free_standing(hay: &[u8], s: usize, e: usize) -> bool {
    let markup = |b: Option<&u8>| {
        matches!(
            b,
            Some(b'<' | b'>' | b'*' | b'/' | b'|' | b'[' | b']' | b'{' | b'=' | b'#' | b'_' | b'@')
        )
    };
    !(street_before(hay, s)
        || street_after(hay, e)
        || organisation(hay, s, e)
        || markup(s.checked_sub(1).map(|i| &hay[i]))
        || markup(hay.get(e))
        || hay.get(e) == Some(&b':'))
}

/// X.500 attribute types of a certificate subject that hold a person's
/// name parts (RFC 4519: `sn`, `givenName`; `G` and `GN` are the short
/// forms OpenSSL and the Kazakhstan NCA certificates print).
const X500_NAME_KEYS: &[&str] = &["sn", "gn", "g"];

/// Keys (lower case, separators dropped) whose value is a name or a part
/// of one; a key ending in one of them is one too (`clientSurname`,
/// `card_holder`, `payer_fio`).
const NAME_PART_KEYS: &[&str] = &[
    "surname",
    "lastname",
    "familyname",
    "firstname",
    "givenname",
    "middlename",
    "patronymic",
    "fullname",
    "holder",
    "holdername",
    "fio",
    "фио",
    "фамилия",
    "имя",
    "отчество",
    "тегі",
    "аты",
    "әкесініңаты",
];

/// Whether an X.500 name attribute opens the value at `s`, spaced as
/// OpenSSL prints a subject (`, SN = ОМАРОВ`) or not (`/GN=MARATOVNA`).
fn x500_key_before(hay: &[u8], s: usize) -> bool {
    let mut i = s;
    while i > 0 && hay[i - 1] == b' ' {
        i -= 1;
    }
    if i == 0 || hay[i - 1] != b'=' {
        return false;
    }
    i -= 1;
    while i > 0 && hay[i - 1] == b' ' {
        i -= 1;
    }
    let ke = i;
    while i > 0 && hay[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    let opened = i == 0 || matches!(hay[i - 1], b',' | b'/' | b' ' | b'+' | b'=');
    // In a subject: a common name earlier on the line (`sn=` alone is a
    // serial number as often as a surname).
    let ls = memchr::memrchr(b'\n', &hay[..i]).map_or(0, |p| p + 1);
    let le = memchr::memchr(b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
    let line = &hay[ls..le];
    let subject = memchr::memmem::find(line, b"CN=").is_some()
        || memchr::memmem::find(line, b"CN =").is_some()
        || memchr::memmem::find(line, b"cn=").is_some();
    opened
        && subject
        && ke - i <= 9
        && (X500_NAME_KEYS
            .iter()
            .any(|k| k.as_bytes().eq_ignore_ascii_case(&hay[i..ke]))
            || hay[i..ke].eq_ignore_ascii_case(b"givenname")
            || hay[i..ke].eq_ignore_ascii_case(b"surname"))
}

/// Whether a field's key names a person or a part of a name.
fn name_part_key(key: &[u8]) -> bool {
    let mut buf = [0u8; 96];
    let Some(lower) = super::names::lower(key, &mut buf) else {
        return false;
    };
    let mut joined = [0u8; 96];
    let mut n = 0;
    for &b in lower.as_bytes() {
        if !matches!(b, b'_' | b'-' | b'.' | b' ') {
            joined[n] = b;
            n += 1;
        }
    }
    let joined = &joined[..n];
    NAME_PART_KEYS
        .iter()
        .any(|k| joined.ends_with(k.as_bytes()))
}

/// Whether the key `key` is a name part's (`first`, `last`, `middle`,
/// `given`, `family`) inside a JSON object or array that a name's key
/// opens: `"name":{"last":"Беков","first":"Дмитрий"}` (CRM documents),
/// FHIR's `"name":[{"family":"…","given":["…"]}]`. The words alone name
/// nothing; under `name` they are its parts.
fn part_in_name_object(hay: &[u8], key: (usize, usize)) -> bool {
    const PARTS: &[&[u8]] = &[
        b"first",
        b"last",
        b"middle",
        b"given",
        b"family",
        b"patronymic",
    ];
    let word = &hay[key.0..key.1];
    if !PARTS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
        return false;
    }
    // Back to the `{` or `[` that opens the object (no `}` on the way).
    let from = key.0.saturating_sub(160);
    let head = &hay[from..key.0];
    let Some(open) = head.iter().rposition(|&b| matches!(b, b'{' | b'}')) else {
        return false;
    };
    if head[open] == b'}' {
        return false;
    }
    let mut i = open;
    while i > 0 && matches!(head[i - 1], b'[' | b' ' | b':' | b'"') {
        i -= 1;
    }
    const OWNERS: &[&[u8]] = &[
        b"name",
        b"fio",
        b"fullname",
        b"full_name",
        b"person",
        b"holder",
    ];
    OWNERS
        .iter()
        .any(|o| i >= o.len() && head[i - o.len()..i].eq_ignore_ascii_case(o))
}

/// A name written in JSON `\uXXXX` escapes (`"lastName": "\u0420\u0410…"`:
/// Python's `json.dumps` and PHP's `json_encode` escape every Cyrillic
/// letter by default) as the whole value of a field whose key names a
/// person or a part of a name. At the backslash `bs` opening the value.
/// The escaped text is decoded on the stack to check its shape: one to
/// four capitalised words.
pub(crate) fn escaped_name(cx: &mut Cx, bs: usize) -> Option<usize> {
    let hay = cx.hay;
    if bs == 0 || !matches!(hay[bs - 1], b'"' | b'\'') {
        return None;
    }
    let hex = |i: usize| -> Option<u32> {
        let d = hay.get(i..i + 4)?;
        let t = std::str::from_utf8(d).ok()?;
        u32::from_str_radix(t, 16).ok()
    };
    let mut buf = [0u8; 192];
    let mut n = 0;
    let mut i = bs;
    let mut words = 0;
    let mut at_word_start = true;
    let mut shaped = true;
    while i + 6 <= hay.len() && hay[i] == b'\\' && hay[i + 1] == b'u' {
        let c = char::from_u32(hex(i + 2)?)?;
        let letter = c.is_alphabetic();
        if !(letter || matches!(c, ' ' | '-' | '.')) || n + 4 > buf.len() {
            return None;
        }
        if letter && at_word_start {
            words += 1;
            shaped &= c.is_uppercase();
        }
        at_word_start = c == ' ';
        n += c.encode_utf8(&mut buf[n..]).len();
        i += 6;
        // A plain space between escaped words.
        if hay.get(i) == Some(&b' ') {
            at_word_start = true;
            buf[n] = b' ';
            n += 1;
            i += 1;
        }
    }
    // The value ends here: a closing quote (escaped inside a string, too).
    let closes = matches!(hay.get(i), Some(b'"' | b'\''))
        || hay.get(i) == Some(&b'\\') && matches!(hay.get(i + 1), Some(b'"'));
    if !closes || !shaped || !(1..=4).contains(&words) || hay[i - 1] == b' ' {
        return None;
    }
    let verdict = cx.field(bs)?;
    let key = &hay[verdict.key.0..verdict.key.1];
    let named = key.eq_ignore_ascii_case(b"name") || key.eq_ignore_ascii_case(b"fullname");
    if !(name_part_key(key) || named && words >= 2) {
        return None;
    }
    let word = &buf[..n];
    if words == 1 && classify(word).stop {
        return None;
    }
    cx.emit(bs, i, Kind::Person, 0.85, Needs::Nothing)
        .then_some(i)
}

/// Whether `s` follows what opens a field's value: a quote, `>`, `=`,
/// a tab, a comma with no space (CSV), or `: `.
#[inline]
pub(crate) fn opens_value(hay: &[u8], s: usize) -> bool {
    match s.checked_sub(1).map(|i| hay[i]) {
        None => false,
        Some(b'"' | b'\'' | b'>' | b'=' | b'\t' | b',') => true,
        Some(b' ') => s >= 2 && matches!(hay[s - 2], b':' | b'='),
        _ => false,
    }
}

/// A name that is the whole value of a field whose key names a person or a
/// part of a name (`"holder": "ASSEL BAIZHANOVA"`, `<surname>ИСКАКОВА`,
/// `SN = ОМАРОВ`, `GN=MARATOVNA`, a `patronymic` column): one to four
/// capitalised words or initials and nothing else in the value. A single
/// word needs a key that says so (`surname`, `фамилия`, `отчество`,
/// `holder`, the X.500 name attributes); the key `name` alone is too
/// loose (products, cities, hosts carry it).
pub(crate) fn field_value(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if letter_before(hay, s) || !is_upper_at(hay, s) {
        return None;
    }
    // One look-up of the field (cached per candidate): its key, then what
    // the key says.
    let verdict = cx.field(s);
    let key = verdict.map(|v| &hay[v.key.0..v.key.1]);
    let strong = key.is_some_and(name_part_key)
        || x500_key_before(hay, s)
        || verdict.is_some_and(|v| part_in_name_object(hay, v.key));
    // `<name>ГУЛЬМИРА</name>`: a single word under `name` when the lists
    // know it as a name part.
    let named = key.is_some_and(|k| k.eq_ignore_ascii_case(b"name"));
    let weak = named || cx.named_for(s, Kind::Person);
    if !strong && !weak {
        return None;
    }
    let value_end = verdict.map_or(hay.len(), |v| v.value.1);
    // An organisation form or an entrepreneur's (`ИП Жумагалиева …`) is
    // no part of the name: the rules read what follows.
    let first = word_end(hay, s).max(s + 1);
    if word_in(hay, s, first, ORG_BEFORE) || word_in(hay, s, first, &["ип", "жк", "ie"]) {
        return None;
    }
    // The value: words and initials, single spaces between.
    let mut i = s;
    let mut words = 0;
    let mut end;
    loop {
        if !is_upper_at(hay, i) {
            return None;
        }
        let mut e = word_end(hay, i);
        // O'Connor, D'Souza.
        if hay.get(e) == Some(&b'\'') && hay.get(e + 1).is_some_and(u8::is_ascii_uppercase) {
            e = word_end(hay, e + 1);
        }
        if e <= i {
            return None;
        }
        if hay.get(e) == Some(&b'.') && chars(&hay[i..e]) == 1 {
            e += 1;
        }
        words += 1;
        end = e;
        match hay.get(e) {
            Some(b' ') if e + 1 < value_end.min(hay.len()) && words < 4 => i = e + 1,
            _ => break,
        }
    }
    // Nothing but the name in the value (a bare `name=Aigerim Nurlanovna
    // Sadykova` ends at the first space: the rules read the whole name).
    let after = hay.get(end).copied();
    if after == Some(b' ') && is_upper_at(hay, end + 1) {
        return None;
    }
    if end < value_end
        && !matches!(
            after,
            None | Some(
                b'"' | b'\''
                    | b'<'
                    | b','
                    | b'\t'
                    | b'\n'
                    | b'\r'
                    | b';'
                    | b'/'
                    | b'\\'
                    | b'}'
                    | b']'
                    | b')'
            )
        )
    {
        return None;
    }
    if matches!(after, Some(b'.' | b'-' | b'@' | b':' | b'_')) && end + 1 < hay.len() {
        return None;
    }
    if words == 1 && !strong {
        let c = classify(&hay[s..end]);
        if !named || !(c.given || c.surname || c.patronymic) {
            return None;
        }
    } else if words == 1 && classify(&hay[s..end]).stop {
        return None;
    }
    // Under a looser key (`recipient`, `client`, a `Получатель` column) a
    // word of the value must be a known name part.
    if !strong {
        let mut known = false;
        let mut i = s;
        while i < end {
            let e = word_end(hay, i).max(i + 1);
            let c = classify(&hay[i..e]);
            if c.stop {
                return None;
            }
            known |= c.given || c.surname || c.patronymic;
            i = e + 1;
        }
        if !known {
            return None;
        }
    }
    if street_before(hay, s) || organisation(hay, s, end) {
        return None;
    }
    let conf = if words == 1 { 0.75 } else { 0.85 };
    cx.emit(s, end, Kind::Person, conf, Needs::Nothing)
        .then_some(end)
}
