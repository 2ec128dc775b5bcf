//! Showing text that comes from files (paths, keys, values, snippets, messages) without letting
//! it act on the reader: one place decides which characters are dangerous, and every renderer
//! escapes them here, each in its format's own syntax.
//!
//! Dangerous: C0 and C1 controls (ESC starts terminal sequences, CR overwrites a line, LF starts
//! a new one), DEL, the line and paragraph separators U+2028/U+2029, bidirectional controls
//! (U+202A–U+202E, U+2066–U+2069, which reorder what is displayed) and the other invisible
//! characters (zero-width space and joiners, word joiner, U+FEFF, tag characters, Hangul
//! fillers: Unicode's Default_Ignorable_Code_Point set), except variation selectors, which
//! only pick a glyph (`❤️`). Text formats show them as `\n`, `\r`, `\t` or `\u{202e}`.
//!
//! GitHub Actions reads workflow commands from every line a step prints: a line that starts
//! with `::` once leading whitespace is trimmed (`::error::`, `::stop-commands::`), and the old
//! form `##[command]` anywhere in a line. [`guard`] makes sure no line of a text output is
//! either unless frontlint wrote it (`--format github`'s own `::error` lines).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Invisible characters: Unicode's Default_Ignorable_Code_Point set (zero-width characters,
/// bidirectional marks and controls, invisible operators, variation selectors, tag
/// characters, Hangul fillers…) and the interlinear annotation controls (U+FFF9–U+FFFB).
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// The bidirectional embedding, override and isolate controls: they reorder the text that
/// follows them on screen ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069)
}

fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0x180B..=0x180D | 0x180F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// Whether a character from a file must not reach the reader as is.
pub fn is_dangerous(c: char) -> bool {
    match c as u32 {
        0x00..=0x1F | 0x7F..=0x9F | 0x2028 | 0x2029 => true,
        // Nothing else below U+00AD is invisible: the common case (ASCII, Latin) stops here.
        n if n < 0xAD => false,
        _ => is_invisible(c) && !is_variation_selector(c),
    }
}

/// The visible form of a dangerous character: `\n`, `\r`, `\t`, else `\u{202e}`.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Whether `s` holds nothing [`text`] would change: no dangerous character, no `##[`.
fn is_clean(s: &str) -> bool {
    let printable_ascii = s.bytes().all(|b| (0x20..0x7F).contains(&b));
    !s.contains("##[") && (printable_ascii || !s.chars().any(is_dangerous))
}

/// One line of text from a file (a path, key, value, message, help): every dangerous
/// character is shown as a visible escape, and `##[` as `##\u{5b}`. The result holds no line
/// break, so it never starts a line of output on its own.
pub fn text(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        if is_dangerous(c) {
            push_visible(&mut out, c);
        } else if c == '[' && s[..i].ends_with("##") {
            out.push_str("\\u{5b}");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text shown as a source snippet (`full` format, `--diff`): like [`text`], but line breaks
/// (`\n`, and `\r` right before one) and tabs stay, so the snippet keeps its lines. Offsets
/// into the original map to offsets into the escaped text (spans stay on their characters).
#[derive(Debug, Clone)]
pub struct Escaped {
    pub text: String,
    /// For each replaced character: its original range start and length, its escaped start
    /// and length.
    replaced: Vec<[usize; 4]>,
}

impl Escaped {
    pub fn new(s: &str) -> Escaped {
        let keep = |s: &str, i: usize, c: char| {
            c == '\n' || c == '\t' || (c == '\r' && s.as_bytes().get(i + 1) == Some(&b'\n'))
        };
        if !s.contains("##[")
            && !s
                .char_indices()
                .any(|(i, c)| is_dangerous(c) && !keep(s, i, c))
        {
            return Escaped {
                text: s.to_string(),
                replaced: Vec::new(),
            };
        }
        let mut text = String::with_capacity(s.len() + 16);
        let mut replaced = Vec::new();
        for (i, c) in s.char_indices() {
            let start = text.len();
            if is_dangerous(c) && !keep(s, i, c) {
                push_visible(&mut text, c);
            } else if c == '[' && s[..i].ends_with("##") {
                text.push_str("\\u{5b}");
            } else {
                text.push(c);
                continue;
            }
            replaced.push([i, c.len_utf8(), start, text.len() - start]);
        }
        Escaped { text, replaced }
    }

    /// An offset into the original text, as an offset into the escaped text. An offset just
    /// after a replaced character is after its escape; one inside it is at its start.
    pub fn to_escaped(&self, offset: usize) -> usize {
        let n = self.replaced.partition_point(|r| r[0] < offset);
        match n.checked_sub(1).map(|k| self.replaced[k]) {
            None => offset,
            Some([o, ol, e, el]) if offset >= o + ol => offset - (o + ol) + e + el,
            Some([_, _, e, _]) => e,
        }
    }

    /// An offset into the escaped text, as an offset into the original text.
    pub fn to_original(&self, offset: usize) -> usize {
        let n = self.replaced.partition_point(|r| r[2] < offset);
        match n.checked_sub(1).map(|k| self.replaced[k]) {
            None => offset,
            Some([o, ol, e, el]) if offset >= e + el => offset - (e + el) + o + ol,
            Some([o, _, _, _]) => o,
        }
    }
}

/// The last defence of every text format but `github`: no line of `out` starts with `::`
/// (after leading whitespace and color codes, as the GitHub runner trims them) and none holds
/// `##[`. The first `:` of such a line is shown as `\u{3a}`, the `[` of `##[` as `\u{5b}`.
/// Text from files is escaped before it gets here; this catches what a renderer lays out
/// itself (wrapped messages, snippet and diff lines).
pub fn guard(out: &str) -> Cow<'_, str> {
    if !out.contains("##[") && !out.split('\n').any(|l| command_start(l).is_some()) {
        return Cow::Borrowed(out);
    }
    let mut fixed = String::with_capacity(out.len() + 16);
    for (n, line) in out.split('\n').enumerate() {
        if n > 0 {
            fixed.push('\n');
        }
        let line = match command_start(line) {
            Some(at) => Cow::Owned(format!("{}\\u{{3a}}{}", &line[..at], &line[at + 1..])),
            None => Cow::Borrowed(line),
        };
        fixed.push_str(&line.replace("##[", "##\\u{5b}"));
    }
    Cow::Owned(fixed)
}

/// Where a line starts a workflow command: the offset of its leading `::`, if any.
fn command_start(line: &str) -> Option<usize> {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        // An SGR color sequence (`ESC [ … m`), as the `full` format writes them.
        if let Some(seq) = trimmed.strip_prefix("\u{1b}[") {
            let end = seq.find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))?;
            rest = &seq[end + 1..];
            continue;
        }
        return trimmed
            .starts_with("::")
            .then(|| line.len() - trimmed.len());
    }
}

/// JSON text from `serde_json` (JSON, JSON Lines, SARIF): dangerous characters it leaves raw
/// (DEL, C1, separators, bidi controls, invisible characters) become `\uXXXX` escapes, and the
/// `[` of `##[` becomes `\u005b`. Outside strings JSON text is ASCII and holds no `#`, so
/// every change is inside a string and the parsed value is the same.
pub fn json(s: String) -> String {
    // `serde_json` escapes C0 controls inside strings: a raw one is layout (pretty printing).
    let escape = |c: char| c >= ' ' && is_dangerous(c);
    if !s.contains("##[") && !s.chars().any(escape) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, c) in s.char_indices() {
        if escape(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else if c == '[' && s[..i].ends_with("##") {
            out.push_str("\\u005b");
        } else {
            out.push(c);
        }
    }
    out
}

/// XML 1.0 text and attribute values (JUnit): markup characters as entities; line breaks,
/// tabs and the other dangerous characters XML allows as character references (a parser reads
/// them back, a terminal shows them as text); those XML 1.0 forbids even as references (C0
/// controls, U+FFFE, U+FFFF) as visible escapes (`\u{1b}`).
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '[' if s[..i].ends_with("##") => out.push_str("&#91;"),
            '\n' | '\r' | '\t' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                push_visible(&mut out, c)
            }
            c if is_dangerous(c) => {
                let _ = write!(out, "&#x{:x};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The name of an invisible or control character, for messages: `U+200B ZERO WIDTH SPACE`.
pub fn char_name(c: char) -> String {
    let n = c as u32;
    let name: Cow<str> = match n {
        0x00AD => "SOFT HYPHEN".into(),
        0x034F => "COMBINING GRAPHEME JOINER".into(),
        0x061C => "ARABIC LETTER MARK".into(),
        0x115F => "HANGUL CHOSEONG FILLER".into(),
        0x1160 => "HANGUL JUNGSEONG FILLER".into(),
        0x17B4 => "KHMER VOWEL INHERENT AQ".into(),
        0x17B5 => "KHMER VOWEL INHERENT AA".into(),
        0x180B..=0x180D => format!(
            "MONGOLIAN FREE VARIATION SELECTOR {}",
            ["ONE", "TWO", "THREE"][(n - 0x180B) as usize]
        )
        .into(),
        0x180E => "MONGOLIAN VOWEL SEPARATOR".into(),
        0x180F => "MONGOLIAN FREE VARIATION SELECTOR FOUR".into(),
        0x200B => "ZERO WIDTH SPACE".into(),
        0x200C => "ZERO WIDTH NON-JOINER".into(),
        0x200D => "ZERO WIDTH JOINER".into(),
        0x200E => "LEFT-TO-RIGHT MARK".into(),
        0x200F => "RIGHT-TO-LEFT MARK".into(),
        0x2028 => "LINE SEPARATOR".into(),
        0x2029 => "PARAGRAPH SEPARATOR".into(),
        0x202A => "LEFT-TO-RIGHT EMBEDDING".into(),
        0x202B => "RIGHT-TO-LEFT EMBEDDING".into(),
        0x202C => "POP DIRECTIONAL FORMATTING".into(),
        0x202D => "LEFT-TO-RIGHT OVERRIDE".into(),
        0x202E => "RIGHT-TO-LEFT OVERRIDE".into(),
        0x2060 => "WORD JOINER".into(),
        0x2061 => "FUNCTION APPLICATION".into(),
        0x2062 => "INVISIBLE TIMES".into(),
        0x2063 => "INVISIBLE SEPARATOR".into(),
        0x2064 => "INVISIBLE PLUS".into(),
        0x2066 => "LEFT-TO-RIGHT ISOLATE".into(),
        0x2067 => "RIGHT-TO-LEFT ISOLATE".into(),
        0x2068 => "FIRST STRONG ISOLATE".into(),
        0x2069 => "POP DIRECTIONAL ISOLATE".into(),
        0x206A => "INHIBIT SYMMETRIC SWAPPING".into(),
        0x206B => "ACTIVATE SYMMETRIC SWAPPING".into(),
        0x206C => "INHIBIT ARABIC FORM SHAPING".into(),
        0x206D => "ACTIVATE ARABIC FORM SHAPING".into(),
        0x206E => "NATIONAL DIGIT SHAPES".into(),
        0x206F => "NOMINAL DIGIT SHAPES".into(),
        0x3164 => "HANGUL FILLER".into(),
        0xFE00..=0xFE0F => format!("VARIATION SELECTOR-{}", n - 0xFE00 + 1).into(),
        0xFEFF => "ZERO WIDTH NO-BREAK SPACE".into(),
        0xFFA0 => "HALFWIDTH HANGUL FILLER".into(),
        0xFFF9 => "INTERLINEAR ANNOTATION ANCHOR".into(),
        0xFFFA => "INTERLINEAR ANNOTATION SEPARATOR".into(),
        0xFFFB => "INTERLINEAR ANNOTATION TERMINATOR".into(),
        0x1BCA0 => "SHORTHAND FORMAT LETTER OVERLAP".into(),
        0x1BCA1 => "SHORTHAND FORMAT CONTINUING OVERLAP".into(),
        0x1BCA2 => "SHORTHAND FORMAT DOWN STEP".into(),
        0x1BCA3 => "SHORTHAND FORMAT UP STEP".into(),
        0xE0001 => "LANGUAGE TAG".into(),
        0xE007F => "CANCEL TAG".into(),
        0xE0020..=0xE007E => format!("TAG CHARACTER `{}`", char::from((n - 0xE0000) as u8)).into(),
        0xE0100..=0xE01EF => format!("VARIATION SELECTOR-{}", n - 0xE0100 + 17).into(),
        0x7F => "DELETE".into(),
        0x00..=0x1F | 0x80..=0x9F => "CONTROL CHARACTER".into(),
        _ => "INVISIBLE FORMAT CHARACTER".into(),
    };
    format!("U+{n:04X} {name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shows_every_dangerous_character() {
        assert_eq!(text("plain 标题 ❤️ a:b"), "plain 标题 ❤️ a:b");
        assert!(matches!(text("plain 标题"), Cow::Borrowed(_)));
        assert_eq!(
            text("a\nb\r\tc\u{1b}[31m\u{7f}\u{85}\u{2028}\u{2029}"),
            "a\\nb\\r\\tc\\u{1b}[31m\\u{7f}\\u{85}\\u{2028}\\u{2029}"
        );
        assert_eq!(
            text("\u{202a}\u{202e}\u{2066}\u{2069}\u{200b}\u{200d}\u{2060}\u{feff}\u{e0041}"),
            "\\u{202a}\\u{202e}\\u{2066}\\u{2069}\\u{200b}\\u{200d}\\u{2060}\\u{feff}\\u{e0041}"
        );
        assert_eq!(text("x ##[add-mask]y # [z]"), "x ##\\u{5b}add-mask]y # [z]");
    }

    #[test]
    fn every_control_and_format_character_is_dangerous() {
        for n in (0..0x20).chain(0x7f..0xa0) {
            assert!(is_dangerous(char::from_u32(n).unwrap()), "{n:x}");
        }
        for c in [
            '\u{200e}',
            '\u{200f}',
            '\u{061c}',
            '\u{3164}',
            '\u{e0001}',
            '\u{fff9}',
        ] {
            assert!(is_dangerous(c) && is_invisible(c), "{c:?}");
        }
        for c in ['\u{fe0f}', '\u{a0}', '\u{3000}', 'é', '标'] {
            assert!(!is_dangerous(c), "{c:?}");
        }
    }

    #[test]
    fn snippets_keep_lines_and_map_offsets() {
        let s = "a: \"x\u{202e}y\"\r\nb: 标\u{200b}\n";
        let e = Escaped::new(s);
        assert_eq!(e.text, "a: \"x\\u{202e}y\"\r\nb: 标\\u{200b}\n");
        let rlo = s.find('\u{202e}').unwrap();
        assert_eq!(
            &e.text[e.to_escaped(rlo)..e.to_escaped(rlo + 3)],
            "\\u{202e}"
        );
        let zw = s.find('\u{200b}').unwrap();
        assert_eq!(&e.text[e.to_escaped(zw)..e.to_escaped(zw + 3)], "\\u{200b}");
        assert_eq!(e.to_escaped(s.len()), e.text.len());
        for o in [0, rlo, rlo + 3, zw, zw + 3, s.len()] {
            assert_eq!(e.to_original(e.to_escaped(o)), o);
        }
        assert_eq!(e.to_original(e.to_escaped(rlo) + 2), rlo);
        assert_eq!(e.to_escaped(rlo + 1), e.to_escaped(rlo));
        let lone = Escaped::new("a\rb\u{1b}");
        assert_eq!(lone.text, "a\\rb\\u{1b}");
    }

    #[test]
    fn guard_stops_workflow_commands() {
        assert_eq!(guard("a.md:1:1: x\n"), "a.md:1:1: x\n");
        assert_eq!(
            guard("::error::x\n  ::stop-commands::t\n\u{3000}::warning::w\nok ##[add-mask]s"),
            "\\u{3a}:error::x\n  \\u{3a}:stop-commands::t\n\u{3000}\\u{3a}:warning::w\nok ##\\u{5b}add-mask]s"
        );
        assert_eq!(
            guard("\u{1b}[31m  ::error::x"),
            "\u{1b}[31m  \\u{3a}:error::x"
        );
        assert_eq!(guard("a ::b"), "a ::b");
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let v = serde_json::json!({"m": "a\u{202e}b\u{85}\u{e0041}##[x]\u{7f}\n"});
        let escaped = json(serde_json::to_string(&v).unwrap());
        assert!(escaped.is_ascii(), "{escaped}");
        assert!(!escaped.contains("##["));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&escaped).unwrap(),
            v
        );
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml("a<b & \"c\"\0\u{1b}\n\u{202e}##[x]"),
            "a&lt;b &amp; &quot;c&quot;\\u{0}\\u{1b}&#10;&#x202e;##&#91;x]"
        );
    }

    #[test]
    fn names() {
        assert_eq!(char_name('\u{200b}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(char_name('\u{202e}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(char_name('\u{e0061}'), "U+E0061 TAG CHARACTER `a`");
    }
}
