//! Where links and images point on disk: the site root (the config file's folder, else the
//! current folder, or `--root`), its `static/` and `assets/`, `content/` and its language
//! folders, and page bundles. Lookups of other files' headings are cached for the whole run.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Site-wide facts shared by every file of a run.
#[derive(Debug, Default)]
pub struct Site {
    pub root: PathBuf,
    /// Header keys that hold images (`cover.image` for nested keys).
    pub image_fields: Vec<String>,
    /// `content/` and its language folders (`content/en`), where root-relative page links resolve.
    content_roots: Vec<PathBuf>,
    /// `[links] exclude`: destinations not checked.
    pub link_exclude: Option<globset::GlobSet>,
    anchors: Mutex<HashMap<PathBuf, Option<Arc<Vec<String>>>>>,
    /// The files of this run, as found by the walk: a link to one of them exists without a
    /// system call. Indexed (normalised, as the rules build paths) on the first link probe, so
    /// a run that probes nothing (all cached) pays nothing.
    walked: OnceLock<Vec<PathBuf>>,
    walked_index: OnceLock<HashSet<PathBuf, crate::fasthash::FastBuild>>,
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

impl Site {
    pub fn new(
        root: PathBuf,
        image_fields: Option<Vec<String>>,
        link_exclude: Option<globset::GlobSet>,
    ) -> Site {
        let content = root.join("content");
        let mut content_roots = vec![root.clone(), content.clone()];
        if let Ok(entries) = std::fs::read_dir(&content) {
            let mut langs: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| {
                    let n = e.file_name();
                    let n = n.to_string_lossy();
                    (2..=7).contains(&n.len())
                        && n.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
                })
                .map(|e| e.path())
                .collect();
            langs.sort();
            content_roots.extend(langs);
        }
        Site {
            root,
            image_fields: image_fields
                .unwrap_or_else(|| DEFAULT_IMAGE_FIELDS.iter().map(|s| s.to_string()).collect()),
            content_roots,
            link_exclude,
            anchors: Mutex::new(HashMap::new()),
            walked: OnceLock::new(),
            walked_index: OnceLock::new(),
        }
    }

    /// Record the files of this run (see `walked`).
    pub fn set_walked(&self, files: Vec<PathBuf>) {
        let _ = self.walked.set(files);
    }

    /// Does a link target exist ([`exists`] on disk), answered from the walked files when the
    /// target is one of them.
    pub fn exists(&self, target: &Path) -> bool {
        let target = &normalize(target);
        let known = self.walked.get().is_some_and(|files| {
            self.walked_index
                .get_or_init(|| files.iter().map(|p| normalize(p)).collect())
                .contains(target)
        });
        known || exists(target)
    }

    /// Where a root-relative path (`/img/a.png`) may live.
    pub fn root_candidates(&self, rel: &str) -> Vec<PathBuf> {
        let rel = rel.trim_start_matches('/');
        let mut out = vec![
            self.root.join("static").join(rel),
            self.root.join("assets").join(rel),
        ];
        out.extend(self.content_roots.iter().map(|r| r.join(rel)));
        out
    }

    /// The anchors of another Markdown file, parsed once per run.
    pub fn anchors_of(&self, path: &Path) -> Option<Arc<Vec<String>>> {
        let key = path.to_path_buf();
        if let Some(found) = self.anchors.lock().ok()?.get(&key) {
            return found.clone();
        }
        let parsed = std::fs::read_to_string(path).ok().map(|text| {
            let body_start = match crate::split::split(&text) {
                crate::split::Split::Found(fm) => fm.body_start,
                _ => 0,
            };
            let facts = crate::body::extract(&text, body_start..text.len(), 0);
            Arc::new(
                facts
                    .headings
                    .into_iter()
                    .map(|h| h.anchor)
                    .collect::<Vec<_>>(),
            )
        });
        if let Ok(mut map) = self.anchors.lock() {
            map.insert(key, parsed.clone());
        }
        parsed
    }
}

/// `a/b/../c` → `a/c`, without touching the filesystem: a page's URL folder (`post/`) need
/// not exist on disk for `post/../other/` to mean `other/`.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Does a link target exist? A path with a file extension must exist as written; a path
/// without one (`../other/`, Hugo's page links) may also be `other.md`, `other/index.md` or
/// `other/_index.md`, or a folder. `target` is already normalised.
fn exists(target: &Path) -> bool {
    if target.is_file() {
        return true;
    }
    let s = target.to_string_lossy();
    let trimmed = s.trim_end_matches(['/', '\\']);
    let base = Path::new(trimmed);
    if base.is_dir() {
        return true;
    }
    let has_ext = base.extension().is_some();
    if !has_ext {
        for ext in ["md", "markdown", "mdx", "html"] {
            if base.with_extension(ext).is_file() {
                return true;
            }
        }
    }
    // Hugo serves `Language.md` at `/language/`: page links match file names case-insensitively.
    exists_ignoring_case(base, has_ext)
}

fn exists_ignoring_case(base: &Path, has_ext: bool) -> bool {
    let (Some(dir), Some(name)) = (base.parent(), base.file_name().and_then(|n| n.to_str())) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return false;
    };
    let name = name.to_lowercase();
    entries.filter_map(Result::ok).any(|e| {
        let entry = e.file_name().to_string_lossy().to_lowercase();
        if entry == name {
            return true;
        }
        !has_ext
            && entry.rsplit_once('.').is_some_and(|(stem, ext)| {
                stem == name && matches!(ext, "md" | "markdown" | "mdx" | "html")
            })
    })
}

/// For a page link, the Markdown file it means (for anchors in other files).
pub fn markdown_file(target: &Path) -> Option<PathBuf> {
    let target = &normalize(target);
    if target.is_file() {
        let ext = target.extension()?.to_str()?.to_ascii_lowercase();
        return ["md", "markdown", "mdx"]
            .contains(&ext.as_str())
            .then(|| target.to_path_buf());
    }
    let s = target.to_string_lossy();
    let base = Path::new(s.trim_end_matches(['/', '\\']));
    ["md", "markdown", "mdx"]
        .iter()
        .map(|e| base.with_extension(e))
        .chain(["index.md", "_index.md"].iter().map(|n| base.join(n)))
        .find(|p| p.is_file())
}

/// The name in `dir` closest to `name`, when it is close (for "did you mean").
pub fn closest_file(dir: &Path, name: &str) -> Option<String> {
    let entries = std::fs::read_dir(dir).ok()?;
    let len = name.chars().count();
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        // The distance is at least the difference in length: skip names that cannot be close.
        .filter(|n| n.chars().count().abs_diff(len) <= 2.max(n.chars().count() / 5))
        .map(|n| (crate::config::edit_distance(&n, name), n))
        .filter(|(d, n)| *d > 0 && *d <= 2.max(n.chars().count() / 5))
        .min()
        .map(|(_, n)| n)
}

/// A path as a URI path: `/` separators, every byte outside `A-Za-z0-9/-_.~:` percent-encoded.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%E4%B8%AD` → `中`; invalid sequences are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_lexically() {
        assert_eq!(
            normalize(Path::new("content/posts/a/../b/")),
            PathBuf::from("content/posts/b")
        );
        assert_eq!(normalize(Path::new("../x/./y")), PathBuf::from("../x/y"));
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%E4%B8%AD%20a%zz"), "中 a%zz");
    }
}
