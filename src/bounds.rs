//! Where frontlint may look. A repository is untrusted input: its symlinks, links, config and
//! schemas must not make frontlint read or probe files outside the tree it lints.
//!
//! - The **linted roots** of a run ([`Roots`]): the site root (`--root`, else the config file's
//!   folder, else the current folder), and each path given on the command line that lies
//!   outside it. The walk does not follow a symlink whose target resolves outside the root of
//!   its path, and link checks never probe outside the roots.
//! - **System folders** (`/proc`, `/sys`, `/dev`) are never read, whoever names them.
//! - The **project** of a config file ([`project_root`]): the repository it is in, else its
//!   folder. Schema files and `$ref` targets that a config file names must be inside it.
//! - Schema, `$ref` and config files are read by [`read_regular`]: regular files only, with a
//!   size limit.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest schema, `$ref` or config file read.
pub const MAX_SCHEMA_BYTES: u64 = 16 << 20;

/// Folders whose files are not files: reading them leaks the environment (`/proc/self/environ`)
/// or never ends (`/dev/zero`).
pub const SYSTEM_DIRS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Whether an absolute path is in a system folder.
pub fn is_system(path: &Path) -> bool {
    cfg!(unix) && SYSTEM_DIRS.iter().any(|d| path.starts_with(d))
}

/// The canonical form of an absolute path, else (it does not exist) the path with `.` and `..`
/// resolved lexically.
pub fn resolve(abs: &Path) -> PathBuf {
    abs.canonicalize()
        .unwrap_or_else(|_| crate::util::normalize(abs))
}

/// Where an entry itself lives: its folder resolved (symlinks included), its last component
/// kept, so a symlink is located where the link is, not where it points.
pub fn location(abs: &Path) -> PathBuf {
    let normal = crate::util::normalize(abs);
    match (normal.parent(), normal.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => resolve(&normal),
    }
}

/// The project a config file in `dir` belongs to: the nearest folder at or above it that holds
/// `.git` (the repository root), else `dir` itself. Canonical when it exists.
pub fn project_root(dir: &Path) -> PathBuf {
    let dir = resolve(dir);
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf()
}

/// The folders a run may look into, each as written (absolute, `.` and `..` resolved
/// lexically) and canonical (symlinks resolved). The first is the site root.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Roots {
    /// The roots of a run whose site root is `site` (absolute).
    pub fn new(site: &Path) -> Roots {
        let mut roots = Roots::default();
        roots.add(site, &resolve(site));
        roots
    }

    /// Another root: a path given outside the site root, as written and resolved.
    pub fn add(&mut self, written: &Path, canonical: &Path) {
        let pair = (crate::util::normalize(written), canonical.to_path_buf());
        if !self.roots.contains(&pair) {
            self.roots.push(pair);
        }
    }

    /// The canonical site root.
    pub fn site(&self) -> &Path {
        self.roots
            .first()
            .map_or(Path::new("/"), |(_, c)| c.as_path())
    }

    /// Whether an absolute, lexically normalised path is under a root as written.
    pub fn contains_written(&self, abs: &Path) -> bool {
        self.roots.iter().any(|(w, _)| abs.starts_with(w))
    }

    /// Whether a canonical path is under a root, and not in a system folder.
    pub fn contains_canonical(&self, canonical: &Path) -> bool {
        !is_system(canonical) && self.roots.iter().any(|(_, c)| canonical.starts_with(c))
    }

    /// An absolute, lexically normalised path under a root (as written or canonical), as the
    /// canonical root and the components below it.
    fn split<'a>(&self, abs: &'a Path) -> Option<(PathBuf, &'a Path)> {
        self.roots.iter().find_map(|(w, c)| {
            abs.strip_prefix(c)
                .or_else(|_| abs.strip_prefix(w))
                .ok()
                .map(|rest| (c.clone(), rest))
        })
    }

    /// `abs` (absolute, lexically normalised, under a root) with every symlink resolved, looking
    /// only at paths inside the roots: `None` when a link leads outside them (or into a system
    /// folder), or after 40 links. Components that do not exist are kept as written.
    pub fn resolve_inside(&self, abs: &Path) -> Option<PathBuf> {
        let (base, rest) = self.split(abs)?;
        self.resolve_from(base, rest)
    }

    /// `rest` resolved from `base`, a canonical folder inside the roots (see `resolve_inside`).
    pub fn resolve_from(&self, mut base: PathBuf, rest: &Path) -> Option<PathBuf> {
        use std::collections::VecDeque;
        use std::ffi::OsString;
        use std::path::Component;
        // `None` stands for `..`.
        let mut pending: VecDeque<Option<OsString>> = VecDeque::new();
        let push_front = |pending: &mut VecDeque<Option<OsString>>, path: &Path| {
            for c in path.components().rev() {
                match c {
                    Component::Normal(n) => pending.push_front(Some(n.to_os_string())),
                    Component::ParentDir => pending.push_front(None),
                    _ => {}
                }
            }
        };
        push_front(&mut pending, rest);
        let mut links = 0;
        let mut missing = false;
        while let Some(part) = pending.pop_front() {
            let Some(name) = part else {
                // Back in a folder that may exist: look again from here.
                base.pop();
                missing = false;
                continue;
            };
            let next = base.join(&name);
            // Nothing is looked at outside the roots; a folder above a root is canonical, so
            // walking down through it needs no look either.
            let above = self.roots.iter().any(|(_, c)| c.starts_with(&next));
            if missing || above {
                base = next;
                continue;
            }
            if !self.contains_canonical(&next) {
                return None;
            }
            match std::fs::symlink_metadata(&next) {
                Ok(m) if m.file_type().is_symlink() => {
                    links += 1;
                    let target = std::fs::read_link(&next).ok().filter(|_| links <= 40)?;
                    if target.is_absolute() {
                        let target = crate::util::normalize(&target);
                        let (root, below) = self.split(&target)?;
                        base = root;
                        push_front(&mut pending, below);
                    } else {
                        push_front(&mut pending, &target);
                    }
                }
                Ok(_) => base = next,
                // What does not exist cannot be a link: the rest is kept as written.
                Err(_) => {
                    missing = true;
                    base = next;
                }
            }
        }
        self.contains_canonical(&base).then_some(base)
    }
}

/// Read a file that must be a regular file of at most `limit` bytes, outside the system
/// folders, as UTF-8. The error is a message for the user.
pub fn read_regular(path: &Path, limit: u64) -> Result<String, String> {
    let canonical = path
        .canonicalize()
        .map_err(|e| crate::util::io_message(&e))?;
    if is_system(&canonical) {
        return Err(format!(
            "`{}` is under {}: frontlint never reads /proc, /sys or /dev",
            canonical.display(),
            SYSTEM_DIRS
                .iter()
                .find(|d| canonical.starts_with(d))
                .unwrap_or(&"/dev")
        ));
    }
    let file = open_nonblocking(&canonical).map_err(|e| crate::util::io_message(&e))?;
    let meta = file.metadata().map_err(|e| crate::util::io_message(&e))?;
    if !meta.is_file() {
        return Err("not a regular file (a folder, FIFO, socket or device)".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "the file is {} bytes, more than the {} MiB frontlint reads",
            meta.len(),
            limit >> 20
        ));
    }
    // A file that grows while it is read is cut at the limit and refused.
    let read = |file: std::fs::File| {
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit + 1).read_to_end(&mut bytes).map(|_| bytes)
    };
    let bytes = match read(file) {
        // A regular file opened non-blocking may still say "try again" (FUSE, mandatory
        // locks): read it once more through a blocking handle.
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            std::fs::File::open(&canonical).and_then(read)
        }
        other => other,
    }
    .map_err(|e| crate::util::io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("the file grew past {} MiB while read", limit >> 20));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8: invalid byte at {}",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Open for reading without blocking on a FIFO (its metadata then says what it is).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What the walk (`walk::walk`) saw of the folders it went through, beyond the files it keeps:
/// whether a folder it walked whole (nothing hidden by an ignore file, an `exclude`, a link or
/// an error) holds any file other than Markdown. A site model that needs to know whether a tree
/// is Markdown only (the folder model, through `Generator::tree_walked`) then needs no second
/// walk of it.
#[derive(Debug, Default)]
pub struct Tree {
    /// The folders (canonical) walked with nothing left out.
    pub whole: Vec<PathBuf>,
    /// A file other than Markdown was seen in a walked folder.
    pub other_file: bool,
}

impl Tree {
    /// Whether the tree at `dir` holds Markdown files only, hidden files and folders aside,
    /// when the walk saw all of it; `None` when it did not.
    pub fn markdown_only(&self, dir: &Path) -> Option<bool> {
        let dir = resolve(dir);
        self.whole.contains(&dir).then_some(!self.other_file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_folders() {
        assert!(is_system(Path::new("/proc/self/environ")) == cfg!(unix));
        assert!(is_system(Path::new("/dev")) == cfg!(unix));
        assert!(!is_system(Path::new("/device/x")));
        assert!(!is_system(Path::new("/tmp/proc")));
    }

    #[test]
    fn roots_contain_what_is_under_them() {
        let dir = tempfile::TempDir::new().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("a")).unwrap();
        let roots = Roots::new(&site);
        assert!(roots.contains_written(&site.join("a/b.md")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            let canonical = site.canonicalize().unwrap();
            std::fs::create_dir_all(dir.path().join("out")).unwrap();
            symlink("../out", site.join("up")).unwrap();
            symlink("a", site.join("in")).unwrap();
            symlink(canonical.join("a"), site.join("abs")).unwrap();
            symlink("x/../../../out", site.join("a/sneaky")).unwrap();
            symlink("loop", site.join("loop")).unwrap();
            symlink("/dev/null", site.join("null")).unwrap();
            let r = |p: &str| roots.resolve_inside(&crate::util::normalize(&site.join(p)));
            assert_eq!(r("in/b.md"), Some(canonical.join("a/b.md")));
            assert_eq!(r("abs/b.md"), Some(canonical.join("a/b.md")));
            assert_eq!(r("a/missing/x/y"), Some(canonical.join("a/missing/x/y")));
            assert_eq!(r("up/secret"), None);
            assert_eq!(r("a/sneaky"), None);
            symlink("gone/../../up", site.join("a/back")).unwrap();
            assert_eq!(r("a/back/secret"), None);
            assert_eq!(r("loop/x"), None);
            assert_eq!(r("null"), None);
            assert_eq!(roots.resolve_inside(&dir.path().join("out/secret")), None);
        }
        assert!(!roots.contains_written(&dir.path().join("sitex/b.md")));
        assert!(!roots.contains_written(dir.path()));
        let canonical = site.canonicalize().unwrap();
        assert!(roots.contains_canonical(&canonical.join("a")));
        assert!(!roots.contains_canonical(canonical.parent().unwrap()));
    }

    #[cfg(unix)]
    #[test]
    fn read_regular_refuses_what_is_not_a_small_regular_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let small = dir.path().join("s.json");
        std::fs::write(&small, "{}").unwrap();
        assert_eq!(read_regular(&small, 10).unwrap(), "{}");
        assert!(read_regular(&small, 1).unwrap_err().contains("more than"));
        assert!(
            read_regular(dir.path(), 10)
                .unwrap_err()
                .contains("not a regular file")
        );
        let link = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(read_regular(&link, 10).unwrap_err().contains("/dev"));
        let fifo = dir.path().join("fifo.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // Opening a FIFO without a writer would block: it is refused from its metadata.
        assert!(
            read_regular(&fifo, 10)
                .unwrap_err()
                .contains("not a regular file")
        );
    }
}
