//! URLs as Jekyll 4.3 builds them: `lib/jekyll/url.rs` (`generate_url_from_hash`,
//! `generate_url_from_drop`, `sanitize_url`), `lib/jekyll/drops/url_drop.rb` (the placeholders
//! of documents), `lib/jekyll/utils.rb` (`slugify`, `add_permalink_suffix`).
//!
//! URLs are kept percent-decoded (Jekyll escapes placeholder values with
//! `Addressable::URI.encode` and writes the file at the unescaped path; links are compared
//! decoded).

use jiff::Zoned;

/// `Utils.slugify` modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slugify {
    /// `[^\p{M}\p{L}\p{Nd}]+` → `-` (the default).
    Default,
    /// `[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+` → `-`.
    Pretty,
}

fn letter_mark_digit(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            | G::DecimalNumber
    )
}

/// `Utils.slugify(string, mode:, cased:)`: each run of other characters becomes one `-`, then
/// one leading and one trailing `-` go; lower-cased unless `cased`.
pub fn slugify(s: &str, mode: Slugify, cased: bool) -> String {
    let keep = |c: char| match mode {
        Slugify::Default => letter_mark_digit(c),
        Slugify::Pretty => letter_mark_digit(c) || "._~!$&'()+,;=@".contains(c),
    };
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if keep(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let mut t: &str = &out;
    t = t.strip_prefix('-').unwrap_or(t);
    t = t.strip_suffix('-').unwrap_or(t);
    if cased {
        t.to_string()
    } else {
        t.to_lowercase()
    }
}

/// `URL#sanitize_url`: `"/#{str}".gsub("..", "/")`, then every `./` removed, then runs of `/`
/// squeezed.
pub fn sanitize(s: &str) -> String {
    let a = format!("/{s}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(a.len());
    for c in a.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// `Utils.add_permalink_suffix`: the ending a page or collection template gets from the site's
/// permalink style.
pub fn add_permalink_suffix(template: &str, style: &str) -> String {
    let name = style.strip_prefix(':').unwrap_or(style);
    match name {
        "pretty" => format!("{template}/"),
        "date" | "ordinal" | "none" => format!("{template}:output_ext"),
        _ => {
            let mut t = template.to_string();
            if style.ends_with('/') {
                t.push('/');
            }
            if style.ends_with(":output_ext") {
                t.push_str(":output_ext");
            }
            t
        }
    }
}

/// `URL#generate_url_from_hash` (pages): each placeholder in turn (`path`, `basename`,
/// `output_ext`), replaced everywhere; a template without `:` left as it is.
pub fn from_hash(template: &str, placeholders: &[(&str, &str)]) -> String {
    let mut result = template.to_string();
    for (key, value) in placeholders {
        if !result.contains(':') {
            break;
        }
        result = result.replace(&format!(":{key}"), value);
    }
    result
}

/// The placeholders of a document (`Drops::UrlDrop`).
pub struct DocPlaceholders<'a> {
    pub collection: &'a str,
    /// `cleaned_relative_path`.
    pub path: &'a str,
    /// `basename_without_ext`.
    pub basename: &'a str,
    /// `data["slug"]`.
    pub slug: &'a str,
    pub categories: &'a [String],
    pub date: Option<&'a Zoned>,
    pub output_ext: &'a str,
}

impl DocPlaceholders<'_> {
    fn get(&self, key: &str) -> Option<String> {
        let d = |f: &str| self.date.map(|z| z.strftime(f).to_string());
        Some(match key {
            "collection" => self.collection.to_string(),
            "path" => self.path.to_string(),
            "output_ext" => self.output_ext.to_string(),
            "name" => slugify(self.basename, Slugify::Default, false),
            "title" => slugify(self.slug, Slugify::Pretty, true),
            "slug" => slugify(self.slug, Slugify::Default, false),
            "categories" => {
                let mut seen: Vec<String> = Vec::new();
                for c in self.categories {
                    let c = c.to_lowercase();
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                }
                seen.join("/")
            }
            "slugified_categories" => {
                let mut seen: Vec<String> = Vec::new();
                for c in self.categories {
                    let c = slugify(c, Slugify::Default, false);
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                }
                seen.join("/")
            }
            "year" => d("%Y")?,
            "month" => d("%m")?,
            "day" => d("%d")?,
            "hour" => d("%H")?,
            "minute" => d("%M")?,
            "second" => d("%S")?,
            "i_day" => d("%-d")?,
            "i_month" => d("%-m")?,
            "short_month" => d("%b")?,
            "long_month" => d("%B")?,
            "short_year" => d("%y")?,
            "w_year" => d("%G")?,
            "week" => d("%V")?,
            "w_day" => d("%u")?,
            "short_day" => d("%a")?,
            "long_day" => d("%A")?,
            "y_day" => d("%j")?,
            _ => return None,
        })
    }
}

/// `URL#generate_url_from_drop`: every `:name` (`[a-z_]+`) replaced by the drop's value; a
/// name ending in `_` may be the placeholder without it (`:month_:day`). `None` when a name is
/// unknown (Jekyll stops the build: "The URL template doesn't have … keys").
pub fn from_drop(template: &str, p: &DocPlaceholders) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let b = template.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && (b[j].is_ascii_lowercase() || b[j] == b'_') {
                j += 1;
            }
            if j > start {
                let name = &template[start..j];
                let (key, rest) = match p.get(name) {
                    Some(v) => (v, ""),
                    None if name.ends_with('_') => (p.get(&name[..name.len() - 1])?, "_"),
                    None => return None,
                };
                out.push_str(&key);
                out.push_str(rest);
                i = j;
                continue;
            }
        }
        let c = template[i..].chars().next()?;
        out.push(c);
        i += c.len_utf8();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_modes() {
        // Examples of `Utils.slugify`'s own documentation.
        assert_eq!(
            slugify("The _config.yml file", Slugify::Default, false),
            "the-config-yml-file"
        );
        assert_eq!(
            slugify("The _config.yml file", Slugify::Pretty, false),
            "the-_config.yml-file"
        );
        assert_eq!(
            slugify("The _config.yml file", Slugify::Pretty, true),
            "The-_config.yml-file"
        );
        assert_eq!(
            slugify("homebrew-1.0.0", Slugify::Pretty, true),
            "homebrew-1.0.0"
        );
        assert_eq!(slugify("文章 标题!", Slugify::Default, false), "文章-标题");
    }

    #[test]
    fn urls() {
        assert_eq!(sanitize("//docs//a/"), "/docs/a/");
        assert_eq!(sanitize("a..b/./c"), "/a/b/c");
        assert_eq!(
            add_permalink_suffix("/:path/:basename", "pretty"),
            "/:path/:basename/"
        );
        assert_eq!(
            add_permalink_suffix("/:path/:basename", "date"),
            "/:path/:basename:output_ext"
        );
        assert_eq!(
            add_permalink_suffix("/:path/:basename", ":title"),
            "/:path/:basename"
        );
        assert_eq!(
            add_permalink_suffix("/:collection/:path", "/:year/:title/"),
            "/:collection/:path/"
        );
        assert_eq!(
            from_hash(
                "/:path/:basename:output_ext",
                &[
                    ("path", "/blog"),
                    ("basename", "a"),
                    ("output_ext", ".html")
                ]
            ),
            "//blog/a.html"
        );
        let date = jiff::civil::date(2020, 6, 5)
            .at(7, 8, 9, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .unwrap();
        let cats = vec![
            "Release".to_string(),
            "release".to_string(),
            "a b".to_string(),
        ];
        let p = DocPlaceholders {
            collection: "posts",
            path: "/_posts/2020-06-05-x",
            basename: "2020-06-05-Hello World",
            slug: "Hello World",
            categories: &cats,
            date: Some(&date),
            output_ext: ".html",
        };
        assert_eq!(
            from_drop("/:categories/:year/:month/:day/:title:output_ext", &p).as_deref(),
            Some("/release/a b/2020/06/05/Hello-World.html")
        );
        assert_eq!(
            from_drop("/:i_month_:i_day/:slug/:name", &p).as_deref(),
            Some("/6_5/hello-world/2020-06-05-hello-world")
        );
        assert_eq!(from_drop("/:nope/", &p), None);
    }
}
