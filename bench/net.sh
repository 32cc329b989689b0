#!/usr/bin/env bash
# Network benchmarks of SIS under QEMU's user-mode network (slirp), TCG, one vCPU, with
# Debian's unmodified busybox in SIS and Python peers on the host (10.0.2.2 in the guest is
# the host's 127.0.0.1):
#   tcp guest->host   busybox nc 10.0.2.2 PORT < FILE into a Python sink   MB/s (sink clock:
#                     first byte to the guest's FIN)
#   tcp host->guest   a Python source sends FILE; busybox nc 10.0.2.2 PORT > /dev/null   MB/s
#                     (source clock: accept to the guest's close)
#   http host->guest  busybox wget from Python http.server, timed by busybox time -p   MB/s
#   udp round trips   busybox tftp of FILE from a Python TFTP server: one 512-byte DATA +
#                     ACK exchange per block, blocks/s (UDP lock-step, not a flood)
#   icmp rtt          the kernel's ping -c 20 -i 50 10.0.2.2 (min/avg/max ms) and busybox ping
# usage: bench/net.sh [MiB]   (default 16; SIS_BUILD_DIR, SISCTL as the other benches)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIS_BUILD_DIR:-$root/build}
sisctl=${SISCTL:-$build/bin/sisctl}
mib=${1:-16}
[ -e "$build/disk/sis-disk.img" ] || { echo "bench/net.sh: build the sis_disk target" >&2; exit 2; }
export SIS_RUNTIME_DIR
SIS_RUNTIME_DIR=$(mktemp -d /tmp/sis-bench-net.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$sisctl" vm stop --name bnet >/dev/null 2>&1 || true
  rm -rf "$SIS_RUNTIME_DIR"
}
trap cleanup EXIT
w=$SIS_RUNTIME_DIR
head -c $((mib << 20)) /dev/urandom >"$w/blob.bin"
bytes=$((mib << 20))
wait_port() { for _ in $(seq 1 100); do [ -s "$1" ] && { cat "$1"; return; }; sleep 0.1; done; }
cp "$build/disk/sis-disk.img" "$w/disk.img"
"$sisctl" vm start --name bnet --disk "$w/disk.img" --wait-boot 120 >/dev/null
run() { "$sisctl" proc run --name bnet --timeout 600 "$@" 2>&1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Timed TCP peers: print seconds between accept (source) or first byte (sink) and the end.
peer() {
  python3 - "$@" <<'PY'
import os, socket, sys, time
mode, portfile, path = sys.argv[1:4]
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
open(portfile + ".t", "w").write(str(srv.getsockname()[1])); os.rename(portfile + ".t", portfile)
c, _ = srv.accept()
n = 0
if mode == "sink":
    b = c.recv(1 << 20); t0 = time.monotonic(); n = len(b)
    while b:
        b = c.recv(1 << 20); n += len(b)
else:
    data = open(path, "rb").read(); t0 = time.monotonic()
    c.sendall(data); c.shutdown(socket.SHUT_WR); n = len(data)
    while c.recv(65536): pass
print("%d %.6f" % (n, time.monotonic() - t0))
PY
}
rate() { python3 -c "import sys; n,t=map(float,sys.argv[1:]); print('%.2f' % (n/t/1e6))" "$@"; }

# The file the guest sends: fetched once over HTTP (also the http number).
python3 -m http.server --bind 127.0.0.1 --directory "$w" 0 >"$w/http.log" 2>&1 &
pids+=($!)
http_port=""
for _ in $(seq 1 100); do http_port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$w/http.log" | head -1); [ -n "$http_port" ] && break; sleep 0.1; done
out=$(run /bin/busybox time -p /bin/busybox wget -q -O /tmp/blob.bin "http://10.0.2.2:$http_port/blob.bin")
secs=$(sed -n 's/^real \([0-9.]*\)/\1/p' <<<"$out")
echo "http host->guest (wget, $mib MiB): $(rate "$bytes" "$secs") MB/s ($secs s)"

peer sink "$w/sink.port" - >"$w/sink.out" &
pids+=($!)
sp=$!
port=$(wait_port "$w/sink.port")
run /bin/busybox sh -c "/bin/busybox nc 10.0.2.2 $port < /tmp/blob.bin" >/dev/null
wait "$sp"
read -r n t <"$w/sink.out"
echo "tcp guest->host (nc, $mib MiB): $(rate "$n" "$t") MB/s ($n bytes in $t s)"

peer source "$w/source.port" "$w/blob.bin" >"$w/source.out" &
pids+=($!)
sp=$!
port=$(wait_port "$w/source.port")
run /bin/busybox sh -c "/bin/busybox nc 10.0.2.2 $port > /dev/null" >/dev/null
wait "$sp"
read -r n t <"$w/source.out"
echo "tcp host->guest (nc, $mib MiB): $(rate "$n" "$t") MB/s ($n bytes in $t s)"

mkdir -p "$w/tftp"
head -c $((2 << 20)) /dev/urandom >"$w/tftp/t.bin"
python3 "$root/tests/integration/tftp_server.py" "$w/tftp" "$w/tftp.port" &
pids+=($!)
port=$(wait_port "$w/tftp.port")
out=$(run /bin/busybox time -p /bin/busybox tftp -g -r t.bin -l /tmp/t.bin 10.0.2.2 "$port")
secs=$(sed -n 's/^real \([0-9.]*\)/\1/p' <<<"$out")
python3 -c "import sys; s=float(sys.argv[1]); print('udp round trips (tftp 2 MiB, 4097 blocks): %.0f blocks/s (%.2f s)' % (4097/s, s))" "$secs"

out=$("$sisctl" proc run --name bnet /bin/busybox ping -c 10 10.0.2.2 2>&1 | tail -1)
echo "icmp rtt, busybox ping -c 10 10.0.2.2: $out"
"$sisctl" vm stop --name bnet >/dev/null
out=$("$sisctl" boot --quiet --exec "ping -c 20 -i 50 10.0.2.2" --timeout 60 2>&1 | grep rtt || true)
echo "icmp rtt, kernel ping -c 20 -i 50 10.0.2.2: $out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
