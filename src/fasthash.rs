//! One fast 64-bit hash for this process's own tables (rule ids, paths, header keys, the cache
//! index): eight bytes at a time, then a finaliser so that every input bit reaches the low bits
//! a table indexes by. Not DoS-resistant and not stable across versions: never stored on disk.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap<K, V, FastBuild>`: the standard map with [`FastHasher`].
pub type FastBuild = BuildHasherDefault<FastHasher>;

#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ hash_bytes(bytes)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash of a byte string.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, c: &[u8]| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K)
    };
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, c);
    }
    if !chunks.remainder().is_empty() {
        h = mix(h, chunks.remainder());
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}
