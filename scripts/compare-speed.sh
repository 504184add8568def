#!/usr/bin/env bash
# compare-speed.sh: time tcplens info against capinfos and tshark on the same capture, one run
# after the other with the file in the page cache, and print wall time, packets/s, peak RSS and
# the ratios. Also times tcplens start-up (--version).
#
#   scripts/compare-speed.sh CAPTURE
#
# Needs /usr/bin/time (package "time"), capinfos and tshark (package tshark) for the peers.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CAP=${1:?usage: compare-speed.sh CAPTURE}
command -v /usr/bin/time >/dev/null || { echo "compare-speed.sh: apt-get install time" >&2; exit 1; }
dotnet build -c Release "$ROOT/src/TcpLens.Cli" -v quiet -nologo >/dev/null
TCPLENS=$ROOT/src/TcpLens.Cli/bin/Release/net10.0/tcplens
cat "$CAP" > /dev/null   # warm the page cache
packets=$("$TCPLENS" info --format csv "$CAP" | tail -1 | cut -d, -f4)

run() { # name command...
  local name=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 || true
  read -r secs rss < "$out"; rm -f "$out"
  printf '%s\t%s\t%s\n' "$name" "$secs" "$rss"
}

results=$(
  run "tcplens info" "$TCPLENS" info --format csv "$CAP"
  command -v capinfos >/dev/null && run "capinfos" capinfos "$CAP"
  command -v tshark >/dev/null && run "tshark -q" tshark -r "$CAP" -q
  run "tcplens --version" "$TCPLENS" --version
)
echo "capture: $CAP ($(stat -c %s "$CAP") bytes, $packets packets); $(nproc) cores"
printf '%-20s %10s %14s %12s %10s\n' tool "wall s" "packets/s" "peak RSS MB" "vs tcplens"
base=$(awk -F'\t' '$1=="tcplens info"{print $2}' <<<"$results")
while IFS=$'\t' read -r name secs rss; do
  pps=$(awk -v p="$packets" -v s="$secs" 'BEGIN{ if (s>0) printf "%.0f", p/s; else print "-" }')
  ratio=$(awk -v s="$secs" -v b="$base" 'BEGIN{ if (b>0) printf "%.1fx", s/b; else print "-" }')
  [ "$name" = "tcplens --version" ] && { pps="-"; ratio="-"; }
  printf '%-20s %10s %14s %12.0f %10s\n' "$name" "$secs" "$pps" "$((rss / 1024))" "$ratio"
done <<<"$results"
