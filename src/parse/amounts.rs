//! Amounts in euros and counts, as French texts print them.
//!
//! ```text
//! amount    = integer_part [decimal_sep digits] [ws "€"]
//! integer_part = digit{1,3} (thousands_sep digit{3})* | digit+
//! thousands_sep = " " | "." | U+202F      (* 16 500,00 — 135.186,30 *)
//! decimal_sep   = ","  | "." before 1–2 digits
//! ```

use super::trivia::Trimmed;
use nom::IResult;
use nom::character::complete::digit1;

/// Parses an amount at the start of `s`: "16 500,00", "135.186,30 €",
/// "0,00", "3110€". Returns the rest and the value.
pub fn amount(s: &str) -> IResult<&str, f64> {
    let (mut rest, first) = digit1(s)?;
    let mut int = first.to_string();
    // Thousands groups: a separator then exactly three digits.
    loop {
        let mut chars = rest.chars();
        match chars.next() {
            Some(sep @ (' ' | '.' | '\u{202f}')) => {
                let after = chars.as_str();
                let digits = after.bytes().take_while(|b| b.is_ascii_digit()).count();
                let followed_by_digit_group = digits == 3;
                // "1.5" or "1 2" are not groups; ".50" is a decimal part.
                if followed_by_digit_group && !(sep == '.' && int.len() > 3) {
                    int.push_str(&after[..3]);
                    rest = &after[3..];
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
    let mut value: f64 = int.parse().unwrap_or(0.0);
    if let Some(after) = rest.strip_prefix([',', '.']) {
        let digits = after.bytes().take_while(|b| b.is_ascii_digit()).count();
        if (1..=2).contains(&digits) {
            let frac: f64 = after[..digits].parse().unwrap_or(0.0);
            value += frac / 10f64.powi(digits as i32);
            rest = &after[digits..];
        }
    }
    let trimmed = rest.trim_start();
    if let Some(r) = trimmed.strip_prefix('€') {
        rest = r;
    }
    Ok((rest, value))
}

/// A count: digits, then nothing that makes it a bigger number.
pub fn count(s: &str) -> IResult<&str, u32> {
    let (rest, d) = digit1(s)?;
    let v = d
        .parse::<u32>()
        .map_err(|_| nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Digit)))?;
    Ok((rest, v))
}

/// A count in figures or in words ("une", "deux", … "vingt").
pub fn count_or_word(s: &str) -> IResult<&str, u32> {
    if let Ok(r) = count(s) {
        return Ok(r);
    }
    const WORDS: [(&str, u32); 21] = [
        ("aucune", 0),
        ("aucun", 0),
        ("une", 1),
        ("un", 1),
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuf", 9),
        ("dix", 10),
        ("onze", 11),
        ("douze", 12),
        ("treize", 13),
        ("quatorze", 14),
        ("quinze", 15),
        ("seize", 16),
        ("vingt", 20),
        ("zero", 0),
    ];
    // A word matches folded: only those with the folded first letter of `s`
    // are tried.
    let first = s.chars().next().map(super::trivia::fold);
    for (w, v) in WORDS {
        if first.is_some_and(|f| w.starts_with(f))
            && let Ok((rest, _)) = super::trivia::word(w)(s)
        {
            return Ok((rest, v));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        s,
        nom::error::ErrorKind::Digit,
    )))
}

/// True when a whole cell is an amount ("57 000,00", "150 000,00 €").
pub fn is_amount_cell(s: &str) -> bool {
    let s = s.trimmed();
    matches!(amount(s), Ok((rest, _)) if rest.trimmed().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_amounts() {
        assert_eq!(amount("16 500,00 €").unwrap().1, 16500.0);
        assert_eq!(amount("57 000,00").unwrap().1, 57000.0);
        assert_eq!(amount("135.186,30 €").unwrap().1, 135186.3);
        assert_eq!(amount("0,00").unwrap().1, 0.0);
        assert_eq!(amount("3110€").unwrap().1, 3110.0);
        assert_eq!(amount("0.25€/Km").unwrap().1, 0.25);
        assert_eq!(
            amount("1 200 € par collège").unwrap(),
            (" par collège", 1200.0)
        );
    }

    #[test]
    fn two_amounts_in_a_row() {
        let (rest, a) = amount("150 000,00 150 000,00").unwrap();
        assert_eq!(a, 150000.0);
        assert_eq!(amount(rest.trim_start()).unwrap().1, 150000.0);
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(count_or_word("une voix contre").unwrap().1, 1);
        assert_eq!(count_or_word("14 pour").unwrap().1, 14);
    }
}
