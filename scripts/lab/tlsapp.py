#!/usr/bin/env python3
"""HTTPS download for the capture lab (the https_download scenario of make-captures.sh): a TLS
server that answers one HTTP/1.1 GET with a large body and then ends the connection badly, and
a TLS client that sends SNI, verifies the certificate and reads the answer. Python's ssl module
on real kernel TCP, standard library only. It is separate from tcpapp.py because that one
speaks a plain-text protocol of its own; this one gives `tcplens explain` a real TLS handshake
(ClientHello with SNI) in front of a download.

The server's close is the failure: after the body it sends a FIN (shutdown(SHUT_WR), no TLS
close_notify), waits until the FIN has left (SIOCOUTQNSD, the bytes not yet sent, is 0), then
--rst-after seconds later closes with SO_LINGER {on, 0}, so the kernel sends a RST while the
client may still be ACKing or waiting for retransmissions. Every wait is bounded.
"""
import argparse
import fcntl
import socket
import ssl
import struct
import sys
import time

SIOCOUTQNSD = 0x894B  # linux/sockios.h: bytes in the send queue not yet sent (the FIN counts)
TCP_STATES = {1: "ESTABLISHED (no FIN, no RST)", 7: "CLOSE (reset)", 8: "CLOSE_WAIT (FIN received)"}


def unsent(sock):
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), SIOCOUTQNSD, b"\0" * 4))[0]


def read_head(tls):
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536:
        data = tls.recv(4096)
        if not data:
            break
        head += data
    return head


def server(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((args.bind, args.port))
    s.listen(8)
    s.settimeout(args.timeout)
    raw, _ = s.accept()
    raw.settimeout(args.timeout)
    tls = ctx.wrap_socket(raw, server_side=True)
    try:
        request = read_head(tls)
        line = request.split(b"\r\n")[0].decode(errors="replace")
        print(f"server: {tls.version()}, request {line!r}", file=sys.stderr)
        tls.sendall(b"HTTP/1.1 200 OK\r\nServer: tlsapp\r\nContent-Type: application/octet-stream\r\n"
                    b"Content-Length: %d\r\n\r\n" % args.body)
        block = bytes(range(256)) * 64
        sent = 0
        while sent < args.body:
            n = min(len(block), args.body - sent)
            tls.sendall(block[:n])
            sent += n
        tls.shutdown(socket.SHUT_WR)  # drops the TLS layer without close_notify, queues the FIN
        deadline = time.monotonic() + args.timeout
        while unsent(tls) > 0 and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(args.rst_after)
        tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError as e:
        print(f"server: {e}", file=sys.stderr)
    finally:
        tls.close()
        s.close()


def client(args):
    ctx = ssl.create_default_context(cafile=args.cafile)
    tls = ctx.wrap_socket(socket.create_connection((args.host, args.port), timeout=args.timeout),
                          server_hostname=args.sni, suppress_ragged_eofs=False)
    got, want, end = 0, None, "EOF after close_notify"
    try:
        tls.sendall(f"GET {args.path} HTTP/1.1\r\nHost: {args.sni}\r\nUser-Agent: tlsapp/1.0\r\n"
                    f"Accept: */*\r\n\r\n".encode())
        head = read_head(tls)
        header, _, body = head.partition(b"\r\n\r\n")
        for line in header.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                want = int(value)
        got = len(body)
        # read the body, then keep reading as a keep-alive client would, until the server ends;
        # a FIN without close_notify raises SSLEOFError, a RST (usually) ConnectionResetError
        while True:
            data = tls.recv(65536)
            if not data:
                break
            got += len(data)
    except OSError as e:
        # Python's ssl often reports a RST as an EOF too; the TCP state tells them apart
        state = TCP_STATES.get(tls.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0], "?")
        end = f"{type(e).__name__} ({e}), TCP state {state}"
    finally:
        tls.close()
    print(f"client: body {got} of {want} bytes, then {end}", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="role", required=True)
    s = sub.add_parser("server")
    s.add_argument("--bind", default="0.0.0.0")
    s.add_argument("--port", type=int, default=443)
    s.add_argument("--cert", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--body", type=int, default=1500000, help="response body bytes")
    s.add_argument("--rst-after", type=float, default=0.01, help="seconds from the FIN leaving to the RST")
    s.add_argument("--timeout", type=float, default=20)
    c = sub.add_parser("client")
    c.add_argument("--host", required=True)
    c.add_argument("--port", type=int, default=443)
    c.add_argument("--sni", default="download.example")
    c.add_argument("--cafile", required=True, help="the server's (self-signed) certificate")
    c.add_argument("--path", default="/")
    c.add_argument("--timeout", type=float, default=20)
    args = p.parse_args()
    server(args) if args.role == "server" else client(args)


if __name__ == "__main__":
    main()
