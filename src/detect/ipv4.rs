//! IPv4 dotted quads, each octet 0–255 without leading zeros. Look-alikes are
//! kept out by their surroundings: a longer dotted chain (an SNMP OID, a
//! four-part version), a product token (`Chrome/120.0.0.0`), or a context
//! word (version, build, OID). Addresses that identify nobody (0.0.0.0,
//! broadcast, netmasks) are rejected; loopback and multicast score low.

use crate::bytes::{self, is_alnum, is_digit};
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// Parses a dotted quad at `s` into octets and its end.
pub(crate) fn parse(hay: &[u8], s: usize) -> Option<([u8; 4], usize)> {
    parse_with(hay, s, b'.')
}

/// Parses four octets separated by `sep` at `s` into octets and their end.
fn parse_with(hay: &[u8], s: usize, sep: u8) -> Option<([u8; 4], usize)> {
    let mut octets = [0u8; 4];
    let mut i = s;
    for (k, octet) in octets.iter_mut().enumerate() {
        if k > 0 {
            if hay.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
        }
        let e = bytes::run_end(hay, i, is_digit);
        let d = &hay[i..e];
        if d.is_empty() || d.len() > 3 || (d.len() > 1 && d[0] == b'0') {
            return None;
        }
        let v = d.iter().fold(0u32, |v, &b| v * 10 + u32::from(b - b'0'));
        *octet = u8::try_from(v).ok()?;
        i = e;
    }
    Some((octets, i))
}

/// At a run of 1–3 digits followed by a dot.
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // `1.2.3.4` inside `x.1.2.3.4`, `Chrome/1.2.3.4` or a Windows package
    // identity (`…~amd64~~6.1.1.0`) is not an address.
    match bytes::before(hay, s) {
        Some(b'.' | b'~') => return None,
        Some(b) if is_alnum(b) && !bytes::escape_before(hay, s) => return None,
        _ => {}
    }
    let (o, end) = parse(hay, s)?;
    match bytes::at(hay, end) {
        // The address opening a host name (`198.51.100.7.sh.example.at`)
        // is its subscriber's; a fifth number (`1.2.3.4.5`) makes a version.
        Some(b'.') if bytes::at(hay, end + 1).is_some_and(|b| b.is_ascii_digit()) => return None,
        Some(b'.')
            if bytes::at(hay, end + 1).is_some_and(is_alnum) && !host_name_at(hay, end + 1) =>
        {
            return None
        }
        Some(b) if is_alnum(b) => return None,
        _ => {}
    }
    if bytes::before(hay, s) == Some(b'/') && product_before(hay, s - 1, end) {
        return None;
    }
    // `10.0.0.0/8` names a network, not a host.
    if o[3] == 0 && bytes::at(hay, end) == Some(b'/') {
        return None;
    }
    let base = confidence(o)?;
    let found = cx.emit(s, end, Kind::Ipv4, base, Needs::Nothing);
    // The access-log line of nginx and Apache (combined/common format):
    // `IP - remote_user [time]`.
    if found && (s == 0 || hay[s - 1] == b'\n') && hay[end..].starts_with(b" - ") {
        let ls = end + 3;
        let le = ls
            + hay[ls..]
                .iter()
                .take(64)
                .take_while(|&&b| b != b' ')
                .count();
        if hay[le..].starts_with(b" [") && le > ls {
            super::login::remote_user(cx, ls, le);
        }
    }
    found.then_some(end)
}

/// Whether `hay[i..]` goes on as the labels of a host name: letters,
/// digits and hyphens, dot-separated, the last all letters (`sh.example.at`).
fn host_name_at(hay: &[u8], i: usize) -> bool {
    let mut labels = 0;
    let mut j = i;
    loop {
        let ls = j;
        while j < hay.len() && (is_alnum(hay[j]) || hay[j] == b'-') {
            j += 1;
        }
        if j == ls || j - ls > 63 {
            return false;
        }
        labels += 1;
        if hay.get(j) == Some(&b'.') && bytes::at(hay, j + 1).is_some_and(is_alnum) {
            j += 1;
            continue;
        }
        return labels >= 2 && hay[ls..j].iter().all(u8::is_ascii_alphabetic);
    }
}

/// Whether the `/` at `slash` ends a product token (`Chrome/120.0.0.0`,
/// `Version/17.4.1.2`) rather than a host or path (`nn01.example.kz/10.20.30.40:9000`,
/// `HIER_DIRECT/142.250.74.37`, `/default-rack/10.0.0.2`): a product is one
/// word of letters and digits, and no port follows its version (`:443`,
/// `(443)`).
fn product_before(hay: &[u8], slash: usize, end: usize) -> bool {
    let mut k = slash;
    while k > 0 && is_alnum(hay[k - 1]) {
        k -= 1;
    }
    if k == slash {
        return false;
    }
    let word_alone = k == 0 || !matches!(hay[k - 1], b'.' | b'-' | b'_' | b'/');
    // `:9000`, or Cisco ASA's `outside/203.0.113.77(40001)`.
    let port = matches!(bytes::at(hay, end), Some(b':' | b'('))
        && bytes::at(hay, end + 1).is_some_and(|b| b.is_ascii_digit());
    word_alone && !port
}

/// At a run of 1–3 digits followed by `-`: an address written with dashes
/// inside a host name, as ISPs and clouds name their subscribers' and
/// machines' reverse DNS (`adsl-203-0-113-5.dsl.example.net`,
/// `customer-198-51-100-23-sta.example.mx`, `ip-10-20-31-17.ec2.internal`).
/// The host name must go on after it (`.label` or `-word`), and something
/// must stand before it (`adsl-`), so a date or a phone is never taken.
pub(crate) fn dashed(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // `adsl-203-0-113-5.…`, or the host name's first label
    // (`95-56-14-203.dynamic.example.kz`, as Exim's `H=` names a client):
    // then a domain of its own must follow.
    let prefixed = s >= 2 && matches!(hay[s - 1], b'-' | b'.') && hay[s - 2].is_ascii_alphabetic();
    let first_label =
        s == 0 || matches!(hay[s - 1], b' ' | b'=' | b'(' | b'[' | b'@' | b'"' | b'\'');
    if !prefixed && !first_label {
        return None;
    }
    let (octets, i) = parse_with(hay, s, b'-')?;
    let goes_on = match bytes::at(hay, i) {
        Some(b'.') => host_name_at(hay, i + 1),
        Some(b'-') => prefixed && bytes::at(hay, i + 1).is_some_and(|b| b.is_ascii_alphabetic()),
        _ => false,
    };
    if !goes_on {
        return None;
    }
    let base = confidence(octets)?;
    cx.emit(s, i, Kind::Ipv4, base, Needs::Nothing).then_some(i)
}

fn confidence(o: [u8; 4]) -> Option<f32> {
    const MASK: [u8; 9] = [0, 128, 192, 224, 240, 248, 252, 254, 255];
    let netmask =
        o[0] == 255 && o.iter().all(|b| MASK.contains(b)) && o.windows(2).all(|w| w[0] >= w[1]);
    if o[0] == 0 || o == [255; 4] || netmask {
        return None;
    }
    Some(match o {
        [127, ..] => 0.2,
        [224..=255, ..] => 0.3,
        [10, ..] | [192, 168, ..] => 0.75,
        [172, b, ..] if (16..=31).contains(&b) => 0.75,
        _ => 0.85,
    })
}
