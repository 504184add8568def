#!/usr/bin/env python3
"""Traffic for the two-point captures: a client that makes numbered connections and a server
that logs, for each number, the peer address and port it saw. Both write one JSON object a line
(--log), the ground truth of the connections independent of any capture. Standard library only;
every wait is bounded.

Protocol: per round the client sends "id=N round=R send=S get=G\\n" padded with "x" to S bytes
in all; the server reads them and answers G bytes. After the last round the client closes (FIN),
then the server.

  twopoint-app.py server --ports 8080,8081 --log FILE [--duration S]
  twopoint-app.py client --host ADDR --ports 8080[,8081] --conns N --log FILE [--first-id 1]
                  [--send MIN:MAX] [--get MIN:MAX] [--rounds R] [--round-gap S] [--gap S]
                  [--connect-timeout S] [--seed N]

The client starts connection i (0-based) at i*gap seconds, to ports[i mod len(ports)], with
request and answer sizes drawn log-uniformly from --send and --get (random.Random(seed)), and
connects non-blocking so that the local port of an attempt that never connects is known too.
"""
import argparse
import errno
import json
import math
import os
import random
import select
import socket
import sys
import threading
import time

LOCK = threading.Lock()


def log(f, obj):
    with LOCK:
        f.write(json.dumps(obj, sort_keys=True) + "\n")
        f.flush()


def addr(sa):
    return f"{sa[0]}:{sa[1]}"


def recv_line(sock, limit=256):
    line = b""
    while not line.endswith(b"\n"):
        b = sock.recv(1)
        if not b:
            return None
        line += b
        if len(line) > limit:
            raise ValueError("request line too long")
    return line


def recv_exact(sock, count):
    got = 0
    while got < count:
        data = sock.recv(min(65536, count - got))
        if not data:
            break
        got += len(data)
    return got


BLOCK = bytes(range(256)) * 256


def send_bytes(sock, count):
    sent = 0
    while sent < count:
        sent += sock.send(BLOCK[: min(len(BLOCK), count - sent)])
    return sent


def serve_one(conn, peer, local, logf, t_accept):
    rec = {"event": "closed", "id": None, "peer": addr(peer), "local": addr(local), "t_accept": t_accept,
           "rounds": 0, "bytes_in": 0, "bytes_out": 0, "error": None}
    conn.settimeout(30)
    try:
        while True:
            line = recv_line(conn)
            if line is None:
                break
            fields = dict(kv.split("=", 1) for kv in line.decode().split())
            if rec["id"] is None:
                rec["id"] = int(fields["id"])
                log(logf, {"event": "request", "id": rec["id"], "peer": rec["peer"], "local": rec["local"],
                           "t": round(time.time(), 6)})
            rec["bytes_in"] += len(line) + recv_exact(conn, int(fields["send"]) - len(line))
            rec["bytes_out"] += send_bytes(conn, int(fields["get"]))
            rec["rounds"] += 1
    except (OSError, ValueError, KeyError) as e:
        rec["error"] = str(e)
    finally:
        conn.close()
        rec["t_close"] = round(time.time(), 6)
        log(logf, rec)


def server(args):
    logf = open(args.log, "a")
    listeners = []
    for port in args.ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((args.bind, port))
        s.listen(128)
        listeners.append(s)
    end = time.time() + args.duration
    while time.time() < end:
        ready, _, _ = select.select(listeners, [], [], min(0.2, max(0.0, end - time.time())))
        for s in ready:
            conn, peer = s.accept()
            t = round(time.time(), 6)
            threading.Thread(target=serve_one, args=(conn, peer, conn.getsockname(), logf, t), daemon=True).start()
    with LOCK:
        logf.flush()
    os._exit(0)


def log_uniform(rng, lo, hi):
    return int(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))


def client_once(args, cid, port, plan, logf):
    rec = {"id": cid, "server": f"{args.host}:{port}", "server_port": port, "local": None, "connected": False,
           "error": None, "t_start": None, "t_connected": None, "t_closed": None, "rounds": plan,
           "bytes_sent": 0, "bytes_received": 0}
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        rec["t_start"] = round(time.time(), 6)
        err = s.connect_ex((args.host, port))
        rec["local"] = addr(s.getsockname())   # the SYN has gone: the kernel has chosen the port
        if err not in (0, errno.EINPROGRESS):
            raise OSError(err, os.strerror(err))
        _, w, _ = select.select([], [s], [], args.connect_timeout)
        if not w:
            raise TimeoutError("connect timed out")
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            raise OSError(err, os.strerror(err))
        rec["connected"] = True
        rec["t_connected"] = round(time.time(), 6)
        s.setblocking(True)
        s.settimeout(30)
        for r, (send, get) in enumerate(plan):
            if r:
                time.sleep(args.round_gap)
            line = f"id={cid} round={r} send={send} get={get}\n".encode()
            s.sendall(line + b"x" * max(0, send - len(line)))
            rec["bytes_sent"] += max(send, len(line))
            rec["bytes_received"] += recv_exact(s, get)
    except OSError as e:
        rec["error"] = str(e) or type(e).__name__
    finally:
        s.close()
        rec["t_closed"] = round(time.time(), 6)
        log(logf, rec)


def client(args):
    logf = open(args.log, "a")
    rng = random.Random(args.seed)
    send_lo, send_hi = (int(x) for x in args.send.split(":"))
    get_lo, get_hi = (int(x) for x in args.get.split(":"))
    threads = []
    t0 = time.time()
    for i in range(args.conns):
        plan = [(log_uniform(rng, send_lo, send_hi), log_uniform(rng, get_lo, get_hi)) for _ in range(args.rounds)]
        port = args.ports[i % len(args.ports)]
        delay = t0 + i * args.gap - time.time()
        if delay > 0:
            time.sleep(delay)
        t = threading.Thread(target=client_once, args=(args, args.first_id + i, port, plan, logf))
        t.start()
        threads.append(t)
    for t in threads:
        t.join(120)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="role", required=True)
    ports = lambda v: [int(x) for x in v.split(",")]
    s = sub.add_parser("server")
    s.add_argument("--bind", default="0.0.0.0")
    s.add_argument("--ports", type=ports, required=True)
    s.add_argument("--log", required=True)
    s.add_argument("--duration", type=float, default=60, help="seconds to accept and serve")
    c = sub.add_parser("client")
    c.add_argument("--host", required=True)
    c.add_argument("--ports", type=ports, required=True)
    c.add_argument("--log", required=True)
    c.add_argument("--conns", type=int, default=1)
    c.add_argument("--first-id", type=int, default=1)
    c.add_argument("--send", default="200:2000", help="MIN:MAX request bytes")
    c.add_argument("--get", default="1000:10000", help="MIN:MAX answer bytes")
    c.add_argument("--rounds", type=int, default=1)
    c.add_argument("--round-gap", type=float, default=0.0)
    c.add_argument("--gap", type=float, default=0.1, help="seconds between connection starts")
    c.add_argument("--connect-timeout", type=float, default=10)
    c.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    server(args) if args.role == "server" else client(args)


if __name__ == "__main__":
    sys.exit(main())
