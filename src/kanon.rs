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

/// The distinct quasi-identifier combinations of a table and their counts,
/// dictionary-encoded: memory per combination is a few integers.
#[derive(Debug, Default)]
pub struct Combos {
    /// Per column: id → value.
    values: Vec<Vec<String>>,
    ids: Vec<HashMap<String, u32>>,
    /// Combination (one id per column) → rows.
    counts: HashMap<Box<[u32]>, u64>,
}

impl Combos {
    pub fn new(columns: usize) -> Combos {
        Combos {
            values: vec![Vec::new(); columns],
            ids: vec![HashMap::new(); columns],
            counts: HashMap::new(),
        }
    }

    /// Counts one row's quasi-identifier values.
    pub fn add(&mut self, row: &[&str]) {
        let mut key = Vec::with_capacity(row.len());
        for (c, v) in row.iter().enumerate() {
            let id = match self.ids[c].get(*v) {
                Some(&id) => id,
                None => {
                    let id = self.values[c].len() as u32;
                    self.values[c].push((*v).to_string());
                    self.ids[c].insert((*v).to_string(), id);
                    id
                }
            };
            key.push(id);
        }
        *self.counts.entry(key.into_boxed_slice()).or_default() += 1;
    }

    /// The distinct values of column `c`.
    pub fn values(&self, c: usize) -> impl Iterator<Item = &str> {
        self.values[c].iter().map(String::as_str)
    }
}

/// Finds the least-loss levels that reach `k` while suppressing at most
/// `max_suppression` (a share) of the rows.
///
/// # Errors
/// When no generalization reaches `k` within the suppression budget.
pub fn plan(
    quasi: Vec<String>,
    hierarchies: Vec<Hierarchy>,
    combos: &Combos,
    k: u64,
    max_suppression: f64,
) -> Result<Plan, String> {
    let rows: u64 = combos.counts.values().sum();
    let tops: Vec<u8> = hierarchies.iter().map(|h| h.top()).collect();
    let budget = (max_suppression * rows as f64).floor() as u64;
    // Per column and level: value id → generalized id, and the generalized values.
    let mut maps: Vec<Vec<Vec<u32>>> = Vec::new();
    let mut names: Vec<Vec<Vec<String>>> = Vec::new();
    for (c, h) in hierarchies.iter().enumerate() {
        let (mut col_maps, mut col_names) = (Vec::new(), Vec::new());
        for level in 0..=h.top() {
            let mut seen: HashMap<String, u32> = HashMap::new();
            let mut out = Vec::new();
            let map = combos.values[c]
                .iter()
                .map(|v| {
                    let g = h.generalize(v, level);
                    *seen.entry(g.clone()).or_insert_with(|| {
                        out.push(g);
                        out.len() as u32 - 1
                    })
                })
                .collect();
            col_maps.push(map);
            col_names.push(out);
        }
        maps.push(col_maps);
        names.push(col_names);
    }
    let mut best: Option<(f64, u64, Vec<u8>)> = None;
    let mut levels = vec![0u8; tops.len()];
    let mut classes: HashMap<u128, u64> = HashMap::new();
    // A node's classes, keyed by the generalized ids in mixed radix (no
    // allocation per combination).
    let group = |levels: &[u8], classes: &mut HashMap<u128, u64>| -> Result<(), String> {
        classes.clear();
        let radix: Vec<u128> = (0..levels.len())
            .map(|c| names[c][levels[c] as usize].len().max(1) as u128)
            .collect();
        if radix
            .iter()
            .try_fold(1u128, |acc, &r| acc.checked_mul(r))
            .is_none()
        {
            return Err("too many distinct quasi-identifier values to plan k-anonymity".into());
        }
        for (key, n) in &combos.counts {
            let mut g = 0u128;
            for (c, &id) in key.iter().enumerate().rev() {
                g = g * radix[c] + u128::from(maps[c][levels[c] as usize][id as usize]);
            }
            *classes.entry(g).or_default() += n;
        }
        Ok(())
    };
    // Every node of the lattice, by its level loss: a node's total loss is at
    // least that, so the search stops once no node left can beat the best.
    let level_loss = |levels: &[u8]| {
        levels
            .iter()
            .zip(&tops)
            .map(|(&l, &t)| f64::from(l) / f64::from(t))
            .sum::<f64>()
    };
    let mut nodes = Vec::new();
    loop {
        nodes.push(levels.clone());
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
    nodes.sort_by(|a, b| level_loss(a).total_cmp(&level_loss(b)));
    for node in nodes {
        let base = level_loss(&node);
        if best.as_ref().is_some_and(|b| base > b.0) {
            break;
        }
        group(&node, &mut classes)?;
        let small: u64 = classes.values().filter(|&&n| n < k).sum();
        if small <= budget {
            let loss = base + small as f64 / rows.max(1) as f64;
            if best.as_ref().is_none_or(|b| (loss, small) < (b.0, b.1)) {
                best = Some((loss, small, node));
            }
        }
    }
    let (_, suppressed_rows, levels) = best.ok_or_else(|| {
        format!(
            "k = {k} cannot be reached by generalizing {} within {:.1}% suppression",
            quasi.join(", "),
            max_suppression * 100.0
        )
    })?;
    group(&levels, &mut classes)?;
    let radix: Vec<u128> = (0..levels.len())
        .map(|c| names[c][levels[c] as usize].len().max(1) as u128)
        .collect();
    let suppressed = classes
        .iter()
        .filter(|(_, &n)| n < k)
        .map(|(&g, _)| {
            let mut key = String::new();
            let mut rest = g;
            for (c, &r) in radix.iter().enumerate() {
                let id = (rest % r) as usize;
                rest /= r;
                key.push_str(&names[c][levels[c] as usize][id]);
                key.push('\u{1f}');
            }
            key
        })
        .collect();
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
        let mut combos = Combos::new(2);
        for y in 1980..1990 {
            let y = y.to_string();
            combos.add(&[&y, "F"]);
            combos.add(&[&y, "F"]);
        }
        let hierarchies = vec![Hierarchy::Year, Hierarchy::Category];
        let p = plan(vec!["y".into(), "s".into()], hierarchies, &combos, 5, 0.0).unwrap();
        assert_eq!(p.levels, [1, 0]);
        assert_eq!(p.suppressed_rows, 0);
        let mut one = Combos::new(1);
        one.add(&["a"]);
        assert!(plan(vec!["y".into()], vec![Hierarchy::Category], &one, 5, 0.0).is_err());
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
        .map(|q| crate::risk::column(&reader, q))
        .collect::<Result<_, _>>()?;
    let mut combos = Combos::new(idx.len());
    crate::risk::for_each_row(&mut reader, &idx, |cells| {
        let row: Vec<&str> = idx
            .iter()
            .map(|&i| cells.get(i).map_or("", String::as_str))
            .collect();
        combos.add(&row);
        true
    })?;
    let hierarchies = opts
        .quasi
        .iter()
        .enumerate()
        .map(|(i, name)| Hierarchy::infer(name, combos.values(i)))
        .collect();
    plan(
        opts.quasi.clone(),
        hierarchies,
        &combos,
        opts.k,
        opts.max_suppression,
    )
}
