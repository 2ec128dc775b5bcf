//! Every output format over `fixtures/demo-site`: snapshots, and SARIF validated against the
//! official SARIF 2.1.0 schema.

mod common;

use common::{frontlint, run_in, stderr, stdout};

fn run(args: &[&str]) -> std::process::Output {
    frontlint()
        .args(args)
        .arg("fixtures/demo-site")
        .output()
        .unwrap()
}

/// SARIF names the current folder as `%SRCROOT%`: replace it so snapshots are portable.
fn portable(s: String) -> String {
    let cwd = std::env::current_dir().unwrap().display().to_string();
    s.replace(&cwd, "[CWD]")
}

#[test]
fn github_snapshot() {
    let out = run(&["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(stdout(&run(&["--format", "junit"])));
}

#[test]
fn json_lines_snapshot_matches_json() {
    let lines = stdout(&run(&["--format", "json-lines"]));
    let array: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&run(&["--format", "json"]))).unwrap();
    let parsed: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed, array);
    insta::assert_snapshot!(lines);
}

#[test]
fn statistics_snapshot() {
    insta::assert_snapshot!(stdout(&run(&["--statistics"])));
}

#[test]
fn sarif_snapshot_and_schema() {
    let out = run(&["--format", "sarif"]);
    let text = stdout(&out);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The official schema's `run.language` pattern has a stray `]` that the regex engine
    // behind `format: regex` rejects; escaping it keeps the pattern's meaning (a literal `]`).
    let schema_text = include_str!("data/sarif-2.1.0-rtm.5.json")
        .replace(r#"[a-zA-Z]{2}]?$"#, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does check: a log without `version` is rejected.
    let mut broken = log.clone();
    broken.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&broken));
    // Every rule is described, and results point into relative paths.
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), frontlint::rules::RULES.len());
    let result = &run["results"][0];
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], result["ruleId"]);
    insta::assert_snapshot!(portable(text));
}

#[test]
fn sarif_char_offsets_count_code_points() {
    let dir = tempfile::TempDir::new().unwrap();
    common::write(dir.path(), "a.md", "---\r\n标题: 一\r\n标题: 二\r\n---\r\n");
    let out = run_in(dir.path(), &["--format", "sarif", "a.md"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 1);
    assert_eq!(region["endColumn"], 3);
    // `---\r\n标题: 一\r\n` is 5 + 7 code points.
    assert_eq!(region["charOffset"], 12);
    assert_eq!(region["charLength"], 2);
}

#[test]
fn output_file_gets_the_report_and_stderr_the_summary() {
    let dir = tempfile::TempDir::new().unwrap();
    let report = dir.path().join("report.json");
    let out = frontlint()
        .args(["--format", "json", "--output-file"])
        .arg(&report)
        .arg("fixtures/demo-site")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).starts_with("Found "), "{}", stderr(&out));
    let written: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(written.len() > 10);
}

#[test]
fn output_format_from_config() {
    let dir = tempfile::TempDir::new().unwrap();
    common::write(dir.path(), "frontlint.toml", "output-format = \"github\"\n");
    common::write(dir.path(), "a.md", "---\na: 1\na: 2\n---\n");
    let out = run_in(dir.path(), &["a.md"]);
    assert!(
        stdout(&out).starts_with("::error file=a.md,line=3,col=1,"),
        "{}",
        stdout(&out)
    );
}
