//! Heading ids by the renderer's rules: each generator's Markdown renderer turns a heading's
//! text into an id its own way, and de-duplicates repeated ids its own way. A link's `#fragment`
//! is checked against the ids the site's renderer gives.

use std::collections::HashSet;

use serde::Serialize;

use crate::body::BodyFacts;

/// How a renderer makes heading ids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case", tag = "style")]
pub enum Style {
    /// GitHub's and Goldmark's `github` (Hugo's default `autoHeadingIDType`): letters, digits,
    /// `_` and `-` kept (lower-cased, any script), spaces → `-`, the rest dropped; repeats get
    /// `-1`, `-2`.
    #[default]
    Github,
    /// Hugo `autoHeadingIDType = "github-ascii"`: `github`, then non-ASCII letters transliterated
    /// or dropped.
    GithubAscii,
    /// Hugo `autoHeadingIDType = "blackfriday"`.
    Blackfriday,
    /// kramdown's `auto_ids` (Jekyll), with its options.
    Kramdown(super::jekyll::ids::KramdownIds),
    /// Python-Markdown's `toc` extension (MkDocs), with its separator and slug function.
    PythonMarkdown {
        separator: String,
        slugify: super::mkdocs::PySlug,
    },
    /// Zola's `[slugify] anchors`: `on` (default), `safe`, `off`; footnote ids depend on
    /// `[markdown] bottom_footnotes`.
    Zola {
        mode: ZolaSlugify,
        bottom_footnotes: bool,
    },
    /// `github-slugger` (Docusaurus, Astro's `rehype-heading-ids`; see [`super::slugger`]).
    /// Astro 5 drops one trailing `-` from each generated id (`strip_trailing_dash`); Astro 6
    /// and later, and Docusaurus, keep it. Docusaurus's theme renders `h1` without its id
    /// (theme-classic's `Heading`), though its slugger counts it (`h1_ids: false`).
    GithubSlugger {
        strip_trailing_dash: bool,
        h1_ids: bool,
    },
}

/// Zola's slugify strategies (config.toml `[slugify]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ZolaSlugify {
    #[default]
    On,
    Safe,
    Off,
}

impl Style {
    /// The name `frontlint site` shows.
    pub fn name(&self) -> String {
        match self {
            Style::Github => "github".into(),
            Style::GithubAscii => "github-ascii".into(),
            Style::Blackfriday => "blackfriday".into(),
            Style::Kramdown(k) if k.gfm => "kramdown (GFM)".into(),
            Style::Kramdown(_) => "kramdown".into(),
            Style::PythonMarkdown { separator, slugify } => {
                format!(
                    "python-markdown ({}, separator `{separator}`)",
                    slugify.name()
                )
            }
            Style::Zola { mode, .. } => format!("zola (slugify {mode:?})").to_lowercase(),
            Style::GithubSlugger {
                strip_trailing_dash,
                h1_ids,
            } => format!(
                "github-slugger{}{}",
                if *strip_trailing_dash {
                    " (a trailing `-` dropped, Astro 5)"
                } else {
                    ""
                },
                if *h1_ids { "" } else { " (no ids on h1)" }
            ),
        }
    }

    /// The id a heading with this text gets, before de-duplication.
    pub fn slug(&self, text: &str) -> String {
        match self {
            // Goldmark's `github` (gohugoio/hugo `markup/goldmark/autoid.go`).
            Style::Github => super::hugo::slug::github(text),
            Style::GithubAscii => super::hugo::slug::github_ascii(text),
            Style::Blackfriday => super::hugo::slug::blackfriday(text),
            Style::PythonMarkdown { separator, slugify } => {
                super::mkdocs::py_slug(text, separator, *slugify)
            }
            Style::Zola { mode, .. } => super::zola::slug_anchor(text, *mode),
            Style::Kramdown(k) => super::jekyll::ids::slug(k, text),
            Style::GithubSlugger { .. } => super::slugger::slug(text),
        }
    }

    /// Whether a custom id (`{#id}`) takes its id from the generated ones (Goldmark,
    /// Python-Markdown), or is set aside while the slugger counts only generated ids
    /// (Docusaurus's `headings` plugin returns the `{#id}` without calling its slugger).
    pub fn reserves_custom_ids(&self) -> bool {
        !matches!(self, Style::GithubSlugger { .. })
    }

    /// Whether level-1 headings keep their id on the page.
    pub fn h1_ids(&self) -> bool {
        !matches!(self, Style::GithubSlugger { h1_ids: false, .. })
    }

    /// A generated id after de-duplication, as the page shows it (Astro 5 drops a trailing `-`
    /// after its slugger counted the id with it).
    pub fn finish(&self, id: String) -> String {
        match self {
            Style::GithubSlugger {
                strip_trailing_dash: true,
                ..
            } => match id.strip_suffix('-') {
                Some(s) => s.to_string(),
                None => id,
            },
            _ => id,
        }
    }

    /// The id of the `n`-th repeat (`n` ≥ 1) of `base`.
    pub fn repeat(&self, base: &str, n: usize) -> String {
        match self {
            Style::PythonMarkdown { .. } => super::mkdocs::py_repeat(base, n),
            _ => format!("{base}-{n}"),
        }
    }

    /// The id of an empty slug.
    pub fn empty(&self) -> &'static str {
        match self {
            Style::Github | Style::GithubAscii | Style::Blackfriday => "heading",
            Style::Kramdown(k) if !k.gfm => "section",
            // Python-Markdown's `unique("")` is `_1`.
            Style::PythonMarkdown { .. } => "_1",
            _ => "",
        }
    }

    /// The ids footnotes get: definitions and references, by label and by order.
    pub fn footnote_ids(&self, label: &str, n: usize) -> [String; 2] {
        match self {
            // Goldmark numbers footnotes by first reference.
            Style::Github | Style::GithubAscii | Style::Blackfriday => {
                [format!("fn:{n}"), format!("fnref:{n}")]
            }
            // remark-rehype (mdast-util-to-hast): the label lower-cased, `user-content-` prefixed.
            Style::GithubSlugger { .. } => {
                let label = label.to_lowercase();
                [
                    format!("user-content-fn-{label}"),
                    format!("user-content-fnref-{label}"),
                ]
            }
            // components/markdown/src/markdown.rs `convert_footnotes_to_github_style`.
            Style::Zola {
                bottom_footnotes: true,
                ..
            } => [format!("fn-{label}"), format!("fr-{label}-1")],
            // pulldown-cmark's HTML writer: the definition's id is the label; the reference has none.
            Style::Zola { .. } => [label.to_string(), label.to_string()],
            _ => [format!("fn:{label}"), format!("fnref:{label}")],
        }
    }
}

/// Every id a page's body defines, by `style`: headings (custom ids verbatim, generated ones
/// de-duplicated in document order), raw HTML `id`/`name` attributes, footnotes. Sorted, unique.
pub fn ids(style: &Style, facts: &BodyFacts) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<String> = Vec::with_capacity(facts.headings.len());
    // kramdown counts repeats per base id and ignores custom ids.
    let headings: &[crate::body::Heading] = if let Style::Kramdown(k) = style {
        out = super::jekyll::ids::heading_ids(k, &facts.headings);
        &[]
    } else {
        &facts.headings
    };
    for h in headings {
        if h.custom && !style.reserves_custom_ids() {
            if h.level != 1 || style.h1_ids() {
                out.push(h.anchor.clone());
            }
            continue;
        }
        let id = if h.custom {
            h.anchor.clone()
        } else {
            let mut base = style.slug(&h.text);
            if base.is_empty() {
                base = style.empty().to_string();
            }
            if seen.contains(&base) {
                let mut n = 1;
                loop {
                    let cand = style.repeat(&base, n);
                    if !seen.contains(&cand) {
                        break cand;
                    }
                    n += 1;
                }
            } else {
                base
            }
        };
        seen.insert(id.clone());
        if h.level != 1 || style.h1_ids() {
            out.push(style.finish(id));
        }
    }
    out.extend(facts.html_ids.iter().cloned());
    for (i, label) in facts.footnotes.iter().enumerate() {
        out.extend(style.footnote_ids(label, i + 1));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_ids_repeat_with_suffixes() {
        let facts = crate::body::extract(
            "# 安装 指南\n\n# 安装 指南\n\n## A `b` C!\n\n## X {#custom}\n\n<a id=\"raw\"></a>\n\nT[^n].\n\n[^n]: note\n",
            0..0,
            0,
        );
        let text = "# 安装 指南\r\n\r\n# 安装 指南\r\n\r\n## A `b` C!\r\n\r\n## X {#custom}\r\n\r\n<a id=\"raw\"></a>\r\n\r\nT[^n].\r\n\r\n[^n]: note\r\n";
        let facts2 = crate::body::extract(text, 0..text.len(), 0);
        assert!(facts.headings.is_empty());
        let got = ids(&Style::Github, &facts2);
        for want in [
            "安装-指南",
            "安装-指南-1",
            "a-b-c",
            "custom",
            "raw",
            "fn:1",
            "fnref:1",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
    }
}
