//! The secret key behind `token` and `surrogate`: read from `--key-file` or
//! the `QORGAU_KEY` environment variable, as hex or base64 (hex wins when
//! text is both), at least 32 bytes. The key is never printed, logged or
//! written anywhere; reports name it by its key id, a fingerprint of an HMAC
//! of a fixed string under the key, which reveals nothing about the key.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The environment variable that may hold the key.
pub const ENV: &str = "QORGAU_KEY";

/// Minimum key length in bytes.
pub const MIN_LEN: usize = 32;

/// A secret key. `Debug` does not show it.
#[derive(Clone)]
pub struct Key {
    /// HMAC state with the key schedule done once; cloned per use.
    prepared: Hmac<Sha256>,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key(id {})", self.id())
    }
}

/// Why a key could not be had. Messages never contain key material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

/// How to provide a key, for error messages.
pub const HOW: &str = "provide a key with --key-file PATH or the QORGAU_KEY environment variable \
(at least 32 bytes as hex or base64; e.g. `openssl rand -hex 32 > qorgau.key`)";

impl Key {
    /// Parses key text: hex, else base64 (standard or URL-safe, padded or not).
    ///
    /// # Errors
    /// When the text is neither, or decodes to fewer than 32 bytes.
    pub fn parse(text: &str, origin: &str) -> Result<Key, KeyError> {
        let t = text.trim();
        let bytes = decode_hex(t)
            .or_else(|| base64::engine::general_purpose::STANDARD.decode(t).ok())
            .or_else(|| {
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(t)
                    .ok()
            })
            .or_else(|| base64::engine::general_purpose::URL_SAFE.decode(t).ok())
            .or_else(|| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(t)
                    .ok()
            })
            .ok_or_else(|| KeyError(format!("{origin}: the key is neither hex nor base64")))?;
        Key::from_bytes(&bytes, origin)
    }

    /// A key from its bytes (not text): what hex or base64 key text decodes to.
    ///
    /// # Errors
    /// Fewer than 32 bytes.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Key, KeyError> {
        if bytes.len() < MIN_LEN {
            return Err(KeyError(format!(
                "{origin}: the key has {} bytes; at least {MIN_LEN} are needed",
                bytes.len()
            )));
        }
        let prepared = Hmac::<Sha256>::new_from_slice(bytes).expect("HMAC takes any key length");
        // Only the keyed HMAC state is kept; the key bytes are dropped here.
        Ok(Key { prepared })
    }

    /// The key from `--key-file` if given, else from `QORGAU_KEY`, else none.
    ///
    /// # Errors
    /// An unreadable file or a malformed key.
    pub fn load(file: Option<&Path>) -> Result<Option<Key>, KeyError> {
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| KeyError(format!("--key-file {}: {e}", path.display())))?;
            warn_if_shared(path);
            return Key::parse(&text, &format!("--key-file {}", path.display())).map(Some);
        }
        match std::env::var(ENV) {
            Ok(text) if !text.trim().is_empty() => Key::parse(&text, ENV).map(Some),
            _ => Ok(None),
        }
    }

    /// HMAC-SHA256 of `parts` (each length-prefixed) under this key.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut m = self.prepared.clone();
        for p in parts {
            m.update(&(p.len() as u32).to_be_bytes());
            m.update(p);
        }
        m.finalize().into_bytes().into()
    }

    /// A short public fingerprint of the key: 16 hex digits of an HMAC of a
    /// fixed string.
    pub fn id(&self) -> String {
        hex(&self.mac(&[b"qorgau key id v1"])[..8])
    }
}

fn decode_hex(t: &str) -> Option<Vec<u8>> {
    if !t.len().is_multiple_of(2) || t.is_empty() || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..t.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&t[i..i + 2], 16).ok())
        .collect()
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Warns when a key file can be read by its group or by others: anyone
/// who reads the key can link tokens back to the values they stand for.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            let mode = m.permissions().mode() & 0o777;
            if mode & 0o044 != 0 {
                crate::say!(
                    "qorgau: --key-file {}: warning: readable by others (mode {mode:o}); \
                     `chmod 600 {}` keeps the key to its owner",
                    path.display(),
                    path.display()
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_and_base64_and_refuses_short_keys() {
        let hex_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let k = Key::parse(hex_key, "test").unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(decode_hex(hex_key).unwrap());
        assert_eq!(Key::parse(&b64, "test").unwrap().id(), k.id());
        assert!(Key::parse("00112233", "test")
            .unwrap_err()
            .0
            .contains("at least 32"));
        assert!(Key::parse("not a key!!", "test").is_err());
        assert!(!format!("{k:?}").contains("0011"));
    }
}
