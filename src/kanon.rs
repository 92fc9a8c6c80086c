//! Enforcing k-anonymity on a table's quasi-identifiers: generalization along
//! built-in hierarchies, then suppression of the rows still in classes
//! smaller than k, choosing the least information loss within a suppression
//! budget. The plan is made from one pass over the table that keeps only the
//! distinct quasi-identifier combinations and their counts; `anonymize` then
//! applies it row by row.
//!
//! Hierarchies, inferred from a column's values:
//! - year (1900–2099): year → 5-year band → 10-year band → `*`;
//! - date (`YYYY-MM-DD`): date → month → year → `*`;
//! - age (0–120, a column named like age): age → 5-year band → 10-year band → `*`;
//! - postcode (`A01P3K4` or 6 digits): code → region (letter or 2 digits) → `*`;
//! - anything else: value → `*`.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// How a column generalizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Hierarchy {
    Year,
    Date,
    Age,
    Postcode,
    Category,
}

impl Hierarchy {
    /// The highest level (`*`).
    pub fn top(self) -> u8 {
        match self {
            Hierarchy::Year | Hierarchy::Date | Hierarchy::Age => 3,
            Hierarchy::Postcode => 2,
            Hierarchy::Category => 1,
        }
    }

    /// Infers the hierarchy of a column from its name and distinct values.
    pub fn infer<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Hierarchy {
        let lower = name.to_lowercase();
        let values: Vec<&str> = values.filter(|v| !v.is_empty()).collect();
        let all = |f: &dyn Fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
        let int = |v: &str| v.parse::<u32>().ok();
        if ["age", "возраст", "жасы"].iter().any(|w| lower.contains(w))
            && all(&|v| int(v).is_some_and(|n| n <= 120))
        {
            Hierarchy::Age
        } else if all(&|v| v.len() == 4 && int(v).is_some_and(|n| (1900..2100).contains(&n))) {
            Hierarchy::Year
        } else if all(&|v| v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-') {
            Hierarchy::Date
        } else if all(&|v| {
            let c: String = v.chars().filter(|c| !c.is_whitespace()).collect();
            (c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
                || (c.len() == 7
                    && c.as_bytes()[0].is_ascii_alphabetic()
                    && c[1..3].bytes().all(|b| b.is_ascii_digit()))
        }) {
            Hierarchy::Postcode
        } else {
            Hierarchy::Category
        }
    }

    /// `value` generalized to `level` (0 = as it is).
    pub fn generalize(self, value: &str, level: u8) -> String {
        if level == 0 {
            return value.to_string();
        }
        if level >= self.top() || value.is_empty() {
            return if value.is_empty() {
                String::new()
            } else {
                "*".into()
            };
        }
        let band = |n: u32, w: u32| format!("{}-{}", n / w * w, n / w * w + w - 1);
        match self {
            Hierarchy::Year | Hierarchy::Age => match value.parse::<u32>() {
                Ok(n) => band(n, if level == 1 { 5 } else { 10 }),
                Err(_) => "*".into(),
            },
            Hierarchy::Date => value
                .get(..if level == 1 { 7 } else { 4 })
                .unwrap_or("*")
                .to_string(),
            Hierarchy::Postcode => {
                let c: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                let n = if c.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
                    1
                } else {
                    2
                };
                c.get(..n).unwrap_or("*").to_string()
            }
            Hierarchy::Category => "*".into(),
        }
    }
}

/// The chosen generalization and what it suppresses.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub quasi: Vec<String>,
    pub hierarchies: Vec<Hierarchy>,
    /// Level per quasi-identifier.
    pub levels: Vec<u8>,
    pub k: u64,
    pub rows: u64,
    pub suppressed_rows: u64,
    /// Classes (generalized keys, joined by U+001F) whose rows are dropped.
    #[serde(skip)]
    pub suppressed: HashSet<String>,
}

impl Plan {
    /// The generalized class key of a row's quasi-identifier values.
    pub fn key(&self, values: &[&str]) -> String {
        let mut key = String::new();
        for ((v, h), &l) in values.iter().zip(&self.hierarchies).zip(&self.levels) {
            key.push_str(&h.generalize(v, l));
            key.push('\u{1f}');
        }
        key
    }
}

/// Finds the least-loss levels that reach `k` while suppressing at most
/// `max_suppression` (a share) of the rows. `counts` maps each distinct
/// combination of raw quasi-identifier values to its number of rows.
///
/// # Errors
/// When no generalization reaches `k` within the suppression budget.
pub fn plan(
    quasi: Vec<String>,
    hierarchies: Vec<Hierarchy>,
    counts: &HashMap<Vec<String>, u64>,
    k: u64,
    max_suppression: f64,
) -> Result<Plan, String> {
    let rows: u64 = counts.values().sum();
    let tops: Vec<u8> = hierarchies.iter().map(|h| h.top()).collect();
    let budget = (max_suppression * rows as f64).floor() as u64;
    let mut best: Option<(f64, u64, Vec<u8>, HashSet<String>)> = None;
    let mut levels = vec![0u8; tops.len()];
    loop {
        let mut probe = Plan {
            quasi: quasi.clone(),
            hierarchies: hierarchies.clone(),
            levels: levels.clone(),
            k,
            rows,
            suppressed_rows: 0,
            suppressed: HashSet::new(),
        };
        let mut classes: HashMap<String, u64> = HashMap::new();
        for (values, n) in counts {
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            *classes.entry(probe.key(&refs)).or_default() += n;
        }
        let small: u64 = classes.values().filter(|&&n| n < k).sum();
        if small <= budget {
            // Loss: how far up each hierarchy, plus the share suppressed.
            let loss = levels
                .iter()
                .zip(&tops)
                .map(|(&l, &t)| f64::from(l) / f64::from(t))
                .sum::<f64>()
                + small as f64 / rows.max(1) as f64;
            if best.as_ref().is_none_or(|b| (loss, small) < (b.0, b.1)) {
                probe.suppressed = classes
                    .into_iter()
                    .filter(|(_, n)| *n < k)
                    .map(|(c, _)| c)
                    .collect();
                best = Some((loss, small, levels.clone(), probe.suppressed));
            }
        }
        // Next node of the lattice.
        let mut i = 0;
        while i < levels.len() && levels[i] == tops[i] {
            levels[i] = 0;
            i += 1;
        }
        if i == levels.len() {
            break;
        }
        levels[i] += 1;
    }
    let (_, suppressed_rows, levels, suppressed) = best.ok_or_else(|| {
        format!(
            "k = {k} cannot be reached by generalizing {} within {:.1}% suppression",
            quasi.join(", "),
            max_suppression * 100.0
        )
    })?;
    Ok(Plan {
        quasi,
        hierarchies,
        levels,
        k,
        rows,
        suppressed_rows,
        suppressed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchies() {
        assert_eq!(
            Hierarchy::infer("birth_year", ["1987", "1990"].into_iter()),
            Hierarchy::Year
        );
        assert_eq!(Hierarchy::Year.generalize("1987", 1), "1985-1989");
        assert_eq!(Hierarchy::Year.generalize("1987", 2), "1980-1989");
        assert_eq!(Hierarchy::Year.generalize("1987", 3), "*");
        assert_eq!(
            Hierarchy::infer("postcode", ["A01P3K4", "050000"].into_iter()),
            Hierarchy::Postcode
        );
        assert_eq!(Hierarchy::Postcode.generalize("A01 P3K4", 1), "A");
        assert_eq!(Hierarchy::Date.generalize("2024-05-12", 1), "2024-05");
        assert_eq!(
            Hierarchy::infer("sex", ["F", "M"].into_iter()),
            Hierarchy::Category
        );
    }

    #[test]
    fn plan_generalizes_before_suppressing() {
        let mut counts = HashMap::new();
        for y in 1980..1990 {
            counts.insert(vec![y.to_string(), "F".into()], 2);
        }
        let p = plan(
            vec!["y".into(), "s".into()],
            vec![Hierarchy::Year, Hierarchy::Category],
            &counts,
            5,
            0.0,
        )
        .unwrap();
        assert_eq!(p.levels, [1, 0]);
        assert_eq!(p.suppressed_rows, 0);
        assert!(plan(
            vec!["y".into()],
            vec![Hierarchy::Category],
            &HashMap::from([(vec!["a".into()], 1)]),
            5,
            0.0
        )
        .is_err());
    }
}

/// What `anonymize --quasi … --min-k …` asks for.
#[derive(Debug, Clone)]
pub struct KOptions {
    pub quasi: Vec<String>,
    pub k: u64,
    pub max_suppression: f64,
}

/// Reads the table once and plans its generalization.
///
/// # Errors
/// An unreadable table, an unknown column, or a `k` out of reach.
pub fn plan_table(
    source: &crate::input::Source,
    table: &crate::table::TableOptions,
    context: &crate::context::ContextIndex,
    opts: &KOptions,
) -> Result<Plan, String> {
    if *source == crate::input::Source::Stdin {
        return Err("--min-k reads a table twice: give a file, not stdin".into());
    }
    let mut reader = crate::risk::open(source, table, context)?;
    let idx: Vec<usize> = opts
        .quasi
        .iter()
        .map(|q| crate::risk::column(&reader.layout, q))
        .collect::<Result<_, _>>()?;
    let mut counts: HashMap<Vec<String>, u64> = HashMap::new();
    crate::risk::for_each_row(&mut reader, |cells| {
        let key: Vec<String> = idx
            .iter()
            .map(|&i| cells.get(i).cloned().unwrap_or_default())
            .collect();
        *counts.entry(key).or_default() += 1;
        true
    })?;
    let hierarchies = opts
        .quasi
        .iter()
        .enumerate()
        .map(|(i, name)| Hierarchy::infer(name, counts.keys().map(|v| v[i].as_str())))
        .collect();
    plan(
        opts.quasi.clone(),
        hierarchies,
        &counts,
        opts.k,
        opts.max_suppression,
    )
}
