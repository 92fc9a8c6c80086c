//! The anonymization policy: which operator each kind (and, for tables, each
//! column) gets, the confidence below which findings are left alone, and an
//! allowlist of values never touched. Read from TOML (see
//! `docs/interface.md`); every mistake is an error naming the file,
//! line and key. Without a file, the embedded default tags everything and
//! generalizes IINs.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::kind::Kind;
use crate::normalize::normalized;
use crate::operator::{self, Operator};

/// The policy used when none is given.
pub const DEFAULT: &str = r#"# qorgau default policy: tag every identifier, generalize IINs to birth
# year and sex, so that an extract keeps its demographics.
default = "tag"
min_confidence = 0.5

[kinds]
iin = "generalize"
postcode = "generalize"
date_of_birth = "generalize"
"#;

/// A commented starter file for `qorgau policy init`.
pub const STARTER: &str = r#"# qorgau anonymization policy.
#
# Operators: keep, redact, tag, mask, token, surrogate, generalize
# (and for CSV/Parquet columns: drop, scan). A string names an operator with
# its defaults; a table gives `op` and options. `token` and `surrogate` need a
# key: --key-file PATH or the QORGAU_KEY environment variable.

# Operator for any finding whose kind is not listed under [kinds].
default = "tag"

# Findings below this confidence are left as they are.
min_confidence = 0.5

[kinds]
# Birth year and sex (`1987/F`); or { op = "generalize", to = "age_band", band = 10 }
iin = "generalize"
# Registration year and entity type.
bin = "generalize"
# Keyed pseudonyms: the same number gives the same token in every file.
phone = "token"
email = "token"
# Keep the issuer prefix and the last four digits: 4400 43** **** 1234
card = { op = "mask", keep_first = 6, keep_last = 4 }
iban = "token"
# The /24 network: 192.168.1.0/24
ipv4 = "generalize"
ipv6 = "generalize"
imei = "token"
meid = "token"
mac = "token"
# Names: a keyed token is the same for «Нурланов Ерлан» and «Ерлана Нурланова».
person = "token"
# Street, house and flat (a city alone is never found).
address = "tag"
# The district (A05, 050000), the birth year, an area of about 11 km.
postcode = "generalize"
date_of_birth = "generalize"
geo = "generalize"
id_card = "tag"
passport = "tag"
driver_licence = "tag"
vehicle_plate = "token"

[columns]
# For CSV and Parquet: an operator per column name or glob; wins over [kinds].
# fio = "redact"
# "*comment*" = "scan"
# region = "keep"

[allow]
# Values never touched: your own BIN, a public support line.
values = []
# Regular expressions over the raw value.
patterns = []
# Fingerprints (the `fingerprint` field of `scan --format jsonl`): a value
# allowed without writing it down.
fingerprints = []
# The documented test values: test card numbers, example IBANs, the
# documentation IP ranges, example.com addresses (docs/ci.md lists them).
test_data = false
# scan/profile/check: paths never reported (gitignore syntax, as .qorgauignore).
paths = []
"#;

/// A loaded policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub default: Operator,
    pub min_confidence: f32,
    pub kinds: BTreeMap<Kind, Operator>,
    /// Column name or glob, and its operator (tables only).
    pub columns: Vec<(String, Operator)>,
    allow_values: Vec<String>,
    allow_normalized: HashSet<(Kind, Vec<u8>)>,
    allow_patterns: Vec<regex::bytes::Regex>,
    /// `[allow] fingerprints`: values allowed by their fingerprint.
    pub allow_fingerprints: BTreeSet<String>,
    /// `[allow] test_data`: the documented test values are allowed.
    pub allow_test_data: bool,
    /// `[allow] paths`: gitignore-syntax patterns of paths never reported.
    pub allow_paths: Vec<String>,
    /// The policy's text, for its SHA-256 in the manifest.
    pub text: String,
    /// Where it came from (`<default>` for the embedded one).
    pub origin: String,
}

/// A policy file that does not hold. The message names file, line and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PolicyError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    default: Option<Spanned<toml::Value>>,
    min_confidence: Option<Spanned<f64>>,
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    allow: RawAllow,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    fingerprints: Vec<Spanned<String>>,
    #[serde(default)]
    test_data: bool,
    #[serde(default)]
    paths: Vec<String>,
}

impl Policy {
    /// The embedded default policy.
    pub fn default_policy() -> Policy {
        Policy::parse(DEFAULT, "<default>").expect("the embedded policy is valid")
    }

    /// Reads a policy file.
    ///
    /// # Errors
    /// An unreadable file, or a [`PolicyError`] naming the line and key.
    pub fn load(path: &Path) -> Result<Policy, PolicyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| PolicyError(format!("{}: {e}", path.display())))?;
        Policy::parse(&text, &path.display().to_string())
    }

    /// Parses policy text; `origin` names it in errors.
    ///
    /// # Errors
    /// A [`PolicyError`]: `origin:line: message`.
    pub fn parse(text: &str, origin: &str) -> Result<Policy, PolicyError> {
        let at = |span: std::ops::Range<usize>, msg: String| {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            PolicyError(format!("{origin}:{line}: {msg}"))
        };
        let raw: Raw = toml::from_str(text).map_err(|e| match e.span() {
            Some(span) => at(span, e.message().to_string()),
            None => PolicyError(format!("{origin}: {}", e.message())),
        })?;
        let default = match &raw.default {
            Some(v) => operator_from(v, "default").map_err(|m| at(v.span(), m))?,
            None => Operator::Tag(Default::default()),
        };
        if default.column_only() {
            let span = raw.default.as_ref().map_or(0..0, |v| v.span());
            return Err(at(
                span,
                format!("default: {} is for [columns] only", default.name()),
            ));
        }
        let min_confidence = match &raw.min_confidence {
            Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
                return Err(at(
                    v.span(),
                    "min_confidence must be between 0 and 1".into(),
                ));
            }
            Some(v) => *v.get_ref() as f32,
            None => 0.5,
        };
        let mut kinds = BTreeMap::new();
        for (k, v) in &raw.kinds {
            let kind: Kind = k
                .get_ref()
                .parse()
                .map_err(|e| at(k.span(), format!("[kinds] {e}")))?;
            let key = format!("[kinds] {kind}");
            let op = operator_from(v, &key).map_err(|m| at(v.span(), m))?;
            if op.column_only() {
                return Err(at(
                    v.span(),
                    format!("{key}: {} is for [columns] only", op.name()),
                ));
            }
            kinds.insert(kind, op);
        }
        let mut columns = Vec::new();
        for (k, v) in &raw.columns {
            let key = format!("[columns] {:?}", k.get_ref());
            let op = operator_from(v, &key).map_err(|m| at(v.span(), m))?;
            columns.push((k.get_ref().clone(), op));
        }
        let mut allow_patterns = Vec::new();
        for p in &raw.allow.patterns {
            let re = regex::bytes::Regex::new(&format!("^(?:{})$", p.get_ref()))
                .map_err(|e| at(p.span(), format!("[allow] patterns: {e}")))?;
            allow_patterns.push(re);
        }
        let mut allow_fingerprints = BTreeSet::new();
        for f in &raw.allow.fingerprints {
            let v = f.get_ref().trim().to_ascii_lowercase();
            if v.len() != crate::fingerprint::HEX_LEN || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(at(
                    f.span(),
                    format!(
                        "[allow] fingerprints: {:?} is not a fingerprint ({} hex digits)",
                        f.get_ref(),
                        crate::fingerprint::HEX_LEN
                    ),
                ));
            }
            allow_fingerprints.insert(v);
        }
        let allow_normalized = raw
            .allow
            .values
            .iter()
            .flat_map(|v| {
                Kind::ALL
                    .iter()
                    .map(move |&k| (k, normalized(k, v.as_bytes())))
            })
            .filter(|(_, n)| !n.is_empty())
            .collect();
        Ok(Policy {
            default,
            min_confidence,
            kinds,
            columns,
            allow_values: raw.allow.values,
            allow_normalized,
            allow_patterns,
            allow_fingerprints,
            allow_test_data: raw.allow.test_data,
            allow_paths: raw.allow.paths,
            text: text.to_string(),
            origin: origin.to_string(),
        })
    }

    /// The operator for findings of `kind`.
    pub fn operator(&self, kind: Kind) -> &Operator {
        self.kinds.get(&kind).unwrap_or(&self.default)
    }

    /// The `[columns]` operator for a column name or path: an exact name
    /// (ASCII case ignored) before the first glob that matches.
    pub fn column_operator(&self, name: &str) -> Option<&Operator> {
        let exact = self
            .columns
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(name) || p == name);
        exact
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|(p, _)| crate::table::glob_match(p, name))
            })
            .map(|(_, op)| op)
    }

    /// The operator for one found value: `keep` when it is allowlisted,
    /// else the operator of its kind.
    pub fn operator_for(&self, kind: Kind, raw: &[u8]) -> &Operator {
        const KEEP: Operator = Operator::Keep;
        if self.allows(kind, raw) {
            &KEEP
        } else {
            self.operator(kind)
        }
    }

    /// Whether the value is allowlisted (compared in canonical form, so any
    /// spelling of a listed phone matches).
    pub fn allows(&self, kind: Kind, raw: &[u8]) -> bool {
        self.allows_why(kind, raw).is_some()
    }

    /// Why the value is allowlisted: `values`, `patterns` or `test_data`
    /// (fingerprints are matched by the CI gate, which has the key).
    pub fn allows_why(&self, kind: Kind, raw: &[u8]) -> Option<&'static str> {
        if self.allow_patterns.iter().any(|re| re.is_match(raw)) {
            return Some("patterns");
        }
        if self.allow_test_data && crate::allow::is_test_data(kind, raw) {
            return Some("test_data");
        }
        (!self.allow_normalized.is_empty()
            && self
                .allow_normalized
                .contains(&(kind, normalized(kind, raw))))
        .then_some("values")
    }

    /// Whether any operator in use needs the key.
    pub fn needs_key(&self) -> bool {
        self.default.needs_key()
            || self.kinds.values().any(Operator::needs_key)
            || self.columns.iter().any(|(_, o)| o.needs_key())
    }

    /// The kinds whose findings are changed (not kept), for `--verify`.
    pub fn anonymized_kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .filter(|&k| !matches!(self.operator(k), Operator::Keep | Operator::Surrogate(_)))
            // A generalized postcode, birth date or location is still one
            // (of a district, a year, an area): not checked again.
            .filter(|&k| {
                !(matches!(self.operator(k), Operator::Generalize(_))
                    && matches!(k, Kind::Postcode | Kind::DateOfBirth | Kind::Geo))
            })
            .collect()
    }

    /// The effective policy as TOML: every kind with its operator.
    pub fn show(&self) -> String {
        let mut s = format!("# effective policy ({})\n", self.origin);
        let _ = writeln!(s, "default = {}", inline(&self.default));
        let _ = writeln!(s, "min_confidence = {}", self.min_confidence);
        s.push_str("\n[kinds]\n");
        for &k in Kind::ALL {
            let _ = writeln!(s, "{} = {}", k.id(), inline(self.operator(k)));
        }
        s.push_str("\n[columns]\n");
        for (c, op) in &self.columns {
            let _ = writeln!(s, "{c:?} = {}", inline(op));
        }
        s.push_str("\n[allow]\n");
        let _ = writeln!(s, "values = {:?}", self.allow_values);
        let pats: Vec<String> = self
            .allow_patterns
            .iter()
            .map(|r| {
                let p = r.as_str();
                p.strip_prefix("^(?:")
                    .and_then(|p| p.strip_suffix(")$"))
                    .unwrap_or(p)
                    .to_string()
            })
            .collect();
        let _ = writeln!(s, "patterns = {pats:?}");
        let fps: Vec<&String> = self.allow_fingerprints.iter().collect();
        let _ = writeln!(s, "fingerprints = {fps:?}");
        let _ = writeln!(s, "test_data = {}", self.allow_test_data);
        let _ = writeln!(s, "paths = {:?}", self.allow_paths);
        s
    }
}

/// An operator from a string (`"mask"`) or a table (`{ op = "mask", … }`).
fn operator_from(v: &Spanned<toml::Value>, key: &str) -> Result<Operator, String> {
    let table = match v.get_ref() {
        toml::Value::String(name) => {
            let mut t = toml::Table::new();
            t.insert("op".into(), toml::Value::String(name.clone()));
            t
        }
        toml::Value::Table(t) => t.clone(),
        other => {
            return Err(format!(
                "{key}: expected an operator name or a table, found {}",
                other.type_str()
            ))
        }
    };
    let name = table.get("op").and_then(toml::Value::as_str).unwrap_or("");
    if !operator::NAMES.contains(&name) {
        return Err(format!(
            "{key}: unknown operator {name:?} (known: {})",
            operator::NAMES.join(", ")
        ));
    }
    let op: Operator = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| format!("{key}: {}", e.message()))?;
    op.validate().map_err(|m| format!("{key}: {m}"))?;
    Ok(op)
}

/// An operator as an inline TOML value.
fn inline(op: &Operator) -> String {
    let json = serde_json::to_value(op).unwrap_or_default();
    let Some(map) = json.as_object() else {
        return format!("{:?}", op.name());
    };
    let options: Vec<String> = map
        .iter()
        .filter(|(k, v)| k.as_str() != "op" && !v.is_null())
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    if options.is_empty() {
        format!("{:?}", op.name())
    } else {
        format!("{{ op = {:?}, {} }}", op.name(), options.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_and_starter_policies_parse() {
        let p = Policy::default_policy();
        assert_eq!(p.operator(Kind::Iin).name(), "generalize");
        assert_eq!(p.operator(Kind::Phone).name(), "tag");
        let s = Policy::parse(STARTER, "starter").unwrap();
        assert!(s.needs_key());
        // What `show` prints parses back to the same operators.
        let again = Policy::parse(&s.show(), "shown").unwrap();
        for &k in Kind::ALL {
            assert_eq!(again.operator(k), s.operator(k));
        }
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let e =
            Policy::parse("default = \"tag\"\n[kinds]\niin = \"maks\"\n", "p.toml").unwrap_err();
        assert!(e.0.starts_with("p.toml:3:") && e.0.contains("maks"), "{e}");
        let e = Policy::parse("[kinds]\nfoo = \"tag\"\n", "p.toml").unwrap_err();
        assert!(e.0.starts_with("p.toml:2:") && e.0.contains("foo"), "{e}");
        let e = Policy::parse(
            "[kinds]\nphone = { op = \"mask\", keep_lats = 2 }\n",
            "p.toml",
        )
        .unwrap_err();
        assert!(
            e.0.starts_with("p.toml:2:") && e.0.contains("keep_lats"),
            "{e}"
        );
        let e = Policy::parse("defualt = \"tag\"\n", "p.toml").unwrap_err();
        assert!(
            e.0.starts_with("p.toml:1:") && e.0.contains("defualt"),
            "{e}"
        );
        let e = Policy::parse("[kinds]\niin = \"drop\"\n", "p.toml").unwrap_err();
        assert!(e.0.contains("[columns] only"), "{e}");
    }

    #[test]
    fn allowlist_matches_any_spelling() {
        let p = Policy::parse(
            "[allow]\nvalues = [\"+7 727 244 44 44\"]\npatterns = [\"0407.*\"]\n",
            "p",
        )
        .unwrap();
        assert!(p.allows(Kind::Phone, b"87272444444"));
        assert!(!p.allows(Kind::Phone, b"87272444445"));
        assert!(p.allows(Kind::Bin, b"040740040155"));
    }
}
