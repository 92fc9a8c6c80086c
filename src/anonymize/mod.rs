//! `anonymize`: writes a copy of each input in which every finding is
//! replaced as the policy says. Chunks are rewritten in parallel and written
//! in order to an atomic output per input; an input that fails leaves no
//! output behind. Afterwards an audit manifest is written, and `--verify`
//! re-scans the outputs for kinds the policy anonymized.

mod buffer;
mod encode;
mod manifest;
mod output;
mod parquet_file;
mod rewrite;
mod targets;
mod verify;
use verify::verify;

pub use buffer::anonymize_table_bytes;
pub use manifest::Manifest;
use rewrite::rewrite_chunk_to;
pub use rewrite::{anonymize_bytes, anonymize_chunk};
pub use targets::{is_manifest, manifest_path};

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::codec::{Codec, Unmappable};
use crate::engine::Engine;
use crate::input::{self, Input, Source};
use crate::key::Key;
use crate::kind::Kind;
use crate::pipeline::{self, Event};
use crate::policy::Policy;
use manifest::{ErrorInfo, FileInfo, PolicyInfo};
use output::AtomicOutput;

/// Where outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Same relative paths under this directory.
    Dir(PathBuf),
    /// One input, to this file.
    File(PathBuf),
    /// One input, to standard output.
    Stdout,
    /// Over the inputs themselves (`--in-place`).
    InPlace,
}

/// How `anonymize` runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub target: Target,
    /// Where the manifest goes; by default `DIR/qorgau-manifest.json` or
    /// `FILE.qorgau-manifest.json`, none for stdout and in-place.
    pub manifest: Option<PathBuf>,
    pub verify: bool,
    /// Write in this encoding instead of the input's (tables and text).
    pub output_encoding: Option<Codec>,
    /// Write the output encoding's byte-order mark even when the input
    /// had none (`--output-encoding utf-16`, which names no byte order).
    pub output_bom: bool,
    /// What a character the output encoding cannot hold does.
    pub unmappable: Unmappable,
    /// Tables: enforce k-anonymity on these quasi-identifiers.
    pub kanon: Option<crate::kanon::KOptions>,
    pub pipeline: pipeline::Options,
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    pub manifest: Manifest,
    pub manifest_path: Option<PathBuf>,
    /// Per input that failed: path and message (no raw values).
    pub errors: Vec<(String, String)>,
    /// Why the manifest could not be written (naming its path).
    pub manifest_error: Option<String>,
}

impl Outcome {
    /// Whether every input was anonymized (and verified, if asked).
    pub fn success(&self) -> bool {
        self.errors.is_empty()
            && self.manifest_error.is_none()
            && self.manifest.verify.as_ref().is_none_or(|v| v.passed)
    }
}

/// The output path of `input`, or why there is none.
fn target_path(input: &Input, target: &Target) -> Result<Option<PathBuf>, String> {
    let path = match (target, &input.source) {
        (Target::Stdout, _) => return Ok(None),
        (Target::InPlace, Source::Stdin) => {
            return Err("stdin cannot be anonymized in place".into())
        }
        // qorgau writes no zstd: the output would be plain text under a
        // name that promises compression.
        (Target::InPlace, Source::File(p)) if input::is_zstd(p) => {
            return Err(
                "a .zst input cannot be anonymized in place (zstd is read, not written); \
                 use --out DIR, which writes it decompressed; not anonymized, nothing written"
                    .into(),
            )
        }
        // A symlink's target is rewritten, not the link replaced by a file.
        (Target::InPlace, Source::File(p)) => {
            return Ok(Some(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        }
        (Target::File(f), _) => f.clone(),
        (Target::Dir(d), _) => {
            let mut rel = input.relative.clone();
            if input::is_zstd(&rel) {
                rel.set_extension("");
            }
            d.join(rel)
        }
    };
    if let Source::File(src) = &input.source {
        let same = match (src.canonicalize(), path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(format!(
                "the output {} would overwrite the input; use --in-place to replace inputs",
                path.display()
            ));
        }
    }
    Ok(Some(path))
}

/// The per-input state of the writer.
struct Current {
    output: Option<AtomicOutput>,
    stdout: bool,
    path: Option<PathBuf>,
    failed: Option<String>,
    in_hash: Sha256,
    in_bytes: u64,
    /// Input offset up to which output has been written.
    covered: u64,
    /// Tables: data rows and lines before the current chunk.
    rows: u64,
    lines: u64,
    /// Tables: rows dropped to reach k-anonymity.
    suppressed: u64,
    /// The encoding the output is written in, when known (tables, and
    /// text that was decoded or is re-encoded): `--verify` reads it so.
    encoding: Option<Codec>,
    /// Text written in another encoding than the rewrite's UTF-8.
    encoder: Option<encode::TextEncoder>,
    /// Bytes of this input's output already sent to standard output.
    sent: u64,
    /// Replacements per kind and operator, counted in the manifest only
    /// if the input succeeds.
    counts: BTreeMap<(Kind, &'static str), u64>,
}

/// Anonymizes `inputs` under `policy`.
///
/// # Errors
/// Errors that stop the whole run (writing to stdout or the manifest); an
/// `InvalidInput` error, before anything is written, when outputs would
/// collide or land on inputs (one line per problem). A failing input is
/// reported in the outcome and the others still run.
pub fn run(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    inputs: &[Input],
    opts: &Options,
) -> io::Result<Outcome> {
    let problems = targets::check(inputs, opts);
    if !problems.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}; nothing was written", problems.join(";\n")),
        ));
    }
    let sources: Vec<Source> = inputs.iter().map(|i| i.source.clone()).collect();
    let mut manifest = Manifest {
        tool: "qorgau",
        version: env!("CARGO_PKG_VERSION"),
        created: rfc3339_now(),
        policy: PolicyInfo {
            origin: policy.origin.clone(),
            sha256: crate::key::hex(&Sha256::digest(policy.text.as_bytes())),
        },
        key_id: key.map(Key::id),
        ..Manifest::default()
    };
    let mut counts: BTreeMap<(Kind, &'static str), u64> = BTreeMap::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    // k-anonymity: one planning pass per table before the rewrite.
    let plans: Vec<Option<Result<crate::kanon::Plan, String>>> = inputs
        .iter()
        .map(|input| {
            let k = opts.kanon.as_ref()?;
            let name = input.source.display();
            let parquet = crate::parquet::is_parquet(&input.source, opts.pipeline.table.format);
            if !opts.pipeline.table.is_table(&name) && !parquet {
                return Some(Err(
                    "--min-k applies to tables (CSV/TSV/Parquet) only".to_string()
                ));
            }
            Some(crate::kanon::plan_table(
                &input.source,
                &opts.pipeline.table,
                engine.context(),
                k,
            ))
        })
        .collect();
    let plan_of = |i: usize| {
        plans
            .get(i)
            .and_then(|p| p.as_ref())
            .and_then(|p| p.as_ref().ok())
    };
    let encoding = rewrite::OutputEncoding {
        to: opts.output_encoding,
        bom: opts.output_bom,
        unmappable: opts.unmappable,
    };
    let mut current: Option<Current> = None;
    let stdout = io::stdout();
    let mut stdout = io::BufWriter::with_capacity(256 << 10, stdout.lock());

    // Runs of text and CSV inputs go through the chunk pipeline; each
    // Parquet input is rewritten on its own, in its place in the order.
    let mut base = 0;
    while base < inputs.len() {
        let parquet = |i: &Input| crate::parquet::is_parquet(&i.source, opts.pipeline.table.format);
        if parquet(&inputs[base]) {
            let input = &inputs[base];
            let done = match plans.get(base) {
                Some(Some(Err(e))) => {
                    parquet_file::Done::failed(input, &format!("{e}; nothing written"))
                }
                _ => parquet_file::anonymize(
                    engine,
                    policy,
                    key,
                    input,
                    &opts.target,
                    plan_of(base),
                    &mut stdout,
                )?,
            };
            merge_parquet(done, &mut manifest, &mut errors, &mut counts);
            base += 1;
            continue;
        }
        let end = inputs[base..]
            .iter()
            .position(parquet)
            .map_or(inputs.len(), |p| base + p);
        pipeline::run(
            &sources[base..end],
            &opts.pipeline,
            engine,
            |chunk| {
                rewrite_chunk_to(
                    engine,
                    policy,
                    key,
                    chunk,
                    encoding,
                    plan_of(base + chunk.source),
                )
            },
            |event, rewritten| {
                match event {
                    Event::Chunk(i, chunk) => {
                        let cur = current.get_or_insert_with(|| {
                            open_planned(&inputs[base + *i], &opts.target, plans.get(base + *i))
                        });
                        let r = rewritten.expect("every chunk is rewritten");
                        cur.in_hash.update(chunk.body());
                        cur.in_bytes += chunk.body().len() as u64;
                        if cur.failed.is_some() {
                            return Ok(());
                        }
                        if chunk.index == 0 {
                            let target = encoding.target(chunk);
                            cur.encoding = match &chunk.layout {
                                Some(layout) => Some(target.unwrap_or(layout.encoding)),
                                None => Some(target.unwrap_or(crate::codec::UTF_8)),
                            };
                            // Text: re-encoded here when another encoding is
                            // asked for, or it was decoded while read.
                            cur.encoder = match target {
                                Some(to)
                                    if chunk.layout.is_none()
                                        && (chunk.decoded.is_some() || !to.is_utf8()) =>
                                {
                                    let bom =
                                        opts.output_bom || chunk.decoded.is_some_and(|d| d.bom > 0);
                                    Some(encode::TextEncoder::new(to, bom, opts.unmappable))
                                }
                                _ => None,
                            };
                        }
                        if chunk.layout.is_some() {
                            if let Some(bad) = r.bad {
                                let at = bad.at;
                                let from = chunk.body.start.min(at);
                                let line = cur.lines
                                    + memchr::memchr_iter(b'\n', &chunk.data[from..at]).count()
                                        as u64;
                                cur.failed = Some(format!(
                                        "{} at line {line}, row {} (byte {}): not anonymized, no output written",
                                        bad.describe(),
                                        cur.rows + r.rows + 1,
                                        chunk.offset + at as u64
                                    ));
                                cur.output = None;
                                return Ok(());
                            }
                            cur.rows += r.rows;
                            cur.suppressed += r.suppressed;
                            cur.lines += memchr::memchr_iter(b'\n', chunk.body()).count() as u64;
                        }
                        let start = chunk.body_offset();
                        let skip = cur.covered.saturating_sub(start) as usize;
                        debug_assert!(skip <= r.lead_literal);
                        let bytes = &r.out[skip.min(r.out.len())..];
                        for &(k, op) in &r.counts {
                            *cur.counts.entry((k, op)).or_default() += 1;
                        }
                        cur.covered = start + chunk.body().len() as u64 + r.overrun as u64;
                        let encoded;
                        let bytes = match cur.encoder.as_mut() {
                            Some(e) => {
                                let mut v = Vec::with_capacity(bytes.len() * 2 + 3);
                                if let Err(why) = e.push(bytes, &mut v) {
                                    cur.failed = Some(why);
                                    cur.output = None;
                                    return Ok(());
                                }
                                encoded = v;
                                &encoded[..]
                            }
                            None => bytes,
                        };
                        if cur.stdout {
                            stdout.write_all(bytes)?;
                            cur.sent += bytes.len() as u64;
                        } else if let Some(out) = cur.output.as_mut() {
                            if let Err(e) = out.write_all(bytes) {
                                cur.failed = Some(format!("write error: {e}"));
                                cur.output = None;
                            }
                        }
                    }
                    Event::Note(i, status, message) => {
                        let cur = current.get_or_insert_with(|| {
                            open_planned(&inputs[base + *i], &opts.target, plans.get(base + *i))
                        });
                        let why = match *status {
                            "skipped" | "partial" => {
                                format!("{message}; not anonymized, no output written")
                            }
                            _ => message.clone(),
                        };
                        cur.failed.get_or_insert(why);
                        cur.output = None;
                    }
                    Event::Done(i) => {
                        let mut cur = current
                            .take()
                            .unwrap_or_else(|| open(&inputs[base + *i], &opts.target));
                        if let (Some(mut e), None) = (cur.encoder.take(), &cur.failed) {
                            let mut tail = Vec::new();
                            match e.finish(&mut tail) {
                                Err(why) => {
                                    cur.failed = Some(why);
                                    cur.output = None;
                                }
                                Ok(()) if cur.stdout => {
                                    stdout.write_all(&tail)?;
                                    cur.sent += tail.len() as u64;
                                }
                                Ok(()) => {
                                    if let Some(out) = cur.output.as_mut() {
                                        if let Err(e) = out.write_all(&tail) {
                                            cur.failed = Some(format!("write error: {e}"));
                                            cur.output = None;
                                        }
                                    }
                                }
                            }
                        }
                        finish(
                            &inputs[base + *i],
                            cur,
                            &mut manifest,
                            &mut errors,
                            &mut counts,
                        );
                    }
                }
                Ok(())
            },
        )?;
        base = end;
    }
    stdout.flush()?;
    for ((kind, op), n) in counts {
        *manifest
            .counts
            .entry(kind.id().to_string())
            .or_default()
            .entry(op.to_string())
            .or_default() += n;
    }
    for (input, plan) in inputs.iter().zip(&plans) {
        if let Some(Ok(p)) = plan {
            let suppressed = manifest
                .suppressed
                .iter()
                .find(|(n, _)| *n == input.source.display())
                .map_or(p.suppressed_rows, |(_, s)| *s);
            manifest.k_anonymity.push(manifest::KInfo {
                path: input.source.display(),
                quasi: p.quasi.clone(),
                hierarchies: p.hierarchies.clone(),
                levels: p.levels.clone(),
                k: p.k,
                rows: p.rows,
                suppressed_rows: suppressed,
            });
        }
    }
    for (path, message) in &errors {
        manifest.errors.push(ErrorInfo {
            path: path.clone(),
            message: message.clone(),
        });
    }
    if opts.verify {
        manifest.verify = Some(verify(policy, &manifest, opts));
    }
    let mut manifest_path = manifest_path(&opts.target, opts.manifest.as_deref());
    let mut manifest_error = None;
    if let Some(path) = &manifest_path {
        let mut json = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
        json.push(b'\n');
        // The inputs' own errors are still told (a read-only target fails
        // them all, then the manifest).
        if let Err(e) = output::write_atomic(path, &json) {
            manifest_error = Some(format!("manifest {}: not written: {e}", path.display()));
        }
    }
    if manifest_error.is_some() {
        manifest_path = None;
    }
    Ok(Outcome {
        manifest,
        manifest_path,
        errors,
        manifest_error,
    })
}

/// As [`open`], or an input failed from the start when its k-anonymity
/// plan could not be made (nothing is created for it).
fn open_planned(
    input: &Input,
    target: &Target,
    plan: Option<&Option<Result<crate::kanon::Plan, String>>>,
) -> Current {
    match plan {
        Some(Some(Err(e))) => Current::failed(format!("{e}; nothing written")),
        _ => open(input, target),
    }
}

impl Current {
    fn new(stdout: bool) -> Current {
        Current {
            output: None,
            stdout,
            path: None,
            failed: None,
            in_hash: Sha256::new(),
            in_bytes: 0,
            covered: 0,
            rows: 0,
            lines: 1,
            suppressed: 0,
            encoding: None,
            encoder: None,
            sent: 0,
            counts: BTreeMap::new(),
        }
    }

    fn failed(why: String) -> Current {
        let mut cur = Current::new(false);
        cur.failed = Some(why);
        cur
    }
}

fn open(input: &Input, target: &Target) -> Current {
    let mut cur = Current::new(matches!(target, Target::Stdout));
    match target_path(input, target) {
        Ok(None) => {}
        Ok(Some(path)) => {
            if *target == Target::InPlace {
                warn_links(&path);
            }
            let gzip = input::is_gzip(&path);
            match AtomicOutput::create(&path, gzip) {
                Ok(out) => cur.output = Some(out),
                Err(e) => cur.failed = Some(format!("{}: {e}", path.display())),
            }
            cur.path = Some(path);
        }
        Err(message) => cur.failed = Some(message),
    }
    cur
}

/// Closes the output of one input: an input that failed is listed under
/// `errors` only, one that succeeded among the inputs (and its counts).
fn finish(
    input: &Input,
    cur: Current,
    manifest: &mut Manifest,
    errors: &mut Vec<(String, String)>,
    counts: &mut BTreeMap<(Kind, &'static str), u64>,
) {
    let name = input.source.display();
    let info = FileInfo {
        path: name.clone(),
        bytes: cur.in_bytes,
        sha256: crate::key::hex(&cur.in_hash.finalize()),
        note: None,
    };
    if let Some(why) = cur.failed {
        errors.push((name, on_stdout(why, cur.sent)));
        return;
    }
    let succeeded = |manifest: &mut Manifest, counts: &mut BTreeMap<_, u64>| {
        manifest.inputs.push(info);
        for (k, n) in cur.counts {
            *counts.entry(k).or_default() += n;
        }
    };
    if cur.suppressed > 0 || cur.rows > 0 {
        manifest.suppressed.push((name.clone(), cur.suppressed));
    }
    let mode_from = in_place_of(input, cur.path.as_deref());
    let (Some(out), Some(path)) = (cur.output, cur.path) else {
        // Standard output: written as it went.
        succeeded(manifest, counts);
        return;
    };
    {
        let like = match &input.source {
            Source::File(p) => Some(p.as_path()),
            Source::Stdin => None,
        };
        match out.commit(mode_from.as_deref(), like) {
            Ok(w) => {
                succeeded(manifest, counts);
                if let Some(e) = cur.encoding {
                    manifest.encodings.insert(path.display().to_string(), e);
                }
                manifest.outputs.push(FileInfo {
                    path: path.display().to_string(),
                    bytes: w.bytes,
                    sha256: w.sha256,
                    note: input::is_zstd(&input.relative)
                        .then(|| "written decompressed".to_string()),
                })
            }
            Err(e) => errors.push((name, format!("{}: {e}", path.display()))),
        }
    }
}

/// For an output that replaces its input: the input, whose mode and owner
/// the output keeps.
fn in_place_of(input: &Input, out: Option<&std::path::Path>) -> Option<PathBuf> {
    match (&input.source, out) {
        (Source::File(p), Some(out))
            if p == out || std::fs::canonicalize(p).is_ok_and(|c| c == out) =>
        {
            Some(out.to_path_buf())
        }
        _ => None,
    }
}

/// Warns when a file about to be replaced in place has other hard links:
/// they keep the original content.
fn warn_links(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.nlink() > 1 {
                crate::say!(
                    "qorgau: {}: warning: {} other hard link(s) to this file keep the original, \
                     not anonymized content",
                    path.display(),
                    m.nlink() - 1
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The message of an input that failed after part of its output went to
/// standard output: that part cannot be taken back, and is said so.
fn on_stdout(why: String, sent: u64) -> String {
    if sent == 0 {
        return why;
    }
    let said = format!(
        "the {sent} bytes before this point were already written to standard output \
         and are incomplete: discard them"
    );
    if why.contains("no output written") {
        why.replace("no output written", &said)
    } else {
        format!("{why}; {said}")
    }
}

/// Adds what anonymizing one Parquet input did to the run's records.
fn merge_parquet(
    done: parquet_file::Done,
    manifest: &mut Manifest,
    errors: &mut Vec<(String, String)>,
    counts: &mut BTreeMap<(Kind, &'static str), u64>,
) {
    let name = done.input.path.clone();
    if let Some(e) = done.error {
        errors.push((name, e));
        return;
    }
    manifest.inputs.push(done.input);
    for (k, n) in done.report.counts {
        *counts.entry(k).or_default() += n;
    }
    for r in done.report.retyped {
        manifest.retyped.push(manifest::RetypedInfo {
            path: name.clone(),
            column: r.column,
            from: r.from,
            to: r.to,
        });
    }
    manifest
        .suppressed
        .push((name.clone(), done.report.suppressed));
    if !done.report.dropped.is_empty() {
        manifest.dropped.push(manifest::DroppedInfo {
            path: name.clone(),
            columns: done.report.dropped,
        });
    }
    manifest.outputs.extend(done.output);
}

/// Writes a small file atomically (a report).
///
/// # Errors
/// Any I/O error; nothing is left behind then.
pub fn write_file_atomic(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    output::write_atomic(path, bytes)
}

/// Days since 1970-01-01 to a civil date (year, month, day), after Howard
/// Hinnant's `civil_from_days`.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The current time as RFC 3339 UTC.
fn rfc3339_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}
