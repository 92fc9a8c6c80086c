//! Byte classes and boundary rules shared by every detector.
//!
//! The scanner works on raw bytes (text may be invalid UTF-8); these helpers
//! answer "can an identifier start or end here" the same way for all of them.

/// Class bits for one byte, from [`CLASS`].
pub const DIGIT: u8 = 1;
pub const HEX: u8 = 2;
pub const ALPHA: u8 = 4;
pub const UPPER: u8 = 8;
/// A byte the main loop must stop at (alphanumeric or an anchor like `+ @ % :`).
pub const INTEREST: u8 = 16;
/// The lead byte of a Cyrillic letter (U+0400–U+04FF, Kazakh letters too):
/// where a Cyrillic word may start.
pub const CYR: u8 = 32;

/// The class of every byte value.
pub static CLASS: [u8; 256] = build_classes();

const fn build_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let mut v = 0u8;
        if c.is_ascii_digit() {
            v |= DIGIT | HEX | INTEREST;
        }
        if c.is_ascii_alphabetic() {
            v |= ALPHA | INTEREST;
        }
        if c.is_ascii_uppercase() {
            v |= UPPER;
        }
        if c.is_ascii_hexdigit() {
            v |= HEX;
        }
        if c == b'+' || c == b'@' || c == b'%' || c == b':' || c == b'=' || c == b'&' || c == b'\''
        {
            v |= INTEREST;
        }
        if c >= 0xD0 && c <= 0xD3 {
            v |= CYR | INTEREST;
        }
        t[b] = v;
        b += 1;
    }
    t
}

#[inline]
pub fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

#[inline]
pub fn is_hex(b: u8) -> bool {
    CLASS[b as usize] & HEX != 0
}

#[inline]
pub fn is_alnum(b: u8) -> bool {
    CLASS[b as usize] & (DIGIT | ALPHA) != 0
}

/// The byte at `i`, or `None` outside the haystack.
#[inline]
pub fn at(hay: &[u8], i: usize) -> Option<u8> {
    hay.get(i).copied()
}

/// The byte before `i`, or `None` at the start.
#[inline]
pub fn before(hay: &[u8], i: usize) -> Option<u8> {
    if i == 0 {
        None
    } else {
        Some(hay[i - 1])
    }
}

/// End of the run of bytes from `i` that satisfy `pred`.
#[inline]
pub fn run_end(hay: &[u8], mut i: usize, pred: impl Fn(u8) -> bool) -> usize {
    while i < hay.len() && pred(hay[i]) {
        i += 1;
    }
    i
}

/// Whether a numeric identifier may start at `start`: not glued to an ASCII
/// letter or digit (Cyrillic and punctuation are fine: `ИИН900101300811`,
/// `тел:8701...`), and not the fraction of a decimal number (`0.123...`).
///
/// An escape (`\n`, `\t`, `\r` inside a JSON or SQL string) counts as the
/// space it stands for; the start of a line after a quoted-printable soft
/// break (`=` at the end of the line before) continues a value, so nothing
/// may start there.
#[inline(always)]
pub fn numeric_left_ok(hay: &[u8], start: usize) -> bool {
    match before(hay, start) {
        None => true,
        Some(b) if is_alnum(b) => matches!(b, b'n' | b't' | b'r') && escape_before_cold(hay, start),
        Some(b'.') => !matches!(before(hay, start - 1), Some(d) if is_digit(d)),
        // A number glued by `_` to a type prefix is part of an id:
        // `blk_1073741825`, `blk_-4000…`, `job_1445144423722_0020`.
        Some(b'_') => !matches!(before(hay, start - 1), Some(p) if is_alnum(p)),
        Some(b'-') => !(start >= 3 && hay[start - 2] == b'_' && is_alnum(hay[start - 3])),
        Some(b'\n') => {
            start < 2
                || hay[start - 2] != b'=' && hay[start - 2] != b'\r'
                || !soft_break_before_cold(hay, start)
        }
        Some(_) => true,
    }
}

#[cold]
#[inline(never)]
fn escape_before_cold(hay: &[u8], i: usize) -> bool {
    escape_before(hay, i)
}

#[cold]
#[inline(never)]
fn soft_break_before_cold(hay: &[u8], i: usize) -> bool {
    soft_break_before(hay, i)
}

/// The length of a group separator at `i` that is not a plain ASCII byte:
/// a no-break, narrow no-break, thin or figure space, a non-breaking hyphen
/// or dash (U+00A0, U+202F, U+2009, U+2007, U+2011, U+2012, U+2013), or the
/// HTML character reference of one (`&nbsp;`, `&#160;`, `&#8209;`, …).
/// 0 when there is none.
#[inline]
pub fn wide_separator(hay: &[u8], i: usize) -> usize {
    match hay.get(i) {
        Some(0xC2) if hay.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2)
            if hay.get(i + 1) == Some(&0x80)
                && matches!(
                    hay.get(i + 2),
                    Some(0xAF | 0x89 | 0x87 | 0x91 | 0x92 | 0x93)
                ) =>
        {
            3
        }
        Some(b'&') => {
            const REFS: [&[u8]; 12] = [
                b"&nbsp;",
                b"&#160;",
                b"&#xa0;",
                b"&#xA0;",
                b"&#8239;",
                b"&#8201;",
                b"&#8199;",
                b"&#8209;",
                b"&#8211;",
                b"&thinsp;",
                b"&ndash;",
                b"&#x202f;",
            ];
            let rest = &hay[i..];
            REFS.iter()
                .find(|r| rest.len() >= r.len() && rest[..r.len()].eq_ignore_ascii_case(r))
                .map_or(0, |r| r.len())
        }
        _ => 0,
    }
}

/// Whether `hay[..i]` ends with a string escape standing for white space:
/// `\n`, `\t` or `\r` after an odd number of backslashes.
#[inline]
pub fn escape_before(hay: &[u8], i: usize) -> bool {
    if i < 2 || !matches!(hay[i - 1], b'n' | b't' | b'r') || hay[i - 2] != b'\\' {
        return false;
    }
    hay[..i - 1]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

/// Whether the line starting at `i` follows a quoted-printable soft line
/// break (`…x=\r\n`): a value broken there continues from the line before.
#[inline]
pub fn soft_break_before(hay: &[u8], i: usize) -> bool {
    let head = &hay[..i];
    let eq = if head.ends_with(b"=\r\n") {
        i - 3
    } else if head.ends_with(b"=\n") {
        i - 2
    } else {
        return false;
    };
    eq > 0 && (is_alnum(hay[eq - 1]) || matches!(hay[eq - 1], b'.' | b'-' | b'@' | b'_'))
}

/// Whether a quoted-printable soft line break (`=\r\n`) follows at `i`: a
/// value ending there goes on in the next line.
#[inline]
pub fn soft_break_at(hay: &[u8], i: usize) -> bool {
    hay.get(i) == Some(&b'=') && matches!(hay.get(i + 1), Some(b'\r' | b'\n'))
}

/// Whether a numeric identifier may end at `end` (exclusive): not followed by
/// an ASCII letter or digit, nor by `.digit` / `,digit` continuing a number.
#[inline]
pub fn numeric_right_ok(hay: &[u8], end: usize) -> bool {
    match at(hay, end) {
        None => true,
        Some(b) if is_alnum(b) => false,
        Some(b'.') => !matches!(at(hay, end + 1), Some(d) if is_digit(d)),
        Some(b'=') => !soft_break_at(hay, end),
        Some(_) => true,
    }
}

/// Whether the character ending just before `i` is a letter in any script
/// (decodes one UTF-8 character backwards; invalid bytes count as non-letters).
pub fn letter_before(hay: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = hay[i - 1];
    if b < 0x80 {
        return b.is_ascii_alphanumeric() || b == b'_';
    }
    let lo = i.saturating_sub(4);
    (lo..i - 1)
        .rev()
        .find(|&s| hay[s] & 0xC0 != 0x80)
        .and_then(|s| std::str::from_utf8(&hay[s..i]).ok())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Whether the character starting at `i` is a letter in any script.
pub fn letter_at(hay: &[u8], i: usize) -> bool {
    let Some(&b) = hay.get(i) else { return false };
    if b < 0x80 {
        return b.is_ascii_alphanumeric() || b == b'_';
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return false,
    };
    hay.get(i..i + len)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Number of characters in `bytes`, counting each invalid UTF-8 byte as one.
#[inline]
pub fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Lowers the ASCII and Cyrillic capitals of `buf` in place (Kazakh Ә Ғ Қ
/// Ң Ө Ұ Ү Һ І included), by byte arithmetic: every letter keeps its byte
/// length, so offsets into the original stay valid. Other bytes are kept.
pub fn lower_letters(buf: &mut [u8]) {
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        // Spaces, digits and punctuation are half of a Cyrillic text.
        if b < 0x80 {
            buf[i] = b.to_ascii_lowercase();
            i += 1;
            continue;
        }
        let c = buf.get(i + 1).copied().unwrap_or(0);
        match (b, c) {
            (0xD0, 0x80..=0x8F) => {
                buf[i] = 0xD1;
                buf[i + 1] = c + 0x10;
            }
            (0xD0, 0x90..=0x9F) => buf[i + 1] = c + 0x20,
            (0xD0, 0xA0..=0xAF) => {
                buf[i] = 0xD1;
                buf[i + 1] = c - 0x20;
            }
            // The Cyrillic supplement: a capital and its small letter are
            // neighbours, the capital on the even code point (U+04C1–U+04CE
            // on the odd one).
            (0xD2, 0x8A..=0xBF) | (0xD3, 0x90..=0xBF) if c % 2 == 0 => buf[i + 1] = c + 1,
            (0xD3, 0x81..=0x8E) if c % 2 == 1 => buf[i + 1] = c + 1,
            _ => {}
        }
        i += if b >= 0xC0 { 2 } else { 1 };
    }
}

/// FNV-1a as a `Hasher`, for hash maps keyed by short words (dictionary
/// words, log keys) where SipHash's setup dominates the lookup.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `BuildHasher` of [`Fnv`].
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// FNV-1a of `bytes`, never 0 (0 marks an empty slot in the small caches
/// that use it).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_lower_like_std_and_keep_their_length() {
        let text = "ИИН/БИН ӘҒҚҢӨҰҮҺІ Ёлка ЯЩИК Abc-9 ӁӐ «Жұмабаев»";
        let mut buf = text.as_bytes().to_vec();
        lower_letters(&mut buf);
        assert_eq!(String::from_utf8(buf).unwrap(), text.to_lowercase());
    }

    #[test]
    fn boundaries() {
        assert!(numeric_left_ok(b"x 123", 2));
        assert!(!numeric_left_ok(b"order123", 5));
        assert!(!numeric_left_ok(b"0.123", 2));
        assert!(numeric_left_ok("ИИН123".as_bytes(), 6));
        assert!(numeric_right_ok(b"123. Next", 3));
        assert!(!numeric_right_ok(b"123.4", 3));
        assert!(letter_before("аб".as_bytes(), 4));
        assert!(!letter_before("а ".as_bytes(), 3));
        assert!(letter_at("жсн".as_bytes(), 0));
    }
}
