//! `--fix`, `--unsafe-fixes` and `--diff`: fixes are text edits on byte spans, applied until
//! the file is stable (at most a few rounds), so everything else in the file (comments, key
//! order, quoting, line endings, BOM, the body) stays as it was. Files are written atomically
//! and never when they changed on disk since they were read.

use std::path::Path;

use crate::diagnostic::Edit;
use crate::lint::{self, Settings};

/// Rounds of lint → fix before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 8;

pub struct Fixed {
    pub original: String,
    pub fixed: String,
    /// How many edits were applied, over all rounds.
    pub applied: usize,
}

/// The fixed text of a file, or `None` when nothing applies (or the file is not UTF-8).
pub fn fix_text(
    display: &Path,
    original: &str,
    settings: &Settings,
    unsafe_fixes: bool,
) -> Option<Fixed> {
    let mut text = original.to_string();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let edits: Vec<Edit> = lint::lint_text(display, &text, settings)
            .into_iter()
            .filter_map(|d| d.fix)
            .filter(|f| f.safe || unsafe_fixes)
            .flat_map(|f| f.edits)
            .collect();
        let (next, n) = apply(&text, edits);
        if n == 0 || next == text {
            break;
        }
        text = next;
        applied += n;
    }
    (text != original).then(|| Fixed {
        original: original.to_string(),
        fixed: text,
        applied,
    })
}

/// Apply non-overlapping edits (the first of overlapping ones wins); returns the text and the
/// number applied.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> (String, usize) {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut n = 0;
    for e in edits {
        let valid = e.range.start >= at
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end);
        if !valid {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
        n += 1;
    }
    out.push_str(&text[at..]);
    (out, n)
}

/// Write the fixed text if the file still holds what was read; atomic, permissions kept.
pub fn write_back(abs: &Path, fixed: &Fixed) -> Result<(), String> {
    let now = std::fs::read(abs).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != fixed.original.as_bytes() {
        return Err("it changed on disk while frontlint was fixing it; not written".into());
    }
    crate::fsutil::write_atomic(abs, fixed.fixed.as_bytes())
        .map_err(|e| format!("cannot write it: {e}"))
}

/// A unified diff of two texts: one hunk from the first to the last changed line (unchanged
/// lines between changes kept as context), with up to three lines of context around it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ctx = 3;
    let start = prefix.saturating_sub(ctx);
    let a_end = (a.len() - suffix + ctx).min(a.len());
    let b_end = (b.len() - suffix + ctx).min(b.len());
    // The path and the lines come from files: escaped, so a file name with a newline cannot
    // forge a `+++` line, and guarded, so no line is a GitHub workflow command.
    let path = crate::escape::text(path);
    let mut out = format!("--- {path}\n+++ {path}\n");
    out.push_str(&format!(
        "@@ -{},{} +{},{} @@\n",
        start + 1,
        a_end - start,
        start + 1,
        b_end - start
    ));
    let line = |out: &mut String, mark: char, l: &str| {
        out.push(mark);
        out.push_str(&crate::escape::Escaped::new(l).text);
        if !l.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    for l in &a[start..prefix] {
        line(&mut out, ' ', l);
    }
    for (mark, l) in middle(&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]) {
        line(&mut out, mark, l);
    }
    for l in &a[a.len() - suffix..a_end] {
        line(&mut out, ' ', l);
    }
    crate::escape::guard(&out).into_owned()
}

/// The changed middle as a line diff (longest common subsequence): unchanged lines between two
/// edits stay context lines.
fn middle<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(char, &'a str)> {
    if a.len() * b.len() > 4_000_000 {
        // Too large to align: all removed, then all added (still a valid diff).
        return a
            .iter()
            .map(|l| ('-', *l))
            .chain(b.iter().map(|l| ('+', *l)))
            .collect();
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(('-', a[i]));
            i += 1;
        } else {
            out.push(('+', b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_keep_the_first() {
        let edits = vec![
            Edit {
                range: 4..6,
                replacement: "X".into(),
            },
            Edit {
                range: 0..1,
                replacement: "标".into(),
            },
            Edit {
                range: 5..7,
                replacement: "Y".into(),
            },
        ];
        assert_eq!(apply("abcdefgh", edits), ("标bcdXgh".to_string(), 2));
    }

    #[test]
    fn unchanged_lines_between_changes_are_context() {
        let old = "a\nb\nc\nd\n";
        let new = "A\nb\nc\nD\n";
        let d = unified_diff("x", old, new);
        assert_eq!(d, "--- x\n+++ x\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n");
    }

    #[test]
    fn diff_of_one_changed_line() {
        let old = "---\r\na: 1\r\nb: yes\r\nc: 3\r\n---\r\n";
        let new = old.replace("b: yes", "b: true");
        let d = unified_diff("x.md", old, &new);
        assert_eq!(
            d,
            "--- x.md\n+++ x.md\n@@ -1,5 +1,5 @@\n ---\r\n a: 1\r\n-b: yes\r\n+b: true\r\n c: 3\r\n ---\r\n"
        );
    }
}
