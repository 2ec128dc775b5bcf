//! The remote result cache: `.frontlint_cache/remote.json` at the site root, separate from the
//! file cache (whose entries depend on files, not on time). Each URL's result is kept for
//! `cache-ttl` when it was good and `cache-ttl-broken` when it was not, so a link that broke
//! is asked again sooner. Written atomically; holds URLs and results only (never the headers
//! sent).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::check::{Checked, Mode, Verdict};

pub const FILE: &str = "remote.json";
const VERSION: u32 = 1;
/// A cache file larger than this is not read (it is rewritten).
const MAX_BYTES: u64 = 64 << 20;

#[derive(Serialize, Deserialize)]
struct OnDisk {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    url: String,
    mode: Mode,
    /// When it was checked, in seconds since the Unix epoch.
    at: i64,
    result: Checked,
}

pub struct RemoteCache {
    file: PathBuf,
    entries: HashMap<String, Entry>,
    changed: bool,
}

impl RemoteCache {
    /// The cache of the site at `root`; `None` when the cache folder cannot be used (a warning
    /// is printed by the file cache for the same folder).
    pub fn open(root: &Path) -> Option<RemoteCache> {
        let dir = root.join(crate::cache::DIR);
        crate::cache::check_dir(&dir, true).ok()?;
        let file = dir.join(FILE);
        let mut entries = HashMap::new();
        let plain = std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
        if plain {
            if let Ok(bytes) = crate::lint::read_regular(&file, MAX_BYTES) {
                if let Ok(d) = serde_json::from_slice::<OnDisk>(&bytes) {
                    if d.version == VERSION {
                        for e in d.entries {
                            entries.insert(e.url.clone(), e);
                        }
                    }
                }
            }
        }
        Some(RemoteCache {
            file,
            entries,
            changed: false,
        })
    }

    /// A result still fresh at `now` that answers `mode` (an image check answers "alive" too).
    pub fn get(
        &self,
        url: &str,
        mode: Mode,
        now: i64,
        options: &super::Options,
    ) -> Option<&Checked> {
        let e = self.entries.get(url)?;
        if mode == Mode::Image && e.mode != Mode::Image {
            return None;
        }
        let ttl = match e.result.verdict {
            Verdict::Ok => options.cache_ttl,
            Verdict::Broken | Verdict::NotImage => options.cache_ttl_broken,
        };
        let age = now.saturating_sub(e.at);
        (age >= 0 && (age as u64) < ttl.as_secs()).then_some(&e.result)
    }

    pub fn put(&mut self, url: &str, mode: Mode, now: i64, result: &Checked) {
        self.entries.insert(
            url.to_string(),
            Entry {
                url: url.to_string(),
                mode,
                at: now,
                result: result.clone(),
            },
        );
        self.changed = true;
    }

    /// Write the cache (when something changed), dropping entries older than the longest TTL.
    pub fn save(self, now: i64, options: &super::Options) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let keep = options.cache_ttl.max(options.cache_ttl_broken).as_secs() as i64;
        let mut entries: Vec<Entry> = self
            .entries
            .into_values()
            .filter(|e| now.saturating_sub(e.at) < keep)
            .collect();
        entries.sort_by(|a, b| a.url.cmp(&b.url));
        let bytes = serde_json::to_vec(&OnDisk {
            version: VERSION,
            entries,
        })
        .map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(&self.file, &bytes)
    }
}
