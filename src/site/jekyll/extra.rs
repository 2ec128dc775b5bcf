//! Pages frontlint does not lint but Jekyll builds: `.html` (and `.xml`, `.txt`, `.scss`, …)
//! files with front matter, and Markdown with an extension outside frontlint's walk. Links point
//! at them (`/ar/` is `index_ar.html` on brew.sh), so they join the page map: their header
//! values and the `id`/`name` attributes of their HTML are read here, once per run.

use std::path::Path;

use super::super::facts::{self, PageFacts};

/// Most files looked at; a bigger tree is read up to this many.
const MAX_FILES: usize = 200_000;
/// Largest file read for its header and ids.
const MAX_BYTES: u64 = 4 << 20;
/// Deepest folder walked.
const MAX_DEPTH: usize = 64;

/// Extensions frontlint lints (its walk gives their facts).
const LINTED: [&str; 3] = ["md", "markdown", "mdx"];

/// Binary formats, never opened (Jekyll would read their first line, which is never `---`).
const BINARY: [&str; 24] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "woff", "woff2",
    "ttf", "otf", "eot", "pdf", "zip", "gz", "tgz", "mp4", "webm", "mp3", "wasm", "psd",
];

/// Every file under `root` that `wanted` accepts (a site path; `true` for a folder means
/// "look inside"), never through a symbolic link.
pub fn files(root: &Path, wanted: &dyn Fn(&str, bool) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, usize)> = vec![(String::new(), 0)];
    let mut seen = 0usize;
    while let Some((dir, depth)) = stack.pop() {
        let path = if dir.is_empty() {
            root.to_path_buf()
        } else {
            root.join(&dir)
        };
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            seen += 1;
            if seen > MAX_FILES {
                return out;
            }
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            let Ok(kind) = e.file_type() else { continue };
            let rel = if dir.is_empty() {
                name.clone()
            } else {
                format!("{dir}/{name}")
            };
            if kind.is_dir() {
                if depth < MAX_DEPTH && wanted(&rel, true) {
                    stack.push((rel, depth + 1));
                }
            } else if kind.is_file() {
                let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
                if ext
                    .as_deref()
                    .is_some_and(|e| LINTED.contains(&e) || BINARY.contains(&e))
                {
                    continue;
                }
                if wanted(&rel, false) {
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    out
}

/// Jekyll's `has_yaml_header?`: the first line is `---`, then optional white space.
pub fn has_yaml_header(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"---") else {
        return false;
    };
    for &b in rest {
        match b {
            b'\n' => return true,
            b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c' => {}
            _ => return false,
        }
    }
    false
}

/// The front matter as Jekyll finds it (`YAML_FRONT_MATTER_REGEXP`: `---` line, then up to a
/// line of `---` or `...`): the header's byte range and where the body starts.
pub fn split(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    if !has_yaml_header(text.as_bytes()) {
        return None;
    }
    let header_start = text.find('\n')? + 1;
    let mut pos = header_start;
    for line in text[header_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some((header_start..pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// Read one file's facts: its header values for `keys` and its HTML ids. `None` when it has no
/// front matter (Jekyll copies it as is) or cannot be read.
pub fn read(root: &Path, rel: &str, keys: &[&str]) -> Option<PageFacts> {
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    // The first line decides (`has_yaml_header?`): only files with a header are read whole.
    let mut head = [0u8; 256];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(&path).ok()?;
        let mut n = 0;
        while n < head.len() {
            match f.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(_) => return None,
            }
        }
        n
    };
    if !has_yaml_header(&head[..n]) {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    if !has_yaml_header(&bytes) {
        return None;
    }
    let text = String::from_utf8_lossy(&bytes);
    let (header, body_start) = split(&text)?;
    let fm = crate::split::FrontMatter {
        format: crate::split::Format::Yaml,
        open: 0..header.start,
        content: header.clone(),
        body_start,
    };
    let parsed = crate::parse::parse(&text, &fm);
    let mut out = PageFacts::new(true, true);
    if let Some(root) = parsed.root.as_ref() {
        for key in keys {
            if let Some(node) = facts::lookup(root, key) {
                out.fields.push(facts::Field {
                    key: (*key).to_string(),
                    value: facts::field_value(&text, node),
                    span: node.span.clone(),
                });
            }
        }
    }
    html_ids(&text[body_start..], &mut out.anchors);
    out.anchors.sort();
    out.anchors.dedup();
    out.compact();
    Some(out)
}

/// `id="…"` and `name="…"` attribute values (quoted) in HTML.
fn html_ids(html: &str, out: &mut Vec<String>) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'=', &b[i..]) {
        let eq = i + off;
        i = eq + 1;
        let name_end = eq;
        let mut s = name_end;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let name = &html[s..name_end];
        if s == 0
            || !b[s - 1].is_ascii_whitespace()
            || !(name.eq_ignore_ascii_case("id") || name.eq_ignore_ascii_case("name"))
        {
            continue;
        }
        let Some(&q) = b.get(eq + 1) else { continue };
        if q != b'"' && q != b'\'' {
            continue;
        }
        let rest = &html[eq + 2..];
        if let Some(end) = rest.find(q as char) {
            let v = &rest[..end];
            if !v.is_empty() && !v.contains("{{") && !v.contains("{%") && !v.contains('\n') {
                out.push(v.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_front_matter() {
        assert!(has_yaml_header(b"---  \r\ntitle: x\r\n---\r\n"));
        assert!(!has_yaml_header(b"\xef\xbb\xbf---\ntitle: x\n---\n"));
        assert!(!has_yaml_header(b"---yaml\n"));
        assert!(!has_yaml_header(b"+++\n"));
        let t = "---\ntitle: 标题\n...\n<h2 id=\"a\">x</h2><a name='b'></a>\n";
        let (h, b) = split(t).unwrap();
        assert_eq!(&t[h], "title: 标题\n");
        let mut ids = Vec::new();
        html_ids(&t[b..], &mut ids);
        assert_eq!(ids, ["a", "b"]);
    }
}
