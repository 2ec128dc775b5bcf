//! Reading `astro.config.*`, the Starlight integration's options, `src/content.config.*`,
//! `package.json` and the routes of `src/pages`: the model made from them.

use std::path::{Path, PathBuf};

use super::{AstroSite, Collection, Format, Seg, TrailingSlash, segment};
use crate::site::anchors::Style;
use crate::site::jslit::{Js, Reader};
use crate::site::urls;
use crate::site::{
    ContentDir, DateDialect, FolderSchema, Kind, Language, Site, SiteError, StaticDir, YamlReader,
};

pub(super) fn load(root: &Path, config: &Path) -> Result<Site, SiteError> {
    let root = &normalized(root);
    let config = &normalized(config);
    let shown = config.file_name().map_or_else(
        || config.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let src = |key: &str| format!("{shown} `{key}`");
    let mut notes: Vec<(String, String, String)> = Vec::new();
    let mut reader = Reader::new(root);
    let cfg = reader
        .default_export(config)
        .and_then(|v| v.object().cloned())
        .unwrap_or(Js::Unknown);
    if matches!(cfg, Js::Unknown) {
        notes.push((
            "config".into(),
            "not read (no plain `export default defineConfig({…})` object): Astro's defaults assumed".into(),
            "assumed".into(),
        ));
    }
    let imports = reader.imports(config);
    let package = read_package(root);
    // Starlight: the config imports it (or the project depends on it when the config cannot
    // be read).
    let starlight_name = imports
        .iter()
        .find(|(_, (spec, imported))| spec == "@astrojs/starlight" && imported == "default")
        .map(|(local, _)| local.clone());
    let uses_starlight = starlight_name.is_some()
        || (matches!(cfg, Js::Unknown) && package_depends(&package, "@astrojs/starlight"));
    let starlight_opts = starlight_name
        .as_ref()
        .and_then(|name| match cfg.get("integrations") {
            Some(Js::Array(items)) => items.iter().find_map(|i| match i {
                Js::Call(callee, args) if callee == name => {
                    Some(args.first().cloned().unwrap_or(Js::Unknown))
                }
                _ => None,
            }),
            _ => None,
        });

    let base = cfg.get("base").and_then(Js::as_str).map(urls::prefix);
    let trailing_slash = match cfg.get("trailingSlash").and_then(Js::as_str) {
        Some("always") => TrailingSlash::Always,
        Some("never") => TrailingSlash::Never,
        _ => TrailingSlash::Ignore,
    };
    notes.push((
        "trailingSlash".into(),
        format!("{trailing_slash:?}").to_lowercase(),
        if cfg.get("trailingSlash").is_some() {
            src("trailingSlash")
        } else {
            "assumed (Astro's default)".into()
        },
    ));
    let format = match cfg
        .get("build")
        .and_then(|b| b.get("format"))
        .and_then(Js::as_str)
    {
        Some("file") => Format::File,
        _ => Format::Directory,
    };
    let src_dir = cfg
        .get("srcDir")
        .and_then(Js::as_str)
        .and_then(|s| urls::normalize(s.trim_start_matches("./")))
        .unwrap_or_else(|| "src".into());
    let public_dir = cfg
        .get("publicDir")
        .and_then(Js::as_str)
        .and_then(|s| urls::normalize(s.trim_start_matches("./")))
        .unwrap_or_else(|| "public".into());
    let docs_dir = format!("{src_dir}/content/docs");
    let pages_dir = format!("{src_dir}/pages");

    // Astro's major version decides the heading ids (a trailing `-` dropped up to Astro 5).
    let major = package_version(&package, "astro");
    let compat = cfg
        .get("experimental")
        .and_then(|e| e.get("headingIdCompat"))
        .and_then(Js::as_bool)
        == Some(true);
    let strip_trailing_dash = major.is_some_and(|m| m <= 5) && !compat;
    match major {
        Some(m) => notes.push((
            "astro".into(),
            format!(
                "version {m}: heading ids {}",
                if strip_trailing_dash {
                    "drop a trailing `-`"
                } else {
                    "keep a trailing `-`"
                }
            ),
            "package.json".into(),
        )),
        None => notes.push((
            "astro".into(),
            "version not known: heading ids with and without a trailing `-` are both accepted"
                .into(),
            "assumed".into(),
        )),
    }

    // Starlight's locales.
    let mut languages: Vec<Language> = Vec::new();
    if uses_starlight {
        let opts = starlight_opts.clone().unwrap_or(Js::Unknown);
        match opts.get("locales") {
            Some(l @ Js::Object(props)) if l.is_literal() => {
                let default = opts.get("defaultLocale").and_then(Js::as_str);
                let root_lang = l.get("root").and_then(|r| r.get("lang")).and_then(Js::as_str);
                let mut keys: Vec<String> = Vec::new();
                for (key, value) in props {
                    if keys.contains(key) {
                        continue;
                    }
                    let _ = value;
                    keys.push(key.clone());
                    languages.push(Language {
                        key: if key == "root" {
                            root_lang.unwrap_or("root").to_string()
                        } else {
                            key.clone()
                        },
                        url_prefix: if key == "root" {
                            "/".into()
                        } else {
                            format!("/{key}/")
                        },
                    });
                }
                // The default: `defaultLocale`, else the root locale.
                let default_key = match default {
                    Some("root") | None => languages.iter().position(|l| l.url_prefix == "/"),
                    Some(d) => languages.iter().position(|l| l.url_prefix == format!("/{d}/")),
                };
                if let Some(i) = default_key {
                    let d = languages.remove(i);
                    languages.insert(0, d);
                }
                notes.push((
                    "languages".into(),
                    languages
                        .iter()
                        .map(|l| format!("{} ({})", l.key, l.url_prefix))
                        .collect::<Vec<_>>()
                        .join(", "),
                    src("starlight.locales"),
                ));
                if languages.len() < 2 {
                    // One locale is not a multilingual site (`config.isMultilingual`).
                    languages.clear();
                }
            }
            Some(_) => notes.push((
                "languages".into(),
                "Starlight's `locales` is not a plain literal: set `[site] locales` (and `default_locale`) in frontlint.toml".into(),
                "assumed".into(),
            )),
            None => {}
        }
    }

    // Content collections (`src/content.config.*`, or the legacy `src/content/config.*`).
    let mut collections: Vec<Collection> = Vec::new();
    let src_ref = src_dir.as_str();
    let content_config = ["content.config", "content/config"]
        .iter()
        .flat_map(|stem| {
            ["ts", "mts", "js", "mjs"]
                .iter()
                .map(move |ext| format!("{src_ref}/{stem}.{ext}"))
        })
        .map(|rel| root.join(rel))
        .find(|p| p.is_file());
    if let Some(file) = &content_config {
        if let Some(Js::Object(props)) = reader.binding(file, "collections") {
            for (name, def) in props {
                let opts = match &def {
                    Js::Call(_, args) => args.first().cloned().unwrap_or(Js::Unknown),
                    other => other.clone(),
                };
                let dir = match opts.get("loader") {
                    Some(Js::Call(callee, _)) if callee == "docsLoader" => Some(docs_dir.clone()),
                    Some(Js::Call(callee, args)) if callee == "glob" => args
                        .first()
                        .and_then(|a| a.get("base"))
                        .and_then(Js::as_str)
                        .and_then(|b| urls::normalize(b.trim_start_matches("./"))),
                    None => Some(format!("{src_dir}/content/{name}")),
                    _ => None,
                };
                if let Some(dir) = dir {
                    if dir == docs_dir && uses_starlight {
                        continue;
                    }
                    collections.push(Collection {
                        name: name.clone(),
                        dir,
                        route: None,
                    });
                }
            }
        }
    }
    if content_config.is_none() {
        // Legacy collections: every folder of `src/content/`.
        if let Ok(entries) = std::fs::read_dir(root.join(&src_dir).join("content")) {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !(n.starts_with('.') || (uses_starlight && n == "docs")))
                .collect();
            names.sort();
            for name in names {
                collections.push(Collection {
                    dir: format!("{src_dir}/content/{name}"),
                    name,
                    route: None,
                });
            }
        }
    }

    // Routes of `src/pages`.
    let mut routes: Vec<Vec<Seg>> = Vec::new();
    list_routes(&root.join(&pages_dir), &mut routes);
    for c in &mut collections {
        // `src/pages/<name>/[slug].astro` or `[...slug].astro`: entries at `/<name>/<id>/`.
        let wanted = [Seg::Static(c.name.clone())];
        if routes
            .iter()
            .any(|r| r.len() == 2 && r[..1] == wanted && matches!(r[1], Seg::Param | Seg::Rest))
        {
            c.route = Some(format!("/{}", c.name));
        }
    }

    let collection_dirs: Vec<(String, String, Option<String>)> = collections
        .iter()
        .map(|c| (c.name.clone(), c.dir.clone(), c.route.clone()))
        .collect();
    let mut site = Site::base(
        Kind::Astro,
        root,
        Some(config),
        Box::new(AstroSite {
            starlight: uses_starlight,
            docs_dir: docs_dir.clone(),
            pages_dir: pages_dir.clone(),
            collections,
            routes,
            trailing_slash,
            format,
            version_unknown: major.is_none(),
        }),
    );
    if uses_starlight {
        site.content.push(ContentDir {
            dir: docs_dir.clone(),
            lang: None,
            url_prefix: "/".into(),
            label: "docs".into(),
        });
        site.schema = Some("starlight.json");
    }
    site.content.push(ContentDir {
        dir: pages_dir,
        lang: None,
        url_prefix: "/".into(),
        label: "pages".into(),
    });
    for (name, dir, route) in &collection_dirs {
        site.content.push(ContentDir {
            dir: dir.clone(),
            lang: None,
            url_prefix: route.as_deref().map_or_else(|| "/".into(), urls::prefix),
            label: name.clone(),
        });
    }
    // Astro's generated JSON Schemas of the collections. `slug` is not in them: Astro's glob
    // loader reads it for the entry's id (`astro/src/content/loaders/glob.ts` `generateId`).
    const RESERVED_KEYS: &[&str] = &["slug"];
    let schemas_dir = root.join(".astro").join("collections");
    let schema_of = |name: &str| -> Option<PathBuf> {
        let f = schemas_dir.join(format!("{name}.schema.json"));
        std::fs::symlink_metadata(&f)
            .is_ok_and(|m| m.is_file())
            .then_some(f)
    };
    if uses_starlight {
        if let Some(f) = schema_of("docs") {
            site.folder_schemas.push(FolderSchema {
                dir: docs_dir.clone(),
                file: f,
                collection: "docs".into(),
                reserved: RESERVED_KEYS,
            });
        }
    }
    for (name, dir, _) in &collection_dirs {
        if let Some(f) = schema_of(name) {
            site.folder_schemas.push(FolderSchema {
                dir: dir.clone(),
                file: f,
                collection: name.clone(),
                reserved: RESERVED_KEYS,
            });
        }
    }
    if !site.folder_schemas.is_empty() {
        let list = site
            .folder_schemas
            .iter()
            .map(|s| format!("{} → {}", s.dir, s.collection))
            .collect::<Vec<_>>()
            .join(", ");
        notes.push((
            "schemas".into(),
            list,
            ".astro/collections/*.schema.json".into(),
        ));
    }
    site.statics.push(StaticDir {
        dir: public_dir,
        url_prefix: "/".into(),
    });
    if let Some(b) = &base {
        site.base_path = b.clone();
        notes.push(("base".into(), b.clone(), src("base")));
    }
    site.languages = languages;
    site.headings = Style::GithubSlugger {
        strip_trailing_dash,
        h1_ids: true,
    };
    // Astro reads front matter with js-yaml 4 (`load`, the default schema): YAML 1.2 core with
    // timestamps (`yes` is a string, `0755` the decimal 755, `2024-01-02` a date).
    site.yaml = YamlReader::Yaml12;
    site.dates = DateDialect::JavaScript;
    // Front matter is optional for Astro pages; Starlight's schema requires `title` (the
    // schema says so, not `syntax/missing`).
    site.front_matter_required = false;
    // Neither filters content by date: a page dated in the future is built (there is no
    // expiry date either).
    site.build_future = true;
    site.build_expired = true;
    site.note(
        "generator",
        if uses_starlight {
            "Astro with Starlight (the config imports `@astrojs/starlight`)"
        } else {
            "Astro"
        },
        shown.clone(),
    );
    for (topic, value, source) in notes {
        site.note(&topic, value, source);
    }
    Ok(site)
}

/// A path without `.` and `..` components (`site/.` → `site`).
fn normalized(p: &Path) -> PathBuf {
    let s = p.to_string_lossy().replace('\\', "/");
    match urls::normalize(&s) {
        Some(n) if !n.is_empty() => PathBuf::from(n),
        _ => p.to_path_buf(),
    }
}

/// `package.json` of the project, when it is small and valid.
fn read_package(root: &Path) -> serde_json::Value {
    let file = root.join("package.json");
    std::fs::metadata(&file)
        .ok()
        .filter(|m| m.is_file() && m.len() <= 1 << 20)
        .and_then(|_| std::fs::read_to_string(&file).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn package_range<'a>(package: &'a serde_json::Value, name: &str) -> Option<&'a str> {
    ["dependencies", "devDependencies", "peerDependencies"]
        .iter()
        .find_map(|k| package.get(k)?.get(name)?.as_str())
}

fn package_depends(package: &serde_json::Value, name: &str) -> bool {
    package_range(package, name).is_some()
}

/// The major version a dependency range names (`^5.1.0`, `~7`, `>=6.0.0`, `5.x`).
pub(super) fn package_version(package: &serde_json::Value, name: &str) -> Option<u32> {
    let range = package_range(package, name)?;
    let t = range.trim_start_matches(['^', '~', '>', '=', 'v', ' ']);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The routes of the files in `src/pages` that are not Markdown (`.astro` pages, endpoints,
/// `.html`), without following symbolic links; at most 10,000 entries.
fn list_routes(dir: &Path, out: &mut Vec<Vec<Seg>>) {
    let mut stack = vec![(dir.to_path_buf(), Vec::<String>::new())];
    let mut seen = 0usize;
    while let Some((d, rel)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            seen += 1;
            if seen > 10_000 {
                return;
            }
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if name.starts_with('_') || name.starts_with('.') {
                continue;
            }
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                let mut r = rel.clone();
                r.push(name);
                stack.push((e.path(), r));
                continue;
            }
            if !t.is_file() {
                continue;
            }
            let Some((stem, ext)) = name.rsplit_once('.') else {
                continue;
            };
            let stem = match ext {
                "astro" | "html" => stem,
                // Endpoints keep the rest of their name (`rss.xml.ts` → `/rss.xml`).
                "ts" | "js" | "mjs" | "mts" => stem,
                _ => continue,
            };
            let mut parts = rel.clone();
            if stem != "index" {
                parts.push(stem.to_string());
            }
            out.push(parts.iter().map(|p| segment(p)).collect());
        }
    }
}
