//! Classification of a deliberation into the level-2 matières of the ACTES
//! nomenclature (`7.5 finances locales/subventions`), for the SCDL
//! DELIB_MATIERE_CODE and DELIB_MATIERE_NOM columns.
//!
//! The rules are data, `data/actes-matieres.toml`, compiled into the binary:
//! keywords per matière, matched on whole words of the folded title and
//! decision. The header of that file explains the scoring.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Deserialize;
use std::sync::LazyLock;

use crate::model::{Deliberation, Diagnostic, Matter};
use crate::parse::trivia::folded;

/// The rules as written in the repository.
const RULES: &str = include_str!("../data/actes-matieres.toml");

/// A title keyword weighs this much more than a decision keyword.
const TITLE_WEIGHT: u32 = 3;
/// The least score that makes a class confident.
const CONFIDENT: u32 = 3;

#[derive(Debug, Deserialize)]
struct RuleFile {
    matiere: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    code: String,
    name: String,
    keywords: Vec<String>,
    #[serde(default = "one")]
    weight: u32,
}

fn one() -> u32 {
    1
}

/// One keyword of the automaton: its rule, and whether it matches any ending.
struct Keyword {
    rule: usize,
    prefix: bool,
}

struct Classifier {
    rules: Vec<Rule>,
    keywords: Vec<Keyword>,
    automaton: AhoCorasick,
}

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| {
    // The file is part of the source: a mistake in it fails every test.
    let file: RuleFile = toml::from_str(RULES).expect("data/actes-matieres.toml is valid");
    let mut patterns = Vec::new();
    let mut keywords = Vec::new();
    for (rule, r) in file.matiere.iter().enumerate() {
        for k in &r.keywords {
            let prefix = k.ends_with('*');
            patterns.push(fold_text(k.trim_end_matches('*')));
            keywords.push(Keyword { rule, prefix });
        }
    }
    // Overlapping search gets no prefilter: a DFA reads each byte with one
    // table lookup, where the default NFA follows failure links.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("keywords build an automaton");
    Classifier {
        rules: file.matiere,
        keywords,
        automaton,
    }
});

/// Lower case, no accents, "œ" spelled out, blanks collapsed.
fn fold_text(s: &str) -> String {
    let f = folded(s);
    // `replace` copies the whole text: only when there is an "œ".
    if f.contains('œ') {
        f.replace('œ', "oe")
    } else {
        f
    }
}

/// Every level-2 matière: (code, name).
pub fn nomenclature() -> impl Iterator<Item = (&'static str, &'static str)> {
    CLASSIFIER
        .rules
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
}

/// The keywords of `text` (folded) that match on word boundaries, as
/// indexes into `keywords`, each once.
fn hits(c: &Classifier, text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found: Vec<usize> = Vec::new();
    for m in c.automaton.find_overlapping_iter(text) {
        let k = m.pattern().as_usize();
        let starts_word = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
        let ends_word = c.keywords[k].prefix || {
            // A plural ending is part of the word.
            let mut end = m.end();
            if matches!(bytes.get(end), Some(b's' | b'x')) {
                end += 1;
            }
            bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
        };
        if starts_word && ends_word && !found.contains(&k) {
            found.push(k);
        }
    }
    found
}

/// The "other competences" class of a collectivité type.
fn fallback_code(collectivity_type: Option<&str>) -> &'static str {
    match collectivity_type {
        Some("departement") => "9.2",
        Some("region") => "9.3",
        _ => "9.1",
    }
}

/// Classifies from a title and a decision text.
pub fn classify(title: &str, decision: &str, collectivity_type: Option<&str>) -> Matter {
    let c = &*CLASSIFIER;
    let mut scores = vec![0u32; c.rules.len()];
    for k in hits(c, &fold_text(title)) {
        let rule = c.keywords[k].rule;
        scores[rule] += TITLE_WEIGHT * c.rules[rule].weight;
    }
    for k in hits(c, &fold_text(decision)) {
        let rule = c.keywords[k].rule;
        scores[rule] += c.rules[rule].weight;
    }
    let mut ranked: Vec<(usize, u32)> = scores.into_iter().enumerate().collect();
    // Highest score first; the nomenclature order breaks ties.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, score) = ranked[0];
    let runner_up = ranked.get(1).map_or(0, |r| r.1);
    if score >= CONFIDENT && score > runner_up {
        let r = &c.rules[best];
        return Matter {
            code: r.code.clone(),
            name: r.name.clone(),
            confident: true,
        };
    }
    let code = fallback_code(collectivity_type);
    let name = c
        .rules
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    Matter {
        code: code.to_string(),
        name,
        confident: false,
    }
}

/// Classifies every deliberation of a document; an unsure class gets a
/// `matiere.uncertain` diagnostic.
pub fn classify_all(deliberations: &mut [Deliberation], diagnostics: &mut Vec<Diagnostic>) {
    for d in deliberations {
        let decision = d.decision_text("\n");
        let kind = d.collectivity.as_ref().map(|c| c.kind.as_str());
        let matter = classify(d.title.as_deref().unwrap_or(""), &decision, kind);
        if !matter.confident {
            diagnostics.push(Diagnostic::warning(
                "matiere.uncertain",
                Some(d.lines[0]),
                format!(
                    "no ACTES matière stands out for {}; classed {} {}",
                    d.number.as_deref().unwrap_or("this deliberation"),
                    matter.code,
                    matter.name
                ),
            ));
        }
        d.matter = Some(matter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(title: &str, decision: &str) -> (String, bool) {
        let m = classify(title, decision, Some("commune"));
        (m.code, m.confident)
    }

    #[test]
    fn the_rules_cover_the_whole_nomenclature() {
        // The ranges the SCDL schema gives: 1.1–1.7, 2.1–2.3, 3.1–3.6,
        // 4.1–4.5, 5.1–5.8, 6.1–6.5, 7.1–7.10, 8.1–8.9, 9.1–9.4, in order.
        let codes: Vec<&str> = nomenclature().map(|(c, _)| c).collect();
        let expected: Vec<String> = [7, 3, 6, 5, 8, 5, 10, 9, 4]
            .iter()
            .enumerate()
            .flat_map(|(i, n)| (1..=*n).map(move |j| format!("{}.{j}", i + 1)))
            .collect();
        assert_eq!(codes, expected);
        // Names as the SCDL schema wants them: level 1 "/" level 2, lower
        // case, no comma, no parenthesis.
        for (_, name) in nomenclature() {
            assert_eq!(name.matches('/').count(), 1, "{name}");
            assert!(!name.contains([',', '(', ')']), "{name}");
            assert_eq!(name, name.to_lowercase(), "{name}");
        }
    }

    #[test]
    fn real_titles() {
        let seed =
            "SUBVENTION DE FONCTIONNEMENT - ATELIER CANOPE D'ARRAS - ANNÉE SCOLAIRE 2023 / 2024";
        assert_eq!(
            code(seed, "D'attribuer une subvention de fonctionnement"),
            ("7.5".into(), true)
        );
        let seed = "FINANCEMENT D'UN ÉQUIPEMENT NUMÉRIQUE (VISIOCONFÉRENCE OU KIT STUDIO VIDÉO) DANS LES COLLÈGES PUBLICS DU PAS-DE-CALAIS";
        assert_eq!(code(seed, "").0, "8.1");
        assert_eq!(
            code("Vote du budget primitif 2024 de la commune,", "").0,
            "7.1"
        );
        assert_eq!(
            code("Taux d'imposition des taxes directes locales 2024,", "").0,
            "7.2"
        );
        assert_eq!(code("Élection des adjoints", "").0, "5.1");
        assert_eq!(code("Désignation d'un correspondant défense,", "").0, "5.3");
        assert_eq!(
            code(
                "Délibération emploi non permanent accroissement temporaire d'activité",
                ""
            )
            .0,
            "4.2"
        );
        assert_eq!(
            code(
                ". DELIBERATION RELATIVE AU VERSEMENT D'UN FONDS DE CONCOURS A LA CDC DU",
                ""
            )
            .0,
            "7.8"
        );
        assert_eq!(code("Tarifs restauration scolaire 2025/2026", "").0, "8.1");
        assert_eq!(
            code(
                "Redevance d'occupation du domaine public électricité 2025",
                ""
            )
            .0,
            "3.5"
        );
        assert_eq!(code("Mise en place du compostage collectif", "").0, "8.8");
        assert_eq!(
            code(
                "Aides directes aux entreprises – Création reprise d'entreprise – MOCO",
                ""
            )
            .0,
            "7.4"
        );
        assert_eq!(
            code(
                "Approbation des statuts du SMOA et transfert de la compétence GEMA au",
                ""
            )
            .0,
            "5.7"
        );
    }

    #[test]
    fn whole_words_only() {
        // "tri" is not in "attribution", "ecole" not in "ecologique".
        assert_eq!(code("Attribution du marché de travaux", "").0, "1.1");
        assert_eq!(code("Transition écologique", ""), ("8.8".into(), true));
        assert!(!code("Mobilier de l'écologie", "").1);
    }

    #[test]
    fn nothing_recognisable_is_unsure_and_falls_back_by_collectivity() {
        let m = classify("Questions sans objet", "", Some("departement"));
        assert_eq!((m.code.as_str(), m.confident), ("9.2", false));
        assert_eq!(
            m.name,
            "autres domaines de compétences/autres domaines de compétences des départements"
        );
        assert_eq!(classify("", "", Some("region")).code, "9.3");
        assert_eq!(classify("", "", None).code, "9.1");
    }
}
