//! Page facts: what the site-wide phase needs to know about one file, extracted once by the
//! per-file phase (in parallel, and cached with its diagnostics), so that the site-wide phase
//! never reads or parses a file again.

use std::ops::Range;

use serde::Serialize;

use super::{RefFact, Site};
use crate::document::Document;
use crate::parse::{Node, Value};

/// An id meaning "this page has ids frontlint cannot know" (content that a plugin or a
/// directive generates when the site is built, such as MkDocs' `::: identifier` blocks): a
/// generator's [`super::Generator::extra_ids`] adds it, and no `#fragment` into the page is
/// reported.
pub const ANY_ANCHOR: &str = "\u{0}any";

/// What one file contributes to the page map. The lists ([`FactLists`], read through `Deref`)
/// are boxed and left out when all are empty, as they are for most files of a large run: the
/// facts of every file stay in memory through the site-wide phase, and six empty vectors per
/// file were 15 MB for 100,000 files.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// The file opens a front matter (empty, unterminated or not parsed included): what
    /// decides whether Jekyll renders a file or copies it as is.
    pub has_front_matter: bool,
    /// Whether the body was read (`false` with `--no-body`): without it, links and anchors are
    /// unknown, not empty.
    pub body: bool,
    lists: Option<Box<FactLists>>,
}

/// The lists of a file's [`PageFacts`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FactLists {
    /// The header values the generator reads for URLs, languages and publish state
    /// ([`super::Generator::page_keys`]), in header order.
    pub fields: Vec<Field>,
    /// Every id the body defines, by the site's heading-id style (sorted, unique).
    pub anchors: Vec<String>,
    /// Body links and images whose destination is a path or a fragment (not a URL with a scheme).
    pub links: Vec<LinkFact>,
    /// Header images that are paths (the thumbnail fields).
    pub images: Vec<ImageFact>,
    /// Generator cross-references (`ref`, `relref`, `{% link %}`, `{% post_url %}`, `@/`).
    pub refs: Vec<RefFact>,
    /// Suppression comments naming rules the site-wide phase reports, not used by the
    /// per-file phase: the site-wide phase applies them.
    #[serde(skip)]
    pub suppressions: Vec<crate::suppress::Pending>,
}

impl FactLists {
    const EMPTY: FactLists = FactLists {
        fields: Vec::new(),
        anchors: Vec::new(),
        links: Vec::new(),
        images: Vec::new(),
        refs: Vec::new(),
        suppressions: Vec::new(),
    };

    fn is_empty(&self) -> bool {
        self == &Self::EMPTY
    }
}

impl std::ops::Deref for PageFacts {
    type Target = FactLists;

    fn deref(&self) -> &FactLists {
        static EMPTY: FactLists = FactLists::EMPTY;
        self.lists.as_deref().unwrap_or(&EMPTY)
    }
}

/// Writing a list makes room for them; [`PageFacts::compact`] drops them again when empty.
impl std::ops::DerefMut for PageFacts {
    fn deref_mut(&mut self) -> &mut FactLists {
        self.lists.get_or_insert_with(Box::default)
    }
}

/// Equal when the lists are, whether empty lists are boxed or not.
impl PartialEq for PageFacts {
    fn eq(&self, other: &PageFacts) -> bool {
        self.has_front_matter == other.has_front_matter
            && self.body == other.body
            && **self == **other
    }
}

impl Serialize for PageFacts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PageFacts", 7)?;
        st.serialize_field("has_front_matter", &self.has_front_matter)?;
        st.serialize_field("fields", &self.fields)?;
        st.serialize_field("body", &self.body)?;
        st.serialize_field("anchors", &self.anchors)?;
        st.serialize_field("links", &self.links)?;
        st.serialize_field("images", &self.images)?;
        st.serialize_field("refs", &self.refs)?;
        st.end()
    }
}

/// A header value the generator reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The key, lower-cased; nested keys dotted (`_build.render`).
    pub key: String,
    pub value: FieldValue,
    /// The value's span in the file.
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// Strings, TOML date-times (as written) and numbers (as written).
    Str(String),
    Bool(bool),
    /// A list of strings (other items are left out), each with its span.
    List(Vec<Item>),
    /// A mapping, null, or anything else the page map does not read.
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub value: String,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A body link or image to a path or a fragment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkFact {
    /// The destination as Markdown means it (escapes resolved).
    pub dest: String,
    /// Span of the destination as written.
    #[serde(skip)]
    pub span: Range<usize>,
    pub image: bool,
}

/// A header image that is a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageFact {
    /// The field (`thumbnail`, `cover.image`).
    pub field: String,
    /// The path as written (trimmed).
    pub path: String,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl PageFacts {
    /// Facts with no lists yet.
    pub fn new(has_front_matter: bool, body: bool) -> PageFacts {
        PageFacts {
            has_front_matter,
            body,
            lists: None,
        }
    }

    /// Drop the lists when all are empty, and their spare capacity (kept for the whole run).
    pub fn compact(&mut self) {
        if let Some(lists) = &mut self.lists {
            if lists.is_empty() {
                self.lists = None;
            } else {
                lists.fields.shrink_to_fit();
                lists.anchors.shrink_to_fit();
                lists.links.shrink_to_fit();
                lists.images.shrink_to_fit();
                lists.refs.shrink_to_fit();
                lists.suppressions.shrink_to_fit();
            }
        }
    }

    /// The field with this (lower-case, dotted) key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The string value of a field (strings, numbers, dates), when it is one and not empty.
    pub fn str(&self, key: &str) -> Option<&str> {
        match &self.field(key)?.value {
            FieldValue::Str(s) if !s.trim().is_empty() => Some(s.as_str()),
            _ => None,
        }
    }

    /// A boolean field (`true`/`false`; also the strings `"true"`/`"false"`, as generators
    /// coerce them).
    pub fn bool(&self, key: &str) -> Option<bool> {
        match &self.field(key)?.value {
            FieldValue::Bool(b) => Some(*b),
            FieldValue::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            FieldValue::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// The items of a list field; a string field is a list of one.
    pub fn list(&self, key: &str) -> Vec<Item> {
        match self.field(key).map(|f| (&f.value, f.span.clone())) {
            Some((FieldValue::List(items), _)) => items.clone(),
            Some((FieldValue::Str(s), span)) => vec![Item {
                value: s.clone(),
                span,
            }],
            _ => Vec::new(),
        }
    }
}

/// The facts of one linted document, for `site`. `image_fields` are the header keys holding
/// images; `link_excluded` says which destinations the user excluded from checks.
pub fn extract(
    site: &Site,
    doc: &Document,
    image_fields: &[String],
    read_body: bool,
    terms: bool,
    link_excluded: &dyn Fn(&str) -> bool,
) -> PageFacts {
    let mut facts = PageFacts {
        body: read_body,
        ..PageFacts::default()
    };
    facts.has_front_matter = doc.front.is_some();
    if let Some(root) = doc.mapping() {
        for key in site.generator.page_keys() {
            if let Some(node) = lookup(root, key) {
                facts.fields.push(Field {
                    key: (*key).to_string(),
                    value: field_value(doc.text, node),
                    span: node.span.clone(),
                });
            }
        }
        // Taxonomy terms, when asked (the language server completes the terms other pages
        // use): a command-line run does not keep them (100,000 pages, 100,000 small lists).
        let default_taxonomies = ["tags", "categories", "keywords"];
        let taxonomies: Vec<&str> = match &site.taxonomies {
            _ if !terms => Vec::new(),
            Some(t) => t.iter().map(|t| t.key.as_str()).collect(),
            None => default_taxonomies.to_vec(),
        };
        for key in taxonomies {
            if site.generator.page_keys().contains(&key) {
                continue;
            }
            if let Some(node) = lookup(root, key) {
                facts.fields.push(Field {
                    key: key.to_string(),
                    value: field_value(doc.text, node),
                    span: node.span.clone(),
                });
            }
        }
        for field in image_fields {
            if let Some(node) = lookup(root, field) {
                let items: Vec<&Node> = match &node.value {
                    Value::Seq(items) => items.iter().collect(),
                    _ => vec![node],
                };
                for item in items {
                    if let Value::String(s) = &item.value {
                        let path = s.trim();
                        // Not a URL, and a plausible path (`thumbnail/invalid-url` reports the rest).
                        if is_path(path) && crate::util::plausible_path(path) {
                            facts.images.push(ImageFact {
                                field: field.clone(),
                                path: path.to_string(),
                                span: item.span.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
    if !read_body {
        facts.compact();
        return facts;
    }
    let body = &doc.text[doc.body.clone()];
    // Without `[`, `<`, `#` or a setext underline, the body has no link, heading or HTML id.
    if doc.facts.get().is_some() || crate::body::has_link_syntax(body) {
        let body_facts = doc.facts();
        facts.anchors = super::anchors::ids(&site.headings, body_facts);
        if site.kind == super::Kind::Folder {
            // No generator says how heading ids are made: an anchor is fine when GitHub's
            // renderer or `github-slugger` (Astro, Docusaurus, most JavaScript sites) makes it;
            // they differ on combining marks (`#सर्वर-प्रथम`) and punctuation.
            let slugger = super::anchors::Style::GithubSlugger {
                strip_trailing_dash: false,
                h1_ids: true,
            };
            facts
                .anchors
                .extend(super::anchors::ids(&slugger, body_facts));
            facts.anchors.sort();
            facts.anchors.dedup();
        }
        let before = facts.anchors.len();
        let mut deps = Vec::new();
        site.generator.extra_ids(
            doc.text,
            doc.body.clone(),
            body_facts,
            &mut facts.anchors,
            &mut deps,
        );
        for d in &deps {
            doc.depends_on(d);
        }
        if facts.anchors.len() > before {
            facts.anchors.sort();
            facts.anchors.dedup();
        }
        for link in &body_facts.links {
            // `<someone@example.org>` is an e-mail address, not a file.
            if link.kind == crate::body::LinkKind::Email {
                continue;
            }
            let dest = link.dest.trim();
            // Template destinations are kept: the generator may expand them
            // (`Generator::expand_link`) in the site-wide phase.
            if dest.is_empty()
                || !(is_template(dest) || is_path(dest))
                || link_excluded(dest.split('#').next().unwrap_or(""))
            {
                continue;
            }
            facts.links.push(LinkFact {
                dest: dest.to_string(),
                span: link.dest_span.clone(),
                image: link.image,
            });
        }
        let before = facts.links.len();
        site.generator.template_links(
            doc.text,
            doc.body.clone(),
            &body_facts.code,
            &mut facts.links,
        );
        if facts.links.len() > before {
            // One the Markdown parser saw already (no space in it) is kept once.
            let (seen, found) = facts.links.split_at(before);
            let fresh: Vec<LinkFact> = found
                .iter()
                .filter(|l| {
                    !seen.iter().any(|s| s.span.start == l.span.start)
                        && !link_excluded(l.dest.split('#').next().unwrap_or(""))
                })
                .cloned()
                .collect();
            facts.links.truncate(before);
            facts.links.extend(fresh);
        }
        site.generator.refs(
            doc.text,
            doc.body.clone(),
            &body_facts.code,
            &mut facts.refs,
        );
    } else {
        site.generator
            .refs(doc.text, doc.body.clone(), &[], &mut facts.refs);
    }
    facts.compact();
    facts
}

/// A destination written in a template language (`{{ … }}`, `{% … %}`).
pub fn is_template(dest: &str) -> bool {
    dest.contains("{{") || dest.contains("{%")
}

/// A header value by lower-case dotted key, matching keys case-insensitively (the last of
/// repeated keys, as generators keep it).
pub fn lookup<'a>(root: &'a Node, dotted: &str) -> Option<&'a Node> {
    let mut node = root;
    for part in dotted.split('.') {
        node = &node.get_entry_ignore_case(part)?.value;
    }
    Some(node)
}

/// A header value as the page map reads it.
pub fn field_value(text: &str, node: &Node) -> FieldValue {
    match &node.value {
        Value::String(s) | Value::DateTime(s) => FieldValue::Str(s.clone()),
        Value::Bool(b) => FieldValue::Bool(*b),
        Value::Int(_) | Value::Float(_) => FieldValue::Str(
            text.get(node.span.clone())
                .unwrap_or_default()
                .trim()
                .to_string(),
        ),
        Value::Seq(items) => FieldValue::List(
            items
                .iter()
                .filter_map(|i| match &i.value {
                    Value::String(s) | Value::DateTime(s) => Some(Item {
                        value: s.clone(),
                        span: i.span.clone(),
                    }),
                    Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(Item {
                        value: text
                            .get(i.span.clone())
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                        span: i.span.clone(),
                    }),
                    _ => None,
                })
                .collect(),
        ),
        _ => FieldValue::Other,
    }
}

/// A destination that is a path or a fragment: not `scheme:…` (`https:`, `mailto:`, `tel:`),
/// not protocol-relative `//host`, not a template (`{{ … }}`, `{% … %}`).
pub fn is_path(dest: &str) -> bool {
    if dest.starts_with("//") || dest.contains("{{") || dest.contains("{%") {
        return false;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            // A Windows drive (`C:`) or a colon after a `/`, `?` or `#` is not a scheme.
            !(scheme.len() > 1
                && scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
        }
        None => true,
    }
}

// ---------------------------------------------------------------------------------------------
// Cache encoding: length-prefixed, little-endian; every read is bounds-checked, so a bad record
// decodes to `None`, never a panic.

impl PageFacts {
    /// Append the facts to a cache record.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut w = Writer(out);
        w.u8(u8::from(self.has_front_matter) | (u8::from(self.body) << 1));
        w.u32(self.fields.len());
        for f in &self.fields {
            w.str(&f.key);
            w.span(&f.span);
            match &f.value {
                FieldValue::Str(s) => {
                    w.u8(0);
                    w.str(s);
                }
                FieldValue::Bool(b) => w.u8(1 + u8::from(*b)),
                FieldValue::List(items) => {
                    w.u8(3);
                    w.u32(items.len());
                    for it in items {
                        w.str(&it.value);
                        w.span(&it.span);
                    }
                }
                FieldValue::Other => w.u8(4),
            }
        }
        w.u32(self.anchors.len());
        for a in &self.anchors {
            w.str(a);
        }
        w.u32(self.links.len());
        for l in &self.links {
            w.str(&l.dest);
            w.span(&l.span);
            w.u8(u8::from(l.image));
        }
        w.u32(self.images.len());
        for i in &self.images {
            w.str(&i.field);
            w.str(&i.path);
            w.span(&i.span);
        }
        w.u32(self.refs.len());
        for r in &self.refs {
            w.u8(r.kind as u8);
            w.str(&r.target);
            w.span(&r.span);
        }
        w.u32(self.suppressions.len());
        for p in &self.suppressions {
            w.span(&p.span);
            match &p.lines {
                Some(r) => {
                    w.u8(1);
                    w.span(r);
                }
                None => w.u8(0),
            }
            w.str(&p.id);
        }
    }

    /// Read facts written by [`PageFacts::encode`].
    pub fn decode(bytes: &[u8]) -> Option<PageFacts> {
        let mut r = Reader(bytes);
        let flags = r.u8()?;
        let mut facts = PageFacts {
            has_front_matter: flags & 1 != 0,
            body: flags & 2 != 0,
            ..PageFacts::default()
        };
        for _ in 0..r.count()? {
            let key = r.string()?;
            let span = r.span()?;
            let value = match r.u8()? {
                0 => FieldValue::Str(r.string()?),
                1 => FieldValue::Bool(false),
                2 => FieldValue::Bool(true),
                3 => {
                    let mut items = Vec::new();
                    for _ in 0..r.count()? {
                        items.push(Item {
                            value: r.string()?,
                            span: r.span()?,
                        });
                    }
                    FieldValue::List(items)
                }
                4 => FieldValue::Other,
                _ => return None,
            };
            facts.fields.push(Field { key, value, span });
        }
        for _ in 0..r.count()? {
            facts.anchors.push(r.string()?);
        }
        for _ in 0..r.count()? {
            facts.links.push(LinkFact {
                dest: r.string()?,
                span: r.span()?,
                image: r.u8()? != 0,
            });
        }
        for _ in 0..r.count()? {
            facts.images.push(ImageFact {
                field: r.string()?,
                path: r.string()?,
                span: r.span()?,
            });
        }
        for _ in 0..r.count()? {
            let kind = match r.u8()? {
                0 => super::RefKind::HugoRef,
                1 => super::RefKind::HugoRelref,
                2 => super::RefKind::JekyllLink,
                3 => super::RefKind::JekyllPostUrl,
                4 => super::RefKind::ZolaAt,
                5 => super::RefKind::Include,
                _ => return None,
            };
            facts.refs.push(RefFact {
                kind,
                target: r.string()?,
                span: r.span()?,
            });
        }
        for _ in 0..r.count()? {
            let span = r.span()?;
            let lines = match r.u8()? {
                0 => None,
                1 => Some(r.span()?),
                _ => return None,
            };
            facts.suppressions.push(crate::suppress::Pending {
                span,
                lines,
                id: r.string()?,
            });
        }
        facts.compact();
        r.0.is_empty().then_some(facts)
    }
}

struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: usize) {
        self.0
            .extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn span(&mut self, r: &Range<usize>) {
        self.u32(r.start);
        self.u32(r.end);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    /// A count of items, each at least one byte: never more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()?;
        (n <= self.0.len()).then_some(n)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn span(&mut self) -> Option<Range<usize>> {
        let start = self.u32()?;
        let end = self.u32()?;
        (start <= end).then_some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_survive_the_cache_encoding() {
        let facts = PageFacts {
            has_front_matter: true,
            body: true,
            lists: Some(Box::new(FactLists {
                fields: vec![
                    Field {
                        key: "slug".into(),
                        value: FieldValue::Str("标题".into()),
                        span: 4..10,
                    },
                    Field {
                        key: "draft".into(),
                        value: FieldValue::Bool(true),
                        span: 11..15,
                    },
                    Field {
                        key: "aliases".into(),
                        value: FieldValue::List(vec![Item {
                            value: "/a/".into(),
                            span: 20..23,
                        }]),
                        span: 19..24,
                    },
                    Field {
                        key: "cascade".into(),
                        value: FieldValue::Other,
                        span: 30..40,
                    },
                ],
                anchors: vec!["安装".into(), "b".into()],
                links: vec![LinkFact {
                    dest: "../a.md#b".into(),
                    span: 50..59,
                    image: false,
                }],
                images: vec![ImageFact {
                    field: "thumbnail".into(),
                    path: "a.png".into(),
                    span: 60..65,
                }],
                refs: vec![RefFact {
                    kind: super::super::RefKind::HugoRelref,
                    target: "x.md".into(),
                    span: 70..74,
                }],
                suppressions: vec![crate::suppress::Pending {
                    span: 1..2,
                    lines: Some(3..9),
                    id: "link".into(),
                }],
            })),
        };
        let mut bytes = Vec::new();
        facts.encode(&mut bytes);
        assert_eq!(PageFacts::decode(&bytes), Some(facts));
        // Truncated or extended records are rejected, never a panic.
        for n in 0..bytes.len() {
            assert_eq!(PageFacts::decode(&bytes[..n]), None, "{n}");
        }
        bytes.push(0);
        assert_eq!(PageFacts::decode(&bytes), None);
    }

    #[test]
    fn empty_lists_take_no_room() {
        let mut facts = PageFacts {
            has_front_matter: true,
            ..PageFacts::default()
        };
        facts.anchors.push("a".into());
        assert!(facts.lists.is_some());
        facts.compact();
        assert!(facts.lists.is_some(), "a list with an item is kept");
        facts.anchors.clear();
        let boxed = facts.clone();
        facts.compact();
        assert!(facts.lists.is_none(), "empty lists are dropped");
        assert!(
            boxed.lists.is_some() && boxed == facts,
            "boxed or not, empty lists are equal"
        );
        assert!(facts.links.is_empty() && facts.fields.is_empty());
        let mut bytes = Vec::new();
        facts.encode(&mut bytes);
        let back = PageFacts::decode(&bytes).expect("decodes");
        assert!(back.lists.is_none() && back.has_front_matter && !back.body);
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::json!({"has_front_matter": true, "fields": [], "body": false,
                "anchors": [], "links": [], "images": [], "refs": []})
        );
    }

    #[test]
    fn paths_and_urls() {
        for p in [
            "a.md",
            "../b/",
            "/img/a.png",
            "#h",
            "文章/a.md",
            "a.md#x:y",
            "C:/x",
        ] {
            assert!(is_path(p), "{p}");
        }
        for u in [
            "https://a.example",
            "mailto:a@b.c",
            "//cdn.example/x",
            "{{< ref \"a\" >}}",
            "tel:+1",
        ] {
            assert!(!is_path(u), "{u}");
        }
    }
}
