#!/usr/bin/env python3
"""A TFTP server (RFC 1350, read requests in octet mode, 512-byte blocks) for test_net.sh:
the guest's unmodified busybox tftp fetches a file over the SIS UDP stack through slirp.

Usage: tftp_server.py DIR PORTFILE. Binds 127.0.0.1 on a free port, writes the port to
PORTFILE, serves files from DIR until killed. Options a client asks for (RFC 2347) are
ignored, which the RFC allows: the client then uses the defaults. Each transfer is answered
from the listening socket, block by block, retransmitting a block after 1 s without its ACK."""
import os
import socket
import struct
import sys

root, portfile = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(portfile + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)


def error(peer, code, msg):
    s.sendto(struct.pack("!HH", 5, code) + msg.encode() + b"\0", peer)


while True:
    pkt, peer = s.recvfrom(2048)
    if len(pkt) < 4 or struct.unpack("!H", pkt[:2])[0] != 1:
        continue
    name = pkt[2:].split(b"\0")[0].decode(errors="replace")
    path = os.path.join(root, os.path.basename(name))
    if not os.path.isfile(path):
        error(peer, 1, "file not found")
        continue
    data = open(path, "rb").read()
    block = 1
    s.settimeout(1.0)
    tries = 0
    while True:
        chunk = data[(block - 1) * 512 : block * 512]
        s.sendto(struct.pack("!HH", 3, block & 0xFFFF) + chunk, peer)
        try:
            ack, who = s.recvfrom(2048)
        except socket.timeout:
            tries += 1
            if tries > 5:
                break
            continue
        if who != peer or len(ack) < 4:
            continue
        op, n = struct.unpack("!HH", ack[:4])
        if op == 4 and n == block & 0xFFFF:
            tries = 0
            if len(chunk) < 512:
                break
            block += 1
    s.settimeout(None)
