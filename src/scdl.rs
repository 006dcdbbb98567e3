//! SCDL "Délibérations" 2.1.5 CSV: one row per deliberation, the columns of
//! `schema/scdl/deliberations-2.1.5.schema.json` in its order.
//!
//! What the text gives comes from the [`Document`]; what it never gives
//! (the SIRET, the préfecture's identifier, the address of the PDF) comes
//! from the user, for a whole run or per collectivité ([`Publishers`]).
//! A row is written even when it cannot be valid; [`Row::missing`] says why,
//! so the caller can name it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use crate::model::{Attendance, Deliberation, Document, Person};
use crate::parse::trivia::{capitalised, clean, folded};

/// The columns, in the schema's order.
pub const COLUMNS: [&str; 17] = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
];

/// One CSV row; field order is column order.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct Row {
    pub coll_nom: String,
    pub coll_siret: String,
    pub delib_id: String,
    pub delib_date: String,
    pub delib_matiere_code: String,
    pub delib_matiere_nom: String,
    pub delib_objet: String,
    pub budget_annee: Option<String>,
    pub budget_nom: Option<String>,
    pub pref_id: Option<String>,
    pub pref_date: Option<String>,
    pub vote_effectif: Option<u32>,
    pub vote_reel: Option<u32>,
    pub vote_pour: Option<u32>,
    pub vote_contre: Option<u32>,
    pub vote_abstention: Option<u32>,
    pub delib_url: Option<String>,
    /// Required columns left empty (the row is invalid), for the caller to name.
    #[serde(skip)]
    pub missing: Vec<&'static str>,
    /// Optional values the text gave but the row leaves out, and why.
    #[serde(skip)]
    pub dropped: Vec<String>,
    /// First input line of the deliberation.
    #[serde(skip)]
    pub line: u32,
}

/// What the user tells about one collectivité.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publisher {
    /// The official name (COLL_NOM), when it differs from the printed one.
    pub official_name: Option<String>,
    pub siret: Option<String>,
    pub pref_id: Option<String>,
    /// DELIB_URL with placeholders, see [`URL_PLACEHOLDERS`].
    pub url_template: Option<String>,
}

impl Publisher {
    /// This, with the gaps filled from `run`.
    fn or(&self, run: &Publisher) -> Publisher {
        Publisher {
            official_name: self.official_name.clone().or(run.official_name.clone()),
            siret: self.siret.clone().or(run.siret.clone()),
            pref_id: self.pref_id.clone().or(run.pref_id.clone()),
            url_template: self.url_template.clone().or(run.url_template.clone()),
        }
    }
}

/// The placeholders of a URL template.
pub const URL_PLACEHOLDERS: [&str; 5] = ["{number}", "{file}", "{path}", "{date}", "{siret}"];

/// The run-wide publisher and the per-collectivité ones of a mapping file.
#[derive(Debug, Clone, Default)]
pub struct Publishers {
    pub run: Publisher,
    /// Keyed by the folded name as printed.
    by_name: HashMap<String, Publisher>,
}

/// Whether a SIRET has 14 digits and the check digits INSEE gives it (Luhn
/// on the SIREN and on the whole; La Poste's establishments use a sum of
/// digits that is a multiple of 5).
pub fn siret_is_valid(siret: &str) -> bool {
    if siret.len() != 14 || !siret.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if siret.starts_with("356000000") && siret != "35600000000048" {
        return siret.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0;
    }
    luhn::valid(&siret[..9]) && luhn::valid(siret)
}

/// `PREFNNN`, `SPREFNNNM` or `SGARNNN`, NNN a département (`062`, `02A`, `974`).
pub fn pref_id_is_valid(id: &str) -> bool {
    static PREF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:PREF|SGAR)\d\d[\dAB]|SPREF\d\d[\dAB]\d)$").expect("valid regex")
    });
    PREF.is_match(id)
}

/// Checks a URL template: known placeholders only.
pub fn check_url_template(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("URL template {template:?}: '{{' without '}}'"))?;
        let placeholder = &rest[open..open + close + 1];
        if !URL_PLACEHOLDERS.contains(&placeholder) {
            return Err(format!(
                "URL template {template:?}: unknown placeholder {placeholder} (known: {})",
                URL_PLACEHOLDERS.join(" ")
            ));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// Columns of the mapping file.
#[derive(Debug, serde::Deserialize)]
struct MappingRecord {
    name: String,
    #[serde(default)]
    siret: Option<String>,
    #[serde(default)]
    pref_id: Option<String>,
    #[serde(default)]
    url_template: Option<String>,
    #[serde(default)]
    official_name: Option<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl Publishers {
    /// Reads a mapping file: CSV with a header `name,siret,pref_id,url_template`
    /// and optionally `official_name`; `name` as printed in the texts (case
    /// and accents do not matter). Errors name the file and the line.
    pub fn load(path: &Path, run: Publisher) -> Result<Publishers, String> {
        let at = |line: u64, what: String| format!("{}:{line}: {what}", path.display());
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let headers = reader.headers().map_err(|e| at(1, e.to_string()))?.clone();
        let mut by_name = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            let line = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(at(line, e.to_string())),
            }
            let line = record.position().map_or(line, |p| p.line());
            let r: MappingRecord = record
                .deserialize(Some(&headers))
                .map_err(|e| at(line, e.to_string()))?;
            let publisher = Publisher {
                official_name: non_empty(r.official_name),
                siret: non_empty(r.siret),
                pref_id: non_empty(r.pref_id),
                url_template: non_empty(r.url_template),
            };
            if let Some(s) = &publisher.siret
                && !siret_is_valid(s)
            {
                return Err(at(
                    line,
                    format!("SIRET {s:?} is not 14 digits with a valid check digit"),
                ));
            }
            if let Some(t) = &publisher.url_template {
                check_url_template(t).map_err(|e| at(line, e))?;
            }
            if by_name.insert(folded(&r.name), publisher).is_some() {
                return Err(at(line, format!("{:?} is listed twice", r.name)));
            }
        }
        Ok(Publishers { run, by_name })
    }

    /// Only run-wide values.
    pub fn run_wide(run: Publisher) -> Publishers {
        Publishers {
            run,
            by_name: HashMap::new(),
        }
    }

    /// What is known of the collectivité printed as `name`.
    pub fn lookup(&self, name: Option<&str>) -> Publisher {
        name.and_then(|n| self.by_name.get(&folded(n)))
            .map_or_else(|| self.run.clone(), |p| p.or(&self.run))
    }
}

/// Characters kept as they are in a substituted URL value: RFC 3986's unreserved.
const URL_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// A path value also keeps its slashes.
const URL_PATH: &AsciiSet = &URL_VALUE.remove(b'/');

fn fill_url(template: &str, doc: &Document, d: &Deliberation, siret: &str) -> String {
    let path = Path::new(&doc.source.path);
    let without_ext = path.with_extension("");
    let value = |s: &str| utf8_percent_encode(s, URL_VALUE).to_string();
    template
        .replace("{number}", &value(d.number.as_deref().unwrap_or("")))
        .replace(
            "{file}",
            &value(
                &without_ext
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy(),
            ),
        )
        .replace(
            "{path}",
            &utf8_percent_encode(&without_ext.to_string_lossy(), URL_PATH).to_string(),
        )
        .replace("{date}", &value(d.meeting.date.as_deref().unwrap_or("")))
        .replace("{siret}", siret)
}

/// "année scolaire 2023 / 2024", "2025/2026" → `2023/2024`; "budget primitif
/// 2024", "exercice 2021" → `2024`. The title first, then the decision.
pub fn budget_year(title: &str, decision: &str) -> Option<String> {
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b((?:19|20)\d\d) ?[/-] ?((?:19|20)\d\d)\b").expect("valid regex")
    });
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:budgets?|exercices?|bp|compte administratif|compte de gestion|compte financier unique)(?: [a-z'-]+){0,3}[ ,:-]+((?:19|20)\d\d)\b",
        )
        .expect("valid regex")
    });
    for text in [title, decision] {
        let f = folded(text);
        for c in SPAN.captures_iter(&f) {
            let (a, b) = (&c[1], &c[2]);
            if b.parse::<u32>().ok() == a.parse::<u32>().ok().map(|a| a + 1) {
                return Some(format!("{a}/{b}"));
            }
        }
        if let Some(c) = YEAR.captures(&f) {
            return Some(c[1].to_string());
        }
    }
    None
}

/// The budget a decision is charged to, as printed: "budget principal",
/// "budget annexe assainissement", "le budget départemental".
pub fn budget_name(title: &str, decision: &str) -> Option<String> {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bbudget (principal|g[ée]n[ée]ral|d[ée]partemental|communal|r[ée]gional|communautaire|annexe(?: n° ?\d+)?(?:[ :–-]+[\p{L}'’ ]{2,50}\p{L})?)",
        )
        .expect("valid regex")
    });
    for text in [title, decision] {
        if let Some(c) = NAME.captures(text) {
            return Some(capitalised(&clean(&c[0])));
        }
    }
    None
}

/// The members the attendance names: present, excused, absent, and the
/// givers of proxies that no list names.
fn listed_members(a: &Attendance) -> u32 {
    let named = |p: &Person| folded(p.family_name.as_deref().unwrap_or(&p.text));
    let away: Vec<String> = a.excused.iter().chain(&a.absent).map(named).collect();
    let givers = a
        .proxies
        .iter()
        .filter(|p| !away.contains(&named(&p.from)))
        .count();
    (a.present.len() + a.excused.len() + a.absent.len() + givers) as u32
}

/// VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION, all or
/// none (the schema's rule), with REEL the sum of the three votes and
/// EFFECTIF at least REEL. EFFECTIF is the members in office as printed,
/// else the members the attendance lists name (present, excused, absent).
fn vote_columns(d: &Deliberation) -> Result<Option<[u32; 5]>, String> {
    let Some(v) = &d.vote else { return Ok(None) };
    let counts = &d.attendance.counts;
    let a = &d.attendance;
    let against = v.against.unwrap_or(0);
    let abstention = v.abstention.unwrap_or(0);
    let listed = listed_members(&d.attendance);
    let for_ = match v.for_ {
        Some(n) => n,
        None if v.unanimous => {
            // Unanimity of the members voting: printed, or present plus represented.
            let voting = counts.voting.or_else(|| {
                (!a.present.is_empty()).then(|| (a.present.len() + a.proxies.len()) as u32)
            });
            match voting.and_then(|n| n.checked_sub(against + abstention)) {
                Some(n) => n,
                None => return Ok(None),
            }
        }
        None => return Ok(None),
    };
    let real = for_ + against + abstention;
    let in_office = counts.in_office.or((listed > 0).then_some(listed));
    match in_office {
        Some(n) if n >= real => Ok(Some([n, real, for_, against, abstention])),
        Some(n) => Err(format!(
            "vote counts left out: {real} votes for {n} members in office"
        )),
        None => Err("vote counts left out: the number of members in office is unknown".into()),
    }
}

/// The rows of one document.
pub fn rows(doc: &Document, publishers: &Publishers) -> Vec<Row> {
    doc.deliberations
        .iter()
        .map(|d| row(doc, d, publishers))
        .collect()
}

fn row(doc: &Document, d: &Deliberation, publishers: &Publishers) -> Row {
    let printed = d
        .collectivity
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .or_else(|| {
            doc.sitting
                .as_ref()
                .and_then(|s| s.collectivity.as_ref())
                .and_then(|c| c.name.as_deref())
        });
    let publisher = publishers.lookup(printed);
    let decision = d.decision_text("\n");
    let title = d.title.as_deref().unwrap_or("");
    let mut row = Row {
        coll_nom: publisher
            .official_name
            .clone()
            .or(printed.map(str::to_string))
            .unwrap_or_default(),
        coll_siret: publisher.siret.clone().unwrap_or_default(),
        delib_id: d.number.clone().unwrap_or_default(),
        delib_date: d.meeting.date.clone().unwrap_or_default(),
        delib_objet: title.to_string(),
        pref_id: publisher.pref_id.clone(),
        line: d.lines[0],
        ..Row::default()
    };
    if let Some(m) = &d.matter {
        row.delib_matiere_code = m.code.clone();
        row.delib_matiere_nom = m.name.clone();
    }
    // The schema wants both or neither.
    match (budget_year(title, &decision), budget_name(title, &decision)) {
        (Some(year), Some(name)) => {
            row.budget_annee = Some(year);
            row.budget_nom = Some(name);
        }
        (Some(year), None) => row.dropped.push(format!(
            "BUDGET_ANNEE {year} left out: the text names no budget"
        )),
        _ => {}
    }
    if let Some(pref) = &d.transmission.prefecture_date {
        // ISO dates compare as text.
        if row.delib_date.is_empty() || pref.as_str() >= row.delib_date.as_str() {
            row.pref_date = Some(pref.clone());
        } else {
            row.dropped.push(format!(
                "PREF_DATE {pref} left out: before the meeting ({})",
                row.delib_date
            ));
        }
    }
    match vote_columns(d) {
        Ok(Some([effectif, real, for_, against, abstention])) => {
            row.vote_effectif = Some(effectif);
            row.vote_reel = Some(real);
            row.vote_pour = Some(for_);
            row.vote_contre = Some(against);
            row.vote_abstention = Some(abstention);
        }
        Ok(None) => {}
        Err(why) => row.dropped.push(why),
    }
    if let Some(t) = &publisher.url_template {
        row.delib_url = Some(fill_url(t, doc, d, &row.coll_siret));
    }
    for (column, value) in [
        ("COLL_NOM", &row.coll_nom),
        ("COLL_SIRET", &row.coll_siret),
        ("DELIB_ID", &row.delib_id),
        ("DELIB_DATE", &row.delib_date),
        ("DELIB_MATIERE_CODE", &row.delib_matiere_code),
        ("DELIB_OBJET", &row.delib_objet),
    ] {
        if value.is_empty() {
            row.missing.push(column);
        }
    }
    row
}

/// The CSV header line.
pub fn header() -> String {
    let mut line = COLUMNS.join(",");
    line.push('\n');
    line
}

/// The CSV lines of some rows, without header.
pub fn to_csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in rows {
        w.serialize(r)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_check_digits() {
        assert!(siret_is_valid("22620001200012"));
        assert!(!siret_is_valid("22620001200013"));
        assert!(!siret_is_valid("2262000120001"));
        assert!(!siret_is_valid("2262000120001a"));
        // La Poste: sum of digits a multiple of 5.
        assert!(siret_is_valid("35600000000048"));
        assert!(siret_is_valid("35600000049837"));
    }

    #[test]
    fn budget_years() {
        let seed =
            "SUBVENTION DE FONCTIONNEMENT - ATELIER CANOPE D'ARRAS - ANNÉE SCOLAIRE 2023 / 2024";
        assert_eq!(budget_year(seed, ""), Some("2023/2024".into()));
        assert_eq!(
            budget_year("Tarifs restauration scolaire 2025/2026", ""),
            Some("2025/2026".into())
        );
        assert_eq!(
            budget_year("Vote du budget primitif 2024 de la commune,", ""),
            Some("2024".into())
        );
        assert_eq!(
            budget_year(
                "Décision modificative - Exercice 2021 – Budget annexe - Transport - DM1",
                ""
            ),
            Some("2021".into())
        );
        assert_eq!(
            budget_year("Approbation du compte de gestion 2023 - commune,", ""),
            Some("2023".into())
        );
        // A span of years that are not consecutive is no school or budget year.
        assert_eq!(budget_year("Rapport 2014-2020", ""), None);
        assert_eq!(budget_year("Élection des adjoints", "le 12 mai 2024"), None);
    }

    #[test]
    fn budget_names() {
        let seed = "La dépense versée en application de l'article 1 de la présente délibération est imputée sur le budget départemental comme suit :";
        assert_eq!(budget_name("", seed), Some("Budget départemental".into()));
        assert_eq!(
            budget_name(
                "Décision modificative - Exercice 2021 – Budget annexe - Transport - DM1",
                ""
            ),
            Some("Budget annexe - Transport".into())
        );
        assert_eq!(
            budget_name(
                "Vote du compte financier unique–Année 2024-Budget Principal",
                ""
            ),
            Some("Budget Principal".into())
        );
        assert_eq!(
            budget_name("Vote du budget primitif 2024 de la commune,", ""),
            None
        );
    }

    #[test]
    fn url_templates() {
        assert!(check_url_template("https://x.fr/delib/{number}.pdf").is_ok());
        let e = check_url_template("https://x.fr/{numero}.pdf").unwrap_err();
        assert!(e.contains("{numero}"), "{e}");
        assert!(check_url_template("https://x.fr/{number").is_err());
    }
}
