//! `mkdocs.yml` read the way MkDocs reads it: PyYAML's YAML 1.1 scalars (`yes`/`no`/`on`/`off`
//! are booleans) and, unlike frontlint's header parser (which drops tags, so that
//! `slugify: !!python/name:pymdownx.slugs.uslugify` reads as null), **tags kept**: a node with a
//! tag other than YAML's own (`!!str`, `!!int`, …) becomes `{"$tag": "!!python/name:…",
//! "$value": …}`, so the config reader sees which slug function, which `!ENV` variable, which
//! `!relative` path the site names (mkdocs/config/base.py `_open_config_file` uses
//! `mkdocs.utils.yaml.get_yaml_loader`: a `SafeLoader` with `!ENV` and `!relative`, and PyYAML's
//! full loader tags such as `!!python/name:` for extension options).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Value};

/// Most nodes built (aliases counted at their expanded size): a bound against alias bombs.
const MAX_NODES: usize = 1_000_000;

/// The key of a tagged node's tag, and of its value.
pub const TAG: &str = "$tag";
pub const VALUE: &str = "$value";

enum Frame {
    Seq(Vec<Value>, usize, Option<String>),
    Map(Map<String, Value>, Option<String>, usize, Option<String>),
}

/// Parse `text` (one YAML document) into JSON values, keeping tags.
pub fn parse(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Value> = HashMap::new();
    let mut root: Option<Value> = None;
    let mut nodes = 0usize;
    for ev in Parser::new_from_str(text) {
        let (ev, span) = ev.map_err(|e| format!("not valid YAML: {e}"))?;
        let (value, anchor) = match ev {
            Event::DocumentStart(_) if root.is_some() => break,
            Event::Scalar(v, style, anchor, tag) => {
                nodes += 1;
                (scalar(&v, style, tag.as_deref()), anchor)
            }
            Event::Alias(id) => {
                let v = anchors.get(&id).cloned().ok_or_else(|| {
                    format!(
                        "not valid YAML: unknown alias at line {}",
                        span.start.line()
                    )
                })?;
                nodes += count(&v);
                (v, 0)
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(Frame::Seq(Vec::new(), anchor, custom_tag(tag.as_deref())));
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(Frame::Map(
                    Map::new(),
                    None,
                    anchor,
                    custom_tag(tag.as_deref()),
                ));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, anchor, tag)) => {
                    nodes += 1;
                    (wrap(Value::Array(items), tag), anchor)
                }
                _ => return Err("not valid YAML".into()),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(map, _, anchor, tag)) => {
                    nodes += 1;
                    (wrap(Value::Object(map), tag), anchor)
                }
                _ => return Err("not valid YAML".into()),
            },
            _ => continue,
        };
        if nodes > MAX_NODES {
            return Err(format!(
                "it expands to more than {MAX_NODES} YAML nodes (aliases repeated)"
            ));
        }
        if anchor != 0 {
            anchors.insert(anchor, value.clone());
        }
        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::Seq(items, ..)) => items.push(value),
            Some(Frame::Map(map, key, ..)) => match key.take() {
                None => {
                    let k = match value {
                        Value::String(s) => s,
                        Value::Null => "null".into(),
                        other => other.to_string(),
                    };
                    *key = Some(k);
                }
                Some(k) => {
                    // PyYAML keeps the last of repeated keys; `<<` merge keys are rare in
                    // mkdocs.yml and read as an ordinary key.
                    map.insert(k, value);
                }
            },
        }
    }
    Ok(root.unwrap_or(Value::Object(Map::new())))
}

fn count(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(count).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

/// A tag that is not one of YAML's own types, as written (`!!python/name:x.y`, `!ENV`).
fn custom_tag(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    // saphyr resolves `!!` to YAML's prefix `tag:yaml.org,2002:`.
    let secondary = tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:";
    let core = secondary
        && matches!(
            tag.suffix.as_str(),
            "str" | "int" | "float" | "bool" | "null" | "map" | "seq" | "binary" | "timestamp"
        );
    if core {
        None
    } else if secondary {
        Some(format!("!!{}", tag.suffix))
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

fn wrap(value: Value, tag: Option<String>) -> Value {
    match tag {
        None => value,
        Some(t) => {
            let mut m = Map::new();
            m.insert(TAG.into(), Value::String(t));
            m.insert(VALUE.into(), value);
            Value::Object(m)
        }
    }
}

fn scalar(v: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(t) = custom_tag(tag) {
        return wrap(Value::String(v.to_string()), Some(t));
    }
    let forced_str = tag.is_some_and(|t| t.suffix == "str");
    if style != ScalarStyle::Plain || forced_str {
        return Value::String(v.to_string());
    }
    // PyYAML's YAML 1.1 resolvers (yaml/resolver.py).
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        _ => {}
    }
    let digits = v.replace('_', "");
    if let Ok(i) = digits.parse::<i64>() {
        if !digits.starts_with('0') || digits == "0" {
            return Value::from(i);
        }
    }
    if v.contains('.') {
        if let Ok(f) = digits.parse::<f64>() {
            if f.is_finite()
                && v.bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.')
            {
                return serde_json::Number::from_f64(f)
                    .map_or(Value::String(v.into()), Value::Number);
            }
        }
    }
    Value::String(v.to_string())
}

/// The tag of a tagged node and its value.
pub fn tagged(v: &Value) -> Option<(&str, &Value)> {
    let m = v.as_object()?;
    Some((m.get(TAG)?.as_str()?, m.get(VALUE)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_kept_and_yaml_11_booleans_read() {
        let v = parse(
            "markdown_extensions:\n  - toc:\n      permalink: \n      slugify: !!python/name:pymdownx.slugs.uslugify\n  - pymdownx.x:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\nsite_url: !ENV [SITE_URL, 'https://example.org/文档/']\nuse_directory_urls: no\nn: 012\nf: 1.5\ns: !!str yes\n",
        )
        .unwrap();
        let ext = v["markdown_extensions"].as_array().unwrap();
        assert_eq!(
            tagged(&ext[0]["toc"]["slugify"]),
            Some((
                "!!python/name:pymdownx.slugs.uslugify",
                &Value::String(String::new())
            ))
        );
        assert_eq!(ext[0]["toc"]["permalink"], Value::Null);
        let (tag, val) = tagged(&ext[1]["pymdownx.x"]["slugify"]).unwrap();
        assert_eq!(tag, "!!python/object/apply:pymdownx.slugs.slugify");
        assert_eq!(val["kwds"]["case"], "lower");
        let (tag, val) = tagged(&v["site_url"]).unwrap();
        assert_eq!(tag, "!ENV");
        assert_eq!(val[1], "https://example.org/文档/");
        assert_eq!(v["use_directory_urls"], Value::Bool(false));
        assert_eq!(v["n"], "012");
        assert_eq!(v["f"], 1.5);
        assert_eq!(v["s"], "yes");
    }

    #[test]
    fn bad_yaml_and_alias_bombs_are_errors_not_panics() {
        assert!(parse("a: [1, 2\n").is_err());
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&bomb).unwrap_err().contains("nodes"));
        assert_eq!(parse("").unwrap(), Value::Object(Map::new()));
    }
}
