//! IBAN (ISO 13616; in Kazakhstan ИИК): country code, two check digits and a
//! BBAN of the country's fixed length, mod 97 = 1; printed plain or in groups
//! of four. KZ: 20 characters, bank code in positions 5–7.

use crate::bytes::{self, is_alnum};
use crate::checksum::iban_mod97;
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// IBAN lengths by country, from the SWIFT IBAN registry.
const LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NL", 18),
    (b"NO", 15),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"SA", 24),
    (b"SC", 31),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
];

/// At an alphanumeric run `s..e` that starts with two capitals and two digits.
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let cc = &hay[s..s + 2];
    let len = LENGTHS.iter().find(|(c, _)| c.as_slice() == cc)?.1;
    let mut buf = [0u8; 34];
    let end = if e - s == len {
        buf[..len].copy_from_slice(&hay[s..e]);
        e
    } else if e - s == 4 {
        gather_groups(hay, s, len, &mut buf)?
    } else {
        return None;
    };
    let iban = &buf[..len];
    if iban.iter().any(u8::is_ascii_lowercase) || !iban_mod97(iban) {
        return None;
    }
    cx.emit(s, end, Kind::Iban, 0.95, Needs::Nothing)
        .then_some(end)
}

/// Reads `len` characters in groups of four separated by single spaces.
fn gather_groups(hay: &[u8], s: usize, len: usize, buf: &mut [u8; 34]) -> Option<usize> {
    let (mut n, mut i) = (0, s);
    while n < len {
        if n > 0 {
            if hay.get(i) != Some(&b' ') {
                return None;
            }
            i += 1;
        }
        let ge = bytes::run_end(hay, i, is_alnum);
        let g = ge - i;
        if g == 0 || g > 4 || (g < 4 && n + g != len) || n + g > len {
            return None;
        }
        buf[n..n + g].copy_from_slice(&hay[i..ge]);
        n += g;
        i = ge;
    }
    Some(i)
}
