//! Zola: no Zola binary can be installed here, so the model is tested against Zola's own tests
//! and documentation (getzola/zola, cited per case), a fixture (`fixtures/sites/zola-rules`)
//! whose every expected URL follows one of those rules, and the consistency of a real site
//! (`../shared/sites/zola-rust-blog`, blog.rust-lang.org): every page where its `path` says,
//! every alias a redirect to a page, no two pages at one URL.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{findings, run_in};

fn site_json(dir: &Path) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
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

fn pages(v: &serde_json::Value) -> Vec<(String, String, bool)> {
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["urls"]
                    .get(0)
                    .and_then(|u| u.as_str())
                    .unwrap_or("-")
                    .to_string(),
                p["published"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn fixture_urls_follow_zolas_rules() {
    let v = site_json(Path::new("fixtures/sites/zola-rules"));
    assert_eq!(v["generator"], "zola");
    // `base_url = "https://example.org/site"`: links carry `/site/`.
    assert_eq!(v["base_path"], "/site/");
    assert_eq!(v["headings"], "zola (slugify on)");
    let want: Vec<(&str, &str, bool)> = vec![
        // section.rs `Section::parse`: `_index.fr.md` → `/fr/` (test
        // `can_make_links_to_translated_sections_without_double_trailing_slash`).
        ("content/_index.fr.md", "/fr/", true),
        ("content/_index.md", "/", true),
        // page.rs: the date prefix leaves the slug (`RFC3339_DATE`), the language code goes
        // first; file_info.rs `find_language`.
        (
            "content/blog/2024-01-02-hello.fr.md",
            "/fr/blog/hello/",
            true,
        ),
        ("content/blog/2024-01-02-hello.md", "/blog/hello/", true),
        // `transparent` does not change the section's URL.
        ("content/blog/_index.md", "/blog/", true),
        // An unknown language code: Zola fails ("has a language code of de which isn't present
        // in the config.toml `languages`"); the URL is where it would go.
        ("content/blog/about.de.md", "/de/blog/about/", true),
        // file_info.rs `new_page`: an asset folder's `index.md` takes the folder's name
        // (page.rs test `page_with_assets_gets_right_info`).
        (
            "content/blog/asset-post/index.md",
            "/blog/asset-post/",
            true,
        ),
        // `path` wins over sections and slug (test `can_make_url_from_path`).
        ("content/blog/clash.md", "/blog/hello-world/", true),
        // `draft = true`: not built without `--drafts`.
        ("content/blog/draft.md", "/blog/draft/", false),
        // `render = false`: no page written.
        ("content/blog/hidden.md", "-", true),
        ("content/blog/links.md", "/blog/links/", true),
        ("content/blog/pathed.md", "/custom/place/", true),
        // `slug` is slugified (test `can_make_url_from_slug_only_with_no_special_chars`).
        ("content/blog/slugged.md", "/blog/hello-world/", true),
    ];
    let got = pages(&v);
    let got: Vec<(&str, &str, bool)> = got
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), *c))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn fixture_findings_are_what_zola_fails_on() {
    let found = findings(&run_in(
        Path::new("fixtures/sites/zola-rules"),
        &[
            "--no-cache",
            "--format",
            "json",
            "--select",
            "link,site,i18n",
        ],
    ));
    let got: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|(r, l, m)| (r.as_str(), *l, m.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // file_info.rs `find_language`: the build fails.
            (
                "i18n/unknown-language",
                1,
                "the page is in `de` (its file-name suffix), a language the site does not configure (en, fr)"
            ),
            // Zola writes the alias's redirect over the page at `/blog/hello/`.
            (
                "site/alias-conflict",
                3,
                "the alias `/blog/hello/` is the URL of `content/blog/2024-01-02-hello.md`: the redirect would overwrite that page"
            ),
            // markdown.rs `is_colocated_asset_link`: `gone.png` is the page's URL plus the name.
            (
                "link/broken-relative",
                6,
                "image target `gone.png` does not exist"
            ),
            // Internal links' anchors are checked (`internal_level = "error"` by default).
            (
                "link/broken-anchor",
                8,
                "`@/blog/2024-01-02-hello.md` has no heading with the anchor `#nowhere`"
            ),
            // `resolve_internal_link`: "Broken relative link"; drafts are not in `permalinks`.
            (
                "link/broken-ref",
                9,
                "no page matches the reference `@/blog/missing.md`"
            ),
            (
                "link/broken-ref",
                10,
                "no page matches the reference `@/blog/draft.md`"
            ),
            (
                "site/alias-conflict",
                4,
                "`/old/assets.html` is also an alias of `content/blog/asset-post/index.md`: one redirect overwrites the other"
            ),
            (
                "site/duplicate-url",
                3,
                "this page publishes at `/blog/hello-world`, like `content/blog/clash.md`: one of them is overwritten"
            ),
        ]
    );
}

const BLOG: &str = "../shared/sites/zola-rust-blog";

#[test]
fn rust_blog_pages_are_where_their_path_says() {
    let v = site_json(Path::new(BLOG));
    assert_eq!(v["generator"], "zola");
    let list = v["pages"].as_array().unwrap();
    assert_eq!(list.len(), 754);
    let mut with_path = 0;
    let mut by_url: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in list {
        let rel = p["path"].as_str().unwrap();
        let url = p["urls"][0].as_str().unwrap();
        // The page's own `path = "YYYY/MM/DD/slug"`, read from the file.
        let text = std::fs::read_to_string(Path::new(BLOG).join(rel)).unwrap();
        let header = text.split("+++").nth(1).unwrap();
        // Top-level keys only: `[extra]` tables come after them.
        let top = header.lines().take_while(|l| !l.starts_with('['));
        if let Some(line) = top.into_iter().find(|l| l.starts_with("path = ")) {
            with_path += 1;
            let path = line["path = ".len()..].trim().trim_matches('"');
            assert_eq!(url, format!("/{}/", path.trim_matches('/')), "{rel}");
        }
        by_url
            .entry(url.to_string())
            .or_default()
            .push(rel.to_string());
    }
    // The three `_index.md` sections and `releases/latest.md` have no `path`.
    assert_eq!(with_path, 750);
    assert_eq!(by_url["/"], ["content/_index.md"]);
    assert_eq!(by_url["/inside-rust/"], ["content/inside-rust/_index.md"]);
    assert_eq!(by_url["/releases/"], ["content/releases/_index.md"]);
    assert_eq!(by_url["/releases/latest/"], ["content/releases/latest.md"]);
    // No two pages at one URL.
    let dups: Vec<_> = by_url.iter().filter(|(_, v)| v.len() > 1).collect();
    assert!(dups.is_empty(), "{dups:?}");
}

#[test]
fn rust_blog_aliases_redirect_to_pages_and_collide_with_nothing() {
    let v = site_json(Path::new(BLOG));
    let list = v["pages"].as_array().unwrap();
    let urls: BTreeSet<&str> = list.iter().filter_map(|p| p["urls"][0].as_str()).collect();
    let mut aliases: BTreeSet<String> = BTreeSet::new();
    let mut count = 0;
    for p in list {
        assert_eq!(p["published"], true);
        for a in p["aliases"].as_array().unwrap() {
            let a = a.as_str().unwrap();
            count += 1;
            // Every alias belongs to a page that publishes, and is no page's URL.
            assert!(!p["urls"].as_array().unwrap().is_empty());
            assert!(!urls.contains(a), "alias {a} is a page's URL");
            assert!(aliases.insert(a.to_string()), "alias {a} twice");
        }
    }
    assert!(count > 600, "{count} aliases");
    // And frontlint agrees: no duplicate URL, no alias conflict, no broken `@/` reference.
    let found = findings(&run_in(
        Path::new(BLOG),
        &[
            "--no-cache",
            "--format",
            "json",
            "--select",
            "site,link/broken-ref",
        ],
    ));
    assert_eq!(found, []);
}

#[test]
fn rust_blog_link_findings_are_real_defects() {
    // Each of these renders to a URL that does not exist on blog.rust-lang.org: Zola puts the
    // page's URL in front of a relative link (`is_colocated_asset_link`), so `./x.md`,
    // `github.com/…` (no scheme) and `parallel-rustc.html` (the page is `…/parallel-rustc/`)
    // are broken.
    let found = findings(&run_in(
        Path::new(BLOG),
        &["--no-cache", "--format", "json", "--select", "link"],
    ));
    let mut targets: Vec<&str> = found
        .iter()
        .map(|(r, _, m)| {
            assert_eq!(r, "link/broken-relative", "{m}");
            m.as_str()
        })
        .collect();
    targets.dedup();
    assert_eq!(
        targets,
        [
            "link target `./rust-vision-doc.md` does not exist",
            "link target `github.com/rust-lang/rust/pull/139507` does not exist",
            "link target `github.com/rust-lang/rustc-dev-guide/pull/2288` does not exist",
            "link target `github.com/epage` does not exist",
            "link target `parallel-rustc.html` does not exist",
        ]
    );
    assert_eq!(found.len(), 11);
}

/// TOML as JSON the way frontlint's parser gives it to schemas: dates as strings.
fn toml_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_json(v))).collect(),
    }
}

#[test]
fn zola_schema_accepts_the_rust_blog_and_rejects_what_zola_rejects() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/zola.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for entry in walk(Path::new(BLOG).join("content")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let header = text.split("+++").nth(1).unwrap();
        let value = toml_json(toml::Value::Table(toml::from_str(header).unwrap()));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.display());
        checked += 1;
    }
    assert_eq!(checked, 754);
    // page.rs `PageFrontMatter::parse`: "`slug` can't be empty if present", "A taxonomy term
    // cannot be an empty string"; a date Zola cannot parse (`2002/10/12`) fails the build.
    for bad in [
        "slug = \"\"",
        "path = \"\"",
        "taxonomies = { tags = [\" \"] }",
        "date = \"2002/10/12\"",
        "draft = \"yes\"",
        "weight = -1",
    ] {
        let value = toml_json(toml::Value::Table(toml::from_str(bad).unwrap()));
        assert!(!validator.is_valid(&value), "{bad}");
    }
    for good in [
        "date = 2002-10-02T15:00:00Z",
        "date = 2002-10-02",
        "date = \"2002-10-02 15:00:00+02:00\"",
        "updated = 2002-10-02T15:00:00",
        "[taxonomies]\ntags = [\"rust\"]",
        "unknown_key = 1",
    ] {
        let value = toml_json(toml::Value::Table(toml::from_str(good).unwrap()));
        assert!(validator.is_valid(&value), "{good}");
    }
}

fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

#[test]
fn detection_zola_toml_or_a_config_toml_with_base_url() {
    let dir = tempfile::TempDir::new().unwrap();
    common::write(
        dir.path(),
        "zola.toml",
        "base_url = \"https://example.org\"\n",
    );
    common::write(dir.path(), "content/文章.md", "+++\ntitle = \"x\"\n+++\n");
    let v = site_json(dir.path());
    assert_eq!(v["generator"], "zola");
    assert_eq!(v["config_file"], "zola.toml");
    // `[slugify] paths = "on"` (the default): `文章` is transliterated.
    assert_eq!(v["pages"][0]["urls"][0], "/wen-zhang/");

    let other = tempfile::TempDir::new().unwrap();
    common::write(other.path(), ".git/HEAD", "");
    common::write(
        other.path(),
        "config.toml",
        "baseURL = \"https://example.org\"\n",
    );
    common::write(other.path(), "content/a.md", "+++\n+++\n");
    assert_ne!(site_json(other.path())["generator"], "zola");
}
