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
        let offsets: Vec<usize> = diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end])
            .collect();
        let positions = index.positions(&text, &offsets);
        let diagnostics = diagnostics
            .into_iter()
            .zip(positions.chunks_exact(2))
            .map(|(d, p)| Located {
                start: p[0],
                end: p[1],
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

/// One row of `--statistics`: a rule at one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRow<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    /// Diagnostics.
    pub count: usize,
    /// Files with at least one of them.
    pub files: usize,
    /// Of `count`, those `--fix` repairs.
    pub fixable: usize,
    /// Of `count`, those only `--fix --unsafe-fixes` repairs.
    pub unsafe_fixable: usize,
}

/// The rows of `--statistics`: per (rule, severity), most frequent first, then by rule id and
/// severity. Counted from the same list the other formats print.
pub fn statistics(files: &[FileReport]) -> Vec<StatRow<'_>> {
    let mut rows: std::collections::BTreeMap<(&str, Severity), StatRow> = Default::default();
    for f in files {
        let mut seen_here = std::collections::BTreeSet::new();
        for l in &f.diagnostics {
            let d = &l.diagnostic;
            let row = rows.entry((d.rule, d.severity)).or_insert(StatRow {
                rule: d.rule,
                severity: d.severity,
                count: 0,
                files: 0,
                fixable: 0,
                unsafe_fixable: 0,
            });
            row.count += 1;
            match &d.fix {
                Some(fix) if fix.safe => row.fixable += 1,
                Some(_) => row.unsafe_fixable += 1,
                None => {}
            }
            if seen_here.insert((d.rule, d.severity)) {
                row.files += 1;
            }
        }
    }
    let mut rows: Vec<StatRow> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.rule.cmp(b.rule))
            .then(b.severity.cmp(&a.severity))
    });
    rows
}

/// `--statistics`: a table (COUNT, RULE, SEVERITY, FILES, FIXABLE, then the totals of errors
/// and warnings), a JSON array, or JSON Lines.
pub fn write_statistics(
    out: &mut dyn Write,
    files: &[FileReport],
    format: Format,
) -> std::io::Result<()> {
    let rows = statistics(files);
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&rows)?;
            return writeln!(out, "{}", escape::json(text));
        }
        Format::JsonLines => {
            for row in &rows {
                writeln!(out, "{}", escape::json(serde_json::to_string(row)?))?;
            }
            return Ok(());
        }
        _ => {}
    }
    let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(4).max(4);
    writeln!(
        out,
        "{:>7}  {:width$}  {:8}  {:>5}  FIXABLE",
        "COUNT", "RULE", "SEVERITY", "FILES"
    )?;
    for r in &rows {
        let fixable = match (r.fixable, r.unsafe_fixable) {
            (0, 0) => "-".to_string(),
            (n, 0) => n.to_string(),
            (0, m) => format!("{m} unsafe"),
            (n, m) => format!("{n} + {m} unsafe"),
        };
        writeln!(
            out,
            "{:>7}  {:width$}  {:8}  {:>5}  {fixable}",
            r.count,
            r.rule,
            r.severity.as_str(),
            r.files
        )?;
    }
    for sev in [Severity::Error, Severity::Warning] {
        let n: usize = rows
            .iter()
            .filter(|r| r.severity == sev)
            .map(|r| r.count)
            .sum();
        writeln!(out, "{n:>7}  {}s", sev.as_str())?;
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
    /// Diagnostics `--fix` repairs.
    pub fixable: usize,
    /// Diagnostics only `--fix --unsafe-fixes` repairs.
    pub unsafe_fixable: usize,
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
                match &l.diagnostic.fix {
                    Some(fix) if fix.safe => t.fixable += 1,
                    Some(_) => t.unsafe_fixable += 1,
                    None => {}
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
            return format!("All checks passed: {checked}.");
        }
        let fixes = match (self.fixable, self.unsafe_fixable) {
            (0, 0) => String::new(),
            (n, 0) => format!("; {n} fixable with `--fix`"),
            (0, m) => format!("; {m} fixable with `--fix --unsafe-fixes`"),
            (n, m) => format!("; {n} fixable with `--fix` ({m} more with `--unsafe-fixes`)"),
        };
        format!(
            "Found {} and {} in {} ({checked}){fixes}.",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.files_with_problems, "file", "files"),
        )
    }
}
