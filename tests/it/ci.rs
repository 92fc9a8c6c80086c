//! The CI gate of `scan`: inline `qorgau:allow`, `[allow]` (values,
//! fingerprints, test data, paths), `.qorgauignore`, baselines that survive
//! moved lines, `--fail-on` and `--fail-confidence`, SARIF fingerprints —
//! and that no planted value leaks into any of their files or messages.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::write;

/// Valid synthetic IINs (checksums hold; nobody's).
pub const IIN_A: &str = "900101300811";
pub const IIN_B: &str = "850512420060";
pub const PHONE: &str = "+7 701 123 45 67";

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `qorgau ARGS` in `dir`, with `key` as QORGAU_KEY (removed if none).
pub fn qorgau_in(dir: &Path, args: &[&str], key: Option<&str>) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qorgau"));
    cmd.args(args).current_dir(dir).env_remove("QORGAU_KEY");
    if let Some(k) = key {
        cmd.env("QORGAU_KEY", k);
    }
    let out = cmd.output().expect("qorgau runs");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn jsonl(out: &Out) -> Vec<Value> {
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect()
}

fn kinds_at(out: &Out) -> Vec<(String, u64)> {
    jsonl(out)
        .iter()
        .map(|v| {
            (
                v["kind"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// Every planted raw value, in the spellings a leak would take.
pub fn assert_no_value(text: &str, what: &str) {
    for v in [IIN_A, IIN_B, PHONE, "7011234567", "4111111111111111"] {
        assert!(!text.contains(v), "{what} holds a raw value");
    }
}

#[test]
fn inline_marker_exempts_its_line_only_and_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "fixture.py",
        format!("A = \"{IIN_A}\"  # qorgau:allow\nB = \"{IIN_B}\"\n").as_bytes(),
    );
    let out = qorgau_in(dir.path(), &["scan", "-f", "jsonl", "fixture.py"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(kinds_at(&out), vec![("iin".to_string(), 2)]);
    assert!(
        out.stderr.contains("1 findings exempted (inline 1)"),
        "{}",
        out.stderr
    );
    let json = qorgau_in(dir.path(), &["scan", "-f", "json", "fixture.py"], None);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["exempt"]["inline"], 1);
    assert_eq!(doc["summary"]["findings"], 1);
}

#[test]
fn allow_test_data_and_fingerprints_from_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pay.log",
        format!("card 4111 1111 1111 1111\niin {IIN_A}\nphone {PHONE}\n").as_bytes(),
    );
    // Findings carry fingerprints only under a project key.
    let key = "ab".repeat(32);
    let unkeyed = qorgau_in(dir.path(), &["scan", "-f", "jsonl", "pay.log"], None);
    assert!(jsonl(&unkeyed)
        .iter()
        .all(|v| v.get("fingerprint").is_none()));
    let all = qorgau_in(dir.path(), &["scan", "-f", "jsonl", "pay.log"], Some(&key));
    assert_eq!(all.code, 1);
    let found = jsonl(&all);
    assert_eq!(found.len(), 3, "{found:?}");
    // The fingerprint of the IIN, as the output gives it.
    let fp = found
        .iter()
        .find(|v| v["kind"] == "iin")
        .and_then(|v| v["fingerprint"].as_str())
        .unwrap()
        .to_string();
    assert_eq!(fp.len(), 32);
    write(
        dir.path(),
        "policy.toml",
        format!("[allow]\ntest_data = true\nfingerprints = [\"{fp}\"]\n").as_bytes(),
    );
    let out = qorgau_in(
        dir.path(),
        &["scan", "-f", "jsonl", "-p", "policy.toml", "pay.log"],
        Some(&key),
    );
    assert_eq!(kinds_at(&out), vec![("phone".to_string(), 3)]);
    assert!(
        out.stderr
            .contains("2 findings exempted (fingerprints 1, test_data 1)"),
        "{}",
        out.stderr
    );
    // A fingerprint made under another key (or none) is another: the one
    // in the policy no longer matches.
    let keyed = qorgau_in(
        dir.path(),
        &["scan", "-f", "jsonl", "-p", "policy.toml", "pay.log"],
        Some(&"cd".repeat(32)),
    );
    assert_eq!(jsonl(&keyed).len(), 2);
    // A malformed fingerprint is an error naming the line.
    write(
        dir.path(),
        "bad.toml",
        b"[allow]\nfingerprints = [\"xyz\"]\n",
    );
    let bad = qorgau_in(dir.path(), &["scan", "-p", "bad.toml", "pay.log"], None);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("bad.toml:2:"), "{}", bad.stderr);
}

#[test]
fn qorgauignore_and_allow_paths_leave_files_out_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("iin {IIN_A}\n");
    write(dir.path(), "src/app.log", line.as_bytes());
    write(dir.path(), "tests/fixtures/a.log", line.as_bytes());
    write(dir.path(), "docs/x.example", line.as_bytes());
    write(dir.path(), ".qorgauignore", b"# fixtures\nfixtures/\n");
    let out = qorgau_in(dir.path(), &["scan", "-f", "jsonl", "."], None);
    let paths: Vec<String> = jsonl(&out)
        .iter()
        .map(|v| v["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, vec!["./docs/x.example", "./src/app.log"]);
    assert!(out.stderr.contains("1 files ignored"), "{}", out.stderr);
    write(dir.path(), "p.toml", b"[allow]\npaths = [\"*.example\"]\n");
    let out = qorgau_in(
        dir.path(),
        &["scan", "-f", "jsonl", "-p", "p.toml", "."],
        None,
    );
    assert_eq!(jsonl(&out).len(), 1);
    assert!(out.stderr.contains("2 files ignored"), "{}", out.stderr);
    // --no-ignore reads no .qorgauignore; a file named on the command line
    // is ignored too (pre-commit passes staged files by name).
    let all = qorgau_in(
        dir.path(),
        &["scan", "-f", "jsonl", "--no-ignore", "."],
        None,
    );
    assert_eq!(jsonl(&all).len(), 3);
    let named = qorgau_in(dir.path(), &["scan", "tests/fixtures/a.log"], None);
    assert_eq!(named.code, 0, "{}", named.stderr);
}

#[test]
fn a_baseline_survives_moved_lines_and_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.log",
        format!("start\nuser {IIN_A} logged in\ncall {PHONE}\n").as_bytes(),
    );
    let w = qorgau_in(
        dir.path(),
        &["scan", "--write-baseline", "qorgau-baseline.json", "."],
        None,
    );
    assert_eq!(w.code, 0, "{}", w.stderr);
    let text = std::fs::read_to_string(dir.path().join("qorgau-baseline.json")).unwrap();
    assert_no_value(&text, "the baseline");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["fingerprints"]["scheme"], "sha256-salted");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 2);
    assert_eq!(doc["findings"][0]["path"], "app.log");

    // Lines inserted above, the same values moved: nothing new.
    write(
        dir.path(),
        "app.log",
        format!("new header\n\n\nstart\ncall {PHONE}\nuser {IIN_A} logged in\n").as_bytes(),
    );
    let same = qorgau_in(
        dir.path(),
        &["scan", "--baseline", "qorgau-baseline.json", "."],
        None,
    );
    assert_eq!(same.code, 0, "{}{}", same.stdout, same.stderr);
    assert!(same.stdout.is_empty());
    assert!(same.stderr.contains("(baseline 2)"), "{}", same.stderr);

    // A new value is reported, the old ones are not.
    write(
        dir.path(),
        "app.log",
        format!("user {IIN_A}\ncall {PHONE}\nnew {IIN_B}\n").as_bytes(),
    );
    let new = qorgau_in(
        dir.path(),
        &[
            "scan",
            "-f",
            "jsonl",
            "--baseline",
            "qorgau-baseline.json",
            ".",
        ],
        None,
    );
    assert_eq!(new.code, 1);
    assert_eq!(kinds_at(&new), vec![("iin".to_string(), 3)]);

    // A baseline made without a key does not fit a keyed run.
    let keyed = qorgau_in(
        dir.path(),
        &["scan", "--baseline", "qorgau-baseline.json", "."],
        Some(&"ab".repeat(32)),
    );
    assert_eq!(keyed.code, 2);
    assert!(keyed.stderr.contains("without a key"), "{}", keyed.stderr);
    assert!(!keyed.stderr.contains(&"ab".repeat(8)));
}

#[test]
fn fail_on_and_fail_confidence_decide_the_exit_status_not_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.log", format!("call {PHONE}\n").as_bytes());
    let phone_only = |args: &[&str]| {
        let mut all = vec!["scan", "-f", "jsonl"];
        all.extend_from_slice(args);
        all.push("a.log");
        qorgau_in(dir.path(), &all, None)
    };
    let out = phone_only(&["--fail-on", "iin,bin"]);
    assert_eq!(out.code, 0);
    assert_eq!(jsonl(&out).len(), 1, "still reported");
    assert_eq!(phone_only(&["--fail-on", "phone"]).code, 1);
    let conf = jsonl(&phone_only(&[]))[0]["confidence"].as_f64().unwrap();
    assert!(conf < 1.0);
    assert_eq!(phone_only(&["--fail-confidence", "1.0"]).code, 0);
    assert_eq!(phone_only(&["--fail-confidence", "0.5"]).code, 1);
    assert_eq!(phone_only(&["--fail-on", "nope"]).code, 2);
    assert_eq!(phone_only(&["--fail-confidence", "2"]).code, 2);
}

#[test]
fn sarif_has_stable_rules_help_and_partial_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.log",
        format!("iin {IIN_A}\nphone {PHONE}\n").as_bytes(),
    );
    let run = |body: &str| {
        write(dir.path(), "a.log", body.as_bytes());
        let out = qorgau_in(
            dir.path(),
            &["scan", "-f", "sarif", "a.log"],
            Some(&"ab".repeat(32)),
        );
        assert_no_value(&out.stdout, "SARIF");
        serde_json::from_str::<Value>(&out.stdout).unwrap()
    };
    let first = run(&format!("iin {IIN_A}\nphone {PHONE}\n"));
    let moved = run(&format!("\n\nphone {PHONE}\nx iin {IIN_A}\n"));
    let rules = first["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules[0]["id"], "iin");
    assert_eq!(rules[0]["name"], "PersonalDataIin");
    assert!(rules.iter().all(|r| r["help"]["text"].is_string()));
    let fps = |doc: &Value| {
        let mut v: Vec<(String, String)> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let idx = r["ruleIndex"].as_u64().unwrap() as usize;
                assert_eq!(rules[idx]["id"], r["ruleId"]);
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["qorgauValue/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(fps(&first).len(), 2);
    assert_eq!(fps(&first), fps(&moved), "fingerprints survive moved lines");
}

/// Microsoft's SARIF multitool (`npm install @microsoft/sarif-multitool`):
/// `QORGAU_SARIF_MULTITOOL`, else `sarif-multitool` on PATH.
fn sarif_multitool() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("QORGAU_SARIF_MULTITOOL") {
        return Some(p.into());
    }
    Command::new("sarif-multitool")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "sarif-multitool".into())
}

#[test]
fn scan_and_check_sarif_validate_against_the_sarif_2_1_0_schema() {
    let Some(tool) = sarif_multitool() else {
        eprintln!(
            "SKIPPED: no SARIF multitool (npm install @microsoft/sarif-multitool; \
             QORGAU_SARIF_MULTITOOL=PATH)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wh/t.csv",
        format!("id,iin,phone\n1,{IIN_A},{PHONE}\n2,{IIN_B},x\n").as_bytes(),
    );
    write(dir.path(), "wh/a.log", format!("iin {IIN_A}\n").as_bytes());
    let scan = qorgau_in(dir.path(), &["scan", "-f", "sarif", "wh"], None);
    assert_eq!(scan.code, 1);
    write(dir.path(), "scan.sarif", scan.stdout.as_bytes());
    write(dir.path(), "empty.csv", b"a\n1\n");
    let profile = qorgau_in(dir.path(), &["profile", "empty.csv", "-o", "c.toml"], None);
    assert_eq!(profile.code, 0, "{}", profile.stderr);
    let check = qorgau_in(
        dir.path(),
        &[
            "check",
            "--contract",
            "c.toml",
            "-f",
            "sarif",
            "empty.csv",
            "wh",
        ],
        None,
    );
    assert_eq!(check.code, 1);
    write(dir.path(), "check.sarif", check.stdout.as_bytes());
    for file in ["scan.sarif", "check.sarif"] {
        let out = Command::new(&tool)
            .args(["validate", file])
            .current_dir(dir.path())
            .output()
            .expect("the multitool runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        // The multitool exits 0 even on findings: read what it says.
        assert!(out.status.success(), "{file}: {text}");
        assert!(
            !text.contains(": error ") && !text.contains(": warning "),
            "{file}: {text}"
        );
        assert!(text.contains("Analysis completed successfully"), "{text}");
    }
}

#[test]
fn headings_group_findings_per_file_with_a_count_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.log",
        format!("iin {IIN_A}\nphone {PHONE}\niin {IIN_B}\n").as_bytes(),
    );
    write(dir.path(), "b.log", format!("{PHONE}\n").as_bytes());
    let out = qorgau_in(dir.path(), &["scan", "--heading", "a.log", "b.log"], None);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "a.log");
    assert!(lines[1].starts_with("  1:5: iin "), "{}", out.stdout);
    assert_eq!(lines[4], "  3 findings: iin 2, phone 1");
    assert_eq!(lines[6], "b.log");
    assert_eq!(lines[8], "  1 finding: phone 1");
    assert_no_value(&out.stdout, "text output");
    // Piped, without --heading: one grep-style line a finding.
    let plain = qorgau_in(dir.path(), &["scan", "a.log"], None);
    assert!(
        plain.stdout.starts_with("a.log:1:5: iin "),
        "{}",
        plain.stdout
    );
    assert_eq!(plain.stdout.lines().count(), 3);
}
