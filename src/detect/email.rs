//! E-mail addresses: a dot-atom local part (letters, digits, `._%+-`, `+`
//! tags included) and a domain of two or more labels, ASCII, punycode
//! (`xn--80ao21a`) or Unicode (`пример.қаз`). Found from the `@` (or `%40` in
//! URLs) outwards. A trailing sentence period is not part of it; masked forms
//! (`a***@mail.kz`) and file names like `icon@2x.png` are not addresses.

use crate::bytes::is_alnum;
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// Top-level "domains" that are really file extensions.
const NOT_TLDS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "js", "css", "scss", "map", "json",
    "txt", "log", "csv", "xml", "yml", "yaml", "ts", "tsx", "jsx", "py", "rs", "go", "java",
    "class", "so", "dll", "exe", "tmp", "bak", "swp", "lock", "min",
    // systemd template units (`user@1015.service`, `getty@tty1.service`).
    "service", "socket", "target", "timer", "mount", "slice", "scope",
];

fn local_char(b: u8) -> bool {
    is_alnum(b) || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// At `@` (`at_len` 1), `%40` (3), `&#64;` (5) or `&#x40;` (6).
pub(crate) fn at(cx: &mut Cx, at: usize, at_len: usize) -> Option<usize> {
    let hay = cx.hay;
    if at_len == 1 && url_credentials(cx, at) {
        return None;
    }
    let mut s = at;
    while s > 0 && at - s < 64 && local_char(hay[s - 1]) {
        s -= 1;
    }
    // A local part does not start with punctuation; a URL-encoded one may
    // follow `%3D` / `%22` and the like.
    while s < at && !is_alnum(hay[s]) {
        s += 1;
    }
    // `\nivan@…` in a JSON string: the escape is no part of the address.
    if s + 1 < at && crate::bytes::escape_before(hay, s + 1) {
        s += 1;
    }
    // `\u003civan@…` (`<` as JSON and Go's encoders escape it): the
    // escape is no part of the address either.
    if s >= 1
        && hay[s - 1] == b'\\'
        && hay[s] == b'u'
        && at > s + 5
        && hay[s + 1..s + 5].iter().all(u8::is_ascii_hexdigit)
    {
        s += 5;
    }
    // A local part starting after a quoted-printable soft break is the
    // tail of an address broken across lines: never report a fragment.
    if crate::bytes::soft_break_before(hay, s) {
        return None;
    }
    if s >= at
        || matches!(hay.get(s.wrapping_sub(1)), Some(b'*'))
        || hay[at - 1] == b'.'
        || hay[s..at].windows(2).any(|w| w == b"..")
    {
        return None;
    }
    let (end, tld) = domain(hay, at + at_len)?;
    if matches!(hay.get(end), Some(b'*')) {
        return None;
    }
    // `git@host:org/repo.git`: an scp-style remote, not a mailbox.
    if hay.get(end) == Some(&b':')
        && hay
            .get(end + 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'~' | b'_'))
    {
        return None;
    }
    if message_id(hay, s) || generated_in_brackets(hay, s, at, end) {
        return None;
    }
    // SSH algorithm names (`aes256-gcm@openssh.com`,
    // `curve25519-sha256@libssh.org`) and a SIP extension
    // (`sip:105@pbx.example.kz`) are no mailboxes.
    let domain_name = &hay[at + at_len..end];
    if domain_name.eq_ignore_ascii_case(b"openssh.com")
        || domain_name.eq_ignore_ascii_case(b"libssh.org")
    {
        return None;
    }
    if s >= 4
        && (hay[s - 4..s].eq_ignore_ascii_case(b"sip:")
            || s >= 5 && hay[s - 5..s].eq_ignore_ascii_case(b"sips:"))
        && hay[s..at].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let tld = std::str::from_utf8(&hay[tld..end]).ok()?;
    if NOT_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
        return None;
    }
    // A Kerberos principal (`asel.nurlanova@CORP.EXAMPLE.KZ`: the realm is
    // the domain in capitals, by convention) names a login, not a mailbox;
    // a service's (`krbtgt/CORP.EXAMPLE.KZ@…`, `HTTP/web01@…`) or a system
    // account's names nobody.
    if at_len == 1
        && domain_name
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-'))
        && domain_name.contains(&b'.')
        && hay[s..at].iter().any(u8::is_ascii_lowercase)
    {
        if hay.get(s.wrapping_sub(1)) == Some(&b'/') || cx.keys().is_service_account(&hay[s..at]) {
            return Some(end);
        }
        return cx
            .emit(s, end, Kind::UserId, 0.85, Needs::Nothing)
            .then_some(end);
    }
    cx.emit(s, end, Kind::Email, 0.95, Needs::Nothing)
        .then_some(end)
}

/// The user information of a URL (`scheme://user:secret@host`): a
/// credential, not a mailbox. With a password it is reported as
/// `auth_token` (`user:secret`, or `secret` alone after `://:`); a bare
/// user or key (a Sentry DSN's `https://<key>@o1.ingest.sentry.io`) is no
/// e-mail either. Returns whether `@` at `at` closes such a part.
fn url_credentials(cx: &mut Cx, at: usize) -> bool {
    let hay = cx.hay;
    let floor = at.saturating_sub(256);
    let mut u = at;
    while u > floor
        && !matches!(
            hay[u - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'<' | b'>' | b'/' | b'@' | b'`'
        )
    {
        u -= 1;
    }
    if u < 3 || &hay[u - 3..u] != b"://" || u == at {
        return false;
    }
    let info = &hay[u..at];
    if let Some(colon) = info.iter().position(|&b| b == b':') {
        let s = if colon == 0 { u + 1 } else { u };
        if at > s + 1 {
            cx.emit(s, at, Kind::AuthToken, 0.9, Needs::Nothing);
        }
    }
    true
}

/// Whether `<local@domain>` has a generated local part, as the
/// Message-IDs that mail servers' tracking logs carry in any column
/// (`<CAHx7mT0qZ1rP9x3V8bWk2c4dN5e@mail.gmail.com>`, a 32-hex one at an
/// Exchange host): 16 letters and digits or more with no separator,
/// switching between letters and digits six times or more. People's
/// mailboxes (`dyussenbayev80`, `aigerim.1990`) switch once or twice.
fn generated_in_brackets(hay: &[u8], s: usize, at: usize, end: usize) -> bool {
    if s == 0 || hay[s - 1] != b'<' || hay.get(end) != Some(&b'>') {
        return false;
    }
    let local = &hay[s..at];
    if local.len() < 16 || !local.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let switches = local
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    switches >= 6
}

/// Whether the address starting at `s` is a message identifier: inside
/// `<…>` after a `Message-ID:`, `In-Reply-To:` or `References:` header or a
/// mail log's `message-id=` (they name a message, not a mailbox).
fn message_id(hay: &[u8], s: usize) -> bool {
    // Exim's `id=<message-id>` and a log's bare `message-id=`: no brackets.
    let bare = |w: &[u8]| s >= w.len() && hay[s - w.len()..s].eq_ignore_ascii_case(w);
    if bare(b" id=") || bare(b"message-id=") || bare(b"msgid=") || bare(b"message_id=") {
        return true;
    }
    if s == 0 || hay[s - 1] != b'<' {
        return false;
    }
    let ls = memchr::memrchr(b'\n', &hay[..s]).map_or(0, |p| p + 1);
    let line = &hay[ls..s];
    let starts = |w: &[u8]| line.len() >= w.len() && line[..w.len()].eq_ignore_ascii_case(w);
    let before = &hay[ls..s - 1];
    let ends = |w: &[u8]| {
        before.len() >= w.len() && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
    };
    starts(b"message-id:")
        || starts(b"in-reply-to:")
        || starts(b"references:")
        || starts(b"resent-message-id:")
        || ends(b"message-id=")
        || ends(b"msgid=")
        || ends(b"message-id: ")
}

/// Parses a domain at `i`; returns its end and the start of its last label.
fn domain(hay: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let mut labels = 0;
    let mut last = i;
    let mut end = i;
    loop {
        let ls = i;
        while let Some(n) = label_char_len(hay, i) {
            // `mail.kz-ке`: a Kazakh suffix after an ASCII label is not
            // part of the domain.
            if hay[i] == b'-' && hay.get(i + 1).is_some_and(|&b| b >= 0x80) && hay[ls..i].is_ascii()
            {
                break;
            }
            i += n;
        }
        if i == ls || hay[ls] == b'-' || hay[i - 1] == b'-' || i - ls > 63 {
            break;
        }
        labels += 1;
        last = ls;
        end = i;
        if hay.get(i) == Some(&b'.') && label_char_len(hay, i + 1).is_some() {
            i += 1;
        } else {
            break;
        }
    }
    if labels < 2 || !tld_ok(&hay[last..end]) {
        return None;
    }
    Some((end, last))
}

/// Length of the domain-label character at `i` (ASCII letter, digit, `-`, or
/// a non-ASCII letter), or `None`.
fn label_char_len(hay: &[u8], i: usize) -> Option<usize> {
    let b = *hay.get(i)?;
    if b < 0x80 {
        return (is_alnum(b) || b == b'-').then_some(1);
    }
    let n = match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let c = std::str::from_utf8(hay.get(i..i + n)?)
        .ok()?
        .chars()
        .next()?;
    c.is_alphanumeric().then_some(n)
}

/// A top-level label: two or more letters, or punycode `xn--…`.
fn tld_ok(t: &[u8]) -> bool {
    if t.len() > 4 && t[..4].eq_ignore_ascii_case(b"xn--") {
        return true;
    }
    match std::str::from_utf8(t) {
        Ok(s) => s.chars().count() >= 2 && s.chars().all(char::is_alphabetic),
        Err(_) => false,
    }
}
