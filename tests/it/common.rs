//! Running the built binary and making input files, for every test module.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// What a run of `qorgau` gave.
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// Runs `qorgau ARGS` with `stdin` (empty if `None`) and, if given, the
/// `QORGAU_KEY` environment variable (otherwise it is removed).
pub fn run(args: &[&str], stdin: Option<&[u8]>, key: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qorgau"));
    cmd.args(args).env_remove("QORGAU_KEY");
    if let Some(k) = key {
        cmd.env("QORGAU_KEY", k);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qorgau runs");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        // The process may exit before reading (a bad flag): ignore EPIPE.
        let _ = pipe.write_all(input);
    }
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `bytes` to `dir/name` (creating directories) and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// The JSON objects of a `--format jsonl` output.
pub fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
