//! Distribution files kept true by tests: the shell completions and the man page under `dist/`
//! are the binary's (`UPDATE_DOCS=1 cargo test --test dist` rewrites them); every manifest names
//! the repository of Cargo.toml and its version; the release targets, the npm platforms, the
//! Action's platform table and the binstall URL agree with each other.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::ValueEnum;
use clap_complete::{Generator, Shell};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Compares `expected` with the file, or rewrites the file under UPDATE_DOCS=1.
fn check_fresh(rel: &str, expected: &[u8], stale: &mut Vec<String>) {
    let path = root().join(rel);
    if std::fs::read(&path).ok().as_deref() == Some(expected) {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
    } else {
        stale.push(rel.to_string());
    }
}

#[test]
fn completions_and_man_page_are_up_to_date() {
    let mut stale = Vec::new();
    for shell in Shell::value_variants() {
        let rel = format!("dist/completions/{}", shell.file_name("frontlint"));
        let script = frontlint::cli::completions(*shell);
        // The subcommand prints exactly what the library generates.
        let out = Command::cargo_bin("frontlint")
            .unwrap()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert_eq!(out.stdout, script, "{shell}");
        // Every subcommand and a flag of each kind is completed.
        let text = String::from_utf8(script.clone()).unwrap();
        for word in ["explain", "completions", "deny-warnings", "format"] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
        check_fresh(&rel, &script, &mut stale);
    }
    let page = frontlint::cli::manpage();
    let out = Command::cargo_bin("frontlint")
        .unwrap()
        .arg("manpage")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, page);
    let text = String::from_utf8(page.clone()).unwrap();
    assert!(text.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{text}");
    assert!(text.contains(".TH frontlint 1"), "{text}");
    assert!(text.contains(&format!("frontlint {}", env!("CARGO_PKG_VERSION"))));
    assert!(text.contains("\\-\\-deny\\-warnings"));
    check_fresh("dist/man/frontlint.1", &page, &mut stale);
    assert!(
        stale.is_empty(),
        "out of date (run `UPDATE_DOCS=1 cargo test --test dist`): {stale:?}"
    );
}

#[test]
fn completions_rejects_an_unknown_shell() {
    let out = Command::cargo_bin("frontlint")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bash") && err.contains("powershell"), "{err}");
}

/// `owner/name` of the repository in Cargo.toml.
fn owner_name() -> (String, String) {
    let home = env!("CARGO_PKG_REPOSITORY");
    let rest = home
        .strip_prefix("https://github.com/")
        .unwrap_or_else(|| panic!("repository is not a GitHub URL: {home}"));
    let (owner, name) = rest.split_once('/').unwrap();
    assert!(!name.contains('/') && !name.ends_with(".git"), "{home}");
    (owner.to_string(), name.to_string())
}

/// Every file of the repository that is text and ours (no target/, .git/, test data, lockfiles).
fn project_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if ![
                "target",
                ".git",
                "node_modules",
                "data",
                "snapshots",
                "fuzz",
            ]
            .contains(&name.as_str())
            {
                project_files(&path, out);
            }
        } else if !name.ends_with(".lock") && !name.ends_with("-lock.json") {
            out.push(path);
        }
    }
}

#[test]
fn the_repository_is_named_in_one_place_per_manifest() {
    let (owner, name) = owner_name();
    let home = env!("CARGO_PKG_REPOSITORY");
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    assert_eq!(cargo["package"]["homepage"].as_str(), Some(home));
    assert!(
        cargo["package"]["metadata"]["binstall"]["pkg-url"]
            .as_str()
            .unwrap()
            .starts_with("{ repo }/releases/download/v{ version }/")
    );
    assert_eq!(frontlint::rules::docs::HOME, home);

    let npm: serde_json::Value = serde_json::from_str(&read("npm/frontlint/package.json")).unwrap();
    assert_eq!(npm["repository"]["url"], format!("git+{home}.git"));

    // pyproject.toml takes the URLs from Cargo.toml; the mirror template, the Action and the
    // workflows read them from Cargo.toml or GitHub's context.
    let pyproject: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    let dynamic = pyproject["project"]["dynamic"].as_array().unwrap();
    for field in ["version", "urls", "license", "description"] {
        assert!(dynamic.iter().any(|d| d.as_str() == Some(field)), "{field}");
    }

    // Wherever `<owner>/frontlint` appears, it is this repository (or its pre-commit mirror),
    // and only in the files that are allowed to name it.
    let vscode: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    assert_eq!(vscode["repository"]["url"], home);
    let allowed = [
        "Cargo.toml",
        "README.md",
        "npm/frontlint/package.json",
        "editors/vscode/package.json",
    ];
    let mut files = Vec::new();
    project_files(&root(), &mut files);
    let mut checked = 0;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "tests/dist.rs" {
            continue;
        }
        for (at, _) in text.match_indices("/frontlint") {
            // The `owner` before `/frontlint`, as in github.com/owner/frontlint or owner/frontlint@v1.
            let before = &text[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
                .map_or(0, |i| i + 1);
            let found_owner = &before[start..];
            let after = &text[at + 1..];
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(after.len());
            let found_name = &after[..end];
            let is_repo_ref = before.ends_with(&format!("github.com/{found_owner}"))
                || (after[end..].starts_with('@') && !found_owner.is_empty());
            if !is_repo_ref || found_owner == "@frontlint" || found_owner.is_empty() {
                continue;
            }
            checked += 1;
            assert_eq!(found_owner, owner, "{rel}: {found_owner}/{found_name}");
            assert!(
                found_name == name || found_name == format!("{name}-pre-commit"),
                "{rel}: {found_owner}/{found_name}"
            );
            assert!(
                allowed.contains(&rel.as_str()),
                "{rel} names the repository ({found_owner}/{found_name}): read it from \
                 Cargo.toml instead, or add the file to this list so a change of home finds it"
            );
        }
    }
    assert!(checked >= 4, "only {checked} references found");
}

#[test]
fn versions_and_platforms_agree() {
    let version = env!("CARGO_PKG_VERSION");
    let npm: serde_json::Value = serde_json::from_str(&read("npm/frontlint/package.json")).unwrap();
    assert_eq!(npm["version"], version);
    let optional = npm["optionalDependencies"].as_object().unwrap();
    let platforms: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&read("npm/platforms.json")).unwrap();
    let mut from_deps: Vec<String> = optional
        .keys()
        .map(|k| k.strip_prefix("@frontlint/cli-").unwrap().to_string())
        .collect();
    let mut from_table: Vec<String> = platforms.keys().cloned().collect();
    from_deps.sort();
    from_table.sort();
    assert_eq!(from_deps, from_table);
    for v in optional.values() {
        assert_eq!(v, version);
    }

    // The release builds each target once, for the npm platform the table gives it.
    let release = read(".github/workflows/release.yml");
    let install = read("dist/action/install.sh");
    for (platform, target) in &platforms {
        let target = target.as_str().unwrap();
        let block = format!("- target: {target}\n");
        let at = release
            .find(&block)
            .unwrap_or_else(|| panic!("release.yml does not build {target}"));
        let entry = &release[at..];
        let entry = &entry[..entry[1..].find("- target:").map_or(entry.len(), |i| i + 1)];
        assert!(
            entry.contains(&format!("npm: {platform}\n")),
            "{target}: {entry}"
        );
        // The Action downloads the same target's archive.
        assert!(
            install.contains(&format!(") target={target} ;;")),
            "install.sh has no {target}"
        );
    }
    assert_eq!(release.matches("- target: ").count(), platforms.len());
    // Archive names: frontlint-<target>.tar.gz (.zip on Windows), as binstall and install.sh expect.
    assert!(release.contains("\"out/archives/frontlint-$TARGET.tar.gz\""));
    assert!(release.contains("\"../out/archives/frontlint-$TARGET.zip\""));
    assert!(install.contains("asset=\"frontlint-$target.$ext\""));
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let binstall = &cargo["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/frontlint-{ target }{ archive-suffix }")
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"].as_str(),
        Some("zip")
    );
    // The mirror's template pins the wheel of the same version.
    assert!(read("dist/pre-commit/pyproject.toml").contains("\"frontlint==@VERSION@\""));
}
