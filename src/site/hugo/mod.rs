//! Hugo (gohugo.io): a project the way Hugo builds it.
//!
//! * [`config`]: detection and the merged configuration (root file, `config/_default/`,
//!   `config/production/`).
//! * [`paths`]: Hugo's `Sanitize`/`urlize` and `[permalinks]` patterns.
//! * [`slug`]: Goldmark heading ids (`autoHeadingIDType`).
//! * [`refs`]: `ref`/`relref` shortcodes and Hugo's page lookup (also what `GetPage` finds).
//! * [`hook`]: what a link render hook does with a Markdown link.
//!
//! Page URLs follow gohugoio/hugo `resources/page/page_paths.go` (`CreateTargetPaths`) and
//! `hugolib/page__paths.go`: a page's path is its content path (folders, then the file name
//! or, for a bundle, the folder name), each part sanitised and lower-cased, a section's `slug`
//! replacing its folder's name for everything under it; `slug` replaces the page's own last
//! part; `url` replaces the whole path (no language prefix); a `[permalinks]` pattern of the
//! page's section replaces it too (with the language prefix). Every rule is proven with Hugo
//! 0.168 (`hugo list all`) in `tests/site_hugo.rs` on the fixtures `fixtures/sites/hugo-*` and
//! on the two real sites of `../shared/sites/`.

pub mod config;
pub mod hook;
pub mod paths;
pub mod refs;
pub mod slug;

mod content;
pub(in crate::site) use content::{makes_headless, small_file};
mod generator;
mod links;
mod load;

use content::*;
use generator::*;
use links::*;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use super::facts::{FieldValue, PageFacts};
use super::map::PageMap;
use super::urls;
use super::{
    Alias, Candidate, ContentDir, Generator, Kind, LangSource, Language, PageInfo, PageKind,
    PageUrl, RefFact, Registration, Resolution, Role, Site, SiteError, StaticDir, Taxonomy,
    TaxonomyString, YamlReader, config_bool, config_get, config_str,
};
use refs::{Bundle, Tree, TreePath};

pub const REGISTRATION: Registration = Registration {
    kind: Kind::Hugo,
    detect: config::detect,
    load: load::load,
};

/// File extensions Hugo reads as content (`hugofs/files/classifier.go`).
const CONTENT_EXTS: [&str; 9] = [
    "md", "markdown", "mdown", "html", "htm", "adoc", "pdc", "org", "rst",
];

/// The YAML library changed at 0.152 (go-yaml v2, YAML 1.1 → goccy/go-yaml, YAML 1.2).
const YAML12_SINCE: config::Version = config::Version(0, 152, 0);

/// Folder listings by folder (relative to the root): name and whether it is a regular file.
type ListingCache = HashMap<String, Option<std::sync::Arc<Vec<(String, bool)>>>>;

/// A folder Hugo reads content from.
#[derive(Debug, Clone)]
struct Source {
    /// Relative to the root.
    dir: String,
    /// The language of everything in it (`languages.X.contentDir`, a mount's language).
    lang: Option<String>,
}

/// A configured language.
#[derive(Debug, Clone)]
struct Lang {
    /// Lower-cased, as Hugo keys languages.
    key: String,
    /// `""` for the default language outside a subfolder, else `/key`.
    prefix: String,
}

/// A `[permalinks]` rule.
#[derive(Debug, Clone)]
struct Permalink {
    /// `page`, `section`, `term`, `taxonomy`, `home`.
    kind: &'static str,
    /// The section path it applies to (`""`: pages at the root; `docs`: `docs` and below).
    section: String,
    /// A glob of the new list form (`target.path`), instead of `section`.
    glob: Option<globset::GlobMatcher>,
    pattern: String,
}

/// Which front-matter keys give a page's dates (`[frontmatter]`), lower-cased.
#[derive(Debug, Clone)]
struct DateKeys {
    date: Vec<String>,
    publish: Vec<String>,
    expiry: Vec<String>,
}

#[derive(Debug)]
struct HugoSite {
    sources: Vec<Source>,
    /// The default language first; always at least one (Hugo's default is `en`).
    langs: Vec<Lang>,
    /// `languages` has more than one entry: pages carry a language.
    multilingual: bool,
    lower: bool,
    ugly_all: bool,
    ugly_sections: HashMap<String, bool>,
    permalinks: Vec<Permalink>,
    /// Plural names (the front-matter keys).
    taxonomies: Vec<String>,
    dates: DateKeys,
    hook: Option<hook::LinkHook>,
    /// Shortcodes that render other pages.
    shortcodes: HashMap<String, hook::Include>,
    attribute_block: bool,
    /// Asset folders (`assets/` and mounts), for a hook's `resources.Get`.
    assets: Vec<String>,
    /// Base names of extra output formats (`_redirects`, `algolia`).
    outputs: Vec<String>,
    yaml11: bool,
    keys: &'static [&'static str],
    /// Folders listed so far (`None`: could not be listed).
    listings: Mutex<ListingCache>,
    /// First-level content folders by URL name (listed on first use).
    top_dirs: Mutex<HashSet<String>>,
    /// Folders known to be (or not) headless sections or bundles.
    headless: Mutex<HashMap<String, bool>>,
    /// Files in headless folders: their own `build.render`, read once.
    own_renders: Mutex<HashMap<String, Option<String>>>,
    root: PathBuf,
    now: jiff::Timestamp,
    tz: jiff::tz::TimeZone,
}
