//! greffier turns the text of French local assemblies' deliberations into
//! structured open data.
//!
//! The pipeline for one file: [`decode`] → [`normalize`] → [`lex`] → [`assemble`] (which
//! calls the parsers of [`parse`]) → the [`model`] serialised as JSON.
//!
//! ```
//! let doc = greffier::parse_bytes("cp.txt", "DEPARTEMENT DU PAS-DE-CALAIS\n".as_bytes());
//! assert_eq!(doc.source.encoding, "utf-8");
//! assert!(doc.deliberations.is_empty());
//! ```

pub mod assemble;
pub mod cli;
pub mod columns;
pub mod consistency;
pub mod decode;
pub mod extract;
pub mod lex;
pub mod matiere;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod scdl;
pub mod search;
pub mod text;

use model::{Document, SCHEMA_VERSION, Source};
use sha2::{Digest, Sha256};

/// Hex SHA-256 of the input bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Parses one file's bytes. `path` is recorded as `source.path`.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Document {
    parse_bytes_hashed(path, bytes, sha256_hex(bytes))
}

/// [`parse_bytes`] when the caller already computed the SHA-256 of `bytes`.
pub fn parse_bytes_hashed(path: &str, bytes: &[u8], sha256: String) -> Document {
    let decoded = decode::decode(bytes);
    let mut diagnostics = Vec::new();
    if decoded.had_errors {
        diagnostics.push(model::Diagnostic::warning(
            "decode.replaced",
            None,
            "some bytes could not be decoded and were dropped",
        ));
    }
    let norm = normalize::normalize(&decoded.text);
    let lines = norm.lines();
    let seg = assemble::assemble(&lines, &mut diagnostics);
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        source: Source {
            path: path.to_string(),
            sha256,
            bytes: bytes.len() as u64,
            encoding: decoded.encoding.to_string(),
        },
        sitting: seg.sitting,
        deliberations: seg.deliberations,
        other_sections: seg.other_sections,
        diagnostics,
        coverage: seg.coverage,
    };
    matiere::classify_all(&mut doc.deliberations, &mut doc.diagnostics);
    consistency::check(&mut doc);
    doc
}
