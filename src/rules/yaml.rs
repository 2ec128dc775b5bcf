//! `yaml/ambiguous-scalar`: plain values that YAML 1.2 (Hugo) and YAML 1.1 (Jekyll's Psych,
//! PyYAML) read differently: `yes`/`no`/`on`/`off`/`y`/`n` become booleans in 1.1, `0755`
//! an octal number, `1:20` a base-60 number.

use crate::diagnostic::{Diagnostic, Fix, Target};
use crate::document::Document;
use crate::parse::{Node, Value};

pub use crate::site::YamlReader;

pub fn ambiguous_scalars(doc: &Document, reader: YamlReader, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root else { return };
    // Depth-first with one shared path: a node at depth `d` (the `i`th child of its parent)
    // has the path of the last node popped at depth `d - 1`, plus `i`. No path is cloned
    // unless a scalar is reported.
    let mut todo: Vec<(&Node, usize, usize)> = vec![(root, 0, 0)];
    let mut path: Vec<usize> = Vec::new();
    while let Some((node, depth, index)) = todo.pop() {
        if depth > 0 {
            path.truncate(depth - 1);
            path.push(index);
        }
        // An alias repeats its anchored node, which is checked (and fixed) where it is written.
        if doc.text.as_bytes().get(node.span.start) == Some(&b'*') {
            continue;
        }
        match &node.value {
            Value::Seq(items) => {
                todo.extend(items.iter().enumerate().map(|(i, n)| (n, depth + 1, i)))
            }
            Value::Map(entries) => todo.extend(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (&e.value, depth + 1, i)),
            ),
            _ if node.plain => {
                let raw = &doc.text[node.span.clone()];
                if let Some(d) = check(doc, raw, node, &path, reader) {
                    out.push(d);
                }
            }
            _ => {}
        }
    }
}

/// What kind of ambiguous scalar a plain value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// `yes`, `on` (`true`), `no`, `off` (`false`), in one of the three spellings every YAML
    /// 1.1 reader knows (`yes`, `Yes`, `YES`).
    Bool(bool),
    /// `y`, `n`, or another spelling (`yEs`): YAML 1.1 readers disagree.
    OddBool(bool),
    /// `0755`: the number it is in octal, when it fits.
    Octal(Option<i64>),
    Sexagesimal,
}

fn classify(raw: &str) -> Option<Class> {
    // Every ambiguous scalar starts with one of these (`yes`, `no`, `on`, `off`, `y`, `n`,
    // `0755`, `1:20`, `-017`): most values are rejected on their first byte.
    if !matches!(
        raw.as_bytes().first(),
        Some(b'y' | b'Y' | b'n' | b'N' | b'o' | b'O' | b'0'..=b'9' | b'+' | b'-')
    ) {
        return None;
    }
    const TRUE: [&str; 6] = ["yes", "Yes", "YES", "on", "On", "ON"];
    const FALSE: [&str; 6] = ["no", "No", "NO", "off", "Off", "OFF"];
    if TRUE.contains(&raw) {
        return Some(Class::Bool(true));
    }
    if FALSE.contains(&raw) {
        return Some(Class::Bool(false));
    }
    match raw.to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" => return Some(Class::OddBool(true)),
        "no" | "n" | "off" => return Some(Class::OddBool(false)),
        _ => {}
    }
    if is_octal(raw) {
        let (sign, digits) = match raw.strip_prefix('-') {
            Some(d) => (-1, d),
            None => (1, raw.strip_prefix('+').unwrap_or(raw)),
        };
        let digits: String = digits.chars().filter(|&c| c != '_').collect();
        let value = i64::from_str_radix(&digits, 8).ok().map(|v| sign * v);
        return Some(Class::Octal(value));
    }
    is_sexagesimal(raw).then_some(Class::Sexagesimal)
}

/// Whether a plain scalar is one that YAML 1.1 and 1.2 readers read differently.
pub fn is_ambiguous(raw: &str) -> bool {
    classify(raw).is_some()
}

fn check(
    doc: &Document,
    raw: &str,
    node: &Node,
    path: &[usize],
    reader: YamlReader,
) -> Option<Diagnostic> {
    let class = classify(raw)?;
    // A site whose generator reads YAML 1.2 reads `yes`/`no`/`on`/`off`/`y`/`n` as the text
    // they are: nothing is ambiguous for it. Numbers stay reported: Hugo reads `0755` as octal.
    if reader == YamlReader::Yaml12 && matches!(class, Class::Bool(_) | Class::OddBool(_)) {
        return None;
    }
    let (meaning, help) = match class {
        Class::Bool(true) | Class::OddBool(true) => (
            "the boolean true",
            format!("write `true` for a boolean, or quote it (`\"{raw}\"`) for text"),
        ),
        Class::Bool(false) | Class::OddBool(false) => (
            "the boolean false",
            format!("write `false` for a boolean, or quote it (`\"{raw}\"`) for text"),
        ),
        Class::Octal(_) => (
            "an octal number",
            format!(
                "quote it (`\"{raw}\"`) for text, or drop the leading zero for a decimal number"
            ),
        ),
        Class::Sexagesimal => ("a base-60 number", format!("quote it (`\"{raw}\"`)")),
    };
    let mut d = Diagnostic::new(
        "yaml/ambiguous-scalar",
        node.span.clone(),
        format!("`{raw}` is read as {meaning} by YAML 1.1 readers such as Jekyll, but as {} by YAML 1.2 readers such as Hugo", yaml12(&node.value)),
    )
    .help(help);
    // `lint` replaces this fix where the schema says the field is a boolean.
    d.fix = fix_for(doc, raw, path.to_vec(), reader, false);
    Some(d)
}

/// The fix of an ambiguous scalar. It is safe only when it keeps what the site's reader reads
/// today (the table on `YamlReader`); otherwise it is what the author most likely meant, as an
/// unsafe fix: `true`/`false` where the schema says boolean, else the text quoted.
pub fn fix_for(
    doc: &Document,
    raw: &str,
    path: Vec<usize>,
    reader: YamlReader,
    schema_bool: bool,
) -> Option<Fix> {
    use YamlReader::{Yaml11, Yaml12};
    let class = classify(raw)?;
    let boolean = match class {
        Class::Bool(b) | Class::OddBool(b) => Some(b),
        _ => None,
    };
    // (the value written, whether it keeps what the reader reads)
    let (to, safe) = match (class, reader) {
        (Class::Bool(b), Yaml11) => (Target::Bool(b), true),
        (Class::Bool(_) | Class::OddBool(_), Yaml12) if !schema_bool => {
            (Target::Str(raw.into()), true)
        }
        (Class::Octal(Some(n)), Yaml11 | Yaml12) => (Target::Int(n), true),
        (Class::Sexagesimal, Yaml12) => (Target::Str(raw.into()), true),
        _ => match boolean {
            Some(b) if schema_bool => (Target::Bool(b), false),
            _ => (Target::Str(raw.into()), false),
        },
    };
    let edit = match &to {
        Target::Str(s) => super::edit::replace_str(doc, &path, s)?,
        Target::Bool(b) => {
            super::edit::replace_plain(doc, &path, if *b { "true" } else { "false" })?
        }
        Target::Int(n) => super::edit::replace_plain(doc, &path, &n.to_string())?,
        Target::Remove => return None,
    };
    Some(Fix::set(edit, path, to, safe))
}

fn yaml12(v: &Value) -> &'static str {
    match v {
        Value::Int(_) => "a decimal number",
        Value::Float(_) => "a number",
        _ => "a string",
    }
}

/// YAML 1.1 octal: `0` followed by octal digits.
fn is_octal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s.bytes().all(|b| (b'0'..=b'7').contains(&b) || b == b'_')
}

/// YAML 1.1 base 60: `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?`.
fn is_sexagesimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (s, _frac) = match s.split_once('.') {
        Some((int, frac)) if frac.bytes().all(|b| b.is_ascii_digit() || b == b'_') => {
            (int, Some(frac))
        }
        Some(_) => return false,
        None => (s, None),
    };
    let mut parts = s.split(':');
    let head = parts.next().unwrap_or("");
    let head_ok = !head.is_empty()
        && head.as_bytes()[0].is_ascii_digit()
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let mut tail_count = 0;
    for p in parts {
        tail_count += 1;
        let ok = (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n < 60);
        if !ok {
            return false;
        }
    }
    head_ok && tail_count > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifications() {
        for s in ["0755", "-017", "00"] {
            assert!(is_octal(s), "{s}");
        }
        for s in ["0", "755", "0x1F", "08", "0.5"] {
            assert!(!is_octal(s), "{s}");
        }
        for s in ["1:20", "12:30:45", "-1:05", "190:20:30.15"] {
            assert!(is_sexagesimal(s), "{s}");
        }
        for s in [
            "1:2:",
            "1:60",
            "a:10",
            ":10",
            "10",
            "2025-02-10 07:55:15",
            "1:20 pm",
        ] {
            assert!(!is_sexagesimal(s), "{s}");
        }
    }
}
