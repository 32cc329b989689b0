#!/usr/bin/env bash
# Loopback (lo, 127.0.0.0/8) on the real kernel with Debian's unmodified busybox: nc listens
# on port 7000 (handing the connection to dd), a second nc sends 256 KiB of /bin/busybox to
# 127.0.0.1:7000 and the copy's checksum must match; busybox ping -c 3 127.0.0.1 gets its
# three replies; the kernel's ping reaches 127.1.2.3; ifconfig shows lo's counters, and the
# NIC sent none of that traffic (eth0's TX count is unchanged). Needs the sis_disk target.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
busybox="$build/disk/rootfs/bin/busybox"
for f in "$image" "$busybox"; do
  [ -e "$f" ] || { echo "FAIL: $f missing: build the sis_disk target" >&2; exit 1; }
done
work=$(mktemp -d /tmp/sis-test-net-lo.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$image" "$work/disk.img"
want=$(head -c 262144 "$busybox" | md5sum | cut -d' ' -f1)

# The listener hands the accepted connection to dd (nc -e); the client retries until the
# listener is up, sends the file and shuts down its side; dd ends at end of stream.
session='cd /tmp; bb=/bin/busybox; $bb dd if=$bb of=/tmp/blob.bin bs=4096 count=64 2>/dev/null;
$bb nc -l -p 7000 -e $bb dd of=/tmp/got.bin 2>/dev/null & ok=no; i=0;
while [ $i -lt 50 ]; do if $bb nc 127.0.0.1 7000 < /tmp/blob.bin; then ok=yes; break; fi; i=$((i+1)); $bb usleep 100000; done;
echo nc-client-done $ok; wait; $bb md5sum /tmp/got.bin'
session=${session//$'\n'/ }
out=$("$SISCTL" boot --quiet --disk "$work/disk.img" --exec "ifconfig --json" \
  --exec "procctl run /bin/busybox sh -c \"$session\"" \
  --exec "procctl run /bin/busybox ping -c 3 127.0.0.1" \
  --exec "ping -c 1 -i 100 127.1.2.3" \
  --exec "ifconfig --json" --exec "ifconfig" --exec "netstat --json" --timeout 120 2>&1); st=$?
expect_status "loopback session" $st 0
expect_in "nc over 127.0.0.1: the client connected and finished" "$out" "nc-client-done yes"
expect_in "nc over 127.0.0.1: 262144 bytes intact" "$out" "$want  /tmp/got.bin"
expect_in "busybox ping 127.0.0.1: 3 of 3" "$out" "3 packets transmitted, 3 packets received, 0% packet loss"
expect_in "busybox ping: replies come from 127.0.0.1" "$out" "bytes from 127.0.0.1: seq=2"
expect_in "kernel ping to another 127/8 address" "$out" "1 packets transmitted, 1 received, 0% packet loss"
expect_in "ifconfig shows lo" "$out" "lo: loopback, mtu 1500"
expect_in "... with its address" "$out" "inet 127.0.0.1 netmask 255.0.0.0"

# eth0's and lo's counters before and after (the two ifconfig --json lines).
mapfile -t ifc < <(grep '^{"name":"eth0"' <<<"$out")
[ "${#ifc[@]}" = 2 ] || { fail "expected two ifconfig --json lines, got ${#ifc[@]}"; finish; }
eth_before=$(sed -n 's/^{"name":"eth0".*"tx_packets":\([0-9]*\),"tx_bytes".*"lo".*/\1/p' <<<"${ifc[0]}")
eth_after=$(sed -n 's/^{"name":"eth0".*"tx_packets":\([0-9]*\),"tx_bytes".*"lo".*/\1/p' <<<"${ifc[1]}")
lo_before=$(sed -n 's/.*"lo":{.*"rx_bytes":\([0-9]*\).*/\1/p' <<<"${ifc[0]}")
lo_after=$(sed -n 's/.*"lo":{.*"rx_bytes":\([0-9]*\).*/\1/p' <<<"${ifc[1]}")
[ -n "$eth_before" ] && [ "$eth_before" = "$eth_after" ] && pass "the NIC sent nothing ($eth_before packets before and after)" ||
  fail "eth0 tx_packets went from '$eth_before' to '$eth_after'"
[ -n "$lo_after" ] && [ $((lo_after - lo_before)) -ge 262144 ] && pass "lo received $((lo_after - lo_before)) bytes" ||
  fail "lo rx_bytes went from '$lo_before' to '$lo_after'"
expect_in "no martian on slirp's link" "$out" '"martian":0'
finish
