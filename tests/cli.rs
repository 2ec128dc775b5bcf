//! The command line as a user runs it: exit codes, formats, stdin, config, discovery.

mod common;

use common::{frontlint, json, rules, run_in, stderr, stdout, write};
use tempfile::TempDir;

const CLEAN: &str = "---\ntitle: 标题\ndate: 2025-02-10\n---\nBody.\n";

#[test]
fn clean_file_exits_zero_and_says_so() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", CLEAN);
    let out = run_in(dir.path(), &["a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("All checks passed: 1 file checked in "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn errors_exit_one_and_warnings_exit_zero_unless_denied() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "warn.md", "---\ntitle: t\ncomments: yes\n---\n");
    let out = run_in(dir.path(), &["warn.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("Found 0 errors and 1 warning in 1 file"),
        "{}",
        stderr(&out)
    );
    let out = run_in(dir.path(), &["--deny-warnings", "warn.md"]);
    assert_eq!(out.status.code(), Some(1));
    write(dir.path(), "err.md", "---\ntitle: a\ntitle: b\n---\n");
    let out = run_in(dir.path(), &["err.md"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_two() {
    let out = frontlint().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn concise_format_positions_count_characters_with_crlf() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "dup.md",
        "---\r\n标题: 一\r\n标题: 二\r\n---\r\n",
    );
    let out = run_in(dir.path(), &["--format", "concise", "dup.md"]);
    assert_eq!(
        stdout(&out),
        "dup.md:3:1: error[syntax/duplicate-key] duplicate key `标题`\n"
    );
}

#[test]
fn json_format_fields_with_cjk_and_crlf() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "t.md",
        "---\r\ntitle: 标题\r\ndraft: \"是\"\r\n---\r\n",
    );
    let out = run_in(dir.path(), &["--format", "json", "t.md"]);
    let diags = json(&out);
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d["path"], "t.md");
    assert_eq!(d["rule"], "schema/type");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["message"],
        "`draft` must be null or a boolean, found the string \"是\""
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(8))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(3), Some(11))
    );
    // `"是"` is 5 bytes: two quotes and one 3-byte character.
    let text = "---\r\ntitle: 标题\r\ndraft: \"是\"\r\n---\r\n";
    assert_eq!(
        d["offset"].as_u64().unwrap() as usize,
        text.find("\"是\"").unwrap()
    );
    assert_eq!(d["length"], 5);
}

#[test]
fn stdin_uses_the_given_filename_and_its_config() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "frontlint.toml",
        "[rules]\n\"yaml/ambiguous-scalar\" = \"error\"\n",
    );
    let out = frontlint()
        .args([
            "--format",
            "concise",
            "--stdin-filename",
            "content/post.md",
            "-",
        ])
        .current_dir(dir.path())
        .write_stdin("---\ntitle: x\ntoc: on\n---\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with(
            "content/post.md:3:6: error[yaml/ambiguous-scalar] `on` is read as the boolean true"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn rules_subcommand_lists_every_rule() {
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    let text = stdout(&out);
    for id in [
        "syntax/duplicate-key",
        "schema/type",
        "yaml/ambiguous-scalar",
        "syntax/missing",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing from\n{text}"
        );
    }
    let missing = text
        .lines()
        .find(|l| l.starts_with("syntax/missing "))
        .unwrap();
    assert!(missing.contains(" warning "), "{missing}");
}

#[test]
fn discovery_honours_gitignore_hidden_and_default_excludes_but_not_for_explicit_files() {
    let dir = TempDir::new().unwrap();
    let bad = "---\ntitle: a\ntitle: b\n---\n";
    write(dir.path(), ".gitignore", "ignored.md\n");
    write(dir.path(), "ignored.md", bad);
    write(dir.path(), ".hidden/a.md", bad);
    write(
        dir.path(),
        "archetypes/default.md",
        "---\ntitle: {{ .Name }}\n---\n",
    );
    write(dir.path(), "node_modules/x/readme.md", bad);
    write(dir.path(), "notes.txt", bad);
    write(dir.path(), "content/ok.markdown", CLEAN);
    write(dir.path(), "content/b.mdx", bad);
    let out = run_in(dir.path(), &["--format", "concise"]);
    assert_eq!(
        stdout(&out),
        "content/b.mdx:3:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
    assert!(
        stderr(&out).contains("(2 files checked"),
        "{}",
        stderr(&out)
    );
    // An explicit file is linted although gitignored…
    let out = run_in(
        dir.path(),
        &["--format", "concise", "ignored.md", "notes.txt"],
    );
    assert_eq!(
        rules(&run_in(dir.path(), &["--format", "json", "ignored.md"])),
        ["syntax/duplicate-key"]
    );
    assert!(stdout(&out).contains("notes.txt:3:1"), "{}", stdout(&out));
    // …but config `exclude` still applies to it.
    write(dir.path(), "frontlint.toml", "exclude = [\"ignored.md\"]\n");
    let out = run_in(dir.path(), &["ignored.md"]);
    assert_eq!(out.status.code(), Some(2), "nothing linted");
    assert!(
        stderr(&out).contains("`ignored.md` is excluded by `exclude` in frontlint.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_rules_groups_and_overrides_apply() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "frontlint.toml",
        "[rules]\nsyntax = \"warning\"\n\"syntax/missing\" = \"off\"\n[[overrides]]\nfiles = [\"content/strict/**\"]\n[overrides.rules]\n\"syntax/missing\" = \"error\"\n",
    );
    write(dir.path(), "content/a.md", "no header\n");
    write(dir.path(), "content/strict/b.md", "no header\n");
    write(dir.path(), "content/c.md", "---\na: 1\na: 2\n---\n");
    let out = run_in(dir.path(), &["--format", "json", "content"]);
    let diags = json(&out);
    let got: Vec<(&str, &str, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("content/c.md", "syntax/duplicate-key", "warning"),
            ("content/strict/b.md", "syntax/missing", "error"),
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_errors_point_into_the_toml_and_exit_two() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "frontlint.toml",
        "[rules]\n\"date/futur\" = \"error\"\n",
    );
    write(dir.path(), "a.md", CLEAN);
    let out = run_in(dir.path(), &["a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown rule or group `date/futur`"), "{err}");
    assert!(err.contains("frontlint.toml:2:1"), "{err}");
    write(dir.path(), "frontlint.toml", "schemas = \"x.json\"\n");
    let out = run_in(dir.path(), &["a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown key `schemas`; did you mean `schema`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn schema_option_validates_and_broken_schemas_are_fatal() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ntitle: 标题\n---\n");
    write(
        dir.path(),
        "s.json",
        r#"{"type": "object", "required": ["date"], "properties": {"title": {"maxLength": 1}}}"#,
    );
    let out = run_in(
        dir.path(),
        &["--format", "json", "--schema", "s.json", "a.md"],
    );
    assert_eq!(rules(&out), ["schema/required", "schema/maxLength"]);
    let diags = json(&out);
    assert_eq!(
        diags[0]["line"], 1,
        "required points at the opening delimiter"
    );
    assert_eq!(
        diags[1]["message"],
        "`title` is longer than 1 characters (2)"
    );

    write(
        dir.path(),
        "broken.json",
        "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"strin\"}}\n}\n",
    );
    let out = run_in(dir.path(), &["--schema", "broken.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.json:3:"), "{}", stderr(&out));

    write(
        dir.path(),
        "notjson.json",
        "{\n  \"type\": \"object\",\n}\n",
    );
    let out = run_in(dir.path(), &["--schema", "notjson.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid JSON"), "{}", stderr(&out));
}

#[test]
fn local_refs_resolve_and_remote_refs_are_refused() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ntitle: 3\n---\n");
    write(
        dir.path(),
        "schemas/main.json",
        r#"{"properties": {"title": {"$ref": "defs/title.json"}}}"#,
    );
    write(
        dir.path(),
        "schemas/defs/title.json",
        r#"{"type": "string"}"#,
    );
    let out = run_in(
        dir.path(),
        &["--format", "json", "--schema", "schemas/main.json", "a.md"],
    );
    assert_eq!(rules(&out), ["schema/type"]);

    write(
        dir.path(),
        "remote.json",
        r#"{"properties": {"title": {"$ref": "https://example.com/title.json"}}}"#,
    );
    let out = run_in(dir.path(), &["--schema", "remote.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("frontlint makes no network requests"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn draft_is_picked_by_dollar_schema() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\nweight: 5\n---\n");
    // Draft 4: a boolean exclusiveMaximum modifies maximum; in 2020-12 it would be invalid.
    write(
        dir.path(),
        "d4.json",
        r#"{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"weight": {"maximum": 5, "exclusiveMaximum": true}}}"#,
    );
    let out = run_in(
        dir.path(),
        &["--format", "json", "--schema", "d4.json", "a.md"],
    );
    assert_eq!(rules(&out), ["schema/exclusiveMaximum"], "{}", stderr(&out));
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let run = |threads: &str| {
        frontlint()
            .args(["--format", "json", "-j", threads, "fixtures/demo-site"])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn demo_site_defects_are_each_found() {
    let out = frontlint()
        .args(["--format", "json", "fixtures/demo-site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diags = json(&out);
    let found = |file: &str, rule: &str| {
        diags
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with(file) && d["rule"] == rule)
    };
    for (file, rule) in [
        ("defects/missing.md", "syntax/missing"),
        ("defects/unterminated.md", "syntax/unterminated"),
        ("defects/parse-error.md", "syntax/parse-error"),
        ("defects/duplicate-key.md", "syntax/duplicate-key"),
        ("defects/not-a-mapping.md", "syntax/not-a-mapping"),
        ("defects/empty.md", "syntax/empty"),
        ("defects/encoding.md", "syntax/encoding"),
        ("defects/ambiguous-scalar.md", "yaml/ambiguous-scalar"),
        ("defects/unindented-flow.md", "yaml/unindented-flow"),
        ("defects/schema-errors.md", "schema/type"),
        ("defects/schema-errors.md", "schema/enum"),
        ("defects/schema-errors.md", "schema/format"),
        ("defects/schema-errors.md", "date/invalid"),
        ("defects/dates.md", "date/nonstandard"),
        ("defects/dates.md", "date/order"),
        ("defects/dates.md", "date/expired"),
        ("defects/future-date.md", "date/future"),
        ("news/2025/03/wrong-folder.md", "date/filename-mismatch"),
        ("defects/suppressions.md", "suppression/unused"),
        ("defects/summary-taxonomy.md", "summary/mismatch"),
        ("defects/summary-taxonomy.md", "summary/markup"),
        ("defects/summary-taxonomy.md", "taxonomy/duplicate"),
        // No `taxonomy/not-a-list`: the demo is a Hugo site (hugo.toml), and Hugo reads
        // `categories: 观点` as the one term `观点` (proven with Hugo 0.168 on
        // fixtures/sites/hugo-taxonomy, see src/site/hugo/load.rs).
        ("defects/summary-taxonomy.md", "lang/invalid"),
        ("defects/links.md", "link/broken-anchor"),
        ("defects/links.md", "link/broken-relative"),
        ("defects/links.md", "link/empty"),
        ("defects/links.md", "link/invalid-url"),
        ("defects/links.md", "thumbnail/insecure"),
        ("defects/links.md", "thumbnail/invalid-url"),
        ("defects/links.md", "thumbnail/missing-file"),
        ("defects/links.md", "thumbnail/not-image"),
        ("defects/schema-errors.md", "schema/additionalProperties"),
        ("defects/schema-errors.md", "schema/minimum"),
        ("defects/schema-required.md", "schema/required"),
    ] {
        assert!(found(file, rule), "{rule} not reported in {file}");
    }
    // The suppressed findings are gone; only the unused suppression is reported there.
    let suppressed: Vec<&str> = diags
        .iter()
        .filter(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("defects/suppressions.md")
        })
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(suppressed, ["suppression/unused"]);
    let clean = [
        "news/2025/02/ai-three-observations.md",
        "posts/hello-world.md",
        "posts/toml-post.md",
        "posts/json-post.md",
    ];
    for file in clean {
        assert!(
            !diags
                .iter()
                .any(|d| d["path"].as_str().unwrap().ends_with(file)),
            "{file} should be clean"
        );
    }
    assert!(
        !diags
            .iter()
            .any(|d| d["path"].as_str().unwrap().contains("archetypes"))
    );
}
