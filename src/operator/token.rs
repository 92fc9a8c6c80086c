//! `token`: a keyed, deterministic pseudonym. The value is normalized first
//! (so every spelling of one phone gets one token), then HMAC-SHA256 under
//! the key over the kind and the canonical value gives the hex digits:
//! `IIN_3fa9c2d1e0`. Same key and value give the same token across files,
//! runs and formats; without the key a token cannot be reversed or forged.

use serde::{Deserialize, Serialize};

use crate::key::{hex, Key};
use crate::kind::Kind;
use crate::normalize::normalized;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Token {
    /// `{KIND}` / `{kind}` and `{hash}` are filled in.
    pub format: String,
    /// Hex digits of the HMAC in `{hash}` (8–64).
    pub length: usize,
}

impl Default for Token {
    fn default() -> Self {
        Token {
            format: "{KIND}_{hash}".into(),
            length: 10,
        }
    }
}

impl Token {
    pub(super) fn validate(&self) -> Result<(), String> {
        if !(8..=64).contains(&self.length) {
            return Err(format!(
                "token length {} is not between 8 and 64",
                self.length
            ));
        }
        if !self.format.contains("{hash}") {
            return Err("token format must contain {hash}".into());
        }
        Ok(())
    }

    /// The hex digest for a value (also used by tests and other formats).
    pub fn digest(&self, kind: Kind, raw: &[u8], key: &Key) -> String {
        let canonical = normalized(kind, raw);
        let mac = key.mac(&[b"qorgau token v1", kind.id().as_bytes(), &canonical]);
        let mut h = hex(&mac);
        h.truncate(self.length);
        // An all-digit token would read as a number (a phone, an IIN) to
        // the next scan; one hex letter in front prevents that.
        if h.bytes().all(|b| b.is_ascii_digit()) {
            let first = b"abcdef"[usize::from(h.as_bytes()[0] - b'0') % 6];
            h.replace_range(..1, std::str::from_utf8(&[first]).unwrap_or("a"));
        }
        h
    }

    pub(super) fn apply(&self, kind: Kind, raw: &[u8], key: &Key, out: &mut Vec<u8>) {
        let hash = self.digest(kind, raw, key);
        if self.format == "{KIND}_{hash}" {
            // The default shape, without building strings.
            out.extend(kind.id().bytes().map(|b| b.to_ascii_uppercase()));
            out.push(b'_');
            out.extend_from_slice(hash.as_bytes());
            return;
        }
        let upper = kind.id().to_ascii_uppercase();
        let text = self
            .format
            .replace("{KIND}", &upper)
            .replace("{kind}", kind.id())
            .replace("{hash}", &hash);
        out.extend_from_slice(text.as_bytes());
    }
}
