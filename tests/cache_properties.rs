//! The cache never changes a verdict: random sequences of edits, renames, removals, moves of
//! "now", config and schema changes and runs from another folder, on a small site (CJK text,
//! CRLF in some files), compare the cached report with `--no-cache` after every step.
//!
//! 12 sequences by default (each step runs frontlint twice); `PROPTEST_CASES` sets another
//! number. Failures are not persisted to files: a failure found here is kept as a test below.

mod common;

use common::{frontlint, stdout, write};
use proptest::prelude::*;
use tempfile::TempDir;

/// Page bodies and headers the steps write: dates around the base "now" (2026-11-28T00:00Z),
/// links to the other pages and their headings, duplicate keys and terms, CRLF and CJK.
const PAGES: &[&str] = &[
    "---\ntitle: 甲\ndate: 2026-11-28T00:30:00Z\ntags: [a, A]\n---\n## 安装\n[乙](b.md#用法) [丙](../c.md)\n",
    "---\r\ntitle: 乙\r\ndate: 2026-11-27T23:00:00+08:00\r\nexpiryDate: 2026-11-28T01:00:00Z\r\n---\r\n## 用法\r\n[甲](a.md#安装)\r\n",
    "---\ntitle: 丙\ntitle: 丁\nlastmod: 2026-11-20\ndate: 2026-11-28\n---\n[x](missing.md) [y](#nowhere)\n",
    "---\r\ntitle: \"标题\"\r\ndraft: 'no'\r\npublishDate: 2026-11-28T02:00:00\r\n---\r\n正文 [乙](b.md)\r\n",
    "+++\ntitle = \"戊\"\ndate = 2026-11-27T12:00:00Z\n+++\n## 用法\n[甲](a.md)\n",
    "{\"title\": \"己\", \"date\": \"2026-11-28T00:00:01Z\", \"tags\": [\"x\", \"x\"]}\n\n[b](../content/b.md#用法)\n",
];

const NAMES: &[&str] = &["a.md", "b.md", "c.md", "sub/d.md"];

const CONFIGS: &[&str] = &[
    "",
    "schema = \"schema.json\"\n",
    "schema = \"schema.json\"\n[dates]\ntimezone = \"Asia/Shanghai\"\n",
    "[rules]\n\"date/future\" = \"off\"\n\"syntax/duplicate-key\" = \"warning\"\n",
];

const TITLE_DEFS: &[&str] = &[
    r#"{"type": "string"}"#,
    r#"{"type": "string", "maxLength": 1}"#,
    r#"{"type": "string", "pattern": "^[a-z]+$"}"#,
];

#[derive(Debug, Clone)]
enum Step {
    Write { name: usize, page: usize },
    Rename { from: usize, to: usize },
    Remove { name: usize },
    Now { minutes: i64 },
    Config { config: usize },
    Defs { defs: usize },
    FromContent,
    FromRoot,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..NAMES.len(), 0..PAGES.len()).prop_map(|(name, page)| Step::Write { name, page }),
        1 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(from, to)| Step::Rename { from, to }),
        1 => (0..NAMES.len()).prop_map(|name| Step::Remove { name }),
        3 => prop::sample::select(vec![-1440i64, -90, -30, -1, 1, 29, 31, 61, 90, 121, 600])
            .prop_map(|minutes| Step::Now { minutes }),
        1 => (0..CONFIGS.len()).prop_map(|config| Step::Config { config }),
        1 => (0..TITLE_DEFS.len()).prop_map(|defs| Step::Defs { defs }),
        1 => Just(Step::FromContent),
        1 => Just(Step::FromRoot),
    ]
}

struct Site {
    dir: TempDir,
    now: jiff::Timestamp,
    from_content: bool,
}

impl Site {
    fn new() -> Site {
        let dir = TempDir::new().unwrap();
        let root = dir.path();
        write(root, "frontlint.toml", CONFIGS[1]);
        write(
            root,
            "schema.json",
            r#"{"type": "object", "properties": {"title": {"$ref": "defs.json"}, "draft": {"type": "boolean"}}}"#,
        );
        write(root, "defs.json", TITLE_DEFS[0]);
        for (name, page) in NAMES.iter().zip(PAGES) {
            write(&root.join("content"), name, page);
        }
        Site {
            dir,
            now: "2026-11-28T00:00:00Z".parse().unwrap(),
            from_content: false,
        }
    }

    fn content(&self) -> std::path::PathBuf {
        self.dir.path().join("content")
    }

    fn apply(&mut self, step: &Step) {
        let root = self.dir.path();
        match *step {
            Step::Write { name, page } => {
                write(&self.content(), NAMES[name], PAGES[page]);
            }
            Step::Rename { from, to } => {
                let (from, to) = (
                    self.content().join(NAMES[from]),
                    self.content().join(NAMES[to]),
                );
                if from.exists() {
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::rename(from, to).unwrap();
                }
            }
            Step::Remove { name } => {
                let _ = std::fs::remove_file(self.content().join(NAMES[name]));
            }
            Step::Now { minutes } => {
                self.now += jiff::SignedDuration::from_mins(minutes);
            }
            Step::Config { config } => {
                write(root, "frontlint.toml", CONFIGS[config]);
            }
            Step::Defs { defs } => {
                write(root, "defs.json", TITLE_DEFS[defs]);
            }
            Step::FromContent => self.from_content = true,
            Step::FromRoot => self.from_content = false,
        }
    }

    /// The concise report, with or without the cache.
    fn report(&self, cache: bool) -> String {
        let (cwd, path) = if self.from_content {
            (self.content(), ".")
        } else {
            (self.dir.path().to_path_buf(), "content")
        };
        let now = self.now.to_string();
        let mut args = vec!["--format", "concise", "--now", &now, path];
        if !cache {
            args.push("--no-cache");
        }
        stdout(&frontlint().args(&args).current_dir(&cwd).output().unwrap())
    }
}

fn check(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut site = Site::new();
    // Fill the cache first: every later step compares against a warm cache.
    site.report(true);
    for (i, s) in steps.iter().enumerate() {
        site.apply(s);
        let cached = site.report(true);
        let uncached = site.report(false);
        prop_assert_eq!(cached, uncached, "after step {} of {:?}", i, steps);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn cached_and_uncached_reports_agree(steps in prop::collection::vec(step(), 1..8)) {
        check(&steps)?;
    }
}

#[test]
fn regressions() {
    // Now crosses a date of a page, back and forth; then a `$ref`'d file changes; then a run
    // from the content folder after a sibling link target disappears.
    let seqs: Vec<Vec<Step>> = vec![
        vec![
            Step::Now { minutes: 31 },
            Step::Now { minutes: 90 },
            Step::Now { minutes: -90 },
        ],
        vec![Step::Defs { defs: 1 }, Step::Defs { defs: 2 }],
        vec![
            Step::FromContent,
            Step::Remove { name: 1 },
            Step::Rename { from: 0, to: 3 },
            Step::Config { config: 2 },
        ],
    ];
    for steps in seqs {
        check(&steps).unwrap();
    }
}
