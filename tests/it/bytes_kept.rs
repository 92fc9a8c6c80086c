//! Issue 17, case 10: every byte outside a finding is kept, or the file is
//! an error. Line endings, JSON syntax around a replaced number, characters
//! of the input the output encoding cannot hold, malformed UTF-16.

use crate::common::{run, write};

#[test]
fn a_csv_with_carriage_returns_only_keeps_its_rows_and_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = b"id,iin,city\r1,900101300811,Almaty\r2,871102492164,Astana\r";
    let input = write(dir.path(), "cr.csv", csv);
    let r = run(&["anonymize", &input, "-o", "-", "-q"], None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout;
    assert!(!out.contains(&b'\n'), "{}", String::from_utf8_lossy(&out));
    assert_eq!(out.iter().filter(|&&b| b == b'\r').count(), 3);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("id,iin,city\r1,"), "{text}");
    assert!(text.ends_with(",Astana\r"), "{text}");
    assert!(
        !text.contains("900101300811") && !text.contains("871102492164"),
        "{text}"
    );
    // `scan` numbers the rows' lines by their carriage returns.
    let r = run(&["scan", &input, "--format", "jsonl"], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<u64> = crate::common::jsonl(&r.stdout)
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn bare_numbers_in_a_json_array_stay_valid_json() {
    let json = b"{\"ids\":[900101300811, 871102492164],\"n\":[1,2]}\n[900101300811]\n";
    let r = run(&["anonymize", "-", "-o", "-", "-q"], Some(json), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = String::from_utf8(r.stdout).unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| {
            panic!("{line}: {e}");
        });
        assert!(!v.to_string().contains("900101300811"), "{line}");
    }
    // Not JSON: a comma-separated log line is left as the policy writes it.
    let r = run(
        &["anonymize", "-", "-o", "-", "-q"],
        Some(b"paid a,900101300811,b\n"),
        None,
    );
    let text = String::from_utf8(r.stdout).unwrap();
    assert!(!text.contains('"'), "{text}");
}
