//! `--fix`, `--unsafe-fixes`, `--diff`: edits keep everything else of the file, are idempotent,
//! and a plain run afterwards reports none of the fixed problems.

mod common;

use common::{frontlint, json, run_in, stdout, write};
use tempfile::TempDir;

const PAGE: &str = "\u{feff}---\r\n# 注释保留\r\ntitle: '标题'\r\ndate: \"2019-05-27T4:55:44+08:00\"\r\ncomments: yes\r\ntags:\r\n  - 新闻\r\n  - Go\r\n  - 新闻\r\nlang: zh_CN\r\nsummary: \"Hello world, this is the fir\"\r\n---\r\nHello world, this is the first post.\r\n";

fn site(page: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "schema.json",
        r#"{"properties": {"comments": {"type": "boolean"}}}"#,
    );
    write(dir.path(), "a.md", page);
    dir
}

fn rules_of(dir: &std::path::Path) -> Vec<String> {
    let out = frontlint()
        .args([
            "--format",
            "json",
            "--no-cache",
            "--schema",
            "schema.json",
            "a.md",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    json(&out)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diff_shows_the_changes_and_changes_nothing() {
    let dir = site(PAGE);
    let out = run_in(dir.path(), &["--diff", "--schema", "schema.json", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(diff.starts_with("--- a.md\n+++ a.md\n@@ "), "{diff}");
    for line in [
        "\n-date: \"2019-05-27T4:55:44+08:00\"\r\n",
        "\n+date: \"2019-05-27T04:55:44+08:00\"\r\n",
        "\n-comments: yes\r\n",
        "\n+comments: true\r\n",
        "\n   - Go\r\n-  - 新闻\r\n",
        "\n-lang: zh_CN\r\n",
        "\n+lang: zh-CN\r\n",
    ] {
        assert!(diff.contains(line), "{line:?} not in\n{diff}");
    }
    assert!(
        !diff.contains("\n+summary"),
        "unsafe fixes need --unsafe-fixes: {diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        PAGE
    );
}

#[test]
fn fix_then_lint_reports_none_of_the_fixed_problems() {
    let dir = site(PAGE);
    let before = rules_of(dir.path());
    for r in [
        "date/nonstandard",
        "yaml/ambiguous-scalar",
        "taxonomy/duplicate",
        "lang/invalid",
    ] {
        assert!(before.iter().any(|b| b == r), "{r} in {before:?}");
    }
    let out = run_in(dir.path(), &["--fix", "--schema", "schema.json", "a.md"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Fixed 4 problems in 1 file."),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = rules_of(dir.path());
    for r in [
        "date/nonstandard",
        "yaml/ambiguous-scalar",
        "taxonomy/duplicate",
        "lang/invalid",
    ] {
        assert!(
            !after.iter().any(|a| a == r),
            "{r} still reported: {after:?}"
        );
    }
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(
        fixed,
        PAGE.replace("T4:55", "T04:55")
            .replace("comments: yes", "comments: true")
            .replace("  - Go\r\n  - 新闻\r\n", "  - Go\r\n")
            .replace("zh_CN", "zh-CN"),
        "the BOM, CRLF, comment, quoting, key order and body are kept"
    );
    // Idempotent: a second --fix changes nothing.
    let out = run_in(dir.path(), &["--diff", "--schema", "schema.json", "a.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn unsafe_fixes_rewrite_summaries_only_when_asked() {
    let page = "---\ntitle: t\nsummary: \"Hello world, this is the fir\"\ndescription: \"2月10日消息，美国当地时间周日...\"\n---\n2月10日消息，美国当地时间周六，OpenAI首席执行官发文。\n";
    let dir = site(page);
    run_in(dir.path(), &["--fix", "a.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        page
    );
    run_in(dir.path(), &["--fix", "--unsafe-fixes", "a.md"]);
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        fixed.contains("description: \"2月10日消息，美国当地时间周六...\""),
        "{fixed}"
    );
    assert!(
        rules_of(dir.path())
            .iter()
            .all(|r| !r.starts_with("summary/mismatch"))
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(PAGE);
    let path = dir.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    run_in(dir.path(), &["--fix", "a.md"]);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), PAGE);
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let dir = site(PAGE);
    let path = dir.path().join("a.md");
    let settings = frontlint::lint::Settings::default();
    let fixed =
        frontlint::fix::fix_text(std::path::Path::new("a.md"), PAGE, &settings, false).unwrap();
    std::fs::write(&path, "---\ntitle: edited meanwhile\n---\n").unwrap();
    let err = frontlint::fix::write_back(&path, &fixed).unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "---\ntitle: edited meanwhile\n---\n"
    );
}

/// Found by the `fix` fuzz target: a regenerated summary copied NUL bytes from the body into a
/// double-quoted YAML string, where they must be escaped; the fixed header did not parse.
#[test]
fn regenerated_summaries_escape_control_characters() {
    let page = "---\ntitle: t\nsummary: \"2月10日消息，美国当地时间周日，OpenAI...\"\n---\n\n2月10日消息，美国当地时间周六\0\0\0\0penAI首席执行官发文。\n";
    let settings = frontlint::lint::Settings::default();
    let path = std::path::Path::new("a.md");
    let fixed =
        frontlint::fix::fix_text(path, page, &settings, true).expect("a summary fix applies");
    assert!(fixed.fixed.contains("\\u0000"), "{}", fixed.fixed);
    let after = frontlint::lint::lint_text(path, &fixed.fixed, &settings);
    assert!(
        !after.iter().any(|d| d.rule.starts_with("syntax/")),
        "{after:?}"
    );
}

/// Found by the `fix` fuzz target: a plain summary regenerated as `YAML 1.1 re:` ended with a
/// colon, which YAML reads as a mapping key; such values are quoted.
#[test]
fn regenerated_plain_values_are_quoted_when_yaml_would_misread_them() {
    let page = "---\ntitle: t\nsummary: NNNNNNNNNNNNNNNNNNNN...\n---\nYAML 1.1 re:\n";
    let settings = frontlint::lint::Settings::default();
    let path = std::path::Path::new("a.md");
    let fixed =
        frontlint::fix::fix_text(path, page, &settings, true).expect("a summary fix applies");
    assert!(
        fixed.fixed.contains("summary: \"YAML 1.1 re:\"\n"),
        "{}",
        fixed.fixed
    );
    let after = frontlint::lint::lint_text(path, &fixed.fixed, &settings);
    assert!(
        !after.iter().any(|d| d.rule.starts_with("syntax/")),
        "{after:?}"
    );
}
