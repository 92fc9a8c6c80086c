//! An RFC 4180 tokenizer over raw bytes that reports each field's *raw* span
//! (quotes included) and each record's terminator, so that a table can be
//! rewritten cell by cell and every byte not changed is copied as it was
//! (quoting, line endings, a UTF-8 BOM). It is lenient where real exports
//! are sloppy (a quote inside an unquoted field is data; text after a closing
//! quote joins the field) and strict where data would be lost: a quoted field
//! still open at the end of the input is an error.

use std::ops::Range;

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The raw bytes, quotes included.
    pub start: usize,
    pub end: usize,
    /// Whether the field is quoted (its content is `start + 1..end - 1`,
    /// with `""` standing for `"`).
    pub quoted: bool,
}

impl Field {
    /// The content span: the raw span without surrounding quotes.
    pub fn inner(&self) -> Range<usize> {
        if self.quoted && self.end >= self.start + 2 {
            self.start + 1..self.end - 1
        } else {
            self.start..self.end
        }
    }
}

/// A record that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadRecord {
    /// Offset of the problem: the opening quote, or the record's start.
    pub at: usize,
    /// Data records read before it (filled in by the caller that counts).
    pub rows_before: usize,
    pub problem: Problem,
}

/// What is wrong with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A quoted field never closes.
    UnterminatedQuote,
    /// The record is longer than this many bytes.
    TooLong(usize),
    /// Bytes that are not valid in the table's encoding (UTF-8).
    InvalidEncoding,
    /// A character (of the input, or of a replacement) the output's
    /// encoding cannot hold.
    Unmappable { ch: char, to: &'static str },
}

impl BadRecord {
    /// What went wrong, for messages (no cell content).
    pub fn describe(&self) -> String {
        match self.problem {
            Problem::UnterminatedQuote => "unterminated quote opened".to_string(),
            Problem::TooLong(limit) => format!("a record longer than {limit} bytes starts"),
            Problem::InvalidEncoding => {
                "invalid UTF-8 (give --encoding, e.g. windows-1251, if the file is not UTF-8)"
                    .to_string()
            }
            Problem::Unmappable { ch, to } => format!(
                "a character {to} cannot hold (U+{:04X}: give another --output-encoding, or \
                 --unmappable entity to write it as &#{};) in the record that starts",
                u32::from(ch),
                u32::from(ch)
            ),
        }
    }
}

/// Reads the record starting at `pos` into `fields` (cleared first).
/// Returns the end of the record's content and the end of its terminator
/// (`\n` or `\r\n`; equal at the end of the input), or `None` at the end.
///
/// # Errors
/// [`BadRecord`] when a quoted field runs to the end of `data`.
pub fn record(
    data: &[u8],
    pos: usize,
    delim: u8,
    fields: &mut Vec<Field>,
) -> Result<Option<(usize, usize)>, BadRecord> {
    record_eol(data, pos, delim, b'\n', fields)
}

/// The line terminator of a table: `\r` when its head has carriage
/// returns and no line feed at all (old Mac exports), else `\n` (which
/// also ends `\r\n` lines).
pub fn sniff_eol(head: &[u8]) -> u8 {
    if memchr::memchr(b'\n', head).is_none() && memchr::memchr(b'\r', head).is_some() {
        b'\r'
    } else {
        b'\n'
    }
}

/// As [`record`], with records ended by `eol` (`\n`, which takes a `\r`
/// before it along, or a lone `\r`).
///
/// # Errors
/// [`BadRecord`] when a quoted field runs to the end of `data`.
pub fn record_eol(
    data: &[u8],
    pos: usize,
    delim: u8,
    eol: u8,
    fields: &mut Vec<Field>,
) -> Result<Option<(usize, usize)>, BadRecord> {
    fields.clear();
    if pos >= data.len() {
        return Ok(None);
    }
    let mut i = pos;
    loop {
        let start = i;
        let mut quoted = false;
        if data.get(i) == Some(&b'"') {
            quoted = true;
            i += 1;
            loop {
                match memchr::memchr(b'"', &data[i..]) {
                    None => {
                        return Err(BadRecord {
                            at: start,
                            rows_before: 0,
                            problem: Problem::UnterminatedQuote,
                        })
                    }
                    Some(q) if data.get(i + q + 1) == Some(&b'"') => i += q + 2,
                    Some(q) => {
                        i += q + 1;
                        break;
                    }
                }
            }
        }
        // Unquoted data (or text after a closing quote) up to a delimiter
        // or the end of the line.
        let rest = &data[i..];
        let stop = memchr::memchr2(delim, eol, rest).map_or(data.len(), |p| i + p);
        let mut end = stop;
        let at_newline = data.get(stop) == Some(&eol);
        if at_newline && eol == b'\n' && end > start && data[end - 1] == b'\r' {
            end -= 1;
        }
        quoted &= end == i;
        fields.push(Field { start, end, quoted });
        match data.get(stop) {
            Some(&b) if b == delim && !at_newline => i = stop + 1,
            Some(_) => return Ok(Some((end, stop + 1))),
            None => return Ok(Some((end, stop))),
        }
    }
}

/// Where the last complete record within `data[..limit]` ends (after its
/// terminator), scanning from `0`, which must be a record start. `None` when
/// no record ends within the limit. Records end with `eol`.
pub fn last_boundary(data: &[u8], limit: usize, delim: u8, eol: u8) -> Option<usize> {
    let mut fields = Vec::new();
    let mut pos = 0;
    let mut last = None;
    let window = &data[..limit.min(data.len())];
    while let Ok(Some((_, next))) = record_eol(window, pos, delim, eol, &mut fields) {
        if next > window.len() || (next == window.len() && window.last() != Some(&eol)) {
            break;
        }
        last = Some(next);
        pos = next;
    }
    last
}

/// Appends `value` as a field: as it is when it needs no quoting and the
/// field was not quoted, else quoted with `"` doubled.
pub fn push_field(out: &mut Vec<u8>, value: &[u8], delim: u8, was_quoted: bool) {
    let needs = value
        .iter()
        .any(|&b| b == delim || b == b'"' || b == b'\n' || b == b'\r');
    if !needs && !was_quoted {
        out.extend_from_slice(value);
        return;
    }
    out.push(b'"');
    for &b in value {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// The unescaped content of a field (`""` becomes `"`).
pub fn unescape(data: &[u8], f: &Field, out: &mut Vec<u8>) {
    let inner = &data[f.inner()];
    if !f.quoted {
        out.extend_from_slice(inner);
        return;
    }
    let mut i = 0;
    while i < inner.len() {
        out.push(inner[i]);
        i += if inner[i] == b'"' && inner.get(i + 1) == Some(&b'"') {
            2
        } else {
            1
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> Vec<String> {
        let mut f = Vec::new();
        record(line.as_bytes(), 0, b',', &mut f).unwrap();
        f.iter().map(|x| line[x.start..x.end].to_string()).collect()
    }

    #[test]
    fn raw_spans() {
        assert_eq!(fields("a,b,c\n"), ["a", "b", "c"]);
        assert_eq!(
            fields("a,\"b,c\",\"d\"\"e\"\r\n"),
            ["a", "\"b,c\"", "\"d\"\"e\""]
        );
        assert_eq!(fields("\"multi\nline\",x\n"), ["\"multi\nline\"", "x"]);
        assert_eq!(fields(",,\n"), ["", "", ""]);
        assert_eq!(fields("5\" monitor,x"), ["5\" monitor", "x"]);
        let mut f = Vec::new();
        assert_eq!(
            record(b"a,\"open\n", 0, b',', &mut f),
            Err(BadRecord {
                at: 2,
                rows_before: 0,
                problem: Problem::UnterminatedQuote
            })
        );
    }

    #[test]
    fn boundaries_respect_quotes() {
        let data = b"a,\"x\ny\"\nb,c\nd,\"e";
        assert_eq!(last_boundary(data, data.len(), b',', b'\n'), Some(12));
        assert_eq!(last_boundary(data, 7, b',', b'\n'), None);
        let cr = b"a,\"x\ry\"\rb,c\rd,\"e";
        assert_eq!(last_boundary(cr, cr.len(), b',', b'\r'), Some(12));
    }

    #[test]
    fn quoting_on_write() {
        let mut out = Vec::new();
        push_field(&mut out, b"a,b", b',', false);
        push_field(&mut out, b"plain", b',', true);
        push_field(&mut out, b"q\"", b',', false);
        assert_eq!(out, b"\"a,b\"\"plain\"\"q\"\"\"");
    }
}
