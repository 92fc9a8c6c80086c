//! What a detector reports: a kind, a byte span and a confidence — and the
//! masked preview, the only form in which a found value is ever shown.

use crate::kind::Kind;

/// One identifier found in a haystack. Spans are byte offsets into the
/// haystack the engine was given, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// 0.0–1.0: how sure the validators and the context are.
    pub confidence: f32,
}

impl Finding {
    /// Length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty (never true for a reported finding).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Finding) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Masks a found value for display: at most two leading and two trailing
/// characters survive (fewer for short values), the middle is a fixed-width
/// mask so that even the length is not revealed: `90****…**11`.
pub fn preview(raw: &[u8]) -> String {
    let mut out = String::new();
    preview_into(raw, &mut out);
    out
}

/// As [`preview`], into a reused buffer.
pub fn preview_into(raw: &[u8], out: &mut String) {
    out.clear();
    if raw.is_ascii() {
        let keep = match raw.len() {
            0..=5 => 0,
            6..=9 => 1,
            _ => 2,
        };
        // ASCII: every byte is a character (no UTF-8 check per finding).
        out.extend(raw[..keep].iter().map(|&b| char::from(b)));
        out.push_str("****…**");
        out.extend(raw[raw.len() - keep..].iter().map(|&b| char::from(b)));
        return;
    }
    let text = String::from_utf8_lossy(raw);
    let n = text.chars().count();
    let keep = match n {
        0..=5 => 0,
        6..=9 => 1,
        _ => 2,
    };
    out.extend(text.chars().take(keep));
    out.push_str("****…**");
    out.extend(text.chars().skip(n - keep));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_never_shows_the_middle() {
        assert_eq!(preview(b"900101300811"), "90****…**11");
        assert_eq!(preview(b"1.2.3.4"), "1****…**4");
        assert_eq!(preview(b"::1"), "****…**");
        assert_eq!(preview("Алия@mail.kz".as_bytes()), "Ал****…**kz");
    }
}
