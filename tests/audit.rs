//! `frontlint infer` and `frontlint audit` (issue 17).

mod common;

use common::{frontlint, stderr, stdout, write};
use serde_json::Value;

/// A subcommand, with the environment of `common::frontlint` (a fixed "now").
fn sub(name: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("frontlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .arg(name);
    cmd
}

fn infer_demo() -> std::process::Output {
    let out = sub("infer").args(["fixtures/demo-site"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

#[test]
fn infer_demo_site_snapshot() {
    insta::assert_snapshot!(stdout(&infer_demo()));
}

#[test]
fn infer_is_deterministic() {
    let a = infer_demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let c = sub("infer")
        .args(["fixtures/demo-site", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(c.status.code(), Some(0));
    assert_eq!(std::fs::read(&file).unwrap(), a.stdout);
    let d = infer_demo();
    assert_eq!(a.stdout, d.stdout);
    assert_eq!(a.stderr, d.stderr);
}

/// The inferred schema describes the files it came from: `--schema` with it reports no schema
/// problem on them (the site's own schema does report some, so the rules did run).
#[test]
fn inferred_schema_passes_its_own_site() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("inferred.json");
    std::fs::write(&schema, infer_demo().stdout).unwrap();
    let schema_rules = |extra: &[&std::ffi::OsStr]| -> Vec<String> {
        let out = frontlint()
            .args(["--format", "json", "--select", "schema", "--no-cache"])
            .args(extra)
            .arg("fixtures/demo-site")
            .output()
            .unwrap();
        common::rules(&out)
    };
    let own = schema_rules(&[]);
    assert!(own.iter().any(|r| r.starts_with("schema/")), "{own:?}");
    let inferred = schema_rules(&["--schema".as_ref(), schema.as_os_str()]);
    assert_eq!(inferred, Vec::<String>::new());
}

/// A site of 150 regular files, one with a number for a title and one with `tag` beside the
/// `tags` of the others.
fn site_with_outliers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        write(
            dir.path(),
            &format!("content/p{i:03}.md"),
            format!(
                "---\ntitle: Post {i}\ndate: 2024-01-{:02}\ntags: [a, b]\n---\nbody\n",
                i % 28 + 1
            ),
        );
    }
    write(
        dir.path(),
        "content/zz-number.md",
        "---\ntitle: 42\ndate: 2024-02-01\ntags: [a]\n---\n",
    );
    write(
        dir.path(),
        "content/zz-typo.md",
        "---\ntitle: Typo\ndate: 2024-02-02\ntag: [a]\n---\n",
    );
    dir
}

#[test]
fn infer_lists_outliers_and_typos() {
    let dir = site_with_outliers();
    let out = sub("infer")
        .args(["--strict", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "content/zz-number.md:2: title: the integer 42: 1 integer value where the other 151 are typed string",
            "content/zz-typo.md:2: tags: (missing): missing `tags`, which 151 of 152 files have (required)",
            "content/zz-typo.md:4: tag: a list: likely a typo of `tags` (`tag` is in 1 file, `tags` in 151 files)",
        ],
        "{err}"
    );
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["title"]["type"], "string");
    assert_eq!(schema["properties"]["date"]["format"], "date");
    assert_eq!(
        schema["required"],
        serde_json::json!(["date", "tags", "title"])
    );
    assert_eq!(
        schema["properties"]["title"]["description"],
        "present in 152 of 152 files; integer in 1, string in 151; 151 distinct values"
    );
    assert!(schema["properties"].get("tag").is_none());
    // Used as the schema, it reports exactly the outliers.
    std::fs::write(dir.path().join("s.json"), &out.stdout).unwrap();
    let lint = frontlint()
        .args([
            "--format",
            "json",
            "--no-cache",
            "--select",
            "schema",
            "--schema",
            "s.json",
            "content",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let found: Vec<(String, String)> = common::json(&lint)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/zz-number.md".to_string(),
                "schema/type".to_string()
            ),
            (
                "content/zz-typo.md".to_string(),
                "schema/required".to_string()
            ),
            (
                "content/zz-typo.md".to_string(),
                "schema/additionalProperties".to_string()
            ),
        ]
    );
}

#[test]
fn infer_per_folder_needs_output_and_writes_one_schema_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "content/a/one.md", "---\ntitle: A\n---\n");
    write(dir.path(), "content/b/two.md", "---\nname: B\n---\n");
    let out = sub("infer")
        .args(["--per-folder", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sub("infer")
        .args(["--per-folder", "-o", "schemas", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("schemas/a.schema.json")).unwrap())
            .unwrap();
    let b: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("schemas/b.schema.json")).unwrap())
            .unwrap();
    assert_eq!(a["required"], serde_json::json!(["title"]));
    assert_eq!(b["required"], serde_json::json!(["name"]));
    assert!(
        stdout(&out).contains("files = [\"content/a/**\"]\nschema = \"schemas/a.schema.json\""),
        "{}",
        stdout(&out)
    );
}

fn audit(args: &[&str]) -> std::process::Output {
    let out = sub("audit").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

/// The numbers of the report are those of `--statistics` and `--format json` of the same input.
#[test]
fn audit_numbers_equal_statistics_and_json() {
    let a: Value = serde_json::from_slice(
        &audit(&["--format", "json", "--no-cache", "fixtures/demo-site"]).stdout,
    )
    .unwrap();
    let stats = frontlint()
        .args([
            "--statistics",
            "--format",
            "json",
            "--no-cache",
            "fixtures/demo-site",
        ])
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(a["problems"]["statistics"], stats);
    let diags = frontlint()
        .args(["--format", "json", "--no-cache", "fixtures/demo-site"])
        .output()
        .unwrap();
    let diags = common::json(&diags);
    let count = |sev: &str| diags.iter().filter(|d| d["severity"] == sev).count() as u64;
    assert_eq!(a["overview"]["errors"], count("error"));
    assert_eq!(a["overview"]["warnings"], count("warning"));
    assert_eq!(a["problems"]["total"], diags.len() as u64);
    let files: std::collections::BTreeSet<&str> =
        diags.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(a["overview"]["files_with_problems"], files.len() as u64);
    // Every file of the demo site is in the page map: the kinds add up to the files, and the
    // three pages that Hugo would not publish now (`content/defects/`) are counted apart.
    let kinds = a["overview"]["by_kind"].as_object().unwrap();
    let by_kind: u64 = kinds.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(by_kind, a["overview"]["files"].as_u64().unwrap());
    assert_eq!(kinds["draft or unpublished"], 3);
    let listed: usize = a["problems"]["diagnostics"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_array().unwrap().len())
        .sum();
    assert_eq!(listed, diags.len());
    // The Markdown table says the same.
    let md = stdout(&audit(&[
        "--format",
        "markdown",
        "--no-cache",
        "fixtures/demo-site",
    ]));
    assert!(
        md.contains(&format!("| Errors | {} |", count("error"))),
        "{md}"
    );
    assert!(
        md.contains(&format!("| Warnings | {} |", count("warning"))),
        "{md}"
    );
    for row in stats.as_array().unwrap() {
        let line = format!(
            "| {} | `{}` | {} | {} |",
            row["count"],
            row["rule"].as_str().unwrap(),
            row["severity"].as_str().unwrap(),
            row["files"]
        );
        assert!(md.contains(&line), "{line} not in the Markdown report");
    }
}

#[test]
fn audit_markdown_snapshot() {
    let md = stdout(&audit(&[
        "--format",
        "markdown",
        "--no-cache",
        "fixtures/demo-site",
    ]));
    // The time taken varies.
    let md: String = md
        .lines()
        .map(|l| {
            if l.starts_with("Generator: ") {
                "Generator: hugo. Time taken: [time]. frontlint [version]."
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(md);
}

#[test]
fn audit_html_is_self_contained_and_escapes_file_content() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/<b>evil</b>.md",
        "---\ntitle: \"<script>alert(1)</script>\"\ntags: [\"<img src=x onerror=alert(1)>\", x]\nimage: \"https://cdn.example.com/a.png\"\ndate: 2099-01-01\n---\n",
    );
    write(
        dir.path(),
        "content/ok.md",
        "---\ntitle: ok\ntags: [x]\n---\n[a link](https://example.org/page)\n",
    );
    let out = sub("audit")
        .args(["--no-cache", "-o", "report.html", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "a script in the report");
    assert!(!html.contains("<img"), "markup from a file in the report");
    assert!(!html.contains("<b>evil"), "a path's markup in the report");
    assert!(html.contains("&lt;b&gt;evil&lt;/b&gt;.md"));
    // No reference that a browser would fetch: in the markup (every `<` starts a tag, as text
    // from files is escaped), no `src`, no `<link>`, only `#` hrefs; in the style, no `url(`.
    let lower = html.to_lowercase();
    let tags: Vec<&str> = lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
        .collect();
    assert!(tags.len() > 100);
    for tag in &tags {
        assert!(!tag.contains("src="), "a src attribute: <{tag}>");
        assert!(
            !tag.starts_with("link") && !tag.starts_with("script"),
            "<{tag}>"
        );
        assert!(
            !tag.starts_with("img") && !tag.starts_with("iframe"),
            "<{tag}>"
        );
        if let Some((_, href)) = tag.split_once("href=") {
            assert!(href.starts_with("\"#"), "an external href: <{tag}>");
        }
    }
    let style = lower
        .split("<style>")
        .nth(1)
        .unwrap()
        .split("</style>")
        .next()
        .unwrap();
    assert!(!style.contains("url(") && !style.contains("@import"));
    // The image host is shown as text.
    assert!(html.contains("cdn.example.com"));
}

#[test]
fn audit_refuses_standard_input() {
    let out = sub("audit").args(["-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input"));
}

/// On real sites (`../shared/sites/`, skipped when absent): the inferred schema, used with
/// `--schema`, reports schema problems only in files the outlier list names, and the list
/// names the typos a person finds there.
#[test]
fn inferred_schema_on_real_sites_fails_only_listed_outliers() {
    let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sites");
    for (name, expected) in [
        (
            "hugo-servicemesher",
            Some("authrolink: the string \"https://envoyproxy.io\": likely a typo of `authorlink`"),
        ),
        ("jekyll-docs", None),
        ("zola-rust-blog", None),
    ] {
        let root = sites.join(name);
        if !root.is_dir() {
            eprintln!("skipped: {} is absent", root.display());
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let schema = dir.path().join("s.json");
        let out = sub("infer")
            .arg("-o")
            .arg(&schema)
            .current_dir(&root)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let listed = stderr(&out);
        if let Some(expected) = expected {
            assert!(listed.contains(expected), "{name}: {listed}");
        }
        let listed: std::collections::BTreeSet<&str> = listed
            .lines()
            .filter_map(|l| l.split_once(':').map(|(p, _)| p))
            .collect();
        let lint = frontlint()
            .args([
                "--format",
                "json",
                "--no-cache",
                "--select",
                "schema",
                "--schema",
            ])
            .arg(&schema)
            .current_dir(&root)
            .output()
            .unwrap();
        for d in common::json(&lint) {
            let path = d["path"].as_str().unwrap();
            assert!(
                listed.contains(path),
                "{name}: {path} ({}) is not a listed outlier",
                d["message"]
            );
        }
    }
}

/// Nothing to learn from or to audit: a clear message and exit 2, no output file.
#[test]
fn empty_folder_is_an_error_not_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", "no front matter here\n");
    let out = sub("infer")
        .arg(".")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no file with a front matter"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let empty = tempfile::tempdir().unwrap();
    let out = sub("audit")
        .args(["-o", "r.html", "."])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no file to audit"),
        "{}",
        stderr(&out)
    );
    assert!(!empty.path().join("r.html").exists());
    let out = sub("infer")
        .args(["--required-threshold", "1.5", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a share between 0 and 1"));
}

/// Orphans: pages that no body link of another page reaches.
#[test]
fn audit_lists_orphan_pages() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/a.md",
        "---\ntitle: A\n---\nSee [b](b.md).\n",
    );
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: B\n---\nBack to [a](a.md).\n",
    );
    write(
        dir.path(),
        "content/c.md",
        "---\ntitle: C\n---\nLinks to [itself](c.md) only.\n",
    );
    let out = sub("audit")
        .args(["--format", "json", "--no-cache", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["links"]["orphans"], serde_json::json!(["content/c.md"]));
}

#[test]
fn audit_finds_near_duplicate_terms_across_case_punctuation_and_chinese_scripts() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/a.md",
        "---\r\ntitle: 甲\r\ntags: [機器學習, A.I.]\r\n---\r\n正文\r\n",
    );
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: 乙\ntags: [机器学习, ai, 机器人]\n---\n正文\n",
    );
    let out = sub("audit")
        .args(["--format", "json", "--no-cache", "content"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tags = &a["taxonomies"][0];
    assert_eq!(tags["key"], "tags");
    assert_eq!(
        tags["near_duplicates"],
        serde_json::json!([[["A.I.", 1], ["ai", 1]], [["机器学习", 1], ["機器學習", 1]]]),
        "{}",
        stdout(&out)
    );
}
