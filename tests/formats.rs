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
    insta::assert_snapshot!(stdout(&run(&["--statistics", "--no-cache"])));
}

/// `--statistics --format json` says what the list says: per rule and severity, the number of
/// diagnostics, of files, and of fixable diagnostics; the summary line has the same totals.
#[test]
fn statistics_agree_with_the_list_and_the_summary() {
    use std::collections::{BTreeMap, BTreeSet};
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&run(&["--format", "json", "--no-cache"]))).unwrap();
    let mut expected: BTreeMap<(String, String), (u64, BTreeSet<String>)> = BTreeMap::new();
    for d in &list {
        let key = (d["rule"].to_string(), d["severity"].to_string());
        let e = expected.entry(key).or_default();
        e.0 += 1;
        e.1.insert(d["path"].to_string());
    }
    for cached in [false, true] {
        let mut args = vec!["--statistics", "--format", "json"];
        if !cached {
            args.push("--no-cache");
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1));
        let stats: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
        let got: BTreeMap<(String, String), (u64, usize)> = stats
            .iter()
            .map(|r| {
                let key = (r["rule"].to_string(), r["severity"].to_string());
                (
                    key,
                    (
                        r["count"].as_u64().unwrap(),
                        r["files"].as_u64().unwrap() as usize,
                    ),
                )
            })
            .collect();
        let want: BTreeMap<(String, String), (u64, usize)> = expected
            .iter()
            .map(|(k, (n, files))| (k.clone(), (*n, files.len())))
            .collect();
        assert_eq!(got, want, "cached: {cached}");
        // Sorted by count, most frequent first.
        let counts: Vec<u64> = stats.iter().map(|r| r["count"].as_u64().unwrap()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
        let sum = |key: &str| -> u64 { stats.iter().map(|r| r[key].as_u64().unwrap()).sum() };
        let errors: u64 = stats
            .iter()
            .filter(|r| r["severity"] == "error")
            .map(|r| r["count"].as_u64().unwrap())
            .sum();
        // The YAML 1.1 scalar fixes are unsafe: the demo site pins no Hugo version, so which YAML
        // its Hugo reads is not known.
        assert_eq!((errors, sum("fixable"), sum("unsafe_fixable")), (28, 3, 4));
        assert!(
            stderr(&out).starts_with(&format!(
                "Found {errors} errors and {} warnings in 18 files (23 files checked in ",
                sum("count") - errors
            )),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).ends_with("; 3 fixable with `--fix` (4 more with `--unsafe-fixes`).\n"),
            "{}",
            stderr(&out)
        );
    }
}

/// The official SARIF 2.1.0 schema, with formats checked.
fn sarif_validator() -> jsonschema::Validator {
    // The official schema's `run.language` pattern has a stray `]` that the regex engine
    // behind `format: regex` rejects; escaping it keeps the pattern's meaning (a literal `]`).
    let schema_text = include_str!("data/sarif-2.1.0-rtm.5.json")
        .replace(r#"[a-zA-Z]{2}]?$"#, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn sarif_errors(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_snapshot_and_schema() {
    let out = run(&["--format", "sarif"]);
    let text = stdout(&out);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = sarif_validator();
    let errors = sarif_errors(&validator, &log);
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

#[cfg(unix)]
#[test]
fn sarif_artifact_uris_are_relative_references() {
    // `https:evil.example.md` is a legal file name; as a URI it would be absolute (scheme
    // `https`), and code-scanning viewers would link to it. A newline and a bidi override in
    // a name are percent-encoded like any other byte.
    let dir = tempfile::TempDir::new().unwrap();
    let names = [
        "https:evil.example.md",
        "javascript:alert(1).md",
        "sub:dir/a:b.md",
        "x\n::error::y\u{202e}.md",
    ];
    for name in names {
        common::write(dir.path(), name, "---\na: 1\na: 2\n---\n");
    }
    let out = run_in(dir.path(), &["--format", "sarif", "--no-cache", "."]);
    let text = stdout(&out);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors = sarif_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "{errors:#?}");
    let base = url::Url::parse("file:///srcroot/").unwrap();
    let mut uris: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(loc["uriBaseId"], "%SRCROOT%");
            loc["uri"].as_str().unwrap().to_string()
        })
        .collect();
    uris.sort();
    for uri in &uris {
        assert_eq!(
            url::Url::parse(uri),
            Err(url::ParseError::RelativeUrlWithoutBase),
            "`{uri}` is not a relative reference"
        );
        assert!(uri.is_ascii() && !uri.starts_with("//"), "{uri}");
        // Resolved against the source root, each names its file.
        let resolved = base.join(uri).unwrap();
        assert_eq!(resolved.scheme(), "file");
        let path = resolved.to_file_path().unwrap();
        let name = path.strip_prefix("/srcroot").unwrap();
        assert!(
            names.iter().any(|n| std::path::Path::new(n) == name),
            "{uri} resolves to {}",
            path.display()
        );
    }
    assert_eq!(uris[0], "https%3Aevil.example.md");
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
