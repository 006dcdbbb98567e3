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

EXIT CODES:
  0  every file parsed (or was skipped on purpose)
  1  at least one file failed; each is named on standard error
  2  usage error")]
    Parse(ParseArgs),
}

#[derive(Parser, Debug)]
pub struct ParseArgs {
    /// Files or folders (walked recursively for *.txt and *.md); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One pretty JSON document per input file.
    Json,
    /// One compact JSON document per line.
    Jsonl,
}
