//! Linting every file of a run in parallel, through the result cache when it is on.
//! Output order is the input order (sorted paths), whatever the thread count.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{self, Cache, Stamp};
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Settings};
use crate::report::FileReport;

/// One path to lint, with its settings, or a path the walk could not read.
pub struct Work {
    pub display: PathBuf,
    pub abs: PathBuf,
    pub settings: Option<Arc<Settings>>,
    pub error: Option<String>,
}

/// The reports of the files with diagnostics, in order, and the cache entries of this run.
pub fn lint_all(
    work: &[Work],
    cache: Option<&Cache>,
) -> (Vec<FileReport>, Vec<(String, cache::Entry)>) {
    let results: Vec<(Option<FileReport>, Option<Fresh>)> =
        work.par_iter().map(|w| one(w, cache)).collect();
    let mut reports = Vec::new();
    let mut fresh = Vec::new();
    for (report, entry) in results {
        reports.extend(report);
        fresh.extend(entry);
    }
    if cache.is_none() {
        return (reports, Vec::new());
    }
    // Dependency times, each path stat'ed once for the whole run.
    let mut deps: Vec<&PathBuf> = fresh.iter().flat_map(|e| &e.3).collect();
    deps.sort();
    deps.dedup();
    let stamps: std::collections::HashMap<&PathBuf, Option<u128>> = deps
        .par_iter()
        .map(|p| {
            (
                *p,
                std::fs::metadata(p)
                    .ok()
                    .and_then(|m| Stamp::of(&m))
                    .map(|s| s.mtime),
            )
        })
        .collect();
    let entries = fresh
        .iter()
        .map(|(path, stamp, diagnostics, deps)| {
            let deps = deps
                .iter()
                .map(|d| (d.clone(), stamps.get(d).copied().flatten()))
                .collect();
            (
                path.clone(),
                cache::Entry {
                    stamp: *stamp,
                    diagnostics: diagnostics.clone(),
                    deps,
                },
            )
        })
        .collect();
    (reports, entries)
}

type Fresh = (String, Stamp, Vec<Diagnostic>, Vec<PathBuf>);

fn one(w: &Work, cache: Option<&Cache>) -> (Option<FileReport>, Option<Fresh>) {
    let shown = w.display.display().to_string();
    let report = |text: String, diagnostics: Vec<Diagnostic>| {
        (!diagnostics.is_empty()).then(|| FileReport::new(shown.clone(), text, diagnostics))
    };
    if let Some(message) = &w.error {
        let d = Diagnostic::new("file/unreadable", 0..0, message.clone())
            .help("fix the path or its permissions, or exclude it in the config");
        return (report(String::new(), vec![d]), None);
    }
    let settings = w.settings.as_ref().expect("files have settings");
    // Only regular files are cached: reading a FIFO or a device would block or never end.
    let stamp = cache
        .and_then(|_| std::fs::metadata(&w.abs).ok())
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| Stamp::of(&m));
    if let (Some(cache), Some(stamp)) = (cache, stamp) {
        if let Some(diagnostics) = cache.get(&shown, stamp) {
            let text = if diagnostics.is_empty() {
                String::new()
            } else {
                // Positions and snippets need the text; only files with findings are read.
                std::fs::read(&w.abs)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default()
            };
            let entry = (
                shown.clone(),
                stamp,
                diagnostics.clone(),
                cache.deps_of(&shown),
            );
            return (report(text, diagnostics.clone()), Some(entry));
        }
    }
    let linted = lint::lint_path(&w.abs, &w.display, settings);
    let cacheable = !linted
        .diagnostics
        .iter()
        .any(|d| d.rule == "internal/error");
    let entry = stamp
        .filter(|_| cacheable)
        .map(|s| (shown.clone(), s, linted.diagnostics.clone(), linted.deps));
    let text = if linted.diagnostics.is_empty() {
        String::new()
    } else {
        linted.text
    };
    (report(text, linted.diagnostics), entry)
}
