//! `--fix`, `--unsafe-fixes`, `--diff`: edits keep everything else of the file, are idempotent,
//! and a plain run afterwards reports none of the fixed problems.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{frontlint, json, run_in, stderr, stdout, write};
use tempfile::TempDir;

const PAGE: &str = "\u{feff}---\r\n# 注释保留\r\ntitle: '标题'\r\ndate: \"2019-05-27T4:55:44+08:00\"\r\ncomments: yes\r\ntags:\r\n  - 新闻\r\n  - Go\r\n  - 新闻\r\nlang: zh_CN\r\nsummary: \"Hello world, this is the fir\"\r\n---\r\nHello world, this is the first post.\r\n";

/// A site whose YAML reader is 1.1 (Jekyll, MkDocs), so `comments: yes` is safely `true`.
fn site(page: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "[yaml]\nreader = \"1.1\"\n");
    write(
        dir.path(),
        "schema.json",
        r#"{"properties": {"comments": {"type": "boolean"}}}"#,
    );
    write(dir.path(), "a.md", page);
    dir
}

fn rules_of(dir: &std::path::Path) -> Vec<String> {
    let out = frontlint()
        .args([
            "--format",
            "json",
            "--no-cache",
            "--schema",
            "schema.json",
            "a.md",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    json(&out)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diff_shows_the_changes_and_changes_nothing() {
    let dir = site(PAGE);
    let out = run_in(dir.path(), &["--diff", "--schema", "schema.json", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(diff.starts_with("--- a.md\n+++ a.md\n@@ "), "{diff}");
    for line in [
        "\n-date: \"2019-05-27T4:55:44+08:00\"\r\n",
        "\n+date: \"2019-05-27T04:55:44+08:00\"\r\n",
        "\n-comments: yes\r\n",
        "\n+comments: true\r\n",
        "\n   - Go\r\n-  - 新闻\r\n",
        "\n-lang: zh_CN\r\n",
        "\n+lang: zh-CN\r\n",
    ] {
        assert!(diff.contains(line), "{line:?} not in\n{diff}");
    }
    assert!(
        !diff.contains("\n+summary"),
        "unsafe fixes need --unsafe-fixes: {diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        PAGE
    );
}

#[test]
fn fix_then_lint_reports_none_of_the_fixed_problems() {
    let dir = site(PAGE);
    let before = rules_of(dir.path());
    for r in [
        "date/nonstandard",
        "yaml/ambiguous-scalar",
        "taxonomy/duplicate",
        "lang/invalid",
    ] {
        assert!(before.iter().any(|b| b == r), "{r} in {before:?}");
    }
    let out = run_in(dir.path(), &["--fix", "--schema", "schema.json", "a.md"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Fixed 4 problems in 1 file."),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = rules_of(dir.path());
    for r in [
        "date/nonstandard",
        "yaml/ambiguous-scalar",
        "taxonomy/duplicate",
        "lang/invalid",
    ] {
        assert!(
            !after.iter().any(|a| a == r),
            "{r} still reported: {after:?}"
        );
    }
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(
        fixed,
        PAGE.replace("T4:55", "T04:55")
            .replace("comments: yes", "comments: true")
            .replace("  - Go\r\n  - 新闻\r\n", "  - Go\r\n")
            .replace("zh_CN", "zh-CN"),
        "the BOM, CRLF, comment, quoting, key order and body are kept"
    );
    // Idempotent: a second --fix changes nothing.
    let out = run_in(dir.path(), &["--diff", "--schema", "schema.json", "a.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn unsafe_fixes_rewrite_summaries_only_when_asked() {
    let page = "---\ntitle: t\nsummary: \"Hello world, this is the fir\"\ndescription: \"2月10日消息，美国当地时间周日...\"\n---\n2月10日消息，美国当地时间周六，OpenAI首席执行官发文。\n";
    let dir = site(page);
    run_in(dir.path(), &["--fix", "a.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        page
    );
    run_in(dir.path(), &["--fix", "--unsafe-fixes", "a.md"]);
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        fixed.contains("description: \"2月10日消息，美国当地时间周六...\""),
        "{fixed}"
    );
    assert!(
        rules_of(dir.path())
            .iter()
            .all(|r| !r.starts_with("summary/mismatch"))
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(PAGE);
    let path = dir.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    run_in(dir.path(), &["--fix", "a.md"]);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), PAGE);
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let dir = site(PAGE);
    let path = dir.path().join("a.md");
    let settings = frontlint::lint::Settings::default();
    let read = frontlint::fix::read(&path).unwrap();
    let fixed = frontlint::fix::fix_text(Path::new("a.md"), &read.text, &settings, false).unwrap();
    std::fs::write(&path, "---\ntitle: edited meanwhile\n---\n").unwrap();
    let err = frontlint::fix::write_back(&path, &read, &fixed.fixed).unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "---\ntitle: edited meanwhile\n---\n"
    );
}

/// Found by the `fix` fuzz target: a regenerated summary copied NUL bytes from the body into a
/// double-quoted YAML string, where they must be escaped; the fixed header did not parse.
#[test]
fn regenerated_summaries_escape_control_characters() {
    let page = "---\ntitle: t\nsummary: \"2月10日消息，美国当地时间周日，OpenAI...\"\n---\n\n2月10日消息，美国当地时间周六\0\0\0\0penAI首席执行官发文。\n";
    let settings = frontlint::lint::Settings::default();
    let path = std::path::Path::new("a.md");
    let fixed =
        frontlint::fix::fix_text(path, page, &settings, true).expect("a summary fix applies");
    assert!(fixed.fixed.contains("\\u0000"), "{}", fixed.fixed);
    let after = frontlint::lint::lint_text(path, &fixed.fixed, &settings);
    assert!(
        !after.iter().any(|d| d.rule.starts_with("syntax/")),
        "{after:?}"
    );
}

/// Found by the `fix` fuzz target: a plain summary regenerated as `YAML 1.1 re:` ended with a
/// colon, which YAML reads as a mapping key; such values are quoted.
#[test]
fn regenerated_plain_values_are_quoted_when_yaml_would_misread_them() {
    // (The summary shares its first character with the body: an excerpt, not a teaser.)
    let page = "---\ntitle: t\nsummary: YNNNNNNNNNNNNNNNNNNN...\n---\nYAML 1.1 re:\n";
    let settings = frontlint::lint::Settings::default();
    let path = std::path::Path::new("a.md");
    let fixed =
        frontlint::fix::fix_text(path, page, &settings, true).expect("a summary fix applies");
    assert!(
        fixed.fixed.contains("summary: \"YAML 1.1 re:\"\n"),
        "{}",
        fixed.fixed
    );
    let after = frontlint::lint::lint_text(path, &fixed.fixed, &settings);
    assert!(
        !after.iter().any(|d| d.rule.starts_with("syntax/")),
        "{after:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 12, section 1: `--fix` changes exactly what it says, or nothing.

use frontlint::lint::{RuleOptions, Settings};
use frontlint::rules::yaml::YamlReader;

fn settings_with(reader: YamlReader) -> Settings {
    Settings {
        options: std::sync::Arc::new(RuleOptions {
            yaml_reader: reader,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The file after `--fix` (or `--unsafe-fixes`) in memory; the original when nothing applies.
fn fixed_with(page: &str, reader: YamlReader, unsafe_fixes: bool) -> String {
    let settings = settings_with(reader);
    frontlint::fix::fix_text(Path::new("a.md"), page, &settings, unsafe_fixes)
        .map_or_else(|| page.to_string(), |f| f.fixed)
}

/// Whether `yaml/ambiguous-scalar` reports anything in `page` for `reader`.
fn has_diagnostic(page: &str, reader: YamlReader) -> bool {
    frontlint::lint::lint_text(Path::new("a.md"), page, &settings_with(reader))
        .iter()
        .any(|d| d.rule == "yaml/ambiguous-scalar")
}

fn fixed(page: &str) -> String {
    fixed_with(page, YamlReader::Unknown, false)
}

/// 1.1: a fixed block scalar keeps its style, its header line, its indentation and what
/// follows it (the next key, the closing delimiter), with LF and CRLF.
#[test]
fn block_scalars_keep_their_style_and_what_follows_them() {
    for (page, want) in [
        (
            "---\ndate: >-\n  2019-05-27T4:55:44+08:00\ndraft: true\n---\n正文\n",
            "---\ndate: >-\n  2019-05-27T04:55:44+08:00\ndraft: true\n---\n正文\n",
        ),
        (
            "---\nlang: >-\n  zh_CN\n---\n正文\n",
            "---\nlang: >-\n  zh-CN\n---\n正文\n",
        ),
        (
            "---\r\ndate: |-\r\n  2019-05-27T4:55:44+08:00\r\ndraft: true\r\n---\r\n",
            "---\r\ndate: |-\r\n  2019-05-27T04:55:44+08:00\r\ndraft: true\r\n---\r\n",
        ),
        (
            "---\nlang: >2- # 语言\n  zh_CN\ntitle: 标题\n---\n",
            "---\nlang: >2- # 语言\n  zh-CN\ntitle: 标题\n---\n",
        ),
        (
            "---\nlang: &l !!str |-\n  zh_CN\nlanguage: *l\n---\n",
            "---\nlang: &l !!str |-\n  zh-CN\nlanguage: *l\n---\n",
        ),
    ] {
        assert_eq!(fixed(page), want, "{page:?}");
    }
    // A block scalar whose value the new text cannot be written in (clip chomping keeps a
    // line break the date cannot have; several lines): no fix, the file stays.
    for page in [
        "---\ndate: |\n  2019-05-27T4:55:44+08:00\ndraft: true\n---\n",
        "---\nsummary: >-\n  Hello world,\n  this is the fir\n---\nHello world, this is the first post.\n",
    ] {
        assert_eq!(fixed_with(page, YamlReader::Unknown, true), page);
    }
}

/// 1.1: anchors, tags, quoting and trailing comments stay; an alias follows its anchor.
#[test]
fn anchors_tags_quotes_and_comments_stay() {
    for (page, want) in [
        (
            "---\ndate: &d 2019-05-27T4:55:44+08:00 # 注释\nlastmod: *d\n---\n",
            "---\ndate: &d 2019-05-27T04:55:44+08:00 # 注释\nlastmod: *d\n---\n",
        ),
        (
            "---\r\ndate: !!str \"2019-05-27T4:55:44+08:00\" # c\r\nlang: &l 'zh_CN' # 语言\r\nx: *l\r\n---\r\n",
            "---\r\ndate: !!str \"2019-05-27T04:55:44+08:00\" # c\r\nlang: &l 'zh-CN' # 语言\r\nx: *l\r\n---\r\n",
        ),
        (
            "---\nlang: [zh_CN, !!str en] # 列表\n---\n",
            "---\nlang: [zh-CN, !!str en] # 列表\n---\n",
        ),
    ] {
        assert_eq!(fixed(page), want, "{page:?}");
    }
}

/// 1.1: a repeated block-list item goes whole: its `-`, its value (also on the next line, or a
/// block scalar), its anchor or tag, its comment.
#[test]
fn duplicate_block_list_items_are_removed_whole() {
    let page = "---\ntags:\n  - 新闻\n  -\n    新闻\n  - Go   # 注释\n  - !!str go\n  - >-\n    新闻\n  - 'GO' # c\n  - |-\n    go\ntitle: t\n---\n";
    assert_eq!(
        fixed(page),
        "---\ntags:\n  - 新闻\n  - Go   # 注释\ntitle: t\n---\n"
    );
    // An item that defines an anchor stays: an alias elsewhere may need it.
    let anchored = "---\ntags:\n  - go\n  - &g go\n  - &h >-\n    go\nx: *g\n---\n";
    assert_eq!(fixed(anchored), anchored);
    let crlf = "---\r\ntags:\r\n- a\r\n-\r\n  a\r\n- b\r\n---\r\n";
    assert_eq!(fixed(crlf), "---\r\ntags:\r\n- a\r\n- b\r\n---\r\n");
    // Flow lists, TOML and JSON: the item and one comma.
    for (page, want) in [
        (
            "---\ntags: [a, b, !!str a,\n  'A'] # c\n---\n",
            "---\ntags: [a, b] # c\n---\n",
        ),
        (
            "+++\ntags = [\"a\", 'b', \"a\"]\ndate = \"2019-05-27T4:55:44+08:00\"\nlang = 'zh_CN'\n+++\n",
            "+++\ntags = [\"a\", 'b']\ndate = \"2019-05-27T04:55:44+08:00\"\nlang = 'zh-CN'\n+++\n",
        ),
        (
            "{\n  \"tags\": [\"a\", \"b\", \"a\"],\n  \"lang\": \"zh_CN\"\n}\n正文\n",
            "{\n  \"tags\": [\"a\", \"b\"],\n  \"lang\": \"zh-CN\"\n}\n正文\n",
        ),
    ] {
        assert_eq!(fixed(page), want, "{page:?}");
    }
}

/// 1.4: which YAML reader reads the files decides the fix of an ambiguous scalar: safe only
/// when it keeps what that reader reads today, checked against the readers themselves
/// (`tests/data/readers/`: Hugo 0.168 for 1.2; Jekyll 4.3 and PyYAML 6 for 1.1, and go-yaml
/// v2, which Hugo used before 0.152, from its `resolve.go`).
#[test]
fn ambiguous_scalar_fixes_keep_what_the_reader_reads() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readers");
    let read = |name: &str| -> HashMap<String, String> {
        std::fs::read_to_string(data.join(name))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), normalize(v)))
            .collect()
    };
    let hugo = read("ORACLE-hugo-scalars.txt");
    let jekyll = read("ORACLE-jekyll.txt");
    let pyyaml = read("ORACLE-pyyaml.txt");
    // gopkg.in/yaml.v2 resolve.go: `y`/`Y`/`n`/`N` and yes/on/no/off in three spellings are
    // booleans, `_` is dropped and strconv.ParseInt(…, 0, 64) reads a leading 0 as octal,
    // base 60 is "purposefully unsupported" (a string).
    let go_yaml_v2: HashMap<String, String> = [
        ("sa", "bool:true"),
        ("sb", "bool:true"),
        ("sc", "bool:true"),
        ("sd", "bool:true"),
        ("se", "bool:false"),
        ("sf", "str:yEs"),
        ("sg", "int:493"),
        ("sh", "int:-15"),
        ("si", "int:493"),
        ("sj", "str:1:20"),
        ("sk", "str:190:20:30.15"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let scalars = std::fs::read_to_string(data.join("content/scalars.md")).unwrap();
    let mut safe = (0, 0);
    for line in scalars
        .lines()
        .filter(|l| l.starts_with('s') && l.contains(": "))
    {
        let (key, raw) = line.split_once(": ").unwrap();
        let page = format!("---\n{key}: {raw}\n---\n");
        let readers_11 = [&jekyll, &pyyaml, &go_yaml_v2];
        for (reader, readers) in [
            (YamlReader::Yaml11, &readers_11[..]),
            (YamlReader::Yaml12, &[&hugo][..]),
        ] {
            // A site that reads YAML 1.2 reads `yes`/`no`/`on`/`off` as the text they are: the
            // rule has nothing to report there, and so no fix.
            if reader == YamlReader::Yaml12
                && readers[0][key].starts_with("str:")
                && !has_diagnostic(&page, reader)
            {
                continue;
            }
            let after = fixed_with(&page, reader, false);
            if after == page {
                // No safe fix: the readers of this group disagree, or keeping the value
                // needs a form this rule does not write.
                let readings: Vec<&String> = readers.iter().map(|r| &r[key]).collect();
                let agree = readings.iter().all(|r| *r == readings[0]);
                let plain_form =
                    readings[0].starts_with("bool:") || readings[0].starts_with("int:");
                assert!(
                    !agree || !plain_form && reader == YamlReader::Yaml11,
                    "{reader:?} `{raw}`: every reader reads {readings:?}, a safe fix was expected"
                );
                continue;
            }
            let now = value_of(&after, key);
            for r in readers {
                assert_eq!(r[key], now, "{reader:?} `{raw}` fixed to {after:?}");
            }
            if reader == YamlReader::Yaml11 {
                safe.0 += 1;
            } else {
                safe.1 += 1;
            }
        }
    }
    // 1.1: yes, Yes, on, 0755, -017, 0_755. 1.2: the three octals, 1:20 and 190:20:30.15
    // (the six booleans are text to a 1.2 reader: not reported).
    assert_eq!(safe, (6, 5));

    // Unknown reader: nothing with --fix; with --unsafe-fixes the text is quoted.
    let page = "---\ncomments: yes\nlead: 0755\ntime: 1:20\n---\n";
    assert_eq!(fixed_with(page, YamlReader::Unknown, false), page);
    assert_eq!(
        fixed_with(page, YamlReader::Unknown, true),
        "---\ncomments: \"yes\"\nlead: \"0755\"\ntime: \"1:20\"\n---\n"
    );
    // The reader comes from the config.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "[yaml]\nreader = \"1.2\"\n");
    let path = write(dir.path(), "a.md", page);
    run_in(dir.path(), &["--fix", "a.md"]);
    // `yes` is text to a 1.2 reader: left as it is.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "---\ncomments: yes\nlead: 493\ntime: \"1:20\"\n---\n"
    );
}

/// A reading from an oracle file, as `kind:value`.
fn normalize(v: &str) -> String {
    let (kind, value) = match v.split_once(':') {
        Some((k, rest)) if !v.starts_with('"') => (k, rest),
        _ => ("", v),
    };
    match kind {
        "string" | "str" => format!("str:{value}"),
        "uint64" | "int64" | "int" => format!("int:{value}"),
        "float" | "float64" => format!("float:{value}"),
        "bool" => format!("bool:{}", value.to_lowercase()),
        _ => match v {
            "true" | "false" => format!("bool:{v}"),
            _ if v.starts_with('"') => format!("str:{}", v.trim_matches('"')),
            _ if v.contains('.') => format!("float:{v}"),
            _ => format!("int:{v}"),
        },
    }
}

/// The value of `key` in a one-key YAML page, as frontlint reads it after the fix.
fn value_of(page: &str, key: &str) -> String {
    let frontlint::split::Split::Found(fm) = frontlint::split::split(page) else {
        panic!("{page}")
    };
    let parsed = frontlint::parse::parse(page, &fm);
    let root = parsed.root.unwrap();
    match &root.get(key).unwrap().value {
        frontlint::parse::Value::Bool(b) => format!("bool:{b}"),
        frontlint::parse::Value::Int(i) => format!("int:{i}"),
        frontlint::parse::Value::String(s) => format!("str:{s}"),
        v => format!("{v:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 1.5 Files that are not plain files, 1.6 races, 1.7 unreadable files and diff headers.

/// A page with one safe fix (the date), so that `--fix` wants to write it.
const FIXABLE: &str = "---\ntitle: 标题\ndate: 2019-05-27T4:55:44+08:00\n---\n正文\n";

/// Run with a deadline: a hang is a failure, not a stuck test run.
fn run_timed(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = frontlint()
        .args(args)
        .current_dir(dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some(),
        "frontlint {args:?} did not finish: {}",
        stderr(&out)
    );
    out
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_never_written_through_or_replaced() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    let target = write(dir.path(), "real/page.txt", FIXABLE);
    std::os::unix::fs::symlink("real/page.txt", dir.path().join("a.md")).unwrap();
    let out = run_timed(dir.path(), &["--fix", "--format", "full", "a.md"]);
    let link = std::fs::symlink_metadata(dir.path().join("a.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FIXABLE);
    assert!(
        stderr(&out).contains("a.md: not fixed: symbolic link"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("note: not fixed: symbolic link"),
        "{}",
        stdout(&out)
    );
    // --diff shows nothing for it either: --fix would not change it.
    let out = run_timed(dir.path(), &["--diff", "a.md"]);
    assert_eq!(stdout(&out), "");
}

#[cfg(unix)]
#[test]
fn hard_links_are_not_split_and_read_only_files_not_rewritten() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    let a = write(dir.path(), "a.md", FIXABLE);
    std::fs::hard_link(&a, dir.path().join("other-name.txt")).unwrap();
    let ro = write(dir.path(), "ro.md", FIXABLE);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let inode = std::fs::metadata(&a).unwrap().ino();
    let out = run_timed(dir.path(), &["--fix", "a.md", "ro.md"]);
    let err = stderr(&out);
    assert!(err.contains("a.md: not fixed: hard link (2 names"), "{err}");
    assert!(
        err.contains("ro.md: not fixed: the file is read-only"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&a).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), FIXABLE);
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), FIXABLE);
    assert_eq!(std::fs::metadata(&ro).unwrap().mode() & 0o777, 0o444);
}

/// Owner and group (when run as root, the only user who can give a file another owner), mode
/// bits and extended attributes are those of the file that was replaced.
#[cfg(target_os = "linux")]
#[test]
fn owner_group_mode_and_extended_attributes_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    let a = write(dir.path(), "a.md", FIXABLE);
    // A file we create is ours: its owner is our effective user.
    let root = std::fs::metadata(&a).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&a, Some(4321), Some(8765)).unwrap();
    }
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o2660)).unwrap();
    let xattr = rustix::fs::setxattr(
        &a,
        "user.frontlint",
        "值".as_bytes(),
        rustix::fs::XattrFlags::empty(),
    );
    let before = std::fs::metadata(&a).unwrap();
    let out = run_timed(dir.path(), &["--fix", "a.md"]);
    assert!(
        stderr(&out).contains("Fixed 1 problem in 1 file."),
        "{}",
        stderr(&out)
    );
    let after = std::fs::metadata(&a).unwrap();
    assert_ne!(after.ino(), before.ino(), "replaced by a new file");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if root {
        assert_eq!((after.uid(), after.gid()), (4321, 8765));
    } else {
        eprintln!("not root: the owner cannot be changed, so only the unchanged owner is checked");
    }
    assert_eq!(after.mode() & 0o7777, 0o2660);
    match xattr {
        Ok(()) => {
            let mut value = [0u8; 16];
            let n = rustix::fs::getxattr(&a, "user.frontlint", &mut value[..]).unwrap();
            assert_eq!(&value[..n], "值".as_bytes());
        }
        Err(e) => eprintln!("this file system has no user extended attributes ({e}): not checked"),
    }
}

/// A FIFO, `/dev/zero` behind a link and a 2 GiB sparse file are read with lint's checks: no
/// hang, no 2 GiB in memory, nothing written; each is reported and the run fails.
#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_files_are_reported_not_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    let fifo = dir.path().join("fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(2 << 30).unwrap();
    drop(big);
    for mode in ["--fix", "--diff"] {
        for name in ["fifo.md", "zero.md", "big.md"] {
            let out = run_timed(dir.path(), &[mode, "--format", "concise", name]);
            // The link out of the tree is refused, so nothing is linted: exit 2 (issue 14).
            let expected = if name == "zero.md" { 2 } else { 1 };
            assert_eq!(
                out.status.code(),
                Some(expected),
                "{mode} {name}: {}",
                stderr(&out)
            );
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                ["file/unreadable", "file/too-large", "file/outside-root"]
                    .iter()
                    .any(|r| all.contains(r)),
                "{mode} {name}: {all}"
            );
            assert!(!all.contains("Fixed 1"), "{all}");
        }
    }
    assert_eq!(
        std::fs::metadata(dir.path().join("big.md")).unwrap().len(),
        2 << 30
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("zero.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// 1.6: a save between the moment the fixed text is on disk (synced) and the rename is never
/// overwritten: the check runs after the temporary file is written, right before the rename.
#[test]
fn a_save_while_the_fix_is_written_is_never_overwritten() {
    let saved = "---\ntitle: saved meanwhile\n---\n";
    // Same size and same modification time as the version read: only the content tells.
    let same_size = FIXABLE.replace("正文", "正常");
    for (what, change) in [
        ("another text", saved.to_string()),
        ("same size, same time", same_size),
    ] {
        let dir = TempDir::new().unwrap();
        let path = write(dir.path(), "a.md", FIXABLE);
        let read = frontlint::fix::read(&path).unwrap();
        let settings = Settings::default();
        let fixed =
            frontlint::fix::fix_text(Path::new("a.md"), &read.text, &settings, false).unwrap();
        let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
        let mut called = false;
        let err = frontlint::fix::write_back_with(&path, &read, &fixed.fixed, &mut || {
            called = true;
            // The temporary file is already complete next to the file.
            let temps: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert_eq!(temps.len(), 1, "{temps:?}");
            let temp = std::fs::read_to_string(dir.path().join(&temps[0])).unwrap();
            assert_eq!(temp, fixed.fixed);
            // An editor saves in place.
            std::fs::write(&path, &change).unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(mtime).unwrap();
        })
        .unwrap_err();
        assert!(called);
        assert!(err.contains("changed on disk"), "{what}: {err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), change, "{what}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "{what}: the temporary file is removed");
    }
    // Without a save in between, the same call writes.
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.md", FIXABLE);
    let read = frontlint::fix::read(&path).unwrap();
    let fixed =
        frontlint::fix::fix_text(Path::new("a.md"), &read.text, &Settings::default(), false)
            .unwrap();
    frontlint::fix::write_back_with(&path, &read, &fixed.fixed, &mut || {}).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed.fixed);
}

/// 1.7: `--diff` and `--fix` report a file they cannot read as a diagnostic and fail.
#[test]
fn unreadable_files_are_reported_by_diff_and_fix() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    write(dir.path(), "gbk.md", b"---\ntitle: \xb1\xea\xcc\xe2\n---\n");
    write(dir.path(), "ok.md", FIXABLE);
    let out = run_timed(dir.path(), &["--diff", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("gbk.md:2:8: error[syntax/encoding]"), "{err}");
    assert!(
        stdout(&out).contains("+date: 2019-05-27T04:55:44+08:00"),
        "{}",
        stdout(&out)
    );
    let out = run_timed(dir.path(), &["--fix", "--format", "concise", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("gbk.md:2:8: error[syntax/encoding]"),
        "{}",
        stdout(&out)
    );
}

/// 1.7: a file name cannot forge a diff header: control, bidi and invisible characters in it
/// are shown as escapes in a quoted name.
#[cfg(unix)]
#[test]
fn diff_headers_escape_file_names() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", "");
    let name = "a\n+++ b.md\u{202e}.md";
    write(dir.path(), name, FIXABLE);
    let out = run_timed(dir.path(), &["--diff", "."]);
    let diff = stdout(&out);
    let quoted = "\"a\\n+++ b.md\\u{202e}.md\"";
    assert!(
        diff.starts_with(&format!("--- {quoted}\n+++ {quoted}\n@@ ")),
        "{diff}"
    );
    assert!(!diff.lines().any(|l| l == "+++ b.md\u{202e}.md"), "{diff}");
    assert!(!diff.contains('\u{202e}'), "{diff}");
}
