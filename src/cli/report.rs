//! The run report: what happened to every input file.

use serde::Serialize;

/// The outcome of one input file. Every input ends as exactly one of these.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Outcome {
    Parsed {
        deliberations: usize,
    },
    ParsedWithDiagnostics {
        deliberations: usize,
        diagnostics: usize,
    },
    /// Left alone on purpose (a PDF, an empty file, binary data, unchanged).
    Skipped {
        reason: String,
    },
    Failed {
        reason: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub input: String,
    pub output: Option<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub parsed: usize,
    pub skipped: usize,
    pub failed: usize,
    pub deliberations: usize,
    pub diagnostics: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl Summary {
    pub fn add(&mut self, r: &FileReport, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
        match &r.outcome {
            Outcome::Parsed { deliberations } => {
                self.parsed += 1;
                self.deliberations += deliberations;
            }
            Outcome::ParsedWithDiagnostics {
                deliberations,
                diagnostics,
            } => {
                self.parsed += 1;
                self.deliberations += deliberations;
                self.diagnostics += diagnostics;
            }
            Outcome::Skipped { .. } => self.skipped += 1,
            Outcome::Failed { .. } => self.failed += 1,
        }
    }

    /// The one-line summary printed at the end of a run.
    pub fn line(&self) -> String {
        let mbs = if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        };
        format!(
            "greffier: {} files ({} parsed, {} skipped, {} failed), {} deliberations, {} diagnostics, {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.files,
            self.parsed,
            self.skipped,
            self.failed,
            self.deliberations,
            self.diagnostics,
            self.bytes as f64 / 1e6,
            self.seconds,
            mbs
        )
    }
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub summary: Summary,
    pub files: Vec<FileReport>,
}
