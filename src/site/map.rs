//! The page map: every page's URLs, aliases and source path, indexed in memory, and the files
//! around them (static files, images, page bundles), listed lazily, each folder once per run.
//! Link, anchor and image checks are lookups here, not file-system probes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::facts::PageFacts;
use super::urls;
use super::{Candidate, PageInfo, Resolution, Role, Site};

/// One file of the run, as the generator sees it.
#[derive(Debug, Clone)]
pub struct Page {
    /// Relative to the site root, `/`-separated.
    pub rel: String,
    pub role: Role,
    /// URLs and the rest; empty for files that are not pages.
    pub info: PageInfo,
}

/// Values grouped by URL key ([`urls::url_key`]) without the keys: a value's key is made again,
/// from the URL it names (`key_of`), when one is needed. Sorted by the key's hash, then by key
/// (two keys with one hash stay apart), then by `order`: a lookup is a binary search over hashes
/// and one key comparison, and 100,000 pages keep no key strings (they were 10 MB, and sorting
/// them by string a tenth of the map's time).
#[derive(Debug, Default)]
struct UrlGroups<V> {
    /// Each group's key hash and its first value, by hash; a group ends where the next starts.
    groups: Vec<(u64, usize)>,
    values: Vec<V>,
}

impl<V: Send + Sync + Copy> UrlGroups<V> {
    /// Group `values` by key, each group's values ordered by `order`.
    fn new(
        values: Vec<V>,
        key_of: &(dyn Fn(V, &mut String) + Sync),
        order: impl Fn(&V, &V) -> std::cmp::Ordering + Sync,
    ) -> Self {
        use rayon::prelude::*;
        let mut pairs: Vec<(u64, V)> = values
            .into_par_iter()
            .map_init(String::new, |buf, v| {
                key_of(v, buf);
                (crate::fasthash::hash_bytes(buf.as_bytes()), v)
            })
            .collect();
        let same_key = |a: V, b: V| {
            let (mut ka, mut kb) = (String::new(), String::new());
            key_of(a, &mut ka);
            key_of(b, &mut kb);
            ka.cmp(&kb)
        };
        pairs.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| same_key(a.1, b.1))
                .then_with(|| order(&a.1, &b.1))
        });
        let mut groups = Vec::new();
        for (k, (h, v)) in pairs.iter().enumerate() {
            let starts = match k.checked_sub(1).map(|p| &pairs[p]) {
                Some((ph, pv)) => ph != h || same_key(*pv, *v).is_ne(),
                None => true,
            };
            if starts {
                groups.push((*h, k));
            }
        }
        UrlGroups {
            groups,
            values: pairs.into_iter().map(|(_, v)| v).collect(),
        }
    }

    /// The values of group `g`.
    fn group(&self, g: usize) -> &[V] {
        let end = self.groups.get(g + 1).map_or(self.values.len(), |n| n.1);
        &self.values[self.groups[g].1..end]
    }

    /// The values whose key is `key` (a key as [`urls::url_key`] makes it).
    fn get(&self, key: &str, key_of: impl Fn(V, &mut String)) -> &[V] {
        let h = crate::fasthash::hash_bytes(key.as_bytes());
        let mut buf = String::new();
        let from = self.groups.partition_point(|g| g.0 < h);
        for g in from..self.groups.len() {
            if self.groups[g].0 != h {
                break;
            }
            let values = self.group(g);
            key_of(values[0], &mut buf);
            if buf == key {
                return values;
            }
        }
        &[]
    }

    /// Every group's values.
    fn iter(&self) -> impl Iterator<Item = &[V]> {
        (0..self.groups.len()).map(|g| self.group(g))
    }
}

/// Pages by source path: an open-addressing table of page indices, each slot with the high
/// bits of its path's hash so that a probe compares paths only when those agree. A lookup is
/// one hash and, nearly always, one comparison (a binary search over 100,000 paths was 17
/// comparisons, each a cache miss, for every link of every page). Keyed by the exact path, or
/// by the path lower-cased (`lower`).
#[derive(Debug, Default)]
struct SourceIndex {
    /// (hash tag, page index + 1); 0 is an empty slot.
    slots: Vec<(u32, u32)>,
    lower: bool,
}

impl SourceIndex {
    /// Of two pages with one key, the later one answers (`first`: the first one).
    fn new(pages: &[Page], lower: bool, first: bool) -> SourceIndex {
        let size = (pages.len() * 2).next_power_of_two().max(8);
        let mut index = SourceIndex {
            slots: vec![(0, 0); size],
            lower,
        };
        // The hashes in parallel (lower-casing is most of the work), then the slots in page
        // order.
        let hashes: Vec<u64> = {
            use rayon::prelude::*;
            let index = &index;
            pages
                .par_iter()
                .map_init(String::new, |buf, p| index.hash(&p.rel, buf))
                .collect()
        };
        let mut buf = String::new();
        for (i, (page, h)) in pages.iter().zip(hashes).enumerate() {
            // More pages than a u32 counts cannot be held in memory; were they, the rest would
            // simply not be found.
            let Ok(value) = u32::try_from(i + 1) else {
                break;
            };
            let (tag, mut slot) = index.start(h);
            loop {
                let (t, v) = index.slots[slot];
                if v == 0 {
                    index.slots[slot] = (tag, value);
                    break;
                }
                if t == tag
                    && index.same(&pages[v as usize - 1].rel, index.key(&page.rel, &mut buf))
                {
                    if !first {
                        index.slots[slot] = (tag, value);
                    }
                    break;
                }
                slot = (slot + 1) & (index.slots.len() - 1);
            }
        }
        index
    }

    /// The key of a path: itself, or lower-cased into `buf`.
    fn key<'a>(&self, rel: &'a str, buf: &'a mut String) -> &'a str {
        if !self.lower || !rel.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            rel
        } else if rel.is_ascii() {
            buf.clear();
            buf.push_str(rel);
            buf.make_ascii_lowercase();
            buf
        } else {
            buf.clear();
            buf.extend(rel.chars().flat_map(char::to_lowercase));
            buf
        }
    }

    /// The hash of a path's key.
    fn hash(&self, rel: &str, buf: &mut String) -> u64 {
        crate::fasthash::hash_bytes(self.key(rel, buf).as_bytes())
    }

    /// Whether a page's path has the key `key`.
    fn same(&self, rel: &str, key: &str) -> bool {
        if self.lower && !(rel.is_ascii() && key.is_ascii()) {
            rel.chars().flat_map(char::to_lowercase).eq(key.chars())
        } else if self.lower {
            rel.eq_ignore_ascii_case(key)
        } else {
            rel == key
        }
    }

    /// The tag of a key's hash and its first slot.
    fn start(&self, h: u64) -> (u32, usize) {
        ((h >> 32) as u32, h as usize & (self.slots.len() - 1))
    }

    fn get(&self, pages: &[Page], rel: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut buf = String::new();
        let key = self.key(rel, &mut buf);
        let (tag, mut slot) = self.start(crate::fasthash::hash_bytes(key.as_bytes()));
        loop {
            let (t, v) = self.slots[slot];
            if v == 0 {
                return None;
            }
            if t == tag && self.same(&pages[v as usize - 1].rel, key) {
                return Some(v as usize - 1);
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }
}

/// The key of URL `j` of page `i`, into `buf`.
fn url_key_of(pages: &[Page], (i, j): (usize, usize), buf: &mut String) {
    urls::url_key_into(&pages[i].info.urls[j].url, buf);
}

/// The key of alias `j` of page `i`, into `buf`.
fn alias_key_of(pages: &[Page], (i, j): (usize, usize), buf: &mut String) {
    urls::url_key_into(&pages[i].info.aliases[j].url, buf);
}

/// Extensions a page link without one may omit.
const PAGE_EXTENSIONS: [&str; 4] = ["md", "markdown", "mdx", "html"];

/// The files a folder link may mean.
const INDEX_NAMES: [&str; 6] = [
    "_index.md",
    "index.md",
    "index.mdx",
    "README.md",
    "index.html",
    "_index.html",
];

#[derive(Debug)]
pub struct PageMap {
    pub pages: Vec<Page>,
    /// URL key → (page, URL index) pairs publishing there (in path order).
    by_url: UrlGroups<(usize, usize)>,
    /// URL key → (page, alias index) pairs (in path order, then alias order).
    by_alias: UrlGroups<(usize, usize)>,
    /// Source path → page (a hash table of indices: no copy of the paths).
    by_source: SourceIndex,
    /// Lower-cased sources, built on the first lookup that misses `by_source` (most runs never
    /// need it).
    by_source_lower: std::sync::OnceLock<SourceIndex>,
    pub files: FileIndex,
    /// The facts of the generator's extra pages ([`super::Generator::extra_pages`]), which
    /// follow the inputs in `pages`.
    extra: Vec<PageFacts>,
    /// How many pages came from the inputs.
    given: usize,
    /// What the generator computed from every file before the pages' URLs
    /// ([`super::Generator::context`]).
    pub context: Box<dyn std::any::Any + Send + Sync>,
}

impl PageMap {
    /// Build the map from every file of the run (`rel` path relative to the root, and its
    /// facts), in one pass. Page `i` of the map is input `i`.
    pub fn build(site: &Site, inputs: Vec<(String, &PageFacts)>) -> PageMap {
        let context = site.generator.context(site, &inputs);
        let pages: Vec<Page> = {
            use rayon::prelude::*;
            let context = &*context;
            inputs
                .into_par_iter()
                .map(|(rel, facts)| {
                    let role = site.generator.role(site, &rel);
                    let info = if role == Role::Page {
                        site.generator.page_in(site, &rel, facts, context)
                    } else {
                        PageInfo::default()
                    };
                    Page { rel, role, info }
                })
                .collect()
        };
        let given = pages.len();
        let mut pages = pages;
        let mut extra = Vec::new();
        let extra_pages = site.generator.extra_pages(site);
        if !extra_pages.is_empty() {
            let linted: std::collections::HashSet<&str> =
                pages.iter().map(|p| p.rel.as_str()).collect();
            let mut added = Vec::new();
            for (rel, facts) in extra_pages {
                if linted.contains(rel.as_str()) {
                    continue;
                }
                let role = site.generator.role(site, &rel);
                let info = if role == Role::Page {
                    site.generator.page(site, &rel, &facts)
                } else {
                    PageInfo::default()
                };
                added.push(Page { rel, role, info });
                extra.push(facts);
            }
            drop(linted);
            pages.extend(added);
        }
        site.generator.complete(site, &mut pages);
        // Every URL and alias, grouped by key: several pages at one URL are in path order (the
        // first answers lookups), whatever the order of the inputs.
        let url_refs: Vec<(usize, usize)> = pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (0..p.info.urls.len()).map(move |j| (i, j)))
            .collect();
        let alias_refs: Vec<(usize, usize)> = pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (0..p.info.aliases.len()).map(move |j| (i, j)))
            .collect();
        let by_url = UrlGroups::new(url_refs, &|v, buf| url_key_of(&pages, v, buf), |a, b| {
            pages[a.0].rel.cmp(&pages[b.0].rel).then(a.1.cmp(&b.1))
        });
        let by_alias = UrlGroups::new(
            alias_refs,
            &|v, buf| alias_key_of(&pages, v, buf),
            |a, b| pages[a.0].rel.cmp(&pages[b.0].rel).then(a.1.cmp(&b.1)),
        );
        let by_source = SourceIndex::new(&pages, false, false);
        PageMap {
            extra,
            given,
            by_url,
            by_alias,
            by_source,
            by_source_lower: std::sync::OnceLock::new(),
            files: FileIndex::new(&site.root),
            pages,
            context,
        }
    }

    /// The page whose source path is exactly `rel`.
    fn source_exact(&self, rel: &str) -> Option<usize> {
        self.by_source.get(&self.pages, rel)
    }

    /// The facts of extra page `i` (an index past the inputs).
    pub fn extra_facts(&self, i: usize) -> &PageFacts {
        static EMPTY: std::sync::OnceLock<PageFacts> = std::sync::OnceLock::new();
        i.checked_sub(self.given)
            .and_then(|k| self.extra.get(k))
            .unwrap_or_else(|| EMPTY.get_or_init(PageFacts::default))
    }

    /// The pages publishing at `url` (any form: `/a/`, `/a`, `/a/index.html`), in path order.
    pub fn pages_at(&self, url: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_url
            .get(&urls::url_key(url), |v, buf| {
                url_key_of(&self.pages, v, buf)
            })
            .iter()
            .map(|&(i, _)| i)
    }

    /// The (page, alias index) pairs of aliases at `url`.
    pub fn aliases_at(&self, url: &str) -> &[(usize, usize)] {
        self.by_alias.get(&urls::url_key(url), |v, buf| {
            alias_key_of(&self.pages, v, buf)
        })
    }

    /// Every URL key of the map with its pages (for the site-wide rules).
    pub fn shared_urls(&self) -> impl Iterator<Item = (String, &[(usize, usize)])> {
        self.by_url.iter().filter(|v| v.len() > 1).map(|v| {
            let mut key = String::new();
            url_key_of(&self.pages, v[0], &mut key);
            (key, v)
        })
    }

    /// The page whose source is `rel` (exactly, else ignoring case: the first page in page
    /// order with that path lower-cased; that table is built on the first lookup that misses,
    /// which most runs never make).
    pub fn page_by_source(&self, rel: &str) -> Option<usize> {
        self.source_exact(rel).or_else(|| {
            self.by_source_lower
                .get_or_init(|| SourceIndex::new(&self.pages, true, true))
                .get(&self.pages, rel)
        })
    }

    /// How one candidate resolves.
    pub fn resolve(&self, site: &Site, candidate: &Candidate) -> Resolution {
        match candidate {
            Candidate::Url(url) => self.resolve_url(site, url),
            Candidate::Source(rel) => self.resolve_source(rel),
            Candidate::Unknown => Resolution::Unknown,
        }
    }

    /// The best resolution of a set of candidates: a page, else a file, else unknown, else
    /// outside (when every candidate leaves the root), else missing.
    pub fn resolve_any(&self, site: &Site, candidates: &[Candidate], outside: bool) -> Resolution {
        let mut best = Resolution::Missing;
        for c in candidates {
            match self.resolve(site, c) {
                r @ Resolution::Page(_) => return r,
                Resolution::File => best = Resolution::File,
                Resolution::Unknown if best == Resolution::Missing => best = Resolution::Unknown,
                _ => {}
            }
        }
        if best == Resolution::Missing && outside && candidates.is_empty() {
            Resolution::Outside
        } else {
            best
        }
    }

    fn resolve_url(&self, site: &Site, url: &str) -> Resolution {
        if let Some(first) = self.pages_at(url).next() {
            return Resolution::Page(first);
        }
        let key = urls::url_key(url);
        if let Some(stripped) = key.strip_suffix(".html") {
            if let Some(first) = self.pages_at(stripped).next() {
                return Resolution::Page(first);
            }
        }
        if !self.aliases_at(url).is_empty() {
            return Resolution::File;
        }
        let path = urls::percent_decode(url);
        for s in &site.statics {
            let Some(rest) = strip_url_prefix(&path, &s.url_prefix) else {
                continue;
            };
            let Some(rel) = urls::join(&s.dir, rest) else {
                continue;
            };
            if self.files.exists_file_or_index(&rel) && self.served_as_is(&rel) {
                return Resolution::File;
            }
        }
        if site.generator.is_generated_url(site, &key) {
            return Resolution::Unknown;
        }
        Resolution::Missing
    }

    /// Whether a file found under a static folder is served at its own path: not when it is a
    /// page of the map published elsewhere (a Jekyll page in the site root, whose static folder
    /// is the root itself, publishes at its permalink, not at `/about.md`).
    fn served_as_is(&self, rel: &str) -> bool {
        let rel = rel.trim_end_matches('/');
        match self.source_exact(rel) {
            Some(i) => {
                let own = urls::url_key(&format!("/{rel}"));
                let p = &self.pages[i];
                p.role != Role::Page || p.info.urls.iter().any(|u| urls::url_key(&u.url) == own)
            }
            None => true,
        }
    }

    fn resolve_source(&self, rel: &str) -> Resolution {
        let trimmed = rel.trim_end_matches('/');
        if let Some(i) = self.page_by_source(trimmed) {
            return Resolution::Page(i);
        }
        let name = urls::file_name(trimmed);
        if !name.contains('.') {
            for ext in PAGE_EXTENSIONS {
                if let Some(i) = self.page_by_source(&format!("{trimmed}.{ext}")) {
                    return Resolution::Page(i);
                }
            }
            for index in INDEX_NAMES {
                if let Some(i) =
                    self.page_by_source(&urls::join(trimmed, index).unwrap_or_default())
                {
                    return Resolution::Page(i);
                }
            }
        }
        match self.files.kind(trimmed) {
            Some(_) => Resolution::File,
            None if !name.contains('.') => {
                let dir = urls::parent(trimmed);
                let found = PAGE_EXTENSIONS
                    .iter()
                    .any(|e| self.files.has_ignoring_case(dir, &format!("{name}.{e}")))
                    || self.files.has_ignoring_case(dir, name);
                if found {
                    Resolution::File
                } else {
                    Resolution::Missing
                }
            }
            None => {
                if self.files.exists_ignoring_case(trimmed) {
                    Resolution::File
                } else {
                    Resolution::Missing
                }
            }
        }
    }
}

/// `url` relative to `prefix` (`/docs/`), when it is under it.
fn strip_url_prefix<'a>(url: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix == "/" {
        return Some(url.trim_start_matches('/'));
    }
    let p = prefix.trim_end_matches('/');
    let rest = url.strip_prefix(p)?;
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix('/')
    }
}

/// The default reading of a link destination: a root-relative path is a URL of the site (base
/// path removed when present); a relative one is a source path relative to the page's file, or
/// a URL relative to each URL of the page (as the browser resolves it). `None` in the list
/// means "leaves the root".
pub fn default_candidates(site: &Site, map: &PageMap, from: usize, path: &str) -> Vec<Candidate> {
    let page = &map.pages[from];
    if path.starts_with('/') {
        return vec![Candidate::Url(strip_base(site, path).to_string())];
    }
    let mut out = Vec::new();
    if let Some(src) = urls::join(urls::parent(&page.rel), path) {
        out.push(Candidate::Source(src));
    }
    for u in &page.info.urls {
        out.push(Candidate::Url(relative_url(&u.url, path)));
    }
    out
}

pub use super::urls::relative_url;

/// A root-relative URL without the site's base path (`/docs/a/` → `/a/` under `/docs/`).
pub fn strip_base<'a>(site: &Site, url: &'a str) -> &'a str {
    if site.base_path == "/" {
        return url;
    }
    match strip_url_prefix(url, &site.base_path) {
        // Keep the leading `/`.
        Some(rest) => &url[url.len() - rest.len() - 1..],
        None => url,
    }
}

/// A listed folder: its entries by name.
#[derive(Debug, Default)]
struct Listing {
    entries: HashMap<String, EntryKind>,
    /// The names, sorted; made on first use ("did you mean").
    sorted: std::sync::OnceLock<Vec<String>>,
    /// Lower-cased name → the first name (in sorted order) with that lower case; made on first
    /// use. Case-insensitive lookups are one hash probe, not a scan of the folder per link.
    lower: std::sync::OnceLock<HashMap<String, String>>,
}

impl Listing {
    fn sorted(&self) -> &[String] {
        self.sorted.get_or_init(|| {
            let mut names: Vec<String> = self.entries.keys().cloned().collect();
            names.sort();
            names
        })
    }

    fn by_lower(&self, name: &str) -> Option<&str> {
        self.lower
            .get_or_init(|| {
                let mut map = HashMap::with_capacity(self.entries.len());
                for n in self.sorted() {
                    map.entry(n.to_lowercase()).or_insert_with(|| n.clone());
                }
                map
            })
            .get(&name.to_lowercase())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    /// A symbolic link: it exists, but frontlint does not follow it.
    Symlink,
}

/// The files under the site root, listed on demand, each folder at most once per run. A folder
/// is listed only through real folders from the root down: symbolic links are never followed,
/// so nothing outside the root is looked at.
#[derive(Debug)]
pub struct FileIndex {
    root: PathBuf,
    listings: Mutex<HashMap<String, Option<Arc<Listing>>>>,
}

/// Most entries listed from one folder; a bigger folder is listed up to this many.
const MAX_LISTING: usize = 1_000_000;

impl FileIndex {
    pub fn new(root: &Path) -> FileIndex {
        FileIndex {
            root: root.to_path_buf(),
            listings: Mutex::new(HashMap::new()),
        }
    }

    fn listing(&self, dir: &str) -> Option<Arc<Listing>> {
        if let Some(found) = self.lock().get(dir) {
            return found.clone();
        }
        // A folder is listed only when its parent lists it as a real folder.
        let allowed = dir.is_empty() || {
            let parent = urls::parent(dir);
            self.listing(parent)
                .is_some_and(|l| l.entries.get(urls::file_name(dir)) == Some(&EntryKind::Dir))
        };
        let listed = allowed.then(|| self.read(dir)).flatten().map(Arc::new);
        self.lock().insert(dir.to_string(), listed.clone());
        listed
    }

    fn read(&self, dir: &str) -> Option<Listing> {
        let path = if dir.is_empty() {
            self.root.clone()
        } else {
            self.root.join(dir)
        };
        let mut listing = Listing::default();
        for entry in std::fs::read_dir(path)
            .ok()?
            .filter_map(Result::ok)
            .take(MAX_LISTING)
        {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let kind = match entry.file_type() {
                Ok(t) if t.is_symlink() => EntryKind::Symlink,
                Ok(t) if t.is_dir() => EntryKind::Dir,
                _ => EntryKind::File,
            };
            listing.entries.insert(name, kind);
        }
        Some(listing)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<Arc<Listing>>>> {
        self.listings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What `rel` is, if it exists (`""` is the root).
    pub fn kind(&self, rel: &str) -> Option<EntryKind> {
        let rel = rel.trim_end_matches('/');
        if rel.is_empty() {
            return Some(EntryKind::Dir);
        }
        self.listing(urls::parent(rel))?
            .entries
            .get(urls::file_name(rel))
            .copied()
    }

    /// A file, or a folder with an `index.html` (what a web server serves for it).
    pub fn exists_file_or_index(&self, rel: &str) -> bool {
        match self.kind(rel) {
            Some(EntryKind::File | EntryKind::Symlink) => true,
            Some(EntryKind::Dir) => {
                let dir = rel.trim_end_matches('/');
                self.kind(&format!("{dir}/index.html")).is_some()
            }
            None => false,
        }
    }

    /// Whether `rel` exists when each component is compared without case.
    pub fn exists_ignoring_case(&self, rel: &str) -> bool {
        let mut dir = String::new();
        for part in rel.trim_end_matches('/').split('/') {
            let Some(listing) = self.listing(&dir) else {
                return false;
            };
            let Some(name) = listing
                .entries
                .get_key_value(part)
                .map(|(n, _)| n.as_str())
                .or_else(|| listing.by_lower(part))
            else {
                return false;
            };
            if !dir.is_empty() {
                dir.push('/');
            }
            dir.push_str(name);
        }
        true
    }

    /// The names in a folder (empty when it cannot be listed), sorted.
    pub fn names(&self, dir: &str) -> Vec<String> {
        self.with_names(dir, <[String]>::to_vec)
    }

    /// `f` over the sorted names of a folder of the site (none when it is not listed), without
    /// copying them: "did you mean" looks at them for every broken link.
    pub fn with_names<R>(&self, dir: &str, f: impl FnOnce(&[String]) -> R) -> R {
        match self.listing(dir.trim_end_matches('/')) {
            Some(l) => f(l.sorted()),
            None => f(&[]),
        }
    }

    /// Whether the folder `dir` holds an entry named `name`, ignoring case.
    pub fn has_ignoring_case(&self, dir: &str, name: &str) -> bool {
        self.listing(dir.trim_end_matches('/'))
            .is_some_and(|l| l.entries.contains_key(name) || l.by_lower(name).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_like_a_browser() {
        assert_eq!(relative_url("/posts/a/", "../b/"), "/posts/b/");
        assert_eq!(relative_url("/posts/a.html", "b.html"), "/posts/b.html");
        assert_eq!(relative_url("/a/", "../../../x"), "/x");
        assert_eq!(relative_url("/文章/一/", "../二/"), "/文章/二/");
    }

    #[test]
    fn pages_are_found_by_source_exactly_then_ignoring_case() {
        let page = |rel: &str| Page {
            rel: rel.into(),
            role: Role::Page,
            info: PageInfo::default(),
        };
        let pages: Vec<Page> = [
            "content/Posts/A.md",
            "content/posts/a.md",
            "content/über/Äpfel.md",
            "content/文章/一.md",
            "content/posts/a.md",
        ]
        .into_iter()
        .map(page)
        .collect();
        let exact = SourceIndex::new(&pages, false, false);
        let lower = SourceIndex::new(&pages, true, true);
        // Of two pages with one path, the later one answers an exact lookup.
        assert_eq!(exact.get(&pages, "content/posts/a.md"), Some(4));
        assert_eq!(exact.get(&pages, "content/Posts/A.md"), Some(0));
        assert_eq!(exact.get(&pages, "content/文章/一.md"), Some(3));
        assert_eq!(exact.get(&pages, "content/posts/A.md"), None);
        assert_eq!(exact.get(&pages, "content/posts"), None);
        // Ignoring case, the first one in page order.
        assert_eq!(lower.get(&pages, "CONTENT/posts/a.md"), Some(0));
        assert_eq!(lower.get(&pages, "content/ÜBER/äpfel.md"), Some(2));
        assert_eq!(lower.get(&pages, "content/文章/一.md"), Some(3));
        assert_eq!(lower.get(&pages, "content/文章/二.md"), None);
        // A table far larger than a handful of pages: every page is found, nothing else is.
        let many: Vec<Page> = (0..5000).map(|i| page(&format!("c/{i}.md"))).collect();
        let index = SourceIndex::new(&many, false, false);
        assert!((0..5000).all(|i| index.get(&many, &format!("c/{i}.md")) == Some(i)));
        assert!((5000..6000).all(|i| index.get(&many, &format!("c/{i}.md")).is_none()));
    }

    #[test]
    fn listings_never_follow_symlinks() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("static/img")).unwrap();
        std::fs::write(root.join("static/img/a.png"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), root.join("static/up")).unwrap();
        let files = FileIndex::new(&root);
        assert_eq!(files.kind("static/img/a.png"), Some(EntryKind::File));
        assert!(files.exists_ignoring_case("Static/IMG/A.png"));
        #[cfg(unix)]
        {
            assert_eq!(files.kind("static/up"), Some(EntryKind::Symlink));
            assert_eq!(files.kind("static/up/secret.txt"), None);
            assert!(files.names("static/up").is_empty());
        }
    }
}
