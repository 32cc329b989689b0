#!/usr/bin/env bash
# Network benchmarks of SIS against the Linux peer (issue 26), in one invocation: the same
# workloads on SIS and then on Debian 12's arm64 Linux, both under the same QEMU (virt, GICv3,
# cortex-a72, TCG, one vCPU, 256 MiB) with the same NIC as SIS's launcher
# (-netdev user,id=net0 -device virtio-net-pci,netdev=net0,disable-legacy=on,romfile=) on QEMU's
# user-mode network (slirp; 10.0.2.2 in the guest is the host's 127.0.0.1), running Debian's
# unmodified busybox (the default disk's /bin/busybox) against the same Python peers on the host:
#   http host->guest  busybox wget of FILE from python3 -m http.server into /tmp on the disk,
#                     timed by busybox time -p   MB/s
#   tcp host->guest   a Python source sends FILE; nc 10.0.2.2 PORT > /dev/null, timed by busybox
#                     time -p (connect to the socket's end of file)   MB/s. Not by the source:
#                     nc's stdin is /dev/null (sisctl proc run's), so nc half-closes at once and
#                     the source could only time until its data sat in the host's socket buffers
#   tcp guest->host   nc 10.0.2.2 PORT < /tmp/blob.bin (the file wget wrote) into a Python sink
#                     MB/s (sink clock: first byte to the guest's FIN)
#   tcp guest->host, pipe   dd if=/dev/zero bs=64k | nc into a sink: the same bytes without
#                     the file system
#   udp round trips   busybox tftp of 2 MiB from a Python TFTP server: one 512-byte DATA + ACK
#                     exchange per block, blocks/s (UDP lock-step, not a flood)
#   icmp rtt          busybox ping -c 10 10.0.2.2 (min/avg/max ms); SIS alone: its kernel's ping
# Each guest command is the same string, run by busybox sh -c on both. Both guests run on a copy
# of the default disk (ext4, the launcher's virtio-blk line): SIS boots from it with
# `sisctl vm start`, runs each command with `sisctl proc run`; Linux boots an initramfs with the
# same /bin (bench/linux_peer.sh; the kernel is apt-get downloaded into build/bench/linux-peer on
# first use), insmods Debian's virtio_net (and failover, net_failover) and ext4 modules, sets eth0
# statically (busybox ip: 10.0.2.15/24, default via 10.0.2.2, as slirp's DHCP would), mounts the
# disk on /mnt, uses /mnt/tmp for /tmp, and drops its page cache before the file is sent (SIS
# reads file data from the device, not from a cache); both run busybox sync between the
# commands, untimed. Prints one table: SIS, Linux, SIS/Linux,
# and each guest's busy share of its CPU during each command (SIS: idle_ns of its metrics;
# Linux: /proc/stat): a guest near 100% is bound by its own instructions under TCG, a mostly
# idle one by what is outside it (slirp, QEMU's device emulation, the host's peers and load).
# usage: bench/net.sh [--sis-only|--linux-only] [MiB]   (default 16; SIS_BUILD_DIR, SISCTL,
#        SIS_QEMU as the other benches; LINUX_APPEND: more Linux kernel arguments, e.g.
#        mitigations=off for a diagnosis; LINUX_LOG: a file for Linux's console; run it under
#        flock /tmp/sis-qemu.lock)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIS_BUILD_DIR:-$root/build}
sisctl=${SISCTL:-$build/bin/sisctl}
qemu=${SIS_QEMU:-qemu-system-aarch64}
do_sis=1 do_linux=1
case "${1:-}" in
  --sis-only) do_linux=0; shift ;;
  --linux-only) do_sis=0; shift ;;
  -*) sed -n '2,36p' "$0" >&2; exit 2 ;;
esac
mib=${1:-16}
case "$mib" in ''|*[!0-9]*|0) sed -n '2,36p' "$0" >&2; exit 2 ;; esac
rootfs=$build/disk/rootfs
[ -e "$build/disk/sis-disk.img" ] && [ -x "$rootfs/bin/busybox" ] ||
  { echo "bench/net.sh: build the sis_disk target" >&2; exit 2; }
export SIS_RUNTIME_DIR
SIS_RUNTIME_DIR=$(mktemp -d /tmp/sis-bench-net.XXXXXX)
w=$SIS_RUNTIME_DIR
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ "$do_sis" = 0 ] || "$sisctl" vm stop --name bnet >/dev/null 2>&1 || true
  rm -rf "$SIS_RUNTIME_DIR"
}
trap cleanup EXIT
bytes=$((mib << 20))
mkdir -p "$w/files/tftp"
head -c "$bytes" /dev/urandom >"$w/files/blob.bin"
head -c $((2 << 20)) /dev/urandom >"$w/files/tftp/t.bin"

# The guest commands, the same on both; TMP is /tmp on SIS, /mnt/tmp on Linux.
names=(http-recv tcp-recv tcp-send tcp-send-pipe tftp ping)
declare -A cmd=(
  [http-recv]="/bin/busybox time -p /bin/busybox wget -q -O TMP/blob.bin http://10.0.2.2:PORT/blob.bin"
  [tcp-recv]="/bin/busybox time -p /bin/busybox nc 10.0.2.2 PORT > /dev/null"
  [tcp-send]="/bin/busybox nc 10.0.2.2 PORT < TMP/blob.bin"
  [tcp-send-pipe]="/bin/busybox dd if=/dev/zero bs=65536 count=$((mib * 16)) 2>/dev/null | /bin/busybox nc 10.0.2.2 PORT"
  [tftp]="/bin/busybox time -p /bin/busybox tftp -g -r t.bin -l TMP/t.bin 10.0.2.2 PORT"
  [ping]="/bin/busybox ping -c 10 10.0.2.2"
)
# The command for one guest: guest_cmd NAME TMP PORT.
guest_cmd() { local c=${cmd[$1]//TMP/$2}; echo "${c//PORT/$3}"; }

# Timed TCP peers: print bytes and seconds between accept (source) or first byte (sink) and the end.
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
wait_file() { for _ in $(seq 1 100); do [ -s "$1" ] && { cat "$1"; return; }; sleep 0.1; done; }
# The host's servers for one guest, in $w/$1: http.server, a source, two sinks, the TFTP server.
# Sets port[NAME] for each guest command.
declare -A port peerpid
serve() {
  local d=$w/$1 p s
  mkdir -p "$d"
  python3 -u -m http.server --bind 127.0.0.1 --directory "$w/files" 0 >"$d/http.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    p=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$d/http.log" | head -1); [ -n "$p" ] && break; sleep 0.1
  done
  port[http-recv]=$p
  peer source "$d/tcp-recv.port" "$w/files/blob.bin" >"$d/tcp-recv.out" &
  pids+=($!); peerpid[tcp-recv]=$!
  for s in tcp-send tcp-send-pipe; do
    peer sink "$d/$s.port" - >"$d/$s.out" &
    pids+=($!); peerpid[$s]=$!
  done
  python3 "$root/tests/integration/tftp_server.py" "$w/files/tftp" "$d/tftp.port" &
  pids+=($!)
  for s in tcp-recv tcp-send tcp-send-pipe tftp; do port[$s]=$(wait_file "$d/$s.port"); done
  port[ping]=""
}
# A timed peer's "bytes seconds" once it is done (it ends at the guest's close; 30 s at most).
peer_result() {
  local pid=${peerpid[$2]}
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill "$pid" 2>/dev/null || true
  cat "$w/$1/$2.out" 2>/dev/null || true
}
# The results of one guest, from its outputs: res[SIDE,NAME] (a number) and txt[SIDE,NAME];
# busy[SIDE,NAME]: the share of the guest's CPU time not idle during the command.
declare -A res txt busy
# SIS: the kernel's clock and idle time (metrics' sched group), "ts_ns idle_ns".
sis_cpu() {
  "$sisctl" metrics --name bnet --count 1 --rate 50 --fields sched 2>/dev/null |
    python3 -c 'import json, sys; d = json.loads(sys.stdin.readline()); print(d["ts_ns"], d["sched"]["idle_ns"])' 2>/dev/null || true
}
sis_busy() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x); split(b, y); if (y[1] > x[1]) printf "%.0f%%", 100 * (1 - (y[2] - x[2]) / (y[1] - x[1])) }'; }
# Linux: the first and the last "NET-CPU cpu user nice system idle iowait irq softirq steal ..."
# of a command's output (/proc/stat); idle and iowait count as not busy.
linux_busy() {
  awk '$1 == "NET-CPU" { t = 0; for (i = 3; i <= 10; ++i) t += $i; if (!n++) { t0 = t; i0 = $6 + $7 } else { t1 = t; i1 = $6 + $7 } }
       END { if (n >= 2 && t1 > t0) printf "%.0f%%", 100 * (1 - (i1 - i0) / (t1 - t0)) }' <<<"$1"
}
mbs() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.2f", n / t / 1e6 }'; }
real_secs() { sed -n 's/^real \([0-9.]*\)/\1/p' <<<"$1" | head -1; }
collect() {  # collect SIDE NAME OUTPUT
  local side=$1 name=$2 out=$3 n t s
  case "$name" in
    tcp-recv)  # the guest's time, once the source has sent all (else it printed nothing)
      read -r n t <<<"$(peer_result "$side" "$name")" || true
      s=$(real_secs "$out")
      [ -z "$s" ] || [ "${n:-}" != "$bytes" ] || { res[$side,$name]=$(mbs "$bytes" "$s"); txt[$side,$name]="${res[$side,$name]} MB/s"; } ;;
    http-recv)
      s=$(real_secs "$out")
      [ -z "$s" ] || { res[$side,$name]=$(mbs "$bytes" "$s"); txt[$side,$name]="${res[$side,$name]} MB/s"; } ;;
    tcp-*)
      read -r n t <<<"$(peer_result "$side" "$name")" || true
      if [ -n "${t:-}" ] && [ "$n" = "$bytes" ]; then
        res[$side,$name]=$(mbs "$n" "$t"); txt[$side,$name]="${res[$side,$name]} MB/s"
      elif [ -n "${t:-}" ]; then
        echo "bench/net.sh: $side $name: $n of $bytes bytes arrived" >&2
      fi ;;
    tftp)
      s=$(real_secs "$out")
      [ -z "$s" ] || { res[$side,$name]=$(awk -v s="$s" 'BEGIN { printf "%.0f", 4097 / s }'); txt[$side,$name]="${res[$side,$name]} blocks/s"; } ;;
    ping*)
      s=$(sed -n 's|.*min/avg/max = \([0-9.]*\)/\([0-9.]*\)/\([0-9.]*\) ms.*|\1 \2 \3|p' <<<"$out" | head -1)
      [ -z "$s" ] || { read -r a b c <<<"$s"; res[$side,$name]=$b; txt[$side,$name]="$a/$b/$c ms"; } ;;
  esac
  [ -n "${res[$side,$name]:-}" ] || { echo "bench/net.sh: $side gave no $name result; its output:" >&2; tail -5 <<<"$out" >&2; }
}

load_sis=- load_linux=-
if [ "$do_sis" = 1 ]; then
  serve sis
  cp "$build/disk/sis-disk.img" "$w/sis-disk.img"
  load_sis=$(cut -d' ' -f1-3 /proc/loadavg)
  "$sisctl" vm start --name bnet --disk "$w/sis-disk.img" --wait-boot 120 >/dev/null
  for name in "${names[@]}"; do
    c0=$(sis_cpu)
    out=$("$sisctl" proc run --name bnet --timeout 600 /bin/busybox sh -c "$(guest_cmd "$name" /tmp "${port[$name]}")" 2>&1 || true)
    c1=$(sis_cpu)
    collect sis "$name" "$out"
    busy[sis,$name]=$(sis_busy "$c0" "$c1")
    "$sisctl" proc run --name bnet --timeout 120 /bin/busybox sync >/dev/null 2>&1 || true  # as on Linux
  done
  "$sisctl" vm stop --name bnet >/dev/null
  out=$("$sisctl" boot --quiet --exec "ping -c 20 -i 50 10.0.2.2" --timeout 60 2>&1 || true)
  collect sis ping-kernel "$out"
fi

linux_features=""
if [ "$do_linux" = 1 ]; then
  serve linux
  . "$root/bench/linux_peer.sh"
  lpeer=$build/bench/linux-peer
  kernel=$(linux_peer_kernel "$lpeer")
  mods="virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net virtio_blk crc16 mbcache jbd2 crc32c_generic libcrc32c ext4"
  {
    echo 'ip link set lo up; ip addr add 10.0.2.15/24 dev eth0; ip link set eth0 up; ip route add default via 10.0.2.2'
    echo 'mount -t ext4 -o noinit_itable /dev/vda /mnt'
    echo 'echo "NET-FEATURES $(cat /sys/class/net/eth0/device/features)"'
    for name in "${names[@]}"; do
      # sync after each command (written data goes to the disk between the commands, not during
      # the next one); nc < file reads from the disk, not from the page cache.
      [ "$name" != tcp-send ] || echo 'echo 3 > /proc/sys/vm/drop_caches'
      echo "echo NET-BEGIN $name; echo \"NET-CPU \$(head -1 /proc/stat)\""
      printf '/bin/busybox sh -c %q </dev/null 2>&1\n' "$(guest_cmd "$name" /mnt/tmp "${port[$name]}")"
      echo "echo \"NET-CPU \$(head -1 /proc/stat)\"; echo NET-END $name; sync"
    done
    echo 'umount /mnt; poweroff -f'
  } | linux_peer_initrd "$lpeer" "$rootfs" "$w/linux-initrd.gz" "$mods"
  cp "$build/disk/sis-disk.img" "$w/linux-disk.img"
  load_linux=$(cut -d' ' -f1-3 /proc/loadavg)
  # SIS's launcher line (qmp/launch/qemu_command.cpp) without its control port and with the
  # initramfs.
  linux_out=$(timeout 900 "$qemu" -M virt,gic-version=3 -cpu cortex-a72 -m 256 -smp 1 \
    -kernel "$kernel" -initrd "$w/linux-initrd.gz" -append "console=ttyAMA0 quiet ${LINUX_APPEND:-}" \
    -nodefaults -display none -serial stdio -monitor none -no-reboot \
    -object iothread,id=io0 -drive if=none,id=disk0,format=raw,file="$w/linux-disk.img" \
    -device virtio-blk-pci,drive=disk0,disable-legacy=on,queue-size=256,num-queues=1,iothread=io0 \
    -netdev user,id=net0 -device virtio-net-pci,netdev=net0,disable-legacy=on,romfile= 2>&1 | tr -d '\r' || true)
  [ -z "${LINUX_LOG:-}" ] || printf '%s\n' "$linux_out" >"$LINUX_LOG"
  grep -q PEER-READY <<<"$linux_out" || { echo "bench/net.sh: the Linux peer did not start:" >&2; tail -20 <<<"$linux_out" >&2; exit 1; }
  linux_features=$(sed -n 's/^NET-FEATURES \([01]*\)$/\1/p' <<<"$linux_out")
  for name in "${names[@]}"; do
    out=$(awk -v n="$name" '$0 == "NET-BEGIN " n {on=1; next} $0 == "NET-END " n {on=0} on' <<<"$linux_out")
    collect linux "$name" "$out"
    busy[linux,$name]=$(linux_busy "$out")
  done
fi

label() {
  case "$1" in
    http-recv) echo "http host->guest (wget $mib MiB)" ;;
    tcp-recv) echo "tcp host->guest (nc, $mib MiB)" ;;
    tcp-send) echo "tcp guest->host (nc < file)" ;;
    tcp-send-pipe) echo "tcp guest->host (dd | nc)" ;;
    tftp) echo "udp tftp 2 MiB (DATA+ACK)" ;;
    ping) echo "icmp busybox ping -c 10" ;;
    ping-kernel) echo "icmp SIS kernel ping -c 20" ;;
  esac
}
echo "load average (1, 5, 15 min) before SIS: $load_sis; before Linux: $load_linux"
printf '%-30s %20s %20s %9s %9s %9s\n' workload SIS Linux SIS/Linux "SIS busy" "Lx busy"
for name in "${names[@]}" ping-kernel; do
  s=${res[sis,$name]:-} l=${res[linux,$name]:-}
  ratio=$([ -n "$s" ] && [ -n "$l" ] && awk -v s="$s" -v l="$l" 'BEGIN { if (l > 0) printf "%.2f", s / l }' || echo -)
  printf '%-30s %20s %20s %9s %9s %9s\n' "$(label "$name")" "${txt[sis,$name]:--}" "${txt[linux,$name]:--}" "${ratio:--}" \
    "${busy[sis,$name]:--}" "${busy[linux,$name]:--}"
done
echo "(1 MB/s = 10^6 bytes/s; for rates SIS/Linux above 1 is SIS faster, for ping times below 1;"
echo " ping is min/avg/max, the ratio of the averages; busy: the guest's non-idle CPU share during"
echo " the command, SIS from its idle_ns (metrics), Linux from /proc/stat, idle + iowait as idle)"
if [ -n "$linux_features" ]; then
  # Bits of the virtio-net features Linux negotiated (the file is bit 0 first).
  f=""
  for b in 0:CSUM 1:GUEST_CSUM 7:GUEST_TSO4 11:HOST_TSO4 15:MRG_RXBUF 17:CTRL_VQ 22:MQ 28:INDIRECT_DESC 29:EVENT_IDX; do
    [ "${linux_features:${b%%:*}:1}" != 1 ] || f+=" ${b#*:}"
  done
  echo "Linux's virtio-net negotiated:${f:- none of the offloads}"
fi
[ -z "${LINUX_APPEND:-}" ] || echo "Linux booted with the extra arguments: $LINUX_APPEND"
echo "What differs: the kernels' network stacks and drivers (Linux 6.1: window scaling, SACK,"
echo "timestamps, GRO; SIS: 64 KiB windows, docs/network.md); SIS's VM also has its control port"
echo "(virtio-serial: proc run's /dev/null stdin and piped output; Linux's commands get </dev/null"
echo "and the serial console); SIS takes 10.0.2.15 by DHCP, Linux is set statically; the programs"
echo "come from the ext4 disk on SIS, from the initramfs on Linux (the files written and sent are"
echo "on the same kind of disk on both); Linux drops its page cache before nc < file and mounts"
echo "with noinit_itable (no background inode table zeroing); the kernel ping is SIS's alone."
