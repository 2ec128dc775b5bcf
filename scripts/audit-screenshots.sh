#!/usr/bin/env bash
# The audit report as a person sees it: renders `frontlint audit` of the demo site, of one real
# site (../shared/sites/hugo-servicemesher, skipped when absent) and, when given a folder as
# the first argument, of a generated corpus (`/work/shared/bench/gen_corpus.py OUT 10000`),
# with headless Chromium (`apt-get install chromium`) at 1280 wide (desktop) and 390 wide
# (phone), light and dark. Checks that each screenshot is not blank, that the HTML has no
# external reference and that it parses as HTML5 without errors (html5lib, from a virtualenv
# in target/audit-shots/venv; `pip` needs the package index once).
#
# Screenshots and reports land in target/audit-shots/; look at them.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

out="target/audit-shots"
mkdir -p "$out"
cargo build --locked --quiet
bin="$PWD/target/debug/frontlint"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "chromium is not installed (apt-get install chromium)"
  exit 1
fi
if [ ! -x "$out/venv/bin/python" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --quiet html5lib
fi
export FRONTLINT_NOW=2026-11-28T00:00:00Z

declare -a names=(demo) dirs=("$PWD/fixtures/demo-site")
if [ -d ../shared/sites/hugo-servicemesher ]; then
  names+=(servicemesher)
  dirs+=("$(cd ../shared/sites/hugo-servicemesher && pwd)")
fi
if [ $# -gt 0 ]; then
  names+=(corpus)
  dirs+=("$(cd "$1" && pwd)")
fi

for i in "${!names[@]}"; do
  name="${names[$i]}"
  html="$PWD/$out/$name.html"
  if (cd "${dirs[$i]}" && "$bin" audit --no-cache -o "$html" 2>/dev/null); then
    ok "$name: report written ($(wc -c <"$html") bytes)"
  else
    fail "$name: frontlint audit failed"
    continue
  fi
  for shot in "desktop 1280,4000 light" "phone 390,2400 light" "desktop 1280,4000 dark"; do
    read -r kind size scheme <<<"$shot"
    png="$out/$name-$kind-$scheme.png"
    flags=()
    [ "$scheme" = dark ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars "${flags[@]}" \
      --screenshot="$png" --window-size="$size" "file://$html" >/dev/null 2>&1 || true
    if [ -s "$png" ]; then
      ok "$name: $kind $scheme screenshot"
    else
      fail "$name: no $kind $scheme screenshot"
    fi
  done
done

# Not blank (a PNG whose rows are not all one byte pattern), no external reference, valid HTML.
if "$out/venv/bin/python" - "$out" <<'EOF'; then ok "screenshots not blank, HTML self-contained and valid"; else fail "checks of the screenshots and HTML"; fi
import glob, re, struct, sys, zlib
import html5lib

out = sys.argv[1]
bad = 0

def png_rows(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)

for png in sorted(glob.glob(f"{out}/*.png")):
    width, height, raw = png_rows(png)
    # Distinct byte values over the image: a blank page has a handful.
    distinct = len(set(raw[:: max(1, len(raw) // 200000)]))
    if distinct < 20:
        print(f"blank? {png}: {distinct} distinct byte values")
        bad += 1

for path in sorted(glob.glob(f"{out}/*.html")):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"<[^>]*>", text):
        tag = m.group(0).lower()
        if re.search(r"\bsrc\s*=", tag) or tag.startswith(("<link", "<script", "<img", "<iframe")):
            print(f"{path}: external reference {tag[:80]}")
            bad += 1
        href = re.search(r'href="([^"]*)"', tag)
        if href and not href.group(1).startswith("#"):
            print(f"{path}: external href {href.group(1)[:80]}")
            bad += 1
    if re.search(r"url\(|@import", text.split("</style>")[0]):
        print(f"{path}: a url( or @import in the style")
        bad += 1
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(text)
    except Exception as e:  # html5lib raises ParseError on the first error in strict mode
        print(f"{path}: not valid HTML5: {e}")
        bad += 1
sys.exit(1 if bad else 0)
EOF
finish
