//! `frontlint site`: the model in words (and JSON), so users and tests can see why a link
//! resolves: what was read from the generator's config and what was assumed.

use serde_json::{Value, json};

use super::map::PageMap;
use super::{Role, Site};

/// The model as JSON.
pub fn describe_json(site: &Site) -> Value {
    json!({
        "generator": site.kind,
        "config_file": site.config_file,
        "root": site.root.to_string_lossy(),
        "base_path": site.base_path,
        "content": site.content,
        "static": site.statics,
        "languages": site.languages,
        "timezone": site.timezone.as_ref().map(|(name, _)| name),
        "build": {
            "future": site.build_future,
            "expired": site.build_expired,
            "drafts": site.build_drafts,
        },
        "taxonomies": site.taxonomies,
        "taxonomy_string": site.taxonomy_string,
        "headings": site.headings.name(),
        "yaml": site.yaml,
        "dates": site.dates,
        "front_matter_required": site.front_matter_required,
        "schema": site.schema,
        "folder_schemas": site.folder_schemas,
        "notes": site.notes,
    })
}

/// The model in words.
pub fn describe_text(site: &Site) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: String| out.push_str(&format!("{k:<12} {v}\n"));
    line(
        "generator",
        match &site.config_file {
            Some(f) => format!("{} (recognised by {f})", site.kind),
            None => site.kind.to_string(),
        },
    );
    line("root", site.root.display().to_string());
    if site.base_path != "/" {
        line("base path", site.base_path.clone());
    }
    let dirs = |list: Vec<(String, String, Option<String>)>| {
        list.into_iter()
            .map(|(d, u, lang)| {
                let d = if d.is_empty() {
                    ".".into()
                } else {
                    format!("{d}/")
                };
                match lang {
                    Some(l) => format!("{d} → {u} ({l})"),
                    None => format!("{d} → {u}"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    line(
        "content",
        dirs(
            site.content
                .iter()
                .map(|c| (c.dir.clone(), c.url_prefix.clone(), c.lang.clone()))
                .collect(),
        ),
    );
    line(
        "static",
        dirs(
            site.statics
                .iter()
                .map(|c| (c.dir.clone(), c.url_prefix.clone(), None))
                .collect(),
        ),
    );
    line(
        "languages",
        if site.languages.is_empty() {
            "one (not configured)".into()
        } else {
            site.languages
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        format!("{} (default, {})", l.key, l.url_prefix)
                    } else {
                        format!("{} ({})", l.key, l.url_prefix)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    line(
        "time zone",
        site.timezone
            .as_ref()
            .map_or_else(|| "UTC (not configured)".into(), |(n, _)| n.clone()),
    );
    line(
        "builds",
        format!(
            "future pages: {}, expired pages: {}, drafts: {}",
            yes(site.build_future),
            yes(site.build_expired),
            yes(site.build_drafts)
        ),
    );
    line(
        "taxonomies",
        match &site.taxonomies {
            None => "not known".into(),
            Some(t) if t.is_empty() => "none".into(),
            Some(t) => t
                .iter()
                .map(|t| match &t.url_prefix {
                    Some(u) => format!("{} ({u})", t.key),
                    None => t.key.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        },
    );
    line("heading ids", site.headings.name());
    line(
        "yaml",
        match site.yaml {
            super::YamlReader::Unknown => "not known".into(),
            super::YamlReader::Yaml11 => "1.1 (yes/no are booleans)".into(),
            super::YamlReader::Yaml12 => "1.2".into(),
        },
    );
    if !site.notes.is_empty() {
        out.push_str("\nHow this was found:\n");
        for n in &site.notes {
            out.push_str(&format!("  {}: {} [{}]\n", n.topic, n.value, n.source));
        }
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b { "built" } else { "not built" }
}

/// Every page of the map as JSON, in path order.
pub fn pages_json(map: &PageMap) -> Value {
    let mut pages: Vec<&super::Page> = map.pages.iter().collect();
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    Value::Array(
        pages
            .into_iter()
            .map(|p| {
                json!({
                    "path": p.rel,
                    "role": p.role,
                    "urls": p.info.urls.iter().map(|u| &u.url).collect::<Vec<_>>(),
                    "aliases": p.info.aliases.iter().map(|a| &a.url).collect::<Vec<_>>(),
                    "lang": p.info.lang,
                    "translation_key": p.info.translation_key,
                    "published": p.info.published,
                    "kind": p.info.kind,
                })
            })
            .collect(),
    )
}

/// Every page of the map in words: `path → URL(s) [language] {translation group}`.
pub fn pages_text(map: &PageMap) -> String {
    let mut pages: Vec<&super::Page> = map.pages.iter().collect();
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut out = format!("\nPages ({}):\n", pages.len());
    for p in pages {
        let mut line = format!("  {}", p.rel);
        match p.role {
            Role::Page if p.info.urls.is_empty() => line.push_str(" → (no URL)"),
            Role::Page => {
                let urls: Vec<&str> = p.info.urls.iter().map(|u| u.url.as_str()).collect();
                line.push_str(&format!(" → {}", urls.join(", ")));
            }
            Role::Partial => line.push_str(" (partial: read by other pages, no URL)"),
            Role::Ignored => line.push_str(" (not built)"),
        }
        if let Some(l) = &p.info.lang {
            line.push_str(&format!(" [{l}]"));
        }
        if let Some(k) = &p.info.translation_key {
            line.push_str(&format!(" {{{k}}}"));
        }
        if p.role == Role::Page && !p.info.published {
            line.push_str(" (not published)");
        }
        if !p.info.aliases.is_empty() {
            let a: Vec<&str> = p.info.aliases.iter().map(|a| a.url.as_str()).collect();
            line.push_str(&format!(" aliases: {}", a.join(", ")));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Control characters from paths and configs shown as visible escapes (`\u{1b}`), line breaks
/// and tabs kept.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if (c.is_control() && c != '\n' && c != '\t') || invisible {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
