//! Property tests over generated files.
//!
//! 1. Any file (a header built from YAML-ish fragments, a Markdown body, CRLF, BOM, NUL,
//!    invalid UTF-8): `lint_bytes` does not panic (no `internal/error`), every span and label
//!    lies in the text on character boundaries, its line and column are 1-based, and every
//!    output format renders it.
//! 2. A header of N generated `key: value` pairs (CJK, quoted and plain keys, LF or CRLF):
//!    every entry's `key_span` is the key as written, on the line where it was written.
//!
//! 256 cases per property by default; `PROPTEST_CASES` sets another number. Failures are not
//! persisted to files: a failure found here is kept as a case in `regressions` below.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use frontlint::config::RuleSet;
use frontlint::diagnostic::Diagnostic;
use frontlint::lint::{Settings, lint_bytes};
use frontlint::parse::Value;
use frontlint::report::{FileReport, Format};
use frontlint::schema::Schema;
use frontlint::source::LineIndex;
use frontlint::split::{Split, split};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings {
        rules: RuleSet::default(),
        schema: Some(Arc::new(Schema::builtin())),
        ..Default::default()
    })
}

const FORMATS: [Format; 7] = [
    Format::Full,
    Format::Concise,
    Format::Json,
    Format::JsonLines,
    Format::Github,
    Format::Sarif,
    Format::Junit,
];

// ---------------------------------------------------------------------------------------------
// 1. Any file

/// Pieces a header is glued together from: keys (CJK too), separators, indicators, quotes,
/// anchors and aliases, tags, directives, block scalar headers, delimiters, line breaks,
/// special characters, and values the rules look at (dates, languages, links).
const HEADER_FRAGMENTS: &[&str] = &[
    "title",
    "标题",
    "日期",
    "タグ",
    "키",
    "title: ",
    "标题: ",
    ": ",
    ":",
    "::",
    " ",
    "  ",
    "    ",
    "\n",
    "\n",
    "\n  ",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "-",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n]",
    "\n}",
    "[a, 标签]",
    "{a: 1, 键: 值}",
    "&a ",
    "*a",
    "&锚 ",
    "*锚",
    "*",
    "&",
    "<<: *a",
    "!!str ",
    "!!int ",
    "!tag ",
    "!<tag:x> ",
    "%YAML 1.2",
    "%TAG ! tag:x:",
    "# 注释",
    " #",
    "#",
    "# frontlint-disable-next-line date/future",
    "# frontlint-disable schema",
    "'",
    "''",
    "\"",
    "\\",
    "\\u4e2d",
    "\\x",
    "\\U0001F600",
    "\"引号\"",
    "'单引号'",
    "|",
    "|-",
    ">",
    ">+2",
    "---",
    "...",
    "--- ",
    "+++",
    "\u{feff}",
    "\0",
    "\u{85}",
    "\u{2028}",
    "\u{a0}",
    "\u{301}",
    "😀",
    "\u{10ffff}",
    "2025-02-10",
    "2025-02-10T07:55:15+08:00",
    "2025-13-40",
    "yes",
    "0755",
    "1:20",
    ".inf",
    "~",
    "null",
    "9999999999999999999999",
    "https://例子.测试/路径?q=1#片段",
    "http://[bad",
    "../2024/other.md",
    "draft: true",
    "draft: yes",
    "tags:",
    "\n  - 标签",
    "categories: [新闻, 科技]",
    "aliases: [\n",
    "description: ",
    "summary: ",
    "lang: ",
    "zh-Hans",
    "xx-ZZZZ-",
    "date: ",
    "lastmod: ",
    "expiryDate: ",
    "weight: ",
    "slug: ",
    "url: ",
    "title = \"TOML\"",
    "[params]",
];

const BODY_FRAGMENTS: &[&str] = &[
    "# 标题\n",
    "## Heading {#custom-id}\n",
    "中文段落，包含一些文字。",
    "[链接](../a.md#标题)",
    "[x](#标题)",
    "[x](#missing)",
    "![图](./图.png)",
    "<https://例子.com>",
    "[ref]: ./missing.md\n",
    "[ref]",
    "[x]()",
    "[a](http://[bad)",
    "http://insecure.example/",
    "```\n",
    "`code`",
    "<!-- frontlint-disable-next-line link/empty -->\n",
    "<!--more-->",
    "\n",
    "\r\n",
    "\t",
    "---\n",
    "\0",
    "😀",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// A few arbitrary characters: any Unicode scalar value, controls and NUL included.
fn random_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 1..6).prop_map(|c| c.into_iter().collect())
}

/// Keys the rules and the built-in schema look at, and a few others.
const KEYS: &[&str] = &[
    "title",
    "date",
    "lastmod",
    "publishDate",
    "expiryDate",
    "draft",
    "tags",
    "categories",
    "aliases",
    "lang",
    "translations",
    "description",
    "summary",
    "slug",
    "url",
    "weight",
    "images",
    "params",
    "build",
    "menu",
    "outputs",
    "resources",
    "标题",
    "作者",
    "Title",
    "'title'",
    "\"date\"",
];

const VALUES: &[&str] = &[
    "",
    "标题",
    "\"奥特曼: 三个观察\"",
    "'单引号 ''值'''",
    "2025-02-10",
    "2025-02-10T07:55:15+08:00",
    "2025-02-10 7:55",
    "Mon, 10 Feb 2025 07:55:15 +0800",
    "2099-01-01",
    "1999-12-31",
    "2025-02-30",
    "true",
    "yes",
    "0755",
    "1:20",
    "-1",
    "3.5",
    ".nan",
    "null",
    "zh-Hans-CN",
    "en-US",
    "xx-ZZZZ-",
    "[新闻, 科技, 新闻]",
    "[]",
    "{}",
    "[/old/path, ../相对]",
    "{a: 1, b: [x, {c: d}]}",
    "&a 值",
    "*a",
    "!!str 0755",
    "|",
    ">-",
    "https://例子.测试/路径?q=1#片段",
    "../../2024/12/other.md",
    "\"\\u4e2d\\t\\x41\"",
    "\"unterminated",
];

/// `key: value` lines, mostly well-formed, with list items, comments and a bit of noise.
fn structured_header() -> impl Strategy<Value = String> {
    let indent = prop_oneof![40 => Just(""), 1 => Just("  "), 1 => Just("\t")];
    let sep = prop_oneof![40 => Just(": "), 1 => Just(":"), 1 => Just(" : "), 1 => Just(":\t")];
    let tail = prop_oneof![8 => Just(""), 1 => Just(" # 注释"), 1 => Just("#x"), 1 => Just("  ")];
    let dash = prop_oneof![4 => Just("  - "), 1 => Just("- "), 1 => Just("  -")];
    let line = prop_oneof![
        40 => (indent, pick(KEYS), sep, pick(VALUES), tail)
            .prop_map(|(indent, key, sep, value, tail)| format!("{indent}{key}{sep}{value}{tail}")),
        4 => (dash, pick(VALUES)).prop_map(|(dash, value)| format!("{dash}{value}")),
        1 => pick(HEADER_FRAGMENTS),
        1 => random_chars(),
    ];
    (
        prop::collection::vec(line, 0..12),
        prop_oneof![2 => Just("\n"), 1 => Just("\r\n")],
    )
        .prop_map(|(lines, nl)| lines.join(nl))
}

/// Fragments glued together with no structure.
fn fragment_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => pick(HEADER_FRAGMENTS),
        1 => random_chars(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => structured_header(),
        1 => fragment_soup(),
    ]
}

fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => pick(BODY_FRAGMENTS),
        1 => random_chars(),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|p| p.concat())
}

#[derive(Debug, Clone)]
struct FileParts {
    bom: bool,
    crlf: bool,
    /// `---` mostly; `+++` (TOML) and `{` (JSON) sometimes.
    opener: &'static str,
    closed: bool,
    header: String,
    body: String,
    /// A byte of an invalid UTF-8 sequence inserted at this position.
    invalid: Option<(Index, u8)>,
}

impl FileParts {
    fn bytes(&self) -> Vec<u8> {
        let nl = if self.crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if self.bom {
            text.push('\u{feff}');
        }
        let closer = match self.opener {
            "{" => "}",
            other => other,
        };
        text.push_str(self.opener);
        text.push_str(nl);
        text.push_str(&self.header);
        text.push_str(nl);
        if self.closed {
            text.push_str(closer);
            text.push_str(nl);
        }
        text.push_str(&self.body);
        let mut bytes = text.into_bytes();
        if let Some((at, byte)) = &self.invalid {
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, *byte);
        }
        bytes
    }
}

fn file() -> impl Strategy<Value = FileParts> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(&["---", "---", "---", "---", "---", "+++", "{"][..]),
        prop::bool::weighted(0.9),
        header(),
        body(),
        prop::option::weighted(0.1, (any::<Index>(), 0x80u8..=0xff)),
    )
        .prop_map(
            |(bom, crlf, opener, closed, header, body, invalid)| FileParts {
                bom,
                crlf,
                opener,
                closed,
                header,
                body,
                invalid,
            },
        )
}

/// Everything property 1 asserts about one file.
fn check_file(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let display = Path::new("内容/文章.md");
    let linted = lint_bytes(display, bytes, settings());
    let text = &linted.text;
    check_diagnostics(text, &linted.diagnostics)?;
    render_all(text, &linted.diagnostics)
}

fn check_span(
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    span: &std::ops::Range<usize>,
) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{} span {:?} outside the {} bytes of the text or not on a character boundary ({})",
        d.rule,
        span,
        text.len(),
        d.message
    );
    let start = index.position(text, span.start);
    let end = index.position(text, span.end);
    prop_assert!(start.line >= 1 && start.column >= 1, "{start:?}");
    prop_assert!(end.line >= 1 && end.column >= 1, "{end:?}");
    prop_assert!(start <= end, "{} {start:?} after {end:?}", d.rule);
    Ok(())
}

fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let index = LineIndex::new(text);
    for d in diagnostics {
        prop_assert_ne!(d.rule, "internal/error", "{}", d.message);
        check_span(text, &index, d, &d.span)?;
        for label in &d.labels {
            check_span(text, &index, d, &label.span)?;
        }
    }
    Ok(())
}

fn render_all(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let files = [FileReport::new(
        "内容/文章.md".to_string(),
        text.to_string(),
        diagnostics.to_vec(),
    )];
    let cwd = Path::new("/site");
    for format in FORMATS {
        for color in [false, true] {
            if color && format != Format::Full {
                continue;
            }
            let mut out = Vec::new();
            let rendered = frontlint::report::write(&mut out, format, &files, color, cwd);
            prop_assert!(rendered.is_ok(), "{format:?}: {rendered:?}");
            let out = String::from_utf8(out);
            prop_assert!(out.is_ok(), "{format:?} output is not UTF-8");
            let out = out.unwrap();
            match format {
                Format::Json | Format::Sarif => {
                    let parsed = serde_json::from_str::<serde_json::Value>(&out);
                    prop_assert!(parsed.is_ok(), "{format:?} output is not JSON: {out}");
                }
                Format::JsonLines => {
                    for line in out.lines() {
                        let parsed = serde_json::from_str::<serde_json::Value>(line);
                        prop_assert!(parsed.is_ok(), "not a JSON line: {line}");
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_file_lints_without_panic_with_valid_spans(parts in file()) {
        check_file(parts.bytes())?;
    }
}

/// Inputs kept as plain cases: each shape of input that once mattered, run on every test run.
#[test]
fn regressions() {
    let cases: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n",
        b"---\n---",
        b"---\r\n---\r\n",
        b"\xef\xbb\xbf---\n\xef\xbb\xbf\n---\n",
        b"---\n\0\n---\n\0",
        b"---\na: \"\0\"\n---\n",
        b"---\n\r\n---\n",
        b"---\na: 1\r---\n",
        b"---\n[\n---\n",
        b"---\n{\n---\n",
        b"---\n]\n---\n",
        b"---\n*a\n---\n",
        b"---\n&a\n---\n",
        b"---\n? [a\n]: 1\n---\n",
        b"---\ntitle: \xe4\xb8\n---\n",
        b"\xff\xfe-\x00-\x00-\x00",
        b"+++\ntitle = \"\xe6\xa0\x87\n+++\n",
        b"{\"a\": \"\xe6\xa0\x87\"\n",
        b"{\n\"a\": [\n]\n}\n",
        "---\n标题: \"a\n\t b\"\n---\n".as_bytes(),
        "---\n标题:\t值\n---\n".as_bytes(),
        "---\n键: |\n 😀\n  行\n---\n[链接](#标题)\n".as_bytes(),
        "---\ntitle: t\n---\n[x](\u{10ffff}.md)\n".as_bytes(),
        "---\ntitle: t\n---\n# 标题\n[x](#标题)[y](#bad)\n\0".as_bytes(),
        "---\ntitle: \u{85}\u{2028}\n---\n".as_bytes(),
    ];
    for bytes in cases {
        if let Err(e) = check_file(bytes.to_vec()) {
            panic!("{:?}: {e}", String::from_utf8_lossy(bytes));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Key spans

/// Characters of generated keys and values: ASCII letters and digits, CJK, kana, hangul, an
/// emoji and a combining accent. No YAML indicators, so a plain key stays plain.
fn word_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('a', 'z'),
        prop::char::range('A', 'Z'),
        prop::char::range('0', '9'),
        prop::char::range('\u{4e00}', '\u{9fa5}'),
        prop::char::range('\u{3041}', '\u{3096}'),
        prop::char::range('\u{ac00}', '\u{d7a3}'),
        Just('😀'),
        Just('é'),
    ]
}

/// A key as written and the key it means.
#[derive(Debug, Clone)]
struct Key {
    written: String,
    key: String,
}

/// A plain key: starts with a letter (never an indicator), may hold `_`, `-`, `.`, a
/// space, and a `:` not followed by a space.
fn plain_key() -> impl Strategy<Value = Key> {
    let first = prop_oneof![
        prop::char::range('a', 'z'),
        prop::char::range('\u{4e00}', '\u{9fa5}'),
        prop::char::range('\u{3041}', '\u{3096}'),
    ];
    let rest = prop::collection::vec(
        prop_oneof![
            8 => word_char().prop_map(String::from),
            1 => prop::sample::select(&["_", "-", ".", " ", ":"][..]).prop_map(str::to_string),
        ],
        0..10,
    );
    let last = word_char();
    (first, rest, prop::option::of(last)).prop_map(|(first, rest, last)| {
        let mut key = String::from(first);
        key.push_str(&rest.concat());
        match last {
            Some(c) => key.push(c),
            None => {
                // End on a word character: no trailing blank or `:`.
                key = key.trim_end_matches([' ', ':']).to_string();
                if key.ends_with(['-', '.', '_']) {
                    key.push('x');
                }
            }
        }
        // `: ` would end the key early.
        let key = key.replace(": ", ":x ");
        Key {
            written: key.clone(),
            key,
        }
    })
}

/// A single-quoted key: `''` is a quote.
fn single_quoted_key() -> impl Strategy<Value = Key> {
    let piece = prop_oneof![
        8 => word_char().prop_map(|c| (c.to_string(), c.to_string())),
        1 => Just(("''".to_string(), "'".to_string())),
        1 => Just((" ".to_string(), " ".to_string())),
        1 => Just(("# :".to_string(), "# :".to_string())),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| {
        let (written, key): (Vec<String>, Vec<String>) = pieces.into_iter().unzip();
        Key {
            written: format!("'{}'", written.concat()),
            key: key.concat(),
        }
    })
}

/// A double-quoted key with escapes.
fn double_quoted_key() -> impl Strategy<Value = Key> {
    let piece = prop_oneof![
        8 => word_char().prop_map(|c| (c.to_string(), c.to_string())),
        1 => prop::sample::select(
            &[
                ("\\\"", "\""),
                ("\\\\", "\\"),
                ("\\t", "\t"),
                ("\\n", "\n"),
                ("\\/", "/"),
                ("\\x41", "A"),
                ("\\u00e9", "é"),
                ("\\u4e2d", "中"),
                ("\\U0001F600", "😀"),
                ("'", "'"),
                (": #", ": #"),
            ][..]
        )
        .prop_map(|(w, k)| (w.to_string(), k.to_string())),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| {
        let (written, key): (Vec<String>, Vec<String>) = pieces.into_iter().unzip();
        Key {
            written: format!("\"{}\"", written.concat()),
            key: key.concat(),
        }
    })
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        4 => plain_key(),
        1 => single_quoted_key(),
        1 => double_quoted_key(),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(word_char(), 1..8).prop_map(|c| c.into_iter().collect())
}

/// A value as lines: the rest of the key's line, then more lines (already indented).
fn value() -> impl Strategy<Value = (String, Vec<String>)> {
    prop_oneof![
        word().prop_map(|w| (w, vec![])),
        word().prop_map(|w| (format!("\"{w} 值\""), vec![])),
        word().prop_map(|w| (format!("'{w}' # 注释"), vec![])),
        Just(("2025-02-10".to_string(), vec![])),
        Just((String::new(), vec![])),
        word().prop_map(|w| (format!("[{w}, 标签]"), vec![])),
        word().prop_map(|w| (format!("{{a: {w}}}"), vec![])),
        prop::collection::vec(word(), 1..4).prop_map(|items| (
            String::new(),
            items.into_iter().map(|w| format!("  - {w}")).collect()
        )),
        prop::collection::vec(word(), 1..3).prop_map(|lines| (
            "|".to_string(),
            lines.into_iter().map(|w| format!("  {w}")).collect()
        )),
    ]
}

#[derive(Debug, Clone)]
struct Pair {
    key: Key,
    value: (String, Vec<String>),
}

fn pairs() -> impl Strategy<Value = Vec<Pair>> {
    prop::collection::vec(
        (key(), value()).prop_map(|(key, value)| Pair { key, value }),
        1..8,
    )
    .prop_filter("keys are unique", |pairs| {
        let mut keys: Vec<&str> = pairs.iter().map(|p| p.key.key.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).all(|w| w[0] != w[1])
    })
}

/// The file, and the 1-based line of each key.
fn key_file(pairs: &[Pair], crlf: bool, bom: bool) -> (String, Vec<usize>) {
    let mut lines = vec!["---".to_string()];
    let mut key_lines = Vec::new();
    for p in pairs {
        key_lines.push(lines.len() + 1);
        let (rest, more) = &p.value;
        if rest.is_empty() {
            lines.push(format!("{}:", p.key.written));
        } else {
            lines.push(format!("{}: {rest}", p.key.written));
        }
        lines.extend(more.iter().cloned());
    }
    lines.push("---".to_string());
    lines.push("正文 [链接](#标题)".to_string());
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut text = if bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    text.push_str(&lines.join(nl));
    text.push_str(nl);
    (text, key_lines)
}

fn check_key_spans(pairs: &[Pair], crlf: bool, bom: bool) -> Result<(), TestCaseError> {
    let (text, key_lines) = key_file(pairs, crlf, bom);
    let Split::Found(fm) = split(&text) else {
        return Err(TestCaseError::fail(format!("no front matter in {text:?}")));
    };
    let parsed = frontlint::parse::parse(&text, &fm);
    prop_assert!(
        parsed.diagnostics.is_empty(),
        "{text:?}: {:?}",
        parsed.diagnostics
    );
    let root = parsed.root.as_ref();
    prop_assert!(root.is_some(), "no root for {text:?}");
    let Value::Map(entries) = &root.unwrap().value else {
        return Err(TestCaseError::fail(format!("not a mapping: {text:?}")));
    };
    prop_assert_eq!(entries.len(), pairs.len(), "{:?}", text);
    let index = LineIndex::new(&text);
    for ((entry, pair), line) in entries.iter().zip(pairs).zip(key_lines) {
        let written = text.get(entry.key_span.clone());
        prop_assert_eq!(written, Some(pair.key.written.as_str()), "{:?}", text);
        prop_assert_eq!(&entry.key, &pair.key.key, "{:?}", text);
        let at = index.position(&text, entry.key_span.start);
        prop_assert_eq!((at.line, at.column), (line, 1), "{:?}", text);
        prop_assert!(
            text.get(entry.value.span.clone()).is_some(),
            "value span {:?} of {:?}",
            entry.value.span,
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn key_spans_are_the_keys_as_written(
        pairs in pairs(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        check_key_spans(&pairs, crlf, bom)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Fixes

fn fix_settings() -> &'static [Settings] {
    static SETTINGS: OnceLock<Vec<Settings>> = OnceLock::new();
    SETTINGS.get_or_init(frontlint::fixcheck::settings)
}

/// Fewer cases than the other properties: each one lints and fixes the file under three YAML
/// readers. `PROPTEST_CASES` sets another number; the `fix` fuzz target runs the same check.
fn fix_config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(fix_config())]

    /// Every fix is exact (the semantic check accepts it on its own) and `--fix` is
    /// idempotent, keeps the body and drops nothing, on headers built from block scalars,
    /// anchors, aliases, tags, comments, flow and block lists, TOML and JSON, CRLF.
    #[test]
    fn fixes_are_exact_and_idempotent(choices in prop::collection::vec(any::<u8>(), 0..160)) {
        let text = frontlint::fixcheck::generate(&choices);
        frontlint::fixcheck::check(&text, fix_settings()).map_err(TestCaseError::fail)?;
    }

    /// The same on the fragment soup of property 1.
    #[test]
    fn fixes_of_any_file_are_exact(parts in file()) {
        if let Ok(text) = String::from_utf8(parts.bytes()) {
            frontlint::fixcheck::check(&text, fix_settings()).map_err(TestCaseError::fail)?;
        }
    }
}

/// Inputs the fix properties found, kept as plain cases: each was an inexact fix.
#[test]
fn fix_regressions() {
    let cases = [
        // A fix on a value reached through an alias edited the anchor under the alias's path.
        "\u{feff}---\ndate: &b [a,\n  a,\n  yes]\ndate: *b\n...\nHello world, this is the first post.\n",
        // A block header after a quoted key with ` #` in it was taken for a comment.
        "\u{feff}---\ndate: 2019-05-27T4:55:44+08:00\n\"pub #\": |1-\n 2019-05-27T4:55:44+08:00\n\n...\nHello world, this is the first post.\n",
        // Properties before a block header, content after a blank line: the whole scalar
        // was replaced, header included.
        "---\nlang: &a |\n\n  zh_CN\n\n...\n",
        "---\nlang: &l !!str |-\n  zh_CN\nlanguage: *l\n---\n",
        // Found by the `fix` fuzz target: after the removal, a one-item block list had the span
        // of its item, and the check took the anchored item's alias for an alias of the list.
        "---\npublishDate: &a [zh_CN, 'yes',\n  'go', A] #c\ntags:\n- !!str &a \"A\"\n-\n  a\ntitle: yEs # 注释\n'q': *a\n# 注释\n---\n",
    ];
    for text in cases {
        if let Err(e) = frontlint::fixcheck::check(text, fix_settings()) {
            panic!("{e}");
        }
    }
}
