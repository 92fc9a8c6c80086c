//! Fingerprints of found values, for baselines, allowlists and SARIF's
//! `partialFingerprints`: the value is put in canonical form (so every
//! spelling of one phone is one fingerprint) and hashed with its kind.
//!
//! With a project key (`--key-file`, `QORGAU_KEY`) the hash is an
//! HMAC-SHA256 under it: without the key nobody can test a guess against a
//! fingerprint. Without a key it is a SHA-256 salted with a fixed, public
//! string: stable on every machine with no secret to share (a pre-commit hook
//! on a laptop), but an identifier with few possible values (a 12-digit IIN
//! with its checksum and birth date) can be found again from its fingerprint
//! by trying them all. `docs/ci.md` says when each is right.

use sha2::{Digest, Sha256};

use crate::key::{self, Key};
use crate::kind::Kind;
use crate::normalize::normalize;

/// The salt of unkeyed fingerprints (public: it only separates qorgau's
/// hashes from other SHA-256 tables).
const SALT: &[u8] = b"qorgau fingerprint v1";

/// Hex digits in a fingerprint (128 bits).
pub const HEX_LEN: usize = 32;

/// Makes fingerprints under a key, or salted without one.
#[derive(Debug, Clone, Default)]
pub struct Fingerprinter {
    key: Option<Key>,
}

impl Fingerprinter {
    /// Fingerprints under `key`, or unkeyed when `None`.
    pub fn new(key: Option<Key>) -> Self {
        Fingerprinter { key }
    }

    /// `hmac-sha256` or `sha256-salted`.
    pub fn scheme(&self) -> &'static str {
        if self.key.is_some() {
            "hmac-sha256"
        } else {
            "sha256-salted"
        }
    }

    /// The key id, when keyed.
    pub fn key_id(&self) -> Option<String> {
        self.key.as_ref().map(Key::id)
    }

    /// The fingerprint of a value of `kind`, as 32 lower-case hex digits;
    /// `buf` is scratch space.
    pub fn of(&self, kind: Kind, value: &[u8], buf: &mut Vec<u8>) -> String {
        buf.clear();
        normalize(kind, value, buf);
        let digest: [u8; 32] = match &self.key {
            Some(k) => k.mac(&[b"qorgau fingerprint v1", kind.id().as_bytes(), buf]),
            None => {
                let mut h = Sha256::new();
                for part in [SALT, kind.id().as_bytes(), buf.as_slice()] {
                    h.update((part.len() as u32).to_be_bytes());
                    h.update(part);
                }
                h.finalize().into()
            }
        };
        key::hex(&digest[..HEX_LEN / 2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_share_a_fingerprint_and_keys_change_it() {
        let plain = Fingerprinter::new(None);
        let mut buf = Vec::new();
        let a = plain.of(Kind::Phone, b"+7 701 123 45 67", &mut buf);
        assert_eq!(a, plain.of(Kind::Phone, b"87011234567", &mut buf));
        assert_eq!(a.len(), HEX_LEN);
        assert_ne!(a, plain.of(Kind::Phone, b"87011234568", &mut buf));
        let key = Key::parse(&"ab".repeat(32), "test").unwrap();
        let keyed = Fingerprinter::new(Some(key));
        assert_ne!(a, keyed.of(Kind::Phone, b"87011234567", &mut buf));
        assert_eq!(keyed.scheme(), "hmac-sha256");
        assert_eq!(plain.scheme(), "sha256-salted");
    }
}
