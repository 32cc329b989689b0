#!/usr/bin/env bash
# Boot-time benchmark: boots the kernel N times (default 11) under QEMU TCG and reports the
# median and spread of (a) host wall time from starting QEMU to the "sis> " prompt, as seen
# by sisctl, and (b) the kernel's own time from entry to the prompt (generic timer).
# usage: bench/boot.sh [RUNS] [--json]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sisctl=${SISCTL:-$root/build/bin/sisctl}
runs=11
json=0
for a in "$@"; do
  case "$a" in
    --json) json=1 ;;
    ''|*[!0-9]*) echo "usage: bench/boot.sh [RUNS] [--json]" >&2; exit 2 ;;
    *) runs=$a ;;
  esac
done
[ -x "$sisctl" ] || { echo "bench/boot.sh: $sisctl not built (run ./sis build)" >&2; exit 2; }

host=() kern=()
for _ in $(seq "$runs"); do
  out=$("$sisctl" boot --exec "uptime --json" --timeout 30)
  host+=("$(sed -n 's/^\[sisctl: prompt after \([0-9.]*\) ms\]$/\1/p' <<<"$out")")
  ns=$(sed -n 's/.*"boot_to_shell_ns":\([0-9]*\).*/\1/p' <<<"$out")
  kern+=("$(awk -v n="$ns" 'BEGIN{printf "%.3f", n/1e6}')")
done

stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.1f %.1f %.1f", m, v[1], v[NR]}'; }
read -r hm hmin hmax <<<"$(stats "${host[@]}")"
read -r km kmin kmax <<<"$(stats "${kern[@]}")"
if [ $json -eq 1 ]; then
  printf '{"runs":%d,"qemu_start_to_prompt_ms":{"median":%s,"min":%s,"max":%s},"kernel_entry_to_prompt_ms":{"median":%s,"min":%s,"max":%s}}\n' \
    "$runs" "$hm" "$hmin" "$hmax" "$km" "$kmin" "$kmax"
else
  printf 'boot to shell prompt, %d runs, QEMU TCG (-M virt,gic-version=3 -cpu cortex-a72 -m 256)\n' "$runs"
  printf '%-34s %8s %8s %8s\n' "measure" "median" "min" "max"
  printf '%-34s %8s %8s %8s\n' "QEMU start -> prompt (ms, host)" "$hm" "$hmin" "$hmax"
  printf '%-34s %8s %8s %8s\n' "kernel entry -> prompt (ms, guest)" "$km" "$kmin" "$kmax"
fi
