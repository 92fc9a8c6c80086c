//! What the CI checks leave out: the documented test values (test card
//! numbers, example IBANs, documentation IP ranges, example.com addresses),
//! and paths never reported — `.qorgauignore` and `[allow] paths`, both in
//! gitignore syntax (the `ignore` crate, so `**`, `!`, anchored `/x` and
//! `dir/` mean what they mean in `.gitignore`).

use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::kind::Kind;
use crate::normalize::normalized;

/// The file of ignored paths read from the current directory.
pub const IGNORE_FILE: &str = ".qorgauignore";

/// Payment card numbers the card networks and payment processors publish
/// for testing (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay,
/// Mir test numbers as printed in their documentation).
const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4000056655665556",
    "4012888888881881",
    "4222222222222",
    "4000000000000002",
    "4000000000000077",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "3566002020360505",
    "3530111333300000",
    "30569309025904",
    "38520000023237",
    "6200000000000005",
    "2200000000000004",
];

/// IBANs printed as examples in the IBAN registry and bank documentation.
const TEST_IBANS: &[&str] = &[
    "KZ86125KZT5004100100",
    "GB82WEST12345698765432",
    "DE89370400440532013000",
];

/// Whether `raw` (a value of `kind`) is documented test data: a published
/// test card number or example IBAN, an address in a documentation range
/// (RFC 5737 `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`; RFC 3849
/// `2001:db8::/32`; RFC 7042 MAC `00:00:5e:00:53:xx`), or an e-mail at an
/// RFC 2606 domain (`example.com`, `.org`, `.net`, `*.example`, `*.test`,
/// `*.invalid`).
pub fn is_test_data(kind: Kind, raw: &[u8]) -> bool {
    let n = normalized(kind, raw);
    let text = String::from_utf8_lossy(&n);
    match kind {
        Kind::Card => TEST_CARDS.contains(&text.as_ref()),
        Kind::Iban => TEST_IBANS.contains(&text.as_ref()),
        Kind::Ipv4 => ["192.0.2.", "198.51.100.", "203.0.113."]
            .iter()
            .any(|p| text.starts_with(p)),
        Kind::Ipv6 => text.parse::<std::net::Ipv6Addr>().is_ok_and(|ip| {
            let s = ip.segments();
            s[0] == 0x2001 && s[1] == 0x0db8
        }),
        Kind::Mac => text.starts_with("00005e0053"),
        Kind::Email => text.rsplit_once('@').is_some_and(|(_, domain)| {
            let d = domain.trim_end_matches('.');
            ["example.com", "example.org", "example.net"].contains(&d)
                || [".example", ".test", ".invalid", ".localhost"]
                    .iter()
                    .any(|t| d.ends_with(t) || d == &t[1..])
                || [".example.com", ".example.org", ".example.net"]
                    .iter()
                    .any(|t| d.ends_with(t))
        }),
        _ => false,
    }
}

/// Paths never reported: `.qorgauignore` and `[allow] paths`.
#[derive(Debug)]
pub struct Ignored {
    matcher: Gitignore,
    /// The directory the patterns are relative to (the current directory).
    root: PathBuf,
}

/// A `.qorgauignore` or `[allow] paths` line that is not a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreError(pub String);

impl std::fmt::Display for IgnoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IgnoreError {}

impl Ignored {
    /// The patterns of `file` (when given and present) and `extra`, relative
    /// to the current directory.
    ///
    /// # Errors
    /// An unreadable file or a pattern that does not parse, named.
    pub fn load(file: Option<&Path>, extra: &[String]) -> Result<Ignored, IgnoreError> {
        let root = std::env::current_dir().map_err(|e| IgnoreError(e.to_string()))?;
        let mut b = GitignoreBuilder::new(&root);
        if let Some(f) = file {
            let text = std::fs::read_to_string(f)
                .map_err(|e| IgnoreError(format!("{}: {e}", f.display())))?;
            for (i, line) in text.lines().enumerate() {
                b.add_line(Some(f.to_path_buf()), line)
                    .map_err(|e| IgnoreError(format!("{}:{}: {e}", f.display(), i + 1)))?;
            }
        }
        for p in extra {
            b.add_line(None, p)
                .map_err(|e| IgnoreError(format!("[allow] paths: {e}")))?;
        }
        let matcher = b.build().map_err(|e| IgnoreError(e.to_string()))?;
        Ok(Ignored { matcher, root })
    }

    /// Whether there is any pattern.
    pub fn is_empty(&self) -> bool {
        self.matcher.is_empty()
    }

    /// Whether `path` (as given on the command line or found by a walk) is
    /// ignored, itself or through a directory above it. A path outside the
    /// current directory is never ignored.
    pub fn ignores(&self, path: &Path) -> bool {
        if self.matcher.is_empty() {
            return false;
        }
        let Some(rel) = relative(path, &self.root) else {
            return false;
        };
        if rel.as_os_str().is_empty() {
            return false;
        }
        self.matcher
            .matched_path_or_any_parents(&rel, path.is_dir())
            .is_ignore()
    }
}

/// `path` relative to `root`, without `.` components; `None` when it is
/// outside `root` or climbs with `..`.
fn relative(path: &Path, root: &Path) -> Option<PathBuf> {
    let path = if path.is_absolute() {
        path.strip_prefix(root).ok()?.to_path_buf()
    } else {
        path.to_path_buf()
    };
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::Normal(n) => out.push(n),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_test_values_and_nothing_else() {
        assert!(is_test_data(Kind::Card, b"4111 1111 1111 1111"));
        assert!(!is_test_data(Kind::Card, b"4111 1111 1111 1112"));
        assert!(is_test_data(Kind::Ipv4, b"192.0.2.17"));
        assert!(!is_test_data(Kind::Ipv4, b"192.0.3.17"));
        assert!(is_test_data(Kind::Ipv6, b"2001:DB8::1"));
        assert!(is_test_data(Kind::Email, b"Test.User@Example.com"));
        assert!(is_test_data(Kind::Email, b"a@mail.example"));
        assert!(!is_test_data(Kind::Email, b"a@example.kz"));
        assert!(!is_test_data(Kind::Iin, b"900101300811"));
    }

    #[test]
    fn gitignore_syntax_over_relative_paths() {
        let ig = Ignored::load(
            None,
            &[
                "fixtures/".into(),
                "*.example".into(),
                "!keep.example".into(),
            ],
        )
        .unwrap();
        assert!(ig.ignores(Path::new("fixtures/a.csv")));
        assert!(ig.ignores(Path::new("./src/fixtures/deep/a.csv")));
        assert!(ig.ignores(Path::new("conf/app.example")));
        assert!(!ig.ignores(Path::new("conf/keep.example")));
        assert!(!ig.ignores(Path::new("src/a.csv")));
        assert!(!ig.ignores(Path::new("../fixtures/a.csv")));
        assert!(!ig.ignores(Path::new("/elsewhere/fixtures/a.csv")));
    }
}
