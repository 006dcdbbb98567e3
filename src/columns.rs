//! Reading order of a text laid out in two columns.
//!
//! `pdftotext -layout` keeps the page's geometry: a narrow column printed
//! beside the text (the sidebar of an extract: "Extrait du registre des /
//! délibérations du Conseil / … / n° 2014 / 131", or a stamp beside the
//! heading) shares its lines with the text, each line holding a piece of
//! both, separated by a run of blanks at the same column. Read line by line,
//! the sidebar cuts every sentence and every list in two ("Montpellier
//! Présents :"). This stage finds such blocks and gives the reading order:
//! the left column's pieces, then the right column's, each piece a slice of
//! its input line. Texts without such a block are read as they are.

use std::ops::Range;

/// Blanks between the two columns: at least this many spaces.
const GUTTER: usize = 3;
/// The fewest lines that hold a piece of both columns in a block.
const SHARED_LINES: usize = 2;
/// How far (in characters) a column's start may wander from line to line.
const SLACK: usize = 2;

/// One input line as the two columns share it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Blank,
    /// Text on one side only, starting at this column and ending before
    /// the other.
    Left {
        end: usize,
    },
    Right {
        start: usize,
    },
    /// Text in both columns: the left piece ends at `left_end` (a byte
    /// offset), the right one starts at byte `right` and column `column`.
    Both {
        left_end: usize,
        right: usize,
        column: usize,
        prose: bool,
        /// No other gap on the line: no table row.
        one_gap: bool,
    },
    /// Anything else: prose across the page, a table of several columns.
    Other,
}

/// The lines of `input` in reading order, each with its 1-based line
/// number, when the text holds a block in two columns; None otherwise (the
/// lines are read as they are).
pub fn reading_order(lines: &[&str]) -> Option<Vec<(u32, Range<usize>)>> {
    let blocks = blocks(lines);
    if blocks.is_empty() {
        return None;
    }
    let mut order = Vec::with_capacity(lines.len() + 16);
    let mut next = 0;
    for (block, column) in blocks {
        for (k, line) in lines.iter().enumerate().take(block.start).skip(next) {
            order.push((k as u32 + 1, 0..line.len()));
        }
        // The left column first, then the right one.
        let mut right = Vec::new();
        for k in block.clone() {
            let no = k as u32 + 1;
            match shape(lines[k]) {
                Shape::Both {
                    left_end, right: r, ..
                } => {
                    order.push((no, 0..left_end));
                    right.push((no, r..lines[k].len()));
                }
                Shape::Right { start } if start + SLACK >= column => {
                    right.push((no, 0..lines[k].len()))
                }
                _ => order.push((no, 0..lines[k].len())),
            }
        }
        order.extend(right);
        next = block.end;
    }
    for (k, line) in lines.iter().enumerate().skip(next) {
        order.push((k as u32 + 1, 0..line.len()));
    }
    Some(order)
}

/// True when a line may hold two columns: a gap of [`GUTTER`] spaces after
/// its first text. One vectorised search; most lines have none.
fn may_hold_two(line: &str) -> bool {
    let text = line.trim();
    text.len() > GUTTER && memchr::memmem::find(text.as_bytes(), b"   ").is_some()
}

/// The shape of one line: where its text is, in characters.
fn shape(line: &str) -> Shape {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let text = line.trim();
    if text.is_empty() {
        return Shape::Blank;
    }
    if line.contains('\t') {
        return Shape::Other;
    }
    let gaps: Vec<(usize, usize)> = gaps(line, indent);
    match gaps.as_slice() {
        [] if indent >= 20 => Shape::Right {
            start: column_of(line, indent),
        },
        [] => Shape::Left {
            end: column_of(line, line.trim_end().len()),
        },
        // The right column starts after the last gap: the sidebar may hold
        // gaps of its own ("EN EXERCICE       29").
        [.., (gap, right)] if words(&line[*right..]) => Shape::Both {
            left_end: *gap,
            right: *right,
            column: column_of(line, *right),
            prose: prose(&line[*right..]),
            one_gap: gaps.len() == 1,
        },
        _ => Shape::Other,
    }
}

/// The runs of [`GUTTER`] spaces or more between the text of a line, as
/// (start, end) byte offsets.
fn gaps(line: &str, from: usize) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let end = line.trim_end().len();
    let mut out = Vec::new();
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&bytes[i..end], b"   ") {
        let start = i + k;
        let mut stop = start;
        while stop < end && bytes[stop] == b' ' {
            stop += 1;
        }
        if stop - start >= GUTTER {
            out.push((start, stop));
        }
        i = stop;
    }
    out
}

/// A piece with words: two letters or more.
fn words(piece: &str) -> bool {
    piece.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// The fewest characters of the text beside a sidebar.
const PROSE: usize = 15;

/// A right-hand piece that reads as the text, not as a table cell ("21
/// voix", "1 (Jean Marie SALANON)", "12 000,00"): [`PROSE`] characters or
/// more, opening with a word.
fn prose(piece: &str) -> bool {
    piece.trim_end().len() >= PROSE
        && piece.starts_with(char::is_alphabetic)
        && piece.chars().filter(|c| c.is_alphabetic()).nth(3).is_some()
}

/// The column (in characters) of byte offset `at`.
fn column_of(line: &str, at: usize) -> usize {
    line[..at].chars().count()
}

/// The blocks in two columns: ranges of lines, each with the column where
/// its right column starts. A block runs from a line holding both columns
/// to the last one with the same gutter; between them, lines hold one
/// column only or are blank.
fn blocks(lines: &[&str]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        // A block opens on a line of two pieces only (a table row has more).
        let Shape::Both {
            column,
            one_gap: true,
            prose,
            ..
        } = (if may_hold_two(lines[k]) {
            shape(lines[k])
        } else {
            Shape::Other
        })
        else {
            k += 1;
            continue;
        };
        let near = |c: usize| c.abs_diff(column) <= SLACK;
        let (mut last, mut shared, mut prose_lines) = (k, 1, usize::from(prose));
        let mut j = k + 1;
        while j < lines.len() {
            match shape(lines[j]) {
                Shape::Both {
                    column: c, prose, ..
                } if near(c) => {
                    last = j;
                    shared += 1;
                    prose_lines += usize::from(prose);
                }
                Shape::Blank => {}
                Shape::Left { end } if end + GUTTER <= column => {}
                Shape::Right { start } if near(start) => {}
                _ => break,
            }
            j += 1;
        }
        // The text beside the sidebar reads as prose on some line: two
        // table columns do not.
        if shared >= SHARED_LINES && prose_lines > 0 {
            out.push((k..last + 1, column));
        }
        k = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        match reading_order(&lines) {
            Some(order) => order
                .into_iter()
                .map(|(no, r)| lines[no as usize - 1][r].trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
            None => lines.iter().map(|l| l.trim().to_string()).collect(),
        }
    }

    #[test]
    fn a_sidebar_is_read_before_the_text_beside_it() {
        let text = [
            "  Extrait du registre des          Convoqué le lundi 3 avril, le Conseil s'est",
            "  délibérations du Conseil         réuni en mairie sous la présidence du Maire.",
            "  Municipal                        Présents :",
            "  n° 2023 / 41                      Ana MARTY, Paul VINCENT, Luc DEBELLE,",
            "                                   Rémi BORDE.",
            "Le Conseil adopte.",
        ]
        .join("\n");
        let text = text.as_str();
        assert_eq!(
            read(text),
            [
                "Extrait du registre des",
                "délibérations du Conseil",
                "Municipal",
                "n° 2023 / 41",
                "Convoqué le lundi 3 avril, le Conseil s'est",
                "réuni en mairie sous la présidence du Maire.",
                "Présents :",
                "Ana MARTY, Paul VINCENT, Luc DEBELLE,",
                "Rémi BORDE.",
                "Le Conseil adopte."
            ]
        );
    }

    #[test]
    fn tables_and_justified_prose_are_left_as_they_are() {
        let table = "\
Chapitre 011     Charges générales     12 000,00
Chapitre 012     Charges de personnel  30 000,00
Pour    21 voix
Contre   1 (Jean Marie SALANON)
Abstention   1 (Sébastien MAYOR)";
        let lines: Vec<&str> = table.lines().collect();
        assert!(reading_order(&lines).is_none());
        let prose = "\
Approbation à l'unanimité du compte-rendu                de   la   séance    du   Conseil
Communautaire du 20 février 2025 ;";
        let lines: Vec<&str> = prose.lines().collect();
        assert!(reading_order(&lines).is_none());
    }
}
