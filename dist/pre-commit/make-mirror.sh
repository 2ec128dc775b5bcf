#!/usr/bin/env bash
# Makes the pre-commit mirror repository for one frontlint release: the files of this folder
# with @VERSION@ and @REPOSITORY@ filled in, committed and tagged vVERSION.
#
#   dist/pre-commit/make-mirror.sh OUT [VERSION]     (VERSION: default Cargo.toml's)
#
# OUT is created as a new git repository, or, if it is one already (a clone of the mirror), the
# files are updated there and committed on top. Push it with `git -C OUT push --follow-tags`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?usage: make-mirror.sh OUT [VERSION]}"
manifest() { sed -n "s/^$1 = \"\\(.*\\)\"\$/\\1/p" "$root/Cargo.toml" | head -n 1; }
version="${2:-$(manifest version)}"
repository="$(manifest repository)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || {
  echo "error: not a version: $version" >&2
  exit 2
}

mkdir -p "$out"
[ -d "$out/.git" ] || git -C "$out" init -q
for f in .pre-commit-hooks.yaml pyproject.toml README.md; do
  sed -e "s|@VERSION@|$version|g" -e "s|@REPOSITORY@|$repository|g" "$here/$f" >"$out/$f"
done
git -C "$out" add .pre-commit-hooks.yaml pyproject.toml README.md
if ! git -C "$out" diff --cached --quiet; then
  git -C "$out" -c user.name="${GIT_AUTHOR_NAME:-frontlint release}" \
    -c user.email="${GIT_AUTHOR_EMAIL:-release@frontlint.invalid}" \
    commit -q -m "frontlint $version"
fi
git -C "$out" tag -f "v$version" >/dev/null
echo "$out: frontlint $version, tagged v$version"
