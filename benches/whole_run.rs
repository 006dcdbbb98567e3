//! The whole-run benchmark: `cargo bench --bench whole_run`.
//!
//! Generates two corpora under `target/bench-corpus/`, then times each:
//!
//! - the seed-made corpus (default 500 MB, `GREFFIER_BENCH_MB` to change
//!   it): the fixtures with varied names, numbers and dates;
//! - the real corpus (default 100 MB, `GREFFIER_BENCH_REAL_MB`): the texts of
//!   `../shared/corpus/docs` as they are, copied over and over (the
//!   fixtures when that folder is absent). Real documents are longer and
//!   more varied than the seeds; this is the figure that says how fast
//!   greffier reads what users have.
//!
//! For each corpus, in the same run:
//!
//! - a raw pass that reads every file and counts its lines (the floor any
//!   tool that reads the files pays);
//! - `greffier parse CORPUS --out TMP` with one thread and with all cores,
//!   end to end (read, decode, normalise, parse, serialise, write).
//!
//! Each is run `GREFFIER_BENCH_RUNS` times (default 3), the thread counts
//! alternating and the disk synced before each run, and the median is
//! printed with MB/s, documents/s, peak memory (the child's maximum resident
//! set, from `wait4`) and greffier's throughput as a fraction of the raw pass.
//!
//! Two habits of the benchmark machine are kept out of the figures:
//!
//! - It pages out what was not read in the last minute, so every timed run
//!   starts with an untimed raw pass: the corpus is in the page cache, as
//!   for the timed raw pass.
//! - Its disk is ext4 without a journal, which passes over the inodes freed
//!   in the last minute each time it allocates one. Removing a run's 23 000
//!   outputs just before the next run made that run's file creation
//!   quadratic (9 to 16 s of system time, more with each run), so every run
//!   writes into a folder of its own and the folders are removed at the end.

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const FAMILY_NAMES: [&str; 24] = [
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
    "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
    "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[path = "../tests/common/mod.rs"]
mod common;

/// One variant of a fixture: other family names, numbers and dates.
fn variant(text: &str, k: usize, res: &[Regex; 3]) -> String {
    let [names, numbers, dates] = res;
    let t = names.replace_all(text, |c: &regex::Captures| {
        let h = c[2].len() + k;
        format!("{} {}", &c[1], FAMILY_NAMES[h % FAMILY_NAMES.len()])
    });
    let t = numbers.replace_all(&t, |c: &regex::Captures| {
        format!("{}-{}", 2000 + k % 30, (k * 7 + c[2].len()) % 1000)
    });
    let t = dates.replace_all(&t, |_: &regex::Captures| {
        format!("{} {} {}", k % 28 + 1, MONTHS[k % 12], 2000 + (k / 12) % 30)
    });
    t.into_owned()
}

/// The real texts: `../shared/corpus/docs` when present, the fixtures
/// otherwise, in name order.
fn real_texts() -> (Vec<Vec<u8>>, &'static str) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docs");
    if !docs.is_dir() {
        return (
            common::fixture_bytes(),
            "the fixtures (../shared/corpus is absent)",
        );
    }
    let texts = sorted(&docs)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    (texts, "../shared/corpus/docs")
}

/// Writes the real corpus once: the real texts copied until `mb` megabytes.
fn real_corpus(mb: u64) -> (PathBuf, u64, usize, &'static str) {
    let (texts, source) = real_texts();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("real-{mb}MB-{}", texts.len()));
    let (dir, bytes, files) = written(dir, mb, |k| texts[k % texts.len()].clone());
    (dir, bytes, files, source)
}

/// Writes the seed-made corpus once; later runs reuse it.
fn corpus(mb: u64) -> (PathBuf, u64, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("{mb}MB"));
    let res = [
        Regex::new(r"\b(M\.|Mme|Monsieur|Madame) (\p{Lu}{3,}(?:-\p{Lu}{2,})?)\b").unwrap(),
        Regex::new(r"\b(20\d\d)-(\d{1,4})\b").unwrap(),
        Regex::new(r"\b\d{1,2} (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d\b").unwrap(),
    ];
    let texts: Vec<String> = common::fixture_bytes()
        .into_iter()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    written(dir, mb, |k| {
        variant(&texts[k % texts.len()], k, &res).into_bytes()
    })
}

/// Writes the texts `text(0)`, `text(1)`, … under `dir` until `mb`
/// megabytes, a thousand files a folder, unless an earlier run did.
fn written(dir: PathBuf, mb: u64, text: impl Fn(usize) -> Vec<u8>) -> (PathBuf, u64, usize) {
    let done = dir.join(".complete");
    let target = mb * 1_000_000;
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating a {mb} MB corpus in {} …", dir.display());
        let (mut bytes, mut k) = (0u64, 0usize);
        while bytes < target {
            let text = text(k);
            let sub = dir.join(format!("{:04}", k / 1000));
            if k % 1000 == 0 {
                std::fs::create_dir_all(&sub).unwrap();
            }
            std::fs::write(sub.join(format!("doc-{k:07}.txt")), &text).unwrap();
            bytes += text.len() as u64;
            k += 1;
        }
        std::fs::write(&done, format!("{bytes} {k}")).unwrap();
    }
    let meta = std::fs::read_to_string(&done).unwrap();
    let mut it = meta.split_whitespace();
    let bytes = it.next().unwrap().parse().unwrap();
    let files = it.next().unwrap().parse().unwrap();
    (dir, bytes, files)
}

/// The raw pass: read every file and count its lines, on one thread.
fn raw_pass(dir: &Path) -> usize {
    let mut lines = 0;
    for sub in sorted(dir) {
        if !sub.is_dir() {
            continue;
        }
        for f in sorted(&sub) {
            let b = std::fs::read(&f).unwrap();
            lines += memchr::memchr_iter(b'\n', &b).count();
        }
    }
    lines
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// Runs greffier and returns (seconds, peak resident memory in MB).
/// `per_file`: one JSON file per input (`--out`), else one JSON Lines file
/// (`--format jsonl --out`). The outputs go to a new folder under `outputs`.
// The child is reaped by `wait4`, which clippy does not know.
#[allow(clippy::zombie_processes)]
fn greffier_run(dir: &Path, jobs: usize, per_file: bool, outputs: &Path) -> (f64, f64) {
    let out = tempfile::tempdir_in(outputs).unwrap().keep();
    let format = if per_file { "json" } else { "jsonl" };
    // The previous run's output written back to disk first: its writeback
    // is not charged to this run.
    // SAFETY: `sync` takes no arguments and only flushes the page cache.
    unsafe { libc::sync() };
    // The corpus read back into the page cache, as for the raw pass: the
    // machine pages out what was not read in the last minute.
    std::hint::black_box(raw_pass(dir));
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_greffier"))
        .args(["parse", "--quiet", "--format", format])
        .args(["--jobs", &jobs.to_string(), "--out"])
        .arg(&out)
        .arg(dir)
        .spawn()
        .unwrap();
    let (status, max_rss_kb) = wait_with_rusage(child.id() as i32);
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(
        status, 0,
        "greffier failed (every run's outputs are kept until the benchmark ends: \
         is the disk full?)"
    );
    (secs, max_rss_kb as f64 / 1024.0)
}

/// `wait4`: the exit status and the child's own maximum resident set (KB).
fn wait_with_rusage(pid: i32) -> (i32, i64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `status` and `usage` are valid for writes; `pid` is our child.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // then this only checks that it builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mb: u64 = std::env::var("GREFFIER_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let runs: usize = std::env::var("GREFFIER_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let real_mb: u64 = std::env::var("GREFFIER_BENCH_REAL_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let (dir, bytes, files, source) = real_corpus(real_mb);
    let jsonl = (false, "--format jsonl --out (one output file)");
    let per_file = (true, "--out (one JSON file per input)");
    let real = format!("real corpus from {source}");
    measure(&real, &dir, bytes, files, runs, cores, &[jsonl]);
    let (dir, bytes, files) = corpus(mb);
    measure(
        "seed-made corpus",
        &dir,
        bytes,
        files,
        runs,
        cores,
        &[jsonl, per_file],
    );
}

/// Times the raw pass, then greffier in each mode, on one thread and on
/// all cores, and prints the medians.
fn measure(
    title: &str,
    dir: &Path,
    bytes: u64,
    files: usize,
    runs: usize,
    cores: usize,
    modes: &[(bool, &str)],
) {
    let mbytes = bytes as f64 / 1e6;
    println!("{title}: {files} files, {mbytes:.0} MB ({})", dir.display());
    raw_pass(dir); // warm the page cache
    let raw = median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(raw_pass(dir));
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!(
        "raw read + count lines, 1 thread: {:>8.1} MB/s",
        mbytes / raw
    );
    // Removed when the benchmark ends (see the module's comment).
    let outputs =
        tempfile::tempdir_in(Path::new(env!("CARGO_MANIFEST_DIR")).join("target")).unwrap();
    for &(per_file, label) in modes {
        println!("greffier parse {label}:");
        let thread_counts = if cores == 1 { vec![1] } else { vec![1, cores] };
        // Runs alternate between thread counts, so that a machine growing
        // busier or quieter weighs on both alike.
        let mut timings: Vec<Vec<(f64, f64)>> = vec![Vec::new(); thread_counts.len()];
        for _ in 0..runs {
            for (k, &jobs) in thread_counts.iter().enumerate() {
                timings[k].push(greffier_run(dir, jobs, per_file, outputs.path()));
            }
        }
        let mut one_thread = 0.0;
        for (&jobs, results) in thread_counts.iter().zip(timings) {
            let secs = median(results.iter().map(|r| r.0).collect());
            let peak = results.iter().map(|r| r.1).fold(0.0, f64::max);
            let mbs = mbytes / secs;
            if jobs == 1 {
                one_thread = mbs;
            }
            println!(
                "  --jobs {jobs}: {mbs:>7.1} MB/s  {:>7.0} docs/s  peak {peak:.0} MB  \
                 {:.1}% of the raw pass{}",
                files as f64 / secs,
                100.0 * mbs / (mbytes / raw),
                if jobs > 1 {
                    format!("  ×{:.2} over 1 thread", mbs / one_thread)
                } else {
                    String::new()
                }
            );
        }
    }
}
