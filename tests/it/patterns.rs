//! The data files in patterns/: every detector has enough examples, and
//! every example behaves through the full engine.

use qorgau::patterns;
use qorgau::Engine;

#[test]
fn every_detector_has_fifteen_examples_each_way() {
    for p in patterns::load() {
        assert!(
            p.examples.len() >= 15,
            "{}: {} examples",
            p.id,
            p.examples.len()
        );
        assert!(
            p.negatives.len() >= 15,
            "{}: {} negatives",
            p.id,
            p.negatives.len()
        );
        assert!(
            p.context.ru.len() + p.context.kk.len() + p.context.en.len() > 0,
            "{}",
            p.id
        );
    }
}

#[test]
fn every_example_holds_in_every_configuration() {
    let all = patterns::load();
    let (count, failures) = patterns::check(&Engine::default(), &all);
    assert!(count > 300);
    assert!(failures.is_empty(), "{failures:#?}");
    // Replayed with only the pattern's own kind enabled: restricting the
    // report must not change what is found for that kind.
    for p in &all {
        let engine = Engine::builder()
            .kinds([p.kind()].into_iter().collect())
            .build();
        let (_, failures) = patterns::check(&engine, std::slice::from_ref(p));
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
