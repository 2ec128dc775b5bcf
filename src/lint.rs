//! One file through the pipeline: read → split → parse → rules → schema. Each step runs once.
//! A panic while linting one file becomes an `internal/error` diagnostic for that file.

use std::path::Path;
use std::sync::Arc;

use crate::config::RuleSet;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, NowWindow};
use crate::rules;
use crate::schema::Schema;
use crate::split::{self, Split};

/// Largest file read.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// What applies to one file, after config, overrides and command line. The default is every
/// rule at its default severity, no schema, default options.
#[derive(Default)]
pub struct Settings {
    pub rules: RuleSet,
    pub schema: Option<Arc<Schema>>,
    /// Keys the generator reads itself and the schema leaves out: not reported as unknown.
    pub schema_reserved: &'static [&'static str],
    pub options: Arc<RuleOptions>,
}

/// Options of the rule modules: the same for every file of a run.
#[derive(Debug)]
pub struct RuleOptions {
    pub dates: crate::rules::dates::DateOptions,
    pub links: crate::rules::links::LinkOptions,
    /// The site the files belong to (generator, URLs, languages).
    pub site: Arc<crate::site::Site>,
    pub summary: crate::rules::summary::SummaryOptions,
    pub taxonomy: crate::rules::taxonomy::TaxonomyOptions,
    /// `--no-body`: schema and header rules only; files are read only up to the header.
    pub no_body: bool,
    /// Extract page facts for the site-wide phase.
    pub facts: bool,
    /// Also keep every page's taxonomy terms in its facts, for the language server's
    /// completion (the site-wide rules read only the generator's own keys).
    pub term_facts: bool,
    /// Which YAML reader reads the files (`[yaml] reader`): what a safe fix of an ambiguous
    /// scalar may write. Code that knows the site's generator may set it.
    pub yaml_reader: crate::rules::yaml::YamlReader,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            dates: Default::default(),
            links: Default::default(),
            site: Arc::new(crate::site::Site::detached()),
            summary: Default::default(),
            taxonomy: Default::default(),
            no_body: false,
            facts: false,
            term_facts: false,
            yaml_reader: Default::default(),
        }
    }
}

/// The outcome for one file: its diagnostics (severity applied, `off` dropped, sorted) and
/// the text they point into.
pub struct Linted {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Paths outside the file that its result depends on (folders probed for link targets,
    /// files read for anchors): the cache re-checks them.
    pub deps: Vec<std::path::PathBuf>,
    /// What the site-wide phase needs of this file (when `RuleOptions::facts`).
    pub facts: Option<crate::site::PageFacts>,
    /// The span of "now" in which the result holds (the cache re-checks it).
    pub window: NowWindow,
}

/// Read and lint a file on disk.
pub fn lint_path(abs: &Path, display: &Path, settings: &Settings) -> Linted {
    lint_path_at(abs, display, site_rel(abs, settings).as_deref(), settings)
}

/// [`lint_path`] for a file whose path relative to the site root ([`site_rel`]) is known.
pub fn lint_path_at(abs: &Path, display: &Path, rel: Option<&str>, settings: &Settings) -> Linted {
    match read_path(abs, settings.options.no_body) {
        Ok((bytes, _)) => lint_bytes_at(display, rel, bytes, settings),
        Err(e) => Linted {
            text: String::new(),
            diagnostics: finish(vec![e.diagnostic()], settings),
            deps: Vec::new(),
            facts: None,
            window: NowWindow::default(),
        },
    }
}

/// [`lint_path_at`], also giving the file's header as [`read_path`] reads it with `header_only`
/// (the audit's input: the file is read once for both); `None` when the file cannot be read.
pub fn lint_path_keeping_header(
    abs: &Path,
    display: &Path,
    rel: Option<&str>,
    settings: &Settings,
) -> (Linted, Option<Vec<u8>>) {
    match read_path(abs, settings.options.no_body) {
        Ok((bytes, _)) => {
            // Without `--no-body` the whole file was read: cut it where a header-only read
            // stops.
            let end = header_end(&bytes, false).unwrap_or(bytes.len());
            let header = bytes[..end].to_vec();
            let linted = lint_bytes_at(display, rel, bytes, settings);
            (linted, Some(header))
        }
        Err(_) => (lint_path_at(abs, display, rel, settings), None),
    }
}

/// Why a file could not be read: the diagnostic lint reports for it.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub rule: &'static str,
    pub message: String,
    pub help: &'static str,
}

impl Unreadable {
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.rule, 0..0, self.message.clone()).help(self.help)
    }
}

/// Read a file the way lint reads it, with the same limits and file-type checks: opened
/// without blocking (a FIFO never hangs), only regular files, at most `MAX_FILE_BYTES`, the
/// whole file or (`header_only`) its front matter. Returns the bytes and the metadata of the
/// opened file. `--fix` reads through here too.
pub fn read_path(
    abs: &Path,
    header_only: bool,
) -> Result<(Vec<u8>, std::fs::Metadata), Unreadable> {
    let fail = |rule: &'static str, message: String, help: &'static str| Unreadable {
        rule,
        message,
        help,
    };
    let (file, meta) = match open(abs) {
        Ok(opened) => opened,
        Err(e) => {
            return Err(fail(
                "file/unreadable",
                format!("cannot read the file: {}", crate::walk::io_message(&e)),
                "check that the file exists and is readable",
            ));
        }
    };
    if meta.is_dir() {
        return Err(fail(
            "file/unreadable",
            "this is a folder, not a file".into(),
            "rename the folder, or exclude it in the config",
        ));
    }
    if !meta.is_file() {
        return Err(fail(
            "file/unreadable",
            "not a regular file (a FIFO, socket or device)".into(),
            "exclude it in the config",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(
            "file/too-large",
            format!(
                "the file is {} MiB, more than the {} MiB frontlint reads",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
            "exclude it in the config",
        ));
    }
    let (Some(mut file), Ok(len)) = (file, usize::try_from(meta.len())) else {
        return Err(fail(
            "file/unreadable",
            "cannot open the file".into(),
            "check the file's permissions",
        ));
    };
    let read_with = |file: &mut std::fs::File| {
        if header_only {
            read_header(file)
        } else {
            read_all(file, len)
        }
    };
    let read = match read_with(&mut file) {
        // A regular file opened non-blocking may still say "try again" (FUSE, mandatory
        // locks): read it once more through a blocking handle.
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            std::fs::File::open(abs).and_then(|mut f| read_with(&mut f))
        }
        other => other,
    };
    match read {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => Err(fail(
            "file/too-large",
            format!(
                "the file grew past the {} MiB frontlint reads while it was read",
                MAX_FILE_BYTES >> 20
            ),
            "exclude it in the config",
        )),
        Ok(bytes) => Ok((bytes, meta)),
        Err(e) => Err(fail(
            "file/unreadable",
            format!("cannot read the file: {}", crate::walk::io_message(&e)),
            "check the file's permissions",
        )),
    }
}

/// Read and lint standard input, with the size limit of a file: past `MAX_FILE_BYTES` it is not
/// read further (nothing is kept in memory beyond the limit) and gets `file/too-large`.
pub fn lint_reader(
    display: &Path,
    input: impl std::io::Read,
    settings: &Settings,
) -> std::io::Result<Linted> {
    use std::io::Read;
    let mut bytes = Vec::new();
    input.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let d = Diagnostic::new(
            "file/too-large",
            0..0,
            format!(
                "standard input is more than the {} MiB frontlint reads",
                MAX_FILE_BYTES >> 20
            ),
        )
        .help("lint the file by its path, or split it");
        return Ok(Linted {
            text: String::new(),
            diagnostics: finish(vec![d], settings),
            deps: Vec::new(),
            window: NowWindow::default(),
            facts: None,
        });
    }
    Ok(lint_bytes(display, bytes, settings))
}

/// Read a file that rules look at besides the linted one (a link's anchors) with the same
/// checks as a linted file: a regular file (a FIFO or device is refused, never read), at most
/// `limit` bytes (a file that grows past it while read is refused too).
pub fn read_regular(abs: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let (file, meta) = open(abs)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    let too_large = || Error::new(ErrorKind::InvalidData, "larger than the size limit");
    if meta.len() > limit {
        return Err(too_large());
    }
    let read = |file: &mut std::fs::File| {
        let mut buf = Vec::new();
        file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
        Ok::<_, Error>(buf)
    };
    let mut file = file.ok_or_else(|| Error::other("cannot open the file"))?;
    let buf = match read(&mut file) {
        // As in `lint_path`: a regular file may still say "try again" when non-blocking.
        Err(e) if e.kind() == ErrorKind::WouldBlock => read(&mut std::fs::File::open(abs)?)?,
        other => other?,
    };
    if buf.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(buf)
}

/// Open a file and read its metadata from the open handle: one path lookup per file. On Unix
/// the file is opened non-blocking, so a FIFO named like a Markdown file never hangs the run;
/// it is reported from its metadata. Elsewhere the metadata comes first and only regular files
/// are opened.
#[cfg(unix)]
fn open(abs: &Path) -> std::io::Result<(Option<std::fs::File>, std::fs::Metadata)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(abs)?;
    let meta = file.metadata()?;
    Ok((Some(file), meta))
}

#[cfg(not(unix))]
fn open(abs: &Path) -> std::io::Result<(Option<std::fs::File>, std::fs::Metadata)> {
    let meta = std::fs::metadata(abs)?;
    let file = if meta.is_file() {
        Some(std::fs::File::open(abs)?)
    } else {
        None
    };
    Ok((file, meta))
}

/// The whole file; its size from the metadata sizes the buffer. A file that grew meanwhile is
/// read to its end, but never past the size limit (one byte more tells that it grew past it).
fn read_all(file: &mut std::fs::File, len: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(len + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// `--no-body`: the file's front matter only. The first 2 KiB hold most headers; a longer one
/// is read on to the end of the file. The header's end is found on bytes and everything after
/// it is dropped before UTF-8 validation, so the body is never scanned.
fn read_header(file: &mut std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const PREFIX: u64 = 2048;
    let mut buf = Vec::with_capacity(PREFIX as usize);
    file.take(PREFIX).read_to_end(&mut buf)?;
    let partial = buf.len() as u64 == PREFIX;
    let end = match header_end(&buf, partial) {
        Some(end) => Some(end),
        None if partial => {
            file.take(MAX_FILE_BYTES + 1 - PREFIX)
                .read_to_end(&mut buf)?;
            header_end(&buf, false)
        }
        None => None,
    };
    if let Some(end) = end {
        buf.truncate(end);
    }
    Ok(buf)
}

/// Where the header (or, without one, the first line) ends in a file's first bytes; `None` when
/// the header runs past them. When `partial`, more of the file follows: a closing line must end
/// with its line break inside the bytes (`---` at the very end may be the start of `--- x`),
/// and a first line without a break is cut at a character boundary.
fn header_end(bytes: &[u8], partial: bool) -> Option<usize> {
    match split::split_bytes(bytes) {
        Split::Found(fm) if partial && fm.body_start == bytes.len() && !bytes.ends_with(b"\n") => {
            None
        }
        Split::Found(fm) => Some(fm.body_start),
        Split::Missing => Some(match memchr::memchr(b'\n', bytes) {
            Some(i) => i + 1,
            // A character cut by the end of the read: stop before it.
            None if partial => match std::str::from_utf8(bytes) {
                Err(e) if e.error_len().is_none() => e.valid_up_to(),
                _ => bytes.len(),
            },
            None => bytes.len(),
        }),
        Split::Unterminated(_) => None,
    }
}

/// Lint a file's bytes, catching any panic. The bytes are validated as UTF-8 in place (SIMD);
/// the text is copied into the result only when it has diagnostics to show.
pub fn lint_bytes(display: &Path, bytes: Vec<u8>, settings: &Settings) -> Linted {
    let rel = site_rel(display, settings);
    lint_bytes_at(display, rel.as_deref(), bytes, settings)
}

/// The path of a file relative to the site root, `/`-separated, when it is inside the root.
pub fn site_rel(path: &Path, settings: &Settings) -> Option<String> {
    let site = &settings.options.site;
    // The working directory, asked once: this runs for every file, and no part of a run
    // changes it.
    static CWD: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    fn slashes(p: &Path) -> std::borrow::Cow<'_, str> {
        match p.to_string_lossy() {
            std::borrow::Cow::Borrowed(s) if !s.contains('\\') => std::borrow::Cow::Borrowed(s),
            s => std::borrow::Cow::Owned(s.replace('\\', "/")),
        }
    }
    let abs = if path.is_absolute() {
        let path = slashes(path);
        // The walk's paths are nearly always normal already: no second copy of them.
        if crate::site::urls::is_normal(&path) {
            path
        } else {
            std::borrow::Cow::Owned(crate::site::urls::normalize(&path)?)
        }
    } else {
        let cwd = CWD.get_or_init(|| std::env::current_dir().ok()).as_ref()?;
        std::borrow::Cow::Owned(crate::site::urls::join(&slashes(cwd), &slashes(path))?)
    };
    crate::site::urls::strip_dir(&abs, site.root_key()).map(str::to_string)
}

/// [`lint_bytes`] for a file at `rel` in the site.
pub fn lint_bytes_at(
    display: &Path,
    rel: Option<&str>,
    bytes: Vec<u8>,
    settings: &Settings,
) -> Linted {
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        return invalid_utf8(bytes, settings);
    };
    let linted = lint_str(display, rel, text, settings);
    Linted {
        text: if linted.diagnostics.is_empty() {
            String::new()
        } else {
            text.to_owned()
        },
        ..linted
    }
}

/// `syntax/encoding` at the first invalid byte, over the lossy text.
fn invalid_utf8(bytes: Vec<u8>, settings: &Settings) -> Linted {
    let offset = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
    let message = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "the file is UTF-16, not UTF-8".to_string()
    } else {
        format!("invalid UTF-8 at byte {offset}")
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let d = Diagnostic::new("syntax/encoding", offset..offset + 1, message)
        .help("convert the file to UTF-8 (for example `iconv -f GBK -t UTF-8`)");
    let d = Diagnostic {
        span: lossy_span(&text, offset),
        ..d
    };
    Linted {
        diagnostics: finish(vec![d], settings),
        text,
        deps: Vec::new(),
        facts: None,
        window: NowWindow::default(),
    }
}

/// Lint valid text, catching any panic; `text` of the result is left empty.
fn lint_str(display: &Path, rel: Option<&str>, text: &str, settings: &Settings) -> Linted {
    let (diagnostics, deps, window, facts) =
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lint_text_in_site(display, rel, text, settings)
        })) {
            Ok(d) => d,
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let d = Diagnostic::new(
                    "internal/error",
                    0..0,
                    format!("frontlint failed on this file: {what}"),
                )
                .help("please report this with the file attached; the other files were linted");
                (vec![d], Vec::new(), NowWindow::default(), None)
            }
        };
    Linted {
        diagnostics: finish(diagnostics, settings),
        text: String::new(),
        deps,
        facts,
        window,
    }
}

/// In the lossy text, invalid bytes before `offset` do not exist (it is the first), so the
/// offset is unchanged; the span covers the replacement character.
fn lossy_span(text: &str, offset: usize) -> std::ops::Range<usize> {
    let len = text[offset.min(text.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    offset..offset + len
}

/// Every check of one file, with `off` rules dropped and suppressions applied.
pub fn lint_text(display: &Path, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    lint_text_with_deps(display, text, settings).0
}

/// `lint_text`, the paths outside the file that the result depends on, and the span of "now"
/// in which it holds.
pub fn lint_text_with_deps(
    display: &Path,
    text: &str,
    settings: &Settings,
) -> (Vec<Diagnostic>, Vec<std::path::PathBuf>, NowWindow) {
    let rel = site_rel(display, settings);
    let (d, deps, window, _) = lint_text_in_site(display, rel.as_deref(), text, settings);
    (d, deps, window)
}

/// Every per-file check of a file at `rel` (relative to the site root), the paths outside the
/// file its result depends on, and its page facts (when the run collects them).
pub fn lint_text_in_site(
    display: &Path,
    rel: Option<&str>,
    text: &str,
    settings: &Settings,
) -> (
    Vec<Diagnostic>,
    Vec<std::path::PathBuf>,
    NowWindow,
    Option<crate::site::PageFacts>,
) {
    let site = &settings.options.site;
    let role = rel.map_or(crate::site::Role::Ignored, |r| site.generator.role(site, r));
    let mut out = Vec::new();
    let on = |id: &str| settings.rules.enabled(id);
    let split = if site.kind == crate::site::Kind::Zola {
        split::split_allowing_leading_space(text)
    } else {
        split::split(text)
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
    let doc = Document {
        path: display,
        site_path: rel.map(std::path::PathBuf::from),
        text,
        front,
        root,
        body: front.map_or(0, |f| f.body_start)..text.len(),
        mdx: crate::document::is_mdx_path(display)
            || (site.markdown_is_mdx && role != crate::site::Role::Ignored),
        facts: Default::default(),
        deps: Default::default(),
        window: Default::default(),
    };
    match (front, &parsed) {
        (None, _) => {
            // Only where the generator needs front matter for this file (a page it builds).
            let needed = match rel {
                _ if crate::util::is_repository_doc(display) => false,
                Some(rel) if role == crate::site::Role::Page => {
                    site.generator.front_matter_required(site, rel)
                }
                Some(_) => {
                    site.kind == crate::site::Kind::Folder
                        && site.front_matter_required
                        && role != crate::site::Role::Ignored
                }
                None => site.front_matter_required,
            };
            if needed {
                rules::syntax::missing(&doc, &mut out);
            }
        }
        (Some(fm), None) => rules::syntax::unterminated(&doc, fm.format, &mut out),
        (Some(fm), Some(p)) => {
            out.extend(p.diagnostics.iter().cloned());
            let parse_failed =
                p.root.is_none() && p.diagnostics.iter().any(|d| d.severity == Severity::Error);
            if !parse_failed {
                rules::syntax::shape(&doc, &mut out);
                // A partial (an include, headless content) needs no keys of its own.
                if role == crate::site::Role::Partial {
                    out.retain(|d| d.rule != "syntax/empty");
                }
            }
            if on("syntax/invisible-character") {
                rules::syntax::invisible(&doc, &mut out);
            }
            if fm.format == split::Format::Yaml && on("yaml/ambiguous-scalar") {
                rules::yaml::ambiguous_scalars(&doc, settings.options.yaml_reader, &mut out);
            }
            if let (Some(schema), Some(root)) = (&settings.schema, doc.mapping()) {
                let before = out.len();
                schema.check(root, doc.header_span(), &mut out);
                if !settings.schema_reserved.is_empty() {
                    let mut k = before;
                    while k < out.len() {
                        let d = &out[k];
                        let key = text.get(d.span.clone()).unwrap_or("");
                        if d.rule == "schema/additionalProperties"
                            && settings.schema_reserved.contains(&key)
                        {
                            out.remove(k);
                        } else {
                            k += 1;
                        }
                    }
                }
            }
            boolean_fixes(&doc, settings.options.yaml_reader, &mut out);
            rules::links::check_header(&doc, &settings.options.links, &on, &mut out);
            rules::summary::check(&doc, &settings.options.summary, &on, &mut out);
            rules::taxonomy::check(&doc, &settings.options.taxonomy, site, &on, &mut out);
            if rules::group_on(&on, "date") {
                let before = out.len();
                rules::dates::check(&doc, &settings.options.dates, &on, &mut out);
                // A date the date rules already call invalid needs no second `schema/format`.
                let invalid: Vec<_> = out[before..]
                    .iter()
                    .filter(|d| d.rule == "date/invalid")
                    .map(|d| d.span.clone())
                    .collect();
                if !invalid.is_empty() {
                    out.retain(|d| !(d.rule == "schema/format" && invalid.contains(&d.span)));
                }
            }
        }
    }
    if terminated || front.is_none() {
        rules::links::check_body(&doc, &settings.options.links, &on, &mut out);
    }
    let mut facts = settings.options.facts.then(|| {
        let links = &settings.options.links;
        crate::site::facts::extract(
            site,
            &doc,
            &links.image_fields,
            !settings.options.no_body,
            settings.options.term_facts,
            &|dest| links.exclude.as_ref().is_some_and(|g| g.is_match(dest)),
        )
    });
    // Suppressions see what is enabled: a comment that only silences an `off` rule is unused.
    out.retain(|d| settings.rules.enabled(d.rule));
    let header = front.filter(|_| terminated).map(|f| f.content.clone());
    let pending = if settings.options.facts {
        crate::suppress::apply_deferring(text, header, &mut out, &crate::site::check::may_report)
    } else {
        crate::suppress::apply(text, header, &mut out);
        Vec::new()
    };
    if let (Some(f), false) = (facts.as_mut(), pending.is_empty()) {
        f.suppressions = pending;
    }
    let mut deps = doc.deps.into_inner();
    deps.sort();
    deps.dedup();
    (out, deps, doc.window.get(), facts)
}

/// `yes` in a field the schema types as boolean is fixed to `true`, not quoted.
fn boolean_fixes(doc: &Document, reader: rules::yaml::YamlReader, out: &mut [Diagnostic]) {
    let boolean_spans: Vec<std::ops::Range<usize>> = out
        .iter()
        .filter(|d| d.rule == "schema/type" && d.message.contains("must be a boolean"))
        .map(|d| d.span.clone())
        .collect();
    if boolean_spans.is_empty() {
        return;
    }
    for d in out
        .iter_mut()
        .filter(|d| d.rule == "yaml/ambiguous-scalar" && boolean_spans.contains(&d.span))
    {
        let Some(path) = d
            .fix
            .as_ref()
            .and_then(|f| f.changes.first())
            .map(|c| c.path.clone())
        else {
            continue;
        };
        let raw = &doc.text[d.span.clone()];
        if let Some(fix) = rules::yaml::fix_for(doc, raw, path, reader, true) {
            d.fix = Some(fix);
        }
    }
}

/// Apply configured severities, drop `off`, sort by position then rule id.
fn finish(mut diagnostics: Vec<Diagnostic>, settings: &Settings) -> Vec<Diagnostic> {
    diagnostics.retain_mut(|d| {
        d.severity = settings.rules.severity(d.rule);
        d.severity != Severity::Off
    });
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
    // A reference link used twice points twice at one definition: report it once.
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_past_the_limit_is_not_read_on() {
        // A reader that never ends (`frontlint - < /dev/zero`) stops at the limit.
        let endless = std::io::repeat(b'x');
        let linted = lint_reader(Path::new("-"), endless, &Settings::default()).unwrap();
        let rules: Vec<&str> = linted.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["file/too-large"]);
        let small = "---\ntitle: 标题\r\n---\n".as_bytes();
        let linted = lint_reader(Path::new("-"), small, &Settings::default()).unwrap();
        assert!(linted.diagnostics.is_empty(), "{:?}", linted.diagnostics);
    }

    #[test]
    fn files_read_for_other_rules_have_the_lint_limits() {
        let dir = tempfile::TempDir::new().unwrap();
        let big = dir.path().join("big.md");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        assert!(read_regular(&big, MAX_FILE_BYTES).is_err());
        let ok = dir.path().join("ok.md");
        std::fs::write(&ok, "## 标题\r\n").unwrap();
        assert_eq!(
            read_regular(&ok, MAX_FILE_BYTES).unwrap(),
            "## 标题\r\n".as_bytes()
        );
        assert!(
            read_regular(dir.path(), MAX_FILE_BYTES).is_err(),
            "a folder"
        );
        #[cfg(unix)]
        assert!(read_regular(Path::new("/dev/zero"), MAX_FILE_BYTES).is_err());
    }
}
