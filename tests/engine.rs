//! One engine, two front ends: the demo site linted by `frontlint` (the CLI) and through
//! `workspace::Workspace` (what the language server calls, one document at a time, from disk
//! and from memory) gives the same diagnostics in the same order.

mod common;

use std::path::{Path, PathBuf};

use frontlint::workspace::{OpenOptions, Workspace};

const NOW: &str = "2026-11-28T00:00:00Z";

/// `(path, rule, severity, message, help, offset, length)` of every diagnostic.
type Row = (String, String, String, String, String, u64, u64);

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-site")
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn cli_rows() -> Vec<Row> {
    let out = common::run_in(&demo(), &["--format", "json", "--no-cache"]);
    common::json(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["help"].as_str().unwrap_or_default().to_string(),
                d["offset"].as_u64().unwrap(),
                d["length"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn engine_rows(from_memory: bool) -> Vec<Row> {
    let root = demo();
    let mut ws = Workspace::open(&OpenOptions {
        cwd: root.clone(),
        start: root.clone(),
        now: Some(NOW.into()),
        ..Default::default()
    })
    .unwrap();
    let pages = ws.index_site().unwrap();
    assert!(pages > 20, "the demo site has {pages} pages");
    let mut files = Vec::new();
    markdown_files(&root.join("content"), &mut files);
    files.sort();
    let mut rows = Vec::new();
    for abs in files {
        let bytes = std::fs::read(&abs).unwrap();
        let diagnostics = match (from_memory, std::str::from_utf8(&bytes)) {
            (true, Ok(text)) => ws.lint_document(&abs, text).unwrap(),
            _ => ws.lint_file(&abs).unwrap(),
        };
        let rel = abs
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for d in diagnostics {
            rows.push((
                rel.clone(),
                d.rule.to_string(),
                d.severity.as_str().to_string(),
                d.message,
                d.help.unwrap_or_default(),
                d.span.start as u64,
                (d.span.end - d.span.start) as u64,
            ));
        }
    }
    rows
}

/// The demo site through `Workspace::lint_paths` (a set of paths, as the CLI's run).
fn paths_rows(paths: &[&str]) -> Vec<Row> {
    let root = demo();
    let mut ws = Workspace::open(&OpenOptions {
        cwd: root.clone(),
        start: root.clone(),
        now: Some(NOW.into()),
        ..Default::default()
    })
    .unwrap();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut rows = Vec::new();
    for f in ws.lint_paths(&paths).unwrap() {
        for l in f.diagnostics {
            let d = l.diagnostic;
            rows.push((
                f.path.clone(),
                d.rule.to_string(),
                d.severity.as_str().to_string(),
                d.message,
                d.help.unwrap_or_default(),
                d.span.start as u64,
                (d.span.end - d.span.start) as u64,
            ));
        }
    }
    rows
}

#[test]
fn lint_paths_is_the_cli_run() {
    let cli = cli_rows();
    assert_eq!(paths_rows(&[]), cli);
    // One folder given: its files only, checked against the whole site (links out of it).
    let part = paths_rows(&["content/defects"]);
    let expected: Vec<Row> = cli
        .iter()
        .filter(|r| r.0.starts_with("content/defects/"))
        .cloned()
        .collect();
    assert!(expected.iter().any(|r| r.1 == "link/broken-relative"));
    assert_eq!(part, expected);
}

#[test]
fn cli_and_engine_agree_on_the_demo_site() {
    let cli = cli_rows();
    // The demo site is full of defects, site-wide ones included: the comparison means something.
    assert!(cli.len() > 30, "{} diagnostics", cli.len());
    assert!(cli.iter().any(|r| r.1 == "link/broken-relative"));
    assert!(cli.iter().any(|r| r.1.starts_with("schema/")));
    for from_memory in [false, true] {
        let engine = engine_rows(from_memory);
        if engine != cli {
            let only_cli: Vec<_> = cli.iter().filter(|r| !engine.contains(r)).collect();
            let only_engine: Vec<_> = engine.iter().filter(|r| !cli.contains(r)).collect();
            panic!(
                "from_memory={from_memory}: only in the CLI: {only_cli:#?}\nonly in the engine: {only_engine:#?}"
            );
        }
    }
}

#[test]
fn an_edit_in_memory_changes_the_site_wide_result() {
    let root = demo();
    let mut ws = Workspace::open(&OpenOptions {
        cwd: root.clone(),
        start: root.clone(),
        now: Some(NOW.into()),
        ..Default::default()
    })
    .unwrap();
    ws.index_site().unwrap();
    let abs = root.join("content/defects/links.md");
    let text = std::fs::read_to_string(&abs).unwrap();
    let broken = |ds: &[frontlint::diagnostic::Diagnostic]| {
        ds.iter()
            .filter(|d| d.rule == "link/broken-relative")
            .count()
    };
    let before = ws.lint_document(&abs, &text).unwrap();
    assert!(broken(&before) > 0, "{before:#?}");
    // The same page with its body gone: no link, so no broken link; the disk is untouched.
    let header_end = text.match_indices("---").nth(1).unwrap().0 + 3;
    let after = ws.lint_document(&abs, &text[..header_end]).unwrap();
    assert_eq!(broken(&after), 0, "{after:#?}");
    assert_eq!(std::fs::read_to_string(&abs).unwrap(), text);
}

#[test]
fn headings_and_pages_on_disk_reach_the_site_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::write(&root, "frontlint.toml", "");
    common::write(
        &root,
        "content/b.md",
        "---\ntitle: b\n---\n[a](a.md#intro)\n",
    );
    let a = common::write(&root, "content/a.md", "---\ntitle: a\n---\n## Intro\n");
    let b = root.join("content/b.md");
    let mut ws = Workspace::open(&OpenOptions {
        cwd: root.clone(),
        start: root.clone(),
        now: Some(NOW.into()),
        ..Default::default()
    })
    .unwrap();
    ws.index_site().unwrap();
    let anchors = |ds: Vec<frontlint::diagnostic::Diagnostic>| {
        ds.iter().filter(|d| d.rule == "link/broken-anchor").count()
    };
    let own = |text: &str| format!("---\ntitle: b\n---\n[a](a.md#intro) [s](#{text})\n");
    // Its own headings: `#here` resolves once the heading is typed, and stops when it changes.
    let lint = |ws: &mut Workspace, text: &str| ws.lint_document(&b, text).unwrap();
    assert_eq!(anchors(lint(&mut ws, &own("here"))), 1);
    assert_eq!(
        anchors(lint(&mut ws, &format!("{}## Here\n", own("here")))),
        0
    );
    assert_eq!(
        anchors(lint(
            &mut ws,
            &format!("{}## Here\nmore text\n", own("here"))
        )),
        0
    );
    assert_eq!(
        anchors(lint(
            &mut ws,
            &format!("{}## There\nmore text\n", own("here"))
        )),
        1
    );
    // Another page changed on disk (its heading renamed): seen after `update_page`.
    std::fs::write(&a, "---\ntitle: a\n---\n## Outro\n").unwrap();
    let text = format!("{}## Here\n", own("here"));
    ws.update_page(&a).unwrap();
    assert_eq!(anchors(lint(&mut ws, &text)), 1);
}
