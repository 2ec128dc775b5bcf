//! MkDocs: the site model against MkDocs' own output (`../shared/sites/mkdocs-*/ORACLE/`,
//! MkDocs 1.6.1: `mkdocs-output-files.txt` and `mkdocs-build.log`), and small fixtures under
//! `fixtures/sites/mkdocs-*` whose expected output was produced by MkDocs 1.6.1 with
//! Material 9.8.2 and pymdown-extensions 13.1.2 (`mkdocs build` in the fixture; each fixture's
//! `ORACLE.txt` holds what it printed and wrote).

mod common;

use std::collections::BTreeSet;
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

/// The file MkDocs writes for a URL (`/a/` → `a/index.html`).
fn output_file(url: &str) -> String {
    let u = url.trim_start_matches('/');
    if u.is_empty() {
        "index.html".into()
    } else if u.ends_with('/') {
        format!("{u}index.html")
    } else {
        u.to_string()
    }
}

fn oracle_files(site: &str) -> BTreeSet<String> {
    std::fs::read_to_string(format!(
        "../shared/sites/{site}/ORACLE/mkdocs-output-files.txt"
    ))
    .unwrap()
    .lines()
    .map(str::to_string)
    .collect()
}

/// Every page's URL is a file MkDocs wrote, and every HTML file MkDocs wrote is a page, an alias
/// (redirect) or a page the theme generates. Returns (pages compared, equal).
fn compare(site: &str, generated: &[&str]) -> (usize, usize) {
    let root = Path::new("../shared/sites").join(site);
    let v = site_json(&root);
    assert_eq!(v["generator"], "mkdocs");
    let files = oracle_files(site);
    let mut compared = 0;
    let mut equal = 0;
    let mut produced: BTreeSet<String> = BTreeSet::new();
    for p in v["pages"].as_array().unwrap() {
        if p["role"] != "page" {
            continue;
        }
        compared += 1;
        let url = p["urls"][0].as_str().unwrap();
        let file = output_file(url);
        if files.contains(&file) {
            equal += 1;
        } else {
            eprintln!("{site}: {} → {url}: no {file} in the output", p["path"]);
        }
        produced.insert(file);
        for a in p["aliases"].as_array().unwrap() {
            let file = output_file(a.as_str().unwrap());
            assert!(
                files.contains(&file),
                "{site}: alias {file} not in the output"
            );
            produced.insert(file);
        }
    }
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        if !produced.contains(f) && !generated.iter().any(|g| f.starts_with(g)) {
            panic!("{site}: MkDocs wrote {f}, which no page of the model publishes");
        }
    }
    (compared, equal)
}

#[test]
fn httpx_urls_equal_mkdocs_output() {
    // 404.html is the theme's; overrides/partials/nav.html is a theme override inside docs_dir
    // that MkDocs copies as a static file.
    let (compared, equal) = compare("mkdocs-httpx", &["404.html", "overrides/"]);
    assert_eq!(compared, 23);
    assert_eq!(equal, compared);
}

#[test]
fn mkdocs_site_urls_equal_mkdocs_output() {
    // README.md publishes as its folder's index; the redirects plugin's three pages are aliases.
    let (compared, equal) = compare("mkdocs-mkdocs", &["404.html"]);
    assert_eq!(compared, 19);
    assert_eq!(equal, compared);
}

/// What `frontlint` (no configuration, no arguments) reports at a site root, for some rules.
fn lint(site: &str, select: &str) -> Vec<(String, u64, String, String)> {
    let root = Path::new("../shared/sites").join(site);
    let out = run_in(
        &root,
        &["--no-cache", "--format", "json", "--select", select],
    );
    let json: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    json.iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn httpx_link_findings_are_the_ones_mkdocs_reports() {
    // ORACLE/mkdocs-build.log: 1 unrecognized relative link and 6 missing anchors (INFO).
    let found = lint("mkdocs-httpx", "link");
    let mut got: Vec<(String, String)> = found
        .iter()
        .map(|(p, _, r, m)| (format!("{p} {r}"), m.clone()))
        .collect();
    got.sort();
    let want = [
        (
            "docs/advanced/clients.md link/broken-anchor",
            "this page has no heading with the anchor `#client-instances`",
        ),
        (
            "docs/advanced/clients.md link/broken-anchor",
            "this page has no heading with the anchor `#merging-of-parameters`",
        ),
        (
            "docs/advanced/proxies.md link/broken-anchor",
            "this page has no heading with the anchor `#routing`",
        ),
        (
            "docs/async.md link/broken-relative",
            "link target `../advanced/transports` does not exist",
        ),
        (
            "docs/compatibility.md link/broken-anchor",
            "`advanced/clients.md` has no heading with the anchor `#client-instances`",
        ),
        (
            "docs/environment_variables.md link/broken-anchor",
            "`advanced/proxies.md` has no heading with the anchor `#http-proxying`",
        ),
        (
            "docs/third_party_packages.md link/broken-anchor",
            "`advanced/authentication.md` has no heading with the anchor `#customizing-authentication`",
        ),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn mkdocs_site_has_no_link_findings_snippet_anchors_included() {
    // ORACLE/mkdocs-build.log: no link or anchor finding. Five links point at headings of
    // about/contributing.md that only the file it includes (`--8<-- "CONTRIBUTING.md"`) has.
    let found = lint("mkdocs-mkdocs", "link");
    assert_eq!(found, [], "{found:#?}");
}

#[test]
fn fixture_rules_match_mkdocs() {
    let dir = Path::new("fixtures/sites/mkdocs-rules");
    let v = site_json(dir);
    let pages: Vec<(String, String, bool)> = v["pages"]
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
        .collect();
    let oracle = std::fs::read_to_string(dir.join("ORACLE.txt")).unwrap();
    let written: BTreeSet<&str> = oracle
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .collect();
    for (path, url, published) in &pages {
        if path.contains("/draft") {
            assert!(!published, "{path} is a draft");
            continue;
        }
        if url == "-" {
            continue;
        }
        assert!(
            written.contains(output_file(url).as_str()),
            "{path} → {url}: MkDocs did not write {}",
            output_file(url)
        );
    }
    let found = findings(&run_in(
        dir,
        &["--no-cache", "--format", "json", "--select", "link,site"],
    ));
    let mut got: Vec<String> = found.iter().map(|f| format!("{} {}", f.0, f.2)).collect();
    got.sort();
    let want: Vec<String> = oracle
        .lines()
        .filter_map(|l| l.strip_prefix("frontlint "))
        .map(str::to_string)
        .collect();
    assert_eq!(got, want);
}

#[test]
fn detection_by_either_config_name_and_from_a_subfolder() {
    let dir = tempfile::TempDir::new().unwrap();
    common::write(
        dir.path(),
        "mkdocs.yaml",
        "site_name: x\ndocs_dir: 文档\nuse_directory_urls: no\nsite_url: !ENV [SITE_URL, 'https://example.org/docs/']\n",
    );
    common::write(dir.path(), "文档/指南.md", "# 指南\r\n");
    // From a subfolder of the site, upward to the config.
    let v = site_json(&dir.path().join("文档"));
    assert_eq!(v["generator"], "mkdocs");
    assert_eq!(v["config_file"], "mkdocs.yaml");
    assert_eq!(v["base_path"], "/docs/");
    assert_eq!(v["front_matter_required"], false);
    // `use_directory_urls: no` is YAML 1.1 false: `a.md` → `a.html`.
    assert_eq!(v["pages"][0]["path"], "文档/指南.md");
    assert_eq!(v["pages"][0]["urls"][0], "/指南.html");
}
