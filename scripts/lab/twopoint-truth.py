#!/usr/bin/env python3
"""Writes the ground truth of one two-point scenario (NAME.truth.json) from what the lab
recorded while it ran, never from the captures: the client's and the server's logs
(twopoint-app.py), the router's log (nfq-path), the router's iptables rules with their
counters (iptables-save -c) and the scenario's settings (meta.tsv: KEY<TAB>JSON lines, KEY
dotted for nesting). Standard library only. The fields are described in testdata/twopoint/README.md.

    twopoint-truth.py WORKDIR OUT.json

WORKDIR holds meta.tsv, client.jsonl, server.jsonl and, when the scenario has them, nfq.jsonl
and iptables.txt.
"""
import json
import os
import re
import sys


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            key, value = line.rstrip("\n").split("\t", 1)
            node = meta
            *parents, last = key.split(".")
            for p in parents:
                node = node.setdefault(p, {})
            node[last] = json.loads(value)
    return meta


def read_iptables(path):
    """iptables-save -c: one entry per rule with its packet and byte counters."""
    rules, table = [], None
    if not os.path.exists(path):
        return rules
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("*"):
                table = line[1:]
                continue
            m = re.match(r"^\[(\d+):(\d+)\] -A (\S+) (.*)$", line)
            if m:
                rules.append({"table": table, "chain": m.group(3), "rule": m.group(4),
                              "packets": int(m.group(1)), "bytes": int(m.group(2))})
    return rules


def split_addr(a):
    host, port = a.rsplit(":", 1)
    return host, int(port)


def packet_view(ev):
    keys = ("t", "dir", "src", "sport", "dst", "dport", "seq", "ack", "len", "ipid", "ttl", "flags")
    out = {k: ev[k] for k in keys}
    for extra in ("reason", "arrivals_ahead"):
        if extra in ev:
            out[extra] = ev[extra]
    return out


def client_side(ev):
    """(client address, client port, server port) of a router event, as the client sees them."""
    if ev["dir"] == "c2s":
        return ev["src"], ev["sport"], ev["dport"]
    return ev["dst"], ev["dport"], ev["sport"]


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    work, out = sys.argv[1], sys.argv[2]
    meta = read_meta(os.path.join(work, "meta.tsv"))
    clients = sorted(read_jsonl(os.path.join(work, "client.jsonl")), key=lambda r: r["id"])
    server_log = read_jsonl(os.path.join(work, "server.jsonl"))
    router = read_jsonl(os.path.join(work, "nfq.jsonl"))
    by_id = {r["id"]: r for r in server_log if r.get("event") == "closed" and r.get("id") is not None}
    for r in server_log:   # a connection the server was still serving when it stopped
        if r.get("event") == "request" and r["id"] not in by_id:
            by_id[r["id"]] = dict(r, rounds=None, bytes_in=None, bytes_out=None, t_close=None)
    server_unknown = [r for r in server_log if r.get("event") == "closed" and r.get("id") is None]
    summary = next((e for e in router if e["event"] == "summary"), None)
    events = [e for e in router if e["event"] != "summary"]

    server_start = meta.get("captures", {}).get("server", {}).get("started_after")
    server_ready = meta.get("captures", {}).get("server", {}).get("running_by")
    conns = []
    for c in clients:
        caddr, cport = split_addr(c["local"]) if c["local"] else (None, None)
        entry = {
            "id": c["id"],
            "client_local": c["local"],
            "client_port": cport,
            "server": c["server"],
            "server_port": c["server_port"],
            "connected": c["connected"],
            "error": c["error"],
            "t_start": c["t_start"],
            "t_connected": c["t_connected"],
            "t_closed": c["t_closed"],
            "rounds": [{"send": s, "get": g} for s, g in c["rounds"]],
            "bytes_sent": c["bytes_sent"],
            "bytes_received": c["bytes_received"],
        }
        srv = by_id.get(c["id"])
        entry["server_saw_peer"] = srv["peer"] if srv else None
        entry["server_local"] = srv["local"] if srv else None
        entry["server_bytes_in"] = srv["bytes_in"] if srv else None
        entry["server_bytes_out"] = srv["bytes_out"] if srv else None
        if srv:
            peer_addr, peer_port = split_addr(srv["peer"])
            entry["nat"] = {"address_changed": peer_addr != caddr, "port_changed": peer_port != cport}
        else:
            entry["nat"] = None
        # the router's events of this connection: same client address and port, same server port, in its lifetime
        lo, hi = c["t_start"] - 0.05, (c["t_closed"] or c["t_start"]) + 5
        mine = [e for e in events if client_side(e) == (caddr, cport, c["server_port"]) and lo <= e["t"] <= hi]
        sr = [e for e in mine if e["event"] == "seqrand"]
        syns = [e for e in mine if e["event"] == "syn" and e["dir"] == "c2s"]
        synacks = [e for e in mine if e["event"] == "syn" and e["dir"] == "s2c"]
        syn_drops = [e for e in mine if e["event"] == "drop" and e["reason"] == "syn-pattern"]
        # sequence numbers as each capture point sees them (router events of a connection that
        # started before the router's program have none)
        entry["client_isn"] = syns[0]["seq"] if syns else None
        entry["client_isn_at_server"] = syns[0]["isn_after"] if syns else None
        entry["server_isn"] = synacks[0]["seq"] if synacks else None
        entry["server_isn_at_client"] = synacks[0]["isn_after"] if synacks else None
        entry["seq_offset_c2s"] = sr[0]["seq_offset_c2s"] if sr else 0
        entry["seq_offset_s2c"] = sr[0]["seq_offset_s2c"] if sr else 0
        entry["syn_transmissions"] = len(syns)
        entry["syns_dropped"] = len(syn_drops)
        entry["synack_transmissions"] = len(synacks)
        for kind, event in (("dropped", "drop"), ("duplicated", "duplicate"), ("overtaken", "overtaken")):
            entry[kind] = {d: sum(1 for e in mine if e["event"] == event and e["dir"] == d) for d in ("c2s", "s2c")}
        if server_start is not None:
            end = c["t_closed"] or c["t_start"]
            if end < server_start:
                entry["server_capture"] = "before-start"
            elif c["t_start"] < (server_ready or server_start):
                entry["server_capture"] = "open-at-start"
            else:
                entry["server_capture"] = "inside"
        conns.append(entry)

    def count(event, d=None, reason=None):
        return sum(1 for e in events if e["event"] == event and (d is None or e["dir"] == d)
                   and (reason is None or e.get("reason") == reason))

    connected = sum(1 for c in conns if c["connected"])
    truth = {"scenario": meta.pop("scenario"), "description": meta.pop("description")}
    truth.update(meta)
    truth["totals"] = {
        "connection_attempts": len(conns),
        "connected": connected,
        "never_connected": len(conns) - connected,
        "server_accepted": len(by_id) + len(server_unknown),
        "syns_dropped": count("drop", reason="syn-pattern"),
        "data_dropped": {d: count("drop", d, "random") for d in ("c2s", "s2c")},
        "dropped": {d: count("drop", d) for d in ("c2s", "s2c")},
        "duplicated": {d: count("duplicate", d) for d in ("c2s", "s2c")},
        "overtaken": {d: count("overtaken", d) for d in ("c2s", "s2c")},
    }
    truth["connections"] = conns
    truth["server_connections_without_id"] = server_unknown
    truth["router_events"] = {
        "dropped": [packet_view(e) for e in events if e["event"] == "drop"],
        "duplicated": [packet_view(e) for e in events if e["event"] == "duplicate"],
        "overtaken": [packet_view(e) for e in events if e["event"] == "overtaken"],
        "seqrand": [dict(packet_view(e), seq_offset_c2s=e["seq_offset_c2s"], seq_offset_s2c=e["seq_offset_s2c"],
                         isn_after=e["isn_after"]) for e in events if e["event"] == "seqrand"],
        "summary": summary,
    }
    truth["iptables"] = read_iptables(os.path.join(work, "iptables.txt"))
    with open(out, "w") as f:
        json.dump(truth, f, indent=1, sort_keys=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
