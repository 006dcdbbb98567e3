//! The run: read inputs in parallel, parse, and hand results in input order
//! to the writer of the chosen format.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tempfile::NamedTempFile;

use super::args::{Format, ParseArgs};
use super::inputs::{Input, collect};
use super::report::{FileReport, Outcome, ReportWriter, Summary};
use super::stats::Stats;
use crate::consistency::NumberRegistry;
use crate::model::Document;
use crate::scdl::{self, Publisher, Publishers};
use std::collections::HashMap;

/// What to do with an output file that already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Leave it (an identical output counts as written; another is a failure).
    Never,
    /// Skip inputs whose SHA-256 is the one recorded in their output; replace
    /// the outputs of inputs that changed.
    Changed,
    /// Replace it.
    Always,
}

/// Arguments resolved into what the run needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<String>,
    pub out: Option<PathBuf>,
    pub format: Format,
    pub jobs: Option<usize>,
    pub quiet: bool,
    pub verbose: bool,
    /// Print the coverage of label kinds after the run.
    pub stats: bool,
    pub overwrite: Overwrite,
    /// The index of `--format bulk` action lines.
    pub index: String,
    /// Inputs larger than this (bytes) are skipped.
    pub max_size: u64,
    /// What the user tells of the collectivités, for `--format scdl`.
    pub publishers: Publishers,
}

/// The values `--format scdl` takes from the user, checked.
fn publishers(a: &ParseArgs) -> Result<Publishers, String> {
    let given = a.siret.is_some()
        || a.pref_id.is_some()
        || a.url_template.is_some()
        || a.collectivities.is_some();
    if given && a.format != Format::Scdl {
        return Err(
            "--siret, --pref-id, --url-template and --collectivities apply to --format scdl".into(),
        );
    }
    if let Some(s) = &a.siret
        && !scdl::siret_is_valid(s)
    {
        return Err(format!(
            "--siret {s}: not a SIRET (14 digits with a valid check digit)"
        ));
    }
    if let Some(p) = &a.pref_id
        && !scdl::pref_id_is_valid(p)
    {
        return Err(format!(
            "--pref-id {p}: expected PREFNNN, SPREFNNNM or SGARNNN (NNN the département, 062, 02A)"
        ));
    }
    if let Some(t) = &a.url_template {
        scdl::check_url_template(t)?;
    }
    let run = Publisher {
        official_name: None,
        siret: a.siret.clone(),
        pref_id: a.pref_id.clone(),
        url_template: a.url_template.clone(),
    };
    match &a.collectivities {
        Some(path) => Publishers::load(path, run),
        None => Ok(Publishers::run_wide(run)),
    }
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
        if a.incremental && (a.out.is_none() || a.format != Format::Json) {
            return Err(
                "--incremental needs --out and --format json (one output file per input)".into(),
            );
        }
        if let (Some(out), Some(name), false) = (&a.out, stream_name(a.format), a.force) {
            let target = out.join(name);
            if target.exists() {
                return Err(format!("{} exists: --force replaces it", target.display()));
            }
        }
        let publishers = publishers(&a)?;
        let overwrite = match (a.force, a.incremental) {
            (true, _) => Overwrite::Always,
            (false, true) => Overwrite::Changed,
            (false, false) => Overwrite::Never,
        };
        Ok(Config {
            inputs: a.inputs,
            out: a.out,
            format: a.format,
            jobs: a.jobs,
            quiet: a.quiet,
            verbose: a.verbose,
            stats: a.stats,
            overwrite,
            index: a.index,
            max_size: a.max_size.saturating_mul(1 << 20),
            publishers,
        })
    }
}

/// The file that collects all documents of a stream format with `--out DIR`.
pub fn stream_name(format: Format) -> Option<&'static str> {
    match format {
        Format::Json => None,
        Format::Jsonl => Some("greffier.jsonl"),
        Format::Search => Some("greffier-search.jsonl"),
        Format::Bulk => Some("greffier-bulk.ndjson"),
        Format::Scdl => Some("deliberations.csv"),
    }
}

/// Files are processed in batches so that memory stays bounded while the
/// output keeps the input order.
const BATCH: usize = 256;

/// What reading and parsing one input produced.
struct Done {
    report: FileReport,
    bytes: u64,
    /// The new document, until it is written.
    doc: Option<Document>,
    /// The document recorded by an earlier run for an unchanged input (its
    /// numbers still count for `number.duplicate`).
    unchanged: Option<Document>,
    /// The per-file output, for `--out` with `--format json`.
    target: Option<PathBuf>,
    /// Whether an existing `target` may be replaced.
    may_replace: bool,
    /// Whether this run made the folder of `target`.
    in_new_folder: bool,
    /// The document as the output stream takes it, rendered by the worker.
    rendered: Option<std::io::Result<Vec<u8>>>,
    /// Its diagnostics as `--verbose` prints them.
    diagnostics: String,
    /// The labelled lines of the document and those used, for `--stats`.
    coverage: Option<crate::model::Coverage>,
}

impl Done {
    fn new(input: String, bytes: u64, outcome: Outcome) -> Done {
        Done {
            report: FileReport {
                input,
                output: None,
                outcome,
            },
            bytes,
            doc: None,
            unchanged: None,
            target: None,
            may_replace: false,
            in_new_folder: false,
            rendered: None,
            diagnostics: String::new(),
            coverage: None,
        }
    }

    fn fail(&mut self, reason: String) {
        self.report.outcome = Outcome::Failed { reason };
        self.doc = None;
    }
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
    // Control bytes other than blanks and escape, counted without a branch
    // and in byte-wide counters, 128 bytes at a time (so in vector steps:
    // every file's head is read).
    let controls: usize = head
        .chunks(128)
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .map(|&b| u8::from((b < 32) & (b != 27) & !(9..=13).contains(&b)))
                .sum();
            usize::from(n)
        })
        .sum();
    if !utf16 && controls * 10 > head.len() {
        return Some("not text (binary data)".into());
    }
    None
}

/// The output path of an input: OUT/rel with the last extension replaced.
pub fn output_path(out: &Path, rel: &Path) -> PathBuf {
    out.join(rel).with_extension("json")
}

/// A document written by an earlier run, if `path` holds one.
fn recorded(path: &Path) -> Option<Document> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The bytes of an input, or what happened to it when it is not read.
fn read_input(input: &Input, max_size: u64) -> Result<(String, PathBuf, Vec<u8>), Box<Done>> {
    match input {
        Input::Unlisted { path, outcome } => Err(Box::new(Done::new(
            path.display().to_string(),
            0,
            outcome.clone(),
        ))),
        Input::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut buf) {
                Ok(_) => Ok(("-".into(), PathBuf::from("stdin.txt"), buf)),
                Err(e) => Err(Box::new(Done::new(
                    "-".into(),
                    0,
                    Outcome::Failed {
                        reason: e.to_string(),
                    },
                ))),
            }
        }
        Input::File { path, rel } => {
            let display = path.display().to_string();
            let fail = |e: std::io::Error| {
                Box::new(Done::new(
                    display.clone(),
                    0,
                    Outcome::Failed {
                        reason: e.to_string(),
                    },
                ))
            };
            let size = std::fs::metadata(path).map_err(fail)?.len();
            if size > max_size {
                let reason = format!(
                    "larger than {} MB ({:.0} MB): not a deliberation; --max-size raises the limit",
                    max_size >> 20,
                    size as f64 / 1e6
                );
                return Err(Box::new(Done::new(
                    display,
                    size,
                    Outcome::Skipped { reason },
                )));
            }
            let bytes = std::fs::read(path).map_err(fail)?;
            Ok((display, rel.clone(), bytes))
        }
    }
}

fn parse_one(input: &Input, cfg: &Config) -> Done {
    let (display, rel, bytes) = match read_input(input, cfg.max_size) {
        Ok(r) => r,
        Err(done) => return *done,
    };
    let n = bytes.len() as u64;
    if let Some(reason) = skip_reason(&bytes) {
        return Done::new(display, n, Outcome::Skipped { reason });
    }
    let rel_str = rel.to_string_lossy().replace('\\', "/");
    let sha = crate::sha256_hex(&bytes);
    let target = match (&cfg.out, cfg.format) {
        (Some(dir), Format::Json) => Some(output_path(dir, &rel)),
        _ => None,
    };
    let mut may_replace = cfg.overwrite == Overwrite::Always;
    if let (Some(t), Overwrite::Changed) = (&target, cfg.overwrite)
        && let Some(old) = recorded(t)
    {
        if old.source.sha256 == sha {
            let mut done = Done::new(
                display,
                n,
                Outcome::Skipped {
                    reason: format!("unchanged since {} was written", t.display()),
                },
            );
            done.report.output = Some(t.display().to_string());
            done.unchanged = Some(old);
            return done;
        }
        // Only a greffier output of an older version of this input is replaced.
        may_replace = true;
    }
    // A parser bug must not take the whole run down: it fails this file only.
    let parsed = std::panic::catch_unwind(|| crate::parse_bytes_hashed(&rel_str, &bytes, sha));
    let Ok(doc) = parsed else {
        let reason = "internal error while parsing (please report this file)".to_string();
        return Done::new(display, n, Outcome::Failed { reason });
    };
    let mut done = Done::new(display, n, outcome_of(&doc));
    done.coverage = Some(doc.coverage);
    done.doc = Some(doc);
    done.target = target;
    done.may_replace = may_replace;
    done
}

fn outcome_of(doc: &Document) -> Outcome {
    if doc.diagnostics.is_empty() {
        Outcome::Parsed {
            deliberations: doc.deliberations.len(),
        }
    } else {
        Outcome::ParsedWithDiagnostics {
            deliberations: doc.deliberations.len(),
            diagnostics: doc.diagnostics.len(),
        }
    }
}

/// Writes one per-file output, never replacing an existing different file
/// unless `may_replace`. Returns the reason when the output is not written.
/// `in_new_folder`: the folder was made by this run, so it holds no output
/// of an earlier run to compare with first.
fn write_output(
    target: &Path,
    data: &[u8],
    may_replace: bool,
    in_new_folder: bool,
) -> Result<(), String> {
    if !in_new_folder && let Some(decided) = against_existing(target, data, may_replace) {
        return decided;
    }
    // A temporary file in the same folder, then a rename: a reader never sees
    // half an output. The rename replaces nothing unless allowed, even a file
    // that appeared since.
    let cannot = |e: std::io::Error| cannot_write(target, e);
    let mut tmp = NamedTempFile::new_in(folder_of(target)).map_err(cannot)?;
    tmp.write_all(data).map_err(cannot)?;
    let renamed = if may_replace {
        tmp.persist(target)
    } else {
        tmp.persist_noclobber(target)
    };
    match renamed {
        Ok(_) => Ok(()),
        // The temporary file is removed when the error is dropped.
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            against_existing(target, data, false).unwrap_or_else(|| Err(cannot(e.error)))
        }
        // A filesystem with neither an exclusive rename nor hard links (FAT,
        // some network shares): look first, then rename.
        Err(e) if !may_replace => look_then_rename(e.file, target, data),
        Err(e) => Err(cannot(e.error)),
    }
}

/// Renames `tmp` to `target` unless an output is there (see
/// [`against_existing`]); a file that appears in between is replaced.
fn look_then_rename(tmp: NamedTempFile, target: &Path, data: &[u8]) -> Result<(), String> {
    if let Some(decided) = against_existing(target, data, false) {
        return decided;
    }
    tmp.persist(target)
        .map(drop)
        .map_err(|e| cannot_write(target, e.error))
}

/// Why `target` is not written, as the run report and standard error say.
fn cannot_write(target: &Path, e: std::io::Error) -> String {
    format!("cannot write {}: {e}", target.display())
}

/// The folder a file is in ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// What an existing output decides: already written (identical), or left
/// alone (different and not to be replaced). `None`: write it.
fn against_existing(target: &Path, data: &[u8], may_replace: bool) -> Option<Result<(), String>> {
    match std::fs::read(target) {
        Ok(existing) if existing == data => Some(Ok(())),
        Ok(_) if !may_replace => Some(Err(format!(
            "{} exists and differs from the new output; left alone (--force replaces it, \
             --incremental replaces the outputs of changed inputs)",
            target.display()
        ))),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Some(Err(format!("cannot replace {}: {e}", target.display())))
        }
        _ => None,
    }
}

fn progress(cfg: &Config, total: usize) -> ProgressBar {
    if cfg.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(total as u64);
    pb.set_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files  {per_sec}  {msg}  {elapsed} elapsed, eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Where the documents of a run go, in input order.
enum Sink<'a> {
    /// One file per input, written by the workers.
    Files,
    /// A stream: standard output or `OUT/greffier.jsonl` (in a temporary
    /// file until the run ends).
    Stream {
        writer: Box<dyn Write + Send + 'a>,
        pretty: bool,
        file: Option<NamedTempFile>,
    },
}

impl Sink<'_> {
    /// Where the outputs go, for the workers.
    fn kind(&self) -> SinkKind {
        match self {
            Sink::Files => SinkKind::Files,
            Sink::Stream { pretty, .. } => SinkKind::Stream { pretty: *pretty },
        }
    }

    fn open(cfg: &Config) -> std::io::Result<Sink<'static>> {
        let mut sink = Sink::open_plain(cfg)?;
        if let (Format::Scdl, Sink::Stream { writer, .. }) = (cfg.format, &mut sink) {
            writer.write_all(scdl::header().as_bytes())?;
        }
        Ok(sink)
    }

    fn open_plain(cfg: &Config) -> std::io::Result<Sink<'static>> {
        match (&cfg.out, cfg.format) {
            (Some(_), Format::Json) => Ok(Sink::Files),
            (Some(dir), _) => {
                std::fs::create_dir_all(dir)?;
                let file = NamedTempFile::new_in(dir)?;
                let writer = Box::new(std::io::BufWriter::new(file.reopen()?));
                Ok(Sink::Stream {
                    writer,
                    pretty: false,
                    file: Some(file),
                })
            }
            (None, format) => Ok(Sink::Stream {
                writer: Box::new(std::io::BufWriter::new(std::io::stdout())),
                pretty: format == Format::Json,
                file: None,
            }),
        }
    }

    /// Finishes the stream; a `greffier.jsonl` takes its final name.
    fn close(self, cfg: &Config) -> std::io::Result<()> {
        if let Sink::Stream {
            mut writer, file, ..
        } = self
        {
            writer.flush()?;
            drop(writer);
            if let (Some(f), Some(dir)) = (file, &cfg.out) {
                let name = stream_name(cfg.format).unwrap_or("greffier.jsonl");
                f.persist(dir.join(name)).map_err(|e| e.error)?;
            }
        }
        Ok(())
    }
}

/// Writes the per-file outputs of a batch in parallel.
fn write_files(batch: &mut [Done]) {
    batch.par_iter_mut().for_each(|d| {
        let (Some(doc), Some(target)) = (d.doc.take(), d.target.clone()) else {
            return;
        };
        let data = serde_json::to_vec_pretty(&doc).map(|mut v| {
            v.push(b'\n');
            v
        });
        let written = match data {
            Ok(v) => write_output(&target, &v, d.may_replace, d.in_new_folder),
            Err(e) => Err(e.to_string()),
        };
        match written {
            Ok(()) => d.report.output = Some(target.display().to_string()),
            Err(reason) => d.fail(reason),
        }
    });
}

/// What the run keeps from batch to batch.
#[derive(Default)]
struct AcrossFiles {
    /// The deliberation numbers seen so far.
    numbers: NumberRegistry,
    /// Each per-file output, with the input that writes it.
    outputs: HashMap<PathBuf, String>,
    /// The folders of the per-file outputs, and whether this run made each.
    folders: HashMap<PathBuf, bool>,
}

impl AcrossFiles {
    /// Makes `folder` (and its parents) unless it exists; true when this
    /// run made it.
    fn folder(&mut self, folder: &Path) -> std::io::Result<bool> {
        if let Some(&made) = self.folders.get(folder) {
            return Ok(made);
        }
        let made = match std::fs::create_dir(folder) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(folder)?;
                true
            }
            Err(e) => return Err(e),
        };
        self.folders.insert(folder.to_path_buf(), made);
        Ok(made)
    }
}

/// The run-wide checks, in input order: a deliberation number another file
/// already used, and two inputs that would write the same output. Makes
/// the folders of the per-file outputs.
fn check_across_files(batch: &mut [Done], across: &mut AcrossFiles) {
    for d in batch {
        if let Some(old) = &d.unchanged {
            across.numbers.register_document(old);
        }
        let Some(doc) = d.doc.as_mut() else { continue };
        let found = across.numbers.register_document(doc);
        if !found.is_empty() {
            doc.diagnostics.extend(found);
            d.report.outcome = outcome_of(doc);
        }
        let Some(t) = d.target.as_deref() else {
            continue;
        };
        // The first input to claim an output keeps it.
        let refused = if let Some(first) = across.outputs.get(t) {
            Some(format!(
                "{} would also be the output of {first} (same relative path, another extension); not written",
                t.display()
            ))
        } else {
            across
                .outputs
                .insert(t.to_path_buf(), d.report.input.clone());
            match across.folder(folder_of(t)) {
                Ok(made) => {
                    d.in_new_folder = made;
                    None
                }
                Err(e) => Some(cannot_write(t, e)),
            }
        };
        if let Some(reason) = refused {
            d.fail(reason);
        }
    }
}

/// The diagnostics of a document, as `--verbose` prints them:
/// `FILE:LINE: severity[code]: message`.
fn diagnostics_text(d: &Done) -> String {
    let mut out = String::new();
    for diag in d.doc.iter().flat_map(|doc| &doc.diagnostics) {
        let line = diag.line.map(|l| format!(":{l}")).unwrap_or_default();
        out.push_str(&format!(
            "greffier: {}{line}: {}[{}]: {}\n",
            d.report.input, diag.severity, diag.code, diag.message
        ));
    }
    out
}

/// The bytes reserved for a document's output before it is rendered.
const RENDER_CAPACITY: usize = 16 * 1024;

/// A document as the output stream takes it (every format but SCDL, whose
/// rows are named on standard error as they are written).
fn render(doc: &Document, cfg: &Config, pretty: bool) -> std::io::Result<Vec<u8>> {
    // Room for most documents at once: growing from empty copies the
    // output a dozen times (pages not written to are never resident).
    let mut out = Vec::with_capacity(RENDER_CAPACITY);
    match cfg.format {
        Format::Search => crate::search::write_search(doc, None, &mut out)?,
        Format::Bulk => crate::search::write_search(doc, Some(&cfg.index), &mut out)?,
        _ => {
            if pretty {
                serde_json::to_writer_pretty(&mut out, doc)
            } else {
                serde_json::to_writer(&mut out, doc)
            }
            .map_err(std::io::Error::other)?;
            out.push(b'\n');
        }
    }
    Ok(out)
}

/// Reads, parses and checks one batch, and renders its outputs: the
/// workers' share of the run.
fn prepare(batch: &[Input], cfg: &Config, sink: SinkKind, across: &mut AcrossFiles) -> Vec<Done> {
    let mut done: Vec<Done> = batch
        .par_iter()
        .map(|input| parse_one(input, cfg))
        .collect();
    check_across_files(&mut done, across);
    done.par_iter_mut().for_each(|d| {
        if cfg.verbose {
            d.diagnostics = diagnostics_text(d);
        }
        if let (SinkKind::Stream { pretty }, Some(doc)) = (sink, &d.doc)
            && cfg.format != Format::Scdl
        {
            d.rendered = Some(render(doc, cfg, pretty));
            d.doc = None;
        }
    });
    if sink == SinkKind::Files {
        write_files(&mut done);
    }
    done
}

/// Where the outputs go, without the writer (the workers need only this).
#[derive(Clone, Copy, PartialEq, Eq)]
enum SinkKind {
    Files,
    Stream { pretty: bool },
}

/// What writing a batch asks of the run: go on, or stop with this code.
type Emitted = Result<(), i32>;

/// Writes a prepared batch in input order and records it: the main
/// thread's share of the run.
fn emit(
    done: Vec<Done>,
    cfg: &Config,
    sink: &mut Sink,
    pb: &ProgressBar,
    totals: &mut Totals,
    report: &mut Option<ReportWriter>,
    start: Instant,
) -> Emitted {
    let Totals { summary, stats } = totals;
    for mut d in done {
        if !d.diagnostics.is_empty() {
            pb.suspend(|| eprint!("{}", d.diagnostics));
        }
        if let Sink::Stream { writer, .. } = sink {
            let res = match (d.rendered.take(), d.doc.take()) {
                (Some(rendered), _) => rendered.and_then(|bytes| writer.write_all(&bytes)),
                (None, Some(doc)) => write_scdl(&doc, cfg, writer, pb),
                (None, None) => Ok(()),
            };
            if let Err(e) = res {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Err(1);
                }
                d.fail(e.to_string());
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
        if let Some(cov) = &d.coverage {
            stats.add(&d.report.input, cov);
        }
        if let Some(Err(e)) = report.as_mut().map(|r| r.add(&d.report)) {
            eprintln!("greffier: cannot write the run report: {e}");
            return Err(1);
        }
        pb.inc(1);
        if !pb.is_hidden() {
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            pb.set_message(format!("{:.1} MB/s", summary.bytes as f64 / 1e6 / secs));
        }
    }
    Ok(())
}

/// What the run counts as documents are written: the summary line and the
/// report's totals, and the coverage `--stats` prints.
#[derive(Default)]
struct Totals {
    summary: Summary,
    stats: Stats,
}

/// Writes the SCDL rows of a document; names on standard error each row that
/// cannot be valid (and, with --verbose, what a row leaves out).
fn write_scdl(
    doc: &Document,
    cfg: &Config,
    writer: &mut dyn Write,
    pb: &ProgressBar,
) -> std::io::Result<()> {
    let rows = scdl::rows(doc, &cfg.publishers);
    for r in &rows {
        let at = format!("greffier: {}:{}", doc.source.path, r.line);
        let id = if r.delib_id.is_empty() {
            "without number"
        } else {
            &r.delib_id
        };
        if !r.missing.is_empty() {
            let mut why = format!("SCDL row {id} is not valid: no {}", r.missing.join(", no "));
            if r.missing.contains(&"COLL_SIRET") {
                let name = if r.coll_nom.is_empty() {
                    "its collectivité"
                } else {
                    &r.coll_nom
                };
                why.push_str(&format!(
                    " (give --siret, or a line for {name:?} in --collectivities)"
                ));
            }
            pb.suspend(|| eprintln!("{at}: {why}"));
        }
        if cfg.verbose {
            for d in &r.dropped {
                pb.suspend(|| eprintln!("{at}: SCDL row {id}: {d}"));
            }
        }
    }
    writer.write_all(&scdl::to_csv(&rows).map_err(std::io::Error::other)?)
}

/// Runs a parse and returns the exit code.
pub fn run(cfg: &Config) -> i32 {
    let start = Instant::now();
    let inputs = collect(&cfg.inputs, cfg.out.as_deref());
    let pool = match super::thread_pool(cfg.jobs) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("greffier: cannot start worker threads: {e}");
            return 2;
        }
    };
    let mut sink = match Sink::open(cfg) {
        Ok(s) => s,
        Err(e) => {
            let dir = cfg.out.as_deref().unwrap_or(Path::new("-"));
            eprintln!("greffier: cannot write to {}: {e}", dir.display());
            return 1;
        }
    };
    let pb = progress(cfg, inputs.len());
    let mut totals = Totals::default();
    let mut report = match cfg.out.as_deref().map(ReportWriter::new).transpose() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("greffier: cannot write the run report: {e}");
            return 1;
        }
    };
    let mut across = AcrossFiles::default();
    let kind = sink.kind();
    // A pipeline of two stages: while the workers read, parse and render a
    // batch, the previous one is written, so that writing never leaves a
    // core idle. Batches are written in input order.
    let mut batches = inputs.chunks(BATCH);
    let mut pending: Option<Vec<Done>> = None;
    loop {
        let next = batches.next();
        if next.is_none() && pending.is_none() {
            break;
        }
        let (prepared, emitted) = pool.install(|| {
            rayon::join(
                || next.map(|b| prepare(b, cfg, kind, &mut across)),
                || {
                    pending.take().map_or(Ok(()), |done| {
                        emit(done, cfg, &mut sink, &pb, &mut totals, &mut report, start)
                    })
                },
            )
        });
        if let Err(code) = emitted {
            return code;
        }
        pending = prepared;
    }
    pb.finish_and_clear();
    let Totals { mut summary, stats } = totals;
    if let Err(e) = sink.close(cfg)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("greffier: cannot write the output: {e}");
        summary.failed += 1;
    }
    summary.seconds = start.elapsed().as_secs_f64();
    if let (Some(dir), Some(r)) = (&cfg.out, report)
        && let Err(e) = r.finish(&summary, &dir.join("greffier-report.json"))
    {
        eprintln!("greffier: cannot write the run report: {e}");
    }
    if !cfg.quiet {
        eprintln!("{}", summary.line());
    }
    if cfg.stats {
        eprint!("{}", stats.table());
    }
    if summary.failed > 0 { 1 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_appeared_in_a_new_folder_is_not_replaced() {
        // A folder this run made is not looked into first: the rename is
        // what keeps a file that appeared there since.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.json");
        std::fs::write(&target, b"other\n").unwrap();
        let err = write_output(&target, b"new\n", false, true).unwrap_err();
        assert!(err.contains("exists and differs"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"other\n");
        // The same output is as good as written; --force replaces.
        assert_eq!(write_output(&target, b"other\n", false, true), Ok(()));
        assert_eq!(write_output(&target, b"new\n", true, true), Ok(()));
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn looking_then_renaming_keeps_what_is_there() {
        // The way of filesystems without an exclusive rename.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.json");
        let temp = || {
            let mut t = NamedTempFile::new_in(dir.path()).unwrap();
            t.write_all(b"new\n").unwrap();
            t
        };
        assert_eq!(look_then_rename(temp(), &target, b"new\n"), Ok(()));
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
        assert_eq!(look_then_rename(temp(), &target, b"new\n"), Ok(()));
        std::fs::write(&target, b"other\n").unwrap();
        let err = look_then_rename(temp(), &target, b"new\n").unwrap_err();
        assert!(err.contains("exists and differs"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"other\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_run_tells_the_folders_it_made_from_those_that_were_there() {
        let dir = tempfile::tempdir().unwrap();
        let mut across = AcrossFiles::default();
        let nested = dir.path().join("a/b");
        assert!(across.folder(&nested).unwrap());
        assert!(nested.is_dir());
        // Asked again, it answers from memory (the folder exists by now).
        assert!(across.folder(&nested).unwrap());
        // A parent made on the way is not counted as made: it is looked
        // into, which is only slower.
        assert!(!across.folder(&dir.path().join("a")).unwrap());
        assert!(!AcrossFiles::default().folder(&nested).unwrap());
        // A file where the folder should be is an error when written into.
        std::fs::write(dir.path().join("f"), b"").unwrap();
        assert!(!across.folder(&dir.path().join("f")).unwrap());
        assert!(write_output(&dir.path().join("f/x.json"), b"x", false, false).is_err());
    }
}
