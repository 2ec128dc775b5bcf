//! Bad input gets a diagnostic, never a panic, and the run goes on with the other files.

mod common;

use common::{json, run_in, stderr, write};
use tempfile::TempDir;

/// Lint a folder holding `name` with `content` plus one clean file; return (name's rules, exit code).
fn lint_one(name: &str, content: &[u8]) -> (Vec<String>, Option<i32>) {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, content);
    write(dir.path(), "zz-clean.md", "---\ntitle: ok\n---\n");
    let out = run_in(dir.path(), &["--format", "json", "."]);
    let diags = json(&out);
    assert!(
        diags.iter().all(|d| d["path"] != "zz-clean.md"),
        "the clean file must stay clean"
    );
    assert!(
        stderr(&out).contains("2 files checked"),
        "the run must go on: {}",
        stderr(&out)
    );
    let rules = diags
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    (rules, out.status.code())
}

#[test]
fn invalid_utf8_in_a_cjk_title() {
    let mut bytes = "---\ntitle: \"中文".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xe4, 0xb8]); // a truncated 3-byte character
    bytes.extend_from_slice("标题\"\n---\n".as_bytes());
    let dir = TempDir::new().unwrap();
    write(dir.path(), "bad.md", &bytes);
    let out = run_in(dir.path(), &["--format", "json", "bad.md"]);
    let d = &json(&out)[0];
    assert_eq!(d["rule"], "syntax/encoding");
    assert_eq!(d["message"], "invalid UTF-8 at byte 18");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(11))
    );
}

#[test]
fn utf16_is_named() {
    let mut bytes = vec![0xFF, 0xFE];
    for c in "---\r\ntitle: x\r\n---\r\n".encode_utf16() {
        bytes.extend_from_slice(&c.to_le_bytes());
    }
    let (rules, code) = lint_one("u16.md", &bytes);
    assert_eq!(rules, ["syntax/encoding"]);
    assert_eq!(code, Some(1));
}

#[test]
fn fifty_megabyte_file_is_linted() {
    let mut content = b"---\ntitle: big\n---\n".to_vec();
    content.extend(std::iter::repeat_n(b'x', 50 << 20));
    let (rules, code) = lint_one("big.md", &content);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn huge_header_is_refused_with_a_limit_diagnostic() {
    let mut content = b"---\ntitle: \"".to_vec();
    content.extend(std::iter::repeat_n(b'a', 5 << 20));
    content.extend_from_slice(b"\"\n---\n");
    let (rules, _) = lint_one("huge.md", &content);
    assert_eq!(rules, ["syntax/limit"]);
}

#[test]
fn alias_bomb_is_a_limit_diagnostic() {
    let mut text = String::from("---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str("---\n");
    let (rules, _) = lint_one("bomb.md", text.as_bytes());
    assert_eq!(rules, ["syntax/limit"]);
}

#[test]
fn ten_thousand_deep_nesting() {
    let mut block = String::from("---\n");
    for i in 0..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    block.push_str("---\n");
    let (rules, _) = lint_one("block.md", block.as_bytes());
    assert_eq!(rules, ["syntax/limit"]);
    let flow = format!(
        "---\nk: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (rules, _) = lint_one("flow.md", flow.as_bytes());
    assert_eq!(rules, ["syntax/parse-error"]);
    let toml = format!(
        "+++\nk = {}{}\n+++\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (rules, _) = lint_one("toml.md", toml.as_bytes());
    assert_eq!(rules, ["syntax/limit"]);
}

#[test]
fn nul_bytes_do_not_crash() {
    let (rules, _) = lint_one("nul.md", b"---\ntitle: a\0b\n---\n\0");
    assert_eq!(rules, ["syntax/parse-error"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_dangling_link_are_reported_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "content/ok.md", "---\ntitle: ok\n---\n");
    std::os::unix::fs::symlink("..", dir.path().join("content/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("content/dangling.md")).unwrap();
    let out = run_in(dir.path(), &["--format", "json", "content"]);
    let diags = json(&out);
    let unreadable: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "file/unreadable")
        .collect();
    assert_eq!(unreadable.len(), 2, "{diags:?}");
    assert!(
        unreadable
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("symlink loop"))
    );
    assert!(!diags.iter().any(|d| d["path"] == "content/ok.md"));
}

#[cfg(unix)]
#[test]
fn fifo_and_folder_named_md_do_not_block() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "ok.md", "---\ntitle: ok\n---\n");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::create_dir(dir.path().join("x.md")).unwrap();
    let out = run_in(dir.path(), &["--format", "json", "pipe.md", "ok.md"]);
    let diags = json(&out);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["rule"], "file/unreadable");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file")
    );
    // Walking the folder skips the FIFO's siblings' folder `x.md` (a folder) without error.
    let out = run_in(dir.path(), &["--format", "json", "."]);
    assert!(json(&out).iter().all(|d| d["path"] != "x.md"));
}

#[cfg(unix)]
#[test]
fn permission_denied_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "secret.md", "---\ntitle: x\n---\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not apply, so there is nothing to observe.
        eprintln!("skipped: this user can read a mode-000 file");
        return;
    }
    let out = run_in(dir.path(), &["--format", "json", "secret.md"]);
    let d = &json(&out)[0];
    assert_eq!(d["rule"], "file/unreadable");
    assert!(d["message"].as_str().unwrap().contains("permission denied"));
}

#[test]
fn missing_path_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let out = run_in(dir.path(), &["--format", "json", "nope.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: `nope.md` does not exist\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn hundred_thousand_deep_flow_nesting() {
    let flow = format!(
        "---\nk: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (rules, _) = lint_one("flow.md", flow.as_bytes());
    assert_eq!(rules, ["syntax/parse-error"]);
}

#[test]
fn hundred_megabyte_single_line_header() {
    let mut content = b"---\ntitle: \"".to_vec();
    content.extend(std::iter::repeat_n(b'x', 100 << 20));
    content.extend_from_slice(b"\"\n---\nbody\n");
    let (rules, _) = lint_one("huge-line.md", &content);
    assert_eq!(rules, ["syntax/limit"]);
}

#[test]
fn a_million_keys() {
    let mut text = String::from("---\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("k{i}: {i}\n"));
    }
    text.push_str("---\n");
    let (rules, _) = lint_one("keys.md", text.as_bytes());
    assert_eq!(rules, ["syntax/limit"]);
}

#[test]
fn a_file_deleted_between_the_walk_and_the_read() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "gone.md", "---\ntitle: x\n---\n");
    let settings = std::sync::Arc::new(frontlint::lint::Settings::default());
    let work = [frontlint::run::Work {
        display: "gone.md".into(),
        abs: path.clone(),
        settings: Some(settings),
        error: None,
    }];
    std::fs::remove_file(&path).unwrap();
    let reports = frontlint::run::lint_all(&work, None).reports;
    assert_eq!(reports.len(), 1);
    let d = &reports[0].as_ref().unwrap().diagnostics[0].diagnostic;
    assert_eq!(d.rule, "file/unreadable");
    assert!(d.message.contains("no such file"), "{}", d.message);
}

#[test]
fn thread_counts_outside_one_to_512_are_usage_errors() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ntitle: a\n---\n");
    for n in ["0", "513", "100000"] {
        let out = run_in(dir.path(), &["-j", n, "a.md"]);
        assert_eq!(out.status.code(), Some(2), "-j {n}");
        assert!(stderr(&out).contains("1..=512"), "-j {n}: {}", stderr(&out));
    }
    let out = run_in(dir.path(), &["-j", "512", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_panic_outside_a_file_is_a_message_and_exit_code_2() {
    let dir = TempDir::new().unwrap();
    let out = common::frontlint()
        .env("FRONTLINT_TEST_PANIC", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: frontlint failed: a test asked for a panic"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_target_past_the_size_limit_is_not_read_for_anchors() {
    // A 257 MiB (sparse) page: linting it is refused, and so is reading it for anchors.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ntitle: 甲\n---\n[乙](b.md#标题)\n");
    std::fs::File::create(dir.path().join("b.md"))
        .unwrap()
        .set_len((257 << 20) as u64)
        .unwrap();
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "."]);
    let found: Vec<(String, String)> = json(&out)
        .iter()
        .map(|d| (d["path"].to_string(), d["rule"].to_string()))
        .collect();
    assert_eq!(
        found,
        [("\"b.md\"".to_string(), "\"file/too-large\"".to_string())]
    );
}
