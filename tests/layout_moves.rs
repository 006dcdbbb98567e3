//! The facts greffier reads do not depend on where independent blocks sit:
//! the agenda before or after the attendance, the counts above or below it,
//! the stamps at the top or the bottom. And every text of the shared corpus
//! that has an attendance label gets an attendance (or a diagnostic naming
//! the label it could not read).

mod common;

use greffier::model::{Attendance, Document, Person};
use proptest::prelude::*;

const HEADER: &str =
    "COMMUNE DE SAINT-AUBIN\nCompte rendu du conseil municipal\nSéance du 12 mars 2024\n";
const AGENDA: &str =
    "Ordre du jour :\n1. Tarifs de la cantine\n2. Subvention au club de football\n";
const ATTENDANCE: &str = "Présents : M. Paul GARNIER, Mme Anne LEROUX, M. Marc DUVAL, Mme Sophie BRUN\nAbsents : M. Luc MOREAU\nSecrétaire de séance : Mme Anne LEROUX\n";
const COUNTS: &str = "Nombre de conseillers en exercice : 5\n";
const STAMPS: &str = "Envoyé en préfecture le 20/03/2024\nPublié le 21/03/2024\n";
const ITEMS: &str = "1. Tarifs de la cantine\nMonsieur le Maire propose de revaloriser les tarifs de 2 %.\nVote : Pour : 4 Contre : 0 Abstention : 0\n\n2. Subvention au club de football\nLe club sollicite une aide pour ses déplacements.\nLe conseil municipal à l'unanimité accepte de verser 500 euros.\n";

/// The text with its blocks in the order the flags say.
fn text(agenda_first: bool, counts_below: bool, stamps_at_end: bool) -> String {
    let attendance = if counts_below {
        format!("{ATTENDANCE}{COUNTS}")
    } else {
        format!("{COUNTS}{ATTENDANCE}")
    };
    let (first, second) = if agenda_first {
        (AGENDA, attendance.as_str())
    } else {
        (attendance.as_str(), AGENDA)
    };
    let body = format!("{HEADER}\n{first}\n{second}\n{ITEMS}");
    if stamps_at_end {
        format!("{body}\n{STAMPS}")
    } else {
        format!("{STAMPS}\n{body}")
    }
}

fn names(list: &[Person]) -> Vec<Option<String>> {
    list.iter().map(|p| p.family_name.clone()).collect()
}

/// What a reader would check: the meeting, the attendance, and each
/// deliberation's number, title, vote and outcome. Line numbers move with
/// the blocks and are left out.
fn facts(doc: &Document) -> String {
    let s = doc.sitting.as_ref().expect("minutes have a sitting");
    let a: &Attendance = &s.attendance;
    let mut out = format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}\n",
        s.meeting.date,
        s.meeting
            .secretary
            .as_ref()
            .and_then(|p| p.family_name.clone()),
        names(&a.present),
        names(&a.absent),
        a.counts.in_office,
        s.collectivity.as_ref().and_then(|c| c.name.clone()),
    );
    for d in &doc.deliberations {
        let v = d.vote.as_ref();
        out += &format!(
            "{:?} {:?} {:?} {:?} {:?}\n",
            d.number,
            d.title,
            v.map(|v| (v.for_, v.against, v.abstention, v.unanimous)),
            d.outcome,
            names(&d.attendance.present),
        );
    }
    out
}

fn parse(text: &str) -> Document {
    greffier::parse_bytes("moves.txt", text.as_bytes())
}

#[test]
fn the_canonical_order_reads_every_fact() {
    let doc = parse(&text(false, true, true));
    let f = facts(&doc);
    assert_eq!(doc.deliberations.len(), 2, "{f}");
    assert!(f.contains("Some(\"2024-03-12\") Some(\"LEROUX\")"), "{f}");
    assert!(f.contains("Some(5)"), "{f}");
    assert!(
        f.contains("Some((Some(4), Some(0), Some(0), false))"),
        "{f}"
    );
    assert!(
        f.contains("Some(\"Subvention au club de football\")"),
        "{f}"
    );
}

proptest! {
    #[test]
    fn moving_independent_blocks_keeps_the_facts(
        agenda_first in any::<bool>(),
        counts_below in any::<bool>(),
        stamps_at_end in any::<bool>(),
    ) {
        let canonical = facts(&parse(&text(false, true, true)));
        let moved = facts(&parse(&text(agenda_first, counts_below, stamps_at_end)));
        prop_assert_eq!(canonical, moved);
    }
}

/// Every corpus text with a line the lexer labels as an attendance list
/// gets an attendance, or a diagnostic names the label that gave no name
/// (a list the converter lost): never silently nothing.
#[test]
fn every_corpus_text_with_an_attendance_label_gets_an_attendance() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/docs"
    ));
    let Ok(entries) = std::fs::read_dir(dir) else {
        common::skipped(
            "every_corpus_text_with_an_attendance_label_gets_an_attendance",
            "../shared/corpus is absent",
        );
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = greffier::decode::decode(&bytes).text;
        let norm = greffier::normalize::normalize(&text);
        let lines = norm.lines();
        let lexemes = greffier::lex::lex(&lines);
        let labels: Vec<u32> = lines
            .iter()
            .zip(&lexemes)
            .filter(|(l, x)| {
                x.part == Some(greffier::lex::Part::List)
                    && greffier::parse::attendance::list_label(l.text).is_some()
            })
            .map(|(l, _)| l.no)
            .collect();
        if labels.is_empty() {
            continue;
        }
        checked += 1;
        let doc = greffier::parse_bytes("x.txt", &bytes);
        let empty = Attendance::default();
        let has = doc.sitting.as_ref().is_some_and(|s| s.attendance != empty)
            || doc.deliberations.iter().any(|d| d.attendance != empty);
        let named = doc.diagnostics.iter().any(|d| {
            matches!(d.code.as_str(), "coverage.unused" | "attendance.unread")
                && d.line.is_some_and(|l| labels.contains(&l))
        });
        if !has && !named {
            failures.push(path.display().to_string());
        }
    }
    assert!(
        checked > 20,
        "only {checked} texts with an attendance label"
    );
    assert!(
        failures.is_empty(),
        "no attendance and no diagnostic: {failures:?}"
    );
}
