//! Text outputs written in another encoding than the UTF-8 the rewrite
//! gives: `--output-encoding`, or the encoding a text input was decoded from
//! while read (UTF-16). Tables are re-encoded chunk by chunk in the rewrite
//! (`rewrite::transcode`); text is encoded here, in output order, since a
//! chunk's output may start inside what the previous one already wrote.

use crate::codec::{Codec, Unmappable};

/// Encodes the UTF-8 pieces of one text output, in order.
pub(super) struct TextEncoder {
    to: Codec,
    /// Write the output encoding's byte-order mark before the text: the
    /// input had one (a UTF-16 mark, or a UTF-8 one at its start), or the
    /// label asked for one.
    bom: bool,
    unmappable: Unmappable,
    first: bool,
    /// The start of a UTF-8 character cut by the end of the last piece.
    carry: Vec<u8>,
    /// Line feeds encoded so far, to say where a problem is.
    lines: u64,
}

impl TextEncoder {
    pub(super) fn new(to: Codec, bom: bool, unmappable: Unmappable) -> TextEncoder {
        TextEncoder {
            to,
            bom,
            unmappable,
            first: true,
            carry: Vec::new(),
            lines: 0,
        }
    }

    /// Appends `piece` encoded to `out`.
    ///
    /// # Errors
    /// Bytes that are not UTF-8 (text read as bytes, not decoded: it
    /// cannot be re-encoded without losing them), or a character the
    /// output encoding cannot hold; the message names the line, never
    /// the text.
    pub(super) fn push(&mut self, piece: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        let joined;
        let mut bytes = if self.carry.is_empty() {
            piece
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), piece].concat();
            &joined[..]
        };
        if self.first {
            // A UTF-8 mark of text read as bytes becomes the output's mark.
            if let Some(rest) = bytes.strip_prefix(crate::codec::UTF_8.bom()) {
                bytes = rest;
                self.bom = true;
            }
            if self.bom {
                out.extend_from_slice(self.to.bom());
            }
            self.first = false;
        }
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(t) => (t, &[][..]),
            // A character cut by the end of the piece: kept for the next.
            Err(e) if e.error_len().is_none() => {
                let (t, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(t).expect("valid up to here"), rest)
            }
            Err(e) => {
                let line = self.lines + newlines(&bytes[..e.valid_up_to()]) + 1;
                return Err(self.not_utf8(line));
            }
        };
        match self.to.encode(text, self.unmappable) {
            Ok(b) => out.extend_from_slice(&b),
            Err(ch) => {
                let before = text.find(ch).unwrap_or(0);
                let line = self.lines + newlines(&text.as_bytes()[..before]) + 1;
                return Err(format!(
                    "a character {} cannot hold (U+{:04X}: give another --output-encoding, or \
                     --unmappable entity to write it as &#{};) at line {line}: not anonymized, \
                     no output written",
                    self.to.name(),
                    u32::from(ch),
                    u32::from(ch)
                ));
            }
        }
        self.lines += newlines(text.as_bytes());
        self.carry = rest.to_vec();
        Ok(())
    }

    /// Ends the output.
    ///
    /// # Errors
    /// A UTF-8 character cut by the end of the input.
    pub(super) fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        if self.first {
            // An empty input: its output is the mark alone, if one is due.
            self.push(&[], out)?;
        }
        if self.carry.is_empty() {
            Ok(())
        } else {
            Err(self.not_utf8(self.lines + 1))
        }
    }

    fn not_utf8(&self, line: u64) -> String {
        format!(
            "not UTF-8 at line {line}, so it cannot be written as {} without losing bytes: give \
             --encoding with the file's encoding; not anonymized, no output written",
            self.to.name()
        )
    }
}

fn newlines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{UTF_16BE, UTF_16LE, WINDOWS_1251};

    fn encode(to: Codec, bom: bool, pieces: &[&[u8]]) -> Result<Vec<u8>, String> {
        let mut e = TextEncoder::new(to, bom, Unmappable::Error);
        let mut out = Vec::new();
        for p in pieces {
            e.push(p, &mut out)?;
        }
        e.finish(&mut out)?;
        Ok(out)
    }

    #[test]
    fn pieces_cut_inside_a_character_are_joined() {
        let s = "Жа\n".as_bytes();
        let le = encode(UTF_16LE, false, &[&s[..1], &s[1..3], &s[3..]]).unwrap();
        assert_eq!(le, [0x16, 0x04, 0x30, 0x04, b'\n', 0]);
        let be = encode(UTF_16BE, true, &[s]).unwrap();
        assert_eq!(be, [0xFE, 0xFF, 0x04, 0x16, 0x04, 0x30, 0, b'\n']);
        // A UTF-8 mark becomes the output's.
        let marked = [&[0xEF, 0xBB, 0xBF][..], b"a"].concat();
        assert_eq!(
            encode(UTF_16LE, false, &[&marked]).unwrap(),
            [0xFF, 0xFE, b'a', 0]
        );
        assert_eq!(encode(WINDOWS_1251, false, &[&marked]).unwrap(), b"a");
    }

    #[test]
    fn bytes_that_are_not_utf8_and_unmappable_characters_are_errors() {
        let e = encode(UTF_16LE, false, &[b"ok\n", b"x\xFFy\n"]).unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = encode(UTF_16LE, false, &[b"ok\n\xD0"]).unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = encode(WINDOWS_1251, false, &["a\nb\nӘ".as_bytes()]).unwrap_err();
        assert!(e.contains("line 3") && e.contains("U+04D8"), "{e}");
    }
}
