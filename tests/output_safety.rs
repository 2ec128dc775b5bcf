//! Output cannot be used against its reader: text from files (names, keys, values, snippets)
//! reaches no format raw, and no line of any output is a GitHub workflow command that
//! frontlint did not write.

mod common;

use common::{frontlint, stderr, stdout, write};
use tempfile::TempDir;

/// A header whose values, keys and block lines try to forge workflow commands and terminal
/// sequences, with a fixable problem (`--diff`) next to a block line that starts with `::`.
const HOSTILE: &str = "---\r\ntitle: 标题\r\n\
    date: \"x\\n::stop-commands::pwn \\e[31m \\u202e ##[add-mask]s\"\r\n\
    lang: \"zz\\n::error::lang\u{202e}##[x]\"\r\n\
    \"k\\n::error::key\": 1\r\n\
    \"k\\n::error::key\": 2\r\n\
    tags: [a, a]\r\n\
    summary: |\r\n  ::warning::block\r\n  ##[error]block\r\n---\r\nbody\r\n";

/// File names that try the same: a newline, leading spaces, the old `##[` form, a bidi
/// override, and an absolute-looking URI.
#[cfg(unix)]
const NAMES: [&str; 5] = [
    "x\n::error::pwned.md",
    "  ::warning::lead.md",
    "##[add-mask]m.md",
    "rlo\u{202e}dm.txt.md",
    "https:evil.example.md",
];

#[cfg(unix)]
fn site() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    for name in NAMES {
        write(dir.path(), name, HOSTILE);
    }
    dir
}

/// Control characters (C0, DEL, C1), line and paragraph separators, bidi controls and
/// zero-width characters: none may reach the reader raw.
fn dangerous(c: char) -> bool {
    matches!(c as u32,
        0..=0x1F | 0x7F..=0x9F | 0x2028 | 0x2029 | 0x202A..=0x202E | 0x2066..=0x2069
        | 0x200B..=0x200F | 0x2060 | 0xFEFF)
}

/// The line without the color sequences frontlint writes itself (`ESC [ … m`).
fn strip_colors(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let seq = &rest[at + 2..];
        let end = seq.find('m').map_or(seq.len(), |e| e + 1);
        rest = &seq[end..];
    }
    out.push_str(rest);
    out
}

/// Every problem a line of output can have for its reader, or `None`.
fn unsafe_line(line: &str, github: bool, colors: bool) -> Option<&'static str> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line = &if colors {
        strip_colors(line)
    } else {
        line.to_string()
    };
    let trimmed = line.trim_start();
    if trimmed.starts_with("::") {
        let ours =
            github && (line.starts_with("::error file=") || line.starts_with("::warning file="));
        if !ours {
            return Some("starts a workflow command");
        }
    }
    if line.contains("##[") {
        return Some("holds a `##[` command");
    }
    if line.chars().any(dangerous) {
        return Some("holds a control, bidi or invisible character");
    }
    None
}

fn check(what: &str, text: &str, github: bool, colors: bool) {
    for line in text.split('\n') {
        if let Some(problem) = unsafe_line(line, github, colors) {
            panic!("{what}: this line {problem}: {line:?}\n--- whole output:\n{text}");
        }
    }
}

#[cfg(unix)]
#[test]
fn no_format_forges_a_workflow_command_or_prints_raw_controls() {
    let dir = site();
    let formats = [
        "full",
        "concise",
        "json",
        "json-lines",
        "github",
        "sarif",
        "junit",
    ];
    for format in formats {
        for color in ["never", "always"] {
            let out = assert_cmd::Command::cargo_bin("frontlint")
                .unwrap()
                .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
                .args(["--format", format, "--color", color, "--no-cache", "."])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(!text.is_empty());
            let colors = color == "always";
            check(
                &format!("{format} stdout"),
                &text,
                format == "github",
                colors,
            );
            check(&format!("{format} stderr"), &stderr(&out), false, colors);
        }
    }
    // GitHub: exactly one command per diagnostic, all written by frontlint.
    let out = frontlint()
        .args(["--format", "json", "--no-cache", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let github = frontlint()
        .args(["--format", "github", "--no-cache", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let commands = stdout(&github)
        .lines()
        .filter(|l| l.trim_start().starts_with("::"))
        .count();
    assert_eq!(commands, diagnostics.len());
    // JSON escapes keep the data: every file name comes back exactly.
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    let mut names = NAMES.to_vec();
    names.sort();
    assert_eq!(paths, names);
    let messages: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"duplicate key `k\n::error::key`")
            && messages.iter().any(|m| m.contains("\u{202e}##[x]")),
        "{messages:#?}"
    );
    for extra in [
        &["--statistics"][..],
        &["--diff"],
        &["--statistics", "--format", "json"],
    ] {
        let out = frontlint()
            .args(extra)
            .args(["--no-cache", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        check(&format!("{extra:?} stdout"), &stdout(&out), false, false);
        check(&format!("{extra:?} stderr"), &stderr(&out), false, false);
    }
}

#[cfg(unix)]
#[test]
fn text_formats_show_escapes_where_the_characters_were() {
    let dir = site();
    let out = frontlint()
        .args(["--format", "concise", "--no-cache", "x\n::error::pwned.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.starts_with("x\\n::error::pwned.md:3:7: error[date/invalid] "),
        "{text}"
    );
    assert!(
        text.contains("\\u{1b}[31m \\u{202e} ##\\u{5b}add-mask]s"),
        "{text}"
    );
    assert!(text.contains("duplicate key `k\\n::error::key`"), "{text}");
    // A name that starts with `::` once trimmed keeps its text, with its first `:` escaped.
    let out = frontlint()
        .args(["--format", "concise", "--no-cache", "  ::warning::lead.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("  \\u{3a}:warning::lead.md:3:7: "),
        "{}",
        stdout(&out)
    );
    // `full`: the header names the file escaped, the snippet shows the escape, the label is
    // under it, and the column is the file's (in characters, CRLF and CJK included).
    let out = frontlint()
        .args(["--format", "full", "--no-cache", "rlo\u{202e}dm.txt.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("╭─[rlo\\u{202e}dm.txt.md:3:7]"), "{text}");
    let shown = r#""zz\n::error::lang\u{202e}##\u{5b}x]""#;
    let snippet = format!(
        " 4 │ lang: {shown} \n   ·       {}\n",
        "─".repeat(shown.len())
    );
    assert!(text.contains(&snippet), "{text}");
    // The diff header names the file quoted and escaped, as git does; a `+++` line cannot be
    // forged.
    let out = frontlint()
        .args(["--diff", "--no-cache", "x\n::error::pwned.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- \"x\\n::error::pwned.md\"\n+++ \"x\\n::error::pwned.md\"\n@@ "),
        "{diff}"
    );
    assert!(diff.contains("\n   \\u{3a}:warning::block\r\n"), "{diff}");
}

#[test]
fn junit_has_no_character_xml_forbids() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\n\"\\0\\e\\x7f\\u0085\\uFFFE\\n\": 1\n\"\\0\\e\\x7f\\u0085\\uFFFE\\n\": 2\n---\n",
    );
    let out = frontlint()
        .args(["--format", "junit", "--no-cache", "a.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let xml = stdout(&out);
    let forbidden = |c: char| {
        let n = c as u32;
        (n < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || n == 0xFFFE || n == 0xFFFF
    };
    assert!(!xml.chars().any(forbidden), "{xml:?}");
    // XML 1.0 forbids NUL, ESC and U+FFFE even as references: visible escapes instead;
    // DEL and NEL are allowed as references.
    assert!(
        xml.contains("\\u{0}\\u{1b}&#x7f;&#x85;\\u{fffe}&#10;"),
        "{xml}"
    );
}

#[test]
fn fatal_errors_escape_the_config_text_they_show() {
    // A config error quotes the key and shows the config's text: both come from the
    // repository.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "frontlint.toml",
        "\"x\\n::error::k\\u001b[31m\" = 1 # \u{202e} ##[add-mask]m\n",
    );
    write(dir.path(), "a.md", "---\ntitle: a\n---\n");
    let out = frontlint()
        .args(["--format", "concise", "a.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    check("stderr", &err, false, false);
    assert!(err.contains("x\\n::error::k\\u{1b}[31m"), "{err}");
    assert!(err.contains("\\u{202e} ##\\u{5b}add-mask]m"), "{err}");
}

#[cfg(unix)]
#[test]
fn reports_are_never_written_through_a_symbolic_link() {
    // A pull request can commit `reports -> /somewhere/else` or `r.json -> ~/.bashrc`.
    let outside = TempDir::new().unwrap();
    let victim = write(outside.path(), "victim.txt", "keep me\n");
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: 标题\r\ndate: 2025-02-30\r\n---\n",
    );
    std::os::unix::fs::symlink(outside.path(), dir.path().join("reports")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("r.json")).unwrap();
    for target in ["reports/r.json", "r.json"] {
        let out = frontlint()
            .args([
                "--no-cache",
                "--format",
                "json",
                "--output-file",
                target,
                "a.md",
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is a symbolic link"),
            "{target}: {}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert!(!outside.path().join("r.json").exists());
    assert!(dir.path().join("r.json").is_symlink());
    // A real folder works.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = frontlint()
        .args([
            "--no-cache",
            "--format",
            "json",
            "--output-file",
            "out/r.json",
            "a.md",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(dir.path().join("out/r.json"))
            .unwrap()
            .contains("date/invalid")
    );
}
