//! Schema, `$ref` and config files that a repository names: a config file may only name files
//! inside its project (the repository, else its folder), every one is read as a regular file of
//! at most 16 MiB, never from /proc, /sys or /dev; the command line may name files anywhere.

mod common;

use std::time::Duration;

use common::{frontlint, stderr, stdout, write};
use tempfile::TempDir;

/// A schema that requires `secret`: when it is used, `a.md` gets `schema/required`.
const OUTER: &str = r#"{"type": "object", "required": ["secret"]}"#;

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    // Wide enough that no message is wrapped.
    frontlint()
        .env("COLUMNS", "1000")
        .args(["--format", "concise", "--no-cache"])
        .args(args)
        .current_dir(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

/// `parent/outer.json` next to `parent/site/` (a repository when `git`), which holds `a.md`.
fn layout(git: bool) -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "outer.json", OUTER);
    write(dir.path(), "site/a.md", "---\ntitle: a\n---\n");
    write(dir.path(), "site/schemas/inner.json", OUTER);
    if git {
        std::fs::create_dir_all(dir.path().join("site/.git")).unwrap();
    }
    dir
}

#[test]
fn a_config_may_only_name_schemas_inside_its_project() {
    for git in [false, true] {
        let dir = layout(git);
        let site = dir.path().join("site");
        let config = "schema = \"../outer.json\"\n";
        write(&site, "frontlint.toml", config);
        let out = run(&site, &["a.md"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("the schema `../outer.json` is outside the project"),
            "{err}"
        );
        assert!(err.contains("pass it with --schema"), "{err}");
        // The error points at the value in the config.
        assert!(err.contains("schema = \"../outer.json\""), "{err}");
        // The same in an override.
        write(
            &site,
            "frontlint.toml",
            "[[overrides]]\nfiles = [\"*.md\"]\nschema = \"../outer.json\"\n",
        );
        let out = run(&site, &["a.md"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        // Inside the project it is used; on the command line it may be anywhere.
        write(&site, "frontlint.toml", "schema = \"schemas/inner.json\"\n");
        let out = run(&site, &["a.md"]);
        assert!(stdout(&out).contains("schema/required"), "{}", stderr(&out));
        write(&site, "frontlint.toml", config);
        write(dir.path(), "empty.toml", "");
        let out = run(
            &site,
            &[
                "--config",
                "../empty.toml",
                "--schema",
                "../outer.json",
                "a.md",
            ],
        );
        assert!(stdout(&out).contains("schema/required"), "{}", stderr(&out));
    }
}

#[test]
fn the_repository_is_the_project_of_a_config_in_a_subfolder() {
    // parent/.git: the config in parent/site may name parent/outer.json.
    let dir = layout(false);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let site = dir.path().join("site");
    write(&site, "frontlint.toml", "schema = \"../outer.json\"\n");
    let out = run(&site, &["a.md"]);
    assert!(stdout(&out).contains("schema/required"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn refs_of_a_config_schema_stay_in_the_project_and_symlinks_do_not_help() {
    let dir = layout(true);
    let site = dir.path().join("site");
    write(&site, "schemas/s.json", r#"{"$ref": "../../outer.json"}"#);
    write(&site, "frontlint.toml", "schema = \"schemas/s.json\"\n");
    let out = run(&site, &["a.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot resolve a `$ref`"), "{err}");
    assert!(err.contains("is outside the project"), "{err}");
    // Through a symlink inside the project.
    std::os::unix::fs::symlink("../../outer.json", site.join("schemas/link.json")).unwrap();
    write(&site, "schemas/s.json", r#"{"$ref": "link.json"}"#);
    let out = run(&site, &["a.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("is outside the project"),
        "{}",
        stderr(&out)
    );
    write(&site, "frontlint.toml", "schema = \"schemas/link.json\"\n");
    let out = run(&site, &["a.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("is outside the project"),
        "{}",
        stderr(&out)
    );
    // A `$ref` inside the project is followed; a schema named on the command line may `$ref`
    // anything (but a system file).
    write(&site, "schemas/s.json", r#"{"$ref": "inner.json"}"#);
    write(&site, "frontlint.toml", "schema = \"schemas/s.json\"\n");
    let out = run(&site, &["a.md"]);
    assert!(stdout(&out).contains("schema/required"), "{}", stderr(&out));
    write(&site, "cli.json", r#"{"$ref": "../outer.json"}"#);
    let out = run(&site, &["--schema", "cli.json", "a.md"]);
    assert!(stdout(&out).contains("schema/required"), "{}", stderr(&out));
    write(&site, "cli.json", r#"{"$ref": "/proc/self/environ"}"#);
    let out = run(&site, &["--schema", "cli.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("frontlint never reads /proc"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn schemas_are_regular_files_of_at_most_16_mib() {
    let dir = layout(true);
    let site = dir.path().join("site");
    // 17 MiB (sparse): refused before it is read.
    let big = std::fs::File::create(site.join("big.json")).unwrap();
    big.set_len(17 << 20).unwrap();
    let out = run(&site, &["--schema", "big.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is 17825792 bytes, more than the 16 MiB frontlint reads"),
        "{}",
        stderr(&out)
    );
    // A FIFO would block the read forever; /dev/zero would never end.
    assert!(
        std::process::Command::new("mkfifo")
            .arg(site.join("fifo.json"))
            .status()
            .unwrap()
            .success()
    );
    let out = run(&site, &["--schema", "fifo.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let out = run(&site, &["--schema", "/dev/zero", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("`/dev/zero` is under /dev: frontlint never reads /proc, /sys or /dev"),
        "{}",
        stderr(&out)
    );
    // The same for a `$ref`.
    write(&site, "s.json", r#"{"$ref": "fifo.json"}"#);
    let out = run(&site, &["--schema", "s.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    write(&site, "s.json", r#"{"$ref": "big.json"}"#);
    let out = run(&site, &["--schema", "s.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("more than the 16 MiB"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_found_config_that_links_out_of_its_project_is_not_read() {
    let dir = layout(true);
    let site = dir.path().join("site");
    // Its text would reach the terminal in the parse error's snippet.
    write(dir.path(), "secrets.toml", "TOKEN = \"SECRET-VALUE\"\n");
    std::os::unix::fs::symlink("../secrets.toml", site.join("frontlint.toml")).unwrap();
    let out = run(&site, &["a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("SECRET"), "{err}");
    assert!(
        err.contains("the config file is a symbolic link to"),
        "{err}"
    );
    assert!(err.contains("name it with --config to use it"), "{err}");
    // Named on the command line it is read (and its unknown key reported).
    let out = run(&site, &["--config", "frontlint.toml", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown key `TOKEN`"),
        "{}",
        stderr(&out)
    );
    // A config under /proc is never read, even named.
    let out = run(&site, &["--config", "/proc/self/environ", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("frontlint never reads /proc"),
        "{}",
        stderr(&out)
    );
}
