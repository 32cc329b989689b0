#!/usr/bin/env bash
# User-space benchmarks, SIS against the Linux peer (issue 15): the same static binaries
# (userspace/bench_*.c from the default disk, Debian's busybox) under the same QEMU (virt,
# GICv3, cortex-a72, 1 CPU, 256 MiB, TCG). SIS runs them with `procctl run` on a copy of the
# default disk; Linux is Debian 12's arm64 kernel (apt-get downloaded and unpacked into
# build/bench/linux-peer on first use; apt must know arm64: ./sis install) booting an initramfs
# that holds the same files. Prints each result and the ratio SIS/Linux (below 1: SIS faster):
#   null syscall   bench_getppid 100000      ns per getppid
#   pipe           bench_pipe 10000          ns per round trip between two processes
#   spawn          bench_spawn 1000          us per fork+exec+wait of /bin/busybox true
#   dd write       busybox dd if=/dev/zero of=/mnt/big bs=1M count=64 conv=fsync   MB/s
#   dd read        busybox dd if=/mnt/big of=/dev/null bs=1M                       MB/s
#                  (each timed by busybox time -p: 64 MiB / real seconds)
# The dd pair runs on ext4 on the same virtio-blk device line (sisctl's: queue-size 256, one
# queue, an iothread) and a disk made the same way for both: a 300M `mkfs.ext4 -b 4096 -d
# <the default disk's files>`. SIS mounts it as / (the file is /big); Linux mounts it on /mnt
# after insmod of Debian's virtio and ext4 modules, and drops its page cache before the read
# (SIS's block cache is far smaller than 64 MiB: its read comes mostly from the disk too).
# SIS also prints what copy-on-write saved over the whole run (procctl list's last line).
# usage: bench/proc.sh [--linux-only]    (SIS needs the kernel's procctl run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIS_BUILD_DIR:-$root/build}
sisctl=${SISCTL:-$build/bin/sisctl}
qemu=${SIS_QEMU:-qemu-system-aarch64}
linux_only=0
case "${1:-}" in --linux-only) linux_only=1 ;; "") ;; *) sed -n '2,12p' "$0" >&2; exit 2 ;; esac
rootfs=$build/disk/rootfs
[ -x "$rootfs/bin/busybox" ] || { echo "bench/proc.sh: $rootfs not built (cmake --build build --target sis_disk)" >&2; exit 2; }
names=(null-syscall pipe spawn dd-write dd-read)
cmds=("/bin/bench_getppid 100000" "/bin/bench_pipe 10000" "/bin/bench_spawn 1000")
# Debian's busybox dd prints no rate: busybox time -p times it the same way on both.
dd_write="/bin/busybox time -p /bin/busybox dd if=/dev/zero of=BIG bs=1M count=64 conv=fsync"
dd_read="/bin/busybox time -p /bin/busybox dd if=BIG of=/dev/null bs=1M"
# The number each program prints, by its unit.
value() { { grep -o "[0-9.]* $1" <<<"$2" || true; } | head -1 | cut -d' ' -f1; }
units=("ns/call" "ns/round trip" "us/spawn" "MB/s" "MB/s")
# The rate of the dd after a marker line (DD-WRITE / DD-READ): 64 MiB over time -p's
# "real SECONDS", in MB/s (1e6 bytes).
dd_rate() {
  awk -v m="$1" '$0 ~ m {on=1; next} on && $1 == "real" { if ($2 > 0) printf "%.1f", 67.108864 / $2; exit }' <<<"$2"
}
# The disk both run dd on (see the header).
make_dd_disk() { rm -f "$1"; mkfs.ext4 -q -F -b 4096 -E lazy_itable_init=0,lazy_journal_init=0 -d "$rootfs" "$1" 300M >/dev/null; }

# Linux: the kernel once, then an initramfs with the disk's /bin and an init that runs the list.
. "$root/bench/linux_peer.sh"
peer=$build/bench/linux-peer
kernel=$(linux_peer_kernel "$peer")
mods="virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic libcrc32c ext4"
{
  for c in "${cmds[@]}"; do echo "$c"; done
  echo 'mount -t ext4 /dev/vda /mnt'
  echo "echo DD-WRITE; ${dd_write//BIG//mnt/big} 2>&1"
  echo 'echo 3 > /proc/sys/vm/drop_caches'
  echo "echo DD-READ; ${dd_read//BIG//mnt/big} 2>&1"
  echo 'umount /mnt; poweroff -f'
} | linux_peer_initrd "$peer" "$rootfs" "$peer/initrd-proc.gz" "$mods"
work=$(mktemp -d /tmp/sis-bench-proc.XXXXXX)
trap 'rm -rf "$work"' EXIT
make_dd_disk "$work/linux-dd.img"
linux_out=$(timeout 900 "$qemu" -M virt,gic-version=3 -cpu cortex-a72 -smp 1 -m 256 -nographic -no-reboot -nic none \
  -kernel "$kernel" -initrd "$peer/initrd-proc.gz" \
  -object iothread,id=io0 -drive if=none,id=disk0,format=raw,file="$work/linux-dd.img" \
  -device virtio-blk-pci,drive=disk0,disable-legacy=on,queue-size=256,num-queues=1,iothread=io0 \
  -append "console=ttyAMA0 quiet" 2>&1 | tr -d '\r')
grep -q PEER-READY <<<"$linux_out" || { echo "bench/proc.sh: the Linux peer did not start:" >&2; tail -20 <<<"$linux_out" >&2; exit 1; }

sis_out=""
if [ "$linux_only" = 0 ]; then
  make_dd_disk "$work/sis-dd.img"
  args=(boot --quiet --disk "$work/sis-dd.img" --timeout 900)
  for c in "${cmds[@]}"; do args+=(--exec "procctl run $c"); done
  args+=(--exec "echo DD-WRITE" --exec "procctl run ${dd_write//BIG//big}")
  args+=(--exec "echo DD-READ" --exec "procctl run ${dd_read//BIG//big}" --exec "procctl list")
  sis_out=$("$sisctl" "${args[@]}" 2>&1) || true
fi

printf '%-14s %22s %22s %9s\n' benchmark SIS Linux SIS/Linux
missing=0
for i in "${!names[@]}"; do
  case "${names[$i]}" in
    dd-write) l=$(dd_rate DD-WRITE "$linux_out"); s=$(dd_rate DD-WRITE "$sis_out") ;;
    dd-read) l=$(dd_rate DD-READ "$linux_out"); s=$(dd_rate DD-READ "$sis_out") ;;
    *) l=$(value "${units[$i]}" "$linux_out"); s=$(value "${units[$i]}" "$sis_out") ;;
  esac
  [ -n "$l" ] || { echo "bench/proc.sh: Linux printed no ${names[$i]} result" >&2; missing=1; }
  [ -n "$s" ] || [ "$linux_only" = 1 ] || missing=1
  ratio=$([ -n "$s" ] && [ -n "$l" ] && awk -v s="$s" -v l="$l" 'BEGIN{printf "%.2f", s/l}' || echo -)
  printf '%-14s %22s %22s %9s\n' "${names[$i]}" "${s:+$s ${units[$i]}}" "${l:+$l ${units[$i]}}" "$ratio"
done
echo "(ratios are SIS/Linux of the printed unit: below 1 is SIS faster for times, slower for MB/s)"
cow=$(grep -m1 "copy-on-write since boot" <<<"$sis_out" || true)
[ -z "$cow" ] || echo "SIS $cow"
if [ "$missing" = 1 ] && [ "$linux_only" = 0 ]; then
  echo "bench/proc.sh: SIS printed no result for some benchmarks (needs procctl run); its output ends:" >&2
  tail -8 <<<"$sis_out" >&2
  exit 1
fi
