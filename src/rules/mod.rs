//! The rule registry: one table lists every rule id, its default severity and what it checks.
//!
//! Rule ids are `group/name` and stable. Rule modules create diagnostics with
//! `Diagnostic::new(id, …)`; `lint` then applies the configured severity and drops `off`.

pub mod dates;
pub mod docs;
pub mod edit;
pub mod links;

pub mod summary;
pub mod syntax;
pub mod taxonomy;
pub mod yaml;

// The registry of rule ids lives in `crate::registry`, a module that imports nothing of the
// crate: `diagnostic` needs it too, and would otherwise import `rules`, which imports it.
pub use crate::registry::{
    Fixable, RULES, RuleInfo, default_severity, group, group_on, index, info, is_known_selector,
};

/// `new` written in the quoting style of `old` (the value's source text): `"…"`, `'…'`, or
/// plain when that is safe in YAML and TOML-free contexts; fixes keep the author's style.
pub fn requote(old: &str, new: &str) -> String {
    let has_control = new.chars().any(edit::needs_escape);
    if old.starts_with('\'') && !has_control {
        return format!("'{}'", new.replace('\'', "''"));
    }
    let plain_ok = !old.starts_with(['"', '\''])
        && !has_control
        && !new.is_empty()
        && !new.contains(": ")
        && !new.contains(":\t")
        && !new.ends_with(':')
        && !new.contains(" #")
        && !new.contains("\t#")
        && !new.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !new.ends_with(char::is_whitespace)
        && !reads_as_non_string(new);
    if plain_ok {
        return new.to_string();
    }
    double_quoted(new)
}

/// A YAML (and TOML, and JSON) double-quoted string: `\`, `"` and the characters a YAML
/// reader would not take as they are (controls, line and paragraph separators, BOM,
/// non-characters) escaped.
pub fn double_quoted(new: &str) -> String {
    let mut out = String::with_capacity(new.len() + 2);
    out.push('"');
    for c in new.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if edit::needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a plain scalar would be read as something other than this string: a number,
/// boolean or null (YAML 1.2), or a boolean or number to YAML 1.1 readers (`yes`, `0755`).
fn reads_as_non_string(s: &str) -> bool {
    matches!(
        s,
        "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) || s.parse::<f64>().is_ok()
        || s.starts_with("0x")
        || s.starts_with("0o")
        || s.starts_with("0b")
        || s.starts_with('.')
        || yaml::is_ambiguous(s)
        || {
            // `1_000`: a number to YAML 1.1 readers and to Hugo.
            let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
            digits.starts_with(|c: char| c.is_ascii_digit())
                && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        }
}

/// `date/future` → `DateFuture`, for SARIF's `name`.
pub fn pascal_name(id: &str) -> String {
    id.split(['/', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

/// The schema rule id of a JSON Schema keyword.
pub fn schema_rule(keyword: &str) -> &'static str {
    let id = format!("schema/{keyword}");
    info(&id).map_or("schema/other", |r| r.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Severity::Warning;

    #[test]
    fn registry_is_sorted_unique_and_well_formed() {
        for pair in RULES.windows(2) {
            assert!(
                pair[0].id < pair[1].id,
                "{} must sort before {}",
                pair[0].id,
                pair[1].id
            );
        }
        for r in RULES {
            let (g, name) = r.id.split_once('/').expect("group/name");
            assert!(!g.is_empty() && !name.is_empty(), "{}", r.id);
            assert!(
                r.summary.ends_with('.'),
                "{} summary must be a sentence",
                r.id
            );
        }
    }

    #[test]
    fn requoting_keeps_the_style() {
        assert_eq!(
            requote("\"x\"", "2025-01-01T04:00:00Z"),
            "\"2025-01-01T04:00:00Z\""
        );
        assert_eq!(requote("'x'", "it's"), "'it''s'");
        assert_eq!(requote("x", "zh-CN"), "zh-CN");
        assert_eq!(requote("x", "a: b"), "\"a: b\"");
        assert_eq!(requote("\"x\"", "say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(requote("'x'", "a\u{b}b\tc"), "\"a\\u000Bb\\tc\"");
        assert_eq!(requote("x", "a\u{1}"), "\"a\\u0001\"");
        assert_eq!(requote("x", "YAML 1.1 re:"), "\"YAML 1.1 re:\"");
        assert_eq!(requote("x", "123"), "\"123\"");
        assert_eq!(
            requote("x", "2019-05-27T04:55:44+08:00"),
            "2019-05-27T04:55:44+08:00"
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(default_severity("syntax/missing"), Warning);
        assert!(is_known_selector("schema"));
        assert!(is_known_selector("schema/type"));
        assert!(!is_known_selector("schema/typo"));
        assert_eq!(
            schema_rule("additionalProperties"),
            "schema/additionalProperties"
        );
        assert_eq!(schema_rule("contentEncoding"), "schema/other");
        assert_eq!(group("date/future"), "date");
    }
}
