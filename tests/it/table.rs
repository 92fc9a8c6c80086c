//! Tables end to end: cell-level accuracy, rows kept in order and number,
//! byte-exact round trips, column rules, encodings, and errors.

use proptest::prelude::*;
use serde_json::Value;

use crate::common::{self, write, Run as Out};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Out {
    common::run(args, stdin, None)
}

fn jsonl(out: &Out) -> Vec<Value> {
    common::jsonl(&out.stdout)
}

#[test]
fn cell_level_precision_and_recall_reach_0_99() {
    let data = qorgau::synth::table::table(21, 3000, false);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "extract.csv", data.text.as_bytes());
    let found = jsonl(&run(
        &["scan", "-f", "jsonl", "--chunk-size", "50000", &path],
        None,
    ));
    let got: std::collections::HashSet<(u64, u64, String)> = found
        .iter()
        .map(|f| {
            (
                f["start"].as_u64().unwrap(),
                f["end"].as_u64().unwrap(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let truth: std::collections::HashSet<(u64, u64, String)> = data
        .labels
        .iter()
        .map(|l| (l.start as u64, l.end as u64, l.kind.to_string()))
        .collect();
    for kind in ["iin", "phone", "email", "iban", "card"] {
        let t = truth.iter().filter(|x| x.2 == kind).count();
        let g = got.iter().filter(|x| x.2 == kind).count();
        let tp = truth
            .iter()
            .filter(|x| x.2 == kind && got.contains(*x))
            .count();
        let (p, r) = (tp as f64 / g.max(1) as f64, tp as f64 / t.max(1) as f64);
        eprintln!("{kind}: truth {t} found {g} tp {tp} precision {p:.4} recall {r:.4}");
        assert!(p >= 0.99 && r >= 0.99, "{kind}: precision {p} recall {r}");
    }
    // Rows and fields are right: the IIN column is the third.
    let iins: Vec<&Value> = found.iter().filter(|f| f["field"] == "iin").collect();
    assert_eq!(iins.len(), 3000);
    assert_eq!(iins[0]["row"], 1);
    assert_eq!(iins[2999]["row"], 3000);
}

#[test]
fn rows_survive_any_chunking_and_anonymize_keeps_their_count() {
    let data = qorgau::synth::table::table(22, 800, true);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.csv", data.text.as_bytes());
    let spans = |chunk: &str| {
        let found = jsonl(&run(
            &["scan", "-f", "jsonl", "--chunk-size", chunk, &path],
            None,
        ));
        found
            .iter()
            .map(|f| (f["start"].as_u64().unwrap(), f["row"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    let whole = spans("10000000");
    assert_eq!(spans("3000"), whole);
    assert_eq!(spans("97"), whole);
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &path,
            "--out",
            out.to_str().unwrap(),
            "--chunk-size",
            "1000",
            "--verify",
            "-q",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(out.join("t.csv")).unwrap();
    let records = |text: &str| {
        // Count records: newlines outside quotes.
        let mut quoted = false;
        text.bytes()
            .filter(|&b| {
                if b == b'"' {
                    quoted = !quoted;
                }
                b == b'\n' && !quoted
            })
            .count()
    };
    assert_eq!(records(&written), records(&data.text));
    assert_eq!(records(&written), 801);
    assert!(written.contains("\r\n"), "CRLF kept");
    assert!(written.starts_with("id,fio,iin,"), "header kept");
}

#[test]
fn column_rules_keep_drop_scan_and_whole_cell() {
    let csv = "id,fio,iin,region,note\n1,\"Иванов, Иван\",900101300811,Алматы,\"тел 87011234567, ok\"\n2,Ахметова,850512420060,Астана,\n";
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "c.csv", csv.as_bytes());
    let policy = write(
        dir.path(),
        "p.toml",
        b"[kinds]\niin = \"generalize\"\n[columns]\nid = \"drop\"\nfio = \"redact\"\nregion = \"keep\"\n\"n*\" = \"scan\"\n",
    );
    let r = run(&["anonymize", &input, "-o", "-", "-q", "-p", &policy], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "fio,iin,region,note\n\"\",1990/M,Алматы,\"тел <PHONE>, ok\"\n,1985/F,Астана,\n"
    );
}

#[test]
fn an_unterminated_quote_is_an_error_naming_line_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "bad.csv",
        b"a,b\n1,900101300811\n2,\"open 900101300811\n3,x\n",
    );
    let scan = run(&["scan", &input], None);
    assert_eq!(scan.code, 2);
    assert!(
        scan.stderr.contains("bad.csv")
            && scan.stderr.contains("line 3")
            && scan.stderr.contains("row 2"),
        "{}",
        scan.stderr
    );
    let out = dir.path().join("out");
    let r = run(&["anonymize", &input, "--out", out.to_str().unwrap()], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unterminated quote") && !r.stderr.contains("900101300811"),
        "{}",
        r.stderr
    );
    assert!(!out.join("bad.csv").exists());
    let long = format!("a,b\n1,{}\n", "x".repeat(5000));
    let input = write(dir.path(), "long.csv", long.as_bytes());
    let r = run(
        &[
            "scan",
            "--max-row-bytes",
            "1000",
            "--chunk-size",
            "500",
            &input,
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("longer than 1000 bytes"), "{}", r.stderr);
}

#[test]
fn windows_1251_and_bom_are_kept() {
    let text = "ФИО;ИИН;Телефон\r\nИванов Иван;900101300811;87011234567\r\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let found = jsonl(&run(
        &["scan", "-f", "jsonl", "--input-format", "csv", "-"],
        Some(&cp1251),
    ));
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["kind"], "person");
    let name = &found[0];
    let (ns, ne) = (
        name["start"].as_u64().unwrap() as usize,
        name["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &cp1251[ns..ne],
        &encoding_rs::WINDOWS_1251.encode("Иванов Иван").0[..]
    );
    assert_eq!(found[1]["field"], "ИИН", "column names decoded");
    let (start, end) = (
        found[1]["start"].as_u64().unwrap() as usize,
        found[1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &cp1251[start..end],
        b"900101300811",
        "offsets into the input bytes"
    );
    let r = run(
        &["anonymize", "-", "-o", "-", "-q", "--input-format", "csv"],
        Some(&cp1251),
    );
    let (decoded, _, bad) = encoding_rs::WINDOWS_1251.decode(&r.stdout);
    assert!(!bad);
    assert_eq!(decoded, "ФИО;ИИН;Телефон\r\n<PERSON>;1990/M;<PHONE>\r\n");
    let mut bom = b"\xEF\xBB\xBFiin,x\n".to_vec();
    bom.extend_from_slice(b"900101300811,1\n");
    let r = run(
        &["anonymize", "-", "-o", "-", "-q", "--input-format", "csv"],
        Some(&bom),
    );
    assert_eq!(r.stdout, b"\xEF\xBB\xBFiin,x\n1990/M,1\n");
}

#[test]
fn delimiter_and_header_flags() {
    let tsv = "900101300811\tx\n850512420060\ty\n";
    let found = jsonl(&run(
        &[
            "scan",
            "-f",
            "jsonl",
            "--input-format",
            "csv",
            "--no-header",
            "--delimiter",
            "tab",
            "-",
        ],
        Some(tsv.as_bytes()),
    ));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["row"], 1);
    assert_eq!(found[0]["field"], "1");
    let r = run(&["scan", "--delimiter", "ab", "-"], Some(b"x"));
    assert_eq!(r.code, 2);
}

/// A random CSV with arbitrary quoting: fields quoted or not, with embedded
/// delimiters, doubled quotes and newlines inside quoted ones.
fn arb_csv() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        "[a-zA-Z0-9 .:/-]{0,12}",
        "[a-zA-Zа-я0-9 ,\n\"-]{0,12}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
        Just("900101300811".to_string()),
        Just(String::new()),
    ];
    let row = prop::collection::vec(field, 3..=3).prop_map(|f| f.join(","));
    (prop::collection::vec(row, 1..20), any::<bool>()).prop_map(|(rows, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut s = String::from("a,b,c");
        for r in rows {
            s.push_str(eol);
            s.push_str(&r);
        }
        s.push_str(eol);
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn keep_round_trips_any_csv_byte_for_byte(csv in arb_csv()) {
        let dir = tempfile::tempdir().unwrap();
        let policy = write(dir.path(), "keep.toml", b"default = \"keep\"\n");
        let r = run(&["anonymize", "-", "-o", "-", "-q", "--input-format", "csv", "--delimiter", ",", "-p", &policy, "--chunk-size", "64"], Some(csv.as_bytes()));
        prop_assert_eq!(r.code, 0);
        prop_assert_eq!(String::from_utf8(r.stdout).unwrap(), csv);
    }
}

#[test]
fn ragged_rows_are_reported_and_kept() {
    let csv = b"a,b,c\n1,900101300811\n3,4,5\n6,7,8,9\n";
    let r = run(&["scan", "--input-format", "csv", "-"], Some(csv));
    assert_eq!(r.code, 1, "found, not failed");
    assert!(
        r.stderr
            .contains("2 rows have a different number of fields")
            && r.stderr.contains("row 1"),
        "{}",
        r.stderr
    );
    let r = run(
        &["anonymize", "-", "-o", "-", "-q", "--input-format", "csv"],
        Some(csv),
    );
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "a,b,c\n1,1990/M\n3,4,5\n6,7,8,9\n"
    );
}

#[test]
fn invalid_bytes_in_the_declared_encoding_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "inv.csv", b"a,b\n900101300811,ok\n1,\xff\xfe\n");
    let r = run(&["scan", "--encoding", "utf-8", &input], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid UTF-8") && r.stderr.contains("line 3, row 2"),
        "{}",
        r.stderr
    );
    let out = dir.path().join("o.csv");
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "utf-8",
            &input,
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(!out.exists());
}

#[test]
fn output_encoding_converts_tables() {
    let text = "ФИО;ИИН\r\nИванов;900101300811\r\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let r = run(
        &[
            "anonymize",
            "-",
            "-o",
            "-",
            "-q",
            "--input-format",
            "csv",
            "--output-encoding",
            "utf-8",
        ],
        Some(&cp1251),
    );
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "ФИО;ИИН\r\nИванов;1990/M\r\n"
    );
}

#[test]
fn utf16_tables_and_text_keep_their_encoding_and_offsets() {
    let text = "ФИО,ИИН,тел\r\nИванов Иван,900101300811,87011234567\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "u16.csv", &le);
    let found = jsonl(&run(&["scan", "-f", "jsonl", &path], None));
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["kind"], "person");
    assert_eq!(found[1]["field"], "ИИН");
    let (s, e) = (
        found[1]["start"].as_u64().unwrap() as usize,
        found[1]["end"].as_u64().unwrap() as usize,
    );
    let raw: Vec<u16> = le[s..e]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&raw).unwrap(),
        "900101300811",
        "offsets are the file's bytes"
    );
    let r = run(&["anonymize", &path, "-o", "-", "-q"], None);
    assert_eq!(&r.stdout[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = r.stdout[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        "ФИО,ИИН,тел\r\n<PERSON>,1990/M,<PHONE>\r\n"
    );
    let keep = write(dir.path(), "keep.toml", b"default = \"keep\"\n");
    let r = run(&["anonymize", &path, "-o", "-", "-q", "-p", &keep], None);
    assert_eq!(r.stdout, le, "keep round-trips UTF-16 byte for byte");
    let mut be = vec![0xFE, 0xFF];
    be.extend("x 900101300811\n".encode_utf16().flat_map(u16::to_be_bytes));
    let txt = write(dir.path(), "u16.txt", &be);
    let found = jsonl(&run(&["scan", "-f", "jsonl", &txt], None));
    assert_eq!(found[0]["start"], 2 + 2 * 2);
}

#[test]
fn a_headerless_table_does_not_pass_its_first_row_through() {
    // Regression: the first record was taken for a header, copied verbatim
    // by anonymize and shown raw as column names in findings.
    let csv = b"900101300811,a.b@mail.kz\n850512420060,c.d@mail.kz\n";
    let r = run(
        &["anonymize", "-", "-o", "-", "-q", "--input-format", "csv"],
        Some(csv),
    );
    let out = String::from_utf8(r.stdout).unwrap();
    assert_eq!(out, "1990/M,<EMAIL>\n1985/F,<EMAIL>\n");
    let found = jsonl(&run(
        &["scan", "-f", "jsonl", "--input-format", "csv", "-"],
        Some(csv),
    ));
    assert_eq!(found.len(), 4);
    assert!(found
        .iter()
        .all(|f| !f["field"].as_str().unwrap().contains('@')));
}

#[test]
fn columns_are_decided_by_their_values_and_headers_veto_their_own_kinds() {
    // IINs of people born 2000–2009 whose leading zero a spreadsheet
    // dropped, under a header that names no kind; an app_version column of
    // IP-shaped versions; an IP in a free-text column still counts.
    let iins = [
        "20715618548",
        "60611627737",
        "10103613230",
        "50704562287",
        "20702503871",
        "90314509852",
    ];
    let mut csv = String::from("id,doc_no,app_version,note\n");
    for (i, v) in iins.iter().enumerate() {
        csv.push_str(&format!("{i},{v},4.12.19.2{i},from 95.56.12.{i}\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.csv", csv.as_bytes());
    let out = run(&["scan", "-f", "jsonl", &path], None);
    let found = jsonl(&out);
    let in_field = |field: &str, kind: &str| {
        found
            .iter()
            .filter(|f| f["field"] == field && f["kind"] == kind)
            .count()
    };
    assert_eq!(in_field("doc_no", "iin"), iins.len(), "{found:?}");
    assert_eq!(in_field("app_version", "ipv4"), 0, "{found:?}");
    assert_eq!(in_field("note", "ipv4"), iins.len(), "{found:?}");
    let summary = run(&["scan", "-f", "summary", &path], None);
    let text = String::from_utf8_lossy(&summary.stdout);
    assert!(text.contains("(by values: iin)"), "{text}");
}
