//! Budget tables inside a deliberation: one `BudgetLine` per data row.
//!
//! Two shapes are read. Tab-separated rows (markdown converters, and the
//! column gaps of `pdftotext -layout` once normalised):
//!
//! ```text
//! Code Opération<TAB>Imputation budgétaire<TAB>Libellé Opération<TAB>CP €<TAB>Dépense €
//! C03-288H01<TAB>657382/93288<TAB>Subventions aux associations …<TAB>57 000,00<TAB>16 500,00
//! ```
//!
//! and flattened rows, where `pdftotext` broke headers and cells over lines:
//!
//! ```text
//! table      = header_line+ row+
//! header     = ["Code" "Opération"] ["Imputation" ["Budgétaire"]] ["Libellé" ["Opération"]] amount_header+
//! amount_header = words ["€"]                      (* "CP €", "Dépense €", "Disponible" *)
//! row        = operation_code [imputation] label amount{n}   (* n = number of amount headers *)
//! operation_code = letter digit{2} "-" digit{3} [" "] letter digit{2}   (* C03-221J02 *)
//! imputation = digit+ ("/" digit+)+                 (* 204311/91221 *)
//! ```

use crate::model::BudgetLine;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::amounts::{amount, is_amount_cell};
use super::trivia::{Trimmed, clean, folded, join_lines};

/// Operation codes and imputations are regular tokens: a regex is the right tool.
static OPERATION_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z]{1,3}\d{1,3}-\d{2,4}) ?([A-Z]\d{2})?\b").expect("valid regex")
});
static IMPUTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2,}(/\d+)+\b").expect("valid regex"));

/// True when `line` opens a budget table header.
pub fn is_header_start(line: &str) -> bool {
    is_header_start_folded(&folded(line))
}

/// [`is_header_start`] of a line's folded form.
pub fn is_header_start_folded(f: &str) -> bool {
    f == "code"
        || f.starts_with("code operation")
        || f.starts_with("code\toperation")
        || (f.contains("imputation") && (f.contains("libelle") || f.contains('\t')))
}

/// True when a line begins a data row.
pub fn is_row_start(line: &str) -> bool {
    OPERATION_CODE.is_match(line.trimmed())
}

#[derive(Debug, PartialEq)]
enum Column {
    Code,
    Imputation,
    Label,
    Amount(String),
}

fn classify(cell: &str) -> Column {
    let f = folded(cell);
    if f.starts_with("code") {
        Column::Code
    } else if f.starts_with("imputation") {
        Column::Imputation
    } else if f.starts_with("libelle") || f.starts_with("objet") || f.starts_with("designation") {
        Column::Label
    } else {
        Column::Amount(clean(cell))
    }
}

/// Columns of a header written on one line or several: split on tabs when
/// present, else on the known column names.
fn header_columns(lines: &[&str]) -> Vec<Column> {
    if lines.len() == 1 && lines[0].contains('\t') {
        return lines[0]
            .split('\t')
            .filter(|c| !c.trimmed().is_empty())
            .map(classify)
            .collect();
    }
    let text = join_lines(lines.iter().copied()).replace('\t', " ");
    let f = folded(&text);
    let mut cols = Vec::new();
    if f.starts_with("code") {
        cols.push(Column::Code);
    }
    if f.contains("imputation") {
        cols.push(Column::Imputation);
    }
    // Amount headers follow the label header ("Libellé Opération").
    let tail_start = [
        "libelle operation",
        "libelle",
        "imputation budgetaire",
        "imputation",
    ]
    .iter()
    .find_map(|k| f.find(k).map(|p| (p, *k)))
    .map(|(p, k)| {
        if k.starts_with("libelle") {
            cols.push(Column::Label);
        }
        // Folded text has the same chars as the original: map char offsets.
        let char_end = f[..p + k.len()].chars().count();
        text.char_indices()
            .nth(char_end)
            .map_or(text.len(), |(i, _)| i)
    })
    .unwrap_or(0);
    let tail = text[tail_start..].trimmed();
    if tail.contains('€') {
        for part in tail.split_inclusive('€') {
            let part = part.trimmed();
            if !part.is_empty() {
                cols.push(Column::Amount(part.to_string()));
            }
        }
    } else {
        for part in tail.split_whitespace() {
            cols.push(Column::Amount(part.to_string()));
        }
    }
    cols
}

/// Parses a table from its lines (header first). Returns the rows read.
pub fn parse_table(lines: &[&str]) -> Vec<BudgetLine> {
    let lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trimmed().is_empty())
        .collect();
    let Some(first_row) = lines.iter().position(|l| is_row_start(l)) else {
        return Vec::new();
    };
    let cols = header_columns(&lines[..first_row]);
    let n_amounts = cols
        .iter()
        .filter(|c| matches!(c, Column::Amount(_)))
        .count();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    for l in &lines[first_row..] {
        if is_row_start(l) || rows.is_empty() {
            rows.push(vec![l]);
        } else if let Some(r) = rows.last_mut() {
            r.push(l);
        }
    }
    rows.into_iter()
        .filter_map(|r| parse_row(&r, &cols, n_amounts))
        .collect()
}

fn parse_row(lines: &[&str], cols: &[Column], n_amounts: usize) -> Option<BudgetLine> {
    // Tab-separated, one cell per column.
    if lines.len() == 1 {
        let cells: Vec<&str> = lines[0]
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() == cols.len() {
            let mut line = BudgetLine {
                operation_code: None,
                imputation: None,
                label: None,
                amounts: BTreeMap::new(),
            };
            for (c, v) in cols.iter().zip(cells) {
                match c {
                    Column::Code => line.operation_code = Some(v.replace(' ', "")),
                    Column::Imputation => line.imputation = Some(v.to_string()),
                    Column::Label => line.label = Some(clean(v)),
                    Column::Amount(h) => {
                        if let Ok((_, a)) = amount(v) {
                            line.amounts.insert(h.clone(), a);
                        }
                    }
                }
            }
            return Some(line);
        }
    }
    // Flattened: code, imputation, label, then the amounts at the end.
    let text = join_lines(lines.iter().copied()).replace('\t', " ");
    let mut rest = text.as_str();
    let mut line = BudgetLine {
        operation_code: None,
        imputation: None,
        label: None,
        amounts: BTreeMap::new(),
    };
    if let Some(m) = OPERATION_CODE.captures(rest) {
        let code = format!("{}{}", &m[1], m.get(2).map_or("", |g| g.as_str()));
        line.operation_code = Some(code);
        rest = rest[m.get(0)?.end()..].trim_start();
    }
    if let Some(m) = IMPUTATION.find(rest) {
        line.imputation = Some(m.as_str().to_string());
        rest = rest[m.end()..].trim_start();
    }
    let (label, values) = split_trailing_amounts(rest, n_amounts)?;
    let headers = cols.iter().filter_map(|c| match c {
        Column::Amount(h) => Some(h.clone()),
        _ => None,
    });
    line.amounts = headers.zip(values).collect();
    let label = label.trimmed();
    line.label = (!label.is_empty()).then(|| label.to_string());
    Some(line)
}

/// Finds the earliest word boundary from which exactly `n` amounts run to
/// the end of `s`; returns the text before it and the amounts.
fn split_trailing_amounts(s: &str, n: usize) -> Option<(&str, Vec<f64>)> {
    if n == 0 {
        return Some((s, Vec::new()));
    }
    let starts = std::iter::once(0).chain(
        s.char_indices()
            .filter(|(i, c)| *c == ' ' && *i + 1 < s.len())
            .map(|(i, _)| i + 1),
    );
    for start in starts {
        if !s[start..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut rest = &s[start..];
        let mut values = Vec::new();
        while let Ok((r, v)) = amount(rest) {
            values.push(v);
            rest = r.trim_start();
            if rest.is_empty() {
                break;
            }
        }
        if rest.is_empty() && values.len() == n {
            return Some((&s[..start], values));
        }
    }
    None
}

/// True when a line can belong to a flattened table (a cell or a row part).
pub fn is_table_line(line: &str) -> bool {
    let t = line.trimmed();
    t.is_empty()
        || t.contains('\t')
        || is_row_start(t)
        || is_amount_cell(t)
        || t.len() < 60 && !t.ends_with(['.', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_separated_seed_000() {
        let lines = [
            "Code Opération\tImputation budgétaire\tLibellé Opération\tCP €\tDépense €",
            "C03-288H01\t657382/93288\tSubventions aux associations de l'enseignement secondaire et supérieur et colloques\t57 000,00\t16 500,00",
        ];
        let t = parse_table(&lines);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].operation_code.as_deref(), Some("C03-288H01"));
        assert_eq!(t[0].imputation.as_deref(), Some("657382/93288"));
        assert_eq!(t[0].amounts.get("CP €"), Some(&57000.0));
        assert_eq!(t[0].amounts.get("Dépense €"), Some(&16500.0));
    }

    #[test]
    fn flattened_seed_001() {
        let lines = [
            "Code",
            "Opération",
            "",
            "Imputation",
            "Budgétaire",
            "",
            "Libellé Opération CP € Dépense €",
            "",
            "C03-221J02 204311/91221",
            "Informatique subventions",
            "",
            "aux collèges",
            "150 000,00 150 000,00",
        ];
        let t = parse_table(&lines);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].operation_code.as_deref(), Some("C03-221J02"));
        assert_eq!(t[0].imputation.as_deref(), Some("204311/91221"));
        assert_eq!(
            t[0].label.as_deref(),
            Some("Informatique subventions aux collèges")
        );
        assert_eq!(t[0].amounts.get("CP €"), Some(&150000.0));
        assert_eq!(t[0].amounts.get("Dépense €"), Some(&150000.0));
    }

    #[test]
    fn rapport_flattened_with_split_code() {
        let lines = [
            "Code Opération",
            "Imputation",
            "Budgétaire",
            "",
            "Libellé Opération CP Disponible Proposition Solde",
            "",
            "C03-221 J02 204311/91221",
            "Informatique",
            "",
            "Subventions aux",
            "collèges",
            "",
            "150 000,00 150 000,00 150 000,00 0,00",
        ];
        let t = parse_table(&lines);
        assert_eq!(t[0].operation_code.as_deref(), Some("C03-221J02"));
        assert_eq!(t[0].amounts.len(), 4);
        assert_eq!(t[0].amounts.get("Solde"), Some(&0.0));
    }
}
