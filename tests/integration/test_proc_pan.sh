#!/usr/bin/env bash
# PAN (ARMv8.1 Privileged Access Never) on a CPU that has it: QEMU's "max" CPU. The kernel
# turns PAN on at boot (kernel/arch/aarch64/user.cpp) and must still do its own user-memory
# work (it reaches user pages through their physical frames, never through user addresses),
# so programs that make many system calls run as on cortex-a72, and the kernel-memory probe
# is still killed. The default CPU (cortex-a72, ARMv8.0) has no PAN: the other tests cover it.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)
disk_src="$build/disk/sis-disk.img"
[ -e "$disk_src" ] || { echo "FAIL: $disk_src missing: build the sis_disk target" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

out=$("$SISCTL" boot --quiet --cpu max --disk "$tmp/disk.img" --timeout 240 \
  --exec "dmesg" \
  --exec "procctl run /bin/hello" \
  --exec "procctl run /bin/file_io" \
  --exec "procctl run /bin/busybox sh -c 'echo pipe-\$(echo hello | wc -c)'" \
  --exec "procctl run --json /bin/kprobe" \
  --exec "procctl list --json" 2>&1)
status=$?
# kprobe's --exec fails on purpose (killed by SIGSEGV): exit 6.
[ "$status" -eq 6 ] || { fail "sisctl boot exit $status (6 expected: kprobe is killed)"; echo "$out" | tail -40 >&2; }
expect_in "the kernel turned PAN on" "$out" "PAN on"
expect_not_in "no kernel panic" "$out" "KERNEL PANIC"
expect_in "hello runs" "$out" "Hello from SIS user space! I am pid 1."
expect_in "file_io's system calls copy to and from user memory" "$out" "file_io: done"
expect_in "a busybox pipeline runs" "$out" "pipe-6"
kprobe=$(grep '^{"pid"' <<<"$out" | tail -1)
expect_in "kprobe is killed by SIGSEGV" "$kprobe" '"signal":"SIGSEGV"'
expect_in "... with its fault named" "$kprobe" '"fault_function":"main+0x'
last=$(grep '^{"processes"' <<<"$out" | tail -1)
expect_in "no process is left" "$last" '"processes":[]'
finish
