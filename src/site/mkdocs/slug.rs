//! Heading ids as Python-Markdown's `toc` extension makes them (MkDocs always loads `toc`:
//! mkdocs/config/defaults.py, `markdown_extensions` builtins `toc`, `tables`, `fenced_code`),
//! with the slug function the site configures (`toc: slugify: !!python/name:…`).

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// A `toc` slug function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case", tag = "slugify")]
pub enum PySlug {
    /// `markdown.extensions.toc.slugify` (the default): NFKD, non-ASCII dropped, `[^\w\s-]`
    /// removed, stripped, lower-cased, runs of separator or white space → one separator.
    #[default]
    Default,
    /// `markdown.extensions.toc.slugify_unicode`: the same without the ASCII step.
    Unicode,
    /// `pymdownx.slugs.slugify(case=…, normalize=…)` (and the older `uslugify`, `gfm`, …):
    /// normalised (NFC by default), HTML tags removed, stripped, cased, `[^\w\- ]` removed,
    /// each space → separator. Percent-encoding (`percent_encode`, `gfm`) is not applied: link
    /// fragments are compared percent-decoded.
    Pymdownx { case: PyCase, nfd: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PyCase {
    #[default]
    None,
    Lower,
    LowerAscii,
    Fold,
}

impl PySlug {
    pub fn name(self) -> &'static str {
        match self {
            PySlug::Default => "toc.slugify",
            PySlug::Unicode => "toc.slugify_unicode",
            PySlug::Pymdownx { .. } => "pymdownx.slugs",
        }
    }
}

/// Python's `\w` on `str`: letters, digits, numerics and `_` (`str.isalnum()` or `_`).
fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The id `text` (a heading's plain text, entities decoded) gets before de-duplication.
pub fn slug(text: &str, sep: &str, how: PySlug) -> String {
    match how {
        PySlug::Default | PySlug::Unicode => {
            // markdown/extensions/toc.py `slugify(value, separator, unicode=False)`.
            let value: String = if how == PySlug::Default {
                text.nfkd().filter(char::is_ascii).collect()
            } else {
                text.to_string()
            };
            let kept: String = value
                .chars()
                .filter(|&c| is_word(c) || c.is_whitespace() || c == '-')
                .collect();
            let lower = kept.trim().to_lowercase();
            // `re.sub(r'[{sep}\s]+', sep, value)`
            let mut out = String::with_capacity(lower.len());
            let mut run = false;
            for c in lower.chars() {
                if c.is_whitespace() || sep.contains(c) {
                    if !run {
                        out.push_str(sep);
                    }
                    run = true;
                } else {
                    out.push(c);
                    run = false;
                }
            }
            out
        }
        PySlug::Pymdownx { case, nfd } => {
            // pymdownx/slugs.py `_uslugify`.
            let normalized: String = if nfd {
                text.nfd().collect()
            } else {
                text.nfc().collect()
            };
            let stripped = strip_tags(&normalized);
            let s = stripped.trim();
            let cased = match case {
                PyCase::None => s.to_string(),
                PyCase::Lower | PyCase::Fold => s.to_lowercase(),
                PyCase::LowerAscii => s.to_ascii_lowercase(),
            };
            let mut out = String::with_capacity(cased.len());
            for c in cased.chars() {
                if c == ' ' {
                    out.push_str(sep);
                } else if is_word(c) || c == '-' {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// `re.sub(r'</?[^>]*>', '', text)`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let body = after[1..].strip_prefix('/').unwrap_or(&after[1..]);
        match body.find('>') {
            Some(j) => rest = &body[j + 1..],
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// markdown/extensions/toc.py `unique(id, ids)`: a taken (or empty) id gets `_1`, `_2`…; an id
/// that already ends in `_<n>` counts on from `n`. `n` (≥ 1) is the attempt.
pub fn repeat(base: &str, n: usize) -> String {
    if let Some((stem, count)) = base.rsplit_once('_') {
        if !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(c) = count.parse::<usize>() {
                return format!("{stem}_{}", c + n);
            }
        }
    }
    format!("{base}_{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values printed by Python-Markdown 3.11.3 and pymdown-extensions 13.1.2:
    /// `from markdown.extensions.toc import slugify, slugify_unicode`,
    /// `from pymdownx.slugs import slugify as s; s(case='lower')(text, '-')`.
    #[test]
    fn python_markdown_slugs() {
        let d = PySlug::Default;
        assert_eq!(slug("Hello, World!", "-", d), "hello-world");
        assert_eq!(slug("žlutý kůň", "-", d), "zluty-kun");
        assert_eq!(slug("安装 指南", "-", d), "");
        assert_eq!(slug("a - b  c_d", "-", d), "a-b-c_d");
        assert_eq!(slug("Use `mkdocs.yml`", "_", d), "use_mkdocsyml");
        let u = PySlug::Unicode;
        assert_eq!(slug("安装 指南", "-", u), "安装-指南");
        assert_eq!(slug("Ünïcödé Tëst", "-", u), "ünïcödé-tëst");
        let p = PySlug::Pymdownx {
            case: PyCase::Lower,
            nfd: false,
        };
        assert_eq!(slug("安装  指南 <em>x</em>", "-", p), "安装--指南-x");
        assert_eq!(slug("A - B", "-", p), "a---b");
        let cased = PySlug::Pymdownx {
            case: PyCase::None,
            nfd: false,
        };
        assert_eq!(slug("Hello World", "-", cased), "Hello-World");
    }

    #[test]
    fn repeats_count_on() {
        assert_eq!(repeat("intro", 1), "intro_1");
        assert_eq!(repeat("intro", 2), "intro_2");
        assert_eq!(repeat("step_1", 1), "step_2");
        assert_eq!(repeat("", 1), "_1");
    }
}
