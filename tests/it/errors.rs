//! Issue 17, "clear errors and honest exit codes": every error names its
//! path, the manifest counts only inputs that succeeded and lists every
//! failed one under `errors`, a key file others can read is warned about,
//! and the copy of a private input stays private.

use std::os::unix::fs::PermissionsExt;

use crate::common::{run, write};

const IIN_LINE: &[u8] = b"client 900101300811 paid\n";

#[test]
fn an_output_directory_that_is_a_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.txt", IIN_LINE);
    let file = write(dir.path(), "afile", b"");
    let r = run(&["anonymize", &input, "--out", &file], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{file}:")) && r.stderr.contains("exists"),
        "{}",
        r.stderr
    );
    let r = run(
        &["anonymize", &input, "-o", &format!("{file}/x.txt")],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{file}:")), "{}", r.stderr);
}

#[test]
fn a_parquet_file_without_its_leading_magic_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // The footer's magic is there; the head's is not.
    let path = write(
        dir.path(),
        "cut.parquet",
        b"XXXXsome bytes\x08\x00\x00\x00PAR1",
    );
    for cmd in ["scan", "anonymize"] {
        let out = dir.path().join("o.parquet");
        let mut args = vec![cmd, path.as_str()];
        let o = out.to_str().unwrap().to_string();
        if cmd == "anonymize" {
            args.extend(["-o", &o]);
        }
        let r = run(&args, None, None);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(&path) && r.stderr.contains("does not start with the magic PAR1"),
            "{}",
            r.stderr
        );
        assert!(!out.exists());
    }
}

#[test]
fn the_manifest_counts_only_inputs_that_succeeded_and_lists_each_failure() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/good.txt", IIN_LINE);
    // Unterminated quote: the table fails.
    write(d, "in/bad.csv", b"id,iin\n1,\"900101300811\n");
    let out = d.join("out");
    let r = run(
        &[
            "anonymize",
            d.join("in").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("anonymized 1 of 2 inputs"),
        "{}",
        r.stderr
    );
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("qorgau-manifest.json")).unwrap()).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1, "{m}");
    assert!(inputs[0]["path"].as_str().unwrap().ends_with("good.txt"));
    let errors = m["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{m}");
    assert!(errors[0]["path"].as_str().unwrap().ends_with("bad.csv"));
    // The failed table's finding is not counted.
    assert_eq!(m["counts"]["iin"]["generalize"], 1, "{m}");
}

#[test]
fn a_key_file_others_can_read_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let key = write(dir.path(), "k.hex", "ab".repeat(32).as_bytes());
    let policy = write(dir.path(), "p.toml", b"default = \"token\"\n");
    let input = write(dir.path(), "in.txt", IIN_LINE);
    let args = [
        "anonymize",
        &input,
        "-o",
        "-",
        "-q",
        "-p",
        &policy,
        "--key-file",
        &key,
    ];
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = run(&args, None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&key) && r.stderr.contains("readable by others"),
        "{}",
        r.stderr
    );
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = run(&args, None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("readable by others"), "{}", r.stderr);
}

#[test]
fn the_copy_of_a_private_input_is_not_made_readable_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let private = write(d, "in/private.txt", IIN_LINE);
    let shared = write(d, "in/shared.txt", IIN_LINE);
    let group = write(d, "in/group.txt", IIN_LINE);
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&group, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = d.join("out");
    let r = run(
        &[
            "anonymize",
            d.join("in").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mode = |n: &str| std::fs::metadata(out.join(n)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("private.txt"), 0o600);
    assert_eq!(mode("group.txt"), 0o640);
    assert_eq!(mode("shared.txt"), 0o644);
}
