#!/usr/bin/env bash
# Proves the pre-commit hook works for real: installs pre-commit from PyPI into a throwaway
# virtualenv, makes a temporary git repository whose .pre-commit-config.yaml uses this
# checkout as `repo:`, and shows the hook blocking a commit with a bad date and passing a
# clean one. Not part of `cargo test` (it builds frontlint through `cargo install`).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rev="$(git -C "$here" rev-parse HEAD)"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PRE_COMMIT_HOME="$work/cache"
export PATH="$work/venv/bin:$PATH"

repo="$work/site"
mkdir -p "$repo/content"
cd "$repo"
git init -q
git config user.email test@example.invalid
git config user.name test
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $rev
    hooks:
      - id: frontlint
YAML
git add .pre-commit-config.yaml
git commit -qm "pre-commit config" --no-verify
pre-commit install -q 2>/dev/null || pre-commit install

printf -- '---\ntitle: "坏日期"\ndate: 2025-02-30\n---\nBody.\n' > content/bad.md
git add content/bad.md
if git commit -qm "bad date" 2>"$work/out.txt"; then
  cat "$work/out.txt"; echo "FAIL: the commit with a bad date went through"; exit 1
fi
grep -q "date/invalid" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: no date/invalid in the hook's output"; exit 1; }
echo "ok: the commit with a bad date was blocked:"
grep "date/invalid" "$work/out.txt" | head -3

printf -- '---\ntitle: "好日期"\ndate: 2025-02-28\n---\nBody.\n' > content/bad.md
git add content/bad.md
git commit -qm "good date"
echo "ok: the commit with a clean file passed"
echo "1 passed, 0 failed"
