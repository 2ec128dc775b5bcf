#!/usr/bin/env python3
"""Hostile inputs at size N and 2N: time and peak memory must grow at most linearly.

Usage: scaling.py BINARY [CASE...]

Each case writes a site (CJK text, one long line where that is the point), lints it with
`--no-cache` at N and at 2N, and takes the best of two runs of each. Time may grow at most 3x
and peak memory (the child's own ru_maxrss, from wait4) at most 2.6x when the input doubles;
quadratic growth gives 4x. Prints one line per case and exits 1 if any case grows faster.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIME_RATIO = 3.0
MEM_RATIO = 2.6
# Below this a run is mostly process start: ratios of such times are noise.
TIME_FLOOR = 0.15


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def long_line(d, n):
    """n diagnostics on one line (columns)."""
    write(f"{d}/a.md", "---\ntitle: 标题\n---\n正文 " + "[a]() " * n + "\n")
    return ["--select", "link"]


def long_line_sarif(d, n):
    """n diagnostics on one line, SARIF (character offsets)."""
    long_line(d, n)
    return ["--select", "link", "--format", "sarif"]


def duplicate_tags(d, n):
    """n repeated terms in one flow list on one line."""
    write(f"{d}/a.md", "---\ntags: [" + ", ".join(["标签"] * n) + "]\n---\n")
    return ["--select", "taxonomy"]


def schema_errors(d, n):
    """n schema errors (type) in one list."""
    write(f"{d}/a.md", "---\ntags: [" + ", ".join(["true"] * n) + "]\n---\n")
    return ["--select", "schema"]


def additional_properties(d, n):
    """n keys that `additionalProperties: false` rejects."""
    schema = {"type": "object", "properties": {"title": {}}, "additionalProperties": False}
    write(f"{d}/schema.json", json.dumps(schema))
    write(f"{d}/frontlint.toml", 'schema = "schema.json"\n')
    write(f"{d}/a.md", "---\n" + "".join(f"键{i}: 1\n" for i in range(n)) + "---\n")
    return []


def big_folder(d, n):
    """Broken links (n/250) into a folder of n files: listed once, suggestions bounded."""
    os.makedirs(f"{d}/content/big")
    for i in range(n):
        open(f"{d}/content/big/page-{i:07d}.md", "w").close()
    write(f"{d}/frontlint.toml", "")
    links = "".join(f"[x](big/missing-{i:07d}.md)\n" for i in range(n // 250))
    write(f"{d}/content/a.md", "---\ntitle: 甲\n---\n" + links)
    return ["content/a.md"]


def anchors(d, n):
    """n headings and n broken links to anchors of the same page and of another page."""
    headings = "".join(f"## 标题 {i}\n" for i in range(n))
    links = "".join(f"[x](#missing-{i}) [y](b.md#missing-{i})\n" for i in range(n))
    write(f"{d}/a.md", "---\ntitle: 甲\n---\n" + headings + links)
    write(f"{d}/b.md", "---\ntitle: 乙\n---\n" + headings)
    return ["--select", "link"]


def json_header(d, n):
    """A JSON header of n small objects (memory: every value counted, tokens not held)."""
    items = ",".join('{"键": 1}' for _ in range(n))
    write(f"{d}/a.md", '{"title": "t", "list": [' + items + "]}\n\n正文\n")
    return []


def yaml_header(d, n):
    """A YAML header of n keys."""
    write(f"{d}/a.md", "---\n" + "".join(f"k{i}: 值 {i}\n" for i in range(n)) + "---\n")
    return []


def backtracking_pattern(d, n):
    """n distinct values against a pattern that needs backtracking (a backreference)."""
    schema = {"type": "object", "properties": {"tags": {"items": {"pattern": "^(a|aa)+\\1$"}}}}
    write(f"{d}/schema.json", json.dumps(schema))
    write(f"{d}/frontlint.toml", 'schema = "schema.json"\n')
    tags = ", ".join(f"{'a' * 30}b{i}" for i in range(n))
    write(f"{d}/a.md", "---\ntags: [" + tags + "]\n---\n")
    return ["--select", "schema"]


# (case, N): N sized so that one run takes a fraction of a second on two cores.
CASES = [
    (long_line, 100_000),
    (long_line_sarif, 25_000),
    (duplicate_tags, 100_000),
    (schema_errors, 100_000),
    (additional_properties, 50_000),
    (big_folder, 25_000),
    (anchors, 5_000),
    (json_header, 100_000),
    (yaml_header, 100_000),
    (backtracking_pattern, 500),
]


def run(binary, cwd, args):
    """Wall time and peak RSS (KiB) of one run."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [binary, "--no-cache", "--color", "never", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if code not in (0, 1):
        raise SystemExit(f"exit code {code}: {err}")
    return elapsed, usage.ru_maxrss


def measure(binary, case, n):
    d = tempfile.mkdtemp(prefix=f"scaling-{case.__name__}-")
    try:
        args = case(d, n)
        runs = [run(binary, d, args) for _ in range(2)]
        return min(r[0] for r in runs), min(r[1] for r in runs)
    finally:
        shutil.rmtree(d)


def main():
    binary = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    base = measure(binary, yaml_header, 1)[1]
    failed = []
    print(f"{'case':24} {'N':>8} {'time N':>8} {'time 2N':>8} {'ratio':>6} {'MiB N':>7} {'MiB 2N':>7} {'ratio':>6}")
    for case, n in CASES:
        if only and case.__name__ not in only:
            continue
        t1, m1 = measure(binary, case, n)
        t2, m2 = measure(binary, case, 2 * n)
        tr = max(t2, TIME_FLOOR) / max(t1, TIME_FLOOR)
        # Memory above an empty run's: what the input costs.
        mr = max(m2 - base, 1024) / max(m1 - base, 1024)
        ok = tr <= TIME_RATIO and mr <= MEM_RATIO
        print(
            f"{case.__name__:24} {n:>8} {t1:>7.2f}s {t2:>7.2f}s {tr:>6.2f} "
            f"{m1 / 1024:>7.1f} {m2 / 1024:>7.1f} {mr:>6.2f} {'ok' if ok else 'FAIL'}",
            flush=True,
        )
        if not ok:
            failed.append(case.__name__)
    if failed:
        print(f"grows faster than linearly: {', '.join(failed)}")
        return 1
    print("all cases grow at most linearly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
