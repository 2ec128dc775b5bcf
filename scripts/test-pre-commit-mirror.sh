#!/usr/bin/env bash
# The pre-commit mirror route, end to end (dist/pre-commit/): builds the wheel, serves it from a
# local package index (pypiserver on 127.0.0.1, started and stopped here), makes the mirror
# repository with dist/pre-commit/make-mirror.sh, and runs pre-commit in a second repository
# with cargo absent from PATH: the hook environment installs the wheel in seconds, a commit with a
# bad date is blocked, a clean one passes, and `frontlint-fix` fixes a file. Needs PyPI for the
# tools (skips without); the hook install itself uses only the local index.
# (scripts/test-pre-commit.sh tests the main repository's `language: rust` hook instead.)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

pypi_reachable || skip "PyPI is not reachable: the pre-commit mirror route needs maturin, pypiserver and pre-commit"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

release_binary >/dev/null
tools="$(tools_venv)"
wheel="$(build_wheel "$tools")"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"

# The local index: the wheel, and setuptools for building the mirror's (empty) package.
index="$work/index"
mkdir -p "$index"
cp "$wheel" "$index/"
"$tools/pip" download --quiet --disable-pip-version-check --only-binary :all: --no-deps \
  -d "$index" "setuptools>=70.1"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$tools/pypi-server" run --interface 127.0.0.1 --port "$port" --disable-fallback \
  --authenticate . --passwords . "$index" >"$work/pypiserver.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/simple/frontlint/" -o /dev/null && break
  sleep 0.2
done
page="$(curl -sf "http://127.0.0.1:$port/simple/frontlint/" || true)"
if grep -q "frontlint-$version-" <<<"$page"; then
  ok "pypiserver serves the wheel on 127.0.0.1:$port"
else
  fail "pypiserver did not come up"
  cat "$work/pypiserver.log"
  finish
fi

"$root/dist/pre-commit/make-mirror.sh" "$work/mirror" >/dev/null
grep -q "\"frontlint==$version\"" "$work/mirror/pyproject.toml" &&
  git -C "$work/mirror" rev-parse -q --verify "refs/tags/v$version" >/dev/null &&
  ok "mirror repository made, depends on frontlint==$version, tagged v$version" ||
  fail "the mirror is not as expected"

# From here on: no cargo, and packages only from the local index.
nocargo="$(path_without_cargo)"
assert_no_cargo "$nocargo"
export PATH="$nocargo"
export PRE_COMMIT_HOME="$work/cache"
export PIP_INDEX_URL="http://127.0.0.1:$port/simple/"
export PIP_NO_CACHE_DIR=1
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL
pre_commit="$tools/pre-commit"

repo="$work/site"
mkdir -p "$repo/content"
cd "$repo"
git init -q
git config user.email test@example.invalid
git config user.name test
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $work/mirror
    rev: v$version
    hooks:
      - id: frontlint-fix
      - id: frontlint
YAML
git add .pre-commit-config.yaml
git commit -qm "pre-commit config" --no-verify
"$pre_commit" install >/dev/null

start="$(now)"
if "$pre_commit" install-hooks >"$work/install.txt" 2>&1; then
  installed="$(elapsed "$start")"
  ok "pre-commit installed the hook environment from the wheel in ${installed}s, without cargo"
else
  installed="-"
  fail "pre-commit install-hooks failed"
  cat "$work/install.txt"
fi
hook_bin="$(find "$PRE_COMMIT_HOME" -path '*/bin/frontlint' -type f | head -n 1)"
[ -n "$hook_bin" ] && [ "$("$hook_bin" --version)" = "frontlint $version" ] &&
  ok "the hook environment holds the wheel's binary ($("$hook_bin" --version))" ||
  fail "no frontlint binary in the hook environment"

printf -- '---\ntitle: "坏日期"\ndate: 2025-02-30\n---\nBody.\r\n' >content/bad.md
git add content/bad.md
first="$(now)"
if git commit -qm "bad date" >"$work/out.txt" 2>&1; then
  fail "the commit with a bad date went through"
  cat "$work/out.txt"
elif grep -q "date/invalid" "$work/out.txt"; then
  ok "a commit with a bad date is blocked: $(grep -m1 'date/invalid' "$work/out.txt")"
else
  fail "the commit was blocked, but not for date/invalid"
  cat "$work/out.txt"
fi
linted="$(elapsed "$first")"

printf -- '---\ntitle: "好日期"\ndate: 2025-02-28\n---\nBody.\r\n' >content/bad.md
git add content/bad.md
if git commit -qm "good date" >"$work/out.txt" 2>&1; then
  ok "a commit with a clean file passes"
else
  fail "the commit with a clean file was blocked"
  cat "$work/out.txt"
fi

# frontlint-fix: a nonstandard date is rewritten; pre-commit stops the commit because the hook
# changed the file, and the fixed file then commits.
printf -- '---\ntitle: "时间"\ndate: 2025-02-10T9:00:00+08:00\n---\nBody.\n' >content/fixable.md
git add content/fixable.md
if git commit -qm "fixable" >"$work/out.txt" 2>&1; then
  fail "the commit with a fixable file went through unfixed"
elif grep -q "date: 2025-02-10T09:00:00+08:00" content/fixable.md && grep -q "files were modified by this hook" "$work/out.txt"; then
  ok "frontlint-fix rewrote the date (2025-02-10T09:00:00+08:00) and stopped the commit"
else
  fail "frontlint-fix did not fix the file"
  cat "$work/out.txt" content/fixable.md
fi
git add content/fixable.md
git commit -qm "fixed" >"$work/out.txt" 2>&1 && ok "the fixed file commits" ||
  { fail "the fixed file does not commit"; cat "$work/out.txt"; }

echo "time from nothing to a first lint (pre-commit mirror, local index): hook install ${installed}s + first hook run ${linted}s"
finish
