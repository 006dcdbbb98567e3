//! Where the items of minutes begin: the headings of agenda points, read
//! from the lexer's labels.
//!
//! ```text
//! items   = [agenda] heading*        (* numbered headings, see parse::item *)
//! agenda  = "Ordre du jour" heading*  (* skipped: the items follow *)
//! ```

use crate::lex::Lexeme;
use crate::normalize::Line;
use crate::parse::item::{Heading, heading};
use crate::text::{clean, folded};

/// Plain item numbers go up one by one (a few items may be skipped): "16
/// Emprunts et dettes assimilées" after item 1 is a row of a budget table,
/// "4 Mutualisation …" after item 10 a list inside the item.
fn in_sequence(found: &[Item], h: &Heading, lines: &[Line], at: usize) -> bool {
    let number = |h: &Heading| h.number.as_deref().and_then(|n| n.parse::<u32>().ok());
    let Some(n) = number(h) else { return true };
    // The items of a document share one style: "9." then "10.", never "16 ".
    let first_style = found
        .iter()
        .find(|it| number(&it.heading).is_some())
        .map(|it| number_style(lines[it.start].text));
    if first_style.is_some_and(|s| s != number_style(lines[at].text)) {
        return false;
    }
    match found.iter().rev().find_map(|it| number(&it.heading)) {
        Some(prev) if n > prev && n <= prev + 3 => true,
        // Numbering starts again at 1 after headings with little under them:
        // those were an agenda the skip missed (not a list inside an item).
        Some(_) if n == 1 => found.first().is_some_and(|first| {
            let text: Vec<&Line> = lines[first.start..at]
                .iter()
                .filter(|l| !l.is_blank())
                .collect();
            let headings = text.iter().filter(|l| heading(l.text).is_some()).count();
            headings * 2 >= text.len()
        }),
        Some(_) => false,
        None => true,
    }
}

/// What follows the number of a heading line: '.' in "9. Décision", ' ' in
/// "16 Emprunts".
fn number_style(line: &str) -> Option<char> {
    line.trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next()
}

/// "1 COMPTE-RENDU DE LA SÉANCE" under a page number: the document's own
/// title, not an agenda item ("Approbation du compte-rendu …" is one).
fn names_the_minutes(title: &str) -> bool {
    let f = folded(title);
    [
        "compte-rendu de la seance",
        "compte rendu de la seance",
        "proces-verbal de la seance",
        "proces verbal de la seance",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

pub struct Item {
    pub start: usize,
    pub body_start: usize,
    pub end: usize,
    pub heading: Heading,
}

/// Item headings in order, skipping the agenda list.
pub fn items(lines: &[Line], lexemes: &[Lexeme]) -> Vec<Item> {
    let n = lines.len();
    let mut found: Vec<Item> = Vec::new();
    let mut i = 0;
    let mut seen_agenda = false;
    while i < n {
        let t = lines[i].text;
        if !seen_agenda && lexemes[i].agenda {
            seen_agenda = true;
            // The agenda: headings, bullets and blank lines right after its
            // label; it ends where a number comes back (the items begin).
            i += 1;
            let mut numbers = Vec::new();
            let mut first_heading = None;
            while i < n {
                let u = lines[i].text;
                match lexemes[i].heading.then(|| heading(u)).flatten() {
                    Some(h) if h.number.is_some() && numbers.contains(&h.number) => break,
                    Some(h) => {
                        first_heading.get_or_insert(i);
                        numbers.push(h.number);
                    }
                    None if lines[i].is_blank() || u.starts_with('-') => {}
                    None => {
                        // One heading and then its text: no agenda list, the
                        // items follow the label directly.
                        if numbers.len() == 1
                            && let Some(k) = first_heading
                        {
                            i = k;
                        }
                        break;
                    }
                }
                i += 1;
            }
            continue;
        }
        if let Some(mut h) = lexemes[i]
            .heading
            .then(|| heading(t))
            .flatten()
            .filter(|h| !names_the_minutes(&h.title))
            .filter(|h| in_sequence(&found, h, lines, i))
        {
            let mut body_start = i + 1;
            // An act number alone on its line: the title is the next line or heading.
            if h.title.is_empty()
                && let Some(k) = (i + 1..n.min(i + 4)).find(|&k| !lines[k].is_blank())
            {
                let next = lines[k].text;
                h.title = heading(next)
                    .filter(|x| !x.act_id)
                    .map_or_else(|| clean(next), |x| x.title);
                body_start = k + 1;
            }
            // "3. Festival « les Petites Bouilles »" over "- Fixation des tarifs
            // des insertions": one bullet right under the heading completes
            // its title (several would be a list).
            if !h.title.is_empty()
                && body_start == i + 1
                && let Some(sub) = lines.get(i + 1).and_then(|l| l.text.strip_prefix("- "))
                && sub.len() < 90
                && !lines.get(i + 2).is_some_and(|l| l.text.starts_with("- "))
            {
                h.title = format!("{} {}", h.title, clean(sub));
                body_start = i + 2;
            }
            if let Some(prev) = found.last_mut() {
                prev.end = i;
            }
            found.push(Item {
                start: i,
                body_start,
                end: n,
                heading: h,
            });
            i = body_start;
            continue;
        }
        i += 1;
    }
    found
}
