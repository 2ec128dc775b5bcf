//! One format-neutral header tree for YAML, TOML and JSON, where every key and value carries
//! its byte span in the file. Rules read this tree; the schema sees its JSON projection.

mod fast;
mod toml;
mod yaml;

use std::ops::Range;

use serde_json::{Map, Number, Value as Json};

use crate::diagnostic::Diagnostic;
use crate::split::{Format, FrontMatter};

/// Safety limits: a header that passes them costs bounded time and memory.
pub mod limits {
    /// Largest header parsed, in bytes.
    pub const MAX_HEADER_BYTES: usize = 4 << 20;
    /// Deepest nesting of lists and mappings.
    pub const MAX_DEPTH: usize = 128;
    /// Most nodes a header may expand to, aliases included.
    pub const MAX_NODES: usize = 1_000_000;
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Byte range of the value in the file (quotes included for quoted scalars).
    pub span: Range<usize>,
    pub value: Value,
    /// A YAML plain (unquoted) scalar: the only kind whose meaning depends on the YAML version.
    pub plain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// A TOML native date-time, as written.
    DateTime(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as text, and its span.
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

impl Node {
    pub fn new(span: Range<usize>, value: Value) -> Self {
        Node {
            span,
            value,
            plain: false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) | Value::DateTime(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The value of a key of this mapping (the last one, if the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// The entry of a key, matched case-insensitively as Hugo does.
    pub fn get_entry_ignore_case(&self, key: &str) -> Option<&Entry> {
        self.entries()
            .iter()
            .rev()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }

    /// The index of the entry `get_entry_ignore_case` finds.
    pub fn entry_index_ignore_case(&self, key: &str) -> Option<usize> {
        self.entries()
            .iter()
            .rposition(|e| e.key.eq_ignore_ascii_case(key))
    }

    /// A short description of the value for messages: `the string "yes"`, `a list`.
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Int(i) => format!("the integer {i}"),
            Value::Float(f) => format!("the number {f}"),
            Value::String(s) | Value::DateTime(s) => {
                let shown: String = s.chars().take(40).collect();
                let more = if shown.len() < s.len() { "…" } else { "" };
                format!("the string {:?}", format!("{shown}{more}"))
            }
            Value::Seq(_) => "a list".into(),
            Value::Map(_) => "a mapping".into(),
        }
    }

    /// The JSON value the schema validates.
    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::Number((*i).into()),
            Value::Float(f) => {
                Number::from_f64(*f).map_or(Json::String(f.to_string()), Json::Number)
            }
            Value::String(s) | Value::DateTime(s) => Json::String(s.clone()),
            Value::Seq(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for e in entries {
                    map.insert(e.key.clone(), e.value.to_json());
                }
                Json::Object(map)
            }
        }
    }

    /// Follow a JSON pointer (`/params/tags/0`). Returns the node, and the entry's key span
    /// when the last step was a mapping key.
    pub fn pointer(&self, pointer: &str) -> Option<(&Node, Option<Range<usize>>)> {
        let mut node = self;
        let mut key_span = None;
        if pointer.is_empty() {
            return Some((node, None));
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            match &node.value {
                Value::Map(entries) => {
                    let e = entries.iter().rev().find(|e| e.key == token)?;
                    key_span = Some(e.key_span.clone());
                    node = &e.value;
                }
                Value::Seq(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((node, key_span))
    }
}

/// What parsing a header gives: the tree when it parsed, and the syntax diagnostics.
#[derive(Debug, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
    /// YAML aliases used as values, in document order: the alias node's path in the tree
    /// (entry and item indices) and the path of the anchored value it copies. Filled only by
    /// `parse_keeping_aliases` (`--fix` uses them to know that a value changed at its anchor
    /// changes at each alias too).
    pub aliases: Vec<(Vec<usize>, Vec<usize>)>,
}

/// Parse the header of `fm` in `text`.
pub fn parse(text: &str, fm: &FrontMatter) -> Parsed {
    let content = fm.content.clone();
    if content.len() > limits::MAX_HEADER_BYTES {
        let mut parsed = Parsed::default();
        parsed.diagnostics.push(
            Diagnostic::new(
                "syntax/limit",
                fm.open.clone(),
                format!(
                    "the front matter is {} bytes, more than the {} bytes frontlint parses",
                    content.len(),
                    limits::MAX_HEADER_BYTES
                ),
            )
            .help("move large data out of the front matter (into a data file or the body)"),
        );
        return parsed;
    }
    match fm.format {
        // JSON is YAML 1.2, so the YAML parser keeps spans for JSON headers too.
        Format::Yaml => fast::parse(&text[content.clone()], content.start)
            .unwrap_or_else(|| yaml::parse(text, content)),
        Format::Json => yaml::parse(text, content),
        Format::Toml => toml::parse(text, content),
    }
}

/// `parse`, with `Parsed::aliases` filled in (YAML headers; the others have no aliases).
pub fn parse_keeping_aliases(text: &str, fm: &FrontMatter) -> Parsed {
    if fm.format == Format::Yaml && fm.content.len() <= limits::MAX_HEADER_BYTES {
        if let Some(parsed) = fast::parse(&text[fm.content.clone()], fm.content.start) {
            return parsed;
        }
        return yaml::parse_with(text, fm.content.clone(), true);
    }
    parse(text, fm)
}

/// The YAML fast path's result (`None` when it leaves the header to the general parser) and
/// the general parser's, for the differential tests and the fuzz target.
#[doc(hidden)]
pub fn yaml_both(text: &str, content: Range<usize>) -> (Option<Parsed>, Parsed) {
    let fast = fast::parse(&text[content.clone()], content.start);
    (fast, yaml::parse(text, content))
}

/// Report every key that appears more than once in a mapping, labelled at both places.
/// `entries` must be in source order.
pub(crate) fn duplicate_keys(entries: &[Entry], out: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    let mut report = |first: &Entry, dup: &Entry| {
        out.push(
            Diagnostic::new(
                "syntax/duplicate-key",
                dup.key_span.clone(),
                format!("duplicate key `{}`", dup.key),
            )
            .label("defined again here")
            .with_label(first.key_span.clone(), "first defined here")
            .help("remove one of them; site generators silently keep only one value"),
        );
    };
    if entries.len() <= 32 {
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = entries[..i].iter().find(|f| f.key == e.key) {
                report(first, e);
            }
        }
    } else {
        let mut seen: HashMap<&str, usize, crate::fasthash::FastBuild> =
            HashMap::with_capacity_and_hasher(entries.len(), Default::default());
        for (i, e) in entries.iter().enumerate() {
            if let Some(&first) = seen.get(e.key.as_str()) {
                report(&entries[first], e);
            } else {
                seen.insert(&e.key, i);
            }
        }
    }
}
