#!/usr/bin/env python3
"""Traffic generator for the capture lab: a TCP server and client with knobs for the
behaviours the analysis must recognise (slow readers, keep-alives, abortive closes, port
reuse). Standard library only. Every wait is bounded, so a scenario can never hang.

Protocol: the client sends a request line "GET <bytes> <padding>\\n" and <padding> bytes of
"x", --send bytes in all; the server answers with <bytes> bytes, then closes (FIN, or RST with
--close rst).
"""
import argparse
import socket
import struct
import sys
import threading
import time


def abortive(sock):
    # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def recv_exact(sock, count, rate=0.0, pause=0.0, chunk=65536, quickack=False):
    got = 0
    if pause:
        time.sleep(pause)
    while got < count:
        if quickack:
            # ACK every segment rather than every other one (delayed ACK off until the next read)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        data = sock.recv(min(chunk, count - got))
        if not data:
            break
        got += len(data)
        if rate:
            time.sleep(len(data) / rate)
    return got


def serve_one(conn, args):
    conn.settimeout(30)
    try:
        line = b""
        while not line.endswith(b"\n") and len(line) < 65536:
            b = conn.recv(1)
            if not b:
                return
            line += b
        fields = line.split()
        want = int(fields[1])
        if len(fields) > 2:
            recv_exact(conn, int(fields[2]))
        else:
            # an old-style request: drain whatever padding follows the line
            conn.settimeout(0.2)
            try:
                while conn.recv(65536):
                    pass
            except (socket.timeout, BlockingIOError):
                pass
        conn.settimeout(30)
        if args.think:
            time.sleep(args.think)
        block = bytes(range(256)) * 256
        if args.write_size:
            # small writes go out one segment each, as an interactive sender's do
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            block = block[: args.write_size]
        sent = 0
        while sent < want:
            n = conn.send(block[: min(len(block), want - sent)])
            sent += n
            if args.rate:
                time.sleep(n / args.rate)
        if args.linger:
            time.sleep(args.linger)
        if args.close == "rst":
            abortive(conn)
        elif args.close == "half":
            conn.shutdown(socket.SHUT_WR)
            recv_exact(conn, 1 << 30)
    except OSError as e:
        print(f"server: {e}", file=sys.stderr)
    finally:
        conn.close()


def server(args):
    family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if args.rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, args.rcvbuf)
    s.bind((args.bind, args.port))
    s.listen(128)
    s.settimeout(args.timeout)
    threads = []
    try:
        for _ in range(args.count):
            conn, _ = s.accept()
            t = threading.Thread(target=serve_one, args=(conn, args), daemon=True)
            t.start()
            threads.append(t)
    except socket.timeout:
        pass
    for t in threads:
        t.join(args.timeout)
    s.close()


def client_once(args, index):
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    c = socket.socket(family, socket.SOCK_STREAM)
    c.settimeout(args.timeout)
    if args.rcvbuf:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, args.rcvbuf)
    if args.sport:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", args.sport))
    if args.keepalive:
        idle, intvl, cnt = (int(x) for x in args.keepalive.split(","))
        c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, intvl)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, cnt)
    try:
        c.connect((args.host, args.port))
    except OSError as e:
        print(f"client {index}: connect: {e}", file=sys.stderr)
        c.close()
        return
    try:
        pad = max(0, args.send - len(f"GET {args.get} {args.send}\n"))
        c.sendall(f"GET {args.get} {pad}\n".encode() + b"x" * pad)
        if args.shrink_rcvbuf:
            # shrinking the buffer of a connection that is not being read makes the next ACK
            # advertise a zero window while the sender still has bytes in flight
            delay, size = args.shrink_rcvbuf.split(":")
            threading.Timer(float(delay), c.setsockopt,
                            (socket.SOL_SOCKET, socket.SO_RCVBUF, int(size))).start()
        if args.idle:
            time.sleep(args.idle)
        want = args.get if args.read_limit is None else min(args.get, args.read_limit)
        recv_exact(c, want, rate=args.read_rate, pause=args.read_pause, chunk=args.read_chunk,
                   quickack=args.quickack)
        if args.hold:
            time.sleep(args.hold)
        if args.close == "rst":
            abortive(c)
        elif args.close == "fin-wait":
            c.shutdown(socket.SHUT_WR)
            recv_exact(c, 1 << 30)
    except OSError as e:
        print(f"client {index}: {e}", file=sys.stderr)
    finally:
        c.close()


def client(args):
    if args.parallel:
        threads = [threading.Thread(target=client_once, args=(args, i)) for i in range(args.conns)]
        for t in threads:
            t.start()
            time.sleep(args.gap)
        for t in threads:
            t.join(args.timeout * 2)
        return
    for i in range(args.conns):
        client_once(args, i)
        time.sleep(args.gap)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="role", required=True)
    s = sub.add_parser("server")
    s.add_argument("--bind", default="0.0.0.0")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--count", type=int, default=1, help="connections to accept")
    s.add_argument("--rcvbuf", type=int, default=0)
    s.add_argument("--rate", type=float, default=0, help="send rate, bytes/s")
    s.add_argument("--think", type=float, default=0, help="seconds before answering")
    s.add_argument("--write-size", type=int, default=0, help="bytes per send(), with TCP_NODELAY")
    s.add_argument("--linger", type=float, default=0, help="seconds before closing")
    s.add_argument("--close", choices=["fin", "rst", "half"], default="fin")
    s.add_argument("--timeout", type=float, default=20)
    c = sub.add_parser("client")
    c.add_argument("--host", required=True)
    c.add_argument("--port", type=int, required=True)
    c.add_argument("--conns", type=int, default=1)
    c.add_argument("--parallel", action="store_true")
    c.add_argument("--gap", type=float, default=0.05, help="seconds between connections")
    c.add_argument("--get", type=int, default=1000, help="bytes to ask for")
    c.add_argument("--send", type=int, default=100, help="request size in bytes")
    c.add_argument("--sport", type=int, default=0, help="fixed source port")
    c.add_argument("--rcvbuf", type=int, default=0)
    c.add_argument("--shrink-rcvbuf", default="", help="SECONDS:BYTES: set SO_RCVBUF to BYTES after SECONDS")
    c.add_argument("--read-rate", type=float, default=0, help="bytes/s the application reads")
    c.add_argument("--read-pause", type=float, default=0, help="seconds before reading at all")
    c.add_argument("--read-chunk", type=int, default=65536)
    c.add_argument("--read-limit", type=int, default=None, help="stop reading after this many bytes")
    c.add_argument("--quickack", action="store_true", help="TCP_QUICKACK before every read")
    c.add_argument("--idle", type=float, default=0, help="seconds idle after the request")
    c.add_argument("--hold", type=float, default=0, help="seconds the connection stays open after reading, before closing")
    c.add_argument("--keepalive", default="", help="idle,interval,count")
    c.add_argument("--close", choices=["fin", "rst", "fin-wait"], default="fin")
    c.add_argument("--timeout", type=float, default=20)
    args = p.parse_args()
    server(args) if args.role == "server" else client(args)


if __name__ == "__main__":
    main()
