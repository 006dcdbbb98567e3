//! The deliberation's number and title ("objet").
//!
//! ```text
//! number_line = "(" number_mark number ")"                       (* (N°2023-490) *)
//!             | ("Délibération" | "DELIBERATION") ["n°"] number   (* Délibération n° 2014 / 131 *)
//!             | number_mark number                                (* N° 2023-017 *)
//! number_mark = "N°" | "n°" | "Nº" | "No" | "N °"
//! number      = token ((" / " | "/" | "-" | "_") token)* [" " series]   (* 2023-490, D2025-016, CC02_2023, 22/111 AC *)
//! series      = 1 to 3 capitals, not a word ("DE", "DU", …)
//! objet_line  = "Objet" [ws] ":" text
//! ```

use nom::IResult;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::space0;
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::sequence::{pair, tuple};

use super::trivia::{Trimmed, kw, opens_with_ascii_other_than};

fn number_mark(input: &str) -> IResult<&str, &str> {
    alt((
        tag("N°"),
        tag("n°"),
        tag("Nº"),
        tag("N °"),
        tag("n °"),
        tag("N.°"),
        tag("No "),
        tag("N o"),
    ))(input)
}

fn id_token(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric())(input)
}

/// `number = token ((sep) token)*`, with at least one digit.
pub fn number(input: &str) -> IResult<&str, String> {
    let (rest, raw) = recognize(pair(
        id_token,
        many0(pair(
            alt((tag(" / "), tag("/"), tag("-"), tag("_"), tag("."))),
            id_token,
        )),
    ))(input)?;
    if !raw.chars().any(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    // "22/111 AC": a series of one to three capitals after a space, then
    // the end or "DE L'ASSEMBLEE" (not "DU 3 MAI", "DE LA").
    if let Ok((after, series)) = series_suffix(rest) {
        return Ok((after, format!("{raw} {series}")));
    }
    Ok((rest, raw.to_string()))
}

fn series_suffix(input: &str) -> IResult<&str, &str> {
    let (rest, _) = tag(" ")(input)?;
    let (after, letters) = take_while1(|c: char| c.is_ascii_uppercase())(rest)?;
    let is_word = ["DE", "DU", "DES", "LE", "LA", "LES", "EN", "ET", "AU"].contains(&letters);
    let ends = after.is_empty() || after.starts_with(' ') || after.starts_with(')');
    if letters.len() > 3 || is_word || !ends {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((after, letters))
}

/// A line that gives the deliberation number. Returns the number as printed.
pub fn number_line(line: &str) -> Option<String> {
    let t = line.trimmed();
    // Asked of nearly every line: a number line opens with "(", "D"
    // (délibération), "E" (extrait) or "N" (N°).
    if opens_with_ascii_other_than(t, b"(den") {
        return None;
    }
    // (N°2023-490)
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        let r: IResult<&str, (&str, &str, String)> =
            tuple((number_mark, space0, number))(inner.trimmed());
        if let Ok((rest, (_, _, n))) = r
            && rest.trimmed().is_empty()
        {
            return Some(n);
        }
        return None;
    }
    let r: IResult<&str, (Option<&str>, &str, &str, String)> = tuple((
        opt(alt((
            kw("deliberation "),
            kw("deliberation"),
            kw("extrait de deliberation "),
        ))),
        space0,
        number_mark,
        number,
    ))(t)
    .or_else(|_| {
        tuple((opt(kw("deliberation")), space0, space0, |i| {
            let (i, _) = number_mark(i)?;
            let (i, _) = space0(i)?;
            number(i)
        }))(t)
    });
    let (rest, (_, _, _, n)) = r.ok()?;
    let rest = rest.trimmed();
    // The line is the number alone, or the number and a short tail ("du 20/11/2023").
    (rest.is_empty() || rest.starts_with([':', '-', '–', ')']) || rest.len() < 40).then_some(n)
}

/// `objet_line`: the text after "Objet :".
pub fn objet_line(line: &str) -> Option<&str> {
    let t = line.trimmed();
    // Asked of every line of a section.
    if opens_with_ascii_other_than(t, b"o") {
        return None;
    }
    // `kw` compares case-folded: "OBJET" is "objet".
    let r: IResult<&str, (&str, &str, &str)> =
        tuple((kw("objet"), space0, alt((tag(":"), tag("-"), tag("–")))))(t);
    let (rest, _) = r.ok()?;
    let rest = rest.trimmed();
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_line("(N°2023-490)"), Some("2023-490".into()));
        assert_eq!(
            number_line("Délibération n° 2014 / 131"),
            Some("2014 / 131".into())
        );
        assert_eq!(number_line("N° D2025-016"), Some("D2025-016".into()));
        assert_eq!(number_line("N°36/2023"), Some("36/2023".into()));
        assert_eq!(number_line("Vu la délibération n°2021-257"), None);
        // Every opening, in either case, passes the first-byte test.
        for (line, want) in [
            ("  DELIBERATION N° 22/111 AC", "22/111 AC"),
            ("deliberation n°12", "12"),
            ("DÉLIBÉRATION N° 7", "7"),
            ("Extrait de délibération n°2023-1", "2023-1"),
            ("EXTRAIT DE DELIBERATION N°3", "3"),
            ("n° 2023-017", "2023-017"),
            ("No 45-2023", "45-2023"),
            ("N.°8", "8"),
            ("Nº 9", "9"),
            ("(n° 2023-490)", "2023-490"),
        ] {
            assert_eq!(number_line(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn objet() {
        assert_eq!(
            objet_line("Objet : demande de subvention"),
            Some("demande de subvention")
        );
        assert_eq!(objet_line("Objectif"), None);
        assert_eq!(objet_line("  OBJET – Budget"), Some("Budget"));
        assert_eq!(objet_line("objet: x"), Some("x"));
    }
}
