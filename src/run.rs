//! Linting every file of a run in parallel, through the result cache when it is on.
//! Output order is the input order (sorted paths), whatever the thread count.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{self, Cache, Stamp};
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Settings};
use crate::report::FileReport;
use crate::site::PageFacts;

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
        window: crate::document::NowWindow,
        block: Vec<u8>,
        deps: Vec<PathBuf>,
    },
}

/// What linting every file of a run gives.
pub struct Outcome {
    /// Per work item (same order): its report when it has diagnostics.
    pub reports: Vec<Option<FileReport>>,
    /// Per work item: its page facts, when the run collects them.
    pub facts: Vec<Option<PageFacts>>,
    /// Per work item: its path relative to the site root ([`lint::site_rel`]), found by the
    /// lint; the site-wide phase takes them.
    pub rels: Vec<Option<String>>,
    /// The cache entries of this run.
    pub fresh: Vec<Fresh>,
    /// How many files were linted rather than taken from the cache.
    pub misses: usize,
}

/// Lint every work item, through the cache when there is one.
pub fn lint_all(work: &[Work], cache: Option<&Cache>) -> Outcome {
    lint_all_with(work, cache, None)
}

/// Work items linted at once when their headers are handed on: memory stays bounded.
const HEADER_CHUNK: usize = 4096;

/// What an audit does with the headers the lint read: called once per chunk of work items, in
/// order, with the first item's index and, per item, its header as `lint::read_path` reads it
/// with `header_only` (`None` when the lint did not read the file: a cache hit, a refused
/// path).
pub type HeaderSink<'a> = &'a mut dyn FnMut(usize, Vec<Option<Vec<u8>>>);

/// [`lint_all`], handing each file's header to `headers` (chunk by chunk) when given.
pub fn lint_all_with(
    work: &[Work],
    cache: Option<&Cache>,
    mut headers: Option<HeaderSink>,
) -> Outcome {
    let Some(sink) = headers.as_mut() else {
        // Straight into the outcome's vectors: collecting the tuples first and splitting them
        // after held both at once (about 400 bytes a file, 80 MB for 100,000 files).
        type Split = (
            Vec<Option<FileReport>>,
            (
                Vec<Option<PageFacts>>,
                (Vec<Option<String>>, (Vec<Option<Fresh>>, Vec<bool>)),
            ),
        );
        let (reports, (facts, (rels, (fresh, hits)))): Split = work
            .par_iter()
            .enumerate()
            .map(|(i, w)| {
                let (report, entry, hit, facts, rel) = one(w, i, cache, None);
                (report, (facts, (rel, (entry, hit))))
            })
            .unzip();
        return Outcome {
            reports,
            facts,
            rels,
            misses: hits.iter().filter(|h| !**h).count(),
            fresh: fresh.into_iter().flatten().collect(),
        };
    };
    let mut out = Outcome {
        reports: Vec::with_capacity(work.len()),
        facts: Vec::with_capacity(work.len()),
        rels: Vec::with_capacity(work.len()),
        fresh: Vec::with_capacity(work.len()),
        misses: 0,
    };
    for (first, chunk) in (0..).step_by(HEADER_CHUNK).zip(work.chunks(HEADER_CHUNK)) {
        let (results, header): (Vec<One>, Vec<Option<Vec<u8>>>) = chunk
            .par_iter()
            .enumerate()
            .map(|(i, w)| {
                let mut header = None;
                let one = one(w, first + i, cache, Some(&mut header));
                (one, header)
            })
            .unzip();
        sink(first, header);
        for (report, entry, hit, facts, rel) in results {
            out.reports.push(report);
            out.facts.push(facts);
            out.rels.push(rel);
            out.fresh.extend(entry);
            out.misses += usize::from(!hit);
        }
    }
    out
}

/// One file's report, cache entry, whether it was a hit, page facts and path relative to the
/// site root.
type One = (
    Option<FileReport>,
    Option<Fresh>,
    bool,
    Option<PageFacts>,
    Option<String>,
);

/// Write the cache of this run: every dependency stat'ed once, then interned. Skipped when
/// every file was a hit and no file disappeared (the cache on disk is then exactly right).
///
/// A dependency modified since the run started (by the file system's clock, see
/// [`Cache::settled`]) may have changed while the results that depend on it were computed: it
/// is recorded as unknown, so those results are not trusted next time.
pub fn save_cache(cache: &Cache, fresh: &[Fresh], misses: usize) {
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
                cache.intern_dep(&mut table, d);
            }),
        }
    }
    let times = cache.dep_times(&table);
    let entries: Vec<cache::Entry> = fresh
        .iter()
        .map(|f| match f {
            Fresh::Kept(r) => cache::Entry::Kept(*r),
            Fresh::New {
                path,
                stamp,
                window,
                block,
                deps,
            } => cache::Entry::New {
                path,
                stamp: *stamp,
                window: *window,
                block,
                deps,
            },
        })
        .collect();
    cache.save(&mut table, &times, &entries);
}

/// One file (the `i`-th): its report, its cache entry, whether it came from the cache, its
/// page facts and its path relative to the site root; with `header`, the header of a file it
/// reads goes there.
fn one(w: &Work, i: usize, cache: Option<&Cache>, header: Option<&mut Option<Vec<u8>>>) -> One {
    // The shown path is only needed for files with diagnostics.
    let shown = || w.display.display().to_string();
    // Refused paths too: they are in the page map (a link to an unreadable file is not
    // broken).
    let rel = w.settings.as_ref().and_then(|s| lint::site_rel(&w.abs, s));
    if let Some(Refused {
        rule,
        severity,
        message,
    }) = &w.error
    {
        if *severity == crate::diagnostic::Severity::Off {
            return (None, None, false, None, rel);
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
            None,
            rel,
        );
    }
    let settings = w.settings.as_ref().expect("files have settings");
    // Files are keyed by their path relative to the site root; files outside it are not cached.
    let key = cache.and_then(|c| c.key_of(&w.display));
    // Only regular files are cached: reading a FIFO or a device would block or never end.
    let stamp = key
        .as_ref()
        .and_then(|_| std::fs::metadata(&w.abs).ok())
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| Stamp::of(&m));
    let key = key.as_deref().map(cache::path_key);
    if let (Some(cache), Some(stamp), Some(key)) = (cache, stamp, key) {
        let hit = cache.lookup(key, stamp, i);
        // A run that needs page facts takes a hit only with its facts.
        let facts = match hit {
            Some(hit) if settings.options.facts => cache.facts(hit).map(Some),
            Some(_) => Some(None),
            None => None,
        };
        if let (Some(hit), Some(facts)) = (hit, facts) {
            if cache.is_clean(hit) {
                return (None, Some(Fresh::Kept(hit)), true, facts, rel);
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
                return (Some(report), Some(Fresh::Kept(hit)), true, facts, rel);
            }
        }
    }
    let linted = match header {
        Some(header) => {
            let (linted, read) =
                lint::lint_path_keeping_header(&w.abs, &w.display, rel.as_deref(), settings);
            *header = read;
            linted
        }
        None => lint::lint_path_at(&w.abs, &w.display, rel.as_deref(), settings),
    };
    let cacheable = !linted
        .diagnostics
        .iter()
        .any(|d| d.rule == "internal/error");
    let report = (!linted.diagnostics.is_empty())
        .then(|| FileReport::new(shown(), linted.text, linted.diagnostics));
    // A file modified since the run started is not recorded: it may change again with the
    // same size and time (see `Cache::settled`).
    let settled = |s: &Stamp| cache.is_some_and(|c| c.settled(s.mtime));
    let entry = match (stamp.filter(settled), key) {
        (Some(stamp), Some(key)) if cacheable => Some(Fresh::New {
            path: key.to_vec(),
            stamp,
            window: linted.window,
            block: cache::encode_block(
                report.as_ref().map_or(&[], |r| &r.diagnostics),
                linted.facts.as_ref(),
            ),
            deps: linted.deps,
        }),
        _ => None,
    };
    (report, entry, false, linted.facts, rel)
}

/// The site-wide phase: build the page map from the facts of every file of the run (cached
/// facts included), run the site rules, and add their diagnostics to the reports of the
/// reported files (the first `reported` work items; the others are there so that the map holds
/// the whole site). Returns the map.
pub fn site_phase(
    site: &crate::site::Site,
    work: &[Work],
    outcome: &mut Outcome,
    reported: usize,
    require_translations: &[String],
) -> crate::site::PageMap {
    let empty = PageFacts::default();
    // Each file's path relative to the site root, as the lint found it.
    let rels = std::mem::take(&mut outcome.rels);
    let mut inputs: Vec<(String, &Settings, &PageFacts)> = Vec::with_capacity(rels.len());
    let mut to_work: Vec<usize> = Vec::with_capacity(rels.len());
    for (k, rel) in rels.into_iter().enumerate() {
        let (Some(rel), Some(settings)) = (rel, &work[k].settings) else {
            continue;
        };
        inputs.push((rel, settings, outcome.facts[k].as_ref().unwrap_or(&empty)));
        to_work.push(k);
    }
    let (map, found) = site_checks(
        site,
        inputs,
        &|i| to_work[i] < reported,
        require_translations,
    );
    let added: Vec<(usize, Vec<Diagnostic>)> =
        found.into_iter().map(|(i, ds)| (to_work[i], ds)).collect();
    let texts: Vec<String> = added
        .par_iter()
        .map(|(k, _)| {
            std::fs::read(&work[*k].abs)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        })
        .collect();
    for ((k, ds), text) in added.into_iter().zip(texts) {
        let fresh = FileReport::new(work[k].display.display().to_string(), text, ds);
        merge_report(&mut outcome.reports[k], fresh);
    }
    map
}

/// Add a later phase's diagnostics of one file to its report (creating it), in position order.
pub fn merge_report(slot: &mut Option<FileReport>, fresh: FileReport) {
    match slot {
        Some(report) => {
            if report.text.is_empty() {
                report.text = fresh.text;
            }
            report.diagnostics.extend(fresh.diagnostics);
            report.diagnostics.sort_by(|a, b| {
                let (a, b) = (&a.diagnostic, &b.diagnostic);
                (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
                    b.span.start,
                    b.span.end,
                    b.rule,
                    &b.message,
                ))
            });
        }
        None => *slot = Some(fresh),
    }
}

/// The site-wide rules over the pages given (site-relative path, settings, facts): the page
/// map and, per page that `reported` selects and that has any, its diagnostics (suppressions
/// and severities applied, `off` dropped, sorted, duplicates removed), by index in `pages`.
/// Shared by a run ([`site_phase`]) and the language server (one page in memory).
pub fn site_checks(
    site: &crate::site::Site,
    pages: Vec<(String, &Settings, &PageFacts)>,
    reported: &(dyn Fn(usize) -> bool + Sync),
    require_translations: &[String],
) -> (crate::site::PageMap, Vec<(usize, Vec<Diagnostic>)>) {
    let mut inputs: Vec<(String, &PageFacts)> = Vec::with_capacity(pages.len());
    let mut checked: Vec<(&Settings, &PageFacts)> = Vec::with_capacity(pages.len());
    for (rel, settings, facts) in pages {
        inputs.push((rel, facts));
        checked.push((settings, facts));
    }
    let map = crate::site::PageMap::build(site, inputs);
    let found = site_checks_in(site, &map, &checked, reported, require_translations);
    (map, found)
}

/// [`site_checks`] with the page map already built (from the same pages, in the same order:
/// each page's settings and facts).
pub fn site_checks_in(
    site: &crate::site::Site,
    map: &crate::site::PageMap,
    pages: &[(&Settings, &PageFacts)],
    reported: &(dyn Fn(usize) -> bool + Sync),
    require_translations: &[String],
) -> Vec<(usize, Vec<Diagnostic>)> {
    use crate::diagnostic::Severity;
    use crate::site::check;
    let facts: Vec<&PageFacts> = pages.iter().map(|(_, f)| *f).collect();
    let on = |i: usize, rule: &str| pages[i].0.rules.enabled(rule);
    let found = check::run(&check::Inputs {
        site,
        map,
        facts: &facts,
        on: &on,
        reported,
        require_translations,
        ids: &check::AnchorIds::new(facts.len()),
    });
    let mut per_file: std::collections::BTreeMap<usize, Vec<Diagnostic>> = Default::default();
    for (i, d) in found {
        per_file.entry(i).or_default().push(d);
    }
    for (i, f) in facts.iter().enumerate() {
        if reported(i) && !f.suppressions.is_empty() {
            per_file.entry(i).or_default();
        }
    }
    let added: Vec<(usize, Vec<Diagnostic>)> = per_file
        .into_par_iter()
        .filter_map(|(i, mut ds)| {
            let settings = pages[i].0;
            crate::suppress::apply_pending(&facts[i].suppressions, &mut ds);
            ds.retain_mut(|d| {
                d.severity = settings.rules.severity(d.rule);
                d.severity != Severity::Off
            });
            sort_diagnostics(&mut ds);
            // A reference link used twice points twice at one definition: report it once.
            ds.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
            (!ds.is_empty()).then_some((i, ds))
        })
        .collect();
    added
}

/// The order of a file's diagnostics: position, rule, message.
pub fn sort_diagnostics(ds: &mut [Diagnostic]) {
    ds.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
}
