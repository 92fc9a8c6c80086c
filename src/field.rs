//! The field a value sits under: the strongest context there is. A value in
//! `"contactPhone":"764 064 22 17"`, `<ИИН>…</ИИН>`, `iin=…`, `Phone: …` or
//! `?msisdn=…` is what its key names, whatever loose words stand nearby; a
//! value under `fw=`, `app_version:` or `"tracking_no":` is none of the kinds
//! those keys speak against — and that key vetoes only its own value, never
//! the next field's (`"order_no":"…","iin":"…"`).
//!
//! [`of`] walks back from a candidate to the opening of its value and reads
//! the key before it, in the written forms of the formats people scan:
//!
//! | form | example | key |
//! |---|---|---|
//! | JSON, also escaped inside a string | `"iin": "…"`, `{\"login\":\"…\"}`, `"phone": 7011234567` | `iin`, `login`, `phone` |
//! | key=value, query strings, cookies, attributes | `msisdn=…`, `?iin=…&`, `iin="…"` | the name before `=` |
//! | `key: value` (YAML, INI, HTTP headers, .env) at a line's start | `  phone: 764 064 22 17` | `phone` |
//! | XML/HTML element text | `<Телефон>…</Телефон>` | the element's name |
//!
//! The value's extent is returned too: loose context words count only inside
//! it, so `<time>` or an `order_no` key beside a value is no context word for
//! it. SQL tuples and COPY rows name their columns by position; the
//! [`crate::sql`] module maps those. Everything here reads at most one line
//! backwards from the candidate and allocates nothing.

use crate::bytes::is_alnum;

/// How far back from a candidate the opening of its value is looked for.
const REACH: usize = 256;
/// The longest key read.
pub const MAX_KEY: usize = 64;
/// How far back from a candidate its value's opening may be.
const MAX_WALK: usize = 48;
/// How many spaces a value may hold before the candidate.
const MAX_SPACES: usize = 4;

/// A value's key and extent, as offsets in the haystack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key's bytes (as written: may hold `\uXXXX` escapes).
    pub key: (usize, usize),
    /// Where the value starts and ends (the end is a best guess: the closing
    /// quote, the next separator, or the line's end).
    pub value: (usize, usize),
}

/// A byte of a key: ASCII letters, digits, `_ . - $ @ [ ]`, and any
/// non-ASCII byte (Cyrillic keys: `Телефон`, `ЖСН`).
fn key_byte(b: u8) -> bool {
    is_alnum(b) || b >= 0x80 || matches!(b, b'_' | b'.' | b'-' | b'$' | b'@' | b'\\')
}

/// The start of the line holding `i`, looking back at most `REACH` bytes.
fn line_start(hay: &[u8], i: usize) -> (usize, bool) {
    let lo = i.saturating_sub(REACH);
    match memchr::memrchr(b'\n', &hay[lo..i]) {
        Some(p) => (lo + p + 1, true),
        None => (lo, lo == 0),
    }
}

/// The key ending at `ke` (exclusive), walking back over key bytes.
fn bare_key(hay: &[u8], ke: usize, floor: usize) -> Option<(usize, usize)> {
    let mut ks = ke;
    while ks > floor && ke - ks < MAX_KEY && key_byte(hay[ks - 1]) {
        ks -= 1;
    }
    // A backslash may only be part of a `\uXXXX` escape inside the key.
    while ks < ke && hay[ks] == b'\\' && hay.get(ks + 1) != Some(&b'u') {
        ks += 1;
    }
    (ks < ke).then_some((ks, ke))
}

/// Attribute names that say only "the number of": the element they sit
/// on names what it is (`<УдостоверениеЛичности номер="…">`).
const GENERIC_ATTRIBUTES: &[&[u8]] = &[
    b"number",
    b"num",
    b"no",
    b"nomer",
    b"value",
    b"\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xB5\xD1\x80", // номер
    b"\xD0\x9D\xD0\xBE\xD0\xBC\xD0\xB5\xD1\x80", // Номер
    b"\xD0\xB7\xD0\xBD\xD0\xB0\xD1\x87\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5", // значение
];

/// For a generic attribute (`номер`, `number`) of an XML element, the
/// element's name (namespace prefix dropped), when the attribute sits in
/// the element's opening tag on this line.
fn element_of_generic_attribute(
    hay: &[u8],
    key: (usize, usize),
    ls: usize,
) -> Option<(usize, usize)> {
    let k = &hay[key.0..key.1];
    if !GENERIC_ATTRIBUTES.iter().any(|g| g.eq_ignore_ascii_case(k)) {
        return None;
    }
    let lt = memchr::memrchr(b'<', &hay[ls..key.0])? + ls;
    // Between `<` and the attribute: the name, then other attributes.
    if hay[lt + 1..key.0].contains(&b'>') {
        return None;
    }
    let mut ne = lt + 1;
    while ne < key.0 && (key_byte(hay[ne]) || hay[ne] == b':') {
        ne += 1;
    }
    let mut ns = lt + 1;
    if let Some(c) = hay[ns..ne].iter().rposition(|&b| b == b':') {
        ns += c + 1;
    }
    (ns < ne && hay[ne] == b' ').then_some((ns, ne))
}

/// The quoted key ending with the quote at `q` (`"key"` or `\"key\"`).
fn quoted_key(hay: &[u8], q: usize, floor: usize, escaped: bool) -> Option<(usize, usize)> {
    let doubled = !escaped && q > floor && hay[q - 1] == hay[q];
    let ke = if escaped || doubled { q - 1 } else { q };
    let (ks, _) = bare_key(hay, ke, floor)?;
    // The key's opening quote (escaped the same way).
    let open = ks.checked_sub(1)?;
    if hay[open] != b'"' && hay[open] != b'\'' {
        return None;
    }
    if escaped && (open == 0 || hay[open - 1] != b'\\') {
        return None;
    }
    Some((ks, ke))
}

fn skip_spaces_back(hay: &[u8], mut i: usize, floor: usize) -> usize {
    while i > floor && matches!(hay[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// Whether only indentation (spaces, tabs, a YAML list dash, an INI `;`
/// comment is not one) stands between `ls` and `ks`.
fn starts_line(hay: &[u8], ls: usize, ks: usize) -> bool {
    hay[ls..ks]
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'-'))
}

/// The end of a quoted value opening at `q` (exclusive, at its closing
/// quote), or the line's end.
fn quoted_end(hay: &[u8], from: usize, quote: u8, escaped: bool) -> usize {
    let mut i = from;
    while i < hay.len() && hay[i] != b'\n' {
        if hay[i] == quote {
            let backslashes = hay[..i].iter().rev().take_while(|&&b| b == b'\\').count();
            // Unescaped quote closes a plain string; `\"` closes an escaped one.
            if (!escaped && backslashes % 2 == 0) || (escaped && backslashes % 2 == 1) {
                return if escaped { i - 1 } else { i };
            }
        }
        i += 1;
    }
    i
}

/// The end of an unquoted value starting at `from`: the next byte in `stops`,
/// or the line's end.
fn bare_end(hay: &[u8], from: usize, spaces_end: bool) -> usize {
    let mut i = from;
    while i < hay.len() {
        match hay[i] {
            b'\n' | b'\r' | b'&' | b';' | b',' | b'"' | b'<' | b'}' | b']' => break,
            b' ' | b'\t' if spaces_end => break,
            _ => i += 1,
        }
    }
    i
}

/// The field of the value holding the candidate that starts at `start`.
pub fn of(hay: &[u8], start: usize) -> Option<Field> {
    let (ls, _) = line_start(hay, start);
    // Back to the value's opening: a quote, `=`, `:` or `>`; spaces are
    // crossed (a value may hold them), other structure ends the walk.
    let mut p = start;
    let mut spaced = false;
    // A value's opening is near: a phone's groups, a few words of a
    // YAML value. A candidate deep in free text has no field of its own.
    let floor = ls.max(start.saturating_sub(MAX_WALK));
    let mut spaces = 0;
    loop {
        if p == floor {
            return None;
        }
        let b = hay[p - 1];
        match b {
            b'"' | b'\'' | b'=' | b':' | b'>' => break,
            b' ' => {
                spaced = true;
                spaces += 1;
                if spaces > MAX_SPACES {
                    return None;
                }
            }
            b'\t' | b',' | b'(' | b'[' | b'{' | b'}' | b']' | b')' | b';' | b'&' | b'?' | b'|'
            | b'<' => return None,
            _ => {}
        }
        p -= 1;
    }
    let open = p - 1;
    match hay[open] {
        q @ (b'"' | b'\'') => {
            // A string value: `"key":"…"`, `key="…"`, `key: "…"`, and the
            // same with escaped quotes inside another string.
            let escaped = open > ls && hay[open - 1] == b'\\';
            // CSV doubles the quotes of JSON held in a cell: `""fw"":""…`.
            let doubled = !escaped && open > ls && hay[open - 1] == q;
            let before = if escaped || doubled { open - 1 } else { open };
            let sep_at = skip_spaces_back(hay, before, ls);
            if sep_at == ls || !matches!(hay[sep_at - 1], b':' | b'=') {
                return None;
            }
            let sep = sep_at - 1;
            let ke = skip_spaces_back(hay, sep, ls);
            let key = match hay.get(ke.wrapping_sub(1)) {
                Some(b'"') if escaped => quoted_key(hay, ke - 1, ls, true)?,
                Some(b'"' | b'\'') => quoted_key(hay, ke - 1, ls, false)?,
                _ => {
                    let key = bare_key(hay, ke, ls)?;
                    if hay[sep] == b'=' {
                        element_of_generic_attribute(hay, key, ls).unwrap_or(key)
                    } else {
                        key
                    }
                }
            };
            Some(Field {
                key,
                value: (p, quoted_end(hay, start, q, escaped)),
            })
        }
        b'=' => {
            let ke = skip_spaces_back(hay, open, ls);
            let key = bare_key(hay, ke, ls)?;
            // `key = value with spaces` only as an INI/.env line.
            if spaced && !starts_line(hay, ls, key.0) {
                return None;
            }
            Some(Field {
                key,
                value: (p, bare_end(hay, p, !spaced)),
            })
        }
        b':' => {
            // Not a URL scheme (`https://`), a port or a clock time.
            if hay.get(open + 1) == Some(&b'/') {
                return None;
            }
            if open > ls && hay[open - 1] == b'"' {
                let escaped = open >= 2 && hay[open - 2] == b'\\';
                let key = quoted_key(hay, open - 1, ls, escaped)?;
                return Some(Field {
                    key,
                    value: (p, bare_end(hay, p, true)),
                });
            }
            let key = bare_key(hay, open, ls)?;
            if !starts_line(hay, ls, key.0) {
                return None;
            }
            Some(Field {
                key,
                value: (p, bare_end(hay, p, false)),
            })
        }
        _ => {
            // `>`: element text. The element opens at the nearest `<`.
            let lt = memchr::memrchr(b'<', &hay[ls..open])? + ls;
            let name_start = lt + 1;
            if matches!(hay.get(name_start), Some(b'/' | b'!' | b'?')) {
                return None;
            }
            let mut ne = name_start;
            while ne < open && (key_byte(hay[ne]) || hay[ne] == b':') {
                ne += 1;
            }
            if ne == name_start || hay[open - 1] == b'/' {
                return None;
            }
            // A namespace prefix (`ns:Phone`) is not part of the name.
            let ks = hay[name_start..ne]
                .iter()
                .rposition(|&b| b == b':')
                .map_or(name_start, |c| name_start + c + 1);
            let end = memchr::memchr2(b'<', b'\n', &hay[start..]).map_or(hay.len(), |e| start + e);
            let key = sibling_name(hay, ls, lt, (ks, ne)).unwrap_or((ks, ne));
            Some(Field {
                key,
                value: (p, end),
            })
        }
    }
}

/// Name/value pairs as 1C and many XML exchanges write them:
/// `<Наименование>Контактный телефон</Наименование><Значение>…` or
/// `<name>phone</name><value>…`: the value's key is its sibling's text.
fn sibling_name(
    hay: &[u8],
    ls: usize,
    lt: usize,
    element: (usize, usize),
) -> Option<(usize, usize)> {
    const VALUES: [&str; 3] = ["Значение", "value", "Value"];
    const NAMES: [&str; 5] = ["Наименование", "Имя", "name", "Name", "key"];
    let el = &hay[element.0..element.1];
    if !VALUES.iter().any(|v| v.as_bytes() == el) {
        return None;
    }
    let head = &hay[ls..lt];
    let close = memchr::memmem::rfind(head, b"</")? + ls;
    let name_end = close + 2 + hay[close + 2..lt].iter().position(|&b| b == b'>')?;
    if !NAMES
        .iter()
        .any(|n| n.as_bytes() == &hay[close + 2..name_end])
    {
        return None;
    }
    let open = memchr::memrchr(b'>', &hay[ls..close])? + ls + 1;
    (open < close && close - open <= MAX_KEY).then_some((open, close))
}

/// The key's bytes with `\uXXXX` escapes decoded, in `buf` (keys longer
/// than the buffer are cut).
pub fn decoded_key<'b>(raw: &[u8], buf: &'b mut [u8; 2 * MAX_KEY]) -> &'b [u8] {
    let mut n = 0;
    let mut i = 0;
    while i < raw.len() && n + 4 <= buf.len() {
        if raw[i] == b'\\' && raw.get(i + 1) == Some(&b'u') {
            let hex = raw
                .get(i + 2..i + 6)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(c) = hex
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                n += c.encode_utf8(&mut buf[n..]).len();
                i += 6;
                continue;
            }
        }
        buf[n] = raw[i];
        n += 1;
        i += 1;
    }
    &buf[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(line: &str, value: &str) -> Option<String> {
        let hay = line.as_bytes();
        let s = line.find(value).unwrap();
        of(hay, s).map(|f| {
            let mut buf = [0; 2 * MAX_KEY];
            String::from_utf8(decoded_key(&hay[f.key.0..f.key.1], &mut buf).to_vec()).unwrap()
        })
    }

    #[test]
    fn keys_in_every_written_form() {
        let v = "900101300811";
        assert_eq!(
            key(r#"{"order_no":"1","iin":"900101300811"}"#, v).as_deref(),
            Some("iin")
        );
        assert_eq!(key(r#"{"iin": 900101300811}"#, v).as_deref(), Some("iin"));
        assert_eq!(
            key(r#"{"payload":"{\"clientIin\":\"900101300811\"}"}"#, v).as_deref(),
            Some("clientIin")
        );
        assert_eq!(
            key(r#"{"\u0438\u0438\u043d":"900101300811"}"#, v).as_deref(),
            Some("иин")
        );
        assert_eq!(
            key("GET /a?x=1&iin=900101300811&y=2", v).as_deref(),
            Some("iin")
        );
        assert_eq!(
            key("<ns:ИИН>900101300811</ns:ИИН>", v).as_deref(),
            Some("ИИН")
        );
        assert_eq!(
            key(r#"<client iin="900101300811"/>"#, v).as_deref(),
            Some("iin")
        );
        assert_eq!(
            key("  contact_phone: 764 064 22 17", "764").as_deref(),
            Some("contact_phone")
        );
        assert_eq!(
            key("PHONE = 764 064 22 17", "764").as_deref(),
            Some("PHONE")
        );
        assert_eq!(key("fw=4.12.19.238 ok", "4.12").as_deref(), Some("fw"));
        assert_eq!(
            key(r#"1,"{""fw"":""4.12.19.238""}""#, "4.12").as_deref(),
            Some("fw")
        );
        // No field: free text, a sentence's colon, a URL.
        assert_eq!(key("called 900101300811 today", v), None);
        assert_eq!(key("Итого к оплате: сумма 900101300811", v), None);
        assert_eq!(key("see https://x.kz/900101300811", v), None);
        assert_eq!(key("</b>900101300811", v), None);
    }
}
