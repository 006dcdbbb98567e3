//! Vote lines and the outcome.
//!
//! ```text
//! vote        = clause+ | unanimity
//! clause      = position_label [ws] ":" [ws] count [ws ("voix" | "votes")] [ws "(" who ")"] [", " names]
//!             | count [ws ("voix" | "votes")] [ws] position_word [ws "(" who ")"]
//! position_label = "Pour" | "Contre" | "Abstention(s)" | "Absent(s) sans délégation de vote"
//!                | "Ne prend(nent) pas part au vote" | "Ne participe(nt) pas au vote"
//! who         = group (";" group)* | person ("," person)*
//! unanimity   = ["à l'"] "unanimité"
//! outcome     = ["("] ("Adopté" | "Adoptée" | "Rejeté" | "Retiré" | "Ajourné" | "Reporté") [")"]
//! ```
//! Example: `Pour : 43 voix (Groupe Socialiste, Républicain et Citoyen ; Non-inscrit) Contre : 0 voix Abstention : 0 voix`.

use crate::model::{Person, Vote};
use nom::IResult;
use nom::branch::alt;
use nom::character::complete::{char, space0, space1};
use nom::combinator::{map, opt, value};
use nom::sequence::{preceded, tuple};

use super::amounts::count_or_word;
use super::person::{person, split_names, starts_with_civility};
use super::trivia::{Trimmed, Words, find_folded, fold, folded, kw, match_folded, no_match, word};
use crate::normalize::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    For,
    Against,
    Abstention,
    NotVoting,
    AbsentNoProxy,
}

fn position_label(input: &str) -> IResult<&str, Position> {
    // Every label opens with one of these letters (folded): the twenty
    // alternatives are not tried on another. A character outside ASCII may
    // fold to one of them: it is tried.
    if input
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !b"acnopv".contains(&b.to_ascii_lowercase()))
    {
        return no_match(input);
    }
    alt((
        value(
            Position::AbsentNoProxy,
            alt((
                kw("absents sans delegation de vote"),
                kw("absent(s) sans delegation de vote"),
                kw("absent sans delegation de vote"),
            )),
        ),
        value(
            Position::NotVoting,
            alt((
                kw("ne prennent pas part au vote"),
                kw("ne prend pas part au vote"),
                kw("ne participent pas au vote"),
                kw("ne participe pas au vote"),
                kw("non-participation au vote"),
                kw("non participation au vote"),
                kw("ne prend pas part"),
                kw("n'ont pas pris part au vote"),
                kw("n'a pas pris part au vote"),
            )),
        ),
        value(
            Position::Abstention,
            alt((
                kw("abstentions"),
                kw("abstention"),
                kw("abstenus"),
                kw("abstenu"),
            )),
        ),
        value(
            Position::Against,
            alt((word("contre"), kw("ont vote contre"), kw("votes contre"))),
        ),
        value(
            Position::For,
            alt((word("pour"), kw("ont vote pour"), kw("votes pour"))),
        ),
    ))(input)
}

fn voix(input: &str) -> IResult<&str, &str> {
    alt((word("voix"), word("votes"), word("vote"), word("suffrages")))(input)
}

/// Text of a parenthesis, nested parentheses included.
fn paren(input: &str) -> IResult<&str, &str> {
    let (rest, _) = char('(')(input)?;
    let mut depth = 1;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok((&rest[i + 1..], &rest[..i]));
                }
            }
            _ => {}
        }
    }
    Ok(("", rest))
}

/// One clause, label first: "Pour : 44 voix (…)".
fn clause_label_first(input: &str) -> IResult<&str, (Position, u32, Option<&str>)> {
    let (rest, (pos, _, _, _, n, _, _, who)) = tuple((
        position_label,
        opt(alt((kw("(s)"), kw(" (s)")))),
        space0,
        alt((map(char(':'), |_| ()), map(char('='), |_| ()))),
        preceded(space0, count_or_word),
        opt(preceded(space1, voix)),
        space0,
        opt(paren),
    ))(input)?;
    // "2022 pour acquisition …": a year, not a count of votes; no assembly
    // has a thousand members.
    if n >= 1000 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (pos, n, who)))
}

/// One clause, count first: "14 pour", "4 abstentions (M. X)", "une voix contre".
fn clause_count_first(input: &str) -> IResult<&str, (Position, u32, Option<&str>)> {
    let (rest, (n, _, _, pos, _, who)) = tuple((
        count_or_word,
        opt(preceded(space1, voix)),
        space1,
        position_label,
        space0,
        opt(paren),
    ))(input)?;
    // "2315 pour un montant de 12 540 €": an account number, not a count of
    // votes; no assembly has a thousand members.
    if n >= 1000 {
        return no_match(input);
    }
    Ok((rest, (pos, n, who)))
}

/// Groups or names inside a clause's parenthesis.
fn who_split(who: &str) -> (Vec<String>, Vec<Person>) {
    let who = who.trimmed();
    let parts: Vec<&str> = if who.contains(';') {
        who.split(';').collect()
    } else {
        who.split([',']).flat_map(|p| p.split(" et ")).collect()
    };
    let looks_like_person = |p: &str| {
        let p = p.trimmed();
        starts_with_civility(p)
            || (p.split_whitespace().count() <= 4
                && p.split_whitespace().any(|w| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && w.chars().all(|c| !c.is_lowercase())
                })
                && !folded(p).starts_with("groupe"))
    };
    // Between semicolons, groups are the rule: names there must read as
    // names, with a civility or a given name ("Florence ALLAIS ; Norbert GARCIA").
    let named_in_full = |p: &str| {
        let p = p.trimmed();
        starts_with_civility(p)
            || (p.split_whitespace().count() >= 2
                && p.split_whitespace().any(|w| {
                    w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase)
                }))
    };
    let semicolons = who.contains(';');
    if parts
        .iter()
        .all(|p| looks_like_person(p) && (!semicolons || named_in_full(p)))
    {
        return (Vec::new(), parts.iter().filter_map(|p| person(p)).collect());
    }
    let groups = parts
        .iter()
        .map(|p| p.trimmed().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    (groups, Vec::new())
}

/// Parses the vote from its text (the vote lines joined). None when no
/// count and no unanimity is found.
pub fn parse_vote(text: &str) -> Option<Vote> {
    let mut vote = Vote {
        text: text.to_string(),
        ..Vote::default()
    };
    let mut found = false;
    let mut i = 0;
    while i < text.len() {
        let at_boundary = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
        // Most words cannot open a clause: the parsers are not tried there.
        if at_boundary && may_open_clause(&text[i..]) {
            let rest = &text[i..];
            let label_first = clause_label_first(rest);
            let is_label_first = label_first.is_ok();
            if let Ok((r, (pos, n, who))) = label_first.or_else(|_| clause_count_first(rest))
                // A year ("2022 pour …"), not a count of votes.
                && n < 1000
            {
                found = true;
                let (groups, mut names) = who.map(who_split).unwrap_or_default();
                let mut r = r;
                if who.is_none()
                    && let Some((listed, after)) = names_after_count(r, is_label_first)
                {
                    names.extend(listed);
                    r = after;
                }
                apply(&mut vote, pos, n, groups, names);
                i = text.len() - r.len();
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if is_unanimous(text) {
        vote.unanimous = true;
        found = true;
    }
    found.then_some(vote)
}

/// Names printed after a clause's count rather than in its parenthesis:
/// "Pour : 7, Madame X, Monsieur Y" or "quatre abstentions : celles de Mmes
/// X, Y et MM. Z et W)". The list runs to the end of the line, a closing
/// parenthesis, a semicolon or the next position word. Returns the names and
/// the text after them; None when no civility opens a list there.
fn names_after_count(r: &str, label_first: bool) -> Option<(Vec<Person>, &str)> {
    let after = match r.trim_start().strip_prefix(':') {
        Some(a) => a.trim_start(),
        None => r.strip_prefix(',').filter(|_| label_first)?.trim_start(),
    };
    let after = ["celles de ", "celle de ", "ceux de ", "celui de ", "de "]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    if !starts_with_civility(after) {
        return None;
    }
    let end = after.find(['\n', ')', ';']).unwrap_or(after.len());
    let list = &after[..end];
    let stop = ["contre", "abstention", "pour", "ne prend"]
        .iter()
        .filter_map(|w| find_folded(list, w))
        .min()
        .unwrap_or(list.len());
    let mut names = Vec::new();
    // "Mmes X, Y et MM. Z": a plural civility carries over to the names after it.
    let mut carried: Option<String> = None;
    for part in split_names(&list[..stop]) {
        let Some(mut p) = person(part) else { continue };
        if p.civility.is_some() {
            carried = p.civility.clone();
        } else if carried.is_some()
            && p.family_name
                .as_deref()
                .is_some_and(super::person::is_upper_word)
            && part.split_whitespace().count() <= 4
        {
            p.civility = carried.clone();
        } else {
            continue;
        }
        names.push(p);
    }
    Some((names, &after[stop..]))
}

fn apply(vote: &mut Vote, pos: Position, n: u32, groups: Vec<String>, names: Vec<Person>) {
    let add = |slot: &mut Option<u32>| *slot = Some(slot.unwrap_or(0) + n);
    match pos {
        Position::For => {
            add(&mut vote.for_);
            vote.for_groups.extend(groups);
            vote.for_names.extend(names);
        }
        Position::Against => {
            add(&mut vote.against);
            vote.against_groups.extend(groups);
            vote.against_names.extend(names);
        }
        Position::Abstention => {
            add(&mut vote.abstention);
            vote.abstention_groups.extend(groups);
            vote.abstention_names.extend(names);
        }
        Position::NotVoting => {
            add(&mut vote.not_voting);
            vote.not_voting_names.extend(names);
        }
        Position::AbsentNoProxy => add(&mut vote.absent_without_proxy),
    }
}

/// "à l'unanimité", "UNANIMITE", "Unanimité".
pub fn is_unanimous(text: &str) -> bool {
    find_folded(text, "unanimite").is_some_and(|p| {
        // Not "à l'unanimité/majorité" (a template leftover) nor "unanimité moins".
        let after = &text[p..];
        let f = folded(&after.chars().take(30).collect::<String>());
        !f.starts_with("unanimite/") && !f.starts_with("unanimite ou")
    })
}

/// True when a folded byte may open a vote clause, label or keyword: a
/// figure or an initial of the labels, keywords, leads and number words.
fn may_open_vote(folded: u8) -> bool {
    const INITIALS: &[u8] = b"acdhnopqrstuvz";
    folded.is_ascii_digit() || INITIALS.contains(&folded)
}

/// [`may_open_vote`] of the first character of `text`, folded.
fn may_open_clause(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() => may_open_vote(b.to_ascii_lowercase()),
        Some(_) => text
            .chars()
            .next()
            .map(fold)
            .is_some_and(|f| f.is_ascii() && may_open_vote(f as u8)),
        None => false,
    }
}

/// True when a line begins a vote: a clause, "VOTE :", "Dans les conditions de vote".
pub fn is_vote_line(line: &str) -> bool {
    let t = line.trim_start_matches(['-', ' ']);
    // "Adoption à 0 Contre, 0 abstention, 11 voix pour", "Adopté par 12 voix
    // pour". Every line is asked: only those starting with "a" try the leads.
    const LEADS: [&str; 5] = [
        "adoption a ",
        "adopte a ",
        "adoptee a ",
        "adopte par ",
        "adoptee par ",
    ];
    let t = if t.starts_with(['a', 'A']) {
        LEADS
            .iter()
            .find_map(|lead| match_folded(t, lead).map(|n| &t[n..]))
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(t)
    } else {
        t
    };
    // "A L'UNANIMITE,", "À l'unanimité des votants (31 voix), 8
    // abstentions (…)", "A la majorité (3 contre)": the vote of a decision,
    // on a line of its own.
    if t.len() < 200
        && ["a l'unanimite", "a la majorite"]
            .iter()
            .any(|lead| match_folded(t, lead).is_some())
    {
        return true;
    }
    // A label first is followed by ":" or "=": a line with neither (most
    // prose) is not read for one.
    let colon = memchr::memchr2(b':', b'=', t.as_bytes()).is_some();
    colon && clause_label_first(t).is_ok()
        || t.len() < 120 && clause_count_first(t).is_ok_and(|(r, _)| r.len() < t.len())
        || colon && (kw("vote :")(t).is_ok() || kw("vote:")(t).is_ok() || kw("votes :")(t).is_ok())
        || kw("dans les conditions de vote")(t).is_ok()
        || kw("resultat du vote")(t).is_ok()
}

/// [`is_vote_line`] of a normalised line. A vote line opens with a label, a
/// count (figures or a number word) or "adopté"; and every label and keyword
/// of a vote holds one of a few words ("pour", "contre", "abstention",
/// "absent", "part", "vote"). A line whose folded form opens with another
/// letter, or has none of these words, is turned away at once.
pub fn vote_line(l: &Line) -> bool {
    let opening = l.folded.trim_start_matches(['-', ' ']).bytes().next();
    if !opening.is_some_and(may_open_vote) {
        return false;
    }
    static VOTE_WORDS: std::sync::LazyLock<Words<7>> = std::sync::LazyLock::new(|| {
        Words::new(["abs", "part", "contre", "pour", "vote", "unanim", "majorit"])
    });
    VOTE_WORDS.any_in(l.folded) && is_vote_line(l.text)
}

/// [`vote_in_line`] of a normalised line: one whose folded form never says
/// "vote" is turned away before the regex.
pub fn vote_in_line_of<'a>(l: &Line<'a>) -> Option<&'a str> {
    static VOTE: std::sync::LazyLock<Words<1>> = std::sync::LazyLock::new(|| Words::new(["vote"]));
    if !VOTE.any_in(l.folded) {
        return None;
    }
    vote_in_line(l.text)
}

/// A vote at the end of a line of prose: "Voter pour donner aux associations
/// qui ont fait la demande : Vote : 14 pour / 0 contre / 0 abstention adopté".
/// Returns the vote, from its label on.
pub fn vote_in_line(line: &str) -> Option<&str> {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)[:.,] +(votes? ?: *\d)").expect("valid regex")
    });
    let m = LABEL.captures(line)?.get(1)?;
    let rest = &line[m.start()..];
    (is_vote_line(rest) && parse_vote(rest).is_some()).then_some(rest)
}

/// `outcome`: "(Adopté)", "ADOPTE", "Adoptée à l'unanimité", "Le Conseil Adopte.", "Rejeté".
pub fn outcome(line: &str) -> Option<&'static str> {
    outcome_of(&folded(line))
}

/// [`outcome`] of a normalised line, read from its folded form.
pub fn outcome_line(l: &Line) -> Option<&'static str> {
    outcome_of(l.folded)
}

/// The outcome of a line from its folded form.
fn outcome_of(f: &str) -> Option<&'static str> {
    let f = f
        .trim_start_matches(['(', '-', ' '])
        .trim_end_matches([')', '.', ' ', '!']);
    // Only short lines are outcomes (see the two bounds below). Asked of
    // every line: a longer one is turned away before it is read.
    if f.len() >= LEAD_IN_MAX + OUTCOME_LINE_MAX {
        return None;
    }
    outcome_in(f)
}

/// The longest lead-in [`outcome_in`] strips: "le conseil " and "la
/// deliberation est ".
const LEAD_IN_MAX: usize = "le conseil ".len() + "la deliberation est ".len();

/// An outcome line is shorter than this once its lead-in is stripped.
const OUTCOME_LINE_MAX: usize = 60;

/// The outcome word that starts a short folded line.
fn outcome_in(f: &str) -> Option<&'static str> {
    let f = f.strip_prefix("le conseil ").unwrap_or(f);
    let f = f
        .strip_prefix("la deliberation est ")
        .or_else(|| f.strip_prefix("la proposition est "))
        .unwrap_or(f);
    // Every outcome word is in a short line.
    if f.len() >= OUTCOME_LINE_MAX {
        return None;
    }
    let word_end = f
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '(' || c == ')'))
        .map_or(f.len(), |(i, _)| i);
    // "adopté(e)": the suffix stripped as `trim_end_matches("(e)")` would,
    // without building a substring searcher for every line.
    let mut word = &f[..word_end];
    while let Some(w) = word.strip_suffix("(e)") {
        word = w;
    }
    match word {
        "adopte" | "adoptee" | "adoptes" | "adoptees" => Some("adopted"),
        "rejete" | "rejetee" | "rejetes" => Some("rejected"),
        "retire" | "retiree" => Some("withdrawn"),
        "ajourne" | "ajournee" | "reporte" | "reportee" => Some("deferred"),
        _ => None,
    }
}

/// A fold-aware check for prose outcomes ("… est adoptée à l'unanimité").
pub fn outcome_in_prose(text: &str) -> Option<&'static str> {
    let f: String = text.chars().map(fold).collect();
    if f.contains("est adopte")
        || f.contains("sont adopte")
        || f.contains("adopte a l'unanimite")
        || f.contains("approuve a l'unanimite")
    {
        return Some("adopted");
    }
    if f.contains("est rejete") || f.contains("n'approuve pas") {
        return Some("rejected");
    }
    // "décide … de reporter sa décision", "le point est ajourné".
    if [
        "reporter la decision",
        "reporter sa decision",
        "reporte sa decision",
        "est reporte",
        "est ajourne",
    ]
    .iter()
    .any(|w| f.contains(w))
    {
        return Some("deferred");
    }
    None
}

/// The labels of a vote table whose columns a converter printed one under
/// the other: "POUR" / "CONTRE" / "ABSTENTION", then the counts.
const TABLE_LABELS: [&str; 4] = ["pour", "contre", "abstention", "abstentions"];

/// A vote table as a converter printed it: column by column ("POUR",
/// "CONTRE", "ABSTENTION", then "21", "0", "0"; blank lines between
/// allowed), or row by row with the column gap as a tab ("POUR\t21",
/// "CONTRE\t1 (Jean Marie SALANON)"). Returns the clauses it holds
/// ("POUR : 21 CONTRE : 0 …") and the number of lines it spans; None unless
/// two labels or more get a count each.
pub fn flattened_table(lines: &[&str]) -> Option<(String, usize)> {
    let mut k = 0;
    let mut labels: Vec<&str> = Vec::new();
    let mut counts: Vec<String> = Vec::new();
    let mut rows: Vec<String> = Vec::new();
    while k < lines.len() && labels.len() + counts.len() + rows.len() < 12 {
        let t = lines[k].trim();
        if t.is_empty() {
            k += 1;
            continue;
        }
        if let Some((label, rest)) = t.split_once('\t')
            && labels.is_empty()
            && is_table_label(label)
            && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            rows.push(format!("{} : {}", label.trim(), rest.trim()));
        } else if counts.is_empty() && rows.is_empty() && is_table_label(t) {
            labels.push(t);
        } else if !labels.is_empty()
            && let Some((count, spanned)) = table_count(&lines[k..])
        {
            counts.push(count);
            k += spanned;
            if counts.len() == labels.len() {
                break;
            }
            continue;
        } else {
            break;
        }
        k += 1;
    }
    if rows.len() >= 2 {
        return Some((rows.join(" "), k));
    }
    (labels.len() >= 2 && counts.len() == labels.len()).then(|| {
        let clauses: Vec<String> = labels
            .iter()
            .zip(&counts)
            .map(|(l, c)| format!("{l} : {c}"))
            .collect();
        (clauses.join(" "), k)
    })
}

/// A count under a flattened table's labels, with the names it may carry
/// in a parenthesis that can run over the next lines ("5 (Florence ALLAIS ;"
/// / "Norbert GARCIA)"). Returns the count and its names as one clause
/// value, and the number of lines read.
fn table_count(lines: &[&str]) -> Option<(String, usize)> {
    let t = lines[0].trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t[digits..].trim_start();
    if digits == 0 || digits > 3 || !(rest.is_empty() || rest.starts_with('(')) {
        return None;
    }
    let mut value = t.to_string();
    let mut k = 1;
    // An open parenthesis runs over a few lines at most.
    while rest.starts_with('(') && !value.contains(')') && k < lines.len().min(5) {
        value.push(' ');
        value.push_str(lines[k].trim());
        k += 1;
    }
    Some((value, k))
}

fn is_table_label(t: &str) -> bool {
    TABLE_LABELS.contains(&folded(t.trim()).as_str())
}

/// True when two folded lines open a [`flattened_table`]: two different
/// labels, alone or each before its count.
pub fn opens_flattened_table(first: &str, next: &str) -> bool {
    // Nearly every line is turned away at its first byte.
    first.starts_with(['p', 'c', 'a'])
        && matches!((table_label_of(first), table_label_of(next)), (Some(a), Some(b)) if a != b)
}

/// The label opening a folded table line, alone or before its count.
fn table_label_of(f: &str) -> Option<&str> {
    let (head, rest) = f.split_once(' ').unwrap_or((f, ""));
    let counted = rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit());
    (counted && TABLE_LABELS.contains(&head)).then_some(head)
}

#[cfg(test)]
mod tests {
    #[test]
    fn vote_tables_flattened_by_columns_or_rows() {
        let columns = [
            "POUR",
            "CONTRE",
            "ABSTENTION",
            "",
            "21",
            "0",
            "0",
            "",
            "APPROUVE le PV.",
        ];
        let (clauses, span) = super::flattened_table(&columns).unwrap();
        assert_eq!(
            (clauses.as_str(), span),
            ("POUR : 21 CONTRE : 0 ABSTENTION : 0", 7)
        );
        let v = super::parse_vote(&clauses).unwrap();
        assert_eq!(
            (v.for_, v.against, v.abstention),
            (Some(21), Some(0), Some(0))
        );
        let rows = [
            "POUR\t19",
            "CONTRE\t1 (Jean Marie SALANON)",
            "ABSTENTION\t1 (Sébastien MAYOR)",
            "",
            "AUTORISE le Maire",
        ];
        let (clauses, span) = super::flattened_table(&rows).unwrap();
        assert_eq!(span, 4);
        let v = super::parse_vote(&clauses).unwrap();
        assert_eq!(v.against_names[0].family_name.as_deref(), Some("SALANON"));
        assert!(super::opens_flattened_table("pour", "contre"));
        assert!(super::opens_flattened_table("pour 19", "contre 1 (jean)"));
        assert!(!super::opens_flattened_table("pour", "pour"));
        assert!(!super::opens_flattened_table("pour la commune", "contre"));
        assert!(super::flattened_table(&["POUR", "CONTRE", "", "21"]).is_none());
        // Names in a parenthesis that runs over two lines, between semicolons.
        let named = [
            "POUR",
            "CONTRE",
            "ABSTENTION",
            "",
            "16",
            "0",
            "2 (Florence ALLAIS ;",
            "Norbert GARCIA)",
            "",
            "CLOTURE l'AP",
        ];
        let (clauses, span) = super::flattened_table(&named).unwrap();
        assert_eq!(span, 8);
        let v = super::parse_vote(&clauses).unwrap();
        let names: Vec<_> = v
            .abstention_names
            .iter()
            .map(|p| p.family_name.as_deref())
            .collect();
        assert_eq!(names, [Some("ALLAIS"), Some("GARCIA")]);
        assert!(v.abstention_groups.is_empty());
    }

    #[test]
    fn names_printed_after_the_count() {
        let v = parse_vote(
            "à l'unanimité des votants (il y a eu quatre abstentions : celles de Mmes \
             FRANCANNET, MOISAN et MM. MORVAN et DESBAINS) ADOPTE",
        )
        .unwrap();
        assert_eq!(v.abstention, Some(4));
        let names: Vec<_> = v
            .abstention_names
            .iter()
            .map(|p| (p.civility.as_deref(), p.family_name.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                (Some("Mme"), Some("FRANCANNET")),
                (Some("Mme"), Some("MOISAN")),
                (Some("M."), Some("MORVAN")),
                (Some("M."), Some("DESBAINS"))
            ]
        );
        // Prose after a name is no name, even under a plural civility.
        let v =
            parse_vote("3 abstentions : Mmes DANAN, HUDO, dans une logique d'opposition").unwrap();
        assert_eq!(v.abstention_names.len(), 2);
        // Groups between semicolons stay groups.
        let v = parse_vote("Contre : 5 (Groupe Agir ; RPF)").unwrap();
        assert_eq!(v.against_groups, ["Groupe Agir", "RPF"]);
    }

    use super::*;

    #[test]
    fn seed_vote() {
        let v = parse_vote("Pour : 44 voix (Groupe Socialiste, Républicain et Citoyen ; Groupe Communiste et Républicain ; Non-inscrit) Contre : 0 voix Abstention : 0 voix").unwrap();
        assert_eq!(
            (v.for_, v.against, v.abstention),
            (Some(44), Some(0), Some(0))
        );
        assert_eq!(
            v.for_groups,
            [
                "Groupe Socialiste, Républicain et Citoyen",
                "Groupe Communiste et Républicain",
                "Non-inscrit"
            ]
        );
        assert!(!v.unanimous);
    }

    #[test]
    fn absent_without_proxy() {
        let v = parse_vote("Pour : 43 voix (Non-inscrit) Contre : 0 voix Abstention : 0 voix Absent sans délégation de vote : 1 (Groupe Rassemblement National)").unwrap();
        assert_eq!(v.absent_without_proxy, Some(1));
        assert!(v.for_groups.len() == 1);
    }

    #[test]
    fn informal_and_prose() {
        let v = parse_vote("Vote : 14 pour / 0 contre / 0 abstention adopté").unwrap();
        assert_eq!(
            (v.for_, v.against, v.abstention),
            (Some(14), Some(0), Some(0))
        );
        let v = parse_vote(
            "par 25 voix pour, 4 contre (M. Paul DUVAL, Mme Anne ROUX) et 2 abstentions",
        )
        .unwrap();
        assert_eq!(
            (v.for_, v.against, v.abstention),
            (Some(25), Some(4), Some(2))
        );
        assert_eq!(v.against_names.len(), 2);
        let v = parse_vote("VOTE : Unanimité").unwrap();
        assert!(v.unanimous);
        let v = parse_vote("avec une abstention (Mme X)").unwrap();
        assert_eq!(v.abstention, Some(1));
    }

    #[test]
    fn first_letter_guards_let_every_label_and_count_through() {
        let labels = [
            "Absents sans délégation de vote",
            "Ne prennent pas part au vote",
            "Non-participation au vote",
            "N'ont pas pris part au vote",
            "Abstentions",
            "Abstenus",
            "Contre",
            "Ont voté contre",
            "Votes contre",
            "Pour",
            "Ont voté pour",
            "Votes pour",
        ];
        for label in labels {
            for l in [
                label.to_string(),
                label.to_uppercase(),
                label.to_lowercase(),
            ] {
                assert!(position_label(&l).is_ok(), "{l}");
                assert!(may_open_clause(&l), "{l}");
                let clause = format!("{l} : 3");
                assert!(clause_label_first(&clause).is_ok(), "{clause}");
            }
        }
        for count in [
            "12", "Aucun", "une", "DEUX", "Trois", "quatorze", "Huit", "Seize", "vingt", "Zéro",
            "Onze", "Neuf", "Cinq", "Sept", "Six", "Dix",
        ] {
            let clause = format!("{count} voix pour");
            assert!(may_open_clause(&clause), "{clause}");
            assert!(clause_count_first(&clause).is_ok(), "{clause}");
        }
    }

    #[test]
    fn outcomes() {
        assert_eq!(outcome("(Adopté)"), Some("adopted"));
        assert_eq!(outcome("Le Conseil Adopte."), Some("adopted"));
        assert_eq!(outcome("ADOPTÉE À L'UNANIMITÉ"), Some("adopted"));
        assert_eq!(
            outcome(
                "Adopté par le conseil pour le budget de l'année et la suite des opérations prévues"
            ),
            None
        );
        // The longest lead-in and the longest outcome line it may open.
        let longest = format!("Le conseil la délibération est adoptée{}", " x".repeat(26));
        assert_eq!(folded(&longest).len(), LEAD_IN_MAX + OUTCOME_LINE_MAX - 1);
        assert_eq!(outcome(&longest), Some("adopted"));
        assert_eq!(outcome(&format!("{longest}x")), None);
    }
}
