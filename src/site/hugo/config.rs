//! Reading a Hugo project's configuration the way Hugo 0.1xx merges it (gohugoio/hugo
//! `config/allconfig/load.go`; documented in hugoDocs `content/en/configuration/introduction.md`):
//! the root file (`hugo.{toml,yaml,json}`, else the legacy `config.{toml,yaml,json}`), then every
//! file of `config/_default/`, then of `config/production/` (the environment `hugo build` uses),
//! each merged deeply over the one before. A file `config/_default/params.toml` is the `params`
//! table; `menus.en.toml` is `languages.en.menus`. Keys are compared without case, as Hugo
//! lower-cases them. Proven with Hugo 0.168 (`hugo config`, `hugo list all`): a value in
//! `config/_default/` wins over the root file, `config/production/` over both.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::site::{SiteError, read_config};

/// Root config file names, in Hugo's order of precedence.
pub const ROOT_NAMES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Keys only a Hugo config has (lower-case), to tell a Hugo `config.toml` from another tool's
/// (Zola's has `base_url`).
const HUGO_KEYS: [&str; 22] = [
    "baseurl",
    "languagecode",
    "defaultcontentlanguage",
    "defaultcontentlanguageinsubdir",
    "theme",
    "permalinks",
    "taxonomies",
    "params",
    "menu",
    "menus",
    "markup",
    "module",
    "outputs",
    "outputformats",
    "paginate",
    "pagination",
    "hascjklanguage",
    "uglyurls",
    "disablepathtolower",
    "enablerobotstxt",
    "builddrafts",
    "buildfuture",
];

/// The merged configuration and the files it came from.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Keys lower-cased at every level.
    pub value: Value,
    /// Files read, relative to the root, in merge order.
    pub files: Vec<String>,
}

/// The config file that makes `dir` a Hugo project, if any: a `hugo.*` file, a `config.*` file
/// with Hugo keys (and no `base_url`), or a `config/_default/` folder with a config file.
pub fn detect(dir: &Path) -> Option<PathBuf> {
    for name in &ROOT_NAMES[..4] {
        let p = dir.join(name);
        if p.is_file() {
            return Some(p);
        }
    }
    for name in &ROOT_NAMES[4..] {
        let p = dir.join(name);
        if p.is_file() && looks_like_hugo(dir, &p) {
            return Some(p);
        }
    }
    let default = dir.join("config").join("_default");
    if default.is_dir() {
        for name in ROOT_NAMES {
            let p = default.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Whether a `config.*` file is Hugo's: it has a key only Hugo uses, and not Zola's `base_url`.
fn looks_like_hugo(root: &Path, file: &Path) -> bool {
    let Ok(v) = read_config(root, file) else {
        return false;
    };
    let Some(obj) = v.as_object() else {
        return false;
    };
    let keys: Vec<String> = obj.keys().map(|k| k.to_ascii_lowercase()).collect();
    !keys.iter().any(|k| k == "base_url") && keys.iter().any(|k| HUGO_KEYS.contains(&k.as_str()))
}

/// Read and merge the configuration of the project at `root`.
pub fn load(root: &Path) -> Result<Loaded, SiteError> {
    let mut loaded = Loaded {
        value: Value::Object(Map::new()),
        files: Vec::new(),
    };
    // The root file: the first `hugo.*`, else the first `config.*`.
    if let Some(file) = ROOT_NAMES
        .iter()
        .map(|n| root.join(n))
        .find(|p| p.is_file())
    {
        let v = read_config(root, &file)?;
        merge(&mut loaded.value, lower_keys(v));
        loaded.files.push(rel(root, &file));
    }
    for env in ["_default", "production"] {
        let dir = root.join("config").join(env);
        let mut files = Vec::new();
        collect(&dir, 0, &mut files);
        files.sort();
        for file in files {
            let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let parts: Vec<&str> = name.split('.').collect();
            if parts.len() < 2
                || !matches!(parts[parts.len() - 1], "toml" | "yaml" | "yml" | "json")
            {
                continue;
            }
            let v = lower_keys(read_config(root, &file)?);
            let key = parts[0].to_ascii_lowercase();
            let wrapped = match (key.as_str(), parts.len()) {
                ("hugo" | "config", _) => v,
                (_, 2) => single(&key, v),
                // `menus.en.toml`, `params.de.yaml`: under the language.
                (_, _) => single(
                    "languages",
                    single(&parts[1].to_ascii_lowercase(), single(&key, v)),
                ),
            };
            merge(&mut loaded.value, wrapped);
            loaded.files.push(rel(root, &file));
        }
    }
    Ok(loaded)
}

/// Files of a config folder, recursively (Hugo parses subfolders too), at most a few levels.
fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let Ok(t) = e.file_type() else { continue };
        if t.is_dir() {
            collect(&e.path(), depth + 1, out);
        } else if t.is_file() {
            out.push(e.path());
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

fn single(key: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.to_string(), v);
    Value::Object(m)
}

/// Keys lower-cased at every level of mappings (lists of mappings too).
pub fn lower_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::with_capacity(m.len());
            for (k, v) in m {
                out.insert(k.to_lowercase(), lower_keys(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(lower_keys).collect()),
        v => v,
    }
}

/// `over` merged into `base`: mappings key by key, anything else replaced.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// The Hugo version a project pins, from what builds it: `netlify.toml`'s `HUGO_VERSION`
/// (production context first), GitHub Actions (`hugo-version:` of peaceiris/actions-hugo, or a
/// `HUGO_VERSION` variable), `.gitlab-ci.yml`. With the place it was found.
pub fn pinned_version(root: &Path) -> Vec<(Version, String)> {
    let mut out = Vec::new();
    if let Ok(v) = read_config(root, &root.join("netlify.toml")) {
        for path in [
            "context.production.environment.hugo_version",
            "build.environment.hugo_version",
        ] {
            if let Some(ver) = crate::site::config_str(&v, path).and_then(Version::parse) {
                out.push((ver, "netlify.toml".to_string()));
                break;
            }
        }
    }
    let mut texts: Vec<(PathBuf, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join(".github").join("workflows")) {
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for f in files.into_iter().take(50) {
            texts.push((f.clone(), small_text(&f)));
        }
    }
    let gitlab = root.join(".gitlab-ci.yml");
    texts.push((gitlab.clone(), small_text(&gitlab)));
    for (file, text) in texts {
        for line in text.lines() {
            let l = line.trim().trim_start_matches("- ");
            let lower = l.to_ascii_lowercase();
            let value = ["hugo-version:", "hugo_version:", "hugo_version="]
                .iter()
                .find_map(|k| lower.starts_with(k).then(|| &l[k.len()..]));
            if let Some(ver) =
                value.and_then(|v| Version::parse(v.trim().trim_matches(['"', '\''])))
            {
                out.push((ver, rel(root, &file)));
                break;
            }
        }
    }
    out
}

fn small_text(p: &Path) -> String {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() && m.len() < 1 << 20 => std::fs::read_to_string(p).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A Hugo version `0.152.2` (a leading `v` and an `-extended` suffix allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches(['v', 'V']);
        let s = s.split(['-', '+', ' ']).next()?;
        let mut it = s.split('.');
        let major = it.next()?.parse().ok()?;
        let minor = it.next()?.parse().ok()?;
        let patch = it.next().map_or(Some(0), |p| p.parse().ok())?;
        Some(Version(major, minor, patch))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_is_deep_and_later_wins() {
        let mut base =
            serde_json::json!({"permalinks": {"a": "/root-a/", "d": "/root-d/"}, "baseurl": "r"});
        merge(
            &mut base,
            serde_json::json!({"permalinks": {"a": "/def-a/"}, "baseurl": "d"}),
        );
        assert_eq!(
            base,
            serde_json::json!({"permalinks": {"a": "/def-a/", "d": "/root-d/"}, "baseurl": "d"})
        );
        assert_eq!(
            lower_keys(
                serde_json::json!({"BaseURL": 1, "Languages": {"zh-CN": {"ContentDir": "x"}}})
            ),
            serde_json::json!({"baseurl": 1, "languages": {"zh-cn": {"contentdir": "x"}}})
        );
    }

    #[test]
    fn versions() {
        assert_eq!(Version::parse("0.165.0"), Some(Version(0, 165, 0)));
        assert_eq!(Version::parse("v0.152"), Some(Version(0, 152, 0)));
        assert_eq!(Version::parse("0.140.2-extended"), Some(Version(0, 140, 2)));
        assert_eq!(Version::parse("latest"), None);
        assert!(Version(0, 151, 9) < Version(0, 152, 0));
    }
}
