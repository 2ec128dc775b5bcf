//! The command line: parse arguments, load config and schemas, walk, lint in parallel, report.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config, RuleSet};
use crate::diagnostic::Severity;
use crate::escape;
use crate::lint::{self, Settings};
use crate::report::{self, FileReport, Format, Totals};
use crate::rules::RULES;
use crate::schema::SchemaCache;
use crate::walk::{self, Item};

/// A fast linter and validator for the front matter of Markdown content folders.
#[derive(Debug, Parser)]
#[command(
    name = "frontlint",
    version,
    args_conflicts_with_subcommands = true,
    term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, default severity, whether it is fixable, what it reports.
    Rules,
    /// Print a rule's documentation page.
    Explain {
        /// A rule id, such as `syntax/duplicate-key`.
        rule: String,
    },
    /// Remove the result cache (.frontlint_cache/) of the site root.
    Clean {
        /// The site root [default: the config file's folder, else .]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// For example `frontlint completions bash > ~/.local/share/bash-completion/completions/frontlint`,
    /// `frontlint completions zsh > ~/.zfunc/_frontlint` (with `~/.zfunc` in `fpath`),
    /// `frontlint completions fish > ~/.config/fish/completions/frontlint.fish`.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    ///
    /// For example `frontlint manpage > ~/.local/share/man/man1/frontlint.1`, then `man frontlint`.
    Manpage,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` reads one file from standard input [default: .]
    pub paths: Vec<PathBuf>,
    /// JSON Schema for the front matter (default: from the config, else the built-in Hugo schema)
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Output format [default: full on a terminal, concise otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Config file (default: frontlint.toml or .frontlint.toml, searched upward)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The path to report and match against config when reading standard input (`-`)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Number of threads [default: number of cores]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to use colors (`NO_COLOR` is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Exit with 1 when there are warnings, too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Only these rules or groups (comma-separated); a rule named by its id runs even if off
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Turn these rules or groups off (comma-separated)
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print counts per rule and severity instead of the diagnostics
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file (atomically) instead of standard output
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// The current time for date rules, RFC 3339 [default: $FRONTLINT_NOW, else the clock]
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Apply safe fixes in place (atomically), then report what is left
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes (summaries regenerated from the body)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, change nothing (exit 1 if any)
    #[arg(long)]
    pub diff: bool,
    /// Do not read or write the result cache (.frontlint_cache/ at the site root)
    #[arg(long)]
    pub no_cache: bool,
    /// Schema and header rules only: files are read only as far as their front matter
    #[arg(long)]
    pub no_body: bool,
    /// The site root, where `static/`, `assets/` and `content/` are [default: the config file's folder, else .]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Rules) => {
            print_rules();
            ExitCode::SUCCESS
        }
        Some(Command::Clean { root }) => clean(root),
        Some(Command::Completions { shell }) => print_or_fail(&completions(shell)),
        Some(Command::Manpage) => print_or_fail(&manpage()),
        Some(Command::Explain { rule }) => match crate::rules::info(&rule) {
            Some(r) => {
                print!("{}", crate::rules::docs::page(r));
                ExitCode::SUCCESS
            }
            None => {
                let hint = config::closest_rule(&rule)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                eprintln!(
                    "error: unknown rule `{}`{hint} (`frontlint rules` lists them)",
                    escape::text(&rule)
                );
                ExitCode::from(2)
            }
        },
        None => ExitCode::from(check(cli.check)),
    }
}

/// The completion script for `shell`, generated from the clap definitions.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "frontlint", &mut out);
    out
}

/// The man page (roff), generated from the clap definitions.
pub fn manpage() -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut out);
    out
}

fn print_or_fail(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

fn clean(root: Option<PathBuf>) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = root.map(|r| cwd.join(r)).unwrap_or_else(|| {
        config::discover(&cwd)
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.clone())
    });
    match crate::cache::clean(&root) {
        Ok(true) => {
            let shown = root.join(crate::cache::DIR).display().to_string();
            eprintln!("Removed {}", escape::text(&shown));
            ExitCode::SUCCESS
        }
        Ok(false) => {
            let shown = root.join(crate::cache::DIR).display().to_string();
            eprintln!("No cache at {}", escape::text(&shown));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot remove the cache: {e}");
            ExitCode::from(2)
        }
    }
}

fn print_rules() {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:width$}  {:8}  DESCRIPTION", "RULE", "DEFAULT");
    for r in RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {}",
            r.id,
            r.default.as_str(),
            r.summary
        );
    }
}

/// Exit codes: 0 clean, 1 problems found, 2 usage, config or schema error.
pub fn check(args: CheckArgs) -> u8 {
    let started = Instant::now();
    let started_wall = std::time::SystemTime::now();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout_color = match args.color {
        Color::Auto => color && std::io::stdout().is_terminal(),
        _ => color,
    };
    let fatal = |path: &str, source: Option<&str>, span, message: &str| {
        eprint!(
            "{}",
            report::render_fatal(color, path, source, span, message)
        );
        2
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => {
            return fatal(
                ".",
                None,
                None,
                &format!("cannot read the current folder: {e}"),
            );
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && paths.len() > 1 {
        return fatal(
            "-",
            None,
            None,
            "`-` (standard input) cannot be combined with other paths",
        );
    }

    // Config: --config, else discovered from the first path's folder (or the stdin filename's).
    let first = if stdin {
        args.stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
    } else {
        paths[0].clone()
    };
    let start = {
        let abs = cwd.join(&first);
        if abs.is_dir() {
            abs
        } else {
            abs.parent().map_or(cwd.clone(), Path::to_path_buf)
        }
    };
    let config_path = args.config.clone().or_else(|| config::discover(&start));
    let config = match &config_path {
        Some(p) => match if args.config.is_some() {
            config::load(&cwd.join(p))
        } else {
            config::load_discovered(&cwd.join(p))
        } {
            Ok(c) => c,
            Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
        },
        None => Config::default_for(cwd.clone()),
    };

    for sel in args.select.iter().chain(&args.ignore) {
        if !crate::rules::is_known_selector(sel) {
            let hint = config::closest_rule(sel)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return fatal(
                "--select/--ignore",
                None,
                None,
                &format!("unknown rule or group `{sel}`{hint}"),
            );
        }
    }
    let now = match args.now.clone().or_else(|| {
        std::env::var("FRONTLINT_NOW")
            .ok()
            .filter(|s| !s.is_empty())
    }) {
        Some(s) => match crate::rules::dates::parse_now(&s) {
            Ok(t) => t,
            Err(e) => return fatal("--now", None, None, &e),
        },
        None => jiff::Timestamp::now(),
    };
    let date_options = crate::rules::dates::DateOptions {
        now,
        timezone: config.timezone.clone(),
        extra_fields: config.date_fields.clone(),
    };
    let site_root = args
        .root
        .as_ref()
        .map_or_else(|| config.root.clone(), |r| cwd.join(r));
    let site = crate::rules::site::Site::new(
        site_root,
        config.image_fields.clone(),
        config.link_exclude.clone(),
    );
    let options = Arc::new(lint::RuleOptions {
        dates: date_options,
        site,
        summary: config.summary.clone(),
        taxonomy: config.taxonomy.clone(),
        no_body: args.no_body,
    });
    let cli_rules = CliRules {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        options,
    };
    let cli_schema = args.schema.as_ref().map(|p| cwd.join(p));
    let project = config
        .file
        .as_ref()
        .and_then(|f| f.parent())
        .map(crate::bounds::project_root);
    let mut schemas = SchemaCache::new(&cwd).with_bounds(project, cli_schema.clone());
    let mut settings_for = SettingsTable::default();

    if let Some(t) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(t.max(1))
            .build_global();
    }
    let format =
        args.format
            .or(config.output_format)
            .unwrap_or(if std::io::stdout().is_terminal() {
                Format::Full
            } else {
                Format::Concise
            });

    // Silence the default panic printout: a panic becomes an `internal/error` diagnostic.
    std::panic::set_hook(Box::new(|_| {}));

    let mut files: Vec<FileReport> = Vec::new();
    let checked;
    if stdin {
        let display = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let settings = match settings_for.get(
            &config,
            &mut schemas,
            cli_schema.as_deref(),
            &cli_rules,
            &cwd.join(&display),
        ) {
            Ok(s) => s,
            Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
        };
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return fatal("-", None, None, &format!("cannot read standard input: {e}"));
        }
        let linted = lint::lint_bytes(&display, bytes, &settings);
        files.push(FileReport::new(
            display.display().to_string(),
            linted.text,
            linted.diagnostics,
        ));
        checked = 1;
    } else {
        let (items, roots) = walk::walk(&paths, &config, &cwd, &cli_rules.options.site.root);
        // Link checks look inside the linted roots only.
        cli_rules.options.site.set_roots(roots);
        let work = match settings_for.resolve(
            items,
            &config,
            &mut schemas,
            cli_schema.as_deref(),
            &cli_rules,
            &cwd,
        ) {
            Ok(w) => w,
            Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
        };
        checked = work.iter().filter(|w| w.settings.is_some()).count();
        // Links between the files of this run resolve without a system call.
        cli_rules.options.site.set_walked(
            work.iter()
                .filter(|w| w.settings.is_some())
                .map(|w| w.display.clone())
                .collect(),
        );
        if args.fix || args.diff {
            match fix_all(&work, &args) {
                Err(code) => return code,
                Ok(n) if args.diff => {
                    eprintln!(
                        "{n} {} would be changed.",
                        if n == 1 { "file" } else { "files" }
                    );
                    return u8::from(n > 0);
                }
                Ok(_) => {}
            }
        }
        let cache = (!args.no_cache).then(|| {
            let key = cache_key(&config, &schemas, &args, &cli_rules);
            let mut cache = crate::cache::Cache::load(&cli_rules.options.site.root, &key);
            // Only reports that show source need the text of files taken from the cache.
            cache.need_text = !args.statistics && matches!(format, Format::Full | Format::Sarif);
            cache
        });
        let (reports, fresh, misses) = crate::run::lint_all(&work, cache.as_ref());
        files = reports;
        if let Some(cache) = &cache {
            crate::run::save_cache(cache, &fresh, misses, started_wall);
        }
    }

    let totals = Totals::of(&files, checked);
    let mut buffer: Vec<u8> = Vec::new();
    let to_file = args.output_file.is_some();
    let written = if args.statistics {
        let json = matches!(format, Format::Json | Format::JsonLines);
        report::write_statistics(&mut buffer, &files, json)
    } else {
        report::write(&mut buffer, format, &files, stdout_color && !to_file, &cwd)
    };
    if let Err(e) = written {
        return fatal("-", None, None, &format!("cannot render the report: {e}"));
    }
    match &args.output_file {
        Some(path) => {
            if let Err(e) = crate::fsutil::write_atomic(&cwd.join(path), &buffer) {
                let shown = path.display().to_string();
                return fatal(&shown, None, None, &format!("cannot write the report: {e}"));
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&buffer).and_then(|_| out.flush());
        }
    }
    eprintln!("{}", totals.summary(started.elapsed().as_secs_f64()));
    let failed = totals.errors > 0 || (args.deny_warnings && totals.warnings > 0);
    u8::from(failed)
}

/// `--fix` / `--diff` over every file: writes (or prints) and returns how many files change.
fn fix_all(work: &[crate::run::Work], args: &CheckArgs) -> Result<usize, u8> {
    use rayon::prelude::*;
    let results: Vec<(String, Option<crate::fix::Fixed>, Option<String>)> = work
        .par_iter()
        .filter_map(|w| {
            let settings = w.settings.as_ref()?;
            let shown = w.display.display().to_string();
            let text = std::fs::read(&w.abs)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())?;
            let fixed = crate::fix::fix_text(&w.display, &text, settings, args.unsafe_fixes)?;
            let error = if args.diff {
                None
            } else {
                crate::fix::write_back(&w.abs, &fixed).err()
            };
            Some((shown, Some(fixed), error))
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let mut changed = 0;
    let mut edits = 0;
    for (path, fixed, error) in &results {
        let Some(fixed) = fixed else { continue };
        if let Some(e) = error {
            eprintln!("error: {}: {}", escape::text(path), escape::text(e));
            continue;
        }
        changed += 1;
        edits += fixed.applied;
        if args.diff {
            let _ = out.write_all(
                crate::fix::unified_diff(path, &fixed.original, &fixed.fixed).as_bytes(),
            );
        }
    }
    if args.fix && !args.diff {
        eprintln!(
            "Fixed {edits} {} in {changed} {}.",
            if edits == 1 { "problem" } else { "problems" },
            if changed == 1 { "file" } else { "files" }
        );
    }
    if results.iter().any(|r| r.2.is_some()) && !args.diff {
        return Err(1);
    }
    Ok(changed)
}

/// Everything besides the files themselves that affects results.
fn cache_key(config: &Config, schemas: &SchemaCache, args: &CheckArgs, cli: &CliRules) -> String {
    let config_text = config
        .file
        .as_ref()
        .and_then(|f| std::fs::read(f).ok())
        .unwrap_or_default();
    let opts = &cli.options;
    let now_day = opts.dates.now.as_second().div_euclid(86_400);
    // The linted roots decide which link targets are looked at.
    let cli_text = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{:?}",
        args.schema,
        cli.select,
        cli.ignore,
        opts.site.root,
        opts.no_body,
        now_day,
        opts.dates.timezone,
        opts.site.roots(),
    );
    crate::cache::key(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        &config_text,
        &schemas.fingerprint(),
        cli_text.as_bytes(),
    ])
}

/// `--select` and `--ignore`: applied last, so they win over config and overrides.
struct CliRules {
    select: Vec<String>,
    ignore: Vec<String>,
    /// Not rules, but like them global to the run.
    options: Arc<lint::RuleOptions>,
}

impl CliRules {
    fn apply(&self, rules: &mut RuleSet) {
        if !self.select.is_empty() {
            for r in RULES {
                let exact = self.select.iter().any(|s| s == r.id);
                let in_group = self.select.iter().any(|s| crate::rules::group(r.id) == s);
                let sev = match rules.severity(r.id) {
                    // Named by its id, a rule runs even when it is off by default or config.
                    Severity::Off if exact => r.default.max(Severity::Warning),
                    sev if exact || in_group => sev,
                    _ => Severity::Off,
                };
                rules.apply([(r.id, sev)]);
            }
        }
        rules.apply(self.ignore.iter().map(|s| (s.as_str(), Severity::Off)));
    }
}

/// Settings per distinct set of matching overrides, built once each.
#[derive(Default)]
struct SettingsTable {
    by_mask: HashMap<Vec<usize>, Arc<Settings>>,
}

impl SettingsTable {
    /// Settings per file, in order. Each file's matching overrides are found in parallel;
    /// settings are then built once per distinct set, in path order (schemas compile once,
    /// and the first schema error, the one reported, is the same whatever the thread count).
    fn resolve(
        &mut self,
        items: Vec<Item>,
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
        cwd: &Path,
    ) -> Result<Vec<crate::run::Work>, crate::schema::SchemaError> {
        use rayon::prelude::*;
        let masked: Vec<(crate::run::Work, Vec<usize>)> = items
            .into_par_iter()
            .map(|item| match item {
                Item::File(p) => {
                    let abs = cwd.join(&p);
                    let mask = mask_of(config, &abs);
                    let w = crate::run::Work {
                        display: p,
                        abs,
                        settings: None,
                        error: None,
                    };
                    (w, mask)
                }
                Item::Error(p, message) => {
                    let w = not_linted(p, "file/unreadable", Severity::Error, message);
                    (w, Vec::new())
                }
                Item::Outside(p, message) => {
                    // Configured like any rule (per folder through overrides, and off).
                    let mask = mask_of(config, &cwd.join(&p));
                    let severity =
                        rules_for(config, &mask, cli_rules).severity("file/outside-root");
                    let w = not_linted(p, "file/outside-root", severity, message);
                    (w, Vec::new())
                }
            })
            .collect();
        let mut work = Vec::with_capacity(masked.len());
        let mut last: Option<(Vec<usize>, Arc<Settings>)> = None;
        for (mut w, mask) in masked {
            if w.error.is_none() {
                let s = match &last {
                    // Neighbours in path order nearly always match the same overrides.
                    Some((m, s)) if *m == mask => s.clone(),
                    _ => {
                        let s = self.for_mask(&mask, config, schemas, cli_schema, cli_rules)?;
                        last = Some((mask, s.clone()));
                        s
                    }
                };
                w.settings = Some(s);
            }
            work.push(w);
        }
        Ok(work)
    }

    fn get(
        &mut self,
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
        abs: &Path,
    ) -> Result<Arc<Settings>, crate::schema::SchemaError> {
        let mask = mask_of(config, abs);
        self.for_mask(&mask, config, schemas, cli_schema, cli_rules)
    }

    fn for_mask(
        &mut self,
        mask: &[usize],
        config: &Config,
        schemas: &mut SchemaCache,
        cli_schema: Option<&Path>,
        cli_rules: &CliRules,
    ) -> Result<Arc<Settings>, crate::schema::SchemaError> {
        if let Some(s) = self.by_mask.get(mask) {
            return Ok(s.clone());
        }
        let rules = rules_for(config, mask, cli_rules);
        let mut schema_path = config.schema.clone();
        for &i in mask {
            let o = &config.overrides[i];
            if o.schema.is_some() {
                schema_path.clone_from(&o.schema);
            }
        }
        let schema_path = cli_schema.map(Path::to_path_buf).or(schema_path);
        let any_schema_rule = RULES
            .iter()
            .any(|r| r.id.starts_with("schema/") && rules.severity(r.id) != Severity::Off);
        let schema = if any_schema_rule {
            Some(schemas.get(schema_path.as_deref())?)
        } else {
            None
        };
        let s = Arc::new(Settings {
            rules,
            schema,
            options: cli_rules.options.clone(),
        });
        self.by_mask.insert(mask.to_vec(), s.clone());
        Ok(s)
    }
}

/// A path the walk refused: reported with `rule`, not linted.
fn not_linted(
    path: PathBuf,
    rule: &'static str,
    severity: Severity,
    message: String,
) -> crate::run::Work {
    crate::run::Work {
        display: path.clone(),
        abs: path,
        settings: None,
        error: Some(crate::run::Refused {
            rule,
            severity,
            message,
        }),
    }
}

/// The rules of files matching the overrides in `mask`: config, overrides, command line.
fn rules_for(config: &Config, mask: &[usize], cli_rules: &CliRules) -> RuleSet {
    let mut rules = RuleSet::default();
    rules.apply(config.rules.iter().map(|(s, v)| (s.as_str(), *v)));
    for &i in mask {
        let o = &config.overrides[i];
        rules.apply(o.rules.iter().map(|(s, v)| (s.as_str(), *v)));
    }
    cli_rules.apply(&mut rules);
    rules
}

/// The indices of the config overrides whose `files` match `abs`.
fn mask_of(config: &Config, abs: &Path) -> Vec<usize> {
    let rel = config.relative(abs);
    config
        .overrides
        .iter()
        .enumerate()
        .filter(|(_, o)| o.files.matches_file(rel))
        .map(|(i, _)| i)
        .collect()
}
