//! How a Markdown link is turned into an `href`: Hugo's own Goldmark renderer writes the
//! destination as is (the browser resolves it against the page's URL); a link render hook
//! (`layouts/_markup/render-link.html`, `layouts/_default/_markup/render-link.html`, the same in
//! the theme) may resolve it instead. frontlint does not run templates: it reads what the hook
//! template asks Hugo for, and takes each lookup the hook makes as one reading of a destination:
//!
//! * `.GetPage` / `site.GetPage`: a content path (`/functions/after`, `../other.md`), found by
//!   Hugo's page lookup (gohugoio/hugo `hugolib/pagecollections.go`: page-relative first, then
//!   from the content root);
//! * `.Resources.Get` (`.Page.Resources`, `.PageInner.Resources`): a file of the page's bundle;
//! * `.CurrentSection.Resources.Get`: a file of the page's section;
//! * `resources.Get`: a global resource under `assets/`.
//!
//! Destinations the hook compares literally with the destination (`{{ if eq $u.String "g" }}`:
//! hugoDocs' glossary links `[term](g)`) are the hook's own conventions: they are not paths, and
//! frontlint does not guess what they become. A hook keeps the destination as the `href` when its
//! lookups fail (hugoDocs' does, with a warning), so the browser's reading stays possible too.
//!
//! Hugo's embedded link render hook (used for multilingual single-host projects by default,
//! `markup.goldmark.renderHooks.link.useEmbedded`) makes the same lookups
//! (`tpl/tplimpl/embedded/templates/_markup/render-link.html`).

use std::path::Path;

/// What the link render hook in effect does with a destination.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkHook {
    /// The hook's template, relative to the site root (`None`: Hugo's embedded hook).
    pub file: Option<String>,
    pub get_page: bool,
    pub page_resources: bool,
    pub section_resources: bool,
    pub global_resources: bool,
    /// Destinations the hook handles itself (compared literally).
    pub special: Vec<String>,
    /// Destination prefixes the hook handles itself (`hasPrefix .Destination "x"`).
    pub special_prefixes: Vec<String>,
    /// The hook logs a destination its lookups do not resolve (`warnf`, `errorf`): for it, such
    /// a link is broken even where a browser would find something at the URL as written.
    pub reports_unresolved: bool,
}

impl LinkHook {
    /// Hugo's embedded link render hook.
    pub fn embedded() -> LinkHook {
        LinkHook {
            file: None,
            get_page: true,
            page_resources: true,
            section_resources: false,
            global_resources: false,
            special: Vec::new(),
            special_prefixes: Vec::new(),
            reports_unresolved: false,
        }
    }

    /// Whether the hook handles `dest` (as written, before any decoding) itself.
    pub fn is_special(&self, dest: &str) -> bool {
        self.special.iter().any(|s| s == dest)
            || self
                .special_prefixes
                .iter()
                .any(|p| dest.starts_with(p.as_str()))
    }
}

/// What a shortcode does with other content, read from its template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Include {
    /// Renders the page its argument names (`{{% include "path" %}}` whose template does
    /// `GetPage .` then `.RenderShortcodes`/`.Content`): that page's ids are the caller's too.
    /// `None`: the first positional argument; else the named one.
    Page(Option<String>),
    /// Renders content frontlint cannot name (a section's pages, a computed path): the caller
    /// may have ids frontlint does not know.
    Opaque,
}

/// The shortcodes that render other content, by name, from the project's and the themes'
/// `layouts/_shortcodes/` (Hugo 0.146+) and `layouts/shortcodes/`; the project's win.
pub fn shortcodes(root: &Path, themes: &[String]) -> std::collections::HashMap<String, Include> {
    let mut out = std::collections::HashMap::new();
    let mut dirs = vec![String::new()];
    for t in themes {
        dirs.push(format!("themes/{t}/"));
    }
    for d in dirs {
        for sub in ["layouts/_shortcodes", "layouts/shortcodes"] {
            let dir = root.join(format!("{d}{sub}"));
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<std::path::PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.path())
                .collect();
            files.sort();
            for f in files.into_iter().take(2000) {
                let Some(name) = f.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                // `name.html`, `name.en.html`: the shortcode is `name`.
                let Some(name) = name.split('.').next().filter(|n| !n.is_empty()) else {
                    continue;
                };
                if out.contains_key(name) {
                    continue;
                }
                let Ok(meta) = std::fs::symlink_metadata(&f) else {
                    continue;
                };
                if !meta.is_file() || meta.len() > 1 << 20 {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&f) else {
                    continue;
                };
                if let Some(kind) = read_shortcode(&text) {
                    out.insert(name.to_string(), kind);
                }
            }
        }
    }
    out
}

/// What a shortcode template does with other content, if it renders any.
pub fn read_shortcode(text: &str) -> Option<Include> {
    let code = strip_comments(text);
    let renders = [
        "RenderShortcodes",
        ".Content",
        "RawContent",
        "readFile",
        "ReadFile",
    ]
    .iter()
    .any(|k| code.contains(k));
    if !renders {
        return None;
    }
    let direct = code.contains("GetPage .") || code.contains("GetPage (.Get");
    if !direct {
        return Some(Include::Opaque);
    }
    if code.contains(".Get 0") {
        return Some(Include::Page(None));
    }
    let named = code
        .match_indices(".Get \"")
        .filter_map(|(i, _)| string_literal(&code[i + 5..]))
        .next();
    Some(match named {
        Some(n) => Include::Page(Some(n)),
        None => Include::Opaque,
    })
}

/// Where Hugo looks for a link render hook, most specific first: the project's layouts, then
/// the theme's.
pub fn find(root: &Path, themes: &[String]) -> Option<(String, String)> {
    let mut dirs = vec![String::new()];
    for t in themes {
        dirs.push(format!("themes/{t}/"));
    }
    for d in dirs {
        for name in [
            "layouts/_markup/render-link.html",
            "layouts/_default/_markup/render-link.html",
        ] {
            let rel = format!("{d}{name}");
            let p = root.join(&rel);
            if let Ok(meta) = std::fs::symlink_metadata(&p) {
                if meta.is_file() && meta.len() < 1 << 20 {
                    if let Ok(text) = std::fs::read_to_string(&p) {
                        return Some((rel, text));
                    }
                }
            }
        }
    }
    None
}

/// What a link render hook template does, read from its text.
pub fn read(file: &str, text: &str) -> LinkHook {
    let code = strip_comments(text);
    let mut hook = LinkHook {
        file: Some(file.to_string()),
        get_page: code.contains("GetPage"),
        page_resources: code.contains(".Resources.Get") || code.contains(".Resources.GetMatch"),
        section_resources: code.contains("CurrentSection.Resources"),
        global_resources: code.contains("resources.Get ") || code.contains("resources.GetMatch "),
        special: Vec::new(),
        special_prefixes: Vec::new(),
        reports_unresolved: code.contains("warnf") || code.contains("errorf"),
    };
    // Variables holding the destination: `$u := urls.Parse .Destination`, `$dest := .Destination`.
    let mut vars: Vec<String> = Vec::new();
    for (i, _) in code.match_indices(":=") {
        let before = code[..i].trim_end();
        let name_start = before.rfind(|c: char| c != '$' && !c.is_alphanumeric() && c != '_');
        let name = &before[name_start.map_or(0, |s| s + 1)..];
        let after = code[i + 2..].trim_start();
        let line = after.split(['}', '\n']).next().unwrap_or("");
        if name.starts_with('$') && line.contains(".Destination") {
            vars.push(name.to_string());
        }
    }
    let mut subjects = vec![".Destination".to_string()];
    for v in &vars {
        subjects.push(format!("{v}.String"));
        subjects.push(format!("{v}.Path"));
        subjects.push(v.clone());
    }
    for (op, prefix) in [
        ("eq ", false),
        ("hasPrefix ", true),
        ("strings.HasPrefix ", true),
    ] {
        for (i, _) in code.match_indices(op) {
            let rest = code[i + op.len()..].trim_start();
            let rest = rest.trim_start_matches('(').trim_start();
            let Some(subject) = subjects
                .iter()
                .filter(|s| {
                    rest.starts_with(s.as_str())
                        && !rest[s.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
                .max_by_key(|s| s.len())
            else {
                continue;
            };
            let rest = rest[subject.len()..]
                .trim_start()
                .trim_start_matches(')')
                .trim_start();
            if let Some(lit) = string_literal(rest) {
                if prefix {
                    hook.special_prefixes.push(lit);
                } else {
                    hook.special.push(lit);
                }
            }
        }
    }
    hook.special.sort();
    hook.special.dedup();
    hook.special_prefixes.sort();
    hook.special_prefixes.dedup();
    hook
}

/// Go template comments `{{/* … */}}` removed.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find("*/") {
            Some(j) => rest = &rest[i + 2 + j + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// A Go string literal at the start of `s` (`"g"` or `` `g` ``).
fn string_literal(s: &str) -> Option<String> {
    let quote = s.chars().next()?;
    if quote != '"' && quote != '`' {
        return None;
    }
    let body = &s[1..];
    let end = body.find(quote)?;
    let lit = &body[..end];
    (!lit.is_empty() && !lit.contains('\\')).then(|| lit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_hugodocs_hook_does() {
        let text = r#"{{/* This render hook resolves ... eq .Destination "not-this" */}}
{{- $u := urls.Parse .Destination }}
{{- $errorLevel := or site.Params.render_hooks.link.errorLevel "ignore" | lower }}
{{- if eq $errorLevel "warning" }}{{ end }}
{{- if eq $u.String "g" }}
{{- else if $u.IsAbs }}
{{- else }}
  {{- with $p := or ($.PageInner.GetPage .) ($.PageInner.GetPage (strings.TrimRight "/" .)) }}
  {{- else with $.PageInner.Resources.Get $u.Path }}
  {{- else with (and (ne $.Page.BundleType "leaf") ($.Page.CurrentSection.Resources.Get $u.Path)) }}
  {{- else with resources.Get $u.Path }}
  {{- end }}
{{- end }}"#;
        let hook = read("layouts/_markup/render-link.html", text);
        assert!(
            hook.get_page && hook.page_resources && hook.section_resources && hook.global_resources
        );
        assert!(!hook.reports_unresolved);
        assert_eq!(hook.special, ["g"]);
        assert!(hook.is_special("g"));
        assert!(!hook.is_special("warning"));
        assert!(!hook.is_special("not-this"));
    }

    #[test]
    fn shortcodes_that_render_pages() {
        let include = "{{/* Renders the page. */}}\n{{- with .Get 0 }}\n{{- with or ($.Page.GetPage .) (site.GetPage .) }}{{- .RenderShortcodes }}{{ end }}{{ end }}";
        assert_eq!(read_shortcode(include), Some(Include::Page(None)));
        let named = "{{ with site.GetPage (.Get \"file\") }}{{ .Content }}{{ end }}";
        assert_eq!(
            read_shortcode(named),
            Some(Include::Page(Some("file".into())))
        );
        let computed = "{{ $p := printf \"/glossary/%s\" (.Get 0) }}{{ with site.GetPage $p }}{{ .RawContent }}{{ end }}";
        assert_eq!(read_shortcode(computed), Some(Include::Opaque));
        assert_eq!(
            read_shortcode("<div class=\"note\">{{ .Inner | markdownify }}</div>"),
            None
        );
    }

    #[test]
    fn a_hook_without_lookups() {
        let hook = read(
            "x",
            "<a href=\"{{ .Destination | safeURL }}\">{{ .Text }}</a>{{ if hasPrefix .Destination \"wiki:\" }}{{ end }}",
        );
        assert!(!hook.get_page && !hook.page_resources && !hook.reports_unresolved);
        assert_eq!(hook.special_prefixes, ["wiki:"]);
    }
}
