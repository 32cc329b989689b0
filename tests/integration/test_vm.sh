#!/usr/bin/env bash
# sisctl vm (a VM left running in the background, driven over QMP) against real QEMU:
# start, status, pause/cont/reset with their QMP events, the kernel rebooting after reset,
# metrics/crash over the control port (or their clear "not available" error while the
# kernel has no control port), stop cleaning the runtime directory up.
source "$(dirname "$0")/lib.sh"

private_vm_runtime vm itest

out=$("$SISCTL" vm status --name itest 2>&1); expect_status "status of a VM that is not running" $? 2
expect_in "status says no VM" "$out" "no VM 'itest' is running"
"$SISCTL" vm start --name "../x" >/dev/null 2>&1; expect_status "bad VM name" $? 1
"$SISCTL" vm start --name itest --memory 12 >/dev/null 2>&1; expect_status "bad memory" $? 1

out=$("$SISCTL" vm start --name itest --wait-boot 60 2>&1); expect_status "vm start" $? 0
expect_in "start reports the run state" "$out" "running"
expect_in "kernel reached its shell" "$out" "kernel booted to its shell"
for f in qmp.sock qmp-events.sock control.sock console.sock vm.json; do
  [ -e "$vm_dir/$f" ] && pass "runtime file $f" || fail "runtime file $f missing"
done
out=$("$SISCTL" vm start --name itest 2>&1); expect_status "second start of the same VM refused" $? 2
expect_in "second start message" "$out" "already running"

out=$("$SISCTL" vm status --name itest --json); expect_status "vm status --json" $? 0
expect_in "status running" "$out" '"status":"running"'

events=$(mktemp)
"$SISCTL" vm events --name itest --count 3 --timeout 30 >"$events" 2>/dev/null &
watcher=$!
sleep 0.5
"$SISCTL" vm pause --name itest >/dev/null; expect_status "vm pause" $? 0
out=$("$SISCTL" vm status --name itest); expect_in "paused status" "$out" "paused"
"$SISCTL" vm cont --name itest >/dev/null; expect_status "vm cont" $? 0
lines_before=$(grep -c "sis> " "$vm_dir/console.log")
"$SISCTL" vm reset --name itest >/dev/null; expect_status "vm reset" $? 0
wait "$watcher"; expect_status "vm events saw 3 events" $? 0
ev=$(cat "$events"); rm -f "$events"
expect_in "STOP event" "$ev" '"event":"STOP"'
expect_in "RESUME event" "$ev" '"event":"RESUME"'
expect_in "RESET event" "$ev" '"event":"RESET"'
# The kernel boots again after the reset: a new prompt appears in the console log.
for _ in $(seq 1 300); do
  [ "$(grep -c "sis> " "$vm_dir/console.log")" -gt "$lines_before" ] && break
  sleep 0.1
done
[ "$(grep -c "sis> " "$vm_dir/console.log")" -gt "$lines_before" ] && pass "kernel rebooted after reset" ||
  fail "no new shell prompt after reset"

# Control port: samples when the kernel has it, else the documented error (exit 5).
# How fast samples arrive depends on the host's load (the achieved rate is measured by
# bench/control); here: 20 samples arrive, in order, and never faster than the 20 Hz asked.
out=$("$SISCTL" metrics --name itest --rate 20 --count 20 --duration 120 2>&1); st=$?
if [ $st -eq 5 ]; then
  expect_in "metrics without a control port" "$out" "control port not available in this kernel"
else
  expect_status "metrics" $st 0
  n=$(grep -c '"seq"' <<<"$out")
  [ "$n" -eq 20 ] && pass "metrics: 20 samples at 20 Hz" || fail "metrics: $n samples, expected 20"
  verdict=$(grep '"seq"' <<<"$out" | python3 -c '
import json, sys
ts = [json.loads(l)["ts_ns"] for l in sys.stdin]
ok = all(b > a for a, b in zip(ts, ts[1:])) and (ts[-1] - ts[0]) / (len(ts) - 1) >= 45e6
print(("ok" if ok else "bad") + " mean interval %.1f ms" % ((ts[-1] - ts[0]) / (len(ts) - 1) / 1e6))')
  [[ $verdict == ok* ]] && pass "metrics: kernel timestamps increase, ${verdict#ok }" \
    || fail "metrics: timestamps out of order or faster than 20 Hz (${verdict#bad })"
fi

out=$("$SISCTL" crash panic --name itest --timeout 30 2>&1); st=$?
if [ $st -eq 5 ]; then
  expect_in "crash without a control port" "$out" "control port not available in this kernel"
else
  expect_status "crash panic" $st 0
  expect_in "crash panic reaches QEMU through pvpanic" "$out" "GUEST_PANICKED"
  out=$("$SISCTL" vm status --name itest); expect_in "panicked VM stays paused" "$out" "guest-panicked"
fi

out=$("$SISCTL" vm stop --name itest 2>&1); expect_status "vm stop" $? 0
[ ! -e "$vm_dir" ] && pass "runtime directory removed" || fail "runtime directory left: $(ls "$vm_dir")"
out=$("$SISCTL" vm stop --name itest 2>&1); expect_status "stop of a stopped VM" $? 2
finish
