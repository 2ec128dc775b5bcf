//! `_config.yml` read the way Jekyll 4.3 reads it: `lib/jekyll/configuration.rb` (`DEFAULTS`,
//! `add_default_collections`, `add_default_excludes`, `STYLE_TO_PERMALINK`), with the plugins
//! that change what a site publishes (jekyll-redirect-from, jekyll-feed, jekyll-sitemap,
//! jekyll-paginate, jekyll-archives, and GitHub Pages' jekyll-relative-links,
//! jekyll-optional-front-matter and jekyll-readme-index).

use std::path::Path;

use serde_json::Value;

use super::super::{Site, config_get};
use super::ids::KramdownIds;

/// A collection (`collections:` in `_config.yml`; `posts` is always one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The label (`docs`), sanitised as `Collection#sanitize_label` does.
    pub label: String,
    /// Its folder relative to the site root: `<collections_dir>/_<label>`.
    pub dir: String,
    /// `output: true`: its documents are written (always true for posts).
    pub output: bool,
    /// The collection's `permalink` metadata (posts: the site's permalink style as a template).
    pub permalink: Option<String>,
}

/// One `defaults:` set.
#[derive(Debug, Clone)]
pub struct DefaultSet {
    /// `scope.path`, sanitised (a leading `/` removed) and without `collections_dir/`.
    pub path: String,
    /// The scope path has a `*`: Jekyll globs it against the file system.
    pub glob: Option<globset::GlobMatcher>,
    /// `scope.type` (`pages`, `posts`, `drafts`, a collection label), deprecated singulars mapped.
    pub kind: Option<String>,
    /// `values`.
    pub values: serde_json::Map<String, Value>,
}

/// What frontlint needs of `_config.yml` (and of the Gemfile, for plugins).
#[derive(Debug, Clone)]
pub struct Config {
    /// `collections_dir` (`""` when unset), `/`-trimmed.
    pub collections_dir: String,
    /// The posts collection.
    pub posts: Collection,
    /// Every other collection, in config order.
    pub collections: Vec<Collection>,
    /// `permalink` as written (`date` when unset): a style name or a template.
    pub style: String,
    pub defaults: Vec<DefaultSet>,
    /// `exclude` plus Jekyll's default excludes.
    pub exclude: Vec<String>,
    /// `include` (`[".htaccess"]` when unset).
    pub include: Vec<String>,
    pub future: bool,
    pub unpublished: bool,
    pub show_drafts: bool,
    /// `markdown_ext`, lower-case, without dots.
    pub markdown_ext: Vec<String>,
    pub includes_dir: String,
    pub layouts_dir: String,
    /// The plugins the site loads (`plugins`, `gems`, the Gemfile's `jekyll_plugins` group, and
    /// GitHub Pages' defaults when it is built there).
    pub plugins: Vec<String>,
    /// Built by GitHub Pages (a `github-pages` gem, or no Gemfile at all).
    pub github_pages: bool,
    /// jekyll-feed: the feed paths (`/feed.xml`, `/feed/<category>.xml`).
    pub feeds: Vec<String>,
    /// jekyll-paginate: `paginate_path` when `paginate` is set.
    pub paginate_path: Option<String>,
    /// jekyll-archives: the URL templates of its archive pages.
    pub archives: Vec<String>,
    /// `theme` or `remote_theme`: the theme's own files are not in the repository.
    pub theme: bool,
    pub kramdown: KramdownIds,
    /// `redirect_from: { json: false }` turns `/redirects.json` off.
    pub redirects_json: bool,
}

/// Jekyll's `Configuration::DEFAULT_EXCLUDES`, added to every `exclude`.
const DEFAULT_EXCLUDES: [&str; 10] = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

/// The plugins GitHub Pages loads whatever the config says (pages-gem `DEFAULT_PLUGINS`).
const GITHUB_PAGES_PLUGINS: [&str; 8] = [
    "jekyll-coffeescript",
    "jekyll-default-layout",
    "jekyll-gist",
    "jekyll-github-metadata",
    "jekyll-optional-front-matter",
    "jekyll-paginate",
    "jekyll-readme-index",
    "jekyll-titles-from-headings",
];
const GITHUB_PAGES_RELATIVE_LINKS: &str = "jekyll-relative-links";

impl Config {
    /// Whether the site loads a plugin.
    pub fn plugin(&self, name: &str) -> bool {
        self.plugins.iter().any(|p| p == name)
    }

    /// Read `value` (the parsed `_config.yml`) for the site at `root`, with notes for
    /// `frontlint site`.
    pub fn read(value: &Value, root: &Path, site: &mut Site, source: &str) -> Config {
        let s = |k: &str| {
            config_get(value, k)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let collections_dir = s("collections_dir")
            .map(|d| d.trim_matches('/').to_string())
            .unwrap_or_default();
        let style = match config_get(value, "permalink") {
            Some(Value::String(p)) => p.clone(),
            // `permalink: null` keeps no style at all: posts then use `/:collection/:path`.
            Some(Value::Null) => String::new(),
            _ => "date".to_string(),
        };
        let in_cd = |label: &str| {
            if collections_dir.is_empty() {
                format!("_{label}")
            } else {
                format!("{collections_dir}/_{label}")
            }
        };
        // `add_default_collections`: an array of labels becomes a hash; posts always exists,
        // always written, its permalink the style's template unless it sets its own.
        let mut collections = Vec::new();
        let mut posts_meta: Option<&Value> = None;
        match config_get(value, "collections") {
            Some(Value::Array(labels)) => {
                for l in labels.iter().filter_map(Value::as_str) {
                    if l != "posts" {
                        collections.push(collection(l, &Value::Null, &in_cd));
                    }
                }
            }
            Some(Value::Object(map)) => {
                for (l, meta) in map {
                    if l == "posts" {
                        posts_meta = Some(meta);
                    } else {
                        collections.push(collection(l, meta, &in_cd));
                    }
                }
            }
            _ => {}
        }
        let posts_permalink = posts_meta
            .and_then(|m| m.get("permalink"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| (!style.is_empty()).then(|| style_to_permalink(&style)));
        let posts = Collection {
            label: "posts".into(),
            dir: in_cd("posts"),
            output: true,
            permalink: posts_permalink,
        };
        let list = |k: &str| -> Option<Vec<String>> {
            match config_get(value, k)? {
                Value::Array(items) => Some(
                    items
                        .iter()
                        .filter_map(|i| match i {
                            Value::String(s) => Some(s.clone()),
                            Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect(),
                ),
                Value::String(one) => Some(vec![one.clone()]),
                _ => None,
            }
        };
        let mut exclude = list("exclude").unwrap_or_default();
        for d in DEFAULT_EXCLUDES {
            if !exclude.iter().any(|e| e == d) {
                exclude.push(d.to_string());
            }
        }
        let include = list("include").unwrap_or_else(|| vec![".htaccess".to_string()]);
        let markdown_ext = s("markdown_ext")
            .unwrap_or_else(|| "markdown,mkdown,mkdn,mkd,md".into())
            .split(',')
            .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        let dir_key = |k: &str, d: &str| {
            s(k).map(|v| v.trim_matches('/').to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| d.to_string())
        };
        // Plugins: the config's lists, the Gemfile's `jekyll_plugins` group (Bundler requires
        // it), and GitHub Pages' defaults when the site is built there.
        let mut plugins: Vec<String> = list("plugins").unwrap_or_default();
        plugins.extend(list("gems").unwrap_or_default());
        let gemfile = find_gemfile(root);
        let github_pages = match &gemfile {
            Some((_, text)) => gem_listed(text, "github-pages"),
            None => true,
        };
        if let Some((_, text)) = &gemfile {
            plugins.extend(jekyll_plugins_group(text));
        }
        if github_pages {
            plugins.extend(GITHUB_PAGES_PLUGINS.iter().map(|p| p.to_string()));
            plugins.push(GITHUB_PAGES_RELATIVE_LINKS.to_string());
        }
        plugins.sort();
        plugins.dedup();
        let theme = s("theme").is_some() || s("remote_theme").is_some();
        let has = |p: &str| plugins.iter().any(|x| x == p);
        let mut feeds = Vec::new();
        if has("jekyll-feed") {
            feeds.push(urls_abs(
                &s("feed.path").unwrap_or_else(|| "feed.xml".into()),
            ));
            if let Some(Value::Array(cats)) = config_get(value, "feed.categories") {
                for c in cats.iter().filter_map(Value::as_str) {
                    feeds.push(format!("/feed/{c}.xml"));
                }
            }
            if let Some(Value::Object(colls)) = config_get(value, "feed.collections") {
                for c in colls.keys() {
                    feeds.push(format!("/feed/{c}.xml"));
                }
            }
        }
        let paginate_path = (has("jekyll-paginate")
            && config_get(value, "paginate").is_some_and(|p| !p.is_null()))
        .then(|| s("paginate_path").unwrap_or_else(|| "/page:num".into()));
        let archives = if has("jekyll-archives") {
            let mut t = vec![
                "/:year/".to_string(),
                "/:year/:month/".into(),
                "/:year/:month/:day/".into(),
                "/tag/:name/".into(),
                "/category/:name/".into(),
            ];
            if let Some(Value::Object(p)) = config_get(value, "jekyll-archives.permalinks") {
                t.extend(p.values().filter_map(Value::as_str).map(str::to_string));
            }
            t
        } else {
            Vec::new()
        };
        let kd = |k: &str| config_get(value, &format!("kramdown.{k}"));
        let kramdown = KramdownIds {
            auto: kd("auto_ids").and_then(yaml11_bool).unwrap_or(true),
            gfm: kd("input")
                .and_then(Value::as_str)
                .is_none_or(|i| i.eq_ignore_ascii_case("gfm")),
            prefix: kd("auto_id_prefix")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            transliterate: kd("transliterated_header_ids")
                .and_then(yaml11_bool)
                .unwrap_or(false),
        };
        let b = |k: &str| config_get(value, k).and_then(yaml11_bool).unwrap_or(false);
        let config = Config {
            defaults: defaults(value, &collections_dir),
            collections_dir,
            posts,
            collections,
            style,
            exclude,
            include,
            future: b("future"),
            unpublished: b("unpublished"),
            show_drafts: b("show_drafts"),
            markdown_ext,
            includes_dir: dir_key("includes_dir", "_includes"),
            layouts_dir: dir_key("layouts_dir", "_layouts"),
            plugins,
            github_pages,
            feeds,
            paginate_path,
            archives,
            theme,
            kramdown,
            redirects_json: config_get(value, "redirect_from.json").and_then(yaml11_bool)
                != Some(false),
        };
        config.notes(site, source, gemfile.as_ref().map(|(p, _)| p.as_str()));
        config
    }

    fn notes(&self, site: &mut Site, source: &str, gemfile: Option<&str>) {
        let permalink = if self.style.is_empty() {
            "none (`permalink: null`)".to_string()
        } else {
            format!("style `{}`", self.style)
        };
        site.note(
            "permalink",
            format!(
                "{permalink}; posts at `{}`",
                self.posts
                    .permalink
                    .as_deref()
                    .unwrap_or("/:collection/:path")
            ),
            source,
        );
        let mut colls: Vec<String> = vec![format!("posts ({}/)", self.posts.dir)];
        for c in &self.collections {
            colls.push(format!(
                "{} ({}/, {})",
                c.label,
                c.dir,
                if c.output {
                    format!(
                        "written at `{}`",
                        c.permalink.as_deref().unwrap_or("/:collection/:path")
                    )
                } else {
                    "not written".to_string()
                }
            ));
        }
        site.note("collections", colls.join(", "), source);
        if !self.defaults.is_empty() {
            let keys: Vec<String> = self
                .defaults
                .iter()
                .map(|d| {
                    let scope = match (&d.path, &d.kind) {
                        (p, Some(k)) if !p.is_empty() => format!("{p} ({k})"),
                        (_, Some(k)) => format!("type {k}"),
                        (p, None) if !p.is_empty() => p.clone(),
                        _ => "everything".into(),
                    };
                    let mut v: Vec<&str> = d.values.keys().map(String::as_str).collect();
                    v.sort_unstable();
                    format!("{scope}: {}", v.join(" "))
                })
                .collect();
            site.note("defaults", keys.join("; "), source);
        }
        site.note("exclude", self.exclude.join(", "), source);
        site.note(
            "publishing",
            format!(
                "future: {}, unpublished: {}, drafts: {}",
                self.future, self.unpublished, self.show_drafts
            ),
            source,
        );
        site.note(
            "plugins",
            if self.plugins.is_empty() {
                "none".into()
            } else {
                self.plugins.join(", ")
            },
            source,
        );
        match gemfile {
            Some(g) if self.github_pages => site.note(
                "builder",
                "GitHub Pages (the Gemfile uses the `github-pages` gem): its default plugins are loaded",
                g,
            ),
            Some(g) => site.note("builder", "plain Jekyll (the Gemfile has no `github-pages` gem)", g),
            None => site.note(
                "builder",
                "GitHub Pages (no Gemfile at the site root or above it): its default plugins (relative links, optional front matter, README as index) are assumed",
                "assumed",
            ),
        }
        if self.theme {
            site.note(
                "theme",
                "the theme's own layouts, includes and assets are not in the repository: links under `/assets/` are not checked",
                source,
            );
        }
        let k = &self.kramdown;
        site.note(
            "heading ids",
            if !k.auto {
                "kramdown `auto_ids: false`: headings have no ids".to_string()
            } else {
                format!(
                    "kramdown, {} input{}",
                    if k.gfm { "GFM" } else { "kramdown" },
                    if k.prefix.is_empty() {
                        String::new()
                    } else {
                        format!(", prefix `{}`", k.prefix)
                    }
                )
            },
            source,
        );
    }
}

/// `/x` for `x`.
fn urls_abs(p: &str) -> String {
    if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    }
}

fn collection(label: &str, meta: &Value, in_cd: &dyn Fn(&str) -> String) -> Collection {
    // `Collection#sanitize_label`: only `[a-z0-9_\-.]` (any case) is kept.
    let label: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    Collection {
        dir: in_cd(&label),
        output: meta.get("output").and_then(yaml11_bool).unwrap_or(false),
        permalink: meta
            .get("permalink")
            .and_then(Value::as_str)
            .map(str::to_string),
        label,
    }
}

/// `Configuration#style_to_permalink`.
pub fn style_to_permalink(style: &str) -> String {
    let name = style.strip_prefix(':').unwrap_or(style);
    match name {
        "none" => "/:categories/:title:output_ext".into(),
        "date" => "/:categories/:year/:month/:day/:title:output_ext".into(),
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext".into(),
        "pretty" => "/:categories/:year/:month/:day/:title/".into(),
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext".into(),
        _ => style.to_string(),
    }
}

/// A boolean as Psych (YAML 1.1) reads it: `true`/`false`, and `yes`/`no`/`on`/`off` in any
/// case.
pub fn yaml11_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => str_bool(s),
        _ => None,
    }
}

/// A YAML 1.1 boolean word (Psych's `ScalarScanner`: `yes|true|on`, `no|false|off`, any case).
pub fn str_bool(s: &str) -> Option<bool> {
    let l = s.to_ascii_lowercase();
    match l.as_str() {
        "yes" | "true" | "on" => Some(true),
        "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

fn defaults(value: &Value, collections_dir: &str) -> Vec<DefaultSet> {
    let Some(Value::Array(sets)) = config_get(value, "defaults") else {
        return Vec::new();
    };
    sets.iter()
        .filter_map(|set| {
            let values = set.get("values")?.as_object()?.clone();
            let scope = set.get("scope");
            let raw_path = scope
                .and_then(|s| s.get("path"))
                .and_then(Value::as_str)
                .unwrap_or("");
            // `sanitize_path`: one leading `/` removed; `strip_collections_dir`.
            let mut path = raw_path.strip_prefix('/').unwrap_or(raw_path).to_string();
            if !collections_dir.is_empty() {
                if let Some(rest) = path.strip_prefix(&format!("{collections_dir}/")) {
                    path = rest.to_string();
                }
            }
            let glob = path.contains('*').then(|| {
                globset::GlobBuilder::new(&path)
                    .literal_separator(true)
                    .build()
                    .ok()
                    .map(|g| g.compile_matcher())
            });
            let kind = scope
                .and_then(|s| s.get("type"))
                .and_then(Value::as_str)
                .map(|t| match t {
                    "page" => "pages".to_string(),
                    "post" => "posts".to_string(),
                    "draft" => "drafts".to_string(),
                    t => t.to_string(),
                });
            Some(DefaultSet {
                path,
                glob: glob.flatten(),
                kind,
                values,
            })
        })
        .collect()
}

impl DefaultSet {
    /// `FrontmatterDefaults#applies?` for a path (relative to the collections folder for
    /// documents, to the site root for pages) and a type.
    pub fn applies(&self, path: &str, kind: &str) -> bool {
        if self.kind.as_deref().is_some_and(|k| k != kind) {
            return false;
        }
        if self.path.is_empty() {
            return true;
        }
        match &self.glob {
            // `glob_scope`: some path the glob matches is a prefix of this one.
            Some(g) => {
                let mut prefixes = vec![path];
                let mut i = 0;
                while let Some(off) = path[i..].find('/') {
                    prefixes.push(&path[..i + off]);
                    i += off + 1;
                }
                prefixes.iter().any(|p| g.is_match(p))
            }
            None if self.path.contains('*') => false,
            None => path.starts_with(&self.path),
        }
    }

    fn has_precedence_over(&self, old: Option<&DefaultSet>) -> bool {
        let Some(old) = old else { return true };
        if self.path.len() != old.path.len() {
            self.path.len() >= old.path.len()
        } else if self.kind.is_some() {
            true
        } else {
            old.kind.is_none()
        }
    }
}

/// `FrontmatterDefaults#find`: the default of one key (pages read their defaults this way).
pub fn find_default<'a>(
    sets: &'a [DefaultSet],
    path: &str,
    kind: &str,
    key: &str,
) -> Option<&'a Value> {
    let mut value = None;
    let mut old: Option<&DefaultSet> = None;
    for set in sets.iter().filter(|s| s.applies(path, kind)) {
        if let Some(v) = set.values.get(key) {
            if set.has_precedence_over(old) {
                value = Some(v);
                old = Some(set);
            }
        }
    }
    value
}

/// `FrontmatterDefaults#all`, for one key: documents merge every matching set, the later set
/// winning when it has precedence over the last one that did.
pub fn all_default<'a>(
    sets: &'a [DefaultSet],
    path: &str,
    kind: &str,
    key: &str,
) -> Option<&'a Value> {
    let mut value: Option<&Value> = None;
    let mut old: Option<&DefaultSet> = None;
    for set in sets.iter().filter(|s| s.applies(path, kind)) {
        if set.has_precedence_over(old) {
            if let Some(v) = set.values.get(key) {
                value = Some(v);
            }
            old = Some(set);
        } else if value.is_none() {
            value = set.values.get(key);
        }
    }
    value
}

/// The Gemfile Bundler would use: at the site root, else in a folder above it (up to the
/// repository root, a folder with `.git`).
fn find_gemfile(root: &Path) -> Option<(String, String)> {
    for dir in root.ancestors() {
        let p = dir.join("Gemfile");
        if let Ok(meta) = std::fs::symlink_metadata(&p) {
            if meta.is_file() && meta.len() <= super::super::MAX_CONFIG_BYTES {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let shown = p
                    .strip_prefix(root)
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|_| "../".repeat(urls_depth(root, dir)) + "Gemfile");
                return Some((shown, text));
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

fn urls_depth(root: &Path, dir: &Path) -> usize {
    root.strip_prefix(dir).map_or(0, |r| r.components().count())
}

/// Whether a Gemfile names a gem (`gem "name"` / `gem 'name'`).
fn gem_listed(text: &str, name: &str) -> bool {
    text.lines().any(|l| gem_name(l) == Some(name))
}

fn gem_name(line: &str) -> Option<&str> {
    let l = line.trim_start();
    if l.starts_with('#') {
        return None;
    }
    let rest = l.strip_prefix("gem")?;
    let rest = rest.trim_start_matches([' ', '\t', '(']);
    let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &rest[1..];
    inner.find(q).map(|end| &inner[..end])
}

/// The gems of the Gemfile's `group :jekyll_plugins do … end` (Bundler requires them, so
/// Jekyll loads them as plugins), and gems declared with `group: :jekyll_plugins`.
fn jekyll_plugins_group(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth_in_group: Option<usize> = None;
    let mut depth = 0usize;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('#') {
            continue;
        }
        let opens = l.ends_with(" do") || l.contains(" do |") || l == "do";
        if l.starts_with("group") && l.contains("jekyll_plugins") && opens {
            depth += 1;
            depth_in_group = Some(depth);
            continue;
        }
        if opens {
            depth += 1;
            continue;
        }
        if l == "end" {
            if depth_in_group == Some(depth) {
                depth_in_group = None;
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if let Some(name) = gem_name(l) {
            if depth_in_group.is_some() || l.contains("jekyll_plugins") {
                out.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemfile_plugins() {
        let g = "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3\"\n# gem \"github-pages\"\ngroup :jekyll_plugins do\n  gem \"jekyll-feed\"\n  gem 'jekyll-redirect-from', '0.16'\nend\ngem \"jekyll-sitemap\", group: :jekyll_plugins\ngem \"webrick\"\n";
        assert!(!gem_listed(g, "github-pages"));
        assert!(gem_listed(g, "jekyll"));
        assert_eq!(
            jekyll_plugins_group(g),
            ["jekyll-feed", "jekyll-redirect-from", "jekyll-sitemap"]
        );
    }

    #[test]
    fn styles() {
        assert_eq!(
            style_to_permalink("pretty"),
            "/:categories/:year/:month/:day/:title/"
        );
        assert_eq!(style_to_permalink(":title"), ":title");
        assert_eq!(str_bool("Yes"), Some(true));
        assert_eq!(str_bool("OFF"), Some(false));
        assert_eq!(str_bool("y"), None);
    }
}
