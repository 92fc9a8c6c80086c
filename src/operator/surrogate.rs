//! `surrogate`: a keyed, deterministic fake that is itself valid and keeps the
//! written form: an IIN with a correct check digit (keeping birth year and
//! sex by default), a Luhn-valid card with the same 6-digit issuer prefix, a
//! phone in the same operator range, a mod-97-valid IBAN at the same bank, an
//! IMEI with the same TAC, a MAC with the same vendor prefix, an address in
//! the same /16 (IPv4) or /48 (IPv6).
//!
//! This is pseudonymization, not anonymization: whoever holds the key can
//! recompute the mapping for a guessed value, and the kept parts (birth
//! year, operator, bank) are quasi-identifiers.

use serde::{Deserialize, Serialize};

use crate::checksum::{iban_mod97, iin_bin_check_digit, luhn, luhn16};
use crate::detect::kz_id::is_date;
use crate::key::{hex, Key};
use crate::kind::Kind;
use crate::normalize::normalized;
use crate::synth::Rng;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Surrogate {
    /// IIN: keep the birth year and the century/sex digit.
    pub keep_birth_year_sex: bool,
}

impl Default for Surrogate {
    fn default() -> Self {
        Surrogate {
            keep_birth_year_sex: true,
        }
    }
}

impl Surrogate {
    pub(super) fn apply(&self, kind: Kind, raw: &[u8], key: &Key, out: &mut Vec<u8>) {
        let canonical = normalized(kind, raw);
        let mac = key.mac(&[b"qorgau surrogate v1", kind.id().as_bytes(), &canonical]);
        let seed = u64::from_le_bytes(mac[..8].try_into().expect("8 bytes"));
        let mut r = Rng::new(seed);
        let digits: Vec<u8> = match kind {
            Kind::Iin | Kind::Bin => crate::normalize::id_digits(raw),
            _ => raw.iter().copied().filter(u8::is_ascii_digit).collect(),
        };
        let new: Option<Vec<u8>> = match kind {
            Kind::Iin if digits.len() == 12 => Some(self.iin(&digits, &mut r)),
            Kind::Bin if digits.len() == 12 => Some(bin(&digits, &mut r)),
            Kind::Card | Kind::Imei if digits.len() >= 13 => {
                let keep = if kind == Kind::Card { 6 } else { 8 };
                Some(luhn_fake(&digits, keep, &mut r))
            }
            Kind::Phone if digits.len() >= 10 => Some(phone(&digits, &mut r)),
            _ => None,
        };
        if let Some(new) = new {
            return replace_digits(raw, &new, out);
        }
        match kind {
            Kind::Iban => iban(raw, &mut r, out),
            Kind::Mac => replace_hex_after(raw, 6, &mut r, out),
            Kind::Meid => meid(raw, &mut r, out),
            Kind::Ipv4 => ipv4(raw, &mut r, out),
            Kind::Ipv6 => ipv6(raw, &mut r, out),
            Kind::Email => {
                let domain = raw
                    .iter()
                    .rposition(|&b| b == b'@')
                    .map_or(&b""[..], |at| &raw[at..]);
                out.extend_from_slice(format!("u{}", hex(&mac[8..13])).as_bytes());
                out.extend_from_slice(if domain.is_empty() {
                    b"@example.invalid"
                } else {
                    domain
                });
            }
            _ => out.extend_from_slice(
                format!("{}_{}", kind.id().to_uppercase(), hex(&mac[..5])).as_bytes(),
            ),
        }
    }

    fn iin(&self, d: &[u8], r: &mut Rng) -> Vec<u8> {
        loop {
            let (yy, century_digit) = if self.keep_birth_year_sex {
                ((d[0] - b'0') * 10 + (d[1] - b'0'), d[6])
            } else {
                (r.below(100) as u8, b'3' + r.below(4) as u8)
            };
            let century = match century_digit {
                b'1' | b'2' => 1800,
                b'5' | b'6' => 2000,
                _ => 1900,
            };
            let (m, day) = (1 + r.below(12) as u32, 1 + r.below(31) as u32);
            if !is_date(century + u32::from(yy), m, day) {
                continue;
            }
            let head = format!(
                "{yy:02}{m:02}{day:02}{}{}",
                char::from(century_digit),
                r.digits(4)
            );
            if let Some(c) = iin_bin_check_digit(head.as_bytes()) {
                return format!("{head}{c}").into_bytes();
            }
        }
    }
}

fn bin(d: &[u8], r: &mut Rng) -> Vec<u8> {
    loop {
        let mut head = d[..6].to_vec();
        head.extend_from_slice(r.digits(5).as_bytes());
        if let Some(c) = iin_bin_check_digit(&head) {
            head.push(b'0' + c);
            return head;
        }
    }
}

/// Keeps `keep` leading digits, draws the rest, fixes the Luhn digit.
fn luhn_fake(d: &[u8], keep: usize, r: &mut Rng) -> Vec<u8> {
    let mut v = d[..keep].to_vec();
    v.extend_from_slice(r.digits(d.len() - keep - 1).as_bytes());
    v.push(b'0');
    let last = v.len() - 1;
    for c in b'0'..=b'9' {
        v[last] = c;
        if luhn(&v) {
            break;
        }
    }
    v
}

/// Keeps the country/trunk prefix and the operator or area code.
fn phone(d: &[u8], r: &mut Rng) -> Vec<u8> {
    let national_start = d.len() - 10;
    let keep = national_start
        + if d[national_start + 1] == b'1' || d[national_start + 1] == b'2' {
            4
        } else {
            3
        };
    let mut v = d[..keep].to_vec();
    loop {
        let tail = r.digits(d.len() - keep);
        // Not a placeholder-looking run like 0000000.
        if tail.bytes().any(|b| b != tail.as_bytes()[0]) {
            v.extend_from_slice(tail.as_bytes());
            return v;
        }
    }
}

/// Writes `raw` with its digits replaced, in order, by `new`.
fn replace_digits(raw: &[u8], new: &[u8], out: &mut Vec<u8>) {
    let mut it = new.iter();
    for &b in raw {
        out.push(if b.is_ascii_digit() {
            *it.next().unwrap_or(&b)
        } else {
            b
        });
    }
}

fn iban(raw: &[u8], r: &mut Rng, out: &mut Vec<u8>) {
    let compact: Vec<u8> = raw
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    if compact.len() < 8 {
        return out.extend_from_slice(raw);
    }
    // Country, check digits, and the bank code (3 characters in KZ, 4 elsewhere).
    let keep = if compact.starts_with(b"KZ") { 7 } else { 8 };
    let mut v = compact.clone();
    for b in v.iter_mut().skip(keep) {
        *b = if b.is_ascii_digit() {
            b'0' + r.below(10) as u8
        } else {
            b'A' + r.below(26) as u8
        };
    }
    for check in 0..100u8 {
        v[2] = b'0' + check / 10;
        v[3] = b'0' + check % 10;
        if iban_mod97(&v) {
            break;
        }
    }
    let mut it = v.iter();
    for &b in raw {
        out.push(if b.is_ascii_alphanumeric() {
            *it.next().unwrap_or(&b)
        } else {
            b
        });
    }
}

/// Keeps the first `keep` hex digits (a MAC's vendor prefix) and draws the
/// rest in the same case.
fn replace_hex_after(raw: &[u8], keep: usize, r: &mut Rng, out: &mut Vec<u8>) {
    let mut seen = 0;
    for &b in raw {
        if b.is_ascii_hexdigit() {
            seen += 1;
            if seen > keep {
                let h = b"0123456789abcdef"[r.below(16) as usize];
                out.push(if b.is_ascii_uppercase() {
                    h.to_ascii_uppercase()
                } else {
                    h
                });
                continue;
            }
        }
        out.push(b);
    }
}

fn meid(raw: &[u8], r: &mut Rng, out: &mut Vec<u8>) {
    let start = out.len();
    replace_hex_after(raw, 8, r, out);
    if raw.len() == 15 {
        let v = &mut out[start..];
        for c in b"0123456789ABCDEF" {
            v[14] = *c;
            if luhn16(v) {
                break;
            }
        }
    }
}

fn ipv4(raw: &[u8], r: &mut Rng, out: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(raw);
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 4 {
        return out.extend_from_slice(raw);
    }
    let s = format!(
        "{}.{}.{}.{}",
        parts[0],
        parts[1],
        r.below(256),
        1 + r.below(254)
    );
    out.extend_from_slice(s.as_bytes());
}

fn ipv6(raw: &[u8], r: &mut Rng, out: &mut Vec<u8>) {
    let Some(ip) = std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.parse::<std::net::Ipv6Addr>().ok())
    else {
        return out.extend_from_slice(raw);
    };
    let mut seg = ip.segments();
    for s in seg.iter_mut().skip(3) {
        *s = r.below(0x10000) as u16;
    }
    seg[7] |= 1;
    out.extend_from_slice(std::net::Ipv6Addr::from(seg).to_string().as_bytes());
}
