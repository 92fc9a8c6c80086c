//! Parquet files: scanned and rewritten batch by batch through Arrow, never
//! loaded whole. Every string-like column is searched (plain, large and view
//! strings, UTF-8 in binary columns, dictionary values once per batch,
//! strings nested in lists, structs and maps), and 64-bit integer columns
//! too, since an IIN or a phone often lands in an `int64` with its leading
//! zero gone. A column is addressed by its path (`client.iin`; list items
//! take the list's path), which is what findings report and what `[columns]`
//! rules match.
//!
//! Rewriting keeps the Arrow schema, row order and row groups; columns the
//! policy leaves alone are passed through as the very arrays that were read.
//! An integer column whose values must change becomes a `Utf8` column (a
//! token or `1987/F` is not a number), and the manifest says so.

pub(crate) mod columns;
mod file;
pub mod names;
pub mod rewrite;
pub mod scan;
mod values;

pub use columns::{Leaf, LeafClass, Leaves};
pub use file::{ParquetInput, ReadError};

use crate::input::Source;
use crate::table::InputFormat;
use std::path::Path;

/// Whether `source` is read as Parquet under the `--input-format`.
pub fn is_parquet(source: &Source, format: InputFormat) -> bool {
    match (format, source) {
        (InputFormat::Parquet, _) => true,
        (InputFormat::Auto, Source::File(p)) => is_parquet_file(p),
        // Standard input is told by its magic too, its first bytes kept
        // for whoever reads it next.
        (InputFormat::Auto, Source::Stdin) => {
            crate::input::head(source, 4).is_ok_and(|h| h == b"PAR1")
        }
        _ => false,
    }
}

/// Whether `path` holds Parquet: a `.parquet`/`.parq` name, or the `PAR1`
/// magic at the start of an uncompressed file.
pub fn is_parquet_file(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".parquet") || name.ends_with(".parq") {
        return true;
    }
    if name.ends_with(".gz") || name.ends_with(".zst") {
        return false;
    }
    crate::input::head(&Source::File(path.to_path_buf()), 4).is_ok_and(|h| h == b"PAR1")
}

/// Copies standard input to a temporary file (Parquet's footer is at its
/// end, so it cannot be read as a stream).
///
/// # Errors
/// Reading stdin or writing the temporary file.
pub fn spool_stdin() -> std::io::Result<crate::temps::Temp> {
    spool(&Source::Stdin)
}

/// Copies a stream (stdin, a pipe, a FIFO) to a temporary file, with any
/// bytes already sniffed from it.
///
/// # Errors
/// Reading the stream or writing the temporary file.
pub fn spool(source: &Source) -> std::io::Result<crate::temps::Temp> {
    // Registered, so that SIGINT/SIGTERM removes it with the outputs.
    let mut temp = crate::temps::create_in(&std::env::temp_dir())?;
    std::io::copy(&mut source.open()?, temp.as_file_mut())?;
    Ok(temp)
}

/// Where a Parquet source can be read from by path: a regular file as it
/// is, anything else spooled to a temporary file (kept alive by the second
/// value).
///
/// # Errors
/// Spooling the stream.
pub fn readable_path(
    source: &Source,
) -> std::io::Result<(std::path::PathBuf, Option<crate::temps::Temp>)> {
    match source {
        Source::File(p) if crate::input::is_regular(p) => Ok((p.clone(), None)),
        _ => {
            let t = spool(source)?;
            Ok((t.path().to_path_buf(), Some(t)))
        }
    }
}
