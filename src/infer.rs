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
    /// One value, file by file: the reference the chunked statistics ([`Part`]) are tested
    /// against.
    #[cfg(test)]
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
    #[cfg(test)]
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
pub const CHUNK: usize = 4096;

/// What `infer` and `audit` fold over every header besides the statistics (the audit's dates,
/// terms and images). Folded in parallel, so `merge` must not depend on the order of the
/// parts (keep the file index where order matters).
pub trait Observe: Send {
    /// One header, the `index`-th file of the run.
    fn observe(&mut self, index: usize, h: &Header);
    fn merge(&mut self, other: Self);
}

/// No observation (`infer`).
#[derive(Default)]
pub struct Nothing;

impl Observe for Nothing {
    fn observe(&mut self, _: usize, _: &Header) {}
    fn merge(&mut self, _: Self) {}
}

/// The statistics of one chunk of files at one position, before they join those of the files
/// before them: like [`Stats`], but every distinct string is counted, with the place of its
/// first appearance in the run (file index, then value number in the file), so that parts
/// merge in any order and the run's statistics keep exactly the strings a file-by-file pass
/// keeps (the first `MAX_DISTINCT`).
#[derive(Default)]
struct Part {
    count: usize,
    types: [usize; TYPES.len()],
    strings: std::collections::HashMap<String, (u64, usize), crate::fasthash::FastBuild>,
    strings_total: usize,
    misses: [usize; FORMATS.len()],
    timed: usize,
    items: Option<Box<Part>>,
    props: std::collections::HashMap<String, Part, crate::fasthash::FastBuild>,
    objects: usize,
}

/// JSON types, in [`type_of`]'s names.
const TYPES: [&str; 7] = [
    "null", "boolean", "integer", "number", "string", "array", "object",
];

fn type_index(node: &Node) -> usize {
    match &node.value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Int(_) => 2,
        Value::Float(_) => 3,
        Value::String(_) | Value::DateTime(_) => 4,
        Value::Seq(_) => 5,
        Value::Map(_) => 6,
    }
}

/// A file's shape: its header without the values, written as bytes (for each value its type
/// and the formats it misses; list items between `[` and `]`, mapping entries between `{` and
/// `}`, each key as `k`, its length and its bytes). Whether a file can hold an outlier depends on its shape only
/// ([`may_have_outliers`]), so files are grouped by shape and the second pass reads only the
/// files of the shapes that can.
type Shape = Vec<u8>;

/// One file's walk: its values into a [`Part`] (when they count for the statistics: the value
/// of an earlier duplicate of a key does not, as in [`Stats::add_object`]) and its shape.
struct Walk<'a> {
    file: u64,
    seq: u64,
    shape: &'a mut Shape,
}

impl Walk<'_> {
    fn node(&mut self, part: Option<&mut Part>, node: &Node) {
        let t = type_index(node);
        let mut misses = 0u8;
        let mut timed = false;
        if let Value::String(s) | Value::DateTime(s) = &node.value {
            for (i, f) in FORMATS.iter().enumerate() {
                if !fits(f, s) {
                    misses |= 1 << i;
                }
            }
            // FORMATS[0] is `date`.
            timed = !is_plain_date(s) && misses & 1 == 0;
        }
        self.shape.push(t as u8);
        self.shape.push(misses);
        let mut part = part;
        if let Some(p) = part.as_deref_mut() {
            p.count += 1;
            p.types[t] += 1;
            if let Value::String(s) | Value::DateTime(s) = &node.value {
                p.strings_total += 1;
                let at = (self.file << 32) | self.seq;
                self.seq += 1;
                match p.strings.get_mut(s.as_str()) {
                    Some((_, n)) => *n += 1,
                    None => {
                        p.strings.insert(s.clone(), (at, 1));
                    }
                }
                for (i, m) in p.misses.iter_mut().enumerate() {
                    if misses & (1 << i) != 0 {
                        *m += 1;
                    }
                }
                if timed {
                    p.timed += 1;
                }
            }
        }
        match &node.value {
            Value::Seq(items) => {
                self.shape.push(b'[');
                let mut stats = part.map(|p| &mut **p.items.get_or_insert_with(Default::default));
                for item in items {
                    self.node(stats.as_deref_mut(), item);
                }
                self.shape.push(b']');
            }
            Value::Map(entries) => self.object(part, entries),
            _ => {}
        }
    }

    /// The entries of one mapping (`part` counts it as [`Stats::add_object`] does).
    fn object(&mut self, part: Option<&mut Part>, entries: &[crate::parse::Entry]) {
        self.shape.push(b'{');
        let mut part = part;
        if let Some(p) = part.as_deref_mut() {
            p.objects += 1;
        }
        for (i, e) in entries.iter().enumerate() {
            let len = u32::try_from(e.key.len()).unwrap_or(u32::MAX);
            self.shape.push(b'k');
            self.shape.extend_from_slice(&len.to_le_bytes());
            self.shape
                .extend_from_slice(&e.key.as_bytes()[..len as usize]);
            let later = entries[i + 1..].iter().any(|l| l.key == e.key);
            let stats = match part.as_deref_mut() {
                Some(p) if !later => Some(match p.props.get_mut(e.key.as_str()) {
                    Some(s) => s,
                    None => p.props.entry(e.key.clone()).or_default(),
                }),
                _ => None,
            };
            self.node(stats, &e.value);
        }
        self.shape.push(b'}');
    }
}

impl Part {
    /// Another part's counts (of other files) into this one.
    fn merge(&mut self, other: Part) {
        self.count += other.count;
        for (a, b) in self.types.iter_mut().zip(other.types) {
            *a += b;
        }
        for (s, (at, n)) in other.strings {
            let e = self.strings.entry(s).or_insert((at, 0));
            e.0 = e.0.min(at);
            e.1 += n;
        }
        self.strings_total += other.strings_total;
        for (a, b) in self.misses.iter_mut().zip(other.misses) {
            *a += b;
        }
        self.timed += other.timed;
        if let Some(items) = other.items {
            match &mut self.items {
                Some(mine) => mine.merge(*items),
                None => self.items = Some(items),
            }
        }
        for (k, p) in other.props {
            self.props.entry(k).or_default().merge(p);
        }
        self.objects += other.objects;
    }
}

impl Stats {
    /// A part of the files after those counted so far: the same statistics as adding its
    /// files' values one by one, in file order.
    fn absorb(&mut self, part: Part) {
        self.count += part.count;
        for (t, n) in TYPES.iter().zip(part.types) {
            if n > 0 {
                *self.types.entry(t).or_default() += n;
            }
        }
        let mut strings: Vec<(String, (u64, usize))> = part.strings.into_iter().collect();
        strings.sort_unstable_by_key(|(_, (at, _))| *at);
        for (s, (_, n)) in strings {
            if let Some(c) = self.strings.get_mut(s.as_str()) {
                *c += n;
            } else if self.strings.len() < MAX_DISTINCT {
                self.strings.insert(s, n);
            } else {
                self.more_distinct = true;
            }
        }
        self.strings_total += part.strings_total;
        for (f, n) in FORMATS.iter().zip(part.misses) {
            if n > 0 {
                *self.misses.entry(f).or_default() += n;
            }
        }
        self.timed += part.timed;
        if let Some(items) = part.items {
            self.items
                .get_or_insert_with(Default::default)
                .absorb(*items);
        }
        for (k, p) in part.props {
            self.props.entry(k).or_default().absorb(p);
        }
        self.objects += part.objects;
    }
}

/// One chunk's fold: statistics, shapes (shape → file indices) and observations.
struct Fold<O> {
    top: Part,
    shapes: Shapes,
    observed: O,
    /// The shape being written (a buffer reused from file to file).
    shape: Shape,
}

/// Shape → the files (indices) that have it.
type Shapes = std::collections::HashMap<Shape, Vec<u32>, crate::fasthash::FastBuild>;

impl<O: Observe> Fold<O> {
    fn add(&mut self, index: usize, h: &Header) {
        self.observed.observe(index, h);
        let Some(root) = h.mapping() else { return };
        self.shape.clear();
        let mut walk = Walk {
            file: index as u64,
            seq: 0,
            shape: &mut self.shape,
        };
        self.top.count += 1;
        // The top mapping as a value (type and misses), then its entries.
        walk.shape.extend([6, 0]);
        walk.object(Some(&mut self.top), root.entries());
        match self.shapes.get_mut(self.shape.as_slice()) {
            Some(files) => files.push(index as u32),
            None => {
                self.shapes.insert(self.shape.clone(), vec![index as u32]);
            }
        }
    }

    fn merge(mut self, other: Self) -> Self {
        self.top.merge(other.top);
        for (shape, files) in other.shapes {
            self.shapes.entry(shape).or_default().extend(files);
        }
        self.observed.merge(other.observed);
        self
    }
}

/// The first pass of inference, fed chunk by chunk (from the lint's own reads, or from disk):
/// the statistics so far, the shapes of the files seen and what `O` observes.
pub struct Learner<O> {
    top: Stats,
    shapes: Shapes,
    observed: O,
    new: Box<dyn Fn() -> O + Send + Sync>,
}

impl<O: Observe> Learner<O> {
    pub fn new(new: impl Fn() -> O + Send + Sync + 'static) -> Self {
        Learner {
            top: Stats::default(),
            shapes: Default::default(),
            observed: new(),
            new: Box::new(new),
        }
    }

    /// The files of the run `first..first + texts.len()` (file index, shown path, header as
    /// `read_path(…, true)` reads it), in order after those already given; a file whose
    /// header is `None` is read from disk (a cache hit was not read by the lint).
    pub fn add_chunk(&mut self, items: Vec<(usize, &str, &std::path::Path, Option<Vec<u8>>)>) {
        let new = &self.new;
        let fold = items
            .into_par_iter()
            // Pieces of a few hundred files: fewer parts to merge.
            .with_min_len(256)
            .fold(
                || Fold {
                    top: Part::default(),
                    shapes: Default::default(),
                    observed: new(),
                    shape: Shape::new(),
                },
                |mut acc, (index, shown, abs, bytes)| {
                    let bytes = bytes.unwrap_or_else(|| read_header_bytes(abs).unwrap_or_default());
                    acc.add(index, &header_of(shown, bytes));
                    acc
                },
            )
            .reduce_with(Fold::merge);
        if let Some(fold) = fold {
            self.top.absorb(fold.top);
            for (shape, files) in fold.shapes {
                self.shapes.entry(shape).or_default().extend(files);
            }
            self.observed.merge(fold.observed);
        }
    }

    /// Decide the schema and list the outliers; `fetch` gives the headers of files (by index,
    /// ascending) for the second pass, which reads only files whose shape can hold an outlier.
    pub fn finish(
        self,
        options: Options,
        title: &str,
        fetch: &dyn Fn(&[usize]) -> Vec<Header>,
    ) -> (Inferred, O) {
        let Learner {
            top,
            shapes,
            observed,
            ..
        } = self;
        let (inferred, builder) = decide(&top, options, title);
        let decisions = &builder.decisions;
        let mut outliers: Vec<Outlier> = Vec::new();
        if !decisions.is_empty() {
            let mut candidates: Vec<usize> = shapes
                .iter()
                .filter(|(shape, _)| may_have_outliers(decisions, shape))
                .flat_map(|(_, files)| files.iter().map(|f| *f as usize))
                .collect();
            candidates.sort_unstable();
            for chunk in candidates.chunks(CHUNK) {
                let headers = fetch(chunk);
                outliers.par_extend(headers.par_iter().flat_map_iter(|h| {
                    let mut found = Vec::new();
                    if let Some(root) = h.mapping() {
                        list_outliers(decisions, h, root, "", &mut found);
                    }
                    found
                }));
            }
        }
        outliers.sort();
        outliers.dedup();
        (
            Inferred {
                outliers,
                ..inferred
            },
            observed,
        )
    }
}

/// Whether a file of this shape can have a value that the decisions leave out (what
/// [`list_outliers`] reports): a type dropped, a format missed, a likely typo or a required
/// key missing, at the position of a value it has.
fn may_have_outliers(
    decisions: &std::collections::HashMap<String, Decision>,
    shape: &[u8],
) -> bool {
    value_may(decisions, shape, &mut 0, &mut String::new())
}

/// The value at `shape[*at..]` (type, misses, then its items or entries), at `path`.
fn value_may(
    decisions: &std::collections::HashMap<String, Decision>,
    shape: &[u8],
    at: &mut usize,
    path: &mut String,
) -> bool {
    let (t, misses) = (shape[*at] as usize, shape[*at + 1]);
    *at += 2;
    if let Some(d) = decisions.get(path.as_str()) {
        if d.dropped.contains_key(TYPES[t]) {
            return true;
        }
        if let Some((f, _)) = &d.format {
            if FORMATS
                .iter()
                .position(|x| x == f)
                .is_some_and(|i| misses & (1 << i) != 0)
            {
                return true;
            }
        }
    }
    match shape.get(*at) {
        Some(b'[') if t == 5 => {
            *at += 1;
            let len = path.len();
            path.push_str("[]");
            while shape[*at] != b']' {
                if value_may(decisions, shape, at, path) {
                    return true;
                }
            }
            path.truncate(len);
            *at += 1;
            false
        }
        Some(b'{') if t == 6 => map_may(decisions, shape, at, path),
        _ => false,
    }
}

/// The mapping at `shape[*at..]` (from its `{`), at `path`.
fn map_may(
    decisions: &std::collections::HashMap<String, Decision>,
    shape: &[u8],
    at: &mut usize,
    path: &mut String,
) -> bool {
    *at += 1;
    let d = decisions.get(path.as_str());
    let mut keys: Vec<&str> = Vec::new();
    let len = path.len();
    while shape[*at] != b'}' {
        // `k`, then the key's length.
        let n = u32::from_le_bytes(shape[*at + 1..*at + 5].try_into().expect("4 bytes")) as usize;
        *at += 5;
        let key = std::str::from_utf8(&shape[*at..*at + n]).unwrap_or("");
        *at += n;
        if d.is_some_and(|d| d.typos.contains_key(key)) {
            return true;
        }
        keys.push(key);
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        let found = value_may(decisions, shape, at, path);
        path.truncate(len);
        if found {
            return true;
        }
    }
    *at += 1;
    d.is_some_and(|d| d.required.iter().any(|(k, _)| !keys.contains(&k.as_str())))
}

/// A file's header bytes as inference reads them (`read_path`, header only).
fn read_header_bytes(abs: &std::path::Path) -> Option<Vec<u8>> {
    crate::lint::read_path(abs, true)
        .ok()
        .map(|(bytes, _)| bytes)
}

/// A header from its bytes (lossy UTF-8, as inference reads it).
fn header_of(shown: &str, bytes: Vec<u8>) -> Header {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let root = match crate::split::split(&text) {
        Split::Found(fm) => crate::parse::parse(&text, &fm).root,
        Split::Missing | Split::Unterminated(_) => None,
    };
    Header {
        path: shown.to_string(),
        text,
        root,
    }
}

/// Learn a schema from `headers` (files whose header is not a mapping are left out).
pub fn infer(headers: &[Header], options: Options, title: &str) -> Inferred {
    infer_in_chunks(headers, options, title, CHUNK)
}

/// [`infer`], `size` headers at a time (the result does not depend on it: tested).
fn infer_in_chunks(headers: &[Header], options: Options, title: &str, size: usize) -> Inferred {
    let mut learner = Learner::new(|| Nothing);
    for (first, chunk) in (0..).step_by(size).zip(headers.chunks(size)) {
        learner.add_chunk(
            chunk
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    (
                        first + i,
                        h.path.as_str(),
                        std::path::Path::new(""),
                        Some(h.text.clone().into_bytes()),
                    )
                })
                .collect(),
        );
    }
    let fetch = |ix: &[usize]| {
        ix.iter()
            .map(|&i| header_of(&headers[i].path, headers[i].text.clone().into_bytes()))
            .collect()
    };
    learner.finish(options, title, &fetch).0
}

/// Learn a schema from the headers of `files` (shown path, path to open), read in chunks;
/// the second pass reads again only the files that can hold an outlier.
pub fn infer_files<O: Observe>(
    files: &[(String, PathBuf)],
    options: Options,
    title: &str,
    new: impl Fn() -> O + Send + Sync + 'static,
) -> (Inferred, O) {
    let mut learner = Learner::new(new);
    for (first, chunk) in (0..).step_by(CHUNK).zip(files.chunks(CHUNK)) {
        learner.add_chunk(
            chunk
                .iter()
                .enumerate()
                .map(|(i, (shown, abs))| (first + i, shown.as_str(), abs.as_path(), None))
                .collect(),
        );
    }
    learner.finish(options, title, &|ix| fetch_files(files, ix))
}

/// The headers of `files[i]` for each `i` of `ix`, read from disk in parallel.
pub fn fetch_files(files: &[(String, PathBuf)], ix: &[usize]) -> Vec<Header> {
    ix.par_iter()
        .map(|&i| {
            let (shown, abs) = &files[i];
            header_of(shown, read_header_bytes(abs).unwrap_or_default())
        })
        .collect()
}

/// The schema, the fields and the decisions of the statistics of a whole run.
fn decide(top: &Stats, options: Options, title: &str) -> (Inferred, Builder) {
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
    builder.object(top, "", top.count, "files", &mut schema);
    let typos = typos(top);
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
    (
        Inferred {
            schema: Json::Object(schema),
            outliers: Vec::new(),
            fields,
            files: top.count,
        },
        builder,
    )
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

    /// The reference: every header through [`Stats::add`] in order, then every header through
    /// [`list_outliers`].
    fn reference(hs: &[Header], options: Options) -> (Json, Json, Vec<Outlier>) {
        let mut top = Stats::default();
        for h in hs {
            if let Some(root) = h.mapping() {
                top.count += 1;
                top.add_object(root.entries());
            }
        }
        let (inferred, builder) = decide(&top, options, "t");
        let mut outliers = Vec::new();
        for h in hs {
            if let Some(root) = h.mapping() {
                list_outliers(&builder.decisions, h, root, "", &mut outliers);
            }
        }
        outliers.sort();
        outliers.dedup();
        (
            inferred.schema,
            serde_json::to_value(&inferred.fields).unwrap(),
            outliers,
        )
    }

    /// Chunks of any size, folded in parallel, give the statistics of one pass over the files
    /// in order (the first 1,000 distinct strings of a key, not any 1,000), and the second pass
    /// over the files whose shape can hold an outlier finds every outlier.
    #[test]
    fn chunked_statistics_equal_one_pass_in_order() {
        let hs: Vec<Header> = (0..2600)
            .map(|i| {
                let title = if i % 97 == 5 {
                    format!("{i}")
                } else {
                    format!("\"t{}\"", (i * 7919) % 1500)
                };
                let mut text = format!("---\ntitle: {title}\ndate: 2024-01-{:02}\n", 1 + i % 28);
                if i % 3 == 0 {
                    text.push_str(&format!("tags: [a{}, b, \"{}\"]\n", i % 5, i % 1200));
                }
                if i % 11 == 0 {
                    text.push_str("tag: [x]\n");
                }
                if i % 400 == 7 {
                    text.push_str("date: not a date\n");
                }
                if i % 2 == 0 {
                    text.push_str(&format!(
                        "params:\n  home: https://example.org/{i}\n  n: {}\n",
                        if i % 301 == 0 { "x" } else { "3" }
                    ));
                } else if i % 5 == 0 {
                    text.push_str("params:\n  home: https://example.org/\n");
                }
                if i % 13 == 0 {
                    text.push_str("menu:\n  - name: a\n    weight: 1\n  - name: b\n");
                }
                if i == 1234 {
                    text.push_str("p.home: 1\n");
                }
                text.push_str("---\nbody\n");
                header(&format!("f{i:04}.md"), &text)
            })
            .collect();
        for options in [
            Options::default(),
            Options {
                required_threshold: 0.3,
                strict: true,
            },
        ] {
            let (schema, fields, outliers) = reference(&hs, options);
            assert!(!outliers.is_empty());
            for size in [1, 7, 250, 4096] {
                let got = infer_in_chunks(&hs, options, "t", size);
                assert_eq!(got.schema, schema, "chunks of {size}");
                assert_eq!(serde_json::to_value(&got.fields).unwrap(), fields);
                assert_eq!(got.outliers, outliers, "chunks of {size}");
            }
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(9812), "9,812");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
