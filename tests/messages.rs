//! Every message a user can see from the libraries frontlint uses, in frontlint's words,
//! keeping the position: config (TOML and serde), schemas (JSON Schema and its meta-schema,
//! a YAML file given as a schema), `--now`, and the "did you mean" of unknown keys, values,
//! rule ids and selectors. One snapshot per message, reviewed by hand.

mod common;

use tempfile::TempDir;

/// Run frontlint in a folder holding `files`; the exit code, standard output and standard
/// error, with the folder shown as `[ROOT]` and the run time as `[TIME]`.
fn run(files: &[(&str, &str)], args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (path, text) in files {
        common::write(&root, path, text);
    }
    let out = common::frontlint()
        .args(["--no-cache"])
        .args(args)
        .current_dir(&root)
        .output()
        .unwrap();
    let clean =
        |b: &[u8]| String::from_utf8_lossy(b).replace(&root.display().to_string(), "[ROOT]");
    let stderr = clean(&out.stderr);
    // The summary line's time.
    let stderr: String = stderr
        .lines()
        .map(|l| match l.rfind(" checked in ") {
            Some(i) => {
                let rest = &l[i + 12..];
                let end = rest.find('s').map_or(0, |e| e + 1);
                format!("{} checked in [TIME]{}\n", &l[..i], &rest[end..])
            }
            None => format!("{l}\n"),
        })
        .collect();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        clean(&out.stdout),
        stderr
    )
}

const PAGE: &str = "---\ntitle: 标题\ndate: 2025-02-10\n---\n正文。\n";

/// A config error: the message and the snippet pointing at the place.
fn config(name: &str, toml: &str) -> String {
    let out = run(&[("frontlint.toml", toml), ("a.md", PAGE)], &["a.md"]);
    assert!(out.starts_with("exit: 2\n"), "{name}: {out}");
    out
}

macro_rules! config_message {
    ($name:ident, $toml:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(config(stringify!($name), $toml));
        }
    };
}

config_message!(
    config_unknown_severity,
    "[rules]\n\"date/future\" = \"of\"\n"
);
config_message!(config_string_for_a_list, "exclude = \"drafts\"\n");
config_message!(config_unquoted_rule_id, "[rules]\ndate/future = \"off\"\n");
config_message!(config_unknown_key_close, "exlude = [\"drafts\"]\n");
config_message!(config_unknown_key_far, "colour = \"red\"\n");
config_message!(config_unknown_key_in_site, "[site]\ngenrator = \"hugo\"\n");
config_message!(config_unknown_key_in_i18n, "[i18n]\nrequires = [\"de\"]\n");
config_message!(
    config_unknown_key_in_override,
    "[[overrides]]\nfile = [\"content/news/**\"]\n"
);
config_message!(config_unknown_output_format, "output-format = \"ful\"\n");
config_message!(
    config_severity_not_a_string,
    "[rules]\n\"date/future\" = 1\n"
);
config_message!(config_unquoted_severity, "[rules]\n\"date/future\" = off\n");
config_message!(config_bare_yes, "allow-empty = yes\n");
config_message!(
    config_override_without_files,
    "[[overrides]]\nschema = \"news.json\"\n"
);
config_message!(
    config_override_single_brackets,
    "[overrides.rules]\n\"date/future\" = \"off\"\n"
);
config_message!(config_negative_number, "[summary]\nmin = -1\n");
config_message!(config_number_for_a_table, "summary = 20\n");
config_message!(
    config_duplicate_key,
    "schema = \"a.json\"\nschema = \"b.json\"\n"
);
config_message!(config_toml_syntax, "include = [\"content/**/*.md\"\n");
config_message!(
    config_unknown_rule_id,
    "[rules]\n\"syntax/duplicate-keys\" = \"off\"\n"
);
config_message!(config_unknown_group, "[rules]\ndat = \"off\"\n");
config_message!(config_unknown_generator, "[site]\ngenerator = \"hugoo\"\n");
config_message!(
    config_unknown_time_zone,
    "[dates]\ntimezone = \"Asia/Shangai\"\n"
);
config_message!(config_number_in_a_list, "extensions = [\"md\", 3]\n");

/// A schema problem, or a page checked against a schema, in the `full` format.
fn schema(schema: &str, page: &str) -> String {
    run(
        &[("schema.json", schema), ("a.md", page)],
        &["--format", "full", "--schema", "schema.json", "a.md"],
    )
}

#[test]
fn schema_any_of_by_type() {
    insta::assert_snapshot!(schema(
        r#"{"properties": {"meta": {"anyOf": [{"type": "object"}, {"type": "array"}]}}}"#,
        "---\nmeta: objekt\n---\n"
    ));
}

#[test]
fn schema_any_of_closest_alternative() {
    insta::assert_snapshot!(schema(
        r#"{"properties": {"tags": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string", "pattern": "^[a-z]+$"}]}}}"#,
        "---\ntags: 标签\n---\n"
    ));
}

#[test]
fn schema_one_of_closest_alternative_with_a_suggestion() {
    insta::assert_snapshot!(schema(
        r#"{"properties": {"layout": {"oneOf": [{"type": "object", "required": ["name"]}, {"enum": ["post", "page"]}]}}}"#,
        "---\nlayout: pots\n---\n"
    ));
}

#[test]
fn schema_other_keywords() {
    insta::assert_snapshot!(schema(
        r#"{"properties": {
            "x": {"not": {"type": "string"}},
            "n": {"multipleOf": 5, "exclusiveMinimum": 10},
            "m": {"minProperties": 2},
            "never": false,
            "l": {"contains": {"type": "integer"}},
            "k": {"propertyNames": {"pattern": "^[a-z]+$"}},
            "kind": {"enum": ["post", "page"]}
        }}"#,
        "---\nx: 文字\nn: 7\nm: {a: 1}\nnever: 1\nl: [a, b]\nk: {Bad: 1}\nkind: pots\n---\n"
    ));
}

#[test]
fn schema_invalid_against_its_meta_schema() {
    insta::assert_snapshot!(schema(
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"title\": {\"type\": \"strin\"}\n  }\n}\n",
        PAGE
    ));
}

#[test]
fn schema_invalid_keyword_value() {
    insta::assert_snapshot!(schema(
        "{\"properties\": {\"title\": {\"minLength\": -1}}}\n",
        PAGE
    ));
}

#[test]
fn schema_in_yaml() {
    insta::assert_snapshot!(run(
        &[
            (
                "schema.yaml",
                "type: object\nproperties:\n  title:\n    type: string\n"
            ),
            ("a.md", PAGE)
        ],
        &["--schema", "schema.yaml", "a.md"],
    ));
}

#[test]
fn schema_json_cut_short() {
    insta::assert_snapshot!(schema("{\"properties\": {\"title\": {}}\n", PAGE));
}

#[test]
fn schema_json_trailing_comma() {
    insta::assert_snapshot!(schema("{\"properties\": {\"title\": {},}}\n", PAGE));
}

#[test]
fn now_not_a_date() {
    insta::assert_snapshot!(run(&[("a.md", PAGE)], &["--now", "yesterday", "a.md"]));
}

#[test]
fn now_impossible_date() {
    insta::assert_snapshot!(run(&[("a.md", PAGE)], &["--now", "2026-02-30", "a.md"]));
}

#[test]
fn select_and_ignore_suggest() {
    let select = run(&[("a.md", PAGE)], &["--select", "dat", "a.md"]);
    let ignore = run(&[("a.md", PAGE)], &["--ignore", "date/futur", "a.md"]);
    insta::assert_snapshot!(format!("{select}\n{ignore}"));
}

#[test]
fn config_file_that_cannot_be_read() {
    insta::assert_snapshot!(run(&[("a.md", PAGE)], &["--config", "nope.toml", "a.md"]));
}

/// System errors without Rust's `(os error N)`.
#[test]
fn report_that_cannot_be_written() {
    let out = run(
        &[("a.md", PAGE)],
        &["--output-file", "no/such/folder/r.txt", "a.md"],
    );
    assert!(!out.contains("os error"), "{out}");
    insta::assert_snapshot!(out);
}
