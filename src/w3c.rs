//! The W3C extended log format (IIS, Exchange's logs, Windows Firewall's
//! `pfirewall.log`; <https://www.w3.org/TR/WD-logfile.html>): a
//! `#Fields:` directive names the space-separated fields of every line
//! after it, up to the next directive. A field whose name is a key of a
//! kind decided by its key alone (`cs-username` → `user_id`) makes each
//! of its values that kind, as a CSV column's header does; the other
//! fields' values (`c-ip`, `cs-uri-query`) are read by the detectors as
//! in any log.
//!
//! Cost: one substring search per chunk for `#Fields: `; nothing more in
//! a chunk without it. A header before the chunk is looked for once, back
//! from the chunk's start.

use std::ops::Range;

use memchr::memmem;

use crate::detect::keyed;
use crate::engine::Cx;
use crate::kind::Kind;

const DIRECTIVE: &[u8] = b"#Fields: ";

/// Most fields of a directive kept.
const MAX_FIELDS: usize = 64;

/// The keyed kind of each field of the directive line starting at `at`.
fn fields(cx: &Cx, at: usize) -> ([Option<Kind>; MAX_FIELDS], bool) {
    let hay = cx.hay;
    let mut kinds = [None; MAX_FIELDS];
    let mut any = false;
    let from = at + DIRECTIVE.len();
    let le = memchr::memchr(b'\n', &hay[from..]).map_or(hay.len(), |p| from + p);
    let line = &hay[from..le];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    for (i, name) in line.split(|&b| b == b' ').take(MAX_FIELDS).enumerate() {
        let kind = std::str::from_utf8(name)
            .ok()
            .and_then(|n| cx.keys().kind_of_name(n));
        any |= kind.is_some();
        kinds[i] = kind;
    }
    (kinds, any)
}

/// Reports the values of keyed fields on the lines of `body` that a
/// `#Fields:` directive governs.
pub(crate) fn lines(cx: &mut Cx, body: Range<usize>) {
    let hay = cx.hay;
    let Some(first) = memmem::find(hay, DIRECTIVE) else {
        return;
    };
    // The directive in force at the body's start: the last one before it.
    let header = if first < body.start {
        memmem::rfind(&hay[..body.start], DIRECTIVE).filter(|&p| p == 0 || hay[p - 1] == b'\n')
    } else {
        None
    };
    let mut kinds = header.map(|h| fields(cx, h));
    let mut ls = match memchr::memrchr(b'\n', &hay[..body.start]) {
        Some(p) => p + 1,
        None => 0,
    };
    while ls < body.end {
        let le = memchr::memchr(b'\n', &hay[ls..]).map_or(hay.len(), |p| ls + p);
        if hay[ls..].starts_with(DIRECTIVE) {
            kinds = Some(fields(cx, ls));
        } else if hay.get(ls) == Some(&b'#') {
            // `#Software:`, `#Date:`: other directives change no fields.
        } else if let Some((ref k, true)) = kinds {
            let mut s = ls;
            for kind in k.iter() {
                let e = memchr::memchr(b' ', &hay[s..le]).map_or(le, |p| s + p);
                let e_trim = if hay[s..e].ends_with(b"\r") { e - 1 } else { e };
                if let Some(kind) = *kind {
                    if &hay[s..e_trim] != b"-" && e_trim > s {
                        keyed::whole(cx, kind, s..e_trim);
                    }
                }
                if e >= le {
                    break;
                }
                s = e + 1;
            }
        }
        ls = le + 1;
    }
}
