//! Words as the name and address detectors see them: UTF-8 letter runs
//! (Latin, Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і), lowered into a
//! stack buffer, and what a word can be — a given name from the dictionary
//! (also in a Russian case form: Ерлану, Ольгой), a surname by its ending
//! (-ов, -ева, -ину, -ұлы, -kyzy …), a patronymic by its ending (-ович,
//! -овна, -ұлы, -қызы …), or a capitalised word that is none of these (a
//! city, a month, an organisation: `patterns/dictionaries/not_names.txt`).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

// FNV-1a (crate::bytes::Fnv): the dictionary keys are short words looked
// up once per capitalised word, where SipHash's setup dominates.
use crate::bytes::Fnv;

type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// Whether `b` starts a 2-byte UTF-8 letter of the Cyrillic block
/// (U+0400–U+04FF), Kazakh letters included.
#[inline]
pub fn is_cyr_lead(b: u8) -> bool {
    (0xD0..=0xD3).contains(&b)
}

/// The end of the letter run starting at `s`, in the script of its first
/// letter (Latin, or Cyrillic with the Kazakh letters), a hyphen between
/// letters included (`Абай-Құнанбаев`). `ИИКKZ…` is two runs.
pub fn word_end(hay: &[u8], s: usize) -> usize {
    let cyr = hay.get(s).is_some_and(|&b| is_cyr_lead(b));
    let letter = |i: usize| -> usize {
        match hay.get(i) {
            Some(b) if !cyr && b.is_ascii_alphabetic() => 1,
            Some(&b)
                if cyr && is_cyr_lead(b) && hay.get(i + 1).is_some_and(|c| c & 0xC0 == 0x80) =>
            {
                2
            }
            _ => 0,
        }
    };
    let mut e = s;
    loop {
        match letter(e) {
            0 if e > s && hay.get(e) == Some(&b'-') && letter(e + 1) > 0 => e += 1,
            0 => return e,
            n => e += n,
        }
    }
}

/// Whether the letter at `hay[s..]` is upper case: A–Z, А–Я and Ё, І, and
/// the Kazakh capitals Ә Ғ Қ Ң Ө Ұ Ү Һ (by their UTF-8 bytes, no decoding).
#[inline]
pub fn is_upper_at(hay: &[u8], s: usize) -> bool {
    match (hay.get(s), hay.get(s + 1)) {
        (Some(b), _) if b.is_ascii_uppercase() => true,
        (Some(0xD0), Some(&c)) => (0x80..=0xAF).contains(&c),
        (Some(0xD2), Some(&c)) => matches!(c, 0x92 | 0x9A | 0xA2 | 0xAE | 0xB0 | 0xBA),
        (Some(0xD3), Some(&c)) => matches!(c, 0x98 | 0xA8),
        _ => false,
    }
}

/// Whether a letter run ends right before `i` (so `i` does not start a word).
pub fn letter_before(hay: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = hay[i - 1];
    b.is_ascii_alphanumeric() || (b & 0xC0 == 0x80 && i >= 2 && is_cyr_lead(hay[i - 2]))
}

/// `word` in lower case, in `buf`; `None` if it is longer than the buffer
/// or not UTF-8. Byte arithmetic for ASCII and the Cyrillic block (Kazakh
/// capitals included), no decoding and no allocation: this runs for every
/// capitalised word that may start a name.
pub fn lower<'b>(word: &[u8], buf: &'b mut [u8; 96]) -> Option<&'b str> {
    let out = buf.get_mut(..word.len())?;
    out.copy_from_slice(word);
    crate::bytes::lower_letters(out);
    std::str::from_utf8(out).ok()
}

/// Whether the word `hay[s..e]`, in lower case, is one of `list`.
pub fn word_in(hay: &[u8], s: usize, e: usize, list: &[&str]) -> bool {
    let mut buf = [0u8; 96];
    lower(&hay[s..e], &mut buf).is_some_and(|w| list.contains(&w))
}

/// The Russian letter a Kazakh one is written with in Russian spelling
/// (ә → а, қ → к, ұ → у …); any other letter as it is.
fn russian_letter(c: char) -> char {
    match c {
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'һ' => 'х',
        'і' => 'и',
        other => other,
    }
}

/// The Russian-letter spelling of a Kazakh word (Нұрлан → Нурлан).
fn russian_letters(s: &str) -> String {
    s.chars().map(russian_letter).collect()
}

/// Latin spellings of a Cyrillic word: the common transliteration and a
/// few variants (й: i/y, ж: zh/j, х: kh/h, қ: k/q, ғ: g/gh, у: u/w before a
/// vowel is not tried).
fn latin(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in s.chars() {
        let opts: &[&str] = match c {
            'а' | 'ә' => &["a", "ae"],
            'б' => &["b"],
            'в' => &["v"],
            'г' => &["g"],
            'ғ' => &["g", "gh"],
            'д' => &["d"],
            'е' => &["e", "ye"],
            'ё' => &["yo", "e"],
            'ж' => &["zh", "j"],
            'з' => &["z"],
            'и' | 'і' => &["i"],
            'й' => &["y", "i"],
            'к' => &["k"],
            'қ' => &["k", "q"],
            'л' => &["l"],
            'м' => &["m"],
            'н' | 'ң' => &["n"],
            'о' | 'ө' => &["o"],
            'п' => &["p"],
            'р' => &["r"],
            'с' => &["s"],
            'т' => &["t"],
            'у' | 'ұ' | 'ү' => &["u"],
            'ф' => &["f"],
            'х' | 'һ' => &["kh", "h"],
            'ц' => &["ts"],
            'ч' => &["ch"],
            'ш' => &["sh"],
            'щ' => &["shch"],
            'ы' => &["y"],
            'э' => &["e"],
            'ю' => &["yu", "iu"],
            'я' => &["ya", "ia"],
            'ь' | 'ъ' => &[""],
            '-' => &["-"],
            _ => &[""],
        };
        // Only the first variant past eight spellings: names are short.
        let opts = if out.len() >= 8 { &opts[..1] } else { opts };
        out = out
            .iter()
            .flat_map(|p| opts.iter().map(move |o| format!("{p}{o}")))
            .collect();
    }
    out
}

fn load(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

/// A set of names: each word of the Cyrillic list with its Latin
/// spellings (and its Russian-letter spelling when `russian`: Нұрлан →
/// Нурлан), and each word of the Latin list as it is written (names of
/// other origins: English, Turkish, Uzbek, Kyrgyz, Chinese, Korean).
fn names_set(cyrillic: &str, russian: bool, latin_list: &str) -> WordSet {
    let mut set = WordSet::default();
    for name in load(cyrillic) {
        if russian {
            set.insert(russian_letters(&name));
        }
        set.extend(latin(&name));
        set.insert(name);
    }
    set.extend(load(latin_list));
    set
}

/// Given names, lower case: Cyrillic (both spellings) and Latin, with the
/// Central Asian list's Latin spellings (Aigerim, Zhanibek, Dilnoza: logs,
/// CRM exports and passports write them so). Its Cyrillic ones are not
/// loaded: on the Russian and Kazakh dev split they changed nothing the
/// project's list and OpenCorpora did not know, and moved the tagger.
static GIVEN: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = names_set(
        include_str!("../../patterns/dictionaries/given_names.txt"),
        true,
        include_str!("../../patterns/dictionaries/given_names_latin.txt"),
    );
    set.extend(load(include_str!(
        "../../patterns/dictionaries/given_names_central_asia.txt"
    )));
    set
});

/// `lower` with its Kazakh letters as the Russian ones (Мәншүк → маншук),
/// in `buf`; `None` when it has none (or is too long).
fn fold_kazakh<'b>(lower: &str, buf: &'b mut [u8; 100]) -> Option<&'b str> {
    // Every Kazakh letter is a two-byte sequence led by 0xD2 or 0xD3, or і
    // (0xD1 0x96); the Russian letters they fold to are two bytes too.
    let b = lower.as_bytes();
    if b.len() > buf.len()
        || !b
            .windows(2)
            .any(|w| matches!(w, [0xD2 | 0xD3, _] | [0xD1, 0x96]))
    {
        return None;
    }
    let mut n = 0;
    for c in lower.chars() {
        n += russian_letter(c).encode_utf8(&mut buf[n..]).len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}

static NOT_NAMES: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = WordSet::default();
    for w in load(include_str!("../../patterns/dictionaries/not_names.txt")) {
        set.insert(russian_letters(&w));
        set.insert(w);
    }
    set
});

/// Surnames no ending gives away (Ким, Ли, Цой).
static SURNAMES: LazyLock<WordSet> = LazyLock::new(|| {
    names_set(
        include_str!("../../patterns/dictionaries/surnames.txt"),
        false,
        include_str!("../../patterns/dictionaries/surnames_latin.txt"),
    )
});

/// Whether a word is a listed non-name (a city, a month, a role word).
pub fn is_not_name(word: &[u8]) -> bool {
    let mut buf = [0u8; 96];
    lower(word, &mut buf).is_some_and(|w| NOT_NAMES.contains(w))
}

/// Russian case endings a given name can carry, longest first, with what
/// the nominative ends in instead (Ольгой → Ольга, Ерланом → Ерлан).
const CASE_ENDINGS: &[(&str, &str)] = &[
    ("ой", "а"),
    ("ей", "я"),
    ("ом", ""),
    ("ем", ""),
    ("ым", ""),
    ("ою", "а"),
    ("ы", "а"),
    ("и", "а"),
    ("и", "я"),
    ("е", "а"),
    ("е", ""),
    ("у", "а"),
    ("ю", "я"),
    ("а", ""),
    ("я", "й"),
    ("у", ""),
    ("ю", "й"),
];

/// Whether `lower` is a given name as listed (no case forms tried).
pub fn is_given_nominative(lower: &str) -> bool {
    GIVEN.contains(lower)
}

/// Whether `lower` is a given name, also in a Russian case form.
pub fn is_given(lower: &str) -> bool {
    if GIVEN.contains(lower) {
        return true;
    }
    let mut folded = [0u8; 100];
    if fold_kazakh(lower, &mut folded).is_some_and(|f| GIVEN.contains(f)) {
        return true;
    }
    if lower.is_ascii() {
        // Case endings are Russian; a Latin name is written as it is.
        return false;
    }
    let mut buf = [0u8; 100];
    let last = lower.as_bytes().last();
    CASE_ENDINGS.iter().any(|(end, nom)| {
        let stem = lower.len().wrapping_sub(end.len());
        if lower.len() <= end.len() + 4
            || end.as_bytes().last() != last
            || !lower.ends_with(end)
            || stem + nom.len() > buf.len()
        {
            return false;
        }
        buf[..stem].copy_from_slice(&lower.as_bytes()[..stem]);
        buf[stem..stem + nom.len()].copy_from_slice(nom.as_bytes());
        std::str::from_utf8(&buf[..stem + nom.len()]).is_ok_and(|w| GIVEN.contains(w))
    })
}

/// Surname endings (nominative and case forms), Cyrillic.
const SURNAME_ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ова",
    "ева",
    "ёва",
    "ина",
    "ына",
    "ову",
    "еву",
    "ину",
    "ыну",
    "овым",
    "евым",
    "иным",
    "ыным",
    "ове",
    "еве",
    "ине",
    "овой",
    "евой",
    "иной",
    "ыной",
    "овых",
    "ский",
    "ская",
    "ской",
    "ского",
    "скому",
    "ским",
    "цкий",
    "цкая",
    "енко",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
];

/// Surname endings in Latin transliteration.
const SURNAME_ENDINGS_LATIN: &[&str] = &[
    "ov", "ev", "in", "ova", "eva", "ina", "enko", "sky", "skiy", "skaya", "uly", "kyzy", "qyzy",
];

/// Patronymic endings (nominative and case forms), Cyrillic.
const PATRONYMIC_ENDINGS: &[&str] = &[
    "ович",
    "евич",
    "овича",
    "евича",
    "овичу",
    "евичу",
    "овичем",
    "евичем",
    "ична",
    "овна",
    "евна",
    "ичны",
    "овны",
    "евны",
    "ичне",
    "овне",
    "евне",
    "ичной",
    "овной",
    "евной",
    "ичну",
    "овну",
    "евну",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
    // Kazakh case forms (Құнанбайұлының, Серікқызына, Болатұлымен).
    "ұлының",
    "ұлына",
    "ұлын",
    "ұлынан",
    "ұлымен",
    "ұлында",
    "улының",
    "улына",
    "улын",
    "улынан",
    "улымен",
    "қызының",
    "қызына",
    "қызын",
    "қызынан",
    "қызымен",
    "қызында",
    "кызының",
    "кызына",
    "кызынан",
    "кызымен",
];

/// Patronymic endings in Latin transliteration.
const PATRONYMIC_ENDINGS_LATIN: &[&str] = &[
    "ovich", "evich", "ovna", "evna", "ichna", "uly", "kyzy", "qyzy",
];

fn ends_with_any(lower: &str, endings: &[&str], min_stem_chars: usize) -> bool {
    // The last byte first: a call to memcmp per ending showed in profiles
    // once the person tagger classified every capitalised word.
    let Some(&last) = lower.as_bytes().last() else {
        return false;
    };
    endings.iter().any(|e| {
        e.as_bytes().last() == Some(&last)
            && lower.ends_with(e)
            && lower[..lower.len() - e.len()].chars().count() >= min_stem_chars
    })
}

/// What a word can be in a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    pub given: bool,
    pub surname: bool,
    pub patronymic: bool,
    /// A listed non-name (city, month, organisation, common word).
    pub stop: bool,
    /// Ends like a Russian verb in the past or present tense (Звонила,
    /// просит): a capitalised one starts a sentence, not a name.
    pub verb: bool,
}

thread_local! {
    /// The classes of recently seen words (a table's name column repeats
    /// the same names; a log repeats the same capitalised words; the person
    /// tagger classifies every capitalised word of running text), by hash.
    static RECENT: std::cell::RefCell<[(u64, WordClass); RECENT_SLOTS]> =
        const { std::cell::RefCell::new([(0, WordClass { given: false, surname: false, patronymic: false, stop: false, verb: false }); RECENT_SLOTS]) };
}

/// Classified words remembered per thread: news text has thousands of
/// distinct capitalised words, and the tagger classifies every one (1024
/// slots missed often enough that classifying was a fifth of the tagger's
/// time on 2 MB of news).
const RECENT_SLOTS: usize = 8192;

/// Classifies a capitalised word (remembering the last few per thread).
pub fn classify(word: &[u8]) -> WordClass {
    let h = crate::bytes::fnv1a(word);
    let slot = (h % RECENT_SLOTS as u64) as usize;
    if let Some(c) = RECENT.with(|r| {
        let r = r.borrow();
        (r[slot].0 == h).then_some(r[slot].1)
    }) {
        return c;
    }
    let c = classify_uncached(word);
    RECENT.with(|r| r.borrow_mut()[slot] = (h, c));
    c
}

fn classify_uncached(word: &[u8]) -> WordClass {
    let mut buf = [0u8; 96];
    let Some(lower) = lower(word, &mut buf) else {
        return WordClass {
            stop: true,
            ..WordClass::default()
        };
    };
    if NOT_NAMES.contains(lower) {
        return WordClass {
            stop: true,
            ..WordClass::default()
        };
    }
    let (surnames, patronymics) = if lower.is_ascii() {
        (SURNAME_ENDINGS_LATIN, PATRONYMIC_ENDINGS_LATIN)
    } else {
        (SURNAME_ENDINGS, PATRONYMIC_ENDINGS)
    };
    const VERB: &[&str] = &[
        "ла", "ло", "ли", "ил", "ал", "ел", "ет", "ит", "ут", "ют", "ят", "ат",
    ];
    WordClass {
        given: is_given(lower),
        surname: ends_with_any(lower, surnames, 3) || SURNAMES.contains(lower),
        // Also with a Kazakh case ending (`Ивановичтің`, `Серікқызына`).
        patronymic: ends_with_any(lower, patronymics, 3)
            || !lower.is_ascii()
                && super::tagger::kazakh_ending(lower.as_bytes()).is_some_and(|e| {
                    ends_with_any(&lower[..lower.len() - e.len()], patronymics, 3)
                }),
        stop: false,
        // Russian verbs have no Kazakh letters, and -қали/-ғали (Сейтқали,
        // Ерғали, also in Russian letters) is a Kazakh name.
        verb: !lower.is_ascii()
            && !lower.contains(['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'])
            && !lower.ends_with("кали")
            && !lower.ends_with("гали")
            && ends_with_any(lower, VERB, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_forms() {
        assert!(classify("Ерлан".as_bytes()).given);
        assert!(classify("Ерлану".as_bytes()).given);
        assert!(classify("Ольгой".as_bytes()).given);
        assert!(
            classify("Нурлан".as_bytes()).given,
            "Russian-letter spelling"
        );
        assert!(classify(b"Daniyar").given);
        assert!(classify(b"ERLAN").given);
        assert!(classify("Нурланову".as_bytes()).surname);
        assert!(classify("Ахметовой".as_bytes()).surname);
        assert!(classify("Болатович".as_bytes()).patronymic);
        assert!(classify("Серикқызы".as_bytes()).patronymic);
        assert!(classify("Алматы".as_bytes()).stop);
        assert!(!classify("Магазин".as_bytes()).surname);
        let hay = "Абай-Құнанбаев,".as_bytes();
        assert_eq!(word_end(hay, 0), hay.len() - 1);
        assert!(is_upper_at("Ә".as_bytes(), 0));
    }
}
