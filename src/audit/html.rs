//! The audit as one self-contained HTML page: inline CSS and SVG, no script, no font, no
//! request of any kind; light and dark (`prefers-color-scheme`), narrow screens and print.
//! Everything taken from files goes through [`h`]: controls made visible, then HTML-escaped.

use std::fmt::Write as _;

use super::Audit;
use crate::diagnostic::Severity;
use crate::infer::thousands;

/// Text from a file, for HTML text and attribute values.
pub fn h(s: &str) -> String {
    let visible = crate::escape::text(s);
    let mut out = String::with_capacity(visible.len());
    for c in visible.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--bg:#fff;--fg:#1d2024;--muted:#5b6470;--line:#d9dde3;--card:#f5f7f9;--err:#c8322d;--warn:#c98a06;--bar:#3b6fd1;--heat:200,50,45}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e4e7eb;--muted:#9aa3ad;--line:#343a41;--card:#1e2226;--err:#f0625c;--warn:#e6b33d;--bar:#6b9cf5;--heat:240,98,92}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
nav a{margin-right:.8rem;color:var(--bar)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}.card b{display:block;font-size:1.4rem}
.muted{color:var(--muted)}.err{color:var(--err)}.warn{color:var(--warn)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.9rem}th,td{border:1px solid var(--line);padding:.2rem .45rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td:first-child{min-width:8em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
details{margin:.2rem 0}summary{cursor:pointer}
svg{max-width:100%;height:auto}svg text{fill:var(--fg);font-size:11px}
.bar{fill:var(--bar)}.bar-err{fill:var(--err)}.bar-warn{fill:var(--warn)}
@media (max-width:600px){body{padding:.5rem;font-size:14px}table{font-size:.8rem}td code{white-space:nowrap;overflow-wrap:normal}}
@media print{nav{display:none}details{display:block}details>*{display:block}body{max-width:none}h2{break-after:avoid}}
"#;

fn card(out: &mut String, label: &str, value: usize, class: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><b class=\"{class}\">{}</b>{label}</div>",
        thousands(value)
    );
}

/// A horizontal bar chart: (label, value, class).
fn bars(out: &mut String, rows: &[(String, usize, &str)]) {
    if rows.is_empty() {
        out.push_str("<p class=\"muted\">Nothing to show.</p>");
        return;
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let (label_w, bar_w, row_h) = (260.0, 420.0, 18.0);
    let height = row_h * rows.len() as f64 + 4.0;
    let _ = write!(
        out,
        "<svg role=\"img\" viewBox=\"0 0 {} {height}\" width=\"{}\" aria-label=\"bar chart\">",
        label_w + bar_w + 70.0,
        label_w + bar_w + 70.0
    );
    for (i, (label, value, class)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let w = (*value as f64 / max as f64 * bar_w).max(1.0);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{class}\" x=\"{}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 12.0,
            h(label),
            label_w,
            row_h - 4.0,
            label_w + w + 4.0,
            y + 12.0,
            thousands(*value)
        );
    }
    out.push_str("</svg>");
}

/// A column chart: (label, value); every `label_every`-th label is written.
fn columns(out: &mut String, cols: &[(String, usize)]) {
    if cols.is_empty() {
        out.push_str("<p class=\"muted\">No dates.</p>");
        return;
    }
    let max = cols.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let (chart_h, width) = (160.0, 1000.0);
    let col_w = (width / cols.len() as f64).min(40.0);
    let label_every = ((cols.len() as f64 * 60.0 / width).ceil() as usize).max(1);
    let _ = write!(
        out,
        "<svg role=\"img\" viewBox=\"0 0 {} {}\" aria-label=\"column chart\">",
        col_w * cols.len() as f64 + 40.0,
        chart_h + 40.0
    );
    let _ = write!(out, "<text x=\"0\" y=\"10\">{}</text>", thousands(max));
    for (i, (label, value)) in cols.iter().enumerate() {
        let x = 30.0 + i as f64 * col_w;
        let hgt = *value as f64 / max as f64 * chart_h;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{hgt:.1}\"><title>{}: {}</title></rect>",
            chart_h + 14.0 - hgt,
            (col_w - 1.0).max(0.5),
            h(label),
            thousands(*value)
        );
        if i % label_every == 0 {
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{}\">{}</text>",
                chart_h + 30.0,
                h(label)
            );
        }
    }
    out.push_str("</svg>");
}

fn table_open(out: &mut String, head: &[&str]) {
    out.push_str("<div class=\"scroll\"><table><thead><tr>");
    for c in head {
        match c.strip_prefix(' ') {
            Some(n) => {
                let _ = write!(out, "<th class=\"n\">{n}</th>");
            }
            None => {
                let _ = write!(out, "<th>{c}</th>");
            }
        }
    }
    out.push_str("</tr></thead><tbody>");
}

fn table_close(out: &mut String) {
    out.push_str("</tbody></table></div>");
}

fn num(n: usize) -> String {
    format!("<td class=\"n\">{}</td>", thousands(n))
}

pub fn render(a: &Audit) -> String {
    let mut out = String::with_capacity(64 << 10);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\"><title>frontlint audit</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>frontlint audit</h1>\n<nav><a href=\"#overview\">Overview</a><a href=\"#problems\">Problems</a><a href=\"#fields\">Fields</a><a href=\"#time\">Time</a><a href=\"#taxonomies\">Taxonomies and languages</a><a href=\"#links\">Links and images</a></nav>\n");

    // Overview.
    let o = &a.overview;
    out.push_str("<h2 id=\"overview\">Overview</h2><div class=\"cards\">");
    card(&mut out, "files", o.files, "");
    card(&mut out, "with front matter", o.files_with_front_matter, "");
    card(&mut out, "with problems", o.files_with_problems, "");
    card(&mut out, "errors", o.errors, "err");
    card(&mut out, "warnings", o.warnings, "warn");
    card(&mut out, "fixable with --fix", o.fixable, "");
    card(
        &mut out,
        "fixable with --unsafe-fixes",
        o.unsafe_fixable,
        "",
    );
    let _ = write!(
        out,
        "</div><p class=\"muted\">Generator: {}. Time taken: {:.2} s. frontlint {}.</p>",
        h(&o.generator),
        o.seconds,
        h(a.version)
    );
    // A heading and a bar per count.
    let counts =
        |out: &mut String, title: &str, counts: &std::collections::BTreeMap<String, usize>| {
            let _ = write!(out, "<h3>{title}</h3>");
            let rows: Vec<(String, usize, &str)> =
                counts.iter().map(|(k, v)| (k.clone(), *v, "bar")).collect();
            bars(out, &rows);
        };
    if !o.by_kind.is_empty() {
        counts(&mut out, "Files by kind", &o.by_kind);
    }
    counts(&mut out, "Pages by section", &o.by_section);
    if !o.by_language.is_empty() {
        counts(&mut out, "Pages by language", &o.by_language);
    }

    // Problems.
    let p = &a.problems;
    out.push_str("\n<h2 id=\"problems\">Problems</h2><h3>Per rule</h3>");
    let rows: Vec<(String, usize, &str)> = p
        .statistics
        .iter()
        .map(|r| {
            let class = if r.severity == Severity::Error {
                "bar-err"
            } else {
                "bar-warn"
            };
            (
                format!("{} ({})", r.rule, r.severity.as_str()),
                r.count,
                class,
            )
        })
        .collect();
    bars(&mut out, &rows);
    table_open(
        &mut out,
        &[
            " Count",
            "Rule",
            "Severity",
            " Files",
            " Fixable",
            " Unsafe fixable",
        ],
    );
    for r in &p.statistics {
        let _ = write!(
            out,
            "<tr>{}<td><code>{}</code></td><td class=\"{}\">{}</td>{}{}{}</tr>",
            num(r.count),
            h(&r.rule),
            if r.severity == Severity::Error {
                "err"
            } else {
                "warn"
            },
            r.severity.as_str(),
            num(r.files),
            num(r.fixable),
            num(r.unsafe_fixable)
        );
    }
    table_close(&mut out);
    if !p.heat_map.rows.is_empty() {
        out.push_str("<h3>Problems per folder and rule group</h3>");
        let max = p
            .heat_map
            .rows
            .iter()
            .flat_map(|r| r.counts.iter())
            .copied()
            .max()
            .unwrap_or(1)
            .max(1);
        let mut head = vec!["Folder".to_string()];
        head.extend(p.heat_map.groups.iter().map(|g| format!(" {}", h(g))));
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        table_open(&mut out, &head);
        for r in &p.heat_map.rows {
            let _ = write!(out, "<tr><td><code>{}</code></td>", h(&r.folder));
            for n in &r.counts {
                let alpha = if *n == 0 {
                    0.0
                } else {
                    0.12 + 0.78 * (*n as f64 / max as f64)
                };
                let _ = write!(
                    out,
                    "<td class=\"n\" style=\"background:rgba(var(--heat),{alpha:.2})\">{}</td>",
                    if *n == 0 {
                        String::new()
                    } else {
                        thousands(*n)
                    }
                );
            }
            out.push_str("</tr>");
        }
        table_close(&mut out);
    }
    if !p.top_files.is_empty() {
        out.push_str("<h3>Files with the most problems</h3>");
        table_open(&mut out, &["File", " Errors", " Warnings"]);
        for f in &p.top_files {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td>{}{}</tr>",
                h(&f.path),
                num(f.errors),
                num(f.warnings)
            );
        }
        table_close(&mut out);
    }
    out.push_str("<h3>Every diagnostic, by rule</h3>");
    if p.listed < p.total {
        let _ = write!(
            out,
            "<p class=\"muted\">The first {} of {} diagnostics are listed; <code>frontlint audit --format json</code> or <code>frontlint --format json</code> lists them all.</p>",
            thousands(p.listed),
            thousands(p.total)
        );
    }
    for (rule, list) in &p.diagnostics {
        let _ = write!(
            out,
            "<details><summary><code>{}</code> ({})</summary>",
            h(rule),
            thousands(list.len())
        );
        table_open(&mut out, &["File", "Severity", "Message"]);
        for d in list {
            let _ = write!(
                out,
                "<tr><td><code>{}:{}:{}</code></td><td class=\"{}\">{}</td><td>{}</td></tr>",
                h(&d.path),
                d.line,
                d.column,
                if d.severity == Severity::Error {
                    "err"
                } else {
                    "warn"
                },
                d.severity.as_str(),
                h(&d.message)
            );
        }
        table_close(&mut out);
        out.push_str("</details>");
    }

    // Fields.
    let f = &a.fields;
    out.push_str("\n<h2 id=\"fields\">Fields</h2>");
    table_open(
        &mut out,
        &["Key", " Files", " Share", "Types", " Distinct", "Examples"],
    );
    for s in &f.fields {
        let share = s.share();
        let types = s.types_seen();
        let examples: Vec<String> = s
            .examples
            .iter()
            .map(|(v, n)| format!("<code>{}</code> ({n})", h(v)))
            .collect();
        let typo = s
            .typo_of
            .as_ref()
            .map(|t| {
                format!(
                    " <span class=\"warn\">typo of <code>{}</code>?</span>",
                    h(t)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td><code>{}</code>{typo}</td>{}<td class=\"n\">{share:.1} %</td><td>{}</td><td class=\"n\">{}{}</td><td>{}</td></tr>",
            h(&s.key),
            num(s.files),
            types.join(", "),
            if s.more_distinct { "&gt; " } else { "" },
            thousands(s.distinct),
            examples.join(", ")
        );
    }
    table_close(&mut out);
    if !f.outliers.is_empty() {
        out.push_str("<h3>Outliers and likely typos</h3>");
        table_open(&mut out, &["File", "Key", "Value", "Why"]);
        for o in &f.outliers {
            let _ = write!(
                out,
                "<tr><td><code>{}:{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                h(&o.path),
                o.line,
                h(&o.key),
                h(&o.value),
                h(&o.why)
            );
        }
        table_close(&mut out);
        if f.outliers.len() < f.outliers_total {
            let _ = write!(
                out,
                "<p class=\"muted\">{} of {} outliers shown.</p>",
                f.outliers.len(),
                f.outliers_total
            );
        }
    }

    // Time.
    let t = &a.time;
    out.push_str("\n<h2 id=\"time\">Time</h2><h3>Publications per month</h3>");
    let months = fill_months(&t.per_month);
    columns(&mut out, &months);
    out.push_str("<h3>Age of the last modification</h3>");
    let ages: Vec<(String, usize, &str)> = t
        .lastmod_age
        .iter()
        .map(|(b, n)| (b.clone(), *n, "bar"))
        .collect();
    bars(&mut out, &ages);
    out.push_str("<h3>Date formats</h3>");
    table_open(&mut out, &["Format", " Values"]);
    for (k, n) in &t.date_formats {
        let _ = write!(out, "<tr><td><code>{}</code></td>{}</tr>", h(k), num(*n));
    }
    table_close(&mut out);
    for (title, list) in [("Future pages", &t.future), ("Expired pages", &t.expired)] {
        let _ = write!(out, "<h3>{title} ({})</h3>", thousands(list.len()));
        paths(&mut out, list);
    }

    // Taxonomies and languages.
    out.push_str("\n<h2 id=\"taxonomies\">Taxonomies and languages</h2>");
    if a.taxonomies.is_empty() {
        out.push_str("<p class=\"muted\">No taxonomy terms.</p>");
    }
    for tax in &a.taxonomies {
        let _ = write!(
            out,
            "<h3><code>{}</code>: {} pages, {} terms</h3>",
            h(&tax.key),
            thousands(tax.pages),
            thousands(tax.terms.len())
        );
        let top: Vec<(String, usize, &str)> = tax
            .terms
            .iter()
            .take(30)
            .map(|(t, n)| (t.clone(), *n, "bar"))
            .collect();
        bars(&mut out, &top);
        if tax.terms.len() > 30 {
            let _ = write!(
                out,
                "<details><summary>All {} terms</summary><p>",
                thousands(tax.terms.len())
            );
            let all: Vec<String> = tax
                .terms
                .iter()
                .map(|(t, n)| format!("{} ({n})", h(t)))
                .collect();
            out.push_str(&all.join(", "));
            out.push_str("</p></details>");
        }
        if !tax.near_duplicates.is_empty() {
            out.push_str("<p>Near-duplicate terms:</p><ul>");
            for g in &tax.near_duplicates {
                let s: Vec<String> = g
                    .iter()
                    .map(|(t, n)| format!("<code>{}</code> ({n})", h(t)))
                    .collect();
                let _ = write!(out, "<li>{}</li>", s.join(", "));
            }
            out.push_str("</ul>");
        }
    }
    if !a.languages.missing.is_empty() {
        out.push_str("<h3>Missing translations</h3>");
        table_open(&mut out, &["Page", "Missing languages"]);
        for (k, l) in &a.languages.missing {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                h(k),
                h(&l.join(", "))
            );
        }
        table_close(&mut out);
    }

    // Links and images.
    let l = &a.links;
    out.push_str(
        "\n<h2 id=\"links\">Links and images</h2><h3>Broken links and images by rule</h3>",
    );
    let broken: Vec<(String, usize, &str)> = l
        .broken
        .iter()
        .map(|(r, n)| (r.clone(), *n, "bar-err"))
        .collect();
    bars(&mut out, &broken);
    out.push_str("<h3>Where header images come from</h3>");
    let hosts: Vec<(String, usize, &str)> = l
        .image_hosts
        .iter()
        .map(|(r, n)| (r.clone(), *n, "bar"))
        .collect();
    bars(&mut out, &hosts);
    let _ = write!(
        out,
        "<p>Pages without a header image: {}.</p>",
        thousands(l.pages_without_image)
    );
    if let Some(orphans) = &l.orphans {
        let _ = write!(
            out,
            "<h3>Pages no other page links to ({})</h3><p class=\"muted\">Links in page bodies; the list pages the generator makes are not counted.</p>",
            thousands(orphans.len())
        );
        paths(&mut out, orphans);
    }
    out.push_str("\n</body></html>\n");
    out
}

fn paths(out: &mut String, list: &[String]) {
    if list.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>");
        return;
    }
    out.push_str("<ul>");
    for p in list.iter().take(100) {
        let _ = write!(out, "<li><code>{}</code></li>", h(p));
    }
    out.push_str("</ul>");
    if list.len() > 100 {
        let _ = write!(
            out,
            "<p class=\"muted\">and {} more.</p>",
            thousands(list.len() - 100)
        );
    }
}

/// Every month from the first to the last, empty months included (over 50 years, as a
/// stray far-future date makes: only the months with pages).
fn fill_months(per_month: &std::collections::BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let parse = |m: &str| -> Option<i64> {
        let (y, mo) = m.split_once('-')?;
        Some(y.parse::<i64>().ok()? * 12 + mo.parse::<i64>().ok()? - 1)
    };
    let (Some(first), Some(last)) = (
        per_month.keys().next().and_then(|m| parse(m)),
        per_month.keys().next_back().and_then(|m| parse(m)),
    ) else {
        return Vec::new();
    };
    if last - first >= 600 {
        return per_month.iter().map(|(k, v)| (k.clone(), *v)).collect();
    }
    (first..=last)
        .map(|i| {
            let key = format!("{:04}-{:02}", i / 12, i % 12 + 1);
            let n = per_month.get(&key).copied().unwrap_or(0);
            (key, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            h("<script>\"x\"&'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;"
        );
        assert_eq!(h("a\u{1b}[31m"), "a\\u{1b}[31m");
    }

    #[test]
    fn months_filled() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("2023-11".to_string(), 2);
        m.insert("2024-02".to_string(), 1);
        let f = fill_months(&m);
        let keys: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(f[1].1, 0);
    }
}
