//! Hugo's cross-references and page lookup.
//!
//! `{{< ref "x" >}}`, `{{< relref "x" >}}` (also `{{% … %}}`, named `path="x"`, a `#fragment`)
//! are found in a body the way Hugo's shortcode parser sees them: anywhere in the content,
//! code blocks included (Hugo expands shortcodes before Markdown is rendered), except the
//! escaped form `{{</* ref "x" */>}}` that shows a shortcode as text.
//!
//! A reference (and a `GetPage` lookup of a link render hook) names a content path, found as
//! gohugoio/hugo `hugolib/pagecollections.go` (`getContentNode`, `getContentNodeForRef`) does:
//! a path without extension gets `.md`; a relative path is tried first from the page (a branch
//! bundle's own folder; a leaf bundle's or a regular page's containing folder, or the bundle's
//! own folder for `../x.md`), then from the content root; a `ref`/`relref` without any `/` is
//! finally looked up by file name alone (an error when two pages share it). Paths are compared
//! lower-cased, extension and language identifier removed, `index`/`_index` meaning the folder.

use std::collections::HashMap;
use std::ops::Range;

use crate::site::urls;
use crate::site::{RefFact, RefKind};

/// Append every `ref`/`relref` shortcode of `text[body]`, and every call of a shortcode that
/// renders another page (`includes`: name → what it renders).
pub fn scan(
    text: &str,
    body: Range<usize>,
    includes: &HashMap<String, super::hook::Include>,
    out: &mut Vec<RefFact>,
) {
    let Some(src) = text.get(body.clone()) else {
        return;
    };
    let bytes = src.as_bytes();
    for open in memchr::memmem::find_iter(bytes, b"{{") {
        let after = &src[open + 2..];
        let (delim, close) = match after.as_bytes().first() {
            Some(b'<') => ('<', ">}}"),
            Some(b'%') => ('%', "%}}"),
            _ => continue,
        };
        let inner_start = open + 3;
        let rest = &src[inner_start..];
        // `{{</* … */>}}`: an escaped shortcode, shown as text.
        if rest.trim_start().starts_with("/*") {
            continue;
        }
        let _ = delim;
        let Some(end) = rest.find(close) else {
            continue;
        };
        if end > 4096 {
            continue;
        }
        let inner = &rest[..end];
        let trimmed = inner.trim_start();
        let lead = inner.len() - trimmed.len();
        let name_len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '/'))
            .unwrap_or(trimmed.len());
        let name = &trimmed[..name_len];
        let args = &trimmed[name_len..];
        if !(args.is_empty() || args.starts_with(|c: char| c.is_whitespace())) {
            continue;
        }
        let args_start = inner_start + lead + name_len;
        let abs = |span: Range<usize>| {
            (body.start + args_start + span.start)..(body.start + args_start + span.end)
        };
        let (kind, param) = match name {
            "ref" => (RefKind::HugoRef, Some("path")),
            "relref" => (RefKind::HugoRelref, Some("path")),
            _ => match includes.get(name) {
                Some(super::hook::Include::Page(param)) => (RefKind::Include, param.as_deref()),
                Some(super::hook::Include::Opaque) => {
                    let at = body.start + open;
                    out.push(RefFact {
                        kind: RefKind::Include,
                        target: String::new(),
                        span: at..at,
                    });
                    continue;
                }
                None => continue,
            },
        };
        let found = if kind == RefKind::Include && param.is_some() {
            named_arg(args, param.unwrap_or_default())
        } else {
            path_arg(args)
        };
        match found {
            Some((value, span)) => out.push(RefFact {
                kind,
                target: value,
                span: abs(span),
            }),
            // An include whose page frontlint cannot find in the call: its ids are unknown.
            None if kind == RefKind::Include => {
                let at = body.start + open;
                out.push(RefFact {
                    kind,
                    target: String::new(),
                    span: at..at,
                });
            }
            None => {}
        }
    }
}

/// A named argument (`file="x"`) of a shortcode call.
fn named_arg(args: &str, name: &str) -> Option<(String, Range<usize>)> {
    let mut from = 0;
    while let Some(i) = args[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || args.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &args[from..];
        if before_ok && rest.starts_with('=') {
            let q = rest.as_bytes().get(1).copied()?;
            if q == b'"' || q == b'`' {
                let start = from + 2;
                let end = args[start..].find(q as char)? + start;
                return Some((args[start..end].to_string(), start..end));
            }
        }
    }
    None
}

/// The `path` of a `ref` shortcode's arguments: `path="x"`, else the first positional
/// argument; with the span of its text inside `args`.
fn path_arg(args: &str) -> Option<(String, Range<usize>)> {
    let mut i = 0;
    let b = args.as_bytes();
    let mut first: Option<(String, Range<usize>)> = None;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        // A name before `=`.
        let mut name = None;
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' && j > i {
            name = Some(&args[i..j]);
            i = j + 1;
        }
        let (value, span, next) = match b.get(i) {
            Some(q @ (b'"' | b'`')) => {
                let close = args[i + 1..].find(*q as char)? + i + 1;
                (args[i + 1..close].to_string(), (i + 1)..close, close + 1)
            }
            Some(_) => {
                let mut k = i;
                while k < b.len() && !b[k].is_ascii_whitespace() {
                    k += 1;
                }
                (args[i..k].to_string(), i..k, k)
            }
            None => break,
        };
        i = next;
        match name {
            Some(n) if n.eq_ignore_ascii_case("path") => return Some((value, span)),
            Some(_) => {}
            None if first.is_none() => first = Some((value, span)),
            None => {}
        }
    }
    first
}

/// Where a page sits in Hugo's content tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreePath {
    /// The language of the page (`""` for a single-language site).
    pub lang: String,
    /// The page's key: `/section/page`, `/section` for `section/_index.md` and
    /// `section/index.md`, `/` for the home page; lower-cased, spaces as `-`.
    pub key: String,
    pub bundle: Bundle,
    /// The file name without extension and language identifier, lower-cased (`post`; the
    /// folder name for a bundle): what a `ref` without `/` matches.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    None,
    Leaf,
    Branch,
}

/// The content tree: every page by language and key, and by file name for `ref`'s last resort.
#[derive(Debug, Default)]
pub struct Tree {
    by_key: HashMap<(String, String), usize>,
    /// `None`: more than one page has that name.
    by_name: HashMap<(String, String), Option<usize>>,
    pub paths: Vec<Option<TreePath>>,
}

impl Tree {
    pub fn insert(&mut self, i: usize, path: TreePath) {
        if self.paths.len() <= i {
            self.paths.resize(i + 1, None);
        }
        self.by_key
            .entry((path.lang.clone(), path.key.clone()))
            .or_insert(i);
        self.by_name
            .entry((path.lang.clone(), path.name.clone()))
            .and_modify(|e| {
                if *e != Some(i) {
                    *e = None;
                }
            })
            .or_insert(Some(i));
        self.paths[i] = Some(path);
    }

    pub fn get(&self, lang: &str, key: &str) -> Option<usize> {
        self.by_key
            .get(&(lang.to_string(), key.to_string()))
            .copied()
    }

    /// The page `reference` names, looked up from page `from` (`getContentNode`). `Err` when a
    /// bare name matches several pages.
    pub fn lookup(
        &self,
        from: Option<usize>,
        lang: &str,
        reference: &str,
        is_reflink: bool,
        key_of: &dyn Fn(&str) -> String,
    ) -> Result<Option<usize>, ()> {
        let r = reference.trim_end_matches('/');
        let r = if r.is_empty() { "/" } else { r };
        let has_ext = urls::file_name(r).contains('.')
            && !urls::file_name(r).ends_with('.')
            && r != "."
            && r != "..";
        if has_ext {
            return self.lookup_one(from, lang, r, r, true, is_reflink, key_of);
        }
        if r == "/" {
            return self.lookup_one(from, lang, r, "/_index.md", false, is_reflink, key_of);
        }
        if r.ends_with("/index") {
            if let Some(i) = self.lookup_one(
                from,
                lang,
                r,
                &format!("{r}/index.md"),
                false,
                is_reflink,
                key_of,
            )? {
                return Ok(Some(i));
            }
        }
        self.lookup_one(from, lang, r, &format!("{r}.md"), false, is_reflink, key_of)
    }

    #[allow(clippy::too_many_arguments)]
    fn lookup_one(
        &self,
        from: Option<usize>,
        lang: &str,
        written: &str,
        r: &str,
        had_ext: bool,
        is_reflink: bool,
        key_of: &dyn Fn(&str) -> String,
    ) -> Result<Option<usize>, ()> {
        let from_path = from
            .and_then(|i| self.paths.get(i))
            .and_then(Option::as_ref);
        if let (Some(p), false) = (from_path, r.starts_with('/')) {
            let base = match p.bundle {
                Bundle::Branch => p.key.clone(),
                Bundle::Leaf if had_ext && r.starts_with("../") => p.key.clone(),
                _ => parent_key(&p.key),
            };
            if let Some(joined) = urls::join(&base, r) {
                if let Some(i) = self.get(lang, &key_of(&joined)) {
                    return Ok(Some(i));
                }
            }
        }
        if r.starts_with('.') {
            return Ok(None);
        }
        let absolute = if r.starts_with('/') {
            r.to_string()
        } else {
            format!("/{r}")
        };
        if let Some(i) = self.get(lang, &key_of(&absolute)) {
            return Ok(Some(i));
        }
        if (is_reflink || from.is_none()) && !written.contains('/') {
            let name = key_of(&format!("/{r}"));
            let name = urls::file_name(&name).to_string();
            return match self.by_name.get(&(lang.to_string(), name)) {
                Some(Some(i)) => Ok(Some(*i)),
                Some(None) => Err(()),
                None => Ok(None),
            };
        }
        Ok(None)
    }
}

/// `/a/b` → `/a`, `/a` → `/`.
fn parent_key(key: &str) -> String {
    match key.rfind('/') {
        Some(0) | None => "/".to_string(),
        Some(i) => key[..i].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(RefKind, String, String)> {
        let mut out = Vec::new();
        let includes: HashMap<String, super::super::hook::Include> = [
            (
                "include".to_string(),
                super::super::hook::Include::Page(None),
            ),
            ("glossary".to_string(), super::super::hook::Include::Opaque),
        ]
        .into_iter()
        .collect();
        scan(text, 0..text.len(), &includes, &mut out);
        out.into_iter()
            .map(|r| (r.kind, r.target, text[r.span].to_string()))
            .collect()
    }

    #[test]
    fn finds_refs_as_hugo_parses_shortcodes() {
        let text = "见 [a]({{< ref \"文档/安装.md#步骤\" >}}), {{% relref path=\"b\" lang=\"de\" %}},\r\n\
                    {{< ref `c.md` >}} {{</* ref \"escaped\" */>}} {{< refx \"no\" >}} {{<ref d>}}\r\n\
                    {{% include \"/_common/x.md\" %}} {{% glossary %}} {{< note >}}\r\n\
                    ```\r\n{{< relref \"in-code\" >}}\r\n```\r\n";
        let got = refs(text);
        assert_eq!(
            got,
            [
                (
                    RefKind::HugoRef,
                    "文档/安装.md#步骤".into(),
                    "文档/安装.md#步骤".into()
                ),
                (RefKind::HugoRelref, "b".into(), "b".into()),
                (RefKind::HugoRef, "c.md".into(), "c.md".into()),
                (RefKind::HugoRef, "d".into(), "d".into()),
                (
                    RefKind::Include,
                    "/_common/x.md".into(),
                    "/_common/x.md".into()
                ),
                (RefKind::Include, "".into(), "".into()),
                (RefKind::HugoRelref, "in-code".into(), "in-code".into()),
            ]
        );
    }

    #[test]
    fn lookup_order() {
        let key = |p: &str| {
            let p = p.to_lowercase();
            let p = p.strip_suffix(".md").unwrap_or(&p).to_string();
            let p = p
                .strip_suffix("/_index")
                .or_else(|| p.strip_suffix("/index"))
                .unwrap_or(&p)
                .to_string();
            if p.is_empty() { "/".into() } else { p }
        };
        let mut t = Tree::default();
        let mut add = |i, k: &str, bundle, name: &str| {
            t.insert(
                i,
                TreePath {
                    lang: String::new(),
                    key: k.into(),
                    bundle,
                    name: name.into(),
                },
            )
        };
        add(0, "/", Bundle::Branch, "");
        add(1, "/blog", Bundle::Branch, "blog");
        add(2, "/blog/post", Bundle::None, "post");
        add(3, "/blog/bun", Bundle::Leaf, "bun");
        add(4, "/docs/post", Bundle::None, "post");
        add(5, "/docs/unique", Bundle::None, "unique");
        // Relative to a regular page's folder, then from the root.
        assert_eq!(t.lookup(Some(2), "", "bun", true, &key), Ok(Some(3)));
        assert_eq!(
            t.lookup(Some(2), "", "docs/post.md", true, &key),
            Ok(Some(4))
        );
        assert_eq!(t.lookup(Some(1), "", "post", true, &key), Ok(Some(2)));
        assert_eq!(t.lookup(Some(3), "", "post.md", true, &key), Ok(Some(2)));
        assert_eq!(t.lookup(None, "", "/blog/", true, &key), Ok(Some(1)));
        assert_eq!(t.lookup(None, "", "/", true, &key), Ok(Some(0)));
        // A bare name: unique anywhere, ambiguous is an error, `./` is page-relative only.
        assert_eq!(t.lookup(Some(3), "", "unique", true, &key), Ok(Some(5)));
        assert_eq!(t.lookup(Some(5), "", "post.md", true, &key), Ok(Some(4)));
        assert_eq!(t.lookup(Some(0), "", "post", true, &key), Err(()));
        assert_eq!(t.lookup(Some(0), "", "./unique", true, &key), Ok(None));
        // GetPage (not a reflink) does no name lookup.
        assert_eq!(t.lookup(Some(3), "", "unique", false, &key), Ok(None));
    }
}
