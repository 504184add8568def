#!/usr/bin/env python3
"""List the block types of a pcapng file (optionally zstd/gzip compressed via the zstd/gzip
tools) with their counts and the options of the SHB and IDBs. Standard library only.

    scripts/lab/pcapng-blocks.py FILE.pcapng
"""
import collections
import struct
import subprocess
import sys

NAMES = {0x0A0D0D0A: "SHB", 1: "IDB", 2: "PB (obsolete)", 3: "SPB", 4: "NRB", 5: "ISB", 6: "EPB",
         7: "IRIG", 8: "AFDX", 9: "systemd journal", 10: "DSB", 0xBAD: "custom", 0x40000BAD: "custom"}


def main():
    path = sys.argv[1]
    if path.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    elif path.endswith(".gz"):
        data = subprocess.run(["gzip", "-dc", path], check=True, capture_output=True).stdout
    else:
        data = open(path, "rb").read()
    off, counts, order = 0, collections.Counter(), []
    endian = "<"
    while off + 12 <= len(data):
        btype = struct.unpack_from(endian + "I", data, off)[0]
        if btype == 0x0A0D0D0A:
            endian = "<" if data[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
        blen = struct.unpack_from(endian + "I", data, off + 4)[0]
        name = NAMES.get(btype, hex(btype))
        counts[name] += 1
        if not order or order[-1][0] != name:
            order.append([name, 0])
        order[-1][1] += 1
        if btype == 1:
            link, snap = struct.unpack_from(endian + "HxxI", data, off + 8)
            opts = options(data, off + 16, off + blen - 4, endian)
            print(f"IDB: linktype {link}, snaplen {snap}, options {opts}")
        if btype == 6 and counts[name] == 1:
            caplen = struct.unpack_from(endian + "I", data, off + 20)[0]
            opts = options(data, off + 28 + ((caplen + 3) & ~3), off + blen - 4, endian)
            print(f"first EPB: options {opts or 'none'}")
        if btype == 5:
            print(f"ISB: options {options(data, off + 20, off + blen - 4, endian)}")
        if btype == 0x0A0D0D0A:
            print(f"SHB: {'little' if endian == '<' else 'big'}-endian, options {options(data, off + 24, off + blen - 4, endian)}")
        if blen < 12:
            break
        off += blen
    print("blocks:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("sequence:", " ".join(f"{n}x{c}" for n, c in order))


def options(data, off, end, endian):
    out = []
    while off + 4 <= end:
        code, length = struct.unpack_from(endian + "HH", data, off)
        if code == 0:
            break
        val = data[off + 4:off + 4 + length]
        text = val.rstrip(b"\0")
        shown = text.decode() if text and all(32 <= b < 127 for b in text) else val.hex()
        out.append(f"{code}={shown}")
        off += 4 + ((length + 3) & ~3)
    return out


if __name__ == "__main__":
    main()
