//! Body facts: what the linter needs to know about the Markdown *body* of a file.
//!
//! Front-matter rules sometimes have to look past the front matter: a `description` that merely
//! repeats the first paragraph, an `aliases`/`url` that collides with a heading anchor, a link to
//! `other.md#section` whose section does not exist, an empty `[text]()` link. This module walks
//! the body once with `pulldown-cmark` (offset iterator) and extracts exactly those facts:
//!
//! * **links and images** (inline, reference, autolink, e-mail) with the destination as Markdown
//!   means it and byte spans of both the whole link and the destination *as written*, so a rule
//!   can point at (or rewrite) the exact bytes. Nothing in code (fenced, indented or inline) or in
//!   raw HTML/JSX counts; destinations that are Hugo shortcodes (`{{< ref "x" >}}`) are skipped
//!   because they cannot be checked statically;
//! * **headings** with their plain text and anchor id (Hugo `{#id}` attribute, else a GitHub-style
//!   slug, de-duplicated with `-1`, `-2`, … like Hugo/Goldmark does);
//! * the **lead text**: the plain text at the start of the body, to compare with a `summary` or
//!   `description` field.
//!
//! Conventions where Markdown leaves a choice:
//!
//! * a destination that is (or contains) a shortcode, `[t]({{< ref "x.md" >}})`, yields **no**
//!   link; `<mailto:…>` autolinks are [`LinkKind::Email`] like `<a@b.c>` (whose `dest` is the bare
//!   address, as written); `[t]()` and `[r]: <>` yield a link with an empty `dest`;
//! * heading ids follow Hugo/Goldmark: custom ids are kept verbatim, generated ones are
//!   de-duplicated against every id seen so far, and an empty slug becomes `heading`;
//! * the lead text skips image alt text, footnotes, task markers and MDX `import`/`export`
//!   paragraphs, and renders line breaks as spaces and table cells separated by spaces.
//!
//! All spans are byte offsets into the *whole file*, so diagnostics can be rendered directly.
//! The parser runs with the extensions that Hugo's Goldmark enables by default and that change
//! link or heading structure (tables, strikethrough, footnotes, task lists, definition lists,
//! heading attributes, GFM blockquote alerts); bare-URL autolinking is not enabled.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    Inline,
    Reference,
    Autolink,
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub image: bool,
    /// The destination as Markdown means it (escapes resolved, `<…>` brackets removed).
    pub dest: String,
    /// Byte range, in the whole file, of the destination as written (for a reference link:
    /// the destination in its definition line `[ref]: dest`; for an autolink: the URL inside `<…>`).
    pub dest_span: Range<usize>,
    /// Byte range of the whole link or image (`[text](dest)`, `![alt][ref]`, `<https://…>`).
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6; 0 for a definition-list term, which Hugo (`autoDefinitionTermID`) also gives an id.
    pub level: u8,
    /// Plain text of the heading (inline markup reduced to text).
    pub text: String,
    /// The anchor id: Hugo's `{#custom-id}` attribute when present, else a GitHub-style slug
    /// (lowercase, punctuation removed except `-` and `_`, spaces → `-`, CJK letters kept);
    /// repeated slugs get `-1`, `-2`, … in document order.
    pub anchor: String,
    /// The anchor is a custom id (`{#id}`), not generated from the text.
    pub custom: bool,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyFacts {
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Plain text of the body from its start, for summary comparison: emphasis, links and inline
    /// code reduced to their text; headings BEFORE the first paragraph skipped; HTML (incl. comments)
    /// and code blocks dropped; Hugo shortcodes `{{< … >}}` / `{{% … %}}` dropped; paragraphs joined
    /// by a single `\n`. Stops after `lead_limit` characters (chars, not bytes) — pass e.g. 2000.
    pub lead_text: String,
    /// `id` and `name` attributes of raw HTML in the body (`<a id="x">`, `<h2 id="y">`).
    pub html_ids: Vec<String>,
    /// Footnote labels in the order of their first reference (renderers number them so).
    pub footnotes: Vec<String>,
    /// Byte ranges (in the whole file) of code: fenced and indented blocks, inline code spans.
    pub code: Vec<Range<usize>>,
}

/// Marker for an inline link whose `dest_span` is filled in at its `End` event.
const PENDING: usize = usize::MAX;

/// Longest shortcode tag (`{{< name params >}}`) looked for; an unclosed one ends at its line.
const SHORTCODE_MAX_LEN: usize = 4096;

/// Above this many headings, anchor de-duplication switches from a linear scan to hash sets.
const LINEAR_ANCHOR_LIMIT: usize = 32;

/// Parser options: what Hugo's default Goldmark configuration enables, minus bare-URL linkify
/// and typographer (smart punctuation would alter the lead text).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Extract links, headings and lead text from the body of a Markdown file.
///
/// `text` is the whole file; `body` the byte range of the body within it (after the front matter).
/// All spans returned are byte offsets into `text`. An invalid `body` range (out of bounds or not
/// on a char boundary) yields empty facts.
pub fn extract(text: &str, body: Range<usize>, lead_limit: usize) -> BodyFacts {
    let Some(src) = text.get(body.clone()) else {
        return BodyFacts::default();
    };
    let base = body.start;
    let bytes = src.as_bytes();
    let abs = |r: &Range<usize>| (r.start + base)..(r.end + base);

    let mut links: Vec<Link> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut html_ids: Vec<String> = Vec::new();
    let mut footnotes: Vec<String> = Vec::new();
    let mut code: Vec<Range<usize>> = Vec::new();
    let mut anchors = Anchors::default();
    let mut lead = Lead::new(src, lead_limit);
    let mut heading: Option<OpenHeading<'_>> = None;
    let mut pending_inline = 0usize;
    let mut prev: Range<usize> = 0..0;

    let mut iter = Parser::new_ext(src, options()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(tag) => {
                let is_image = matches!(tag, Tag::Image { .. });
                match tag {
                    Tag::Link {
                        link_type,
                        dest_url,
                        id,
                        ..
                    }
                    | Tag::Image {
                        link_type,
                        dest_url,
                        id,
                        ..
                    } => {
                        let image = is_image;
                        if image {
                            lead.skip += 1;
                        }
                        let mut span = range.clone();
                        let found = match link_type {
                            LinkType::Inline => Some((LinkKind::Inline, PENDING..PENDING)),
                            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                                if link_type == LinkType::Collapsed
                                    && src.get(span.end..).is_some_and(|s| s.starts_with("[]"))
                                {
                                    span.end += 2;
                                }
                                let ds = match iter.reference_definitions().get(&id) {
                                    Some(def) => refdef_dest_span(bytes, def.span.clone()),
                                    None => span.start..span.start,
                                };
                                Some((LinkKind::Reference, ds))
                            }
                            LinkType::Autolink | LinkType::Email => {
                                let kind = if link_type == LinkType::Email
                                    || starts_with_ignore_ascii_case(&dest_url, "mailto:")
                                {
                                    LinkKind::Email
                                } else {
                                    LinkKind::Autolink
                                };
                                let inner = (range.start + 1)..range.end.saturating_sub(1);
                                Some((kind, inner))
                            }
                            // Unknown references (only with a broken-link callback) and wikilinks
                            // (not enabled) are not links we report.
                            _ => None,
                        };
                        let found = found.filter(|_| !is_template_dest(&dest_url));
                        if let Some((kind, dest_span)) = found {
                            if dest_span.start == PENDING {
                                pending_inline += 1;
                            }
                            let dest_span = if dest_span.start == PENDING {
                                dest_span
                            } else {
                                abs(&dest_span)
                            };
                            links.push(Link {
                                kind,
                                image,
                                dest: dest_url.into_string(),
                                dest_span,
                                span: abs(&span),
                            });
                        }
                    }
                    Tag::Heading { level, id, .. } => {
                        heading = Some(OpenHeading {
                            level: level as u8,
                            id,
                            text: String::new(),
                            span: range.clone(),
                        });
                        lead.block_boundary();
                        lead.in_heading = true;
                    }
                    Tag::DefinitionListTitle => {
                        // Hugo's `autoDefinitionTermID` gives definition terms ids like headings.
                        heading = Some(OpenHeading {
                            level: 0,
                            id: None,
                            text: String::new(),
                            span: range.clone(),
                        });
                        lead.block_boundary();
                    }
                    Tag::Paragraph => {
                        lead.block_boundary();
                        if is_mdx_esm(&src[range.clone()]) {
                            lead.skip_paragraph = true;
                        }
                    }
                    Tag::CodeBlock(_) | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => {
                        if matches!(tag, Tag::CodeBlock(_)) {
                            code.push(abs(&range));
                        }
                        lead.block_boundary();
                        lead.skip += 1;
                    }
                    Tag::TableCell => lead.space(),
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                    Tag::Superscript | Tag::Subscript => {}
                    _ => lead.block_boundary(),
                }
            }
            Event::End(end) => match end {
                TagEnd::Link | TagEnd::Image => {
                    if end == TagEnd::Image {
                        lead.skip = lead.skip.saturating_sub(1);
                    }
                    if pending_inline > 0 {
                        let span = abs(&range);
                        if let Some(link) = links
                            .iter_mut()
                            .rev()
                            .find(|l| l.dest_span.start == PENDING && l.span == span)
                        {
                            let from = if prev == range {
                                range.start + 1 + usize::from(link.image)
                            } else {
                                prev.end
                            };
                            link.dest_span = abs(&inline_dest_span(bytes, from, range.end));
                            pending_inline -= 1;
                        }
                    }
                }
                TagEnd::Heading(_) | TagEnd::DefinitionListTitle => {
                    if let Some(h) = heading.take() {
                        let mut text = h.text;
                        text.truncate(text.trim_end().len());
                        let leading = text.len() - text.trim_start().len();
                        text.drain(..leading);
                        let custom = h.id.as_ref().is_some_and(|id| !id.is_empty());
                        let anchor = match h.id {
                            Some(id) if !id.is_empty() => {
                                anchors.assign(&headings, id.into_string(), true)
                            }
                            _ => anchors.assign(&headings, slug(&text), false),
                        };
                        let span = trim_end_span(bytes, h.span);
                        headings.push(Heading {
                            level: h.level,
                            text,
                            anchor,
                            custom,
                            span: abs(&span),
                        });
                    }
                    lead.in_heading = false;
                    lead.block_boundary();
                }
                TagEnd::Paragraph => {
                    lead.skip_paragraph = false;
                    lead.block_boundary();
                }
                TagEnd::CodeBlock | TagEnd::FootnoteDefinition | TagEnd::MetadataBlock(_) => {
                    lead.skip = lead.skip.saturating_sub(1);
                    lead.block_boundary();
                }
                TagEnd::TableCell => lead.space(),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
                TagEnd::Superscript | TagEnd::Subscript => {}
                _ => lead.block_boundary(),
            },
            Event::Text(t) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
                lead.text(&t, range.clone());
            }
            Event::Code(t) => {
                code.push(abs(&range));
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
                lead.code(&t, range.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.text.push(' ');
                }
                lead.space();
            }
            Event::Rule => lead.block_boundary(),
            Event::Html(h) | Event::InlineHtml(h) => html_attribute_ids(&h, &mut html_ids),
            Event::FootnoteReference(label) if !footnotes.iter().any(|f| f.as_str() == &*label) => {
                footnotes.push(label.into_string());
            }
            // HTML (blocks, inline tags, comments, JSX), footnote references, task markers and
            // math carry no text for the lead and no Markdown links.
            _ => {}
        }
        prev = range;
    }

    BodyFacts {
        links,
        headings,
        lead_text: lead.finish(),
        html_ids,
        footnotes,
        code,
    }
}

/// The values of `id="…"` and `name="…"` attributes in a piece of raw HTML (quoted with `"`
/// or `'`, or unquoted), which browsers scroll to like heading ids.
fn html_attribute_ids(html: &str, out: &mut Vec<String>) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'=', &b[i..]) {
        let eq = i + off;
        i = eq + 1;
        // The attribute name: ASCII letters right before `=` (spaces allowed between).
        let mut end = eq;
        while end > 0 && b[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && b[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        let name = &b[start..end];
        let separated = start > 0 && b[start - 1].is_ascii_whitespace();
        if !separated || !(name.eq_ignore_ascii_case(b"id") || name.eq_ignore_ascii_case(b"name")) {
            continue;
        }
        let mut v = eq + 1;
        while v < b.len() && b[v].is_ascii_whitespace() {
            v += 1;
        }
        let value = match b.get(v) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let rest = &html[v + 1..];
                rest.split(q as char).next().unwrap_or("")
            }
            Some(_) => html[v..]
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
            None => "",
        };
        if !value.is_empty() && !value.contains("{{") {
            out.push(value.to_string());
        }
    }
}

/// GitHub-style slug of a heading text (used for anchors of other files too).
///
/// Follows Hugo's `autoHeadingIDType = "github"`: letters, digits and `_` are kept (lowercased),
/// spaces and `-` become `-`, everything else is dropped. Non-ASCII letters (CJK, accented, …)
/// are kept. An empty result stays empty here; [`extract`] uses `heading` for such anchors.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' || c == '-' {
            out.push('-');
        } else if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '_' {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Cheap byte scan: `false` only when `body` cannot contain any link, image, autolink or heading,
/// i.e. it has no `[`, `<` or `#` byte and no line that could be a setext underline (`===`, `---`).
pub fn has_link_syntax(body: &str) -> bool {
    let b = body.as_bytes();
    let len = b.len();
    let mut i = 0;
    while i < len {
        // At a line start: a setext underline is up to 3 spaces, a run of `=` or `-`, then only
        // spaces or tabs until the end of the line.
        let mut j = i;
        while j < len && j - i < 3 && b[j] == b' ' {
            j += 1;
        }
        if j < len && (b[j] == b'=' || b[j] == b'-') {
            let c = b[j];
            while j < len && b[j] == c {
                j += 1;
            }
            while j < len && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            if j == len || b[j] == b'\n' || b[j] == b'\r' {
                return true;
            }
        }
        // Rest of the line.
        while i < len {
            match b[i] {
                b'[' | b'<' | b'#' => return true,
                b'\n' | b'\r' => {
                    i += 1;
                    break;
                }
                _ => i += 1,
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Links

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// A destination built from a Hugo shortcode (or other template syntax) cannot be checked.
fn is_template_dest(dest: &str) -> bool {
    dest.starts_with("{{") || dest.contains("{{<") || dest.contains("{{%")
}

/// Skip the whitespace between `(`/`:` and a destination: spaces and tabs, at most one line
/// ending, and after a line ending the container markers (`>`) of block quotes.
fn skip_dest_space(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    if i < end && (b[i] == b'\n' || b[i] == b'\r') {
        if b[i] == b'\r' && i + 1 < end && b[i + 1] == b'\n' {
            i += 1;
        }
        i += 1;
        while i < end && matches!(b[i], b' ' | b'\t' | b'>') {
            i += 1;
        }
    }
    i
}

/// The destination as written, starting at or after `i` (see [`skip_dest_space`]), bounded by
/// `end`. For `<…>` the range is the text inside the brackets; an absent destination yields an
/// empty range where it would start.
fn scan_dest(b: &[u8], i: usize, end: usize) -> Range<usize> {
    let end = end.min(b.len());
    let mut i = skip_dest_space(b, i, end);
    if i < end && b[i] == b'<' {
        let start = i + 1;
        let mut j = start;
        while j < end {
            match b[j] {
                b'>' => return start..j,
                b'\n' | b'\r' | b'<' => break,
                b'\\' if j + 1 < end && b[j + 1].is_ascii_punctuation() => j += 1,
                _ => {}
            }
            j += 1;
        }
        return i..i;
    }
    let start = i;
    let mut nest = 0usize;
    while i < end {
        match b[i] {
            0..=0x20 => break,
            b'(' => nest += 1,
            b')' => {
                if nest == 0 {
                    break;
                }
                nest -= 1;
            }
            b'\\' if i + 1 < end && b[i + 1].is_ascii_punctuation() => i += 1,
            _ => {}
        }
        i += 1;
    }
    start..i.min(end)
}

/// Destination span of an inline link whose text ends at or after `from`: the first `](` from
/// there closes the link text (everything inside the text was consumed by earlier events).
fn inline_dest_span(b: &[u8], from: usize, end: usize) -> Range<usize> {
    let end = end.min(b.len());
    let mut i = from;
    while i + 1 < end {
        if b[i] == b']' && b[i + 1] == b'(' {
            return scan_dest(b, i + 2, end);
        }
        i += 1;
    }
    end..end
}

/// Destination span inside a reference definition `[label]: dest "title"` spanning `def`.
fn refdef_dest_span(b: &[u8], def: Range<usize>) -> Range<usize> {
    let end = def.end.min(b.len());
    let mut i = def.start;
    if b.get(i) != Some(&b'[') {
        return def.start..def.start;
    }
    i += 1;
    while i < end {
        match b[i] {
            b'\\' => i += 1,
            b']' => break,
            _ => {}
        }
        i += 1;
    }
    if i + 1 < end && b[i + 1] == b':' {
        scan_dest(b, i + 2, end)
    } else {
        def.start..def.start
    }
}

// ---------------------------------------------------------------------------------------------
// Headings

struct OpenHeading<'a> {
    level: u8,
    id: Option<CowStr<'a>>,
    text: String,
    span: Range<usize>,
}

fn trim_end_span(b: &[u8], mut r: Range<usize>) -> Range<usize> {
    while r.end > r.start && matches!(b[r.end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        r.end -= 1;
    }
    r
}

/// Anchor de-duplication as Hugo/Goldmark does it: every id (custom or generated) is recorded in
/// document order; a generated id that is already taken gets the first free `-N` suffix. Custom
/// ids are kept verbatim even when duplicated.
#[derive(Default)]
struct Anchors {
    /// Used only past [`LINEAR_ANCHOR_LIMIT`] headings: every id so far, and for each base slug
    /// the next suffix to try.
    big: Option<(HashSet<String>, HashMap<String, usize>)>,
}

impl Anchors {
    fn taken(&self, headings: &[Heading], cand: &str) -> bool {
        match &self.big {
            Some((set, _)) => set.contains(cand),
            None => headings.iter().any(|h| h.anchor == cand),
        }
    }

    fn assign(&mut self, headings: &[Heading], base: String, custom: bool) -> String {
        if self.big.is_none() && headings.len() >= LINEAR_ANCHOR_LIMIT {
            let set = headings.iter().map(|h| h.anchor.clone()).collect();
            self.big = Some((set, HashMap::new()));
        }
        let anchor = if custom {
            base
        } else {
            let base = if base.is_empty() {
                String::from("heading")
            } else {
                base
            };
            if !self.taken(headings, &base) {
                base
            } else {
                let mut n = match &self.big {
                    Some((_, next)) => next.get(&base).copied().unwrap_or(1),
                    None => 1,
                };
                let mut cand = format!("{base}-{n}");
                while self.taken(headings, &cand) {
                    n += 1;
                    cand = format!("{base}-{n}");
                }
                if let Some((_, next)) = &mut self.big {
                    next.insert(base, n + 1);
                }
                cand
            }
        };
        if let Some((set, _)) = &mut self.big {
            set.insert(anchor.clone());
        }
        anchor
    }
}

// ---------------------------------------------------------------------------------------------
// Lead text

/// Separator owed before the next piece of lead text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Space,
    Newline,
}

struct Lead<'a> {
    src: &'a str,
    out: String,
    limit: usize,
    chars: usize,
    full: bool,
    /// Something other than a heading has been written (headings before it are skipped).
    seen_content: bool,
    sep: Sep,
    /// Byte offset in `out` where the current block's text starts.
    block_start: usize,
    /// Nesting of regions whose text is not lead text (code blocks, footnotes, image alt text).
    skip: u32,
    skip_paragraph: bool,
    in_heading: bool,
    /// Current (or next) shortcode range in `src`; `usize::MAX..usize::MAX` when none is left.
    shortcode: Range<usize>,
    /// The current shortcode was a link destination `[text]({{< … >}})` that pulldown left as
    /// text: the `[` of the link text is removed too.
    shortcode_bracket: bool,
}

impl<'a> Lead<'a> {
    fn new(src: &'a str, limit: usize) -> Self {
        Lead {
            src,
            out: String::new(),
            limit,
            chars: 0,
            full: limit == 0,
            seen_content: false,
            sep: Sep::None,
            block_start: 0,
            skip: 0,
            skip_paragraph: false,
            in_heading: false,
            shortcode: 0..0,
            shortcode_bracket: false,
        }
    }

    fn block_boundary(&mut self) {
        self.sep = Sep::Newline;
    }

    fn space(&mut self) {
        self.sep = self.sep.max(Sep::Space);
    }

    fn suppressed(&self) -> bool {
        self.full || self.skip > 0 || self.skip_paragraph || (self.in_heading && !self.seen_content)
    }

    /// Advance `self.shortcode` to the first shortcode that ends after `pos`.
    fn update_shortcode(&mut self, pos: usize) {
        while self.shortcode.end <= pos {
            let from = self.shortcode.end;
            match find_shortcode(self.src, from) {
                Some((r, bracket)) => {
                    self.shortcode = r;
                    self.shortcode_bracket = bracket;
                }
                None => {
                    self.shortcode = usize::MAX..usize::MAX;
                    self.shortcode_bracket = false;
                }
            }
        }
    }

    fn text(&mut self, t: &str, r: Range<usize>) {
        if self.suppressed() {
            return;
        }
        self.update_shortcode(r.start);
        if self.shortcode.start >= r.end {
            self.push(t);
            return;
        }
        // The event overlaps a shortcode. Cut it out of verbatim text; drop escaped/entity text.
        if self.src.get(r.clone()) != Some(t) {
            self.drop_bracket();
            return;
        }
        let mut pos = r.start;
        while pos < r.end {
            self.update_shortcode(pos);
            if self.shortcode.start >= r.end {
                self.push(&self.src[pos..r.end]);
                break;
            }
            if self.shortcode.start > pos {
                self.push(&self.src[pos..self.shortcode.start]);
            }
            self.drop_bracket();
            pos = pos.max(self.shortcode.end);
        }
    }

    fn code(&mut self, t: &str, r: Range<usize>) {
        if self.suppressed() {
            return;
        }
        self.update_shortcode(r.start);
        if self.shortcode.start >= r.end {
            self.push(t);
        }
    }

    /// Remove the `[` that opened `[text]({{< ref … >}})` in the current block.
    fn drop_bracket(&mut self) {
        if !self.shortcode_bracket {
            return;
        }
        self.shortcode_bracket = false;
        let start = self.block_start.min(self.out.len());
        if let Some(i) = self.out[start..].rfind('[') {
            self.out.remove(start + i);
            self.chars -= 1;
        }
    }

    fn push(&mut self, s: &str) {
        if self.full {
            return;
        }
        let at_line_start = self.out.is_empty() || self.out.ends_with('\n');
        let mut s = s;
        if self.sep != Sep::None || at_line_start || self.out.ends_with(' ') {
            s = s.trim_start_matches([' ', '\t']);
        }
        if s.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            match self.sep {
                Sep::Newline => {
                    self.trim_trailing_spaces();
                    if !self.out.ends_with('\n') {
                        self.out.push('\n');
                        self.chars += 1;
                    }
                    self.block_start = self.out.len();
                }
                Sep::Space => {
                    if !self.out.ends_with([' ', '\n']) {
                        self.out.push(' ');
                        self.chars += 1;
                    }
                }
                Sep::None => {}
            }
        } else if self.sep == Sep::Newline {
            self.block_start = 0;
        }
        self.sep = Sep::None;
        if !self.in_heading {
            self.seen_content = true;
        }
        if self.chars >= self.limit {
            self.full = true;
            return;
        }
        let room = self.limit - self.chars;
        let n = s.chars().count();
        if n <= room {
            self.out.push_str(s);
            self.chars += n;
        } else {
            let cut = s.char_indices().nth(room).map_or(s.len(), |(i, _)| i);
            self.out.push_str(&s[..cut]);
            self.chars += room;
            self.full = true;
        }
    }

    fn trim_trailing_spaces(&mut self) {
        while self.out.ends_with([' ', '\t']) {
            self.out.pop();
            self.chars -= 1;
        }
    }

    fn finish(mut self) -> String {
        self.trim_trailing_spaces();
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

/// Next Hugo shortcode `{{< … >}}` or `{{% … %}}` starting at or after `from`. An unclosed one
/// runs to the end of its line. When it is the whole destination of a would-be link,
/// `]({{< … >}})`, the range covers `](` and `)` and the flag is set.
fn find_shortcode(src: &str, from: usize) -> Option<(Range<usize>, bool)> {
    let b = src.as_bytes();
    let mut i = from;
    loop {
        let rel = memchr::memmem::find(src.as_bytes().get(i..)?, b"{{")?;
        let start = i + rel;
        let close: &[u8] = match b.get(start + 2) {
            Some(b'<') => b">}}",
            Some(b'%') => b"%}}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        // The closing delimiter must come before a blank line and within a few KiB.
        let limit = b.len().min(start.saturating_add(SHORTCODE_MAX_LEN));
        let mut end = None;
        let mut j = start + 3;
        while j + 3 <= limit {
            if &b[j..j + 3] == close {
                end = Some(j + 3);
                break;
            }
            if b[j] == b'\n' && matches!(b.get(j + 1), Some(b'\n' | b'\r')) {
                break;
            }
            j += 1;
        }
        let end = end.unwrap_or_else(|| {
            b[start..]
                .iter()
                .position(|&c| c == b'\n' || c == b'\r')
                .map_or(b.len(), |p| start + p)
        });
        if start >= 2 && &b[start - 2..start] == b"](" && b.get(end) == Some(&b')') {
            return Some(((start - 2)..(end + 1), true));
        }
        return Some((start..end, false));
    }
}

/// An MDX ESM paragraph (`import X from '…'`, `export const …`): not prose.
fn is_mdx_esm(p: &str) -> bool {
    if let Some(rest) = p.strip_prefix("import ") {
        let first_line = rest.split(['\n', '\r']).next().unwrap_or("");
        rest.starts_with(['\'', '"', '{', '*'])
            || first_line.contains(" from '")
            || first_line.contains(" from \"")
    } else if let Some(rest) = p.strip_prefix("export ") {
        [
            "const ",
            "let ",
            "var ",
            "function ",
            "default ",
            "async ",
            "class ",
            "{",
            "*",
        ]
        .iter()
        .any(|k| rest.starts_with(k))
    } else {
        false
    }
}

// ---------------------------------------------------------------------------------------------
// MDX

/// [`extract`] for an MDX file. MDX is not CommonMark where block structure is concerned: a
/// line holding only JSX tags (`<Tabs>`, `  <TabItem label="npm">`, `</Steps>`) is an element,
/// not the start of an HTML block that runs to the next blank line; and MDX has no indented
/// code, so a code fence indented four spaces or more (inside a component) is still a fence
/// (micromark's `codeFenced` takes any indentation when `codeIndented` is disabled). Read as
/// CommonMark, such a file loses headings and links to code blocks that never end.
///
/// The body is rewritten to text of the same length that CommonMark reads the MDX way: lines
/// of only tags become blank (their `id`/`name` attributes are kept as HTML ids), and fence
/// and heading lines indented four columns or more have their indentation moved to the end of
/// the line. Spans stay byte offsets into `text`; those inside a moved line are mapped back.
pub fn extract_mdx(text: &str, body: Range<usize>, lead_limit: usize) -> BodyFacts {
    let Some(src) = text.get(body.clone()) else {
        return BodyFacts::default();
    };
    let Some((rewritten, ids, moved)) = mdx_rewrite(src) else {
        return extract(text, body, lead_limit);
    };
    // The same text with the body replaced: offsets are unchanged.
    let mut whole = String::with_capacity(text.len());
    whole.push_str(&text[..body.start]);
    whole.push_str(&rewritten);
    whole.push_str(&text[body.end..]);
    let mut facts = extract(&whole, body.clone(), lead_limit);
    facts.html_ids.extend(ids);
    if !moved.is_empty() {
        // A moved line: its content now starts `indent` bytes earlier.
        let shift = |p: usize| -> usize {
            let rel = p.wrapping_sub(body.start);
            match moved.binary_search_by(|(start, _, _)| start.cmp(&rel)) {
                Ok(i) => p + moved[i].1,
                Err(0) => p,
                Err(i) => {
                    let (start, indent, end) = moved[i - 1];
                    if rel < end.saturating_sub(indent) {
                        let _ = start;
                        p + indent
                    } else {
                        p
                    }
                }
            }
        };
        let map = |r: &mut Range<usize>| {
            let (s, e) = (shift(r.start), shift(r.end));
            if s <= e {
                *r = s..e;
            }
        };
        for l in &mut facts.links {
            map(&mut l.span);
            map(&mut l.dest_span);
        }
        for h in &mut facts.headings {
            map(&mut h.span);
        }
        for c in &mut facts.code {
            map(c);
        }
    }
    facts
}

/// The MDX body rewritten for a CommonMark reader (see [`extract_mdx`]), the ids of the tags
/// blanked out, and the moved lines as `(start, indent, end)` byte offsets in `src` (sorted);
/// `None` when nothing changes.
#[allow(clippy::type_complexity)]
fn mdx_rewrite(src: &str) -> Option<(String, Vec<String>, Vec<(usize, usize, usize)>)> {
    let bytes = src.as_bytes();
    let mut out = bytes.to_vec();
    let mut ids = Vec::new();
    let mut moved = Vec::new();
    let mut changed = false;
    // An open fence: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    // Inside an MDX comment `{/* … */}` that spans lines.
    let mut in_comment = false;
    let mut pos = 0;
    while pos < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        if fence.is_none() {
            // MDX comments are JavaScript, not Markdown: blank them (outside code spans).
            let mut i = pos;
            let mut ticks = false;
            while i < end {
                if in_comment {
                    match memchr::memmem::find(&bytes[i..end], b"*/}") {
                        Some(k) => {
                            blank(&mut out, i, i + k + 3);
                            i += k + 3;
                            in_comment = false;
                        }
                        None => {
                            blank(&mut out, i, end);
                            i = end;
                        }
                    }
                    changed = true;
                    continue;
                }
                match bytes[i] {
                    b'`' => ticks = !ticks,
                    b'{' if !ticks && bytes[i..end].starts_with(b"{/*") => {
                        in_comment = true;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
            let blanked = out[pos..end].iter().all(u8::is_ascii_whitespace)
                && bytes[pos..end].iter().any(|b| !b.is_ascii_whitespace());
            if in_comment || blanked {
                pos = end + 1;
                continue;
            }
        }
        let line = &bytes[pos..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let (indent_bytes, columns) = indentation(line);
        let rest = &line[indent_bytes..];
        let run = |c: u8| rest.iter().take_while(|&&b| b == c).count();
        let mut next = end + 1;
        if let Some((c, len)) = fence {
            let n = run(c);
            if n >= len && rest[n..].iter().all(|b| matches!(b, b' ' | b'\t')) {
                fence = None;
                if columns >= 4 {
                    rotate(&mut out, pos, indent_bytes, line.len());
                    moved.push((pos, indent_bytes, pos + line.len()));
                    changed = true;
                }
            }
        } else if let Some(c) = [b'`', b'~'].into_iter().find(|&c| run(c) >= 3) {
            let n = run(c);
            // A backtick fence's info string has no backtick.
            if c == b'~' || !rest[n..].contains(&b'`') {
                fence = Some((c, n));
                if columns >= 4 {
                    rotate(&mut out, pos, indent_bytes, line.len());
                    moved.push((pos, indent_bytes, pos + line.len()));
                    changed = true;
                }
            }
        } else if rest.first() == Some(&b'#') && columns >= 4 {
            let n = run(b'#');
            if n <= 6 && rest.get(n).is_none_or(|b| matches!(b, b' ' | b'\t')) {
                rotate(&mut out, pos, indent_bytes, line.len());
                moved.push((pos, indent_bytes, pos + line.len()));
                changed = true;
            }
        } else if rest.first() == Some(&b'<') {
            if let Some(tags_end) = jsx_tags(bytes, pos + indent_bytes) {
                // Only tags up to the end of a line: blank them (newlines kept).
                let region = &src[pos..tags_end];
                html_attribute_ids(region, &mut ids);
                blank(&mut out, pos, tags_end);
                changed = true;
                next = tags_end + 1;
            }
        }
        pos = next;
    }
    if !changed {
        return None;
    }
    // Only ASCII bytes were written over whole characters: still UTF-8.
    String::from_utf8(out).ok().map(|s| (s, ids, moved))
}

/// Spaces over `out[from..to]`, line ends kept.
fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in &mut out[from..to] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Leading spaces and tabs: their byte count and their width in columns (tab stops of 4).
fn indentation(line: &[u8]) -> (usize, usize) {
    let mut cols = 0;
    let mut n = 0;
    for &b in line {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => break,
        }
        n += 1;
    }
    (n, cols)
}

/// `line[..indent]` moved to the end of the line: `    ```ts` → ```` ```ts     ````.
fn rotate(out: &mut [u8], start: usize, indent: usize, len: usize) {
    out[start..start + len].rotate_left(indent);
}

/// When the text at `start` is one or more JSX (or HTML) tags and nothing else up to the end
/// of a line (`<Tabs>`, `</TabItem>`, `<Card title="a" />`, a tag whose attributes span
/// lines), the offset of that line's end (its `\n`, or the end of the text).
fn jsx_tags(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut tags = 0;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'\n' || b[i] == b'\r' {
            if tags == 0 {
                return None;
            }
            let eol = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
            return Some(eol);
        }
        if b[i] != b'<' {
            return None;
        }
        i = jsx_tag(b, i)?;
        tags += 1;
    }
}

/// The end of one JSX tag at `i` (`<`): `<Name attrs>`, `</Name>`, `<Name />`, `<>`, `</>`.
/// Attribute values may be quoted or `{…}` expressions; a tag may span lines (not more than
/// 64, and never a blank one).
fn jsx_tag(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    match b.get(i) {
        Some(&c) if c.is_ascii_alphabetic() => {}
        Some(b'>') => return Some(i + 1),
        _ => return None,
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'-' | b'_' | b':'))
    {
        i += 1;
    }
    let mut lines = 0;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                lines += 1;
                // A blank line ends a tag that never closed: not a tag.
                let rest = &b[i + 1..];
                let blank = rest
                    .iter()
                    .take_while(|&&c| c != b'\n')
                    .all(|c| c.is_ascii_whitespace());
                if lines > 64 || (depth == 0 && blank) {
                    return None;
                }
            }
            b'"' | b'\'' if depth == 0 => {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\n' {
                        lines += 1;
                        if lines > 64 {
                            return None;
                        }
                    }
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' => depth = depth.checked_sub(1)?,
            b'>' if depth == 0 => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(body: &str) -> BodyFacts {
        extract(body, 0..body.len(), 2000)
    }

    fn links(body: &str) -> Vec<Link> {
        facts(body).links
    }

    fn one_link(body: &str) -> Link {
        let links = links(body);
        assert_eq!(links.len(), 1, "{body:?} → {links:?}");
        links.into_iter().next().unwrap()
    }

    fn anchors(body: &str) -> Vec<String> {
        facts(body).headings.into_iter().map(|h| h.anchor).collect()
    }

    /// Every span is a valid slice of `text` inside the body, dest spans of inline links and
    /// autolinks lie inside the link, and an unescaped inline destination reads back verbatim.
    fn check_invariants(text: &str, body: Range<usize>) {
        let f = extract(text, body.clone(), 500);
        for l in &f.links {
            assert!(text.get(l.span.clone()).is_some(), "{l:?}");
            assert!(text.get(l.dest_span.clone()).is_some(), "{l:?}");
            assert!(
                l.span.start >= body.start && l.span.end <= body.end,
                "{l:?}"
            );
            assert!(
                l.dest_span.start >= body.start && l.dest_span.end <= body.end,
                "{l:?}"
            );
            if l.kind != LinkKind::Reference {
                assert!(l.dest_span.start >= l.span.start && l.dest_span.end <= l.span.end);
            }
            if l.kind == LinkKind::Inline && !l.dest.contains(['\\', '&', '\u{FFFD}']) {
                assert_eq!(&text[l.dest_span.clone()], l.dest, "{text:?} {l:?}");
            }
        }
        for h in &f.headings {
            assert!(text.get(h.span.clone()).is_some(), "{h:?}");
        }
        assert!(f.lead_text.chars().count() <= 500);
    }

    // --- inline links -------------------------------------------------------------------------

    #[test]
    fn inline_link_with_title() {
        let body = "See [x](../a.md \"title\") now.";
        let l = one_link(body);
        assert_eq!(l.kind, LinkKind::Inline);
        assert!(!l.image);
        assert_eq!(l.dest, "../a.md");
        assert_eq!(&body[l.dest_span.clone()], "../a.md");
        assert_eq!(&body[l.span.clone()], "[x](../a.md \"title\")");
    }

    #[test]
    fn pointy_destination_span_is_inside_brackets() {
        let body = "[x](<../a b.md>) and [y]( <c.md> 'T')";
        let links = links(body);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].dest, "../a b.md");
        assert_eq!(&body[links[0].dest_span.clone()], "../a b.md");
        assert_eq!(links[1].dest, "c.md");
        assert_eq!(&body[links[1].dest_span.clone()], "c.md");
    }

    #[test]
    fn empty_destination_is_a_link_with_empty_span_between_parens() {
        let body = "Click [text]() here";
        let l = one_link(body);
        assert_eq!(l.dest, "");
        let paren = body.find("()").unwrap() + 1;
        assert_eq!(l.dest_span, paren..paren);
        assert_eq!(&body[l.span.clone()], "[text]()");

        let body = "[t](<>)";
        let l = one_link(body);
        assert_eq!(l.dest, "");
        assert_eq!(l.dest_span, 5..5);
    }

    #[test]
    fn escaped_destination_keeps_written_span() {
        let body = r"[x](a\_b.md) [y](c%20d.md#x\(1\))";
        let links = links(body);
        assert_eq!(links[0].dest, "a_b.md");
        assert_eq!(&body[links[0].dest_span.clone()], r"a\_b.md");
        assert_eq!(links[1].dest, "c%20d.md#x(1)");
        assert_eq!(&body[links[1].dest_span.clone()], r"c%20d.md#x\(1\)");
    }

    #[test]
    fn link_text_with_brackets_escapes_and_code_spans() {
        let body = "[a [b] \\] `](no)` *c*](x.md) [](empty-text.md) [p](q(r)s.md)";
        let links = links(body);
        assert_eq!(links.len(), 3, "{links:?}");
        assert_eq!(&body[links[0].dest_span.clone()], "x.md");
        assert_eq!(
            &body[links[0].span.clone()],
            "[a [b] \\] `](no)` *c*](x.md)"
        );
        assert_eq!(&body[links[1].dest_span.clone()], "empty-text.md");
        assert_eq!(links[2].dest, "q(r)s.md");
        assert_eq!(&body[links[2].dest_span.clone()], "q(r)s.md");
    }

    #[test]
    fn images_and_image_inside_link() {
        let body = "![alt](img.png) [![logo](logo.svg \"L\")](home.md)";
        let links = links(body);
        assert_eq!(links.len(), 3, "{links:?}");
        assert!(links[0].image);
        assert_eq!(&body[links[0].dest_span.clone()], "img.png");
        // Outer link is reported at its start, before the image inside it.
        assert!(!links[1].image);
        assert_eq!(links[1].dest, "home.md");
        assert_eq!(&body[links[1].dest_span.clone()], "home.md");
        assert_eq!(
            &body[links[1].span.clone()],
            "[![logo](logo.svg \"L\")](home.md)"
        );
        assert!(links[2].image);
        assert_eq!(&body[links[2].dest_span.clone()], "logo.svg");
        assert_eq!(&body[links[2].span.clone()], "![logo](logo.svg \"L\")");
    }

    #[test]
    fn destination_on_next_line_and_in_block_quote() {
        let body = "> quote [x](\n> ../q.md)\n";
        let l = one_link(body);
        assert_eq!(l.dest, "../q.md");
        assert_eq!(&body[l.dest_span.clone()], "../q.md");
    }

    #[test]
    fn definition_terms_get_anchors_like_headings() {
        let text = "## Options\n\n`sites`\n: (`map`) A sites matrix.\n\nSee [sites](#sites).\n";
        let f = extract(text, 0..text.len(), 100);
        let anchors: Vec<(&str, u8)> = f
            .headings
            .iter()
            .map(|h| (h.anchor.as_str(), h.level))
            .collect();
        assert_eq!(anchors, [("options", 2), ("sites", 0)]);
    }

    #[test]
    fn link_in_heading_table_and_list() {
        let body = "# [H](h.md)\n\n| a | b |\n|---|---|\n| [c](c.md) | d |\n\n- [e](e.md)\n";
        let dests: Vec<_> = links(body).into_iter().map(|l| l.dest).collect();
        assert_eq!(dests, ["h.md", "c.md", "e.md"]);
    }

    // --- no links in code, HTML, MDX -----------------------------------------------------------

    #[test]
    fn no_links_in_fenced_code() {
        assert!(links("```md\n[a](b.md)\n<https://x.y>\n```\n").is_empty());
        assert!(links("~~~\n[a](b.md)\n~~~\n").is_empty());
    }

    #[test]
    fn no_links_in_indented_code() {
        assert!(links("Text.\n\n    [a](b.md)\n    <https://x.y>\n").is_empty());
    }

    #[test]
    fn no_links_in_inline_code() {
        assert!(links("Use `[a](b.md)` or ``<https://x.y>`` here.").is_empty());
    }

    #[test]
    fn no_bare_url_autolinks() {
        assert!(links("Go to https://example.com or www.example.com.").is_empty());
    }

    #[test]
    fn mdx_imports_and_jsx_are_not_links() {
        let body = "import Card from '../components/Card.astro';\n\
                    import { Tabs, TabItem } from '@astrojs/starlight/components';\n\n\
                    <Tabs>\n  <TabItem label=\"npm\">\n  <a href=\"/y/\">y</a>\n  </TabItem>\n</Tabs>\n\n\
                    <Card href=\"/x/\" title=\"X\" />\n\n\
                    <LinkCard\n  title=\"Y\"\n  href=\"/y/\"\n/>\n\n<Aside type=\"tip\">{props.x}</Aside>\n\n\
                    Intro <Card href=\"/z/\" /> text with [a real link](real.md).\n";
        let links = links(body);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].dest, "real.md");
        assert_eq!(facts(body).lead_text, "Intro text with a real link.");
    }

    #[test]
    fn mdx_blocks_are_read_the_mdx_way() {
        // CommonMark reads `<Tabs>` as an HTML block that ends at the blank line inside the
        // code, then the code as indented code, and `  ```` opens a fence that swallows the rest.
        let text = "---\r\ntitle: 标题\r\n---\r\n<Tabs>\r\n  <TabItem label=\"npm\" id=\"tab-npm\">\r\n    ```ts\r\n    const a = 1;\r\n\r\n    # not a heading\r\n  ```\r\n  </TabItem>\r\n</Tabs>\r\n\r\n{/* a comment: [not a link](/x/)\r\n   on two lines */}\r\n\r\n## 安装 指南\r\n\r\n中文 [链接](/docs/安装/) and `{/* code */}`.\r\n\r\n<Card\r\n  title=\"A\"\r\n  href=\"/y/\"\r\n/>\r\n      ## 缩进 heading\r\n";
        let body = text.find("<Tabs>").unwrap()..text.len();
        let plain = extract(text, body.clone(), 2000);
        assert!(
            !plain.headings.iter().any(|h| h.text == "安装 指南"),
            "CommonMark loses it: {:?}",
            plain.headings
        );
        let f = extract_mdx(text, body, 2000);
        let headings: Vec<&str> = f.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(headings, ["安装 指南", "缩进 heading"]);
        assert_eq!(f.links.len(), 1, "{:?}", f.links);
        assert_eq!(f.links[0].dest, "/docs/安装/");
        // Spans are offsets into the original text.
        assert_eq!(&text[f.links[0].dest_span.clone()], "/docs/安装/");
        let moved = &f.headings[1];
        assert!(
            text[moved.span.clone()].starts_with("## 缩进"),
            "{:?}",
            &text[moved.span.clone()]
        );
        assert!(
            f.html_ids.iter().any(|i| i == "tab-npm"),
            "{:?}",
            f.html_ids
        );
        // Nothing to rewrite: the same facts as CommonMark.
        let md = "# A\n\n[b](c.md)\n";
        assert_eq!(
            extract_mdx(md, 0..md.len(), 2000),
            extract(md, 0..md.len(), 2000)
        );
    }

    #[test]
    fn html_anchor_is_not_a_markdown_link() {
        assert!(links("<a href=\"x.md\">x</a>\n\nText <a href=\"y.md\">y</a>.").is_empty());
    }

    // --- reference links -----------------------------------------------------------------------

    #[test]
    fn reference_links_resolve_to_definition() {
        let body = "Full [text][Ref], collapsed [ref][], shortcut [ref], image ![i][img].\n\n\
                    [ref]: ../b.md \"Title\"\n[img]:\n   <../p q.png>\n";
        let links = links(body);
        assert_eq!(links.len(), 4, "{links:?}");
        for l in &links[..3] {
            assert_eq!(l.kind, LinkKind::Reference);
            assert_eq!(l.dest, "../b.md");
            assert_eq!(&body[l.dest_span.clone()], "../b.md");
        }
        assert_eq!(&body[links[0].span.clone()], "[text][Ref]");
        assert_eq!(&body[links[1].span.clone()], "[ref][]");
        assert_eq!(&body[links[2].span.clone()], "[ref]");
        assert!(links[3].image);
        assert_eq!(links[3].dest, "../p q.png");
        assert_eq!(&body[links[3].dest_span.clone()], "../p q.png");
        assert_eq!(&body[links[3].span.clone()], "![i][img]");
    }

    #[test]
    fn reference_defined_before_use_and_in_block_quote() {
        let body = "> [q]:\n> /quoted.md\n\n[d]: <>\n\nUse [q] and [x][d].";
        let links = links(body);
        assert_eq!(links.len(), 2, "{links:?}");
        assert_eq!(links[0].dest, "/quoted.md");
        assert_eq!(&body[links[0].dest_span.clone()], "/quoted.md");
        // `[d]: <>` is a valid definition with an empty destination.
        assert_eq!(links[1].dest, "");
        let inside = body.find("<>").unwrap() + 1;
        assert_eq!(links[1].dest_span, inside..inside);
    }

    #[test]
    fn undefined_reference_is_not_a_link() {
        assert!(links("[x][nope] and [nope] and [^1]").is_empty());
    }

    #[test]
    fn reference_in_code_is_not_a_link_but_definition_is_found() {
        let body = "`[x][r]`\n\n    [y][r]\n\n[z][r]\n\n[r]: z.md\n";
        let l = one_link(body);
        assert_eq!(&body[l.span.clone()], "[z][r]");
    }

    // --- autolinks -----------------------------------------------------------------------------

    #[test]
    fn autolinks_and_email() {
        let body = "<https://example.com/a?b=1> <john@example.org> <mailto:jane@example.org>";
        let links = links(body);
        assert_eq!(links.len(), 3);
        assert_eq!(links[0].kind, LinkKind::Autolink);
        assert_eq!(links[0].dest, "https://example.com/a?b=1");
        assert_eq!(
            &body[links[0].dest_span.clone()],
            "https://example.com/a?b=1"
        );
        assert_eq!(&body[links[0].span.clone()], "<https://example.com/a?b=1>");
        assert_eq!(links[1].kind, LinkKind::Email);
        assert_eq!(links[1].dest, "john@example.org");
        assert_eq!(&body[links[1].dest_span.clone()], "john@example.org");
        assert_eq!(links[2].kind, LinkKind::Email);
        assert_eq!(&body[links[2].dest_span.clone()], "mailto:jane@example.org");
    }

    // --- Hugo shortcodes -----------------------------------------------------------------------

    #[test]
    fn shortcode_destinations_produce_no_link() {
        let body = "See [the guide]({{< ref \"other.md\" >}}) and [b]({{<relref\"x.md\">}}) \
                    and [c]({{% ref \"y.md\" %}}) and [d](real.md).";
        let links = links(body);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].dest, "real.md");
        assert_eq!(facts(body).lead_text, "See the guide and b and c and d.");
    }

    // --- spans: CJK, CRLF, front matter --------------------------------------------------------

    #[test]
    fn spans_with_cjk_crlf_and_front_matter() {
        let text = "---\r\ntitle: 中文标题\r\n---\r\n\r\n## 安装指南\r\n\r\n请阅读[文档](../文档/说明.md \"标题\")和![图](图片.png)。\r\n\r\n[参考][引用]\r\n\r\n[引用]: <../参考 文件.md>\r\n";
        let start = text.find("\r\n\r\n##").unwrap() + 2;
        let body = start..text.len();
        let f = extract(text, body.clone(), 2000);
        assert_eq!(f.links.len(), 3, "{:?}", f.links);
        assert_eq!(&text[f.links[0].dest_span.clone()], "../文档/说明.md");
        assert_eq!(
            &text[f.links[0].span.clone()],
            "[文档](../文档/说明.md \"标题\")"
        );
        assert_eq!(&text[f.links[1].dest_span.clone()], "图片.png");
        assert_eq!(&text[f.links[1].span.clone()], "![图](图片.png)");
        assert_eq!(f.links[2].dest, "../参考 文件.md");
        assert_eq!(&text[f.links[2].dest_span.clone()], "../参考 文件.md");
        assert_eq!(&text[f.links[2].span.clone()], "[参考][引用]");
        assert_eq!(f.headings.len(), 1);
        assert_eq!(&text[f.headings[0].span.clone()], "## 安装指南");
        assert_eq!(f.headings[0].anchor, "安装指南");
        assert_eq!(f.lead_text, "请阅读文档和。\n参考");
        check_invariants(text, body);
    }

    #[test]
    fn crlf_setext_heading_span() {
        let text = "+++\ntitle = \"x\"\n+++\nTitle here\r\n===\r\n\r\nBody [l](x.md)\r\n";
        let start = text.find("Title").unwrap();
        let f = extract(text, start..text.len(), 100);
        assert_eq!(f.headings[0].level, 1);
        assert_eq!(&text[f.headings[0].span.clone()], "Title here\r\n===");
        assert_eq!(&text[f.links[0].dest_span.clone()], "x.md");
        assert_eq!(f.lead_text, "Body l");
    }

    #[test]
    fn invalid_body_range_yields_empty_facts() {
        let text = "é[a](b)";
        assert_eq!(extract(text, 1..text.len(), 10), BodyFacts::default());
        assert_eq!(extract(text, 0..100, 10), BodyFacts::default());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..2;
        assert_eq!(extract(text, reversed, 10), BodyFacts::default());
    }

    // --- headings ------------------------------------------------------------------------------

    #[test]
    fn heading_anchors() {
        let body = "## 安装指南\n\n## Hello, World!\n\n## A\n\n## A\n\n## Custom {#my-id}\n";
        let f = facts(body);
        let got: Vec<_> = f
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.anchor.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, "安装指南", "安装指南"),
                (2, "Hello, World!", "hello-world"),
                (2, "A", "a"),
                (2, "A", "a-1"),
                (2, "Custom", "my-id"),
            ]
        );
        assert_eq!(&body[f.headings[4].span.clone()], "## Custom {#my-id}");
    }

    #[test]
    fn heading_text_reduces_inline_markup() {
        let f = facts("# Use `foo()` *with* <b>care</b> [and](x.md) ~~not~~ ###\n");
        assert_eq!(f.headings[0].text, "Use foo() with care and not");
        assert_eq!(f.headings[0].anchor, "use-foo-with-care-and-not");
    }

    #[test]
    fn anchor_dedup_follows_goldmark() {
        // Custom ids reserve their id; generated ones take the first free suffix; a custom id is
        // kept verbatim even when it repeats.
        let body = "# X {#a}\n# A\n# A\n# a-1 again\n# A-1\n# Y {#a}\n# !!!\n# ???\n";
        assert_eq!(
            anchors(body),
            [
                "a",
                "a-1",
                "a-2",
                "a-1-again",
                "a-1-1",
                "a",
                "heading",
                "heading-1"
            ]
        );
    }

    #[test]
    fn anchor_dedup_same_result_past_linear_limit() {
        let mut body = String::new();
        let mut expected = Vec::new();
        body.push_str("# A {#a-3}\n");
        expected.push("a-3".to_string());
        for i in 0..80 {
            body.push_str("# A\n");
            // a, a-1, a-2, (a-3 taken), a-4, …
            let n = if i >= 3 { i + 1 } else { i };
            expected.push(if n == 0 {
                "a".to_string()
            } else {
                format!("a-{n}")
            });
        }
        body.push_str("# A 5\n");
        expected.push("a-5-1".to_string());
        body.push_str("# a-5\n");
        expected.push("a-5-2".to_string());
        assert_eq!(anchors(&body), expected);
    }

    #[test]
    fn setext_and_atx_levels() {
        let f = facts("T1\n==\n\nT2\n--\n\n### T3 ###\n\n###### T6\n");
        let levels: Vec<_> = f.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [1, 2, 3, 6]);
        assert_eq!(f.headings[2].text, "T3");
    }

    #[test]
    fn headings_in_code_are_not_headings() {
        assert!(
            facts("```\n# not\n```\n\n    # not\n\n<div>\n# not\n</div>\n")
                .headings
                .is_empty()
        );
    }

    #[test]
    fn slug_rules() {
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("安装指南"), "安装指南");
        assert_eq!(slug("foo_bar-baz"), "foo_bar-baz");
        assert_eq!(slug("  Trim me  "), "trim-me");
        assert_eq!(slug("a  b"), "a--b");
        assert_eq!(slug("Tab\tX"), "tabx");
        assert_eq!(slug("🎉 Party 2.0"), "-party-20");
        assert_eq!(slug("Über Straße"), "über-straße");
        assert_eq!(slug("日本語の見出し（テスト）"), "日本語の見出しテスト");
        assert_eq!(slug("C++ & Rust?"), "c--rust");
        assert_eq!(slug(""), "");
    }

    // --- lead text -----------------------------------------------------------------------------

    #[test]
    fn lead_text_example() {
        let body = "\n# Title\n\n**Bold** start with [a link](x) and `code`.\n\nSecond para.";
        assert_eq!(
            facts(body).lead_text,
            "Bold start with a link and code.\nSecond para."
        );
    }

    #[test]
    fn lead_text_drops_comments_shortcodes_html_and_code() {
        let body = "<!-- x -->\n\n{{< figure src=\"x\" >}}\n\nFirst <!-- inline --> line\n\
                    {{<figure src=\"y\">}} continues <kbd>Ctrl</kbd>.\n\n\
                    ```sh\necho no\n```\n\n<div class=\"n\">\nnot me\n</div>\n\n\
                    {{% notice info %}}\nInside notice.\n{{% /notice %}}\n\n## Later heading\n\n\
                    ![alt text](p.png) After image.[^1]\n\n[^1]: Footnote text.\n";
        assert_eq!(
            facts(body).lead_text,
            "First line continues Ctrl.\nInside notice.\nLater heading\nAfter image."
        );
    }

    #[test]
    fn lead_text_lists_quotes_tables() {
        let body =
            "## H\n\n- one\n- [ ] two\n\n> quoted *text*\n\n| a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(facts(body).lead_text, "one\ntwo\nquoted text\na b\nc d");
    }

    #[test]
    fn lead_text_limit_counts_chars() {
        let body = "中文字符测试。\n\nSecond";
        assert_eq!(extract(body, 0..body.len(), 3).lead_text, "中文字");
        assert_eq!(extract(body, 0..body.len(), 7).lead_text, "中文字符测试。");
        assert_eq!(
            extract(body, 0..body.len(), 9).lead_text,
            "中文字符测试。\nS"
        );
        assert_eq!(extract(body, 0..body.len(), 0).lead_text, "");
        // Links and headings are still collected after the lead is full.
        let body = "Long text.\n\n# H\n\n[l](x.md)";
        let f = extract(body, 0..body.len(), 4);
        assert_eq!(f.lead_text, "Long");
        assert_eq!(f.links.len(), 1);
        assert_eq!(f.headings.len(), 1);
    }

    #[test]
    fn lead_text_soft_breaks_and_escapes() {
        let body = "Line one\nline two  \nline three\\\nfour &amp; \\*five\\*";
        assert_eq!(
            facts(body).lead_text,
            "Line one line two line three four & *five*"
        );
    }

    #[test]
    fn lead_text_plain_paragraph_starting_with_import_is_kept() {
        assert_eq!(
            facts("import the data first.").lead_text,
            "import the data first."
        );
        assert_eq!(facts("export const a = 1;\n\nText").lead_text, "Text");
    }

    // --- has_link_syntax -----------------------------------------------------------------------

    #[test]
    fn has_link_syntax_scan() {
        for yes in [
            "a [b",
            "x <y",
            "# h",
            "Title\n===",
            "Title\n---\n",
            "T\r\n  -- \t\r\nmore",
            "T\n=",
        ] {
            assert!(has_link_syntax(yes), "{yes:?}");
        }
        for no in [
            "",
            "plain text only\nwith lines",
            "a - b = c",
            "- item\n- item",
            "    ---",
            "==x",
            "https://example.com",
        ] {
            assert!(!has_link_syntax(no), "{no:?}");
        }
    }

    #[test]
    fn has_link_syntax_agrees_with_extract() {
        for body in [
            "plain\n\ntext",
            "a - b\n\n1. x\n",
            "Just *emphasis* and `code`.",
        ] {
            let f = facts(body);
            assert!(!has_link_syntax(body));
            assert!(f.links.is_empty() && f.headings.is_empty());
        }
    }

    // --- robustness ----------------------------------------------------------------------------

    #[test]
    fn no_panic_on_hostile_input() {
        let nested = "[".repeat(10_000);
        let nested_close = format!("{}x{}(y)", "[".repeat(10_000), "]".repeat(10_000));
        let images = format!("{}x{}", "![".repeat(2_000), "](i)".repeat(2_000));
        let shortcodes = "{{<".repeat(5_000);
        let cases: Vec<String> = vec![
            "[unbalanced](".into(),
            "](".into(),
            "]( x".into(),
            "[a]]]((b)".into(),
            "[a\\](b".into(),
            "<".into(),
            "<http".into(),
            "[a]: ".into(),
            "[a]:\n".into(),
            "\0[\0](\0)\0 # \0".into(),
            "🎉 [😀](😀.md) # 👍🏽\n\n<👀@x.y>".into(),
            "\r\r\n\r[a](\rb)".into(),
            "# {#}\n# {#a}\n#\n".into(),
            "{{< unclosed\n\n[x](y)".into(),
            "[x]({{<".into(),
            nested,
            nested_close,
            images,
            shortcodes,
            ">".repeat(500) + " [a](b)",
            "- ".repeat(500) + "[a](b)",
        ];
        for c in &cases {
            check_invariants(c, 0..c.len());
            let _ = has_link_syntax(c);
            let text = format!("---\nx: 1\n---\n{c}");
            check_invariants(&text, 12..text.len());
        }
    }

    #[test]
    fn pseudo_random_inputs_keep_invariants() {
        const ALPHABET: [&str; 24] = [
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "`",
            "\\",
            "\n",
            "\r\n",
            " ",
            "a",
            "é",
            "中",
            "#",
            ":",
            "\"",
            "{{<",
            ">}}",
            "*",
            "-",
            "    ",
            "https://x.y",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            let mut s = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(ALPHABET[(seed % ALPHABET.len() as u64) as usize]);
            }
            check_invariants(&s, 0..s.len());
        }
    }
}
