//! `scan`: finds identifiers in every chunk and reports them to a [`Sink`]
//! in input order, with line and column.

use std::io;
use std::time::Instant;

use crate::bytes::char_count;
use crate::engine::Engine;
use crate::finding::{preview_into, Finding};
use crate::input::{Chunk, Source};
use crate::kind::Kind;
use crate::pipeline::{self, Event, Options};
use crate::report::{ColumnProfile, Note, Record, Sink, Summary};
use crate::table::cells;

/// A chunk scanned: findings with their line and column relative to the
/// chunk's body, plus what the next chunk needs to continue counting.
struct Scanned {
    findings: Vec<Finding>,
    /// (lines since body start, characters since that line's start or, on
    /// the body's first line, since the body start).
    positions: Vec<(u64, u64)>,
    newlines: u64,
    tail_chars: u64,
    /// Tables: per finding, the data row within the chunk and the field.
    cells: Vec<(u64, usize)>,
    /// Tables: data records in the chunk.
    rows: u64,
    /// Tables: per column, non-empty cells, cells with findings, findings
    /// per kind.
    columns: Vec<(u64, u64, [u64; 32])>,
    /// Tables: rows whose field count differs from the header's, and the
    /// first of them (within the chunk).
    ragged: (u64, Option<u64>),
    /// Decoded input (UTF-16): per finding, the input bytes from the body
    /// start to it and its length in input bytes; and the body's.
    units: Vec<(u64, u64)>,
    body_units: u64,
    /// Tables: a record that cannot be read (offsets in the chunk's data).
    bad: Option<crate::table::tokenize::BadRecord>,
}

/// Scans `sources` with `engine` and reports to `sink`.
///
/// # Errors
/// Only the sink's I/O errors (a closed output); unreadable inputs become
/// notes in the summary.
pub fn run(
    engine: &Engine,
    sources: &[Source],
    opts: &Options,
    sink: &mut dyn Sink,
) -> io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    // Runs of text and CSV sources go through the chunk pipeline; each
    // Parquet file is read on its own, in its place in the input order.
    let mut rest = sources;
    while !rest.is_empty() {
        let parquet = |s: &Source| crate::parquet::is_parquet(s, opts.table.format);
        let run = rest.iter().position(parquet).unwrap_or(rest.len());
        if run == 0 {
            scan_parquet(engine, &rest[0], sink, &mut summary)?;
            rest = &rest[1..];
            continue;
        }
        let mut emitter = Emitter::new(&rest[..run]);
        pipeline::run(
            &rest[..run],
            opts,
            engine,
            |chunk| scan_chunk(engine, chunk),
            |event, scanned| emitter.emit(event, scanned, sink, &mut summary),
        )?;
        rest = &rest[run..];
    }
    summary.seconds = started.elapsed().as_secs_f64();
    sink.finish(&summary)?;
    Ok(summary)
}

/// Scans one Parquet source; standard input, a pipe or a FIFO is first
/// spooled to a temporary file, since Parquet is read from its end.
fn scan_parquet(
    engine: &Engine,
    source: &Source,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let name = source.display();
    match crate::parquet::readable_path(source) {
        Ok((path, _spooled)) => {
            crate::parquet::scan::scan_file(engine, &path, &name, sink, summary)
        }
        Err(e) => {
            let note = crate::report::Note {
                path: name,
                status: "error",
                message: format!("cannot spool the stream: {e}"),
            };
            crate::say!("qorgau: {}: {}", note.path, note.message);
            sink.note(&note)?;
            summary.notes.push(note);
            Ok(())
        }
    }
}

/// The row of a finding in a table's header (reported as row 0).
const HEADER_ROW: u64 = u64::MAX;

fn scan_chunk(engine: &Engine, chunk: &Chunk) -> Scanned {
    let mut findings = Vec::new();
    let mut cell_of = Vec::new();
    let mut columns: Vec<(u64, u64, [u64; 32])> = Vec::new();
    let mut rows = 0;
    let mut bad = None;
    let mut ragged = (0u64, None);
    if let Some(layout) = &chunk.layout {
        let walked = cells::for_each_record(engine, layout, chunk, |_, rec| {
            if rec.header {
                // Personal data in header cells: reported as row 0.
                for c in rec.findings {
                    findings.push(c.finding);
                    cell_of.push((HEADER_ROW, c.field));
                }
                return;
            }
            if rec.ragged {
                ragged.0 += 1;
                ragged.1.get_or_insert(rec.index as u64);
            }
            if columns.len() < rec.fields.len() {
                columns.resize(rec.fields.len(), (0, 0, [0; 32]));
            }
            for (i, f) in rec.fields.iter().enumerate() {
                if f.end > f.start {
                    columns[i].0 += 1;
                }
                if rec.findings.iter().any(|c| c.field == i) {
                    columns[i].1 += 1;
                }
            }
            for c in rec.findings {
                columns[c.field].2[c.finding.kind as usize] += 1;
                findings.push(c.finding);
                cell_of.push((rec.index as u64, c.field));
            }
        });
        match walked {
            Ok(n) => rows = n as u64,
            Err(u) => {
                rows = u.rows_before as u64;
                bad = Some(u);
            }
        }
    } else {
        engine.find_in(&chunk.data, chunk.body.clone(), chunk.at_eof, &mut findings);
    }
    let data = &chunk.data;
    // Lines of a table with carriage returns only end there.
    let nl = chunk.layout.as_ref().map_or(b'\n', |l| l.eol);
    let mut positions = Vec::with_capacity(findings.len());
    let mut line = 0u64;
    let mut pos = chunk.body.start;
    // Characters counted so far on the current line, up to `pos`.
    let mut col = 0u64;
    let advance = |to: usize, line: &mut u64, pos: &mut usize, col: &mut u64| {
        let seg = &data[*pos..to];
        match memchr::memrchr(nl, seg) {
            Some(last) => {
                *line += memchr::memchr_iter(nl, seg).count() as u64;
                *col = char_count(&seg[last + 1..]) as u64;
            }
            None => *col += char_count(seg) as u64,
        }
        *pos = to;
    };
    for f in &findings {
        advance(f.start, &mut line, &mut pos, &mut col);
        positions.push((line, col));
    }
    advance(chunk.body.end, &mut line, &mut pos, &mut col);
    let (mut units, mut body_units) = (Vec::new(), 0);
    if let Some(d) = chunk.decoded {
        let mut at = chunk.body.start;
        for f in &findings {
            body_units += d.input_len(&data[at..f.start]);
            units.push((body_units, d.input_len(&data[f.start..f.end])));
            at = f.start;
        }
        body_units += d.input_len(&data[at..chunk.body.end]);
    }
    Scanned {
        units,
        body_units,
        findings,
        positions,
        newlines: line,
        tail_chars: col,
        cells: cell_of,
        rows,
        columns,
        bad,
        ragged,
    }
}

/// Puts scanned chunks back in order per source and reports them.
struct Emitter<'s> {
    sources: &'s [Source],
    names: Vec<Option<String>>,
    /// Findings per kind in the current source.
    counts: [u64; 32],
    /// Tables: data rows before the current chunk, and column counts.
    rows: u64,
    columns: Vec<(u64, u64, [u64; 32])>,
    preview: String,
    line: u64,
    col: u64,
    current: Option<usize>,
    scanned_bytes: u64,
    layout: Option<std::sync::Arc<crate::table::Layout>>,
    /// Decoded input: input bytes (after the mark) before the current
    /// chunk's body.
    units: u64,
    /// Tables: ragged rows so far, and the first one.
    ragged: (u64, Option<u64>),
}

/// The 1-based line of `data[at]`, counting from the chunk body's first line.
fn line_of(chunk: &Chunk, at: usize, first_line: u64) -> u64 {
    let from = chunk.body.start.min(at);
    first_line + memchr::memchr_iter(b'\n', &chunk.data[from..at]).count() as u64
}

impl<'s> Emitter<'s> {
    fn note(
        &mut self,
        i: usize,
        status: &'static str,
        message: String,
        sink: &mut dyn Sink,
        summary: &mut Summary,
    ) -> io::Result<()> {
        let note = Note {
            path: self.name(i),
            status,
            message,
        };
        crate::say!("qorgau: {}: {}", note.path, note.message);
        sink.note(&note)?;
        summary.notes.push(note);
        Ok(())
    }

    fn profiles(&self, layout: &crate::table::Layout) -> Vec<ColumnProfile> {
        let n = self.columns.len().max(layout.names.len());
        (0..n)
            .map(|c| {
                let (cells, hits, kinds) = self.columns.get(c).copied().unwrap_or((0, 0, [0; 32]));
                let mut p = ColumnProfile {
                    name: layout.name(c),
                    cells,
                    hits,
                    kinds: Kind::ALL
                        .iter()
                        .filter(|k| kinds[**k as usize] > 0)
                        .map(|k| (k.id().to_string(), kinds[*k as usize]))
                        .collect(),
                    header_kinds: Kind::ALL
                        .iter()
                        .filter(|k| {
                            layout.hint(c)
                                & !layout.by_values.get(c).copied().unwrap_or(0)
                                & k.bit()
                                != 0
                        })
                        .map(|k| k.id().to_string())
                        .collect(),
                    value_kinds: Kind::ALL
                        .iter()
                        .filter(|k| layout.by_values.get(c).copied().unwrap_or(0) & k.bit() != 0)
                        .map(|k| k.id().to_string())
                        .collect(),
                    verdict: "clean",
                };
                p.judge();
                p
            })
            .collect()
    }

    fn new(sources: &'s [Source]) -> Self {
        Emitter {
            sources,
            names: vec![None; sources.len()],
            counts: [0; 32],
            rows: 0,
            columns: Vec::new(),
            preview: String::new(),
            line: 1,
            col: 0,
            current: None,
            scanned_bytes: 0,
            layout: None,
            units: 0,
            ragged: (0, None),
        }
    }

    fn name(&mut self, i: usize) -> String {
        self.names[i]
            .get_or_insert_with(|| self.sources[i].display())
            .clone()
    }

    fn emit(
        &mut self,
        event: &Event,
        scanned: Option<Scanned>,
        sink: &mut dyn Sink,
        summary: &mut Summary,
    ) -> io::Result<()> {
        match event {
            Event::Chunk(i, chunk) => {
                if self.current != Some(*i) {
                    self.current = Some(*i);
                    self.line = 1;
                    self.col = 0;
                    self.scanned_bytes = 0;
                    self.rows = 0;
                    self.units = 0;
                    self.columns.clear();
                }
                let s = scanned.expect("every chunk is scanned");
                let path = self.name(*i);
                let path = path.as_str();
                if let Some(bad) = s.bad {
                    let line = line_of(chunk, bad.at, self.line);
                    let message = format!(
                        "{} at line {line}, row {} (byte {}): the rest of the table cannot be read",
                        bad.describe(),
                        self.rows + s.rows + 1,
                        chunk.offset + bad.at as u64
                    );
                    self.note(*i, "error", message, sink, summary)?;
                }
                let names: Vec<String> = match &chunk.layout {
                    Some(l) => (0..s.columns.len().max(l.names.len()))
                        .map(|c| l.name(c))
                        .collect(),
                    None => Vec::new(),
                };
                for (n, (f, &(dl, c))) in s.findings.iter().zip(&s.positions).enumerate() {
                    let (line, column) = if dl == 0 {
                        (self.line, self.col + c + 1)
                    } else {
                        (self.line + dl, c + 1)
                    };
                    let raw = &chunk.data[f.start..f.end];
                    let decoded;
                    let value = match &chunk.layout {
                        // A Windows-1251 table: mask the text, not its bytes.
                        Some(l) if !l.encoding.is_utf8() && !raw.is_ascii() => {
                            decoded = l.encoding.decode(raw).0;
                            decoded.as_bytes()
                        }
                        _ => raw,
                    };
                    preview_into(value, &mut self.preview);
                    // Offsets are the file's: for decoded input (UTF-16),
                    // its bytes after the byte-order mark.
                    let (start, end) = match (s.units.get(n), chunk.decoded) {
                        (Some(&(before, len)), Some(d)) => {
                            let start = u64::from(d.bom) + self.units + before;
                            (start, start + len)
                        }
                        _ => (chunk.offset + f.start as u64, chunk.offset + f.end as u64),
                    };
                    let record = Record {
                        path,
                        kind: f.kind,
                        start,
                        end,
                        line: Some(line),
                        column: Some(column),
                        confidence: f.confidence,
                        preview: &self.preview,
                        row: s.cells.get(n).map(|&(r, _)| match r {
                            HEADER_ROW => 0,
                            r => self.rows + r + 1,
                        }),
                        field: s.cells.get(n).map(|&(_, fi)| names[fi].as_str()),
                        fingerprint: None,
                        value,
                        line_text: crate::report::line_around(&chunk.data, f.start, f.end),
                    };
                    self.counts[f.kind as usize] += 1;
                    sink.finding(&record)?;
                }
                if s.ragged.0 > 0 {
                    self.ragged.0 += s.ragged.0;
                    let first = s.ragged.1.map(|r| self.rows + r + 1);
                    self.ragged.1 = self.ragged.1.or(first);
                }
                self.rows += s.rows;
                self.units += s.body_units;
                if self.columns.len() < s.columns.len() {
                    self.columns.resize(s.columns.len(), (0, 0, [0; 32]));
                }
                for (acc, c) in self.columns.iter_mut().zip(&s.columns) {
                    acc.0 += c.0;
                    acc.1 += c.1;
                    for k in 0..32 {
                        acc.2[k] += c.2[k];
                    }
                }
                if let Some(layout) = &chunk.layout {
                    if chunk.index == 0 {
                        self.layout = Some(layout.clone());
                    }
                }
                if s.newlines > 0 {
                    self.line += s.newlines;
                    self.col = s.tail_chars;
                } else {
                    self.col += s.tail_chars;
                }
                self.scanned_bytes += chunk.body().len() as u64;
            }
            Event::Note(i, status, message) => {
                self.note(*i, status, message.clone(), sink, summary)?;
            }
            Event::Done(i) => {
                if let (n @ 1.., Some(first)) = std::mem::take(&mut self.ragged) {
                    let message = format!(
                        "{n} rows have a different number of fields than the header (first: row {first}); their cells were scanned as they are"
                    );
                    self.note(*i, "warning", message, sink, summary)?;
                }
                let skipped = summary
                    .notes
                    .iter()
                    .rev()
                    .take_while(|n| Some(&n.path) == self.names[*i].as_ref())
                    .any(|n| n.status == "skipped" || n.status == "error");
                if !skipped {
                    summary.files += 1;
                    summary.bytes += self.scanned_bytes;
                }
                let path = self.name(*i);
                summary.add_file(&path, &self.counts);
                if self.layout.is_none() {
                    // A last line without its newline still counts.
                    let lines = if self.col > 0 {
                        self.line
                    } else {
                        self.line - 1
                    };
                    summary.lines.insert(path.clone(), lines);
                }
                self.counts = [0; 32];
                if let Some(layout) = self.layout.take() {
                    let profiles = self.profiles(&layout);
                    summary.columns.insert(path, profiles);
                }
                self.current = None;
                self.scanned_bytes = 0;
            }
        }
        Ok(())
    }
}
