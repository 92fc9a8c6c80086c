//! Baselines of findings (`scan --write-baseline`, `scan --baseline`): the
//! findings a project has accepted, so that CI fails only on new ones. An
//! entry is a path, a kind and the value's [fingerprint](crate::fingerprint)
//! — never the value, never a line number, so an entry survives lines
//! inserted above it. The file is JSON, sorted, one entry a line.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprinter;

/// The baseline format's version.
pub const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub kind: String,
    pub fingerprint: String,
}

/// How the fingerprints of a baseline were made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// `hmac-sha256` (under a key) or `sha256-salted` (no key).
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    fingerprints: Scheme,
    findings: Vec<Entry>,
}

/// A baseline: its entries and how they were fingerprinted.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub scheme: Scheme,
    pub entries: BTreeSet<Entry>,
}

/// A baseline that cannot be read or does not fit this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError(pub String);

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BaselineError {}

/// A path as a baseline keeps it: without a leading `./`.
pub fn path_key(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p
}

impl Baseline {
    /// An empty baseline for fingerprints made by `fp`.
    pub fn new(fp: &Fingerprinter) -> Baseline {
        Baseline {
            scheme: Scheme {
                scheme: fp.scheme().to_string(),
                key_id: fp.key_id(),
            },
            entries: BTreeSet::new(),
        }
    }

    /// Reads a baseline and checks that `fp` makes the same fingerprints.
    ///
    /// # Errors
    /// An unreadable or malformed file, or one made with another key (or
    /// with a key when this run has none, or the other way round).
    pub fn load(path: &Path, fp: &Fingerprinter) -> Result<Baseline, BaselineError> {
        let at = |m: String| BaselineError(format!("--baseline {}: {m}", path.display()));
        let text = std::fs::read_to_string(path).map_err(|e| at(e.to_string()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| at(e.to_string()))?;
        if file.version != VERSION {
            return Err(at(format!(
                "version {} (this qorgau reads {VERSION})",
                file.version
            )));
        }
        let ours = Baseline::new(fp).scheme;
        if file.fingerprints != ours {
            let describe = |s: &Scheme| match &s.key_id {
                Some(id) => format!("under the key with id {id}"),
                None => "without a key".to_string(),
            };
            return Err(at(format!(
                "its fingerprints were made {}, this run's {}: give the same key \
                 (--key-file or QORGAU_KEY) or write the baseline again",
                describe(&file.fingerprints),
                describe(&ours)
            )));
        }
        Ok(Baseline {
            scheme: file.fingerprints,
            entries: file.findings.into_iter().collect(),
        })
    }

    /// Whether a finding is in the baseline.
    pub fn contains(&self, path: &str, kind: &str, fingerprint: &str) -> bool {
        // Lookups without building an owned entry would need a borrowed
        // key type; baselines are small next to a scan.
        self.entries.contains(&Entry {
            path: path_key(path).to_string(),
            kind: kind.to_string(),
            fingerprint: fingerprint.to_string(),
        })
    }

    /// Adds a finding.
    pub fn insert(&mut self, path: &str, kind: &str, fingerprint: &str) {
        self.entries.insert(Entry {
            path: path_key(path).to_string(),
            kind: kind.to_string(),
            fingerprint: fingerprint.to_string(),
        });
    }

    /// The file's text: sorted, one entry a line, so that a diff of two
    /// baselines shows one line per finding gained or lost.
    pub fn to_json(&self) -> String {
        let mut s = format!(
            "{{\n  \"version\": {VERSION},\n  \"fingerprints\": {},\n  \"findings\": [",
            serde_json::to_string(&self.scheme).unwrap_or_default()
        );
        for (i, e) in self.entries.iter().enumerate() {
            let sep = if i == 0 { "\n" } else { ",\n" };
            let _ = write!(
                s,
                "{sep}    {}",
                serde_json::to_string(e).unwrap_or_default()
            );
        }
        s.push_str(if self.entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_another_key() {
        let plain = Fingerprinter::new(None);
        let mut b = Baseline::new(&plain);
        b.insert("./a.log", "iin", &"0".repeat(32));
        b.insert("a.log", "iin", &"0".repeat(32));
        assert_eq!(b.entries.len(), 1);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        std::fs::write(&p, b.to_json()).unwrap();
        let again = Baseline::load(&p, &plain).unwrap();
        assert!(again.contains("a.log", "iin", &"0".repeat(32)));
        let keyed =
            Fingerprinter::new(Some(crate::key::Key::parse(&"cd".repeat(32), "t").unwrap()));
        let e = Baseline::load(&p, &keyed).unwrap_err();
        assert!(e.0.contains("without a key"), "{e}");
    }
}
