//! The run: read inputs in parallel, parse, and hand results in input order
//! to the writer of the chosen format.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::{Format, ParseArgs};
use super::inputs::{Input, collect};
use super::report::{FileReport, Outcome, Report, Summary};
use crate::model::Document;

/// Arguments resolved into what the run needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<String>,
    pub out: Option<PathBuf>,
    pub format: Format,
    pub jobs: Option<usize>,
    pub quiet: bool,
}

impl Config {
    pub fn from_args(a: ParseArgs) -> Result<Config, String> {
        if a.jobs == Some(0) {
            return Err("--jobs must be at least 1".into());
        }
        if let Some(out) = &a.out
            && out.exists()
            && !out.is_dir()
        {
            return Err(format!(
                "--out {}: exists and is not a folder",
                out.display()
            ));
        }
        Ok(Config {
            inputs: a.inputs,
            out: a.out,
            format: a.format,
            jobs: a.jobs,
            quiet: a.quiet,
        })
    }
}

/// Files are processed in batches so that memory stays bounded while the
/// output keeps the input order.
const BATCH: usize = 256;

/// What parsing one input produced.
struct Done {
    report: FileReport,
    bytes: u64,
    doc: Option<Document>,
}

/// Why an input is not parsed, from its first bytes.
fn skip_reason(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"%PDF") {
        return Some("a PDF file: convert it to text first (pdftotext -layout FILE.pdf)".into());
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some("empty".into());
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 9) || (b > 13 && b < 32 && b != 27))
        .count();
    if !utf16 && controls * 10 > head.len() {
        return Some("not text (binary data)".into());
    }
    None
}

/// The output path of an input: OUT/rel with the last extension replaced.
pub fn output_path(out: &Path, rel: &Path) -> PathBuf {
    out.join(rel).with_extension("json")
}

fn parse_one(input: &Input) -> Done {
    let (display, rel, bytes) = match input {
        Input::Unlisted { path, reason } => {
            return Done {
                report: FileReport {
                    input: path.display().to_string(),
                    output: None,
                    outcome: Outcome::Failed {
                        reason: reason.clone(),
                    },
                },
                bytes: 0,
                doc: None,
            };
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            let r = std::io::stdin().lock().read_to_end(&mut buf);
            ("-".to_string(), PathBuf::from("stdin.txt"), r.map(|_| buf))
        }
        Input::File { path, rel } => (path.display().to_string(), rel.clone(), std::fs::read(path)),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            return Done {
                report: FileReport {
                    input: display,
                    output: None,
                    outcome: Outcome::Failed {
                        reason: e.to_string(),
                    },
                },
                bytes: 0,
                doc: None,
            };
        }
    };
    let n = bytes.len() as u64;
    if let Some(reason) = skip_reason(&bytes) {
        return Done {
            report: FileReport {
                input: display,
                output: None,
                outcome: Outcome::Skipped { reason },
            },
            bytes: n,
            doc: None,
        };
    }
    let rel_str = rel.to_string_lossy().replace('\\', "/");
    // A parser bug must not take the whole run down: it fails this file only.
    let doc = match std::panic::catch_unwind(|| crate::parse_bytes(&rel_str, &bytes)) {
        Ok(d) => d,
        Err(_) => {
            return Done {
                report: FileReport {
                    input: display,
                    output: None,
                    outcome: Outcome::Failed {
                        reason: "internal error while parsing (please report this file)".into(),
                    },
                },
                bytes: n,
                doc: None,
            };
        }
    };
    let outcome = if doc.diagnostics.is_empty() {
        Outcome::Parsed {
            deliberations: doc.deliberations.len(),
        }
    } else {
        Outcome::ParsedWithDiagnostics {
            deliberations: doc.deliberations.len(),
            diagnostics: doc.diagnostics.len(),
        }
    };
    Done {
        report: FileReport {
            input: display,
            output: None,
            outcome,
        },
        bytes: n,
        doc: Some(doc),
    }
}

/// Writes `data` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(data)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn progress(cfg: &Config, total: usize) -> ProgressBar {
    if cfg.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(total as u64);
    pb.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  {msg}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Runs a parse and returns the exit code.
pub fn run(cfg: &Config) -> i32 {
    let start = Instant::now();
    let inputs = collect(&cfg.inputs, cfg.out.as_deref());
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(j) = cfg.jobs {
            b = b.num_threads(j);
        }
        match b.build() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("greffier: cannot start worker threads: {e}");
                return 2;
            }
        }
    };
    let pb = progress(cfg, inputs.len());
    let mut summary = Summary::default();
    let mut reports = Vec::with_capacity(inputs.len());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seen_outputs = std::collections::HashSet::new();
    let mut jsonl_file: Option<std::io::BufWriter<tempfile::NamedTempFile>> = None;
    if let (Some(dir), Format::Jsonl) = (&cfg.out, cfg.format) {
        match std::fs::create_dir_all(dir).and_then(|_| tempfile::NamedTempFile::new_in(dir)) {
            Ok(f) => jsonl_file = Some(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("greffier: cannot write to {}: {e}", dir.display());
                return 1;
            }
        }
    }
    for batch in inputs.chunks(BATCH) {
        let done: Vec<Done> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let mut d = parse_one(input);
                    // Per-file JSON outputs are written by the workers.
                    if let (Some(dir), Format::Json, Some(doc), Input::File { .. } | Input::Stdin) =
                        (&cfg.out, cfg.format, &d.doc, input)
                    {
                        let target = output_path(dir, Path::new(&doc.source.path));
                        let written = serde_json::to_vec_pretty(doc)
                            .map_err(std::io::Error::other)
                            .and_then(|mut v| {
                                v.push(b'\n');
                                write_atomic(&target, &v)
                            });
                        match written {
                            Ok(()) => d.report.output = Some(target.display().to_string()),
                            Err(e) => {
                                d.report.outcome = Outcome::Failed {
                                    reason: format!("cannot write {}: {e}", target.display()),
                                }
                            }
                        }
                        d.doc = None;
                    }
                    pb.inc(1);
                    d
                })
                .collect()
        });
        for mut d in done {
            if let Some(o) = &d.report.output
                && !seen_outputs.insert(o.clone())
            {
                d.report.outcome = Outcome::Failed {
                    reason: format!(
                        "output {o} was already written by another input with the same relative path"
                    ),
                };
            }
            if let Some(doc) = &d.doc {
                let line = match cfg.format {
                    Format::Jsonl => serde_json::to_string(doc),
                    Format::Json => serde_json::to_string_pretty(doc),
                };
                let res = match (line, jsonl_file.as_mut()) {
                    (Ok(l), Some(f)) => writeln!(f, "{l}"),
                    (Ok(l), None) => writeln!(out, "{l}"),
                    (Err(e), _) => Err(std::io::Error::other(e)),
                };
                if let Err(e) = res {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return 1;
                    }
                    d.report.outcome = Outcome::Failed {
                        reason: e.to_string(),
                    };
                }
            }
            match &d.report.outcome {
                Outcome::Failed { reason } => {
                    pb.suspend(|| eprintln!("greffier: {}: failed: {reason}", d.report.input))
                }
                Outcome::Skipped { reason } if !cfg.quiet => {
                    pb.suspend(|| eprintln!("greffier: {}: skipped: {reason}", d.report.input))
                }
                _ => {}
            }
            summary.add(&d.report, d.bytes);
            reports.push(d.report);
        }
    }
    pb.finish_and_clear();
    let _ = out.flush();
    summary.seconds = start.elapsed().as_secs_f64();
    if let (Some(dir), Some(f)) = (&cfg.out, jsonl_file) {
        let target = dir.join("greffier.jsonl");
        let res = f
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|t| t.persist(&target).map(|_| ()).map_err(|e| e.error));
        if let Err(e) = res {
            eprintln!("greffier: cannot write {}: {e}", target.display());
            summary.failed += 1;
        }
    }
    if let Some(dir) = &cfg.out {
        let report = Report {
            summary: summary.clone(),
            files: reports,
        };
        let written = serde_json::to_vec_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|v| write_atomic(&dir.join("greffier-report.json"), &v));
        if let Err(e) = written {
            eprintln!("greffier: cannot write the run report: {e}");
        }
    }
    if !cfg.quiet {
        eprintln!("{}", summary.line());
    }
    if summary.failed > 0 { 1 } else { 0 }
}
