#!/usr/bin/env bash
# `frontlint server` through pytest-lsp (tests/lsp/), a real LSP client library, with the
# capabilities VS Code and Neovim send. Installs pytest-lsp into a virtualenv under target/;
# skips when PyPI cannot be reached.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

venv="$root/target/lsp-venv"
if [ ! -x "$venv/bin/pytest" ]; then
  pypi_reachable || skip "PyPI cannot be reached: pytest-lsp is not installed"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" >&2
fi
(cd "$root" && cargo build --locked --quiet) >&2
if FRONTLINT_BIN="$root/target/debug/frontlint" "$venv/bin/pytest" -q -p no:cacheprovider \
  "$root/tests/lsp" >"$dist/lsp-client.log" 2>&1; then
  ok "pytest-lsp: $(tail -1 "$dist/lsp-client.log")"
else
  cat "$dist/lsp-client.log"
  fail "pytest-lsp"
fi
finish
