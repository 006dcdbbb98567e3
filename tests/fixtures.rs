//! Every `fixtures/NAME.txt` parsed and compared with `fixtures/NAME.json`.
//!
//! The expected files were written by hand from the text (the seeds' from the
//! hand-made gold answers). They hold a subset of the output: every key they
//! give must be in the output with the same value; keys they leave out are
//! not checked. Arrays must have the same length.

mod common;

use common::check;
use serde_json::Value;
use std::path::Path;

#[test]
fn every_fixture_matches_its_expected_json() {
    // The seeds and layouts at the top, and one pair per layout of issue 6
    // under fixtures/layouts/.
    let mut names = common::project_files("fixtures", "txt");
    names.extend(common::project_files("fixtures/layouts", "txt"));
    assert!(names.len() >= 8, "fixtures are missing");
    let mut failures = Vec::new();
    for txt in names {
        let json = txt.with_extension("json");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&json).unwrap_or_else(|e| panic!("{}: {e}", json.display())),
        )
        .unwrap();
        let bytes = std::fs::read(&txt).unwrap();
        let name = txt.file_name().unwrap().to_string_lossy().to_string();
        let doc = greffier::parse_bytes(&name, &bytes);
        let actual = serde_json::to_value(&doc).unwrap();
        let mut errors = Vec::new();
        check(&expected, &actual, &name, &mut errors);
        failures.extend(errors);
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn same_output_for_crlf_cr_and_windows_1252() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let text = std::fs::read_to_string(dir.join("seed-001_8d5666818704f46d.txt")).unwrap();
    let base = greffier::parse_bytes("x.txt", text.as_bytes());
    let crlf = greffier::parse_bytes("x.txt", text.replace('\n', "\r\n").as_bytes());
    let cr = greffier::parse_bytes("x.txt", text.replace('\n', "\r").as_bytes());
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    let win = greffier::parse_bytes("x.txt", &cp1252);
    assert_eq!(win.source.encoding, "windows-1252");
    for other in [&crlf, &cr] {
        assert_eq!(base.deliberations, other.deliberations);
        assert_eq!(base.other_sections, other.other_sections);
    }
    if !unmappable {
        assert_eq!(base.deliberations, win.deliberations);
    } else {
        // Characters outside Windows-1252 become entities; the structure stays.
        assert_eq!(base.deliberations[0].number, win.deliberations[0].number);
        assert_eq!(
            base.deliberations[0].attendance.present.len(),
            win.deliberations[0].attendance.present.len()
        );
    }
}
