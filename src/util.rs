//! Small helpers shared by modules on both sides of the pipeline (config, rules, reports,
//! the site model), so that none of them imports another only for these: edit distance for
//! "did you mean", lexical path normalisation, percent-encoding.

use std::path::{Path, PathBuf};

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// [`edit_distance`] when it is at most `max`, else `None`, in O(len × (2·max + 1)) steps: only
/// the band of the table within `max` of its diagonal can hold such a distance, and a row whose
/// band is all over `max` ends the search. "Did you mean" runs this against every name of a
/// folder for every broken link, so it must not cost the full table.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let over = max + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut cur = vec![over; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let lo = (i + 1).saturating_sub(max);
        let hi = (i + 1 + max).min(b.len());
        cur.fill(over);
        if lo == 0 {
            cur[0] = (i + 1).min(over);
        }
        let mut row_min = cur[0];
        for j in lo.max(1)..=hi {
            let v = (prev[j - 1] + usize::from(*ca != b[j - 1]))
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(over);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
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
pub fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
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
    String::from_utf8(out).map_or_else(|_| s.into(), Into::into)
}

/// An I/O error in the user's words: the system's message without Rust's ` (os error N)`.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(40) => {
            "too many levels of symbolic links (a symlink loop)".into()
        }
        // The system's words without Rust's ` (os error 21)` suffix.
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
        }
    }
}

/// A path that could name a file: no doubled slash inside, no control characters, no `\`.
pub fn plausible_path(p: &str) -> bool {
    !p.is_empty()
        && !p.trim_start_matches('/').contains("//")
        && !p
            .chars()
            .any(|c| c.is_control() || matches!(c, '\\' | '<' | '>' | '"' | '|'))
        && p.trim() == p
}

/// Whether a path's extension is `ext` (ASCII, any case), as `Path::extension` says, but from
/// the bytes of its end (`Path::extension` splits the path into components: the walk and the
/// lint ask for every file). A name that is only `.md` has no extension.
pub fn has_extension(path: &std::ffi::OsStr, ext: &str) -> bool {
    let b = path.as_encoded_bytes();
    let n = ext.len();
    b.len() > n + 1
        && b[b.len() - n - 1] == b'.'
        && b[b.len() - n..].eq_ignore_ascii_case(ext.as_bytes())
        && !std::path::is_separator(char::from(b[b.len() - n - 2]))
}

/// Whether a file name is Markdown (`.md`, `.mdx`, `.markdown`, any case).
pub fn is_markdown_name(name: &std::ffi::OsStr) -> bool {
    ["md", "mdx", "markdown"]
        .iter()
        .any(|ext| has_extension(name, ext))
}

/// A repository's own documents (`README.md`, `LICENSE.md`, `CONTRIBUTING.md`, `CHANGELOG.md`,
/// …): files for the people who work on the repository, not pages; they need no front matter.
pub fn is_repository_doc(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README"
            | "LICENSE"
            | "LICENCE"
            | "CONTRIBUTING"
            | "CHANGELOG"
            | "HISTORY"
            | "CODE_OF_CONDUCT"
            | "SECURITY"
            | "AUTHORS"
            | "SUPPORT"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banded_distance_agrees_with_the_full_table() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "kitten",
            "sitting",
            "标题",
            "标",
            "标题党",
            "getting-started",
            "getting_started",
            "gettingstarted",
            "intro.md",
            "introduction.md",
            "日本語のページ",
            "日本語ページ",
            "zzzzzzzzzz",
        ];
        for a in words {
            for b in words {
                let full = edit_distance(a, b);
                for max in 0..6 {
                    let want = (full <= max).then_some(full);
                    assert_eq!(edit_distance_within(a, b, max), want, "{a:?} {b:?} {max}");
                }
            }
        }
    }
}
