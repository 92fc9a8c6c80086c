//! Header cells that are personal data (a pivot table with one column per
//! person, a column named by an e-mail): found when the layout is sniffed,
//! their names masked everywhere a column name is shown (`field` in
//! findings, the column profile), reported by `scan` as findings in row 0
//! and rewritten by `anonymize` like any cell.

use std::sync::Arc;

use std::ops::Range;

use crate::engine::Engine;
use crate::finding::Finding;
use crate::table::{Layout, LayoutError, TableOptions};

impl Layout {
    /// As [`Layout::sniff`], with header cells that hold personal data
    /// found by `engine` and their names masked (`#3 Ив****…**ан`).
    ///
    /// # Errors
    /// As [`Layout::sniff`].
    pub fn sniff_checked(
        head: &[u8],
        is_tsv: bool,
        opts: &TableOptions,
        engine: &Engine,
    ) -> Result<Arc<Layout>, LayoutError> {
        let mut layout = Layout::sniff(head, is_tsv, opts, engine.context())?;
        if layout.has_header {
            let l = Arc::get_mut(&mut layout).expect("a new layout has one owner");
            // From the raw names, before any is masked.
            l.keyed = l
                .names
                .iter()
                .map(|n| engine.keys().kind_of_name(n))
                .collect();
            mask_personal_names(l, engine);
        }
        Ok(layout)
    }

    /// Whether the header cell of column `i` holds personal data.
    pub fn header_is_personal(&self, i: usize) -> bool {
        self.header_pii.get(i).copied().flatten().is_some()
    }
}

/// The findings in header cell `i` (at `inner` in `data`), searched on its
/// own as when the layout was sniffed. A header naming a person is one
/// finding as a whole (a pivot table's column is that person, and a
/// surname the dictionaries miss beside a given name they know must not
/// stay); should a search find nothing now, the whole cell is one finding
/// of the kind found then, so that a header the layout masked is never
/// written back raw.
pub(crate) fn find_in_header_cell(
    engine: &Engine,
    layout: &Layout,
    data: &[u8],
    i: usize,
    inner: Range<usize>,
    out: &mut Vec<Finding>,
) {
    let Some(kind) = layout.header_pii.get(i).copied().flatten() else {
        return;
    };
    let raw = &data[inner.clone()];
    let mut found = Vec::new();
    if kind == crate::kind::Kind::Person {
        // Nothing to search.
    } else if layout.encoding.is_utf8() || raw.is_ascii() {
        engine.find_in_cell(raw, 0..raw.len(), 0, &mut found);
        out.extend(found.into_iter().map(|mut g| {
            g.start += inner.start;
            g.end += inner.start;
            g
        }));
    } else if layout.encoding.is_single_byte() {
        // The n-th character is the n-th byte, which maps offsets back.
        let (text, _) = layout.encoding.decode(raw);
        let text = text.as_bytes();
        engine.find_in_cell(text, 0..text.len(), 0, &mut found);
        out.extend(found.into_iter().map(|mut g| {
            g.start = inner.start + crate::bytes::char_count(&text[..g.start]);
            g.end = inner.start + crate::bytes::char_count(&text[..g.end]);
            g
        }));
    }
    if out.is_empty() {
        let lead = raw.len() - raw.trim_ascii_start().len();
        let trail = raw.len() - raw.trim_ascii_end().len();
        out.push(Finding {
            start: inner.start + lead,
            end: (inner.end - trail).max(inner.start + lead),
            kind,
            confidence: 1.0,
        });
    }
}

fn mask_personal_names(layout: &mut Layout, engine: &Engine) {
    let mut found = Vec::new();
    layout.header_pii = vec![None; layout.names.len()];
    for (i, name) in layout.names.iter_mut().enumerate() {
        found.clear();
        engine.find_in_cell(name.as_bytes(), 0..name.len(), 0, &mut found);
        if found.is_empty() {
            continue;
        }
        layout.header_pii[i] = Some(found[0].kind);
        *name = format!("#{} {}", i + 1, crate::finding::preview(name.as_bytes()));
        // A person's name says nothing of the column's kind.
        layout.hints[i] = layout.by_values[i];
        layout.vetoes[i] = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_header_cells_are_masked() {
        let engine = Engine::builder().build();
        let l = Layout::sniff_checked(
            "ФИО;Иванов Иван Петрович;Город\nа;1;Алматы\n".as_bytes(),
            false,
            &TableOptions::default(),
            &engine,
        )
        .unwrap();
        assert!(l.has_header && l.header_is_personal(1) && !l.header_is_personal(0));
        assert!(l.name(1).starts_with("#2 ") && !l.name(1).contains("Иванов"));
        assert_eq!(l.name(2), "Город");
    }
}
