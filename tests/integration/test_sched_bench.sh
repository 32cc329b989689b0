#!/usr/bin/env bash
# The scheduler benchmark and the learned policies on the real kernel under QEMU: a short
# `bench sched` runs every default policy on one held-out mix and prints well-formed JSON
# (latencies ordered, Jain's index in (0, 1], pick cost measured); `schedctl policy`
# switches to learned, ewma and eevdf and back; under learned, `schedctl explain` shows a
# prediction and the slice it gave for an I/O thread and the decision-trace ring holds sched-learned records.
source "$(dirname "$0")/lib.sh"

out=$("$SISCTL" boot --quiet --exec "bench sched --ms 200 --mixes echo-cpu --json" \
  --exec "schedctl policy learned" --exec "spawn io 1" --exec "sleep 300" --exec "schedctl explain io-1" \
  --exec "schedctl explain io-1 --json" --exec "tracectl list --recent 5 --json" --exec "schedctl policy ewma" --exec "schedctl policy eevdf" \
  --exec "schedctl policy baseline" --exec "schedctl status --json" --exec "schedctl explain 99999" --timeout 120 2>&1); st=$?
expect_status "bench sched session (the unknown tid fails: sisctl exits 6)" $st 6
bench=$(grep '^{"ms"' <<<"$out" | head -1)
check=$(python3 - "$bench" <<'PY'
import json, sys
try:
    d = json.loads(sys.argv[1])
except Exception as e:
    print(f"bench sched --json is not JSON: {e}: {sys.argv[1][:200]!r}"); sys.exit()
rs = d.get("results", [])
problems = []
pols = [r["policy"] for r in rs]
if pols != ["baseline", "eevdf", "ewma", "learned"]: problems.append(f"policies {pols}")
for r in rs:
    tag = f'{r["mix"]}/{r["policy"]}'
    if r["error"]: problems.append(f"{tag}: error {r['error']}")
    if r["mix"] != "echo-cpu": problems.append(f"{tag}: mix")
    if r["wakeups"] < 10: problems.append(f"{tag}: {r['wakeups']} echo wake-ups")
    if not r["latency_p50_ns"] <= r["latency_p99_ns"] <= r["latency_max_ns"]: problems.append(f"{tag}: latencies not ordered")
    if not 0 < r["jain"] <= 1: problems.append(f"{tag}: jain {r['jain']}")
    if r["cpu_throughput_per_s"] <= 0: problems.append(f"{tag}: no CPU-hog throughput")
    if r["picks"] <= 0 or r["pick_p99_ns"] <= 0 or r["pick_p50_ns"] > r["pick_p99_ns"]: problems.append(f"{tag}: pick cost {r['pick_p50_ns']}/{r['pick_p99_ns']} over {r['picks']}")
print("OK" if not problems else "; ".join(problems))
PY
)
[ "$check" = OK ] && pass "bench sched: four policies on echo-cpu, well-formed" || fail "$check"
expect_in "switch to learned" "$out" "policy learned"
expect_in "switch to ewma" "$out" "policy ewma"
expect_in "switch to eevdf" "$out" "policy eevdf"
expect_in "switch back to baseline" "$out" "policy baseline"
expect_in "status reports each policy's wake-up latency" "$out" '"wake_p99_ns":'
expect_in "explain refuses an unknown thread" "$out" "schedctl explain: no such thread"
expect_in "learned decisions are traced" "$out" '"model":"sched-learned"'
expect_in "explain shows the prediction" "$out" "prediction at"
expect_in "explain shows the slice from it" "$out" "from the prediction"
expect_in "explain --json" "$out" '"predicted":true'
finish
