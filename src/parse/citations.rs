//! "Vu …" and "Considérant …" citations, and what they refer to.
//!
//! ```text
//! citation   = ("Vu" | "Considérant" | "Considerant") ws text          (* to ";" or the next citation *)
//! reference  = code_ref | deliberation_ref | act_ref
//! code_ref   = "Code" words ["et notamment" ("son article" | "ses articles") article_list]
//! deliberation_ref = "délibération" ["n°"] number ["du" | "en date du"] date
//! act_ref    = ("loi" | "décret" | "arrêté" | "ordonnance") ["n°"] number ["du" date]
//! ```
//! Example: `Vu la délibération n°2021-257 du Conseil départemental en date du 01/07/2021 ;`

use crate::model::Reference;
use nom::IResult;
use nom::branch::alt;
use nom::combinator::map;

use super::dates::first_date;
use super::trivia::{Trimmed, Words, find_folded, folded, word};
use std::sync::LazyLock;

/// The kind of a citation line: `vu` or `considerant`.
pub fn citation_start(line: &str) -> Option<&'static str> {
    let t = line.trim_start_matches(['-', ' ']);
    let r: IResult<&str, &'static str> = alt((
        map(word("vu"), |_| "vu"),
        map(word("vus"), |_| "vu"),
        map(word("considerant"), |_| "considerant"),
        map(word("considerants"), |_| "considerant"),
    ))(t);
    r.ok().map(|(_, k)| k)
}

/// The acts a citation may name: their kind and the folded words naming one.
const ACTS: [(&str, &str); 4] = [
    ("loi", "loi n"),
    ("decret", "decret n"),
    ("arrete", "arrete n"),
    ("ordonnance", "ordonnance n"),
];

/// The words that name a reference, searched in the folded citation:
/// [`CODE`], [`DELIBERATION`], then the acts of [`ACTS`] from [`FIRST_ACT`].
static NAMES: LazyLock<Words<6>> = LazyLock::new(|| {
    Words::new([
        "code",
        "deliberation",
        ACTS[0].1,
        ACTS[1].1,
        ACTS[2].1,
        ACTS[3].1,
    ])
});
const CODE: usize = 0;
const DELIBERATION: usize = 1;
const FIRST_ACT: usize = 2;

/// The references named in a citation.
pub fn references(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let f = folded(text);
    // A citation that names no reference is not read further.
    if !NAMES.any_in(&f) {
        return out;
    }
    // Codes: "Code Général des Collectivités Territoriales … articles L.3121-14, L.3211-1".
    // (The folded text is searched first: a citation without a code is not
    // read character by character.)
    if NAMES.find(CODE, &f).is_some()
        && let Some(p) = find_folded(text, "code ")
    {
        let rest = &text[p..];
        let name_end = rest.find([',', ';', '(']).unwrap_or(rest.len());
        let name_part = &rest[..name_end];
        let name = match find_folded(name_part, " et notamment") {
            Some(q) => &name_part[..q],
            None => name_part,
        };
        let articles = article_numbers(rest);
        out.push(Reference::Code {
            name: name.trimmed().to_string(),
            articles,
        });
    }
    // Other deliberations: "délibération n°2021-257 … du 01/07/2021".
    if let Some(p) = NAMES.find(DELIBERATION, &f) {
        let tail = &f[p..];
        let number = tail
            .split_once("n°")
            .or_else(|| tail.split_once(" n "))
            .map(|(_, r)| {
                r.trim_start()
                    .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .filter(|n| n.chars().any(|c| c.is_ascii_digit()));
        out.push(Reference::Deliberation {
            number: number.map(|n| n.to_uppercase()),
            date: first_date(text),
        });
    }
    for (k, (kind, named)) in ACTS.iter().enumerate() {
        if let Some(p) = NAMES.find(FIRST_ACT + k, &f) {
            let tail = &f[p..];
            let number = tail
                .split_once("n°")
                .map(|(_, r)| r.split_whitespace().next().unwrap_or("").to_string());
            // The date after the act, looked for in the text from where the
            // act is named there (offsets in the folded form differ once an
            // accent has been folded).
            let from = find_folded(text, named).unwrap_or(0);
            out.push(Reference::Act {
                kind: kind.to_string(),
                number,
                date: first_date(&text[from..]),
            });
        }
    }
    out
}

/// Article numbers like "L.3121-14", "L 2121-29", "R.2334-1", "article 1".
fn article_numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tok in s.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let t = tok.trim_end_matches(['.', ')']);
        let mut chars = t.chars();
        let first = chars.next();
        let is_art = matches!(first, Some('L' | 'R' | 'D'))
            && t.len() > 3
            && t[1..]
                .trim_start_matches('.')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
            && t.contains('-');
        if is_art {
            out.push(t.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts() {
        assert_eq!(citation_start("Vu le Code Général"), Some("vu"));
        assert_eq!(citation_start("Considérant que"), Some("considerant"));
        assert_eq!(citation_start("Vue la demande"), None);
    }

    #[test]
    fn refs() {
        let r = references(
            "Vu le Code Général des Collectivités Territoriales et notamment ses articles L.3121-14, L.3121-14-1, L.3211-1 et L.3211-2 ;",
        );
        assert_eq!(
            r[0],
            Reference::Code {
                name: "Code Général des Collectivités Territoriales".into(),
                articles: vec![
                    "L.3121-14".into(),
                    "L.3121-14-1".into(),
                    "L.3211-1".into(),
                    "L.3211-2".into()
                ]
            }
        );
        // Accents before the act (here OCR debris) shift the folded form:
        // the date is still read from the act on, and nothing breaks.
        let r = references("Vu éé loi n°2020-12 du 3 mai 2020 ;");
        assert_eq!(
            r.last(),
            Some(&Reference::Act {
                kind: "loi".into(),
                number: Some("2020-12".into()),
                date: Some("2020-05-03".into())
            })
        );
        let r = references(
            "Vu la délibération n°2021-257 du Conseil départemental en date du 01/07/2021 « Délégation » ;",
        );
        assert_eq!(
            r[0],
            Reference::Deliberation {
                number: Some("2021-257".into()),
                date: Some("2021-07-01".into())
            }
        );
        let r = references("Vu l'arrêté n°2019-45 du 2 janvier 2019 et le décret n° 88-145 ;");
        let kinds: Vec<_> = r
            .iter()
            .map(|x| match x {
                Reference::Act { kind, .. } => kind.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            kinds,
            ["decret", "arrete"],
            "in the order of the list of acts"
        );
        assert!(references("Vu l'avis favorable de la commission ;").is_empty());
    }
}
