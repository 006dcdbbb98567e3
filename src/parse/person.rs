//! Names of people: civility, given name, family name.
//!
//! ```text
//! person     = [civility] name
//! civility   = "Monsieur" | "Madame" | "Mademoiselle" | "MM." | "Mmes" | "Mme" | "Mlle"
//!            | "Mr" | "M." | "M"                    (* normalised to "M." or "Mme" *)
//! name       = given* family given*                 (* "Jean-Claude LEROY", "DESHAYES Jean-Pierre" *)
//! family     = particle* upper_word+                (* "de CRÉMIERS", "AIT-CHIKHEBBIH" *)
//! particle   = "de" | "du" | "des" | "d'" | "le" | "la" | "van" | "von" | "di" | "da"
//! ```
//!
//! When every word is in capitals ("MONSIEUR JEAN-CLAUDE LEROY") the last
//! word is the family name. A single word without civility is a given name
//! ("Présents : Jean-Pierre, Yves"); with a civility it is a family name
//! ("Monsieur CZARNECKI").

use crate::model::Person;
use nom::IResult;
use smallvec::SmallVec;

use super::trivia::{Trimmed, clean, fold, no_match};

/// Grammatical number of a civility: "MM." and "Mesdames" introduce lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Civility {
    Mr,
    Mrs,
}

impl Civility {
    pub fn as_str(self) -> &'static str {
        match self {
            Civility::Mr => "M.",
            Civility::Mrs => "Mme",
        }
    }
}

/// A letter of a civility word: what may not directly follow one.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Where the word opening `input` ends ([`in_word`] characters), or the
/// whole input when its first 13 characters are all in the word (no
/// civility is that long).
fn word_end_by_char(input: &str) -> usize {
    input
        .char_indices()
        .take(13)
        .find(|(_, c)| !in_word(*c))
        .map_or(input.len(), |(i, _)| i)
}

/// [`word_end_by_char`] read byte by byte while the input is ASCII
/// ([`in_word`] of an ASCII character); `None` when a character outside ASCII
/// comes first (it may be a letter of the word) or the word is longer than
/// any civility, which the caller then reads character by character.
fn ascii_word_end(input: &[u8]) -> Option<usize> {
    for (i, &b) in input.iter().take(13).enumerate() {
        if !b.is_ascii() {
            return None;
        }
        if !(b.is_ascii_alphanumeric() || b == b'-' || b == b'\'') {
            return Some(i);
        }
    }
    (input.len() < 13).then_some(input.len())
}

/// The civility a whole word names, compared folded (case and accents
/// ignored): "Mme", "MADAME", "Messieurs", "M".
fn civility_word(word: &str) -> Option<Civility> {
    // The longest civility, "mademoiselle", has 12 letters.
    let mut buf = [0u8; 12];
    let mut n = 0;
    for c in word.chars() {
        let f = fold(c);
        if !f.is_ascii() || n == buf.len() {
            return None;
        }
        buf[n] = f as u8;
        n += 1;
    }
    match &buf[..n] {
        b"mesdames" | b"madame" | b"mademoiselle" | b"mmes" | b"mme" | b"mlle" | b"melle" => {
            Some(Civility::Mrs)
        }
        b"messieurs" | b"monsieur" | b"mm" | b"mr" | b"m" => Some(Civility::Mr),
        _ => None,
    }
}

/// `civility = …` (see the module doc). Consumes the trailing dot and spaces.
pub fn civility(input: &str) -> IResult<&str, Civility> {
    // Every civility starts with an M: asked at every word of a list, the
    // others are turned away at once.
    if !input.starts_with(['m', 'M']) {
        return no_match(input);
    }
    // "M. " and "Mme ", nearly every civility of a list, read at once.
    match input.as_bytes() {
        [b'M', b'.', b' ', ..] => Ok((input[3..].trim_start(), Civility::Mr)),
        [b'M', b'm', b'e', b' ', ..] => Ok((input[4..].trim_start(), Civility::Mrs)),
        // Asked at every capital M of a list ("Mireille", "Muriel"): the
        // civility words' second letters are a, e, l, m, o and r; after
        // any other letter, digit, '-' or '\'' the word is no civility.
        // (A byte outside ASCII may fold to one of them, and any other
        // ASCII byte ends the word "M", which the full reading judges.)
        [_, b, ..]
            if (b.is_ascii_alphanumeric() || matches!(b, b'-' | b'\''))
                && !matches!(
                    b.to_ascii_lowercase(),
                    b'a' | b'e' | b'l' | b'm' | b'o' | b'r'
                ) =>
        {
            no_match(input)
        }
        _ => civility_by_word(input),
    }
}

/// [`civility`] read word by word: the civility word, folded, then its dot
/// and the spaces after it.
fn civility_by_word(input: &str) -> IResult<&str, Civility> {
    // A civility is a whole word ("Mairie" is not "M" + "airie"). The
    // longest has 12 letters: a longer word is not read to its end.
    let end = ascii_word_end(input.as_bytes()).unwrap_or_else(|| word_end_by_char(input));
    let Some(c) = civility_word(&input[..end]) else {
        return no_match(input);
    };
    let rest = &input[end..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    // "M." must be followed by a space or the name; "M" alone needs a space.
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len()
        && !rest.is_empty()
        && !input[..input.len() - rest.len()].ends_with('.')
    {
        return no_match(input);
    }
    Ok((trimmed, c))
}

/// True when `input` starts with a civility followed by a capitalised word.
pub fn starts_with_civility(input: &str) -> bool {
    match civility(input) {
        Ok((rest, _)) => rest.chars().next().is_some_and(|c| c.is_uppercase()),
        Err(_) => false,
    }
}

const PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "le", "la", "van", "von", "der", "den", "di", "da", "del", "dos",
];

fn is_particle(t: &str) -> bool {
    // The particles are ASCII: no other letter lowers to one of theirs.
    PARTICLES.iter().any(|p| t.eq_ignore_ascii_case(p))
}

/// A word written in capitals (at least two letters, or one letter with a
/// hyphen), and not initials ("J.", "JP.", "J.-P.": a dot after at most
/// three letters).
pub fn is_upper_word(t: &str) -> bool {
    // Asked of every word of every name, most of them short and ASCII:
    // read as bytes in one pass, and by character from the first byte
    // outside ASCII.
    let mut letters = 0;
    for (i, &b) in t.as_bytes().iter().enumerate() {
        if !b.is_ascii() {
            for c in t[i..].chars().filter(|c| c.is_alphabetic()) {
                if !c.is_uppercase() {
                    return false;
                }
                letters += 1;
            }
            break;
        }
        if b.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(b.is_ascii_uppercase());
    }
    letters >= 2 && !(t.ends_with('.') && letters <= 3)
}

/// Builds a person from a name as printed (civility included, if any).
pub fn person(text: &str) -> Option<Person> {
    let mut text = clean(text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '•')
    }));
    text.truncate(text.trim_end_matches('.').len());
    if text.is_empty() {
        return None;
    }
    let (rest, civ) = match civility(&text) {
        Ok((rest, c)) => (rest, Some(c)),
        Err(_) => (text.as_str(), None),
    };
    // A civility written without a dot before the name ("M DUPONT") is handled
    // by `civility`; a lone "M." with nothing after is not a person.
    // `clean` leaves single spaces between words, and no other blank.
    let tokens: SmallVec<[&str; 8]> = rest.split(' ').filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() || !tokens.iter().any(|t| t.chars().any(|c| c.is_alphabetic())) {
        return None;
    }
    let (given, family) = split_name(&tokens, civ.is_some());
    // The words borrow `text`, which the person takes.
    drop(tokens);
    Some(Person {
        text,
        civility: civ.map(|c| c.as_str().to_string()),
        given_name: given,
        family_name: family,
    })
}

/// Splits name words into given and family names.
fn split_name(tokens: &[&str], has_civility: bool) -> (Option<String>, Option<String>) {
    let upper: SmallVec<[bool; 8]> = tokens.iter().map(|t| is_upper_word(t)).collect();
    let join = |ts: &[&str]| -> Option<String> {
        let s = ts.join(" ");
        (!s.is_empty()).then_some(s)
    };
    if upper.iter().all(|u| *u) {
        // All capitals: the last word is the family name, with its particles.
        let mut start = tokens.len() - 1;
        while start > 0 && is_particle(tokens[start - 1]) {
            start -= 1;
        }
        if tokens.len() == 1 {
            return (None, join(tokens));
        }
        return (join(&tokens[..start]), join(&tokens[start..]));
    }
    if let Some(first) = upper.iter().position(|u| *u) {
        let mut end = first;
        while end < tokens.len()
            && (upper[end] || (is_particle(tokens[end]) && upper.get(end + 1) == Some(&true)))
        {
            end += 1;
        }
        let mut start = first;
        while start > 0 && is_particle(tokens[start - 1]) {
            start -= 1;
        }
        let mut given: SmallVec<[&str; 8]> = SmallVec::from_slice(&tokens[..start]);
        given.extend_from_slice(&tokens[end..]);
        return (join(&given), join(&tokens[start..end]));
    }
    // No word in capitals.
    if tokens.len() == 1 {
        return if has_civility {
            (None, join(tokens))
        } else {
            (join(tokens), None)
        };
    }
    let mut start = tokens.len() - 1;
    while start > 0 && is_particle(tokens[start - 1]) {
        start -= 1;
    }
    (join(&tokens[..start]), join(&tokens[start..]))
}

/// Splits a list of names: commas, semicolons, " et ", and a civility that
/// starts a new name without a comma ("M. A M. B", as OCR leaves them).
/// Parentheses are kept whole: "X (pouvoir à M. Y, jusqu'à 10 h)".
pub fn split_names(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    split_names_into(list, &mut out);
    out
}

/// [`split_names`], appending to `out`: a whole list is split into one vector.
pub fn split_names_into<'a>(list: &'a str, out: &mut Vec<&'a str>) {
    for_each_outside_parens(list, &[",", ";", " et "], |part| {
        split_on_civility(part, out)
    });
}

/// Splits `s` on any of `seps`, but never inside parentheses.
pub fn split_outside_parens<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for_each_outside_parens(s, seps, |piece| out.push(piece));
    out
}

/// Calls `piece` with each part of [`split_outside_parens`], in order.
fn for_each_outside_parens<'a>(s: &'a str, seps: &[&str], mut piece: impl FnMut(&'a str)) {
    let mut depth = 0i32;
    let mut start = 0;
    // Byte by byte: a separator's first byte never occurs inside another
    // character, so a match is always at a character boundary. Only the
    // bytes that open a separator or a parenthesis are looked at closely.
    let mut opens = [false; 256];
    for b in seps.iter().filter_map(|sep| sep.as_bytes().first()) {
        opens[usize::from(*b)] = true;
    }
    opens[usize::from(b'(')] = true;
    opens[usize::from(b')')] = true;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !opens[usize::from(b)] {
            i += 1;
            continue;
        }
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        if depth <= 0
            && let Some(sep) = seps
                .iter()
                .find(|sep| bytes[i..].starts_with(sep.as_bytes()))
        {
            piece(&s[start..i]);
            i += sep.len();
            start = i;
            continue;
        }
        i += 1;
    }
    piece(&s[start..]);
}

/// Cuts before each civility that follows a name, outside parentheses, and
/// appends the trimmed, non-empty pieces to `out`.
pub(super) fn split_on_civility<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let mut push = |p: &'a str| {
        let p = p.trimmed();
        if !p.is_empty() {
            out.push(p);
        }
    };
    // A civility starts with an M after a space: only those places are
    // tried, the parentheses before each counted on the way.
    let bytes = s.as_bytes();
    let mut cut = 0;
    let (mut depth, mut counted) = (0i32, 0);
    for i in memchr::memchr2_iter(b'm', b'M', bytes) {
        if i == 0 || bytes[i - 1] != b' ' {
            continue;
        }
        for &b in &bytes[counted..i] {
            match b {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
        }
        counted = i;
        if depth <= 0 && starts_with_civility(&s[i..]) {
            // Only when a name is already there ("Mme X M. Y").
            let before = s[cut..i].trimmed();
            if before.split_whitespace().count() >= 2 {
                push(&s[cut..i]);
                cut = i;
            }
        }
    }
    push(&s[cut..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<String>, Option<String>, Option<String>) {
        let x = person(s).unwrap();
        (x.civility, x.given_name, x.family_name)
    }
    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn given_then_family() {
        assert_eq!(
            p("Mme Mireille HINGREZ-CÉRÉDA"),
            (s("Mme"), s("Mireille"), s("HINGREZ-CÉRÉDA"))
        );
        assert_eq!(
            p("M. Jean-Claude LEROY"),
            (s("M."), s("Jean-Claude"), s("LEROY"))
        );
        assert_eq!(
            p("MONSIEUR JEAN-CLAUDE LEROY"),
            (s("M."), s("JEAN-CLAUDE"), s("LEROY"))
        );
    }

    #[test]
    fn family_first_and_particles() {
        assert_eq!(
            p("M. DESHAYES Jean-Pierre"),
            (s("M."), s("Jean-Pierre"), s("DESHAYES"))
        );
        assert_eq!(
            p("Christelle de CRÉMIERS"),
            (None, s("Christelle"), s("de CRÉMIERS"))
        );
        assert_eq!(
            p("Charles DE GEVIGNEY"),
            (None, s("Charles"), s("DE GEVIGNEY"))
        );
        assert_eq!(p("Monsieur CZARNECKI"), (s("M."), None, s("CZARNECKI")));
        assert_eq!(p("Jean-Pierre"), (None, s("Jean-Pierre"), None));
        assert_eq!(p("Monsieur Védy"), (s("M."), None, s("Védy")));
        assert_eq!(p("JP. CULOS"), (None, s("JP."), s("CULOS")));
    }

    #[test]
    fn splits_lists() {
        assert_eq!(
            split_names("M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA et M. Daniel X"),
            [
                "M. Jean-Claude LEROY",
                "Mme Mireille HINGREZ-CÉRÉDA",
                "M. Daniel X"
            ]
        );
        assert_eq!(
            split_names("Mme A BERT M. Paul CAR"),
            ["Mme A BERT", "M. Paul CAR"]
        );
        // Not inside parentheses, nor before a name is there, nor at an M
        // that opens no civility.
        assert_eq!(
            split_names("Mme Léa MARTIN (pouvoir à M. Paul CAR) M. Marc MORIN Mme Zoé"),
            [
                "Mme Léa MARTIN (pouvoir à M. Paul CAR)",
                "M. Marc MORIN",
                "Mme Zoé"
            ]
        );
        assert_eq!(split_names("M. MARTIN Mme"), ["M. MARTIN Mme"]);
        assert_eq!(split_names("Mme MARTIN Maire"), ["Mme MARTIN Maire"]);
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_end_agrees_with_the_characters(input in "[mMéÉeEsSdDaA0.' -]{0,16}") {
            if let Some(end) = ascii_word_end(input.as_bytes()) {
                proptest::prop_assert_eq!(end, word_end_by_char(&input));
            }
        }
    }

    proptest::proptest! {
        /// "M. " and "Mme ", read at once, read as word by word.
        #[test]
        fn common_civilities_read_as_word_by_word(
            input in "(M\\. |Mme )[ A-Za-zé.\u{a0}]{0,8}",
        ) {
            proptest::prop_assert_eq!(civility(&input), civility_by_word(&input));
        }

        /// The byte reading of an ASCII word says what the character
        /// reading says.
        #[test]
        fn upper_words_read_as_bytes_as_by_character(t in "[A-Za-z.'-]{0,6}[ÉéA]?") {
            let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
            let by_char = letters.iter().all(|c| c.is_uppercase())
                && letters.len() >= 2
                && !(t.ends_with('.') && letters.len() <= 3);
            proptest::prop_assert_eq!(is_upper_word(&t), by_char);
        }

        /// The second-letter gate turns away only what the word-by-word
        /// reading turns away: civility words, and their prefixes, after
        /// every kind of second byte.
        #[test]
        fn the_second_letter_gate_agrees_with_the_word(
            input in "M(esdames|adame|ademoiselle|mes|me|lle|elle|essieurs|onsieur|m|r|)?[ .,:;'\u{a0}\t(0-9a-zA-Z\u{e9}\u{c9}-]{0,3}[A-Z]{0,2}",
        ) {
            proptest::prop_assert_eq!(civility(&input), civility_by_word(&input));
        }
    }

    #[test]
    fn civilities() {
        assert!(civility("M. X").is_ok());
        assert!(civility("Madame Y").is_ok());
        assert!(civility("MM. A, B").is_ok());
        assert!(civility("Marc").is_err());
        assert!(civility("Mairie").is_err());
        // Turned away at the second letter.
        assert!(civility("Mireille X").is_err());
        assert!(civility("M1 X").is_err());
        // Not turned away there: a second letter outside ASCII, or none.
        assert!(civility("MÉSDAMES X").is_ok());
        assert!(civility("M\tX").is_ok());
        assert!(civility("M").is_ok());
    }
}
