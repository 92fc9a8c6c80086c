//! The rewrite of one chunk: findings replaced as the policy says, every
//! other byte kept (text), or a table chunk rewritten cell by cell and
//! re-encoded when another output encoding is asked for.

use crate::codec::{Codec, Unmappable};
use crate::engine::Engine;
use crate::input::Chunk;
use crate::key::Key;
use crate::kind::Kind;
use crate::policy::Policy;
use crate::table;

/// One chunk rewritten.
pub(super) struct Rewritten {
    pub(super) out: Vec<u8>,
    /// Bytes at the start of `out` copied verbatim from the input.
    pub(super) lead_literal: usize,
    /// Input bytes consumed past the body's end (an identifier crossing it).
    pub(super) overrun: usize,
    pub(super) counts: Vec<(Kind, &'static str)>,
    /// Tables: data records in the chunk, and where a quote never closes.
    pub(super) rows: u64,
    pub(super) suppressed: u64,
    pub(super) bad: Option<crate::table::tokenize::BadRecord>,
}

/// A bare JSON number (`"uid":42`, or an element of an array on a JSON
/// line: `[900101300811,871102492164]`) replaced by text must become a JSON
/// string, or the line no longer parses: quotes go around the replacement.
/// A replacement that is itself a number (a `keep`, digits of `mask`) stays
/// bare. See docs/interface.md, "JSON".
fn quote_if_json_number(data: &[u8], start: usize, raw: &[u8], out: &mut Vec<u8>, from: usize) {
    let numeric = |v: &[u8]| {
        !v.is_empty()
            && v.iter()
                .all(|b| b.is_ascii_digit() || *b == b'-' || *b == b'.')
    };
    if !numeric(raw) || numeric(&out[from..]) {
        return;
    }
    let mut i = start;
    while i > 0 && matches!(data[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    let value = i >= 2 && data[i - 1] == b':' && data[i - 2] == b'"';
    let element = i >= 1 && matches!(data[i - 1], b'[' | b',') && {
        let end = start + raw.len();
        let after = data[end..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'))
            .copied();
        let line = memchr::memrchr(b'\n', &data[..i]).map_or(0, |p| p + 1);
        let first = data[line..i]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .copied();
        matches!(after, Some(b',' | b']' | b'}')) && matches!(first, Some(b'{' | b'['))
    };
    if value || element {
        out.insert(from, b'"');
        out.push(b'"');
    }
}

/// Anonymizes a whole buffer under `policy`: what `anonymize` does to each
/// chunk of a file.
///
/// # Panics
/// If the policy uses `token` or `surrogate` and `key` is `None`.
pub fn anonymize_bytes(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    input: &[u8],
) -> Vec<u8> {
    assert!(key.is_some() || !policy.needs_key(), "{}", crate::key::HOW);
    rewrite(engine, policy, key, input, 0..input.len(), true).out
}

/// Anonymizes the body of one chunk (bytes outside it are context).
pub fn anonymize_chunk(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    chunk: &Chunk,
) -> Vec<u8> {
    rewrite_chunk(engine, policy, key, chunk).out
}

fn rewrite_chunk(engine: &Engine, policy: &Policy, key: Option<&Key>, chunk: &Chunk) -> Rewritten {
    rewrite_chunk_to(engine, policy, key, chunk, OutputEncoding::default(), None)
}

/// How outputs are encoded.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct OutputEncoding {
    /// `--output-encoding`; `None`: the input's.
    pub(super) to: Option<Codec>,
    /// Write a byte-order mark even when the input had none (`utf-16`).
    pub(super) bom: bool,
    pub(super) unmappable: Unmappable,
}

impl OutputEncoding {
    /// The encoding an input's output is written in, when it is not the
    /// bytes the rewrite gives (a table's own encoding, or text as read):
    /// the one asked for, else the one the input was decoded from.
    pub(super) fn target(&self, chunk: &Chunk) -> Option<Codec> {
        self.to.or(chunk.decoded.map(|d| d.codec))
    }
}

pub(super) fn rewrite_chunk_to(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    chunk: &Chunk,
    encoding: OutputEncoding,
    plan: Option<&crate::kanon::Plan>,
) -> Rewritten {
    let unmappable = encoding.unmappable;
    if let Some(layout) = &chunk.layout {
        let rewritten = table::rewrite::rewrite(
            engine, policy, key, layout, chunk, plan, unmappable,
        )
        .and_then(|t| {
            let out = transcode(t.out, layout, encoding, chunk)?;
            Ok(table::rewrite::TableRewrite { out, ..t })
        });
        return match rewritten {
            Ok(t) => Rewritten {
                out: t.out,
                lead_literal: 0,
                overrun: 0,
                counts: t.counts,
                rows: t.rows as u64,
                suppressed: t.suppressed,
                bad: None,
            },
            Err(u) => Rewritten {
                out: Vec::new(),
                lead_literal: 0,
                overrun: 0,
                counts: Vec::new(),
                rows: u.rows_before as u64,
                suppressed: 0,
                bad: Some(u),
            },
        };
    }
    let body = chunk.body.clone();
    rewrite(engine, policy, key, &chunk.data, body, chunk.at_eof)
}

fn rewrite(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    data: &[u8],
    body: std::ops::Range<usize>,
    at_eof: bool,
) -> Rewritten {
    let mut findings = Vec::new();
    engine.find_in(data, body.clone(), at_eof, &mut findings);
    let mut out = Vec::with_capacity(body.len() + body.len() / 16);
    let mut counts = Vec::with_capacity(findings.len());
    let mut pos = body.start;
    let lead_literal = findings
        .first()
        .map_or(body.len(), |f| f.start - body.start);
    let aliases = crate::aliases::PersonAliases::build(data, &findings);
    for f in &findings {
        out.extend_from_slice(&data[pos..f.start]);
        let raw = &data[f.start..f.end];
        let op = policy.operator_for(f.kind, raw);
        let from = out.len();
        // Initials take their full form's replacement; `keep` keeps them.
        let value = match f.kind {
            Kind::Person if !op.keeps() => aliases.full_form(data, raw).map_or(raw, |r| &data[r]),
            _ => raw,
        };
        op.apply(f.kind, value, key, &mut out);
        quote_if_json_number(data, f.start, raw, &mut out, from);
        counts.push((f.kind, op.name()));
        pos = f.end;
    }
    let end = pos.max(body.end);
    out.extend_from_slice(&data[pos.min(end)..end]);
    Rewritten {
        out,
        lead_literal,
        overrun: end - body.end,
        counts,
        rows: 0,
        suppressed: 0,
        bad: None,
    }
}

/// Re-encodes a rewritten table chunk when another output encoding is asked
/// for, or the input was decoded while read (UTF-16, written as UTF-16
/// again). The input's byte-order mark is written in the output encoding's
/// form when it has one (UTF-8, UTF-16), and dropped otherwise; `utf-16`
/// asks for one even when the input had none.
///
/// # Errors
/// A character the output encoding cannot hold (unless `unmappable` says
/// to write entities), at the start of its record in the input chunk.
fn transcode(
    out: Vec<u8>,
    layout: &table::Layout,
    encoding: OutputEncoding,
    chunk: &Chunk,
) -> Result<Vec<u8>, table::tokenize::BadRecord> {
    let Some(to) = encoding.target(chunk) else {
        return Ok(out);
    };
    let first = chunk.index == 0;
    let had_bom = layout.bom > 0 || chunk.decoded.is_some_and(|d| d.bom > 0);
    // The mark before the first record, in the output encoding's form.
    let mark = if first && (had_bom || encoding.bom) {
        to.bom()
    } else {
        &[]
    };
    // Nothing to change: the same encoding, and the mark due (if any) is
    // the input's own, kept among the bytes.
    if to == layout.encoding && (mark.is_empty() || layout.bom > 0) {
        return Ok(out);
    }
    let skip = if first { layout.bom.min(out.len()) } else { 0 };
    let (text, _) = layout.encoding.decode(&out[skip..]);
    let bytes = match to.encode(&text, encoding.unmappable) {
        Ok(b) => b,
        Err(ch) => {
            // Records keep their terminators: the character's record is
            // the one after as many terminators in the input.
            let before = text.find(ch).unwrap_or(0);
            let records = memchr::memchr_iter(layout.eol, &text.as_bytes()[..before]).count();
            let body = chunk.body();
            let start = match records {
                0 => 0,
                n => memchr::memchr_iter(layout.eol, body)
                    .nth(n - 1)
                    .map_or(body.len(), |p| p + 1),
            };
            let header = usize::from(first && layout.has_header);
            return Err(table::tokenize::BadRecord {
                at: chunk.body.start + start,
                rows_before: records.saturating_sub(header),
                problem: table::tokenize::Problem::Unmappable { ch, to: to.name() },
            });
        }
    };
    let mut v = Vec::with_capacity(bytes.len() + mark.len());
    v.extend_from_slice(mark);
    v.extend_from_slice(&bytes);
    Ok(v)
}
