//! Discovery with the parallel walk: the same files and the same walk errors as the
//! sequential walk had, sorted by path whatever the thread count.

mod common;

use common::{run_in, stderr, stdout, write};
use tempfile::TempDir;

const BAD: &str = "---\ntitle: a\ntitle: b\n---\n";

fn tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(
        d,
        "frontlint.toml",
        "exclude = [\"drafts\", \"content/old/**\", \"skip-*.md\"]\n\
         [[overrides]]\nfiles = [\"content/news/**\"]\n\
         [overrides.rules]\n\"syntax/duplicate-key\" = \"warning\"\n",
    );
    for f in [
        "content/a.md",
        "content/news/b.md",
        "content/drafts/c.md",
        "content/x/drafts/d.md",
        "content/x/y/skip-e.md",
        "content/old/f.md",
        "content/old2/g.md",
        "content/.hidden/h.md",
        "content/ignored/i.md",
        "content/sub/j.md",
        "content/sub/k.md",
        "content/z.mdx",
        "content/n.txt",
        "elsewhere/m.md",
    ] {
        write(d, f, BAD);
    }
    write(d, "content/.gitignore", "ignored/\n");
    write(d, "content/sub/.ignore", "k.md\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("..", d.join("content/loop")).unwrap();
        symlink("../../..", d.join("content/x/y/up")).unwrap();
        symlink("..", d.join("content/sub/back")).unwrap();
        symlink("nowhere.md", d.join("content/dangling.md")).unwrap();
        symlink("../elsewhere", d.join("content/linked")).unwrap();
    }
    dir
}

fn concise(dir: &std::path::Path, args: &[&str]) -> String {
    stdout(&run_in(dir, &[&["--format", "concise"], args].concat()))
}

#[cfg(unix)]
#[test]
fn files_excludes_ignores_and_walk_errors_as_before() {
    let dir = tree();
    let top = dir.path().canonicalize().unwrap();
    let out = concise(dir.path(), &["content"]);
    let dup = "error[syntax/duplicate-key] duplicate key `title`";
    let expected = format!(
        "content/a.md:3:1: {dup}\n\
         content/linked/m.md:3:1: {dup}\n\
         content/news/b.md:3:1: warning[syntax/duplicate-key] duplicate key `title`\n\
         content/old2/g.md:3:1: {dup}\n\
         content/sub/j.md:3:1: {dup}\n\
         content/z.mdx:3:1: {dup}\n\
         content/dangling.md:1:1: error[file/unreadable] no such file or folder\n\
         content/loop:1:1: error[file/unreadable] symlink loop: this link points back to `{}`\n\
         content/sub/back:1:1: error[file/unreadable] symlink loop: this link points back to `content`\n\
         content/x/y/up:1:1: error[file/unreadable] symlink loop: this link points back to `{}`\n",
        top.display(),
        top.display(),
    );
    assert_eq!(out, expected);
    // The same whatever the thread count.
    for j in ["1", "3"] {
        assert_eq!(
            concise(dir.path(), &["-j", j, "content"]),
            expected,
            "-j {j}"
        );
    }
    // Paths are shown as walked: a loop back to the folder names it as it was given.
    assert_eq!(
        concise(dir.path(), &["-j", "2", "./content/"]),
        expected.replace("`content`", "`./content/`")
    );
}

#[cfg(unix)]
#[test]
fn a_hidden_or_ignored_link_above_the_walked_folder_is_skipped_like_any_ignored_entry() {
    // The sequential walk reported these as symlink loops although they are ignored; the
    // parallel walk skips hidden and ignored entries before it sees they are links.
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "content/a.md", "---\ntitle: ok\n---\n");
    write(d, "content/.gitignore", "gone\n");
    std::os::unix::fs::symlink("..", d.join("content/.hid")).unwrap();
    std::os::unix::fs::symlink("..", d.join("content/gone")).unwrap();
    let out = run_in(d, &["--format", "concise", "content"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn explicit_files_excludes_and_missing_paths_are_usage_errors() {
    let dir = tree();
    let out = concise(
        dir.path(),
        &[
            "content/drafts",
            "content/sub/k.md",
            "content/x/y/skip-e.md",
            "content/n.txt",
            "content/sub/k.md",
        ],
    );
    assert_eq!(
        out,
        "content/n.txt:3:1: error[syntax/duplicate-key] duplicate key `title`\n\
         content/sub/k.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n"
    );
    // A path that does not exist is a usage error: nothing is linted.
    let out = run_in(dir.path(), &["content/sub/k.md", "nope.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
}

#[test]
fn many_files_come_out_sorted_whatever_the_thread_count() {
    let dir = TempDir::new().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("d{}/s{}/f{i}.md", i % 7, i % 5), BAD);
        write(dir.path(), &format!("d{}.x/f{i}.md", i % 3), BAD);
    }
    let one = concise(dir.path(), &["-j", "1"]);
    assert_eq!(one.lines().count(), 600);
    let paths: Vec<&str> = one.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
    assert_eq!(paths, sorted);
    for j in ["2", "4", "7"] {
        assert_eq!(concise(dir.path(), &["-j", j]), one);
    }
}

/// A site next to a folder of secrets, with links out of it.
#[cfg(unix)]
fn site_with_links_out() -> TempDir {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(
        d,
        "outside/secret.md",
        "---\ntoken: SECRET-TOKEN\ntoken: SECRET-TOKEN\n---\n",
    );
    write(
        d,
        "outside/notes/n.md",
        "---\ntoken: SECRET-NOTE\ntoken: x\n---\n",
    );
    write(d, "site/frontlint.toml", "");
    write(d, "site/content/a.md", BAD);
    write(d, "site/content/.hidden/x.md", BAD);
    let s = d.join("site/content");
    symlink("../../outside/secret.md", s.join("file.md")).unwrap();
    symlink("../../outside/notes", s.join("notes")).unwrap();
    symlink("../../outside/secret.md", s.join("picture.png")).unwrap();
    symlink("a.md", s.join("inside.md")).unwrap();
    symlink("/proc/self/environ", s.join("env.md")).unwrap();
    symlink("/dev/zero", s.join("zero.md")).unwrap();
    symlink("../../outside", s.join(".hidden/out")).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_linted_root_are_not_followed() {
    let dir = site_with_links_out();
    let site = dir.path().join("site");
    let top = dir.path().canonicalize().unwrap();
    let out = common::frontlint()
        .args(["--format", "concise", "--no-cache", "content"])
        .current_dir(&site)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(!text.contains("SECRET"), "{text}");
    let dup = "error[syntax/duplicate-key] duplicate key `title`";
    let root = top.join("site");
    let expected = format!(
        "content/a.md:3:1: {dup}\n\
         content/inside.md:3:1: {dup}\n\
         content/env.md:1:1: warning[file/outside-root] `/proc/self/environ` is under /proc: frontlint never reads /proc, /sys or /dev\n\
         content/file.md:1:1: warning[file/outside-root] this symbolic link points to `{out}/secret.md`, outside the linted root `{root}`: not followed\n\
         content/notes:1:1: warning[file/outside-root] this symbolic link points to `{out}/notes`, outside the linted root `{root}`: not followed\n\
         content/zero.md:1:1: warning[file/outside-root] `/dev/zero` is under /dev: frontlint never reads /proc, /sys or /dev\n",
        out = top.join("outside").display(),
        root = root.display(),
    );
    // `/proc/self/environ` resolves to the process's own folder, `/proc/<pid>/environ`.
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("content/env.md") {
                let (a, b) = l.split_once("`/proc/").unwrap();
                let rest = &b[b.find("` is under").unwrap()..];
                format!("{a}`/proc/self/environ{rest}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>();
    assert_eq!(text, expected);
    // Warnings: the run passes unless asked to fail on them.
    assert_eq!(out.status.code(), Some(1), "the duplicate keys are errors");
    // Named on the command line, the same links are refused, and so is a system file.
    let out = common::frontlint()
        .args([
            "--format",
            "concise",
            "--no-cache",
            "content/file.md",
            "content/zero.md",
        ])
        .arg("/proc/self/environ")
        .current_dir(&site)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.lines()
            .all(|l| l.contains("warning[file/outside-root]")),
        "{text}"
    );
    assert!(!text.contains("SECRET"), "{text}");
    // Nothing was linted: not a pass.
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "warning: no file was linted: every file found was refused (see the diagnostics above)\n"
        ),
        "{}",
        stderr(&out)
    );
    // Configured like any rule.
    write(
        &site,
        "frontlint.toml",
        "[rules]\n\"file/outside-root\" = \"off\"\n",
    );
    let out = run_in(&site, &["--format", "concise", "--no-cache", "content"]);
    assert_eq!(
        stdout(&out),
        format!("content/a.md:3:1: {dup}\ncontent/inside.md:3:1: {dup}\n")
    );
}

#[cfg(unix)]
#[test]
fn a_path_given_outside_the_site_is_its_own_root() {
    let dir = site_with_links_out();
    let site = dir.path().join("site");
    let d = dir.path();
    std::os::unix::fs::symlink("../site/content/a.md", d.join("outside/up.md")).unwrap();
    // From the site, `../outside` is outside the site root: it is linted with its own root,
    // and its link back into the site is outside that root.
    let out = run_in(&site, &["--format", "concise", "--no-cache", "../outside"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("../outside/notes/n.md:3:1: error[syntax/duplicate-key]"));
    assert!(lines[1].starts_with("../outside/secret.md:3:1: error[syntax/duplicate-key]"));
    assert!(lines[2].starts_with(
        "../outside/up.md:1:1: warning[file/outside-root] this symbolic link points to"
    ));
}

#[cfg(unix)]
#[test]
fn ignore_files_that_would_hang_or_leak_are_not_read() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "frontlint.toml", "");
    write(d, "secret.txt", "SECRET\n");
    write(d, "site/frontlint.toml", "");
    for f in [
        "zero/a.md",
        "fifo/a.md",
        "out/a.md",
        "fine/a.md",
        "fine/sub/b.md",
    ] {
        write(d, &format!("site/{f}"), BAD);
    }
    symlink("/dev/zero", d.join("site/zero/.gitignore")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(d.join("site/fifo/.ignore"))
            .status()
            .unwrap()
            .success()
    );
    symlink("../../secret.txt", d.join("site/out/.gitignore")).unwrap();
    symlink("b.md", d.join("site/fine/sub/.gitignore")).unwrap();
    let site = d.join("site");
    let out = common::frontlint()
        .args(["--format", "concise", "--no-cache", "."])
        .current_dir(&site)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = stdout(&out);
    let secret = d.canonicalize().unwrap().join("secret.txt");
    let root = site.canonicalize().unwrap();
    assert_eq!(
        text,
        format!(
            "fine/a.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n\
             fine/sub/b.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n\
             fifo:1:1: error[file/unreadable] `.ignore` here is not a regular file (a FIFO, socket or device): frontlint does not read it, so this folder is not walked\n\
             out:1:1: warning[file/outside-root] `.gitignore` here points to `{}`, outside the linted root `{}`: not followed; this folder is not walked\n\
             zero:1:1: warning[file/outside-root] `.gitignore` here is a symbolic link: `/dev/zero` is under /dev: frontlint never reads /proc, /sys or /dev; this folder is not walked\n",
            secret.display(),
            root.display()
        )
    );
    // The walked folder's own ignore file, and those above it, are checked too.
    let out = common::frontlint()
        .args(["--format", "concise", "--no-cache", "zero"])
        .current_dir(&site)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with(
            "zero:1:1: warning[file/outside-root] `.gitignore` here is a symbolic link"
        ),
        "{}",
        stdout(&out)
    );
    std::fs::remove_file(d.join("site/zero/.gitignore")).unwrap();
    symlink("/dev/zero", d.join("site/.ignore")).unwrap();
    let out = common::frontlint()
        .args(["--format", "concise", "--no-cache", "zero"])
        .current_dir(&site)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with(&format!(
            "{}:1:1: warning[file/outside-root] `.ignore` here is a symbolic link",
            root.display()
        )),
        "{}",
        stdout(&out)
    );
}

/// When nothing is linted, frontlint looks again to say why; that second look reads no
/// ignore file the walk did not check: not those of refused folders, not those of excluded
/// folders (the walk never entered them).
#[cfg(unix)]
#[test]
fn the_empty_run_explanation_reads_no_hostile_ignore_file() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "frontlint.toml", "exclude = [\"drafts\"]\n");
    write(d, "content/drafts/a.md", "---\ntitle: a\n---\n");
    write(d, "content/drafts/sub/b.md", "---\ntitle: b\n---\n");
    symlink("/dev/zero", d.join("content/drafts/.gitignore")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(d.join("content/drafts/sub/.ignore"))
            .status()
            .unwrap()
            .success()
    );
    let out = common::frontlint()
        .args(["--no-cache", "content"])
        .current_dir(d)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "warning: no file was linted: `exclude` (`archetypes`, `node_modules`, `drafts`) removes every file in `content` that would be linted (2 files)\n"
        ),
        "{}",
        stderr(&out)
    );
    // A walked folder whose ignore file is refused: the diagnostic says why, nothing more.
    symlink("/dev/zero", d.join("content/.ignore")).unwrap();
    let out = common::frontlint()
        .args(["--no-cache", "--format", "concise", "content"])
        .current_dir(d)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("content:1:1: warning[file/outside-root]"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("every file found was refused"),
        "{}",
        stderr(&out)
    );
}
