//! What every target shares: one engine, the policies, a key.
#![allow(dead_code)]

use std::sync::LazyLock;

use qorgau::engine::Engine;
use qorgau::key::Key;
use qorgau::policy::Policy;

pub static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::builder().build());
pub static KEEP: LazyLock<Policy> =
    LazyLock::new(|| Policy::parse("default = \"keep\"\n", "fuzz").expect("valid policy"));
pub static DEFAULT: LazyLock<Policy> = LazyLock::new(Policy::default_policy);
pub static KEY: LazyLock<Key> =
    LazyLock::new(|| Key::from_bytes(&[7u8; 32], "fuzz").expect("a 32-byte key"));

/// Whether `parts` occur in `out` in order, each after the previous one
/// (bytes may be added between them, none taken away): every byte outside
/// a finding is kept.
pub fn kept_in_order(out: &[u8], parts: &[&[u8]]) -> bool {
    let mut at = 0;
    for p in parts {
        if p.is_empty() {
            continue;
        }
        match out[at..].windows(p.len()).position(|w| w == *p) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    true
}
