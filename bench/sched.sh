#!/usr/bin/env bash
# The scheduling policies compared over repeated boots (issue 17: "repeated runs with
# intervals"). One `bench sched --json` per boot runs every policy on every held-out mix;
# across BOOTS boots this prints, per mix and policy, the median of the echo threads' p50 and
# p99 wake-up latency, the CPU hogs' throughput (vs the first policy) and Jain's index, each
# with its min-max range over the boots, and how many boots each policy's p99 beat the first
# policy's. One boot's table swings with the host's load (docs/scheduler.md); this is the
# number to quote.
# usage: bench/sched.sh [BOOTS] [MS] [POLICIES]   (default 5 boots, 1000 ms per mix and
#        policy, baseline,eevdf,ewma,learned; SIS_BUILD_DIR, SISCTL as the other benches;
#        SIS_BENCH_RAW=FILE keeps every boot's JSON)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIS_BUILD_DIR:-$root/build}
sisctl=${SISCTL:-$build/bin/sisctl}
boots=${1:-5}
ms=${2:-1000}
policies=${3:-baseline,eevdf,ewma,learned}
raw=${SIS_BENCH_RAW:-$(mktemp /tmp/sis-bench-sched.XXXXXX)}
[ -n "${SIS_BENCH_RAW:-}" ] || trap 'rm -f "$raw"' EXIT
: >"$raw"
echo "bench/sched.sh: $boots boots x bench sched --ms $ms --policies $policies; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$boots"); do
  out=$("$sisctl" boot --quiet --timeout 600 --exec "bench sched --ms $ms --policies $policies --json" 2>&1) ||
    { echo "bench/sched.sh: boot $i failed:" >&2; echo "$out" >&2; exit 1; }
  grep '^{"ms":' <<<"$out" >>"$raw" || { echo "bench/sched.sh: boot $i printed no JSON:" >&2; echo "$out" >&2; exit 1; }
  echo "boot $i of $boots done"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$raw" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
cells, order = {}, []
for run in runs:
    for r in run["results"]:
        key = (r["mix"], r["policy"])
        if key not in cells:
            cells[key] = []
            order.append(key)
        cells[key].append(r)
ref = runs[0]["reference"]
def stat(values, scale=1.0, fmt="{:.1f}"):
    v = [x * scale for x in values]
    return f"{fmt.format(statistics.median(v))} [{fmt.format(min(v))}-{fmt.format(max(v))}]"
print(f"{len(runs)} boots; median [min-max] over the boots; latency in us; throughput vs {ref}")
print(f"{'mix':<12} {'policy':<12} {'p50 us':>22} {'p99 us':>26} {'thr vs ref':>20} {'jain':>20} {'p99 beat ' + ref:>16}")
for mix, pol in order:
    rs = cells[(mix, pol)]
    ok = [r for r in rs if not r["error"]]
    if not ok:
        print(f"{mix:<12} {pol:<12} error: {rs[0]['error']}")
        continue
    # Boot b's cell of this policy against boot b's cell of the reference (one boot each).
    refs = cells[(mix, ref)]
    wins = sum(1 for r, x in zip(rs, refs) if not r["error"] and not x["error"]
               and r["latency_p99_ns"] < x["latency_p99_ns"])
    print(f"{mix:<12} {pol:<12} {stat([r['latency_p50_ns'] for r in ok], 1e-3):>22} "
          f"{stat([r['latency_p99_ns'] for r in ok], 1e-3):>26} "
          f"{stat([r['throughput_vs_reference'] for r in ok], 1.0, '{:.2f}'):>20} "
          f"{stat([r['jain'] for r in ok], 1.0, '{:.3f}'):>20} "
          f"{'-' if pol == ref else f'{wins}/{len(rs)}':>16}")
PY
