//! Remote checks (`--remote`, `[remote] enabled = true`): after the offline rules, every
//! header image URL (`thumbnail/remote-broken`, `thumbnail/remote-not-image`) and every
//! absolute body link (`link/remote-broken`) is asked for over HTTP, each URL once per run.
//!
//! Nothing here runs unless the user asked for it: without `--remote` (or with `--offline`)
//! no function of this module that opens a socket is called.

pub mod cache;
pub mod check;
pub mod pool;

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::FileReport;
use crate::run::Work;
use check::{Checked, Mode, Verdict};

/// The `[remote]` table of `frontlint.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRemote {
    enabled: Option<bool>,
    concurrency: Option<usize>,
    per_host: Option<usize>,
    connect_timeout: Option<toml::Spanned<RawDuration>>,
    timeout: Option<toml::Spanned<RawDuration>>,
    max_redirects: Option<u32>,
    retries: Option<u32>,
    max_retry_wait: Option<toml::Spanned<RawDuration>>,
    #[serde(default)]
    include: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    cache_ttl: Option<toml::Spanned<RawDuration>>,
    cache_ttl_broken: Option<toml::Spanned<RawDuration>>,
    user_agent: Option<String>,
    https_hints: Option<bool>,
    /// Host → the name of an environment variable holding `Name: value` lines.
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// A duration: seconds (`20`, `0.5`) or a string with a unit (`"500ms"`, `"20s"`, `"5m"`,
/// `"12h"`, `"1d"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDuration {
    Int(u64),
    Float(f64),
    Text(String),
}

fn parse_duration(d: &RawDuration) -> Option<Duration> {
    match d {
        RawDuration::Int(s) => Some(Duration::from_secs(*s)),
        RawDuration::Float(f) if f.is_finite() && *f >= 0.0 && *f < 1e9 => {
            Some(Duration::from_secs_f64(*f))
        }
        RawDuration::Float(_) => None,
        RawDuration::Text(t) => {
            let t = t.trim();
            let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let (n, unit) = t.split_at(split);
            let n: f64 = n.parse().ok()?;
            let scale = match unit.trim() {
                "ms" => 0.001,
                "s" => 1.0,
                "m" | "min" => 60.0,
                "h" => 3600.0,
                "d" => 86400.0,
                _ => return None,
            };
            let secs = n * scale;
            (secs.is_finite() && secs < 1e9).then(|| Duration::from_secs_f64(secs))
        }
    }
}

/// The remote options of a run.
#[derive(Debug, Clone)]
pub struct Options {
    pub enabled: bool,
    /// At most this many requests at once (`concurrency`).
    pub global: usize,
    /// At most this many requests at once to one host (`per-host`).
    pub per_host: usize,
    pub connect_timeout: Duration,
    /// For one URL, redirects and the bytes read included.
    pub timeout: Duration,
    pub max_redirects: u32,
    /// How many times a URL answered with 429/503 is asked again.
    pub retries: u32,
    /// A `Retry-After` longer than this is not waited for: the URL is reported.
    pub max_retry_wait: Duration,
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    pub cache_ttl: Duration,
    pub cache_ttl_broken: Duration,
    pub user_agent: String,
    /// Check `https://` for `http://` URLs and say when it works.
    pub https_hints: bool,
    /// Host → environment variable with the headers sent to it.
    pub headers: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enabled: false,
            global: 64,
            per_host: 4,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            max_redirects: 10,
            retries: 3,
            max_retry_wait: Duration::from_secs(60),
            include: None,
            exclude: None,
            cache_ttl: Duration::from_secs(86400),
            cache_ttl_broken: Duration::from_secs(3600),
            user_agent: format!(
                "frontlint/{} (link checker; +{})",
                env!("CARGO_PKG_VERSION"),
                env!("CARGO_PKG_REPOSITORY")
            ),
            https_hints: true,
            headers: BTreeMap::new(),
        }
    }
}

impl Options {
    /// The `[remote]` table, checked; errors point at the value.
    pub fn from_raw(raw: &RawRemote) -> Result<Options, (Option<Range<usize>>, String)> {
        let mut o = Options::default();
        let duration = |d: &Option<toml::Spanned<RawDuration>>, default: Duration| {
            match d {
            None => Ok(default),
            Some(s) => parse_duration(s.get_ref()).ok_or_else(|| {
                (
                    Some(s.span()),
                    "not a duration: write seconds (`20`) or a number with a unit (`\"500ms\"`, `\"20s\"`, `\"5m\"`, `\"12h\"`, `\"1d\"`)".to_string(),
                )
            }),
        }
        };
        o.enabled = raw.enabled.unwrap_or(false);
        if let Some(n) = raw.concurrency {
            o.global = n;
        }
        if let Some(n) = raw.per_host {
            o.per_host = n;
        }
        if o.global == 0 || o.per_host == 0 || o.global > 1024 || o.per_host > 1024 {
            return Err((
                None,
                "`[remote] concurrency` and `per-host` are from 1 to 1024".into(),
            ));
        }
        o.connect_timeout = duration(&raw.connect_timeout, o.connect_timeout)?;
        o.timeout = duration(&raw.timeout, o.timeout)?;
        o.max_retry_wait = duration(&raw.max_retry_wait, o.max_retry_wait)?;
        o.cache_ttl = duration(&raw.cache_ttl, o.cache_ttl)?;
        o.cache_ttl_broken = duration(&raw.cache_ttl_broken, o.cache_ttl_broken.min(o.cache_ttl))?;
        if o.timeout.is_zero() || o.connect_timeout.is_zero() {
            return Err((
                None,
                "`[remote] timeout` and `connect-timeout` must be more than 0".into(),
            ));
        }
        if let Some(n) = raw.max_redirects {
            o.max_redirects = n.min(100);
        }
        if let Some(n) = raw.retries {
            o.retries = n.min(10);
        }
        if let Some(ua) = &raw.user_agent {
            if ua.trim().is_empty() || ua.chars().any(char::is_control) {
                return Err((
                    None,
                    "`[remote] user-agent` must be one line of text".into(),
                ));
            }
            o.user_agent = ua.clone();
        }
        o.https_hints = raw.https_hints.unwrap_or(true);
        o.include = globs(&raw.include)?;
        o.exclude = globs(&raw.exclude)?;
        o.headers = raw
            .headers
            .iter()
            .map(|(h, v)| (h.to_ascii_lowercase(), v.clone()))
            .collect();
        Ok(o)
    }

    /// The headers configured for a host, read from the environment now (never stored).
    pub fn headers_for(&self, host: &str) -> Vec<(String, String)> {
        let Some(var) = self.headers.get(host) else {
            return Vec::new();
        };
        let Ok(value) = std::env::var(var) else {
            return Vec::new();
        };
        value
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                let k = k.trim();
                (!k.is_empty()).then(|| (k.to_string(), v.trim().to_string()))
            })
            .collect()
    }

    /// Whether the URL is checked (`include`, when given, must match; `exclude` must not).
    fn wanted(&self, url: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(url))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(url))
    }
}

fn globs(
    patterns: &[toml::Spanned<String>],
) -> Result<Option<globset::GlobSet>, (Option<Range<usize>>, String)> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for p in patterns {
        let g = globset::GlobBuilder::new(p.get_ref())
            .literal_separator(false)
            .build()
            .map_err(|e| (Some(p.span()), format!("invalid glob: {}", e.kind())))?;
        set.add(g);
    }
    set.build().map(Some).map_err(|e| (None, e.to_string()))
}

/// One use of a URL in a file.
struct Use {
    /// The work item.
    work: usize,
    /// `Some(field)` for a header image, `None` for a body link.
    field: Option<String>,
    span: Range<usize>,
    /// As written.
    written: String,
    /// The job for the URL, and for the `https://` form of an `http://` URL.
    job: usize,
    https_job: Option<usize>,
}

/// The URL requested for a destination as written: `http(s)` only, fragment removed,
/// protocol-relative taken as `https:`.
pub fn request_url(dest: &str) -> Option<String> {
    let d = dest.trim();
    let full = if d.starts_with("//") {
        format!("https:{d}")
    } else {
        d.to_string()
    };
    let mut u = url::Url::parse(&full).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(str::is_empty) {
        return None;
    }
    if d.chars().any(char::is_whitespace) {
        return None;
    }
    u.set_fragment(None);
    Some(u.to_string())
}

/// What the remote phase did, for the summary line.
#[derive(Debug, Default)]
pub struct Summary {
    pub urls: usize,
    pub requested: usize,
    pub from_cache: usize,
    pub broken: usize,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self) -> String {
        format!(
            "Remote: {} {} checked ({} from the cache, {} requested), {} broken, in {:.2} s.",
            self.urls,
            if self.urls == 1 { "URL" } else { "URLs" },
            self.from_cache,
            self.requested,
            self.broken,
            self.seconds
        )
    }
}

/// Collect the URLs of the reported files, check them (through the remote cache unless
/// `use_cache` is false), and add the diagnostics to the reports.
pub fn phase(
    options: &Options,
    work: &[Work],
    reports: &mut [Option<FileReport>],
    use_cache: bool,
    progress: bool,
) -> Summary {
    let started = Instant::now();
    let mut jobs: Vec<pool::Job> = Vec::new();
    let mut job_of: HashMap<String, usize> = HashMap::new();
    let mut uses: Vec<Use> = Vec::new();
    // Jobs that a page uses (not only an `https://` probe of an `http://` URL).
    let mut used: Vec<bool> = Vec::new();
    let mut add_job = |url: String, mode: Mode, jobs: &mut Vec<pool::Job>| -> usize {
        match job_of.get(&url) {
            Some(&j) => {
                if mode == Mode::Image {
                    jobs[j].mode = Mode::Image;
                }
                j
            }
            None => {
                jobs.push(pool::Job {
                    url: url.clone(),
                    mode,
                });
                job_of.insert(url, jobs.len() - 1);
                jobs.len() - 1
            }
        }
    };
    // Every file's URLs, read and parsed in parallel (the files are read again only when they
    // get a diagnostic, so no text is kept meanwhile).
    use rayon::prelude::*;
    let found: Vec<(usize, Vec<Found>)> = work
        .par_iter()
        .enumerate()
        .filter_map(|(k, w)| {
            let settings = w.settings.as_ref().filter(|_| w.error.is_none())?;
            let on = |id: &str| settings.rules.enabled(id);
            let images_on = on("thumbnail/remote-broken") || on("thumbnail/remote-not-image");
            let links_on = on("link/remote-broken");
            if !(images_on || links_on) {
                return None;
            }
            let bytes = crate::lint::read_regular(&w.abs, 256 << 20).ok()?;
            let text = std::str::from_utf8(&bytes).ok()?;
            let mut found = collect(text, &w.display, settings);
            found.retain(|(field, _, _)| if field.is_some() { images_on } else { links_on });
            Some((k, found))
        })
        .collect();
    let root = work
        .iter()
        .find_map(|w| w.settings.as_ref())
        .map(|s| s.options.site.root.clone());
    for (k, found) in found {
        for (field, span, written) in found {
            let is_image = field.is_some();
            let Some(url) = request_url(&written) else {
                continue;
            };
            if !options.wanted(&url) {
                continue;
            }
            let mode = if is_image { Mode::Image } else { Mode::Alive };
            let https_job = (options.https_hints && url.starts_with("http://"))
                .then(|| request_url(&format!("https://{}", &url[7..])))
                .flatten()
                .map(|h| add_job(h, Mode::Alive, &mut jobs));
            let job = add_job(url, mode, &mut jobs);
            used.resize(jobs.len(), false);
            used[job] = true;
            uses.push(Use {
                work: k,
                field,
                span,
                written,
                job,
                https_job,
            });
        }
    }

    // The cache answers what it knows; the rest is asked for.
    let now = jiff::Timestamp::now().as_second();
    let mut cache = if use_cache {
        root.as_deref().and_then(cache::RemoteCache::open)
    } else {
        None
    };
    let mut results: Vec<Option<Checked>> = vec![None; jobs.len()];
    let mut todo: Vec<usize> = Vec::new();
    for (j, job) in jobs.iter().enumerate() {
        match cache
            .as_ref()
            .and_then(|c| c.get(&job.url, job.mode, now, options))
        {
            Some(hit) => results[j] = Some(hit.clone()),
            None => todo.push(j),
        }
    }
    used.resize(jobs.len(), false);
    let mut summary = Summary {
        urls: used.iter().filter(|u| **u).count(),
        requested: todo.iter().filter(|j| used[**j]).count(),
        ..Summary::default()
    };
    summary.from_cache = summary.urls - summary.requested;
    let asked: Vec<pool::Job> = todo.iter().map(|&j| jobs[j].clone()).collect();
    let show = progress && std::io::stderr().is_terminal();
    // At most ten updates a second, and the last one.
    let last = std::sync::Mutex::new(None::<Instant>);
    let report_progress = |done: usize, total: usize, host: &str| {
        let due = {
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            let due =
                done == total || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        if show && due {
            let host = crate::escape::text(host);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2Kremote: {done}/{total} checked · {host}");
            let _ = err.flush();
        }
    };
    let checked = pool::run(options, &asked, &report_progress);
    if show && !asked.is_empty() {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
    for (&j, result) in todo.iter().zip(checked) {
        if let Some(c) = cache.as_mut() {
            c.put(&jobs[j].url, jobs[j].mode, now, &result);
        }
        results[j] = Some(result);
    }
    if let Some(c) = cache {
        let _ = c.save(now, options);
    }
    summary.broken = results
        .iter()
        .zip(&used)
        .filter(|(r, u)| **u && r.as_ref().is_some_and(|r| r.verdict != Verdict::Ok))
        .count();

    // Diagnostics, per file.
    let mut hints: Vec<(usize, Range<usize>, String)> = Vec::new();
    let mut per_file: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for u in &uses {
        let Some(r) = &results[u.job] else { continue };
        let https_ok = u
            .https_job
            .and_then(|h| results[h].as_ref())
            .is_some_and(|h| h.verdict == Verdict::Ok);
        let https_hint = || {
            format!(
                "`https://{}` answers: use it",
                &request_url(&u.written).unwrap_or_default()[7..]
            )
        };
        let at = if r.final_url != request_url(&u.written).unwrap_or_default() {
            format!(" at `{}`", r.final_url)
        } else {
            String::new()
        };
        let d = match (&u.field, r.verdict) {
            (_, Verdict::Ok) | (None, Verdict::NotImage) => {
                // A working `http://` URL whose `https://` form works too: the offline
                // `*/insecure` diagnostic at the same place (when on) says so.
                if https_ok {
                    hints.push((u.work, u.span.clone(), https_hint()));
                }
                continue;
            }
            (Some(field), Verdict::Broken) => Diagnostic::new(
                "thumbnail/remote-broken",
                u.span.clone(),
                format!(
                    "`{field}` image `{}` is broken: {}{at}",
                    u.written, r.detail
                ),
            ),
            (Some(field), Verdict::NotImage) => Diagnostic::new(
                "thumbnail/remote-not-image",
                u.span.clone(),
                format!(
                    "`{field}` `{}` is not an image: {} ({}{at})",
                    u.written,
                    r.detail,
                    r.status.map_or_else(String::new, check::reason)
                ),
            ),
            (None, Verdict::Broken) => Diagnostic::new(
                "link/remote-broken",
                u.span.clone(),
                format!("broken link `{}`: {}{at}", u.written, r.detail),
            ),
        };
        let d = if https_ok {
            d.help(https_hint())
        } else if u.field.is_some() && r.verdict == Verdict::NotImage {
            d.help("point the field at the image itself, not at a page that shows it")
        } else {
            d.help("fix or remove the URL; if the server refuses checkers, list it in `[remote] exclude`")
        };
        per_file.entry(u.work).or_default().push(d);
    }
    for (k, mut ds) in per_file {
        let Some(settings) = &work[k].settings else {
            continue;
        };
        let text = std::fs::read(&work[k].abs)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let header = crate::split::split(&text);
        let header = match &header {
            crate::split::Split::Found(fm) => Some(fm.content.clone()),
            _ => None,
        };
        // Suppression comments in the file apply; the file phase judges their use.
        let _ = crate::suppress::apply_deferring(&text, header, &mut ds, &|_| true);
        ds.retain_mut(|d| {
            if !d.rule.contains("/remote-") {
                return false;
            }
            d.severity = settings.rules.severity(d.rule);
            d.severity != Severity::Off
        });
        if ds.is_empty() {
            continue;
        }
        let fresh = FileReport::new(work[k].display.display().to_string(), text, ds);
        match &mut reports[k] {
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
            slot @ None => *slot = Some(fresh),
        }
    }
    for (k, span, hint) in hints {
        let Some(report) = &mut reports[k] else {
            continue;
        };
        for l in &mut report.diagnostics {
            let d = &mut l.diagnostic;
            if matches!(d.rule, "thumbnail/insecure" | "link/insecure") && d.span == span {
                d.help = Some(hint.clone());
            }
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary
}

/// A URL found in a file: `Some(field)` for a header image, `None` for a body link; its span
/// and the value as written.
type Found = (Option<String>, Range<usize>, String);

/// The URLs of one file: header images `(Some(field), span, value)` and body links
/// `(None, span, destination)`, in file order.
fn collect(text: &str, display: &std::path::Path, settings: &crate::lint::Settings) -> Vec<Found> {
    use crate::parse::Value;
    use crate::split::Split;
    let site = &settings.options.site;
    let split = if site.kind == crate::site::Kind::Zola {
        crate::split::split_allowing_leading_space(text)
    } else {
        crate::split::split(text)
    };
    let (front, terminated) = match &split {
        Split::Missing => (None, false),
        Split::Found(fm) => (Some(fm), true),
        Split::Unterminated(fm) => (Some(fm), false),
    };
    let parsed = match front {
        Some(fm) if terminated => Some(crate::parse::parse(text, fm)),
        _ => None,
    };
    let root = parsed.as_ref().and_then(|p| p.root.as_ref());
    let doc = crate::document::Document {
        path: display,
        site_path: None,
        text,
        front,
        root,
        body: front.map_or(0, |f| f.body_start)..text.len(),
        mdx: crate::document::is_mdx_path(display) || site.markdown_is_mdx,
        facts: Default::default(),
        deps: Default::default(),
        window: Default::default(),
    };
    let links = &settings.options.links;
    let mut out = Vec::new();
    if let Some(map) = doc.mapping() {
        for field in &links.image_fields {
            let mut node = Some(map);
            for part in field.split('.') {
                node = node
                    .and_then(|n| n.get_entry_ignore_case(part))
                    .map(|e| &e.value);
            }
            let Some(node) = node else { continue };
            let items: Vec<&crate::parse::Node> = match &node.value {
                Value::String(_) => vec![node],
                Value::Seq(items) => items.iter().collect(),
                _ => Vec::new(),
            };
            for item in items {
                if let Value::String(s) = &item.value {
                    out.push((Some(field.clone()), item.span.clone(), s.trim().to_string()));
                }
            }
        }
    }
    if !settings.options.no_body && (terminated || front.is_none()) {
        let body = &text[doc.body.clone()];
        if crate::body::has_link_syntax(body) {
            for link in &doc.facts().links {
                let dest = link.dest.trim();
                if links
                    .exclude
                    .as_ref()
                    .is_some_and(|g| g.is_match(dest.split('#').next().unwrap_or("")))
                {
                    continue;
                }
                out.push((None, link.dest_span.clone(), dest.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let d = |s: &str| parse_duration(&RawDuration::Text(s.into()));
        assert_eq!(d("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(d("20s"), Some(Duration::from_secs(20)));
        assert_eq!(d("1d"), Some(Duration::from_secs(86400)));
        assert_eq!(d("1.5h"), Some(Duration::from_secs(5400)));
        assert_eq!(d("5 parsecs"), None);
        assert_eq!(d("12"), None);
        assert_eq!(
            parse_duration(&RawDuration::Int(3)),
            Some(Duration::from_secs(3))
        );
        assert_eq!(parse_duration(&RawDuration::Float(-1.0)), None);
    }

    #[test]
    fn request_urls() {
        assert_eq!(
            request_url("https://a.example/x#frag").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(
            request_url("//cdn.example/i.png").as_deref(),
            Some("https://cdn.example/i.png")
        );
        assert_eq!(request_url("mailto:a@b.example"), None);
        assert_eq!(request_url("/local/path.png"), None);
        assert_eq!(request_url("https://exa mple.com/"), None);
    }
}
