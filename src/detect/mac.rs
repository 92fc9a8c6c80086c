//! MAC addresses: six octets as `aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF` or
//! Cisco's `aabb.ccdd.eeff`, one separator throughout. A longer chain of hex
//! pairs (an SSH key fingerprint) is not a MAC; the all-zero and broadcast
//! addresses identify nobody.

use crate::bytes::{self, is_alnum, is_hex};
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// The two addresses of a netfilter `MAC=dst:src:type` chain at `s`.
fn netfilter(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let end = s + 14 * 3 - 1;
    let text = hay.get(s..end)?;
    let ok = text
        .iter()
        .enumerate()
        .all(|(k, &b)| if k % 3 == 2 { b == b':' } else { is_hex(b) });
    if !ok || bytes::at(hay, end).is_some_and(|b| is_alnum(b) || b == b':') {
        return None;
    }
    for start in [s, s + 18] {
        let hex = hay[start..start + 17].iter().filter(|&&b| b != b':');
        if !hex.clone().all(|&b| b == b'0') && !hex.clone().all(|&b| b == b'f' || b == b'F') {
            cx.emit(start, start + 17, Kind::Mac, 0.85, Needs::Nothing);
        }
    }
    Some(end)
}

/// At a 2-hex run followed by `:`/`-`, or a 4-hex run followed by `.`.
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let (sep, group, groups) = match hay.get(s + 2) {
        Some(&c @ (b':' | b'-')) => (c, 2, 6),
        _ => (b'.', 4, 3),
    };
    let end = s + groups * (group + 1) - 1;
    let text = hay.get(s..end)?;
    // Clock times and dates fail here, before the byte loop.
    if text[group * 2 + 1] != sep {
        return None;
    }
    for (k, &b) in text.iter().enumerate() {
        let is_sep = (k + 1) % (group + 1) == 0;
        if (is_sep && b != sep) || (!is_sep && !is_hex(b)) {
            return None;
        }
    }
    // A netfilter `MAC=` field: destination, source and EtherType in one
    // chain of 14 octets (`MAC=3c:…:9e:00:1d:…:07:08:00`) — two addresses.
    if sep == b':' && group == 2 && s >= 4 && hay[s - 4..s].eq_ignore_ascii_case(b"MAC=") {
        if let Some(end) = netfilter(cx, s) {
            return Some(end);
        }
    }
    // Not part of a longer chain: `xx:` before or `:xx` after.
    let chained_before = bytes::before(hay, s) == Some(sep) && s >= 2 && is_hex(hay[s - 2]);
    let chained_after =
        bytes::at(hay, end) == Some(sep) && bytes::at(hay, end + 1).is_some_and(is_hex);
    if chained_before || chained_after || bytes::at(hay, end).is_some_and(is_alnum) {
        return None;
    }
    let hex = text.iter().filter(|&&b| b != sep);
    if hex.clone().all(|&b| b == b'0') || hex.clone().all(|&b| b == b'f' || b == b'F') {
        return None;
    }
    // `02:00:00:00:00:00`: what Android (6.0 and later) and iOS (7 and
    // later) return to apps for the device's own MAC, nobody's.
    if hex.clone().skip(2).all(|&b| b == b'0') && text[..2] == *b"02" {
        return None;
    }
    let has_letter = hex.clone().any(|b| b.is_ascii_alphabetic());
    // `8301.0130.1012`: all digits in Cisco's dotted form that make a valid
    // IIN are left to the IIN detector.
    if !has_letter && sep == b'.' {
        let mut d = [0u8; 12];
        d.iter_mut().zip(hex.clone()).for_each(|(o, &b)| *o = b);
        if crate::checksum::iin_bin_check(&d)
            && d[4] <= b'3'
            && crate::detect::kz_id::iin_confidence(&d) >= 0.55
        {
            return None;
        }
    }
    // Six colon-separated digit pairs with one above 59 are no clock
    // reading or duration: a MAC, context words or not (a DHCP line puts
    // its `DHCPREQUEST` further away than the context window).
    let no_clock = sep == b':' && text.chunks(3).any(|g| g.len() >= 2 && g[0] >= b'6');
    let base = match (has_letter, sep) {
        (true, _) => 0.85,
        (false, b'.') => 0.3,
        (false, b':') if no_clock => 0.75,
        (false, _) => 0.45,
    };
    cx.emit(s, end, Kind::Mac, base, Needs::Nothing)
        .then_some(end)
}

/// Twelve hex digits with no separators (`7056269036A9`: Windows' DHCP
/// audit log, RADIUS, inventory exports) at the whole run `s..e`, only as
/// the value of a field or column that names a MAC address: unnamed, such
/// a run is as often a hash's prefix or an id. It needs a letter and a
/// digit (twelve digits are left to the IIN, a word is no address).
pub(crate) fn bare(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let run = &hay[s..e];
    // A value's own delimiters around it, one letter case, a digit and a
    // letter: checked before the field's key is looked up (a log's hex
    // ids inside paths and words are many).
    let opens = bytes::before(hay, s)
        .is_none_or(|b| matches!(b, b'"' | b'\'' | b'=' | b':' | b'>' | b',' | b'\t' | b' '));
    let closes = bytes::at(hay, e).is_none_or(|b| {
        matches!(
            b,
            b'"' | b'\'' | b',' | b'<' | b';' | b'&' | b' ' | b'\n' | b'\r' | b'\t'
        )
    });
    let upper = run.iter().any(u8::is_ascii_uppercase);
    let lower = run.iter().any(u8::is_ascii_lowercase);
    if !opens
        || !closes
        || upper && lower
        || !run.iter().any(u8::is_ascii_digit)
        || !(upper || lower)
        || !cx.named_for(s, Kind::Mac)
    {
        return None;
    }
    bare_named(cx, s, e)
}

/// [`bare`] where the column is known to hold MAC addresses (there
/// twelve digits are one too).
pub(crate) fn bare_named(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let run = &hay[s..e];
    if run.len() != 12
        || bytes::before(hay, s).is_some_and(|b| is_alnum(b) || matches!(b, b'-' | b':' | b'.'))
        || bytes::at(hay, e).is_some_and(|b| is_alnum(b) || matches!(b, b'-' | b':'))
        || run.iter().all(|&b| b == b'f' || b == b'F')
    {
        return None;
    }
    // One case throughout: a mixed-case run is base64 or an id.
    let upper = run.iter().any(u8::is_ascii_uppercase);
    let lower = run.iter().any(u8::is_ascii_lowercase);
    if upper && lower {
        return None;
    }
    cx.emit(s, e, Kind::Mac, 0.85, Needs::Nothing).then_some(e)
}
