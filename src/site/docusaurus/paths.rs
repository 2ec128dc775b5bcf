//! Paths and URLs the way Docusaurus computes them: `normalizeUrl` and `fileToPath`
//! (`@docusaurus/utils`), number prefixes (`numberPrefix.ts` of the docs plugin) and the blog's
//! dated file names (`parseBlogFileName` in `blogUtils.ts`).

use crate::site::urls;

/// `fileToPath`: `index.md` → `/`, `a/index.js` → `/a/`, `a/b.mdx` → `/a/b`.
pub(super) fn file_to_path(file: &str) -> String {
    let name = urls::file_name(file);
    let (stem, _) = name.rsplit_once('.').unwrap_or((name, ""));
    if stem.eq_ignore_ascii_case("index") {
        return format!(
            "/{}",
            urls::prefix(urls::parent(file)).trim_start_matches('/')
        );
    }
    let dir = urls::parent(file);
    if dir.is_empty() {
        format!("/{stem}")
    } else {
        format!("/{dir}/{stem}")
    }
}

/// `normalizeUrl` of `@docusaurus/utils` for URL paths: parts joined by single `/`, a trailing
/// `/` kept only when the last part has one.
pub(super) fn normalize_url(parts: &[&str]) -> String {
    let mut out = String::from("/");
    let mut trailing = false;
    for p in parts {
        if p.is_empty() {
            continue;
        }
        let t = p.trim_matches('/');
        trailing = p.ends_with('/');
        if t.is_empty() {
            continue;
        }
        if !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(t);
    }
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    // Repeated slashes inside.
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    out
}

/// `DefaultNumberPrefixParser` (`numberPrefix.ts`): `01-intro` → `intro`; date-like and
/// version-like names (`2021-01-02-x`, `7.0-x`) are kept.
pub(super) fn strip_number_prefix(name: &str) -> &str {
    let b = name.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return name;
    }
    // `^\d+[-_.]\d+`: ignored.
    if b.get(digits)
        .is_some_and(|c| matches!(c, b'-' | b'_' | b'.'))
        && b.get(digits + 1).is_some_and(u8::is_ascii_digit)
    {
        return name;
    }
    // `^(\d+)\s*[-_.]+\s*([^-_.\s].*)$`
    let mut i = digits;
    let ws = |c: &u8| c.is_ascii_whitespace();
    while b.get(i).is_some_and(ws) {
        i += 1;
    }
    let seps = b[i..]
        .iter()
        .take_while(|c| matches!(c, b'-' | b'_' | b'.'))
        .count();
    if seps == 0 {
        return name;
    }
    i += seps;
    while b.get(i).is_some_and(ws) {
        i += 1;
    }
    match name[i..].chars().next() {
        Some(c) if !matches!(c, '-' | '_' | '.') && !c.is_whitespace() => &name[i..],
        _ => name,
    }
}

pub(super) fn strip_path_number_prefixes(path: &str) -> String {
    path.split('/')
        .map(strip_number_prefix)
        .collect::<Vec<_>>()
        .join("/")
}

/// The blog's `parseBlogFileName`: the slug a post gets from its path inside the blog folder.
pub(super) fn blog_slug_from_path(source: &str) -> String {
    if let Some((folder, date, text)) = blog_date(source) {
        return format!("/{}/{folder}{text}", date.replace('-', "/"));
    }
    let t = source
        .strip_suffix(".mdx")
        .or_else(|| source.strip_suffix(".md"))
        .unwrap_or(source);
    let t = t.strip_suffix("/index").unwrap_or(t);
    format!("/{t}")
}

/// `^(?<folder>.*)(?<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?<text>.*?)(?:\/index)?.mdx?$`
pub(super) fn blog_date(source: &str) -> Option<(&str, &str, &str)> {
    // What follows the date must end in `.md`/`.mdx` (any character before `md`).
    let body_end = if source.len() >= 4 && source.ends_with("mdx") {
        source.len() - 4
    } else if source.len() >= 3 && source.ends_with("md") {
        source.len() - 3
    } else {
        return None;
    };
    let b = source.as_bytes();
    // The greedy `folder`: the last start where a date matches.
    for start in (0..b.len()).rev() {
        if !source.is_char_boundary(start) {
            continue;
        }
        let Some(date_end) = date_at(b, start) else {
            continue;
        };
        if date_end > body_end + 1 {
            continue;
        }
        let mut text_start = date_end;
        if text_start < body_end && matches!(b[text_start], b'-' | b'/') {
            text_start += 1;
        }
        let text_end = body_end.max(text_start);
        let mut text = &source[text_start.min(source.len())..text_end];
        if let Some(t) = text.strip_suffix("/index") {
            text = t;
        }
        return Some((&source[..start], &source[start..date_end], text));
    }
    None
}

/// The end of `\d{4}[-/]\d{1,2}[-/]\d{1,2}` at `i` (the longest match).
pub(super) fn date_at(b: &[u8], i: usize) -> Option<usize> {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let sep = |k: usize| b.get(k).is_some_and(|c| matches!(c, b'-' | b'/'));
    if !(0..4).all(|k| digit(i + k)) || !sep(i + 4) {
        return None;
    }
    let mut j = i + 5;
    if !digit(j) {
        return None;
    }
    j += if digit(j + 1) && sep(j + 2) { 2 } else { 1 };
    if !sep(j) {
        return None;
    }
    j += 1;
    if !digit(j) {
        return None;
    }
    Some(if digit(j + 1) { j + 2 } else { j + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::docusaurus::config::common_ancestor;

    #[test]
    fn number_prefixes_as_numberprefix_ts() {
        for (name, want) in [
            ("01-intro", "intro"),
            ("003 - My Doc", "My Doc"),
            ("1.Hello", "Hello"),
            ("01_api", "api"),
            ("2021-01-02-post", "2021-01-02-post"),
            ("7.0-release", "7.0-release"),
            ("intro", "intro"),
            ("01-", "01-"),
            ("1--_x", "x"),
            ("02 -- 安装", "安装"),
        ] {
            assert_eq!(strip_number_prefix(name), want, "{name}");
        }
    }

    #[test]
    fn blog_slugs_as_parse_blog_file_name() {
        for (source, want) in [
            ("2017-04-13-1.0.0.md", "/2017/04/13/1.0.0"),
            (
                "2022-01-06-prettier-begins-paying-maintainers.mdx",
                "/2022/01/06/prettier-begins-paying-maintainers",
            ),
            ("2021/01/02/welcome/index.md", "/2021/01/02/welcome"),
            ("2021-1-2.md", "/2021/1/2/"),
            (
                "nested/2020-12-31-year-end.md",
                "/2020/12/31/nested/year-end",
            ),
            ("no-date.md", "/no-date"),
            ("folder/index.mdx", "/folder"),
            ("2021-01-02-中文标题.md", "/2021/01/02/中文标题"),
            // Printed by the regular expression of `blogUtils.ts` under Node 20.
            ("2021-01-123abc.md", "/2021/01/12/3abc"),
            ("a2021-01-02b/2022-02-03.mdx", "/2022/02/03/a2021-01-02b/"),
            ("2021-01-02/index.md", "/2021/01/02/index"),
            ("2021-01-02-x/index.mdx", "/2021/01/02/x"),
            ("2020-01-01-a.mdx.md", "/2020/01/01/a.mdx"),
        ] {
            assert_eq!(blog_slug_from_path(source), want, "{source}");
        }
    }

    #[test]
    fn urls_normalised_like_normalize_url() {
        assert_eq!(normalize_url(&["/", "/docs", "next"]), "/docs/next");
        assert_eq!(normalize_url(&["/docs/next", "/", "/"]), "/docs/next/");
        assert_eq!(normalize_url(&["/docs", "/", "/guides/"]), "/docs/guides/");
        assert_eq!(normalize_url(&["/docs", "/", "/api"]), "/docs/api");
        assert_eq!(
            normalize_url(&["", "/blog", "/2017/04/13/1.0.0"]),
            "/blog/2017/04/13/1.0.0"
        );
        assert_eq!(file_to_path("index.md"), "/");
        assert_eq!(file_to_path("users/index.jsx"), "/users/");
        assert_eq!(file_to_path("a/b.mdx"), "/a/b");
        assert_eq!(common_ancestor("/a/b/website", "/a/b/docs"), "/a/b");
        assert_eq!(common_ancestor("/a", "/b"), "/");
    }
}
