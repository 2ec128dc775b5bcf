//! The YAML fast path (`src/parse/fast.rs`) against the general parser: wherever the fast
//! path accepts a header, both must give the same tree (values, spans, plain flags) and the
//! same diagnostics. Inputs: the real sites of `../shared/corpora`, the seed, a generated
//! corpus (`../shared/bench/gen_corpus.py`), the YAML test suite, edge cases written here, and
//! generated headers (proptest). Each source also asserts how often the fast path is taken,
//! so a fast path that silently gives up everywhere fails too.

use std::path::{Path, PathBuf};

use frontlint::parse::yaml_both;
use frontlint::split::{Format, Split, split};
use proptest::prelude::*;

/// Compare the two parsers on one file's text; `Some(true)` when the fast path took it,
/// `None` when the file has no terminated YAML header.
fn check_text(name: &str, text: &str) -> Option<bool> {
    let Split::Found(fm) = split(text) else {
        return None;
    };
    if fm.format != Format::Yaml {
        return None;
    }
    let (fast, full) = yaml_both(text, fm.content.clone());
    let Some(fast) = fast else {
        return Some(false);
    };
    // Debug text, so that NaN compares equal to NaN.
    assert_eq!(
        format!("{fast:#?}"),
        format!("{full:#?}"),
        "fast path and general parser disagree on {name}:\n{}",
        &text[fm.content]
    );
    Some(true)
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                todo.push(p);
            } else if t.is_file()
                && p.extension()
                    .is_some_and(|x| matches!(x.to_str(), Some("md" | "markdown" | "mdx")))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// (headers compared, headers the fast path took) over every Markdown file under `root`.
fn check_tree(root: &Path) -> (usize, usize) {
    let (mut seen, mut fast) = (0, 0);
    for p in markdown_files(root) {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        if let Some(took) = check_text(&p.display().to_string(), &text) {
            seen += 1;
            fast += usize::from(took);
        }
    }
    (seen, fast)
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

#[test]
fn real_sites_agree() {
    let Some(shared) = shared() else { return };
    // The share of headers each site writes in the fast path's subset, as measured when the
    // fast path landed (a lower bound, so a regression in coverage fails).
    for (name, min_share) in [
        ("corpora/gohugoio__hugoDocs", 0.95),
        ("corpora/jekyll__jekyll", 0.9),
        ("corpora/servicemesher__website", 0.9),
        ("corpora/withastro__docs", 0.8),
        ("seed", 1.0),
    ] {
        let (seen, fast) = check_tree(&shared.join(name));
        eprintln!("{name}: {fast} of {seen} headers through the fast path");
        assert!(seen > 0, "{name}: no YAML headers found");
        let share = fast as f64 / seen as f64;
        assert!(share >= min_share, "{name}: fast path took only {share:.2}");
    }
}

#[test]
fn generated_corpus_agrees() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(shared.join("bench/gen_corpus.py"))
        .arg(dir.path())
        .arg("2000")
        .stdout(std::process::Stdio::null())
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: python3 or gen_corpus.py unavailable");
        return;
    }
    let (seen, fast) = check_tree(dir.path());
    eprintln!("generated: {fast} of {seen} headers through the fast path");
    assert!(seen >= 1900, "only {seen} headers");
    // The generated corpus is the shape the fast path is for; its injected defects (bad
    // indentation, tabs, unterminated quotes) go to the general parser.
    assert!(
        fast as f64 >= 0.95 * seen as f64,
        "fast path took {fast} of {seen}"
    );
}

#[test]
fn yaml_test_suite_agrees() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yaml-test-suite/cases.json");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut seen, mut fast) = (0, 0);
    for case in cases.as_array().unwrap() {
        let Some(yaml) = case.get("yaml").and_then(|y| y.as_str()) else {
            continue;
        };
        let text = format!("---\n{yaml}\n---\n");
        let name = case.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        if let Some(took) = check_text(name, &text) {
            seen += 1;
            fast += usize::from(took);
        }
    }
    eprintln!("yaml-test-suite: {fast} of {seen} cases through the fast path");
    assert!(
        fast >= 10,
        "the suite's simple mappings should take the fast path"
    );
}

/// Inputs near the edges of the subset: each must either be refused or agree.
#[test]
fn edge_cases_agree() {
    let cases = [
        "title: 标题\r\ndate: 2024-01-01\r\n",
        "a: 1\nb: -2\nc: 0x1F\nd: .inf\ne: ~\nf: null\ng: TRUE\nh: 1e3\ni: 0o17\n",
        "a: 'it''s'\nb: \"say \\\"hi\\\"\"\nc: ''\nd: \"\"\n",
        "tags: [a, b c, \"d\", 'e']\nx: []\ny: [ a ]\nz: [a,b]\n",
        "tags:\n- a\n- b\nnext: 1\n",
        "tags:\n  - a\n  -   b\n",
        "p:\n  a: 1\n  b:\n    c: [x]\n    d:\n    - y\nq: 2\n",
        "a: 1 # comment\nb: 'x' # c\n# full line\n  # indented comment\nc: \"y\"\n",
        "a: x#y\nb: C# and F#\nc: a:b\nd: http://example.com/a?b=c#d\n",
        "a: 1\na: 2\np:\n  k: 1\n  k: 2\n",
        "a: 1\n  b: 2\n",
        "a:\n  b: 1\n c: 2\n",
        "a: b: c\n",
        "a: x:\n",
        "a: [a, b,]\n",
        "a: [a, [b]]\n",
        "a: [a, b\n",
        "a: 'unterminated\n",
        "a: \"x\" y\n",
        "a: -\n",
        "a:\nb: 1\n",
        "- a\n- b\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: x\n  continued\n",
        "a:    spaced   \n",
        "? a\n: b\n",
        "key with spaces: v\n",
        "1: one\ntrue: t\nnull: n\n",
        "a: \u{feff}x\n",
        "a: x\u{2028}y\n",
        "a: x\u{85}y\n",
        "a: \u{a0}x\n",
        "a: \tx\n",
        "a: x\ry\n",
        "a: {b: 1}\n",
        "a: @x\n",
        "a: `x`\n",
        "a: %x\n",
        "a: ,x\n",
        "a: ?x\n",
        "a: :x\n",
        "a: -x\n",
        "-a: 1\n",
        "a : 1\n",
        "\"a\": 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "",
        "# only a comment\n",
        "a: x # c: d\n",
        "a: 'x' #c\n",
        "a: 'x'#c\n",
        "a: [x] # c\n",
        "a: [x]y\n",
        "a: [\"x\", 'y''z']\n",
        "a: [x y, z]\n",
        "a: [x:y]\n",
        "a: [x #y]\n",
        // Found by the fuzz target: `-` before a flow indicator does not start a plain scalar.
        "titlegs: [-]\nords: [sds]\n",
        "a: [-x, -]\n",
        "a: [?]\n",
        "a: -]\n",
        "tte: [     FALSE    -]\n",
        "a: [x -y, z ?]\n",
        "a: x -\nb: y - z\nc: x ?\n",
    ];
    let mut fast = 0;
    for case in cases {
        let text = format!("---\n{case}---\n");
        fast += usize::from(check_text(case, &text) == Some(true));
    }
    assert!(fast >= 20, "fast path took only {fast} edge cases");
}

/// A header of the shapes sites write, with random keys, values, CJK text, quotes,
/// comments, list styles, indentation and line endings.
fn header() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "a",
        "b",
        "title",
        "tags",
        "日期",
        "标题",
        "x y",
        "1",
        "true",
        "null",
        "-1",
        "2024-01-02",
        "a:b",
        "C#",
        "#x",
        "it's",
        "say \"hi\"",
        "[x]",
        "{y}",
        "- z",
        "& k",
        "*k",
        "",
        "  ",
        "中文 文本",
        "é",
        "a, b",
        "0x1F",
        ".5",
        "~",
        "x # c",
        "x:",
        "|",
        ">",
        "%",
        "?",
    ]);
    let scalar = (word.clone(), 0..5u8).prop_map(|(w, style)| match style {
        0 | 1 => w.to_string(),
        2 => format!("\"{w}\""),
        3 => format!("'{}'", w.replace('\'', "''")),
        _ => format!("{w} # note"),
    });
    let value = prop_oneof![
        3 => scalar.clone().prop_map(|s| format!(" {s}")),
        1 => prop::collection::vec(scalar.clone(), 0..4)
            .prop_map(|items| format!(" [{}]", items.join(", "))),
        1 => (prop::collection::vec(scalar.clone(), 1..4), 0..3usize).prop_map(|(items, indent)| {
            items
                .iter()
                .map(|i| format!("\n{}- {i}", " ".repeat(indent)))
                .collect::<String>()
        }),
        1 => (prop::collection::vec((word.clone(), scalar), 1..4), 1..4usize).prop_map(
            |(entries, indent)| {
                entries
                    .iter()
                    .map(|(k, v)| format!("\n{}{k}: {v}", " ".repeat(indent)))
                    .collect::<String>()
            }
        ),
    ];
    (
        prop::collection::vec((word, value, prop::bool::weighted(0.1)), 1..8),
        prop::bool::ANY,
    )
        .prop_map(|(entries, crlf)| {
            let mut out = String::new();
            for (k, v, comment) in entries {
                if comment {
                    out.push_str("# a comment\n");
                }
                out.push_str(&format!("{k}:{v}\n"));
            }
            if crlf { out.replace('\n', "\r\n") } else { out }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn generated_headers_agree(h in header()) {
        let text = format!("---\n{h}---\nbody\n");
        check_text(&h, &text);
    }
}
