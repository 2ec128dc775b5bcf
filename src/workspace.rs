//! The engine shared by the command line and the language server: a [`Workspace`] is one
//! opened site (config, site model, schemas, settings per override set) and answers "lint this
//! document" from disk or from memory, with the site-wide checks run against the pages of the
//! site, and "fix this text". `cli::check` opens one per run; `server` keeps one per root.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config, RuleSet};
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape;
use crate::lint::{self, Settings};
use crate::report::FileReport;
use crate::rules::RULES;
use crate::schema::SchemaCache;
use crate::site::PageFacts;
use crate::walk::{self, Item};

/// An error that stops a run before any linting: where, the source shown, span and message
/// (the shape of config and schema errors).
#[derive(Debug, Clone)]
pub struct Fatal {
    pub path: String,
    pub source: Option<String>,
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

impl Fatal {
    fn plain(path: &str, message: String) -> Fatal {
        Fatal {
            path: path.to_string(),
            source: None,
            span: None,
            message,
        }
    }
}

impl From<crate::schema::SchemaError> for Fatal {
    fn from(e: crate::schema::SchemaError) -> Fatal {
        Fatal {
            path: e.path,
            source: e.source,
            span: e.span,
            message: e.message,
        }
    }
}

/// How to open a workspace: what the command line's flags say (the server leaves most unset).
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The folder relative paths are read from.
    pub cwd: PathBuf,
    /// The folder the config is discovered from and the site detected from (absolute).
    pub start: PathBuf,
    /// `--config`: this file, not a discovered one.
    pub config: Option<PathBuf>,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// `--now`; without it `FRONTLINT_NOW`, else the clock.
    pub now: Option<String>,
    /// `--select`, `--ignore`.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// `--schema`.
    pub schema: Option<PathBuf>,
    /// `--no-body`.
    pub no_body: bool,
    /// Keep every page's taxonomy terms in its facts ([`Workspace::terms`], for completion).
    pub term_facts: bool,
}

/// The files of a run ([`Workspace::files`]).
pub struct RunFiles {
    /// The walk's files (the first `reported` were asked for; the rest are the site around
    /// them), with their settings.
    pub work: Vec<crate::run::Work>,
    pub reported: usize,
    /// What was walked for the report (for the reason of a run that linted nothing).
    pub walk_paths: Vec<PathBuf>,
}

/// One opened site: everything a lint of one of its files needs.
pub struct Workspace {
    pub cwd: PathBuf,
    /// `--root` was given: the site's extent is known.
    explicit_root: bool,
    pub config: Config,
    pub site: Arc<crate::site::Site>,
    pub(crate) cli_rules: CliRules,
    pub schemas: SchemaCache,
    pub cli_schema: Option<PathBuf>,
    settings: SettingsTable,
    /// Every page of the site with its facts, for the site-wide checks of one document
    /// ([`Workspace::index_site`]).
    index: Option<SiteIndex>,
    /// The page map of the last document linted, and what of that document it was built from:
    /// a keystroke that changes neither the header nor the headings reuses it.
    map_cache: Option<(String, Arc<crate::site::PageMap>)>,
}

/// The pages of the site, linted once: where each is, its settings and its facts.
pub struct SiteIndex {
    pages: Vec<(String, Arc<Settings>, PageFacts)>,
}

impl SiteIndex {
    /// The number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

impl Workspace {
    /// Find and read the config, detect and read the site, and prepare the rule options:
    /// what every lint of the run shares. Errors are the ones `frontlint check` stops on, in the
    /// same order (config, `--select`/`--ignore`, `--now`, the generator's config).
    pub fn open(opts: &OpenOptions) -> Result<Workspace, Fatal> {
        let cwd = opts.cwd.clone();
        let start = opts.start.clone();
        let config_path = opts.config.clone().or_else(|| config::discover(&start));
        if let (Some(p), None) = (&config_path, &opts.config) {
            warn_shadowed(p);
        }
        let config = match &config_path {
            Some(p) => match if opts.config.is_some() {
                config::load(&cwd.join(p))
            } else {
                config::load_discovered(&cwd.join(p))
            } {
                Ok(c) => c,
                Err(e) => {
                    return Err(Fatal {
                        path: e.path,
                        source: e.source,
                        span: e.span,
                        message: e.message,
                    });
                }
            },
            None => Config::default_for(cwd.clone()),
        };
        let selectors = opts.select.iter().map(|s| ("--select", s));
        for (flag, sel) in selectors.chain(opts.ignore.iter().map(|s| ("--ignore", s))) {
            if !crate::rules::is_known_selector(sel) {
                let hint = crate::friendly::did_you_mean(crate::friendly::closest_selector(sel));
                return Err(Fatal::plain(
                    flag,
                    format!("unknown rule or group `{sel}`{hint}"),
                ));
            }
        }
        let now = match opts.now.clone().or_else(|| {
            std::env::var("FRONTLINT_NOW")
                .ok()
                .filter(|s| !s.is_empty())
        }) {
            Some(s) => match crate::rules::dates::parse_now(&s) {
                Ok(t) => t,
                Err(e) => {
                    let source = if opts.now.is_some() {
                        "--now"
                    } else {
                        "FRONTLINT_NOW"
                    };
                    return Err(Fatal::plain(source, e));
                }
            },
            None => jiff::Timestamp::now(),
        };
        let fallback_root = fallback_root(opts.root.as_deref(), &config, &cwd, &start);
        let mut site_options = config.site.clone();
        site_options.now = Some(now);
        if opts.root.is_some() {
            site_options.root = Some(fallback_root.clone());
        }
        let site = match crate::site::load(&start, &fallback_root, &site_options) {
            Ok(site) => Arc::new(site),
            Err(e) => {
                return Err(Fatal::plain(
                    &e.file,
                    format!(
                        "cannot read the site's {} config: {}",
                        "generator", e.message
                    ),
                ));
            }
        };
        let date_options = crate::rules::dates::DateOptions {
            now,
            timezone: config
                .timezone
                .clone()
                .or_else(|| site.timezone.as_ref().map(|(_, tz)| tz.clone())),
            extra_fields: config.date_fields.clone(),
            build_future: site.build_future,
            build_expired: site.build_expired,
            dialect: site.dates,
        };
        let links = crate::rules::links::LinkOptions {
            image_fields: config.image_fields.clone().unwrap_or_else(|| {
                crate::rules::links::DEFAULT_IMAGE_FIELDS
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }),
            exclude: config.link_exclude.clone(),
        };
        let options = Arc::new(lint::RuleOptions {
            dates: date_options,
            links,
            site: site.clone(),
            summary: config.summary.clone(),
            taxonomy: config.taxonomy.clone(),
            no_body: opts.no_body,
            facts: true,
            term_facts: opts.term_facts,
            yaml_reader: if config.yaml_reader == crate::rules::yaml::YamlReader::Unknown {
                site.yaml
            } else {
                config.yaml_reader
            },
        });
        let cli_rules = CliRules {
            select: opts.select.clone(),
            ignore: opts.ignore.clone(),
            options,
        };
        let cli_schema = opts.schema.as_ref().map(|p| cwd.join(p));
        let project = config
            .file
            .as_ref()
            .and_then(|f| f.parent())
            .map(crate::bounds::project_root);
        let mut schemas = SchemaCache::new(&cwd).with_bounds(project, cli_schema.clone());
        if let Some(name) = site.schema {
            schemas.use_builtin(name);
        }
        Ok(Workspace {
            cwd,
            explicit_root: opts.root.is_some(),
            config,
            site,
            cli_rules,
            schemas,
            cli_schema,
            settings: SettingsTable::default(),
            index: None,
            map_cache: None,
        })
    }

    /// The rule options every file of the workspace shares.
    pub fn options(&self) -> &Arc<lint::RuleOptions> {
        &self.cli_rules.options
    }

    /// The settings of the file at `abs` (config, overrides, command line, schema).
    pub fn settings_for(&mut self, abs: &Path) -> Result<Arc<Settings>, Fatal> {
        Ok(self.settings.get(
            &self.config,
            &mut self.schemas,
            self.cli_schema.as_deref(),
            &self.cli_rules,
            abs,
        )?)
    }

    /// The walk's items with their settings (`run::Work`), in order.
    pub fn resolve(&mut self, items: Vec<Item>) -> Result<Vec<crate::run::Work>, Fatal> {
        Ok(self.settings.resolve(
            items,
            &self.config,
            &mut self.schemas,
            self.cli_schema.as_deref(),
            &self.cli_rules,
            &self.cwd,
        )?)
    }

    /// The files of a run over `paths` (relative to the workspace's folder; none: at a site
    /// root, the generator's content folders, else `.`): the walk of `paths` (the reported
    /// files, first) and the rest of the site the page map needs, with their settings.
    pub fn files(&mut self, paths: &[PathBuf]) -> Result<RunFiles, Fatal> {
        let implicit = paths.is_empty();
        let paths: Vec<PathBuf> = if implicit {
            vec![PathBuf::from(".")]
        } else {
            paths.to_vec()
        };
        // The walk reads relative paths from the process's folder: a library caller whose
        // folder is not the workspace's walks absolute paths (and its reports name them so).
        let in_place = std::env::current_dir().is_ok_and(|d| d == self.cwd);
        let here = |p: PathBuf| if in_place { p } else { self.cwd.join(p) };
        let site_paths: Vec<PathBuf> = self.content_paths().into_iter().map(here).collect();
        let paths: Vec<PathBuf> = paths.into_iter().map(here).collect();
        let walk_paths =
            if implicit && self.site.kind != crate::site::Kind::Folder && !site_paths.is_empty() {
                site_paths.clone()
            } else {
                paths.clone()
            };
        let (mut items, _, tree) =
            walk::walk(&walk_paths, &self.config, &self.cwd, &self.site.root);
        self.site.generator.tree_walked(&self.site, &tree);
        if implicit {
            items.retain(|it| !self.ignored_by_generator(it.path()));
        }
        let reported = items.len();
        // The walk already went through every content folder (`frontlint` at the root): no
        // second walk.
        let abs_key = |p: &Path| {
            crate::site::urls::normalize(&self.cwd.join(p).to_string_lossy().replace('\\', "/"))
                .unwrap_or_default()
        };
        // Without a generator's config, a `frontlint.toml` or `--root`, nothing says where the
        // site ends: folders given on the command line are all of it (`frontlint corpus-a` from
        // a folder holding several corpora does not read the others); files given alone (a
        // pre-commit hook) are still checked against every file under the root.
        let folder_only = self.site.kind == crate::site::Kind::Folder
            && self.config.file.is_none()
            && !self.explicit_root
            && !paths.is_empty()
            && paths.iter().all(|p| self.cwd.join(p).is_dir());
        let covered = folder_only
            || site_paths.iter().all(|sp| {
                let sp = abs_key(sp);
                walk_paths
                    .iter()
                    .any(|wp| crate::site::urls::is_under(&sp, abs_key(wp).trim_end_matches('/')))
            });
        if !covered {
            let seen: std::collections::HashSet<PathBuf> = items
                .iter()
                .map(|it| {
                    crate::site::urls::normalize(&self.cwd.join(it.path()).to_string_lossy())
                        .map(PathBuf::from)
                        .unwrap_or_default()
                })
                .collect();
            for it in walk::walk(&site_paths, &self.config, &self.cwd, &self.site.root).0 {
                let walk::Item::File(p) = &it else { continue };
                let abs = crate::site::urls::normalize(&self.cwd.join(p).to_string_lossy())
                    .map(PathBuf::from)
                    .unwrap_or_default();
                if !seen.contains(&abs) && !self.ignored_by_generator(p) {
                    items.push(it);
                }
            }
        }
        let work = self.resolve(items)?;
        Ok(RunFiles {
            work,
            reported,
            walk_paths,
        })
    }

    /// Lint the files of a run (through `cache` when there is one, which is then saved), then
    /// the site-wide phase: every report, and the page map.
    pub fn lint_work(
        &self,
        work: &[crate::run::Work],
        reported: usize,
        cache: Option<&crate::cache::Cache>,
    ) -> (crate::run::Outcome, crate::site::PageMap) {
        self.lint_work_with(work, reported, cache, None)
    }

    /// [`Workspace::lint_work`], handing the headers the lint reads to `headers` (an audit's
    /// statistics: see [`crate::run::lint_all_with`]).
    pub fn lint_work_with(
        &self,
        work: &[crate::run::Work],
        reported: usize,
        cache: Option<&crate::cache::Cache>,
        headers: Option<crate::run::HeaderSink>,
    ) -> (crate::run::Outcome, crate::site::PageMap) {
        let mut outcome = crate::run::lint_all_with(work, cache, headers);
        if let Some(cache) = cache {
            crate::run::save_cache(cache, &outcome.fresh, outcome.misses);
        }
        let map = crate::run::site_phase(
            &self.site,
            work,
            &mut outcome,
            reported,
            &self.config.i18n_require,
        );
        (outcome, map)
    }

    /// Lint a set of paths as `frontlint PATHS` does (no cache, no fixes): the reports of the
    /// files asked for, with their diagnostics, in path order; paths relative to the
    /// workspace's folder.
    pub fn lint_paths(&mut self, paths: &[PathBuf]) -> Result<Vec<FileReport>, Fatal> {
        let files = self.files(paths)?;
        let (outcome, _) = self.lint_work(&files.work, files.reported, None);
        let cwd = self.cwd.clone();
        Ok(outcome
            .reports
            .into_iter()
            .take(files.reported)
            .flatten()
            .map(|mut f| {
                if let Ok(rel) = Path::new(&f.path).strip_prefix(&cwd) {
                    f.path = rel.to_string_lossy().replace('\\', "/");
                }
                f
            })
            .collect())
    }

    /// The site's content folders that exist, relative to the workspace's folder.
    pub fn content_paths(&self) -> Vec<PathBuf> {
        site_content_paths(&self.site, &self.cwd)
    }

    /// Whether the site's generator never reads the file at `path` (relative to `cwd`).
    pub fn ignored_by_generator(&self, path: &Path) -> bool {
        ignored_by_generator(&self.site, &self.cwd, path)
    }

    /// Lint every page of the site once (no cache) and keep its facts: the site-wide checks
    /// of [`Workspace::lint_document`] run against them. Returns the number of pages.
    pub fn index_site(&mut self) -> Result<usize, Fatal> {
        let index = self.build_index()?;
        let n = index.len();
        self.set_index(index);
        Ok(n)
    }

    /// Lint every page of the site once for its facts: the work of [`Workspace::index_site`]
    /// without installing the result, so that a server can build it on another thread (from a
    /// workspace opened with the same options) and install it with [`Workspace::set_index`].
    pub fn build_index(&mut self) -> Result<SiteIndex, Fatal> {
        // Absolute: the walk reads relative paths from the process's folder.
        let paths: Vec<PathBuf> = self
            .content_paths()
            .iter()
            .map(|p| self.cwd.join(p))
            .collect();
        let mut items = if paths.is_empty() {
            Vec::new()
        } else {
            walk::walk(&paths, &self.config, &self.cwd, &self.site.root).0
        };
        items.retain(|it| !self.ignored_by_generator(it.path()));
        let work = self.resolve(items)?;
        let outcome = crate::run::lint_all(&work, None);
        let mut pages = Vec::with_capacity(work.len());
        for (w, facts) in work.into_iter().zip(outcome.facts) {
            let Some(settings) = w.settings else { continue };
            let Some(rel) = lint::site_rel(&w.abs, &settings) else {
                continue;
            };
            pages.push((rel, settings, facts.unwrap_or_default()));
        }
        Ok(SiteIndex { pages })
    }

    /// Use `index` for the site-wide checks of documents from now on.
    pub fn set_index(&mut self, index: SiteIndex) {
        self.index = Some(index);
        self.map_cache = None;
    }

    /// Whether the site's pages are indexed (site-wide checks run).
    pub fn is_indexed(&self) -> bool {
        self.index.is_some()
    }

    /// The instant the workspace takes for "now" (for a second workspace that must agree).
    pub fn now(&self) -> jiff::Timestamp {
        self.options().dates.now
    }

    /// Replace (or add) the facts of one page of the index, after it changed on disk.
    pub fn update_page(&mut self, abs: &Path) -> Result<(), Fatal> {
        let settings = self.settings_for(abs)?;
        let Some(rel) = lint::site_rel(abs, &settings) else {
            return Ok(());
        };
        let display = self.display(abs);
        self.map_cache = None;
        let Some(index) = &mut self.index else {
            return Ok(());
        };
        index.pages.retain(|(r, _, _)| *r != rel);
        if abs.is_file() {
            let linted = lint::lint_path(abs, &display, &settings);
            index
                .pages
                .push((rel, settings, linted.facts.unwrap_or_default()));
        }
        Ok(())
    }

    /// The values of a header key over the pages of the indexed site (taxonomy terms, for
    /// completion), most used first, then by name. The page at `except` (the one being edited) is left out.
    pub fn terms(&self, key: &str, except: &Path) -> Vec<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let key = key.to_lowercase();
        let except = crate::site::urls::normalize(&except.to_string_lossy().replace('\\', "/"))
            .and_then(|abs| {
                crate::site::urls::strip_dir(&abs, self.site.root_key()).map(str::to_string)
            });
        let pages = self.index.iter().flat_map(|i| &i.pages);
        for (_, _, facts) in pages.filter(|(rel, _, _)| Some(rel) != except.as_ref()) {
            for f in facts.fields.iter().filter(|f| f.key == key) {
                match &f.value {
                    crate::site::facts::FieldValue::List(items) => {
                        for it in items {
                            *counts.entry(it.value.as_str()).or_default() += 1;
                        }
                    }
                    crate::site::facts::FieldValue::Str(s) => {
                        *counts.entry(s.as_str()).or_default() += 1;
                    }
                    _ => {}
                }
            }
        }
        let mut terms: Vec<(&str, usize)> = counts.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        terms.into_iter().map(|(t, _)| t.to_string()).collect()
    }

    /// The site-relative paths of the indexed pages, sorted.
    pub fn page_paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .index
            .iter()
            .flat_map(|i| &i.pages)
            .map(|(rel, _, _)| rel.clone())
            .collect();
        out.sort();
        out
    }

    /// The site-relative path of a file, when it is in the site.
    pub fn site_path(&self, abs: &Path) -> Option<String> {
        let abs = crate::site::urls::normalize(&abs.to_string_lossy().replace('\\', "/"))?;
        crate::site::urls::strip_dir(&abs, self.site.root_key()).map(str::to_string)
    }

    /// How a path is shown: relative to the workspace's folder when inside it.
    pub fn display(&self, abs: &Path) -> PathBuf {
        abs.strip_prefix(&self.cwd)
            .map_or_else(|_| abs.to_path_buf(), Path::to_path_buf)
    }

    /// Every diagnostic of the document at `abs` with the given text (from disk or an
    /// editor's buffer): the per-file rules, then, when the site is indexed, the site-wide
    /// rules with this text standing in for the page on disk. Sorted like a report (position,
    /// rule, message). A panic while linting is an `internal/error` diagnostic.
    pub fn lint_document(&mut self, abs: &Path, text: &str) -> Result<Vec<Diagnostic>, Fatal> {
        self.lint_with(abs, |display, rel, settings| {
            lint::lint_bytes_at(display, rel, text.as_bytes().to_vec(), settings)
        })
    }

    /// [`Workspace::lint_document`] for the file on disk, read the way a run reads it (size
    /// limit, UTF-8 check, regular files only).
    pub fn lint_file(&mut self, abs: &Path) -> Result<Vec<Diagnostic>, Fatal> {
        self.lint_with(abs, |display, _, settings| {
            lint::lint_path(abs, display, settings)
        })
    }

    fn lint_with(
        &mut self,
        abs: &Path,
        lint_one: impl FnOnce(&Path, Option<&str>, &Settings) -> lint::Linted,
    ) -> Result<Vec<Diagnostic>, Fatal> {
        let settings = self.settings_for(abs)?;
        let display = self.display(abs);
        let rel = lint::site_rel(abs, &settings);
        let linted = lint_one(&display, rel.as_deref(), &settings);
        let mut diagnostics = linted.diagnostics;
        if let (Some(index), Some(rel), Some(facts)) = (&self.index, &rel, &linted.facts) {
            // This document first, then every other page of the index.
            let others = || index.pages.iter().filter(|(r, _, _)| r != rel);
            let entries: Vec<(&Settings, &PageFacts)> = std::iter::once((&*settings, facts))
                .chain(others().map(|(_, s, f)| (&**s, f)))
                .collect();
            let site = self.site.clone();
            let require = self.config.i18n_require.clone();
            // What the page map reads of this document: its path, header values (with their
            // spans) and headings; links, images and refs are looked up in the map, not in it.
            let key = format!(
                "{rel}\u{0}{:?}\u{0}{:?}\u{0}{}\u{0}{}",
                facts.fields, facts.anchors, facts.has_front_matter, facts.body
            );
            let cached = match &self.map_cache {
                Some((k, map)) if *k == key => Some(map.clone()),
                _ => None,
            };
            let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let map = cached.unwrap_or_else(|| {
                    let inputs: Vec<(String, &PageFacts)> = std::iter::once((rel.clone(), facts))
                        .chain(others().map(|(r, _, f)| (r.clone(), f)))
                        .collect();
                    Arc::new(crate::site::PageMap::build(&site, inputs))
                });
                let found =
                    crate::run::site_checks_in(&site, &map, &entries, &|i| i == 0, &require);
                (found, map)
            }));
            let found = found.map(|(found, map)| {
                self.map_cache = Some((key, map));
                found
            });
            match found {
                Ok(found) => {
                    for (_, ds) in found {
                        diagnostics.extend(ds);
                    }
                }
                Err(_) => diagnostics.push(Diagnostic::new(
                    "internal/error",
                    0..0,
                    "frontlint failed in the site-wide checks of this file",
                )),
            }
            crate::run::sort_diagnostics(&mut diagnostics);
        }
        Ok(diagnostics)
    }

    /// The text with the fixes applied (safe ones, and unsafe ones too when asked), each
    /// round verified like `--fix`.
    pub fn fix_text(
        &mut self,
        abs: &Path,
        text: &str,
        unsafe_fixes: bool,
    ) -> Result<crate::fix::Fixed, Fatal> {
        let settings = self.settings_for(abs)?;
        Ok(crate::fix::fix(
            &self.display(abs),
            text,
            &settings,
            unsafe_fixes,
        ))
    }
}

/// Both config file names in one folder: the one read wins, the other is named.
pub(crate) fn warn_shadowed(config: &Path) {
    if let Some(other) = config::shadowed(config) {
        let folder = config
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        eprintln!(
            "warning: `{}` and `{}` are both in `{}`: frontlint reads `{}` and ignores `{}`; merge them into one",
            name(config),
            name(&other),
            escape::text(&folder),
            name(config),
            name(&other)
        );
    }
}

/// The site root when no generator is recognised: `--root`, else the config file's folder,
/// else the current folder when the linted path is inside it, else the linted folder itself
/// (`frontlint ../other-site` lints that folder as a site of its own).
pub(crate) fn fallback_root(
    root: Option<&Path>,
    config: &Config,
    cwd: &Path,
    start: &Path,
) -> PathBuf {
    match root {
        Some(r) => cwd.join(r),
        None if config.file.is_some() => config.root.clone(),
        None => {
            let norm = |p: &Path| {
                crate::site::urls::normalize(&p.to_string_lossy().replace('\\', "/"))
                    .map_or_else(|| p.to_path_buf(), PathBuf::from)
            };
            let start = norm(start);
            if start.starts_with(cwd) {
                cwd.to_path_buf()
            } else {
                start
            }
        }
    }
}

/// The site's content folders that exist, as paths relative to `cwd` (absolute when outside).
pub(crate) fn site_content_paths(site: &crate::site::Site, cwd: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<&str> = site.content.iter().map(|c| c.dir.as_str()).collect();
    dirs.sort();
    dirs.dedup();
    // A folder inside another listed one is walked with it.
    let outer: Vec<&str> = dirs
        .iter()
        .copied()
        .filter(|d| {
            !dirs
                .iter()
                .any(|o| o != d && crate::site::urls::is_under(d, o))
        })
        .collect();
    outer
        .into_iter()
        .map(|d| site.root.join(d))
        .filter(|p| p.is_dir())
        .map(|p| match p.strip_prefix(cwd) {
            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
            Ok(rel) => rel.to_path_buf(),
            Err(_) => p,
        })
        .collect()
}

/// Whether the generator never reads this file (outside its content folders, excluded).
fn ignored_by_generator(site: &crate::site::Site, cwd: &Path, path: &Path) -> bool {
    if site.kind == crate::site::Kind::Folder {
        return false;
    }
    let norm = |p: &Path| crate::site::urls::normalize(&p.to_string_lossy().replace('\\', "/"));
    let (Some(abs), Some(root)) = (norm(&cwd.join(path)), norm(&site.root)) else {
        return false;
    };
    match crate::site::urls::strip_dir(&abs, root.trim_end_matches('/')) {
        Some(rel) => site.generator.role(site, rel) == crate::site::Role::Ignored,
        None => false,
    }
}

/// `--select` and `--ignore`: applied last, so they win over config and overrides.
pub(crate) struct CliRules {
    pub(crate) select: Vec<String>,
    pub(crate) ignore: Vec<String>,
    /// Not rules, but like them global to the run.
    pub(crate) options: Arc<lint::RuleOptions>,
}

impl CliRules {
    fn apply(&self, rules: &mut RuleSet) {
        if !self.select.is_empty() {
            for r in RULES {
                let exact = self.select.iter().any(|s| s == r.id);
                let in_group = self.select.iter().any(|s| crate::rules::group(r.id) == s);
                let sev = match rules.severity(r.id) {
                    // Named by its id, a rule runs even when it is off by default or config.
                    Severity::Off if exact => r.default.max(Severity::Warning),
                    sev if exact || in_group => sev,
                    _ => Severity::Off,
                };
                rules.apply([(r.id, sev)]);
            }
        }
        rules.apply(self.ignore.iter().map(|s| (s.as_str(), Severity::Off)));
    }
}

/// Settings per distinct set of matching overrides, built once each.
#[derive(Default)]
struct SettingsTable {
    by_mask: HashMap<Vec<usize>, Arc<Settings>>,
}

impl SettingsTable {
    /// Settings per file, in order. Each file's matching overrides are found in parallel;
    /// settings are then built once per distinct set, in path order (schemas compile once,
    /// and the first schema error, the one reported, is the same whatever the thread count).
    fn resolve(
        &mut self,
        items: Vec<Item>,
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
        cwd: &Path,
    ) -> Result<Vec<crate::run::Work>, crate::schema::SchemaError> {
        use rayon::prelude::*;
        let masked: Vec<(crate::run::Work, Vec<usize>)> = items
            .into_par_iter()
            .map(|item| match item {
                Item::File(p) => {
                    let abs = cwd.join(&p);
                    let mask = mask_of(config, &cli_rules.options.site, &abs);
                    let w = crate::run::Work {
                        display: p,
                        abs,
                        settings: None,
                        error: None,
                    };
                    (w, mask)
                }
                Item::Error(p, message) => {
                    let w = not_linted(p, "file/unreadable", Severity::Error, message);
                    (w, Vec::new())
                }
                Item::Outside(p, message) => {
                    // Configured like any rule (per folder through overrides, and off).
                    let mask = mask_of(config, &cli_rules.options.site, &cwd.join(&p));
                    let severity =
                        rules_for(config, &mask, cli_rules).severity("file/outside-root");
                    let w = not_linted(p, "file/outside-root", severity, message);
                    (w, Vec::new())
                }
            })
            .collect();
        let mut work = Vec::with_capacity(masked.len());
        let mut last: Option<(Vec<usize>, Arc<Settings>)> = None;
        for (mut w, mask) in masked {
            if w.error.is_none() {
                let s = match &last {
                    // Neighbours in path order nearly always match the same overrides.
                    Some((m, s)) if *m == mask => s.clone(),
                    _ => {
                        let s = self.for_mask(&mask, config, schemas, cli_schema, cli_rules)?;
                        last = Some((mask, s.clone()));
                        s
                    }
                };
                w.settings = Some(s);
            }
            work.push(w);
        }
        Ok(work)
    }

    fn get(
        &mut self,
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
        abs: &Path,
    ) -> Result<Arc<Settings>, crate::schema::SchemaError> {
        let mask = mask_of(config, &cli_rules.options.site, abs);
        self.for_mask(&mask, config, schemas, cli_schema, cli_rules)
    }

    fn for_mask(
        &mut self,
        mask: &[usize],
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
    ) -> Result<Arc<Settings>, crate::schema::SchemaError> {
        if let Some(s) = self.by_mask.get(mask) {
            return Ok(s.clone());
        }
        let rules = rules_for(config, mask, cli_rules);
        let mut schema_path = config.schema.clone();
        for o in mask.iter().filter_map(|&i| config.overrides.get(i)) {
            if o.schema.is_some() {
                schema_path.clone_from(&o.schema);
            }
        }
        // The site's own schema for the folder, when nothing configured one.
        let folder_schema = mask
            .iter()
            .filter_map(|&i| i.checked_sub(config.overrides.len()))
            .filter_map(|k| cli_rules.options.site.folder_schemas.get(k))
            .next_back();
        let configured = cli_schema.map(Path::to_path_buf).or(schema_path);
        let schema_reserved = match (&configured, folder_schema) {
            (None, Some(f)) => f.reserved,
            _ => &[],
        };
        let schema_path = configured.or(folder_schema.map(|f| f.file.clone()));
        let any_schema_rule = RULES
            .iter()
            .any(|r| r.id.starts_with("schema/") && rules.severity(r.id) != Severity::Off);
        let schema = if any_schema_rule {
            Some(schemas.get(schema_path.as_deref())?)
        } else {
            None
        };
        let s = Arc::new(Settings {
            rules,
            schema,
            schema_reserved,
            options: cli_rules.options.clone(),
        });
        self.by_mask.insert(mask.to_vec(), s.clone());
        Ok(s)
    }
}

/// A path the walk refused: reported with `rule`, not linted.
fn not_linted(
    path: PathBuf,
    rule: &'static str,
    severity: Severity,
    message: String,
) -> crate::run::Work {
    crate::run::Work {
        display: path.clone(),
        abs: path,
        settings: None,
        error: Some(crate::run::Refused {
            rule,
            severity,
            message,
        }),
    }
}

/// The rules of files matching the overrides in `mask`: config, overrides, command line.
fn rules_for(config: &Config, mask: &[usize], cli_rules: &CliRules) -> RuleSet {
    let mut rules = RuleSet::default();
    rules.apply(cli_rules.options.site.rule_defaults());
    rules.apply(config.rules.iter().map(|(s, v)| (s.as_str(), *v)));
    for o in mask.iter().filter_map(|&i| config.overrides.get(i)) {
        rules.apply(o.rules.iter().map(|(s, v)| (s.as_str(), *v)));
    }
    cli_rules.apply(&mut rules);
    rules
}

/// The indices of the config overrides whose `files` match `abs`.
fn mask_of(config: &Config, site: &crate::site::Site, abs: &Path) -> Vec<usize> {
    let rel = config.relative(abs);
    let mut mask: Vec<usize> = config
        .overrides
        .iter()
        .enumerate()
        .filter(|(_, o)| o.files.matches_file(rel))
        .map(|(i, _)| i)
        .collect();
    // A schema the site gives for the file's folder (Astro's collection schemas) counts as one
    // more override, after the config's: index `overrides.len() + k`.
    if !site.folder_schemas.is_empty() {
        let root = crate::util::normalize(&site.root);
        if let Ok(in_site) = crate::util::normalize(abs).strip_prefix(&root) {
            let in_site = in_site.to_string_lossy().replace('\\', "/");
            let found = site
                .folder_schemas
                .iter()
                .enumerate()
                .filter(|(_, f)| crate::site::urls::is_under(&in_site, &f.dir))
                .max_by_key(|(_, f)| f.dir.len());
            if let Some((k, _)) = found {
                mask.push(config.overrides.len() + k);
            }
        }
    }
    mask
}
