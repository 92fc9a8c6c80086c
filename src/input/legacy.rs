//! Text in a single-byte encoding (`--encoding windows-1251`, `koi8-r`,
//! `ibm866`, `kz-1048`, …): decoded to UTF-8 while reading, so every
//! detector sees UTF-8, as [`super::utf16`] does for UTF-16. Each byte is
//! one character, so offsets map back to the file's bytes by counting
//! characters, and `anonymize` writes the encoding again byte for byte.

use std::io::{self, Read};

use crate::codec::Codec;

/// A reader of single-byte text that yields UTF-8. A byte the encoding
/// leaves undefined (windows-1253's 0xAA, …) becomes U+FFFD, or, when
/// `strict` (`anonymize`, which must write back every byte it does not
/// replace), an `InvalidData` error naming its offset.
pub struct SingleByteReader<R> {
    inner: R,
    codec: Codec,
    /// The UTF-8 form of each byte, its length, and whether the byte is
    /// undefined (its form is then U+FFFD).
    table: Box<[([u8; 4], u8, bool); 256]>,
    raw: Vec<u8>,
    start: usize,
    end: usize,
    /// The rest of a character a short read buffer cut.
    cut: ([u8; 4], usize, usize),
    strict: bool,
    /// Bytes of `inner` before those in `raw`.
    base: u64,
}

impl<R: Read> SingleByteReader<R> {
    /// # Panics
    /// If `codec` is not a single-byte encoding.
    pub fn new(inner: R, codec: Codec, strict: bool) -> Self {
        assert!(
            codec.is_single_byte(),
            "{} is not single-byte",
            codec.name()
        );
        let mut table = Box::new([([0u8; 4], 0u8, false); 256]);
        for (b, slot) in (0..=255u8).zip(table.iter_mut()) {
            let byte = [b];
            let (text, bad) = codec.decode(&byte);
            let mut c = text.chars();
            let ch = match (c.next(), c.next(), bad) {
                (Some(ch), None, false) => ch,
                _ => {
                    slot.2 = true;
                    char::REPLACEMENT_CHARACTER
                }
            };
            slot.1 = ch.encode_utf8(&mut slot.0).len() as u8;
        }
        SingleByteReader {
            inner,
            codec,
            table,
            raw: vec![0; 64 << 10],
            start: 0,
            end: 0,
            cut: ([0; 4], 0, 0),
            strict,
            base: 0,
        }
    }
}

impl<R: Read> Read for SingleByteReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let (cut, from, to) = &mut self.cut;
        if *from < *to {
            let n = (*to - *from).min(out.len());
            out[..n].copy_from_slice(&cut[*from..*from + n]);
            *from += n;
            return Ok(n);
        }
        if self.start == self.end {
            self.base += self.end as u64;
            self.start = 0;
            self.end = loop {
                match self.inner.read(&mut self.raw) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    r => break r?,
                }
            };
        }
        let mut written = 0;
        while self.start < self.end && written < out.len() {
            let b = self.raw[self.start];
            let (utf8, n, undefined) = self.table[usize::from(b)];
            if undefined && self.strict {
                if written > 0 {
                    // The error comes with the next read.
                    return Ok(written);
                }
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "byte {} (0x{b:02X}) is not a character of {}: it could not be \
                         written back as it was",
                        self.base + self.start as u64,
                        self.codec.name()
                    ),
                ));
            }
            let n = usize::from(n);
            let fit = n.min(out.len() - written);
            out[written..written + fit].copy_from_slice(&utf8[..fit]);
            written += fit;
            if fit < n {
                self.cut = (utf8, fit, n);
            }
            self.start += 1;
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], codec: Codec, strict: bool) -> io::Result<String> {
        let mut s = String::new();
        SingleByteReader::new(bytes, codec, strict).read_to_string(&mut s)?;
        Ok(s)
    }

    #[test]
    fn decodes_every_byte_and_refuses_holes_when_strict() {
        let text = "Айгерим Сапарова, ИИН 900101300811";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(
            read_all(&cp1251, crate::codec::WINDOWS_1251, true).unwrap(),
            text
        );
        let kz = Codec::Kz1048
            .encode("Қарағанды", crate::codec::Unmappable::Error)
            .unwrap();
        assert_eq!(read_all(&kz, Codec::Kz1048, true).unwrap(), "Қарағанды");
        // windows-1253 leaves 0xAA undefined.
        let greek = Codec::Std(encoding_rs::WINDOWS_1253);
        assert_eq!(read_all(b"a\xAAb", greek, false).unwrap(), "a\u{FFFD}b");
        let e = read_all(b"a\xAAb", greek, true).unwrap_err();
        assert!(e.to_string().contains("byte 1 (0xAA)"), "{e}");
        // One byte at a time into buffers shorter than a character.
        let mut r = SingleByteReader::new(&cp1251[..], crate::codec::WINDOWS_1251, true);
        let (mut got, mut buf) = (Vec::new(), [0u8; 1]);
        while r.read(&mut buf).unwrap() == 1 {
            got.push(buf[0]);
        }
        assert_eq!(String::from_utf8(got).unwrap(), text);
    }
}
