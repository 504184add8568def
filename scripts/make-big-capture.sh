#!/usr/bin/env bash
# make-big-capture.sh: a large capture of real traffic for benchmarks (never committed).
#
#   sudo scripts/make-big-capture.sh OUT [SIZE_MB]      (default /work/bigcap/big.pcap, 1000 MB)
#
# Uses the lab of scripts/lab/lab.sh: many short request/response connections and parallel bulk
# downloads between the client and server namespaces, 0.3% random loss on the router, captured
# at the client with a 96-byte snap length (about 9 million packets per GB). Stops when the file
# reaches SIZE_MB or after 20 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR=$ROOT/scripts/lab
OUT=${1:-/work/bigcap/big.pcap}
SIZE_MB=${2:-1000}
source "$LAB_DIR/lab.sh"
[ "$(id -u)" = 0 ] || { echo "make-big-capture.sh: run as root" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
trap 'lab_capture_stop; lab_down' EXIT
lab_up
# a smaller MTU gives more packets per byte of traffic, as on a tunnelled path
for pair in "$LAB_CLI tl-c0" "$LAB_RTR tl-r0" "$LAB_RTR tl-r1" "$LAB_SRV tl-s0"; do set -- $pair; lab_in "$1" ip link set "$2" mtu 1000; done
lab_in $LAB_RTR iptables -A FORWARD -m statistic --mode random --probability 0.003 -j DROP
lab_capture $LAB_CLI tl-c0 "$OUT" -s 96
start=$SECONDS
ip netns exec $LAB_SRV timeout 1300 python3 "$LAB_DIR/tcpapp.py" server --port 8080 --count 100000000 --timeout 30 &
ip netns exec $LAB_SRV timeout 1300 python3 "$LAB_DIR/tcpapp.py" server --port 8081 --count 100000000 --timeout 30 &
sleep 0.5
for i in 1 2 3 4; do   # bulk downloads
  ip netns exec $LAB_CLI timeout 1250 python3 "$LAB_DIR/tcpapp.py" client --host $SRV4 --port 8080 --conns 100000 --get 30000000 --gap 0 >/dev/null 2>&1 &
done
for i in 1 2; do       # short request/response connections
  ip netns exec $LAB_CLI timeout 1250 python3 "$LAB_DIR/tcpapp.py" client --host $SRV4 --port 8081 --conns 10000000 --get 3000 --gap 0 >/dev/null 2>&1 &
done
while [ $(( $(stat -c %s "$OUT" 2>/dev/null || echo 0) / 1048576 )) -lt "$SIZE_MB" ] && [ $((SECONDS - start)) -lt 1200 ]; do sleep 2; done
lab_capture_stop
lab_down
trap - EXIT
echo "make-big-capture.sh: $OUT: $(stat -c %s "$OUT") bytes in $((SECONDS - start)) s" >&2
