//! Why a run linted no file. Zero files is not a pass (a typo in `include` would turn a CI job
//! green while it checks nothing): the command line says why, from a second look at what was
//! walked, and exits with 2 unless `--allow-empty` (or `allow-empty = true`) says it is fine.
//!
//! The second look runs only when nothing was linted and the walk refused nothing. It walks
//! the same folders the way the walk does (hidden files and `.gitignore` skipped) but without
//! `include`, `extensions` and `exclude`, and counts what each of them removed. When the walk
//! refused a path (a symlink out of the tree, an ignore file that is a FIFO or a link to
//! `/dev/zero`), the diagnostics say why and nothing is walked again: the second walker would
//! read those ignore files.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::escape;

/// What the folders hold, as far as the reason goes.
#[derive(Debug, Default)]
struct Counts {
    /// Files the walker sees (not hidden, not gitignored).
    seen: usize,
    /// Files with any name, hidden and gitignored ones included (up to a bound).
    all: usize,
    /// Of `seen`, those `include`/`extensions` take.
    included: usize,
    /// Of `included`, those `exclude` removes.
    excluded: usize,
    /// A few extensions of the files that were not included, for the message.
    extensions: Vec<String>,
}

/// How many files the second look counts at most in each category: enough to tell the
/// cases apart, bounded on a huge folder.
const BOUND: usize = 100_000;

/// One line saying why nothing was linted in `paths` (relative to `cwd`); `refused`: the walk
/// refused a path (reported as a diagnostic).
pub fn reason(paths: &[PathBuf], config: &Config, cwd: &Path, refused: bool) -> String {
    if refused {
        return "every file found was refused (see the diagnostics above)".to_string();
    }
    let mut counts = Counts::default();
    let mut files_excluded = Vec::new();
    let mut dirs = Vec::new();
    for p in paths {
        let abs = cwd.join(p);
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => {
                count(&abs, config, &mut counts);
                dirs.push(p);
            }
            Ok(_) if config.is_excluded(&abs) => files_excluded.push(p),
            _ => {}
        }
    }
    let shown = |p: &PathBuf| format!("`{}`", escape::text(&p.display().to_string()));
    let list = |ps: &[&PathBuf]| ps.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", ");
    let config_name = config
        .file
        .as_ref()
        .and_then(|f| f.file_name())
        .map_or_else(
            || "the config".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
    if !files_excluded.is_empty() && dirs.is_empty() {
        return format!(
            "{} {} excluded by `exclude` in {config_name}",
            list(&files_excluded),
            if files_excluded.len() == 1 {
                "is"
            } else {
                "are"
            }
        );
    }
    if dirs.is_empty() {
        return "no path given could be linted (see the diagnostics above)".to_string();
    }
    let where_ = format!("in {}", list(&dirs));
    if counts.seen == 0 {
        if counts.all > 0 {
            return format!(
                "every file {where_} is hidden or ignored by `.gitignore`/`.ignore` (name files on the command line to lint them anyway)"
            );
        }
        return format!("there is no file {where_}: the folder is empty");
    }
    if counts.included == 0 {
        let found = if counts.extensions.is_empty() {
            String::new()
        } else {
            let exts: Vec<String> = counts
                .extensions
                .iter()
                .map(|e| {
                    if e.is_empty() {
                        "files without extension".to_string()
                    } else {
                        format!("`.{}`", escape::text(e))
                    }
                })
                .collect();
            format!(", with {}", exts.join(", "))
        };
        let seen = plural(counts.seen, "file");
        return match &config.include_patterns {
            Some(pats) => format!(
                "no file {where_} matches `include` ({}) in {config_name} (it holds {seen})",
                pats.iter()
                    .map(|p| format!("`{}`", escape::text(p)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!(
                "no file {where_} has one of the extensions {} (it holds {seen}{found}); `extensions` in the config sets them",
                config
                    .extensions
                    .iter()
                    .map(|e| format!("`.{}`", escape::text(e)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
    }
    if counts.excluded == counts.included {
        return format!(
            "`exclude` ({}) removes every file {where_} that would be linted ({})",
            config
                .exclude_patterns
                .iter()
                .map(|p| format!("`{}`", escape::text(p)))
                .collect::<Vec<_>>()
                .join(", "),
            plural(counts.included, "file"),
        );
    }
    format!("no file {where_} could be linted (see the diagnostics above)")
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Count the files of `dir`. Excluded folders are not entered by the walker that reads
/// ignore files (the walk did not enter them either, so their ignore files were never
/// checked): their files are counted by a walker that reads none. The parallel walker is
/// used, as by the walk: the sequential one reads the ignore files of a folder it skips.
fn count(dir: &Path, config: &Config, counts: &mut Counts) {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let files = Mutex::new(Vec::new());
    let visited = AtomicUsize::new(0);
    let filter_config = config.clone();
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .git_global(false)
        .follow_links(false)
        .threads(1)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(e.depth() > 0 && is_dir && filter_config.is_excluded(e.path()))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                use ignore::WalkState;
                let Ok(e) = entry else {
                    return WalkState::Continue;
                };
                if visited.fetch_add(1, Ordering::Relaxed) >= BOUND {
                    return WalkState::Quit;
                }
                if e.file_type().is_some_and(|t| !t.is_dir()) {
                    files
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(e.into_path());
                }
                WalkState::Continue
            })
        });
    for f in files.into_inner().unwrap_or_else(|e| e.into_inner()) {
        tally(&f, config, counts);
    }
    // The excluded folders the filter skipped, found without reading ignore files; only the
    // outermost (a folder inside an excluded one is counted with it).
    let excluded: Vec<std::path::PathBuf> =
        raw_dirs(dir).filter(|d| config.is_excluded(d)).collect();
    let outer: Vec<&std::path::PathBuf> = excluded
        .iter()
        .filter(|d| !excluded.iter().any(|o| o != *d && d.starts_with(o)))
        .collect();
    for d in outer {
        for e in raw_files(d, true).take(BOUND) {
            tally(e.path(), config, counts);
        }
    }
    if counts.seen == 0 {
        counts.all += raw_files(dir, false).take(BOUND).count();
    }
}

/// The folders under `dir` (hidden ones skipped), reading no ignore file.
fn raw_dirs(dir: &Path) -> impl Iterator<Item = std::path::PathBuf> {
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()))
        .take(BOUND)
        .map(ignore::DirEntry::into_path)
}

/// The files under `dir`, reading no ignore file; hidden ones skipped when `skip_hidden`.
fn raw_files(dir: &Path, skip_hidden: bool) -> impl Iterator<Item = ignore::DirEntry> {
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(skip_hidden)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| !t.is_dir()))
}

fn tally(abs: &Path, config: &Config, counts: &mut Counts) {
    counts.seen += 1;
    if config.is_included(abs) {
        counts.included += 1;
        if config.is_excluded(abs) {
            counts.excluded += 1;
        }
    } else if counts.extensions.len() < 3 {
        let ext = abs
            .extension()
            .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
        if !counts.extensions.contains(&ext) {
            counts.extensions.push(ext);
        }
    }
}
