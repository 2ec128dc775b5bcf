//! Zola (getzola.org). No Zola binary can be installed here: every rule follows Zola's source
//! (getzola/zola, paths below) and documentation (getzola.org/documentation).
//!
//! * **Detection**: `zola.toml`, or `config.toml` with Zola's mandatory `base_url` and without
//!   Hugo's `baseURL` (Hugo reads keys without case, so `baseurl` in any case is Hugo's).
//! * **Config** (`components/config/src/config/mod.rs`): `base_url` (its path is the base path),
//!   `default_language` (default `en`), `[languages.<code>]` (each with its own `taxonomies`),
//!   `taxonomies = [{ name = "tags" }]`, `[slugify]` (`paths`, `taxonomies`, `anchors`: `on`,
//!   `safe`, `off`; `paths_keep_dates`), `[link_checker] internal_level`, `[markdown]
//!   bottom_footnotes`, `ignored_content`, `compile_sass`, `feed_filenames`, `theme`.
//! * **Pages** (`components/content/src/page.rs` `Page::parse`, `file_info.rs`): a page's URL is
//!   its `path` when set (`/` added around it; no language prefix), else the section folders
//!   (as written) plus its slug, the language code first for other languages; the slug is
//!   `slug` when set, else the file name (the folder's for an asset folder's `index.md`) without
//!   a leading date (`2024-01-02-post` → `post`, unless `paths_keep_dates`), slugified by
//!   `[slugify] paths`. `post.fr.md` is the `fr` translation of `post.md`. Sections
//!   (`section.rs`): `_index.md` publishes at its folder. `render = false` publishes nothing;
//!   `draft = true` is not built (without `--drafts`). `transparent` and `page_template` do not
//!   change URLs.
//! * **Aliases**: `aliases = ["old/url/", "old.html"]` write redirects at those paths.
//! * **Links** (`components/markdown/src/markdown.rs` `fix_link`): `@/path/to/file.md#anchor`
//!   names a content file (`components/utils/src/site.rs` `resolve_internal_link`), and Zola
//!   fails the build when it does not exist (`[link_checker] internal_level = "error"`, the
//!   default), or when its anchor does not exist; a relative link that does not start with `..`
//!   is a colocated asset (the page's URL is put in front); other links are left as they are.
//! * **Anchors** (`markdown.rs`): `{#id}` kept; generated ids are
//!   `slugify_anchors(text, [slugify] anchors)` (`components/utils/src/slugs.rs`: the `slug`
//!   crate for `on`, white space → `_` for `safe`/`off`), repeats `-1`, `-2`; footnotes are
//!   `fn-label`/`fr-label-1` with `bottom_footnotes`, else the label itself.

use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;

use super::anchors::{Style, ZolaSlugify};
use super::facts::{FieldValue, PageFacts};
use super::map::PageMap;
use super::urls;
use super::{
    Alias, Candidate, ContentDir, DateDialect, Generator, Kind, LangSource, Language, PageInfo,
    PageKind, PageUrl, RefFact, RefKind, Registration, Resolution, Role, Site, SiteError,
    StaticDir, Taxonomy, YamlReader, config_get,
};

pub const REGISTRATION: Registration = Registration {
    kind: Kind::Zola,
    detect,
    load,
};

const CONTENT: &str = "content";

#[derive(Debug)]
struct ZolaSite {
    default_lang: String,
    /// Other languages' codes.
    other_langs: Vec<String>,
    paths: ZolaSlugify,
    keep_dates: bool,
    ignored: Option<GlobSet>,
    /// URL prefixes of taxonomy pages (`/tags/`, `/fr/tags/`).
    taxonomy_prefixes: Vec<String>,
    feeds: Vec<String>,
    compile_sass: bool,
    build_drafts: bool,
}

/// A `config.toml` that is Zola's: `base_url` set, no Hugo `baseURL`.
pub fn is_zola_config(text: &str) -> bool {
    let Ok(v) = toml::from_str::<toml::Table>(text) else {
        return false;
    };
    v.get("base_url").is_some_and(toml::Value::is_str)
        && !v
            .keys()
            .any(|k| k != "base_url" && k.eq_ignore_ascii_case("baseurl"))
}

fn detect(dir: &Path) -> Option<PathBuf> {
    let zola = dir.join("zola.toml");
    if zola.is_file() {
        return Some(zola);
    }
    let config = dir.join("config.toml");
    let meta = std::fs::metadata(&config).ok()?;
    if !meta.is_file() || meta.len() > super::MAX_CONFIG_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(&config).ok()?;
    is_zola_config(&text).then_some(config)
}

fn slugify_mode(v: &Value, key: &str) -> ZolaSlugify {
    match config_get(v, &format!("slugify.{key}")).and_then(Value::as_str) {
        Some("safe") => ZolaSlugify::Safe,
        Some("off") => ZolaSlugify::Off,
        _ => ZolaSlugify::On,
    }
}

/// Taxonomy names of a `taxonomies = [{ name = … }]` array.
fn taxonomy_names(v: Option<&Value>) -> Vec<(String, bool)> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| {
                    let name = t.get("name")?.as_str()?.to_string();
                    let render = t.get("render").and_then(Value::as_bool).unwrap_or(true);
                    Some((name, render))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn load(root: &Path, config: &Path) -> Result<Site, SiteError> {
    let shown = config
        .strip_prefix(root)
        .unwrap_or(config)
        .to_string_lossy()
        .replace('\\', "/");
    let cfg = super::read_config(root, config)?;
    let base_url = cfg
        .get("base_url")
        .and_then(Value::as_str)
        .map(str::to_string);
    let default_lang = cfg
        .get("default_language")
        .and_then(Value::as_str)
        .unwrap_or("en")
        .to_string();
    let mut other_langs: Vec<String> = cfg
        .get("languages")
        .and_then(Value::as_object)
        .map(|m| m.keys().filter(|k| **k != default_lang).cloned().collect())
        .unwrap_or_default();
    other_langs.sort();
    let paths = slugify_mode(&cfg, "paths");
    let tax_mode = slugify_mode(&cfg, "taxonomies");
    let anchors = slugify_mode(&cfg, "anchors");
    let keep_dates = config_get(&cfg, "slugify.paths_keep_dates")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let bottom_footnotes = config_get(&cfg, "markdown.bottom_footnotes")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let ignored_globs: Vec<String> = cfg
        .get("ignored_content")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|g| g.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let ignored = (!ignored_globs.is_empty()).then(|| {
        let mut b = GlobSetBuilder::new();
        for g in &ignored_globs {
            if let Ok(glob) = Glob::new(g) {
                b.add(glob);
            }
        }
        b.build().unwrap_or_else(|_| GlobSet::empty())
    });
    let feeds: Vec<String> = match cfg.get("feed_filenames").and_then(Value::as_array) {
        Some(a) => a
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect(),
        None => vec![
            cfg.get("feed_filename")
                .and_then(Value::as_str)
                .unwrap_or("atom.xml")
                .to_string(),
        ],
    };
    let compile_sass = cfg
        .get("compile_sass")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let internal_level = config_get(&cfg, "link_checker.internal_level")
        .and_then(Value::as_str)
        .unwrap_or("error")
        .to_string();

    // Taxonomies: the default language's at the top level, each other language's in its table.
    let mut taxonomies: Vec<Taxonomy> = Vec::new();
    let mut prefixes = Vec::new();
    let mut per_lang = Vec::new();
    let mut langs_tax: Vec<(String, Vec<(String, bool)>)> =
        vec![(default_lang.clone(), taxonomy_names(cfg.get("taxonomies")))];
    for l in &other_langs {
        langs_tax.push((
            l.clone(),
            taxonomy_names(config_get(&cfg, &format!("languages.{l}.taxonomies"))),
        ));
    }
    // The default language may also be listed under `languages` (Zola 0.16+ reads it there).
    if let Some(t) = config_get(&cfg, &format!("languages.{default_lang}.taxonomies")) {
        langs_tax[0].1.extend(taxonomy_names(Some(t)));
    }
    for (lang, names) in &langs_tax {
        let lang_prefix = if *lang == default_lang {
            String::new()
        } else {
            format!("/{lang}")
        };
        for (name, render) in names {
            let prefix = format!("{lang_prefix}/{}/", slugify_paths(name, tax_mode));
            if !taxonomies.iter().any(|t| t.key == *name) {
                taxonomies.push(Taxonomy {
                    key: name.clone(),
                    url_prefix: render.then(|| prefix.clone()),
                });
            }
            prefixes.push(prefix);
        }
        per_lang.push(format!(
            "{lang}: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
    let build_drafts = false;
    let theme = cfg.get("theme").and_then(Value::as_str).map(str::to_string);

    let generator = ZolaSite {
        default_lang: default_lang.clone(),
        other_langs: other_langs.clone(),
        paths,
        keep_dates,
        ignored,
        taxonomy_prefixes: prefixes,
        feeds: feeds.clone(),
        compile_sass,
        build_drafts,
    };
    let mut site = Site::base(Kind::Zola, root, Some(config), Box::new(generator));
    site.content.push(ContentDir {
        dir: CONTENT.into(),
        lang: None,
        url_prefix: "/".into(),
        label: "content".into(),
    });
    site.statics.push(StaticDir {
        dir: "static".into(),
        url_prefix: "/".into(),
    });
    if let Some(t) = &theme {
        site.statics.push(StaticDir {
            dir: format!("themes/{t}/static"),
            url_prefix: "/".into(),
        });
    }
    if let Some(u) = &base_url {
        site.base_path = super::base_path_of(u);
    }
    if !other_langs.is_empty() {
        site.languages.push(Language {
            key: default_lang.clone(),
            url_prefix: "/".into(),
        });
        for l in &other_langs {
            site.languages.push(Language {
                key: l.clone(),
                url_prefix: format!("/{l}/"),
            });
        }
    }
    site.taxonomies = Some(taxonomies);
    site.headings = Style::Zola {
        mode: anchors,
        bottom_footnotes,
    };
    // serde_yaml (YAML 1.2) for `---` headers; TOML for `+++`.
    site.yaml = YamlReader::Yaml12;
    site.dates = DateDialect::Zola;
    // Zola builds pages dated in the future, has no expiry date, and skips drafts.
    site.build_future = true;
    site.build_expired = true;
    site.build_drafts = build_drafts;
    // `split_content`: "Couldn't find front matter … Did you forget to add `+++` or `---`?"
    site.front_matter_required = true;
    site.schema = Some("zola.json");

    site.note(
        "base_url",
        match &base_url {
            Some(u) => format!("{u} (base path {})", site.base_path),
            None => "not set (Zola requires it): base path `/`".into(),
        },
        shown.clone(),
    );
    site.note(
        "languages",
        if other_langs.is_empty() {
            format!("{default_lang} only")
        } else {
            format!(
                "{default_lang} (default, at /), {}",
                other_langs
                    .iter()
                    .map(|l| format!("{l} (at /{l}/)"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        if cfg.get("languages").is_some() || cfg.get("default_language").is_some() {
            shown.clone()
        } else {
            "assumed".into()
        },
    );
    site.note("taxonomies", per_lang.join("; "), shown.clone());
    site.note(
        "slugify",
        format!(
            "paths {}, taxonomies {}, anchors {}{}",
            mode_name(paths),
            mode_name(tax_mode),
            mode_name(anchors),
            if keep_dates {
                ", dates kept in paths"
            } else {
                ""
            }
        ),
        if cfg.get("slugify").is_some() {
            shown.clone()
        } else {
            "assumed".into()
        },
    );
    site.note(
        "link_checker",
        format!(
            "internal_level {internal_level}: a broken `@/` link or its anchor {} the build",
            if internal_level == "warn" {
                "warns in"
            } else {
                "fails"
            }
        ),
        if config_get(&cfg, "link_checker.internal_level").is_some() {
            shown.clone()
        } else {
            "assumed".into()
        },
    );
    site.note(
        "footnotes",
        if bottom_footnotes {
            "bottom_footnotes: ids `fn-<label>`, `fr-<label>-1`"
        } else {
            "ids are the labels"
        },
        shown.clone(),
    );
    site.note(
        "dates",
        "TOML dates, RFC 3339 or YYYY-MM-DD strings; no time zone setting (UTC); future pages are built",
        "assumed",
    );
    if !ignored_globs.is_empty() {
        site.note("ignored_content", ignored_globs.join(", "), shown.clone());
    }
    if let Some(t) = theme {
        site.note("theme", format!("themes/{t}/static/ served at /"), shown);
    }
    Ok(site)
}

fn mode_name(m: ZolaSlugify) -> &'static str {
    match m {
        ZolaSlugify::On => "on",
        ZolaSlugify::Safe => "safe",
        ZolaSlugify::Off => "off",
    }
}

/// The `slug` crate's `slugify` (what Zola's `slugify: on` calls): ASCII letters and digits
/// kept (lower-cased), other characters transliterated by deunicode (`日本` → `ri-ben`), every
/// other run of characters → one `-`, no `-` at either end.
pub fn slug_on(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_dash = true;
    let mut push = |b: u8, out: &mut String| match b {
        b'a'..=b'z' | b'0'..=b'9' => {
            prev_dash = false;
            out.push(b as char);
        }
        b'A'..=b'Z' => {
            prev_dash = false;
            out.push((b - b'A' + b'a') as char);
        }
        _ => {
            if !prev_dash {
                out.push('-');
                prev_dash = true;
            }
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c as u8, &mut out);
        } else {
            for &b in deunicode::deunicode_char(c).unwrap_or("-").as_bytes() {
                push(b, &mut out);
            }
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// components/utils/src/slugs.rs `slugify_paths`.
pub fn slugify_paths(s: &str, mode: ZolaSlugify) -> String {
    match mode {
        ZolaSlugify::On => slug_on(s),
        ZolaSlugify::Safe => {
            let trimmed = s.trim_end_matches([' ', '.']);
            trimmed
                .chars()
                .filter(|c| !r#"<>:"/\|?*"#.contains(*c))
                .collect()
        }
        ZolaSlugify::Off => s.to_string(),
    }
}

/// components/utils/src/slugs.rs `slugify_anchors`.
pub fn slug_anchor(s: &str, mode: ZolaSlugify) -> String {
    match mode {
        ZolaSlugify::On => slug_on(s),
        ZolaSlugify::Safe | ZolaSlugify::Off => s.replace(|c: char| c.is_ascii_whitespace(), "_"),
    }
}

/// page.rs `RFC3339_DATE`: a leading date (optionally with a time), then `_` or `-` (an
/// optional space before it) and the slug. Returns the slug.
fn slug_after_date(name: &str) -> Option<&str> {
    let b = name.as_bytes();
    let digits = |r: Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let (m, d) = (&name[5..7], &name[8..10]);
    let month = m.parse::<u8>().unwrap_or(0);
    let day = d.parse::<u8>().unwrap_or(0);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut i = 10;
    // `T12:00:00(.fff)?(Z|±hh:mm)`
    if b.get(i) == Some(&b'T') {
        let t = i + 1;
        if digits(t..t + 2)
            && b.get(t + 2) == Some(&b':')
            && digits(t + 3..t + 5)
            && b.get(t + 5) == Some(&b':')
            && digits(t + 6..t + 8)
        {
            let mut j = t + 8;
            if b.get(j) == Some(&b'.') {
                j += 1;
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
            }
            if b.get(j) == Some(&b'Z') {
                i = j + 1;
            } else if matches!(b.get(j), Some(b'+' | b'-'))
                && digits(j + 1..j + 3)
                && b.get(j + 3) == Some(&b':')
                && digits(j + 4..j + 6)
            {
                i = j + 6;
            }
        }
    }
    let mut rest = &name[i..];
    rest = rest.strip_prefix(' ').unwrap_or(rest);
    let slug = rest.strip_prefix(['_', '-'])?;
    (!slug.is_empty()).then_some(slug)
}

impl ZolaSite {
    /// The language of a file name stem (`post.fr` → `fr`), and the stem without it
    /// (file_info.rs `find_language`). An unknown code is returned as it is (Zola then fails).
    fn language<'a>(&self, name: &'a str) -> (Option<&'a str>, &'a str) {
        if self.other_langs.is_empty() {
            return (None, name);
        }
        match name.split_once('.') {
            Some((base, code)) if code == self.default_lang => (None, base),
            Some((base, code)) => (Some(code), base),
            None => (None, name),
        }
    }

    fn is_ignored(&self, inside: &str) -> bool {
        self.ignored
            .as_ref()
            .is_some_and(|g| g.is_match(inside) || g.is_match(urls::file_name(inside)))
    }

    /// The source folder whose files publish under `url`: the folder of the page or section at
    /// the longest URL prefix of `url`, when that page is an asset folder (`index.md`) or a
    /// section (`_index.md`); with the rest of the URL.
    fn asset_source(&self, map: &PageMap, url: &str) -> Option<String> {
        let path = urls::percent_decode(url);
        let mut prefix = path.trim_end_matches('/').to_string();
        while let Some(cut) = prefix.rfind('/') {
            prefix.truncate(cut);
            let at = if prefix.is_empty() {
                "/"
            } else {
                prefix.as_str()
            };
            for i in map.pages_at(at) {
                let rel = &map.pages[i].rel;
                let name = urls::file_name(rel);
                if name.starts_with("index.") || name.starts_with("_index.") {
                    let rest = &path[prefix.len()..];
                    return urls::join(urls::parent(rel), rest.trim_start_matches('/'));
                }
            }
        }
        None
    }
}

impl Generator for ZolaSite {
    fn page_keys(&self) -> &'static [&'static str] {
        &["slug", "path", "aliases", "draft", "render"]
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        match urls::strip_dir(rel, CONTENT) {
            Some(inside)
                if !inside.is_empty()
                    && inside.to_ascii_lowercase().ends_with(".md")
                    && !self.is_ignored(inside) =>
            {
                Role::Page
            }
            _ => Role::Ignored,
        }
    }

    fn page(&self, _site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        let inside = urls::strip_dir(rel, CONTENT).unwrap_or(rel);
        let file = urls::file_name(inside);
        let stem = urls::stem(file);
        let (lang, name) = self.language(stem);
        let mut components: Vec<&str> = urls::parent(inside)
            .split('/')
            .filter(|c| !c.is_empty())
            .collect();
        let lang_prefix = lang.map(|l| format!("/{l}")).unwrap_or_default();
        let draft = facts.bool("draft") == Some(true);
        let render = facts.bool("render") != Some(false);
        let section = name == "_index";
        let url = if section {
            // section.rs: folders as written, the language first.
            let path = components.join("/");
            if path.is_empty() {
                format!("{lang_prefix}/")
            } else {
                format!("{lang_prefix}/{path}/")
            }
        } else {
            let colocated = !components.is_empty() && name == "index";
            if colocated {
                components.pop();
            }
            let for_slug = if name == "index" {
                urls::file_name(urls::parent(inside))
            } else {
                name
            };
            let for_slug = if for_slug.is_empty() { name } else { for_slug };
            match facts.field("path").map(|f| (&f.value, f.span.clone())) {
                Some((FieldValue::Str(p), span)) if !p.trim().is_empty() => {
                    let p = p.trim();
                    let mut path = if p.starts_with('/') {
                        p.to_string()
                    } else {
                        format!("/{p}")
                    };
                    if !path.ends_with('/') {
                        path.push('/');
                    }
                    return self.info(
                        facts,
                        path,
                        Some(span),
                        lang,
                        name,
                        inside,
                        draft,
                        render,
                        false,
                    );
                }
                _ => {}
            }
            let (slug, set_by) = match facts.field("slug").map(|f| (&f.value, f.span.clone())) {
                Some((FieldValue::Str(s), span)) if !s.is_empty() => {
                    (slugify_paths(s, self.paths), Some(span))
                }
                _ => {
                    let dated = (!self.keep_dates)
                        .then(|| slug_after_date(for_slug))
                        .flatten();
                    (slugify_paths(dated.unwrap_or(for_slug), self.paths), None)
                }
            };
            let mut path = if components.is_empty() {
                if name == "index" && !colocated {
                    String::new()
                } else {
                    slug
                }
            } else {
                format!("{}/{slug}", components.join("/"))
            };
            if let Some(l) = lang {
                path = format!("{l}/{path}");
            }
            let mut url = format!("/{path}");
            if !url.ends_with('/') {
                url.push('/');
            }
            return self.info(facts, url, set_by, lang, name, inside, draft, render, false);
        };
        self.info(facts, url, None, lang, name, inside, draft, render, true)
    }

    fn refs(&self, text: &str, body: Range<usize>, code: &[Range<usize>], out: &mut Vec<RefFact>) {
        let Some(src) = text.get(body.clone()) else {
            return;
        };
        let mut from = 0;
        while let Some(i) = src[from..].find("@/") {
            let start = from + i;
            from = start + 2;
            let abs = body.start + start;
            if code.iter().any(|r| r.contains(&abs)) {
                continue;
            }
            // `](@/x.md)`, `<@/x.md>`, or a reference definition `[x]: @/x.md`.
            let before = src[..start].trim_end_matches([' ', '\t']);
            let opener = src[..start].chars().next_back();
            let angle = opener == Some('<');
            if !(opener == Some('(') || angle || before.ends_with("]:")) {
                continue;
            }
            let rest = &src[start..];
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || (angle && c == '>'))
                .unwrap_or(rest.len());
            let target = &rest[..end];
            if target.len() > 2 {
                out.push(RefFact {
                    kind: RefKind::ZolaAt,
                    target: target.to_string(),
                    span: abs..abs + end,
                });
            }
        }
    }

    fn resolve_ref(&self, site: &Site, map: &PageMap, _from: usize, r: &RefFact) -> Resolution {
        let path = r.target.strip_prefix("@/").unwrap_or(&r.target);
        let path = path.split('#').next().unwrap_or("");
        let path = urls::percent_decode(path);
        let rel = format!("{CONTENT}/{path}");
        match map.page_by_source(&rel) {
            // Zola's `permalinks` are keyed by the exact relative path, and hold only the
            // pages it builds (no drafts).
            Some(i)
                if map.pages[i].rel == rel
                    && map.pages[i].role == Role::Page
                    && (map.pages[i].info.published || site.build_drafts) =>
            {
                Resolution::Page(i)
            }
            _ => Resolution::Missing,
        }
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        if path.starts_with("@/") {
            // Checked as a reference (`link/broken-ref`), not as a link.
            return vec![Candidate::Url(format!("/{path}"))];
        }
        let page = &map.pages[from];
        let mut out = Vec::new();
        if path.starts_with('/') {
            let url = super::map::strip_base(site, path).to_string();
            if let Some(src) = self.asset_source(map, &url) {
                out.push(Candidate::Source(src));
            }
            out.push(Candidate::Url(url));
            return out;
        }
        // `is_colocated_asset_link`: not `/`, `..`, `#` or a scheme: the page's URL in front.
        for u in &page.info.urls {
            let url = super::map::relative_url(&u.url, path);
            if let Some(src) = self.asset_source(map, &url) {
                out.push(Candidate::Source(src));
            }
            out.push(Candidate::Url(url));
        }
        out
    }

    fn is_generated_url(&self, _site: &Site, url: &str) -> bool {
        let key = urls::url_key(url);
        if key.starts_with("/@/") {
            return true;
        }
        let name = urls::file_name(&key);
        if matches!(
            key.as_str(),
            "/sitemap.xml" | "/robots.txt" | "/404.html" | "/elasticlunr.min.js"
        ) || name.starts_with("search_index.")
            || self.feeds.iter().any(|f| f == name)
            || (self.compile_sass && name.ends_with(".css"))
        {
            return true;
        }
        if self
            .taxonomy_prefixes
            .iter()
            .any(|p| urls::is_under(&key, p.trim_end_matches('/')))
        {
            return true;
        }
        // Pagination: `<section>/page/<n>/` (`paginate_path` defaults to `page`).
        let parts: Vec<&str> = key.split('/').collect();
        parts
            .windows(2)
            .any(|w| w[0] == "page" && !w[1].is_empty() && w[1].bytes().all(|b| b.is_ascii_digit()))
    }
}

impl ZolaSite {
    #[allow(clippy::too_many_arguments)]
    fn info(
        &self,
        facts: &PageFacts,
        url: String,
        set_by: Option<Range<usize>>,
        lang: Option<&str>,
        name: &str,
        inside: &str,
        draft: bool,
        render: bool,
        section: bool,
    ) -> PageInfo {
        let aliases = facts
            .list("aliases")
            .into_iter()
            .filter(|a| !a.value.trim().is_empty())
            .map(|a| Alias {
                url: {
                    let t = a.value.trim();
                    if t.starts_with('/') {
                        t.to_string()
                    } else {
                        format!("/{t}")
                    }
                },
                span: a.span,
            })
            .collect();
        let multilingual = !self.other_langs.is_empty();
        let translation_key = multilingual.then(|| {
            let parent = urls::parent(inside);
            if parent.is_empty() {
                name.to_string()
            } else {
                format!("{parent}/{name}")
            }
        });
        PageInfo {
            urls: if render {
                vec![PageUrl { url, set_by }]
            } else {
                Vec::new()
            },
            aliases,
            lang: if multilingual {
                Some(lang.unwrap_or(&self.default_lang).to_string())
            } else {
                None
            },
            lang_source: if lang.is_some() {
                LangSource::Suffix
            } else {
                LangSource::Default
            },
            translation_key,
            published: !draft || self.build_drafts,
            kind: if section {
                PageKind::Section
            } else {
                PageKind::Page
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// components/utils/src/slugs.rs `can_slugify_paths` / `can_slugify_anchors`.
    #[test]
    fn zola_slugs() {
        let cases = [
            ("input", ("input", "input", "input")),
            ("test ", ("test", "test", "test ")),
            ("tes t", ("tes-t", "tes t", "tes t")),
            ("dot. ", ("dot", "dot", "dot. ")),
            ("日本", ("ri-ben", "日本", "日本")),
            ("héhé", ("hehe", "héhé", "héhé")),
            ("test (hey)", ("test-hey", "test (hey)", "test (hey)")),
        ];
        for (input, (on, safe, off)) in cases {
            assert_eq!(slugify_paths(input, ZolaSlugify::On), on);
            assert_eq!(slugify_paths(input, ZolaSlugify::Safe), safe);
            assert_eq!(slugify_paths(input, ZolaSlugify::Off), off);
        }
        let anchors = [
            ("test ", ("test", "test_", "test_")),
            ("dot. ", ("dot", "dot._", "dot._")),
            ("test (hey)", ("test-hey", "test_(hey)", "test_(hey)")),
        ];
        for (input, (on, safe, off)) in anchors {
            assert_eq!(slug_anchor(input, ZolaSlugify::On), on);
            assert_eq!(slug_anchor(input, ZolaSlugify::Safe), safe);
            assert_eq!(slug_anchor(input, ZolaSlugify::Off), off);
        }
    }

    #[test]
    fn dated_file_names() {
        assert_eq!(slug_after_date("2018-10-10-hello"), Some("hello"));
        assert_eq!(slug_after_date("2018-10-10_hello"), Some("hello"));
        assert_eq!(slug_after_date("2018-10-10 -hello"), Some("hello"));
        assert_eq!(slug_after_date("2018-10-10T12:00:00Z-hello"), Some("hello"));
        assert_eq!(
            slug_after_date("2018-10-10T12:00:00+02:00_你好"),
            Some("你好")
        );
        assert_eq!(slug_after_date("2018-10-10"), None);
        assert_eq!(slug_after_date("2018-13-10-x"), None);
        assert_eq!(slug_after_date("hello"), None);
    }

    #[test]
    fn zola_configs_are_told_from_hugo_configs() {
        assert!(is_zola_config("base_url = \"https://example.org\"\n"));
        assert!(!is_zola_config("baseURL = \"https://example.org\"\n"));
        assert!(!is_zola_config(
            "base_url = \"https://example.org\"\nbaseurl = \"x\"\n"
        ));
        assert!(!is_zola_config("title = \"x\"\n"));
        assert!(!is_zola_config("not toml ["));
    }
}
