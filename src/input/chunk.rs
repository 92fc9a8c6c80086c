//! Cuts a byte stream into chunks for parallel scanning, with memory bounded
//! by the chunk size whatever the file size.
//!
//! A chunk's body ends after a newline when the chunk holds one; otherwise
//! (a very long line) after a byte that no identifier contains (`"`, `,`, `;`,
//! space …), else anywhere. Each chunk also carries up to [`LOOK_BEHIND`]
//! bytes before its body and [`LOOK_AHEAD`] after it, so that the engine can
//! complete an identifier that starts in the body and crosses its end, and
//! can tell that one crossing its start was begun in the previous chunk —
//! each identifier is then reported by exactly one chunk.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use crate::table::{tokenize, Layout};

/// Bytes kept before a chunk's body (longer than any identifier).
pub const LOOK_BEHIND: usize = 512;
/// Bytes read past a chunk's body (longer than any identifier).
pub const LOOK_AHEAD: usize = 512;

/// How far back from the nominal end a separator is looked for on a line
/// without newlines.
const SEPARATOR_SEARCH: usize = 4096;

/// A piece of one input.
#[derive(Debug)]
pub struct Chunk {
    /// Look-behind, body and look-ahead bytes.
    pub data: Vec<u8>,
    /// The bytes this chunk is responsible for.
    pub body: Range<usize>,
    /// Input offset of `data[0]`.
    pub offset: u64,
    /// Whether `data` ends where the input ends.
    pub at_eof: bool,
    /// 0 for the first chunk of an input.
    pub index: u64,
    /// For a table: its layout (the body then holds whole records).
    pub layout: Option<Arc<Layout>>,
    /// Index of the source this chunk comes from (set by the driver).
    pub source: usize,
    /// For input decoded while read (UTF-16): its encoding; `data` then
    /// holds the decoded UTF-8 and `offset` counts decoded bytes (see
    /// `input::utf16`).
    pub decoded: Option<super::Decoded>,
}

impl Chunk {
    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.data[self.body.clone()]
    }

    /// Input offset of the first body byte.
    pub fn body_offset(&self) -> u64 {
        self.offset + self.body.start as u64
    }
}

/// Reads chunks from a reader.
pub struct Chunker<R> {
    reader: R,
    chunk_size: usize,
    /// Look-behind followed by bytes not yet given to a body.
    buf: Vec<u8>,
    /// Where the not-yet-given bytes start in `buf`.
    pending: usize,
    /// Input offset of `buf[0]`.
    offset: u64,
    eof: bool,
    index: u64,
    /// Table mode: split only after whole records with this delimiter and
    /// line terminator, and refuse records longer than the limit.
    records: Option<(u8, u8, usize)>,
    /// Buffers of chunks already processed, to be filled again: reusing
    /// them spares the kernel faulting in fresh pages for every chunk.
    recycled: Option<Pool>,
}

/// Buffers sent back by the consumer of chunks (see [`Chunker::recycle_from`]).
pub type Pool = Arc<std::sync::Mutex<std::sync::mpsc::Receiver<Vec<u8>>>>;

impl<R: Read> Chunker<R> {
    /// A chunker producing bodies of about `chunk_size` bytes (at least 1).
    pub fn new(reader: R, chunk_size: usize) -> Chunker<R> {
        Chunker {
            reader,
            chunk_size: chunk_size.max(1),
            buf: Vec::new(),
            pending: 0,
            offset: 0,
            eof: false,
            index: 0,
            records: None,
            recycled: None,
        }
    }

    /// Takes buffers to reuse from `pool` (sent back once a chunk is done).
    pub fn recycle_from(&mut self, pool: Pool) {
        self.recycled = Some(pool);
    }

    /// Splits only after whole records of a table with `delimiter`; a
    /// record longer than `max_row` bytes is an error.
    pub fn split_records(&mut self, delimiter: u8, eol: u8, max_row: usize) {
        self.records = Some((delimiter, eol, max_row.max(1)));
    }

    /// The next bytes not yet handed out, at least `n` unless the input is
    /// shorter.
    ///
    /// # Errors
    /// The reader's I/O error.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        self.fill(self.pending + n)?;
        Ok(&self.buf[self.pending..])
    }

    /// Reads until `buf` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        while !self.eof && self.buf.len() < want {
            let len = self.buf.len();
            self.buf.resize(want, 0);
            match self.reader.read(&mut self.buf[len..]) {
                Ok(0) => {
                    self.buf.truncate(len);
                    self.eof = true;
                }
                Ok(n) => self.buf.truncate(len + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.buf.truncate(len),
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// The next chunk, `None` at the end of the input.
    ///
    /// # Errors
    /// The reader's I/O error (for a decompressor: corrupt data).
    pub fn next_chunk(&mut self) -> io::Result<Option<Chunk>> {
        self.fill(self.pending + self.chunk_size + LOOK_AHEAD)?;
        if let Some((delimiter, eol, max_row)) = self.records {
            return self.next_records(delimiter, eol, max_row);
        }
        let available = self.buf.len() - self.pending;
        if available == 0 {
            if self.index == 0 {
                // An empty input still yields one (empty) chunk, so that
                // it is seen as scanned.
                self.index = 1;
                return Ok(Some(self.take(0)));
            }
            return Ok(None);
        }
        let split = if self.eof && available <= self.chunk_size + LOOK_AHEAD {
            available
        } else {
            split_point(&self.buf[self.pending..], self.chunk_size)
        };
        let chunk = self.take(split);
        self.index += 1;
        Ok(Some(chunk))
    }

    /// A chunk of whole records: reads on until a record ends (or the input
    /// does), so a quoted newline never splits a record.
    fn next_records(
        &mut self,
        delimiter: u8,
        eol: u8,
        max_row: usize,
    ) -> io::Result<Option<Chunk>> {
        loop {
            let pending = &self.buf[self.pending..];
            if pending.is_empty() {
                if self.index == 0 {
                    self.index = 1;
                    return Ok(Some(self.take(0)));
                }
                return Ok(None);
            }
            if self.eof {
                let split = pending.len();
                let chunk = self.take(split);
                self.index += 1;
                return Ok(Some(chunk));
            }
            let limit = pending.len().min(self.chunk_size.max(1));
            let split = tokenize::last_boundary(pending, limit, delimiter, eol)
                .or_else(|| tokenize::last_boundary(pending, pending.len(), delimiter, eol));
            if let Some(split) = split {
                let chunk = self.take(split);
                self.index += 1;
                return Ok(Some(chunk));
            }
            if pending.len() > max_row {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "a record at byte {} is longer than {max_row} bytes (or opens a quote that is never closed)",
                        self.offset + self.pending as u64
                    ),
                ));
            }
            let grow = self.buf.len() + self.chunk_size.max(LOOK_AHEAD);
            self.fill(grow)?;
        }
    }

    /// Hands out `buf` as a chunk whose body is the next `split` bytes and
    /// keeps look-behind plus the remainder for the next one.
    fn take(&mut self, split: usize) -> Chunk {
        let body = self.pending..self.pending + split;
        let keep_from = body.end.saturating_sub(LOOK_BEHIND);
        let mut rest = self
            .recycled
            .as_ref()
            .and_then(|pool| pool.lock().ok()?.try_recv().ok())
            .unwrap_or_default();
        rest.clear();
        rest.extend_from_slice(&self.buf[keep_from..]);
        let data = std::mem::replace(&mut self.buf, rest);
        let chunk = Chunk {
            at_eof: self.eof,
            body: body.clone(),
            offset: self.offset,
            index: self.index,
            data,
            layout: None,
            source: 0,
            decoded: None,
        };
        self.offset += keep_from as u64;
        self.pending = body.end - keep_from;
        chunk
    }
}

/// Where to end a body in `pending` (which holds more than `size` bytes).
fn split_point(pending: &[u8], size: usize) -> usize {
    let window = &pending[..size];
    if let Some(p) = memchr::memrchr(b'\n', window) {
        return p + 1;
    }
    let lo = size.saturating_sub(SEPARATOR_SEARCH);
    let hard = |b: &u8| {
        matches!(
            b,
            b' ' | b'\t'
                | b'"'
                | b','
                | b';'
                | b'<'
                | b'>'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'|'
                | b'\''
                | b'='
                | b'&'
                | b'?'
                | b'!'
                | b'\r'
        )
    };
    if let Some(p) = window[lo..].iter().rposition(hard) {
        return lo + p + 1;
    }
    // No separator at all: cut at a UTF-8 character boundary.
    let mut p = size;
    while p > 1 && window[p - 1] & 0xC0 == 0x80 {
        p -= 1;
    }
    p.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(input: &[u8], size: usize) -> Vec<Chunk> {
        let mut c = Chunker::new(input, size);
        let mut v = Vec::new();
        while let Some(ch) = c.next_chunk().unwrap() {
            v.push(ch);
        }
        v
    }

    #[test]
    fn bodies_tile_the_input_exactly() {
        let input: Vec<u8> = (0..50_000u32)
            .flat_map(|i| format!("line {i} with text\n").into_bytes())
            .collect();
        for size in [1, 7, 100, 4096, 1 << 20] {
            let mut joined = Vec::new();
            let mut offset = 0u64;
            for ch in chunks(&input, size) {
                assert_eq!(ch.body_offset(), offset);
                let start = ch.offset as usize;
                assert_eq!(&input[start..start + ch.data.len()], &ch.data[..]);
                joined.extend_from_slice(ch.body());
                offset += ch.body().len() as u64;
            }
            assert_eq!(joined, input, "size {size}");
        }
    }

    #[test]
    fn empty_input_is_one_empty_chunk() {
        let v = chunks(b"", 10);
        assert_eq!(v.len(), 1);
        assert!(v[0].body().is_empty() && v[0].at_eof);
    }

    #[test]
    fn long_line_splits_at_a_separator() {
        let line = "a".repeat(1000) + " " + &"b".repeat(1000);
        let v = chunks(line.as_bytes(), 1200);
        assert_eq!(v[0].body().len(), 1001);
    }
}
