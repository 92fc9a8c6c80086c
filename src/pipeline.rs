//! The driver shared by `scan` and `anonymize`: a reader thread cuts sources
//! into chunks and groups them in batches; a dispatcher thread runs each
//! batch's chunks in parallel on the rayon pool (across files and across the
//! chunks of one large file); the calling thread receives the results in
//! input order, one batch while the next is being worked on. Memory is
//! bounded by a few batches, not by the size of any file.

use std::io::{self, IsTerminal, Read};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::engine::Engine;
use crate::input::{Chunk, Chunker, Pool, Source};
use crate::table::{Layout, TableOptions};

/// How the driver runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bytes per chunk body.
    pub chunk_size: usize,
    /// Chunks scanned in parallel per batch.
    pub batch: usize,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Which inputs are tables, and how to read them.
    pub table: TableOptions,
    /// Malformed UTF-16 is an error rather than U+FFFD (`anonymize`, which
    /// must write back every byte it does not replace).
    pub strict_decoding: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            chunk_size: 4 << 20,
            batch: rayon::current_num_threads().max(1) * 2,
            progress: false,
            table: TableOptions::default(),
            strict_decoding: false,
        }
    }
}

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_PROBE: usize = 8192;

/// What the driver hands back, in input order, for source number `.0`.
pub enum Event {
    /// A chunk of the source, with the worker's result.
    Chunk(usize, Chunk),
    /// The source was skipped (`skipped`), cut short (`partial`) or could
    /// not be read (`error`).
    Note(usize, &'static str, String),
    /// The source is finished.
    Done(usize),
}

/// Runs `work` on every chunk of `sources` in parallel and calls `emit` with
/// each event and its result (for chunks) in input order.
///
/// # Errors
/// The first error `emit` returns; the run stops there.
pub fn run<T, W, E>(
    sources: &[Source],
    opts: &Options,
    engine: &Engine,
    work: W,
    mut emit: E,
) -> io::Result<()>
where
    T: Send,
    W: Fn(&Chunk) -> T + Sync,
    E: FnMut(&Event, Option<T>) -> io::Result<()>,
{
    let bar = progress_bar(sources, opts);
    let (tx, rx) = mpsc::sync_channel::<Vec<Event>>(1);
    let (done_tx, done_rx) = mpsc::sync_channel::<(Vec<Event>, Vec<Option<T>>)>(1);
    // Chunk buffers go back to the reader once emitted (bounded: extra ones
    // are dropped), so reading reuses memory that is already mapped.
    let (pool_tx, pool_rx) = mpsc::sync_channel::<Vec<u8>>(opts.batch.max(1) * 2);
    let pool: Pool = std::sync::Arc::new(std::sync::Mutex::new(pool_rx));
    // Dropping a receiver stops the stage before it, so an error in `emit`
    // ends the run promptly.
    std::thread::scope(|scope| {
        let reader_pool = pool.clone();
        scope.spawn(move || produce(sources, opts, engine, &reader_pool, tx));
        let work = &work;
        scope.spawn(move || {
            for batch in rx {
                let done: Vec<Option<T>> = batch
                    .par_iter()
                    .map(|e| match e {
                        Event::Chunk(_, c) => Some(work(c)),
                        _ => None,
                    })
                    .collect();
                if done_tx.send((batch, done)).is_err() {
                    return;
                }
            }
        });
        for (batch, done) in done_rx {
            for (event, result) in batch.iter().zip(done) {
                emit(event, result)?;
                if let (Some(bar), Event::Chunk(_, c)) = (&bar, event) {
                    bar.inc(c.body().len() as u64);
                }
            }
            for event in batch {
                if let Event::Chunk(_, c) = event {
                    let _ = pool_tx.try_send(c.data);
                }
            }
        }
        Ok::<(), io::Error>(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
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
fn produce(
    sources: &[Source],
    opts: &Options,
    engine: &Engine,
    pool: &Pool,
    tx: mpsc::SyncSender<Vec<Event>>,
) {
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
        let events = read_source(i, source, opts, engine, pool);
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

/// Whether `head` looks like UTF-16 text without a byte-order mark: NUL
/// bytes at most positions of one parity (the high bytes of ASCII letters,
/// digits and punctuation), almost none at the other.
fn looks_utf16(head: &[u8]) -> bool {
    let units = head.len() / 2;
    if units < 8 {
        return false;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let (many, few) = (even.max(odd), even.min(odd));
    many * 10 >= units * 3 && few * 50 <= units
}

/// Whether an input is decoded to UTF-8 while read, from its first bytes
/// and `--encoding`: UTF-16 when a byte-order mark says so (a mark wins
/// over `--encoding`) or `--encoding` names it; text in the single-byte
/// encoding `--encoding` names. A UTF-8 mark, UTF-8, and the encoding of a
/// table (whose tokenizer reads its bytes; see `table::Layout`) are read as
/// bytes.
///
/// # Errors
/// Text in a multi-byte legacy encoding (Shift_JIS, GBK, …): its bytes
/// could not be written back as they were; tables take it.
fn decoding(
    head: &[u8],
    table: bool,
    forced: Option<crate::codec::Codec>,
) -> Result<Option<crate::input::Decoded>, String> {
    use crate::input::Decoded;
    if let Some(e) = crate::input::utf16::detect(head) {
        return Ok(Some(Decoded {
            codec: crate::codec::Codec::Std(e),
            bom: 2,
        }));
    }
    if head.starts_with(crate::codec::UTF_8.bom()) {
        return Ok(None);
    }
    match forced {
        Some(c) if c.is_utf16() => Ok(Some(Decoded {
            codec: c,
            bom: if head.starts_with(c.bom()) { 2 } else { 0 },
        })),
        // Text clearly in a single-byte legacy encoding (a 1C export in
        // Windows-1251 or KZ-1048) is decoded as a table's would be: read as
        // bytes, its names and addresses would pass unseen.
        None if !table => {
            Ok(crate::table::detect_text_legacy(head).map(|codec| Decoded { codec, bom: 0 }))
        }
        None => Ok(None),
        Some(c) if c.is_utf8() || table => Ok(None),
        Some(c) if c.is_single_byte() => Ok(Some(Decoded { codec: c, bom: 0 })),
        Some(c) => Err(format!(
            "--encoding {}: text is read in UTF-8, UTF-16 or a single-byte encoding, not in a \
             multi-byte legacy one (only tables are: --input-format csv); not read",
            c.name()
        )),
    }
}

/// Reads one source lazily as events: its chunks, then a note if it was
/// skipped, cut short or unreadable, then `Done`.
fn read_source<'a>(
    i: usize,
    source: &'a Source,
    opts: &'a Options,
    engine: &'a Engine,
    pool: &'a Pool,
) -> impl Iterator<Item = Event> + 'a {
    let mut layout: Option<std::sync::Arc<Layout>> = None;
    let mut decoded = None;
    let mut state = match source.open() {
        Ok(r) => {
            // Text in UTF-16 or a single-byte encoding is decoded to UTF-8
            // while reading (see `decoding`).
            let mut r = std::io::BufReader::with_capacity(64 << 10, r);
            let name = source.display();
            let is_table = opts.table.is_table(&name);
            let how = std::io::BufRead::fill_buf(&mut r)
                .map_err(|e| e.to_string())
                .and_then(|h| decoding(h, is_table, opts.table.encoding));
            let r: Result<Box<dyn Read + Send>, String> = match how {
                Ok(Some(d)) => {
                    decoded = Some(d);
                    Ok(match d.codec {
                        crate::codec::Codec::Std(enc) if d.codec.is_utf16() => Box::new(
                            crate::input::utf16::Utf16Reader::new(r, enc, opts.strict_decoding),
                        ),
                        codec => Box::new(crate::input::legacy::SingleByteReader::new(
                            r,
                            codec,
                            opts.strict_decoding,
                        )),
                    })
                }
                Ok(None) => Ok(Box::new(r)),
                Err(e) => Err(e),
            };
            r.and_then(|r| {
                let mut chunker: Chunker<Box<dyn Read + Send>> = Chunker::new(r, opts.chunk_size);
                chunker.recycle_from(pool.clone());
                if !is_table {
                    return Ok(chunker);
                }
                let is_tsv = name.to_ascii_lowercase().contains(".tsv");
                // A table decoded while read is UTF-8 to the tokenizer.
                let mut table = opts.table.clone();
                if decoded.is_some() {
                    table.encoding = Some(crate::codec::UTF_8);
                }
                let l = chunker
                    .peek(256 << 10)
                    .map_err(|e| e.to_string())
                    .and_then(|head| {
                        Layout::sniff_checked(head, is_tsv, &table, engine).map_err(|e| e.0)
                    })?;
                chunker.split_records(l.delimiter, l.eol, opts.table.max_row);
                layout = Some(l);
                Ok(chunker)
            })
        }
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
                chunk.layout = layout.clone();
                chunk.decoded = decoded;
                chunk.source = i;
                // A legacy encoding guessed from the head of a table must
                // hold for the rest of it.
                if let Some(l) = layout.as_ref().filter(|l| {
                    opts.table.encoding.is_none() && decoded.is_none() && !l.encoding.is_utf8()
                }) {
                    if let Some(p) = crate::table::turns_utf8(chunk.body()) {
                        finished = true;
                        let message = format!(
                            "valid UTF-8 at byte {}, though the first 256 KiB were read as {} \
                             (detected): the encoding is uncertain, nothing from byte {} on was \
                             read; give --encoding with the file's real encoding",
                            chunk.body_offset() + p as u64,
                            l.encoding.name(),
                            chunk.body_offset()
                        );
                        return Some(vec![Event::Note(i, "error", message), Event::Done(i)]);
                    }
                }
                let body = chunk.body();
                let nul = memchr::memchr(0, body);
                let first = chunk.index == 0;
                match nul {
                    Some(p) if first && p < BINARY_PROBE => {
                        finished = true;
                        let what = if body.starts_with(b"PAR1") {
                            "Parquet data: not read as text (give --input-format parquet, or name it .parquet)"
                        } else if looks_utf16(&body[..body.len().min(BINARY_PROBE)]) {
                            "UTF-16 text without a byte-order mark: skipped, not scanned (give --encoding utf-16le or utf-16be, add the mark, or convert it to UTF-8)"
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
