//! The PII contract (`qorgau profile`, `qorgau check`): per table column
//! (CSV, TSV, Parquet) and per text file, the kinds of personal data found
//! and the share of non-empty cells (lines) holding each — counts and rates
//! only, never a value. A reviewed, committed TOML file, written sorted and
//! one column a line so that its diffs read as the change they record;
//! `docs/ci.md` documents the format.

pub mod diff;
pub mod measure;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The contract format's version.
pub const VERSION: u32 = 1;

/// The tolerance `profile` writes unless told another.
pub const DEFAULT_TOLERANCE: f64 = 0.01;

/// A contract: every profiled file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub version: u32,
    /// How far a rate may rise above the recorded one (absolute: 0.01 is
    /// one percentage point).
    pub tolerance: f64,
    #[serde(default)]
    pub files: BTreeMap<String, FileEntry>,
}

/// One file of a contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// `csv`, `parquet` or `text`.
    pub format: String,
    /// Text: lines in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u64>,
    /// Text: share of lines holding each kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, f64>,
    /// Tables: every column, with or without personal data.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, Column>,
    /// Overrides the contract's tolerance for this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Non-empty cells.
    pub cells: u64,
    /// Share of non-empty cells holding each kind.
    #[serde(default)]
    pub kinds: BTreeMap<String, f64>,
    /// Overrides the file's tolerance for this column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// A contract that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractError(pub String);

impl std::fmt::Display for ContractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ContractError {}

/// A rate as the contract keeps it: rounded *up* to four decimals, so a
/// kind seen once is never written as 0 and the same data always checks.
pub fn rate(hits: u64, total: u64) -> f64 {
    if hits == 0 {
        return 0.0;
    }
    ((hits as f64 / total.max(1) as f64) * 10_000.0)
        .ceil()
        .min(10_000.0)
        / 10_000.0
}

/// A TOML basic string (JSON's escapes are TOML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn kinds_inline(kinds: &BTreeMap<String, f64>) -> String {
    let parts: Vec<String> = kinds.iter().map(|(k, r)| format!("{k} = {r}")).collect();
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

impl Contract {
    /// An empty contract with `tolerance`.
    pub fn new(tolerance: f64) -> Contract {
        Contract {
            version: VERSION,
            tolerance,
            files: BTreeMap::new(),
        }
    }

    /// Reads a contract file.
    ///
    /// # Errors
    /// An unreadable file, TOML that does not parse (with its line), another
    /// version, a tolerance or rate outside 0–1.
    pub fn load(path: &Path) -> Result<Contract, ContractError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ContractError(format!("{}: {e}", path.display())))?;
        Contract::parse(&text, &path.display().to_string())
    }

    /// Parses contract text; `origin` names it in errors.
    ///
    /// # Errors
    /// As [`Contract::load`].
    pub fn parse(text: &str, origin: &str) -> Result<Contract, ContractError> {
        let c: Contract = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => ContractError(format!("{origin}:{l}: {}", e.message())),
                None => ContractError(format!("{origin}: {}", e.message())),
            }
        })?;
        if c.version != VERSION {
            return Err(ContractError(format!(
                "{origin}: version {} (this qorgau reads {VERSION})",
                c.version
            )));
        }
        let share = |v: f64| (0.0..=1.0).contains(&v);
        if !share(c.tolerance) {
            return Err(ContractError(format!(
                "{origin}: tolerance is a share between 0 and 1"
            )));
        }
        for (path, f) in &c.files {
            let rates = f
                .kinds
                .values()
                .chain(f.columns.values().flat_map(|c| c.kinds.values()))
                .copied();
            let tolerances = [f.tolerance]
                .into_iter()
                .chain(f.columns.values().map(|c| c.tolerance))
                .flatten();
            if !rates.chain(tolerances).all(share) {
                return Err(ContractError(format!(
                    "{origin}: {path}: rates and tolerances are shares between 0 and 1"
                )));
            }
            for kind in f
                .kinds
                .keys()
                .chain(f.columns.values().flat_map(|c| c.kinds.keys()))
            {
                kind.parse::<crate::kind::Kind>()
                    .map_err(|e| ContractError(format!("{origin}: {path}: {e}")))?;
            }
        }
        Ok(c)
    }

    /// Keeps the tolerances a reviewer set in `old` (the contract's, a
    /// file's, a column's) for the files and columns still here.
    pub fn keep_tolerances(&mut self, old: &Contract) {
        self.tolerance = old.tolerance;
        for (path, f) in &mut self.files {
            let Some(o) = old.files.get(path) else {
                continue;
            };
            f.tolerance = o.tolerance;
            for (name, c) in &mut f.columns {
                c.tolerance = o.columns.get(name).and_then(|c| c.tolerance);
            }
        }
    }

    /// The file's text: a header saying what it is, then every file sorted
    /// by path, every column sorted by name, one column a line.
    pub fn to_toml(&self) -> String {
        let mut s = String::from(
            "# qorgau PII contract: the personal data each table column (each text file)\n\
             # holds, as the share of non-empty cells (lines) with each kind. Counts and\n\
             # rates only, never a value. Written by `qorgau profile`, checked by\n\
             # `qorgau check --contract`; review a change to it like code. Format: docs/ci.md.\n",
        );
        let _ = writeln!(s, "version = {}", self.version);
        s.push_str(
            "# How far a rate may rise above the recorded one before `check` fails\n\
             # (absolute: 0.01 is one percentage point); a file or column may set its own.\n",
        );
        let _ = writeln!(s, "tolerance = {}", self.tolerance);
        for (path, f) in &self.files {
            let _ = writeln!(s, "\n[files.{}]", quoted(path));
            let _ = writeln!(s, "format = {}", quoted(&f.format));
            if let Some(t) = f.tolerance {
                let _ = writeln!(s, "tolerance = {t}");
            }
            if let Some(n) = f.lines {
                let _ = writeln!(s, "lines = {n}");
                let _ = writeln!(s, "kinds = {}", kinds_inline(&f.kinds));
            }
            for (name, c) in &f.columns {
                let tol = c
                    .tolerance
                    .map(|t| format!(", tolerance = {t}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "columns.{} = {{ cells = {}, kinds = {}{tol} }}",
                    quoted(name),
                    c.cells,
                    kinds_inline(&c.kinds)
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_up_and_the_text_parses_back() {
        assert_eq!(rate(0, 10), 0.0);
        assert_eq!(rate(1, 1_000_000), 0.0001);
        assert_eq!(rate(1, 3), 0.3334);
        assert_eq!(rate(5, 5), 1.0);
        let mut c = Contract::new(0.01);
        let mut f = FileEntry {
            format: "csv".into(),
            ..FileEntry::default()
        };
        f.columns.insert(
            "a \"b\"".into(),
            Column {
                cells: 3,
                kinds: [("iin".to_string(), 0.3334)].into(),
                tolerance: Some(0.2),
            },
        );
        f.columns.insert("clean".into(), Column::default());
        c.files.insert("data/x.csv".into(), f);
        c.files.insert(
            "log.txt".into(),
            FileEntry {
                format: "text".into(),
                lines: Some(10),
                kinds: [("phone".to_string(), 0.1)].into(),
                ..FileEntry::default()
            },
        );
        let text = c.to_toml();
        assert_eq!(Contract::parse(&text, "t").unwrap(), c, "{text}");
        let e = Contract::parse("version = 1\ntolerance = 2\n", "t").unwrap_err();
        assert!(e.0.contains("between 0 and 1"), "{e}");
        let e = Contract::parse("version = 1\ntolerance = 0.1\nfoo = 1\n", "t").unwrap_err();
        assert!(e.0.starts_with("t:3:"), "{e}");
    }
}
