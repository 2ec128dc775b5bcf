//! `frontlint infer`: a JSON Schema (draft 2020-12) learned from the headers of a site, with the
//! evidence of each property and the outliers that kept a rule from being tighter.
//!
//! Every value of every header goes once through [`Stats::add`] (linear in the input); the
//! schema is then read off the statistics. Maps are ordered (`BTreeMap`), so the same input
//! gives a byte-identical schema whatever the thread count.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use crate::parse::{Node, Value};
use crate::split::Split;

/// The draft the inferred schemas use.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Distinct string values counted per position; beyond, "more than" this.
const MAX_DISTINCT: usize = 1000;

/// One file's header, as read for inference and audits.
pub struct Header {
    /// The path as shown (relative to the current folder).
    pub path: String,
    /// The file's text up to the end of its header (the body is not read).
    pub text: String,
    /// The header's tree, when the file has one that parsed.
    pub root: Option<Node>,
}

impl Header {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        1 + memchr::memchr_iter(b'\n', &self.text.as_bytes()[..end]).count()
    }

    /// The header when it is a mapping.
    pub fn mapping(&self) -> Option<&Node> {
        self.root
            .as_ref()
            .filter(|n| matches!(n.value, Value::Map(_)))
    }
}

/// Read the headers of `files` (shown path, path to open), in parallel, in input order. A file
/// that cannot be read, has no header or a header that does not parse has `root: None` (lint
/// reports why).
pub fn read_headers(files: &[(String, PathBuf)]) -> Vec<Header> {
    files
        .par_iter()
        .map(|(shown, abs)| {
            let text = crate::lint::read_path(abs, true)
                .map(|(bytes, _)| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default();
            let root = match crate::split::split(&text) {
                Split::Found(fm) => crate::parse::parse(&text, &fm).root,
                Split::Missing | Split::Unterminated(_) => None,
            };
            Header {
                path: shown.clone(),
                text,
                root,
            }
        })
        .collect()
}

/// What `infer` is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Share of files (of objects, for nested keys) a key must be in to be `required`.
    pub required_threshold: f64,
    /// `additionalProperties: false` on every object.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            required_threshold: 0.98,
            strict: false,
        }
    }
}

/// A value that kept a rule from being tighter: most often a defect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Outlier {
    pub path: String,
    pub line: usize,
    /// The key, dotted for nested keys (`params.tags[]` for list items).
    pub key: String,
    /// A short description of the value (`the integer 3`).
    pub value: String,
    pub why: String,
}

/// What one header key looks like across the site (the audit's "Fields" section).
#[derive(Debug, Clone, Serialize)]
pub struct FieldSummary {
    pub key: String,
    /// Files that have it.
    pub files: usize,
    /// Of how many files with a header.
    pub of: usize,
    /// JSON type → number of values.
    pub types: BTreeMap<String, usize>,
    /// Distinct string values (`more_distinct`: at least this many).
    pub distinct: usize,
    pub more_distinct: bool,
    /// The most frequent string values (up to 3), with counts.
    pub examples: Vec<(String, usize)>,
    /// The common key this one is likely a typo of.
    pub typo_of: Option<String>,
}

impl FieldSummary {
    /// The share of files with a header that have the key, in percent.
    pub fn share(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            100.0 * self.files as f64 / self.of as f64
        }
    }

    /// Each JSON type seen with its count (`string 9,812`).
    pub fn types_seen(&self) -> Vec<String> {
        self.types
            .iter()
            .map(|(t, n)| format!("{t} {}", thousands(*n)))
            .collect()
    }
}

/// The result of inference.
pub struct Inferred {
    pub schema: Json,
    pub outliers: Vec<Outlier>,
    pub fields: Vec<FieldSummary>,
    /// Files with a header that is a mapping (the denominator of `required`).
    pub files: usize,
}

/// The statistics of the values at one position (a key, or the items of a list).
#[derive(Default)]
struct Stats {
    count: usize,
    types: BTreeMap<&'static str, usize>,
    strings: BTreeMap<String, usize>,
    strings_total: usize,
    more_distinct: bool,
    /// Per format: strings that do not fit.
    misses: BTreeMap<&'static str, usize>,
    /// Strings that are dates with a time (for `date` vs `date-time`).
    timed: usize,
    items: Option<Box<Stats>>,
    props: BTreeMap<String, Stats>,
    /// The mappings seen here.
    objects: usize,
}

const FORMATS: [&str; 3] = ["date", "uri", "email"];

fn type_of(node: &Node) -> &'static str {
    match &node.value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Int(_) => "integer",
        Value::Float(_) => "number",
        Value::String(_) | Value::DateTime(_) => "string",
        Value::Seq(_) => "array",
        Value::Map(_) => "object",
    }
}

fn is_plain_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A URI as JSON Schema's `uri` format means it: a scheme, then no white space.
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && s.is_ascii()
        && !s
            .chars()
            .any(|c| c.is_ascii_whitespace() || c.is_ascii_control())
        && !s.contains(['<', '>', '"', '{', '}', '|', '\\', '^', '`'])
        && url::Url::parse(s).is_ok()
}

/// A plain address (`name@example.org`): ASCII, one `@`, a dotted domain.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    local_ok
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn fits(format: &str, s: &str) -> bool {
    match format {
        // Every date layout is short and has digits: titles and summaries skip the parser.
        "date" => {
            s.len() <= 64 && s.bytes().any(|b| b.is_ascii_digit()) && crate::dates::is_valid(s)
        }
        "uri" => is_uri(s),
        "email" => is_email(s),
        _ => false,
    }
}

impl Stats {
    fn add(&mut self, node: &Node) {
        self.count += 1;
        let t = type_of(node);
        *self.types.entry(t).or_default() += 1;
        match &node.value {
            Value::String(s) | Value::DateTime(s) => {
                self.strings_total += 1;
                if let Some(n) = self.strings.get_mut(s.as_str()) {
                    *n += 1;
                } else if self.strings.len() < MAX_DISTINCT {
                    self.strings.insert(s.clone(), 1);
                } else {
                    self.more_distinct = true;
                }
                for f in FORMATS {
                    if !fits(f, s) {
                        *self.misses.entry(f).or_default() += 1;
                    }
                }
                if !is_plain_date(s) && fits("date", s) {
                    self.timed += 1;
                }
            }
            Value::Seq(items) => {
                let stats = self.items.get_or_insert_with(Default::default);
                for item in items {
                    stats.add(item);
                }
            }
            Value::Map(entries) => self.add_object(entries),
            _ => {}
        }
    }

    /// The entries of one mapping (a duplicated key counts once: its last value, as the
    /// schema sees it).
    fn add_object(&mut self, entries: &[crate::parse::Entry]) {
        self.objects += 1;
        for (i, e) in entries.iter().enumerate() {
            if entries[i + 1..].iter().any(|later| later.key == e.key) {
                continue;
            }
            self.props.entry(e.key.clone()).or_default().add(&e.value);
        }
    }

    fn distinct(&self) -> usize {
        self.strings.len()
    }

    /// The types kept: those of more than 1 % of the values (`number` covers `integer`).
    fn kept_types(&self) -> Vec<&'static str> {
        let mut kept: Vec<&'static str> = self
            .types
            .iter()
            .filter(|(_, n)| **n * 100 > self.count)
            .map(|(t, _)| *t)
            .collect();
        if kept.contains(&"number") {
            kept.retain(|t| *t != "integer");
        }
        kept
    }
}

/// Thousands separators: `9,812`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Whether `rare` looks like a misspelling of `common`.
fn close_names(rare: &str, common: &str) -> bool {
    if rare == common {
        return false;
    }
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    if fold(rare) == fold(common) {
        return true;
    }
    if format!("{rare}s") == common || format!("{common}s") == rare {
        return true;
    }
    let len = rare.chars().count().min(common.chars().count());
    let max = if len >= 8 { 2 } else { 1 };
    len >= 4 && crate::util::edit_distance_within(rare, common, max).is_some()
}

/// Keys of one object that are likely typos: key → the common key.
fn typos(stats: &Stats) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (key, s) in &stats.props {
        let best = stats
            .props
            .iter()
            .filter(|(k, o)| o.count >= 2 && s.count * 2 <= o.count && close_names(key, k))
            .max_by(|(ka, a), (kb, b)| a.count.cmp(&b.count).then(kb.cmp(ka)));
        if let Some((k, _)) = best {
            out.insert(key.clone(), k.clone());
        }
    }
    out
}

/// What the schema decided at one position, for the pass that lists the values it leaves out.
#[derive(Default)]
struct Decision {
    /// Type → why values of it are outliers.
    dropped: BTreeMap<&'static str, String>,
    /// The format (as `fits` names it) and why a value that does not fit is an outlier.
    format: Option<(&'static str, String)>,
    /// Keys that are likely typos → why.
    typos: BTreeMap<String, String>,
    /// Required keys → why an object without it is an outlier.
    required: Vec<(String, String)>,
}

struct Builder {
    options: Options,
    decisions: std::collections::HashMap<String, Decision>,
}

/// The position of a key of the object at `parent`.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Builder {
    fn decision(&mut self, key: &str) -> &mut Decision {
        self.decisions.entry(key.to_string()).or_default()
    }

    /// The schema of the values in `stats` at `key`; `of` names what they are counted in
    /// ("files", "objects", "items").
    fn schema(&mut self, stats: &Stats, key: &str, presence: Option<(usize, usize, &str)>) -> Json {
        let mut out = Map::new();
        let kept = stats.kept_types();
        // Values of the dropped types.
        for (t, n) in &stats.types {
            if kept.contains(t) || (*t == "integer" && kept.contains(&"number")) {
                continue;
            }
            let why = format!(
                "{} where the other {} {} typed {}",
                plural(*n, &format!("{t} value"), &format!("{t} values")),
                thousands(stats.count - n),
                if stats.count - n == 1 { "is" } else { "are" },
                kept.join(" or ")
            );
            self.decision(key).dropped.insert(t, why);
        }
        match kept.as_slice() {
            [] => None,
            [one] => out.insert("type".into(), json!(one)),
            many => out.insert("type".into(), json!(many)),
        };
        let strings_only = kept == ["string"];
        let mut format = None;
        if strings_only && stats.strings_total > 0 {
            for f in FORMATS {
                let missed = stats.misses.get(f).copied().unwrap_or(0);
                // Every value fits, or all but at most 1 % (those are listed).
                if missed * 100 <= stats.strings_total && missed < stats.strings_total {
                    let name = match f {
                        "date" if stats.timed > 0 => "date-time",
                        other => other,
                    };
                    // A uri is only a uri when the values are not all plain words.
                    if f == "uri" && missed > 0 {
                        continue;
                    }
                    format = Some(name);
                    let why = format!(
                        "not a valid {name}, unlike the other {} values",
                        thousands(stats.strings_total - missed)
                    );
                    if missed > 0 {
                        self.decision(key).format = Some((f, why));
                    }
                    break;
                }
            }
        }
        if let Some(f) = format {
            out.insert("format".into(), json!(f));
        }
        let distinct = stats.distinct();
        if strings_only
            && format.is_none()
            && !stats.more_distinct
            && stats.strings_total >= 10
            && distinct <= 10
            && distinct * 4 <= stats.strings_total
        {
            out.insert(
                "enum".into(),
                json!(stats.strings.keys().collect::<Vec<_>>()),
            );
        }
        if kept.contains(&"array") {
            if let Some(items) = stats.items.as_ref().filter(|i| i.count > 0) {
                let k = format!("{key}[]");
                let n = items.count;
                let schema = self.schema(items, &k, Some((n, n, "items")));
                out.insert("items".into(), schema);
            }
        }
        if kept.contains(&"object") {
            let objects = stats.objects;
            self.object(stats, key, objects, "objects", &mut out);
        }
        let mut description = match presence {
            Some((n, of, what)) if what != "items" => {
                format!(
                    "present in {} of {}",
                    thousands(n),
                    plural(of, &what[..what.len() - 1], what)
                )
            }
            _ => plural(stats.count, "value", "values"),
        };
        if stats.types.len() > 1 {
            let seen: Vec<String> = stats
                .types
                .iter()
                .map(|(t, n)| format!("{t} in {}", thousands(*n)))
                .collect();
            description.push_str(&format!("; {}", seen.join(", ")));
        }
        if stats.strings_total > 0 {
            let more = if stats.more_distinct {
                "more than "
            } else {
                ""
            };
            description.push_str(&format!(
                "; {more}{}",
                plural(distinct, "distinct value", "distinct values")
            ));
        }
        out.insert("description".into(), json!(description));
        Json::Object(out)
    }

    /// `properties`, `required` and (`--strict`) `additionalProperties` of the objects in
    /// `stats`, `objects` of them.
    fn object(
        &mut self,
        stats: &Stats,
        key: &str,
        objects: usize,
        what: &str,
        out: &mut Map<String, Json>,
    ) {
        let typos = typos(stats);
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (k, s) in &stats.props {
            let path = child(key, k);
            if let Some(common) = typos.get(k) {
                let one = what.trim_end_matches('s');
                let why = format!(
                    "likely a typo of `{common}` (`{k}` is in {}, `{common}` in {})",
                    plural(s.count, one, what),
                    plural(stats.props[common].count, one, what),
                );
                self.decision(key).typos.insert(k.clone(), why);
                continue;
            }
            let schema = self.schema(s, &path, Some((s.count, objects, what)));
            properties.insert(k.clone(), schema);
            if objects > 0 && s.count as f64 >= self.options.required_threshold * objects as f64 {
                required.push(json!(k));
                // The objects without it kept it from being required everywhere.
                if s.count < objects {
                    let one = what.trim_end_matches('s');
                    let why = format!(
                        "missing `{k}`, which {} of {} have (required)",
                        thousands(s.count),
                        plural(objects, one, what)
                    );
                    self.decision(key).required.push((k.clone(), why));
                }
            }
        }
        out.insert("properties".into(), Json::Object(properties));
        if !required.is_empty() {
            out.insert("required".into(), Json::Array(required));
        }
        if self.options.strict {
            out.insert("additionalProperties".into(), json!(false));
        }
    }
}

/// Files whose headers are read at once: memory stays bounded whatever the site's size.
const CHUNK: usize = 4096;

/// Headers, chunk by chunk, in a fixed order; called once per pass.
pub type Source<'a> = &'a dyn Fn(&mut dyn FnMut(&[Header]));

/// Learn a schema from `headers` (files whose header is not a mapping are left out).
pub fn infer(headers: &[Header], options: Options, title: &str) -> Inferred {
    infer_from(&|each| each(headers), options, title, &mut |_| {})
}

/// Learn a schema from the headers of `files` (shown path, path to open), read in chunks, twice
/// (statistics, then outliers); `observe` sees every header of the first pass.
pub fn infer_files(
    files: &[(String, PathBuf)],
    options: Options,
    title: &str,
    observe: &mut dyn FnMut(&Header),
) -> Inferred {
    // The first pass reads each file's header from disk and keeps its text (the header only:
    // about 1 KB a file, not its tree); the second pass parses those texts again instead of
    // opening and reading every file a second time.
    let kept: std::sync::Mutex<Option<Vec<(String, String)>>> = std::sync::Mutex::new(None);
    let source = |each: &mut dyn FnMut(&[Header])| {
        let texts = kept.lock().unwrap_or_else(|e| e.into_inner()).take();
        match texts {
            None => {
                let mut texts = Vec::with_capacity(files.len());
                for chunk in files.chunks(CHUNK) {
                    let headers = read_headers(chunk);
                    each(&headers);
                    texts.extend(headers.into_iter().map(|h| (h.path, h.text)));
                }
                *kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(texts);
            }
            Some(texts) => {
                for chunk in texts.chunks(CHUNK) {
                    each(&parse_headers(chunk));
                }
            }
        }
    };
    infer_from(&source, options, title, observe)
}

/// Headers parsed from texts already read (shown path, text up to the end of the header).
fn parse_headers(texts: &[(String, String)]) -> Vec<Header> {
    texts
        .par_iter()
        .map(|(shown, text)| {
            let root = match crate::split::split(text) {
                Split::Found(fm) => crate::parse::parse(text, &fm).root,
                Split::Missing | Split::Unterminated(_) => None,
            };
            Header {
                path: shown.clone(),
                text: text.clone(),
                root,
            }
        })
        .collect()
}

/// Learn a schema from the headers `source` gives (two passes).
pub fn infer_from(
    source: Source,
    options: Options,
    title: &str,
    observe: &mut dyn FnMut(&Header),
) -> Inferred {
    let mut top = Stats::default();
    source(&mut |chunk| {
        for h in chunk {
            observe(h);
            if let Some(root) = h.mapping() {
                top.count += 1;
                top.add_object(root.entries());
            }
        }
    });
    let mut builder = Builder {
        options,
        decisions: Default::default(),
    };
    let mut schema = Map::new();
    schema.insert("$schema".into(), json!(DRAFT));
    schema.insert("title".into(), json!(title));
    schema.insert(
        "description".into(),
        json!(format!(
            "Inferred by frontlint infer from the front matter of {}",
            plural(top.count, "file", "files")
        )),
    );
    schema.insert("type".into(), json!("object"));
    builder.object(&top, "", top.count, "files", &mut schema);
    let typos = typos(&top);
    let fields = top
        .props
        .iter()
        .map(|(k, s)| {
            let mut examples: Vec<(String, usize)> =
                s.strings.iter().map(|(v, n)| (v.clone(), *n)).collect();
            examples.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            examples.truncate(3);
            for (v, _) in &mut examples {
                if v.chars().count() > 60 {
                    *v = v.chars().take(60).collect::<String>() + "…";
                }
            }
            FieldSummary {
                key: k.clone(),
                files: s.count,
                of: top.count,
                types: s.types.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
                distinct: s.distinct(),
                more_distinct: s.more_distinct,
                examples,
                typo_of: typos.get(k).cloned(),
            }
        })
        .collect();
    // Second pass: every value a decision leaves out, in every file.
    let decisions = &builder.decisions;
    let mut outliers: Vec<Outlier> = Vec::new();
    if !decisions.is_empty() {
        source(&mut |chunk| {
            outliers.par_extend(chunk.par_iter().flat_map_iter(|h| {
                let mut found = Vec::new();
                if let Some(root) = h.mapping() {
                    list_outliers(decisions, h, root, "", &mut found);
                }
                found
            }));
        });
    }
    outliers.sort();
    outliers.dedup();
    Inferred {
        schema: Json::Object(schema),
        outliers,
        fields,
        files: top.count,
    }
}

/// The values of `node` (at position `path` of header `h`) that the decisions leave out.
fn list_outliers(
    decisions: &std::collections::HashMap<String, Decision>,
    h: &Header,
    node: &Node,
    path: &str,
    out: &mut Vec<Outlier>,
) {
    let Some(d) = decisions.get(path) else {
        // Nothing left out here; positions below may still leave values out.
        return descend(decisions, h, node, path, out, None);
    };
    let mut push = |offset: usize, key: &str, value: String, why: &str| {
        out.push(Outlier {
            path: h.path.clone(),
            line: h.line_of(offset),
            key: key.to_string(),
            value,
            why: why.to_string(),
        });
    };
    if let Some(why) = d.dropped.get(type_of(node)) {
        push(node.span.start, path, node.describe(), why);
    }
    if let (Some((f, why)), Some(s)) = (&d.format, node.as_str()) {
        if !fits(f, s) {
            push(node.span.start, path, node.describe(), why);
        }
    }
    if let Value::Map(entries) = &node.value {
        for (k, why) in &d.required {
            if entries.iter().all(|e| e.key != *k) {
                push(node.span.start, &child(path, k), "(missing)".into(), why);
            }
        }
    }
    descend(decisions, h, node, path, out, Some(d));
}

fn descend(
    decisions: &std::collections::HashMap<String, Decision>,
    h: &Header,
    node: &Node,
    path: &str,
    out: &mut Vec<Outlier>,
    d: Option<&Decision>,
) {
    match &node.value {
        Value::Seq(items) => {
            let items_path = format!("{path}[]");
            for item in items {
                list_outliers(decisions, h, item, &items_path, out);
            }
        }
        Value::Map(entries) => {
            for (i, e) in entries.iter().enumerate() {
                if entries[i + 1..].iter().any(|later| later.key == e.key) {
                    continue;
                }
                let key = child(path, &e.key);
                match d.and_then(|d| d.typos.get(&e.key)) {
                    Some(why) => out.push(Outlier {
                        path: h.path.clone(),
                        line: h.line_of(e.key_span.start),
                        key,
                        value: e.value.describe(),
                        why: why.clone(),
                    }),
                    None => list_outliers(decisions, h, &e.value, &key, out),
                }
            }
        }
        _ => {}
    }
}

/// The schema as written: pretty JSON, with a final line break.
pub fn to_text(schema: &Json) -> String {
    serde_json::to_string_pretty(schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(path: &str, text: &str) -> Header {
        let root = match crate::split::split(text) {
            Split::Found(fm) => crate::parse::parse(text, &fm).root,
            _ => None,
        };
        Header {
            path: path.into(),
            text: text.into(),
            root,
        }
    }

    #[test]
    fn majority_type_and_outliers() {
        let mut hs: Vec<Header> = (0..150)
            .map(|i| {
                header(
                    &format!("p{i:03}.md"),
                    &format!("---\ntitle: t{i}\nweight: {i}\n---\n"),
                )
            })
            .collect();
        hs.push(header("zz.md", "---\ntitle: 42\n---\n"));
        let out = infer(&hs, Options::default(), "t");
        assert_eq!(out.schema["properties"]["title"]["type"], "string");
        assert_eq!(out.schema["required"], json!(["title", "weight"]));
        assert_eq!(out.outliers.len(), 2);
        let missing = &out.outliers[1];
        assert_eq!(
            (missing.path.as_str(), missing.key.as_str()),
            ("zz.md", "weight")
        );
        assert_eq!(
            missing.why,
            "missing `weight`, which 150 of 151 files have (required)"
        );
        let o = &out.outliers[0];
        assert_eq!(
            (o.path.as_str(), o.line, o.key.as_str()),
            ("zz.md", 2, "title")
        );
        assert_eq!(o.value, "the integer 42");
        assert!(
            o.why
                .starts_with("1 integer value where the other 150 are typed string"),
            "{}",
            o.why
        );
    }

    /// Every value left out is listed, however many there are (no sample).
    #[test]
    fn every_outlier_is_listed() {
        let hs: Vec<Header> = (0..6100)
            .map(|i| {
                let title = if i % 100 == 7 {
                    format!("{i}")
                } else {
                    format!("t{i}")
                };
                header(
                    &format!("p{i:05}.md"),
                    &format!("---\ntitle: {title}\n---\n"),
                )
            })
            .collect();
        let out = infer(&hs, Options::default(), "t");
        assert_eq!(out.schema["properties"]["title"]["type"], "string");
        assert_eq!(out.outliers.len(), 61);
        assert!(
            out.outliers
                .iter()
                .all(|o| o.value.starts_with("the integer "))
        );
    }

    #[test]
    fn typo_beside_common_key() {
        let mut hs: Vec<Header> = (0..20)
            .map(|i| header(&format!("p{i:02}.md"), "---\ntags: [a, b]\n---\n"))
            .collect();
        hs.push(header("typo.md", "---\ntitle: x\ntag: [a]\n---\n"));
        let out = infer(
            &hs,
            Options {
                strict: true,
                ..Default::default()
            },
            "t",
        );
        assert!(out.schema["properties"].get("tag").is_none());
        assert_eq!(out.schema["additionalProperties"], false);
        let typo: Vec<_> = out.outliers.iter().filter(|o| o.key == "tag").collect();
        assert_eq!(typo.len(), 1);
        assert_eq!((typo[0].path.as_str(), typo[0].line), ("typo.md", 3));
        assert!(typo[0].why.contains("typo of `tags`"), "{}", typo[0].why);
        assert_eq!(out.schema["properties"]["tags"]["items"]["type"], "string");
    }

    #[test]
    fn formats_and_enum() {
        let hs: Vec<Header> = (0..12)
            .map(|i| {
                header(
                    &format!("p{i:02}.md"),
                    &format!(
                        "---\ndate: 2024-01-{:02}\nupdated: 2024-01-01T10:00:00Z\nhome: https://example.org/{i}\nmail: a{i}@example.org\nstatus: {}\n---\n",
                        i + 1,
                        if i % 2 == 0 { "draft" } else { "published" }
                    ),
                )
            })
            .collect();
        let out = infer(&hs, Options::default(), "t");
        let p = &out.schema["properties"];
        assert_eq!(p["date"]["format"], "date");
        assert_eq!(p["updated"]["format"], "date-time");
        assert_eq!(p["home"]["format"], "uri");
        assert_eq!(p["mail"]["format"], "email");
        assert_eq!(p["status"]["enum"], json!(["draft", "published"]));
        assert!(p["home"].get("enum").is_none());
        assert_eq!(
            p["status"]["description"],
            "present in 12 of 12 files; 2 distinct values"
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(9812), "9,812");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
