//! `--verify`: the outputs re-scanned, each in the encoding it was written
//! in (tables and text), for the kinds the policy anonymized.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use super::manifest::{Manifest, VerifyInfo};
use super::Options;
use crate::codec::Codec;
use crate::engine::Engine;
use crate::input::Source;
use crate::kind::KindSet;
use crate::policy::Policy;
use crate::report::{Record, Sink, Summary};

/// Counts findings per kind, printing nothing.
struct Counter(BTreeMap<String, u64>);

impl Sink for Counter {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        *self.0.entry(r.kind.id().to_string()).or_default() += 1;
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Re-scans the outputs for the kinds the policy anonymized.
pub(super) fn verify(policy: &Policy, manifest: &Manifest, opts: &Options) -> VerifyInfo {
    let kinds: KindSet = policy.anonymized_kinds().into_iter().collect();
    // At least as sensitive as a plain `scan`: a value the policy left alone
    // for its low confidence is still personal data to a re-scan.
    let engine = Engine::builder()
        .kinds(kinds)
        .min_confidence(
            policy
                .min_confidence
                .min(crate::engine::DEFAULT_MIN_CONFIDENCE),
        )
        .build();
    // Each output is read back in the encoding it was written in,
    // not detected again: a guess could differ from what the rewrite used.
    let mut groups: BTreeMap<Option<&str>, Vec<Source>> = BTreeMap::new();
    for o in &manifest.outputs {
        let enc = manifest.encodings.get(&o.path).copied();
        groups
            .entry(enc.map(Codec::name))
            .or_default()
            .push(Source::File(PathBuf::from(&o.path)));
    }
    let mut counter = Counter(BTreeMap::new());
    for (enc, sources) in groups {
        // Not the --encoding of the inputs: an output without a recorded
        // encoding (Parquet) is read as `scan` would.
        let mut pipeline = opts.pipeline.clone();
        pipeline.table.encoding = enc.and_then(Codec::for_label);
        match crate::scan::run(&engine, &sources, &pipeline, &mut counter) {
            // An output that could not be read back in full is not verified.
            Ok(s) => {
                let unread = s.notes.iter().filter(|n| n.status != "warning").count();
                if unread > 0 {
                    *counter.0.entry("outputs not re-read".into()).or_default() += unread as u64;
                }
            }
            Err(e) => {
                counter.0.insert(format!("error: {e}"), 1);
            }
        }
    }
    VerifyInfo {
        passed: counter.0.is_empty(),
        remaining: counter.0,
    }
}
