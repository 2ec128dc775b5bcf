//! Rule documentation: one entry per rule (why it matters, a failing and a passing example,
//! its options). `frontlint explain RULE` prints the page; `docs/rules/` holds the same pages,
//! generated from here (a test fails when they are out of date: `UPDATE_DOCS=1 cargo test`).

use super::{RULES, RuleInfo, info};

/// Where the project lives; rule pages are under `docs/rules/` there.
pub const HOME: &str = "https://github.com/frontlint/frontlint";

pub struct Doc {
    /// Why the rule matters.
    pub why: &'static str,
    /// A file the rule reports.
    pub bad: &'static str,
    /// The same file, fixed.
    pub good: &'static str,
    /// The rule's options (beyond its severity), or "".
    pub options: &'static str,
}

const fn doc(
    why: &'static str,
    bad: &'static str,
    good: &'static str,
    options: &'static str,
) -> Doc {
    Doc {
        why,
        bad,
        good,
        options,
    }
}

const SCHEMA_WHY: &str = "The site's JSON Schema is its contract for front matter: templates, feeds and search indexes read these fields and break, or silently print the wrong thing, when a value has the wrong shape. The schema comes from `--schema`, the config's `schema` (or an override's), else the built-in Hugo schema.";
const SCHEMA_OPTIONS: &str = "The schema itself: `schema = \"schemas/post.json\"` in `frontlint.toml`, per folder in `[[overrides]]`, or `--schema` on the command line.";

pub fn get(id: &str) -> Doc {
    match id {
        "file/too-large" => doc(
            "A file this large is not a content page; reading it would cost the whole run's memory budget.",
            "(a 300 MiB file named `dump.md`)",
            "exclude = [\"dump.md\"]   # in frontlint.toml",
            "",
        ),
        "file/unreadable" => doc(
            "A page that cannot be read is not built; the site generator will fail or skip it. Symlink loops and FIFOs are reported instead of hanging the run.",
            "content/post.md -> content/post.md   (a symlink to itself)",
            "content/post.md   (a regular, readable file)",
            "",
        ),
        "internal/error" => doc(
            "frontlint caught a crash while linting this file, and went on with the others. It is a bug in frontlint: please report it with the file.",
            "(any file that triggers the bug)",
            "(report it; `--ignore internal` hides it meanwhile)",
            "",
        ),
        "suppression/unused" => doc(
            "A suppression that no longer suppresses anything hides the next real problem on that line, and tells readers something that is not true.",
            "---\n# frontlint-disable-next-line syntax/duplicate-key -- imported as is\ntitle: \"No duplicate any more\"\n---",
            "---\ntitle: \"No duplicate any more\"\n---",
            "",
        ),
        "syntax/duplicate-key" => doc(
            "YAML forbids duplicate keys, but most site generators keep one of the values silently (serde_yaml and PyYAML keep the last), so half of the author's edit is lost. Keys that differ only in case are different keys.",
            "---\ntitle: \"部署Envoy代理\"\nauthor:\nauthor: \"shiva\"\n---",
            "---\ntitle: \"部署Envoy代理\"\nauthor: \"shiva\"\n---",
            "",
        ),
        "syntax/empty" => doc(
            "An empty header is usually a template that was never filled in; the page has no title or date.",
            "---\n---\nBody.",
            "---\ntitle: A page\n---\nBody.",
            "",
        ),
        "syntax/encoding" => doc(
            "Site generators read UTF-8. A GBK or UTF-16 file shows mojibake on the page or fails the build.",
            "---\ntitle: \"编码\"   # saved as GBK\n---",
            "---\ntitle: \"编码\"   # saved as UTF-8 (iconv -f GBK -t UTF-8)\n---",
            "",
        ),
        "syntax/limit" => doc(
            "A header over 4 MiB, nested over 128 levels, or expanding to over 1,000,000 values through aliases (a \"billion laughs\" alias bomb) is not front matter; parsing it would cost unbounded time and memory.",
            "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n# … ten levels\n---",
            "---\ntitle: A page\n---",
            "",
        ),
        "syntax/missing" => doc(
            "Without front matter a page has no title, date or taxonomy; Hugo and Jekyll build it with defaults or not at all. Off for folders that hold plain docs (`README.md`): set it per folder with `[[overrides]]`.",
            "# A page\n\nBody.",
            "---\ntitle: A page\n---\n\nBody.",
            "",
        ),
        "syntax/not-a-mapping" => doc(
            "Front matter is a mapping of keys to values; a list or a single value cannot give the page a title or a date.",
            "---\n- title\n- date\n---",
            "---\ntitle: A page\ndate: 2025-02-10\n---",
            "",
        ),
        "syntax/parse-error" => doc(
            "The site generator fails the build on a header it cannot parse. The position is the parser's.",
            "---\nsummary: 说明: 这里的冒号让 YAML 解析失败\n---",
            "---\nsummary: \"说明: 这里的冒号让 YAML 解析失败\"\n---",
            "",
        ),
        "syntax/unterminated" => doc(
            "Without the closing delimiter the whole file is read as header, or the page is published with its header as body text.",
            "---\ntitle: A page\n\nBody.",
            "---\ntitle: A page\n---\n\nBody.",
            "",
        ),
        "yaml/ambiguous-scalar" => doc(
            "YAML 1.1 readers (Jekyll's Psych, PyYAML, older go-yaml) read a plain `yes`, `no`, `on`, `off`, `y` or `n` as a boolean, `0755` as the octal number 493 and `1:20` as the base-60 number 80; YAML 1.2 readers (Hugo) read strings and decimals. The same file means different things to different tools.",
            "---\ncomments: yes\nlead: 0755\ntime: 1:20\n---",
            "---\ncomments: true\nlead: \"0755\"\ntime: \"1:20\"\n---",
            "",
        ),
        "yaml/unindented-flow" => doc(
            "Hugo (go-yaml) accepts a flow list whose closing `]` sits at column 0, but YAML 1.2 parsers (saphyr, yaml-rust2, js-yaml in strict mode) reject it, so other tools in the pipeline fail on the file.",
            "---\naliases: [\n  '/templates/base/',\n]\n---",
            "---\naliases: [\n  '/templates/base/',\n  ]\n---",
            "",
        ),
        id if id.starts_with("schema/") => schema_doc(id),
        _ => doc("", "", "", ""),
    }
}

fn schema_doc(id: &str) -> Doc {
    let (bad, good): (&str, &str) = match id {
        "schema/type" => ("---\ncomments: \"yes\"\n---", "---\ncomments: true\n---"),
        "schema/required" => (
            "---\nsummary: 没有标题\n---",
            "---\ntitle: 标题\nsummary: 没有标题\n---",
        ),
        "schema/enum" => (
            "---\nsidebar: middle   # enum: left, right\n---",
            "---\nsidebar: right\n---",
        ),
        "schema/format" => (
            "---\ndate: \"10/02/2025 08:00\"\n---",
            "---\ndate: 2025-02-10T08:00:00+08:00\n---",
        ),
        "schema/additionalProperties" => (
            "---\nthumbnial: /img/a.png\n---",
            "---\nthumbnail: /img/a.png\n---",
        ),
        "schema/pattern" => (
            "---\nthumbnail: http://x.example/a.png   # pattern: ^https://\n---",
            "---\nthumbnail: https://x.example/a.png\n---",
        ),
        "schema/maxLength" => (
            "---\ntitle: (a 200-character title)   # maxLength: 120\n---",
            "---\ntitle: A shorter title\n---",
        ),
        "schema/minimum" => ("---\nweight: -1   # minimum: 0\n---", "---\nweight: 1\n---"),
        _ => (
            "(a value the schema keyword rejects)",
            "(a value the schema keyword accepts)",
        ),
    };
    doc(SCHEMA_WHY, bad, good, SCHEMA_OPTIONS)
}

/// The rule's `why`, for SARIF's `fullDescription`.
pub fn full_description(id: &str) -> String {
    let d = get(id);
    if d.why.is_empty() {
        info(id).map_or_else(String::new, |r| r.summary.to_string())
    } else {
        d.why.to_string()
    }
}

/// The doc page's path under `docs/rules/`.
pub fn page_path(id: &str) -> String {
    format!("{id}.md")
}

pub fn url(id: &str) -> String {
    format!("{HOME}/blob/main/docs/rules/{}", page_path(id))
}

/// The rule's doc page, in Markdown.
pub fn page(rule: &RuleInfo) -> String {
    let d = get(rule.id);
    let mut s = format!("# `{}`\n\n", rule.id);
    s.push_str(&format!(
        "Default severity: **{}**.{}\n\n",
        rule.default.as_str(),
        if rule.fixable {
            " Fixable with `--fix`."
        } else {
            ""
        }
    ));
    s.push_str("## What it checks\n\n");
    s.push_str(rule.summary);
    s.push_str("\n\n## Why it matters\n\n");
    s.push_str(d.why);
    s.push_str("\n\n## Example\n\nReported:\n\n```markdown\n");
    s.push_str(d.bad);
    s.push_str("\n```\n\nFine:\n\n```markdown\n");
    s.push_str(d.good);
    s.push_str("\n```\n\n## Options\n\n");
    if d.options.is_empty() {
        s.push_str("None beyond its severity");
    } else {
        s.push_str(d.options);
        s.push_str(" Severity");
    }
    s.push_str(&format!(
        ": `\"{}\" = \"off\" | \"warning\" | \"error\"` under `[rules]` in `frontlint.toml`, or `--ignore {}` / `--select {}` on the command line.\n",
        rule.id, rule.id, rule.id
    ));
    s
}

/// Every page, for the docs generator and its test.
pub fn all_pages() -> Vec<(String, String)> {
    RULES.iter().map(|r| (page_path(r.id), page(r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_why_and_examples() {
        for r in RULES {
            let d = get(r.id);
            assert!(!d.why.is_empty(), "{} has no doc", r.id);
            assert!(
                !d.bad.is_empty() && !d.good.is_empty(),
                "{} has no examples",
                r.id
            );
        }
    }
}
