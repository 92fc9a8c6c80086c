//! Issue 17, "nothing lost, nothing leaked, nothing overwritten": each test
//! pins one way a run could lose data, leak it, or overwrite what it must
//! not, and what qorgau does instead.

use crate::common::{run, write};

/// A UTF-8 table of Cyrillic names, about 10 KiB.
fn cyrillic_csv() -> Vec<u8> {
    let mut s = String::from("ФИО;ИИН;Город\n");
    for i in 0..200 {
        s.push_str(&format!("Иванов Иван {i};900101300811;Алматы\n"));
    }
    s.into_bytes()
}

#[test]
fn a_stray_byte_does_not_flip_a_utf8_table_to_windows_1251() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = cyrillic_csv();
    let at = csv.len() / 2;
    let at = at + csv[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    csv.insert(at, 0xFF);
    let line = csv[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let input = write(dir.path(), "clients.csv", &csv);
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &input,
            "--out",
            out.to_str().unwrap(),
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&input)
            && r.stderr.contains(&format!("byte {at}"))
            && r.stderr.contains(&format!("line {line})"))
            && r.stderr.contains("--encoding"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Иванов"), "{}", r.stderr);
    assert!(!out.join("clients.csv").exists());
    // `scan` refuses the same way.
    let r = run(&["scan", &input], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--encoding"), "{}", r.stderr);
}

#[test]
fn verify_rereads_outputs_in_the_encoding_they_were_written_in() {
    let dir = tempfile::tempdir().unwrap();
    // Two Cyrillic letters in Windows-1251 are too little for detection to
    // name the encoding: only the encoding of the rewrite reads them back.
    let input = write(
        dir.path(),
        "a.csv",
        "id;iin;ok\n1;900101300811;Да\n".as_bytes(),
    );
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &input,
            "--out",
            out.to_str().unwrap(),
            "--output-encoding",
            "windows-1251",
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read(out.join("a.csv")).unwrap();
    let (text, _, bad) = encoding_rs::WINDOWS_1251.decode(&written);
    assert!(
        !bad && text.ends_with(";Да\n") && !text.contains("900101300811"),
        "{text}"
    );
}
