//! The repository's `.pre-commit-hooks.yaml` with the real `pre-commit`
//! (from PyPI) in a throwaway git repository: a commit holding a planted IIN
//! is refused, a clean one passes. Skipped, with a message, when
//! `pre-commit` is not installed (`.ci/run` installs it; set
//! `QORGAU_PRE_COMMIT` to its path to choose one).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::ci::{assert_no_value, IIN_A};

fn pre_commit() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("QORGAU_PRE_COMMIT") {
        return Some(PathBuf::from(p));
    }
    let ok = Command::new("pre-commit").arg("--version").output();
    ok.ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("pre-commit"))
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=qorgau test",
            "-c",
            "user.email=ci@example.com",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_qorgau())
        .output()
        .expect("git runs");
    out
}

/// PATH with the built `qorgau` first, as the `qorgau-system` hook needs.
fn path_with_qorgau() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_qorgau")).parent().unwrap();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

#[test]
fn pre_commit_refuses_a_commit_with_an_iin_and_passes_a_clean_one() {
    let Some(pc) = pre_commit() else {
        eprintln!("SKIPPED: pre-commit is not installed (pip install pre-commit, or QORGAU_PRE_COMMIT=PATH)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // The hook repository: this repository's hooks file, committed.
    let hooks = tmp.path().join("hooks");
    std::fs::create_dir(&hooks).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(git(&hooks, &["init", "-q"]).status.success());
    assert!(git(&hooks, &["add", "."]).status.success());
    assert!(git(&hooks, &["commit", "-q", "-m", "hooks"])
        .status
        .success());
    let rev = String::from_utf8(git(&hooks, &["rev-parse", "HEAD"]).stdout).unwrap();

    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    assert!(git(&work, &["init", "-q"]).status.success());
    std::fs::write(
        work.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: qorgau-system\n",
            hooks.display(),
            rev.trim()
        ),
    )
    .unwrap();
    let cache = tmp.path().join("cache");
    let install = Command::new(&pc)
        .arg("install")
        .current_dir(&work)
        .env("PRE_COMMIT_HOME", &cache)
        .output()
        .unwrap();
    assert!(install.status.success(), "{install:?}");
    let commit = |name: &str, body: &str| {
        std::fs::write(work.join(name), body).unwrap();
        assert!(git(&work, &["add", "."]).status.success());
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=qorgau test",
                "-c",
                "user.email=ci@example.com",
            ])
            .args(["-c", "commit.gpgsign=false", "commit", "-m", name])
            .current_dir(&work)
            .env("PATH", path_with_qorgau())
            .env("PRE_COMMIT_HOME", &cache)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let (ok, text) = commit("notes.txt", "release notes, nothing personal\n");
    assert!(ok, "a clean commit must pass: {text}");
    let (ok, text) = commit("users.txt", &format!("user iin {IIN_A}\n"));
    assert!(!ok, "a commit with an IIN must be refused: {text}");
    assert!(
        text.contains("users.txt:1:") && text.contains("iin"),
        "{text}"
    );
    assert_no_value(&text, "the hook's output");
    // Nothing was committed: HEAD is still the clean commit.
    let log = String::from_utf8(git(&work, &["log", "--format=%s"]).stdout).unwrap();
    assert_eq!(log.lines().collect::<Vec<_>>(), vec!["notes.txt"]);
}
