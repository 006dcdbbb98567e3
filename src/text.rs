//! Text basics shared by the normaliser and every parser: the normalised
//! [`Line`], folding (lower case, no accents) and keyword search in folded
//! text, trimming, and joining the lines of a block into one
//! whitespace-normalised string.
//!
//! French labels come in every case and with or without accents
//! ("Étaient présents", "ETAIENT PRESENTS", "Etaient presents"): rules compare
//! folded text.

/// One normalised line: a slice of the normalised text, its folded form and
/// the 1-based line of the input file it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    /// `text` folded once for every rule that compares words: lower case,
    /// no accents, blanks as single spaces ([`folded`]).
    pub folded: &'a str,
    pub no: u32,
    /// The converter marked the line a heading (markdown `#`, `##` …).
    pub marked_heading: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// True when a label is followed by its value: a `:` or `=` after some
/// text, then more text ("Abstentions : 3", "Vote : Pour à l'unanimité").
/// Running headers and footers are titles, which rarely hold one.
pub fn has_label_and_value(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b':', b'=', b)
        .any(|i| i > 0 && b[i + 1..].iter().any(|c| !c.is_ascii_whitespace()))
}

/// `str::trim` with its common case decided from two bytes: a line, a name
/// or a list piece nearly always starts and ends with a printable ASCII
/// character, and is then returned whole, no character decoded.
pub trait Trimmed {
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    #[inline]
    fn trimmed(&self) -> &str {
        match self.as_bytes() {
            [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => self,
            _ => self.trim(),
        }
    }
}

/// Folds a character for comparison: lower case, accents removed.
pub const fn fold(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
        'ç' | 'Ç' => 'c',
        'ÿ' | 'Ÿ' => 'y',
        'ñ' | 'Ñ' => 'n',
        c => c.to_ascii_lowercase(),
    }
}

/// The folded form of a whole string, whitespace collapsed.
pub fn folded(s: &str) -> String {
    // Words between single spaces (joined lines, nearly always) have no
    // blank to collapse: the line folder, which lowers whole runs, applies.
    if is_plain_spaced(s) {
        let mut out = Vec::with_capacity(s.len());
        fold_line_into(s, &mut out);
        return String::from_utf8(out).expect("folding keeps UTF-8 valid");
    }
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] of U+00C0–U+00FF (UTF-8 `C3 80`–`C3 BF`) by second byte, 0
/// where the character folds to itself.
const LATIN1_FOLDED: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut i = 0;
    while i < 64 {
        let c = char::from_u32(0xc0 + i as u32);
        t[i] = match c {
            Some(c) => {
                let f = fold(c);
                if f.is_ascii() { f as u8 } else { 0 }
            }
            None => 0,
        };
        i += 1;
    }
    t
};

/// Appends the folded form of a normalised line to `out`: the same as
/// [`fold_into`] for a line whose blanks are single spaces or tabs between
/// words, and several times faster. The line is copied; from its first
/// character outside ASCII on, folded in place (a folded character is never
/// longer); then its ASCII is lowered whole, a loop the compiler turns into
/// vector code.
pub fn fold_line_into(line: &str, out: &mut Vec<u8>) {
    let start = out.len();
    append_unlowered(line, out);
    lower_ascii(&mut out[start..]);
}

/// Lower case and tabs read as spaces: the ASCII half of [`fold`]. It
/// commutes with the other half, which only changes characters outside
/// ASCII into lower-case ones and never writes a tab: the normaliser lowers
/// a file's folded lines in one pass after folding their other characters.
pub(crate) fn lower_ascii(buf: &mut [u8]) {
    for b in buf {
        *b = if *b == b'\t' {
            b' '
        } else {
            b.to_ascii_lowercase()
        };
    }
}

/// [`fold_line_into`] but for [`lower_ascii`]: the line appended with its
/// characters outside ASCII folded.
pub(crate) fn append_unlowered(line: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(line.as_bytes());
    let buf = &mut out[start..];
    let Some(first) = first_non_ascii(buf) else {
        return;
    };
    let (mut r, mut w) = (first, first);
    while r < buf.len() {
        // The ASCII run up to the next other character, moved whole.
        let end = first_non_ascii(&buf[r..]).map_or(buf.len(), |k| r + k);
        buf.copy_within(r..end, w);
        w += end - r;
        r = end;
        if r == buf.len() {
            break;
        }
        // À–ÿ, nearly every other character of a French text: a table.
        if buf[r] == 0xc3
            && let Some(&next) = buf.get(r + 1)
            && let Some(&folded) = LATIN1_FOLDED.get(usize::from(next.wrapping_sub(0x80)))
            && folded != 0
        {
            buf[w] = folded;
            r += 2;
            w += 1;
            continue;
        }
        let c = line[r..].chars().next().unwrap_or(' ');
        let f = if c.is_whitespace() { ' ' } else { fold(c) };
        // Never longer than `c`: it fits where `c` was read.
        w += f.encode_utf8(&mut buf[w..]).len();
        r += c.len_utf8();
    }
    out.truncate(start + w);
}

/// The position of the first byte of `s` outside ASCII.
fn first_non_ascii(s: &[u8]) -> Option<usize> {
    first_byte_at_least(s, 0x80)
}

/// The position of the first byte of `s` at or above `min` (0x80 or more),
/// read eight bytes at a time: a byte is counted when its high bit is set
/// and its seven low bits, plus `0x80 - (min & 0x7f)`, carry into the high
/// bit (never into the next byte: the sum stays under 0x100).
pub(crate) fn first_byte_at_least(s: &[u8], min: u8) -> Option<usize> {
    debug_assert!(min >= 0x80);
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let add = u64::from(0x80 - (min & 0x7f)) * 0x0101_0101_0101_0101;
    let mut words = s.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let hits = w & HIGH_BITS & ((w & LOW_BITS) + add);
        if hits != 0 {
            // Little-endian: the lowest set bit is the first byte.
            return Some(k * 8 + hits.trailing_zeros() as usize / 8);
        }
    }
    let tail = words.remainder();
    tail.iter()
        .position(|&b| b >= min)
        .map(|i| s.len() - tail.len() + i)
}

/// True when `t` opens with an ASCII byte whose lower case is none of
/// `lower`: a rule all of whose openings start with one of those letters or
/// signs (in either case) turns such a line away undecoded. A first
/// character outside ASCII, which may fold to one of them, is left to the
/// rule.
pub fn opens_with_ascii_other_than(t: &str, lower: &[u8]) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !lower.contains(&b.to_ascii_lowercase()))
}

/// The start of a folded line: at most `max` characters, and whether
/// something follows. The rules that only look at the start of a line, or
/// only at short lines, read no more.
pub fn folded_head(f: &str, max: usize) -> (&str, bool) {
    // No more bytes than `max`: no more characters either.
    if f.len() <= max {
        return (f, false);
    }
    // Folded text is nearly all ASCII: then the `max`th character is at byte `max`.
    let cut = if f.as_bytes()[..max].is_ascii() {
        Some(max)
    } else {
        f.char_indices().nth(max).map(|(i, _)| i)
    };
    match cut {
        Some(i) => (f[..i].strip_suffix(' ').unwrap_or(&f[..i]), true),
        None => (f, false),
    }
}

/// Appends the folded form of `s` to `out` (see [`folded`]).
pub fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    let bytes = s.as_bytes();
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII, nearly every byte of a French text, is folded byte by byte
        // without decoding.
        let c = if b.is_ascii() {
            i += 1;
            b.to_ascii_lowercase() as char
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            fold(c)
        };
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
}

/// Length in bytes of the prefix of `input` matching folded `pattern`.
/// `pattern` is folded text: lower case, no accents.
#[inline]
pub fn match_folded(input: &str, pattern: &str) -> Option<usize> {
    // Keyword lists are tried one after the other on every line, and nearly
    // every try fails at the first letter: that test is made here, inline.
    if let (Some(&b), Some(&p)) = (input.as_bytes().first(), pattern.as_bytes().first())
        && b.is_ascii()
        && p != b' '
        && p != b'\''
        && b.to_ascii_lowercase() != p
    {
        return None;
    }
    match_folded_from_start(input, pattern)
}

fn match_folded_from_start(input: &str, pattern: &str) -> Option<usize> {
    let inp = input.as_bytes();
    let mut i = 0;
    for p in pattern.chars() {
        if p == ' ' {
            let start = i;
            while i < inp.len() {
                let c = if inp[i].is_ascii() {
                    inp[i] as char
                } else {
                    input[i..].chars().next()?
                };
                if !c.is_whitespace() {
                    break;
                }
                i += c.len_utf8();
            }
            if i == start {
                return None;
            }
            continue;
        }
        let b = *inp.get(i)?;
        // ASCII against ASCII: one byte, no decoding.
        if b.is_ascii() {
            let ok = if p == '\'' {
                b == b'\''
            } else {
                b.to_ascii_lowercase() as char == p
            };
            if !ok {
                return None;
            }
            i += 1;
            continue;
        }
        let c = input[i..].chars().next()?;
        let ok = if p == '\'' {
            c == '\u{2019}'
        } else {
            fold(c) == p
        };
        if !ok {
            return None;
        }
        i += c.len_utf8();
    }
    Some(i)
}

/// True when `input` starts with `pattern` (folded comparison).
pub fn starts_with_folded(input: &str, pattern: &str) -> bool {
    match_folded(input, pattern).is_some()
}

/// Byte offset of the first occurrence of folded `pattern` in `input`.
pub fn find_folded(input: &str, pattern: &str) -> Option<usize> {
    let first = pattern.chars().next()?;
    // A consonant other than c and n folds only from its two cases: the
    // places to try are found by a vectorised search for those two bytes.
    if first.is_ascii_lowercase() && !"aceinouy".contains(first) {
        let b = first as u8;
        return memchr::memchr2_iter(b, b.to_ascii_uppercase(), input.as_bytes())
            .find(|&i| match_folded(&input[i..], pattern).is_some());
    }
    find_folded_by_char(input, pattern)
}

/// [`find_folded`] with every character tried: the path for the patterns
/// whose first letter folds from accented ones.
fn find_folded_by_char(input: &str, pattern: &str) -> Option<usize> {
    let first = pattern.chars().next()?;
    input
        .char_indices()
        .filter(|(_, c)| fold(*c) == first)
        .find(|(i, _)| match_folded(&input[*i..], pattern).is_some())
        .map(|(i, _)| i)
}

/// Joins lines into one string: single spaces, hyphenation across line
/// breaks joined ("AIT-" + "CHIKHEBBIH" → "AIT-CHIKHEBBIH", "déve-" +
/// "loppement" → "développement"), tabs read as spaces.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trimmed();
        if l.is_empty() {
            continue;
        }
        // Room for the line and the space before it: no growth word by word.
        out.reserve(l.len() + 1);
        if out.is_empty() {
            push_collapsed(&mut out, l);
            continue;
        }
        if out.ends_with('-') && ends_with_word_hyphen(&out) {
            let next_lower = l.chars().next().is_some_and(|c| c.is_lowercase());
            let prev_lower = out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase());
            if next_lower && prev_lower {
                // A word cut by the line: drop the hyphen.
                out.pop();
            }
        } else {
            out.push(' ');
        }
        push_collapsed(&mut out, l);
    }
    out
}

/// True when `s` ends with a letter directly followed by `-`.
fn ends_with_word_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_alphabetic())
}

fn push_collapsed(out: &mut String, s: &str) {
    // Most text is words between single spaces already: copied at once.
    if is_plain_spaced(s) {
        out.push_str(s);
        return;
    }
    // Words are copied whole; a blank run between them becomes one space.
    let mut space = s.starts_with(char::is_whitespace);
    for word in s.split_whitespace() {
        if space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
        space = true;
    }
}

/// True when `s` is words between single spaces: no space at either end, no
/// two in a row, and no other blank. Made for names and titles, which are
/// short; the normaliser's lines have their own test (`is_single_spaced`),
/// vectorised scans that cost less on long lines.
fn is_plain_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (None, _) => return true,
        (Some(b' '), _) | (_, Some(b' ')) => return false,
        _ => {}
    }
    // Most strings asked are short (a name, a title) and hold no byte that
    // may start another blank: eight bytes at a time, only spaces are
    // looked at. A word with such a byte sends the string to the full test.
    let mut space_before = false;
    // No two spaces in a row, within the word or with the word before.
    let mut single = |spaces: u64| {
        let two = spaces & ((spaces << 8) | (u64::from(space_before) << 7));
        space_before = spaces >> 63 != 0;
        two == 0
    };
    let mut words = b.chunks_exact(8);
    for word in words.by_ref() {
        match plain_word_spaces(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
            Some(spaces) if single(spaces) => {}
            Some(_) => return false,
            None => return has_no_blank_run(b),
        }
    }
    // The tail, filled up with letters.
    let mut tail = [b'a'; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    match plain_word_spaces(u64::from_le_bytes(tail)) {
        Some(spaces) => single(spaces),
        None => has_no_blank_run(b),
    }
}

/// The spaces of eight bytes, as the high bit of each (little-endian), or
/// None when a byte may start another blank: a control byte (tabs, line
/// breaks) or the lead byte of U+0085, U+00A0 (C2) or U+1680–U+3000
/// (E1–E3, and E0 with them). Exact byte tests, without carries between
/// bytes: the low seven bits of each byte are added to separately.
fn plain_word_spaces(w: u64) -> Option<u64> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of each byte of `x` that is zero.
    let zeros = |x: u64| !(((x & LOW) + LOW) | x) & HIGH;
    let controls = !(((w & LOW) + 0x60 * ONES) | w) & HIGH;
    let leads = zeros(w ^ (0xc2 * ONES)) | zeros((w & (0xfc * ONES)) ^ (0xe0 * ONES));
    (controls | leads == 0).then(|| zeros(w ^ (u64::from(b' ') * ONES)))
}

/// The full test of [`is_plain_spaced`]: no blank other than a lone space,
/// read at each place with the two bytes after it.
fn has_no_blank_run(b: &[u8]) -> bool {
    // Each place is tested on its own, without a branch, so that the
    // compiler reads many at once; most lines are plain, and a plain line is
    // read to its end anyway, so nothing is gained by stopping early.
    // (Not empty: `b[1..]` is there.)
    let body = b
        .iter()
        .zip(&b[1..])
        .zip(b.get(2..).unwrap_or_default())
        .fold(false, |any, ((&b0, &b1), &b2)| {
            any | starts_blank_run(b0, b1, b2)
        });
    // The last two places, whose characters end the line.
    let end = match *b {
        [.., b0, b1] => starts_blank_run(b0, b1, 0) | starts_blank_run(b1, 0, 0),
        [b0] => starts_blank_run(b0, 0, 0),
        [] => false,
    };
    !(body | end)
}

/// True when a character starting with the bytes `b0 b1 b2` is a blank
/// other than a lone space, or is a space followed by another: `b0` is
/// ASCII or a lead byte (a continuation byte never equals the lead bytes
/// tested), so no character is decoded. The blanks are those of
/// `char::is_whitespace`: U+0009–U+000D, U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
#[inline(always)]
fn starts_blank_run(b0: u8, b1: u8, b2: u8) -> bool {
    (b0 == b' ' && b1 == b' ')
        | (0x09..=0x0d).contains(&b0)
        | (b0 == 0xc2 && (b1 == 0x85 || b1 == 0xa0))
        | (b0 == 0xe1 && b1 == 0x9a && b2 == 0x80)
        | (b0 == 0xe2
            && ((b1 == 0x80 && (b2 <= 0x8a || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf))
                || (b1 == 0x81 && b2 == 0x9f)))
        | (b0 == 0xe3 && b1 == 0x80 && b2 == 0x80)
}

/// A few words looked for anywhere in a folded line. Whether any is there
/// is asked of one vectorised multi-word searcher (Teddy, from
/// aho-corasick): a single pass over the line, three times faster than a
/// pass per word. Which one is there is asked word by word, each with its
/// prebuilt finder.
pub struct Words<const N: usize> {
    each: [memchr::memmem::Finder<'static>; N],
    /// None for a single word, which its own finder looks for best, and
    /// where the target has no vector instructions for Teddy.
    any: Option<aho_corasick::packed::Searcher>,
}

impl<const N: usize> Words<N> {
    pub fn new(words: [&'static str; N]) -> Self {
        let any = if N > 1 {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(words)
                .build()
        } else {
            None
        };
        Words {
            each: words.map(memchr::memmem::Finder::new),
            any,
        }
    }

    /// True when one of the words is in `f`.
    pub fn any_in(&self, f: &str) -> bool {
        match &self.any {
            Some(searcher) => searcher.find(f).is_some(),
            None => self.each.iter().any(|w| w.find(f.as_bytes()).is_some()),
        }
    }

    /// Where word `k` of the list is first in `f`, with its prebuilt
    /// searcher.
    pub fn find(&self, k: usize, f: &str) -> Option<usize> {
        self.each[k].find(f.as_bytes())
    }

    /// The index of the first word, in the list's order, that is in `f`.
    pub fn first_in(&self, f: &str) -> Option<usize> {
        if !self.any_in(f) {
            return None;
        }
        self.each
            .iter()
            .position(|w| w.find(f.as_bytes()).is_some())
    }
}

/// The folded form of the start of `s`, at least its first `chars`
/// characters other than blanks: enough for rules that test how a text
/// begins, without folding all of it.
pub fn folded_start(s: &str, chars: usize) -> String {
    let end = s
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .nth(chars)
        .map_or(s.len(), |(i, _)| i);
    folded(&s[..end])
}

/// `s` with its first letter in capitals ("ville de Montpellier" → "Ville de
/// Montpellier").
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Collapses whitespace of one string to single spaces.
pub fn clean(s: &str) -> String {
    join_lines([s])
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn find_folded_agrees_with_every_character_tried(
            input in "[pPrRéÉsSdDeE ]{0,30}",
            pattern in "(presidence de |secretaire|ps|d|s e)",
        ) {
            proptest::prop_assert_eq!(
                find_folded(&input, &pattern),
                find_folded_by_char(&input, &pattern)
            );
        }
    }

    /// The oracle of the fast folding paths: [`fold_into`], one character
    /// at a time.
    fn folded_by_char(s: &str) -> String {
        let mut out = String::new();
        fold_into(s, &mut out);
        out
    }

    #[test]
    fn two_spaces_across_eight_bytes_are_seen() {
        assert!(!is_plain_spaced("Jean-Luc  DUPONT"));
        assert!(!is_plain_spaced("abcdefg  h"));
        assert!(!is_plain_spaced("abcdefgh  "));
        assert!(!is_plain_spaced("abcdefghijklmno\u{a0}p"));
        assert!(is_plain_spaced("abcdefg h ijklmnop q"));
        assert!(is_plain_spaced("Mme Mireille HINGREZ-CÉRÉDA"));
    }

    proptest::proptest! {
        /// The eight-byte reading says what the full test says, across word
        /// boundaries and in the tail.
        #[test]
        fn plain_spacing_read_by_words_as_in_full(
            input in "[a \u{e9}\u{a0}\u{2019}\u{3000}\u{e00}\u{1680}\t\n\u{85}-]{0,20}",
        ) {
            let b = input.as_bytes();
            let full = b.first() != Some(&b' ') && b.last() != Some(&b' ')
                && (b.is_empty() || has_no_blank_run(b));
            proptest::prop_assert_eq!(is_plain_spaced(&input), full);
        }
    }

    proptest::proptest! {
        #[test]
        fn trimmed_is_trim(input in "[ a.\t\u{a0}\u{2009}é\u{3000}-]{0,6}") {
            proptest::prop_assert_eq!(input.trimmed(), input.trim());
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_text_takes_the_fast_paths_to_the_same_result(
            input in "[aZé É°«»–€\u{a0}\u{2009}\u{3000}\u{1680}\u{85}\u{2028}\u{205f}\u{202f}\u{200a}\u{200b}\u{2030}\tœß-]{0,24}[aZé É–\t-]{0,24}",
        ) {
            proptest::prop_assert_eq!(folded(&input), folded_by_char(&input));
            let words: Vec<&str> = input.split_whitespace().collect();
            proptest::prop_assert_eq!(clean(&input), words.join(" "));
        }
    }

    proptest::proptest! {
        /// Words between single spaces, with runs of ASCII long enough for
        /// the word-at-a-time search, and accented letters and other
        /// characters between them.
        #[test]
        fn a_line_folds_as_each_character_folded(
            line in "([a-zA-Z]{0,10}[éÉèÀçÇœßÿ€«»–°\u{2019}]?[a-zA-Z]{1,10} ){0,8}[aZé]{1,5}",
        ) {
            let mut got = Vec::new();
            fold_line_into(&line, &mut got);
            proptest::prop_assert_eq!(String::from_utf8(got).unwrap(), folded_by_char(&line));
        }
    }

    proptest::proptest! {
        /// The one-pass searcher says what a search per word says, on lines
        /// short (below Teddy's minimum, read another way) and long.
        #[test]
        fn words_are_found_as_one_search_per_word_finds_them(
            line in "(conseil |comite |bureau|seance|publi|affich|[a-z' ]{1,12}){0,12}",
        ) {
            let list = ["conseil ", "comite ", "publi", "affiche le", "reunion du bureau"];
            let words = Words::new(list);
            let per_word = list.iter().position(|w| line.contains(w));
            proptest::prop_assert_eq!(words.any_in(&line), per_word.is_some());
            proptest::prop_assert_eq!(words.first_in(&line), per_word);
        }
    }

    #[test]
    fn every_blank_and_only_blanks_break_plain_spacing() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let between = format!("a{c}b");
            assert_eq!(
                is_plain_spaced(&between),
                c == ' ' || !c.is_whitespace(),
                "{c:?}"
            );
            let after_space = format!("a {c}b");
            assert_eq!(is_plain_spaced(&after_space), !c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn finds_folded_words() {
        assert_eq!(
            find_folded("sous la PRÉSIDENCE  DE M. X", "presidence de "),
            Some(8)
        );
        assert_eq!(find_folded("Le Secrétaire", "secretaire"), Some(3));
        assert_eq!(find_folded("présidente de", "presidence de "), None);
    }

    #[test]
    fn joins_hyphenated_lines() {
        assert_eq!(
            join_lines(["Mme Fatima AIT-", "CHIKHEBBIH, M. X"]),
            "Mme Fatima AIT-CHIKHEBBIH, M. X"
        );
        assert_eq!(join_lines(["le déve-", "loppement"]), "le développement");
        assert_eq!(
            join_lines(["Vu  le\tcode ", "", " général"]),
            "Vu le code général"
        );
    }

    #[test]
    fn finds_the_first_byte_outside_ascii() {
        for text in [
            "",
            "abc",
            "é",
            "abcdefgh",
            "abcdefghé",
            "abcdefghijklmnopqé",
            "aé",
            "abcdefgé",
        ] {
            let want = text.bytes().position(|b| !b.is_ascii());
            assert_eq!(first_non_ascii(text.as_bytes()), want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_byte_at_least_is_the_first_byte_tried_one_by_one(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            min in 0x80u8..=0xff,
        ) {
            let want = bytes.iter().position(|&b| b >= min);
            proptest::prop_assert_eq!(first_byte_at_least(&bytes, min), want);
        }
    }

    #[test]
    fn finds_folded() {
        assert_eq!(find_folded("Après en avoir DÉLIBÉRÉ", "delibere"), Some(16));
    }
}
