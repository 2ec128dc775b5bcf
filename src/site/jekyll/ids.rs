//! Heading and element ids as kramdown gives them in a Jekyll site.
//!
//! Jekyll's default `kramdown.input` is `GFM` (`lib/jekyll/configuration.rb` `DEFAULTS`), so
//! heading ids come from kramdown-parser-gfm's `generate_gfm_header_id`
//! (`lib/kramdown/parser/gfm.rb`, 1.1.0), run on every header without an id:
//!
//! ```ruby
//! NON_WORD_RE = /[^\p{Word}\- \t]/
//! def generate_gfm_header_id(text)
//!   result = text.downcase
//!   result.gsub!(NON_WORD_RE, '')
//!   result.tr!(" \t", '-')
//!   @id_counter[result] += 1
//!   counter_result = @id_counter[result]
//!   result << "-#{counter_result}" if counter_result > 0
//!   @options[:auto_id_prefix] + result
//! end
//! ```
//!
//! `text` is the header's text as rendered (`update_raw_text`: text, code spans, entities,
//! smart quotes and typographic symbols as characters), so `--` (an en dash) disappears while
//! `` `--x` `` keeps its hyphens. Repeats are counted per base id, whatever other ids exist
//! (`a`, `a 1`, `a` → `a`, `a-1`, `a-1`), and headers with an id of their own (`{#id}`, an IAL)
//! neither get nor count one. An empty result stays empty (no `id` attribute), and its repeat is
//! `-1`. Proven with Jekyll 4.3.1 / kramdown 2.4.0 / kramdown-parser-gfm 1.1.0
//! (`fixtures/sites/jekyll-ids`).
//!
//! With `input: kramdown`, kramdown's own `generate_id` (`lib/kramdown/converter/base.rb`) is
//! used instead: leading non-letters dropped, then everything but ASCII letters, digits, spaces
//! and `-` dropped, spaces → `-`, lower-cased, `section` when empty, repeats `-1`, `-2` per base.
//! `transliterated_header_ids` transliterates first (here: accents dropped by decomposition).
//!
//! Besides headings, kramdown gives ids through attribute lists: `{: #id}` (a block IAL on the
//! line after or before a block, or a span IAL after an element) and `{#id}` at the end of a
//! header; footnotes get `fn:label` and `fnref:label`.

use serde::Serialize;
use unicode_general_category::{GeneralCategory, get_general_category};

use crate::body::{BodyFacts, Heading};

/// kramdown's id options (`kramdown:` in `_config.yml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KramdownIds {
    /// `auto_ids` (default true).
    pub auto: bool,
    /// `input: GFM` (Jekyll's default).
    pub gfm: bool,
    /// `auto_id_prefix`.
    pub prefix: String,
    /// `transliterated_header_ids` (kramdown input only).
    pub transliterate: bool,
}

impl Default for KramdownIds {
    fn default() -> Self {
        KramdownIds {
            auto: true,
            gfm: true,
            prefix: String::new(),
            transliterate: false,
        }
    }
}

/// `\p{Word}` in Ruby's Onigmo: letters, marks, decimal digits, connector punctuation.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    use GeneralCategory as G;
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            | G::DecimalNumber
            | G::ConnectorPunctuation
    )
}

/// The id base of a header text, before the repeat suffix and the prefix.
pub fn slug(k: &KramdownIds, text: &str) -> String {
    if k.gfm {
        let mut out = String::with_capacity(text.len());
        for c in text.chars().flat_map(char::to_lowercase) {
            if c == ' ' || c == '\t' {
                out.push('-');
            } else if c == '-' || is_word(c) {
                out.push(c);
            }
        }
        out
    } else {
        let text: String = if k.transliterate {
            use unicode_normalization::UnicodeNormalization;
            text.nfkd().filter(char::is_ascii).collect()
        } else {
            text.to_string()
        };
        let start = text
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(text.len());
        text[start..]
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
            .map(|c| {
                if c == ' ' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    }
}

/// The ids of a page's headings, in document order (custom ids as written).
pub fn heading_ids(k: &KramdownIds, headings: &[Heading]) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    let mut out = Vec::with_capacity(headings.len());
    for h in headings.iter().filter(|h| h.level > 0) {
        if h.custom {
            out.push(h.anchor.clone());
            continue;
        }
        if !k.auto {
            continue;
        }
        let mut base = slug(k, &h.text);
        if base.is_empty() && !k.gfm {
            base = "section".into();
        }
        out.push(next(&mut counts, &k.prefix, base));
    }
    out
}

fn next(
    counts: &mut std::collections::HashMap<String, usize>,
    prefix: &str,
    base: String,
) -> String {
    match counts.get_mut(&base) {
        Some(n) => {
            *n += 1;
            format!("{prefix}{base}-{n}")
        }
        None => {
            let id = format!("{prefix}{base}");
            counts.insert(base, 0);
            id
        }
    }
}

/// Ids the page gets beyond its headings as the Markdown parser reads them: attribute lists
/// (`{: #id}`, `{:.c #id}`, `{#id}`), and headings whose rendered text differs from the parsed
/// one because kramdown turns `--`/`---` into dashes (which the id then drops).
pub fn extra(
    k: &KramdownIds,
    text: &str,
    body: std::ops::Range<usize>,
    facts: &BodyFacts,
    out: &mut Vec<String>,
) {
    let Some(src) = text.get(body.clone()) else {
        return;
    };
    let in_code = |at: usize| facts.code.iter().any(|r| r.contains(&(at + body.start)));
    // Attribute lists: `{:` … `}` (block or span IAL), or `{#id …}` (header or span).
    let b = src.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'{', &b[i..]) {
        let start = i + off;
        i = start + 1;
        let rest = &src[start + 1..];
        let inner_start = match rest.as_bytes().first() {
            Some(b':') => 1,
            Some(b'#') => 0,
            _ => continue,
        };
        // An attribute list is short: look at most this far (the scan stays linear).
        let window = &rest.as_bytes()[..rest.len().min(1024)];
        let Some(close) = window.iter().position(|&c| c == b'}' || c == b'\n') else {
            continue;
        };
        if rest.as_bytes()[close] != b'}' || in_code(start) {
            continue;
        }
        let inner = &rest[inner_start..close];
        // An ALD definition `{:name: …}` defines attributes for later use; its ids count too.
        for token in inner.split_whitespace() {
            if let Some(id) = token.strip_prefix('#') {
                let id = id.trim_end_matches('}');
                if !id.is_empty() && !id.contains(['{', '}']) {
                    out.push(id.to_string());
                }
            }
        }
    }
    // Headings whose text kramdown reads differently from the Markdown parser: the id
    // kramdown gives them is added (the parser's stays: a wrong extra id is harmless).
    if k.auto && k.gfm {
        for h in facts.headings.iter().filter(|h| !h.custom && h.level > 0) {
            let Some(line) = text.get(h.span.clone()) else {
                continue;
            };
            if line.len() > MAX_HEADING {
                continue;
            }
            if let Some(rendered) = kramdown_text(line) {
                let id = slug(k, &rendered);
                out.push(format!("{}{id}", k.prefix));
            }
        }
    }
}

/// Longest heading source read again for kramdown's text.
const MAX_HEADING: usize = 4096;

/// The text kramdown renders for a heading line, when it differs from what the Markdown
/// parser reads: Liquid (rendered first by Jekyll: an `{% include … %}` stands for its
/// parameters' values, as in `{%- include version_badge.html version="4.0" -%}` → `4.0`;
/// other tags and outputs give nothing known), typographic `--`/`---` (dashes, which ids drop)
/// and a trailing `{…}` that is not kramdown's `{#id}` (text for kramdown, attributes for
/// the parser). Code spans are kept as written.
fn kramdown_text(source: &str) -> Option<String> {
    let first = source.lines().next()?.trim_start();
    let mut content = first.trim_start_matches('#').trim();
    // An ATX closing sequence.
    let closing = content.trim_end_matches('#');
    if closing.len() < content.len() && (closing.is_empty() || closing.ends_with([' ', '\t'])) {
        content = closing.trim_end();
    }
    let braces = content.ends_with('}') && !header_id(content);
    let liquid = content.contains("{%") || content.contains("{{");
    let typographic = content.contains("--") || content.contains("<<") || content.contains(">>");
    if !(braces || liquid || typographic) {
        return None;
    }
    let mut out = String::with_capacity(content.len());
    let mut changed = braces || liquid;
    let mut skip_space = false;
    let b = content.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &content[i..];
        if rest.starts_with('`') {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                out.push_str(rest[ticks..ticks + end].trim());
                i += ticks + end + ticks;
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("{%") {
            if let Some(end) = after.find("%}") {
                // Whitespace control: `{%-` trims the white space before, `-%}` after.
                if after.starts_with('-') {
                    out.truncate(out.trim_end().len());
                }
                if after[..end].ends_with('-') {
                    skip_space = true;
                }
                let tag = after[..end].trim_matches('-').trim();
                if let Some(args) = tag.strip_prefix("include") {
                    for (_, v) in include_params(args) {
                        out.push_str(&v);
                    }
                }
                i += 2 + end + 2;
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("{{") {
            if let Some(end) = after.find("}}") {
                if after.starts_with('-') {
                    out.truncate(out.trim_end().len());
                }
                skip_space = after[..end].ends_with('-');
                i += 2 + end + 2;
                continue;
            }
        }
        if skip_space && rest.starts_with(char::is_whitespace) {
            i += 1;
            continue;
        }
        skip_space = false;
        if rest.starts_with("<<") || rest.starts_with(">>") {
            // `«` and `»` for kramdown: not word characters.
            i += 2;
            changed = true;
            continue;
        }
        if rest.starts_with("--") {
            i += rest.len() - rest.trim_start_matches('-').len();
            changed = true;
            continue;
        }
        if rest.starts_with('!') && rest[1..].starts_with('[') {
            // An image: its alt text is not text.
            if let Some(close) = rest.find("](") {
                if let Some(end) = rest[close..].find(')') {
                    i += close + end + 1;
                    continue;
                }
            }
        }
        if rest.starts_with("](") {
            if let Some(end) = rest.find(')') {
                i += end + 1;
                continue;
            }
        }
        let c = rest.chars().next()?;
        match c {
            '[' | ']' | '*' => {}
            '\\' => {
                if let Some(n) = rest[1..].chars().next() {
                    out.push(n);
                    i += 1 + n.len_utf8();
                    continue;
                }
            }
            '<' => {
                if let Some(end) = rest.find('>') {
                    i += end + 1;
                    continue;
                }
                out.push(c);
            }
            '_' => {
                // Intraword underscores are text; emphasis ones are not.
                let prev = content[..i].chars().next_back();
                let next = rest[1..].chars().next();
                if prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
        i += c.len_utf8();
    }
    changed.then_some(out)
}

/// kramdown's `HEADER_ID`: the header ends with ` {#id}` (`[A-Za-z][\w:-]*`).
fn header_id(content: &str) -> bool {
    let Some(open) = content.rfind("{#") else {
        return false;
    };
    let id = &content[open + 2..content.len() - 1];
    open > 0
        && content[..open].ends_with([' ', '\t'])
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-'))
}

/// `name=value` parameters of an `{% include %}` tag, values unquoted.
fn include_params(args: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    // The file name.
    rest = rest
        .split_once(char::is_whitespace)
        .map_or("", |(_, r)| r)
        .trim_start();
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..=end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            _ => match after.find(char::is_whitespace) {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            },
        };
        out.push((name, value.to_string()));
        rest = next.trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(md: &str) -> Vec<String> {
        let facts = crate::body::extract(md, 0..md.len(), 0);
        let mut ids = heading_ids(&KramdownIds::default(), &facts.headings);
        extra(&KramdownIds::default(), md, 0..md.len(), &facts, &mut ids);
        ids
    }

    /// Every id here is what Jekyll 4.3.1 wrote for `fixtures/sites/jekyll-ids/page.md`.
    #[test]
    fn gfm_ids_as_jekyll_writes_them() {
        let md = "# Hello World\r\n\r\n## Hello World\r\n\r\n## Hello World\r\n\r\n## hello-world-1\r\n\r\n## 安装 指南\r\n\r\n## Café au lait\r\n\r\n## `code` and *emph* [link](http://example.com) text\r\n\r\n## 123 Numbers first\r\n\r\n## !!!\r\n\r\n## !!!\r\n\r\n## Custom {#my-id}\r\n\r\n## Ünïcödé Ωmega ½ x²\r\n\r\n## Tab\there\r\n";
        let facts = crate::body::extract(md, 0..md.len(), 0);
        let ids = heading_ids(&KramdownIds::default(), &facts.headings);
        assert_eq!(
            ids,
            [
                "hello-world",
                "hello-world-1",
                "hello-world-2",
                "hello-world-1",
                "安装-指南",
                "café-au-lait",
                "code-and-emph-link-text",
                "123-numbers-first",
                "",
                "-1",
                "my-id",
                "ünïcödé-ωmega--x",
                "tab-here",
            ]
        );
    }

    #[test]
    fn attribute_lists_and_typographic_dashes() {
        let md = "## IAL header\n{: #ial-id}\n\n## Another\n{:.cls #cls-id}\n\nPara\n{: #para-id}\n\n## Jekyll's \"quotes\" -- dashes\n\n## `--watch` flag\n\n### Detecting `nil` values with `where` filter {%- include docs_version_badge.html version=\"4.0\" -%}\n\n## getset(key) {block}\n\n```\n{: #in-code}\n```\n";
        let ids = ids_of(md);
        for want in [
            "ial-id",
            "cls-id",
            "para-id",
            "jekylls-quotes--dashes",
            "--watch-flag",
            "detecting-nil-values-with-where-filter40",
            "getsetkey-block",
        ] {
            assert!(ids.iter().any(|i| i == want), "{want} in {ids:?}");
        }
        assert!(!ids.iter().any(|i| i == "in-code"), "{ids:?}");
    }

    #[test]
    fn kramdown_input_ids() {
        let k = KramdownIds {
            gfm: false,
            ..KramdownIds::default()
        };
        assert_eq!(slug(&k, "123 Numbers first"), "numbers-first");
        assert_eq!(slug(&k, "Café au lait"), "caf-au-lait");
        let t = KramdownIds {
            transliterate: true,
            ..k.clone()
        };
        assert_eq!(slug(&t, "Café au lait"), "cafe-au-lait");
        let md = "# !!!\n\n# !!!\n";
        let facts = crate::body::extract(md, 0..md.len(), 0);
        assert_eq!(heading_ids(&k, &facts.headings), ["section", "section-1"]);
    }

    #[test]
    fn pathological_bodies_stay_linear() {
        let md = format!(
            "# 标题 {}\n\n{}\n\n## a -- b {}\n",
            "`".repeat(50_000),
            "{: #".repeat(50_000),
            "{{ x ".repeat(20_000)
        );
        let facts = crate::body::extract(&md, 0..md.len(), 0);
        let mut out = Vec::new();
        extra(&KramdownIds::default(), &md, 0..md.len(), &facts, &mut out);
        assert!(out.len() <= 2, "{}", out.len());
    }
}
