//! One file through the pipeline: read → split → parse → rules → schema. Each step runs once.
//! A panic while linting one file becomes an `internal/error` diagnostic for that file.

use std::path::Path;
use std::sync::Arc;

use crate::config::RuleSet;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
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
    pub options: Arc<RuleOptions>,
}

/// Options of the rule modules: the same for every file of a run.
#[derive(Debug, Default)]
pub struct RuleOptions {
    pub dates: crate::rules::dates::DateOptions,
    pub site: crate::rules::site::Site,
    pub summary: crate::rules::summary::SummaryOptions,
    pub taxonomy: crate::rules::taxonomy::TaxonomyOptions,
    /// `--no-body`: schema and header rules only; files are read only up to the header.
    pub no_body: bool,
}

/// The outcome for one file: its diagnostics (severity applied, `off` dropped, sorted) and
/// the text they point into.
pub struct Linted {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Paths outside the file that its result depends on (folders probed for link targets,
    /// files read for anchors): the cache re-checks them.
    pub deps: Vec<std::path::PathBuf>,
}

/// Read and lint a file on disk.
pub fn lint_path(abs: &Path, display: &Path, settings: &Settings) -> Linted {
    let fail = |rule: &'static str, message: String, help: &str| Linted {
        text: String::new(),
        diagnostics: finish(
            vec![Diagnostic::new(rule, 0..0, message).help(help)],
            settings,
        ),
        deps: Vec::new(),
    };
    let (file, meta) = match open(abs) {
        Ok(opened) => opened,
        Err(e) => {
            return fail(
                "file/unreadable",
                format!("cannot read the file: {}", crate::walk::io_message(&e)),
                "check that the file exists and is readable",
            );
        }
    };
    if meta.is_dir() {
        return fail(
            "file/unreadable",
            "this is a folder, not a file".into(),
            "rename the folder, or exclude it in the config",
        );
    }
    if !meta.is_file() {
        return fail(
            "file/unreadable",
            "not a regular file (a FIFO, socket or device)".into(),
            "exclude it in the config",
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        return fail(
            "file/too-large",
            format!(
                "the file is {} MiB, more than the {} MiB frontlint reads",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
            "exclude it in the config",
        );
    }
    let (Some(mut file), Ok(len)) = (file, usize::try_from(meta.len())) else {
        return fail(
            "file/unreadable",
            "cannot open the file".into(),
            "check the file's permissions",
        );
    };
    let read_with = |file: &mut std::fs::File| {
        if settings.options.no_body {
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
        Ok(bytes) => lint_bytes(display, bytes, settings),
        Err(e) => fail(
            "file/unreadable",
            format!("cannot read the file: {}", crate::walk::io_message(&e)),
            "check the file's permissions",
        ),
    }
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

/// The whole file; its size from the metadata sizes the buffer (a file that grew meanwhile is
/// still read to its end).
fn read_all(file: &mut std::fs::File, len: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(len + 1);
    file.read_to_end(&mut buf)?;
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
            file.read_to_end(&mut buf)?;
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
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        return invalid_utf8(bytes, settings);
    };
    let linted = lint_str(display, text, settings);
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
    }
}

/// Lint valid text, catching any panic; `text` of the result is left empty.
fn lint_str(display: &Path, text: &str, settings: &Settings) -> Linted {
    let (diagnostics, deps) = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lint_text_with_deps(display, text, settings)
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
            (vec![d], Vec::new())
        }
    };
    Linted {
        diagnostics: finish(diagnostics, settings),
        text: String::new(),
        deps,
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

/// `lint_text`, and the paths outside the file that the result depends on.
pub fn lint_text_with_deps(
    display: &Path,
    text: &str,
    settings: &Settings,
) -> (Vec<Diagnostic>, Vec<std::path::PathBuf>) {
    let mut out = Vec::new();
    let on = |id: &str| settings.rules.enabled(id);
    let split = split::split(text);
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
        text,
        front,
        root,
        body: front.map_or(0, |f| f.body_start)..text.len(),
        facts: Default::default(),
        deps: Default::default(),
    };
    match (front, &parsed) {
        (None, _) => rules::syntax::missing(&doc, &mut out),
        (Some(fm), None) => rules::syntax::unterminated(&doc, fm.format, &mut out),
        (Some(fm), Some(p)) => {
            out.extend(p.diagnostics.iter().cloned());
            let parse_failed =
                p.root.is_none() && p.diagnostics.iter().any(|d| d.severity == Severity::Error);
            if !parse_failed {
                rules::syntax::shape(&doc, &mut out);
            }
            if on("syntax/invisible-character") {
                rules::syntax::invisible(&doc, &mut out);
            }
            if fm.format == split::Format::Yaml && on("yaml/ambiguous-scalar") {
                rules::yaml::ambiguous_scalars(&doc, &mut out);
            }
            if let (Some(schema), Some(root)) = (&settings.schema, doc.mapping()) {
                schema.check(root, doc.header_span(), &mut out);
            }
            boolean_fixes(text, &mut out);
            rules::links::check_header(&doc, &settings.options.site, &on, &mut out);
            rules::summary::check(&doc, &settings.options.summary, &on, &mut out);
            rules::taxonomy::check(&doc, &settings.options.taxonomy, &on, &mut out);
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
        rules::links::check_body(&doc, &settings.options.site, &on, &mut out);
    }
    // Suppressions see what is enabled: a comment that only silences an `off` rule is unused.
    out.retain(|d| settings.rules.enabled(d.rule));
    let header = front.filter(|_| terminated).map(|f| f.content.clone());
    crate::suppress::apply(text, header, &mut out);
    let mut deps = doc.deps.into_inner();
    deps.sort();
    deps.dedup();
    (out, deps)
}

/// `yes` in a field the schema types as boolean is fixed to `true`, not quoted.
fn boolean_fixes(text: &str, out: &mut [Diagnostic]) {
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
        if let Some(fix) = rules::yaml::boolean_fix(&text[d.span.clone()], d.span.clone()) {
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
