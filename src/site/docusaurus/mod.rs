//! Docusaurus (docusaurus.io), version 3.
//!
//! The config is JavaScript and is never run. Its plain literals are read with
//! [`super::jslit`] (the docs and blog `path`, `routeBasePath`, `include`-free defaults,
//! `versions`, `lastVersion`, `baseUrl`, `trailingSlash`, `i18n`, `staticDirectories`); what is
//! computed falls back to the documented default, and `frontlint site` says which.
//!
//! Pages, as `@docusaurus/plugin-content-docs`, `-blog` and `-pages` 3.10 build them:
//!
//! * **docs** (`docs.ts`, `slug.ts`, `numberPrefix.ts`): every `**/*.{md,mdx}` of each version's
//!   folder (`docs/` for `current`, `versioned_docs/version-X/` for the names in
//!   `versions.json`), except files and folders starting with `_` (partials); the id is the
//!   `id` front matter or the file name with its number prefix (`01-intro` → `intro`) removed;
//!   the slug is the `slug` front matter (absolute, or resolved against the folder), else the
//!   folder for a category index (`index`, `README`, or a file named like its folder), else
//!   folder + id, number prefixes removed from folders; the URL is
//!   `baseUrl` + `routeBasePath` + the version's path (`''` for the last version, `next` for
//!   `current`, else the name) + slug;
//! * **blog** (`blogUtils.ts`): `slug` front matter, else the date in the file name
//!   (`2021-01-02-title.md`, `2021/01/02/title/index.md`) as `/2021/01/02/title`, else the path;
//!   under `baseUrl` + `routeBasePath` (`/blog`);
//! * **pages**: `src/pages/**/*.{md,mdx}` at their path (`index` → the folder), with the
//!   JavaScript pages (`.js`, `.jsx`, `.ts`, `.tsx`) known as generated URLs;
//! * `draft: true` pages are left out of production builds; `static/` is served at `/`;
//! * i18n: for each other locale, `i18n/<locale>/docusaurus-plugin-content-docs/current/…`
//!   (and `-blog`, `-pages`) translate pages under `/<locale>/…`, and every page without a
//!   translation is built again there from the default locale's source.
//!
//! Links: `[x](./other.md)` (a `.md`/`.mdx` path) is resolved by the mdx-loader
//! (`resolveMarkdownLinkPathname` in `@docusaurus/utils`): relative to the file, and for
//! `/x.md` and `x.md` also from the plugin's content folders and the site folder; any other
//! link is a URL, relative ones resolved by the browser against the page's URL, assets with an
//! extension also as files next to the page (`transformLinks`). Heading ids come from
//! github-slugger ([`super::slugger`]) with `{#custom-id}`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod config;
mod paths;

use config::load;
use paths::{
    blog_slug_from_path, file_to_path, normalize_url, strip_number_prefix,
    strip_path_number_prefixes,
};

use super::facts::PageFacts;
use super::map::{Page, PageMap};
use super::urls;
use super::{
    Candidate, Generator, Kind, LangSource, PageInfo, PageKind, PageUrl, Registration, Role, Site,
};

pub const REGISTRATION: Registration = Registration {
    kind: Kind::Docusaurus,
    detect,
    load,
};

const CONFIG_NAMES: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "docusaurus.config.ts",
    "docusaurus.config.mts",
    "docusaurus.config.cts",
];

/// The config in the folder, or in its `website/` folder (the layout of `docusaurus init` for
/// a project's own documentation, and of Docusaurus 1).
fn detect(dir: &Path) -> Option<PathBuf> {
    let here = CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file());
    here.or_else(|| {
        CONFIG_NAMES
            .iter()
            .map(|n| dir.join("website").join(n))
            .find(|p| p.is_file())
    })
}

/// What a content folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DirKind {
    Docs,
    Blog,
    Pages,
}

/// One folder of pages, as one plugin instance (and version, and locale) reads it.
#[derive(Debug, Clone)]
struct Folder {
    kind: DirKind,
    /// Relative to the site root.
    dir: String,
    /// The plugin instance (`default`, or its `id`).
    plugin: String,
    /// The docs version (`current`, `stable`); empty for blog and pages.
    version: String,
    /// `None` for the default locale.
    locale: Option<String>,
    /// URL of the folder's pages, base path excluded, no trailing `/` (`/docs/next`, `/blog`,
    /// `/fr/docs`, ``).
    route: String,
}

#[derive(Debug)]
struct Docusaurus {
    /// The folder holding the config, relative to the site root (`""`, `website`).
    site_dir: String,
    /// Most specific first.
    folders: Vec<Folder>,
    /// `trailingSlash`: `Some(true)` adds `/` to every URL, `Some(false)` removes it.
    trailing_slash: Option<bool>,
    /// Default locale first; one entry for a single-locale site.
    locales: Vec<String>,
    /// URL keys of the JavaScript pages (`src/pages/users/index.jsx` → `/users`).
    js_pages: HashSet<String>,
    /// URL prefixes (keys) under which the site generates pages without a source: blog lists,
    /// tags, authors, archives, docs tags and category indexes.
    generated: Vec<String>,
}

impl Docusaurus {
    /// The folder holding `rel`, and `rel` inside it.
    fn locate<'a>(&'a self, rel: &'a str) -> Option<(&'a Folder, &'a str)> {
        self.folders
            .iter()
            .find_map(|f| urls::strip_dir(rel, &f.dir).map(|inside| (f, inside)))
    }

    /// The final URL, as `trailingSlash` makes it.
    fn finish_url(&self, url: String) -> String {
        match self.trailing_slash {
            Some(true) if !url.ends_with('/') => format!("{url}/"),
            Some(false) if url.len() > 1 && url.ends_with('/') => {
                url.trim_end_matches('/').to_string()
            }
            _ => url,
        }
    }

    fn doc_url(
        &self,
        folder: &Folder,
        inside: &str,
        facts: &PageFacts,
    ) -> (String, Option<std::ops::Range<usize>>) {
        let parse_prefixes = facts.bool("parse_number_prefixes") != Some(false);
        let name = urls::file_name(inside);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let dir = urls::parent(inside);
        let unprefixed = if parse_prefixes {
            strip_number_prefix(stem)
        } else {
            stem
        };
        let base_id = facts.str("id").unwrap_or(unprefixed);
        let dir_slug = if dir.is_empty() {
            "/".to_string()
        } else {
            let d = if parse_prefixes {
                strip_path_number_prefixes(dir)
            } else {
                dir.to_string()
            };
            format!("/{}/", d.trim_matches('/'))
        };
        let fm_slug = facts.field("slug").and_then(|f| match &f.value {
            super::facts::FieldValue::Str(s) => Some((s.clone(), f.span.clone())),
            _ => None,
        });
        let (slug, span) = match &fm_slug {
            Some((s, span)) if s.starts_with('/') => (s.clone(), Some(span.clone())),
            Some((s, span)) => (super::map::relative_url(&dir_slug, s), Some(span.clone())),
            None => {
                // `isCategoryIndex`: `index`, `readme`, or the folder's own name.
                let last_dir = urls::file_name(dir);
                let is_index = stem.eq_ignore_ascii_case("index")
                    || stem.eq_ignore_ascii_case("readme")
                    || (!dir.is_empty() && stem.eq_ignore_ascii_case(last_dir));
                if is_index {
                    (dir_slug.clone(), None)
                } else {
                    (super::map::relative_url(&dir_slug, base_id), None)
                }
            }
        };
        (normalize_url(&[&folder.route, "/", &slug]), span)
    }
}

impl Generator for Docusaurus {
    fn page_keys(&self) -> &'static [&'static str] {
        &["id", "slug", "draft", "parse_number_prefixes"]
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        let Some((_, inside)) = self.locate(rel) else {
            return Role::Ignored;
        };
        let name = urls::file_name(inside);
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        if !matches!(ext, "md" | "mdx") {
            return Role::Ignored;
        }
        // `GlobExcludeDefault`: `**/_*.{md,mdx}`, `**/_*/**`, `**/__tests__/**`.
        if inside.split('/').any(|part| part.starts_with('_')) {
            return Role::Partial;
        }
        Role::Page
    }

    fn page(&self, _site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        let Some((folder, inside)) = self.locate(rel) else {
            return PageInfo::default();
        };
        let (url, set_by, kind) = match folder.kind {
            DirKind::Docs => {
                let (u, span) = self.doc_url(folder, inside, facts);
                (u, span, PageKind::Page)
            }
            DirKind::Blog => {
                let (slug, span) = match facts.field("slug") {
                    Some(f) => match &f.value {
                        super::facts::FieldValue::Str(s) if !s.is_empty() => {
                            (s.clone(), Some(f.span.clone()))
                        }
                        _ => (blog_slug_from_path(inside), None),
                    },
                    None => (blog_slug_from_path(inside), None),
                };
                (normalize_url(&[&folder.route, &slug]), span, PageKind::Page)
            }
            DirKind::Pages => (
                normalize_url(&[&folder.route, &file_to_path(inside)]),
                None,
                PageKind::Page,
            ),
        };
        let url = self.finish_url(url);
        let multilingual = self.locales.len() > 1;
        PageInfo {
            urls: vec![PageUrl { url, set_by }],
            aliases: Vec::new(),
            lang: multilingual.then(|| {
                folder
                    .locale
                    .clone()
                    .unwrap_or_else(|| self.locales[0].clone())
            }),
            lang_source: if folder.locale.is_some() {
                LangSource::Folder
            } else {
                LangSource::Default
            },
            translation_key: multilingual.then(|| {
                format!(
                    "{:?}:{}:{}:{inside}",
                    folder.kind, folder.plugin, folder.version
                )
            }),
            published: facts.bool("draft") != Some(true),
            kind,
        }
    }

    /// Each other locale's build renders every default-locale page that has no translation
    /// at `/<locale>` + its URL (`getFolderContainingFile` falls back to the default folder).
    fn complete(&self, _site: &Site, pages: &mut [Page]) {
        if self.locales.len() < 2 {
            return;
        }
        let default = &self.locales[0];
        let mut have: HashMap<(&str, &str), ()> = HashMap::new();
        let mut keys: Vec<(usize, String)> = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            if p.role != Role::Page || !p.info.published {
                continue;
            }
            if let (Some(k), Some(l)) = (&p.info.translation_key, &p.info.lang) {
                if l == default {
                    keys.push((i, k.clone()));
                }
            }
        }
        for p in pages.iter() {
            if let (Some(k), Some(l)) = (&p.info.translation_key, &p.info.lang) {
                if p.info.published && l != default {
                    have.insert((k.as_str(), l.as_str()), ());
                }
            }
        }
        let mut add: Vec<(usize, String)> = Vec::new();
        for (i, k) in &keys {
            for l in self.locales.iter().skip(1) {
                if !have.contains_key(&(k.as_str(), l.as_str())) {
                    if let Some(u) = pages[*i].info.urls.first() {
                        add.push((*i, format!("/{l}{}", u.url)));
                    }
                }
            }
        }
        for (i, url) in add {
            pages[i].info.urls.push(PageUrl { url, set_by: None });
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
        let name = urls::file_name(path.trim_end_matches('/'));
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let file_dir = urls::parent(&page.rel);
        let site_dir = self.site_dir.as_str();
        // `@site/…`: the site folder.
        if let Some(rest) = path.strip_prefix("@site/") {
            return urls::join(site_dir, rest)
                .map(Candidate::Source)
                .into_iter()
                .collect();
        }
        if matches!(ext.as_deref(), Some("md" | "mdx")) {
            // `resolveMarkdownLinkPathname`: the file's folder for `./` and `../`; the plugin's
            // content folders (this version and its translation) then the site folder for
            // `/x.md`; all three for `x.md`.
            let mut dirs: Vec<String> = Vec::new();
            let content_dirs: Vec<String> = self
                .locate(&page.rel)
                .map(|(f, _)| {
                    self.folders
                        .iter()
                        .filter(|g| {
                            g.kind == f.kind
                                && g.plugin == f.plugin
                                && g.version == f.version
                                && (g.locale == f.locale || g.locale.is_none())
                        })
                        .map(|g| g.dir.clone())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(rest) = path.strip_prefix('/') {
                for d in content_dirs
                    .iter()
                    .chain(std::iter::once(&site_dir.to_string()))
                {
                    if let Some(r) = urls::join(d, rest) {
                        dirs.push(r);
                    }
                }
            } else if path.starts_with("./") || path.starts_with("../") {
                if let Some(r) = urls::join(file_dir, path) {
                    dirs.push(r);
                }
            } else {
                for d in std::iter::once(file_dir.to_string())
                    .chain(content_dirs)
                    .chain(std::iter::once(site_dir.to_string()))
                {
                    if let Some(r) = urls::join(&d, path) {
                        dirs.push(r);
                    }
                }
            }
            // Only a published page of the same plugin instance resolves: each plugin keeps
            // its own `sourceToPermalink` (of every version, drafts left out).
            let this = self
                .locate(&page.rel)
                .map(|(f, _)| (f.kind, f.plugin.as_str()));
            return dirs
                .into_iter()
                .filter(|d| {
                    let same_plugin = self
                        .locate(d)
                        .is_some_and(|(f, _)| Some((f.kind, f.plugin.as_str())) == this);
                    let published = map.page_by_source(d).is_none_or(|i| {
                        map.pages[i].info.published && map.pages[i].role == Role::Page
                    });
                    same_plugin && published
                })
                .map(Candidate::Source)
                .collect();
        }
        let mut out = Vec::new();
        if path.starts_with('/') {
            let url = super::map::strip_base(site, path).to_string();
            if ext.as_deref().is_some_and(|e| e != "html") {
                // An asset (`/img/a.png`): `transformLinks` looks it up in the static folders
                // as written (with no base URL), and turns it into a file of the build; a
                // link it does not find stays a route link, which the broken-link checker
                // knows only among the routes (so `/base/img/a.png` is reported there).
                for s in &site.statics {
                    if let Some(r) = urls::join(&s.dir, path.trim_start_matches('/')) {
                        out.push(Candidate::Source(r));
                    }
                }
                if map.pages_at(&url).next().is_some() || self.is_generated_url(site, &url) {
                    out.push(Candidate::Url(url));
                }
                return out;
            }
            // The Link component prepends the build's base URL (with its locale: `/fr/`) to a
            // root-relative link that does not start with it (`addBaseUrl`).
            if let Some(l) = self
                .locate(&page.rel)
                .and_then(|(f, _)| f.locale.as_deref())
            {
                let prefixed = format!("/{l}");
                if !urls::is_under(&url, &prefixed) {
                    out.push(Candidate::Url(format!("{prefixed}{url}")));
                    return out;
                }
            }
            out.push(Candidate::Url(url));
            return out;
        }
        // A relative asset with an extension is a file next to the page (`transformLinks`).
        if ext.is_some() {
            if let Some(r) = urls::join(file_dir, path) {
                out.push(Candidate::Source(r));
            }
        }
        for u in &page.info.urls {
            out.push(Candidate::Url(super::map::relative_url(&u.url, path)));
        }
        out
    }

    fn is_generated_url(&self, _site: &Site, url: &str) -> bool {
        let key = urls::url_key(url);
        if self.js_pages.contains(&key) {
            return true;
        }
        self.generated.iter().any(|g| match g.strip_prefix('=') {
            Some(exact) => key == exact,
            None => urls::is_under(&key, g),
        })
    }
}
