//! Linting every file of a run in parallel, through the result cache when it is on.
//! Output order is the input order (sorted paths), whatever the thread count.

use std::path::{Path, PathBuf};
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
/// Also returns how many files were linted rather than taken from the cache.
pub fn lint_all(work: &[Work], cache: Option<&Cache>) -> (Vec<FileReport>, Vec<Fresh>, usize) {
    let results: Vec<(Option<FileReport>, Option<Fresh>, bool)> =
        work.par_iter().map(|w| one(w, cache)).collect();
    let mut reports = Vec::new();
    let mut fresh = Vec::new();
    let mut misses = 0;
    for (report, entry, hit) in results {
        reports.extend(report);
        fresh.extend(entry);
        misses += usize::from(!hit);
    }
    (reports, fresh, misses)
}

/// Write the cache of this run: every dependency stat'ed once, then interned. Skipped when
/// every file was a hit and no file disappeared (the cache on disk is then exactly right).
pub fn save_cache(cache: &Cache, fresh: &[Fresh], misses: usize) {
    if misses == 0 && fresh.len() == cache.len() {
        return;
    }
    let mut table = cache::DepTable::default();
    let entries: Vec<(String, cache::Entry)> = fresh
        .iter()
        .map(|(path, stamp, diagnostics, deps)| {
            let deps = deps.iter().map(|d| table.intern(d)).collect();
            let entry = cache::Entry {
                stamp: *stamp,
                diagnostics: diagnostics.clone(),
                deps,
            };
            (path.clone(), entry)
        })
        .collect();
    let times: Vec<Option<u128>> = table
        .paths()
        .par_iter()
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .and_then(|m| Stamp::of(&m))
                .map(|s| s.mtime)
        })
        .collect();
    cache.save(&table, &times, &entries);
}

/// A file's result for the next cache: path, stamp, diagnostics, dependencies.
pub type Fresh = (String, Stamp, Vec<Diagnostic>, Vec<PathBuf>);

/// One file: its report, its cache entry, and whether it came from the cache.
fn one(w: &Work, cache: Option<&Cache>) -> (Option<FileReport>, Option<Fresh>, bool) {
    let shown = w.display.display().to_string();
    let report = |text: String, diagnostics: Vec<Diagnostic>| {
        (!diagnostics.is_empty()).then(|| FileReport::new(shown.clone(), text, diagnostics))
    };
    if let Some(message) = &w.error {
        let d = Diagnostic::new("file/unreadable", 0..0, message.clone())
            .help("fix the path or its permissions, or exclude it in the config");
        return (report(String::new(), vec![d]), None, false);
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
            let deps = cache
                .deps_of(&shown)
                .into_iter()
                .map(Path::to_path_buf)
                .collect();
            let entry = (shown.clone(), stamp, diagnostics.clone(), deps);
            return (report(text, diagnostics.clone()), Some(entry), true);
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
    (report(text, linted.diagnostics), entry, false)
}
