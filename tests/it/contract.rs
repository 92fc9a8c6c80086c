//! `profile` and `check`: the PII contract of CSV, Parquet and text files —
//! silent on an unchanged tree, each kind of drift caught, stable bytes,
//! reviewers' tolerances kept, and no planted value in any output.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, RecordBatch, StringArray};
use parquet::arrow::ArrowWriter;
use serde_json::Value;

use crate::ci::{assert_no_value, qorgau_in, Out, IIN_A, IIN_B, PHONE};
use crate::common::write;

fn parquet(path: &Path, columns: &[(&str, Vec<&str>)]) {
    let arrays: Vec<(&str, ArrayRef)> = columns
        .iter()
        .map(|(n, v)| (*n, Arc::new(StringArray::from(v.clone())) as ArrayRef))
        .collect();
    let batch = RecordBatch::try_from_iter(arrays).unwrap();
    let mut w = ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// A small warehouse: a CSV, a Parquet table and a log.
fn tree(dir: &Path) {
    let mut csv = String::from("id,iin,comment\n");
    for i in 0..100 {
        let iin = if i % 2 == 0 { IIN_A } else { IIN_B };
        csv.push_str(&format!("{i},{iin},ok\n"));
    }
    write(dir, "wh/people.csv", csv.as_bytes());
    parquet(
        &dir.join("wh/orders.parquet"),
        &[
            ("order", vec!["a1", "a2", "a3", "a4"]),
            ("phone", vec![PHONE, PHONE, "", PHONE]),
        ],
    );
    write(
        dir,
        "wh/app.log",
        format!("GET / 200\nuser {IIN_A} in\nGET /a 200\nGET /b 200\n").as_bytes(),
    );
}

fn check(dir: &Path, format: &str) -> Out {
    let out = qorgau_in(
        dir,
        &[
            "check",
            "--contract",
            "pii-contract.toml",
            "-f",
            format,
            "wh",
        ],
        None,
    );
    for text in [&out.stdout, &out.stderr] {
        assert_no_value(text, "check output");
    }
    out
}

fn profile(dir: &Path) -> Out {
    let out = qorgau_in(dir, &["profile", "wh", "-o", "pii-contract.toml"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

fn changes(out: &Out) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_string(),
                format!(
                    "{} {} {}",
                    c["path"].as_str().unwrap(),
                    c["column"].as_str().unwrap_or("-"),
                    c["kind"].as_str().unwrap_or("-")
                ),
            )
        })
        .collect()
}

#[test]
fn an_unchanged_tree_checks_silently_and_the_contract_is_stable() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    profile(dir.path());
    let text = std::fs::read_to_string(dir.path().join("pii-contract.toml")).unwrap();
    assert_no_value(&text, "the contract");
    assert!(text.contains("[files.\"wh/people.csv\"]"), "{text}");
    assert!(
        text.contains("columns.\"iin\" = { cells = 100, kinds = { iin = 1 } }"),
        "{text}"
    );
    assert!(
        text.contains("columns.\"phone\" = { cells = 3, kinds = { phone = 1 } }"),
        "{text}"
    );
    assert!(text.contains("format = \"parquet\""), "{text}");
    assert!(text.contains("lines = 4\nkinds = { iin = 0.25 }"), "{text}");
    // Files sorted by path.
    let order: Vec<usize> = ["wh/app.log", "wh/orders.parquet", "wh/people.csv"]
        .iter()
        .map(|p| text.find(p).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    let out = check(dir.path(), "text");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    // Profiling again gives the same bytes (the contract itself is not read).
    profile(dir.path());
    let again = std::fs::read_to_string(dir.path().join("pii-contract.toml")).unwrap();
    assert_eq!(text, again);
}

#[test]
fn every_kind_of_drift_fails_with_a_readable_diff() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    profile(dir.path());
    // A column gains a kind; a Parquet column gains one; a text file gains
    // one; a new file and a new column hold personal data.
    let mut csv = String::from("id,iin,comment,contact\n");
    for i in 0..100 {
        let comment = if i == 7 { PHONE } else { "ok" };
        csv.push_str(&format!("{i},{IIN_A},{comment},x\n"));
    }
    csv.push_str(&format!("100,{IIN_A},ok,{PHONE}\n"));
    write(dir.path(), "wh/people.csv", csv.as_bytes());
    parquet(
        &dir.path().join("wh/orders.parquet"),
        &[
            ("order", vec!["a1", IIN_B, "a3", "a4"]),
            ("phone", vec![PHONE, PHONE, "", PHONE]),
        ],
    );
    write(
        dir.path(),
        "wh/app.log",
        format!("GET / 200\nuser {IIN_A} in\ncall {PHONE}\nGET /b 200\n").as_bytes(),
    );
    write(dir.path(), "wh/new.csv", format!("x\n{IIN_B}\n").as_bytes());
    let out = check(dir.path(), "json");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        changes(&out),
        vec![
            ("new_kind".into(), "wh/app.log - phone".into()),
            ("new_file".into(), "wh/new.csv x iin".into()),
            ("new_kind".into(), "wh/orders.parquet order iin".into()),
            ("new_kind".into(), "wh/people.csv comment phone".into()),
            ("new_column".into(), "wh/people.csv contact phone".into()),
        ]
    );
    let text = check(dir.path(), "text");
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.contains(
            "+ wh/people.csv [comment] phone: 0.00% -> 1.00%: a kind the contract does not allow"
        ),
        "{}",
        text.stdout
    );
    let table = check(dir.path(), "summary");
    assert!(table.stdout.starts_with("file "), "{}", table.stdout);
    assert!(table.stdout.contains("5 failing, 0 other changes"));
    let sarif: Value = serde_json::from_str(&check(dir.path(), "sarif").stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 5);
    assert_eq!(
        sarif["runs"][0]["results"][1]["ruleId"],
        "contract/new-file"
    );
}

#[test]
fn a_rate_fails_only_past_the_tolerance_a_reviewer_set() {
    let dir = tempfile::tempdir().unwrap();
    // 2 of 100 comments hold a phone.
    let table = |phones: usize| {
        let mut csv = String::from("id,comment\n");
        for i in 0..100 {
            let c = if i < phones { PHONE } else { "ok" };
            csv.push_str(&format!("{i},{c}\n"));
        }
        csv
    };
    write(dir.path(), "wh/t.csv", table(2).as_bytes());
    profile(dir.path());
    let path = dir.path().join("pii-contract.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("kinds = { phone = 0.02 }"), "{text}");
    // 2% -> 3%: within the default tolerance of one point.
    write(dir.path(), "wh/t.csv", table(3).as_bytes());
    assert_eq!(check(dir.path(), "text").code, 0);
    // 2% -> 4%: past it.
    write(dir.path(), "wh/t.csv", table(4).as_bytes());
    let out = check(dir.path(), "json");
    assert_eq!(out.code, 1);
    assert_eq!(
        changes(&out),
        vec![("rate_rose".into(), "wh/t.csv comment phone".into())]
    );
    // A reviewer widens this column's tolerance; profiling again keeps it.
    std::fs::write(
        &path,
        text.replace(
            "kinds = { phone = 0.02 }",
            "kinds = { phone = 0.02 }, tolerance = 0.05",
        ),
    )
    .unwrap();
    assert_eq!(check(dir.path(), "text").code, 0);
    write(dir.path(), "wh/t.csv", table(2).as_bytes());
    profile(dir.path());
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(kept.contains("tolerance = 0.05 }"), "{kept}");
    // A falling rate and a kind gone are listed but do not fail.
    write(dir.path(), "wh/t.csv", table(0).as_bytes());
    let out = check(dir.path(), "json");
    assert_eq!(out.code, 0);
    assert_eq!(
        changes(&out),
        vec![("kind_gone".into(), "wh/t.csv comment phone".into())]
    );
}

#[test]
fn a_broken_contract_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    write(
        dir.path(),
        "pii-contract.toml",
        b"version = 1\ntolerance = 0.01\n[files.\"wh/app.log\"]\nformat = \"text\"\nkinds = { nope = 0.1 }\n",
    );
    let out = check(dir.path(), "text");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope"), "{}", out.stderr);
    write(
        dir.path(),
        "pii-contract.toml",
        b"version = 1\ntolerance = 0.01\nbogus = 3\n",
    );
    let out = check(dir.path(), "text");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("pii-contract.toml:3:"),
        "{}",
        out.stderr
    );
}
