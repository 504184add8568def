# lab.sh: the capture lab's network, sourced by make-captures.sh and make-big-capture.sh.
#
#   cli (10.77.1.2, fd77:1::2) --veth-- rtr (10.77.1.1 | 10.77.2.1) --veth-- srv (10.77.2.2, fd77:2::2)
#
# Real Linux TCP stacks in network namespaces; impairments are applied in the router's FORWARD
# chain: iptables -m statistic drops, tc tbf rate limits, and nfq-delay (an NFQUEUE program) for
# delay and reordering, because this kernel has no netem qdisc. Segmentation offloads are turned
# off so the captures show wire-sized segments, as a capture on a real link would.

export PYTHONDONTWRITEBYTECODE=1
LAB_CLI=tl-cli
LAB_RTR=tl-rtr
LAB_SRV=tl-srv
CLI4=10.77.1.2
SRV4=10.77.2.2
CLI6=fd77:1::2
SRV6=fd77:2::2

lab_in() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

lab_down() {
  # processes of the namespaces are killed here; their shells report it, which is expected
  for ns in $LAB_CLI $LAB_RTR $LAB_SRV; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  # veths left in the root namespace by a run that stopped half-way through lab_up
  ip link del tl-c0 2>/dev/null || true
  ip link del tl-s0 2>/dev/null || true
}

lab_up() {
  lab_down
  for ns in $LAB_CLI $LAB_RTR $LAB_SRV; do ip netns add "$ns"; lab_in "$ns" ip link set lo up; done
  ip link add tl-c0 type veth peer name tl-r0
  ip link add tl-s0 type veth peer name tl-r1
  ip link set tl-c0 netns $LAB_CLI
  ip link set tl-r0 netns $LAB_RTR
  ip link set tl-r1 netns $LAB_RTR
  ip link set tl-s0 netns $LAB_SRV
  lab_in $LAB_CLI ip addr add $CLI4/24 dev tl-c0
  lab_in $LAB_CLI ip -6 addr add $CLI6/64 dev tl-c0 nodad
  lab_in $LAB_RTR ip addr add 10.77.1.1/24 dev tl-r0
  lab_in $LAB_RTR ip -6 addr add fd77:1::1/64 dev tl-r0 nodad
  lab_in $LAB_RTR ip addr add 10.77.2.1/24 dev tl-r1
  lab_in $LAB_RTR ip -6 addr add fd77:2::1/64 dev tl-r1 nodad
  lab_in $LAB_SRV ip addr add $SRV4/24 dev tl-s0
  lab_in $LAB_SRV ip -6 addr add $SRV6/64 dev tl-s0 nodad
  for pair in "$LAB_CLI tl-c0" "$LAB_RTR tl-r0" "$LAB_RTR tl-r1" "$LAB_SRV tl-s0"; do
    set -- $pair
    lab_in "$1" ip link set "$2" up
    lab_in "$1" ethtool -K "$2" tso off gso off gro off tx off rx off >/dev/null 2>&1 || true
  done
  lab_in $LAB_CLI ip route add default via 10.77.1.1
  lab_in $LAB_CLI ip -6 route add default via fd77:1::1
  lab_in $LAB_SRV ip route add default via 10.77.2.1
  lab_in $LAB_SRV ip -6 route add default via fd77:2::1
  lab_in $LAB_RTR sysctl -qw net.ipv4.ip_forward=1
  lab_in $LAB_RTR sysctl -qw net.ipv6.conf.all.forwarding=1
  sleep 0.5
}

# Starts tcpdump in a namespace; "lab_capture_stop" ends every capture started so far and
# warns when the kernel dropped packets for one of them.
LAB_CAPTURES=()
LAB_CAPTURE_LOGS=()
lab_capture() { # ns iface file [tcpdump args...]
  local ns=$1 iface=$2 file=$3 log; shift 3
  log=$(mktemp)
  # ip netns exec execs tcpdump itself, so $! is tcpdump's pid and SIGINT reaches it.
  # Not --immediate-mode: that switches libpcap to TPACKET_V2 with ring frames as large as the snaplen
  # (256 kB for -i any), and the ring overflows; lab_capture_stop waits out the block timeout.
  ip netns exec "$ns" tcpdump -Z root -i "$iface" -U -w "$file" "$@" >/dev/null 2>"$log" &
  LAB_CAPTURES+=($!)
  LAB_CAPTURE_LOGS+=("$file:$log")
  sleep 1
}

# The same with dumpcap, which writes pcapng (tcpdump 4.99 writes only pcap).
lab_capture_ng() { # ns iface file [dumpcap args...]
  local ns=$1 iface=$2 file=$3; shift 3
  ip netns exec "$ns" dumpcap -q -i "$iface" -w "$file" "$@" >/dev/null 2>&1 &
  LAB_CAPTURES+=($!)
  sleep 1
}

lab_capture_stop() {
  # libpcap (TPACKET_V3) hands packets over a block at a time, at the latest after 1 s; a block
  # not yet handed over when the capture stops is lost, so wait longer than that first
  if [ ${#LAB_CAPTURES[@]} -gt 0 ]; then sleep 1.5; fi
  for pid in "${LAB_CAPTURES[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${LAB_CAPTURES[@]}"; do wait "$pid" 2>/dev/null || true; done
  local entry
  for entry in "${LAB_CAPTURE_LOGS[@]}"; do
    if grep -Eq '^[1-9][0-9]* packets dropped by (kernel|interface)' "${entry#*:}"; then
      echo "lab: warning: capture ${entry%%:*} lost packets: $(grep dropped "${entry#*:}" | tr '\n' ' ')" >&2
    fi
    rm -f "${entry#*:}"
  done
  LAB_CAPTURES=()
  LAB_CAPTURE_LOGS=()
}

lab_server() { # args for tcpapp.py server; runs in srv in the background
  ip netns exec $LAB_SRV timeout 60 python3 "$LAB_DIR/tcpapp.py" server "$@" &
  sleep 0.5
}

lab_client() { # args for tcpapp.py client; runs in cli in the foreground
  lab_in $LAB_CLI timeout 60 python3 "$LAB_DIR/tcpapp.py" client "$@" || true
}

lab_reset_router() {
  lab_in $LAB_RTR iptables -F FORWARD
  lab_in $LAB_RTR ip6tables -F FORWARD 2>/dev/null || true
  lab_in $LAB_RTR tc qdisc del dev tl-r0 root 2>/dev/null || true
  lab_in $LAB_RTR tc qdisc del dev tl-r1 root 2>/dev/null || true
  lab_in $LAB_SRV tc qdisc del dev tl-s0 root 2>/dev/null || true
  lab_in $LAB_CLI tc qdisc del dev tl-c0 root 2>/dev/null || true
}
