//! Where the items of minutes begin: the headings of agenda points, read
//! from the lexer's labels.
//!
//! ```text
//! items    = [agenda] heading*          (* numbered headings, see parse::item *)
//!          | (title account decision)*  (* unnumbered: each decision closes an item *)
//! agenda   = "Ordre du jour" heading*    (* skipped: the items follow *)
//! title    = a short line that opens a paragraph and ends without a stop
//! decision = a line labelled decision, vote or outcome
//! ```
//!
//! Numbered headings are read first. Where they give fewer than two items
//! with a vote or an outcome of their own, the items are read from the
//! decisions instead: small communes print a title, the account and the
//! decision, then the next title, with no number at all.

use crate::lex::{Lexeme, Part};
use crate::normalize::Line;
use crate::parse::item::{Heading, heading};
use crate::parse::number::objet_line;
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
        // Under act identifiers ("D2018-66", "N° 10.058"), a plain number is
        // a list inside an act ("1. Affectation en réserves") or a table's
        // row ("12 Ecoles"), never an item.
        None => !found.iter().any(|it| it.heading.act_id),
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

/// Closes the last item at `start` and opens one there, titled `title`
/// without a number, its account from `body_start` to `end`.
fn open_titled(found: &mut Vec<Item>, start: usize, body_start: usize, end: usize, title: String) {
    if let Some(prev) = found.last_mut() {
        prev.end = start;
    }
    found.push(Item {
        start,
        body_start,
        end,
        heading: Heading {
            number: None,
            title,
            act_id: false,
        },
    });
}

/// Item headings in order, skipping the agenda list.
pub fn numbered_items(lines: &[Line], lexemes: &[Lexeme]) -> Vec<Item> {
    let n = lines.len();
    let width = typical_width(lines);
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
                h.title = match (objet_line(next), heading(next).filter(|x| !x.act_id)) {
                    (Some(objet), _) => clean(objet),
                    (None, Some(x)) => x.title,
                    (None, None) => clean(next),
                };
                body_start = k + 1;
            }
            let body_start = complete_title(lines, lexemes, i, body_start, &mut h.title, width);
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

/// The items of minutes: their numbered headings, or, where these give
/// fewer than two voted items, their decisions and the titles above them.
pub fn items(lines: &[Line], lexemes: &[Lexeme], numbered: Vec<Item>) -> Vec<Item> {
    if voted(lexemes, &numbered, DECIDED) >= 2 {
        return numbered;
    }
    // Headings a converter marked are the document's own structure.
    let marked = marked_items(lines, lexemes);
    if marked.len() >= MARKED_ITEMS_MIN {
        return marked;
    }
    // An agenda of titles without numbers, each title printed again where
    // its item opens.
    let echoed = echoed_items(lines, lexemes);
    if echoed.len() >= ECHOED_ITEMS_MIN && echoed.len() > voted(lexemes, &numbered, DECIDED) {
        return echoed;
    }
    let decided = decided_items(lines, lexemes);
    if voted(lexemes, &decided, DECIDED) > voted(lexemes, &numbered, DECIDED) {
        decided
    } else {
        numbered
    }
}

/// A title line that reads as an item's heading rather than a row of a
/// table or a cut phrase ("Excédent de fonctionnement 112 443.89 €",
/// "Publié le"): it ends on a word, on no amount and no open word.
fn reads_as_heading(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ' ']);
    t.ends_with(|c: char| c.is_alphabetic() || matches!(c, ')' | '»' | '"'))
        && !t.contains(['€', '%'])
        && !ends_on_open_word(t)
}

/// The fewest agenda titles found again that make the items of minutes.
const ECHOED_ITEMS_MIN: usize = 3;

/// The agenda's entries: the lines under its label, up to a labelled line
/// or a line of prose; an entry's line that opens in lower case goes on
/// the one above. Each with its key (see [`echo_key`]).
fn agenda_entries(
    lines: &[Line],
    lexemes: &[Lexeme],
    label: usize,
) -> (Vec<(String, String)>, usize) {
    const ENTRY_MAX: usize = 120;
    const ENTRIES_MAX: usize = 40;
    let mut entries: Vec<String> = Vec::new();
    let mut k = label + 1;
    while k < lines.len() && entries.len() < ENTRIES_MAX {
        let t = lines[k].text.trim();
        if t.is_empty() {
            k += 1;
            continue;
        }
        // A numbered agenda is `numbered_items`' to read.
        if lexemes[k].heading {
            return (Vec::new(), k);
        }
        if lexemes[k].part.is_some() || t.len() > ENTRY_MAX || t.ends_with('.') && t.len() > 60 {
            break;
        }
        // The first title printed again: the items begin.
        let key = key_of_folded(lines[k].folded);
        if entries.iter().any(|e| echo_key(e) == key) {
            break;
        }
        match entries.last_mut() {
            Some(last) if t.starts_with(char::is_lowercase) => {
                *last = crate::text::join_lines([last.as_str(), t]);
            }
            _ => entries.push(clean(t.trim_start_matches(['-', '•', ' ']))),
        }
        k += 1;
    }
    let keyed = entries
        .into_iter()
        .map(|e| (echo_key(&e), e))
        .filter(|(key, _)| key.len() >= ECHO_KEY_MIN)
        .collect();
    (keyed, k)
}

/// How many letters and figures of a title must match where it is
/// printed again (all of a shorter title's, [`ECHO_KEY_MIN`] at least).
const ECHO_KEY: usize = 28;
const ECHO_KEY_MIN: usize = 12;

/// A title's first [`ECHO_KEY`] letters and figures, folded: the OCR and
/// the typing of dashes and spaces differ between the agenda and the item.
fn echo_key(t: &str) -> String {
    key_of_folded(&folded(t))
}

/// [`echo_key`] of a text already folded (a line's `folded`).
fn key_of_folded(f: &str) -> String {
    f.chars()
        .filter(|c| c.is_alphanumeric())
        .take(ECHO_KEY)
        .collect()
}

/// Items of minutes whose agenda lists titles without numbers: each title
/// found again below the agenda, at the start of a line, opens its item
/// (each once, in any order). The agenda's wording is the title.
fn echoed_items(lines: &[Line], lexemes: &[Lexeme]) -> Vec<Item> {
    let Some(label) = lexemes.iter().position(|x| x.agenda) else {
        return Vec::new();
    };
    let (mut entries, after) = agenda_entries(lines, lexemes, label);
    let listed = entries.len();
    let mut found: Vec<Item> = Vec::new();
    if listed < ECHOED_ITEMS_MIN {
        return found;
    }
    for (i, line) in lines.iter().enumerate().skip(after) {
        if line.is_blank() || lexemes[i].part.is_some() {
            continue;
        }
        let key = key_of_folded(line.folded);
        let Some(e) = entries
            .iter()
            .position(|(k, _)| key.starts_with(k.as_str()))
        else {
            continue;
        };
        let (_, title) = entries.remove(e);
        open_titled(&mut found, i, i + 1, lines.len(), title);
    }
    // Half the agenda at least is found again, or the echoes are chance.
    if found.len() * 2 < listed {
        found.clear();
    }
    found
}

/// The fewest marked headings that make the items of minutes.
const MARKED_ITEMS_MIN: usize = 3;

/// Items under the headings a converter marked (markdown `##`), after the
/// preamble's attendance: minutes that decide in prose ("Le Conseil donne
/// son accord …" inside a paragraph) have no other structure to read.
fn marked_items(lines: &[Line], lexemes: &[Lexeme]) -> Vec<Item> {
    let width = typical_width(lines);
    let from = lexemes
        .iter()
        .position(|x| x.part == Some(Part::List))
        .map_or(0, |k| k + 1);
    let mut found: Vec<Item> = Vec::new();
    for i in from..lines.len() {
        if !lines[i].marked_heading || !is_title(lines, lexemes, i, width) {
            continue;
        }
        open_titled(&mut found, i, i + 1, lines.len(), clean(lines[i].text));
    }
    found
}

/// The parts that close an item: a vote or an outcome.
pub const VOTED: &[Part] = &[Part::Vote, Part::Outcome];
/// … or a decision.
pub const DECIDED: &[Part] = &[Part::Vote, Part::Outcome, Part::Decision];

/// Items whose own lines hold one of `parts`, or, under an act's own
/// number ("N° 14.089"), a decision.
pub fn voted(lexemes: &[Lexeme], items: &[Item], parts: &[Part]) -> usize {
    items
        .iter()
        .filter(|it| {
            lexemes[it.body_start..it.end].iter().any(|x| {
                x.part
                    .is_some_and(|p| parts.contains(&p) || it.heading.act_id && p == Part::Decision)
            })
        })
        .count()
}

fn is_decision(x: &Lexeme) -> bool {
    matches!(x.part, Some(Part::Decision | Part::Vote | Part::Outcome))
}

/// Unnumbered items: each run of decision lines closes an item, whose title
/// is the first title line after the previous item's decision (after the
/// sitting's preamble for the first).
fn decided_items(lines: &[Line], lexemes: &[Lexeme]) -> Vec<Item> {
    let width = typical_width(lines);
    let mut found: Vec<Item> = Vec::new();
    // Where the search for the next title starts: after the preamble's
    // attendance, then after each decision's sentence.
    let first_decision = lexemes.iter().position(is_decision).unwrap_or(0);
    let mut from = lexemes[..first_decision]
        .iter()
        .rposition(|x| matches!(x.part, Some(Part::List | Part::Secretary)) || x.counts)
        .map_or(0, |k| k + 1);
    let mut k = from;
    while k < lines.len() {
        if !is_decision(&lexemes[k]) {
            k += 1;
            continue;
        }
        // Every title since the last decision opens an item: an item may
        // end without a decision of its own (deferred, or decided in prose).
        let mut i = from;
        let mut first = true;
        while let Some(t) = (i..k).find(|&j| is_title(lines, lexemes, j, width)) {
            let (title, body_start) = title_at(lines, t, width);
            i = body_start.max(t + 1);
            // The first title since the last decision opens the item; one
            // more must read as a heading, and not repeat one (a box's
            // label printed above every act).
            if !first
                && (!reads_as_heading(&title) || found.iter().any(|f| f.heading.title == title))
            {
                continue;
            }
            first = false;
            open_titled(&mut found, t, body_start, lines.len(), title);
        }
        k = sentence_end(lines, k) + 1;
        from = k;
    }
    found
}

/// Completes the title of the heading at line `i` whose text starts at
/// `body_start`, and returns where the text starts after it:
/// - a title in capitals goes on over the next lines in capitals
///   ("APPROBATION DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL" / "DU 26 FÉVRIER");
/// - a title cut inside its phrase goes on ("… faisant suite à" / "l'appel
///   à projet …"), and so does one whose line is full (the text wrapped);
/// - one bullet right under the heading completes it ("3. Festival" / "-
///   Fixation des tarifs"; several would be a list).
fn complete_title(
    lines: &[Line],
    lexemes: &[Lexeme],
    i: usize,
    mut body_start: usize,
    title: &mut String,
    width: usize,
) -> usize {
    let n = lines.len();
    let free = |k: usize| k < n.min(i + 6) && lexemes[k].part.is_none() && !lexemes[k].heading;
    while free(body_start) && in_capitals(title) && in_capitals(lines[body_start].text) {
        *title = format!("{title} {}", clean(lines[body_start].text));
        body_start += 1;
    }
    while free(body_start) && !title.is_empty() && title_goes_on(title, lines[body_start].text) {
        *title = crate::text::join_lines([title.as_str(), lines[body_start].text]);
        body_start += 1;
    }
    if !title.is_empty()
        && let Some(end) = title_paragraph_end(lines, lexemes, body_start, width)
    {
        let rest = lines[body_start..end].iter().map(|l| l.text);
        *title = crate::text::join_lines(std::iter::once(title.as_str()).chain(rest));
        body_start = end;
    }
    if !title.is_empty()
        && body_start == i + 1
        && let Some(sub) = lines.get(i + 1).and_then(|l| l.text.strip_prefix("- "))
        && sub.len() < 90
        && !lines.get(i + 2).is_some_and(|l| l.text.starts_with("- "))
    {
        *title = format!("{title} {}", clean(sub));
        body_start = i + 2;
    }
    body_start
}

/// Where the title's paragraph ends when the title goes on over a few
/// more lines from `from` (the converter wrapped it): at a blank line, a
/// labelled line, a heading or the opening of the account ("Monsieur le
/// Maire expose …", "Rapporteur : …"), within three lines that read as a
/// title (no sentence end, no longer than a line). None when the lines
/// from `from` are no such continuation.
fn title_paragraph_end(
    lines: &[Line],
    lexemes: &[Lexeme],
    from: usize,
    width: usize,
) -> Option<usize> {
    const MORE_LINES: usize = 3;
    for k in from..=from + MORE_LINES {
        let ends_here = k >= lines.len()
            || lines[k].is_blank()
            || lexemes[k].part.is_some()
            || lexemes[k].heading
            || opens_sentence(lines[k].text);
        if ends_here {
            return (k > from).then_some(k);
        }
        let t = lines[k].text.trim_end();
        let prev = lines[k - 1].text.chars().count();
        // A line the converter wrapped, or a title in capitals set over
        // several lines; a short line in lower case above is a title of its
        // own (the first of several acts under one item).
        let goes_on = prev * 10 >= width * 7 || mostly_capitals(t);
        if k == from + MORE_LINES
            || !goes_on
            || t.ends_with(['.', ';', ':'])
            || t.chars().count() > width + 10
        {
            return None;
        }
    }
    None
}

/// A line whose letters are capitals for the most part ("VERS LE BUDGET
/// ZAC Est", "- PARCELLE G n° 629 -").
fn mostly_capitals(t: &str) -> bool {
    let (upper, letters) = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| {
            (u + usize::from(c.is_uppercase()), l + 1)
        });
    letters >= 3 && upper * 4 >= letters * 3
}

/// A line that opens a sentence of the account rather than going on with
/// a title: "Monsieur le Maire …", "Le Conseil …", "Il est …".
fn opens_sentence(t: &str) -> bool {
    let f = folded(t.trim_start());
    [
        "monsieur ",
        "madame ",
        "m. ",
        "mme ",
        "le ",
        "la ",
        "les ",
        "il ",
        "elle ",
        "vu ",
        "considerant",
        "rapporteur",
        "expose",
    ]
    .iter()
    .any(|w| f.starts_with(w))
}

/// The words a title cannot end with: a line that ends with one was cut
/// inside the phrase ("… du budget principal de la" / "commune M14").
const OPEN_ENDS: [&str; 24] = [
    "a", "à", "de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les", "au", "aux", "et",
    "en", "pour", "sur", "par", "avec", "dans", "entre", "un", "une",
];

/// True when `next` continues `title`: the title ends inside a phrase
/// (on a word of [`OPEN_ENDS`] or a comma), or the next line opens in
/// lower case, and the next line is not a sentence of its own.
fn title_goes_on(title: &str, next: &str) -> bool {
    let next = next.trim();
    if next.is_empty() || title.ends_with(['.', ':', ';', '!', '?']) {
        return false;
    }
    let open = title.ends_with([',', '\'', '’']) || ends_on_open_word(title);
    (open && !opens_sentence(next)) || next.starts_with(char::is_lowercase)
}

/// True when the last word of `t` is one of [`OPEN_ENDS`].
fn ends_on_open_word(t: &str) -> bool {
    let last = t.rsplit([' ', '\'']).next().unwrap_or("");
    OPEN_ENDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// A text whose letters, three or more, are all capitals.
fn in_capitals(t: &str) -> bool {
    let mut letters = t.chars().filter(|c| c.is_alphabetic());
    let all = letters.clone().all(char::is_uppercase);
    all && letters.nth(2).is_some()
}

/// The last line of the sentence that line `k` opens.
fn sentence_end(lines: &[Line], k: usize) -> usize {
    let mut e = k;
    while e + 1 < lines.len()
        && e < k + 6
        && !lines[e].text.trim_end().ends_with(['.', '!'])
        && !lines[e + 1].is_blank()
    {
        e += 1;
    }
    e
}

/// The length of a full line of text: the ninth decile of line lengths.
fn typical_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.chars().count())
        .collect();
    if lens.is_empty() {
        return 80;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10].max(40)
}

/// A title: a short line that opens a paragraph, starts with a capital,
/// holds two words or more, ends without a stop or a comma (unless a
/// lower-case line continues it), and is no labelled part.
fn is_title(lines: &[Line], lexemes: &[Lexeme], i: usize, width: usize) -> bool {
    let t = lines[i].text.trim();
    let x = &lexemes[i];
    let len = t.chars().count();
    if t.is_empty() || x.part.is_some_and(|p| p != Part::Objet) || x.meeting || x.counts {
        return false;
    }
    // A heading the converter marked ("## Extension garage communal.").
    if lines[i].marked_heading {
        return t.split_whitespace().nth(1).is_some() && !t.ends_with(':');
    }
    let opens_paragraph = i == 0 || {
        let prev = lines[i - 1].text.trim_end();
        prev.is_empty() || prev.ends_with(['.', ':', '!', ';']) || lexemes[i - 1].part.is_some()
    };
    let continued = t.ends_with(',')
        && lines
            .get(i + 1)
            .is_some_and(|n| n.text.starts_with(char::is_lowercase) && !n.text.ends_with('.'));
    // "Devis entretien de la voirie." alone between blank lines, half a line
    // long: a title with a stop, as markdown converters leave them.
    let alone = opens_paragraph
        && lines.get(i + 1).is_none_or(|n| n.is_blank())
        && len * 2 <= width
        && t.ends_with('.')
        && !t.ends_with("..");
    // A paragraph of its own (blank lines around) may run the whole width.
    let own_paragraph = opens_paragraph
        && i > 0
        && lines[i - 1].is_blank()
        && lines.get(i + 1).is_none_or(|n| n.is_blank());
    opens_paragraph
        && (4..=160).contains(&len)
        && (len * 4 <= width * 3 || own_paragraph)
        && t.starts_with(|c: char| c.is_uppercase())
        && t.split_whitespace().nth(1).is_some()
        && (!t.ends_with(['.', ',', ';', ':']) || continued || alone)
        && !t.contains(" : ")
}

/// The title that opens at line `t` (with the lower-case line that
/// continues it) and the line where the item's account starts.
fn title_at(lines: &[Line], t: usize, width: usize) -> (String, usize) {
    let first = lines[t].text;
    match lines.get(t + 1) {
        Some(next)
            if first.trim_end().ends_with(',')
                || (next.text.starts_with(char::is_lowercase)
                    && next.text.chars().count() * 4 <= width * 3
                    && !next.text.ends_with('.')) =>
        {
            (clean(&format!("{first} {}", next.text)), t + 2)
        }
        _ => (clean(first), t + 1),
    }
}
