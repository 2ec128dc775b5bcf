//! Discovery: folders are walked with `ignore` (honours `.gitignore` and `.ignore`, also
//! outside a git repository; hidden folders skipped); files named on the command line are
//! linted even when ignored or of another extension, but config `exclude` still applies.
//!
//! Folders are walked in parallel (`ignore::WalkParallel`, one thread per rayon thread, each
//! collecting into its own vector); the result is then sorted, so output never depends on walk
//! or thread order.

use std::cmp::Ordering;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkState};
use same_file::Handle;

use crate::config::Config;

/// A file to lint, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    File(PathBuf),
    Error(PathBuf, String),
}

impl Item {
    pub fn path(&self) -> &Path {
        match self {
            Item::File(p) | Item::Error(p, _) => p,
        }
    }
}

/// Walk `paths` (relative to `cwd`): sorted by `Item`'s order (files, then errors, each by
/// path), without duplicates (a path reached twice is kept in the spelling of the first
/// argument that reached it).
pub fn walk(paths: &[PathBuf], config: &Config, cwd: &Path) -> Vec<Item> {
    // Each item with the index of the argument that produced it: explicit files come before
    // every folder, as they did when the walk was sequential.
    let mut items: Vec<(Item, usize)> = Vec::new();
    let mut dirs = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let abs = cwd.join(p);
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => dirs.push(p.clone()),
            Ok(_) => {
                if !config.is_excluded(&abs) {
                    items.push((Item::File(clean(p)), i));
                }
            }
            Err(e) => items.push((Item::Error(clean(p), io_message(&e)), i)),
        }
    }
    for (i, d) in dirs.iter().enumerate() {
        let rank = paths.len() + i;
        items.extend(walk_dir(d, config, cwd).into_iter().map(|it| (it, rank)));
    }
    sort_dedup(items)
}

/// One folder, in parallel.
fn walk_dir(dir: &Path, config: &Config, cwd: &Path) -> Vec<Item> {
    let filter_config = config.clone();
    let filter_cwd = cwd.to_path_buf();
    let above = root_ancestors(dir);
    let loops = Arc::new(Mutex::new(Vec::new()));
    let filter_loops = loops.clone();
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
            if let Some(err) = loop_above_root(e, &above) {
                lock(&filter_loops).push(err);
                return false;
            }
            let abs = filter_cwd.join(e.path());
            if e.depth() == 1 {
                !filter_config.is_excluded(&abs)
            } else {
                // The parent passed this filter, so none of the folders above matched: only
                // the entry itself is left to test (the same answer as `is_excluded`, without
                // testing every ancestor of every file again).
                !filter_config
                    .exclude
                    .matches_file(filter_config.relative(&abs))
            }
        })
        .build_parallel()
        .visit(&mut Collect {
            sink: &sink,
            items: Vec::new(),
            config,
            cwd,
        });
    let mut items = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    items.append(&mut lock(&loops));
    items
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
    sink: &'s Mutex<Vec<Item>>,
    items: Vec<Item>,
    config: &'s Config,
    cwd: &'s Path,
}

impl<'s> ParallelVisitorBuilder<'s> for Collect<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collect {
            sink: self.sink,
            items: Vec::new(),
            config: self.config,
            cwd: self.cwd,
        })
    }
}

impl ParallelVisitor for Collect<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| !t.is_dir());
                if is_file && self.config.is_included(&self.cwd.join(e.path())) {
                    self.items.push(Item::File(clean(e.path())));
                }
            }
            Err(err) => {
                let path = error_path(&err).map_or_else(|| PathBuf::from("."), |p| clean(&p));
                self.items.push(Item::Error(path, walk_message(&err)));
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
/// compared through [`sort_key`] (bytes, so `memcmp`) rather than `Path`'s component-wise
/// `Ord`, which dominated a sequential sort of 100,000 paths.
fn sort_dedup(items: Vec<(Item, usize)>) -> Vec<Item> {
    let fast = items.iter().all(|(it, _)| {
        !it.path()
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    });
    let mut keyed: Vec<(Vec<u8>, Item, usize)> = items
        .into_iter()
        .map(|(it, rank)| {
            (
                if fast {
                    sort_key(it.path())
                } else {
                    Vec::new()
                },
                it,
                rank,
            )
        })
        .collect();
    let cmp_item = |a: &(Vec<u8>, Item, usize), b: &(Vec<u8>, Item, usize)| -> Ordering {
        let variant = |i: &Item| matches!(i, Item::Error(..));
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
    keyed.sort_unstable_by(|a, b| cmp_item(a, b).then(a.2.cmp(&b.2)));
    keyed.dedup_by(|later, first| cmp_item(later, first) == Ordering::Equal);
    keyed.into_iter().map(|(_, it, _)| it).collect()
}

fn message(item: &Item) -> Option<&str> {
    match item {
        Item::File(_) => None,
        Item::Error(_, m) => Some(m),
    }
}

/// A byte string that orders and compares like the path does (`Path`'s `Ord` and `Eq` go by
/// components): each component is a tag in `Component`'s variant order, its bytes for a
/// normal one, and a 0 byte (which no path contains) to end it. Not for `Prefix` (Windows
/// drive and UNC prefixes), which order by their parsed form.
fn sort_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for c in path.components() {
        match c {
            Component::Prefix(_) => key.push(1),
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
    key
}

/// `./content/a.md` → `content/a.md`.
fn clean(p: &Path) -> PathBuf {
    p.strip_prefix(".")
        .map_or_else(|_| p.to_path_buf(), Path::to_path_buf)
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

pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(40) => {
            "too many levels of symbolic links (a symlink loop)".into()
        }
        _ => e.to_string(),
    }
}

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
            prop_assert_eq!(sort_key(pa).cmp(&sort_key(pb)), pa.cmp(pb), "{:?} vs {:?}", a, b);
            prop_assert_eq!(sort_key(pa) == sort_key(pb), pa == pb);
        }
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
        }
    }

    #[test]
    fn duplicates_keep_the_lowest_rank_and_errors_sort_after_files() {
        let file = |p: &str| Item::File(PathBuf::from(p));
        let items = vec![
            (Item::Error("a.md".into(), "x".into()), 0),
            (file("b/a.md"), 3),
            (file("b//a.md"), 2),
            (file("b.md"), 1),
            (file("a.md"), 5),
            (Item::Error("a.md".into(), "x".into()), 4),
        ];
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
