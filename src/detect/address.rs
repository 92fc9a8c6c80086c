//! Street-level addresses in Russian and Kazakh. A city or a region alone
//! is a useful statistic and stays; what points to a household is the
//! street with its house and flat, so the span covers exactly that:
//!
//! - Russian: a marker before the name — `ул.`, `пр.`/`пр-т`/`просп.`,
//!   `мкр.`, `пер.`, `б-р`, `ш.`, `наб.`, `пл.` — then the name (capitalised
//!   words, `Самал-2`, `Кабанбай батыра`), then `д. 28В`, `кв. 12`, `корп. 2`,
//!   `офис 704`: «ул. Абая, д. 28В, кв. 12»;
//! - Kazakh: the name before a marker — `көшесі`, `даңғылы`, `шағын ауданы`,
//!   `ықшам ауданы`, `алаңы`, `тұйығы` — then `150-үй`, `12-пәтер`,
//!   `704-кеңсе`: «Абай даңғылы, 150-үй, 12-пәтер».
//!
//! A street with a house number is 0.95; a street name alone 0.8.

use super::names::{is_upper_at, lower, word_end, word_in};
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// Russian markers that come before the street's name (lower case, without
/// their dot).
pub(crate) const BEFORE: &[&str] = &[
    "ул",
    "улица",
    "пр",
    "пр-т",
    "просп",
    "проспект",
    "мкр",
    "микрорайон",
    "пер",
    "переулок",
    "б-р",
    "бульвар",
    "ш",
    "шоссе",
    "наб",
    "набережная",
    "пл",
    "площадь",
    "тупик",
];

/// Kazakh markers that come after the name; `ауданы` only after `шағын` or
/// `ықшам` (a district of a city is `ауданы` alone, and stays).
/// `к-сі` is how forms and spreadsheets shorten `көшесі`.
pub(crate) const AFTER: &[&str] = &[
    "көшесі",
    "даңғылы",
    "алаңы",
    "тұйығы",
    "шағын",
    "ықшам",
    "к-сі",
];

/// Words of a house, building or flat part, Russian (before the number)
/// and Kazakh (after it, joined by a hyphen or a space).
const HOUSE_BEFORE: &[&str] = &[
    "д",
    "дом",
    "кв",
    "квартира",
    "корп",
    "корпус",
    "офис",
    "оф",
    "стр",
    "блок",
];
/// A floor (`2 этаж`, `2 қабат`) is left out: two of three authors who
/// wrote one left it outside the address.
const HOUSE_AFTER: &[&str] = &["үй", "пәтер", "кеңсе", "корпус", "блок"];

/// Lower-case name words that belong to a street's name.
const NAME_PARTS: &[&str] = &[
    "батыра",
    "батыр",
    "би",
    "ана",
    "ата",
    "хана",
    "хан",
    "жырау",
    "жолы",
    "ақын",
    "имени",
    "им",
];

/// The first two letters of a word as a number (four bytes of Cyrillic).
const fn prefix(s: &str) -> u32 {
    let b = s.as_bytes();
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

const UL: u32 = prefix("ул");
const PR: u32 = prefix("пр");
const MK: u32 = prefix("мк");
const MI: u32 = prefix("ми");
const PE: u32 = prefix("пе");
const BU: u32 = prefix("бу");
const SHO: u32 = prefix("шо");
const NA: u32 = prefix("на");
const PL: u32 = prefix("пл");
const TU: u32 = prefix("ту");
const KO: u32 = prefix("кө");
const KS: u32 = prefix("к-с");
const DA: u32 = prefix("да");
const AL: u32 = prefix("ал");
const TY: u32 = prefix("тұ");
const SHA: u32 = prefix("ша");
const YK: u32 = prefix("ық");

/// Whether the lower-case Cyrillic word `s..e` is an address marker: the
/// check the main loop makes for every lower-case Cyrillic word, so the
/// first two letters are compared as one number before any list.
pub fn is_marker(hay: &[u8], s: usize, e: usize) -> bool {
    // A marker in capitals (`УЛИЦА ДИНМУХАМЕДА КУНАЕВА, 29/1` in a court
    // decision's header): lowered first; the lists compare lowered words.
    if is_upper_at(hay, s) {
        // Most capitalised words are no marker: their first two letters,
        // lowered by arithmetic, are compared first.
        let Some(p) = hay.get(s..s + 4) else {
            return false;
        };
        let low = |a: u8, b: u8| match (a, b) {
            (0xD0, 0x90..=0x9F) => (0xD0, b + 0x20),
            (0xD0, 0xA0..=0xAF) => (0xD1, b - 0x20),
            _ => (a, b),
        };
        let (a, b) = low(p[0], p[1]);
        let (c, d) = low(p[2], p[3]);
        let prefix = u32::from_le_bytes([a, b, c, d]);
        // `ы…` (ЫҚШАМ) by its first letter alone.
        let known = matches!(
            prefix,
            UL | PR | MK | MI | PE | BU | SHO | NA | PL | TU | KO | DA | AL | TY | SHA
        ) || a == 0xD1 && b == 0x8B;
        if !known {
            return false;
        }
        let mut buf = [0u8; 96];
        return e - s <= 20
            && lower(&hay[s..e], &mut buf)
                .is_some_and(|w| w.len() > 2 && (BEFORE.contains(&w) || AFTER.contains(&w)));
    }
    let w = &hay[s..e];
    let short = matches!(w, [0xD1, 0x88] | [0xD0, 0xB1, b'-', 0xD1, 0x80]); // ш, б-р
    if !short {
        let Some(p) = w.get(..4) else { return false };
        let p = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
        if !matches!(
            p,
            UL | PR
                | MK
                | MI
                | PE
                | BU
                | SHO
                | NA
                | PL
                | TU
                | KO
                | KS
                | DA
                | AL
                | TY
                | SHA
                | YK
                | AD
                | PO
                | BI
                | ZHY
                | KHA
        ) {
            return false;
        }
    }
    // The word is in lower case here (capitals returned above): its bytes
    // are compared as they are, with no lowering per word.
    let listed = |list: &[&str]| list.iter().any(|x| x.as_bytes() == w);
    e - s <= 20
        && (listed(BEFORE)
            || listed(AFTER)
            || listed(CUES)
            || listed(PREPOSITIONS)
            || listed(TITLES))
}

/// `ад`: the word `адрес`, which introduces an address written without a
/// street marker (`адрес Момышулы 16 кв 88`).
const AD: u32 = prefix("ад");
const PO: u32 = prefix("по");
const BI: u32 = prefix("би");
const ZHY: u32 = prefix("жы");
const KHA: u32 = prefix("ха");

/// Words that introduce an address.
const CUES: &[&str] = &["адрес", "адресу", "адреса"];

/// After `адрес` (ending at `e`): a capitalised street name and a house
/// (`адрес Момышулы 16 кв 88`, `адрес: Сатпаева 90/21, офис 304`). The
/// house is required: without a marker, only it tells a street from a
/// person's name.
fn cued(cx: &mut Cx, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let i = skip(hay, e, b": ");
    if i == e || !is_upper_at(hay, i) {
        return None;
    }
    let name = name_forward(hay, i)?;
    let house = house_parts(hay, name)?;
    cx.emit(i, house, Kind::Address, 0.8, Needs::Nothing)
        .then_some(house)
}

/// The second word of a street named after a person with a title, lower
/// case (`Толе би`, `Тауке хан`, `Бухар жырау`). `батыра` is left out:
/// words in `ба-` are too many to stop at each (`банк`, `баланс`).
const TITLES: &[&str] = &["би", "хан", "жырау"];

/// At a title word `s..e` after a name, with no marker (`толе би 273`,
/// `на бухар жырау 49`, `тауке хан 52 квартира 17`): the street from the
/// name through a house that is surely one, or after a preposition.
fn titled(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if s < 3 || hay[s - 1] != b' ' || hay.get(e) != Some(&b' ') {
        return None;
    }
    let mut n = s - 1;
    while n > 0 && hay[n - 1] >= 0x80 {
        n -= 1;
    }
    if n == s - 1 || n > 0 && !matches!(hay[n - 1], b' ' | b'\n' | b',' | b':' | b'(') {
        return None;
    }
    if word_end(hay, n) != s - 1 {
        return None;
    }
    // The house must be surely one (a flat or house word, a `/` or a
    // letter, the clause ending), or a preposition or `адрес` stands
    // before the name (`на толе би 273 там`): `Абылай хан 3 рет келді`
    // counts a khan's visits.
    let house = house_parts(hay, e)?;
    let sure = hay[e..house]
        .iter()
        .any(|&b| b == b'/' || b.is_ascii_alphabetic() || b >= 0x80)
        || matches!(
            hay.get(house),
            None | Some(b',' | b'.' | b';' | b')' | b'\n' | b'\r' | b'!' | b'?')
        );
    let cued = n >= 2 && hay[n - 1] == b' ' && {
        let mut w = n - 1;
        while w > 0 && hay[w - 1] >= 0x80 {
            w -= 1;
        }
        let mut buf = [0u8; 96];
        lower(&hay[w..n - 1], &mut buf)
            .is_some_and(|x| PREPOSITIONS.contains(&x) || CUES.contains(&x))
    };
    if !sure && !cued {
        return None;
    }
    cx.emit(n, house, Kind::Address, 0.8, Needs::Nothing)
        .then_some(house)
}

/// Prepositions a street follows without its marker (`живём на Кунаева,
/// 12/1, кв. 34`, `проживает по Толе би 59`).
const PREPOSITIONS: &[&str] = &["на", "по"];

/// After `на`/`по` (ending at `e`): a street named after a person in the
/// genitive, without its marker (`Кунаева`, `Абая`, `Богенбай батыра`),
/// and a house. Only a house that cannot be a count (`на Иванова 5 раз`)
/// makes it one: a flat or house word, a `/` or a letter in the number,
/// or the clause ending after it.
fn after_preposition(cx: &mut Cx, e: usize) -> Option<usize> {
    let hay = cx.hay;
    if hay.get(e) != Some(&b' ') || !is_upper_at(hay, e + 1) {
        return None;
    }
    genitive_street(cx, e + 1, false)
}

/// A capitalised word with a house number after it and no cue at all
/// (`Розыбакиева 247, кв 31`, `Кунаева 12/1`): a street only when the
/// house cannot be anything else — a flat or office word, or a `/` or a
/// letter in the number.
pub(crate) fn bare_street(cx: &mut Cx, s: usize) -> Option<usize> {
    genitive_street(cx, s, true)
}

/// A street named after a person in the genitive at `i` and its house;
/// `strict` asks for a house that is surely one (see [`bare_street`]).
fn genitive_street(cx: &mut Cx, i: usize, strict: bool) -> Option<usize> {
    let hay = cx.hay;
    let we = word_end(hay, i);
    let next = skip(hay, we, b" ");
    let two = word_end(hay, next);
    let named_part =
        hay.get(we) == Some(&b' ') && two > next && word_in(hay, next, two, NAME_PARTS);
    let mut buf = [0u8; 96];
    let genitive = lower(&hay[i..we], &mut buf).is_some_and(|w| {
        [
            "ова", "ева", "ёва", "ина", "ына", "ого", "его", "ая", "яя", "ы",
        ]
        .iter()
        .any(|x| w.ends_with(x) && w.chars().count() >= x.chars().count() + 3)
    });
    if !genitive && !named_part {
        return None;
    }
    let name = if named_part { two } else { we };
    let house = house_parts(hay, name)?;
    let span = &hay[name..house];
    let sure = span
        .iter()
        .any(|&b| b == b'/' || b.is_ascii_alphabetic() || b >= 0x80);
    let strong = sure
        || !strict
            && matches!(
                hay.get(house),
                None | Some(b',' | b'.' | b';' | b')' | b'\n' | b'\r' | b'!' | b'?')
            );
    if !strong {
        return None;
    }
    cx.emit(i, house, Kind::Address, 0.8, Needs::Nothing)
        .then_some(house)
}

fn skip(hay: &[u8], mut i: usize, chars: &[u8]) -> usize {
    while hay.get(i).is_some_and(|b| chars.contains(b)) {
        i += 1;
    }
    i
}

/// A house or flat number at `i`: digits, then an optional letter
/// (`28В`, `12а`) or `/2`.
fn number_end(hay: &[u8], i: usize) -> Option<usize> {
    let mut e = i;
    while hay.get(e).is_some_and(u8::is_ascii_digit) {
        e += 1;
    }
    if e == i || e - i > 5 {
        return None;
    }
    if hay.get(e) == Some(&b'/') && hay.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e += 1;
        while hay.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
    }
    // A letter right after the digits (28В, 12a, `75Б-үй`), not the start
    // of a word.
    e = letter_suffix(hay, e);
    Some(e)
}

/// Past one letter at `e` (`28В`, `1А`, `12a`) that no other letter
/// follows (a hyphen may: `75Б-үй`); `e` itself otherwise.
fn letter_suffix(hay: &[u8], e: usize) -> usize {
    let len = match hay.get(e) {
        Some(b) if b.is_ascii_alphabetic() => 1,
        Some(&b)
            if super::names::is_cyr_lead(b) && hay.get(e + 1).is_some_and(|c| c & 0xC0 == 0x80) =>
        {
            2
        }
        _ => return e,
    };
    if word_end(hay, e + len) > e + len || hay.get(e + len).is_some_and(u8::is_ascii_alphanumeric) {
        return e;
    }
    e + len
}

/// Past a flat after a house, `10-25` (`ул. Абая 10-25`): a hyphen and
/// 1–4 digits that nothing alphanumeric follows.
fn flat_shorthand(hay: &[u8], n: usize) -> usize {
    if hay.get(n) != Some(&b'-') {
        return n;
    }
    let d = skip(hay, n + 1, b"0123456789");
    let len = d - (n + 1);
    if (1..=4).contains(&len) && !crate::bytes::letter_at(hay, d) {
        d
    } else {
        n
    }
}

/// House, building and flat parts after `i` (the end of the street's
/// name); returns the end of the last one.
fn house_parts(hay: &[u8], mut i: usize) -> Option<usize> {
    let mut last = None;
    for _ in 0..4 {
        let j = skip(hay, i, b", ");
        // Russian: `д. 28В`, `кв 12`, or a bare number right after the name.
        let we = word_end(hay, j);
        // `н.п. 4` (нежилое помещение, a non-residential unit).
        let we = if hay[j..].starts_with("н.п.".as_bytes()) {
            j + "н.п".len()
        } else {
            we
        };
        if we > j
            && (word_in(hay, j, we, HOUSE_BEFORE)
                || we == j + "н.п".len() && hay[j..].starts_with("н.п".as_bytes()))
        {
            let k = skip(hay, we, b". ");
            if let Some(n) = number_end(hay, k).or_else(|| block_letter(hay, j, we, k)) {
                last = Some(n);
                i = n;
                continue;
            }
            break;
        }
        if let Some(n) = number_end(hay, j) {
            // Kazakh: `150-үй`, `12 пәтер`; or a bare house number once.
            let k = skip(hay, n, b"- ");
            let ke = word_end(hay, k);
            if ke > k && word_in(hay, k, ke, HOUSE_AFTER) {
                last = Some(ke);
                i = ke;
                continue;
            }
            if last.is_none() {
                let n = flat_shorthand(hay, n);
                last = Some(n);
                i = n;
                continue;
            }
        }
        break;
    }
    last
}

/// A block named by one capital letter (`блок С`, `корпус А`) at `k`,
/// after the word `j..we`: its end.
fn block_letter(hay: &[u8], j: usize, we: usize, k: usize) -> Option<usize> {
    if !word_in(hay, j, we, &["блок", "корпус", "корп"]) || !is_upper_at(hay, k) {
        return None;
    }
    let len = if hay[k].is_ascii_uppercase() { 1 } else { 2 };
    let end = k + len;
    (!crate::bytes::letter_at(hay, end) && !hay.get(end).is_some_and(u8::is_ascii_digit))
        .then_some(end)
}

/// A street name's words from `i`: capitalised words, `Самал-2`,
/// `Кабанбай батыра`; returns its end.
fn name_forward(hay: &[u8], i: usize) -> Option<usize> {
    let mut end = None;
    let mut j = i;
    for _ in 0..4 {
        let we = word_end(hay, j);
        let is_word =
            we > j && (is_upper_at(hay, j) || end.is_some() && word_in(hay, j, we, NAME_PARTS));
        let numbered = we == j && hay.get(j).is_some_and(u8::is_ascii_digit);
        if is_word {
            let mut e = we;
            // `Самал-2`, `Жетісу-3`.
            if hay.get(e) == Some(&b'-') && hay.get(e + 1).is_some_and(u8::is_ascii_digit) {
                e = letter_suffix(hay, skip(hay, e + 1, b"0123456789"));
            }
            end = Some(e);
            j = e;
        } else if numbered && end.is_none() {
            // `1-я линия`, `5-й микрорайон`.
            let n = skip(hay, j, b"0123456789");
            let k = if hay.get(n) == Some(&b'-') { n + 1 } else { n };
            let ke = word_end(hay, k);
            if ke == k || ke - k > 4 {
                return None;
            }
            end = Some(ke);
            j = ke;
        } else {
            break;
        }
        if hay.get(j) != Some(&b' ') {
            break;
        }
        j += 1;
    }
    end
}

/// The span of a Russian address whose marker starts at `s` (ending at
/// `e`): its end and confidence.
fn russian_span(hay: &[u8], s: usize, e: usize) -> Option<(usize, f32)> {
    let _ = s;
    let i = skip(hay, e, b". ");
    if i == e {
        return None;
    }
    let Some(name) = name_forward(hay, i) else {
        return lower_case_span(hay, s, e, i);
    };
    Some(match house_parts(hay, name) {
        Some(h) => (h, 0.95),
        None => (name, 0.8),
    })
}

/// A transcript's address, all lower case (`улица абая дом 12 квартира 5`,
/// `микрорайон аксай 1а дом 12`): a full marker word, a one-word name (and
/// the number of a numbered microdistrict), then a house — which lower
/// case text needs, or `улица` would take any word after it.
fn lower_case_span(hay: &[u8], s: usize, e: usize, i: usize) -> Option<(usize, f32)> {
    const FULL: &[&str] = &[
        "улица",
        "проспект",
        "микрорайон",
        "мкр",
        "переулок",
        "бульвар",
        "шоссе",
    ];
    if !word_in(hay, s, e, FULL) || is_upper_at(hay, i) {
        return None;
    }
    let mut we = word_end(hay, i);
    if we == i || word_in(hay, i, we, HOUSE_BEFORE) {
        return None;
    }
    // `улица толе би дом 59`: a name's second word.
    if hay.get(we) == Some(&b' ') {
        let ne = word_end(hay, we + 1);
        if ne > we + 1 && word_in(hay, we + 1, ne, NAME_PARTS) {
            we = ne;
        }
    }
    // The house word right after a space (unpunctuated speech has no
    // commas; `микрорайон хороший, квартира 5 комнат` is no address).
    let house = |at: usize| {
        let j = at + 1;
        let je = word_end(hay, j);
        (hay.get(at) == Some(&b' ') && je > j && word_in(hay, j, je, HOUSE_BEFORE))
            .then(|| house_parts(hay, at))
            .flatten()
    };
    // `аксай 1а`: a number (and a letter) after the name.
    if hay.get(we) == Some(&b' ') && hay.get(we + 1).is_some_and(u8::is_ascii_digit) {
        let n = letter_suffix(hay, skip(hay, we + 1, b"0123456789"));
        if let Some(h) = house(n) {
            return Some((h, 0.8));
        }
    }
    house(we).map(|h| (h, 0.8))
}

/// A Russian address whose marker starts at `s` (ending at `e`).
fn russian(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let (mut end, mut conf) = russian_span(hay, s, e)?;
    if conf < 0.9 && word_in(hay, s, e, &["мкр", "микрорайон"]) {
        if let Some((e2, c2)) = street_after(hay, end) {
            (end, conf) = (e2, c2);
        }
    }
    if !numbered(hay, s, end) {
        return Some(end);
    }
    cx.emit(s, end, Kind::Address, conf, Needs::Nothing)
        .then_some(end)
}

/// A street that continues a microdistrict without a house (`мкр.
/// Калкаман-2, ул. Ашимова, д. 7`, `Шаңырақ-2 ықшам ауданы, Жанқожа батыр
/// көшесі, 220-үй`): one address, so one span. The end and confidence of
/// the street after the comma at `end`, if one follows.
fn street_after(hay: &[u8], end: usize) -> Option<(usize, f32)> {
    if hay.get(end) != Some(&b',') {
        return None;
    }
    let j = skip(hay, end + 1, b" ");
    let je = word_end(hay, j);
    if je == j {
        return None;
    }
    if word_in(hay, j, je, BEFORE) && !word_in(hay, j, je, &["мкр", "микрорайон"]) {
        return russian_span(hay, j, je);
    }
    // A Kazakh street: its name, then `көшесі`/`даңғылы` within four words.
    let mut k = j;
    for _ in 0..4 {
        let ke = word_end(hay, k);
        if ke == k {
            return None;
        }
        if k > j
            && word_in(
                hay,
                k,
                ke,
                &["көшесі", "даңғылы", "алаңы", "тұйығы", "к-сі"],
            )
        {
            if name_backward(hay, k, false)? != j {
                return None;
            }
            return Some(match house_parts(hay, ke) {
                Some(h) => (h, 0.95),
                None => (ke, 0.8),
            });
        }
        if hay.get(ke) != Some(&b' ') {
            return None;
        }
        k = ke + 1;
    }
    None
}

/// Whether the span `s..e` holds a number. A street without a house (`на
/// пересечении пр. Абая и ул. Байзакова`, `Байтұрсынұлы көшесі`) is a
/// place many households share, as a city is: five independent authors
/// of labelled text marked one such street in 631 addresses. It is
/// passed over, not left to the name rules (`Абая` is no person there).
fn numbered(hay: &[u8], s: usize, e: usize) -> bool {
    hay[s..e].iter().any(u8::is_ascii_digit)
}

/// Whether the word at `w` starts a sentence (or the text).
fn sentence_start(hay: &[u8], w: usize) -> bool {
    let before = hay[..w].trim_ascii_end();
    before.is_empty() || matches!(before.last(), Some(b'.' | b'!' | b'?' | b'\n'))
}

/// Where the name before a Kazakh marker at `m` starts: up to three words
/// (capitalised, or street-name parts like `батыр`), `Жетісу-2`, or a
/// microdistrict's number (`14 шағын аудан`) when `numbered` is allowed.
fn name_backward(hay: &[u8], m: usize, numbered_name: bool) -> Option<usize> {
    let mut start = None;
    let mut i = m;
    for _ in 0..3 {
        if i == 0 || hay[i - 1] != b' ' {
            break;
        }
        let e = i - 1;
        if start.is_none() && numbered_name {
            let mut d = e;
            while d > 0 && hay[d - 1].is_ascii_digit() {
                d -= 1;
            }
            if d < e && e - d <= 3 && (d == 0 || matches!(hay[d - 1], b' ' | b',' | b'\n')) {
                return Some(d);
            }
        }
        // Back over digits and a hyphen (`Самал-2`, `Ақсай-1А`).
        let mut w = e;
        if w >= 3 && hay[w - 2] >= 0xD0 && hay[w - 3].is_ascii_digit() {
            w -= 2;
        } else if w >= 2 && hay[w - 1].is_ascii_alphabetic() && hay[w - 2].is_ascii_digit() {
            w -= 1;
        }
        while w > 0 && hay[w - 1].is_ascii_digit() {
            w -= 1;
        }
        if w < e && w > 0 && hay[w - 1] == b'-' {
            w -= 1;
        }
        let we = w;
        while w > 0
            && (hay[w - 1] >= 0x80 || hay[w - 1].is_ascii_alphabetic() || hay[w - 1] == b'-')
        {
            w -= 1;
        }
        if w == we {
            break;
        }
        // A listed non-name (a month, a country) can still name a street
        // next to its marker or a numbered microdistrict: `Желтоқсан
        // көшесі`, `Қазақстан көшесі`, `Мамыр-4`. Further back it is the
        // sentence's own word, and so is a capitalised word that opens the
        // sentence unless it is a given name (`Зат Момышұлы көшесі` but
        // `Бауыржан Момышұлы даңғылы`).
        let numbered = we < e;
        let upper = is_upper_at(hay, w);
        let listed = || super::names::is_not_name(&hay[w..we]);
        let named = if start.is_none() {
            upper || word_in(hay, w, we, NAME_PARTS)
        } else if word_in(hay, w, we, NAME_PARTS) {
            true
        } else {
            upper
                && (numbered || !listed())
                && (!sentence_start(hay, w) || super::names::classify(&hay[w..we]).given)
        };
        if !named {
            break;
        }
        start = Some(w);
        i = w;
    }
    start.filter(|&s| is_upper_at(hay, s))
}

/// A Kazakh address whose marker starts at `m` (ending at `e`).
fn kazakh(cx: &mut Cx, m: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let mut marker_end = e;
    let mut buf = [0u8; 96];
    let w = lower(&hay[m..e], &mut buf)?;
    if w == "шағын" || w == "ықшам" {
        // `шағын ауданы`, `ықшам ауданы` (also `шағын аудан`).
        let j = skip(hay, e, b" ");
        let je = word_end(hay, j);
        if !word_in(hay, j, je, &["ауданы", "аудан"]) {
            return None;
        }
        marker_end = je;
    }
    let s = match name_backward(hay, m, marker_end != e) {
        Some(s) => s,
        // A transcript's street in lower case (`тұран даңғылы 36 үй 12
        // пәтер`): its one-word name, when a Kazakh house word follows.
        None => {
            let h = house_parts(hay, marker_end)?;
            let kazakh_house = h > marker_end && !hay[marker_end..h].iter().any(u8::is_ascii_digit)
                || hay[marker_end..h]
                    .windows("үй".len())
                    .any(|w| w == "үй".as_bytes());
            if !kazakh_house || m < 2 || hay[m - 1] != b' ' {
                return None;
            }
            let mut w = m - 1;
            while w > 0 && hay[w - 1] >= 0x80 {
                w -= 1;
            }
            if w == m - 1 || w > 0 && !matches!(hay[w - 1], b' ' | b'\n' | b',' | b':') {
                return None;
            }
            w
        }
    };
    let (mut end, mut conf) = match house_parts(hay, marker_end) {
        Some(h) => (h, 0.95),
        None => (marker_end, 0.8),
    };
    if conf < 0.9 && marker_end != e {
        if let Some((e2, c2)) = street_after(hay, end) {
            (end, conf) = (e2, c2);
        }
    }
    if !numbered(hay, s, end) {
        return Some(end);
    }
    cx.emit(s, end, Kind::Address, conf, Needs::Nothing)
        .then_some(end)
}

/// An address around the marker word `s..e`; returns its end when one was
/// reported.
#[inline(never)]
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    // Lowered once (a capitalised marker is lowered, a lower-case word
    // is taken as it is): `на` and `по` come here at every mention.
    let mut buf = [0u8; 96];
    let w = if is_upper_at(hay, s) {
        lower(&hay[s..e], &mut buf)?.as_bytes()
    } else {
        &hay[s..e]
    };
    let listed = |list: &[&str]| list.iter().any(|x| x.as_bytes() == w);
    if listed(PREPOSITIONS) {
        after_preposition(cx, e)
    } else if listed(CUES) {
        cued(cx, e)
    } else if listed(TITLES) {
        titled(cx, s, e)
    } else if listed(BEFORE) {
        russian(cx, s, e)
    } else {
        kazakh(cx, s, e)
    }
}
