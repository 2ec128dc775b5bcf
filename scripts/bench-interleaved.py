#!/usr/bin/env python3
"""Time commands side by side on a noisy machine: each round runs every command once, in turn,
so that a slow spell of the machine hits all of them alike (hyperfine runs one command's runs,
then the next one's). Prints min, first quartile and median wall time per command, and each
command's median and min as ratios to the first command's.

    scripts/bench-interleaved.py ROUNDS 'CMD0' 'CMD1' ...

Commands are split on spaces (no shell); output is discarded; one warm-up run each.
See BENCHMARKS.md for the figures taken with it.
"""
import statistics
import subprocess
import sys
import time


def main() -> None:
    rounds = int(sys.argv[1])
    cmds = [c.split() for c in sys.argv[2:]]
    if rounds < 1 or len(cmds) < 2:
        sys.exit("usage: bench-interleaved.py ROUNDS CMD0 CMD1 [CMD...]")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    for c in cmds:
        subprocess.run(c, **quiet)
    times = [[] for _ in cmds]
    for _ in range(rounds):
        for k, c in enumerate(cmds):
            t = time.perf_counter()
            subprocess.run(c, **quiet)
            times[k].append(time.perf_counter() - t)
    for c, ts in zip(cmds, times):
        v = sorted(ts)
        print(f"{' '.join(c)[:60]:<60} min {v[0] * 1000:.0f} q1 {v[len(v) // 4] * 1000:.0f} "
              f"median {statistics.median(v) * 1000:.0f} ms")
    med = [statistics.median(t) for t in times]
    low = [min(t) for t in times]
    for k in range(1, len(cmds)):
        print(f"command {k} / command 0: median {med[k] / med[0]:.3f}, min {low[k] / low[0]:.3f}")


if __name__ == "__main__":
    main()
