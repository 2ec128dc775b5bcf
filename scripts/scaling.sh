#!/usr/bin/env bash
# Hostile inputs doubled: time and memory must grow at most linearly (scripts/scaling.py).
# Builds the release binary first; extra arguments name the cases to run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
python3 scripts/scaling.py target/release/frontlint "$@"
