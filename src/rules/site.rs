//! Where links and images point on disk: the site root (the config file's folder, else the
//! current folder, or `--root`), its `static/` and `assets/`, `content/` and its language
//! folders, and page bundles. Lookups of other files' headings are cached for the whole run.
//!
//! Links never make frontlint look outside the linted roots (`crate::bounds::Roots`: the site
//! root and the paths given outside it). Every look at the file system here goes through
//! [`Site::probe`], [`Site::list`] or [`Site::resolve`]: a path outside the roots as written
//! is `Outside` without a system call, and a path inside is resolved one component at a time,
//! so a symlink that leads out is `Outside` too and nothing beyond it is touched. Whether a
//! file outside exists never changes a result, and no suggestion is computed from a folder
//! outside.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::bounds::Roots;

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
    /// Where probes may look: set from the walk, else the site root alone.
    roots: OnceLock<Roots>,
    /// The current folder: relative paths are relative to it.
    cwd: OnceLock<PathBuf>,
    /// Folders resolved for probes: canonical, or `None` when they lead outside the roots.
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

/// What a probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// Outside the linted roots (as written, or through a symlink): not looked at.
    Outside,
    Missing,
    File,
    /// A folder (or anything else that is not a regular file).
    Dir,
}

/// Whether a link target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existence {
    Yes,
    No,
    /// Outside the linted roots: not looked at.
    Outside,
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
        // Language folders are listed only when `content/` is a folder of the site itself.
        let content_inside = std::fs::symlink_metadata(&content).is_ok_and(|m| m.is_dir());
        if let Some(entries) = content_inside
            .then(|| std::fs::read_dir(&content).ok())
            .flatten()
        {
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
            roots: OnceLock::new(),
            cwd: OnceLock::new(),
            folders: Mutex::new(HashMap::new()),
        }
    }

    /// Record the linted roots of this run (see `roots`).
    pub fn set_roots(&self, roots: Roots) {
        let _ = self.roots.set(roots);
    }

    /// Where probes may look.
    pub fn roots(&self) -> &Roots {
        self.roots
            .get_or_init(|| Roots::new(&self.cwd().join(&self.root)))
    }

    fn cwd(&self) -> &Path {
        self.cwd
            .get_or_init(|| std::env::current_dir().unwrap_or_default())
    }

    /// `path` (relative to the current folder, or absolute) as an absolute path, `.` and `..`
    /// resolved lexically.
    fn absolute(&self, path: &Path) -> PathBuf {
        normalize(&self.cwd().join(path))
    }

    /// Whether `path`, as written, is inside the linted roots. Answered without a system call.
    pub fn inside(&self, path: &Path) -> bool {
        self.roots().contains_written(&self.absolute(path))
    }

    /// `path` with every symlink resolved, looking only inside the roots: `None` when it is
    /// outside them as written, or leads outside through a link. Folders are resolved once per
    /// run.
    pub fn resolve(&self, path: &Path) -> Option<PathBuf> {
        let abs = self.absolute(path);
        let roots = self.roots();
        if !roots.contains_written(&abs) {
            return None;
        }
        match (abs.parent(), abs.file_name()) {
            (Some(folder), Some(name)) if roots.contains_written(folder) => {
                let folder = self.resolve_folder(folder)?;
                roots.resolve_from(folder, Path::new(name))
            }
            // A root itself.
            _ => roots.resolve_inside(&abs),
        }
    }

    fn resolve_folder(&self, folder: &Path) -> Option<PathBuf> {
        let lock = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(folder) {
            return known.clone();
        }
        let resolved = self.roots().resolve_inside(folder);
        lock().insert(folder.to_path_buf(), resolved.clone());
        resolved
    }

    /// What is at `path`, looking only inside the roots.
    pub fn probe(&self, path: &Path) -> Probe {
        let Some(resolved) = self.resolve(path) else {
            return Probe::Outside;
        };
        match std::fs::metadata(resolved) {
            Ok(m) if m.is_file() => Probe::File,
            Ok(_) => Probe::Dir,
            Err(_) => Probe::Missing,
        }
    }

    /// The entries of a folder inside the roots; `None` outside them or when it cannot be read.
    pub fn list(&self, dir: &Path) -> Option<std::fs::ReadDir> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        std::fs::read_dir(self.resolve(dir)?).ok()
    }

    /// Record the files of this run (see `walked`).
    pub fn set_walked(&self, files: Vec<PathBuf>) {
        let _ = self.walked.set(files);
    }

    /// Does a link target exist (on disk, see [`Site::exists_on_disk`]), answered from the
    /// walked files when the target is one of them. `Outside` (nothing looked at) when it is
    /// outside the linted roots.
    pub fn exists(&self, target: &Path) -> Existence {
        let target = &normalize(target);
        if !self.inside(target) {
            return Existence::Outside;
        }
        let known = self.walked.get().is_some_and(|files| {
            self.walked_index
                .get_or_init(|| files.iter().map(|p| normalize(p)).collect())
                .contains(target)
        });
        if known {
            Existence::Yes
        } else {
            self.exists_on_disk(target)
        }
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

    /// The anchors of another Markdown file (inside the roots), parsed once per run.
    pub fn anchors_of(&self, path: &Path) -> Option<Arc<Vec<String>>> {
        let key = path.to_path_buf();
        if let Some(found) = self.anchors.lock().ok()?.get(&key) {
            return found.clone();
        }
        let resolved = self.resolve(path);
        let parsed = resolved
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|text| {
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

impl Site {
    /// Does a link target exist on disk? A path with a file extension must exist as written; a
    /// path without one (`../other/`, Hugo's page links) may also be `other.md`,
    /// `other/index.md` or `other/_index.md`, or a folder. `target` is already normalised.
    /// Every look goes through [`Site::probe`] and [`Site::list`].
    fn exists_on_disk(&self, target: &Path) -> Existence {
        match self.probe(target) {
            Probe::File => return Existence::Yes,
            Probe::Outside => return Existence::Outside,
            _ => {}
        }
        let s = target.to_string_lossy();
        let trimmed = s.trim_end_matches(['/', '\\']);
        let base = Path::new(trimmed);
        match self.probe(base) {
            Probe::Dir | Probe::File => return Existence::Yes,
            Probe::Outside => return Existence::Outside,
            Probe::Missing => {}
        }
        let has_ext = base.extension().is_some();
        if !has_ext {
            for ext in ["md", "markdown", "mdx", "html"] {
                if self.probe(&base.with_extension(ext)) == Probe::File {
                    return Existence::Yes;
                }
            }
        }
        // Hugo serves `Language.md` at `/language/`: page links match file names
        // case-insensitively.
        if self.exists_ignoring_case(base, has_ext) {
            Existence::Yes
        } else {
            Existence::No
        }
    }

    fn exists_ignoring_case(&self, base: &Path, has_ext: bool) -> bool {
        let (Some(dir), Some(name)) = (base.parent(), base.file_name().and_then(|n| n.to_str()))
        else {
            return false;
        };
        let Some(entries) = self.list(dir) else {
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
    pub fn markdown_file(&self, target: &Path) -> Option<PathBuf> {
        let target = &normalize(target);
        if self.probe(target) == Probe::File {
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
            .find(|p| self.probe(p) == Probe::File)
    }

    /// The name in `dir` closest to `name`, when it is close (for "did you mean"); never from
    /// a folder outside the roots.
    pub fn closest_file(&self, dir: &Path, name: &str) -> Option<String> {
        let entries = self.list(dir)?;
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
