#!/usr/bin/env bash
# The VS Code extension (editors/vscode/): `npm ci`, its unit tests (`npm test`: which binary it
# starts, with node --test), and `vsce package` producing a .vsix that holds the compiled
# extension and its runtime dependency. VS Code itself cannot run here (no display, no VS Code
# download). Skips when npm or its registry is missing.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

command -v npm >/dev/null || skip "npm is not installed"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export npm_config_cache="$work/npm-cache" npm_config_userconfig="$work/npmrc"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
cp -r "$root/editors/vscode" "$work/ext"
rm -rf "$work/ext/node_modules" "$work/ext/out" "$work/ext/"*.vsix
cd "$work/ext"
npm ci --silent >/dev/null 2>&1 || skip "npm ci failed (is the npm registry reachable?)"
if npm test >"$work/test.log" 2>&1 && grep -q '^# fail 0' "$work/test.log"; then
  ok "npm test: $(grep '^# pass' "$work/test.log")"
else
  cat "$work/test.log"
  fail "npm test"
fi
if npm run --silent package >"$work/package.log" 2>&1 && [ -f frontlint.vsix ]; then
  listing="$(unzip -l frontlint.vsix)"
  if grep -q 'extension/out/extension.js' <<<"$listing" &&
    grep -q 'extension/node_modules/vscode-languageclient/' <<<"$listing" &&
    ! grep -q 'extension/src/' <<<"$listing"; then
    ok "vsce package: frontlint.vsix ($(du -k frontlint.vsix | cut -f1) KiB)"
  else
    fail "frontlint.vsix lacks the compiled extension or its dependency, or holds the sources"
  fi
else
  cat "$work/package.log"
  fail "vsce package"
fi
finish
