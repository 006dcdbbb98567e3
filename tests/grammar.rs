//! Runs every example of `grammar/*.md` through the rule it names and
//! compares the result with the `expect` block that follows it.

mod common;

use greffier::model::Attendance;
use greffier::parse::{
    amounts, attendance, budget_table, citations, dates, header, number, person, signature,
    transmission, trivia, vote,
};
use serde_json::{Value, json};

/// Runs rule `rule` on `input` and returns its result as JSON.
fn run(rule: &str, input: &str) -> Value {
    let first = input.lines().next().unwrap_or("");
    match rule {
        "normalize" => {
            let n = greffier::normalize::normalize(input);
            json!(n.lines().iter().map(|l| l.text).collect::<Vec<_>>())
        }
        "join" => json!(trivia::join_lines(input.lines())),
        "date" => json!(dates::first_date(input)),
        "amount" => json!(amounts::amount(input).ok().map(|(_, v)| v)),
        "person" => json!(person::person(input)),
        "stamp" => json!(
            transmission::stamp(input)
                .map(|(k, d)| json!({"kind": format!("{k:?}").to_lowercase(), "date": d}))
        ),
        "collectivity" => json!(header::collectivity(input)),
        "body" => json!(header::body(input)),
        "presidency" => json!(header::presidency(input)),
        "secretary" => json!(header::secretary(input)),
        "place" => json!(header::meeting_place(&trivia::join_lines(input.lines()))),
        "collectivity_prose" => json!(header::collectivity_in_prose(&trivia::join_lines(
            input.lines()
        ))),
        "rapporteur" => json!(header::rapporteur_line(input)),
        "secretary_sentence" => json!(header::secretary_sentence(input)),
        "convocation" => json!(header::convocation_in_prose(&trivia::join_lines(
            input.lines()
        ))),
        "names" => json!(attendance::looks_like_names(&trivia::join_lines(
            input.lines()
        ))),
        "proposal" => json!(greffier::parse::articles::proposal_marker(input)),
        "attendance" => {
            let mut att = Attendance::default();
            let (kind, rest) = attendance::list_label(first).expect("an attendance label");
            attendance::add_list(kind, rest, &mut att, None);
            serde_json::to_value(att).unwrap()
        }
        "counts" => {
            let mut v = serde_json::Map::new();
            for (k, n) in attendance::counts(input) {
                let key = match k {
                    attendance::CountKind::InOffice => "in_office",
                    attendance::CountKind::Present => "present",
                    attendance::CountKind::Voting => "voting",
                };
                v.insert(key.into(), json!(n));
            }
            Value::Object(v)
        }
        "number" => json!(number::number_line(input)),
        "objet" => json!(number::objet_line(input)),
        "citation" => {
            json!({"kind": citations::citation_start(input), "references": citations::references(input)})
        }
        "article_head" => json!(
            greffier::parse::articles::article_head(input)
                .map(|(n, t)| json!({"number": n, "text": t}))
        ),
        "budget_table" => json!(budget_table::parse_table(
            &input.lines().collect::<Vec<_>>()
        )),
        "vote" => json!(vote::parse_vote(&trivia::join_lines(input.lines()))),
        "outcome" => json!(vote::outcome(input)),
        "vote_in_line" => json!(vote::vote_in_line(input)),
        "signature" => json!(signature::parse_signature(&input.lines().collect::<Vec<_>>()).0),
        "lex" => {
            let n = greffier::normalize::normalize(input);
            let lines = n.lines();
            let lexemes = greffier::lex::lex(&lines);
            json!(
                lines
                    .iter()
                    .zip(&lexemes)
                    .filter(|(l, _)| !l.is_blank())
                    .map(|(_, x)| x.kinds().collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            )
        }
        "segments" => {
            serde_json::to_value(greffier::parse_bytes("example.txt", input.as_bytes())).unwrap()
        }
        other => panic!("grammar example names an unknown rule: {other}"),
    }
}

/// (file, rule, input, expected) for every example in `grammar/`.
fn examples() -> Vec<(String, String, String, String)> {
    let files = common::project_files("grammar", "md");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let mut blocks: Vec<(String, String)> = Vec::new();
        let mut lines = text.lines();
        while let Some(l) = lines.next() {
            if let Some(tag) = l.strip_prefix("```") {
                let tag = tag.trim().to_string();
                if tag.is_empty() {
                    continue;
                }
                let body: Vec<&str> = lines
                    .by_ref()
                    .take_while(|l| !l.starts_with("```"))
                    .collect();
                blocks.push((tag, body.join("\n")));
            }
        }
        for w in blocks.windows(2) {
            if let Some(rule) = w[0].0.strip_prefix("example ") {
                assert_eq!(
                    w[1].0, "expect",
                    "{name}: example {rule} has no expect block"
                );
                out.push((
                    name.clone(),
                    rule.to_string(),
                    w[0].1.clone(),
                    w[1].1.clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_grammar_example_parses_as_documented() {
    let all = examples();
    assert!(
        all.len() >= 40,
        "expected the grammar to hold many examples, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (file, rule, input, expected) in all {
        let expected: Value = serde_json::from_str(&expected)
            .unwrap_or_else(|e| panic!("{file}: bad expect JSON for {rule}: {e}"));
        let actual = run(&rule, &input);
        let mut errors = Vec::new();
        common::check(&expected, &actual, &format!("{file}:{rule}"), &mut errors);
        if !errors.is_empty() {
            failures.push(format!(
                "{}\n  input: {input}\n  got: {actual}",
                errors.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The rules of the lexer's and the assembly's grammars are the functions
/// of the same name: a rule renamed or removed in the code fails here.
#[test]
fn every_lexer_and_assembly_rule_has_its_function() {
    let mut sources = String::new();
    for f in common::project_files("src", "rs")
        .into_iter()
        .chain(common::project_files("src/assemble", "rs"))
        .chain(common::project_files("src/parse", "rs"))
    {
        sources += &std::fs::read_to_string(f).unwrap();
    }
    let mut missing = Vec::new();
    let mut rules = 0;
    for file in ["grammar/09-lexer.md", "grammar/10-assembly.md"] {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        let mut in_ebnf = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_ebnf = line == "```ebnf";
                continue;
            }
            if !in_ebnf {
                continue;
            }
            // Every name on the line: the rule and the names it is made of.
            let code = line.split("(*").next().unwrap_or("");
            for name in code
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| {
                    w.len() > 3 && w.contains('_')
                        || matches!(*w, "lex" | "assemble" | "items" | "heading")
                })
            {
                rules += 1;
                if !sources.contains(&format!("fn {name}("))
                    && !sources.contains(&format!("fn {name}<"))
                {
                    missing.push(format!("{file}: {name}"));
                }
            }
        }
    }
    assert!(rules >= 20, "only {rules} rule names found");
    assert!(missing.is_empty(), "rules without a function: {missing:?}");
}
