//! The command line: parse arguments, load config and schemas, walk, lint in parallel, report.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::diagnostic::Severity;
use crate::escape;
use crate::lint::{self, Settings};
use crate::report::{self, FileReport, Format, Totals};
use crate::rules::RULES;
use crate::schema::SchemaCache;
use crate::walk::{self, Item};
use crate::workspace::{RunFiles, fallback_root, site_content_paths, warn_shadowed};

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
    Rules {
        /// Output format: a table, or a JSON array for tools
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
    },
    /// Print a rule's documentation page.
    Explain {
        /// A rule id, such as `syntax/duplicate-key`.
        rule: String,
    },
    /// Show the site model: generator, root, content and static folders, languages, time zone,
    /// taxonomies, heading ids, and what was read or assumed
    Site(SiteArgs),
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
    /// Run the language server (LSP) over standard input and output, for editors.
    ///
    /// Diagnostics as you type (site-wide checks included), quick fixes, "fix all"
    /// (`source.fixAll.frontlint`), "suppress for this line", and hover from the schema. See the
    /// README's "Editors" section for editor setups.
    Server,
    /// Print the man page (roff).
    ///
    /// For example `frontlint manpage > ~/.local/share/man/man1/frontlint.1`, then `man frontlint`.
    Manpage,
    /// Learn a JSON Schema (draft 2020-12) from the site's front matter; the outliers that kept
    /// it from being tighter (and likely typos) are listed on standard error
    Infer(crate::audit::InferArgs),
    /// Write an audit of the whole site: one self-contained HTML page (charts, every problem,
    /// fields, dates, taxonomies, languages, links), or Markdown or JSON
    Audit(crate::audit::AuditArgs),
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// A folder or file of the site [default: .]
    pub path: Option<PathBuf>,
    /// Also list every page: path → URL(s), language, translation group
    #[arg(long)]
    pub pages: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
    pub format: SiteFormat,
    /// Config file (default: frontlint.toml or .frontlint.toml, searched upward)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The site root [default: detected from the generator's config]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    Text,
    Json,
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
    /// Number of threads, 1 to 512 [default: number of cores]
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=512))]
    pub threads: Option<u16>,
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
    /// Print counts per rule and severity (with files and fixable counts) instead of the
    /// diagnostics: a table, or JSON with --format json or json-lines
    #[arg(long)]
    pub statistics: bool,
    /// Exit with 0 when no file is linted (an empty run is an error by default: exit 2)
    #[arg(long)]
    pub allow_empty: bool,
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
    /// Print a unified diff of what --fix would change, change nothing (exit 1 if any); not
    /// with --fix
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
    /// Also check over HTTP that header images and absolute body links answer (see `[remote]`
    /// in the config); the only option that makes frontlint use the network
    #[arg(long, conflicts_with = "offline")]
    pub remote: bool,
    /// Make no network request, even with `[remote] enabled = true` in the config
    #[arg(long)]
    pub offline: bool,
    /// `frontlint infer` and `frontlint audit`: what to do with the run instead of reporting.
    #[arg(skip)]
    pub then: Option<crate::audit::Then>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The command line, with every panic caught: a panic while linting one file is that file's
/// `internal/error` diagnostic (see `lint`); anywhere else it ends the run with a message and
/// exit code 2, never with Rust's default 101 and nothing said.
pub fn main() -> ExitCode {
    // Silence the default panic printout: every panic is reported by its catcher.
    std::panic::set_hook(Box::new(|_| {}));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            eprintln!(
                "error: frontlint failed: {}\nplease report this at {}/issues",
                what.escape_debug(),
                crate::rules::docs::HOME
            );
            ExitCode::from(2)
        }
    }
}

fn run() -> ExitCode {
    // Debug builds only: lets the tests reach the catch above (nothing else panics on purpose).
    #[cfg(debug_assertions)]
    if std::env::var_os("FRONTLINT_TEST_PANIC").is_some() {
        panic!("a test asked for a panic (FRONTLINT_TEST_PANIC)");
    }
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Rules { format }) => print_or_fail(&rules_list(format).into_bytes()),
        Some(Command::Clean { root }) => clean(root),
        Some(Command::Site(args)) => ExitCode::from(site_command(&args)),
        Some(Command::Completions { shell }) => print_or_fail(&completions(shell)),
        Some(Command::Manpage) => print_or_fail(&manpage()),
        Some(Command::Server) => ExitCode::from(crate::server::run()),
        Some(Command::Infer(args)) => ExitCode::from(infer_main(args)),
        Some(Command::Audit(args)) => ExitCode::from(audit_main(args)),
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
    if let Some(message) = root
        .as_deref()
        .and_then(|r| missing_folder(&cwd, r, "--root"))
    {
        return ExitCode::from(usage_error_of(Some("clean"), &message));
    }
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
        Err(crate::cache::Unusable(why)) => {
            eprintln!("error: {why}: nothing was removed");
            ExitCode::from(2)
        }
    }
}

/// `frontlint site`: the model, and with `--pages` every page.
fn site_command(args: &SiteArgs) -> u8 {
    let fail = |message: String| {
        eprintln!("error: {message}");
        2
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(format!("cannot read the current folder: {e}")),
    };
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let missing = crate::friendly::missing_path(&cwd, &path).or_else(|| {
        let root = args.root.as_deref()?;
        missing_folder(&cwd, root, "--root")
    });
    if let Some(message) = missing {
        return usage_error_of(Some("site"), &message);
    }
    let abs = crate::util::normalize(&cwd.join(&path));
    let start = if abs.is_dir() {
        abs
    } else {
        abs.parent().map_or(cwd.clone(), Path::to_path_buf)
    };
    let discovered = args
        .config
        .is_none()
        .then(|| config::discover(&start))
        .flatten();
    if let Some(p) = &discovered {
        warn_shadowed(p);
    }
    let config = match args.config.clone().or(discovered) {
        Some(p) => match config::load(&cwd.join(p)) {
            Ok(c) => c,
            Err(e) => return fail(format!("{}: {}", e.path, e.message)),
        },
        None => Config::default_for(cwd.clone()),
    };
    let fallback_root = fallback_root(args.root.as_deref(), &config, &cwd, &start);
    let mut options = config.site.clone();
    if args.root.is_some() {
        options.root = Some(fallback_root.clone());
    }
    let site = match crate::site::load(&start, &fallback_root, &options) {
        Ok(s) => Arc::new(s),
        Err(e) => return fail(format!("cannot read the site's config: {e}")),
    };
    let pages = args.pages.then(|| {
        let (items, _, _) = walk::walk(&site_content_paths(&site, &cwd), &config, &cwd, &site.root);
        let settings = Arc::new(Settings {
            options: Arc::new(lint::RuleOptions {
                site: site.clone(),
                facts: true,
                links: crate::rules::links::LinkOptions {
                    exclude: config.link_exclude.clone(),
                    ..Default::default()
                },
                ..Default::default()
            }),
            ..Default::default()
        });
        let work: Vec<crate::run::Work> = items
            .into_iter()
            .filter_map(|it| match it {
                Item::File(p) => Some(crate::run::Work {
                    abs: cwd.join(&p),
                    display: p,
                    settings: Some(settings.clone()),
                    error: None,
                }),
                Item::Error(..) | Item::Outside(..) => None,
            })
            .collect();
        let outcome = crate::run::lint_all(&work, None);
        let empty = crate::site::PageFacts::default();
        let inputs: Vec<(String, &crate::site::PageFacts)> = work
            .iter()
            .zip(&outcome.facts)
            .filter_map(|(w, f)| {
                let rel = lint::site_rel(&w.abs, &settings)?;
                Some((rel, f.as_ref().unwrap_or(&empty)))
            })
            .collect();
        crate::site::PageMap::build(&site, inputs)
    });
    let out = match args.format {
        SiteFormat::Json => {
            let mut v = crate::site::show::describe_json(&site);
            if let Some(map) = &pages {
                v["pages"] = crate::site::show::pages_json(map);
            }
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        SiteFormat::Text => {
            let mut t = crate::site::show::describe_text(&site);
            if let Some(map) = &pages {
                t.push_str(&crate::site::show::pages_text(map));
            }
            t
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(crate::site::show::escape_controls(&out).as_bytes());
    0
}

/// `frontlint rules`: a table (id, default severity, fixable, description) or JSON.
pub fn rules_list(format: SiteFormat) -> String {
    use std::fmt::Write as _;
    if format == SiteFormat::Json {
        let list: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "group": crate::rules::group(r.id),
                    "default": r.default,
                    "fixable": r.fixable.as_str(),
                    "summary": r.summary,
                    "url": crate::rules::docs::url(r.id),
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list).unwrap_or_default() + "\n";
    }
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:7}  DESCRIPTION",
        "RULE", "DEFAULT", "FIXABLE"
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:7}  {}",
            r.id,
            r.default.as_str(),
            r.fixable.as_str(),
            r.summary
        );
    }
    out
}

/// Flag combinations that make no sense, and paths that do not exist: usage errors (exit 2),
/// with the message to show.
fn usage_problem(args: &CheckArgs, cwd: &Path) -> Option<String> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.fix && args.diff {
        return Some(
            "`--fix` writes the fixes and `--diff` only shows them: use one of them (`--diff` to review, then `--fix`)".into(),
        );
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Some(
            "`--unsafe-fixes` adds unsafe fixes to `--fix` or `--diff`: use it with one of them"
                .into(),
        );
    }
    if args.stdin_filename.is_some() && !stdin {
        return Some(
            "`--stdin-filename` names what is read from standard input: add `-` as the path (`frontlint --stdin-filename content/post.md -`)".into(),
        );
    }
    if args.statistics {
        if let Some(f @ (Format::Sarif | Format::Github | Format::Junit)) = args.format {
            let name = f.to_possible_value().map(|v| v.get_name().to_string());
            return Some(format!(
                "`--statistics` prints a table (or JSON with `--format json`), not `--format {}`: use one of them",
                name.unwrap_or_default()
            ));
        }
    }
    if let Some(root) = &args.root {
        if let Some(message) = missing_folder(cwd, root, "--root") {
            return Some(message);
        }
    }
    args.paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .find_map(|p| crate::friendly::missing_path(cwd, p))
}

/// A folder named by `flag` that does not exist, or is not a folder.
fn missing_folder(cwd: &Path, dir: &Path, flag: &str) -> Option<String> {
    if let Some(message) = crate::friendly::missing_path(cwd, dir) {
        return Some(format!("`{flag}`: {message}"));
    }
    let shown = dir.display().to_string();
    (!cwd.join(dir).is_dir())
        .then(|| format!("`{flag}`: `{}` is not a folder", escape::text(&shown)))
}

/// A usage error, as clap shows its own (with the usage line): exit 2.
fn usage_error(message: &str) -> u8 {
    usage_error_of(None, message)
}

/// [`usage_error`] with the usage line of a subcommand.
fn usage_error_of(subcommand: Option<&str>, message: &str) -> u8 {
    let mut cli = Cli::command();
    let mut cmd = match subcommand.and_then(|name| cli.find_subcommand_mut(name)) {
        Some(sub) => sub
            .clone()
            .bin_name(format!("frontlint {}", sub.get_name())),
        None => cli,
    };
    cmd.build();
    let _ = cmd
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    2
}

/// Exit codes: 0 clean, 1 problems found, 2 usage, config or schema error.
pub fn check(args: CheckArgs) -> u8 {
    let started = Instant::now();
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
                &format!("cannot read the current folder: {}", walk::io_message(&e)),
            );
        }
    };
    if let Some(message) = usage_problem(&args, &cwd) {
        return usage_error(&message);
    }
    let implicit = args.paths.is_empty();
    let paths = if implicit {
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
        let abs = crate::util::normalize(&cwd.join(&first));
        if abs.is_dir() {
            abs
        } else {
            abs.parent().map_or(cwd.clone(), Path::to_path_buf)
        }
    };
    let mut ws = match crate::workspace::Workspace::open(&crate::workspace::OpenOptions {
        cwd: cwd.clone(),
        start,
        config: args.config.clone(),
        root: args.root.clone(),
        now: args.now.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        schema: args.schema.clone(),
        no_body: args.no_body,
        term_facts: false,
    }) {
        Ok(ws) => ws,
        Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
    };
    let config = ws.config.clone();
    let site = ws.site.clone();

    if let Some(t) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(t))
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

    if args.statistics && matches!(format, Format::Sarif | Format::Github | Format::Junit) {
        // Only the config's `output-format` gets here: `--format` was checked with the flags.
        return usage_error(
            "`--statistics` prints a table (or JSON), and the config's `output-format` cannot hold one: add `--format concise` or `--format json`",
        );
    }

    let mut files: Vec<FileReport> = Vec::new();
    let mut remote_summary: Option<String> = None;
    let checked;
    // Why no file was linted, when none was: a warning and exit 2 unless allowed.
    let mut nothing_linted: Option<String> = None;
    let mut fix_failed = false;
    let mut fix_notes = FixNotes::new();
    let mut report_to_stderr = false;
    if stdin {
        let display = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let settings = match ws.settings_for(&cwd.join(&display)) {
            Ok(s) => s,
            Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
        };
        let mut linted = match lint::lint_reader(&display, std::io::stdin().lock(), &settings) {
            Ok(linted) => linted,
            Err(e) => return fatal("-", None, None, &format!("cannot read standard input: {e}")),
        };
        // `--fix -` writes the fixed text to standard output and the report of what is left to
        // standard error (as ruff does); `--diff -` writes the diff.
        if args.fix || args.diff {
            let fixed = crate::fix::fix(&display, &linted.text, &settings, args.unsafe_fixes);
            let shown = display.display().to_string();
            let mut out = std::io::stdout().lock();
            if args.diff {
                if fixed.changed() {
                    let diff = crate::fix::unified_diff(&shown, &fixed.original, &fixed.fixed);
                    let _ = out.write_all(diff.as_bytes()).and_then(|_| out.flush());
                }
                let n = usize::from(fixed.changed());
                eprintln!(
                    "{n} {} would be changed.",
                    if n == 1 { "file" } else { "files" }
                );
                return u8::from(fixed.changed());
            }
            let _ = out
                .write_all(fixed.fixed.as_bytes())
                .and_then(|_| out.flush());
            report_to_stderr = true;
            linted.diagnostics = lint::lint_text(&display, &fixed.fixed, &settings);
            linted.text = fixed.fixed;
        }
        files.push(FileReport::new(
            display.display().to_string(),
            linted.text,
            linted.diagnostics,
        ));
        checked = 1;
    } else {
        // At a site root with no path given, lint what the generator builds: its content
        // folders. Either way the page map needs the whole site, so the content folders are
        // walked too; their files are linted (or taken from the cache) but reported only when
        // they were asked for.
        let RunFiles {
            work,
            reported,
            walk_paths,
        } = match ws.files(&args.paths) {
            Ok(f) => f,
            Err(e) => return fatal(&e.path, e.source.as_deref(), e.span, &e.message),
        };
        checked = work[..reported]
            .iter()
            .filter(|w| w.settings.is_some())
            .count();
        if let Some(crate::audit::Then::Infer(req)) = &args.then {
            return crate::audit::run_infer(req, &work[..reported], &site, &cwd);
        }
        if checked == 0 {
            let refused = work[..reported].iter().any(|w| w.error.is_some());
            nothing_linted = Some(crate::empty_run::reason(
                &walk_paths,
                &config,
                &cwd,
                refused,
            ));
        }
        if (args.fix || args.diff) && nothing_linted.is_none() {
            let outcome = fix_all(&work[..reported], &args, color, &cwd);
            if args.diff {
                let n = outcome.changed;
                eprintln!(
                    "{n} {} would be changed.",
                    if n == 1 { "file" } else { "files" }
                );
                return u8::from(n > 0 || outcome.failed);
            }
            fix_failed = outcome.failed;
            fix_notes = outcome.notes;
        }
        let cache = if args.no_cache {
            None
        } else {
            let key = cache_key(&config, &ws.schemas, &args, &ws.cli_rules);
            let now = ws.options().dates.now.as_nanosecond();
            match crate::cache::Cache::open(&ws.options().site.root, &cwd, &key, now) {
                Ok(mut cache) => {
                    // Only reports that show source need the text of files taken from the cache.
                    cache.need_text =
                        !args.statistics && matches!(format, Format::Full | Format::Sarif);
                    Some(cache)
                }
                Err(crate::cache::Unusable(why)) => {
                    eprintln!("warning: {why}: the result cache is not used");
                    None
                }
            }
        };
        // An audit learns from the headers as the lint reads them (each file is read once).
        let mut learning = match &args.then {
            Some(crate::audit::Then::Audit(_)) => Some(crate::audit::Learning::new(
                &site,
                &work[..reported],
                ws.options().dates.now,
                &ws.options().links.image_fields,
            )),
            _ => None,
        };
        let mut sink = |first: usize, headers: Vec<Option<Vec<u8>>>| {
            if let Some(l) = learning.as_mut() {
                l.chunk(first, headers);
            }
        };
        let sink: Option<crate::run::HeaderSink> = match &args.then {
            Some(crate::audit::Then::Audit(_)) => Some(&mut sink),
            _ => None,
        };
        let (mut outcome, map) = ws.lint_work_with(&work, reported, cache.as_ref(), sink);
        if (args.remote || config.remote.enabled) && !args.offline {
            let (work, reports) = (&work[..reported], &mut outcome.reports[..reported]);
            let progress = !args.statistics;
            let done =
                crate::remote::phase(&config.remote, work, reports, !args.no_cache, progress);
            remote_summary = Some(done.line());
        }
        files = outcome
            .reports
            .into_iter()
            .take(reported)
            .flatten()
            .collect();
        add_fix_notes(&mut files, &fix_notes);
        if let Some(crate::audit::Then::Audit(req)) = &args.then {
            if checked == 0 {
                eprintln!("error: no file to audit");
                return 2;
            }
            let Some(learning) = learning else {
                unreachable!("an audit run has its learning");
            };
            return crate::audit::run_audit(
                req,
                &crate::audit::Run {
                    files: &files,
                    work: &work[..reported],
                    all_work: &work,
                    facts: &outcome.facts,
                    map: &map,
                    site: &site,
                    checked,
                    started,
                    cwd: &cwd,
                },
                learning,
            );
        }
        // A site of 100,000 pages is a few hundred thousand allocations: they are freed on
        // another thread while the report is written (or all at once when the process ends).
        let facts = std::mem::take(&mut outcome.facts);
        std::thread::spawn(move || drop((work, facts, map)));
    }

    let mut totals = Totals::of(&files, checked);
    // What is left after `--fix` was not applied for a reason: not offered again.
    if args.fix {
        totals.fixable = 0;
        if args.unsafe_fixes {
            totals.unsafe_fixable = 0;
        }
    }
    let mut buffer: Vec<u8> = Vec::new();
    let to_file = args.output_file.is_some();
    let written = if args.statistics {
        report::write_statistics(&mut buffer, &files, format)
    } else {
        report::write(&mut buffer, format, &files, stdout_color && !to_file, &cwd)
    };
    if let Err(e) = written {
        return fatal("-", None, None, &format!("cannot render the report: {e}"));
    }
    match &args.output_file {
        Some(path) => {
            if let Some(link) = crate::fsutil::link_on_the_way(&cwd, path) {
                let link = link
                    .strip_prefix(&cwd)
                    .unwrap_or(&link)
                    .display()
                    .to_string();
                return fatal(
                    &path.display().to_string(),
                    None,
                    None,
                    &format!(
                        "cannot write the report: `{link}` is a symbolic link, and frontlint never writes through one; name the file where the link points"
                    ),
                );
            }
            if let Err(e) = crate::fsutil::write_atomic(&cwd.join(path), &buffer) {
                let shown = path.display().to_string();
                let why = walk::io_message(&e);
                return fatal(
                    &shown,
                    None,
                    None,
                    &format!("cannot write the report: {why}"),
                );
            }
        }
        None if report_to_stderr => {
            let mut out = std::io::stderr().lock();
            let _ = out.write_all(&buffer).and_then(|_| out.flush());
        }
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&buffer).and_then(|_| out.flush());
        }
    }
    if let Some(why) = nothing_linted {
        if !(args.allow_empty || config.allow_empty) {
            eprintln!(
                "warning: no file was linted: {why}\n  (`--allow-empty`, or `allow-empty = true` in the config, makes this a pass)"
            );
            return 2;
        }
    }
    if let Some(line) = remote_summary {
        eprintln!("{line}");
    }
    eprintln!("{}", totals.summary(started.elapsed().as_secs_f64()));
    let failed = totals.errors > 0 || (args.deny_warnings && totals.warnings > 0) || fix_failed;
    u8::from(failed)
}

/// Notes for diagnostics whose fix was not applied, by shown path: rule, span, note.
type FixNotes = HashMap<String, Vec<(&'static str, std::ops::Range<usize>, String)>>;

/// What `--fix` / `--diff` did.
struct FixOutcome {
    /// Files changed (or, with `--diff`, that would change).
    changed: usize,
    /// A file could not be read or written: the run fails.
    failed: bool,
    notes: FixNotes,
}

/// What happened to one file.
enum FileFix {
    /// Nothing to fix.
    Clean,
    /// It could not be read: what lint reports for it.
    Unreadable(FileReport),
    Fixed {
        fixed: crate::fix::Fixed,
        /// Why it was not (or would not be) written.
        refused: Option<String>,
        /// Writing it failed.
        error: Option<String>,
    },
}

/// `--fix` / `--diff` over every file: writes (or prints) the fixed files, and says which
/// fixes were not applied and why (on standard error and, for `--fix`, as notes on the
/// diagnostics that stay).
fn fix_all(work: &[crate::run::Work], args: &CheckArgs, color: bool, cwd: &Path) -> FixOutcome {
    use crate::fix;
    use rayon::prelude::*;
    let results: Vec<(String, FileFix)> = work
        .par_iter()
        .filter_map(|w| {
            let shown = w.display.display().to_string();
            if let Some(refused) = &w.error {
                if refused.severity == Severity::Off {
                    return None;
                }
                let mut d =
                    crate::diagnostic::Diagnostic::new(refused.rule, 0..0, refused.message.clone())
                        .help("fix the path or its permissions, or exclude it in the config");
                d.severity = refused.severity;
                let report = FileReport::new(shown.clone(), String::new(), vec![d]);
                return Some((shown, FileFix::Unreadable(report)));
            }
            let settings = w.settings.as_ref()?;
            let read = match fix::read(&w.abs) {
                Ok(read) => read,
                Err(d) => {
                    // The same diagnostics, at the same positions, as lint gives the file.
                    let linted = lint::lint_path(&w.abs, &w.display, settings);
                    let mut found: Vec<_> = linted
                        .diagnostics
                        .into_iter()
                        .filter(|x| x.rule == d.rule)
                        .collect();
                    if found.is_empty() {
                        found.push(*d);
                    }
                    let report = FileReport::new(shown.clone(), linted.text, found);
                    return Some((shown, FileFix::Unreadable(report)));
                }
            };
            let fixed = fix::fix(&w.display, &read.text, settings, args.unsafe_fixes);
            if !fixed.changed() && fixed.not_applied.is_empty() {
                return Some((shown, FileFix::Clean));
            }
            let refused = fixed.changed().then(|| fix::refusal(&read)).flatten();
            let error = if args.diff || refused.is_some() || !fixed.changed() {
                None
            } else {
                fix::write_back(&w.abs, &read, &fixed.fixed).err()
            };
            Some((
                shown,
                FileFix::Fixed {
                    fixed,
                    refused,
                    error,
                },
            ))
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let mut outcome = FixOutcome {
        changed: 0,
        failed: false,
        notes: FixNotes::new(),
    };
    let mut unreadable = Vec::new();
    let mut applied = 0;
    for (path, result) in results {
        let (fixed, refused, error) = match result {
            FileFix::Clean => continue,
            FileFix::Unreadable(report) => {
                outcome.failed = true;
                if !args.diff {
                    // The report after the fixes shows the diagnostic (unless its rule is off).
                    if let Some(l) = report.diagnostics.first() {
                        let message = fix::visible(&l.diagnostic.message);
                        eprintln!("error: {}: not fixed: {message}", fix::visible(&path));
                    }
                }
                unreadable.push(report);
                continue;
            }
            FileFix::Fixed {
                fixed,
                refused,
                error,
            } => (fixed, refused, error),
        };
        let shown = fix::visible(&path);
        if let Some(why) = refused.as_ref().or(error.as_ref()) {
            if error.is_some() {
                outcome.failed = true;
                eprintln!("error: {shown}: {why}");
            } else {
                eprintln!("warning: {shown}: {why}");
            }
            // The file keeps its text: every fix it would have had says why.
            let notes = outcome.notes.entry(path.clone()).or_default();
            for (rule, span) in &fixed.fixable {
                notes.push((rule, span.clone(), why.clone()));
            }
            continue;
        }
        if fixed.changed() {
            outcome.changed += 1;
            applied += fixed.applied;
            if args.diff {
                let diff = fix::unified_diff(&path, &fixed.original, &fixed.fixed);
                let _ = out.write_all(diff.as_bytes());
            }
        }
        let index = crate::source::LineIndex::new(&fixed.fixed);
        let notes = outcome.notes.entry(path.clone()).or_default();
        for n in &fixed.not_applied {
            let at = index.position(&fixed.fixed, n.span.start);
            eprintln!(
                "note: {shown}:{}:{}: {}: fix not applied: {}",
                at.line, at.column, n.rule, n.reason
            );
            notes.push((
                n.rule,
                n.span.clone(),
                format!("fix not applied: {}", n.reason),
            ));
        }
    }
    let _ = out.flush();
    if args.diff && !unreadable.is_empty() {
        // `--diff` stops before the report: what it could not read is reported here.
        let mut buffer = Vec::new();
        let _ = report::write(&mut buffer, Format::Concise, &unreadable, color, cwd);
        let _ = std::io::stderr().write_all(&buffer);
    }
    if args.fix && !args.diff {
        let changed = outcome.changed;
        eprintln!(
            "Fixed {applied} {} in {changed} {}.",
            if applied == 1 { "problem" } else { "problems" },
            if changed == 1 { "file" } else { "files" }
        );
    }
    outcome
}

/// Put each note on the diagnostic it belongs to (same rule and span).
fn add_fix_notes(files: &mut [FileReport], notes: &FixNotes) {
    if notes.is_empty() {
        return;
    }
    for file in files {
        let Some(list) = notes.get(&file.path) else {
            continue;
        };
        for l in &mut file.diagnostics {
            let d = &mut l.diagnostic;
            if let Some((_, _, note)) = list.iter().find(|(r, s, _)| *r == d.rule && *s == d.span) {
                d.note = Some(match d.note.take() {
                    Some(old) => format!("{old}; {note}"),
                    None => note.clone(),
                });
            }
        }
    }
}

/// Everything besides the files themselves that affects results. "Now" is not part of it:
/// each result records the span of "now" in which it holds (see `document::NowWindow`).
fn cache_key(
    config: &Config,
    schemas: &SchemaCache,
    args: &CheckArgs,
    cli: &crate::workspace::CliRules,
) -> String {
    let config_text = config
        .file
        .as_ref()
        .and_then(|f| std::fs::read(f).ok())
        .unwrap_or_default();
    let opts = &cli.options;
    let cli_text = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
        args.schema,
        cli.select,
        cli.ignore,
        crate::util::normalize(&opts.site.root),
        opts.no_body,
        opts.dates.timezone,
        // Everything read from the generator's config (content folders, languages, heading
        // ids, slug rules, permalinks…) is in the model.
        opts.site,
        opts.yaml_reader,
    );
    // The build, not only the version: a rebuilt binary (a development build, a patched
    // package) may judge the same file differently, and must not be answered from the results
    // of the one before.
    let build = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}|{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    crate::cache::key(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        build.as_bytes(),
        &config_text,
        &schemas.fingerprint(),
        cli_text.as_bytes(),
    ])
}

/// `frontlint infer`: run through `check` up to the walk.
fn infer_main(args: crate::audit::InferArgs) -> u8 {
    if let Some(code) = crate::audit::no_stdin(&args.paths, "infer") {
        return code;
    }
    if args.per_folder && args.output.is_none() {
        eprintln!("error: `--per-folder` writes one schema per folder: add `--output FOLDER`");
        return 2;
    }
    let mut run = Cli::parse_from(["frontlint"]).check;
    run.paths = args.paths;
    run.config = args.config;
    run.root = args.root;
    run.no_cache = true;
    run.then = Some(crate::audit::Then::Infer(crate::audit::InferRequest {
        options: crate::infer::Options {
            required_threshold: args.required_threshold,
            strict: args.strict,
        },
        per_folder: args.per_folder,
        output: args.output,
    }));
    check(run)
}

/// `frontlint audit`: run through `check`, then report.
fn audit_main(args: crate::audit::AuditArgs) -> u8 {
    if let Some(code) = crate::audit::no_stdin(&args.paths, "audit") {
        return code;
    }
    let mut run = Cli::parse_from(["frontlint"]).check;
    run.paths = args.paths;
    run.config = args.config;
    run.root = args.root;
    run.schema = args.schema;
    run.now = args.now;
    run.no_cache = args.no_cache;
    // No report needs the text of files taken from the cache.
    run.format = Some(crate::report::Format::Concise);
    run.then = Some(crate::audit::Then::Audit(crate::audit::AuditRequest {
        format: args.format,
        output: args.output,
    }));
    check(run)
}
