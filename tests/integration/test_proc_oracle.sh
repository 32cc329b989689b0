#!/usr/bin/env bash
# User space against its Linux oracle (issue 15): one SIS boot on a copy of the default disk
# runs every test program with `procctl run --json` (hello, hello-pie, fork_wait, exec_chain,
# pipes, file_io, kprobe, `busybox sh -c "echo hi | wc -c; ls /etc"`, /bin/hello.sh, busybox nc and
# wget refused on 127.0.0.1 and 127.0.0.2 (ECONNREFUSED over loopback), sys_fuzz, the benchmark
# programs, hello again); tests/proc/oracle.py runs the same binaries under
# qemu-aarch64-static and compares stdout, stderr and exit status, checks each program's own
# promise on both, and e2fsck -fn judges the disk the programs wrote to. Needs the kernel's
# procctl: until it exists this test fails (it says so), it never skips.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)  # SIS_KERNEL is <build>/kernel/Image
for f in "$build/disk/sis-disk.img" "$build/disk/rootfs/bin/busybox"; do
  [ -e "$f" ] || { echo "FAIL: $f missing: build the sis_disk target" >&2; exit 1; }
done
python3 "$SIS_SOURCE_DIR/tests/proc/oracle.py" compare --sisctl "$SISCTL" --disk "$build/disk/sis-disk.img" \
  --timeout 240 "$build/disk/rootfs"
