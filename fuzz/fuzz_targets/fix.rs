//! bytes → a file → every fix offered, then `--fix --unsafe-fixes` under each YAML reader.
//! The property (`frontlint::fixcheck::check`): every fix a rule offers is exact (the header
//! re-parsed after its edits equals the old one with exactly the changes it declares, the rest
//! of the file byte for byte the same), and fixing drops nothing, keeps the body, keeps the
//! header parsing and is idempotent.
//!
//! The first byte picks the input: odd, the rest of the bytes as a file (UTF-8 only); even,
//! the rest as choices for `fixcheck::generate`, which builds headers from block scalars with
//! every chomping and indentation indicator, anchors, aliases, tags, comments, flow and block
//! lists, TOML and JSON, CRLF, and values that trigger every fixable rule.
#![no_main]

use std::sync::OnceLock;

use frontlint::fixcheck::{check, generate, settings};
use frontlint::lint::Settings;
use libfuzzer_sys::fuzz_target;

fn all_settings() -> &'static [Settings] {
    static SETTINGS: OnceLock<Vec<Settings>> = OnceLock::new();
    SETTINGS.get_or_init(settings)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let text = if mode % 2 == 1 {
        let Ok(text) = std::str::from_utf8(rest) else { return };
        text.to_string()
    } else {
        generate(rest)
    };
    if let Err(e) = check(&text, all_settings()) {
        panic!("{e}");
    }
});
