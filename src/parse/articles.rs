//! Article headings of the decision, and the decision markers before them.
//!
//! ```text
//! article_head = ("Article" | "ARTICLE" | "Art.") ws number ["er" | "ER"] [ws] [":" | "-" | "." | "–"] [text]
//! number       = digit+ | roman
//! decision     = "Après en avoir délibéré" | "DECIDE" | "DÉCIDE" | "DELIBERE" | "ARRETE"
//! ```
//! Example: `Article 1 :` or `Article 1er - D'attribuer …`.

use nom::IResult;
use nom::branch::alt;
use nom::character::complete::{digit1, one_of, space0};
use nom::combinator::{opt, recognize};
use nom::multi::many1;
use nom::sequence::tuple;

use super::trivia::{Trimmed, folded, folded_head, kw};
use crate::normalize::Line;

fn article_number(input: &str) -> IResult<&str, &str> {
    alt((digit1, recognize(many1(one_of("IVX")))))(input)
}

/// `article_head`: returns the article number ("1er" → "1") and the text
/// that follows the heading on the same line.
pub fn article_head(line: &str) -> Option<(String, &str)> {
    let r: IResult<&str, (&str, &str, &str, Option<&str>)> =
        tuple((
            alt((kw("article"), kw("art."))),
            space0,
            article_number,
            opt(alt((kw("er"), kw("e")))),
        ))(line.trim_start_matches(['-', ' ']));
    let (rest, (_, _, num, _)) = r.ok()?;
    // The number ends the word: "Article 12" but not "Article 1234-5 du code".
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' && !rest.starts_with("- ")) {
        return None;
    }
    let after = rest.trim_start();
    let sep = after.starts_with([':', '-', '–', '.', '—']) || after.is_empty();
    if !sep {
        // "Article 2 du code" is prose, "Article 1 D'attribuer" is rare: accept only an uppercase start.
        if !after.starts_with(|c: char| c.is_uppercase()) || after.starts_with("du ") {
            return None;
        }
    }
    let text = after.trim_start_matches([':', '-', '–', '.', '—', ' ', '\t']);
    Some((num.to_string(), text))
}

/// A line that opens the decision: "Après en avoir délibéré,", "DECIDE :".
pub fn decision_marker(line: &str) -> bool {
    decision_of(line.trimmed(), &folded(line))
}

/// [`decision_marker`] of a normalised line, read from its folded form.
pub fn decision_marker_line(l: &Line) -> bool {
    decision_of(l.text, l.folded)
}

/// The decision markers of a trimmed line `t` whose folded form is `f`.
fn decision_of(t: &str, f: &str) -> bool {
    // The longest exact form is 26 characters: a longer line can only match
    // by its start.
    let f = f.trim_start_matches(['-', ' ']);
    let (head, cut) = folded_head(f, 64);
    decision_in(head, cut)
        || proposal_shape(t) && proposal_in(f)
        // The assembly opens with "le", "la", "l'", "les" or "ouï".
        || f.starts_with(['l', 'o'])
            && (assembly_deliberates(folded_head(f, 120).0)
                || assembly_decides(folded_head(f, 160).0))
        // Every verb has two capitals or more: most lines, which open on one
        // capital, are turned away at their second letter.
        || t.trim_start_matches(['-', '–', ' ']).chars().take(2).all(char::is_uppercase)
            && opens_with_capital_verb(t)
}

/// "DECIDE de retenir l'offre …", "APPROUVE le procès-verbal …", "DONNE
/// POUVOIR au Maire …": the verbs of a decision printed in capitals at the
/// start of its lines, as the CGCT's house style has them.
fn opens_with_capital_verb(t: &str) -> bool {
    const VERBS: [&str; 20] = [
        "DECIDE",
        "DÉCIDE",
        "APPROUVE",
        "ADOPTE",
        "AUTORISE",
        "ACCEPTE",
        "DONNE",
        "FIXE",
        "DESIGNE",
        "DÉSIGNE",
        "EMET",
        "ÉMET",
        "SOLLICITE",
        "VALIDE",
        "CHARGE",
        "PREND ACTE",
        "ACCORDE",
        "ATTRIBUE",
        "ELIT",
        "ÉLIT",
    ];
    let t = t.trim_start_matches(['-', '–', ' ']);
    VERBS.iter().any(|v| {
        t.strip_prefix(v)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', ':']))
    })
}

/// The assemblies that decide, as a decision sentence opens on them.
const ASSEMBLIES: [&str; 6] = [
    "le conseil",
    "le comite",
    "l'assemblee",
    "la commission permanente",
    "le bureau",
    "les membres",
];

/// "LE CONSEIL MUNICIPAL, APRÈS EN AVOIR DÉLIBÉRÉ,", "Le Conseil, ouï
/// l'exposé du rapporteur et après en avoir délibéré": the CGCT formula
/// after the assembly that decides.
fn assembly_deliberates(f: &str) -> bool {
    (f.starts_with("oui l'expose") || ASSEMBLIES.iter().any(|a| f.starts_with(a)))
        && [
            "apres en avoir delibere",
            "apres avoir delibere",
            "apres deliberation",
        ]
        .iter()
        .any(|p| f.contains(p))
}

/// "Le conseil municipal à l'unanimité accepte …", "Le Conseil Municipal,
/// après avoir examiné les devis …, décide de …": the assembly, then a
/// decision verb in the present. "Le conseil a approuvé, par délibération
/// du …" recalls an earlier act: a verb after an auxiliary is no decision.
fn assembly_decides(f: &str) -> bool {
    const VERBS: [&str; 12] = [
        " decide",
        " approuve",
        " adopte",
        " accepte",
        " autorise",
        " valide",
        " emet ",
        " donne son accord",
        " refuse",
        " rejette",
        " prend acte",
        " fixe ",
    ];
    const AUXILIARIES: [&str; 7] = [
        " a", " avait", " avaient", " ont", " aura", " sera", " doit",
    ];
    if !ASSEMBLIES.iter().any(|a| f.starts_with(a)) {
        return false;
    }
    VERBS
        .iter()
        .filter_map(|v| f.find(v))
        .min()
        .is_some_and(|at| !AUXILIARIES.iter().any(|a| f[..at].ends_with(a)))
}

/// The decision markers in the folded start of a line.
fn decision_in(f: &str, cut: bool) -> bool {
    let f = if cut {
        f
    } else {
        f.trim_end_matches([':', ',', '.', ';', ' '])
    };
    f.starts_with("apres en avoir delibere")
        || f.starts_with("apres avoir delibere")
        || f.starts_with("apres deliberation")
        || !cut
            && matches!(
                f,
                "decide"
                    | "decident"
                    | "delibere"
                    | "arrete"
                    | "le conseil municipal decide"
                    | "le conseil decide"
            )
        || f.starts_with("decide :")
}

/// "En conséquence, il est proposé au Conseil municipal :" — in an extract
/// that gives the report and then "Le Conseil Adopte.", the proposal is
/// the decision.
pub fn proposal_marker(line: &str) -> bool {
    let t = line.trimmed();
    proposal_shape(t) && proposal_in(&folded(t))
}

/// A proposal is a short line that announces what follows: it ends with ":".
fn proposal_shape(t: &str) -> bool {
    t.ends_with(':') && t.len() <= 120
}

/// The proposal lead in a folded line.
fn proposal_in(f: &str) -> bool {
    let f = f.strip_prefix("en consequence, ").unwrap_or(f);
    f.starts_with("il est propose au conseil") || f.starts_with("il est propose a l'assemblee")
}

/// True when a line is "DECIDE" alone (the decision verb line).
pub fn decide_line(line: &str) -> bool {
    let t = line.trimmed().trim_end_matches([':', ' ', ',']);
    kw("decide")(t).is_ok_and(|(r, _)| r.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_assembly_decides_in_the_present_only() {
        use super::decision_marker;
        assert!(decision_marker(
            "LE CONSEIL MUNICIPAL, APRÈS EN AVOIR DÉLIBÉRÉ,"
        ));
        assert!(decision_marker(
            "Le Conseil municipal, ouï l'exposé du rapporteur et après en avoir délibéré, à l'unanimité"
        ));
        assert!(decision_marker(
            "Le conseil municipal à l'unanimité accepte la somme de 37.20 €"
        ));
        assert!(!decision_marker(
            "Le conseil municipal a approuvé, par délibération du 7 juin 2010, le principe"
        ));
        assert!(decision_marker(
            "DECIDE de retenir l'offre de Mme SALLENEUVE"
        ));
        assert!(decision_marker(
            "- APPROUVE le procès-verbal de la séance du 8 octobre 2018."
        ));
        assert!(decision_marker(
            "DONNE POUVOIR à Monsieur le Maire de signer"
        ));
        assert!(!decision_marker("DONNEES TECHNIQUES"));
        assert!(!decision_marker("Decide de retenir"));
    }

    use super::*;

    #[test]
    fn heads() {
        assert_eq!(article_head("Article 1 :"), Some(("1".into(), "")));
        assert_eq!(article_head("Article 1     :"), Some(("1".into(), "")));
        assert_eq!(
            article_head("Article 1er - D'attribuer"),
            Some(("1".into(), "D'attribuer"))
        );
        assert_eq!(
            article_head("ARTICLE 2 : Le Président"),
            Some(("2".into(), "Le Président"))
        );
        assert_eq!(article_head("article L.3121-14 du code"), None);
        assert_eq!(article_head("Article 2 du code"), None);
    }

    #[test]
    fn markers() {
        assert!(decision_marker("Après en avoir délibéré,"));
        assert!(decision_marker(" Après en avoir délibéré,"));
        assert!(decision_marker("DECIDE :"));
        assert!(!decision_marker("Décision modificative"));
    }
}
