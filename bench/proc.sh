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
names=(null-syscall pipe spawn)
cmds=("/bin/bench_getppid 100000" "/bin/bench_pipe 10000" "/bin/bench_spawn 1000")
# The number each program prints, by its unit.
value() { { grep -o "[0-9.]* $1" <<<"$2" || true; } | head -1 | cut -d' ' -f1; }
units=("ns/call" "ns/round trip" "us/spawn")

# Linux: the kernel once, then an initramfs with the disk's /bin and an init that runs the list.
peer=$build/bench/linux-peer
mkdir -p "$peer"
if ! compgen -G "$peer/x/boot/vmlinuz-*" >/dev/null; then
  img=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image/{print $2; exit}')
  [ -n "$img" ] || { echo "bench/proc.sh: apt does not know linux-image-arm64:arm64 (run ./sis install)" >&2; exit 2; }
  (cd "$peer" && rm -f ./*.deb && apt-get download "$img" >/dev/null 2>&1) ||
    { echo "bench/proc.sh: apt-get download $img failed" >&2; exit 2; }
  dpkg-deb -x "$peer"/*.deb "$peer/x"
fi
initrd=$peer/initrd
rm -rf "$initrd" && mkdir -p "$initrd/proc" "$initrd/tmp"
cp -a "$rootfs/bin" "$initrd/bin"
{
  echo '#!/bin/sh'
  echo 'mount -t proc proc /proc'
  echo 'echo PEER-READY'
  for c in "${cmds[@]}"; do echo "$c"; done
  echo 'poweroff -f'
} > "$initrd/init"
chmod +x "$initrd/init"
(cd "$initrd" && find . | cpio -o -H newc 2>/dev/null | gzip -1 > "$peer/initrd.gz")
linux_out=$(timeout 900 "$qemu" -M virt,gic-version=3 -cpu cortex-a72 -smp 1 -m 256 -nographic -no-reboot -nic none \
  -kernel "$(compgen -G "$peer/x/boot/vmlinuz-*" | head -1)" -initrd "$peer/initrd.gz" \
  -append "console=ttyAMA0 quiet" 2>&1 | tr -d '\r')
grep -q PEER-READY <<<"$linux_out" || { echo "bench/proc.sh: the Linux peer did not start:" >&2; tail -20 <<<"$linux_out" >&2; exit 1; }

sis_out=""
if [ "$linux_only" = 0 ]; then
  tmp=$(mktemp -d /tmp/sis-bench-proc.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  cp "$build/disk/sis-disk.img" "$tmp/disk.img"
  args=(boot --quiet --disk "$tmp/disk.img" --timeout 900)
  for c in "${cmds[@]}"; do args+=(--exec "procctl run $c"); done
  sis_out=$("$sisctl" "${args[@]}" 2>&1) || true
fi

printf '%-14s %22s %22s %9s\n' benchmark SIS Linux SIS/Linux
missing=0
for i in "${!names[@]}"; do
  l=$(value "${units[$i]}" "$linux_out")
  s=$(value "${units[$i]}" "$sis_out")
  [ -n "$l" ] || { echo "bench/proc.sh: Linux printed no ${names[$i]} result" >&2; missing=1; }
  [ -n "$s" ] || [ "$linux_only" = 1 ] || missing=1
  ratio=$([ -n "$s" ] && [ -n "$l" ] && awk -v s="$s" -v l="$l" 'BEGIN{printf "%.2f", s/l}' || echo -)
  printf '%-14s %22s %22s %9s\n' "${names[$i]}" "${s:+$s ${units[$i]}}" "${l:+$l ${units[$i]}}" "$ratio"
done
if [ "$missing" = 1 ] && [ "$linux_only" = 0 ]; then
  echo "bench/proc.sh: SIS printed no result for some benchmarks (needs procctl run); its output ends:" >&2
  tail -8 <<<"$sis_out" >&2
  exit 1
fi
