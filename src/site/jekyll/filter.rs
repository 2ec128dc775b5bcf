//! Which files Jekyll reads: `lib/jekyll/entry_filter.rb` (`special?`, `backup?`, `excluded?`,
//! `included?`, `glob_include?`), `reader.rb` (pages and static files), `readers/post_reader.rb`
//! (`_posts`, `_drafts`) and `collection.rb` (collection folders).
//!
//! `exclude` and `include` entries are compared the way `glob_include?` does: joined to the
//! source folder, then `File.fnmatch?` without flags (so `*` also matches `/`), or a plain
//! string prefix (`exclude: [doc]` also excludes `docs/`), or, for a folder, the entry with a
//! trailing `/`. `include` is compared with the entry's name only (the reader lists one folder
//! at a time). A name starting with `.`, `_`, `#` or `~`, or ending with `~`, is left out unless
//! included. In a collection, only the first component and the file name are tested for those
//! characters (so `_docs/a/_b/c.md` is read: proven with Jekyll 4.3.1).

/// `File.fnmatch?(pattern, path)` with no flags: `*` matches any run (`/` included), `?` one
/// character, `[…]` a class (`[!…]`/`[^…]` negated), `\` escapes.
pub fn fnmatch(pattern: &str, path: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = path.chars().collect();
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    while pi < p.len() && p[pi] == '*' {
                        pi += 1;
                    }
                    star = Some((pi, si));
                    continue;
                }
                '?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class(&p, pi, s[si]) {
                        if matched {
                            pi = next;
                            si += 1;
                            continue;
                        }
                    } else if s[si] == '[' {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() && p[pi + 1] == s[si] => {
                    pi += 2;
                    si += 1;
                    continue;
                }
                c if c == s[si] => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, ss)) => {
                pi = sp;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// A `[…]` class at `p[at]`: whether `c` is in it and the index after it; `None` when the
/// class is not closed (then `[` is a literal).
fn class(p: &[char], at: usize, c: char) -> Option<(bool, usize)> {
    let mut i = at + 1;
    let negated = matches!(p.get(i), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut found = false;
    let mut first = true;
    while i < p.len() {
        if p[i] == ']' && !first {
            return Some((found != negated, i + 1));
        }
        first = false;
        let lo = if p[i] == '\\' && i + 1 < p.len() {
            i += 1;
            p[i]
        } else {
            p[i]
        };
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|h| *h != ']') {
            let hi = p[i + 2];
            if lo <= c && c <= hi {
                found = true;
            }
            i += 3;
        } else {
            if lo == c {
                found = true;
            }
            i += 1;
        }
    }
    None
}

/// `glob_include?` for one entry path (relative to the source, `/`-separated, no leading `/`).
pub fn glob_include(patterns: &[String], entry: &str, is_dir: bool) -> bool {
    let entry_s = format!("S/{entry}");
    patterns.iter().any(|pat| {
        let pat_s = format!("S/{}", pat.trim_start_matches('/'));
        fnmatch(&pat_s, &entry_s)
            || entry_s.starts_with(&pat_s)
            || (is_dir && pat_s == format!("{entry_s}/"))
    })
}

/// `EntryFilter#special?` for one name, plus `backup?`.
pub fn special_or_backup(name: &str) -> bool {
    name.starts_with(['.', '_', '#', '~']) || name.ends_with('~')
}

/// Whether the main reader (pages and static files) reads the entry `rel`, testing every
/// component from the top: `exclude`/`include` on its path, `special?`/`backup?` on its name.
pub fn reader_reads(exclude: &[String], include: &[String], rel: &str, last_is_dir: bool) -> bool {
    let comps: Vec<&str> = rel.split('/').collect();
    let mut path = String::new();
    for (i, name) in comps.iter().enumerate() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(name);
        let is_dir = i + 1 < comps.len() || last_is_dir;
        if name.ends_with('.') || name.is_empty() {
            return false;
        }
        let included = glob_include(include, name, is_dir);
        if !included && glob_include(exclude, &path, is_dir) {
            return false;
        }
        if !included && special_or_backup(name) {
            return false;
        }
    }
    true
}

/// Whether a reader of a special folder (`_posts`, `_drafts`, a collection) reads `inside`
/// (the path below that folder): `base` is the folder's path relative to the source.
pub fn folder_reads(exclude: &[String], include: &[String], base: &str, inside: &str) -> bool {
    let name = inside.rsplit('/').next().unwrap_or(inside);
    // `Dir["**/*"]` and the collection glob skip names starting with `.` at any depth… the
    // collection one (`File::FNM_DOTMATCH`) does not, but `special?` catches the first one.
    let full = if base.is_empty() {
        inside.to_string()
    } else {
        format!("{base}/{inside}")
    };
    let included = glob_include(include, inside, false) || glob_include(include, name, false);
    if !included && glob_include(exclude, &full, false) {
        return false;
    }
    if included {
        return true;
    }
    !(special_or_backup(inside) || special_or_backup(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_fnmatch_without_flags() {
        assert!(fnmatch("S/Gemfile*", "S/Gemfile.lock"));
        assert!(fnmatch("S/*.txt", "S/a/b.txt"));
        assert!(fnmatch("S/a?c", "S/abc"));
        assert!(fnmatch("S/[a-c]x", "S/bx"));
        assert!(!fnmatch("S/[!a-c]x", "S/bx"));
        assert!(!fnmatch("S/*.md", "S/a.markdown"));
        assert!(fnmatch("S/文档/*", "S/文档/说明.md"));
    }

    #[test]
    fn jekyll_entry_filter() {
        let ex: Vec<String> = ["bin/", "Gemfile*", "readme.md", "vendor/bundle/"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let inc = vec![".htaccess".to_string()];
        assert!(!reader_reads(&ex, &inc, "bin/x.md", false));
        assert!(reader_reads(&ex, &inc, "binx/x.md", false));
        assert!(!reader_reads(&ex, &inc, "readme.md", false));
        assert!(!reader_reads(&ex, &inc, "sub/_u.md", false));
        assert!(!reader_reads(&ex, &inc, "#hash.md", false));
        assert!(!reader_reads(&ex, &inc, "tilde.md~", false));
        assert!(reader_reads(&ex, &inc, "a/.htaccess", false));
        assert!(!reader_reads(&ex, &inc, ".github/a.md", false));
        // A string prefix: `exclude: [doc]` also drops `docs/`.
        assert!(!reader_reads(&["doc".into()], &inc, "docs/a.md", false));
        assert!(folder_reads(&ex, &inc, "_docs", "a/_b/y.md"));
        assert!(!folder_reads(&ex, &inc, "_docs", "_sub/x.md"));
        assert!(!folder_reads(&ex, &inc, "_docs", "_hidden.md"));
    }
}
