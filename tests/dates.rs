//! Date rules: true positives and the traps around offsets, drafts, quoting and TOML dates.

mod common;

use std::path::Path;

use common::{findings, frontlint, json, rule_ids, run_in, write};
use tempfile::TempDir;

const NOW: &str = "2026-01-01T00:00:00Z";

/// Lint one file (name, content) with a fixed "now"; return (rule, line, message) triples.
fn lint(name: &str, content: &str, config: Option<&str>) -> Vec<(String, u64, String)> {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, content);
    if let Some(c) = config {
        write(dir.path(), "frontlint.toml", c);
    }
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "date", "--now", NOW, name],
    );
    findings(&out)
}

#[test]
fn invalid_dates_say_why_and_suggest() {
    let found = lint(
        "a.md",
        "---\ntitle: 标题\ndate: 2025-02-30\nlastmod: \"10/02/2025 08:00\"\nexpiryDate: \"\"\n---\n",
        None,
    );
    assert_eq!(rule_ids(&found), ["date/invalid", "date/invalid"]);
    assert_eq!(found[0].1, 3);
    assert!(
        found[0].2.contains("February 2025 has 28 days"),
        "{}",
        found[0].2
    );
    assert_eq!(found[1].1, 4);
}

#[test]
fn the_jekyll_double_year_is_invalid_with_a_suggestion() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "p.md",
        "---\ndate: 2023-01-29 18:30:22 2023 -0800\n---\n",
    );
    let out = run_in(
        dir.path(),
        &["--format", "json", "--select", "date", "--now", NOW, "p.md"],
    );
    let d = &json(&out)[0];
    assert_eq!(d["rule"], "date/invalid");
    assert_eq!(d["help"], "did you mean `2023-01-29T18:30:22-08:00`?");
}

#[test]
fn nonstandard_forms_show_the_rfc3339_form() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\ndate: 2019-05-27T4:55:44+08:00\nlastmod: Sat, 03 Nov 2018 16:20:59 GMT\nexpiryDate: 2030-01-01T00:00:00+0800\n---\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "date/nonstandard",
            "--now",
            NOW,
            "a.md",
        ],
    );
    let helps: Vec<String> = json(&out)
        .iter()
        .map(|d| d["help"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(helps.len(), 3);
    assert!(
        helps[0].starts_with("write `2019-05-27T04:55:44+08:00`"),
        "{}",
        helps[0]
    );
    // Hugo ignores the zone name and reads the wall clock in the site time zone, which is not
    // configured here: the RFC 3339 form keeps that reading by having no offset either.
    assert!(
        helps[1].starts_with("write `2018-11-03T16:20:59`"),
        "{}",
        helps[1]
    );
    assert!(
        helps[2].starts_with("write `2030-01-01T00:00:00+08:00`"),
        "{}",
        helps[2]
    );
}

#[test]
fn future_compares_instants_and_respects_drafts() {
    // 07:00 at +08:00 is 23:00 UTC the day before "now": not future, though a reading that
    // ignored the offset would say so.
    assert!(lint("a.md", "---\ndate: 2026-01-01T07:00:00+08:00\n---\n", None).is_empty());
    let found = lint(
        "b.md",
        "---\ndate: \"2026-01-01T09:00:00+08:00\"\n---\n",
        None,
    );
    assert_eq!(rule_ids(&found), ["date/future"]);
    assert!(lint("c.md", "---\ndate: 2030-01-01\ndraft: true\n---\n", None).is_empty());
    // publishDate wins over date.
    let found = lint(
        "d.md",
        "---\ndate: 2020-01-01\npublishDate: 2031-01-01\n---\n",
        None,
    );
    assert_eq!(found[0].1, 3);
}

#[test]
fn site_time_zone_reads_values_without_offset() {
    // 2026-01-01 07:00 in Shanghai is 2025-12-31 23:00 UTC: not future there, future in UTC.
    let content = "---\ndate: 2026-01-01 07:00:00\n---\n";
    assert_eq!(rule_ids(&lint("a.md", content, None)), ["date/future"]);
    assert!(
        lint(
            "a.md",
            content,
            Some("[dates]\ntimezone = \"Asia/Shanghai\"\n")
        )
        .is_empty()
    );
}

#[test]
fn order_compares_instants_with_labels_on_both() {
    // lastmod's text sorts before date's, but as an instant it is later: fine.
    assert!(
        lint(
            "a.md",
            "---\ndate: 2025-02-10T08:00:00+08:00\nlastmod: 2025-02-10T01:00:00Z\n---\n",
            None
        )
        .is_empty()
    );
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "b.md",
        "---\ndate: 2025-02-10\nlastmod: 2025-02-09\nexpiryDate: 2025-01-01\n---\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "date/order",
            "--now",
            NOW,
            "b.md",
        ],
    );
    let found = json(&out);
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[0]["message"],
        "`lastmod` is before `date`: the page was modified before it was published"
    );
    assert_eq!(
        found[1]["message"],
        "`expiryDate` is before `date`: the page expires before it is published"
    );
    let full = run_in(
        dir.path(),
        &[
            "--format",
            "full",
            "--select",
            "date/order",
            "--now",
            NOW,
            "b.md",
        ],
    );
    let text = String::from_utf8(full.stdout).unwrap();
    assert!(
        text.contains("2025-02-09 00:00:00 +00:00") && text.contains("2025-02-10 00:00:00 +00:00"),
        "{text}"
    );
}

#[test]
fn expired_pages_warn_unless_draft() {
    assert_eq!(
        rule_ids(&lint(
            "a.md",
            "---\ndate: 2020-01-01\nexpiryDate: 2025-06-01\n---\n",
            None
        )),
        ["date/expired"]
    );
    assert!(
        lint(
            "a.md",
            "---\ndate: 2020-01-01\nexpiryDate: 2025-06-01\ndraft: true\n---\n",
            None
        )
        .is_empty()
    );
}

#[test]
fn filename_and_folder_dates() {
    assert_eq!(
        rule_ids(&lint(
            "2025-02-10-slug.md",
            "---\ndate: 2025-02-11T01:00:00+08:00\n---\n",
            None
        )),
        ["date/filename-mismatch"]
    );
    // As written, in its own offset: 2025-02-10 at +08:00 matches although it is the 9th in UTC.
    assert!(
        lint(
            "2025-02-10-slug.md",
            "---\ndate: 2025-02-10T01:00:00+08:00\n---\n",
            None
        )
        .is_empty()
    );
    assert!(
        lint(
            "2025-02-10-19-30-00-slug.md",
            "---\ndate: 2025-02-10 19:30:00\n---\n",
            None
        )
        .is_empty()
    );
    assert_eq!(
        rule_ids(&lint(
            "posts/2025/03/x.md",
            "---\ndate: 2025-02-10\n---\n",
            None
        )),
        ["date/filename-mismatch"]
    );
    assert!(lint("posts/2025/02/x.md", "---\ndate: 2025-02-10\n---\n", None).is_empty());
}

#[test]
fn toml_native_dates_and_aliases_case_insensitively() {
    let found = lint(
        "a.md",
        "+++\nDate = 2031-01-01T00:00:00Z\nLastMod = 2030-01-01\nPubDate = \"\"\n+++\n",
        None,
    );
    assert_eq!(rule_ids(&found), ["date/future", "date/order"]);
    // Native TOML dates are never "nonstandard".
    assert!(lint("b.md", "+++\ndate = 2025-01-01 07:00:00Z\n+++\n", None).is_empty());
}

#[test]
fn missing_timezone_is_opt_in_and_extra_fields_are_parsed() {
    let content = "---\ndate: 2025-02-10T07:55:15\neventDate: 2025-13-01\n---\n";
    assert!(lint("a.md", content, None).is_empty());
    let found = lint(
        "a.md",
        content,
        Some(
            "[rules]\n\"date/missing-timezone\" = \"warning\"\n[dates]\nfields = [\"eventDate\"]\n",
        ),
    );
    assert_eq!(rule_ids(&found), ["date/missing-timezone", "date/invalid"]);
}

#[test]
fn invalid_date_is_not_reported_twice_by_the_schema() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ndate: 2025-02-30\n---\n");
    let out = run_in(dir.path(), &["--format", "json", "--now", NOW, "a.md"]);
    let r: Vec<_> = json(&out)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(r, ["date/invalid"]);
}

#[test]
fn now_comes_from_the_environment_and_bad_values_exit_two() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "---\ndate: 2025-06-01\n---\n");
    let run = |env: &str| {
        frontlint()
            .args(["--format", "json", "a.md"])
            .env("FRONTLINT_NOW", env)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert_eq!(json(&run("2025-01-01T00:00:00Z")).len(), 1);
    assert_eq!(json(&run("2025-07-01T00:00:00Z")).len(), 0);
    assert_eq!(run("yesterday").status.code(), Some(2));
}

#[test]
fn corpora_findings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !root.is_dir() {
        eprintln!("skipped: no corpora");
        return;
    }
    let run = |rel: &str| {
        let out = frontlint()
            .args([
                "--format",
                "json",
                "--select",
                "date",
                "--now",
                "2026-11-28T00:00:00Z",
            ])
            .arg(root.join(rel))
            .output()
            .unwrap();
        json(&out)
    };
    let sm = run("servicemesher__website");
    let one_digit = sm
        .iter()
        .filter(|d| {
            d["rule"] == "date/nonstandard" && d["message"].as_str().unwrap().contains("one digit")
        })
        .count();
    assert_eq!(one_digit, 7);
    let jk = run("jekyll__jekyll/docs/_posts");
    let mismatched = jk
        .iter()
        .filter(|d| d["rule"] == "date/filename-mismatch")
        .count();
    assert_eq!(mismatched, 9);
    assert!(jk.iter().any(|d| {
        d["rule"] == "date/invalid"
            && d["path"]
                .as_str()
                .unwrap()
                .ends_with("2023-01-29-jekyll-3-9-3-released.markdown")
    }));
}

/// Hugo reads a date whose zone is a name (`GMT`, `UTC`, `MST`) in the site time zone: with
/// `timeZone = "Asia/Shanghai"`, `Mon, 02 Jan 2006 15:04:05 GMT` is 15:04:05+08:00. The
/// oracle is `hugo list all` of the site in `tests/data/readers/` (Hugo 0.168). frontlint with
/// `[dates] timezone = "Asia/Shanghai"` must read every page's date at the instant Hugo read,
/// and `--fix` must write a date that keeps that instant.
#[test]
fn named_zones_are_read_in_the_site_time_zone() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readers");
    let oracle = std::fs::read_to_string(site.join("ORACLE-hugo-list-all.csv")).unwrap();
    let mut checked = 0;
    for line in oracle.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let (path, title, hugo_date) = (cols[0], cols[2], cols[3]);
        if title == "scalars" {
            continue;
        }
        let page = std::fs::read_to_string(site.join(path)).unwrap();
        let written = page
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .unwrap()
            .trim_matches('"');
        let hugo: jiff::Timestamp = hugo_date.parse().unwrap();
        let shanghai = jiff::tz::TimeZone::get("Asia/Shanghai").unwrap();
        let ours = frontlint::dates::parse(written).unwrap();
        assert_eq!(ours.timestamp(&shanghai), Some(hugo), "{path}: {written}");

        // The date rules agree: "now" between the UTC reading and Hugo's reading.
        let dir = TempDir::new().unwrap();
        write(
            dir.path(),
            "frontlint.toml",
            "[dates]\ntimezone = \"Asia/Shanghai\"\n",
        );
        write(dir.path(), "p.md", &page);
        let just_after = hugo
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap();
        let out = run_in(
            dir.path(),
            &[
                "--format",
                "json",
                "--select",
                "date",
                "--now",
                &just_after.to_string(),
                "p.md",
            ],
        );
        let found = findings(&out);
        assert!(
            !rule_ids(&found).contains(&"date/future"),
            "{path}: Hugo publishes it one second later: {found:?}"
        );

        // The fix keeps Hugo's instant.
        let out = run_in(
            dir.path(),
            &["--fix", "--select", "date", "--now", NOW, "p.md"],
        );
        assert!(out.status.code().is_some(), "{out:?}");
        let fixed = std::fs::read_to_string(dir.path().join("p.md")).unwrap();
        let value = fixed
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .unwrap()
            .trim_matches('"');
        let again = frontlint::dates::parse(value).unwrap();
        assert_eq!(
            again.timestamp(&shanghai),
            Some(hugo),
            "{path}: fixed to {value}"
        );
        if ours.nonstandard.is_some() {
            assert!(
                again.offset.is_some(),
                "{path}: {value} keeps the instant explicitly"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 8, "every page of the oracle site");
}
