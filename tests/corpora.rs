//! Real sites from `../shared/corpora` (present in CI and on developer machines; the test
//! says so and passes vacuously only when the folder is absent).

mod common;

use std::path::Path;

use common::{frontlint, json};

fn corpus(name: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

fn lint(path: &Path) -> Vec<serde_json::Value> {
    let out = frontlint()
        .args(["--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}",
        out.status.code()
    );
    json(&out)
}

#[test]
fn every_corpus_lints_without_internal_errors() {
    for name in [
        "gohugoio__hugoDocs",
        "jekyll__jekyll",
        "servicemesher__website",
        "withastro__docs",
    ] {
        let Some(dir) = corpus(name) else { continue };
        let diags = lint(&dir);
        let internal: Vec<_> = diags
            .iter()
            .filter(|d| d["rule"] == "internal/error")
            .collect();
        assert!(internal.is_empty(), "{name}: {internal:?}");
    }
}

#[test]
fn hugo_docs_content_parses_and_fits_the_builtin_schema() {
    let Some(dir) = corpus("gohugoio__hugoDocs/content") else {
        return;
    };
    let diags = lint(&dir);
    let bad: Vec<_> = diags
        .iter()
        .filter(|d| {
            let rule = d["rule"].as_str().unwrap();
            rule.starts_with("schema/")
                || rule == "syntax/parse-error"
                || rule == "syntax/duplicate-key"
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // The flow list closed at column 0 is accepted, with a warning of its own.
    let flow: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "yaml/unindented-flow")
        .collect();
    assert_eq!(flow.len(), 1);
    assert!(
        flow[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("content/en/templates/types.md")
    );
}

#[test]
fn seed_is_clean() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    if !seed.is_dir() {
        eprintln!("skipped: no seed");
        return;
    }
    let out = frontlint()
        .args(["--format", "json"])
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(json(&out), Vec::<serde_json::Value>::new());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn servicemesher_duplicates_are_all_found() {
    let Some(dir) = corpus("servicemesher__website") else {
        return;
    };
    let diags = lint(&dir);
    let files: std::collections::BTreeSet<&str> = diags
        .iter()
        .filter(|d| d["rule"] == "syntax/duplicate-key")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 9, "{files:#?}");
    assert!(diags.iter().any(|d| d["rule"] == "syntax/encoding"
        && d["path"].as_str().unwrap().ends_with("markdown-guide.md")));
}
