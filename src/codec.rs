//! The text encodings of tables: every encoding of `encoding_rs` (the
//! WHATWG set: UTF-8, Windows-1251, KOI8-R, …) and KZ-1048, the Kazakh
//! Windows code page that old 1C exports are still written in, which the
//! WHATWG set lacks.
//!
//! Encoding never turns a character the target cannot hold into something
//! else silently: [`Codec::encode`] fails with the character unless the
//! caller asks for HTML numeric entities ([`Unmappable::Entity`]).

use std::borrow::Cow;

use encoding_rs::Encoding;

/// A table's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Std(&'static Encoding),
    /// KZ-1048 (STRK1048-2002): Windows-1251 with Kazakh letters in place
    /// of 16 Serbian, Macedonian, Ukrainian and Belarusian ones.
    Kz1048,
}

/// What to do with a character the output encoding cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Unmappable {
    /// The file is an error (nothing is written for it).
    #[default]
    Error,
    /// Write it as an HTML numeric entity (`&#1256;`), as browsers do.
    Entity,
}

pub const UTF_8: Codec = Codec::Std(encoding_rs::UTF_8);
pub const UTF_16LE: Codec = Codec::Std(encoding_rs::UTF_16LE);
pub const UTF_16BE: Codec = Codec::Std(encoding_rs::UTF_16BE);
pub const WINDOWS_1251: Codec = Codec::Std(encoding_rs::WINDOWS_1251);

/// KZ-1048 bytes 0x80–0xFF as Unicode scalar values, from the Unicode
/// Consortium's mapping `MAPPINGS/VENDORS/MISC/KZ1048.TXT` (the table
/// CPython's `kz1048` codec is generated from). 0x98, which the mapping
/// leaves undefined, is U+0098 (as WHATWG single-byte encodings treat
/// their holes), so that every byte decodes and encodes back to itself.
const KZ1048_HIGH: [u16; 128] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x049A, 0x04BA, 0x040F, // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x049B, 0x04BB, 0x045F, // 98
    0x00A0, 0x04B0, 0x04B1, 0x04D8, 0x00A4, 0x04E8, 0x00A6, 0x00A7, // A0
    0x0401, 0x00A9, 0x0492, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x04AE, // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x04E9, 0x00B5, 0x00B6, 0x00B7, // B0
    0x0451, 0x2116, 0x0493, 0x00BB, 0x04D9, 0x04A2, 0x04A3, 0x04AF, // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, // C0
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, // C8
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, // D0
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, // D8
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, // E0
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, // E8
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, // F0
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, // F8
];

/// The bytes where KZ-1048 and Windows-1251 differ: Kazakh letters there
/// (Қ Һ қ һ Ұ ұ Ә Ө Ғ Ү ө ғ ә Ң ң ү), other Cyrillic letters in 1251.
pub const KZ1048_DIFFERS: [u8; 16] = [
    0x8D, 0x8E, 0x9D, 0x9E, 0xA1, 0xA2, 0xA3, 0xA5, 0xAA, 0xAF, 0xB4, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF,
];

impl Codec {
    /// The codec of a label: `kz-1048` (also `kz1048`, `rk1048`,
    /// `strk1048-2002`, IANA's aliases) or any WHATWG label.
    pub fn for_label(label: &str) -> Option<Codec> {
        let l = label.trim().to_ascii_lowercase();
        if matches!(
            l.as_str(),
            "kz-1048" | "kz1048" | "rk1048" | "strk1048-2002" | "cskz1048"
        ) {
            return Some(Codec::Kz1048);
        }
        Encoding::for_label(l.as_bytes()).map(Codec::Std)
    }

    /// The codec of an `--output-encoding` label, and whether the label
    /// asks for a byte-order mark: a UTF-16 label that does not name the
    /// byte order (`utf-16`, `unicode`, `ucs-2`) writes UTF-16LE with its
    /// mark, which is what tells a reader the order; `utf-16le` and
    /// `utf-16be` write a mark only when the input had one.
    pub fn for_output_label(label: &str) -> Option<(Codec, bool)> {
        let codec = Codec::for_label(label)?;
        let l = label.trim().to_ascii_lowercase();
        let bom = codec.is_utf16() && !matches!(l.as_str(), "utf-16le" | "utf-16be");
        Some((codec, bom))
    }

    /// The canonical name (`UTF-8`, `windows-1251`, `KZ-1048`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Std(e) => e.name(),
            Codec::Kz1048 => "KZ-1048",
        }
    }

    pub fn is_utf8(self) -> bool {
        self == UTF_8
    }

    pub fn is_utf16(self) -> bool {
        self == UTF_16LE || self == UTF_16BE
    }

    /// The byte-order mark of this encoding (empty for those that have none).
    pub fn bom(self) -> &'static [u8] {
        if self == UTF_8 {
            &[0xEF, 0xBB, 0xBF]
        } else if self == UTF_16LE {
            &[0xFF, 0xFE]
        } else if self == UTF_16BE {
            &[0xFE, 0xFF]
        } else {
            &[]
        }
    }

    pub fn is_single_byte(self) -> bool {
        match self {
            Codec::Std(e) => e.is_single_byte(),
            Codec::Kz1048 => true,
        }
    }

    /// Decodes `bytes` (a byte-order mark is not treated specially); the
    /// flag says whether some bytes were malformed (and replaced by U+FFFD).
    pub fn decode(self, bytes: &[u8]) -> (Cow<'_, str>, bool) {
        match self {
            Codec::Std(e) => {
                let (text, bad) = e.decode_without_bom_handling(bytes);
                (text, bad)
            }
            Codec::Kz1048 if bytes.is_ascii() => (
                Cow::Borrowed(std::str::from_utf8(bytes).expect("ASCII is UTF-8")),
                false,
            ),
            Codec::Kz1048 => {
                let text = bytes
                    .iter()
                    .map(|&b| match b {
                        0..=0x7F => char::from(b),
                        _ => char::from_u32(u32::from(KZ1048_HIGH[usize::from(b - 0x80)]))
                            .expect("the table holds scalar values"),
                    })
                    .collect();
                (Cow::Owned(text), false)
            }
        }
    }

    /// Encodes `text`; a character this encoding cannot hold is an error
    /// (the character), or an HTML numeric entity when `on` says so.
    ///
    /// # Errors
    /// The first character that cannot be encoded, with [`Unmappable::Error`].
    pub fn encode(self, text: &str, on: Unmappable) -> Result<Cow<'_, [u8]>, char> {
        match self {
            // encoding_rs encodes UTF-16 as UTF-8 (its encoders follow the
            // WHATWG Encoding Standard, where UTF-16 is decode-only), so
            // the code units are written here; no mark is added.
            Codec::Std(e) if self.is_utf16() => {
                let mut out = Vec::with_capacity(text.len() * 2);
                crate::input::utf16::encode(text.as_bytes(), e, &mut out);
                Ok(Cow::Owned(out))
            }
            Codec::Std(e) => {
                let (bytes, _, bad) = e.encode(text);
                if bad && on == Unmappable::Error {
                    let mut buf = [0u8; 4];
                    let c = text
                        .chars()
                        .find(|c| e.encode(c.encode_utf8(&mut buf)).2)
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    return Err(c);
                }
                Ok(bytes)
            }
            Codec::Kz1048 if text.is_ascii() => Ok(Cow::Borrowed(text.as_bytes())),
            Codec::Kz1048 => {
                let mut out = Vec::with_capacity(text.len());
                for c in text.chars() {
                    match kz1048_byte(c) {
                        Some(b) => out.push(b),
                        None if on == Unmappable::Entity => {
                            out.extend_from_slice(format!("&#{};", u32::from(c)).as_bytes());
                        }
                        None => return Err(c),
                    }
                }
                Ok(Cow::Owned(out))
            }
        }
    }
}

/// The KZ-1048 byte of `c`, if it has one.
fn kz1048_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 {
        return u8::try_from(u).ok();
    }
    let u = u16::try_from(u).ok()?;
    KZ1048_HIGH
        .iter()
        .position(|&x| x == u)
        .and_then(|i| u8::try_from(i + 0x80).ok())
}

/// Whether Cyrillic text that chardetng took for Windows-1251 is KZ-1048:
/// letters only Kazakh has in KZ-1048 (ә қ ң һ, upper and lower case) sit
/// where Windows-1251 has Serbian and Macedonian letters (ј ќ ѕ ћ), and
/// they occur at least twice and more often than Ukrainian and Belarusian
/// ones (ў є ї ґ, where KZ-1048 has ұ ғ ү ө) would make a 1251 file's
/// letters at those bytes.
pub fn looks_kz1048(head: &[u8]) -> bool {
    // ә Ә қ Қ ң Ң һ Һ in KZ-1048; ј Ј ќ Ќ ѕ Ѕ ћ Ћ in Windows-1251.
    const KAZAKH_ONLY: [u8; 8] = [0xBC, 0xA3, 0x9D, 0x8D, 0xBE, 0xBD, 0x9E, 0x8E];
    let mut only = 0usize;
    let mut shared = 0usize;
    for &b in head {
        if KAZAKH_ONLY.contains(&b) {
            only += 1;
        } else if KZ1048_DIFFERS.contains(&b) {
            shared += 1;
        }
    }
    only >= 2 && only * 4 >= shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kz1048_round_trips_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let (text, bad) = Codec::Kz1048.decode(&all);
        assert!(!bad);
        assert_eq!(
            &*Codec::Kz1048.encode(&text, Unmappable::Error).unwrap(),
            &all[..]
        );
        let kazakh = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі";
        let bytes = Codec::Kz1048.encode(kazakh, Unmappable::Error).unwrap();
        assert_eq!(bytes.len(), kazakh.chars().count());
        assert_eq!(Codec::Kz1048.decode(&bytes).0, kazakh);
        // Windows-1251 agrees outside the differing bytes.
        for b in 0x80..=0xFFu8 {
            let k = Codec::Kz1048.decode(&[b]).0.into_owned();
            let w = WINDOWS_1251.decode(&[b]).0.into_owned();
            assert_eq!(k == w, !KZ1048_DIFFERS.contains(&b), "{b:#x}");
        }
    }

    #[test]
    fn unmappable_characters_are_errors_unless_entities_are_asked_for() {
        assert_eq!(WINDOWS_1251.encode("Ә", Unmappable::Error), Err('Ә'));
        assert_eq!(
            &*WINDOWS_1251.encode("aӘ", Unmappable::Entity).unwrap(),
            b"a&#1240;"
        );
        assert_eq!(Codec::Kz1048.encode("€😀", Unmappable::Error), Err('😀'));
        assert_eq!(Codec::for_label("KZ-1048"), Some(Codec::Kz1048));
        assert_eq!(Codec::for_label("cp1251"), Some(WINDOWS_1251));
        assert_eq!(Codec::Kz1048.name(), "KZ-1048");
    }

    #[test]
    fn utf16_is_encoded_as_utf16_not_as_utf8() {
        assert_eq!(
            &*UTF_16LE.encode("Аa😀", Unmappable::Error).unwrap(),
            &[0x10, 0x04, b'a', 0, 0x3D, 0xD8, 0x00, 0xDE]
        );
        assert_eq!(
            &*UTF_16BE.encode("Аa", Unmappable::Error).unwrap(),
            &[0x04, 0x10, 0, b'a']
        );
        assert_eq!(Codec::for_output_label("UTF-16"), Some((UTF_16LE, true)));
        assert_eq!(Codec::for_output_label("utf-16le"), Some((UTF_16LE, false)));
        assert_eq!(Codec::for_output_label("utf-16be"), Some((UTF_16BE, false)));
        assert_eq!(Codec::for_output_label("utf-8"), Some((UTF_8, false)));
    }
}
