#!/usr/bin/env bash
# sisctl's own behaviour: usage errors, missing files, timeouts, exit codes (6 for a failed
# --exec command, 7 for a disk the kernel could not use), and the in-memory root's warnings.
source "$(dirname "$0")/lib.sh"

"$SISCTL" >/dev/null 2>&1; expect_status "no command is a usage error" $? 1
out=$("$SISCTL" boot --help); expect_status "boot --help" $? 0
expect_in "boot --help documents --exec" "$out" "--exec CMD"
"$SISCTL" boot --bogus >/dev/null 2>&1; expect_status "unknown option" $? 1
"$SISCTL" boot --memory lots --exec help >/dev/null 2>&1; expect_status "bad --memory" $? 1
"$SISCTL" boot --memory 32 --exec help >/dev/null 2>&1; expect_status "too little memory refused" $? 1
out=$("$SISCTL" boot --kernel /nonexistent/Image --exec help 2>&1); st=$?
expect_status "missing kernel" $st 2
expect_in "missing kernel message" "$out" "kernel image not found"
out=$("$SISCTL" boot --disk /nonexistent.img --exec help 2>&1); st=$?
expect_status "missing disk" $st 2
out=$(SIS_QEMU=/nonexistent/qemu "$SISCTL" boot --exec help 2>&1); st=$?
expect_status "missing QEMU" $st 2
expect_in "missing QEMU message" "$out" "not found"

# A kernel file that is not a kernel: QEMU starts, no prompt ever comes -> timeout, exit 4.
junk=$(mktemp); head -c 65536 /dev/urandom > "$junk"
out=$("$SISCTL" boot --kernel "$junk" --exec help --timeout 3 2>&1); st=$?
rm -f "$junk"
[ $st -eq 4 ] || [ $st -eq 2 ] && pass "garbage kernel fails cleanly (exit $st)" || fail "garbage kernel: exit $st"

"$SISCTL" boot --disk-raw --exec help >/dev/null 2>&1; expect_status "--disk-raw without --disk" $? 1

# vm start while QEMU's QMP socket exists but is not listening yet (a stand-in QEMU that
# waits 0.5 s between bind and listen): retried, not "Connection refused".
out=$(SIS_QEMU="$(dirname "$0")/fake_qemu_slow_listen.py" "$SISCTL" vm start --name sisctl-slow-qmp 2>&1)
expect_status "vm start waits for QMP to listen" $? 0
expect_in "vm start reached QMP" "$out" "started: pid"
"$SISCTL" vm stop --name sisctl-slow-qmp >/dev/null 2>&1

# A failing --exec command reaches the exit status (6); the commands after it still run.
out=$("$SISCTL" boot --quiet --exec nosuchcommand --exec "cat /no/such/file" --exec "echo after-the-failures" \
  --timeout 60 2>&1); st=$?
expect_status "failing --exec commands give exit 6" $st 6
expect_in "an unknown command is named with its status" "$out" "'nosuchcommand' exited with status 127"
expect_in "a command's own failure is named" "$out" "'cat /no/such/file' exited with status 1"
expect_in "commands after a failure still run" "$out" "after-the-failures"
out=$("$SISCTL" boot --quiet --exec "echo all-fine" --exec "uptime" --timeout 60 2>&1); st=$?
expect_status "succeeding --exec commands give exit 0" $st 0

# A disk the kernel cannot use (16 MiB of random bytes): "/" falls back to memory, and
# that must be loud. sisctl exits 7 and repeats the kernel's warning; the warning comes
# before every prompt (on the console: after each command's output too).
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; "$SISCTL" vm stop --name sisctl-nodisk >/dev/null 2>&1' EXIT
head -c 16M /dev/urandom > "$tmp/garbage.img"
out=$("$SISCTL" boot --disk "$tmp/garbage.img" --console-only --exec "write /f lost-at-poweroff" --exec "cat /f" \
  --timeout 60 2>"$tmp/err"); st=$?
err=$(<"$tmp/err")
expect_status "garbage disk: / fell back to memory, exit 7" $st 7
expect_in "sisctl says the disk is not used" "$err" "the kernel is not using the disk '$tmp/garbage.img'"
expect_in "sisctl repeats the kernel's warning" "$err" "[NO DISK: disk0 unusable ("
warnings=$(grep -c '^\[NO DISK: disk0 unusable (.*); / is in memory, changes are lost at poweroff\]$' <<<"$out")
[ "$warnings" -ge 3 ] && pass "the warning precedes every prompt ($warnings times)" ||
  fail "the prompt warning appeared $warnings times, expected at least 3 (boot + 2 commands):"$'\n'"$out"
# The control-port path too: commands succeed, the disk still decides the exit status.
out=$("$SISCTL" boot --quiet --disk "$tmp/garbage.img" --exec "echo over-the-port" --timeout 60 2>&1); st=$?
expect_status "garbage disk over the control port: exit 7" $st 7
expect_in "commands still ran" "$out" "over-the-port"
# 7 wins over 6 (the disk is why the session's writes are gone).
"$SISCTL" boot --quiet --disk "$tmp/garbage.img" --exec nosuchcommand --timeout 60 >/dev/null 2>&1
expect_status "garbage disk and a failing command: exit 7" $? 7

# sys.info's root_fs, read by a host tool (vm status asks the kernel over the control port).
out=$("$SISCTL" vm start --name sisctl-nodisk --disk "$tmp/garbage.img" --wait-boot 60 2>&1)
expect_status "vm start with the garbage disk" $? 0
expect_in "vm start --wait-boot warns about the disk" "$out" "sisctl vm start: the kernel is not using the disk"
out=$("$SISCTL" vm status --name sisctl-nodisk --json 2>&1)
expect_in "sys.info root_fs: ramfs, not persistent, disk unusable" "$out" \
  '"root_fs":{"disk":"unusable","persistent":false,"read_only":false,"reason":"bad format","type":"ramfs"}'
out=$("$SISCTL" vm status --name sisctl-nodisk 2>&1)
expect_in "vm status says / is in memory" "$out" "root fs      ramfs IN MEMORY (disk unusable: bad format): changes are lost at poweroff"
"$SISCTL" vm stop --name sisctl-nodisk >/dev/null 2>&1

# A real ext4 disk: no warning, exit 0, root_fs persistent.
"$SISCTL" disk create "$tmp/ext4.img" --size 16 >/dev/null 2>&1 || fail "sisctl disk create"
out=$("$SISCTL" boot --disk "$tmp/ext4.img" --console-only --exec "write /f kept" --timeout 60 2>&1); st=$?
expect_status "ext4 disk: exit 0" $st 0
expect_not_in "no warning with a usable disk" "$out" "[NO DISK:"
out=$("$SISCTL" vm start --name sisctl-nodisk --disk "$tmp/ext4.img" --wait-boot 60 2>&1)
expect_status "vm start with the ext4 disk" $? 0
expect_not_in "no disk warning from vm start" "$out" "not using the disk"
out=$("$SISCTL" vm status --name sisctl-nodisk --json 2>&1)
expect_in "sys.info root_fs: ext4 on the disk" "$out" '"root_fs":{"disk":"mounted","persistent":true,"read_only":false,"type":"ext4"}'
"$SISCTL" vm stop --name sisctl-nodisk >/dev/null 2>&1
finish
