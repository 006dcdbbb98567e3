//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;

/// Subset comparison: every key of `expected` must be in `actual` with the
/// same value; arrays must have the same length; numbers compare within 1e-6.
pub fn check(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                match a.get(k) {
                    Some(av) => check(v, av, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!(
                    "{path}: expected {} items, got {}: {}",
                    e.len(),
                    a.len(),
                    actual
                ));
                return;
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                check(x, y, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            if (e.as_f64().unwrap_or(f64::NAN) - a.as_f64().unwrap_or(f64::NAN)).abs() > 1e-6 {
                errors.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        (e, a) => {
            if e != a {
                errors.push(format!("{path}: expected {e}, got {a}"));
            }
        }
    }
}

/// The bytes of every `fixtures/*.txt`, in name order.
pub fn fixture_bytes() -> Vec<Vec<u8>> {
    project_files("fixtures", "txt")
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// The files of `CARGO_MANIFEST_DIR/dir` with extension `ext`, sorted.
pub fn project_files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Says on the real standard error (which the test harness does not
/// capture) that a test was skipped, so that `cargo test` shows it.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}
