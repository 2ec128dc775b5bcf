//! YAML (and JSON) headers through saphyr-parser's event stream, built into a `Node` tree
//! without recursion. saphyr reports positions in characters; they become byte offsets here.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::{Entry, Node, Parsed, Value, duplicate_keys, limits};
use crate::diagnostic::Diagnostic;

pub fn parse(text: &str, content: Range<usize>) -> Parsed {
    parse_with(text, content, false)
}

/// `parse`, and with `aliases` also the list of aliases and their anchored nodes (`--fix`).
pub fn parse_with(text: &str, content: Range<usize>, aliases: bool) -> Parsed {
    let header = &text[content.clone()];
    match build(header, content.start, aliases) {
        Ok(parsed) => parsed,
        Err(first_error) => {
            // Hugo (go-yaml) accepts a flow list closed by `]` at column 0; YAML 1.2 does not.
            // Join such lines to the previous one, byte for byte, and try once more.
            if let Some((patched, closers)) = join_unindented_closers(header) {
                if let Ok(mut parsed) = build(&patched, content.start, aliases) {
                    for at in closers {
                        let at = content.start + at;
                        parsed.diagnostics.push(
                            Diagnostic::new(
                                "yaml/unindented-flow",
                                at..at + 1,
                                "flow collection closed at column 0",
                            )
                            .help("indent the closing bracket by at least one space; strict YAML 1.2 parsers reject this")
                            .label("closed at column 0"),
                        );
                    }
                    return parsed;
                }
            }
            let mut parsed = Parsed::default();
            parsed.diagnostics.push(*first_error);
            parsed
        }
    }
}

/// A copy of `header` where the line break before each line that starts with `]` or `}` is
/// replaced by spaces (same length, so every offset stays valid), and where those lines start.
fn join_unindented_closers(header: &str) -> Option<(String, Vec<usize>)> {
    let mut bytes = header.as_bytes().to_vec();
    let mut closers = Vec::new();
    for i in 1..bytes.len() {
        if matches!(bytes[i], b']' | b'}') && bytes[i - 1] == b'\n' {
            bytes[i - 1] = b' ';
            if i >= 2 && bytes[i - 2] == b'\r' {
                bytes[i - 2] = b' ';
            }
            closers.push(i);
        }
    }
    if closers.is_empty() {
        return None;
    }
    // Only ASCII line-break bytes were replaced by ASCII spaces: still UTF-8.
    String::from_utf8(bytes).ok().map(|s| (s, closers))
}

/// Character offsets (what saphyr reports) to byte offsets, walking forward from the last
/// position asked for, so a whole parse is linear.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    base: usize,
    chars: usize,
    bytes: usize,
    /// Characters saphyr read before `text` (the `--- ` of [`DOCUMENT_START`]).
    skip: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize, skip: usize) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            base,
            chars: 0,
            bytes: 0,
            skip,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        let char_index = char_index.saturating_sub(self.skip);
        if self.ascii {
            return self.base + char_index.min(self.text.len());
        }
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let rest = &self.text[self.bytes..];
        for c in rest.chars() {
            if self.chars == char_index {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.base + self.bytes
    }

    fn span(&mut self, span: &Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index());
        start..end.max(start)
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
        /// Nodes in it so far, itself included (an alias to it counts that many again).
        size: usize,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Range<usize>)>,
        size: usize,
    },
}

/// Read before a header that is one flow collection (a JSON header, `{…}`). saphyr keeps every
/// token of a flow collection that may be a key (`{…}: value`) until it closes: a 3 MB JSON
/// header held 700 MB of tokens. After `--- ` nothing on the line may start a key, so tokens are
/// handed on as they come; the offsets of what follows are moved back by its length.
const DOCUMENT_START: &str = "--- ";

struct Builder<'a> {
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes created so far, aliases counted at their expanded size.
    nodes: usize,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    /// Recorded only when asked for (`--fix`): `None` otherwise. Each alias used as a value,
    /// with the path of the value its anchor names (`anchor_paths`).
    aliases: Option<Vec<(Vec<usize>, Vec<usize>)>>,
    anchor_paths: HashMap<usize, Vec<usize>>,
}

fn build(header: &str, base: usize, aliases: bool) -> Result<Parsed, Box<Diagnostic>> {
    if header.trim_start().starts_with(['{', '[']) {
        match build_from(header, base, true, aliases) {
            Ok(parsed) => return Ok(parsed),
            // The collection may be the key of a block mapping (`[a, b]: c`), which `--- `
            // forbids: the plain parse decides. YAML limits such keys to 1024 characters (4 KiB
            // of UTF-8), so the plain parse buffers no more than that before it hands tokens on.
            Err(e)
                if e.rule == "syntax/parse-error"
                    && e.span.start.saturating_sub(base) <= 4 * 1024 + 64 => {}
            Err(e) => return Err(e),
        }
    }
    build_from(header, base, false, aliases)
}

/// Parse `header`, after [`DOCUMENT_START`] when `prefix`.
fn build_from(
    header: &str,
    base: usize,
    prefix: bool,
    aliases: bool,
) -> Result<Parsed, Box<Diagnostic>> {
    let prefixed;
    let (source, skip) = if prefix {
        prefixed = format!("{DOCUMENT_START}{header}");
        (prefixed.as_str(), DOCUMENT_START.len())
    } else {
        (header, 0)
    };
    let mut b = Builder {
        offsets: Offsets::new(header, base, skip),
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
        diagnostics: Vec::new(),
        aliases: aliases.then(Vec::new),
        anchor_paths: HashMap::new(),
    };
    let mut documents = 0;
    for event in Parser::new_from_str(source) {
        let (event, span) = event.map_err(|e| Box::new(scan_error(&mut b.offsets, header, &e)))?;
        let range = b.offsets.span(&span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Box::new(Diagnostic::new(
                        "syntax/parse-error",
                        range,
                        "invalid YAML: the front matter holds more than one document",
                    )));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                // saphyr ends a quoted scalar's span after a trailing comment; end it at the
                // closing quote.
                let range = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        let local = range.start - base..range.end - base;
                        let end = quoted_end(&header.as_bytes()[local])
                            .map_or(range.end, |n| range.start + n);
                        range.start..end
                    }
                    _ => range,
                };
                let explicit_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let plain = style == ScalarStyle::Plain && !explicit_str;
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = b.stack.last_mut()
                {
                    if anchor != 0 {
                        let keyed = Node {
                            span: range.clone(),
                            value: if plain {
                                resolve_plain(&value)
                            } else {
                                Value::String(value.to_string())
                            },
                            plain,
                        };
                        b.anchors.insert(anchor, (keyed, 1));
                    }
                    *key = Some((value.into_owned(), range));
                    b.count(1)?;
                    if let Some(Frame::Map { size, .. }) = b.stack.last_mut() {
                        *size = size.saturating_add(1);
                    }
                    continue;
                }
                let value = if plain {
                    resolve_plain(&value)
                } else {
                    Value::String(value.into_owned())
                };
                let node = Node {
                    span: range,
                    value,
                    plain,
                };
                b.count(1)?;
                b.finish(node, anchor, 1)?;
            }
            Event::Alias(id) => {
                let Some(&(_, size)) = b.anchors.get(&id) else {
                    return Err(Box::new(Diagnostic::new(
                        "syntax/parse-error",
                        range,
                        "invalid YAML: alias to an unknown anchor",
                    )));
                };
                // Counted before the copy is made: a bomb stops before it takes the memory.
                b.count(size)?;
                let mut node = b.anchors[&id].0.clone();
                let anchored_span = std::mem::replace(&mut node.span, range);
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = b.stack.last_mut()
                {
                    // An alias used as a key stands for the anchored value's text.
                    let text = match &node.value {
                        Value::String(s) | Value::DateTime(s) => s.clone(),
                        Value::Null => "null".into(),
                        Value::Bool(v) => v.to_string(),
                        Value::Int(v) => v.to_string(),
                        Value::Float(v) => v.to_string(),
                        Value::Seq(_) | Value::Map(_) => {
                            let (base, text) = (b.offsets.base, b.offsets.text);
                            text.get(anchored_span.start - base..anchored_span.end - base)
                                .unwrap_or("?")
                                .to_string()
                        }
                    };
                    *key = Some((text, node.span));
                    continue;
                }
                if b.aliases.is_some() {
                    if let Some(target) = b.anchor_paths.get(&id).cloned() {
                        let here = b.path();
                        b.aliases.get_or_insert_default().push((here, target));
                    }
                }
                b.finish(node, 0, size)?;
            }
            Event::SequenceStart(anchor, _) => {
                b.open(&range)?;
                b.stack.push(Frame::Seq {
                    start: range.start,
                    anchor,
                    items: Vec::new(),
                    size: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                b.open(&range)?;
                b.stack.push(Frame::Map {
                    start: range.start,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    size: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // Lists and mappings keep no spare capacity: a header of many small ones
                // would otherwise hold up to four times the memory it needs.
                let (start, closer, anchor, value, last_end, size) = match b.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        mut items,
                        size,
                    }) => {
                        items.shrink_to_fit();
                        let last = items.last().map(|n| n.span.end);
                        (start, b']', anchor, Value::Seq(items), last, size)
                    }
                    Some(Frame::Map {
                        start,
                        anchor,
                        mut entries,
                        size,
                        ..
                    }) => {
                        entries.shrink_to_fit();
                        duplicate_keys(&entries, &mut b.diagnostics);
                        let last = entries.last().map(|e| e.value.span.end.max(e.key_span.end));
                        (start, b'}', anchor, Value::Map(entries), last, size)
                    }
                    None => continue,
                };
                // A flow collection ends at its closing bracket (the end event's span runs on
                // over a trailing comment); a block one at its last value. Whether it is flow is
                // told here, not by a `[` at its start: a block list at its parent's
                // indentation starts at its first item, which may itself be `[`.
                let flow = header.as_bytes().get(range.start - base) == Some(&closer);
                let end = if flow {
                    range.start + 1
                } else {
                    last_end.unwrap_or(start)
                };
                let node = Node::new(start..end.max(start), value);
                b.finish(node, anchor, size)?;
            }
        }
    }
    Ok(Parsed {
        root: b.root,
        diagnostics: b.diagnostics,
        aliases: b.aliases.unwrap_or_default(),
    })
}

impl Builder<'_> {
    /// Count `n` values (keys, scalars, lists, mappings; an alias as many as it stands for):
    /// past `MAX_NODES` the header is refused, so its tree has bounded size.
    fn count(&mut self, n: usize) -> Result<(), Box<Diagnostic>> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > limits::MAX_NODES {
            let at = self.offsets.base;
            return Err(Box::new(
                Diagnostic::new(
                    "syntax/limit",
                    at..at,
                    format!(
                        "the front matter has more than {} values (keys, values and aliases \
                         expanded)",
                        limits::MAX_NODES
                    ),
                )
                .help("move large data out of the front matter, and remove aliases that reference other aliases"),
            ));
        }
        Ok(())
    }

    fn open(&mut self, range: &Range<usize>) -> Result<(), Box<Diagnostic>> {
        self.count(1)?;
        if self.stack.len() >= limits::MAX_DEPTH {
            return Err(Box::new(
                Diagnostic::new(
                    "syntax/limit",
                    range.start..range.start + 1,
                    format!(
                        "the front matter nests lists and mappings more than {} levels deep",
                        limits::MAX_DEPTH
                    ),
                )
                .help("flatten the structure; no site generator needs this depth"),
            ));
        }
        Ok(())
    }

    /// The path (entry and item indices) of the value about to be added to the open frames.
    fn path(&self) -> Vec<usize> {
        self.stack
            .iter()
            .map(|f| match f {
                Frame::Seq { items, .. } => items.len(),
                Frame::Map { entries, .. } => entries.len(),
            })
            .collect()
    }

    /// A complete node of `size` values: remember its anchor and hand it to its parent.
    fn finish(&mut self, node: Node, anchor: usize, size: usize) -> Result<(), Box<Diagnostic>> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size.max(1)));
            let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
            if self.aliases.is_some() && !is_key {
                let path = self.path();
                self.anchor_paths.insert(anchor, path);
            }
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, size: n, .. }) => {
                *n = n.saturating_add(size);
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                size: n,
                ..
            }) => {
                *n = n.saturating_add(size);
                match key.take() {
                    Some((key, key_span)) => entries.push(Entry {
                        key,
                        key_span,
                        value: node,
                    }),
                    None => {
                        // A collection used as a key: keep its source text as the key.
                        let text = self.offsets.text;
                        let base = self.offsets.base;
                        let raw = text
                            .get(node.span.start - base..node.span.end - base)
                            .unwrap_or("?");
                        *key = Some((raw.to_string(), node.span));
                    }
                }
            }
        }
        Ok(())
    }
}

/// The length of a quoted scalar's source up to and including its closing quote, when `source`
/// starts with the quote or with a tag or anchor (`!!str "a"`, `&x 'a'`) before it.
fn quoted_end(source: &[u8]) -> Option<usize> {
    let mut at = 0;
    while matches!(source.get(at), Some(b'!' | b'&')) {
        while source.get(at).is_some_and(|b| !b.is_ascii_whitespace()) {
            at += 1;
        }
        while source.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
    }
    let quote = *source.get(at).filter(|q| matches!(q, b'"' | b'\''))?;
    let mut i = at + 1;
    while i < source.len() {
        match source[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && source.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn scan_error(offsets: &mut Offsets, header: &str, e: &ScanError) -> Diagnostic {
    let at = offsets.byte(e.marker().index());
    let local = at - offsets.base;
    let width = header[local.min(header.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let info = e.info();
    let help = if info.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else if info.contains("mapping values are not allowed") {
        "quote the value: a plain value cannot contain `: `"
    } else if info.contains("alias") || info.contains("anchor") {
        "quote a value that starts with `*` or `&`"
    } else if info.contains("did not find expected key") || info.contains("block") {
        "check the indentation of this line against the key above it"
    } else {
        "check the YAML syntax near this position; quote values that contain `:`, `#`, `[` or `{`"
    };
    Diagnostic::new(
        "syntax/parse-error",
        at..at + width,
        format!("invalid YAML: {info}"),
    )
    .help(help)
}

/// The YAML 1.2 core schema for plain scalars.
pub(super) fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let bytes = s.as_bytes();
    let first = bytes[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return Value::String(s.to_string());
    }
    if let Some(hex) = s.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Ok(i) = i64::from_str_radix(hex, 16) {
                return Value::Int(i);
            }
        }
    }
    if let Some(oct) = s.strip_prefix("0o") {
        if !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            if let Ok(i) = i64::from_str_radix(oct, 8) {
                return Value::Int(i);
            }
        }
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => s
                .parse::<f64>()
                .map_or(Value::String(s.into()), Value::Float),
        };
    }
    if is_core_float(digits) {
        if let Ok(f) = s.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::String(s.to_string())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (!int.is_empty() || !frac.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Parsed {
        parse(text, 0..text.len())
    }

    #[test]
    fn spans_stop_before_trailing_comments() {
        // Found by the fast path's differential tests: saphyr's spans of quoted scalars and
        // flow lists ran on over a trailing comment.
        let text = "t: '标''题' # 注释\r\nu: \"a\\\"b\" # c\r\ntags: [标签, b] # c\r\nv: !!str \"标\" # c\r\nw: &x '题' # c\r\n";
        let root = parse_str(text).root.unwrap();
        let span = |k: &str| root.get(k).unwrap().span.clone();
        assert_eq!(&text[span("v")], "!!str \"标\"");
        assert_eq!(&text[span("w")], "&x '题'");
        assert_eq!(&text[span("t")], "'标''题'");
        assert_eq!(&text[span("u")], "\"a\\\"b\"");
        assert_eq!(&text[span("tags")], "[标签, b]");
    }

    #[test]
    fn indentless_list_of_flow_lists_is_a_block_list() {
        let text = "a:\r\n- [标签]\r\n- [x]\r\nb: 1\r\n";
        let root = parse_str(text).root.unwrap();
        assert_eq!(
            &text[root.get("a").unwrap().span.clone()],
            "[标签]\r\n- [x]"
        );
    }

    #[test]
    fn spans_are_bytes_with_cjk_and_crlf() {
        let text = "title: \"奥特曼\"\r\ntags:\r\n  - 标签\r\n  - b\r\n";
        let p = parse_str(text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let root = p.root.unwrap();
        let title = &root.entries()[0];
        assert_eq!(&text[title.key_span.clone()], "title");
        assert_eq!(&text[title.value.span.clone()], "\"奥特曼\"");
        let tags = root.get("tags").unwrap();
        let Value::Seq(items) = &tags.value else {
            panic!()
        };
        assert_eq!(&text[items[0].span.clone()], "标签");
        assert_eq!(&text[items[1].span.clone()], "b");
    }

    #[test]
    fn base_offset_is_added() {
        let text = "---\n标题: 值\n---\n";
        let p = parse(text, 4..text.len() - 4);
        let root = p.root.unwrap();
        assert_eq!(&text[root.entries()[0].key_span.clone()], "标题");
        assert_eq!(&text[root.entries()[0].value.span.clone()], "值");
    }

    #[test]
    fn core_schema_resolution() {
        assert_eq!(resolve_plain("true"), Value::Bool(true));
        assert_eq!(resolve_plain("yes"), Value::String("yes".into()));
        assert_eq!(resolve_plain("0755"), Value::Int(755));
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        assert_eq!(resolve_plain("1.5e3"), Value::Float(1500.0));
        assert_eq!(
            resolve_plain("2025-02-10"),
            Value::String("2025-02-10".into())
        );
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("1:20"), Value::String("1:20".into()));
        assert_eq!(resolve_plain("."), Value::String(".".into()));
    }

    #[test]
    fn duplicate_keys_found_each_time() {
        let text = "a: 1\nb: 2\na: 3\nA: 4\na: 5\n";
        let p = parse_str(text);
        let dups: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| d.rule == "syntax/duplicate-key")
            .collect();
        assert_eq!(dups.len(), 2, "case differs is not a duplicate");
        assert_eq!(dups[0].span, 10..11);
        assert_eq!(dups[0].labels[0].span, 0..1);
        assert_eq!(dups[1].span, 20..21);
    }

    #[test]
    fn unindented_flow_closer_is_a_warning() {
        let text = "aliases: [\r\n  '/templates/base/',\r\n  '/x/'\r\n]\r\ntitle: t\r\n";
        let p = parse_str(text);
        assert!(p.root.is_some());
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].rule, "yaml/unindented-flow");
        assert_eq!(&text[p.diagnostics[0].span.clone()], "]");
        let root = p.root.unwrap();
        assert_eq!(root.get("title").unwrap().as_str(), Some("t"));
    }

    #[test]
    fn errors_point_at_the_parser_position() {
        let text = "title: 标题\nbad yaml: [\n";
        let p = parse_str(text);
        assert!(p.root.is_none());
        assert_eq!(p.diagnostics[0].rule, "syntax/parse-error");
        assert!(p.diagnostics[0].span.start >= text.find('[').unwrap());
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let p = parse_str(&text);
        assert!(p.root.is_none());
        assert_eq!(p.diagnostics[0].rule, "syntax/limit");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(&" ".repeat(i));
            text.push_str("k:\n");
        }
        let p = parse_str(&text);
        assert_eq!(p.diagnostics[0].rule, "syntax/limit");
        let flow = format!("k: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let p = parse_str(&flow);
        assert!(p.root.is_none());
        assert!(!p.diagnostics.is_empty());
    }

    #[test]
    fn anchored_keys_and_alias_keys() {
        let p = parse_str("&k 标题: 值\ncopy: *k\n");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.root.unwrap().get("copy").unwrap().as_str(), Some("标题"));
        let p = parse_str("x: &a 1\ny: &b 2\nz:\n  *a : p\n  *b : q\n");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let root = p.root.unwrap();
        let z = root.get("z").unwrap();
        let keys: Vec<&str> = z.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["1", "2"]);
        let p = parse_str("x: &a 1\nz:\n  *a : p\n  *a : q\n");
        assert_eq!(p.diagnostics[0].rule, "syntax/duplicate-key");
    }

    #[test]
    fn json_headers_parse_with_spans() {
        let text = "{\n  \"title\": \"标题\",\n  \"draft\": false\n}";
        let p = parse_str(text);
        let root = p.root.unwrap();
        assert_eq!(root.get("draft").unwrap().value, Value::Bool(false));
        assert_eq!(&text[root.get("title").unwrap().span.clone()], "\"标题\"");
    }
}
