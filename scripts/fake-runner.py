#!/usr/bin/env python3
"""Run action.yml's composite steps the way a GitHub runner does, on this machine.

Usage: fake-runner.py ACTION_DIR WORKDIR [INPUT=VALUE ...]

For scripts/test-action.sh: reads ACTION_DIR/action.yml, fills the inputs (defaults from the
file), and runs each step in WORKDIR with bash, with `${{ inputs.X }}` and
`${{ steps.ID.outputs.X }}` substituted in `env` and `if`, a fresh $GITHUB_OUTPUT per step and
$GITHUB_PATH applied to the next steps. `uses: actions/cache` is a no-op (the folder it would
restore stays on disk between runs here). Any other expression, condition or `uses` is an error,
so the action cannot grow something this emulation silently skips. The GITHUB_* and RUNNER_*
variables come from the caller's environment. Prints the action's outputs as `name=value`
lines on stdout and exits with the first failing step's exit code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def main() -> int:
    action_dir, workdir, *pairs = sys.argv[1:]
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "only composite actions"
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in inputs:
            raise SystemExit(f"fake-runner: action.yml has no input `{name}`")
        inputs[name] = value
    steps: dict[str, dict[str, str]] = {}

    def value(expr: str) -> str:
        parts = expr.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return steps.get(parts[1], {}).get(parts[3], "")
        raise SystemExit(f"fake-runner: unsupported expression `{expr}`")

    def substitute(s: str) -> str:
        return EXPR.sub(lambda m: value(m.group(1)), str(s))

    def condition(cond: str) -> bool:
        m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", cond)
        if not m:
            raise SystemExit(f"fake-runner: unsupported condition `{cond}`")
        left = value(m.group(1))
        return (left == m.group(3)) == (m.group(2) == "==")

    env = dict(os.environ)
    env["GITHUB_ACTION_PATH"] = os.path.abspath(action_dir)
    extra_path: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, step in enumerate(action["runs"]["steps"]):
            name = step.get("name", f"step {n}")
            if "if" in step and not condition(step["if"]):
                print(f"fake-runner: skipped: {name}", file=sys.stderr)
                continue
            if "uses" in step:
                if not step["uses"].startswith("actions/cache@"):
                    raise SystemExit(f"fake-runner: unsupported `uses: {step['uses']}`")
                print(f"fake-runner: cache (kept on disk): {name}", file=sys.stderr)
                continue
            assert step.get("shell") == "bash", f"{name}: shell must be bash"
            out_file = os.path.join(tmp, f"output-{n}")
            path_file = os.path.join(tmp, f"path-{n}")
            open(out_file, "w").close()
            open(path_file, "w").close()
            step_env = dict(env)
            step_env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
            step_env["GITHUB_OUTPUT"] = out_file
            step_env["GITHUB_PATH"] = path_file
            step_env["PATH"] = os.pathsep.join([*extra_path, env["PATH"]])
            print(f"fake-runner: run: {name}", file=sys.stderr)
            # The runner's bash invocation for `shell: bash`.
            code = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=workdir,
                env=step_env,
            ).returncode
            outputs = {}
            with open(out_file, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    if "=" in line:
                        k, _, v = line.partition("=")
                        outputs[k] = v
            if "id" in step:
                steps[step["id"]] = outputs
            with open(path_file, encoding="utf-8") as f:
                extra_path = [p for p in f.read().splitlines() if p][::-1] + extra_path
            if code != 0:
                print(f"fake-runner: step failed with exit code {code}: {name}", file=sys.stderr)
                return code
    for k, v in action.get("outputs", {}).items():
        print(f"{k}={substitute(v['value'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
