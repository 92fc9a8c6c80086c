//! Issue 17, case 7: the Kazakh code page KZ-1048 (old 1C exports) is read,
//! detected (not taken for Windows-1251) and written.

use qorgau::codec::{Codec, Unmappable};

use crate::common::{jsonl, run, write};

/// A synthetic 1C-style export with Kazakh letters in every row.
fn export() -> String {
    let mut s = String::from("ФИО;ИИН;Қала;Ескерту\r\n");
    let names = [
        "Сәрсенбаев Әлихан Нұрланұлы",
        "Жұмабаева Айгүл Қайратқызы",
        "Бекқожаев Ерғали Өмірзақұлы",
        "Тәжібаева Гүлнәр Серікқызы",
    ];
    for n in names.iter().cycle().take(12) {
        s.push_str(&format!(
            "{n};900101300811;Қарағанды;Төлем жасалды, әріптес көмектесті\r\n"
        ));
    }
    s
}

fn kz1048(text: &str) -> Vec<u8> {
    Codec::Kz1048
        .encode(text, Unmappable::Error)
        .unwrap()
        .into_owned()
}

#[test]
fn a_kz1048_export_is_detected_not_read_as_windows_1251() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "1c.csv", &kz1048(&export()));
    let r = run(&["scan", &input, "--format", "jsonl"], None, None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let fields: Vec<String> = jsonl(&r.stdout)
        .iter()
        .filter_map(|f| f["field"].as_str().map(str::to_string))
        .collect();
    assert!(fields.iter().any(|f| f == "ФИО"), "{fields:?}");
    // The header reads as Kazakh (in Windows-1251 it would be `Ќала`).
    let r = run(&["scan", &input, "--format", "summary"], None, None);
    assert!(r.stdout.windows(8).any(|w| w == "Қала".as_bytes()));
    // Anonymized in KZ-1048, every byte of the untouched cells kept.
    let r = run(&["anonymize", &input, "-o", "-", "-q"], None, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tail = kz1048(";Қарағанды;Төлем жасалды, әріптес көмектесті\r\n");
    assert_eq!(
        r.stdout
            .windows(tail.len())
            .filter(|w| *w == &tail[..])
            .count(),
        12
    );
    let (text, bad) = Codec::Kz1048.decode(&r.stdout);
    assert!(!bad && !text.contains("Сәрсенбаев") && !text.contains("900101300811"));
}

#[test]
fn encoding_kz1048_is_read_and_written_when_named() {
    let dir = tempfile::tempdir().unwrap();
    // Too little text to detect: --encoding tells.
    let bytes = kz1048("id;iin;note\n1;900101300811;Әке\n");
    let input = write(dir.path(), "short.csv", &bytes);
    let r = run(
        &[
            "anonymize",
            &input,
            "-o",
            "-",
            "-q",
            "--encoding",
            "kz-1048",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.ends_with(&kz1048(";Әке\n")), "{:?}", r.stdout);
    let r = run(
        &[
            "anonymize",
            &input,
            "-o",
            "-",
            "-q",
            "--encoding",
            "KZ-1048",
            "--output-encoding",
            "utf-8",
        ],
        None,
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(String::from_utf8(r.stdout).unwrap().ends_with(";Әке\n"));
}
