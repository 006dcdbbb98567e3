//! The header of a deliberation or of a sitting: collectivité, assembly,
//! meeting date, presidency and secretary.
//!
//! ```text
//! collectivity = ("DEPARTEMENT" | "COMMUNE" | "VILLE" | "REGION" | "COMMUNAUTE" …) name
//! body_line    = ["DELIBERATION DE LA"] body ["DU CONSEIL DEPARTEMENTAL"]
//! body         = "COMMISSION PERMANENTE" | "CONSEIL MUNICIPAL" | "CONSEIL COMMUNAUTAIRE"
//!              | "CONSEIL DEPARTEMENTAL" | "CONSEIL REGIONAL" | "COMITE SYNDICAL" | "BUREAU"
//! meeting_line = ("REUNION" | "SEANCE" | "CONSEIL …") "DU" date
//! presidency   = ("PRESIDENCE DE" | "sous la présidence de") person
//! secretary    = ("Secrétaire" | "Secrétaire de séance" | "Secrétariat de séance") ":" person
//! ```
//! Example: `PRESIDENCE DE MONSIEUR JEAN-CLAUDE LEROY`.

use crate::model::{Collectivity, Person};
use nom::IResult;
use nom::branch::alt;
use nom::sequence::tuple;
use regex_automata::{Anchored, Input, meta};
use std::sync::LazyLock;

use super::dates::{first_date, may_hold_date};
use super::person::person;
use super::trivia::{
    Trimmed, Words, capitalised, colon, find_folded, fold, folded, kw, starts_with_folded, ws,
};
use crate::normalize::Line;

/// `collectivity`: a line naming the collectivité, and its type.
pub fn collectivity(line: &str) -> Option<Collectivity> {
    let t = line.trimmed().trim_end_matches([',', '.', ':']);
    if t.len() > 90 || t.is_empty() {
        return None;
    }
    // Every kind below starts with one of these letters: the others are
    // turned away before the line is folded.
    if !t
        .chars()
        .next()
        .is_some_and(|c| "dcrvmes".contains(fold(c)))
    {
        return None;
    }
    let f = folded(t);
    const KINDS: [(&str, &str); 22] = [
        ("departement du ", "departement"),
        ("departement de ", "departement"),
        ("departement des ", "departement"),
        ("departement d'", "departement"),
        ("conseil departemental du ", "departement"),
        ("conseil departemental de ", "departement"),
        ("region ", "region"),
        ("collectivite de corse", "region"),
        ("commune de ", "commune"),
        ("commune d'", "commune"),
        ("commune nouvelle de ", "commune"),
        ("ville de ", "commune"),
        ("ville d'", "commune"),
        ("mairie de ", "commune"),
        ("communaute de communes", "epci"),
        ("communaute d'agglomeration", "epci"),
        ("communaute urbaine", "epci"),
        ("metropole", "epci"),
        ("etablissement public territorial", "epci"),
        ("syndicat ", "syndicat"),
        ("sivom", "syndicat"),
        ("sivu", "syndicat"),
    ];
    for (prefix, kind) in KINDS {
        // "Ville d'" alone (the rest of a logo) names nothing.
        if f.starts_with(prefix) && f.len() > prefix.len() {
            // "Département de l'Orne" in a margin is fine; prose is not.
            if f.split(' ').count() > 9 {
                return None;
            }
            // "Commune de CHEVINCOURT - oise -": the département in dashes
            // is not part of the name.
            let name = match t.find(" - ") {
                Some(p) if t.ends_with('-') => t[..p].trim_end(),
                _ => t,
            };
            return Some(Collectivity {
                name: Some(name.to_string()),
                kind: kind.to_string(),
            });
        }
    }
    None
}

/// `body`: the assembly named in a line, as a contract identifier.
pub fn body(line: &str) -> Option<&'static str> {
    body_of(&folded(line))
}

/// The assemblies a header names, folded, with their contract identifiers;
/// the first of the list named in a line wins.
const BODIES: [(&str, &str); 10] = [
    ("commission permanente", "commission_permanente"),
    ("assemblee de corse", "conseil_regional"),
    ("conseil municipal", "conseil_municipal"),
    ("conseil communautaire", "conseil_communautaire"),
    ("conseil de communaute", "conseil_communautaire"),
    ("conseil metropolitain", "conseil_communautaire"),
    ("conseil departemental", "conseil_departemental"),
    ("conseil general", "conseil_departemental"),
    ("conseil regional", "conseil_regional"),
    ("comite syndical", "comite_syndical"),
];

/// Words of which every name of [`BODIES`] holds one (a test checks it).
const BODY_SIGNS: [&str; 4] = ["conseil ", "commission ", "assemblee ", "comite "];

/// [`body`] of a line from its folded form.
pub fn body_of(f: &str) -> Option<&'static str> {
    // Asked of every line of a header: a line with none of the signs is not
    // searched for the ten names, each with its prebuilt finder.
    static NAMES: LazyLock<Words<10>> = LazyLock::new(|| Words::new(BODIES.map(|(k, _)| k)));
    static SIGNS: LazyLock<Words<4>> = LazyLock::new(|| Words::new(BODY_SIGNS));
    static BUREAU: LazyLock<Words<2>> =
        LazyLock::new(|| Words::new(["deliberation du bureau", "reunion du bureau"]));
    static BUREAU_SIGN: LazyLock<Words<1>> = LazyLock::new(|| Words::new(["bureau"]));
    let bureau = || BUREAU_SIGN.any_in(f) && (f.starts_with("bureau") || BUREAU.any_in(f));
    let name = if SIGNS.any_in(f) {
        NAMES.first_in(f)
    } else {
        None
    };
    name.map(|i| BODIES[i].1)
        .or_else(|| bureau().then_some("bureau"))
}

/// `presidency = ("PRESIDENCE DE" | "sous la présidence de") person`.
pub fn presidency(line: &str) -> Option<Person> {
    // Asked of whole preambles: most do not say it, and are not folded.
    find_folded(line, "presidence de ")?;
    presidency_said(line)
}

/// [`presidency`] of a text known to say "présidence de".
fn presidency_said(line: &str) -> Option<Person> {
    let f = folded(line);
    let pos = f.find("presidence de ")?;
    // Offsets in the folded string match the original's char count, not bytes.
    let char_pos = f[..pos + "presidence de ".len()].chars().count();
    let rest: String = line.trimmed().chars().skip(char_pos).collect();
    let mut parts = rest.split([',', '(']);
    let first = parts.next().unwrap_or("").trimmed().trim_end_matches('.');
    // "sous la présidence de Monsieur le Maire, Philippe SAUREL": the role
    // first, the name after the comma.
    if is_role(first)
        && let Some(after) = parts.next()
    {
        // The sentence ends after the name.
        let after = after.split([';', ':']).next().unwrap_or(after);
        let after = after.split(". ").next().unwrap_or(after);
        let after = after.split(" s'est ").next().unwrap_or(after);
        let after = after.trimmed().trim_end_matches('.');
        return person(after).filter(|p| p.family_name.is_some());
    }
    // "sous la présidence de M. X, Maire" → stop at the role.
    person(first).filter(|p| p.family_name.is_some())
}

/// [`presidency`] of a normalised line: a line whose folded form does not
/// say "présidence de" is turned away without being read.
pub fn presidency_line(l: &Line) -> Option<Person> {
    static PRESIDENCY: LazyLock<Words<1>> = LazyLock::new(|| Words::new(["presidence de "]));
    if !PRESIDENCY.any_in(l.folded) {
        return None;
    }
    presidency_said(l.text)
}

/// "Monsieur le Maire", "Madame la Présidente", "M. le doyen d'âge de l'Assemblée".
fn is_role(text: &str) -> bool {
    let f = folded(text);
    ["monsieur ", "madame ", "m. ", "mme "]
        .iter()
        .find_map(|c| f.strip_prefix(c))
        .is_some_and(|r| r.starts_with("le ") || r.starts_with("la ") || r.starts_with("l'"))
}

/// "Philippe SAUREL rapporte :", "Monsieur EL KANDOUSSI rapporte :": the
/// rapporteur, printed under the title.
pub fn rapporteur_line(line: &str) -> bool {
    let t = line.trimmed().trim_end_matches([':', ' ']);
    t.len() < 80
        && t.strip_suffix("rapporte")
            .is_some_and(|who| who.ends_with(' ') && who.trimmed().starts_with(char::is_uppercase))
}

/// The collectivité named in a sentence: "le Conseil Municipal de la Ville
/// de Montpellier s'est réuni", "Extrait du registre des délibérations du
/// Conseil Municipal de la Commune de Saclas" → `Ville de Montpellier`.
pub fn collectivity_in_prose(text: &str) -> Option<Collectivity> {
    static PROSE: LazyLock<Opened> = LazyLock::new(|| {
        Opened::new(
            &["conseil municipal de la "],
            r"(?i:conseil municipal de la )((?i:ville|commune) (?:de |d'|d’)\p{Lu}[\p{L}'’-]*(?:-\p{L}[\p{L}'’]*| (?:sur|sous|lès|en|le|la|les) \p{Lu}[\p{L}'’-]*)*)",
        )
    });
    static EPCI: LazyLock<Opened> = LazyLock::new(|| {
        Opened::new(
            &["conseil communautaire de la "],
            r"(?i:conseil communautaire de la )((?i:communauté (?:de communes|d'agglomération|d’agglomération|urbaine)) [^,.;:()]{3,80}?)(?:,|\.|;| légalement| réguli| s'est| s’est| dûment)",
        )
    });
    let (name, kind) = match EPCI.captures(text) {
        Some(c) => (capitalised(c.get(1)?.trimmed()), "epci"),
        None => {
            let c = PROSE.captures(text)?;
            (
                capitalised(c.get(1)?.trim_end_matches([' ', '-'])),
                "commune",
            )
        }
    };
    Some(Collectivity {
        name: Some(name),
        kind: kind.into(),
    })
}

/// A regex over a whole preamble and the phrase it opens with (ASCII
/// letters in any case). The phrase is found first, by aho-corasick, many
/// times faster than the regex; the regex is then tried anchored at each
/// place the phrase is, in order (the search still sees the text before,
/// for `\b`): neither the rest of the preamble after a failed try nor the
/// text before a match is scanned again.
struct Opened {
    opening: aho_corasick::AhoCorasick,
    regex: meta::Regex,
}

impl Opened {
    fn new(phrases: &[&str], pattern: &str) -> Opened {
        Opened {
            opening: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(phrases)
                .expect("plain phrases build an automaton"),
            regex: meta::Regex::new(pattern).expect("valid regex"),
        }
    }

    fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        self.captures_from(text, 0)
    }

    /// The first match that starts at or after byte `from`.
    fn captures_from<'t>(&self, text: &'t str, from: usize) -> Option<Groups<'t>> {
        let mut caps = self.regex.create_captures();
        let hits = aho_corasick::Input::new(text).range(from..);
        for hit in self.opening.find_iter(hits) {
            let here = Input::new(text)
                .range(hit.start()..)
                .anchored(Anchored::Yes);
            self.regex.search_captures(&here, &mut caps);
            if caps.is_match() {
                return Some(Groups { text, caps });
            }
        }
        None
    }
}

/// The groups of an [`Opened`] match.
struct Groups<'t> {
    text: &'t str,
    caps: regex_automata::util::captures::Captures,
}

impl<'t> Groups<'t> {
    /// Group `i` (0: the whole match) as a span of the text.
    fn span(&self, i: usize) -> Option<std::ops::Range<usize>> {
        self.caps.get_group(i).map(|s| s.range())
    }

    fn get(&self, i: usize) -> Option<&'t str> {
        self.span(i).map(|r| &self.text[r])
    }

    fn name(&self, name: &str) -> Option<&'t str> {
        self.caps
            .get_group_by_name(name)
            .map(|s| &self.text[s.range()])
    }
}

fn secretary_label(input: &str) -> IResult<&str, &str> {
    alt((
        kw("secretaire de seance"),
        kw("secretaires de seance"),
        kw("secretariat de seance"),
        kw("secretaires"),
        kw("secretaire"),
    ))(input)
}

/// `secretary = label ":" person`.
pub fn secretary(line: &str) -> Option<Person> {
    let (rest, _) = tuple((secretary_label, ws, colon))(line.trimmed()).ok()?;
    // "Secrétaires de Séance : Bertrand DUBOIS ; Marc LEVEQUE": the first.
    let name = rest.split([',', '(', ';']).next().unwrap_or("");
    person(name).filter(|p| p.family_name.is_some() || p.given_name.is_some())
}

/// The date of the convocation in the opening sentence: "Sur convocation
/// adressée aux conseillers le 10 juin 2022", "légalement convoqué le 9
/// février 2023", "Convoqué le lundi 31 mars 2014".
pub fn convocation_in_prose(text: &str) -> Option<String> {
    static CONVOCATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:convocation (?:a été |a ete )?(?:adressée|envoyée|faite|transmise|adressee|envoyee)[^.;]{0,60}?|convoqu[ée]e?s? (?:régulièrement |legalement |légalement )?)(?:le |en date du |par courrier du )",
        )
        .expect("valid regex")
    });
    let m = CONVOCATION.find(text)?;
    let after = &text[m.end()..];
    // The date comes right after "le", within a few words.
    let head: String = after.chars().take(40).collect();
    super::dates::first_date(&head)
}

/// The secretary named in a sentence: "Monsieur Pierre PAGE a été désigné
/// secrétaire de séance", "Madame Mauger est nommée secrétaire de séance".
pub fn secretary_sentence(line: &str) -> Option<Person> {
    // Most lines do not name the secretary: skip the regex for them.
    find_folded(line, "secretaire")?;
    secretary_said(line)
}

/// [`secretary_sentence`] of a text known to say "secrétaire".
fn secretary_said(line: &str) -> Option<Person> {
    static SENTENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"((?:Monsieur|Madame|M\.|Mme|MME|Mr) [^,.;:]{2,40}?) (?:a été|est|a ete) (?:désignée?|nommée?|élue?|designee?|nommee?)(?: ?\(e\))? (?:comme |pour remplir les fonctions de )?(?:secrétaire|secretaire)",
        )
        .expect("valid regex")
    });
    let c = SENTENCE.captures(line)?;
    person(&c[1]).filter(|p| p.family_name.is_some())
}

/// [`secretary_sentence`] of a normalised line: a line whose folded form
/// does not say "secretaire" is turned away without being read.
pub fn secretary_sentence_line(l: &Line) -> Option<Person> {
    static SECRETARY: LazyLock<Words<1>> = LazyLock::new(|| Words::new(["secretaire"]));
    if !SECRETARY.any_in(l.folded) {
        return None;
    }
    secretary_said(l.text)
}

/// "REUNION DU 20 NOVEMBRE 2023", "Séance du 12 mai 2011", "L'an deux mil onze…",
/// "Conseil municipal du 4 juin 2021".
pub fn is_meeting_line(l: &Line) -> bool {
    let t = l.text;
    let f = l.folded.trim_start_matches(['-', ' ', '*']);
    (f.starts_with("reunion du ")
        || f.starts_with("seance du ")
        || f.starts_with("l'an ")
        || f.starts_with("session du ")
        || f.starts_with("seance publique du ")
        || f.starts_with("seance ordinaire du ")
        // (" en date du " says " du " too; the cheaper test first.)
        || (f.contains(" du ") && body_of(l.folded).is_some())
        // "Le vingt-neuf juin deux mille vingt et un …, le conseil municipal s'est réuni"
        || (f.starts_with("le ") && f.contains(" s'est reuni"))
        // "JEUDI 19 DECEMBRE 2019 • 18H30" under the assembly's name.
        || (f.len() < 60
            && ["lundi ", "mardi ", "mercredi ", "jeudi ", "vendredi ", "samedi "]
                .iter()
                .any(|d| f.starts_with(d))))
        && may_hold_date(l.folded)
        && first_date(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convocation_in_the_opening_sentence() {
        assert_eq!(
            convocation_in_prose(
                "Régulièrement convoqué en date du 27 février 2020, le Conseil municipal"
            ),
            Some("2020-02-27".into())
        );
        assert_eq!(
            convocation_in_prose("légalement convoqué le 9 février 2023, s'est réuni"),
            Some("2023-02-09".into())
        );
    }

    #[test]
    fn every_body_holds_a_sign() {
        for (name, _) in BODIES {
            assert!(BODY_SIGNS.iter().any(|s| name.contains(s)), "{name}");
        }
    }

    #[test]
    fn seed_header_lines() {
        let c = collectivity("DEPARTEMENT DU PAS-DE-CALAIS").unwrap();
        assert_eq!(
            (c.name.as_deref().unwrap_or(""), c.kind.as_str()),
            ("DEPARTEMENT DU PAS-DE-CALAIS", "departement")
        );
        assert_eq!(
            body("DELIBERATION DE LA COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL"),
            Some("commission_permanente")
        );
        let p = presidency("PRESIDENCE DE MONSIEUR JEAN-CLAUDE LEROY").unwrap();
        assert_eq!(p.family_name.as_deref(), Some("LEROY"));
        assert_eq!(p.text, "MONSIEUR JEAN-CLAUDE LEROY");
        let s = secretary("Secrétaire : Mme Maryse DELASSUS").unwrap();
        assert_eq!(s.family_name.as_deref(), Some("DELASSUS"));
    }

    #[test]
    fn commune_lines() {
        assert_eq!(collectivity("COMMUNE DE TRONGET").unwrap().kind, "commune");
        assert_eq!(
            body("Compte rendu du conseil municipal du 12 mai 2011"),
            Some("conseil_municipal")
        );
        let p =
            presidency("sous la présidence de Monsieur Yves GAUCHER, Maire de SACLAS.").unwrap();
        assert_eq!(p.family_name.as_deref(), Some("GAUCHER"));
        let s = secretary("Secrétariat de séance : Monsieur Alain GAUCHER.").unwrap();
        assert_eq!(s.family_name.as_deref(), Some("GAUCHER"));
    }
}

/// The type of collectivité an assembly belongs to, when the text names the
/// assembly but not the collectivité: a municipal council sits for a commune,
/// a community council for an EPCI. A commission permanente or a bureau
/// belongs to a département or a région: the preamble says which.
pub fn kind_from_body(body: &str, preamble: &str) -> Option<&'static str> {
    match body {
        "conseil_municipal" => Some("commune"),
        "conseil_communautaire" => Some("epci"),
        "conseil_departemental" => Some("departement"),
        "conseil_regional" => Some("region"),
        "comite_syndical" => Some("syndicat"),
        _ => {
            let f = folded(preamble);
            if f.contains("conseil regional") {
                Some("region")
            } else if f.contains("conseil general") || f.contains("conseil departemental") {
                Some("departement")
            } else {
                None
            }
        }
    }
}

/// The place of the meeting, from the sentence that opens it: "s'est réuni
/// à l'Hôtel du Conseil Général le 31 mars 2011", "se sont réunis à la salle
/// polyvalente à Molinet, sous la présidence", "réuni en mairie, Salle du
/// Conseil Municipal, le samedi". A regular pattern over the preamble text.
///
/// ```text
/// place_sentence = "réuni" ["e"|"s"|"es"] ["en séance" word | "en session" word]
///                  ["en mairie" ","] [("à la" | "à l'" | "au" | "à" | "en")] place
///                  ("," | "le" (digit | weekday) | "sous la présidence" | ".")
/// ```
pub fn meeting_place(text: &str) -> Option<String> {
    let named = place_after_reuni(text);
    // "réuni à la mairie, salle du conseil municipal", "réuni au nombre
    // prescrit, dans la salle de réunion de la mairie": the room is the place.
    if named
        .as_deref()
        .is_none_or(|p| !starts_with_folded(p, "salle"))
        && let Some(room) = room_after_reuni(text)
    {
        return Some(room);
    }
    named
}

/// The room named after "réuni" in the same sentence ("… salle du conseil
/// municipal, sous la présidence …"), within [`ROOM_WITHIN`] bytes.
fn room_after_reuni(text: &str) -> Option<String> {
    const ROOM_WITHIN: usize = 200;
    let at = find_folded(text, "reuni")?;
    let head = &text[at..text.floor_char_boundary((at + ROOM_WITHIN).min(text.len()))];
    let head = &head[..head.find(['.', ';']).unwrap_or(head.len())];
    let start = find_folded(head, "salle ")?;
    let room = &head[start..];
    let end = [
        room.find([',', '(']),
        find_folded(room, " sous la"),
        find_folded(room, " le "),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(room.len());
    let room = room[..end].trimmed();
    (6..=80).contains(&room.len()).then(|| room.to_string())
}

/// The place named right after "réuni".
fn place_after_reuni(text: &str) -> Option<String> {
    static PLACE: LazyLock<Opened> = LazyLock::new(|| {
        Opened::new(
            &["réuni", "rÉuni"],
            concat!(
                // ASCII word boundaries: with Unicode ones the regex crate can
                // only run its slowest engine on French text.
                r"(?i)(?-u:\b)réuni(?:e|s|es)?(?-u:\b)(?:\s+en\s+(?:séance|session)(?:\s+\w+)?\s*,?)?(?:\s+en\s+mairie\s*,)?",
                // At most 120 characters, checked below: a bounded repeat
                // makes a regex a hundred times its size, and as slow.
                r"\s+(?P<prep>à\s+la\s+|à\s+l'|au\s+|à\s+|en\s+)?(?P<place>[^,;.()]{3,}?)",
                // The endings that open with blanks are one branch: the
                // backtracker, which tries each ending after each letter of
                // the place, turns most letters away at once (a third of
                // its work).
                r"(?:\s*(?:[,;.(]|$)|\s+(?:le\s+(?:\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|premier)",
                r"|sous\s+la\s+présidence|en\s+(?:séance|présence)|(?:sur|après)\s+convocation))"
            ),
        )
    });
    // A place longer than 120 characters is no match there: the next
    // "réuni" is tried. (Every other reading of the same sentence gives a
    // longer place, the shortest is tried first.)
    let mut from = 0;
    let c = loop {
        let c = PLACE.captures_from(text, from)?;
        if c.name("place")?.chars().count() <= 120 {
            break c;
        }
        from = c.span(0)?.start + 1;
    };
    let place = c.name("place")?.trimmed();
    let prep = c.name("prep").map(|m| m.trimmed().to_lowercase());
    let capital = place.chars().next().is_some_and(char::is_uppercase);
    // Without a preposition ("réuni en mairie, Salle du Conseil") or after
    // "en" ("en Mairie"), only a capitalised name is a place, never "le 12 mai".
    if matches!(prep.as_deref(), None | Some("en")) && !capital {
        return None;
    }
    let f = folded(place);
    // "au lieu ordinaire (habituel) de ses séances" names no place.
    if [
        "le ",
        "sous ",
        "ce ",
        "en seance",
        "a l'effet",
        "pour ",
        "afin ",
        "lieu ",
        "nombre ",
    ]
    .iter()
    .any(|w| f.starts_with(w))
        || f.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(place.to_string())
}

#[cfg(test)]
mod place_tests {
    use super::{collectivity_in_prose, kind_from_body, meeting_place};

    #[test]
    fn collectivity_named_after_a_phrase_that_names_none() {
        let text = "Au conseil municipal de la veille, rien. Le Conseil Municipal de la Ville de Montpellier s'est réuni";
        let c = collectivity_in_prose(text).unwrap();
        assert_eq!(
            (c.name.as_deref(), c.kind.as_str()),
            (Some("Ville de Montpellier"), "commune")
        );
    }

    #[test]
    fn the_type_of_collectivite_from_the_assembly() {
        assert_eq!(kind_from_body("conseil_municipal", ""), Some("commune"));
        assert_eq!(kind_from_body("conseil_communautaire", ""), Some("epci"));
        assert_eq!(kind_from_body("comite_syndical", ""), Some("syndicat"));
        let region =
            "La Commission permanente du Conseil régional du Centre-Val de Loire s'est réunie";
        assert_eq!(
            kind_from_body("commission_permanente", region),
            Some("region")
        );
        let dept = "COMMISSION PERMANENTE DU CONSEIL GÉNÉRAL DE LA MAYENNE";
        assert_eq!(
            kind_from_body("commission_permanente", dept),
            Some("departement")
        );
        assert_eq!(kind_from_body("bureau", "Réunion du bureau"), None);
    }

    #[test]
    fn places_from_the_opening_sentence() {
        let cases = [
            // The room, where the sentence names one.
            (
                "s'est réuni à la mairie, salle du conseil municipal, en séance publique",
                Some("salle du conseil municipal"),
            ),
            (
                "S'est réuni en session ordinaire à la Mairie en salle du conseil municipal,",
                Some("salle du conseil municipal"),
            ),
            (
                "s'est réuni au nombre prescrit par la loi, dans la salle de réunion de la mairie, sous la présidence",
                Some("salle de réunion de la mairie"),
            ),
            (
                "Le Conseil Général s'est réuni à l'Hôtel du Conseil Général le 31 mars 2011 sous la présidence",
                Some("Hôtel du Conseil Général"),
            ),
            (
                "se sont réunis à la salle polyvalente à Molinet, sous la présidence de M. X.",
                Some("salle polyvalente à Molinet"),
            ),
            (
                "s'est réuni en mairie, Salle du Conseil Municipal, le samedi 5 avril 2014",
                Some("Salle du Conseil Municipal"),
            ),
            (
                "s'est réunie en séance ordinaire à l'Hôtel régional, le vendredi vingt et un octobre",
                Some("Hôtel régional"),
            ),
            (
                "s'est réuni le 12 mai 2023 sous la présidence de M. X",
                None,
            ),
            ("s'est réuni sous la présidence de M. X", None),
            // The first "réuni" opens no match ("réunion"): the next is tried.
            (
                "Après la réunion du bureau, le Conseil s'est RÉUNI à la Mairie, le 3 mai",
                Some("Mairie"),
            ),
            (
                "s'est réuni au lieu ordinaire de ses séances, sous la présidence",
                None,
            ),
            (
                "réunis à la Salle des Fêtes de Preuilly en présence de public",
                Some("Salle des Fêtes de Preuilly"),
            ),
            // More than 120 characters before a stop is no place; the next
            // "réuni" names one.
            (
                &format!(
                    "s'est réuni à {} puis, réuni à la Salle des Fêtes, le 3 mai",
                    "é".repeat(121)
                ),
                Some("Salle des Fêtes"),
            ),
            (&format!("s'est réuni à {}", "é".repeat(121)), None),
        ];
        for (text, want) in cases {
            let text: &str = text;
            assert_eq!(meeting_place(text).as_deref(), want, "{text}");
        }
    }
}
