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
pub(crate) fn at(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if !bytes::numeric_left_ok(hay, s) || bytes::before(hay, s) == Some(b'-') {
        return None;
    }
    let (lat, lat_dec, e1) = decimal(hay, s)?;
    let mut i = e1;
    if hay.get(i) == Some(&b',') {
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
