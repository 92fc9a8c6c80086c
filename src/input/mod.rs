//! Where bytes come from: PATH arguments resolved to sources (files,
//! directories walked recursively in name order, globs, `-` for stdin),
//! opened with transparent `.gz`/`.zst` decompression, and cut into chunks.

mod chunk;
pub mod legacy;
pub mod shard;
pub mod utf16;

pub use chunk::{Chunk, Chunker, Pool, LOOK_AHEAD, LOOK_BEHIND};

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// How an input decoded to UTF-8 while it is read was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub codec: crate::codec::Codec,
    /// Length of the byte-order mark before the text (0 without one).
    pub bom: u8,
}

impl Decoded {
    /// How many bytes of the input the decoded UTF-8 `text` stands for.
    pub fn input_len(&self, text: &[u8]) -> u64 {
        if self.codec.is_utf16() {
            2 * utf16::utf16_units(text)
        } else {
            // One byte a character: a single-byte encoding.
            text.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
        }
    }
}

/// One input to scan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file, with the path as the user should see it.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as reported in findings (`-` for stdin).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// Size on disk, when known (not for stdin or compressed inputs).
    pub fn size_hint(&self) -> Option<u64> {
        match self {
            Source::File(p) if compression(p).is_none() => p.metadata().ok().map(|m| m.len()),
            _ => None,
        }
    }

    /// Opens the source for reading, decompressing `.gz` and `.zst`. A
    /// stream whose first bytes were already read by [`head`] (stdin, a
    /// pipe, a FIFO) is not opened again: those bytes are replayed.
    ///
    /// # Errors
    /// The I/O error of opening the file or starting the decoder.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let sniffed = take_sniffed(self);
        match self {
            Source::Stdin => Ok(sniffed.unwrap_or_else(|| Box::new(io::stdin()))),
            Source::File(p) => {
                let file: Box<dyn Read + Send> = match sniffed {
                    Some(r) => r,
                    None => Box::new(File::open(p)?),
                };
                Ok(match compression(p) {
                    Some(Compression::Gzip) => {
                        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
                    }
                    Some(Compression::Zstd) => {
                        let dec = ruzstd::decoding::StreamingDecoder::new(BufReader::new(file))
                            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                        Box::new(dec)
                    }
                    None => Box::new(file),
                })
            }
        }
    }
}

/// A stream opened to read its first bytes, kept open with them.
struct Sniffed {
    head: Vec<u8>,
    rest: Box<dyn Read + Send>,
}

/// Streams that cannot be opened twice, by source, after [`head`].
static SNIFFED: std::sync::LazyLock<std::sync::Mutex<HashMap<Source, Sniffed>>> =
    std::sync::LazyLock::new(Default::default);

/// Whether `p` is a regular file (which can be opened again and again);
/// stdin, pipes (`<(…)`), FIFOs and devices cannot.
pub fn is_regular(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file())
}

/// The first bytes of `source` (up to `n`, fewer at its end), to tell its
/// format. A regular file is read and closed; any other stream is opened
/// once and kept, and [`Source::open`] replays these bytes before the rest,
/// so that nothing is lost and a FIFO is never opened twice.
///
/// # Errors
/// Opening or reading the source.
pub fn head(source: &Source, n: usize) -> io::Result<Vec<u8>> {
    let mut reader: Box<dyn Read + Send> = match source {
        Source::File(p) if is_regular(p) => Box::new(File::open(p)?),
        _ => {
            let mut map = SNIFFED.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = map.get(source) {
                return Ok(s.head[..n.min(s.head.len())].to_vec());
            }
            let mut rest: Box<dyn Read + Send> = match source {
                Source::Stdin => Box::new(io::stdin()),
                Source::File(p) => Box::new(File::open(p)?),
            };
            let head = read_up_to(&mut rest, n)?;
            map.insert(
                source.clone(),
                Sniffed {
                    head: head.clone(),
                    rest,
                },
            );
            return Ok(head);
        }
    };
    read_up_to(&mut reader, n)
}

fn read_up_to(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The stream [`head`] kept for `source`, with its first bytes replayed.
fn take_sniffed(source: &Source) -> Option<Box<dyn Read + Send>> {
    let s = SNIFFED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(source)?;
    Some(Box::new(Replay {
        head: s.head,
        at: 0,
        rest: s.rest,
    }))
}

/// Sniffed bytes, then the rest of the stream. A read that takes the last
/// sniffed bytes goes on into the stream, so that a reader filling its
/// buffer once (the UTF-16 check) sees as much as from the plain stream.
struct Replay {
    head: Vec<u8>,
    at: usize,
    rest: Box<dyn Read + Send>,
}

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = &self.head[self.at..];
        if left.is_empty() {
            return self.rest.read(buf);
        }
        let n = left.len().min(buf.len());
        buf[..n].copy_from_slice(&left[..n]);
        self.at += n;
        if self.at < self.head.len() || n == buf.len() {
            return Ok(n);
        }
        match self.rest.read(&mut buf[n..]) {
            Ok(m) => Ok(n + m),
            // The error comes again on the next read.
            Err(_) => Ok(n),
        }
    }
}

/// A file argument's output path: as given when relative and inside the
/// working directory, else its file name.
fn relative_file(path: &Path) -> PathBuf {
    use std::path::Component;
    let plain = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if plain {
        path.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect()
    } else {
        path.file_name()
            .map_or_else(|| PathBuf::from("input"), PathBuf::from)
    }
}

/// Whether a path names a gzip file (outputs keep the compression).
pub fn is_gzip(p: &Path) -> bool {
    matches!(compression(p), Some(Compression::Gzip))
}

/// Whether a path names a zstd file (outputs are written decompressed).
pub fn is_zstd(p: &Path) -> bool {
    matches!(compression(p), Some(Compression::Zstd))
}

enum Compression {
    Gzip,
    Zstd,
}

fn compression(p: &Path) -> Option<Compression> {
    match p.extension()?.to_str()? {
        "gz" => Some(Compression::Gzip),
        "zst" => Some(Compression::Zstd),
        _ => None,
    }
}

/// A source with the path its output takes under an output directory: a
/// directory argument's files keep their path below that directory; a file
/// argument keeps its path as given when relative, else its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: Source,
    pub relative: PathBuf,
}

/// A PATH argument that named nothing readable.
#[derive(Debug)]
pub struct ResolveError {
    pub arg: String,
    pub message: String,
}

/// What a walk says of a symbolic link it does not follow.
pub const SYMLINK_SKIPPED: &str = "symbolic link not followed: skipped";

impl ResolveError {
    /// Whether this is an input left out (a symbolic link in a walked
    /// directory) rather than an error.
    pub fn is_skip(&self) -> bool {
        self.message == SYMLINK_SKIPPED
    }
}

/// Resolves PATH arguments into sources, in argument order; a directory
/// contributes its files in name order (skipping `.git`); an argument that
/// does not exist but holds glob characters is expanded as a glob.
pub fn resolve(args: &[String]) -> (Vec<Source>, Vec<ResolveError>) {
    let (inputs, errors) = resolve_inputs(args);
    (inputs.into_iter().map(|i| i.source).collect(), errors)
}

/// As [`resolve`], with each source's relative output path.
pub fn resolve_inputs(args: &[String]) -> (Vec<Input>, Vec<ResolveError>) {
    resolve_inputs_skipping(args, &[])
}

/// As [`resolve_inputs`], but a directory walk never enters `skip` (the
/// output directory of `anonymize`, its manifest), so that a second run does
/// not read the first run's outputs as inputs. A directory argument that is
/// itself one of them is still walked (and its outputs are then refused as
/// landing on inputs).
pub fn resolve_inputs_skipping(
    args: &[String],
    skip: &[PathBuf],
) -> (Vec<Input>, Vec<ResolveError>) {
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            sources.push(Input {
                source: Source::Stdin,
                relative: PathBuf::from("stdin"),
            });
            continue;
        }
        let path = Path::new(arg);
        if path.exists() {
            walk(path, &skip, &mut sources, &mut errors);
        } else if arg.contains(['*', '?', '[']) {
            match glob::glob(arg) {
                Ok(paths) => {
                    let before = sources.len();
                    for p in paths {
                        match p {
                            Ok(p) => walk(&p, &skip, &mut sources, &mut errors),
                            Err(e) => errors.push(ResolveError {
                                arg: e.path().display().to_string(),
                                message: e.error().to_string(),
                            }),
                        }
                    }
                    if sources.len() == before {
                        errors.push(ResolveError {
                            arg: arg.clone(),
                            message: "no file matches this glob".into(),
                        });
                    }
                }
                Err(e) => errors.push(ResolveError {
                    arg: arg.clone(),
                    message: format!("bad glob: {e}"),
                }),
            }
        } else {
            errors.push(ResolveError {
                arg: arg.clone(),
                message: "no such file or directory".into(),
            });
        }
    }
    (sources, errors)
}

fn walk(path: &Path, skip: &[PathBuf], sources: &mut Vec<Input>, errors: &mut Vec<ResolveError>) {
    if !path.is_dir() {
        sources.push(Input {
            source: Source::File(path.to_path_buf()),
            relative: relative_file(path),
        });
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.file_name() == ".git" {
                return false;
            }
            if e.depth() == 0 || skip.is_empty() {
                return true;
            }
            // Only what could be skipped is resolved (a directory, or a
            // file of a skipped name), not every file.
            let named =
                e.file_type().is_dir() || skip.iter().any(|s| s.file_name() == Some(e.file_name()));
            !(named && e.path().canonicalize().is_ok_and(|c| skip.contains(&c)))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let relative = e
                    .path()
                    .strip_prefix(path)
                    .map_or_else(|_| relative_file(e.path()), Path::to_path_buf);
                sources.push(Input {
                    source: Source::File(e.into_path()),
                    relative,
                });
            }
            Ok(e) if e.path_is_symlink() => errors.push(ResolveError {
                arg: e.path().display().to_string(),
                message: SYMLINK_SKIPPED.into(),
            }),
            Ok(_) => {}
            Err(e) => errors.push(ResolveError {
                arg: e
                    .path()
                    .map_or_else(|| path.display().to_string(), |p| p.display().to_string()),
                message: e.to_string(),
            }),
        }
    }
}
