//! Synthetic, labelled data: fake people with valid identifiers planted in
//! realistic lines (nginx, syslog, JSON, key=value, `;`-CSV, call records,
//! XML, Russian/Kazakh/English prose) among look-alikes that must not be
//! found (order numbers, timestamps, versions, OIDs, UUIDs, hashes, masked
//! values, BIC codes, postcodes without a context word, SSH fingerprints,
//! IMSIs).
//!
//! Used for `samples/`, the precision/recall test and the benches. The
//! generator is seeded and self-contained, so a seed always yields the same
//! bytes on every platform.

pub mod access;
pub mod names;
pub mod parquet;
pub mod table;
pub mod values;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::kind::Kind;
use values as v;

/// SplitMix64: tiny, fast, and stable across crate versions.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A planted identifier: byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Text with the spans of every identifier planted in it.
#[derive(Debug, Default, Clone)]
pub struct Labelled {
    pub text: String,
    pub labels: Vec<Label>,
}

impl Labelled {
    fn lit(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    fn id(&mut self, kind: Kind, value: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(value);
        self.labels.push(Label {
            start,
            end: self.text.len(),
            kind,
        });
        self
    }
}

const CITIES: &[&str] = &[
    "Алматы",
    "Астана",
    "Шымкент",
    "Караганда",
    "Актобе",
    "Павлодар",
];

fn ts(r: &mut Rng) -> String {
    format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+06:00",
        1 + r.below(12),
        1 + r.below(28),
        r.below(24),
        r.below(60),
        r.below(60),
        r.below(1000)
    )
}

/// Appends one line of a randomly chosen shape; `pii` is the chance that a
/// slot holds personal data rather than a look-alike.
pub fn line(r: &mut Rng, out: &mut Labelled, pii: f64) {
    let t = ts(r);
    match r.below(12) {
        0 => {
            // nginx combined log format.
            let ip = v::ipv4(r);
            out.id(Kind::Ipv4, &ip)
                .lit(" - - [12/May/2024:10:23:45 +0600] \"GET /api/v1/client?");
            if r.chance(pii) {
                out.lit("iin=").id(Kind::Iin, &v::iin(r));
            } else {
                out.lit("order=").lit(&v::order12(r));
            }
            out.lit("&lang=kk HTTP/1.1\" 200 ");
            out.lit(&r.below(90000).to_string());
            out.lit(" \"-\" \"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0.6099.109 Mobile Safari/537.36\"\n");
        }
        1 => {
            // syslog.
            out.lit("May 12 10:23:45 app01 billing[")
                .lit(&r.below(30000).to_string())
                .lit("]: payment ");
            if r.chance(pii) {
                out.lit("card=").id(Kind::Card, &v::card(r));
            } else {
                out.lit("card=4400 43** **** ").lit(&r.digits(4));
            }
            out.lit(" amount=")
                .lit(&format!("{}.{:02}", r.below(500000), r.below(100)))
                .lit(" KZT txn=")
                .lit(&v::not_luhn(r, "4", 16))
                .lit("\n");
        }
        2 => {
            // JSON log.
            out.lit("{\"ts\":\"")
                .lit(&t)
                .lit("\",\"level\":\"info\",\"trace_id\":\"");
            out.lit(&v::uuid(r)).lit("\",");
            if r.chance(pii) {
                out.lit("\"email\":\"")
                    .id(Kind::Email, &v::email(r))
                    .lit("\",");
            }
            if r.chance(pii) {
                out.lit("\"phone\":\"")
                    .id(Kind::Phone, &v::phone(r))
                    .lit("\",");
            }
            out.lit("\"build\":\"").lit(&v::digest(r, 40)).lit("\"}\n");
        }
        3 => {
            // key=value.
            out.lit("ts=").lit(&t).lit(" svc=auth ");
            if r.chance(pii) {
                out.lit("msisdn=").id(Kind::Phone, &v::phone(r));
            } else {
                out.lit("request_id=").lit(&r.digits(20));
            }
            out.lit(" client_ip=");
            if r.chance(0.5) {
                out.id(Kind::Ipv6, &v::ipv6(r));
            } else {
                out.id(Kind::Ipv4, &v::ipv4(r));
            }
            out.lit(" agent_version=1.")
                .lit(&r.below(20).to_string())
                .lit(".3.4\n");
        }
        4 => {
            // `;`-separated export line.
            out.lit(&r.below(100000).to_string()).lit(";");
            if r.chance(pii) {
                out.id(Kind::Iin, &v::iin(r));
            } else {
                out.lit(&v::order12(r));
            }
            let city = CITIES[r.below(CITIES.len() as u64) as usize];
            out.lit(";").lit(city).lit(";");
            if r.chance(pii) {
                out.id(Kind::Iban, &v::iban(r));
            } else {
                out.lit("HSBKKZKX");
            }
            out.lit(";050000;")
                .lit(&format!("{}.{:02}", r.below(10_000_000), r.below(100)))
                .lit("\n");
        }
        5 => {
            // Call detail record.
            out.lit("CDR|").lit(&t).lit("|");
            out.id(Kind::Phone, &v::phone(r)).lit("|");
            out.lit(&r.below(3600).to_string()).lit("s|imei=");
            out.id(Kind::Imei, &v::imei(r))
                .lit("|imsi=")
                .lit(&v::imsi(r))
                .lit("\n");
        }
        6 => {
            // XML.
            out.lit("<client><id>").lit(&r.digits(9)).lit("</id><bin>");
            out.id(Kind::Bin, &v::bin(r)).lit("</bin><contact>");
            out.id(Kind::Email, &v::email(r));
            out.lit("</contact><oid>1.3.6.1.4.1.")
                .lit(&r.below(60000).to_string())
                .lit(".1</oid></client>\n");
        }
        7 => {
            // Russian prose, Cyrillic glued to identifiers.
            out.lit("Клиент с ИИН ");
            out.id(Kind::Iin, &v::iin(r));
            out.lit(" обратился по телефону ");
            out.id(Kind::Phone, &v::phone(r));
            out.lit(", заказ № ")
                .lit(&v::order12(r))
                .lit(" от 12.05.2024, индекс ");
            out.id(Kind::Postcode, "050000").lit(".\n");
        }
        8 => {
            // Kazakh prose with suffixes.
            out.lit("Клиенттің ЖСН:");
            out.id(Kind::Iin, &v::iin(r));
            out.lit(", ұялы телефоны ");
            let ph = format!(
                "8{}{}",
                r.pick(&["701", "702", "705", "707", "747", "777"]),
                r.digits(7)
            );
            out.id(Kind::Phone, &ph);
            out.lit("-ге хабарлама жіберілді (").lit(&t).lit(").\n");
        }
        9 => {
            // English prose.
            out.lit("Customer called from ");
            out.id(Kind::Phone, &v::phone(r));
            out.lit("; card ");
            out.id(Kind::Card, &v::card(r));
            out.lit(" blocked, masked copy a***@mail.kz, ver 10.0.19041.1234.\n");
        }
        10 => {
            // Device / network log.
            out.lit("wlan0: STA ");
            out.id(Kind::Mac, &v::mac(r));
            out.lit(" associated; dhcp ack ");
            out.id(Kind::Ipv4, &v::ipv4(r));
            out.lit(" meid=");
            out.id(Kind::Meid, &v::meid(r));
            out.lit(" host key ")
                .lit(&v::ssh_fingerprint(r))
                .lit(" at 10:23:45\n");
        }
        _ => {
            // A line with no personal data at all.
            out.lit(&t)
                .lit(" INFO worker-")
                .lit(&r.below(16).to_string())
                .lit(" processed batch ")
                .lit(&r.digits(8))
                .lit(" in ")
                .lit(&r.below(5000).to_string())
                .lit(" ms, sha256=")
                .lit(&v::digest(r, 64))
                .lit(" uuid=")
                .lit(&v::uuid(r))
                .lit("\n");
        }
    }
}

/// A labelled corpus of about `bytes` bytes.
pub fn corpus(seed: u64, bytes: usize, pii: f64) -> Labelled {
    let mut r = Rng::new(seed);
    let mut out = Labelled::default();
    while out.text.len() < bytes {
        line(&mut r, &mut out, pii);
    }
    out
}

/// Writes the sample files the README uses into `dir`; with `large_mib`,
/// also `bench.log` and its labels.
///
/// # Errors
/// The I/O error of creating or writing a file.
pub fn write_samples(dir: &Path, seed: u64, large_mib: Option<usize>) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let small = corpus(seed, 24 << 10, 0.7);
    fs::write(dir.join("app.log"), &small.text)?;
    fs::write(dir.join("support_tickets.txt"), prose(seed + 1).text)?;
    fs::write(
        dir.join("research_extract.csv"),
        table::table(seed + 3, 120, false).text,
    )?;
    fs::write(dir.join("access.log"), access::log(seed + 5, 12 << 10).text)?;
    parquet::write(
        &dir.join("research_extract.parquet"),
        seed + 6,
        200,
        64,
        false,
    )?;
    // A Windows-1251, `;`-separated export, as Kazakh back offices write them.
    // Windows-1251 has no Kazakh letters; such exports write Russian ones.
    let export: String = table::table(seed + 4, 60, true)
        .text
        .replace(',', ";")
        .chars()
        .map(|c| match c {
            'қ' => 'к',
            'Қ' => 'К',
            'ғ' => 'г',
            'ң' => 'н',
            'ә' => 'а',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            other => other,
        })
        .collect();
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&export);
    fs::write(dir.join("clients_windows1251.csv"), &cp1251)?;
    if let Some(mib) = large_mib {
        let big = corpus(seed + 2, mib << 20, 0.3);
        fs::write(dir.join("bench.log"), &big.text)?;
        let mut labels = io::BufWriter::new(fs::File::create(dir.join("bench.labels.jsonl"))?);
        for l in &big.labels {
            writeln!(
                labels,
                "{{\"kind\":\"{}\",\"start\":{},\"end\":{}}}",
                l.kind, l.start, l.end
            )?;
        }
        labels.flush()?;
    }
    Ok(())
}

/// Writes `bench.csv`, a research-extract table of about `mib` MiB.
///
/// # Errors
/// The I/O error of writing it.
pub fn write_table(dir: &Path, seed: u64, mib: Option<usize>) -> io::Result<()> {
    let Some(mib) = mib else { return Ok(()) };
    let mut out = io::BufWriter::new(fs::File::create(dir.join("bench.csv"))?);
    // About 255 bytes a row; written in slices so memory stays small.
    let rows = (mib << 20) / 255;
    let mut written = 0;
    let mut part = 0u64;
    while written < rows {
        let n = (rows - written).min(20_000);
        let t = table::table(seed + 10 + part, n, false).text;
        let body = if part == 0 {
            &t[..]
        } else {
            &t[t.find('\n').map_or(0, |p| p + 1)..]
        };
        out.write_all(body.as_bytes())?;
        written += n;
        part += 1;
    }
    out.flush()
}

/// Writes `bench.parquet`, a research extract of `rows` rows in row groups
/// of 128 Ki rows.
///
/// # Errors
/// The I/O error of writing it.
pub fn write_parquet(dir: &Path, seed: u64, rows: Option<u64>) -> io::Result<()> {
    let Some(rows) = rows else { return Ok(()) };
    parquet::write(
        &dir.join("bench.parquet"),
        seed + 20,
        rows,
        128 << 10,
        false,
    )
    .map(|_| ())
}

/// Support-ticket prose in Russian, Kazakh and English.
pub fn prose(seed: u64) -> Labelled {
    let mut r = Rng::new(seed);
    let mut out = Labelled::default();
    for _ in 0..12 {
        out.lit("Обращение № ")
            .lit(&r.digits(7))
            .lit(". Клиент (ИИН ");
        out.id(Kind::Iin, &v::iin(&mut r));
        out.lit(") просит перевыпустить карту ");
        out.id(Kind::Card, &v::card(&mut r));
        out.lit(". Контактный телефон: ");
        out.id(Kind::Phone, &v::phone(&mut r));
        out.lit(", эл. почта ");
        out.id(Kind::Email, &v::email(&mut r));
        out.lit(".\n");
        out.lit("Өтініш: клиенттің ЖСН ");
        out.id(Kind::Iin, &v::iin(&mut r));
        out.lit(", шоты ");
        out.id(Kind::Iban, &v::iban(&mut r));
        out.lit(", ТОО БСН ");
        out.id(Kind::Bin, &v::bin(&mut r));
        out.lit(". Пошта индексі ");
        out.id(Kind::Postcode, "050000");
        out.lit(", БИК CASPKZKA.\n");
        out.lit("Ticket: customer device IMEI ");
        out.id(Kind::Imei, &v::imei(&mut r));
        out.lit(", MAC ");
        out.id(Kind::Mac, &v::mac(&mut r));
        out.lit(", last login from ");
        out.id(Kind::Ipv4, &v::ipv4(&mut r));
        out.lit(" running app version 4.12.0.7 (build ")
            .lit(&v::digest(&mut r, 12))
            .lit(").\n\n");
    }
    out
}

/// Precision and recall of one kind on a labelled text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub kind: Option<Kind>,
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64
    }
}

/// Scores `found` against the labels: a finding counts only with the exact
/// span and kind. Returns one score per kind that was planted or found,
/// with examples of misses and false positives (as masked previews).
pub fn evaluate(data: &Labelled, found: &[crate::Finding]) -> (Vec<Score>, Vec<String>) {
    use std::collections::{BTreeMap, HashSet};
    let truth: HashSet<(usize, usize, Kind)> = data
        .labels
        .iter()
        .map(|l| (l.start, l.end, l.kind))
        .collect();
    let got: HashSet<(usize, usize, Kind)> =
        found.iter().map(|f| (f.start, f.end, f.kind)).collect();
    let mut scores: BTreeMap<Kind, Score> = BTreeMap::new();
    let mut examples = Vec::new();
    let bytes = data.text.as_bytes();
    let line_of = |s: usize| {
        let a = bytes[..s]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let b = bytes[s..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| s + p);
        String::from_utf8_lossy(&bytes[a..b]).into_owned()
    };
    for &(s, e, k) in &truth {
        let sc = scores.entry(k).or_default();
        if got.contains(&(s, e, k)) {
            sc.true_pos += 1;
        } else {
            sc.false_neg += 1;
            if examples.len() < 40 {
                examples.push(format!(
                    "missed {k} {:?} in: {}",
                    &data.text[s..e],
                    line_of(s)
                ));
            }
        }
    }
    for &(s, e, k) in &got {
        if !truth.contains(&(s, e, k)) {
            scores.entry(k).or_default().false_pos += 1;
            if examples.len() < 40 {
                let raw = String::from_utf8_lossy(&bytes[s..e]).into_owned();
                examples.push(format!("false {k} {raw:?} in: {}", line_of(s)));
            }
        }
    }
    let scores = scores
        .into_iter()
        .map(|(k, mut s)| {
            s.kind = Some(k);
            s
        })
        .collect();
    (scores, examples)
}
