//! Per-stage throughput on the fixtures: `cargo bench --bench stages`.
//!
//! Each stage is measured on its own input (the previous stage's output,
//! prepared outside the timed loop), in bytes of input text per second.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use greffier::{assemble, decode, normalize, parse};
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;

fn stages(c: &mut Criterion) {
    let raw = common::fixture_bytes();
    let bytes: u64 = raw.iter().map(|b| b.len() as u64).sum();
    let texts: Vec<String> = raw
        .iter()
        .map(|b| decode::decode(b).text.into_owned())
        .collect();
    let norms: Vec<normalize::Normalized> = texts.iter().map(|t| normalize::normalize(t)).collect();
    let docs: Vec<_> = raw
        .iter()
        .map(|b| greffier::parse_bytes("bench.txt", b))
        .collect();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("decode", |b| {
        b.iter(|| {
            raw.iter()
                .map(|r| decode::decode(black_box(r)).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("sha256", |b| {
        b.iter(|| {
            raw.iter()
                .map(|r| greffier::sha256_hex(black_box(r)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| normalize::normalize(black_box(t)).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment_and_parse", |b| {
        b.iter(|| {
            norms
                .iter()
                .map(|n| {
                    let lines = n.lines();
                    let mut diags = Vec::new();
                    assemble::assemble(black_box(&lines), &mut diags)
                        .deliberations
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("serialize_pretty", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| serde_json::to_vec_pretty(black_box(d)).unwrap().len())
                .sum::<usize>()
        })
    });
    g.bench_function("whole_file", |b| {
        b.iter(|| {
            raw.iter()
                .map(|r| {
                    greffier::parse_bytes("bench.txt", black_box(r))
                        .deliberations
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    // Each line parser over every normalised line, as the walk asks it.
    let lines: Vec<&str> = norms
        .iter()
        .flat_map(|n| n.lines().into_iter().map(|l| l.text))
        .collect();
    let line_bytes: u64 = lines.iter().map(|l| l.len() as u64 + 1).sum();
    let mut g = c.benchmark_group("line_parser");
    g.throughput(Throughput::Bytes(line_bytes));
    type Rule = fn(&str) -> bool;
    let rules: [(&str, Rule); 14] = [
        ("folded", |t| !parse::trivia::folded(t).is_empty()),
        ("transmission_stamp", |t| {
            parse::transmission::stamp(t).is_some()
        }),
        ("attendance_label", |t| {
            parse::attendance::list_label(t).is_some()
        }),
        ("attendance_counts", |t| {
            !parse::attendance::counts(t).is_empty()
        }),
        ("header_collectivity", |t| {
            parse::header::collectivity(t).is_some()
        }),
        ("header_secretary", |t| {
            parse::header::secretary(t).is_some()
        }),
        ("citation_start", |t| {
            parse::citations::citation_start(t).is_some()
        }),
        ("article_head", |t| {
            parse::articles::article_head(t).is_some()
        }),
        ("decision_marker", parse::articles::decision_marker),
        ("budget_table_line", parse::budget_table::is_table_line),
        ("vote_line", parse::vote::is_vote_line),
        ("vote_outcome", |t| parse::vote::outcome(t).is_some()),
        ("number_line", |t| parse::number::number_line(t).is_some()),
        ("signature_place_date", |t| {
            parse::signature::place_date(t).is_some()
        }),
    ];
    for (name, rule) in rules {
        g.bench_with_input(BenchmarkId::from_parameter(name), &lines, |b, lines| {
            b.iter(|| lines.iter().filter(|l| rule(black_box(l))).count())
        });
    }
    g.bench_function("dates", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| parse::dates::find_dates(black_box(l)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
