//! Reading a Hugo project into the site model: what `frontlint site` shows.

#[allow(unused_imports)]
use super::*;

pub(super) fn load(root: &Path, found: &Path) -> Result<Site, SiteError> {
    let loaded = config::load(root)?;
    let cfg = &loaded.value;
    let recognised = found
        .strip_prefix(root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let shown_config = loaded.files.first().cloned();
    let config_path = shown_config
        .as_ref()
        .map_or_else(|| found.to_path_buf(), |f| root.join(f));
    let mut site = Site::base(Kind::Hugo, root, Some(&config_path), Box::new(Placeholder));
    site.note(
        "generator",
        format!("Hugo, recognised by {recognised}"),
        recognised.clone(),
    );
    if !loaded.files.is_empty() {
        site.note(
            "config",
            format!(
                "merged in this order (later wins): {}",
                loaded.files.join(", ")
            ),
            "assumed",
        );
    }
    let src = |key: &str| -> String { shown_config.clone().unwrap_or_else(|| key.to_string()) };
    let source_of = |_key: &str| src("config");

    // Languages.
    let default_lang = config_str(cfg, "defaultcontentlanguage")
        .map(paths::lower)
        .unwrap_or_else(|| "en".into());
    let in_subdir = config_bool(cfg, "defaultcontentlanguageinsubdir").unwrap_or(false);
    let mut langs: Vec<(String, i64, Option<String>)> = Vec::new();
    if let Some(Value::Object(m)) = config_get(cfg, "languages") {
        for (k, v) in m {
            if config_bool(v, "disabled") == Some(true) {
                continue;
            }
            let weight = config_get(v, "weight").and_then(Value::as_i64).unwrap_or(0);
            let dir = config_str(v, "contentdir").map(|d| d.trim_matches('/').to_string());
            langs.push((paths::lower(k), weight, dir));
        }
    }
    let configured_langs = !langs.is_empty();
    if !langs.iter().any(|l| l.0 == default_lang) {
        langs.push((default_lang.clone(), i64::MIN, None));
    }
    // Default first, then by weight (0 = last, as Hugo sorts), then by key.
    langs.sort_by(|a, b| {
        (a.0 != default_lang)
            .cmp(&(b.0 != default_lang))
            .then((a.1 == 0).cmp(&(b.1 == 0)))
            .then(a.1.cmp(&b.1))
            .then(a.0.cmp(&b.0))
    });
    let multilingual = langs.len() > 1;
    let langs_out: Vec<Lang> = langs
        .iter()
        .map(|(k, _, _)| Lang {
            key: k.clone(),
            prefix: if *k == default_lang && !in_subdir {
                String::new()
            } else {
                format!("/{k}")
            },
        })
        .collect();
    if configured_langs || config_get(cfg, "defaultcontentlanguage").is_some() {
        site.languages = langs_out
            .iter()
            .map(|l| Language {
                key: l.key.clone(),
                url_prefix: urls::prefix(&l.prefix),
            })
            .collect();
        site.note(
            "languages",
            format!(
                "{} (default `{default_lang}`{})",
                langs_out
                    .iter()
                    .map(|l| l.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if in_subdir {
                    ", in its own subfolder"
                } else {
                    " at the root"
                }
            ),
            source_of("languages"),
        );
    } else {
        site.note(
            "languages",
            "one: `en`, Hugo's default (no `defaultContentLanguage`, no `languages`)",
            "assumed",
        );
    }

    // Content and static folders: module mounts, else `contentDir`/`staticDir`, else the
    // defaults; languages' own `contentDir`.
    let mut sources: Vec<Source> = Vec::new();
    let mut statics: Vec<String> = Vec::new();
    let mut assets: Vec<String> = Vec::new();
    let mounts = config_get(cfg, "module.mounts").and_then(Value::as_array);
    let mut mounted_content = false;
    let mut mounted_static = false;
    let mut mounted_assets = false;
    for m in mounts.into_iter().flatten() {
        let (Some(source), Some(target)) = (config_str(m, "source"), config_str(m, "target"))
        else {
            continue;
        };
        let source = source.trim_matches('/').to_string();
        let target = target.trim_matches('/');
        let lang = config_str(m, "lang")
            .or_else(|| {
                config_get(m, "sites.matrix.languages")
                    .and_then(Value::as_array)
                    .filter(|a| a.len() == 1)
                    .and_then(|a| a[0].as_str())
            })
            .map(paths::lower);
        let (component, sub) = target.split_once('/').unwrap_or((target, ""));
        match component {
            "content" => {
                mounted_content = true;
                if sub.is_empty() {
                    sources.push(Source { dir: source, lang });
                } else {
                    site.note(
                        "module mounts",
                        format!("`{source}` is mounted at `{target}`: frontlint reads it as content at the root"),
                        "assumed",
                    );
                    sources.push(Source { dir: source, lang });
                }
            }
            "static" => {
                mounted_static = true;
                if sub.is_empty() {
                    statics.push(source);
                }
            }
            "assets" => {
                mounted_assets = true;
                if sub.is_empty() {
                    assets.push(source);
                }
            }
            _ => {}
        }
    }
    if mounts.is_some_and(|m| !m.is_empty()) {
        site.note(
            "module mounts",
            format!(
                "content from {}",
                sources
                    .iter()
                    .map(|s| match &s.lang {
                        Some(l) => format!("`{}` ({l})", s.dir),
                        None => format!("`{}`", s.dir),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            source_of("module.mounts"),
        );
    }
    if !mounted_content {
        let dir = config_str(cfg, "contentdir")
            .map(|d| d.trim_matches('/').to_string())
            .unwrap_or_else(|| "content".into());
        for (k, _, d) in &langs {
            if let Some(d) = d {
                sources.push(Source {
                    dir: d.clone(),
                    lang: Some(k.clone()),
                });
            }
        }
        if !sources.iter().any(|s| s.dir == dir) {
            sources.push(Source { dir, lang: None });
        }
    }
    if !mounted_static {
        match config_get(cfg, "staticdir") {
            Some(Value::String(s)) => statics.push(s.trim_matches('/').to_string()),
            Some(Value::Array(a)) => statics.extend(
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|s| s.trim_matches('/').to_string()),
            ),
            _ => statics.push("static".into()),
        }
        for n in 0..=10 {
            if let Some(s) = config_str(cfg, &format!("staticdir{n}")) {
                statics.push(s.trim_matches('/').to_string());
            }
        }
    }
    if !mounted_assets {
        assets.push(
            config_str(cfg, "assetdir")
                .map(|d| d.trim_matches('/').to_string())
                .unwrap_or_else(|| "assets".into()),
        );
    }
    // Themes: their `static/` is served, their `content/` read, their layouts may hold hooks.
    let themes: Vec<String> = match config_get(cfg, "theme") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    let themes_dir = config_str(cfg, "themesdir")
        .map(|d| d.trim_matches('/').to_string())
        .unwrap_or_else(|| "themes".into());
    for t in &themes {
        let base = format!("{themes_dir}/{t}");
        if root.join(&base).is_dir() {
            statics.push(format!("{base}/static"));
            assets.push(format!("{base}/assets"));
            if root.join(format!("{base}/content")).is_dir() {
                sources.push(Source {
                    dir: format!("{base}/content"),
                    lang: None,
                });
            }
            site.note(
                "theme",
                format!("`{t}`: its `static/` is served, its `exampleSite/` is not content"),
                source_of("theme"),
            );
        } else {
            site.note(
                "theme",
                format!(
                    "`{t}` is not in `{themes_dir}/` (a Hugo module?): its files are not known"
                ),
                "assumed",
            );
        }
    }
    if config_get(cfg, "module.imports").is_some() {
        site.note(
            "module imports",
            "Hugo modules are not fetched: content, static files and layouts they bring are not known",
            "assumed",
        );
    }
    statics.dedup();
    sources.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));
    sources.dedup_by(|a, b| a.dir == b.dir);
    let lang_prefix = |lang: &Option<String>| -> String {
        let key = lang.as_deref().unwrap_or(&default_lang);
        langs_out
            .iter()
            .find(|l| l.key == key)
            .map_or_else(|| "/".into(), |l| urls::prefix(&l.prefix))
    };
    for s in &sources {
        site.content.push(ContentDir {
            dir: s.dir.clone(),
            lang: s.lang.clone(),
            url_prefix: lang_prefix(&s.lang),
            label: "content".into(),
        });
    }
    for s in &statics {
        site.statics.push(StaticDir {
            dir: s.clone(),
            url_prefix: "/".into(),
        });
    }

    // Base URL, time zone, builds.
    if let Some(b) = config_str(cfg, "baseurl") {
        site.base_path = crate::site::base_path_of(b);
        site.note("base URL", b, source_of("baseURL"));
    }
    let mut tz = jiff::tz::TimeZone::UTC;
    if let Some(name) = config_str(cfg, "timezone") {
        match jiff::tz::TimeZone::get(name) {
            Ok(zone) => {
                tz = zone.clone();
                site.timezone = Some((name.to_string(), zone));
                site.note("time zone", name, source_of("timeZone"));
            }
            Err(_) => site.note(
                "time zone",
                format!("`{name}` is not a time zone frontlint knows; dates without an offset are read in UTC"),
                "assumed",
            ),
        }
    } else {
        site.note(
            "time zone",
            "UTC: no `timeZone` (Hugo reads dates without an offset in UTC)",
            "assumed",
        );
    }
    site.build_future = config_bool(cfg, "buildfuture").unwrap_or(false);
    site.build_expired = config_bool(cfg, "buildexpired").unwrap_or(false);
    site.build_drafts = config_bool(cfg, "builddrafts").unwrap_or(false);

    // Taxonomies (`[taxonomies] singular = "plural"`; default tag/category; `disableKinds`).
    let disabled: Vec<String> = config_get(cfg, "disablekinds")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|s| s.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let taxonomies: Vec<String> = match config_get(cfg, "taxonomies") {
        Some(Value::Object(m)) => m
            .values()
            .filter_map(Value::as_str)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        _ => vec!["tags".into(), "categories".into()],
    };
    let term_pages = !disabled.iter().any(|d| d == "term" || d == "taxonomyterm");
    site.taxonomies = Some(
        taxonomies
            .iter()
            .map(|t| Taxonomy {
                key: t.clone(),
                url_prefix: term_pages.then(|| urls::prefix(&paths::urlize(t, true))),
            })
            .collect(),
    );
    site.note(
        "taxonomies",
        if config_get(cfg, "taxonomies").is_some() {
            taxonomies.join(", ")
        } else {
            "tags, categories (Hugo's default)".into()
        },
        if config_get(cfg, "taxonomies").is_some() {
            source_of("taxonomies")
        } else {
            "assumed".into()
        },
    );
    // Proven with Hugo 0.168 (fixtures/sites/hugo-taxonomy): `tags: "a b"` is one term.
    site.taxonomy_string = TaxonomyString::Single;

    // URLs.
    let lower = !config_bool(cfg, "disablepathtolower").unwrap_or(false);
    let (ugly_all, ugly_sections) = match config_get(cfg, "uglyurls") {
        Some(Value::Bool(b)) => (*b, HashMap::new()),
        Some(Value::Object(m)) => (
            false,
            m.iter()
                .filter_map(|(k, v)| v.as_bool().map(|b| (paths::lower(k), b)))
                .collect(),
        ),
        _ => (false, HashMap::new()),
    };
    let mut permalinks = Vec::new();
    read_permalinks(config_get(cfg, "permalinks"), &mut permalinks, &mut site);
    if !permalinks.is_empty() {
        site.note(
            "permalinks",
            permalinks
                .iter()
                .map(|p| {
                    let target = p.glob.as_ref().map_or_else(
                        || {
                            format!(
                                "{} `{}`",
                                p.kind,
                                if p.section.is_empty() {
                                    "/"
                                } else {
                                    &p.section
                                }
                            )
                        },
                        |g| format!("{} `{}`", p.kind, g.glob()),
                    );
                    format!("{target} → `{}`", p.pattern)
                })
                .collect::<Vec<_>>()
                .join(", "),
            source_of("permalinks"),
        );
    }
    if ugly_all || !ugly_sections.is_empty() {
        site.note(
            "uglyURLs",
            "pages publish at `name.html`",
            source_of("uglyURLs"),
        );
    }
    if !lower {
        site.note(
            "disablePathToLower",
            "URLs keep the case of file names",
            source_of("disablePathToLower"),
        );
    }

    // Dates (`[frontmatter]`).
    let date_list = |key: &str, default: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        match config_get(cfg, &format!("frontmatter.{key}")) {
            Some(Value::Array(a)) => {
                for v in a.iter().filter_map(Value::as_str) {
                    if v.eq_ignore_ascii_case(":default") {
                        out.extend(default.iter().map(|s| s.to_string()));
                    } else {
                        out.push(v.to_ascii_lowercase());
                    }
                }
            }
            Some(Value::String(v)) => out.push(v.to_ascii_lowercase()),
            _ => out.extend(default.iter().map(|s| s.to_string())),
        }
        out
    };
    let dates = DateKeys {
        date: date_list(
            "date",
            &[
                "date",
                "publishdate",
                "pubdate",
                "published",
                "lastmod",
                "modified",
            ],
        ),
        publish: date_list(
            "publishdate",
            &["publishdate", "pubdate", "published", "date"],
        ),
        expiry: date_list("expirydate", &["expirydate", "unpublishdate"]),
    };
    if config_get(cfg, "frontmatter").is_some() {
        site.note(
            "front-matter dates",
            format!(
                "date from {}; publish date from {}; expiry date from {}",
                dates.date.join(", "),
                dates.publish.join(", "),
                dates.expiry.join(", ")
            ),
            source_of("frontmatter"),
        );
    }

    // Markup: heading ids, attributes, the link render hook.
    let id_type = config_str(cfg, "markup.goldmark.parser.autoheadingidtype").unwrap_or("github");
    site.headings = match id_type.to_ascii_lowercase().as_str() {
        "github-ascii" => crate::site::anchors::Style::GithubAscii,
        "blackfriday" => crate::site::anchors::Style::Blackfriday,
        _ => crate::site::anchors::Style::Github,
    };
    site.note(
        "heading ids",
        format!("Goldmark `{}`", site.headings.name()),
        if config_get(cfg, "markup.goldmark.parser.autoheadingidtype").is_some() {
            source_of("markup")
        } else {
            "assumed".into()
        },
    );
    if config_bool(cfg, "markup.goldmark.parser.autoheadingid") == Some(false) {
        site.note(
            "heading ids",
            "`autoHeadingID = false`: Hugo gives headings no ids, frontlint still checks against the generated ones",
            "assumed",
        );
    }
    if config_bool(cfg, "markup.goldmark.parser.attribute.title") == Some(false) {
        site.note(
            "heading ids",
            "`attribute.title = false`: Hugo does not read `{#id}` after a heading; frontlint still takes it for the id",
            "assumed",
        );
    }
    let attribute_block =
        config_bool(cfg, "markup.goldmark.parser.attribute.block").unwrap_or(false);
    let use_embedded = config_str(cfg, "markup.goldmark.renderhooks.link.useembedded")
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            config_bool(cfg, "markup.goldmark.renderhooks.link.enabledefault")
                .map(|b| if b { "fallback".into() } else { "never".into() })
        })
        .unwrap_or_else(|| "auto".into());
    let multihost = config_get(cfg, "languages")
        .and_then(Value::as_object)
        .is_some_and(|m| m.values().any(|v| config_get(v, "baseurl").is_some()));
    let duplicate_resources =
        config_bool(cfg, "markup.goldmark.duplicateresourcefiles").unwrap_or(false);
    let custom = hook::find(
        root,
        &themes.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
    )
    .map(|(file, text)| hook::read(&file, &text));
    let embedded_auto = multilingual && !multihost && !duplicate_resources;
    let hook = match (use_embedded.as_str(), custom) {
        ("always", _) => Some(hook::LinkHook::embedded()),
        (_, Some(h)) => Some(h),
        ("fallback", None) => Some(hook::LinkHook::embedded()),
        ("auto", None) if embedded_auto => Some(hook::LinkHook::embedded()),
        _ => None,
    };
    site.note(
        "links",
        match &hook {
            None => "no link render hook: Hugo writes a Markdown link's destination as is, the browser resolves it against the page's URL (a link to `other.md` is not rewritten)".to_string(),
            Some(h) => {
                let mut what = Vec::new();
                if h.get_page {
                    what.push("pages by content path (GetPage)");
                }
                if h.page_resources {
                    what.push("page resources");
                }
                if h.section_resources {
                    what.push("section resources");
                }
                if h.global_resources {
                    what.push("global resources in assets/");
                }
                let mut s = format!(
                    "the link render hook {} resolves {}",
                    h.file.as_deref().map_or_else(|| "embedded in Hugo".to_string(), |f| format!("`{f}`")),
                    if what.is_empty() { "nothing frontlint can read".to_string() } else { what.join(", ") }
                );
                if !h.special.is_empty() || !h.special_prefixes.is_empty() {
                    s.push_str(&format!(
                        "; it handles the destinations {} itself (not checked)",
                        h.special
                            .iter()
                            .map(|d| format!("`{d}`"))
                            .chain(h.special_prefixes.iter().map(|d| format!("`{d}…`")))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                s
            }
        },
        match &hook {
            Some(h) => h.file.clone().unwrap_or_else(|| "assumed".into()),
            None => "assumed".into(),
        },
    );
    let shortcodes = hook::shortcodes(root, &themes);
    if !shortcodes.is_empty() {
        let mut names: Vec<String> = shortcodes
            .iter()
            .map(|(n, k)| match k {
                hook::Include::Page(_) => format!("`{n}` (a page: its ids count)"),
                hook::Include::Opaque => format!("`{n}` (other content: ids unknown)"),
            })
            .collect();
        names.sort();
        site.note(
            "shortcodes",
            format!("these render other content: {}", names.join(", ")),
            "layouts",
        );
    }
    if let Some(level) = config_str(cfg, "reflinkserrorlevel") {
        site.note(
            "refLinksErrorLevel",
            format!(
                "`{level}`: a `ref` that finds no page {}",
                if level.eq_ignore_ascii_case("warning") {
                    "is a warning"
                } else {
                    "fails the build"
                }
            ),
            source_of("refLinksErrorLevel"),
        );
    }

    // Output formats with their own files (`_redirects`, `algolia.json`).
    let mut outputs = Vec::new();
    if let Some(Value::Object(m)) = config_get(cfg, "outputformats") {
        for (name, v) in m {
            outputs.push(
                config_str(v, "basename")
                    .map(String::from)
                    .unwrap_or_else(|| name.clone()),
            );
        }
    }

    // YAML: which library reads front matter.
    let mut pins = config::pinned_version(root);
    let min = config_str(cfg, "module.hugoversion.min").and_then(config::Version::parse);
    let max = config_str(cfg, "module.hugoversion.max").and_then(config::Version::parse);
    site.yaml = YamlReader::Unknown;
    if !pins.is_empty() {
        pins.sort();
        let all12 = pins.iter().all(|(v, _)| *v >= YAML12_SINCE);
        let all11 = pins.iter().all(|(v, _)| *v < YAML12_SINCE);
        let shown = pins
            .iter()
            .map(|(v, f)| format!("{v} ({f})"))
            .collect::<Vec<_>>()
            .join(", ");
        site.yaml = if all12 {
            YamlReader::Yaml12
        } else if all11 {
            YamlReader::Yaml11
        } else {
            YamlReader::Unknown
        };
        site.note(
            "yaml",
            format!("Hugo {shown}: {}", yaml_words(site.yaml)),
            pins[0].1.clone(),
        );
    } else if min.is_some_and(|m| m >= YAML12_SINCE) {
        site.yaml = YamlReader::Yaml12;
        site.note(
            "yaml",
            format!(
                "`module.hugoVersion.min` is {}: {}",
                min.unwrap_or(YAML12_SINCE),
                yaml_words(site.yaml)
            ),
            source_of("module"),
        );
    } else if max.is_some_and(|m| m < YAML12_SINCE) {
        site.yaml = YamlReader::Yaml11;
        site.note(
            "yaml",
            format!(
                "`module.hugoVersion.max` is below {YAML12_SINCE}: {}",
                yaml_words(site.yaml)
            ),
            source_of("module"),
        );
    } else {
        site.note(
            "yaml",
            "no Hugo version pinned (netlify.toml, GitHub Actions, module.hugoVersion): Hugo before 0.152 reads YAML 1.1, later 1.2",
            "assumed",
        );
    }
    site.dates = crate::site::DateDialect::Hugo;
    site.schema = Some("hugo.json");
    // Hugo builds a page without front matter, with an empty title (proven with Hugo 0.168,
    // fixtures/sites/hugo-missing): a page needs front matter; page resources and other files
    // Hugo does not render as pages do not.
    site.front_matter_required = true;

    let mut keys: Vec<String> = BASE_KEYS.iter().map(|s| s.to_string()).collect();
    keys.extend(taxonomies.iter().map(|t| t.to_lowercase()));
    keys.extend(dates.date.iter().cloned());
    keys.extend(dates.publish.iter().cloned());
    keys.extend(dates.expiry.iter().cloned());
    keys.retain(|k| !k.starts_with(':'));
    let keys = intern_keys(keys);

    let now = std::env::var("FRONTLINT_NOW")
        .ok()
        .and_then(|s| crate::dates::parse_now(&s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    site.generator = Box::new(HugoSite {
        sources,
        langs: langs_out,
        multilingual,
        lower,
        ugly_all,
        ugly_sections,
        permalinks,
        taxonomies,
        dates,
        hook,
        shortcodes,
        attribute_block,
        assets,
        outputs,
        yaml11: site.yaml == YamlReader::Yaml11,
        keys,
        listings: Mutex::new(HashMap::new()),
        top_dirs: Mutex::new(HashSet::new()),
        headless: Mutex::new(HashMap::new()),
        own_renders: Mutex::new(HashMap::new()),
        root: root.to_path_buf(),
        now,
        tz,
    });
    Ok(site)
}

pub(super) fn yaml_words(y: YamlReader) -> &'static str {
    match y {
        YamlReader::Yaml12 => "front matter is YAML 1.2 (`yes` is a string)",
        YamlReader::Yaml11 => "front matter is YAML 1.1 (`yes` is true)",
        YamlReader::Unknown => "the pinned versions disagree about YAML 1.1 and 1.2",
    }
}

/// A stand-in generator while the config is read.
#[derive(Debug)]
pub(super) struct Placeholder;

impl Generator for Placeholder {
    fn page_keys(&self) -> &'static [&'static str] {
        &[]
    }
    fn role(&self, _site: &Site, _rel: &str) -> Role {
        Role::Ignored
    }
    fn page(&self, _site: &Site, _rel: &str, _facts: &PageFacts) -> PageInfo {
        PageInfo::default()
    }
}

/// Front-matter keys Hugo's page map reads.
pub(super) const BASE_KEYS: [&str; 28] = [
    "slug",
    "url",
    "aliases",
    "draft",
    "title",
    "headless",
    "translationkey",
    "build.render",
    "build.list",
    "_build.render",
    "_build.list",
    "cascade.build.render",
    "cascade.build.list",
    "cascade._build.render",
    "cascade._build.list",
    "cascade.target.path",
    "cascade.target.kind",
    "cascade._target.path",
    "cascade._target.kind",
    "cascade.draft",
    "date",
    "publishdate",
    "pubdate",
    "published",
    "expirydate",
    "unpublishdate",
    "lastmod",
    "modified",
];

/// `page_keys` must be `'static`: each distinct key set is leaked once per process.
pub(super) fn intern_keys(mut keys: Vec<String>) -> &'static [&'static str] {
    pub(super) static INTERNED: Mutex<Vec<(Vec<String>, &'static [&'static str])>> =
        Mutex::new(Vec::new());
    let mut seen = HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    let mut guard = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, v)) = guard.iter().find(|(k, _)| *k == keys) {
        return v;
    }
    let leaked: Vec<&'static str> = keys
        .iter()
        .map(|k| &*Box::leak(k.clone().into_boxed_str()))
        .collect();
    let slice: &'static [&'static str] = Box::leak(leaked.into_boxed_slice());
    guard.push((keys, slice));
    slice
}

/// `[permalinks]`: `section = "pattern"` (pages and terms), `[permalinks.kind]` tables, or the
/// list form `[{target = {kind, path}, pattern}]` (`resources/page/permalinks.go`).
pub(super) fn read_permalinks(v: Option<&Value>, out: &mut Vec<Permalink>, site: &mut Site) {
    let mut push = |kind: &'static str,
                    section: &str,
                    glob: Option<globset::GlobMatcher>,
                    pattern: &str,
                    site: &mut Site| {
        if let Err(paths::UnknownToken(t)) = paths::check_pattern(pattern) {
            site.note(
                "permalinks",
                format!("`{pattern}` has the token `:{t}`, which Hugo rejects: pages it would apply to keep their default URLs"),
                "assumed",
            );
            return;
        }
        out.push(Permalink {
            kind,
            section: section.trim_matches([' ', '/']).to_lowercase(),
            glob,
            pattern: pattern.to_string(),
        });
    };
    let kind_of = |k: &str| -> Option<&'static str> {
        ["page", "section", "term", "taxonomy", "home"]
            .into_iter()
            .find(|x| x.eq_ignore_ascii_case(k))
    };
    match v {
        Some(Value::Object(m)) => {
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in entries {
                match v {
                    Value::String(p) => {
                        push("page", k, None, p, site);
                        push("term", k, None, p, site);
                    }
                    Value::Object(inner) => {
                        let Some(kind) = kind_of(k) else { continue };
                        let mut inner: Vec<(&String, &Value)> = inner.iter().collect();
                        inner.sort_by(|a, b| a.0.cmp(b.0));
                        for (section, p) in inner {
                            if let Some(p) = p.as_str() {
                                push(kind, section, None, p, site);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Some(Value::Array(a)) => {
            for item in a {
                let Some(pattern) = config_str(item, "pattern") else {
                    continue;
                };
                let kind = config_str(item, "target.kind")
                    .and_then(kind_of)
                    .unwrap_or("page");
                let glob = config_str(item, "target.path").and_then(|g| {
                    globset::GlobBuilder::new(&g.to_lowercase())
                        .literal_separator(true)
                        .build()
                        .ok()
                        .map(|g| g.compile_matcher())
                });
                push(kind, "", glob, pattern, site);
            }
        }
        _ => {}
    }
}
