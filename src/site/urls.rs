//! Paths and URL paths as strings: `/`-separated, lexically normalised, no file-system access.

/// `a/b/../c/./d` → `a/c/d`; `None` when `..` climbs above the start (outside the root).
/// A leading `/` is kept; a trailing `/` is kept (it distinguishes `x/` from `x` in URLs).
pub fn normalize(path: &str) -> Option<String> {
    join("", path)
}

/// Whether an absolute path is what [`normalize`] makes of it: no empty, `.` or `..` segment,
/// and no trailing `/`.
pub fn is_normal(path: &str) -> bool {
    path.len() > 1
        && path.starts_with('/')
        && path[1..]
            .split('/')
            .all(|s| !(s.is_empty() || s == "." || s == ".."))
}

/// `dir` joined with a relative `path`, normalised; `None` when it leaves the root.
/// (One allocation: this runs for every link of every page.)
pub fn join(dir: &str, path: &str) -> Option<String> {
    let absolute = if dir.is_empty() {
        path.starts_with('/')
    } else {
        dir.starts_with('/')
    };
    let mut out = String::with_capacity(dir.len() + path.len() + 2);
    if absolute {
        out.push('/');
    }
    let start = out.len();
    let mut depth = 0;
    let mut push = |part: &str| push_part(&mut out, start, &mut depth, part, false);
    if !(segments(dir, &mut push) && segments(path, &mut push)) {
        return None;
    }
    if ends_as_folder(path) && depth > 0 {
        out.push('/');
    }
    Some(out)
}

/// Whether a path ends in a folder (`x/`, `x/.`, `x/..`, `.`): its last segment is empty, `.`
/// or `..`. (An empty path and a lone `.` or `..` leave nothing to end.)
fn ends_as_folder(path: &str) -> bool {
    let last = path.rfind('/').map_or(path, |i| &path[i + 1..]);
    matches!(last.as_bytes(), [] | [b'.'] | [b'.', b'.'])
}

/// Append one segment of a path to `out` (whose segments start at `start`, `depth` of them):
/// `.` and empty segments are skipped, `..` removes the last segment. Returns false when `..`
/// finds nothing to remove, unless `clamp` (a browser stays at the root).
fn push_part(out: &mut String, start: usize, depth: &mut usize, part: &str, clamp: bool) -> bool {
    match part.as_bytes() {
        [] | [b'.'] => true,
        [b'.', b'.'] if *depth == 0 => clamp,
        [b'.', b'.'] => {
            *depth -= 1;
            let cut = out[start..].rfind('/').map_or(start, |i| start + i);
            out.truncate(cut);
            true
        }
        _ => {
            if *depth > 0 {
                out.push('/');
            }
            out.push_str(part);
            *depth += 1;
            true
        }
    }
}

/// Call `f` with each `/`-separated segment of `path` (empty ones included) until it returns
/// false; whether it never did. (A byte loop: segments are short, and this runs for every link.)
fn segments(path: &str, f: &mut impl FnMut(&str) -> bool) -> bool {
    let mut start = 0;
    for (i, &b) in path.as_bytes().iter().enumerate() {
        if b == b'/' {
            if !f(&path[start..i]) {
                return false;
            }
            start = i + 1;
        }
    }
    f(&path[start..])
}

/// Whether `path`, relative to the folder `dir`, stays inside the root (what [`join`] answers
/// with `Some`, without building the path).
pub fn stays_inside(dir: &str, path: &str) -> bool {
    let mut depth = 0usize;
    let mut step = |part: &str| match part.as_bytes() {
        [] | [b'.'] => true,
        [b'.', b'.'] if depth == 0 => false,
        [b'.', b'.'] => {
            depth -= 1;
            true
        }
        _ => {
            depth += 1;
            true
        }
    };
    segments(dir, &mut step) && segments(path, &mut step)
}

/// `path` resolved against the URL `base` as a browser does (`..` above the root stays at the
/// root).
pub fn relative_url(base: &str, path: &str) -> String {
    let dir = if base.ends_with('/') {
        base
    } else {
        &base[..base.rfind('/').map_or(0, |i| i + 1)]
    };
    let mut out = String::with_capacity(dir.len() + path.len() + 2);
    out.push('/');
    let mut depth = 0;
    let mut push = |part: &str| push_part(&mut out, 1, &mut depth, part, true);
    segments(dir, &mut push);
    segments(path, &mut push);
    // `dir` is empty or ends with `/`: the joined path ends as `path` does.
    let ends = if dir.is_empty() {
        path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")
    } else {
        ends_as_folder(path)
    };
    if ends && depth > 0 {
        out.push('/');
    }
    out
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
    let mut out = String::new();
    url_key_into(url, &mut out);
    out
}

/// [`url_key`] into `out` (cleared first).
pub fn url_key_into(url: &str, out: &mut String) {
    out.clear();
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
    out.reserve(s.len() + 1);
    if !s.starts_with('/') {
        out.push('/');
    }
    out.push_str(s);
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

    /// The first, plain version of `normalize` (a vector of parts, joined): the fast one must
    /// agree with it on every path.
    fn reference_normalize(path: &str, clamp: bool) -> Option<String> {
        let absolute = path.starts_with('/');
        let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() && !clamp {
                        return None;
                    }
                }
                p => parts.push(p),
            }
        }
        let mut out = String::new();
        if absolute || clamp {
            out.push('/');
        }
        out.push_str(&parts.join("/"));
        if trailing && !parts.is_empty() {
            out.push('/');
        }
        Some(out)
    }

    #[test]
    fn fast_paths_agree_with_the_plain_version() {
        // Every path of up to four segments from these, with and without a leading `/`.
        let segments = ["", ".", "..", "a", "文章", "b.md"];
        let mut paths = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for p in &last {
                for s in segments {
                    next.push(if p.is_empty() {
                        s.to_string()
                    } else {
                        format!("{p}/{s}")
                    });
                }
            }
            paths.extend(next.iter().cloned());
            last = next;
        }
        let absolute: Vec<String> = paths.iter().map(|p| format!("/{p}")).collect();
        paths.extend(absolute);
        for p in &paths {
            assert_eq!(
                normalize(p),
                reference_normalize(p, false),
                "normalize {p:?}"
            );
        }
        for dir in ["", "a", "a/b", "/a", "内容/文章", "a/"] {
            for p in &paths {
                let plain = if dir.is_empty() {
                    reference_normalize(p, false)
                } else if dir.ends_with('/') {
                    reference_normalize(&format!("{dir}{p}"), false)
                } else {
                    reference_normalize(&format!("{dir}/{p}"), false)
                };
                assert_eq!(join(dir, p), plain, "join {dir:?} {p:?}");
                assert_eq!(
                    stays_inside(dir, p),
                    plain.is_some(),
                    "inside {dir:?} {p:?}"
                );
            }
        }
        for base in ["/", "/a/", "/a/b.html", "/文章/一/", "x"] {
            for p in &paths {
                let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
                let plain = reference_normalize(&format!("{dir}{p}"), true).unwrap();
                assert_eq!(relative_url(base, p), plain, "relative_url {base:?} {p:?}");
            }
        }
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
    fn normal_paths_are_their_own_normal_form() {
        for p in ["/a/文章/b.md", "/a/b\r\n.md", "/a", "/a/.b/c..d"] {
            assert!(is_normal(p), "{p}");
            assert_eq!(normalize(p).as_deref(), Some(p));
        }
        // Not normal, or not known to be without `normalize`: never taken as is.
        for p in [
            "/a/b/", "/a//b", "/a/./b", "/a/../b", "/a/..", "/", "a/b", "",
        ] {
            assert!(!is_normal(p), "{p}");
        }
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
