//! `person` and `address` on hand-written Russian and Kazakh sentences
//! (`tests/data/names_*.txt`): every marked span must be found exactly, and
//! nothing else of those kinds.

use qorgau::{Engine, Kind};

struct Score {
    found: usize,
    expected: usize,
    correct: usize,
}

/// Parses `⟦kind|text⟧` marks; returns the plain text and the spans.
fn parse(line: &str) -> (String, Vec<(Kind, usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let close = after.find('⟧').expect("closed mark");
        let (kind, value) = after[..close].split_once('|').expect("kind|text");
        let start = text.len();
        text.push_str(value);
        spans.push((kind.parse().expect("a kind id"), start, text.len()));
        rest = &after[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, spans)
}

fn score(file: &str, kind: Kind, misses: &mut Vec<String>) -> Score {
    let engine = Engine::default();
    let mut s = Score {
        found: 0,
        expected: 0,
        correct: 0,
    };
    for line in file
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (text, spans) = parse(line);
        let want: Vec<(usize, usize)> = spans
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|&(_, a, b)| (a, b))
            .collect();
        let got: Vec<(usize, usize)> = engine
            .find(text.as_bytes())
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| (f.start, f.end))
            .collect();
        s.expected += want.len();
        s.found += got.len();
        s.correct += got.iter().filter(|g| want.contains(g)).count();
        for g in got.iter().filter(|g| !want.contains(g)) {
            misses.push(format!("{kind} extra {:?} in {line}", &text[g.0..g.1]));
        }
        for w in want.iter().filter(|w| !got.contains(w)) {
            misses.push(format!("{kind} missed {:?} in {line}", &text[w.0..w.1]));
        }
    }
    s
}

#[test]
fn person_and_address_precision_and_recall_on_hand_written_sentences() {
    for (name, file) in [
        ("ru", include_str!("../data/names_ru.txt")),
        ("kk", include_str!("../data/names_kk.txt")),
    ] {
        let mut misses = Vec::new();
        for (kind, min_p, min_r) in [(Kind::Person, 0.9, 0.9), (Kind::Address, 0.9, 0.85)] {
            let s = score(file, kind, &mut misses);
            let p = s.correct as f64 / s.found.max(1) as f64;
            let r = s.correct as f64 / s.expected.max(1) as f64;
            eprintln!(
                "{name} {kind}: precision {p:.3} recall {r:.3} ({} expected)",
                s.expected
            );
            for m in &misses {
                eprintln!("  {m}");
            }
            assert!(
                p >= min_p && r >= min_r,
                "{name} {kind}: p {p:.3} r {r:.3}\n{}",
                misses.join("\n")
            );
        }
    }
}

#[test]
fn person_and_address_reach_0_9_on_generated_lines() {
    let engine = Engine::default();
    for seed in [1, 2] {
        let data = qorgau::synth::names::corpus(seed, 3000);
        let found = engine.find(data.text.as_bytes());
        let (scores, misses) = qorgau::synth::evaluate(&data, &found);
        for s in scores
            .iter()
            .filter(|s| matches!(s.kind, Some(Kind::Person | Kind::Address)))
        {
            eprintln!("seed {seed}: {s:?}");
            assert!(
                s.precision() >= 0.9 && s.recall() >= 0.9,
                "seed {seed}: {s:?}\n{}",
                misses
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}
