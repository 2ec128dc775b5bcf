//! Summary rules: a `summary`/`description` that claims to be an excerpt of the body (it ends
//! with `...`, `…` or `……`) must still be one. The body's lead text comes from the shared body
//! facts (markup reduced to text, front headings, HTML comments and shortcodes dropped);
//! comparison (`crate::textmatch`) is after NFKC and whitespace folding, counted in graphemes.

use crate::diagnostic::{Diagnostic, Fix, Target};
use crate::document::Document;
use crate::parse::Value;
use crate::textmatch::{self, Verdict};

#[derive(Debug, Clone)]
pub struct SummaryOptions {
    pub fields: Vec<String>,
    pub min: usize,
    pub max: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            fields: vec!["summary".into(), "description".into()],
            min: 20,
            max: 160,
        }
    }
}

pub fn check(
    doc: &Document,
    opts: &SummaryOptions,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(root) = doc.mapping() else { return };
    if !super::group_on(on, "summary") {
        return;
    }
    for field in &opts.fields {
        let Some(index) = root.entry_index_ignore_case(field) else {
            continue;
        };
        let entry = &root.entries()[index];
        let node = &entry.value;
        let Value::String(summary) = &node.value else {
            continue;
        };
        let key = &entry.key;
        let span = node.span.clone();
        let trimmed = summary.trim();
        if trimmed.is_empty() {
            if on("summary/empty") && !doc.facts().lead_text.trim().is_empty() {
                out.push(
                    Diagnostic::new("summary/empty", span, format!("`{key}` is empty while the page has text"))
                        .help(format!("write a `{key}`, or remove the key so the site generator derives one from the body")),
                );
            }
            continue;
        }
        let chars = textmatch::grapheme_len(trimmed);
        if on("summary/length") && (chars < opts.min || chars > opts.max) {
            out.push(
                Diagnostic::new(
                    "summary/length",
                    span.clone(),
                    format!(
                        "`{key}` is {chars} characters long, outside {}–{}",
                        opts.min, opts.max
                    ),
                )
                .help("listing pages and search snippets cut or pad summaries outside this range"),
            );
        }
        if on("summary/markup") {
            if let Some(what) = markup(trimmed) {
                out.push(
                    Diagnostic::new("summary/markup", span.clone(), format!("`{key}` contains {what}, which listing pages print as is"))
                        .help("write plain text: summaries are not rendered as Markdown or HTML by most themes"),
                );
            }
        }
        if !(on("summary/mismatch") || on("summary/truncated-without-ellipsis")) {
            continue;
        }
        let lead = &doc.facts().lead_text;
        if lead.trim().is_empty() {
            continue;
        }
        let verdict = textmatch::compare(summary, lead);
        match &verdict {
            Verdict::Mismatch {
                ellipsis,
                matched,
                summary_says,
                body_says,
                // Sharing not even its first character with the body, a summary ending with an
                // ellipsis is a teaser written for listings, not a cut of the body.
            } if on("summary/mismatch") && *matched > 0 => {
                let (pre, _) = textmatch::split_ellipsis(trimmed);
                let regenerated =
                    textmatch::regenerate(lead, textmatch::grapheme_len(pre), ellipsis);
                let fix = super::edit::replace_str(doc, &[index], &regenerated)
                    .map(|e| Fix::set(e, vec![index], Target::Str(regenerated.clone()), false));
                let body_says = if body_says.is_empty() {
                    "nothing more".to_string()
                } else {
                    format!("'{body_says}'")
                };
                out.push(
                    Diagnostic::new(
                        "summary/mismatch",
                        span,
                        format!(
                            "`{key}` is an excerpt that no longer matches the body: they agree for {matched} characters, then the summary says '{summary_says}' where the body says {body_says}"
                        ),
                    )
                    .label("ends with an ellipsis, so it claims to be the body's opening")
                    .help("cut the summary again from the body's first sentence, or drop the ellipsis if it is an abstract"),
                );
                if let (Some(fix), Some(d)) = (fix, out.last_mut()) {
                    d.fix = Some(fix);
                }
            }
            Verdict::TruncatedWithoutEllipsis { chars }
                if on("summary/truncated-without-ellipsis") =>
            {
                let appended = format!("{trimmed}{}", ellipsis_for(trimmed));
                let fix = super::edit::replace_str(doc, &[index], &appended)
                    .map(|e| Fix::set(e, vec![index], Target::Str(appended.clone()), false));
                out.push(
                    Diagnostic::new(
                        "summary/truncated-without-ellipsis",
                        span,
                        format!("`{key}` is the body's first {chars} characters, cut inside a sentence, without an ellipsis"),
                    )
                    .help("end it with `...` (or `……`), or let it run to the end of the sentence"),
                );
                if let (Some(fix), Some(d)) = (fix, out.last_mut()) {
                    d.fix = Some(fix);
                }
            }
            _ => {}
        }
    }
}

/// The ellipsis a site uses after text like this: `……` after CJK, `...` otherwise.
fn ellipsis_for(text: &str) -> &'static str {
    let cjk = text.chars().last().is_some_and(|c| {
        ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    });
    if cjk { "……" } else { "..." }
}

/// Markdown or HTML syntax a listing page would print raw.
fn markup(s: &str) -> Option<&'static str> {
    if s.contains("](") {
        return Some("a Markdown link `](`");
    }
    if s.contains("**") || s.contains("__") {
        return Some("Markdown emphasis `**`");
    }
    let bytes = s.as_bytes();
    let tag = bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'));
    if tag && s.contains('>') {
        return Some("an HTML tag");
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_detection() {
        assert!(super::markup("See [the post](x) now").is_some());
        assert!(super::markup("a **bold** claim").is_some());
        assert!(super::markup("<p>Hello</p>").is_some());
        assert!(super::markup("x < y and y > z").is_none());
        assert!(super::markup("snake_case is fine").is_none());
        assert!(super::markup("奥特曼分享AI三大观察").is_none());
    }
}
