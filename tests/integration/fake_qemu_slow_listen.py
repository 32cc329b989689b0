#!/usr/bin/env python3
"""Stands in for qemu-system-aarch64 in test_sisctl.sh (SIS_QEMU): binds every -qmp
socket, waits 0.5 s before listening on them (the window in which real QEMU refuses
connections to a socket file that already exists), then answers the QMP handshake,
query-status and quit. Nothing else of QEMU is imitated."""
import json
import select
import socket
import sys
import time

args = sys.argv[1:]
paths = [args[i + 1].split(",")[0][len("unix:"):] for i, a in enumerate(args[:-1]) if a == "-qmp"]
servers = []
for p in paths:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(p)
    servers.append(s)
time.sleep(0.5)
for s in servers:
    s.listen(4)

GREETING = {"QMP": {"version": {"qemu": {"major": 0, "minor": 0, "micro": 0}, "package": "fake"}, "capabilities": []}}
clients = {}
while True:
    readable, _, _ = select.select(servers + list(clients), [], [], 30)
    if not readable:
        sys.exit(1)  # nobody came: do not linger
    for r in readable:
        if r in servers:
            c, _ = r.accept()
            c.sendall((json.dumps(GREETING) + "\r\n").encode())
            clients[c] = b""
            continue
        data = r.recv(4096)
        if not data:
            del clients[r]
            r.close()
            continue
        clients[r] += data
        while b"\n" in clients[r]:
            line, _, clients[r] = clients[r].partition(b"\n")
            if not line.strip():
                continue
            msg = json.loads(line)
            reply = {"return": {}}
            if msg.get("execute") == "query-status":
                reply = {"return": {"status": "running", "running": True}}
            if "id" in msg:
                reply["id"] = msg["id"]
            r.sendall((json.dumps(reply) + "\r\n").encode())
            if msg.get("execute") == "quit":
                sys.exit(0)
