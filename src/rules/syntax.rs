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

/// `syntax/empty` and `syntax/not-a-mapping`: the header parsed but holds no keys.
pub fn shape(doc: &Document, out: &mut Vec<Diagnostic>) {
    match doc.root.map(|r| &r.value) {
        None | Some(Value::Null) => out.push(
            Diagnostic::new(
                "syntax/empty",
                doc.header_span(),
                "the front matter is empty",
            )
            .help("add the page's keys (at least a title), or remove the empty delimiters"),
        ),
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
