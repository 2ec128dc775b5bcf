//! `syntax/invisible-character`: invisible characters in keys, bidi controls anywhere in the
//! header; the character named in the message, the span on the character itself.

mod common;

use common::{json, run_in, write};
use tempfile::TempDir;

/// `(line, column, length in bytes, message)` of each `syntax/invisible-character` in `text`.
fn found(name: &str, text: &str) -> Vec<(u64, u64, u64, String)> {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, text);
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "syntax/invisible-character",
            name,
        ],
    );
    json(&out)
        .iter()
        .map(|d| {
            assert_eq!(d["rule"], "syntax/invisible-character");
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["length"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn keys_values_and_comments_with_cjk_and_crlf() {
    let text = "---\r\n\
        标题: \"中文\u{202e}反转\"\r\n\
        dra\u{200b}ft: true\r\n\
        params:\r\n  标\u{2060}签: [a]\r\n\
        \"ti\\u200Btle\": x\r\n\
        v: ab # 注释\u{2066}\r\n\
        ---\r\nbody \u{202e} is not the header\r\n";
    let f = found("a.md", text);
    assert_eq!(
        f,
        [
            (
                2,
                8,
                3,
                "bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE in the front matter: it reorders how the text around it is displayed".to_string()
            ),
            (
                3,
                4,
                3,
                "the key `dra\u{200b}ft` contains an invisible character, U+200B ZERO WIDTH SPACE"
                    .to_string()
            ),
            (
                5,
                4,
                3,
                "the key `标\u{2060}签` contains an invisible character, U+2060 WORD JOINER"
                    .to_string()
            ),
            // Written as an escape: the key is reported as a whole.
            (
                6,
                1,
                13,
                "the key `ti\u{200b}tle` contains an invisible character, U+200B ZERO WIDTH SPACE"
                    .to_string()
            ),
            (
                7,
                11,
                3,
                "bidirectional control character U+2066 LEFT-TO-RIGHT ISOLATE in the front matter: it reorders how the text around it is displayed".to_string()
            ),
        ]
    );
    // The span is the character itself: its offset is where it is in the file.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", text);
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-cache",
            "--select",
            "syntax/invisible-character",
            "a.md",
        ],
    );
    let offsets: Vec<u64> = json(&out)
        .iter()
        .map(|d| d["offset"].as_u64().unwrap())
        .collect();
    assert_eq!(offsets[0] as usize, text.find('\u{202e}').unwrap());
    assert_eq!(offsets[1] as usize, text.find('\u{200b}').unwrap());
    assert_eq!(offsets[2] as usize, text.find('\u{2060}').unwrap());
    assert_eq!(offsets[4] as usize, text.find('\u{2066}').unwrap());
}

#[test]
fn the_help_names_the_key_it_looks_like() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ndra\u{200b}ft: true\n---\n");
    let out = run_in(dir.path(), &["--format", "json", "--no-cache", "a.md"]);
    let d = &json(&out)[0];
    assert_eq!(d["rule"], "syntax/invisible-character");
    assert_eq!(
        d["help"],
        "remove it: this key looks like `draft` but is another key, so the site generator does not see `draft`"
    );
    assert_eq!(out.status.code(), Some(1), "an error by default");
}

#[test]
fn toml_and_json_headers() {
    let f = found(
        "b.md",
        "+++\r\n\"dra\\u200Bft\" = true\r\n\"ti\u{feff}tle\" = \"a\u{202e}b\"\r\n+++\r\n",
    );
    let at: Vec<(u64, u64, u64)> = f.iter().map(|x| (x.0, x.1, x.2)).collect();
    assert_eq!(at, [(2, 1, 13), (3, 4, 3), (3, 14, 3)], "{f:#?}");
    let f = found(
        "c.md",
        "{\r\n\"dra\\u200Bft\": true, \"x\u{200d}y\": \"中\u{2067}\"\r\n}\r\n",
    );
    let at: Vec<(u64, u64, u64)> = f.iter().map(|x| (x.0, x.1, x.2)).collect();
    assert_eq!(at, [(2, 1, 13), (2, 24, 3), (2, 31, 3)], "{f:#?}");
}

#[test]
fn legitimate_invisible_characters_in_values_are_fine() {
    // Emoji sequences join with U+200D, Persian uses U+200C, right-to-left text uses U+200E and
    // U+200F marks, and emoji pick their glyph with variation selectors.
    let text = "---\ntitle: \"👨\u{200d}👩\u{200d}👧 ❤\u{fe0f}\"\nsummary: \"می\u{200c}خواهم\"\n\
                description: \"עברית\u{200f} (C++)\u{200e}\"\n---\n";
    assert_eq!(found("a.md", text), []);
    assert_eq!(found("b.md", "---\ntitle: plain ASCII\n---\n"), []);
}

#[test]
fn suppressed_like_any_rule() {
    let text = "---\n# frontlint-disable-next-line syntax/invisible-character -- on purpose\ntitle: \"a\u{202e}b\"\n---\n";
    assert_eq!(found("a.md", text), []);
}
