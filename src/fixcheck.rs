//! The property `--fix` must have, and headers to test it on; shared by the proptest in
//! `tests/properties.rs` and the `fix` fuzz target (not part of the public API).
//!
//! [`generate`] turns any bytes into a file whose header is built from choices: YAML (block
//! scalars with every chomping and indentation indicator, anchors, aliases, tags, comments,
//! flow and block lists, nested and flow mappings), TOML or JSON, LF or CRLF, with values that
//! trigger every fixable rule. [`check`] is the property: every fix a rule offers is exact
//! (`fix::verify` accepts it on its own), and `--fix --unsafe-fixes` under every YAML reader
//! drops no fix, keeps the body, keeps a header that parsed parsing, and is idempotent.

use std::path::Path;
use std::sync::Arc;

use crate::fix;
use crate::lint::{RuleOptions, Settings, lint_text};
use crate::rules::dates::DateOptions;
use crate::rules::yaml::YamlReader;
use crate::split::{Split, split};

/// Choices read from bytes: each is a byte modulo the number of options; 0 once they run out.
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn next(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(b) % n.max(1)
    }

    fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        list[self.next(list.len())]
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

const KEYS: &[&str] = &[
    "date",
    "lastmod",
    "publishDate",
    "expiryDate",
    "lang",
    "language",
    "translations",
    "tags",
    "categories",
    "keywords",
    "summary",
    "description",
    "title",
    "draft",
    "comments",
    "x",
    "标题",
    "\"pub #\"",
    "'q'",
];

/// Values that trigger the fixable rules (dates, languages, ambiguous scalars, summaries), and
/// others around them.
const VALUES: &[&str] = &[
    "2019-05-27T4:55:44+08:00",
    "Mon, 02 Jan 2006 15:04:05 GMT",
    "Sat, 03 Nov 2018 16:20:59 PST",
    "2025-02-10 07:55:15 +08:00",
    "2025-02-10T07:55:15+0800",
    "03 Nov 18 16:20 UTC",
    "2025-02-10T07:55:15,5Z",
    "2025-02-10",
    "zh_CN",
    "en_us",
    "pt_BR",
    "zh-CN",
    "yes",
    "Yes",
    "NO",
    "on",
    "Off",
    "y",
    "N",
    "yEs",
    "0755",
    "-017",
    "0_7",
    "1:20",
    "190:20:30.15",
    "Hello world, this is the fir",
    "Hello world, this is the last...",
    "标题",
    "a b",
    "1",
    "true",
    "~",
    "x #y",
    "a: b",
    "it's",
    "say \"hi\"",
    "新闻",
    "Go",
    "go",
];

/// List items: few, so that they repeat.
const TERMS: &[&str] = &["a", "A", "新闻", "go", "Go ", "zh_CN", "yes", "1"];

const PROPERTIES: &[&str] = &["", "", "", "&a ", "&b ", "!!str ", "&c !!str ", "!!str &a "];

const BLOCK_HEADERS: &[&str] = &[
    "|", "|-", "|+", ">", ">-", ">+", "|2", "|2-", ">2+", "|1-", ">-1", "|+2",
];

const COMMENTS: &[&str] = &["", "", " # 注释", " #c"];

/// A file built from the choices in `bytes` (see the module documentation).
pub fn generate(bytes: &[u8]) -> String {
    let mut c = Choices { bytes, at: 0 };
    let mut text = String::new();
    if c.next(8) == 0 {
        text.push('\u{feff}');
    }
    match c.next(8) {
        0 => toml_header(&mut c, &mut text),
        1 => json_header(&mut c, &mut text),
        _ => yaml_header(&mut c, &mut text),
    }
    text.push_str(match c.next(3) {
        0 => "Hello world, this is the first post.\n",
        1 => "正文\n",
        _ => "",
    });
    if c.next(2) == 0 {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn yaml_header(c: &mut Choices, out: &mut String) {
    out.push_str("---\n");
    let n = c.next(7) + 1;
    for _ in 0..n {
        if c.done() && !out.ends_with("---\n") {
            break;
        }
        match c.next(10) {
            0 => out.push_str("# 注释\n"),
            1 | 2 => {
                let key = c.pick(KEYS);
                out.push_str(key);
                out.push(':');
                block_list(c, out, 2);
            }
            3 => {
                let key = c.pick(KEYS);
                out.push_str(&format!("{key}: {}", c.pick(PROPERTIES)));
                flow_list(c, out);
                out.push_str(c.pick(COMMENTS));
                out.push('\n');
            }
            4 => {
                out.push_str("params:\n");
                for _ in 0..c.next(3) + 1 {
                    let key = c.pick(KEYS);
                    out.push_str(&format!("  {key}: "));
                    scalar(c, out, 4);
                }
            }
            5 => {
                let key = c.pick(KEYS);
                out.push_str(&format!(
                    "{key}: {{k: {}, l: [{}, {}]}}\n",
                    c.pick(TERMS),
                    c.pick(TERMS),
                    c.pick(TERMS)
                ));
            }
            6 => {
                let key = c.pick(KEYS);
                out.push_str(&format!("{key}: *{}\n", ["a", "b", "c"][c.next(3)]));
            }
            _ => {
                let key = c.pick(KEYS);
                out.push_str(key);
                out.push_str(": ");
                scalar(c, out, 2);
            }
        }
    }
    out.push_str(if c.next(6) == 0 { "...\n" } else { "---\n" });
}

/// A scalar after `key: ` or `- `, with its line break; block content is indented by `indent`
/// (or by the header's indentation indicator).
fn scalar(c: &mut Choices, out: &mut String, indent: usize) {
    let props = c.pick(PROPERTIES);
    let value = c.pick(VALUES);
    let comment = c.pick(COMMENTS);
    out.push_str(props);
    match c.next(6) {
        0 => {
            out.push('\'');
            out.push_str(&value.replace('\'', "''"));
            out.push('\'');
        }
        1 => {
            out.push('"');
            out.push_str(&value.replace('\\', "\\\\").replace('"', "\\\""));
            out.push('"');
        }
        2 | 3 => {
            let header = c.pick(BLOCK_HEADERS);
            let digit = header
                .bytes()
                .find(u8::is_ascii_digit)
                .map(|d| usize::from(d - b'0'));
            // An indentation indicator counts from the parent's indentation.
            let width = digit.map_or(indent, |d| indent - 2 + d);
            out.push_str(header);
            out.push_str(comment);
            out.push('\n');
            if c.next(4) == 0 {
                out.push('\n');
            }
            out.push_str(&" ".repeat(width));
            out.push_str(value);
            out.push('\n');
            if c.next(3) == 0 {
                out.push('\n');
            }
            return;
        }
        _ => out.push_str(value),
    }
    out.push_str(comment);
    out.push('\n');
}

fn block_list(c: &mut Choices, out: &mut String, indent: usize) {
    out.push_str(c.pick(COMMENTS));
    out.push('\n');
    // Indentless lists (`- a` under `tags:`) too.
    let at = if c.next(3) == 0 { 0 } else { indent };
    for _ in 0..c.next(5) + 1 {
        out.push_str(&" ".repeat(at));
        match c.next(5) {
            0 => {
                out.push_str("-\n");
                out.push_str(&" ".repeat(at + 2));
                out.push_str(c.pick(TERMS));
                out.push('\n');
            }
            1 => {
                out.push_str("- ");
                out.push_str(c.pick(PROPERTIES));
                let header = ["|-", ">-", "|", ">+"][c.next(4)];
                out.push_str(header);
                out.push('\n');
                out.push_str(&" ".repeat(at + 2));
                out.push_str(c.pick(TERMS));
                out.push('\n');
            }
            2 => {
                out.push_str("- ");
                out.push_str(c.pick(PROPERTIES));
                out.push('"');
                out.push_str(c.pick(TERMS));
                out.push('"');
                out.push_str(c.pick(COMMENTS));
                out.push('\n');
            }
            _ => {
                out.push_str("- ");
                out.push_str(c.pick(PROPERTIES));
                out.push_str(c.pick(TERMS));
                out.push_str(c.pick(COMMENTS));
                out.push('\n');
            }
        }
    }
}

fn flow_list(c: &mut Choices, out: &mut String) {
    out.push('[');
    let n = c.next(5) + 1;
    for i in 0..n {
        if i > 0 {
            out.push_str(if c.next(4) == 0 { ",\n  " } else { ", " });
        }
        match c.next(4) {
            0 => {
                out.push('\'');
                out.push_str(c.pick(TERMS));
                out.push('\'');
            }
            1 => {
                out.push_str(c.pick(PROPERTIES));
                out.push_str(c.pick(TERMS));
            }
            _ => out.push_str(c.pick(TERMS)),
        }
    }
    out.push(']');
}

fn toml_header(c: &mut Choices, out: &mut String) {
    out.push_str("+++\n");
    for _ in 0..c.next(6) + 1 {
        let key = c.pick(&["date", "lang", "tags", "summary", "title", "keywords"]);
        match c.next(4) {
            0 => {
                let items: Vec<String> = (0..c.next(4) + 1)
                    .map(|_| format!("\"{}\"", c.pick(TERMS)))
                    .collect();
                out.push_str(&format!("{key} = [{}]\n", items.join(", ")));
            }
            1 => out.push_str(&format!("{key} = '{}'\n", c.pick(VALUES).replace('\'', ""))),
            _ => out.push_str(&format!(
                "{key} = \"{}\"\n",
                c.pick(VALUES).replace('"', "\\\"")
            )),
        }
    }
    out.push_str("+++\n");
}

fn json_header(c: &mut Choices, out: &mut String) {
    let mut entries = Vec::new();
    for _ in 0..c.next(5) + 1 {
        let key = c.pick(&["date", "lang", "tags", "summary", "title", "categories"]);
        if c.next(3) == 0 {
            let items: Vec<String> = (0..c.next(4) + 1)
                .map(|_| format!("\"{}\"", c.pick(TERMS)))
                .collect();
            entries.push(format!("  \"{key}\": [{}]", items.join(", ")));
        } else {
            let value = c.pick(VALUES).replace('"', "\\\"");
            entries.push(format!("  \"{key}\": \"{value}\""));
        }
    }
    out.push_str(&format!("{{\n{}\n}}\n", entries.join(",\n")));
}

/// The settings the property is checked under: each YAML reader, the built-in schema (so that
/// `draft: yes` gets the boolean fix), a fixed "now", and a site time zone for one of them.
pub fn settings() -> Vec<Settings> {
    let schema = Arc::new(crate::schema::Schema::builtin());
    let now: jiff::Timestamp = "2026-01-01T00:00:00Z".parse().expect("a valid instant");
    [
        (YamlReader::Unknown, None),
        (YamlReader::Yaml11, None),
        (
            YamlReader::Yaml12,
            jiff::tz::TimeZone::get("Asia/Shanghai").ok(),
        ),
    ]
    .into_iter()
    .map(|(reader, timezone)| Settings {
        rules: Default::default(),
        schema: Some(schema.clone()),
        schema_reserved: &[],
        options: Arc::new(RuleOptions {
            dates: DateOptions {
                now,
                timezone,
                extra_fields: vec!["pub #".into()],
                ..Default::default()
            },
            yaml_reader: reader,
            ..Default::default()
        }),
    })
    .collect()
}

/// The property (see the module documentation); the error says what broke, with the text.
pub fn check(text: &str, settings: &[Settings]) -> Result<(), String> {
    let path = Path::new("fix.md");
    for s in settings {
        let reader = s.options.yaml_reader;
        for d in lint_text(path, text, s) {
            let Some(f) = &d.fix else { continue };
            let (after, _) = fix::apply(text, f.edits.clone());
            if let Err(why) = fix::verify(text, &after, &f.changes) {
                return Err(format!(
                    "{reader:?}: the {} fix at {:?} is not exact: {why}\n--- before\n{text}\n--- after\n{after}",
                    d.rule, d.span
                ));
            }
        }
        let fixed = fix::fix(path, text, s, true);
        if !fixed.not_applied.is_empty() {
            return Err(format!(
                "{reader:?}: fixes not applied: {:?}\n{text}",
                fixed.not_applied
            ));
        }
        if !fixed.changed() {
            continue;
        }
        let (Split::Found(a), Split::Found(b)) = (split(text), split(&fixed.fixed)) else {
            return Err(format!("{reader:?}: the header is gone\n{}", fixed.fixed));
        };
        if text[a.body_start..] != fixed.fixed[b.body_start..] {
            return Err(format!("{reader:?}: the body changed\n{}", fixed.fixed));
        }
        if crate::parse::parse(&fixed.fixed, &b).root.is_none() {
            return Err(format!(
                "{reader:?}: the header no longer parses\n{}",
                fixed.fixed
            ));
        }
        let again = fix::fix(path, &fixed.fixed, s, true);
        if again.changed() || !again.not_applied.is_empty() {
            return Err(format!(
                "{reader:?}: not idempotent\n--- once\n{}\n--- twice\n{}",
                fixed.fixed, again.fixed
            ));
        }
    }
    Ok(())
}
