#!/usr/bin/env bash
# The AI core on the real kernel under QEMU:
#  - the same memory stress (crashctl scenario leak, seed 12: a seed held out of training)
#    ends in an out-of-memory panic with autonomy off and survives with autonomy on, because
#    the crash predictor raised an alarm and the kernel stopped the leaking workload itself;
#  - the quick-start demo works as printed: schedctl transformer on, autoctl ai-metrics,
#    autoctl on, autoctl detector psi, stresstest mem --pressure high, crashctl status (an [AI] action),
#    tracectl export --recent 10 --path /incidents/demo.json, ls /incidents; and the
#    exported decisions are valid JSON (checked through --console);
#  - autoctl ai-metrics --json and crashctl record lines parse; schedctl transformer stats;
#  - the NEON matvec equals the scalar reference bit for bit (autoctl selftest).
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 is needed to check JSON" >&2; exit 1; }

out=$("$SISCTL" boot --quiet --exec "crashctl scenario leak --seed 12" --timeout 60 2>&1); st=$?
expect_status "leak with autonomy off panics" $st 3
expect_in "the panic is the critical allocation failing" "$out" "out of memory: critical order-2 allocation failed"

# The detector is the time-to-exhaustion rule at the issue's 2 s. Neither the shipped default
# (tte at 200 ms) nor the model (risk >= 0.989) is used here: on this scenario both alarm about
# 160 ms before the critical allocation fails (3.8 s vs 3.96 s), a margin that two 100 ms
# samples on a loaded machine can miss, so the outcome changed from boot to boot. At 2 s the
# alarm comes at about 2.0 s, with ~2 s to spare (docs/ai.md, "Detectors").
out=$("$SISCTL" boot --quiet --exec "autoctl on" --exec "autoctl detector tte 2000" --exec "crashctl scenario leak --seed 12" --exec "crashctl status" \
  --exec "tracectl list" --exec "autoctl detector model" --exec "autoctl status" --timeout 60 2>&1); st=$?
expect_status "leak with autonomy on" $st 0
expect_in "it survives" "$out" "SURVIVED"
expect_in "autonomy stopped the leaking workload" "$out" "autonomy stopped the workload"
expect_in "the action is logged" "$out" "[AI] Executing: stop leak"
expect_in "the alarm is traced" "$out" "act (tte "
expect_in "the model can still be selected as the detector" "$out" "alarms come from the model detector"

# stresstest's high pressure makes allocations fail: the pressure detector's signal.
out=$("$SISCTL" boot --quiet --exec "schedctl transformer on" --exec "autoctl ai-metrics" --exec "autoctl on" \
  --exec "autoctl detector psi" \
  --exec "stresstest mem --pressure high" --exec "crashctl status" \
  --exec "tracectl export --recent 10 --path /incidents/demo.json" --exec "ls /incidents" \
  --exec "tracectl export --recent 10 --console" --exec "autoctl ai-metrics --json" \
  --exec "schedctl transformer stats" --timeout 120 2>&1); st=$?
expect_status "quick-start demo" $st 0
expect_in "transformer policy on" "$out" "policy transformer"
expect_in "ai-metrics table" "$out" "sched-transformer"
expect_in "stresstest passes" "$out" "PASS"
expect_in "crashctl status shows an action" "$out" "[AI] Executing: memctl compact"
expect_in "export writes the file" "$out" "to /incidents/demo.json"
expect_in "ls /incidents lists it" "$out" "demo.json"
expect_in "scheduler model made decisions" "$out" "model decided"
if msg=$(python3 - "$out" <<'PY' 2>&1
import json, sys
text = sys.argv[1]
doc = next((json.loads(l) for l in text.splitlines() if l.startswith('{"format":"sis-decision-traces"')), None)
if doc is None:
    sys.exit("no exported trace document on the console")
recs = doc["records"]
if not recs:
    sys.exit("the export holds no records")
kinds = {r["kind"] for r in recs}
if "action" not in kinds:
    sys.exit(f"no autonomous action among the exported decisions (kinds {kinds})")
for r in recs:
    for k in ("id", "ts_ns", "model", "model_version", "inputs", "output", "action", "outcome"):
        if k not in r:
            sys.exit(f"record {r.get('id')} lacks {k}")
    # Only a scheduler pick has a confidence (its probability); a crash record's restated the risk.
    if ("confidence" in r) != (r["model"] == "sched-transformer"):
        sys.exit(f"record {r.get('id')} ({r['model']}): confidence only belongs to scheduler picks")
m = next((json.loads(l) for l in text.splitlines() if l.startswith('{"crash_risk"')), None)
if m is None or not all(k in m for k in ("crash_predictor", "sched_transformer")):
    sys.exit("autoctl ai-metrics --json did not list both models")
if m["sched_transformer"]["inferences"] <= 0:
    sys.exit("the scheduler model made no inference")
print(f"{len(recs)} records, kinds {sorted(kinds)}; sched p99 {m['sched_transformer']['p99_ns']} ns")
PY
); then pass "exported decisions parse ($msg)"; else fail "exported decisions: $msg"; fi

out=$("$SISCTL" boot --quiet --exec "crashctl record --scenario steady --seed 1 --seconds 1" --timeout 60 2>&1); st=$?
expect_status "crashctl record" $st 0
n=$(grep -c '^{"t_ms"' <<<"$out")
if [ "$n" -ge 8 ]; then pass "crashctl record printed $n samples"; else fail "crashctl record printed $n samples"; fi
expect_in "crashctl record summary" "$out" '{"scenario":"steady","seed":1'

out=$("$SISCTL" boot --quiet --exec "autoctl selftest" --exec "autoctl neon on" --exec "bench ai" --exec "autoctl neon off" \
  --timeout 60 2>&1); st=$?
expect_status "NEON self-test" $st 0
expect_in "NEON and scalar matvec agree bit for bit" "$out" "0 mismatches"
expect_in "bench ai runs on the NEON path" "$out" "matvec NEON"

out=$("$SISCTL" boot --quiet --exec "autoctl load /no/such/model.bin" \
  --exec "tracectl export --recent 1 --path /models/not-a-model.bin" --exec "autoctl load /models/not-a-model.bin" \
  --exec "autoctl status" --timeout 60 2>&1)
expect_in "autoctl load: a missing file is a clear error" "$out" "autoctl load: cannot read /no/such/model.bin"
expect_in "autoctl load: a non-model file is refused" "$out" "bad magic (not a SISM model file) (the current model stays)"
expect_in "the built-in model stays loaded" "$out" "crash predictor: version 3"

finish
