//! Discovery with the parallel walk: the same files and the same walk errors as the
//! sequential walk had, sorted by path whatever the thread count.

mod common;

use common::{run_in, stdout, write};
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
fn explicit_files_excludes_and_missing_paths() {
    let dir = tree();
    let out = concise(
        dir.path(),
        &[
            "content/drafts",
            "content/sub/k.md",
            "content/x/y/skip-e.md",
            "content/n.txt",
            "nope.md",
            "content/sub/k.md",
        ],
    );
    assert_eq!(
        out,
        "content/n.txt:3:1: error[syntax/duplicate-key] duplicate key `title`\n\
         content/sub/k.md:3:1: error[syntax/duplicate-key] duplicate key `title`\n\
         nope.md:1:1: error[file/unreadable] no such file or folder\n"
    );
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
