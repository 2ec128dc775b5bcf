//! Renderers: diagnostics in, text out. Files arrive sorted by path and each file's
//! diagnostics by position and rule id, so every format is deterministic.
//!
//! Paths, messages, help and snippets come from files: every renderer escapes them through
//! `crate::escape` (visible escapes in text formats, `\uXXXX` in JSON, character references
//! in XML), and no text format but `github` prints a line that GitHub reads as a command.

mod full;
mod github;
mod junit;
mod sarif;

use std::io::Write;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::escape;
use crate::source::{LineIndex, Position};

pub use full::{FullRenderer, render_fatal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Source snippets with labels on the exact span (the default on a terminal).
    Full,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// A JSON array of diagnostics.
    Json,
    /// One JSON object per line, for streaming into other tools.
    JsonLines,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDEs).
    Sarif,
    /// JUnit XML: one testsuite per file, one failing testcase per diagnostic.
    Junit,
}

/// Render `files` in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    files: &[FileReport],
    color: bool,
    cwd: &std::path::Path,
) -> std::io::Result<()> {
    match format {
        Format::Full => {
            let renderer = FullRenderer::new(color);
            files
                .iter()
                .try_for_each(|f| out.write_all(escape::guard(&renderer.render_file(f)).as_bytes()))
        }
        Format::Concise => write_concise(out, files),
        Format::Json => write_json(out, files),
        Format::JsonLines => write_json_lines(out, files),
        Format::Github => github::write(out, files),
        Format::Sarif => sarif::write(out, files, cwd),
        Format::Junit => junit::write(out, files),
    }
}

/// One file's diagnostics, with positions resolved.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Located>,
}

/// A diagnostic with its 1-based start and end (exclusive) positions.
pub struct Located {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
}

impl FileReport {
    pub fn new(path: String, text: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        let index = LineIndex::new(&text);
        let diagnostics = diagnostics
            .into_iter()
            .map(|d| Located {
                start: index.position(&text, d.span.start),
                end: index.position(&text, d.span.end),
                diagnostic: d,
            })
            .collect();
        FileReport {
            path,
            text,
            diagnostics,
        }
    }
}

/// The JSON shape of one diagnostic. Lines and columns are 1-based; columns count characters
/// (Unicode scalar values); `end_*` is the position just after the span; `offset` and `length`
/// are in bytes from the start of the file.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: usize,
    pub length: usize,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(path: &'a str, l: &'a Located) -> Self {
        let d = &l.diagnostic;
        JsonDiagnostic {
            path,
            rule: d.rule,
            severity: d.severity,
            message: &d.message,
            help: d.help.as_deref(),
            line: l.start.line,
            column: l.start.column,
            end_line: l.end.line,
            end_column: l.end.column,
            offset: d.span.start,
            length: d.span.len(),
        }
    }
}

/// Paths and messages come from files: escaped, and the line guarded (a path can start it).
pub fn write_concise(out: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    use std::fmt::Write as _;
    for f in files {
        let path = escape::text(&f.path);
        let mut text = String::new();
        for l in &f.diagnostics {
            let d = &l.diagnostic;
            let _ = writeln!(
                text,
                "{}:{}:{}: {}[{}] {}",
                path,
                l.start.line,
                l.start.column,
                d.severity.as_str(),
                d.rule,
                escape::text(&d.message)
            );
        }
        out.write_all(escape::guard(&text).as_bytes())?;
    }
    Ok(())
}

pub fn write_json(out: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    let all: Vec<JsonDiagnostic> = files
        .iter()
        .flat_map(|f| {
            f.diagnostics
                .iter()
                .map(|l| JsonDiagnostic::new(&f.path, l))
        })
        .collect();
    let text = serde_json::to_string_pretty(&all)?;
    writeln!(out, "{}", escape::json(text))
}

pub fn write_json_lines(out: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    for f in files {
        for l in &f.diagnostics {
            let line = serde_json::to_string(&JsonDiagnostic::new(&f.path, l))?;
            writeln!(out, "{}", escape::json(line))?;
        }
    }
    Ok(())
}

/// `--statistics`: counts per rule id, most frequent first, then per severity.
pub fn write_statistics(
    out: &mut dyn Write,
    files: &[FileReport],
    json: bool,
) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, Severity), usize> = Default::default();
    for l in files.iter().flat_map(|f| &f.diagnostics) {
        *counts
            .entry((l.diagnostic.rule, l.diagnostic.severity))
            .or_default() += 1;
    }
    let mut rows: Vec<((&str, Severity), usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|((rule, sev), n)| serde_json::json!({"rule": rule, "severity": sev, "count": n}))
            .collect();
        let text = serde_json::to_string_pretty(&list)?;
        return writeln!(out, "{}", escape::json(text));
    }
    let width = rows
        .iter()
        .map(|((r, _), _)| r.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let files_by_rule = |rule: &str| {
        files
            .iter()
            .filter(|f| f.diagnostics.iter().any(|l| l.diagnostic.rule == rule))
            .count()
    };
    writeln!(
        out,
        "{:>7}  {:width$}  {:8}  FILES",
        "COUNT", "RULE", "SEVERITY"
    )?;
    for ((rule, sev), n) in &rows {
        writeln!(
            out,
            "{n:>7}  {rule:width$}  {:8}  {}",
            sev.as_str(),
            files_by_rule(rule)
        )?;
    }
    for sev in [Severity::Error, Severity::Warning] {
        let n: usize = rows
            .iter()
            .filter(|((_, s), _)| *s == sev)
            .map(|(_, n)| n)
            .sum();
        writeln!(out, "{n:>7}  {:width$}", format!("{}s", sev.as_str()))?;
    }
    Ok(())
}

/// Totals for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub files_with_problems: usize,
    pub files_checked: usize,
}

impl Totals {
    pub fn of(files: &[FileReport], checked: usize) -> Totals {
        let mut t = Totals {
            files_checked: checked,
            ..Totals::default()
        };
        for f in files {
            if !f.diagnostics.is_empty() {
                t.files_with_problems += 1;
            }
            for l in &f.diagnostics {
                match l.diagnostic.severity {
                    Severity::Error => t.errors += 1,
                    Severity::Warning => t.warnings += 1,
                    Severity::Off => {}
                }
            }
        }
        t
    }

    pub fn summary(&self, seconds: f64) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let checked = format!(
            "{} in {seconds:.2}s",
            plural(self.files_checked, "file checked", "files checked")
        );
        if self.errors == 0 && self.warnings == 0 {
            format!("All checks passed: {checked}.")
        } else {
            format!(
                "Found {} and {} in {} ({checked}).",
                plural(self.errors, "error", "errors"),
                plural(self.warnings, "warning", "warnings"),
                plural(self.files_with_problems, "file", "files"),
            )
        }
    }
}
