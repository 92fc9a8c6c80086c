//! `qorgau anonymize` end to end: every operator on every kind, keyed tokens,
//! key handling, atomic outputs, in-place safety, verify, policy errors.

use std::path::Path;

use serde_json::Value;

const KEY: &str = "5f1d8e0c2b7a4f3e9d6c1b0a8f7e6d5c4b3a29180f7e6d5c4b3a291807f6e5d4";

use crate::common::{self, write, Run as Out};

fn run(args: &[&str], env_key: Option<&str>, stdin: Option<&[u8]>) -> Out {
    common::run(args, stdin, env_key)
}

/// One value of every detected kind, each on its own line with context.
const VALUES: &[(&str, &str)] = &[
    ("iin", "900101300811"),
    ("bin", "040740040155"),
    ("phone", "+7 (701) 123-45-67"),
    ("email", "aigerim.nurlanova@mail.kz"),
    ("card", "4400 4301 7162 5475"),
    ("iban", "KZ86125KZT5004100100"),
    ("imei", "352099001761481"),
    ("meid", "A10000009296F2"),
    ("mac", "3c:22:fb:1a:9e:07"),
    ("ipv4", "95.56.12.3"),
    ("ipv6", "2001:db8:85a3::8a2e:370:7334"),
];

fn every_kind() -> String {
    VALUES
        .iter()
        .map(|(k, v)| format!("{k}: {v} ;\n"))
        .collect()
}

fn anonymize_with(policy: &str, text: &str) -> (Out, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.log", text.as_bytes());
    let pol = write(dir.path(), "policy.toml", policy.as_bytes());
    let out_dir = dir.path().join("out");
    let out = run(
        &[
            "anonymize",
            &input,
            "--out",
            out_dir.to_str().unwrap(),
            "--policy",
            &pol,
            "-q",
        ],
        Some(KEY),
        None,
    );
    let result = std::fs::read_to_string(out_dir.join("in.log")).unwrap_or_default();
    (out, result)
}

/// The lines of the output, keyed by kind.
fn lines(output: &str) -> Vec<(String, String)> {
    output
        .lines()
        .map(|l| {
            let (k, v) = l.split_once(": ").unwrap();
            (k.to_string(), v.trim_end_matches(" ;").to_string())
        })
        .collect()
}

#[test]
fn tag_redact_and_keep_on_every_kind() {
    let (out, text) = anonymize_with("default = \"tag\"", &every_kind());
    assert_eq!(out.code, 0, "{}", out.stderr);
    for ((kind, got), (k, raw)) in lines(&text).iter().zip(VALUES) {
        assert_eq!(kind, k);
        assert_eq!(got, &format!("<{}>", k.to_uppercase()), "{raw}");
    }
    let (_, text) = anonymize_with(
        "default = { op = \"redact\", replacement = \"[x]\" }",
        &every_kind(),
    );
    assert!(lines(&text).iter().all(|(_, v)| v == "[x]"), "{text}");
    let (_, text) = anonymize_with("default = \"keep\"", &every_kind());
    assert_eq!(text, every_kind());
}

#[test]
fn mask_keeps_shape_on_every_kind() {
    let (out, text) = anonymize_with("default = \"mask\"", &every_kind());
    assert_eq!(out.code, 0, "{}", out.stderr);
    for ((_, got), (k, raw)) in lines(&text).iter().zip(VALUES) {
        assert_eq!(got.chars().count(), raw.chars().count(), "{k}: {got}");
        assert!(got.contains('*') && got != raw, "{k}: {got}");
        for (a, b) in got.chars().zip(raw.chars()) {
            assert!(a == b || a == '*', "{k}: separators kept: {got} vs {raw}");
        }
    }
    let l = lines(&text);
    assert_eq!(l[2].1, "+7 (701) ***-**-67");
    assert_eq!(l[4].1, "4400 43** **** 5475");
}

#[test]
fn generalize_keeps_only_statistics() {
    let (out, text) = anonymize_with("default = \"generalize\"", &every_kind());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: Vec<String> = lines(&text).into_iter().map(|(_, v)| v).collect();
    let want = [
        "1990/M",
        "2004/legal entity",
        "Kcell",
        "mail.kz",
        "440043",
        "KZ bank 125",
        "TAC 35209900",
        "A1000000",
        "3c:22:fb",
        "95.56.12.0/24",
        "2001:db8:85a3::/48",
    ];
    assert_eq!(got, want);
    let (_, text) = anonymize_with(
        "[kinds]\niin = { op = \"generalize\", to = \"age_band\", band = 10, as_of = 2025 }",
        "ИИН 900101300811\n",
    );
    assert_eq!(text, "ИИН 30-39\n");
}

#[test]
fn tokens_are_keyed_consistent_and_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.log",
        b"tel +7 701 123 45 67 and 87011234567\n",
    );
    let b = write(
        dir.path(),
        "b/b.log",
        b"msisdn=%2B77011234567 email=Ivan@Mail.kz\n",
    );
    let c = write(dir.path(), "c.log", b"email ivan@mail.kz\n");
    let pol = write(dir.path(), "p.toml", b"default = \"token\"\n");
    let out1 = dir.path().join("o1");
    let out2 = dir.path().join("o2");
    for out in [&out1, &out2] {
        let r = run(
            &[
                "anonymize",
                &a,
                &b,
                &c,
                "--out",
                out.to_str().unwrap(),
                "-p",
                &pol,
            ],
            Some(KEY),
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    // Absolute file arguments keep their file name under --out.
    let a1 = read(&out1.join("a.log"));
    let tokens: Vec<&str> = a1
        .split_whitespace()
        .filter(|w| w.starts_with("PHONE_"))
        .collect();
    assert_eq!(tokens.len(), 2, "{a1}");
    assert_eq!(tokens[0], tokens[1], "two spellings, one token");
    assert_eq!(tokens[0].len(), "PHONE_".len() + 10);
    let b1 = read(&out1.join("b.log"));
    assert!(b1.contains(tokens[0]), "URL-encoded spelling too: {b1}");
    let c1 = read(&out1.join("c.log"));
    let email_token = c1.trim().strip_prefix("email ").unwrap();
    assert!(b1.contains(email_token), "e-mail case folded: {b1} {c1}");
    // Same key, second run: identical bytes.
    assert_eq!(a1, read(&out2.join("a.log")));
    // Another key: other tokens.
    let other = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    let o3 = dir.path().join("o3");
    let r = run(
        &["anonymize", &a, "--out", o3.to_str().unwrap(), "-p", &pol],
        Some(other),
        None,
    );
    assert_eq!(r.code, 0);
    assert!(!read(&o3.join("a.log")).contains(tokens[0]));
}

#[test]
fn surrogates_are_valid_and_keep_the_format() {
    let (out, text) = anonymize_with("default = \"surrogate\"", &every_kind());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.log", text.as_bytes());
    let scan = run(&["scan", "-f", "jsonl", &path], None, None);
    let found: Vec<Value> = String::from_utf8(scan.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for ((kind, got), (_, raw)) in lines(&text).iter().zip(VALUES) {
        assert_ne!(got, raw, "{kind} changed");
        assert!(
            found.iter().any(|f| f["kind"] == kind.as_str()),
            "the {kind} surrogate {got} is itself a valid {kind}"
        );
    }
    let l = lines(&text);
    assert!(
        l[0].1.starts_with("90") && &l[0].1[6..7] == "3",
        "IIN keeps birth year and sex: {}",
        l[0].1
    );
    assert!(
        l[2].1.starts_with("+7 (701) "),
        "phone keeps its operator: {}",
        l[2].1
    );
    assert!(
        l[4].1.starts_with("4400 43"),
        "card keeps its issuer: {}",
        l[4].1
    );
    // Deterministic under the key.
    let (_, again) = anonymize_with("default = \"surrogate\"", &every_kind());
    assert_eq!(text, again);
}

#[test]
fn key_errors_say_how_and_never_show_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.log", "ИИН 900101300811\n".as_bytes());
    let pol = write(dir.path(), "p.toml", b"default = \"token\"\n");
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let missing = run(&["anonymize", &input, "--out", o, "-p", &pol], None, None);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("--key-file") && missing.stderr.contains("QORGAU_KEY"),
        "{}",
        missing.stderr
    );
    let short = run(
        &["anonymize", &input, "--out", o, "-p", &pol],
        Some("00112233445566778899"),
        None,
    );
    assert_eq!(short.code, 2);
    assert!(short.stderr.contains("at least 32"), "{}", short.stderr);
    assert!(!short.stderr.contains("00112233445566778899"));
    let bad = run(
        &["anonymize", &input, "--out", o, "-p", &pol],
        Some("this is not hex nor base64 !!"),
        None,
    );
    assert_eq!(bad.code, 2);
    assert!(!bad.stderr.contains("this is not hex"), "{}", bad.stderr);
    let key_file = write(dir.path(), "k.key", format!("{KEY}\n").as_bytes());
    let ok = run(
        &[
            "anonymize",
            &input,
            "--out",
            o,
            "-p",
            &pol,
            "--key-file",
            &key_file,
        ],
        None,
        None,
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let written = std::fs::read_to_string(out.join("in.log")).unwrap();
    assert!(
        written.contains("IIN_") && !written.contains("900101"),
        "{written}"
    );
    // The key appears in no output, manifest or message.
    let mut all = ok.stderr.into_bytes();
    for entry in walk(&out) {
        all.extend(std::fs::read(entry).unwrap());
    }
    let haystack = String::from_utf8_lossy(&all);
    assert!(!haystack.contains(KEY) && !haystack.contains(&KEY[..16]));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("qorgau-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["key_id"].as_str().unwrap().len(), 16);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

#[test]
fn a_failing_input_leaves_no_partial_output() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.log", "ИИН 900101300811\n".as_bytes());
    // A gzip stream cut in the middle: the first chunks decode, then the
    // decoder fails.
    let text = qorgau::synth::corpus(3, 400_000, 0.5).text;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    let full = gz.finish().unwrap();
    let broken = write(dir.path(), "broken.log.gz", &full[..full.len() / 2]);
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &good,
            &broken,
            "--out",
            out.to_str().unwrap(),
            "--chunk-size",
            "20000",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("broken.log.gz"), "{}", r.stderr);
    assert!(out.join("good.log").exists(), "the other input still runs");
    let names: Vec<String> = walk(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("broken") || n.ends_with(".tmp")),
        "{names:?}"
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("qorgau-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["errors"][0]["path"].as_str().unwrap(), broken);
}

#[test]
fn inputs_are_replaced_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.log", "ИИН 900101300811\n".as_bytes());
    let same_dir = run(
        &["anonymize", &input, "--out", dir.path().to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(same_dir.code, 2);
    assert!(
        same_dir.stderr.contains("--in-place"),
        "{}",
        same_dir.stderr
    );
    let same_file = run(&["anonymize", &input, "-o", &input], None, None);
    assert_eq!(same_file.code, 2);
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "ИИН 900101300811\n"
    );
    let no_target = run(&["anonymize", &input], None, None);
    assert_eq!(no_target.code, 2);
    let in_place = run(&["anonymize", &input, "--in-place"], None, None);
    assert_eq!(in_place.code, 0, "{}", in_place.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "ИИН 1990/M\n");
}

#[test]
fn stdin_to_stdout_and_gzip_stays_gzip() {
    let r = run(
        &["anonymize", "-", "-o", "-", "-q"],
        None,
        Some(b"card 4400430171625475, tel 87011234567\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "card <CARD>, tel <PHONE>\n"
    );
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"x 900101300811\n").unwrap();
    let input = write(dir.path(), "a.log.gz", &gz.finish().unwrap());
    let out = dir.path().join("out");
    assert_eq!(
        run(
            &["anonymize", &input, "--out", out.to_str().unwrap()],
            None,
            None
        )
        .code,
        0
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(out.join("a.log.gz")).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "x 1990/M\n");
}

#[test]
fn only_the_spans_change_and_a_rescan_is_clean() {
    let data = qorgau::synth::corpus(5, 600_000, 0.6);
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "c.log", data.text.as_bytes());
    let pol = write(
        dir.path(),
        "p.toml",
        b"default = \"token\"\n[kinds]\nphone = \"mask\"\ncard = \"tag\"\nbin = \"surrogate\"\n",
    );
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &input,
            "--out",
            out.to_str().unwrap(),
            "-p",
            &pol,
            "--verify",
            "--chunk-size",
            "7000",
        ],
        Some(KEY),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let output = std::fs::read_to_string(out.join("c.log")).unwrap();
    assert_eq!(output.lines().count(), data.text.lines().count());
    // Walk the input's non-identifier segments through the output in order:
    // each must appear unchanged, and no replacement holds the raw value.
    let (input, output) = (data.text.as_bytes(), output.as_bytes());
    let find =
        |hay: &[u8], needle: &[u8]| hay.windows(needle.len().max(1)).position(|w| w == needle);
    let mut at = 0;
    let mut prev = 0;
    for (n, label) in data.labels.iter().enumerate() {
        let literal = &input[prev..label.start];
        assert_eq!(
            &output[at..at + literal.len()],
            literal,
            "bytes outside spans are unchanged"
        );
        at += literal.len();
        let next = data.labels.get(n + 1).map_or(input.len(), |l| l.start);
        let following = &input[label.end..next.min(label.end + 8)];
        let replaced = if following.is_empty() {
            output.len() - at
        } else {
            find(&output[at..], following).unwrap()
        };
        assert!(find(&output[at..at + replaced], &input[label.start..label.end]).is_none());
        at += replaced;
        prev = label.end;
    }
    assert_eq!(&output[at..], &input[prev..]);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("qorgau-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["verify"]["passed"], true);
    assert!(manifest["counts"]["phone"]["mask"].as_u64().unwrap() > 100);
}

#[test]
fn verify_fails_when_identifiers_remain() {
    let dir = tempfile::tempdir().unwrap();
    // A policy that only touches findings of confidence 0.99 or more leaves
    // this IIN (0.85) as it is; the re-scan, as sensitive as `scan`, finds it.
    let input = write(dir.path(), "in.log", b"id 900101300811\n");
    let pol = write(dir.path(), "p.toml", b"min_confidence = 0.99\n");
    let out = dir.path().join("out");
    let r = run(
        &[
            "anonymize",
            &input,
            "--out",
            out.to_str().unwrap(),
            "-p",
            &pol,
            "--verify",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("verify FAILED") && r.stderr.contains("iin"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("900101300811"));
}

#[test]
fn policy_errors_name_file_and_line_and_policy_commands_work() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.log", b"x\n");
    let pol = write(
        dir.path(),
        "bad.toml",
        b"default = \"tag\"\n\n[kinds]\nphone = \"maks\"\n",
    );
    let r = run(
        &[
            "anonymize",
            &input,
            "--out",
            dir.path().join("o").to_str().unwrap(),
            "-p",
            &pol,
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.toml:4:") && r.stderr.contains("maks"),
        "{}",
        r.stderr
    );
    let show = run(&["policy", "show"], None, None);
    let shown = String::from_utf8(show.stdout).unwrap();
    assert!(
        shown.contains("iin = \"generalize\"") && shown.contains("phone = { op = \"tag\""),
        "{shown}"
    );
    let starter = dir.path().join("q.toml");
    assert_eq!(
        run(&["policy", "init", starter.to_str().unwrap()], None, None).code,
        0
    );
    assert_eq!(
        run(&["policy", "init", starter.to_str().unwrap()], None, None).code,
        2,
        "no overwrite"
    );
    let show = run(
        &["policy", "show", "--policy", starter.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(show.code, 0);
    assert!(String::from_utf8(show.stdout)
        .unwrap()
        .contains("phone = { op = \"token\""));
}

#[test]
fn online_identifiers_keep_log_structure_and_stay_joinable() {
    let mut text = qorgau::synth::access::log(31, 60_000).text;
    // The same visitor twice: one token for both lines.
    text.push_str("GET /a?x=1 HTTP/1.1 \"_ga=GA1.2.1111111111.1700000000; lang=ru\"\n");
    text.push_str("GET /b?x=2 HTTP/1.1 \"_ga=GA1.2.1111111111.1700000000; lang=kk\"\n");
    for policy in ["default = \"tag\"\n", "default = \"token\"\n"] {
        let (out, result) = anonymize_with(policy, &text);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(result.lines().count(), text.lines().count());
        for (before, after) in text.lines().zip(result.lines()) {
            if before.starts_with('{') {
                let a: Value =
                    serde_json::from_str(after).unwrap_or_else(|e| panic!("{e}: {after}"));
                let b: Value = serde_json::from_str(before).unwrap();
                let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
                assert_eq!(keys(&a), keys(&b), "JSON keys stay");
            }
            if let Some(q) = before
                .split_once('?')
                .map(|(_, q)| q.split(' ').next().unwrap())
            {
                let aq = after.split_once('?').unwrap().1.split(' ').next().unwrap();
                let names = |q: &str| {
                    q.split('&')
                        .map(|p| p.split('=').next().unwrap().to_string())
                        .collect::<Vec<_>>()
                };
                assert_eq!(names(aq), names(q), "query parameter names stay: {after}");
            }
            for cookie in ["_ga=", "_ym_uid=", "PHPSESSID="] {
                assert_eq!(
                    before.contains(cookie),
                    after.contains(cookie),
                    "cookie names stay"
                );
            }
        }
        let tail: Vec<&str> = result.lines().rev().take(2).collect();
        let value = |l: &str| {
            l.split("_ga=")
                .nth(1)
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            value(tail[0]),
            value(tail[1]),
            "one visitor, one replacement"
        );
        assert!(!result.contains("GA1.2.1111111111"));
    }
}

#[test]
fn zstd_inputs_are_read_and_written_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "ИИН 900101300811\n";
    let packed = ruzstd::encoding::compress_to_vec(
        text.as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    let input = write(dir.path(), "a.log.zst", &packed);
    let scan = run(&["scan", "-f", "jsonl", &input], None, None);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    let out = dir.path().join("out");
    let r = run(
        &["anonymize", &input, "--out", out.to_str().unwrap(), "-q"],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("a.log")).unwrap(),
        "ИИН 1990/M\n"
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("qorgau-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["outputs"][0]["note"], "written decompressed");
}

#[test]
fn a_long_line_split_across_chunks_anonymizes_the_same() {
    let mut line = String::new();
    while line.len() < 150_000 {
        line.push_str(
            "{\"iin\":\"900101300811\",\"tel\":\"+7 701 123 45 67\",\"email\":\"a.b@mail.kz\"},",
        );
    }
    line.push('\n');
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "one-line.json", line.as_bytes());
    let whole = run(&["anonymize", &input, "-o", "-", "-q"], None, None);
    assert_eq!(whole.code, 0);
    for chunk in ["700", "1000", "4099"] {
        let split = run(
            &["anonymize", &input, "-o", "-", "-q", "--chunk-size", chunk],
            None,
            None,
        );
        assert_eq!(split.code, 0, "{}", split.stderr);
        assert!(
            split.stdout == whole.stdout,
            "chunk size {chunk} changes the output"
        );
    }
    let text = String::from_utf8(whole.stdout).unwrap();
    assert!(
        !text.contains("900101300811")
            && !text.contains("701 123")
            && !text.contains("a.b@mail.kz")
    );
    assert_eq!(
        text.matches("1990/M").count(),
        line.matches("900101300811").count()
    );
}

#[test]
fn binary_data_after_text_is_noted_by_scan_and_refused_by_anonymize() {
    let mut bytes = "ИИН 900101300811\n".repeat(1000).into_bytes();
    bytes.extend_from_slice(b"\x00\x01\x02 900101300811\n");
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "mixed.log", &bytes);
    let scan = run(&["scan", "-f", "summary", &input], None, None);
    assert_eq!(
        scan.code, 1,
        "findings before the binary part: {}",
        scan.stderr
    );
    assert!(
        scan.stderr.contains("binary data from byte"),
        "{}",
        scan.stderr
    );
    let out = dir.path().join("o.log");
    let r = run(
        &["anonymize", &input, "-o", out.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(r.code, 2);
    assert!(!out.exists(), "no partial output");
    assert!(!r.stderr.contains("900101300811"));
}

#[test]
fn anonymized_online_identifiers_verify_clean() {
    // Regression: `"device_id":"<DEVICE_ID>"` and `user_id=USER_ID_…` were
    // found again under their keys, so --verify failed on qorgau's own output.
    let text = qorgau::synth::access::log(33, 30_000).text;
    for policy in [
        "default = \"tag\"\n",
        "default = \"token\"\n",
        "default = \"mask\"\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = write(dir.path(), "access.log", text.as_bytes());
        let pol = write(dir.path(), "p.toml", policy.as_bytes());
        let out = dir.path().join("out");
        let r = run(
            &[
                "anonymize",
                &input,
                "--out",
                out.to_str().unwrap(),
                "-p",
                &pol,
                "--verify",
                "-q",
            ],
            Some(KEY),
            None,
        );
        assert_eq!(r.code, 0, "{policy}: {}", r.stderr);
    }
}

#[test]
fn initials_take_the_token_of_the_full_name_seen_in_the_same_file() {
    let text = "Истец Нурланов Ерлан Болатович обратился в суд.\n\
                Суд отказал Нурланову Е.Б. в иске.\n\
                Ответчик Жумабаева Г.К. не явилась.\n\
                Нурланов Е.К. — другой человек.\n";
    let (out, result) = anonymize_with("[kinds]\nperson = \"token\"\n", text);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tokens: Vec<&str> = result
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("PERSON_"))
        .collect();
    assert_eq!(tokens.len(), 4, "{result}");
    assert_eq!(tokens[0], tokens[1], "{result}");
    // No full form for her; a different patronymic initial is someone else.
    assert_ne!(tokens[2], tokens[0]);
    assert_ne!(tokens[3], tokens[0]);
}

#[test]
fn a_name_alone_takes_the_token_of_its_full_form_in_the_same_file() {
    let text = "Истец Нурланов Ерлан Болатович обратился в суд.\n\
                Суд разъяснил Ерлану право обжалования.\n\
                Позже Ахметова подала жалобу.\n";
    let (out, result) = anonymize_with("[kinds]\nperson = \"token\"\n", text);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tokens: Vec<&str> = result
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("PERSON_"))
        .collect();
    assert_eq!(tokens.len(), 3, "{result}");
    // «Ерлану» is the Ерлан of the full name; Ахметова has no full form.
    assert_eq!(tokens[0], tokens[1], "{result}");
    assert_ne!(tokens[2], tokens[0], "{result}");
}

#[test]
fn shards_together_write_what_one_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    for i in 1..=5 {
        let text = every_kind().repeat(i * 3);
        write(&input, &format!("f{i}.log"), text.as_bytes());
    }
    write(
        &input.join("sub"),
        "t.csv",
        b"iin,phone\n900101300811,+77011234567\n",
    );
    let input = input.to_str().unwrap();
    let single = dir.path().join("single");
    let out = run(
        &["anonymize", input, "--out", single.to_str().unwrap(), "-q"],
        None,
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sharded = dir.path().join("sharded");
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out = run(
            &[
                "anonymize",
                input,
                "--out",
                sharded.to_str().unwrap(),
                "--shard",
                &shard,
                "-q",
            ],
            None,
            None,
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(sharded
            .join(format!("qorgau-manifest.shard-{k}-of-3.json"))
            .exists());
    }
    let files = |root: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| {
                !e.file_name()
                    .to_string_lossy()
                    .starts_with("qorgau-manifest")
            })
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&single).len(), 6);
    assert_eq!(files(&single), files(&sharded));
    // A shard past the inputs has nothing to do; stdin cannot be sharded.
    let out = run(
        &[
            "anonymize",
            input,
            "--out",
            "unused",
            "--shard",
            "9/9",
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(
        &["anonymize", "-", "-o", "-", "--shard", "1/2"],
        None,
        Some(b"x"),
    );
    assert_eq!(out.code, 2);
}
