//! What changed between a contract and a new measurement of the same
//! inputs. Failing: a new file or column holding personal data, a kind a
//! column (text file) did not hold, a rate risen past the tolerance. Not
//! failing, but listed: a kind, column or file gone, a rate fallen past the
//! tolerance. Files of the contract that were not measured this time are
//! left alone (a check of some paths is not a check of all).

use serde::Serialize;

use super::{Contract, FileEntry};

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `new_file`, `new_column`, `new_kind`, `rate_rose` (these fail);
    /// `kind_gone`, `column_gone`, `rate_fell` (these do not).
    pub change: &'static str,
    pub path: String,
    /// The column (tables); none for a text file or a whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The kind; none for a column gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The rate the contract records (0 for a new kind).
    pub was: f64,
    /// The rate measured now (0 for a kind gone).
    pub now: f64,
    /// The tolerance that applied.
    pub tolerance: f64,
    /// Whether this change fails the check.
    pub fails: bool,
}

impl Change {
    /// One line for people: `data/x.csv [comment] phone: 0.40% -> 2.10%
    /// (tolerance 1.00%): rate rose`.
    pub fn describe(&self) -> String {
        let mut s = self.path.clone();
        if let Some(c) = &self.column {
            s.push_str(&format!(" [{c}]"));
        }
        if let Some(k) = &self.kind {
            s.push_str(&format!(" {k}"));
        }
        let what = match self.change {
            "new_file" => "new file holding personal data",
            "new_column" => "new column holding personal data",
            "new_kind" => "a kind the contract does not allow",
            "rate_rose" => "rate rose past the tolerance",
            "kind_gone" => "kind gone",
            "column_gone" => "column gone",
            _ => "rate fell",
        };
        if self.kind.is_some() {
            s.push_str(&format!(": {} -> {}", percent(self.was), percent(self.now)));
            if matches!(self.change, "rate_rose" | "rate_fell") {
                s.push_str(&format!(" (tolerance {})", percent(self.tolerance)));
            }
        }
        s.push_str(&format!(": {what}"));
        s
    }
}

/// A share as a percentage with two decimals.
pub fn percent(r: f64) -> String {
    format!("{:.2}%", r * 100.0)
}

const EPS: f64 = 1e-9;

/// The changes from `contract` to `now`, sorted by path, column, kind.
pub fn diff(contract: &Contract, now: &Contract) -> Vec<Change> {
    let mut out = Vec::new();
    for (path, f) in &now.files {
        let Some(old) = contract.files.get(path) else {
            // A new file: listed only when it holds personal data.
            new_file(path, f, contract.tolerance, &mut out);
            continue;
        };
        let file_tol = old.tolerance.unwrap_or(contract.tolerance);
        if f.lines.is_some() || old.lines.is_some() {
            kinds(path, None, &old.kinds, &f.kinds, file_tol, true, &mut out);
        }
        for (name, c) in &f.columns {
            match old.columns.get(name) {
                Some(o) => kinds(
                    path,
                    Some(name),
                    &o.kinds,
                    &c.kinds,
                    o.tolerance.unwrap_or(file_tol),
                    true,
                    &mut out,
                ),
                None => kinds(
                    path,
                    Some(name),
                    &Default::default(),
                    &c.kinds,
                    file_tol,
                    false,
                    &mut out,
                ),
            }
        }
        for name in old.columns.keys().filter(|n| !f.columns.contains_key(*n)) {
            out.push(Change {
                change: "column_gone",
                path: path.clone(),
                column: Some(name.clone()),
                kind: None,
                was: 0.0,
                now: 0.0,
                tolerance: file_tol,
                fails: false,
            });
        }
    }
    out
}

fn new_file(path: &str, f: &FileEntry, tolerance: f64, out: &mut Vec<Change>) {
    let kinds = f.kinds.iter().map(|(k, r)| (None, k, r)).chain(
        f.columns
            .iter()
            .flat_map(|(c, col)| col.kinds.iter().map(move |(k, r)| (Some(c), k, r))),
    );
    for (column, kind, rate) in kinds {
        out.push(Change {
            change: "new_file",
            path: path.to_string(),
            column: column.cloned(),
            kind: Some(kind.clone()),
            was: 0.0,
            now: *rate,
            tolerance,
            fails: true,
        });
    }
}

/// The changes of one column (text file): `known` is whether the contract
/// has it at all (else its kinds are a new column's).
fn kinds(
    path: &str,
    column: Option<&String>,
    was: &std::collections::BTreeMap<String, f64>,
    now: &std::collections::BTreeMap<String, f64>,
    tolerance: f64,
    known: bool,
    out: &mut Vec<Change>,
) {
    let change = |change, kind: &String, w: f64, n: f64, fails| Change {
        change,
        path: path.to_string(),
        column: column.cloned(),
        kind: Some(kind.clone()),
        was: w,
        now: n,
        tolerance,
        fails,
    };
    for (kind, &n) in now {
        match was.get(kind) {
            None if !known => out.push(change("new_column", kind, 0.0, n, true)),
            None => out.push(change("new_kind", kind, 0.0, n, true)),
            Some(&w) if n > w + tolerance + EPS => {
                out.push(change("rate_rose", kind, w, n, true));
            }
            Some(&w) if n + tolerance + EPS < w => {
                out.push(change("rate_fell", kind, w, n, false));
            }
            Some(_) => {}
        }
    }
    for (kind, &w) in was.iter().filter(|(k, _)| !now.contains_key(*k)) {
        out.push(change("kind_gone", kind, w, 0.0, false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Column;

    fn table(cols: &[(&str, &[(&str, f64)])]) -> FileEntry {
        FileEntry {
            format: "csv".into(),
            columns: cols
                .iter()
                .map(|(n, ks)| {
                    (
                        n.to_string(),
                        Column {
                            cells: 10,
                            kinds: ks.iter().map(|(k, r)| (k.to_string(), *r)).collect(),
                            tolerance: None,
                        },
                    )
                })
                .collect(),
            ..FileEntry::default()
        }
    }

    #[test]
    fn each_drift_is_named_and_an_unchanged_measure_is_silent() {
        let mut was = Contract::new(0.01);
        was.files.insert(
            "t.csv".into(),
            table(&[("a", &[("iin", 0.5)]), ("b", &[]), ("gone", &[])]),
        );
        assert!(diff(&was, &was).is_empty());
        let mut now = Contract::new(0.01);
        now.files.insert(
            "t.csv".into(),
            table(&[
                ("a", &[("iin", 0.515)]),
                ("b", &[("phone", 0.1)]),
                ("c", &[("email", 1.0)]),
            ]),
        );
        now.files
            .insert("n.csv".into(), table(&[("x", &[("iin", 1.0)])]));
        now.files.insert("clean.csv".into(), table(&[("x", &[])]));
        let d = diff(&was, &now);
        let kinds: Vec<&str> = d.iter().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            vec![
                "new_file",
                "rate_rose",
                "new_kind",
                "new_column",
                "column_gone"
            ]
        );
        assert!(d[1]
            .describe()
            .contains("50.00% -> 51.50% (tolerance 1.00%)"));
        // Within the tolerance: nothing.
        now.files.insert(
            "t.csv".into(),
            table(&[("a", &[("iin", 0.509)]), ("b", &[])]),
        );
        now.files.remove("n.csv");
        let d = diff(&was, &now);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(!d[0].fails);
    }
}
