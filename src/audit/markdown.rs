//! The audit as Markdown: the same sections as the HTML page, as tables (no charts), for
//! `$GITHUB_STEP_SUMMARY` and pull-request comments. Text from files is escaped: controls made
//! visible, HTML and Markdown syntax characters neutralised.

use std::fmt::Write as _;

use super::Audit;
use crate::infer::thousands;

/// A table cell or inline text taken from a file.
pub fn cell(s: &str) -> String {
    let visible = crate::escape::text(s);
    let mut out = String::with_capacity(visible.len());
    for c in visible.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        head.iter()
            .map(|h| if h.starts_with(' ') { "--:" } else { "---" })
            .collect::<Vec<_>>()
            .join("|")
    );
    let mut any = false;
    for r in rows {
        any = true;
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    if !any {
        let _ = writeln!(out, "| {} |", vec!["–"; head.len()].join(" | "));
    }
    out.push('\n');
}

pub fn render(a: &Audit) -> String {
    let mut out = String::new();
    let o = &a.overview;
    let _ = writeln!(out, "# frontlint audit\n");
    let _ = writeln!(out, "## Overview\n");
    table(
        &mut out,
        &["What", " Count"],
        [
            ("Files", o.files),
            ("Files with front matter", o.files_with_front_matter),
            ("Files with problems", o.files_with_problems),
            ("Errors", o.errors),
            ("Warnings", o.warnings),
            ("Fixable (`--fix`)", o.fixable),
            ("Fixable with `--unsafe-fixes`", o.unsafe_fixable),
        ]
        .map(|(k, v)| vec![k.to_string(), thousands(v)]),
    );
    let _ = writeln!(
        out,
        "Generator: {}. Time taken: {:.2} s. frontlint {}.\n",
        o.generator, o.seconds, a.version
    );
    if !o.by_kind.is_empty() {
        let _ = writeln!(out, "### Files by kind\n");
        table(
            &mut out,
            &["Kind", " Files"],
            o.by_kind.iter().map(|(k, v)| vec![cell(k), thousands(*v)]),
        );
    }
    let _ = writeln!(out, "### Pages by section\n");
    table(
        &mut out,
        &["Section", " Pages"],
        o.by_section
            .iter()
            .map(|(k, v)| vec![cell(k), thousands(*v)]),
    );
    if !o.by_language.is_empty() {
        let _ = writeln!(out, "### Pages by language\n");
        table(
            &mut out,
            &["Language", " Pages"],
            o.by_language
                .iter()
                .map(|(k, v)| vec![cell(k), thousands(*v)]),
        );
    }

    let p = &a.problems;
    let _ = writeln!(out, "## Problems\n");
    table(
        &mut out,
        &[" Count", "Rule", "Severity", " Files", " Fixable"],
        p.statistics.iter().map(|r| {
            vec![
                thousands(r.count),
                format!("`{}`", r.rule),
                r.severity.as_str().to_string(),
                thousands(r.files),
                match (r.fixable, r.unsafe_fixable) {
                    (0, 0) => "–".into(),
                    (n, 0) => thousands(n),
                    (0, m) => format!("{} unsafe", thousands(m)),
                    (n, m) => format!("{} + {} unsafe", thousands(n), thousands(m)),
                },
            ]
        }),
    );
    if !p.heat_map.rows.is_empty() {
        let _ = writeln!(out, "### Problems per folder\n");
        let mut head = vec!["Folder".to_string()];
        head.extend(p.heat_map.groups.iter().map(|g| format!(" {g}")));
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        table(
            &mut out,
            &head,
            p.heat_map.rows.iter().map(|r| {
                let mut row = vec![cell(&r.folder)];
                row.extend(r.counts.iter().map(|n| thousands(*n)));
                row
            }),
        );
    }
    if !p.top_files.is_empty() {
        let _ = writeln!(out, "### Files with the most problems\n");
        table(
            &mut out,
            &["File", " Errors", " Warnings"],
            p.top_files
                .iter()
                .map(|f| vec![cell(&f.path), thousands(f.errors), thousands(f.warnings)]),
        );
    }
    if p.listed < p.total {
        let _ = writeln!(
            out,
            "The first {} of {} diagnostics are listed in the HTML and JSON reports; `frontlint --format json` lists them all.\n",
            thousands(p.listed),
            thousands(p.total)
        );
    }

    let f = &a.fields;
    let _ = writeln!(out, "## Fields\n");
    table(
        &mut out,
        &["Key", " Files", " Share", "Types", " Distinct", "Examples"],
        f.fields.iter().map(|s| {
            let share = s.share();
            let types = s.types_seen();
            let examples: Vec<String> = s
                .examples
                .iter()
                .map(|(v, n)| format!("{} ({n})", cell(v)))
                .collect();
            let key = match &s.typo_of {
                Some(t) => format!("{} (typo of {}?)", cell(&s.key), cell(t)),
                None => cell(&s.key),
            };
            vec![
                key,
                thousands(s.files),
                format!("{share:.1} %"),
                types.join(", "),
                format!(
                    "{}{}",
                    if s.more_distinct { "> " } else { "" },
                    thousands(s.distinct)
                ),
                examples.join(", "),
            ]
        }),
    );
    if !f.outliers.is_empty() {
        let _ = writeln!(out, "### Outliers and likely typos\n");
        table(
            &mut out,
            &["File", "Key", "Value", "Why"],
            f.outliers.iter().map(|o| {
                vec![
                    format!("{}:{}", cell(&o.path), o.line),
                    cell(&o.key),
                    cell(&o.value),
                    cell(&o.why),
                ]
            }),
        );
        if f.outliers.len() < f.outliers_total {
            let _ = writeln!(
                out,
                "{} of {} outliers shown.\n",
                f.outliers.len(),
                f.outliers_total
            );
        }
    }

    let t = &a.time;
    let _ = writeln!(out, "## Time\n");
    let _ = writeln!(out, "### Publications per month\n");
    table(
        &mut out,
        &["Month", " Pages"],
        t.per_month
            .iter()
            .map(|(m, n)| vec![m.clone(), thousands(*n)]),
    );
    let _ = writeln!(out, "### Age of the last modification\n");
    table(
        &mut out,
        &["Age", " Pages"],
        t.lastmod_age
            .iter()
            .map(|(b, n)| vec![b.clone(), thousands(*n)]),
    );
    let _ = writeln!(out, "### Date formats\n");
    table(
        &mut out,
        &["Format", " Values"],
        t.date_formats
            .iter()
            .map(|(k, n)| vec![format!("`{k}`"), thousands(*n)]),
    );
    let _ = writeln!(
        out,
        "Future pages: {}. Expired pages: {}.\n",
        list(&t.future),
        list(&t.expired)
    );

    let _ = writeln!(out, "## Taxonomies and languages\n");
    for tax in &a.taxonomies {
        let _ = writeln!(
            out,
            "### {} ({} pages, {} terms)\n",
            cell(&tax.key),
            thousands(tax.pages),
            thousands(tax.terms.len())
        );
        table(
            &mut out,
            &["Term", " Pages"],
            tax.terms
                .iter()
                .take(30)
                .map(|(t, n)| vec![cell(t), thousands(*n)]),
        );
        if !tax.near_duplicates.is_empty() {
            let _ = writeln!(out, "Near-duplicate terms:\n");
            for group in &tax.near_duplicates {
                let spellings: Vec<String> = group
                    .iter()
                    .map(|(t, n)| format!("{} ({n})", cell(t)))
                    .collect();
                let _ = writeln!(out, "- {}", spellings.join(", "));
            }
            out.push('\n');
        }
    }
    if !a.languages.missing.is_empty() {
        let _ = writeln!(out, "### Missing translations\n");
        table(
            &mut out,
            &["Page", "Missing languages"],
            a.languages
                .missing
                .iter()
                .map(|(k, l)| vec![cell(k), cell(&l.join(", "))]),
        );
    }

    let l = &a.links;
    let _ = writeln!(out, "## Links and images\n");
    table(
        &mut out,
        &["Broken by rule", " Count"],
        l.broken
            .iter()
            .map(|(r, n)| vec![format!("`{r}`"), thousands(*n)]),
    );
    table(
        &mut out,
        &["Header images from", " Images"],
        l.image_hosts
            .iter()
            .map(|(h, n)| vec![cell(h), thousands(*n)]),
    );
    let _ = writeln!(
        out,
        "Pages without a header image: {}.",
        thousands(l.pages_without_image)
    );
    if let Some(orphans) = &l.orphans {
        let _ = writeln!(
            out,
            "\nPages no other page links to (body links; generated list pages not counted): {}.",
            list(orphans)
        );
    }
    out
}

fn list(paths: &[String]) -> String {
    if paths.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = paths.iter().take(20).map(|p| cell(p)).collect();
    let more = if paths.len() > 20 {
        format!(" and {} more", paths.len() - 20)
    } else {
        String::new()
    };
    format!("{} ({}){more}", thousands(paths.len()), shown.join(", "))
}
