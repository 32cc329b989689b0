#!/usr/bin/env bash
# The foundation's promises, checked on the real kernel under QEMU: the shell's commands,
# line editing over the serial line, power-off, reboot and the panic report.
source "$(dirname "$0")/lib.sh"

out=$("$SISCTL" boot --quiet --exec help --exec version --exec "echo hello 'two words'" --exec nosuchcommand \
  --exec "uptime --json" --timeout 60 2>&1); st=$?
expect_status "boot and run commands (nosuchcommand fails: exit 6)" $st 6
for c in help version uptime echo meminfo reboot poweroff panic; do
  expect_in "help lists $c" "$out" "  $c "
done
expect_in "version names the kernel" "$out" "SIS 0."
expect_in "echo joins words, quotes group" "$out" "hello two words"
expect_in "unknown command refused" "$out" "nosuchcommand: unknown command"
expect_in "uptime --json is one object" "$out" '{"uptime_ns":'

# --memory reaches the guest: the device tree reports exactly what QEMU was given.
out=$("$SISCTL" boot --quiet --memory 512 --exec "meminfo --json" --exec meminfo 2>&1); st=$?
expect_status "meminfo" $st 0
expect_in "meminfo --json total matches --memory 512" "$out" '"total_bytes":536870912'
expect_in "meminfo table total" "$out" "total RAM 512 MiB"

# Line editing through the UART: backspace, cursor movement, history recall.
out=$("$SISCTL" boot --quiet --exec $'echp\x7fo edited' --exec $'echo wrld\x1b[D\x1b[D\x1b[Do' \
  --exec $'\x1b[A' 2>&1); st=$?
expect_status "line editing session" $st 0
expect_in "backspace edits the line" "$out" "edited"
expect_in "insert after moving left" "$out" "world"
recalls=$(grep -c '^world$' <<<"$out")
[ "$recalls" -eq 2 ] && pass "up-arrow recalls the previous line" || fail "history recall: 'world' printed $recalls times, expected 2"

# poweroff as a command ends QEMU with status 0.
out=$("$SISCTL" boot --quiet --exec poweroff 2>&1); st=$?
expect_status "poweroff ends QEMU cleanly" $st 0
expect_in "poweroff message" "$out" "Powering off."

# reboot: PSCI SYSTEM_RESET brings the kernel back to a working prompt.
out=$("$SISCTL" boot --quiet --exec reboot --exec "echo after-reboot" 2>&1); st=$?
expect_status "reboot and continue" $st 0
expect_in "kernel came back after reset" "$out" "after-reboot"
boots=$(grep -c "^SIS 0" <<<"$out")
[ "$boots" -ge 1 ] && pass "banner printed again after reset" || fail "no second banner after reboot"

# A deliberate panic yields the exception report and a non-zero exit.
for kind in abort undef message; do
  out=$("$SISCTL" boot --quiet --exec "panic $kind" 2>&1); st=$?
  expect_status "panic $kind exits non-zero" $st 3
  expect_in "panic $kind report" "$out" "*** KERNEL PANIC"
  expect_in "panic $kind backtrace symbolized" "$out" "cmd_panic"
  expect_in "panic $kind halts" "$out" "System halted."
done
out=$("$SISCTL" boot --quiet --exec "panic abort" 2>&1)
expect_in "abort report decodes ESR" "$out" "translation fault"
expect_in "abort report has FAR" "$out" "FAR  0x0000000000000010"

finish
