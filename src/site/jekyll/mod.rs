//! Jekyll (jekyllrb.com), as Jekyll 4.3 builds a site.
//!
//! * **Detection**: `_config.yml`, `_config.yaml` or `_config.toml`, the first that exists, in
//!   that order (`Configuration#config_files`); not when a `_toc.yml` sits next to it (a Jupyter
//!   Book, which also uses `_config.yml`).
//! * **Config** ([`config`]): collections and `collections_dir`, the permalink style,
//!   `defaults`, `exclude`/`include` (with Jekyll's default excludes), `future`, `unpublished`,
//!   `show_drafts`, `timezone`, `baseurl`, `markdown_ext`, kramdown's id options, plugins (from
//!   the config and the Gemfile; GitHub Pages' defaults when it builds the site).
//! * **Which files are what** ([`filter`]): pages and static files anywhere the reader goes
//!   (not `_`/`.`/`#`/`~` names, not excluded), posts in any `<folder>/_posts/` with a
//!   `YYYY-MM-DD-title.ext` name (front matter optional), drafts in `_drafts/`, documents in
//!   `_<collection>/`, partials in `_includes/` and `_layouts/`. A page or document without
//!   front matter is copied as it is (a static file at its own path), not rendered.
//! * **URLs** ([`url`]): `Page#url` and `Document#url` with their templates, placeholders,
//!   `permalink` front matter and defaults; dates in the site's zone ([`date`]);
//!   jekyll-redirect-from's `redirect_from` as aliases.
//! * **Anchors** ([`ids`]): kramdown-parser-gfm's header ids, IAL `{: #id}` ids, footnotes.
//! * **References** ([`liquid`]): `{% link %}` and `{% post_url %}` (a missing target fails the
//!   build), and link destinations written with `{{ site.baseurl }}` or `relative_url`.
//! * **Pages frontlint does not lint** ([`extra`]): `.html` and other files with front matter.

mod config;
mod date;
mod extra;
mod filter;
pub mod ids;
mod liquid;
mod url;

use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;

use super::facts::{FieldValue, LinkFact, PageFacts};
use super::map::PageMap;
use super::urls;
use super::{
    Alias, Candidate, ContentDir, DateDialect, Generator, Kind, PageInfo, PageUrl, RefFact,
    RefKind, Registration, Resolution, Role, Site, SiteError, StaticDir, Taxonomy, TaxonomyString,
    YamlReader, read_config,
};
use config::{Collection, Config};

pub const REGISTRATION: Registration = Registration {
    kind: Kind::Jekyll,
    detect,
    load,
};

/// Jekyll's config files, in the order it looks for them.
const CONFIG_NAMES: &[&str] = &["_config.yml", "_config.yaml", "_config.toml"];

fn detect(dir: &Path) -> Option<PathBuf> {
    let config = CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())?;
    // Jupyter Book: `_config.yml` with a `_toc.yml` (its table of contents).
    if dir.join("_toc.yml").is_file() || dir.join("_toc.yaml").is_file() {
        return None;
    }
    Some(config)
}

#[derive(Debug)]
struct JekyllSite {
    config: Config,
    tz: TimeZone,
    /// `site.time`: what is dated after it is a future page.
    /// The site root (for jekyll-readme-index's "has this folder an index?").
    root: PathBuf,
}

fn load(root: &Path, config_path: &Path) -> Result<Site, SiteError> {
    let value = read_config(root, config_path)?;
    let source = config_path
        .strip_prefix(root)
        .unwrap_or(config_path)
        .to_string_lossy()
        .replace('\\', "/");
    // Notes are gathered on a scratch model while the config is read.
    let mut scratch = Site::detached();
    scratch.notes.clear();
    let cfg = Config::read(&value, root, &mut scratch, &source);
    let (tz, timezone) = match super::config_str(&value, "timezone") {
        Some(name) => match TimeZone::get(name) {
            Ok(tz) => {
                scratch.note("timezone", name, source.as_str());
                (tz.clone(), Some((name.to_string(), tz)))
            }
            Err(_) => {
                scratch.note(
                    "timezone",
                    format!("`{name}` is not a time zone frontlint knows: UTC"),
                    source.as_str(),
                );
                (TimeZone::UTC, None)
            }
        },
        None => {
            scratch.note(
                "timezone",
                "not set: Jekyll uses the build machine's zone; UTC assumed (GitHub Pages builds in UTC)",
                "assumed",
            );
            (TimeZone::UTC, None)
        }
    };
    let mut site = Site::base(
        Kind::Jekyll,
        root,
        Some(config_path),
        Box::new(JekyllSite {
            config: cfg.clone(),
            tz,
            root: root.to_path_buf(),
        }),
    );
    site.notes = scratch.notes;
    site.timezone = timezone;
    site.build_future = cfg.future;
    // Jekyll has no expiry date.
    site.build_expired = true;
    site.build_drafts = cfg.show_drafts;
    site.base_path = super::base_path_of(super::config_str(&value, "baseurl").unwrap_or("/"));
    site.taxonomies = Some(taxonomies(&cfg));
    site.taxonomy_string = TaxonomyString::SplitOnSpace;
    site.headings = super::anchors::Style::Kramdown(cfg.kramdown.clone());
    site.yaml = YamlReader::Yaml11;
    site.dates = DateDialect::Jekyll;
    site.front_matter_required = !cfg.plugin("jekyll-optional-front-matter");
    site.schema = Some("jekyll.json");
    // The walk covers the root; `role` says what each file is.
    site.content.push(ContentDir {
        dir: String::new(),
        lang: None,
        url_prefix: "/".into(),
        label: "pages".into(),
    });
    site.content.push(ContentDir {
        dir: cfg.posts.dir.clone(),
        lang: None,
        url_prefix: "/".into(),
        label: "posts".into(),
    });
    for c in &cfg.collections {
        site.content.push(ContentDir {
            dir: c.dir.clone(),
            lang: None,
            url_prefix: format!("/{}/", c.label),
            label: c.label.clone(),
        });
    }
    site.statics.push(StaticDir {
        dir: String::new(),
        url_prefix: "/".into(),
    });
    Ok(site)
}

fn taxonomies(cfg: &Config) -> Vec<Taxonomy> {
    let archives = cfg.plugin("jekyll-archives");
    ["categories", "tags"]
        .into_iter()
        .map(|key| Taxonomy {
            key: key.into(),
            url_prefix: archives.then(|| {
                if key == "tags" {
                    "/tag/".into()
                } else {
                    "/category/".into()
                }
            }),
        })
        .collect()
}

/// What Jekyll makes of a file, by its path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry<'a> {
    /// Read by the main reader: a page when it has front matter, else a static file.
    Page,
    /// A post (`<dir>/_posts/…`) or a draft (`<dir>/_drafts/…`).
    Post {
        /// The post's path relative to the collections folder.
        relative: String,
        draft: bool,
    },
    /// A document of a collection other than posts.
    Doc {
        coll: &'a Collection,
        relative: String,
    },
    Partial,
    Ignored,
}

/// `DATE_FILENAME_MATCHER` on a file name: the date, the slug and the extension.
fn dated_name(name: &str) -> Option<(&str, &str, &str)> {
    let dot = name.rfind('.').filter(|&d| d + 1 < name.len())?;
    let (stem, ext) = name.split_at(dot);
    let b = stem.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    for (min, max) in [(2, 4), (1, 2), (1, 2)] {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let n = i - start;
        if n < min || n > max || b.get(i) != Some(&b'-') {
            return None;
        }
        i += 1;
        parts += 1;
    }
    debug_assert_eq!(parts, 3);
    Some((&stem[..i - 1], &stem[i..], ext))
}

/// Ruby's `File.extname`.
fn extname(name: &str) -> &str {
    let trimmed = name.trim_start_matches('.');
    match trimmed.rfind('.') {
        Some(i) if i + 1 < trimmed.len() => &trimmed[i..],
        _ => "",
    }
}

/// A header value, from the front matter or a default.
#[derive(Debug, Clone)]
enum V<'a> {
    /// A string, and whether it was quoted.
    Str(&'a str, bool),
    Bool(bool),
    List(Vec<String>),
    Other,
}

fn fm<'a>(facts: &'a PageFacts, key: &str) -> Option<(V<'a>, Range<usize>)> {
    let f = facts.field(key)?;
    Some((
        match &f.value {
            FieldValue::Str(s) => V::Str(s, f.span.len() != s.len()),
            FieldValue::Bool(b) => V::Bool(*b),
            FieldValue::List(items) => V::List(items.iter().map(|i| i.value.clone()).collect()),
            FieldValue::Other => V::Other,
        },
        f.span.clone(),
    ))
}

fn from_json(v: &Value) -> V<'_> {
    match v {
        Value::String(s) => V::Str(s, false),
        Value::Bool(b) => V::Bool(*b),
        Value::Number(_) => V::Other,
        Value::Array(items) => V::List(
            items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
        ),
        _ => V::Other,
    }
}

/// `published: false` (a YAML 1.1 false: `false`, `no`, `off`, unquoted).
fn is_false(v: &V) -> bool {
    match v {
        V::Bool(b) => !b,
        V::Str(s, false) => config::str_bool(s) == Some(false),
        _ => false,
    }
}

impl JekyllSite {
    fn classify(&self, rel: &str) -> Entry<'_> {
        let c = &self.config;
        let relative_to_cd = |rel: &str| -> String {
            if c.collections_dir.is_empty() {
                rel.to_string()
            } else {
                urls::strip_dir(rel, &c.collections_dir)
                    .unwrap_or(rel)
                    .to_string()
            }
        };
        for coll in &c.collections {
            if let Some(inside) = urls::strip_dir(rel, &coll.dir) {
                if inside.is_empty() {
                    return Entry::Ignored;
                }
                let base = format!("_{}", coll.label);
                return if filter::folder_reads(&c.exclude, &c.include, &base, inside) {
                    Entry::Doc {
                        coll,
                        relative: relative_to_cd(rel),
                    }
                } else {
                    Entry::Ignored
                };
            }
        }
        let comps: Vec<&str> = rel.split('/').collect();
        if let Some(k) = comps.iter().position(|p| *p == "_posts" || *p == "_drafts") {
            let dir = comps[..k].join("/");
            let inside = comps[k + 1..].join("/");
            let draft = comps[k] == "_drafts";
            let name = comps[comps.len() - 1];
            let in_cd = c.collections_dir.is_empty() || urls::is_under(&dir, &c.collections_dir);
            let reachable =
                dir.is_empty() || filter::reader_reads(&c.exclude, &c.include, &dir, true);
            let base = comps[..=k].join("/");
            let named = if draft {
                !extname(name).is_empty()
            } else {
                dated_name(name).is_some()
            };
            let hidden = comps[k + 1..].iter().any(|p| p.starts_with('.'));
            return if in_cd
                && reachable
                && !inside.is_empty()
                && !hidden
                && named
                && filter::folder_reads(&c.exclude, &c.include, &base, &inside)
            {
                Entry::Post {
                    relative: relative_to_cd(rel),
                    draft,
                }
            } else {
                Entry::Ignored
            };
        }
        if urls::is_under(rel, &c.includes_dir) || urls::is_under(rel, &c.layouts_dir) {
            return Entry::Partial;
        }
        if filter::reader_reads(&c.exclude, &c.include, rel, false) {
            Entry::Page
        } else {
            Entry::Ignored
        }
    }

    fn is_markdown(&self, ext: &str) -> bool {
        let e = ext.trim_start_matches('.').to_ascii_lowercase();
        self.config.markdown_ext.contains(&e)
    }

    /// The extension the converters give the output (`Renderer#output_ext`).
    fn output_ext(&self, ext: &str) -> String {
        if self.is_markdown(ext) {
            ".html".into()
        } else {
            match ext.to_ascii_lowercase().as_str() {
                ".scss" | ".sass" => ".css".into(),
                ".coffee" => ".js".into(),
                _ => ext.to_string(),
            }
        }
    }

    /// `Page#url` (and what a page without front matter is: a static file at its path).
    fn page(&self, rel: &str, facts: &PageFacts) -> PageInfo {
        let c = &self.config;
        let name = urls::file_name(rel);
        let ext = extname(name);
        let stem = &name[..name.len() - ext.len()];
        let markdown = self.is_markdown(ext);
        let readme = markdown && stem.eq_ignore_ascii_case("readme");
        let promoted = !facts.has_front_matter
            && markdown
            && c.plugin("jekyll-optional-front-matter")
            && !OPTIONAL_FRONT_MATTER_SKIPS
                .iter()
                .any(|s| stem.eq_ignore_ascii_case(s));
        if readme && c.plugin("jekyll-readme-index") && self.no_index(urls::parent(rel)) {
            // jekyll-readme-index: the README is the folder's index.
            return PageInfo {
                urls: vec![PageUrl {
                    url: urls::prefix(urls::parent(rel)),
                    set_by: None,
                }],
                published: true,
                ..PageInfo::default()
            };
        }
        if !facts.has_front_matter && !promoted {
            // A static file: copied to its own path.
            return PageInfo {
                urls: vec![PageUrl {
                    url: format!("/{rel}"),
                    set_by: None,
                }],
                published: true,
                ..PageInfo::default()
            };
        }
        let basename = stem.trim_end_matches('.');
        let output_ext = self.output_ext(ext);
        let dir = urls::parent(rel);
        let jdir = if dir.is_empty() {
            String::new()
        } else {
            format!("/{dir}")
        };
        let default =
            |key: &str| config::find_default(&c.defaults, rel, "pages", key).map(from_json);
        let permalink = match fm(facts, "permalink") {
            Some((V::Str(p, _), span)) => Some((p.to_string(), Some(span))),
            _ => match default("permalink") {
                Some(V::Str(p, _)) => Some((p.to_string(), None)),
                _ => None,
            },
        };
        let html = matches!(output_ext.as_str(), ".html" | ".htm" | ".xhtml");
        let template = if !html {
            "/:path/:basename:output_ext".to_string()
        } else if basename == "index" {
            "/:path/".to_string()
        } else {
            url::add_permalink_suffix("/:path/:basename", &c.style)
        };
        let placeholders = [
            ("path", jdir.as_str()),
            ("basename", basename),
            ("output_ext", output_ext.as_str()),
        ];
        let (t, set_by) = match &permalink {
            Some((p, span)) => (p.as_str(), span.clone()),
            None => (template.as_str(), None),
        };
        let url = url::sanitize(&url::from_hash(t, &placeholders));
        let published = match fm(facts, "published") {
            Some((v, _)) => !is_false(&v),
            None => !default("published").is_some_and(|v| is_false(&v)),
        } || c.unpublished;
        PageInfo {
            urls: vec![PageUrl { url, set_by }],
            aliases: if published {
                self.aliases(facts)
            } else {
                Vec::new()
            },
            published,
            ..PageInfo::default()
        }
    }

    /// Whether a folder has no index page (for jekyll-readme-index).
    fn no_index(&self, dir: &str) -> bool {
        let d = if dir.is_empty() {
            self.root.clone()
        } else {
            self.root.join(dir)
        };
        !["index.html", "index.htm", "index.md", "index.markdown"]
            .iter()
            .any(|n| std::fs::symlink_metadata(d.join(n)).is_ok_and(|m| m.is_file()))
    }

    /// `Document#url` and whether the document is written.
    fn document(
        &self,
        rel: &str,
        relative: &str,
        coll: &Collection,
        draft: bool,
        facts: &PageFacts,
        now: Timestamp,
    ) -> PageInfo {
        let c = &self.config;
        let is_post = coll.label == "posts";
        let kind = if draft { "drafts" } else { coll.label.as_str() };
        let name = urls::file_name(rel);
        if !is_post && !facts.has_front_matter {
            // A collection file without front matter is a static file of the collection.
            let inside = urls::strip_dir(rel, &coll.dir).unwrap_or(rel);
            return PageInfo {
                urls: if coll.output {
                    vec![PageUrl {
                        url: format!("/{}/{inside}", coll.label),
                        set_by: None,
                    }]
                } else {
                    Vec::new()
                },
                published: true,
                ..PageInfo::default()
            };
        }
        let default =
            |key: &str| config::all_default(&c.defaults, relative, kind, key).map(from_json);
        let value = |key: &str| -> Option<(V, Option<Range<usize>>)> {
            match fm(facts, key) {
                Some((v, span)) => Some((v, Some(span))),
                None => default(key).map(|v| (v, None)),
            }
        };
        let ext = extname(name);
        let output_ext = self.output_ext(ext);
        // `populate_title`: a `YYYY-MM-DD-` file name gives the date and the slug.
        let (file_date, file_slug) = match dated_name(name) {
            Some((d, s, _)) => (Some(d), s),
            None => (None, &name[..name.len() - ext.len()]),
        };
        let file_slug = file_slug.trim_end_matches('.');
        let slug = match value("slug") {
            Some((V::Str(s, _), _)) => s.to_string(),
            _ => file_slug.to_string(),
        };
        let date = match value("date") {
            Some((V::Str(s, quoted), _)) => date::resolve(s, quoted, &self.tz),
            _ => None,
        }
        .or_else(|| file_date.and_then(|d| date::from_file_name(d, &self.tz)));
        // Categories: the folders above `_posts` (or `_drafts`), then `categories`, then
        // `category` (`populate_categories`).
        let special = if draft {
            "_drafts"
        } else {
            &coll.dir[coll.dir.rfind('/').map_or(0, |i| i + 1)..]
        };
        let mut categories: Vec<String> = Vec::new();
        if !relative.starts_with(special) {
            if let Some(at) = relative.find(special) {
                categories.extend(
                    relative[..at]
                        .split('/')
                        .filter(|p| !p.is_empty() && *p != special && *p != name)
                        .map(str::to_string),
                );
            }
        }
        match value("categories") {
            Some((V::List(l), _)) => categories.extend(l),
            Some((V::Str(s, _), _)) => categories.extend(s.split_whitespace().map(str::to_string)),
            _ => {}
        }
        match value("category") {
            Some((V::Str(s, _), _)) => categories.push(s.to_string()),
            Some((V::List(l), _)) => categories.extend(l),
            _ => {}
        }
        let mut unique: Vec<String> = Vec::new();
        for cat in categories {
            if !unique.contains(&cat) {
                unique.push(cat);
            }
        }
        // `cleaned_relative_path`: no extension, the collection folder's first occurrence
        // removed, no trailing dots.
        let no_ext = &relative[..relative.len() - ext.len()];
        // `collection.relative_directory`: `_posts` for drafts too.
        let cleaned = no_ext.replacen(&format!("_{}", coll.label), "", 1);
        let cleaned = cleaned.trim_end_matches('.');
        let basename_without_ext = &name[..name.len() - ext.len()];
        let placeholders = url::DocPlaceholders {
            collection: &coll.label,
            path: cleaned,
            basename: basename_without_ext,
            slug: &slug,
            categories: &unique,
            date: date.as_ref(),
            output_ext: &output_ext,
        };
        let (template, set_by) = match value("permalink") {
            Some((V::Str(p, _), span)) => (p.to_string(), span),
            _ => (
                coll.permalink
                    .clone()
                    .unwrap_or_else(|| url::add_permalink_suffix("/:collection/:path", &c.style)),
                None,
            ),
        };
        let url = url::from_drop(&template, &placeholders).map(|u| url::sanitize(&u));
        let mut published = !value("published").is_some_and(|(v, _)| is_false(&v)) || c.unpublished;
        if !c.future && date.as_ref().is_some_and(|d| date::in_future(d, now)) {
            published = false;
        }
        if draft && !c.show_drafts {
            published = false;
        }
        let written = coll.output && published;
        PageInfo {
            urls: match (coll.output, url) {
                (true, Some(url)) => vec![PageUrl { url, set_by }],
                _ => Vec::new(),
            },
            aliases: if written {
                self.aliases(facts)
            } else {
                Vec::new()
            },
            published,
            ..PageInfo::default()
        }
    }

    /// jekyll-redirect-from's `redirect_from`: each a page at that path (`RedirectPage`:
    /// `permalink` = the path with a leading `/`).
    fn aliases(&self, facts: &PageFacts) -> Vec<Alias> {
        if !self.config.plugin("jekyll-redirect-from") {
            return Vec::new();
        }
        let Some(field) = facts.field("redirect_from") else {
            return Vec::new();
        };
        let items: Vec<(String, Range<usize>)> = match &field.value {
            FieldValue::Str(s) => vec![(s.clone(), field.span.clone())],
            FieldValue::List(items) => items
                .iter()
                .map(|i| (i.value.clone(), i.span.clone()))
                .collect(),
            _ => Vec::new(),
        };
        items
            .into_iter()
            .filter(|(v, _)| !v.trim().is_empty())
            .map(|(v, span)| {
                let from = if v.starts_with('/') {
                    v
                } else {
                    format!("/{v}")
                };
                let url = url::sanitize(&url::from_hash(
                    &from,
                    &[
                        ("path", ""),
                        ("basename", "redirect"),
                        ("output_ext", ".html"),
                    ],
                ));
                Alias { url, span }
            })
            .collect()
    }

    /// The path Jekyll gives a file in `{% link %}` (`relative_path`): relative to the
    /// collections folder for documents, to the source for pages.
    fn jekyll_relative(&self, rel: &str) -> String {
        match self.classify(rel) {
            Entry::Post { relative, .. } | Entry::Doc { relative, .. } => relative,
            _ => rel.to_string(),
        }
    }

    /// Folders the extra-page walk goes into.
    fn walk_dir(&self, rel: &str) -> bool {
        let c = &self.config;
        let on_collection_path = c
            .collections
            .iter()
            .map(|k| k.dir.as_str())
            .any(|d| urls::is_under(d, rel) || urls::is_under(rel, d));
        if on_collection_path {
            return true;
        }
        let comps: Vec<&str> = rel.split('/').collect();
        if let Some(k) = comps.iter().position(|p| *p == "_posts" || *p == "_drafts") {
            let dir = comps[..k].join("/");
            return dir.is_empty() || filter::reader_reads(&c.exclude, &c.include, &dir, true);
        }
        filter::reader_reads(&c.exclude, &c.include, rel, true)
            || (!c.collections_dir.is_empty() && urls::is_under(&c.collections_dir, rel))
    }
}

/// Files jekyll-optional-front-matter leaves alone (`FILENAME_BLACKLIST`).
const OPTIONAL_FRONT_MATTER_SKIPS: [&str; 8] = [
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CODE_OF_CONDUCT",
    "CONTRIBUTING",
    "ISSUE_TEMPLATE",
    "PULL_REQUEST_TEMPLATE",
];

impl Generator for JekyllSite {
    fn page_keys(&self) -> &'static [&'static str] {
        &[
            "permalink",
            "slug",
            "date",
            "published",
            "categories",
            "category",
            "redirect_from",
        ]
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        match self.classify(rel) {
            Entry::Page | Entry::Post { .. } | Entry::Doc { .. } => Role::Page,
            Entry::Partial => Role::Partial,
            Entry::Ignored => Role::Ignored,
        }
    }

    fn page(&self, site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        match self.classify(rel) {
            Entry::Page => self.page(rel, facts),
            Entry::Post { relative, draft } => {
                self.document(rel, &relative, &self.config.posts, draft, facts, site.now)
            }
            Entry::Doc { coll, relative } => {
                self.document(rel, &relative, coll, false, facts, site.now)
            }
            Entry::Partial | Entry::Ignored => PageInfo::default(),
        }
    }

    fn front_matter_required(&self, site: &Site, rel: &str) -> bool {
        // Posts are rendered with or without front matter; pages and documents without it are
        // copied as they are.
        site.front_matter_required && !matches!(self.classify(rel), Entry::Post { .. })
    }

    fn extra_ids(
        &self,
        text: &str,
        body: Range<usize>,
        facts: &crate::body::BodyFacts,
        out: &mut Vec<String>,
        _deps: &mut Vec<std::path::PathBuf>,
    ) {
        ids::extra(&self.config.kramdown, text, body, facts, out);
    }

    fn refs(&self, text: &str, body: Range<usize>, _code: &[Range<usize>], out: &mut Vec<RefFact>) {
        // Liquid runs in code blocks too: `code` is not skipped.
        liquid::refs(text, body, out);
    }

    fn template_links(
        &self,
        text: &str,
        body: Range<usize>,
        code: &[Range<usize>],
        out: &mut Vec<LinkFact>,
    ) {
        let before = out.len();
        liquid::template_links(text, body, out);
        // A link inside a code block is not a link once Liquid has run.
        let mut i = before;
        while i < out.len() {
            if code.iter().any(|r| r.contains(&out[i].span.start)) {
                out.remove(i);
            } else {
                i += 1;
            }
        }
    }

    fn expand_link(&self, site: &Site, dest: &str) -> Option<String> {
        liquid::expand(dest, &site.base_path)
    }

    fn resolve_ref(&self, _site: &Site, map: &PageMap, _from: usize, r: &RefFact) -> Resolution {
        let written = |i: usize| {
            let p = &map.pages[i];
            p.role == Role::Page && p.info.published && !p.info.urls.is_empty()
        };
        match r.kind {
            RefKind::JekyllLink => {
                let target = r.target.split('#').next().unwrap_or("");
                if !target.starts_with('/') {
                    let cd = &self.config.collections_dir;
                    let mut candidates = vec![target.to_string()];
                    if !cd.is_empty() {
                        candidates.push(format!("{cd}/{target}"));
                    }
                    for cand in candidates {
                        if let Some(i) = map.page_by_source(&cand) {
                            let p = &map.pages[i];
                            if self.jekyll_relative(&p.rel) == target {
                                if written(i) {
                                    return Resolution::Page(i);
                                }
                                return Resolution::Missing;
                            }
                        }
                    }
                }
                // A static file (its `relative_path` starts with `/`).
                let rel = target.trim_start_matches('/');
                let c = &self.config;
                if self.classify(rel) == Entry::Page
                    && filter::reader_reads(&c.exclude, &c.include, rel, false)
                    && map.files.kind(rel).is_some()
                    && map.page_by_source(rel).is_none_or(|i| {
                        // A page in the map with front matter is not a static file.
                        map.pages[i]
                            .info
                            .urls
                            .first()
                            .is_some_and(|u| u.url == format!("/{rel}"))
                    })
                {
                    return Resolution::File;
                }
                Resolution::Missing
            }
            RefKind::JekyllPostUrl => {
                let target = r.target.split('#').next().unwrap_or("");
                self.resolve_post_url(map, target, &written)
            }
            _ => Resolution::Unknown,
        }
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        if path.starts_with('/')
            && site.base_path != "/"
            && super::map::strip_base(site, path) == path
        {
            // Outside `baseurl`: the site is not served there (a link must carry the base, as
            // `{{ site.baseurl }}` and `relative_url` give it).
            return Vec::new();
        }
        let mut out = super::map::default_candidates(site, map, from, path);
        if !path.starts_with('/') {
            // Jekyll does not rewrite links: a relative link is relative to the page's URL.
            // jekyll-relative-links (GitHub Pages) rewrites links to Markdown files that are
            // pages, relative to the file.
            let to_markdown = self.is_markdown(extname(urls::file_name(path)));
            if !(to_markdown && self.config.plugin("jekyll-relative-links")) {
                out.retain(|c| !matches!(c, Candidate::Source(_)));
            }
        }
        out
    }

    fn is_generated_url(&self, _site: &Site, url: &str) -> bool {
        let c = &self.config;
        let key = urls::url_key(url);
        if c.feeds.iter().any(|f| urls::url_key(f) == key) {
            return true;
        }
        if c.plugin("jekyll-sitemap") && matches!(key.as_str(), "/sitemap.xml" | "/robots.txt") {
            return true;
        }
        if c.plugin("jekyll-redirect-from") && c.redirects_json && key == "/redirects.json" {
            return true;
        }
        if let Some(p) = &c.paginate_path {
            if template_matches(&p.replace(":num", ":n"), &key) {
                return true;
            }
        }
        if c.archives.iter().any(|t| template_matches(t, &key)) {
            return true;
        }
        c.theme && (key == "/assets" || key.starts_with("/assets/"))
    }

    fn extra_pages(&self, site: &Site) -> Vec<(String, PageFacts)> {
        let walk = |rel: &str, is_dir: bool| {
            if is_dir {
                self.walk_dir(rel)
            } else {
                matches!(
                    self.classify(rel),
                    Entry::Page | Entry::Post { .. } | Entry::Doc { .. }
                )
            }
        };
        extra::files(&site.root, &walk)
            .into_iter()
            .filter_map(|rel| {
                let facts = extra::read(&site.root, &rel, self.page_keys())?;
                Some((rel, facts))
            })
            .collect()
    }
}

impl JekyllSite {
    /// `{% post_url name %}`: `PostComparer` (`path/` + `YYYY-MM-DD-slug` against the posts'
    /// relative paths), then its deprecated fallback (slug and date).
    fn resolve_post_url(
        &self,
        map: &PageMap,
        target: &str,
        written: &dyn Fn(usize) -> bool,
    ) -> Resolution {
        let name = target.strip_prefix('/').unwrap_or(target);
        let (path, rest) = match name.rfind('/') {
            Some(i) => (&name[..=i], &name[i + 1..]),
            None => ("", name),
        };
        // `(\d+-\d+-\d+)-(.*)`: the date is three runs of digits.
        let mut parts = rest.splitn(4, '-');
        let (Some(y), Some(m), Some(d), Some(slug)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Resolution::Missing;
        };
        if [y, m, d]
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Resolution::Missing;
        }
        let date = format!("{y}-{m}-{d}");
        let want = format!("{date}-{slug}");
        let mut fallback = None;
        for (i, p) in map.pages.iter().enumerate() {
            let Entry::Post {
                relative,
                draft: false,
            } = self.classify(&p.rel)
            else {
                continue;
            };
            if !written(i) {
                continue;
            }
            let file = urls::file_name(&relative);
            let Some((fdate, fslug, _)) = dated_name(file) else {
                continue;
            };
            let stem_matches = format!("{fdate}-{fslug}") == want;
            let prefix_ok = relative == format!("_posts/{path}{file}")
                || relative == format!("{path}_posts/{file}")
                || relative == format!("{path}_posts{file}");
            if stem_matches && prefix_ok {
                return Resolution::Page(i);
            }
            if fallback.is_none() && fslug == slug && same_day(fdate, &date) {
                fallback = Some(i);
            }
        }
        fallback.map_or(Resolution::Missing, Resolution::Page)
    }
}

fn same_day(a: &str, b: &str) -> bool {
    let n = |s: &str| -> Vec<u32> { s.split('-').filter_map(|p| p.parse().ok()).collect() };
    n(a) == n(b)
}

/// Whether a URL key matches a template of `:placeholders` segment by segment.
fn template_matches(template: &str, key: &str) -> bool {
    let t: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let k: Vec<&str> = key.split('/').filter(|s| !s.is_empty()).collect();
    t.len() == k.len()
        && t.iter().zip(&k).all(|(t, k)| {
            if let Some(i) = t.find(':') {
                // `page:num` → a literal prefix, then anything.
                k.starts_with(&t[..i]) && k.len() > i
            } else {
                t == k
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names() {
        assert_eq!(
            dated_name("2013-05-06-jekyll-1-0-0-released.markdown"),
            Some(("2013-05-06", "jekyll-1-0-0-released", ".markdown"))
        );
        assert_eq!(
            dated_name("2020-1-5-a.b.md"),
            Some(("2020-1-5", "a.b", ".md"))
        );
        assert_eq!(dated_name("2020-01-01-x"), None);
        assert_eq!(dated_name("notes.md"), None);
        assert_eq!(extname("a.tar.gz"), ".gz");
        assert_eq!(extname(".htaccess"), "");
        assert!(template_matches("/page:n", "/page2"));
        assert!(template_matches("/tag/:name/", "/tag/rust"));
        assert!(!template_matches("/tag/:name/", "/tags/rust"));
    }
}
