//! The signature block: place and date, signatories and their roles.
//!
//! ```text
//! signature  = (role_line | place_date | name_line | formality)+
//! place_date = ["Fait à"] place "," ["le"] date           (* ARRAS, le 20 novembre 2023 *)
//! role_line  = ("LE" | "La" | "Le" | …) role_words [","]   (* LE PRESIDENT DU CONSEIL DEPARTEMENTAL, *)
//! formality  = "Signé" | "Pour le Président …," | "Pour extrait conforme" | "Par délégation" | dots
//! name_line  = person                                     (* Jean-Claude LEROY *)
//! ```

use crate::model::{Signatory, Signature};
use crate::normalize::Line;

use super::dates::{first_found_date, may_hold_date};
use super::person::person;
use super::trivia::{Trimmed, folded, starts_with_folded};

const ROLE_WORDS: [&str; 14] = [
    "president",
    "presidente",
    "maire",
    "directeur",
    "directrice",
    "secretaire",
    "vice-president",
    "adjoint",
    "adjointe",
    "le conseiller",
    "la conseillere",
    "le prefet",
    "premier",
    "premiere",
];

/// "ARRAS, le 20 novembre 2023", "Fait à Saclas, le 13 mai 2011": place and date.
pub fn place_date(line: &str) -> Option<(Option<String>, String)> {
    let t = line.trimmed();
    if !t.contains(',') {
        return None;
    }
    let body = if starts_with_folded(t, "fait a ") {
        &t[t.char_indices().nth(7).map_or(t.len(), |(i, _)| i)..]
    } else if starts_with_folded(t, "fait et delibere a ") {
        &t[t.char_indices().nth(19).map_or(t.len(), |(i, _)| i)..]
    } else {
        t
    };
    let comma = body.find(',')?;
    let place = body[..comma].trimmed();
    let after = body[comma + 1..].trimmed();
    if !starts_with_folded(after, "le ") || place.is_empty() || place.split_whitespace().count() > 4
    {
        return None;
    }
    if !place.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let d = first_found_date(after)?;
    if d.start > 4 {
        return None;
    }
    Some((Some(place.to_string()), d.iso))
}

/// A role line: "LE PRESIDENT DU CONSEIL DEPARTEMENTAL,", "La Directrice générale des services,".
pub fn role_line(line: &str) -> Option<String> {
    let t = role_text(line)?;
    is_role_folded(&folded(t)).then(|| t.to_string())
}

/// [`role_line`] of a normalised line, read from its folded form.
pub fn role_line_of<'a>(l: &Line<'a>) -> Option<&'a str> {
    let t = role_text(l.text)?;
    // The folded line may keep the final "," or "." that `t` drops: the
    // role is read from the start.
    is_role_folded(l.folded).then_some(t)
}

/// The text a role line is read from, if the line may be one.
fn role_text(line: &str) -> Option<&str> {
    let t = line.trimmed().trim_end_matches([',', '.']);
    // Every role line opens with a civility (M…) or an article (L…).
    (t.len() <= 90 && t.starts_with(['m', 'M', 'l', 'L'])).then_some(t)
}

/// True when a folded text opens with a role: "monsieur le maire",
/// "la presidente".
fn is_role_folded(f: &str) -> bool {
    // "Monsieur le Maire,", "Madame la Présidente".
    let f = ["monsieur ", "madame ", "m. ", "mme "]
        .iter()
        .find_map(|c| f.strip_prefix(c))
        .unwrap_or(f);
    let Some(f) = f
        .strip_prefix("le ")
        .or_else(|| f.strip_prefix("la "))
        .or_else(|| f.strip_prefix("l'"))
    else {
        return false;
    };
    ROLE_WORDS.iter().any(|w| f.starts_with(w))
}

/// A formality that carries no name: "Signé", "Pour le Président …,", "Par délégation".
pub fn formality(line: &str) -> bool {
    let f = folded(line.trimmed());
    f.is_empty()
        || f.trim_matches(['.', '…', ' ']).is_empty()
        || f.starts_with("signe")
        || f.starts_with("pour le ")
        || f.starts_with("pour la ")
        || f.starts_with("par delegation")
        || f.starts_with("pour extrait")
        || f.starts_with("certifie")
        || f.starts_with("pour copie")
        || f.starts_with("ainsi delibere")
        || f.starts_with("le registre dument signe")
}

/// A formality that opens the signature block after the decision: "Ainsi
/// délibéré lesdits jour, mois et an", "Pour extrait conforme".
pub fn closing_formality(line: &str) -> bool {
    let t = line.trim_start();
    starts_with_folded(t, "ainsi delibere") || starts_with_folded(t, "pour extrait")
}

/// A signatory's name line: two to five words, a family name, and either a
/// civility or a given name in mixed case ("Jean-Claude LEROY"), so that
/// letterhead lines in capitals ("RÉPUBLIQUE FRANÇAISE") are not names.
fn signatory_name(t: &str) -> Option<crate::model::Person> {
    let words = t.split_whitespace().count();
    if !(2..=5).contains(&words)
        || t.ends_with([',', ':', ';'])
        || t.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let p = person(t)?;
    p.family_name.as_ref()?;
    let mixed_given = p
        .given_name
        .as_deref()
        .is_some_and(|g| g.chars().any(|c| c.is_lowercase()));
    (p.civility.is_some() || mixed_given).then_some(p)
}

/// Reads a signature block from its lines; stops at the first line that
/// belongs to none of its rules and returns how many lines it used.
pub fn parse_signature(lines: &[&str]) -> (Signature, usize) {
    let mut sig = Signature::default();
    let mut role: Option<String> = None;
    let mut used = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if let Some((place, date)) = place_date(t) {
            sig.place = place;
            sig.date = Some(date);
        } else if let Some(r) = role_line(t) {
            role = Some(r);
        } else if formality(t) {
        } else if let Some(p) = signatory_name(t) {
            sig.signatories.push(Signatory {
                name: p.text,
                role: role.take(),
            });
        } else {
            break;
        }
        used = i + 1;
    }
    (sig, used)
}

/// A row of dots, a role in capitals, "Fait à X, le …", "Pour extrait conforme".
pub fn is_signature_start(l: &Line) -> bool {
    let t = l.text;
    let dots = t.trim_matches(|c: char| c == '.' || c == '…' || c == ' ');
    (dots.is_empty() && t.len() >= 3)
        || role_line_of(l).is_some_and(|r| {
            r.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
        })
        || may_hold_date(l.folded) && place_date(t).is_some()
        || closing_formality(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_signature() {
        let lines = [
            ".....",
            "LE PRESIDENT DU CONSEIL DEPARTEMENTAL,",
            "",
            "Jean-Claude LEROY",
            "",
            "ARRAS, le 20 novembre 2023",
            "",
            "Pour le Président du Conseil départemental,",
            "La Directrice générale des services,",
            "",
            "Signé",
            "",
            "Maryline VINCLAIRE",
            "",
            "RÉPUBLIQUE FRANÇAISE",
        ];
        let (s, used) = parse_signature(&lines);
        assert_eq!(s.place.as_deref(), Some("ARRAS"));
        assert_eq!(s.date.as_deref(), Some("2023-11-20"));
        assert_eq!(s.signatories.len(), 2);
        assert_eq!(s.signatories[0].name, "Jean-Claude LEROY");
        assert_eq!(
            s.signatories[0].role.as_deref(),
            Some("LE PRESIDENT DU CONSEIL DEPARTEMENTAL")
        );
        assert_eq!(
            s.signatories[1].role.as_deref(),
            Some("La Directrice générale des services")
        );
        assert_eq!(used, 13);
    }
}
