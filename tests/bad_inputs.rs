//! A battery of inputs nobody curated: every file ends as exactly one of
//! parsed, parsed with diagnostics, skipped (with the reason) or failed
//! (with the reason), nothing is lost or replaced silently, and the input
//! tree is never modified.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn greffier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_greffier"))
}

fn seed() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed-001_8d5666818704f46d.txt"
    ))
    .unwrap()
}

fn run(args: &[&str], inputs: &[&Path], out: &Path) -> Output {
    greffier()
        .arg("parse")
        .args(args)
        .arg("--out")
        .arg(out)
        .args(inputs)
        .output()
        .unwrap()
}

/// The run exited 0; its standard error is shown when not.
fn assert_success(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The run report's entries, by file name.
fn report(out: &Path) -> BTreeMap<String, Value> {
    let r: Value =
        serde_json::from_slice(&std::fs::read(out.join("greffier-report.json")).unwrap()).unwrap();
    r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = Path::new(f["input"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            (name, f.clone())
        })
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut b = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        b.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    b
}

/// Every file under `dir` with its bytes, to prove a run left it untouched.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let b = std::fs::read(e.path()).unwrap_or_default();
            (e.into_path(), b)
        })
        .collect()
}

#[test]
fn every_kind_of_bad_file_gets_one_outcome() {
    let text = String::from_utf8(seed()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    w("good.txt", text.as_bytes());
    w(
        "pdf.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
    );
    w("empty.txt", b"");
    w("blank.txt", b"  \n\n\t\r\n");
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    w("binary.txt", &binary);
    w("utf16le.txt", &utf16(&text, false));
    w("utf16be.txt", &utf16(&text, true));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    w("utf8bom.txt", &bom);
    w("crlf.txt", text.replace('\n', "\r\n").as_bytes());
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    w("cp1252.txt", &cp1252);
    let mut nul = text.clone().into_bytes();
    for k in (100..nul.len()).step_by(997) {
        nul[k] = 0;
    }
    w("nul.txt", &nul);
    // Cut in the middle of a multi-byte character.
    let cut = text
        .char_indices()
        .find(|&(i, c)| i > text.len() / 2 && c.len_utf8() > 1)
        .map(|(i, _)| i + 1)
        .unwrap();
    w("truncated.txt", &text.as_bytes()[..cut]);
    w("big.txt", &vec![b'x'; (1 << 20) + 10]);
    std::fs::create_dir(dir.path().join("folder.txt")).unwrap();
    w("folder.txt/inner.txt", text.as_bytes());

    let before = snapshot(dir.path());
    let out = tempfile::tempdir().unwrap();
    let o = run(&["--max-size", "1"], &[dir.path()], out.path());
    assert_success(&o);
    assert_eq!(before, snapshot(dir.path()), "the input tree was modified");

    let r = report(out.path());
    let status = |name: &str| r[name]["status"].as_str().unwrap().to_string();
    let reason = |name: &str| r[name]["reason"].as_str().unwrap_or("").to_string();
    assert!(reason("pdf.txt").contains("convert it to text first"));
    assert_eq!(reason("empty.txt"), "empty");
    assert_eq!(reason("blank.txt"), "empty");
    assert!(reason("binary.txt").contains("not text"));
    assert!(reason("big.txt").contains("--max-size"));
    assert!(reason("folder.txt").contains("folder"));
    for name in ["pdf.txt", "empty.txt", "blank.txt", "binary.txt", "big.txt"] {
        assert_eq!(status(name), "skipped", "{name}");
        assert!(
            !out.path().join(name).with_extension("json").exists(),
            "{name}"
        );
    }
    // Every text variant gives the same deliberation as the plain file.
    let number = |rel: &str| -> Value {
        let p = out.path().join(rel).with_extension("json");
        let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        v["deliberations"][0]["number"].clone()
    };
    let expected = number("good.txt");
    assert_eq!(expected, "2022-372");
    for name in [
        "utf16le.txt",
        "utf16be.txt",
        "utf8bom.txt",
        "crlf.txt",
        "cp1252.txt",
        "nul.txt",
        "truncated.txt",
        "folder.txt/inner.txt",
    ] {
        assert_eq!(number(name), expected, "{name}");
    }
    let enc = |rel: &str| -> String {
        let p = out.path().join(rel).with_extension("json");
        let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        v["source"]["encoding"].as_str().unwrap().to_string()
    };
    assert_eq!(enc("utf16le.txt"), "utf-16le");
    assert_eq!(enc("utf16be.txt"), "utf-16be");
    assert_eq!(enc("utf8bom.txt"), "utf-8-bom");
    assert_eq!(enc("cp1252.txt"), "windows-1252");
    assert_eq!(enc("truncated.txt"), "utf-8");
    // Every input is in the report exactly once, and the summary adds up.
    let summary: Value = serde_json::from_slice::<Value>(
        &std::fs::read(out.path().join("greffier-report.json")).unwrap(),
    )
    .unwrap()["summary"]
        .clone();
    let files = summary["files"].as_u64().unwrap();
    assert_eq!(files, 15, "{summary}");
    assert_eq!(
        summary["parsed"].as_u64().unwrap()
            + summary["skipped"].as_u64().unwrap()
            + summary["failed"].as_u64().unwrap(),
        files
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_dangling_links_and_unreadable_files_are_reported() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), seed()).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    symlink(
        dir.path().join("nowhere.txt"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, seed()).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file: the unreadable case is then not testable.
    let unreadable = std::fs::read(&locked).is_err();

    let out = tempfile::tempdir().unwrap();
    let o = run(&["--quiet"], &[dir.path()], out.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(o.status.code(), Some(1), "failures give exit code 1");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("symbolic link loop"), "{err}");
    assert!(err.contains("dangling.txt: failed"), "{err}");
    if unreadable {
        assert!(err.contains("locked.txt: failed"), "{err}");
    }
    assert!(out.path().join("good.json").exists());
    let r = report(out.path());
    assert_ne!(r["good.txt"]["status"], "failed");
    assert_eq!(r["dangling.txt"]["status"], "failed");
}

#[test]
fn existing_outputs_are_replaced_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, seed()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("a.json");

    assert_eq!(
        run(&["-q"], &[dir.path()], out.path()).status.code(),
        Some(0)
    );
    let first = std::fs::read(&target).unwrap();
    // The same run again: identical output, nothing to replace.
    assert_eq!(
        run(&["-q"], &[dir.path()], out.path()).status.code(),
        Some(0)
    );

    // A hand-edited output is left alone, and the input named as failed.
    std::fs::write(&target, b"{\"edited\": true}\n").unwrap();
    let o = run(&["-q"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("left alone"));
    assert_eq!(std::fs::read(&target).unwrap(), b"{\"edited\": true}\n");
    // --incremental does not replace what greffier did not write either.
    let o = run(&["-q", "--incremental"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(1));
    // --force does.
    assert_eq!(
        run(&["-q", "--force"], &[dir.path()], out.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read(&target).unwrap(), first);

    // --incremental skips an unchanged input and re-parses a changed one.
    let o = run(&["--incremental"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(report(out.path())["a.txt"]["status"], "skipped");
    assert!(String::from_utf8_lossy(&o.stderr).contains("unchanged"));
    let mut changed = seed();
    changed.extend_from_slice(b"\nAffiche le 3 janvier 2023\n");
    std::fs::write(&input, &changed).unwrap();
    let o = run(&["-q", "--incremental"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(0));
    assert_ne!(report(out.path())["a.txt"]["status"], "skipped");
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["source"]["sha256"], greffier::sha256_hex(&changed));
}

#[test]
fn outputs_in_folders_made_by_an_earlier_run_are_kept() {
    // The first run makes out/sub and writes there without looking first;
    // the second finds the folder there and compares with what it holds.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), seed()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("sub/a.json");
    assert_success(&run(&["-q"], &[dir.path()], out.path()));
    let first = std::fs::read(&target).unwrap();
    assert_success(&run(&["-q"], &[dir.path()], out.path()));
    std::fs::write(&target, b"{}\n").unwrap();
    let o = run(&["-q"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("left alone"));
    assert_eq!(std::fs::read(&target).unwrap(), b"{}\n");
    assert_success(&run(&["-q", "--force"], &[dir.path()], out.path()));
    assert_eq!(std::fs::read(&target).unwrap(), first);
    let names: Vec<_> = std::fs::read_dir(out.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.json"], "no temporary file left behind");
}

#[test]
fn two_inputs_with_one_output_name_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), seed()).unwrap();
    std::fs::write(dir.path().join("a.txt"), b"Conseil municipal\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = run(&["-q"], &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a.txt: failed"), "{err}");
    // The first input (in sorted order) keeps its output.
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("a.json")).unwrap()).unwrap();
    assert_eq!(v["source"]["path"], "a.md");
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), seed()).unwrap();
    let out = dir.path().join("out");
    for _ in 0..2 {
        let o = run(&["-q"], &[dir.path()], &out);
        assert_eq!(o.status.code(), Some(0));
        let r = report(&out);
        assert_eq!(r.len(), 1, "{r:?}");
    }
}

#[test]
fn an_output_folder_reached_through_a_link_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), seed()).unwrap();
    let out = tempfile::tempdir().unwrap();
    // A text left in the output folder, which the input reaches by a link
    // of another name: neither is read.
    std::fs::write(out.path().join("left.txt"), seed()).unwrap();
    std::os::unix::fs::symlink(out.path(), dir.path().join("link")).unwrap();
    let o = run(&["-q", "--force"], &[dir.path()], out.path());
    assert_success(&o);
    let r = report(out.path());
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn a_duplicate_number_across_files_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), seed()).unwrap();
    std::fs::write(dir.path().join("b.txt"), seed()).unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        run(&["-q"], &[dir.path()], out.path()).status.code(),
        Some(0)
    );
    let diags = |name: &str| -> Vec<Value> {
        let v: Value =
            serde_json::from_slice(&std::fs::read(out.path().join(name)).unwrap()).unwrap();
        v["diagnostics"].as_array().unwrap().clone()
    };
    assert!(
        !diags("a.json")
            .iter()
            .any(|d| d["code"] == "number.duplicate")
    );
    let b = diags("b.json");
    let dup = b
        .iter()
        .find(|d| d["code"] == "number.duplicate")
        .expect("b repeats a's number");
    assert!(dup["message"].as_str().unwrap().contains("a.txt"));
    assert!(dup["line"].as_u64().is_some());
    assert_eq!(
        report(out.path())["b.txt"]["status"],
        "parsed_with_diagnostics"
    );
    // --verbose names file and line of each diagnostic on standard error.
    let o = run(&["--verbose"], &[dir.path()], out.path());
    let err = String::from_utf8_lossy(&o.stderr);
    let expected = format!(
        "b.txt:{}: warning[number.duplicate]:",
        dup["line"].as_u64().unwrap()
    );
    assert!(err.contains(&expected), "{err}");
}

#[test]
fn jsonl_into_a_folder_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), seed()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let args = ["-q", "--format", "jsonl"];
    assert_eq!(run(&args, &[dir.path()], out.path()).status.code(), Some(0));
    let jsonl = out.path().join("greffier.jsonl");
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap().lines().count(), 1);
    let o = run(&args, &[dir.path()], out.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = run(
        &["-q", "--format", "jsonl", "--force"],
        &[dir.path()],
        out.path(),
    );
    assert_eq!(o.status.code(), Some(0));
}
