//! The result cache: same output on a second run, invalidated by edits to the file, to link
//! targets and to the config; corrupt caches ignored; `--no-cache` and `clean`.

mod common;

use common::{frontlint, stderr, stdout, write};
use tempfile::TempDir;

fn run(dir: &std::path::Path, extra: &[&str]) -> (String, String) {
    run_as(dir, "concise", extra)
}

fn run_as(dir: &std::path::Path, format: &str, extra: &[&str]) -> (String, String) {
    let out = frontlint()
        .args(["--format", format])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    (stdout(&out), stderr(&out))
}

/// Edit `content/a.md` of `site()` so that its duplicate key goes away while its size and
/// modification time stay: the cache cannot tell, so the report shows whether a.md was linted
/// again.
fn edit_a_keeping_size_and_time(root: &std::path::Path) {
    let path = root.join("content/a.md");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let old = std::fs::read_to_string(&path).unwrap();
    let new = old.replace("title: 标题\ntitle", "title: 标\n题title");
    assert_eq!(new.len(), old.len());
    std::fs::write(&path, &new).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
}

fn site() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "content/a.md",
        "---\ntitle: 标题\ntitle: 又一个\n---\nSee [b](b.md#安装).\n",
    );
    write(dir.path(), "content/b.md", "---\ntitle: b\n---\n## 安装\n");
    write(dir.path(), "content/c.md", "---\ntitle: c\n---\n");
    dir
}

#[test]
fn second_run_gives_the_same_report_from_the_cache() {
    let dir = site();
    let first = run(dir.path(), &[]);
    assert!(dir.path().join(".frontlint_cache/.gitignore").is_file());
    let second = run(dir.path(), &[]);
    assert_eq!(first.0, second.0);
    assert_eq!(
        first.0,
        "content/a.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
}

#[test]
fn edits_to_the_file_or_its_link_targets_invalidate() {
    let dir = site();
    run(dir.path(), &[]);
    // The anchor target changes: a.md's result depends on b.md.
    std::fs::write(
        dir.path().join("content/b.md"),
        "---\ntitle: b\n---\n## 安装指南 (renamed)\n",
    )
    .unwrap();
    let (out, _) = run(dir.path(), &[]);
    assert!(out.contains("link/broken-anchor"), "{out}");
    // The link target disappears.
    std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
    let (out, _) = run(dir.path(), &[]);
    assert!(out.contains("link/broken-relative"), "{out}");
    // The file itself changes (size differs).
    std::fs::write(dir.path().join("content/a.md"), "---\ntitle: fixed\n---\n").unwrap();
    let (out, _) = run(dir.path(), &[]);
    assert_eq!(out, "");
}

#[test]
fn config_changes_change_the_key() {
    let dir = site();
    run(dir.path(), &[]);
    write(
        dir.path(),
        "frontlint.toml",
        "[rules]\n\"syntax/duplicate-key\" = \"off\"\n",
    );
    let (out, _) = run(dir.path(), &[]);
    assert_eq!(out, "");
    let (out, _) = run(dir.path(), &["--select", "syntax/duplicate-key"]);
    assert!(out.contains("duplicate-key"));
}

#[test]
fn corrupt_cache_is_ignored_and_rewritten() {
    let dir = site();
    let first = run(dir.path(), &[]);
    let cache_dir = dir.path().join(".frontlint_cache");
    let file = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cache"))
        .unwrap();
    std::fs::write(&file, "frontlint-cache 1\nF\tcontent/a.md\tnot-a-number\n").unwrap();
    assert_eq!(run(dir.path(), &[]).0, first.0);
    assert!(std::fs::read(&file).unwrap().ends_with(b"\nend\n"));
}

#[test]
fn no_cache_and_clean() {
    let dir = site();
    run(dir.path(), &["--no-cache"]);
    assert!(!dir.path().join(".frontlint_cache").exists());
    run(dir.path(), &[]);
    assert!(dir.path().join(".frontlint_cache").exists());
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .arg("clean")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!dir.path().join(".frontlint_cache").exists());
}

#[test]
fn no_body_reads_only_the_header() {
    let dir = TempDir::new().unwrap();
    let mut big = String::from("---\ntitle: a\ntitle: b\n---\n");
    big.push_str(&"[broken](nowhere.md) 正文\n".repeat(2000));
    write(dir.path(), "a.md", &big);
    let (full, _) = run(dir.path(), &["--no-cache", "a.md"]);
    assert!(full.contains("link/broken-relative"));
    let (header, _) = run(dir.path(), &["--no-cache", "--no-body", "a.md"]);
    assert_eq!(
        header,
        "a.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
}

#[test]
fn no_body_with_headers_longer_than_the_first_read() {
    // Headers of 1 KiB to 8 KiB (CJK, CRLF) cross the first read of `--no-body`; the body after
    // them holds invalid UTF-8 and a broken link, which `--no-body` never sees.
    let dir = TempDir::new().unwrap();
    for (i, pad) in [300usize, 700, 1500, 2800].iter().enumerate() {
        let mut text = String::from("---\r\n");
        text.push_str(&format!("summary: \"{}\"\r\n", "长".repeat(*pad)));
        text.push_str("title: 甲\r\ntitle: 乙\r\n---\r\n[broken](nowhere.md)\r\n");
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(&[0xFF, 0xFE, b'\n']);
        std::fs::write(dir.path().join(format!("{i}.md")), bytes).unwrap();
    }
    let (out, _) = run(
        dir.path(),
        &["--no-cache", "--no-body", "--select", "syntax,link", "."],
    );
    assert_eq!(
        out,
        "0.md:4:1: error[syntax/duplicate-key] duplicate key `title`\n\
         1.md:4:1: error[syntax/duplicate-key] duplicate key `title`\n\
         2.md:4:1: error[syntax/duplicate-key] duplicate key `title`\n\
         3.md:4:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
}

#[test]
fn no_body_at_the_edge_of_the_first_read() {
    let dir = TempDir::new().unwrap();
    // No front matter, and a first line longer than the first read: the read ends inside a
    // CJK character, which is not an encoding error.
    write(dir.path(), "long-line.md", "长".repeat(700));
    // The first read ends with `...` at the start of a line that goes on (`...x: 1`): not the
    // closing line, so the header goes on to the real one.
    let text = format!(
        "---\na: {}\n...x: 1\nb: 1\nb: 2\n---\nbody\n",
        "y".repeat(2037)
    );
    assert_eq!(&text.as_bytes()[2045..2048], b"...");
    write(dir.path(), "edge.md", &text);
    let args = [
        "--no-cache",
        "--select",
        "syntax",
        "long-line.md",
        "edge.md",
    ];
    let (full, _) = run(dir.path(), &args);
    let (header, _) = run(dir.path(), &[&args[..], &["--no-body"]].concat());
    assert_eq!(header, full);
    assert!(
        full.starts_with("edge.md:5:1: error[syntax/duplicate-key]"),
        "{full}"
    );
    assert!(
        full.ends_with("long-line.md:1:1: warning[syntax/missing] the file has no front matter\n"),
        "{full}"
    );
}

#[test]
fn every_format_is_the_same_from_the_cache() {
    let dir = site();
    for format in [
        "full",
        "concise",
        "json",
        "json-lines",
        "github",
        "sarif",
        "junit",
    ] {
        let uncached = run_as(dir.path(), format, &["--no-cache"]);
        run_as(dir.path(), format, &[]);
        let cached = run_as(dir.path(), format, &[]);
        assert_eq!(cached.0, uncached.0, "{format}");
        assert!(cached.1.contains("3 files checked"), "{}", cached.1);
    }
}

#[test]
fn hits_without_source_in_the_report_do_not_read_the_file() {
    let dir = site();
    run(dir.path(), &[]);
    // Same size and modification time, other text: the cache cannot tell (that is the
    // contract), so the result shows where the file was read: concise takes the position
    // from the cache, full reads the file for its snippet.
    edit_a_keeping_size_and_time(dir.path());
    let (concise, _) = run(dir.path(), &[]);
    assert_eq!(
        concise,
        "content/a.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
    let (full, _) = run_as(dir.path(), "full", &[]);
    assert!(full.contains("题title"), "{full}");
}

#[test]
fn old_cache_files_are_pruned() {
    // Every option set (and every day, for the date rules) has its own cache file; only the
    // four most recent stay.
    let dir = site();
    let cache_files = || {
        std::fs::read_dir(dir.path().join(".frontlint_cache"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "cache")
            })
            .count()
    };
    for (i, select) in ["syntax", "link", "date", "summary", "yaml", "schema"]
        .iter()
        .enumerate()
    {
        run(dir.path(), &["--select", select]);
        assert_eq!(cache_files(), (i + 1).min(4), "after --select {select}");
    }
    // The most recent one is kept and still used: the report is the same from it.
    let (first, _) = run(dir.path(), &["--select", "syntax"]);
    let (again, _) = run(dir.path(), &["--select", "syntax"]);
    assert_eq!(first, again);
    assert_eq!(cache_files(), 4);
}
/// `frontlint clean` in `dir`.
fn clean(dir: &std::path::Path) -> std::process::Output {
    assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .arg("clean")
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The report with the cache and without it, in `dir`, with `args`.
fn cached_and_uncached(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let cached = run(dir, args).0;
    let uncached = run(dir, &[args, &["--no-cache"]].concat()).0;
    (cached, uncached)
}

#[test]
fn now_moving_within_a_day_flips_date_rules_from_the_cache_too() {
    // `date/future` until 12:00, `date/expired` from 18:00, all on one day: a result cached
    // at 11:00 must not be served at 13:00 or 19:00, nor one from 19:00 at 11:00.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "content/a.md",
        "---\r\ntitle: 标题\r\ndate: 2026-11-28T12:00:00Z\r\nexpiryDate: 2026-11-28T18:00:00+00:00\r\n---\r\n正文\r\n",
    );
    let mut seen = Vec::new();
    for now in [
        "2026-11-28T11:00:00Z",
        "2026-11-28T11:59:59Z",
        "2026-11-28T12:00:00Z",
        "2026-11-28T13:00:00Z",
        "2026-11-28T18:00:00Z",
        "2026-11-28T19:00:00Z",
        "2026-11-28T11:00:00Z",
        "2026-11-28T17:59:59.999Z",
    ] {
        let (cached, uncached) = cached_and_uncached(dir.path(), &["--now", now]);
        assert_eq!(cached, uncached, "at {now}");
        seen.push(uncached);
    }
    assert!(seen[0].contains("date/future") && seen[1].contains("date/future"));
    assert!(!seen[2].contains("date/future") && !seen[3].contains("date/"));
    assert!(seen[4].contains("date/expired") && seen[5].contains("date/expired"));
    assert!(seen[6].contains("date/future") && !seen[7].contains("date/"));
}

#[test]
fn a_schema_file_read_through_ref_is_part_of_the_key() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "schema = \"schema.json\"\n");
    write(
        dir.path(),
        "schema.json",
        r#"{"type": "object", "properties": {"title": {"$ref": "defs/title.json"}}}"#,
    );
    write(dir.path(), "defs/title.json", r#"{"type": "string"}"#);
    write(dir.path(), "content/a.md", "---\ntitle: 标题很长\n---\n");
    let (cached, uncached) = cached_and_uncached(dir.path(), &[]);
    assert_eq!((cached.as_str(), uncached.as_str()), ("", ""));
    write(
        dir.path(),
        "defs/title.json",
        r#"{"type": "string", "maxLength": 2}"#,
    );
    let (cached, uncached) = cached_and_uncached(dir.path(), &[]);
    assert_eq!(cached, uncached);
    assert!(uncached.contains("schema/maxLength"), "{uncached}");
}

#[test]
fn runs_from_another_folder_share_the_cache_and_agree_with_no_cache() {
    // Keys and dependencies are relative to the site root, not to the current folder; a link
    // to a sibling of a file in the current folder depends on that folder (its path relative
    // to the current folder is empty: it used to be recorded as "", which never changes).
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "frontlint.toml", "schema = \"schema.json\"\n");
    write(
        root,
        "schema.json",
        r#"{"type": "object", "properties": {"draft": {"type": "boolean"}}}"#,
    );
    write(
        root,
        "content/2025/03/a.md",
        "---\r\ntitle: 甲\r\ndraft: 'no'\r\ndate: 2025-02-01\r\n---\r\n[乙](b.md) [丙](../../c.md)\r\n",
    );
    write(root, "content/2025/03/b.md", "---\ntitle: 乙\n---\n");
    write(root, "content/c.md", "---\ntitle: 丙\n---\n");
    let month = root.join("content/2025/03");
    let content = root.join("content");
    let check = |step: &str| {
        for (cwd, args) in [
            (root, &["content"][..]),
            (month.as_path(), &["a.md", "b.md"][..]),
            (content.as_path(), &["."][..]),
        ] {
            let (cached, uncached) = cached_and_uncached(cwd, args);
            assert_eq!(cached, uncached, "{step}, from {}", cwd.display());
        }
    };
    check("first runs");
    let (out, _) = run(&month, &["a.md"]);
    assert!(out.contains("date/filename-mismatch"), "{out}");
    assert!(out.contains("schema/type"), "{out}");
    std::fs::remove_file(month.join("b.md")).unwrap();
    check("b.md removed");
    std::fs::remove_file(content.join("c.md")).unwrap();
    check("c.md removed");
    let (out, _) = run(&month, &["a.md"]);
    assert_eq!(out.matches("link/broken-relative").count(), 2, "{out}");
}

#[test]
fn a_damaged_record_is_linted_again() {
    let dir = site();
    let (first, _) = run(dir.path(), &[]);
    let file = std::fs::read_dir(dir.path().join(".frontlint_cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cache"))
        .unwrap();
    // Change the cached message of a.md, keeping every length: only a checksum can tell.
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes
        .windows(13)
        .position(|w| w == b"duplicate key")
        .unwrap();
    bytes[at..at + 13].copy_from_slice(b"DUPLICATE KEY");
    std::fs::write(&file, &bytes).unwrap();
    let (again, _) = run(dir.path(), &[]);
    assert_eq!(again, first);
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_is_a_symlink_is_not_used_and_not_cleaned() {
    let dir = site();
    let elsewhere = TempDir::new().unwrap();
    write(elsewhere.path(), "keep.txt", "not frontlint's");
    write(elsewhere.path(), "old.cache", "not frontlint's either");
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".frontlint_cache")).unwrap();
    let (uncached, _) = run(dir.path(), &["--no-cache"]);
    for _ in 0..2 {
        let (out, err) = run(dir.path(), &[]);
        assert_eq!(out, uncached);
        assert_eq!(err.matches("warning:").count(), 1, "{err}");
        assert!(err.contains("symbolic link"), "{err}");
    }
    let mut names: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["keep.txt", "old.cache"],
        "nothing written or pruned there"
    );
    let out = clean(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(elsewhere.path().join("keep.txt").is_file());
    assert!(dir.path().join(".frontlint_cache").is_symlink());
}

#[cfg(unix)]
#[test]
fn a_cache_folder_owned_by_someone_else_is_not_used() {
    let dir = site();
    let cache = dir.path().join(".frontlint_cache");
    std::fs::create_dir(&cache).unwrap();
    if std::os::unix::fs::chown(&cache, Some(54_321), None).is_err() {
        eprintln!("skipped: this user cannot give a folder away");
        return;
    }
    let (uncached, _) = run(dir.path(), &["--no-cache"]);
    let (out, err) = run(dir.path(), &[]);
    assert_eq!(out, uncached);
    assert!(err.contains("owned by another user"), "{err}");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
    let out = clean(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(cache.is_dir());
}

#[cfg(unix)]
#[test]
fn rotation_never_follows_a_symlink_inside_the_cache_folder() {
    let dir = site();
    let elsewhere = TempDir::new().unwrap();
    let target = write(elsewhere.path(), "precious.cache", "keep me");
    run(dir.path(), &[]);
    let link = dir.path().join(".frontlint_cache/0-planted.cache");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // Six other option sets: rotation keeps four files; the planted link is not one of them
    // and is not followed.
    for select in ["syntax", "link", "date", "summary", "yaml", "schema"] {
        run(dir.path(), &["--select", select]);
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    // A cache file that is a symlink is not read either: the run is right and replaces it.
    let (uncached, _) = run(dir.path(), &["--no-cache"]);
    assert_eq!(run(dir.path(), &[]).0, uncached);
}

#[cfg(unix)]
#[test]
fn a_read_only_site_is_linted_without_cache_and_without_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site();
    let (uncached, _) = run(dir.path(), &["--no-cache"]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::create_dir(dir.path().join("probe")).is_ok();
    let (out, err) = run(dir.path(), &[]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out, uncached);
    assert!(!err.contains("warning:"), "{err}");
    if writable {
        eprintln!("note: this user can write a mode-555 folder; the cache was written");
    } else {
        assert!(!dir.path().join(".frontlint_cache").exists());
    }
}
