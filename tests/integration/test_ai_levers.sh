#!/usr/bin/env bash
# Autonomy's levers and ask mode (issue 16):
#  - the block-cache shrinker frees what it says: `crashctl bcache shrink` reports the bytes it
#    gave back, and the page allocator's free memory grows by that much (the pool's chunks go
#    straight back); `regrow` takes them again. The cache keeps working while shrunk (a file
#    read through it checksums the same);
#  - ask mode proposes and never acts alone: with `autoctl ask` a leaking memhog gets alarms
#    and traced proposals ("propose memctl compact") but no action, so the out-of-memory killer
#    has to act; `autoctl confirm` with nothing proposed says so;
#  - every crash-predictor feature is in the trace's inputs, and none of the new ones (page
#    faults, RSS growth, block cache) stays 0 under user-space load;
#  - `crashctl record ... -- PROGRAM ARGS` passes a long `sh -c` script whole (it used to cut
#    every argument at 63 bytes: the script became a syntax error, exit status 2, and a run
#    that was never asked for went into the training data) and refuses one too long for it.
source "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$SIS_KERNEL")/.." && pwd)
disk_src="$build/disk/sis-disk.img"
[ -e "$disk_src" ] || { echo "FAIL: $disk_src missing: build the sis_disk target" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

out=$("$SISCTL" boot --quiet --disk "$tmp/disk.img" --memory 256 --timeout 120 \
  --exec "procctl run /bin/busybox md5sum /bin/busybox" --exec "crashctl bcache" --exec "crashctl bcache shrink" \
  --exec "procctl run /bin/busybox md5sum /bin/busybox" --exec "crashctl bcache regrow" \
  --exec "autoctl ask" --exec "autoctl detector tte 3000" \
  --exec 'procctl run /bin/busybox sh -c "/bin/memhog 512 15; echo memhog-status $?"' \
  --exec "procctl run /bin/sleep 1" --exec "autoctl confirm" --exec "crashctl status" \
  --exec "tracectl export --recent 40 --console" \
  --exec 'crashctl record --family longarg --seed 1 --warmup 100 -- /bin/busybox sh -c "i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; [ $i -eq 3 ] && echo the-whole-script-arrived-at-the-shell"' \
  --exec "crashctl record --family toolong --warmup 100 -- /bin/busybox sh -c $(printf 'x%.0s' $(seq 300))" 2>&1)
# (autoctl confirm and the refused record exit non-zero on purpose: sisctl says so.)
expect_not_in "no kernel panic" "$out" "KERNEL PANIC"
expect_in "a long sh -c script arrives whole" "$out" '"scenario":"longarg","seed":1,"kind":"user","crashed":false'
expect_in "... and exits 0" "$out" '"oom_killed":false,"exit_status":0}'
expect_in "an argument too long is refused, not cut" "$out" "crashctl record: argument 4 is 300 bytes long; at most 255"

if msg=$(python3 - "$out" <<'PY' 2>&1
import re, sys
text = sys.argv[1]
shrink = re.search(r"shrink: freed (\d+) KiB; the page allocator's free memory changed by (-?\d+) KiB", text)
regrow = re.search(r"regrow: took back (\d+) KiB; the page allocator's free memory changed by (-?\d+) KiB", text)
if not shrink or not regrow:
    sys.exit("crashctl bcache shrink/regrow printed no figures")
freed, delta = map(int, shrink.groups())
back, delta2 = map(int, regrow.groups())
if freed < 1024:
    sys.exit(f"the shrinker freed only {freed} KiB of an 8 MiB pool")
# Other threads (the monitor, the console) may allocate a page or two in between.
if abs(delta - freed) > 64:
    sys.exit(f"the cache says it freed {freed} KiB, the page allocator gained {delta} KiB")
if back != freed or abs(-delta2 - back) > 64:
    sys.exit(f"regrow took back {back} KiB (freed {freed}), the allocator changed by {delta2} KiB")
sums = re.findall(r"^([0-9a-f]{32})  /bin/busybox", text, re.M)
if len(sums) != 2 or sums[0] != sums[1]:
    sys.exit(f"a file read through the shrunk cache differs: {sums}")
print(f"freed {freed} KiB, allocator +{delta} KiB; regrew {back} KiB, allocator {delta2} KiB")
PY
); then pass "the block-cache shrinker frees what it says ($msg)"; else fail "block-cache shrinker: $msg"; fi

expect_in "ask mode is set" "$out" "autonomous mode ask"
expect_in "without a confirmation the out-of-memory killer acts" "$out" "memhog-status 137"
expect_in "the kernel log names the proposal" "$out" "[AI] Proposed: memctl compact"
expect_in "the last alarm's lead time is known" "$out" "ms before the first allocation failure"
# memhog's death ends the alarm at the monitor's next sample, which withdraws the proposal;
# the second of sleep makes sure that sample came (right after the kill it may not have, and
# a confirmation then still finds the step proposed: that is correct, and not this check).
expect_in "the proposal is withdrawn when the alarm ends" "$out" "[AI] Withdrawn: memctl compact (the alarm ended)"
expect_in "confirm with nothing proposed says so" "$out" "autoctl confirm: nothing is proposed"

if msg=$(python3 - "$out" <<'PY' 2>&1
import json, sys
text = sys.argv[1]
doc = next((json.loads(l) for l in text.splitlines() if l.startswith('{"format":"sis-decision-traces"')), None)
if doc is None:
    sys.exit("no exported trace document")
recs = doc["records"]
props = [r for r in recs if r["kind"] == "action" and r["action"].startswith("propose ")]
done = [r for r in recs if r["kind"] == "action" and not r["action"].startswith("propose ")]
alarms = [r for r in recs if r["kind"] == "alarm"]
if not alarms or not alarms[0]["action"].startswith("ask (tte "):
    sys.exit(f"no ask-mode alarm: {[r['action'] for r in alarms]}")
if not props:
    sys.exit("no proposal traced")
if done:
    sys.exit(f"ask mode acted without a confirmation: {[r['action'] for r in done]}")
names = set(props[0]["inputs"])
want = {"free_ratio", "free_trend_1s", "runqueue", "fault_rate", "rss_growth_1s", "bcache_ratio", "bcache_hit"}
if not want <= names:
    sys.exit(f"the proposal's inputs lack {sorted(want - names)}")
live = {k for r in recs if r["model"] in ("crash-predictor", "autonomy") for k, v in r["inputs"].items() if v != 0}
dead = {"fault_rate", "rss_growth_1s", "bcache_ratio"} - live
if dead:
    sys.exit(f"features still 0 under a leaking user process: {sorted(dead)}")
print(f"{len(props)} proposals ({props[0]['action']}), no action; inputs {len(names)} features")
PY
); then pass "ask mode proposes with its inputs and takes no step alone ($msg)"; else fail "ask mode: $msg"; fi
finish
