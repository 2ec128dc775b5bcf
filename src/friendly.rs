//! Messages in frontlint's words: "did you mean" suggestions, and the errors of the libraries
//! frontlint uses (the TOML reader, serde) rewritten for the person who wrote the config file.
//! Positions stay where the library put them; only the words change.

use std::ops::Range;
use std::path::Path;

use crate::escape;

/// The candidate closest to `name` (case-insensitive edit distance), when it is close enough
/// to be a misspelling: one edit for short names, up to three for long ones.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(&c.to_lowercase(), &lower), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Edit distance in characters where swapping two neighbours counts one edit (`pots` →
/// `post`, `contnet` → `content`), as people misspell.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// `; did you mean `x`?`, or nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|c| format!("; did you mean `{}`?", escape::text(c)))
        .unwrap_or_default()
}

/// The rule id or group closest to a misspelt selector.
pub fn closest_selector(name: &str) -> Option<&'static str> {
    let mut names: Vec<&'static str> = crate::registry::RULES.iter().map(|r| r.id).collect();
    names.extend(
        crate::registry::RULES
            .iter()
            .map(|r| crate::registry::group(r.id)),
    );
    names.dedup();
    closest(name, names)
}

/// Why a path given on the command line cannot be linted: it does not exist (`None` when it
/// does, or when it exists but cannot be read: the walk reports that as `file/unreadable`).
/// Suggests a sibling with a close name (`contnet/` → `content/`); system folders are never
/// listed.
pub fn missing_path(cwd: &Path, path: &Path) -> Option<String> {
    let abs = cwd.join(path);
    match std::fs::symlink_metadata(&abs) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        _ => return None,
    }
    let shown = path.display().to_string();
    let mut message = format!("`{}` does not exist", escape::text(&shown));
    if let Some(better) = sibling(&abs, path) {
        message.push_str(&did_you_mean(Some(&better)));
    }
    Some(message)
}

/// The path as written with its last component replaced by the closest existing sibling.
fn sibling(abs: &Path, written: &Path) -> Option<String> {
    let name = abs.file_name()?.to_str()?;
    let parent = abs.parent()?;
    if crate::bounds::is_system(parent) {
        return None;
    }
    let entries: Vec<String> = std::fs::read_dir(parent)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .take(10_000)
        .collect();
    let best = closest(name, entries.iter().map(String::as_str))?;
    let text = written.to_string_lossy();
    let trailing = text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR);
    let head = text.trim_end_matches(['/', std::path::MAIN_SEPARATOR]);
    let head = &head[..head.len() - name.len()];
    Some(format!("{head}{best}{}", if trailing { "/" } else { "" }))
}

/// The line of `text` that holds `offset`, as a range.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// A TOML or serde error in a config file, in frontlint's words. `span` is where the reader
/// stopped (kept by the caller); the message names the key, the table and what to write.
pub fn toml_message(text: &str, span: Option<Range<usize>>, raw: &str) -> String {
    let at = span.as_ref().map_or(0, |s| s.start.min(text.len()));
    let table = table_at(text, at);
    let key = key_at(text, at);
    let in_rules = table
        .as_deref()
        .is_some_and(|t| t == "[rules]" || t.ends_with(".rules]"));
    let place = match &table {
        Some(t) => format!(" in `{t}`"),
        None => String::new(),
    };
    let key_name = key.clone().unwrap_or_else(|| "this value".to_string());
    let ticked = |s: &str| format!("`{}`", escape::text(s));
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = split_expected(rest);
        let hint = did_you_mean(closest(name, expected.iter().map(String::as_str)));
        let known = if hint.is_empty() && !expected.is_empty() {
            format!(
                " (known here: {})",
                expected
                    .iter()
                    .map(|e| ticked(e))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        };
        return format!("unknown key {}{place}{hint}{known}", ticked(name));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (value, expected) = split_expected(rest);
        let hint = did_you_mean(closest(value, expected.iter().map(String::as_str)));
        if in_rules {
            return format!(
                "{} is not a severity: a rule is \"off\", \"warning\" or \"error\"{hint}",
                ticked(value)
            );
        }
        return format!(
            "{} is not a value `{}` takes{hint} (one of {})",
            ticked(value),
            escape::text(&key_name),
            expected
                .iter()
                .map(|e| ticked(e))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if raw.starts_with("wanted string or table") && in_rules {
        return format!(
            "`{}` must be a severity in quotes: \"off\", \"warning\" or \"error\"",
            escape::text(&key_name)
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        if let (None, Some(t)) = (
            &key,
            rest.strip_prefix("map, expected a sequence")
                .and(table.as_deref()),
        ) {
            // `[overrides.rules]` before any `[[overrides]]`.
            let name = t.trim_matches(['[', ']']).split('.').next().unwrap_or("");
            return format!(
                "`{0}` is a list of tables: start each one with `[[{0}]]` (double brackets)",
                escape::text(name)
            );
        }
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = describe_found(found);
            let expected_text = describe_expected(expected, &key_name);
            // A value inside a list (`extensions = ["md", 3]`): its items are meant.
            let after_key = &text[text[..at].rfind('=').map_or(at, |i| i + 1)..at];
            let in_list = after_key.matches('[').count() > after_key.matches(']').count();
            let subject = if in_list && expected.trim() != "a sequence" {
                format!("each item of `{}`", escape::text(&key_name))
            } else {
                format!("`{}`", escape::text(&key_name))
            };
            let mut m = format!("{subject}{place} must be {expected_text}, found {found}");
            if expected.trim() == "a sequence" {
                if let Some(value) = span.as_ref().and_then(|s| text.get(s.clone())) {
                    m.push_str(&format!(
                        ": write a list, `{} = [{}]`",
                        escape::text(&key_name),
                        escape::text(value.trim())
                    ));
                }
            }
            return m;
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "`{}`{place} must be {}, found {}",
                escape::text(&key_name),
                describe_expected(expected, &key_name),
                describe_found(found)
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        let example = match field {
            "files" => " such as `files = [\"content/news/**\"]` (the files it applies to)",
            "fields" => " such as `fields = [\"thumbnail\", \"cover.image\"]`",
            _ => "",
        };
        let owner = table.map_or_else(|| "the config".into(), |t| format!("`{t}`"));
        return format!("{owner} needs `{}`{example}", escape::text(field));
    }
    if raw.starts_with("invalid unquoted key") {
        let line = &text[line_at(text, at)];
        let written = line.split('=').next().unwrap_or("").trim();
        if written.contains('/') {
            let rest = line.split_once('=').map_or("", |(_, r)| r.trim());
            return format!(
                "a rule id with `/` must be quoted in TOML: write `\"{}\" = {}`",
                escape::text(written),
                escape::text(if rest.is_empty() { "\"off\"" } else { rest })
            );
        }
        return format!(
            "`{}` is not a valid TOML key: a bare key is letters, digits, `-` and `_`; quote anything else (`\"{}\"`)",
            escape::text(written),
            escape::text(written)
        );
    }
    if raw.starts_with("string values must be quoted") {
        let value = span
            .as_ref()
            .and_then(|s| text.get(s.start..line_at(text, s.start).end))
            .map(|v| v.split(['#', ',', ']']).next().unwrap_or("").trim())
            .unwrap_or("");
        if in_rules {
            return format!(
                "a severity must be in quotes: `\"{}\" = \"{}\"`",
                escape::text(&key_name),
                escape::text(value)
            );
        }
        if matches!(
            value,
            "yes" | "no" | "on" | "off" | "y" | "n" | "True" | "False"
        ) {
            return format!(
                "`{}` is not a TOML value: booleans are `true` and `false`, strings are in quotes",
                escape::text(value)
            );
        }
        return format!(
            "a string must be in quotes in TOML: `{} = \"{}\"`",
            escape::text(&key_name),
            escape::text(value)
        );
    }
    if raw.starts_with("duplicate key") {
        return format!(
            "`{}`{place} is set twice: keep one of them",
            escape::text(&key_name)
        );
    }
    // The reader's own words for the remaining syntax errors ("unclosed array, expected
    // `]`"), said to be TOML syntax.
    format!("this is not valid TOML: {}", escape::text(raw))
}

/// `x`, expected one of `a`, `b`` → (`x`, [a, b]); also "expected `a` or `b`", "expected `a`".
fn split_expected(rest: &str) -> (&str, Vec<String>) {
    let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (name, expected)
}

/// serde's "found" wording (`string "drafts"`, ``integer `5` ``) in plain words.
fn describe_found(found: &str) -> String {
    let value = || found.split('`').nth(1).unwrap_or("").to_string();
    match found.split([' ', '`']).next().unwrap_or("") {
        "string" => format!(
            "the string {}",
            escape::text(found.trim_start_matches("string "))
        ),
        "integer" | "floating" => format!("the number {}", escape::text(&value())),
        "boolean" => format!("`{}`", escape::text(&value())),
        "sequence" => "a list".to_string(),
        "map" => "a table".to_string(),
        _ => escape::text(found).into_owned(),
    }
}

/// serde's "expected" wording (`a sequence`, `usize`, `struct RawSummary`) in plain words.
fn describe_expected(expected: &str, key: &str) -> String {
    match expected.trim() {
        "a sequence" => "a list".to_string(),
        "a string" => "a string in quotes".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "usize" | "u64" | "u32" | "u16" | "u8" => "a whole number, 0 or more".to_string(),
        "i64" | "i32" | "an integer" => "a whole number".to_string(),
        e if e.starts_with("struct ") || e == "a map" => {
            format!("a table (`[{}]`)", escape::text(key))
        }
        e => escape::text(e).into_owned(),
    }
}

/// The `[table]` (or `[[table]]`) whose body (or header) holds `offset`, as written.
fn table_at(text: &str, offset: usize) -> Option<String> {
    text[..line_at(text, offset).end]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| {
            let double = l.starts_with("[[");
            let inner = l
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            if double {
                format!("[[{inner}]]")
            } else {
                format!("[{inner}]")
            }
        })
}

/// The key whose value holds `offset` (or the key at `offset`): on its line, else on the
/// nearest line above with `=` (a list over several lines).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let line_range = line_at(text, offset);
    let line = &text[line_range.start..offset.max(line_range.start)];
    let with_key = |l: &str| -> Option<String> {
        let (k, _) = l.split_once('=')?;
        let k = k.trim().trim_matches('"').trim_matches('\'');
        (!k.is_empty() && !k.starts_with('[')).then(|| k.to_string())
    };
    if let Some(k) = with_key(line) {
        return Some(k);
    }
    // The key itself (an unknown field is reported on its name).
    let whole = &text[line_range.clone()];
    if offset == line_range.start + (whole.len() - whole.trim_start().len()) {
        if let Some(k) = with_key(whole) {
            return Some(k);
        }
    }
    text[..line_range.start]
        .lines()
        .rev()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(with_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        assert_eq!(closest("contnet", ["content", "static"]), Some("content"));
        assert_eq!(closest("of", ["off", "warning", "error"]), Some("off"));
        assert_eq!(closest("xyz", ["off", "warning", "error"]), None);
        assert_eq!(closest_selector("date/futur"), Some("date/future"));
        assert_eq!(closest_selector("dat"), Some("date"));
        assert_eq!(closest_selector("标题"), None);
    }

    #[test]
    fn missing_paths_suggest_siblings() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::create_dir(dir.path().join("内容")).unwrap();
        let m = missing_path(dir.path(), Path::new("contnet/")).unwrap();
        assert_eq!(m, "`contnet/` does not exist; did you mean `content/`?");
        let m = missing_path(dir.path(), Path::new("./contnet")).unwrap();
        assert_eq!(m, "`./contnet` does not exist; did you mean `./content`?");
        let m = missing_path(dir.path(), Path::new("内客")).unwrap();
        assert_eq!(m, "`内客` does not exist; did you mean `内容`?");
        assert_eq!(
            missing_path(dir.path(), Path::new("nothing/here")).unwrap(),
            "`nothing/here` does not exist"
        );
        assert_eq!(missing_path(dir.path(), Path::new("content")), None);
        assert_eq!(line_at("a\nbc\nd", 3), 2..4);
    }

    #[test]
    fn toml_places() {
        let text = "schema = \"a\"\n[[overrides]]\nfiles = [\n  \"a\",\n  3,\n]\n[overrides.rules]\n\"date/future\" = \"of\"\n";
        let three = text.find("3,").unwrap();
        assert_eq!(key_at(text, three).as_deref(), Some("files"));
        assert_eq!(table_at(text, three).as_deref(), Some("[[overrides]]"));
        assert_eq!(table_at(text, 2), None);
        let of = text.find("\"of\"").unwrap();
        assert_eq!(key_at(text, of).as_deref(), Some("date/future"));
        assert_eq!(table_at(text, of).as_deref(), Some("[overrides.rules]"));
        assert_eq!(
            split_expected("of`, expected one of `off`, `warning`, `error`"),
            ("of", vec!["off".into(), "warning".into(), "error".into()])
        );
        assert_eq!(
            toml_message(
                text,
                Some(of..of + 4),
                "unknown variant `of`, expected one of `off`, `warning`, `error`"
            ),
            "`of` is not a severity: a rule is \"off\", \"warning\" or \"error\"; did you mean `off`?"
        );
        assert_eq!(
            toml_message(
                text,
                Some(three..three + 1),
                "invalid type: integer `3`, expected a string"
            ),
            "each item of `files` in `[[overrides]]` must be a string in quotes, found the number 3"
        );
        assert_eq!(distance("pots", "post"), 1);
        assert_eq!(distance("contnet", "content"), 1);
        assert_eq!(distance("标题", "标"), 1);
    }
}
