//! Liquid in page bodies: the `{% link %}` and `{% post_url %}` tags (references whose target
//! must exist, or the build fails), and link destinations written with Liquid
//! (`[a]({{ '/x/' | relative_url }})`, `[b]({{ site.baseurl }}/y/)`), which Jekyll renders
//! before kramdown reads the Markdown.
//!
//! Liquid runs over the whole body, code blocks and HTML comments included (a missing
//! `{% link %}` inside a fenced block fails the build too), except inside `{% raw %}` and
//! `{% comment %}` blocks, in files without front matter (copied as they are), and in pages
//! with `render_with_liquid: false`. Proven with Jekyll 4.3.1 (`fixtures/sites/jekyll-refs`).

use std::ops::Range;

use super::super::facts::LinkFact;
use super::super::{RefFact, RefKind};

/// Byte ranges of `text` that Liquid does not render: `{% raw %}…{% endraw %}` and
/// `{% comment %}…{% endcomment %}` (an unclosed block runs to the end).
fn unrendered(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some((start, end, name)) = next_tag(text, i) {
        i = end;
        let close = match name {
            "raw" => "endraw",
            "comment" => "endcomment",
            _ => continue,
        };
        let mut j = end;
        let stop = loop {
            match next_tag(text, j) {
                Some((_, e, n)) if n == close => break e,
                Some((_, e, _)) => j = e,
                None => break text.len(),
            }
        };
        out.push(start..stop);
        i = stop;
    }
    out
}

/// The next `{% name … %}` at or after `from`: its range and its name.
fn next_tag(text: &str, from: usize) -> Option<(usize, usize, &str)> {
    let mut i = from;
    loop {
        let start = i + text.get(i..)?.find("{%")?;
        let inner_start = start + 2;
        let len = text[inner_start..].find("%}")?;
        let end = inner_start + len + 2;
        let inner = text[inner_start..inner_start + len]
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        let name = inner.split_whitespace().next().unwrap_or("");
        if !name.is_empty() {
            return Some((start, end, name));
        }
        i = end;
    }
}

/// Jekyll's `has_yaml_header?` and the page's `render_with_liquid` (read from the header text).
pub fn renders_liquid(text: &str, body: &Range<usize>) -> bool {
    let first = text.split('\n').next().unwrap_or("");
    let first = first.strip_suffix('\r').unwrap_or(first);
    if first.trim_end() != "---" || !first.starts_with("---") {
        return false;
    }
    let header = text.get(..body.start).unwrap_or("");
    !header.lines().any(|l| {
        let l = l.trim_end();
        l.strip_prefix("render_with_liquid:")
            .is_some_and(|v| super::config::str_bool(v.trim()) == Some(false))
    })
}

/// `{% link path %}` and `{% post_url name %}` in the body.
pub fn refs(text: &str, body: Range<usize>, out: &mut Vec<RefFact>) {
    if !renders_liquid(text, &body) {
        return;
    }
    let Some(src) = text.get(body.clone()) else {
        return;
    };
    let skip = unrendered(src);
    let mut i = 0;
    while let Some((start, end, name)) = next_tag(src, i) {
        i = end;
        let kind = match name {
            "link" => RefKind::JekyllLink,
            "post_url" => RefKind::JekyllPostUrl,
            _ => continue,
        };
        if skip.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let tag = &src[start..end];
        let name_at = tag.find(name).unwrap_or(0) + name.len();
        let arg_area = &tag[name_at..tag.len() - 2];
        let arg_area = arg_area.trim_end_matches('-');
        let arg = arg_area.trim();
        // A target computed by Liquid (`{% link {{ page.x }} %}`) cannot be checked.
        if arg.is_empty() || arg.contains("{{") || arg.contains(char::is_whitespace) {
            continue;
        }
        let offset = arg_area.find(arg).unwrap_or(0);
        let abs = body.start + start + name_at + offset;
        // `[a]({% link x.md %}#part)`: the fragment right after the tag is checked too.
        let after = &src[end..];
        let fragment = after.strip_prefix('#').map(|f| {
            let stop = f
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | '{'))
                .unwrap_or(f.len());
            &f[..stop]
        });
        let target = match fragment {
            Some(f) if !f.is_empty() => format!("{arg}#{f}"),
            _ => arg.to_string(),
        };
        out.push(RefFact {
            kind,
            target,
            span: abs..abs + arg.len(),
        });
    }
}

/// Longest destination read.
const MAX_DEST: usize = 4096;

/// Markdown links and images whose destination is Liquid output (`{{ … }}`, possibly followed
/// by more of the path) and which CommonMark does not see as links, because a space inside
/// `{{ … }}` ends a destination. Their `dest` is the Liquid as written.
pub fn template_links(text: &str, body: Range<usize>, out: &mut Vec<LinkFact>) {
    if !renders_liquid(text, &body) {
        return;
    }
    let Some(src) = text.get(body.clone()) else {
        return;
    };
    let skip = unrendered(src);
    let b = src.as_bytes();
    // Inline: `](` + `{{`; reference definitions: line start `[label]: {{`.
    let mut i = 0;
    while let Some(off) = src[i..].find("{{") {
        let start = i + off;
        i = start + 2;
        if skip.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let before = src[..start].trim_end_matches([' ', '<']);
        let inline = before.ends_with("](");
        let definition = !inline && {
            // `[label]: ` starts the line: look back a bounded distance only.
            let from = before.len().saturating_sub(MAX_DEST);
            let line_start = match memchr::memrchr(b'\n', &before.as_bytes()[from..]) {
                Some(n) => Some(from + n + 1),
                None if from == 0 => Some(0),
                None => None,
            };
            line_start.is_some_and(|ls| {
                let l = before[ls..].trim_start();
                l.starts_with('[') && l.ends_with("]:") && !l.starts_with("[^")
            })
        };
        if !inline && !definition {
            continue;
        }
        // The destination: up to the `)` that closes the link (outside `{{ }}`), or the end of
        // the line for a definition.
        let mut j = start;
        let mut depth = 0usize;
        // A destination is short: a longer run is not one (and the scan stays linear).
        let limit = (start + MAX_DEST).min(b.len());
        while j < limit {
            let two = &b[j..(j + 2).min(b.len())];
            if two == b"{{" || two == b"{%" {
                depth += 1;
                j += 2;
                continue;
            }
            if depth > 0 && (two == b"}}" || two == b"%}") {
                depth -= 1;
                j += 2;
                continue;
            }
            if b[j] == b'\n'
                || (depth == 0 && ((inline && b[j] == b')') || b[j] == b' ' || b[j] == b'>'))
            {
                break;
            }
            j += 1;
        }
        if depth != 0 || (j >= limit && limit < b.len()) || !src.is_char_boundary(j) {
            // Unbalanced or too long: what it spans is not a destination either.
            if src.is_char_boundary(j) {
                i = j.max(i);
            }
            continue;
        }
        let dest = &src[start..j];
        let image = inline && {
            // `![alt](` before.
            let open = before[..before.len() - 2].rfind('[');
            open.is_some_and(|o| o > 0 && before.as_bytes()[o - 1] == b'!')
        };
        let abs = body.start + start;
        out.push(LinkFact {
            dest: dest.to_string(),
            span: abs..abs + dest.len(),
            image,
        });
        i = j.max(start + 2);
    }
}

/// What Jekyll renders a Liquid link destination to, when it is one of the forms that only
/// depend on the config: `{{ site.baseurl }}` (and `site.url`, which makes the link absolute
/// to this site), `{{ 'path' | relative_url }}` and `{{ 'path' | absolute_url }}`
/// (`Filters::URLFilters`: `baseurl` + `/` + path, a leading `/` ensured). `base` is the
/// site's base path (`/` or `/docs/`). `None` for anything else (`{{ page.url }}`,
/// `{% link %}`, which the reference check covers).
pub fn expand(dest: &str, base: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    let mut out = String::with_capacity(dest.len());
    let mut rest = dest;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            let close = after.find("}}")?;
            let inner = after[..close]
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            out.push_str(&output(inner, base)?);
            rest = &after[close + 2..];
        } else if rest.starts_with("{%") {
            return None;
        } else {
            let next = rest.find("{{").unwrap_or(rest.len());
            if rest[..next].contains("{%") {
                return None;
            }
            out.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    Some(out)
}

/// One `{{ … }}` output.
fn output(inner: &str, base: &str) -> Option<String> {
    let mut parts = inner.split('|').map(str::trim);
    let head = parts.next()?;
    let mut value = match head {
        "site.baseurl" => base.to_string(),
        // `site.url` is this site: what follows it is a path of the site.
        "site.url" => String::new(),
        _ => {
            let q = head.chars().next()?;
            if (q == '\'' || q == '"') && head.len() >= 2 && head.ends_with(q) {
                head[1..head.len() - 1].to_string()
            } else {
                return None;
            }
        }
    };
    for filter in parts {
        match filter {
            "relative_url" | "absolute_url" => {
                if value.contains("://") || value.starts_with("//") {
                    continue;
                }
                let path = if value.starts_with('/') {
                    value.clone()
                } else {
                    format!("/{value}")
                };
                value = format!("{base}{path}");
                if value.is_empty() {
                    value = "/".into();
                }
            }
            _ => return None,
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_outside_raw_and_comment_blocks() {
        let text = "---\r\ntitle: 链接\r\n---\r\n[a]({% link _docs/a.md %}#用法) {%- post_url 2020-01-01-x -%}\r\n```\r\n{% link _docs/in-code.md %}\r\n```\r\n{% raw %}{% link _docs/raw.md %}{% endraw %}\r\n{% comment %}{% link _docs/c.md %}{% endcomment %}\r\n{% link {{ page.x }} %}\r\n";
        let body = 22..text.len();
        let mut out = Vec::new();
        refs(text, body, &mut out);
        let got: Vec<(&str, &str)> = out
            .iter()
            .map(|r| (r.target.as_str(), &text[r.span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("_docs/a.md#用法", "_docs/a.md"),
                ("2020-01-01-x", "2020-01-01-x"),
                ("_docs/in-code.md", "_docs/in-code.md")
            ]
        );
        // No front matter: copied as is, Liquid never runs.
        let mut none = Vec::new();
        refs("{% link x.md %}\n", 0..16, &mut none);
        assert!(none.is_empty());
        let off = "---\nrender_with_liquid: false\n---\n{% link x.md %}\n";
        refs(off, 34..off.len(), &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn liquid_link_destinations() {
        let text = "---\n---\n[a]({{ '/docs/x/#y' | relative_url }}) ![i]({{ site.baseurl }}/img/a.png \"t\")\n[r]: {{ \"/r/\" | absolute_url }}\n[p]({{ page.url }}) {{ site.title }}\n";
        let mut out = Vec::new();
        template_links(text, 8..text.len(), &mut out);
        let got: Vec<(&str, bool)> = out.iter().map(|l| (l.dest.as_str(), l.image)).collect();
        assert_eq!(
            got,
            [
                ("{{ '/docs/x/#y' | relative_url }}", false),
                ("{{ site.baseurl }}/img/a.png", true),
                ("{{ \"/r/\" | absolute_url }}", false),
                ("{{ page.url }}", false),
            ]
        );
        for l in &out {
            assert_eq!(&text[l.span.clone()], l.dest);
        }
        assert_eq!(
            expand("{{ '/docs/x/#y' | relative_url }}", "/").as_deref(),
            Some("/docs/x/#y")
        );
        assert_eq!(
            expand("{{ site.baseurl }}/img/a.png", "/blog/").as_deref(),
            Some("/blog/img/a.png")
        );
        assert_eq!(
            expand("{{ 'x' | relative_url }}", "/blog/").as_deref(),
            Some("/blog/x")
        );
        assert_eq!(
            expand("{{site.url}}{{site.baseurl}}/a/", "/").as_deref(),
            Some("/a/")
        );
        assert_eq!(expand("{{ page.url }}", "/"), None);
        assert_eq!(expand("{{ site.baseurl }}{% link a.md %}", "/"), None);
    }

    #[test]
    fn multibyte_and_pathological_bodies() {
        let text = format!(
            "---\n---\n[a]({{{{ '/文档/' | relative_url }}}}) [b]({{{{ site.baseurl }}}}/文档/)\n{}\n{}",
            "[x]({{ ".repeat(40_000),
            "{% link ".repeat(40_000)
        );
        let mut links = Vec::new();
        template_links(&text, 8..text.len(), &mut links);
        assert_eq!(links[0].dest, "{{ '/文档/' | relative_url }}");
        assert_eq!(links[1].dest, "{{ site.baseurl }}/文档/");
        let mut refs_found = Vec::new();
        refs(&text, 8..text.len(), &mut refs_found);
        assert!(refs_found.is_empty());
    }
}
