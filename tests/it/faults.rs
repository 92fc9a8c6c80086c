//! Issue 17, "nothing lost, nothing leaked, nothing overwritten": each test
//! pins one way a run could lose data, leak it, or overwrite what it must
//! not, and what qorgau does instead.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{run, write, Run};

/// Runs `qorgau ARGS` in `dir` with no stdin.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(args)
        .current_dir(dir)
        .env_remove("QORGAU_KEY")
        .stdin(Stdio::null())
        .output()
        .expect("qorgau runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

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

/// A UTF-8 export of about 300 KiB whose first 256 KiB are ASCII but for
/// `stray` bytes of Latin-1 `é`, then Cyrillic names in UTF-8.
fn ascii_head_then_cyrillic(stray: usize) -> (Vec<u8>, Vec<usize>) {
    let mut csv = b"id,fio,email,note\n".to_vec();
    let mut at = Vec::new();
    let mut i = 0;
    while csv.len() < 300 << 10 {
        let note: &[u8] = if at.len() < stray && i % (6000 / stray.max(1)) == 7 {
            at.push(csv.len() + format!("{i},Ivanov Ivan,user{i}@example.com,caf").len());
            b"caf\xE9"
        } else {
            b"ok"
        };
        csv.extend_from_slice(format!("{i},Ivanov Ivan,user{i}@example.com,").as_bytes());
        csv.extend_from_slice(note);
        csv.push(b'\n');
        i += 1;
    }
    for j in 0..50 {
        csv.extend_from_slice(format!("{j},Айгерим Сапарова,a{j}@example.com,ok\n").as_bytes());
    }
    (csv, at)
}

#[test]
fn three_stray_bytes_in_an_ascii_head_do_not_make_a_utf8_table_legacy() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, at) = ascii_head_then_cyrillic(3);
    assert!(at.len() == 3 && at[2] < 256 << 10);
    let input = write(dir.path(), "export.csv", &csv);
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
    // It was read as windows-1252, the names passed unseen, --verify passed.
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&input)
            && r.stderr.contains(&format!("byte {}", at[0]))
            && r.stderr.contains("3 in the first 256 KiB")
            && r.stderr.contains("--encoding"),
        "{}",
        r.stderr
    );
    assert!(!out.join("export.csv").exists());
    let r = run(&["scan", &input], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nothing was guessed"), "{}", r.stderr);
    assert!(!r.stderr.contains("Ivanov"), "{}", r.stderr);
}

#[test]
fn a_legacy_guess_is_refused_where_the_table_turns_out_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // Hundreds of stray bytes: the head is taken for windows-1252, and the
    // UTF-8 after it would be misread.
    let (csv, _) = ascii_head_then_cyrillic(600);
    let utf8_at = csv.windows(2).position(|w| w == [0xD0, 0x90]).unwrap();
    let input = write(dir.path(), "export.csv", &csv);
    let out = dir.path().join("out");
    for chunk in ["4194304", "65536"] {
        let r = run(
            &[
                "anonymize",
                &input,
                "--out",
                out.to_str().unwrap(),
                "--verify",
                "--chunk-size",
                chunk,
            ],
            None,
            None,
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(&input)
                && r.stderr.contains(&format!("valid UTF-8 at byte {utf8_at}"))
                && r.stderr.contains("read as windows-1252 (detected)")
                && r.stderr.contains("--encoding"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("Айгерим"), "{}", r.stderr);
        assert!(!out.join("export.csv").exists(), "chunk size {chunk}");
    }
    let r = run(&["scan", &input], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
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

const IIN_LINE: &[u8] = b"client 900101300811 paid\n";

#[test]
fn two_inputs_with_one_output_path_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "x/a.txt", IIN_LINE);
    write(d, "y/a.txt", IIN_LINE);
    let r = run_in(d, &["anonymize", "x", "y", "--out", "od"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("x/a.txt")
            && r.stderr.contains("y/a.txt")
            && r.stderr.contains("od/a.txt")
            && r.stderr.contains("nothing was written"),
        "{}",
        r.stderr
    );
    assert!(!d.join("od").exists());
    // `a.txt` beside `a.txt.zst` (written decompressed as `a.txt`).
    let packed =
        ruzstd::encoding::compress_to_vec(IIN_LINE, ruzstd::encoding::CompressionLevel::Fastest);
    write(d, "z/a.txt", IIN_LINE);
    write(d, "z/a.txt.zst", &packed);
    let r = run_in(d, &["anonymize", "z", "--out", "oz"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("z/a.txt.zst"), "{}", r.stderr);
    assert!(!d.join("oz").exists());
}

#[test]
fn no_output_or_manifest_lands_on_an_input_without_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "x.txt", IIN_LINE);
    write(d, "sub/x.txt", IIN_LINE);
    write(d, "keep.txt", IIN_LINE);
    let r = run_in(d, &["anonymize", "sub", ".", "--out", "."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is the input"), "{}", r.stderr);
    assert_eq!(std::fs::read(d.join("x.txt")).unwrap(), IIN_LINE);
    assert_eq!(tree(d), ["keep.txt", "sub/x.txt", "x.txt"]);
    // --manifest naming an input.
    let r = run_in(
        d,
        &[
            "anonymize",
            "sub",
            "keep.txt",
            "--out",
            "o",
            "--manifest",
            "./keep.txt",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the manifest ./keep.txt is the input keep.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(d.join("keep.txt")).unwrap(), IIN_LINE);
    assert!(!d.join("o").exists());
    // Also when the input is only walked to, and for --in-place.
    let r = run_in(
        d,
        &["anonymize", ".", "--in-place", "--manifest", "sub/x.txt"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read(d.join("x.txt")).unwrap(), IIN_LINE);
}

#[test]
fn a_second_run_does_not_walk_into_its_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", IIN_LINE);
    for _ in 0..2 {
        let r = run_in(d, &["anonymize", ".", "--out", "clean", "-q"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(
        tree(d),
        ["a.txt", "clean/a.txt", "clean/qorgau-manifest.json"]
    );
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("clean/qorgau-manifest.json")).unwrap())
            .unwrap();
    assert_eq!(m["inputs"].as_array().unwrap().len(), 1, "{m}");
}

#[test]
fn a_pipe_path_keeps_its_first_bytes() {
    // `/dev/stdin` on a pipe is what `<(…)` gives: a path that cannot be
    // opened twice without losing what the first open read.
    let r = run(
        &["anonymize", "/dev/stdin", "-o", "-", "-q"],
        Some(IIN_LINE),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(String::from_utf8_lossy(&r.stdout), "client 1990/M paid\n");
}

#[cfg(unix)]
#[test]
fn a_named_fifo_is_opened_once_and_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, IIN_LINE))
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(["anonymize", fifo.to_str().unwrap(), "-o", "-", "-q"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            // Unblock the writer, if it still waits for a reader.
            let _ = std::fs::File::open(&fifo);
            panic!("qorgau hangs on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "client 1990/M paid\n");
}

#[test]
fn parquet_on_stdin_is_told_by_its_magic() {
    let parquet = std::fs::read("samples/research_extract.parquet").unwrap();
    let r = run(&["scan", "-", "-f", "summary"], Some(&parquet), None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = run(&["anonymize", "-", "-o", "-", "-q"], Some(&parquet), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(b"PAR1") && r.stdout.ends_with(b"PAR1"));
}

#[test]
fn in_place_refuses_zstd_rather_than_write_plain_text_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let packed =
        ruzstd::encoding::compress_to_vec(IIN_LINE, ruzstd::encoding::CompressionLevel::Fastest);
    let input = write(dir.path(), "a.log.zst", &packed);
    let r = run(&["anonymize", &input, "--in-place"], None, None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&input) && r.stderr.contains("--out"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&input).unwrap(), packed);
}

#[test]
fn stdout_output_failing_midway_says_what_was_written() {
    let mut text = IIN_LINE.repeat(1000);
    text.extend_from_slice(b"\0binary tail\n");
    let r = run(
        &["anonymize", "-", "-o", "-", "--chunk-size", "4096", "-q"],
        Some(&text),
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stdout.is_empty());
    assert!(
        r.stderr.contains(&format!("the {} bytes", r.stdout.len()))
            && r.stderr.contains("standard output")
            && !r.stderr.contains("no output written"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_consumer_that_stops_reading_is_an_error_for_anonymize() {
    use std::io::{Read, Write};
    let text = IIN_LINE.repeat(400_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(["anonymize", "-", "-o", "-", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&text);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken pipe"));
}

#[cfg(unix)]
#[test]
fn in_place_on_a_symlink_rewrites_its_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let target = write(d, "real/a.txt", IIN_LINE);
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real/a.txt", d.join("link.txt")).unwrap();
    std::fs::hard_link(&target, d.join("other.txt")).unwrap();
    let r = run_in(d, &["anonymize", "link.txt", "--in-place", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = std::fs::symlink_metadata(d.join("link.txt")).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"client 1990/M paid\n");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    // The other hard link keeps the raw content, and the run says so.
    assert_eq!(std::fs::read(d.join("other.txt")).unwrap(), IIN_LINE);
    assert!(
        r.stderr.contains("1 other hard link(s)") && r.stderr.contains("a.txt"),
        "{}",
        r.stderr
    );
}

/// The `.qorgau-*` files in `dir`.
#[cfg(unix)]
fn temps_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".qorgau-"))
        .collect()
}

/// Starts `qorgau ARGS` with `TMPDIR=tmp`, feeds it `head` on standard
/// input and keeps the pipe open; once a `.qorgau-<pid>-` file shows in
/// `watch`, sends SIGTERM and returns the exit code.
#[cfg(unix)]
fn terminate_midway(args: &[&str], tmp: &Path, head: &[u8], watch: &Path) -> Option<i32> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(args)
        .env("TMPDIR", tmp)
        .env_remove("QORGAU_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(head).unwrap();
    stdin.flush().unwrap();
    let own = format!(".qorgau-{}-", child.id());
    let started = std::time::Instant::now();
    while !temps_in(watch).iter().any(|n| n.starts_with(&own)) {
        if started.elapsed() > std::time::Duration::from_secs(30)
            || child.try_wait().unwrap().is_some()
        {
            let _ = child.kill();
            panic!("no temporary file showed in {}", watch.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    drop(stdin);
    status.code()
}

#[cfg(unix)]
#[test]
fn sigterm_removes_temporary_outputs_and_the_parquet_spool() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tmp = d.join("tmp");
    let out = d.join("out");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    // A leftover of a process that no longer exists (beyond any pid_max).
    write(&out, ".qorgau-4294967-aBc123.tmp", b"raw");
    // Standard input to `-o FILE`: the output is being written beside
    // FILE while the input still streams.
    let code = terminate_midway(
        &[
            "anonymize",
            "-",
            "-o",
            out.join("a.txt").to_str().unwrap(),
            "--chunk-size",
            "4096",
            "-q",
        ],
        &tmp,
        &IIN_LINE.repeat(4000),
        &out,
    );
    assert_eq!(code, Some(143));
    assert_eq!(temps_in(&out), Vec::<String>::new());
    assert!(!out.join("a.txt").exists());
    // Parquet on standard input is spooled to TMPDIR first.
    let parquet = std::fs::read("samples/research_extract.parquet").unwrap();
    let code = terminate_midway(
        &["scan", "-", "--input-format", "parquet"],
        &tmp,
        &parquet[..parquet.len() / 2],
        &tmp,
    );
    assert_eq!(code, Some(143));
    assert_eq!(temps_in(&tmp), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn scan_does_not_pass_inputs_it_skipped_as_clean() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/clean.txt", b"nothing personal here\n");
    let r = run_in(d, &["scan", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A binary file: 3, unless --skip-binary.
    write(d, "in/blob.bin", b"\0\x01\x02 client 900101300811\n");
    let r = run_in(d, &["scan", "in"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("in/blob.bin"), "{}", r.stderr);
    let r = run_in(d, &["scan", "in", "--skip-binary"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // UTF-16 without a byte-order mark hides an IIN from the scan: 3 even
    // with --skip-binary, the path named, the value not.
    let utf16: Vec<u8> = "client 900101300811 paid\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(d, "in/wide.txt", &utf16);
    let r = run_in(d, &["scan", "in", "--skip-binary"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("in/wide.txt") && r.stderr.contains("UTF-16"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("900101300811"), "{}", r.stderr);
    std::fs::remove_file(d.join("in/wide.txt")).unwrap();
    // Binary data after some text: only partly scanned.
    write(
        d,
        "in/tail.txt",
        &[&b"text\n".repeat(3000)[..], b"\0\0"].concat(),
    );
    let r = run_in(d, &["scan", "in/tail.txt"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    std::fs::remove_file(d.join("in/tail.txt")).unwrap();
    // A symbolic link a walk does not follow.
    write(d, "elsewhere/a.txt", IIN_LINE);
    std::os::unix::fs::symlink("../elsewhere/a.txt", d.join("in/link.txt")).unwrap();
    let r = run_in(d, &["scan", "in", "--skip-binary"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("in/link.txt") && r.stderr.contains("not followed"),
        "{}",
        r.stderr
    );
    // Found data still gives 1, an error 2.
    write(d, "in/iin.txt", IIN_LINE);
    let r = run_in(d, &["scan", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = run_in(d, &["scan", "in", "missing"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// Runs `qorgau ARGS` in `dir` inside a private mount namespace in which
/// `ro` is bind-mounted read-only over itself (root's chmod does not stop
/// writes; a read-only mount does). `Err` says why the namespace cannot
/// be had here (no `unshare`, no CAP_SYS_ADMIN, mounts forbidden).
#[cfg(target_os = "linux")]
fn run_with_read_only(dir: &Path, ro: &Path, args: &[&str]) -> Result<Run, String> {
    const SETUP: &str = r#"mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 97
if (: > "$1/.qorgau-probe") 2>/dev/null; then rm -f "$1/.qorgau-probe"; exit 98; fi
shift; exec "$@""#;
    let out = Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            SETUP,
            "sh",
        ])
        .arg(ro)
        .arg(env!("CARGO_BIN_EXE_qorgau"))
        .args(args)
        .current_dir(dir)
        .env_remove("QORGAU_KEY")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("unshare could not be run: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    match out.status.code() {
        Some(97) => Err(format!(
            "the read-only bind mount failed: {}",
            stderr.trim()
        )),
        Some(98) => Err("the bind mount stayed writable".into()),
        // unshare's own failure (e.g. `unshare failed: Operation not permitted`).
        Some(1) if stderr.starts_with("unshare") => Err(stderr.trim().to_string()),
        code => Ok(Run {
            code: code.unwrap_or(-1),
            stdout: out.stdout,
            stderr,
        }),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn anonymize_onto_a_read_only_filesystem_names_the_path_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.txt", IIN_LINE);
    write(d, "in/b.csv", b"iin;note\n900101300811;ok\n");
    write(d, "ro/existing.txt", b"kept\n");
    let ro = d.join("ro");
    let cases: [&[&str]; 5] = [
        // A directory to create on the read-only filesystem.
        &["anonymize", "in", "--out", "ro/out"],
        // The read-only directory itself.
        &["anonymize", "in", "--out", "ro"],
        // The manifest elsewhere: it is written, with every input's error.
        &["anonymize", "in", "--out", "ro", "--manifest", "m.json"],
        &["anonymize", "in/a.txt", "-o", "ro/a.txt"],
        &["anonymize", "ro/existing.txt", "--in-place"],
    ];
    for args in cases {
        let r = match run_with_read_only(d, &ro, args) {
            Ok(r) => r,
            Err(why) => {
                // Written past the test harness's capture, so that a skip
                // shows in every run, not only with --nocapture.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED faults::anonymize_onto_a_read_only_filesystem: no read-only \
                     filesystem to write to: {why}"
                );
                return;
            }
        };
        // The path written to: `--out`'s, `-o`'s, or the input in place.
        let target = args.get(3).copied().unwrap_or(args[1]);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("Read-only file system") && r.stderr.contains(target),
            "{args:?}: {}",
            r.stderr
        );
        // Each input's error is told, not only the manifest's.
        if args[1] == "in" {
            for input in ["in/a.txt", "in/b.csv"] {
                assert!(
                    r.stderr.contains(&format!("qorgau: {input}: {target}/")),
                    "{args:?}: {}",
                    r.stderr
                );
            }
        }
        if args.contains(&"--manifest") {
            let m: serde_json::Value =
                serde_json::from_slice(&std::fs::read(d.join("m.json")).unwrap()).unwrap();
            assert_eq!(m["errors"].as_array().unwrap().len(), 2, "{m}");
            assert!(m["outputs"].as_array().unwrap().is_empty(), "{m}");
        } else if !args.contains(&"--in-place") {
            assert!(
                r.stderr.contains("manifest") && r.stderr.contains("not written"),
                "{args:?}: {}",
                r.stderr
            );
        }
        assert!(!r.stderr.contains("900101300811"), "{}", r.stderr);
        // Not the name of a temporary file that never existed.
        let temp_named = r
            .stderr
            .match_indices(".qorgau-")
            .any(|(i, _)| r.stderr[i + 8..].starts_with(|c: char| c.is_ascii_digit()));
        assert!(!temp_named, "{}", r.stderr);
        // Nothing behind: no output, no temporary file, the file kept.
        assert_eq!(tree(&ro), ["existing.txt"], "{args:?}");
        assert_eq!(std::fs::read(ro.join("existing.txt")).unwrap(), b"kept\n");
    }
}
