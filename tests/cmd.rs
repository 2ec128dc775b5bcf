//! The command line as data: each `tests/cmd/*.toml` is one run of frontlint, in the style of
//! typos' `tests/cmd/*.toml` (trycmd): the files of a fresh folder, the arguments, and the
//! exit code, standard output and standard error expected.
//!
//! ```toml
//! # What the case shows.
//! args = ["--format", "concise", "content"]
//! status = 1
//! stdout = """
//! content/a.md:1:1: warning[syntax/missing] the file has no front matter
//! """
//! stderr = """
//! Found 0 errors and 1 warning in 1 file (1 file checked in [TIME]).
//! """
//! # Optional: `cwd` (a folder of the case, default its root), `stdin`, `env`.
//! [files]
//! "content/a.md" = "Body only.\n"
//! ```
//!
//! A missing `stdout` or `stderr` key means "anything". In expected text, `[..]` matches any
//! text within a line, a line `...` any number of lines, and `[ROOT]` is the case's folder.
//! Actual output is normalised before it is compared: the run time (`in 0.03s`) becomes
//! `[TIME]`, the case's folder `[ROOT]`. The environment is fixed like the other tests': no
//! colors (output is not a terminal), `COLUMNS=100`, `FRONTLINT_NOW=2026-11-28T00:00:00Z`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    status: i32,
    stdout: Option<String>,
    stderr: Option<String>,
    stdin: Option<String>,
    cwd: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Folders to create (empty ones cannot be written as files).
    #[serde(default)]
    dirs: Vec<String>,
}

#[test]
fn cmd_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "no cases in {}", dir.display());
    let only = std::env::var("CMD_CASE").ok();
    let mut failures = Vec::new();
    for path in &names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
        if let Err(e) = run(&case) {
            failures.push(format!("── {name}.toml ──\n{e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn run(case: &Case) -> Result<(), String> {
    let tmp = tempfile::TempDir::new().unwrap();
    // Canonical: the binary reports paths as it resolves them (`/private/tmp` on macOS).
    let root = tmp.path().canonicalize().unwrap();
    for d in &case.dirs {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    for (rel, content) in &case.files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }
    let mut cmd = assert_cmd::Command::cargo_bin("frontlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .envs(&case.env)
        .args(&case.args)
        .current_dir(root.join(case.cwd.as_deref().unwrap_or("")));
    if let Some(input) = &case.stdin {
        cmd.write_stdin(input.as_bytes());
    }
    let out = cmd.output().unwrap();
    let root_text = root.display().to_string();
    let normal =
        |bytes: &[u8]| redact_time(&String::from_utf8_lossy(bytes).replace(&root_text, "[ROOT]"));
    let (stdout, stderr) = (normal(&out.stdout), normal(&out.stderr));
    let mut problems = Vec::new();
    if out.status.code() != Some(case.status) {
        problems.push(format!(
            "exit code {:?}, expected {}",
            out.status.code(),
            case.status
        ));
    }
    for (what, expected, actual) in [
        ("stdout", &case.stdout, &stdout),
        ("stderr", &case.stderr, &stderr),
    ] {
        if let Some(expected) = expected {
            if !matches(expected, actual) {
                problems.push(format!(
                    "{what} differs; expected:\n{expected}\nactual:\n{actual}"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n(stdout was:\n{stdout}\nstderr was:\n{stderr})",
            problems.join("\n")
        ))
    }
}

/// `in 0.03s` → `in [TIME]`.
fn redact_time(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("in ") {
        out.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 && rest[..digits].contains('.') && rest[digits..].starts_with('s') {
            out.push_str("[TIME]");
            rest = &rest[digits + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `actual` matches `expected` with its `[..]` and `...` wildcards.
fn matches(expected: &str, actual: &str) -> bool {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    lines_match(&exp, &act)
        && (expected.ends_with('\n') == actual.ends_with('\n')
            || actual.is_empty() && expected.is_empty())
}

fn lines_match(exp: &[&str], act: &[&str]) -> bool {
    match exp.split_first() {
        None => act.is_empty(),
        Some((&"...", rest)) => (0..=act.len()).any(|skip| lines_match(rest, &act[skip..])),
        Some((first, rest)) => act
            .split_first()
            .is_some_and(|(a, arest)| line_matches(first, a) && lines_match(rest, arest)),
    }
}

fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || !line[first.len()..].ends_with(last) {
        return false;
    }
    let mut at = first.len();
    let end = line.len() - last.len();
    if end < at {
        return false;
    }
    for mid in &parts[1..parts.len() - 1] {
        match line[at..end].find(mid) {
            Some(i) => at += i + mid.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn wildcards() {
    assert!(matches("a [..] c\n", "a b c\n"));
    assert!(!matches("a [..] c\n", "a b d\n"));
    assert!(matches("x\n...\nz\n", "x\ny\ny\nz\n"));
    assert!(matches("x\n...\nz\n", "x\nz\n"));
    assert!(!matches("x\nz\n", "x\ny\nz\n"));
    assert!(matches("[..]b[..]\n", "abc\n"));
    assert!(!matches("ab[..]ba\n", "aba\n"));
    assert_eq!(
        redact_time("1 file checked in 0.03s).\nin 12s in 1.5s"),
        "1 file checked in [TIME]).\nin 12s in [TIME]"
    );
}
