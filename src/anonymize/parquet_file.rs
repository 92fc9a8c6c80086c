//! `anonymize` of one Parquet input into an atomic output (for stdout, a
//! temporary file copied out once complete, so a failure writes nothing),
//! with the input hashed alongside for the manifest.

use std::io::{self, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::manifest::FileInfo;
use super::output::AtomicOutput;
use super::{target_path, Target};
use crate::engine::Engine;
use crate::input::{self, Input, Source};
use crate::key::Key;
use crate::parquet::rewrite::{anonymize_file, FileReport};
use crate::policy::Policy;

/// What anonymizing one Parquet input did.
pub(super) struct Done {
    pub input: FileInfo,
    pub output: Option<FileInfo>,
    pub report: FileReport,
    /// Why there is no output.
    pub error: Option<String>,
}

impl Done {
    /// An input refused before it was read.
    pub fn failed(input: &Input, why: &str) -> Done {
        Done {
            input: FileInfo {
                path: input.source.display(),
                bytes: 0,
                sha256: String::new(),
                note: None,
            },
            output: None,
            report: FileReport::default(),
            error: Some(why.to_string()),
        }
    }
}

fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let n = io::copy(&mut f, &mut h)?;
    Ok((n, crate::key::hex(&h.finalize())))
}

/// Anonymizes `input` (a Parquet file, or Parquet on stdin) to `target`.
///
/// # Errors
/// Only writing to stdout; everything else is an error in [`Done`].
pub(super) fn anonymize(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    input: &Input,
    target: &Target,
    kanon: Option<&crate::kanon::Plan>,
    stdout: &mut dyn Write,
) -> io::Result<Done> {
    let name = input.source.display();
    let mut done = Done {
        input: FileInfo {
            path: name.clone(),
            bytes: 0,
            sha256: String::new(),
            note: None,
        },
        output: None,
        report: FileReport::default(),
        error: None,
    };
    let (path, _spooled) = match crate::parquet::readable_path(&input.source) {
        Ok(p) => p,
        Err(e) => {
            done.error = Some(format!("cannot spool the stream: {e}"));
            return Ok(done);
        }
    };
    let out_path = match target_path(input, target) {
        Ok(p) => p,
        Err(message) => {
            done.error = Some(message);
            return Ok(done);
        }
    };
    let (hashed, result) = std::thread::scope(|s| {
        let hashing = s.spawn(|| hash_file(&path));
        let result = match &out_path {
            Some(out) => AtomicOutput::create(out, input::is_gzip(out))
                .map_err(|e| format!("{}: {e}", out.display()))
                .and_then(|o| {
                    anonymize_file(engine, policy, key, &path, kanon, o)
                        .map_err(|e| format!("{e}; no output written"))
                })
                .map(|(o, r)| (Some(o), None, r)),
            None => tempfile::tempfile()
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    anonymize_file(engine, policy, key, &path, kanon, t)
                        .map_err(|e| format!("{e}; no output written"))
                })
                .map(|(t, r)| (None, Some(t), r)),
        };
        (hashing.join(), result)
    });
    if let Ok(Ok((bytes, sha256))) = hashed {
        done.input.bytes = bytes;
        done.input.sha256 = sha256;
    }
    let (atomic, temp, report) = match result {
        Ok(r) => r,
        Err(e) => {
            done.error = Some(e);
            return Ok(done);
        }
    };
    done.report = report;
    if let Some(mut t) = temp {
        use std::io::Seek;
        t.rewind()?;
        io::copy(&mut t, stdout)?;
    }
    if let (Some(o), Some(out)) = (atomic, out_path) {
        let mode_from = super::in_place_of(input, Some(&out));
        let like = match &input.source {
            Source::File(p) => Some(p.as_path()),
            Source::Stdin => None,
        };
        match o.commit(mode_from.as_deref(), like) {
            Ok(w) => {
                done.output = Some(FileInfo {
                    path: out.display().to_string(),
                    bytes: w.bytes,
                    sha256: w.sha256,
                    note: None,
                })
            }
            Err(e) => done.error = Some(format!("{}: {e}", out.display())),
        }
    }
    Ok(done)
}
