//! The `full` format fits the terminal: at 60, 80 and 120 columns (`$COLUMNS`, as no terminal
//! is attached here) messages and help are wrapped within the width, between words and CJK
//! characters only, never inside a code span, a date-time, a short parenthesis or a path;
//! with no width known they are not wrapped at all. Snapshots reviewed by hand.

mod common;

use tempfile::TempDir;

/// A page with long messages and help: CJK text, code spans, dates, a path with CJK folders.
const PAGE: &str = "---\ntitle: \"关于人工智能经济学的三点观察\"\ndate: 2025-02-30\npublishDate: 2099-01-01 08:00:00\nsummary: \"2月10日消息，美国当地时间周日，OpenAI首席执行官山姆在个人博客上发文，阐述了对人工...\"\ndraft: \"否\"\ntags: \"人工智能\"\ncategories: [\"关于人工智能经济学的三点观察和思考以及未来的发展方向与面临的各种挑战和机遇\"]\nlastmod: 2025-02-10T7:55:15+08:00\n---\n2月10日消息，美国当地时间周六，OpenAI首席执行官山姆在个人博客上发文，阐述了对人工智能经济学的三点观察。\n\n见[旧文章](../旧/不存在的文章.md)。\n";

fn site() -> TempDir {
    let dir = TempDir::new().unwrap();
    // Not under `content/`: there a string `tags` is Hugo's one term, and the warning about
    // it (with its long help) would not be shown.
    common::write(dir.path(), "posts/文章/2025-02-11-观察.md", PAGE);
    // A schema whose message quotes a long CJK value: it wraps between characters.
    common::write(dir.path(), "frontlint.toml", "schema = \"schema.json\"\n");
    common::write(
        dir.path(),
        "schema.json",
        r#"{"properties": {"draft": {"type": ["boolean", "null"]}, "categories": {"items": {"enum": ["科技", "新闻"]}}}}"#,
    );
    dir
}

fn full(dir: &std::path::Path, columns: Option<&str>) -> String {
    let mut cmd = common::frontlint();
    match columns {
        Some(c) => cmd.env("COLUMNS", c),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd
        .args(["--format", "full", "--no-cache", "posts"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

/// Display columns: CJK and full-width characters take two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The lines miette wraps: the message (`×`, `⚠` and their `│` continuation) and the help.
fn wrapped_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_help = false;
    for line in text.lines() {
        let message =
            line.starts_with("  × ") || line.starts_with("  ⚠ ") || line.starts_with("  │ ");
        if line.starts_with("  help: ") {
            in_help = true;
        } else if !line.starts_with("        ") {
            in_help = false;
        }
        if message || in_help {
            out.push(line);
        }
    }
    out
}

fn check_width(width: usize) -> String {
    let dir = site();
    let text = full(dir.path(), Some(&width.to_string()));
    let lines = wrapped_lines(&text);
    assert!(lines.len() >= 10, "{text}");
    for line in &lines {
        assert!(
            columns(line) <= width,
            "wider than {width} columns ({}): {line:?}",
            columns(line)
        );
        // A code span is never cut: every wrapped line holds whole ones.
        assert_eq!(line.matches('`').count() % 2, 0, "code span cut: {line:?}");
        // Nor a date, a time with its offset, or a parenthesis.
        for cut in ["2025-", "2099-", "+00:00)", "(os error", "date/"] {
            assert!(
                !line.trim_end().ends_with(cut),
                "cut after {cut:?}: {line:?}"
            );
        }
    }
    // Short parentheses and code spans stay whole (long parentheses wrap like the rest).
    for whole in [
        "(2099-01-01 08:00:00 +00:00)",
        "`2025-02-10T07:55:15+08:00`",
    ] {
        assert!(
            text.lines().any(|l| l.contains(whole)),
            "{whole} was cut:\n{text}"
        );
    }
    text
}

#[test]
fn width_60() {
    insta::assert_snapshot!(check_width(60));
}

#[test]
fn width_80() {
    insta::assert_snapshot!(check_width(80));
}

#[test]
fn width_120() {
    insta::assert_snapshot!(check_width(120));
}

/// With no terminal and no `$COLUMNS`, the layout is for 100 columns: long help lines wrap
/// at spaces, never inside a date, a code span or a short parenthesis.
#[test]
fn unknown_width_is_100_columns() {
    let dir = site();
    let text = full(dir.path(), None);
    assert_eq!(text, full(dir.path(), Some("100")), "same as COLUMNS=100");
    // Messages and help (not the snippets, whose labels miette does not wrap).
    let prose = |l: &&str| {
        let t = l.trim_start();
        t.starts_with('×') || t.starts_with("help:") || l.starts_with("  │ ")
    };
    for line in text.lines().filter(prose) {
        assert!(columns(line) <= 100, "too wide: {line}");
    }
    assert!(text.contains("  │ "), "nothing was wrapped: {text}");
    assert!(
        text.lines()
            .any(|l| l.contains("(2099-01-01 08:00:00 +00:00)")),
        "{text}"
    );
}
