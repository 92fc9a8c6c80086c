//! `qorgau risk` against an independent computation on generated tables,
//! ties and empty cells (nulls) included.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use qorgau::synth::Rng;
use serde_json::Value;

fn risk(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .arg("risk")
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn figures_match_a_reference_computation() {
    let mut r = Rng::new(5);
    let mut csv = String::from("id,birth_year,sex,district,diagnosis\n");
    let mut rows = Vec::new();
    for id in 0..3000 {
        let year = if r.chance(0.03) {
            String::new()
        } else {
            (1950 + r.below(8) * 5).to_string()
        };
        let sex = ["F", "M", ""][r.below(3) as usize].to_string();
        let district = [
            "Алмалинский",
            "Бостандыкский",
            "Медеуский",
            "Есильский, Астана",
        ][r.below(4) as usize];
        let diagnosis = ["J45", "E11", "I10", "K29", ""][r.below(5) as usize];
        csv.push_str(&format!("{id},{year},{sex},\"{district}\",{diagnosis}\n"));
        rows.push((year, sex, district.to_string(), diagnosis.to_string()));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, &csv).unwrap();
    // The reference: classes by (birth_year, sex, district).
    let mut classes: BTreeMap<(String, String, String), (u64, BTreeSet<String>)> = BTreeMap::new();
    for (y, s, d, dx) in &rows {
        let c = classes
            .entry((y.clone(), s.clone(), d.clone()))
            .or_default();
        c.0 += 1;
        c.1.insert(dx.clone());
    }
    let k = classes.values().map(|c| c.0).min().unwrap();
    let l = classes.values().map(|c| c.1.len() as u64).min().unwrap();
    let below: u64 = classes.values().filter(|c| c.0 < 20).map(|c| c.0).sum();
    let avg: f64 = rows
        .iter()
        .map(|(y, s, d, _)| 1.0 / classes[&(y.clone(), s.clone(), d.clone())].0 as f64)
        .sum::<f64>()
        / rows.len() as f64;
    let (code, got) = risk(&[
        path.to_str().unwrap(),
        "--quasi",
        "birth_year,sex,district",
        "--sensitive",
        "diagnosis",
        "--k",
        "20",
        "-f",
        "json",
    ]);
    assert_eq!(got["rows"], 3000);
    assert_eq!(got["classes"], classes.len());
    assert_eq!(got["k"], k);
    assert_eq!(got["l"], l);
    assert_eq!(got["rows_below_k"], below);
    assert!((got["avg_risk"].as_f64().unwrap() - avg).abs() < 1e-9);
    assert!((got["max_risk"].as_f64().unwrap() - 1.0 / k as f64).abs() < 1e-12);
    assert_eq!(code, i32::from(k < 20));
    // The same table as Parquet (empty cells as nulls, a dictionary column,
    // an integer year, many row groups) gives the same figures.
    let parquet = dir.path().join("t.parquet");
    write_parquet(&parquet, &rows);
    let (code2, got2) = risk(&[
        parquet.to_str().unwrap(),
        "--quasi",
        "birth_year,sex,district",
        "--sensitive",
        "diagnosis",
        "--k",
        "20",
        "-f",
        "json",
    ]);
    assert_eq!(code2, code);
    for field in [
        "rows",
        "classes",
        "k",
        "l",
        "rows_below_k",
        "avg_risk",
        "max_risk",
        "class_sizes",
    ] {
        assert_eq!(got2[field], got[field], "{field}");
    }
    // Without --sensitive, l is null; an unknown column is an error.
    let (_, got) = risk(&[path.to_str().unwrap(), "--quasi", "sex", "-f", "json"]);
    assert!(got["l"].is_null());
    assert_eq!(got["k"], classes_by_sex(&rows));
    assert_eq!(risk(&[path.to_str().unwrap(), "--quasi", "nope"]).0, 2);
}

/// Writes the rows as Parquet: nulls for empty cells, `sex` dictionary
/// encoded, `birth_year` an integer, row groups of 500 rows.
fn write_parquet(path: &std::path::Path, rows: &[(String, String, String, String)]) {
    use arrow::array::{ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray};
    use arrow::datatypes::Int8Type;
    use std::sync::Arc;
    let opt = |s: &String| (!s.is_empty()).then(|| s.clone());
    let year: Int32Array = rows.iter().map(|r| r.0.parse::<i32>().ok()).collect();
    let sex: DictionaryArray<Int8Type> = rows
        .iter()
        .map(|r| (!r.1.is_empty()).then_some(r.1.as_str()))
        .collect();
    let district: StringArray = rows.iter().map(|r| Some(r.2.clone())).collect();
    let diagnosis: StringArray = rows.iter().map(|r| opt(&r.3)).collect();
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("birth_year", Arc::new(year)),
        ("sex", Arc::new(sex)),
        ("district", Arc::new(district)),
        ("diagnosis", Arc::new(diagnosis)),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(500))
        .build();
    let file = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn classes_by_sex(rows: &[(String, String, String, String)]) -> u64 {
    let mut c: BTreeMap<&str, u64> = BTreeMap::new();
    for r in rows {
        *c.entry(r.1.as_str()).or_default() += 1;
    }
    *c.values().min().unwrap()
}

#[test]
fn quasi_identifiers_are_proposed_when_not_given() {
    let (_, got) = risk(&["samples/research_extract.csv", "-f", "json"]);
    assert_eq!(got["proposed"], true);
    let quasi: Vec<&str> = got["quasi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        quasi.contains(&"birth_year") && quasi.contains(&"sex"),
        "{quasi:?}"
    );
    assert!(
        !quasi.contains(&"fio") && !quasi.contains(&"iin"),
        "direct identifiers are not quasi: {quasi:?}"
    );
}

fn qorgau(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn min_k_generalizes_and_suppresses_until_risk_agrees() {
    let data = qorgau::synth::table::table(41, 5000, false);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("t.csv");
    std::fs::write(&input, &data.text).unwrap();
    let out = dir.path().join("k.csv");
    let quasi = "birth_year,sex,region,postcode";
    let (code, err) = qorgau(&[
        "anonymize",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quasi",
        quasi,
        "--min-k",
        "5",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, after) = risk(&[
        out.to_str().unwrap(),
        "--quasi",
        quasi,
        "--k",
        "5",
        "-f",
        "json",
    ]);
    assert_eq!(code, 0);
    assert!(after["k"].as_u64().unwrap() >= 5, "{after}");
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("k.csv.qorgau-manifest.json")).unwrap(),
    )
    .unwrap();
    let plan = &manifest["k_anonymity"][0];
    let suppressed = plan["suppressed_rows"].as_u64().unwrap();
    assert!(suppressed as f64 <= 0.05 * 5000.0, "{plan}");
    assert_eq!(after["rows"].as_u64().unwrap() + suppressed, 5000);
    assert_eq!(plan["levels"].as_array().unwrap().len(), 4);
    // Out of reach: 5000 rows cannot make classes of 10000 without
    // suppressing everything.
    let out2 = dir.path().join("never.csv");
    let (code, err) = qorgau(&[
        "anonymize",
        input.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "--quasi",
        quasi,
        "--min-k",
        "10000",
        "--max-suppression",
        "0.05",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(!out2.exists());
}

#[test]
fn the_html_report_is_self_contained_and_holds_counts_only() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.html");
    let out = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args([
            "risk",
            "samples/research_extract.csv",
            "--quasi",
            "birth_year,sex,region",
            "--html",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the sample is not 5-anonymous");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.starts_with("<!doctype html>")
            && html.contains("<svg")
            && html.contains("equivalence classes")
    );
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
        "nothing fetched"
    );
    let csv = std::fs::read_to_string("samples/research_extract.csv").unwrap();
    for row in csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    {
        let cells: Vec<&str> = row.split(',').collect();
        for cell in [cells[2], cells[5]] {
            assert!(
                cell.len() < 6 || !html.contains(cell),
                "no cell value in the report: {cell}"
            );
        }
    }
    assert!(html.contains("iin 120"), "per-column findings");
}
