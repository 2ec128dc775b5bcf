//! `frontlint audit` and `frontlint infer`: reports a person reads about a whole site.
//!
//! Both run through the lint pipeline of `cli::check` (config, site model, walk, cache, the
//! per-file and site-wide phases): `check` hands its results here instead of printing them
//! (`CheckArgs::then`). The audit is one data model ([`Audit`]) rendered three ways: JSON (the
//! model itself), Markdown and a self-contained HTML page.

mod html;
mod markdown;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::escape;
use crate::infer::{self, FieldSummary, Header, Outlier};
use crate::report::{FileReport, StatRow, Totals};
use crate::site::{PageMap, Site};

/// At most this many diagnostics are listed one by one (the counts cover them all).
pub const MAX_LISTED: usize = 5_000;
/// At most this many folders in the heat map (the others are summed in one row).
const MAX_HEAT_ROWS: usize = 30;
/// At most this many outliers are listed.
pub const MAX_OUTLIERS: usize = 500;

/// What `check` does after the walk or the lint, instead of printing diagnostics.
#[derive(Debug, Clone)]
pub enum Then {
    Infer(InferRequest),
    Audit(AuditRequest),
}

#[derive(Debug, Clone)]
pub struct InferRequest {
    pub options: infer::Options,
    pub per_folder: bool,
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// One self-contained HTML page (inline CSS and SVG)
    Html,
    /// Markdown tables, for `$GITHUB_STEP_SUMMARY` and pull-request comments
    Markdown,
    /// The data behind the report
    Json,
}

#[derive(Debug, Clone)]
pub struct AuditRequest {
    pub format: AuditFormat,
    pub output: Option<PathBuf>,
}

/// `frontlint infer [PATH...]`
#[derive(Debug, clap::Args)]
pub struct InferArgs {
    /// Files and folders to learn from [default: the site's content folders, else .]
    pub paths: Vec<PathBuf>,
    /// Share of files a key must be in to be `required`, 0 to 1
    #[arg(long, value_name = "SHARE", default_value_t = 0.98, value_parser = share)]
    pub required_threshold: f64,
    /// Add `additionalProperties: false` to every object (keys not seen become errors)
    #[arg(long)]
    pub strict: bool,
    /// One schema per top folder of the content (needs --output FOLDER); prints the config
    /// overrides that use them
    #[arg(long)]
    pub per_folder: bool,
    /// Write the schema to this file (with --per-folder: into this folder) instead of standard
    /// output
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Config file (default: frontlint.toml or .frontlint.toml, searched upward)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The site root [default: detected from the generator's config]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// `frontlint audit [PATH...]`
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Files and folders to audit [default: the site's content folders, else .]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = AuditFormat::Html)]
    pub format: AuditFormat,
    /// Write the report to this file (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// JSON Schema for the front matter (default: from the config, else the built-in one)
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Config file (default: frontlint.toml or .frontlint.toml, searched upward)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The site root [default: detected from the generator's config]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The current time for date rules and ages, RFC 3339 [default: $FRONTLINT_NOW, else the
    /// clock]
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Do not read or write the result cache
    #[arg(long)]
    pub no_cache: bool,
}

fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "`{s}` is not a share between 0 and 1 (such as 0.98)"
        )),
    }
}

pub(crate) fn no_stdin(paths: &[PathBuf], command: &str) -> Option<u8> {
    paths.iter().any(|p| p.as_os_str() == "-").then(|| {
        eprintln!("error: `frontlint {command}` reads files and folders, not standard input (`-`)");
        2
    })
}

fn write_out(output: Option<&Path>, cwd: &Path, text: &str) -> u8 {
    match output {
        Some(path) if crate::fsutil::link_on_the_way(cwd, path).is_some() => {
            let shown = path.display().to_string();
            eprintln!(
                "error: cannot write `{}`: it is, or goes through, a symbolic link, and frontlint never writes through one",
                escape::text(&shown)
            );
            2
        }
        Some(path) => match crate::fsutil::write_atomic(&cwd.join(path), text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                let shown = path.display().to_string();
                eprintln!(
                    "error: cannot write `{}`: {}",
                    escape::text(&shown),
                    crate::walk::io_message(&e)
                );
                2
            }
        },
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: cannot write to standard output: {e}");
                    2
                }
            }
        }
    }
}

/// The linted files of a run: (shown path, absolute path).
fn linted_files(work: &[crate::run::Work]) -> Vec<(String, PathBuf)> {
    work.iter()
        .filter(|w| w.settings.is_some())
        .map(|w| {
            (
                w.display.display().to_string().replace('\\', "/"),
                w.abs.clone(),
            )
        })
        .collect()
}

/// The content folder a file is in, for `--per-folder` and the heat map: its path relative
/// to the site's content folder (else to the site root), up to `depth` folders.
fn folder_of(site: &Site, abs: &Path, depth: usize) -> String {
    let norm = crate::util::normalize(abs);
    let root = crate::util::normalize(&site.root);
    let rel = norm.strip_prefix(&root).unwrap_or(&norm);
    let rel = rel.to_string_lossy().replace('\\', "/");
    let inside = site
        .content
        .iter()
        .filter_map(|c| crate::site::urls::strip_dir(&rel, c.dir.trim_end_matches('/')))
        .min_by_key(|r| r.len())
        .unwrap_or(&rel);
    let parts: Vec<&str> = inside.split('/').filter(|p| !p.is_empty()).collect();
    let folders = &parts[..parts.len().saturating_sub(1)];
    if folders.is_empty() {
        "(top)".into()
    } else {
        folders[..folders.len().min(depth)].join("/")
    }
}

/// The config glob of the files of `folder` (as [`folder_of`] named it for `abs`), relative
/// to the site root: `content/posts/**`.
fn folder_glob(site: &Site, abs: &Path, folder: &str) -> String {
    let norm = crate::util::normalize(abs);
    let root = crate::util::normalize(&site.root);
    let rel = norm.strip_prefix(&root).unwrap_or(&norm);
    let rel = rel.to_string_lossy().replace('\\', "/");
    let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
    if folder == "(top)" {
        return if parent.is_empty() {
            "*".into()
        } else {
            format!("{parent}/*")
        };
    }
    // The folder is the first one below the content folder: find it from the end.
    let parts: Vec<&str> = parent.split('/').collect();
    match parts.iter().rposition(|p| *p == folder) {
        Some(i) => format!("{}/**", parts[..=i].join("/")),
        None => format!("**/{folder}/**"),
    }
}

/// Print the outliers on standard error (escaped).
fn print_outliers(outliers: &[Outlier]) {
    for o in outliers {
        eprintln!(
            "{}:{}: {}: {}: {}",
            escape::text(&o.path),
            o.line,
            escape::text(&o.key),
            escape::text(&o.value),
            escape::text(&o.why)
        );
    }
}

/// `infer`, once the walk is done.
pub fn run_infer(req: &InferRequest, work: &[crate::run::Work], site: &Site, cwd: &Path) -> u8 {
    let files = linted_files(work);
    let abs: Vec<&PathBuf> = work
        .iter()
        .filter(|w| w.settings.is_some())
        .map(|w| &w.abs)
        .collect();
    let nothing = || {
        eprintln!("error: no file with a front matter to learn from");
        2
    };
    if !req.per_folder {
        let (out, _) = infer::infer_files(&files, req.options, "Front matter", || infer::Nothing);
        if out.files == 0 {
            return nothing();
        }
        print_outliers(&out.outliers);
        eprintln!(
            "Inferred a schema from {} ({} {}).",
            plural(out.files, "file", "files"),
            out.outliers.len(),
            if out.outliers.len() == 1 {
                "outlier"
            } else {
                "outliers"
            }
        );
        return write_out(req.output.as_deref(), cwd, &infer::to_text(&out.schema));
    }
    let mut groups: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    let mut globs: BTreeMap<String, String> = BTreeMap::new();
    for (h, a) in files.iter().zip(&abs) {
        let folder = folder_of(site, a, 1);
        globs
            .entry(folder.clone())
            .or_insert_with(|| folder_glob(site, a, &folder));
        groups.entry(folder).or_default().push(h.clone());
    }
    let dir = cwd.join(req.output.as_deref().unwrap_or(Path::new(".")));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create the output folder: {e}");
        return 2;
    }
    let mut config = String::new();
    let mut written = 0;
    for (folder, hs) in &groups {
        let name = if folder == "(top)" {
            "_top".to_string()
        } else {
            folder.replace('/', "_")
        };
        let title = format!("Front matter of {folder}");
        let (out, _) = infer::infer_files(hs, req.options, &title, || infer::Nothing);
        if out.files == 0 {
            continue;
        }
        written += 1;
        print_outliers(&out.outliers);
        let file = dir.join(format!("{name}.schema.json"));
        if let Err(e) = crate::fsutil::write_atomic(&file, infer::to_text(&out.schema).as_bytes()) {
            eprintln!(
                "error: cannot write a schema: {}",
                crate::walk::io_message(&e)
            );
            return 2;
        }
        let shown = req
            .output
            .as_deref()
            .unwrap_or(Path::new("."))
            .join(format!("{name}.schema.json"))
            .display()
            .to_string()
            .replace('\\', "/");
        config.push_str(&format!(
            "[[overrides]]\nfiles = [{:?}]\nschema = {:?}\n\n",
            escape::text(&globs[folder]),
            escape::text(&shown)
        ));
    }
    eprintln!(
        "Wrote {}; the config overrides that use them (files relative to the site root, schemas as given with --output):",
        plural(written, "schema", "schemas")
    );
    if written == 0 {
        return nothing();
    }
    write_out(None, cwd, &config)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        infer::thousands(n),
        if n == 1 { one } else { many }
    )
}

/// What the audit needs from the run.
pub struct Run<'a> {
    pub files: &'a [FileReport],
    pub work: &'a [crate::run::Work],
    /// Every file of the run (the site's other content too), with its page facts.
    pub all_work: &'a [crate::run::Work],
    pub facts: &'a [Option<crate::site::PageFacts>],
    pub map: &'a PageMap,
    pub site: &'a Site,
    pub checked: usize,
    pub started: Instant,
    pub cwd: &'a Path,
}

/// A `--statistics` row, owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stat {
    pub rule: String,
    pub severity: Severity,
    pub count: usize,
    pub files: usize,
    pub fixable: usize,
    pub unsafe_fixable: usize,
}

impl From<&StatRow<'_>> for Stat {
    fn from(r: &StatRow) -> Stat {
        Stat {
            rule: r.rule.to_string(),
            severity: r.severity,
            count: r.count,
            files: r.files,
            fixable: r.fixable,
            unsafe_fixable: r.unsafe_fixable,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Overview {
    pub generator: String,
    pub files: usize,
    pub files_with_front_matter: usize,
    pub files_with_problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
    pub unsafe_fixable: usize,
    pub seconds: f64,
    /// Linted files by what the generator makes of them: `page`, `section` (a list page),
    /// `draft or unpublished`, `partial` (included by other pages, no URL of its own),
    /// `not built`.
    pub by_kind: BTreeMap<String, usize>,
    pub by_section: BTreeMap<String, usize>,
    pub by_language: BTreeMap<String, usize>,
}

#[derive(Debug, Serialize)]
pub struct HeatMap {
    pub groups: Vec<String>,
    pub rows: Vec<HeatRow>,
}

#[derive(Debug, Serialize)]
pub struct HeatRow {
    pub folder: String,
    pub counts: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct TopFile {
    pub path: String,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct Listed {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Problems {
    pub statistics: Vec<Stat>,
    pub heat_map: HeatMap,
    pub top_files: Vec<TopFile>,
    /// Rule → its diagnostics (the first `MAX_LISTED` of the run, in report order).
    pub diagnostics: BTreeMap<String, Vec<Listed>>,
    pub listed: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Fields {
    pub fields: Vec<FieldSummary>,
    pub outliers: Vec<Outlier>,
    pub outliers_total: usize,
}

#[derive(Debug, Serialize)]
pub struct Time {
    /// `YYYY-MM` → pages published that month.
    pub per_month: BTreeMap<String, usize>,
    /// Age of `lastmod` (and its aliases): bucket → pages, in bucket order.
    pub lastmod_age: Vec<(String, usize)>,
    pub future: Vec<String>,
    pub expired: Vec<String>,
    /// The shape of date values (`YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss±hh:mm`) → values.
    pub date_formats: BTreeMap<String, usize>,
}

#[derive(Debug, Serialize)]
pub struct TaxonomyReport {
    pub key: String,
    pub pages: usize,
    /// Every term with its pages, most used first.
    pub terms: Vec<(String, usize)>,
    /// Spellings of one term (`AI`, `ai`, `A.I.`).
    pub near_duplicates: Vec<Vec<(String, usize)>>,
}

#[derive(Debug, Serialize)]
pub struct Languages {
    pub pages: BTreeMap<String, usize>,
    /// Translation groups that miss languages: (group, missing languages).
    pub missing: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Serialize)]
pub struct Links {
    /// Broken links and images by rule.
    pub broken: Vec<(String, usize)>,
    /// Where header images come from: a URL's host, else `(site)`.
    pub image_hosts: BTreeMap<String, usize>,
    pub pages_without_image: usize,
    /// Pages (not list pages) of the audited files that no body link of another page reaches
    /// (the generator's own list pages are not counted); `None` without bodies (`--no-body`).
    pub orphans: Option<Vec<String>>,
}

/// Everything the audit shows.
#[derive(Debug, Serialize)]
pub struct Audit {
    pub version: &'static str,
    pub overview: Overview,
    pub problems: Problems,
    pub fields: Fields,
    pub time: Time,
    pub taxonomies: Vec<TaxonomyReport>,
    pub languages: Languages,
    pub links: Links,
}

/// `audit`, once the run is done.
pub fn run_audit(req: &AuditRequest, run: &Run, learning: Learning) -> u8 {
    let audit = collect(run, learning);
    let text = match req.format {
        AuditFormat::Json => {
            escape::json(serde_json::to_string_pretty(&audit).unwrap_or_default()) + "\n"
        }
        AuditFormat::Markdown => markdown::render(&audit),
        AuditFormat::Html => html::render(&audit),
    };
    let code = write_out(req.output.as_deref(), run.cwd, &text);
    if code == 0 {
        let o = &audit.overview;
        eprintln!(
            "Audited {}: {}, {}.",
            plural(o.files, "file", "files"),
            plural(o.errors, "error", "errors"),
            plural(o.warnings, "warning", "warnings")
        );
    }
    code
}

const DATE_KEYS: [&str; 5] = ["date", "publishdate", "pubdate", "published", "pubdatetime"];
const LASTMOD_KEYS: [&str; 5] = [
    "lastmod",
    "updated",
    "modified",
    "last_modified_at",
    "moddatetime",
];
const EXPIRY_KEYS: [&str; 2] = ["expirydate", "expires"];

fn first_str<'a>(root: &'a crate::parse::Node, keys: &[&str]) -> Option<&'a str> {
    root.entries()
        .iter()
        .find(|e| keys.contains(&e.key.to_ascii_lowercase().as_str()))
        .and_then(|e| e.value.as_str())
}

fn civil_date(s: &str) -> Option<jiff::civil::Date> {
    s.get(..10)?.parse().ok()
}

/// `2024-01-02T10:00:00+01:00` → `YYYY-MM-DDThh:mm:ss±hh:mm`.
fn date_shape(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || !is_ymd(&b[..10]) {
        return "other".into();
    }
    let mut shape = String::from("YYYY-MM-DD");
    let rest = &s[10..];
    if rest.is_empty() {
        return shape;
    }
    let sep = rest.as_bytes()[0];
    let time = &rest[1..];
    if !matches!(sep, b'T' | b't' | b' ') || time.len() < 5 || time.as_bytes()[2] != b':' {
        return "other".into();
    }
    shape.push(if sep == b' ' { ' ' } else { 'T' });
    shape.push_str("hh:mm");
    let mut tail = &time[5..];
    if tail.starts_with(':') && tail.len() >= 3 {
        shape.push_str(":ss");
        tail = &tail[3..];
    }
    if let Some(frac) = tail.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        shape.push_str(".fff");
        tail = &frac[digits..];
    }
    let zone = tail.trim_start();
    if zone.is_empty() {
    } else if zone == "Z" || zone == "z" {
        shape.push('Z');
    } else if (zone.starts_with('+') || zone.starts_with('-')) && zone.len() == 6 {
        shape.push_str("±hh:mm");
    } else if (zone.starts_with('+') || zone.starts_with('-')) && zone.len() == 5 {
        shape.push_str("±hhmm");
    } else {
        shape.push_str(" (zone)");
    }
    shape
}

fn is_ymd(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A term's spelling-free key: lower case, letters and digits only (`A.I.` → `ai`), Chinese
/// in simplified characters (`機器學習` → `机器学习`).
fn term_key(term: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let key: String = term
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    if key.is_ascii() {
        key
    } else {
        fast2s::convert(&key)
    }
}

/// Age buckets of `lastmod`, in order.
const AGE_BUCKETS: [&str; 6] = [
    "under 1 month",
    "1–6 months",
    "6–12 months",
    "1–2 years",
    "over 2 years",
    "in the future",
];

/// What the audit reads from the headers besides the statistics of `infer`.
struct ObserveConfig {
    today: jiff::civil::Date,
    tax_keys: Vec<String>,
    /// Lower case.
    image_fields: Vec<String>,
}

/// The audit's dates, terms and images, folded over the headers (in parallel: lists keep the
/// file index and are sorted at the end).
struct Observed {
    per_month: BTreeMap<String, usize>,
    ages: [usize; 6],
    future: Vec<(usize, String)>,
    expired: Vec<(usize, String)>,
    date_formats: BTreeMap<String, usize>,
    terms: Vec<(usize, BTreeMap<String, usize>)>,
    image_hosts: BTreeMap<String, usize>,
    without_image: usize,
    config: std::sync::Arc<ObserveConfig>,
}

impl Observed {
    fn new(config: std::sync::Arc<ObserveConfig>) -> Self {
        Observed {
            per_month: BTreeMap::new(),
            ages: [0; 6],
            future: Vec::new(),
            expired: Vec::new(),
            date_formats: BTreeMap::new(),
            terms: vec![(0, BTreeMap::new()); config.tax_keys.len()],
            image_hosts: BTreeMap::new(),
            without_image: 0,
            config,
        }
    }
}

fn add_counts(to: &mut BTreeMap<String, usize>, from: BTreeMap<String, usize>) {
    for (k, n) in from {
        *to.entry(k).or_default() += n;
    }
}

impl infer::Observe for Observed {
    fn merge(&mut self, other: Self) {
        add_counts(&mut self.per_month, other.per_month);
        for (a, b) in self.ages.iter_mut().zip(other.ages) {
            *a += b;
        }
        self.future.extend(other.future);
        self.expired.extend(other.expired);
        add_counts(&mut self.date_formats, other.date_formats);
        for (a, b) in self.terms.iter_mut().zip(other.terms) {
            a.0 += b.0;
            add_counts(&mut a.1, b.1);
        }
        add_counts(&mut self.image_hosts, other.image_hosts);
        self.without_image += other.without_image;
    }

    fn observe(&mut self, index: usize, h: &Header) {
        let Some(root) = h.mapping() else { return };
        let config = &*self.config;
        let today = config.today;
        for e in root.entries() {
            let k = e.key.to_ascii_lowercase();
            if DATE_KEYS.contains(&k.as_str())
                || LASTMOD_KEYS.contains(&k.as_str())
                || EXPIRY_KEYS.contains(&k.as_str())
            {
                if let Some(s) = e.value.as_str() {
                    *self.date_formats.entry(date_shape(s)).or_default() += 1;
                }
            }
        }
        if let Some(d) = first_str(root, &DATE_KEYS).and_then(civil_date) {
            *self
                .per_month
                .entry(format!("{:04}-{:02}", d.year(), d.month()))
                .or_default() += 1;
            if d > today {
                self.future.push((index, h.path.clone()));
            }
        }
        if let Some(d) = first_str(root, &LASTMOD_KEYS).and_then(civil_date) {
            let days = d.until(today).map_or(0, |s| i64::from(s.get_days()));
            let b = match days {
                d if d < 0 => 5,
                0..=30 => 0,
                31..=182 => 1,
                183..=365 => 2,
                366..=730 => 3,
                _ => 4,
            };
            self.ages[b] += 1;
        }
        if let Some(d) = first_str(root, &EXPIRY_KEYS).and_then(civil_date) {
            if d < today {
                self.expired.push((index, h.path.clone()));
            }
        }
        for (i, key) in config.tax_keys.iter().enumerate() {
            let Some(entry) = root.get_entry_ignore_case(key) else {
                continue;
            };
            let values: Vec<&str> = match &entry.value.value {
                crate::parse::Value::Seq(items) => {
                    items.iter().filter_map(|n| n.as_str()).collect()
                }
                _ => entry.value.as_str().into_iter().collect(),
            };
            if !values.is_empty() {
                self.terms[i].0 += 1;
            }
            let unique: BTreeSet<&str> = values.into_iter().map(str::trim).collect();
            for v in unique {
                *self.terms[i].1.entry(v.to_string()).or_default() += 1;
            }
        }
        let mut has_image = false;
        for e in root.entries() {
            if !config.image_fields.contains(&e.key.to_ascii_lowercase()) {
                continue;
            }
            let values: Vec<&str> = match &e.value.value {
                crate::parse::Value::Seq(items) => {
                    items.iter().filter_map(|n| n.as_str()).collect()
                }
                crate::parse::Value::Map(_) => e
                    .value
                    .get("image")
                    .and_then(|n| n.as_str())
                    .into_iter()
                    .collect(),
                _ => e.value.as_str().into_iter().collect(),
            };
            for v in values.into_iter().filter(|v| !v.trim().is_empty()) {
                has_image = true;
                let host = url::Url::parse(v.trim())
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| "(site)".into());
                *self.image_hosts.entry(host).or_default() += 1;
            }
        }
        if !has_image {
            self.without_image += 1;
        }
    }
}

/// The audit's first pass over the headers, fed by the lint as it reads them
/// ([`crate::run::lint_all_with`]): the statistics of `infer` and what [`Observed`] counts. Files
/// the lint did not read (cache hits) are read here.
pub struct Learning {
    /// The linted files of the report (shown path, absolute path), in run order.
    files: std::sync::Arc<Vec<(String, PathBuf)>>,
    /// Per work item of the report: whether it is linted.
    linted: Vec<bool>,
    /// The index in `files` of the next linted item.
    next: usize,
    learner: infer::Learner<Observed>,
}

impl Learning {
    /// For the reported work items of a run (`work[..reported]`).
    pub fn new(
        site: &Site,
        work: &[crate::run::Work],
        now: jiff::Timestamp,
        image_fields: &[String],
    ) -> Learning {
        let config = std::sync::Arc::new(ObserveConfig {
            today: now.to_zoned(jiff::tz::TimeZone::UTC).date(),
            tax_keys: match &site.taxonomies {
                Some(t) => t.iter().map(|t| t.key.clone()).collect(),
                None => vec!["tags".into(), "categories".into()],
            },
            image_fields: image_fields
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
        });
        Learning {
            files: std::sync::Arc::new(linted_files(work)),
            linted: work.iter().map(|w| w.settings.is_some()).collect(),
            next: 0,
            learner: infer::Learner::new(move || Observed::new(config.clone())),
        }
    }

    /// The headers of work items `first..` (in order after those given before).
    pub fn chunk(&mut self, first: usize, headers: Vec<Option<Vec<u8>>>) {
        let mut items = Vec::with_capacity(headers.len());
        for (i, header) in (first..).zip(headers) {
            if !self.linted.get(i).copied().unwrap_or(false) {
                continue;
            }
            let index = self.next;
            self.next += 1;
            let (shown, abs) = &self.files[index];
            items.push((index, shown.as_str(), abs.as_path(), header));
        }
        self.learner.add_chunk(items);
    }

    /// The schema's fields and outliers, and the observations.
    fn finish(self) -> (infer::Inferred, Observed) {
        let files = self.files;
        self.learner
            .finish(infer::Options::default(), "Front matter", &|ix| {
                infer::fetch_files(&files, ix)
            })
    }
}

fn collect(run: &Run, learning: Learning) -> Audit {
    use rayon::prelude::*;
    let site = run.site;
    let abs: Vec<&PathBuf> = run
        .work
        .iter()
        .filter(|w| w.settings.is_some())
        .map(|w| &w.abs)
        .collect();
    let totals = Totals::of(run.files, run.checked);
    let rows = crate::report::statistics(run.files);

    // Pages per section and language, from the site model.
    let mut by_section: BTreeMap<String, usize> = BTreeMap::new();
    let sections: Vec<String> = abs.par_iter().map(|a| folder_of(site, a, 1)).collect();
    for section in sections {
        *by_section.entry(section).or_default() += 1;
    }
    let mut by_language: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let linted: Vec<String> = run
        .work
        .par_iter()
        .filter_map(|w| {
            let s = w.settings.as_ref()?;
            crate::lint::site_rel(&w.abs, s)
        })
        .collect();
    let linted: BTreeSet<String> = linted.into_iter().collect();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for page in &run.map.pages {
        if !linted.contains(&page.rel) {
            continue;
        }
        let kind = match (page.role, page.info.kind, page.info.published) {
            (crate::site::Role::Page, _, false) => "draft or unpublished",
            (crate::site::Role::Page, crate::site::PageKind::Section, true) => "section",
            (crate::site::Role::Page, crate::site::PageKind::Page, true) => "page",
            (crate::site::Role::Partial, _, _) => "partial",
            (crate::site::Role::Ignored, _, _) => "not built",
        };
        *by_kind.entry(kind.to_string()).or_default() += 1;
        if page.role != crate::site::Role::Page {
            continue;
        }
        if let Some(lang) = &page.info.lang {
            *by_language.entry(lang.clone()).or_default() += 1;
            if let Some(key) = &page.info.translation_key {
                groups.entry(key.clone()).or_default().insert(lang.clone());
            }
        }
    }
    let site_langs: Vec<String> = site.languages.iter().map(|l| l.key.clone()).collect();
    let mut missing = Vec::new();
    if site_langs.len() > 1 {
        for (key, langs) in &groups {
            let miss: Vec<String> = site_langs
                .iter()
                .filter(|l| !langs.contains(*l))
                .cloned()
                .collect();
            if !miss.is_empty() {
                missing.push((key.clone(), miss));
            }
        }
    }

    // Problems.
    let groups_seen: BTreeSet<String> = rows
        .iter()
        .map(|r| crate::rules::group(r.rule).to_string())
        .collect();
    let group_list: Vec<String> = groups_seen.into_iter().collect();
    let mut heat: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // Folders two deep (`posts/2024`), unless that makes more than 30 rows (a folder per page
    // bundle): then one deep.
    let folders_at = |depth: usize| -> BTreeMap<String, String> {
        let pairs: Vec<(String, String)> = run
            .work
            .par_iter()
            .map(|w| {
                (
                    w.display.display().to_string(),
                    folder_of(site, &w.abs, depth),
                )
            })
            .collect();
        pairs.into_iter().collect()
    };
    let mut folder_by_path = folders_at(2);
    let with_problems: BTreeSet<&String> = run
        .files
        .iter()
        .filter_map(|f| folder_by_path.get(&f.path))
        .collect();
    if with_problems.len() > MAX_HEAT_ROWS {
        folder_by_path = folders_at(1);
    }
    let mut top: Vec<TopFile> = Vec::new();
    let mut diagnostics: BTreeMap<String, Vec<Listed>> = BTreeMap::new();
    let mut listed = 0;
    let mut total = 0;
    for f in run.files {
        let folder = folder_by_path
            .get(&f.path)
            .cloned()
            .unwrap_or_else(|| "(other)".into());
        let row = heat
            .entry(folder)
            .or_insert_with(|| vec![0; group_list.len()]);
        let (mut errors, mut warnings) = (0, 0);
        for l in &f.diagnostics {
            let d = &l.diagnostic;
            total += 1;
            if let Ok(g) =
                group_list.binary_search_by(|g| g.as_str().cmp(crate::rules::group(d.rule)))
            {
                row[g] += 1;
            }
            match d.severity {
                Severity::Error => errors += 1,
                _ => warnings += 1,
            }
            if listed < MAX_LISTED {
                listed += 1;
                diagnostics
                    .entry(d.rule.to_string())
                    .or_default()
                    .push(Listed {
                        path: f.path.clone(),
                        line: l.start.line,
                        column: l.start.column,
                        severity: d.severity,
                        message: d.message.clone(),
                    });
            }
        }
        if errors + warnings > 0 {
            top.push(TopFile {
                path: f.path.clone(),
                errors,
                warnings,
            });
        }
    }
    top.sort_by(|a, b| {
        (b.errors + b.warnings, b.errors, &a.path).cmp(&(a.errors + a.warnings, a.errors, &b.path))
    });
    top.truncate(20);
    let mut heat_rows: Vec<HeatRow> = heat
        .into_iter()
        .filter(|(_, c)| c.iter().any(|n| *n > 0))
        .map(|(folder, counts)| HeatRow { folder, counts })
        .collect();
    if heat_rows.len() > MAX_HEAT_ROWS {
        // The folders with the most problems, then the rest in one row.
        heat_rows.sort_by_key(|r| std::cmp::Reverse(r.counts.iter().sum::<usize>()));
        let rest = heat_rows.split_off(MAX_HEAT_ROWS - 1);
        let mut counts = vec![0; group_list.len()];
        for r in &rest {
            for (c, n) in counts.iter_mut().zip(&r.counts) {
                *c += n;
            }
        }
        heat_rows.sort_by(|a, b| a.folder.cmp(&b.folder));
        heat_rows.push(HeatRow {
            folder: format!("({} other folders)", rest.len()),
            counts,
        });
    }

    // Time, taxonomies, images: from the headers.
    let (inferred, observed) = learning.finish();
    let Observed {
        per_month,
        ages,
        mut future,
        mut expired,
        date_formats,
        terms,
        image_hosts,
        without_image,
        config,
    } = observed;
    future.sort();
    expired.sort();
    let future: Vec<String> = future.into_iter().map(|(_, p)| p).collect();
    let expired: Vec<String> = expired.into_iter().map(|(_, p)| p).collect();
    let tax_keys = config.tax_keys.clone();
    let taxonomies = tax_keys
        .into_iter()
        .zip(terms)
        .filter(|(_, (pages, _))| *pages > 0)
        .map(|(key, (pages, counts))| {
            let mut by_key: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
            for (t, n) in &counts {
                by_key.entry(term_key(t)).or_default().push((t.clone(), *n));
            }
            let near_duplicates = by_key.into_values().filter(|v| v.len() > 1).collect();
            let mut terms: Vec<(String, usize)> = counts.into_iter().collect();
            terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            TaxonomyReport {
                key,
                pages,
                terms,
                near_duplicates,
            }
        })
        .collect();
    let broken = rows
        .iter()
        .filter(|r| matches!(crate::rules::group(r.rule), "link" | "thumbnail" | "image"))
        .fold(BTreeMap::<String, usize>::new(), |mut m, r| {
            *m.entry(r.rule.to_string()).or_default() += r.count;
            m
        })
        .into_iter()
        .collect();
    let outliers_total = inferred.outliers.len();
    let mut outliers = inferred.outliers;
    outliers.truncate(MAX_OUTLIERS);
    Audit {
        version: env!("CARGO_PKG_VERSION"),
        overview: Overview {
            generator: format!("{:?}", site.kind).to_lowercase(),
            files: run.checked,
            files_with_front_matter: inferred.files,
            files_with_problems: totals.files_with_problems,
            errors: totals.errors,
            warnings: totals.warnings,
            fixable: totals.fixable,
            unsafe_fixable: totals.unsafe_fixable,
            seconds: (run.started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
            by_kind,
            by_section,
            by_language: by_language.clone(),
        },
        problems: Problems {
            statistics: rows.iter().map(Stat::from).collect(),
            heat_map: HeatMap {
                groups: group_list,
                rows: heat_rows,
            },
            top_files: top,
            diagnostics,
            listed,
            total,
        },
        fields: Fields {
            fields: inferred.fields,
            outliers,
            outliers_total,
        },
        time: Time {
            per_month,
            lastmod_age: AGE_BUCKETS
                .iter()
                .map(|b| b.to_string())
                .zip(ages)
                .collect(),
            future,
            expired,
            date_formats,
        },
        taxonomies,
        languages: Languages {
            pages: by_language,
            missing,
        },
        links: Links {
            broken,
            image_hosts,
            pages_without_image: without_image,
            orphans: orphans(run, &linted),
        },
    }
}

/// The audited pages no body link of another page reaches.
fn orphans(run: &Run, audited: &BTreeSet<String>) -> Option<Vec<String>> {
    use crate::site::{PageKind, Resolution, Role};
    use rayon::prelude::*;
    let (site, map) = (run.site, run.map);
    let mut linked = vec![false; map.pages.len()];
    // The pages of the map in order (the files in the site), with their facts.
    let in_site: Vec<bool> = run
        .all_work
        .par_iter()
        .map(|w| {
            w.settings
                .as_ref()
                .is_some_and(|s| crate::lint::site_rel(&w.abs, s).is_some())
        })
        .collect();
    let pages: Vec<(usize, &crate::site::PageFacts)> = in_site
        .iter()
        .zip(run.facts)
        .filter(|(inside, _)| **inside)
        .enumerate()
        .filter_map(|(from, (_, facts))| Some((from, facts.as_ref().filter(|f| f.body)?)))
        .collect();
    if pages.is_empty() {
        return None;
    }
    let targets: Vec<usize> = pages
        .par_iter()
        .flat_map_iter(|&(from, facts)| {
            facts
                .links
                .iter()
                .filter(|l| !l.image)
                .filter_map(move |link| {
                    let path = link.dest.split(['#', '?']).next().unwrap_or("");
                    if path.is_empty() || from >= map.pages.len() {
                        return None;
                    }
                    let candidates = site.generator.link_candidates(site, map, from, path);
                    match map.resolve_any(site, &candidates, false) {
                        Resolution::Page(to) if to != from => Some(to),
                        _ => None,
                    }
                })
        })
        .collect();
    for to in targets {
        if to < linked.len() {
            linked[to] = true;
        }
    }
    Some(
        map.pages
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                !linked[*i]
                    && p.role == Role::Page
                    && p.info.kind == PageKind::Page
                    && p.info.published
                    && !p.info.urls.is_empty()
                    && audited.contains(&p.rel)
            })
            .map(|(_, p)| p.rel.clone())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_shapes() {
        assert_eq!(date_shape("2024-01-02"), "YYYY-MM-DD");
        assert_eq!(date_shape("2024-01-02T10:00:00Z"), "YYYY-MM-DDThh:mm:ssZ");
        assert_eq!(
            date_shape("2024-01-02 10:00:00 +0100"),
            "YYYY-MM-DD hh:mm:ss±hhmm"
        );
        assert_eq!(
            date_shape("2024-01-02T10:00:00.5+01:00"),
            "YYYY-MM-DDThh:mm:ss.fff±hh:mm"
        );
        assert_eq!(date_shape("March 3, 2024"), "other");
    }

    #[test]
    fn near_duplicate_terms() {
        assert_eq!(term_key("A.I."), term_key("ai"));
        assert_eq!(term_key("AI"), "ai");
        assert_ne!(term_key("机器学习"), term_key("机器"));
        // One term in traditional and simplified characters.
        assert_eq!(term_key("機器學習"), term_key("机器学习"));
        assert_eq!(term_key("人工智慧 (AI)"), term_key("人工智慧AI"));
        assert_ne!(term_key("機器學習"), term_key("机器人"));
    }
}
