//! Scan throughput on a generated mixed Russian/Kazakh/English log (64 MiB,
//! seeded): the engine on one thread and on two, and ripgrep (`rg -o`, when
//! installed) with equivalent unvalidated candidate regexes on the same file,
//! with and without Unicode — timed side by side in one run.
//!
//! Also `anonymize`'s rewrite on one thread with two policies, and a ~100 MiB
//! CSV extract scanned and anonymized on one thread, `risk` on it, and a
//! Parquet extract scanned and anonymized end to end on one thread.
//!
//! Run: `cargo bench --bench scan`. Set `QORGAU_BENCH_MIB` to change the size.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;

use qorgau::input::Chunker;
use qorgau::Engine;

/// Candidate regexes for the same kinds, without validation: what a
/// grep-based scan would run.
const RG_PATTERNS: &[&str] = &[
    r"\b\d{12}\b",
    r"(?:\+7|\b8)[ (-]*\d{3}[ )-]*\d{3}[ -]*\d{2}[ -]*\d{2}\b",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    r"\b(?:\d[ -]?){12,18}\d\b",
    r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b",
    r"\b[A-Fa-f0-9]{14}\b",
    r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b",
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
    r"\b(?:[0-9a-fA-F]{1,4}:){2,7}(?::|[0-9a-fA-F]{1,4})\b",
];

fn bench_log() -> (PathBuf, Vec<u8>) {
    let mib: usize = std::env::var("QORGAU_BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let path = std::env::temp_dir().join(format!("qorgau-bench-{mib}.log"));
    if !path.exists() {
        let data = qorgau::synth::corpus(2028, mib << 20, 0.3);
        std::fs::write(&path, data.text.as_bytes()).expect("write bench log");
    }
    let bytes = std::fs::read(&path).expect("read bench log");
    (path, bytes)
}

fn chunks(bytes: &[u8]) -> Vec<qorgau::input::Chunk> {
    let mut c = Chunker::new(bytes, 4 << 20);
    let mut v = Vec::new();
    while let Some(ch) = c.next_chunk().unwrap() {
        v.push(ch);
    }
    v
}

fn scan(c: &mut Criterion) {
    let (path, bytes) = bench_log();
    let engine = Engine::default();
    let chunks = chunks(&bytes);
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("qorgau_engine_{threads}_thread"), |b| {
            b.iter(|| {
                pool.install(|| {
                    chunks
                        .par_iter()
                        .map(|ch| {
                            let mut out = Vec::new();
                            engine.find_in(&ch.data, ch.body.clone(), ch.at_eof, &mut out);
                            out.len()
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    let have_rg = Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok();
    if have_rg {
        for (name, extra) in [
            ("rg_o_unicode", None),
            ("rg_o_no_unicode", Some("--no-unicode")),
        ] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    let mut cmd = Command::new("rg");
                    cmd.args(["-o", "-j1", "--no-config"]);
                    cmd.args(extra);
                    for p in RG_PATTERNS {
                        cmd.args(["-e", p]);
                    }
                    // Drain a pipe: ripgrep may stop early when it sees
                    // that stdout is /dev/null.
                    let mut child = cmd.arg(&path).stdout(Stdio::piped()).spawn().unwrap();
                    let mut out = child.stdout.take().unwrap();
                    let n = std::io::copy(&mut out, &mut std::io::sink()).unwrap();
                    assert!(child.wait().unwrap().success() && n > 0);
                })
            });
        }
    } else {
        eprintln!("rg not installed: ripgrep comparison skipped (apt-get install ripgrep)");
    }
    group.finish();
}

/// `anonymize`'s rewrite (detection + operators, no file I/O) on one thread,
/// with the default policy (tag, IIN generalized) and a keyed-token policy.
fn anonymize(c: &mut Criterion) {
    let (_, bytes) = bench_log();
    let chunks = chunks(&bytes);
    let key = qorgau::key::Key::parse(&"ab".repeat(32), "bench").unwrap();
    let policies = [
        ("default_policy", qorgau::policy::Policy::default_policy()),
        (
            "token_policy",
            qorgau::policy::Policy::parse(qorgau::policy::STARTER, "starter").unwrap(),
        ),
    ];
    let engine = Engine::default();
    let mut group = c.benchmark_group("anonymize");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for (name, policy) in &policies {
        group.bench_function(format!("{name}_1_thread"), |b| {
            b.iter(|| {
                chunks
                    .iter()
                    .map(|ch| {
                        qorgau::anonymize::anonymize_chunk(&engine, policy, Some(&key), ch).len()
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// A ~100 MiB research-extract CSV, cut into record-aligned chunks.
fn bench_table() -> (usize, Vec<qorgau::input::Chunk>) {
    let dir = std::env::temp_dir().join("qorgau-bench-table");
    let path = dir.join("bench.csv");
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        qorgau::synth::write_table(&dir, 2026, Some(100)).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let engine = Engine::default();
    let layout = qorgau::table::Layout::sniff(
        &bytes[..bytes.len().min(256 << 10)],
        false,
        &qorgau::table::TableOptions::default(),
        engine.context(),
    )
    .unwrap();
    let mut c = Chunker::new(&bytes[..], 4 << 20);
    c.split_records(layout.delimiter, layout.eol, 64 << 20);
    let mut v = Vec::new();
    while let Some(mut ch) = c.next_chunk().unwrap() {
        ch.layout = Some(layout.clone());
        v.push(ch);
    }
    (bytes.len(), v)
}

/// Tables on one thread: scan (findings per cell) and anonymize's rewrite
/// with the default policy.
fn table(c: &mut Criterion) {
    let (len, chunks) = bench_table();
    let engine = Engine::default();
    let policy = qorgau::policy::Policy::default_policy();
    let mut group = c.benchmark_group("table");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("csv_scan_1_thread", |b| {
        b.iter(|| {
            let mut n = 0;
            for ch in &chunks {
                let layout = ch.layout.as_ref().unwrap();
                qorgau::table::cells::for_each_record(&engine, layout, ch, |_, r| {
                    n += r.findings.len()
                })
                .unwrap();
            }
            n
        })
    });
    group.bench_function("csv_anonymize_1_thread", |b| {
        b.iter(|| {
            chunks
                .iter()
                .map(|ch| qorgau::anonymize::anonymize_chunk(&engine, &policy, None, ch).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// `risk` over the ~100 MiB extract: rows per second on one thread.
fn risk(c: &mut Criterion) {
    let (_, chunks) = bench_table();
    drop(chunks);
    let path = std::env::temp_dir()
        .join("qorgau-bench-table")
        .join("bench.csv");
    let source = qorgau::input::Source::File(path);
    let engine = Engine::default();
    let opts = qorgau::risk::RiskOptions {
        quasi: vec!["birth_year".into(), "sex".into(), "region".into()],
        sensitive: Some("region".into()),
        k: 5,
    };
    let table = qorgau::table::TableOptions::default();
    let rows = qorgau::risk::measure(&source, &table, engine.context(), &opts)
        .unwrap()
        .rows;
    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    group.throughput(Throughput::Elements(rows));
    group.bench_function("csv_risk_1_thread", |b| {
        b.iter(|| {
            qorgau::risk::measure(&source, &table, engine.context(), &opts)
                .unwrap()
                .k
        })
    });
    group.finish();
}

/// Bytes of string data a batch holds (dictionary values as often as rows
/// use them): the measure of the Parquet throughput target.
fn string_bytes(a: &dyn arrow::array::Array) -> u64 {
    use arrow::array::AsArray;
    use arrow::datatypes::DataType;
    match a.data_type() {
        DataType::Utf8 => a
            .as_string::<i32>()
            .iter()
            .flatten()
            .map(|v| v.len() as u64)
            .sum(),
        DataType::LargeUtf8 => a
            .as_string::<i64>()
            .iter()
            .flatten()
            .map(|v| v.len() as u64)
            .sum(),
        DataType::Binary => a
            .as_binary::<i32>()
            .iter()
            .flatten()
            .map(|v| v.len() as u64)
            .sum(),
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            let values = d.values().as_string::<i32>();
            d.normalized_keys()
                .iter()
                .enumerate()
                .filter(|(i, _)| a.is_valid(*i))
                .map(|(_, &k)| values.value(k).len() as u64)
                .sum()
        }
        DataType::Struct(_) => a
            .as_struct()
            .columns()
            .iter()
            .map(|c| string_bytes(c))
            .sum(),
        DataType::List(_) => string_bytes(a.as_list::<i32>().values()),
        _ => 0,
    }
}

struct NullSink;

impl qorgau::report::Sink for NullSink {
    fn finding(&mut self, _: &qorgau::report::Record) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _: &qorgau::report::Summary) -> std::io::Result<()> {
        Ok(())
    }
}

/// A generated Parquet extract (500 k rows, zstd, row groups of 64 Ki
/// rows): the whole path of `scan` and of `anonymize` (read, decode,
/// search, rewrite, encode, compress) on one worker thread, per byte of
/// string data.
fn parquet(c: &mut Criterion) {
    let path = std::env::temp_dir().join("qorgau-bench-500k.parquet");
    if !path.exists() {
        qorgau::synth::parquet::write(&path, 2029, 500_000, 64 << 10, false).expect("write");
    }
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&path).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap();
    let bytes: u64 = reader
        .map(|b| {
            let b = b.unwrap();
            b.columns().iter().map(|c| string_bytes(c)).sum::<u64>()
        })
        .sum();
    let engine = Engine::default();
    let policy = qorgau::policy::Policy::default_policy();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("parquet");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parquet_scan_1_thread", |b| {
        b.iter(|| {
            pool.install(|| {
                let mut summary = qorgau::report::Summary::default();
                qorgau::parquet::scan::scan_file(
                    &engine,
                    &path,
                    "bench",
                    &mut NullSink,
                    &mut summary,
                )
                .unwrap();
                summary.findings
            })
        })
    });
    group.bench_function("parquet_anonymize_1_thread", |b| {
        b.iter(|| {
            pool.install(|| {
                qorgau::parquet::rewrite::anonymize_file(
                    &engine,
                    &policy,
                    None,
                    &path,
                    None,
                    std::io::sink(),
                )
                .unwrap()
                .1
                .rows
            })
        })
    });
    group.finish();
}

/// The batch API's fixed cost (what Spark and Ray pay per batch): a
/// 64k-row batch whose columns the policy leaves alone (numbers, dates, a
/// kept string column) goes through `transform`, which must hand the arrays
/// back untouched.
fn batch(c: &mut Criterion) {
    use arrow::array::{Date32Array, Float64Array, Int32Array, RecordBatch, StringArray};
    use std::sync::Arc;
    let rows = 65_536;
    let batch = RecordBatch::try_from_iter([
        (
            "amount",
            Arc::new(Float64Array::from_iter_values((0..rows).map(f64::from))) as _,
        ),
        (
            "birth_year",
            Arc::new(Int32Array::from_iter_values(
                (0..rows).map(|i| 1950 + i % 60),
            )) as _,
        ),
        (
            "visit_date",
            Arc::new(Date32Array::from_iter_values(0..rows)) as _,
        ),
        (
            "region",
            Arc::new(StringArray::from_iter_values(
                (0..rows).map(|i| ["Алматы", "Астана"][i as usize % 2]),
            )) as _,
        ),
    ])
    .expect("a batch");
    let policy =
        qorgau::policy::Policy::parse("[columns]\nregion = \"keep\"\n", "bench").expect("policy");
    let a = qorgau::batch::BatchAnonymizer::new(policy, None).expect("anonymizer");
    let mut group = c.benchmark_group("batch");
    group.bench_function("transform_64k_rows_untouched", |b| {
        b.iter(|| a.transform(&batch).expect("transform"));
    });
    group.finish();
}

criterion_group!(benches, scan, anonymize, table, risk, parquet, batch);
criterion_main!(benches);
