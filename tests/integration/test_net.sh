#!/usr/bin/env bash
# The network stack on the real kernel under QEMU's user-mode network (slirp; the launcher
# adds the virtio-net NIC): the address from slirp's DHCP server, and the static fallback
# when no server answers (the NIC on an empty QEMU hub); the kernel's ifconfig/netstat/ping,
# then Debian's unmodified
# busybox over the socket system calls: ping (raw ICMP socket + setitimer) and tftp (UDP)
# fetching a file from a TFTP server on the host (10.0.2.2 is the host's loopback), the
# checksum compared. Needs the sis_disk target.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
image="$build/disk/sis-disk.img"
[ -e "$image" ] || { echo "FAIL: $image missing: build the sis_disk target" >&2; exit 1; }
work=$(mktemp -d /tmp/sis-test-net.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 1. The kernel's own commands, without a disk.
out=$("$SISCTL" boot --quiet --exec "ifconfig --json" --exec "ping -c 3 -i 100 10.0.2.2" --exec "ping -c 1 10.0.2.15" \
  --exec "ping -c 1 -W 300 10.0.2.99" --exec "netstat --json" --exec "ping 10.0.2" --timeout 60 2>&1); st=$?
expect_status "kernel ping session (the unanswered ping and the bad address fail: exit 6)" $st 6
expect_in "ifconfig: link up" "$out" '"link_up":true'
expect_in "ifconfig: QEMU's user network offers no checksum offload" "$out" '"csum_offload_offered":false'
expect_in "ifconfig: the address slirp's DHCP server gave" "$out" '"address":"10.0.2.15","netmask":"255.255.255.0","gateway":"10.0.2.2","dns":"10.0.2.3","config":"dhcp","dhcp_server":"10.0.2.2","lease_s":86400'
expect_in "ping the gateway: 3 of 3" "$out" "3 packets transmitted, 3 received, 0% packet loss"
expect_in "ping our own address (loopback)" "$out" "1 packets transmitted, 1 received, 0% packet loss"
expect_in "unanswered ping times out" "$out" "no reply for icmp_seq=1 within 300 ms"
expect_in "ARP left the silent host incomplete" "$out" '{"address":"10.0.2.99","mac":"00:00:00:00:00:00","resolved":false}'
expect_in "bad address refused" "$out" "ping: ADDR must be an IPv4 address"
replies=$(sed -n 's/.*"echo_replies_in":\([0-9]*\).*/\1/p' <<<"$out")
[ "${replies:-0}" -ge 4 ] && pass "netstat counts the echo replies ($replies)" || fail "echo_replies_in was '${replies}'"
drops=$(sed -n 's/.*"dropped":\([0-9]*\).*/\1/p' <<<"$out")
[ "${drops:-x}" = 0 ] && pass "no frame dropped" || fail "dropped was '$drops'"

# 1b. No DHCP server on the link (the NIC on an empty QEMU hub instead of slirp): after 2 s
# the kernel falls back to slirp's static addresses and says why.
cat >"$work/qemu-no-dhcp" <<WRAPPER
#!/usr/bin/env bash
args=()
for a in "\$@"; do [[ \$a == user,id=net0* ]] && args+=("hubport,id=net0,hubid=0") || args+=("\$a"); done
exec ${SIS_QEMU:-qemu-system-aarch64} "\${args[@]}"
WRAPPER
chmod +x "$work/qemu-no-dhcp"
out=$(SIS_QEMU="$work/qemu-no-dhcp" "$SISCTL" boot --quiet --exec "ifconfig" --exec "dmesg" --timeout 60 2>&1)
expect_in "no DHCP answer: the static fallback" "$out" "static (QEMU user-network defaults): no DHCP answer within 2 s"
expect_in "... with the static address" "$out" "inet 10.0.2.15 netmask 255.255.255.0 gateway 10.0.2.2"
expect_in "... and a warning in the kernel log" "$out" "warn  net: eth0 10.0.2.15/24 gateway 10.0.2.2 (static fallback"

# 2. Unmodified busybox over the socket calls.
mkdir -p "$work/tftp"
head -c 300000 /dev/urandom >"$work/tftp/blob.bin"   # 586 blocks: a block number past 512, a short last one
want=$(md5sum <"$work/tftp/blob.bin" | cut -d' ' -f1)
python3 "$SIS_SOURCE_DIR/tests/integration/tftp_server.py" "$work/tftp" "$work/port" &
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port" 2>/dev/null)
[ -n "$port" ] || { fail "the TFTP server did not start"; finish; }
cp "$image" "$work/disk.img"
out=$("$SISCTL" boot --quiet --disk "$work/disk.img" --exec "procctl run /bin/busybox ping -c 2 10.0.2.2" \
  --exec "procctl run /bin/busybox tftp -g -r blob.bin -l /tmp/blob.bin 10.0.2.2 $port" \
  --exec "procctl run /bin/busybox md5sum /tmp/blob.bin" \
  --exec "procctl run /bin/busybox tftp -g -r missing.bin -l /tmp/missing.bin 10.0.2.2 $port" \
  --timeout 120 2>&1); st=$?
expect_status "busybox session (the missing file fails: exit 6)" $st 6
expect_in "busybox ping: 2 of 2" "$out" "2 packets transmitted, 2 packets received, 0% packet loss"
expect_in "busybox tftp fetched 300000 bytes intact" "$out" "$want  /tmp/blob.bin"
expect_in "tftp reports the server's error" "$out" "file not found"
finish
