#!/usr/bin/env bash
# Power on the real kernel under QEMU with the host as the meter (sisctl power): the
# mechanisms, with checks that hold whatever else the host is doing. Calibration fits and
# stores a model; a CPU hog raises both the estimate and the metered power above idle; meter
# readings reach the power metrics group; a budget under a hog injects idle, deprioritises
# the hog, warns, and restores it; powerctl's shell forms and the control methods agree.
# How accurate the model is (MAPE) and how well a budget holds depend on the host's load, so
# those numbers come from bench/power_accuracy.sh, not from here. About 50 s.
source "$(dirname "$0")/lib.sh"

export SIS_RUNTIME_DIR
SIS_RUNTIME_DIR=$(mktemp -d /tmp/sis-test-power.XXXXXX)
vm_dir="$SIS_RUNTIME_DIR/vm-ptest"
meter_pid=
cleanup() {
  [ -n "$meter_pid" ] && kill "$meter_pid" 2>/dev/null
  if [ -f "$vm_dir/vm.json" ]; then
    pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$vm_dir/vm.json")
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$SIS_RUNTIME_DIR"
}
trap cleanup EXIT
# sisctl power SUB [ARG] --name ptest OPTIONS...
pw() {
  local sub=$1; shift
  if [ "$sub" = budget ]; then local w=$1; shift; "$SISCTL" power budget "$w" --name ptest "$@"
  else "$SISCTL" power "$sub" --name ptest "$@"; fi
}
# mean_of "metered|estimated" OUTPUT: the mean from meter's summary line, in W
mean_of() { sed -n "s/.*mean $1 \([0-9.]*\) W.*/\1/p" <<<"$2"; }
# gt A B: A > B as numbers
gt() { python3 -c "import sys; sys.exit(0 if float('$1') > float('$2') else 1)"; }

out=$("$SISCTL" vm start --name ptest --wait-boot 60 2>&1); expect_status "vm start" $? 0

out=$(pw calibrate --phase-ms 2000 2>&1); st=$?
expect_status "sisctl power calibrate" $st 0
expect_in "calibration finished" "$out" "calibration done"
expect_in "coefficients stored" "$out" "stored in /etc/power.conf"
out=$(pw status --json 2>&1)
expect_in "power.status: calibrated model" "$out" '"calibrated":true'
expect_in "power.status: PMU instruction counting reported" "$out" '"pmu_instructions":'

# Idle against one CPU hog: the estimate must rise with the load, and so must the meter.
idle=$(pw meter --duration 4 2>&1); expect_status "meter at idle" $? 0
hog=$(pw meter --duration 4 --workload "spawn cpu 1" 2>&1); expect_status "meter under a hog" $? 0
ie=$(mean_of estimated "$idle"); im=$(mean_of metered "$idle")
he=$(mean_of estimated "$hog"); hm=$(mean_of metered "$hog")
echo "idle: estimated ${ie:-?} W metered ${im:-?} W; hog: estimated ${he:-?} W metered ${hm:-?} W"
if [ -n "$ie" ] && [ -n "$he" ] && gt "$he" "$ie"; then pass "estimate rises under a hog"
else fail "estimate does not rise under a hog"; echo "$idle"$'\n'"$hog" | tail -20 >&2; fi
if [ -n "$im" ] && [ -n "$hm" ] && gt "$hm" "$im"; then pass "metered power rises under a hog"
else fail "metered power does not rise under a hog"; fi

# Readings reach the metrics group while a meter runs (and only then: absent at idle before).
out=$("$SISCTL" metrics --name ptest --once --fields power 2>&1)
expect_in "metrics group power has estimated_w" "$out" '"estimated_w":'
# sisctl itself in the background (not through pw: $! would be a subshell, and killing it
# would leave the meter running and holding the control port for the rest of its minute).
"$SISCTL" power meter --name ptest --duration 60 >/dev/null 2>&1 & meter_pid=$!
seen=
while kill -0 "$meter_pid" 2>/dev/null; do
  out=$("$SISCTL" metrics --name ptest --once --fields power 2>&1)
  grep -qF '"metered_w":' <<<"$out" && { seen=1; break; }
done
kill "$meter_pid" 2>/dev/null; wait "$meter_pid" 2>/dev/null; meter_pid=  # sisctl ends cleanly on SIGTERM
[ -n "$seen" ] && pass "metrics group power has metered_w while metering" \
  || fail "metered_w never appeared in the power metrics group during a 60 s meter run"

out=$(pw history 2>&1)
expect_in "power.history has samples" "$out" '"samples":[['
out=$(pw status 2>&1)
expect_in "powerctl status shows the model" "$out" "model      calibrated"

# A budget halfway between idle and the hog's estimate makes the controller act.
budget=$(python3 -c "print('%.3f' % max(0.5, (${ie:-1} + ${he:-3}) / 2))")
out=$(pw budget "$budget" --duration 6 --baseline 2 --workload "spawn cpu 1" 2>&1); st=$?
expect_status "sisctl power budget $budget under a hog" $st 0
echo "$out" | grep -E "^baseline|^budget|^throughput"
inj=$(grep -oE 'idle injection +[0-9.]+%' <<<"$out" | awk '{gsub("%","",$3); if ($3+0 > m) m = $3+0} END {print m+0}')
gt "$inj" 0 && pass "the budget injected idle time (up to $inj%)" || fail "no idle injection under the budget"
out=$(pw budget 4.5 2>&1); expect_status "budget without metering" $? 0
out=$(pw status --json 2>&1)
expect_in "budget_w in status while set" "$out" '"budget_w":4.5'
out=$(pw budget off 2>&1); expect_status "budget off" $? 0
log=$(grep -a "power:" "$vm_dir/console.log")
expect_in "predictive warning in the kernel log" "$log" "exceeds the budget"
expect_in "hog deprioritised" "$log" "nice 0 -> 5"
expect_in "priorities restored" "$log" "restored the priority"

"$SISCTL" vm stop --name ptest >/dev/null 2>&1
finish
