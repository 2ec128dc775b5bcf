//! Astro and Starlight sites (`src/site/astro.rs`), end to end through the binary.
//!
//! * `fixtures/sites/astro-starlight/`: the routes, fallback pages and heading ids Astro
//!   5.18.2 with Starlight 0.32.6 built for that folder (its `ORACLE.txt`), and the links a
//!   browser would find broken there;
//! * `../shared/sites/astro-starlight-docs/` (docs.astro.build, Astro 7, Starlight 0.41, 14
//!   locales): the page URLs against every route of the build log
//!   (`ORACLE/astro-build.log`), and no diagnostics, since the site's own link checker found
//!   no link issue in that build (`ORACLE/astro-linkcheck.log`);
//! * `fixtures/sites/next-public/`: a Next.js project's `public/` folder (the folder
//!   generator).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{findings, run_in, stdout, write};
use tempfile::TempDir;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

/// `(path, urls, published)` of every page.
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

/// The routes of an Astro build log (`├─ /en/guides/x/index.html (+2ms)`), as written.
fn routes_of_log(log: &str) -> BTreeSet<String> {
    log.lines()
        .filter_map(|l| {
            let i = l.find("├─ ").or_else(|| l.find("└─ "))?;
            let rest = &l[i + "├─ ".len()..];
            let route = rest.split_whitespace().next()?;
            // A log line can run into the next message (`/404.htmlEntry docs → …`).
            let end = route
                .find(".html")
                .map_or(route.len(), |k| k + ".html".len());
            Some(route[..end].to_string())
        })
        .collect()
}

/// The file a URL is written to with `trailingSlash: 'always'` (`/a/` → `/a/index.html`).
fn route_file(url: &str) -> String {
    if url.ends_with('/') {
        format!("{url}index.html")
    } else {
        format!("{url}.html")
    }
}

#[test]
fn fixture_urls_and_fallbacks_are_the_routes_astro_built() {
    let dir = fixture("astro-starlight");
    let v = site_json(dir.path());
    assert_eq!(v["generator"], "astro");
    assert_eq!(v["base_path"], "/docs/");
    assert_eq!(v["build"]["future"], true);
    assert_eq!(v["yaml"], "yaml12");
    assert_eq!(v["schema"], "starlight.json");
    assert_eq!(
        v["headings"],
        "github-slugger (a trailing `-` dropped, Astro 5)"
    );
    let langs: Vec<(&str, &str)> = v["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["key"].as_str().unwrap(),
                l["url_prefix"].as_str().unwrap(),
            )
        })
        .collect();
    // Read from `config/locales.mjs`, which the config imports.
    assert_eq!(langs, [("en", "/"), ("fr", "/fr/")]);
    let got = pages(&v);
    let want: Vec<(&str, Vec<&str>, bool)> = vec![
        (
            "src/content/docs/Getting Started.md",
            vec!["/getting-started/", "/fr/getting-started/"],
            true,
        ),
        (
            "src/content/docs/fr/guides/intro.mdx",
            vec!["/fr/guides/intro/"],
            true,
        ),
        ("src/content/docs/fr/index.mdx", vec!["/fr/"], true),
        (
            "src/content/docs/guides/custom.md",
            vec!["/custom-slug/", "/fr/custom-slug/"],
            true,
        ),
        (
            "src/content/docs/guides/draft.md",
            vec!["/guides/draft/"],
            false,
        ),
        (
            "src/content/docs/guides/intro.mdx",
            vec!["/guides/intro/"],
            true,
        ),
        ("src/content/docs/index.mdx", vec!["/"], true),
        (
            "src/data/blog/first-post.md",
            vec!["/blog/first-post/"],
            true,
        ),
        ("src/pages/changelog.md", vec!["/changelog/"], true),
    ];
    let got_ref: Vec<(&str, Vec<&str>, bool)> = got
        .iter()
        .map(|(p, u, pb)| (p.as_str(), u.iter().map(String::as_str).collect(), *pb))
        .collect();
    assert_eq!(got_ref, want);
    // Every URL of a published page is a route of the real build, and every route of the build
    // is one of them, Starlight's 404 page, or a route of `src/pages/[lang]/about.astro`.
    let oracle =
        std::fs::read_to_string(manifest().join("fixtures/sites/astro-starlight/ORACLE.txt"))
            .unwrap();
    let built = routes_of_log(&oracle);
    let mine: BTreeSet<String> = got
        .iter()
        .filter(|p| p.2)
        .flat_map(|p| p.1.iter().map(|u| route_file(u)))
        .collect();
    let extra: BTreeSet<String> = ["/404.html", "/de/about/index.html"]
        .into_iter()
        .map(str::to_string)
        .collect();
    assert_eq!(built, mine.union(&extra).cloned().collect::<BTreeSet<_>>());
    // The partials and Astro's own schemas.
    let roles: Vec<(&str, &str)> = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] != "page")
        .map(|p| (p["path"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("src/content/docs/_partial.mdx", "partial"),
            ("src/pages/_hidden.md", "partial")
        ]
    );
    let schemas: Vec<(&str, &str)> = v["folder_schemas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["dir"].as_str().unwrap(),
                s["collection"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        schemas,
        [("src/content/docs", "docs"), ("src/data/blog", "blog")]
    );
}

#[test]
fn fixture_reports_only_links_a_browser_finds_broken() {
    let dir = fixture("astro-starlight");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, &str, u64, &str)> = json
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "src/content/docs/fr/guides/intro.mdx",
                "link/broken-relative",
                7,
                "link target `/docs/fr/guides/cassé/` does not exist"
            ),
            // Not in `fr`, and no English page to fall back to.
            (
                "src/content/docs/guides/intro.mdx",
                "link/broken-relative",
                33,
                "link target `/docs/fr/nope/` does not exist"
            ),
            // Astro does not rewrite links to Markdown files: the browser asks for the `.md`.
            (
                "src/content/docs/guides/intro.mdx",
                "link/broken-relative",
                34,
                "link target `../getting-started.md` does not exist"
            ),
            // Astro 5 drops the trailing `-` of `step-1-setup-` (the build has `id="step-1-setup"`).
            (
                "src/content/docs/guides/intro.mdx",
                "link/broken-anchor",
                35,
                "`/docs/getting-started/` has no heading with the anchor `#step-1-setup-`"
            ),
            // `src/pages/_hidden.md` is not a route.
            (
                "src/content/docs/guides/intro.mdx",
                "link/broken-relative",
                36,
                "link target `/docs/hidden/` does not exist"
            ),
        ],
        "{}",
        stdout(&out)
    );
    // Positions in a CRLF file with CJK text before the link.
    let text =
        std::fs::read_to_string(dir.path().join("src/content/docs/fr/guides/intro.mdx")).unwrap();
    assert!(text.contains("\r\n") && text.contains("中文"));
    let d = json.iter().find(|d| d["line"] == 7).unwrap();
    let line = text.split("\r\n").nth(6).unwrap().to_string();
    let col = line.find("/docs/fr/guides/cassé/").unwrap();
    assert_eq!(
        d["column"].as_u64().unwrap() as usize,
        line[..col].chars().count() + 1
    );
}

#[test]
fn heading_ids_follow_the_astro_version() {
    // Astro 6 and later keep the trailing `-` (`@astrojs/markdown-remark` 7).
    let dir = fixture("astro-starlight");
    write(
        dir.path(),
        "package.json",
        r#"{"dependencies": {"astro": "^7.0.2", "@astrojs/starlight": "^0.41.0"}}"#,
    );
    let v = site_json(dir.path());
    assert_eq!(v["headings"], "github-slugger");
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "link/broken-anchor",
        ],
    );
    let found = findings(&out);
    // Now `#step-1-setup-` is right, and `#step-1-setup` (the fallback anchor) is broken.
    assert_eq!(
        found,
        [(
            "link/broken-anchor".to_string(),
            22,
            "`/docs/fr/getting-started/` has no heading with the anchor `#step-1-setup`"
                .to_string()
        )],
        "{}",
        stdout(&out)
    );
    // Version not known: both forms are accepted.
    write(dir.path(), "package.json", "{}");
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "link/broken-anchor",
        ],
    );
    assert!(findings(&out).is_empty(), "{}", stdout(&out));
}

#[test]
fn locales_that_are_code_come_from_frontlint_toml() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "astro.config.mjs",
        "import starlight from '@astrojs/starlight';\nimport { defineConfig } from 'astro/config';\nconst locales = Object.fromEntries(['en', 'ja'].map((l) => [l, { label: l }]));\nexport default defineConfig({ integrations: [starlight({ title: 'x', defaultLocale: 'en', locales })] });\n",
    );
    write(
        dir.path(),
        "src/content/docs/en/a.md",
        "---\ntitle: A\n---\n## 見出し\n",
    );
    write(
        dir.path(),
        "src/content/docs/ja/b.md",
        "---\ntitle: B\n---\n[a](/ja/a/#見出し) [c](/ja/c/)\n",
    );
    let v = site_json(dir.path());
    assert!(
        v["notes"].to_string().contains("set `[site] locales`"),
        "{}",
        v["notes"]
    );
    assert!(v["languages"].as_array().unwrap().is_empty());
    // Without the locales, `/ja/a/` is not known to fall back to the English page.
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(findings(&out).len(), 2, "{}", stdout(&out));
    write(
        dir.path(),
        "frontlint.toml",
        "[site]\nlocales = [\"en\", \"ja\"]\ndefault-locale = \"en\"\n",
    );
    let v = site_json(dir.path());
    assert_eq!(
        pages(&v),
        [
            (
                "src/content/docs/en/a.md".to_string(),
                vec!["/en/a/".to_string(), "/ja/a/".to_string()],
                true
            ),
            (
                "src/content/docs/ja/b.md".to_string(),
                vec!["/ja/b/".to_string()],
                true
            ),
        ]
    );
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(
        findings(&out),
        [(
            "link/broken-relative".to_string(),
            4,
            "link target `/ja/c/` does not exist".to_string()
        )],
        "{}",
        stdout(&out)
    );
}

#[test]
fn plain_astro_pages_and_collections() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "astro.config.mjs",
        "import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'never' });\n",
    );
    write(
        dir.path(),
        "src/pages/index.astro",
        "---\n---\n<h1>Home</h1>\n",
    );
    write(
        dir.path(),
        "src/pages/about.md",
        "---\ntitle: About\n---\n[home](/) [post](/posts/hello) [gone](/posts/gone) [feed](/rss.xml)\n",
    );
    write(dir.path(), "src/pages/posts/[slug].astro", "---\n---\n");
    write(
        dir.path(),
        "src/pages/rss.xml.ts",
        "export const GET = () => new Response('');\n",
    );
    write(
        dir.path(),
        "src/content/posts/hello.md",
        "---\ntitle: Hello\n---\n[about](/about)\n",
    );
    write(
        dir.path(),
        "src/content/notes/n.md",
        "---\ntitle: Note\n---\n[rel](../other/)\n",
    );
    let v = site_json(dir.path());
    assert_eq!(v["generator"], "astro");
    assert_eq!(v["schema"], serde_json::Value::Null);
    assert_eq!(
        pages(&v),
        [
            (
                "src/content/notes/n.md".to_string(),
                Vec::<String>::new(),
                true
            ),
            (
                "src/content/posts/hello.md".to_string(),
                vec!["/posts/hello".to_string()],
                true
            ),
            (
                "src/pages/about.md".to_string(),
                vec!["/about".to_string()],
                true
            ),
        ]
    );
    // `/posts/gone` matches `posts/[slug].astro`, whose paths are code: not reported; a
    // relative link on a page without a known URL is not reported either.
    let out = run_in(dir.path(), &["--format", "json", "--no-cache"]);
    assert!(findings(&out).is_empty(), "{}", stdout(&out));
}

#[test]
fn starlight_is_recognised_from_package_json_when_the_config_is_code() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "astro.config.mjs",
        "export default (await import('./make-config.mjs')).default;\n",
    );
    write(
        dir.path(),
        "package.json",
        r#"{"devDependencies": {"@astrojs/starlight": "^0.37.0", "astro": "^5.16.0"}}"#,
    );
    write(
        dir.path(),
        "src/content/docs/index.md",
        "---\ntitle: 首页\n---\n",
    );
    let v = site_json(dir.path());
    assert_eq!(v["schema"], "starlight.json");
    assert!(
        v["notes"].to_string().contains("not read"),
        "{}",
        v["notes"]
    );
    assert_eq!(
        pages(&v),
        [(
            "src/content/docs/index.md".to_string(),
            vec!["/".to_string()],
            true
        )]
    );
    // Without Starlight in the project, it is plain Astro: `src/content/docs/` is a collection
    // without a route.
    write(
        dir.path(),
        "package.json",
        r#"{"dependencies": {"astro": "^5.16.0"}}"#,
    );
    let v = site_json(dir.path());
    assert_eq!(v["schema"], serde_json::Value::Null);
    assert_eq!(
        pages(&v),
        [(
            "src/content/docs/index.md".to_string(),
            Vec::<String>::new(),
            true
        )]
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
fn docs_astro_build_urls_are_the_routes_of_the_build() {
    let Some(site) = shared_site("astro-starlight-docs") else {
        return;
    };
    let v = site_json(&site);
    assert_eq!(v["languages"].as_array().unwrap().len(), 14);
    let log = std::fs::read_to_string(site.join("ORACLE/astro-build.log")).unwrap();
    let routes = routes_of_log(&log);
    assert_eq!(routes.len(), 6358);
    let p = pages(&v);
    assert_eq!(p.len(), 2569);
    // Each source page's own URL (its first) against the routes: equal for every page.
    let own_equal = p
        .iter()
        .filter(|(_, u, _)| routes.contains(&route_file(&u[0])))
        .count();
    assert_eq!(own_equal, p.len());
    // With the fallback pages: every URL frontlint gives is a route.
    let mine: BTreeSet<String> = p
        .iter()
        .flat_map(|(_, u, _)| u.iter().map(|u| route_file(u)))
        .collect();
    assert!(
        mine.is_subset(&routes),
        "{:?}",
        mine.difference(&routes).take(5).collect::<Vec<_>>()
    );
    // The routes that are no page of the map: `src/pages/[...enRedirectSlug].astro` (the
    // English pages again without `/en/`, as redirects), `src/pages/[lang]/*.astro` and
    // `src/pages/index.astro`, `404.astro`.
    let english: BTreeSet<String> = mine
        .iter()
        .filter_map(|r| r.strip_prefix("/en/").map(|rest| format!("/{rest}")))
        .collect();
    for r in routes.difference(&mine) {
        let parts: Vec<&str> = r.trim_start_matches('/').split('/').collect();
        let lang_page = (parts.len() == 2 && ["index.html", "404.html"].contains(&parts[1]))
            || (parts.len() == 3 && ["install", "tutorial", "404"].contains(&parts[1]));
        assert!(
            english.contains(r) || lang_page || r == "/index.html" || r == "/404.html",
            "{r}"
        );
    }
}

#[test]
fn docs_astro_build_has_no_false_reports() {
    // The site's own link checker over that build: "Found no link issues".
    let Some(site) = shared_site("astro-starlight-docs") else {
        return;
    };
    let out = run_in(&site, &["--format", "json", "--no-cache"]);
    assert!(findings(&out).is_empty(), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn next_js_public_folder_is_served_at_the_root() {
    let dir = fixture("next-public");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "docs"]);
    assert_eq!(
        findings(&out),
        [(
            "link/broken-relative".to_string(),
            5,
            "image target `/images/missing.svg` does not exist".to_string()
        )],
        "{}",
        stdout(&out)
    );
    // Without `next.config.*`, `public/` is just a folder.
    std::fs::remove_file(dir.path().join("next.config.mjs")).unwrap();
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "docs"]);
    assert_eq!(findings(&out).len(), 2, "{}", stdout(&out));
}
