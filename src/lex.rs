//! The lexer: every line of a file labelled once, before any part is built.
//!
//! ```text
//! line = blank | part | mark* text        (* see grammar/09-lexer.md *)
//! part = stamp | attendance | secretary | citation | article | decision
//!      | table | vote | outcome | number | objet | signature
//! mark = item_heading | agenda | meeting | counts | act_header
//! ```
//!
//! A `part` is what a line starts inside a deliberation; the walk of
//! [`crate::extract`] ends a part where another starts. A `mark`
//! is what the assembly stage ([`crate::assemble`]) builds the document
//! from: where items begin, where the agenda is, which lines say the meeting
//! and its counts, and whether the file heads itself as an act. The labels
//! are asked of every line once; no later stage asks them again.

use crate::normalize::Line;
use crate::parse::articles::{article_head, decision_marker_line};
use crate::parse::attendance::{counts_line, list_label, member_status};
use crate::parse::budget_table::is_header_start_folded;
use crate::parse::citations::citation_start;
use crate::parse::header::is_meeting_line;
use crate::parse::header::secretary;
use crate::parse::item::{heading, opens_agenda};
use crate::parse::number::{number_line, objet_line};
use crate::parse::signature::is_signature_start;
use crate::parse::transmission::stamp_line;
use crate::parse::vote::{opens_flattened_table, outcome_line, vote_line};
use crate::text::Words;
use std::sync::LazyLock;

/// What a line starts, if it starts a part of a deliberation. The order is
/// the order [`part`] tries them in: a line labelled with one part holds
/// none of the parts before it, so a rule need not be asked of a line whose
/// label comes earlier ([`Lexeme::may`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Stamp,
    List,
    Secretary,
    Citation,
    Article,
    Decision,
    Table,
    Vote,
    Outcome,
    Number,
    Objet,
    Signature,
}

/// One line's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lexeme {
    /// The part of a deliberation the line starts.
    pub part: Option<Part>,
    /// An agenda item's heading ("3. Tarifs", "N° 10.053", "Délibération D2018-66").
    pub heading: bool,
    /// "Ordre du jour".
    pub agenda: bool,
    /// The meeting itself: "Séance du 12 mai 2011", "L'an deux mille …".
    pub meeting: bool,
    /// Attendance counts: "Nombre de conseillers en exercice : 29".
    pub counts: bool,
    /// The file heads itself as an act: "DELIBERATION …", "Extrait du registre".
    pub act_header: bool,
}

impl Lexeme {
    /// Whether the rule of `part` may hold on this line: no rule holds on a
    /// line without a part, nor any tried before the part it got.
    pub fn may(&self, part: Part) -> bool {
        self.part.is_some_and(|p| p <= part)
    }

    /// The label kinds of the line, by name, for coverage.
    pub fn kinds(&self) -> impl Iterator<Item = &'static str> {
        let part = self.part.map(Part::name);
        let marks = [
            (self.heading, "item_heading"),
            (self.agenda, "agenda"),
            (self.meeting, "meeting"),
            (self.counts, "counts"),
            (self.act_header, "act_header"),
        ];
        part.into_iter()
            .chain(marks.into_iter().filter(|(on, _)| *on).map(|(_, k)| k))
    }
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Stamp => "stamp",
            Part::List => "attendance",
            Part::Secretary => "secretary",
            Part::Number => "number",
            Part::Objet => "objet",
            Part::Citation => "citation",
            Part::Decision => "decision",
            Part::Article => "article",
            Part::Vote => "vote",
            Part::Outcome => "outcome",
            Part::Signature => "signature",
            Part::Table => "table",
        }
    }
}

/// Labels every line of a file, in one pass.
pub fn lex(lines: &[Line]) -> Vec<Lexeme> {
    let mut out: Vec<Lexeme> = lines.iter().map(lexeme).collect();
    // A vote table printed column by column opens on a label alone ("POUR")
    // whose next line is another ("CONTRE").
    for i in 0..lines.len().saturating_sub(1) {
        if out[i].part.is_none() && opens_flattened_table(lines[i].folded, lines[i + 1].folded) {
            out[i].part = Some(Part::Vote);
        }
    }
    out
}

fn lexeme(l: &Line) -> Lexeme {
    if l.is_blank() {
        return Lexeme::default();
    }
    let part = part(l);
    let f = l.folded;
    Lexeme {
        part,
        heading: part != Some(Part::List) && heading(l.text).is_some(),
        agenda: opens_agenda(f),
        meeting: is_meeting_line(l),
        counts: !counts_line(l).is_empty(),
        act_header: l.text.starts_with(char::is_uppercase) && is_act_header(f),
    }
}

/// "DELIBERATION DU CONSEIL MUNICIPAL", "Extrait du registre des délibérations".
pub fn is_act_header(f: &str) -> bool {
    static REGISTER: LazyLock<Words<1>> =
        LazyLock::new(|| Words::new(["registre des deliberations"]));
    f.starts_with("deliberation") || f.starts_with("extrait du registre") || REGISTER.any_in(f)
}

/// The part a line starts, the first rule that holds in this order.
pub fn part(l: &Line) -> Option<Part> {
    let t = l.text;
    if t.is_empty() {
        return None;
    }
    if stamp_line(l).is_some() {
        return Some(Part::Stamp);
    }
    if list_label(t).is_some() || member_status(t).is_some() {
        return Some(Part::List);
    }
    if secretary(t).is_some() {
        return Some(Part::Secretary);
    }
    if citation_start(t).is_some() {
        return Some(Part::Citation);
    }
    if article_head(t).is_some() {
        return Some(Part::Article);
    }
    if decision_marker_line(l) {
        return Some(Part::Decision);
    }
    if is_header_start_folded(l.folded) {
        return Some(Part::Table);
    }
    if vote_line(l) {
        return Some(Part::Vote);
    }
    if outcome_line(l).is_some() {
        return Some(Part::Outcome);
    }
    if number_line(t).is_some() {
        return Some(Part::Number);
    }
    if objet_line(t).is_some() {
        return Some(Part::Objet);
    }
    if is_signature_start(l) {
        return Some(Part::Signature);
    }
    None
}
