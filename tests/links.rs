//! Link and thumbnail rules: true positives and the traps (code, reference definitions,
//! autolinks, CJK anchors, page bundles, `static/`, Hugo page links, shortcodes, MDX).

mod common;

use common::{frontlint, json, rule_ids, run_in, write};
use tempfile::TempDir;

/// A small site: `frontlint.toml` at the root marks it; returns the diagnostics of `file`.
fn lint(files: &[(&str, &str)], file: &str) -> Vec<(String, String, String)> {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(dir.path(), "static/img/logo.png", "png");
    write(
        dir.path(),
        "content/guide/install.md",
        "---\ntitle: Install\n---\n## 安装指南\n\n## Requirements {#reqs}\n",
    );
    write(
        dir.path(),
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\n",
    );
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "link,thumbnail", file],
    );
    json(&out)
        .iter()
        .map(|d| {
            let text = d["message"].as_str().unwrap().to_string();
            let help = d["help"].as_str().unwrap_or("").to_string();
            (d["rule"].as_str().unwrap().to_string(), text, help)
        })
        .collect()
}

const HEAD: &str = "---\ntitle: t\n---\n";

#[test]
fn resolving_links_that_exist() {
    let body = format!(
        "{HEAD}# 标题\n\n[same page](#标题) [file](../guide/install.md) [anchor](../guide/install.md#安装指南) \
         [custom id](../guide/install.md#reqs) [hugo page](../guide/install/) [section](/guide/) \
         [root page](/guide/install/) ![logo](/img/logo.png) ![ref image][logo] <https://gohugo.io/> \
         [mail](mailto:a@example.com) [shortcode]({{{{< ref \"install.md\" >}}}}) [query](../guide/install.md?x=1)\n\n\
         ```\n[in code](missing.md)\n```\n\n    [indented](missing.md)\n\n`[inline](missing.md)`\n\n[logo]: /img/logo.png\n"
    );
    let found = lint(&[("content/posts/a.md", &body)], "content/posts/a.md");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn hugo_page_links_resolve_against_the_page_url() {
    // content/posts/a.md is served at /posts/a/, so `../b/` means content/posts/b.md.
    let found = lint(
        &[
            (
                "content/posts/a.md",
                &format!("{HEAD}[b](../b/) [B case](../B/)\n"),
            ),
            ("content/posts/b.md", HEAD),
        ],
        "content/posts/a.md",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn broken_links_with_suggestions() {
    let body = format!(
        "{HEAD}## 安装指南\n\n[a](#安装) [b](../guide/instal.md) [c](../guide/install.md#安装) [d]() [e](https://exa%20mple.com/)\n"
    );
    let found = lint(&[("content/posts/a.md", &body)], "content/posts/a.md");
    assert_eq!(
        rule_ids(&found),
        [
            "link/broken-anchor",
            "link/broken-relative",
            "link/broken-anchor",
            "link/empty",
            "link/invalid-url"
        ]
    );
    assert_eq!(found[0].2, "did you mean `#安装指南`?");
    assert_eq!(found[1].2, "did you mean `../guide/install.md`?");
    assert_eq!(
        found[2].1,
        "`../guide/install.md` has no heading with the anchor `#安装`"
    );
}

#[test]
fn reference_definitions_are_labelled_once() {
    let body = format!("{HEAD}[one][x] and [two][x]\n\n[x]: missing.md\n");
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", &body);
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "link", "a.md"],
    );
    let found = json(&out);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["line"], 6,
        "the label is on the definition's destination"
    );
    assert_eq!(found[0]["column"], 6);
}

#[test]
fn mdx_imports_and_jsx_are_not_links() {
    let body = format!(
        "{HEAD}import Card from '../components/Card.astro';\n\n<Card href=\"/nowhere/\" title=\"x\" />\n\n<Tabs>\n  <TabItem label=\"a\">text</TabItem>\n</Tabs>\n"
    );
    assert!(lint(&[("content/a.mdx", &body)], "content/a.mdx").is_empty());
}

#[test]
fn insecure_links_are_off_by_default() {
    let body = format!("{HEAD}[x](http://example.com/)\n");
    assert!(lint(&[("a.md", &body)], "a.md").is_empty());
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", &body);
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "link/insecure", "a.md"],
    );
    assert_eq!(json(&out)[0]["rule"], "link/insecure");
}

#[test]
fn thumbnails_bundles_static_and_urls() {
    let ok = "---\ntitle: t\nthumbnail: cover.jpg\nimages: [/img/logo.png, \"https://inews.gtimg.com/om_ls/OLXJ_640360/0\"]\ncover:\n  image: cover.jpg\n---\n";
    let found = lint(
        &[
            ("content/posts/b/index.md", ok),
            ("content/posts/b/cover.jpg", "jpg"),
        ],
        "content/posts/b/index.md",
    );
    assert!(found.is_empty(), "{found:#?}");
    let bad = "---\ntitle: t\nthumbnail: /img/log.png\nimage: http://x.example/a.jpg\nbanner: https://\nog_image: /img/logo.png.html\n---\n";
    let found = lint(&[("content/a.md", bad)], "content/a.md");
    assert_eq!(
        rule_ids(&found),
        [
            "thumbnail/missing-file",
            "thumbnail/insecure",
            "thumbnail/invalid-url",
            "thumbnail/missing-file",
            "thumbnail/not-image"
        ]
    );
    assert_eq!(found[0].2, "did you mean `/img/logo.png`?");
}

#[test]
fn configured_fields_and_excluded_destinations() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "frontlint.toml",
        "[thumbnails]\nfields = [\"hero.src\"]\n[links]\nexclude = [\"g\", \"/api/*\"]\n",
    );
    write(
        dir.path(),
        "a.md",
        "---\nthumbnail: missing.png\nhero:\n  src: gone.png\n---\n[term](g) [api](/api/v1) [real](gone.md)\n",
    );
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "link,thumbnail", "a.md"],
    );
    let found: Vec<String> = json(&out)
        .iter()
        .map(|d| format!("{}:{}", d["rule"].as_str().unwrap(), d["line"]))
        .collect();
    assert_eq!(
        found,
        ["thumbnail/missing-file:4", "link/broken-relative:6"]
    );
}

#[test]
fn hugo_docs_false_positive_budget() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/gohugoio__hugoDocs");
    if !root.is_dir() {
        eprintln!("skipped: no corpus");
        return;
    }
    let dir = TempDir::new().unwrap();
    let config = write(dir.path(), "links.toml", "[links]\nexclude = [\"g\"]\n");
    let out = frontlint()
        .args([
            "--format", "json", "--select", "link", "--root", ".", "--config",
        ])
        .arg(&config)
        .arg("content")
        .current_dir(&root)
        .output()
        .unwrap();
    let found = json(&out);
    // Measured: 31 anchors defined by `{{% include %}}` shortcodes, 54 page-bundle images that the
    // corpus does not contain (only .md files were copied), 8 page links without a leading `/`.
    let pages = found
        .iter()
        .filter(|d| {
            d["rule"] == "link/broken-relative"
                && !d["message"].as_str().unwrap().starts_with("image")
        })
        .count();
    let anchors = found
        .iter()
        .filter(|d| d["rule"] == "link/broken-anchor")
        .count();
    assert!(pages <= 10, "{pages} page links reported");
    assert!(anchors <= 35, "{anchors} anchors reported");
}

#[test]
fn links_between_walked_files_and_to_files_outside_the_walk() {
    // Links between the files of a run are answered from the walk; a target the walk skipped
    // (gitignored) still exists on disk, and a missing one is still broken.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(dir.path(), ".gitignore", "content/草稿/\n");
    write(
        dir.path(),
        "content/文章/a.md",
        "---\r\ntitle: A\r\n---\r\n见 [b](b.md)、[b 再次](../文章/./b.md)、[草稿](../草稿/d.md) 和 [缺失](c.md)。\r\n",
    );
    write(
        dir.path(),
        "content/文章/b.md",
        "---\ntitle: B\n---\n[a](a.md)\n",
    );
    write(dir.path(), "content/草稿/d.md", "---\ntitle: D\n---\n");
    let out = run_in(dir.path(), &["--format", "json", "--select", "link", "."]);
    let found: Vec<(String, String, u64, u64)> = json(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "content/文章/a.md".to_string(),
            "link/broken-relative".to_string(),
            4,
            58
        )]
    );
}

#[test]
fn links_and_images_outside_the_site_are_reported_without_looking() {
    // parent/secret.txt, parent/notes.md and parent/secrets/ exist next to the site; links
    // name them and near misses of them, from the page and from the root, and through a
    // symlink out of the site. (`../../../../x` from `content/post_1/a.md` is `parent/x` for
    // the page's URL, `/posts/a/`, and the folder above for its folder.)
    let parent = TempDir::new().unwrap();
    let p = parent.path();
    let site = p.join("site");
    write(&site, "frontlint.toml", "");
    write(&site, "static/img/logo.png", "png");
    let body = "---\r\ntitle: 标题\r\nthumbnail: ../../../../secret.txt\r\nimage: /../../secre.txt\r\n---\r\n\
        标题 [a](../../../../secret.txt) [b](../../../../secret.tx) [c](../../../../notes.md#秘密) \
        [d](/../../secret.txt) [e](../../../../../../../../../../etc/passwd) \
        [h](../../../../secrets/) [i](../../../../Secret.TXT) [f](/out/secret.txt) [g](/out/secre.txt)\r\n";
    // Not `content/posts/`: a short all-letter folder counts as a language folder (`content/en`).
    write(&site, "content/post_1/a.md", body);
    #[cfg(unix)]
    std::os::unix::fs::symlink("../..", site.join("static/out")).unwrap();
    let run = || {
        let out = run_in(
            &site,
            &[
                "--format",
                "json",
                "--no-cache",
                "--select",
                "link/broken-relative,link/broken-anchor,thumbnail/missing-file",
                ".",
            ],
        );
        json(&out)
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                    d["help"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    write(p, "secret.txt", "TOKEN=1");
    write(p, "secrets/passwd", "x");
    write(p, "notes.md", "---\ntitle: n\n---\n## 秘密\n");
    let with_files = run();
    std::fs::remove_file(p.join("secret.txt")).unwrap();
    std::fs::remove_file(p.join("notes.md")).unwrap();
    std::fs::remove_dir_all(p.join("secrets")).unwrap();
    let without_files = run();
    // Whether the files outside exist changes nothing: they were not looked at.
    assert_eq!(with_files, without_files);
    // No suggestion names anything outside the site.
    for f in &with_files {
        assert!(!f.4.contains("secret") && !f.4.contains("notes"), "{f:?}");
    }
    let outside: Vec<(&str, u64, u64)> = with_files
        .iter()
        .filter(|f| f.3.ends_with("points outside the site"))
        .map(|f| (f.0.as_str(), f.1, f.2))
        .collect();
    // Positions count characters, CRLF and CJK included.
    assert_eq!(
        outside,
        [
            ("thumbnail/missing-file", 3, 12),
            ("thumbnail/missing-file", 4, 8),
            ("link/broken-relative", 6, 8),
            ("link/broken-relative", 6, 36),
            ("link/broken-relative", 6, 63),
            ("link/broken-relative", 6, 92),
            ("link/broken-relative", 6, 115),
            ("link/broken-relative", 6, 161),
            ("link/broken-relative", 6, 187),
        ],
        "{with_files:#?}"
    );
    assert_eq!(
        with_files[2].3,
        "link target `../../../../secret.txt` points outside the site"
    );
    // Through the link out of `static/`: only the site's other folders were looked at.
    let rest: Vec<&str> = with_files
        .iter()
        .filter(|f| !f.3.ends_with("points outside the site"))
        .map(|f| f.3.as_str())
        .collect();
    let expected: &[&str] = if cfg!(unix) {
        &[
            "link target `/out/secret.txt` does not exist",
            "link target `/out/secre.txt` does not exist",
        ]
    } else {
        &[]
    };
    assert_eq!(rest, expected);
}

#[test]
fn links_inside_the_site_are_still_checked_next_to_ones_outside() {
    // A link whose first candidate is outside and whose page-URL candidate is inside is a
    // normal link: `../b.md` from `a.md` (served at `/a/`) means the sibling `b.md`. Without a
    // generator, the pretty URL `../pretty/` may be any page's permalink: not reported.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(
        dir.path(),
        "a.md",
        "---\ntitle: a\n---\n[b](../b/) [c](../c.md) [x](../b.md) [y](../../b.md) [p](../pretty/)\n",
    );
    write(dir.path(), "b.md", "---\ntitle: b\n---\n");
    let out = run_in(
        dir.path(),
        &["--format", "json", "--no-cache", "--select", "link", "a.md"],
    );
    let found: Vec<String> = json(&out)
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        found,
        [
            "link target `../c.md` does not exist",
            "link target `../../b.md` points outside the site"
        ]
    );
}

#[test]
fn the_cache_knows_the_linted_roots() {
    // `../other/sub/a.md` links to `../b.md`: inside the linted root when `../other` is
    // linted, outside it when `../other/sub` is. A cached result of one run must not answer
    // the other.
    let dir = TempDir::new().unwrap();
    let site = dir.path().join("site");
    write(&site, "frontlint.toml", "");
    write(dir.path(), "other/b.md", "---\ntitle: b\n---\n");
    write(
        dir.path(),
        "other/sub/a.md",
        "---\ntitle: a\n---\n[b](../b.md)\n",
    );
    let run = |path: &str, cache: bool| {
        let mut args = vec!["--format", "json", "--select", "link", path];
        if !cache {
            args.push("--no-cache");
        }
        let out = run_in(&site, &args);
        json(&out)
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run("../other", true), Vec::<String>::new());
    // Linted alone, `../other/sub` is its own site: `../b.md` names nothing in it.
    let uncached = run("../other/sub", false);
    assert_eq!(uncached, ["link target `../b.md` does not exist"]);
    assert_eq!(run("../other/sub", true), uncached);
    assert_eq!(run("../other", true), Vec::<String>::new());
}
