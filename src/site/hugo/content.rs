//! Where a file sits in Hugo's content: its source folder, language, bundle, tree key, and
//! whether Hugo renders it (pages), keeps it as a bundle's resource, or never renders it
//! (headless content other pages include).

#[allow(unused_imports)]
use super::*;

/// A page's place in the content: which source, its path inside, its language.
#[derive(Debug, Clone)]
pub(super) struct Located<'a> {
    pub(super) source: &'a Source,
    /// Path inside the source (`blog/post.de.md`).
    pub(super) inside: &'a str,
    /// Folders inside the source.
    pub(super) dirs: Vec<&'a str>,
    /// File name without extension and language (`post`, `index`, `_index`).
    pub(super) stem: &'a str,
    /// The language (always set; the default when nothing says).
    pub(super) lang: String,
    pub(super) lang_source: LangSource,
    /// A language-like suffix the site does not configure (`post.fr.md`).
    pub(super) unknown_suffix: Option<&'a str>,
    pub(super) bundle: Bundle,
}

impl HugoSite {
    pub(super) fn default_lang(&self) -> &str {
        &self.langs[0].key
    }

    pub(super) fn lang_prefix(&self, lang: &str) -> &str {
        self.langs
            .iter()
            .find(|l| l.key == lang)
            .map_or("", |l| l.prefix.as_str())
    }

    pub(super) fn source_of(&self, rel: &str) -> Option<&Source> {
        self.sources
            .iter()
            .filter(|s| urls::is_under(rel, &s.dir))
            .max_by_key(|s| s.dir.len())
    }

    pub(super) fn locate<'a>(&'a self, rel: &'a str) -> Option<Located<'a>> {
        let source = self.source_of(rel)?;
        let inside = urls::strip_dir(rel, &source.dir)?;
        if inside.is_empty() {
            return None;
        }
        let name = urls::file_name(inside);
        let parent = urls::parent(inside);
        let dirs: Vec<&str> = if parent.is_empty() {
            Vec::new()
        } else {
            parent.split('/').collect()
        };
        let without_ext = urls::stem(name);
        let mut stem = without_ext;
        let mut lang = source.lang.clone();
        let mut lang_source = if source.lang.is_some() {
            LangSource::Folder
        } else {
            LangSource::Default
        };
        let mut unknown_suffix = None;
        if let Some(dot) = without_ext.rfind('.') {
            let ident = &without_ext[dot + 1..];
            let key = paths::lower(ident);
            if self.langs.iter().any(|l| l.key == key) {
                stem = &without_ext[..dot];
                if lang.is_none() {
                    lang = Some(key);
                    lang_source = LangSource::Suffix;
                }
            } else if dot > 0 && looks_like_language(ident) {
                unknown_suffix = Some(ident);
            }
        }
        let bundle = match paths::lower(stem).as_str() {
            "index" => Bundle::Leaf,
            "_index" => Bundle::Branch,
            _ => Bundle::None,
        };
        Some(Located {
            source,
            inside,
            dirs,
            stem,
            lang: lang.unwrap_or_else(|| self.default_lang().to_string()),
            lang_source,
            unknown_suffix,
            bundle,
        })
    }

    /// The content tree key of a path inside a source (`blog/Post.de.md` → `/blog/post`).
    pub(super) fn tree_key(&self, inside: &str) -> String {
        let mut key = paths::lower(inside).replace(' ', "-");
        if !key.starts_with('/') {
            key.insert(0, '/');
        }
        let name_start = key.rfind('/').map_or(0, |i| i + 1);
        let name = &key[name_start..];
        let mut stem = name.to_string();
        if let Some(dot) = stem.rfind('.') {
            if dot > 0 {
                stem.truncate(dot);
            }
        }
        if let Some(dot) = stem.rfind('.') {
            if self.langs.iter().any(|l| l.key == stem[dot + 1..]) {
                stem.truncate(dot);
            }
        }
        key.truncate(name_start);
        if stem != "index" && stem != "_index" {
            key.push_str(&stem);
        }
        let trimmed = key.trim_end_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            trimmed.to_string()
        }
    }

    /// Whether folder `dir` (relative to the root) holds a leaf bundle's `index` content file.
    pub(super) fn is_leaf_dir(&self, dir: &str) -> bool {
        self.listing(dir).is_some_and(|l| {
            l.iter().any(|(name, is_file)| {
                let lower = name.to_lowercase();
                *is_file
                    && lower.starts_with("index.")
                    && CONTENT_EXTS.contains(&lower.rsplit('.').next().unwrap_or(""))
            })
        })
    }

    /// The entries of folder `dir` (relative to the root): name and whether it is a regular
    /// file; listed once per run. `dir` is a folder the walk went through (or above a file it
    /// found), so no symbolic link is followed to reach it.
    pub(super) fn listing(&self, dir: &str) -> Option<std::sync::Arc<Vec<(String, bool)>>> {
        if let Some(v) = self
            .listings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return v.clone();
        }
        let listed = std::fs::read_dir(self.root.join(dir)).ok().map(|entries| {
            let mut v: Vec<(String, bool)> = entries
                .filter_map(Result::ok)
                .take(100_000)
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    Some((name, e.file_type().is_ok_and(|t| t.is_file())))
                })
                .collect();
            v.sort();
            std::sync::Arc::new(v)
        });
        self.listings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_string(), listed.clone());
        listed
    }

    /// The URL names of the folders directly in the content folders (Hugo's first-level
    /// sections), listed once.
    pub(super) fn first_level_dirs(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        let mut guard = self.top_dirs.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_empty() {
            guard.insert(String::new());
            for s in &self.sources {
                let Ok(entries) = std::fs::read_dir(self.root.join(&s.dir)) else {
                    continue;
                };
                for e in entries.filter_map(Result::ok) {
                    if e.file_type().is_ok_and(|t| t.is_dir()) {
                        guard.insert(paths::segment(&e.file_name().to_string_lossy(), self.lower));
                    }
                }
            }
        }
        guard
    }

    /// What a content file is to Hugo (`None`: not content).
    pub(super) fn content_role(&self, rel: &str) -> Option<ContentRole> {
        let loc = self.locate(rel)?;
        let ext = paths::lower(urls::file_name(rel).rsplit('.').next().unwrap_or(""));
        if !CONTENT_EXTS.contains(&ext.as_str()) {
            return None;
        }
        // A content file inside a leaf bundle (below its `index`) is one of its resources.
        let mut dir = urls::parent(rel).to_string();
        let own_dir_is_bundle_root = loc.bundle == Bundle::Leaf;
        let mut first = true;
        while urls::is_under(&dir, &loc.source.dir) && dir.len() > loc.source.dir.len() {
            if !(first && own_dir_is_bundle_root) && self.is_leaf_dir(&dir) {
                return Some(ContentRole::Resource);
            }
            first = false;
            dir = urls::parent(&dir).to_string();
        }
        // Headless content: a section whose `cascade` says `render: never` (hugoDocs'
        // `_common`), or a leaf bundle with `headless: true`.
        let mut dir = urls::parent(rel).to_string();
        while urls::is_under(&dir, &loc.source.dir) {
            if self.headless_dir(&dir) {
                // A page's own `build.render` wins over the cascade.
                if self
                    .own_render(rel)
                    .is_some_and(|r| !matches!(r.as_str(), "never" | "false"))
                {
                    return Some(ContentRole::Page);
                }
                return Some(ContentRole::Headless);
            }
            if dir.len() <= loc.source.dir.len() {
                break;
            }
            dir = urls::parent(&dir).to_string();
        }
        Some(ContentRole::Page)
    }

    /// A file's own `build.render` (`_build.render`), read from the file.
    pub(super) fn own_render(&self, rel: &str) -> Option<String> {
        if let Some(v) = self
            .own_renders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
        {
            return v.clone();
        }
        let found = self.read_own_render(rel);
        self.own_renders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), found.clone());
        found
    }

    fn read_own_render(&self, rel: &str) -> Option<String> {
        let text = small_file(&self.root.join(rel))?;
        let crate::split::Split::Found(fm) = crate::split::split(&text) else {
            return None;
        };
        let parsed = crate::parse::parse(&text, &fm);
        let root = parsed.root.as_ref()?;
        ["build.render", "_build.render"].iter().find_map(|k| {
            crate::site::facts::lookup(root, k).and_then(|n| match &n.value {
                crate::parse::Value::String(s) => Some(s.to_ascii_lowercase()),
                crate::parse::Value::Bool(b) => Some(b.to_string()),
                _ => None,
            })
        })
    }

    /// Whether the section (or leaf bundle) in folder `dir` renders nothing below it: its
    /// `_index` has `cascade: {build: {render: never}}` without a target, or its `index` has
    /// `headless: true`. Read from the file, once per folder.
    pub(super) fn headless_dir(&self, dir: &str) -> bool {
        if let Some(v) = self
            .headless
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return *v;
        }
        let mut found = false;
        let path = self.root.join(dir);
        if let Some(listing) = self.listing(dir) {
            let mut names: Vec<String> = listing
                .iter()
                .filter(|(n, is_file)| {
                    let l = n.to_lowercase();
                    *is_file
                        && (l.starts_with("_index.") || l.starts_with("index."))
                        && CONTENT_EXTS.contains(&l.rsplit('.').next().unwrap_or(""))
                })
                .map(|(n, _)| n.clone())
                .collect();
            names.sort();
            for name in names {
                let is_index = name.to_lowercase().starts_with("index.");
                if small_file(&path.join(&name)).is_some_and(|t| makes_headless(&t, is_index)) {
                    found = true;
                    break;
                }
            }
        }
        self.headless
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_string(), found);
        found
    }

    /// Whether a content adapter (`_content.gotmpl`) in folder `dir` adds pages there.
    pub(super) fn has_adapter(&self, dir: &str) -> bool {
        self.listing(dir)
            .is_some_and(|l| l.iter().any(|(n, f)| *f && n == "_content.gotmpl"))
    }

    pub(super) fn ugly(&self, section: &str) -> bool {
        self.ugly_sections
            .get(section)
            .copied()
            .unwrap_or(self.ugly_all)
    }

    pub(super) fn bool_field(&self, facts: &PageFacts, key: &str) -> Option<bool> {
        match facts.field(key).map(|f| &f.value) {
            Some(FieldValue::Bool(b)) => Some(*b),
            Some(FieldValue::Str(s)) => {
                let s = s.trim().to_ascii_lowercase();
                match s.as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    // YAML 1.1 (Hugo before 0.152) reads these unquoted words as booleans.
                    "yes" | "on" | "y" if self.yaml11 => Some(true),
                    "no" | "off" | "n" if self.yaml11 => Some(false),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The first date of `keys` the page has, as Hugo reads it.
    pub(super) fn date_of(
        &self,
        facts: &PageFacts,
        keys: &[String],
        rel: &str,
    ) -> Option<crate::dates::HugoDate> {
        for k in keys {
            if k == ":filename" {
                if let Some((date, _)) = filename_date(urls::file_name(rel)) {
                    return Some(date);
                }
                continue;
            }
            if let Some(s) = facts.str(k) {
                if let Ok(d) = crate::dates::parse(s.trim()) {
                    return Some(d);
                }
            }
        }
        None
    }

    /// The language prefix and the path of a page without `url` or permalink.
    pub(super) fn default_path(&self, loc: &Located, ctx: &Ctx, slug: Option<&str>) -> String {
        let mut parts: Vec<String> = Vec::new();
        // Folders, a section's `slug` replacing its folder for everything below it.
        let mut dir_key = String::new();
        for (n, d) in loc.dirs.iter().enumerate() {
            dir_key.push('/');
            dir_key.push_str(&paths::lower(d).replace(' ', "-"));
            let is_own = n + 1 == loc.dirs.len();
            let section_slug = ctx
                .sections
                .get(&(loc.lang.clone(), dir_key.clone()))
                .and_then(|s| s.slug.as_deref());
            let explicit = match loc.bundle {
                // A bundle's own folder takes the page's own slug.
                Bundle::Leaf | Bundle::Branch if is_own => slug.or(section_slug),
                _ => section_slug,
            };
            match explicit {
                Some(s) => parts.push(paths::make_path(s, self.lower)),
                None => parts.push(paths::segment(d, self.lower)),
            }
        }
        if loc.bundle == Bundle::None {
            match slug {
                Some(s) => parts.push(paths::make_path(s, self.lower)),
                None => parts.push(paths::segment(loc.stem, self.lower)),
            }
        }
        let path: Vec<&str> = parts
            .iter()
            .map(|s| s.trim_matches('/'))
            .filter(|s| !s.is_empty())
            .collect();
        path.join("/")
    }
}

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ContentRole {
    Page,
    /// A file of a leaf bundle: a page resource.
    Resource,
    /// A page Hugo never renders (headless): content other pages include.
    Headless,
}

/// A file's text, when it is a regular file under 1 MiB.
/// Whether a section's `_index` (`is_index`: a leaf bundle's `index`) with this text makes its
/// folder headless: `cascade: {build: {render: never}}` without a target, or `headless: true`
/// (gohugo.io/content-management/build-options/).
pub(in crate::site) fn makes_headless(text: &str, is_index: bool) -> bool {
    let crate::split::Split::Found(fm) = crate::split::split(text) else {
        return false;
    };
    let parsed = crate::parse::parse(text, &fm);
    let Some(root) = parsed.root.as_ref() else {
        return false;
    };
    let get = |k: &str| {
        crate::site::facts::lookup(root, k).and_then(|n| match &n.value {
            crate::parse::Value::String(s) => Some(s.to_ascii_lowercase()),
            crate::parse::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
    };
    if is_index {
        return get("headless").as_deref() == Some("true");
    }
    let targeted = [
        "cascade.target.path",
        "cascade._target.path",
        "cascade.target.kind",
        "cascade._target.kind",
    ]
    .iter()
    .any(|k| get(k).is_some());
    let never = ["cascade.build.render", "cascade._build.render"]
        .iter()
        .any(|k| matches!(get(k).as_deref(), Some("never" | "false")));
    never && !targeted
}

pub(in crate::site) fn small_file(p: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(p).ok()?;
    if !meta.is_file() || meta.len() > 1 << 20 {
        return None;
    }
    std::fs::read_to_string(p).ok()
}

/// A file-name suffix that is probably meant as a language (`fr`, `zh-cn`, `pt_BR`).
pub(super) fn looks_like_language(s: &str) -> bool {
    let primary = s.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && s.len() <= 8
        && crate::langtag::check(&s.replace('_', "-")).is_ok()
}

/// `2021-03-04-post.md` → the date and the rest (`:filename` in `[frontmatter]`).
pub(super) fn filename_date(name: &str) -> Option<(crate::dates::HugoDate, &str)> {
    let head = name.get(..10)?;
    let date = crate::dates::parse(head).ok()?;
    let rest = name.get(10..)?.trim_start_matches(['-', '_']);
    Some((date, urls::stem(rest)))
}
