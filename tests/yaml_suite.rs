//! The official YAML test suite (yaml/yaml-test-suite), every case wrapped as front matter
//! (`---\n{yaml}\n---\nbody\n`) and linted. Data: `tests/data/yaml-test-suite/` (see its
//! README for where it came from).
//!
//! What must hold for every case that fits in front matter:
//! - no panic, no `internal/error`, every span inside the file and on character boundaries;
//! - a case the suite marks as an error gets `syntax/parse-error` (or `syntax/limit`), except
//!   the ones listed in `ERRORS_ACCEPTED`;
//! - a valid case gets no `syntax/parse-error`, except the ones listed in `VALID_REJECTED`.
//!
//! The lists are checked both ways: a listed case that behaves like the rest again fails the
//! test, so that the list is shortened when the parser changes.
//!
//! Cases with a line `---` or `...` (trailing blanks allowed, as `split` allows them) are
//! multi-document streams or end the front matter early; front matter holds one document, so
//! they are skipped for the checks above. Their YAML still goes through `parse::parse`
//! directly, to check it cannot panic or produce a span outside the header.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use frontlint::config::RuleSet;
use frontlint::diagnostic::Diagnostic;
use frontlint::lint::{Settings, lint_bytes};
use frontlint::schema::Schema;
use frontlint::split::{Format, FrontMatter};
use serde::Deserialize;

/// One case of the suite: `id` is the upstream data directory (`DK95/06` for the seventh case
/// of `DK95`), `fail` is upstream's `error` marker.
#[derive(Deserialize)]
struct Case {
    id: String,
    name: String,
    fail: bool,
    yaml: String,
}

const CASES: &str = include_str!("data/yaml-test-suite/cases.json");

/// Error cases frontlint accepts, with the reason.
const ERRORS_ACCEPTED: &[(&str, &str)] = &[(
    "C2SP",
    "`]` at column 0 is joined to the line above on purpose (Hugo accepts it): reported as \
     `yaml/unindented-flow`, and `[23 ]: 42` is then valid",
)];

/// Valid cases frontlint rejects with `syntax/parse-error`, with the reason.
const VALID_REJECTED: &[(&str, &str)] = &[
    (
        "35KP",
        "three documents (`--- !!seq` lines): front matter holds one",
    ),
    (
        "KSS4",
        "two documents (`--- &node foo`): front matter holds one",
    ),
    (
        "L383",
        "two documents (`--- foo  # comment`): front matter holds one",
    ),
];

fn cases() -> Vec<Case> {
    serde_json::from_str(CASES).expect("cases.json is valid")
}

fn settings() -> Settings {
    Settings {
        rules: RuleSet::default(),
        schema: Some(Arc::new(Schema::builtin())),
        ..Default::default()
    }
}

/// A line that `split` takes as the end of a YAML front matter.
fn is_multi_document(yaml: &str) -> bool {
    yaml.split('\n').any(|line| {
        let line = line.trim_end_matches(['\r', ' ', '\t']);
        line == "---" || line == "..."
    })
}

fn wrap(yaml: &str) -> String {
    let mut text = String::with_capacity(yaml.len() + 16);
    text.push_str("---\n");
    text.push_str(yaml);
    if !yaml.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("---\nbody\n");
    text
}

fn is_syntax_error(d: &Diagnostic) -> bool {
    d.rule == "syntax/parse-error" || d.rule == "syntax/limit"
}

/// Every span and label of `d` lies in `text`, on character boundaries.
fn span_problem(text: &str, span: &Range<usize>) -> Option<String> {
    let ok = span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end);
    (!ok).then(|| format!("span {span:?} is not inside the {} bytes", text.len()))
}

fn span_problems(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(&d.span)
                .chain(d.labels.iter().map(|l| &l.span))
                .filter_map(|s| span_problem(text, s).map(|p| format!("{}: {p}", d.rule)))
        })
        .collect()
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule, d.span, d.message))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn yaml_test_suite_as_front_matter() {
    let cases = cases();
    let settings = settings();
    let ids: HashSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), cases.len(), "case ids are unique");
    for (id, _) in ERRORS_ACCEPTED.iter().chain(VALID_REJECTED) {
        assert!(ids.contains(id), "listed case {id} is not in the data");
    }
    let accepted: HashSet<&str> = ERRORS_ACCEPTED.iter().map(|(id, _)| *id).collect();
    let rejected: HashSet<&str> = VALID_REJECTED.iter().map(|(id, _)| *id).collect();
    assert!(accepted.is_disjoint(&rejected), "a case is in both lists");

    let mut problems = Vec::new();
    let (mut run, mut skipped, mut skipped_errors) = (0, 0, 0);
    let (mut error_cases, mut errors_caught, mut valid_cases, mut valid_clean) = (0, 0, 0, 0);
    for case in &cases {
        let id = case.id.as_str();
        if is_multi_document(&case.yaml) {
            skipped += 1;
            skipped_errors += usize::from(case.fail);
            assert!(
                !accepted.contains(id) && !rejected.contains(id),
                "listed case {id} is skipped"
            );
            continue;
        }
        run += 1;
        let linted = lint_bytes(
            Path::new("case.md"),
            wrap(&case.yaml).into_bytes(),
            &settings,
        );
        let d = &linted.diagnostics;
        let what = || format!("{id} ({}): {:?} -> [{}]", case.name, case.yaml, summary(d));
        if d.iter().any(|d| d.rule == "internal/error") {
            problems.push(format!("internal/error: {}", what()));
        }
        for p in span_problems(&linted.text, d) {
            problems.push(format!("{p}: {}", what()));
        }
        let caught = d.iter().any(is_syntax_error);
        if case.fail {
            error_cases += 1;
            errors_caught += usize::from(caught);
            match (caught, accepted.contains(id)) {
                (false, false) => problems.push(format!("error case accepted: {}", what())),
                (true, true) => problems.push(format!(
                    "error case now rejected, remove it from ERRORS_ACCEPTED: {}",
                    what()
                )),
                _ => {}
            }
        } else {
            valid_cases += 1;
            let parse_error = d.iter().any(|d| d.rule == "syntax/parse-error");
            valid_clean += usize::from(!parse_error);
            match (parse_error, rejected.contains(id)) {
                (true, false) => problems.push(format!("valid case rejected: {}", what())),
                (false, true) => problems.push(format!(
                    "valid case now accepted, remove it from VALID_REJECTED: {}",
                    what()
                )),
                _ => {}
            }
        }
    }
    eprintln!(
        "yaml-test-suite: {} cases, {run} run, {skipped} skipped as multi-document \
         ({skipped_errors} of them error cases); error cases: {errors_caught} of {error_cases} \
         caught, {} accepted as listed; valid cases: {valid_clean} of {valid_cases} without \
         a parse error, {} rejected as listed",
        cases.len(),
        ERRORS_ACCEPTED.len(),
        VALID_REJECTED.len(),
    );
    assert!(run > 250, "too few cases run: {run}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The unindented-flow exception is the deliberate one: the case must carry the warning.
#[test]
fn unindented_closer_in_the_suite_is_reported() {
    let case = cases().into_iter().find(|c| c.id == "C2SP").expect("C2SP");
    let linted = lint_bytes(
        Path::new("case.md"),
        wrap(&case.yaml).into_bytes(),
        &settings(),
    );
    let flow: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| d.rule == "yaml/unindented-flow")
        .collect();
    assert_eq!(flow.len(), 1, "{}", summary(&linted.diagnostics));
    assert_eq!(&linted.text[flow[0].span.clone()], "]");
}

/// The skipped multi-document cases still go through the parser directly: no panic, and every
/// span lies inside the text.
#[test]
fn multi_document_cases_parse_without_panic() {
    let mut checked = 0;
    for case in cases().iter().filter(|c| is_multi_document(&c.yaml)) {
        let text = format!("---\n{}", case.yaml);
        let fm = FrontMatter {
            format: Format::Yaml,
            open: 0..3,
            content: 4..text.len(),
            body_start: text.len(),
        };
        let parsed = frontlint::parse::parse(&text, &fm);
        let problems = span_problems(&text, &parsed.diagnostics);
        assert!(problems.is_empty(), "{}: {problems:?}", case.id);
        if let Some(root) = &parsed.root {
            let mut todo = vec![root];
            while let Some(node) = todo.pop() {
                assert_eq!(span_problem(&text, &node.span), None, "{}", case.id);
                for e in node.entries() {
                    assert_eq!(span_problem(&text, &e.key_span), None, "{}", case.id);
                    todo.push(&e.value);
                }
                if let frontlint::parse::Value::Seq(items) = &node.value {
                    todo.extend(items);
                }
            }
        }
        checked += 1;
    }
    eprintln!("yaml-test-suite: {checked} multi-document cases parsed directly");
    assert!(checked > 100);
}

/// Minimized from suite cases 2SXE, 6M2F, E76Z and HMQ5: YAML allows an anchor on a mapping
/// key, and an alias to it later (a regression test: the key's anchor used to be dropped).
#[test]
fn alias_to_an_anchored_key() {
    let text = "---\n&k 标题: 值\ncopy: *k\n---\nbody\n";
    let linted = lint_bytes(Path::new("case.md"), text.as_bytes().to_vec(), &settings());
    assert!(
        !linted.diagnostics.iter().any(is_syntax_error),
        "{}",
        summary(&linted.diagnostics)
    );
}

/// Suite cases 26DV and E76Z use aliases as keys: two different alias keys in one mapping are
/// not duplicates (a regression test: every alias key used to be named `*alias`).
#[test]
fn distinct_alias_keys_are_not_duplicates() {
    let text = "---\ntitle: t\nx: &a 1\ny: &b 2\nz:\n  *a : p\n  *b : q\n---\nbody\n";
    let linted = lint_bytes(Path::new("case.md"), text.as_bytes().to_vec(), &settings());
    assert!(
        !linted
            .diagnostics
            .iter()
            .any(|d| d.rule == "syntax/duplicate-key"),
        "{}",
        summary(&linted.diagnostics)
    );
}
