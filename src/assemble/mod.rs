//! Assembly: a file's labelled lines into the sitting, the deliberations
//! and the other sections.
//!
//! ```text
//! file        = [deliberation] (rapport | courrier | annexe)*
//! rapport     = [letterhead] "RAPPORT N°" … up to the next section
//! courrier    = address_block "Objet :" salutation … formule de politesse …
//! annexe      = any other text after the deliberation (convention, bilan, schéma)
//! ```
//!
//! A file holds a deliberation when, before its first rapport, it has a
//! decision (a decision marker or numbered articles) and a sign that the
//! decision is an act: a number, a vote, an outcome or a "délibération" header.

use crate::extract::parse_deliberation;
pub mod coverage;
pub mod items;
pub mod minutes;

use crate::lex::{Lexeme, Part, is_act_header, lex};
use crate::model::{Coverage, Deliberation, Diagnostic, OtherSection, Sitting};
use crate::normalize::Line;
use crate::parse::articles::{article_head, decision_marker_line};
use crate::parse::header::collectivity;
use crate::parse::number::{number_line, objet_line};
use crate::parse::trivia::{Words, clean, folded, starts_with_folded};
use crate::parse::vote::{is_unanimous, outcome_line, vote_line};
use std::sync::LazyLock;

/// What segmentation and parsing made of a file's lines.
#[derive(Debug, Default)]
pub struct Assembled {
    pub sitting: Option<Sitting>,
    pub deliberations: Vec<Deliberation>,
    pub other_sections: Vec<OtherSection>,
    /// The input lines a fact was read from.
    pub used: Vec<u32>,
    /// Per label kind, the lines labelled and those used.
    pub coverage: Coverage,
}

fn is_rapport_anchor(t: &str) -> bool {
    (starts_with_folded(t, "rapport n") || starts_with_folded(t, "rapport du president n"))
        && folded(t).len() < 40
}

/// The start of a rapport: its "RAPPORT N°" line, or the collectivity
/// letterhead a few lines above it.
fn rapport_start(lines: &[Line], anchor: usize, floor: usize) -> usize {
    let lo = anchor.saturating_sub(10).max(floor);
    (lo..anchor)
        .find(|&k| collectivity(lines[k].text).is_some())
        .unwrap_or(anchor)
}

fn has_deliberation(lines: &[Line], lexemes: &[Lexeme]) -> bool {
    let (mut decision, mut number, mut outcome_seen, mut vote, mut header) =
        (false, false, false, false, false);
    // A decision made an act by a number, a vote, an outcome or a header; or
    // an outcome under a numbered or headed act with the decision in prose.
    // Each rule is asked only until it holds, only where the line's label
    // allows it, and the scan stops as soon as the answer is known.
    let labelled = lines.iter().zip(lexemes).filter(|(l, _)| !l.is_blank());
    for (k, (l, x)) in labelled.enumerate() {
        let (t, f) = (l.text, l.folded);
        let is_number = || x.may(Part::Number) && number_line(t).is_some();
        // "DELIBERATION N° 22/111 AC DE L'ASSEMBLEE DE CORSE" heading the
        // file: an act, even when the text stops before its decision.
        if k < 5 && f.starts_with("deliberation") && is_number() {
            return true;
        }
        decision = decision
            || x.may(Part::Decision) && decision_marker_line(l)
            || x.may(Part::Article) && article_head(t).is_some();
        number = number || is_number();
        header = header || is_act_header(f);
        outcome_seen = outcome_seen || x.may(Part::Outcome) && outcome_line(l).is_some();
        // "après en avoir délibéré A l'unanimité": a vote in the decision line.
        vote = vote || x.may(Part::Vote) && vote_line(l) || (decision && is_unanimous(t));
        if (decision && (number || outcome_seen || vote || header))
            || (outcome_seen && (number || header))
        {
            return true;
        }
    }
    false
}

/// Labels a file's lines and builds the document from them. What the
/// document is (minutes with items, one act, neither) is decided last, from
/// the items and parts found; whatever it is, the sitting's facts found in
/// it are kept.
pub fn assemble(lines: &[Line], diags: &mut Vec<Diagnostic>) -> Assembled {
    let lexemes = lex(lines);
    let mut out = match minutes_items(lines, &lexemes) {
        Some(items) => minutes::minutes(lines, &lexemes, &items, diags),
        None => one_act(lines, &lexemes, diags),
    };
    if out.deliberations.is_empty() && out.sitting.is_none() {
        out.sitting = sitting_facts(lines, &lexemes, &mut out.used, diags);
    }
    out.coverage = coverage::measure(lines, &lexemes, &mut out.used, diags);
    out
}

const MINUTES_MARKERS: [&str; 16] = [
    "proces-verbal",
    "proces verbal",
    "compte rendu",
    "compte-rendu",
    "ordre du jour",
    "releve de decisions",
    "releve des decisions",
    "seance du",
    "reunion du conseil",
    "conseil municipal du",
    "conseil communautaire du",
    "l'an ",
    "s'est reunie",
    "s'est reuni",
    "se sont reunis",
    "commission permanente du",
];
const SINGLE_ACT_MARKERS: [&str; 4] = [
    "extrait du registre",
    "deliberation de la ",
    "extrait de deliberation",
    "extrait des deliberations",
];

/// The items when the file is minutes: numbered items that carry their
/// own vote or outcome (two or more), or an opening that names minutes and
/// nothing that marks a single act ("Extrait du registre", "Délibération
/// n° …" in the header) — unless no item was found and a decision was,
/// which is one act that opens like minutes ("REGISTRE DES DELIBERATIONS …
/// SEANCE DU …"). None for a file that is not minutes.
fn minutes_items(lines: &[Line], lexemes: &[Lexeme]) -> Option<Vec<items::Item>> {
    let numbered = items::numbered_items(lines, lexemes);
    if items::voted(lexemes, &numbered, items::VOTED) >= 2 {
        return Some(numbered);
    }
    let head: Vec<(&Line, &Lexeme)> = lines
        .iter()
        .zip(lexemes)
        .filter(|(l, _)| !l.is_blank())
        .take(60)
        .collect();
    let head_text = head
        .iter()
        .map(|(l, _)| l.folded)
        .collect::<Vec<_>>()
        .join(" ");
    // The opening is searched for every marker in one pass each.
    static SINGLE_ACT: LazyLock<Words<4>> = LazyLock::new(|| Words::new(SINGLE_ACT_MARKERS));
    static MINUTES: LazyLock<Words<16>> = LazyLock::new(|| Words::new(MINUTES_MARKERS));
    let single = SINGLE_ACT.any_in(&head_text)
        || head
            .iter()
            .take(30)
            .any(|(l, _)| number_line(l.text).is_some());
    if single || !MINUTES.any_in(&head_text) {
        return None;
    }
    let items = items::items(lines, lexemes, numbered);
    let one_act = items.is_empty()
        && lexemes.iter().any(|x| x.part == Some(Part::Decision))
        && (head.iter().any(|(_, x)| x.act_header) || decision_blocks(lines, lexemes) < 2);
    (!one_act).then_some(items)
}

/// Decisions far apart from each other: one act decides once (its marker,
/// articles, vote and outcome follow each other); minutes decide at each
/// item, with the account of the next item in between.
fn decision_blocks(lines: &[Line], lexemes: &[Lexeme]) -> usize {
    const GAP: usize = 2;
    let mut blocks = 0;
    let mut since = GAP;
    for (l, x) in lines.iter().zip(lexemes) {
        match x.part {
            Some(Part::Decision) if since >= GAP => {
                blocks += 1;
                since = 0;
            }
            Some(Part::Decision | Part::Vote | Part::Outcome | Part::Article) => since = 0,
            _ if !l.is_blank() => since += 1,
            _ => {}
        }
    }
    blocks
}

/// The sitting's facts in a file that holds no deliberation: its header,
/// meeting and attendance wherever they are, when it gives an attendance
/// or opens on its meeting ("Séance du 30 juin 2017" in its first lines; a
/// report that cites a meeting further down is no sitting).
fn sitting_facts(
    lines: &[Line],
    lexemes: &[Lexeme],
    used: &mut Vec<u32>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Sitting> {
    const HEAD: usize = 20;
    let opens_on_meeting = lines
        .iter()
        .zip(lexemes)
        .filter(|(l, _)| !l.is_blank())
        .take(HEAD)
        .any(|(_, x)| x.meeting);
    // Attendance is read only from list and counts lines: without one, and
    // without the meeting at the top, there is nothing to read.
    let may_attend = lexemes
        .iter()
        .any(|x| x.part == Some(Part::List) || x.counts);
    if !may_attend && !opens_on_meeting {
        return None;
    }
    let mut quiet = Vec::new();
    let parsed = parse_deliberation(lines, lexemes, &mut quiet, false);
    let d = parsed.deliberation;
    let found = d.meeting.date.is_some() && opens_on_meeting
        || d.attendance != crate::model::Attendance::default();
    if found {
        used.extend(parsed.used);
        diags.extend(
            quiet
                .into_iter()
                .filter(|x| x.code.starts_with("attendance")),
        );
    }
    found.then(|| minutes::sitting_of(d))
}

/// A file read as one act (or none), its rapports, letters and annexes.
fn one_act(lines: &[Line], lexemes: &[Lexeme], diags: &mut Vec<Diagnostic>) -> Assembled {
    let mut out = Assembled::default();
    let n = lines.len();
    // Rapports split the file first.
    let anchors: Vec<usize> = (0..n)
        .filter(|&i| is_rapport_anchor(lines[i].text))
        .collect();
    let mut bounds: Vec<usize> = Vec::new();
    let mut floor = 0;
    for &a in &anchors {
        let s = rapport_start(lines, a, floor);
        bounds.push(s);
        floor = a + 1;
    }
    let first_rapport = bounds.first().copied().unwrap_or(n);
    let mut pos = 0;
    if has_deliberation(&lines[..first_rapport], &lexemes[..first_rapport]) {
        let parsed = parse_deliberation(
            &lines[..first_rapport],
            &lexemes[..first_rapport],
            diags,
            false,
        );
        let mut d = parsed.deliberation;
        // A decision voted unanimously, or by a majority of the votes cast,
        // is adopted (a vote with no decision settles nothing).
        if d.outcome.is_none() && !d.articles.is_empty() {
            d.outcome = minutes::inferred_outcome(&d);
        }
        out.deliberations.push(d);
        out.used = parsed.used;
        pos = parsed.last + 1;
    }
    // What lies between the deliberation and the first rapport.
    split_rest(lines, pos, first_rapport, &mut out.other_sections);
    for (k, &s) in bounds.iter().enumerate() {
        let e = bounds.get(k + 1).copied().unwrap_or(n);
        if let Some(sec) = section(lines, s, e, "rapport", Some(clean(lines[anchors[k]].text))) {
            out.other_sections.push(sec);
        }
    }
    if out.deliberations.is_empty() && out.other_sections.len() == 1 {
        // A file that is not a deliberation: name what it is.
        let sec = &mut out.other_sections[0];
        if sec.kind == "annexe" {
            sec.kind = document_kind(lines).to_string();
        }
    }
    out
}

/// Splits the lines `[from, to)` into courriers and annexes.
fn split_rest(lines: &[Line], from: usize, to: usize, out: &mut Vec<OtherSection>) {
    let mut pos = from;
    while pos < to {
        match find_letter(lines, pos, to) {
            Some((start, objet)) => {
                if let Some(sec) = section(lines, pos, start, "annexe", None) {
                    out.push(sec);
                }
                // A letter runs to the next letter or the end of the region.
                let next = find_letter(lines, objet + 1, to).map_or(to, |(s, _)| s);
                let title = objet_line(lines[objet].text).map(str::to_string);
                if let Some(sec) = section(lines, start, next, "courrier", title) {
                    out.push(sec);
                }
                pos = next;
            }
            None => {
                if let Some(sec) = section(lines, pos, to, "annexe", None) {
                    out.push(sec);
                }
                pos = to;
            }
        }
    }
}

/// A letter in `[from, to)`: its first line (the address block) and its "Objet" line.
fn find_letter(lines: &[Line], from: usize, to: usize) -> Option<(usize, usize)> {
    for i in from..to {
        if objet_line(lines[i].text).is_none() {
            continue;
        }
        let salutation = lines[i + 1..to.min(i + 12)].iter().any(|l| {
            let f = l.folded;
            (f.starts_with("monsieur") || f.starts_with("madame")) && f.ends_with(',')
        });
        if !salutation {
            continue;
        }
        // Back over the address block: short lines, no links, at most 15 lines.
        let mut start = i;
        let lo = i.saturating_sub(15).max(from);
        let mut k = i;
        while k > lo {
            k -= 1;
            let t = lines[k].text;
            if t.is_empty() {
                continue;
            }
            if t.len() > 80
                || t.contains("www.")
                || t.contains("http")
                || t.contains('@') && !t.contains(' ')
            {
                break;
            }
            start = k;
        }
        return Some((start, i));
    }
    None
}

/// A section over `[from, to)` trimmed of blank lines; None when empty.
fn section(
    lines: &[Line],
    from: usize,
    to: usize,
    kind: &str,
    title: Option<String>,
) -> Option<OtherSection> {
    let slice = lines.get(from..to)?;
    let first = slice.iter().position(|l| !l.is_blank())?;
    let last = slice.iter().rposition(|l| !l.is_blank())?;
    let title = title.or_else(|| {
        slice
            .iter()
            .map(|l| l.text)
            .find(|t| {
                let f = folded(t);
                // "- AVENANT 2021 - 2024 -" is a decoration around the title.
                let decorative = t.starts_with('-') && t.ends_with('-');
                !t.is_empty()
                    && !decorative
                    && ![
                        "republique",
                        "liberte",
                        "egalite",
                        "fraternite",
                        "francaise",
                    ]
                    .iter()
                    .any(|w| f.starts_with(w))
                    && t.chars().filter(|c| c.is_alphabetic()).count() > 3
            })
            .map(clean)
    });
    Some(OtherSection {
        kind: kind.to_string(),
        title,
        lines: [slice[first].no, slice[last].no],
    })
}

/// The kind of a file that holds no deliberation, from its opening lines.
fn document_kind(lines: &[Line]) -> &'static str {
    let head: String = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(30)
        .map(|l| l.folded)
        .collect::<Vec<_>>()
        .join(" ");
    const ANNEXE: [&str; 9] = [
        "schema",
        "convention",
        "bilan",
        "avenant",
        "annexe",
        "plan ",
        "tableau",
        "reglement",
        "programme",
    ];
    if ANNEXE.iter().any(|w| head.contains(w)) {
        "annexe"
    } else {
        "other"
    }
}
