//! Taxonomy and language rules: repeated terms, a taxonomy written as a string, terms outside
//! a configured vocabulary, and `lang`/`language`/`translations` values that are not valid
//! BCP 47 tags (well-formed and registered in the IANA Language Subtag Registry).

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Diagnostic, Fix, Target};
use crate::document::Document;
use crate::parse::{Node, Value};

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
    site: &crate::site::Site,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    use crate::site::{Kind, TaxonomyString};
    let Some(root) = doc.mapping() else { return };
    // Zola keeps a page's terms in a `[taxonomies]` table; the others at the top level. `prefix`
    // is the container's path in the tree.
    let (container, prefix): (&Node, Vec<usize>) = match root.entry_index_ignore_case("taxonomies")
    {
        Some(i)
            if site.kind == Kind::Zola
                && matches!(root.entries()[i].value.value, Value::Map(_)) =>
        {
            (&root.entries()[i].value, vec![i])
        }
        _ => (root, Vec::new()),
    };
    if site.kind == Kind::Zola && on("taxonomy/undefined") && !prefix.is_empty() {
        if let Some(defined) = &site.taxonomies {
            for e in container.entries() {
                if !defined.iter().any(|t| t.key == e.key) {
                    let names: Vec<&str> = defined.iter().map(|t| t.key.as_str()).collect();
                    out.push(
                        Diagnostic::new(
                            "taxonomy/undefined",
                            e.key_span.clone(),
                            format!(
                                "the site defines no taxonomy `{}`: Zola fails the build",
                                e.key
                            ),
                        )
                        .help(if names.is_empty() {
                            "define it under `taxonomies` in config.toml, or remove it".to_string()
                        } else {
                            format!(
                                "use one of {}, or define it in config.toml",
                                names.join(", ")
                            )
                        }),
                    );
                }
            }
        }
    }
    // The site's own taxonomies when its generator's config says, plus configured ones.
    let site_taxonomies: BTreeMap<String, Option<Vec<String>>>;
    let taxonomies = match &site.taxonomies {
        Some(list) => {
            let mut all: BTreeMap<String, Option<Vec<String>>> =
                list.iter().map(|t| (t.key.clone(), None)).collect();
            for (k, v) in &opts.taxonomies {
                if v.is_some() || !["tags", "categories", "keywords"].contains(&k.as_str()) {
                    all.insert(k.clone(), v.clone());
                }
            }
            site_taxonomies = all;
            &site_taxonomies
        }
        None => &opts.taxonomies,
    };
    let path_of = |tail: &[usize]| {
        let mut p = prefix.clone();
        p.extend_from_slice(tail);
        p
    };
    for (name, allowed) in taxonomies {
        let Some(index) = container.entry_index_ignore_case(name) else {
            continue;
        };
        let entry = &container.entries()[index];
        let node = &entry.value;
        let key = &entry.key;
        // Each term with its index, when it is a list item.
        let terms: Vec<(&Node, Option<usize>)> = match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| (n, Some(i)))
                .collect(),
            Value::String(s) => {
                // A generator that reads a string as one term, or as words, accepts it.
                let accepted = site.taxonomy_string != TaxonomyString::Unknown;
                if on("taxonomy/not-a-list") && !s.trim().is_empty() && !accepted {
                    out.push(
                        Diagnostic::new("taxonomy/not-a-list", node.span.clone(), format!("`{key}` is a string, not a list"))
                            .help(format!("write a list: `{key}: [{:?}]`; a string becomes one term, or a term with commas in it", s)),
                    );
                }
                vec![(node, None)]
            }
            _ => continue,
        };
        if on("taxonomy/duplicate") {
            // Hashed: 200,000 repeated terms are linear, not quadratic.
            let mut seen: HashMap<String, &Node, crate::fasthash::FastBuild> =
                HashMap::with_capacity_and_hasher(terms.len(), Default::default());
            for (t, path) in &terms {
                let Some(text) = term_text(t) else { continue };
                let norm = text.trim().to_lowercase();
                if let Some(first) = seen.get(&norm) {
                    let mut d = Diagnostic::new(
                        "taxonomy/duplicate",
                        t.span.clone(),
                        format!("`{key}` repeats the term `{}`", text.trim()),
                    )
                    .label("repeated here")
                    .with_label(first.span.clone(), "first here")
                    .help(
                        "remove the repeated term (terms are compared case-insensitively, trimmed)",
                    );
                    d.fix = path.and_then(|i| {
                        let p = path_of(&[index, i]);
                        let edit = super::edit::remove_item(doc, &p)?;
                        Some(Fix::remove(edit, p, true))
                    });
                    out.push(d);
                } else {
                    seen.insert(norm, t);
                }
            }
        }
        if let (Some(allowed), true) = (allowed, on("taxonomy/unknown-term")) {
            for (t, _) in &terms {
                let Some(text) = term_text(t) else { continue };
                let norm = text.trim().to_lowercase();
                if !allowed.iter().any(|a| a.trim().to_lowercase() == norm) {
                    let near = allowed
                        .iter()
                        .map(|a| (crate::util::edit_distance(&a.to_lowercase(), &norm), a))
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
            let Some(index) = root.entry_index_ignore_case(field) else {
                continue;
            };
            let entry = &root.entries()[index];
            let nodes: Vec<(&Node, Vec<usize>)> = match &entry.value.value {
                Value::Seq(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n, vec![index, i]))
                    .collect(),
                Value::String(_) => vec![(&entry.value, vec![index])],
                _ => continue,
            };
            for (n, path) in nodes {
                let Value::String(tag) = &n.value else {
                    continue;
                };
                // The site's own language keys (`zh_cn` where the site configures `zh_cn`).
                // As written: `zh_CN` on a site keyed `zh-cn` is still not a BCP 47 tag.
                if site
                    .languages
                    .iter()
                    .any(|l| l.key.eq_ignore_ascii_case(tag))
                {
                    continue;
                }
                if let Err(e) = crate::langtag::check(tag) {
                    let mut d = Diagnostic::new(
                        "lang/invalid",
                        n.span.clone(),
                        format!("`{}`: {}", entry.key, e.reason),
                    );
                    if let Some(s) = &e.suggestion {
                        d = d.help(format!("did you mean `{s}`?"));
                        // Never "correct" to a language the site does not configure.
                        let known = site.languages.is_empty() || site.language(s).is_some();
                        if e.certain && known {
                            d.fix = super::edit::replace_str(doc, &path, s).map(|edit| {
                                Fix::set(edit, path.clone(), Target::Str(s.clone()), true)
                            });
                        }
                    }
                    out.push(d);
                }
            }
        }
    }
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
