//! The scan driver: reads sources into chunks on one thread, scans batches of
//! chunks in parallel (rayon: across files and across chunks of a large
//! file), and hands findings to a [`Sink`] in input order with their line and
//! column. Memory is bounded by the batch size (a few chunks), not by the
//! size of any file.

use std::io::{self, IsTerminal, Read};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use crate::bytes::char_count;
use crate::engine::Engine;
use crate::finding::{preview_into, Finding};
use crate::input::{Chunk, Chunker, Source};
use crate::report::{Note, Record, Sink, Summary};

/// How the driver runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bytes per chunk body.
    pub chunk_size: usize,
    /// Chunks scanned in parallel per batch.
    pub batch: usize,
    /// Show a progress bar on a terminal.
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            chunk_size: 4 << 20,
            batch: rayon::current_num_threads().max(1) * 2,
            progress: false,
        }
    }
}

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_PROBE: usize = 8192;

enum Event {
    Chunk(usize, Chunk),
    Note(usize, &'static str, String),
    Done(usize),
}

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
    let bar = progress_bar(sources, opts);
    let (tx, rx) = mpsc::sync_channel::<Vec<Event>>(1);
    let (done_tx, done_rx) = mpsc::sync_channel::<(Vec<Event>, Vec<Option<Scanned>>)>(1);
    let mut summary = Summary::default();
    // Three stages: a reader thread, a dispatcher thread that runs each
    // batch through the rayon pool, and this thread, which emits one batch
    // while the next is being scanned. Dropping a receiver stops the stage
    // before it, so an output error ends the run promptly.
    std::thread::scope(|scope| {
        scope.spawn(|| produce(sources, opts, tx));
        scope.spawn(move || {
            for batch in rx {
                let scanned: Vec<Option<Scanned>> = batch
                    .par_iter()
                    .map(|e| match e {
                        Event::Chunk(_, c) => Some(scan_chunk(engine, c)),
                        _ => None,
                    })
                    .collect();
                if done_tx.send((batch, scanned)).is_err() {
                    return;
                }
            }
        });
        let mut emitter = Emitter::new(sources);
        for (batch, scanned) in done_rx {
            for (event, scanned) in batch.iter().zip(scanned) {
                emitter.emit(event, scanned, sink, &mut summary)?;
                if let (Some(bar), Event::Chunk(_, c)) = (&bar, event) {
                    bar.inc(c.body().len() as u64);
                }
            }
        }
        Ok::<(), io::Error>(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary.seconds = started.elapsed().as_secs_f64();
    sink.finish(&summary)?;
    Ok(summary)
}

fn progress_bar(sources: &[Source], opts: &Options) -> Option<indicatif::ProgressBar> {
    if !opts.progress || !io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = sources.iter().filter_map(Source::size_hint).sum();
    if total < 64 << 20 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// The reader thread: turns sources into ordered batches of events.
fn produce(sources: &[Source], opts: &Options, tx: mpsc::SyncSender<Vec<Event>>) {
    let mut batch = Vec::new();
    let mut chunks = 0;
    let mut bytes = 0;
    let limit = opts.batch.max(1);
    let mut push = |e: Event, batch: &mut Vec<Event>| -> bool {
        if let Event::Chunk(_, c) = &e {
            chunks += 1;
            bytes += c.body().len();
        }
        batch.push(e);
        if chunks >= limit || bytes >= limit * opts.chunk_size || batch.len() >= 1024 {
            chunks = 0;
            bytes = 0;
            return tx.send(std::mem::take(batch)).is_ok();
        }
        true
    };
    for (i, source) in sources.iter().enumerate() {
        let events = read_source(i, source, opts.chunk_size);
        for e in events {
            if !push(e, &mut batch) {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Reads one source lazily as events: its chunks, then a note if it was
/// skipped, cut short or unreadable, then `Done`.
fn read_source(i: usize, source: &Source, chunk_size: usize) -> impl Iterator<Item = Event> + '_ {
    let mut state = match source.open() {
        Ok(r) => Ok(Chunker::new(r, chunk_size)),
        Err(e) => Err(e.to_string()),
    };
    let mut finished = false;
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let chunker: &mut Chunker<Box<dyn Read + Send>> = match &mut state {
            Ok(c) => c,
            Err(msg) => {
                let msg = std::mem::take(msg);
                finished = true;
                return Some(vec![Event::Note(i, "error", msg), Event::Done(i)]);
            }
        };
        let out = match chunker.next_chunk() {
            Ok(Some(mut chunk)) => {
                let body = chunk.body();
                let nul = memchr::memchr(0, body);
                let first = chunk.index == 0;
                match nul {
                    Some(p) if first && p < BINARY_PROBE => {
                        finished = true;
                        let what = if body.starts_with(b"PAR1") {
                            "Parquet file: not scanned as text (Parquet support is a later release)"
                        } else {
                            "binary file (NUL byte in the first 8 KiB): skipped"
                        };
                        vec![Event::Note(i, "skipped", what.into()), Event::Done(i)]
                    }
                    Some(p) => {
                        finished = true;
                        let at = chunk.body_offset() + p as u64;
                        let end = chunk.body.start + p;
                        chunk.body.end = end;
                        chunk.data.truncate(end);
                        chunk.at_eof = true;
                        vec![
                            Event::Chunk(i, chunk),
                            Event::Note(
                                i,
                                "partial",
                                format!("binary data from byte {at}: the rest was not scanned"),
                            ),
                            Event::Done(i),
                        ]
                    }
                    None => vec![Event::Chunk(i, chunk)],
                }
            }
            Ok(None) => {
                finished = true;
                vec![Event::Done(i)]
            }
            Err(e) => {
                finished = true;
                vec![
                    Event::Note(i, "error", format!("read error: {e}")),
                    Event::Done(i),
                ]
            }
        };
        Some(out)
    })
    .flatten()
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
