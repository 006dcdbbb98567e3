//! Extraction: one deliberation's facts from its labelled lines. The walk
//! reads each line's label (`crate::lex`) and applies the rule of
//! `crate::parse` that reads the part it starts, in the order a
//! deliberation is written; every fact keeps the lines it came from
//! (`Provenance`) and every line read counts for coverage.
//!
//! ```text
//! deliberation = stamp* header attendance* [title] [number] [preamble]
//!                citation* decision article* [budget_table] vote? outcome? signature?
//! ```
//!
//! The walk is linear: each line is looked at once by the rule of the part
//! being read, and a part ends at the first line that starts another part.

use crate::lex::{Lexeme, Part as Start};
use crate::model::{
    Article, Attendance, Citation, Deliberation, Diagnostic, Fact, Meeting, Provenance,
};
use crate::normalize::Line;
use std::sync::LazyLock;

use crate::parse::articles::{article_head, decide_line, decision_marker_line, proposal_marker};
use crate::parse::attendance::{
    CountKind, ListKind, add_list, counts_line, is_civilities_only, leading_count, list_label,
    looks_like_names, member_status,
};
use crate::parse::budget_table::{is_table_line, parse_table};
use crate::parse::citations::{citation_start, references};
use crate::parse::dates::first_date;
use crate::parse::header::{
    body_of, collectivity, collectivity_in_prose, convocation_in_prose, kind_from_body,
    meeting_place, presidency, presidency_line, rapporteur_line, secretary,
    secretary_sentence_line,
};
use crate::parse::number::{number_line, objet_line};
use crate::parse::person::{is_upper_word, starts_with_civility};
use crate::parse::signature::is_signature_start;
use crate::parse::signature::parse_signature;
use crate::parse::transmission::{StampKind, stamp_label_alone, stamp_line};
use crate::parse::trivia::{Trimmed, Words, folded, join_lines};
use crate::parse::vote::{
    flattened_table, is_unanimous, outcome_in_prose, outcome_line, parse_vote, vote_in_line_of,
    vote_line,
};

/// [`is_unanimous`] of what a unanimity may be read in: the whole item of
/// minutes, else the decision. An item is joined only when the word may be
/// in the joined text: a line says it, or a word cut at a line's end is
/// joined to the next ("unani-" + "mité"); joining adds no other letters.
fn says_unanimous(lines: &[Line], in_minutes: bool, decision_text: &str) -> bool {
    if !in_minutes {
        return is_unanimous(decision_text);
    }
    static UNANIMITY: LazyLock<Words<1>> = LazyLock::new(|| Words::new(["unanimite"]));
    lines
        .iter()
        .any(|l| UNANIMITY.any_in(l.folded) || l.text.ends_with('-'))
        && is_unanimous(&join_lines(lines.iter().map(|l| l.text)))
}

/// The result of reading a deliberation: the model and the index of the
/// last line it used (the rest of the section belongs to what follows).
pub struct Parsed {
    pub deliberation: Deliberation,
    pub last: usize,
    /// The input lines whose label the walk read a fact from.
    pub used: Vec<u32>,
}

/// What the walk read facts from: the lines, for coverage, and each
/// part's first and last line, for the output's provenance.
#[derive(Default)]
struct Reads {
    used: Vec<u32>,
    provenance: Provenance,
}

impl Reads {
    fn mark(&mut self, fact: Fact, line: u32) {
        self.used.push(line);
        self.provenance.mark(fact, line);
    }

    /// A part over several lines (a title), of which the first is labelled.
    fn mark_span(&mut self, fact: Fact, first: u32, last: u32) {
        self.mark(fact, first);
        self.provenance.mark(fact, last);
    }
}

/// Names and counts an attendance holds, to tell whether a label added any.
fn attendance_size(a: &Attendance) -> usize {
    a.present.len()
        + a.excused.len()
        + a.absent.len()
        + a.proxies.len()
        + a.non_voting_present.len()
        + a.non_voting_excused.len()
        + usize::from(a.counts.present.is_some())
}

/// The vote a decision's sentence gives with counts: from "à l'unanimité"
/// or "à la majorité" to the end of the parenthesis that follows (over the
/// next lines when it runs on). None without a count.
fn vote_in_decision(lines: &[Line]) -> Option<crate::model::Vote> {
    let text = join_lines(lines.iter().map(|l| l.text));
    let at = ["a l'unanimite", "a la majorite"]
        .iter()
        .filter_map(|p| crate::text::find_folded(&text, p))
        .min()?;
    let rest = &text[at..];
    let open = rest.find('(').filter(|&o| o < 60)?;
    let close = open + rest[open..].find(')')?;
    let vote = parse_vote(&rest[..=close])?;
    let counted = [vote.for_, vote.against, vote.abstention]
        .iter()
        .any(Option::is_some);
    counted.then_some(vote)
}

/// The title printed after a deliberation's number on its line ("N°
/// 2016.02.16 - Subvention à …"): two words or more, opening with a capital,
/// after a dash or a colon.
fn title_after(line: &str, number: &str) -> Option<String> {
    let at = line.find(number)? + number.len();
    let rest = line[at..].trim_start();
    let rest = rest.strip_prefix(['-', '–', ':'])?.trim_start();
    let rest = rest.strip_prefix("Objet").map_or(rest, |r| {
        r.trim_start().trim_start_matches(':').trim_start()
    });
    (rest.starts_with(char::is_uppercase) && rest.split_whitespace().nth(1).is_some())
        .then(|| join_lines([rest]))
}

/// The start of a text for a message: its first 80 characters.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The counts of a line the lexer labelled with counts.
fn counts_at(l: &Line, x: &Lexeme) -> Vec<(CountKind, u32)> {
    if x.counts { counts_line(l) } else { Vec::new() }
}

/// What each line starts, as the lexer labelled it.
struct Starts<'a> {
    lines: &'a [Line<'a>],
    lexemes: &'a [Lexeme],
}

impl<'a> Starts<'a> {
    /// The value of `rule` at line `j`, asked only where its label allows
    /// it to hold ([`Lexeme::may`]).
    fn read<T>(&self, j: usize, part: Start, rule: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.lexemes[j].may(part) {
            rule()
        } else {
            None
        }
    }

    fn at(&self, j: usize) -> Option<Start> {
        self.lexemes[j].part
    }

    /// Reads the paragraph that continues a part from line `i + 1`: lines up
    /// to a blank line or a line that starts another part.
    fn continuation(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.lines.len() && !self.lines[j].is_blank() && self.at(j).is_none() {
            j += 1;
        }
        j
    }
}

/// Reads one deliberation from its lines and their lexemes (one each).
/// `in_minutes` is true for an item of a procès-verbal, where a vote may
/// come without a decision marker.
pub fn parse_deliberation(
    lines: &[Line],
    lexemes: &[Lexeme],
    diags: &mut Vec<Diagnostic>,
    in_minutes: bool,
) -> Parsed {
    debug_assert_eq!(lines.len(), lexemes.len());
    let starts_at = Starts { lines, lexemes };
    let mut reads = Reads::default();
    let mut d = Deliberation::default();
    let mut meeting = Meeting::default();
    let mut att = Attendance::default();
    let mut in_body = false;
    // The first line of the body (citation, decision or article).
    let mut body_start: Option<usize> = None;
    let mut decided = false;
    let mut last = 0;
    let mut articles: Vec<(Option<String>, Vec<&str>)> = Vec::new();
    let mut vote_lines: Vec<&str> = Vec::new();
    // Votes read from tables flattened by the converter, as clauses.
    let mut table_votes: Vec<String> = Vec::new();
    let mut prev_paragraph: Vec<&str> = Vec::new();
    // The title was guessed from the paragraph before the number; a
    // rapporteur line names a better one.
    let mut title_before_number = false;
    let mut unanimous_in_decision = false;
    let mut decision_vote: Option<crate::model::Vote> = None;
    let mut title_after_number = false;
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let t = lines[i].text;
        if t.is_empty() {
            i += 1;
            continue;
        }
        let prev_last = last;
        last = i;
        if let Some((kind, date)) = starts_at.read(i, Start::Stamp, || stamp_line(&lines[i])) {
            record_stamp(kind, date, &mut d, &mut meeting);
            reads.mark(Fact::Stamp, lines[i].no);
            i += 1;
            continue;
        }
        // "Date de la convocation :" alone, the date on a line below.
        if lexemes[i].part.is_none()
            && let Some((kind, k, date)) = stamp_below(&starts_at, i)
        {
            record_stamp(kind, date, &mut d, &mut meeting);
            reads.mark(Fact::Stamp, lines[i].no);
            reads.mark(Fact::Stamp, lines[k].no);
            i = k + 1;
            continue;
        }
        // What the header rules said of this line, for the title rule at the
        // end of the loop (None: not asked, their slot was filled).
        let mut collectivity_asked = false;
        let mut president_here: Option<bool> = None;
        let mut body_here: Option<Option<&str>> = None;
        let mut meeting_here: Option<bool> = None;
        if !in_body {
            collectivity_asked = d.collectivity.is_none();
            if collectivity_asked && let Some(c) = collectivity(t) {
                d.collectivity = Some(c);
                i += 1;
                continue;
            }
            if let Some((kind, rest)) = starts_at.read(i, Start::List, || list_label(t)) {
                // "ETAIENT PRESENTS : Mmes et MM." then the names: the
                // civilities lead in to the next paragraph.
                let rest = if is_civilities_only(rest) { "" } else { rest };
                let before = attendance_size(&att);
                if let Some((n, _)) = leading_count(t.trim_start_matches(['-', ' ', '*']))
                    && kind == ListKind::Present
                {
                    att.counts.present.get_or_insert(n);
                    reads.mark(Fact::Counts, lines[i].no);
                }
                // "Membres présents : 27": a count, not a list; the next
                // lines are not names.
                if let Ok(c) = rest
                    .trimmed()
                    .trim_end_matches(['.', '-', ' '])
                    .parse::<u32>()
                {
                    reads.mark(Fact::Attendance, lines[i].no);
                    if kind == ListKind::Present {
                        att.counts.present.get_or_insert(c);
                        reads.mark(Fact::Counts, lines[i].no);
                    }
                    for (k, v) in counts_at(&lines[i], &lexemes[i]) {
                        if k == CountKind::Voting {
                            att.counts.voting.get_or_insert(v);
                        }
                    }
                    i += 1;
                    continue;
                }
                let (parts, end) = list_extent(&starts_at, i, rest, &prev_paragraph);
                let per_line = one_proxy_per_line(kind, &parts);
                let text = join_lines(parts.iter().copied());
                let count_only = text.trimmed().trim_end_matches('.').parse::<u32>().ok();
                match (kind, count_only) {
                    (ListKind::Present, Some(c)) => {
                        att.counts.present = Some(c);
                        reads.mark(Fact::Counts, lines[i].no);
                    }
                    // "X qui a donné pouvoir à Y" on each line, no comma
                    // between: each line is one proxy.
                    _ if per_line => {
                        for part in &parts {
                            add_list(kind, part, &mut att, meeting.president.as_ref());
                        }
                    }
                    _ => add_list(kind, &text, &mut att, meeting.president.as_ref()),
                }
                // A label that gave no name is left unused (coverage names
                // it), and said: the converter may have lost the names.
                if attendance_size(&att) > before {
                    reads.mark(Fact::Attendance, lines[i].no);
                } else if !text.trim().is_empty() {
                    diags.push(Diagnostic::warning(
                        "attendance.unread",
                        Some(lines[i].no),
                        format!(
                            "no name read in the list after this label: {}",
                            excerpt(&text)
                        ),
                    ));
                }
                i = end;
                prev_paragraph.clear();
                continue;
            }
            if let Some((kind, who)) = starts_at.read(i, Start::List, || member_status(t)) {
                reads.mark(Fact::Attendance, lines[i].no);
                match kind {
                    ListKind::Absent => att.absent.push(who),
                    _ => att.excused.push(who),
                }
                i += 1;
                continue;
            }
            if meeting.secretary.is_none()
                && lexemes[i].may(Start::Secretary)
                && let Some(s) = secretary(t)
            {
                meeting.secretary = Some(s);
                reads.mark(Fact::Secretary, lines[i].no);
                i += 1;
                continue;
            }
            if meeting.president.is_none() {
                meeting.president = presidency_line(&lines[i]);
                president_here = Some(meeting.president.is_some());
            }
            if meeting.secretary.is_none()
                && let Some(s) = secretary_sentence_line(&lines[i])
            {
                meeting.secretary = Some(s);
                reads.mark(Fact::Secretary, lines[i].no);
            }
            let c = counts_at(&lines[i], &lexemes[i]);
            if !c.is_empty() {
                reads.mark(Fact::Counts, lines[i].no);
                for (k, v) in c {
                    let slot = match k {
                        CountKind::InOffice => &mut att.counts.in_office,
                        CountKind::Present => &mut att.counts.present,
                        CountKind::Voting => &mut att.counts.voting,
                    };
                    slot.get_or_insert(v);
                }
            }
            if d.body.is_none() {
                let b = body_of(lines[i].folded);
                d.body = b.map(str::to_string);
                body_here = Some(b);
            }
            if meeting.date.is_none() {
                let says = lexemes[i].meeting;
                if says {
                    meeting.date = first_date(t);
                    reads.mark(Fact::Meeting, lines[i].no);
                }
                meeting_here = Some(says);
            }
            if d.number.is_none()
                && lexemes[i].may(Start::Number)
                && let Some(num) = number_line(t)
            {
                let tail = title_after(t, &num);
                d.number = Some(num);
                reads.mark(Fact::Number, lines[i].no);
                if let Some(title) = tail.filter(|_| d.title.is_none()) {
                    // "N° 2016.02.16 - Subvention à l'association …": the
                    // title on the number's line.
                    d.title = Some(title);
                    reads.mark(Fact::Title, lines[i].no);
                } else if d.title.is_none() && !prev_paragraph.is_empty() {
                    let before = join_lines(prev_paragraph.iter().copied());
                    // Not the heading of the register, nor a page number "(1)".
                    if !folded(&before).starts_with("extrait du registre")
                        && before.chars().filter(|c| c.is_alphabetic()).count() > 3
                    {
                        d.title = Some(before);
                        title_before_number = true;
                    }
                }
                // "DELIBERATION N° 22/111 AC …" heading the act: its title is
                // the next paragraph.
                title_after_number = d.title.is_none();
                prev_paragraph.clear();
                i += 1;
                continue;
            }
            // The first paragraph of text under the number decides: a list
            // of names ("Fabien ABERT,Lorraine ACQUIER, …") is no title.
            if title_after_number && starts_at.at(i).is_none() && !lexemes[i].meeting {
                title_after_number = false;
                if t.matches(',').count() < 2 {
                    let end = starts_at.continuation(i);
                    // The title ends above its rapporteur.
                    let end = (i + 1..end)
                        .find(|&k| rapporteur_line(lines[k].text))
                        .unwrap_or(end);
                    d.title = Some(join_lines(lines[i..end].iter().map(|l| l.text)));
                    reads.mark_span(Fact::Title, lines[i].no, lines[end - 1].no);
                    prev_paragraph.clear();
                    i = end;
                    continue;
                }
            }
            if rapporteur_line(t) {
                // "Philippe SAUREL rapporte :" follows the title.
                if (d.title.is_none() || title_before_number) && !prev_paragraph.is_empty() {
                    d.title = Some(join_lines(prev_paragraph.iter().copied()));
                    title_before_number = false;
                }
                prev_paragraph.clear();
                i += 1;
                continue;
            }
            if let Some(obj) = starts_at.read(i, Start::Objet, || objet_line(t)) {
                reads.mark(Fact::Title, lines[i].no);
                let end = starts_at.continuation(i);
                let mut parts = vec![obj];
                parts.extend(lines[i + 1..end].iter().map(|l| l.text));
                d.title = Some(join_lines(parts));
                reads.mark(Fact::Title, lines[end - 1].no);
                i = end;
                continue;
            }
        }
        if let Some(kind) = starts_at.read(i, Start::Citation, || citation_start(t)) {
            reads.mark(Fact::Citation, lines[i].no);
            in_body = true;
            body_start.get_or_insert(i);
            let end = starts_at.continuation(i);
            let text = join_lines(lines[i..end].iter().map(|l| l.text));
            d.citations.push(Citation {
                references: references(&text),
                text,
                kind: kind.to_string(),
            });
            i = end;
            continue;
        }
        if lexemes[i].may(Start::Decision) && decision_marker_line(&lines[i]) {
            reads.mark(Fact::Decision, lines[i].no);
            in_body = true;
            body_start.get_or_insert(i);
            decided = true;
            // "Après en avoir délibéré, le Conseil Municipal : - DESIGNE …": the
            // decision may follow on the same line.
            // "après en avoir délibéré, à l'unanimité, …": the vote is here.
            unanimous_in_decision |= is_unanimous(t);
            if decision_vote.is_none() {
                decision_vote = vote_in_decision(&lines[i..n.min(i + 3)]);
            }
            if decide_line(t) || lines[i].folded.starts_with("apres") || proposal_marker(t) {
                i += 1;
                continue;
            }
        }
        if let Some((num, rest)) = starts_at.read(i, Start::Article, || article_head(t)) {
            reads.mark(Fact::Article, lines[i].no);
            in_body = true;
            body_start.get_or_insert(i);
            decided = true;
            let mut body_lines = vec![rest];
            let mut j = i + 1;
            while j < n {
                let u = lines[j].text;
                match starts_at.at(j) {
                    Some(Start::Article | Start::Vote | Start::Outcome | Start::Signature) => break,
                    Some(Start::Table) => {
                        let end = table_end(&starts_at, j);
                        let table: Vec<&str> = lines[j..end].iter().map(|l| l.text).collect();
                        d.budget_lines.extend(parse_table(&table));
                        j = end;
                        continue;
                    }
                    _ => {}
                }
                body_lines.push(u);
                j += 1;
            }
            articles.push((Some(num), body_lines));
            i = j;
            continue;
        }
        let rest: Vec<&str> = if starts_at.at(i) == Some(Start::Vote) && !vote_line(&lines[i]) {
            lines[i..n.min(i + 16)].iter().map(|l| l.text).collect()
        } else {
            Vec::new()
        };
        if let Some((clauses, span)) = flattened_table(&rest)
            && (decided || in_body || in_minutes)
        {
            for l in &lines[i..i + span] {
                reads.mark(Fact::Vote, l.no);
            }
            table_votes.push(clauses);
            i += span;
            continue;
        }
        let is_vote = lexemes[i].may(Start::Vote) && vote_line(&lines[i]);
        if in_minutes
            && vote_lines.is_empty()
            && !is_vote
            && let Some(vote) = vote_in_line_of(&lines[i])
        {
            vote_lines.push(vote);
            reads.mark(Fact::Vote, lines[i].no);
            i += 1;
            continue;
        }
        if is_vote && (decided || in_body || in_minutes) {
            let mut j = i;
            while j < n {
                let u = lines[j].text;
                if u.is_empty() {
                    // A blank line ends the vote unless another clause follows.
                    let next = lines[j..].iter().find(|l| !l.is_blank());
                    if next.is_some_and(|l| vote_line(l) && outcome_line(l).is_none()) {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if j > i
                    && matches!(
                        starts_at.at(j),
                        Some(
                            Start::Outcome
                                | Start::Signature
                                | Start::Article
                                | Start::Citation
                                | Start::Decision
                        )
                    )
                {
                    break;
                }
                if !lines[j].folded.starts_with("dans les conditions de vote")
                    && u.trimmed() != "--"
                {
                    vote_lines.push(u);
                    reads.mark(Fact::Vote, lines[j].no);
                }
                j += 1;
            }
            i = j;
            continue;
        }
        if let Some(o) = starts_at.read(i, Start::Outcome, || outcome_line(&lines[i])) {
            d.outcome.get_or_insert(o.to_string());
            reads.mark(Fact::Outcome, lines[i].no);
            i += 1;
            continue;
        }
        if (decided || in_body) && lexemes[i].may(Start::Signature) && is_signature_start(&lines[i])
        {
            let rest: Vec<&str> = lines[i..].iter().map(|l| l.text).collect();
            let (sig, taken) = parse_signature(&rest);
            if taken > 0 {
                last = i + taken - 1;
                while last > i && lines[last].is_blank() {
                    last -= 1;
                }
                d.signature = Some(sig);
                reads.mark(Fact::Signature, lines[i].no);
                // "Publiée le : 05/04/2014" under the signature.
                let mut j = last + 1;
                while j < n && (lines[j].is_blank() || stamp_line(&lines[j]).is_some()) {
                    if let Some((kind, date)) = stamp_line(&lines[j]) {
                        record_stamp(kind, date, &mut d, &mut meeting);
                        reads.mark(Fact::Stamp, lines[j].no);
                        last = j;
                    }
                    j += 1;
                }
                break;
            }
        }
        // A decision after the vote ("A L'UNANIMITE," then "APPROUVE …")
        // is still the act's.
        if (d.outcome.is_some() || !vote_lines.is_empty())
            && starts_at.at(i) != Some(Start::Decision)
        {
            // After the vote and the outcome only a signature belongs here.
            last = prev_last;
            break;
        }
        if decided && (articles.is_empty() || articles.last().is_some_and(|a| a.0.is_none())) {
            // An unnumbered decision: "- DESIGNE …", "APPROUVE …".
            if articles.is_empty() {
                articles.push((None, Vec::new()));
            }
            if let Some(a) = articles.last_mut() {
                // "- De fixer à 20 …": the dash is layout, not text.
                a.1.push(if a.1.is_empty() {
                    t.trim_start_matches(['-', '–', ' '])
                } else {
                    t
                });
            }
            i += 1;
            continue;
        }
        if !in_body {
            // Remember the paragraph before a number line: it is the title.
            if i > 0 && lines[i - 1].is_blank() {
                prev_paragraph.clear();
            }
            // A line naming the assembly is a heading, unless it continues
            // a paragraph ("… du renouvellement du Conseil municipal").
            let continues = !prev_paragraph.is_empty() && i > 0 && !lines[i - 1].is_blank();
            // (A collectivity asked of this line was not there: the loop
            // went on to the next line when it was.)
            if (collectivity_asked || collectivity(t).is_none())
                && (continues
                    || body_here
                        .unwrap_or_else(|| body_of(lines[i].folded))
                        .is_none())
                && !meeting_here.unwrap_or(lexemes[i].meeting)
                && !president_here.unwrap_or_else(|| presidency_line(&lines[i]).is_some())
            {
                prev_paragraph.push(t);
            } else {
                prev_paragraph.clear();
            }
        }
        i += 1;
    }
    for (num, body_lines) in articles {
        let text = join_lines(body_lines);
        if !text.is_empty() {
            d.articles.push(Article { number: num, text });
        }
    }
    if !vote_lines.is_empty() || !table_votes.is_empty() {
        let text = join_lines(
            vote_lines
                .into_iter()
                .chain(table_votes.iter().map(String::as_str)),
        );
        d.vote = parse_vote(&text);
        if d.vote.is_none() {
            diags.push(Diagnostic::warning(
                "vote.unparsed",
                lines.get(last).map(|l| l.no),
                format!("vote lines not understood: {text}"),
            ));
        }
    }
    // "à l'unanimité des votants (il y a eu quatre abstentions : …)", "à la
    // majorité (8 abstentions, 2 contre)": the vote said in the decision's
    // sentence, where no vote line gives it.
    if d.vote.is_none() {
        d.vote = decision_vote;
    }
    if d.outcome.is_none() {
        let decision_text = d.decision_text(" ");
        d.outcome = outcome_in_prose(&decision_text).map(str::to_string);
        if d.vote.is_none()
            && (unanimous_in_decision || says_unanimous(lines, in_minutes, &decision_text))
        {
            d.vote = Some(crate::model::Vote {
                unanimous: true,
                ..Default::default()
            });
        }
    }
    // The opening sentence may run over several lines: the preamble (up to
    // the body, found by the walk) is read as one text.
    let preamble_end = body_start.unwrap_or(n).min(60);
    let preamble = join_lines(lines[..preamble_end].iter().map(|l| l.text));
    // An item of minutes without a date of its own takes the sitting's
    // meeting whole (`minutes::inherit`): its prose is not read for one.
    if !in_minutes || meeting.date.is_some() {
        meeting.place = meeting_place(&preamble);
        if meeting.convocation_date.is_none() {
            meeting.convocation_date = convocation_in_prose(&preamble);
        }
        if meeting.president.is_none() {
            // "sous la présidence de\nMonsieur le Maire, Philippe SAUREL."
            meeting.president = presidency(&preamble);
        }
    }
    if d.collectivity.as_ref().is_none_or(|c| c.name.is_none())
        && let Some(c) = collectivity_in_prose(&preamble)
    {
        d.collectivity = Some(c);
    }
    if d.collectivity.is_none()
        && let Some(kind) = d.body.as_deref().and_then(|b| kind_from_body(b, &preamble))
    {
        d.collectivity = Some(crate::model::Collectivity {
            name: None,
            kind: kind.to_string(),
        });
    }
    d.meeting = meeting;
    d.attendance = att;
    d.provenance = reads.provenance;
    let first = lines.iter().position(|l| !l.is_blank()).unwrap_or(0);
    d.lines = [
        lines.get(first).map_or(0, |l| l.no),
        lines.get(last).map_or(0, |l| l.no),
    ];
    Parsed {
        deliberation: d,
        last,
        used: reads.used,
    }
}

/// A stamp's label alone at line `i` and its date on one of the next two
/// lines, printed alone ("27 mars 2023"): the kind, the date's line and the
/// date.
fn stamp_below(starts_at: &Starts, i: usize) -> Option<(StampKind, usize, String)> {
    const DATE_LINE: usize = 40;
    let lines = starts_at.lines;
    let kind = stamp_label_alone(&lines[i])?;
    let k = (i + 1..lines.len().min(i + 4)).find(|&k| !lines[k].is_blank())?;
    let t = lines[k].text.trim();
    if t.len() > DATE_LINE || starts_at.at(k).is_some() {
        return None;
    }
    first_date(t).map(|date| (kind, k, date))
}

/// A stamp's date in its slot; the first stamp of a kind wins (stamps
/// repeat on every page).
fn record_stamp(kind: StampKind, date: String, d: &mut Deliberation, meeting: &mut Meeting) {
    let slot = match kind {
        StampKind::Prefecture => &mut d.transmission.prefecture_date,
        StampKind::Publication => &mut d.transmission.publication_date,
        StampKind::Convocation => &mut meeting.convocation_date,
    };
    slot.get_or_insert(date);
}

/// The lines of the list a label opens at line `i` (its `rest` first), and
/// the line after them. The list is the label's paragraph, and more where
/// the text says it goes on:
/// - after a label alone ("Etaient présents :"), the next paragraph when it
///   reads as names, past a lead-in ("Titulaires :") or a box of short
///   lines a converter printed between them (the counts beside the list);
/// - after a line that ends with a comma or a cut name, the next paragraph
///   (a page break inside the list);
/// - where a converter flattened columns, the names printed before the
///   label (`prev_paragraph`), when the next label follows at once.
fn list_extent<'a>(
    starts_at: &Starts<'a>,
    i: usize,
    rest: &'a str,
    prev_paragraph: &[&'a str],
) -> (Vec<&'a str>, usize) {
    let lines = starts_at.lines;
    let n = lines.len();
    let next_text = |from: usize| {
        let mut k = from;
        while k < n && lines[k].is_blank() {
            k += 1;
        }
        k
    };
    let mut end = starts_at.continuation(i);
    let mut parts: Vec<&str> = vec![rest];
    parts.extend(lines[i + 1..end].iter().map(|l| l.text));
    // A label alone whose next lines are a box of short lines, not names.
    let first = next_text(i + 1);
    let boxed =
        (rest.trimmed().is_empty() && first < n && !is_name_line(lines[first].text.trimmed()))
            .then(|| past_box(starts_at, first))
            .flatten();
    if let Some(k) = boxed {
        end = starts_at.continuation(k);
        parts = vec![rest];
        parts.extend(lines[k..end].iter().map(|l| l.text));
    } else if rest.trimmed().is_empty() {
        let mut k = next_text(end);
        // "Mesdames et Messieurs les Conseillers Municipaux :" leads in to
        // the names of the next paragraph.
        if k < n && is_names_lead_in(lines[k].text) {
            let m = next_text(k + 1);
            if m < n && starts_at.at(m).is_none() {
                k = m;
            }
        }
        if k < n && starts_at.at(k).is_none() && !looks_like_names(lines[k].text) {
            k = past_box(starts_at, k).unwrap_or(k);
        }
        if k < n && starts_at.at(k).is_none() {
            let e = starts_at.continuation(k);
            // Its first line tells: the rest may run into the text.
            if looks_like_names(lines[k].text) {
                parts.push(",");
                parts.extend(lines[k..e].iter().map(|l| l.text));
                end = e;
            }
        } else if k < n
            && starts_at.at(k) == Some(Start::List)
            && looks_like_names(&join_lines(prev_paragraph.iter().copied()))
        {
            // Columns flattened by the converter: the names came first,
            // then the labels ("Présents :" directly followed by the next
            // label).
            parts.extend(prev_paragraph.iter().copied());
        }
    }
    // A parenthesis left open goes on over the next lines, whatever they
    // start with ("(donne" / "procuration à M. X) ; …").
    while end < n && !lines[end].is_blank() && end < i + LIST_LINES && open_parens(&parts) > 0 {
        parts.push(lines[end].text);
        end += 1;
        let more = starts_at.continuation(end - 1);
        parts.extend(lines[end..more].iter().map(|l| l.text));
        end = more;
    }
    // A list set in paragraphs (one per role: "…, Vice-présidents" /
    // "…, membres de la Commission permanente"): the next paragraph goes on
    // when it opens with a name in capitals followed by a comma or a
    // parenthesis.
    while !parts.iter().all(|p| p.trim().is_empty()) && end < i + LIST_LINES {
        let k = next_text(end);
        if k >= n || k > end + 2 || starts_at.at(k).is_some() || !opens_a_list(lines[k].text) {
            break;
        }
        let e = starts_at.continuation(k);
        // The paragraphs' last and first names are parted by the blank.
        parts.push(",");
        parts.extend(lines[k..e].iter().map(|l| l.text));
        end = e;
    }
    // A list cut by a page break: its last line ends with a comma or a
    // hyphenated name, and the names go on after the blank.
    while let Some(last) = parts.last().map(|p| p.trim_end())
        && (last.ends_with(',') || (last.ends_with('-') && !last.ends_with(" -")))
    {
        let k = next_text(end);
        if k >= n
            || k > end + 2
            || starts_at.at(k).is_some()
            || lines[k].text.trim_start().starts_with(char::is_lowercase)
        {
            break;
        }
        let e = starts_at.continuation(k);
        parts.extend(lines[k..e].iter().map(|l| l.text));
        end = e;
    }
    (parts, end)
}

/// A list of proxies printed one per line, each a sentence ("Mme X qui a
/// donné pouvoir à M. Y"), with no separator at the line ends.
fn one_proxy_per_line(kind: ListKind, parts: &[&str]) -> bool {
    let lines: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    matches!(kind, ListKind::Proxies | ListKind::ExcusedProxies)
        && lines.len() >= 2
        && lines.iter().all(|l| {
            !l.ends_with([',', ';'])
                && ["pouvoir", "procuration"]
                    .iter()
                    .any(|w| crate::text::find_folded(l, w).is_some())
        })
}

/// A line that opens a list of names: a name with a family name in
/// capitals ("Madame Claude GREFF", "DUPONT Jean"), then a comma or a
/// parenthesis ("Monsieur le Maire ouvre la séance" is no list).
fn opens_a_list(t: &str) -> bool {
    let t = t.trim();
    let Some(end) = t.find([',', '(', ';']) else {
        return false;
    };
    let first = &t[..end];
    is_name_line(first)
        && first.split_whitespace().count() <= 5
        && first.split_whitespace().any(is_upper_word)
}

/// The most lines a list runs over.
const LIST_LINES: usize = 60;

/// Parentheses opened and not closed in the lines of a list.
fn open_parens(parts: &[&str]) -> i32 {
    parts
        .iter()
        .flat_map(|p| p.bytes())
        .map(|b| match b {
            b'(' => 1,
            b')' => -1,
            _ => 0,
        })
        .sum()
}

/// The first line of names after a box of short lines ("DATE DE
/// CONVOCATION", "19 mars 2010", "PRESENTS", "21", rules of dashes) that a
/// converter printed between a label and its list: the counts beside the
/// list. None when prose or a labelled line comes first, when the box holds
/// fewer than two counts or labels in capitals, or when no name comes
/// within a page.
fn past_box(starts_at: &Starts, from: usize) -> Option<usize> {
    const BOX_LINE: usize = 40;
    const BOX_LINES: usize = 40;
    let lines = starts_at.lines;
    // Counts and labels in capitals seen: a box holds two at least.
    const BOX_EVIDENCE: usize = 2;
    let mut counts = 0;
    for (k, line) in lines.iter().enumerate().skip(from).take(BOX_LINES) {
        let t = line.text.trimmed();
        // "Josiane MARTY rapporte :" opens an account, not a list.
        if is_name_line(t) {
            return (counts >= BOX_EVIDENCE && starts_at.at(k).is_none() && !t.ends_with(':'))
                .then_some(k);
        }
        if t.len() > BOX_LINE {
            return None;
        }
        // A count, alone or after its label ("EN EXERCICE 29"), or a
        // label in capitals ("PRESENTS": the counts may be lost as page
        // numbers where the converter marked no page).
        let last = t.rsplit([' ', '\t']).next().unwrap_or("");
        let count = (1..=3).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit());
        let label = t.len() >= 4
            && t.chars().all(|c| !c.is_lowercase())
            && t.chars().any(char::is_alphabetic);
        if count || label {
            counts += 1;
        }
    }
    None
}

/// A line that opens with a name: a civility, or a given name and a
/// family name in capitals in either order ("Jean DUPONT", "DUPONT Jean").
fn is_name_line(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(a), Some(b)) = (words.next(), words.next()) else {
        return false;
    };
    let capitalised =
        |w: &str| w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
    let b = b.trim_end_matches(',');
    starts_with_civility(t)
        || (capitalised(a) && is_upper_word(b))
        || (is_upper_word(a) && capitalised(b))
}

/// "Mesdames et Messieurs les Conseillers Municipaux :" — the words that
/// introduce a list of names, not names.
fn is_names_lead_in(t: &str) -> bool {
    let t = t.trim_end();
    if !t.ends_with(':') || t.len() >= 80 {
        return false;
    }
    let f = folded(t);
    [
        "mesdames",
        "messieurs",
        "mmes",
        "les conseillers",
        "les membres",
        // The roles an intercommunal council lists its delegates under.
        "titulaires",
        "delegues",
        "conseillers",
        "membres",
    ]
    .iter()
    .any(|w| f.starts_with(w))
        && !t.split_whitespace().any(is_upper_word)
}

/// The end (exclusive) of a budget table starting at `start`.
fn table_end(starts_at: &Starts, start: usize) -> usize {
    let lines = starts_at.lines;
    let mut j = start + 1;
    while j < lines.len() {
        let u = lines[j].text;
        if matches!(
            starts_at.at(j),
            Some(
                Start::Article | Start::Vote | Start::Outcome | Start::Signature | Start::Citation
            )
        ) || !is_table_line(u)
        {
            break;
        }
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_decision_sentence_gives_its_vote_with_counts() {
        let text = "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des votants (il y a eu quatre\nabstentions : Mmes FRANCANNET, MOISAN et MM. MORVAN et DESBAINS) ADOPTE\nla proposition.\n";
        let norm = crate::normalize::normalize(text);
        let v = super::vote_in_decision(&norm.lines()).expect("a vote");
        assert_eq!((v.abstention, v.unanimous), (Some(4), true));
        let plain = crate::normalize::normalize("Le conseil, à l'unanimité, approuve.\n");
        assert!(super::vote_in_decision(&plain.lines()).is_none());
    }

    #[test]
    fn an_item_says_unanimity_even_across_a_cut_word() {
        let said = |text: &str| {
            let norm = crate::normalize::normalize(text);
            super::says_unanimous(&norm.lines(), true, "")
        };
        assert!(said("Le conseil adopte la proposition\nà l'unanimité.\n"));
        assert!(said("Le conseil adopte à l'unani-\nmité la proposition.\n"));
        assert!(!said("Le conseil adopte la proposi-\ntion.\n"));
        assert!(!said("Le conseil adopte à la majorité.\n"));
    }

    #[test]
    fn closing_formalities_end_the_last_article_and_open_the_signature() {
        let text = "COMMUNE D'AUDIERNE\nDélibération n° 2021-060\nObjet : PLU\n\nArticle 1 : approuve le PLU ;\nArticle 2 : la présente délibération sera transmise.\n\nAinsi délibéré lesdits jour mois et an,\nPour extrait conforme,\nLe maire,\nGurvan KERLOC'H\n";
        let doc = crate::parse_bytes("t.txt", text.as_bytes());
        let d = &doc.deliberations[0];
        assert_eq!(d.articles.len(), 2);
        assert!(
            !d.articles[1].text.contains("Ainsi"),
            "{}",
            d.articles[1].text
        );
        let sig = d.signature.as_ref().expect("a signature");
        assert_eq!(sig.signatories[0].name, "Gurvan KERLOC'H");
        assert_eq!(sig.signatories[0].role.as_deref(), Some("Le maire"));
    }
}
