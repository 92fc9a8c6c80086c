//! Issue 17, case 8: a CSV header cell or a Parquet column name can be
//! personal data (a pivot table with one column per person, a column named
//! by an e-mail or an IIN). It is scanned, reported with its `field`
//! masked, and anonymized; it is never printed raw.

use std::fs::File;
use std::sync::Arc;

use arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;

use crate::common::{jsonl, run, write};

const PERSON: &str = "Иванов Иван Петрович";
const OTHER: &str = "Сейткали Айгерим";

#[test]
fn a_pivot_table_header_naming_people_is_scanned_masked_and_anonymized() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("month;{PERSON};{OTHER};total\nJan;10;20;30\nFeb;11;21;32\n");
    let input = write(dir.path(), "pivot.csv", csv.as_bytes());
    let r = run(&["scan", &input, "--format", "jsonl"], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = jsonl(&r.stdout);
    assert_eq!(found.len(), 2, "{found:?}");
    for f in &found {
        assert_eq!(f["kind"], "person");
        assert_eq!(f["row"], 0);
        assert!(f["field"].as_str().unwrap().starts_with('#'));
    }
    let all = format!("{}{}", String::from_utf8_lossy(&r.stdout), r.stderr);
    assert!(
        !all.contains("Иванов") && !all.contains("Сейткали"),
        "{all}"
    );
    let r = run(&["scan", &input, "-f", "summary"], None, None);
    let all = String::from_utf8_lossy(&r.stdout);
    assert!(!all.contains("Иванов") && !all.contains("Айгерим"), "{all}");
    // Anonymized: the header's people are gone, every other byte is kept.
    let r = run(&["anonymize", &input, "-o", "-", "-q"], None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = String::from_utf8(r.stdout).unwrap();
    let (head, rest) = out.split_once('\n').unwrap();
    assert!(
        head.starts_with("month;") && head.ends_with(";total"),
        "{head}"
    );
    assert!(
        !head.contains("Иванов") && !head.contains("Сейткали"),
        "{head}"
    );
    assert_eq!(rest, "Jan;10;20;30\nFeb;11;21;32\n");
}

fn write_parquet(path: &std::path::Path, names: &[&str]) {
    let fields: Vec<Field> = names
        .iter()
        .map(|n| Field::new(*n, DataType::Utf8, true))
        .chain([Field::new("n", DataType::Int64, true)])
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let mut columns: Vec<ArrayRef> = names
        .iter()
        .map(|_| Arc::new(StringArray::from(vec!["ok", "fine"])) as ArrayRef)
        .collect();
    columns.push(Arc::new(Int64Array::from(vec![1, 2])));
    let batch = RecordBatch::try_new(schema.clone(), columns).unwrap();
    let mut w = ArrowWriter::try_new(File::create(path).unwrap(), schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

#[test]
fn parquet_column_names_that_are_personal_data_are_reported_masked_and_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.parquet");
    write_parquet(
        &path,
        &["status", "client.mail@example.kz", "900101300811", PERSON],
    );
    let p = path.to_str().unwrap();
    let r = run(&["scan", p, "--format", "jsonl"], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = jsonl(&r.stdout);
    let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["email", "iin", "person"], "{found:?}");
    assert!(found.iter().all(|f| f["row"].is_null()));
    let all = format!("{}{}", String::from_utf8_lossy(&r.stdout), r.stderr);
    assert!(
        !all.contains("mail@example") && !all.contains("900101300811") && !all.contains("Иванов"),
        "{all}"
    );
    let out = dir.path().join("out.parquet");
    let r = run(
        &["anonymize", p, "-o", out.to_str().unwrap(), "-q"],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&out).unwrap()).unwrap();
    let names: Vec<String> = reader
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names.len(), 5);
    assert_eq!(names[0], "status");
    assert_eq!(names[4], "n");
    let joined = names.join("|");
    assert!(
        !joined.contains("mail@example")
            && !joined.contains("900101300811")
            && !joined.contains("Иванов"),
        "{joined}"
    );
    let rows: usize = reader.build().unwrap().map(|b| b.unwrap().num_rows()).sum();
    assert_eq!(rows, 2);
    // The output scans clean.
    let r = run(&["scan", out.to_str().unwrap()], None, None);
    assert_eq!(r.code, 0, "{}", String::from_utf8_lossy(&r.stdout));
}

#[test]
fn batches_rename_personal_column_names_as_the_cli_renames_parquet() {
    // The Spark and Ray path (qorgau::batch, behind the Python wheel).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.parquet");
    let personal = ["status", "client.mail@example.kz", "900101300811", PERSON];
    write_parquet(&path, &personal);
    let out = dir.path().join("out.parquet");
    let r = run(
        &[
            "anonymize",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cli = ParquetRecordBatchReaderBuilder::try_new(File::open(&out).unwrap()).unwrap();
    let cli_names: Vec<String> = cli
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();

    let batch = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let a = qorgau::batch::BatchAnonymizer::new(qorgau::policy::Policy::default_policy(), None)
        .unwrap();
    let schema = a.output_schema(batch.schema()).unwrap();
    let out = a.transform(&batch).unwrap();
    let names: Vec<String> = out
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, cli_names);
    assert_eq!(
        out.schema(),
        schema,
        "transform gives the schema it announces"
    );
    assert_eq!(out.num_rows(), 2);
    for raw in &personal[1..] {
        assert!(!names.iter().any(|n| n.contains(raw)), "{names:?}");
    }
    // Scanned, the names are findings with row -1, and shown masked.
    let found = a.scan(&batch).unwrap();
    let column = found
        .column(0)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    let row = found
        .column(1)
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    assert_eq!(found.num_rows(), 3);
    for i in 0..3 {
        assert_eq!(row.value(i), -1);
        assert!(column.value(i).starts_with('#'), "{}", column.value(i));
        for raw in &personal[1..] {
            assert!(!column.value(i).contains(raw), "{}", column.value(i));
        }
    }
}
