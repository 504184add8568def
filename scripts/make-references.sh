#!/usr/bin/env bash
# make-references.sh: tshark 4.6 reference tables for the captures in testdata/ (or those
# named), written to testdata/reference/ by ../shared/tools/make-references, then the
# agreement of tcplens with them (the differential tests).
#
#   scripts/make-references.sh [CAPTURE...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${TCPLENS_SHARED_TOOLS:-$ROOT/../shared/tools}
[ -x "$TOOLS/make-references" ] || { echo "make-references.sh: $TOOLS/make-references not found (set TCPLENS_SHARED_TOOLS)" >&2; exit 1; }
"$TOOLS/tshark-ref" --version >/dev/null || { echo "make-references.sh: tshark-ref cannot run" >&2; exit 1; }
captures=("$@")
[ ${#captures[@]} -gt 0 ] || mapfile -t captures < <(find "$ROOT/testdata" -maxdepth 1 -type f -name '*.pcap*' | sort)
for cap in "${captures[@]}"; do
  echo "make-references.sh: $(basename "$cap")" >&2
  TZ=UTC "$TOOLS/make-references" "$cap" "$ROOT/testdata/reference"
done
