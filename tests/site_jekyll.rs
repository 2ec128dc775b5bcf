//! The Jekyll model against Jekyll itself: the real sites of `../shared/sites` against the
//! source → destination pairs of Jekyll 4.3.1's verbose build logs (`ORACLE/`), and small
//! fixtures (`fixtures/sites/jekyll-*`), each built with Jekyll 4.3.1 (their README says what
//! Jekyll wrote).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{findings, frontlint, run_in, stdout, write};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sites")
        .join(name)
}

fn shared_site(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sites")
        .join(name);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

/// `frontlint site --pages --format json` in `dir`.
fn site_json(dir: &Path) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .args(["site", "--pages", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Path → (URLs, published, aliases) of every page the model builds.
fn pages(v: &serde_json::Value) -> BTreeMap<String, (Vec<String>, bool, Vec<String>)> {
    let strings = |a: &serde_json::Value| -> Vec<String> {
        a.as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_string())
            .collect()
    };
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == "page")
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                (
                    strings(&p["urls"]),
                    p["published"].as_bool().unwrap(),
                    strings(&p["aliases"]),
                ),
            )
        })
        .collect()
}

/// A URL as a key: `/a/index.html`, `/a/` and `/a` are one page.
fn key(url: &str) -> String {
    let u = url.strip_suffix("index.html").unwrap_or(url);
    let u = u.trim_end_matches('/');
    if u.is_empty() { "/".into() } else { u.into() }
}

/// The source → destination pairs of a `jekyll build --verbose` log. Jekyll renders every
/// document (collections, posts first), then every page, and writes pages first, then
/// documents, each group in the same order, so the n-th render of a group is its n-th write.
/// Static files are neither rendered nor logged. Redirect pages are rendered as `redirect.html`.
fn oracle_pairs(log: &str, out_dir: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut docs = Vec::new();
    let mut pages = Vec::new();
    let mut writes = Vec::new();
    for line in log.lines() {
        let t = line.trim_start();
        if let Some(src) = t.strip_prefix("Rendering: ") {
            if src.ends_with("/#excerpt") {
                continue;
            }
            if src.starts_with('_') {
                docs.push(src.to_string());
            } else {
                pages.push(src.to_string());
            }
        } else if let Some(dest) = t.strip_prefix("Writing: ") {
            let dest = dest.split_once(out_dir).map_or(dest, |(_, d)| d);
            writes.push(dest.to_string());
        }
    }
    assert_eq!(
        writes.len(),
        docs.len() + pages.len(),
        "every render is written once"
    );
    let sources: Vec<String> = pages.into_iter().chain(docs).collect();
    let mut pairs = Vec::new();
    let mut redirects = Vec::new();
    for (src, dest) in sources.into_iter().zip(writes) {
        if src == "redirect.html" {
            redirects.push(key(&dest));
        } else {
            pairs.push((src, dest));
        }
    }
    (pairs, redirects)
}

/// Compare the model with the oracle: every rendered source the model knows, its URL; the
/// redirects against the aliases. Returns (compared, equal, differences).
fn compare(root: &Path, log: &Path, out_dir: &str) -> (usize, usize, Vec<String>) {
    let (pairs, redirects) = oracle_pairs(&std::fs::read_to_string(log).unwrap(), out_dir);
    let model = pages(&site_json(root));
    let mut equal = 0;
    let mut diffs = Vec::new();
    for (src, dest) in &pairs {
        match model.get(src) {
            Some((urls, true, _)) if urls.iter().any(|u| key(u) == key(dest)) => equal += 1,
            Some(found) => diffs.push(format!("{src}: Jekyll {dest}, frontlint {found:?}")),
            None => diffs.push(format!("{src}: Jekyll {dest}, not a page of the model")),
        }
    }
    let mut aliases: Vec<String> = model
        .values()
        .flat_map(|(_, _, a)| a.iter().map(|u| key(u)))
        .collect();
    aliases.sort();
    let mut redirects = redirects;
    redirects.sort();
    assert_eq!(aliases, redirects, "redirect_from pages");
    (pairs.len(), equal, diffs)
}

#[test]
fn jekyll_docs_urls_match_jekylls_build_log() {
    let Some(site) = shared_site("jekyll-docs") else {
        return;
    };
    let (compared, equal, diffs) = compare(
        &site.join("docs"),
        &site.join("ORACLE/jekyll-build.verbose.log"),
        "jekyll-docs-out",
    );
    // Every difference is a file Jekyll renders through a plugin, not a source page:
    // jekyll-redirect-from's `redirects.json`, jekyll-feed's `feed.xml` and
    // `feed/release.xml`, jekyll-sitemap's `sitemap.xml` and `robots.txt`, and the Sass
    // converter's source map `css/screen.css.map`. The model publishes those URLs as
    // generated (`is_generated_url`), not as pages.
    let expected: Vec<String> = [
        "css/screen.css.map",
        "feed.xml",
        "feed/release.xml",
        "redirects.json",
        "robots.txt",
        "sitemap.xml",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut sources: Vec<String> = diffs
        .iter()
        .map(|d| d.split(':').next().unwrap().to_string())
        .collect();
    sources.sort();
    assert_eq!(sources, expected, "{diffs:#?}");
    let pages = compared - expected.len();
    assert_eq!((pages, equal), (214, 214), "{diffs:#?}");
}

#[test]
fn brew_sh_urls_match_jekylls_build_log() {
    let Some(site) = shared_site("jekyll-brew-sh") else {
        return;
    };
    let (compared, equal, diffs) = compare(
        &site,
        &site.join("ORACLE/jekyll-build.verbose.log"),
        "jekyll-brew-sh-out",
    );
    // Plugin output only: jekyll-redirect-from's `redirects.json`, jekyll-feed's `atom.xml`
    // (`feed.path`) and jekyll-sitemap's `sitemap.xml`.
    let mut sources: Vec<&str> = diffs.iter().map(|d| d.split(':').next().unwrap()).collect();
    sources.sort_unstable();
    assert_eq!(
        sources,
        ["atom.xml", "redirects.json", "sitemap.xml"],
        "{diffs:#?}"
    );
    assert_eq!((compared - 3, equal), (100, 100), "{diffs:#?}");
}

#[test]
fn fixture_urls_are_the_files_jekyll_wrote() {
    let model = pages(&site_json(&fixture("jekyll-site")));
    let built: BTreeMap<&str, &str> = model
        .iter()
        .filter(|(_, (urls, published, _))| *published && !urls.is_empty())
        .map(|(p, (urls, _, _))| (p.as_str(), urls[0].as_str()))
        .collect();
    // `fixtures/sites/jekyll-site/README.md`: the files Jekyll 4.3.1 wrote (redirect pages and
    // `redirects.json` aside).
    let expected: BTreeMap<&str, &str> = [
        ("2021-01-01-not-a-post.md", "/2021-01-01-not-a-post/"),
        ("_docs/a/_b/quirk.md", "/docs/a/_b/quirk/"),
        ("_docs/guide/intro.md", "/docs/guide/intro/"),
        ("_docs/raw.md", "/docs/raw.md"),
        (
            "_posts/2020-06-16-Second-Post.markdown",
            "/release/2020/06/16/second/",
        ),
        (
            "_posts/2020-06-18-no-front-matter.md",
            "/2020/06/18/no-front-matter/",
        ),
        ("about-copy.md", "/about/"),
        ("about.md", "/about/"),
        (
            "blog/_posts/2020-06-15-hello-world.md",
            "/blog/news/update/2020/06/16/hello-world/",
        ),
        ("guides/setup.md", "/guides/setup/"),
        ("index.md", "/"),
        ("legacy.md", "/legacy/"),
        ("notes.md", "/notes.md"),
        ("page.html", "/html-page/"),
        ("sub/index.markdown", "/sub/"),
        ("sub/page.md", "/sub/page.html"),
    ]
    .into_iter()
    .collect();
    assert_eq!(built, expected);
    assert_eq!(model["about.md"].2, ["/old-about/", "/me/"]);
    assert_eq!(model["legacy.md"].2, ["/me/"]);
    // Not written: the future post, the unpublished one, the draft, a collection without output.
    for (path, why) in [
        ("_posts/2999-01-01-future.md", "future"),
        ("_posts/2020-06-17-unpublished.md", "published: false"),
        ("_drafts/idea.md", "draft"),
    ] {
        assert!(!model[path].1, "{path} ({why}) is not published");
    }
    assert!(model["_recipes/cake.md"].0.is_empty(), "output: false");
    let v = site_json(&fixture("jekyll-site"));
    let roles: BTreeMap<&str, &str> = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    for (path, role) in [
        ("_includes/note.md", "partial"),
        ("_docs/_private.md", "ignored"),
        ("_posts/notes.md", "ignored"),
        ("drafts-notes/x.md", "ignored"),
        ("README.md", "ignored"),
    ] {
        assert_eq!(roles[path], role, "{path}");
    }
    // What the model says it read.
    assert_eq!(v["generator"], "jekyll");
    assert_eq!(v["base_path"], "/blog/");
    assert_eq!(v["timezone"], "Asia/Shanghai");
    assert_eq!(v["headings"], "kramdown (GFM)");
    assert_eq!(v["yaml"], "yaml11");
    assert_eq!(v["dates"], "jekyll");
    assert_eq!(v["schema"], "jekyll.json");
}

#[test]
fn fixture_findings_are_the_defects_jekyll_shows() {
    let out = run_in(
        &fixture("jekyll-site"),
        &["--no-cache", "--format", "json", "--select", "link,site"],
    );
    let found: Vec<(String, String, u64)> = common::json(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = [
        // `jekyll doctor`: about/index.html is shared by about-copy.md and about.md.
        ("about.md", "site/duplicate-url", 3),
        // `{% link _docs/guide/intro.md %}#nope`: the page has no such id.
        ("index.md", "link/broken-anchor", 15),
        // `{{ '/missing/' | relative_url }}`.
        ("index.md", "link/broken-relative", 15),
        // `/blog/notes/`: notes.md has no front matter, Jekyll copies it as `/notes.md`.
        ("index.md", "link/broken-relative", 16),
        // `about.md`: Jekyll does not rewrite links to Markdown files.
        ("index.md", "link/broken-relative", 16),
        // `/about/`: outside `baseurl` (`/blog/`).
        ("index.md", "link/broken-relative", 16),
        ("index.md", "link/broken-anchor", 16),
        // `/me/` redirects to legacy only: about.md's redirect is overwritten.
        ("legacy.md", "site/alias-conflict", 3),
    ]
    .iter()
    .map(|(p, r, l)| (p.to_string(), r.to_string(), *l))
    .collect();
    assert_eq!(found, want, "{}", stdout(&out));
}

#[test]
fn references_fail_where_jekyll_fails() {
    let out = run_in(
        &fixture("jekyll-refs"),
        &["--no-cache", "--format", "json", "--select", "link,site"],
    );
    let found = findings(&out);
    let lines: Vec<(&str, u64)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
    // `fixtures/sites/jekyll-refs/README.md`: each of these stops Jekyll 4.3.1's build, but the
    // last (a missing anchor on a page that exists).
    assert_eq!(
        lines,
        [
            ("link/broken-ref", 4),
            ("link/broken-ref", 7),
            ("link/broken-ref", 10),
            ("link/broken-ref", 10),
            ("link/broken-ref", 11),
            ("link/broken-ref", 11),
            ("link/broken-anchor", 12),
        ],
        "{}",
        stdout(&out)
    );
    let json = common::json(&out);
    assert!(
        json.iter().all(|d| d["path"] == "bad.md"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        found[0].2,
        "no page matches the reference `_docs/missing.md`"
    );
}

#[test]
fn heading_ids_are_the_ones_jekyll_writes() {
    let out = run_in(
        &fixture("jekyll-ids"),
        &["--no-cache", "--format", "json", "--select", "link"],
    );
    let found = findings(&out);
    // `fixtures/sites/jekyll-ids/README.md`: links.md links to the 25 ids Jekyll wrote; two
    // are knowingly not computed, one is not an id of the page.
    let anchors: Vec<&str> = found
        .iter()
        .map(|f| f.2.split('`').nth(3).unwrap_or(""))
        .collect();
    assert_eq!(
        anchors,
        ["#inside-div", "#a-ids-liquid", "#hello-world-3"],
        "{}",
        stdout(&out)
    );
}

#[test]
fn dates_give_the_urls_jekyll_gives() {
    let model = pages(&site_json(&fixture("jekyll-dates")));
    // `fixtures/sites/jekyll-dates/README.md`, the URL column (America/Los_Angeles).
    let expected = [
        ("2020-06-14-p25", "/2020-06-14-00-00-00/p25/"),
        ("2020-06-15-p1", "/2020-06-15-06-09-05/p1/"),
        ("2020-06-15-p2", "/2020-06-15-10-09-05/p2/"),
        ("2020-06-15-p3", "/2020-06-15-06-09-05/p3/"),
        ("2020-06-15-p4", "/2020-06-15-00-00-00/p4/"),
        ("2020-06-15-p5", "/2020-06-15-06-09-05/p5/"),
        ("2020-06-15-p6", "/2020-06-15-04-09-05/p6/"),
        ("2020-06-15-p7", "/2020-06-15-06-09-05/p7/"),
        ("2020-06-15-p8", "/2020-06-15-13-09-05/p8/"),
        ("2020-06-15-p9", "/2020-06-15-00-00-00/p9/"),
        ("2020-06-15-p10", "/2020-06-15-04-09-05/p10/"),
        ("2020-06-15-p11", "/2020-06-15-13-09-00/p11/"),
        ("2020-06-15-p12", "/2020-06-15-00-00-00/p12/"),
        ("2020-06-15-p13", "/2020-06-15-13-09-00/p13/"),
        ("2020-06-15-p14", "/2020-06-15-13-09-05/p14/"),
        ("2020-06-15-p15", "/2020-06-15-13-09-05/p15/"),
        ("2020-06-15-p16", "/2020-06-15-06-09-05/p16/"),
        ("2020-06-15-p17", "/2020-06-15-06-09-05/p17/"),
        ("2020-06-15-p18", "/2020-06-15-06-09-05/p18/"),
        ("2020-06-15-p19", "/2020-06-14-18-09-05/p19/"),
        ("2020-06-15-p20", "/2020-06-15-13-09-05/p20/"),
        ("2020-06-15-p21", "/2020-06-15-20-09-05/p21/"),
        ("2020-06-15-p22", "/2020-06-05-00-00-00/p22/"),
        ("2020-06-15-p23", "/2020-06-15-13-09-00/p23/"),
        ("2020-06-15-p24", "/2020-06-15-00-00-00/p24/"),
    ];
    for (name, url) in expected {
        let path = format!("_posts/{name}.md");
        assert_eq!(model[&path].0, [url], "{path}");
    }
    assert_eq!(model.len(), expected.len());
}

#[test]
fn detection_by_config_file() {
    let generator = |dir: &Path| site_json(dir)["generator"].as_str().unwrap().to_string();
    for name in ["_config.yml", "_config.yaml", "_config.toml"] {
        let dir = TempDir::new().unwrap();
        write(dir.path(), name, "");
        write(dir.path(), "a.md", "---\ntitle: 文\n---\n");
        assert_eq!(generator(dir.path()), "jekyll", "{name}");
    }
    // A Jupyter Book has a `_config.yml` too, with its `_toc.yml`.
    let book = TempDir::new().unwrap();
    write(book.path(), "_config.yml", "title: Book\n");
    write(book.path(), "_toc.yml", "format: jb-book\nroot: intro\n");
    write(book.path(), "intro.md", "# Intro\n");
    assert_eq!(generator(book.path()), "folder");
    // From a file deep inside the site, up to the config.
    let site = TempDir::new().unwrap();
    write(site.path(), "_config.yml", "permalink: pretty\n");
    write(site.path(), "_posts/2020-01-01-a.md", "---\n---\n");
    let v = site_json(&site.path().join("_posts"));
    assert_eq!(v["generator"], "jekyll");
    assert_eq!(pages(&v)["_posts/2020-01-01-a.md"].0, ["/2020/01/01/a/"]);
}

#[test]
fn permalink_styles_and_templates() {
    // Jekyll 4.3.1 (`Configuration::STYLE_TO_PERMALINK`, `Utils.add_permalink_suffix`): a page
    // `about.md`, a post and a collection document under each style.
    let cases = [
        (
            "date",
            "/about.html",
            "/news/2020/06/05/hello-world.html",
            "/docs/intro.html",
        ),
        (
            "pretty",
            "/about/",
            "/news/2020/06/05/hello-world/",
            "/docs/intro/",
        ),
        (
            "ordinal",
            "/about.html",
            "/news/2020/157/hello-world.html",
            "/docs/intro.html",
        ),
        (
            "none",
            "/about.html",
            "/news/hello-world.html",
            "/docs/intro.html",
        ),
        (
            "/:year/:title/",
            "/about/",
            "/2020/hello-world/",
            "/docs/intro/",
        ),
        (
            "/:title:output_ext",
            "/about.html",
            "/hello-world.html",
            "/docs/intro.html",
        ),
        // `weekdate` is missing from `add_permalink_suffix`'s list: pages and documents get no
        // extension in their URL (Jekyll still writes `about.html`, `docs/intro.html`).
        (
            "weekdate",
            "/about",
            "/news/2020/W23/Fri/hello-world.html",
            "/docs/intro",
        ),
    ];
    for (style, page, post, doc) in cases {
        let dir = TempDir::new().unwrap();
        write(
            dir.path(),
            "_config.yml",
            format!("permalink: \"{style}\"\ncollections:\n  docs:\n    output: true\n"),
        );
        write(dir.path(), "about.md", "---\ntitle: 关于\n---\n");
        write(
            dir.path(),
            "_posts/2020-06-05-hello-world.md",
            "---\ncategory: news\n---\n",
        );
        write(dir.path(), "_docs/intro.md", "---\n---\n");
        let model = pages(&site_json(dir.path()));
        assert_eq!(model["about.md"].0, [page], "{style}");
        assert_eq!(
            model["_posts/2020-06-05-hello-world.md"].0,
            [post],
            "{style}"
        );
        assert_eq!(model["_docs/intro.md"].0, [doc], "{style}");
    }
}

#[test]
fn the_builtin_schema_fits_real_jekyll_headers() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/jekyll.json");
    for (site, root) in [("jekyll-docs", "docs"), ("jekyll-brew-sh", "")] {
        let Some(dir) = shared_site(site) else {
            continue;
        };
        let out = frontlint()
            .args([
                "--no-cache",
                "--format",
                "json",
                "--select",
                "schema",
                "--schema",
            ])
            .arg(&schema)
            .current_dir(dir.join(root))
            .output()
            .unwrap();
        assert!(common::json(&out).is_empty(), "{site}: {}", stdout(&out));
    }
    // `published: "false"` is a string: Jekyll publishes the page.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "_config.yml", "");
    write(
        dir.path(),
        "a.md",
        "---\ntitle: 标题\npublished: \"false\"\n---\n",
    );
    let out = frontlint()
        .args([
            "--no-cache",
            "--format",
            "json",
            "--select",
            "schema",
            "--schema",
        ])
        .arg(&schema)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0].1, 3);
}
