//! Documentation kept true by tests: the rule pages under `docs/rules/` are generated from the
//! rule table (`UPDATE_DOCS=1 cargo test --test docs` rewrites them), `frontlint explain` works
//! for every rule `frontlint rules` lists, and the README's `--help` block is the binary's.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn bin() -> Command {
    Command::cargo_bin("frontlint").unwrap()
}

#[test]
fn rule_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    let pages = frontlint::rules::docs::all_pages();
    for (rel, text) in &pages {
        let path = root.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
            } else {
                stale.push(rel.clone());
            }
        }
    }
    // No page for a rule that no longer exists.
    for group in std::fs::read_dir(&root).unwrap() {
        let group = group.unwrap();
        for page in std::fs::read_dir(group.path()).unwrap() {
            let rel = format!(
                "{}/{}",
                group.file_name().to_string_lossy(),
                page.unwrap().file_name().to_string_lossy()
            );
            assert!(
                pages.iter().any(|(p, _)| *p == rel),
                "docs/rules/{rel} documents no rule"
            );
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (run `UPDATE_DOCS=1 cargo test --test docs`): {stale:?}"
    );
}

#[test]
fn explain_works_for_every_listed_rule() {
    let listed = String::from_utf8(bin().arg("rules").output().unwrap().stdout).unwrap();
    let ids: Vec<&str> = listed
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids.len(), frontlint::rules::RULES.len());
    for id in ids {
        let out = bin().args(["explain", id]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{id}");
        let page = String::from_utf8(out.stdout).unwrap();
        assert!(page.starts_with(&format!("# `{id}`")), "{page}");
        assert!(
            page.contains("## Why it matters")
                && page.contains("Reported:")
                && page.contains("Fine:")
        );
    }
    let out = bin().args(["explain", "date/futur"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("did you mean `date/future`")
    );
}

#[test]
fn readme_help_matches_the_binary() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- help:start -->")
        .expect("help block start marker");
    let end = readme
        .find("<!-- help:end -->")
        .expect("help block end marker");
    let block = &readme[start..end];
    let block = block
        .split_once("```text\n")
        .unwrap()
        .1
        .rsplit_once("```")
        .unwrap()
        .0;
    let help = String::from_utf8(bin().arg("--help").output().unwrap().stdout).unwrap();
    assert_eq!(
        block.trim_end(),
        help.trim_end(),
        "README's help block differs from `frontlint --help`"
    );
}

#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for r in frontlint::rules::RULES {
        if r.id.starts_with("schema/") {
            continue; // one row, `schema/<keyword>`, covers them
        }
        assert!(
            readme.contains(&format!("| `{}` |", r.id)),
            "README's rule table lacks {}",
            r.id
        );
    }
}

#[test]
fn readme_fixing_section_matches_diff_on_the_demo_site() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let marker = "$ cargo run --release -- --diff fixtures/demo-site\n";
    let start = readme.find(marker).expect("Fixing section") + marker.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = common::frontlint()
        .args(["--diff", "--no-cache", "fixtures/demo-site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(shown, String::from_utf8(out.stdout).unwrap());
}

/// Every example of README's "Suppressing one finding" works: linted as a page it reports
/// nothing, and without its `frontlint-disable` comments it reports each rule they name.
#[test]
fn readme_suppression_examples_work() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## Suppressing one finding").unwrap();
    let section = &readme[start..start + readme[start..].find("\n## Rules").unwrap()];
    let mut examples = Vec::new();
    let mut rest = section;
    while let Some(i) = rest.find("```") {
        let after = &rest[i + 3..];
        let body_start = after.find('\n').unwrap() + 1;
        let end = after[body_start..].find("```").unwrap();
        examples.push(after[body_start..body_start + end].to_string());
        rest = &after[body_start + end + 3..];
    }
    assert_eq!(
        examples.len(),
        3,
        "YAML, TOML and body examples: {examples:?}"
    );
    for example in &examples {
        let dir = tempfile::TempDir::new().unwrap();
        common::write(dir.path(), "a.md", example);
        let out = common::run_in(dir.path(), &["--format", "json", "--no-cache", "a.md"]);
        assert_eq!(common::rules(&out), Vec::<String>::new(), "{example}");
        // The rules each comment names, and the example without its comments.
        let named: Vec<String> = example
            .lines()
            .filter_map(|l| l.split("frontlint-disable").nth(1))
            .map(|l| {
                let l = l.trim_start_matches("-next-line").trim();
                let l = l
                    .split(" -- ")
                    .next()
                    .unwrap()
                    .trim_end_matches("-->")
                    .trim();
                l.to_string()
            })
            .collect();
        assert!(!named.is_empty(), "{example}");
        let bare: String = example
            .lines()
            .filter(|l| !l.contains("frontlint-disable"))
            .map(|l| format!("{l}\n"))
            .collect();
        common::write(dir.path(), "a.md", &bare);
        let reported = common::rules(&common::run_in(
            dir.path(),
            &["--format", "json", "--no-cache", "a.md"],
        ));
        for id in &named {
            assert!(
                reported.contains(id),
                "{id} not reported without the comment in\n{bare}: {reported:?}"
            );
        }
    }
}
