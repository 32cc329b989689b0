#!/usr/bin/env bash
# TCP through the SIS stack with Debian's unmodified busybox, against real peers on the host
# (slirp: the host's 127.0.0.1 is 10.0.2.2 in the guest): wget fetches a file from Python's
# http.server, nc sends a file to a host listener and receives one from a host sender
# (checksums compared), and the host fetches a page from busybox httpd in SIS through a
# port forwarded with sisctl vm start --hostfwd. Then 64 MiB through nc in each direction,
# compared byte for byte by checksum: streamed, because the 64 MiB default disk cannot hold
# it (the guest checksums what arrives; what it sends is the 2 MB file repeated, which the
# host rebuilds). Needs the sis_disk target.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }
private_vm_runtime net-tcp itest
work="$SIS_RUNTIME_DIR/work"
mkdir -p "$work/www"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; remove_private_vm_runtime; }
trap cleanup EXIT
SIZE=${SIS_NET_TEST_BYTES:-2000000}
wait_port() { for _ in $(seq 1 100); do [ -s "$1" ] && { cat "$1"; return; }; sleep 0.1; done; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

head -c "$SIZE" /dev/urandom >"$work/www/blob.bin"
want=$(md5sum <"$work/www/blob.bin" | cut -d' ' -f1)
http_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$http_port" >/dev/null 2>&1 &
pids+=($!)
fwd_port=$(free_port)
cp "$image" "$work/disk.img"
out=$("$SISCTL" vm start --name itest --disk "$work/disk.img" --hostfwd "tcp:127.0.0.1:$fwd_port-:8080" --wait-boot 120 2>&1)
expect_status "vm start --hostfwd" $? 0
run() { "$SISCTL" proc run --name itest --timeout 120 "$@" 2>&1; }

# 1. wget from the host's http.server.
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$http_port) 2>/dev/null && break; sleep 0.1; done
out=$(run /bin/busybox wget -q -O /tmp/blob.bin "http://10.0.2.2:$http_port/blob.bin"); expect_status "busybox wget" $? 0
out=$(run /bin/busybox md5sum /tmp/blob.bin)
expect_in "wget: $SIZE bytes intact" "$out" "$want  /tmp/blob.bin"

# 2. nc guest -> host: the file wget fetched goes back to a host listener.
python3 "$SIS_SOURCE_DIR/tests/integration/tcp_peer.py" sink "$work/sink.port" "$work/sunk.bin" &
pids+=($!)
sink_pid=$!
port=$(wait_port "$work/sink.port")
out=$(run /bin/busybox sh -c "/bin/busybox nc 10.0.2.2 $port < /tmp/blob.bin"); expect_status "nc to the host" $? 0
wait "$sink_pid"
[ "$(md5sum <"$work/sunk.bin" | cut -d' ' -f1)" = "$want" ] && pass "nc guest->host: $SIZE bytes intact" ||
  fail "nc guest->host: the host received $(stat -c %s "$work/sunk.bin" 2>/dev/null) bytes, checksum differs"

# 3. nc host -> guest: a host sender, the guest writes what arrives to a file.
head -c "$SIZE" /dev/urandom >"$work/down.bin"
down=$(md5sum <"$work/down.bin" | cut -d' ' -f1)
python3 "$SIS_SOURCE_DIR/tests/integration/tcp_peer.py" source "$work/source.port" "$work/down.bin" &
pids+=($!)
port=$(wait_port "$work/source.port")
out=$(run /bin/busybox sh -c "/bin/busybox nc 10.0.2.2 $port > /tmp/down.bin"); expect_status "nc from the host" $? 0
out=$(run /bin/busybox md5sum /tmp/down.bin)
expect_in "nc host->guest: $SIZE bytes intact" "$out" "$down  /tmp/down.bin"

# 4. busybox httpd in SIS, fetched from the host through the forwarded port.
out=$(run /bin/busybox sh -c 'mkdir -p /tmp/www && echo "hello from SIS httpd" > /tmp/www/index.html && cp /tmp/blob.bin /tmp/www/ && /bin/busybox httpd -p 8080 -h /tmp/www')
expect_status "busybox httpd starts (daemon)" $? 0
page=""
for _ in $(seq 1 50); do page=$(curl -s --max-time 10 "http://127.0.0.1:$fwd_port/index.html") && [ -n "$page" ] && break; sleep 0.2; done
expect_in "host fetches the page through --hostfwd" "$page" "hello from SIS httpd"
got=$(curl -s --max-time 120 "http://127.0.0.1:$fwd_port/blob.bin" | md5sum | cut -d' ' -f1)
[ "$got" = "$want" ] && pass "host fetches $SIZE bytes from httpd intact" || fail "httpd download checksum $got, expected $want"
out=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$fwd_port/missing.html")
[ "$out" = 404 ] && pass "httpd answers 404 for a missing page" || fail "missing page status '$out'"

# 5. 64 MiB each way (SIS_NET_BIG_BYTES), streamed.
BIG=${SIS_NET_BIG_BYTES:-$((64 << 20))}
head -c "$BIG" /dev/urandom >"$work/big-down.bin"
big_down=$(md5sum <"$work/big-down.bin" | cut -d' ' -f1)
python3 "$SIS_SOURCE_DIR/tests/integration/tcp_peer.py" source "$work/big-source.port" "$work/big-down.bin" &
pids+=($!)
port=$(wait_port "$work/big-source.port")
out=$("$SISCTL" proc run --name itest --timeout 600 /bin/busybox sh -c "/bin/busybox nc 10.0.2.2 $port | /bin/busybox md5sum" 2>&1)
expect_in "nc host->guest: $BIG bytes intact" "$out" "$big_down  -"
reps=$(( (BIG + SIZE - 1) / SIZE ))
python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.stdout.buffer.write((d*int(sys.argv[2]))[:int(sys.argv[3])])' \
  "$work/www/blob.bin" "$reps" "$BIG" >"$work/big-up.bin"
big_up=$(md5sum <"$work/big-up.bin" | cut -d' ' -f1)
rm -f "$work/big-up.bin" "$work/big-down.bin"
python3 "$SIS_SOURCE_DIR/tests/integration/tcp_peer.py" sink "$work/big-sink.port" "$work/big-sunk.bin" &
pids+=($!)
sink_pid=$!
port=$(wait_port "$work/big-sink.port")
out=$("$SISCTL" proc run --name itest --timeout 600 /bin/busybox sh -c \
  "i=0; while [ \$i -lt $reps ]; do /bin/busybox cat /tmp/blob.bin; i=\$((i+1)); done | /bin/busybox head -c $BIG | /bin/busybox nc 10.0.2.2 $port" 2>&1)
expect_status "nc of $BIG bytes to the host" $? 0
wait "$sink_pid"
[ "$(md5sum <"$work/big-sunk.bin" | cut -d' ' -f1)" = "$big_up" ] && pass "nc guest->host: $BIG bytes intact" ||
  fail "nc guest->host: the host received $(stat -c %s "$work/big-sunk.bin" 2>/dev/null) of $BIG bytes, checksum differs"
rm -f "$work/big-sunk.bin"

out=$("$SISCTL" vm stop --name itest 2>&1); expect_status "vm stop" $? 0
finish
