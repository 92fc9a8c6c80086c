//! Findings in a chunk of a table, cell by cell. Each cell is searched on
//! its own (its delimiters are hard bounds). A column whose header names a
//! kind (`ИИН`, `phone`, `e-mail`) gives that kind as context — so a bare
//! `7011234567` in a phone column is a phone, and an IIN whose date does not
//! hold still counts in an IIN column — and an 11-digit value in an IIN
//! column is checked as an IIN that lost its leading zero in a spreadsheet
//! (9 or 10 digits: the zeros of someone born in 2000).

use crate::checksum::iin_bin_check;
use crate::detect::kz_id::iin_confidence;
use crate::engine::Engine;
use crate::finding::Finding;
use crate::input::Chunk;
use crate::kind::Kind;
use crate::table::tokenize::{self, BadRecord, Field, Problem};
use crate::table::Layout;

/// A finding and the cell it is in.
#[derive(Debug, Clone, Copy)]
pub struct CellFinding {
    pub finding: Finding,
    /// Field index in the record.
    pub field: usize,
}

/// One record of a chunk, as the callback sees it.
pub struct RecordView<'a> {
    /// Data records before this one in the chunk (the header excluded).
    pub index: usize,
    pub fields: &'a [Field],
    /// The record's terminator: `data[content_end..next]`.
    pub content_end: usize,
    pub next: usize,
    /// Findings in this record, by position.
    pub findings: &'a [CellFinding],
    /// Whether this is the header record.
    pub header: bool,
    /// Whether the record's field count differs from the header's.
    pub ragged: bool,
}

/// Walks the records of `chunk`, calling `each` for every record (the
/// header too, flagged) with the findings in it. Returns the number of data
/// records.
///
/// # Errors
/// [`BadRecord`] (offsets in `chunk.data`) for a quote that never closes or
/// a record longer than the layout's limit.
pub fn for_each_record(
    engine: &Engine,
    layout: &Layout,
    chunk: &Chunk,
    mut each: impl FnMut(&[u8], RecordView),
) -> Result<usize, BadRecord> {
    let data = &chunk.data[..];
    let body = chunk.body.clone();
    let mut pos = body.start;
    if chunk.index == 0 {
        pos += layout.bom.min(body.len());
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut cells: Vec<CellFinding> = Vec::new();
    let mut again: Vec<Finding> = Vec::new();
    let mut rows = 0;
    let mut first = chunk.index == 0;
    let window = &data[..body.end];
    loop {
        let (content_end, next) =
            match tokenize::record_eol(window, pos, layout.delimiter, layout.eol, &mut fields) {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(mut u) => {
                    u.rows_before = rows;
                    return Err(u);
                }
            };
        if next - pos > layout.max_row {
            return Err(BadRecord {
                at: pos,
                rows_before: rows,
                problem: Problem::TooLong(layout.max_row),
            });
        }
        if layout.encoding.is_utf8() {
            if let Err(e) = std::str::from_utf8(&data[pos..next]) {
                return Err(BadRecord {
                    at: pos + e.valid_up_to(),
                    rows_before: rows,
                    problem: Problem::InvalidEncoding,
                });
            }
        }
        cells.clear();
        let header = first && layout.has_header;
        first = false;
        find_in_cells(
            engine, layout, data, &fields, header, &mut cells, &mut again,
        );
        each(
            data,
            RecordView {
                index: rows,
                fields: &fields,
                content_end,
                next,
                findings: &cells,
                header,
                ragged: !header && layout.has_header && fields.len() != layout.names.len(),
            },
        );
        if !header {
            rows += 1;
        }
        pos = next;
        if next >= body.end {
            break;
        }
    }
    Ok(rows)
}

/// Searches every cell of a record on its own; a column whose header names
/// kinds gives them as context, so no window needs to be searched for words.
/// In the header, only the cells the layout found personal are searched
/// (without context).
fn find_in_cells(
    engine: &Engine,
    layout: &Layout,
    data: &[u8],
    fields: &[Field],
    header: bool,
    cells: &mut Vec<CellFinding>,
    again: &mut Vec<Finding>,
) {
    for (i, f) in fields.iter().enumerate() {
        let inner = f.inner();
        if inner.is_empty() || (header && !layout.header_is_personal(i)) {
            continue;
        }
        again.clear();
        if header {
            crate::table::header::find_in_header_cell(engine, layout, data, i, inner, again);
            cells.extend(again.iter().map(|&g| CellFinding {
                finding: g,
                field: i,
            }));
            continue;
        }
        let hint = layout.hint(i);
        let raw = &data[inner.clone()];
        if hint != 0
            && !raw.is_ascii()
            && !layout.encoding.is_utf8()
            && layout.encoding.is_single_byte()
        {
            // Search the decoded text; in a single-byte encoding the n-th
            // character is the n-th byte, which maps offsets back.
            let (text, _) = layout.encoding.decode(raw);
            let text = text.as_bytes();
            let mut decoded = Vec::new();
            engine.find_in_cell(text, 0..text.len(), hint, &mut decoded);
            for mut g in decoded {
                g.start = inner.start + crate::bytes::char_count(&text[..g.start]);
                g.end = inner.start + crate::bytes::char_count(&text[..g.end]);
                again.push(g);
            }
        } else {
            engine.find_in_cell(data, inner.clone(), hint, again);
        }
        if again.is_empty() && hint != 0 {
            if let Some(g) = lost_leading_zero(engine, data, inner.clone(), hint) {
                again.push(g);
            }
        }
        // A column named by a key (`IDFA`, `Customer User ID`): its value
        // whole, unless a detector found it already.
        if again.is_empty() {
            if let Some(kind) = layout.keyed_kind(i) {
                engine.find_keyed_cell(data, inner, kind, again);
            }
        }
        let veto = layout.veto(i);
        if veto != 0 {
            again.retain(|g| veto & g.kind.bit() == 0);
        }
        cells.extend(again.iter().map(|&g| CellFinding {
            finding: g,
            field: i,
        }));
    }
}

/// A 9- to 11-digit value in an IIN column that validates with its leading
/// zeros put back (people born 2000–2009 whose IIN went through a
/// spreadsheet or an integer column).
pub(crate) fn lost_leading_zero(
    engine: &Engine,
    data: &[u8],
    inner: std::ops::Range<usize>,
    hint: u32,
) -> Option<Finding> {
    if hint & Kind::Iin.bit() == 0 {
        return None;
    }
    let v = &data[inner.clone()];
    let trimmed = v.trim_ascii();
    let n = trimmed.len();
    if !(9..=11).contains(&n) || !trimmed.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut d = [b'0'; 12];
    d[12 - n..].copy_from_slice(trimmed);
    if !iin_bin_check(&d) || d[4] > b'3' {
        return None;
    }
    // The header speaks for the column: 70% of the remaining doubt goes.
    let confidence = 1.0 - (1.0 - iin_confidence(&d)) * 0.3;
    if confidence < engine.min_confidence() {
        return None;
    }
    let start = inner.start + (trimmed.as_ptr() as usize - v.as_ptr() as usize);
    Some(Finding {
        start,
        end: start + n,
        kind: Kind::Iin,
        confidence,
    })
}
