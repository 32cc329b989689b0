#!/usr/bin/env bash
# sisctl's own behaviour: usage errors, missing files, timeouts, exit codes (6 for a failed
# --exec command).
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

# A failing --exec command reaches the exit status (6); the commands after it still run.
out=$("$SISCTL" boot --quiet --exec nosuchcommand --exec "cat /no/such/file" --exec "echo after-the-failures" \
  --timeout 60 2>&1); st=$?
expect_status "failing --exec commands give exit 6" $st 6
expect_in "an unknown command is named with its status" "$out" "'nosuchcommand' exited with status 127"
expect_in "a command's own failure is named" "$out" "'cat /no/such/file' exited with status 1"
expect_in "commands after a failure still run" "$out" "after-the-failures"
out=$("$SISCTL" boot --quiet --exec "echo all-fine" --exec "uptime" --timeout 60 2>&1); st=$?
expect_status "succeeding --exec commands give exit 0" $st 0

finish
