#!/usr/bin/env python3
"""The host side of test_net_tcp.sh's stream checks (10.0.2.2 inside the guest is this
host's 127.0.0.1 under slirp).

  tcp_peer.py sink PORTFILE OUTFILE     accept one connection, write what arrives to OUTFILE
                                        until the peer closes, then exit
  tcp_peer.py source PORTFILE INFILE    accept one connection, send INFILE, close, exit

Binds 127.0.0.1 on a free port and writes the port to PORTFILE first."""
import os
import socket
import sys

mode, portfile, path = sys.argv[1:4]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
srv.settimeout(300)
conn, _ = srv.accept()
conn.settimeout(300)
if mode == "sink":
    with open(path, "wb") as out:
        while True:
            b = conn.recv(65536)
            if not b:
                break
            out.write(b)
else:
    with open(path, "rb") as f:
        conn.sendall(f.read())
    conn.shutdown(socket.SHUT_WR)
    while conn.recv(65536):  # until the guest closes too
        pass
conn.close()
