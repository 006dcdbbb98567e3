//! The run report: what happened to every input file.

use serde::Serialize;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

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

/// Writes `OUT/greffier-report.json` without holding the entries: each is
/// spooled to an anonymous temporary file as it comes, and the report is
/// assembled (summary first) at the end, so memory stays flat however many
/// files a run reads.
pub struct ReportWriter {
    spool: std::io::BufWriter<std::fs::File>,
    entries: usize,
}

impl ReportWriter {
    pub fn new(dir: &Path) -> std::io::Result<ReportWriter> {
        std::fs::create_dir_all(dir)?;
        Ok(ReportWriter {
            spool: std::io::BufWriter::new(tempfile::tempfile_in(dir)?),
            entries: 0,
        })
    }

    pub fn add(&mut self, r: &FileReport) -> std::io::Result<()> {
        if self.entries > 0 {
            self.spool.write_all(b",\n")?;
        }
        self.spool.write_all(b"    ")?;
        serde_json::to_writer(&mut self.spool, r)?;
        self.entries += 1;
        Ok(())
    }

    /// `{"summary": …, "files": [one entry per line]}`, written atomically.
    pub fn finish(self, summary: &Summary, target: &Path) -> std::io::Result<()> {
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.seek(SeekFrom::Start(0))?;
        let dir = target.parent().unwrap_or(Path::new("."));
        let mut out = std::io::BufWriter::new(tempfile::NamedTempFile::new_in(dir)?);
        out.write_all(b"{\n  \"summary\": ")?;
        serde_json::to_writer(&mut out, summary)?;
        out.write_all(b",\n  \"files\": [\n")?;
        std::io::copy(&mut spool, &mut out)?;
        out.write_all(b"\n  ]\n}\n")?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.persist(target).map_err(|e| e.error)?;
        Ok(())
    }
}
