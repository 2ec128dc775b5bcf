//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use assert_cmd::Command;
use std::path::Path;

/// The frontlint binary with a fixed environment: no colors, a fixed width, and a fixed "now"
/// for the date rules.
pub fn frontlint() -> Command {
    let mut cmd = Command::cargo_bin("frontlint").expect("binary built");
    cmd.env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .arg("--color")
        .arg("never");
    cmd
}

/// Run frontlint with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    frontlint().args(args).current_dir(dir).output().unwrap()
}

pub fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, content).unwrap();
    path
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// Parse `--format json` output.
pub fn json(out: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&out.stdout).expect("JSON array on stdout")
}

/// The `rule` of every diagnostic in JSON output.
pub fn rules(out: &std::process::Output) -> Vec<String> {
    json(out)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// `(rule, line, message)` of every diagnostic in JSON output.
pub fn findings(out: &std::process::Output) -> Vec<(String, u64, String)> {
    json(out)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The rule ids of `(rule, …)` triples.
pub fn rule_ids<A, B>(found: &[(String, A, B)]) -> Vec<&str> {
    found.iter().map(|f| f.0.as_str()).collect()
}
