#!/usr/bin/env bash
# sisctl's own behaviour: usage errors, missing files, timeouts, exit codes.
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
finish
