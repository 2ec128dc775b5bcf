//! Structural rules: is there a front matter, is it closed, does it hold a mapping.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::parse::Value;
use crate::split::Format;

/// `syntax/missing`: the file has no front matter at all.
pub fn missing(doc: &Document, out: &mut Vec<Diagnostic>) {
    let start = if doc.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let first_len = doc.text[start..].chars().next().map_or(0, char::len_utf8);
    out.push(
        Diagnostic::new(
            "syntax/missing",
            start..start + first_len,
            "the file has no front matter",
        )
        .help("start the file with a `---` line, the header keys, and another `---` line"),
    );
}

/// `syntax/unterminated`: opened, never closed.
pub fn unterminated(doc: &Document, format: Format, out: &mut Vec<Diagnostic>) {
    let closer = match format {
        Format::Yaml => "`---`",
        Format::Toml => "`+++`",
        Format::Json => "the matching `}`",
    };
    out.push(
        Diagnostic::new(
            "syntax/unterminated",
            doc.header_span(),
            format!("the {} front matter is never closed", format.name()),
        )
        .label("opened here")
        .help(format!(
            "add a line with {closer} after the last header key"
        )),
    );
}

/// `syntax/empty` and `syntax/not-a-mapping`: the header parsed but holds no keys. Empty is
/// empty in every format: `---\n---`, `+++\n+++` and `{}` alike.
pub fn shape(doc: &Document, out: &mut Vec<Diagnostic>) {
    let no_keys =
        |v: &Value| matches!(v, Value::Null) || matches!(v, Value::Map(m) if m.is_empty());
    match doc.root.map(|r| &r.value) {
        None => out.push(empty(doc)),
        Some(v) if no_keys(v) => out.push(empty(doc)),
        Some(Value::Map(_)) => {}
        Some(_) => {
            let root = doc.root.expect("matched Some");
            out.push(
                Diagnostic::new(
                    "syntax/not-a-mapping",
                    root.span.clone(),
                    format!(
                        "the front matter is {}, not a mapping of keys to values",
                        root.describe()
                    ),
                )
                .help("write the header as `key: value` lines"),
            );
        }
    }
}

fn empty(doc: &Document) -> Diagnostic {
    Diagnostic::new(
        "syntax/empty",
        doc.header_span(),
        "the front matter is empty",
    )
    .help("add the page's keys (at least a title), or remove the empty delimiters")
}

/// Characters that make a key look like another one: invisible (zero-width, joiners, bidi
/// marks and controls, tag characters, fillers), controls, line separators.
fn hidden_in_key(c: char) -> bool {
    crate::escape::is_invisible(c)
        || crate::escape::is_dangerous(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// Characters reported anywhere in the header (values, comments): bidi controls, which reorder
/// what is displayed, and U+FEFF, which has no use inside text.
fn hidden_anywhere(c: char) -> bool {
    crate::escape::is_bidi_control(c) || c == '\u{feff}'
}

/// The characters of `header` that [`hidden_in_key`] reports, with their offsets (plus `base`).
/// A byte scan: only lead bytes that can start such a character are decoded (CJK text, whose
/// lead bytes are mostly 0xE4–0xE9, is skipped without decoding).
fn hidden_chars(header: &str, base: usize) -> Vec<(usize, char)> {
    /// Bytes that can start a character [`hidden_in_key`] reports: C0 controls but tab, line
    /// feed and carriage return; DEL; the lead bytes of C1 and U+00AD, U+034F, U+061C,
    /// U+115F…U+180F, U+2000…U+2FFF, U+3164, U+FE00…U+FFFF and planes 1 and 14.
    const LEAD: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
            b += 1;
        }
        t[0x7F] = true;
        let leads = [0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3];
        let mut i = 0;
        while i < leads.len() {
            t[leads[i]] = true;
            i += 1;
        }
        t
    };
    let bytes = header.as_bytes();
    let mut found = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if !LEAD[b as usize] {
            continue;
        }
        // CJK punctuation (U+3000…, U+FF00…) shares its lead bytes with U+3164 and U+FExx,
        // U+FFA0, U+FFF0…: the second byte tells them apart without decoding.
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        let possible = match b {
            0xE3 => second == 0x85,
            0xEF => matches!(second, 0xB8 | 0xBB | 0xBE | 0xBF),
            _ => true,
        };
        if !possible {
            continue;
        }
        if let Some(c) = header.get(i..).and_then(|rest| rest.chars().next()) {
            if hidden_in_key(c) {
                found.push((base + i, c));
            }
        }
    }
    found
}

/// `syntax/invisible-character`: zero-width, bidi-control and other invisible characters in
/// keys (`dra\u{200B}ft: true` looks like `draft` but is another key), bidi controls and U+FEFF
/// anywhere in the header. One diagnostic per character, on the character itself; a key that
/// holds one through an escape (`"dra\u200Bft"`) is reported on the key.
pub fn invisible(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(fm) = doc.front else { return };
    let base = fm.content.start;
    let header = &doc.text[fm.content.clone()];
    let found = hidden_chars(header, base);
    // Escapes (`\u200B`) are ASCII: a key can only hold a hidden character through one when
    // the header has a backslash.
    let escapes = memchr::memchr(b'\\', header.as_bytes()).is_some();
    if found.is_empty() && !escapes {
        return;
    }
    let mut keys: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    if let Some(root) = doc.root {
        collect_keys(root, &mut keys);
    }
    keys.sort_by_key(|(_, span)| (span.start, span.end));
    keys.dedup_by(|a, b| a.1 == b.1);
    let key_at = |offset: usize| {
        let i = keys.partition_point(|(_, s)| s.start <= offset);
        i.checked_sub(1)
            .map(|i| &keys[i])
            .filter(|(_, s)| offset < s.end)
    };
    for &(offset, c) in &found {
        let span = offset..offset + c.len_utf8();
        let name = crate::escape::char_name(c);
        if let Some((key, _)) = key_at(offset) {
            out.push(key_diagnostic(key, span, &name));
        } else if hidden_anywhere(c) {
            let (message, help) = if c == '\u{feff}' {
                (
                    format!("invisible character {name} inside the front matter"),
                    "remove it (a byte-order mark left inside the file, often by joining files)",
                )
            } else {
                (
                    format!(
                        "bidirectional control character {name} in the front matter: it reorders how the text around it is displayed"
                    ),
                    "remove it; right-to-left text displays correctly without it (U+200E and U+200F marks set the direction where needed)",
                )
            };
            out.push(
                Diagnostic::new("syntax/invisible-character", span, message)
                    .label("invisible character here")
                    .help(help),
            );
        }
    }
    // Keys that hold one through an escape: the source shows `\u200B`, the generator sees the
    // character.
    for (key, span) in &keys {
        let written = &doc.text[span.clone()];
        if let Some(c) = key
            .chars()
            .find(|&c| hidden_in_key(c) && !written.contains(c))
        {
            let name = crate::escape::char_name(c);
            out.push(key_diagnostic(key, span.clone(), &name));
        }
    }
}

fn key_diagnostic(key: &str, span: std::ops::Range<usize>, name: &str) -> Diagnostic {
    let visible: String = key.chars().filter(|&c| !hidden_in_key(c)).collect();
    let help = if visible.is_empty() {
        "remove it, or give the key a visible name".to_string()
    } else {
        format!(
            "remove it: this key looks like `{visible}` but is another key, so the site generator does not see `{visible}`"
        )
    };
    Diagnostic::new(
        "syntax/invisible-character",
        span,
        format!("the key `{key}` contains an invisible character, {name}"),
    )
    .label("invisible character here")
    .help(help)
}

/// Every key of the tree, with its span.
fn collect_keys<'a>(
    node: &'a crate::parse::Node,
    out: &mut Vec<(&'a str, std::ops::Range<usize>)>,
) {
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                out.push((&e.key, e.key_span.clone()));
                collect_keys(&e.value, out);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| collect_keys(n, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_every_hidden_character_and_nothing_else() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        let mut hidden = 0;
        for c in all {
            let text = format!("标{c}b");
            let found = hidden_chars(&text, 10);
            if hidden_in_key(c) {
                hidden += 1;
                assert_eq!(found, [(13, c)], "U+{:04X}", c as u32);
            } else {
                assert!(found.is_empty(), "U+{:04X}", c as u32);
            }
        }
        assert!(hidden > 4096, "{hidden}");
    }
}
