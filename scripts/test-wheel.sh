#!/usr/bin/env bash
# The PyPI route, end to end: builds the wheel with maturin (`bindings = "bin"`), installs it
# into a fresh virtualenv with cargo absent from PATH, and lints the demo site with the
# installed `frontlint` and with `python -m frontlint`. Needs PyPI for maturin (skips without).
# Prints the time from nothing (no virtualenv) to the first lint.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

pypi_reachable || skip "PyPI is not reachable: the wheel route needs maturin from PyPI"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

release_binary >/dev/null
tools="$(tools_venv)"
wheel="$(build_wheel "$tools")"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
case "$(basename "$wheel")" in
  "frontlint-$version-py3-none-"*.whl) ok "wheel $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)" ;;
  *) fail "unexpected wheel name $(basename "$wheel")" ;;
esac

# The metadata PyPI shows: version, licence, URLs from Cargo.toml; the README as description.
meta="$(unzip -p "$wheel" "frontlint-$version.dist-info/METADATA")"
repository="$(sed -n 's/^repository = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
for want in "Version: $version" "License: MIT OR Apache-2.0" \
  "Project-URL: Source Code, $repository" "Description-Content-Type: text/markdown" \
  "Classifier: Programming Language :: Rust" "# frontlint"; do
  if grep -qF -- "$want" <<<"$meta"; then ok "METADATA has: $want"; else fail "METADATA lacks: $want"; fi
done

# From here on, no cargo: what a user without a Rust toolchain has.
nocargo="$(path_without_cargo)"
assert_no_cargo "$nocargo"
site="$work/site"
cp -r "$root/fixtures/demo-site" "$site"
start="$(now)"
PATH="$nocargo" python3 -m venv "$work/venv"
venv="$(elapsed "$start")"
pip_start="$(now)"
PATH="$nocargo" "$work/venv/bin/pip" install --quiet --no-index --find-links "$(dirname "$wheel")" frontlint
installed="$(elapsed "$pip_start")"
lint_start="$(now)"
code=0
(cd "$site" && PATH="$work/venv/bin:$nocargo" frontlint --no-cache --format concise --now 2025-06-01T00:00:00Z . >"$work/out.txt" 2>"$work/err.txt") || code=$?
linted="$(elapsed "$lint_start")"
total="$(elapsed "$start")"

[ "$(PATH="$work/venv/bin:$nocargo" command -v frontlint)" = "$work/venv/bin/frontlint" ] &&
  ok "pip put frontlint on PATH ($work/venv/bin/frontlint)" || fail "frontlint is not the venv's"
if [ "$code" = 1 ] && grep -q 'error\[date/invalid\]' "$work/out.txt" &&
  grep -q 'error\[syntax/duplicate-key\]' "$work/out.txt"; then
  ok "the installed frontlint lints the demo site (exit 1, date/invalid and syntax/duplicate-key found)"
else
  fail "unexpected lint result (exit $code)"
  cat "$work/out.txt" "$work/err.txt"
fi
grep -q "files checked" "$work/err.txt" && ok "the summary line is on stderr" || fail "no summary line"

code=0
PATH="$nocargo" "$work/venv/bin/python" -m frontlint --version >"$work/version.txt" || code=$?
if [ "$code" = 0 ] && [ "$(cat "$work/version.txt")" = "frontlint $version" ]; then
  ok "python -m frontlint --version: $(cat "$work/version.txt")"
else
  fail "python -m frontlint --version gave exit $code: $(cat "$work/version.txt")"
fi
code=0
(cd "$site" && PATH="$nocargo" "$work/venv/bin/python" -m frontlint --no-cache --format json . >"$work/json.txt" 2>/dev/null) || code=$?
if [ "$code" = 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(x["rule"]=="date/invalid" for x in d)' "$work/json.txt"; then
  ok "python -m frontlint passes arguments and the exit code through"
else
  fail "python -m frontlint: exit $code"
fi

echo "time from nothing to a first lint (pip, local wheel): ${total}s (python -m venv ${venv}s, pip install ${installed}s, first lint ${linted}s)"
finish
