#!/usr/bin/env bash
# Runs the whole suite with the machine's clock moved (libfaketime) to days and hours that once broke it:
# a Sunday at noon and a Monday at 08:40 in the campaign zone, inside the campaign's first phase. Tests pin
# the campaign clock themselves, so the result must be the same on any day. Extra arguments go to vitest;
# with ANY_DAY_REPORT_DIR set, each run also writes vitest's JSON report there (any-day-1.json, any-day-2.json).
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  echo "test:any-day needs faketime (Debian: apt-get install -y faketime)" >&2
  exit 2
fi
status=0
n=0
for at in '2027-03-07 12:00:00 +0800' '2027-03-08 08:40:00 +0800'; do
  n=$((n + 1))
  echo "== the machine's clock at ${at} =="
  report=()
  if [ -n "${ANY_DAY_REPORT_DIR:-}" ]; then
    report=(--reporter=default --reporter=json "--outputFile.json=${ANY_DAY_REPORT_DIR}/any-day-${n}.json")
  fi
  faketime "$at" npx vitest run "${report[@]}" "$@" || status=1
done
exit $status
