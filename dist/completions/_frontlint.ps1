
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'frontlint' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'frontlint'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'frontlint' {
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'JSON Schema for the front matter (default: from the config, else the built-in Hugo schema)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: full on a terminal, concise otherwise]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The path to report and match against config when reading standard input (`-`)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Number of threads, 1 to 512 [default: number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Number of threads, 1 to 512 [default: number of cores]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`NO_COLOR` is honoured with `auto`)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Only these rules or groups (comma-separated); a rule named by its id runs even if off')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Turn these rules or groups off (comma-separated)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the report to this file (atomically) instead of standard output')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The current time for date rules, RFC 3339 [default: $FRONTLINT_NOW, else the clock]')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'The site root, where `static/`, `assets/` and `content/` are [default: the config file''s folder, else .]')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit with 1 when there are warnings, too')
            [CompletionResult]::new('--statistics', '--statistics', [CompletionResultType]::ParameterName, 'Print counts per rule and severity (with files and fixable counts) instead of the diagnostics: a table, or JSON with --format json or json-lines')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Exit with 0 when no file is linted (an empty run is an error by default: exit 2)')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Apply safe fixes in place (atomically), then report what is left')
            [CompletionResult]::new('--unsafe-fixes', '--unsafe-fixes', [CompletionResultType]::ParameterName, 'With --fix or --diff, also apply unsafe fixes (summaries regenerated from the body)')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print a unified diff of what --fix would change, change nothing (exit 1 if any); not with --fix')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the result cache (.frontlint_cache/ at the site root)')
            [CompletionResult]::new('--no-body', '--no-body', [CompletionResultType]::ParameterName, 'Schema and header rules only: files are read only as far as their front matter')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Also check over HTTP that header images and absolute body links answer (see `[remote]` in the config); the only option that makes frontlint use the network')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Make no network request, even with `[remote] enabled = true` in the config')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, default severity, whether it is fixable, what it reports')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print a rule''s documentation page')
            [CompletionResult]::new('site', 'site', [CompletionResultType]::ParameterValue, 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Remove the result cache (.frontlint_cache/) of the site root')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the language server (LSP) over standard input and output, for editors')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('infer', 'infer', [CompletionResultType]::ParameterValue, 'Learn a JSON Schema (draft 2020-12) from the site''s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'frontlint;rules' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: a table, or a JSON array for tools')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'frontlint;explain' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'frontlint;site' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'The site root [default: detected from the generator''s config]')
            [CompletionResult]::new('--pages', '--pages', [CompletionResultType]::ParameterName, 'Also list every page: path → URL(s), language, translation group')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'frontlint;clean' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'The site root [default: the config file''s folder, else .]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'frontlint;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'frontlint;server' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'frontlint;manpage' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'frontlint;infer' {
            [CompletionResult]::new('--required-threshold', '--required-threshold', [CompletionResultType]::ParameterName, 'Share of files a key must be in to be `required`, 0 to 1')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the schema to this file (with --per-folder: into this folder) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the schema to this file (with --per-folder: into this folder) instead of standard output')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'The site root [default: detected from the generator''s config]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Add `additionalProperties: false` to every object (keys not seen become errors)')
            [CompletionResult]::new('--per-folder', '--per-folder', [CompletionResultType]::ParameterName, 'One schema per top folder of the content (needs --output FOLDER); prints the config overrides that use them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'frontlint;audit' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to this file (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to this file (atomically) instead of standard output')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'JSON Schema for the front matter (default: from the config, else the built-in one)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)')
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'The site root [default: detected from the generator''s config]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The current time for date rules and ages, RFC 3339 [default: $FRONTLINT_NOW, else the clock]')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the result cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'frontlint;help' {
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, default severity, whether it is fixable, what it reports')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print a rule''s documentation page')
            [CompletionResult]::new('site', 'site', [CompletionResultType]::ParameterValue, 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Remove the result cache (.frontlint_cache/) of the site root')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the language server (LSP) over standard input and output, for editors')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('infer', 'infer', [CompletionResultType]::ParameterValue, 'Learn a JSON Schema (draft 2020-12) from the site''s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'frontlint;help;rules' {
            break
        }
        'frontlint;help;explain' {
            break
        }
        'frontlint;help;site' {
            break
        }
        'frontlint;help;clean' {
            break
        }
        'frontlint;help;completions' {
            break
        }
        'frontlint;help;server' {
            break
        }
        'frontlint;help;manpage' {
            break
        }
        'frontlint;help;infer' {
            break
        }
        'frontlint;help;audit' {
            break
        }
        'frontlint;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
