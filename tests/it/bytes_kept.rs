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

/// A UTF-8 table with Kazakh letters outside any finding.
const KAZAKH_CSV: &str = "id;iin;note\n1;900101300811;Қарағанды, төлем жасалды\n";

#[test]
fn characters_the_output_encoding_cannot_hold_are_an_error_not_entities() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "kz.csv", KAZAKH_CSV.as_bytes());
    let out = dir.path().join("out.csv");
    let o = out.to_str().unwrap();
    let args = [
        "anonymize",
        &input,
        "-o",
        o,
        "--output-encoding",
        "windows-1251",
    ];
    let r = run(&args, None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&input)
            && r.stderr.contains("windows-1251 cannot hold")
            && r.stderr.contains("U+049A")
            && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // Asked for, entities are written.
    let r = run(
        &[&args[..], &["--unmappable", "entity", "-q"]].concat(),
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read(&out).unwrap();
    assert!(written.windows(7).any(|w| w == b"&#1178;"));
    // An encoding that holds them writes them.
    let r = run(
        &[
            "anonymize",
            &input,
            "-o",
            "-",
            "-q",
            "--output-encoding",
            "kz-1048",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = qorgau::codec::Codec::Kz1048
        .encode(
            ";Қарағанды, төлем жасалды\n",
            qorgau::codec::Unmappable::Error,
        )
        .unwrap()
        .into_owned();
    assert!(r.stdout.ends_with(&expected));
}

#[test]
fn malformed_utf16_outside_a_finding_fails_the_file_instead_of_becoming_u_fffd() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "IIN 900101300811\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let bad_at = bytes.len();
    bytes.extend_from_slice(&0xD800u16.to_le_bytes()); // a lone surrogate
    for u in "x\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let input = write(dir.path(), "u16.txt", &bytes);
    let out = dir.path().join("out.txt");
    let r = run(
        &["anonymize", &input, "-o", out.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&input)
            && r.stderr
                .contains(&format!("malformed UTF-16 at byte {bad_at}")),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // Well-formed UTF-16 still round-trips; `scan` still reads the bad file.
    let good = write(dir.path(), "good.txt", &bytes[..bad_at]);
    let r = run(&["anonymize", &good, "-o", "-", "-q"], None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(&[0xFF, 0xFE, b'I', 0]));
    let r = run(&["scan", &input], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
}
