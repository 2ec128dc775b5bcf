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

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::remote_options::{Options, RawRemote};
use crate::report::FileReport;
use crate::run::Work;
use check::{Checked, Mode, Verdict};

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
        crate::run::merge_report(&mut reports[k], fresh);
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
