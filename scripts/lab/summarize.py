#!/usr/bin/env python3
"""Summarise testdata/reference/: one Markdown table row per capture with its format (from
NAME.info.txt, capinfos as run by make-references) and the tshark 4.6 analysis-flag counts
(frames carrying each tcp.analysis.* flag in NAME.tcp.tsv.gz), plus RST frames.
Standard library only.

    scripts/lab/summarize.py [--matrix] [REFERENCE_DIR]      (default: testdata/reference)

--matrix prints every flag as its own column (zeros included) instead of the format table.
"""
import csv
import gzip
import os
import sys

FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
         "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
         "zero_window_probe_ack", "window_full", "window_update", "keep_alive", "keep_alive_ack",
         "reused_ports"]
SHORT = {"retransmission": "retr", "fast_retransmission": "fast", "spurious_retransmission": "spur",
         "out_of_order": "ooo", "lost_segment": "lost", "ack_lost_segment": "acklost",
         "duplicate_ack": "dupack", "zero_window": "zw", "zero_window_probe": "zwp",
         "zero_window_probe_ack": "zwpack", "window_full": "wfull", "window_update": "wupd",
         "keep_alive": "ka", "keep_alive_ack": "kaack", "reused_ports": "reused"}


def info(path):
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if ":" in line and not line.startswith(" "):
                k, v = line.split(":", 1)
                out.setdefault(k.strip(), v.strip())
    return out


def counts(path):
    c = {f: 0 for f in FLAGS}
    streams, tcp, rst = set(), 0, 0
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in rows:
            tcp += 1
            streams.add(r["tcp.stream"])
            if r["tcp.flags"] and int(r["tcp.flags"], 16) & 0x4:
                rst += 1
            for fl in FLAGS:
                if r.get("tcp.analysis." + fl):
                    c[fl] += 1
    return tcp, len(streams), rst, c


def main():
    args = sys.argv[1:]
    matrix = "--matrix" in args
    args = [a for a in args if a != "--matrix"]
    ref = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "reference")
    names = sorted(n[: -len(".tcp.tsv.gz")] for n in os.listdir(ref) if n.endswith(".tcp.tsv.gz"))
    if matrix:
        print("| file | " + " | ".join(SHORT[f] for f in FLAGS) + " | RST |")
        print("|---|" + "---:|" * (len(FLAGS) + 1))
        for n in names:
            _, _, rst, c = counts(os.path.join(ref, n + ".tcp.tsv.gz"))
            print(f"| {n} | " + " | ".join(str(c[f]) for f in FLAGS) + f" | {rst} |")
        return
    print("| file | format | link | snaplen | frames | TCP frames | streams | RST | tshark 4.6 flags |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in names:
        i = info(os.path.join(ref, n + ".info.txt"))
        tcp, streams, rst, c = counts(os.path.join(ref, n + ".tcp.tsv.gz"))
        prec = i.get("File timestamp precision", "?").split()[0]
        prec = {"microseconds": "µs", "nanoseconds": "ns"}.get(prec, prec)
        fmt = i.get("File type", "?")
        snap = i.get("Packet size limit", "").replace("file hdr:", "").strip()
        flags = ", ".join(f"{fl} {c[fl]}" for fl in FLAGS if c[fl]) or "none"
        print(f"| {n} | {fmt}, {prec} | {i.get('File encapsulation', '?')} | {snap} | "
              f"{i.get('Number of packets', '?')} | {tcp} | {streams} | {rst} | {flags} |")


if __name__ == "__main__":
    main()
