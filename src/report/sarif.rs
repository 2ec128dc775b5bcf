//! `--format sarif`: SARIF 2.1.0, one run. `tool.driver.rules` lists every rule; results carry
//! physical locations with `uriBaseId` `%SRCROOT%` (the current folder) and relative URIs.
//!
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), like every other
//! format. `charOffset` and `charLength` are counted in the same unit (code points from the
//! start of the file), not in bytes.

use std::io::Write;

use serde_json::{Value, json};

use super::FileReport;
use crate::diagnostic::Severity;
use crate::rules::{self, RULES};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

pub fn write(
    out: &mut dyn Write,
    files: &[FileReport],
    cwd: &std::path::Path,
) -> std::io::Result<()> {
    let driver_rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": rules::pascal_name(r.id),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": rules::docs::full_description(r.id) },
                "helpUri": rules::docs::url(r.id),
                "defaultConfiguration": { "level": level(r.default) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        let chars = char_offsets(f);
        for (l, &(char_offset, char_length)) in f.diagnostics.iter().zip(&chars) {
            let d = &l.diagnostic;
            let rule_index = RULES.iter().position(|r| r.id == d.rule).unwrap_or(0);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            results.push(json!({
                "ruleId": d.rule,
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": artifact_uri(&f.path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": l.start.line,
                            "startColumn": l.start.column,
                            "endLine": l.end.line,
                            "endColumn": l.end.column,
                            "charOffset": char_offset,
                            "charLength": char_length,
                        }
                    }
                }],
            }));
        }
    }
    let mut root = cwd.to_string_lossy().replace('\\', "/");
    if !root.ends_with('/') {
        root.push('/');
    }
    let root_uri = if root.starts_with('/') {
        format!("file://{}", crate::util::percent_encode_path(&root))
    } else {
        format!("file:///{}", crate::util::percent_encode_path(&root))
    };
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "frontlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": rules::docs::HOME,
                "rules": driver_rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let text = serde_json::to_string_pretty(&log)?;
    writeln!(out, "{}", crate::escape::json(text))
}

/// A path as a relative URI reference: percent-encoded, and a `:` in its first segment encoded
/// too (`https:evil.example.md` would otherwise be an absolute URI with the scheme `https`,
/// RFC 3986 section 4.2). A path starting with `//` keeps one slash (`//host/x` would name a
/// host).
pub fn artifact_uri(path: &str) -> String {
    let encoded = crate::util::percent_encode_path(path);
    let trimmed = if encoded.starts_with("//") {
        &encoded[encoded.len() - encoded.trim_start_matches('/').len() - 1..]
    } else {
        &encoded
    };
    let first = trimmed.find('/').unwrap_or(trimmed.len());
    format!(
        "{}{}",
        trimmed[..first].replace(':', "%3A"),
        &trimmed[first..]
    )
}

/// Code points before each diagnostic's span, and in it, in one pass over the file.
fn char_offsets(f: &FileReport) -> Vec<(usize, usize)> {
    let spans: Vec<usize> = f
        .diagnostics
        .iter()
        .flat_map(|l| {
            let start = crate::source::floor_char_boundary(&f.text, l.diagnostic.span.start);
            let end = crate::source::floor_char_boundary(&f.text, l.diagnostic.span.end);
            [start, end.max(start)]
        })
        .collect();
    crate::source::char_offsets(&f.text, &spans)
        .chunks_exact(2)
        .map(|c| (c[0], c[1] - c[0]))
        .collect()
}

/// Code points before the span, and in it.
#[cfg(test)]
fn char_range(text: &str, span: std::ops::Range<usize>) -> (usize, usize) {
    let start = crate::source::floor_char_boundary(text, span.start);
    let end = crate::source::floor_char_boundary(text, span.end).max(start);
    (
        text[..start].chars().count(),
        text[start..end].chars().count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_char_ranges() {
        assert_eq!(
            crate::util::percent_encode_path("content/新 闻.md"),
            "content/%E6%96%B0%20%E9%97%BB.md"
        );
        assert_eq!(char_range("标题: x", 8..9), (4, 1));
        assert_eq!(
            artifact_uri("https:evil.example.md"),
            "https%3Aevil.example.md"
        );
        assert_eq!(artifact_uri("a:b/c:d.md"), "a%3Ab/c:d.md");
        assert_eq!(artifact_uri("//host/x.md"), "/host/x.md");
        assert_eq!(artifact_uri("/tmp/a.md"), "/tmp/a.md");
        for p in [
            "https:evil.example.md",
            "a:b/c.md",
            "//host/x.md",
            "mailto:x",
            "C:/x.md",
        ] {
            let uri = artifact_uri(p);
            // A relative reference: no scheme before the first `/`, `?` or `#`, no authority.
            let head = uri.split(['/', '?', '#']).next().unwrap();
            assert!(
                !head.contains(':') && !uri.starts_with("//"),
                "{p} -> {uri}"
            );
        }
    }
}
