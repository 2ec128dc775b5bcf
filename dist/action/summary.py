#!/usr/bin/env python3
"""Write frontlint's diagnostics to the GitHub step summary as Markdown tables.

GitHub shows only about ten annotations of each kind per step; the step summary shows them all:
the counts per rule first, then one row per diagnostic (rule, file, line, message).

Usage: summary.py FRONTLINT [ARG ...]

Runs `FRONTLINT --format json --output-file TMP ARG ...` after dropping the arguments that shape
the report or change files (`--format`, `--output-file`, `--color`, `--statistics`, `--fix`,
`--unsafe-fixes`, `--diff`): the action has already run the user's command, so this run only
reads what is left. Appends the Markdown to $GITHUB_STEP_SUMMARY.

Everything that comes from the linted files (paths, messages) is untrusted: it is written as
plain text, with every character that Markdown or HTML could read as markup replaced by a
numeric character reference, line breaks and control characters made visible, and each cell
cut to a bounded length. GitHub refuses a step summary over 1 MiB: rows stop before that, and the
summary says how many were left out (the counts per rule are always complete).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from urllib.parse import quote

# Arguments that shape the report (dropped with their value) or change files (dropped alone).
WITH_VALUE = ("--format", "--output-file", "--color")
ALONE = ("--statistics", "--fix", "--unsafe-fixes", "--diff")

# GitHub's limit is 1 MiB per step; leave room for what other tools append.
MAX_BYTES = 900_000
MAX_CELL = 300
# ASCII punctuation with no meaning inside a GFM table cell: kept as it is.
INERT = " /,-'\"=;?+%{}^"


def summary_args(args: list[str]) -> list[str]:
    """The user's arguments without those that shape the report or change files."""
    out: list[str] = []
    skip = False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a == "--":
            out.extend(args[i:])
            break
        if a in WITH_VALUE:
            skip = True
            continue
        if a.startswith(tuple(f"{f}=" for f in WITH_VALUE)) or a in ALONE:
            continue
        out.append(a)
    return out


def text(s: object, limit: int = MAX_CELL) -> str:
    """Untrusted text as inert Markdown for a table cell."""
    s = str(s)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    out = []
    for ch in s:
        if ch in "\r\n":
            out.append("␤")
        elif ch.isascii() and (ch.isalnum() or ch in INERT):
            out.append(ch)
        elif ch.isascii() and ch.isprintable():
            # Other punctuation: `|` would end the cell, `<` open HTML, `&` start an entity,
            # `` ` * _ [ ] ( ) ! # ~ $ \\ `` format, `@` mention, `:` and `.` autolink
            # (`https:`, `www.`). A character reference is never read as markup.
            out.append(f"&#{ord(ch)};")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            # Control, bidi and other invisible characters: shown, not obeyed.
            out.append(f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def code(s: str) -> str:
    """A rule id in a code span (rule ids are `[a-z0-9/-]`; anything else is plain text)."""
    if s and all(c.isascii() and (c.isalnum() or c in "/-_") for c in s):
        return f"`{s}`"
    return text(s)


def file_cell(path: str, line: object) -> str:
    """The path, linked to the line at this commit when the run is on GitHub."""
    shown = text(path)
    server = os.environ.get("GITHUB_SERVER_URL", "")
    repo = os.environ.get("GITHUB_REPOSITORY", "")
    sha = os.environ.get("GITHUB_SHA", "")
    parts = path.replace("\\", "/").split("/")
    relative = path and not path.startswith("/") and ":" not in path and ".." not in parts
    if not (server.startswith("https://") and repo and sha and relative):
        return shown
    # Every byte outside [A-Za-z0-9/_.~-] is percent-encoded: nothing can end the link.
    url = f"{server}/{quote(repo, safe='/')}/blob/{quote(sha, safe='')}/{quote(path, safe='/')}"
    if isinstance(line, int) and line > 0:
        url += f"#L{line}"
    return f"[{shown}]({url})"


def render(diagnostics: list[dict], max_bytes: int = MAX_BYTES) -> str:
    errors = sum(1 for d in diagnostics if d.get("severity") == "error")
    warnings = sum(1 for d in diagnostics if d.get("severity") == "warning")
    files = len({d.get("path") for d in diagnostics})
    lines = ["## frontlint", ""]
    if not diagnostics:
        lines += ["No problems found.", ""]
        return "\n".join(lines)
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    lines += [
        f"**{plural(errors, 'error')}, {plural(warnings, 'warning')}** "
        f"in {plural(files, 'file')}.",
        "",
        "| rule | errors | warnings |",
        "|---|--:|--:|",
    ]
    per_rule = Counter((d.get("rule", ""), d.get("severity", "")) for d in diagnostics)
    rules = sorted(
        {r for r, _ in per_rule},
        key=lambda r: (-(per_rule[(r, "error")] + per_rule[(r, "warning")]), r),
    )
    for r in rules:
        lines.append(f"| {code(r)} | {per_rule[(r, 'error')]} | {per_rule[(r, 'warning')]} |")
    lines += ["", "| rule | file | line | message |", "|---|---|--:|---|"]
    head = "\n".join(lines) + "\n"
    size = len(head.encode())
    rows = []
    for n, d in enumerate(diagnostics):
        sev = "error" if d.get("severity") == "error" else "warning"
        line = d.get("line")
        row = (
            f"| {code(d.get('rule', ''))} ({sev}) | {file_cell(d.get('path', ''), line)} "
            f"| {text(line if line is not None else '')} | {text(d.get('message', ''))} |\n"
        )
        # Room is kept for the note below.
        if size + len(row.encode()) > max_bytes - 512:
            left = len(diagnostics) - n
            rows.append(
                f"\n{plural(left, 'more diagnostic')} not shown: GitHub limits a step summary to "
                "1 MiB. For the full list, add `--format sarif --output-file frontlint.sarif` "
                "to `args` and upload the file.\n"
            )
            break
        size += len(row.encode())
        rows.append(row)
    return head + "".join(rows)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: summary.py FRONTLINT [ARG ...]", file=sys.stderr)
        return 2
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return 0
    frontlint, args = argv[1], summary_args(argv[2:])
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        run = subprocess.run(
            [frontlint, "--format", "json", "--output-file", report, "--color", "never", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if run.returncode not in (0, 1) or not os.path.exists(report):
            print(
                f"::warning title=frontlint::no step summary: frontlint exited with {run.returncode}",
            )
            return 0
        with open(report, encoding="utf-8") as f:
            diagnostics = json.load(f)
    with open(target, "a", encoding="utf-8") as f:
        f.write(render(diagnostics) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
