//! Coverage: which labelled lines gave a fact. A line the lexer labelled
//! (an attendance label, a vote, an item heading, …) that no extractor read
//! is a fact the parser saw and lost; it becomes a `coverage.unused`
//! diagnostic naming the line and its label, so that it shows without any
//! gold to compare with.

use crate::lex::Lexeme;
use crate::model::{COVERED_KINDS, Coverage, Diagnostic};
use crate::normalize::Line;

/// Counts the covered kinds seen and used, and names each unused line.
/// An item heading inside the agenda is read as the agenda.
pub fn measure(
    lines: &[Line],
    lexemes: &[Lexeme],
    used: &mut Vec<u32>,
    diags: &mut Vec<Diagnostic>,
) -> Coverage {
    used.sort_unstable();
    used.dedup();
    let agenda = agenda_span(lexemes);
    let mut cov = Coverage::default();
    for (i, (l, x)) in lines.iter().zip(lexemes).enumerate() {
        let was_used = used.binary_search(&l.no).is_ok()
            || x.heading && agenda.as_ref().is_some_and(|a| a.contains(&i));
        for kind in x.kinds() {
            let Some(k) = COVERED_KINDS.iter().position(|c| *c == kind) else {
                continue;
            };
            cov.seen[k] += 1;
            if was_used {
                cov.used[k] += 1;
            } else {
                diags.push(Diagnostic::warning(
                    "coverage.unused",
                    Some(l.no),
                    format!("a line labelled {kind} gave no fact"),
                ));
            }
        }
    }
    cov
}

/// The lines of the first agenda: from its label to the first item heading
/// that repeats a heading of the list (or to the first line that is no
/// heading and no blank after the list).
fn agenda_span(lexemes: &[Lexeme]) -> Option<std::ops::Range<usize>> {
    let start = lexemes.iter().position(|x| x.agenda)?;
    let end = lexemes[start + 1..]
        .iter()
        .position(|x| x.part.is_some() && !x.heading)
        .map_or(lexemes.len(), |k| start + 1 + k);
    Some(start..end)
}
