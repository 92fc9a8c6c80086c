//! Parquet through the built binary: findings by row and column path on a
//! generated extract, a `keep` round trip that decodes to the same batches,
//! schema and row groups kept, int64 IIN columns retyped and said so, every
//! string-like Arrow type searched, and broken files refused with their row
//! group and column.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BinaryViewArray, DictionaryArray, LargeBinaryArray, MapBuilder, RecordBatch,
    StringArray, StringBuilder, StringViewArray, UInt64Array,
};
use arrow::datatypes::{DataType, Field, Int32Type, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use qorgau::synth::parquet as synth;
use qorgau::Kind;
use serde_json::Value;

use crate::common::{jsonl, run};

const KEY: &str = "4f1c2a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";

fn read(path: &Path) -> (Arc<Schema>, Vec<RecordBatch>, Vec<i64>) {
    let b = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let schema = b.schema().clone();
    let groups = b
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .collect();
    let batches = b.build().unwrap().map(Result::unwrap).collect();
    (schema, batches, groups)
}

fn concat(schema: &Arc<Schema>, batches: &[RecordBatch]) -> RecordBatch {
    arrow::compute::concat_batches(schema, batches).unwrap()
}

fn write(path: &Path, batch: &RecordBatch) {
    let mut w = ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), None).unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

#[test]
fn findings_carry_row_and_column_path_for_every_planted_identifier() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extract.parquet");
    let labels = synth::write(&path, 7, 3000, 1000, true).unwrap();
    let out = run(&["scan", "-f", "jsonl", path.to_str().unwrap()], None, None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let found: BTreeSet<(u64, String, String)> = jsonl(&out.stdout)
        .iter()
        .map(|f| {
            assert!(f.get("line").is_none(), "Parquet has no lines: {f}");
            (
                f["row"].as_u64().unwrap(),
                f["field"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: BTreeSet<(u64, String, String)> = labels
        .iter()
        .map(|(r, p, k)| (*r, p.to_string(), k.id().to_string()))
        .collect();
    let missed: Vec<_> = want.difference(&found).take(5).collect();
    let extra: Vec<_> = found.difference(&want).take(5).collect();
    assert!(missed.is_empty(), "missed {missed:?}");
    assert!(extra.is_empty(), "false positives {extra:?}");
    // Rows run across row groups: the last label is in the third group.
    assert!(found.iter().any(|(r, _, _)| *r >= 2000));
}

#[test]
fn keep_round_trip_decodes_to_the_same_batches_schema_and_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.parquet");
    synth::write(&input, 11, 2500, 1000, false).unwrap();
    let policy = crate::common::write(dir.path(), "keep.toml", b"default = \"keep\"\n");
    let output = dir.path().join("out.parquet");
    let out = run(
        &[
            "anonymize",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--policy",
            &policy,
        ],
        None,
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (s1, b1, g1) = read(&input);
    let (s2, b2, g2) = read(&output);
    assert_eq!(s1, s2, "same Arrow schema, metadata included");
    assert_eq!(g1, g2, "same row groups");
    assert_eq!(concat(&s1, &b1), concat(&s2, &b2));
}

#[test]
fn anonymized_columns_rescan_clean_and_an_int64_iin_column_becomes_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.parquet");
    synth::write(&input, 13, 1500, 500, false).unwrap();
    let policy = crate::common::write(
        dir.path(),
        "p.toml",
        b"[kinds]\niin = \"token\"\nphone = \"token\"\n[columns]\nfio = \"redact\"\n",
    );
    let outdir = dir.path().join("out");
    let out = run(
        &[
            "anonymize",
            input.to_str().unwrap(),
            "--out",
            outdir.to_str().unwrap(),
            "--policy",
            &policy,
            "--verify",
        ],
        None,
        Some(KEY),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let output = outdir.join("in.parquet");
    let (s1, b1, _) = read(&input);
    let (s2, b2, _) = read(&output);
    let (a, b) = (concat(&s1, &b1), concat(&s2, &b2));
    assert_eq!(a.num_rows(), b.num_rows());
    assert_eq!(
        s2.field_with_name("iin").unwrap().data_type(),
        &DataType::Utf8
    );
    // Untouched columns hold the same values.
    for name in [
        "id",
        "birth_year",
        "sex",
        "region",
        "diagnosis",
        "order_no",
        "amount",
    ] {
        assert_eq!(a.column_by_name(name), b.column_by_name(name), "{name}");
    }
    let iin = b.column_by_name("iin").unwrap();
    let iin = iin.as_any().downcast_ref::<StringArray>().unwrap();
    assert!(iin.iter().flatten().all(|v| v.starts_with("IIN_")));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(outdir.join("qorgau-manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["retyped"][0]["column"], "iin");
    assert_eq!(manifest["retyped"][0]["from"], "Int64");
    assert_eq!(manifest["verify"]["passed"], true);
    let rescan = run(
        &["scan", "-f", "jsonl", output.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(
        rescan.code,
        0,
        "{}",
        String::from_utf8_lossy(&rescan.stdout)
    );
}

#[test]
fn tokens_in_parquet_equal_tokens_in_csv_for_the_same_value() {
    let dir = tempfile::tempdir().unwrap();
    let schema = Arc::new(Schema::new(vec![
        Field::new("iin", DataType::UInt64, true),
        Field::new("email", DataType::Utf8View, true),
    ]));
    // 050101500020 lost its leading zero in the integer column.
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(UInt64Array::from(vec![50101500020u64])),
            Arc::new(StringViewArray::from(vec!["aigerim.s@mail.kz"])),
        ],
    )
    .unwrap();
    let pq = dir.path().join("t.parquet");
    write(&pq, &batch);
    let csv = crate::common::write(
        dir.path(),
        "t.csv",
        b"iin,email\n050101500020,aigerim.s@mail.kz\n",
    );
    let policy = crate::common::write(dir.path(), "p.toml", b"default = \"token\"\n");
    for input in [pq.to_str().unwrap(), &csv] {
        let out = run(
            &[
                "anonymize",
                input,
                "--out",
                dir.path().join("o").to_str().unwrap(),
                "--policy",
                &policy,
            ],
            None,
            Some(KEY),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let (_, b, _) = read(&dir.path().join("o/t.parquet"));
    let text = std::fs::read_to_string(dir.path().join("o/t.csv")).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    let iin = b[0]
        .column(0)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap()
        .value(0)
        .to_string();
    let email = b[0]
        .column(1)
        .as_any()
        .downcast_ref::<StringViewArray>()
        .unwrap()
        .value(0)
        .to_string();
    assert_eq!(iin, row[0]);
    assert_eq!(email, row[1]);
}

#[test]
fn every_string_like_type_is_searched_and_keeps_its_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = MapBuilder::new(None, StringBuilder::new(), StringBuilder::new());
    map.keys().append_value("phone");
    map.values().append_value("+7 701 123 45 67");
    map.append(true).unwrap();
    let keys = arrow::array::Int32Array::from(vec![0]);
    let values: ArrayRef = Arc::new(StringArray::from(vec!["ivan.petrov@example.kz", "unused"]));
    let dict = DictionaryArray::<Int32Type>::try_new(keys, values).unwrap();
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "view",
            Arc::new(StringViewArray::from(vec!["ИИН 900101300811"])),
        ),
        (
            "large_bin",
            Arc::new(LargeBinaryArray::from(vec![
                "card 4400 4301 2345 6789".as_bytes()
            ])),
        ),
        (
            "bin_view",
            Arc::new(BinaryViewArray::from(vec![
                "KZ86125KZT5004100100".as_bytes()
            ])),
        ),
        ("attrs", Arc::new(map.finish())),
        ("dict", Arc::new(dict)),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let input = dir.path().join("types.parquet");
    write(&input, &batch);
    let out = run(
        &["scan", "-f", "jsonl", input.to_str().unwrap()],
        None,
        None,
    );
    let found: Vec<(String, String)> = jsonl(&out.stdout)
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().into(),
                f["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("view", Kind::Iin),
        ("large_bin", Kind::Card),
        ("bin_view", Kind::Iban),
        ("attrs.value", Kind::Phone),
        ("dict", Kind::Email),
    ]
    .iter()
    .map(|(f, k)| (f.to_string(), k.id().to_string()))
    .collect();
    assert_eq!(found, want, "{}", out.stderr);
    let output = dir.path().join("out.parquet");
    let run2 = run(
        &[
            "anonymize",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(run2.code, 0, "{}", run2.stderr);
    let (s1, _, _) = read(&input);
    let (s2, b2, _) = read(&output);
    assert_eq!(s1, s2);
    let debug = format!("{:?}", b2[0]);
    for raw in [
        "900101300811",
        "4400 4301 2345",
        "KZ86125",
        "701 123",
        "ivan.petrov",
    ] {
        assert!(!debug.contains(raw), "{raw} left in {debug}");
    }
}

#[test]
fn broken_parquet_is_an_error_naming_row_group_and_column_with_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.parquet");
    synth::write(&good, 3, 300, 100, false).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let truncated =
        crate::common::write(dir.path(), "truncated.parquet", &bytes[..bytes.len() / 2]);
    let not_parquet = crate::common::write(dir.path(), "text.parquet", b"id,iin\n1,900101300811\n");
    // Scramble a stretch inside the first row group's data pages.
    let mut corrupt = bytes.clone();
    for b in &mut corrupt[2000..2600] {
        *b = b.wrapping_mul(7).wrapping_add(13);
    }
    let corrupt = crate::common::write(dir.path(), "corrupt.parquet", &corrupt);
    for (input, says) in [
        (&truncated, "not a readable Parquet file"),
        (&not_parquet, "not a readable Parquet file"),
        (&corrupt, "row group 0, column `"),
    ] {
        let scan = run(&["scan", "-f", "summary", input], None, None);
        assert_eq!(scan.code, 2, "{input}: {}", scan.stderr);
        assert!(scan.stderr.contains(says), "{input}: {}", scan.stderr);
        let output = dir.path().join("out.parquet");
        let anon = run(
            &["anonymize", input, "-o", output.to_str().unwrap()],
            None,
            None,
        );
        assert_eq!(anon.code, 2, "{}", anon.stderr);
        assert!(
            anon.stderr.contains(says) && anon.stderr.contains("no output written"),
            "{}",
            anon.stderr
        );
        assert!(!output.exists(), "no partial output for {input}");
        let strays: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".qorgau-"))
            .collect();
        assert!(strays.is_empty(), "temporary files left: {strays:?}");
    }
}

#[test]
fn parquet_on_stdin_and_a_nested_drop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.parquet");
    synth::write(&input, 5, 50, 50, false).unwrap();
    let bytes = std::fs::read(&input).unwrap();
    let out = run(
        &["scan", "--input-format", "parquet", "-f", "jsonl", "-"],
        Some(&bytes),
        None,
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(jsonl(&out.stdout).iter().all(|f| f["path"] == "-"));
    let anon = run(
        &["anonymize", "--input-format", "parquet", "-", "-o", "-"],
        Some(&bytes),
        None,
    );
    assert_eq!(anon.code, 0, "{}", anon.stderr);
    assert!(anon.stdout.starts_with(b"PAR1") && anon.stdout.ends_with(b"PAR1"));
    let policy = crate::common::write(
        dir.path(),
        "p.toml",
        b"[columns]\n\"contact.email\" = \"drop\"\n",
    );
    let refused = run(
        &[
            "anonymize",
            input.to_str().unwrap(),
            "-o",
            dir.path().join("o.parquet").to_str().unwrap(),
            "--policy",
            &policy,
        ],
        None,
        None,
    );
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("`drop` applies to top-level columns"),
        "{}",
        refused.stderr
    );
}

#[test]
fn min_k_on_parquet_generalizes_suppresses_and_risk_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.parquet");
    synth::write(&input, 17, 400, 100, false).unwrap();
    let output = dir.path().join("k.parquet");
    let out = run(
        &[
            "anonymize",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--quasi",
            "birth_year,sex,region",
            "--min-k",
            "3",
            "--max-suppression",
            "0.25",
        ],
        None,
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("k.parquet.qorgau-manifest.json")).unwrap(),
    )
    .unwrap();
    let k = &manifest["k_anonymity"][0];
    let suppressed = k["suppressed_rows"].as_u64().unwrap();
    assert!(
        k["levels"][0].as_u64().unwrap() > 0,
        "birth year generalized: {k}"
    );
    let risk = run(
        &[
            "risk",
            output.to_str().unwrap(),
            "--quasi",
            "birth_year,sex,region",
            "-f",
            "json",
        ],
        None,
        None,
    );
    let got: Value = serde_json::from_slice(&risk.stdout).unwrap();
    assert!(got["k"].as_u64().unwrap() >= 3, "{got}");
    assert_eq!(got["rows"].as_u64().unwrap() + suppressed, 400);
    let (schema, _, _) = read(&output);
    assert_eq!(
        schema.field_with_name("birth_year").unwrap().data_type(),
        &DataType::Utf8
    );
}
