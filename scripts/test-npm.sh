#!/usr/bin/env bash
# The npm route, end to end and offline: stages the launcher (npm/frontlint) and the linux-x64
# platform package with the release binary (npm/stage.js), packs both with `npm pack`, installs
# the two tarballs into a temporary project with `npm install --offline` and cargo absent from
# PATH, and runs `npx frontlint` on the demo site. Also: the launcher alone names the missing
# platform package, and a platform package never installs on another platform.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip "the npm test packs the linux-x64 package; this is $(uname -s)-$(uname -m)"
command -v npm >/dev/null || skip "npm is not installed"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# npm's cache and config for this test only: nothing comes from, or goes to, the user's.
export npm_config_cache="$work/npm-cache" npm_config_userconfig="$work/npmrc"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

binary="$(release_binary)"
version="$(node -p 'require(process.argv[1]).version' "$root/npm/frontlint/package.json")"
node "$root/npm/stage.js" "$work/stage" "linux-x64=$binary"
(cd "$work" && npm pack --silent "$work/stage/frontlint" "$work/stage/cli-linux-x64" >/dev/null)
launcher="$work/frontlint-$version.tgz"
platform="$work/frontlint-cli-linux-x64-$version.tgz"
[ -f "$launcher" ] && [ -f "$platform" ] && ok "npm pack: $(basename "$launcher"), $(basename "$platform") ($(du -k "$platform" | cut -f1) KiB)" ||
  fail "npm pack did not make both tarballs"
listing="$(tar -tzvf "$platform")"
grep -q -- '^-rwxr-xr-x .* package/bin/frontlint$' <<<"$listing" &&
  ok "the binary in the platform package is executable" || fail "the binary lost its executable bit"

nocargo="$(path_without_cargo)"
assert_no_cargo "$nocargo"
site="$work/site"
cp -r "$root/fixtures/demo-site" "$site"

# Everything from here runs without cargo and without the registry (--offline).
start="$(now)"
(cd "$site" && PATH="$nocargo" npm init -y >/dev/null)
init="$(elapsed "$start")"
npm_start="$(now)"
(cd "$site" && PATH="$nocargo" npm install --offline --no-save --loglevel=error "$launcher" "$platform" >"$work/install.txt" 2>&1) ||
  { fail "npm install --offline failed"; cat "$work/install.txt"; finish; }
installed="$(elapsed "$npm_start")"
lint_start="$(now)"
code=0
(cd "$site" && PATH="$nocargo" npx --offline frontlint --no-cache --format concise --now 2025-06-01T00:00:00Z . >"$work/out.txt" 2>"$work/err.txt") || code=$?
linted="$(elapsed "$lint_start")"
total="$(elapsed "$start")"
if [ "$code" = 1 ] && grep -q 'error\[date/invalid\]' "$work/out.txt" && grep -q "files checked" "$work/err.txt"; then
  ok "npx frontlint lints the demo site (exit 1, date/invalid found, summary on stderr)"
else
  fail "npx frontlint: exit $code"
  cat "$work/out.txt" "$work/err.txt"
fi
code=0
out="$(cd "$site" && PATH="$nocargo" npx --offline frontlint --version)" || code=$?
[ "$code" = 0 ] && [ "$out" = "frontlint $version" ] && ok "npx frontlint --version: $out" || fail "--version: $out (exit $code)"
code=0
(cd "$site" && PATH="$nocargo" npx --offline frontlint explain date/nope >/dev/null 2>&1) || code=$?
[ "$code" = 2 ] && ok "the launcher passes the exit code through (2 for a usage error)" || fail "exit code $code, expected 2"

# The launcher without its platform package: a clear error naming the package, exit 2.
bare="$work/bare"
mkdir -p "$bare"
(cd "$bare" && npm init -y >/dev/null && PATH="$nocargo" npm install --offline --no-save --omit=optional --loglevel=error "$launcher" >/dev/null 2>&1) ||
  fail "npm install of the launcher alone failed"
code=0
(cd "$bare" && PATH="$nocargo" npx --offline frontlint --version >"$work/bare.txt" 2>&1) || code=$?
if [ "$code" = 2 ] && grep -q "@frontlint/cli-linux-x64" "$work/bare.txt" && grep -q "optional" "$work/bare.txt"; then
  ok "without the platform package: $(cat "$work/bare.txt")"
else
  fail "launcher without platform package: exit $code: $(cat "$work/bare.txt")"
fi

# A platform without a package: the launcher says which exist and how to build from source.
code=0
(cd "$bare" && PATH="$nocargo" node -e 'Object.defineProperty(process, "platform", { value: "freebsd" }); require("./node_modules/frontlint/bin/frontlint.js")' >"$work/freebsd.txt" 2>&1) || code=$?
if [ "$code" = 2 ] && grep -q "no prebuilt binary for freebsd-x64 (there are: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64)" "$work/freebsd.txt" && grep -q "cargo install" "$work/freebsd.txt"; then
  ok "on an unsupported platform: $(cat "$work/freebsd.txt")"
else
  fail "unsupported platform: exit $code: $(cat "$work/freebsd.txt")"
fi

# npm refuses a platform package whose `os`/`cpu` do not match this machine.
node "$root/npm/stage.js" "$work/other" "darwin-arm64=$binary"
(cd "$work" && npm pack --silent "$work/other/cli-darwin-arm64" >/dev/null)
code=0
(cd "$bare" && npm install --offline --no-save "$work/frontlint-cli-darwin-arm64-$version.tgz" >"$work/badplat.txt" 2>&1) || code=$?
[ "$code" != 0 ] && grep -q "EBADPLATFORM" "$work/badplat.txt" && ok "npm refuses @frontlint/cli-darwin-arm64 here (EBADPLATFORM)" ||
  { fail "the darwin-arm64 package installed on Linux"; cat "$work/badplat.txt"; }

echo "time from nothing to a first lint (npm, local tarballs): ${total}s (npm init ${init}s, npm install ${installed}s, first lint with npx ${linted}s)"
finish
