//! Reading a Parquet file: the footer once, then row group by row group in
//! batches on a reader thread, while the batches already read are worked on
//! in parallel and handed back in order. Memory is bounded by a few batches
//! (and, when writing, the row group being encoded), never by the file.
//! A read error is located: the row group, and the column found by reading
//! that row group one top-level column at a time.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ::parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use ::parquet::arrow::ProjectionMask;
use ::parquet::file::properties::WriterProperties;
use arrow::array::RecordBatch;
use arrow::datatypes::SchemaRef;
use rayon::prelude::*;

/// Why a Parquet file could not be read (or written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub row_group: Option<usize>,
    /// The top-level column that fails to decode, when found.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(g) = self.row_group {
            write!(f, "row group {g}")?;
            if let Some(c) = &self.column {
                write!(f, ", column `{c}`")?;
            }
            write!(f, ": ")?;
        }
        f.write_str(&self.message)
    }
}

impl ReadError {
    fn plain(message: impl Into<String>) -> ReadError {
        ReadError {
            row_group: None,
            column: None,
            message: message.into(),
        }
    }
}

/// Parquet's own messages start with "Parquet error: " or "External: ".
fn describe(e: &::parquet::errors::ParquetError) -> String {
    let s = e.to_string();
    s.strip_prefix("Parquet error: ").unwrap_or(&s).to_string()
}

/// A batch of rows and where it is in the file.
pub struct Piece {
    pub row_group: usize,
    /// 0-based row of the batch's first row in the file.
    pub first_row: u64,
    pub batch: RecordBatch,
    /// Whether this is the row group's last batch.
    pub ends_group: bool,
}

/// An open Parquet file whose footer has been read.
pub struct ParquetInput {
    pub path: PathBuf,
    file: File,
    meta: ArrowReaderMetadata,
}

/// The message of a caught panic (the parquet crate's own words about the
/// file's structure, never a value).
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// The file must start with Parquet's magic, not only end with it: a file
/// whose head was cut or overwritten is refused before its footer is read.
fn leading_magic(file: &File) -> Result<(), ReadError> {
    use std::io::{Read, Seek};
    let mut head = [0u8; 4];
    let mut r = file;
    let read = r.read_exact(&mut head);
    r.rewind().map_err(|e| ReadError::plain(e.to_string()))?;
    match read {
        Ok(()) if &head == b"PAR1" => Ok(()),
        _ => Err(ReadError::plain(
            "not a readable Parquet file: it does not start with the magic PAR1 (not Parquet, \
             or its head is cut or overwritten)",
        )),
    }
}

/// Column chunks with a negative offset or size make the parquet crate
/// panic when read (found by fuzzing): such a footer is corrupt.
fn sane_offsets(meta: &ArrowReaderMetadata) -> Result<(), ReadError> {
    for (g, rg) in meta.metadata().row_groups().iter().enumerate() {
        for (i, c) in rg.columns().iter().enumerate() {
            let negative = c.data_page_offset() < 0
                || c.compressed_size() < 0
                || c.dictionary_page_offset().is_some_and(|o| o < 0);
            if negative {
                // The chunk by number: a column's name can be personal data.
                return Err(ReadError {
                    row_group: Some(g),
                    column: None,
                    message: format!(
                        "corrupt footer: column chunk {i} has a negative offset or size"
                    ),
                });
            }
        }
    }
    Ok(())
}

impl ParquetInput {
    /// Opens `path` and reads its footer.
    ///
    /// # Errors
    /// The file cannot be opened, or it is not Parquet (bad magic,
    /// truncated, a footer that does not decode, a type Arrow cannot read).
    pub fn open(path: &Path) -> Result<ParquetInput, ReadError> {
        let file = File::open(path).map_err(|e| ReadError::plain(e.to_string()))?;
        leading_magic(&file)?;
        let loaded = std::panic::catch_unwind(|| {
            ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
        })
        .map_err(|panic| {
            ReadError::plain(format!(
                "not a readable Parquet file (corrupt footer: {})",
                panic_message(panic.as_ref())
            ))
        })?;
        let meta = loaded.map_err(|e| {
            ReadError::plain(format!(
                "not a readable Parquet file (bad magic, truncated or corrupt footer): {}",
                describe(&e)
            ))
        })?;
        sane_offsets(&meta)?;
        Ok(ParquetInput {
            path: path.to_path_buf(),
            file,
            meta,
        })
    }

    /// The Arrow schema of the file.
    pub fn schema(&self) -> SchemaRef {
        self.meta.schema().clone()
    }

    /// Rows in the file.
    pub fn rows(&self) -> u64 {
        self.meta.metadata().file_metadata().num_rows().max(0) as u64
    }

    /// Rows per row group.
    pub fn group_rows(&self) -> Vec<u64> {
        self.meta
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows().max(0) as u64)
            .collect()
    }

    fn reader(
        &self,
        group: usize,
        batch_rows: usize,
        roots: Option<&[usize]>,
    ) -> Result<::parquet::arrow::arrow_reader::ParquetRecordBatchReader, ReadError> {
        let file = self
            .file
            .try_clone()
            .map_err(|e| ReadError::plain(e.to_string()))?;
        let mut b = ParquetRecordBatchReaderBuilder::new_with_metadata(file, self.meta.clone())
            .with_row_groups(vec![group])
            .with_batch_size(batch_rows);
        if let Some(r) = roots {
            let mask = ProjectionMask::roots(self.meta.parquet_schema(), r.iter().copied());
            b = b.with_projection(mask);
        }
        b.build().map_err(|e| ReadError {
            row_group: Some(group),
            column: None,
            message: describe(&e),
        })
    }

    /// Finds the top-level column whose data in `group` does not decode.
    fn failing_column(&self, group: usize) -> Option<String> {
        let schema = self.schema();
        (0..schema.fields().len()).find_map(|r| {
            let reader = self.reader(group, 8192, Some(&[r])).ok()?;
            let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                reader.into_iter().any(|b| b.is_err())
            }))
            .unwrap_or(true);
            failed.then(|| schema.field(r).name().clone())
        })
    }

    /// Reads the file (only the top-level columns `roots`, if given) in
    /// batches of `batch_rows`, runs `work` on the batches in parallel and
    /// calls `emit` with each batch and its result in file order.
    ///
    /// # Errors
    /// The first read error (located), or `emit`'s error; the run stops.
    pub fn for_each_batch<T: Send>(
        &self,
        batch_rows: usize,
        roots: Option<&[usize]>,
        work: impl Fn(&Piece) -> T + Sync,
        mut emit: impl FnMut(Piece, T) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let group_rows = self.group_rows();
        let width = rayon::current_num_threads().max(1) * 2;
        let (tx, rx) = mpsc::sync_channel::<Result<Piece, ReadError>>(width);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut first_row = 0u64;
                for (g, &n) in group_rows.iter().enumerate() {
                    let end = first_row + n;
                    let reader = match self.reader(g, batch_rows, roots) {
                        Ok(r) => r,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    };
                    let mut at = first_row;
                    let mut reader = reader;
                    loop {
                        // The parquet crate panics on some corrupt pages
                        // (found by fuzzing): such a page is a read error.
                        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            reader.next()
                        }));
                        let batch = match next {
                            Ok(Some(b)) => b,
                            Ok(None) => break,
                            Err(panic) => {
                                let _ = tx.send(Err(ReadError {
                                    row_group: Some(g),
                                    column: None,
                                    message: format!(
                                        "corrupt data: the Parquet decoder failed ({})",
                                        panic_message(panic.as_ref())
                                    ),
                                }));
                                return;
                            }
                        };
                        let piece = match batch {
                            Ok(batch) => {
                                let rows = batch.num_rows() as u64;
                                let p = Piece {
                                    row_group: g,
                                    first_row: at,
                                    batch,
                                    ends_group: at + rows >= end,
                                };
                                at += rows;
                                Ok(p)
                            }
                            Err(e) => Err(ReadError {
                                row_group: Some(g),
                                column: self.failing_column(g),
                                message: e.to_string(),
                            }),
                        };
                        let failed = piece.is_err();
                        if tx.send(piece).is_err() || failed {
                            return;
                        }
                    }
                    if at != end {
                        let _ = tx.send(Err(ReadError {
                            row_group: Some(g),
                            column: None,
                            message: format!("{} rows read, the footer says {n}", at - first_row),
                        }));
                        return;
                    }
                    first_row = end;
                }
            });
            let mut failure = None;
            let mut group: Vec<Piece> = Vec::with_capacity(width);
            let mut open = true;
            while open && failure.is_none() {
                group.clear();
                while group.len() < width {
                    match rx.recv() {
                        Ok(Ok(p)) => group.push(p),
                        Ok(Err(e)) => {
                            failure = Some(e);
                            break;
                        }
                        Err(_) => {
                            open = false;
                            break;
                        }
                    }
                }
                let done: Vec<T> = group.par_iter().map(&work).collect();
                for (p, t) in group.drain(..).zip(done) {
                    // Returning drops the receiver, which stops the reader.
                    emit(p, t)?;
                }
            }
            match failure {
                Some(e) => Err(e),
                None => Ok(()),
            }
        })
    }

    /// Writer properties that keep what the writer allows of the input:
    /// each column's codec, the key-value metadata and the row-group sizes
    /// (batches are flushed at the input's row-group ends).
    pub fn writer_properties(&self) -> WriterProperties {
        let md = self.meta.metadata();
        let largest = self.group_rows().into_iter().max().unwrap_or(1).max(1);
        let mut b = WriterProperties::builder()
            .set_max_row_group_row_count(Some(largest as usize))
            .set_max_row_group_bytes(None);
        if let Some(g) = md.row_groups().first() {
            if let Some(c) = g.columns().first() {
                b = b.set_compression(c.compression());
            }
            for c in g.columns() {
                b = b.set_column_compression(c.column_path().clone(), c.compression());
            }
        }
        let kv: Vec<_> = md
            .file_metadata()
            .key_value_metadata()
            .map(|kv| {
                kv.iter()
                    .filter(|k| k.key != "ARROW:schema")
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        if !kv.is_empty() {
            b = b.set_key_value_metadata(Some(kv));
        }
        b.build()
    }
}
