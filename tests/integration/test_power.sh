#!/usr/bin/env bash
# Power on the real kernel under QEMU with the host as the meter (sisctl power): calibrate
# the model against the meter, run held-out workloads and print the estimate's error
# (MAPE), then set a budget under a CPU hog and check that the metered power stays under it
# in at least 95% of one-second windows, and what it cost in throughput. Also powerctl's
# shell forms, the power metrics group and the predictive warning in the kernel log.
# About 60 s. SIS_POWER_KEEP=1 keeps the outputs in $SIS_RUNTIME_DIR.
source "$(dirname "$0")/lib.sh"

export SIS_RUNTIME_DIR
SIS_RUNTIME_DIR=$(mktemp -d /tmp/sis-test-power.XXXXXX)
vm_dir="$SIS_RUNTIME_DIR/vm-ptest"
cleanup() {
  if [ -f "$vm_dir/vm.json" ]; then
    pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$vm_dir/vm.json")
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  [ "${SIS_POWER_KEEP:-0}" = 1 ] && { echo "outputs kept in $SIS_RUNTIME_DIR"; return; }
  rm -rf "$SIS_RUNTIME_DIR"
}
trap cleanup EXIT
# sisctl power SUB [ARG] --name ptest OPTIONS...
pw() {
  local sub=$1; shift
  if [ "$sub" = budget ]; then local w=$1; shift; "$SISCTL" power budget "$w" --name ptest "$@"
  else "$SISCTL" power "$sub" --name ptest "$@"; fi
}

out=$("$SISCTL" vm start --name ptest --wait-boot 60 2>&1); expect_status "vm start" $? 0

# Calibration: idle, cpu, mem and half phases of 3 s, fitted to the host meter.
out=$(pw calibrate --phase-ms 3000 2>&1); st=$?
echo "$out" | grep -v "^ *[0-9.]* s  phase"
expect_status "sisctl power calibrate" $st 0
expect_in "calibration finished" "$out" "calibration done"
expect_in "coefficients stored" "$out" "stored in /etc/power.conf"

# Held-out workloads (not used by the fit): bursty threads and a mix of cpu/io/burst.
declare -A mape mean
for w in "burst 2" "mixed 3"; do
  out=$(pw meter --duration 6 --workload "spawn $w" 2>&1); st=$?
  expect_status "meter under 'spawn $w'" $st 0
  line=$(grep "readings: mean metered" <<<"$out")
  echo "held-out 'spawn $w': $line"
  mape[$w]=$(sed -n 's/.*MAPE \([0-9.]*\)%.*/\1/p' <<<"$line")
  mean[$w]=$(sed -n 's/.*mean metered \([0-9.]*\) W.*/\1/p' <<<"$line")
  [ -n "${mape[$w]}" ] || { fail "no MAPE for 'spawn $w'"; echo "$out" >&2; continue; }
  # The aim is 10%; the check allows for a loaded host (the meter sees other load as steal).
  python3 -c "import sys; sys.exit(0 if ${mape[$w]} <= 20 else 1)" \
    && pass "held-out 'spawn $w': MAPE ${mape[$w]}% (aim <= 10%)" \
    || fail "held-out 'spawn $w': MAPE ${mape[$w]}% above 20%"
done

# The budget: 80% of what the mixed workload drew, under one CPU hog (which draws more).
budget=$(python3 -c "print('%.3f' % max(1.5, 0.8 * ${mean["mixed 3"]:-6}))")
out=$(pw budget "$budget" --duration 20 --baseline 4 --workload "spawn cpu 1" 2>&1); st=$?
expect_status "sisctl power budget $budget" $st 0
echo "$out" | grep -E "^baseline|^budget|^throughput"
pct=$(sed -n 's/.*windows under budget (\([0-9.]*\)%).*/\1/p' <<<"$out")
[ -n "$pct" ] || { fail "no window report"; echo "$out" >&2; }
[ -n "$pct" ] && { python3 -c "import sys; sys.exit(0 if $pct >= 95 else 1)" \
  && pass "metered power under the $budget W budget in $pct% of one-second windows (>= 95%)" \
  || fail "metered power under the $budget W budget in only $pct% of one-second windows"; }

# Shell forms, the metrics group and the kernel log.
out=$("$SISCTL" metrics --name ptest --once --fields power 2>&1)
expect_in "metrics group power has estimated_w" "$out" '"estimated_w":'
expect_in "metrics group power has metered_w" "$out" '"metered_w":'
out=$(pw status --json 2>&1)
expect_in "power.status: calibrated model" "$out" '"calibrated":true'
expect_in "power.status: PMU instruction counting reported" "$out" '"pmu_instructions":'
out=$(pw history 2>&1)
expect_in "power.history has samples" "$out" '"samples":[['
out=$(pw status 2>&1)
expect_in "powerctl status shows the model" "$out" "model      calibrated"
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
