#!/usr/bin/env bash
# output-snapshot.sh: every row command's output, in every format, on every capture in testdata/,
# written to OUTDIR (one file per command, capture and format), so two builds can be compared:
#
#   scripts/output-snapshot.sh OUTDIR [TCPLENS...]      (default: dotnet run of src/TcpLens.Cli, Release)
#   diff -r before/ after/
#
# Used to show that a change of the output layer changes only what it means to change.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: $0 OUTDIR [TCPLENS...]}; shift
if [ $# -eq 0 ]; then
  dotnet build "$ROOT/src/TcpLens.Cli" -c Release -v q -nologo >/dev/null || exit 1
  set -- dotnet "$ROOT/src/TcpLens.Cli/bin/Release/net10.0/tcplens.dll"
fi
mkdir -p "$OUT"
export TCPLENS_NO_PROGRESS=1
cd "$ROOT"
run() { # NAME ARGS...: stdout, stderr and exit code of one call
  local name=$1; shift
  "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  echo $? > "$OUT/$name.rc"
}
caps=()
for f in testdata/*.pcap testdata/*.pcapng testdata/*.gz testdata/*.zst; do [ -f "$f" ] && caps+=("$f"); done
for f in "${caps[@]}"; do
  n=$(basename "$f")
  for fmt in table csv json; do
    run "info.$n.$fmt" "$@" info "$f" -f $fmt
    run "packets.$n.$fmt" "$@" packets "$f" -f $fmt
    run "sessions.$n.$fmt" "$@" sessions "$f" -f $fmt
    run "sessions-all.$n.$fmt" "$@" sessions "$f" -f $fmt --columns all
    run "resets.$n.$fmt" "$@" resets "$f" -f $fmt
    run "quality.$n.$fmt" "$@" quality "$f" -f $fmt
    run "ladder.$n.$fmt" "$@" ladder "$f" --stream 0 -f $fmt
  done
  run "explain.$n" "$@" explain "$f" --stream 0
done
for c in testdata/twopoint/*-client.pcap testdata/pair-client.pcap; do
  s=${c/-client/-server}
  n=$(basename "$c" -client.pcap)
  for fmt in table csv json; do
    for show in matched missing server-only outside ambiguous; do
      run "match.$n.$show.$fmt" "$@" match "$c" "$s" -f $fmt --show $show
    done
    run "compare.$n.$fmt" "$@" compare "$c" "$s" -f $fmt
  done
done
echo "output-snapshot.sh: $(ls "$OUT" | wc -l) files in $OUT" >&2
