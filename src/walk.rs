//! Discovery: folders are walked with `ignore` (honours `.gitignore` and `.ignore`, also
//! outside a git repository; hidden folders skipped); files named on the command line are
//! linted even when ignored or of another extension, but config `exclude` still applies.
//! The result is sorted, so output never depends on walk or thread order.

use std::path::{Path, PathBuf};

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

pub fn walk(paths: &[PathBuf], config: &Config, cwd: &Path) -> Vec<Item> {
    let mut items = Vec::new();
    let mut dirs = Vec::new();
    for p in paths {
        let abs = cwd.join(p);
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => dirs.push(p.clone()),
            Ok(_) => {
                if !config.is_excluded(&abs) {
                    items.push(Item::File(clean(p)));
                }
            }
            Err(e) => items.push(Item::Error(clean(p), io_message(&e))),
        }
    }
    if let Some((first, rest)) = dirs.split_first() {
        let mut builder = ignore::WalkBuilder::new(first);
        for d in rest {
            builder.add(d);
        }
        let filter_config = config.clone();
        let filter_cwd = cwd.to_path_buf();
        builder
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .follow_links(true)
            .filter_entry(move |e| {
                e.depth() == 0 || !filter_config.is_excluded(&filter_cwd.join(e.path()))
            });
        for entry in builder.build() {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| !t.is_dir());
                    if is_file && config.is_included(&cwd.join(e.path())) {
                        items.push(Item::File(clean(e.path())));
                    }
                }
                Err(err) => {
                    let path = error_path(&err).map_or_else(|| PathBuf::from("."), |p| clean(&p));
                    items.push(Item::Error(path, walk_message(&err)));
                }
            }
        }
    }
    items.sort();
    items.dedup();
    items
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
