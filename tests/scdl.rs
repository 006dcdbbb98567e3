//! `--format scdl` on the fixtures: the columns of the SCDL schema, the rules
//! validators enforce, what comes from the user, and the rows that cannot be
//! valid. (The validators themselves run in scripts/scdl-validate-test.sh.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The fixtures at the top of `fixtures/`: every act there has a number, a
/// date and a collectivité of the mapping file. (`fixtures/layouts/` holds
/// acts that SCDL cannot make valid by design, such as acts voted under one
/// agenda item without a number of their own.)
fn top_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn scdl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_greffier"))
        .args(["parse", "--quiet", "--format", "scdl"])
        .args(args)
        .args(top_fixtures())
        .output()
        .unwrap()
}

fn schema() -> serde_json::Value {
    serde_json::from_slice(
        &std::fs::read(project("schema/scdl-deliberations-2.1.5.schema.json")).unwrap(),
    )
    .unwrap()
}

/// The rows of a CSV as maps column → value.
fn csv_rows(csv: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_reader(csv);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

fn num(row: &HashMap<String, String>, col: &str) -> Option<u32> {
    let v = &row[col];
    (!v.is_empty()).then(|| v.parse().unwrap())
}

#[test]
fn columns_are_the_schema_fields_in_order() {
    let fields: Vec<String> = schema()["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, greffier::scdl::COLUMNS);
    let o = scdl(&["--collectivities", "fixtures/scdl/collectivites.csv"]);
    let (header, _) = csv_rows(&o.stdout);
    assert_eq!(header, fields);
}

#[test]
fn the_committed_schema_is_the_shared_spec() {
    let shared = project("../shared/spec/scdl-deliberations-2.1.5.schema.json");
    if !shared.exists() {
        eprintln!("skipped: ../shared is absent");
        return;
    }
    assert_eq!(
        std::fs::read(shared).unwrap(),
        std::fs::read(project("schema/scdl-deliberations-2.1.5.schema.json")).unwrap()
    );
}

#[test]
fn fixture_rows_follow_the_schema_rules() {
    let o = Command::new(env!("CARGO_BIN_EXE_greffier"))
        .current_dir(project(""))
        .args(["parse", "--quiet", "--format", "scdl"])
        .args(["--collectivities", "fixtures/scdl/collectivites.csv"])
        .args(top_fixtures())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (_, rows) = csv_rows(&o.stdout);
    assert_eq!(rows.len(), 4);
    let schema = schema();
    for row in &rows {
        // Required columns filled, patterns held.
        for f in schema["fields"].as_array().unwrap() {
            let name = f["name"].as_str().unwrap();
            let value = &row[name];
            if f["constraints"]["required"] == true {
                assert!(!value.is_empty(), "{name} empty in {row:?}");
            }
            if let Some(p) = f["constraints"]["pattern"].as_str()
                && !value.is_empty()
            {
                assert!(
                    regex::Regex::new(p).unwrap().is_match(value),
                    "{name} {value}"
                );
            }
        }
        assert!(greffier::scdl::siret_is_valid(&row["COLL_SIRET"]));
        // The vote columns: all or none, REEL the sum, EFFECTIF at least REEL.
        let votes: Vec<Option<u32>> = [
            "VOTE_EFFECTIF",
            "VOTE_REEL",
            "VOTE_POUR",
            "VOTE_CONTRE",
            "VOTE_ABSTENTION",
        ]
        .iter()
        .map(|c| num(row, c))
        .collect();
        assert!(votes.iter().all(Option::is_some) || votes.iter().all(Option::is_none));
        if let [Some(eff), Some(real), Some(p), Some(c), Some(a)] = votes[..] {
            assert_eq!(real, p + c + a);
            assert!(eff >= real);
        }
        assert_eq!(row["BUDGET_ANNEE"].is_empty(), row["BUDGET_NOM"].is_empty());
        if !row["PREF_DATE"].is_empty() {
            assert!(row["PREF_DATE"] >= row["DELIB_DATE"]);
        }
    }
    let seed = rows.iter().find(|r| r["DELIB_ID"] == "2023-490").unwrap();
    assert_eq!(seed["COLL_NOM"], "Département du Pas-de-Calais");
    assert_eq!(seed["COLL_SIRET"], "22620001200012");
    assert_eq!(seed["PREF_ID"], "PREF062");
    assert_eq!(seed["DELIB_DATE"], "2023-11-20");
    assert_eq!(seed["PREF_DATE"], "2023-12-06");
    assert_eq!(seed["BUDGET_ANNEE"], "2023/2024");
    assert_eq!(seed["BUDGET_NOM"], "Budget départemental");
    assert_eq!(seed["VOTE_POUR"], "44");
    assert_eq!(
        seed["DELIB_URL"],
        "https://deliberations.example.org/22620001200012/seed-000_71235aea79d1c39c.pdf"
    );
    // The seed subsidies: subsidies or education.
    for r in rows.iter().filter(|r| r["COLL_SIRET"] == "22620001200012") {
        assert!(
            ["7.5", "8.1"].contains(&r["DELIB_MATIERE_CODE"].as_str()),
            "{r:?}"
        );
    }
    let commune = rows
        .iter()
        .find(|r| r["COLL_SIRET"] == "21999900000017")
        .unwrap();
    assert_eq!(commune["DELIB_MATIERE_CODE"], "7.5");
    assert_eq!(commune["DELIB_MATIERE_NOM"], "finances locales/subventions");
    // 4 present, 2 absent, 1 proxy giver; 4 for and 1 against.
    assert_eq!(
        (
            num(commune, "VOTE_EFFECTIF"),
            num(commune, "VOTE_REEL"),
            num(commune, "VOTE_CONTRE")
        ),
        (Some(7), Some(5), Some(1))
    );
}

#[test]
fn run_wide_values_and_rows_without_siret() {
    let o = scdl(&["--siret", "22620001200012", "--pref-id", "PREF062"]);
    assert_eq!(o.status.code(), Some(0));
    let (_, rows) = csv_rows(&o.stdout);
    assert!(
        rows.iter()
            .all(|r| r["COLL_SIRET"] == "22620001200012" && r["PREF_ID"] == "PREF062")
    );
    // Without any SIRET every row is still written, and each is named once.
    let o = scdl(&[]);
    assert_eq!(o.status.code(), Some(0));
    let (_, rows) = csv_rows(&o.stdout);
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["COLL_SIRET"].is_empty()));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.matches("no COLL_SIRET").count(), 4, "{err}");
    assert!(err.contains("seed-000_71235aea79d1c39c.txt:"), "{err}");
    assert!(
        err.contains("\"DEPARTEMENT DU PAS-DE-CALAIS\" in --collectivities"),
        "{err}"
    );
}

#[test]
fn out_writes_deliberations_csv_and_never_replaces_it_silently() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let o = scdl(&["--siret", "22620001200012", "--out", dir]);
    assert_eq!(o.status.code(), Some(0));
    let csv = std::fs::read(out.path().join("deliberations.csv")).unwrap();
    assert_eq!(csv_rows(&csv).1.len(), 4);
    let o = scdl(&["--siret", "22620001200012", "--out", dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        std::fs::read(out.path().join("deliberations.csv")).unwrap(),
        csv
    );
}

#[test]
fn bad_user_values_are_usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (&["--siret", "22620001200013"], "check digit"),
        (&["--siret", "2262000120001"], "not a SIRET"),
        (&["--pref-id", "PREF62"], "PREFNNN"),
        (&["--url-template", "https://x.fr/{numero}.pdf"], "{numero}"),
        (
            &["--collectivities", "no-such-file.csv"],
            "no-such-file.csv",
        ),
    ];
    for (args, message) in cases {
        let o = scdl(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // The SCDL values mean nothing to other formats.
    let o = Command::new(env!("CARGO_BIN_EXE_greffier"))
        .args(["parse", "--siret", "22620001200012"])
        .args(top_fixtures())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn mapping_file_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.csv");
    std::fs::write(
        &map,
        "name,siret,pref_id,url_template\nCommune A,21999900000017,,\nCommune B,21999900000018,,\n",
    )
    .unwrap();
    let o = scdl(&["--collectivities", map.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("map.csv:3:") && err.contains("21999900000018"),
        "{err}"
    );
    std::fs::write(
        &map,
        "name,siret\nCommune A,21999900000017\ncommune a,21999900000017\n",
    )
    .unwrap();
    let err = String::from_utf8_lossy(&scdl(&["--collectivities", map.to_str().unwrap()]).stderr)
        .to_string();
    assert!(err.contains("map.csv:3:") && err.contains("twice"), "{err}");
}
