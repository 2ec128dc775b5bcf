//! Taxonomy and language rules: repeated terms, a taxonomy written as a string, terms outside
//! a configured vocabulary, and `lang`/`language`/`translations` values that are not valid
//! BCP 47 tags (well-formed and registered in the IANA Language Subtag Registry).

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::parse::{Node, Value};

#[cfg(test)]
mod tests {
    #[test]
    fn removal_ranges() {
        let block = "tags:\n  - a\n  - b\n  - a\nx: 1\n";
        let at = block.rfind("a\n").unwrap();
        let r = super::removal(block, at..at + 1);
        assert_eq!(
            format!("{}{}", &block[..r.start], &block[r.end..]),
            "tags:\n  - a\n  - b\nx: 1\n"
        );
        let flow = "tags: [\"a\", \"b\", \"a\"]";
        let at = flow.rfind("\"a\"").unwrap();
        let r = super::removal(flow, at..at + 3);
        assert_eq!(
            format!("{}{}", &flow[..r.start], &flow[r.end..]),
            "tags: [\"a\", \"b\"]"
        );
    }
}

#[derive(Debug, Clone)]
pub struct TaxonomyOptions {
    /// Taxonomy keys (default `tags`, `categories`, `keywords`, plus configured ones), with the
    /// allowed terms when the config restricts them.
    pub taxonomies: BTreeMap<String, Option<Vec<String>>>,
}

impl Default for TaxonomyOptions {
    fn default() -> Self {
        let taxonomies = ["tags", "categories", "keywords"]
            .iter()
            .map(|k| (k.to_string(), None))
            .collect();
        TaxonomyOptions { taxonomies }
    }
}

const LANG_FIELDS: [&str; 3] = ["lang", "language", "translations"];

pub fn check(
    doc: &Document,
    opts: &TaxonomyOptions,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(root) = doc.mapping() else { return };
    for (name, allowed) in &opts.taxonomies {
        let Some(entry) = root.get_entry_ignore_case(name) else {
            continue;
        };
        let node = &entry.value;
        let key = &entry.key;
        let terms: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::String(s) => {
                if on("taxonomy/not-a-list") && !s.trim().is_empty() {
                    out.push(
                        Diagnostic::new("taxonomy/not-a-list", node.span.clone(), format!("`{key}` is a string, not a list"))
                            .help(format!("write a list: `{key}: [{:?}]`; a string becomes one term, or a term with commas in it", s)),
                    );
                }
                vec![node]
            }
            _ => continue,
        };
        if on("taxonomy/duplicate") {
            let mut seen: Vec<(String, &Node)> = Vec::with_capacity(terms.len());
            for t in &terms {
                let Some(text) = term_text(t) else { continue };
                let norm = text.trim().to_lowercase();
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == norm) {
                    out.push(
                        Diagnostic::new("taxonomy/duplicate", t.span.clone(), format!("`{key}` repeats the term `{}`", text.trim()))
                            .label("repeated here")
                            .with_label(first.span.clone(), "first here")
                            .help("remove the repeated term (terms are compared case-insensitively, trimmed)")
                            .fix(Fix {
                                edits: vec![Edit {
                                    range: removal(doc.text, t.span.clone()),
                                    replacement: String::new(),
                                }],
                                safe: true,
                            }),
                    );
                } else {
                    seen.push((norm, t));
                }
            }
        }
        if let (Some(allowed), true) = (allowed, on("taxonomy/unknown-term")) {
            for t in &terms {
                let Some(text) = term_text(t) else { continue };
                let norm = text.trim().to_lowercase();
                if !allowed.iter().any(|a| a.trim().to_lowercase() == norm) {
                    let near = allowed
                        .iter()
                        .map(|a| (crate::config::edit_distance(&a.to_lowercase(), &norm), a))
                        .filter(|(d, _)| *d <= 2)
                        .min();
                    let help = match near {
                        Some((_, a)) => format!("did you mean `{a}`?"),
                        None => format!("use one of: {}", allowed.join(", ")),
                    };
                    out.push(
                        Diagnostic::new(
                            "taxonomy/unknown-term",
                            t.span.clone(),
                            format!("`{}` is not an allowed term of `{key}`", text.trim()),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
    if on("lang/invalid") {
        for field in LANG_FIELDS {
            let Some(entry) = root.get_entry_ignore_case(field) else {
                continue;
            };
            let nodes: Vec<&Node> = match &entry.value.value {
                Value::Seq(items) => items.iter().collect(),
                Value::String(_) => vec![&entry.value],
                _ => continue,
            };
            for n in nodes {
                let Value::String(tag) = &n.value else {
                    continue;
                };
                if let Err(e) = crate::langtag::check(tag) {
                    let mut d = Diagnostic::new(
                        "lang/invalid",
                        n.span.clone(),
                        format!("`{}`: {}", entry.key, e.reason),
                    );
                    if let Some(s) = &e.suggestion {
                        d = d.help(format!("did you mean `{s}`?"));
                        if e.certain {
                            let replacement = super::requote(&doc.text[n.span.clone()], s);
                            d = d.fix(Fix::replace(n.span.clone(), replacement, true));
                        }
                    }
                    out.push(d);
                }
            }
        }
    }
}

/// The bytes to delete to remove a list item: its whole line in a block list (`  - a`), else
/// the item with the comma before it (or after it, for the first item of a flow list).
fn removal(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..span.start].trim() == "-" {
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i + 1);
        return line_start..line_end;
    }
    let before = text[..span.start].trim_end_matches([' ', '\t', '\r', '\n']);
    if before.ends_with(',') {
        return before.len() - 1..span.end;
    }
    let after = &text[span.end..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    if let Some(rest) = trimmed.strip_prefix(',') {
        let skip = after.len() - rest.trim_start_matches([' ', '\t']).len();
        return span.start..span.end + skip;
    }
    span
}

fn term_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
