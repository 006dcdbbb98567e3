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

use super::person::person;
use super::trivia::{colon, folded, kw, ws};

/// `collectivity`: a line naming the collectivité, and its type.
pub fn collectivity(line: &str) -> Option<Collectivity> {
    let t = line.trim().trim_end_matches([',', '.', ':']);
    if t.len() > 90 || t.is_empty() {
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
        if f.starts_with(prefix) {
            // "Département de l'Orne" in a margin is fine; prose is not.
            if f.split(' ').count() > 9 {
                return None;
            }
            return Some(Collectivity {
                name: t.to_string(),
                kind: kind.to_string(),
            });
        }
    }
    None
}

/// `body`: the assembly named in a line, as a contract identifier.
pub fn body(line: &str) -> Option<&'static str> {
    let f = folded(line);
    const BODIES: [(&str, &str); 9] = [
        ("commission permanente", "commission_permanente"),
        ("conseil municipal", "conseil_municipal"),
        ("conseil communautaire", "conseil_communautaire"),
        ("conseil de communaute", "conseil_communautaire"),
        ("conseil metropolitain", "conseil_communautaire"),
        ("conseil departemental", "conseil_departemental"),
        ("conseil general", "conseil_departemental"),
        ("conseil regional", "conseil_regional"),
        ("comite syndical", "comite_syndical"),
    ];
    BODIES
        .iter()
        .find(|(k, _)| f.contains(k))
        .map(|(_, v)| *v)
        .or_else(|| {
            (f.starts_with("bureau")
                || f.contains("deliberation du bureau")
                || f.contains("reunion du bureau"))
            .then_some("bureau")
        })
}

/// `presidency = ("PRESIDENCE DE" | "sous la présidence de") person`.
pub fn presidency(line: &str) -> Option<Person> {
    let f = folded(line);
    let pos = f.find("presidence de ")?;
    // Offsets in the folded string match the original's char count, not bytes.
    let char_pos = f[..pos + "presidence de ".len()].chars().count();
    let rest: String = line.trim().chars().skip(char_pos).collect();
    let rest = rest.split([',', '(']).next().unwrap_or("");
    let rest = rest.trim_end_matches('.');
    // "sous la présidence de M. X, Maire" → stop at the role.
    person(rest).filter(|p| p.family_name.is_some())
}

fn secretary_label(input: &str) -> IResult<&str, &str> {
    alt((
        kw("secretaire de seance"),
        kw("secretariat de seance"),
        kw("secretaire"),
    ))(input)
}

/// `secretary = label ":" person`.
pub fn secretary(line: &str) -> Option<Person> {
    let (rest, _) = tuple((secretary_label, ws, colon))(line.trim()).ok()?;
    let name = rest.split([',', '(']).next().unwrap_or("");
    person(name).filter(|p| p.family_name.is_some() || p.given_name.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_header_lines() {
        let c = collectivity("DEPARTEMENT DU PAS-DE-CALAIS").unwrap();
        assert_eq!(
            (c.name.as_str(), c.kind.as_str()),
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
