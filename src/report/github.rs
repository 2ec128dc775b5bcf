//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request's diff. Text from files is first shown through `crate::escape::text`
//! (control, bidi and invisible characters as visible escapes, so it holds no line break),
//! then escaped per the runner's rules: in the message `%`, `\r` and `\n`; in properties
//! also `:` and `,`. Each line is a command frontlint wrote; no text from a file can start one.

use std::io::Write;

use super::FileReport;
use crate::diagnostic::Severity;

pub fn write(out: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    for f in files {
        for l in &f.diagnostics {
            let d = &l.diagnostic;
            let command = match d.severity {
                Severity::Error | Severity::Off => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&f.path),
                l.start.line,
                l.start.column,
                l.end.line,
                l.end.column,
                property(&format!("frontlint({})", d.rule)),
                data(&d.message),
            )?;
        }
    }
    Ok(())
}

fn data(s: &str) -> String {
    crate::escape::text(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done\\r\\nnext");
        assert_eq!(property("x\n::error::y.md"), "x\\n%3A%3Aerror%3A%3Ay.md");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
