//! UTF-16 input (a byte-order mark says so): decoded to UTF-8 while reading,
//! so every detector and the table tokenizer see UTF-8. Offsets reported for
//! such an input are mapped back to the file's bytes ([`utf16_units`]), and
//! `anonymize` writes UTF-16 again ([`encode`]).

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};

/// The UTF-16 flavour a byte-order mark announces, when the bytes after it
/// look like UTF-16 text: the high bytes of its code units concentrate on a
/// few values (00 for ASCII, 04 for Cyrillic), which a Latin-1 or binary
/// file that merely starts with `FF FE` does not show.
pub fn detect(head: &[u8]) -> Option<&'static Encoding> {
    let (encoding, high) = match head {
        [0xFF, 0xFE, ..] => (encoding_rs::UTF_16LE, 1),
        [0xFE, 0xFF, ..] => (encoding_rs::UTF_16BE, 0),
        _ => return None,
    };
    let units = &head[2..head.len().min(2 + 1024)];
    let mut counts = [0u32; 256];
    let mut n = 0;
    for unit in units.chunks_exact(2) {
        counts[usize::from(unit[high])] += 1;
        n += 1;
    }
    let top = counts.iter().max().copied().unwrap_or(0);
    (n == 0 || top * 10 >= n * 4).then_some(encoding)
}

/// A reader of UTF-16 bytes (BOM included) that yields UTF-8. Malformed
/// code units (a lone surrogate, an odd last byte) become U+FFFD, or, when
/// `strict` (`anonymize`, which must write back every byte it does not
/// replace), an `InvalidData` error naming their byte offset.
pub struct Utf16Reader<R> {
    inner: R,
    decoder: Decoder,
    raw: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    done: bool,
    strict: bool,
    /// Bytes of `inner` before those in `raw`.
    base: u64,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, encoding: &'static Encoding, strict: bool) -> Self {
        Utf16Reader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            raw: vec![0; 64 << 10],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            strict,
            base: 0,
        }
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        // The decoder needs room for at least one character.
        if self.done || out.len() < 4 {
            return Ok(0);
        }
        loop {
            if self.start == self.end && !self.eof {
                self.base += self.end as u64;
                self.start = 0;
                self.end = self.inner.read(&mut self.raw)?;
                self.eof = self.end == 0;
            }
            let src = &self.raw[self.start..self.end];
            let (empty, read, written) = if self.strict {
                let (result, read, written) = self
                    .decoder
                    .decode_to_utf8_without_replacement(src, out, self.eof);
                if let DecoderResult::Malformed(bad, after) = result {
                    let at =
                        self.base + (self.start + read) as u64 - u64::from(bad) - u64::from(after);
                    self.done = true;
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "malformed UTF-16 at byte {at} (a lone surrogate or a cut code \
                             unit): it could not be written back as it was"
                        ),
                    ));
                }
                (result == DecoderResult::InputEmpty, read, written)
            } else {
                let (result, read, written, _) = self.decoder.decode_to_utf8(src, out, self.eof);
                (result == CoderResult::InputEmpty, read, written)
            };
            self.start += read;
            if self.eof && empty {
                self.done = true;
            }
            if written > 0 || self.done {
                return Ok(written);
            }
        }
    }
}

/// How many UTF-16 code units the UTF-8 text `s` takes (a character beyond
/// the Basic Multilingual Plane takes two). Invalid bytes count as one.
pub fn utf16_units(s: &[u8]) -> u64 {
    s.iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xF7 => 2,
            _ => 1,
        })
        .sum()
}

/// Appends UTF-8 `text` as UTF-16 in the given flavour.
pub fn encode(text: &[u8], encoding: &'static Encoding, out: &mut Vec<u8>) {
    let s = String::from_utf8_lossy(text);
    let big = encoding == encoding_rs::UTF_16BE;
    for unit in s.encode_utf16() {
        out.extend_from_slice(&if big {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_counts() {
        let mut bytes = vec![0xFF, 0xFE];
        encode(
            "ИИН 900101300811 😀".as_bytes(),
            encoding_rs::UTF_16LE,
            &mut bytes,
        );
        let mut s = String::new();
        Utf16Reader::new(&bytes[..], encoding_rs::UTF_16LE, true)
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "ИИН 900101300811 😀");
        assert_eq!(utf16_units(s.as_bytes()), 19);
        assert_eq!(detect(&bytes), Some(encoding_rs::UTF_16LE));
        assert_eq!(detect(b"\xff\xfe garbage \xc3 900101300811 tail"), None);
    }
}
