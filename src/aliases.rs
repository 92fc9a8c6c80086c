//! Short forms of a name (`Нурланов Е.Б.`, `Г. К. Жумабаева`) stand for the
//! person whose full form (`Нурланов Ерлан Болатович`) appears in the same
//! text: a court decision names a party in full once, then by initials. So
//! that a token, a mask or a surrogate treats them as one person, a rewrite
//! looks each short form up here and works on the full form instead.
//!
//! A surname or a given name alone (`Вертинского`, `Ерланға`, which the
//! tagger finds) stands, the same way, for the one full form in the text
//! whose surname or given name it is, in any case form.
//!
//! The table covers what is rewritten together: a chunk of a text file (the
//! chunk size, 4 MiB by default — a whole document in practice), or one
//! table cell. A short form that fits two different full forms (Ерлан and
//! Ержан Нурланов) stays on its own, and so does one seen with no full form.

use std::ops::Range;

use crate::detect::names::classify;
use crate::finding::Finding;
use crate::kind::Kind;
use crate::normalize::{name_word_nominative, normalized};

/// A name split into its surname (nominative, lower case) and the initials
/// of its given name and patronymic.
struct Parts {
    surname: String,
    /// The given name, nominative and lower case (empty for initials).
    given_word: String,
    given: char,
    patronymic: Option<char>,
    /// Written in full (words only) rather than as initials.
    full: bool,
}

fn first_lower(w: &str) -> Option<char> {
    w.chars().next().and_then(|c| c.to_lowercase().next())
}

fn parts(raw: &[u8]) -> Option<Parts> {
    let text = std::str::from_utf8(raw).ok()?;
    let pieces: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let (initials, words): (Vec<&str>, Vec<&str>) =
        pieces.iter().partition(|p| p.chars().count() == 1);
    if !initials.is_empty() {
        // `Нурланов Е.Б.`, `Г. К. Жумабаева`: one word, one or two initials.
        let [surname] = words[..] else {
            return None;
        };
        return Some(Parts {
            surname: name_word_nominative(&surname.to_lowercase()),
            given_word: String::new(),
            given: first_lower(initials[0])?,
            patronymic: initials.get(1).and_then(|p| first_lower(p)),
            full: false,
        });
    }
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let classes: Vec<_> = words.iter().map(|w| classify(w.as_bytes())).collect();
    let surname = (0..words.len()).find(|&i| classes[i].surname && !classes[i].patronymic);
    let given = (0..words.len()).find(|&i| Some(i) != surname && classes[i].given);
    let (surname, given) = match (surname, given) {
        (Some(s), Some(g)) => (s, g),
        // `Нұрбол Төлеген`: no ending says which is the surname.
        (None, Some(g)) if words.len() == 2 => (1 - g, g),
        _ => return None,
    };
    let patronymic = (0..words.len())
        .find(|&i| i != surname && i != given && classes[i].patronymic)
        .and_then(|i| first_lower(words[i]));
    Some(Parts {
        surname: name_word_nominative(&words[surname].to_lowercase()),
        given_word: name_word_nominative(&words[given].to_lowercase()),
        given: first_lower(words[given])?,
        patronymic,
        full: true,
    })
}

/// Kazakh case endings a name takes (`Ерланға`, `Алпысовтың`), longest
/// first.
const KAZAKH_CASES: &[&str] = &[
    "тың", "тің", "дың", "дің", "ның", "нің", "нан", "нен", "дан", "ден", "тан", "тен", "мен",
    "пен", "бен", "ға", "ге", "қа", "ке", "ны", "ні", "ды", "ді", "ты", "ті", "на", "не", "да",
    "де", "та", "те",
];

/// The forms a one-word name can stand for (lower case): itself, its
/// Russian nominative, its stem without a Kazakh case ending; `None` when
/// `raw` is not one word.
fn single_word(raw: &[u8]) -> Option<Vec<String>> {
    let w = std::str::from_utf8(raw).ok()?.trim();
    if w.is_empty() || w.contains([' ', '.', ',']) {
        return None;
    }
    let w = w.to_lowercase();
    let mut forms = vec![name_word_nominative(&w)];
    if let Some(stem) = KAZAKH_CASES
        .iter()
        .find_map(|e| w.strip_suffix(e).filter(|s| s.chars().count() >= 3))
    {
        forms.push(stem.to_string());
    }
    forms.push(w);
    Some(forms)
}

/// The full forms of the names found in one piece of text.
#[derive(Default)]
pub struct PersonAliases {
    full: Vec<(Parts, Range<usize>)>,
}

impl PersonAliases {
    /// Collects the full forms among `findings` (spans of `data`); empty,
    /// and built at no cost, when no finding is a short form.
    pub fn build<'f, I>(data: &[u8], findings: I) -> Self
    where
        I: IntoIterator<Item = &'f Finding>,
        I::IntoIter: Clone,
    {
        let findings = findings.into_iter();
        let persons = || findings.clone().filter(|f| f.kind == Kind::Person);
        let short = |f: &Finding| {
            let raw = &data[f.start..f.end];
            raw.contains(&b'.') || !raw.contains(&b' ')
        };
        if !persons().any(short) {
            return Self::default();
        }
        let full = persons()
            .filter_map(|f| Some((parts(&data[f.start..f.end])?, f.start..f.end)))
            .filter(|(p, _)| p.full)
            .collect();
        Self { full }
    }

    /// The full form (a span of the `data` given to [`Self::build`]) that
    /// the short form `raw` stands for, when exactly one person fits.
    pub fn full_form(&self, data: &[u8], raw: &[u8]) -> Option<Range<usize>> {
        if self.full.is_empty() {
            return None;
        }
        let word = single_word(raw);
        let short = if word.is_some() {
            None
        } else {
            Some(parts(raw).filter(|p| !p.full)?)
        };
        let mut found: Option<(Range<usize>, Vec<u8>)> = None;
        for (p, span) in &self.full {
            let fits = match (&short, &word) {
                (Some(short), _) => {
                    p.surname == short.surname
                        && p.given == short.given
                        && (short.patronymic.is_none() || p.patronymic == short.patronymic)
                }
                (None, Some(forms)) => {
                    let of = |x: &str| single_word(x.as_bytes()).unwrap_or_default();
                    let (surnames, given) = (of(&p.surname), of(&p.given_word));
                    forms
                        .iter()
                        .any(|w| surnames.contains(w) || given.contains(w))
                }
                (None, None) => false,
            };
            if !fits {
                continue;
            }
            let canonical = normalized(Kind::Person, &data[span.clone()]);
            match &found {
                Some((_, c)) if *c != canonical => return None,
                Some(_) => {}
                None => found = Some((span.clone(), canonical)),
            }
        }
        found.map(|(span, _)| span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(data: &str, name: &str) -> Finding {
        let start = data.find(name).unwrap();
        Finding {
            start,
            end: start + name.len(),
            kind: Kind::Person,
            confidence: 0.9,
        }
    }

    #[test]
    fn initials_stand_for_the_one_full_form_that_fits() {
        let data = "Истец Нурланов Ерлан Болатович ... Нурланову Е.Б. отказать; Жумабаева Г.К.";
        let found = [
            person(data, "Нурланов Ерлан Болатович"),
            person(data, "Нурланову Е.Б."),
            person(data, "Жумабаева Г.К."),
        ];
        let aliases = PersonAliases::build(data.as_bytes(), &found);
        let full = aliases.full_form(data.as_bytes(), "Нурланову Е.Б.".as_bytes());
        assert_eq!(full, Some(found[0].start..found[0].end));
        // No full form for her; a wrong patronymic initial is someone else.
        assert_eq!(
            aliases.full_form(data.as_bytes(), "Жумабаева Г.К.".as_bytes()),
            None
        );
        assert_eq!(
            aliases.full_form(data.as_bytes(), "Нурланов Е.К.".as_bytes()),
            None
        );
        assert_eq!(
            aliases.full_form(data.as_bytes(), "Е. Нурланов".as_bytes()),
            full
        );
    }

    #[test]
    fn a_surname_or_given_name_alone_stands_for_its_full_form() {
        let data = "Нурланов Ерлан Болатович; Нурланову; Ерланға; Ахметова; Айгерим";
        let found = [
            person(data, "Нурланов Ерлан Болатович"),
            person(data, "Нурланову"),
            person(data, "Ерланға"),
            person(data, "Ахметова"),
        ];
        let aliases = PersonAliases::build(data.as_bytes(), &found);
        let full = Some(found[0].start..found[0].end);
        let d = data.as_bytes();
        assert_eq!(aliases.full_form(d, "Нурланову".as_bytes()), full);
        assert_eq!(aliases.full_form(d, "Ерланға".as_bytes()), full);
        assert_eq!(aliases.full_form(d, "Ахметова".as_bytes()), None);
        assert_eq!(aliases.full_form(d, "Айгерим".as_bytes()), None);
    }

    #[test]
    fn an_initial_two_people_share_stays_on_its_own() {
        let data = "Нурланов Ерлан и Нурланов Ержан; Нурланов Е.";
        let found = [
            person(data, "Нурланов Ерлан"),
            person(data, "Нурланов Ержан"),
            person(data, "Нурланов Е."),
        ];
        let aliases = PersonAliases::build(data.as_bytes(), &found);
        assert_eq!(
            aliases.full_form(data.as_bytes(), "Нурланов Е.".as_bytes()),
            None
        );
    }
}
