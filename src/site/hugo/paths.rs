//! Hugo's rules for turning names into URL paths: `Sanitize` (gohugoio/hugo
//! `common/paths/path.go`), `URLize`/`MakePathSanitized` (`helpers/url.go`, `helpers/path.go`),
//! the content-path normalisation of `common/paths/pathparser.go` (a space in a file or folder
//! name becomes `-` before sanitising), and the expansion of `[permalinks]` patterns
//! (`resources/page/permalinks.go`). Each rule here is also proven with Hugo 0.168's own output
//! (`hugo list all`) in `tests/site_hugo.rs` and `fixtures/sites/hugo-urls/`.
//!
//! Character classes are Go's: `unicode.IsLetter` (categories L*), `unicode.IsDigit` (Nd),
//! `unicode.IsNumber` (N*), `unicode.IsMark` (M*), `unicode.IsSpace` (White_Space), and
//! `unicode.ToLower` (the simple, one-character mapping).

use unicode_general_category::{GeneralCategory as G, get_general_category};

/// Go's `unicode.IsLetter`.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
    )
}

/// Go's `unicode.IsDigit` (decimal digits, any script).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    get_general_category(c) == G::DecimalNumber
}

/// Go's `unicode.IsNumber` (decimal, letter and other numbers).
pub fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(
        get_general_category(c),
        G::DecimalNumber | G::LetterNumber | G::OtherNumber
    )
}

/// Go's `unicode.IsMark`.
pub fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            get_general_category(c),
            G::NonspacingMark | G::SpacingMark | G::EnclosingMark
        )
}

/// Go's `unicode.ToLower`: one character to one character (`İ` → `i`, where Rust's full
/// mapping gives two).
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        (Some(l), Some(_)) => l,
        _ => c,
    }
}

/// Go's `strings.ToLower` as Hugo uses it.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(lower_char).collect()
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

/// `isAllowedPathCharacter`: letters, digits, marks, `. / \ _ # + ~ - @`, and `%` starting a
/// valid escape.
fn allowed(s: &[u8], i: usize, c: char) -> bool {
    if c == ' ' {
        return false;
    }
    is_letter(c)
        || is_digit(c)
        || matches!(c, '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@')
        || is_mark(c)
        || (c == '%' && i + 2 < s.len() && is_hex(s[i + 1]) && is_hex(s[i + 2]))
}

/// `paths.Sanitize`: keeps the allowed characters; a run of white space between two kept
/// characters becomes one `-` (none when a `-` is next to it); everything else is dropped.
pub fn sanitize(s: &str) -> String {
    let bytes = s.as_bytes();
    if s.char_indices().all(|(i, c)| allowed(bytes, i, c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut prepend = false;
    let mut was_hyphen = false;
    for (i, c) in s.char_indices() {
        if allowed(bytes, i, c) {
            was_hyphen = c == '-';
            if prepend {
                if !was_hyphen {
                    out.push('-');
                }
                prepend = false;
            }
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            prepend = true;
        }
    }
    out
}

/// A content file or folder name as Hugo writes it in a URL: every space becomes `-` (the
/// content path parser), then [`sanitize`], then lower case unless `disablePathToLower`.
pub fn segment(name: &str, to_lower: bool) -> String {
    let s = sanitize(&name.replace(' ', "-"));
    if to_lower { lower(&s) } else { s }
}

/// `MakePathSanitized`: [`sanitize`], then lower case unless `disablePathToLower` (`slug`
/// values; a `/` in a slug makes folders).
pub fn make_path(s: &str, to_lower: bool) -> String {
    let s = sanitize(s);
    if to_lower { lower(&s) } else { s }
}

/// `PathSpec.URLize`: [`make_path`], then parsed as a URL, which takes a `#` for the start of
/// a fragment (an empty fragment is dropped: `C#` → `c`).
pub fn urlize(s: &str, to_lower: bool) -> String {
    let mut s = make_path(s, to_lower);
    if let Some(i) = s.find('#') {
        if i + 1 == s.len() {
            s.truncate(i);
        }
    }
    s
}

/// What Hugo does to an expanded permalink pattern (observed with Hugo 0.168: `+` in a token
/// value becomes a space, `%20` a space, and the result is sanitised and lower-cased again:
/// slug `a + b` → `a--b`, title `C++ & C#` → `c-c`).
pub fn clean_permalink(s: &str, to_lower: bool) -> String {
    let decoded = query_unescape(s).unwrap_or_else(|| s.to_string());
    // Each part on its own (`C++` → `c  ` → `c`, not `c-` before the next `/`).
    decoded
        .split('/')
        .map(|part| make_path(part, to_lower))
        .collect::<Vec<_>>()
        .join("/")
}

/// Go's `url.QueryUnescape`: `+` is a space, `%XX` a byte; `None` on a bad escape or bytes that
/// are not UTF-8.
fn query_unescape(s: &str) -> Option<String> {
    if !s.contains(['+', '%']) {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let h = *b.get(i + 1)?;
                let l = *b.get(i + 2)?;
                if !(is_hex(h) && is_hex(l)) {
                    return None;
                }
                let v = (h as char).to_digit(16)? * 16 + (l as char).to_digit(16)?;
                out.push(v as u8);
                i += 3;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The page a permalink pattern is expanded for.
#[derive(Debug, Default)]
pub struct PermaPage<'a> {
    /// Civil date of the page (`date` front matter, read as written): year, month, day.
    pub date: Option<(i16, i8, i8)>,
    pub title: &'a str,
    pub slug: Option<&'a str>,
    /// The file name without extension and language (`post`), the folder name for a leaf
    /// bundle, empty for a branch bundle (`:filename`).
    pub filename: &'a str,
    /// The file name as written, without identifiers; the folder name for bundles
    /// (`:contentbasename`).
    pub content_base_name: &'a str,
    /// First section (`:section`).
    pub section: &'a str,
    /// Path of the current section, `/`-separated, no leading `/` (`:sections`).
    pub sections: Vec<&'a str>,
    /// Slugs (or titles) of the current section and its ancestors, root first (`:sectionslugs`).
    pub section_slugs: Vec<String>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A permalink pattern's token could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownToken(pub String);

/// Whether every token of `pattern` is one Hugo knows.
pub fn check_pattern(pattern: &str) -> Result<(), UnknownToken> {
    let page = PermaPage::default();
    expand(pattern, &page, true).map(|_| ())
}

/// Expand a permalink pattern (`/:year/:month/:slug/`) for a page, as `permalinks.go` does;
/// the caller applies [`clean_permalink`].
pub fn expand(pattern: &str, p: &PermaPage, to_lower: bool) -> Result<String, UnknownToken> {
    // `\:` is a literal colon.
    let escaped = pattern.replace("\\:", "\u{0}");
    let mut out = String::with_capacity(escaped.len() + 16);
    let b = escaped.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' {
            // `:\w+(\[.+?\])?`
            let start = i + 1;
            let mut j = start;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j > start {
                let mut end = j;
                if j < b.len() && b[j] == b'[' {
                    if let Some(close) = escaped[j + 1..].find(']') {
                        if close > 0 {
                            end = j + 1 + close + 1;
                        }
                    }
                }
                let token = &escaped[start..end];
                out.push_str(&token_value(token, p, to_lower)?);
                i = end;
                continue;
            }
        }
        let c = escaped[i..].chars().next().unwrap_or('\u{0}');
        out.push(c);
        i += c.len_utf8();
    }
    Ok(out.replace('\u{0}', ":"))
}

fn token_value(token: &str, p: &PermaPage, to_lower: bool) -> Result<String, UnknownToken> {
    let (y, m, d) = p.date.unwrap_or((1, 1, 1));
    let civil = jiff::civil::Date::new(y, m, d).unwrap_or(jiff::civil::Date::constant(1, 1, 1));
    let weekday = civil.weekday().to_sunday_zero_offset() as usize;
    let filename = || {
        if p.filename.is_empty() {
            String::new()
        } else {
            urlize(p.filename, to_lower)
        }
    };
    let slug_else = |other: String| match p.slug {
        Some(s) if !s.is_empty() => urlize(s, to_lower),
        _ => other,
    };
    Ok(match token {
        "year" => y.to_string(),
        "month" => format!("{m:02}"),
        "monthname" => MONTHS[(m as usize).saturating_sub(1) % 12].to_string(),
        "day" => format!("{d:02}"),
        "weekday" => weekday.to_string(),
        "weekdayname" => WEEKDAYS[weekday].to_string(),
        "yearday" => civil.day_of_year().to_string(),
        "section" => p.section.to_string(),
        "sectionslug" => p.section_slugs.first().cloned().unwrap_or_default(),
        "sections" => p.sections.join("/"),
        "sectionslugs" => p.section_slugs.join("/"),
        "title" => urlize(p.title, to_lower),
        "slug" => slug_else(urlize(p.title, to_lower)),
        "slugorfilename" => slug_else(filename()),
        "filename" => filename(),
        "contentbasename" => urlize(p.content_base_name, to_lower),
        "slugorcontentbasename" => slug_else(urlize(p.content_base_name, to_lower)),
        t if t.starts_with("sections[") => slice(&p.sections, &t["sections".len()..]).join("/"),
        t if t.starts_with("sectionslugs[") => {
            let v: Vec<&str> = p.section_slugs.iter().map(String::as_str).collect();
            slice(&v, &t["sectionslugs".len()..]).join("/")
        }
        t => match go_date_layout(t, civil) {
            Some(s) => s,
            None => return Err(UnknownToken(t.to_string())),
        },
    })
}

/// `toSliceFunc`: `[1:]`, `[:2]`, `[1:3]`, `[last]`, `[0]`, lenient out of bounds.
fn slice<'a>(s: &[&'a str], cut: &str) -> Vec<&'a str> {
    let cut = cut.trim().to_ascii_lowercase();
    if cut.len() < 3 || !cut.starts_with('[') || !cut.ends_with(']') || s.is_empty() {
        return Vec::new();
    }
    let inner = &cut[1..cut.len() - 1];
    let index = |x: &str, low: bool| -> Option<usize> {
        if x.is_empty() {
            return Some(if low { 0 } else { s.len() });
        }
        if x == "last" {
            return Some(s.len() - 1);
        }
        let n: usize = x.parse().unwrap_or(0);
        if n >= s.len() {
            if low { None } else { Some(s.len()) }
        } else {
            Some(n)
        }
    };
    match inner.split_once(':') {
        None => match index(inner, true) {
            Some(n) if !s[n].is_empty() => vec![s[n]],
            _ => Vec::new(),
        },
        Some((a, b)) => match (index(a, true), index(b, false)) {
            (Some(a), Some(b)) if a <= b => s[a..b].to_vec(),
            _ => Vec::new(),
        },
    }
}

/// A Go time layout used as a permalink token (`:2006`, `:01`, `:Jan`); `None` when the token
/// is not one (Go: formatting the reference time changes nothing).
fn go_date_layout(t: &str, d: jiff::civil::Date) -> Option<String> {
    const CHUNKS: [&str; 13] = [
        "January", "Monday", "2006", "Jan", "Mon", "__2", "002", "01", "02", "06", "_2", "1", "2",
    ];
    let weekday = d.weekday().to_sunday_zero_offset() as usize;
    let mut out = String::new();
    let mut rest = t;
    let mut changed = false;
    'outer: while !rest.is_empty() {
        for chunk in CHUNKS {
            if let Some(after) = rest.strip_prefix(chunk) {
                let m = d.month() as usize;
                out.push_str(&match chunk {
                    "January" => MONTHS[m - 1].to_string(),
                    "Jan" => MONTHS[m - 1][..3].to_string(),
                    "Monday" => WEEKDAYS[weekday].to_string(),
                    "Mon" => WEEKDAYS[weekday][..3].to_string(),
                    "2006" => format!("{:04}", d.year()),
                    "06" => format!("{:02}", d.year().rem_euclid(100)),
                    "01" => format!("{:02}", d.month()),
                    "1" => d.month().to_string(),
                    "02" => format!("{:02}", d.day()),
                    "_2" => format!("{:>2}", d.day()),
                    "2" => d.day().to_string(),
                    "002" => format!("{:03}", d.day_of_year()),
                    _ => format!("{:>3}", d.day_of_year()),
                });
                rest = after;
                changed = true;
                continue 'outer;
            }
        }
        let c = rest.chars().next()?;
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expectation here is Hugo 0.168's `hugo list all` output for a file or `slug` of
    // that name (see fixtures/sites/hugo-urls/README.md).
    #[test]
    fn file_names_become_segments_as_hugo_writes_them() {
        for (name, want) in [
            ("My File", "my-file"),
            ("Foo Bar", "foo-bar"),
            ("x - y", "x---y"),
            (" lead", "-lead"),
            (
                "a--b  c__d (e) [f] #g +h ~i, j&k$l@m!n'o",
                "a--b--c__d-e-f-#g-+h-~i-jkl@mno",
            ),
            ("Ünïcode Ça", "ünïcode-ça"),
            ("标题 文章", "标题-文章"),
            ("日本語(テスト)！", "日本語テスト"),
            ("a.b.c", "a.b.c"),
            ("UPPER", "upper"),
        ] {
            assert_eq!(segment(name, true), want, "{name}");
        }
        assert_eq!(segment("My-Post", false), "My-Post");
    }

    #[test]
    fn slugs_are_sanitized_not_space_replaced() {
        for (slug, want) in [
            ("a  b", "a-b"),
            ("a - b", "a-b"),
            (" -lead- trail ", "-lead-trail"),
            ("Ünï/Sub Path", "ünï/sub-path"),
            ("tab\there", "tab-here"),
            ("C++ & C#", "c++-c#"),
            ("x&y", "xy"),
            ("My Slug!", "my-slug"),
        ] {
            assert_eq!(make_path(slug, true), want, "{slug}");
        }
        assert_eq!(make_path("Big Slug", false), "Big-Slug");
    }

    #[test]
    fn permalink_tokens_expand_and_clean_as_hugo_does() {
        let page = |title: &'static str, slug: Option<&'static str>| PermaPage {
            date: Some((2021, 3, 4)),
            title,
            slug,
            filename: "First",
            content_base_name: "First",
            section: "blog",
            sections: vec!["blog"],
            ..PermaPage::default()
        };
        let run = |pattern: &str, p: &PermaPage| {
            clean_permalink(&expand(pattern, p, true).unwrap(), true)
        };
        assert_eq!(
            run(
                "/Blog/:year/:monthname/:day/:slug/",
                &page("First Post", None)
            ),
            "/blog/2021/march/04/first-post/"
        );
        assert_eq!(run("/p/:slug/", &page("x", Some("a+b C#"))), "/p/a-b-c/");
        assert_eq!(run("/p/:slug/", &page("x", Some("C++"))), "/p/c/");
        assert_eq!(run("/p/:slug/", &page("x", Some("a + b"))), "/p/a--b/");
        assert_eq!(run("/p/:slug/", &page("x", Some("x%20y"))), "/p/x-y/");
        assert_eq!(run("/:title/", &page("C++ & C#", None)), "/c-c/");
        assert_eq!(
            run("/:title/", &page("Über: die Wörter (2021)", None)),
            "/über-die-wörter-2021/"
        );
        assert_eq!(
            run("/:2006/:01/:filename/", &page("x", None)),
            "/2021/03/first/"
        );
        let deep = PermaPage {
            sections: vec!["notes", "n1", "n2"],
            slug: Some("SL"),
            ..PermaPage::default()
        };
        assert_eq!(
            run("/n/:sections[1:]/:slugorfilename/", &deep),
            "/n/n1/n2/sl/"
        );
        assert_eq!(run("/n/:sections[last]/", &deep), "/n/n2/");
        // The zero date (no `date`): year 1, January, a Monday.
        let nodate = PermaPage {
            title: "No Date",
            ..PermaPage::default()
        };
        assert_eq!(run("/:year/:month/:slug/", &nodate), "/1/01/no-date/");
        assert!(check_pattern("/:year/:nonsense/").is_err());
        assert!(check_pattern("/a\\:b/:slug/").is_ok());
    }
}
