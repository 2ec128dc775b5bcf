//! Astro (astro.build), with Starlight (starlight.astro.build) when the config uses
//! `@astrojs/starlight`.
//!
//! The config is JavaScript or TypeScript and is never run: its plain literals are read with
//! [`super::jslit`] (`base`, `trailingSlash`, `build.format`, `srcDir`, `publicDir`, and the
//! `starlight({...})` integration's `locales` and `defaultLocale`, following a relative import
//! of a `const`, as `docs.astro.build` keeps its locales in `config/locales.ts`). Starlight's
//! `locales` that are not plain literals come from `[site] locales` in `frontlint.toml`.
//!
//! Pages, as Astro 5–7 and Starlight 0.3x–0.4x publish them:
//!
//! * **Starlight docs** (`src/content/docs/`, `docsLoader` in `loaders.ts`): every Markdown or
//!   MDX file whose name does not start with `_`; its id is the `slug` front matter, else its
//!   path with each segment slugged by github-slugger and `/index` dropped
//!   (`getContentEntryIdAndSlug` in Astro's `content/utils.js`); its URL is `/<id>/`
//!   (`slugToPathname` in `utils/slugs.ts`, NFC-normalised). The first segment of the id names
//!   the locale when it is a configured locale key (`slugToLocale`); `draft: true` pages are
//!   not built.
//! * **Fallbacks** (`getRoutes` in `utils/routing/index.ts`): in a multilingual site, every
//!   page of the default locale is published again under each other locale (and the root
//!   locale) that has no page with the same id, at the localised id.
//! * **Pages** (`src/pages/**/*.{md,mdx}`): at their path (`index` → the folder); names and
//!   folders starting with `_` are not routes. Other files in `src/pages` (`.astro`, endpoints)
//!   are routes frontlint knows as patterns: `[param]` matches one path segment, `[...rest]`
//!   any number; a link to a URL they may produce is not reported (their `getStaticPaths` is
//!   code). A catch-all at the root of a multilingual Starlight site is taken not to produce
//!   URLs under a locale prefix, which Starlight's own route owns.
//! * **Collections** other than Starlight's `docs` (`src/content.config.ts`: `glob({ base })`
//!   loaders, or `src/content/<name>/`): pages of the folder, published under
//!   `/<name>/<id>/` when `src/pages/<name>/[slug].astro` or `[...slug].astro` exists, else
//!   without a known URL; their schemas are Astro's generated
//!   `.astro/collections/<name>.schema.json` when the site has them.
//! * `public/` is served at `/`; `base` prefixes every URL; `trailingSlash: 'never'` drops the
//!   final `/`.
//!
//! Links are URLs (Astro and Starlight do not rewrite `./other.md`): relative ones are resolved
//! against the page's URL(s) by the browser's rules; a file path next to the page counts for
//! images and assets. Heading ids come from github-slugger ([`super::slugger`]); Astro 5
//! drops a trailing `-` (`rehype-heading-ids` in `@astrojs/markdown-remark` 6), Astro 6 and
//! later keep it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

mod config;

use super::anchors::Style;
use super::facts::PageFacts;
use super::map::{Page, PageMap};
use super::urls;
use super::{
    Candidate, Generator, Kind, LangSource, Language, PageInfo, PageKind, PageUrl, Registration,
    Role, Site,
};
use config::load;

pub const REGISTRATION: Registration = Registration {
    kind: Kind::Astro,
    detect,
    load,
};

const CONFIG_NAMES: &[&str] = &[
    "astro.config.mjs",
    "astro.config.js",
    "astro.config.ts",
    "astro.config.mts",
    "astro.config.cjs",
    "astro.config.cts",
];

fn detect(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// Extensions of Starlight's docs loader (`docsExtensions` in `loaders.ts`).
const DOCS_EXTENSIONS: &[&str] = &["markdown", "mdown", "mkdn", "mkd", "mdwn", "md", "mdx"];

/// A URL frontlint cannot know for a page without a known URL: its relative links resolve
/// to this, which [`Generator::is_generated_url`] answers as "not known".
const UNKNOWN_URL: &str = "/\u{0}unknown";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TrailingSlash {
    Always,
    Never,
    Ignore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Directory,
    File,
}

/// One segment of a route in `src/pages`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Static(String),
    /// `[param]`, or a segment mixing text and a parameter (`[id].json`).
    Param,
    /// `[...rest]`: zero or more segments.
    Rest,
}

#[derive(Debug)]
struct Collection {
    name: String,
    /// Relative to the site root.
    dir: String,
    /// The URL prefix its entries publish under (`/blog`), when a route in `src/pages` says.
    route: Option<String>,
}

#[derive(Debug)]
struct AstroSite {
    starlight: bool,
    /// Starlight's docs folder, relative to the root (`src/content/docs`).
    docs_dir: String,
    pages_dir: String,
    collections: Vec<Collection>,
    /// Routes of non-Markdown files in `src/pages` (Markdown pages are pages of the map).
    routes: Vec<Vec<Seg>>,
    trailing_slash: TrailingSlash,
    format: Format,
    /// The Astro major version is not known: heading ids are given in both forms.
    version_unknown: bool,
}

fn segment(p: &str) -> Seg {
    if p.contains("[...") {
        Seg::Rest
    } else if p.contains('[') {
        Seg::Param
    } else {
        Seg::Static(p.to_string())
    }
}

/// Whether a route matches the URL's segments.
fn route_matches(route: &[Seg], parts: &[&str]) -> bool {
    match route.split_first() {
        None => parts.is_empty(),
        Some((Seg::Rest, rest)) => (0..=parts.len()).any(|k| route_matches(rest, &parts[k..])),
        Some((Seg::Param, rest)) => !parts.is_empty() && route_matches(rest, &parts[1..]),
        Some((Seg::Static(s), rest)) => {
            parts.first().is_some_and(|p| p == s) && route_matches(rest, &parts[1..])
        }
    }
}

/// A content-collection id from a path inside the collection (without the extension):
/// each segment slugged by github-slugger, `/index` dropped.
fn entry_id(inside_no_ext: &str) -> String {
    let slugged: Vec<String> = inside_no_ext.split('/').map(super::slugger::slug).collect();
    let id = slugged.join("/");
    match id.strip_suffix("/index") {
        Some(s) => s.to_string(),
        None => id,
    }
}

impl AstroSite {
    /// The path as Astro's router publishes it (`/a/b/`), from an id (`a/b`).
    fn pathname(&self, id: &str) -> String {
        let param = if matches!(id, "" | "index" | "/") {
            String::new()
        } else {
            id.strip_suffix("/index").unwrap_or(id).nfc().collect()
        };
        let param = param.trim_matches('/');
        if param.is_empty() {
            return "/".into();
        }
        match (self.format, self.trailing_slash) {
            (Format::File, _) | (_, TrailingSlash::Never) => format!("/{param}"),
            _ => format!("/{param}/"),
        }
    }

    /// The locale of a Starlight id, as `slugToLocale` says, and whether it is the root one.
    fn locale_of<'a>(&self, site: &'a Site, id: &str) -> Option<&'a Language> {
        let first = id.split('/').next().unwrap_or("");
        site.languages
            .iter()
            .find(|l| l.url_prefix != "/" && l.url_prefix.trim_matches('/') == first)
            .or_else(|| site.languages.iter().find(|l| l.url_prefix == "/"))
            .or_else(|| site.languages.first())
    }

    fn collection_of<'a>(&'a self, rel: &'a str) -> Option<(&'a Collection, &'a str)> {
        self.collections
            .iter()
            .filter_map(|c| urls::strip_dir(rel, &c.dir).map(|inside| (c, inside)))
            .max_by_key(|(c, _)| c.dir.len())
    }
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

fn without_extension(path: &str) -> &str {
    let name = urls::file_name(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &path[..path.len() - (name.len() - i)],
        _ => path,
    }
}

impl Generator for AstroSite {
    fn page_keys(&self) -> &'static [&'static str] {
        &["slug", "draft"]
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        if self.starlight {
            if let Some(inside) = urls::strip_dir(rel, &self.docs_dir) {
                let name = urls::file_name(inside);
                if !DOCS_EXTENSIONS.contains(&extension(name)) {
                    return Role::Ignored;
                }
                // The loader's pattern `**/[^_]*.{…}`: only the file name matters.
                return if name.starts_with('_') {
                    Role::Partial
                } else {
                    Role::Page
                };
            }
        }
        if let Some(inside) = urls::strip_dir(rel, &self.pages_dir) {
            if !matches!(extension(inside), "md" | "mdx" | "markdown") {
                return Role::Ignored;
            }
            return if inside.split('/').any(|p| p.starts_with('_')) {
                Role::Partial
            } else {
                Role::Page
            };
        }
        if let Some((_, inside)) = self.collection_of(rel) {
            let name = urls::file_name(inside);
            return if name.starts_with('_') {
                Role::Partial
            } else {
                Role::Page
            };
        }
        Role::Ignored
    }

    fn page(&self, site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        let published = facts.bool("draft") != Some(true);
        let slug_field = facts.field("slug").and_then(|f| match &f.value {
            super::facts::FieldValue::Str(s) if !s.is_empty() => Some((s.clone(), f.span.clone())),
            _ => None,
        });
        if self.starlight {
            if let Some(inside) = urls::strip_dir(rel, &self.docs_dir) {
                let (id, set_by) = match &slug_field {
                    Some((s, span)) => (s.clone(), Some(span.clone())),
                    None => (entry_id(without_extension(inside)), None),
                };
                let id = if id == "index" { String::new() } else { id };
                let url = self.pathname(&id);
                let (lang, lang_source, key) = if site.languages.len() > 1 {
                    let l = self.locale_of(site, &id);
                    let prefixed = l.filter(|l| l.url_prefix != "/");
                    let key = match prefixed {
                        Some(l) => {
                            let p = l.url_prefix.trim_matches('/');
                            id.strip_prefix(p)
                                .map(|r| r.trim_start_matches('/').to_string())
                                .unwrap_or_else(|| id.clone())
                        }
                        None => id.clone(),
                    };
                    (
                        l.map(|l| l.key.clone()),
                        if prefixed.is_some() {
                            LangSource::Folder
                        } else {
                            LangSource::Default
                        },
                        Some(key),
                    )
                } else {
                    (None, LangSource::Default, None)
                };
                return PageInfo {
                    urls: vec![PageUrl { url, set_by }],
                    aliases: Vec::new(),
                    lang,
                    lang_source,
                    translation_key: key,
                    published,
                    kind: PageKind::Page,
                };
            }
        }
        if let Some(inside) = urls::strip_dir(rel, &self.pages_dir) {
            let no_ext = without_extension(inside);
            let id = no_ext
                .strip_suffix("index")
                .map_or(no_ext, |s| s.trim_end_matches('/'));
            let id = if no_ext == "index" { "" } else { id };
            return PageInfo {
                urls: vec![PageUrl {
                    url: self.pathname(id),
                    set_by: None,
                }],
                published,
                ..PageInfo::default()
            };
        }
        if let Some((c, inside)) = self.collection_of(rel) {
            let urls_out = match &c.route {
                Some(route) => {
                    let (id, set_by) = match &slug_field {
                        Some((s, span)) => (s.clone(), Some(span.clone())),
                        None => (entry_id(without_extension(inside)), None),
                    };
                    let id = if id == "index" { String::new() } else { id };
                    let path = self.pathname(&format!("{}/{id}", route.trim_matches('/')));
                    vec![PageUrl { url: path, set_by }]
                }
                None => Vec::new(),
            };
            return PageInfo {
                urls: urls_out,
                published,
                ..PageInfo::default()
            };
        }
        PageInfo::default()
    }

    /// Starlight's fallback routes: each default-locale page again under every other locale
    /// without a page of the same id (`getRoutes` in `utils/routing/index.ts`).
    fn complete(&self, site: &Site, pages: &mut [Page]) {
        if !self.starlight || site.languages.len() < 2 {
            return;
        }
        let default = &site.languages[0];
        let mut have: HashSet<(String, String)> = HashSet::new();
        for p in pages.iter() {
            if p.role != Role::Page || !p.info.published {
                continue;
            }
            if let (Some(k), Some(l)) = (&p.info.translation_key, &p.info.lang) {
                have.insert((k.clone(), l.clone()));
            }
        }
        let mut add: Vec<(usize, String)> = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            if p.role != Role::Page || !p.info.published {
                continue;
            }
            let (Some(k), Some(l)) = (&p.info.translation_key, &p.info.lang) else {
                continue;
            };
            if *l != default.key {
                continue;
            }
            for other in site.languages.iter().skip(1) {
                if have.contains(&(k.clone(), other.key.clone())) {
                    continue;
                }
                let prefix = other.url_prefix.trim_matches('/');
                let id = if prefix.is_empty() {
                    k.clone()
                } else if k.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}/{k}")
                };
                add.push((i, self.pathname(&id)));
            }
        }
        for (i, url) in add {
            pages[i].info.urls.push(PageUrl { url, set_by: None });
        }
    }

    fn extra_ids(
        &self,
        _text: &str,
        _body: std::ops::Range<usize>,
        facts: &crate::body::BodyFacts,
        out: &mut Vec<String>,
        _deps: &mut Vec<std::path::PathBuf>,
    ) {
        // Starlight's page title is `<h1 id="_top">` (its `PageTitle` component).
        if self.starlight {
            out.push("_top".into());
        }
        if self.version_unknown {
            // Astro 5's ids too (a trailing `-` dropped).
            out.extend(super::anchors::ids(
                &Style::GithubSlugger {
                    strip_trailing_dash: true,
                    h1_ids: true,
                },
                facts,
            ));
        }
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        let page = &map.pages[from];
        if path.starts_with('/') {
            return vec![Candidate::Url(
                super::map::strip_base(site, path).to_string(),
            )];
        }
        let mut out = Vec::new();
        // A file next to the page: Astro resolves relative images (`![](./a.png)`) from the
        // file; a Markdown source (`./other.md`) is never published, so it is only a URL.
        let ext = extension(urls::file_name(path)).to_ascii_lowercase();
        if !ext.is_empty() && !DOCS_EXTENSIONS.contains(&ext.as_str()) {
            if let Some(r) = urls::join(urls::parent(&page.rel), path) {
                out.push(Candidate::Source(r));
            }
        }
        if page.info.urls.is_empty() {
            out.push(Candidate::Url(UNKNOWN_URL.into()));
        }
        for u in &page.info.urls {
            out.push(Candidate::Url(super::map::relative_url(&u.url, path)));
        }
        out
    }

    fn is_generated_url(&self, site: &Site, url: &str) -> bool {
        if url == UNKNOWN_URL || url.starts_with("/\u{0}") {
            return true;
        }
        let key = urls::url_key(url);
        let path = key.trim_start_matches('/');
        let parts: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        // What Astro and its integrations write besides pages.
        if let Some(first) = parts.first() {
            if matches!(
                *first,
                "_astro" | "pagefind" | "404.html" | "sitemap-index.xml"
            ) || first.starts_with("sitemap-")
            {
                return true;
            }
        }
        if parts == ["404"] {
            return true;
        }
        let locale_prefixed = self.starlight
            && site.languages.len() > 1
            && parts.first().is_some_and(|f| {
                site.languages
                    .iter()
                    .any(|l| l.url_prefix != "/" && l.url_prefix.trim_matches('/') == *f)
            });
        // `.html` and trailing-slash forms of a route.
        let stripped: Vec<&str> = parts
            .iter()
            .map(|p| p.strip_suffix(".html").unwrap_or(p))
            .collect();
        self.routes.iter().any(|r| {
            if locale_prefixed && matches!(r.first(), Some(Seg::Rest)) {
                return false;
            }
            route_matches(r, &parts) || route_matches(r, &stripped)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use config::package_version;

    #[test]
    fn collection_ids_are_slugged_per_segment() {
        assert_eq!(
            entry_id("en/guides/Getting Started"),
            "en/guides/getting-started"
        );
        assert_eq!(entry_id("en/index"), "en");
        assert_eq!(entry_id("index"), "index");
        assert_eq!(entry_id("en/v1.0/Intro"), "en/v10/intro");
        assert_eq!(entry_id("zh-cn/指南/安装"), "zh-cn/指南/安装");
        assert_eq!(entry_id("_partials/x"), "_partials/x");
    }

    #[test]
    fn routes_match_like_astro_params() {
        let r: Vec<Seg> = vec![segment("[lang]"), segment("install")];
        assert!(route_matches(&r, &["de", "install"]));
        assert!(!route_matches(&r, &["de", "x"]));
        let rest: Vec<Seg> = vec![segment("open-graph"), segment("[...path]")];
        assert!(route_matches(&rest, &["open-graph", "en", "a.png"]));
        assert!(route_matches(&rest, &["open-graph"]));
        assert!(!route_matches(&rest, &["guides"]));
    }

    #[test]
    fn versions_from_ranges() {
        let p =
            serde_json::json!({"dependencies": {"astro": "^5.1.0"}, "devDependencies": {"x": "1"}});
        assert_eq!(package_version(&p, "astro"), Some(5));
        let p = serde_json::json!({"devDependencies": {"astro": ">=7.0.2"}});
        assert_eq!(package_version(&p, "astro"), Some(7));
        let p = serde_json::json!({"dependencies": {"astro": "workspace:*"}});
        assert_eq!(package_version(&p, "astro"), None);
    }
}
