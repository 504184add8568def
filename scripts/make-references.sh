#!/usr/bin/env bash
# make-references.sh: tshark 4.6 reference tables for the captures in testdata/ (or those
# named), written by ../shared/tools/make-references to a reference/ folder beside each
# capture (testdata/reference/): NAME.tcp.tsv.gz, NAME.conv.txt, NAME.info.txt.
#
#   scripts/make-references.sh [CAPTURE...]
#
# The shared tools are found beside the repository ($(git rev-parse --show-toplevel)/../shared/tools)
# or at TCPLENS_SHARED_TOOLS. tshark-ref runs tshark 4.6 in a chroot and needs root the first
# time (it installs itself). Times in the tables are epoch seconds; TZ=UTC only fixes info.txt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/.." && pwd))
TOOLS=${TCPLENS_SHARED_TOOLS:-$ROOT/../shared/tools}
if [ ! -x "$TOOLS/make-references" ] || [ ! -x "$TOOLS/tshark-ref" ]; then
  echo "make-references.sh: the shared tools (make-references, tshark-ref) are not in $TOOLS;" \
       "put the shared/ folder beside the repository or set TCPLENS_SHARED_TOOLS" >&2
  exit 1
fi
if ! "$TOOLS/tshark-ref" --version >/dev/null 2>&1; then
  echo "make-references.sh: $TOOLS/tshark-ref cannot run (still installing? it needs root the first time); try again later" >&2
  exit 1
fi
captures=("$@")
if [ ${#captures[@]} -eq 0 ]; then
  mapfile -t captures < <(find "$ROOT/testdata" -maxdepth 1 -type f -name '*.pcap*' | sort)
fi
[ ${#captures[@]} -gt 0 ] || { echo "make-references.sh: no captures in $ROOT/testdata" >&2; exit 1; }
for cap in "${captures[@]}"; do
  [ -f "$cap" ] || { echo "make-references.sh: $cap: no such file" >&2; exit 1; }
  out=$(cd "$(dirname "$cap")" && pwd)/reference
  mkdir -p "$out"
  chmod 755 "$out"
  echo "make-references.sh: $(basename "$cap") -> $out" >&2
  TZ=UTC "$TOOLS/make-references" "$cap" "$out"
done
