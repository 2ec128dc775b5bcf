//! JSON Schema validation of the header, offline. A schema is compiled once and shared by all
//! threads; each validation error becomes a `schema/<keyword>` diagnostic on the exact key or
//! value, through the header tree's spans.
//!
//! Schema files and local `$ref` targets are read by `crate::bounds::read_regular`: regular
//! files of at most 16 MiB, never under /proc, /sys or /dev. A schema that a config file names
//! must be in the config's project (`crate::config` checks it), and so must every `$ref` it
//! reaches; a schema named with `--schema` and its `$ref`s may be anywhere.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Retrieve, Uri, ValidationError, Validator};
use serde_json::Value as Json;

use crate::diagnostic::Diagnostic;
use crate::parse::{Node, Value};

/// Backtracking steps a `pattern` that needs them (backreferences, lookaround) may take per
/// value; past it the match is undecided and the value is not reported.
pub const PATTERN_BACKTRACK_LIMIT: usize = 10_000;

/// The built-in schema of Hugo's documented front-matter fields.
pub const HUGO_SCHEMA: &str = include_str!("../schemas/hugo.json");

/// The built-in schemas, one per generator, by file name (`Site::schema`).
pub const BUILTIN: &[(&str, &str)] = &[
    ("hugo.json", HUGO_SCHEMA),
    ("jekyll.json", include_str!("../schemas/jekyll.json")),
    ("zola.json", include_str!("../schemas/zola.json")),
    ("mkdocs.json", include_str!("../schemas/mkdocs.json")),
    (
        "docusaurus.json",
        include_str!("../schemas/docusaurus.json"),
    ),
    ("starlight.json", include_str!("../schemas/starlight.json")),
];

pub struct Schema {
    /// How notes name the schema: `hugo.json (built in)` or the path given.
    pub name: String,
    validator: Validator,
    /// The schema document, to suggest allowed keys.
    json: Json,
    /// What the result cache's key hashes: the name notes show, the schema's text and every
    /// file a `$ref` read while compiling, with its path.
    fingerprint: Vec<u8>,
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
        Self::builtin_named("hugo.json")
    }

    /// A built-in schema by file name (`hugo.json` when the name is not one of [`BUILTIN`]).
    pub fn builtin_named(name: &str) -> Schema {
        let (name, text) = BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .copied()
            .unwrap_or(BUILTIN[0]);
        Self::compile(&format!("{name} (built in)"), text, None, None)
            .unwrap_or_else(|e| panic!("the built-in schema {name} must compile: {}", e.message))
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
            fail(Some(at..at), not_json_message(text, &e))
        })?;
        let retrieved = Retrieved::default();
        let mut options = jsonschema::options()
            .should_validate_formats(true)
            .with_format("date", crate::dates::is_valid)
            .with_format("date-time", crate::dates::is_valid)
            // `fancy-regex` hands patterns without backreferences or lookaround to `regex`
            // (linear time); the others backtrack, at most this many steps per match (the
            // default, 1,000,000, let 2,000 values take three minutes).
            .with_pattern_options(
                jsonschema::PatternOptions::fancy_regex().backtrack_limit(PATTERN_BACKTRACK_LIMIT),
            )
            .with_retriever(LocalFiles {
                read: retrieved.clone(),
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
                _ => invalid_schema_message(&e),
            };
            fail(span, message)
        })?;
        let mut fingerprint = Vec::new();
        for part in [name.as_bytes(), b"\0", text.as_bytes()] {
            fingerprint.extend_from_slice(part);
        }
        let mut read = std::mem::take(&mut *retrieved.lock().unwrap_or_else(|e| e.into_inner()));
        read.sort();
        for (path, bytes) in read {
            fingerprint.extend_from_slice(&(path.len() as u64).to_le_bytes());
            fingerprint.extend_from_slice(path.as_bytes());
            fingerprint.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            fingerprint.extend_from_slice(&bytes);
        }
        Ok(Schema {
            name: name.to_string(),
            validator,
            json,
            fingerprint,
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
                // Each key's first span, hashed: 100,000 extra keys are linear, not quadratic.
                let mut spans: HashMap<&str, Range<usize>, crate::fasthash::FastBuild> =
                    HashMap::with_capacity_and_hasher(node.entries().len(), Default::default());
                for entry in node.entries() {
                    spans
                        .entry(entry.key.as_str())
                        .or_insert_with(|| entry.key_span.clone());
                }
                for name in unexpected {
                    let help = match closest(name, &allowed) {
                        Some(c) => format!("did you mean `{c}`? Otherwise remove the key or add it to the schema's `properties`"),
                        None => "remove the key, fix its spelling, or add it to the schema's `properties`".to_string(),
                    };
                    let span = spans
                        .get(name.as_str())
                        .map_or(node.span.clone(), Range::clone);
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
                let (message, help) = describe(kind, &field, &Subject::node(node), e);
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
                crate::util::edit_distance(&c.to_lowercase(), &name.to_lowercase()),
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

/// The value an error is about, as messages describe it.
struct Subject<'a> {
    /// `the string "x"`, `the integer 5`, `a list`.
    found: String,
    /// The value when it is a string.
    text: Option<&'a str>,
}

impl<'a> Subject<'a> {
    fn node(node: &'a Node) -> Self {
        Subject {
            found: node.describe(),
            text: node.as_str(),
        }
    }

    fn json(value: &'a Json) -> Self {
        let found = match value {
            Json::Null => "null".to_string(),
            Json::Bool(b) => format!("the boolean {b}"),
            Json::Number(n) if n.is_f64() => format!("the number {n}"),
            Json::Number(n) => format!("the integer {n}"),
            Json::String(s) => {
                let shown: String = s.chars().take(40).collect();
                let more = if shown.len() < s.len() { "…" } else { "" };
                format!("the string {:?}", format!("{shown}{more}"))
            }
            Json::Array(_) => "a list".to_string(),
            Json::Object(_) => "a mapping".to_string(),
        };
        Subject {
            found,
            text: value.as_str(),
        }
    }
}

/// What an error says, in frontlint's words: the message and, when there is one, the help.
fn describe(
    kind: &ValidationErrorKind,
    field: &str,
    node: &Subject,
    e: &ValidationError,
) -> (String, Option<String>) {
    use ValidationErrorKind as K;
    let found = &node.found;
    match kind {
        K::Type { kind } => {
            let expected: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![type_name(*t)],
                TypeKind::Multiple(set) => set.iter().map(type_name).collect(),
            };
            let expected = expected.join(" or ");
            let text = node.text.unwrap_or("");
            let help = if expected.contains("boolean") && matches!(text, "true" | "false") {
                Some(format!("write `{text}` without quotes"))
            } else if expected.contains("boolean") && node.text.is_some() {
                Some("write `true` or `false` without quotes".to_string())
            } else if (expected.contains("number") || expected.contains("integer"))
                && text.parse::<f64>().is_ok()
            {
                Some(format!("write `{text}` without quotes"))
            } else if expected.contains("list") && node.text.is_some() {
                Some(format!("write it as a list: `[{:?}]`", text))
            } else {
                None
            };
            (format!("`{field}` must be {expected}, found {found}"), help)
        }
        K::Enum { options } => {
            // A misspelt string: the closest allowed one.
            let strings: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let help = node
                .text
                .and_then(|t| crate::friendly::closest(t, strings.iter().copied()))
                .map(|c| format!("did you mean {c:?}?"));
            (
                format!(
                    "`{field}` must be one of {}, found {found}",
                    compact(options)
                ),
                help,
            )
        }
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
                node.text.map_or(0, |s| s.chars().count())
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
        K::Required { property } => {
            let name = property.as_str().unwrap_or("?");
            (
                format!("`{field}` is missing the required key `{name}`"),
                Some(format!("add `{name}`")),
            )
        }
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => (
            format!(
                "`{field}` has {} the schema does not allow: {}",
                if unexpected.len() == 1 {
                    "a key"
                } else {
                    "keys"
                },
                unexpected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
        ),
        K::AnyOf { context } => alternatives(field, node, e, "anyOf", context),
        K::OneOfNotValid { context } => alternatives(field, node, e, "oneOf", context),
        K::OneOfMultipleValid { context } => {
            let valid: Vec<String> = context
                .iter()
                .enumerate()
                .filter(|(_, errors)| errors.is_empty())
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            (
                format!(
                    "`{field}` matches more than one of the schema's `oneOf` alternatives ({}), and must match exactly one",
                    valid.join(", ")
                ),
                None,
            )
        }
        K::Not { schema } => {
            let what = match schema.get("type").and_then(Json::as_str) {
                Some(t) if schema.as_object().is_some_and(|o| o.len() == 1) => {
                    json_type_name(t).to_string()
                }
                _ => format!("`{}`", compact(schema)),
            };
            (
                format!("`{field}` must not be {what} (the schema's `not`), found {found}"),
                None,
            )
        }
        K::MultipleOf { multiple_of } => (
            format!("`{field}` must be a multiple of {multiple_of}, found {found}"),
            None,
        ),
        K::ExclusiveMinimum { limit } => (
            format!("`{field}` must be more than {limit}, found {found}"),
            None,
        ),
        K::ExclusiveMaximum { limit } => (
            format!("`{field}` must be less than {limit}, found {found}"),
            None,
        ),
        K::MinProperties { limit } => (format!("`{field}` must have at least {limit} keys"), None),
        K::MaxProperties { limit } => (format!("`{field}` must have at most {limit} keys"), None),
        K::FalseSchema => (
            format!("`{field}` is not allowed here: the schema is `false`"),
            Some("remove it, or allow it in the schema".to_string()),
        ),
        K::Contains => (
            format!("`{field}` has no item of the kind the schema's `contains` asks for"),
            None,
        ),
        K::AdditionalItems { limit } => {
            (format!("`{field}` must have at most {limit} items"), None)
        }
        K::UnevaluatedItems { unexpected } => (
            format!(
                "`{field}` has items the schema does not account for: {}",
                unexpected.join(", ")
            ),
            None,
        ),
        K::PropertyNames { error } => (
            format!(
                "`{field}` has a key the schema's `propertyNames` does not allow: {}",
                compact(error.instance())
            ),
            None,
        ),
        K::ContentEncoding { content_encoding } => {
            (format!("`{field}` is not valid {content_encoding}"), None)
        }
        K::ContentMediaType { content_media_type } => {
            (format!("`{field}` is not valid {content_media_type}"), None)
        }
        K::FromUtf8 { .. } => (
            format!("`{field}` decodes to bytes that are not UTF-8"),
            None,
        ),
        K::BacktrackLimitExceeded { .. } | K::RegexEngineFailure { .. } => (
            format!("`{field}` could not be checked: the schema's `pattern` is too complex"),
            Some("simplify the pattern (no nested repetition)".to_string()),
        ),
        // The schema author's own words.
        K::Custom { message, .. } => (format!("`{field}`: {message}"), None),
        _ => (format!("`{field}` does not match the schema"), None),
    }
}

/// `anyOf` / `oneOf` where no alternative matches: when the value's type fits none of them,
/// the types they allow; else what the closest alternative (the type fits, fewest errors)
/// says is wrong.
fn alternatives(
    field: &str,
    node: &Subject,
    e: &ValidationError,
    keyword: &str,
    context: &[Vec<ValidationError<'static>>],
) -> (String, Option<String>) {
    let here = e.instance_path().as_str();
    let mut types: Vec<&str> = Vec::new();
    let mut closest: Option<(usize, usize)> = None;
    for (i, errors) in context.iter().enumerate() {
        let wrong_type = errors.iter().find_map(|x| match x.kind() {
            ValidationErrorKind::Type { kind } if x.instance_path().as_str() == here => Some(kind),
            _ => None,
        });
        match wrong_type {
            Some(TypeKind::Single(t)) => types.push(type_name(*t)),
            Some(TypeKind::Multiple(set)) => types.extend(set.iter().map(type_name)),
            None if !errors.is_empty() && closest.is_none_or(|(n, _)| errors.len() < n) => {
                closest = Some((errors.len(), i));
            }
            None => {}
        }
    }
    let n = context.len();
    match closest {
        Some((_, i)) => {
            let sub = &context[i][0];
            let sub_pointer = sub.instance_path().as_str();
            let sub_field = if sub_pointer == here {
                field.to_string()
            } else {
                field_name(sub_pointer)
            };
            let (why, help) = describe(sub.kind(), &sub_field, &Subject::json(sub.instance()), sub);
            (
                format!(
                    "`{field}` matches none of the schema's {n} `{keyword}` alternatives; the closest (number {}) says: {why}",
                    i + 1
                ),
                help,
            )
        }
        None => {
            types.dedup();
            let mut unique: Vec<&str> = Vec::new();
            for t in types {
                if !unique.contains(&t) {
                    unique.push(t);
                }
            }
            (
                format!(
                    "`{field}` must be {}, found {}",
                    unique.join(" or "),
                    node.found
                ),
                None,
            )
        }
    }
}

/// A JSON Schema type name in words.
fn json_type_name(t: &str) -> &'static str {
    match t {
        "array" => "a list",
        "boolean" => "a boolean",
        "integer" => "an integer",
        "null" => "null",
        "number" => "a number",
        "object" => "a mapping",
        _ => "a string",
    }
}

/// A schema that does not compile: where (the pointer into the schema) and why, in the words
/// used for front matter (the schema is checked against its meta-schema like a page against
/// the schema).
fn invalid_schema_message(e: &ValidationError) -> String {
    let pointer = e.instance_path().as_str();
    let field = pointer
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map_or_else(
            || "the schema".to_string(),
            |s| s.replace("~1", "/").replace("~0", "~"),
        );
    let (why, help) = describe(e.kind(), &field, &Subject::json(e.instance()), e);
    let help = help.map(|h| format!("; {h}")).unwrap_or_default();
    format!("the schema is invalid at `{pointer}`: {why}{help}")
}

/// Why a schema file is not JSON. A YAML schema (common: OpenAPI and editors write them) is
/// named as such.
fn not_json_message(text: &str, e: &serde_json::Error) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let yaml_like = first == "---"
        || first.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && !k.starts_with(['{', '[', '"']) && !k.contains(' ')
        })
        || first.starts_with("- ");
    if yaml_like {
        return "schemas are JSON, and this looks like YAML: convert it to JSON (for example with `yq -o json`)".to_string();
    }
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "the file ends before the JSON does (a missing `}` or `]`?)".to_string(),
        Category::Syntax => {
            // serde_json's words without its position (the snippet shows it).
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or(&text).to_string();
            format!("{text} here")
        }
        Category::Data | Category::Io => e.to_string(),
    };
    format!("the schema is not valid JSON: {what}")
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
/// of at most 16 MiB); anything else is refused: no network. What it reads is kept (path and
/// bytes) for the cache key.
struct LocalFiles {
    read: Retrieved,
    inside: Option<PathBuf>,
}

/// The files `$ref`s read: path and bytes.
type Retrieved = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

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
        let path = crate::util::percent_decode(uri.path().as_str()).into_owned();
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
        if let Ok(mut read) = self.read.lock() {
            read.push((path.clone(), text.as_bytes().to_vec()));
        }
        Ok(serde_json::from_str(&text).map_err(|e| format!("`{path}` is not valid JSON: {e}"))?)
    }
}

fn file_uri(path: &Path) -> String {
    let p = crate::util::percent_encode_path(&path.to_string_lossy());
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
    /// Which built-in schema stands in when no schema is configured (the site's generator's).
    builtin_name: &'static str,
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
            builtin_name: "hugo.json",
            cwd: cwd.to_path_buf(),
            project: None,
            cli: None,
        }
    }

    /// Use the built-in schema `name` (one of [`BUILTIN`]) when no schema is configured.
    pub fn use_builtin(&mut self, name: &'static str) {
        if self.builtin_name != name {
            self.builtin_name = name;
            self.builtin = None;
        }
    }

    /// Where the `$ref`s of schemas may point: inside `project` (the config file's, canonical),
    /// except for the schema named on the command line (`cli`).
    pub fn with_bounds(mut self, project: Option<PathBuf>, cli: Option<PathBuf>) -> Self {
        self.project = project;
        self.cli = cli;
        self
    }

    /// Every schema used, for the cache key: as compiled (the text read then, not the file
    /// now), with the name its notes show and every file its `$ref`s read.
    pub fn fingerprint(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(b) = &self.builtin {
            out.extend_from_slice(&b.fingerprint);
        }
        let mut paths: Vec<&PathBuf> = self.loaded.keys().collect();
        paths.sort();
        for p in paths {
            let f = &self.loaded[p].fingerprint;
            out.extend_from_slice(&(f.len() as u64).to_le_bytes());
            out.extend_from_slice(f);
        }
        out
    }

    pub fn get(&mut self, path: Option<&Path>) -> Result<Arc<Schema>, SchemaError> {
        match path {
            None => {
                let name = self.builtin_name;
                Ok(self
                    .builtin
                    .get_or_insert_with(|| Arc::new(Schema::builtin_named(name)))
                    .clone())
            }
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

/// What the schema says of a top-level header key, in Markdown (for the language server's
/// hover): its title, description, type, allowed values and default. `None` when the schema
/// does not describe the key.
pub fn describe_key(schema: &Schema, key: &str) -> Option<String> {
    let root = &schema.json;
    let prop = schema.property(key)?;
    let mut out = format!("**`{key}`**");
    if let Some(t) = prop.get("title").and_then(Json::as_str) {
        out.push_str(&format!(": {t}"));
    }
    out.push('\n');
    if let Some(d) = prop.get("description").and_then(Json::as_str) {
        out.push_str(&format!("\n{d}\n"));
    }
    let types: Vec<String> = match prop.get("type") {
        Some(Json::String(t)) => vec![t.clone()],
        Some(Json::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() {
        out.push_str(&format!("\nType: {}", types.join(" or ")));
        if let Some(f) = prop.get("format").and_then(Json::as_str) {
            out.push_str(&format!(" ({f})"));
        }
        out.push('\n');
    }
    if let Some(values) = prop.get("enum").and_then(Json::as_array) {
        let shown: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!("\nOne of: {}\n", shown.join(", ")));
    }
    if let Some(d) = prop.get("default") {
        out.push_str(&format!("\nDefault: `{d}`\n"));
    }
    let required = root
        .get("required")
        .and_then(Json::as_array)
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)));
    if required {
        out.push_str("\nRequired.\n");
    }
    out.push_str(&format!("\n_Schema: {}_", schema.name));
    Some(out)
}

impl Schema {
    /// The top-level keys the schema describes (`properties`), in its order.
    pub fn keys(&self) -> Vec<&str> {
        self.json
            .get("properties")
            .and_then(Json::as_object)
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The schema of a top-level key, local `$ref`s (`#/$defs/…`) followed.
    pub fn property(&self, key: &str) -> Option<&Json> {
        let root = &self.json;
        let mut prop = root.get("properties")?.get(key)?;
        for _ in 0..8 {
            match prop.get("$ref").and_then(Json::as_str) {
                Some(r) if r.starts_with('#') => match root.pointer(&r[1..]) {
                    Some(target) => prop = target,
                    None => break,
                },
                _ => break,
            }
        }
        Some(prop)
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
            crate::util::percent_decode(&uri["file://".len()..]),
            "/tmp/a b/标题.json"
        );
    }
}
