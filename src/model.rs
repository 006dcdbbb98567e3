//! The output model: the JSON contract of `../shared/spec/OUTPUT.md`, version 1.
//!
//! Field names are the contract's; fields the contract does not name are
//! additions (documented here) that consumers may ignore.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema (draft 2020-12) of one output document, generated from
/// these types; `schema/greffier-output.schema.json` is this, committed.
pub fn output_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Document).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://greffier.example/schema/greffier-output.schema.json".into(),
        );
        obj.insert(
            "title".into(),
            format!("greffier output, schema_version {SCHEMA_VERSION}").into(),
        );
    }
    schema
}

/// [`output_schema`] as the committed file holds it: pretty JSON and a newline.
pub fn output_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&output_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The result for one input file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Document {
    pub schema_version: u32,
    pub source: Source,
    /// The meeting as a whole, for minutes of a sitting; `null` for a single deliberation.
    pub sitting: Option<Sitting>,
    pub deliberations: Vec<Deliberation>,
    pub other_sections: Vec<OtherSection>,
    pub diagnostics: Vec<Diagnostic>,
    /// Per label kind, the lines the lexer labelled and those a fact was
    /// read from (the unused ones are `coverage.unused` diagnostics). Not
    /// written: `--stats` sums it over a run.
    #[serde(skip)]
    #[schemars(skip)]
    pub coverage: Coverage,
}

/// The label kinds coverage counts: those that carry a fact.
pub const COVERED_KINDS: [&str; 11] = [
    "attendance",
    "counts",
    "secretary",
    "item_heading",
    "number",
    "objet",
    "citation",
    "decision",
    "article",
    "vote",
    "outcome",
];

/// Lines labelled and used, per kind of [`COVERED_KINDS`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    pub seen: [u32; COVERED_KINDS.len()],
    pub used: [u32; COVERED_KINDS.len()],
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Source {
    /// Path relative to the input root given on the command line.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`.
    pub encoding: String,
}

/// The meeting shared by every item of a procès-verbal or compte rendu.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Sitting {
    pub collectivity: Option<Collectivity>,
    pub body: Option<String>,
    pub meeting: Meeting,
    pub attendance: Attendance,
    /// The input lines the meeting and attendance were read from.
    #[serde(default)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Deliberation {
    /// Identifier as printed, without `N°` (`2023-490`).
    pub number: Option<String>,
    /// The object of the deliberation.
    pub title: Option<String>,
    pub collectivity: Option<Collectivity>,
    /// `conseil_municipal`, `commission_permanente`, … (see the contract).
    pub body: Option<String>,
    pub meeting: Meeting,
    pub transmission: Transmission,
    pub attendance: Attendance,
    pub citations: Vec<Citation>,
    pub articles: Vec<Article>,
    pub budget_lines: Vec<BudgetLine>,
    pub vote: Option<Vote>,
    /// `adopted`, `rejected`, `withdrawn`, `deferred`.
    pub outcome: Option<String>,
    pub signature: Option<Signature>,
    /// The ACTES matière greffier classes it in (an addition to the contract,
    /// for the SCDL columns DELIB_MATIERE_CODE and DELIB_MATIERE_NOM).
    #[serde(default)]
    pub matter: Option<Matter>,
    /// First and last input line.
    pub lines: [u32; 2],
    /// The input lines each part was read from.
    #[serde(default)]
    pub provenance: Provenance,
}

impl Deliberation {
    /// The text of the decision: the articles joined by `sep`.
    pub fn decision_text(&self, sep: &str) -> String {
        let texts: Vec<&str> = self.articles.iter().map(|a| a.text.as_str()).collect();
        texts.join(sep)
    }
}

/// A level-2 matière of the ACTES nomenclature.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
pub struct Matter {
    /// `7.5`.
    pub code: String,
    /// `finances locales/subventions`: level 1 and level 2 as the SCDL writes them.
    pub name: String,
    /// False when no class stood out and this is the "autres domaines de
    /// compétences" class of the collectivité (with a `matiere.uncertain`
    /// diagnostic).
    pub confident: bool,
}

/// Where each part of a deliberation (or of the sitting) was read: its
/// first and last input line (1-based), `null` for a part not found. A user
/// opens the file at these lines to check a value; a value greffier read
/// from nowhere has none.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(default)]
pub struct Provenance {
    pub number: Option<[u32; 2]>,
    pub title: Option<[u32; 2]>,
    /// The line that gives the meeting's date.
    pub meeting: Option<[u32; 2]>,
    pub secretary: Option<[u32; 2]>,
    /// The attendance labels (présents, excusés, pouvoirs, …), first to last.
    pub attendance: Option<[u32; 2]>,
    pub counts: Option<[u32; 2]>,
    pub citations: Option<[u32; 2]>,
    pub decision: Option<[u32; 2]>,
    pub articles: Option<[u32; 2]>,
    pub vote: Option<[u32; 2]>,
    pub outcome: Option<[u32; 2]>,
    pub signature: Option<[u32; 2]>,
    /// Transmission and publication stamps.
    pub stamps: Option<[u32; 2]>,
}

/// The parts [`Provenance`] locates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Number,
    Title,
    Meeting,
    Secretary,
    Attendance,
    Counts,
    Citation,
    Decision,
    Article,
    Vote,
    Outcome,
    Signature,
    Stamp,
}

impl Provenance {
    /// Widens the span of `fact` to take in `line`.
    pub fn mark(&mut self, fact: Fact, line: u32) {
        let slot = match fact {
            Fact::Number => &mut self.number,
            Fact::Title => &mut self.title,
            Fact::Meeting => &mut self.meeting,
            Fact::Secretary => &mut self.secretary,
            Fact::Attendance => &mut self.attendance,
            Fact::Counts => &mut self.counts,
            Fact::Citation => &mut self.citations,
            Fact::Decision => &mut self.decision,
            Fact::Article => &mut self.articles,
            Fact::Vote => &mut self.vote,
            Fact::Outcome => &mut self.outcome,
            Fact::Signature => &mut self.signature,
            Fact::Stamp => &mut self.stamps,
        };
        *slot = Some(match *slot {
            Some([a, b]) => [a.min(line), b.max(line)],
            None => [line, line],
        });
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Collectivity {
    /// As printed; `null` when the text names only the assembly ("le Conseil
    /// municipal"), from which the type is inferred.
    pub name: Option<String>,
    /// `commune`, `epci`, `departement`, `region`, `syndicat`, `other`.
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Meeting {
    pub date: Option<String>,
    pub place: Option<String>,
    pub president: Option<Person>,
    pub secretary: Option<Person>,
    pub convocation_date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Transmission {
    pub prefecture_date: Option<String>,
    pub publication_date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Attendance {
    pub present: Vec<Person>,
    pub excused: Vec<Person>,
    pub absent: Vec<Person>,
    pub proxies: Vec<Proxy>,
    pub non_voting_present: Vec<Person>,
    pub non_voting_excused: Vec<Person>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Proxy {
    pub from: Person,
    pub to: Person,
    /// Addition: a time limit as printed ("à partir de 11 H 00").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub when: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Counts {
    pub in_office: Option<u32>,
    pub present: Option<u32>,
    pub voting: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
pub struct Person {
    /// The name as printed, whitespace-normalised.
    pub text: String,
    /// `M.` or `Mme`.
    pub civility: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Citation {
    pub text: String,
    /// Addition: `vu` or `considerant`.
    pub kind: String,
    /// Addition: what the citation refers to (codes, articles, deliberations).
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reference {
    /// A code ("Code Général des Collectivités Territoriales") and the articles cited.
    Code { name: String, articles: Vec<String> },
    /// Another deliberation, by number and date.
    Deliberation {
        number: Option<String>,
        date: Option<String>,
    },
    /// A law or decree ("loi n° 2023-175 du 10 mars 2023").
    Act {
        kind: String,
        number: Option<String>,
        date: Option<String>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Article {
    /// As printed ("1", "1er" → "1"); `null` for an unnumbered decision.
    pub number: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct BudgetLine {
    pub operation_code: Option<String>,
    pub imputation: Option<String>,
    pub label: Option<String>,
    /// Numeric column header (as printed) → amount in euros.
    pub amounts: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Vote {
    #[serde(rename = "for")]
    pub for_: Option<u32>,
    pub against: Option<u32>,
    pub abstention: Option<u32>,
    pub not_voting: Option<u32>,
    pub absent_without_proxy: Option<u32>,
    pub unanimous: bool,
    pub for_groups: Vec<String>,
    pub against_groups: Vec<String>,
    pub abstention_groups: Vec<String>,
    pub against_names: Vec<Person>,
    pub abstention_names: Vec<Person>,
    /// Addition: members named as voting for.
    #[serde(default)]
    pub for_names: Vec<Person>,
    /// Addition: members named as not taking part in the vote.
    #[serde(default)]
    pub not_voting_names: Vec<Person>,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Signature {
    pub place: Option<String>,
    pub date: Option<String>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Signatory {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct OtherSection {
    /// `rapport`, `annexe`, `courrier`, `proces_verbal_preamble`, `other`.
    pub kind: String,
    pub title: Option<String>,
    pub lines: [u32; 2],
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Diagnostic {
    /// `warning` or `error`.
    pub severity: String,
    /// Stable dotted identifier, e.g. `vote.sum_mismatch`.
    pub code: String,
    pub message: String,
    /// Input line, 1-based.
    pub line: Option<u32>,
}

impl Diagnostic {
    pub fn warning(code: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: "warning".into(),
            code: code.into(),
            message: message.into(),
            line,
        }
    }
}
