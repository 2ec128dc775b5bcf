//! The result cache, like ruff's: per file, the diagnostics of the last run, keyed by the file's
//! path, size and modification time, under a key that hashes everything else that affects
//! results (frontlint's version, the config file, the schema files, the command-line rule
//! options, "now" rounded to the day). Results that depend on other files (link targets,
//! anchors in other pages) also record those folders' and files' modification times, so a
//! target added, removed or edited invalidates them.
//!
//! Stored under `.frontlint_cache/` at the site root (a `.gitignore` inside ignores it), one
//! file per key, written atomically (temporary file + rename): two runs at once never read a
//! half-written cache, and a corrupted, truncated or foreign file is ignored and rewritten.
//!
//! The file is binary and length-prefixed, so loading it is one read and one pass that indexes
//! the records; a file's diagnostics are decoded only when it is a hit, and they carry their
//! line and column, so reports that show no source (`concise`, `json`…) need not read the file.
//!
//! ```text
//! header   "frontlint-cache\0" (16 bytes), version u32, body length u64
//! body     deps u32, per dependency: path bytes, recorded u8, mtime u128
//!          files u32, per file: path bytes, size u64, mtime u128, deps u32 × u32,
//!                               diagnostics block (bytes, decoded on a hit)
//! trailer  "\nend\n"
//! ```
//!
//! Integers are little-endian; "bytes" is a u32 length and the bytes. Everything is
//! bounds-checked: a bad file is an empty cache, never a panic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::report::Located;
use crate::source::Position;

pub const DIR: &str = ".frontlint_cache";
const MAGIC: &[u8; 16] = b"frontlint-cache\0";
const VERSION: u32 = 2;
const TRAILER: &[u8] = b"\nend\n";
const HEADER_LEN: usize = MAGIC.len() + 4 + 8;

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

/// The bytes a file is keyed by: its path as shown, as the OS spells it (no UTF-8 check, no
/// lossy conversion, so two paths never share a key).
pub fn path_key(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// One file's record in the loaded cache file: offsets into `Cache::data`.
#[derive(Clone, Copy, Debug)]
struct Record {
    path: (usize, usize),
    stamp: Stamp,
    /// Where its dependency indices (u32 each) start, and how many.
    deps: (usize, usize),
    /// Its diagnostics block.
    block: (usize, usize),
    /// Another record has the same path hash: never a hit.
    shared: bool,
}

/// An entry of the next cache file.
pub enum Entry<'a> {
    /// A hit of this run: the loaded record, copied (its dependencies renumbered).
    Kept(usize),
    /// A file linted in this run.
    New {
        path: &'a [u8],
        stamp: Stamp,
        /// From [`encode_diagnostics`].
        block: &'a [u8],
        deps: &'a [PathBuf],
    },
}

/// The index's keys are already hashes ([`hash_path`]).
type IndexHasher = BuildHasherDefault<Identity>;

#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Default)]
pub struct Cache {
    file: PathBuf,
    data: Vec<u8>,
    records: Vec<Record>,
    /// Hash of a record's path → its index.
    index: HashMap<u64, usize, IndexHasher>,
    /// Every dependency path of the cache file, and whether its recorded time still holds.
    deps: Vec<(PathBuf, bool)>,
    /// Whether hits with findings read their file again (reports that show source need it).
    pub need_text: bool,
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

/// This process's hash of a path's bytes, for the index.
fn hash_path(path: &[u8]) -> u64 {
    crate::fasthash::hash_bytes(path)
}

impl Cache {
    /// Load the cache of `key` under `root`; anything unreadable yields an empty cache.
    pub fn load(root: &Path, key: &str) -> Cache {
        let file = root.join(DIR).join(format!("{key}.cache"));
        let mut cache = Cache {
            file,
            need_text: true,
            ..Cache::default()
        };
        let Ok(data) = std::fs::read(&cache.file) else {
            return cache;
        };
        if let Some((deps, records)) = parse(&data) {
            cache.deps = deps
                .into_par_iter()
                .map(|(p, t)| {
                    let holds = dep_stamp(&p) == t;
                    (p, holds)
                })
                .collect();
            let mut records: Vec<Record> = records;
            let mut index: HashMap<u64, usize, IndexHasher> =
                HashMap::with_capacity_and_hasher(records.len(), IndexHasher::default());
            for i in 0..records.len() {
                let r = records[i].path;
                let h = hash_path(&data[r.0..r.1]);
                if let Some(&other) = index.get(&h) {
                    // Two records, one hash: neither is ever a hit, by hash or by position.
                    records[i].shared = true;
                    if let Some(o) = records.get_mut(other) {
                        o.shared = true;
                    }
                }
                index.insert(h, i);
            }
            cache.index = index;
            cache.records = records;
            cache.data = data;
        }
        cache
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record of `path` (see [`path_key`]), if its stamp and every dependency still match.
    /// `hint` is where the record probably is: records are written in the order of the files,
    /// so with an unchanged file list the k-th file is the k-th record, found without hashing
    /// (and the lookups of a run then read the cache's memory in order).
    pub fn lookup(&self, path: &[u8], stamp: Stamp, hint: usize) -> Option<usize> {
        let at_hint = self
            .records
            .get(hint)
            .is_some_and(|r| self.data.get(r.path.0..r.path.1) == Some(path));
        let i = if at_hint {
            hint
        } else {
            *self.index.get(&hash_path(path))?
        };
        let r = self.records.get(i)?;
        let holds = !r.shared
            && r.stamp == stamp
            && self.data.get(r.path.0..r.path.1) == Some(path)
            && self
                .record_deps(r)
                .all(|d| self.deps.get(d).is_some_and(|d| d.1));
        holds.then_some(i)
    }

    /// Whether a record has no diagnostics (without decoding them).
    pub fn is_clean(&self, record: usize) -> bool {
        self.records
            .get(record)
            .is_some_and(|r| read_u32(&self.data, r.block.0) == Some(0))
    }

    /// A record's diagnostics with their positions; `None` if the block does not decode (the
    /// file is then linted again).
    pub fn diagnostics(&self, record: usize) -> Option<Vec<Located>> {
        let r = self.records.get(record)?;
        decode_diagnostics(self.data.get(r.block.0..r.block.1)?)
    }

    /// The dependencies recorded for a record.
    pub fn deps_of(&self, record: usize) -> Vec<&Path> {
        self.records
            .get(record)
            .map(|r| {
                self.record_deps(r)
                    .filter_map(|i| self.deps.get(i))
                    .map(|d| d.0.as_path())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn record_deps<'a>(&'a self, r: &Record) -> impl Iterator<Item = usize> + 'a {
        let (start, n) = r.deps;
        (0..n).filter_map(move |k| read_u32(&self.data, start + 4 * k).map(|i| i as usize))
    }

    /// Write `entries` (atomically), with `table`'s paths and their current times (`times`, in
    /// the table's order). Kept entries' dependencies must already be in `table`. Failures
    /// are not errors: a cache is optional.
    pub fn save(&self, table: &mut DepTable, times: &[Option<u128>], entries: &[Entry]) {
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
        let mut out = Vec::with_capacity(self.data.len().max(entries.len() * 80) + 64);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, VERSION);
        put_u64(&mut out, 0); // the body length, filled in below
        put_len(&mut out, table.paths().len());
        for (i, p) in table.paths().iter().enumerate() {
            put_bytes(&mut out, &path_to_bytes(p));
            let t = times.get(i).copied().flatten();
            out.push(u8::from(t.is_some()));
            put_u128(&mut out, t.unwrap_or(0));
        }
        put_len(&mut out, entries.len());
        for e in entries {
            match *e {
                Entry::Kept(i) => {
                    let r = self.records[i];
                    let deps: Vec<u32> = self
                        .record_deps(&r)
                        .map(|d| table.intern(&self.deps[d].0))
                        .collect();
                    let block = &self.data[r.block.0..r.block.1];
                    put_record(
                        &mut out,
                        &self.data[r.path.0..r.path.1],
                        r.stamp,
                        &deps,
                        block,
                    );
                }
                Entry::New {
                    path,
                    stamp,
                    block,
                    deps,
                } => {
                    let deps: Vec<u32> = deps.iter().map(|d| table.intern(d)).collect();
                    put_record(&mut out, path, stamp, &deps, block);
                }
            }
        }
        let body = (out.len() - HEADER_LEN) as u64;
        out[MAGIC.len() + 4..HEADER_LEN].copy_from_slice(&body.to_le_bytes());
        out.extend_from_slice(TRAILER);
        if crate::fsutil::write_atomic(&self.file, &out).is_ok() {
            prune(dir, &self.file);
        }
    }
}

/// Cache files kept per folder: each key (options, config, schema, the day for date rules)
/// has its own file, so without a limit a daily run would add one a day.
const KEEP: usize = 4;

/// Remove all but the `KEEP` most recently written cache files (`just_written` always stays).
/// Errors are ignored: another run may be reading or removing the same files.
fn prune(dir: &Path, just_written: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cache") && p != just_written)
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (_, old) in files.into_iter().skip(KEEP - 1) {
        let _ = std::fs::remove_file(old);
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

fn put_record(out: &mut Vec<u8>, path: &[u8], stamp: Stamp, deps: &[u32], block: &[u8]) {
    put_bytes(out, path);
    put_u64(out, stamp.size);
    put_u128(out, stamp.mtime);
    put_len(out, deps.len());
    for &d in deps {
        put_u32(out, d);
    }
    put_bytes(out, block);
}

/// A file's diagnostics, with their positions, as stored in the cache.
pub fn encode_diagnostics(diagnostics: &[Located]) -> Vec<u8> {
    let mut out = Vec::new();
    put_len(&mut out, diagnostics.len());
    for l in diagnostics {
        let d = &l.diagnostic;
        put_bytes(&mut out, d.rule.as_bytes());
        out.push(match d.severity {
            Severity::Off => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        });
        for n in [
            d.span.start,
            d.span.end,
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
        ] {
            put_u64(&mut out, n as u64);
        }
        put_bytes(&mut out, d.message.as_bytes());
        for o in [&d.help, &d.note, &d.label] {
            out.push(u8::from(o.is_some()));
            put_bytes(&mut out, o.as_deref().unwrap_or("").as_bytes());
        }
        put_len(&mut out, d.labels.len());
        for label in &d.labels {
            put_u64(&mut out, label.span.start as u64);
            put_u64(&mut out, label.span.end as u64);
            put_bytes(&mut out, label.message.as_bytes());
        }
    }
    out
}

fn decode_diagnostics(block: &[u8]) -> Option<Vec<Located>> {
    let mut r = Reader { data: block, at: 0 };
    let n = r.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        let rule = crate::rules::info(r.str()?)?.id;
        let severity = match r.u8()? {
            0 => Severity::Off,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return None,
        };
        let mut nums = [0usize; 6];
        for n in &mut nums {
            *n = r.usize()?;
        }
        let message = r.str()?.to_string();
        let mut opts: [Option<String>; 3] = [None, None, None];
        for o in &mut opts {
            let some = r.u8()?;
            let text = r.str()?;
            *o = match some {
                0 => None,
                1 => Some(text.to_string()),
                _ => return None,
            };
        }
        let [help, note, label] = opts;
        let mut labels = Vec::new();
        for _ in 0..r.u32()? {
            let span = r.usize()?..r.usize()?;
            labels.push(Label {
                span,
                message: r.str()?.to_string(),
            });
        }
        let diagnostic = Diagnostic {
            rule,
            severity,
            message,
            help,
            note,
            span: nums[0]..nums[1],
            label,
            labels,
            fix: None,
        };
        out.push(Located {
            diagnostic,
            start: Position {
                line: nums[2],
                column: nums[3],
            },
            end: Position {
                line: nums[4],
                column: nums[5],
            },
        });
    }
    (r.at == block.len()).then_some(out)
}

type Parsed = (Vec<(PathBuf, Option<u128>)>, Vec<Record>);

/// Index a cache file; `None` for anything not written whole by this version.
fn parse(data: &[u8]) -> Option<Parsed> {
    let mut r = Reader { data, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let body = usize::try_from(r.u64()?).ok()?;
    if data.len() != HEADER_LEN.checked_add(body)?.checked_add(TRAILER.len())?
        || !data.ends_with(TRAILER)
    {
        return None;
    }
    r.data = &data[..HEADER_LEN + body];
    let ndeps = r.u32()? as usize;
    let mut deps = Vec::with_capacity(ndeps.min(body / 21));
    for _ in 0..ndeps {
        let path = bytes_to_path(r.bytes()?)?;
        let recorded = r.u8()?;
        let t = r.u128()?;
        let t = match recorded {
            0 => None,
            1 => Some(t),
            _ => return None,
        };
        deps.push((path, t));
    }
    let nfiles = r.u32()? as usize;
    let mut records = Vec::with_capacity(nfiles.min(body / 40));
    for _ in 0..nfiles {
        let len = r.u32()? as usize;
        let start = r.at;
        r.take(len)?;
        let path = (start, start + len);
        let stamp = Stamp {
            size: r.u64()?,
            mtime: r.u128()?,
        };
        let n = r.u32()? as usize;
        let deps_at = r.at;
        for _ in 0..n {
            if r.u32()? as usize >= deps.len() {
                return None;
            }
        }
        let len = r.u32()? as usize;
        let start = r.at;
        r.take(len)?;
        records.push(Record {
            path,
            stamp,
            deps: (deps_at, n),
            block: (start, start + len),
            shared: false,
        });
    }
    (r.at == r.data.len()).then_some((deps, records))
}

/// A bounds-checked cursor.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.data.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        data.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_u128(out: &mut Vec<u8>, n: u128) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// A count or length; anything past `u32::MAX` makes a file that fails to load (an empty
/// cache), never a wrong one.
fn put_len(out: &mut Vec<u8>, n: usize) {
    put_u32(out, u32::try_from(n).unwrap_or(u32::MAX));
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_len(out, b.len());
    out.extend_from_slice(b);
}

#[cfg(unix)]
fn path_to_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().into()
}

#[cfg(unix)]
fn bytes_to_path(b: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(std::ffi::OsStr::from_bytes(b).into())
}

/// Elsewhere dependency paths go through UTF-8 (a path that is not valid Unicode is then
/// recorded as another path, which never holds: its entries are simply linted again).
#[cfg(not(unix))]
fn path_to_bytes(p: &Path) -> std::borrow::Cow<'_, [u8]> {
    match p.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => s.as_bytes().into(),
        std::borrow::Cow::Owned(s) => s.into_bytes().into(),
    }
}

#[cfg(not(unix))]
fn bytes_to_path(b: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(b).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Located> {
        let d = Diagnostic::new(
            "syntax/duplicate-key",
            10..15,
            "duplicate key `标题`\twith tab",
        )
        .help("line one\nline two \\ backslash")
        .label("again")
        .with_label(0..3, "first");
        vec![Located {
            diagnostic: d,
            start: Position { line: 3, column: 1 },
            end: Position { line: 3, column: 6 },
        }]
    }

    const STAMP: Stamp = Stamp {
        size: 42,
        mtime: 1_700_000_000_123_456_789,
    };

    /// Save `files` (path, diagnostics, dependency paths) with dependency times `deps`.
    fn save(root: &Path, key: &str, deps: &[(&Path, Option<u128>)], files: &[(&str, &[PathBuf])]) {
        let mut table = DepTable::default();
        let times: Vec<Option<u128>> = deps
            .iter()
            .map(|(p, t)| {
                table.intern(p);
                *t
            })
            .collect();
        let block = encode_diagnostics(&sample());
        let entries: Vec<Entry> = files
            .iter()
            .map(|(p, d)| Entry::New {
                path: p.as_bytes(),
                stamp: STAMP,
                block: &block,
                deps: d,
            })
            .collect();
        Cache::load(root, key).save(&mut table, &times, &entries);
    }

    fn same(a: &[Located], b: &[Located]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(a, b)| a.diagnostic == b.diagnostic && a.start == b.start && a.end == b.end)
    }

    #[test]
    fn round_trip_and_dependency_validity() {
        let dir = tempfile::TempDir::new().unwrap();
        assert!(Cache::load(dir.path(), "k").is_empty());
        let real = dir.path().join("content");
        std::fs::create_dir(&real).unwrap();
        let gone = PathBuf::from("/no/such/dir");
        let real_time = dep_stamp(&real);
        save(
            dir.path(),
            "k",
            &[(&real, real_time), (&gone, Some(7))],
            &[
                ("content/新闻.md", std::slice::from_ref(&real)),
                ("b.md", &[real.clone(), gone.clone()]),
                ("c.md", &[]),
            ],
        );
        assert!(dir.path().join(DIR).join(".gitignore").is_file());
        let loaded = Cache::load(dir.path(), "k");
        assert_eq!(loaded.len(), 3);
        let hit = loaded
            .lookup("content/新闻.md".as_bytes(), STAMP, 0)
            .unwrap();
        assert!(same(&loaded.diagnostics(hit).unwrap(), &sample()));
        assert!(!loaded.is_clean(hit));
        assert_eq!(loaded.deps_of(hit), [real.as_path()]);
        assert!(loaded.lookup(b"c.md", STAMP, 0).is_some());
        // A dependency whose recorded time no longer holds invalidates the entry.
        assert!(loaded.lookup(b"b.md", STAMP, 2).is_none());
        let bigger = Stamp { size: 43, ..STAMP };
        assert!(
            loaded
                .lookup("content/新闻.md".as_bytes(), bigger, 0)
                .is_none()
        );
        assert!(loaded.lookup(b"content/other.md", STAMP, 0).is_none());
        assert!(
            Cache::load(dir.path(), "other-key")
                .lookup(b"c.md", STAMP, 0)
                .is_none()
        );
    }

    #[test]
    fn kept_entries_are_copied_with_their_dependencies_renumbered() {
        let dir = tempfile::TempDir::new().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        save(
            dir.path(),
            "k",
            &[(&a, dep_stamp(&a)), (&b, dep_stamp(&b))],
            &[("x.md", std::slice::from_ref(&b)), ("y.md", &[])],
        );
        let loaded = Cache::load(dir.path(), "k");
        let x = loaded.lookup(b"x.md", STAMP, 0).unwrap();
        // The next file keeps only x.md; its dependency `b` becomes index 0.
        let mut table = DepTable::default();
        for d in loaded.deps_of(x) {
            table.intern(d);
        }
        let times = vec![dep_stamp(&b)];
        loaded.save(&mut table, &times, &[Entry::Kept(x)]);
        let again = Cache::load(dir.path(), "k");
        assert_eq!(again.len(), 1);
        let x = again.lookup(b"x.md", STAMP, 7).unwrap();
        assert_eq!(again.deps_of(x), [b.as_path()]);
        assert!(same(&again.diagnostics(x).unwrap(), &sample()));
        assert!(again.lookup(b"y.md", STAMP, 0).is_none());
    }

    #[test]
    fn corrupt_truncated_or_foreign_files_are_ignored() {
        let dir = tempfile::TempDir::new().unwrap();
        save(dir.path(), "k", &[], &[("a.md", &[])]);
        let file = dir.path().join(DIR).join("k.cache");
        let bytes = std::fs::read(&file).unwrap();
        assert!(!Cache::load(dir.path(), "k").is_empty());
        let empty_with = |b: &[u8]| {
            std::fs::write(&file, b).unwrap();
            Cache::load(dir.path(), "k").is_empty()
        };
        // Every truncation, and every single flipped byte of the header and counts.
        for n in 0..bytes.len() {
            assert!(empty_with(&bytes[..n]), "truncated to {n} bytes");
        }
        assert!(empty_with(b"garbage\x00\x01"));
        assert!(
            empty_with(b"frontlint-cache 1\nF\ta.md\t1\t2\nend\n"),
            "the text format"
        );
        let mut other_version = bytes.clone();
        other_version[16] = 1;
        assert!(empty_with(&other_version));
        let mut longer = bytes.clone();
        longer.insert(HEADER_LEN, 0);
        assert!(empty_with(&longer));
        // Any byte flipped: never a panic, whatever is then found or not.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            std::fs::write(&file, &b).unwrap();
            let c = Cache::load(dir.path(), "k");
            if let Some(hit) = c.lookup(b"a.md", STAMP, 0) {
                let _ = c.diagnostics(hit);
                let _ = c.deps_of(hit);
            }
        }
        // An unknown rule id in a block fails that file's decoding only.
        let at = bytes
            .windows(20)
            .position(|w| w == b"syntax/duplicate-key")
            .unwrap();
        let mut b = bytes.clone();
        b[at..at + 20].copy_from_slice(b"syntax/no-such-rule!");
        std::fs::write(&file, &b).unwrap();
        let c = Cache::load(dir.path(), "k");
        let hit = c.lookup(b"a.md", STAMP, 0).unwrap();
        assert!(c.diagnostics(hit).is_none());
    }

    #[test]
    fn an_index_past_the_dependency_table_rejects_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut table = DepTable::default();
        // `times` and the table disagree: the dependency is interned after the table is
        // written, so its index is past the table on disk.
        let block = encode_diagnostics(&[]);
        let deps = [PathBuf::from("/x")];
        let entries = [Entry::New {
            path: b"a.md",
            stamp: STAMP,
            block: &block,
            deps: &deps,
        }];
        Cache::load(dir.path(), "k").save(&mut table, &[], &entries);
        assert!(dir.path().join(DIR).join("k.cache").is_file());
        assert!(Cache::load(dir.path(), "k").is_empty());
    }

    #[test]
    fn colliding_paths_are_never_hits() {
        let dir = tempfile::TempDir::new().unwrap();
        save(dir.path(), "k", &[], &[("a.md", &[]), ("a.md", &[])]);
        let c = Cache::load(dir.path(), "k");
        assert_eq!(c.len(), 2);
        assert!(c.lookup(b"a.md", STAMP, 0).is_none());
        assert!(c.lookup(b"a.md", STAMP, 1).is_none());
    }

    #[test]
    fn similar_paths_all_hit() {
        // Paths that differ in one byte anywhere must not share an index slot.
        let dir = tempfile::TempDir::new().unwrap();
        let names: Vec<String> = (0..3000)
            .map(|i| format!("content/posts/{}/{:04}-a.md", i % 13, i))
            .collect();
        let files: Vec<(&str, &[PathBuf])> = names.iter().map(|n| (n.as_str(), &[][..])).collect();
        save(dir.path(), "k", &[], &files);
        let c = Cache::load(dir.path(), "k");
        // Found at the hinted position, and by hash when the hint is wrong.
        for (i, n) in names.iter().enumerate() {
            assert_eq!(c.lookup(n.as_bytes(), STAMP, i), Some(i));
            assert_eq!(c.lookup(n.as_bytes(), STAMP, i + 1), Some(i));
        }
        let mut hashes: Vec<u64> = names.iter().map(|n| hash_path(n.as_bytes())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), names.len());
    }

    #[test]
    fn keys_are_stable() {
        assert_eq!(key(&[b"a", b"b"]), key(&[b"a", b"b"]));
        assert_ne!(key(&[b"ab"]), key(&[b"a", b"b"]));
    }
}
