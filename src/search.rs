//! Search-index output: one flat document per deliberation, for
//! OpenSearch/Elasticsearch (`_bulk`), Meilisearch or PostgreSQL full text.
//!
//! The nested contract is the source of truth; this stage flattens it into
//! the fields a search engine indexes and filters on.

use serde::Serialize;

use crate::model::{Deliberation, Document, Person};

/// One deliberation, flat.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc {
    /// Stable across runs: the source path and the deliberation number (or
    /// its position in the file when it has none), `a/b.txt#2023-490`.
    pub id: String,
    pub source_path: String,
    pub source_sha256: String,
    pub number: Option<String>,
    pub title: Option<String>,
    pub collectivity: Option<String>,
    pub collectivity_type: Option<String>,
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    pub prefecture_date: Option<String>,
    pub publication_date: Option<String>,
    /// The citations ("Vu …", "Considérant …"), one per line.
    pub citations: String,
    /// The decision: the articles, one per line.
    pub decision: String,
    pub vote_for: Option<u32>,
    pub vote_against: Option<u32>,
    pub vote_abstention: Option<u32>,
    pub unanimous: bool,
    pub outcome: Option<String>,
    /// The names of the members present, as printed.
    pub present: Vec<String>,
    /// Every amount of the budget lines.
    pub amounts: Vec<f64>,
}

fn names(people: &[Person]) -> Vec<String> {
    people.iter().map(|p| p.text.clone()).collect()
}

fn flatten(doc: &Document, k: usize, d: &Deliberation) -> SearchDoc {
    let key = d.number.clone().unwrap_or_else(|| (k + 1).to_string());
    let vote = d.vote.as_ref();
    SearchDoc {
        id: format!("{}#{key}", doc.source.path),
        source_path: doc.source.path.clone(),
        source_sha256: doc.source.sha256.clone(),
        number: d.number.clone(),
        title: d.title.clone(),
        collectivity: d.collectivity.as_ref().and_then(|c| c.name.clone()),
        collectivity_type: d.collectivity.as_ref().map(|c| c.kind.clone()),
        body: d.body.clone(),
        meeting_date: d.meeting.date.clone(),
        prefecture_date: d.transmission.prefecture_date.clone(),
        publication_date: d.transmission.publication_date.clone(),
        citations: d
            .citations
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        decision: d.decision_text("\n"),
        vote_for: vote.and_then(|v| v.for_),
        vote_against: vote.and_then(|v| v.against),
        vote_abstention: vote.and_then(|v| v.abstention),
        unanimous: vote.is_some_and(|v| v.unanimous),
        outcome: d.outcome.clone(),
        present: names(&d.attendance.present),
        amounts: d
            .budget_lines
            .iter()
            .flat_map(|b| b.amounts.values().copied())
            .collect(),
    }
}

/// The search documents of a file, one per deliberation. Two deliberations
/// of one file with the same number get `#number`, `#number-2`, … so that
/// ids stay unique.
pub fn search_docs(doc: &Document) -> Vec<SearchDoc> {
    let mut seen = std::collections::HashMap::new();
    doc.deliberations
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let mut s = flatten(doc, k, d);
            let n = seen.entry(s.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                s.id = format!("{}-{n}", s.id);
            }
            s
        })
        .collect()
}

/// Writes a file's search documents as JSON lines; with `bulk_index`, each
/// is preceded by its Elasticsearch/OpenSearch `_bulk` action line.
pub fn write_search(
    doc: &Document,
    bulk_index: Option<&str>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for s in search_docs(doc) {
        if let Some(index) = bulk_index {
            let action = serde_json::json!({"index": {"_index": index, "_id": s.id}});
            serde_json::to_writer(&mut *out, &action)?;
            out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut *out, &s)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_unique() {
        let text = "COMMUNE DE X\nSéance du 12 mai 2023\nPrésents : M. Jean DUPONT, Mme Anne MARTIN\n\nDélibération n° 2023-01\nObjet : Subvention aux collèges\n\nVu le code ;\n\nArticle 1 : attribue 1 000 € au collège.\n\nPour : 2\n";
        let doc = crate::parse_bytes("a/b.txt", text.as_bytes());
        let s = search_docs(&doc);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "a/b.txt#2023-01");
        assert_eq!(s[0].present, ["M. Jean DUPONT", "Mme Anne MARTIN"]);
        assert!(s[0].decision.contains("collège"));
        assert_eq!(s[0].vote_for, Some(2));
        let mut out = Vec::new();
        write_search(&doc, Some("deliberations"), &mut out).unwrap();
        let lines: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains(r#""_id":"a/b.txt#2023-01""#));
    }
}
