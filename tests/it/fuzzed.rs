//! Regressions found by the fuzz targets (`fuzz/`, docs/fuzzing.md), each
//! pinned with the input that found it (`tests/data/fuzz/`) and a small
//! synthetic case.

use qorgau::anonymize::{anonymize_bytes, anonymize_table_bytes};
use qorgau::engine::Engine;
use qorgau::policy::Policy;
use qorgau::table::TableOptions;

use crate::common::{run, write};

fn keep() -> Policy {
    Policy::parse("default = \"keep\"\n", "test").unwrap()
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/fuzz/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn keep_writes_a_persons_short_form_as_it_is_not_its_full_form() {
    let engine = Engine::builder().build();
    let text = "Иванов Иван Петрович пришёл. Потом Иванов И. ушёл.\n".as_bytes();
    assert_eq!(anonymize_bytes(&engine, &keep(), None, text), text);
    let found = data("text-keep-initials.bin");
    assert!(anonymize_bytes(&engine, &keep(), None, &found) == found);
}

#[test]
fn a_stray_quote_in_an_unquoted_cell_is_kept_when_a_finding_beside_it_is_replaced() {
    let engine = Engine::builder().build();
    let opts = TableOptions {
        delimiter: Some(b','),
        ..TableOptions::default()
    };
    let csv = b"id,note\n1,5\" screen 900101300811\n";
    let out =
        anonymize_table_bytes(&engine, &Policy::default_policy(), None, csv, &opts, 64).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("id,note\n1,5\" screen "), "{text}");
    assert!(!text.contains("900101300811"), "{text}");
    let found = data("csv-stray-quote.bin");
    let (&size, table) = found.split_first().unwrap();
    let kept = anonymize_table_bytes(&engine, &keep(), None, table, &opts, usize::from(size) + 1);
    assert!(kept.is_err() || kept.unwrap() == table);
}

#[test]
fn a_parquet_footer_with_a_negative_column_offset_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "neg.parquet",
        &data("parquet-negative-offset.bin"),
    );
    let r = run(&["scan", &path], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&path) && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_kept_header_cell_with_a_stray_quote_is_not_requoted() {
    let engine = Engine::builder().build();
    let opts = TableOptions {
        delimiter: Some(b','),
        ..TableOptions::default()
    };
    // A pivot header naming a person, with a stray quote, under `keep`.
    let csv = "id,Иванов Иван 5\"\n1,2\n".as_bytes();
    assert_eq!(
        anonymize_table_bytes(&engine, &keep(), None, csv, &opts, 64).unwrap(),
        csv
    );
    let found = data("csv-kept-header-with-stray-quote.bin");
    let (&size, table) = found.split_first().unwrap();
    let kept = anonymize_table_bytes(&engine, &keep(), None, table, &opts, usize::from(size) + 1);
    assert!(kept.is_err() || kept.unwrap() == table);
}

#[test]
fn a_parquet_page_the_decoder_panics_on_is_a_read_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "dict.parquet",
        &data("parquet-dict-page-without-dictionary.bin"),
    );
    let r = run(&["scan", &path], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&path) && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
    let out = dir.path().join("o.parquet");
    let r = run(
        &["anonymize", &path, "-o", out.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!out.exists());
    // As the fuzz target drives it: an error, not a panic.
    let engine = Engine::builder().build();
    let rewritten = qorgau::parquet::rewrite::anonymize_file(
        &engine,
        &keep(),
        None,
        std::path::Path::new(&path),
        None,
        Vec::new(),
    );
    assert!(rewritten.is_err());
}

#[test]
fn a_kept_finding_holding_an_escaped_quote_is_not_escaped_twice() {
    let engine = Engine::builder().build();
    let opts = TableOptions {
        delimiter: Some(b','),
        ..TableOptions::default()
    };
    let found = data("csv-kept-escaped-quote-in-quoted-header.bin");
    let (&size, table) = found.split_first().unwrap();
    let kept = anonymize_table_bytes(&engine, &keep(), None, table, &opts, usize::from(size) + 1);
    assert!(kept.is_err() || kept.unwrap() == table);
}

#[test]
fn keep_writes_malformed_bytes_of_a_legacy_encoding_back_instead_of_failing() {
    let engine = Engine::builder().build();
    let opts = TableOptions {
        delimiter: Some(b','),
        ..TableOptions::default()
    };
    let found = data("csv-keep-malformed-bytes-in-a-legacy-encoding.bin");
    let (&size, table) = found.split_first().unwrap();
    let chunk = usize::from(size) + 1;
    let default = Policy::default_policy();
    let replaced = anonymize_table_bytes(&engine, &default, None, table, &opts, chunk);
    let kept = anonymize_table_bytes(&engine, &keep(), None, table, &opts, chunk);
    assert_eq!(kept.is_ok(), replaced.is_ok());
    assert!(kept.is_err() || kept.unwrap() == table);
}
