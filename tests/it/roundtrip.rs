//! Property tests of each format's rewrite under the default policy: the
//! row count, each row's field count, the header, the encoding and the line
//! endings are kept, and a re-scan finds no kind the policy anonymized.

use std::fs::File;
use std::sync::Arc;

use arrow::array::{ArrayRef, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use proptest::prelude::*;
use qorgau::anonymize::{anonymize_bytes, anonymize_table_bytes};
use qorgau::codec::{Codec, Unmappable};
use qorgau::engine::Engine;
use qorgau::policy::Policy;
use qorgau::table::{tokenize, TableOptions};
use qorgau::Kind;

use crate::common::run;

/// A synthetic IIN: a date of birth in the 1980s, a century-and-sex digit,
/// four serial digits and a valid check digit.
fn arb_iin() -> impl Strategy<Value = String> {
    (80u32..90, 1u32..13, 1u32..29, 3u32..5, 0u32..10000).prop_filter_map(
        "check digit 10",
        |(y, m, d, c, n)| {
            let first = format!("{y:02}{m:02}{d:02}{c}{n:04}");
            let check = qorgau::checksum::iin_bin_check_digit(first.as_bytes())?;
            Some(format!("{first}{}", char::from(b'0' + check)))
        },
    )
}

fn arb_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,8}",
        "(Алматы|Қарағанды|төлем|оплата|ok|нет)",
        arb_iin(),
        Just(String::new()),
    ]
}

/// Rows of three cells (the middle one often an IIN).
fn arb_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(
        (arb_cell(), prop_oneof![arb_iin(), arb_cell()], arb_cell())
            .prop_map(|(a, b, c)| vec![a, b, c]),
        1..25,
    )
}

const EOLS: [&str; 3] = ["\n", "\r\n", "\r"];

fn records(data: &[u8], delimiter: u8, eol: u8) -> Vec<usize> {
    let mut fields = Vec::new();
    let mut pos = 0;
    let mut counts = Vec::new();
    while let Ok(Some((_, next))) = tokenize::record_eol(data, pos, delimiter, eol, &mut fields) {
        counts.push(fields.len());
        pos = next;
    }
    counts
}

fn no_anonymized_kind(engine: &Engine, policy: &Policy, text: &str) -> bool {
    let gone = policy.anonymized_kinds();
    engine
        .find(text.as_bytes())
        .iter()
        .all(|f| !gone.contains(&f.kind) || f.kind == Kind::Person)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn csv_rewrite_keeps_rows_fields_header_encoding_and_line_endings(
        rows in arb_rows(),
        eol in 0usize..3,
        delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        codec in prop_oneof![Just("utf-8"), Just("windows-1251"), Just("kz-1048")],
        chunk in 16usize..256,
    ) {
        let codec = Codec::for_label(codec).unwrap();
        let eol_s = EOLS[eol];
        let d = char::from(delimiter).to_string();
        let mut text = ["name", "iin", "note"].join(&d) + eol_s;
        for r in &rows {
            text.push_str(&r.join(&d));
            text.push_str(eol_s);
        }
        // Windows-1251 has no Kazakh letters: those rows are UTF-8 or KZ-1048 only.
        prop_assume!(codec.encode(&text, Unmappable::Error).is_ok());
        let bytes = codec.encode(&text, Unmappable::Error).unwrap().into_owned();
        let engine = Engine::builder().build();
        let policy = Policy::default_policy();
        let opts = TableOptions { delimiter: Some(delimiter), encoding: Some(codec), ..TableOptions::default() };
        let out = anonymize_table_bytes(&engine, &policy, None, &bytes, &opts, chunk).unwrap();
        let (decoded, bad) = codec.decode(&out);
        prop_assert!(!bad);
        let e = eol_s.as_bytes()[eol_s.len() - 1];
        prop_assert_eq!(records(&out, delimiter, e), records(&bytes, delimiter, e));
        let header = ["name", "iin", "note"].join(&d) + eol_s;
        prop_assert!(decoded.starts_with(&header));
        prop_assert_eq!(decoded.matches(eol_s).count(), text.matches(eol_s).count());
        if eol_s == "\r" {
            prop_assert!(!out.contains(&b'\n'));
        }
        prop_assert!(no_anonymized_kind(&engine, &policy, &decoded), "{}", decoded);
    }

    #[test]
    fn text_rewrite_keeps_lines_and_line_endings(
        lines in prop::collection::vec((arb_cell(), arb_iin(), arb_cell()), 1..20),
        eol in 0usize..2,
    ) {
        let eol_s = EOLS[eol];
        let text: String = lines
            .iter()
            .map(|(a, iin, b)| format!("{a} client {iin} {b}{eol_s}"))
            .collect();
        let engine = Engine::builder().build();
        let policy = Policy::default_policy();
        let out = String::from_utf8(anonymize_bytes(&engine, &policy, None, text.as_bytes())).unwrap();
        prop_assert_eq!(out.matches(eol_s).count(), text.matches(eol_s).count());
        prop_assert_eq!(out.matches('\n').count(), text.matches('\n').count());
        prop_assert!(no_anonymized_kind(&engine, &policy, &out), "{}", out);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn parquet_rewrite_keeps_rows_schema_and_row_groups(rows in arb_rows(), group in 1usize..8) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.parquet");
        let schema = Arc::new(Schema::new(vec![
            Field::new("name", DataType::Utf8, true),
            Field::new("iin", DataType::Utf8, true),
            Field::new("note", DataType::Utf8, true),
        ]));
        let column = |i: usize| -> ArrayRef {
            Arc::new(StringArray::from(rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>()))
        };
        let batch = RecordBatch::try_new(schema.clone(), vec![column(0), column(1), column(2)]).unwrap();
        let props = parquet::file::properties::WriterProperties::builder()
            .set_max_row_group_row_count(Some(group))
            .build();
        let mut w = ArrowWriter::try_new(File::create(&input).unwrap(), schema.clone(), Some(props)).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        let out = dir.path().join("out.parquet");
        let r = run(&["anonymize", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"], None, None);
        prop_assert_eq!(r.code, 0, "{}", r.stderr);
        let groups = |p: &std::path::Path| {
            let b = ParquetRecordBatchReaderBuilder::try_new(File::open(p).unwrap()).unwrap();
            (b.metadata().num_row_groups(), b.schema().clone(), b.metadata().file_metadata().num_rows())
        };
        let (g_in, s_in, n_in) = groups(&input);
        let (g_out, s_out, n_out) = groups(&out);
        prop_assert_eq!(g_in, g_out);
        prop_assert_eq!(n_in, n_out);
        prop_assert_eq!(s_in.fields(), s_out.fields());
        let r = run(&["scan", out.to_str().unwrap(), "--kinds", "iin"], None, None);
        prop_assert_eq!(r.code, 0, "{}", String::from_utf8_lossy(&r.stdout));
    }
}
