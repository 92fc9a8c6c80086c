//! Scores on labelled files written from the formats' own documentation by
//! an author who never saw the detectors: `tests/data/{formats,syslogs,human}/`.
//! Each has a `dev/` part (misses printed, tuned on) and a `holdout/` part
//! (only figures printed, never tuned on). A span is marked `⟦kind|text⟧`;
//! the marks are removed to give the file's real bytes, which the built
//! `qorgau scan -f jsonl` reads under the file's own name (so a `.csv` is a
//! table), and every finding must match a marked span exactly (kind, start,
//! end).
//!
//! `QORGAU_FIXTURE_MISSES=1 cargo test fixtures -- --nocapture` prints the
//! dev misses with their line; figures are always printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{jsonl, run};

/// Per kind: (expected, found, correct).
type Tally = BTreeMap<String, (usize, usize, usize)>;

/// Parses `⟦kind|text⟧` marks in `raw`; returns the plain bytes and the spans.
pub fn unmark(raw: &str) -> (String, Vec<(String, usize, usize)>) {
    let mut text = String::with_capacity(raw.len());
    let mut spans = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let close = after.find('⟧').expect("a closed mark");
        let (kind, value) = after[..close].split_once('|').expect("kind|text");
        let start = text.len();
        text.push_str(value);
        spans.push((kind.to_string(), start, text.len()));
        rest = &after[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, spans)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Vec::new(),
    };
    out.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"));
    out.sort();
    out
}

fn line_of(text: &str, at: usize) -> &str {
    let s = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let e = text[at..].find('\n').map_or(text.len(), |p| at + p);
    &text[s..e]
}

/// Scans every file of `set/part` and tallies per kind; dev misses go to
/// `misses`.
fn score(set: &str, part: &str, misses: &mut Vec<String>) -> Tally {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let tmp = tempfile::tempdir().unwrap();
    let mut tally = Tally::new();
    for path in files(&root.join(part)) {
        let raw = std::fs::read_to_string(&path).expect("fixtures are UTF-8");
        let (text, want) = unmark(&raw);
        let name = path.file_name().unwrap().to_str().unwrap();
        let input = tmp.path().join(name);
        std::fs::write(&input, &text).unwrap();
        let out = run(
            &["scan", "-f", "jsonl", input.to_str().unwrap()],
            None,
            None,
        );
        assert!(out.code < 2, "{name}: {}", out.stderr);
        let got: Vec<(String, usize, usize)> = jsonl(&out.stdout)
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_string(),
                    f["start"].as_u64().unwrap() as usize,
                    f["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        for w in &want {
            let t = tally.entry(w.0.clone()).or_default();
            t.0 += 1;
            if got.contains(w) {
                t.2 += 1;
            } else if part == "dev" {
                misses.push(format!(
                    "{set}/{name}: MISSED {} {:?} in: {}",
                    w.0,
                    &text[w.1..w.2],
                    line_of(&text, w.1)
                ));
            }
        }
        for g in &got {
            tally.entry(g.0.clone()).or_default().1 += 1;
            if !want.contains(g) && part == "dev" {
                misses.push(format!(
                    "{set}/{name}: EXTRA {} {:?} in: {}",
                    g.0,
                    &text[g.1..g.2],
                    line_of(&text, g.1)
                ));
            }
        }
    }
    tally
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Prints the figures of one set and returns (kind, precision, recall) and
/// the totals.
fn report(set: &str, part: &str, tally: &Tally) -> (Vec<(String, f64, f64)>, f64, f64) {
    let mut rows = Vec::new();
    let (mut e, mut f, mut c) = (0, 0, 0);
    for (kind, &(expected, found, correct)) in tally {
        let (p, r) = (ratio(correct, found), ratio(correct, expected));
        eprintln!(
            "{set}/{part} {kind:<15} expected {expected:>4} found {found:>4} correct {correct:>4} \
             precision {p:.3} recall {r:.3}"
        );
        rows.push((kind.clone(), p, r));
        (e, f, c) = (e + expected, f + found, c + correct);
    }
    let (p, r) = (ratio(c, f), ratio(c, e));
    eprintln!("{set}/{part} ALL             expected {e:>4} found {f:>4} correct {c:>4} precision {p:.3} recall {r:.3}");
    (rows, p, r)
}

/// Scores both parts of `set`; fails when the overall precision or recall
/// of a part is under its floor, (precision, recall) for dev and holdout.
fn gate(set: &str, dev: (f64, f64), holdout: (f64, f64)) {
    let mut misses = Vec::new();
    let mut failures = Vec::new();
    for (part, (floor_p, floor_r)) in [("dev", dev), ("holdout", holdout)] {
        let tally = score(set, part, &mut misses);
        if tally.is_empty() {
            eprintln!("{set}/{part}: no fixtures");
            continue;
        }
        let (_, p, r) = report(set, part, &tally);
        if p < floor_p || r < floor_r {
            failures.push(format!(
                "{set}/{part}: precision {p:.3} recall {r:.3} (floors {floor_p}/{floor_r})"
            ));
        }
    }
    if std::env::var_os("QORGAU_FIXTURE_MISSES").is_some() {
        for m in &misses {
            eprintln!("{m}");
        }
    }
    assert!(failures.is_empty(), "under the floor: {failures:?}");
}

// Floors a little under the measured figures (quoted in the README), so
// a change that loses findings on independent files fails here. Sessions
// 7–9 wrote three batches (SQL dumps, JSON, XML, HTML, e-mail, SDK
// exports, HAR, CloudTrail, Windows events, FHIR, HL7, Terraform; sshd,
// Hadoop, CBS, Exim, FreeRADIUS, auditd, FortiGate, Keycloak, Exchange;
// chats, court texts, OCR'd forms, transcripts…); their holdout parts
// were tuned on in session 10 and are in `dev/` now, as is the fourth
// batch (ClickHouse, SSMS scripts, pain.001, 1C bank exchange, LDIF,
// Segment, Envoy; Cisco IOS, Junos, MikroTik, pfSense, Suricata, Zeek,
// BIND, Windows DHCP and firewall, GitLab, Nextcloud, SQL Server, Oracle
// listener, Kerberos, 1C tech journal, Dovecot; obituaries, police
// protocols, hotel cards, captions, Jira, SMS backups), the holdout of
// session 10, tuned on from session 11. `holdout/` holds the fifth batch
// (mysqldump, pg_dump column inserts, mongoexport, GraphQL, Bitrix24, GELF,
// CEF, SOAP, Spring config, .properties, Markdown, mbox, a bank's `;` CSV,
// BigQuery, nginx JSON, Crashlytics; sshd, BGL, Thunderbird, HealthApp,
// Proxifier, RHEL messages, Apache, nova-api, Spark, Event Viewer CSV,
// Postfix/Amavis, Cisco ASA, HAProxy, macOS, Zimbra, PostgreSQL csvlog;
// a Kazakh court decision, a discharge summary, parents' and support
// chats, a call transcript, HR comments, a power of attorney, a police
// statement, news, an insurance claim, a dormitory order, reviews,
// condominium minutes, a bank complaint, an e-gov certificate, an HR
// e-mail, courier notes). On arrival it scored formats 0.968/0.891,
// syslogs 0.988/0.967, human 0.944/0.864; after the session's fixes
// (tuned on `dev/` only) 0.971/0.891, 0.990/0.970, 0.950/0.874, and all
// of `dev/` went from 0.976/0.958, 0.945/0.964, 0.968/0.924 to
// 0.977/0.969, 0.956/0.983, 0.976/0.932. Where a batch's author marks differently from the
// earlier ones (a Windows login with its domain, `CORP\\x`; role
// mailboxes; GitLab's numeric `user_id`), precision falls as much as
// where the detectors are wrong.

#[test]
fn structured_formats_score_above_the_floor() {
    gate("formats", (0.97, 0.96), (0.965, 0.885));
}

#[test]
fn system_logs_score_above_the_floor() {
    gate("syslogs", (0.95, 0.975), (0.985, 0.965));
}

#[test]
fn human_text_scores_above_the_floor() {
    gate("human", (0.97, 0.925), (0.94, 0.865));
}

#[test]
fn marks_are_removed_exactly() {
    let (text, spans) = unmark("a ⟦iin|900101300811⟧, b ⟦phone|+7 701⟧");
    assert_eq!(text, "a 900101300811, b +7 701");
    assert_eq!(spans[0], ("iin".to_string(), 2, 14));
    assert_eq!(&text[spans[1].1..spans[1].2], "+7 701");
}
