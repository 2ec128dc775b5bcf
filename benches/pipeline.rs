//! The per-file pipeline, step by step, on a file shaped like the seed (a Chinese Hugo news
//! article): split, parse (fast path, and both parsers), schema validation, and the whole lint.
//! Run: `cargo bench`.

use std::path::Path;

use frontlint::config::RuleSet;
use frontlint::lint::{Settings, lint_text};
use frontlint::schema::Schema;
use frontlint::split::{Split, split};

fn main() {
    divan::main();
}

const SEED: &str =
    include_str!("../fixtures/demo-site/content/news/2025/02/ai-three-observations.md");

/// The seed's header with a body of realistic length (about 6 KB, like the bench corpus).
fn article() -> String {
    let mut text = SEED.to_string();
    while text.len() < 6000 {
        text.push_str("\n随着越来越多的系统开始接近AGI的水平，我们认为理解我们当前所处的时刻非常重要。[相关阅读](../../2024/12/other.md)\n");
    }
    text
}

fn settings() -> Settings {
    Settings {
        rules: RuleSet::default(),
        schema: Some(std::sync::Arc::new(Schema::builtin())),
        ..Default::default()
    }
}

#[divan::bench]
fn split_header(bencher: divan::Bencher) {
    let text = article();
    bencher.bench(|| split(divan::black_box(&text)));
}

#[divan::bench]
fn parse_header(bencher: divan::Bencher) {
    let text = article();
    let Split::Found(fm) = split(&text) else {
        panic!("seed has front matter")
    };
    bencher.bench(|| frontlint::parse::parse(divan::black_box(&text), &fm));
}

/// Both YAML parsers on the same header (the fast path, then the general parser): the
/// difference with `parse_header` is what the fast path saves.
#[divan::bench]
fn parse_header_both_parsers(bencher: divan::Bencher) {
    let text = article();
    let Split::Found(fm) = split(&text) else {
        panic!("seed has front matter")
    };
    bencher.bench(|| frontlint::parse::yaml_both(divan::black_box(&text), fm.content.clone()));
}

#[divan::bench]
fn validate_schema(bencher: divan::Bencher) {
    let text = article();
    let Split::Found(fm) = split(&text) else {
        panic!("seed has front matter")
    };
    let root = frontlint::parse::parse(&text, &fm).root.expect("parses");
    let schema = Schema::builtin();
    bencher.bench(|| {
        let mut out = Vec::new();
        schema.check(divan::black_box(&root), 0..3, &mut out);
        out
    });
}

#[divan::bench]
fn lint_whole_file(bencher: divan::Bencher) {
    let text = article();
    let settings = settings();
    bencher.bench(|| lint_text(Path::new("a.md"), divan::black_box(&text), &settings));
}
