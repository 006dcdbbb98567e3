//! Command-line arguments (clap).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "greffier",
    version,
    about = "Turn the text of French local assemblies' deliberations into structured open data (JSON).",
    long_about = "greffier reads deliberations, procès-verbaux and comptes rendus already converted to text \
(pdftotext, pdftotext -layout, markdown converters, OCR) and writes one JSON document per file: \
collectivité, assembly, meeting, attendance, citations, articles, budget tables, vote, outcome, \
signatures and transmission dates."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse text files and write their JSON.
    #[command(after_help = "EXAMPLES:
  greffier parse fixtures --out out            one JSON file per input, mirroring the folder
  greffier parse docs/ > all.jsonl             JSON Lines on standard output
  pdftotext -layout a.pdf - | greffier parse - one file from standard input
  greffier parse docs --out out --jobs 1       one thread
  greffier parse docs --out out --incremental  re-parse only the inputs that changed
  greffier parse docs --out out --force        replace every existing output
  greffier parse --stdin-jsonl < in.jsonl > out.jsonl
                                               records {path, text} in, one result line each out
  greffier parse docs --format scdl --siret 22620001200012 --pref-id PREF062 > deliberations.csv
                                               SCDL open-data CSV for one collectivité
  greffier parse docs --format scdl --collectivities collectivites.csv --out out
                                               SCDL CSV for a folder of several collectivités

OUTPUTS:
  With --out, each input a/b.txt gives OUT/a/b.json, written atomically, and
  OUT/greffier-report.json lists what happened to every input (parsed, parsed
  with diagnostics, skipped and why, failed and why). An existing output is
  never replaced silently: identical outputs are left as they are, others are
  replaced only with --force, or with --incremental when the input changed.
  The SCDL CSV names on standard error every row that cannot be valid (no
  SIRET known, no number or date in the text) and what it lacks.

EXIT CODES:
  0  every file parsed (or was skipped on purpose)
  1  at least one file failed (unreadable, not writable, or an existing
     output left alone); each is named on standard error
  2  usage error")]
    Parse(ParseArgs),
    /// Print the JSON Schema of the output documents (schema/greffier-output.schema.json).
    Schema,
}

#[derive(Parser, Debug)]
pub struct ParseArgs {
    /// Files or folders (walked recursively for *.txt and *.md); `-` reads standard input.
    #[arg(required_unless_present = "stdin_jsonl", value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Read JSON lines {"path": …, "text": …} on standard input and write one
    /// result line per input line, in order: the document, or
    /// {"path": …, "line": N, "error": …} for a bad record. For Spark's
    /// RDD.pipe, Hadoop Streaming and GNU parallel.
    #[arg(long, conflicts_with_all = ["inputs", "out", "force", "incremental"])]
    pub stdin_jsonl: bool,
    /// Output folder; outputs mirror the input paths (a/b.txt → OUT/a/b.json).
    /// Without it, JSON Lines go to standard output.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print every diagnostic on standard error, as FILE:LINE: code: message.
    #[arg(long, short, conflicts_with = "quiet")]
    pub verbose: bool,
    /// After the run, print on standard error how many lines of each label
    /// kind (attendance, item heading, vote, …) the lexer found and how many
    /// gave a fact, with the files that left most unused: a measure of what
    /// greffier misses that needs no hand-made answers.
    #[arg(long)]
    pub stats: bool,
    /// Replace existing outputs (by default an existing output that would
    /// change is left alone and its input reported as failed).
    #[arg(long, conflicts_with = "incremental")]
    pub force: bool,
    /// Re-parse only inputs whose SHA-256 differs from the `source.sha256`
    /// recorded in their existing output; unchanged inputs are skipped.
    #[arg(long)]
    pub incremental: bool,
    /// The index named in `--format bulk` action lines.
    #[arg(long, value_name = "NAME", default_value = "deliberations")]
    pub index: String,
    /// Skip input files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub max_size: u64,
    /// `--format scdl`: the SIRET of the collectivité (COLL_SIRET) for every
    /// row the --collectivities file does not cover.
    #[arg(long, value_name = "14 DIGITS", help_heading = "SCDL")]
    pub siret: Option<String>,
    /// `--format scdl`: the préfecture's identifier (PREF_ID), `PREF062`,
    /// `SPREF0622`, `SGAR059`.
    #[arg(long, value_name = "ID", help_heading = "SCDL")]
    pub pref_id: Option<String>,
    /// `--format scdl`: the address of each deliberation's PDF (DELIB_URL),
    /// with placeholders {number} {file} {path} {date} {siret}, e.g.
    /// `https://example.fr/deliberations/{file}.pdf`.
    #[arg(long, value_name = "URL", help_heading = "SCDL")]
    pub url_template: Option<String>,
    /// `--format scdl`: a CSV file `name,siret,pref_id,url_template[,official_name]`,
    /// one line per collectivité with its name as printed in the texts, for
    /// folders that mix collectivités; its values win over the run-wide ones.
    #[arg(long, value_name = "CSV", help_heading = "SCDL")]
    pub collectivities: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One pretty JSON document per input file.
    Json,
    /// One compact JSON document per line.
    Jsonl,
    /// One flat search document per deliberation, as JSON lines.
    Search,
    /// The search documents with OpenSearch/Elasticsearch `_bulk` action lines.
    Bulk,
    /// The SCDL "Délibérations" 2.1.5 CSV, one row per deliberation
    /// (`OUT/deliberations.csv` with --out).
    Scdl,
}
