//! Finding the front matter: YAML `---`…`---` (or `...`), TOML `+++`…`+++`, or a JSON object
//! `{`…`}` at the very top of the file. A UTF-8 BOM before it and CRLF line endings are fine.
//! Only byte ranges come out of here; nothing is copied.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub format: Format,
    /// The opening delimiter line (`---`), without its line break. For JSON, the `{`.
    pub open: Range<usize>,
    /// The header text between the delimiters (for JSON, the whole object).
    pub content: Range<usize>,
    /// Where the body starts.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with a front-matter delimiter.
    Missing,
    Found(FrontMatter),
    /// Opened, never closed: `content` runs to the end of the file.
    Unterminated(FrontMatter),
}

const BOM: &[u8] = "\u{feff}".as_bytes();

pub fn split(text: &str) -> Split {
    split_bytes(text.as_bytes())
}

/// [`split`] on raw bytes, before any UTF-8 validation: every offset it returns sits next to
/// an ASCII delimiter byte, so it is a character boundary of any valid UTF-8 text. `--no-body`
/// uses it to find the end of the header in a file's first bytes.
pub fn split_bytes(text: &[u8]) -> Split {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    split_at(text, start)
}

/// [`split`] for a generator that allows white space before the opening delimiter: Zola's
/// front-matter pattern starts with `^[[:space:]]*` (`components/content/src/front_matter/split.rs`:
/// `^[[:space:]]*\+\+\+(\r?\n(?s).*?(?-s))\+\+\+[[:space:]]*(?:$|(?:\r?\n((?s).*(?-s))$))`), so
/// blank lines and spaces before `+++` or `---` are fine there.
pub fn split_allowing_leading_space(text: &str) -> Split {
    let bytes = text.as_bytes();
    let start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let skipped = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |p| start + p);
    match split_at(bytes, skipped) {
        // Only the delimited forms: a JSON object is not a Zola header.
        Split::Found(fm) | Split::Unterminated(fm) if fm.format == Format::Json => Split::Missing,
        other => other,
    }
}

fn split_at(text: &[u8], start: usize) -> Split {
    let rest = &text[start..];
    if rest.starts_with(b"{") {
        // A JSON object's first token after `{` is a key (`"`) or the closing `}`: a Liquid
        // tag (`{% … %}`), a kramdown attribute list (`{:.class}`) or a shortcode (`{{< … >}}`)
        // at the top of a file is body text, not a header.
        let next = rest[1..].iter().find(|b| !b.is_ascii_whitespace());
        if !matches!(next, Some(b'"' | b'}') | None) {
            return Split::Missing;
        }
        return split_json(text, start);
    }
    let (format, delim): (_, &[u8]) = if rest.starts_with(b"---") {
        (Format::Yaml, b"---")
    } else if rest.starts_with(b"+++") {
        (Format::Toml, b"+++")
    } else {
        return Split::Missing;
    };
    let Some(first_end) = delimiter_line_end(text, start, delim) else {
        return Split::Missing;
    };
    let open = start..start + delim.len();
    let content_start = next_line(text, first_end);
    let mut line_start = content_start;
    while line_start < text.len() {
        let line_end = memchr_newline(text, line_start);
        let line = trim_line_end(&text[line_start..line_end]);
        let closes = line == delim || (format == Format::Yaml && line == b"...");
        if closes {
            return Split::Found(FrontMatter {
                format,
                open,
                content: content_start..line_start,
                body_start: next_line(text, line_end),
            });
        }
        line_start = next_line(text, line_end);
    }
    Split::Unterminated(FrontMatter {
        format,
        open,
        content: content_start.min(text.len())..text.len(),
        body_start: text.len(),
    })
}

/// A line without its trailing `\r`, spaces and tabs.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let keep = line
        .iter()
        .rposition(|b| !matches!(b, b'\r' | b' ' | b'\t'))
        .map_or(0, |i| i + 1);
    &line[..keep]
}

/// If the line at `start` is exactly `delim` (trailing blanks allowed), its end (before `\r\n`).
fn delimiter_line_end(text: &[u8], start: usize, delim: &[u8]) -> Option<usize> {
    let end = memchr_newline(text, start);
    (trim_line_end(&text[start..end]) == delim).then_some(end)
}

/// The offset of the next `\n` at or after `from`, or the end of the text.
fn memchr_newline(text: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &text[from..]).map_or(text.len(), |p| from + p)
}

/// The start of the line after the line break at `line_end`.
fn next_line(text: &[u8], line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

/// A JSON header is one object at the top; it ends at its matching `}`.
fn split_json(bytes: &[u8], start: usize) -> Split {
    let text = bytes;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = i + 1;
                    let line_end = memchr_newline(text, end);
                    return Split::Found(FrontMatter {
                        format: Format::Json,
                        open: start..start + 1,
                        content: start..end,
                        body_start: next_line(text, line_end),
                    });
                }
            }
            _ => {}
        }
    }
    Split::Unterminated(FrontMatter {
        format: Format::Json,
        open: start..start + 1,
        content: start..text.len(),
        body_start: text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> FrontMatter {
        match split(text) {
            Split::Found(fm) => fm,
            other => panic!("expected front matter, got {other:?}"),
        }
    }

    #[test]
    fn liquid_kramdown_and_shortcodes_at_the_top_are_not_json() {
        for text in [
            "{% auto_anchor %}\n# 标题\n",
            "{:.post-meta}\r\ntext\r\n",
            "{{< note >}}\nx\n{{< /note >}}\n",
        ] {
            assert_eq!(split(text), Split::Missing, "{text:?}");
        }
        assert_eq!(found("{ \"title\": \"标题\" }\nbody").format, Format::Json);
        assert_eq!(found("{\r\n  \"a\": 1\r\n}\r\n").format, Format::Json);
        assert_eq!(found("{}\n").format, Format::Json);
    }

    #[test]
    fn zola_allows_blank_lines_before_the_delimiter() {
        let text = "\r\n\n+++\r\ntitle = \"标题\"\r\n+++\r\nbody\r\n";
        assert_eq!(split(text), Split::Missing);
        let Split::Found(fm) = split_allowing_leading_space(text) else {
            panic!("found")
        };
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(&text[fm.open.clone()], "+++");
        assert_eq!(&text[fm.content.clone()], "title = \"标题\"\r\n");
        // Spaces before the delimiter too, as `[[:space:]]*` allows.
        assert!(matches!(
            split_allowing_leading_space("\n  +++\nx = 1\n+++\n"),
            Split::Found(_)
        ));
        assert_eq!(split_allowing_leading_space("{\"a\": 1}\n"), Split::Missing);
        assert_eq!(split_allowing_leading_space("plain\n+++\n"), Split::Missing);
    }

    #[test]
    fn yaml_with_lf() {
        let text = "---\ntitle: 标题\n---\nbody\n";
        let fm = found(text);
        assert_eq!(fm.format, Format::Yaml);
        assert_eq!(&text[fm.content.clone()], "title: 标题\n");
        assert_eq!(&text[fm.body_start..], "body\n");
    }

    #[test]
    fn yaml_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: 标题\r\n---\r\nbody\r\n";
        let fm = found(text);
        assert_eq!(fm.open, 3..6);
        assert_eq!(&text[fm.content.clone()], "title: 标题\r\n");
        assert_eq!(&text[fm.body_start..], "body\r\n");
    }

    #[test]
    fn yaml_closed_by_dots_and_trailing_blanks() {
        let fm = found("--- \ntitle: a\n... \nbody");
        assert_eq!(fm.content, 5..14);
    }

    #[test]
    fn toml() {
        let text = "+++\r\ntitle = \"a\"\r\n+++\r\n";
        let fm = found(text);
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(&text[fm.content.clone()], "title = \"a\"\r\n");
        assert_eq!(fm.body_start, text.len());
    }

    #[test]
    fn json_with_braces_in_strings() {
        let text = "{\n  \"title\": \"a } b\",\n  \"p\": {\"x\": [1]}\n}\nbody";
        let fm = found(text);
        assert_eq!(fm.format, Format::Json);
        assert_eq!(&text[fm.body_start..], "body");
        assert!(text[fm.content.clone()].ends_with("}\n}"));
    }

    #[test]
    fn empty_header() {
        let fm = found("---\n---\n");
        assert!(fm.content.is_empty());
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split("# Title\n---\n"), Split::Missing);
        assert_eq!(split("----\n"), Split::Missing);
        assert_eq!(split(""), Split::Missing);
        assert!(matches!(split("---\ntitle: a\n"), Split::Unterminated(_)));
        assert!(matches!(split("{\"a\": 1"), Split::Unterminated(_)));
        // A delimiter inside a longer line does not close.
        assert!(matches!(split("---\na: 1\n----\n"), Split::Unterminated(_)));
    }

    #[test]
    fn bytes_before_utf8_validation() {
        // Invalid UTF-8 in the body and a CJK character cut at the end of a read prefix do not
        // matter: the header's end is found on bytes.
        let mut bytes = "---\r\ntitle: 标题\r\n---\r\n".as_bytes().to_vec();
        let body_start = bytes.len();
        bytes.extend_from_slice(&[0xFF, 0xFE, b'x', 0xE6, 0xA0]);
        match split_bytes(&bytes) {
            Split::Found(fm) => {
                assert_eq!(fm.body_start, body_start);
                assert_eq!(&bytes[fm.content], "title: 标题\r\n".as_bytes());
            }
            other => panic!("expected front matter, got {other:?}"),
        }
        assert_eq!(split_bytes(&[0xE6, 0xA0]), Split::Missing);
    }
}
