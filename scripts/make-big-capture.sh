#!/usr/bin/env bash
# make-big-capture.sh: a large capture of real traffic for benchmarks (never committed).
#
#   sudo scripts/make-big-capture.sh [OUT [SIZE_MB]]    (default /work/bigcap/big.pcap, 1000 MB)
#
# Uses the lab of scripts/lab/lab.sh (client, router, server namespaces; see make-captures.sh)
# with scripts/lab/tcpapp.py on both ends:
#   - 4 client loops of short request/response connections (answers of 800, 3000, 3000 and
#     20000 bytes; the server closes first), thousands of connections a minute;
#   - 2 client loops of bulk downloads of 4 MB each; the client's routes carry "quickack 1"
#     (no delayed ACKs), so about every segment is ACKed, as by many receivers;
#   - 0.3% random loss on the router in both directions (retransmissions, dup ACKs, SACK).
# tcpdump records at the client with a 96-byte snap length (headers only), about 10 million
# packets per GB. Stops when OUT reaches SIZE_MB, or after 20 minutes. Keep OUT outside the
# repository. Prints the packet count, the connections (SYNs) and the time taken.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR=$ROOT/scripts/lab
OUT=${1:-/work/bigcap/big.pcap}
SIZE_MB=${2:-1000}
source "$LAB_DIR/lab.sh"
[ "$(id -u)" = 0 ] || { echo "make-big-capture.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; }
for t in ip iptables tcpdump capinfos python3 timeout; do
  command -v $t >/dev/null || { echo "make-big-capture.sh: '$t' missing: apt-get install -y iproute2 iptables tcpdump tshark python3" >&2; exit 1; }
done
case $SIZE_MB in ''|*[!0-9]*) echo "usage: $0 [OUT [SIZE_MB]]" >&2; exit 2;; esac
OUT=$(mkdir -p "$(dirname "$OUT")" && cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
case $OUT in "$ROOT"/*) echo "make-big-capture.sh: warning: $OUT is inside the repository; do not commit it" >&2;; esac
avail_mb=$(( $(df -Pk "$(dirname "$OUT")" | awk 'NR==2 {print $4}') / 1024 ))
[ "$avail_mb" -gt $(( SIZE_MB + 200 )) ] || { echo "make-big-capture.sh: only $avail_mb MB free for $OUT" >&2; exit 1; }

LOG=$(mktemp)
cleanup() { lab_capture_stop; lab_down; }
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -f "$OUT"
start=$SECONDS
lab_up
lab_in $LAB_RTR iptables -A FORWARD -m statistic --mode random --probability 0.003 -j DROP
lab_in $LAB_CLI ip route change default via 10.77.1.1 quickack 1
lab_in $LAB_CLI ip route change 10.77.1.0/24 dev tl-c0 quickack 1
# 64 MB kernel buffer so that tcpdump keeps up; its statistics go to $LOG
ip netns exec $LAB_CLI tcpdump -Z root -i tl-c0 -B 65536 -s 96 -w "$OUT" 2>"$LOG" &
LAB_CAPTURES+=($!)
sleep 1
app() { ip netns exec "$1" timeout 1260 python3 "$LAB_DIR/tcpapp.py" "${@:2}" >/dev/null 2>&1 & }
app $LAB_SRV server --port 8080 --count 100000000 --timeout 30
app $LAB_SRV server --port 8081 --count 100000000 --timeout 30
sleep 0.5
cstart=$SECONDS
for get in 800 3000 3000 20000; do
  app $LAB_CLI client --host $SRV4 --port 8081 --conns 100000000 --get $get --gap 0 --timeout 10
done
for i in 1 2; do
  app $LAB_CLI client --host $SRV4 --port 8080 --conns 100000000 --get 4000000 --gap 0 --quickack --timeout 10
done
while [ $(( $(stat -c %s "$OUT" 2>/dev/null || echo 0) / 1048576 )) -lt "$SIZE_MB" ] && [ $((SECONDS - cstart)) -lt 1200 ]; do
  sleep 0.2
done
took=$((SECONDS - cstart))
cleanup
trap - EXIT INT TERM
packets=$(capinfos -T -r -c "$OUT" | cut -f2)
syns=$(tcpdump -nr "$OUT" 'tcp[13] & 0x12 == 2' 2>/dev/null | wc -l)
echo "make-big-capture.sh: $OUT: $(stat -c %s "$OUT") bytes, $packets packets, $syns SYNs; traffic ran $took s, $((SECONDS - start)) s in all" >&2
grep -E 'captured|dropped' "$LOG" | sed 's/^/make-big-capture.sh: tcpdump: /' >&2 || true
rm -f "$LOG"
