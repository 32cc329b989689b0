#!/usr/bin/env bash
# Threads and scheduling on the real kernel under QEMU: workloads progress under the
# baseline policy, policies switch under running threads without losing any, nice works,
# NEON registers survive thousands of preemptions (lazy and eager switching), bench ctxsw
# prints its table, and the shell stays responsive while CPU-bound threads run.
source "$(dirname "$0")/lib.sh"

# spawn mixed 8, then ps twice: every workload thread must have made progress in between.
out=$("$SISCTL" boot --quiet --exec "spawn mixed 8" --exec "sleep 1500" --exec "ps --json" --exec "sleep 1500" \
  --exec "ps --json" --exec "schedctl policy rr" --exec "sleep 1000" --exec "ps --json" \
  --exec "schedctl policy baseline" --exec "sleep 1000" --exec "ps --json" --exec "schedctl status --json" \
  --exec "spawn stop" --exec "sleep 200" --exec ps --timeout 120 2>&1); st=$?
expect_status "spawn mixed 8 session" $st 0
expect_in "spawn reports the threads" "$out" "spawned cpu:"
expect_in "policy switch to rr" "$out" "policy rr"
expect_in "policy switch back" "$out" "policy baseline"
mapfile -t snaps < <(grep '^{"now_ns"' <<<"$out")
if [ "${#snaps[@]}" -ne 4 ]; then
  fail "expected 4 ps --json snapshots, got ${#snaps[@]}"
else
  check=$(python3 - "${snaps[@]}" <<'PY'
import json, sys
snaps = [json.loads(s) for s in sys.argv[1:]]
def work(s):
    return {t["tid"]: t for t in s["threads"] if t["kind"] in ("cpu", "io", "burst")}
problems = []
for i in range(1, len(snaps)):
    a, b = work(snaps[i - 1]), work(snaps[i])
    if len(b) != 8: problems.append(f"snapshot {i}: {len(b)} workload threads, expected 8")
    for tid, t in b.items():
        if tid not in a: problems.append(f"snapshot {i}: thread {tid} appeared"); continue
        if t["progress"] <= a[tid]["progress"] or t["run_ns"] <= a[tid]["run_ns"]:
            problems.append(f"snapshot {i}: thread {tid} ({t['name']}, policy {t['policy']}) made no progress")
pol = [sorted({t["policy"] for t in work(s).values()}) for s in snaps]
if "rr" not in pol[2] and ["rr"] != pol[2]: problems.append(f"threads not under rr after the switch: {pol[2]}")
io = [t for t in work(snaps[-1]).values() if t["kind"] == "io"]
if any(t["voluntary"] < 50 for t in io): problems.append("an io thread blocked fewer than 50 times")
cpu = [t for t in work(snaps[-1]).values() if t["kind"] == "cpu"]
if any(t["involuntary"] < 10 for t in cpu): problems.append("a cpu thread was preempted fewer than 10 times")
print("OK" if not problems else "; ".join(problems))
PY
)
  [ "$check" = OK ] && pass "all 8 workload threads progress, under baseline and rr" || fail "$check"
fi
expect_in "status names the baseline policy" "$out" '"policy":"baseline"'
expect_in "spawn stop" "$out" "asked 8 workload thread(s) to stop"
expect_not_in "stopped workloads are gone" "$(sed -n '/asked 8 workload/,$p' <<<"$out")" "cpu-1 "

# nice: a nice 5 CPU hog gets about a third of a nice 0 one (1024/335).
out=$("$SISCTL" boot --quiet --exec "spawn cpu 1" --exec "spawn cpu 1 --nice 5" --exec "sleep 3000" \
  --exec "ps --json" --exec "schedctl nice 2 3" --exec "schedctl nice 99 0" --exec "schedctl nice 2 40" \
  --timeout 90 2>&1); st=$?
expect_status "nice session (the bad tid and nice value fail: exit 6)" $st 6
ratio=$(grep '^{"now_ns"' <<<"$out" | python3 -c '
import json, sys
t = {x["name"]: x for x in json.loads(sys.stdin.read())["threads"]}
print("%.2f" % (t["cpu-1"]["run_ns"] / max(1, t["cpu-2"]["run_ns"])))')
python3 -c "import sys; sys.exit(0 if 2.4 <= $ratio <= 3.8 else 1)" && pass "nice 0 : nice 5 CPU ratio $ratio (expected ~3.06)" \
  || fail "nice 0 : nice 5 CPU ratio $ratio, expected about 3.06"
expect_in "schedctl nice sets" "$out" "thread 2 nice 3"
expect_in "schedctl nice unknown tid" "$out" "no such thread"
expect_in "schedctl nice range" "$out" "nice must be -20..19"

# NEON registers across preemptions: four threads fill v0-v31 with their own patterns and
# keep checking them while four CPU hogs compete (0.75 ms slices) and two I/O threads wake every 3 ms (wake-up preemptions); first lazy switching, then eager.
# The session waits for 1000 preemptions of the fp workers (schedctl fp wait), not for a
# fixed time: a busy host gives the emulator fewer preemptions per second.
for mode in lazy eager; do
  out=$("$SISCTL" boot --quiet --exec "schedctl fp $mode" --exec "spawn fp 4" --exec "spawn cpu 4" --exec "spawn io 2" \
    --exec "schedctl fp wait 1000 --timeout-ms 100000" --exec "schedctl status --json" --timeout 150 2>&1); st=$?
  expect_status "fp check session ($mode)" $st 0
  verdict=$(grep '^{.*"fp_check"' <<<"$out" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
c = s["fp_check"]
f = s["fp"]
ok = (c["threads"] == 4 and c["errors"] == 0 and c["checks"] >= 1000 and c["preemptions"] >= 1000 and f["mode"] == sys.argv[1]
      and (f["traps"] > 0 if sys.argv[1] == "lazy" else f["saves"] >= c["preemptions"]))
print(("OK " if ok else "BAD ") + json.dumps(c) + " fp=" + json.dumps(s["fp"]))' "$mode")
  [[ "$verdict" == OK* ]] && pass "NEON registers intact across preemptions ($mode): ${verdict#OK }" \
    || fail "NEON check ($mode): $verdict"
done

# bench ctxsw prints its table; the shell answers while CPU hogs run.
out=$("$SISCTL" boot --quiet --exec "bench ctxsw --rounds 2000" --exec "spawn cpu 4" --exec "echo still-responsive" \
  --exec "kill 1" --exec "kill 424242" --timeout 90 2>&1); st=$?
expect_status "bench ctxsw session (kill 1 and kill 424242 fail: exit 6)" $st 6
expect_in "bench ctxsw table" "$out" "case                  fp     uses FP   median ns"
expect_in "bench ctxsw pick-next line" "$out" "pick_next (baseline): median"
expect_in "shell responsive with 4 CPU hogs" "$out" "still-responsive"
expect_in "kill refuses the shell" "$out" "kill: cannot stop that thread"
expect_in "kill unknown tid" "$out" "kill: no such thread"

# At the thread limit spawn says how far it got and why; never a bare "spawned" line.
out=$("$SISCTL" boot --quiet --exec "spawn io 64" --exec "spawn io 64" --exec "spawn io 1" --exec "spawn stop" \
  --timeout 90 2>&1); st=$?
expect_status "spawn past the thread limit fails (exit 6)" $st 6
expect_in "a partial batch says how many started" "$out" "spawn: no space left after starting"
expect_in "a spawn that started nothing says so" "$out" "spawn: no space left after starting 0 of 1 thread(s) (at most 128 threads in all)"
if grep -qE '^spawned *$' <<<"$out"; then fail "an empty 'spawned' line:"$'\n'"$out"; else pass "no empty 'spawned' line"; fi
expect_in "the threads that did start are stopped" "$out" "asked 1"

finish
