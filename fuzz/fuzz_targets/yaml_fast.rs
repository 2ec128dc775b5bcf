//! bytes → a YAML header → the fast path and the general parser. Wherever the fast path
//! accepts the header, both must give the same tree, spans and diagnostics.
#![no_main]

use frontlint::parse::yaml_both;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else { return };
    let text = format!("---\n{header}");
    let (fast, full) = yaml_both(&text, 4..text.len());
    if let Some(fast) = fast {
        // Debug text, so that NaN compares equal to NaN.
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{header:?}");
    }
});
