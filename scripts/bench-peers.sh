#!/usr/bin/env bash
# frontlint against its peers, side by side, on one generated corpus (see BENCHMARKS.md).
#
#   scripts/bench-peers.sh [N] [SLOW_N]
#
# N (default 100000) files for frontlint and the physical floors (cat, rg) and Hugo; SLOW_N
# (default 2000) files for the peers that take minutes per 10k files (remark,
# markdownlint-cli2, check-jsonschema). Peers are installed under $BENCH_DIR (default
# .bench/, ignored by git), never as dependencies of frontlint. Needs hyperfine and ripgrep
# (apt-get install hyperfine ripgrep hugo), node/npm and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-100000}"
SLOW_N="${2:-2000}"
BENCH_DIR="${BENCH_DIR:-$here/.bench}"
SHARED="${SHARED:-$here/../shared}"
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"

corpus() { # N [bad-ratio] → folder
  local n="$1" ratio="${2:-0.05}"
  local dir="$BENCH_DIR/corpus-$n-$ratio"
  [ -f "$dir/.corpus.json" ] || python3 "$SHARED/bench/gen_corpus.py" "$dir" "$n" --bad-ratio "$ratio" >/dev/null
  echo "$dir"
}
BIG="$(corpus "$N")"
SMALL="$(corpus "$SLOW_N")"
# Hugo stops at the first broken header, so it builds a corpus of the same shape without defects.
CLEAN="$(corpus "$N" 0)"
SCHEMA="$SHARED/bench/schema.json"

# --- install peers (idempotent) ---
if [ ! -x node_modules/.bin/remark ]; then
  [ -f package.json ] || echo '{"name": "frontlint-bench-peers", "private": true}' > package.json
  npm install --silent --no-audit --no-fund remark-cli remark-frontmatter remark-lint-frontmatter-schema markdownlint-cli2@0.22 >/dev/null
fi
if [ ! -x venv/bin/check-jsonschema ]; then
  python3 -m venv venv
  venv/bin/pip install --quiet check-jsonschema
fi
( cd "$here" && cargo build --release --quiet )
FL="$here/target/release/frontlint"

# remark: front matter validated against the same schema.
cat > "$BENCH_DIR/.remarkrc.mjs" <<JS
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';
export default { plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { schemas: { '$SCHEMA': ['**/*.md'] } }]] };
JS
# check-jsonschema reads YAML files: the headers, extracted once (not timed).
if [ ! -d "$SMALL/.headers" ]; then
  python3 - "$SMALL" <<'PY'
import os, sys
root = sys.argv[1]; out = os.path.join(root, ".headers"); os.makedirs(out, exist_ok=True)
for d, _, files in os.walk(os.path.join(root, "content")):
    for f in files:
        t = open(os.path.join(d, f), encoding="utf-8", errors="replace").read()
        if t.startswith("---\n") and "\n---\n" in t[4:]:
            open(os.path.join(out, f[:-3] + ".yaml"), "w").write(t[4:t.index("\n---\n", 4) + 1])
PY
fi
# Hugo: a minimal site over the clean corpus (no theme, no output beyond pages).
mkdir -p "$BENCH_DIR/hugo-site"
cat > "$BENCH_DIR/hugo-site/hugo.toml" <<TOML
baseURL = "https://example.com/"
contentDir = "$CLEAN/content"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[outputs]
page = ["html"]
TOML
mkdir -p "$BENCH_DIR/hugo-site/layouts/_default"
echo '{{ .Title }}' > "$BENCH_DIR/hugo-site/layouts/_default/single.html"
echo '{{ .Title }}' > "$BENCH_DIR/hugo-site/layouts/_default/list.html"

# The corpus has no frontlint.toml, so the site root (and the cache) is the working folder.
rm -rf "$BENCH_DIR/.frontlint_cache"
export FRONTLINT_NOW=2026-11-28T00:00:00Z
echo "== $N files"
hyperfine --warmup 1 --runs 5 -i --export-json "$BENCH_DIR/big.json" \
  -n "cat" "find $BIG/content -name '*.md' -print0 | xargs -0 cat > /dev/null" \
  -n "rg -c '^---'" "rg -c '^---' $BIG/content > /dev/null" \
  -n "frontlint" "$FL --no-cache --schema $SCHEMA --format concise $BIG > /dev/null" \
  -n "frontlint --no-body" "$FL --no-cache --no-body --schema $SCHEMA --format concise $BIG > /dev/null" \
  -n "frontlint (cached)" "$FL --schema $SCHEMA --format concise $BIG > /dev/null"
if command -v hugo >/dev/null; then
  hyperfine --runs 2 --export-json "$BENCH_DIR/hugo.json" \
    -n "hugo (clean corpus)" "hugo --quiet --source $BENCH_DIR/hugo-site --destination $BENCH_DIR/hugo-public --renderToMemory" \
    -n "frontlint (clean corpus)" "$FL --no-cache --schema $SCHEMA --format concise $CLEAN > /dev/null"
fi
echo "== $SLOW_N files"
hyperfine --warmup 1 --runs 3 -i --export-json "$BENCH_DIR/small.json" \
  -n "frontlint" "$FL --no-cache --schema $SCHEMA --format concise $SMALL > /dev/null" \
  -n "check-jsonschema" "venv/bin/check-jsonschema --schemafile $SCHEMA $SMALL/.headers/*.yaml > /dev/null" \
  -n "markdownlint-cli2" "node_modules/.bin/markdownlint-cli2 '$SMALL/content/**/*.md' > /dev/null" \
  -n "remark" "node_modules/.bin/remark --rc-path $BENCH_DIR/.remarkrc.mjs --quiet --frail $SMALL/content > /dev/null 2>&1"

python3 - "$BENCH_DIR" "$N" "$SLOW_N" <<'PY'
import json, os, sys
d, n, slow = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def rows(name, files):
    p = os.path.join(d, name)
    if not os.path.exists(p): return []
    return [(r["command"], r["median"], files) for r in json.load(open(p))["results"]]
allrows = rows("big.json", n) + rows("hugo.json", n) + rows("small.json", slow)
ref = {files: med for cmd, med, files in allrows if cmd == "frontlint"}
clean = {files: med for cmd, med, files in allrows if cmd == "frontlint (clean corpus)"}
print(f"| command | files | median (s) | files/s | time ÷ frontlint (same corpus) |")
print(f"|---|---:|---:|---:|---:|")
for cmd, med, files in allrows:
    base = (clean if "clean corpus" in cmd else ref).get(files)
    ratio = f"{med / base:.1f}×" if base else "–"
    print(f"| {cmd} | {files:,} | {med:.3f} | {files / med:,.0f} | {ratio} |")
PY
