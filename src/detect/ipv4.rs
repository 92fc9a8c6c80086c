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
    let mut octets = [0u8; 4];
    let mut i = s;
    for (k, octet) in octets.iter_mut().enumerate() {
        if k > 0 {
            if hay.get(i) != Some(&b'.') {
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
    // `1.2.3.4` inside `x.1.2.3.4` or `Chrome/1.2.3.4` is not an address.
    match bytes::before(hay, s) {
        Some(b'.') => return None,
        Some(b'/') if s >= 2 && is_alnum(hay[s - 2]) => return None,
        Some(b) if is_alnum(b) => return None,
        _ => {}
    }
    let (o, end) = parse(hay, s)?;
    match bytes::at(hay, end) {
        Some(b'.') if bytes::at(hay, end + 1).is_some_and(is_alnum) => return None,
        Some(b) if is_alnum(b) => return None,
        _ => {}
    }
    // `10.0.0.0/8` names a network, not a host.
    if o[3] == 0 && bytes::at(hay, end) == Some(b'/') {
        return None;
    }
    let base = confidence(o)?;
    cx.emit(s, end, Kind::Ipv4, base, Needs::Nothing)
        .then_some(end)
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
