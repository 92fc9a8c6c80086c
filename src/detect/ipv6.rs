//! IPv6 addresses in every RFC 4291 text form (RFC 5952's canonical one
//! included): eight groups of 1–4 hex digits, one `::` for a run of zero
//! groups, an embedded IPv4 tail (`::ffff:192.0.2.128`); a zone (`%eth0`) is
//! not part of the span. Clock times (`12:34:56`) have too few groups; C++ and
//! Rust paths (`std::cout`, `dead::beef`) have no digit or no hex; `::` and
//! `::1` identify nobody.

use crate::bytes::{self, is_alnum, is_digit, is_hex};
use crate::detect::{ipv4, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

/// Whether the `:` before `s` follows an interface name (`en0:`,
/// `utun3:`, `en0+:` as macOS's configd writes `v6(en0:2001:db8::1)`): the
/// address starts after it.
fn after_interface(hay: &[u8], s: usize) -> bool {
    if s < 3 || hay[s - 1] != b':' {
        return false;
    }
    let mut k = s - 1;
    while k > 0 && matches!(hay[k - 1], b'+' | b'-' | b'!' | b'*') {
        k -= 1;
    }
    let digits = hay[..k]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let letters = hay[..k - digits]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let start = k - digits - letters;
    let interface = digits > 0
        && (2..=8).contains(&letters)
        && (start == 0 || matches!(hay[start - 1], b'(' | b' ' | b',' | b'[' | b'='));
    interface || label_before(hay, s - 1)
}

/// Whether a word that cannot be part of an address ends at the `:` at
/// `colon` — letters only, one beyond `f`, no `:` or `.` or digit before
/// it (`x2001:db8::1` is glued to a letter) — so an address
/// starts after it: a Cisco interface (`outside:2a02:c7c::88e/51800`,
/// `dmz:2001:db8::4/22`), a key prefix (`key=ip:2001:db8::19`). `std::cout`
/// has two colons; `dead:beef` has no such letter.
fn label_before(hay: &[u8], colon: usize) -> bool {
    let word = hay[..colon]
        .iter()
        .rev()
        .take_while(|&&b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-'))
        .count();
    let ws = colon - word;
    (1..=24).contains(&word)
        && hay[ws..colon]
            .iter()
            .any(|&b| b.is_ascii_alphabetic() && !b.is_ascii_hexdigit())
        && (ws == 0 || !(matches!(hay[ws - 1], b':' | b'.') || hay[ws - 1].is_ascii_digit()))
}

/// At a hex run followed by `:`, or at `::`.
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if bytes::before(hay, s).is_some_and(|b| is_alnum(b) || b == b':' || b == b'.')
        && !after_interface(hay, s)
    {
        return None;
    }
    let mut i = s;
    let mut groups = 0usize;
    let mut compressed = false;
    let mut end = s;
    let mut digit = false;
    let mut port = false;
    if hay[s..].starts_with(b"::") {
        compressed = true;
        i += 2;
        end = i;
    }
    loop {
        let ge = bytes::run_end(hay, i, is_hex);
        if ge == i {
            break;
        }
        if hay.get(ge) == Some(&b'.') {
            // An embedded IPv4 tail takes the last 32 bits.
            if let Some((_, v4_end)) = ipv4::parse(hay, i) {
                groups += 2;
                end = v4_end;
                digit = true;
                // Nothing follows a dotted tail: `:40211` is a port
                // (HAProxy's `%ci:%cp`, `::ffff:178.89.162.7:40211`).
                if hay.get(end) == Some(&b':') {
                    port = bytes::run_end(hay, end + 1, is_digit) > end + 1;
                }
                break;
            }
        }
        if ge - i > 4 {
            // Five decimal digits after a complete address are a port
            // written without brackets (`2001:db8:7c1:2::19:44920`): no
            // group has five.
            let decimal = ge - i == 5 && hay[i..ge].iter().all(|&b| is_digit(b));
            if decimal && hay[i - 1] == b':' && (compressed || groups == 8) && end == i - 1 {
                port = true;
                break;
            }
            return None;
        }
        digit |= hay[i..ge].iter().any(|&b| is_digit(b));
        groups += 1;
        end = ge;
        i = ge;
        if hay[i..].starts_with(b"::") {
            if compressed {
                return None;
            }
            compressed = true;
            i += 2;
            end = i;
        } else if hay.get(i) == Some(&b':') && hay.get(i + 1).is_some_and(|&b| is_hex(b)) {
            i += 1;
        } else {
            break;
        }
        if groups > 8 {
            return None;
        }
    }
    let complete = if compressed { groups <= 7 } else { groups == 8 };
    if !complete || !digit || !port && bytes::at(hay, end).is_some_and(|b| is_alnum(b) || b == b':')
    {
        return None;
    }
    let text = &hay[s..end];
    // `2001:db8::/32` names a network, not a host; a prefix of 48 bits or
    // more is a site's or a subscriber's (RADIUS `Framed-IPv6-Prefix =
    // 2001:db8:3f0:1200::/64`, a delegated `/56`): it points at one customer.
    if text.ends_with(b"::") && bytes::at(hay, end) == Some(b'/') {
        let len = hay[end + 1..]
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_digit())
            .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        if !(48..=128).contains(&len) {
            return None;
        }
    }
    let base = match text {
        b"::1" => 0.2,
        _ if groups == 0 => return None,
        _ if compressed && groups == 1 && !text.starts_with(b"::") => return None,
        _ => 0.85,
    };
    cx.emit(s, end, Kind::Ipv6, base, Needs::Nothing)
        .then_some(end)
}
