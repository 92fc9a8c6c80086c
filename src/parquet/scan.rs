//! `scan` of a Parquet file: findings cell by cell with their 0-based row
//! and column path, in file order, and a profile of every column. Offsets
//! are in the cell's UTF-8 bytes (an integer's in its decimal digits).

use std::io;
use std::path::Path;

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch};

use super::columns::{walk, LeafClass, Leaves, RowMap, Visit, NO_ROW};
use super::values::{find_value, Integers, Text};
use super::ParquetInput;
use crate::engine::Engine;
use crate::finding::{preview_into, Finding};
use crate::kind::Kind;
use crate::report::{ColumnProfile, Note, Record, Sink, Summary};

/// Rows per Arrow batch: large enough to amortize the per-batch work,
/// small enough that a few batches in flight stay a few megabytes.
pub const BATCH_ROWS: usize = 8192;

/// One finding in a batch.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Row within the batch.
    pub row: u32,
    /// Index into the file's [`Leaves`].
    pub leaf: u32,
    /// Offsets within the cell's value.
    pub finding: Finding,
    /// The masked value.
    pub preview: String,
    /// Where the cell's value is in the batch's [`BatchScan::cells`] (for
    /// fingerprints, allowlists and the inline marker; never printed).
    pub cell: std::ops::Range<usize>,
}

/// Per leaf: non-empty cells, cells with findings, findings per kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    pub cells: u64,
    pub hits: u64,
    pub kinds: [u64; 32],
}

/// A batch scanned.
#[derive(Debug, Default)]
pub struct BatchScan {
    /// In row order, then column order.
    pub hits: Vec<Hit>,
    /// The values of the cells with hits, one after another (one buffer a
    /// batch, not an allocation a hit).
    pub cells: Vec<u8>,
    pub columns: Vec<Count>,
}

struct Scanner<'a> {
    engine: &'a Engine,
    leaves: &'a Leaves,
    out: BatchScan,
    found: Vec<Finding>,
    preview: String,
}

impl Scanner<'_> {
    /// Counts one non-empty value and records its findings.
    fn record(&mut self, leaf: usize, row: u32, value: &[u8], found: &[Finding]) {
        let c = &mut self.out.columns[leaf];
        c.cells += 1;
        if found.is_empty() {
            return;
        }
        c.hits += 1;
        let at = self.out.cells.len();
        self.out.cells.extend_from_slice(value);
        let cell = at..self.out.cells.len();
        for f in found {
            c.kinds[f.kind as usize] += 1;
            preview_into(&value[f.start..f.end], &mut self.preview);
            self.out.hits.push(Hit {
                row,
                leaf: leaf as u32,
                finding: *f,
                preview: self.preview.clone(),
                cell: cell.clone(),
            });
        }
    }
}

fn row_of(rows: RowMap, i: usize) -> u32 {
    rows.map_or(i as u32, |m| m[i])
}

impl Visit for Scanner<'_> {
    fn leaf(
        &mut self,
        leaf: usize,
        array: &ArrayRef,
        rows: RowMap,
    ) -> Result<Option<ArrayRef>, String> {
        let info = &self.leaves.0[leaf];
        let hint = info.hint;
        let mut found = std::mem::take(&mut self.found);
        match info.class {
            LeafClass::Text => {
                let text = Text::of(array.as_ref()).ok_or("not text")?;
                for i in 0..text.len() {
                    let row = row_of(rows, i);
                    let Some(v) = text.get(i).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    if row == NO_ROW {
                        continue;
                    }
                    found.clear();
                    find_value(self.engine, v, hint, false, &mut found);
                    self.record(leaf, row, v, &found);
                }
            }
            LeafClass::Dictionary => {
                // Each value the batch uses is searched once, however many
                // rows use it.
                let dict = array.as_any_dictionary();
                let text = Text::of(dict.values().as_ref()).ok_or("not text")?;
                // An empty dictionary: every key is null.
                let keys = if text.len() == 0 {
                    Vec::new()
                } else {
                    dict.normalized_keys()
                };
                let mut memo: Vec<(u32, u32)> = vec![(u32::MAX, 0); text.len()];
                found.clear();
                for (i, &k) in keys.iter().enumerate() {
                    let row = row_of(rows, i);
                    if row == NO_ROW || array.is_null(i) || k >= text.len() {
                        continue;
                    }
                    let Some(v) = text.get(k).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    if memo[k].0 == u32::MAX {
                        let s = found.len();
                        find_value(self.engine, v, hint, false, &mut found);
                        memo[k] = (s as u32, found.len() as u32);
                    }
                    let (s, e) = memo[k];
                    self.record(leaf, row, v, &found[s as usize..e as usize]);
                }
            }
            LeafClass::Integer => {
                let ints = Integers::of(array.as_ref()).ok_or("not an integer")?;
                let mut buf = [0u8; 20];
                for i in 0..ints.len() {
                    let row = row_of(rows, i);
                    let Some(v) = ints.get(i, &mut buf) else {
                        continue;
                    };
                    if row == NO_ROW {
                        continue;
                    }
                    found.clear();
                    find_value(self.engine, v, hint, true, &mut found);
                    self.record(leaf, row, v, &found);
                }
            }
            LeafClass::Other => {
                self.out.columns[leaf].cells += (array.len() - array.null_count()) as u64;
            }
        }
        self.found = found;
        Ok(None)
    }
}

/// Scans one batch.
///
/// # Errors
/// A leaf whose array does not have its schema's type.
pub fn scan_batch(
    engine: &Engine,
    leaves: &Leaves,
    batch: &RecordBatch,
) -> Result<BatchScan, String> {
    let mut s = Scanner {
        engine,
        leaves,
        out: BatchScan {
            hits: Vec::new(),
            cells: Vec::new(),
            columns: vec![Count::default(); leaves.0.len()],
        },
        found: Vec::new(),
        preview: String::new(),
    };
    walk(batch.schema().fields(), batch.columns(), &mut s)?;
    s.out.hits.sort_by_key(|h| (h.row, h.leaf));
    Ok(s.out)
}

/// The profile of every leaf column from its counts.
pub fn profiles(leaves: &Leaves, counts: &[Count]) -> Vec<ColumnProfile> {
    leaves
        .0
        .iter()
        .zip(counts)
        .map(|(l, c)| {
            let mut p = ColumnProfile {
                name: l.path.clone(),
                cells: c.cells,
                hits: c.hits,
                kinds: Kind::ALL
                    .iter()
                    .filter(|k| c.kinds[**k as usize] > 0)
                    .map(|k| (k.id().to_string(), c.kinds[*k as usize]))
                    .collect(),
                header_kinds: Kind::ALL
                    .iter()
                    .filter(|k| l.hint & k.bit() != 0)
                    .map(|k| k.id().to_string())
                    .collect(),
                value_kinds: Vec::new(),
                verdict: "clean",
            };
            p.judge();
            p
        })
        .collect()
}

/// Scans the Parquet file at `path` (reported as `name`) into `sink`. A
/// file that cannot be read becomes an `error` note.
///
/// # Errors
/// Only the sink's I/O errors.
pub fn scan_file(
    engine: &Engine,
    path: &Path,
    name: &str,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let mut counts = [0u64; 32];
    let note = |message: String, sink: &mut dyn Sink, summary: &mut Summary| {
        let note = Note {
            path: name.to_string(),
            status: "error",
            message,
        };
        crate::say!("qorgau: {}: {}", note.path, note.message);
        let r = sink.note(&note);
        summary.notes.push(note);
        r
    };
    let input = match ParquetInput::open(path) {
        Ok(i) => i,
        Err(e) => {
            note(e.to_string(), sink, summary)?;
            summary.add_file(name, &counts);
            return Ok(());
        }
    };
    // Column names that are personal data: masked in every path shown,
    // and reported as findings without a row.
    let (masked, name_hits) = super::names::mask_schema(&input.schema(), engine);
    for h in &name_hits {
        counts[h.finding.kind as usize] += 1;
        sink.finding(&Record {
            path: name,
            kind: h.finding.kind,
            start: h.finding.start as u64,
            end: h.finding.end as u64,
            line: None,
            column: None,
            confidence: h.finding.confidence,
            preview: &h.preview,
            row: None,
            field: Some(&h.path),
            fingerprint: None,
            value: &h.name.as_bytes()[h.finding.start..h.finding.end],
            line_text: h.name.as_bytes(),
        })?;
    }
    let leaves = Leaves::of(&masked, engine.context());
    let mut columns = vec![Count::default(); leaves.0.len()];
    let mut sink_error: Option<io::Error> = None;
    let ran = input.for_each_batch(
        BATCH_ROWS,
        None,
        |piece| scan_batch(engine, &leaves, &piece.batch),
        |piece, scanned| {
            let scanned = scanned.map_err(|message| super::ReadError {
                row_group: Some(piece.row_group),
                column: None,
                message,
            })?;
            for h in &scanned.hits {
                counts[h.finding.kind as usize] += 1;
                let record = Record {
                    path: name,
                    kind: h.finding.kind,
                    start: h.finding.start as u64,
                    end: h.finding.end as u64,
                    line: None,
                    column: None,
                    confidence: h.finding.confidence,
                    preview: &h.preview,
                    row: Some(piece.first_row + u64::from(h.row)),
                    field: Some(&leaves.0[h.leaf as usize].path),
                    fingerprint: None,
                    value: &scanned.cells[h.cell.clone()][h.finding.start..h.finding.end],
                    line_text: &scanned.cells[h.cell.clone()],
                };
                if let Err(e) = sink.finding(&record) {
                    sink_error = Some(e);
                    return Err(super::ReadError {
                        row_group: None,
                        column: None,
                        message: "output closed".into(),
                    });
                }
            }
            for (acc, c) in columns.iter_mut().zip(&scanned.columns) {
                acc.cells += c.cells;
                acc.hits += c.hits;
                for k in 0..32 {
                    acc.kinds[k] += c.kinds[k];
                }
            }
            Ok(())
        },
    );
    if let Some(e) = sink_error {
        return Err(e);
    }
    match ran {
        Ok(()) => {
            summary.files += 1;
            summary.bytes += std::fs::metadata(path).map_or(0, |m| m.len());
        }
        Err(e) => note(
            format!("{e}; the rest of the file was not scanned"),
            sink,
            summary,
        )?,
    }
    summary.add_file(name, &counts);
    summary
        .columns
        .insert(name.to_string(), profiles(&leaves, &columns));
    Ok(())
}
