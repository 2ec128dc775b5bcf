//! Suppression comments. In a YAML or TOML header:
//! `# frontlint-disable-next-line date/future -- reason` (the next line) or
//! `# frontlint-disable date/future` (the whole file). In the body:
//! `<!-- frontlint-disable-next-line link/broken-relative -->`. Several ids (or whole groups,
//! `date`) separated by commas. A directive that suppresses nothing is `suppression/unused`.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::rules;

const MARK: &str = "frontlint-disable";

#[derive(Debug)]
struct Directive {
    /// The comment text's span, for `suppression/unused`.
    span: Range<usize>,
    /// `None`: the whole file; `Some(r)`: diagnostics starting in `r` (the next line).
    lines: Option<Range<usize>>,
    ids: Vec<(String, bool)>,
}

/// Drop suppressed diagnostics and report directives that suppressed nothing.
/// `header` is the header's byte range (comments there start with `#`); elsewhere only HTML
/// comments count.
pub fn apply(text: &str, header: Option<Range<usize>>, diagnostics: &mut Vec<Diagnostic>) {
    if !text.contains(MARK) {
        return;
    }
    let mut directives = parse(text, header);
    if directives.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for dir in &mut directives {
            if dir
                .lines
                .as_ref()
                .is_some_and(|r| !r.contains(&d.span.start))
            {
                continue;
            }
            for (id, used) in &mut dir.ids {
                if id == d.rule || rules::group(d.rule) == id {
                    *used = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for dir in directives {
        for (id, used) in dir.ids {
            if used {
                continue;
            }
            let message = if rules::is_known_selector(&id) {
                format!("`{id}` is suppressed here but reports nothing")
            } else {
                format!("`{id}` is not a rule id or group")
            };
            diagnostics.push(
                Diagnostic::new("suppression/unused", dir.span.clone(), message)
                    .help("remove the id from the comment (or the whole comment)"),
            );
        }
    }
}

fn parse(text: &str, header: Option<Range<usize>>) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(MARK) {
        let at = from + i;
        from = at + MARK.len();
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        let before = &text[line_start..at];
        let in_header = header.as_ref().is_some_and(|h| h.contains(&at));
        let comment_end = if in_header {
            if !before.contains('#') {
                continue;
            }
            line_end
        } else {
            if !before.contains("<!--") {
                continue;
            }
            match text[at..line_end].find("-->") {
                Some(p) => at + p,
                None => continue,
            }
        };
        let rest = &text[at + MARK.len()..comment_end];
        let (next_line, rest) = match rest.strip_prefix("-next-line") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let rest = rest.split(" -- ").next().unwrap_or("");
        let ids: Vec<(String, bool)> = rest
            .split([',', ' ', '\t', '\r'])
            .filter(|s| !s.is_empty())
            .map(|s| (s.to_string(), false))
            .collect();
        if ids.is_empty() {
            continue;
        }
        let lines = next_line.then(|| {
            let next_start = (line_end + 1).min(text.len());
            let next_end = text[next_start..]
                .find('\n')
                .map_or(text.len(), |p| next_start + p);
            next_start..next_end + 1
        });
        out.push(Directive {
            span: at..comment_end.max(at).min(text.len()),
            lines,
            ids,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(rule: &'static str, at: usize) -> Diagnostic {
        Diagnostic::new(rule, at..at + 1, "m")
    }

    #[test]
    fn next_line_file_and_unused() {
        let text = "---\r\n# frontlint-disable-next-line syntax/duplicate-key, yaml -- 历史原因\r\ntitle: a\r\ntitle: b\r\n# frontlint-disable schema/type\r\n---\r\n<!-- frontlint-disable-next-line syntax -->\r\nx\r\n";
        let header = 5..text.find("---\r\n<!--").unwrap();
        let first_title = text.find("title: a").unwrap();
        let second_title = text.find("title: b").unwrap();
        let mut diags = vec![
            d("syntax/duplicate-key", first_title),
            d("syntax/duplicate-key", second_title),
            d("schema/type", second_title),
        ];
        apply(text, Some(header), &mut diags);
        let left: Vec<(&str, String)> = diags.iter().map(|d| (d.rule, d.message.clone())).collect();
        assert_eq!(
            left,
            [
                ("syntax/duplicate-key", "m".to_string()),
                (
                    "suppression/unused",
                    "`yaml` is suppressed here but reports nothing".to_string()
                ),
                (
                    "suppression/unused",
                    "`syntax` is suppressed here but reports nothing".to_string()
                ),
            ]
        );
        assert_eq!(
            diags[0].span.start, second_title,
            "only the next line is suppressed"
        );
    }

    #[test]
    fn unknown_ids_and_non_comments() {
        let text = "---\n# frontlint-disable date/futur\ntitle: \"frontlint-disable x\"\n---\nfrontlint-disable y\n";
        let mut diags = Vec::new();
        apply(text, Some(4..text.find("---\nfront").unwrap()), &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "`date/futur` is not a rule id or group");
    }
}
