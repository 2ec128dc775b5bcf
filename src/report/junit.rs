//! `--format junit`: one `<testsuite>` per file with problems, one failing `<testcase>` per
//! diagnostic (GitLab, Jenkins and most CI dashboards read it).

use std::io::Write;

use super::FileReport;

pub fn write(out: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    let total: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="frontlint" tests="{total}" failures="{total}">"#
    )?;
    for f in files {
        let n = f.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{n}" failures="{n}">"#,
            escape(&f.path)
        )?;
        for l in &f.diagnostics {
            let d = &l.diagnostic;
            let at = format!("{}:{}:{}", f.path, l.start.line, l.start.column);
            writeln!(
                out,
                r#"    <testcase name="{} at {}:{}" classname="{}">"#,
                escape(d.rule),
                l.start.line,
                l.start.column,
                escape(&f.path)
            )?;
            let mut text = format!("{at}: {}[{}] {}", d.severity.as_str(), d.rule, d.message);
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(d.rule),
                escape(&d.message),
                escape(&text)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// XML text and attribute values: `crate::escape::xml`.
fn escape(s: &str) -> String {
    crate::escape::xml(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape() {
        assert_eq!(
            super::escape("a<b & \"c\"\0\u{202e}"),
            "a&lt;b &amp; &quot;c&quot;\\u{0}&#x202e;"
        );
    }
}
