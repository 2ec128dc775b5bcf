#!/usr/bin/env bash
# The GitHub Action (action.yml), run here the way a runner runs it (scripts/fake-runner.py)
# against a fake release served from 127.0.0.1 (scripts/fake-release-server.py), with a fake
# GITHUB_* environment, a temporary step summary, and cargo absent from PATH:
#   - a good archive installs (SHA-256 verified), the binary lints, annotations are printed;
#   - the second run takes the archive from the cache folder without downloading it;
#   - `version: latest` follows the /releases/latest redirect;
#   - a bad checksum is refused with a clear error and installs nothing;
#   - an unknown platform, or a version without a release, falls back to `cargo install`
#     (a stand-in cargo records the call);
#   - `args: --format sarif --output-file f.sarif` works; `install-only` does not lint;
#   - the step summary holds every diagnostic (counts per rule first), escaped so that paths and
#     messages from hostile files cannot break the table, inject HTML or mention anyone, and
#     stays under GitHub's 1 MiB limit.
# Needs no package registry.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

binary="$(release_binary)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
target=x86_64-unknown-linux-musl
asset="frontlint-$target.tar.gz"

# The fake release: the archive the release workflow makes (the binary at its root), its sums.
rel="$work/host/releases/download/v$version"
mkdir -p "$rel" "$work/pack"
cp "$binary" "$work/pack/frontlint"
tar -czf "$rel/$asset" -C "$work/pack" frontlint
(cd "$rel" && sha256sum "$asset" >SHA256SUMS)
echo "$version" >"$work/host/latest"
python3 "$root/scripts/fake-release-server.py" "$work/host" "$work/port" "$work/requests.log" &
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"

# A site with hostile names and content, beside the demo site's defects.
site="$work/site"
cp -r "$root/fixtures/demo-site" "$site"
# shellcheck disable=SC2016 # literally `c`, no expansion
evil_key='k|<script>alert(1)</script> @octocat [x](javascript:alert(1)) **b** `c` &amp;'
printf -- '---\n"%s": 1\n"%s": 2\ntitle: "\xe2\x80\xaeevil"\n"\xe2\x80\xaeevil": 1\n"\xe2\x80\xaeevil": 2\n---\nBody.\n' \
  "$evil_key" "$evil_key" >"$site/content/evil|<b>x<i> @octocat.md"
printf -- '---\ntitle: x\ndate: 2025-02-30\n---\nBody.\n' >"$site/content/new
line.md"

nocargo="$(path_without_cargo)"
assert_no_cargo "$nocargo"

# Runs the action in $site with a fresh fake runner environment; extra VAR=VALUE before `--`,
# inputs after it. Stdout to $work/out.txt, stderr to $work/err.txt; returns the exit code.
run_action() {
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  : >"$work/summary.md"
  env -i HOME="$HOME" PATH="$nocargo" LANG=C.UTF-8 \
    RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TOOL_CACHE="$work/toolcache" RUNNER_TEMP="$work/tmp" \
    GITHUB_WORKSPACE="$site" GITHUB_STEP_SUMMARY="$work/summary.md" \
    GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=octo/site \
    GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 \
    FRONTLINT_RELEASES_URL="http://127.0.0.1:$port/releases" FRONTLINT_NOW=2025-06-01T00:00:00Z \
    ${envs[@]+"${envs[@]}"} \
    python3 "$root/scripts/fake-runner.py" "$root" "$site" "$@" >"$work/out.txt" 2>"$work/err.txt"
}
mkdir -p "$work/tmp"
installed="$work/toolcache/frontlint/$version/$target/bin/frontlint"

# 1. A good archive installs; frontlint lints with annotations; the summary is written.
start="$(now)"
code=0
run_action -- || code=$?
total="$(elapsed "$start")"
if [ "$code" = 1 ] && grep -q "^frontlint $version at $installed$" "$work/out.txt" && [ -x "$installed" ] &&
  grep -q "downloaded $asset, SHA-256 verified" "$work/out.txt"; then
  ok "good archive: downloaded, SHA-256 verified, installed at \$RUNNER_TOOL_CACHE/frontlint/$version/$target/bin"
else
  fail "good archive: exit $code"
  cat "$work/out.txt" "$work/err.txt"
fi
grep -q '^::error file=content/defects/dates.md,line=' "$work/out.txt" &&
  ok "format github by default: annotations on stdout" || fail "no ::error annotations"
cp "$work/summary.md" "$work/summary-default.md"

# 2. The cache: a second run finds the verified archive and does not download it.
: >"$work/requests.log"
code=0
run_action -- || code=$?
if [ "$code" = 1 ] && grep -q "$asset from the cache, SHA-256 verified" "$work/out.txt" &&
  ! grep -q "/$asset" "$work/requests.log" && grep -q "/SHA256SUMS" "$work/requests.log"; then
  ok "second run: archive from the cache, checked against the release's SHA256SUMS, not downloaded"
else
  fail "second run did not use the cache (exit $code)"
  cat "$work/out.txt" "$work/requests.log"
fi

# 3. version: latest follows the redirect to the newest tag.
code=0
run_action RUNNER_TOOL_CACHE="$work/toolcache-latest" -- version=latest install-only=true || code=$?
[ "$code" = 0 ] && grep -q "^path=$work/toolcache-latest/frontlint/$version/$target/bin/frontlint$" "$work/out.txt" &&
  grep -q "/releases/latest" "$work/requests.log" &&
  ok "version: latest resolves to v$version through the /releases/latest redirect" ||
  { fail "version: latest (exit $code)"; cat "$work/out.txt" "$work/err.txt"; }
[ ! -s "$work/summary.md" ] && ! grep -q '^::' "$work/out.txt" &&
  ok "install-only: installs, does not lint" || fail "install-only linted"

# 4. A bad checksum is refused, and nothing is installed.
cp -r "$work/host" "$work/host.good"
printf 'tampered' >>"$rel/$asset"
code=0
run_action RUNNER_TOOL_CACHE="$work/toolcache-bad" -- || code=$?
if [ "$code" != 0 ] && grep -q "::error title=frontlint::SHA-256 mismatch for $asset" "$work/out.txt" &&
  [ ! -e "$work/toolcache-bad/frontlint/$version/$target/bin/frontlint" ] &&
  [ ! -e "$work/toolcache-bad/frontlint/$version/$target/$asset" ]; then
  ok "bad checksum refused: $(grep -m1 -o 'SHA-256 mismatch.*' "$work/out.txt" | cut -c1-90)…"
else
  fail "bad checksum: exit $code"
  cat "$work/out.txt" "$work/err.txt"
fi
# The cache folder from run 1 holds the good archive; the tampered download is not trusted either.
code=0
run_action -- || code=$?
[ "$code" = 1 ] && grep -q "from the cache, SHA-256 verified" "$work/out.txt" &&
  ok "a good cached archive still installs while the release's copy is tampered" ||
  fail "cached install after tampering (exit $code)"
rm -rf "$work/host"
mv "$work/host.good" "$work/host"

# 5. Fallbacks to cargo, recorded by a stand-in cargo (building frontlint would take minutes).
mkdir -p "$work/fakecargo"
cat >"$work/fakecargo/cargo" <<'SH'
#!/usr/bin/env bash
echo "cargo $*" >>"$FAKE_CARGO_LOG"
dest="" version=""
while [ $# -gt 0 ]; do
  case "$1" in --root) dest="$2"; shift ;; --version) version="${2#=}"; shift ;; esac
  shift
done
mkdir -p "$dest/bin"
if [ -n "$version" ]; then
  printf '#!/bin/sh\necho "frontlint %s"\n' "$version" >"$dest/bin/frontlint"
  chmod +x "$dest/bin/frontlint"
else
  cp "$FAKE_CARGO_BINARY" "$dest/bin/frontlint"
fi
SH
chmod +x "$work/fakecargo/cargo"
fallback() {
  : >"$work/cargo.log"
  run_action PATH="$work/fakecargo:$nocargo" FAKE_CARGO_LOG="$work/cargo.log" FAKE_CARGO_BINARY="$binary" \
    RUNNER_TOOL_CACHE="$work/toolcache-fallback" "$@"
}
code=0
fallback RUNNER_ARCH=ARM -- install-only=true || code=$?
[ "$code" = 0 ] && grep -q "No prebuilt frontlint for Linux/ARM" "$work/out.txt" &&
  grep -qx "cargo install --locked --root $work/toolcache-fallback/frontlint/$version/source --path $root" "$work/cargo.log" &&
  ok "unknown platform (Linux/ARM): cargo install --locked --path <the action>" ||
  { fail "unknown platform fallback (exit $code)"; cat "$work/out.txt" "$work/err.txt" "$work/cargo.log"; }
code=0
fallback -- version=9.9.9 install-only=true || code=$?
[ "$code" = 0 ] && grep -q "No release v9.9.9" "$work/out.txt" &&
  grep -qx "cargo install --locked --root $work/toolcache-fallback/frontlint/9.9.9/$target frontlint --version =9.9.9" "$work/cargo.log" &&
  ok "no release v9.9.9: cargo install --locked frontlint --version =9.9.9" ||
  { fail "missing release fallback (exit $code)"; cat "$work/out.txt" "$work/err.txt" "$work/cargo.log"; }
code=0
run_action RUNNER_ARCH=ARM RUNNER_TOOL_CACHE="$work/toolcache-nocargo" -- install-only=true || code=$?
[ "$code" != 0 ] && grep -q "cargo is not installed" "$work/out.txt" &&
  ok "no binary and no cargo: a clear error" || fail "no binary and no cargo (exit $code)"
code=0
run_action -- version=v1 install-only=true || code=$?
[ "$code" != 0 ] && grep -q 'must be "latest" or a version such as 0.1.0' "$work/out.txt" &&
  ok "a malformed version is refused" || fail "version=v1 (exit $code)"

# 6. format and args: SARIF to a file (the command the issue quotes), no annotations.
code=0
run_action -- "args=--format sarif --output-file f.sarif" || code=$?
if [ "$code" = 1 ] && ! grep -q '^::error' "$work/out.txt" &&
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0" and d["runs"][0]["results"]' "$site/f.sarif"; then
  ok "args: --format sarif --output-file f.sarif writes SARIF, no annotations, exit 1"
else
  fail "sarif through args (exit $code)"
  cat "$work/out.txt" "$work/err.txt"
fi
# shellcheck disable=SC2016 # a literal code span
grep -q '^| `date/invalid` |' "$work/summary.md" && ok "the summary is written with --format sarif too" ||
  fail "no summary with sarif"
code=0
run_action -- format=json "args=--select date" || code=$?
[ "$code" = 1 ] && python3 -c 'import json,sys; t=open(sys.argv[1]).read(); d=json.loads(t[t.index("\n[\n")+1:]); assert d and all(x["rule"].startswith("date/") for x in d)' "$work/out.txt" &&
  ok "format: json with args: --select date" || { fail "format=json (exit $code)"; head "$work/out.txt"; }
code=0
run_action -- "args=--deny-warnings --select summary/markup" paths=content/defects/summary-taxonomy.md || code=$?
[ "$code" = 1 ] && [ "$(grep -c '^::warning' "$work/out.txt")" -ge 1 ] && ! grep -q '^::error' "$work/out.txt" &&
  ok "paths and args reach frontlint (--deny-warnings turns a warning into exit 1)" || fail "paths/args (exit $code)"
code=0
run_action -- "args=--no-such-flag" || code=$?
[ "$code" = 2 ] && [ ! -s "$work/summary.md" ] && ok "a usage error exits 2 and writes no summary" ||
  fail "usage error (exit $code)"
code=0
run_action -- summary=false || code=$?
[ "$code" = 1 ] && [ ! -s "$work/summary.md" ] && ok "summary: false writes no summary" || fail "summary=false"

# 7. The step summary: every diagnostic, counts first, escaped.
(cd "$site" && "$binary" --format json --now 2025-06-01T00:00:00Z . >"$work/all.json" 2>/dev/null) || true
python3 - "$work/summary-default.md" "$work/all.json" <<'PY' && ok "step summary: every diagnostic once, counts per rule first, hostile text inert" || fail "step summary content"
import json, re, sys
md = open(sys.argv[1], encoding="utf-8").read()
diags = json.load(open(sys.argv[2], encoding="utf-8"))
lines = md.splitlines()
assert lines[0] == "## frontlint", lines[0]
errors = sum(d["severity"] == "error" for d in diags)
warnings = sum(d["severity"] == "warning" for d in diags)
files = len({d["path"] for d in diags})
assert f"**{errors} errors, {warnings} warnings** in {files} files." in md, md[:300]
counts_at = lines.index("| rule | errors | warnings |")
rows_at = lines.index("| rule | file | line | message |")
assert counts_at < rows_at
counts = lines[counts_at + 2 : lines.index("", counts_at)]
total = 0
for row in counts:
    cells = row.split("|")
    assert len(cells) == 5, row
    total += int(cells[2]) + int(cells[3])
assert total == len(diags), (total, len(diags))
rules = {d["rule"] for d in diags}
assert len(counts) == len(rules), (len(counts), len(rules))
rows = [l for l in lines[rows_at + 2 :] if l.startswith("|")]
assert len(rows) == len(diags), (len(rows), len(diags))
for row in rows:
    # Exactly five cell separators: nothing from a file adds a column.
    assert row.count("|") == 5, row
body = "\n".join(lines[rows_at:])
for bad in ("<", ">", "@", "\u202e", "javascript:", "**", "`c`"):
    assert bad not in body, bad
assert "&#124;&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in md
assert "U+202E" in md
assert "&#64;octocat" in md
assert "new␤line&#46;md" in md
assert "(https://github.com/octo/site/blob/0123456789abcdef0123456789abcdef01234567/content/defects/dates.md#L" in md
# The hostile file name is linked with every special byte percent-encoded.
assert "/content/evil%7C%3Cb%3Ex%3Ci%3E%20%40octocat.md#L" in md, md
PY

# GitHub's own renderer (cmark-gfm, with GitHub's extensions), where installed: every row keeps
# its cells, and the only HTML in the output is the table, links, code spans and the bold line.
if command -v cmark-gfm >/dev/null; then
  cmark-gfm -e table -e autolink -e strikethrough -e tagfilter "$work/summary-default.md" >"$work/summary.html"
  python3 - "$work/summary.html" "$work/all.json" <<'PY' && ok "cmark-gfm renders the summary as tables with only the expected tags" || fail "cmark-gfm rendering"
import collections, html.parser, json, sys
diags = json.load(open(sys.argv[2], encoding="utf-8"))
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.rows, self.cells, self.hrefs = collections.Counter(), [], None, []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            self.cells += 1
        elif tag == "a":
            self.hrefs.append(dict(attrs)["href"])
    def handle_endtag(self, tag):
        if tag == "tr":
            self.rows.append(self.cells)
page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
assert set(page.tags) <= {"h2", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "a", "code"}, page.tags
rules = len({d["rule"] for d in diags})
assert collections.Counter(page.rows) == {3: rules + 1, 4: len(diags) + 1}, collections.Counter(page.rows)
assert len(page.hrefs) == len(diags) and all(h.startswith("https://github.com/octo/site/blob/") for h in page.hrefs)
PY
else
  echo "note: cmark-gfm is not installed (apt-get install cmark-gfm): the rendering check is skipped"
fi

# 8. Size: a site with more diagnostics than 1 MiB holds stops the rows, says how many are left.
python3 - "$root/dist/action" <<'PY' && ok "summary stays under 1 MiB and says how many rows it left out" || fail "summary size limit"
import sys
sys.path.insert(0, sys.argv[1])
import summary
diags = [
    {"path": f"content/{i:05}.md", "rule": "date/invalid", "severity": "error", "line": 3,
     "message": "`date` is not a valid date: February 2025 has 28 days " + "x" * 100}
    for i in range(20000)
]
md = summary.render(diags)
assert len(md.encode()) <= summary.MAX_BYTES < 1024 * 1024, len(md.encode())
shown = md.count("\n| `date/invalid` (error) |")
assert 1000 < shown < 20000, shown
assert f"{20000 - shown} more diagnostics not shown" in md, md[-400:]
assert "| `date/invalid` | 20000 | 0 |" in md
assert summary.summary_args(["--format", "sarif", "--output-file=f", "--fix", "--select", "date", "--color=always", "--statistics", "--", "--diff"]) == ["--select", "date", "--", "--diff"]
PY

echo "time from nothing to a first lint (Action, fake release on 127.0.0.1): ${total}s (resolve, download, verify, unpack, lint the demo site, write the summary)"
finish
