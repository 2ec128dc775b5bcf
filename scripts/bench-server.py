#!/usr/bin/env python3
"""Keystroke latency of `frontlint server` (issue 16): median and 99th percentile.

Usage: scripts/bench-server.py [BINARY] [EDITS] [SITE FILE]

Starts the server (default target/release/frontlint) on the demo site, opens the seed article
(fixtures/demo-site/content/news/2025/02/ai-three-observations.md) and sends EDITS (default
1000) full-text changes, one character typed into the title each time, waiting after each for
its publishDiagnostics: the time from sending the change to receiving the diagnostics. The
floor, measured in the same run: a `textDocument/hover` on the body (answered without linting),
the round trip of the transport alone. Start-up: initialize, open and hover until the hover
answer (given while the site is indexed in the background), and until the first diagnostics
(the site is indexed then). `BENCH_WHERE=body` types at the end of the body instead
of into the title (a header edit rebuilds the page map; a body edit that adds no heading
reuses it). SITE and FILE (relative to SITE) replace the demo site
and the seed, e.g. `../shared/sites/astro-starlight-docs src/content/docs/en/getting-started.mdx`.
"""

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ROOT / "fixtures" / "demo-site"
SEED = SITE / "content" / "news" / "2025" / "02" / "ai-three-observations.md"


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "release" / "frontlint")
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    global SITE, SEED
    if len(sys.argv) > 4:
        SITE = pathlib.Path(sys.argv[3]).resolve()
        SEED = SITE / sys.argv[4]
    env = dict(os.environ, FRONTLINT_NOW="2026-11-28T00:00:00Z")
    p = subprocess.Popen(
        [binary, "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )

    def send(m):
        b = json.dumps(m).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def recv():
        length = 0
        while True:
            line = p.stdout.readline()
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(p.stdout.read(length))

    def until(pred):
        while True:
            m = recv()
            if pred(m):
                return m

    uri = SEED.as_uri()
    text = SEED.read_text()
    t0 = time.perf_counter()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": SITE.as_uri(), "capabilities": {}}})
    until(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    # A hover on the first key while the site is indexed in the background.
    send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
          "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}}})
    seen = []
    until(lambda m: seen.append(m) or m.get("id") == 2)
    first_answer = time.perf_counter() - t0
    if not any(m.get("method") == "textDocument/publishDiagnostics" for m in seen):
        until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    startup = time.perf_counter() - t0

    title_at = text.index("title:") + len("title: ")
    lines_before_body = text[: text.index("---", 3)].count("\n") + 2
    changes, floor = [], []
    for i in range(edits):
        if os.environ.get("BENCH_WHERE") == "body":
            typed = text.rstrip("\n") + " " + "x" * (i % 20) + "\n"
        else:
            typed = text[:title_at] + "x" * (i % 20) + text[title_at:]
        t = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": typed}]}})
        until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        changes.append(time.perf_counter() - t)
        t = time.perf_counter()
        send({"jsonrpc": "2.0", "id": 10 + i, "method": "textDocument/hover",
              "params": {"textDocument": {"uri": uri}, "position": {"line": lines_before_body, "character": 0}}})
        until(lambda m: m.get("id") == 10 + i)
        floor.append(time.perf_counter() - t)
    send({"jsonrpc": "2.0", "id": 0, "method": "shutdown"})
    until(lambda m: m.get("id") == 0)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    ms = lambda s: f"{s * 1000:.2f} ms"
    print(f"edits: {edits} of {SEED} ({len(text.encode())} bytes)")
    print(f"change -> diagnostics: median {ms(statistics.median(changes))}, p99 {ms(pct(changes, 0.99))}")
    print(f"floor (hover round trip): median {ms(statistics.median(floor))}, p99 {ms(pct(floor, 0.99))}")
    print(f"ratio of medians: {statistics.median(changes) / statistics.median(floor):.1f}x")
    print(f"start-up to the first hover answer (site indexed in the background): {ms(first_answer)}")
    print(f"start-up to first diagnostics (site indexed): {ms(startup)}")


if __name__ == "__main__":
    main()
