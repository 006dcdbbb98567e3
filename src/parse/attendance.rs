//! Attendance: who was present, excused, absent, represented, and the counts.
//!
//! ```text
//! list_line   = list_label [":"] names
//! list_label  = present_label | excused_label | absent_label | proxy_label | non_voting_label
//! present_label = "Étaient présents" | "Sont présents" | "Présents" | "Présent(e)s" | "Membres présents"
//! excused_label = "Excusé(s)" | "Absents excusés" | "Absent excusé" | "Sont excusés" | "Étaient excusés"
//! absent_label  = "Absent(s)" | "Étaient absents" | "Absents non représentés"
//! proxy_label   = "Pouvoirs" | "Procurations" | "Absents ayant donné pouvoir/procuration" | "Représentés"
//! non_voting_label = "Assistant également sans voix délibérative" | "Excusé(s) sans voix délibérative"
//! names       = name ("," | ";" | " et " | "- ") name …  [", " role]
//! proxy       = person ("donne pouvoir à" | "a donné procuration à" | "à" | "représenté par") person
//!             | person "(" ("pouvoir à" | "procuration à" | "pouvoir donné à") person [time] ")"
//!             | person "(" "ayant la procuration de" person ")"
//! count_line  = ("Conseillers en exercice" | "Nombre de membres en exercice" | "En exercice") ":" n
//!               ["Présents" ":" n] ["Votants" ":" n]
//! ```
//! Example: `Excusé(s) : M. Pierre GEORGET, Mme Stéphanie RIGAUX.`

use crate::model::{Attendance, Person, Proxy};
use crate::normalize::Line;
use memchr::memmem;
use nom::IResult;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;

use super::person::{
    Civility, is_upper_word, person, split_names_into, split_on_civility, split_outside_parens,
};
use super::trivia::{
    Trimmed, any_kw, find_folded, fold, folded, folded_start, kw, match_folded, no_match,
    starts_with_folded,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Present,
    Excused,
    Absent,
    Proxies,
    /// "Absents excusés ayant donné pouvoir": excused, and each gave a proxy.
    ExcusedProxies,
    NonVotingPresent,
    NonVotingExcused,
}

/// Whether a paragraph reads as a list of names ("Fabien ABERT, Lorraine
/// ACQUIER, …", "Mme X (pouvoir à M. Y)", "Jean-Pierre, Yves") rather than
/// prose or a title ("Modalités et conditions de remboursement des frais"):
/// a family name in capitals, or mostly capitalised words, what is in
/// parentheses and the particles aside.
pub fn looks_like_names(text: &str) -> bool {
    const SMALL: [&str; 9] = ["de", "du", "des", "d'", "le", "la", "et", "à", "l'"];
    let mut outside = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let mut words = 0;
    let mut capitalised = 0;
    for w in outside.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if is_upper_word(w) {
            return true;
        }
        let w = w.trim_matches(|c: char| !c.is_alphabetic() && c != '\'');
        if w.is_empty() || SMALL.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        words += 1;
        if w.starts_with(char::is_uppercase) {
            capitalised += 1;
        }
    }
    words > 0 && capitalised * 5 >= words * 4
}

/// Recognises an attendance label at the start of a line; returns the list
/// kind and the rest of the line after the label and its colon.
pub fn list_label(line: &str) -> Option<(ListKind, &str)> {
    let t = line.trim_start_matches(['-', ' ', '*']);
    // "28 Présents :", "1 pouvoir :": a count before the label, as a left
    // column flattened into the line prints it (see `leading_count`).
    let t = leading_count(t).map_or(t, |(_, rest)| rest);
    if let Some(kind) = spaced_label(t) {
        return Some((kind, ""));
    }
    let (rest, kind) = match excused_reflexive(t) {
        Some(rest) => (rest, ListKind::Excused),
        None => label(t).ok()?,
    };
    // Skip "(s)", "(e)s", "(es)" and the colon.
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("(s)")
        .or_else(|| rest.strip_prefix("(e)s"))
        .or_else(|| rest.strip_prefix("(es)"))
        .or_else(|| rest.strip_prefix("(e)"))
        .unwrap_or(rest);
    let rest = rest.trim_start();
    // "Absents. :" — a stray full stop before the colon.
    let rest = rest
        .strip_prefix('.')
        .map(str::trim_start)
        .filter(|r| r.starts_with(':'))
        .unwrap_or(rest);
    // "Etait absent, excusé et a donné pouvoir :": the label goes on in
    // more status words before its colon.
    let (kind, rest) = qualified(kind, rest).unwrap_or((kind, rest));
    let had_colon = rest.starts_with([':', '-', '–']);
    let rest = rest.trim_start_matches([':', '-', '–', ' ', '\t']);
    // A bare word like "Présents" followed by prose is not a label.
    if !had_colon
        && !rest.is_empty()
        && !rest.starts_with(|c: char| c.is_uppercase())
        && kind != ListKind::Proxies
    {
        return None;
    }
    Some((kind, rest))
}

/// "S'étaient fait excuser", "Se sont fait excuser": the reflexive forms
/// of the excused label, whose apostrophe and blank [`label`]'s heads
/// cannot hold. The rest of the line after the label.
fn excused_reflexive(t: &str) -> Option<&str> {
    const FORMS: [&str; 4] = [
        "se sont fait excuser",
        "s'etaient fait excuser",
        "s'etait fait excuser",
        "s'est fait excuser",
    ];
    if !t.starts_with(['s', 'S']) {
        return None;
    }
    FORMS
        .iter()
        .find_map(|f| match_folded(t, f))
        .map(|len| &t[len..])
}

/// The words that may go on a label before its colon, and the kind each
/// makes of the list: "absent, excusé et a donné pouvoir", "excusés
/// représentés", "non excusés".
const QUALIFIERS: [(&str, Option<ListKind>); 24] = [
    ("absent", None),
    ("absente", None),
    ("absents", None),
    ("absentes", None),
    ("excuse", Some(ListKind::Excused)),
    ("excusee", Some(ListKind::Excused)),
    ("excuses", Some(ListKind::Excused)),
    ("excusees", Some(ListKind::Excused)),
    ("non", Some(ListKind::Absent)),
    ("et", None),
    ("a", None),
    ("ont", None),
    ("ayant", None),
    ("donne", None),
    ("donnes", None),
    ("pouvoir", Some(ListKind::Proxies)),
    ("pouvoirs", Some(ListKind::Proxies)),
    ("procuration", Some(ListKind::Proxies)),
    ("procurations", Some(ListKind::Proxies)),
    ("represente", Some(ListKind::Proxies)),
    ("representee", Some(ListKind::Proxies)),
    ("representes", Some(ListKind::Proxies)),
    ("representees", Some(ListKind::Proxies)),
    ("(e)s", None),
];

/// A label that goes on in [`QUALIFIERS`] up to its colon: the kind the
/// whole label makes and the rest after the colon. None unless every word
/// before the colon is one of them.
fn qualified(kind: ListKind, rest: &str) -> Option<(ListKind, &str)> {
    if !matches!(
        kind,
        ListKind::Absent | ListKind::Excused | ListKind::Proxies
    ) {
        return None;
    }
    let colon = rest.find(':').filter(|&c| c > 0 && c <= 60)?;
    let words = folded(&rest[..colon]);
    let (mut proxies, mut excused, mut not_excused) = (false, false, false);
    for w in words.split([' ', ',', '/']).filter(|w| !w.is_empty()) {
        let w = w.trim_end_matches("(s)").trim_end_matches("(e)");
        let (_, made) = QUALIFIERS.iter().find(|(q, _)| *q == w)?;
        match made {
            Some(ListKind::Proxies) => proxies = true,
            Some(ListKind::Excused) => excused = true,
            Some(ListKind::Absent) => not_excused = true,
            _ => {}
        }
    }
    let excused = (excused && !not_excused) || kind == ListKind::Excused;
    let kind = match (proxies || kind == ListKind::Proxies, excused) {
        (true, true) => ListKind::ExcusedProxies,
        (true, false) => ListKind::Proxies,
        (false, true) => ListKind::Excused,
        (false, false) if not_excused => ListKind::Absent,
        (false, false) => kind,
    };
    Some((kind, &rest[colon..]))
}

/// A count of one to three figures and a blank before a label ("28
/// Présents :"): the count and the rest.
pub fn leading_count(t: &str) -> Option<(u32, &str)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) || t.as_bytes().get(digits) != Some(&b' ') {
        return None;
    }
    let rest = t[digits..].trim_start();
    rest.starts_with(char::is_alphabetic)
        .then(|| (t[..digits].parse().ok(), rest))
        .and_then(|(n, r)| n.map(|n| (n, r)))
}

/// One member and their status on a line: "Maryline : absente non excusée",
/// "M. DUPONT : excusé".
pub fn member_status(line: &str) -> Option<(ListKind, Person)> {
    let t = line.trimmed().trim_end_matches('.');
    if t.len() > 80 {
        return None;
    }
    // Asked of every line: " : " is looked for with the vectorised finder,
    // not a substring searcher built for each line.
    let colon = memmem::find(t.as_bytes(), b" : ")?;
    let (name, status) = (&t[..colon], &t[colon + 3..]);
    let status = folded(status);
    let kind = match status.trimmed() {
        "absent" | "absente" | "absent non excuse" | "absente non excusee" => ListKind::Absent,
        "excuse" | "excusee" | "absent excuse" | "absente excusee" => ListKind::Excused,
        _ => return None,
    };
    let words = name.split_whitespace().count();
    if !(1..=4).contains(&words)
        || !name.starts_with(char::is_uppercase)
        || name.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    person(name).map(|p| (kind, p))
}

/// A label printed letter-spaced, alone on its line: "A B S E N T S E X C U
/// S E S AYA N T D O N N E P O U V O I R". Word breaks are lost, so the
/// letters are compared without spaces.
fn spaced_label(t: &str) -> Option<ListKind> {
    // Every line is asked: the cheap test first (prose has a lower-case
    // letter early).
    if t.chars().any(char::is_lowercase) {
        return None;
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let single = tokens.iter().filter(|w| w.chars().count() == 1).count();
    if tokens.len() < 6 || single * 3 < tokens.len() * 2 {
        return None;
    }
    let letters: String = folded(t).chars().filter(|c| c.is_alphabetic()).collect();
    const SPACED: [(&str, ListKind); 7] = [
        ("absentsexcusesayantdonnepouvoir", ListKind::ExcusedProxies),
        ("absentsayantdonnepouvoir", ListKind::Proxies),
        ("absentsayantdonneprocuration", ListKind::Proxies),
        ("absentsexcuses", ListKind::Excused),
        ("excuses", ListKind::Excused),
        ("absents", ListKind::Absent),
        ("presents", ListKind::Present),
    ];
    SPACED.iter().find(|(l, _)| letters == *l).map(|(_, k)| *k)
}

/// The list labels, by kind, each tried in order (longer forms first).
/// Labels whose list does not vote ("Assistaient également sans voix
/// délibérative") and "Pouvoirs à" are completed in [`label`].
const NON_VOTING_PRESENT: &[&str] = &[
    "assistant egalement",
    "assistaient egalement",
    "assistent egalement",
    "assistent",
    "assistaient",
    "assiste",
];
const NON_VOTING_EXCUSED: &[&str] = &["excuse(s)", "excusee(s)", "excuses", "excuse"];
const EXCUSED_PROXIES: &[&str] = &[
    "absents excuses ayant donne pouvoir",
    "absents excuses ayant donne procuration",
    "absent(s) excuse(s) ayant donne pouvoir",
    "absent(s) excuse(s) ayant donne procuration",
    "excuses ayant donne pouvoir",
    "excuses ayant donne procuration",
    "excuses representes",
];
const PROXIES: &[&str] = &[
    "absents ayant donne procuration",
    "absent(s) ayant donne procuration",
    "absents ayant donne pouvoir",
    "absent(s) ayant donne pouvoir",
    "absent ayant donne pouvoir",
    "absent ayant donne procuration",
    "absents representes",
    "absent(s) represente(s)",
    "absent represente",
    "absents ayant vote par procuration",
    "absents avec procuration",
    "absent(s) avec procuration",
    "absent avec procuration",
    "absents avec pouvoir",
    "absent avec pouvoir",
    "pouvoirs",
    "pouvoir",
    "procurations",
    "procuration",
    "representes",
    "represente(s)",
];
const EXCUSED: &[&str] = &[
    "absents excuses",
    "absent(s) excuse(s)",
    "absent excuse",
    "absente excusee",
    "absentes excusees",
    "etaient excuses",
    "etait excuse",
    "sont excuses",
    "membres excuses",
    "excusee(s)",
    "excuse(s)",
    "excuses",
    "excusees",
    "excusee",
    "excuse",
];
// "Absents et absent(s) excusé(s) :" — one list of both.
const ABSENT: &[&str] = &[
    "absents et absent(s) excuse(s)",
    "absents et absents excuses",
    "absents non representes",
    "absent non represente",
    "etaient absents",
    "etait absent",
    "absent(e)s",
    "absent(s)",
    "absentes",
    "absents",
    "absente",
    "absent",
];
const PRESENT: &[&str] = &[
    "etaient presents",
    "etaients presents",
    "etaient present",
    "etait present",
    "sont presents",
    "membres presents",
    "present(e)s",
    "present(s)",
    "presentes",
    "presents",
    "presente",
    "present",
];

/// Every list of labels above, in the order [`label`] tries them.
const LABEL_LISTS: [&[&str]; 7] = [
    NON_VOTING_PRESENT,
    NON_VOTING_EXCUSED,
    EXCUSED_PROXIES,
    PROXIES,
    EXCUSED,
    ABSENT,
    PRESENT,
];

/// How many characters of a label [`LABEL_HEADS`] holds: every label has
/// at least as many, none of them a blank or an apostrophe, so each matches
/// one character of the line folded.
const HEAD: usize = 4;

/// The first [`HEAD`] characters of every label above: [`list_label`] is
/// asked of every line, and the labels are tried only on lines that start
/// with one of them.
static LABEL_HEADS: std::sync::LazyLock<Vec<[char; HEAD]>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<[char; HEAD]> = LABEL_LISTS
        .concat()
        .iter()
        .map(|w| {
            let mut head = [' '; HEAD];
            head.iter_mut().zip(w.chars()).for_each(|(h, c)| *h = c);
            head
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// True when `input` starts, folded, with the head of a label.
fn opens_label(input: &str) -> bool {
    let mut head = [' '; HEAD];
    let mut chars = input.chars();
    for h in &mut head {
        match chars.next() {
            Some(c) => *h = fold(c),
            None => return false,
        }
    }
    LABEL_HEADS.contains(&head)
}

fn label(input: &str) -> IResult<&str, ListKind> {
    use ListKind::*;
    if !opens_label(input) {
        return no_match(input);
    }
    let nv = |k| {
        move |i| -> IResult<&str, ListKind> {
            let (i, _) = opt(tag(" "))(i)?;
            let (i, _) = alt((kw(" sans voix deliberative"), kw("sans voix deliberative")))(i)?;
            Ok((i, k))
        }
    };
    alt((
        |i| {
            let (i, _) = any_kw(NON_VOTING_PRESENT)(i)?;
            nv(NonVotingPresent)(i)
        },
        |i| {
            let (i, _) = any_kw(NON_VOTING_EXCUSED)(i)?;
            nv(NonVotingExcused)(i)
        },
        |i| {
            let (i, _) = any_kw(EXCUSED_PROXIES)(i)?;
            Ok((i, ExcusedProxies))
        },
        |i| {
            let (i, _) = any_kw(PROXIES)(i)?;
            let (i, _) = opt(alt((kw(" a"), kw(" de vote"))))(i)?;
            Ok((i, Proxies))
        },
        |i| {
            let (i, _) = any_kw(EXCUSED)(i)?;
            Ok((i, Excused))
        },
        |i| {
            let (i, _) = any_kw(ABSENT)(i)?;
            Ok((i, Absent))
        },
        |i| {
            let (i, _) = any_kw(PRESENT)(i)?;
            Ok((i, Present))
        },
    ))(input)
}

/// The fewest bytes of a first word [`is_role`] accepts ("maire").
const SHORTEST_ROLE: usize = 5;

/// Words that name a role, not a person, at the end of a list.
const ROLE_WORDS: [&str; 16] = [
    "vice-president",
    "vice-presidente",
    "vice-presidents",
    "conseiller",
    "conseillers",
    "conseillere",
    "conseilleres",
    "maire",
    "adjoint",
    "adjoints",
    "adjointe",
    "adjointes",
    "president",
    "presidente",
    "delegue",
    "delegues",
];

fn is_role(piece: &str) -> bool {
    // Asked of every name of every list: only the first words are folded,
    // and only when long enough to be a role (folding never adds characters:
    // "M." and "Mme" are turned away undecoded).
    let mut words = piece.split_whitespace();
    let first = words.next().unwrap_or("");
    if first.len() < SHORTEST_ROLE {
        return false;
    }
    let first = folded(first);
    ROLE_WORDS.contains(&first.as_str())
        || first.starts_with("titulaires")
        || first.starts_with("suppleant")
        // "Mesdames et Messieurs les Conseillers"
        || first == "mesdames"
            && words.next().is_some_and(|w| folded(w) == "et")
            && words.next().is_some_and(|w| folded(w).starts_with("messieurs"))
}

/// Adds the names of `text` to the list `kind` of `att`.
/// `president` resolves proxies given "au Président" or "à M. le Maire".
pub fn add_list(kind: ListKind, text: &str, att: &mut Attendance, president: Option<&Person>) {
    if matches!(kind, ListKind::Proxies | ListKind::ExcusedProxies) {
        for piece in split_proxy_list(text) {
            if let Some(p) = proxy(&piece, president) {
                if kind == ListKind::ExcusedProxies {
                    att.excused.push(p.from.clone());
                }
                att.proxies.push(p);
            }
        }
        return;
    }
    // "Etaient absents : M. X a donné procuration à M. Y, Mme Z": X is absent
    // and gives a proxy to Y; the sentence is read before the names are split.
    let mut others = Vec::new();
    let text = if matches!(kind, ListKind::Excused | ListKind::Absent) {
        // "M. Talon – M. Brunel, procuration à M. Valck – M. Cresson, …":
        // where spaced dashes part the entries, a comma is inside one.
        let seps: &[&str] = if spaced_dashes(text) >= 2 {
            &[" – ", " - ", " — ", ";"]
        } else {
            &[",", ";"]
        };
        // "M. Fabre, procuration à Mme Roux": the proxy continues its entry.
        let mut pieces: Vec<String> = Vec::new();
        for piece in split_outside_parens(text, seps) {
            let f = folded_start(piece.trim_start(), 14);
            match pieces.last_mut() {
                Some(prev)
                    if ["procuration", "pouvoir a", "pouvoir donne", "represente"]
                        .iter()
                        .any(|w| f.starts_with(w)) =>
                {
                    prev.push_str(", ");
                    prev.push_str(piece.trim());
                }
                _ => pieces.push(piece.to_string()),
            }
        }
        for piece in &pieces {
            let piece = piece.as_str();
            match proxy_sentence(piece, president) {
                Some(px) => {
                    let from = px.from.clone();
                    att.proxies.push(px);
                    match kind {
                        ListKind::Excused => att.excused.push(from),
                        _ => att.absent.push(from),
                    }
                }
                None => others.push(piece),
            }
        }
        std::borrow::Cow::Owned(others.join(", "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // "Mmes et Ms Barbillon – Hallu": civilities of both kinds for a list
    // of family names.
    let (family_only, text) = match mixed_civilities(&text) {
        Some(rest) => (true, rest),
        None => (false, &*text),
    };
    let (plural_civ, text) = plural_civility(text);
    let pieces = split_list(text);
    // Room for every name at once: a list of thirty grows a vector of
    // persons five times.
    if let Some(list) = list_of(att, kind) {
        list.reserve(pieces.len());
    }
    for piece in pieces {
        let (name, paren) = split_paren(piece);
        let name = without_delegate_commune(name);
        // A name holds no figure: "DATE DE CONVOCATION 8 juin 2012" is a
        // box's label that a converter printed beside the list.
        if is_role(name)
            || name.split_whitespace().count() > 6
            || name.bytes().any(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Some(mut p) = person(name) else { continue };
        if family_only && p.civility.is_none() && p.family_name.is_none() {
            p.family_name = p.given_name.take();
        }
        if p.civility.is_none()
            && let Some(c) = plural_civ
        {
            p.civility = Some(c.as_str().to_string());
            if p.family_name.is_none() {
                p.family_name = p.given_name.take();
            }
        }
        // "et monsieur Dominique GAUDIN": a civility in lower case opens a
        // name too.
        if !p.text.chars().next().is_some_and(|c| c.is_uppercase()) && p.civility.is_none() {
            continue;
        }
        if let Some(paren) = paren {
            if let Some(to) = proxy_target(paren, president) {
                att.proxies.push(Proxy {
                    from: p.clone(),
                    to: to.0,
                    when: to.1,
                });
            } else if let Some(from) = proxy_source(paren) {
                att.proxies.push(Proxy {
                    from,
                    to: p.clone(),
                    when: None,
                });
            }
        }
        if let Some(list) = list_of(att, kind) {
            list.push(p);
        }
    }
}

/// The names of `att` that a list of `kind` adds to (proxies are not names).
fn list_of(att: &mut Attendance, kind: ListKind) -> Option<&mut Vec<Person>> {
    match kind {
        ListKind::Present => Some(&mut att.present),
        ListKind::Excused => Some(&mut att.excused),
        ListKind::Absent => Some(&mut att.absent),
        ListKind::NonVotingPresent => Some(&mut att.non_voting_present),
        ListKind::NonVotingExcused => Some(&mut att.non_voting_excused),
        ListKind::Proxies | ListKind::ExcusedProxies => None,
    }
}

/// Entries parted by a dash between spaces, as some lists print them.
fn spaced_dashes(text: &str) -> usize {
    text.matches(" – ").count() + text.matches(" - ").count() + text.matches(" — ").count()
}

/// The civilities of both kinds that open a list of family names ("Mmes
/// et Ms Barbillon – Hallu"), folded, each with the blank after it.
const MIXED_CIVILITIES: [&str; 8] = [
    "mmes et ms ",
    "mmes et mm. ",
    "mmes et mm ",
    "mmes et mrs ",
    "mm. et mmes ",
    "mesdames et messieurs ",
    "mesdames, messieurs ",
    "mmes, mm. ",
];

/// "Mmes et Ms ", "MM. et Mmes ", "Mesdames, Messieurs ": the rest of a list
/// that opens on civilities of both kinds.
fn mixed_civilities(text: &str) -> Option<&str> {
    let t = text.trim_start();
    MIXED_CIVILITIES.iter().find_map(|lead| {
        let n = crate::text::match_folded(t, lead)?;
        Some(&t[n..])
    })
}

/// "Mmes et MM.", "MM.", "Mesdames et Messieurs": civilities that lead in
/// to the names of the next lines, with no name of their own.
pub fn is_civilities_only(rest: &str) -> bool {
    let lead = format!("{} ", rest.trim().trim_end_matches(['.', ':', ',', ' ']));
    let plural = |t: &str| matches!(folded(t.trim_end()).as_str(), "mm" | "mme et m");
    mixed_civilities(&lead).is_some_and(|r| r.trim().is_empty()) || plural(&lead)
}

/// "MM. A, B" and "Messieurs JUGE, LAMOTHE": a civility for a whole list.
fn plural_civility(text: &str) -> (Option<Civility>, &str) {
    let f = folded_start(text, 24);
    for (w, c) in [
        ("messieurs ", Civility::Mr),
        ("mm. ", Civility::Mr),
        ("mm ", Civility::Mr),
        ("mesdames ", Civility::Mrs),
        ("mmes ", Civility::Mrs),
    ] {
        if f.starts_with(w) && !f.starts_with("mesdames et messieurs") {
            let n = w.chars().count();
            let idx = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            return (Some(c), &text[idx..]);
        }
    }
    (None, text)
}

/// Splits a list on commas, semicolons, " et ", and "- " two-column joins,
/// keeping parentheses whole.
fn split_list(text: &str) -> Vec<&str> {
    // Each piece is split into names at once, into one vector.
    let mut names: Vec<&str> = Vec::new();
    let mut depth = 0i32;
    // The piece being read is `text[start..i]`: separators are left out.
    let mut start = 0;
    // Byte by byte: every separator, parenthesis and dash is ASCII or led by
    // E2 ("–", "—"), bytes no other character holds; the characters around
    // one are decoded only there. The character before an ASCII byte is a
    // comma or a space only if the byte before is.
    let bytes = text.as_bytes();
    // Whether the piece being read holds " et ", which splits it again:
    // most pieces are one name, which is then only cut before civilities.
    let mut has_et = false;
    for (i, &b) in bytes.iter().enumerate() {
        let dash_len = match b {
            b' ' => {
                has_et |= bytes[i..].starts_with(b" et ");
                continue;
            }
            b'(' => {
                depth += 1;
                continue;
            }
            b')' => {
                depth -= 1;
                continue;
            }
            b'-' => 1,
            // "–" (U+2013) and "—" (U+2014).
            0xe2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])) => 3,
            b',' | b';' | b'/' => 0,
            _ => continue,
        };
        if depth > 0 {
            continue;
        }
        let prev = i.checked_sub(1).map(|k| bytes[k]);
        let split = if b == b'/' {
            // "Anne-Marie (…) / Marielle (…)": a slash between spaces.
            prev == Some(b' ') && bytes.get(i + 1) == Some(&b' ')
        } else if dash_len > 0 {
            // "- X,- Y" and "X- Y": a dash followed by a space, or a dash
            // after a comma, starts an item; "AIT-CHIKHEBBIH" does not.
            // "FRIANT Patricia – GERMANN Pierre": an en or em dash too.
            let next = text[i + dash_len..].chars().next();
            !text[start..i].trimmed().is_empty()
                && (next == Some(' ')
                    || (matches!(prev, Some(b',' | b' ')) && next.is_some_and(char::is_uppercase)))
        } else {
            true
        };
        if split {
            split_piece_into(&text[start..i], has_et, &mut names);
            start = i + dash_len.max(1);
            has_et = false;
        }
    }
    split_piece_into(&text[start..], has_et, &mut names);
    for name in &mut names {
        *name = name.trimmed().trim_start_matches(['-', '•']).trimmed();
    }
    names.retain(|name| !name.is_empty());
    names
}

/// The names of a piece of [`split_list`]: [`split_names_into`], which
/// splits on ",", ";" and " et " outside parentheses, then before
/// civilities. A piece holds no "," or ";" outside its parentheses (the
/// list was split there), so one without " et " is only cut before
/// civilities.
fn split_piece_into<'a>(piece: &'a str, has_et: bool, names: &mut Vec<&'a str>) {
    if has_et {
        split_names_into(piece, names);
    } else {
        split_on_civility(piece, names);
    }
}

/// "X (pouvoir à M. Y)" → ("X", Some("pouvoir à M. Y")).
fn split_paren(piece: &str) -> (&str, Option<&str>) {
    match piece.find('(') {
        Some(i) => {
            let inner = piece[i + 1..]
                .trim_end()
                .trim_end_matches(['.', ','])
                .trim_end_matches(')');
            (piece[..i].trimmed(), Some(inner))
        }
        None => (piece, None),
    }
}

/// Proxies in a list: one per sentence piece, split on "," or ";" only
/// where a new "X à Y" starts.
fn split_proxy_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // "ARBOGAST Olivier (THOLÉ Sylvie) – GAUTHIER Fabienne (GERMANN Pierre)".
    let text = text.replace(" – ", ", ").replace(" — ", ", ");
    for part in text.split([';', ',']) {
        let part = part.trimmed().trim_start_matches(['-', '•']).trimmed();
        if part.is_empty() {
            continue;
        }
        // A timed continuation ("à M. B de 10 H 25 à 11 H 20") joins the previous one.
        if (starts_with_folded(part, "a ") || starts_with_folded(part, "au "))
            && let Some(last) = out.last_mut()
        {
            last.push_str(", ");
            last.push_str(part);
            continue;
        }
        out.push(part.to_string());
    }
    out
}

const GIVES: [&str; 15] = [
    " qui a donne pouvoir a ",
    " qui a donne procuration a ",
    " qui donne pouvoir a ",
    " donne pouvoir a ",
    " donne procuration a ",
    " a donne pouvoir a ",
    " a donne procuration a ",
    " donnent pouvoir a ",
    " represente par ",
    " representee par ",
    " pouvoir a ",
    " procuration a ",
    " pouvoir donne a ",
    " donne delegation a ",
    " a ",
];

/// "M. GAYET de CHAPEAU": a syndicat's delegate followed by the commune he
/// represents. Only after a civility and a single family name in capitals:
/// a particle before the name ("M. de la BUHARAYE") is part of it.
fn without_delegate_commune(name: &str) -> &str {
    // Asked of every name of every list: the civility first, then the words
    // (the first four are enough).
    if !super::person::starts_with_civility(name) {
        return name;
    }
    let mut iter = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w));
    let words: [Option<(usize, &str)>; 4] = std::array::from_fn(|_| iter.next());
    let [Some(_), Some((_, family)), Some((at, link)), fourth] = words else {
        return name;
    };
    let capitals = family.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && family
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '\'');
    let is_link =
        (matches!(link, "de" | "du" | "des") && fourth.is_some()) || link.starts_with("d'");
    if capitals && is_link {
        name[..at].trim_end()
    } else {
        name
    }
}

/// A list entry that is a whole proxy sentence, without parentheses:
/// "M. Éric KERDRANVAT a donné procuration à M. Gurvan KERLOC'H".
fn proxy_sentence(piece: &str, president: Option<&Person>) -> Option<Proxy> {
    if piece.contains('(')
        || !["pouvoir", "procuration", "represente"]
            .iter()
            .any(|w| find_folded(piece, w).is_some())
    {
        return None;
    }
    proxy(piece, president).filter(|px| {
        [&px.from, &px.to]
            .iter()
            .all(|p| p.text.split_whitespace().count() <= 5)
    })
}

/// `proxy`: one "X donne pouvoir à Y" (or its variants).
pub fn proxy(text: &str, president: Option<&Person>) -> Option<Proxy> {
    let text = text.trimmed().trim_end_matches('.');
    let (name, paren) = split_paren(text);
    if let Some(paren) = paren {
        let from = person(name)?;
        if let Some((to, when)) = proxy_target(paren, president) {
            return Some(Proxy { from, to, when });
        }
        // In a list of proxies, a name alone in parentheses receives it.
        if let Some(to) =
            person(paren).filter(|p| p.family_name.is_some() && looks_like_names(paren))
        {
            return Some(Proxy {
                from,
                to,
                when: None,
            });
        }
    }
    for g in GIVES {
        if let Some(pos) =
            find_folded(text, g.trim_start()).filter(|&p| p > 0 && text.as_bytes()[p - 1] == b' ')
        {
            let from = person(&text[..pos])?;
            // The folded pattern is ASCII, the text may not be ("à"): measure
            // the match in the text.
            let after = &text[pos + match_folded(&text[pos..], g.trim_start())?..];
            let (to, when) = target_person(after, president)?;
            from.family_name.as_ref().or(from.given_name.as_ref())?;
            return Some(Proxy { from, to, when });
        }
    }
    None
}

/// Inside parentheses: "pouvoir à M. Y", "procuration à Mario", "pouvoir
/// donné à Y à partir de 11 H 00".
fn proxy_target(paren: &str, president: Option<&Person>) -> Option<(Person, Option<String>)> {
    let f = folded(paren);
    for lead in [
        "pouvoir donne a ",
        "procuration donnee a ",
        "pouvoirs a ",
        "pouvoir a ",
        "procuration a ",
        "represente par ",
        "representee par ",
        "donne pouvoir a ",
        "donne procuration a ",
        "a donne pouvoir a ",
        "a donne procuration a ",
        // "(pouvoir donné Patrick)": the "à" forgotten.
        "pouvoir donne ",
    ] {
        if f.starts_with(lead) {
            let idx = paren
                .char_indices()
                .nth(lead.chars().count())
                .map_or(paren.len(), |(i, _)| i);
            return target_person(&paren[idx..], president);
        }
    }
    None
}

/// "ayant la procuration de X", "ayant la suppléance de X": the giver.
fn proxy_source(paren: &str) -> Option<Person> {
    let f = folded(paren);
    for lead in [
        "ayant la procuration de ",
        "ayant procuration de ",
        "ayant le pouvoir de ",
        "ayant la suppleance de ",
    ] {
        if f.starts_with(lead) {
            let idx = paren
                .char_indices()
                .nth(lead.chars().count())
                .map_or(paren.len(), |(i, _)| i);
            return person(&paren[idx..]);
        }
    }
    None
}

/// The receiver of a proxy and an optional time limit.
fn target_person(s: &str, president: Option<&Person>) -> Option<(Person, Option<String>)> {
    let s = s.trimmed();
    let f = folded(s);
    if f.starts_with("m. le maire")
        || f.starts_with("monsieur le maire")
        || f.starts_with("madame le maire")
        || f.starts_with("madame la maire")
        || f.starts_with("le maire")
        || f.starts_with("au president")
        || f.starts_with("president")
        || f.starts_with("m. le president")
        || f.starts_with("monsieur le president")
        || f.starts_with("la presidente")
    {
        return president.cloned().map(|p| (p, None));
    }
    // A time limit: "à partir de 11 H 00", "jusqu'à 10 H 25", "de 10 H 25 à 11 H 20".
    let mut end = s.len();
    let mut when = None;
    for marker in [" a partir de ", " jusqu'a ", " jusqu'au ", " de ", " pour "] {
        if let Some(p) = find_folded(s, marker) {
            let tail = &s[p..];
            if tail.chars().any(|c| c.is_ascii_digit()) && p < end {
                end = p;
                when = Some(tail.trimmed().to_string());
            }
        }
    }
    let (rest, _) = opt(alt((kw("a "), kw("au "))))(&s[..end]).ok()?;
    person(rest)
        .filter(|p| p.family_name.is_some() || p.given_name.is_some())
        .map(|p| (p, when))
}

/// Which count a label gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    InOffice,
    Present,
    Voting,
}

/// Counts on a line: "Conseillers en exercice : 29 - Présents : 22 - Votants : 25",
/// "Nombre de membres en exercice : 33", "Conseillers en fonction 15",
/// "Présents : 20", "Votants : 14".
pub fn counts(line: &str) -> Vec<(CountKind, u32)> {
    // Counts are figures: a line without a digit has none.
    if !has_digit(line) {
        return Vec::new();
    }
    counts_in_folded(&folded(line))
}

/// [`counts`] of a normalised line, read from its folded form.
pub fn counts_line(l: &Line) -> Vec<(CountKind, u32)> {
    // Every count label holds one of these words: a line with none is
    // turned away with one search instead of twelve.
    static COUNT_WORDS: std::sync::LazyLock<crate::text::Words<8>> =
        std::sync::LazyLock::new(|| {
            crate::text::Words::new([
                "exercice",
                "fonction",
                "afferent",
                "conseillers",
                "present",
                "votant",
                "pris part",
                "suffrages",
            ])
        });
    if !has_digit(l.text) || !COUNT_WORDS.any_in(l.folded) {
        return Vec::new();
    }
    counts_in_folded(l.folded)
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// The count labels, in the order they are tried, each with its prebuilt
/// searcher (asked on every line of a header).
static COUNT_LABELS: std::sync::LazyLock<[(memmem::Finder<'static>, CountKind); 12]> =
    std::sync::LazyLock::new(|| {
        [
            ("en exercice", CountKind::InOffice),
            ("conseillers en fonction", CountKind::InOffice),
            ("membres en fonction", CountKind::InOffice),
            ("membres afferents", CountKind::InOffice),
            ("nombre de conseillers", CountKind::InOffice),
            ("presents", CountKind::Present),
            ("present", CountKind::Present),
            ("votants", CountKind::Voting),
            ("ayant pris part au vote", CountKind::Voting),
            ("qui ont pris part", CountKind::Voting),
            ("suffrages exprimes", CountKind::Voting),
            ("votant", CountKind::Voting),
        ]
        .map(|(label, kind)| (memmem::Finder::new(label), kind))
    });

fn counts_in_folded(f: &str) -> Vec<(CountKind, u32)> {
    let mut out = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (finder, kind) in COUNT_LABELS.iter() {
        let (kind, len) = (*kind, finder.needle().len());
        let mut from = 0;
        while let Some(p) = finder.find(&f.as_bytes()[from..]).map(|p| p + from) {
            from = p + len;
            if taken.iter().any(|(a, b)| p >= *a && p < *b) || out.iter().any(|(k, _)| *k == kind) {
                continue;
            }
            let after = &f[p + len..];
            let after = after.trim_start_matches(|c: char| {
                c == ' '
                    || c == ':'
                    || c == '.'
                    || c == '='
                    || c == '\t'
                    || c == '-'
                    || c == '('
                    || c == 's'
            });
            let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = digits.parse::<u32>()
                && n < 1000
                && after[digits.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() || c == 'p')
            {
                out.push((kind, n));
                taken.push((p, p + len));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn civilities_alone_lead_in_to_the_names() {
        for lead in [
            "Mmes et MM.",
            "MM.",
            "Mesdames et Messieurs",
            "Mmes et Mrs.",
            "Mesdames, Messieurs :",
        ] {
            assert!(is_civilities_only(lead), "{lead}");
        }
        assert!(!is_civilities_only("Mmes et MM. DUPONT, MARTIN"));
        assert!(!is_civilities_only("M. Paul GARNIER"));
    }

    use super::*;

    /// What [`opens_label`] relies on: each label's first [`HEAD`]
    /// characters are there, folded, and none is a blank or an apostrophe
    /// (which the label matcher reads as one or more characters).
    #[test]
    fn every_label_has_a_plain_head() {
        for label in LABEL_LISTS.concat() {
            let head: Vec<char> = label.chars().take(HEAD).collect();
            assert_eq!(head.len(), HEAD, "{label}");
            assert!(
                head.iter()
                    .all(|c| *c != ' ' && *c != '\'' && fold(*c) == *c),
                "{label}"
            );
            assert!(opens_label(label), "{label}");
        }
        assert!(opens_label("Étaient présents : M. X"));
        assert!(!opens_label("Le conseil"));
    }

    fn names(v: &[Person]) -> Vec<&str> {
        v.iter()
            .map(|p| {
                p.family_name
                    .as_deref()
                    .or(p.given_name.as_deref())
                    .unwrap_or("")
            })
            .collect()
    }

    #[test]
    fn labels() {
        assert_eq!(
            list_label("Étaient présents : M. X").unwrap().0,
            ListKind::Present
        );
        assert_eq!(
            list_label("Excusé(s) : M. Pierre GEORGET").unwrap().0,
            ListKind::Excused
        );
        assert_eq!(
            list_label("Excusé(s) sans voix délibérative : M. Michel DAGBERT")
                .unwrap()
                .0,
            ListKind::NonVotingExcused
        );
        assert_eq!(
            list_label("Assistant également sans voix délibérative : M. X")
                .unwrap()
                .0,
            ListKind::NonVotingPresent
        );
        assert_eq!(
            list_label("Absent(s) : M. Steeve BRIOIS.").unwrap().0,
            ListKind::Absent
        );
        assert_eq!(
            list_label("POUVOIRS : Monsieur CZARNECKI à Madame MARTY")
                .unwrap()
                .0,
            ListKind::Proxies
        );
        assert!(list_label("Présentation du budget").is_none());
        // A label that goes on in status words before its colon.
        let qualified = |l: &str| list_label(l).map(|(k, rest)| (k, rest.to_string()));
        assert_eq!(
            qualified("Etait absent, excusé et a donné pouvoir : Mme X à M. Y"),
            Some((ListKind::ExcusedProxies, "Mme X à M. Y".to_string()))
        );
        assert_eq!(
            qualified("Absents non excusés : M. Z").map(|q| q.0),
            Some(ListKind::Absent)
        );
        assert_eq!(
            qualified("Absents représentés : M. Z").map(|q| q.0),
            Some(ListKind::Proxies)
        );
        assert_eq!(
            list_label("S’ÉTAIENT FAIT EXCUSER : Élisabeth DOINEAU").map(|q| q.0),
            Some(ListKind::Excused)
        );
        // Other words before the colon: no label.
        assert!(list_label("Absents lors du vote de la délibération : M. Z").is_none());
    }

    #[test]
    fn seed_list() {
        let mut att = Attendance::default();
        let (k, rest) = list_label("Excusé(s) : M. Pierre GEORGET, Mme Stéphanie RIGAUX.").unwrap();
        add_list(k, rest, &mut att, None);
        assert_eq!(names(&att.excused), ["GEORGET", "RIGAUX"]);
    }

    #[test]
    fn a_civility_in_lower_case_opens_a_name() {
        let mut att = Attendance::default();
        add_list(
            ListKind::Excused,
            "Monsieur Sylvain GAUDIN et monsieur Dominique GAUDIN",
            &mut att,
            None,
        );
        assert_eq!(names(&att.excused), ["GAUDIN", "GAUDIN"]);
        // A proxy in the parenthesis after an excused member's name.
        let mut att = Attendance::default();
        add_list(
            ListKind::Excused,
            "BARBE Dominique (donne procuration à ROCA Nathalie ) ; BOUYER Cécile (donne procuration à CHEVALARD Paul)",
            &mut att,
            None,
        );
        assert_eq!(names(&att.excused), ["BARBE", "BOUYER"]);
        let to: Vec<_> = att
            .proxies
            .iter()
            .map(|p| p.to.family_name.as_deref())
            .collect();
        assert_eq!(to, [Some("ROCA"), Some("CHEVALARD")]);
    }

    #[test]
    fn et_splits_names_outside_parentheses_only() {
        let mut att = Attendance::default();
        add_list(
            ListKind::Present,
            "M. Jean DUPONT, Anne MARTIN et Paul DURAND (pouvoir de Lise ROUX et Marc BLANC), Mme Zoé PETIT M. Luc MOREL",
            &mut att,
            None,
        );
        assert_eq!(
            names(&att.present),
            ["DUPONT", "MARTIN", "DURAND", "PETIT", "MOREL"]
        );
    }

    #[test]
    fn two_columns_and_plural_civility() {
        let mut att = Attendance::default();
        add_list(
            ListKind::Present,
            "- Josiane MARTY,- Isabelle VINCENT, - Lionel DEBELLE- Francis BORDERIEUX.",
            &mut att,
            None,
        );
        assert_eq!(
            names(&att.present),
            ["MARTY", "VINCENT", "DEBELLE", "BORDERIEUX"]
        );
        let mut att = Attendance::default();
        add_list(
            ListKind::Absent,
            "Messieurs JUGE, LAMOTHE, MAILLOTTE.",
            &mut att,
            None,
        );
        assert_eq!(names(&att.absent), ["JUGE", "LAMOTHE", "MAILLOTTE"]);
    }

    #[test]
    fn dashes_and_slashes_between_names() {
        // En and em dashes and a slash between spaces part names; a hyphen
        // inside a name, a dash in parentheses, or a slash inside a word do not.
        assert_eq!(
            split_list(
                "FRIANT Patricia – GERMANN Pierre — AIT-CHIKHEBBIH Fatima / DUPONT (mandat 2020-2026 - X) ,-MARTIN Léa, A/B"
            ),
            [
                "FRIANT Patricia",
                "GERMANN Pierre",
                "AIT-CHIKHEBBIH Fatima",
                "DUPONT (mandat 2020-2026 - X)",
                "MARTIN Léa",
                "A/B"
            ]
        );
        // A dash opening the list starts no empty item.
        assert_eq!(split_list("- Léa MARTIN"), ["Léa MARTIN"]);
    }

    #[test]
    fn proxies() {
        let mut att = Attendance::default();
        add_list(
            ListKind::Proxies,
            "Monsieur CZARNECKI à Madame MARTY, Monsieur LENOIR à Madame DEVALLIERE",
            &mut att,
            None,
        );
        let pairs: Vec<_> = att
            .proxies
            .iter()
            .map(|p| {
                (
                    p.from.family_name.clone().unwrap(),
                    p.to.family_name.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("CZARNECKI".to_string(), "MARTY".to_string()),
                ("LENOIR".into(), "DEVALLIERE".into())
            ]
        );
        let p = proxy("Mme Anne DUPONT donne pouvoir à M. Jean MARTIN", None).unwrap();
        assert_eq!(p.to.family_name.as_deref(), Some("MARTIN"));
        let mut att = Attendance::default();
        add_list(
            ListKind::Present,
            "M. Marc GAUDET (pouvoir à M. Philippe FOURNIÉ à partir de 11 H 00), Mme Anne BESNIER",
            &mut att,
            None,
        );
        assert_eq!(att.proxies[0].to.family_name.as_deref(), Some("FOURNIÉ"));
        assert_eq!(att.proxies[0].when.as_deref(), Some("à partir de 11 H 00"));
        assert_eq!(names(&att.present), ["GAUDET", "BESNIER"]);
    }

    #[test]
    fn count_lines() {
        assert_eq!(
            counts("Conseillers en exercice : 29 - Présents : 22 - Votants : 25"),
            [
                (CountKind::InOffice, 29),
                (CountKind::Present, 22),
                (CountKind::Voting, 25)
            ]
        );
        assert_eq!(
            counts("Nbre de membres en exercice : 15 Quorum : 8"),
            [(CountKind::InOffice, 15)]
        );
    }
}
