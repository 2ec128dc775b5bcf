#!/usr/bin/env bash
# Installs frontlint for the GitHub Action (action.yml), in two steps around actions/cache:
#
#   install.sh resolve   which release, which asset, its SHA-256 from the release's SHA256SUMS;
#                        writes version, target, asset, sha256, dir, key and method to $GITHUB_OUTPUT
#   install.sh install   downloads the asset into dir unless the cache restored it, verifies its
#                        SHA-256 (always, also after a cache hit), unpacks it, puts it on PATH;
#                        writes path to $GITHUB_OUTPUT
#
# When the release has no asset for this runner (no such release, or an OS/architecture without
# a prebuilt binary), `method` is `cargo` and `install` runs `cargo install --locked`. A checksum
# that does not match is an error, never a reason to fall back.
#
# Environment: FRONTLINT_VERSION ("" = the version of this action's Cargo.toml, "latest", or
# "1.2.3"/"v1.2.3"), GITHUB_ACTION_PATH, RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE or
# RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH; FRONTLINT_RELEASES_URL replaces
# `<repository>/releases` (a mirror; the tests use a server on 127.0.0.1).
set -euo pipefail

die() {
  echo "::error title=frontlint::$*"
  echo "error: $*" >&2
  exit 1
}

action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
output="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

# The repository and version this action was released from: Cargo.toml, the one place they live.
manifest() {
  sed -n "s/^$1 = \"\\(.*\\)\"\$/\\1/p" "$action/Cargo.toml" | head -n 1
}

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# HTTPS only (also after redirects), unless FRONTLINT_RELEASES_URL names an http:// mirror.
curl_() {
  local proto='=https'
  case "${FRONTLINT_RELEASES_URL:-}" in http://*) proto='=http,https' ;; esac
  curl --proto "$proto" --proto-redir "$proto" --fail --silent --show-error --location \
    --retry 3 --connect-timeout 20 "$@"
}

# Prints the HTTP status (000: no connection); fails unless it is 2xx.
fetch() {
  curl_ --max-time 300 --output "$2" --write-out '%{http_code}' "$1"
}

resolve() {
  local repo own version target ext asset releases tag sums code sha dir
  repo="$(manifest repository)"
  own="$(manifest version)"
  releases="${FRONTLINT_RELEASES_URL:-$repo/releases}"
  releases="${releases%/}"
  version="${FRONTLINT_VERSION:-}"
  case "$version" in
    "") version="$own" ;;
    latest)
      # The /releases/latest page redirects to /releases/tag/vX.Y.Z: no API call, no token.
      tag="$(curl_ --max-time 60 --output /dev/null --write-out '%{url_effective}' \
        "$releases/latest")" || die "cannot find the latest release at $releases/latest"
      [[ "$tag" == */tag/* ]] || die "cannot find the latest release at $releases/latest"
      version="${tag##*/tag/}"
      ;;
  esac
  version="${version#v}"
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
    die "\`version\` must be \"latest\" or a version such as 0.1.0, not \"$version\""

  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64) target=aarch64-unknown-linux-musl ;;
    macOS/X64) target=x86_64-apple-darwin ;;
    macOS/ARM64) target=aarch64-apple-darwin ;;
    Windows/X64) target=x86_64-pc-windows-msvc ;;
    *) target="" ;;
  esac
  ext=tar.gz
  [ "${RUNNER_OS:-}" = Windows ] && ext=zip
  asset="frontlint-$target.$ext"
  dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/frontlint/$version/${target:-source}"

  method=cargo
  sha=""
  if [ -z "$target" ]; then
    echo "No prebuilt frontlint for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}: building it with cargo."
  else
    sums="$(mktemp)"
    code="$(fetch "$releases/download/v$version/SHA256SUMS" "$sums" 2>/dev/null)" || true
    if [ "$code" = 200 ]; then
      sha="$(awk -v a="$asset" '$2 == a || $2 == "*" a { print $1; exit }' "$sums")"
      if [[ "$sha" =~ ^[0-9a-f]{64}$ ]]; then
        method=release
      else
        sha=""
        echo "Release v$version has no $asset: building frontlint with cargo."
      fi
    elif [ "$code" = 404 ]; then
      echo "No release v$version at $releases: building frontlint with cargo."
    else
      rm -f "$sums"
      die "cannot download $releases/download/v$version/SHA256SUMS (HTTP ${code:-error})"
    fi
    rm -f "$sums"
  fi
  {
    echo "version=$version"
    echo "target=$target"
    echo "asset=$asset"
    echo "sha256=$sha"
    echo "dir=$dir"
    echo "key=frontlint-$version-$target-$sha"
    echo "method=$method"
  } >>"$output"
}

install() {
  local version="${FRONTLINT_RESOLVED_VERSION:?}" method="${FRONTLINT_METHOD:?}"
  local dir="${FRONTLINT_DIR:?}" asset="${FRONTLINT_ASSET:-}" sha="${FRONTLINT_SHA256:-}"
  local releases exe="frontlint" bin
  [ "${RUNNER_OS:-}" = Windows ] && exe=frontlint.exe
  releases="${FRONTLINT_RELEASES_URL:-$(manifest repository)/releases}"
  releases="${releases%/}"
  mkdir -p "$dir"
  bin="$dir/bin"

  if [ "$method" = release ]; then
    local archive="$dir/$asset"
    if [ -f "$archive" ] && [ "$(sha256 "$archive")" = "$sha" ]; then
      echo "frontlint $version: $asset from the cache, SHA-256 verified."
    else
      local code
      code="$(fetch "$releases/download/v$version/$asset" "$archive.part")" ||
        die "cannot download $releases/download/v$version/$asset (HTTP ${code:-error})"
      local got
      got="$(sha256 "$archive.part")"
      if [ "$got" != "$sha" ]; then
        rm -f "$archive.part"
        die "SHA-256 mismatch for $asset: the release's SHA256SUMS says $sha, the download is $got. Not installed."
      fi
      mv -f "$archive.part" "$archive"
      echo "frontlint $version: downloaded $asset, SHA-256 verified."
    fi
    rm -rf "$bin"
    mkdir -p "$bin"
    case "$asset" in
      *.zip)
        if command -v unzip >/dev/null; then unzip -q -o "$archive" -d "$bin"; else 7z x -y -o"$bin" "$archive" >/dev/null; fi
        ;;
      *) tar -xzf "$archive" -C "$bin" ;;
    esac
  else
    command -v cargo >/dev/null ||
      die "no prebuilt frontlint $version for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}, and cargo is not installed to build it"
    if [ "$version" = "$(manifest version)" ]; then
      # This action's own source: exactly the version the workflow asked for.
      cargo install --locked --root "$dir" --path "$action"
    else
      cargo install --locked --root "$dir" frontlint --version "=$version"
    fi
  fi

  [ -x "$bin/$exe" ] || die "the install left no $bin/$exe"
  local shown
  shown="$("$bin/$exe" --version)" || die "$bin/$exe does not run"
  [ "$shown" = "frontlint $version" ] ||
    die "$bin/$exe says \"$shown\", expected \"frontlint $version\""
  echo "$shown at $bin/$exe"
  [ -n "${GITHUB_PATH:-}" ] && echo "$bin" >>"$GITHUB_PATH"
  echo "path=$bin/$exe" >>"$output"
}

case "${1:-}" in
  resolve) resolve ;;
  install) install ;;
  *)
    echo "usage: install.sh resolve|install" >&2
    exit 2
    ;;
esac
