//! Shared nom rules: accent- and case-insensitive keywords and label
//! separators. The text basics they stand on (folding, keyword search,
//! joining lines) are in [`crate::text`], re-exported here for the parsers.

pub use crate::text::*;
use nom::IResult;
use nom::error::{Error, ErrorKind};

/// Matches `word` at the start of the input, ignoring case and accents; a
/// space in `word` matches one or more whitespace characters, and an
/// apostrophe matches any apostrophe-like character.
pub fn kw<'a>(word: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| match match_folded(input, word) {
        Some(n) => Ok((&input[n..], &input[..n])),
        None => no_match(input),
    }
}

/// The first of `words` that starts the input, as [`kw`] matches it: a
/// keyword list kept as data.
pub fn any_kw<'a>(words: &'static [&'static str]) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| {
        words
            .iter()
            .find_map(|w| kw(w)(input).ok())
            .map_or_else(|| no_match(input), Ok)
    }
}

/// The error of a keyword or rule that does not start the input.
pub fn no_match<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Tag)))
}

/// Like [`kw`] but also requires a word boundary after the match.
pub fn word<'a>(w: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| {
        let (rest, m) = kw(w)(input)?;
        if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
            return no_match(input);
        }
        Ok((rest, m))
    }
}

/// Optional whitespace.
pub fn ws(input: &str) -> IResult<&str, &str> {
    nom::character::complete::multispace0(input)
}

/// A label separator: optional spaces, then `:` (or `-`, `–`), then spaces.
pub fn colon(input: &str) -> IResult<&str, &str> {
    let t = input.trim_start();
    let start = input.len() - t.len();
    let mut chars = t.char_indices();
    match chars.next() {
        Some((_, ':')) | Some((_, '-')) | Some((_, '–')) | Some((_, '—')) => {
            let after = &t[t.char_indices().nth(1).map_or(t.len(), |(i, _)| i)..];
            let after_trim = after.trim_start();
            let consumed = start + (t.len() - after_trim.len());
            Ok((&input[consumed..], &input[..consumed]))
        }
        _ => Err(nom::Err::Error(Error::new(input, ErrorKind::Char))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_ignore_case_and_accents() {
        assert!(kw("etaient presents")("Étaient  présents :").is_ok());
        assert!(kw("etaient presents")("ETAIENT PRESENTS").is_ok());
        assert!(kw("excuse")("Excusé(s)").is_ok());
        assert!(word("vu")("Vu le code").is_ok());
        assert!(word("vu")("Vue d'ensemble").is_err());
    }
}
