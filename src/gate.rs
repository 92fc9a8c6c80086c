//! The CI gate between the scan and a printer: drops the findings a project
//! has exempted — an inline `qorgau:allow` on the line, the policy's
//! `[allow]` (values, patterns, fingerprints, documented test data), a
//! baseline — counting each exemption by reason, fingerprints the rest, and
//! decides which of them fail the run (`--fail-on`, `--fail-confidence`).
//! Paths ignored by `.qorgauignore` or `[allow] paths` are taken out of the
//! inputs before the scan, and counted too.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::allow::{Ignored, IGNORE_FILE};
use crate::baseline::Baseline;
use crate::fingerprint::Fingerprinter;
use crate::input::Source;
use crate::key::Key;
use crate::kind::{Kind, KindSet};
use crate::policy::Policy;
use crate::report::{Note, Record, Sink, Summary};

/// The inline marker that exempts the findings on its line.
pub const MARKER: &[u8] = b"qorgau:allow";

/// What may be exempted, for `scan`, `profile` and `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExemptArgs {
    /// Policy file whose `[allow]` applies (values, patterns, fingerprints,
    /// test_data, paths).
    #[arg(long, short = 'p', value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Paths never reported, in gitignore syntax (default: `.qorgauignore`
    /// in the current directory, when there is one).
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
    /// Do not read `.qorgauignore`.
    #[arg(long)]
    pub no_ignore: bool,
    /// Key of the fingerprints (hex or base64, at least 32 bytes); otherwise
    /// the QORGAU_KEY environment variable; without either, fingerprints are
    /// unkeyed (docs/ci.md).
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
}

/// The gate's flags of `scan`.
#[derive(Debug, Clone, clap::Args)]
pub struct GateArgs {
    #[command(flatten)]
    pub exempt: ExemptArgs,
    /// Report only the findings that are not in this baseline.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the findings (less the exempted ones) to this baseline file and
    /// exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Only findings of these kinds give exit status 1 (comma-separated
    /// ids); all are still reported.
    #[arg(long, value_name = "LIST")]
    pub fail_on: Option<String>,
    /// Only findings at or above this confidence give exit status 1; all
    /// above --min-confidence are still reported.
    #[arg(long, value_name = "F")]
    pub fail_confidence: Option<f32>,
}

/// Why the gate's flags or files do not hold. Messages never hold a value
/// or key material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateError {
    /// A bad flag (`--fail-on`, `--fail-confidence`).
    Flag(String),
    Policy(crate::policy::PolicyError),
    Ignore(crate::allow::IgnoreError),
    Key(crate::key::KeyError),
    Baseline(crate::baseline::BaselineError),
}

impl std::fmt::Display for GateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GateError::Flag(m) => f.write_str(m),
            GateError::Policy(e) => write!(f, "policy: {e}"),
            GateError::Ignore(e) => e.fmt(f),
            GateError::Key(e) => e.fmt(f),
            GateError::Baseline(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for GateError {}

/// Everything `scan`'s gate flags load: exemptions, the baseline to read,
/// the one to write, and what fails.
#[derive(Debug)]
pub struct Prepared {
    pub exemptions: Exemptions,
    pub baseline: Option<Baseline>,
    pub written: Option<Baseline>,
    pub fail: FailOn,
}

impl GateArgs {
    /// Reads the policy, ignore file, key and baseline the flags name.
    ///
    /// # Errors
    /// A [`GateError`] naming the flag or file.
    pub fn prepare(&self) -> Result<Prepared, GateError> {
        let fail = FailOn::parse(self.fail_on.as_deref(), self.fail_confidence)
            .map_err(GateError::Flag)?;
        let exemptions = Exemptions::load(&self.exempt)?;
        let baseline = match &self.baseline {
            Some(p) => {
                Some(Baseline::load(p, &exemptions.fingerprinter).map_err(GateError::Baseline)?)
            }
            None => None,
        };
        let written = self
            .write_baseline
            .as_ref()
            .map(|_| Baseline::new(&exemptions.fingerprinter));
        Ok(Prepared {
            exemptions,
            baseline,
            written,
            fail,
        })
    }
}

impl Prepared {
    /// The gate in front of `inner`; `shown` whether the printer shows
    /// fingerprints.
    pub fn gate<'a>(&'a mut self, inner: &'a mut dyn Sink, ignored: u64, shown: bool) -> Gate<'a> {
        Gate::new(
            inner,
            &self.exemptions,
            self.baseline.as_ref(),
            self.written.as_mut(),
            self.fail,
            ignored,
        )
        .with_fingerprints(shown)
    }

    /// Writes the collected baseline to `path`; the exit code (0, or 2
    /// after a message).
    pub fn write_baseline(&self, path: &Path) -> i32 {
        let Some(b) = &self.written else {
            return 2;
        };
        match crate::anonymize::write_file_atomic(path, b.to_json().as_bytes()) {
            Ok(()) => {
                crate::say!(
                    "qorgau: wrote {} findings to the baseline {} ({} fingerprints)",
                    b.entries.len(),
                    path.display(),
                    b.scheme.scheme
                );
                0
            }
            Err(e) => {
                crate::say!("qorgau: {}: {e}", path.display());
                2
            }
        }
    }
}

/// Exemptions loaded from the flags.
#[derive(Debug)]
pub struct Exemptions {
    policy: Option<Policy>,
    ignored: Ignored,
    pub fingerprinter: Fingerprinter,
}

impl Exemptions {
    /// Reads the policy, the ignore file and the key.
    ///
    /// # Errors
    /// A [`GateError`] naming the file that does not hold.
    pub fn load(args: &ExemptArgs) -> Result<Exemptions, GateError> {
        let policy = match &args.policy {
            Some(p) => Some(Policy::load(p).map_err(GateError::Policy)?),
            None => None,
        };
        let file = match (&args.ignore_file, args.no_ignore) {
            (Some(f), _) => Some(f.clone()),
            (None, false) if Path::new(IGNORE_FILE).is_file() => Some(IGNORE_FILE.into()),
            _ => None,
        };
        let paths = policy
            .as_ref()
            .map(|p| p.allow_paths.clone())
            .unwrap_or_default();
        let ignored = Ignored::load(file.as_deref(), &paths).map_err(GateError::Ignore)?;
        let key = Key::load(args.key_file.as_deref()).map_err(GateError::Key)?;
        Ok(Exemptions {
            policy,
            ignored,
            fingerprinter: Fingerprinter::new(key),
        })
    }

    /// The sources less the ignored ones, and how many were ignored.
    pub fn filter(&self, sources: Vec<Source>) -> (Vec<Source>, u64) {
        if self.ignored.is_empty() {
            return (sources, 0);
        }
        let before = sources.len();
        let kept: Vec<Source> = sources
            .into_iter()
            .filter(|s| !matches!(s, Source::File(p) if self.ignored.ignores(p)))
            .collect();
        let ignored = (before - kept.len()) as u64;
        (kept, ignored)
    }
}

/// Which reported findings fail the run.
#[derive(Debug, Clone, Copy)]
pub struct FailOn {
    pub kinds: KindSet,
    pub min_confidence: f32,
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn {
            kinds: KindSet::all(),
            min_confidence: 0.0,
        }
    }
}

impl FailOn {
    /// From `--fail-on` and `--fail-confidence`.
    ///
    /// # Errors
    /// An unknown kind or a confidence outside 0–1.
    pub fn parse(list: Option<&str>, confidence: Option<f32>) -> Result<FailOn, String> {
        let kinds = match list {
            Some(l) => KindSet::parse_list(l).map_err(|e| format!("--fail-on: {e}"))?,
            None => KindSet::all(),
        };
        let min_confidence = confidence.unwrap_or(0.0);
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err("--fail-confidence must be between 0 and 1".into());
        }
        Ok(FailOn {
            kinds,
            min_confidence,
        })
    }

    fn fails(&self, kind: Kind, confidence: f32) -> bool {
        self.kinds.contains(kind) && confidence >= self.min_confidence
    }
}

/// What the gate let through and held back.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Findings passed on to the printer.
    pub reported: u64,
    /// Of those, the ones that fail the run.
    pub failing: u64,
    /// Exempted findings per reason.
    pub exempt: BTreeMap<&'static str, u64>,
    /// Exempted findings per path and kind, taken off the summary's counts.
    removed: BTreeMap<(String, Kind), u64>,
}

/// The gate: a [`Sink`] in front of a printer.
pub struct Gate<'a> {
    inner: &'a mut dyn Sink,
    ex: &'a Exemptions,
    baseline: Option<&'a Baseline>,
    write: Option<&'a mut Baseline>,
    fail: FailOn,
    ignored_files: u64,
    marker: memchr::memmem::Finder<'static>,
    buf: Vec<u8>,
    /// Whether reported findings carry their fingerprint (formats that
    /// print it); baselines and `[allow] fingerprints` make them anyway.
    fingerprints: bool,
    pub tally: Tally,
    /// The summary as the printer got it (exemptions taken off), once
    /// finished.
    pub summary: Option<Summary>,
}

impl<'a> Gate<'a> {
    /// A gate in front of `inner`; `ignored_files` is what
    /// [`Exemptions::filter`] took out.
    pub fn new(
        inner: &'a mut dyn Sink,
        ex: &'a Exemptions,
        baseline: Option<&'a Baseline>,
        write: Option<&'a mut Baseline>,
        fail: FailOn,
        ignored_files: u64,
    ) -> Gate<'a> {
        Gate {
            inner,
            ex,
            baseline,
            write,
            fail,
            ignored_files,
            marker: memchr::memmem::Finder::new(MARKER),
            buf: Vec::new(),
            fingerprints: true,
            tally: Tally::default(),
            summary: None,
        }
    }

    /// Whether the printer shows fingerprints (`jsonl`, `json`, `sarif`):
    /// when it does not and nothing else needs them, none is made.
    pub fn with_fingerprints(mut self, shown: bool) -> Self {
        self.fingerprints = shown;
        self
    }

    fn exempt(&mut self, r: &Record, why: &'static str) {
        *self.tally.exempt.entry(why).or_default() += 1;
        *self
            .tally
            .removed
            .entry((r.path.to_string(), r.kind))
            .or_default() += 1;
    }
}

impl Sink for Gate<'_> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        if self.marker.find(r.line_text).is_some() {
            self.exempt(r, "inline");
            return Ok(());
        }
        if let Some(why) = self
            .ex
            .policy
            .as_ref()
            .and_then(|p| p.allows_why(r.kind, r.value))
        {
            self.exempt(r, why);
            return Ok(());
        }
        let by_fingerprint = self
            .ex
            .policy
            .as_ref()
            .is_some_and(|p| !p.allow_fingerprints.is_empty());
        let fp = if self.fingerprints
            || by_fingerprint
            || self.baseline.is_some()
            || self.write.is_some()
        {
            Some(self.ex.fingerprinter.of(r.kind, r.value, &mut self.buf))
        } else {
            None
        };
        if let Some(fp) = &fp {
            if by_fingerprint
                && self
                    .ex
                    .policy
                    .as_ref()
                    .is_some_and(|p| p.allow_fingerprints.contains(fp))
            {
                self.exempt(r, "fingerprints");
                return Ok(());
            }
            if let Some(w) = self.write.as_deref_mut() {
                w.insert(r.path, r.kind.id(), fp);
            }
            if self
                .baseline
                .is_some_and(|b| b.contains(r.path, r.kind.id(), fp))
            {
                self.exempt(r, "baseline");
                return Ok(());
            }
        }
        self.tally.reported += 1;
        if self.fail.fails(r.kind, r.confidence) {
            self.tally.failing += 1;
        }
        let record = Record {
            fingerprint: fp.as_deref(),
            ..r.clone()
        };
        self.inner.finding(&record)
    }

    fn note(&mut self, note: &Note) -> io::Result<()> {
        self.inner.note(note)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let mut s = summary.clone();
        subtract(&mut s, &self.tally.removed);
        s.exempt = self
            .tally
            .exempt
            .iter()
            .map(|(k, v)| ((*k).to_string(), *v))
            .collect();
        s.ignored_files = self.ignored_files;
        let r = self.inner.finish(&s);
        self.summary = Some(s);
        r
    }
}

/// Takes exempted findings off a summary's totals.
fn subtract(s: &mut Summary, removed: &BTreeMap<(String, Kind), u64>) {
    for ((path, kind), n) in removed {
        s.findings = s.findings.saturating_sub(*n);
        let id = kind.id();
        if let Some(total) = s.kinds.get_mut(id) {
            *total = total.saturating_sub(*n);
            if *total == 0 {
                s.kinds.remove(id);
            }
        }
        if let Some(kinds) = s.per_file.get_mut(path) {
            if let Some(c) = kinds.get_mut(id) {
                *c = c.saturating_sub(*n);
                if *c == 0 {
                    kinds.remove(id);
                }
            }
            if kinds.is_empty() {
                s.per_file.remove(path);
            }
        }
    }
}

/// The line that says what was exempted, or `None` when nothing was.
pub fn exempt_line(s: &Summary) -> Option<String> {
    let n: u64 = s.exempt.values().sum();
    if n == 0 && s.ignored_files == 0 {
        return None;
    }
    let reasons: Vec<String> = s.exempt.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let mut line = format!("{n} findings exempted");
    if !reasons.is_empty() {
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    if s.ignored_files > 0 {
        line.push_str(&format!(
            "; {} files ignored (.qorgauignore, [allow] paths)",
            s.ignored_files
        ));
    }
    Some(line)
}
