# shellcheck shell=bash
# Helpers for the install-route scripts (scripts/test-*.sh), which source it.
#
# Artefacts are built once and shared under target/dist/: the release binary
# (target/release/frontlint, built by `cargo build --release --locked`, a no-op when it is up to
# date), the tools virtualenv (target/dist/tools: maturin, pypiserver, pre-commit, zizmor at the
# versions in scripts/dist-tools.txt), the wheel (target/dist/wheels).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/target/dist"
mkdir -p "$dist"

passed=0
failed=0

ok() {
  echo "ok: $*"
  passed=$((passed + 1))
}

fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}

# The closing line CI reads; exits 1 when anything failed.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# A route that needs a package registry skips cleanly when the registry cannot be reached.
skip() {
  echo "skipped: $*"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
}

# PATH without any folder that holds cargo or rustc: the install step of each route runs with it.
path_without_cargo() {
  local out="" dir
  local IFS=:
  for dir in $PATH; do
    [ -z "$dir" ] && continue
    if [ -x "$dir/cargo" ] || [ -x "$dir/rustc" ] || [ -x "$dir/rustup" ]; then continue; fi
    out="${out:+$out:}$dir"
  done
  echo "$out"
}

# Asserts that cargo cannot be found with PATH=$1.
assert_no_cargo() {
  if PATH="$1" command -v cargo >/dev/null 2>&1; then
    echo "FAIL: cargo is still on the PATH meant to have none: $1"
    exit 1
  fi
}

# Seconds since the epoch, with milliseconds.
now() {
  date +%s.%N
}

elapsed() {
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

# Builds (or finds up to date) the release binary; prints its path.
release_binary() {
  (cd "$root" && cargo build --release --locked --quiet) >&2
  echo "$root/target/release/frontlint"
}

# Whether PyPI answers (through pip, so its configuration applies), within 20 seconds.
pypi_reachable() {
  rm -rf "$dist/probe"
  python3 -m pip download --no-deps --no-cache-dir --only-binary :all: --timeout 15 --retries 0 \
    -d "$dist/probe" "pip==24.0" >/dev/null 2>&1
}

# The tools virtualenv, with scripts/dist-tools.txt installed; prints its bin folder.
tools_venv() {
  local venv="$dist/tools" stamp
  stamp="$(cat "$root/scripts/dist-tools.txt")"
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/dist-tools.txt" >&2
    echo "$stamp" >"$venv/.stamp"
  fi
  echo "$venv/bin"
}

# Builds the wheel with maturin (needs cargo; reuses the release build); prints its path.
build_wheel() {
  local tools="$1" out="$dist/wheels"
  rm -rf "$out"
  (cd "$root" && "$tools/maturin" build --release --locked --quiet --out "$out") >&2
  ls "$out"/frontlint-*.whl
}
