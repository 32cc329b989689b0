#!/usr/bin/env bash
# crash.inject write-crash end to end: the kernel commits a 64 KiB write to the ext4 journal
# and panics before checkpointing it; the image then needs recovery (e2fsprogs sees no file
# yet), the next boot replays the journal, the file is whole, and e2fsck -fn is clean after
# a clean power-off. Also: a clean power-off leaves no journal to recover.
source "$(dirname "$0")/lib.sh"
command -v debugfs >/dev/null || { echo "debugfs missing (e2fsprogs)"; exit 1; }
work=$(mktemp -d); trap '"$SISCTL" vm stop --name crash-test >/dev/null 2>&1; rm -rf "$work"' EXIT
export SIS_RUNTIME_DIR=$work/run
img=$work/disk.img
"$SISCTL" disk create "$img" --size 64 >/dev/null || { fail "sisctl disk create"; finish; }

out=$("$SISCTL" boot --quiet --disk "$img" --exec "write /before.txt kept" --exec sync 2>&1)
expect_status "write a file and power off" $? 0
fsck=$(e2fsck -fn "$img" 2>&1); st=$?
expect_status "e2fsck -fn after a clean power-off" $st 0
expect_not_in "clean power-off leaves no journal to recover" "$fsck" "journal recovery"

"$SISCTL" vm start --disk "$img" --name crash-test >/dev/null || fail "vm start"
out=$("$SISCTL" crash write-crash --name crash-test 2>&1); st=$?
expect_status "crash write-crash" $st 0
expect_in "panic names the write-crash at its default point" "$out" "write-crash after-commit: /crash-test.bin (65536 bytes)"
expect_in "QEMU saw the panic through pvpanic" "$out" "GUEST_PANICKED"
"$SISCTL" vm stop --name crash-test >/dev/null

fsck=$(e2fsck -fn "$img" 2>&1)
expect_in "the image needs journal recovery" "$fsck" "skipping journal recovery"
ls_before=$(debugfs -R "ls /" "$img" 2>/dev/null)
expect_not_in "without replay the file is not there" "$ls_before" "crash-test.bin"

out=$("$SISCTL" boot --quiet --disk "$img" --exec fsinfo --exec "cksum /crash-test.bin" --exec "cat /before.txt" 2>&1); st=$?
expect_status "boot replays the journal" $st 0
expect_in "mount replayed one transaction" "$out" "1 transactions"
expect_in "the replayed file is whole" "$out" " 65536 /crash-test.bin"
expect_in "an earlier file survives" "$out" "kept"
debugfs -R "dump /crash-test.bin $work/replayed" "$img" >/dev/null 2>&1
first=$(od -An -tx1 -N8 "$work/replayed" | tr -d ' \n')
[ "$first" = "030a11181f262d34" ] && pass "replayed bytes are the pattern written" || fail "replayed bytes: $first"
guest_ck=$(sed -n 's|^\([0-9]*\) 65536 /crash-test.bin$|\1|p' <<<"$out")
host_ck=$(cksum < "$work/replayed" | cut -d' ' -f1)
[ -n "$guest_ck" ] && [ "$guest_ck" = "$host_ck" ] && pass "kernel cksum equals host cksum ($host_ck)" || fail "cksum guest '$guest_ck' host '$host_ck'"
fsck=$(e2fsck -fn "$img" 2>&1); st=$?
expect_status "e2fsck -fn after replay" $st 0
finish
