//! Paths and URL paths as strings: `/`-separated, lexically normalised, no file-system access.

/// `a/b/../c/./d` → `a/c/d`; `None` when `..` climbs above the start (outside the root).
/// A leading `/` is kept; a trailing `/` is kept (it distinguishes `x/` from `x` in URLs).
pub fn normalize(path: &str) -> Option<String> {
    let absolute = path.starts_with('/');
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push('/');
    }
    out.push_str(&parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `dir` joined with a relative `path`, normalised; `None` when it leaves the root.
pub fn join(dir: &str, path: &str) -> Option<String> {
    if dir.is_empty() {
        normalize(path)
    } else if dir.ends_with('/') {
        normalize(&format!("{dir}{path}"))
    } else {
        normalize(&format!("{dir}/{path}"))
    }
}

/// The folder part of a `/`-separated path (`a/b/c.md` → `a/b`, `c.md` → ``).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The last component (`a/b/c.md` → `c.md`).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `c.md` → `c`, `c.de.md` → `c.de`, `c` → `c`.
pub fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// Whether `path` is `dir` or inside it (`dir` `""` holds everything).
pub fn is_under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

/// `path` relative to `dir`, when it is inside it.
pub fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    if dir.is_empty() {
        Some(path)
    } else if path == dir {
        Some("")
    } else if is_under(path, dir) {
        Some(&path[dir.len() + 1..])
    } else {
        None
    }
}

/// The key a URL path is indexed and looked up by: percent-decoded, a leading `/`, no trailing
/// `/`, `index.html` dropped, so `/a/b/`, `/a/b`, `/a/b/index.html` are one key. The root is `/`.
pub fn url_key(url: &str) -> String {
    let decoded = percent_decode(url);
    let mut s: &str = &decoded;
    for suffix in ["/index.html", "/index.htm"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped;
            break;
        }
    }
    if s == "index.html" || s == "index.htm" {
        s = "";
    }
    let s = s.trim_end_matches('/');
    let mut out = String::with_capacity(s.len() + 1);
    if !s.starts_with('/') {
        out.push('/');
    }
    out.push_str(s);
    out
}

/// A URL prefix in canonical form: leading and trailing `/` (`docs` → `/docs/`, `` → `/`).
pub fn prefix(p: &str) -> String {
    let t = p.trim_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        format!("/{t}/")
    }
}

pub use crate::util::percent_decode;

/// The part of a destination before `#` and `?`, and the fragment.
pub fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    let (before, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    (before.split('?').next().unwrap_or(""), frag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing() {
        assert_eq!(normalize("a/b/../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(normalize("/a/b/../").as_deref(), Some("/a/"));
        assert_eq!(normalize("a/../..").as_deref(), None);
        assert_eq!(normalize("/..").as_deref(), None);
        assert_eq!(
            normalize("内容/文章/../图片/a.png").as_deref(),
            Some("内容/图片/a.png")
        );
        assert_eq!(
            join("content/posts", "../about.md").as_deref(),
            Some("content/about.md")
        );
        assert_eq!(join("", "../x").as_deref(), None);
    }

    #[test]
    fn url_keys() {
        for u in ["/a/b/", "/a/b", "/a/b/index.html", "a/b/"] {
            assert_eq!(url_key(u), "/a/b", "{u}");
        }
        assert_eq!(url_key("/"), "/");
        assert_eq!(url_key("/index.html"), "/");
        assert_eq!(url_key("/%E4%B8%AD%E6%96%87/"), "/中文");
        assert_eq!(prefix("docs"), "/docs/");
        assert_eq!(prefix("/"), "/");
    }

    #[test]
    fn folders() {
        assert!(is_under("content/a.md", "content"));
        assert!(!is_under("contents/a.md", "content"));
        assert!(is_under("a.md", ""));
        assert_eq!(strip_dir("content/en/a.md", "content/en"), Some("a.md"));
        assert_eq!(parent("a/b/c.md"), "a/b");
        assert_eq!(stem("c.de.md"), "c.de");
        assert_eq!(split_fragment("a.md?x=1#h"), ("a.md", Some("h")));
    }
}
