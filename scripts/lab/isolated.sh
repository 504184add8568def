#!/usr/bin/env bash
# isolated.sh: runs a lab script (make-captures.sh, make-twopoint-captures.sh, ...) in a network
# and mount namespace of its own, so its namespaces (tl-cli, tl-rtr, tl-srv), veths and
# iptables rules cannot meet those of another lab running at the same time.
#
#   sudo scripts/lab/isolated.sh scripts/make-captures.sh lossy
#
# `ip netns add` names live in /run/netns: a private tmpfs there keeps the names apart; the
# new network namespace keeps the veths created before they move into the lab's namespaces
# apart. Everything goes away with the command.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: sudo $0 SCRIPT [ARGS...]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "isolated.sh: run as root" >&2; exit 1; }
exec unshare --mount --net bash -c '
  mount --make-rprivate /
  mkdir -p /run/netns
  mount -t tmpfs lab-netns /run/netns
  ip link set lo up
  exec "$@"' isolated "$@"
