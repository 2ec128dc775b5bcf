//! `--fix`, `--unsafe-fixes` and `--diff`: fixes are text edits on byte spans, applied until
//! the file is stable (at most a few rounds), so everything else in the file (comments, key
//! order, quoting, line endings, BOM, the body) stays as it was.
//!
//! Every fix goes through [`verify`] before it is kept: the file's header is parsed again and
//! must equal the old one with exactly the changes the fixes declare (`Fix::changes`), and the
//! rest of the file must be byte for byte the same. A fix that fails is dropped, and its
//! diagnostic says why ([`NotApplied`]).
//!
//! Files are read with the same limits and file-type checks as linting and written atomically
//! ([`write_back`]): never through or over a symbolic link, never splitting a hard link, never
//! a read-only file, keeping owner, group, mode and extended attributes, and never when the file
//! changed on disk since it was read (checked after the new text is on disk, right before the
//! rename).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Change, Diagnostic, Edit, Fix, Target};
use crate::lint::{self, Settings};
use crate::parse::{Node, Value};
use crate::split::{self, Split};

/// Rounds of lint → fix before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 8;

pub struct Fixed {
    pub original: String,
    pub fixed: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// Fixes that still apply to `fixed` but were not applied, and why.
    pub not_applied: Vec<NotApplied>,
    /// The diagnostics of `original` whose fix was to be applied (rule and span): if the file
    /// cannot be written they say so.
    pub fixable: Vec<(&'static str, Range<usize>)>,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        self.fixed != self.original
    }
}

/// A fix that was not applied: its diagnostic (rule and span in the fixed text) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotApplied {
    pub rule: &'static str,
    pub span: Range<usize>,
    pub reason: String,
}

/// The fixed text of a file, or `None` when nothing changes.
pub fn fix_text(
    display: &Path,
    original: &str,
    settings: &Settings,
    unsafe_fixes: bool,
) -> Option<Fixed> {
    let fixed = fix(display, original, settings, unsafe_fixes);
    fixed.changed().then_some(fixed)
}

/// Fix a file's text: the fixed text (possibly unchanged) and the fixes not applied.
pub fn fix(display: &Path, original: &str, settings: &Settings, unsafe_fixes: bool) -> Fixed {
    fix_with(original, unsafe_fixes, &|text| {
        lint::lint_text(display, text, settings)
    })
}

/// `fix`, with the diagnostics of a text from `lint`.
fn fix_with(original: &str, unsafe_fixes: bool, lint: &dyn Fn(&str) -> Vec<Diagnostic>) -> Fixed {
    let mut text = original.to_string();
    let mut applied = 0;
    // Fixes dropped by the check, by what they edit, with the reason.
    let mut dropped: HashMap<String, String> = HashMap::new();
    let mut fixable = Vec::new();
    let mut not_applied = Vec::new();
    for round in 0..=MAX_ROUNDS {
        let diagnostics = lint(&text);
        let wanted: Vec<(&Diagnostic, &Fix)> = diagnostics
            .iter()
            .filter_map(|d| Some((d, d.fix.as_ref().filter(|f| f.safe || unsafe_fixes)?)))
            .collect();
        if round == 0 {
            fixable = wanted
                .iter()
                .map(|(d, _)| (d.rule, d.span.clone()))
                .collect();
        }
        let (todo, known): (Vec<_>, Vec<_>) = wanted
            .into_iter()
            .partition(|(d, f)| !dropped.contains_key(&key(&text, d.rule, f)));
        if todo.is_empty() || round == MAX_ROUNDS {
            for (d, f) in known {
                not_applied.push(NotApplied {
                    rule: d.rule,
                    span: d.span.clone(),
                    reason: dropped[&key(&text, d.rule, f)].clone(),
                });
            }
            for (d, _) in todo {
                not_applied.push(NotApplied {
                    rule: d.rule,
                    span: d.span.clone(),
                    reason: format!("the fixes did not settle after {MAX_ROUNDS} rounds"),
                });
            }
            break;
        }
        let chosen = select(&text, &todo);
        let fixes: Vec<&Fix> = chosen.iter().map(|&i| todo[i].1).collect();
        let (next, changes) = apply_fixes(&text, &fixes);
        if verify(&text, &next, &changes).is_ok() {
            text = next;
            applied += fixes.len();
            continue;
        }
        // Find the fixes that fail on their own; apply the others if they pass together.
        let mut good = Vec::new();
        for &i in &chosen {
            let (d, f) = todo[i];
            let (alone, changes) = apply_fixes(&text, &[f]);
            match verify(&text, &alone, &changes) {
                Ok(()) => good.push(i),
                Err(why) => {
                    dropped.insert(key(&text, d.rule, f), why);
                }
            }
        }
        if good.is_empty() {
            continue;
        }
        let fixes: Vec<&Fix> = good.iter().map(|&i| todo[i].1).collect();
        let (next, changes) = apply_fixes(&text, &fixes);
        match verify(&text, &next, &changes) {
            Ok(()) => {
                text = next;
                applied += fixes.len();
            }
            Err(why) => {
                for &i in &good {
                    let (d, f) = todo[i];
                    dropped.insert(
                        key(&text, d.rule, f),
                        format!("together with this file's other fixes, {why}"),
                    );
                }
            }
        }
    }
    Fixed {
        original: original.to_string(),
        fixed: text,
        applied,
        not_applied,
        fixable,
    }
}

/// What identifies a fix from one round to the next: its rule, the text it replaces and what
/// it writes (offsets move when other fixes apply first).
fn key(text: &str, rule: &str, fix: &Fix) -> String {
    let mut k = String::from(rule);
    for e in &fix.edits {
        k.push('\0');
        k.push_str(text.get(e.range.clone()).unwrap_or(""));
        k.push('\0');
        k.push_str(&e.replacement);
    }
    k
}

/// The fixes to apply together: in order of position, each one whose edits are valid and
/// overlap no edit of a fix taken before it (the others wait for the next round).
fn select(text: &str, todo: &[(&Diagnostic, &Fix)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..todo.len()).collect();
    order.sort_by_key(|&i| todo[i].1.edits.iter().map(|e| e.range.start).min());
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| {
        (a.start < b.end && b.start < a.end) || a.start == b.start
    };
    for i in order {
        let edits = &todo[i].1.edits;
        let valid = !edits.is_empty()
            && edits.iter().all(|e| {
                e.range.start <= e.range.end
                    && e.range.end <= text.len()
                    && text.is_char_boundary(e.range.start)
                    && text.is_char_boundary(e.range.end)
            });
        let free = edits.iter().enumerate().all(|(j, e)| {
            !taken.iter().any(|t| overlaps(t, &e.range))
                && !edits[..j].iter().any(|o| overlaps(&o.range, &e.range))
        });
        if valid && free {
            taken.extend(edits.iter().map(|e| e.range.clone()));
            chosen.push(i);
        }
    }
    chosen
}

/// The text with the (non-overlapping) fixes applied, and the changes they declare.
fn apply_fixes(text: &str, fixes: &[&Fix]) -> (String, Vec<Change>) {
    let edits: Vec<Edit> = fixes.iter().flat_map(|f| f.edits.iter().cloned()).collect();
    let changes = fixes
        .iter()
        .flat_map(|f| f.changes.iter().cloned())
        .collect();
    (apply(text, edits).0, changes)
}

/// Apply non-overlapping edits (the first of overlapping ones wins); returns the text and the
/// number applied.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> (String, usize) {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut n = 0;
    for e in edits {
        let valid = e.range.start >= at
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end);
        if !valid {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
        n += 1;
    }
    out.push_str(&text[at..]);
    (out, n)
}

// ---------------------------------------------------------------------------------------------
// The semantic check

/// A header value as the check compares it: what every reader reads, without positions or
/// style. A plain YAML scalar that YAML 1.1 and 1.2 readers read differently (`yes`, `0755`)
/// is kept as written, so that quoting or rewriting it is a change.
#[derive(Debug, Clone, PartialEq)]
enum Sem {
    Null,
    Bool(bool),
    Int(i64),
    /// The bits of the number (every NaN the same).
    Float(u64),
    Str(String),
    DateTime(String),
    Ambiguous(String),
    Seq(Vec<Sem>),
    Map(Vec<(String, Sem)>),
    /// A list item a fix removes (dropped once aliases are resolved).
    Removed,
}

impl Sem {
    fn of(text: &str, node: &Node) -> Sem {
        match &node.value {
            Value::Seq(items) => Sem::Seq(items.iter().map(|n| Sem::of(text, n)).collect()),
            Value::Map(entries) => Sem::Map(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), Sem::of(text, &e.value)))
                    .collect(),
            ),
            _ if node.plain => {
                let raw = text.get(node.span.clone()).unwrap_or("");
                let core = &raw[crate::rules::edit::properties_len(raw)..];
                if crate::rules::yaml::is_ambiguous(core) {
                    Sem::Ambiguous(core.to_string())
                } else {
                    Sem::scalar(&node.value)
                }
            }
            v => Sem::scalar(v),
        }
    }

    fn scalar(v: &Value) -> Sem {
        match v {
            Value::Null => Sem::Null,
            Value::Bool(b) => Sem::Bool(*b),
            Value::Int(i) => Sem::Int(*i),
            Value::Float(f) if f.is_nan() => Sem::Float(f64::NAN.to_bits()),
            Value::Float(f) => Sem::Float(f.to_bits()),
            Value::String(s) => Sem::Str(s.clone()),
            Value::DateTime(s) => Sem::DateTime(s.clone()),
            Value::Seq(_) | Value::Map(_) => Sem::Null,
        }
    }

    fn at(&mut self, path: &[usize]) -> Option<&mut Sem> {
        let mut node = self;
        for &i in path {
            node = match node {
                Sem::Seq(items) => items.get_mut(i)?,
                Sem::Map(entries) => &mut entries.get_mut(i)?.1,
                _ => return None,
            };
        }
        Some(node)
    }

    fn purge(&mut self) {
        match self {
            Sem::Seq(items) => {
                items.retain(|i| *i != Sem::Removed);
                items.iter_mut().for_each(Sem::purge);
            }
            Sem::Map(entries) => entries.iter_mut().for_each(|(_, v)| v.purge()),
            _ => {}
        }
    }
}

/// The tree of a header, with each alias holding its anchored value as the tree says it is
/// now (so a value changed at its anchor is changed at its aliases too). In document order: an
/// anchored value that holds aliases has them resolved before it is copied.
fn resolve_aliases(sem: &mut Sem, aliases: &[(Vec<usize>, Vec<usize>)]) {
    for (alias, target) in aliases {
        let Some(value) = sem.at(target).cloned() else {
            continue;
        };
        if let Some(slot) = sem.at(alias) {
            *slot = value;
        }
    }
}

/// Check that `new` is `old` with exactly `changes` made to its header: the same keys, in the
/// same order, with the same types and values everywhere else, and the same bytes outside the
/// header (delimiters, BOM, body). The error says what else would change.
pub fn verify(old: &str, new: &str, changes: &[Change]) -> Result<(), String> {
    let (Split::Found(a), Split::Found(b)) = (split::split(old), split::split(new)) else {
        return Err("the front matter would no longer be found".into());
    };
    if a.format != b.format || old[..a.content.start] != new[..b.content.start] {
        return Err("the start of the file would change".into());
    }
    if old[a.content.end..] != new[b.content.end..] {
        return Err("the closing delimiter or the body would change".into());
    }
    let pa = crate::parse::parse_keeping_aliases(old, &a);
    let pb = crate::parse::parse_keeping_aliases(new, &b);
    let Some(root_a) = &pa.root else {
        return Err("the header does not parse".into());
    };
    let Some(root_b) = &pb.root else {
        let why = pb
            .diagnostics
            .first()
            .map_or_else(String::new, |d| format!(": {}", d.message));
        return Err(format!("the header would no longer parse{why}"));
    };
    let mut expected = Sem::of(old, root_a);
    for c in changes {
        let Some(slot) = expected.at(&c.path) else {
            return Err("a fix names a value the header does not have".into());
        };
        *slot = match &c.to {
            Target::Str(s) => Sem::Str(s.clone()),
            Target::Bool(b) => Sem::Bool(*b),
            Target::Int(i) => Sem::Int(*i),
            Target::Remove => Sem::Removed,
        };
    }
    resolve_aliases(&mut expected, &pa.aliases);
    expected.purge();
    let mut actual = Sem::of(new, root_b);
    resolve_aliases(&mut actual, &pb.aliases);
    let mut path = String::new();
    compare(&expected, &actual, &mut path)
}

/// The first difference between the expected and the actual tree, described at its path.
fn compare(expected: &Sem, actual: &Sem, path: &mut String) -> Result<(), String> {
    let at = |path: &str| {
        if path.is_empty() {
            "the header".to_string()
        } else {
            format!("`{path}`")
        }
    };
    match (expected, actual) {
        (Sem::Seq(a), Sem::Seq(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "it would leave {} items in {} instead of {}",
                    b.len(),
                    at(path),
                    a.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                compare(x, y, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        (Sem::Map(a), Sem::Map(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x.0 != y.0 {
                    return Err(format!(
                        "it would change the keys of {} (key {} would be `{}`, not `{}`)",
                        at(path),
                        i + 1,
                        visible(&y.0),
                        visible(&x.0)
                    ));
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&visible(&x.0));
                compare(&x.1, &y.1, path)?;
                path.truncate(len);
            }
            if a.len() != b.len() {
                return Err(format!(
                    "it would leave {} keys in {} instead of {}",
                    b.len(),
                    at(path),
                    a.len()
                ));
            }
            Ok(())
        }
        (x, y) if x == y => Ok(()),
        _ => Err(format!("it would also change {}", at(path))),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading and writing files

/// A file read for fixing: its text and what identifies the version that was read.
pub struct ReadFile {
    pub text: String,
    pub stamp: Stamp,
    /// The path is a symbolic link (read through, like lint does, but never written).
    pub symlink: bool,
}

/// What identifies a file's version: compared again right before the fixed file replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i128,
    pub nlink: u64,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                len: meta.len(),
                mtime: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                nlink: meta.nlink(),
                mode: meta.mode(),
                uid: meta.uid(),
                gid: meta.gid(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                dev: 0,
                ino: 0,
                len: meta.len(),
                mtime,
                nlink: 1,
                mode: if meta.permissions().readonly() {
                    0o444
                } else {
                    0o644
                },
                uid: 0,
                gid: 0,
            }
        }
    }
}

/// Read a file to fix it, with exactly the limits and file-type checks of linting
/// (`lint::read_path`): a FIFO, a device or a file over the size limit is not read. Not UTF-8
/// is an error too. The error is the diagnostic lint reports for the file.
pub fn read(abs: &Path) -> Result<ReadFile, Box<Diagnostic>> {
    let symlink = std::fs::symlink_metadata(abs).is_ok_and(|m| m.file_type().is_symlink());
    let (bytes, meta) = lint::read_path(abs, false).map_err(|e| Box::new(e.diagnostic()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Box::new(
            Diagnostic::new(
                "syntax/encoding",
                0..0,
                format!("invalid UTF-8 at byte {at}"),
            )
            .help("convert the file to UTF-8 (for example `iconv -f GBK -t UTF-8`)"),
        )
    })?;
    Ok(ReadFile {
        text,
        stamp: Stamp::of(&meta),
        symlink,
    })
}

/// Why a file that was read must not be rewritten, if it must not: `--fix` never writes
/// through or over a symbolic link, never splits a hard link, and leaves read-only files alone.
pub fn refusal(file: &ReadFile) -> Option<String> {
    if file.symlink {
        return Some("not fixed: symbolic link (frontlint never writes through a link)".into());
    }
    if file.stamp.nlink > 1 {
        return Some(format!(
            "not fixed: hard link ({} names share this file, and rewriting it would split them)",
            file.stamp.nlink
        ));
    }
    if file.stamp.mode & 0o200 == 0 {
        return Some("not fixed: the file is read-only".into());
    }
    None
}

/// Replace the file with the fixed text, if it still is the version that was read.
pub fn write_back(abs: &Path, read: &ReadFile, fixed: &str) -> Result<(), String> {
    write_back_with(abs, read, fixed, &mut || {})
}

/// `write_back`, calling `between` after the new text is written and synced to a temporary
/// file and before the file is checked for changes and replaced (tests use it to change the
/// file at the worst moment).
///
/// The temporary file is created next to the file (never following a link), gets the file's
/// owner and group, mode and extended attributes, and is synced. Then the file is opened again
/// (not following a link) and must be the same file (device and inode, one link), with the
/// same size, modification time and content as when it was read; only then does the rename
/// replace it. A save in between is never overwritten.
pub fn write_back_with(
    abs: &Path,
    read: &ReadFile,
    fixed: &str,
    between: &mut dyn FnMut(),
) -> Result<(), String> {
    if let Some(why) = refusal(read) {
        return Err(why);
    }
    let dir = match abs.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, mut file) = crate::fsutil::create_temp(dir, abs)
        .map_err(|e| format!("not fixed: cannot create a temporary file next to it: {e}"))?;
    let result = (|| {
        use std::io::Write;
        let source = open_no_follow(abs).map_err(|e| changed(&e.to_string()))?;
        let now = Stamp::of(&source.metadata().map_err(|e| changed(&e.to_string()))?);
        if (now.dev, now.ino) != (read.stamp.dev, read.stamp.ino) {
            return Err(changed("it was replaced"));
        }
        file.write_all(fixed.as_bytes())
            .map_err(|e| format!("not fixed: cannot write the temporary file: {e}"))?;
        crate::fsutil::copy_owner_mode_xattrs(
            &source,
            &file,
            read.stamp.uid,
            read.stamp.gid,
            read.stamp.mode,
        )
        .map_err(|e| format!("not fixed: {e}"))?;
        file.sync_all()
            .map_err(|e| format!("not fixed: cannot write the temporary file: {e}"))?;
        drop(file);
        between();
        unchanged_since(abs, read)?;
        std::fs::rename(&tmp, abs).map_err(|e| format!("not fixed: cannot replace it: {e}"))?;
        crate::fsutil::sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn changed(what: &str) -> String {
    format!(
        "not fixed: it changed on disk while frontlint was fixing it ({what}); nothing was written"
    )
}

/// The file at `abs` is still the one read: same file, one link, same size, modification time
/// and content.
fn unchanged_since(abs: &Path, read: &ReadFile) -> Result<(), String> {
    use std::io::Read;
    let mut file = open_no_follow(abs).map_err(|e| changed(&e.to_string()))?;
    let meta = file.metadata().map_err(|e| changed(&e.to_string()))?;
    if !meta.is_file() {
        return Err(changed("it is no longer a regular file"));
    }
    let now = Stamp::of(&meta);
    if (now.dev, now.ino) != (read.stamp.dev, read.stamp.ino) || now.nlink != 1 {
        return Err(changed("it was replaced"));
    }
    if now.len != read.stamp.len || now.mtime != read.stamp.mtime {
        return Err(changed("its size or modification time differ"));
    }
    let mut content = Vec::with_capacity(read.text.len() + 1);
    (&mut file)
        .take(read.text.len() as u64 + 1)
        .read_to_end(&mut content)
        .map_err(|e| changed(&e.to_string()))?;
    if content != read.text.as_bytes() {
        return Err(changed("its content differs"));
    }
    Ok(())
}

/// Open for reading without following a symbolic link and without blocking on a FIFO.
fn open_no_follow(abs: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(abs)
}

/// Characters that must not reach a terminal or log as they are: controls (C0, DEL, C1),
/// line and paragraph separators, bidirectional controls and invisible format characters.
fn special(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// Text from a file (a name, a key) made safe to print: special characters become visible
/// escapes (`\n`, `\u{202e}`), so it cannot start a new line or reorder what a reader sees.
pub fn visible(s: &str) -> String {
    if !s.chars().any(special) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if special(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A path for a `---`/`+++` diff header: as it is when plain, else in double quotes with
/// escapes (as git writes such names), so a file name with a line break cannot forge a line.
pub fn diff_path(path: &str) -> String {
    if !path.chars().any(special) && !path.starts_with('"') {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len() + 8);
    out.push('"');
    for c in path.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if special(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A unified diff of two texts: one hunk from the first to the last changed line (unchanged
/// lines between changes kept as context), with up to three lines of context around it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ctx = 3;
    let start = prefix.saturating_sub(ctx);
    let a_end = (a.len() - suffix + ctx).min(a.len());
    let b_end = (b.len() - suffix + ctx).min(b.len());
    let path = diff_path(path);
    let mut out = format!("--- {path}\n+++ {path}\n");
    out.push_str(&format!(
        "@@ -{},{} +{},{} @@\n",
        start + 1,
        a_end - start,
        start + 1,
        b_end - start
    ));
    let line = |out: &mut String, mark: char, l: &str| {
        out.push(mark);
        out.push_str(&crate::escape::Escaped::new(l).text);
        if !l.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    for l in &a[start..prefix] {
        line(&mut out, ' ', l);
    }
    for (mark, l) in middle(&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]) {
        line(&mut out, mark, l);
    }
    for l in &a[a.len() - suffix..a_end] {
        line(&mut out, ' ', l);
    }
    crate::escape::guard(&out).into_owned()
}

/// The changed middle as a line diff (longest common subsequence): unchanged lines between two
/// edits stay context lines.
fn middle<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(char, &'a str)> {
    if a.len() * b.len() > 4_000_000 {
        // Too large to align: all removed, then all added (still a valid diff).
        return a
            .iter()
            .map(|l| ('-', *l))
            .chain(b.iter().map(|l| ('+', *l)))
            .collect();
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(('-', a[i]));
            i += 1;
        } else {
            out.push(('+', b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(path: &[usize], to: Target) -> Change {
        Change {
            path: path.to_vec(),
            to,
        }
    }

    #[test]
    fn verify_accepts_exactly_the_declared_changes() {
        let old =
            "---\r\n标题: 值\r\ndate: 2019-05-27T4:55:44+08:00 # c\r\nx: .nan\r\n---\r\n正文\r\n";
        let new = old.replace("T4:", "T04:");
        let to = Target::Str("2019-05-27T04:55:44+08:00".into());
        assert_eq!(verify(old, &new, &[set(&[1], to.clone())]), Ok(()));
        // Declared nothing, or another value.
        assert!(verify(old, &new, &[]).unwrap_err().contains("`date`"));
        assert!(verify(old, &new, &[set(&[0], to.clone())]).is_err());
        // Anything else changed too: another value, a key, the order, the body, the delimiters.
        for other in [
            new.replace("值", "另一个值"),
            new.replace("标题", "title"),
            new.replace("x: .nan\r\n", "")
                .replace("标题", "x: .nan\r\n标题"),
            new.replace("正文", "body"),
            new.replace("---\r\n正文", "...\r\n正文"),
            new.replace("# c\r\nx", "# c\r\n  x"),
        ] {
            assert!(
                verify(old, &other, &[set(&[1], to.clone())]).is_err(),
                "{other:?}"
            );
        }
        let broken = new.replace("值", "[");
        let why = verify(old, &broken, &[set(&[1], to.clone())]).unwrap_err();
        assert!(why.contains("no longer parse"), "{why}");
        assert!(verify(old, "no header", &[]).is_err());
    }

    #[test]
    fn verify_tells_ambiguous_scalars_apart() {
        let old = "---\nx: yes\ny: 0755\n---\n";
        let quoted = "---\nx: \"yes\"\ny: 0755\n---\n";
        // Same string to a YAML 1.2 reader, not to a 1.1 reader: a change.
        assert!(verify(old, quoted, &[]).is_err());
        assert_eq!(
            verify(old, quoted, &[set(&[0], Target::Str("yes".into()))]),
            Ok(())
        );
        let boolean = "---\nx: true\ny: 0755\n---\n";
        assert!(verify(old, boolean, &[set(&[0], Target::Str("yes".into()))]).is_err());
        assert_eq!(
            verify(old, boolean, &[set(&[0], Target::Bool(true))]),
            Ok(())
        );
        let octal = "---\nx: yes\ny: 493\n---\n";
        assert_eq!(verify(old, octal, &[set(&[1], Target::Int(493))]), Ok(()));
        // Writing an ambiguous scalar is never the declared value.
        assert!(verify(boolean, old, &[set(&[0], Target::Bool(true))]).is_err());
    }

    #[test]
    fn verify_follows_aliases_and_removals() {
        let old = "---\na: &x 1\nb: *x\ntags: &t [a, b, a]\nc: *t\n---\n";
        let new = "---\na: &x 2\nb: *x\ntags: &t [a, b]\nc: *t\n---\n";
        let changes = [set(&[0], Target::Int(2)), set(&[2, 2], Target::Remove)];
        assert_eq!(verify(old, new, &changes), Ok(()));
        // The alias changes with its anchor; without the anchor it would not.
        let broken = "---\na: 2\nb: 1\ntags: &t [a, b]\nc: *t\n---\n";
        assert!(verify(old, broken, &changes).is_err());
        // The wrong item.
        let wrong = "---\na: &x 2\nb: *x\ntags: &t [a, a]\nc: *t\n---\n";
        assert!(verify(old, wrong, &changes).is_err());
        // A path that does not exist.
        assert!(verify(old, new, &[set(&[9], Target::Remove)]).is_err());
        // An anchor named again; a one-item block list spans exactly its item.
        let old = "---\na: &x [b]\ntags:\n- &x B\n- b\nq: *x\n---\n";
        let new = "---\na: &x [b]\ntags:\n- &x B\nq: *x\n---\n";
        assert_eq!(verify(old, new, &[set(&[1, 1], Target::Remove)]), Ok(()));
    }

    /// The safety net: fixes whose edits do more than they declare (here the date fix of an
    /// earlier version, which took a block scalar's line break and with it the next key) are
    /// not applied and say why; the file's other fixes still are.
    #[test]
    fn fixes_that_fail_the_check_are_dropped_and_said_so() {
        let page =
            "---\ndate: >-\n  2019-05-27T4:55:44+08:00\ndraft: true\nlang: zh_CN\n---\n正文\n";
        let fake = |text: &str| -> Vec<Diagnostic> {
            let mut out = Vec::new();
            if let Some(at) = text.find("2019-05-27T4:55:44+08:00\n") {
                // Replaces the value and its line break.
                let edit = Edit {
                    range: at..at + 25,
                    replacement: "2019-05-27T04:55:44+08:00".into(),
                };
                let to = Target::Str("2019-05-27T04:55:44+08:00".into());
                out.push(
                    Diagnostic::new("date/nonstandard", at..at + 24, "x").fix(Fix::set(
                        edit,
                        vec![0],
                        to,
                        true,
                    )),
                );
            }
            if let Some(at) = text.find("zh_CN") {
                let edit = Edit {
                    range: at..at + 5,
                    replacement: "zh-CN".into(),
                };
                let to = Target::Str("zh-CN".into());
                out.push(
                    Diagnostic::new("lang/invalid", at..at + 5, "x").fix(Fix::set(
                        edit,
                        vec![2],
                        to,
                        true,
                    )),
                );
            }
            out
        };
        let fixed = fix_with(page, false, &fake);
        assert_eq!(fixed.fixed, page.replace("zh_CN", "zh-CN"));
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.fixable.len(), 2);
        assert_eq!(fixed.not_applied.len(), 1, "{:?}", fixed.not_applied);
        let n = &fixed.not_applied[0];
        assert_eq!((n.rule, n.span.clone()), ("date/nonstandard", 15..39));
        assert_eq!(n.reason, "it would also change `date`");
        // Unsafe fixes wait for --unsafe-fixes.
        let unsafe_only = |text: &str| -> Vec<Diagnostic> {
            let mut d = fake(text);
            d.iter_mut()
                .for_each(|d| d.fix.as_mut().unwrap().safe = false);
            d
        };
        assert!(!fix_with(page, false, &unsafe_only).changed());
    }

    #[test]
    fn file_names_cannot_forge_lines() {
        assert_eq!(diff_path("content/标题.md"), "content/标题.md");
        assert_eq!(diff_path("a\n+++ b"), "\"a\\n+++ b\"");
        assert_eq!(diff_path("x\u{202e}\\y\""), "\"x\\u{202e}\\\\y\\\"\"");
        assert_eq!(diff_path("\"q"), "\"\\\"q\"");
        assert_eq!(visible("a\u{1b}[31m\u{200b}"), "a\\u{1b}[31m\\u{200b}");
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        let edits = vec![
            Edit {
                range: 4..6,
                replacement: "X".into(),
            },
            Edit {
                range: 0..1,
                replacement: "标".into(),
            },
            Edit {
                range: 5..7,
                replacement: "Y".into(),
            },
        ];
        assert_eq!(apply("abcdefgh", edits), ("标bcdXgh".to_string(), 2));
    }

    #[test]
    fn unchanged_lines_between_changes_are_context() {
        let old = "a\nb\nc\nd\n";
        let new = "A\nb\nc\nD\n";
        let d = unified_diff("x", old, new);
        assert_eq!(d, "--- x\n+++ x\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n");
    }

    #[test]
    fn diff_of_one_changed_line() {
        let old = "---\r\na: 1\r\nb: yes\r\nc: 3\r\n---\r\n";
        let new = old.replace("b: yes", "b: true");
        let d = unified_diff("x.md", old, &new);
        assert_eq!(
            d,
            "--- x.md\n+++ x.md\n@@ -1,5 +1,5 @@\n ---\r\n a: 1\r\n-b: yes\r\n+b: true\r\n c: 3\r\n ---\r\n"
        );
    }
}
