#!/usr/bin/env bash
# make-twopoint-captures.sh: the two-point test captures in testdata/twopoint/ (for tcplens match
# and compare): the same traffic captured at the client (tl-c0) and at the server (tl-s0) of the
# lab in scripts/lab/lab.sh, with the router between them, plus each scenario's ground truth.
#
#   sudo scripts/make-twopoint-captures.sh [SCENARIO...]     (default: all, in the order of $all)
#
# Each scenario writes NAME-client.pcap, NAME-server.pcap (snaplen 128 unless the scenario says
# otherwise) and NAME.truth.json.
# The truth is what the lab's own programs recorded while it ran, never read from the captures:
# scripts/lab/twopoint-app.py (client and server; the client sends "id=N ..." first and the
# server logs the address and port it saw for each id), scripts/lab/nfq-path.c (an NFQUEUE
# program on the router that delays, reorders, drops, duplicates and rewrites sequence numbers,
# and logs each change), the router's iptables rules with their counters, and the settings
# below; scripts/lab/twopoint-truth.py puts it together. Afterwards scripts/lab/twopoint-check.py
# compares each truth with what tshark sees in the captures (a check, not a source of truth).
# The fields are described in testdata/twopoint/README.md. Last, scripts/make-references.sh
# writes tshark 4.6 tables for the captures to testdata/twopoint/reference/. Contents change
# from run to run (ISNs, ports, clocks, random drops): regenerate a scenario's files together.
# TCPLENS_CAPTURE_OUT=DIR writes somewhere else than testdata/twopoint/.
#
# Packages: iproute2 iptables tcpdump tshark (capinfos, editcap) ethtool gcc libnetfilter-queue-dev
#           python3 util-linux (taskset)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR=$ROOT/scripts/lab
OUT=${TCPLENS_CAPTURE_OUT:-$ROOT/testdata/twopoint}
source "$LAB_DIR/lab.sh"

all=(loss firewall nat napt seqrand seqrand_napt clock late lossy lossy_napt)
usage() { echo "usage: sudo $0 [SCENARIO...]   scenarios: ${all[*]}" >&2; exit 2; }
for s in "$@"; do [[ " ${all[*]} " == *" $s "* ]] || usage; done

[ "$(id -u)" = 0 ] || { echo "make-twopoint-captures.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; }
missing=()
for t in ip:iproute2 iptables:iptables iptables-save:iptables tcpdump:tcpdump tshark:tshark capinfos:tshark \
         editcap:tshark ethtool:ethtool cc:gcc python3:python3 timeout:coreutils taskset:util-linux; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || missing+=(libnetfilter-queue-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-twopoint-captures.sh: missing tools; run: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

WORK=$(mktemp -d)
NFQ=$WORK/nfq-path
cc -O2 -Wall -o "$NFQ" "$LAB_DIR/nfq-path.c" -lnetfilter_queue -lnfnetlink
NFQ_PID=
SERVER_PID=
cleanup() { lab_capture_stop; stop_path; stop_server; lab_down; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT"
lab_up

QUEUE=9
# The client, the server and nfq-path all run on CPU 0, so every packet is sent and forwarded on
# one CPU: a veth hands a packet to the per-CPU backlog of the CPU that sent it, and two packets
# sent from different CPUs can swap places on the way to the router (reordering the router's
# log would not know of).
PIN="taskset -c 0"
SDIR= ; FILE= ; SNAPLEN=128
now() { date +%s.%N | cut -c1-17; }
meta() { printf '%s\t%s\n' "$1" "$2" >> "$SDIR/meta.tsv"; }   # KEY JSON
jstr() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }

tp_begin() { # NAME DESCRIPTION: a clean router and the scenario's common settings
  FILE=${1//_/-}; SDIR=$WORK/$1
  mkdir -p "$SDIR"; : > "$SDIR/meta.tsv"
  SNAPLEN=128
  lab_reset_router
  for t in filter nat mangle raw; do lab_in $LAB_RTR iptables -t $t -F; lab_in $LAB_RTR iptables -t $t -Z; done
  lab_in $LAB_RTR sysctl -qw net.netfilter.nf_conntrack_tcp_be_liberal=0 2>/dev/null || true
  meta scenario "$(jstr "$FILE")"
  meta description "$(jstr "$2")"
  tp_capture_meta
  meta addresses.client "\"$CLI4\""
  meta addresses.server "\"$SRV4\""
  meta addresses.client_as_seen_by_server "\"$CLI4\""
  meta addresses.server_as_seen_by_client "\"$SRV4\""
  meta router.hops 1
  meta router.nat null
  meta router.mss_clamp null
  meta router.nfq_path null
  meta clock_shift_s 0
  meta server_capture_delay_s 0
}

tp_capture_meta() { # the captures' settings in the truth (again after tp_snaplen)
  meta captures.client "{\"file\": \"$FILE-client.pcap\", \"namespace\": \"$LAB_CLI\", \"interface\": \"tl-c0\", \"snaplen\": $SNAPLEN}"
  meta captures.server "{\"file\": \"$FILE-server.pcap\", \"namespace\": \"$LAB_SRV\", \"interface\": \"tl-s0\", \"snaplen\": $SNAPLEN}"
}

tp_snaplen() { # BYTES: both captures keep this much of each frame (before tp_capture)
  SNAPLEN=$1
  tp_capture_meta
}

tp_path() { # nfq-path options (besides -q -t -l): every forwarded TCP packet goes through it
  lab_in $LAB_RTR iptables -A FORWARD -p tcp -j NFQUEUE --queue-num $QUEUE --queue-bypass
  ip netns exec $LAB_RTR $PIN "$NFQ" -q $QUEUE -t 90 -l "$SDIR/nfq.jsonl" "$@" &
  NFQ_PID=$!
  sleep 0.3
  kill -0 $NFQ_PID 2>/dev/null || { echo "make-twopoint-captures.sh: nfq-path did not start" >&2; exit 1; }
  meta router.nfq_path "$(jstr "nfq-path $*")"
}

stop_path() {
  [ -n "${NFQ_PID:-}" ] || return 0
  kill -TERM $NFQ_PID 2>/dev/null || true
  wait $NFQ_PID 2>/dev/null || true
  NFQ_PID=
}

tp_nat() { # SNAT --to-source ARG [more SNAT options]: client connections leave the router from ARG
  local to=$1; shift
  lab_in $LAB_RTR iptables -t nat -A POSTROUTING -o tl-r1 -s 10.77.1.0/24 -p tcp -j SNAT --to-source "$to" "$@"
  # nfq-path may rewrite sequence numbers after conntrack has seen them: conntrack must not
  # call such packets out of window (it would leave them untranslated)
  lab_in $LAB_RTR sysctl -qw net.netfilter.nf_conntrack_tcp_be_liberal=1
  # nfq-path sends its duplicates from the router itself (a raw socket), as they were forwarded:
  # a client-to-server copy is not yet translated and belongs to the connection's conntrack
  # entry, which translates it on the way out; a server-to-client copy is already translated
  # back, conntrack would take it for a new connection clashing with the real one (and mangle
  # or drop it), so it is left untracked
  lab_in $LAB_RTR iptables -t raw -A OUTPUT -p tcp -s 10.77.2.0/24 -j CT --notrack
  meta addresses.client_as_seen_by_server "\"${to%%:*}\""
  local ports=null
  [[ $to == *:* ]] && ports="\"${to#*:}\""
  meta router.nat "{\"type\": \"SNAT\", \"to_address\": \"${to%%:*}\", \"to_ports\": $ports, \"options\": $(jstr "$*"), \"client_port_preserved\": $([ "$ports" = null ] && echo true || echo false)}"
}

tp_mss_clamp() { # MSS: clamp the MSS option of the client's SYNs on the way to the server
  lab_in $LAB_RTR iptables -t mangle -A FORWARD -i tl-r0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss "$1"
  meta router.mss_clamp "{\"direction\": \"c2s\", \"mss\": $1, \"client_mss\": 1460}"
}

tp_capture() { # client|server FILE: tcpdump at that end, start time recorded
  local side=$1 file=$2 t0
  t0=$(now)
  if [ "$side" = client ]; then lab_capture $LAB_CLI tl-c0 "$file" -s $SNAPLEN; else lab_capture $LAB_SRV tl-s0 "$file" -s $SNAPLEN; fi
  # lab_capture waits 1 s for tcpdump to start: it records from some time between the two
  meta captures.$side.started_after "$t0"
  meta captures.$side.running_by "$(now)"
  printf -v "CAP_T0_$side" '%s' "$t0"
}

tp_server() { # twopoint-app.py server options
  ip netns exec $LAB_SRV timeout 120 $PIN python3 "$LAB_DIR/twopoint-app.py" server --log "$SDIR/server.jsonl" --duration 100 "$@" &
  SERVER_PID=$!
  sleep 0.5
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM $SERVER_PID 2>/dev/null || true
  wait $SERVER_PID 2>/dev/null || true
  SERVER_PID=
}

tp_client() { # twopoint-app.py client options (foreground)
  lab_in $LAB_CLI timeout 120 $PIN python3 "$LAB_DIR/twopoint-app.py" client --host $SRV4 --log "$SDIR/client.jsonl" "$@" || true
}

tp_end() { # stops everything, writes the truth
  sleep 0.5
  lab_capture_stop
  stop_path
  stop_server
  for t in filter nat mangle raw; do lab_in $LAB_RTR iptables-save -c -t $t; done > "$SDIR/iptables.txt"
  python3 "$LAB_DIR/twopoint-truth.py" "$SDIR" "$OUT/$FILE.truth.json"
  chmod 644 "$OUT/$FILE-client.pcap" "$OUT/$FILE-server.pcap" "$OUT/$FILE.truth.json"
  MADE+=("$FILE")
}

tp_standard() { # captures at both ends from the start
  tp_capture client "$OUT/$FILE-client.pcap"
  tp_capture server "$OUT/$FILE-server.pcap"
}

scenario_loss() {
  tp_begin loss "24 connections to port 8080, started 0.12 s apart (several overlap), each a request of 300 B-40 kB and an answer of 2-100 kB. The router holds every packet 3 ms and every 16th 4 ms more (reordering), drops 3% of the packets with payload at random in both directions and sends 0.8% of them twice."
  tp_path -d 3 -e 16 -x 4 -p 0.03 -u 0.008 -S 11
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 24 --send 300:40000 --get 2000:100000 --gap 0.12 --seed 11
  tp_end
}

scenario_firewall() {
  tp_begin firewall "16 connections alternating between ports 8080 and 8443 (0.25 s apart; requests 200 B-3 kB, answers 1-30 kB). The router drops client SYNs to 8443 by a pattern over connection attempts: the k-th attempt loses its first 0, 1, all, 2 SYN transmissions (k mod 4), so of the 8 attempts to 8443 two connect at once, two after one SYN retransmission, two after two, and two never connect (the client gives up after 3.5 s: 4 SYNs). 2 ms delay."
  tp_path -d 2 -s 8443:0,1,A,2 -S 12
  tp_standard
  tp_server --ports 8080,8443
  tp_client --ports 8080,8443 --conns 16 --send 200:3000 --get 1000:30000 --gap 0.25 --connect-timeout 3.5 --seed 12
  tp_end
}

scenario_nat() {
  tp_begin nat "12 connections to port 8080 (requests 200 B-20 kB, answers 1-60 kB), 0.15 s apart. The router source-NATs the client to 198.51.100.7 keeping its ports, and clamps the MSS of the client's SYNs to 1360 (iptables TCPMSS). 2 ms delay."
  tp_nat 198.51.100.7
  tp_mss_clamp 1360
  tp_path -d 2 -S 13
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 12 --send 200:20000 --get 1000:60000 --gap 0.15 --seed 13
  tp_end
}

scenario_napt() {
  tp_begin napt "12 connections to port 8080 (requests 200 B-20 kB, answers 1-60 kB), 0.15 s apart. The router source-NATs the client to 198.51.100.8 and a random port in 20000-29999 (SNAT --random): address and port both change. 2 ms delay."
  tp_nat 198.51.100.8:20000-29999 --random
  tp_path -d 2 -S 14
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 12 --send 200:20000 --get 1000:60000 --gap 0.15 --seed 14
  tp_end
}

scenario_seqrand() {
  tp_begin seqrand "12 connections to port 8080 (requests 500 B-30 kB, answers 1-60 kB), 0.15 s apart. The router randomises the client's sequence numbers as a Cisco ASA does: a random offset per connection added to every client-to-server sequence number, subtracted from the server's acknowledgement numbers and SACK blocks (seq_offset_c2s). 2 ms delay, every 9th packet 3 ms more, 1.5% of packets with payload dropped (so that SACK blocks are rewritten too)."
  tp_path -d 2 -e 9 -x 3 -p 0.015 -r c2s -S 15
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 12 --send 500:30000 --get 1000:60000 --gap 0.15 --seed 15
  tp_end
}

scenario_seqrand_napt() {
  tp_begin seqrand_napt "10 connections to port 8080 (requests 500 B-20 kB, answers 1-40 kB), 0.15 s apart, through a router that both source-NATs the client to 198.51.100.9 and a random port in 40000-49999 and randomises the sequence numbers of both directions (two offsets per connection, as two ASAs, one before each end, would): no address, port or sequence number is the same at both ends. 2 ms delay; 2% of packets with payload dropped (SACK blocks rewritten both ways)."
  tp_nat 198.51.100.9:40000-49999 --random
  tp_path -d 2 -p 0.02 -r both -S 26
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 10 --send 500:20000 --get 1000:40000 --gap 0.15 --seed 16
  tp_end
}

scenario_clock() {
  local shift=1.75
  tp_begin clock "10 connections to port 8080 (requests 200 B-10 kB, answers 1-50 kB), 0.15 s apart, 2 ms delay each way. Both captures are taken on the same host clock; afterwards every timestamp of the server capture is moved $shift s later (editcap -t), so the server capture's clock runs $shift s ahead of the client's."
  tp_path -d 2 -S 17
  tp_capture client "$OUT/$FILE-client.pcap"
  tp_capture server "$SDIR/unshifted-server.pcap"
  tp_server --ports 8080
  tp_client --ports 8080 --conns 10 --send 200:10000 --get 1000:50000 --gap 0.15 --seed 17
  lab_capture_stop
  editcap -F pcap -t "$shift" "$SDIR/unshifted-server.pcap" "$OUT/$FILE-server.pcap"
  meta clock_shift_s "$shift"
  tp_end
}

scenario_late() {
  tp_begin late "The server capture starts about 4 s after the client capture. Ids 1-4: long-lived connections opened at once, each 24 rounds 0.5 s apart (requests 200 B-2 kB, answers 500 B-8 kB), open when the server capture starts (no SYN in it). Ids 11-14: short connections in the first 1.5 s, over before the server capture starts (client capture only). Ids 21-26: short connections after the server capture has started. 2 ms delay."
  tp_path -d 2 -S 18
  tp_capture client "$OUT/$FILE-client.pcap"
  tp_server --ports 8080
  lab_in $LAB_CLI timeout 120 $PIN python3 "$LAB_DIR/twopoint-app.py" client --host $SRV4 --log "$SDIR/client.jsonl" \
    --ports 8080 --conns 4 --first-id 1 --rounds 24 --round-gap 0.5 --send 200:2000 --get 500:8000 --gap 0.1 --seed 18 &
  local long=$!
  tp_client --ports 8080 --conns 4 --first-id 11 --send 200:5000 --get 1000:20000 --gap 0.3 --seed 19
  sleep "$(awk -v t0="$CAP_T0_client" -v now="$(now)" 'BEGIN { d = t0 + 4 - now; print (d > 0 ? d : 0) }')"
  tp_capture server "$OUT/$FILE-server.pcap"
  meta server_capture_delay_s "$(awk -v c="$CAP_T0_client" -v s="$CAP_T0_server" 'BEGIN { printf "%.3f", s - c }')"
  tp_client --ports 8080 --conns 6 --first-id 21 --send 200:5000 --get 1000:20000 --gap 0.3 --seed 20
  wait $long || true
  tp_end
}

scenario_lossy() {
  tp_begin lossy "36 connections to port 8080, started 0.1 s apart (many overlap), each 4 rounds of a request of 15-120 kB and an answer of 15-120 kB, so that each direction carries some 5000 packets with payload. The router holds every packet 3 ms and, at random, 1% of the packets (of either direction, data or not) 2 ms more, so the packets of their connection that arrive meanwhile overtake them; it drops 2% of the packets with payload at random and sends 0.8% of them twice, in both directions. Snaplen 96: every TCP header whole (up to 60 bytes), the request's first 30 bytes."
  tp_snaplen 96
  tp_path -d 3 -o 0.01 -x 2 -p 0.02 -u 0.008 -S 24
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 36 --rounds 4 --send 15000:120000 --get 15000:120000 --gap 0.1 --seed 24
  tp_end
}

scenario_lossy_napt() {
  tp_begin lossy_napt "16 connections to port 8080, started 0.1 s apart, each 4 rounds of a request of 15-120 kB and an answer of 15-120 kB, through a router that source-NATs the client to 198.51.100.10 and a random port in 50000-59999, randomises the sequence numbers of both directions (two offsets per connection), holds every packet 3 ms and, at random, 1% of them 2 ms more (reordering), drops 2% of the packets with payload at random and sends 0.8% of them twice, in both directions: loss, duplicates and reordering where no address, port or sequence number is the same at both ends. Snaplen 96."
  tp_snaplen 96
  tp_nat 198.51.100.10:50000-59999 --random
  tp_path -d 3 -o 0.01 -x 2 -p 0.02 -u 0.008 -r both -S 22
  tp_standard
  tp_server --ports 8080
  tp_client --ports 8080 --conns 16 --rounds 4 --send 15000:120000 --get 15000:120000 --gap 0.1 --seed 22
  tp_end
}

MADE=()
for s in "${@:-${all[@]}}"; do
  echo "make-twopoint-captures.sh: scenario $s" >&2
  "scenario_$s"
done
cleanup
trap - EXIT INT TERM

echo "make-twopoint-captures.sh: made in $OUT:" >&2
for f in "${MADE[@]}"; do
  for g in "$f-client.pcap" "$f-server.pcap" "$f.truth.json"; do
    printf '  %-28s %8d bytes %6s\n' "$g" "$(stat -c %s "$OUT/$g")" \
      "$([ "${g%.pcap}" != "$g" ] && capinfos -T -r -c "$OUT/$g" 2>/dev/null | cut -f2 | sed 's/$/ packets/')" >&2
  done
done
status=0
for f in "${MADE[@]}"; do
  python3 "$LAB_DIR/twopoint-check.py" "$OUT/$f.truth.json" || status=1
done
caps=()
for f in "${MADE[@]}"; do caps+=("$OUT/$f-client.pcap" "$OUT/$f-server.pcap"); done
# tshark 4.6 tables beside the captures (reference/), as for testdata/
"$ROOT/scripts/make-references.sh" "${caps[@]}" ||
  echo "make-twopoint-captures.sh: reference tables not refreshed (tshark-ref unavailable): run scripts/make-references.sh ${caps[*]#$ROOT/} later" >&2
exit $status
