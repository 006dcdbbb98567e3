//! The command line on real fixtures: outputs, formats, exit codes.

use std::path::Path;
use std::process::{Command, Stdio};

mod common;

fn greffier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_greffier"))
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

/// Standard output of `greffier parse --quiet ARGS fixtures`, which must succeed.
fn parse_fixtures(args: &[&str]) -> String {
    let o = greffier()
        .args(["parse", "--quiet"])
        .args(args)
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn folder_to_mirrored_json_files_and_report() {
    let out = tempfile::tempdir().unwrap();
    let st = greffier()
        .args(["parse", "--quiet", "--out"])
        .arg(out.path())
        .arg(fixtures())
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.path().join("seed-000_71235aea79d1c39c.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(j["deliberations"][0]["number"], "2023-490");
    assert_eq!(j["source"]["path"], "seed-000_71235aea79d1c39c.txt");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("greffier-report.json")).unwrap())
            .unwrap();
    assert!(report["summary"]["files"].as_u64().unwrap() >= 4);
    assert_eq!(report["summary"]["failed"], 0);
}

#[test]
fn jsonl_on_stdout_keeps_input_order_with_one_or_many_threads() {
    let run = |jobs: &str| parse_fixtures(&["--format", "jsonl", "--jobs", jobs]);
    let one = run("1");
    let two = run("2");
    assert_eq!(one, two);
    let paths: Vec<String> = one
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = greffier()
        .args(["parse", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(fixtures().join("seed-001_8d5666818704f46d.txt")).unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&text).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["deliberations"][0]["number"], "2022-372");
}

#[test]
fn a_bad_file_is_named_and_others_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("seed-001_8d5666818704f46d.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), b"%PDF-1.4 binary").unwrap();
    std::fs::write(dir.path().join("c.txt"), b"").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = greffier()
        .args(["parse", "--out"])
        .arg(out.path())
        .arg(dir.path())
        .arg("/nonexistent/file.txt")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "a missing input is a failure");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("b.txt: skipped: a PDF file: convert it to text first"),
        "{err}"
    );
    assert!(err.contains("c.txt: skipped: empty"), "{err}");
    assert!(err.contains("/nonexistent/file.txt: failed"), "{err}");
    assert!(out.path().join("a.json").exists());
}

#[test]
fn usage_errors_exit_2() {
    let o = greffier().args(["parse"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = greffier()
        .args(["parse", "--format", "xml", "x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = greffier().args(["parse", "--help"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("EXAMPLES"));
}

#[test]
fn stdin_jsonl_keeps_order_and_reports_bad_records_in_place() {
    // More records than one batch, on two threads, with bad records inside.
    let texts: Vec<String> = common::fixture_bytes()
        .into_iter()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..600 {
        if i % 97 == 13 {
            input.push_str("{\"path\": \"broken\n");
            expected.push(None);
            continue;
        }
        let path = format!("doc-{i}.txt");
        let rec = serde_json::json!({"path": path, "text": texts[i % texts.len()]});
        input.push_str(&rec.to_string());
        input.push('\n');
        expected.push(Some(path));
    }
    let mut child = greffier()
        .args(["parse", "--stdin-jsonl", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).unwrap();
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected.len());
    for (k, (line, exp)) in lines.iter().zip(&expected).enumerate() {
        match exp {
            Some(path) => assert_eq!(&line["source"]["path"], path, "line {}", k + 1),
            None => {
                assert_eq!(line["line"], k as u64 + 1);
                assert!(line["error"].as_str().unwrap().contains("bad record"));
            }
        }
    }
}

#[test]
fn search_and_bulk_streams_have_one_document_per_deliberation() {
    let run = |format: &str| parse_fixtures(&["--format", format, "--index", "delibs"]);
    let search = run("search");
    let docs: Vec<serde_json::Value> = search
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let seed = docs
        .iter()
        .find(|d| d["id"] == "seed-000_71235aea79d1c39c.txt#2023-490")
        .expect("the seed's deliberation");
    assert_eq!(seed["collectivity"], "DEPARTEMENT DU PAS-DE-CALAIS");
    assert_eq!(seed["meeting_date"], "2023-11-20");
    assert!(seed["decision"].as_str().unwrap().contains("CANOPÉ"));
    assert!(!seed["present"].as_array().unwrap().is_empty());
    let bulk = run("bulk");
    let lines: Vec<&str> = bulk.lines().collect();
    assert_eq!(lines.len(), 2 * docs.len());
    for pair in lines.chunks(2) {
        let action: serde_json::Value = serde_json::from_str(pair[0]).unwrap();
        let doc: serde_json::Value = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(action["index"]["_index"], "delibs");
        assert_eq!(action["index"]["_id"], doc["id"]);
    }
}

/// `--stats` prints, after the summary, one row per label kind whose used
/// lines are never more than those seen, and whose sums over the fixtures
/// are those of the documents' `coverage.unused` diagnostics.
#[test]
fn stats_print_the_coverage_of_every_label_kind() {
    let o = greffier()
        .args(["parse", "--quiet", "--stats", "--format", "jsonl"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    let mut unused_total = 0;
    for kind in greffier::model::COVERED_KINDS {
        let row = err
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no row for {kind} in {err}"));
        let n: Vec<u64> = row
            .split_whitespace()
            .skip(1)
            .take(3)
            .map(|c| c.parse().unwrap())
            .collect();
        assert!(n[1] <= n[0] && n[2] == n[0] - n[1], "{row}");
        unused_total += n[2];
    }
    assert!(err.contains("attendance"), "{err}");
    let diagnosed: u64 = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap();
            doc["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["code"] == "coverage.unused")
                .count() as u64
        })
        .sum();
    assert_eq!(unused_total, diagnosed);
}
