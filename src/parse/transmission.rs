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
use super::trivia::{folded, folded_head};
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

/// The labels of each kind of stamp.
const LABEL_LISTS: [(&[&str], StampKind); 3] = [
    (&PREFECTURE, StampKind::Prefecture),
    (&PUBLICATION, StampKind::Publication),
    (&CONVOCATION, StampKind::Convocation),
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

fn has_anchor(f: &str) -> bool {
    static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 9]> =
        std::sync::LazyLock::new(|| ANCHORS.map(memchr::memmem::Finder::new));
    FINDERS.iter().any(|a| a.find(f.as_bytes()).is_some())
}

/// Recognises a stamp at the start of a line (or inside a short line) and
/// returns its kind and the label's end offset in the folded line.
pub fn stamp_kind(line: &str) -> Option<StampKind> {
    // Labels are searched anywhere only in short lines; elsewhere at the start.
    stamp_kind_of(&folded(line))
}

/// The stamp label of a line from its folded form. Labels are searched
/// anywhere only in short lines; elsewhere at the start.
fn stamp_kind_of(f: &str) -> Option<StampKind> {
    let (head, cut) = folded_head(f, 160);
    stamp_kind_in(head, cut)
}

/// The stamp label in the folded start of a line.
fn stamp_kind_in(f: &str, cut: bool) -> Option<StampKind> {
    let f = f.trim_start_matches(['-', ' ', '*']);
    let short = !cut && f.len() < 120;
    // Every label of the three lists, searched at once; a label counts when
    // it starts the line, or anywhere in a short line.
    static LABELS: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<StampKind>)> =
        std::sync::LazyLock::new(|| {
            let kinds = LABEL_LISTS
                .iter()
                .flat_map(|(labels, kind)| labels.iter().map(|_| *kind))
                .collect();
            let labels = LABEL_LISTS.iter().flat_map(|(labels, _)| labels.iter());
            let automaton = aho_corasick::AhoCorasick::new(labels).expect("plain labels");
            (automaton, kinds)
        });
    let (automaton, kinds) = &*LABELS;
    let mut found = [false; 3];
    if short {
        if has_anchor(f) {
            for m in automaton.find_overlapping_iter(f) {
                found[kinds[m.pattern().as_usize()] as usize] = true;
            }
        }
    } else {
        // In a long line only a label that starts it counts.
        for (labels, kind) in LABEL_LISTS {
            found[kind as usize] = labels.iter().any(|l| f.starts_with(l));
        }
    }
    // "Reçu le" after an "AR Préfecture" heading.
    if found[StampKind::Prefecture as usize] || (f.starts_with("recu le") && f.len() < 40) {
        return Some(StampKind::Prefecture);
    }
    if found[StampKind::Publication as usize] {
        return Some(StampKind::Publication);
    }
    if found[StampKind::Convocation as usize] {
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
        for (labels, _) in LABEL_LISTS {
            for label in labels {
                assert!(ANCHORS.iter().any(|a| label.contains(a)), "{label}");
            }
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
