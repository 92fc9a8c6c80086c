//! Atomic output files: written to a hidden temporary file in the target
//! directory, flushed and fsynced, then renamed over the target. A crash or
//! an error leaves the old state or the complete new file, never a part.
//! The temporary file is named `.qorgau-<pid>-XXXXXX.tmp` and registered
//! in [`crate::temps`], so SIGINT/SIGTERM removes it, and a later run
//! removes it if this process died without doing so.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// Hashes and counts what passes through to the file.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

type FileSink = BufWriter<Hashing<File>>;

enum Sink {
    Plain(FileSink),
    Gzip(Box<flate2::write::GzEncoder<FileSink>>),
}

/// An output being written.
pub struct AtomicOutput {
    temp: NamedTempFile,
    /// Keeps the temporary file registered for removal on SIGINT/SIGTERM.
    _guard: crate::temps::Guard,
    sink: Option<Sink>,
    target: PathBuf,
}

/// What was written: bytes and SHA-256 of the file as stored.
pub struct Written {
    pub bytes: u64,
    pub sha256: String,
}

impl AtomicOutput {
    /// Starts writing `target` (gzip-compressed when `gzip`), creating its
    /// directory if needed.
    ///
    /// # Errors
    /// Creating the directory or the temporary file.
    pub fn create(target: &Path, gzip: bool) -> io::Result<AtomicOutput> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Every error names the path it is about: the directory, not the
        // temporary file that could not be made in it.
        std::fs::create_dir_all(&dir).map_err(|e| at(&dir, &e))?;
        let temp = crate::temps::named_in(&dir).map_err(|e| at(&dir, &without_temp_path(e)))?;
        let guard = crate::temps::Guard::new(temp.path());
        let file = temp.as_file().try_clone()?;
        let hashing = Hashing {
            inner: file,
            hash: Sha256::new(),
            bytes: 0,
        };
        let buffered = BufWriter::with_capacity(256 << 10, hashing);
        let sink = if gzip {
            Sink::Gzip(Box::new(flate2::write::GzEncoder::new(
                buffered,
                flate2::Compression::default(),
            )))
        } else {
            Sink::Plain(buffered)
        };
        Ok(AtomicOutput {
            temp,
            _guard: guard,
            sink: Some(sink),
            target: target.to_path_buf(),
        })
    }

    /// Flushes, fsyncs and renames the file into place, keeping `mode_from`'s
    /// permissions when given (for `--in-place`); else the output is 0644,
    /// less what `like` (its input) denies its group and others: the copy
    /// of a 0600 input is 0600.
    ///
    /// # Errors
    /// Any step's I/O error; the temporary file is then removed.
    pub fn commit(mut self, mode_from: Option<&Path>, like: Option<&Path>) -> io::Result<Written> {
        let buffered = match self.sink.take() {
            Some(Sink::Plain(w)) => w,
            Some(Sink::Gzip(w)) => w.finish()?,
            None => return Err(io::Error::other("output already finished")),
        };
        let hashing = buffered.into_inner().map_err(|e| e.into_error())?;
        hashing.inner.sync_all()?;
        match mode_from.and_then(|src| std::fs::metadata(src).ok()) {
            Some(meta) => {
                keep_owner(self.temp.as_file(), &meta).map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("cannot keep the file's owner ({e}); the input is left as it was"),
                    )
                })?;
                std::fs::set_permissions(self.temp.path(), meta.permissions())?;
            }
            None => set_shareable(self.temp.path(), like)?,
        }
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(Written {
            bytes: hashing.bytes,
            sha256: crate::key::hex(&hashing.hash.finalize()),
        })
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self.sink.as_mut() {
            Some(Sink::Plain(w)) => w.write(bytes),
            Some(Sink::Gzip(w)) => w.write(bytes),
            None => Err(io::Error::other("output already finished")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.sink.as_mut() {
            Some(Sink::Plain(w)) => w.flush(),
            Some(Sink::Gzip(w)) => w.flush(),
            None => Ok(()),
        }
    }
}

/// `e` with the path it is about (`File exists (os error 17)` alone does
/// not say which file).
pub fn at(path: &Path, e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// The error without what tempfile appends to it, the name of the
/// temporary file it tried (`… at path "/out/.qorgau-1-x.tmp"`): that file
/// never existed, and the user never named it. (tempfile's error type is
/// private and does not give the OS error back, so the text is cut.)
fn without_temp_path(e: io::Error) -> io::Error {
    match e.to_string().split_once(" at path \"") {
        Some((plain, _)) => io::Error::new(e.kind(), plain.to_string()),
        None => e,
    }
}

/// Writes a whole small file atomically (the manifest).
///
/// # Errors
/// Any I/O error; nothing is left behind then.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = AtomicOutput::create(target, false)?;
    out.write_all(bytes).map_err(|e| at(target, &e))?;
    out.commit(None, None)
        .map(|_| ())
        .map_err(|e| at(target, &e))
}

/// Gives a replacement the owner and group of the file it replaces; a
/// replacement that cannot have them is not put in place.
#[cfg(unix)]
fn keep_owner(temp: &File, of: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = temp.metadata()?;
    if (now.uid(), now.gid()) == (of.uid(), of.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(temp, Some(of.uid()), Some(of.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_temp: &File, _of: &std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Temporary files are private (0600); a finished output gets the usual
/// 0644, since an anonymized copy is made to be shared — but never more
/// than its input allows: read bits the input denies its group or others
/// stay off (a 0600 input gives a 0600 output, a 0640 one 0640).
#[cfg(unix)]
fn set_shareable(path: &Path, like: Option<&Path>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let allowed = like
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(0o644, |m| m.permissions().mode() | 0o600);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644 & allowed))
}

#[cfg(not(unix))]
fn set_shareable(_path: &Path, _like: Option<&Path>) -> io::Result<()> {
    Ok(())
}
