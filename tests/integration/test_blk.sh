#!/usr/bin/env bash
# virtio-blk on real QEMU: the disk is found with the image's size, a pattern the kernel
# writes is byte-identical on the host (cmp), a read-only disk refuses writes, bench blk runs.
# The scratch image is raw block space, not a file system: --disk-raw (no exit 7 for the
# in-memory "/").
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
img=$work/scratch.img
truncate -s 48M "$img"

out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --exec lspci --exec "blkctl info" --exec "blkstat --json" 2>&1); st=$?
expect_status "boot with a disk" $st 0
expect_in "virtio-blk found on PCI" "$out" "1af4:1042"
expect_in "capacity matches the image" "$out" "98304 sectors of 512 bytes (48 MiB)"
expect_in "blkstat --json" "$out" '"sectors":98304'

# 2 MiB + 3 sectors from sector 1000: several requests, an odd tail, an unaligned start.
out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --exec "blkctl pattern-write --seed 4242 --sectors 4099 --start 1000" \
  --exec "blkctl pattern-verify --seed 4242 --sectors 4099 --start 1000" --exec "blkstat" 2>&1); st=$?
expect_status "pattern write + verify in the guest" $st 0
expect_in "guest verify" "$out" "verified 4099 sectors: all match"
awk -v seed=4242 -v n=4099 -v start=1000 'BEGIN {
  for (s = start; s < start + n; s++) { line = sprintf("SIS seed=%05d lba=%010d  \n", seed, s); for (i = 0; i < 16; i++) printf "%s", line }
}' > "$work/expected"
dd if="$img" of="$work/actual" bs=512 skip=1000 count=4099 status=none
if cmp -s "$work/expected" "$work/actual"; then pass "host reads back exactly what the kernel wrote"; else fail "image differs from the expected pattern"; cmp "$work/expected" "$work/actual" | head -3 >&2; fi
# Sectors before the written range are untouched (still zero).
if [ -z "$(dd if="$img" bs=512 count=1000 status=none | tr -d '\0')" ]; then pass "sectors outside the range untouched"; else fail "sectors before 1000 were modified"; fi

# Verify in a fresh boot (data really on the disk, not in a guest cache).
out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --exec "blkctl pattern-verify --seed 4242 --sectors 4099 --start 1000" \
  --exec "blkctl pattern-verify --seed 4243 --sectors 1 --start 1000" 2>&1)
expect_in "verify after reboot" "$out" "verified 4099 sectors: all match"
expect_in "a wrong seed is detected" "$out" "verify FAILED"

out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --exec "blkctl pattern-write --seed 1 --sectors 10 --start 98300" 2>&1)
expect_in "writes past the end are refused" "$out" "past the end of the disk"

# A read-only device: writes refused with a clear error, nothing reaches the image.
before=$(cksum < "$img")
out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --disk-readonly --exec "blkctl info" \
  --exec "blkctl pattern-write --seed 9 --sectors 8" 2>&1); st=$?
expect_status "read-only session (the refused write fails: exit 6)" $st 6
expect_in "read-only reported" "$out" "read-only,"
expect_in "write refused" "$out" "error: write at sector 0: read-only"
[ "$before" = "$(cksum < "$img")" ] && pass "read-only image unchanged" || fail "read-only image changed"

out=$("$SISCTL" boot --quiet --disk "$img" --disk-raw --exec "bench blk --mib 8" --exec "bench blk --mib 8 --json" --timeout 120 2>&1); st=$?
expect_status "bench blk" $st 0
expect_in "bench blk table" "$out" "4 KiB random read (QD16)"
expect_in "bench blk json" "$out" '"seq_read_mb_s":'

# --request-kib: the request size of the sequential runs; the total is whole requests.
out=$("$SISCTL" boot --quiet --disk "$img" --exec "bench blk --mib 1 --request-kib 12 --json" \
  --exec "bench blk --request-kib 300" --timeout 120 2>&1); st=$?
expect_in "bench blk --request-kib sets the request" "$out" '"request_bytes":12288'
expect_in "bench blk total is whole requests" "$out" '"bytes":1044480'
expect_in "bench blk json gives the QD1 read time" "$out" '"seq_read_qd1_ns":'
expect_in "bench blk --request-kib out of range is refused" "$out" "error: --request-kib needs a multiple of 4 in 4..256"

out=$("$SISCTL" boot --quiet --exec "bench blk" --exec "blkstat" 2>&1)
expect_in "bench blk without a disk says so" "$out" "no disk 0"
expect_in "blkstat without a disk says so" "$out" "no disks"
finish
