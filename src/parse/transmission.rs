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
const CONVOCATION: [&str; 5] = [
    "date de la convocation",
    "date de convocation",
    "convocation du",
    "convocations du",
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

/// The labels of each kind, searched anywhere in a line at once (a
/// `contains` per label builds a substring searcher at each call).
struct LabelWords {
    prefecture: Words<12>,
    publication: Words<11>,
    convocation: Words<5>,
}

static LABEL_WORDS: std::sync::LazyLock<LabelWords> = std::sync::LazyLock::new(|| LabelWords {
    prefecture: Words::new(PREFECTURE),
    publication: Words::new(PUBLICATION),
    convocation: Words::new(CONVOCATION),
});

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
    let opens = |labels: &[&str]| {
        labels
            .iter()
            .any(|l| l.as_bytes().first().copied() == first && f.starts_with(l))
    };
    let w = &*LABEL_WORDS;
    // "Reçu le" after an "AR Préfecture" heading.
    if opens(&PREFECTURE)
        || (anywhere && w.prefecture.any_in(f))
        || (f.starts_with("recu le") && f.len() < 40)
    {
        return Some(StampKind::Prefecture);
    }
    if opens(&PUBLICATION) || (anywhere && w.publication.any_in(f)) {
        return Some(StampKind::Publication);
    }
    if opens(&CONVOCATION) || (anywhere && w.convocation.any_in(f)) {
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

/// A stamp's label alone on its line ("Date de la convocation :"), its
/// date printed below: the kind, when the line is a short label that ends
/// with a colon and holds no date.
pub fn stamp_label_alone(l: &Line) -> Option<StampKind> {
    let t = l.text.trim_end();
    if !t.ends_with(':') || t.len() > 60 {
        return None;
    }
    stamp_kind_of(l.folded).filter(|_| first_date(t).is_none())
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
    fn convocation_labels() {
        assert_eq!(
            stamp("Convocations du 7 décembre 2018"),
            Some((StampKind::Convocation, "2018-12-07".into()))
        );
        let text = "Date de la convocation :";
        let l = crate::normalize::normalize(text);
        let lines = l.lines();
        assert_eq!(stamp_label_alone(&lines[0]), Some(StampKind::Convocation));
        let with_date = crate::normalize::normalize("Date de convocation : 3 avril 2014");
        assert_eq!(stamp_label_alone(&with_date.lines()[0]), None);
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

    #[test]
    fn a_label_counts_anywhere_in_a_short_line_only() {
        let kind = |line: &str| stamp(line).map(|s| s.0);
        assert_eq!(
            kind("Acte certifié exécutoire, reçu en préfecture le 12/05/2023"),
            Some(StampKind::Prefecture)
        );
        assert_eq!(
            kind("Certifié exécutoire et affiché le 13/05/2011"),
            Some(StampKind::Publication)
        );
        assert_eq!(
            kind("Séance ordinaire, date de convocation : 06/06/2023"),
            Some(StampKind::Convocation)
        );
        // In a long line, a label counts only where the line starts.
        let long = format!("{} reçu en préfecture le 12/05/2023", "Texte ".repeat(25));
        assert_eq!(kind(&long), None);
    }
}
