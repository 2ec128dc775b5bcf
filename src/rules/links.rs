//! Body links and header images, checked offline, file by file.
//!
//! Body: `link/invalid-url`, `link/empty`, `link/insecure`. Header (image fields, default
//! `thumbnail`, `image`, `images`, `cover`, `cover.image`, `featured_image`, `banner`,
//! `og_image`): `thumbnail/invalid-url`, `thumbnail/insecure`, `thumbnail/not-image`.
//! Whether a path link, an anchor or a header image exists is a question about the whole site:
//! the site-wide phase answers it from the page map (`crate::site::check`).

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::parse::{Node, Value};

const IMAGE_EXTENSIONS: [&str; 14] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico", "tif", "tiff", "heic",
    "heif", "jxl",
];

/// The link and image options of a run.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Header keys that hold images (`cover.image` for nested keys).
    pub image_fields: Vec<String>,
    /// `[links] exclude`: destinations not checked.
    pub exclude: Option<globset::GlobSet>,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            image_fields: DEFAULT_IMAGE_FIELDS.iter().map(|s| s.to_string()).collect(),
            exclude: None,
        }
    }
}

pub const DEFAULT_IMAGE_FIELDS: [&str; 8] = [
    "thumbnail",
    "image",
    "images",
    "cover",
    "cover.image",
    "featured_image",
    "banner",
    "og_image",
];

/// What a link or image destination is.
enum Target<'a> {
    /// An absolute URL with a scheme (`https://…`, `mailto:…`), or protocol-relative `//host/…`.
    Url(&'a str),
    /// A path (relative or root-relative), with its fragment.
    Path { path: &'a str },
    /// Only a fragment: `#section`.
    Fragment,
}

fn classify(dest: &str) -> Target<'_> {
    if dest.starts_with('#') {
        return Target::Fragment;
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return Target::Url(dest);
    }
    let before_frag = dest.split('#').next().unwrap_or("");
    let path = before_frag.split('?').next().unwrap_or("");
    Target::Path { path }
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
    options: &LinkOptions,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    if !(on("link/empty") || on("link/invalid-url") || on("link/insecure")) {
        return;
    }
    let body = &doc.text[doc.body.clone()];
    // The byte scan only saves the parse when no other rule has needed it already.
    if doc.facts.get().is_none() && !crate::body::has_link_syntax(body) {
        return;
    }
    let facts = doc.facts();
    for link in &facts.links {
        if options
            .exclude
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
        if let Target::Url(u) = classify(&link.dest) {
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
    }
}

/// Image fields of the header.
pub fn check_header(
    doc: &Document,
    options: &LinkOptions,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(root) = doc.mapping() else { return };
    if !super::group_on(on, "thumbnail") {
        return;
    }
    for field in &options.image_fields {
        let mut node = Some(root);
        for part in field.split('.') {
            node = node
                .and_then(|n| n.get_entry_ignore_case(part))
                .map(|e| &e.value);
        }
        let Some(node) = node else { continue };
        match &node.value {
            Value::String(s) => image(field, s, node, on, out),
            Value::Seq(items) => {
                for item in items {
                    if let Value::String(s) = &item.value {
                        image(field, s, item, on, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn image(
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
        Target::Fragment => {}
        Target::Path { path } => {
            if !plausible_path(path) {
                if on("thumbnail/invalid-url") {
                    out.push(
                        Diagnostic::new("thumbnail/invalid-url", span, format!("`{field}` is neither a URL nor a plausible path: `{value}`"))
                            .help("write a full URL (`https://host/path.jpg`) or a path (`/img/a.jpg`, `cover.jpg`)"),
                    );
                }
                return;
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

pub use crate::util::plausible_path;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_and_url_problems() {
        assert!(matches!(classify("https://a.example/x"), Target::Url(_)));
        assert!(matches!(classify("//cdn.example/x.png"), Target::Url(_)));
        assert!(matches!(classify("#h"), Target::Fragment));
        assert!(matches!(
            classify("../a.md#h"),
            Target::Path { path: "../a.md" }
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
