# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_frontlint_global_optspecs
    string join \n schema= format= config= stdin-filename= j/threads= color= deny-warnings select= ignore= statistics allow-empty output-file= now= fix unsafe-fixes diff no-cache no-body root= remote offline h/help V/version
end

function __fish_frontlint_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_frontlint_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_frontlint_using_subcommand
    set -l cmd (__fish_frontlint_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c frontlint -n "__fish_frontlint_needs_command" -l schema -d 'JSON Schema for the front matter (default: from the config, else the built-in Hugo schema)' -r -F
complete -c frontlint -n "__fish_frontlint_needs_command" -l format -d 'Output format [default: full on a terminal, concise otherwise]' -r -f -a "full\t'Source snippets with labels on the exact span (the default on a terminal)'
concise\t'One line per diagnostic: `path:line:col: severity[rule] message`'
json\t'A JSON array of diagnostics'
json-lines\t'One JSON object per line, for streaming into other tools'
github\t'GitHub Actions workflow commands (annotations on the pull request)'
sarif\t'SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDEs)'
junit\t'JUnit XML: one testsuite per file, one failing testcase per diagnostic'"
complete -c frontlint -n "__fish_frontlint_needs_command" -l config -d 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)' -r -F
complete -c frontlint -n "__fish_frontlint_needs_command" -l stdin-filename -d 'The path to report and match against config when reading standard input (`-`)' -r -F
complete -c frontlint -n "__fish_frontlint_needs_command" -s j -l threads -d 'Number of threads, 1 to 512 [default: number of cores]' -r
complete -c frontlint -n "__fish_frontlint_needs_command" -l color -d 'When to use colors (`NO_COLOR` is honoured with `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c frontlint -n "__fish_frontlint_needs_command" -l select -d 'Only these rules or groups (comma-separated); a rule named by its id runs even if off' -r
complete -c frontlint -n "__fish_frontlint_needs_command" -l ignore -d 'Turn these rules or groups off (comma-separated)' -r
complete -c frontlint -n "__fish_frontlint_needs_command" -l output-file -d 'Write the report to this file (atomically) instead of standard output' -r -F
complete -c frontlint -n "__fish_frontlint_needs_command" -l now -d 'The current time for date rules, RFC 3339 [default: $FRONTLINT_NOW, else the clock]' -r
complete -c frontlint -n "__fish_frontlint_needs_command" -l root -d 'The site root, where `static/`, `assets/` and `content/` are [default: the config file\'s folder, else .]' -r -F
complete -c frontlint -n "__fish_frontlint_needs_command" -l deny-warnings -d 'Exit with 1 when there are warnings, too'
complete -c frontlint -n "__fish_frontlint_needs_command" -l statistics -d 'Print counts per rule and severity (with files and fixable counts) instead of the diagnostics: a table, or JSON with --format json or json-lines'
complete -c frontlint -n "__fish_frontlint_needs_command" -l allow-empty -d 'Exit with 0 when no file is linted (an empty run is an error by default: exit 2)'
complete -c frontlint -n "__fish_frontlint_needs_command" -l fix -d 'Apply safe fixes in place (atomically), then report what is left'
complete -c frontlint -n "__fish_frontlint_needs_command" -l unsafe-fixes -d 'With --fix or --diff, also apply unsafe fixes (summaries regenerated from the body)'
complete -c frontlint -n "__fish_frontlint_needs_command" -l diff -d 'Print a unified diff of what --fix would change, change nothing (exit 1 if any); not with --fix'
complete -c frontlint -n "__fish_frontlint_needs_command" -l no-cache -d 'Do not read or write the result cache (.frontlint_cache/ at the site root)'
complete -c frontlint -n "__fish_frontlint_needs_command" -l no-body -d 'Schema and header rules only: files are read only as far as their front matter'
complete -c frontlint -n "__fish_frontlint_needs_command" -l remote -d 'Also check over HTTP that header images and absolute body links answer (see `[remote]` in the config); the only option that makes frontlint use the network'
complete -c frontlint -n "__fish_frontlint_needs_command" -l offline -d 'Make no network request, even with `[remote] enabled = true` in the config'
complete -c frontlint -n "__fish_frontlint_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c frontlint -n "__fish_frontlint_needs_command" -s V -l version -d 'Print version'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "rules" -d 'List every rule: id, default severity, whether it is fixable, what it reports'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "explain" -d 'Print a rule\'s documentation page'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "site" -d 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "clean" -d 'Remove the result cache (.frontlint_cache/) of the site root'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "server" -d 'Run the language server (LSP) over standard input and output, for editors'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "manpage" -d 'Print the man page (roff)'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "infer" -d 'Learn a JSON Schema (draft 2020-12) from the site\'s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "audit" -d 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON'
complete -c frontlint -n "__fish_frontlint_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c frontlint -n "__fish_frontlint_using_subcommand rules" -l format -d 'Output format: a table, or a JSON array for tools' -r -f -a "text\t''
json\t''"
complete -c frontlint -n "__fish_frontlint_using_subcommand rules" -s h -l help -d 'Print help'
complete -c frontlint -n "__fish_frontlint_using_subcommand explain" -s h -l help -d 'Print help'
complete -c frontlint -n "__fish_frontlint_using_subcommand site" -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c frontlint -n "__fish_frontlint_using_subcommand site" -l config -d 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand site" -l root -d 'The site root [default: detected from the generator\'s config]' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand site" -l pages -d 'Also list every page: path → URL(s), language, translation group'
complete -c frontlint -n "__fish_frontlint_using_subcommand site" -s h -l help -d 'Print help'
complete -c frontlint -n "__fish_frontlint_using_subcommand clean" -l root -d 'The site root [default: the config file\'s folder, else .]' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand clean" -s h -l help -d 'Print help'
complete -c frontlint -n "__fish_frontlint_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c frontlint -n "__fish_frontlint_using_subcommand server" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c frontlint -n "__fish_frontlint_using_subcommand manpage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -l required-threshold -d 'Share of files a key must be in to be `required`, 0 to 1' -r
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -s o -l output -d 'Write the schema to this file (with --per-folder: into this folder) instead of standard output' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -l config -d 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -l root -d 'The site root [default: detected from the generator\'s config]' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -l strict -d 'Add `additionalProperties: false` to every object (keys not seen become errors)'
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -l per-folder -d 'One schema per top folder of the content (needs --output FOLDER); prints the config overrides that use them'
complete -c frontlint -n "__fish_frontlint_using_subcommand infer" -s h -l help -d 'Print help'
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l format -d 'Output format' -r -f -a "html\t'One self-contained HTML page (inline CSS and SVG)'
markdown\t'Markdown tables, for `$GITHUB_STEP_SUMMARY` and pull-request comments'
json\t'The data behind the report'"
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -s o -l output -d 'Write the report to this file (atomically) instead of standard output' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l schema -d 'JSON Schema for the front matter (default: from the config, else the built-in one)' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l config -d 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l root -d 'The site root [default: detected from the generator\'s config]' -r -F
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l now -d 'The current time for date rules and ages, RFC 3339 [default: $FRONTLINT_NOW, else the clock]' -r
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -l no-cache -d 'Do not read or write the result cache'
complete -c frontlint -n "__fish_frontlint_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "rules" -d 'List every rule: id, default severity, whether it is fixable, what it reports'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "explain" -d 'Print a rule\'s documentation page'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "site" -d 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "clean" -d 'Remove the result cache (.frontlint_cache/) of the site root'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "server" -d 'Run the language server (LSP) over standard input and output, for editors'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "manpage" -d 'Print the man page (roff)'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "infer" -d 'Learn a JSON Schema (draft 2020-12) from the site\'s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "audit" -d 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON'
complete -c frontlint -n "__fish_frontlint_using_subcommand help; and not __fish_seen_subcommand_from rules explain site clean completions server manpage infer audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
