//! TOML headers through the `toml` crate's spanned document parser.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Entry, Node, Parsed, Value, duplicate_keys, limits};
use crate::diagnostic::Diagnostic;

pub fn parse(text: &str, content: Range<usize>) -> Parsed {
    let header = &text[content.clone()];
    let base = content.start;
    let mut parsed = Parsed::default();
    if let Some(at) = too_deep(header) {
        parsed.diagnostics.push(
            Diagnostic::new(
                "syntax/limit",
                base + at..base + at + 1,
                format!(
                    "the front matter nests arrays and tables more than {} levels deep",
                    limits::MAX_DEPTH
                ),
            )
            .help("flatten the structure; no site generator needs this depth"),
        );
        return parsed;
    }
    let (table, errors) = DeTable::parse_recoverable(header);
    if let Some(e) = errors.first() {
        let span = e.span().unwrap_or(0..0);
        let start = base + span.start.min(header.len());
        let end = (base + span.end.min(header.len())).max(start);
        let message = e.message().trim().to_string();
        let rule = if message.contains("duplicate key") {
            "syntax/duplicate-key"
        } else {
            "syntax/parse-error"
        };
        parsed.diagnostics.push(
            Diagnostic::new(rule, start..end, format!("invalid TOML: {message}"))
                .help("check the TOML syntax near this position: `key = value`, strings in quotes"),
        );
        return parsed;
    }
    if count_values(table.get_ref()) > limits::MAX_NODES {
        parsed.diagnostics.push(
            Diagnostic::new(
                "syntax/limit",
                base..base,
                format!(
                    "the front matter has more than {} values (keys and values)",
                    limits::MAX_NODES
                ),
            )
            .help("move large data out of the front matter"),
        );
        return parsed;
    }
    let span = table.span();
    let root = convert_table(
        table.get_ref(),
        base + span.start..base + span.end,
        base,
        &mut parsed.diagnostics,
    );
    parsed.root = Some(root);
    parsed
}

fn convert_table(
    table: &DeTable<'_>,
    span: Range<usize>,
    base: usize,
    out: &mut Vec<Diagnostic>,
) -> Node {
    let entries: Vec<Entry> = table
        .iter()
        .map(|(k, v)| {
            let ks = k.span();
            Entry {
                key: k.get_ref().to_string(),
                key_span: base + ks.start..base + ks.end,
                value: convert(v, base, out),
            }
        })
        .collect();
    duplicate_keys(&entries, out);
    Node::new(span, Value::Map(entries))
}

fn convert(v: &Spanned<DeValue<'_>>, base: usize, out: &mut Vec<Diagnostic>) -> Node {
    let s = v.span();
    let span = base + s.start..base + s.end;
    let value = match v.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::String(i.as_str().to_string()),
        },
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            match text.as_str() {
                "inf" | "+inf" => Value::Float(f64::INFINITY),
                "-inf" => Value::Float(f64::NEG_INFINITY),
                "nan" | "+nan" | "-nan" => Value::Float(f64::NAN),
                t => t.parse().map_or(Value::String(t.into()), Value::Float),
            }
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::DateTime(d.to_string()),
        DeValue::Array(items) => Value::Seq(items.iter().map(|i| convert(i, base, out)).collect()),
        DeValue::Table(t) => return convert_table(t, span, base, out),
    };
    Node::new(span, value)
}

/// Keys and values of a table, counted as the YAML parser counts them (nesting is bounded by
/// `too_deep`, so the recursion is too).
fn count_values(table: &DeTable<'_>) -> usize {
    fn value(v: &DeValue<'_>) -> usize {
        1 + match v {
            DeValue::Array(items) => items.iter().map(|i| value(i.get_ref())).sum(),
            DeValue::Table(t) => count_values(t),
            _ => 0,
        }
    }
    table
        .iter()
        .map(|(_, v)| 1 + value(v.get_ref()))
        .fold(0, usize::saturating_add)
}

/// The offset of the first bracket nested deeper than the limit (strings skipped), if any.
fn too_deep(header: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for (i, b) in header.bytes().enumerate() {
        if let Some(q) = quote {
            match b {
                _ if escaped => escaped = false,
                b'\\' if q == b'"' => escaped = true,
                _ if b == q => quote = None,
                b'\n' => quote = None,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'[' | b'{' => {
                depth += 1;
                if depth > limits::MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth == 0 => {}
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_native_dates() {
        let text = "+++\r\ntitle = \"标题\"\r\ndate = 2025-02-10T07:55:15+08:00\r\n[params]\r\nx = [1, 2]\r\n+++\r\n";
        let content = 5..text.len() - 5;
        let p = parse(text, content);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let root = p.root.unwrap();
        let title = root.get_entry_ignore_case("TITLE").unwrap();
        assert_eq!(&text[title.key_span.clone()], "title");
        assert_eq!(&text[title.value.span.clone()], "\"标题\"");
        let date = root.get("date").unwrap();
        assert_eq!(
            date.value,
            Value::DateTime("2025-02-10T07:55:15+08:00".into())
        );
        assert_eq!(&text[date.span.clone()], "2025-02-10T07:55:15+08:00");
        assert!(root.pointer("/params/x/1").is_some());
    }

    #[test]
    fn errors_and_duplicates() {
        let text = "title = \"a\"\ntitle = \"b\"\n";
        let p = parse(text, 0..text.len());
        assert_eq!(p.diagnostics[0].rule, "syntax/duplicate-key");
        let text = "title = \n";
        let p = parse(text, 0..text.len());
        assert_eq!(p.diagnostics[0].rule, "syntax/parse-error");
        let deep = format!("a = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let p = parse(&deep, 0..deep.len());
        assert_eq!(p.diagnostics[0].rule, "syntax/limit");
    }
}
