//! The published JSON Schema: the committed file is the one the types
//! generate, and every fixture's output (and the corpus's, when present)
//! validates against it.

mod common;

fn committed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/greffier-output.schema.json"
    ))
    .expect("schema/greffier-output.schema.json is committed")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    assert!(
        committed() == greffier::model::output_schema_text(),
        "schema/greffier-output.schema.json is stale: run \
         `cargo run --release -- schema > schema/greffier-output.schema.json`"
    );
}

fn validate_all(files: &[std::path::PathBuf]) {
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for f in files {
        let doc = greffier::parse_bytes("x.txt", &std::fs::read(f).unwrap());
        let value = serde_json::to_value(&doc).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
}

#[test]
fn every_fixture_output_validates() {
    let mut files = common::project_files("fixtures", "txt");
    files.extend(common::project_files("fixtures/layouts", "txt"));
    assert!(!files.is_empty());
    validate_all(&files);
}

#[test]
fn a_schema_violation_is_caught() {
    // The validator is not vacuous: a document with a wrong type fails.
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut value =
        serde_json::to_value(greffier::parse_bytes("x.txt", b"Conseil municipal\n")).unwrap();
    assert!(validator.is_valid(&value));
    value["schema_version"] = serde_json::json!("one");
    assert!(!validator.is_valid(&value));
}

#[test]
fn every_corpus_output_validates() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/docs"
    ));
    let Ok(entries) = std::fs::read_dir(dir) else {
        common::skipped(
            "every_corpus_output_validates",
            "../shared/corpus is absent",
        );
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    validate_all(&files);
}
