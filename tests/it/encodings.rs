//! Encodings of inputs and outputs from the command line: `--encoding`
//! read for every input, `--output-encoding` written for every output, the
//! byte-order mark kept as docs/interface.md ("Encodings") says, and
//! `--verify` reading each output back in the encoding it was written in.

use crate::common::{jsonl, run, write};

/// A synthetic client line: a name, a valid IIN, a phone.
const LINE: &str = "Клиент Айгерим Сапарова, ИИН 900101300811, тел +7 701 234 56 78\n";
/// Its output under the default policy.
const LINE_OUT: &str = "Клиент <PERSON>, ИИН 1990/M, тел <PHONE>\n";
const CSV: &str = "ФИО;ИИН\nАйгерим Сапарова;900101300811\n";
const CSV_OUT: &str = "ФИО;ИИН\n<PERSON>;1990/M\n";

fn utf16(text: &str, big: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn verified(manifest: &std::path::Path) -> bool {
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap();
    m["verify"]["passed"] == true
}

#[test]
fn output_encoding_utf16_writes_utf16_code_units_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let txt = write(d, "in.txt", LINE.as_bytes());
    let csv = write(d, "in.csv", CSV.as_bytes());
    // (label, big-endian, mark written for an input without one)
    for (label, big, mark) in [
        ("utf-16le", false, false),
        ("utf-16be", true, false),
        ("utf-16", false, true),
        ("UTF-16LE", false, false),
    ] {
        for (input, want) in [(&txt, LINE_OUT), (&csv, CSV_OUT)] {
            let out = d.join(format!("out-{label}"));
            let o = out.to_str().unwrap();
            let r = run(
                &[
                    "anonymize",
                    input,
                    "-o",
                    o,
                    "--output-encoding",
                    label,
                    "--verify",
                    "-q",
                ],
                None,
                None,
            );
            assert_eq!(r.code, 0, "{label} {input}: {}", r.stderr);
            let mut expected = if mark { vec![0xFF, 0xFE] } else { Vec::new() };
            expected.extend(utf16(want, big));
            assert_eq!(std::fs::read(&out).unwrap(), expected, "{label} {input}");
            // --verify read the output back as UTF-16, mark or none.
            assert!(
                verified(&d.join(format!("out-{label}.qorgau-manifest.json"))),
                "{label} {input}"
            );
        }
    }
    // An input with a mark keeps it, in the output encoding's form.
    let marked = write(
        d,
        "marked.txt",
        &[&[0xEF, 0xBB, 0xBF], LINE.as_bytes()].concat(),
    );
    let r = run(
        &[
            "anonymize",
            &marked,
            "-o",
            "-",
            "-q",
            "--output-encoding",
            "utf-16be",
        ],
        None,
        None,
    );
    assert_eq!(
        r.stdout,
        [&[0xFE, 0xFF][..], &utf16(LINE_OUT, true)].concat()
    );
    // And a single-byte output has no mark to write: it is dropped.
    let r = run(
        &[
            "anonymize",
            &marked,
            "-o",
            "-",
            "-q",
            "--output-encoding",
            "windows-1251",
        ],
        None,
        None,
    );
    assert_eq!(
        r.stdout,
        encoding_rs::WINDOWS_1251.encode(LINE_OUT).0.as_ref()
    );
}

#[test]
fn utf16_without_a_mark_is_read_with_encoding_utf16le_and_keeps_its_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let raw = utf16(LINE, false);
    let input = write(dir.path(), "wide.txt", &raw);
    // Without --encoding it is skipped, and says how to read it.
    let r = run(&["scan", &input], None, None);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("--encoding utf-16le"), "{}", r.stderr);
    let r = run(
        &["scan", "--encoding", "utf-16le", "-f", "jsonl", &input],
        None,
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = jsonl(&r.stdout);
    let iin = found.iter().find(|f| f["kind"] == "iin").unwrap();
    let (s, e) = (
        iin["start"].as_u64().unwrap() as usize,
        iin["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &raw[s..e],
        &utf16("900101300811", false)[..],
        "no mark: offsets from 0"
    );
    // Written back as it came: UTF-16LE, no mark.
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "utf-16le",
            &input,
            "-o",
            "-",
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, utf16(LINE_OUT, false));
    // A mark wins over --encoding: this file is big-endian.
    let be = write(
        dir.path(),
        "be.txt",
        &[&[0xFE, 0xFF][..], &utf16(LINE, true)].concat(),
    );
    let r = run(
        &["anonymize", "--encoding", "utf-16le", &be, "-o", "-", "-q"],
        None,
        None,
    );
    assert_eq!(
        r.stdout,
        [&[0xFE, 0xFF][..], &utf16(LINE_OUT, true)].concat()
    );
}

#[test]
fn text_output_encoding_refuses_what_it_cannot_write_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A Kazakh letter Windows-1251 lacks, on line 2.
    let kz = write(d, "kz.txt", "ИИН 900101300811\nҚарағанды\n".as_bytes());
    let out = d.join("kz.out");
    let args = [
        "anonymize",
        kz.as_str(),
        "-o",
        out.to_str().unwrap(),
        "--output-encoding",
        "windows-1251",
    ];
    let r = run(&args, None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&kz) && r.stderr.contains("U+049A") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    let r = run(
        &[&args[..], &["--unmappable", "entity", "-q"]].concat(),
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(&out)
        .unwrap()
        .starts_with(b"\xC8\xC8\xCD 1990/M\n&#1178;"));
    // Bytes that are not UTF-8 cannot be re-encoded without being lost.
    let bad = write(d, "bad.txt", b"ok\nIIN 900101300811 \xFF\n");
    let out = d.join("bad.out");
    let r = run(
        &[
            "anonymize",
            &bad,
            "-o",
            out.to_str().unwrap(),
            "--output-encoding",
            "utf-16le",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&bad) && r.stderr.contains("not UTF-8 at line 2"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("900101300811"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn encoding_applies_to_text_inputs_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cp1251 = |s: &str| encoding_rs::WINDOWS_1251.encode(s).0.into_owned();
    let raw = cp1251(LINE);
    let input = write(d, "clients.log", &raw);
    // Scanned as Windows-1251: the name is found, at the file's bytes.
    for (path, stdin) in [(input.as_str(), None), ("-", Some(&raw[..]))] {
        let r = run(
            &["scan", "--encoding", "windows-1251", "-f", "jsonl", path],
            stdin,
            None,
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        let found = jsonl(&r.stdout);
        let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["person", "iin", "phone"], "{path}");
        let (s, e) = (
            found[0]["start"].as_u64().unwrap() as usize,
            found[0]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(raw[s..e], cp1251("Айгерим Сапарова"), "{path}");
        // Anonymized and written back in Windows-1251.
        let r = run(
            &["anonymize", "--encoding", "cp1251", path, "-o", "-", "-q"],
            stdin,
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, cp1251(LINE_OUT), "{path}");
    }
    // Or converted.
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "windows-1251",
            &input,
            "-o",
            "-",
            "-q",
            "--output-encoding",
            "utf-8",
        ],
        None,
        None,
    );
    assert_eq!(String::from_utf8(r.stdout).unwrap(), LINE_OUT);
    // `keep` gives every byte back: all of Windows-1251 but NUL.
    let all: Vec<u8> = (1..=255u8).collect();
    let every = write(d, "every.txt", &all);
    let keep = write(d, "keep.toml", b"default = \"keep\"\n");
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "windows-1251",
            &every,
            "-o",
            "-",
            "-q",
            "-p",
            &keep,
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, all);
    // KZ-1048 text, the Kazakh letters Windows-1251 lacks included.
    let kz_line = "Мекенжай: Қарағанды, Әлихан Бөкейхан көшесі; ИИН 900101300811\n";
    let kz = qorgau::codec::Codec::Kz1048
        .encode(kz_line, qorgau::codec::Unmappable::Error)
        .unwrap()
        .into_owned();
    let kz_in = write(d, "kz.txt", &kz);
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "kz-1048",
            &kz_in,
            "-o",
            "-",
            "-q",
            "-p",
            &keep,
        ],
        None,
        None,
    );
    assert_eq!(r.stdout, kz);
}

#[test]
fn verify_reads_text_back_in_the_encoding_it_was_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = write(d, "clients.log", &encoding_rs::WINDOWS_1251.encode(LINE).0);
    // The policy leaves the name (confidence 0.9) alone; verify, as
    // sensitive as a plain scan, must see it in the Windows-1251 output.
    let policy = write(d, "p.toml", b"min_confidence = 0.95\n");
    let out = d.join("out.log");
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "windows-1251",
            &input,
            "-o",
            out.to_str().unwrap(),
            "-p",
            &policy,
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("verify FAILED") && r.stderr.contains("person 1"),
        "{}",
        r.stderr
    );
    // A UTF-8 output of the same input is not read as Windows-1251.
    let out8 = d.join("out8.log");
    let r = run(
        &[
            "anonymize",
            "--encoding",
            "windows-1251",
            &input,
            "-o",
            out8.to_str().unwrap(),
            "--output-encoding",
            "utf-8",
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(verified(&d.join("out8.log.qorgau-manifest.json")));
}

#[test]
fn text_in_a_multibyte_legacy_encoding_is_refused_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.txt", b"IIN 900101300811\n");
    for cmd in ["scan", "anonymize"] {
        let mut args = vec![cmd, "--encoding", "shift_jis", input.as_str()];
        if cmd == "anonymize" {
            args.extend(["-o", "-"]);
        }
        let r = run(&args, None, None);
        assert_eq!(r.code, 2, "{cmd}: {}", r.stderr);
        assert!(
            r.stderr.contains(&input) && r.stderr.contains("Shift_JIS"),
            "{cmd}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{cmd}");
    }
}

#[test]
fn windows_1251_text_without_encoding_is_detected_and_its_names_anonymized() {
    // A 1C export in Windows-1251 given without --encoding: read as bytes,
    // the name passed anonymize unseen with exit 0.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cp1251 = |s: &str| encoding_rs::WINDOWS_1251.encode(s).0.into_owned();
    let raw = cp1251(LINE);
    let input = write(d, "export.txt", &raw);
    let r = run(&["scan", "-f", "jsonl", &input], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = jsonl(&r.stdout);
    let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["person", "iin", "phone"]);
    let (s, e) = (
        found[0]["start"].as_u64().unwrap() as usize,
        found[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(raw[s..e], cp1251("Айгерим Сапарова"));
    let r = run(&["anonymize", &input, "-o", "-", "-q"], None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, cp1251(LINE_OUT), "written back in Windows-1251");
    // UTF-8 text with a few stray bytes is not taken for a legacy encoding.
    let mut mixed = LINE.as_bytes().to_vec();
    mixed.extend_from_slice(b" \xff\n");
    let input = write(d, "mixed.txt", &mixed);
    let r = run(&["scan", "-f", "jsonl", &input], None, None);
    let kinds: Vec<String> = jsonl(&r.stdout)
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["person", "iin", "phone"], "{}", r.stderr);
}
