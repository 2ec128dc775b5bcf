//! Precise edits of header values, for fixes. A value is replaced inside its own text: its
//! anchor and tag (`&d !!str`), its quoting, its block style (`>-`, `|2+`, with the header line
//! and indentation as written), the comment after it and everything around it stay. A list item
//! is removed whole: in a block list its `-` line (and the next line when the value sits
//! there), in a flow list the item and one comma.
//!
//! Where such an edit is not possible (an alias, a block scalar of several lines, a value whose
//! new text the style cannot hold) these functions return `None` and the rule offers no fix.
//! `fix::verify` re-checks every edit before anything is written.

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::document::Document;
use crate::parse::{Node, Value};
use crate::split::Format;

/// The node at `path` (entry and item indices from the root).
pub fn node_at<'a>(root: &'a Node, path: &[usize]) -> Option<&'a Node> {
    let mut node = root;
    for &i in path {
        node = match &node.value {
            Value::Map(entries) => &entries.get(i)?.value,
            Value::Seq(items) => items.get(i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An edit that makes the scalar at `path` hold the string `new`, in the style it is written in.
pub fn replace_str(doc: &Document, path: &[usize], new: &str) -> Option<Edit> {
    let (node, parent) = locate(doc, path)?;
    match doc.front?.format {
        Format::Yaml => yaml_replace(doc, node, parent, new, false),
        Format::Json => json_replace(doc.text, node, new),
        Format::Toml => toml_replace(doc.text, node, new),
    }
}

/// An edit that writes `new` as it is (`true`, `493`) in place of the plain YAML scalar at
/// `path`, keeping its anchor and tag. Only for plain scalars of YAML headers.
pub fn replace_plain(doc: &Document, path: &[usize], new: &str) -> Option<Edit> {
    let (node, parent) = locate(doc, path)?;
    if doc.front?.format != Format::Yaml || !node.plain {
        return None;
    }
    yaml_replace(doc, node, parent, new, true)
}

/// Whether a block scalar without properties in its span has an anchor on its header line.
fn anchored_block(text: &str, node: &Node) -> bool {
    block_scalar(text, node.span.start).is_some_and(|h| {
        let from = text[..h.range.start].rfind('\n').map_or(0, |i| i + 1);
        text[from..h.range.start].contains('&')
    })
}

/// An edit that removes the list item at `path`.
pub fn remove_item(doc: &Document, path: &[usize]) -> Option<Edit> {
    let (node, parent) = locate(doc, path)?;
    let parent = parent?;
    if !matches!(parent.value, Value::Seq(_)) {
        return None;
    }
    let text = doc.text;
    // An item that defines an anchor may be used elsewhere: removing it would break that.
    let source = &text[node.span.clone()];
    if source[..properties_len(source)].contains('&') || anchored_block(text, node) {
        return None;
    }
    let yaml = doc.front?.format == Format::Yaml;
    let range = if yaml && !is_flow(text, parent) {
        block_item_removal(text, node)?
    } else {
        flow_item_removal(text, node.span.clone())?
    };
    Some(Edit {
        range,
        replacement: String::new(),
    })
}

/// The node at `path` and its parent. `None` inside an alias (`tags: *t`): its nodes are
/// copies of the anchored ones, which is where a fix edits them.
fn locate<'a>(doc: &Document<'a>, path: &[usize]) -> Option<(&'a Node, Option<&'a Node>)> {
    let root = doc.root?;
    for depth in 1..=path.len() {
        let n = node_at(root, &path[..depth])?;
        if doc.text.as_bytes().get(n.span.start) == Some(&b'*') {
            return None;
        }
    }
    let node = node_at(root, path)?;
    let parent = match path.split_last() {
        Some((_, up)) => Some(node_at(root, up)?),
        None => None,
    };
    Some((node, parent))
}

/// Whether a list or mapping is written in flow style (`[a, b]`, `{a: 1}`): it opens with its
/// bracket before its first element. (A block list at its parent's indentation starts at its
/// first item, which may itself be a `[`.)
fn is_flow(text: &str, node: &Node) -> bool {
    let first = match &node.value {
        Value::Seq(items) => items.first().map(|n| n.span.start),
        Value::Map(entries) => entries
            .first()
            .map(|e| e.key_span.start.min(e.value.span.start)),
        _ => return false,
    };
    matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
        && first.is_none_or(|f| f > node.span.start)
}

// ---------------------------------------------------------------------------------------------
// YAML

fn yaml_replace(
    doc: &Document,
    node: &Node,
    parent: Option<&Node>,
    new: &str,
    verbatim: bool,
) -> Option<Edit> {
    let text = doc.text;
    let span = node.span.clone();
    if !matches!(
        node.value,
        Value::String(_) | Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_)
    ) {
        return None;
    }
    let source = &text[span.clone()];
    let core_at = properties_len(source);
    let core = &source[core_at..];
    let block = if block_scalar(text, span.start).is_some() {
        Some(span.start)
    } else if core.starts_with(['|', '>']) {
        // With properties (`&l !!str |-`) the span starts at them, before the header.
        let line_end = core.find('\n')?;
        header_in_line(&core[..line_end])?;
        Some(content_start(
            text,
            span.start + core_at + line_end + 1,
            node,
        )?)
    } else {
        None
    };
    if let Some(start) = block {
        if verbatim {
            return None;
        }
        return block_replace(text, node, start, new);
    }
    // An alias stands for its anchor's value: that is where a fix changes it.
    if core.is_empty() || core.starts_with('*') {
        return None;
    }
    let flow = parent.is_some_and(|p| is_flow(text, p));
    let replacement = if verbatim {
        new.to_string()
    } else {
        yaml_text(core, new, flow)
    };
    Some(Edit {
        range: span.start + core_at..span.end,
        replacement,
    })
}

/// `new` as a YAML scalar in the style of `old` (its source text without properties).
fn yaml_text(old: &str, new: &str, flow: bool) -> String {
    let text = super::requote(old, new);
    let plain = !text.starts_with(['"', '\'']);
    if plain && flow && new.contains([',', '[', ']', '{', '}']) {
        return super::double_quoted(new);
    }
    text
}

/// The length of the node properties (`&anchor`, `!tag`, in either order) and the blanks after
/// them at the start of a scalar's source.
pub(crate) fn properties_len(source: &str) -> usize {
    let b = source.as_bytes();
    let mut at = 0;
    while matches!(b.get(at), Some(b'!' | b'&')) {
        let start = at;
        if b.get(at..at + 2) == Some(b"!<") {
            // A verbatim tag runs to its `>`.
            match b[at..].iter().position(|&c| c == b'>') {
                Some(i) => at += i + 1,
                None => return start,
            }
        }
        while b.get(at).is_some_and(|c| !c.is_ascii_whitespace()) {
            at += 1;
        }
        let before_blanks = at;
        while b.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if at == before_blanks && at < b.len() {
            return start;
        }
    }
    at
}

/// The start of the line holding `at` when only spaces precede `at` on it. Walks back over the
/// spaces only, never over a whole long line: a flow list of 100,000 items on one line asks this
/// for each item.
fn indented_line_start(bytes: &[u8], at: usize) -> Option<usize> {
    let indent = bytes[..at].iter().rev().take_while(|&&b| b == b' ').count();
    let line_start = at - indent;
    (line_start == 0 || bytes[line_start - 1] == b'\n').then_some(line_start)
}

/// A block scalar's header: where its indicator (`|`, `>`) is, its chomping (`-`, `+`, or
/// none) and whether it has an explicit indentation digit.
#[derive(Debug)]
struct BlockHeader {
    /// Byte range of the indicator and its modifiers (`>-`, `|2+`).
    range: Range<usize>,
}

/// When the scalar whose content starts at `start` is a block scalar (`>`/`|`), its header.
/// The parser's span of a block scalar starts at its content, after the indentation; the
/// header is the last token of the nearest line above that is not blank.
fn block_scalar(text: &str, start: usize) -> Option<BlockHeader> {
    let bytes = text.as_bytes();
    let line_start = indented_line_start(bytes, start).filter(|&l| l > 0)?;
    // Skip blank lines (leading empty lines of the content) upward.
    let mut end = line_start - 1;
    loop {
        let from = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[from..end];
        if line.trim_matches([' ', '\t', '\r']).is_empty() {
            if from == 0 {
                return None;
            }
            end = from - 1;
            continue;
        }
        let at = header_in_line(line)?;
        let len = line[at..]
            .bytes()
            .take_while(|b| matches!(b, b'|' | b'>' | b'-' | b'+' | b'1'..=b'9'))
            .count();
        return Some(BlockHeader {
            range: from + at..from + at + len,
        });
    }
}

/// Where a block scalar header (`|`, `>-`, `|2+`) is in a line, when the line ends with one
/// (before an optional comment). Quoted keys are skipped over (`"a #b": >`); a line that is a
/// comment has none.
fn header_in_line(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'') if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'-' | b'?') => {
                // A quoted scalar (a key): to its closing quote.
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'\\' if q == b'"' => i += 2,
                        b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
                        c if c == q => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => return None,
            b'|' | b'>' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => {
                let mut j = i + 1;
                let mut indent = false;
                let mut chomp = false;
                while let Some(&c) = b.get(j) {
                    match c {
                        b'1'..=b'9' if !indent => indent = true,
                        b'-' | b'+' if !chomp => chomp = true,
                        _ => break,
                    }
                    j += 1;
                }
                let rest = line[j..].trim_end_matches('\r');
                let trimmed = rest.trim_start_matches([' ', '\t']);
                if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len()) {
                    return Some(i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Where a block scalar's content starts, given where the line after its header starts: the
/// first line that is not blank, after the indentation (the rest of the line is the value's
/// first line; with an indentation indicator the value may start with spaces).
fn content_start(text: &str, mut at: usize, node: &Node) -> Option<usize> {
    let Value::String(old) = &node.value else {
        return None;
    };
    let first = old.split('\n').next().unwrap_or("");
    if first.is_empty() {
        return None;
    }
    loop {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end_matches('\r');
        if line.trim_matches(' ').is_empty() {
            if end == text.len() {
                return None;
            }
            at = end + 1;
            continue;
        }
        return line.ends_with(first).then(|| at + line.len() - first.len());
    }
}

/// Replace the content of a block scalar of one line, which starts at `start`. The old value
/// is that line plus what chomping keeps of the line breaks after it; the new value must end
/// the same way and be one line that the block style holds as is (no leading or trailing
/// blank, no line break, only printable characters).
fn block_replace(text: &str, node: &Node, start: usize, new: &str) -> Option<Edit> {
    let Value::String(old) = &node.value else {
        return None;
    };
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..line_end].trim_end_matches('\r');
    let suffix = old.strip_prefix(line)?;
    if !suffix.bytes().all(|b| b == b'\n') {
        return None;
    }
    let new_line = new.strip_suffix(suffix)?;
    let holds = !new_line.is_empty()
        && !new_line.starts_with([' ', '\t'])
        && !new_line.ends_with([' ', '\t'])
        && new_line.chars().all(|c| !needs_escape(c))
        && !line.is_empty();
    holds.then(|| Edit {
        range: start..start + line.len(),
        replacement: new_line.to_string(),
    })
}

/// Characters a YAML block scalar or plain scalar cannot hold as they are.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A block-list item: from the start of its `-` line to the end of its last line, its line
/// break included. The `-` must be the first thing on its line (not `- - a`), and nothing but
/// a comment may follow the value on its last line.
fn block_item_removal(text: &str, item: &Node) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    // Where the item's text begins: its properties and value, or its block scalar header.
    let (begin, last_end) = match block_scalar(text, item.span.start) {
        Some(header) => {
            let from = text[..header.range.start].rfind('\n').map_or(0, |i| i + 1);
            // Properties between the `-` and the header stay inside the removed range.
            let dash_line = &text[from..header.range.start];
            let dash = dash_line.find('-')?;
            let between = dash_line[dash + 1..].trim_matches([' ', '\t']);
            if !between.is_empty()
                && !between
                    .split_whitespace()
                    .all(|t| t.starts_with(['&', '!']))
            {
                return None;
            }
            let content = &text[item.span.clone()];
            let last = content.trim_end_matches([' ', '\t', '\r', '\n']).len();
            (from + dash + 1, item.span.start + last)
        }
        None => (item.span.start, item.span.end),
    };
    let mut i = begin;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    if i == 0 || bytes[i - 1] != b'-' {
        return None;
    }
    let dash = i - 1;
    let line_start = indented_line_start(bytes, dash)?;
    let line_end = text[last_end..]
        .find('\n')
        .map_or(text.len(), |i| last_end + i + 1);
    let after = text[last_end..line_end].trim_end_matches(['\n', '\r']);
    let rest = after.trim_start_matches([' ', '\t']);
    let comment = rest.starts_with('#') && rest.len() < after.len();
    if !(rest.is_empty() || comment) {
        return None;
    }
    Some(line_start..line_end)
}

/// A flow-list item (YAML flow, TOML or JSON array): the item and the comma before it, or, for
/// the first item, the comma and blanks after it.
fn flow_item_removal(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let before = text[..span.start].trim_end_matches([' ', '\t', '\r', '\n']);
    if before.ends_with(',') {
        return Some(before.len() - 1..span.end);
    }
    let after = &text[span.end..];
    let trimmed = after.trim_start_matches([' ', '\t', '\r', '\n']);
    let rest = trimmed.strip_prefix(',')?;
    let skip = after.len() - rest.trim_start_matches([' ', '\t']).len();
    Some(span.start..span.end + skip)
}

// ---------------------------------------------------------------------------------------------
// JSON and TOML

fn json_replace(text: &str, node: &Node, new: &str) -> Option<Edit> {
    if !text[node.span.clone()].starts_with('"') || !matches!(node.value, Value::String(_)) {
        return None;
    }
    Some(Edit {
        range: node.span.clone(),
        replacement: super::double_quoted(new),
    })
}

/// TOML strings: a literal string (`'…'`) stays one when it can hold the value; anything else
/// becomes a basic string (`"…"`, whose escapes are those of `double_quoted`).
fn toml_replace(text: &str, node: &Node, new: &str) -> Option<Edit> {
    let source = &text[node.span.clone()];
    if !matches!(node.value, Value::String(_)) || !source.starts_with(['"', '\'']) {
        return None;
    }
    let literal_ok = source.starts_with('\'')
        && !source.starts_with("'''")
        && !new.contains(['\'', '\n', '\r'])
        && !new.chars().any(|c| c.is_control() && c != '\t');
    let replacement = if literal_ok {
        format!("'{new}'")
    } else {
        super::double_quoted(new)
    };
    Some(Edit {
        range: node.span.clone(),
        replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties() {
        assert_eq!(properties_len("&d 2019"), 3);
        assert_eq!(properties_len("!!str &a  'x'"), 10);
        assert_eq!(properties_len("!<tag:x> y"), 9);
        assert_eq!(properties_len("plain"), 0);
        assert_eq!(properties_len("&only"), 5);
    }

    #[test]
    fn headers() {
        assert_eq!(header_in_line("date: >-"), Some(6));
        assert_eq!(header_in_line("date: &d !!str |2+ # c"), Some(15));
        assert_eq!(header_in_line("  - >"), Some(4));
        assert_eq!(header_in_line("# a comment ending with |"), None);
        assert_eq!(header_in_line("a: b # see >"), None);
        assert_eq!(header_in_line("a: x|y"), None);
        assert_eq!(header_in_line("a: > b"), None);
        assert_eq!(header_in_line("\"pub #\": |1-"), Some(9));
        assert_eq!(header_in_line("'it''s #': >"), Some(11));
        assert_eq!(header_in_line("- &x !!str >- # c | d"), Some(11));
    }
}
