//! bytes → lint a file (split, parse, schema, every rule) → every output format.
//! Invariants: no panic, no `internal/error`, every span inside the file on char boundaries.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use frontlint::lint::{Settings, lint_bytes};
use frontlint::report::{FileReport, Format, write};
use libfuzzer_sys::fuzz_target;

/// Compiled once: schema compilation is not what is fuzzed.
static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let settings = SETTINGS.get_or_init(|| Settings {
        rules: Default::default(),
        schema: Some(Arc::new(frontlint::schema::Schema::builtin())),
        ..Default::default()
    });
    let linted = lint_bytes(Path::new("fuzz.md"), data.to_vec(), settings);
    for d in &linted.diagnostics {
        assert_ne!(d.rule, "internal/error", "{}", d.message);
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            assert!(span.start <= span.end && span.end <= linted.text.len());
            assert!(linted.text.is_char_boundary(span.start) && linted.text.is_char_boundary(span.end));
        }
    }
    let files = [FileReport::new("fuzz.md".into(), linted.text, linted.diagnostics)];
    for format in [Format::Full, Format::Concise, Format::Json, Format::JsonLines, Format::Github, Format::Sarif, Format::Junit] {
        let mut out = Vec::new();
        write(&mut out, format, &files, false, Path::new("/")).unwrap();
    }
});
