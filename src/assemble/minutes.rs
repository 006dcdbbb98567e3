//! Minutes of a whole meeting (procès-verbal, compte rendu): the sitting and
//! one deliberation per agenda item that is an act.
//!
//! ```text
//! minutes   = preamble [agenda] item*
//! preamble  = header attendance*                  (* the sitting *)
//! agenda    = "Ordre du jour" ":" heading*         (* skipped: the items follow *)
//! item      = heading body                         (* see parse::item *)
//! ```
//!
//! A file is read as minutes when its opening names minutes ("procès-verbal",
//! "compte rendu", "séance du", "ordre du jour", "L'an …") and nothing in it
//! marks a single act ("Extrait du registre", "DELIBERATION DE LA …",
//! "Délibération n° …" in the header). Each deliberation repeats the sitting's
//! collectivité, body, meeting and attendance, so that it stands alone.

use super::Assembled;
use super::items::Item;
use crate::extract::parse_deliberation;
use crate::lex::Lexeme;
use crate::model::{Attendance, Deliberation, Diagnostic, Provenance, Sitting};
use crate::normalize::Line;
use crate::parse::articles::decision_marker_line;
use crate::parse::header::secretary_sentence_line;
use crate::parse::item::is_not_an_act;
use crate::parse::trivia::{Trimmed, Words, clean};
use crate::parse::vote::{is_vote_line, outcome, outcome_line, vote_line};
use std::sync::LazyLock;

/// Builds the sitting and one deliberation per item that is an act.
pub fn minutes(
    lines: &[Line],
    lexemes: &[Lexeme],
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Assembled {
    let preamble_end = items.first().map_or(lines.len(), |i| i.start);
    let pre = parse_deliberation(
        &lines[..preamble_end],
        &lexemes[..preamble_end],
        diags,
        false,
    );
    let mut used = pre.used;
    // A heading's lines (its number, its "Objet :" line, its title) are read.
    used.extend(
        items
            .iter()
            .flat_map(|it| &lines[it.start..it.body_start])
            .filter(|l| !l.is_blank())
            .map(|l| l.no),
    );
    let mut sitting = sitting_of(pre.deliberation);
    if sitting.meeting.secretary.is_none() {
        // "1. Désignation du secrétaire de séance : Monsieur X a été désigné …"
        // is an item of its own.
        sitting.meeting.secretary = lines.iter().take(400).find_map(secretary_sentence_line);
    }
    let mut out = Assembled::default();
    for it in items {
        let body = &lines[it.body_start..it.end];
        if is_not_an_act(&it.heading.title) || !(it.heading.act_id || has_decision(body)) {
            continue;
        }
        let subs = sub_items(body);
        // One item, or several acts voted one after the other under it.
        let parts: Vec<(usize, usize, Option<String>)> = if subs.len() > 1 {
            // What comes before the first sub-item and has its own vote is
            // the item's own act.
            let lead = body[..subs[0]].iter().any(vote_line);
            lead.then_some((it.body_start, it.body_start + subs[0], None))
                .into_iter()
                .chain(subs.iter().enumerate().map(|(k, &s)| {
                    let end = subs.get(k + 1).copied().unwrap_or(body.len());
                    (
                        it.body_start + s + 1,
                        it.body_start + end,
                        Some(clean(body[s].text)),
                    )
                }))
                .collect()
        } else {
            vec![(it.body_start, it.end, None)]
        };
        for (from, to, sub_title) in parts {
            let parsed = parse_deliberation(&lines[from..to], &lexemes[from..to], diags, true);
            used.extend(parsed.used);
            let mut d = parsed.deliberation;
            match sub_title {
                Some(t) => {
                    d.title = Some(t);
                    d.provenance.title = Some([lines[from - 1].no; 2]);
                }
                None => {
                    d.number = it.heading.number.clone();
                    let heading = lines[it.start].no;
                    d.provenance.number = d.number.is_some().then_some([heading; 2]);
                    if !it.heading.title.is_empty() {
                        d.title = Some(it.heading.title.clone());
                        d.provenance.title = Some([heading, lines[it.body_start - 1].no]);
                    }
                }
            }
            inherit(&mut d, &sitting);
            if d.outcome.is_none() {
                d.outcome = inferred_outcome(&d);
            }
            let start = if from == it.body_start {
                it.start
            } else {
                from - 1
            };
            let last = (start..to)
                .rev()
                .find(|&k| !lines[k].is_blank())
                .unwrap_or(start);
            d.lines = [lines[start].no, lines[last].no];
            out.deliberations.push(d);
        }
    }
    out.sitting = Some(sitting);
    out.used = used;
    out
}

/// The sitting's header and attendance, where the item does not give its own.
fn inherit(d: &mut Deliberation, s: &Sitting) {
    if d.collectivity.is_none() {
        d.collectivity = s.collectivity.clone();
    }
    if d.body.is_none() {
        d.body = s.body.clone();
    }
    if d.meeting.date.is_none() {
        d.meeting = s.meeting.clone();
        d.provenance.meeting = s.provenance.meeting;
        d.provenance.secretary = s.provenance.secretary;
    }
    if d.attendance == Attendance::default() {
        d.attendance = s.attendance.clone();
        d.provenance.attendance = s.provenance.attendance;
        d.provenance.counts = s.provenance.counts;
    }
}

/// The sitting a preamble (or a file read for its sitting) gives: its
/// collectivité, body, meeting and attendance, and where they were read.
pub fn sitting_of(d: Deliberation) -> Sitting {
    let p = d.provenance;
    Sitting {
        collectivity: d.collectivity,
        body: d.body,
        meeting: d.meeting,
        attendance: d.attendance,
        provenance: Provenance {
            meeting: p.meeting,
            secretary: p.secretary,
            attendance: p.attendance,
            counts: p.counts,
            ..Provenance::default()
        },
    }
}

/// Unanimity, or a majority of the votes cast, settles the outcome.
pub fn inferred_outcome(d: &Deliberation) -> Option<String> {
    let v = d.vote.as_ref()?;
    if v.unanimous {
        return Some("adopted".into());
    }
    match (v.for_, v.against) {
        (Some(f), Some(a)) if f > a => Some("adopted".into()),
        (Some(f), None) if f > 0 => Some("adopted".into()),
        (Some(f), Some(a)) if f < a => Some("rejected".into()),
        _ => None,
    }
}

fn has_decision(body: &[Line]) -> bool {
    body.iter().any(|l| {
        if decision_marker_line(l) || vote_line(l) || outcome_line(l).is_some() {
            return true;
        }
        DECISION_WORDS.any_in(l.folded)
    })
}

/// Words of a decision in an item's account, each with its prebuilt
/// searcher (asked of every line of every item).
static DECISION_WORDS: LazyLock<Words<10>> = LazyLock::new(|| {
    Words::new([
        "unanimite",
        " decide",
        "approuve",
        " adopte",
        "autorise",
        "delibere",
        "vote :",
        "accepte",
        "emet un avis",
        "valide",
    ])
});

/// "Monsieur X présente …", "Madame le maire propose …": the account of a
/// proposal after a sub-item's title.
static PROPOSES: LazyLock<Words<4>> =
    LazyLock::new(|| Words::new([" propose", " presente ", " expose ", " rappelle "]));

/// Acts voted one after the other under one agenda item ("1. Budget –
/// Commune" then "Approbation du compte de gestion 2017 … Vote : …",
/// "Approbation du compte administratif 2017 … Vote : …"): the indexes of
/// their title lines in `body`. A sub-item is a short title line, then an
/// account of the proposal ("Monsieur X présente …", "Madame le maire
/// propose …"), then its own vote. Fewer than two: the item is one act.
fn sub_items(body: &[Line]) -> Vec<usize> {
    let is_title = |t: &str| {
        let t = t.trimmed();
        t.len() <= 90
            && t.split_whitespace().count() >= 3
            && t.starts_with(char::is_uppercase)
            && !t.ends_with(['.', ':', ','])
            && !is_vote_line(t)
            && outcome(t).is_none()
            && !t.chars().any(|c| c == '€')
    };
    let mut titles = Vec::new();
    // The candidate title of the part being read, and what it has shown.
    let mut candidate: Option<usize> = None;
    let mut proposed = false;
    let mut after_blank = true;
    for (k, l) in body.iter().enumerate() {
        let t = l.text;
        if l.is_blank() {
            after_blank = true;
            continue;
        }
        if vote_line(l) {
            if let (Some(c), true) = (candidate, proposed) {
                titles.push(c);
            }
            candidate = None;
            proposed = false;
        } else if candidate.is_none() && (after_blank || titles.is_empty() && k == 0) && is_title(t)
        {
            candidate = Some(k);
            proposed = false;
        } else if candidate.is_some() && PROPOSES.any_in(l.folded) {
            proposed = true;
        }
        after_blank = false;
    }
    titles
}
