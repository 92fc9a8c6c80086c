//! Rewrites a chunk of a table under a policy, cell by cell. Every byte of a
//! cell, delimiter or line ending that does not change is copied as it was,
//! so a table that holds nothing to anonymize comes out byte for byte the
//! same, with the same rows in the same order.
//!
//! Per column, the first `[columns]` rule that matches its name (an exact
//! name before a glob) decides: `keep` leaves the cell alone, `drop` removes
//! the column (header included), `scan` — and columns no rule names — apply
//! `[kinds]` to the findings in the cell, and any other operator replaces the
//! whole non-empty cell (a name column: `fio = "redact"`).

use crate::codec::Unmappable;
use crate::engine::Engine;
use crate::input::Chunk;
use crate::kanon::Plan;
use crate::key::Key;
use crate::kind::Kind;
use crate::operator::Operator;
use crate::policy::Policy;
use crate::table::cells::{self, CellFinding};
use crate::table::tokenize::{self, BadRecord, Field, Problem};
use crate::table::Layout;

/// What the policy says for one column.
#[derive(Debug, Clone, Copy)]
enum Rule<'p> {
    Findings,
    Keep,
    Drop,
    Whole(&'p Operator),
}

fn rules<'p>(layout: &Layout, policy: &'p Policy, columns: usize) -> Vec<Rule<'p>> {
    (0..columns)
        .map(|c| match policy.column_operator(&layout.name(c)) {
            None | Some(Operator::Scan) => Rule::Findings,
            Some(Operator::Keep) => Rule::Keep,
            Some(Operator::Drop) => Rule::Drop,
            Some(op) => Rule::Whole(op),
        })
        .collect()
}

/// A rewritten chunk of a table.
pub struct TableRewrite {
    pub out: Vec<u8>,
    /// (kind, operator) per replaced finding or cell.
    pub counts: Vec<(Kind, &'static str)>,
    /// Data records in the chunk.
    pub rows: usize,
    /// Records dropped to reach k-anonymity.
    pub suppressed: u64,
}

/// Rewrites the body of `chunk`, a piece of a table with `layout`.
///
/// # Errors
/// [`BadRecord`] for a quote that never closes, a record too long, or a
/// replacement the table's encoding cannot hold (unless `unmappable` says
/// to write entities).
pub fn rewrite(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    layout: &Layout,
    chunk: &Chunk,
    plan: Option<&Plan>,
    unmappable: Unmappable,
) -> Result<TableRewrite, BadRecord> {
    let mut out = Vec::with_capacity(chunk.body.len() + chunk.body.len() / 16);
    let mut counts = Vec::new();
    if chunk.index == 0 {
        let bom = layout.bom.min(chunk.body.len());
        out.extend_from_slice(&chunk.data[chunk.body.start..chunk.body.start + bom]);
    }
    let mut rule_cache: Vec<Rule> = rules(layout, policy, layout.names.len());
    let mut cell = Vec::new();
    let mut value = Vec::new();
    let mut suppressed = 0;
    // Quasi-identifier columns: (column, position in the plan).
    let quasi: Vec<(usize, usize)> = plan.map_or_else(Vec::new, |p| {
        p.quasi
            .iter()
            .enumerate()
            .filter_map(|(qi, name)| {
                layout
                    .names
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(name))
                    .map(|c| (c, qi))
            })
            .collect()
    });
    let mut generalized: Vec<Option<String>> = Vec::new();
    let mut failed: Option<BadRecord> = None;
    let rows = cells::for_each_record(engine, layout, chunk, |data, rec| {
        if failed.is_some() {
            return;
        }
        // A replacement the table's encoding cannot hold fails the file.
        let mut encode = |text: &str, at: usize| -> Vec<u8> {
            match layout.encoding.encode(text, unmappable) {
                Ok(b) => b.into_owned(),
                Err(ch) => {
                    failed.get_or_insert(BadRecord {
                        at,
                        rows_before: rec.index,
                        problem: Problem::Unmappable {
                            ch,
                            to: layout.encoding.name(),
                        },
                    });
                    Vec::new()
                }
            }
        };
        if rule_cache.len() < rec.fields.len() {
            rule_cache = rules(layout, policy, rec.fields.len());
        }
        generalized.clear();
        generalized.resize(rec.fields.len(), None);
        if let (Some(plan), false) = (plan, rec.header) {
            let mut values = vec![String::new(); plan.quasi.len()];
            for &(c, qi) in &quasi {
                if let Some(f) = rec.fields.get(c) {
                    cell.clear();
                    tokenize::unescape(data, f, &mut cell);
                    values[qi] = layout.encoding.decode(&cell).0.trim().to_string();
                }
            }
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            if plan.suppressed.contains(&plan.key(&refs)) {
                suppressed += 1;
                return;
            }
            for &(c, qi) in &quasi {
                if plan.levels[qi] > 0 && c < generalized.len() {
                    generalized[c] =
                        Some(plan.hierarchies[qi].generalize(&values[qi], plan.levels[qi]));
                }
            }
        }
        // A name in full in one cell lets its initials in another (a notes
        // column) take the same token.
        let aliases =
            crate::aliases::PersonAliases::build(data, rec.findings.iter().map(|c| &c.finding));
        let mut first = true;
        for (i, f) in rec.fields.iter().enumerate() {
            let rule = rule_cache[i];
            // Findings in a header cell (a column named by a person) are
            // replaced as [kinds] says, whatever the column's rule.
            let rule = match rule {
                Rule::Drop => Rule::Drop,
                _ if rec.header && rec.findings.iter().any(|c| c.field == i) => Rule::Findings,
                _ => rule,
            };
            if matches!(rule, Rule::Drop) {
                continue;
            }
            if !first {
                out.push(layout.delimiter);
            }
            first = false;
            let raw = &data[f.start..f.end];
            // Findings come in field order: this field's are a run.
            let from = rec.findings.partition_point(|c| c.field < i);
            let to = from + rec.findings[from..].partition_point(|c| c.field == i);
            let found: &[CellFinding] = &rec.findings[from..to];
            if let Some(g) = &generalized[i] {
                let encoded = encode(g, f.start);
                tokenize::push_field(&mut out, &encoded, layout.delimiter, f.quoted);
                continue;
            }
            match rule {
                Rule::Findings if rec.header && found.is_empty() => out.extend_from_slice(raw),
                _ if rec.header && !matches!(rule, Rule::Findings) => out.extend_from_slice(raw),
                Rule::Keep | Rule::Drop => out.extend_from_slice(raw),
                Rule::Whole(_) if f.end == f.start => {}
                Rule::Whole(op) => {
                    let kind = layout
                        .hinted_kind(i)
                        .or_else(|| found.first().map(|c| c.finding.kind))
                        .unwrap_or(Kind::Person);
                    let replaced =
                        whole_cell(layout, data, f, op, kind, key, &mut cell, &mut value);
                    let encoded = encode(&replaced, f.start);
                    tokenize::push_field(&mut out, &encoded, layout.delimiter, f.quoted);
                    counts.push((kind, op.name()));
                }
                Rule::Findings if found.is_empty() => out.extend_from_slice(raw),
                Rule::Findings => {
                    cell.clear();
                    let inner = f.inner();
                    let mut pos = inner.start;
                    // An unquoted cell is quoted only when a replacement
                    // brings a delimiter, quote or line break into it (a
                    // stray quote it held already is data, kept as it is).
                    let mut needs_quotes = false;
                    for c in found {
                        let g = c.finding;
                        cell.extend_from_slice(&data[pos..g.start]);
                        let raw_value = &data[g.start..g.end];
                        let op = policy.operator_for(g.kind, raw_value);
                        let raw_value = match g.kind {
                            Kind::Person if !op.keeps() => aliases
                                .full_form(data, raw_value)
                                .map_or(raw_value, |r| &data[r]),
                            _ => raw_value,
                        };
                        value.clear();
                        // `keep` writes the bytes as they were, even malformed ones.
                        if raw_value.is_ascii() || layout.encoding.is_utf8() || op.keeps() {
                            op.apply(g.kind, raw_value, key, &mut value);
                        } else {
                            // Operators work on UTF-8: decode, replace, encode back.
                            let (text, _) = layout.encoding.decode(raw_value);
                            let mut utf8 = Vec::new();
                            op.apply(g.kind, text.as_bytes(), key, &mut utf8);
                            let replaced = String::from_utf8_lossy(&utf8).into_owned();
                            value.extend_from_slice(&encode(&replaced, g.start));
                        }
                        if f.quoted && value[..] == data[g.start..g.end] {
                            // Kept as it was: its `""` are escaped already.
                            cell.extend_from_slice(&value);
                        } else if f.quoted {
                            escape_quotes(&value, &mut cell);
                        } else {
                            // What was there already (a value kept) is no reason.
                            needs_quotes |= value[..] != data[g.start..g.end]
                                && value.iter().any(|&b| {
                                    b == layout.delimiter || matches!(b, b'"' | b'\n' | b'\r')
                                });
                            cell.extend_from_slice(&value);
                        }
                        counts.push((g.kind, op.name()));
                        pos = g.end;
                    }
                    cell.extend_from_slice(&data[pos..inner.end]);
                    if f.quoted {
                        out.push(b'"');
                        out.extend_from_slice(&cell);
                        out.push(b'"');
                    } else if needs_quotes {
                        tokenize::push_field(&mut out, &cell, layout.delimiter, false);
                    } else {
                        out.extend_from_slice(&cell);
                    }
                }
            }
        }
        out.extend_from_slice(&data[rec.content_end..rec.next]);
    })?;
    if let Some(bad) = failed {
        return Err(bad);
    }
    Ok(TableRewrite {
        out,
        counts,
        rows,
        suppressed,
    })
}

/// Replaces a whole cell: decoded to UTF-8 (the policy's operators and
/// tokens see the same text whatever the file's encoding) and replaced;
/// the caller encodes it back.
#[allow(clippy::too_many_arguments)]
fn whole_cell(
    layout: &Layout,
    data: &[u8],
    f: &Field,
    op: &Operator,
    kind: Kind,
    key: Option<&Key>,
    cell: &mut Vec<u8>,
    value: &mut Vec<u8>,
) -> String {
    cell.clear();
    tokenize::unescape(data, f, cell);
    let (text, _) = layout.encoding.decode(cell);
    value.clear();
    op.apply(kind, text.trim().as_bytes(), key, value);
    String::from_utf8_lossy(value).into_owned()
}

fn escape_quotes(value: &[u8], out: &mut Vec<u8>) {
    for &b in value {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
}
