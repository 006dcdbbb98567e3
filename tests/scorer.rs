//! Runs the project's scorer (`../shared/tools/score.py`) on the seeds and,
//! when present, on the visible corpus. Skipped, visibly, where `../shared`
//! is absent.
//!
//! The corpus floors are a ratchet: each is what landed main reaches,
//! rounded down; raise them when main improves, never lower them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// F1 over every gold file of `../shared/corpus`.
const CORPUS_FLOOR: f64 = 0.925;
/// F1 over the whole documents added with issue 25 (nine collectivités).
const WHOLE_DOCUMENTS_FLOOR: f64 = 0.895;
/// Those documents, by the prefix of their file names.
const WHOLE_DOCUMENTS: [&str; 9] = [
    "cm-bourg-en-bresse-",
    "cm-fargues-saint-hilaire-",
    "cm-flaux-",
    "cm-lalouvesc-",
    "cm-larbresle-",
    "cm-liffre-",
    "cm-montolieu-",
    "cm-montpellier-",
    "cm-ville-oise-",
];

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    (p.join("tools/score.py").exists()).then_some(p)
}

/// Parses `docs` into a temporary folder and returns the scorer's F1 over
/// the gold files of `gold` whose names start with one of `only` (all when
/// `only` is empty).
fn score(gold: &Path, docs: &Path, only: &[&str]) -> f64 {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_greffier"))
        .args(["parse", "--quiet", "--out"])
        .arg(out.path())
        .arg(docs)
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "greffier crashed");
    let gold = if only.is_empty() {
        gold.to_path_buf()
    } else {
        subset(gold, only, out.path())
    };
    let scorer = docs.ancestors().find_map(|a| {
        let s = a.join("tools/score.py");
        s.exists().then_some(s)
    });
    let score = Command::new("python3")
        .arg(scorer.expect("../shared/tools/score.py"))
        .arg(&gold)
        .arg(out.path())
        .args(["--fields", "--docs"])
        .output()
        .expect("python3 runs the scorer");
    let text = String::from_utf8_lossy(&score.stdout);
    println!("{text}");
    text.lines()
        .last()
        .and_then(|l| l.strip_prefix("F1 "))
        .and_then(|v| v.trim().parse().ok())
        .expect("scorer prints F1")
}

/// A folder beside `beside` holding the gold files named by `only`.
fn subset(gold: &Path, only: &[&str], beside: &Path) -> PathBuf {
    let dir = beside.with_extension("gold");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(gold).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if only.iter().any(|o| name.starts_with(o)) {
            std::fs::copy(&p, dir.join(&name)).unwrap();
        }
    }
    dir
}

#[test]
fn seeds_score_at_least_097() {
    let Some(shared) = shared() else {
        common::skipped("seeds_score_at_least_097", "../shared is absent");
        return;
    };
    let f1 = score(&shared.join("gold"), &shared.join("seeds"), &[]);
    println!("seeds F1 {f1}");
    assert!(f1 >= 0.97, "seeds F1 {f1} < 0.97");
}

fn corpus() -> Option<PathBuf> {
    let corpus = shared()?.join("corpus");
    corpus.join("gold").exists().then_some(corpus)
}

#[test]
fn corpus_score_holds_its_floor() {
    let Some(corpus) = corpus() else {
        common::skipped("corpus_score_holds_its_floor", "../shared/corpus is absent");
        return;
    };
    let f1 = score(&corpus.join("gold"), &corpus.join("docs"), &[]);
    println!("corpus F1 {f1}");
    assert!(
        f1 >= CORPUS_FLOOR,
        "corpus F1 fell to {f1} (floor {CORPUS_FLOOR})"
    );
}

#[test]
fn whole_documents_score_holds_their_floor() {
    let Some(corpus) = corpus() else {
        common::skipped(
            "whole_documents_score_holds_their_floor",
            "../shared/corpus is absent",
        );
        return;
    };
    let f1 = score(&corpus.join("gold"), &corpus.join("docs"), &WHOLE_DOCUMENTS);
    println!("whole documents F1 {f1}");
    assert!(
        f1 >= WHOLE_DOCUMENTS_FLOOR,
        "whole documents F1 fell to {f1} (floor {WHOLE_DOCUMENTS_FLOOR})"
    );
}
