//! Items of minutes (procès-verbaux, comptes rendus): the headings that open
//! each agenda point, and whether a point is a deliberation.
//!
//! ```text
//! item_heading = lead ident [sep] ["Objet" ":"] [title]      (* N° 10.053, Délibération D2018-66, Point n° 3 : Tarifs *)
//!              | act_id [sep] ["Objet" ":"] [title]          (* DEL2025-02 : Vote du compte …, D2025-016- Objet : … *)
//!              | register_id title                          (* 20240325 1 Approbation du compte de gestion *)
//!              | small_number ("/" | "." | ")" | "-" | "–") title   (* 1/ Délibération reversement …, 3 - Tarifs *)
//!              | small_number title                          (* 1 Subventions associatives *)
//!              | roman ("-" | "–" | ".") title               (* II – Installation d'un nouveau délégué *)
//! lead         = ("Délibération" | "Point" | "Question" | "Affaire" | "Dossier") ["n°"] | "N°"
//! ident        = [letters{1,4} ["-" | "_"]] digits{1,4} (("-" | "_" | "." | "/") digits{1,4}){0,3} [["_" | "-"] letter]
//! act_id       = letters{1,4} ["-" | "_"] digits{2,4} ("-" | "_" | "/") digits{1,4}
//!              | digits{4} "-" digits{2} "-" digits{3}        (* 2011-02-001, alone above a roman heading *)
//! not_an_act   = "Questions diverses" | "Informations" | "Décisions du Maire" | "Compte-rendu des décisions"
//! ```

use regex::Regex;
use std::sync::LazyLock;

use super::trivia::{Trimmed, clean, folded};

/// The act identifier and what precedes the title; the title is the rest
/// of the line (a `(.*)$` group would make the capture engine read it).
static ACT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:N°\s*)?([A-Z]{1,4}[-_]?\d{2,4}[-_/]\d{1,4}(?:[-_]\d{1,3})?|\d{4}-\d{2}-\d{3}|\d{8} \d{1,2})\b\s*(?:[-–:)]\s*)?(?:Objet\s*:\s*)?").expect("valid regex")
});
/// A lead word, the identifier it announces and what separates it from
/// the title; the title is the rest of the line (it may be empty: then it
/// is the next line).
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:d[ée]lib[ée]ration|point|question|affaire|dossier)\s*(?:n\s*°|no\b\.?)?|n\s*°)\s*([A-Z]{0,4}[-_]?\d{1,4}(?:[-_./]\d{1,4}){0,3}(?:[-_]?[A-Z]\b)?)(?:\s*[-–:.)]+\s*|\s+|$)(?i:objet\s*:\s*)?").expect("valid regex")
});
/// Whether a lead word opens the line (compared folded, in place).
fn opens_with_lead(t: &str) -> bool {
    // A heading opens with a capital: "délibération n° 08.118 du …" in
    // lower case continues a sentence.
    if !t.starts_with(['D', 'P', 'Q', 'A', 'N']) {
        return false;
    }
    [
        "deliberation",
        "point",
        "question",
        "affaire",
        "dossier",
        "n°",
        "n °",
    ]
    .iter()
    .any(|w| super::trivia::starts_with_folded(t, w))
}

/// `lead ident [sep] title`.
fn lead_heading(t: &str) -> Option<Heading> {
    let c = LEAD.captures(t)?;
    let prefix = c.get(0).expect("group 0 is the match");
    let ident = &c[1];
    // "Point n° 3" numbers an agenda point; "N° 59", "Délibération D2018-66" an act.
    let f = super::trivia::folded_start(t, 12);
    let point = !(f.starts_with('n') || f.starts_with("deliberation"));
    Some(Heading {
        number: Some(ident.to_string()),
        title: clean(t[prefix.end()..].trim_end_matches(':').trimmed()),
        act_id: !point,
    })
}

/// A small number and its separator, up to the capital that opens the
/// title; the title, the rest of the line from that capital, must be four
/// characters or more (see [`small_number`]).
static SMALL_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s*(?:[/.)°]|-\)|-|–)?\s+\p{Lu}").expect("valid regex")
});
/// A roman numeral, its separator and a blank; the title is the rest of the
/// line, three characters or more (see [`roman`]).
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[IVX]{1,5}\s*[-–.]\s").expect("valid regex"));

/// `small_number title`: the number and the title. The regex stops at the
/// title's capital (the blanks before it cannot be split another way), so
/// the capture engine does not read the title through.
fn small_number(t: &str) -> Option<(&str, &str)> {
    let c = SMALL_NUMBER.captures(t)?;
    let prefix = c.get(0).expect("group 0 is the match").as_str();
    let number = c.get(1).expect("the number is not optional").as_str();
    let capital = prefix
        .chars()
        .next_back()
        .expect("the match ends with the capital")
        .len_utf8();
    let title = &t[prefix.len() - capital..];
    title.chars().nth(3).is_some().then_some((number, title))
}

/// `roman title`: the title, from the blank after the separator, when three
/// characters or more follow that blank (as many as the longest split of
/// blanks between separator and title leaves, the title being trimmed).
fn roman(t: &str) -> Option<&str> {
    let m = ROMAN.find(t)?;
    let title = &t[m.end()..];
    title.chars().nth(2).is_some().then_some(title)
}

/// A heading: the number as printed (if any), the title, and whether the
/// number is an act identifier (which makes the item a deliberation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub number: Option<String>,
    pub title: String,
    pub act_id: bool,
}

/// The longest line read as a heading whole.
const HEADING_MAX: usize = 200;

/// The heading at the start of a long line, up to the comma before the
/// account's speaker (", Monsieur …", ", Madame …"); None when no such
/// comma comes within [`HEADING_MAX`] bytes.
fn account_cut(t: &str) -> Option<&str> {
    let head = &t[..t.floor_char_boundary(HEADING_MAX)];
    [", Monsieur ", ", Madame ", ", M. ", ", Mme "]
        .iter()
        .filter_map(|w| head.find(w))
        .min()
        .map(|end| &t[..end])
}

/// Recognises an item heading.
pub fn heading(line: &str) -> Option<Heading> {
    let t = line.trimmed();
    if !may_open_heading(t) {
        return None;
    }
    // A long line is a heading run into its account (texts collapsed to
    // one line): "20240325 5 Approbation du compte administratif, Monsieur
    // X, Maire, …". The heading ends where the account opens.
    let t = if t.len() > HEADING_MAX {
        account_cut(t)?
    } else {
        t
    };
    let t = if t.contains('\t') {
        std::borrow::Cow::Owned(t.replace('\t', " "))
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    if opens_with_lead(&t)
        && let Some(h) = lead_heading(&t)
    {
        return Some(h);
    }
    if let Some(c) = ACT_ID.captures(&t) {
        let prefix = c.get(0).expect("group 0 is the match");
        let title = clean(&t[prefix.end()..]);
        // A date "2023-11-20" is not an act; ACT_ID's shapes exclude it.
        return Some(Heading {
            number: Some(c[1].to_string()),
            title,
            act_id: true,
        });
    }
    if let Some((number, title)) = small_number(&t) {
        let n: u32 = number.parse().ok()?;
        let title = clean(title);
        let f = folded(&title);
        // "14 Présents", "3 Rue …", "2 votes contre": counts and addresses, not items.
        let not_item = [
            "present",
            "rue ",
            "voix",
            "votes",
            "abstention",
            "contre",
            "pour",
            "avenue",
            "place ",
            "conseillers",
            "membres",
        ];
        if n == 0 || n > 40 || not_item.iter().any(|w| f.starts_with(w)) || title.ends_with(',') {
            return None;
        }
        return Some(Heading {
            number: Some(number.to_string()),
            title: title.trim_end_matches(':').trimmed().to_string(),
            act_id: false,
        });
    }
    if let Some(title) = roman(&t) {
        return Some(Heading {
            number: None,
            title: clean(title.trim_end_matches(':').trimmed()),
            act_id: false,
        });
    }
    None
}

/// How every heading begins (see the grammar): "N°", a roman numeral, one
/// to four capitals and a digit ("DEL2025-02"), or figures: one or two
/// (ASCII) then a separator or a blank ("3 - ", "12/"), four then "-"
/// ("2011-02-001"), eight then a space ("20240325 1"). Asked of every line
/// of minutes, it spares the others (amounts, dates, prose) the three
/// regexes.
fn may_open_heading(t: &str) -> bool {
    if opens_with_lead(t) {
        return true;
    }
    let b = t.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let next = t[digits..].chars().next();
            match digits {
                1 | 2 => next.is_some_and(|c| c.is_whitespace() || "/.)°-–".contains(c)),
                4 => next == Some('-'),
                // (Tabs are read as spaces below.)
                8 => matches!(next, Some(' ' | '\t')),
                _ => false,
            }
        }
        // A roman numeral, then a blank or its separator ("Vu …" is not one).
        Some(b'I' | b'V' | b'X') if opens_roman(t) => true,
        Some(c) if c.is_ascii_uppercase() => {
            let caps = b
                .iter()
                .take(5)
                .take_while(|c| c.is_ascii_uppercase())
                .count();
            let rest = &b[caps..];
            let rest = rest
                .strip_prefix(b"-")
                .or_else(|| rest.strip_prefix(b"_"))
                .unwrap_or(rest);
            t.starts_with("N°") || (caps <= 4 && rest.first().is_some_and(u8::is_ascii_digit))
        }
        _ => false,
    }
}

/// One to five of I, V, X, then a blank or one of ROMAN's separators.
fn opens_roman(t: &str) -> bool {
    let n = t
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    n <= 5 && t[n..].starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '.'))
}

/// True for items that are never deliberations: information, the mayor's
/// decisions by delegation, questions diverses.
pub fn is_not_an_act(title: &str) -> bool {
    let f = folded(title);
    [
        "questions diverses",
        "question diverse",
        "informations",
        "information",
        "divers",
        "decisions du maire",
        "decision du maire",
        "compte-rendu des decisions",
        "compte rendu des decisions",
        "decisions prises",
        "compte rendu des delegations",
        "communications",
    ]
    .iter()
    .any(|w| f.starts_with(w))
}

/// True for the line that opens an agenda ("Ordre du jour :").
pub fn is_agenda_start(line: &str) -> bool {
    opens_agenda(&folded(line))
}

/// [`is_agenda_start`] of a folded line.
pub fn opens_agenda(folded: &str) -> bool {
    folded.starts_with("ordre du jour") && folded.len() < 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_run_into_its_account_ends_where_the_account_opens() {
        let account = "étant absent, monsieur Philippe Mallard présente les résultats du compte \
                       administratif établis comme suit : excédent de fonctionnement 632 735,29 €, \
                       déficit d'investissement 763 923,86 €.";
        let line = format!(
            "20240325 5 Approbation du compte administratif 2023, Monsieur Paul Roux, Maire, {account}"
        );
        let h = heading(&line).unwrap();
        assert_eq!(h.title, "Approbation du compte administratif 2023");
        // No speaker within the first bytes: no heading.
        assert!(heading(&format!("20240325 5 Approbation {account} {account}")).is_none());
    }

    #[test]
    fn headings() {
        let h = heading("DEL2025-02 : Vote du compte financier unique–Année 2024-Budget Principal")
            .unwrap();
        assert_eq!((h.number.as_deref(), h.act_id), (Some("DEL2025-02"), true));
        assert_eq!(
            h.title,
            "Vote du compte financier unique–Année 2024-Budget Principal"
        );
        let h = heading("D2025-016- Objet : Création d'un poste").unwrap();
        assert_eq!(
            (h.number.as_deref(), h.title.as_str()),
            (Some("D2025-016"), "Création d'un poste")
        );
        let h = heading("20240325 1 Approbation du compte de gestion 2023 - commune,").unwrap();
        assert_eq!(h.number.as_deref(), Some("20240325 1"));
        let h = heading("1/ Délibération reversement taxe d'aménagement à la CCPH :").unwrap();
        assert_eq!((h.number.as_deref(), h.act_id), (Some("1"), false));
        assert_eq!(
            heading("1 Subventions associatives").unwrap().title,
            "Subventions associatives"
        );
        assert_eq!(
            heading("II – Installation d'un nouveau délégué suppléant")
                .unwrap()
                .number,
            None
        );
        assert_eq!(
            heading("2011-02-001").unwrap().number.as_deref(),
            Some("2011-02-001")
        );
        assert!(heading("XIV. Tarifs communaux").is_some());
        assert!(heading("IV- Budget annexe").is_some());
        assert!(heading("VIII \u{2013} Budget annexe").is_some());
        assert!(heading("Vu le code").is_none());
        assert!(heading("20240325\t1 Approbation du compte").is_some());
        assert!(heading("3\tFinances").is_some());
        assert!(heading("150 000 € Travaux").is_none());
        assert!(heading("N° 2023-12-001 Tarifs communaux").is_some());
        assert!(heading("14 Présents").is_none());
        assert!(heading("2023-11-20").is_none());
    }

    /// The guard never turns away a line one of the three regexes reads.
    fn guard_keeps_every_heading(t: &str) {
        let t = t.trimmed();
        if ACT_ID.is_match(t) || small_number(t).is_some() || roman(t).is_some() {
            assert!(may_open_heading(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn guard_keeps_headings(t in "(N° ?)?([A-Z]{0,5}-?[0-9]{1,4}[-_/][0-9]{1,4}|[0-9]{1,9}|[IVXL]{1,6})[ \t/._)°:–-]{0,3}[0-9]{0,2}[ \t]?[A-Za-zé ]{0,12}") {
            guard_keeps_every_heading(&t);
        }
    }

    proptest::proptest! {
        /// The prefix regexes and their length rules read what the whole-line
        /// patterns of the grammar read.
        #[test]
        fn prefix_rules_read_as_the_whole_line_patterns(
            t in "([0-9]{1,3}|[IVXL]{1,6})[ \t/.)°:–-]{0,4}[ \t]{0,3}[A-Za-zÉé: ]{0,6}",
        ) {
            let small = Regex::new(r"^(\d{1,2})\s*(?:[/.)°]|-|–)?\s+(\p{Lu}.{3,})$").unwrap();
            let want = small.captures(&t).map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
            proptest::prop_assert_eq!(small_number(&t), want);
            let roman_line = Regex::new(r"^([IVX]{1,5})\s*[-–.]\s+(.{3,})$").unwrap();
            let want = roman_line.captures(&t).map(|c| c[2].trimmed().to_string());
            proptest::prop_assert_eq!(roman(&t).map(|r| r.trimmed().to_string()), want);
        }
    }

    #[test]
    fn guard_keeps_fixture_headings() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts");
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            text.lines().for_each(guard_keeps_every_heading);
        }
    }

    #[test]
    fn non_acts() {
        assert!(is_not_an_act("Questions diverses"));
        assert!(is_not_an_act("Décisions du Maire"));
        assert!(!is_not_an_act("Subventions associatives"));
    }
}
