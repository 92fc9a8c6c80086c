//! Geolocation: a latitude/longitude pair inside Kazakhstan's bounding box
//! (latitude 40.5–55.5, longitude 46.4–87.4), `43.238949, 76.889709` or
//! `43.2389 76.8897`. With four or more decimals each the pair is precise
//! enough to point at a building (0.8); fewer need a context word
//! (координаты, геолокация, lat/lon, location).

use crate::bytes::{self, is_digit};
use crate::engine::{Cx, Needs};
use crate::kind::Kind;

/// A decimal number at `i`: (value, decimals, end).
fn decimal(hay: &[u8], i: usize) -> Option<(f64, usize, usize)> {
    let int = hay[i..].iter().take_while(|&&b| is_digit(b)).count();
    if int == 0 || int > 2 || hay.get(i + int) != Some(&b'.') {
        return None;
    }
    let f = i + int + 1;
    let frac = hay[f..].iter().take_while(|&&b| is_digit(b)).count();
    if frac == 0 || frac > 10 {
        return None;
    }
    let text = std::str::from_utf8(&hay[i..f + frac]).ok()?;
    Some((text.parse().ok()?, frac, f + frac))
}

/// A pair starting at the 2-digit run at `s`; returns its end when one
/// was reported.
#[inline(never)]
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if !bytes::numeric_left_ok(hay, s) || bytes::before(hay, s) == Some(b'-') {
        return None;
    }
    // Shape before numbers: two digits and a dot, then (past a comma or
    // spaces) two more digits and a dot; most `12.5` in logs stop here.
    let int = |i: usize| {
        hay.get(i..i + 3)
            .is_some_and(|w| is_digit(w[0]) && is_digit(w[1]) && w[2] == b'.')
    };
    let lat_int = u32::from(hay[s] - b'0') * 10 + u32::from(hay[s + 1] - b'0');
    if !int(s) || !(40..=55).contains(&lat_int) {
        return None;
    }
    let mut j = s + 3;
    while hay.get(j).is_some_and(|&b| is_digit(b)) {
        j += 1;
    }
    // iCalendar's `GEO:43.2050;76.8950` (RFC 5545, 3.8.1.6) parts the
    // pair with a semicolon.
    let ical = s >= 4 && hay[s - 4..s].eq_ignore_ascii_case(b"GEO:");
    let sep = |b: Option<&u8>| b == Some(&b',') || ical && b == Some(&b';');
    let k = j + usize::from(sep(hay.get(j)));
    let k = k + hay[k.min(hay.len())..]
        .iter()
        .take(2)
        .take_while(|&&b| b == b' ')
        .count();
    if k == j || !int(k) {
        return None;
    }
    let (lat, lat_dec, e1) = decimal(hay, s)?;
    let mut i = e1;
    if sep(hay.get(i)) {
        i += 1;
    }
    while hay.get(i) == Some(&b' ') {
        i += 1;
    }
    if i == e1 || i > e1 + 3 {
        return None;
    }
    let (lon, lon_dec, end) = decimal(hay, i)?;
    if !(40.5..=55.5).contains(&lat)
        || !(46.4..=87.4).contains(&lon)
        || !bytes::numeric_right_ok(hay, end)
    {
        return None;
    }
    let needs = if lat_dec >= 4 && lon_dec >= 4 {
        Needs::Nothing
    } else {
        Needs::Context
    };
    cx.emit(s, end, Kind::Geo, 0.8, needs).then_some(end)
}

/// A GeoJSON position (RFC 7946, 3.1.1: longitude first), at the 2-digit
/// run `s` right after the `[` of a `"coordinates"` member:
/// `"coordinates": [76.945813, 43.238117]`. Reported as the pair as
/// written, with four decimals or more each.
#[inline(never)]
pub(crate) fn geojson(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let mut b = s;
    while b > 0 && hay[b - 1] == b' ' {
        b -= 1;
    }
    if b == 0 || hay[b - 1] != b'[' {
        return None;
    }
    let head = &hay[b.saturating_sub(24)..b - 1];
    memchr::memmem::find(head, b"coordinates")?;
    let (lon, lon_dec, e1) = decimal(hay, s)?;
    let mut i = e1;
    if hay.get(i) != Some(&b',') {
        return None;
    }
    i += 1;
    while hay.get(i) == Some(&b' ') {
        i += 1;
    }
    let (lat, lat_dec, end) = decimal(hay, i)?;
    if !(40.5..=55.5).contains(&lat)
        || !(46.4..=87.4).contains(&lon)
        || lat_dec < 4
        || lon_dec < 4
        || !matches!(hay.get(end), Some(b']' | b',' | b' '))
    {
        return None;
    }
    cx.emit(s, end, Kind::Geo, 0.8, Needs::Nothing)
        .then_some(end)
}
