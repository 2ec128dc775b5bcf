//! The result cache, like ruff's: per file, the diagnostics of the last run, keyed by the file's
//! path, size and modification time, under a key that hashes everything else that affects
//! results (frontlint's version, the config file, the schema files, the command-line rule
//! options, "now" rounded to the day). Results that depend on other files (link targets,
//! anchors in other pages) also record those folders' and files' modification times, so a
//! target added, removed or edited invalidates them.
//!
//! Stored under `.frontlint_cache/` at the site root (a `.gitignore` inside ignores it), one
//! file per key, written atomically (temporary file + rename): two runs at once never read a
//! half-written cache, and a corrupted or foreign file is ignored and rewritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::diagnostic::{Diagnostic, Label, Severity};

pub const DIR: &str = ".frontlint_cache";
const MAGIC: &str = "frontlint-cache 1";

/// A file's identity on disk: size and modification time (nanoseconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime: u128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: meta.len(),
            mtime,
        })
    }
}

/// The modification time of a dependency, or `None` when it does not exist.
fn dep_stamp(path: &Path) -> Option<u128> {
    let meta = std::fs::metadata(path).ok()?;
    Some(
        meta.modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

/// One file's cached result.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub stamp: Stamp,
    pub diagnostics: Vec<Diagnostic>,
    /// Indices into the cache's dependency table.
    pub deps: Vec<u32>,
}

#[derive(Default)]
pub struct Cache {
    file: PathBuf,
    entries: HashMap<String, Entry>,
    /// Every dependency path of the cache file, and whether its recorded time still holds.
    deps: Vec<(PathBuf, bool)>,
}

/// Builds the dependency table of the next cache file.
#[derive(Default)]
pub struct DepTable {
    index: HashMap<PathBuf, u32>,
    paths: Vec<PathBuf>,
}

impl DepTable {
    pub fn intern(&mut self, path: &Path) -> u32 {
        if let Some(&i) = self.index.get(path) {
            return i;
        }
        let i = u32::try_from(self.paths.len()).unwrap_or(u32::MAX);
        self.index.insert(path.to_path_buf(), i);
        self.paths.push(path.to_path_buf());
        i
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

/// A stable hash of the inputs that affect results.
pub fn key(parts: &[&[u8]]) -> String {
    // FNV-1a, 128 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for p in parts {
        for b in p.iter().chain(&[0xff]) {
            h ^= u128::from(*b);
            h = h.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    format!("{h:032x}")
}

impl Cache {
    /// Load the cache of `key` under `root`; anything unreadable yields an empty cache.
    pub fn load(root: &Path, key: &str) -> Cache {
        let file = root.join(DIR).join(format!("{key}.cache"));
        let mut cache = Cache {
            file,
            ..Cache::default()
        };
        if let Ok(text) = std::fs::read_to_string(&cache.file) {
            if let Some((deps, entries)) = parse(&text) {
                cache.deps = deps
                    .into_iter()
                    .map(|(p, t)| {
                        let holds = dep_stamp(&p) == t;
                        (p, holds)
                    })
                    .collect();
                cache.entries = entries;
            }
        }
        cache
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cached diagnostics of `path`, if its stamp and every dependency still match.
    pub fn get(&self, path: &str, stamp: Stamp) -> Option<&Vec<Diagnostic>> {
        let e = self.entries.get(path)?;
        let deps_hold = e
            .deps
            .iter()
            .all(|&i| self.deps.get(i as usize).is_some_and(|d| d.1));
        (e.stamp == stamp && deps_hold).then_some(&e.diagnostics)
    }

    /// The dependencies recorded for `path` (to carry a hit over to the next cache file).
    pub fn deps_of(&self, path: &str) -> Vec<&Path> {
        self.entries
            .get(path)
            .map(|e| {
                e.deps
                    .iter()
                    .filter_map(|&i| self.deps.get(i as usize))
                    .map(|d| d.0.as_path())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Write the entries of this run (atomically), with `table`'s paths and their current times.
    /// Failures are not errors: a cache is optional.
    pub fn save(&self, table: &DepTable, times: &[Option<u128>], entries: &[(String, Entry)]) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = crate::fsutil::write_atomic(&ignore, b"# Created by frontlint.\n*\n");
        }
        let mut out = String::with_capacity(entries.len() * 80);
        out.push_str(MAGIC);
        out.push('\n');
        for (p, t) in table.paths().iter().zip(times) {
            let t = t.map_or_else(|| "-".to_string(), |t| t.to_string());
            out.push_str(&format!("D\t{}\t{t}\n", esc(&p.to_string_lossy())));
        }
        for (path, e) in entries {
            out.push_str(&format!(
                "F\t{}\t{}\t{}\n",
                esc(path),
                e.stamp.size,
                e.stamp.mtime
            ));
            if !e.deps.is_empty() {
                let list: Vec<String> = e.deps.iter().map(u32::to_string).collect();
                out.push_str(&format!("p\t{}\n", list.join(",")));
            }
            for d in &e.diagnostics {
                out.push_str(&format!(
                    "d\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    d.rule,
                    d.severity.as_str(),
                    d.span.start,
                    d.span.end,
                    esc(&d.message),
                    opt(&d.help),
                    opt(&d.note),
                    opt(&d.label)
                ));
                for l in &d.labels {
                    out.push_str(&format!(
                        "l\t{}\t{}\t{}\n",
                        l.span.start,
                        l.span.end,
                        esc(&l.message)
                    ));
                }
            }
        }
        out.push_str("end\n");
        let _ = crate::fsutil::write_atomic(&self.file, out.as_bytes());
    }
}

/// Remove the cache folder under `root`.
pub fn clean(root: &Path) -> std::io::Result<bool> {
    let dir = root.join(DIR);
    if dir.is_dir() {
        std::fs::remove_dir_all(&dir)?;
        Ok(true)
    } else {
        Ok(false)
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "\\0".to_string(), esc)
}

fn unopt(s: &str) -> Option<String> {
    (s != "\\0").then(|| unesc(s))
}

type Parsed = (Vec<(PathBuf, Option<u128>)>, HashMap<String, Entry>);

/// Parse a cache file; `None` for anything not written whole by this version.
fn parse(text: &str) -> Option<Parsed> {
    let mut lines = text.lines();
    if lines.next()? != MAGIC || !text.ends_with("end\n") {
        return None;
    }
    let mut deps: Vec<(PathBuf, Option<u128>)> = Vec::new();
    let mut entries: HashMap<String, Entry> = HashMap::new();
    let mut current: Option<(String, Entry)> = None;
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["D", path, t] => {
                let t = if *t == "-" {
                    None
                } else {
                    Some(t.parse().ok()?)
                };
                deps.push((PathBuf::from(unesc(path)), t));
            }
            ["F", path, size, mtime] => {
                if let Some((p, e)) = current.take() {
                    entries.insert(p, e);
                }
                let stamp = Stamp {
                    size: size.parse().ok()?,
                    mtime: mtime.parse().ok()?,
                };
                current = Some((
                    unesc(path),
                    Entry {
                        stamp,
                        diagnostics: Vec::new(),
                        deps: Vec::new(),
                    },
                ));
            }
            ["p", list] => {
                for i in list.split(',') {
                    let i: u32 = i.parse().ok()?;
                    if i as usize >= deps.len() {
                        return None;
                    }
                    current.as_mut()?.1.deps.push(i);
                }
            }
            ["d", rule, sev, start, end, message, help, note, label] => {
                let rule = crate::rules::info(rule)?.id;
                let severity = match *sev {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    _ => return None,
                };
                current.as_mut()?.1.diagnostics.push(Diagnostic {
                    rule,
                    severity,
                    message: unesc(message),
                    help: unopt(help),
                    note: unopt(note),
                    span: start.parse().ok()?..end.parse().ok()?,
                    label: unopt(label),
                    labels: Vec::new(),
                    fix: None,
                });
            }
            ["l", start, end, message] => {
                let d = current.as_mut()?.1.diagnostics.last_mut()?;
                d.labels.push(Label {
                    span: start.parse().ok()?..end.parse().ok()?,
                    message: unesc(message),
                });
            }
            ["end"] => {
                if let Some((p, e)) = current.take() {
                    entries.insert(p, e);
                }
                return Some((deps, entries));
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        let d = Diagnostic::new(
            "syntax/duplicate-key",
            10..15,
            "duplicate key `标题`\twith tab",
        )
        .help("line one\nline two \\ backslash")
        .label("again")
        .with_label(0..3, "first");
        Entry {
            stamp: Stamp {
                size: 42,
                mtime: 1_700_000_000_123_456_789,
            },
            diagnostics: vec![d],
            deps: Vec::new(),
        }
    }

    fn save(root: &Path, key: &str, deps: &[(&Path, Option<u128>)], entries: &[(String, Entry)]) {
        let mut table = DepTable::default();
        let times: Vec<Option<u128>> = deps
            .iter()
            .map(|(p, t)| {
                table.intern(p);
                *t
            })
            .collect();
        Cache::load(root, key).save(&table, &times, entries);
    }

    #[test]
    fn round_trip_and_dependency_validity() {
        let dir = tempfile::TempDir::new().unwrap();
        assert!(Cache::load(dir.path(), "k").is_empty());
        let real = dir.path().join("content");
        std::fs::create_dir(&real).unwrap();
        let real_time = dep_stamp(&real);
        let mut held = sample();
        held.deps = vec![0];
        let mut broken = sample();
        broken.deps = vec![0, 1];
        save(
            dir.path(),
            "k",
            &[(&real, real_time), (Path::new("/no/such/dir"), Some(7))],
            &[
                ("content/新闻.md".to_string(), held.clone()),
                ("b.md".to_string(), broken.clone()),
            ],
        );
        assert!(dir.path().join(DIR).join(".gitignore").is_file());
        let loaded = Cache::load(dir.path(), "k");
        assert_eq!(loaded.len(), 2);
        assert_eq!(
            loaded.get("content/新闻.md", held.stamp),
            Some(&held.diagnostics)
        );
        assert_eq!(loaded.deps_of("content/新闻.md"), [real.as_path()]);
        // A dependency whose recorded time no longer holds invalidates the entry.
        assert!(loaded.get("b.md", broken.stamp).is_none());
        assert!(
            loaded
                .get(
                    "content/新闻.md",
                    Stamp {
                        size: 43,
                        ..held.stamp
                    }
                )
                .is_none()
        );
        assert!(
            Cache::load(dir.path(), "other-key")
                .get("content/新闻.md", held.stamp)
                .is_none()
        );
    }

    #[test]
    fn corrupt_or_truncated_files_are_ignored() {
        let dir = tempfile::TempDir::new().unwrap();
        save(dir.path(), "k", &[], &[("a.md".to_string(), sample())]);
        let file = dir.path().join(DIR).join("k.cache");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!Cache::load(dir.path(), "k").is_empty());
        std::fs::write(&file, &text[..text.len() / 2]).unwrap();
        assert!(Cache::load(dir.path(), "k").is_empty());
        std::fs::write(&file, "garbage\x00\x01").unwrap();
        assert!(Cache::load(dir.path(), "k").is_empty());
        std::fs::write(&file, text.replace("syntax/duplicate-key", "no/such-rule")).unwrap();
        assert!(Cache::load(dir.path(), "k").is_empty());
        std::fs::write(&file, text.replace("end\n", "p\t99\nend\n")).unwrap();
        assert!(
            Cache::load(dir.path(), "k").is_empty(),
            "an index past the table"
        );
    }

    #[test]
    fn keys_are_stable() {
        assert_eq!(key(&[b"a", b"b"]), key(&[b"a", b"b"]));
        assert_ne!(key(&[b"ab"]), key(&[b"a", b"b"]));
    }
}
