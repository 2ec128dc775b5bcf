//! Reading `docusaurus.config.*`: the plain literals of the config, the plugin instances of the
//! classic preset and of `plugins`, their folders, versions and locales, and the JavaScript
//! pages; the model made from them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::paths::{file_to_path, normalize_url};
use super::{DirKind, Docusaurus, Folder};
use crate::site::jslit::{Js, Reader};
use crate::site::urls;
use crate::site::{
    ContentDir, DateDialect, Kind, Language, Site, SiteError, StaticDir, Taxonomy, YamlReader,
};

pub(super) fn load(root: &Path, config: &Path) -> Result<Site, SiteError> {
    let site_dir_abs = config.parent().unwrap_or(root).to_path_buf();
    // The repository root (a `.git` folder) bounds where content folders may be; without one,
    // the folder above the config's.
    let bound = crate::site::repository_root(&site_dir_abs)
        .unwrap_or_else(|| site_dir_abs.parent().unwrap_or(&site_dir_abs).to_path_buf());
    let shown_config = config.file_name().map_or_else(
        || config.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let meta = std::fs::metadata(config).map_err(|e| SiteError {
        file: shown_config.clone(),
        message: format!("cannot read it: {e}"),
    })?;
    let mut notes: Vec<(String, String, String)> = Vec::new();
    let cfg = if meta.len() > JS_CONFIG_MAX {
        notes.push((
            "config".into(),
            format!(
                "larger than {} KiB: not read; documented defaults assumed",
                JS_CONFIG_MAX >> 10
            ),
            "assumed".into(),
        ));
        Js::Unknown
    } else {
        Reader::new(&bound)
            .default_export(config)
            .map(|v| v.object().cloned().unwrap_or(Js::Unknown))
            .unwrap_or(Js::Unknown)
    };
    let src = |key: &str| format!("{shown_config} `{key}`");

    // Site-wide options.
    let base_url = match cfg.get("baseUrl").and_then(Js::as_str) {
        Some(b) => {
            notes.push(("baseUrl".into(), b.into(), src("baseUrl")));
            urls::prefix(b)
        }
        None => {
            notes.push((
                "baseUrl".into(),
                "/ (not a plain literal in the config; `[site]` cannot set it yet)".into(),
                "assumed".into(),
            ));
            "/".into()
        }
    };
    let trailing_slash = cfg.get("trailingSlash").and_then(Js::as_bool);
    notes.push((
        "trailingSlash".into(),
        match trailing_slash {
            Some(true) => "true: every URL ends with `/`".into(),
            Some(false) => "false: no URL ends with `/`".into(),
            None => {
                "undefined: URLs as the plugins make them (docs and blog pages without a final `/`)"
                    .into()
            }
        },
        if cfg.get("trailingSlash").is_some() {
            src("trailingSlash")
        } else {
            "assumed".into()
        },
    ));
    let (locales, locale_source) = read_locales(&cfg);
    if locales.len() > 1 {
        notes.push(("i18n".into(), locales.join(", "), src(&locale_source)));
    }
    let static_dirs: Vec<String> = match cfg.get("staticDirectories") {
        Some(Js::Array(items)) if items.iter().all(|i| i.as_str().is_some()) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => vec!["static".into()],
    };
    // `markdown.format`: `mdx` (the default) reads `.md` files as MDX too; `md` and `detect`
    // read them as CommonMark.
    let format = cfg
        .get("markdown")
        .and_then(|m| m.get("format"))
        .and_then(Js::as_str)
        .unwrap_or("mdx")
        .to_string();
    let anchors_case = cfg
        .get("markdown")
        .and_then(|m| m.get("anchors"))
        .and_then(|a| a.get("maintainCase"))
        .and_then(Js::as_bool)
        .unwrap_or(false);

    // Plugin instances: the classic preset's `docs`, `blog`, `pages`, and `plugins` entries.
    let mut docs_opts: Vec<Js> = Vec::new();
    let mut blog_opts: Vec<Js> = Vec::new();
    let mut pages_opts: Vec<Js> = Vec::new();
    let mut unread: Vec<String> = Vec::new();
    match cfg.get("presets") {
        Some(Js::Array(presets)) => {
            for p in presets {
                let (name, opts) = plugin_entry(p);
                let Some(name) = name else {
                    unread.push("a preset".into());
                    continue;
                };
                if !(name == "classic" || name.contains("preset-classic")) {
                    continue;
                }
                let opts = opts.unwrap_or(Js::Object(Vec::new()));
                for (key, list) in [
                    ("docs", &mut docs_opts),
                    ("blog", &mut blog_opts),
                    ("pages", &mut pages_opts),
                ] {
                    match opts.get(key) {
                        Some(Js::Bool(false)) => {}
                        Some(o @ Js::Object(_)) => list.push(o.clone()),
                        None | Some(Js::Null) => list.push(Js::Object(Vec::new())),
                        Some(_) => {
                            unread.push(format!("the classic preset's `{key}` options"));
                            list.push(Js::Object(Vec::new()));
                        }
                    }
                }
            }
        }
        None if matches!(cfg, Js::Object(_)) => {}
        _ => unread.push("`presets`".into()),
    }
    if let Some(Js::Array(plugins)) = cfg.get("plugins") {
        for p in plugins {
            let (name, opts) = plugin_entry(p);
            let Some(name) = name else { continue };
            let opts = opts.unwrap_or(Js::Object(Vec::new()));
            if name.contains("plugin-content-docs") {
                docs_opts.push(opts);
            } else if name.contains("plugin-content-blog") {
                blog_opts.push(opts);
            } else if name.contains("plugin-content-pages") {
                pages_opts.push(opts);
            }
        }
    }
    if matches!(cfg, Js::Unknown) {
        notes.push((
            "config".into(),
            "not read (no plain `export default {…}` / `module.exports = {…}` object): the classic preset's defaults assumed".into(),
            "assumed".into(),
        ));
        docs_opts.push(Js::Object(Vec::new()));
        blog_opts.push(Js::Object(Vec::new()));
        pages_opts.push(Js::Object(Vec::new()));
    }
    for u in unread {
        notes.push((
            "plugins".into(),
            format!("{u} not a plain literal: defaults assumed"),
            "assumed".into(),
        ));
    }

    // Folders, relative to the site folder (absolute, normalised), then to the site root.
    let mut abs_folders: Vec<(Folder, String)> = Vec::new();
    let site_abs = norm_abs(&site_dir_abs);
    let bound_abs = norm_abs(&bound);
    let join_site = |p: &str| -> Option<String> {
        if p.starts_with('/') {
            urls::normalize(p)
        } else {
            urls::join(&site_abs, p)
        }
    };
    let default_locale = locales.first().cloned().unwrap_or_else(|| "en".into());
    let other_locales: Vec<String> = locales.iter().skip(1).cloned().collect();
    let mut generated: Vec<String> =
        vec!["/search".into(), "/404.html".into(), "/sitemap.xml".into()];
    for opts in &docs_opts {
        let id = plugin_id(opts);
        let path = opts.get("path").and_then(Js::as_str).unwrap_or("docs");
        let route = route_base(opts, "docs");
        let versions = read_versions(&site_dir_abs, &id, opts, &mut notes, &src("docs"));
        for v in &versions {
            let dir = if v.name == "current" {
                join_site(path)
            } else {
                join_site(&format!(
                    "{}/version-{}",
                    prefixed(&id, "versioned_docs"),
                    v.name
                ))
            };
            let Some(dir) = dir else { continue };
            let vroute = normalize_url(&[&base_url, &route, &v.path]);
            let vroute = strip_base(&vroute, &base_url);
            generated.push(format!("{}/tags", vroute.trim_end_matches('/')));
            generated.push(format!("{}/category", vroute.trim_end_matches('/')));
            abs_folders.push((
                Folder {
                    kind: DirKind::Docs,
                    dir,
                    plugin: id.clone(),
                    version: v.name.clone(),
                    locale: None,
                    route: vroute.trim_end_matches('/').to_string(),
                },
                format!(
                    "docs{} version `{}`",
                    if id == "default" {
                        String::new()
                    } else {
                        format!(" (`{id}`)")
                    },
                    v.name
                ),
            ));
            for l in &other_locales {
                let sub = if v.name == "current" {
                    "current".to_string()
                } else {
                    format!("version-{}", v.name)
                };
                let Some(dir) = join_site(&format!(
                    "i18n/{l}/{}/{sub}",
                    plugin_folder("docusaurus-plugin-content-docs", &id)
                )) else {
                    continue;
                };
                abs_folders.push((
                    Folder {
                        kind: DirKind::Docs,
                        dir,
                        plugin: id.clone(),
                        version: v.name.clone(),
                        locale: Some(l.clone()),
                        route: format!("/{l}{}", vroute.trim_end_matches('/')),
                    },
                    format!("docs version `{}` in `{l}`", v.name),
                ));
            }
        }
    }
    for opts in &blog_opts {
        let id = plugin_id(opts);
        let path = opts.get("path").and_then(Js::as_str).unwrap_or("blog");
        let route = route_base(opts, "blog");
        let broute = strip_base(&normalize_url(&[&base_url, &route]), &base_url);
        let broute = broute.trim_end_matches('/').to_string();
        for (key, default) in [
            ("tagsBasePath", "tags"),
            ("archiveBasePath", "archive"),
            ("pageBasePath", "page"),
            ("authorsBasePath", "authors"),
        ] {
            let b = opts.get(key).and_then(Js::as_str).unwrap_or(default);
            generated.push(format!("{broute}/{}", b.trim_matches('/')));
        }
        for feed in [
            "rss.xml",
            "atom.xml",
            "feed.json",
            "rss.xsl",
            "atom.xsl",
            "rss.css",
            "atom.css",
        ] {
            generated.push(format!("{broute}/{feed}"));
        }
        // The blog's own list page.
        generated.push(format!(
            "={}",
            if broute.is_empty() { "/" } else { &broute }
        ));
        if let Some(dir) = join_site(path) {
            abs_folders.push((
                Folder {
                    kind: DirKind::Blog,
                    dir,
                    plugin: id.clone(),
                    version: String::new(),
                    locale: None,
                    route: broute.clone(),
                },
                "blog".into(),
            ));
        }
        for l in &other_locales {
            if let Some(dir) = join_site(&format!(
                "i18n/{l}/{}",
                plugin_folder("docusaurus-plugin-content-blog", &id)
            )) {
                abs_folders.push((
                    Folder {
                        kind: DirKind::Blog,
                        dir,
                        plugin: id.clone(),
                        version: String::new(),
                        locale: Some(l.clone()),
                        route: format!("/{l}{broute}"),
                    },
                    format!("blog in `{l}`"),
                ));
            }
        }
    }
    let mut js_pages = HashSet::new();
    for opts in &pages_opts {
        let id = plugin_id(opts);
        let path = opts.get("path").and_then(Js::as_str).unwrap_or("src/pages");
        let route = route_base(opts, "");
        let proute = strip_base(&normalize_url(&[&base_url, &route]), &base_url);
        let proute = proute.trim_end_matches('/').to_string();
        if let Some(dir) = join_site(path) {
            if urls::is_under(&dir, &bound_abs) {
                list_js_pages(Path::new(&dir), &proute, &mut js_pages);
            }
            abs_folders.push((
                Folder {
                    kind: DirKind::Pages,
                    dir,
                    plugin: id.clone(),
                    version: String::new(),
                    locale: None,
                    route: proute.clone(),
                },
                "pages".into(),
            ));
        }
        for l in &other_locales {
            if let Some(dir) = join_site(&format!(
                "i18n/{l}/{}",
                plugin_folder("docusaurus-plugin-content-pages", &id)
            )) {
                abs_folders.push((
                    Folder {
                        kind: DirKind::Pages,
                        dir,
                        plugin: id.clone(),
                        version: String::new(),
                        locale: Some(l.clone()),
                        route: format!("/{l}{proute}"),
                    },
                    format!("pages in `{l}`"),
                ));
            }
        }
    }
    // JavaScript pages also exist in every other locale.
    let localized_js: Vec<String> = other_locales
        .iter()
        .flat_map(|l| {
            js_pages
                .iter()
                .map(move |p| urls::url_key(&format!("/{l}{p}")))
        })
        .collect();
    js_pages.extend(localized_js);
    let localized_generated: Vec<String> = other_locales
        .iter()
        .flat_map(|l| {
            generated.iter().map(move |g| match g.strip_prefix('=') {
                Some(exact) => format!("=/{l}{}", exact.trim_end_matches('/')),
                None => format!("/{l}{g}"),
            })
        })
        .collect();
    generated.extend(localized_generated);

    // The site root: the folder detection found, widened to hold every content folder that
    // stays inside the bound.
    let mut root_abs = norm_abs(root);
    let mut kept: Vec<(Folder, String)> = Vec::new();
    for (f, label) in abs_folders {
        if urls::is_under(&f.dir, &root_abs) {
            kept.push((f, label));
        } else if urls::is_under(&f.dir, &bound_abs) {
            root_abs = common_ancestor(&root_abs, &f.dir);
            kept.push((f, label));
        } else {
            notes.push((
                "content".into(),
                format!(
                    "{label} folder `{}` is outside the project: not read",
                    f.dir
                ),
                src("path"),
            ));
        }
    }
    let root_path = PathBuf::from(if root_abs.is_empty() { "/" } else { &root_abs });
    let rel = |abs: &str| -> String {
        urls::strip_dir(abs, root_abs.trim_end_matches('/'))
            .unwrap_or(abs)
            .to_string()
    };
    let mut folders: Vec<Folder> = Vec::new();
    let mut content: Vec<ContentDir> = Vec::new();
    for (mut f, label) in kept {
        f.dir = rel(&f.dir);
        content.push(ContentDir {
            dir: f.dir.clone(),
            lang: f
                .locale
                .clone()
                .or_else(|| (locales.len() > 1).then(|| default_locale.clone())),
            url_prefix: urls::prefix(&f.route),
            label,
        });
        folders.push(f);
    }
    folders.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));
    let site_dir = rel(&site_abs);

    let config_abs = PathBuf::from(norm_abs(config));
    let mut site = Site::base(
        Kind::Docusaurus,
        &root_path,
        Some(&config_abs),
        Box::new(Docusaurus {
            site_dir: site_dir.clone(),
            folders,
            trailing_slash,
            locales: locales.clone(),
            js_pages,
            generated: generated.iter().map(|g| generated_key(g)).collect(),
        }),
    );
    site.content = content;
    for s in &static_dirs {
        if let Some(abs) = join_site(s) {
            if urls::is_under(&abs, &root_abs) {
                site.statics.push(StaticDir {
                    dir: rel(&abs),
                    url_prefix: "/".into(),
                });
            }
        }
    }
    site.base_path = base_url.clone();
    if locales.len() > 1 {
        site.languages = locales
            .iter()
            .enumerate()
            .map(|(i, l)| Language {
                key: l.clone(),
                url_prefix: if i == 0 { "/".into() } else { format!("/{l}/") },
            })
            .collect();
    }
    site.headings = crate::site::anchors::Style::GithubSlugger {
        strip_trailing_dash: false,
        h1_ids: false,
    };
    // js-yaml 4's default schema through gray-matter: YAML 1.2 core (`yes` and `0755` are a
    // string and a decimal number) plus YAML 1.1 timestamps (`2024-01-02`, `2024-01-02 10:00:00`).
    site.yaml = YamlReader::Yaml12;
    site.dates = DateDialect::JavaScript;
    site.front_matter_required = false;
    // Neither filters content by date: a page dated in the future is built (there is no
    // expiry date either).
    site.build_future = true;
    site.build_expired = true;
    site.markdown_is_mdx = format == "mdx";
    site.schema = Some("docusaurus.json");
    site.taxonomies = Some(vec![Taxonomy {
        key: "tags".into(),
        url_prefix: None,
    }]);
    site.note(
        "site folder",
        if site_dir.is_empty() {
            ".".to_string()
        } else {
            site_dir
        },
        "the config's folder",
    );
    for (topic, value, source) in notes {
        site.note(&topic, value, source);
    }
    if anchors_case {
        site.note(
            "heading ids",
            "`markdown.anchors.maintainCase`: ids keep their case (links are compared without case)",
            src("markdown"),
        );
    }
    site.note(
        "markdown",
        if format == "mdx" {
            "`.md` and `.mdx` pages are MDX (`markdown.format: 'mdx'`)".to_string()
        } else {
            format!("`.md` pages are CommonMark, `.mdx` pages MDX (`markdown.format: '{format}'`)")
        },
        if cfg.get("markdown").and_then(|m| m.get("format")).is_some() {
            src("markdown.format")
        } else {
            "assumed (Docusaurus 3's default)".into()
        },
    );
    site.note(
        "front matter",
        "optional; js-yaml 4 (YAML 1.2 core schema with timestamps); `draft: true` pages are not built",
        "assumed",
    );
    Ok(site)
}

/// Largest JavaScript config read.
const JS_CONFIG_MAX: u64 = 1 << 20;

/// A path as a normalised, absolute, `/`-separated string.
fn norm_abs(p: &Path) -> String {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let s = abs.to_string_lossy().replace('\\', "/");
    urls::normalize(&s).unwrap_or(s)
}

pub(super) fn common_ancestor(a: &str, b: &str) -> String {
    let common: Vec<&str> = a
        .split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect();
    let joined = common.join("/");
    if joined.is_empty() {
        "/".into()
    } else {
        joined
    }
}

/// `["name", {options}]`, `"name"`, or `[require.resolve("name"), {…}]` in `presets`/`plugins`.
fn plugin_entry(v: &Js) -> (Option<String>, Option<Js>) {
    match v {
        Js::Str(s) => (Some(s.clone()), None),
        Js::Array(items) => {
            let name = match items.first() {
                Some(Js::Str(s)) => Some(s.clone()),
                Some(Js::Call(callee, args)) if callee.ends_with("resolve") => {
                    args.first().and_then(Js::as_str).map(str::to_string)
                }
                _ => None,
            };
            (name, items.get(1).cloned())
        }
        _ => (None, None),
    }
}

fn plugin_id(opts: &Js) -> String {
    opts.get("id")
        .and_then(Js::as_str)
        .unwrap_or("default")
        .to_string()
}

/// `versioned_docs` for the default instance, `<id>_versioned_docs` for others.
fn prefixed(id: &str, name: &str) -> String {
    if id == "default" {
        name.into()
    } else {
        format!("{id}_{name}")
    }
}

/// `docusaurus-plugin-content-docs` for the default instance, `…-<id>` for others.
fn plugin_folder(name: &str, id: &str) -> String {
    if id == "default" {
        name.into()
    } else {
        format!("{name}-{id}")
    }
}

/// `routeBasePath` (leading `/`, no trailing one), default `default`.
fn route_base(opts: &Js, default: &str) -> String {
    let r = opts
        .get("routeBasePath")
        .and_then(Js::as_str)
        .unwrap_or(default);
    format!("/{}", r.trim_matches('/'))
}

/// `i18n.locales` and `i18n.defaultLocale`, default first.
fn read_locales(cfg: &Js) -> (Vec<String>, String) {
    let i18n = cfg.get("i18n");
    let default = i18n
        .and_then(|i| i.get("defaultLocale"))
        .and_then(Js::as_str)
        .unwrap_or("en")
        .to_string();
    let mut list: Vec<String> = match i18n.and_then(|i| i.get("locales")) {
        Some(Js::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    list.retain(|l| *l != default);
    list.insert(0, default);
    (list, "i18n".into())
}

struct Version {
    name: String,
    /// The version's path part (`''`, `next`, `1.0`).
    path: String,
}

/// The versions of one docs instance, as `versions/files.ts` and `versions/version.ts` read
/// them: `versions.json` (`<id>_versions.json`), `current` first unless excluded.
fn read_versions(
    site_dir: &Path,
    id: &str,
    opts: &Js,
    notes: &mut Vec<(String, String, String)>,
    source: &str,
) -> Vec<Version> {
    let file = site_dir.join(prefixed(id, "versions.json"));
    let mut names: Vec<String> = Vec::new();
    let disable = opts.get("disableVersioning").and_then(Js::as_bool) == Some(true);
    if !disable {
        if let Ok(text) = read_small(&file) {
            if let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&text) {
                names = items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
            }
        }
    }
    let include_current = opts.get("includeCurrentVersion").and_then(Js::as_bool) != Some(false);
    if include_current && !names.iter().any(|n| n == "current") {
        names.insert(0, "current".into());
    }
    if let Some(Js::Array(only)) = opts.get("onlyIncludeVersions") {
        let only: Vec<&str> = only.iter().filter_map(Js::as_str).collect();
        names.retain(|n| only.contains(&n.as_str()));
    }
    let last = match opts.get("lastVersion") {
        Some(Js::Str(s)) => s.clone(),
        other => {
            if other.is_some_and(|v| !matches!(v, Js::Null)) {
                notes.push((
                    "docs lastVersion".into(),
                    "not a plain literal: the first version of versions.json assumed (the documented default)".into(),
                    "assumed".into(),
                ));
            }
            names
                .iter()
                .find(|n| *n != "current")
                .cloned()
                .unwrap_or_else(|| "current".into())
        }
    };
    if names.len() > 1 {
        notes.push((
            "docs versions".into(),
            format!("{} (last: {last})", names.join(", ")),
            format!(
                "{} and {source}",
                file.file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
            ),
        ));
    }
    names
        .into_iter()
        .map(|name| {
            let configured = opts
                .get("versions")
                .and_then(|v| v.get(&name))
                .and_then(|v| v.get("path"))
                .and_then(Js::as_str)
                .map(str::to_string);
            let path = configured.unwrap_or_else(|| {
                if name == last {
                    String::new()
                } else if name == "current" {
                    "next".into()
                } else {
                    name.clone()
                }
            });
            Version { name, path }
        })
        .collect()
}

fn read_small(file: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(file)?;
    if !meta.is_file() || meta.len() > JS_CONFIG_MAX {
        return Err(std::io::Error::other("not a small regular file"));
    }
    std::fs::read_to_string(file)
}

/// The routes of the JavaScript pages under `dir` (`fileToPath` in `@docusaurus/utils`), as URL
/// keys. Folders are listed without following symbolic links; at most 10,000 entries.
fn list_js_pages(dir: &Path, route: &str, out: &mut HashSet<String>) {
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    let mut seen = 0usize;
    while let Some((d, rel)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            seen += 1;
            if seen > 10_000 {
                return;
            }
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if name.starts_with('_') || name == "__tests__" {
                continue;
            }
            let Ok(t) = e.file_type() else { continue };
            let child = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if t.is_dir() {
                stack.push((e.path(), child));
            } else if t.is_file() {
                let Some((stem, ext)) = name.rsplit_once('.') else {
                    continue;
                };
                if !matches!(ext, "js" | "jsx" | "ts" | "tsx") || stem.ends_with(".test") {
                    continue;
                }
                out.insert(urls::url_key(&format!("{route}{}", file_to_path(&child))));
            }
        }
    }
}

/// A URL without the base path (`/base/docs` → `/docs`), keeping a leading `/`.
fn strip_base(url: &str, base: &str) -> String {
    if base == "/" {
        return url.to_string();
    }
    let b = base.trim_end_matches('/');
    match url.strip_prefix(b) {
        Some("") => "/".into(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => url.to_string(),
    }
}

/// A generated prefix as stored: `=` + key for an exact URL, else the key of the prefix.
fn generated_key(g: &str) -> String {
    match g.strip_prefix('=') {
        Some(exact) => format!("={}", urls::url_key(exact)),
        None => urls::url_key(g),
    }
}
