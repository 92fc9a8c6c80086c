//! The W3C extended log format (IIS, Exchange's logs, Windows Firewall's
//! `pfirewall.log`; <https://www.w3.org/TR/WD-logfile.html>): a
//! `#Fields:` directive names the space-separated fields of every line
//! after it, up to the next directive. A field whose name is a key of a
//! kind decided by its key alone (`cs-username` → `user_id`) makes each
//! of its values that kind, as a CSV column's header does; the other
//! fields' values (`c-ip`, `cs-uri-query`) are read by the detectors as
//! in any log.
//!
//! Zeek's logs (`#fields` and tab-separated names) and the Windows DHCP
//! Server's audit log (a comma-separated header) are read the same way.
//!
//! Cost: one substring search per chunk for each header's marker; nothing
//! more in a chunk without them. A header before the chunk is looked for
//! once, back from the chunk's start.

use std::ops::Range;

use memchr::memmem;

use crate::detect::keyed;
use crate::engine::Cx;
use crate::kind::Kind;

const DIRECTIVE: &[u8] = b"#Fields: ";

/// Zeek's (Bro's) ASCII logs: `#fields` and the tab-separated names
/// (`ts uid id.orig_h … username password`), the rows tab-separated
/// under it, `-` unset and `(empty)` empty ("Zeek Logs", docs.zeek.org).
/// Its `uid` and `fuid` are a connection's and a file's ids, nobody's.
const ZEEK: &[u8] = b"#fields\t";

/// The header line of the Windows DHCP Server's audit log
/// (`DhcpSrvLog-*.log`, `DhcpV6SrvLog-*.log`; "Analyze DHCP Server Log
/// Files", Microsoft Learn): after a preamble that explains the event
/// ids, every line is a comma-separated row under it (`ID,Date,Time,
/// Description,IP Address,Host Name,MAC Address,User Name,…`). Its MAC
/// column holds twelve hex digits without separators.
const DHCP_HEADER: &[u8] = b"ID,Date,Time,Description,";

/// Most fields of a directive kept.
const MAX_FIELDS: usize = 64;

/// What a field holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    /// Read by the detectors as any text.
    Text,
    /// A kind decided by its key alone (`cs-username`, `User Name`).
    Keyed(Kind),
    /// A MAC address in any notation, also twelve bare hex digits.
    Mac,
    /// An IP address, whatever the words around it (a DHCP `Release`
    /// row's is the client's, not a software release's).
    Ip,
}

/// The fields of the header line `line` (without its directive), split
/// at `sep`; whether any is not plain text.
fn fields(cx: &Cx, line: &[u8], sep: u8) -> ([Col; MAX_FIELDS], bool) {
    let zeek = sep == b'\t';
    let mut cols = [Col::Text; MAX_FIELDS];
    let mut any = false;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    for (i, name) in line.split(|&b| b == sep).take(MAX_FIELDS).enumerate() {
        let name = name.trim_ascii();
        let col = if zeek && matches!(name, b"uid" | b"fuid" | b"fuids" | b"conn_uids") {
            Col::Text
        } else if name.eq_ignore_ascii_case(b"MAC Address") || zeek && name == b"mac" {
            Col::Mac
        } else if name.eq_ignore_ascii_case(b"IP Address")
            || name.eq_ignore_ascii_case(b"IPV6 Address")
        {
            Col::Ip
        } else {
            std::str::from_utf8(name)
                .ok()
                .and_then(|n| cx.keys().kind_of_name(n))
                .map_or(Col::Text, Col::Keyed)
        };
        any |= col != Col::Text;
        cols[i] = col;
    }
    (cols, any)
}

/// The header line at `at` and the fields it names.
fn header(cx: &Cx, at: usize, marker: &[u8], sep: u8) -> ([Col; MAX_FIELDS], bool) {
    let hay = cx.hay;
    // The DHCP header's marker is its first fields.
    let from = if marker == DHCP_HEADER {
        at
    } else {
        at + marker.len()
    };
    let le = memchr::memchr(b'\n', &hay[from..]).map_or(hay.len(), |p| from + p);
    fields(cx, &hay[from..le], sep)
}

/// Reports the values of keyed fields on the lines of `body` that a
/// `#Fields:` directive, a Zeek `#fields` line or a DHCP audit log's
/// header governs.
pub(crate) fn lines(cx: &mut Cx, body: Range<usize>) {
    for (marker, sep) in [(DIRECTIVE, b' '), (DHCP_HEADER, b','), (ZEEK, b'\t')] {
        governed(cx, body.clone(), marker, sep);
    }
}

fn governed(cx: &mut Cx, body: Range<usize>, marker: &[u8], sep: u8) {
    let hay = cx.hay;
    let Some(first) = memmem::find(hay, marker) else {
        return;
    };
    // The header in force at the body's start: the last one before it.
    let at = if first < body.start {
        memmem::rfind(&hay[..body.start], marker).filter(|&p| p == 0 || hay[p - 1] == b'\n')
    } else {
        None
    };
    let mut cols = at.map(|h| header(cx, h, marker, sep));
    let mut ls = match memchr::memrchr(b'\n', &hay[..body.start]) {
        Some(p) => p + 1,
        None => 0,
    };
    while ls < body.end {
        let le = memchr::memchr(b'\n', &hay[ls..]).map_or(hay.len(), |p| ls + p);
        if hay[ls..].starts_with(marker) {
            cols = Some(header(cx, ls, marker, sep));
        } else if hay.get(ls) == Some(&b'#') {
            // `#Software:`, `#Date:`: other directives change no fields.
        } else if let Some((ref k, true)) = cols {
            let mut s = ls;
            for col in k.iter() {
                let e = memchr::memchr(sep, &hay[s..le]).map_or(le, |p| s + p);
                let e_trim = if hay[s..e].ends_with(b"\r") { e - 1 } else { e };
                let value = &hay[s..e_trim];
                if value != b"-" && value != b"(empty)" && e_trim > s {
                    match *col {
                        Col::Keyed(kind) => keyed::whole(cx, kind, s..e_trim),
                        Col::Mac => {
                            crate::detect::mac::bare_named(cx, s, e_trim);
                        }
                        Col::Ip => ip(cx, s, e_trim),
                        Col::Text => {}
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

/// An IPv4 or IPv6 address filling the cell `s..e`, but for the addresses
/// that are nobody's (unspecified, loopback).
fn ip(cx: &mut Cx, s: usize, e: usize) {
    let Ok(text) = std::str::from_utf8(&cx.hay[s..e]) else {
        return;
    };
    let kind = match text.parse::<std::net::IpAddr>() {
        Ok(a) if a.is_unspecified() || a.is_loopback() => return,
        Ok(std::net::IpAddr::V4(_)) => Kind::Ipv4,
        Ok(std::net::IpAddr::V6(_)) => Kind::Ipv6,
        Err(_) => return,
    };
    cx.emit_exact(s, e, kind, 0.9);
}
