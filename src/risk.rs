//! Re-identification risk of a table: records that share the values of the
//! quasi-identifiers (birth year, sex, region …) form an equivalence class;
//! a record in a class of size `n` can be singled out with probability `1/n`.
//! Measured in one streaming pass; memory grows with the number of distinct
//! quasi-identifier combinations, not with the rows.
//!
//! - `k` — the smallest class (k-anonymity);
//! - `rows_below_k` — records in classes smaller than the target `k`;
//! - `l` — distinct l-diversity: the fewest distinct sensitive values in a class;
//! - `max_risk` = `1/k`; `avg_risk` = the mean over records of `1/size`
//!   of the record's class (= classes / rows): the prosecutor model.
//!
//! An empty cell is a value of its own (a null is not a wildcard).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use serde::Serialize;

use crate::context::ContextIndex;
use crate::input::{Chunker, Source};
use crate::table::{tokenize, Layout, TableOptions};

/// What to measure.
#[derive(Debug, Clone)]
pub struct RiskOptions {
    /// Quasi-identifier columns; proposed from the data when empty.
    pub quasi: Vec<String>,
    pub sensitive: Option<String>,
    /// The k to count `rows_below_k` against.
    pub k: u64,
}

/// The measured risk (the JSON fields are a contract for scripts).
#[derive(Debug, Clone, Serialize)]
pub struct RiskReport {
    pub rows: u64,
    /// Smallest equivalence class (0 for an empty table).
    pub k: u64,
    pub classes: u64,
    pub rows_below_k: u64,
    /// Distinct l-diversity; `None` without a sensitive column.
    pub l: Option<u64>,
    pub max_risk: f64,
    pub avg_risk: f64,
    /// The target k `rows_below_k` counts against.
    pub k_target: u64,
    pub quasi: Vec<String>,
    pub sensitive: Option<String>,
    /// Whether the quasi-identifiers were proposed, not given.
    pub proposed: bool,
    /// Class size → number of classes of that size.
    pub class_sizes: BTreeMap<u64, u64>,
    /// Distinct values per quasi-identifier, in `quasi` order: the column
    /// with the most values is the one that singles records out.
    pub cardinality: Vec<u64>,
}

/// Columns whose names say they describe people in aggregate.
const DEMOGRAPHIC: &[&str] = &[
    "birth",
    "year",
    "born",
    "sex",
    "gender",
    "age",
    "region",
    "district",
    "city",
    "oblast",
    "postcode",
    "zip",
    "nationality",
    "пол",
    "возраст",
    "год",
    "рожд",
    "регион",
    "район",
    "область",
    "город",
    "индекс",
    "жынысы",
    "жасы",
    "туған",
    "облыс",
    "аудан",
    "қала",
];

/// The rows of a table to measure: a CSV/TSV file, or a Parquet file's
/// top-level columns.
pub(crate) struct Reader {
    /// Column names, and the kinds each name speaks for.
    pub(crate) names: Vec<String>,
    pub(crate) hints: Vec<u32>,
    rows: Rows,
}

enum Rows {
    Csv {
        chunker: Chunker<Box<dyn Read + Send>>,
        layout: std::sync::Arc<Layout>,
        first: bool,
    },
    Parquet {
        input: crate::parquet::ParquetInput,
        /// Standard input, spooled: kept until the reader is dropped.
        _spooled: Option<crate::temps::Temp>,
    },
}

pub(crate) fn open(
    source: &Source,
    opts: &TableOptions,
    context: &ContextIndex,
) -> Result<Reader, String> {
    if crate::parquet::is_parquet(source, opts.format) {
        let (path, spooled) = match source {
            Source::File(p) => (p.clone(), None),
            Source::Stdin => {
                let t = crate::parquet::spool_stdin().map_err(|e| e.to_string())?;
                (t.path().to_path_buf(), Some(t))
            }
        };
        let input = crate::parquet::ParquetInput::open(&path).map_err(|e| e.to_string())?;
        let names: Vec<String> = input
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let hints = names
            .iter()
            .map(|n| crate::table::column_hint(context, n))
            .collect();
        return Ok(Reader {
            names,
            hints,
            rows: Rows::Parquet {
                input,
                _spooled: spooled,
            },
        });
    }
    let r = source.open().map_err(|e| e.to_string())?;
    let mut chunker = Chunker::new(r, 4 << 20);
    let head = chunker.peek(256 << 10).map_err(|e| e.to_string())?;
    let is_tsv = source.display().to_ascii_lowercase().contains(".tsv");
    let layout = Layout::sniff(head, is_tsv, opts, context).map_err(|e| e.0)?;
    chunker.split_records(layout.delimiter, layout.eol, opts.max_row);
    Ok(Reader {
        names: layout.names.clone(),
        hints: layout.hints.clone(),
        rows: Rows::Csv {
            chunker,
            layout,
            first: true,
        },
    })
}

/// Calls `each` with the cells of every data record, in order, until it
/// returns false. Only the columns in `needed` are filled in (the others
/// are empty); a null is an empty cell.
pub(crate) fn for_each_row(
    reader: &mut Reader,
    needed: &[usize],
    each: impl FnMut(&[String]) -> bool,
) -> Result<(), String> {
    match &mut reader.rows {
        Rows::Csv {
            chunker,
            layout,
            first,
        } => csv_rows(chunker, layout, first, needed, each),
        Rows::Parquet { input, .. } => parquet_rows(input, reader.names.len(), needed, each),
    }
}

fn csv_rows(
    chunker: &mut Chunker<Box<dyn Read + Send>>,
    layout: &Layout,
    first: &mut bool,
    needed: &[usize],
    mut each: impl FnMut(&[String]) -> bool,
) -> Result<(), String> {
    let mut fields = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut raw = Vec::new();
    while let Some(chunk) = chunker.next_chunk().map_err(|e| e.to_string())? {
        let data = &chunk.data[..chunk.body.end];
        let mut pos = chunk.body.start
            + if chunk.index == 0 {
                layout.bom.min(chunk.body.len())
            } else {
                0
            };
        loop {
            let next =
                match tokenize::record_eol(data, pos, layout.delimiter, layout.eol, &mut fields) {
                    Ok(Some((_, next))) => next,
                    Ok(None) => break,
                    Err(bad) => {
                        return Err(format!(
                            "{} at byte {}",
                            bad.describe(),
                            chunk.offset + bad.at as u64
                        ))
                    }
                };
            let header = *first && layout.has_header;
            *first = false;
            if !header {
                cells.resize(fields.len(), String::new());
                for (i, (f, cell)) in fields.iter().zip(cells.iter_mut()).enumerate() {
                    cell.clear();
                    if !needed.contains(&i) {
                        continue;
                    }
                    raw.clear();
                    tokenize::unescape(data, f, &mut raw);
                    cell.push_str(layout.encoding.decode(&raw).0.trim());
                }
                if !each(&cells[..fields.len()]) {
                    return Ok(());
                }
            }
            pos = next;
            if next >= data.len() {
                break;
            }
        }
    }
    Ok(())
}

/// Parquet rows: only the needed columns are read; each batch's cells are
/// formatted as text in parallel (dates as `2024-03-01`, numbers as
/// written), then handed over row by row in order.
fn parquet_rows(
    input: &crate::parquet::ParquetInput,
    width: usize,
    needed: &[usize],
    mut each: impl FnMut(&[String]) -> bool,
) -> Result<(), String> {
    use arrow::util::display::{ArrayFormatter, FormatOptions};
    let mut roots: Vec<usize> = needed.iter().copied().filter(|&i| i < width).collect();
    roots.sort_unstable();
    roots.dedup();
    if roots.is_empty() {
        roots.push(0);
    }
    let options = FormatOptions::default().with_null("");
    let mut cells = vec![String::new(); width];
    let mut stopped = false;
    let ran = input.for_each_batch(
        crate::parquet::scan::BATCH_ROWS,
        Some(&roots),
        |piece| -> Result<Vec<Vec<String>>, String> {
            // Column-major: one formatter per column.
            piece
                .batch
                .columns()
                .iter()
                .map(|a| {
                    let f =
                        ArrayFormatter::try_new(a.as_ref(), &options).map_err(|e| e.to_string())?;
                    Ok((0..a.len())
                        .map(|i| f.value(i).to_string().trim().to_string())
                        .collect())
                })
                .collect()
        },
        |piece, columns| {
            let columns = columns.map_err(|message| crate::parquet::ReadError {
                row_group: Some(piece.row_group),
                column: None,
                message,
            })?;
            for r in 0..piece.batch.num_rows() {
                for (&c, values) in roots.iter().zip(&columns) {
                    cells[c].clone_from(&values[r]);
                }
                if !each(&cells) {
                    stopped = true;
                    return Err(crate::parquet::ReadError {
                        row_group: None,
                        column: None,
                        message: String::new(),
                    });
                }
            }
            Ok(())
        },
    );
    match ran {
        Err(_) if stopped => Ok(()),
        Err(e) => Err(e.to_string()),
        Ok(()) => Ok(()),
    }
}

pub(crate) fn column(reader: &Reader, name: &str) -> Result<usize, String> {
    reader
        .names
        .iter()
        .position(|n| n == name || n.eq_ignore_ascii_case(name))
        .ok_or_else(|| format!("no column {name:?} (columns: {})", reader.names.join(", ")))
}

/// Proposes quasi-identifiers from the first rows: columns named like
/// demographics, or of low cardinality (at most 50 values, and not unique).
fn propose(
    source: &Source,
    opts: &TableOptions,
    context: &ContextIndex,
) -> Result<Vec<String>, String> {
    let mut reader = open(source, opts, context)?;
    let names = reader.names.clone();
    // Direct identifiers (a header naming a kind: ФИО, ИИН, phone) are to be
    // removed, not measured as quasi-identifiers.
    let direct: Vec<bool> = reader.hints.iter().map(|&h| h != 0).collect();
    let all: Vec<usize> = (0..names.len()).filter(|&i| !direct[i]).collect();
    let mut distinct: Vec<HashSet<String>> = vec![HashSet::new(); names.len()];
    let mut rows = 0usize;
    for_each_row(&mut reader, &all, |cells| {
        for (d, c) in distinct.iter_mut().zip(cells) {
            if d.len() <= 1000 {
                d.insert(c.clone());
            }
        }
        rows += 1;
        rows < 10_000
    })?;
    let picked: Vec<String> = names
        .iter()
        .zip(&distinct)
        .zip(&direct)
        .filter(|(_, &direct)| !direct)
        .map(|(pair, _)| pair)
        .filter(|(name, d)| {
            let lower = name.to_lowercase();
            let named = DEMOGRAPHIC.iter().any(|w| lower.contains(w));
            let low = d.len() > 1 && d.len() <= 50 && d.len() < rows;
            (named && d.len() < rows.max(2)) || low
        })
        .map(|(n, _)| n.clone())
        .collect();
    if picked.is_empty() {
        return Err("no quasi-identifier columns could be proposed; give them with --quasi".into());
    }
    Ok(picked)
}

/// Measures the risk of the table `source`.
///
/// # Errors
/// An unreadable table, an unknown column, or a malformed record (a message
/// naming the byte, never a cell's value).
pub fn measure(
    source: &Source,
    table: &TableOptions,
    context: &ContextIndex,
    opts: &RiskOptions,
) -> Result<RiskReport, String> {
    if opts.quasi.is_empty() && *source == Source::Stdin {
        return Err(
            "give --quasi when the table comes from stdin (proposing reads it twice)".into(),
        );
    }
    let (quasi, proposed) = if opts.quasi.is_empty() {
        (propose(source, table, context)?, true)
    } else {
        (opts.quasi.clone(), false)
    };
    let mut reader = open(source, table, context)?;
    let qi: Vec<usize> = quasi
        .iter()
        .map(|q| column(&reader, q))
        .collect::<Result<_, _>>()?;
    let si = opts
        .sensitive
        .as_deref()
        .map(|s| column(&reader, s))
        .transpose()?;
    let needed: Vec<usize> = qi.iter().copied().chain(si).collect();
    // Class key: the quasi-identifier values joined by a unit separator.
    let mut classes: HashMap<String, (u64, HashSet<String>)> = HashMap::new();
    let mut rows = 0u64;
    let mut key = String::new();
    let mut distinct: Vec<HashSet<String>> = vec![HashSet::new(); qi.len()];
    for_each_row(&mut reader, &needed, |cells| {
        for (d, &i) in distinct.iter_mut().zip(&qi) {
            let v = cells.get(i).map_or("", String::as_str);
            if !d.contains(v) {
                d.insert(v.to_string());
            }
        }
        key.clear();
        for &i in &qi {
            key.push_str(cells.get(i).map_or("", String::as_str));
            key.push('\u{1f}');
        }
        let entry = match classes.get_mut(key.as_str()) {
            Some(e) => e,
            None => classes.entry(key.clone()).or_default(),
        };
        entry.0 += 1;
        if let Some(s) = si {
            let v = cells.get(s).map_or("", String::as_str);
            if !entry.1.contains(v) {
                entry.1.insert(v.to_string());
            }
        }
        rows += 1;
        true
    })?;
    let k = classes.values().map(|c| c.0).min().unwrap_or(0);
    let mut class_sizes = BTreeMap::new();
    for c in classes.values() {
        *class_sizes.entry(c.0).or_insert(0) += 1;
    }
    Ok(RiskReport {
        rows,
        k,
        classes: classes.len() as u64,
        rows_below_k: classes.values().filter(|c| c.0 < opts.k).map(|c| c.0).sum(),
        l: si.map(|_| {
            classes
                .values()
                .map(|c| c.1.len() as u64)
                .min()
                .unwrap_or(0)
        }),
        max_risk: if k == 0 { 0.0 } else { 1.0 / k as f64 },
        avg_risk: if rows == 0 {
            0.0
        } else {
            classes.len() as f64 / rows as f64
        },
        k_target: opts.k,
        quasi,
        sensitive: opts.sensitive.clone(),
        proposed,
        class_sizes,
        cardinality: distinct.iter().map(|d| d.len() as u64).collect(),
    })
}

impl RiskReport {
    /// The report for people: the figures and the smallest classes.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let how = if self.proposed {
            " (proposed from the data; give --quasi to choose)"
        } else {
            ""
        };
        let _ = writeln!(s, "quasi-identifiers: {}{how}", self.quasi.join(", "));
        if let Some(sv) = &self.sensitive {
            let _ = writeln!(s, "sensitive column:  {sv}");
        }
        let _ = writeln!(s, "rows:              {}", self.rows);
        let _ = writeln!(s, "classes:           {}", self.classes);
        let _ = writeln!(s, "k (smallest class): {}", self.k);
        let share = self.rows_below_k as f64 / self.rows.max(1) as f64 * 100.0;
        let _ = writeln!(
            s,
            "rows in classes < {}: {} ({share:.1}%)",
            self.k_target, self.rows_below_k
        );
        if let Some(l) = self.l {
            let _ = writeln!(s, "l (distinct):      {l}");
        }
        let _ = writeln!(s, "max risk:          {:.4}", self.max_risk);
        let _ = writeln!(s, "avg risk:          {:.4}", self.avg_risk);
        let _ = writeln!(s, "class sizes (size: classes):");
        for (size, n) in self.class_sizes.iter().take(10) {
            let _ = writeln!(s, "  {size:>6}: {n}");
        }
        let verdict = if self.k >= self.k_target {
            "meets"
        } else {
            "does NOT meet"
        };
        let _ = writeln!(s, "the table {verdict} {}-anonymity", self.k_target);
        s
    }
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl RiskReport {
    /// A self-contained HTML report (inline CSS and SVG, nothing fetched):
    /// the figures, a histogram of class sizes, the quasi-identifiers'
    /// cardinalities and, when given, the per-column findings of a scan.
    /// It holds counts only — no value of any cell.
    pub fn html(&self, path: &str, columns: &[crate::report::ColumnProfile]) -> String {
        use std::fmt::Write;
        let mut h = String::new();
        let verdict = if self.k >= self.k_target {
            format!(
                "<p class=ok>The table meets {}-anonymity.</p>",
                self.k_target
            )
        } else {
            format!(
                "<p class=bad>The table does <b>not</b> meet {}-anonymity.</p>",
                self.k_target
            )
        };
        let _ = write!(
            h,
            "<!doctype html><html lang=en><meta charset=utf-8><title>qorgau risk report: {title}</title>\
<style>body{{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}}\
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.3em .7em;text-align:left}}\
th{{background:#f3f3f3}}.ok{{color:#176317}}.bad{{color:#a31515}}small{{color:#666}}</style>\
<h1>Re-identification risk</h1><p><b>{title}</b><br><small>qorgau {ver}</small></p>{verdict}",
            title = esc(path),
            ver = env!("CARGO_PKG_VERSION"),
        );
        let how = if self.proposed {
            " (proposed from the data)"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<table><tr><th>quasi-identifiers{how}</th><td>{}</td></tr>",
            esc(&self.quasi.join(", "))
        );
        if let Some(s) = &self.sensitive {
            let _ = write!(h, "<tr><th>sensitive column</th><td>{}</td></tr>", esc(s));
        }
        let share = self.rows_below_k as f64 / self.rows.max(1) as f64 * 100.0;
        let l = self.l.map_or("-".to_string(), |l| l.to_string());
        let _ = write!(
            h,
            "<tr><th>rows</th><td>{}</td></tr><tr><th>equivalence classes</th><td>{}</td></tr>\
<tr><th>k (smallest class)</th><td>{}</td></tr><tr><th>rows in classes &lt; {}</th><td>{} ({share:.1}%)</td></tr>\
<tr><th>l (distinct)</th><td>{l}</td></tr><tr><th>max risk (1/k)</th><td>{:.4}</td></tr>\
<tr><th>average risk</th><td>{:.4}</td></tr></table>",
            self.rows, self.classes, self.k, self.k_target, self.rows_below_k, self.max_risk, self.avg_risk
        );
        // Histogram: rows by class size, on a log-scaled bar per bucket.
        let buckets: [(u64, u64, &str); 6] = [
            (1, 1, "1"),
            (2, 4, "2–4"),
            (5, 9, "5–9"),
            (10, 49, "10–49"),
            (50, 99, "50–99"),
            (100, u64::MAX, "100+"),
        ];
        let rows_in: Vec<u64> = buckets
            .iter()
            .map(|(lo, hi, _)| {
                self.class_sizes
                    .iter()
                    .filter(|(s, _)| (*lo..=*hi).contains(*s))
                    .map(|(s, n)| s * n)
                    .sum()
            })
            .collect();
        let max = rows_in.iter().copied().max().unwrap_or(1).max(1) as f64;
        let _ = write!(h, "<h2>Rows by class size</h2><svg width=620 height={} role=img aria-label=\"rows by class size\">", buckets.len() * 28 + 10);
        for (i, ((_, _, label), n)) in buckets.iter().zip(&rows_in).enumerate() {
            let w = if *n == 0 {
                0.0
            } else {
                400.0 * ((*n as f64).ln_1p() / max.ln_1p())
            };
            let y = i * 28 + 5;
            let color = if i == 0 || (i == 1 && self.k_target > 4) {
                "#c0392b"
            } else {
                "#2e86c1"
            };
            let _ = write!(
                h,
                "<text x=0 y={} font-size=13>{label}</text><rect x=70 y={y} width={w:.1} height=20 fill={color}></rect>\
<text x={:.1} y={} font-size=13>{n} rows</text>",
                y + 15,
                75.0 + w,
                y + 15
            );
        }
        h.push_str("</svg>");
        h.push_str(
            "<h2>Quasi-identifiers</h2><table><tr><th>column</th><th>distinct values</th></tr>",
        );
        for (q, c) in self.quasi.iter().zip(&self.cardinality) {
            let _ = write!(h, "<tr><td>{}</td><td>{c}</td></tr>", esc(q));
        }
        h.push_str("</table>");
        if !columns.is_empty() {
            h.push_str("<h2>Personal data found, per column</h2><table><tr><th>column</th><th>verdict</th><th>hit rate</th><th>kinds</th></tr>");
            for c in columns {
                let mut kinds: Vec<String> =
                    c.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
                if !c.header_kinds.is_empty() {
                    kinds.push(format!("(header: {})", c.header_kinds.join(", ")));
                }
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{:.1}%</td><td>{}</td></tr>",
                    esc(&c.name),
                    c.verdict,
                    c.hit_rate() * 100.0,
                    esc(&kinds.join(", "))
                );
            }
            h.push_str("</table>");
        }
        h.push_str(
            "<p><small>Counts only: this report holds no value of any cell.</small></p></html>\n",
        );
        h
    }
}
