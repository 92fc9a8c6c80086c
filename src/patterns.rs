//! Detector data: one TOML file per detector in `patterns/`, compiled into the
//! binary. Each holds the detector's id, kind, description, context words in
//! Russian, Kazakh and English (plus words that speak *against* it), and the
//! positive and negative examples that `qorgau patterns check` and the test
//! suite replay through the full engine.
//!
//! In an example, `⟦` and `⟧` mark the expected span; without them the whole
//! string is expected to be found.

use serde::Deserialize;

use crate::engine::Engine;
use crate::finding::Finding;
use crate::kind::Kind;

/// The embedded pattern files, by file name.
pub(crate) static FILES: &[(&str, &str)] = &[
    ("iin.toml", include_str!("../patterns/iin.toml")),
    ("bin.toml", include_str!("../patterns/bin.toml")),
    ("phone.toml", include_str!("../patterns/phone.toml")),
    ("email.toml", include_str!("../patterns/email.toml")),
    ("card.toml", include_str!("../patterns/card.toml")),
    ("iban.toml", include_str!("../patterns/iban.toml")),
    ("imei.toml", include_str!("../patterns/imei.toml")),
    ("meid.toml", include_str!("../patterns/meid.toml")),
    ("mac.toml", include_str!("../patterns/mac.toml")),
    ("ipv4.toml", include_str!("../patterns/ipv4.toml")),
    ("ipv6.toml", include_str!("../patterns/ipv6.toml")),
    ("cookie_id.toml", include_str!("../patterns/cookie_id.toml")),
    ("device_id.toml", include_str!("../patterns/device_id.toml")),
    ("user_id.toml", include_str!("../patterns/user_id.toml")),
    (
        "auth_token.toml",
        include_str!("../patterns/auth_token.toml"),
    ),
    ("person.toml", include_str!("../patterns/person.toml")),
    ("address.toml", include_str!("../patterns/address.toml")),
    ("postcode.toml", include_str!("../patterns/postcode.toml")),
    ("id_card.toml", include_str!("../patterns/id_card.toml")),
    ("passport.toml", include_str!("../patterns/passport.toml")),
    (
        "driver_licence.toml",
        include_str!("../patterns/driver_licence.toml"),
    ),
    (
        "vehicle_plate.toml",
        include_str!("../patterns/vehicle_plate.toml"),
    ),
    (
        "date_of_birth.toml",
        include_str!("../patterns/date_of_birth.toml"),
    ),
    ("geo.toml", include_str!("../patterns/geo.toml")),
];

const OPEN: &str = "⟦";
const CLOSE: &str = "⟧";

/// One detector's data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Stable rule id, e.g. `kz.iin`.
    pub id: String,
    /// The kind id the detector reports.
    pub kind: String,
    pub description: String,
    /// Where the facts behind the detector come from.
    #[serde(default)]
    pub source: Option<String>,
    pub context: ContextWords,
    /// Keys whose values are of this kind (`user_id`, `_ga`), for detectors
    /// decided by the key a value sits under.
    #[serde(default)]
    pub keys: Vec<String>,
    /// Account names that identify nobody (`root`, `www-data`): a login
    /// position or key holding one is not reported.
    #[serde(default)]
    pub service_accounts: Vec<String>,
    /// Texts in which the detector must find its kind (at the marked span).
    pub examples: Vec<String>,
    /// Texts in which the detector must not find its kind.
    pub negatives: Vec<String>,
}

/// Context words by language. `against` holds words that lower confidence
/// (an order number, a version, a trace id).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextWords {
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub kk: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
}

impl Pattern {
    /// The kind this pattern reports.
    ///
    /// # Panics
    /// Never for the embedded files: `load` checked the kind.
    pub fn kind(&self) -> Kind {
        self.kind.parse().expect("pattern kind checked at load")
    }

    /// Positive context words in every language.
    pub fn context_words(&self) -> impl Iterator<Item = &str> {
        let c = &self.context;
        c.ru.iter().chain(&c.kk).chain(&c.en).map(String::as_str)
    }
}

/// Parses every embedded pattern file.
///
/// # Panics
/// When an embedded file is malformed: that is a build defect, and the test
/// suite catches it before a release.
pub fn load() -> Vec<Pattern> {
    FILES
        .iter()
        .map(|(name, text)| {
            let p: Pattern = toml::from_str(text)
                .unwrap_or_else(|e| panic!("patterns/{name} is malformed: {e}"));
            if let Err(e) = p.kind.parse::<Kind>() {
                panic!("patterns/{name}: {e}");
            }
            p
        })
        .collect()
}

/// An example split into its text and the expected span.
pub fn parse_example(example: &str) -> (String, std::ops::Range<usize>) {
    match (example.find(OPEN), example.find(CLOSE)) {
        (Some(o), Some(c)) if o < c => {
            let text = format!(
                "{}{}{}",
                &example[..o],
                &example[o + OPEN.len()..c],
                &example[c + CLOSE.len()..]
            );
            (text, o..c - OPEN.len())
        }
        _ => (example.to_string(), 0..example.len()),
    }
}

/// One example that did not behave.
#[derive(Debug, Clone)]
pub struct CheckFailure {
    pub pattern: String,
    pub example: String,
    pub positive: bool,
    /// What the engine found instead, as `kind@start..end`.
    pub found: Vec<String>,
}

/// Runs every example of every pattern through `engine`: a positive must be
/// found with its kind at exactly its span; a negative must yield no finding of
/// the pattern's kind. Returns the number of examples run and the failures.
pub fn check(engine: &Engine, patterns: &[Pattern]) -> (usize, Vec<CheckFailure>) {
    let mut failures = Vec::new();
    let mut count = 0;
    let describe = |found: &[Finding]| {
        found
            .iter()
            .map(|f| format!("{}@{}..{} ({:.2})", f.kind, f.start, f.end, f.confidence))
            .collect::<Vec<_>>()
    };
    for p in patterns {
        let kind = p.kind();
        for ex in &p.examples {
            count += 1;
            let (text, span) = parse_example(ex);
            let found = engine.find(text.as_bytes());
            let ok = found
                .iter()
                .any(|f| f.kind == kind && f.start == span.start && f.end == span.end);
            if !ok {
                failures.push(CheckFailure {
                    pattern: p.id.clone(),
                    example: ex.clone(),
                    positive: true,
                    found: describe(&found),
                });
            }
        }
        for ex in &p.negatives {
            count += 1;
            let found = engine.find(ex.as_bytes());
            if found.iter().any(|f| f.kind == kind) {
                failures.push(CheckFailure {
                    pattern: p.id.clone(),
                    example: ex.clone(),
                    positive: false,
                    found: describe(&found),
                });
            }
        }
    }
    (count, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_markers() {
        let (t, s) = parse_example("ИИН: ⟦900101300811⟧,");
        assert_eq!(&t[s.clone()], "900101300811");
        assert_eq!(t, "ИИН: 900101300811,");
        let (t, s) = parse_example("abc");
        assert_eq!(&t[s], "abc");
    }
}
