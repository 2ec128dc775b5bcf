//! The site model: the site the way its generator sees it.
//!
//! frontlint lints files, but users publish sites. This module finds the site root and the
//! generator (from its config file), reads that config the way the generator does, and answers
//! "what is published where": each page's URL(s), aliases, language, translation group, anchors
//! and publish state. The per-file phase of a run extracts [`facts::PageFacts`] from every file
//! (parallel, cached); the site-wide phase ([`check`]) builds the [`map::PageMap`] from the facts
//! of all files in one pass and checks links, anchors, references, URL uniqueness and
//! translations as lookups in memory, without touching the file system.
//!
//! One file per generator, behind the [`Generator`] trait; adding a generator is one new file
//! plus one line in [`GENERATORS`]. A folder without a recognised generator is the [`folder`]
//! generator (Hugo-like conventions, frontlint's behaviour before the site model).

pub mod anchors;
pub mod check;
pub mod facts;
pub mod map;
pub mod show;
pub mod slugger;
pub mod urls;

mod astro;
mod docusaurus;
mod folder;
pub(crate) mod hugo;
mod jekyll;
mod jslit;
mod mkdocs;
mod zola;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use facts::PageFacts;
pub use map::{Page, PageMap};

/// The site generators frontlint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Hugo,
    Jekyll,
    Zola,
    #[serde(rename = "mkdocs")]
    MkDocs,
    Docusaurus,
    Astro,
    /// No generator recognised: a folder of Markdown files (Hugo-like conventions).
    Folder,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Hugo => "hugo",
            Kind::Jekyll => "jekyll",
            Kind::Zola => "zola",
            Kind::MkDocs => "mkdocs",
            Kind::Docusaurus => "docusaurus",
            Kind::Astro => "astro",
            Kind::Folder => "folder",
        }
    }

    /// The kind named in `[site] generator`.
    pub fn from_name(name: &str) -> Option<Kind> {
        [
            Kind::Hugo,
            Kind::Jekyll,
            Kind::Zola,
            Kind::MkDocs,
            Kind::Docusaurus,
            Kind::Astro,
            Kind::Folder,
        ]
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(name) || (name == "starlight" && *k == Kind::Astro))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a generator reads date strings: which forms are standard for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateDialect {
    /// Hugo's (spf13/cast) layouts; RFC 3339 is the standard form.
    #[default]
    Hugo,
    /// Jekyll (Ruby `Time.parse` through SafeYAML): `2013-02-22 13:09:05 +0000` is its documented form.
    Jekyll,
    /// TOML native dates and RFC 3339 strings (Zola).
    Zola,
    /// JavaScript (`js-yaml` timestamps, `new Date(string)`): Docusaurus and Astro.
    JavaScript,
}

/// What a generator makes of `tags: "a b"` (a string where a list is expected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaxonomyString {
    /// Not known: `taxonomy/not-a-list` warns.
    #[default]
    Unknown,
    /// One term (the whole string).
    Single,
    /// Split on white space into several terms (Jekyll's `categories: jekyll update`).
    SplitOnSpace,
}

/// Which YAML reader reads the site's files; it decides what the fix of an ambiguous scalar
/// may write. Set from `[yaml] reader` in the config (and, later, from the detected site
/// generator); unknown by default, and then the fix is unsafe.
///
/// What each reader reads, checked with the readers themselves (see `fix_for`):
///
/// | plain value               | 1.1: PyYAML 6 | 1.1: Psych (Jekyll) | 1.1: go-yaml v2 (Hugo < 0.152) | 1.2: Hugo 0.168 |
/// |---------------------------|---------------|---------------------|--------------------------------|-----------------|
/// | `yes` `Yes` `YES` `on` …  | true          | true                | true                           | string          |
/// | `y` `Y` `n` `N`           | string        | string              | boolean                        | string          |
/// | `yEs` (other cases)       | string        | true                | string                         | string          |
/// | `0755`, `-017`, `0_755`   | 493 (octal)   | 493                 | 493                            | 493             |
/// | `1:20`                    | 80            | 4800                | string                         | string          |
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YamlReader {
    #[default]
    Unknown,
    /// YAML 1.1: Jekyll (Psych), PyYAML (MkDocs), Hugo before 0.152 (go-yaml v2).
    Yaml11,
    /// YAML 1.2: Hugo 0.152 and later.
    Yaml12,
}

impl YamlReader {
    pub fn parse(s: &str) -> Option<YamlReader> {
        match s {
            "1.1" => Some(YamlReader::Yaml11),
            "1.2" => Some(YamlReader::Yaml12),
            "unknown" => Some(YamlReader::Unknown),
            _ => None,
        }
    }
}

/// A folder of pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentDir {
    /// Relative to the site root, `/`-separated, no trailing `/` (`""` is the root itself).
    pub dir: String,
    /// The language of every page in it, when the folder sets it (Hugo `contentDir` per language).
    pub lang: Option<String>,
    /// The URL prefix its pages publish under (`/`, `/docs/`, `/zh/`), base path excluded.
    pub url_prefix: String,
    /// What it is for the generator: `content`, `docs`, `blog`, `posts`, a collection name.
    pub label: String,
}

/// A folder copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaticDir {
    /// Relative to the site root, `/`-separated, no trailing `/`.
    pub dir: String,
    /// The URL prefix its files publish under, base path excluded.
    pub url_prefix: String,
}

/// A language the site configures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The key the site uses (`en`, `zh-cn`, `zh_cn`): what pages and suffixes say.
    pub key: String,
    /// Its URL prefix (`/zh/`; `/` for the default language unless it is in a subfolder).
    pub url_prefix: String,
}

/// A taxonomy the site defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Taxonomy {
    /// The front-matter key (plural in Hugo: `tags`).
    pub key: String,
    /// Where its term pages publish (`/tags/`), base path excluded; `None` when not published.
    pub url_prefix: Option<String>,
}

/// One line of what `frontlint site` says about how the model was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// What this is about: `timezone`, `permalinks`, `languages`.
    pub topic: String,
    /// The value, in words.
    pub value: String,
    /// Where it came from: a config file (relative path), or `assumed` (a documented default,
    /// or the generator's config could not be read: say why in `value`).
    pub source: String,
}

/// Everything rules and the page map need to know about the site.
#[derive(Debug)]
pub struct Site {
    pub kind: Kind,
    /// Absolute path of the site root.
    pub root: PathBuf,
    /// The generator's config file that recognised the site, relative to the root.
    pub config_file: Option<String>,
    /// The folders of pages, most specific first.
    pub content: Vec<ContentDir>,
    /// Folders copied as is (`static/`, `public/`, `assets/` for Jekyll's root).
    pub statics: Vec<StaticDir>,
    /// Configured languages, the default first; empty for a single-language site.
    pub languages: Vec<Language>,
    /// The site's time zone (IANA name and zone), for dates without an offset.
    pub timezone: Option<(String, jiff::tz::TimeZone)>,
    /// Whether the generator builds pages dated in the future / expired / drafts.
    pub build_future: bool,
    pub build_expired: bool,
    pub build_drafts: bool,
    /// The taxonomies, when the generator's config says (`None`: not known).
    pub taxonomies: Option<Vec<Taxonomy>>,
    /// What the generator makes of a taxonomy written as a string instead of a list.
    pub taxonomy_string: TaxonomyString,
    /// How headings get their ids.
    pub headings: anchors::Style,
    pub yaml: YamlReader,
    pub dates: DateDialect,
    /// The URL path the site is served under (`/`, `/docs/`): from `baseURL`, `baseurl`, `baseUrl`.
    pub base_path: String,
    /// Whether a page without front matter is a problem for this generator.
    pub front_matter_required: bool,
    /// A folder without a generator config that follows Jekyll's conventions (a `_posts`
    /// folder): see `folder::site`.
    pub jekyll_conventions: bool,
    /// Whether the generator reads its `.md` pages as MDX (Docusaurus 3's default
    /// `markdown.format: 'mdx'`); `.mdx` files are MDX everywhere.
    pub markdown_is_mdx: bool,
    /// Built-in JSON Schema for this generator's headers (file name under `schemas/`).
    pub schema: Option<&'static str>,
    /// Schemas the site itself provides for the pages of some folders (Astro's generated
    /// `.astro/collections/<name>.schema.json`), used instead of [`Site::schema`] there.
    pub folder_schemas: Vec<FolderSchema>,
    /// How the model was made, for `frontlint site`.
    pub notes: Vec<Note>,
    /// "Now" for the generator's publish rules (future posts): `--now`, `FRONTLINT_NOW`, or
    /// the clock, as the date rules read it.
    pub now: jiff::Timestamp,
    /// The generator's own rules.
    pub generator: Box<dyn Generator>,
    /// See [`Site::root_key`].
    pub root_key: std::sync::OnceLock<String>,
}

/// A JSON Schema file the site provides for the pages under one folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderSchema {
    /// The folder, relative to the site root, `/`-separated (the most specific folder wins).
    pub dir: String,
    /// The schema file (absolute path).
    pub file: PathBuf,
    /// What the generator calls this set of pages (Astro: the collection name).
    pub collection: String,
    /// Header keys the generator reads itself and leaves out of the schema (Astro's `slug`:
    /// the glob loader takes the entry's id from it): never reported as unknown keys.
    pub reserved: &'static [&'static str],
}

/// What a generator does with a Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Built as a page (or section/list page).
    Page,
    /// Read by the generator but not a page of its own (Jekyll `_includes/`, MDX partials,
    /// snippets, Hugo `_common` headless content): front matter optional, no URL.
    Partial,
    /// Never read by the generator (excluded, outside every content folder).
    Ignored,
}

/// A URL a page publishes at, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageUrl {
    /// The URL path, base path excluded, starting with `/` (`/posts/a/`, `/a.html`).
    pub url: String,
    /// The span of the header value that set it (`slug`, `url`, `permalink`), when one did.
    #[serde(skip)]
    pub set_by: Option<Range<usize>>,
}

/// An alias or redirect of a page, with the span of its list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub url: String,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// What kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    #[default]
    Page,
    /// A list page: Hugo `_index.md`, a Zola section, a home page.
    Section,
}

/// Where a page's language comes from (for `i18n/unknown-language`'s label).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase", tag = "from")]
pub enum LangSource {
    /// The site's default language, or no language at all.
    #[default]
    Default,
    /// A file-name suffix (`post.de.md`).
    Suffix,
    /// A language folder (`content/de/`, `i18n/de/`, `src/content/docs/de/`).
    Folder,
    /// A header key (`lang`, `locale`, `language`).
    Key {
        #[serde(skip)]
        span: Range<usize>,
    },
}

/// What the generator makes of one page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PageInfo {
    /// Where it publishes; empty when it publishes nothing (headless, `render: never`).
    pub urls: Vec<PageUrl>,
    pub aliases: Vec<Alias>,
    /// The language key, as the site writes it; `None` for a single-language site.
    pub lang: Option<String>,
    pub lang_source: LangSource,
    /// The translation group: pages with the same key are translations of each other.
    pub translation_key: Option<String>,
    /// Built and listed, as the site's config says (not a draft, not future or expired unless
    /// the site builds those).
    pub published: bool,
    pub kind: PageKind,
}

/// A generator cross-reference found in a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefFact {
    pub kind: RefKind,
    /// The target as written (`blog/post.md#intro`, `2019-01-01-welcome`).
    pub target: String,
    /// Span of the target in the file.
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// Hugo `{{< ref "x" >}}` / `{{% ref %}}`.
    HugoRef,
    /// Hugo `{{< relref "x" >}}`.
    HugoRelref,
    /// Jekyll `{% link path %}`.
    JekyllLink,
    /// Jekyll `{% post_url name %}`.
    JekyllPostUrl,
    /// Zola `@/path.md` internal links.
    ZolaAt,
    /// Another page's content rendered into this one (a Hugo shortcode that renders a page):
    /// its ids are this page's too. An empty target: content frontlint cannot name, so this
    /// page may have ids it does not know.
    Include,
}

/// Where a link destination may point, as a generator reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// A URL path of the site, base path excluded (`/posts/a/`).
    Url(String),
    /// A source file or folder, relative to the site root (`content/posts/a.md`).
    Source(String),
    /// The generator handles this destination in a way frontlint does not model (a render
    /// hook's own convention): not checked.
    Unknown,
}

/// How a link (or a reference) resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A page of the map (index into `PageMap::pages`).
    Page(usize),
    /// A file that is not a page (an image, a PDF, a static HTML file): exists.
    File,
    /// The generator cannot say (a generated URL it does not model, a template, a plugin).
    Unknown,
    /// Points above the site root: not looked at.
    Outside,
    /// Nothing there.
    Missing,
}

/// A generator's rules. Implementations live in one file each (`hugo.rs`, `jekyll.rs`, …).
pub trait Generator: Send + Sync + fmt::Debug {
    /// Header keys the page map reads for this generator, lower-case; nested keys dotted
    /// (`_build.render`). Their values reach [`Generator::page`] through [`PageFacts::fields`].
    fn page_keys(&self) -> &'static [&'static str];

    /// What the generator does with the Markdown file at `rel` (relative to the root,
    /// `/`-separated).
    fn role(&self, site: &Site, rel: &str) -> Role;

    /// The page's URLs, aliases, language, translation group and publish state.
    fn page(&self, site: &Site, rel: &str, facts: &PageFacts) -> PageInfo;

    /// What pages' URLs depend on beyond their own file, computed once from every file before
    /// any page's URL (Hugo: a section's `slug` moves its pages, a section's `cascade` sets
    /// their build options). Kept in [`PageMap::context`] for [`Generator::resolve_ref`] and
    /// [`Generator::link_candidates`]. The default is nothing.
    fn context(
        &self,
        _site: &Site,
        _inputs: &[(String, &PageFacts)],
    ) -> Box<dyn std::any::Any + Send + Sync> {
        Box::new(())
    }

    /// [`Generator::page`] with the site-wide context [`Generator::context`] returned; the
    /// default ignores it.
    fn page_in(
        &self,
        site: &Site,
        rel: &str,
        facts: &PageFacts,
        _context: &(dyn std::any::Any + Send + Sync),
    ) -> PageInfo {
        self.page(site, rel, facts)
    }

    /// Site-wide diagnostics only this generator can give (Hugo: taxonomy terms that publish
    /// at one URL), reported with the rules of [`check::RULES`] and their settings. The
    /// default is none.
    fn site_checks(
        &self,
        _inputs: &check::Inputs,
        _out: &mut Vec<(usize, crate::diagnostic::Diagnostic)>,
    ) {
    }

    /// Ids the renderer gives beyond headings, raw HTML `id`/`name` and footnotes (kramdown
    /// `{: #id}` block attributes, Python-Markdown `attr_list`, headings of included files),
    /// found in `text[body]`, outside the code ranges. Called when the body is read. Files read
    /// to find them go in `deps` (absolute paths, also those looked for and not found), so a
    /// cached result is dropped when they change.
    fn extra_ids(
        &self,
        _text: &str,
        _body: Range<usize>,
        _facts: &crate::body::BodyFacts,
        _out: &mut Vec<String>,
        _deps: &mut Vec<PathBuf>,
    ) {
    }

    /// Generator cross-references in a body (`text[body]`), outside the code ranges.
    fn refs(
        &self,
        _text: &str,
        _body: Range<usize>,
        _code: &[Range<usize>],
        _out: &mut Vec<RefFact>,
    ) {
    }

    /// The page a cross-reference names, by the generator's lookup rules.
    fn resolve_ref(&self, _site: &Site, _map: &PageMap, _from: usize, _r: &RefFact) -> Resolution {
        Resolution::Unknown
    }

    /// Where a Markdown link destination (a path, fragment and query removed, percent-decoded)
    /// on page `from` may point. The default reads it as the browser does, relative to each of
    /// the page's URLs, and as a source-file path relative to the page's file.
    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        map::default_candidates(site, map, from, path)
    }

    /// What a link destination that no candidate of [`Generator::link_candidates`] resolves
    /// means: missing, for a generator whose URLs frontlint models.
    fn unresolved_link(&self, _path: &str) -> Resolution {
        Resolution::Missing
    }

    /// Whether files other than pages (images, downloads) cannot be known to be missing: the
    /// tree is not the whole site. The default is no.
    fn files_unknown(&self, _site: &Site) -> bool {
        false
    }

    /// What the run's walk saw of the folders it walked ([`crate::bounds::Tree`]), before any
    /// page: a model that would walk the tree itself may take its answer from there.
    fn tree_walked(&self, _site: &Site, _tree: &crate::bounds::Tree) {}

    /// After every page's [`Generator::page`], what needs the whole site: URLs a page
    /// publishes at because of other pages (Starlight and Docusaurus publish a default-language
    /// page again under each language that has no translation of it). Called once, before the
    /// map is indexed; `pages` are every file of the run, in input order.
    fn complete(&self, _site: &Site, _pages: &mut [Page]) {}

    /// Where a Markdown image's source may point; the default reads it as a link. (Hugo: a
    /// link render hook sees links, not images.)
    fn image_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        self.link_candidates(site, map, from, path)
    }

    /// Whether the generator publishes `url` (base path excluded) without a source page of
    /// its own: taxonomy and term lists, pagination, feeds, search pages. Links there are not
    /// reported.
    fn is_generated_url(&self, _site: &Site, _url: &str) -> bool {
        false
    }

    /// Whether the file at `rel` needs front matter to be built as the page it looks like
    /// (`syntax/missing`). Jekyll renders a post without front matter but copies a page without
    /// it as a static file.
    fn front_matter_required(&self, site: &Site, _rel: &str) -> bool {
        site.front_matter_required
    }

    /// Links the Markdown parser does not see because their destination is written in the
    /// generator's template language and contains spaces (`[a]({{ '/x/' | relative_url }})`:
    /// a space ends a CommonMark destination), found in `text[body]`; `code` are the body's
    /// code ranges. Their `dest` stays as written: [`Generator::expand_link`] reads it.
    fn template_links(
        &self,
        _text: &str,
        _body: Range<usize>,
        _code: &[Range<usize>],
        _out: &mut Vec<facts::LinkFact>,
    ) {
    }

    /// A link destination written in the generator's template language (`{{ site.baseurl
    /// }}/x/`, `{{ "/x/" | relative_url }}`) as the generator renders it, a plain path or URL;
    /// `None` when that cannot be known from the site's config (`{{ page.url }}`): the link is
    /// not checked. Called by the site-wide phase, before the fragment is split off.
    fn expand_link(&self, _site: &Site, _dest: &str) -> Option<String> {
        None
    }

    /// Pages the generator builds from files frontlint does not lint (Jekyll's `.html` pages
    /// with front matter), with their facts, read by the generator itself: their paths
    /// (relative to the root) and header values, anchors when known. They join the page map
    /// (links resolve to them, their URLs count for duplicates) but get no diagnostics. Called
    /// once per run, when the map is built; paths already linted are skipped.
    fn extra_pages(&self, _site: &Site) -> Vec<(String, PageFacts)> {
        Vec::new()
    }
}

/// How a generator is recognised and loaded: the registry.
pub struct Registration {
    pub kind: Kind,
    /// The config file in `dir` that makes it a site of this generator, if any.
    pub detect: fn(dir: &Path) -> Option<PathBuf>,
    /// Read the config (`config` is what `detect` returned) into the model.
    pub load: fn(root: &Path, config: &Path) -> Result<Site, SiteError>,
}

/// Every generator, in detection order: the first whose config is found in a folder wins
/// (Hugo before Zola, since both may have a `config.toml`; each checks for its own keys).
pub const GENERATORS: &[Registration] = &[
    hugo::REGISTRATION,
    jekyll::REGISTRATION,
    zola::REGISTRATION,
    mkdocs::REGISTRATION,
    docusaurus::REGISTRATION,
    astro::REGISTRATION,
];

/// A generator config that exists but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteError {
    /// The file, relative to the site root.
    pub file: String,
    pub message: String,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The `[site]` table of `frontlint.toml`: what cannot be read, or what the user overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteOptions {
    /// Force a generator (`folder` turns detection off).
    pub generator: Option<Kind>,
    /// The site root, relative to the config file's folder.
    pub root: Option<PathBuf>,
    /// Languages when the config cannot be read (Starlight's `locales` in JavaScript).
    pub locales: Option<Vec<String>>,
    /// The default language key.
    pub default_locale: Option<String>,
    /// "Now" for publish rules (`--now`); the clock when `None`.
    pub now: Option<jiff::Timestamp>,
}

/// Find the site: from `start` (a folder) upward, stopping at `stop` (the repository root, or
/// the file-system root), the first folder holding a generator's config.
pub fn detect(
    start: &Path,
    stop: Option<&Path>,
) -> Option<(&'static Registration, PathBuf, PathBuf)> {
    for dir in start.ancestors() {
        for reg in GENERATORS {
            if let Some(config) = (reg.detect)(dir) {
                return Some((reg, dir.to_path_buf(), config));
            }
        }
        if stop.is_some_and(|s| s == dir) {
            break;
        }
    }
    None
}

/// The repository root above `start` (a folder with `.git`), if any.
pub fn repository_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The site model for a run: `[site]` options first, then detection from `start` upward, else
/// the folder generator at `fallback_root` (the config file's folder, `--root`, or the current
/// folder).
pub fn load(start: &Path, fallback_root: &Path, options: &SiteOptions) -> Result<Site, SiteError> {
    let mut site = match (options.generator, &options.root) {
        (Some(Kind::Folder), root) => folder::site(root.as_deref().unwrap_or(fallback_root)),
        (Some(kind), root) => {
            let root = root.as_deref().unwrap_or(fallback_root);
            let reg = GENERATORS
                .iter()
                .find(|r| r.kind == kind)
                .expect("every kind but folder is registered");
            match (reg.detect)(root) {
                Some(config) => (reg.load)(root, &config)?,
                None => {
                    let mut s = folder::site(root);
                    s.notes.push(Note {
                        topic: "generator".into(),
                        value: format!(
                            "`[site] generator = \"{kind}\"`, but no {kind} config was found in {}; using folder conventions",
                            root.display()
                        ),
                        source: "assumed".into(),
                    });
                    s
                }
            }
        }
        (None, Some(root)) => match GENERATORS
            .iter()
            .find_map(|r| (r.detect)(root).map(|c| (r, c)))
        {
            Some((reg, config)) => (reg.load)(root, &config)?,
            None => folder::site(root),
        },
        (None, None) => {
            let stop = repository_root(start);
            match detect(start, stop.as_deref()) {
                Some((reg, root, config)) => (reg.load)(&root, &config)?,
                None => folder::site(fallback_root),
            }
        }
    };
    if let Some(locales) = &options.locales {
        apply_locales(&mut site, locales, options.default_locale.as_deref());
    }
    if let Some(now) = options.now {
        site.now = now;
    }
    Ok(site)
}

/// `[site] locales`: languages the generator's config states in a form frontlint cannot read.
fn apply_locales(site: &mut Site, locales: &[String], default: Option<&str>) {
    let default = default.or(locales.first().map(String::as_str));
    let mut langs: Vec<Language> = locales
        .iter()
        .map(|k| Language {
            key: k.clone(),
            // Starlight serves every locale under its key (`/en/`) but the `root` one.
            url_prefix: if Some(k.as_str()) == default && site.kind != Kind::Astro || k == "root" {
                "/".into()
            } else {
                format!("/{k}/")
            },
        })
        .collect();
    langs.sort_by_key(|l| Some(l.key.as_str()) != default);
    site.languages = langs;
    site.notes.push(Note {
        topic: "languages".into(),
        value: locales.join(", "),
        source: "frontlint.toml [site] locales".into(),
    });
}

impl Site {
    /// The root as a normalised `/`-separated string without a trailing `/`, computed once:
    /// every file's path relative to the root is cut from it.
    pub fn root_key(&self) -> &str {
        self.root_key
            .get_or_init(|| {
                urls::normalize(&self.root.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
                    .trim_end_matches('/')
                    .to_string()
            })
            .as_str()
    }

    /// Severities that differ for this generator from the rules' defaults (the config still
    /// overrides them): a taxonomy the config does not define fails a Zola build.
    pub fn rule_defaults(&self) -> Vec<(&'static str, crate::diagnostic::Severity)> {
        match self.kind {
            // Zola fails the build on an undefined taxonomy, and on terms given as a string.
            // An empty `---`/`---` header is Jekyll's idiom for "render this file".
            Kind::Jekyll => vec![("syntax/empty", crate::diagnostic::Severity::Off)],
            Kind::Folder if self.jekyll_conventions => {
                vec![("syntax/empty", crate::diagnostic::Severity::Off)]
            }
            Kind::Zola => vec![
                ("taxonomy/undefined", crate::diagnostic::Severity::Error),
                ("taxonomy/not-a-list", crate::diagnostic::Severity::Error),
            ],
            _ => Vec::new(),
        }
    }

    /// A folder model that reads nothing from disk (see [`folder::detached`]).
    pub fn detached() -> Site {
        folder::detached()
    }

    /// The default language key, when the site has languages.
    pub fn default_language(&self) -> Option<&str> {
        self.languages.first().map(|l| l.key.as_str())
    }

    /// Whether `key` is one of the site's languages (exactly as the site writes it, or
    /// differing only in case and `_`/`-`, as generators compare them).
    pub fn language(&self, key: &str) -> Option<&Language> {
        let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
        let k = norm(key);
        self.languages.iter().find(|l| norm(&l.key) == k)
    }

    /// The content folder holding `rel` (the most specific one), if any.
    pub fn content_dir(&self, rel: &str) -> Option<&ContentDir> {
        self.content
            .iter()
            .filter(|c| urls::is_under(rel, &c.dir))
            .max_by_key(|c| c.dir.len())
    }

    /// A note for `frontlint site`.
    pub fn note(&mut self, topic: &str, value: impl Into<String>, source: impl Into<String>) {
        self.notes.push(Note {
            topic: topic.into(),
            value: value.into(),
            source: source.into(),
        });
    }

    /// A model with the defaults every generator starts from.
    pub fn base(
        kind: Kind,
        root: &Path,
        config_file: Option<&Path>,
        generator: Box<dyn Generator>,
    ) -> Site {
        let config_file = config_file.map(|c| {
            c.strip_prefix(root)
                .unwrap_or(c)
                .to_string_lossy()
                .replace('\\', "/")
        });
        Site {
            kind,
            root: root.to_path_buf(),
            config_file,
            content: Vec::new(),
            statics: Vec::new(),
            languages: Vec::new(),
            timezone: None,
            build_future: false,
            build_expired: false,
            build_drafts: false,
            taxonomies: None,
            taxonomy_string: TaxonomyString::default(),
            headings: anchors::Style::default(),
            yaml: YamlReader::Unknown,
            dates: DateDialect::Hugo,
            base_path: "/".into(),
            front_matter_required: true,
            jekyll_conventions: false,
            markdown_is_mdx: false,
            schema: None,
            folder_schemas: Vec::new(),
            notes: Vec::new(),
            now: jiff::Timestamp::now(),
            generator,
            root_key: std::sync::OnceLock::new(),
        }
    }
}

/// Largest generator config file read.
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// Read a generator's config file (TOML, YAML or JSON, by extension) as JSON values. YAML is
/// read with frontlint's own parser (YAML 1.2; tags such as `!!python/name:` are kept as plain
/// values).
pub fn read_config(root: &Path, file: &Path) -> Result<serde_json::Value, SiteError> {
    let shown = file
        .strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    let err = |message: String| SiteError {
        file: shown.clone(),
        message,
    };
    let meta = std::fs::metadata(file).map_err(|e| err(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(err(format!(
            "it is {} MiB, more than the {} MiB frontlint reads",
            meta.len() >> 20,
            MAX_CONFIG_BYTES >> 20
        )));
    }
    let text = std::fs::read_to_string(file).map_err(|e| err(format!("cannot read it: {e}")))?;
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    parse_config(&text, &ext).map_err(err)
}

/// [`read_config`] on text: `ext` is `toml`, `json`, `yaml` or `yml`.
pub fn parse_config(text: &str, ext: &str) -> Result<serde_json::Value, String> {
    match ext {
        "toml" => toml::from_str::<toml::Value>(text)
            .map_err(|e| format!("not valid TOML: {}", e.message()))
            .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string())),
        "json" => serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}")),
        _ => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if text.trim().is_empty() {
                return Ok(serde_json::Value::Object(Default::default()));
            }
            let fm = crate::split::FrontMatter {
                format: crate::split::Format::Yaml,
                open: 0..0,
                content: 0..text.len(),
                body_start: text.len(),
            };
            let parsed = crate::parse::parse(text, &fm);
            match parsed.root {
                Some(root) => Ok(root.to_json()),
                None => Err(parsed.diagnostics.first().map_or_else(
                    || "not valid YAML".to_string(),
                    |d| format!("not valid YAML: {}", d.message),
                )),
            }
        }
    }
}

/// A string at a JSON pointer-like dotted path, keys compared without case (as Hugo does).
pub fn config_str<'a>(v: &'a serde_json::Value, dotted: &str) -> Option<&'a str> {
    config_get(v, dotted)?.as_str()
}

/// A value at a dotted path, keys compared without case.
pub fn config_get<'a>(v: &'a serde_json::Value, dotted: &str) -> Option<&'a serde_json::Value> {
    let mut cur = v;
    for part in dotted.split('.') {
        let obj = cur.as_object()?;
        cur = obj.get(part).or_else(|| {
            obj.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(part))
                .map(|(_, v)| v)
        })?;
    }
    Some(cur)
}

/// A boolean at a dotted path (`true`/`false`, or the strings).
pub fn config_bool(v: &serde_json::Value, dotted: &str) -> Option<bool> {
    match config_get(v, dotted)? {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The path part of a base URL (`https://example.org/docs/` → `/docs/`).
pub fn base_path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    } else {
        url
    };
    urls::prefix(path.split(['?', '#']).next().unwrap_or("/"))
}
