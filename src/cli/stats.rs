//! `--stats`: the coverage of label kinds over a run. For each kind the
//! lexer labels (attendance, item heading, vote, …): the lines seen, those
//! an extractor read a fact from, and the files that left most unused.

use crate::model::{COVERED_KINDS, Coverage};

const KINDS: usize = COVERED_KINDS.len();
/// Files named per kind in the table.
const WORST: usize = 3;

/// Coverage summed over the documents of a run.
#[derive(Debug, Default)]
pub struct Stats {
    seen: [u64; KINDS],
    used: [u64; KINDS],
    /// Per kind, the files with unused lines and how many.
    unused_in: [Vec<(u32, String)>; KINDS],
}

impl Stats {
    pub fn add(&mut self, input: &str, cov: &Coverage) {
        for k in 0..KINDS {
            self.seen[k] += u64::from(cov.seen[k]);
            self.used[k] += u64::from(cov.used[k]);
            let unused = cov.seen[k] - cov.used[k];
            if unused > 0 {
                self.unused_in[k].push((unused, input.to_string()));
            }
        }
    }

    /// The table, one line per kind.
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let mut out =
            String::from("coverage: lines labelled (seen) and lines a fact was read from (used)\n");
        let _ = writeln!(
            out,
            "  {:<13} {:>7} {:>7} {:>7}  most unused in",
            "label", "seen", "used", "unused"
        );
        for (k, kind) in COVERED_KINDS.iter().enumerate() {
            let mut worst = self.unused_in[k].clone();
            // The most unused first, then by name, so that the table is stable.
            worst.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let files: Vec<String> = worst
                .iter()
                .take(WORST)
                .map(|(n, f)| format!("{f} ({n})"))
                .collect();
            let _ = writeln!(
                out,
                "  {:<13} {:>7} {:>7} {:>7}  {}",
                kind,
                self.seen[k],
                self.used[k],
                self.seen[k] - self.used[k],
                files.join(", ")
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_documents_and_names_the_files_that_left_most_unused() {
        let mut s = Stats::default();
        let mut a = Coverage::default();
        a.seen[0] = 4;
        a.used[0] = 1;
        let mut b = Coverage::default();
        b.seen[0] = 2;
        b.used[0] = 2;
        s.add("a.txt", &a);
        s.add("b.txt", &b);
        let table = s.table();
        let row = table
            .lines()
            .find(|l| l.trim_start().starts_with("attendance"))
            .unwrap();
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            &cols[..5],
            ["attendance", "6", "3", "3", "a.txt"],
            "{table}"
        );
    }
}
