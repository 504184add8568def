#!/usr/bin/env bash
# compare-speed.sh: time tcplens against its peers on the same capture, one run after the other
# with the file in the page cache, and print wall time, packets/s, peak RSS and the ratios.
#
#   scripts/compare-speed.sh CAPTURE              tcplens info vs capinfos and tshark -q, and start-up
#   scripts/compare-speed.sh --sessions CAPTURE   tcplens sessions vs tshark -q -z conv,tcp and tcptrace -n -l
#
# Needs /usr/bin/time (package "time"), capinfos and tshark (package tshark), tcptrace (package
# tcptrace). TSHARK=path picks the tshark (e.g. ../shared/tools/tshark-ref for 4.6).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mode=info
if [ "${1:-}" = --sessions ]; then mode=sessions; shift; fi
CAP=${1:?usage: compare-speed.sh [--sessions] CAPTURE}
TSHARK=${TSHARK:-tshark}
command -v /usr/bin/time >/dev/null || { echo "compare-speed.sh: apt-get install time" >&2; exit 1; }
# tcplens as a user installs it: the native (AOT) publish; the JIT build when that fails
# (no C toolchain), and the table then says so.
BIN=$(mktemp -d); trap 'rm -rf "$BIN"' EXIT
RID=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
if dotnet publish "$ROOT/src/TcpLens.Cli" -c Release -r "$RID" -o "$BIN" -v quiet -nologo >/dev/null 2>&1; then
  TCPLENS=$BIN/tcplens; build="native AOT ($RID)"
else
  dotnet build -c Release "$ROOT/src/TcpLens.Cli" -v quiet -nologo >/dev/null
  TCPLENS=$ROOT/src/TcpLens.Cli/bin/Release/net10.0/tcplens; build="JIT (AOT publish failed)"
fi
cat "$CAP" > /dev/null   # warm the page cache
packets=$("$TCPLENS" info --format csv "$CAP" | tail -1 | cut -d, -f4)

run() { # name command...
  local name=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 || true
  read -r secs rss < "$out"; rm -f "$out"
  printf '%s\t%s\t%s\n' "$name" "$secs" "$rss"
}

if [ $mode = info ]; then
  first="tcplens info"
  results=$(
    run "tcplens info" "$TCPLENS" info --format csv "$CAP"
    command -v capinfos >/dev/null && run "capinfos" capinfos "$CAP"
    command -v "$TSHARK" >/dev/null && run "tshark -q" "$TSHARK" -r "$CAP" -q
    run "tcplens --version" "$TCPLENS" --version
  )
else
  first="tcplens sessions"
  results=$(
    run "tcplens sessions" "$TCPLENS" sessions --format csv "$CAP"
    command -v tcptrace >/dev/null && run "tcptrace -n -l" tcptrace -n -l "$CAP"
    command -v "$TSHARK" >/dev/null && run "tshark conv,tcp" "$TSHARK" -r "$CAP" -q -z conv,tcp
  )
fi
echo "capture: $CAP ($(stat -c %s "$CAP") bytes, $packets packets); $(nproc) cores; tcplens $build"
printf '%-20s %10s %14s %12s %10s\n' tool "wall s" "packets/s" "peak RSS MB" "vs tcplens"
base=$(awk -F'\t' -v f="$first" '$1==f{print $2}' <<<"$results")
while IFS=$'\t' read -r name secs rss; do
  pps=$(awk -v p="$packets" -v s="$secs" 'BEGIN{ if (s>0) printf "%.0f", p/s; else print "-" }')
  ratio=$(awk -v s="$secs" -v b="$base" 'BEGIN{ if (b>0) printf "%.1fx", s/b; else print "-" }')
  [ "$name" = "tcplens --version" ] && { pps="-"; ratio="-"; }
  printf '%-20s %10s %14s %12.0f %10s\n' "$name" "$secs" "$pps" "$((rss / 1024))" "$ratio"
done <<<"$results"
