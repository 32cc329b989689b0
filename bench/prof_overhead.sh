#!/usr/bin/env bash
# The sampling profiler's overhead (docs/profiler.md): `bench ctxsw` and `bench fs` without
# and with `profctl start --hz HZ`, alternating in one boot (off, on, off, on, ...) so that
# host drift hits both sides alike, on a fresh ext4 disk. Prints the median of PAIRS runs
# per side and the slowdown: ctxsw by its mean switch time, fs by create + write+fsync +
# read time (the ext4 phases; the raw-device phases do not go through the kernel's code
# paths being profiled any differently).
# usage: bench/prof_overhead.sh [PAIRS (default 5)] [HZ (default 1000)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sisctl=${SISCTL:-$root/build/bin/sisctl}
pairs=${1:-5}
hz=${2:-1000}
dir=$(mktemp -d /tmp/sis-prof-overhead.XXXXXX); trap 'rm -rf "$dir"' EXIT
"$sisctl" disk create "$dir/disk.img" --size 256 >/dev/null

execs=()
for _ in $(seq "$pairs"); do
  execs+=(--exec "bench ctxsw --json" --exec "profctl start --hz $hz" --exec "bench ctxsw --json" --exec "profctl stop")
done
for _ in $(seq "$pairs"); do
  execs+=(--exec "bench fs --json" --exec "profctl start --hz $hz" --exec "bench fs --json" --exec "profctl stop")
done
"$sisctl" boot --quiet --disk "$dir/disk.img" "${execs[@]}" --timeout 1800 > "$dir/out" 2>&1 || {
  echo "prof_overhead: the run failed:" >&2; tail -30 "$dir/out" >&2; exit 1; }

python3 - "$dir/out" "$pairs" "$hz" <<'PY'
import json, re, statistics, sys
text = open(sys.argv[1]).read()
pairs, hz = int(sys.argv[2]), int(sys.argv[3])
runs = [json.loads(l) for l in text.splitlines() if l.startswith('{"bench"') or l.startswith('{"policy"')]
ctx = [r for r in runs if "switch_mean_ns" in r]
fs = [r for r in runs if r.get("bench") == "fs"]
stops = [tuple(map(int, m)) for m in re.findall(r"stopped: (\d+) samples, (\d+) dropped, (\d+) ms", text)]
assert len(ctx) == 2 * pairs and len(fs) == 2 * pairs, (len(ctx), len(fs))
def side(rs, f): return [f(r) for r in rs[0::2]], [f(r) for r in rs[1::2]]
def show(name, off, on, unit):
    m_off, m_on = statistics.median(off), statistics.median(on)
    print(f"{name:<12} off {m_off:12.1f} {unit}   on {m_on:12.1f} {unit}   slowdown {100 * (m_on / m_off - 1):+6.2f}%"
          f"   (median of {len(off)}; off {min(off):.1f}..{max(off):.1f}, on {min(on):.1f}..{max(on):.1f})")
print(f"profiling at {hz} Hz, {pairs} pairs, alternating off/on in one boot")
show("bench ctxsw", *side(ctx, lambda r: r["switch_mean_ns"]), "ns/switch")
show("  (median)", *side(ctx, lambda r: r["switch_median_ns"]), "ns/switch")
show("bench fs", *side(fs, lambda r: (r["create_ns"] + r["write_fsync_ns"] + r["read_ns"]) / 1e6), "ms")
samples = sum(s[0] for s in stops); dropped = sum(s[1] for s in stops); ms = sum(s[2] for s in stops)
print(f"samples {samples} in {ms} ms profiled ({1000 * samples / max(ms, 1):.0f}/s), dropped {dropped}")
costs = [float(c) for c in re.findall(r"profiler cost: .* = ([0-9.]+)% of the time", text)]
if costs:
    print(f"profiler's own time (sample handler + drain thread, profctl stop): median {statistics.median(costs):.2f}%"
          f" of the profiled time ({min(costs):.2f}..{max(costs):.2f}%)")
PY
