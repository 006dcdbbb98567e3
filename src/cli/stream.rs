//! `--stdin-jsonl`: records `{"path": …, "text": …}` in, one result line per
//! record out, in order, so that greffier runs unchanged as a stage of
//! Apache Spark (`RDD.pipe`), Hadoop Streaming or GNU parallel.
//!
//! A bad record (not JSON, no `text`) gives an error line
//! `{"path": …, "line": N, "error": …}` in its place: the output always has
//! exactly one line per input line. Memory stays flat: records are read,
//! parsed in parallel and written in batches.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

use crate::consistency::NumberRegistry;
use crate::model::Document;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    path: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: Option<&'a str>,
    /// 1-based line of the input stream.
    line: u64,
    error: String,
}

/// Records per batch, and bytes per batch, whichever comes first.
const BATCH_RECORDS: usize = 256;
const BATCH_BYTES: usize = 64 << 20;

/// One record's result before serialisation.
enum RecordResult {
    Doc(Box<Document>),
    Error { path: Option<String>, error: String },
}

fn parse_record(raw: &[u8], line: u64) -> RecordResult {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    match serde_json::from_slice::<Record>(raw) {
        Ok(r) => {
            let path = r.path.unwrap_or_else(|| format!("stdin-{line}.txt"));
            let bytes = r.text.as_bytes();
            match std::panic::catch_unwind(|| crate::parse_bytes(&path, bytes)) {
                Ok(doc) => RecordResult::Doc(Box::new(doc)),
                Err(_) => RecordResult::Error {
                    path: Some(path),
                    error: "internal error while parsing (please report this record)".into(),
                },
            }
        }
        Err(e) => RecordResult::Error {
            // The path, when the record is JSON with a path but no text.
            path: serde_json::from_slice::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("path")?.as_str().map(str::to_string)),
            error: format!("bad record: {e}"),
        },
    }
}

/// Runs the stream from `input` to `output`; returns the exit code (0, or 1
/// when reading or writing the streams fails).
pub fn run_stream(input: impl BufRead, output: impl Write, jobs: Option<usize>) -> i32 {
    match stream(input, output, jobs) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("greffier: --stdin-jsonl: {e}");
            1
        }
    }
}

fn stream(mut input: impl BufRead, output: impl Write, jobs: Option<usize>) -> std::io::Result<()> {
    let pool = super::thread_pool(jobs).map_err(std::io::Error::other)?;
    let mut out = std::io::BufWriter::new(output);
    let mut numbers = NumberRegistry::default();
    let mut line_no = 0u64;
    let mut eof = false;
    while !eof {
        let mut batch: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            if input.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
            }
            bytes += buf.len();
            batch.push((line_no, buf));
        }
        let results: Vec<RecordResult> = pool.install(|| {
            batch
                .par_iter()
                .map(|(n, raw)| parse_record(raw, *n))
                .collect()
        });
        for ((n, _), res) in batch.iter().zip(results) {
            let line = match res {
                RecordResult::Doc(mut doc) => {
                    let found = numbers.register_document(&doc);
                    doc.diagnostics.extend(found);
                    serde_json::to_string(&doc)
                }
                RecordResult::Error { path, error } => serde_json::to_string(&ErrorLine {
                    path: path.as_deref(),
                    line: *n,
                    error,
                }),
            }
            .map_err(std::io::Error::other)?;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_out_per_line_in() {
        let input = concat!(
            r#"{"path": "a.txt", "text": "COMMUNE DE X\nDélibération n° 2023-01\nObjet : Voirie\n\nArticle 1 : approuve.\n"}"#,
            "\n",
            "not json\n",
            r#"{"path": "c.txt"}"#,
            "\n",
            "\n",
            r#"{"path": "e.txt", "text": ""}"#,
            "\n",
        );
        let mut out = Vec::new();
        assert_eq!(run_stream(input.as_bytes(), &mut out, Some(2)), 0);
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0]["deliberations"][0]["number"], "2023-01");
        assert_eq!(lines[1]["line"], 2);
        assert!(
            lines[1]["error"]
                .as_str()
                .unwrap()
                .starts_with("bad record")
        );
        assert_eq!(lines[2]["path"], "c.txt");
        assert_eq!(lines[3]["line"], 4);
        assert_eq!(lines[4]["source"]["path"], "e.txt");
    }
}
