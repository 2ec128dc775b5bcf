//! Snapshots of the rendered output over `fixtures/demo-site` (reviewed by hand: each
//! diagnostic points at the exact key or value, CJK and CRLF lines included).

mod common;

use common::frontlint;

fn run(format: &str) -> String {
    let out = frontlint()
        .args(["--format", format, "fixtures/demo-site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn demo_site_full() {
    insta::assert_snapshot!(run("full"));
}

#[test]
fn demo_site_concise() {
    insta::assert_snapshot!(run("concise"));
}

#[test]
fn demo_site_json() {
    insta::assert_snapshot!(run("json"));
}
