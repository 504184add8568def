#!/usr/bin/env bash
# make-captures.sh: regenerate the small test captures in testdata/ with real Linux TCP stacks.
#
#   sudo scripts/make-captures.sh [SCENARIO...]      (default: all, in the order of $all below)
#
# The lab (scripts/lab/lab.sh) is three network namespaces joined by veth pairs:
#
#   tl-cli  10.77.1.2 fd77:1::2 [tl-c0]--[tl-r0] 10.77.1.1 fd77:1::1  tl-rtr
#   tl-rtr  10.77.2.1 fd77:2::1 [tl-r1]--[tl-s0] 10.77.2.2 fd77:2::2  tl-srv
#
# The client and server are scripts/lab/tcpapp.py (Python standard library, real kernel TCP).
# Impairments live on the router: iptables -m statistic drops in FORWARD, tc tbf rate limits,
# and scripts/lab/nfq-delay.c, a small libnetfilter_queue program that holds packets for a
# delay and holds every Nth longer (reordering). It exists because this kernel has no netem
# qdisc, the usual tool for delay and reordering. tcpdump (pcap) or dumpcap (pcapng) records at
# the client's interface, and for the two-point pair at the server's too. Every namespace and
# process is removed at the end, also on error or Ctrl-C.
#
# Each scenario overwrites its own files, so a run is idempotent; the capture contents differ
# from run to run (ISNs, timestamps, random drops), so re-run make-references.sh and update
# testdata/MANIFEST.md (scripts/lab/summarize.py prints its table) after regenerating.
# TCPLENS_CAPTURE_OUT=DIR writes somewhere else than testdata/ (for trying scenario knobs).
#
# Packages: iproute2 iptables tcpdump tshark (dumpcap, capinfos) ethtool zstd gzip gcc
#           libnetfilter-queue-dev python3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR=$ROOT/scripts/lab
OUT=${TCPLENS_CAPTURE_OUT:-$ROOT/testdata}
source "$LAB_DIR/lab.sh"

all=(clean_http lossy reorder slow_reader keepalive resets port_reuse ipv6_any syn_retry pair capture_gaps zero_window_probe spurious concurrent_resets https_download challenge_ack half_open path_copies tail_loss midstream)
usage() { echo "usage: sudo $0 [SCENARIO...]   scenarios: ${all[*]}" >&2; exit 2; }
for s in "$@"; do [[ " ${all[*]} " == *" $s "* ]] || usage; done

[ "$(id -u)" = 0 ] || { echo "make-captures.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; }
missing=()
for t in ip:iproute2 iptables:iptables ip6tables:iptables tc:iproute2 tcpdump:tcpdump dumpcap:tshark \
         capinfos:tshark ethtool:ethtool zstd:zstd gzip:gzip cc:gcc python3:python3 timeout:coreutils \
         openssl:openssl; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || missing+=(libnetfilter-queue-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-captures.sh: missing tools; run: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

WORK=$(mktemp -d)
NFQ=$WORK/nfq-delay
cc -O2 -Wall -o "$NFQ" "$LAB_DIR/nfq-delay.c" -lnetfilter_queue
NFQ_PATH=$WORK/nfq-path
cc -O2 -Wall -o "$NFQ_PATH" "$LAB_DIR/nfq-path.c" -lnetfilter_queue -lnfnetlink
cleanup() { lab_capture_stop; stop_delay; lab_down; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT"
lab_up

MADE=()
made() { for f in "$@"; do MADE+=("$OUT/$f"); done; }

NFQ_PID=
delay_path() { # BASE_MS EVERY EXTRA_MS SECONDS: every forwarded packet goes through nfq-delay
  stop_delay
  lab_in $LAB_RTR iptables -A FORWARD -j NFQUEUE --queue-num 7 --queue-bypass
  lab_in $LAB_RTR ip6tables -A FORWARD -j NFQUEUE --queue-num 7 --queue-bypass
  ip netns exec $LAB_RTR timeout $(( $4 + 5 )) "$NFQ" 7 "$1" "$2" "$3" "$4" &
  NFQ_PID=$!
  sleep 0.3
  kill -0 $NFQ_PID 2>/dev/null || { echo "make-captures.sh: nfq-delay did not start" >&2; exit 1; }
}

stop_delay() { # ends nfq-delay (it releases what it holds); the NFQUEUE rules then bypass
  [ -n "${NFQ_PID:-}" ] || return 0
  kill -TERM $NFQ_PID 2>/dev/null || true
  wait $NFQ_PID 2>/dev/null || true
  NFQ_PID=
}

# nfq-path (scripts/lab/nfq-path.c) instead of nfq-delay: seeded random drops and duplicates
# of IPv4 TCP packets, each logged as a JSON line (the ground truth of the scenario).
router_path() { # LOG SECONDS nfq-path options...
  stop_delay
  local log=$1 secs=$2; shift 2
  lab_in $LAB_RTR iptables -A FORWARD -p tcp -j NFQUEUE --queue-num 7 --queue-bypass
  ip netns exec $LAB_RTR timeout $(( secs + 5 )) "$NFQ_PATH" -q 7 -t "$secs" -l "$log" "$@" &
  NFQ_PID=$!
  sleep 0.3
  kill -0 $NFQ_PID 2>/dev/null || { echo "make-captures.sh: nfq-path did not start" >&2; exit 1; }
}

# The router's log of one event kind, as JSON lines (the scenario's ground truth, for tests).
router_events() { # LOG EVENT OUT
  grep "\"event\": *\"$2\"" "$1" > "$3" || true
}

finish() { lab_capture_stop; stop_delay; wait || true; }

# The TCP counters (nstat -az) that changed between two dumps, as JSON: the kernel's own count of
# its retransmissions, timeouts, tail-loss probes and recoveries.
nstat_diff() { # BEFORE AFTER
  python3 - "$1" "$2" <<'PY'
import json, sys
def read(path):
    out = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 2 and f[1].isdigit() and (f[0].startswith("Tcp") or f[0].startswith("TcpExt")):
            out[f[0]] = int(f[1])
    return out
a, b = read(sys.argv[1]), read(sys.argv[2])
print(json.dumps({k: b[k] - a.get(k, 0) for k in sorted(b) if b[k] != a.get(k, 0)}, indent=1))
PY
}

scenario_clean_http() {
  lab_reset_router; delay_path 2 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/clean-http.pcap"
  lab_server --port 8080 --count 3
  lab_client --host $SRV4 --port 8080 --conns 3 --get 20000 --send 120 --gap 0.2
  finish
  gzip -9 -n -c "$OUT/clean-http.pcap" > "$OUT/clean-http.pcap.gz"
  made clean-http.pcap clean-http.pcap.gz
}

scenario_lossy() {
  # Drops on the server-to-client path, before the capture point at the client: the gaps show
  # as "previous segment not captured", dup ACKs with SACK and (fast) retransmissions.
  lab_reset_router; delay_path 5 0 0 20
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --sport 8080 -m statistic --mode random --probability 0.04 -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/lossy.pcap" -s 128
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 400000
  finish
  made lossy.pcap
}

scenario_reorder() {
  # The server sends at 12 Mbit/s (tbf on its interface), so its segments reach the router
  # about 1 ms apart; nfq-delay adds 5 ms to every packet and 1.5 ms more to every 4th, which
  # is then overtaken by one or two segments: out-of-order segments, one or two dup ACKs each,
  # no retransmission. Recorded by dumpcap as pcapng (nanosecond timestamps).
  lab_reset_router; delay_path 5 4 1.5 20
  lab_in $LAB_SRV tc qdisc add dev tl-s0 root tbf rate 12mbit burst 1600 latency 100ms
  lab_capture_ng $LAB_CLI tl-c0 "$OUT/reorder.pcapng" -s 160
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 150000
  finish
  zstd -q -19 -f -o "$OUT/reorder.pcapng.zst" "$OUT/reorder.pcapng"
  made reorder.pcapng reorder.pcapng.zst
}

scenario_slow_reader() {
  # The client has a 4 kB receive buffer, reads nothing for 1 s, then reads slowly in small
  # pieces: zero windows, Linux's zero-window probes (0-byte, seq-1: Wireshark says keep-alive),
  # window full, and window updates as it drains.
  lab_reset_router; delay_path 2 0 0 25
  lab_capture $LAB_CLI tl-c0 "$OUT/slow-reader.pcap" -s 128
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 120000 --rcvbuf 4096 --read-pause 1 --read-rate 30000 --read-chunk 2048
  finish
  made slow-reader.pcap
}

scenario_keepalive() {
  # The client turns on TCP keep-alive (idle 1 s, interval 1 s) and waits 5 s for the answer.
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/keepalive.pcap"
  lab_server --port 8080 --count 1 --think 5
  lab_client --host $SRV4 --port 8080 --get 500 --keepalive 1,1,5
  finish
  made keepalive.pcap
}

scenario_resets() {
  # client reads 30 kB of 200 kB and closes with SO_LINGER 0: RST, then RSTs for data in flight
  lab_reset_router; delay_path 1 0 0 30
  lab_capture $LAB_CLI tl-c0 "$OUT/rst-client.pcap"
  lab_server --port 8080 --count 1 --rate 200000
  lab_client --host $SRV4 --port 8080 --get 200000 --read-limit 30000 --close rst
  finish
  # server answers 5 kB and closes with SO_LINGER 0
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/rst-server.pcap"
  lab_server --port 8082 --count 1 --close rst
  lab_client --host $SRV4 --port 8082 --get 5000
  finish
  # nothing listens on 8099: each SYN is answered by RST/ACK
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/refused.pcap"
  lab_client --host $SRV4 --port 8099 --conns 2 --gap 0.3
  finish
  made rst-client.pcap rst-server.pcap refused.pcap
}

scenario_port_reuse() {
  # Three connections from the same client port; each ends with a client RST so the port is
  # free at once, and the next SYN (new ISN) opens a new stream flagged reused_ports.
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI tl-c0 "$OUT/port-reuse.pcap"
  lab_server --port 8080 --count 3
  lab_client --host $SRV4 --port 8080 --conns 3 --sport 45000 --get 3000 --close rst --gap 0.3
  finish
  made port-reuse.pcap
}

scenario_ipv6_any() {
  # IPv6 with tcpdump -i any, once with each Linux cooked header: v2 (LINUX_SLL2, link type
  # 276, with the interface index; what tcpdump 4.99.3 / libpcap 1.10.3 write for -i any by
  # default) and v1 (LINUX_SLL, 113). Names kept from the first lab run (tests use them).
  lab_reset_router; delay_path 1 0 0 15
  lab_capture $LAB_CLI any "$OUT/ipv6-sll2.pcap" -y LINUX_SLL2
  lab_capture $LAB_CLI any "$OUT/ipv6-sll.pcap" -y LINUX_SLL
  lab_server --bind :: --port 8080 --count 2
  lab_client --host $SRV6 --port 8080 --conns 2 --get 30000
  finish
  made ipv6-sll2.pcap ipv6-sll.pcap
}

scenario_syn_retry() {
  # The router drops the first two SYNs and lets the third through, with no timing involved: a
  # 150-byte quota over SYNs (60 bytes each) matches the first two only, in iptables-legacy and
  # iptables-nft alike (statistic --mode nth counts differently in the two). Linux retries a SYN
  # after 1 s, then 1 s later again (tcp_syn_linear_timeouts), so the capture has SYN, two SYN
  # retransmissions, then the handshake.
  # tcpdump writes nanosecond pcap here (--time-stamp-precision=nano).
  lab_reset_router
  lab_in $LAB_RTR iptables -A FORWARD -p tcp --syn -m quota --quota 150 -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/syn-retry.pcap" --time-stamp-precision=nano
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 4000
  finish
  made syn-retry.pcap
}

scenario_pair() {
  # The same traffic at both ends; the router drops every SYN to port 8081, so those
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
  finish
  made pair-client.pcap pair-server.pcap
}

scenario_capture_gaps() {
  # A clean download, but the capture misses about 1 in 16 of the server's packets, as a
  # capture that drops packets (or an overloaded SPAN port) would: tcpdump's filter leaves out
  # server packets whose IP ID ends in 0x5 (Linux numbers a connection's packets one by one).
  # The client did receive them, so its ACKs cover data the capture never saw:
  # "ACKed segment that wasn't captured" (ack_lost_segment) after "previous segment not captured".
  lab_reset_router; delay_path 3 0 0 20
  lab_capture $LAB_CLI tl-c0 "$OUT/capture-gaps.pcap" -s 128 "not (src host $SRV4 and ip[4:2] & 0xf = 5)"
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 200000
  finish
  made capture-gaps.pcap
}

scenario_zero_window_probe() {
  # Wireshark's zero-window probe is one byte at the next sequence number while the receiver
  # advertises a zero window; Linux itself probes with 0 bytes at seq-1 (a keep-alive to
  # Wireshark), so the probes here are bytes already in flight. The server writes 1 byte per
  # segment (TCP_NODELAY) over a 20 ms path; the client reads nothing for 2 s and after 1 s
  # shrinks its receive buffer, which (with tcp_shrink_window=1) makes its next ACK advertise a
  # zero window at once: the bytes still in flight arrive as zero-window probes, and the client
  # answers each with an ACK and a zero window (zero-window-probe ACK). Captured at the client.
  lab_reset_router; delay_path 10 0 0 20
  lab_in $LAB_CLI sysctl -qw net.ipv4.tcp_shrink_window=1
  lab_capture $LAB_CLI tl-c0 "$OUT/zero-window-probe.pcap" -s 128
  lab_server --port 8080 --count 1 --write-size 1 --rate 4000
  lab_client --host $SRV4 --port 8080 --get 6000 --read-pause 2 --shrink-rcvbuf 1:1 --timeout 12
  finish
  lab_in $LAB_CLI sysctl -qw net.ipv4.tcp_shrink_window=0
  made zero-window-probe.pcap
}

scenario_spurious() {
  # The router drops every client-to-server packet for 0.6 s in the middle of a download: the
  # client's ACKs (captured, at the client) never reach the server, whose retransmission timer
  # resends data the client had already acknowledged: spurious retransmissions.
  lab_reset_router; delay_path 5 0 0 20
  lab_capture $LAB_CLI tl-c0 "$OUT/spurious.pcap" -s 128
  lab_server --port 8080 --count 1 --rate 100000
  lab_client --host $SRV4 --port 8080 --get 200000 &
  local dl=$!
  sleep 0.8
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r0 -p tcp --dport 8080 -j DROP
  sleep 0.6
  lab_in $LAB_RTR iptables -D FORWARD -i tl-r0 -p tcp --dport 8080 -j DROP
  wait $dl || true
  finish
  made spurious.pcap
}

scenario_concurrent_resets() {
  # One client with several downloads open at once from two servers (10.77.2.2 and a second
  # address, 10.77.2.3, on the server's interface), while it resets two other connections
  # (reads 3 kB, then SO_LINGER 0): the question "how many other connections did the client
  # have open when it sent the RST, and to which servers".
  lab_reset_router; delay_path 2 0 0 20
  lab_in $LAB_SRV ip addr add 10.77.2.3/24 dev tl-s0 2>/dev/null || true
  lab_capture $LAB_CLI tl-c0 "$OUT/concurrent-resets.pcap" -s 128
  lab_server --port 8080 --count 9 --rate 40000
  lab_client --host $SRV4 --port 8080 --conns 3 --parallel --get 120000 &
  local a=$!
  lab_client --host 10.77.2.3 --port 8080 --conns 2 --parallel --get 120000 &
  local b=$!
  sleep 0.8
  lab_client --host $SRV4 --port 8080 --conns 2 --get 100000 --read-limit 3000 --close rst --gap 0.5
  lab_client --host 10.77.2.3 --port 8080 --conns 2 --get 2000 --gap 0.1
  wait $a $b || true
  finish
  lab_in $LAB_SRV ip addr del 10.77.2.3/24 dev tl-s0 2>/dev/null || true
  made concurrent-resets.pcap
}

scenario_https_download() {
  # An HTTPS download going wrong: a real TLS 1.3 handshake (Python ssl; SNI download.example;
  # a self-signed certificate made here), an HTTP/1.1 GET and a 1.5 MB "200 OK" on port 443,
  # while the router delays every packet 5 ms and drops 1.5% of the server's segments other
  # than SYN, FIN and RST (before the capture point): lost segments, dup ACKs with SACK, fast
  # retransmissions. The server then sends its FIN (no close_notify) and 10 ms after the FIN
  # left closes with SO_LINGER 0: a RST after the FIN, often before the lost tail is repaired.
  # Snaplen 600, not 128: the ClientHello is 583 bytes on the wire and tshark dissects a cut
  # one without its SNI. See scripts/lab/tlsapp.py.
  local tls=$WORK/https
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=download.example \
    -addext subjectAltName=DNS:download.example -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
  lab_reset_router; delay_path 5 0 0 25
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --sport 443 --tcp-flags SYN,FIN,RST NONE \
    -m statistic --mode random --probability 0.015 -j DROP
  lab_capture $LAB_CLI tl-c0 "$OUT/https-download.pcap" -s 600
  ip netns exec $LAB_SRV timeout 60 python3 "$LAB_DIR/tlsapp.py" server --port 443 \
    --cert "$tls/cert.pem" --key "$tls/key.pem" --body 1500000 --rst-after 0.01 &
  sleep 0.5
  lab_in $LAB_CLI timeout 60 python3 "$LAB_DIR/tlsapp.py" client --host $SRV4 --port 443 \
    --sni download.example --cafile "$tls/cert.pem" --path /files/archive.tar.gz || true
  finish
  made https-download.pcap
}

scenario_challenge_ack() {
  # An RFC 5961 challenge ACK. The client aborts its first connection from port 46000 (RST
  # after sending its request), but the router drops the client's RSTs, so the server still
  # holds the connection (it thinks 4 s before answering). The client then connects again from
  # port 46000: the server answers the new SYN with an ACK of the old connection's numbers (a
  # challenge ACK), the client's stack answers that with a RST whose seq is the ACK's number,
  # which clears the old connection, and the client's SYN retransmission 1 s later connects.
  lab_reset_router; delay_path 2 0 0 25
  lab_capture $LAB_CLI tl-c0 "$OUT/challenge-ack.pcap"
  lab_server --port 8080 --count 2 --think 4
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r0 -p tcp --tcp-flags RST RST -j DROP
  lab_client --host $SRV4 --port 8080 --sport 46000 --get 2000 --read-limit 0 --close rst
  sleep 0.5
  lab_in $LAB_RTR iptables -D FORWARD -i tl-r0 -p tcp --tcp-flags RST RST -j DROP
  lab_client --host $SRV4 --port 8080 --sport 46000 --get 2000
  finish
  made challenge-ack.pcap
}

scenario_half_open() {
  # A half-open connection. The server answers 5 kB, waits 0.5 s and closes abortively (RST),
  # but the router drops the server's RSTs: the client still holds a connection the server has
  # forgotten. When the client closes 2 s after reading, the server's stack answers its FIN with
  # a bare RST (no socket for it any more).
  lab_reset_router; delay_path 2 0 0 20
  lab_capture $LAB_CLI tl-c0 "$OUT/half-open.pcap"
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --tcp-flags RST RST -j DROP
  lab_server --port 8080 --count 1 --linger 0.5 --close rst
  lab_client --host $SRV4 --port 8080 --get 5000 --hold 2 &
  local cl=$!
  sleep 1.5
  lab_in $LAB_RTR iptables -D FORWARD -i tl-r1 -p tcp --tcp-flags RST RST -j DROP
  wait $cl || true
  finish
  made half-open.pcap
}

scenario_path_copies() {
  # The router sends 3% of the packets with payload twice (nfq-path -u: the second copy by raw
  # socket, same IP ID and bytes, microseconds later) on a 5 ms path, during a 600 kB download.
  # Wireshark calls each copy a retransmission, though the server sent it once. The router's
  # log of the copies is kept as path-copies.duplicates.jsonl (ground truth for the tests).
  lab_reset_router
  router_path "$WORK/path-copies.jsonl" 20 -d 5 -u 0.03 -S 41
  lab_capture $LAB_CLI tl-c0 "$OUT/path-copies.pcap" -s 128
  lab_server --port 8080 --count 1
  lab_client --host $SRV4 --port 8080 --get 600000
  finish
  router_events "$WORK/path-copies.jsonl" duplicate "$OUT/path-copies.duplicates.jsonl"
  made path-copies.pcap
}

scenario_tail_loss() {
  # Loss recovery without three duplicate ACKs, seen from both ends. 80 connections one after
  # the other, each a 4000-byte answer (three segments: 1448, 1448, 1104 bytes) over a 10 ms path
  # (20 ms round trip); the server waits 0.5 s before its FIN, so nothing follows an answer's last
  # segment. The router drops 25% of the server's packets with payload (nfq-path, seeded). A lost
  # first or middle segment is resent after the client's SACK of a later one (RACK), lost last
  # segments by a tail-loss probe (two or more segments outstanding: about two round trips) or
  # by a timeout. The server-side capture (the sender's view) shows the originals and their
  # resends; the client-side one shows the gaps. The router's log of the drops is kept as
  # tail-loss.drops.jsonl (ground truth for the tests).
  lab_reset_router
  router_path "$WORK/tail-loss.jsonl" 90 -d 10 -p 0.25 -D s2c -S 43
  lab_capture $LAB_CLI tl-c0 "$OUT/tail-loss-client.pcap" -s 128
  lab_capture $LAB_SRV tl-s0 "$OUT/tail-loss-server.pcap" -s 128
  lab_in $LAB_SRV nstat -az > "$WORK/tail-loss.nstat-before"
  lab_server --port 8080 --count 80 --linger 0.5
  lab_client --host $SRV4 --port 8080 --conns 80 --get 4000 --gap 0.05
  finish
  lab_in $LAB_SRV nstat -az > "$WORK/tail-loss.nstat-after"
  router_events "$WORK/tail-loss.jsonl" drop "$OUT/tail-loss.drops.jsonl"
  # the server's own counts of what its TCP did (the kernel's MIB counters of its namespace)
  nstat_diff "$WORK/tail-loss.nstat-before" "$WORK/tail-loss.nstat-after" > "$OUT/tail-loss.server-counters.json"
  made tail-loss-client.pcap tail-loss-server.pcap
}

scenario_midstream() {
  # A capture that starts in the middle of a connection: a 1.5 MB download at 300 kB/s starts,
  # and the capture only 1 s later (no SYN, no handshake in the file). 2% of the server's
  # packets are dropped before the capture point (lost segments, SACKs, fast retransmissions).
  lab_reset_router; delay_path 3 0 0 20
  lab_in $LAB_RTR iptables -I FORWARD -i tl-r1 -p tcp --sport 8080 --tcp-flags SYN,FIN,RST NONE \
    -m statistic --mode random --probability 0.02 -j DROP
  lab_server --port 8080 --count 1 --rate 300000
  lab_client --host $SRV4 --port 8080 --get 1500000 &
  local dl=$!
  sleep 1
  lab_capture $LAB_CLI tl-c0 "$OUT/midstream.pcap" -s 128
  wait $dl || true
  finish
  made midstream.pcap
}

for s in "${@:-${all[@]}}"; do
  echo "make-captures.sh: scenario $s" >&2
  "scenario_$s"
done
cleanup
trap - EXIT INT TERM

echo "make-captures.sh: made in $OUT:" >&2
for f in "${MADE[@]}"; do
  chmod 644 "$f"   # dumpcap creates its files 0600
  printf '  %-24s %8d bytes %6s packets\n' "$(basename "$f")" "$(stat -c %s "$f")" \
    "$(capinfos -T -r -c "$f" 2>/dev/null | cut -f2)" >&2
done
if "$ROOT/scripts/make-references.sh" "${MADE[@]}"; then
  python3 "$LAB_DIR/summarize.py" "$OUT/reference"
else
  echo "make-captures.sh: reference tables not refreshed (tshark-ref unavailable): run scripts/make-references.sh later" >&2
fi
