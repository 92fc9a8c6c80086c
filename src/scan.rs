//! `scan`: finds identifiers in every chunk and reports them to a [`Sink`]
//! in input order, with line and column.

use std::io;
use std::time::Instant;

use crate::bytes::char_count;
use crate::engine::Engine;
use crate::finding::{preview_into, Finding};
use crate::input::{Chunk, Source};
use crate::pipeline::{self, Event, Options};
use crate::report::{Note, Record, Sink, Summary};

/// A chunk scanned: findings with their line and column relative to the
/// chunk's body, plus what the next chunk needs to continue counting.
struct Scanned {
    findings: Vec<Finding>,
    /// (lines since body start, characters since that line's start or, on
    /// the body's first line, since the body start).
    positions: Vec<(u64, u64)>,
    newlines: u64,
    tail_chars: u64,
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
    let mut emitter = Emitter::new(sources);
    pipeline::run(
        sources,
        opts,
        |chunk| scan_chunk(engine, chunk),
        |event, scanned| emitter.emit(event, scanned, sink, &mut summary),
    )?;
    summary.seconds = started.elapsed().as_secs_f64();
    sink.finish(&summary)?;
    Ok(summary)
}

fn scan_chunk(engine: &Engine, chunk: &Chunk) -> Scanned {
    let mut findings = Vec::new();
    engine.find_in(&chunk.data, chunk.body.clone(), chunk.at_eof, &mut findings);
    let data = &chunk.data;
    let mut positions = Vec::with_capacity(findings.len());
    let mut line = 0u64;
    let mut pos = chunk.body.start;
    // Characters counted so far on the current line, up to `pos`.
    let mut col = 0u64;
    let advance = |to: usize, line: &mut u64, pos: &mut usize, col: &mut u64| {
        let seg = &data[*pos..to];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                *line += memchr::memchr_iter(b'\n', seg).count() as u64;
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
    Scanned {
        findings,
        positions,
        newlines: line,
        tail_chars: col,
    }
}

/// Puts scanned chunks back in order per source and reports them.
struct Emitter<'s> {
    sources: &'s [Source],
    names: Vec<Option<String>>,
    /// Findings per kind in the current source.
    counts: [u64; 32],
    preview: String,
    line: u64,
    col: u64,
    current: Option<usize>,
    scanned_bytes: u64,
}

impl<'s> Emitter<'s> {
    fn new(sources: &'s [Source]) -> Self {
        Emitter {
            sources,
            names: vec![None; sources.len()],
            counts: [0; 32],
            preview: String::new(),
            line: 1,
            col: 0,
            current: None,
            scanned_bytes: 0,
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
                }
                let s = scanned.expect("every chunk is scanned");
                let path = self.name(*i);
                let path = path.as_str();
                for (f, &(dl, c)) in s.findings.iter().zip(&s.positions) {
                    let (line, column) = if dl == 0 {
                        (self.line, self.col + c + 1)
                    } else {
                        (self.line + dl, c + 1)
                    };
                    preview_into(&chunk.data[f.start..f.end], &mut self.preview);
                    let record = Record {
                        path,
                        kind: f.kind,
                        start: chunk.offset + f.start as u64,
                        end: chunk.offset + f.end as u64,
                        line,
                        column,
                        confidence: f.confidence,
                        preview: &self.preview,
                    };
                    self.counts[f.kind as usize] += 1;
                    sink.finding(&record)?;
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
                let note = Note {
                    path: self.name(*i),
                    status,
                    message: message.clone(),
                };
                eprintln!("qorgau: {}: {}", note.path, note.message);
                sink.note(&note)?;
                summary.notes.push(note);
            }
            Event::Done(i) => {
                let skipped = summary
                    .notes
                    .iter()
                    .rev()
                    .take_while(|n| Some(&n.path) == self.names[*i].as_ref())
                    .any(|n| n.status != "partial");
                if !skipped {
                    summary.files += 1;
                    summary.bytes += self.scanned_bytes;
                }
                let path = self.name(*i);
                summary.add_file(&path, &self.counts);
                self.counts = [0; 32];
                self.current = None;
                self.scanned_bytes = 0;
            }
        }
        Ok(())
    }
}
