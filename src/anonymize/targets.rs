//! Where outputs go, checked before anything is written: no two inputs
//! share an output, no output or manifest lands on an input (unless
//! `--in-place`, where each input is its own output), no input is given
//! twice. A run that fails these checks writes nothing at all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{target_path, Options, Target};
use crate::input::{Input, Source};

/// Where the manifest goes: as asked, else `DIR/qorgau-manifest.json` or
/// `FILE.qorgau-manifest.json`; none for stdout and in-place.
pub fn manifest_path(target: &Target, asked: Option<&Path>) -> Option<PathBuf> {
    asked.map(Path::to_path_buf).or_else(|| match target {
        Target::Dir(d) => Some(d.join("qorgau-manifest.json")),
        Target::File(f) => {
            let mut name = f.file_name().unwrap_or_default().to_os_string();
            name.push(".qorgau-manifest.json");
            Some(f.with_file_name(name))
        }
        _ => None,
    })
}

/// Whether `path` holds a manifest qorgau wrote (a walk skips it; any
/// other file of that name is an input like the rest).
pub fn is_manifest(path: &Path) -> bool {
    let mut head = [0u8; 32];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    head[..n].starts_with(b"{\n  \"tool\": \"qorgau\"")
}

/// The identity of an existing file (device and inode on Unix, so that a
/// hard link or a symlink to an input is the input).
#[cfg(unix)]
fn file_id(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(p: &Path) -> Option<PathBuf> {
    p.canonicalize().ok()
}

/// An absolute path with its longest existing ancestor resolved, so that
/// two spellings of a file that does not exist yet compare equal.
fn normal(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut base = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(mut c) = base.canonicalize() {
            c.extend(rest.iter().rev());
            return c;
        }
        match (base.file_name(), base.parent()) {
            (Some(n), Some(parent)) => {
                rest.push(n);
                base = parent;
            }
            _ => return abs,
        }
    }
}

/// Every reason the run would overwrite or lose something, each naming the
/// paths involved; empty when it is safe to start.
pub(super) fn check(inputs: &[Input], opts: &Options) -> Vec<String> {
    let mut problems = Vec::new();
    // Existing inputs by identity.
    let mut by_id = HashMap::new();
    for input in inputs {
        if let Source::File(p) = &input.source {
            if let Some(id) = file_id(p) {
                if let Some(first) = by_id.insert(id, p) {
                    let also = if first == p {
                        String::new()
                    } else {
                        format!(" (also as {})", first.display())
                    };
                    problems.push(format!("the input {} is given twice{also}", p.display()));
                }
            }
        }
    }
    let on_input = |out: &Path| file_id(out).and_then(|id| by_id.get(&id).copied());
    let mut outputs: HashMap<PathBuf, &Source> = HashMap::new();
    if opts.target != Target::InPlace {
        for input in inputs {
            let Ok(Some(out)) = target_path(input, &opts.target) else {
                continue;
            };
            if let Some(other) = on_input(&out) {
                problems.push(format!(
                    "the output {} of {} is the input {}; use --in-place to replace inputs",
                    out.display(),
                    input.source.display(),
                    other.display()
                ));
            }
            if let Some(first) = outputs.insert(normal(&out), &input.source) {
                problems.push(format!(
                    "{} and {} would both be written to {}",
                    first.display(),
                    input.source.display(),
                    out.display()
                ));
            }
        }
    }
    if let Some(m) = manifest_path(&opts.target, opts.manifest.as_deref()) {
        if let Some(input) = on_input(&m) {
            problems.push(format!(
                "the manifest {} is the input {}",
                m.display(),
                input.display()
            ));
        } else if let Some(source) = outputs.get(&normal(&m)) {
            problems.push(format!(
                "the manifest {} is the output of {}",
                m.display(),
                source.display()
            ));
        }
    }
    problems
}
