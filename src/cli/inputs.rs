//! Finding the input files: files, folders walked recursively, or `-`.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

use super::report::Outcome;

/// One input to parse, or a problem met while looking for inputs.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, with the path to record (relative to the input root).
    File { path: PathBuf, rel: PathBuf },
    /// Standard input.
    Stdin,
    /// Something met while listing that is reported but not read: a symlink
    /// loop or an unreadable folder (failed), a folder named like a text file
    /// (skipped, its files are read).
    Unlisted { path: PathBuf, outcome: Outcome },
}

fn failed(path: PathBuf, reason: String) -> Input {
    Input::Unlisted {
        path,
        outcome: Outcome::Failed { reason },
    }
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File { path, .. } | Input::Unlisted { path, .. } => path.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

/// The extensions read from folders.
pub fn is_text_name(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md")
    )
}

/// Lists the inputs named on the command line, in a stable order. Files in
/// `exclude` (the output folder) are never read as input.
pub fn collect(args: &[String], exclude: Option<&Path>) -> Vec<Input> {
    let exclude = exclude.and_then(|e| e.canonicalize().ok());
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                out.push(failed(path, e.to_string()));
                continue;
            }
        };
        if meta.is_file() {
            let rel = path
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| path.clone());
            out.push(Input::File { path, rel });
            continue;
        }
        let walker = WalkDir::new(&path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        let walker = walker.filter_entry(|e| {
            // The canonical path of an entry that is not a symbolic link
            // ends with the entry's own name: only such names and links are
            // resolved (a system call per component), not every file.
            let skip = exclude.as_ref().is_some_and(|x| {
                (e.path_is_symlink() || x.file_name() == Some(e.file_name()))
                    && e.path().canonicalize().is_ok_and(|c| &c == x)
            });
            !skip
        });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_text_name(e.path()) => {
                    let rel = e
                        .path()
                        .strip_prefix(&path)
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|_| e.path().to_path_buf());
                    out.push(Input::File {
                        path: e.path().to_path_buf(),
                        rel,
                    });
                }
                Ok(e) if e.file_type().is_dir() && e.depth() > 0 && is_text_name(e.path()) => {
                    out.push(Input::Unlisted {
                        path: e.path().to_path_buf(),
                        outcome: Outcome::Skipped {
                            reason: "a folder named like a text file; the files inside it are read"
                                .into(),
                        },
                    });
                }
                Ok(_) => {}
                Err(err) => {
                    let p = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        err.to_string()
                    };
                    out.push(failed(p, reason));
                }
            }
        }
    }
    out
}
