//! bytes → fix → lint again. Invariants: a fix never breaks a header that parsed, never touches
//! the body, and is idempotent (fixing the fixed text changes nothing).
#![no_main]

use std::path::Path;

use frontlint::fix::fix_text;
use frontlint::lint::{Settings, lint_text};
use frontlint::split::{Split, split};
use libfuzzer_sys::fuzz_target;

fn syntax_errors(text: &str, settings: &Settings) -> usize {
    lint_text(Path::new("fuzz.md"), text, settings)
        .iter()
        .filter(|d| d.rule == "syntax/parse-error" || d.rule == "syntax/unterminated")
        .count()
}

fn body(text: &str) -> &str {
    match split(text) {
        Split::Found(fm) => &text[fm.body_start..],
        _ => text,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let settings = Settings::default();
    let Some(fixed) = fix_text(Path::new("fuzz.md"), text, &settings, true) else { return };
    if syntax_errors(text, &settings) == 0 {
        assert_eq!(syntax_errors(&fixed.fixed, &settings), 0, "a fix broke the header:\n{}", fixed.fixed);
    }
    assert_eq!(body(text), body(&fixed.fixed), "a fix touched the body");
    assert!(fix_text(Path::new("fuzz.md"), &fixed.fixed, &settings, true).is_none(), "not idempotent");
});
