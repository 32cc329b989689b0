#!/usr/bin/env bash
# The program image cache (kernel/proc/image_cache.h) shares read-only pages between execs of
# the same file, and must never run stale code or data: a program patched in place (same
# size, same second, so its size and mtime look unchanged) runs its new bytes at once. One
# busybox sh copies /bin/hello to /tmp/prog, runs it, overwrites the "H" of its greeting
# (read-only data: a cached page) with "J" by dd conv=notrunc, and runs it again. Then the
# cache must have served real hits (bench_spawn's busybox execs) and e2fsck stays clean.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)
disk_src="$build/disk/sis-disk.img"
hello="$build/disk/rootfs/bin/hello"
for f in "$disk_src" "$hello"; do [ -e "$f" ] || { echo "FAIL: $f missing: build the sis_disk target" >&2; exit 1; }; done
off=$(python3 -c 'import sys; print(open(sys.argv[1], "rb").read().index(b"Hello from SIS"))' "$hello")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

script="cp /bin/hello /tmp/prog && /tmp/prog && printf J | dd of=/tmp/prog bs=1 seek=$off conv=notrunc 2>/dev/null && /tmp/prog"
out=$("$SISCTL" boot --quiet --disk "$tmp/disk.img" --timeout 240 \
  --exec "procctl run /bin/busybox sh -c \"$script\"" \
  --exec "procctl run /bin/bench_spawn 20" \
  --exec "procctl list --json" 2>&1)
status=$?
expect_status "sisctl boot" "$status" 0
[ "$status" -eq 0 ] || { echo "--- the whole run:" >&2; echo "$out" >&2; }
expect_in "the copy runs" "$out" "Hello from SIS user space!"
expect_in "the patched copy runs its new bytes, not the cached ones" "$out" "Jello from SIS user space!"
last=$(grep '^{"processes"' <<<"$out" | tail -1)
hits=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["image_cache"]["hits"])' "$last" 2>/dev/null || echo 0)
[ "$hits" -ge 19 ] && pass "the cache served the repeated execs ($hits hits)" || fail "image cache hits: $hits (at least 19 expected): $last"
fsck=$(e2fsck -fn "$tmp/disk.img" 2>&1) && pass "e2fsck -fn clean" || { fail "e2fsck -fn:"; echo "$fsck" | tail -20 >&2; }
finish
