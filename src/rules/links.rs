//! Body links and header images, checked offline.
//!
//! Body: `link/invalid-url`, `link/empty`, `link/insecure`, `link/broken-relative`,
//! `link/broken-anchor`. Header (image fields, default `thumbnail`, `image`, `images`, `cover`,
//! `cover.image`, `featured_image`, `banner`, `og_image`): `thumbnail/invalid-url`,
//! `thumbnail/insecure`, `thumbnail/missing-file`, `thumbnail/not-image`.
//! Each diagnostic labels the URL's exact span; the help names the closest existing file or
//! heading when one is within a small edit distance.
//!
//! A path that leaves the linted roots (`../../../../etc/passwd`, or a symlink out of the site)
//! is reported as pointing outside the site, with the same rule ids (`link/broken-relative`,
//! `thumbnail/missing-file`): frontlint does not look there, so whether the file exists is
//! neither checked nor shown, and no suggestion comes from there.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::site::{self, Existence, Probe, Site};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::parse::{Node, Value};

const IMAGE_EXTENSIONS: [&str; 14] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico", "tif", "tiff", "heic",
    "heif", "jxl",
];

/// What a link or image destination is.
enum Target<'a> {
    /// An absolute URL with a scheme (`https://…`, `mailto:…`), or protocol-relative `//host/…`.
    Url(&'a str),
    /// A path (relative or root-relative), with its fragment.
    Path {
        path: &'a str,
        fragment: Option<&'a str>,
    },
    /// Only a fragment: `#section`.
    Fragment(&'a str),
}

fn classify(dest: &str) -> Target<'_> {
    if let Some(frag) = dest.strip_prefix('#') {
        return Target::Fragment(frag);
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return Target::Url(dest);
    }
    let (before_frag, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = before_frag.split('?').next().unwrap_or("");
    Target::Path { path, fragment }
}

/// `scheme:` per RFC 3986 (a Windows drive `C:` is one letter and not a scheme).
fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    scheme.len() > 1
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Why an absolute URL is malformed, if it is.
fn url_problem(s: &str) -> Option<String> {
    let full = if s.starts_with("//") {
        format!("https:{s}")
    } else {
        s.to_string()
    };
    match url::Url::parse(&full) {
        Err(e) => Some(e.to_string()),
        Ok(u)
            if matches!(u.scheme(), "http" | "https") && u.host_str().is_none_or(str::is_empty) =>
        {
            Some("the URL has no host".into())
        }
        Ok(_) if s.chars().any(char::is_whitespace) => Some("the URL contains whitespace".into()),
        Ok(_) => None,
    }
}

fn is_http(s: &str) -> bool {
    s.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("http://"))
}

pub fn check_body(
    doc: &Document,
    site: &Site,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    if !super::group_on(on, "link") {
        return;
    }
    let body = &doc.text[doc.body.clone()];
    // The byte scan only saves the parse when no other rule has needed it already.
    if doc.facts.get().is_none() && !crate::body::has_link_syntax(body) {
        return;
    }
    let facts = doc.facts();
    for link in &facts.links {
        if site
            .link_exclude
            .as_ref()
            .is_some_and(|g| g.is_match(link.dest.split('#').next().unwrap_or("")))
        {
            continue;
        }
        let span = link.dest_span.clone();
        let what = if link.image { "image" } else { "link" };
        if link.dest.trim().is_empty() {
            if on("link/empty") {
                out.push(
                    Diagnostic::new(
                        "link/empty",
                        link.span.clone(),
                        format!("empty {what} destination"),
                    )
                    .help("add the URL or path between the parentheses, or remove the link"),
                );
            }
            continue;
        }
        match classify(&link.dest) {
            Target::Url(u) => {
                if let Some(problem) = url_problem(u) {
                    if on("link/invalid-url") {
                        out.push(
                            Diagnostic::new(
                                "link/invalid-url",
                                span,
                                format!("malformed URL `{u}`: {problem}"),
                            )
                            .help("fix the URL; percent-encode spaces as `%20`"),
                        );
                    }
                } else if is_http(u) && on("link/insecure") {
                    out.push(
                        Diagnostic::new("link/insecure", span, format!("insecure {what} `{u}`"))
                            .help("use `https://` if the site supports it"),
                    );
                }
            }
            Target::Fragment(frag) => {
                if on("link/broken-anchor") && !frag.is_empty() {
                    let anchors: Vec<&str> =
                        facts.headings.iter().map(|h| h.anchor.as_str()).collect();
                    anchor(&anchors, frag, span, "this page", out);
                }
            }
            Target::Path { path, fragment } => {
                if path.is_empty() {
                    continue;
                }
                let decoded = site::percent_decode(path);
                let found = resolve(doc, &decoded, site);
                match found {
                    Err(Missing::Outside) => {
                        if on("link/broken-relative") {
                            out.push(
                                Diagnostic::new(
                                    "link/broken-relative",
                                    span,
                                    format!("{what} target `{path}` points outside the site"),
                                )
                                .label("outside the site")
                                .help(OUTSIDE_HELP),
                            );
                        }
                    }
                    Err(Missing::Inside) => {
                        if on("link/broken-relative") {
                            let mut d = Diagnostic::new(
                                "link/broken-relative",
                                span,
                                format!("{what} target `{path}` does not exist"),
                            )
                            .label("not found");
                            if let Some(help) = suggest(doc, &decoded, site) {
                                d = d.help(help);
                            }
                            out.push(d);
                        }
                    }
                    Ok(target) => {
                        if let (Some(frag), true) = (fragment, on("link/broken-anchor")) {
                            if frag.is_empty() {
                                continue;
                            }
                            if let Some(md) = site.markdown_file(&target) {
                                doc.depends_on(&md);
                                if let Some(anchors) = site.anchors_of(&md) {
                                    let list: Vec<&str> =
                                        anchors.iter().map(String::as_str).collect();
                                    anchor(&list, frag, span, &format!("`{path}`"), out);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn anchor(anchors: &[&str], frag: &str, span: Range<usize>, page: &str, out: &mut Vec<Diagnostic>) {
    let frag = site::percent_decode(frag);
    if anchors
        .iter()
        .any(|a| *a == frag || a.eq_ignore_ascii_case(&frag))
    {
        return;
    }
    let closest = anchors
        .iter()
        .map(|a| (crate::config::edit_distance(a, &frag), *a))
        .filter(|(d, a)| *d <= 2.max(a.chars().count() / 4))
        .min();
    let help = match closest {
        Some((_, a)) => format!("did you mean `#{a}`?"),
        None if anchors.is_empty() => format!("{page} has no headings"),
        None => "link to one of the page's headings (anchors are lowercase, spaces become `-`)"
            .to_string(),
    };
    out.push(
        Diagnostic::new(
            "link/broken-anchor",
            span,
            format!("{page} has no heading with the anchor `#{frag}`"),
        )
        .help(help),
    );
}

/// The help of a link or image outside the site.
const OUTSIDE_HELP: &str = "frontlint does not look outside the site root (`--root`, else the config file's folder) and the paths it was given; link to a file inside the site, or use a full URL";

/// Why a link target was not found: every candidate was outside the linted roots (nothing was
/// looked at), or some were inside and none exists.
enum Missing {
    Outside,
    Inside,
}

/// The file or folder a path link means, if it exists. Relative paths resolve against the
/// file's folder and, for Hugo page links (`../other/`), against the page's URL (one folder
/// deeper for `post.md`, which Hugo serves at `post/`); root-relative paths against `static/`,
/// `assets/`, `content/` (and its language folders) and the site root. Candidates outside the
/// linted roots are not looked at.
fn resolve(doc: &Document, path: &str, site: &Site) -> Result<PathBuf, Missing> {
    let file = doc.path;
    let candidates: Vec<PathBuf> = if path.starts_with('/') {
        site.root_candidates(path)
    } else {
        let dir = file.parent().unwrap_or(Path::new(""));
        let mut c = vec![dir.join(path)];
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !matches!(stem, "index" | "_index") {
            c.push(dir.join(stem).join(path));
        }
        c
    };
    let mut missing = Missing::Outside;
    for c in candidates {
        match site.exists(&c) {
            Existence::Outside => {}
            Existence::Yes => {
                record_probe(doc, &c);
                return Ok(c);
            }
            Existence::No => {
                record_probe(doc, &c);
                missing = Missing::Inside;
            }
        }
    }
    Err(missing)
}

/// A probe of `candidate` depends on its folder (a file added, removed or renamed there
/// changes the folder's modification time).
fn record_probe(doc: &Document, candidate: &Path) {
    let normal = site::normalize(candidate);
    let trimmed = normal
        .to_string_lossy()
        .trim_end_matches(['/', '\\'])
        .to_string();
    if let Some(parent) = Path::new(&trimmed).parent() {
        doc.depends_on(parent);
    }
}

/// "did you mean" for a missing path: the closest name in the folder it points into.
fn suggest(doc: &Document, path: &str, site: &Site) -> Option<String> {
    let file = doc.path;
    let trimmed = path.trim_end_matches('/');
    let (dir_part, name) = match trimmed.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", trimmed),
    };
    let dirs: Vec<PathBuf> = if path.starts_with('/') {
        site.root_candidates(dir_part)
    } else {
        vec![file.parent().unwrap_or(Path::new("")).join(dir_part)]
    };
    dirs.iter()
        .find_map(|d| site.closest_file(d, name))
        .map(|n| {
            let shown = if dir_part.is_empty() {
                n
            } else {
                format!("{dir_part}/{n}")
            };
            format!("did you mean `{shown}`?")
        })
}

/// Image fields of the header.
pub fn check_header(
    doc: &Document,
    site: &Site,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(root) = doc.mapping() else { return };
    if !super::group_on(on, "thumbnail") {
        return;
    }
    for field in &site.image_fields {
        let mut node = Some(root);
        for part in field.split('.') {
            node = node
                .and_then(|n| n.get_entry_ignore_case(part))
                .map(|e| &e.value);
        }
        let Some(node) = node else { continue };
        match &node.value {
            Value::String(s) => image(doc, site, field, s, node, on, out),
            Value::Seq(items) => {
                for item in items {
                    if let Value::String(s) = &item.value {
                        image(doc, site, field, s, item, on, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn image(
    doc: &Document,
    site: &Site,
    field: &str,
    value: &str,
    node: &Node,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let span = node.span.clone();
    let ext_of = |p: &str| {
        let last = p.rsplit('/').next().unwrap_or(p);
        last.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
    };
    match classify(value) {
        Target::Url(u) => {
            if let Some(problem) = url_problem(u) {
                if on("thumbnail/invalid-url") {
                    out.push(
                        Diagnostic::new("thumbnail/invalid-url", span, format!("`{field}` is not a valid URL: {problem}"))
                            .help("write a full URL (`https://host/path.jpg`) or a path (`/img/a.jpg`, `cover.jpg`)"),
                    );
                }
                return;
            }
            if is_http(u) && on("thumbnail/insecure") {
                out.push(
                    Diagnostic::new(
                        "thumbnail/insecure",
                        span.clone(),
                        format!("`{field}` is an insecure `http://` image"),
                    )
                    .help(
                        "use `https://`: browsers block or warn about http images on https pages",
                    ),
                );
            }
            let path = url::Url::parse(u)
                .map(|p| p.path().to_string())
                .unwrap_or_default();
            not_image(field, ext_of(&path), span, on, out);
        }
        Target::Fragment(_) => {}
        Target::Path { path, .. } => {
            if !plausible_path(path) {
                if on("thumbnail/invalid-url") {
                    out.push(
                        Diagnostic::new("thumbnail/invalid-url", span, format!("`{field}` is neither a URL nor a plausible path: `{value}`"))
                            .help("write a full URL (`https://host/path.jpg`) or a path (`/img/a.jpg`, `cover.jpg`)"),
                    );
                }
                return;
            }
            let decoded = site::percent_decode(path);
            let found = if on("thumbnail/missing-file") {
                image_exists(doc, &decoded, site)
            } else {
                Ok(())
            };
            if let Err(Missing::Outside) = found {
                out.push(
                    Diagnostic::new(
                        "thumbnail/missing-file",
                        span.clone(),
                        format!("`{field}` image `{path}` points outside the site"),
                    )
                    .label("outside the site")
                    .help(OUTSIDE_HELP),
                );
            } else if found.is_err() {
                let mut d = Diagnostic::new(
                    "thumbnail/missing-file",
                    span.clone(),
                    format!("`{field}` image `{path}` does not exist"),
                )
                .label("not found");
                let help = suggest(doc, &decoded, site).unwrap_or_else(|| {
                    "put the file next to the page (a page bundle) or under the site's `static/` or `assets/`".into()
                });
                d = d.help(help);
                out.push(d);
            }
            not_image(field, ext_of(path), span, on, out);
        }
    }
}

fn not_image(
    field: &str,
    ext: Option<String>,
    span: Range<usize>,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(ext) = ext else { return };
    if ext.is_empty()
        || ext.len() > 5
        || IMAGE_EXTENSIONS.contains(&ext.as_str())
        || !on("thumbnail/not-image")
    {
        return;
    }
    out.push(
        Diagnostic::new(
            "thumbnail/not-image",
            span,
            format!("`{field}` points at a `.{ext}` file, not an image"),
        )
        .help("use a .jpg, .png, .webp, .avif, .gif or .svg image"),
    );
}

/// A path that could name a file: no doubled slash inside, no control characters, no `\`.
fn plausible_path(p: &str) -> bool {
    !p.is_empty()
        && !p.trim_start_matches('/').contains("//")
        && !p
            .chars()
            .any(|c| c.is_control() || matches!(c, '\\' | '<' | '>' | '"' | '|'))
        && p.trim() == p
}

/// A page-bundle image next to the page (or in its bundle folder), else under the site.
/// Candidates outside the linted roots are not looked at.
fn image_exists(doc: &Document, path: &str, site: &Site) -> Result<(), Missing> {
    let candidates = if path.starts_with('/') {
        site.root_candidates(path)
    } else {
        let file = doc.path;
        let dir = file.parent().unwrap_or(Path::new(""));
        let mut candidates = vec![dir.join(path)];
        if let Some(stem) = file.file_stem() {
            candidates.push(dir.join(stem).join(path));
        }
        candidates.extend(site.root_candidates(path));
        candidates
    };
    let mut missing = Missing::Outside;
    for c in &candidates {
        match site.probe(&site::normalize(c)) {
            Probe::Outside => continue,
            Probe::File => {
                record_probe(doc, c);
                return Ok(());
            }
            Probe::Missing | Probe::Dir => {
                record_probe(doc, c);
                missing = Missing::Inside;
            }
        }
    }
    Err(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_and_url_problems() {
        assert!(matches!(classify("https://a.example/x"), Target::Url(_)));
        assert!(matches!(classify("//cdn.example/x.png"), Target::Url(_)));
        assert!(matches!(classify("#h"), Target::Fragment("h")));
        assert!(matches!(
            classify("../a.md#h"),
            Target::Path {
                path: "../a.md",
                fragment: Some("h")
            }
        ));
        assert!(matches!(classify("C:/x.png"), Target::Path { .. }));
        assert!(url_problem("https://").is_some());
        assert!(url_problem("https://exa mple.com/a.jpg").is_some());
        assert!(url_problem("https://inews.gtimg.com/om_ls/OLXJ_640360/0").is_none());
        assert!(url_problem("mailto:a@example.com").is_none());
        assert!(!plausible_path("htps//x"));
        assert!(plausible_path("/img/a b.png"));
        assert!(plausible_path("cover.jpg"));
    }
}
