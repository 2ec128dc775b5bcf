//! JSON Schema validation of the header, offline. A schema is compiled once and shared by all
//! threads; each validation error becomes a `schema/<keyword>` diagnostic on the exact key or
//! value, through the header tree's spans.
//!
//! Schema files and local `$ref` targets are read by `crate::bounds::read_regular`: regular
//! files of at most 16 MiB, never under /proc, /sys or /dev. A schema that a config file names
//! must be in the config's project (`crate::config` checks it), and so must every `$ref` it
//! reaches; a schema named with `--schema` and its `$ref`s may be anywhere.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Retrieve, Uri, ValidationError, Validator};
use serde_json::Value as Json;

use crate::diagnostic::Diagnostic;
use crate::parse::{Node, Value};

/// The built-in schema of Hugo's documented front-matter fields.
pub const HUGO_SCHEMA: &str = include_str!("../schemas/hugo.json");

pub struct Schema {
    /// How notes name the schema: `hugo.json (built in)` or the path given.
    pub name: String,
    validator: Validator,
    /// The schema document, to suggest allowed keys.
    json: Json,
}

/// A schema that cannot be used: fatal for the run (exit 2), pointing into the schema file.
#[derive(Debug)]
pub struct SchemaError {
    pub path: String,
    pub source: Option<String>,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl Schema {
    pub fn builtin() -> Schema {
        Self::compile("hugo.json (built in)", HUGO_SCHEMA, None, None)
            .unwrap_or_else(|e| panic!("the built-in schema must compile: {}", e.message))
    }

    /// Load a schema file; `name` is how messages show its path. Local `$ref` targets must be
    /// inside `refs` (canonical) when it is given.
    pub fn load(path: &Path, name: &str, refs: Option<&Path>) -> Result<Schema, SchemaError> {
        let text =
            crate::bounds::read_regular(path, crate::bounds::MAX_SCHEMA_BYTES).map_err(|e| {
                SchemaError {
                    path: name.to_string(),
                    source: None,
                    span: None,
                    message: format!("cannot read the schema file: {e}"),
                }
            })?;
        Self::compile(name, &text, Some(path), refs)
    }

    fn compile(
        name: &str,
        text: &str,
        path: Option<&Path>,
        refs: Option<&Path>,
    ) -> Result<Schema, SchemaError> {
        let fail = |span: Option<Range<usize>>, message: String| SchemaError {
            path: name.to_string(),
            source: Some(text.to_string()),
            span,
            message,
        };
        let json: Json = serde_json::from_str(text).map_err(|e| {
            let at = offset_of(text, e.line(), e.column());
            fail(Some(at..at), format!("the schema is not valid JSON: {e}"))
        })?;
        let mut options = jsonschema::options()
            .should_validate_formats(true)
            .with_format("date", crate::dates::is_valid)
            .with_format("date-time", crate::dates::is_valid)
            .with_retriever(LocalFiles {
                inside: refs.map(Path::to_path_buf),
            });
        if let Some(path) = path {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            options = options.with_base_uri(file_uri(&abs));
        }
        let validator = options.build(&json).map_err(|e| {
            let span = schema_span(text, e.instance_path().as_str());
            let message = match e.kind() {
                ValidationErrorKind::Referencing(r) => format!("cannot resolve a `$ref`: {r}"),
                _ => format!("the schema is invalid at `{}`: {e}", e.instance_path()),
            };
            fail(span, message)
        })?;
        Ok(Schema {
            name: name.to_string(),
            validator,
            json,
        })
    }

    /// Validate the header tree; push one diagnostic per error.
    pub fn check(&self, root: &Node, header_span: Range<usize>, out: &mut Vec<Diagnostic>) {
        let instance = root.to_json();
        if self.validator.is_valid(&instance) {
            return;
        }
        for error in self.validator.iter_errors(&instance) {
            self.report(root, &header_span, &error, out);
        }
    }

    fn report(
        &self,
        root: &Node,
        header: &Range<usize>,
        e: &ValidationError,
        out: &mut Vec<Diagnostic>,
    ) {
        let pointer = e.instance_path().as_str();
        let keyword = keyword_of(e);
        let rule = crate::rules::schema_rule(keyword);
        let note = format!("schema: {}#{}", self.name, e.schema_path().as_str());
        let (node, key_span) = root.pointer(pointer).unwrap_or((root, None));
        let field = field_name(pointer);
        let push = |out: &mut Vec<Diagnostic>, d: Diagnostic| out.push(d.note(note.clone()));
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let allowed = self.allowed_keys(e.schema_path().as_str());
                for name in unexpected {
                    let help = match closest(name, &allowed) {
                        Some(c) => format!("did you mean `{c}`? Otherwise remove the key or add it to the schema's `properties`"),
                        None => "remove the key, fix its spelling, or add it to the schema's `properties`".to_string(),
                    };
                    let span = node
                        .entries()
                        .iter()
                        .find(|entry| &entry.key == name)
                        .map_or(node.span.clone(), |entry| entry.key_span.clone());
                    push(
                        out,
                        Diagnostic::new(
                            rule,
                            span,
                            format!("key `{name}` is not allowed here by the schema"),
                        )
                        .label("not in the schema")
                        .help(help),
                    );
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or("?");
                let span = if pointer.is_empty() {
                    header.clone()
                } else {
                    key_span.unwrap_or(node.span.clone())
                };
                let place = if pointer.is_empty() {
                    "the front matter".to_string()
                } else {
                    format!("`{field}`")
                };
                push(
                    out,
                    Diagnostic::new(
                        rule,
                        span,
                        format!("{place} is missing the required key `{name}`"),
                    )
                    .help(format!("add `{name}` to {place}")),
                );
            }
            kind => {
                let (message, help) = describe(kind, &field, node, e);
                let mut d = Diagnostic::new(rule, node.span.clone(), message);
                if let Some(help) = help {
                    d = d.help(help);
                }
                push(out, d);
            }
        }
    }
}

impl Schema {
    /// The `properties` names next to the failing `additionalProperties` keyword.
    fn allowed_keys(&self, schema_path: &str) -> Vec<&str> {
        let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
        self.json
            .pointer(&format!("{parent}/properties"))
            .and_then(Json::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// The candidate within a small edit distance of `name`, if any.
fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                crate::config::edit_distance(&c.to_lowercase(), &name.to_lowercase()),
                *c,
            )
        })
        .filter(|(d, c)| *d <= 2.min(c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

fn keyword_of<'a>(e: &'a ValidationError) -> &'a str {
    match e.kind() {
        ValidationErrorKind::FalseSchema => "false",
        ValidationErrorKind::Constant { .. } => "const",
        ValidationErrorKind::OneOfMultipleValid { .. }
        | ValidationErrorKind::OneOfNotValid { .. } => "oneOf",
        ValidationErrorKind::Required { .. } => {
            // `dependentRequired` failures come through as `required`.
            match e.schema_path().as_str().rsplit('/').nth(1) {
                Some("dependentRequired") => "dependentRequired",
                _ => "required",
            }
        }
        kind => kind.keyword(),
    }
}

/// `/params/tags/0` → `params.tags[0]`.
pub fn field_name(pointer: &str) -> String {
    if pointer.is_empty() {
        return "front matter".into();
    }
    let mut out = String::new();
    for token in pointer.trim_start_matches('/').split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !out.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

fn type_name(t: jsonschema::JsonType) -> &'static str {
    use jsonschema::JsonType as T;
    match t {
        T::Array => "a list",
        T::Boolean => "a boolean",
        T::Integer => "an integer",
        T::Null => "null",
        T::Number => "a number",
        T::Object => "a mapping",
        T::String => "a string",
    }
}

fn describe(
    kind: &ValidationErrorKind,
    field: &str,
    node: &Node,
    e: &ValidationError,
) -> (String, Option<String>) {
    use ValidationErrorKind as K;
    let found = node.describe();
    match kind {
        K::Type { kind } => {
            let expected: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![type_name(*t)],
                TypeKind::Multiple(set) => set.iter().map(type_name).collect(),
            };
            let expected = expected.join(" or ");
            let text = node.as_str().unwrap_or("");
            let help = if expected.contains("boolean") && matches!(text, "true" | "false") {
                Some(format!("write `{text}` without quotes"))
            } else if expected.contains("boolean") && node.as_str().is_some() {
                Some("write `true` or `false` without quotes".to_string())
            } else if (expected.contains("number") || expected.contains("integer"))
                && text.parse::<f64>().is_ok()
            {
                Some(format!("write `{text}` without quotes"))
            } else if expected.contains("list") && node.as_str().is_some() {
                Some(format!("write it as a list: `[{:?}]`", text))
            } else {
                None
            };
            (format!("`{field}` must be {expected}, found {found}"), help)
        }
        K::Enum { options } => (
            format!(
                "`{field}` must be one of {}, found {found}",
                compact(options)
            ),
            None,
        ),
        K::Constant { expected_value } => (
            format!(
                "`{field}` must be {}, found {found}",
                compact(expected_value)
            ),
            None,
        ),
        K::Format { format } => {
            let help = match format.as_str() {
                "date" | "date-time" => Some(
                    "write an RFC 3339 date-time such as `2025-02-10T07:55:15+08:00`, or a date such as `2025-02-10`"
                        .to_string(),
                ),
                _ => None,
            };
            (
                format!("`{field}` is not a valid {format}: found {found}"),
                help,
            )
        }
        K::MinLength { limit } => (
            format!("`{field}` is shorter than {limit} characters"),
            None,
        ),
        K::MaxLength { limit } => (
            format!(
                "`{field}` is longer than {limit} characters ({})",
                node.as_str().map_or(0, |s| s.chars().count())
            ),
            None,
        ),
        K::Pattern { pattern } => (
            format!("`{field}` does not match the pattern `{pattern}`"),
            None,
        ),
        K::MinItems { limit } => (format!("`{field}` must have at least {limit} items"), None),
        K::MaxItems { limit } => (format!("`{field}` must have at most {limit} items"), None),
        K::Minimum { limit } => (
            format!("`{field}` must be at least {limit}, found {found}"),
            None,
        ),
        K::Maximum { limit } => (
            format!("`{field}` must be at most {limit}, found {found}"),
            None,
        ),
        K::UniqueItems => (
            format!("`{field}` repeats an item; the schema wants unique items"),
            None,
        ),
        _ => (format!("`{field}`: {e}"), None),
    }
}

fn compact(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

/// `$ref` to local files is read from disk (inside `inside` when it is set, as a regular file
/// of at most 16 MiB); anything else is refused: no network.
struct LocalFiles {
    inside: Option<PathBuf>,
}

impl Retrieve for LocalFiles {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Json, Box<dyn std::error::Error + Send + Sync>> {
        if uri.scheme().as_str() != "file" {
            return Err(format!(
                "`{uri}` is remote, and frontlint makes no network requests; download it and point the `$ref` at the local file"
            )
            .into());
        }
        let path = crate::rules::site::percent_decode(uri.path().as_str());
        if let Some(project) = &self.inside {
            let resolved = crate::bounds::resolve(Path::new(&path));
            if !resolved.starts_with(project) {
                return Err(format!(
                    "`{path}` is outside the project `{}` (the repository, else the config file's folder): a schema named in a config file may only `$ref` files inside it",
                    project.display()
                )
                .into());
            }
        }
        let text = crate::bounds::read_regular(Path::new(&path), crate::bounds::MAX_SCHEMA_BYTES)
            .map_err(|e| format!("cannot read `{path}`: {e}"))?;
        Ok(serde_json::from_str(&text).map_err(|e| format!("`{path}` is not valid JSON: {e}"))?)
    }
}

fn file_uri(path: &Path) -> String {
    let p = crate::rules::site::percent_encode_path(&path.to_string_lossy());
    if p.starts_with('/') {
        format!("file://{p}")
    } else {
        format!("file:///{p}")
    }
}

/// The byte offset of a 1-based line and column (serde_json's column counts bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    crate::source::floor_char_boundary(text, start + column.saturating_sub(1))
}

/// The span of a JSON pointer inside the schema text, found through the span-aware parser.
fn schema_span(text: &str, pointer: &str) -> Option<Range<usize>> {
    let fm = crate::split::FrontMatter {
        format: crate::split::Format::Json,
        open: 0..0,
        content: 0..text.len(),
        body_start: text.len(),
    };
    let parsed = crate::parse::parse(text, &fm);
    let root = parsed.root?;
    let (node, key) = root.pointer(pointer)?;
    Some(match &node.value {
        Value::Map(_) | Value::Seq(_) => key.unwrap_or(node.span.clone()),
        _ => node.span.clone(),
    })
}

/// Schemas by path, compiled once for the whole run.
pub struct SchemaCache {
    loaded: std::collections::HashMap<PathBuf, Arc<Schema>>,
    builtin: Option<Arc<Schema>>,
    /// Schema paths are shown relative to this folder.
    cwd: PathBuf,
    /// The config's project: `$ref`s of the schemas it names must be inside.
    project: Option<PathBuf>,
    /// The schema named with `--schema`: its `$ref`s may be anywhere.
    cli: Option<PathBuf>,
}

impl SchemaCache {
    pub fn new(cwd: &Path) -> Self {
        SchemaCache {
            loaded: Default::default(),
            builtin: None,
            cwd: cwd.to_path_buf(),
            project: None,
            cli: None,
        }
    }

    /// Where the `$ref`s of schemas may point: inside `project` (the config file's, canonical),
    /// except for the schema named on the command line (`cli`).
    pub fn with_bounds(mut self, project: Option<PathBuf>, cli: Option<PathBuf>) -> Self {
        self.project = project;
        self.cli = cli;
        self
    }

    /// The contents of every schema used, for the cache key (local `$ref`s are not included).
    pub fn fingerprint(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.builtin.is_some() {
            out.extend_from_slice(HUGO_SCHEMA.as_bytes());
        }
        let mut paths: Vec<&PathBuf> = self.loaded.keys().collect();
        paths.sort();
        for p in paths {
            out.extend_from_slice(p.to_string_lossy().as_bytes());
            out.extend(std::fs::read(p).unwrap_or_default());
        }
        out
    }

    pub fn get(&mut self, path: Option<&Path>) -> Result<Arc<Schema>, SchemaError> {
        match path {
            None => Ok(self
                .builtin
                .get_or_insert_with(|| Arc::new(Schema::builtin()))
                .clone()),
            Some(p) => {
                if let Some(s) = self.loaded.get(p) {
                    return Ok(s.clone());
                }
                let name = p.strip_prefix(&self.cwd).unwrap_or(p).display().to_string();
                let refs = if self.cli.as_deref() == Some(p) {
                    None
                } else {
                    self.project.as_deref()
                };
                let s = Arc::new(Schema::load(p, &name, refs)?);
                self.loaded.insert(p.to_path_buf(), s.clone());
                Ok(s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_keys() {
        let keys = ["thumbnail", "title", "date", "tags"];
        assert_eq!(closest("thumbnial", &keys), Some("thumbnail"));
        assert_eq!(closest("Title", &keys), Some("title"));
        assert_eq!(closest("foo", &keys), None);
        assert_eq!(closest("data", &keys), Some("date"));
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name(""), "front matter");
        assert_eq!(field_name("/params/tags/0"), "params.tags[0]");
        assert_eq!(field_name("/a~1b"), "a/b");
    }

    #[test]
    fn file_uris_round_trip() {
        let uri = file_uri(Path::new("/tmp/a b/标题.json"));
        assert!(uri.starts_with("file:///tmp/a%20b/"));
        assert_eq!(
            crate::rules::site::percent_decode(&uri["file://".len()..]),
            "/tmp/a b/标题.json"
        );
    }
}
