//! The `full` format: miette's graphical report, one per diagnostic, with the file's snippet,
//! a label on the exact span, the rule id as the code, and the help.

use std::fmt;
use std::ops::Range;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::{self, Escaped};

pub struct FullRenderer {
    handler: GraphicalReportHandler,
}

impl FullRenderer {
    pub fn new(color: bool) -> Self {
        Self::with_width(color, terminal_width())
    }

    /// `width`: the terminal's, when known; unknown, messages and help are not wrapped (and
    /// snippets are laid out for 100 columns).
    pub fn with_width(color: bool, width: Option<usize>) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        FullRenderer {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(width.unwrap_or(100))
                .with_wrap_lines(width.is_some())
                .with_break_words(false)
                .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
                .with_word_separator(textwrap::WordSeparator::Custom(break_points))
                .with_context_lines(1),
        }
    }

    pub fn render_file(&self, f: &FileReport) -> String {
        let mut out = String::new();
        // CRLF would leave `\r` inside snippet lines: show the text with LF, same byte count.
        let source = CharColumns::new(&escape::text(&f.path), &f.text);
        for l in &f.diagnostics {
            let view = View {
                d: &l.diagnostic,
                source: &source,
            };
            let _ = self.handler.render_report(&mut out, &view);
            if let Some(note) = &l.diagnostic.note {
                out.push_str("  note: ");
                out.push_str(&escape::text(note));
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

/// The width to lay out for: the terminal's (standard output, else standard error), else
/// `$COLUMNS`, else 100 columns.
pub fn terminal_width() -> Option<usize> {
    let terminal = terminal_size::terminal_size_of(std::io::stdout())
        .or_else(|| terminal_size::terminal_size_of(std::io::stderr()))
        .map(|(w, _)| usize::from(w.0));
    let known = terminal
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|w| *w >= 20);
    Some(known.unwrap_or(100))
}

/// Where a message or help line may break: after spaces and between two CJK characters, but
/// never inside a code span (`` `date/future` ``), a date-time (`2025-02-10 07:55:15
/// +08:00`), a short parenthesis (`(os error 2)`), or before closing punctuation. Words are
/// not hyphenated and never broken (a long path or URL overflows instead).
fn break_points(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let char_at = |i: usize| chars.get(i).map(|c| c.1);
    // Short parentheses are kept whole: the characters inside them (each is marked at most
    // 33 times, so this stays linear).
    let mut in_parens = vec![false; chars.len()];
    for (i, &(_, c)) in chars.iter().enumerate() {
        if c != '(' {
            continue;
        }
        let inner = chars[i + 1..]
            .iter()
            .take(32)
            .position(|&(_, c)| c == ')' || c == '(');
        if let Some(len) = inner.filter(|len| char_at(i + 1 + len) == Some(')')) {
            in_parens[i..=i + 1 + len].fill(true);
        }
    }
    let mut words = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '`' {
            in_code = !in_code;
        }
        let kept = in_code || in_parens[i];
        if c == ' ' && !kept {
            let mut j = i;
            while char_at(j) == Some(' ') {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |c| c.0);
            let before = i.checked_sub(1).and_then(char_at);
            let (after, after2) = (char_at(j), char_at(j + 1));
            // `2025-02-10 07:55:15 +08:00`: digits on both sides (or a sign, then digits).
            let in_date = before.is_some_and(|b| b.is_ascii_digit())
                && (after.is_some_and(|a| a.is_ascii_digit())
                    || matches!(after, Some('+' | '-'))
                        && after2.is_some_and(|a| a.is_ascii_digit()));
            if !in_date {
                words.push(textwrap::core::Word::from(&line[start..end]));
                start = end;
            }
            i = j;
            continue;
        }
        if !kept {
            if let Some(next) = char_at(i + 1) {
                if is_cjk(c) && is_cjk(next) && !closing_punctuation(next) {
                    let end = chars[i + 1].0;
                    words.push(textwrap::core::Word::from(&line[start..end]));
                    start = end;
                }
            }
        }
        i += 1;
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

/// Wide East Asian characters: ideographs, kana, hangul, full-width forms and punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Punctuation a line must not start with (kinsoku): it stays with the character before.
fn closing_punctuation(c: char) -> bool {
    "，。、；：？！）」』】》〉…—～·,.;:?!)]}".contains(c)
}

struct View<'a> {
    d: &'a Diagnostic,
    source: &'a CharColumns,
}

/// The file as miette sees it: CRLF shown as LF (same byte count), control, bidi and invisible
/// characters as visible escapes (`crate::escape::Escaped`: spans are mapped onto them), and
/// the header's `path:line:col` with the column counted in characters of the file like every
/// other format (miette counts bytes of what it shows).
struct CharColumns {
    inner: NamedSource<String>,
    /// The text with LF line ends, before escaping: columns are counted in it.
    original: String,
    escaped: Escaped,
}

impl CharColumns {
    fn new(name: &str, text: &str) -> Self {
        let original = text.replace("\r\n", " \n");
        let escaped = Escaped::new(&original);
        CharColumns {
            inner: NamedSource::new(name, escaped.text.clone()),
            original,
            escaped,
        }
    }

    /// A span of the file as a span of the text shown.
    fn span(&self, r: &Range<usize>) -> miette::SourceSpan {
        let start = self.escaped.to_escaped(r.start);
        let end = self.escaped.to_escaped(r.end.max(r.start));
        (start, end - start).into()
    }
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self.inner.read_span(span, before, after)?;
        if before != 0 || after != 0 {
            return Ok(contents);
        }
        let text = &self.original;
        let offset = self.escaped.to_original(span.offset());
        let offset = crate::source::floor_char_boundary(text, offset);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count();
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.inner.name().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::text(&self.d.message))
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::text(&self.d.message))
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error | Severity::Off => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .help
            .as_deref()
            .map(|h| Box::new(escape::text(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = |s: &str| escape::text(s).into_owned();
        let primary = LabeledSpan::new_primary_with_span(
            self.d.label.as_deref().map(text),
            self.source.span(&self.d.span),
        );
        let rest = self.d.labels.iter().map(move |l| {
            LabeledSpan::new_with_span(Some(text(&l.message)), self.source.span(&l.span))
        });
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

/// A fatal error (config or schema): message, and the file it points into when known.
pub fn render_fatal(
    color: bool,
    path: &str,
    source: Option<&str>,
    span: Option<Range<usize>>,
    message: &str,
) -> String {
    struct Fatal<'a> {
        message: &'a str,
        source: Option<CharColumns>,
        span: Option<Range<usize>>,
    }
    impl fmt::Debug for Fatal<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.message)
        }
    }
    impl fmt::Display for Fatal<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.message)
        }
    }
    impl std::error::Error for Fatal<'_> {}
    impl miette::Diagnostic for Fatal<'_> {
        fn source_code(&self) -> Option<&dyn SourceCode> {
            self.source.as_ref().map(|s| s as &dyn SourceCode)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            let (Some(source), Some(r)) = (&self.source, &self.span) else {
                return None;
            };
            let at = source.span(r);
            Some(Box::new(std::iter::once(
                LabeledSpan::new_primary_with_span(None, at),
            )))
        }
    }
    let path = escape::text(path);
    let full_message = format!("{path}: {}", escape::text(message));
    let fatal = Fatal {
        message: &full_message,
        source: source.map(|s| CharColumns::new(&path, s)),
        span,
    };
    let mut out = String::new();
    let _ = FullRenderer::new(color)
        .handler
        .render_report(&mut out, &fatal);
    out.push('\n');
    escape::guard(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_points_keep_code_dates_and_short_parentheses_whole() {
        let words: Vec<&str> =
            break_points("see `a b` (os error 2) at 2025-02-10 07:55:15 +08:00 标题文字，好 x")
                .map(|w| w.word)
                .collect();
        assert_eq!(
            words,
            [
                "see",
                "`a b`",
                "(os error 2)",
                "at",
                "2025-02-10 07:55:15 +08:00",
                "标",
                "题",
                "文",
                "字，",
                "好",
                "x"
            ]
        );
    }
}
