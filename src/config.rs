//! `frontlint.toml` / `.frontlint.toml`: found from the first path upward (stopping at the
//! repository root), or given with `--config`. Unknown keys and unknown rule ids are errors
//! that point at the key in the TOML file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{self, RULES};
use crate::util::edit_distance;

pub const CONFIG_NAMES: [&str; 2] = ["frontlint.toml", ".frontlint.toml"];
pub const DEFAULT_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdx"];
/// Always excluded: templates and dependencies, not content.
pub const DEFAULT_EXCLUDE: [&str; 2] = ["archetypes", "node_modules"];

type RuleTable = BTreeMap<Spanned<String>, Spanned<Severity>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    schema: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    extensions: Option<Vec<String>>,
    #[serde(default)]
    rules: RuleTable,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(rename = "output-format")]
    output_format: Option<crate::report::Format>,
    dates: Option<RawDates>,
    thumbnails: Option<RawThumbnails>,
    links: Option<RawLinks>,
    summary: Option<RawSummary>,
    #[serde(default)]
    taxonomies: BTreeMap<String, RawTaxonomy>,
    site: Option<RawSite>,
    i18n: Option<RawI18n>,
    #[serde(rename = "allow-empty")]
    allow_empty: Option<bool>,
    yaml: Option<RawYaml>,
    remote: Option<crate::remote_options::RawRemote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    generator: Option<Spanned<String>>,
    root: Option<String>,
    locales: Option<Vec<String>>,
    #[serde(rename = "default-locale")]
    default_locale: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawI18n {
    #[serde(default)]
    require: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYaml {
    reader: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    fields: Option<Vec<String>>,
    min: Option<usize>,
    max: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    allowed: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThumbnails {
    fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    schema: Option<Spanned<String>>,
    #[serde(default)]
    rules: RuleTable,
}

/// A problem in the config file: fatal (exit 2), shown with the file's text.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub source: Option<String>,
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Severities of every rule, indexed like `RULES`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RuleSet(Vec<Severity>);

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet(RULES.iter().map(|r| r.default).collect())
    }
}

impl RuleSet {
    pub fn severity(&self, id: &str) -> Severity {
        crate::rules::index(id).map_or(Severity::Error, |i| self.0[i])
    }

    pub fn enabled(&self, id: &str) -> bool {
        self.severity(id) != Severity::Off
    }

    /// Apply selectors (`date` for a whole group, `date/future` for one rule): groups first,
    /// then exact ids, so an exact id always wins over its group.
    pub fn apply<'a>(&mut self, selectors: impl IntoIterator<Item = (&'a str, Severity)> + Clone) {
        for exact in [false, true] {
            for (sel, sev) in selectors.clone() {
                for (i, r) in RULES.iter().enumerate() {
                    let hit = if exact {
                        r.id == sel
                    } else {
                        rules::group(r.id) == sel
                    };
                    if hit {
                        self.0[i] = sev;
                    }
                }
            }
        }
    }
}

/// Glob patterns matched against paths relative to the config root. A pattern without `/`
/// matches any path component (`drafts`, `*.tmp.md`); others match the path or a folder of it.
#[derive(Debug, Clone)]
pub struct Matcher {
    anywhere: GlobSet,
    rooted: GlobSet,
}

impl Matcher {
    pub fn new(patterns: &[String]) -> Result<Matcher, (usize, String)> {
        let mut anywhere = GlobSetBuilder::new();
        let mut rooted = GlobSetBuilder::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(p)
                .literal_separator(true)
                .build()
                .map_err(|e| (i, e.kind().to_string()))?;
            if p.contains('/') {
                rooted.add(glob);
            } else {
                anywhere.add(glob);
            }
        }
        Ok(Matcher {
            anywhere: anywhere.build().map_err(|e| (0, e.to_string()))?,
            rooted: rooted.build().map_err(|e| (0, e.to_string()))?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.anywhere.is_empty() && self.rooted.is_empty()
    }

    /// Whether the path, or any folder above it, matches.
    pub fn matches(&self, rel: &Path) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut p = Some(rel);
        while let Some(cur) = p {
            if cur.as_os_str().is_empty() {
                break;
            }
            if self.rooted.is_match(cur) {
                return true;
            }
            if let Some(name) = cur.file_name() {
                if self.anywhere.is_match(Path::new(name)) {
                    return true;
                }
            }
            p = cur.parent();
        }
        false
    }

    /// Whether the path itself matches (for `include` and override `files`).
    pub fn matches_file(&self, rel: &Path) -> bool {
        self.rooted.is_match(rel)
            || rel
                .file_name()
                .is_some_and(|n| self.anywhere.is_match(Path::new(n)))
    }
}

#[derive(Debug, Clone)]
pub struct Override {
    pub files: Matcher,
    pub schema: Option<PathBuf>,
    pub rules: Vec<(String, Severity)>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Paths in the config are relative to this folder (the config file's, else the cwd).
    pub root: PathBuf,
    pub file: Option<PathBuf>,
    pub schema: Option<PathBuf>,
    pub include: Option<Matcher>,
    pub exclude: Matcher,
    pub extensions: Vec<String>,
    pub rules: Vec<(String, Severity)>,
    pub overrides: Vec<Override>,
    /// `output-format`: the default for `--format`.
    pub output_format: Option<crate::report::Format>,
    /// `[dates] timezone`: how date values without offset are read.
    pub timezone: Option<jiff::tz::TimeZone>,
    /// `[dates] fields`: date fields beyond the known ones.
    pub date_fields: Vec<String>,
    /// `[thumbnails] fields`: header keys holding images (`cover.image` for nested keys).
    pub image_fields: Option<Vec<String>>,
    /// `[links] exclude`: globs of link destinations that are not checked (render-hook
    /// conventions such as Hugo docs' `[term](g)`).
    pub link_exclude: Option<globset::GlobSet>,
    /// `[summary]`: fields and length bounds.
    pub summary: crate::rules::summary::SummaryOptions,
    /// `[taxonomies.NAME]`: extra taxonomies and their allowed terms.
    pub taxonomy: crate::rules::taxonomy::TaxonomyOptions,
    /// `[site]`: the generator and what cannot be read from its config.
    pub site: crate::site::SiteOptions,
    /// `[i18n] require`: languages every default-language page needs a translation in.
    pub i18n_require: Vec<String>,
    /// `allow-empty`: a run that lints no file passes (exit 0) instead of failing (exit 2).
    pub allow_empty: bool,
    /// `include` as written, for messages.
    pub include_patterns: Option<Vec<String>>,
    /// `exclude` with the defaults, as written, for messages.
    pub exclude_patterns: Vec<String>,
    /// `[yaml] reader`: which YAML version the site's generator reads (`"1.1"`, `"1.2"`).
    pub yaml_reader: crate::rules::yaml::YamlReader,
    /// `[remote]`: the checks `--remote` makes over HTTP.
    pub remote: crate::remote_options::Options,
}

impl Config {
    pub fn default_for(root: PathBuf) -> Config {
        let exclude: Vec<String> = DEFAULT_EXCLUDE.iter().map(|s| s.to_string()).collect();
        Config {
            root,
            file: None,
            schema: None,
            include: None,
            exclude: Matcher::new(&exclude).expect("default excludes are valid globs"),
            exclude_patterns: exclude,
            include_patterns: None,
            allow_empty: false,
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            rules: Vec::new(),
            overrides: Vec::new(),
            output_format: None,
            timezone: None,
            date_fields: Vec::new(),
            image_fields: None,
            link_exclude: None,
            summary: Default::default(),
            taxonomy: Default::default(),
            site: Default::default(),
            i18n_require: Vec::new(),
            yaml_reader: Default::default(),
            remote: Default::default(),
        }
    }

    /// The path relative to the config root, for glob matching.
    pub fn relative<'a>(&self, abs: &'a Path) -> &'a Path {
        abs.strip_prefix(&self.root).unwrap_or(abs)
    }

    pub fn is_excluded(&self, abs: &Path) -> bool {
        self.exclude.matches(self.relative(abs))
    }

    pub fn is_included(&self, abs: &Path) -> bool {
        let ext_ok = abs
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
        match &self.include {
            Some(m) => m.matches_file(self.relative(abs)),
            None => ext_ok,
        }
    }
}

/// Find the config file for a start folder: upward, stopping at the repository root.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// The other config file name in the folder of `path`, when both are there: frontlint reads
/// the first of [`CONFIG_NAMES`] and ignores the other, which deserves a warning.
pub fn shadowed(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if !CONFIG_NAMES.contains(&name) {
        return None;
    }
    let folder = path.parent()?;
    CONFIG_NAMES
        .iter()
        .filter(|n| **n != name)
        .map(|n| folder.join(n))
        .find(|p| p.is_file())
}

/// Load a config file named on the command line: a regular file of at most 16 MiB, anywhere
/// but under /proc, /sys or /dev.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = crate::bounds::read_regular(path, crate::bounds::MAX_SCHEMA_BYTES).map_err(|e| {
        ConfigError {
            path: path.display().to_string(),
            source: None,
            span: None,
            message: format!("cannot read the config file: {e}"),
        }
    })?;
    parse(path, &text)
}

/// Load a config file found by [`discover`]: as [`load`], and it must be in its own project
/// (a `frontlint.toml` that is a symlink out of the repository is not read: its text would
/// reach the terminal in error messages).
pub fn load_discovered(path: &Path) -> Result<Config, ConfigError> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let project = crate::bounds::project_root(abs.parent().unwrap_or(Path::new("/")));
    let target = crate::bounds::resolve(&abs);
    if !target.starts_with(&project) {
        return Err(ConfigError {
            path: path.display().to_string(),
            source: None,
            span: None,
            message: format!(
                "the config file is a symbolic link to `{}`, outside its project `{}` (the repository, else its folder): frontlint does not read it; name it with --config to use it",
                target.display(),
                project.display()
            ),
        });
    }
    load(path)
}

pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let fail = |span: Option<Range<usize>>, message: String| ConfigError {
        path: path.display().to_string(),
        source: Some(text.to_string()),
        span,
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let message = crate::friendly::toml_message(text, e.span(), e.message().trim());
        fail(e.span(), message)
    })?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut config = Config::default_for(root.clone());
    config.file = Some(abs.clone());

    // Schemas a config names are read from its project only (the repository, else the config's
    // folder): a config in a pull request must not make frontlint read other files.
    let project = crate::bounds::project_root(&root);
    let resolve = |p: &Spanned<String>| -> Result<PathBuf, ConfigError> {
        let path = root.join(p.get_ref());
        // A path that does not resolve cannot be read either: the read says so.
        match path.canonicalize() {
            Ok(target) if !target.starts_with(&project) || crate::bounds::is_system(&target) => {
                Err(fail(
                    Some(p.span()),
                    format!(
                        "the schema `{}` is outside the project `{}` (the repository, else the config file's folder): a config file may only name schemas inside it; pass it with --schema to use it anyway",
                        p.get_ref(),
                        project.display()
                    ),
                ))
            }
            _ => Ok(path),
        }
    };
    config.schema = raw.schema.as_ref().map(resolve).transpose()?;

    let globs = |list: &[Spanned<String>]| -> Result<Matcher, ConfigError> {
        let pats: Vec<String> = list.iter().map(|s| s.get_ref().clone()).collect();
        Matcher::new(&pats)
            .map_err(|(i, msg)| fail(Some(list[i].span()), format!("invalid glob: {msg}")))
    };
    if let Some(include) = &raw.include {
        config.include = Some(globs(include)?);
        config.include_patterns = Some(include.iter().map(|s| s.get_ref().clone()).collect());
    }
    config.allow_empty = raw.allow_empty.unwrap_or(false);
    let mut excludes: Vec<Spanned<String>> = DEFAULT_EXCLUDE
        .iter()
        .map(|s| Spanned::new(0..0, s.to_string()))
        .collect();
    excludes.extend(raw.exclude.iter().cloned());
    config.exclude = globs(&excludes)?;
    config.exclude_patterns = excludes.iter().map(|s| s.get_ref().clone()).collect();
    if let Some(ext) = raw.extensions {
        config.extensions = ext
            .into_iter()
            .map(|e| e.trim_start_matches('.').to_string())
            .collect();
    }
    config.output_format = raw.output_format;
    config.image_fields = raw.thumbnails.map(|t| t.fields);
    if let Some(sm) = &raw.summary {
        if let Some(f) = &sm.fields {
            config.summary.fields.clone_from(f);
        }
        config.summary.min = sm.min.unwrap_or(config.summary.min);
        config.summary.max = sm.max.unwrap_or(config.summary.max);
    }
    for (name, t) in &raw.taxonomies {
        config
            .taxonomy
            .taxonomies
            .insert(name.clone(), t.allowed.clone());
    }
    if let Some(links) = &raw.links {
        let mut set = GlobSetBuilder::new();
        for p in &links.exclude {
            let glob = globset::GlobBuilder::new(p.get_ref())
                .literal_separator(false)
                .build()
                .map_err(|e| fail(Some(p.span()), format!("invalid glob: {}", e.kind())))?;
            set.add(glob);
        }
        config.link_exclude = Some(set.build().map_err(|e| fail(None, e.to_string()))?);
    }
    if let Some(dates) = &raw.dates {
        if let Some(tz) = &dates.timezone {
            let zone = jiff::tz::TimeZone::get(tz.get_ref()).map_err(|_| {
                fail(Some(tz.span()), {
                    let names: Vec<String> = jiff::tz::db()
                        .available()
                        .map(|n| n.as_str().to_string())
                        .collect();
                    let hint =
                        crate::friendly::closest(tz.get_ref(), names.iter().map(String::as_str))
                            .map(|c| format!("; did you mean `{c}`?"))
                            .unwrap_or_else(|| {
                                ": use an IANA name such as `Asia/Shanghai` or `UTC`".to_string()
                            });
                    format!("unknown time zone `{}`{hint}", tz.get_ref())
                })
            })?;
            config.timezone = Some(zone);
        }
        config.date_fields = dates.fields.clone();
    }
    if let Some(site) = &raw.site {
        if let Some(g) = &site.generator {
            config.site.generator = Some(crate::site::Kind::from_name(g.get_ref()).ok_or_else(|| {
                fail(
                    Some(g.span()),
                    format!(
                        "unknown generator `{}` (one of hugo, jekyll, zola, mkdocs, docusaurus, astro, folder){}",
                        g.get_ref(),
                        crate::friendly::did_you_mean(crate::friendly::closest(
                            g.get_ref(),
                            ["hugo", "jekyll", "zola", "mkdocs", "docusaurus", "astro", "folder"],
                        ))
                    ),
                )
            })?);
        }
        config.site.root = site.root.as_ref().map(|r| root.join(r));
        config.site.locales.clone_from(&site.locales);
        config.site.default_locale.clone_from(&site.default_locale);
    }
    if let Some(i18n) = &raw.i18n {
        config.i18n_require.clone_from(&i18n.require);
    }
    if let Some(reader) = raw.yaml.as_ref().and_then(|y| y.reader.as_ref()) {
        config.yaml_reader =
            crate::rules::yaml::YamlReader::parse(reader.get_ref()).ok_or_else(|| {
                fail(
                    Some(reader.span()),
                    format!(
                        "unknown YAML reader `{}`: use \"1.1\" (Jekyll, MkDocs, Hugo before 0.152), \"1.2\" (Hugo 0.152 and later) or \"unknown\"",
                        reader.get_ref()
                    ),
                )
            })?;
    }
    if let Some(remote) = &raw.remote {
        config.remote =
            crate::remote_options::Options::from_raw(remote).map_err(|(span, m)| fail(span, m))?;
    }
    config.rules = rule_list(&raw.rules).map_err(|(span, m)| fail(Some(span), m))?;
    for o in &raw.overrides {
        config.overrides.push(Override {
            files: globs(&o.files)?,
            schema: o.schema.as_ref().map(resolve).transpose()?,
            rules: rule_list(&o.rules).map_err(|(span, m)| fail(Some(span), m))?,
        });
    }
    Ok(config)
}

/// A message and where it points in the config file.
type Located = (Range<usize>, String);

fn rule_list(table: &RuleTable) -> Result<Vec<(String, Severity)>, Located> {
    let mut out = Vec::new();
    for (k, v) in table {
        let id = k.get_ref();
        if !rules::is_known_selector(id) {
            let hint = crate::friendly::did_you_mean(crate::friendly::closest_selector(id));
            return Err((
                k.span(),
                format!("unknown rule or group `{id}`{hint} (`frontlint rules` lists them)"),
            ));
        }
        out.push((id.clone(), *v.get_ref()));
    }
    Ok(out)
}

/// The known rule id closest to a misspelt one, when it is close.
pub fn closest_rule(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| (edit_distance(r.id, id), r.id))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_points_at_the_key() {
        let text = "schema = \"s.json\"\ncolour = 1\n[rules]\n\"syntax/missing\" = \"off\"\n";
        let err = parse(Path::new("/x/frontlint.toml"), text).unwrap_err();
        assert!(err.message.contains("colour"), "{}", err.message);
        assert_eq!(&text[err.span.unwrap()], "colour");
    }

    #[test]
    fn unknown_rule_id_points_at_the_key_and_suggests() {
        let text = "[rules]\n\"syntax/duplicate-keys\" = \"off\"\n";
        let err = parse(Path::new("/x/frontlint.toml"), text).unwrap_err();
        assert!(
            err.message.contains("did you mean `syntax/duplicate-key`"),
            "{}",
            err.message
        );
        assert_eq!(&text[err.span.unwrap()], "\"syntax/duplicate-keys\"");
    }

    #[test]
    fn bad_severity_is_an_error() {
        let text = "[rules]\n\"syntax/missing\" = \"loud\"\n";
        let err = parse(Path::new("/x/frontlint.toml"), text).unwrap_err();
        assert!(err.span.is_some());
    }

    #[test]
    fn rules_and_overrides() {
        let text = "schema = \"schema.json\"\nexclude = [\"drafts\"]\n[rules]\nsyntax = \"warning\"\n\"syntax/missing\" = \"off\"\n[[overrides]]\nfiles = [\"content/news/**\"]\n[overrides.rules]\n\"syntax/empty\" = \"error\"\n";
        let c = parse(Path::new("/site/frontlint.toml"), text).unwrap();
        assert_eq!(c.schema, Some(PathBuf::from("/site/schema.json")));
        let mut set = RuleSet::default();
        set.apply(c.rules.iter().map(|(s, v)| (s.as_str(), *v)));
        assert_eq!(set.severity("syntax/missing"), Severity::Off);
        assert_eq!(set.severity("syntax/parse-error"), Severity::Warning);
        assert!(
            c.overrides[0]
                .files
                .matches_file(Path::new("content/news/2025/a.md"))
        );
        assert!(
            !c.overrides[0]
                .files
                .matches_file(Path::new("content/blog/a.md"))
        );
        assert!(c.is_excluded(Path::new("/site/content/drafts/a.md")));
        assert!(c.is_excluded(Path::new("/site/archetypes/default.md")));
        assert!(!c.is_excluded(Path::new("/site/content/a.md")));
    }

    #[test]
    fn dates_table() {
        let text = "[dates]\ntimezone = \"Asia/Shanghai\"\nfields = [\"eventDate\"]\n";
        let c = parse(Path::new("/x/frontlint.toml"), text).unwrap();
        assert!(c.timezone.is_some());
        assert_eq!(c.date_fields, ["eventDate"]);
        let text = "[dates]\ntimezone = \"Mars/Olympus\"\n";
        let err = parse(Path::new("/x/frontlint.toml"), text).unwrap_err();
        assert_eq!(&text[err.span.unwrap()], "\"Mars/Olympus\"");
    }

    #[test]
    fn yaml_reader() {
        use crate::rules::yaml::YamlReader;
        let c = parse(Path::new("/x/frontlint.toml"), "").unwrap();
        assert_eq!(c.yaml_reader, YamlReader::Unknown);
        let c = parse(Path::new("/x/frontlint.toml"), "[yaml]\nreader = \"1.1\"\n").unwrap();
        assert_eq!(c.yaml_reader, YamlReader::Yaml11);
        let c = parse(Path::new("/x/frontlint.toml"), "[yaml]\nreader = \"1.2\"\n").unwrap();
        assert_eq!(c.yaml_reader, YamlReader::Yaml12);
        let text = "[yaml]\nreader = \"1.3\"\n";
        let err = parse(Path::new("/x/frontlint.toml"), text).unwrap_err();
        assert_eq!(&text[err.span.unwrap()], "\"1.3\"");
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("标题", "标"), 1);
    }
}
