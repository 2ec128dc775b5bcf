//! MkDocs (mkdocs.org), with Material for MkDocs.
//!
//! What MkDocs 1.6 does, and where this file follows it (paths in the `mkdocs` package):
//!
//! * **Config** (`config/defaults.py`, `config/base.py`): `mkdocs.yml` or `mkdocs.yaml`, read as
//!   PyYAML reads it, tags kept ([`yaml`]); `INHERIT` merged; `!ENV [VAR, default]` read as its
//!   default; `docs_dir` (default `docs`, relative to the config file), `use_directory_urls`
//!   (default true), `site_url` (its path is the base path), `exclude_docs`, `draft_docs`,
//!   `not_in_nav`, `nav`, `validation`, `markdown_extensions` (`toc` is always loaded, with
//!   `tables` and `fenced_code`), `plugins` (default `search`).
//! * **Files** (`structure/files.py`): every file under `docs_dir`; Markdown pages are the
//!   `.md`, `.markdown`, `.mdown`, `.mkdn`, `.mkd` files; `.*` anywhere and `/templates/` are
//!   always excluded (`_default_exclude`), then `exclude_docs` (gitignore patterns); excluded
//!   files are not built. `draft_docs` are built only by `mkdocs serve`.
//! * **URLs** (`File._get_dest_path`, `File._get_url`): `README` is `index`; `index.md` →
//!   `dir/`; `a.md` → `a/` (`a.html` without `use_directory_urls`).
//! * **Links** (`structure/pages.py` `_RelativePathTreeprocessor.path_to_url`): a relative link
//!   names a *file* relative to the page's file (`../a.md#x`, `img/b.png`); a relative link
//!   that names no file is reported by MkDocs (`unrecognized_links` when it has no extension,
//!   `not_found` otherwise), even when it would work in a browser (`../a/`), and a link to an
//!   excluded file is reported too. Absolute links (`/a/`) are left as they are (MkDocs says so
//!   at `validation.links.absolute_links`, INFO by default): frontlint reads them as URLs of the
//!   site, or, with `absolute_links: relative_to_docs`, as files under `docs_dir`.
//! * **Anchors** (`Page.validate_anchor_links`): every `id` in the rendered page, and `name` of
//!   `<a>`: heading ids by Python-Markdown's `toc` ([`slug`]), `attr_list` ids (`{ #id }`,
//!   `{: #id }`, `{ id="x" }`), raw HTML ids, `footnotes` (`fn:label`, `fnref:label`); the
//!   text that `pymdownx.snippets` includes (`--8<-- "file.md"`) counts as the page's.
//! * **Redirects** (the `redirects` plugin's `redirect_maps`): each old page publishes a
//!   redirect at the URL the old file would have had: an alias of the new page.

mod slug;
mod yaml;

use std::ops::Range;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde_json::Value;

pub use slug::PySlug;

use super::anchors::Style;
use super::facts::PageFacts;
use super::map::PageMap;
use super::urls;
use super::{
    Alias, Candidate, ContentDir, Generator, Kind, PageInfo, PageKind, PageUrl, Registration, Role,
    Site, SiteError, StaticDir, Taxonomy, YamlReader,
};

pub const REGISTRATION: Registration = Registration {
    kind: Kind::MkDocs,
    detect,
    load,
};

/// The `toc` slug of a heading text (for [`Style::PythonMarkdown`]).
pub fn py_slug(text: &str, separator: &str, how: PySlug) -> String {
    slug::slug(text, separator, how)
}

/// The `n`-th repeat of an id (for [`Style::PythonMarkdown`]).
pub fn py_repeat(base: &str, n: usize) -> String {
    slug::repeat(base, n)
}

const CONFIG_NAMES: &[&str] = &["mkdocs.yml", "mkdocs.yaml"];
/// `utils.markdown_extensions`.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkdn", "mkd"];
/// Largest snippet file read, and how deep snippets nest.
const MAX_SNIPPET_BYTES: u64 = 4 << 20;
const MAX_SNIPPET_DEPTH: usize = 4;
/// How many `INHERIT` levels are followed.
const MAX_INHERIT: usize = 8;

#[derive(Debug)]
struct MkDocsSite {
    /// `docs_dir`, relative to the site root.
    docs: String,
    directory_urls: bool,
    /// `_default_exclude` plus `exclude_docs`, rooted at `docs_dir`.
    exclude: Gitignore,
    drafts: Option<Gitignore>,
    docs_abs: PathBuf,
    /// `redirect_maps`: old file (docs-relative) → target as written.
    redirects: Vec<(String, String)>,
    /// `validation.links.absolute_links: relative_to_docs`.
    absolute_to_docs: bool,
    attr_list: bool,
    /// `pymdownx.snippets` base paths, relative to the site root (`None`: not loaded).
    snippets: Option<Vec<String>>,
    root: PathBuf,
    /// The heading-id style, for snippet headings.
    style: Style,
    /// URL prefix of the Material blog plugin's generated pages (archive, categories, pages).
    blog: Option<String>,
    /// A plugin or extension renders `::: identifier` blocks (mkdocstrings, mkdocs-click): the
    /// ids of a page holding one are not known.
    directives: bool,
    /// Files the theme adds to the site (`Files.add_files_from_theme`): path prefixes.
    theme_files: &'static [&'static str],
    /// `theme.custom_dir`, relative to the root: its files are theme files too.
    custom_dir: Option<String>,
}

/// Files the built-in themes and Material add beside the pages (mkdocs/themes/mkdocs,
/// mkdocs/themes/readthedocs, material/templates): links to them are found by MkDocs.
fn theme_files(theme: Option<&str>) -> &'static [&'static str] {
    match theme {
        Some("mkdocs") | None => &[
            "img/favicon.ico",
            "img/grid.png",
            "css/",
            "js/",
            "webfonts/",
        ],
        Some("readthedocs") => &["img/favicon.ico", "css/", "js/"],
        Some("material") => &["assets/"],
        Some(_) => &[],
    }
}

fn detect(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// Read a YAML config file (bounded size).
fn read_yaml(path: &Path, shown: &str) -> Result<Value, SiteError> {
    let err = |message: String| SiteError {
        file: shown.to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() > super::MAX_CONFIG_BYTES {
        return Err(err(format!(
            "it is {} MiB, more than the {} MiB frontlint reads",
            meta.len() >> 20,
            super::MAX_CONFIG_BYTES >> 20
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    yaml::parse(&text).map_err(err)
}

/// `INHERIT`: the parent's values, overridden by the child's (mkdocs/utils/yaml.py
/// `yaml_load`, which merges dictionaries recursively).
fn merge(parent: Value, child: Value) -> Value {
    match (parent, child) {
        (Value::Object(mut p), Value::Object(c)) => {
            for (k, v) in c {
                let merged = match p.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                p.insert(k, merged);
            }
            Value::Object(p)
        }
        (_, c) => c,
    }
}

/// A value with `!ENV` resolved to its default (the last item of `!ENV [VAR, default]`;
/// `!ENV VAR` alone is null): the environment of a lint run is not the build's.
fn plain(v: &Value) -> Value {
    match yaml::tagged(v) {
        Some(("!ENV", inner)) => match inner {
            Value::Array(items) if items.len() > 1 => plain(&items[items.len() - 1]),
            _ => Value::Null,
        },
        Some(("!relative", inner)) => inner.clone(),
        _ => v.clone(),
    }
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?.get(key)
}

fn as_bool(v: &Value) -> Option<bool> {
    match plain(v) {
        Value::Bool(b) => Some(b),
        _ => None,
    }
}

fn as_string(v: &Value) -> Option<String> {
    match plain(v) {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// A list of extensions or plugins (`- name`, `- name: {options}`, or a mapping) as
/// (name, options).
fn named_items(v: Option<&Value>) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    match v {
        Some(Value::Array(items)) => {
            for item in items {
                match item {
                    Value::String(s) => out.push((s.clone(), Value::Null)),
                    Value::Object(m) => {
                        for (k, v) in m {
                            out.push((k.clone(), v.clone()));
                        }
                    }
                    _ => {}
                }
            }
        }
        Some(Value::Object(m)) => {
            for (k, v) in m {
                out.push((k.clone(), v.clone()));
            }
        }
        _ => {}
    }
    out
}

/// The short name of an extension (`markdown.extensions.toc` → `toc`).
fn ext_name(name: &str) -> &str {
    name.strip_prefix("markdown.extensions.").unwrap_or(name)
}

/// The slug function named by `toc: slugify:`.
fn slug_function(v: &Value) -> Option<PySlug> {
    let (tag, inner) = yaml::tagged(v)?;
    let func = tag
        .strip_prefix("!!python/name:")
        .or_else(|| tag.strip_prefix("!!python/object/apply:"))?;
    let kwds = get(inner, "kwds").or_else(|| match inner {
        Value::Array(a) => a.iter().find(|x| x.is_object()),
        _ => None,
    });
    let kw = |k: &str| kwds.and_then(|m| get(m, k)).and_then(Value::as_str);
    let case = |s: Option<&str>| match s {
        Some("lower") => slug::PyCase::Lower,
        Some("lower-ascii") => slug::PyCase::LowerAscii,
        Some("fold") => slug::PyCase::Fold,
        _ => slug::PyCase::None,
    };
    let nfd = matches!(kw("normalize"), Some("NFD" | "NFKD"));
    Some(match func.rsplit('.').next().unwrap_or(func) {
        "slugify_unicode" if func.contains("toc") => PySlug::Unicode,
        "slugify" if func.contains("toc") => PySlug::Default,
        "slugify" => PySlug::Pymdownx {
            case: case(kw("case")),
            nfd,
        },
        // pymdown-extensions before 10: fixed variants.
        "uslugify" | "gfm" | "uslugify_encoded" => PySlug::Pymdownx {
            case: slug::PyCase::Lower,
            nfd: false,
        },
        "uslugify_cased" | "gfm_cased" | "uslugify_cased_encoded" => PySlug::Pymdownx {
            case: slug::PyCase::None,
            nfd: false,
        },
        _ => return None,
    })
}

fn gitignore(dir: &Path, lines: &[&str]) -> Gitignore {
    let mut b = GitignoreBuilder::new(dir);
    for line in lines {
        let _ = b.add_line(None, line);
    }
    b.build().unwrap_or_else(|_| Gitignore::empty())
}

/// Patterns given as a multi-line string (or a list).
fn pattern_lines(v: Option<&Value>) -> Vec<String> {
    match v.map(plain) {
        Some(Value::String(s)) => s.lines().map(str::to_string).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(as_string).collect(),
        _ => Vec::new(),
    }
}

fn load(root: &Path, config: &Path) -> Result<Site, SiteError> {
    let shown = config
        .strip_prefix(root)
        .unwrap_or(config)
        .to_string_lossy()
        .replace('\\', "/");
    let mut cfg = read_yaml(config, &shown)?;
    let config_dir = config.parent().unwrap_or(root).to_path_buf();
    let mut inherited = Vec::new();
    let mut parent_from = config_dir.clone();
    for _ in 0..MAX_INHERIT {
        let Some(parent) = get(&cfg, "INHERIT").and_then(as_string) else {
            break;
        };
        let path = parent_from.join(&parent);
        let base = read_yaml(&path, &parent)?;
        parent_from = path.parent().unwrap_or(&parent_from).to_path_buf();
        inherited.push(parent);
        if let Some(m) = cfg.as_object_mut() {
            m.remove("INHERIT");
        }
        cfg = merge(base, cfg);
    }

    let docs_dir = get(&cfg, "docs_dir")
        .and_then(as_string)
        .unwrap_or_else(|| "docs".into());
    let docs_abs = config_dir.join(&docs_dir);
    let docs = urls::normalize(
        &docs_abs
            .strip_prefix(root)
            .unwrap_or(Path::new(&docs_dir))
            .to_string_lossy()
            .replace('\\', "/"),
    )
    .unwrap_or_else(|| docs_dir.clone())
    .trim_end_matches('/')
    .to_string();
    let directory_urls = get(&cfg, "use_directory_urls")
        .and_then(as_bool)
        .unwrap_or(true);
    let site_url = get(&cfg, "site_url").and_then(as_string);

    // Files.
    let excludes = pattern_lines(get(&cfg, "exclude_docs"));
    let mut lines: Vec<&str> = vec![".*", "/templates/"];
    lines.extend(excludes.iter().map(String::as_str));
    let exclude = gitignore(&docs_abs, &lines);
    let draft_lines = pattern_lines(get(&cfg, "draft_docs"));
    let drafts = (!draft_lines.is_empty()).then(|| {
        gitignore(
            &docs_abs,
            &draft_lines.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    });

    // Markdown extensions (`toc`, `tables`, `fenced_code` are always loaded).
    let mut separator = "-".to_string();
    let mut slugify = PySlug::Default;
    let mut slug_named = None;
    let mut attr_list = false;
    let mut snippets = None;
    let mut ext_names = Vec::new();
    for (name, opts) in named_items(get(&cfg, "markdown_extensions")) {
        let short = ext_name(&name).to_string();
        match short.as_str() {
            "toc" => {
                if let Some(s) = get(&opts, "separator").and_then(as_string) {
                    separator = s;
                }
                if let Some(v) = get(&opts, "slugify") {
                    match slug_function(v) {
                        Some(f) => slugify = f,
                        None => {
                            slug_named = Some(match yaml::tagged(v) {
                                Some((t, _)) => t.to_string(),
                                None => v.to_string(),
                            })
                        }
                    }
                }
            }
            "attr_list" => attr_list = true,
            "extra" => {
                // markdown.extensions.extra: abbr, attr_list, def_list, fenced_code,
                // footnotes, md_in_html, tables.
                attr_list = true;
            }
            "pymdownx.snippets" => {
                let bases = match get(&opts, "base_path").map(plain) {
                    Some(Value::String(s)) => vec![s],
                    Some(Value::Array(a)) => a.iter().filter_map(as_string).collect(),
                    _ => vec![".".to_string()],
                };
                // Relative to the folder `mkdocs` runs in: the config file's folder.
                let rel: Vec<String> = bases
                    .iter()
                    .filter_map(|b| {
                        let b = b
                            .replace("$config_dir", ".")
                            .replace("$docs_dir", &docs_dir);
                        let abs = config_dir.join(b);
                        abs.strip_prefix(root)
                            .ok()
                            .and_then(|p| urls::normalize(&p.to_string_lossy().replace('\\', "/")))
                    })
                    .collect();
                snippets = Some(rel);
            }
            _ => {}
        }
        if short != "toc" && !ext_names.contains(&short) {
            ext_names.push(short);
        }
    }
    let headings = Style::PythonMarkdown {
        separator: separator.clone(),
        slugify,
    };

    // Plugins (default: `search`).
    let plugins = match get(&cfg, "plugins") {
        None => vec![("search".to_string(), Value::Null)],
        v => named_items(v),
    };
    let mut redirects = Vec::new();
    let mut blog = None;
    let mut plugin_names = Vec::new();
    let mut tags = false;
    for (name, opts) in &plugins {
        let short = name
            .strip_prefix("material/")
            .unwrap_or(name)
            .trim_end_matches("-plugin");
        plugin_names.push(name.clone());
        match short {
            "redirects" => {
                if let Some(Value::Object(m)) = get(opts, "redirect_maps").map(plain) {
                    for (old, new) in m {
                        if let Some(new) = as_string(&new) {
                            redirects.push((old.clone(), new));
                        }
                    }
                }
            }
            "blog" => {
                let dir = get(opts, "blog_dir")
                    .and_then(as_string)
                    .unwrap_or_else(|| "blog".into());
                blog = Some(urls::prefix(&dir));
            }
            "tags" => tags = true,
            _ => {}
        }
    }
    redirects.sort();

    let absolute_to_docs = get(&cfg, "validation").is_some_and(|v| {
        [
            get(v, "absolute_links"),
            get(v, "links").and_then(|l| get(l, "absolute_links")),
        ]
        .into_iter()
        .flatten()
        .any(|a| as_string(a).as_deref() == Some("relative_to_docs"))
    });
    let theme_value = get(&cfg, "theme").map(plain);
    let theme = match &theme_value {
        Some(Value::String(s)) => Some(s.clone()),
        Some(t @ Value::Object(_)) => get(t, "name").and_then(as_string),
        _ => None,
    };
    let custom_dir = theme_value
        .as_ref()
        .and_then(|t| get(t, "custom_dir"))
        .and_then(as_string)
        .and_then(|d| {
            config_dir
                .join(d)
                .strip_prefix(root)
                .ok()
                .and_then(|p| urls::normalize(&p.to_string_lossy().replace('\\', "/")))
        });
    let directives = ext_names.iter().any(|e| e == "mkdocs-click")
        || plugin_names
            .iter()
            .any(|p| p.starts_with("mkdocstrings") || p == "mkdocs-click");

    let generator = MkDocsSite {
        docs: docs.clone(),
        directory_urls,
        exclude,
        drafts,
        docs_abs: docs_abs.clone(),
        redirects: redirects.clone(),
        absolute_to_docs,
        attr_list,
        snippets: snippets.clone(),
        root: root.to_path_buf(),
        style: headings.clone(),
        blog: blog.clone(),
        directives,
        theme_files: theme_files(theme.as_deref()),
        custom_dir,
    };
    let mut site = Site::base(Kind::MkDocs, root, Some(config), Box::new(generator));
    site.content.push(ContentDir {
        dir: docs.clone(),
        lang: None,
        url_prefix: "/".into(),
        label: "docs".into(),
    });
    // Every other file under docs_dir is copied as is.
    site.statics.push(StaticDir {
        dir: docs.clone(),
        url_prefix: "/".into(),
    });
    site.headings = headings;
    // PyYAML (`yaml.load(…, SafeLoader)` in mkdocs/utils/meta.py) reads YAML 1.1.
    site.yaml = YamlReader::Yaml11;
    site.front_matter_required = false;
    site.schema = Some("mkdocs.json");
    if tags {
        site.taxonomies = Some(vec![Taxonomy {
            key: "tags".into(),
            url_prefix: None,
        }]);
    }
    if let Some(url) = &site_url {
        site.base_path = super::base_path_of(url);
    }

    // Notes.
    for parent in &inherited {
        site.note("INHERIT", format!("merged under `{parent}`"), shown.clone());
    }
    site.note(
        "docs_dir",
        format!("{docs}/"),
        src(&cfg, "docs_dir", &shown),
    );
    site.note(
        "use_directory_urls",
        if directory_urls {
            "true: `a.md` publishes at `a/`, `index.md` and `README.md` at their folder"
        } else {
            "false: `a.md` publishes at `a.html`"
        },
        src(&cfg, "use_directory_urls", &shown),
    );
    site.note(
        "site_url",
        match &site_url {
            Some(u) => format!("{u} (base path {})", site.base_path),
            None => "not set: base path `/`".into(),
        },
        src(&cfg, "site_url", &shown),
    );
    site.note(
        "exclude_docs",
        if excludes.iter().all(|l| l.trim().is_empty()) {
            "`.*` and `/templates/` (MkDocs' defaults)".to_string()
        } else {
            format!(
                "`.*`, `/templates/` and {}",
                excludes
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("`{}`", l.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        src(&cfg, "exclude_docs", &shown),
    );
    if !draft_lines.is_empty() {
        site.note(
            "draft_docs",
            "matching pages are built only by `mkdocs serve`: not published",
            shown.clone(),
        );
    }
    site.note(
        "markdown_extensions",
        format!(
            "toc, tables, fenced_code (always){}{}",
            if ext_names.is_empty() { "" } else { ", " },
            ext_names.join(", ")
        ),
        src(&cfg, "markdown_extensions", &shown),
    );
    site.note(
        "heading ids",
        format!(
            "Python-Markdown toc: {}, separator `{separator}`{}{}",
            slugify.name(),
            if attr_list {
                "; attr_list ids (`{ #id }`)"
            } else {
                ""
            },
            if snippets.is_some() {
                "; headings of pymdownx.snippets includes"
            } else {
                ""
            }
        ),
        src(&cfg, "markdown_extensions", &shown),
    );
    if let Some(f) = slug_named {
        site.note(
            "toc slugify",
            format!("`{f}` is not modelled: Python-Markdown's default slugify assumed"),
            "assumed",
        );
    }
    if let Some(bases) = &snippets {
        site.note(
            "pymdownx.snippets",
            format!(
                "base paths: {}",
                bases
                    .iter()
                    .map(|b| if b.is_empty() { "." } else { b.as_str() })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            shown.clone(),
        );
    }
    site.note(
        "plugins",
        plugin_names.join(", "),
        if get(&cfg, "plugins").is_some() {
            shown.clone()
        } else {
            "assumed".into()
        },
    );
    if !redirects.is_empty() {
        site.note(
            "redirects",
            format!(
                "{} redirect_maps entries: aliases of their targets",
                redirects.len()
            ),
            shown.clone(),
        );
    }
    if let Some(b) = &blog {
        site.note(
            "blog",
            format!("Material blog plugin: posts' URLs are not modelled; pages it generates under {b} are taken as existing"),
            "assumed",
        );
    }
    site.note(
        "links",
        if absolute_to_docs {
            "relative links name files next to the page; absolute links name files under docs_dir (validation: relative_to_docs)"
        } else {
            "relative links name files next to the page (as MkDocs validates them); absolute links are URLs of the site"
        },
        "assumed",
    );
    if let Some(t) = theme {
        site.note("theme", t, shown.clone());
    }
    if plugin_names.iter().any(|p| p == "i18n") {
        site.note(
            "i18n",
            "the mkdocs-static-i18n plugin is not modelled: one language assumed",
            "assumed",
        );
    }
    if get(&cfg, "site_url").is_some_and(|v| yaml::tagged(v).is_some())
        || get(&cfg, "use_directory_urls").is_some_and(|v| yaml::tagged(v).is_some())
        || get(&cfg, "docs_dir").is_some_and(|v| yaml::tagged(v).is_some())
    {
        site.note(
            "!ENV",
            "values given as `!ENV [VAR, default]` are read as their default",
            "assumed",
        );
    }
    // `nav` entries naming files that do not exist (MkDocs: "A reference to '…' is included in
    // the 'nav' configuration, which is not found in the documentation files", a warning).
    let mut missing = Vec::new();
    nav_files(get(&cfg, "nav"), &mut missing);
    missing.retain(|f| !docs_abs.join(f).is_file());
    if !missing.is_empty() {
        site.note(
            "nav",
            format!(
                "names files that do not exist in {docs}/: {}",
                missing.join(", ")
            ),
            shown.clone(),
        );
    }
    Ok(site)
}

/// The config file when it sets `key`, else `assumed`.
fn src(cfg: &Value, key: &str, shown: &str) -> String {
    if get(cfg, key).is_some() {
        shown.to_string()
    } else {
        "assumed".into()
    }
}

/// The `.md` files a `nav` names (not URLs, not folders).
fn nav_files(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => {
            let s = s.trim();
            if !s.contains("://")
                && !s.starts_with('/')
                && MARKDOWN_EXTENSIONS
                    .iter()
                    .any(|e| s.to_ascii_lowercase().ends_with(&format!(".{e}")))
            {
                out.push(s.to_string());
            }
        }
        Some(Value::Array(a)) => a.iter().for_each(|x| nav_files(Some(x), out)),
        Some(Value::Object(m)) => m.values().for_each(|x| nav_files(Some(x), out)),
        _ => {}
    }
}

/// Whether a file name is a Markdown page for MkDocs.
fn is_markdown(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && MARKDOWN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// Python's `posixpath.normpath` of a relative path: `None` when it climbs above the start.
fn normpath(path: &str) -> Option<String> {
    let n = urls::normalize(path)?;
    Some(n.trim_end_matches('/').to_string())
}

impl MkDocsSite {
    /// `rel` (relative to the root) inside `docs_dir`.
    fn src_uri<'a>(&self, rel: &'a str) -> Option<&'a str> {
        urls::strip_dir(rel, &self.docs).filter(|s| !s.is_empty())
    }

    /// Excluded from the build (`_default_exclude` and `exclude_docs`).
    fn excluded(&self, src_uri: &str) -> bool {
        self.exclude
            .matched_path_or_any_parents(self.docs_abs.join(src_uri), false)
            .is_ignore()
    }

    fn draft(&self, src_uri: &str) -> bool {
        self.drafts.as_ref().is_some_and(|d| {
            d.matched_path_or_any_parents(self.docs_abs.join(src_uri), false)
                .is_ignore()
        })
    }

    /// The URL (base path excluded) of a docs file: `File.url` with a leading `/`.
    fn url_of(&self, src_uri: &str) -> String {
        if !is_markdown(urls::file_name(src_uri)) {
            return format!("/{src_uri}");
        }
        let parent = urls::parent(src_uri);
        let stem = urls::stem(urls::file_name(src_uri));
        let name = if stem == "README" { "index" } else { stem };
        let join = |p: &str, n: &str| {
            if p.is_empty() {
                n.to_string()
            } else {
                format!("{p}/{n}")
            }
        };
        if name == "index" {
            if self.directory_urls {
                urls::prefix(parent)
            } else {
                format!("/{}", join(parent, "index.html"))
            }
        } else if self.directory_urls {
            format!("/{}/", join(parent, name))
        } else {
            format!("/{}.html", join(parent, name))
        }
    }

    /// A docs file (`src_uri`) that MkDocs would find and build: `Source` of it, else nothing.
    fn file_candidate(&self, map: &PageMap, target: &str) -> Vec<Candidate> {
        if target.is_empty() || target == "." || self.excluded(target) {
            return Vec::new();
        }
        let rel = if self.docs.is_empty() {
            target.to_string()
        } else {
            format!("{}/{target}", self.docs)
        };
        let exact_page = map
            .page_by_source(&rel)
            .is_some_and(|i| map.pages[i].rel == rel);
        let file = matches!(
            map.files.kind(&rel),
            Some(super::map::EntryKind::File | super::map::EntryKind::Symlink)
        );
        if exact_page || file {
            return vec![Candidate::Source(rel)];
        }
        // Files of the theme (`Files.add_files_from_theme`): `custom_dir` first.
        let mut out = Vec::new();
        if let Some(dir) = &self.custom_dir {
            if let Some(p) = urls::join(dir, target) {
                if matches!(map.files.kind(&p), Some(super::map::EntryKind::File)) {
                    out.push(Candidate::Source(p));
                }
            }
        }
        if self.theme_file(target) {
            out.push(Candidate::Url(format!("/{target}")));
        }
        out
    }

    fn theme_file(&self, target: &str) -> bool {
        !is_markdown(urls::file_name(target))
            && self
                .theme_files
                .iter()
                .any(|f| target == *f || (f.ends_with('/') && target.starts_with(f)))
    }

    /// Headings (and HTML ids) of the files `--8<--` includes in `text`, by the site's style.
    fn snippet_ids(
        &self,
        text: &str,
        code: &[Range<usize>],
        base: usize,
        depth: usize,
        out: &mut Vec<String>,
        deps: &mut Vec<PathBuf>,
    ) {
        let Some(bases) = &self.snippets else { return };
        if depth > MAX_SNIPPET_DEPTH || !text.contains("8<") {
            return;
        }
        let mut block = false;
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let at = base + offset;
            offset += raw.len();
            if code.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let line = raw.trim();
            if is_snippet_marker(line) {
                block = !block;
                continue;
            }
            let name = if block {
                Some(line)
            } else {
                single_snippet(line)
            };
            let Some(name) = name else { continue };
            if name.is_empty() || name.starts_with(';') || name.contains("://") {
                continue;
            }
            // `file.md:3:9` and `file.md:section` select part of the file; the whole file is read.
            let file = strip_selector(name);
            for b in bases {
                let Some(rel) = urls::join(b, file) else {
                    continue;
                };
                deps.push(self.root.join(&rel));
                if let Some(content) = self.read_inside(&rel) {
                    let facts = crate::body::extract(&content, 0..content.len(), 0);
                    out.extend(super::anchors::ids(&self.style, &facts));
                    self.snippet_ids(&content, &facts.code, 0, depth + 1, out, deps);
                    break;
                }
            }
        }
    }

    /// A file under the root, read through real folders only (no symbolic link), bounded.
    fn read_inside(&self, rel: &str) -> Option<String> {
        let mut path = self.root.clone();
        for part in rel.split('/') {
            path.push(part);
            let meta = std::fs::symlink_metadata(&path).ok()?;
            if meta.file_type().is_symlink() {
                return None;
            }
        }
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_SNIPPET_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        String::from_utf8(bytes).ok()
    }
}

/// A `--8<--` line alone (opens or closes a block of file names).
fn is_snippet_marker(line: &str) -> bool {
    let l = line.trim();
    l.len() >= 4
        && l.contains("8<")
        && l.split("8<").count() == 2
        && l.split("8<")
            .all(|p| !p.is_empty() && p.bytes().all(|b| b == b'-'))
}

/// `--8<-- "file.md"` (pymdownx/snippets.py `RE_ALL_SNIPPETS`: the name is quoted).
fn single_snippet(line: &str) -> Option<&str> {
    let (marker, rest) = line.split_once(char::is_whitespace)?;
    if !is_snippet_marker(marker) {
        return None;
    }
    let rest = rest.trim();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    rest[1..].strip_suffix(q)
}

fn strip_selector(name: &str) -> &str {
    match name.rsplit_once(':') {
        Some((file, sel))
            if !file.is_empty()
                && !sel.contains('/')
                && (sel.bytes().all(|b| b.is_ascii_digit() || b == b',')
                    || sel
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')) =>
        {
            strip_selector(file)
        }
        _ => name,
    }
}

/// The `{…}` attribute list ending `line` (`{ #id .class }`, `{: #id }`, `{ id="x" }`).
fn trailing_attr_block(line: &str) -> Option<&str> {
    let t = line.trim_end().trim_end_matches('#').trim_end();
    let inner = t.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    Some(&inner[open + 1..])
}

/// The ids an attribute list sets.
fn attr_ids(block: &str, out: &mut Vec<String>) {
    let block = block.trim().strip_prefix(':').unwrap_or(block.trim());
    let mut rest = block;
    while let Some(tok_start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[tok_start..];
        if let Some(id) = rest.strip_prefix('#') {
            let end = id.find(char::is_whitespace).unwrap_or(id.len());
            if end > 0 {
                out.push(id[..end].to_string());
            }
            rest = &id[end..];
        } else if let Some(v) = rest.strip_prefix("id=") {
            let (val, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => match v[1..].find(q) {
                    Some(e) => (&v[1..1 + e], &v[2 + e..]),
                    None => (&v[1..], ""),
                },
                _ => {
                    let e = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..e], &v[e..])
                }
            };
            if !val.is_empty() {
                out.push(val.to_string());
            }
            rest = after;
        } else {
            // Skip one token (a quoted value may hold spaces).
            let mut in_q: Option<char> = None;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match in_q {
                    Some(q) if c == q => in_q = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' => in_q = Some(c),
                    None if c.is_whitespace() => {
                        end = i;
                        break;
                    }
                    None => {}
                }
            }
            rest = &rest[end..];
        }
    }
}

impl Generator for MkDocsSite {
    fn page_keys(&self) -> &'static [&'static str] {
        &[]
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        match self.src_uri(rel) {
            Some(s) if is_markdown(urls::file_name(s)) && !self.excluded(s) => Role::Page,
            _ => Role::Ignored,
        }
    }

    fn page(&self, _site: &Site, rel: &str, _facts: &PageFacts) -> PageInfo {
        let Some(src) = self.src_uri(rel) else {
            return PageInfo::default();
        };
        let url = self.url_of(src);
        let mut aliases = Vec::new();
        for (old, new) in &self.redirects {
            let target = new.split('#').next().unwrap_or("");
            if target.trim_start_matches("./") == src {
                aliases.push(Alias {
                    url: self.url_of(old.trim_start_matches('/')),
                    span: 0..0,
                });
            }
        }
        let stem = urls::stem(urls::file_name(src));
        PageInfo {
            urls: vec![PageUrl { url, set_by: None }],
            aliases,
            published: !self.draft(src),
            kind: if matches!(stem, "index" | "README") {
                PageKind::Section
            } else {
                PageKind::Page
            },
            ..PageInfo::default()
        }
    }

    fn extra_ids(
        &self,
        text: &str,
        body: Range<usize>,
        facts: &crate::body::BodyFacts,
        out: &mut Vec<String>,
        deps: &mut Vec<PathBuf>,
    ) {
        let Some(src) = text.get(body.clone()) else {
            return;
        };
        for h in &facts.headings {
            let Some(line) = text.get(h.span.clone()).and_then(|s| s.lines().next()) else {
                continue;
            };
            match trailing_attr_block(line) {
                Some(block) if self.attr_list => attr_ids(block, out),
                // Without attr_list the braces are part of the heading's text.
                Some(block) if h.custom => {
                    let full = format!("{} {{{block}}}", h.text);
                    out.push(self.style.slug(&full));
                }
                _ => {}
            }
        }
        let in_code = |at: usize| facts.code.iter().any(|r| r.contains(&at));
        if self.attr_list && src.contains('{') {
            // Attribute lists on paragraphs, list items and inline elements.
            let mut from = 0;
            while let Some(i) = src[from..].find('{') {
                let start = from + i;
                from = start + 1;
                let Some(len) = src[start..].find(['}', '\n']) else {
                    break;
                };
                if src.as_bytes()[start + len] != b'}' || in_code(body.start + start) {
                    continue;
                }
                let block = &src[start + 1..start + len];
                let t = block.trim_start().trim_start_matches(':').trim_start();
                // attr_list reads a list alone on the last line of a block, or right after an
                // inline element (`[a](b){ #id }`, `*a*{ #id }`); after plain text it is text.
                let line_start = src[..start].rfind('\n').map_or(0, |n| n + 1);
                let alone = src[line_start..start].trim().is_empty()
                    && src[start + len + 1..]
                        .split('\n')
                        .next()
                        .is_some_and(|rest| rest.trim().is_empty());
                let after_inline = src[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| matches!(c, ')' | ']' | '*' | '_' | '`'));
                if (t.starts_with('#') || t.starts_with("id=")) && (alone || after_inline) {
                    attr_ids(block, out);
                }
            }
        }
        // Python-Markdown reads `#Title` (no space) as a heading; CommonMark does not.
        let mut offset = 0;
        for line in src.split_inclusive('\n') {
            let at = body.start + offset;
            offset += line.len();
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes)
                && line[hashes..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace() && c != '#')
                && !in_code(at)
            {
                let t = line[hashes..].trim().trim_end_matches('#').trim();
                out.push(self.style.slug(t));
            }
        }
        if self.snippets.is_some() {
            self.snippet_ids(src, &facts.code, body.start, 0, out, deps);
        }
        if self.directives {
            let mut offset = 0;
            for line in src.split_inclusive('\n') {
                let at = body.start + offset;
                offset += line.len();
                if line.starts_with("::: ") && !in_code(at) {
                    out.push(super::facts::ANY_ANCHOR.to_string());
                    break;
                }
            }
        }
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        if path.starts_with('/') || path.starts_with('\\') {
            if self.absolute_to_docs {
                return match normpath(path.trim_start_matches(['/', '\\'])) {
                    Some(t) => self.file_candidate(map, &t),
                    None => Vec::new(),
                };
            }
            return super::map::default_candidates(site, map, from, path);
        }
        let page = &map.pages[from];
        let Some(src) = self.src_uri(&page.rel) else {
            return super::map::default_candidates(site, map, from, path);
        };
        // `_target_uri`: relative to the page's file; above docs_dir is nothing.
        match urls::join(urls::parent(src), path).and_then(|p| normpath(&p)) {
            Some(target) => self.file_candidate(map, &target),
            None => Vec::new(),
        }
    }

    fn is_generated_url(&self, _site: &Site, url: &str) -> bool {
        let key = urls::url_key(url);
        if matches!(
            key.as_str(),
            "/search" | "/sitemap.xml" | "/sitemap.xml.gz" | "/404.html" | "/objects.inv"
        ) || key.starts_with("/search/")
            || key.starts_with("/assets/")
        {
            return true;
        }
        if let Some(b) = &self.blog {
            if urls::is_under(&key, b.trim_end_matches('/')) {
                return true;
            }
        }
        if self.theme_file(key.trim_start_matches('/')) {
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists() {
        let mut out = Vec::new();
        attr_ids(": #install .big data-x=\"a b\" ", &mut out);
        attr_ids(" id=\"安装\" ", &mut out);
        attr_ids("id=plain", &mut out);
        assert_eq!(out, ["install", "安装", "plain"]);
        assert_eq!(trailing_attr_block("## Title { #x } ##"), Some(" #x "));
        assert_eq!(trailing_attr_block("## Title"), None);
    }

    #[test]
    fn snippet_lines() {
        assert_eq!(
            single_snippet("--8<-- \"CONTRIBUTING.md\""),
            Some("CONTRIBUTING.md")
        );
        assert_eq!(single_snippet("-8<- 'a.md'"), Some("a.md"));
        assert_eq!(single_snippet("--8<-- a.md"), None);
        assert!(is_snippet_marker("--8<--"));
        assert!(!is_snippet_marker("--8<--x"));
        assert_eq!(strip_selector("a.md:3:9"), "a.md");
        assert_eq!(strip_selector("a.md:intro"), "a.md");
        assert_eq!(strip_selector("dir/a.md"), "dir/a.md");
    }

    #[test]
    fn markdown_names() {
        assert!(is_markdown("a.md"));
        assert!(is_markdown("文档.markdown"));
        assert!(!is_markdown(".md"));
        assert!(!is_markdown("a.mdx"));
    }
}
