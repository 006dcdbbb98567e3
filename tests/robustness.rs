//! Never panic, on any bytes, in any stage; pathological inputs in linear time.
//!
//! Property tests feed arbitrary bytes, French-looking token soup and
//! mutated real texts to the whole pipeline and to every line parser. The
//! number of cases is bounded so that CI stays quick; `PROPTEST_CASES=100000`
//! runs a longer campaign, and `fuzz/` holds a cargo-fuzz target.

use greffier::parse;
use proptest::prelude::*;
use std::time::{Duration, Instant};

mod common;

/// Words and marks that steer the parsers into their deeper branches.
const TOKENS: &[&str] = &[
    "Vu ",
    "VU ",
    "Considérant ",
    "Article ",
    "ARTICLE 1er",
    "Article 2 :",
    "DÉCIDE",
    "Après en avoir délibéré",
    "Pour : ",
    "Contre : ",
    "Abstention",
    "ABSTENUS : ",
    "sous la présidence de M. Paul DURAND",
    "PRÉSIDENCE DE ",
    "conseil municipal",
    "Réunion du Bureau",
    "Ne prend pas part au vote : ",
    "VOTÉ : ",
    "une voix contre",
    "12 POUR",
    "à l'unanimité",
    "Présents : ",
    "Excusés : ",
    "Absents",
    "Pouvoirs : ",
    "donne pouvoir à ",
    "(pouvoir à M. ",
    "M. ",
    "Mme ",
    "Monsieur ",
    "DUPONT",
    "Jean-Pierre",
    "de CRÉMIERS",
    "Délibération n° ",
    "2023-490",
    "N° ",
    "Objet : ",
    "REUNION DU ",
    "Séance du ",
    "l'an deux mil onze",
    "vingt et un",
    "12 mai 2011",
    "31/12/2023",
    "janvier",
    "Conseil municipal",
    "COMMISSION PERMANENTE",
    "DEPARTEMENT DU PAS-DE-CALAIS",
    "Commune de ",
    "Conseillers en exercice : ",
    "Votants",
    "12 345,67 €",
    "1 000 000",
    "€",
    "Imputation",
    "Code opération",
    "C01-221E01",
    "Fait à Arras, le ",
    "Le Président",
    "Signé",
    "Affiché le ",
    "Reçu en préfecture le ",
    "RAPPORT N°",
    "Objet :",
    "PROCÈS-VERBAL",
    "Ordre du jour",
    "I – ",
    "1 - ",
    "1/",
    "- ",
    "(",
    ")",
    ":",
    ",",
    ";",
    ".",
    "\t",
    "    ",
    "\n",
    "\n\n",
    "\u{a0}",
    "\u{f0b7}",
    "**",
    "#",
    "é",
    "e\u{301}",
    "’",
    "\u{c}",
    "\r\n",
    "0",
    "7",
    "19",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..200).prop_map(|v| v.concat())
}

/// The fixtures, read once for all cases.
fn real_texts() -> &'static [Vec<u8>] {
    static TEXTS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(common::fixture_bytes)
}

/// One edit of a real text: delete, insert or duplicate a range of bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Repeat { at: usize, len: usize, times: usize },
    Flip { at: usize, bit: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..400usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 0..200usize, 1..20usize).prop_map(|(at, len, times)| Mutation::Repeat {
            at,
            len,
            times
        }),
        (any::<usize>(), 0..8u8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
    ]
}

fn apply(text: &mut Vec<u8>, m: &Mutation) {
    if text.is_empty() {
        return;
    }
    let n = text.len();
    match m {
        Mutation::Delete { at, len } => {
            let a = at % n;
            let b = (a + len).min(n);
            text.drain(a..b);
        }
        Mutation::Insert { at, bytes } => {
            let a = at % (n + 1);
            text.splice(a..a, bytes.iter().copied());
        }
        Mutation::Repeat { at, len, times } => {
            let a = at % n;
            let b = (a + len).min(n);
            let chunk = text[a..b].repeat(*times);
            text.splice(b..b, chunk);
        }
        Mutation::Flip { at, bit } => text[at % n] ^= 1 << bit,
    }
}

/// The whole pipeline, plus serialisation: what the CLI does to one file.
fn pipeline(bytes: &[u8]) {
    let doc = greffier::parse_bytes("t.txt", bytes);
    serde_json::to_string(&doc).expect("a document always serialises");
    for d in &doc.deliberations {
        assert!(d.lines[0] <= d.lines[1], "lines {:?}", d.lines);
    }
}

/// Every line-level parser on one string.
fn line_parsers(s: &str) {
    let _ = parse::amounts::amount(s);
    let _ = parse::amounts::count(s);
    let _ = parse::amounts::count_or_word(s);
    let _ = parse::amounts::is_amount_cell(s);
    let _ = parse::articles::article_head(s);
    let _ = parse::articles::decision_marker(s);
    let _ = parse::articles::decide_line(s);
    let _ = parse::attendance::list_label(s);
    let _ = parse::attendance::proxy(s, None);
    let _ = parse::attendance::counts(s);
    let mut att = greffier::model::Attendance::default();
    for kind in [
        parse::attendance::ListKind::Present,
        parse::attendance::ListKind::Excused,
        parse::attendance::ListKind::Absent,
    ] {
        parse::attendance::add_list(kind, s, &mut att, None);
    }
    let _ = parse::budget_table::is_header_start(s);
    let _ = parse::budget_table::is_row_start(s);
    let _ = parse::budget_table::is_table_line(s);
    let lines: Vec<&str> = s.lines().collect();
    let _ = parse::budget_table::parse_table(&lines);
    let _ = parse::signature::parse_signature(&lines);
    let _ = parse::citations::citation_start(s);
    let _ = parse::citations::references(s);
    let _ = parse::dates::find_dates(s);
    let _ = parse::header::collectivity(s);
    let _ = parse::header::body(s);
    let _ = parse::header::presidency(s);
    let _ = parse::header::secretary(s);
    let _ = parse::item::heading(s);
    let _ = parse::item::is_not_an_act(s);
    let _ = parse::item::is_agenda_start(s);
    let _ = parse::number::number(s);
    let _ = parse::number::number_line(s);
    let _ = parse::number::objet_line(s);
    let _ = parse::person::person(s);
    let _ = parse::person::split_names(s);
    let _ = parse::signature::place_date(s);
    let _ = parse::signature::role_line(s);
    let _ = parse::signature::formality(s);
    let _ = parse::transmission::stamp(s);
    let _ = parse::trivia::clean(s);
    let _ = parse::vote::parse_vote(s);
    let _ = parse::vote::is_unanimous(s);
    let _ = parse::vote::is_vote_line(s);
    let _ = parse::vote::outcome(s);
    let _ = parse::vote::outcome_in_prose(s);
}

/// The lexer's promises about each normalised line: blanks are single
/// spaces or tabs between words, its folded form is `folded` of its text,
/// and the rules that read the folded form say what they say of the text.
fn lexed_lines_agree_with_their_text(text: &str) {
    let norm = greffier::normalize::normalize(text);
    for l in norm.lines() {
        let t = l.text;
        assert_eq!(t, t.trim(), "{t:?}");
        assert!(
            !t.contains("  ") && !t.contains(" \t") && !t.contains("\t "),
            "{t:?}"
        );
        assert_eq!(l.folded, parse::trivia::folded(t), "{t:?}");
        assert_eq!(
            parse::articles::decision_marker_line(&l),
            parse::articles::decision_marker(t)
        );
        assert_eq!(parse::vote::outcome_line(&l), parse::vote::outcome(t));
        assert_eq!(parse::vote::vote_line(&l), parse::vote::is_vote_line(t));
        assert_eq!(parse::header::body_of(l.folded), parse::header::body(t));
        assert_eq!(
            parse::header::presidency_line(&l),
            parse::header::presidency(t)
        );
        assert_eq!(
            parse::transmission::stamp_line(&l),
            parse::transmission::stamp(t)
        );
        assert_eq!(
            parse::attendance::counts_line(&l),
            parse::attendance::counts(t)
        );
        assert_eq!(
            parse::header::secretary_sentence_line(&l),
            parse::header::secretary_sentence(t)
        );
        assert_eq!(
            parse::signature::role_line_of(&l),
            parse::signature::role_line(t).as_deref()
        );
        assert_eq!(
            parse::vote::vote_in_line_of(&l),
            parse::vote::vote_in_line(t)
        );
        assert_eq!(
            parse::item::opens_agenda(l.folded),
            parse::item::is_agenda_start(t)
        );
    }
}

#[test]
fn lexed_real_lines_agree_with_their_text() {
    for bytes in real_texts() {
        lexed_lines_agree_with_their_text(&String::from_utf8_lossy(bytes));
    }
}

// proptest's default of 256 cases per property; PROPTEST_CASES overrides it.
proptest! {
    #[test]
    fn lexed_lines_agree(s in any::<String>()) {
        lexed_lines_agree_with_their_text(&s);
    }

    #[test]
    fn lexed_soup_lines_agree(s in soup()) {
        lexed_lines_agree_with_their_text(&s);
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        pipeline(&bytes);
    }

    #[test]
    fn any_string_through_every_parser(s in any::<String>()) {
        line_parsers(&s);
        pipeline(s.as_bytes());
    }

    #[test]
    fn token_soup(s in soup()) {
        line_parsers(&s);
        for line in s.lines() {
            line_parsers(line);
        }
        pipeline(s.as_bytes());
    }

    #[test]
    fn mutated_real_texts(which in any::<usize>(), edits in prop::collection::vec(mutation(), 1..12)) {
        let texts = real_texts();
        let mut text = texts[which % texts.len()].clone();
        for m in &edits {
            apply(&mut text, m);
        }
        pipeline(&text);
    }
}

/// The best of three timings of `f(input)`.
fn best_time(input: &[u8], f: fn(&[u8])) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f(input);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Time grows linearly: four times the input costs far less than sixteen
/// times the time (a quadratic walk would). The ratio, not a duration, is
/// asserted, so a busy machine does not fail it: the input is grown until
/// the small run takes a few milliseconds (a scheduler hiccup is then small
/// beside it), and a failed ratio is measured again, up to three times — a
/// quadratic walk fails every time, noise does not.
fn assert_linear(name: &str, make: fn(usize) -> Vec<u8>, n: usize) {
    let mut n = n;
    let mut small = make(n);
    pipeline(&small); // warm-up
    while best_time(&small, pipeline) < Duration::from_millis(4) && n < 64 * 25_000 {
        n *= 2;
        small = make(n);
    }
    let large = make(4 * n);
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let ts = best_time(&small, pipeline);
        let tl = best_time(&large, pipeline);
        let ratio = tl.as_secs_f64() / ts.as_secs_f64();
        if ratio < 10.0 {
            return;
        }
        ratios.push(format!("×{ratio:.1} ({ts:?} → {tl:?})"));
    }
    panic!("{name}: ×4 input took {}", ratios.join(", then "));
}

#[test]
fn nested_parentheses_in_linear_time() {
    assert_linear(
        "parentheses",
        |n| format!("Présents : {}M. X{}\n", "(".repeat(n), ")".repeat(n)).into_bytes(),
        25_000,
    );
}

#[test]
fn one_huge_line_in_linear_time() {
    assert_linear(
        "one line",
        |n| {
            "Le Conseil départemental décide d'attribuer 12 345,67 € au titre de 2023. "
                .repeat(n)
                .into_bytes()
        },
        2_000,
    );
}

#[test]
fn a_line_of_vu_in_linear_time() {
    assert_linear("vu", |n| "Vu ".repeat(n).into_bytes(), 20_000);
}

#[test]
fn many_short_parts_in_linear_time() {
    assert_linear(
        "parts",
        |n| {
            "Vu le code\nArticle 1 : x\nPour : 3\nPrésents : M. A, Mme B\n"
                .repeat(n)
                .into_bytes()
        },
        2_000,
    );
}

#[test]
fn pathological_inputs_of_the_brief_finish() {
    // The sizes named in the brief, once each: they must simply finish.
    let inputs = [
        format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000)),
        "Vu ".repeat(300_000),
        "Délibération n° 2023-1 Présents : M. A ".repeat(10_000_000 / 40),
    ];
    for text in inputs {
        pipeline(text.as_bytes());
    }
}
