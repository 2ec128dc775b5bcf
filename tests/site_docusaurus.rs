//! Docusaurus sites (`src/site/docusaurus.rs`), end to end through the binary.
//!
//! * `fixtures/sites/docusaurus-site/`: every URL, every broken link and anchor, and the
//!   duplicate route, as Docusaurus 3.10.2 itself reported them when it built that folder
//!   (recorded in its `ORACLE.txt`);
//! * `../shared/sites/docusaurus-prettier/` (prettier.io): the page URLs against the files
//!   `docusaurus build` wrote (`ORACLE/docusaurus-output-files.txt`), and no diagnostics at
//!   all, since that build (`onBrokenLinks: "throw"`) found no broken link.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{findings, frontlint, run_in, stdout, write};
use tempfile::TempDir;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a fixture folder in a temporary folder (runs never write next to the sources).
fn fixture(name: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&manifest().join("fixtures/sites").join(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// `frontlint site --pages --format json` in `dir`.
fn site_json(dir: &Path) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .args(["site", "--pages", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `(path, urls, published)` of every page (role `page`).
fn pages(v: &serde_json::Value) -> Vec<(String, Vec<String>, bool)> {
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == "page")
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["urls"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string())
                    .collect(),
                p["published"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The HTML file a URL path is written to (`/a/b` → `a/b/index.html`, `/` → `index.html`).
fn html_file(url: &str) -> String {
    let t = url.trim_matches('/');
    if t.is_empty() {
        "index.html".into()
    } else {
        format!("{t}/index.html")
    }
}

/// The section of an `ORACLE.txt` after the line `== {title}`, up to the next blank line.
fn oracle_section(file: &Path, title: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .skip_while(|l| !l.starts_with(&format!("== {title}")))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn fixture_urls_are_the_routes_docusaurus_built() {
    let dir = fixture("docusaurus-site");
    let v = site_json(dir.path());
    assert_eq!(v["generator"], "docusaurus");
    assert_eq!(v["base_path"], "/site/");
    // Docusaurus builds pages dated in the future; js-yaml 4 reads the headers.
    assert_eq!(v["build"]["future"], true);
    assert_eq!(v["yaml"], "yaml12");
    assert_eq!(v["dates"], "javascript");
    assert_eq!(v["front_matter_required"], false);
    assert_eq!(v["headings"], "github-slugger (no ids on h1)");
    let got: Vec<(String, Vec<String>, bool)> = pages(&v);
    let want: Vec<(&str, &str, bool)> = vec![
        ("blog/2024-01-02-hello.md", "/news/2024/01/02/hello", true),
        ("blog/2024-03-04-custom.md", "/news/my-post", true),
        (
            "blog/2025/05/06/nested/index.md",
            "/news/2025/05/06/nested",
            true,
        ),
        ("docs/01-intro.md", "/docs/next/intro", true),
        (
            "docs/02-guides/01-install.md",
            "/docs/next/guides/install",
            true,
        ),
        ("docs/02-guides/index.md", "/docs/next/guides/", true),
        ("docs/02-guides/setup.mdx", "/docs/next/configure-it", true),
        ("docs/api/api.md", "/docs/next/api/", true),
        ("docs/draft.md", "/docs/next/ref", false),
        ("docs/reference.md", "/docs/next/ref", true),
        ("docs/zz-dup.md", "/docs/next/ref", true),
        ("src/pages/about.md", "/about", true),
        ("versioned_docs/version-1.0/intro.md", "/docs/intro", true),
    ];
    let got_flat: Vec<(&str, &str, bool)> = got
        .iter()
        .map(|(p, u, pb)| (p.as_str(), u[0].as_str(), *pb))
        .collect();
    assert_eq!(got_flat, want);
    // The partial is not a page.
    let partial = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "docs/02-guides/_partial.mdx")
        .unwrap();
    assert_eq!(partial["role"], "partial");
    // Every published page is an HTML file of the real build, and every HTML file of the
    // build is a page, the JavaScript home page, or a page Docusaurus generates (blog list,
    // archive, authors, tags, 404).
    let oracle = manifest().join("fixtures/sites/docusaurus-site/ORACLE.txt");
    let built: BTreeSet<String> = oracle_section(&oracle, "HTML files written")
        .into_iter()
        .collect();
    let mine: BTreeSet<String> = got
        .iter()
        .filter(|p| p.2)
        .map(|p| html_file(&p.1[0]))
        .collect();
    assert!(mine.is_subset(&built), "{:?}", mine.difference(&built));
    let generated: BTreeSet<&str> = [
        "404.html",
        "index.html",
        "news/archive/index.html",
        "news/authors/index.html",
        "news/index.html",
        "news/tags/index.html",
        "news/tags/release/index.html",
    ]
    .into_iter()
    .collect();
    for f in &built {
        assert!(
            mine.contains(f) || generated.contains(f.as_str()),
            "{f} is neither a page nor generated"
        );
    }
}

#[test]
fn fixture_reports_what_docusaurus_reports() {
    let dir = fixture("docusaurus-site");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String, u64, String)> = json
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(&str, &str, u64, &str)> = vec![
        // "Markdown link with URL `../docs/01-intro.md` … couldn't be resolved. Make sure it
        // references a local Markdown file that exists within the current plugin."
        (
            "blog/2024-01-02-hello.md",
            "link/broken-relative",
            6,
            "link target `../docs/01-intro.md` does not exist",
        ),
        (
            "docs/01-intro.md",
            "link/broken-relative",
            29,
            "link target `./missing.md` does not exist",
        ),
        (
            "docs/01-intro.md",
            "link/broken-relative",
            30,
            "link target `/site/docs/next/nope` does not exist",
        ),
        (
            "docs/01-intro.md",
            "link/broken-anchor",
            31,
            "this page has no heading with the anchor `#deja-vu`",
        ),
        (
            "docs/01-intro.md",
            "link/broken-relative",
            32,
            "link target `/site/docs/1.0/intro` does not exist",
        ),
        // A draft is not built: no Markdown link resolves to it.
        (
            "docs/01-intro.md",
            "link/broken-relative",
            33,
            "link target `./draft.md` does not exist",
        ),
        // `{#title}` is not counted by the slugger: `Title`, `Title` are `title`, `title-1`.
        (
            "docs/01-intro.md",
            "link/broken-anchor",
            34,
            "this page has no heading with the anchor `#title-2`",
        ),
        // A static file is found without the base URL (`/img/logo.png`); with it, the link
        // is a route link, and no route is there.
        (
            "docs/01-intro.md",
            "link/broken-relative",
            35,
            "link target `/site/img/logo.png` does not exist",
        ),
        // The one difference: Docusaurus compiles a partial only where a page imports it, and
        // nothing imports this one; its broken link is reported all the same.
        (
            "docs/02-guides/_partial.mdx",
            "link/broken-relative",
            1,
            "link target `./nope.md` does not exist",
        ),
        // The theme renders `h1` without its id.
        (
            "docs/02-guides/index.md",
            "link/broken-anchor",
            7,
            "`../01-intro.md` has no heading with the anchor `#简介-getting-started`",
        ),
        (
            "docs/02-guides/index.md",
            "link/broken-relative",
            7,
            "link target `./gone.md` does not exist",
        ),
        // "Duplicate routes found! - Attempting to create page at /site/docs/next/ref, but a
        // page already exists at this route." (`draft.md` sets the same slug, but is not built.)
        (
            "docs/zz-dup.md",
            "site/duplicate-url",
            3,
            "this page publishes at `/docs/next/ref`, like `docs/reference.md`: one of them is overwritten",
        ),
        // No doc has the slug `/` in the current version: `/docs/next/` is no page.
        (
            "versioned_docs/version-1.0/intro.md",
            "link/broken-relative",
            5,
            "link target `/site/docs/next/` does not exist",
        ),
        (
            "versioned_docs/version-1.0/intro.md",
            "link/broken-relative",
            5,
            "link target `./install.md` does not exist",
        ),
    ];
    let got_ref: Vec<(&str, &str, u64, &str)> = got
        .iter()
        .map(|(p, r, l, m)| (p.as_str(), r.as_str(), *l, m.as_str()))
        .collect();
    assert_eq!(got_ref, want, "{}", stdout(&out));
    // Positions in a CRLF file with CJK text: the `./gone.md` link of `02-guides/index.md`.
    let gone = json
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("gone.md"))
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join("docs/02-guides/index.md")).unwrap();
    assert!(text.contains("\r\n"));
    let line7 = text.split("\r\n").nth(6).unwrap();
    let col = line7.find("./gone.md").unwrap();
    assert_eq!(
        gone["column"].as_u64().unwrap() as usize,
        line7[..col].chars().count() + 1
    );
}

#[test]
fn detection_config_names_and_the_website_folder() {
    // A `website/` folder below the repository root (Docusaurus 1's layout, and many
    // monorepos'), found from the root; the docs folder beside it widens the site root.
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    write(
        dir.path(),
        "website/docusaurus.config.ts",
        "import type {Config} from '@docusaurus/types';\nconst config: Config = {\n  baseUrl: '/',\n  presets: [['classic', { docs: { path: '../docs', routeBasePath: '/' }, blog: false }]],\n};\nexport default config;\n",
    );
    write(dir.path(), "docs/intro.md", "# 简介\n");
    write(dir.path(), "docs/_snippet.md", "A partial.\n");
    for start in [dir.path().to_path_buf(), dir.path().join("website")] {
        let v = site_json(&start);
        assert_eq!(v["generator"], "docusaurus", "{start:?}");
        assert_eq!(v["config_file"], "website/docusaurus.config.ts");
        let root = PathBuf::from(v["root"].as_str().unwrap());
        assert_eq!(
            root.canonicalize().unwrap(),
            dir.path().canonicalize().unwrap()
        );
        let p = pages(&v);
        assert_eq!(
            p,
            [(
                "docs/intro.md".to_string(),
                vec!["/intro".to_string()],
                true
            )]
        );
    }
    // Content outside the repository is never read.
    write(
        dir.path(),
        "website/docusaurus.config.ts",
        "export default { presets: [['classic', { docs: { path: '../../outside' } }]] };\n",
    );
    let v = site_json(&dir.path().join("website"));
    let notes = v["notes"].to_string();
    assert!(notes.contains("outside the project"), "{notes}");
    // No config: not a Docusaurus site.
    let plain = TempDir::new().unwrap();
    write(plain.path(), "docs/a.md", "---\ntitle: a\n---\n");
    assert_eq!(site_json(plain.path())["generator"], "folder");
}

#[test]
fn a_config_that_is_code_falls_back_to_the_documented_defaults() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "docusaurus.config.js",
        "module.exports = async function createConfig() { return { baseUrl: process.env.BASE }; };\n",
    );
    write(dir.path(), "docs/guide/index.md", "---\ntitle: 指南\n---\n");
    write(dir.path(), "blog/2020-02-03-a.md", "---\ntitle: a\n---\n");
    let v = site_json(dir.path());
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("classic preset's defaults assumed"),
        "{notes}"
    );
    assert_eq!(
        pages(&v),
        [
            (
                "blog/2020-02-03-a.md".to_string(),
                vec!["/blog/2020/02/03/a".to_string()],
                true
            ),
            (
                "docs/guide/index.md".to_string(),
                vec!["/docs/guide/".to_string()],
                true
            ),
        ]
    );
}

#[test]
fn trailing_slash_true_and_number_prefixes_in_folders() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "docusaurus.config.mjs",
        "export default { trailingSlash: true, presets: [['@docusaurus/preset-classic', { docs: { routeBasePath: 'guide' } }]] };\n",
    );
    write(dir.path(), "docs/01-basics/02-first steps.md", "# x\n");
    write(
        dir.path(),
        "docs/01-basics/03-next.md",
        "---\nparse_number_prefixes: false\n---\n",
    );
    write(
        dir.path(),
        "docs/2021-01-02-notes.md",
        "[first](./01-basics/02-first%20steps.md) [up](../basics/first%20steps/) [wrong](../guide/basics/)\n",
    );
    let v = site_json(dir.path());
    assert_eq!(
        pages(&v),
        [
            (
                "docs/01-basics/02-first steps.md".to_string(),
                vec!["/guide/basics/first steps/".to_string()],
                true
            ),
            (
                "docs/01-basics/03-next.md".to_string(),
                vec!["/guide/01-basics/03-next/".to_string()],
                true
            ),
            (
                "docs/2021-01-02-notes.md".to_string(),
                vec!["/guide/2021-01-02-notes/".to_string()],
                true
            ),
        ]
    );
    // With `trailingSlash: true` the page is `/guide/2021-01-02-notes/`: `../guide/…` climbs
    // one folder too few.
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(
        findings(&out),
        [(
            "link/broken-relative".to_string(),
            1,
            "link target `../guide/basics/` does not exist".to_string()
        )],
        "{}",
        stdout(&out)
    );
}

#[test]
fn i18n_pages_fall_back_to_the_default_locale() {
    // What Docusaurus 3.10.2 built for this site (npx docusaurus build, Node 20): `a/`, `b/`,
    // `fr/a/` (translated), `fr/b/` (the English page again). Its warnings for `/fr/a`: the
    // Markdown link `./b.md` (relative to the translated file, where no `b.md` is) and `/fr/c`;
    // `/a` there means `/fr/a` (the fr build's base URL is prepended). It also found
    // `/fr/a#alpha` broken on `/fr/b`: the English `b.md`'s `/a#alpha`, in the French build,
    // points at the translated `a`, whose heading differs; frontlint checks a link once, in
    // the page's own language, and does not report that one.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "docusaurus.config.js",
        "export default {\n  baseUrl: '/',\n  i18n: { defaultLocale: 'en', locales: ['en', 'fr'] },\n  presets: [['classic', { docs: { routeBasePath: '/' }, blog: false }]],\n};\n",
    );
    write(
        dir.path(),
        "docs/a.md",
        "---\ntitle: A\n---\n\n## Alpha\n\n[b](./b.md)\n",
    );
    write(
        dir.path(),
        "docs/b.md",
        "---\ntitle: B\n---\n\n## Beta\n\n[a](/a#alpha)\n",
    );
    write(
        dir.path(),
        "i18n/fr/docusaurus-plugin-content-docs/current/a.md",
        "---\ntitle: A (fr)\n---\n\n## Alpha en français\n\n[b](./b.md) [fallback](/fr/b#beta) [missing](/fr/c) [english](/a)\n",
    );
    let v = site_json(dir.path());
    let langs: Vec<&str> = v["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["key"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["en", "fr"]);
    assert_eq!(
        pages(&v),
        [
            ("docs/a.md".to_string(), vec!["/a".to_string()], true),
            (
                "docs/b.md".to_string(),
                vec!["/b".to_string(), "/fr/b".to_string()],
                true
            ),
            (
                "i18n/fr/docusaurus-plugin-content-docs/current/a.md".to_string(),
                vec!["/fr/a".to_string()],
                true
            ),
        ]
    );
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let found = findings(&out);
    assert_eq!(
        found,
        [
            (
                "link/broken-relative".to_string(),
                7,
                "link target `./b.md` does not exist".to_string()
            ),
            (
                "link/broken-relative".to_string(),
                7,
                "link target `/fr/c` does not exist".to_string()
            )
        ],
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_schema_checks_docs_and_blog_front_matter() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "docusaurus.config.js",
        "export default { presets: ['classic'] };\n",
    );
    write(
        dir.path(),
        "docs/good.md",
        "---\nid: good\ntitle: 2024\nsidebar_position: \"3\"\ndraft: \"false\"\ntags: [a, {label: B, permalink: /b}]\nlast_update: {date: 2024-01-02}\npagination_next: null\ncustom_field: anything\n---\n",
    );
    write(
        dir.path(),
        "blog/2024-01-02-post.md",
        "---\ntitle: Post\ndate: 2024-01-02 10:00:00\nauthors: [jane, {name: Joe, url: https://example.org}]\n---\n",
    );
    write(
        dir.path(),
        "docs/bad.md",
        "---\nid: a/b\nsidebar_position: third\ndraft: yes\ntoc_max_heading_level: 7\ntags: a, b\n---\n",
    );
    write(
        dir.path(),
        "docs/both.md",
        "---\ndraft: true\nunlisted: true\n---\n",
    );
    let schema = manifest().join("schemas/docusaurus.json");
    let out = frontlint()
        .args([
            "--format",
            "json",
            "--no-cache",
            "--select",
            "schema",
            "--schema",
        ])
        .arg(&schema)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_file: BTreeSet<(String, u64)> = json
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: BTreeSet<(String, u64)> = [
        ("docs/bad.md", 2),
        ("docs/bad.md", 3),
        ("docs/bad.md", 4),
        ("docs/bad.md", 5),
        ("docs/bad.md", 6),
    ]
    .into_iter()
    .map(|(p, l)| (p.to_string(), l))
    .collect();
    let files: BTreeSet<&str> = json.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(by_file.is_superset(&want), "{}", stdout(&out));
    assert_eq!(
        files,
        ["docs/bad.md", "docs/both.md"].into_iter().collect(),
        "{}",
        stdout(&out)
    );
}

fn shared_site(name: &str) -> Option<PathBuf> {
    let p = manifest().join("../shared/sites").join(name);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

#[test]
fn prettier_io_urls_are_the_files_docusaurus_wrote() {
    let Some(site) = shared_site("docusaurus-prettier") else {
        return;
    };
    let v = site_json(&site.join("website"));
    assert_eq!(v["config_file"], "website/docusaurus.config.js");
    // `path: "../docs"` is read from the config: the docs are beside `website/`.
    let content: Vec<(&str, &str)> = v["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["dir"].as_str().unwrap(),
                c["url_prefix"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        content,
        [
            ("docs", "/docs/next/"),
            ("website/versioned_docs/version-stable", "/docs/"),
            ("website/blog", "/blog/"),
            ("website/src/pages", "/"),
        ]
    );
    let written: BTreeSet<String> =
        std::fs::read_to_string(site.join("ORACLE/docusaurus-output-files.txt"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
    let p = pages(&v);
    assert_eq!(p.len(), 92, "24 + 24 docs, 44 posts");
    let equal = p
        .iter()
        .filter(|(_, urls, _)| written.contains(&html_file(&urls[0])))
        .count();
    // Every page: 92 of 92 (the requirement is 99 %).
    assert_eq!(equal, p.len());
    // Every HTML file written is a page, a JavaScript page of `website/src/pages`
    // (`index.jsx`, `help/index.jsx`, `users/index.jsx`), a page the blog or the search theme
    // generates, or a file of `website/static/`.
    let mine: BTreeSet<String> = p.iter().map(|(_, u, _)| html_file(&u[0])).collect();
    for f in written.iter().filter(|f| f.ends_with(".html")) {
        let explained = mine.contains(f)
            || ["index.html", "help/index.html", "users/index.html"].contains(&f.as_str())
            || f.starts_with("blog/page/")
            || [
                "blog/index.html",
                "blog/archive/index.html",
                "blog/authors/index.html",
                "search/index.html",
                "404.html",
            ]
            .contains(&f.as_str())
            || site.join("website/static").join(f).is_file();
        assert!(explained, "{f}");
    }
}

#[test]
fn prettier_io_has_no_false_reports() {
    // `onBrokenLinks: "throw"` and the build passed: no link or anchor is broken, and the
    // site's front matter is valid for Docusaurus.
    let Some(site) = shared_site("docusaurus-prettier") else {
        return;
    };
    let out = run_in(&site.join("website"), &["--format", "json", "--no-cache"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(findings(&out).is_empty(), "{}", stdout(&out));
}
