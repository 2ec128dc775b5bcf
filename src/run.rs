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
    /// A path the walk could not read (`file/unreadable`) or did not follow
    /// (`file/outside-root`).
    pub error: Option<Refused>,
}

/// A path reported without being linted: its rule, severity and message.
pub struct Refused {
    pub rule: &'static str,
    pub severity: crate::diagnostic::Severity,
    pub message: String,
}

/// A file's entry for the next cache file.
pub enum Fresh {
    /// A hit: this record of the loaded cache, unchanged.
    Kept(usize),
    /// Linted in this run: path key, stamp, encoded diagnostics, dependencies.
    New {
        path: Vec<u8>,
        stamp: Stamp,
        block: Vec<u8>,
        deps: Vec<PathBuf>,
    },
}

/// The reports of the files with diagnostics, in order, and the cache entries of this run.
/// Also returns how many files were linted rather than taken from the cache.
pub fn lint_all(work: &[Work], cache: Option<&Cache>) -> (Vec<FileReport>, Vec<Fresh>, usize) {
    let results: Vec<(Option<FileReport>, Option<Fresh>, bool)> = work
        .par_iter()
        .enumerate()
        .map(|(i, w)| one(w, i, cache))
        .collect();
    let mut reports = Vec::new();
    let mut fresh = Vec::with_capacity(results.len());
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
///
/// A dependency modified since the run started (`started`) may have changed while the results
/// that depend on it were computed: it is recorded as unknown, so those results are not
/// trusted next time.
pub fn save_cache(cache: &Cache, fresh: &[Fresh], misses: usize, started: std::time::SystemTime) {
    let started = started
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    if misses == 0 && fresh.len() == cache.len() {
        return;
    }
    let mut table = cache::DepTable::default();
    for f in fresh {
        match f {
            Fresh::Kept(r) => cache.deps_of(*r).into_iter().for_each(|d| {
                table.intern(d);
            }),
            Fresh::New { deps, .. } => deps.iter().for_each(|d| {
                table.intern(d);
            }),
        }
    }
    let times: Vec<Option<u128>> = table
        .paths()
        .par_iter()
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .and_then(|m| Stamp::of(&m))
                .map(|s| s.mtime)
                .filter(|&mtime| mtime < started)
        })
        .collect();
    let entries: Vec<cache::Entry> = fresh
        .iter()
        .map(|f| match f {
            Fresh::Kept(r) => cache::Entry::Kept(*r),
            Fresh::New {
                path,
                stamp,
                block,
                deps,
            } => cache::Entry::New {
                path,
                stamp: *stamp,
                block,
                deps,
            },
        })
        .collect();
    cache.save(&mut table, &times, &entries);
}

/// One file (the `i`-th): its report, its cache entry, and whether it came from the cache.
fn one(w: &Work, i: usize, cache: Option<&Cache>) -> (Option<FileReport>, Option<Fresh>, bool) {
    // The shown path is only needed for files with diagnostics.
    let shown = || w.display.display().to_string();
    if let Some(Refused {
        rule,
        severity,
        message,
    }) = &w.error
    {
        if *severity == crate::diagnostic::Severity::Off {
            return (None, None, false);
        }
        let help = if *rule == "file/outside-root" {
            "frontlint reads nothing outside the linted root: lint the target where it is, or exclude the link in the config"
        } else {
            "fix the path or its permissions, or exclude it in the config"
        };
        let mut d = Diagnostic::new(rule, 0..0, message.clone()).help(help);
        d.severity = *severity;
        return (
            Some(FileReport::new(shown(), String::new(), vec![d])),
            None,
            false,
        );
    }
    let settings = w.settings.as_ref().expect("files have settings");
    // Only regular files are cached: reading a FIFO or a device would block or never end.
    let stamp = cache
        .and_then(|_| std::fs::metadata(&w.abs).ok())
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| Stamp::of(&m));
    let key = cache::path_key(&w.display);
    if let (Some(cache), Some(stamp)) = (cache, stamp) {
        if let Some(hit) = cache.lookup(key, stamp, i) {
            if cache.is_clean(hit) {
                return (None, Some(Fresh::Kept(hit)), true);
            }
            // A block that does not decode is linted again (and rewritten).
            if let Some(located) = cache.diagnostics(hit) {
                let report = if cache.need_text {
                    // Snippets need the text; only files with findings are read.
                    let text = std::fs::read(&w.abs)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    let diagnostics = located.into_iter().map(|l| l.diagnostic).collect();
                    FileReport::new(shown(), text, diagnostics)
                } else {
                    // Positions come from the cache: the file is not read at all.
                    FileReport {
                        path: shown(),
                        text: String::new(),
                        diagnostics: located,
                    }
                };
                return (Some(report), Some(Fresh::Kept(hit)), true);
            }
        }
    }
    let linted = lint::lint_path(&w.abs, &w.display, settings);
    let cacheable = !linted
        .diagnostics
        .iter()
        .any(|d| d.rule == "internal/error");
    let report = (!linted.diagnostics.is_empty())
        .then(|| FileReport::new(shown(), linted.text, linted.diagnostics));
    let entry = stamp.filter(|_| cacheable).map(|stamp| Fresh::New {
        path: key.to_vec(),
        stamp,
        block: cache::encode_diagnostics(report.as_ref().map_or(&[], |r| &r.diagnostics)),
        deps: linted.deps,
    });
    (report, entry, false)
}
