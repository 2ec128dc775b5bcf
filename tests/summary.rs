//! Summary, taxonomy and language rules: true positives and traps.

mod common;

use common::{findings, json, rule_ids, run_in, write};
use tempfile::TempDir;

fn lint_with(content: &str, config: &str, select: &str) -> Vec<(String, u64, String)> {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", config);
    write(dir.path(), "a.md", content);
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", select, "a.md"],
    );
    findings(&out)
}

fn lint(content: &str) -> Vec<(String, u64, String)> {
    lint_with(content, "", "summary,taxonomy,lang")
}

#[test]
fn excerpts_that_match_are_clean() {
    // The body starts with a heading, emphasis and a link: the summary matches its text.
    let page = "---\nsummary: \"Hello world, this is the first...\"\n---\n# Title\n\n**Hello** [world](https://example.com/), this is the first post of the site.\n";
    assert!(lint(page).is_empty(), "{:?}", lint(page));
    // CJK with `……`, full-width vs half-width punctuation, and CJK spacing.
    let cjk = "---\nsummary: \"2月10日消息,美国当地时间周日……\"\n---\n2月10日消息，美国 当地时间周日，OpenAI首席执行官山姆在个人博客上发文。\n";
    assert!(lint(cjk).is_empty(), "{:?}", lint(cjk));
    // A summary equal to the full first sentence is not truncated.
    let sentence = "---\nsummary: 本文介绍了使用Envoy来加速Monzo。\n---\n本文介绍了使用Envoy来加速Monzo。后面还有内容。\n";
    assert!(lint(sentence).is_empty());
    // A block scalar summary.
    let block = "---\nsummary: >-\n  Hello world, this is\n  the first...\n---\nHello world, this is the first post.\n";
    assert!(lint(block).is_empty(), "{:?}", lint(block));
}

#[test]
fn a_drifted_excerpt_is_a_mismatch_at_the_summary() {
    let page = "---\ntitle: t\nsummary: \"2月10日消息，美国当地时间周日，OpenAI首席执行官山姆在个人博客上发文，阐述了对人工...\"\n---\n2月10日消息，美国当地时间周六，OpenAI首席执行官山姆在个人博客上发文，阐述了对人工智能经济学的三点观察。\n";
    let found = lint(page);
    assert_eq!(rule_ids(&found), ["summary/mismatch"]);
    assert_eq!(found[0].1, 3);
    assert!(found[0].2.contains("they agree for 15 characters, then the summary says '日，OpenAI首席执行' where the body says '六，OpenAI首席执行'"), "{}", found[0].2);
}

#[test]
fn abstracts_without_an_ellipsis_are_never_mismatches() {
    let page = "---\nsummary: \"本文介绍了使用Envoy来加速Monzo，对比了Linkerd和Envoy。\"\n---\nMonzo 的工程师们在这篇文章中讲述了他们的经验。\n";
    assert!(lint(page).is_empty());
    // An ellipsis alone does not make an excerpt: sharing not even its first character with the
    // body, the summary is a teaser written for listings (jekyll-docs' `Jekyll 3.7.0 brings
    // LiveReload, … and much more…`), not a cut that drifted.
    let teaser = "---\nsummary: \"本文介绍了使用Envoy来加速Monzo...\"\n---\nMonzo 的工程师们在这篇文章中讲述了他们的经验。\n";
    assert!(lint(teaser).is_empty());
    // Sharing its opening with the body, it is an excerpt: reported where they part.
    let drifted = "---\nsummary: \"Monzo 的工程师们讲述了...\"\n---\nMonzo 的工程师们在这篇文章中讲述了他们的经验。\n";
    assert_eq!(rule_ids(&lint(drifted)), ["summary/mismatch"]);
    let description = "---\ndescription: A guide to the configuration of the site.\n---\nThis page lists every setting.\n";
    assert!(lint(description).is_empty());
}

#[test]
fn truncated_empty_and_markup() {
    let page = "---\nsummary: Hello world, this is the fir\ndescription: \"  \"\n---\nHello world, this is the first post.\n";
    assert_eq!(
        rule_ids(&lint(page)),
        ["summary/truncated-without-ellipsis", "summary/empty"]
    );
    let markup = "---\nsummary: \"See **this** [post](x)\"\n---\nBody.\n";
    assert_eq!(rule_ids(&lint(markup)), ["summary/markup"]);
}

#[test]
fn length_is_opt_in_and_counts_graphemes() {
    let page = "---\nsummary: 短摘要\n---\n正文。\n";
    assert!(lint(page).is_empty());
    let found = lint_with(page, "[summary]\nmin = 5\nmax = 10\n", "summary/length");
    assert_eq!(found[0].2, "`summary` is 3 characters long, outside 5–10");
    // Configured fields replace the defaults.
    let found = lint_with(
        "---\nexcerpt: \"\"\n---\nText.\n",
        "[summary]\nfields = [\"excerpt\"]\n",
        "summary",
    );
    assert_eq!(rule_ids(&found), ["summary/empty"]);
}

#[test]
fn taxonomy_duplicates_strings_and_vocabulary() {
    let page = "---\ntags: [Go, rust, \" go \", 新闻, 新闻]\ncategories: \"service mesh\"\n---\n";
    let found = lint(page);
    assert_eq!(
        rule_ids(&found),
        [
            "taxonomy/duplicate",
            "taxonomy/duplicate",
            "taxonomy/not-a-list"
        ]
    );
    let found = lint_with(
        "---\ncategories: [qq, tehc]\nseries: [a]\n---\n",
        "[taxonomies.categories]\nallowed = [\"qq\", \"tech\"]\n[taxonomies.series]\n",
        "taxonomy",
    );
    assert_eq!(rule_ids(&found), ["taxonomy/unknown-term"]);
    assert!(
        found[0]
            .2
            .contains("`tehc` is not an allowed term of `categories`")
    );
}

#[test]
fn language_tags_are_validated_against_the_registry() {
    let ok = "---\nlang: [zh-CN, zh-Hans-CN, es-419, en]\ntranslations: zh-cn\n---\n";
    assert!(lint(ok).is_empty(), "{:?}", lint(ok));
    let bad = "---\nlang: [zh_CN, english, zh-CNN]\n---\n";
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", bad);
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "lang", "a.md"],
    );
    let found = json(&out);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["help"], "did you mean `zh-CN`?");
    assert!(found[2]["message"].as_str().unwrap().contains("CNN"));
}

#[test]
fn seed_with_one_changed_character_in_the_summarised_span() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/000_9305d42a0b1bec1c.md");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: no seed");
        return;
    };
    let body_start = text.find("\n---\n").unwrap() + 5;
    let changed = format!(
        "{}{}",
        &text[..body_start],
        text[body_start..].replacen("阐述了对", "阐述了关于", 1)
    );
    let dir = TempDir::new().unwrap();
    write(dir.path(), "seed.md", &changed);
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--now",
            "2026-11-28T00:00:00Z",
            "seed.md",
        ],
    );
    let found = json(&out);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "summary/mismatch");
    assert_eq!(found[0]["line"], 4);
}
