//! Precision and recall on a seeded labelled corpus.

use qorgau::synth;
use qorgau::Engine;

/// Scans a labelled text and scores it, printing misses and the figures
/// (shown with `--nocapture`).
fn score_text(data: &synth::Labelled) -> Vec<synth::Score> {
    let found = Engine::default().find(data.text.as_bytes());
    let (scores, examples) = synth::evaluate(data, &found);
    for e in &examples {
        eprintln!("{e}");
    }
    for s in &scores {
        eprintln!(
            "{:<6} tp {:>6} fp {:>4} fn {:>4} precision {:.4} recall {:.4}",
            s.kind.map_or("?", |k| k.id()),
            s.true_pos,
            s.false_pos,
            s.false_neg,
            s.precision(),
            s.recall()
        );
    }
    scores
}

fn score(seed: u64, bytes: usize) -> Vec<synth::Score> {
    score_text(&synth::corpus(seed, bytes, 0.5))
}

#[test]
fn every_kind_reaches_precision_and_recall_of_0_99() {
    for seed in [1, 2] {
        for s in score(seed, 3 << 20) {
            assert!(s.precision() >= 0.99, "seed {seed}: {s:?}");
            assert!(s.recall() >= 0.99, "seed {seed}: {s:?}");
        }
    }
}

#[test]
fn online_identifiers_reach_precision_and_recall_of_0_98() {
    let scores = score_text(&synth::access::log(9, 2 << 20));
    for s in &scores {
        assert!(s.precision() >= 0.98 && s.recall() >= 0.98, "{s:?}");
    }
    let kinds: Vec<_> = scores.iter().filter_map(|s| s.kind).collect();
    for k in [
        qorgau::Kind::CookieId,
        qorgau::Kind::DeviceId,
        qorgau::Kind::UserId,
        qorgau::Kind::AuthToken,
    ] {
        assert!(kinds.contains(&k));
    }
}
