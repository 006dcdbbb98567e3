//! Transmission and publication stamps.
//!
//! ```text
//! stamp        = prefecture_label [":"] date | publication_label [":"] date
//! prefecture_label = "Envoi au contrôle de légalité le" | "Reçu en préfecture le"
//!                  | "Transmis au représentant de l'État le" | "Accusé de réception … le"
//!                  | "Réception en Préfecture" | "Date de télétransmission" | "Envoi Préfecture"
//!                  | "Reçu par le représentant de l'Etat le" | "AR Prefecture … Reçu le"
//! publication_label = "Publication électronique le" | "Affiché le" | "Publié(e) le"
//!                  | "Mis en ligne le" | "Date de l'affichage" | "Date de mise en ligne de l'acte"
//!                  | "Affichage le"
//! ```
//! Example: `Envoi au contrôle de légalité le : 6 décembre 2023`.

use super::dates::first_date;
use super::trivia::{Words, folded, folded_head};
use crate::normalize::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    Prefecture,
    Publication,
    Convocation,
}

const PREFECTURE: [&str; 12] = [
    "envoi au controle de legalite",
    "recu en prefecture",
    "transmis au representant de l'etat",
    "transmis en prefecture",
    "transmise en prefecture",
    "reception en prefecture",
    "date de teletransmission",
    "envoi prefecture",
    "recu par le representant de l'etat",
    "accuse de reception",
    "date de reception prefecture",
    "depose en prefecture",
];
const PUBLICATION: [&str; 11] = [
    "publication electronique",
    "affiche le",
    "affichee le",
    "publie le",
    "publiee le",
    "mis en ligne le",
    "date de l'affichage",
    "date d'affichage",
    "date de mise en ligne",
    "affichage le",
    "date de publication",
];
const CONVOCATION: [&str; 4] = [
    "date de la convocation",
    "date de convocation",
    "convocation du",
    "convoque le",
];

/// Words of which every label holds one (a test checks it): a short line
/// with none of them holds no label, and is not searched for one.
const ANCHORS: [&str; 9] = [
    "prefecture",
    "legalite",
    "representant",
    "transmission",
    "reception",
    "publi",
    "affich",
    "en ligne",
    "convo",
];

static ANCHOR_WORDS: std::sync::LazyLock<Words<9>> =
    std::sync::LazyLock::new(|| Words::new(ANCHORS));

/// The stamp label of a line from its folded form: a label counts when it
/// starts the line, or anywhere in a short line.
fn stamp_kind_of(f: &str) -> Option<StampKind> {
    let (f, cut) = folded_head(f, 160);
    let f = f.trim_start_matches(['-', ' ', '*']);
    let anywhere = !cut && f.len() < 120 && ANCHOR_WORDS.any_in(f);
    // Asked of every line: a label is compared only when it starts with the
    // line's first byte (a comparison of bytes, where `starts_with` is a
    // call to compare memory).
    let first = f.as_bytes().first().copied();
    let holds = |labels: &[&str]| {
        labels.iter().any(|l| {
            (l.as_bytes().first().copied() == first && f.starts_with(l))
                || (anywhere && f.contains(l))
        })
    };
    // "Reçu le" after an "AR Préfecture" heading.
    if holds(&PREFECTURE) || (f.starts_with("recu le") && f.len() < 40) {
        return Some(StampKind::Prefecture);
    }
    if holds(&PUBLICATION) {
        return Some(StampKind::Publication);
    }
    if holds(&CONVOCATION) {
        return Some(StampKind::Convocation);
    }
    None
}

/// A stamp and its date, when the line holds both.
pub fn stamp(line: &str) -> Option<(StampKind, String)> {
    stamp_of(line, &folded(line))
}

/// [`stamp`] of a normalised line, its label read from the folded form.
pub fn stamp_line(l: &Line) -> Option<(StampKind, String)> {
    stamp_of(l.text, l.folded)
}

/// The stamp of a line `text` whose folded form is `f`.
fn stamp_of(text: &str, f: &str) -> Option<(StampKind, String)> {
    let kind = stamp_kind_of(f)?;
    let date = first_date(text)?;
    Some((kind, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_holds_an_anchor() {
        for label in PREFECTURE.iter().chain(&PUBLICATION).chain(&CONVOCATION) {
            assert!(ANCHORS.iter().any(|a| label.contains(a)), "{label}");
        }
    }

    #[test]
    fn seeds_stamps() {
        assert_eq!(
            stamp("Envoi au contrôle de légalité le : 6 décembre 2023"),
            Some((StampKind::Prefecture, "2023-12-06".into()))
        );
        assert_eq!(
            stamp("Publication électronique le : 3 novembre 2022"),
            Some((StampKind::Publication, "2022-11-03".into()))
        );
    }

    #[test]
    fn other_stamps() {
        assert_eq!(
            stamp("Réception en Préfecture : 08/04/2014").map(|s| s.0),
            Some(StampKind::Prefecture)
        );
        assert_eq!(
            stamp("Affiché le 13/05/2011").map(|s| s.0),
            Some(StampKind::Publication)
        );
        assert_eq!(
            stamp("Date de la convocation : 06/06/2023").map(|s| s.0),
            Some(StampKind::Convocation)
        );
        // "Reçu le" alone, under an "AR Préfecture" heading.
        assert_eq!(
            stamp("Reçu le 08/04/2014").map(|s| s.0),
            Some(StampKind::Prefecture)
        );
        assert_eq!(stamp("Vu le code"), None);
    }
}
