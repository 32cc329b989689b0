#!/usr/bin/env bash
# `bench fs` on several kernels, interleaved, for before/after numbers (docs/performance.md,
# "Hotspots found with the profiler"). Each round boots every kernel once, in the order
# given, on a fresh 256 MiB ext4 disk (`sisctl disk create`), and runs `bench fs --json`;
# every VM runs under `flock /tmp/sis-qemu.lock`. Prints, per kernel, the median over the
# rounds (min..max) of each phase, and each kernel's median and minimum against the first
# one's (on a loaded host the minimum is the run least disturbed by other work).
# usage: bench/fs_ab.sh [-n ROUNDS (default 5)] NAME=KERNEL_IMAGE...
#   e.g. bench/fs_ab.sh -n 5 before=/tmp/Image-before after=build/kernel/Image
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sisctl=${SISCTL:-$root/build/bin/sisctl}
rounds=5
if [ "${1:-}" = "-n" ]; then rounds=$2; shift 2; fi
case "$rounds" in ''|*[!0-9]*|0) echo "fs_ab: -n needs a positive number" >&2; exit 1 ;; esac
[ $# -ge 1 ] || { sed -n '2,9p' "$0" >&2; exit 1; }
names=(); images=()
for arg in "$@"; do
  case "$arg" in *=*) ;; *) echo "fs_ab: '$arg' is not NAME=KERNEL_IMAGE" >&2; exit 1 ;; esac
  case "${arg%%=*}" in ''|*[!A-Za-z0-9_+.-]*) echo "fs_ab: name '${arg%%=*}': letters, digits, _ + . - only" >&2; exit 1 ;; esac
  names+=("${arg%%=*}"); images+=("${arg#*=}")
  [ -r "${arg#*=}" ] || { echo "fs_ab: cannot read ${arg#*=}" >&2; exit 1; }
done
dir=$(mktemp -d /tmp/sis-fs-ab.XXXXXX); trap 'rm -rf "$dir"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$rounds"); do
  for i in "${!names[@]}"; do
    "$sisctl" disk create "$dir/disk.img" --size 256 >/dev/null
    if ! SIS_KERNEL="${images[$i]}" flock /tmp/sis-qemu.lock "$sisctl" boot --quiet --disk "$dir/disk.img" \
         --timeout 600 --exec "bench fs --json" > "$dir/out" 2>&1; then
      echo "fs_ab: ${names[$i]} (round $r) failed:" >&2; tail -20 "$dir/out" >&2; exit 1
    fi
    grep '^{"bench":"fs"' "$dir/out" | sed "s/^/${names[$i]} /" >> "$dir/runs" ||
      { echo "fs_ab: ${names[$i]} (round $r) printed no result:" >&2; tail -20 "$dir/out" >&2; exit 1; }
    rm -f "$dir/disk.img"
  done
done
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$dir/runs" "$rounds" "${names[@]}" <<'PY'
import json, statistics, sys
path, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
runs = {n: [] for n in names}
for line in open(path):
    name, js = line.split(" ", 1)
    runs[name].append(json.loads(js))
phases = [("create, us a file (the creates alone, no flush)", lambda r: r["create_only_ns"] / 1e3 / r["files"]),
          ("lookup (stat), us a file", lambda r: r["lookup_ns"] / 1e3 / r["files"]),
          ("remove (unlink), us a file", lambda r: r["remove_ns"] / 1e3 / r["files"]),
          ("create 1000 files + sync, ms", lambda r: r["create_ns"] / 1e6),
          ("64 MiB write + fsync, ms", lambda r: r["write_fsync_ns"] / 1e6),
          ("64 MiB read, ms", lambda r: r["read_ns"] / 1e6),
          ("journal replay, ms", lambda r: r["replay_ns"] / 1e6),
          ("ext4 total (create+write+read), ms", lambda r: (r["create_ns"] + r["write_fsync_ns"] + r["read_ns"]) / 1e6)]
print(f"bench fs, {rounds} rounds, kernels interleaved: median (min..max); change of the median and of the min against {names[0]}")
for title, f in phases:
    print(title)
    base = [f(r) for r in runs[names[0]]]
    for n in names:
        v = [f(r) for r in runs[n]]
        m = statistics.median(v)
        print(f"  {n:<12} {m:10.2f} ({min(v):.2f}..{max(v):.2f})   median {100 * (m / statistics.median(base) - 1):+7.1f}%"
              f"   min {100 * (min(v) / min(base) - 1):+7.1f}%")
PY
