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
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100);
        FullRenderer {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(width)
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
