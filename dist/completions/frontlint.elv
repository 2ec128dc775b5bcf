
use builtin;
use str;

set edit:completion:arg-completer[frontlint] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'frontlint'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'frontlint'= {
            cand --schema 'JSON Schema for the front matter (default: from the config, else the built-in Hugo schema)'
            cand --format 'Output format [default: full on a terminal, concise otherwise]'
            cand --config 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)'
            cand --stdin-filename 'The path to report and match against config when reading standard input (`-`)'
            cand -j 'Number of threads, 1 to 512 [default: number of cores]'
            cand --threads 'Number of threads, 1 to 512 [default: number of cores]'
            cand --color 'When to use colors (`NO_COLOR` is honoured with `auto`)'
            cand --select 'Only these rules or groups (comma-separated); a rule named by its id runs even if off'
            cand --ignore 'Turn these rules or groups off (comma-separated)'
            cand --output-file 'Write the report to this file (atomically) instead of standard output'
            cand --now 'The current time for date rules, RFC 3339 [default: $FRONTLINT_NOW, else the clock]'
            cand --root 'The site root, where `static/`, `assets/` and `content/` are [default: the config file''s folder, else .]'
            cand --deny-warnings 'Exit with 1 when there are warnings, too'
            cand --statistics 'Print counts per rule and severity (with files and fixable counts) instead of the diagnostics: a table, or JSON with --format json or json-lines'
            cand --allow-empty 'Exit with 0 when no file is linted (an empty run is an error by default: exit 2)'
            cand --fix 'Apply safe fixes in place (atomically), then report what is left'
            cand --unsafe-fixes 'With --fix or --diff, also apply unsafe fixes (summaries regenerated from the body)'
            cand --diff 'Print a unified diff of what --fix would change, change nothing (exit 1 if any); not with --fix'
            cand --no-cache 'Do not read or write the result cache (.frontlint_cache/ at the site root)'
            cand --no-body 'Schema and header rules only: files are read only as far as their front matter'
            cand --remote 'Also check over HTTP that header images and absolute body links answer (see `[remote]` in the config); the only option that makes frontlint use the network'
            cand --offline 'Make no network request, even with `[remote] enabled = true` in the config'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rules 'List every rule: id, default severity, whether it is fixable, what it reports'
            cand explain 'Print a rule''s documentation page'
            cand site 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed'
            cand clean 'Remove the result cache (.frontlint_cache/) of the site root'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand server 'Run the language server (LSP) over standard input and output, for editors'
            cand manpage 'Print the man page (roff)'
            cand infer 'Learn a JSON Schema (draft 2020-12) from the site''s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error'
            cand audit 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'frontlint;rules'= {
            cand --format 'Output format: a table, or a JSON array for tools'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'frontlint;explain'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'frontlint;site'= {
            cand --format 'Output format'
            cand --config 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)'
            cand --root 'The site root [default: detected from the generator''s config]'
            cand --pages 'Also list every page: path → URL(s), language, translation group'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'frontlint;clean'= {
            cand --root 'The site root [default: the config file''s folder, else .]'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'frontlint;completions'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'frontlint;server'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'frontlint;manpage'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'frontlint;infer'= {
            cand --required-threshold 'Share of files a key must be in to be `required`, 0 to 1'
            cand -o 'Write the schema to this file (with --per-folder: into this folder) instead of standard output'
            cand --output 'Write the schema to this file (with --per-folder: into this folder) instead of standard output'
            cand --config 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)'
            cand --root 'The site root [default: detected from the generator''s config]'
            cand --strict 'Add `additionalProperties: false` to every object (keys not seen become errors)'
            cand --per-folder 'One schema per top folder of the content (needs --output FOLDER); prints the config overrides that use them'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'frontlint;audit'= {
            cand --format 'Output format'
            cand -o 'Write the report to this file (atomically) instead of standard output'
            cand --output 'Write the report to this file (atomically) instead of standard output'
            cand --schema 'JSON Schema for the front matter (default: from the config, else the built-in one)'
            cand --config 'Config file (default: frontlint.toml or .frontlint.toml, searched upward)'
            cand --root 'The site root [default: detected from the generator''s config]'
            cand --now 'The current time for date rules and ages, RFC 3339 [default: $FRONTLINT_NOW, else the clock]'
            cand --no-cache 'Do not read or write the result cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'frontlint;help'= {
            cand rules 'List every rule: id, default severity, whether it is fixable, what it reports'
            cand explain 'Print a rule''s documentation page'
            cand site 'Show the site model: generator, root, content and static folders, languages, time zone, taxonomies, heading ids, and what was read or assumed'
            cand clean 'Remove the result cache (.frontlint_cache/) of the site root'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand server 'Run the language server (LSP) over standard input and output, for editors'
            cand manpage 'Print the man page (roff)'
            cand infer 'Learn a JSON Schema (draft 2020-12) from the site''s front matter; the outliers that kept it from being tighter (and likely typos) are listed on standard error'
            cand audit 'Write an audit of the whole site: one self-contained HTML page (charts, every problem, fields, dates, taxonomies, languages, links), or Markdown or JSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'frontlint;help;rules'= {
        }
        &'frontlint;help;explain'= {
        }
        &'frontlint;help;site'= {
        }
        &'frontlint;help;clean'= {
        }
        &'frontlint;help;completions'= {
        }
        &'frontlint;help;server'= {
        }
        &'frontlint;help;manpage'= {
        }
        &'frontlint;help;infer'= {
        }
        &'frontlint;help;audit'= {
        }
        &'frontlint;help;help'= {
        }
    ]
    $completions[$command]
}
