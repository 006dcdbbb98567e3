//! Dates, written in figures or in words, to ISO `YYYY-MM-DD`.
//!
//! ```text
//! date          = numeric_date | day_month_year | words_date
//! numeric_date  = day ("/" | "." | "-") month ("/" | "." | "-") year      (* 01/07/2021 *)
//! day_month_year= [weekday] day_num month_name year_num                    (* lundi 20 novembre 2023, 1er août 2016 *)
//! words_date    = "l'an" year_words "," ["le"] [weekday] day month_name    (* L'an deux mil onze, le jeudi 12 mai *)
//! day_num       = digits ["er"] | number_words
//! year_num      = 4 digits | number_words                                  (* deux mille vingt-trois *)
//! ```

use super::trivia::fold;
use std::borrow::Cow;

const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];
const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// A date found in a string: ISO form and the byte range it covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2100).contains(&y);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A token of a date: a word (folded) or a number, with its byte range.
#[derive(Debug)]
struct Tok<'a> {
    text: Cow<'a, str>,
    start: usize,
    end: usize,
}

impl<'a> Tok<'a> {
    /// The word `s[start..end]`, folded; borrowed when folding leaves it as
    /// it is (figures and words in lower case without accents: most words).
    fn word(s: &'a str, start: usize, end: usize) -> Self {
        let w = &s[start..end];
        let text = if w
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.chars().map(fold).collect())
        };
        Tok { text, start, end }
    }
}

/// The tokens of a text, read as far as the rules ask: the first date of
/// a long paragraph is found without reading the rest. Words are letters
/// and digits; the separators of numeric dates are tokens of their own.
struct Toks<'a> {
    text: &'a str,
    /// The byte after the last character read.
    read: usize,
    /// The start of the word being read, if one is.
    word_start: Option<usize>,
    toks: Vec<Tok<'a>>,
}

impl<'a> Toks<'a> {
    fn new(text: &'a str) -> Self {
        Toks {
            text,
            read: 0,
            word_start: None,
            toks: Vec::new(),
        }
    }

    /// Reads until token `i` is there or the text is read; true if it is.
    fn fill(&mut self, i: usize) -> bool {
        let s = self.text;
        while self.toks.len() <= i && self.read < s.len() {
            let c = s[self.read..]
                .chars()
                .next()
                .expect("a character starts here");
            let at = self.read;
            self.read += c.len_utf8();
            if c.is_alphanumeric() {
                self.word_start.get_or_insert(at);
                continue;
            }
            if let Some(start) = self.word_start.take() {
                self.toks.push(Tok::word(s, start, at));
            }
            if matches!(c, '/' | '.' | '-' | ',' | ';' | ':' | '(' | ')') {
                self.toks.push(Tok {
                    text: Cow::Borrowed(&s[at..at + 1]),
                    start: at,
                    end: at + 1,
                });
            }
        }
        if self.toks.len() <= i
            && let Some(start) = self.word_start.take()
        {
            self.toks.push(Tok::word(s, start, s.len()));
        }
        self.toks.len() > i
    }

    /// The tokens read so far, token `i` among them unless the text ends
    /// before it.
    fn upto(&mut self, i: usize) -> &[Tok<'a>] {
        self.fill(i);
        &self.toks
    }
}

/// Whether a folded text may hold a date: every date has a figure or a
/// month, and every month [`month_of`] reads opens with one of these three
/// letters. Rules that look for a date on every line ask this first.
pub fn may_hold_date(folded: &str) -> bool {
    static MONTH_STARTS: std::sync::LazyLock<crate::text::Words<11>> =
        std::sync::LazyLock::new(|| {
            crate::text::Words::new([
                "jan", "fev", "mar", "avr", "mai", "jui", "aou", "sep", "oct", "nov", "dec",
            ])
        });
    folded.bytes().any(|b| b.is_ascii_digit()) || MONTH_STARTS.any_in(folded)
}

fn month_of(t: &str) -> Option<u32> {
    let t = t.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == t || (t.len() >= 3 && m.starts_with(t) && t != "mar" && t != "jui"))
        .map(|i| i as u32 + 1)
}

fn number_word(t: &str) -> Option<u32> {
    Some(match t {
        "un" | "une" | "premier" | "1er" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        "cent" | "cents" => 100,
        "mil" | "mille" => 1000,
        _ => return None,
    })
}

/// Reads a number written in words from `toks[i..]`; returns the value and
/// the number of tokens used. Hyphens and "et" inside the number are skipped.
fn words_number(toks: &mut Toks, mut i: usize) -> Option<(u32, usize)> {
    let begin = i;
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    while toks.fill(i) {
        let t: &str = &toks.toks[i].text;
        let value = number_word(t);
        if any && (t == "-" || t == "et") {
            // "vingt-trois", "vingt et un": continue only if a number word follows.
            if toks
                .upto(i + 1)
                .get(i + 1)
                .is_some_and(|n| number_word(&n.text).is_some())
            {
                i += 1;
                continue;
            }
            break;
        }
        let Some(v) = value else {
            break;
        };
        match v {
            1000 => {
                total += if current == 0 { 1 } else { current } * 1000;
                current = 0;
            }
            100 => current = if current == 0 { 1 } else { current } * 100,
            20 if current % 100 == 4 => current = current - 4 + 80,
            _ => current += v,
        }
        any = true;
        i += 1;
    }
    any.then_some((total + current, i - begin))
}

/// A day: "12", "1er", "premier", "vingt et un".
fn day_at(toks: &mut Toks, i: usize) -> Option<(u32, usize)> {
    let t = &toks.upto(i).get(i)?.text;
    if let Some(d) = t
        .strip_suffix("er")
        .unwrap_or(t)
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=31).contains(d))
        && t.len() <= 4
    {
        return Some((d, 1));
    }
    words_number(toks, i).filter(|(v, _)| (1..=31).contains(v))
}

fn year_at(toks: &mut Toks, i: usize) -> Option<(u32, usize)> {
    let t = &toks.upto(i).get(i)?.text;
    if t.len() == 4
        && let Ok(y) = t.parse::<u32>()
    {
        return Some((y, 1));
    }
    words_number(toks, i).filter(|(v, _)| (1900..=2100).contains(v))
}

fn numeric_at(toks: &mut Toks, i: usize) -> Option<(String, usize)> {
    let toks = toks.upto(i + 4);
    let d: u32 = toks.get(i)?.text.parse().ok()?;
    let sep = &toks.get(i + 1)?.text;
    if !matches!(&**sep, "/" | "." | "-") || toks[i].text.len() > 4 {
        return None;
    }
    let m: u32 = toks.get(i + 2)?.text.parse().ok()?;
    if toks.get(i + 3)?.text != *sep {
        return None;
    }
    let yt = &toks.get(i + 4)?.text;
    let y: u32 = yt.parse().ok()?;
    // Adjacent tokens only: "01/07/2021", not "1 / 7 / 2021" spread over prose.
    if toks[i + 4].start - toks[i].end > 6 {
        return None;
    }
    if toks[i].text.len() == 4 {
        // ISO order: 2023-11-20.
        return iso(d, m, y).map(|s| (s, 5));
    }
    let y = match yt.len() {
        4 => y,
        2 => 2000 + y,
        _ => return None,
    };
    iso(y, m, d).map(|s| (s, 5))
}

/// Finds dates in `s`, in order. `default_year` completes "le jeudi 12 mai"
/// after "L'an deux mil onze".
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    dates_in(s, usize::MAX)
}

/// The first `max` dates of `s`.
fn dates_in(s: &str, max: usize) -> Vec<FoundDate> {
    let mut toks = Toks::new(s);
    let mut out = Vec::new();
    let mut year_words: Option<u32> = None;
    let mut i = 0;
    while out.len() < max && toks.fill(i) {
        if let Some((v, n)) = numeric_at(&mut toks, i) {
            out.push(FoundDate {
                iso: v,
                start: toks.toks[i].start,
                end: toks.toks[i + n - 1].end,
            });
            i += n;
            continue;
        }
        // "l'an deux mil onze": remember the year for a following day and month.
        if toks.toks[i].text == "an"
            && let Some((y, n)) = year_at(&mut toks, i + 1)
        {
            year_words = Some(y);
            i += 1 + n;
            continue;
        }
        let mut j = i;
        if WEEKDAYS.contains(&&*toks.toks[j].text) {
            j += 1;
        }
        if let Some((d, n)) = day_at(&mut toks, j)
            && let Some(m) = toks.upto(j + n).get(j + n).and_then(|t| month_of(&t.text))
        {
            let after = j + n + 1;
            if let Some((y, ny)) = year_at(&mut toks, after)
                && let Some(v) = iso(y, m, d)
            {
                out.push(FoundDate {
                    iso: v,
                    start: toks.toks[i].start,
                    end: toks.toks[after + ny - 1].end,
                });
                i = after + ny;
                continue;
            }
            if let Some(y) = year_words
                && let Some(v) = iso(y, m, d)
            {
                out.push(FoundDate {
                    iso: v,
                    start: toks.toks[i].start,
                    end: toks.toks[j + n].end,
                });
                year_words = None;
                i = after;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The first date of `s` and where it is (the tokens after it unread).
pub fn first_found_date(s: &str) -> Option<FoundDate> {
    dates_in(s, 1).pop()
}

/// The first date in `s`, as ISO.
pub fn first_date(s: &str) -> Option<String> {
    dates_in(s, 1).pop().map(|d| d.iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Wherever a date is found, the gate lets the text through.
        #[test]
        fn the_date_gate_lets_every_date_through(
            t in "(le |du )?(premier|1er|[0-9]{1,2}|vingt-deux|trente et un) (janv\\.?|févr\\.?|mars|avril|mai|juin|juil\\.?|août|sept\\.?|oct\\.?|nov\\.?|déc\\.?|décembre)( (deux mille (vingt-trois|douze)|20[0-9]{2}))?",
        ) {
            let f = crate::text::folded(&t);
            if first_date(&t).is_some() {
                proptest::prop_assert!(may_hold_date(&f), "{t}");
            }
        }
    }

    proptest::proptest! {
        /// Reading only as far as the first date finds the date a reading of
        /// the whole text finds first.
        #[test]
        fn the_first_date_is_the_first_of_all(words in proptest::collection::vec(
            proptest::sample::select(&[
                "le", "12", "1er", "/", "03", ".", "2021", "23", "mars", "Août", "déc.",
                "deux", "mille", "vingt", "-", "et", "un", "L'an", "an", "lundi", ",", "Objet",
            ][..]),
            0..24,
        ), glue in proptest::sample::select(&[" ", ""][..])) {
            let text = words.join(glue);
            proptest::prop_assert_eq!(
                first_date(&text),
                find_dates(&text).into_iter().next().map(|d| d.iso)
            );
        }
    }

    #[test]
    fn figures() {
        assert_eq!(
            first_date("en date du 01/07/2021 « Délégation"),
            Some("2021-07-01".into())
        );
        assert_eq!(first_date("Reçu le 08.04.2014"), Some("2014-04-08".into()));
        assert_eq!(first_date("le 2023-11-20"), Some("2023-11-20".into()));
        assert_eq!(first_date("Affiché le 06/06/23"), Some("2023-06-06".into()));
    }

    #[test]
    fn month_names() {
        assert_eq!(
            first_date("REUNION DU 20 NOVEMBRE 2023"),
            Some("2023-11-20".into())
        );
        assert_eq!(
            first_date("Envoi au contrôle de légalité le : 6 décembre 2023"),
            Some("2023-12-06".into())
        );
        assert_eq!(first_date("le 1er août 2016"), Some("2016-08-01".into()));
        assert_eq!(
            first_date("le lundi 3 avril 2023"),
            Some("2023-04-03".into())
        );
    }

    #[test]
    fn words() {
        assert_eq!(
            first_date("L'an deux mil onze, le jeudi 12 mai, à vingt heures trente"),
            Some("2011-05-12".into())
        );
        assert_eq!(
            first_date("le vendredi vingt et un octobre deux mil seize"),
            Some("2016-10-21".into())
        );
        assert_eq!(
            first_date("l'an deux mille vingt-trois, le lundi trois avril"),
            Some("2023-04-03".into())
        );
        assert_eq!(
            first_date("L'an deux mille vingt-cinq, treize novembre à dix-neuf heures"),
            Some("2025-11-13".into())
        );
        assert_eq!(
            first_date("L'an deux mil dix neuf, le onze mars"),
            Some("2019-03-11".into())
        );
    }

    #[test]
    fn not_dates() {
        assert_eq!(first_date("article L.3121-14"), None);
        assert_eq!(first_date("Pour : 44 voix"), None);
    }
}
