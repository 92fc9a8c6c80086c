//! `anonymize` of a Parquet file: every batch is rewritten under the policy
//! and written with Arrow's Parquet writer, flushed where the input's row
//! groups end, with the input's codecs and key-value metadata.
//!
//! Per leaf column, the first `[columns]` rule that matches its path (or a
//! parent's: `client = "keep"` covers `client.iin`) decides, as for CSV:
//! `keep` passes it through, `drop` removes a top-level column, `scan` (and
//! no rule) applies `[kinds]` to the findings in each value, and any other
//! operator replaces every non-empty value. An array in which nothing
//! changes is passed on as the array that was read.
//!
//! An `int64` column whose values change is written as `Utf8` (a token or a
//! tag is not a number): the file is first read once for its integer
//! columns alone to decide which, so every batch has the same schema, and
//! the manifest lists them. A whole-column operator on a column that is
//! neither text nor integer (a float, a date) is refused.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use arrow::array::{Array, ArrayRef, AsArray, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Schema, SchemaRef};

use super::columns::{walk, LeafClass, Leaves, RowMap, Visit};
use super::file::ReadError;
use super::values::{find_value, Integers, Text};
use super::ParquetInput;
use crate::engine::Engine;
use crate::finding::Finding;
use crate::key::Key;
use crate::kind::Kind;
use crate::operator::Operator;
use crate::policy::Policy;

/// What the policy does to one leaf.
#[derive(Debug, Clone, Copy)]
enum Rule<'p> {
    Findings,
    Keep,
    Whole(&'p Operator),
}

/// How a file is rewritten, decided before the first batch.
pub struct Plan<'p> {
    leaves: Leaves,
    rules: Vec<Rule<'p>>,
    /// Integer leaves written as `Utf8`.
    retyped: Vec<bool>,
    /// Top-level columns removed.
    dropped: Vec<usize>,
    /// k-anonymity: the plan, and the top-level column of each of its
    /// quasi-identifiers.
    kanon: Option<(&'p crate::kanon::Plan, Vec<usize>)>,
    /// Batch mode: an integer column that stays an integer has a value
    /// that some kind's operator would change set to null.
    null_found_integers: bool,
    schema: SchemaRef,
}

/// A column whose type changed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Retyped {
    pub column: String,
    pub from: String,
    pub to: String,
}

/// What rewriting a file did.
#[derive(Debug, Default)]
pub struct FileReport {
    pub rows: u64,
    /// Replaced values per kind and operator.
    pub counts: std::collections::BTreeMap<(Kind, &'static str), u64>,
    pub retyped: Vec<Retyped>,
    pub dropped: Vec<String>,
    /// Rows dropped to reach k-anonymity.
    pub suppressed: u64,
}

/// The `[columns]` rule for `path`, or for the nearest parent that has
/// one, with the path it was found for.
fn rule_for<'p, 'a>(policy: &'p Policy, path: &'a str) -> Option<(&'p Operator, &'a str)> {
    let mut p = path;
    loop {
        if let Some(op) = policy.column_operator(p) {
            return Some((op, p));
        }
        p = &p[..p.rfind('.')?];
    }
}

impl<'p> Plan<'p> {
    /// Decides the rule of every leaf, which integer columns become text
    /// (reading the integer columns once) and the output schema.
    ///
    /// # Errors
    /// A `drop` on a nested column, an operator on a column it cannot
    /// apply to, or a read error of the integer pass.
    pub fn new(
        input: &ParquetInput,
        engine: &Engine,
        policy: &'p Policy,
        kanon: Option<&'p crate::kanon::Plan>,
    ) -> Result<Plan<'p>, ReadError> {
        Plan::build(input.schema(), Some(input), engine, policy, kanon)
    }

    /// The plan for a stream of batches of `schema` that cannot be read
    /// ahead (Spark's `mapInArrow`, Ray): the output schema is decided by
    /// the schema alone. An integer column becomes `Utf8` when the policy
    /// replaces it whole or its name speaks for a kind the policy changes
    /// (`iin`, `phone`); in any other integer column a value found to be
    /// an IIN, BIN, card or IMEI becomes null, as a token cannot be stored
    /// in an integer.
    ///
    /// # Errors
    /// As [`Plan::new`], but for reading.
    pub fn for_batches(
        schema: SchemaRef,
        engine: &Engine,
        policy: &'p Policy,
    ) -> Result<Plan<'p>, String> {
        Plan::build(schema, None, engine, policy, None).map_err(|e| e.message)
    }

    fn build(
        schema: SchemaRef,
        input: Option<&ParquetInput>,
        engine: &Engine,
        policy: &'p Policy,
        kanon: Option<&'p crate::kanon::Plan>,
    ) -> Result<Plan<'p>, ReadError> {
        let plain = |message: String| ReadError {
            row_group: None,
            column: None,
            message,
        };
        let leaves = Leaves::of(&schema, engine.context());
        let mut rules = Vec::with_capacity(leaves.0.len());
        let mut dropped = Vec::new();
        let mut drop_leaf = vec![false; leaves.0.len()];
        for (i, leaf) in leaves.0.iter().enumerate() {
            let rule = match rule_for(policy, &leaf.path) {
                None | Some((Operator::Scan, _)) => Rule::Findings,
                Some((Operator::Keep, _)) => Rule::Keep,
                Some((Operator::Drop, at)) => {
                    // A rule on `client` drops the whole struct; one on
                    // `client.iin` cannot drop a part of it.
                    let Some(c) = schema.fields().iter().position(|f| f.name() == at) else {
                        return Err(plain(format!(
                            "`drop` applies to top-level columns; `{}` is nested: use `redact`",
                            leaf.path
                        )));
                    };
                    if !dropped.contains(&c) {
                        dropped.push(c);
                    }
                    drop_leaf[i] = true;
                    Rule::Keep
                }
                Some((op, _)) if leaf.class == LeafClass::Other => {
                    return Err(plain(format!(
                        "column `{}` is {}: `{}` applies to string and integer columns only",
                        leaf.path,
                        leaf.data_type,
                        op.name()
                    )))
                }
                Some((op, _)) => Rule::Whole(op),
            };
            rules.push(rule);
        }
        let mut retyped: Vec<bool> = leaves
            .0
            .iter()
            .zip(&rules)
            .map(|(l, r)| l.class == LeafClass::Integer && matches!(r, Rule::Whole(_)))
            .collect();
        // Integer columns under `[kinds]`: read them alone to see whether
        // any value will change.
        let probe: Vec<usize> = leaves
            .0
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                l.class == LeafClass::Integer
                    && matches!(rules[*i], Rule::Findings)
                    && !drop_leaf[*i]
            })
            .map(|(i, _)| i)
            .collect();
        if input.is_none() {
            let changes = |k: &Kind| !matches!(policy.operator(*k), Operator::Keep);
            for i in &probe {
                let hint = leaves.0[*i].hint;
                retyped[*i] |= Kind::ALL.iter().any(|k| hint & k.bit() != 0 && changes(k));
            }
        }
        if let Some(input) = input.filter(|_| !probe.is_empty()) {
            let roots: Vec<usize> = schema
                .fields()
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    probe.iter().any(|&i| {
                        let p = &leaves.0[i].path;
                        p == f.name() || p.starts_with(&format!("{}.", f.name()))
                    })
                })
                .map(|(r, _)| r)
                .collect();
            let changes = std::sync::Mutex::new(vec![false; leaves.0.len()]);
            input.for_each_batch(
                super::scan::BATCH_ROWS * 8,
                Some(&roots),
                |piece| {
                    let sub = Leaves::of(&piece.batch.schema(), engine.context());
                    super::scan::scan_batch(engine, &sub, &piece.batch).map(|s| (sub, s))
                },
                |piece, scanned| {
                    let (sub, s) = scanned.map_err(|message| ReadError {
                        row_group: Some(piece.row_group),
                        column: None,
                        message,
                    })?;
                    let mut changes = changes.lock().unwrap_or_else(|e| e.into_inner());
                    for h in &s.hits {
                        if matches!(policy.operator(h.finding.kind), Operator::Keep) {
                            continue;
                        }
                        let path = &sub.0[h.leaf as usize].path;
                        if let Some(i) = leaves.0.iter().position(|l| &l.path == path) {
                            changes[i] = true;
                        }
                    }
                    Ok(())
                },
            )?;
            let changes = changes.into_inner().unwrap_or_else(|e| e.into_inner());
            for i in probe {
                retyped[i] |= changes[i];
            }
        }
        let kanon = match kanon {
            Some(k) => {
                let columns = k
                    .quasi
                    .iter()
                    .map(|q| {
                        schema
                            .fields()
                            .iter()
                            .position(|f| f.name().eq_ignore_ascii_case(q))
                            .ok_or_else(|| plain(format!("no column {q:?}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Some((k, columns))
            }
            None => None,
        };
        let mut plan = Plan {
            leaves,
            rules,
            retyped,
            dropped,
            kanon,
            null_found_integers: input.is_none(),
            schema: schema.clone(),
        };
        // The output schema: what the rewrite makes of an empty batch.
        let empty = RecordBatch::new_empty(schema.clone());
        let mut r = Rewriter::new(engine, policy, None, &plan);
        let fields = match walk(schema.fields(), empty.columns(), &mut r).map_err(plain)? {
            Some((fields, _)) => fields,
            None => schema.fields().clone(),
        };
        // A generalized quasi-identifier holds text (`1985-1989`, `A`).
        let generalized = plan.generalized();
        let kept: Vec<_> = fields
            .iter()
            .enumerate()
            .filter(|(c, _)| !plan.dropped.contains(c))
            .map(
                |(c, f)| match generalized.iter().find(|(col, _)| *col == c) {
                    Some(_) => Arc::new(
                        f.as_ref()
                            .clone()
                            .with_data_type(DataType::Utf8)
                            .with_nullable(true),
                    ),
                    None => f.clone(),
                },
            )
            .collect();
        plan.schema = Arc::new(Schema::new_with_metadata(kept, schema.metadata().clone()));
        Ok(plan)
    }

    /// Quasi-identifier columns generalized by the k-anonymity plan, with
    /// their position in the plan.
    fn generalized(&self) -> Vec<(usize, usize)> {
        match &self.kanon {
            Some((k, columns)) => columns
                .iter()
                .enumerate()
                .filter(|(qi, _)| k.levels[*qi] > 0)
                .map(|(qi, &c)| (c, qi))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The schema of the output.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    fn report(&self, input: &Schema) -> (Vec<Retyped>, Vec<String>) {
        let mut retyped: Vec<Retyped> = self
            .leaves
            .0
            .iter()
            .zip(&self.retyped)
            .filter(|(_, r)| **r)
            .map(|(l, _)| Retyped {
                column: l.path.clone(),
                from: l.data_type.to_string(),
                to: "Utf8".to_string(),
            })
            .collect();
        for (c, _) in self.generalized() {
            let f = input.field(c);
            if f.data_type() != &DataType::Utf8 && !retyped.iter().any(|r| &r.column == f.name()) {
                retyped.push(Retyped {
                    column: f.name().clone(),
                    from: f.data_type().to_string(),
                    to: "Utf8".to_string(),
                });
            }
        }
        let dropped = self
            .dropped
            .iter()
            .map(|&c| input.field(c).name().clone())
            .collect();
        (retyped, dropped)
    }
}

/// Rewrites the leaves of one batch.
struct Rewriter<'a, 'p> {
    engine: &'a Engine,
    policy: &'p Policy,
    key: Option<&'a Key>,
    plan: &'a Plan<'p>,
    found: Vec<Finding>,
    counts: Vec<(Kind, &'static str)>,
}

impl<'a, 'p> Rewriter<'a, 'p> {
    fn new(
        engine: &'a Engine,
        policy: &'p Policy,
        key: Option<&'a Key>,
        plan: &'a Plan<'p>,
    ) -> Self {
        Rewriter {
            engine,
            policy,
            key,
            plan,
            found: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Appends the replacement of a non-empty value to `out`; false (and
    /// nothing appended) when the value stays as it is.
    fn replace(&mut self, leaf: usize, v: &[u8], out: &mut Vec<u8>) -> bool {
        let info = &self.plan.leaves.0[leaf];
        let integer = info.class == LeafClass::Integer;
        let from = out.len();
        match self.plan.rules[leaf] {
            Rule::Keep => false,
            Rule::Whole(op) => {
                let v = v.trim_ascii();
                if v.is_empty() {
                    return false;
                }
                let hinted = Kind::ALL.iter().copied().find(|k| info.hint & k.bit() != 0);
                let kind = hinted.unwrap_or_else(|| {
                    self.found.clear();
                    find_value(self.engine, v, 0, integer, &mut self.found);
                    self.found.first().map_or(Kind::Person, |f| f.kind)
                });
                op.apply(kind, v, self.key, out);
                self.counts.push((kind, op.name()));
                true
            }
            Rule::Findings => {
                self.found.clear();
                find_value(self.engine, v, info.hint, integer, &mut self.found);
                let mut pos = 0;
                let mut changed = false;
                let aliases = crate::aliases::PersonAliases::build(v, &self.found);
                for f in &self.found {
                    out.extend_from_slice(&v[pos..f.start]);
                    let raw = &v[f.start..f.end];
                    let op = self.policy.operator_for(f.kind, raw);
                    changed |= !matches!(op, Operator::Keep);
                    let value = match f.kind {
                        Kind::Person => aliases.full_form(v, raw).map_or(raw, |r| &v[r]),
                        _ => raw,
                    };
                    op.apply(f.kind, value, self.key, out);
                    self.counts.push((f.kind, op.name()));
                    pos = f.end;
                }
                out.extend_from_slice(&v[pos..]);
                if !changed {
                    out.truncate(from);
                }
                changed
            }
        }
    }

    /// Replaces values `0..len` (read by `get`); `spans[i]` is the
    /// replacement's range in `buf`, or `None`.
    fn replace_all<'v>(
        &mut self,
        leaf: usize,
        len: usize,
        mut get: impl FnMut(usize) -> Option<&'v [u8]>,
        buf: &mut Vec<u8>,
    ) -> Option<Vec<Option<(usize, usize)>>> {
        let mut spans = vec![None; len];
        let mut any = false;
        for (i, span) in spans.iter_mut().enumerate() {
            let Some(v) = get(i).filter(|v| !v.is_empty()) else {
                continue;
            };
            let s = buf.len();
            if self.replace(leaf, v, buf) {
                *span = Some((s, buf.len()));
                any = true;
            }
        }
        any.then_some(spans)
    }
}

impl Visit for Rewriter<'_, '_> {
    fn leaf(
        &mut self,
        leaf: usize,
        array: &ArrayRef,
        _rows: RowMap,
    ) -> Result<Option<ArrayRef>, String> {
        let info = &self.plan.leaves.0[leaf];
        if matches!(self.plan.rules[leaf], Rule::Keep) && !self.plan.retyped[leaf] {
            return Ok(None);
        }
        let mut buf = Vec::new();
        match info.class {
            LeafClass::Other => Ok(None),
            LeafClass::Text => {
                let text = Text::of(array.as_ref()).ok_or("not text")?;
                let Some(spans) = self.replace_all(leaf, text.len(), |i| text.get(i), &mut buf)
                else {
                    return Ok(None);
                };
                Ok(Some(text.build(spans.iter().enumerate().map(|(i, s)| {
                    s.map_or_else(|| text.get(i), |(a, b)| Some(&buf[a..b]))
                }))))
            }
            LeafClass::Dictionary => {
                // Only the values some row uses are rewritten; the others
                // are emptied (the writer never stores them either).
                let dict = array.as_any_dictionary();
                let values = dict.values();
                let text = Text::of(values.as_ref()).ok_or("not text")?;
                if text.len() == 0 {
                    return Ok(None);
                }
                let mut used = vec![false; text.len()];
                for (i, &k) in dict.normalized_keys().iter().enumerate() {
                    if array.is_valid(i) && k < used.len() {
                        used[k] = true;
                    }
                }
                let mut spans = vec![None; text.len()];
                // Counts go per row, as for any other column: per value
                // first, then once for every row that uses the value.
                let mut tally = Vec::new();
                let mut value_counts = vec![(0, 0); text.len()];
                for (i, span) in spans.iter_mut().enumerate() {
                    let Some(v) = text.get(i).filter(|v| used[i] && !v.is_empty()) else {
                        continue;
                    };
                    let (c, s) = (self.counts.len(), buf.len());
                    if self.replace(leaf, v, &mut buf) {
                        *span = Some((s, buf.len()));
                    }
                    let t = tally.len();
                    tally.extend(self.counts.drain(c..));
                    value_counts[i] = (t, tally.len());
                }
                if spans.iter().all(Option::is_none) {
                    return Ok(None);
                }
                for (i, &k) in dict.normalized_keys().iter().enumerate() {
                    if array.is_valid(i) && k < value_counts.len() {
                        let (a, b) = value_counts[k];
                        self.counts.extend_from_slice(&tally[a..b]);
                    }
                }
                let new_values = text.build(spans.iter().enumerate().map(|(i, s)| match s {
                    Some((a, b)) => Some(&buf[*a..*b]),
                    None if used[i] => text.get(i),
                    None => Some(&[][..]),
                }));
                Ok(Some(dict.with_values(new_values)))
            }
            LeafClass::Integer if !self.plan.retyped[leaf] => {
                if !self.plan.null_found_integers
                    || !matches!(self.plan.rules[leaf], Rule::Findings)
                {
                    return Ok(None);
                }
                let ints = Integers::of(array.as_ref()).ok_or("not an integer")?;
                let mut d = [0u8; 20];
                let mut found = Vec::new();
                let mut null = vec![false; ints.len()];
                for (i, n) in null.iter_mut().enumerate() {
                    let Some(v) = ints.get(i, &mut d) else {
                        continue;
                    };
                    let info = &self.plan.leaves.0[leaf];
                    found.clear();
                    find_value(self.engine, v, info.hint, true, &mut found);
                    if let Some(f) = found.iter().find(|f| {
                        !matches!(
                            self.policy.operator_for(f.kind, &v[f.start..f.end]),
                            Operator::Keep
                        )
                    }) {
                        *n = true;
                        self.counts.push((f.kind, "null"));
                    }
                }
                if !null.contains(&true) {
                    return Ok(None);
                }
                let mask = arrow::array::BooleanArray::from(null);
                arrow::compute::nullif(array.as_ref(), &mask)
                    .map(Some)
                    .map_err(|e| e.to_string())
            }
            LeafClass::Integer => {
                let ints = Integers::of(array.as_ref()).ok_or("not an integer")?;
                let mut digits = Vec::with_capacity(ints.len() * 12);
                let mut spans = Vec::with_capacity(ints.len());
                let mut d = [0u8; 20];
                for i in 0..ints.len() {
                    let Some(v) = ints.get(i, &mut d) else {
                        spans.push(None);
                        continue;
                    };
                    let s = digits.len();
                    if !self.replace(leaf, v, &mut digits) {
                        digits.extend_from_slice(v);
                    }
                    spans.push(Some((s, digits.len())));
                }
                let strings: StringArray = spans
                    .iter()
                    .map(|s| s.map(|(a, b)| String::from_utf8_lossy(&digits[a..b])))
                    .collect();
                Ok(Some(Arc::new(strings)))
            }
        }
    }
}

/// Per replaced value: its kind and the operator's name.
pub type Counts = Vec<(Kind, &'static str)>;

/// Rewrites one batch under `plan`.
///
/// # Errors
/// A leaf that does not have its schema's type, or an invalid rebuilt array.
pub fn rewrite_batch(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    plan: &Plan,
    batch: &RecordBatch,
) -> Result<(RecordBatch, Counts), String> {
    let mut r = Rewriter::new(engine, policy, key, plan);
    let columns: Vec<ArrayRef> = match walk(batch.schema().fields(), batch.columns(), &mut r)? {
        Some((_, columns)) => columns,
        None => batch.columns().to_vec(),
    };
    let mut columns = columns;
    let mut keep_rows = None;
    if let Some((k, quasi)) = &plan.kanon {
        let (generalized, keep) = kanon_columns(k, quasi, batch)?;
        for (c, array) in generalized {
            columns[c] = array;
        }
        keep_rows = keep;
    }
    let kept: Vec<ArrayRef> = columns
        .into_iter()
        .enumerate()
        .filter(|(c, _)| !plan.dropped.contains(c))
        .map(|(_, a)| a)
        .collect();
    let options = arrow::array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    let mut out = RecordBatch::try_new_with_options(plan.schema.clone(), kept, &options)
        .map_err(|e| e.to_string())?;
    if let Some(keep) = keep_rows {
        out = arrow::compute::filter_record_batch(&out, &keep).map_err(|e| e.to_string())?;
    }
    Ok((out, r.counts))
}

/// Generalized columns by top-level index, and the rows that stay.
type KanonBatch = (Vec<(usize, ArrayRef)>, Option<arrow::array::BooleanArray>);

/// k-anonymity on one batch: the generalized quasi-identifier columns (by
/// top-level index) and, when some row's class is suppressed, which rows
/// stay. Values are compared as text, as `risk` and the plan saw them.
fn kanon_columns(
    k: &crate::kanon::Plan,
    quasi: &[usize],
    batch: &RecordBatch,
) -> Result<KanonBatch, String> {
    use arrow::util::display::{ArrayFormatter, FormatOptions};
    let options = FormatOptions::default().with_null("");
    let formatters = quasi
        .iter()
        .map(|&c| ArrayFormatter::try_new(batch.column(c).as_ref(), &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let n = batch.num_rows();
    let mut keep = Vec::with_capacity(n);
    let mut generalized: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(n); quasi.len()];
    let mut values = vec![String::new(); quasi.len()];
    for row in 0..n {
        for (v, f) in values.iter_mut().zip(&formatters) {
            *v = f.value(row).to_string().trim().to_string();
        }
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        keep.push(!k.suppressed.contains(&k.key(&refs)));
        for (qi, g) in generalized.iter_mut().enumerate() {
            if k.levels[qi] > 0 {
                let v = k.hierarchies[qi].generalize(&values[qi], k.levels[qi]);
                g.push((!v.is_empty()).then_some(v));
            }
        }
    }
    let arrays = generalized
        .into_iter()
        .enumerate()
        .filter(|(qi, _)| k.levels[*qi] > 0)
        .map(|(qi, g)| (quasi[qi], Arc::new(StringArray::from(g)) as ArrayRef))
        .collect();
    let keep = (!keep.iter().all(|&b| b)).then(|| arrow::array::BooleanArray::from(keep));
    Ok((arrays, keep))
}

/// Anonymizes the Parquet file at `path` into `out`, which is returned
/// (finished) with what was done.
///
/// # Errors
/// Reading (located by row group and column), planning or writing; what was
/// written to `out` is then incomplete and must be discarded.
pub fn anonymize_file<W: Write + Send>(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    path: &Path,
    kanon: Option<&crate::kanon::Plan>,
    out: W,
) -> Result<(W, FileReport), ReadError> {
    let input = ParquetInput::open(path)?;
    let plan = Plan::new(&input, engine, policy, kanon)?;
    let write_err = |row_group: Option<usize>, e: ::parquet::errors::ParquetError| ReadError {
        row_group,
        column: None,
        message: format!("cannot write: {e}"),
    };
    // Column names that are personal data are replaced.
    let (schema, renamed) =
        super::names::rename(&plan.schema(), engine, policy, key).map_err(|message| ReadError {
            row_group: None,
            column: None,
            message,
        })?;
    let schema = Arc::new(schema);
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(input.writer_properties()))
        .map_err(|e| write_err(None, e))?;
    let mut report = FileReport::default();
    input.for_each_batch(
        super::scan::BATCH_ROWS,
        None,
        |piece| rewrite_batch(engine, policy, key, &plan, &piece.batch),
        |piece, done| {
            let (batch, counts) = done.map_err(|message| ReadError {
                row_group: Some(piece.row_group),
                column: None,
                message,
            })?;
            let batch = if renamed.is_empty() {
                batch
            } else {
                RecordBatch::try_new_with_options(
                    schema.clone(),
                    batch.columns().to_vec(),
                    &arrow::array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows())),
                )
                .map_err(|e| ReadError {
                    row_group: Some(piece.row_group),
                    column: None,
                    message: format!("cannot rename columns: {e}"),
                })?
            };
            report.rows += batch.num_rows() as u64;
            report.suppressed += (piece.batch.num_rows() - batch.num_rows()) as u64;
            for c in counts {
                *report.counts.entry(c).or_default() += 1;
            }
            writer
                .write(&batch)
                .map_err(|e| write_err(Some(piece.row_group), e))?;
            if piece.ends_group {
                writer
                    .flush()
                    .map_err(|e| write_err(Some(piece.row_group), e))?;
            }
            Ok(())
        },
    )?;
    let out = writer.into_inner().map_err(|e| write_err(None, e))?;
    let (mut retyped, mut dropped) = plan.report(&input.schema());
    // The manifest never shows a personal column name.
    let mask = |n: &mut String| {
        if let Some(m) = super::names::masked_if_personal(engine, n) {
            *n = m;
        }
    };
    retyped.iter_mut().for_each(|r| mask(&mut r.column));
    dropped.iter_mut().for_each(mask);
    report.retyped = retyped;
    report.dropped = dropped;
    Ok((out, report))
}
