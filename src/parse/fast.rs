//! A fast path for the YAML headers most sites write: a block mapping of plain keys whose
//! values are one-line plain or quoted scalars, one-line flow lists of scalars, block lists of
//! scalars, and nested block mappings of the same. It builds the same `Node` tree, with the
//! same byte spans and the same duplicate-key diagnostics, as the general parser
//! (`super::yaml`), and gives up (`None`) on anything else: anchors, aliases, tags, block
//! scalars, multi-line scalars, escapes, flow mappings, tabs, control characters, empty values,
//! odd indentation. The general parser then reads the header from the start, so an unusual
//! header costs one extra scan, never a different result. `tests/yaml_fast.rs` checks the two
//! agree on real sites, generated headers and the YAML test suite; `fuzz/` has a target too.

use std::ops::Range;

use super::{Entry, Node, Parsed, Value, duplicate_keys, yaml::resolve_plain};

/// Headers larger than this go to the general parser (which enforces the node limits).
const MAX_BYTES: usize = 64 << 10;
/// Nesting deeper than this goes to the general parser.
const MAX_DEPTH: usize = 16;
/// YAML limits implicit keys to 1024 characters; long keys go to the general parser.
const MAX_KEY: usize = 512;

/// Parse `header` (which starts at byte `base` of the file), or `None` when it is not in the
/// subset this module reads exactly.
pub fn parse(header: &str, base: usize) -> Option<Parsed> {
    if header.len() > MAX_BYTES || !plain_text(header.as_bytes()) {
        return None;
    }
    let lines = content_lines(header)?;
    if lines.is_empty() || lines[0].indent != 0 {
        return None;
    }
    let mut p = FastParser {
        header,
        base,
        lines,
        at: 0,
        diagnostics: Vec::new(),
    };
    let root = p.block_map(0, 0)?;
    if p.at != p.lines.len() {
        return None;
    }
    Some(Parsed {
        root: Some(root),
        diagnostics: p.diagnostics,
        aliases: Vec::new(),
    })
}

/// No tabs, no control characters (other than line feeds and CRLF), no BOM, no C1 controls,
/// no Unicode line separators or non-characters: anything the YAML scanner treats specially
/// beyond plain text.
fn plain_text(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Runs of printable ASCII (most keys and punctuation) eight bytes at a time.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let high = word & 0x8080_8080_8080_8080;
            // Every byte >= 0x20 and < 0x7F: no control, DEL or non-ASCII byte.
            let below_space = word.wrapping_sub(0x2020_2020_2020_2020) & !word;
            let del = (word ^ 0x7F7F_7F7F_7F7F_7F7F).wrapping_sub(0x0101_0101_0101_0101)
                & !(word ^ 0x7F7F_7F7F_7F7F_7F7F);
            if (high | below_space | del) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        match b {
            b'\n' | b' '..=b'~' => {}
            b'\r' => {
                if bytes.get(i + 1) != Some(&b'\n') {
                    return false;
                }
            }
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0xA0)) => return false,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                return false;
            }
            0xEF if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
            ) =>
            {
                return false;
            }
            0x80.. => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

/// A line with content: where it starts, its indentation and where its text ends (before
/// `\r\n` or `\n`).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
    end: usize,
}

/// The lines that hold content (blank and comment-only lines dropped), or `None` for a line
/// the subset does not read at all (document markers, directives).
fn content_lines(header: &str) -> Option<Vec<Line>> {
    let bytes = header.as_bytes();
    let mut lines = Vec::with_capacity(32);
    let mut start = 0;
    while start < bytes.len() {
        let next = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let end = if next > start && bytes[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        if indent < line.len() && line[indent] != b'#' {
            if line.starts_with(b"---") || line.starts_with(b"...") || line[0] == b'%' {
                return None;
            }
            lines.push(Line { start, indent, end });
        }
        start = next + 1;
    }
    Some(lines)
}

struct FastParser<'a> {
    header: &'a str,
    base: usize,
    lines: Vec<Line>,
    at: usize,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

impl<'a> FastParser<'a> {
    fn span(&self, local: Range<usize>) -> Range<usize> {
        self.base + local.start..self.base + local.end
    }

    /// The text of a line after `skip` bytes of it, with its offset in the header.
    fn rest(&self, line: Line, skip: usize) -> (usize, &'a str) {
        let from = line.start + skip;
        (from, &self.header[from..line.end])
    }

    /// The current line, if it is indented exactly `indent`.
    fn line_at(&self, indent: usize) -> Option<Line> {
        self.lines
            .get(self.at)
            .copied()
            .filter(|l| l.indent == indent)
    }

    /// The next line is deeper than `indent`: a continuation the subset does not read.
    fn deeper_follows(&self, indent: usize) -> bool {
        self.lines.get(self.at).is_some_and(|l| l.indent > indent)
    }

    fn block_map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let first = self.line_at(indent)?;
        let start = self.base + first.start + indent;
        let mut entries = Vec::new();
        while let Some(line) = self.line_at(indent) {
            let (from, text) = self.rest(line, indent);
            let colon = key_end(text)?;
            let key = &text[..colon];
            let key_span = self.span(from..from + colon);
            let after = colon + 1;
            let blank = text[after..].bytes().take_while(|&b| b == b' ').count();
            let value_text = &text[after + blank..];
            self.at += 1;
            let value = if value_text.is_empty() || (blank > 0 && value_text.starts_with('#')) {
                // The value is the block below: a nested mapping or a list.
                let next = self.lines.get(self.at).copied()?;
                let (_, next_text) = self.rest(next, next.indent);
                let dash = next_text == "-" || next_text.starts_with("- ");
                if dash && next.indent >= indent {
                    self.block_seq(next.indent, next.indent == indent, depth + 1)?
                } else if next.indent > indent {
                    self.block_map(next.indent, depth + 1)?
                } else {
                    return None; // an empty value (null): left to the general parser
                }
            } else {
                let value = self.inline(from + after + blank, value_text)?;
                if self.deeper_follows(indent) {
                    return None;
                }
                value
            };
            entries.push(Entry {
                key: key.to_string(),
                key_span,
                value,
            });
        }
        if self.deeper_follows(indent) {
            return None;
        }
        duplicate_keys(&entries, &mut self.diagnostics);
        let last = entries.last()?;
        let end = last.value.span.end.max(last.key_span.end);
        Some(Node::new(start..end, Value::Map(entries)))
    }

    fn block_seq(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let dash = self.base + self.line_at(indent)?.start + indent;
        let mut items: Vec<Node> = Vec::new();
        while let Some(line) = self.line_at(indent) {
            let (from, text) = self.rest(line, indent);
            let Some(item) = text.strip_prefix("- ") else {
                if text == "-" {
                    return None;
                }
                break; // the next key of a mapping at the same indentation
            };
            let blank = item.bytes().take_while(|&b| b == b' ').count();
            self.at += 1;
            let node = self.inline(from + 2 + blank, &item[blank..])?;
            if self.deeper_follows(indent) {
                return None;
            }
            items.push(node);
        }
        // As in the general parser, an indented block list starts at its first `-`, a list at
        // its parent's indentation (`tags:\n- a`) at its first item.
        let start = if indentless {
            items.first()?.span.start
        } else {
            dash
        };
        let span = start..items.last()?.span.end;
        Some(Node::new(span, Value::Seq(items)))
    }

    /// A value that starts and ends on this line, followed by nothing but an optional comment.
    fn inline(&self, from: usize, text: &str) -> Option<Node> {
        let (node, used) = match text.as_bytes().first()? {
            b'"' | b'\'' => self.quoted(from, text)?,
            b'[' => self.flow_seq(from, text)?,
            _ => {
                let len = plain_len(text, false)?;
                (self.plain(from, &text[..len]), len)
            }
        };
        trailing_comment_only(&text[used..]).then_some(node)
    }

    fn plain(&self, from: usize, text: &str) -> Node {
        Node {
            span: self.span(from..from + text.len()),
            value: resolve_plain(text),
            plain: true,
        }
    }

    /// A one-line quoted scalar without escapes (`''` in single quotes is fine), and the
    /// bytes it used.
    fn quoted(&self, from: usize, text: &str) -> Option<(Node, usize)> {
        let bytes = text.as_bytes();
        let quote = bytes[0];
        let mut value = String::new();
        let mut i = 1;
        let mut run = 1;
        loop {
            match *bytes.get(i)? {
                b'\\' if quote == b'"' => return None,
                b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => {
                    value.push_str(&text[run..=i]);
                    i += 2;
                    run = i;
                }
                b if b == quote => {
                    value.push_str(&text[run..i]);
                    let used = i + 1;
                    let node = Node::new(self.span(from..from + used), Value::String(value));
                    return Some((node, used));
                }
                _ => i += 1,
            }
        }
    }

    /// `[a, "b", c]` on one line, of scalars only.
    fn flow_seq(&self, from: usize, text: &str) -> Option<(Node, usize)> {
        let bytes = text.as_bytes();
        let mut items = Vec::new();
        let mut i = 1;
        let skip = |i: &mut usize| {
            while bytes.get(*i) == Some(&b' ') {
                *i += 1;
            }
        };
        skip(&mut i);
        if bytes.get(i) == Some(&b']') {
            let used = i + 1;
            return Some((
                Node::new(self.span(from..from + used), Value::Seq(items)),
                used,
            ));
        }
        loop {
            let item = &text[i..];
            let (node, len) = match item.as_bytes().first()? {
                b'"' | b'\'' => self.quoted(from + i, item)?,
                _ => {
                    let len = plain_len(item, true)?;
                    (self.plain(from + i, &item[..len]), len)
                }
            };
            items.push(node);
            i += len;
            skip(&mut i);
            match bytes.get(i)? {
                b',' => {
                    i += 1;
                    skip(&mut i);
                    if matches!(bytes.get(i), Some(b']' | b',')) {
                        return None; // a trailing or doubled comma
                    }
                }
                b']' => {
                    let used = i + 1;
                    return Some((
                        Node::new(self.span(from..from + used), Value::Seq(items)),
                        used,
                    ));
                }
                _ => return None,
            }
        }
    }
}

/// Where the key of a `key: value` line ends (at its `:`), for a plain key the subset reads.
fn key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if starts_with_indicator(bytes, false) {
        return None;
    }
    let colon = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b':' && matches!(bytes.get(i + 1), None | Some(b' ')))?;
    let key = &bytes[..colon];
    let simple = colon > 0
        && colon <= MAX_KEY
        && key[colon - 1] != b' '
        && !key
            .iter()
            .any(|&b| matches!(b, b'#' | b'"' | b'\'' | b'[' | b']' | b'{' | b'}' | b','));
    simple.then_some(colon)
}

/// The length of a one-line plain scalar at the start of `text` (trailing spaces excluded), or
/// `None` for one the subset leaves to the general parser. In a flow list, the scalar ends at
/// `,` or `]`.
fn plain_len(text: &str, flow: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    if starts_with_indicator(bytes, flow) {
        return None;
    }
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return None,
            b',' | b']' if flow => {
                end = i;
                break;
            }
            b'[' | b'{' | b'}' | b'"' | b'\'' | b':' | b'#' if flow => return None,
            // saphyr reads a `-` or `?` after a space inside a flow scalar as a new token.
            b'-' | b'?' if flow && i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    let len = text[..end].trim_end_matches(' ').len();
    (len > 0).then_some(len)
}

/// A scalar starting with a YAML indicator (`-`, `?` and `:` only when a space, the end or,
/// in a flow list, a flow indicator follows) is not plain text.
fn starts_with_indicator(bytes: &[u8], flow: bool) -> bool {
    match bytes.first() {
        None => true,
        Some(b'-' | b'?' | b':') => match bytes.get(1) {
            None | Some(b' ') => true,
            Some(b',' | b'[' | b']' | b'{' | b'}') => flow,
            Some(_) => false,
        },
        Some(
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
            | b'"' | b'%' | b'@' | b'`',
        ) => true,
        Some(_) => false,
    }
}

/// Nothing, or spaces and then a comment.
fn trailing_comment_only(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn plain_text_finds_a_special_byte_at_any_position() {
        let base = "title: 标题 abcdefghijklmnop\r\n".as_bytes().to_vec();
        assert!(plain_text(&base));
        let special: [&[u8]; 9] = [
            b"\t",
            b"\x00",
            b"\x1f",
            b"\x7f",
            b"\r",
            "\u{85}".as_bytes(),
            "\u{feff}".as_bytes(),
            "\u{2028}".as_bytes(),
            "\u{ffff}".as_bytes(),
        ];
        for bad in special {
            for at in 0..base.len() - 2 {
                if std::str::from_utf8(&base[..at]).is_err() {
                    continue;
                }
                let mut text = base[..at].to_vec();
                text.extend_from_slice(bad);
                text.extend_from_slice(&base[at..]);
                assert!(!plain_text(&text), "{bad:?} at {at}");
            }
        }
    }
}
