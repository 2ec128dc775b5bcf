//! Suppression comments. In a YAML or TOML header:
//! `# frontlint-disable-next-line date/future -- reason` (the next line) or
//! `# frontlint-disable date/future` (the whole file). In the body:
//! `<!-- frontlint-disable-next-line link/broken-relative -->`, or
//! `<!-- frontlint-disable syntax/missing -->` for the whole file (the only form for what is
//! reported on the file rather than a line: `syntax/missing`, `file/…`). Several ids (or whole
//! groups, `date`) separated by commas. A directive that suppresses nothing is
//! `suppression/unused`; a comment that starts like a directive but is not one
//! (`frontlint-disable-line`, `frontlint-disable-nextline`) is
//! `suppression/unknown-directive`.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::registry as rules;

/// What every directive starts with: a comment starting with it is checked.
const PREFIX: &str = "frontlint-";
/// The directives there are.
const DIRECTIVES: [&str; 2] = ["frontlint-disable", "frontlint-disable-next-line"];

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
    let pending = apply_deferring(text, header, diagnostics, &|_| false);
    debug_assert!(pending.is_empty());
}

/// A suppression whose use is decided later, by the site-wide phase: its id may name a rule
/// that only that phase reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The comment's span, for `suppression/unused`.
    pub span: Range<usize>,
    /// `None`: the whole file; else diagnostics starting in this range.
    pub lines: Option<Range<usize>>,
    pub id: String,
}

/// [`apply`], except that ids for which `deferred` is true and that suppressed nothing here
/// are returned instead of being reported as unused.
pub fn apply_deferring(
    text: &str,
    header: Option<Range<usize>>,
    diagnostics: &mut Vec<Diagnostic>,
    deferred: &dyn Fn(&str) -> bool,
) -> Vec<Pending> {
    let mut pending = Vec::new();
    if !text.contains(PREFIX) {
        return pending;
    }
    let (mut directives, unknown) = parse(text, header);
    diagnostics.extend(unknown);
    if directives.is_empty() {
        return pending;
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
    let mut unused_here = Vec::new();
    for dir in directives {
        for (id, used) in dir.ids {
            // Whether a remote rule reports depends on the network (and on `--remote`): its
            // suppression is never judged unused.
            if used || id.contains("/remote-") {
                continue;
            }
            if deferred(&id) {
                pending.push(Pending {
                    span: dir.span.clone(),
                    lines: dir.lines.clone(),
                    id,
                });
                continue;
            }
            let message = if !rules::is_known_selector(&id) {
                let hint = crate::friendly::did_you_mean(crate::friendly::closest_selector(&id));
                format!("`{id}` is not a rule id or group{hint}")
            } else if let Some(line) = dir
                .lines
                .as_ref()
                .and_then(|_| reported_line(text, diagnostics, &id))
            {
                format!(
                    "`{id}` is suppressed on the next line, but it is reported on line {line}: `frontlint-disable {id}` suppresses it in the whole file"
                )
            } else {
                format!("`{id}` is suppressed here but reports nothing")
            };
            unused_here.push(unused(dir.span.clone(), message));
        }
    }
    diagnostics.extend(unused_here);
    pending
}

/// Rules that report on the file rather than on a line: a next-line comment cannot reach
/// them, a whole-file one can.
const FILE_LEVEL: [&str; 3] = ["syntax/missing", "file/too-large", "internal/error"];

/// The line (1-based) of the first file-level diagnostic `id` selects, if any.
fn reported_line(text: &str, diagnostics: &[Diagnostic], id: &str) -> Option<usize> {
    let d = diagnostics
        .iter()
        .find(|d| FILE_LEVEL.contains(&d.rule) && (d.rule == id || rules::group(d.rule) == id))?;
    let at = d.span.start.min(text.len());
    Some(
        text.as_bytes()[..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1,
    )
}

fn unused(span: Range<usize>, message: String) -> Diagnostic {
    Diagnostic::new("suppression/unused", span, message)
        .help("remove the id from the comment (or the whole comment)")
}

/// Apply pending suppressions to a file's site-wide diagnostics; report those that suppressed
/// nothing (several pending ids of one comment are reported one by one, like [`apply`]).
pub fn apply_pending(pending: &[Pending], diagnostics: &mut Vec<Diagnostic>) {
    let mut used = vec![false; pending.len()];
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for (p, u) in pending.iter().zip(used.iter_mut()) {
            let in_range = p.lines.as_ref().is_none_or(|r| r.contains(&d.span.start));
            if in_range && (p.id == d.rule || rules::group(d.rule) == p.id) {
                *u = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for (p, u) in pending.iter().zip(used) {
        if !u {
            diagnostics.push(unused(
                p.span.clone(),
                format!("`{}` is suppressed here but reports nothing", p.id),
            ));
        }
    }
}

/// The directives of a file, and the comments that start like one but are not.
fn parse(text: &str, header: Option<Range<usize>>) -> (Vec<Directive>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let mut from = 0;
    // Bounded work per occurrence, so a hostile line holding the prefix many times stays
    // linear: the line's end is found once per line, the comment opener is looked for in the
    // 256 bytes before, and a directive is read in the 4 KiB after (to `-->` in the body).
    let mut line_end = 0;
    while let Some(i) = text[from..].find(PREFIX) {
        let at = from + i;
        from = at + PREFIX.len();
        if at >= line_end {
            line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        }
        let window = crate::source::floor_char_boundary(text, at.saturating_sub(256));
        let line_start = text[window..at]
            .rfind('\n')
            .map_or(window, |p| window + p + 1);
        let before = &text[line_start..at];
        let in_header = header.as_ref().is_some_and(|h| h.contains(&at));
        let comment_end = if in_header {
            if !before.contains('#') {
                continue;
            }
            crate::source::floor_char_boundary(text, line_end.min(at + 4096))
        } else {
            if !before.contains("<!--") {
                continue;
            }
            let search_end = crate::source::floor_char_boundary(text, line_end.min(at + 4096));
            match text[at..search_end].find("-->") {
                Some(p) => at + p,
                None => continue,
            }
        };
        // The directive's name: `frontlint-` and the letters and dashes after it.
        let name_len = text[at..comment_end]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(comment_end - at);
        let name = &text[at..at + name_len];
        let rest = &text[at + name_len..comment_end];
        // Only a comment that starts with the name is meant as a directive.
        let opens_comment = before.trim_end().ends_with('#') || before.trim_end().ends_with("<!--");
        if !DIRECTIVES.contains(&name) {
            if opens_comment {
                unknown.push(unknown_directive(at..at + name_len, name));
            }
            continue;
        }
        let next_line = name == "frontlint-disable-next-line";
        let rest = rest.split(" -- ").next().unwrap_or("");
        let ids: Vec<(String, bool)> = rest
            .split([',', ' ', '\t', '\r'])
            .filter(|s| !s.is_empty())
            .map(|s| (s.to_string(), false))
            .collect();
        if ids.is_empty() || !rest.starts_with([' ', '\t']) {
            if opens_comment {
                unknown.push(
                    Diagnostic::new(
                        "suppression/unknown-directive",
                        at..at + name_len,
                        format!("`{name}` names no rule"),
                    )
                    .help(format!(
                        "add the rule ids or groups it suppresses, separated by commas: `{name} date/future`"
                    )),
                );
            }
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
    (out, unknown)
}

/// `suppression/unknown-directive` for a comment that starts like a directive.
fn unknown_directive(span: Range<usize>, name: &str) -> Diagnostic {
    let suggestion = match name {
        // ESLint's "this line": here the comment goes on the line before.
        "frontlint-disable-line" | "frontlint-disable-this-line" => {
            Some("frontlint-disable-next-line")
        }
        // Compared without the common prefix: `frontlint-enable` is not `frontlint-disable`.
        _ => {
            let bare = DIRECTIVES.map(|d| d.trim_start_matches(PREFIX));
            crate::friendly::closest(name.trim_start_matches(PREFIX), bare).map(|b| {
                if b == "disable" {
                    DIRECTIVES[0]
                } else {
                    DIRECTIVES[1]
                }
            })
        }
    };
    let message = match suggestion {
        Some(s) => format!("`{name}` is not a frontlint directive; did you mean `{s}`?"),
        None => format!("`{name}` is not a frontlint directive"),
    };
    let help = if suggestion == Some("frontlint-disable-next-line")
        && name.ends_with("-line")
        && !name.contains("next")
    {
        "put `frontlint-disable-next-line RULE` on the line before the one to suppress, or `frontlint-disable RULE` anywhere for the whole file".to_string()
    } else {
        "the directives are `frontlint-disable-next-line RULE` (the next line) and `frontlint-disable RULE` (the whole file)".to_string()
    };
    Diagnostic::new("suppression/unknown-directive", span, message).help(help)
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
        assert_eq!(
            diags[0].message,
            "`date/futur` is not a rule id or group; did you mean `date/future`?"
        );
    }

    #[test]
    fn unknown_directives() {
        let text = "---\n# frontlint-disable-nextline date/future\n# frontlint-disable-line yaml\ntitle: x # see frontlint-docs\n# frontlint-disable\n---\n<!-- frontlint-enable link -->\n<!-- a frontlint-thing -->\n";
        let header = 4..text.find("---\n<!--").unwrap();
        let mut diags = Vec::new();
        apply(text, Some(header), &mut diags);
        let found: Vec<(&str, &str, &str)> = diags
            .iter()
            .map(|d| (d.rule, &text[d.span.clone()], d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "suppression/unknown-directive",
                    "frontlint-disable-nextline",
                    "`frontlint-disable-nextline` is not a frontlint directive; did you mean `frontlint-disable-next-line`?"
                ),
                (
                    "suppression/unknown-directive",
                    "frontlint-disable-line",
                    "`frontlint-disable-line` is not a frontlint directive; did you mean `frontlint-disable-next-line`?"
                ),
                (
                    "suppression/unknown-directive",
                    "frontlint-disable",
                    "`frontlint-disable` names no rule"
                ),
                (
                    "suppression/unknown-directive",
                    "frontlint-enable",
                    "`frontlint-enable` is not a frontlint directive"
                ),
            ]
        );
    }

    #[test]
    fn next_line_for_a_file_level_rule_says_where_it_is_reported() {
        let text = "<!-- frontlint-disable-next-line syntax/missing -->\nBody.\n";
        let mut diags = vec![d("syntax/missing", 0)];
        apply(text, None, &mut diags);
        assert_eq!(diags[0].rule, "syntax/missing");
        assert_eq!(
            diags[1].message,
            "`syntax/missing` is suppressed on the next line, but it is reported on line 1: `frontlint-disable syntax/missing` suppresses it in the whole file"
        );
        let text = "<!-- frontlint-disable syntax/missing -->\nBody.\n";
        let mut diags = vec![d("syntax/missing", 0)];
        apply(text, None, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn many_directives_on_one_line() {
        // 50,000 unknown directives on one 1 MB body line, each reported; each is looked at
        // in a bounded window (a scan of the whole line per directive would be quadratic).
        let line = "<!-- frontlint-x -->".repeat(50_000);
        let text = format!("---\ntitle: t\n---\n{line}\n");
        let mut diags = Vec::new();
        apply(&text, Some(4..14), &mut diags);
        assert_eq!(diags.len(), 50_000);
        assert!(
            diags
                .iter()
                .all(|d| d.rule == "suppression/unknown-directive")
        );
    }
}
