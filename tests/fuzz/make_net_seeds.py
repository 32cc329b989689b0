#!/usr/bin/env python3
"""Seeds for fuzz_net_rx: records [op][len:2][bytes] (op 0 frame, 1 tick, 2 drain/accept).

Usage: make_net_seeds.py OUTDIR. The frames are what slirp's gateway would send to
10.0.2.15: ARP, ICMP echo request and reply, UDP to port 7 and to a closed port, TCP
SYN/data/FIN to the listener on port 80, a SYN-ACK for the connecting socket, a RST, and a
DHCP offer and ack (broadcast, for the fuzzer's DHCP client's transaction)."""
import os
import struct
import sys

OUR_MAC = bytes.fromhex("525400123456")
PEER_MAC = bytes.fromhex("52550a000202")
OUR_IP = bytes([10, 0, 2, 15])
PEER_IP = bytes([10, 0, 2, 2])


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(typ, payload, dst=OUR_MAC):
    return dst + PEER_MAC + struct.pack("!H", typ) + payload


def ipv4(proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0x4000, 64, proto, 0, PEER_IP, OUR_IP)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def icmp(typ, ident, seq, data):
    m = struct.pack("!BBHHH", typ, 0, 0, ident, seq) + data
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def udp(sport, dport, data):
    length = 8 + len(data)
    pseudo = PEER_IP + OUR_IP + struct.pack("!BBH", 0, 17, length)
    u = struct.pack("!HHHH", sport, dport, length, 0) + data
    c = csum(pseudo + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def arp(op, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + PEER_MAC + PEER_IP + b"\0" * 6 + tpa


def tcp(sport, dport, seq, ack, flags, data=b"", mss=None):
    opts = struct.pack("!BBH", 2, 4, mss) if mss else b""
    off = (20 + len(opts)) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, 65535, 0, 0) + opts
    pseudo = PEER_IP + OUR_IP + struct.pack("!BBH", 0, 6, len(h) + len(data))
    c = csum(pseudo + h + data)
    return h[:16] + struct.pack("!H", c) + h[18:] + data


XID = 0x5151ABCD  # fuzz_net_rx.cpp's kFuzzXid


def dhcp_reply(msg_type):
    m = struct.pack("!BBBBIHH4s4s4s4s", 2, 1, 6, 0, XID, 0, 0x8000, b"\0" * 4, OUR_IP, PEER_IP, b"\0" * 4)
    m += OUR_MAC + b"\0" * 10 + b"\0" * 192 + bytes([99, 130, 83, 99])
    m += bytes([53, 1, msg_type, 54, 4]) + PEER_IP + bytes([1, 4, 255, 255, 255, 0, 3, 4]) + PEER_IP
    m += bytes([6, 4, 10, 0, 2, 3, 51, 4, 0, 1, 0x51, 0x80, 255])
    bcast = bytes([255] * 4)
    length = 8 + len(m)
    pseudo = PEER_IP + bcast + struct.pack("!BBH", 0, 17, length)
    u = struct.pack("!HHHH", 67, 68, length, 0) + m
    u = u[:6] + struct.pack("!H", csum(pseudo + u) or 0xFFFF) + u[8:]
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, PEER_IP, bcast)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return eth(0x0800, h + u, b"\xff" * 6)


def rec(op, b):
    return bytes([op]) + struct.pack("!H", len(b)) + b


seeds = {
    "arp_request": rec(0, eth(0x0806, arp(1, OUR_IP), b"\xff" * 6)),
    "echo_request": rec(0, eth(0x0800, ipv4(1, icmp(8, 1, 1, bytes(range(56)))))),
    "echo_reply_ping_socket": rec(0, eth(0x0800, ipv4(1, icmp(0, 0x1234, 1, b"abc")))) + rec(2, b""),
    "udp_port7_then_drain": rec(0, eth(0x0800, ipv4(17, udp(40000, 7, b"hello")))) + rec(2, b""),
    "udp_closed_port": rec(0, eth(0x0800, ipv4(17, udp(40000, 9, b"x")))),
    "tick_and_arp_reply": rec(1, b"\0" * 120) + rec(0, eth(0x0806, arp(2, OUR_IP))),
    "tcp_syn_to_listener": rec(0, eth(0x0800, ipv4(6, tcp(40000, 80, 1000, 0, 0x02, mss=1460)))),
    "tcp_syn_data_fin": rec(0, eth(0x0800, ipv4(6, tcp(40000, 80, 1000, 0, 0x02, mss=1460))))
    + rec(2, b"")
    + rec(0, eth(0x0800, ipv4(6, tcp(40000, 80, 1001, 0, 0x18, b"GET / HTTP/1.0\r\n\r\n"))))
    + rec(2, b"")
    + rec(0, eth(0x0800, ipv4(6, tcp(40000, 80, 1019, 0, 0x11))))
    + rec(1, b"\0" * 30),
    "tcp_synack_to_client": rec(0, eth(0x0800, ipv4(6, tcp(8080, 49152, 5000, 0, 0x12, mss=536)))),
    "tcp_rst_to_closed_port": rec(0, eth(0x0800, ipv4(6, tcp(40000, 99, 1, 0, 0x04)))),
    "dhcp_offer_then_ack": rec(1, b"\0") + rec(0, dhcp_reply(2)) + rec(1, b"\0") + rec(0, dhcp_reply(5)),
}
os.makedirs(sys.argv[1], exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        f.write(data)
