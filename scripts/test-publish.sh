#!/usr/bin/env bash
# The crates.io route: `cargo publish --dry-run` packages the crate (only the files of
# Cargo.toml's `include`), builds the packaged copy on its own, and uploads nothing. Also checks
# the package's size and list, and that the binstall metadata is in the published manifest.
# Needs crates.io (skips without).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$root"

if ! timeout 30 curl -sf -o /dev/null https://index.crates.io/config.json; then
  skip "crates.io is not reachable: no cargo publish --dry-run"
fi
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"

list="$(cargo package --list --locked --allow-dirty 2>/dev/null)"
if grep -qvE '^(src/.*\.rs|schemas/.*\.json|README\.md|LICENSE-(MIT|APACHE)|CHANGELOG\.md|Cargo\.(toml|toml\.orig|lock)|\.cargo_vcs_info\.json)$' <<<"$list"; then
  fail "the package holds files outside include: $(grep -vE '^(src/|schemas/|README|LICENSE-|CHANGELOG|Cargo|\.cargo_vcs)' <<<"$list" | head -5)"
else
  ok "the package holds only the sources, schemas, README, licences, CHANGELOG and Cargo files ($(wc -l <<<"$list") files)"
fi

start="$(now)"
touch "$dist/publish.txt.start"
if cargo publish --dry-run --locked --allow-dirty >"$dist/publish.txt" 2>&1; then
  ok "cargo publish --dry-run: packaged, built on its own, not uploaded ($(elapsed "$start")s)"
else
  fail "cargo publish --dry-run"
  tail -30 "$dist/publish.txt"
fi
# cargo keeps a dry run's package under target/package/tmp-crate/ (older versions: target/package/).
crate="$(find target/package -maxdepth 2 -name "frontlint-$version.crate" -newer "$dist/publish.txt.start" | head -n 1)"
if [ -n "$crate" ]; then
  size="$(du -k "$crate" | cut -f1)"
  [ "$size" -lt 1024 ] && ok "frontlint-$version.crate is $size KiB" || fail "frontlint-$version.crate is $size KiB"
  manifest="$(tar -xzOf "$crate" "frontlint-$version/Cargo.toml")"
  grep -q '^\[package.metadata.binstall\]' <<<"$manifest" && grep -q '^repository = "https://' <<<"$manifest" &&
    ok "the published Cargo.toml carries repository and [package.metadata.binstall]" ||
    fail "binstall metadata or repository missing from the published Cargo.toml"
else
  fail "cargo publish --dry-run left no frontlint-$version.crate"
fi
finish
