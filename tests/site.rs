//! The site model and the site-wide phase, end to end through the binary: the page map is built
//! from the whole site, site-wide rules report on the files asked for, suppressions reach them,
//! and cached runs give the same answers.

mod common;

use common::{findings, run_in, stdout, write};
use tempfile::TempDir;

/// A folder site (no generator config): `frontlint.toml` marks the root.
fn folder_site() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "content/posts/hello.md",
        "---\r\ntitle: 你好\r\n---\r\n## 安装 指南\r\n",
    );
    write(
        dir.path(),
        "content/posts/other.md",
        "---\ntitle: 另一个\nurl: /posts/hello/\n---\nSee [hello](../hello/#安装-指南) and [missing](../gone.md).\n",
    );
    dir
}

#[test]
fn duplicate_urls_are_reported_at_the_later_page_on_the_key_that_sets_the_url() {
    let dir = folder_site();
    let out = run_in(
        dir.path(),
        &["--format", "json", "--no-cache", "--select", "site,link"],
    );
    let found = findings(&out);
    assert_eq!(
        found,
        [
            (
                "site/duplicate-url".to_string(),
                3,
                "this page publishes at `/posts/hello`, like `content/posts/hello.md`: one of them is overwritten".to_string()
            ),
            (
                "link/broken-relative".to_string(),
                5,
                "link target `../gone.md` does not exist".to_string()
            ),
        ],
        "{}",
        stdout(&out)
    );
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // The label is on the `url` value, in a CJK header.
    assert_eq!(json[0]["path"], "content/posts/other.md");
    assert_eq!(json[0]["column"], 6);
}

#[test]
fn one_file_given_still_sees_the_whole_site() {
    // pre-commit passes one file: its links resolve against pages it was not given.
    let dir = folder_site();
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "link",
            "content/posts/other.md",
        ],
    );
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "link/broken-relative");
    // Only the file asked for is reported: hello.md's duplicate URL is not.
    let out = run_in(
        dir.path(),
        &["--format", "json", "--no-cache", "content/posts/hello.md"],
    );
    assert!(findings(&out).is_empty(), "{}", stdout(&out));
}

#[test]
fn suppressions_reach_site_wide_rules_and_unused_ones_are_reported() {
    let dir = folder_site();
    write(
        dir.path(),
        "content/posts/other.md",
        "---\ntitle: 另一个\n# frontlint-disable-next-line site/duplicate-url\nurl: /posts/hello/\n---\n<!-- frontlint-disable-next-line link/broken-relative -->\nSee [missing](../gone.md).\n\n<!-- frontlint-disable-next-line link/broken-anchor -->\nfine\n",
    );
    for cache in [&["--no-cache"][..], &[], &[]] {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(cache);
        let out = run_in(dir.path(), &args);
        let found = findings(&out);
        assert_eq!(
            found,
            [(
                "suppression/unused".to_string(),
                9,
                "`link/broken-anchor` is suppressed here but reports nothing".to_string()
            )],
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn cached_runs_give_the_same_site_wide_answers() {
    let dir = folder_site();
    let first = run_in(dir.path(), &["--format", "json"]);
    let second = run_in(dir.path(), &["--format", "json"]);
    let uncached = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(stdout(&first), stdout(&uncached));
    assert_eq!(stdout(&second), stdout(&uncached));
    // A page added since the last run is seen by the others, from the cache.
    write(dir.path(), "content/gone.md", "---\ntitle: back\n---\n");
    let third = run_in(dir.path(), &["--format", "json"]);
    assert!(!stdout(&third).contains("../gone/"), "{}", stdout(&third));
}

#[test]
fn site_command_shows_the_model_and_the_pages() {
    let dir = folder_site();
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .args(["site", "--pages", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["generator"], "folder");
    let pages = v["pages"].as_array().unwrap();
    let urls: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["urls"][0].as_str().unwrap()))
        .collect();
    assert_eq!(
        urls,
        [
            ("content/posts/hello.md", "/posts/hello/"),
            ("content/posts/other.md", "/posts/hello/")
        ]
    );
}

#[test]
fn a_folder_without_a_generator_reports_only_what_it_can_know() {
    // No config of any generator: README/LICENSE-like files are not pages, an anchor is fine
    // when github-slugger makes it (it keeps the Devanagari vowel signs GitHub-style ids in
    // Goldmark drop), and a pretty URL may be any page's permalink.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(dir.path(), "README.md", "# 项目\r\n");
    write(dir.path(), "CONTRIBUTING.md", "How to help.\n");
    write(dir.path(), "notes.md", "No header here.\n");
    write(
        dir.path(),
        "hi/page.md",
        "---\r\ntitle: पेज\r\n---\r\n## पेज पार्शियल\r\n\r\n[a](#पेज-पार्शियल) [b](/guides/x/) [c](#नहीं) [d](gone.md)\r\n",
    );
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let found = findings(&out);
    let rules: Vec<(&str, u64)> = found.iter().map(|(r, l, _)| (r.as_str(), *l)).collect();
    assert_eq!(
        rules,
        [
            ("link/broken-anchor", 6),
            ("link/broken-relative", 6),
            ("syntax/missing", 1),
        ],
        "{}",
        stdout(&out)
    );
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[2]["path"], "notes.md");
    // `#नहीं` is the missing anchor; its column counts characters, not bytes.
    assert_eq!(json[0]["column"], 40);
}

/// Two corpora side by side, no config: each publishes `/same/`.
fn two_corpora() -> TempDir {
    let dir = TempDir::new().unwrap();
    for c in ["a", "b"] {
        write(
            dir.path(),
            &format!("{c}/文章.md"),
            "---\r\ntitle: 标题\r\nurl: /same/\r\n---\r\n正文\r\n",
        );
    }
    dir
}

#[test]
fn without_a_config_a_folder_given_is_the_whole_site() {
    // `frontlint b` from the folder holding both: a is not part of b's site (were it, b, the
    // later page, would be reported).
    let dir = two_corpora();
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "b"]);
    assert_eq!(findings(&out), [], "{}", stdout(&out));
    // `frontlint a b`: both were asked for, so they are one site and clash.
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "a", "b"]);
    assert_eq!(
        common::rule_ids(&findings(&out)),
        ["site/duplicate-url"],
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_a_config_a_file_given_alone_still_sees_the_folder_around_it() {
    // A pre-commit hook passes files: they are checked against every file under the root.
    let dir = two_corpora();
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "b/文章.md"]);
    let found = findings(&out);
    assert_eq!(
        common::rule_ids(&found),
        ["site/duplicate-url"],
        "{}",
        stdout(&out)
    );
    assert!(found[0].2.contains("a/文章.md"), "{found:?}");
}

#[test]
fn a_markdown_only_tree_does_not_report_missing_images_and_files() {
    // A copy of a site's pages (no config, nothing but Markdown): its images were left behind.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "content/文章.md",
        "---\r\ntitle: 标题\r\nthumbnail: /img/封面.png\r\n---\r\n![图](./图.png) [下载](/files/a.zip) [缺](gone.md)\r\n",
    );
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "content"]);
    // Only the link to a page (`gone.md`) is reported: no generator makes up a `.md` file.
    assert_eq!(
        findings(&out),
        [(
            "link/broken-relative".to_string(),
            5,
            "link target `gone.md` does not exist".to_string()
        )],
        "{}",
        stdout(&out)
    );
    // One other file anywhere (a stylesheet): the tree is the site, and missing files count.
    write(dir.path(), "static/site.css", "body {}\n");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "content"]);
    assert_eq!(
        common::rule_ids(&findings(&out)),
        [
            "thumbnail/missing-file",
            "link/broken-relative",
            "link/broken-relative",
            "link/broken-relative"
        ],
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_a_config_pages_live_in_src_content_when_there_is_no_content_folder() {
    // Astro's convention: a README or a guide beside `src/content/` is not a page.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "README.md", "# 说明\r\n");
    write(dir.path(), "guides/日本語.md", "# ガイド\r\n");
    write(dir.path(), "src/content/docs/a.md", "正文\r\n");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let found = findings(&out);
    assert_eq!(
        common::rule_ids(&found),
        ["syntax/missing"],
        "{}",
        stdout(&out)
    );
    assert_eq!(json_paths(&out), ["src/content/docs/a.md"]);
}

fn json_paths(out: &std::process::Output) -> Vec<String> {
    common::json(out)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn without_a_config_a_posts_folder_means_jekyll_conventions() {
    let post = "---\r\ntitle: 发布\r\ndate: 2013-02-22 13:09:05 +0000\r\ncategories: jekyll update\r\n---\r\n正文\r\n";
    for (posts, expected) in [
        ("docs/_posts", vec![]),
        (
            "docs/posts",
            vec!["syntax/empty", "date/nonstandard", "taxonomy/not-a-list"],
        ),
    ] {
        let dir = TempDir::new().unwrap();
        write(dir.path(), &format!("{posts}/2013-02-22-发布.md"), post);
        // Jekyll's "render this file" marker.
        write(dir.path(), "docs/index.md", "---\n---\n# 首页\n");
        let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
        assert_eq!(
            common::rule_ids(&findings(&out)),
            expected,
            "{posts}: {}",
            stdout(&out)
        );
    }
}

/// jekyll/jekyll keeps its site in `docs/` (`docs/_config.yml`, `docs/_posts`, `docs/img`): run
/// from the repository's top, without a config there, `/img/jekyll-sticker.png` in a post is
/// Jekyll's `docs/img/jekyll-sticker.png` (../shared/sites/jekyll-docs), not a missing file.
#[test]
fn without_a_config_root_relative_links_in_a_jekyll_folder_start_at_its_source() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "docs/_posts/2014-06-04-贴纸.md",
        "---\r\ntitle: 贴纸\r\n---\r\n![有](/img/贴纸.png)\r\n![无](/img/无.png)\r\n",
    );
    write(dir.path(), "docs/img/贴纸.png", [0x89, b'P', b'N', b'G']);
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let found = findings(&out);
    assert_eq!(
        common::rule_ids(&found),
        ["link/broken-relative"],
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("/img/无.png"), "{}", stdout(&out));
    // Line 5: the header's CRLF lines counted once each.
    assert_eq!(found[0].1, 5, "{}", stdout(&out));
}

#[test]
fn without_a_config_a_content_folder_follows_hugo_for_headless_sections_and_string_terms() {
    // A Markdown-only copy of a Hugo site (as in ../shared/corpora/gohugoio__hugoDocs and
    // servicemesher__website): no hugo.toml, but `content/` says Hugo's conventions.
    let dir = TempDir::new().unwrap();
    // hugoDocs' `_common`: its `_index.md` cascades `render: never`, so the snippets below
    // it are partials whose empty header is fine (Hugo builds nothing for them).
    write(
        dir.path(),
        "content/_common/_index.md",
        "---\r\ncascade:\r\n  build:\r\n    list: never\r\n    render: never\r\n---\r\n",
    );
    write(
        dir.path(),
        "content/_common/深/片段.md",
        "---\r\n# 不要删除\r\n---\r\n## 方法\r\n",
    );
    // The same empty header on a page that is published is reported.
    write(
        dir.path(),
        "content/posts/空.md",
        "---\r\n# 空\r\n---\r\n正文\r\n",
    );
    // Hugo reads a string taxonomy as one term: fine. A cascade with a `target` applies to
    // some pages only: that section is not headless.
    write(
        dir.path(),
        "content/posts/一.md",
        "---\r\ntitle: 一\r\ncategories: \"服务网格\"\r\n---\r\n正文\r\n",
    );
    write(
        dir.path(),
        "content/docs/_index.md",
        "---\ncascade:\n  build:\n    render: never\n  target:\n    path: /docs/old/**\n---\n",
    );
    write(dir.path(), "content/docs/页.md", "---\n---\n正文\n");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(
        json_paths(&out),
        ["content/docs/页.md", "content/posts/空.md"],
        "{}",
        stdout(&out)
    );
    assert_eq!(
        common::rule_ids(&findings(&out)),
        ["syntax/empty", "syntax/empty"]
    );
}

#[test]
fn without_a_config_a_readme_may_link_above_the_root_as_on_github() {
    // GitHub resolves a README's relative links against its URL on github.com: `../../graphs/
    // contributors` from the root README is the repository's contributors page. A page that
    // is not a repository document still gets "points outside the site", without looking.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "README.markdown",
        "# 项目\r\n\r\n感谢 [贡献者](../../graphs/contributors)\r\n",
    );
    write(
        dir.path(),
        "docs/页.md",
        "---\r\ntitle: 页\r\n---\r\n见 [外面](../../../etc/passwd)\r\n",
    );
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0].0, "link/broken-relative");
    assert!(found[0].2.contains("points outside the site"), "{found:?}");
    assert_eq!(json_paths(&out), ["docs/页.md"]);
}
