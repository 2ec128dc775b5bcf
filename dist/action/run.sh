#!/usr/bin/env bash
# Runs frontlint for the GitHub Action (action.yml), then writes every diagnostic to the step
# summary (GitHub shows only about ten annotations of each kind per step).
#
# Environment: FRONTLINT (the binary), FRONTLINT_PATHS and FRONTLINT_ARGS (word lists, split on
# spaces, never glob-expanded), FRONTLINT_FORMAT (used unless FRONTLINT_ARGS has its own
# --format), FRONTLINT_CONFIG, FRONTLINT_SUMMARY ("false" turns the summary off),
# GITHUB_STEP_SUMMARY. Exits with frontlint's exit code.
set -uo pipefail
set -f

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
frontlint="${FRONTLINT:-frontlint}"

# shellcheck disable=SC2206 # paths and args are word lists by design (globbing is off)
paths=(${FRONTLINT_PATHS:-.})
# shellcheck disable=SC2206
extra=(${FRONTLINT_ARGS:-})

common=()
if [ -n "${FRONTLINT_CONFIG:-}" ]; then common=(--config "$FRONTLINT_CONFIG"); fi

format=(--format "${FRONTLINT_FORMAT:-github}")
for a in ${extra[@]+"${extra[@]}"}; do
  case "$a" in --format | --format=*) format=() ;; esac
done

status=0
"$frontlint" ${format[@]+"${format[@]}"} ${common[@]+"${common[@]}"} \
  ${extra[@]+"${extra[@]}"} "${paths[@]}" || status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "${FRONTLINT_SUMMARY:-true}" != false ] &&
  { [ "$status" = 0 ] || [ "$status" = 1 ]; }; then
  python="$(command -v python3 || command -v python || true)"
  if [ -n "$python" ]; then
    "$python" "$here/summary.py" "$frontlint" ${common[@]+"${common[@]}"} \
      ${extra[@]+"${extra[@]}"} "${paths[@]}" ||
      echo "::warning title=frontlint::could not write the step summary"
  else
    echo "::warning title=frontlint::no step summary: python3 is not installed"
  fi
fi
exit "$status"
