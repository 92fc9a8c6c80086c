//! Operators: what happens to a found value. Each is a strict serde config
//! (unknown options are errors) that is itself the runtime type, applied to
//! one value at a time:
//!
//! - `keep` — leave it;
//! - `redact` — remove it (or put a fixed replacement);
//! - `tag` — `<IIN>`, `<PHONE>` …;
//! - `mask` — keep a few leading/trailing characters and the separators;
//! - `token` — a keyed, consistent pseudonym (HMAC-SHA256 of the canonical
//!   value), so joins and counts survive across files, runs and formats;
//! - `surrogate` — a keyed, consistent, *valid* fake of the same format
//!   (pseudonymization, not anonymization: see the README);
//! - `generalize` — keep only a statistic: birth year and sex of an IIN, the
//!   operator of a phone, the /24 of an IPv4 address …;
//! - `drop`, `scan` — column operators (CSV and Parquet only).

mod generalize;
mod mask;
mod surrogate;
mod token;

pub use generalize::Generalize;
pub use mask::Mask;
pub use surrogate::Surrogate;
pub use token::Token;

use serde::{Deserialize, Serialize};

use crate::key::Key;
use crate::kind::Kind;

/// An operator and its options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Operator {
    Keep,
    Redact(Redact),
    Tag(Tag),
    Mask(Mask),
    Token(Token),
    Surrogate(Surrogate),
    Generalize(Generalize),
    Drop,
    Scan,
}

/// `redact`: the value is replaced by `replacement` (empty by default).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Redact {
    pub replacement: String,
}

/// `tag`: the value is replaced by `template` with `{KIND}` / `{kind}`
/// filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tag {
    pub template: String,
}

impl Default for Tag {
    fn default() -> Self {
        Tag {
            template: "<{KIND}>".into(),
        }
    }
}

/// The operator names, for messages.
pub const NAMES: &[&str] = &[
    "keep",
    "redact",
    "tag",
    "mask",
    "token",
    "surrogate",
    "generalize",
    "drop",
    "scan",
];

impl Operator {
    /// Whether the operator writes its input back as it is.
    pub fn keeps(&self) -> bool {
        matches!(self, Operator::Keep | Operator::Scan)
    }

    /// The operator's name.
    pub fn name(&self) -> &'static str {
        match self {
            Operator::Keep => "keep",
            Operator::Redact(_) => "redact",
            Operator::Tag(_) => "tag",
            Operator::Mask(_) => "mask",
            Operator::Token(_) => "token",
            Operator::Surrogate(_) => "surrogate",
            Operator::Generalize(_) => "generalize",
            Operator::Drop => "drop",
            Operator::Scan => "scan",
        }
    }

    /// Whether the operator needs the secret key.
    pub fn needs_key(&self) -> bool {
        matches!(self, Operator::Token(_) | Operator::Surrogate(_))
    }

    /// Whether the operator only makes sense for a whole column.
    pub fn column_only(&self) -> bool {
        matches!(self, Operator::Drop | Operator::Scan)
    }

    /// Checks the options once, before any value is seen.
    ///
    /// # Errors
    /// A message naming the bad option.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Operator::Token(t) => t.validate(),
            Operator::Mask(m) => m.validate(),
            Operator::Generalize(g) => g.validate(),
            _ => Ok(()),
        }
    }

    /// Appends the replacement for `raw`, a value of `kind`, to `out`.
    ///
    /// # Panics
    /// If a keyed operator is applied without a key: policies are checked
    /// for that before a run starts.
    pub fn apply(&self, kind: Kind, raw: &[u8], key: Option<&Key>, out: &mut Vec<u8>) {
        match self {
            Operator::Keep | Operator::Scan => out.extend_from_slice(raw),
            Operator::Drop => {}
            Operator::Redact(r) => out.extend_from_slice(r.replacement.as_bytes()),
            Operator::Tag(t) => fill(&t.template, kind, out),
            Operator::Mask(m) => m.apply(kind, raw, out),
            Operator::Token(t) => t.apply(kind, raw, key.expect("token checked for a key"), out),
            Operator::Surrogate(s) => {
                s.apply(kind, raw, key.expect("surrogate checked for a key"), out)
            }
            Operator::Generalize(g) => g.apply(kind, raw, out),
        }
    }
}

/// Writes `template` with `{KIND}` and `{kind}` replaced, without
/// allocating: it runs once per tagged value.
pub(crate) fn fill(template: &str, kind: Kind, out: &mut Vec<u8>) {
    let mut rest = template.as_bytes();
    while let Some(at) = memchr::memchr(b'{', rest) {
        out.extend_from_slice(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with(b"{KIND}") {
            out.extend(kind.id().bytes().map(|b| b.to_ascii_uppercase()));
            rest = &tail[6..];
        } else if tail.starts_with(b"{kind}") {
            out.extend_from_slice(kind.id().as_bytes());
            rest = &tail[6..];
        } else {
            out.push(b'{');
            rest = &tail[1..];
        }
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_are_strict() {
        let op: Operator = toml::from_str("op = \"mask\"\nkeep_last = 2").unwrap();
        assert_eq!(op.name(), "mask");
        assert!(toml::from_str::<Operator>("op = \"mask\"\nkeep_lats = 2").is_err());
        assert!(toml::from_str::<Operator>("op = \"maks\"").is_err());
        let tag: Operator = toml::from_str("op = \"tag\"").unwrap();
        let mut out = Vec::new();
        tag.apply(Kind::Iin, b"900101300811", None, &mut out);
        assert_eq!(out, b"<IIN>");
        out.clear();
        fill("{x}[{kind}|{KIND}]{", Kind::Email, &mut out);
        assert_eq!(out, b"{x}[email|EMAIL]{");
    }
}
