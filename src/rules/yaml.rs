//! `yaml/ambiguous-scalar`: plain values that YAML 1.2 (Hugo) and YAML 1.1 (Jekyll's Psych,
//! PyYAML) read differently: `yes`/`no`/`on`/`off`/`y`/`n` become booleans in 1.1, `0755`
//! an octal number, `1:20` a base-60 number.

use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::parse::{Node, Value};

pub fn ambiguous_scalars(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root else { return };
    let mut todo: Vec<&Node> = vec![root];
    while let Some(node) = todo.pop() {
        match &node.value {
            Value::Seq(items) => todo.extend(items),
            Value::Map(entries) => todo.extend(entries.iter().map(|e| &e.value)),
            _ if node.plain => {
                let raw = &doc.text[node.span.clone()];
                if let Some(d) = check(raw, node) {
                    out.push(d);
                }
            }
            _ => {}
        }
    }
}

fn check(raw: &str, node: &Node) -> Option<Diagnostic> {
    let lower = raw.to_ascii_lowercase();
    let (meaning, help) = match lower.as_str() {
        "yes" | "y" | "on" => (
            "the boolean true",
            format!("write `true` for a boolean, or quote it (`\"{raw}\"`) for text"),
        ),
        "no" | "n" | "off" => (
            "the boolean false",
            format!("write `false` for a boolean, or quote it (`\"{raw}\"`) for text"),
        ),
        _ if is_octal(raw) => (
            "an octal number",
            format!(
                "quote it (`\"{raw}\"`) for text, or drop the leading zero for a decimal number"
            ),
        ),
        _ if is_sexagesimal(raw) => ("a base-60 number", format!("quote it (`\"{raw}\"`)")),
        _ => return None,
    };
    Some(
        Diagnostic::new(
            "yaml/ambiguous-scalar",
            node.span.clone(),
            format!("`{raw}` is read as {meaning} by YAML 1.1 readers such as Jekyll, but as {} by YAML 1.2 readers such as Hugo", yaml12(&node.value)),
        )
        .help(help)
        // Quoting keeps what Hugo reads today; `lint` turns this into `true`/`false` where the
        // schema says the field is a boolean.
        .fix(Fix::replace(node.span.clone(), format!("\"{raw}\""), true)),
    )
}

/// The fix for an ambiguous scalar in a field the schema types as boolean.
pub fn boolean_fix(raw: &str, span: std::ops::Range<usize>) -> Option<Fix> {
    match raw.to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" => Some(Fix::replace(span, "true", true)),
        "no" | "n" | "off" => Some(Fix::replace(span, "false", true)),
        _ => None,
    }
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
