//! Anonymizing a table held in memory, chunk by chunk as a file is (the
//! fuzz targets and property tests drive the table rewrite through it).

use crate::engine::Engine;
use crate::input::Chunker;
use crate::key::Key;
use crate::policy::Policy;
use crate::table::{Layout, TableOptions};

/// Anonymizes `bytes` as a table read with `opts`, cut into chunks of
/// `chunk_size` bytes (whole records each), and returns the output.
///
/// # Errors
/// What makes a file fail `anonymize`: an unreadable layout, a bad record,
/// a character the output encoding cannot hold (message without values).
///
/// # Panics
/// If the policy needs a key and `key` is `None`.
pub fn anonymize_table_bytes(
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
    bytes: &[u8],
    opts: &TableOptions,
    chunk_size: usize,
) -> Result<Vec<u8>, String> {
    assert!(key.is_some() || !policy.needs_key(), "{}", crate::key::HOW);
    let mut chunker = Chunker::new(bytes, chunk_size.max(1));
    let head = chunker.peek(256 << 10).map_err(|e| e.to_string())?;
    let layout = Layout::sniff_checked(head, false, opts, engine).map_err(|e| e.0)?;
    chunker.split_records(layout.delimiter, layout.eol, opts.max_row);
    let mut out = Vec::with_capacity(bytes.len());
    while let Some(mut chunk) = chunker.next_chunk().map_err(|e| e.to_string())? {
        chunk.layout = Some(layout.clone());
        let r = super::rewrite_chunk_to(
            engine,
            policy,
            key,
            &chunk,
            super::rewrite::OutputEncoding::default(),
            None,
        );
        if let Some(bad) = r.bad {
            return Err(format!(
                "{} (byte {})",
                bad.describe(),
                chunk.offset + bad.at as u64
            ));
        }
        out.extend_from_slice(&r.out);
    }
    Ok(out)
}
