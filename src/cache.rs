//! The result cache, like ruff's: per file, the diagnostics of the last run, keyed by the file's
//! path relative to the site root, its size and its modification time, under a key that hashes
//! everything else that affects results (frontlint's version, the config file, every schema file
//! read, `$ref`s included, the command-line rule options). Results that depend on other files
//! (link targets, anchors in other pages) also record those folders' and files' modification
//! times, so a target added, removed or edited invalidates them; results of the date rules record
//! the span of "now" in which they hold (`date/future` and `date/expired` flip at an instant).
//!
//! Stored under `.frontlint_cache/` at the site root (a `.gitignore` inside ignores it), one
//! file per key, written atomically (temporary file + rename): two runs at once never read a
//! half-written cache, and a corrupted, truncated or foreign file is ignored and rewritten.
//! The folder is used only when it is a real folder (not a symbolic link) owned by the user
//! running frontlint; nothing in it is ever followed through a symbolic link.
//!
//! A stamp (or a dependency's time) is recorded only when it is older than the start of the run
//! as the file system's clock tells it (a file created in the cache folder when it is opened):
//! a file modified during the run, or within the clock's granularity of the run, may change
//! again later with the same size and time, so its result is not kept (git's "racy clean").
//!
//! The file is binary and length-prefixed, so loading it is one read and one pass that indexes
//! the records; a file's diagnostics are decoded only when it is a hit, and they carry their
//! line and column, so reports that show no source (`concise`, `json`…) need not read the file.
//!
//! ```text
//! header   "frontlint-cache\0" (16 bytes), version u32, body length u64
//! body     deps u32, per dependency: path bytes, recorded u8, mtime u128
//!          checksum u64 of the dependency table
//!          files u32, per file: record bytes, checksum u64 of the record
//!            record: path bytes, size u64, mtime u128, window flags u8, [from i128],
//!                    [until i128], deps u32 × u32, diagnostics block (bytes, decoded on a hit)
//! trailer  "\nend\n"
//! ```
//!
//! Integers are little-endian; "bytes" is a u32 length and the bytes. Dependency paths are
//! relative to the site root when they are inside it. Everything is bounds-checked and every
//! record checksummed: a bad file is an empty cache, a bad record a miss, never a panic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::document::NowWindow;
use crate::report::Located;
use crate::source::Position;

pub const DIR: &str = ".frontlint_cache";
const MAGIC: &[u8; 16] = b"frontlint-cache\0";
const VERSION: u32 = 5;
/// A cache file larger than this is not read (a real one holds about 100 bytes per file).
const MAX_CACHE_BYTES: u64 = 1 << 30;
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

/// The bytes a file is keyed by: its path relative to the site root, as the OS spells it (no
/// UTF-8 check, no lossy conversion, so two paths never share a key).
pub fn path_key(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A stable checksum of a record (not `fasthash`, which may change between builds: a changed
/// checksum would only turn hits into misses, but a fixed one keeps them).
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let mut h = (bytes.len() as u64) ^ u64::from(VERSION);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or_default()));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = mix(h, u64::from_le_bytes(last));
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// One file's record in the loaded cache file: offsets into `Cache::data`.
#[derive(Clone, Copy, Debug)]
struct Record {
    path: (usize, usize),
    stamp: Stamp,
    window: NowWindow,
    /// Where its dependency indices (u32 each) start, and how many.
    deps: (usize, usize),
    /// Its diagnostics block.
    block: (usize, usize),
    /// The bytes its checksum covers, and the checksum (checked on lookup).
    whole: (usize, usize),
    sum: u64,
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
        window: NowWindow,
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
    /// Every dependency path of the cache file (as stored), and whether its recorded time
    /// still holds.
    deps: Vec<(PathBuf, bool)>,
    /// Whether hits with findings read their file again (reports that show source need it).
    pub need_text: bool,
    /// The site root (absolute, normalised) and the current folder: files are keyed, and
    /// dependencies stored, relative to the root.
    root: PathBuf,
    cwd: PathBuf,
    /// "Now" for the date rules, in nanoseconds.
    now: i128,
    /// The start of the run by the file system's clock: only older stamps are recorded.
    /// `None` when the cache folder is not writable (the cache is then only read).
    clock: Option<u128>,
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

/// Why the cache folder is not used.
#[derive(Debug)]
pub struct Unusable(pub String);

/// Check the cache folder under `root`, creating it when missing (`Ok(false)`: missing, and not
/// created): it must be a folder, not a symbolic link, owned by the user running frontlint (a
/// folder planted by someone else, or a link to elsewhere, is never read, written or emptied).
pub(crate) fn check_dir(dir: &Path, create: bool) -> Result<bool, Unusable> {
    let shown = || dir.display().to_string().escape_debug().to_string();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !create {
                return Ok(false);
            }
            match std::fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // Created by another run meanwhile: check what is there now.
                    return check_dir(dir, false);
                }
                // A read-only tree: no cache, silently, as with `--no-cache`.
                Err(_) => return Ok(false),
            }
            let _ = crate::fsutil::write_atomic(
                &dir.join(".gitignore"),
                b"# Created by frontlint.\n*\n",
            );
            Ok(true)
        }
        Err(e) => Err(Unusable(format!("cannot read {}: {e}", shown()))),
        Ok(meta) if meta.file_type().is_symlink() => Err(Unusable(format!(
            "{} is a symbolic link, not a folder",
            shown()
        ))),
        Ok(meta) if !meta.is_dir() => Err(Unusable(format!("{} is not a folder", shown()))),
        Ok(meta) => {
            if !owned_by_me(&meta) {
                return Err(Unusable(format!("{} is owned by another user", shown())));
            }
            Ok(true)
        }
    }
}

#[cfg(unix)]
fn owned_by_me(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_me(_: &std::fs::Metadata) -> bool {
    true
}

/// The file system's "now": the modification time of a file created in `dir` (then removed).
fn fs_clock(dir: &Path) -> Option<u128> {
    for attempt in 0..100 {
        let probe = dir.join(format!(".clock-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
        {
            Ok(f) => {
                let t = f
                    .metadata()
                    .ok()
                    .and_then(|m| Stamp::of(&m))
                    .map(|s| s.mtime);
                let _ = std::fs::remove_file(&probe);
                return t;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => return None,
        }
    }
    None
}

/// Read a cache file: a regular file (never through a symbolic link), of bounded size.
fn read_cache_file(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_CACHE_BYTES {
        return None;
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_CACHE_BYTES).read_to_end(&mut data).ok()?;
    Some(data)
}

impl Cache {
    /// Open the cache of `key` under the site root `root` (relative paths are relative to
    /// `cwd`), for a run at `now` (nanoseconds). An unusable cache folder is an error to warn
    /// about (the run goes on without cache); a missing, unreadable or corrupt cache file is an
    /// empty cache.
    pub fn open(root: &Path, cwd: &Path, key: &str, now: i128) -> Result<Cache, Unusable> {
        let root = crate::util::normalize(&cwd.join(root));
        let dir = root.join(DIR);
        let exists = check_dir(&dir, true)?;
        let mut cache = Cache::load_file(dir.join(format!("{key}.cache")), &root, cwd, now);
        if exists {
            cache.clock = fs_clock(&dir);
        }
        Ok(cache)
    }

    /// Load a cache file; anything unreadable yields an empty cache.
    fn load_file(file: PathBuf, root: &Path, cwd: &Path, now: i128) -> Cache {
        let mut cache = Cache {
            file,
            need_text: true,
            root: root.to_path_buf(),
            cwd: cwd.to_path_buf(),
            now,
            ..Cache::default()
        };
        let Some(data) = read_cache_file(&cache.file) else {
            return cache;
        };
        if let Some((deps, records)) = parse(&data) {
            let root = &cache.root;
            cache.deps = deps
                .into_par_iter()
                .map(|(p, t)| {
                    let holds = dep_stamp(&root.join(&p)) == t;
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

    /// The key of a file (relative to the current folder, or absolute): its path relative to
    /// the site root, `None` outside it (such files are not cached: rules may read their path
    /// as given).
    pub fn key_of(&self, path: &Path) -> Option<PathBuf> {
        let abs = crate::util::normalize(&self.cwd.join(path));
        let rel = abs.strip_prefix(&self.root).ok()?;
        (!rel.as_os_str().is_empty()).then(|| rel.to_path_buf())
    }

    /// A dependency as stored: relative to the site root when inside it, else absolute.
    fn dep_key(&self, path: &Path) -> PathBuf {
        let abs = crate::util::normalize(&self.cwd.join(path));
        match abs.strip_prefix(&self.root) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
            _ => abs,
        }
    }

    /// Whether a file or dependency time can be recorded: it is older than the run's start by
    /// the file system's clock (so any later change gives it another time).
    pub fn settled(&self, mtime: u128) -> bool {
        self.clock.is_some_and(|c| mtime < c)
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
            && r.window.holds(self.now)
            && self
                .data
                .get(r.whole.0..r.whole.1)
                .is_some_and(|b| checksum(b) == r.sum)
            && self
                .record_deps(r)
                .all(|d| self.deps.get(d).is_some_and(|d| d.1));
        holds.then_some(i)
    }

    /// Whether a record has no diagnostics (without decoding them).
    pub fn is_clean(&self, record: usize) -> bool {
        self.records
            .get(record)
            // The block starts with the length of its diagnostics part, then their count.
            .is_some_and(|r| read_u32(&self.data, r.block.0 + 4) == Some(0))
    }

    /// A record's diagnostics with their positions; `None` if the block does not decode (the
    /// file is then linted again).
    pub fn diagnostics(&self, record: usize) -> Option<Vec<Located>> {
        let r = self.records.get(record)?;
        decode_diagnostics(split_block(self.data.get(r.block.0..r.block.1)?)?.0)
    }

    /// A record's page facts, when it has them (`None` also when they do not decode).
    pub fn facts(&self, record: usize) -> Option<crate::site::PageFacts> {
        let r = self.records.get(record)?;
        let facts = split_block(self.data.get(r.block.0..r.block.1)?)?.1;
        if facts.is_empty() {
            return None;
        }
        crate::site::PageFacts::decode(facts)
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

    /// The dependency table's paths as stored (see [`Cache::dep_key`]) for the paths rules
    /// recorded, and their current times, recorded only when settled (older than the run).
    pub fn dep_times(&self, table: &DepTable) -> Vec<Option<u128>> {
        table
            .paths()
            .par_iter()
            .map(|p| dep_stamp(&self.root.join(p)).filter(|&t| self.settled(t)))
            .collect()
    }

    /// Intern a dependency path recorded by a rule (relative to the current folder).
    pub fn intern_dep(&self, table: &mut DepTable, path: &Path) -> u32 {
        table.intern(&self.dep_key(path))
    }

    /// Write `entries` (atomically), with `table`'s paths and their current times (`times`, in
    /// the table's order). Kept entries' dependencies must already be in `table`. Failures
    /// are not errors: a cache is optional. Nothing is written when the folder is not writable.
    pub fn save(&self, table: &mut DepTable, times: &[Option<u128>], entries: &[Entry]) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if self.clock.is_none() || check_dir(dir, false).ok() != Some(true) {
            return;
        }
        let mut out = Vec::with_capacity(self.data.len().max(entries.len() * 80) + 64);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, VERSION);
        put_u64(&mut out, 0); // the body length, filled in below
        let table_start = out.len();
        put_len(&mut out, table.paths().len());
        for (i, p) in table.paths().iter().enumerate() {
            put_bytes(&mut out, &path_to_bytes(p));
            let t = times.get(i).copied().flatten();
            out.push(u8::from(t.is_some()));
            put_u128(&mut out, t.unwrap_or(0));
        }
        let sum = checksum(&out[table_start..]);
        put_u64(&mut out, sum);
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
                        r.window,
                        &deps,
                        block,
                    );
                }
                Entry::New {
                    path,
                    stamp,
                    window,
                    block,
                    deps,
                } => {
                    let deps: Vec<u32> = deps.iter().map(|d| self.intern_dep(table, d)).collect();
                    put_record(&mut out, path, stamp, window, &deps, block);
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
/// Only regular files named `*.cache` directly in the folder are removed: a symbolic link or a
/// folder there is left alone (and never followed). Errors are ignored: another run may be
/// reading or removing the same files.
fn prune(dir: &Path, just_written: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cache") && p != just_written)
        .filter_map(|p| {
            let meta = std::fs::symlink_metadata(&p).ok()?;
            meta.file_type()
                .is_file()
                .then_some((meta.modified().ok()?, p))
        })
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (_, old) in files.into_iter().skip(KEEP - 1) {
        let _ = std::fs::remove_file(old);
    }
}

/// Remove the cache folder under `root`: `Ok(false)` when there is none. A symbolic link, a
/// file, or a folder owned by another user is refused (nothing is removed); inside the folder
/// symbolic links are removed, never followed.
pub fn clean(root: &Path) -> Result<bool, Unusable> {
    let dir = root.join(DIR);
    if !check_dir(&dir, false)? {
        return Ok(false);
    }
    std::fs::remove_dir_all(&dir).map_err(|e| {
        Unusable(format!(
            "cannot remove {}: {e}",
            dir.display().to_string().escape_debug()
        ))
    })?;
    Ok(true)
}

fn put_record(
    out: &mut Vec<u8>,
    path: &[u8],
    stamp: Stamp,
    window: NowWindow,
    deps: &[u32],
    block: &[u8],
) {
    let start = out.len();
    put_bytes(out, path);
    put_u64(out, stamp.size);
    put_u128(out, stamp.mtime);
    out.push(u8::from(window.from.is_some()) | u8::from(window.until.is_some()) << 1);
    for t in [window.from, window.until].into_iter().flatten() {
        out.extend_from_slice(&t.to_le_bytes());
    }
    put_len(out, deps.len());
    for &d in deps {
        put_u32(out, d);
    }
    put_bytes(out, block);
    let sum = checksum(&out[start..]);
    put_u64(out, sum);
}

/// A record's block: its diagnostics part and its facts part (empty without facts).
fn split_block(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = read_u32(block, 0)? as usize;
    let diagnostics = block.get(4..4usize.checked_add(n)?)?;
    Some((diagnostics, &block[4 + n..]))
}

/// A file's block: its diagnostics ([`encode_diagnostics`]) and page facts.
pub fn encode_block(diagnostics: &[Located], facts: Option<&crate::site::PageFacts>) -> Vec<u8> {
    let d = encode_diagnostics(diagnostics);
    let mut out = Vec::with_capacity(d.len() + 8);
    put_len(&mut out, d.len());
    out.extend_from_slice(&d);
    if let Some(f) = facts {
        f.encode(&mut out);
    }
    out
}

/// A file's diagnostics, with their positions, as stored in the cache.
pub fn encode_diagnostics(diagnostics: &[Located]) -> Vec<u8> {
    let mut out = Vec::new();
    put_len(&mut out, diagnostics.len());
    for l in diagnostics {
        let d = &l.diagnostic;
        put_bytes(&mut out, d.rule.as_bytes());
        // The severity, and whether the diagnostic is fixable (2: safe, 1: unsafe), which
        // `--statistics` and the summary count; the edits are made again by `--fix`.
        let severity: u8 = match d.severity {
            Severity::Off => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        };
        let fixable: u8 = d.fix.as_ref().map_or(0, |f| if f.safe { 2 } else { 1 });
        out.push(severity | fixable << 2);
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
        let byte = r.u8()?;
        let severity = match byte & 3 {
            0 => Severity::Off,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return None,
        };
        // Fixable or not, without the edits (`--fix` lints the file again to make them).
        let fix = match byte >> 2 {
            0 => None,
            safe @ (1 | 2) => Some(crate::diagnostic::Fix {
                edits: Vec::new(),
                safe: safe == 2,
                changes: Vec::new(),
            }),
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
            fix,
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
    let table_start = r.at;
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
    // A damaged table could make a dependency look unchanged: the whole file is refused.
    if checksum(&data[table_start..r.at]) != r.u64()? {
        return None;
    }
    let nfiles = r.u32()? as usize;
    let mut records = Vec::with_capacity(nfiles.min(body / 40));
    for _ in 0..nfiles {
        let record = record(&mut r, deps.len())?;
        records.push(record);
    }
    (r.at == r.data.len()).then_some((deps, records))
}

/// One record and its checksum (checked on lookup: a damaged record is a miss).
fn record(r: &mut Reader, ndeps: usize) -> Option<Record> {
    let whole_start = r.at;
    let len = r.u32()? as usize;
    let start = r.at;
    r.take(len)?;
    let path = (start, start + len);
    let stamp = Stamp {
        size: r.u64()?,
        mtime: r.u128()?,
    };
    let flags = r.u8()?;
    if flags > 3 {
        return None;
    }
    let mut bound = |bit: u8| -> Option<Option<i128>> {
        if flags & bit == 0 {
            return Some(None);
        }
        Some(Some(i128::from_le_bytes(r.take(16)?.try_into().ok()?)))
    };
    let window = NowWindow {
        from: bound(1)?,
        until: bound(2)?,
    };
    let n = r.u32()? as usize;
    let deps_at = r.at;
    for _ in 0..n {
        if r.u32()? as usize >= ndeps {
            return None;
        }
    }
    let len = r.u32()? as usize;
    let start = r.at;
    r.take(len)?;
    let whole = (whole_start, r.at);
    let sum = r.u64()?;
    Some(Record {
        path,
        stamp,
        window,
        deps: (deps_at, n),
        block: (start, start + len),
        whole,
        sum,
        shared: false,
    })
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

    /// The cache of `key` under `root`, for a run at time 0.
    fn load(root: &Path, key: &str) -> Cache {
        Cache::open(root, root, key, 0).unwrap()
    }

    const STAMP: Stamp = Stamp {
        size: 42,
        mtime: 1_700_000_000_123_456_789,
    };

    /// Save `files` (path, diagnostics, dependency paths) with dependency times `deps`.
    fn save(root: &Path, key: &str, deps: &[(&Path, Option<u128>)], files: &[(&str, &[PathBuf])]) {
        let cache = load(root, key);
        let mut table = DepTable::default();
        let times: Vec<Option<u128>> = deps
            .iter()
            .map(|(p, t)| {
                cache.intern_dep(&mut table, p);
                *t
            })
            .collect();
        let block = encode_block(&sample(), None);
        let entries: Vec<Entry> = files
            .iter()
            .map(|(p, d)| Entry::New {
                path: p.as_bytes(),
                stamp: STAMP,
                window: NowWindow::default(),
                block: &block,
                deps: d,
            })
            .collect();
        cache.save(&mut table, &times, &entries);
    }

    fn same(a: &[Located], b: &[Located]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(a, b)| a.diagnostic == b.diagnostic && a.start == b.start && a.end == b.end)
    }

    fn test_fix(range: std::ops::Range<usize>, text: &str, safe: bool) -> crate::diagnostic::Fix {
        crate::diagnostic::Fix {
            edits: vec![crate::diagnostic::Edit {
                range,
                replacement: text.to_string(),
            }],
            safe,
            changes: Vec::new(),
        }
    }

    #[test]
    fn fixability_survives_the_cache() {
        let mut located = sample();
        located.push(Located {
            diagnostic: Diagnostic::new("summary/mismatch", 1..2, "m").fix(test_fix(
                1..2,
                "x",
                false,
            )),
            ..sample().remove(0)
        });
        located[0].diagnostic.fix = Some(test_fix(10..15, "y", true));
        let back = decode_diagnostics(&encode_diagnostics(&located)).unwrap();
        let fixes: Vec<Option<bool>> = back
            .iter()
            .map(|l| l.diagnostic.fix.as_ref().map(|f| f.safe))
            .collect();
        assert_eq!(fixes, [Some(true), Some(false)]);
        let back = decode_diagnostics(&encode_diagnostics(&sample())).unwrap();
        assert!(back[0].diagnostic.fix.is_none());
    }

    #[test]
    fn round_trip_and_dependency_validity() {
        let dir = tempfile::TempDir::new().unwrap();
        assert!(load(dir.path(), "k").is_empty());
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
        let loaded = load(dir.path(), "k");
        assert_eq!(loaded.len(), 3);
        let hit = loaded
            .lookup("content/新闻.md".as_bytes(), STAMP, 0)
            .unwrap();
        assert!(same(&loaded.diagnostics(hit).unwrap(), &sample()));
        assert!(!loaded.is_clean(hit));
        // Stored relative to the site root.
        assert_eq!(loaded.deps_of(hit), [Path::new("content")]);
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
            load(dir.path(), "other-key")
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
        let loaded = load(dir.path(), "k");
        let x = loaded.lookup(b"x.md", STAMP, 0).unwrap();
        // The next file keeps only x.md; its dependency `b` becomes index 0.
        let mut table = DepTable::default();
        for d in loaded.deps_of(x) {
            table.intern(d);
        }
        let times = vec![dep_stamp(&b)];
        loaded.save(&mut table, &times, &[Entry::Kept(x)]);
        let again = load(dir.path(), "k");
        assert_eq!(again.len(), 1);
        let x = again.lookup(b"x.md", STAMP, 7).unwrap();
        assert_eq!(again.deps_of(x), [Path::new("b")]);
        assert!(same(&again.diagnostics(x).unwrap(), &sample()));
        assert!(again.lookup(b"y.md", STAMP, 0).is_none());
    }

    #[test]
    fn corrupt_truncated_or_foreign_files_are_ignored() {
        let dir = tempfile::TempDir::new().unwrap();
        save(dir.path(), "k", &[], &[("a.md", &[])]);
        let file = dir.path().join(DIR).join("k.cache");
        let bytes = std::fs::read(&file).unwrap();
        assert!(!load(dir.path(), "k").is_empty());
        let empty_with = |b: &[u8]| {
            std::fs::write(&file, b).unwrap();
            load(dir.path(), "k").is_empty()
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
        // Any byte flipped, anywhere (a count, the dependency table, the record's path, stamp,
        // window, diagnostics or checksum): never a panic, and never a hit. Before records had
        // checksums, a flip in a message or a position was served as the file's result.
        for i in 0..bytes.len() {
            for flip in [0x01, 0x5a, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                std::fs::write(&file, &b).unwrap();
                let c = load(dir.path(), "k");
                assert!(
                    c.lookup(b"a.md", STAMP, 0).is_none(),
                    "byte {i} ^ {flip:#x} was a hit"
                );
            }
        }
    }

    #[test]
    fn a_block_that_does_not_decode_is_linted_again() {
        // An unknown rule id (a rule of another build) in a block with a good checksum fails
        // that file's decoding only.
        let dir = tempfile::TempDir::new().unwrap();
        let mut block = encode_diagnostics(&sample());
        let at = block
            .windows(20)
            .position(|w| w == b"syntax/duplicate-key")
            .unwrap();
        block[at..at + 20].copy_from_slice(b"syntax/no-such-rule!");
        let entries = [Entry::New {
            path: b"a.md",
            stamp: STAMP,
            window: NowWindow::default(),
            block: &block,
            deps: &[],
        }];
        load(dir.path(), "k").save(&mut DepTable::default(), &[], &entries);
        let c = load(dir.path(), "k");
        let hit = c.lookup(b"a.md", STAMP, 0).unwrap();
        assert!(c.diagnostics(hit).is_none());
    }

    #[test]
    fn a_result_holds_only_in_its_window_of_now() {
        let dir = tempfile::TempDir::new().unwrap();
        let block = encode_diagnostics(&sample());
        let window = NowWindow {
            from: Some(-5),
            until: Some(1_000),
        };
        let entries = [Entry::New {
            path: "content/标题.md".as_bytes(),
            stamp: STAMP,
            window,
            block: &block,
            deps: &[],
        }];
        load(dir.path(), "k").save(&mut DepTable::default(), &[], &entries);
        let at = |now: i128| {
            Cache::open(dir.path(), dir.path(), "k", now)
                .unwrap()
                .lookup("content/标题.md".as_bytes(), STAMP, 0)
                .is_some()
        };
        assert!(at(-5) && at(0) && at(999));
        assert!(
            !at(-6),
            "now moved back before the earliest instant compared"
        );
        assert!(!at(1_000), "now reached a date's instant");
        assert!(!at(i128::MAX));
    }

    #[test]
    fn an_index_past_the_dependency_table_rejects_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut table = DepTable::default();
        // `times` and the table disagree: the dependency is interned after the table is
        // written, so its index is past the table on disk.
        let block = encode_block(&[], None);
        let deps = [PathBuf::from("/x")];
        let entries = [Entry::New {
            path: b"a.md",
            stamp: STAMP,
            window: NowWindow::default(),
            block: &block,
            deps: &deps,
        }];
        load(dir.path(), "k").save(&mut table, &[], &entries);
        assert!(dir.path().join(DIR).join("k.cache").is_file());
        assert!(load(dir.path(), "k").is_empty());
    }

    #[test]
    fn colliding_paths_are_never_hits() {
        let dir = tempfile::TempDir::new().unwrap();
        save(dir.path(), "k", &[], &[("a.md", &[]), ("a.md", &[])]);
        let c = load(dir.path(), "k");
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
        let c = load(dir.path(), "k");
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
