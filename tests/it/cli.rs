//! The built binary on real files: exit codes, JSONL fields and offsets,
//! inputs of every shape, chunk borders, and that no raw value is printed.

use std::io::Write;

use crate::common;

use serde_json::Value;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn qorgau(args: &[&str], stdin: Option<&[u8]>) -> Out {
    let r = common::run(args, stdin, None);
    Out {
        code: r.code,
        stdout: String::from_utf8(r.stdout).unwrap(),
        stderr: r.stderr,
    }
}

fn jsonl(out: &Out) -> Vec<Value> {
    common::jsonl(out.stdout.as_bytes())
}

use common::write;

const IIN: &str = "900101300811";
const PHONE: &str = "+7 (701) 123-45-67";
const EMAIL: &str = "aigerim.nurlanova@mail.kz";

#[test]
fn exit_codes_follow_grep() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.log", b"nothing personal here 12:34:56\n");
    let dirty = write(dir.path(), "dirty.log", format!("iin={IIN}\n").as_bytes());
    assert_eq!(qorgau(&["scan", &clean], None).code, 0);
    assert_eq!(qorgau(&["scan", &dirty], None).code, 1);
    let missing = dir.path().join("missing.log");
    let out = qorgau(&["scan", missing.to_str().unwrap()], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.log"), "{}", out.stderr);
    assert_eq!(
        qorgau(&["scan", "--kinds", "iin,nonsense", &dirty], None).code,
        2
    );
    assert_eq!(qorgau(&["scan", "--no-such-flag", &dirty], None).code, 2);
    // An error on one input wins over findings in another.
    assert_eq!(
        qorgau(&["scan", &dirty, missing.to_str().unwrap()], None).code,
        2
    );
}

#[test]
fn jsonl_fields_and_byte_offsets_are_exact() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("первая строка\nИИН: {IIN}, тел.: {PHONE}\n{{\"email\":\"{EMAIL}\"}}\n");
    let path = write(dir.path(), "a.log", text.as_bytes());
    let out = qorgau(&["scan", "--format", "jsonl", &path], None);
    assert_eq!(out.code, 1);
    let found = jsonl(&out);
    let expect = [
        ("iin", IIN, 2, 6),
        ("phone", PHONE, 2, 26),
        ("email", EMAIL, 3, 11),
    ];
    assert_eq!(found.len(), expect.len(), "{}", out.stdout);
    for (f, (kind, raw, line, column)) in found.iter().zip(expect) {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text.as_bytes()[s..e], raw.as_bytes());
        assert_eq!(f["kind"], kind);
        assert_eq!(f["path"], path.as_str());
        assert_eq!(f["line"], line, "{f}");
        assert_eq!(f["column"], column, "{f}");
        let c = f["confidence"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&c));
        let preview = f["preview"].as_str().unwrap();
        assert!(preview.contains('*') && !preview.contains(raw));
    }
}

#[test]
fn no_format_prints_a_raw_identifier() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{IIN} {PHONE} {EMAIL} 4400430171625475\n");
    let path = write(dir.path(), "a.log", text.as_bytes());
    for format in ["text", "jsonl", "json", "sarif", "summary"] {
        let out = qorgau(&["scan", "-f", format, &path], None);
        assert_eq!(out.code, 1, "{format}");
        for raw in [IIN, PHONE, EMAIL, "4400430171625475", "7011234567"] {
            assert!(!out.stdout.contains(raw), "{format} printed {raw}");
            assert!(!out.stderr.contains(raw), "{format} printed {raw}");
        }
    }
}

#[test]
fn json_sarif_and_summary_are_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.log", format!("{IIN}\n{EMAIL}\n").as_bytes());
    let doc: Value =
        serde_json::from_str(&qorgau(&["scan", "-f", "json", &path], None).stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 2);
    assert_eq!(doc["summary"]["findings"], 2);
    assert_eq!(doc["summary"]["kinds"]["iin"], 1);
    let sarif: Value =
        serde_json::from_str(&qorgau(&["scan", "-f", "sarif", &path], None).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "qorgau");
    assert_eq!(run["results"].as_array().unwrap().len(), 2);
    assert_eq!(run["results"][0]["ruleId"], "iin");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    let summary = qorgau(&["scan", "-f", "summary", &path], None).stdout;
    assert!(
        summary.contains("iin") && summary.contains("2 findings"),
        "{summary}"
    );
    let empty = write(dir.path(), "e.log", b"");
    let doc: Value =
        serde_json::from_str(&qorgau(&["scan", "-f", "json", &empty], None).stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = qorgau(
        &["scan", "-f", "jsonl", "-"],
        Some(format!("x {IIN}\n").as_bytes()),
    );
    assert_eq!(out.code, 1);
    let f = &jsonl(&out)[0];
    assert_eq!(f["path"], "-");
    assert_eq!(f["start"], 2);
}

#[test]
fn directories_are_walked_recursively_and_globs_expand() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/one.log", format!("{IIN}\n").as_bytes());
    write(dir.path(), "a/b/c/two.txt", format!("{EMAIL}\n").as_bytes());
    write(dir.path(), "a/b/three.log", b"clean\n");
    let out = qorgau(&["scan", "-f", "jsonl", dir.path().to_str().unwrap()], None);
    let paths: Vec<String> = jsonl(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("one.log") || paths[1].ends_with("one.log"));
    assert!(paths.iter().any(|p| p.ends_with("two.txt")));
    let glob = format!("{}/a/**/*.log", dir.path().display());
    let out = qorgau(&["scan", "-f", "jsonl", &glob], None);
    let found = jsonl(&out);
    assert_eq!(found.len(), 1, "{}", out.stdout);
    assert!(found[0]["path"].as_str().unwrap().ends_with("one.log"));
    let nothing = format!("{}/*.nomatch", dir.path().display());
    assert_eq!(qorgau(&["scan", &nothing], None).code, 2);
}

#[test]
fn identifiers_on_chunk_borders_are_found_once() {
    // A labelled corpus larger than many chunks, scanned with tiny chunks:
    // the findings must equal the truth, each exactly once.
    let data = qorgau::synth::corpus(7, 300_000, 0.6);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.log", data.text.as_bytes());
    let spans = |chunk: &str| -> Vec<(u64, u64, String)> {
        let out = qorgau(&["scan", "-f", "jsonl", "--chunk-size", chunk, &path], None);
        jsonl(&out)
            .iter()
            .map(|f| {
                (
                    f["start"].as_u64().unwrap(),
                    f["end"].as_u64().unwrap(),
                    f["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let truth: Vec<(u64, u64, String)> = data
        .labels
        .iter()
        .map(|l| (l.start as u64, l.end as u64, l.kind.to_string()))
        .collect();
    let whole = spans("100000000");
    assert_eq!(whole, truth);
    for chunk in ["4096", "777", "100"] {
        assert_eq!(spans(chunk), whole, "chunk size {chunk}");
    }
}

#[test]
fn a_long_line_without_newlines_is_split_safely() {
    // 200 KB on one line; identifiers every ~100 bytes, chunks of 1000.
    let mut line = String::new();
    let mut want = 0;
    while line.len() < 200_000 {
        line.push_str(&format!(
            "\"k\":\"{IIN}\",\"e\":\"{EMAIL}\",\"p\":\"{PHONE}\","
        ));
        want += 3;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one-line.json", line.as_bytes());
    for chunk in ["1000", "4097"] {
        let out = qorgau(&["scan", "-f", "jsonl", "--chunk-size", chunk, &path], None);
        let found = jsonl(&out);
        assert_eq!(found.len(), want, "chunk {chunk}");
        let last = found.last().unwrap();
        assert_eq!(last["line"], 1);
        let (s, e) = (
            last["start"].as_u64().unwrap() as usize,
            last["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&line[s..e], PHONE);
        assert_eq!(last["column"].as_u64().unwrap() as usize, s + 1);
    }
}

#[test]
fn crlf_line_endings_keep_lines_and_spans() {
    let text = format!("a\r\nИИН {IIN}\r\n{EMAIL}\r\n");
    let out = qorgau(&["scan", "-f", "jsonl", "-"], Some(text.as_bytes()));
    let found = jsonl(&out);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["line"], 2);
    assert_eq!(found[0]["column"], 5);
    assert_eq!(found[1]["line"], 3);
    let (s, e) = (
        found[1]["start"].as_u64().unwrap() as usize,
        found[1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], EMAIL);
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut bin = vec![0x7fu8, b'E', b'L', b'F', 0, 0, 1];
    bin.extend_from_slice(IIN.as_bytes());
    let path = write(dir.path(), "prog.bin", &bin);
    // Skipped is not clean (3), unless --skip-binary (0); named either way.
    for (flag, code) in [(None, 3), (Some("--skip-binary"), 0)] {
        let mut args = vec!["scan", path.as_str()];
        args.extend(flag);
        let out = qorgau(&args, None);
        assert_eq!(out.code, code, "{}", out.stderr);
        assert!(
            out.stderr.contains("binary") && out.stderr.contains("prog.bin"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn empty_file_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.log", b"");
    let out = qorgau(&["scan", &path], None);
    assert_eq!(out.code, 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn invalid_utf8_around_an_identifier_keeps_offsets() {
    let mut text = b"\xff\xfe garbage \xc3 ".to_vec();
    let start = text.len();
    text.extend_from_slice(IIN.as_bytes());
    text.extend_from_slice(b"\x80\x81 tail\n\xd0");
    let out = qorgau(&["scan", "-f", "jsonl", "-"], Some(&text));
    let found = jsonl(&out);
    assert_eq!(found.len(), 1, "{}", out.stdout);
    assert_eq!(found[0]["start"], start);
    assert_eq!(found[0]["end"], start + 12);
    // Each invalid byte counts as one character.
    assert_eq!(found[0]["column"], 14);
}

#[test]
fn gzip_and_zstd_inputs_are_read_transparently() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("x {IIN}\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let path = write(dir.path(), "a.log.gz", &gz.finish().unwrap());
    let found = jsonl(&qorgau(&["scan", "-f", "jsonl", &path], None));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["start"], 2);
    let broken = write(dir.path(), "b.log.gz", b"\x1f\x8b\x08\x00garbage");
    let out = qorgau(&["scan", &broken], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("b.log.gz"), "{}", out.stderr);
}

#[test]
fn kinds_and_min_confidence_filter() {
    let text = format!("{IIN} {EMAIL} 127.0.0.1\n");
    let only = jsonl(&qorgau(
        &["scan", "-f", "jsonl", "--kinds", "email", "-"],
        Some(text.as_bytes()),
    ));
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["kind"], "email");
    let low = jsonl(&qorgau(
        &["scan", "-f", "jsonl", "--min-confidence", "0.1", "-"],
        Some(text.as_bytes()),
    ));
    assert!(
        low.iter().any(|f| f["kind"] == "ipv4"),
        "loopback is found at low confidence"
    );
    let default = jsonl(&qorgau(
        &["scan", "-f", "jsonl", "-"],
        Some(text.as_bytes()),
    ));
    assert!(!default.iter().any(|f| f["kind"] == "ipv4"));
}

#[test]
fn threads_give_the_same_result() {
    let data = qorgau::synth::corpus(11, 200_000, 0.5);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.log", data.text.as_bytes());
    let one = qorgau(
        &[
            "scan",
            "-f",
            "jsonl",
            "-j",
            "1",
            "--chunk-size",
            "5000",
            &path,
        ],
        None,
    )
    .stdout;
    let two = qorgau(
        &[
            "scan",
            "-f",
            "jsonl",
            "-j",
            "2",
            "--chunk-size",
            "5000",
            &path,
        ],
        None,
    )
    .stdout;
    assert_eq!(one, two);
    assert_eq!(qorgau(&["scan", "-j", "0", &path], None).code, 2);
}

#[test]
fn every_pattern_example_passes_through_the_engine() {
    let out = qorgau(&["patterns", "check"], None);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("0 failed"));
    let list = qorgau(&["patterns"], None).stdout;
    for kind in [
        "iin", "bin", "phone", "email", "card", "iban", "imei", "meid", "mac", "ipv4", "ipv6",
    ] {
        assert!(list.lines().any(|l| l.starts_with(kind)), "{kind} listed");
    }
}

#[test]
fn extra_keys_extend_the_key_decided_kinds() {
    let text = b"abonent=77123 my_session=abcdef123456 other=abcdef123456\n";
    let plain = jsonl(&qorgau(&["scan", "-f", "jsonl", "-"], Some(text)));
    assert!(plain.is_empty());
    let found = jsonl(&qorgau(
        &[
            "scan",
            "-f",
            "jsonl",
            "--keys",
            "user_id=abonent",
            "--keys",
            "cookie_id=my_session,x",
            "-",
        ],
        Some(text),
    ));
    let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["user_id", "cookie_id"]);
    assert_eq!(qorgau(&["scan", "--keys", "iin=x", "-"], Some(b"")).code, 2);
    assert_eq!(
        qorgau(&["scan", "--keys", "nonsense", "-"], Some(b"")).code,
        2
    );
}
