#!/usr/bin/env bash
# parity.sh: how tcplens's TCP analysis agrees with tshark 4.6, one row per capture.
#
#   scripts/parity.sh [--regenerate] [--details N] [CAPTURE_OR_DIR...]
#
# Default inputs: testdata/ and, when present, ../shared/captures (each capture with its
# reference/NAME.tcp.tsv.gz). --regenerate first rewrites the project's references with
# scripts/make-references.sh (tshark 4.6 via ../shared/tools/tshark-ref; the public corpus's
# references are given and never rewritten). --details N lists the first N differences per
# capture. Columns: TCP frames in the reference, frames missing or extra in tcplens, then
# frames that differ per field. Exit status 0 when every field of every frame agrees.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
regenerate=0
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --regenerate) regenerate=1 ;;
    --details) args+=(--details "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ $regenerate = 1 ]; then
  "$HERE/make-references.sh"
fi
inputs=()
for a in "${args[@]+"${args[@]}"}"; do
  [ "$a" = --details ] || [[ "$a" =~ ^[0-9]+$ ]] || inputs+=("$a")
done
if [ ${#inputs[@]} -eq 0 ]; then
  args+=("$ROOT/testdata")
  shared=${TCPLENS_SHARED_CAPTURES:-$ROOT/../shared/captures}
  [ -d "$shared/reference" ] && args+=("$shared")
fi
dotnet build -c Release -v q --nologo "$ROOT/tools/TcpLens.Parity" >/dev/null
exec dotnet "$ROOT/tools/TcpLens.Parity/bin/Release/net10.0/TcpLens.Parity.dll" "${args[@]}"
