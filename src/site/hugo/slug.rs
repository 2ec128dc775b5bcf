//! Heading ids as Hugo's Goldmark renderer makes them (`markup.goldmark.parser.autoHeadingIDType`),
//! after gohugoio/hugo `markup/goldmark/autoid.go` (`sanitizeAnchorNameWithHook`) and, for
//! `blackfriday`, russross/blackfriday `SanitizedAnchorName`. Repeats get `-1`, `-2` (the
//! `idFactory`), an empty id is `heading`; both are [`crate::site::anchors::ids`]' defaults.
//! Proven with Hugo 0.168 in `fixtures/sites/hugo-anchors/`.

use super::paths::{is_digit, is_letter, is_mark, is_number, lower_char};

/// The heading text as Goldmark's typographer (on by default in Hugo) leaves it: `--` is an
/// en dash and `---` an em dash, which ids drop (`Ça va -- bien` → `ça-va--bien`: the spaces
/// stay).
fn typographer(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("--") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let flush = |run: usize, out: &mut String| {
        // `---` is an em dash, `--` an en dash; a single `-` stays.
        let rest = run % 3;
        for _ in 0..run / 3 {
            out.push('\u{2014}');
        }
        match rest {
            1 => out.push('-'),
            2 => out.push('\u{2013}'),
            _ => {}
        }
    };
    for c in text.chars() {
        if c == '-' {
            run += 1;
            continue;
        }
        flush(run, &mut out);
        run = 0;
        out.push(c);
    }
    flush(run, &mut out);
    out.into()
}

/// `github` (Hugo's default): `-`, space and tab become `-`; letters, decimal digits and `_`
/// are kept (lower-cased, any script); everything else is dropped, marks included (so
/// Devanagari vowel signs go). Nothing is trimmed or collapsed.
pub fn github(text: &str) -> String {
    let text = typographer(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '-' || c == ' ' || c == '\t' {
            out.push('-');
        } else if c == '_' || is_letter(c) || is_digit(c) {
            out.push(lower_char(c));
        }
    }
    out
}

/// `github-ascii`: accents removed first (`text.RemoveAccents`: decompose, drop non-spacing
/// marks, recompose), then `github` keeping only ASCII characters.
pub fn github_ascii(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text = typographer(text);
    let stripped: String = text
        .nfd()
        .filter(|c| {
            !(is_mark(*c)
                && unicode_general_category::get_general_category(*c)
                    == unicode_general_category::GeneralCategory::NonspacingMark)
        })
        .nfc()
        .collect();
    let mut out = String::with_capacity(stripped.len());
    for c in stripped.chars() {
        if !c.is_ascii() {
            continue;
        }
        if c == '-' || c == ' ' || c == '\t' {
            out.push('-');
        } else if c == '_' || c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// `blackfriday`: letters and numbers kept (lower-cased); any run of other characters between
/// two kept ones becomes one `-`; leading and trailing ones are dropped.
pub fn blackfriday(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if is_letter(c) || is_number(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(lower_char(c));
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_ids_as_hugo_0_168_renders_them() {
        // Heading text (as rendered: markup reduced to text) → id, from Hugo 0.168's HTML.
        for (text, want) in [
            ("A b C!", "a-b-c"),
            ("Link text", "link-text"),
            ("Foo & bar", "foo--bar"),
            ("Héllo Wörld 日本語 हिन्दी ²½Ⅳ", "héllo-wörld-日本語-हनद-"),
            (
                "Title \"quoted\" 'single' (paren) [br]",
                "title-quoted-single-paren-br",
            ),
            (
                "snake_case and-dash -- double  spaces",
                "snake_case-and-dash--double--spaces",
            ),
            ("Ça va -- bien", "ça-va--bien"),
            ("emoji smile 🎉 x", "emoji-smile--x"),
            ("İstanbul", "istanbul"),
        ] {
            assert_eq!(github(text), want, "{text}");
        }
    }

    #[test]
    fn ascii_and_blackfriday_ids() {
        assert_eq!(github_ascii("Héllo Wörld 日本語"), "hello-world-");
        assert_eq!(github_ascii("Ça va -- bien"), "ca-va--bien");
        assert_eq!(github_ascii("安装 指南"), "-");
        assert_eq!(github("a---b - c--d"), "ab---cd");
        assert_eq!(
            blackfriday("Héllo, Wörld!  日本語 ²"),
            "héllo-wörld-日本語-²"
        );
        assert_eq!(blackfriday("  --Foo & Bar--  "), "foo-bar");
    }
}
