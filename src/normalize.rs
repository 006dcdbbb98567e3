//! Normalisation: decoded text to clean lines, each mapped to its input line.
//!
//! Every converter leaves its own debris. This stage removes it once, so the
//! parsers see one dialect:
//!
//! - line ends: CRLF and CR read like LF; a form feed starts a new page;
//! - Unicode: NFC; no-break and thin spaces become spaces; curly quotes and
//!   apostrophes become straight ones; ligatures are expanded; soft hyphens,
//!   zero-width characters and control characters are dropped;
//! - list markers: private-use bullets (U+F0xx, as Word's Symbol font leaves
//!   them), `•`, `▪`, `⇒`, `➔`, `→`, … at the start of a line become `- `;
//! - markdown and HTML: `**`, `__`, `*italic*`, `<i>…</i>`, `^{ème}`, `# `
//!   headings, `[text](url)` links;
//! - spacing: runs of up to three spaces become one; longer runs and tabs, the
//!   column gaps of `pdftotext -layout` and of tab-separated tables, become
//!   one tab, so table parsers still see the columns;
//! - page furniture: page numbers, "Page 3 / 10" footers, stamps such as
//!   `CP20220927-8`, and running headers repeated at page boundaries.
//!
//! Example: `Vu  l’avis de la 3^{ème} commission` → `Vu l'avis de la 3ème commission`.

use crate::text::Trimmed;
use regex_automata::{Anchored, Input, meta};
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub use crate::text::Line;

/// The normalised text of a file and the map from each of its lines back to
/// the input. Lines removed as page furniture are absent from the map.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// The folded lines, back to back (UTF-8, checked when lines are read);
    /// those of page furniture are left there, unread.
    folded: Vec<u8>,
    spans: Vec<Span>,
    /// Number of page breaks (form feeds) seen.
    pub pages: u32,
}

impl Normalized {
    /// The normalised lines in order, blank lines included.
    pub fn lines(&self) -> Vec<Line<'_>> {
        // One vectorised check of the whole buffer: folding keeps UTF-8 valid.
        let folded = simdutf8::basic::from_utf8(&self.folded).expect("folding keeps UTF-8 valid");
        self.spans
            .iter()
            .map(|s| Line {
                text: &self.text[s.text.start as usize..s.text.end as usize],
                folded: &folded[s.folded.start as usize..s.folded.end as usize],
                no: s.no,
                marked_heading: s.marked_heading,
            })
            .collect()
    }

    /// The input line of a byte offset into [`Normalized::text`].
    pub fn input_line(&self, offset: usize) -> Option<u32> {
        let offset = offset as u32;
        // Lines are stored back to back: a line ending at `offset` is before it.
        let i = self.spans.partition_point(|s| s.text.end <= offset);
        self.spans.get(i).map(|s| s.no)
    }
}

/// Where a kept line is in [`Normalized::text`] and in its folded form.
#[derive(Debug)]
struct Span {
    text: Range<u32>,
    folded: Range<u32>,
    no: u32,
    marked_heading: bool,
}

/// Normalises decoded text.
pub fn normalize(input: &str) -> Normalized {
    let mut text = String::with_capacity(input.len());
    // Each line is folded as soon as it is normalised, while it is in cache.
    let mut folded = Vec::with_capacity(input.len());
    let mut spans: Vec<Span> = Vec::with_capacity(input.len() / 40 + 1);
    // The first line of each page after the first (index into `spans`).
    let mut page_starts: Vec<usize> = Vec::new();
    let mut pages = 0;
    let mut scratch = String::new();
    // Most texts have no form feed: their lines are not searched for one.
    let pieces_max = match memchr::memchr(0x0c, input.as_bytes()) {
        Some(_) => usize::MAX,
        None => 1,
    };
    let mut read_line = |no: u32, physical: &str| {
        // A blank line, a third of the lines of many texts, is kept as it is.
        if physical.is_empty() {
            let (t, f) = (text.len() as u32, folded.len() as u32);
            spans.push(Span {
                text: t..t,
                folded: f..f,
                no,
                marked_heading: false,
            });
            return;
        }
        // A form feed inside a line starts a new page there.
        for (k, piece) in physical.splitn(pieces_max, '\u{c}').enumerate() {
            if k > 0 {
                pages += 1;
                page_starts.push(spans.len());
            }
            let mut push = |part: &str| {
                let start = text.len();
                normalize_line(part, &mut text, &mut scratch);
                let folded_start = folded.len() as u32;
                crate::text::append_unlowered(&text[start..], &mut folded);
                spans.push(Span {
                    text: start as u32..text.len() as u32,
                    folded: folded_start..folded.len() as u32,
                    no,
                    marked_heading: is_markdown_heading(part),
                });
            };
            if piece.len() < COLLAPSED_LINE {
                push(piece);
            } else {
                // Texts collapsed to one line are cut again before known labels.
                for part in rebreak(piece) {
                    push(part);
                }
            }
        }
    };
    let physical_lines: Vec<&str> = split_lines(input).collect();
    // A block in two columns is read column by column (see `columns`).
    match crate::columns::reading_order(&physical_lines) {
        Some(order) => {
            for (no, bytes) in order {
                read_line(no, &physical_lines[no as usize - 1][bytes]);
            }
        }
        None => {
            for (idx, physical) in physical_lines.iter().enumerate() {
                read_line(idx as u32 + 1, physical);
            }
        }
    }
    // The ASCII half of folding, over all the lines at once (see `lower_ascii`).
    crate::text::lower_ascii(&mut folded);
    let keep = furniture_mask(&text, &spans, &page_starts);
    // Furniture is rare: the lines are rewritten only when some is there.
    if keep.contains(&false) {
        let mut kept = keep.iter();
        spans.retain(|_| *kept.next().expect("one flag per line"));
    }
    Normalized {
        text,
        folded,
        spans,
        pages,
    }
}

/// A markdown heading: one to six `#` and a blank at the line's start.
fn is_markdown_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t.as_bytes().get(hashes) == Some(&b' ')
}

/// Lines longer than this are texts collapsed to one line (web exports,
/// some pdfminer output): they are cut before the labels that open a part.
const COLLAPSED_LINE: usize = 600;

/// The labels before which a collapsed line is cut. A regular pattern: a
/// regex is the right tool. [`WORD_LABELS`] are the labels that open with
/// a word, [`ACT_NUMBER_LABEL`] the one that opens with digits; a line is cut
/// before every match of the two as one alternation ([`labels`]).
const WORD_LABELS: &str = concat!(
    r"(?:\b(?:Etaient|Étaient|ETAIENT|ÉTAIENT|Sont|Membres) (?:présents|presents|PRESENTS|PRÉSENTS|excusés|absents)\b",
    r"|\b(?:S['’](?:étaient|était|ÉTAIENT|ÉTAIT)|Se sont|SE SONT) (?:fait|FAIT) (?:excuser|EXCUSER)\b",
    r"|\bAbsents?(?: excusés?)? (?:ayant donné|avec) (?:procuration|pouvoir)s? ?:",
    r"|\b(?:Présents|PRESENTS|Excusés?(?:\(s\))?|EXCUSES?|Absents?(?:\(s\))?(?: excusés?)?|ABSENTS?|Pouvoirs?|POUVOIRS?|Procurations?|Secrétaire de séance|Secrétaire)\.? ?:",
    r"|\bVu (?:le|la|les|l')\b|\bConsidérant (?:que|qu')\b|\bArticle \d+(?:er)?\b ?[:\-–.]",
    r"|\bAprès en avoir délibéré\b|\bDÉCIDE\b|\bDECIDE\b|\bObjet ?:|\b(?:Délibération|DELIBERATION|DÉLIBÉRATION) [nN]°",
    r"|\b(?:Pour|Contre|Abstentions?) ?: ?\d|\b(?:Nombre de )?(?:conseillers|membres) en exercice\b|\bDate de (?:la )?convocation\b",
    r"|\bFait à \p{Lu}|\bLe Maire,|\bLe Président,|\bVOTE ?:",
    // The account that follows an item's title.
    r"|\b(?:Monsieur|Madame) (?:le|la) (?:Maire|Président|Présidente)\b",
    r"|\b(?:[Aa]près|APRES|APRÈS) (?:en )?avoir (?:délibéré|DELIBERE|DÉLIBÉRÉ)\b",
    r"|\b(?:Extrait|EXTRAIT) (?:du|DU) (?:registre|REGISTRE)\b|\bOBJET ?:|\bL['’]an (?:deux|mil)\b|\b(?:SEANCE|SÉANCE|Séance) (?:DU|du)\b",
    // Stamps and headings of an extract.
    r"|\b(?:Reçu|Publié|Publiée|Affiché|Affichée|Envoyé|Transmis)(?: en préfecture)? le\b",
    r"|\b(?:COMMUNE|VILLE|DEPARTEMENT|DÉPARTEMENT) D(?:E|U|ES|') ?\p{Lu}|\bREGISTRE DES DELIBERATIONS\b)"
);

/// An item of minutes under its act number: "20240325 1 Approbation …".
const ACT_NUMBER_LABEL: &str = r"\b(?:19|20)\d{6} \d{1,3} \p{Lu}";

/// Every label, [`WORD_LABELS`] or [`ACT_NUMBER_LABEL`]. No match of one
/// starts where a match of the other does (a letter, a digit), so their
/// order in the alternation changes no match.
fn labels() -> String {
    format!("{WORD_LABELS}|{ACT_NUMBER_LABEL}")
}

/// [`labels`] searched in two steps. Unicode word boundaries stop the
/// regex crate's fast engine at the first accent, leaving a slow one to
/// scan the long line; so the labels are first found without their
/// boundaries (fast), and the boundaries checked only where a label is
/// (`exact`, anchored there). The matches are those of `labels()`: every
/// match of it is a match of a loose search at the same place, and the
/// loose searches are asked again from the next place when `exact` fails.
///
/// The loose search is two: `words` and `act_number`. As one, the literals
/// that open an act number, "19" and "20", would be the shortest of its
/// prefilter, which would then stop at every year of the text and match
/// all the others on their first two bytes only.
struct LabelSearch {
    words: meta::Regex,
    act_number: meta::Regex,
    exact: meta::Regex,
}

static LABEL_SEARCH: LazyLock<LabelSearch> = LazyLock::new(|| {
    let loose = |pattern: &str| meta::Regex::new(&pattern.replace(r"\b", "")).expect("valid regex");
    LabelSearch {
        words: loose(WORD_LABELS),
        act_number: loose(ACT_NUMBER_LABEL),
        // Anchored and short, the exact check needs no backtracker (which
        // clears a table the size of the rest of the line at each call).
        exact: meta::Regex::builder()
            .configure(meta::Config::new().backtrack(false))
            .build(&labels())
            .expect("valid regex"),
    }
});

impl LabelSearch {
    /// Where [`labels`] matches in `line`, as `find_iter` reports them.
    fn starts(&self, line: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let loose = [&self.words, &self.act_number];
        let search = |k: usize, at: usize| {
            loose[k]
                .search(&Input::new(line).range(at..))
                .map(|m| m.start())
        };
        // The next place each loose search found, kept until passed; none
        // is found again once a search from an earlier place found none.
        let mut next = [search(0, 0), search(1, 0)];
        let mut at = 0;
        loop {
            for (k, found) in next.iter_mut().enumerate() {
                if found.is_some_and(|s| s < at) {
                    *found = search(k, at);
                }
            }
            let Some(s) = next.iter().flatten().copied().min() else {
                return out;
            };
            let here = Input::new(line).range(s..).anchored(Anchored::Yes);
            match self.exact.search(&here) {
                Some(e) => {
                    out.push(s);
                    at = e.end();
                }
                None => at = s + line[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}

fn rebreak(line: &str) -> Vec<&str> {
    if line.len() < COLLAPSED_LINE {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut last = 0;
    for start in LABEL_SEARCH.starts(line) {
        if start > last {
            out.push(&line[last..start]);
            last = start;
            // "Monsieur le Maire présente …" opens a paragraph: the title
            // before it ends there.
            if line[last..].starts_with("Monsieur l") || line[last..].starts_with("Madame l") {
                out.push("");
            }
        }
    }
    out.push(&line[last..]);
    out
}

/// Splits on LF, CRLF and CR.
fn split_lines(input: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(input);
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr2(b'\n', b'\r', s.as_bytes()) {
            Some(i) => {
                let next = if s.as_bytes()[i] == b'\r' && s.as_bytes().get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&s[next..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                if s.is_empty() { None } else { Some(s) }
            }
        }
    })
}

/// What a byte scan tells about a line before any character is decoded:
/// flags OR-ed from a table, one lookup per byte.
#[derive(Clone, Copy)]
struct Scan(u8);

/// Some byte may start a character that [`map_chars`] changes.
const MAY_MAP: u8 = 1;
/// A byte outside ASCII and the Latin-1 / Latin Extended-A letters (lead
/// bytes C2, C3, C5): the line may hold a combining mark or a character
/// that NFC changes.
const NOT_NFC: u8 = 2;
/// A byte of markdown or HTML markup.
const MARKUP: u8 = 4;
/// A lead byte of a character that may be a bullet or a Unicode blank
/// (U+0080–U+00BF, U+1000–U+3FFF).
const WIDE_BLANK: u8 = 8;

/// A byte of [`MAY_MAP`] other than the lead bytes C2, E2 and EF, which
/// start the characters to map that texts are full of (no-break spaces,
/// curly quotes, private-use bullets).
const RARE_MAP: u8 = 16;
/// A tab: a column gap for [`push_spaced`].
const TAB: u8 = 32;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\t' => TAB,
            0..=0x1f | 0x7f | b'`' => MAY_MAP | RARE_MAP,
            b'*' | b'_' | b'<' | b'^' | b'[' | b'#' | b'\\' | b'!' => MARKUP,
            0x20..=0x7e | 0x80..=0xbf | 0xc3 | 0xc5 => 0,
            0xc2 => MAY_MAP | WIDE_BLANK,
            0xca => MAY_MAP | RARE_MAP,
            0xe2 => MAY_MAP | NOT_NFC | WIDE_BLANK,
            0xe1 | 0xe3 => MAY_MAP | NOT_NFC | WIDE_BLANK | RARE_MAP,
            0xee => MAY_MAP | NOT_NFC | RARE_MAP,
            0xef => MAY_MAP | NOT_NFC,
            _ => NOT_NFC,
        };
        b += 1;
    }
    t
};

fn scan(line: &str) -> Scan {
    Scan(
        line.as_bytes()
            .iter()
            .fold(0u8, |acc, &b| acc | BYTE_CLASS[b as usize]),
    )
}

impl Scan {
    fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

/// Normalises one line and appends it to `out`.
fn normalize_line(line: &str, out: &mut String, scratch: &mut String) {
    let sc = scan(line);
    let nfc = !sc.has(NOT_NFC) || is_nfc_from_u0300(line);
    let remapped = !nfc || (sc.has(MAY_MAP) && has_mapping(line, sc));
    // Nearly every line is NFC already and holds no character to map: it is
    // used as it is, without a copy.
    let mapped: &str = if !remapped {
        line
    } else {
        scratch.clear();
        if nfc {
            map_str(line, scratch);
        } else {
            map_chars(line.nfc(), scratch);
        }
        scratch
    };
    let cleaned = if sc.has(MARKUP) {
        strip_markup(mapped)
    } else {
        std::borrow::Cow::Borrowed(mapped)
    };
    let trimmed = cleaned.trimmed();
    if remapped || sc.has(WIDE_BLANK) {
        push_spaced(&replace_leading_bullet(trimmed), out);
    } else if sc.has(TAB) || DOUBLE_SPACE.find(trimmed.as_bytes()).is_some() {
        collapse_blanks(trimmed, out);
    } else {
        // The line as read has no tab and no Unicode blank, and is trimmed:
        // single-spaced unless two spaces follow each other.
        out.push_str(trimmed);
    }
}

/// True when `line` holds a character that [`map_chars`] changes; only the
/// characters whose first byte may start one are decoded.
fn has_mapping(line: &str, sc: Scan) -> bool {
    let maps_at = |i: usize| line[i..].chars().next().is_some_and(needs_mapping);
    if sc.has(RARE_MAP) {
        line.bytes()
            .enumerate()
            .filter(|(_, b)| BYTE_CLASS[*b as usize] & MAY_MAP != 0)
            .any(|(i, _)| maps_at(i))
    } else {
        memchr::memchr3_iter(0xc2, 0xe2, 0xef, line.as_bytes()).any(maps_at)
    }
}

/// NFC's quick check, of the runs of characters at or above U+0300 (lead
/// byte CC or more) other than U+2002–U+20CF: every other character is a
/// starter that NFC keeps, so the check of the line is that of the runs,
/// each read as if it opened a line. The punctuation of U+2002–U+20CF
/// (curly quotes, dashes, "…", "€"), in nearly every line of some
/// converters, is such a starter (a test checks it).
fn is_nfc_from_u0300(line: &str) -> bool {
    let b = line.as_bytes();
    let mut from = 0;
    while let Some(k) = crate::text::first_byte_at_least(&b[from..], 0xcc) {
        let i = from + k;
        if is_general_punctuation(&b[i..]) {
            from = i + 3;
            continue;
        }
        // The run ends before the next ASCII byte or lead byte under CC.
        let end = b[i + 1..]
            .iter()
            .position(|&x| x < 0x80 || (0xc0..0xcc).contains(&x))
            .map_or(b.len(), |e| i + 1 + e);
        if is_nfc_quick(line[i..end].chars()) != IsNormalized::Yes {
            return false;
        }
        from = end;
    }
    true
}

/// True when `b` starts with a character of U+2002–U+20CF (E2 80 82 to
/// E2 83 8F).
fn is_general_punctuation(b: &[u8]) -> bool {
    match b {
        [0xe2, 0x80, third, ..] => *third >= 0x82,
        [0xe2, 0x81 | 0x82, ..] => true,
        [0xe2, 0x83, third, ..] => *third <= 0x8f,
        _ => false,
    }
}

/// True for the characters [`map_chars`] changes.
fn needs_mapping(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\t' || c == '`';
    }
    matches!(
        c,
        '\u{a0}'
            | '\u{2000}'..='\u{206f}'
            | '\u{3000}'
            | '\u{02bc}'
            | '\u{00b4}'
            | '\u{fb00}'..='\u{fb06}'
            | '\u{e000}'..='\u{f8ff}'
            | '\u{ad}'
            | '\u{feff}'
            | '\u{fffd}'
            | '\u{80}'..='\u{9f}'
    )
}

/// [`map_chars`] of a string: the runs between bytes of [`MAY_MAP`] (every
/// character that needs mapping starts with one; accented letters do not)
/// are copied whole.
fn map_str(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A MAY_MAP byte is ASCII or a lead byte: runs end at a character.
        let end = bytes[i..]
            .iter()
            .position(|&b| BYTE_CLASS[b as usize] & MAY_MAP != 0)
            .map_or(bytes.len(), |k| i + k);
        out.push_str(&s[i..end]);
        i = end;
        if let Some(c) = s[i..].chars().next() {
            map_chars(std::iter::once(c), out);
            i += c.len_utf8();
        }
    }
}

/// Character-level mapping: spaces, quotes, ligatures, invisible characters.
fn map_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        match c {
            '\t' => out.push('\t'),
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{2002}' | '\u{2003}'
            | '\u{2004}' | '\u{2005}' | '\u{2006}' | '\u{2008}' | '\u{200a}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2019}' | '\u{2018}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}'
            | '\u{0060}' | '\u{00b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            // Private-use glyphs (Symbol/Wingdings bullets): a marker, never text.
            '\u{e000}'..='\u{f8ff}' => out.push('\u{2022}'),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{fffd}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Removes markdown and HTML emphasis, superscripts and links.
fn strip_markup(s: &str) -> std::borrow::Cow<'_, str> {
    // All ASCII: compared byte by byte, no character decoded.
    if !s
        .bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'<' | b'^' | b'[' | b'#' | b'\\'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    // Markdown heading marks at the start of a line.
    let trimmed = s.trim_start();
    if trimmed.starts_with('#') {
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if trimmed[hashes..].starts_with(' ') {
            i = s.len() - trimmed.len() + hashes;
        }
    }
    while i < bytes.len() {
        let rest = &s[i..];
        let b = bytes[i];
        match b {
            b'*' | b'_' => {
                let run = rest.bytes().take_while(|&x| x == b).count();
                let prev = s[..i].chars().next_back();
                let next = rest[run..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
                // `**bold**`, `*italic*`, `__x__`: drop marks that touch a word.
                // A lone `*` between spaces, or `_` inside a word, is text.
                let inside_word = word(prev) && word(next);
                if run >= 2
                    || (b == b'*'
                        && (word(prev) || word(next))
                        && !(prev.is_none() && next == Some(' ')))
                    || (b == b'_' && !inside_word && (word(prev) || word(next)))
                {
                    i += run;
                } else {
                    out.push_str(&rest[..run]);
                    i += run;
                }
            }
            b'<' => {
                if let Some(len) = html_tag_len(rest) {
                    if rest[..len].to_ascii_lowercase().starts_with("<br") {
                        out.push(' ');
                    }
                    i += len;
                } else {
                    out.push('<');
                    i += 1;
                }
            }
            b'^' if rest.starts_with("^{") => match rest.find('}') {
                Some(end) => {
                    out.push_str(&rest[2..end]);
                    i += end + 1;
                }
                None => {
                    out.push('^');
                    i += 1;
                }
            },
            b'\\' if rest.len() > 1 && rest.as_bytes()[1].is_ascii_punctuation() => {
                out.push(rest.as_bytes()[1] as char);
                i += 2;
            }
            b'!' | b'[' => match markdown_link(rest) {
                Some((label, len)) => {
                    if b == b'[' {
                        out.push_str(label);
                    }
                    i += len;
                }
                None => {
                    out.push(b as char);
                    i += 1;
                }
            },
            _ => {
                // Text up to the next byte that may start markup, whole.
                let end = rest
                    .bytes()
                    .skip(1)
                    .position(|b| BYTE_CLASS[b as usize] & MARKUP != 0)
                    .map_or(rest.len(), |k| k + 1);
                out.push_str(&rest[..end]);
                i += end;
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Length of an HTML tag of the few kinds converters emit, if `s` starts with one.
fn html_tag_len(s: &str) -> Option<usize> {
    const TAGS: [&str; 9] = ["i", "b", "u", "em", "strong", "sup", "sub", "br", "span"];
    let inner = s.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let name = inner[..name_len].to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let end = s.find('>')?;
    (end < 80).then_some(end + 1)
}

/// `[label](url)` or `![alt](url)` at the start of `s`: the label and the length.
fn markdown_link(s: &str) -> Option<(&str, usize)> {
    let open = if s.starts_with("![") {
        2
    } else if s.starts_with('[') {
        1
    } else {
        return None;
    };
    let close = s[open..].find("](")? + open;
    let label = &s[open..close];
    if label.contains(']') {
        return None;
    }
    let url_end = s[close + 2..].find(')')? + close + 2;
    let url = &s[close + 2..url_end];
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url_end + 1))
}

/// List markers that converters print at the start of an item.
const BULLETS: [char; 16] = [
    '\u{2022}', '\u{25aa}', '\u{25ab}', '\u{25e6}', '\u{25cf}', '\u{25cb}', '\u{25a0}', '\u{25a1}',
    '\u{27a2}', '\u{27a4}', '\u{21d2}', '\u{2794}', '\u{2192}', '\u{25ba}', '\u{2023}', '\u{2713}',
];

/// A bullet at the start of a line becomes `- `; elsewhere bullets are dropped.
fn replace_leading_bullet(s: &str) -> std::borrow::Cow<'_, str> {
    // Every bullet is a character of U+2000–U+2FFF, led by the byte E2:
    // only the characters there are decoded.
    let bullet_at = |i: usize| s[i..].starts_with(BULLETS);
    if !memchr::memchr_iter(0xe2, s.as_bytes()).any(bullet_at) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    if let Some(c) = rest.chars().next().filter(|c| BULLETS.contains(c)) {
        rest = rest[c.len_utf8()..]
            .trim_start_matches(BULLETS)
            .trim_start();
        out.push_str("- ");
    }
    // Each other bullet becomes a space; the text between them is copied whole.
    let mut copied = 0;
    for i in memchr::memchr_iter(0xe2, rest.as_bytes()) {
        if let Some(c) = rest[i..].chars().next().filter(|c| BULLETS.contains(c)) {
            out.push_str(&rest[copied..i]);
            out.push(' ');
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&rest[copied..]);
    std::borrow::Cow::Owned(out.trimmed().to_string())
}

/// Appends `s`, with spaces collapsed: up to three become one, longer runs
/// and tabs become one tab (a column gap). The rare Unicode blanks left
/// after [`map_chars`] (line separators, Ogham space) count as spaces.
fn push_spaced(s: &str, out: &mut String) {
    if is_single_spaced(s) {
        out.push_str(s);
    } else {
        collapse_blanks(s, out);
    }
}

/// [`push_spaced`] of a line known to hold blanks to collapse. A run of
/// blanks between words becomes one space, or one tab when it holds a tab
/// or four spaces or more (a Unicode blank counts as a space); a run at the
/// end is dropped. The text between the runs to change is copied whole (a
/// lone space between words is left as it is), and once the first run is
/// changed, a rest with nothing to change is copied at once: markdown list
/// items ("-   La Direction …") have one run, after their dash.
fn collapse_blanks(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let (mut copied, mut changed) = (0, false);
    let mut i = 0;
    while i < bytes.len() {
        if !MAY_START_BLANK[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (mut end, mut spaces, mut tab) = (i, 0usize, false);
        while end < bytes.len() {
            end += match bytes[end] {
                b' ' => {
                    spaces += 1;
                    1
                }
                b'\t' => {
                    tab = true;
                    1
                }
                b if BLANK_LEADS.contains(&b) => match unicode_blank_len(s, end) {
                    0 => break,
                    len => {
                        spaces += 1;
                        len
                    }
                },
                _ => break,
            };
        }
        if end == i {
            // The lead byte of a character that is no blank ("°", "–").
            i += 1;
            continue;
        }
        let last = end == bytes.len();
        if !(end == i + 1 && bytes[i] == b' ' && !last) {
            out.push_str(&s[copied..i]);
            if !last {
                out.push(if tab || spaces >= 4 { '\t' } else { ' ' });
            }
            copied = end;
            if !changed && is_single_spaced(&s[end..]) {
                break;
            }
            changed = true;
        }
        i = end;
    }
    out.push_str(&s[copied..]);
}

/// The bytes a blank may start with: space, tab and [`BLANK_LEADS`].
static MAY_START_BLANK: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    let mut k = 0;
    while k < BLANK_LEADS.len() {
        t[BLANK_LEADS[k] as usize] = true;
        k += 1;
    }
    t
};

/// Two spaces in a row, searched with one prebuilt searcher.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// True when `s` has nothing for [`push_spaced`] to change: no tab, no two
/// spaces in a row, no trailing space, no Unicode blank. Most lines are so;
/// each test is one vectorised scan, and the Unicode blanks are looked for
/// only at their lead bytes. (The names' test, `trivia::is_plain_spaced`,
/// reads eight bytes at a time: asked of whole lines, long and full of
/// curly quotes and dashes, it cost 1.5 % more instructions per round.)
fn is_single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    let [c2, e1, e2, e3] = BLANK_LEADS;
    let unicode_blank = |i: usize| unicode_blank_len(s, i) > 0;
    // Two spaces first: where a line is not single-spaced, they are
    // usually why, found without reading the rest.
    b.last() != Some(&b' ')
        && DOUBLE_SPACE.find(b).is_none()
        && memchr::memchr(b'\t', b).is_none()
        && !memchr::memchr3_iter(c2, e1, e2, b).any(unicode_blank)
        && !memchr::memchr_iter(e3, b).any(unicode_blank)
}

/// The lead bytes of the Unicode blanks (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000).
const BLANK_LEADS: [u8; 4] = [0xc2, 0xe1, 0xe2, 0xe3];

/// The length of the Unicode blank at byte `i` of `s`, 0 if none.
fn unicode_blank_len(s: &str, i: usize) -> usize {
    s[i..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8)
}

/// Marks the lines to keep: false for page furniture.
fn furniture_mask(text: &str, spans: &[Span], page_starts: &[usize]) -> Vec<bool> {
    let line = |i: usize| &text[spans[i].text.start as usize..spans[i].text.end as usize];
    let is_blank = |i: usize| spans[i].text.is_empty();
    let mut keep = vec![true; spans.len()];
    // Lines next to a page break (first and last non-blank lines of a page).
    let mut boundary = vec![false; spans.len()];
    for &i in page_starts {
        if let Some(j) = (i..spans.len()).find(|&j| !is_blank(j)) {
            boundary[j] = true;
        }
        if let Some(k) = (0..i).rev().find(|&k| !is_blank(k)) {
            boundary[k] = true;
        }
    }
    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for (i, _) in boundary.iter().enumerate().filter(|(_, b)| **b) {
        *seen.entry(line(i)).or_default() += 1;
    }
    for i in 0..spans.len() {
        if is_blank(i) {
            continue;
        }
        let l = line(i);
        let blank_around = (i == 0 || is_blank(i - 1)) && (i + 1 == spans.len() || is_blank(i + 1));
        // A label with its value repeated at two page ends ("Abstentions :
        // 3, Mme DANAN, …", a vote clause) is text, not a running header.
        let repeated_header = boundary[i]
            && seen.get(l).copied().unwrap_or(0) >= 2
            && l.len() < 160
            && !crate::text::has_label_and_value(l);
        if is_stamp(l)
            || is_page_footer(l)
            // Where the converter marked the pages, a page number is at a
            // page's edge; a number between blanks elsewhere is text (the
            // counts of a box printed one under the other).
            || ((boundary[i] || (page_starts.is_empty() && blank_around)) && is_bare_page_number(l))
            || repeated_header
        {
            keep[i] = false;
        }
    }
    keep
}

/// `12`, `- 3 -`, `2/5`, `Page 4`, `Page 1 sur 6`.
fn is_bare_page_number(l: &str) -> bool {
    // Nothing else than these bytes can be in one: a line of text is turned
    // away at its first letter outside "Page", "sur".
    static PAGE_NUMBER_BYTE: [bool; 256] = {
        let mut t = [false; 256];
        let bytes = b"0123456789 /-\tPpAaGgEesur";
        let mut k = 0;
        while k < bytes.len() {
            t[bytes[k] as usize] = true;
            k += 1;
        }
        t
    };
    if !l.bytes().all(|b| PAGE_NUMBER_BYTE[usize::from(b)]) {
        return false;
    }
    let t = l.trim_matches(|c: char| c == '-' || c == ' ' || c == '\t');
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .or_else(|| t.strip_prefix("PAGE "))
        .unwrap_or(t);
    let mut parts = t.split(['/', ' ']).filter(|p| !p.is_empty() && *p != "sur");
    let first = parts.next();
    first.is_some_and(|p| p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.all(|p| p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A running footer that ends with a page count: `… – Page 1 / 10`.
fn is_page_footer(l: &str) -> bool {
    // The footer ends with the page count; most lines end with a letter or a
    // sign, read without decoding.
    if l.as_bytes()
        .last()
        .is_some_and(|&b| b.is_ascii() && !b.is_ascii_digit() && !b.is_ascii_whitespace())
    {
        return false;
    }
    if l.len() > 200 || !l.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let b = l.as_bytes();
    let Some(pos) = memchr::memrchr2_iter(b'p', b'P', b).find(|&i| {
        b.get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"page "))
    }) else {
        return false;
    };
    let tail = &l[pos + 5..];
    let tail = tail.trimmed();
    let mut nums = tail
        .split(['/', ' '])
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("sur"));
    let a = nums.next();
    let b = nums.next();
    a.is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && b.is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && nums.next().is_none()
}

/// A registry stamp printed on every page: two to four capitals, a date
/// `YYYYMMDD`, a dash and a sequence number (`CP20220927-8`).
fn is_stamp(l: &str) -> bool {
    let b = l.as_bytes();
    // The date's first digit is among the second to fifth bytes: a line of
    // text is turned away there.
    if !b
        .get(1..5)
        .is_some_and(|head| head.iter().any(u8::is_ascii_digit))
    {
        return false;
    }
    let caps = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=4).contains(&caps) {
        return false;
    }
    let rest = &b[caps..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    digits == 8
        && rest.get(8) == Some(&b'-')
        && rest.len() > 9
        && rest[9..].iter().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm_lines(s: &str) -> Vec<(String, u32)> {
        let n = normalize(s);
        n.lines()
            .iter()
            .map(|l| (l.text.to_string(), l.no))
            .collect()
    }

    #[test]
    fn crlf_cr_and_lf_give_the_same_lines() {
        let a = norm_lines("Vu le code ;\nDECIDE :\n");
        let b = norm_lines("Vu le code ;\r\nDECIDE :\r\n");
        let c = norm_lines("Vu le code ;\rDECIDE :\r");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a[1], ("DECIDE :".to_string(), 2));
    }

    #[test]
    fn spaces_quotes_and_markup() {
        let l = norm_lines("Vu  l\u{2019}avis de la 3^{ème}\u{a0}commission **important**");
        assert_eq!(l[0].0, "Vu l'avis de la 3ème commission important");
        let l = norm_lines("Bilan <i>annuel</i>, *Liberté");
        assert_eq!(l[0].0, "Bilan annuel, Liberté");
        let l = norm_lines("# RAPPORT [lien](http://x.fr) fin");
        assert_eq!(l[0].0, "RAPPORT lien fin");
    }

    #[test]
    fn bullets_become_dashes() {
        let l = norm_lines("\u{f0d8} soit de compléter\n• mobilité\n\u{2192} suite");
        assert_eq!(l[0].0, "- soit de compléter");
        assert_eq!(l[1].0, "- mobilité");
        assert_eq!(l[2].0, "- suite");
        // Inside a line a bullet is a blank; at its end it is dropped.
        let l = norm_lines("• • les équipements\u{2013} socle \u{25aa} tablettes ▪\n•• ⇒ x");
        assert_eq!(l[0].0, "- les équipements\u{2013} socle tablettes");
        assert_eq!(l[1].0, "- x");
    }

    #[test]
    fn wide_gaps_become_tabs() {
        let l = norm_lines("C03-288H01     657382/93288\t57 000,00");
        assert_eq!(l[0].0, "C03-288H01\t657382/93288\t57 000,00");
    }

    #[test]
    fn a_running_header_is_dropped_but_a_vote_clause_at_two_page_ends_is_kept() {
        let page = |body: &str| format!("Mairie de Belval\n{body}\nAbstentions : 3, Mme DANAN\n");
        let text = [page("Vote :"), page("Vote :"), page("fin")].join("\x0c");
        let l = norm_lines(&text);
        let texts: Vec<_> = l.iter().map(|(t, _)| t.as_str()).collect();
        // Dropped where it follows a page break.
        assert_eq!(
            texts.iter().filter(|t| **t == "Mairie de Belval").count(),
            1,
            "{texts:?}"
        );
        assert_eq!(
            texts
                .iter()
                .filter(|t| t.starts_with("Abstentions"))
                .count(),
            3,
            "{texts:?}"
        );
    }

    #[test]
    fn page_furniture_is_dropped_and_lines_keep_their_numbers() {
        let l = norm_lines(
            "texte\n\nCP20220927-8\n\nsuite\nCommune - Conseil du 27 mai 2025 – Page 1 / 10\n\n3\n\nfin",
        );
        let texts: Vec<_> = l
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, ["texte", "suite", "fin"]);
        assert_eq!(l.last().unwrap().1, 10);
    }

    #[test]
    fn page_numbers_footers_and_stamps_in_every_form() {
        for page in [
            "12",
            "- 3 -",
            "2/5",
            "Page 4",
            "page 1 sur 6",
            "PAGE 12 / 30",
            "3/",
            "sur 3",
        ] {
            assert!(is_bare_page_number(page), "{page}");
        }
        for text in [
            "12 mai",
            "Page de garde",
            "Article 3",
            "1234",
            "– 3 –",
            "Pages 4",
        ] {
            assert!(!is_bare_page_number(text), "{text}");
        }
        assert!(is_page_footer("Conseil du 27 mai 2025 – Page 1 / 10"));
        assert!(is_page_footer("Commune de X - page 2 sur 3\u{a0}"));
        assert!(!is_page_footer("Voir la page 2."));
        assert!(!is_page_footer("Séance du 27 mai 2025"));
        for stamp in ["CP20220927-8", "A20220927-1", "ABCD20220927-12"] {
            assert!(is_stamp(stamp), "{stamp}");
        }
        for text in [
            "ABCDE20220927-1",
            "CP2022092-8",
            "CP20220927",
            "Vu 20220927-1",
        ] {
            assert!(!is_stamp(text), "{text}");
        }
    }

    #[test]
    fn running_header_at_page_breaks_is_dropped() {
        let s = "Commune de X\ntexte 1\n\u{c}Commune de X\ntexte 2\n\u{c}Commune de X\ntexte 3";
        let l = norm_lines(s);
        let texts: Vec<_> = l
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, ["Commune de X", "texte 1", "texte 2", "texte 3"]);
    }

    #[test]
    fn collapsed_lines_are_cut_before_labels() {
        let long = format!(
            "{} Etaient présents : M. Paul DURAND, Mme Anne ROUX Secrétaire de séance : M. Paul DURAND Vu le code ; Pour : 12 Contre : 0",
            "x".repeat(600)
        );
        let l = norm_lines(&long);
        let texts: Vec<_> = l.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts[1], "Etaient présents : M. Paul DURAND, Mme Anne ROUX");
        assert_eq!(texts[2], "Secrétaire de séance : M. Paul DURAND");
        assert_eq!(texts[3], "Vu le code ;");
        assert_eq!(texts[4], "Pour : 12");
        assert!(l.iter().all(|(_, no)| *no == 1));
    }

    #[test]
    fn the_two_step_label_search_finds_what_the_regex_finds() {
        let regex = regex::Regex::new(&labels()).unwrap();
        // Labels glued to accented letters (no Unicode word boundary), labels
        // that start or end with an accent, and labels back to back.
        let cases = [
            "éVu le code, Vu la loi ; Présents: X éPour : 3 Pour : 4é DÉCIDE Article 12er :",
            "déjàVu le Étaient présents Étaient présentsé ÉTAIENT PRESENTS Après en avoir délibéré, délibéréx",
            "Après en avoir délibérée Après avoir DÉLIBÉRÉ DECIDEz DECIDE Le Maire, Le Président,é 20240325 1 Éloge",
            "L’an deux mille, Reçu en préfecture le 3 ; Publiée le 4 COMMUNE DE SACLAS VILLE D'ÉVRY DÉPARTEMENT DU NORD",
            "Monsieur le Maire présente ; Madame la Présidente ; Monsieur le Présidente Article 3- ok Article 3 – ok",
            "en 2023, 20240325 1 Budget 2024032 1 X 19991231 12 Vote 20240325 1234 Y 2024032512 1 Z Pour : 20240325 3 Élu",
        ];
        for case in cases {
            let want: Vec<usize> = regex.find_iter(case).map(|m| m.start()).collect();
            assert_eq!(LABEL_SEARCH.starts(case), want, "{case}");
        }
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let want: Vec<usize> = regex.find_iter(line).map(|m| m.start()).collect();
                assert_eq!(LABEL_SEARCH.starts(line), want, "{line}");
            }
        }
    }

    #[test]
    fn offsets_map_back_to_input_lines() {
        let n = normalize("un\r\n\r\ndeux\ntrois");
        let off = n.text.find("deux").unwrap();
        assert_eq!(n.input_line(off), Some(3));
        assert_eq!(n.input_line(n.text.find("trois").unwrap()), Some(4));
    }

    #[test]
    fn general_punctuation_is_made_of_starters_nfc_keeps() {
        use unicode_normalization::char::canonical_combining_class;
        for c in '\u{2000}'..='\u{20ff}' {
            let mut buf = [0u8; 4];
            let skipped = is_general_punctuation(c.encode_utf8(&mut buf).as_bytes());
            assert_eq!(skipped, ('\u{2002}'..='\u{20cf}').contains(&c), "{c:?}");
            if skipped {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            }
        }
    }

    /// The first [`collapse_blanks`], word by word: the oracle of its proptest.
    fn collapse_blanks_word_by_word(s: &str, out: &mut String) {
        let bytes = s.as_bytes();
        let (mut spaces, mut tab) = (0usize, false);
        let (mut i, mut word_start) = (0, 0);
        while i < bytes.len() {
            let blank_len = match bytes[i] {
                b' ' => {
                    spaces += 1;
                    1
                }
                b'\t' => {
                    tab = true;
                    1
                }
                b if BLANK_LEADS.contains(&b) => match unicode_blank_len(s, i) {
                    0 => 0,
                    len => {
                        spaces += 1;
                        len
                    }
                },
                _ => 0,
            };
            if blank_len > 0 {
                out.push_str(&s[word_start..i]);
                i += blank_len;
                word_start = i;
            } else {
                if tab || spaces > 0 {
                    out.push(if tab || spaces >= 4 { '\t' } else { ' ' });
                    spaces = 0;
                    tab = false;
                }
                // The rest of the word, up to a byte that may start a blank.
                i += 1;
                while i < bytes.len() && !MAY_START_BLANK[usize::from(bytes[i])] {
                    i += 1;
                }
            }
        }
        out.push_str(&s[word_start..]);
    }

    proptest::proptest! {
        #[test]
        fn blanks_collapse_as_word_by_word(
            line in "[a\u{e9}\u{b0}\u{2013}\u{a0}\u{2003}\u{2028}\u{3000}\u{1680} \t-]{0,24}",
        ) {
            let (mut want, mut got) = (String::new(), String::new());
            collapse_blanks_word_by_word(&line, &mut want);
            collapse_blanks(&line, &mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_nfc_check_agrees_with_the_whole_line_check(
            line in "[a\u{e9}\u{301}\u{327}\u{2019}\u{2013}\u{20ac}\u{2000}\u{2001}\u{20d0}\u{2126}\u{f0d8}\u{3b1}\u{1100}\u{1161}\u{345} ]{0,12}",
        ) {
            proptest::prop_assert_eq!(
                is_nfc_from_u0300(&line),
                is_nfc_quick(line.chars()) == IsNormalized::Yes
            );
        }
    }

    #[test]
    fn ligatures_and_nfc() {
        let l = norm_lines("e\u{301}galite\u{301} ﬁnancière");
        assert_eq!(l[0].0, "égalité financière");
    }
}
