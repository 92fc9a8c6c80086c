//! Check-digit algorithms shared by the detectors: Luhn (cards, IMEI, MEID in
//! base 16), the IIN/BIN two-pass mod 11, and ISO 7064 mod 97 (IBAN).
//!
//! All of them take ASCII digits (or alphanumerics for IBAN) and never allocate.

/// Luhn over ASCII decimal digits; true when the last digit checks.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// Luhn in base 16 over ASCII hex digits (MEID's optional 15th check digit).
pub fn luhn16(hex: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &h) in hex.iter().rev().enumerate() {
        let Some(mut v) = hex_value(h) else {
            return false;
        };
        if i % 2 == 1 {
            v *= 2;
            v = v / 16 + v % 16;
        }
        sum += v;
    }
    !hex.is_empty() && sum.is_multiple_of(16)
}

/// The value of one ASCII hex digit.
#[inline]
pub fn hex_value(h: u8) -> Option<u32> {
    match h {
        b'0'..=b'9' => Some(u32::from(h - b'0')),
        b'a'..=b'f' => Some(u32::from(h - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(h - b'A' + 10)),
        _ => None,
    }
}

/// The IIN/BIN check: weights 1..11, and when that gives 10, weights
/// 3..11,1,2; a second 10 means the number is never issued.
///
/// `digits` must be 12 ASCII digits.
pub fn iin_bin_check(digits: &[u8; 12]) -> bool {
    const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let d = |i: usize| u32::from(digits[i] - b'0');
    let weighted = |w: &[u32; 11]| (0..11).map(|i| d(i) * w[i]).sum::<u32>() % 11;
    let mut c = weighted(&W1);
    if c == 10 {
        c = weighted(&W2);
        if c == 10 {
            return false;
        }
    }
    c == d(11)
}

/// The check digit the IIN/BIN algorithm gives for 11 leading digits, or
/// `None` when both passes give 10 (such a prefix is never issued).
pub fn iin_bin_check_digit(first11: &[u8]) -> Option<u8> {
    let mut full = [b'0'; 12];
    full[..11].copy_from_slice(&first11[..11]);
    (0..10u8).find(|&c| {
        full[11] = b'0' + c;
        iin_bin_check(&full)
    })
}

/// ISO 7064 mod 97-10 over an IBAN in electronic form (no spaces): true when
/// the rearranged number is 1 mod 97.
pub fn iban_mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    let rearranged = iban[4..].iter().chain(&iban[..4]);
    for &c in rearranged {
        match c {
            b'0'..=b'9' => rem = (rem * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => rem = (rem * 100 + u32::from(c - b'A' + 10)) % 97,
            b'a'..=b'z' => rem = (rem * 100 + u32::from(c - b'a' + 10)) % 97,
            _ => return false,
        }
    }
    rem == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iin_edge_cases_from_the_spec() {
        // Valid only through the second pass.
        assert!(iin_bin_check(b"900101300811"));
        assert!(iin_bin_check(b"900101300860"));
        // Both passes give 10: never issued.
        assert!(!iin_bin_check(b"821214240092"));
        assert_eq!(iin_bin_check_digit(b"82121424009"), None);
    }

    #[test]
    fn luhn_known_values() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(luhn(b"490154203237518")); // IMEI example from 3GPP TS 23.003 texts
    }

    #[test]
    fn mod97_known_values() {
        assert!(iban_mod97(b"GB82WEST12345698765432"));
        assert!(!iban_mod97(b"GB82WEST12345698765433"));
    }
}
