#!/usr/bin/env bash
# Runs the whole suite with the machine's clock moved (libfaketime) to days and hours that once broke it:
# a Sunday at noon and a Monday at 08:40 in the campaign zone, inside the campaign's first phase. Tests pin
# the campaign clock themselves, so the result must be the same on any day. Extra arguments go to vitest.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  echo "test:any-day needs faketime (Debian: apt-get install -y faketime)" >&2
  exit 2
fi
status=0
for at in '2027-03-07 12:00:00 +0800' '2027-03-08 08:40:00 +0800'; do
  echo "== the machine's clock at ${at} =="
  faketime "$at" npx vitest run "$@" || status=1
done
exit $status
