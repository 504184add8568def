#!/usr/bin/env bash
# make-captures.sh: regenerate the small test captures in testdata/ with real Linux TCP stacks.
#
# Builds the lab of scripts/lab/lab.sh (client, router, server network namespaces), runs one
# scenario per capture with tcpdump recording, then writes the tshark 4.6 reference tables
# (scripts/make-references.sh) when tshark-ref is available. Needs root.
#
#   sudo scripts/make-captures.sh [SCENARIO...]      (default: all)
#
# Packages: iproute2 iptables tcpdump tshark (for dumpcap's pcapng) ethtool zstd gcc libnetfilter-queue-dev
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR=$ROOT/scripts/lab
OUT=$ROOT/testdata
source "$LAB_DIR/lab.sh"

[ "$(id -u)" = 0 ] || { echo "make-captures.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; }
for tool in ip iptables tc tcpdump python3 cc ethtool zstd gzip; do
  command -v $tool >/dev/null || { echo "make-captures.sh: '$tool' missing: apt-get install iproute2 iptables tcpdump ethtool zstd gcc python3" >&2; exit 1; }
done
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || { echo "make-captures.sh: apt-get install libnetfilter-queue-dev" >&2; exit 1; }

NFQ=$(mktemp -d)/nfq-delay
cc -O2 -o "$NFQ" "$LAB_DIR/nfq-delay.c" -lnetfilter_queue
trap 'lab_capture_stop; lab_down' EXIT
mkdir -p "$OUT"
lab_up

delay_path() { # base_ms every extra_ms seconds: every forwarded packet through nfq-delay
  lab_in $LAB_RTR iptables -A FORWARD -j NFQUEUE --queue-num 7 --queue-bypass
  lab_in $LAB_RTR ip6tables -A FORWARD -j NFQUEUE --queue-num 7 --queue-bypass
  ip netns exec $LAB_RTR timeout $(( $4 + 5 )) "$NFQ" 7 "$1" "$2" "$3" "$4" 2>/dev/null &
  sleep 0.3
}

scenario_clean_http() {
  lab_reset_router; delay_path 2 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/clean-http.pcap"
  lab_server --port 8080 --count 3
  lab_client --host $SRV4 --port 8080 --conns 3 --get 20000 --send 120 --gap 0.2
  lab_capture_stop; wait || true
}

scenario_lossy() {
  # Drops between the points on the server-to-client path, captured at the client: the gaps
  # show as "previous segment not captured", dup ACKs with SACK and (fast) retransmissions.
  lab_reset_router; delay_path 5 0 0 20
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --sport 8080 -m statistic --mode random --probability 0.04 -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/lossy.pcap" -s 128
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 400000
  lab_capture_stop; wait || true
}

scenario_reorder() {
  # Every 7th packet is held 12 ms longer by nfq-delay: out-of-order segments and dup ACKs.
  lab_reset_router; delay_path 3 7 12 20
  ip netns exec $LAB_CLI dumpcap -q -i tl-c0 -s 160 -w "$OUT/reorder.pcapng" >/dev/null 2>&1 &
  LAB_CAPTURES+=($!); sleep 1
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 150000
  lab_capture_stop; wait || true
}

scenario_slow_reader() {
  # The client reads nothing for 3 s with a small receive buffer: zero window, zero-window
  # probes, window full, then window updates as it drains.
  lab_reset_router; delay_path 2 0 0 20
  lab_capture $LAB_CLI tl-c0 "$OUT/slow-reader.pcap" -s 128
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 300000 --rcvbuf 4096 --read-pause 3 --read-rate 200000 --read-chunk 4096
  lab_capture_stop; wait || true
}

scenario_keepalive() {
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/keepalive.pcap"
  lab_server --port 8080 --count 1 --think 5
  lab_client --host $SRV4 --port 8080 --get 500 --keepalive 1,1,5
  lab_capture_stop; wait || true
}

scenario_resets() {
  lab_reset_router; delay_path 1 0 0 30
  lab_capture $LAB_CLI tl-c0 "$OUT/rst-client.pcap"
  lab_server --port 8080 --count 1 --rate 200000
  lab_client --host $SRV4 --port 8080 --get 200000 --read-limit 30000 --close rst
  lab_capture_stop; wait || true
  lab_capture $LAB_CLI tl-c0 "$OUT/rst-server.pcap"
  lab_server --port 8082 --count 1 --close rst
  lab_client --host $SRV4 --port 8082 --get 5000
  lab_capture_stop; wait || true
  lab_capture $LAB_CLI tl-c0 "$OUT/refused.pcap"
  lab_client --host $SRV4 --port 8099 --conns 2 --gap 0.3
  lab_capture_stop; wait || true
}

scenario_port_reuse() {
  # Three connections from the same client port; each ends with a client RST so the port is
  # free at once, and the next SYN (new ISN) opens a new stream flagged reused_ports.
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/port-reuse.pcap"
  lab_server --port 8080 --count 3
  lab_client --host $SRV4 --port 8080 --conns 3 --sport 45000 --get 3000 --close rst --gap 0.3
  lab_capture_stop; wait || true
}

scenario_ipv6_any() {
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI any "$OUT/ipv6-sll2.pcap" -y LINUX_SLL2
  lab_capture $LAB_CLI any "$OUT/ipv6-sll.pcap" -y LINUX_SLL
  lab_server --bind :: --port 8080 --count 2
  lab_client --host $SRV6 --port 8080 --conns 2 --get 30000
  lab_capture_stop; wait || true
}

scenario_syn_retry() {
  # The router drops every SYN for 2.5 s: the client's SYN is retransmitted (1 s, 3 s) and the
  # third attempt gets through.
  lab_reset_router
  lab_in $LAB_RTR iptables -I FORWARD -p tcp --syn -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/syn-retry.pcap" --time-stamp-precision=nano
  lab_server --port 8080 --count 1
  ( sleep 2.5; lab_in $LAB_RTR iptables -D FORWARD -p tcp --syn -j DROP ) &
  lab_client --host $SRV4 --port 8080 --get 4000
  lab_capture_stop; wait || true
}

scenario_pair() {
  # The same traffic at both ends; the router's firewall drops every SYN to port 8081, so those
  # connection attempts appear only in the client capture, and 2% of data packets are lost.
  lab_reset_router; delay_path 3 0 0 25
  lab_in $LAB_RTR iptables -I FORWARD -p tcp --dport 8081 -j DROP
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --sport 8080 -m statistic --mode random --probability 0.02 -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/pair-client.pcap" -s 128
  lab_capture $LAB_SRV tl-s0 "$OUT/pair-server.pcap" -s 128
  lab_server --port 8080 --count 4
  lab_client --host $SRV4 --port 8080 --conns 4 --get 60000 --parallel --gap 0.1 &
  local bulk=$!
  lab_client --host $SRV4 --port 8081 --conns 2 --timeout 4
  wait $bulk || true
  lab_capture_stop; wait || true
}

compress_copies() {
  gzip -9 -c "$OUT/clean-http.pcap" > "$OUT/clean-http.pcap.gz"
  zstd -q -19 -f -o "$OUT/reorder.pcapng.zst" "$OUT/reorder.pcapng"
}

all=(clean_http lossy reorder slow_reader keepalive resets port_reuse ipv6_any syn_retry pair)
for s in "${@:-${all[@]}}"; do
  echo "make-captures.sh: scenario $s" >&2
  "scenario_$s"
done
[ $# -eq 0 ] && compress_copies
lab_down
trap - EXIT
if "$ROOT/scripts/make-references.sh"; then :; else echo "make-captures.sh: reference tables not refreshed (tshark-ref unavailable)" >&2; fi
ls -la "$OUT"
