//! Discovery: folders are walked with `ignore` (honours `.gitignore` and `.ignore`, also
//! outside a git repository; hidden folders skipped); files named on the command line are
//! linted even when ignored or of another extension, but config `exclude` still applies.
//!
//! Folders are walked in parallel (`ignore::WalkParallel`, one thread per rayon thread, each
//! collecting into its own vector); the result is then sorted, so output never depends on walk
//! or thread order.
//!
//! The walk stays inside the tree (`crate::bounds`): each path given has a linted root (the
//! site root when the path is inside it, else the path itself, or a file's folder), and a
//! symlink whose target resolves outside it, or into `/proc`, `/sys` or `/dev`, is not followed
//! (`file/outside-root`). Neither is a folder whose `.gitignore` or `.ignore` the walker would
//! have to read through such a link, or that is not a regular file (a FIFO would hang the
//! walk, `/dev/zero` exhaust its memory).

use std::cmp::Ordering;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkState};
use same_file::Handle;

use crate::bounds::{self, Roots, Tree};
use crate::config::Config;

/// A file to lint, or a path that could not be walked or was not followed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    File(PathBuf),
    /// `file/unreadable`.
    Error(PathBuf, String),
    /// `file/outside-root`: a symlink out of the linted root, a system folder.
    Outside(PathBuf, String),
}

impl Item {
    pub fn path(&self) -> &Path {
        match self {
            Item::File(p) | Item::Error(p, _) | Item::Outside(p, _) => p,
        }
    }
}

/// Walk `paths` (relative to `cwd`) of a run whose site root is `site_root`: the items sorted
/// (files, then the others, each by path), without duplicates (a path reached twice is kept in
/// the spelling of the first argument that reached it), the linted roots (for link checks) and
/// what the walk saw of the folders ([`Tree`]).
pub fn walk(
    paths: &[PathBuf],
    config: &Config,
    cwd: &Path,
    site_root: &Path,
) -> (Vec<Item>, Roots, Tree) {
    let mut roots = Roots::new(&cwd.join(site_root));
    let site = roots.site().to_path_buf();
    // Each item with the index of the argument that produced it: explicit files come before
    // every folder, as they did when the walk was sequential.
    let mut items: Vec<Keyed> = Vec::new();
    let mut dirs = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let abs = cwd.join(p);
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                items.push(keyed(Item::Error(clean(p), io_message(&e)), i));
                continue;
            }
        };
        // Where the path is (its folder resolved), and where it leads (all of it resolved).
        let location = bounds::location(&abs);
        let target = bounds::resolve(&abs);
        if let Some(message) = system_message(&location).or_else(|| system_message(&target)) {
            items.push(keyed(Item::Outside(clean(p), message), i));
            continue;
        }
        // The linted root of this path: the site root when the path is in it, else the path
        // itself (a folder) or its folder (a file).
        let inside_site = location.starts_with(&site);
        let root = match location.parent() {
            _ if inside_site => site.clone(),
            _ if meta.is_dir() => target.clone(),
            Some(folder) => folder.to_path_buf(),
            None => target.clone(),
        };
        if !target.starts_with(&root) {
            let message = outside_message("this symbolic link", &target, &root);
            items.push(keyed(Item::Outside(clean(p), message), i));
            continue;
        }
        if !inside_site {
            let written = if meta.is_dir() {
                abs.as_path()
            } else {
                abs.parent().unwrap_or(&abs)
            };
            roots.add(written, &root);
        }
        if meta.is_dir() {
            dirs.push((p.clone(), root));
        } else if !config.is_excluded(&abs) {
            items.push(keyed(Item::File(clean(p)), i));
        }
    }
    let mut tree = Tree::default();
    for (i, (d, root)) in dirs.iter().enumerate() {
        let rank = paths.len() + i;
        items.extend(
            walk_dir(d, root, config, cwd, &mut tree)
                .into_iter()
                .map(|(key, it)| (key, it, rank)),
        );
    }
    (sort_dedup(items), roots, tree)
}

/// Why a path in a system folder is not read, if it is in one.
fn system_message(path: &Path) -> Option<String> {
    let dir = bounds::SYSTEM_DIRS
        .iter()
        .find(|d| bounds::is_system(path) && path.starts_with(d))?;
    Some(format!(
        "`{}` is under {dir}: frontlint never reads /proc, /sys or /dev",
        path.display()
    ))
}

fn outside_message(what: &str, target: &Path, root: &Path) -> String {
    format!(
        "{what} points to `{}`, outside the linted root `{}`: not followed",
        target.display(),
        root.display()
    )
}

/// Why the walker must not enter `dir`: a `.gitignore` or `.ignore` it would read that is a
/// symlink out of `root` (any root when `None`) or into a system folder, or that is not a
/// regular file. `None` when it may. Sets `present` when the folder has either file.
fn unsafe_ignore_file(
    dir: &Path,
    root: Option<&Path>,
    present: &AtomicBool,
) -> Option<(bool, String)> {
    for name in [".gitignore", ".ignore"] {
        let path = dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        present.store(true, Relaxed);
        let kind = meta.file_type();
        if kind.is_file() || kind.is_dir() {
            continue;
        }
        let not_regular = format!(
            "`{name}` here is not a regular file (a FIFO, socket or device): frontlint does not read it, so this folder is not walked"
        );
        if !kind.is_symlink() {
            return Some((false, not_regular));
        }
        // A dangling link: the walker cannot open it either.
        let Ok(target) = path.canonicalize() else {
            continue;
        };
        if let Some(why) = system_message(&target) {
            return Some((
                true,
                format!("`{name}` here is a symbolic link: {why}; this folder is not walked"),
            ));
        }
        if let Some(root) = root.filter(|r| !target.starts_with(r)) {
            let what = format!("`{name}` here");
            return Some((
                true,
                format!(
                    "{}; this folder is not walked",
                    outside_message(&what, &target, root)
                ),
            ));
        }
        if !std::fs::metadata(&target).is_ok_and(|m| m.is_file() || m.is_dir()) {
            return Some((false, not_regular));
        }
    }
    None
}

/// The item that refuses a folder: `file/outside-root` for a link, else `file/unreadable`.
fn refused(path: PathBuf, (outside, message): (bool, String)) -> Item {
    if outside {
        Item::Outside(path, message)
    } else {
        Item::Error(path, message)
    }
}

/// An item, its [`sort_key`], and the index of the argument that produced it.
type Keyed = (Option<Vec<u8>>, Item, usize);

/// An item found by the walk, with its [`sort_key`].
type Found = (Option<Vec<u8>>, Item);

fn keyed(item: Item, rank: usize) -> Keyed {
    (sort_key(item.path()), item, rank)
}

/// One folder, in parallel: its items with their sort keys (computed by the walker threads).
/// `root` is the folder's linted root (canonical).
fn walk_dir(dir: &Path, root: &Path, config: &Config, cwd: &Path, tree: &mut Tree) -> Vec<Found> {
    // Something the walk leaves out (an ignore file, an excluded path, a link, an error): the
    // folder is not seen whole.
    let partial = Arc::new(AtomicBool::new(false));
    let other_file = AtomicBool::new(false);
    // The walker reads the ignore files of the folder and of every folder above it.
    let canonical = bounds::resolve(&cwd.join(dir));
    for folder in canonical.ancestors() {
        let within = folder.starts_with(root).then_some(root);
        if has_git_exclude_rules(folder) {
            partial.store(true, Relaxed);
        }
        if let Some(why) = unsafe_ignore_file(folder, within, &partial) {
            let path = if folder == canonical {
                clean(dir)
            } else {
                folder.to_path_buf()
            };
            return vec![(sort_key(&path), refused(path, why))];
        }
    }
    let filter_config = config.clone();
    let filter_cwd = cwd.to_path_buf();
    let filter_root = root.to_path_buf();
    let above = root_ancestors(dir);
    let loops = Arc::new(Mutex::new(Vec::new()));
    let filter_loops = loops.clone();
    let filter_partial = partial.clone();
    let sink = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(true)
        .threads(rayon::current_num_threads())
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            let abs = absolute(&filter_cwd, e.path());
            let excluded = if e.depth() == 1 {
                filter_config.is_excluded(&abs)
            } else {
                // The parent passed this filter, so none of the folders above matched: only
                // the entry itself is left to test (the same answer as `is_excluded`, without
                // testing every ancestor of every file again).
                filter_config
                    .exclude
                    .matches_file(filter_config.relative(&abs))
            };
            if excluded || e.path_is_symlink() {
                filter_partial.store(true, Relaxed);
            }
            if excluded {
                return false;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            let refuse = |item: Item| {
                lock(&filter_loops).push((sort_key(item.path()), item));
                false
            };
            // A link out of the root is not followed: a folder (the walk would go on there)
            // or a file the run would read. Links to other files are never read anyway.
            if e.path_is_symlink() && (is_dir || filter_config.is_included(&abs)) {
                if let Ok(target) = abs.canonicalize() {
                    let message = system_message(&target).or_else(|| {
                        (!target.starts_with(&filter_root))
                            .then(|| outside_message("this symbolic link", &target, &filter_root))
                    });
                    if let Some(message) = message {
                        return refuse(Item::Outside(clean(e.path()), message));
                    }
                }
            }
            if let Some(err) = loop_above_root(e, &above) {
                return refuse(err);
            }
            if is_dir {
                if let Some(why) = unsafe_ignore_file(&abs, Some(&filter_root), &filter_partial) {
                    return refuse(refused(clean(e.path()), why));
                }
            }
            true
        })
        .build_parallel()
        .visit(&mut Collect {
            sink: &sink,
            items: Vec::new(),
            config,
            cwd,
            partial: &partial,
            other_file: &other_file,
        });
    let mut items = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    items.append(&mut lock(&loops));
    if items.iter().any(|(_, it)| !matches!(it, Item::File(_))) {
        partial.store(true, Relaxed);
    }
    tree.other_file |= other_file.into_inner();
    if !partial.load(Relaxed) {
        tree.whole.push(canonical);
    }
    items
}

/// Whether `dir` is a git repository's top with rules in `.git/info/exclude`, which the walker
/// reads (a `.git` that is not a folder, a worktree's, counts as rules: it is not read here).
fn has_git_exclude_rules(dir: &Path) -> bool {
    let git = dir.join(".git");
    match std::fs::symlink_metadata(&git) {
        Ok(m) if m.is_dir() => {
            std::fs::read_to_string(git.join("info").join("exclude")).is_ok_and(|t| {
                t.lines()
                    .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
            })
        }
        Ok(_) => true,
        Err(_) => false,
    }
}

/// `cwd.join(path)`, without a copy when `path` is absolute (then it is the result).
fn absolute<'a>(cwd: &Path, path: &'a Path) -> std::borrow::Cow<'a, Path> {
    if path.is_absolute() {
        path.into()
    } else {
        cwd.join(path).into()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The folders strictly above the walked one (canonical paths), as the sequential walk
/// (`walkdir`) seeds its loop detection with them. The parallel walk only checks the folders
/// it walked, so a link back to one of these is caught here instead.
fn root_ancestors(dir: &Path) -> Vec<(PathBuf, Handle)> {
    let Ok(canonical) = dir.canonicalize() else {
        return Vec::new();
    };
    canonical
        .ancestors()
        .skip(1)
        .filter_map(|p| Some((p.to_path_buf(), Handle::from_path(p).ok()?)))
        .collect()
}

/// A followed link to a folder above the walked one: the error the sequential walk gave.
fn loop_above_root(e: &DirEntry, above: &[(PathBuf, Handle)]) -> Option<Item> {
    if above.is_empty() || !e.path_is_symlink() || !e.file_type().is_some_and(|t| t.is_dir()) {
        return None;
    }
    let h = Handle::from_path(e.path()).ok()?;
    let (ancestor, _) = above.iter().find(|(_, a)| *a == h)?;
    let err = ignore::Error::Loop {
        ancestor: ancestor.clone(),
        child: e.path().to_path_buf(),
    };
    let path = error_path(&err).map_or_else(|| PathBuf::from("."), |p| clean(&p));
    Some(Item::Error(path, walk_message(&err)))
}

/// A walker thread's visitor: collects into its own vector, handed over when the thread ends.
struct Collect<'s> {
    sink: &'s Mutex<Vec<Found>>,
    items: Vec<Found>,
    config: &'s Config,
    cwd: &'s Path,
    /// See [`Tree`].
    partial: &'s AtomicBool,
    other_file: &'s AtomicBool,
}

impl<'s> ParallelVisitorBuilder<'s> for Collect<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collect {
            sink: self.sink,
            items: Vec::new(),
            config: self.config,
            cwd: self.cwd,
            partial: self.partial,
            other_file: self.other_file,
        })
    }
}

impl ParallelVisitor for Collect<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(e) => {
                let kind = e.file_type();
                let is_file = kind.is_some_and(|t| !t.is_dir());
                let regular = kind.is_some_and(|t| t.is_file());
                if regular && e.depth() > 0 && !crate::util::is_markdown_name(e.file_name()) {
                    self.other_file.store(true, Relaxed);
                }
                if is_file && self.config.is_included(&absolute(self.cwd, e.path())) {
                    let path = clean_owned(e.into_path());
                    self.items.push((sort_key(&path), Item::File(path)));
                }
            }
            Err(err) => {
                self.partial.store(true, Relaxed);
                let path = error_path(&err).map_or_else(|| PathBuf::from("."), |p| clean(&p));
                self.items
                    .push((sort_key(&path), Item::Error(path, walk_message(&err))));
            }
        }
        WalkState::Continue
    }
}

impl Drop for Collect<'_> {
    fn drop(&mut self) {
        if !self.items.is_empty() {
            lock(self.sink).append(&mut self.items);
        }
    }
}

/// Sort by `Item`'s order and drop duplicates, keeping the one of the lowest rank. Paths are
/// compared through their [`sort_key`] (bytes, so `memcmp`) rather than `Path`'s
/// component-wise `Ord`, which dominated a sequential sort of 100,000 paths.
fn sort_dedup(mut items: Vec<Keyed>) -> Vec<Item> {
    use rayon::slice::ParallelSliceMut;
    let fast = items.iter().all(|(key, _, _)| key.is_some());
    let cmp_item = |a: &Keyed, b: &Keyed| -> Ordering {
        let variant = |i: &Item| !matches!(i, Item::File(..));
        variant(&a.1)
            .cmp(&variant(&b.1))
            .then_with(|| {
                if fast {
                    a.0.cmp(&b.0)
                } else {
                    a.1.path().cmp(b.1.path())
                }
            })
            .then_with(|| message(&a.1).cmp(&message(&b.1)))
    };
    items.par_sort_unstable_by(|a, b| cmp_item(a, b).then(a.2.cmp(&b.2)));
    items.dedup_by(|later, first| cmp_item(later, first) == Ordering::Equal);
    items.into_iter().map(|(_, it, _)| it).collect()
}

fn message(item: &Item) -> Option<&str> {
    match item {
        Item::File(_) => None,
        Item::Error(_, m) | Item::Outside(_, m) => Some(m),
    }
}

/// A byte string that orders and compares like the path does (`Path`'s `Ord` and `Eq` go by
/// components): each component is a tag in `Component`'s variant order, its bytes for a
/// normal one, and a 0 byte (which no path contains) to end it. `None` for a path with a
/// `Prefix` (Windows drive and UNC prefixes order by their parsed form).
fn sort_key(path: &Path) -> Option<Vec<u8>> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for c in path.components() {
        match c {
            Component::Prefix(_) => return None,
            Component::RootDir => key.push(2),
            Component::CurDir => key.push(3),
            Component::ParentDir => key.push(4),
            Component::Normal(name) => {
                key.push(5);
                key.extend_from_slice(name.as_encoded_bytes());
            }
        }
        key.push(0);
    }
    Some(key)
}

/// `./content/a.md` → `content/a.md`.
fn clean(p: &Path) -> PathBuf {
    p.strip_prefix(".")
        .map_or_else(|_| p.to_path_buf(), Path::to_path_buf)
}

/// [`clean`] without a copy when there is nothing to strip.
fn clean_owned(p: PathBuf) -> PathBuf {
    if p.starts_with(".") { clean(&p) } else { p }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Loop { ancestor, .. } => {
            format!(
                "symlink loop: this link points back to `{}`",
                ancestor.display()
            )
        }
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_message(err),
        ignore::Error::Io(e) => io_message(e),
        other => other.to_string(),
    }
}

pub use crate::util::io_message;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn path_strategy() -> impl Strategy<Value = String> {
        let part = prop::sample::select(vec![
            "a", "b", "a.b", "a-b", "ab", "-", ".", "..", "...", "", "é", "标题", "a b", "z",
        ]);
        (any::<bool>(), prop::collection::vec(part, 0..6))
            .prop_map(|(abs, parts)| format!("{}{}", if abs { "/" } else { "" }, parts.join("/")))
    }

    proptest! {
        #[test]
        fn sort_key_orders_like_path(a in path_strategy(), b in path_strategy()) {
            let (pa, pb) = (Path::new(&a), Path::new(&b));
            let (ka, kb) = (sort_key(pa).unwrap(), sort_key(pb).unwrap());
            prop_assert_eq!(ka.cmp(&kb), pa.cmp(pb), "{:?} vs {:?}", a, b);
            prop_assert_eq!(ka == kb, pa == pb);
        }
    }

    /// The walk knows a tree is Markdown only when it saw all of it, and says nothing when an
    /// ignore file, an excluded folder or a link hid part of it.
    #[test]
    fn a_tree_walked_whole_is_known_to_be_markdown_only_or_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = bounds::resolve(tmp.path());
        let write = |rel: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "---\ntitle: 标题\r\n---\n").unwrap();
        };
        let tree = |root: &Path| {
            let config = Config::default_for(root.to_path_buf());
            walk(&[root.to_path_buf()], &config, root, root).2
        };
        write("content/文章/a.md");
        write("content/b.MDX");
        write(".hidden/x.png");
        assert_eq!(tree(&root).markdown_only(&root), Some(true));
        assert_eq!(tree(&root).markdown_only(&root.join("content")), None);
        write("content/文章/a.png");
        assert_eq!(tree(&root).markdown_only(&root), Some(false));
        std::fs::remove_file(root.join("content/文章/a.png")).unwrap();
        write("node_modules/x.md");
        assert_eq!(tree(&root).markdown_only(&root), None, "an excluded folder");
        std::fs::remove_dir_all(root.join("node_modules")).unwrap();
        write("content/.gitignore");
        assert_eq!(tree(&root).markdown_only(&root), None, "an ignore file");
        std::fs::remove_file(root.join("content/.gitignore")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("content/b.MDX"), root.join("c.md")).unwrap();
            assert_eq!(tree(&root).markdown_only(&root), None, "a link");
            std::fs::remove_file(root.join("c.md")).unwrap();
        }
        assert_eq!(tree(&root).markdown_only(&root), Some(true));
    }

    #[test]
    fn sort_key_edge_cases() {
        for (a, b) in [
            ("a/b", "a.b"),
            ("a", "a/b"),
            ("..", "-"),
            ("/a", "a"),
            ("./a", "a"),
            ("a//b", "a/b"),
            ("a/./b", "a/b"),
            ("a/", "a"),
        ] {
            let (pa, pb) = (Path::new(a), Path::new(b));
            assert_eq!(sort_key(pa).cmp(&sort_key(pb)), pa.cmp(pb), "{a} vs {b}");
            assert!(sort_key(pa).is_some());
        }
    }

    #[test]
    fn duplicates_keep_the_lowest_rank_and_errors_sort_after_files() {
        let file = |p: &str| Item::File(PathBuf::from(p));
        let items = vec![
            keyed(Item::Error("a.md".into(), "x".into()), 0),
            keyed(file("b/a.md"), 3),
            keyed(file("b//a.md"), 2),
            keyed(file("b.md"), 1),
            keyed(file("a.md"), 5),
            keyed(Item::Error("a.md".into(), "x".into()), 4),
        ];
        let mut slow = items.clone();
        for k in &mut slow {
            k.0 = None;
        }
        assert_eq!(sort_dedup(slow), sort_dedup(items.clone()), "Path's Ord");
        let sorted = sort_dedup(items);
        assert_eq!(
            sorted,
            [
                file("a.md"),
                file("b//a.md"),
                file("b.md"),
                Item::Error("a.md".into(), "x".into())
            ]
        );
        let sorted: Vec<PathBuf> = sorted.iter().map(|i| i.path().to_path_buf()).collect();
        let mut by_path = sorted.clone();
        by_path[..3].sort();
        assert_eq!(sorted, by_path);
    }
}
