//! No generator recognised: a folder of Markdown files, read with Hugo-like conventions
//! (frontlint's behaviour before the site model). `content/` holds the pages when it exists,
//! else the root does; `static/` and `assets/` are served at `/`; a page `a/b.md` or
//! `a/b/index.md` publishes at `/a/b/`; folders under `content/` whose names are language
//! tags (`en`, `zh-CN`) are language folders. When `content/` exists, files outside it are not
//! pages (as in Hugo: READMEs and a theme's `exampleSite/` publish nothing), and a page calling a
//! `{{% … %}}` shortcode may have heading ids frontlint cannot see.

use std::path::Path;

use super::facts::PageFacts;
use super::map::PageMap;
use super::urls;
use super::{
    Candidate, ContentDir, Generator, Kind, PageInfo, PageKind, PageUrl, Role, Site, StaticDir,
};

#[derive(Debug)]
struct Folder {
    /// `content/<lang>` folders.
    lang_dirs: Vec<String>,
    /// `content/` exists: as in Hugo, the pages are there, and files around it (READMEs,
    /// `docs/`, a theme's `exampleSite/`) are not pages.
    content_only: bool,
    /// Where the pages are when `content_only`: `content`, or `src/content`, where Astro keeps
    /// its content collections ("`src/content/` is reserved for content collections",
    /// docs.astro.build/en/guides/content-collections/) when there is no `content/`.
    content_dir: &'static str,
    /// The tree holds Markdown files only (see [`markdown_only`]); looked at on the first
    /// missing image or file.
    markdown_only: std::sync::OnceLock<bool>,
    /// The folder that holds a Jekyll `_posts` folder one level down (`docs` for
    /// `docs/_posts`): Jekyll's source folder, where a root-relative `/img/a.png` is.
    jekyll_source: Option<String>,
    /// Folders under `content/` known to be (or not) in a headless section or bundle, as
    /// Hugo reads them.
    headless:
        std::sync::RwLock<std::collections::HashMap<String, bool, crate::fasthash::FastBuild>>,
    /// This model's number in the process, for [`Folder::headless_under`]'s per-thread memo.
    id: u64,
}

/// A new [`Folder::id`].
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The model of a folder without a generator.
pub fn site(root: &Path) -> Site {
    let posts = jekyll_posts(root);
    let content_exists = root.join("content").is_dir();
    let astro_content = !content_exists && root.join("src/content").is_dir();
    let mut lang_dirs = Vec::new();
    if content_exists {
        if let Ok(entries) = std::fs::read_dir(root.join("content")) {
            for e in entries.filter_map(Result::ok) {
                let Ok(name) = e.file_name().into_string() else {
                    continue;
                };
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                if is_dir && (2..=7).contains(&name.len()) && crate::langtag::check(&name).is_ok() {
                    lang_dirs.push(format!("content/{name}"));
                }
            }
        }
        lang_dirs.sort();
    }
    let mut site = Site::base(
        Kind::Folder,
        root,
        None,
        Box::new(Folder {
            lang_dirs: lang_dirs.clone(),
            content_only: content_exists || astro_content,
            content_dir: if content_exists {
                "content"
            } else {
                "src/content"
            },
            markdown_only: std::sync::OnceLock::new(),
            jekyll_source: posts
                .as_deref()
                .map(urls::parent)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            headless: Default::default(),
            id: next_id(),
        }),
    );
    for d in &lang_dirs {
        site.content.push(ContentDir {
            dir: d.clone(),
            lang: None,
            url_prefix: "/".into(),
            label: "content".into(),
        });
    }
    if content_exists {
        site.content.push(ContentDir {
            dir: "content".into(),
            lang: None,
            url_prefix: "/".into(),
            label: "content".into(),
        });
    }
    site.content.push(ContentDir {
        dir: String::new(),
        lang: None,
        url_prefix: "/".into(),
        label: "folder".into(),
    });
    for dir in ["static", "assets"] {
        site.statics.push(StaticDir {
            dir: dir.into(),
            url_prefix: "/".into(),
        });
    }
    // Next.js serves `public/` at `/` (nextjs.org/docs/app/api-reference/file-conventions/public-folder).
    if let Some(config) = NEXT_CONFIGS.iter().find(|n| root.join(n).is_file()) {
        site.statics.push(StaticDir {
            dir: "public".into(),
            url_prefix: "/".into(),
        });
        site.note("static", "`public/` served at `/` (Next.js)", *config);
    }
    site.note(
        "generator",
        "none recognised: Hugo-like conventions (pages under `content/` or the root, `static/` and `assets/` served at `/`)",
        "assumed",
    );
    site.note(
        "links",
        "a link to a pretty URL (`/guides/intro/`) that is no file or folder is not checked: no generator config says which URLs exist",
        "assumed",
    );
    if !lang_dirs.is_empty() {
        site.note("language folders", lang_dirs.join(", "), "assumed");
    }
    if content_exists {
        // `content/` is Hugo's convention, and Hugo reads `categories: "envoy"` as the one
        // term `envoy` (proven with Hugo 0.168 on fixtures/sites/hugo-taxonomy, see
        // src/site/hugo/load.rs): not reported. Without `content/` nothing says which
        // generator reads the string (Docusaurus rejects a string `tags`), and it warns.
        site.taxonomy_string = super::TaxonomyString::Single;
        site.note(
            "taxonomies",
            "a string is one term (Hugo's reading: the pages are in `content/`)",
            "assumed",
        );
    }
    // A `_posts` folder is Jekyll's, whose conventions differ from Hugo's in ways that are
    // not defects: `2013-02-22 13:09:05 +0000` dates, `categories: a b` split on spaces, an
    // empty `---`/`---` header meaning "render this file", YAML 1.1 (jekyllrb.com/docs/posts/,
    // jekyllrb.com/docs/front-matter/). Without `_config.yml` nothing else is known.
    if let Some(posts) = posts {
        site.dates = super::DateDialect::Jekyll;
        site.taxonomy_string = super::TaxonomyString::SplitOnSpace;
        site.yaml = super::YamlReader::Yaml11;
        site.jekyll_conventions = true;
        site.note(
            "conventions",
            "Jekyll's: its date form, string categories and tags split on spaces, `---`/`---` render markers, YAML 1.1",
            format!("assumed: a `{posts}` folder"),
        );
    }
    site
}

/// A Jekyll `_posts` folder at the root or one level below it (`docs/_posts`).
fn jekyll_posts(root: &Path) -> Option<String> {
    if root.join("_posts").is_dir() {
        return Some("_posts".into());
    }
    let mut found: Vec<String> = std::fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.') && root.join(name).join("_posts").is_dir())
        .map(|name| format!("{name}/_posts"))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// Whether the tree under `root` holds no regular file but Markdown (`.md`, `.mdx`,
/// `.markdown`), hidden files and folders aside (`.git`, `.frontlint_cache`). Reads folder
/// listings only: no ignore file is read, no link followed; stops at the first other file.
/// On every thread: the other threads of the run wait for the answer (a 100,000-file tree is
/// read in about 30 ms by two). A run whose walk saw the whole tree already knows the answer
/// ([`crate::bounds::Tree`]) and never makes this one.
fn markdown_only(root: &Path) -> bool {
    use std::sync::atomic::{AtomicBool, Ordering};
    let other = AtomicBool::new(false);
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                use ignore::WalkState;
                if other.load(Ordering::Relaxed) {
                    return WalkState::Quit;
                }
                let Ok(entry) = entry else {
                    return WalkState::Continue;
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return WalkState::Continue;
                }
                if crate::util::is_markdown_name(entry.file_name()) {
                    WalkState::Continue
                } else {
                    other.store(true, Ordering::Relaxed);
                    WalkState::Quit
                }
            })
        });
    !other.into_inner()
}

/// The config files that make a folder a Next.js project.
const NEXT_CONFIGS: &[&str] = &[
    "next.config.js",
    "next.config.mjs",
    "next.config.cjs",
    "next.config.ts",
    "next.config.mts",
];

impl Generator for Folder {
    fn page_keys(&self) -> &'static [&'static str] {
        &["slug", "url", "aliases", "draft"]
    }

    fn role(&self, site: &Site, rel: &str) -> Role {
        if !self.content_only {
            return Role::Page;
        }
        if !urls::is_under(rel, self.content_dir) {
            return Role::Ignored;
        }
        // Hugo's headless sections and bundles, as in the Hugo model (hugoDocs' `_common`,
        // whose `_index.md` cascades `build: {render: never}`): partials other pages include,
        // front matter optional.
        if self.content_dir == "content" && self.headless_under(site, urls::parent(rel)) {
            return Role::Partial;
        }
        Role::Page
    }

    /// Hugo-style shortcodes in `{{% … %}}` notation render Markdown the body does not show
    /// (Hugo's `include`-like shortcodes bring in whole pages with their headings): a page
    /// calling one may have ids frontlint cannot see, so a fragment pointing at it is not
    /// reported as missing.
    fn refs(
        &self,
        text: &str,
        body: std::ops::Range<usize>,
        _code: &[std::ops::Range<usize>],
        out: &mut Vec<super::RefFact>,
    ) {
        let Some(src) = text.get(body.clone()) else {
            return;
        };
        for at in memchr::memmem::find_iter(src.as_bytes(), b"{{%") {
            let rest = src[at + 3..].trim_start();
            // Not a closing tag, not an escaped (`{{%/* … */%}}`) one, not `ref`/`relref`.
            if rest.starts_with('/') || rest.starts_with("ref ") || rest.starts_with("relref ") {
                continue;
            }
            if !rest.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let pos = body.start + at;
            out.push(super::RefFact {
                kind: super::RefKind::Include,
                target: String::new(),
                span: pos..pos,
            });
            // One is enough to open the page's ids.
            break;
        }
    }

    fn page(&self, site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        let dir = site.content_dir(rel).map_or("", |c| c.dir.as_str());
        let inside = urls::strip_dir(rel, dir).unwrap_or(rel);
        let name = urls::file_name(inside);
        let folder = urls::parent(inside);
        let stem = urls::stem(name);
        let (url, kind) = if matches!(stem, "index" | "_index" | "README" | "readme") {
            (
                urls::prefix(folder),
                if stem == "_index" {
                    PageKind::Section
                } else {
                    PageKind::Page
                },
            )
        } else {
            (urls::prefix(&format!("{folder}/{stem}")), PageKind::Page)
        };
        let mut urls_out = vec![PageUrl { url, set_by: None }];
        if let Some(u) = facts.field("url") {
            if let super::facts::FieldValue::Str(s) = &u.value {
                urls_out = vec![PageUrl {
                    url: urls::prefix(s),
                    set_by: Some(u.span.clone()),
                }];
            }
        }
        PageInfo {
            urls: urls_out,
            aliases: Vec::new(),
            lang: None,
            lang_source: Default::default(),
            translation_key: None,
            published: facts.bool("draft") != Some(true),
            kind,
        }
    }

    /// Without a generator, a pretty URL (`/guides/intro/`, `g`: no extension) that is no file
    /// or folder of the tree may still be a page: its URL comes from permalink rules, render
    /// hooks or redirects frontlint has not read. It is not reported (on the content-only
    /// extracts of `../shared/corpora`, such links were 13,000 false reports out of 13,200).
    /// A file link (`intro.md`, `setup.html`, `img.png`) is reported: no generator makes it up.
    fn unresolved_link(&self, path: &str) -> super::Resolution {
        let name = urls::file_name(path.trim_end_matches('/'));
        if path.ends_with('/') || !name.contains('.') {
            super::Resolution::Unknown
        } else {
            super::Resolution::Missing
        }
    }

    /// A tree of Markdown files and nothing else is a copy of a site's pages (an extract, a
    /// content repository built elsewhere): its images and static files were left behind, so a
    /// missing one is not reported (on `../shared/corpora`, 600 of 790 false reports).
    fn files_unknown(&self, site: &Site) -> bool {
        *self.markdown_only.get_or_init(|| markdown_only(&site.root))
    }

    fn tree_walked(&self, site: &Site, tree: &crate::bounds::Tree) {
        if let Some(only) = tree.markdown_only(&site.root) {
            let _ = self.markdown_only.set(only);
        }
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        let mut out = super::map::default_candidates(site, map, from, path);
        if let Some(rest) = path.strip_prefix('/') {
            // Root-relative: also a file under the root, `content/`, a language folder or
            // Jekyll's source folder (Jekyll copies its static files to the same path from
            // there: jekyllrb.com/docs/static-files/).
            for dir in ["", "content"]
                .iter()
                .map(|s| s.to_string())
                .chain(self.lang_dirs.iter().cloned())
                .chain(self.jekyll_source.iter().cloned())
            {
                if let Some(rel) = urls::join(&dir, rest) {
                    out.push(Candidate::Source(rel));
                }
            }
        } else {
            // `post.md` is served at `post/`: a relative link may be relative to that folder.
            let page = &map.pages[from];
            let stem = urls::stem(urls::file_name(&page.rel));
            if !matches!(stem, "index" | "_index") {
                let dir = urls::join(urls::parent(&page.rel), stem).unwrap_or_default();
                if let Some(rel) = urls::join(&dir, path) {
                    out.push(Candidate::Source(rel));
                }
            }
        }
        out
    }
}

impl Folder {
    /// Whether folder `dir` (under `content/`) or one above it (up to `content/`) holds an
    /// `_index.md` or `index.md` that makes it headless ([`super::hugo::makes_headless`]).
    /// Each folder is read once; a lookup is a shared read lock.
    fn headless_under(&self, site: &Site, dir: &str) -> bool {
        if !urls::is_under(dir, "content") {
            return false;
        }
        thread_local! {
            /// The folder this thread asked about last (model id, folder, answer): files come
            /// folder by folder, so nearly every call is answered here, without the shared
            /// lock (with it, a fifth of the site model's time on 100,000 files).
            static LAST: std::cell::RefCell<(u64, String, bool)> =
                const { std::cell::RefCell::new((0, String::new(), false)) };
        }
        let memo = LAST.with_borrow(|(id, last, v)| (*id == self.id && last == dir).then_some(*v));
        if let Some(v) = memo {
            return v;
        }
        let found = self.headless_under_shared(site, dir);
        LAST.with_borrow_mut(|(id, last, v)| {
            *id = self.id;
            last.clear();
            last.push_str(dir);
            *v = found;
        });
        found
    }

    /// [`Folder::headless_under`] through the shared table.
    fn headless_under_shared(&self, site: &Site, dir: &str) -> bool {
        if let Some(v) = self
            .headless
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return *v;
        }
        let own = ["_index.md", "index.md"].iter().any(|name| {
            super::hugo::small_file(&site.root.join(dir).join(name))
                .is_some_and(|t| super::hugo::makes_headless(&t, name.starts_with("index")))
        });
        let found =
            own || (dir != "content" && self.headless_under_shared(site, urls::parent(dir)));
        self.headless
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_string(), found);
        found
    }
}

/// A folder model that reads nothing from disk: the root is the current folder, pages are
/// anywhere under it (library callers and tests that lint text without a site).
pub fn detached() -> Site {
    let mut site = Site::base(
        Kind::Folder,
        Path::new("."),
        None,
        Box::new(Folder {
            lang_dirs: Vec::new(),
            content_only: false,
            content_dir: "content",
            // Reads nothing: files are taken to be known, as before the site model.
            markdown_only: false.into(),
            jekyll_source: None,
            headless: Default::default(),
            id: next_id(),
        }),
    );
    site.content.push(ContentDir {
        dir: String::new(),
        lang: None,
        url_prefix: "/".into(),
        label: "folder".into(),
    });
    site
}
