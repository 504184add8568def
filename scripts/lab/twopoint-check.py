#!/usr/bin/env python3
"""Checks a two-point scenario's ground truth (NAME.truth.json, written by the lab while it
ran) against what tshark sees in its two captures, so a truth file that does not describe its
captures is noticed. A check only: the truth never comes from here. Standard library and tshark.

    twopoint-check.py [-v] NAME.truth.json...

Connections are found in the captures by the client port (client capture) and by the "id=N"
at the start of the first request (server capture, whatever NAT did to the addresses), and
every stream of either capture must be one of them. Then: SYNs per connection (client capture minus server capture = SYNs the router dropped), the NAT
mapping, sequence offsets of the SYN and SYN/ACK, MSS clamping and TTL, each dropped packet
(in the sender's capture, absent by IP ID from the receiver's), frames lost and duplicated
per direction counted from the captures alone (IP IDs), frames that arrived after a frame sent
later (the router's "overtaken"), the clock shift, and the late start.
Exit status 1 when something disagrees.
"""
import json
import os
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

FIELDS = ["frame.time_epoch", "ip.src", "ip.dst", "ip.id", "ip.ttl", "tcp.srcport", "tcp.dstport",
          "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.flags", "tcp.options.mss_val", "tcp.payload",
          "tcp.options.sack_le", "tcp.options.sack_re"]
SYN, ACK, RST = 0x02, 0x10, 0x04


def frames(path):
    cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f",
           "-o", "tcp.analyze_sequence_numbers:FALSE", "-o", "tcp.relative_sequence_numbers:FALSE"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        v = line.split("\t")
        payload = bytes.fromhex(v[12][:80]) if v[12] else b""
        rows.append({"t": float(v[0]), "src": v[1], "dst": v[2], "ipid": int(v[3], 16), "ttl": int(v[4]),
                     "sport": int(v[5]), "dport": int(v[6]), "seq": int(v[7]), "ack": int(v[8]),
                     "len": int(v[9]), "flags": int(v[10], 16), "mss": int(v[11]) if v[11] else None,
                     "payload": payload, "sack": (int(v[13]), int(v[14])) if v[13] else None})
    return rows


class Report:
    def __init__(self, name, verbose):
        self.name, self.verbose, self.bad = name, verbose, 0

    def check(self, ok, what):
        if not ok:
            self.bad += 1
        if not ok or self.verbose:
            print(f"  {'ok  ' if ok else 'MISMATCH'} {what}")

    def info(self, what):
        print(f"  info {what}")


def request_id(payload):
    if payload.startswith(b"id="):
        try:
            return int(payload[3:].split(b" ", 1)[0])
        except ValueError:
            return None
    return None


def main():
    verbose = "-v" in sys.argv[1:]
    paths = [a for a in sys.argv[1:] if a != "-v"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    for path in paths:
        bad += check_one(path, verbose)
    return 1 if bad else 0


def check_one(path, verbose):
    truth = json.load(open(path))
    here = os.path.dirname(path)
    rep = Report(truth["scenario"], verbose)
    print(f"{truth['scenario']}: {path}")
    cli_addr, srv_addr = truth["addresses"]["client"], truth["addresses"]["server"]
    shift = truth["clock_shift_s"]
    C = frames(os.path.join(here, truth["captures"]["client"]["file"]))
    S = frames(os.path.join(here, truth["captures"]["server"]["file"]))
    # client capture: per (client port, server port), both directions
    cstreams = defaultdict(list)
    for f in C:
        if f["src"] == cli_addr:
            f["dir"] = "c2s"; cstreams[(f["sport"], f["dport"])].append(f)
        elif f["dst"] == cli_addr:
            f["dir"] = "s2c"; cstreams[(f["dport"], f["sport"])].append(f)
    # server capture: per (peer address, peer port, server port), named by the request's id
    sstreams = defaultdict(list)
    for f in S:
        if f["dst"] == srv_addr:
            f["dir"] = "c2s"; sstreams[(f["src"], f["sport"], f["dport"])].append(f)
        elif f["src"] == srv_addr:
            f["dir"] = "s2c"; sstreams[(f["dst"], f["dport"], f["sport"])].append(f)
    sid = {}
    for key, fs in sstreams.items():
        ids = {request_id(f["payload"]) for f in fs if f["dir"] == "c2s" and f["len"] > 0} - {None}
        for i in ids:
            sid[i] = key
    s_first = min(f["t"] for f in S) - shift if S else None
    # every stream of either capture is one of the truth's connections: nothing else (such as a
    # copy the router sent wrongly) crossed the points
    known = {(c["client_port"], c["server_port"]) for c in truth["connections"]}
    stray = sorted(k for k in cstreams if k not in known)
    rep.check(not stray, f"client capture: every stream is a connection of the truth ({len(stray)} others: {stray[:3]})")
    stray = sorted(k for k in sstreams if k not in set(sid.values()))
    rep.check(not stray, f"server capture: every stream carries a request id ({len(stray)} others: {stray[:3]})")

    syn_diff_total = 0
    pairs = []   # (client frames, server frames) of connections seen at both points
    for c in truth["connections"]:
        cf = cstreams.get((c["client_port"], c["server_port"]), [])
        syns_c = [f for f in cf if f["dir"] == "c2s" and f["flags"] & (SYN | ACK) == SYN]
        key = sid.get(c["id"])
        sf = sstreams.get(key, []) if key else []
        syns_s = [f for f in sf if f["dir"] == "c2s" and f["flags"] & (SYN | ACK) == SYN]
        where = c.get("server_capture", "inside")
        label = f"id {c['id']} ({c['client_local']} -> :{c['server_port']})"
        rep.check(len(syns_c) >= 1, f"{label}: client capture has its SYN ({len(syns_c)})")
        if where == "inside":
            rep.check(len(syns_c) - len(syns_s) == c["syns_dropped"],
                      f"{label}: SYNs client {len(syns_c)} - server {len(syns_s)} = dropped {c['syns_dropped']}")
            rep.check((key is not None) == bool(c["connected"] and c["bytes_sent"]),
                      f"{label}: in the server capture iff it connected ({key is not None}, {c['connected']})")
        elif where == "before-start":
            rep.check(key is None, f"{label}: over before the server capture started, absent from it")
        else:
            rep.check(key is not None and not syns_s, f"{label}: open at the server capture's start: there, no SYN")
        if key:
            seen = f"{key[0]}:{key[1]}"
            rep.check(seen == c["server_saw_peer"], f"{label}: server capture shows the client as {seen}, "
                      f"server log {c['server_saw_peer']}")
            pairs.append((c, cf, sf))
        if syns_c and syns_s:
            off = (syns_s[0]["seq"] - syns_c[0]["seq"]) % 2**32
            rep.check(off == c["seq_offset_c2s"] % 2**32, f"{label}: SYN seq offset {off} = truth {c['seq_offset_c2s']}")
            sa_c = [f for f in cf if f["dir"] == "s2c" and f["flags"] & (SYN | ACK) == SYN | ACK]
            sa_s = [f for f in sf if f["dir"] == "s2c" and f["flags"] & (SYN | ACK) == SYN | ACK]
            if sa_c and sa_s:
                off = (sa_c[0]["seq"] - sa_s[0]["seq"]) % 2**32
                rep.check(off == c["seq_offset_s2c"] % 2**32, f"{label}: SYN/ACK seq offset {off} = truth {c['seq_offset_s2c']}")
            clamp = truth["router"].get("mss_clamp")
            want = clamp["mss"] if clamp else syns_c[0]["mss"]
            rep.check(syns_s[0]["mss"] == want, f"{label}: MSS client {syns_c[0]['mss']} server {syns_s[0]['mss']} (want {want})")
            hops = syns_c[0]["ttl"] - syns_s[0]["ttl"]
            rep.check(hops == truth["router"]["hops"], f"{label}: TTL {syns_c[0]['ttl']} -> {syns_s[0]['ttl']}")
        syn_diff_total += max(0, len(syns_c) - len(syns_s)) if where == "inside" else 0
        if c["client_isn"] is not None and syns_c:
            rep.check(syns_c[0]["seq"] == c["client_isn"], f"{label}: client ISN {syns_c[0]['seq']} = truth {c['client_isn']}")
        if where != "open-at-start":
            rep.check(len(syns_c) == c["syn_transmissions"], f"{label}: SYNs in the client capture {len(syns_c)} = "
                      f"router's {c['syn_transmissions']}")
        if syns_s:
            rep.check(syns_s[0]["seq"] == c["client_isn_at_server"], f"{label}: ISN at the server {syns_s[0]['seq']} = "
                      f"truth {c['client_isn_at_server']}")
            sa_s = [f for f in sf if f["dir"] == "s2c" and f["flags"] & (SYN | ACK) == SYN | ACK]
            if sa_s:
                rep.check(sa_s[0]["seq"] == c["server_isn"], f"{label}: server ISN {sa_s[0]['seq']} = truth {c['server_isn']}")

    # each dropped packet: in the sender's capture, not (by IP ID) in the receiver's
    by_id = {c["id"]: (c, cf, sf) for c, cf, sf in pairs}
    conn_of = {(c["client_port"], c["server_port"]): c for c in truth["connections"]}
    for d in truth["router_events"]["dropped"]:
        cport, sport = (d["sport"], d["dport"]) if d["dir"] == "c2s" else (d["dport"], d["sport"])
        c = conn_of.get((cport, sport))
        what = f"drop {d['dir']} {cport} ipid {d['ipid']} seq {d['seq']} len {d['len']} {d['flags']}"
        if c is None:
            rep.check(False, f"{what}: no such connection in the truth")
            continue
        cf = cstreams.get((cport, sport), [])
        sf = by_id[c["id"]][2] if c["id"] in by_id else []
        sender, receiver = (cf, sf) if d["dir"] == "c2s" else (sf, cf)
        in_sender = any(f["dir"] == d["dir"] and f["ipid"] == d["ipid"] and f["seq"] == d["seq"] and f["len"] == d["len"]
                        for f in sender)
        in_receiver = any(f["dir"] == d["dir"] and f["ipid"] == d["ipid"] and f["len"] == d["len"] for f in receiver)
        rep.check(in_sender and not in_receiver, f"{what}: in sender's capture {in_sender}, receiver's {in_receiver}")

    # from the captures alone: frames of the paired connections sent but not received, received twice
    lost, dup, delays, acks_checked, acks_bad = Counter(), Counter(), defaultdict(list), Counter(), Counter()
    overtaken, overtaken_truth = Counter(), Counter()
    for c, cf, sf in pairs:
        # a frame is known by IP ID, length, flags and sequence number as the client sees it
        off = {"c2s": -c["seq_offset_c2s"], "s2c": c["seq_offset_s2c"]}
        ckey = lambda f: (f["ipid"], f["len"], f["flags"], f["seq"])
        skey = lambda f: (f["ipid"], f["len"], f["flags"], (f["seq"] + off[f["dir"]]) % 2**32)
        # acknowledgement number and first SACK block, in the client's view
        other = {"c2s": c["seq_offset_s2c"], "s2c": -c["seq_offset_c2s"]}
        cacks = lambda f: (f["ack"] if f["flags"] & ACK else None, f["sack"])
        sacks = lambda f: ((f["ack"] + other[f["dir"]]) % 2**32 if f["flags"] & ACK else None,
                           tuple((x + other[f["dir"]]) % 2**32 for x in f["sack"]) if f["sack"] else None)
        for d, sender, receiver, skey_s, rkey, sack_s, rack in (("c2s", cf, sf, ckey, skey, cacks, sacks),
                                                                ("s2c", sf, cf, skey, ckey, sacks, cacks)):
            got = Counter(rkey(f) for f in receiver if f["dir"] == d)
            t_recv, a_recv = {}, {}
            for f in receiver:
                if f["dir"] == d:
                    t_recv.setdefault(rkey(f), f["t"])
                    a_recv.setdefault(rkey(f), rack(f))
            for f in sender:
                if f["dir"] != d:
                    continue
                if sender is cf and s_first is not None and f["t"] < s_first + 0.01:
                    continue   # sent before the server capture was running
                k = skey_s(f)
                if k not in got:
                    lost[d] += 1
                else:   # receiving capture's time minus sending capture's: delay + or - the clock shift
                    delays[d].append(t_recv[k] - f["t"])
                    acks_checked[d] += 1
                    if a_recv[k] != sack_s(f):
                        acks_bad[d] += 1
                        if acks_bad[d] <= 3:
                            rep.info(f"{d} id {c['id']} ipid {f['ipid']}: ack/SACK {sack_s(f)} sent, {a_recv[k]} received (client view)")
            dup[d] += sum(n - 1 for n in got.values() if n > 1)
            # overtaken: received after a frame its sender sent later (as the router counts them)
            pos = {skey_s(f): i for i, f in enumerate(sender) if f["dir"] == d}
            latest, late = -1, set()
            for f in receiver:
                if f["dir"] == d and rkey(f) in pos:
                    i = pos[rkey(f)]
                    if i < latest:
                        late.add(i)   # a packet once, however many copies of it arrived late
                    latest = max(latest, i)
            overtaken[d] += len(late)
            overtaken_truth[d] += c["overtaken"][d]
    tot = truth["totals"]
    never = [c for c in truth["connections"] if c.get("server_capture", "inside") == "inside" and
             c["id"] not in by_id]
    syn_lost_unpaired = sum(c["syns_dropped"] for c in never)
    for d in ("c2s", "s2c"):
        want = tot["dropped"][d] - (syn_lost_unpaired if d == "c2s" else 0)
        rep.check(lost[d] == want, f"{d}: frames of paired connections absent from the receiver's capture "
                  f"(by IP ID) {lost[d]} = router drops {want}")
        rep.check(acks_bad[d] == 0, f"{d}: acknowledgement numbers and SACK blocks agree after the offsets "
                  f"({acks_checked[d] - acks_bad[d]} of {acks_checked[d]} frames)")
        rep.check(overtaken[d] == overtaken_truth[d], f"{d}: frames received after a frame sent later {overtaken[d]} = "
                  f"router's overtaken {overtaken_truth[d]}")
        rep.check(dup[d] == tot["duplicated"][d], f"{d}: frames twice in the receiver's capture {dup[d]} = "
                  f"router duplicates {tot['duplicated'][d]}")
    if never:
        rep.check(syn_lost_unpaired == tot["syns_dropped"] - sum(c["syns_dropped"] for c, _, _ in pairs),
                  f"SYNs of {len(never)} connection attempts that never reached the server: {syn_lost_unpaired}")
    # clock: server time - client time of the same c2s frame = shift + one-way delay
    if delays["c2s"] and delays["s2c"]:
        c2s = [x - shift for x in delays["c2s"]]
        s2c = [x + shift for x in delays["s2c"]]
        # server clock minus client clock, NTP style: (c2s - s2c) / 2 of the raw differences
        offset = (min(delays["c2s"]) - min(delays["s2c"])) / 2
        rep.check(abs(offset - shift) < 0.002, f"clock: offset from frames {offset:+.6f} s, truth {shift:+.3f} s "
                  f"(one-way delay without the shift: c2s min {min(c2s) * 1e3:.3f} ms, s2c min {min(s2c) * 1e3:.3f} ms, "
                  f"median {statistics.median(c2s) * 1e3:.3f} / {statistics.median(s2c) * 1e3:.3f} ms)")
    summ = truth["router_events"]["summary"]
    queued = sum(r["packets"] for r in truth["iptables"] if "NFQUEUE" in r["rule"])
    rep.check(summ is not None and queued == summ["c2s"]["seen"] + summ["s2c"]["seen"]
              and summ["hold_overflow"] == 0 and summ["queue_overflow"] == 0,
              f"router: iptables queued {queued} packets, nfq-path saw them all and logged every change")
    for side, fs, sh in (("client", C, 0), ("server", S, shift)):
        cap = truth["captures"][side]
        if fs:
            first = min(f["t"] for f in fs) - sh
            rep.check(cap["started_after"] <= first,
                      f"{side} capture: first TCP frame {first - cap['started_after']:.3f} s after tcpdump was started")
    if truth["server_capture_delay_s"]:
        rep.check(abs(truth["captures"]["server"]["started_after"] - truth["captures"]["client"]["started_after"]
                      - truth["server_capture_delay_s"]) < 0.01, "late: server_capture_delay_s = difference of the start times")
    print(f"  {len(truth['connections'])} attempts, {len(pairs)} seen at both points; router dropped "
          f"c2s {tot['dropped']['c2s']} s2c {tot['dropped']['s2c']} (SYNs {tot['syns_dropped']}), duplicated "
          f"{tot['duplicated']['c2s']}/{tot['duplicated']['s2c']}, overtaken {tot['overtaken']['c2s']}/{tot['overtaken']['s2c']}; "
          f"{'all checks agree' if not rep.bad else f'{rep.bad} MISMATCHES'}")
    return rep.bad


if __name__ == "__main__":
    sys.exit(main())
