#!/usr/bin/env bash
# Measures SIS Control Center while it streams metrics: startup time to a usable window, the
# app's CPU use (its own process, not QEMU's) and memory while the dashboard shows live charts
# at RATE Hz (default 20) for SECONDS (default 20) under Xvfb. Prints one line per number and
# a JSON summary. A program that prints numbers, not a test with limits.
#   tests/gui/measure_streaming.sh [build-dir] [rate-hz] [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
rate=${2:-20}
seconds=${3:-20}
app=$build/bin/sis-control-center
[ -x "$app" ] || { echo "measure_streaming: $app not built" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config SIS_RUNTIME_DIR=$work/run
export SIS_KERNEL=${SIS_KERNEL:-$build/kernel/Image}
mkdir -p "$XDG_CONFIG_HOME/SIS"
printf '[dashboard]\nrate_hz=%s\nwindow_index=1\n' "$rate" > "$XDG_CONFIG_HOME/SIS/SIS Control Center.conf"
tick=$(getconf CLK_TCK)
warmup=5
total=$((seconds + warmup + 3))

cat > "$work/inner.sh" <<INNER
"$app" --start --quit-after $total --report "$work/report.json" > "$work/app.log" 2>&1 &
pid=\$!
sleep $warmup
read -r -a a < /proc/\$pid/stat; t0=\$(( a[13] + a[14] )); s0=\$(date +%s.%N)
peak=0
for i in \$(seq 1 $seconds); do
  sleep 1
  rss=\$(awk '/VmRSS/ {print \$2}' /proc/\$pid/status)
  [ "\$rss" -gt "\$peak" ] && peak=\$rss
done
read -r -a a < /proc/\$pid/stat; t1=\$(( a[13] + a[14] )); s1=\$(date +%s.%N)
echo "\$t0 \$t1 \$s0 \$s1 \$peak" > "$work/cpu.txt"
wait \$pid
INNER
xvfb-run -a -s '-screen 0 1600x1000x24' bash "$work/inner.sh"
read -r t0 t1 s0 s1 peak < "$work/cpu.txt"
cpu=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$tick" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (e - s) }')
rss=$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')
usable=$(sed -n 's/.*"usable_ms": \([0-9-]*\).*/\1/p' "$work/report.json")
samples=$(sed -n 's/.*"samples": \([0-9]*\).*/\1/p' "$work/report.json")
redraws=$(sed -n 's/.*"redraws": \([0-9]*\).*/\1/p' "$work/report.json")
echo "startup to usable window: ${usable} ms"
echo "streaming at ${rate} Hz for ${seconds} s: app CPU ${cpu}% of one core, peak RSS ${rss} MiB"
echo "samples received: ${samples} (whole run), dashboard redraws: ${redraws}"
printf '{"rate_hz":%s,"seconds":%s,"usable_ms":%s,"cpu_percent":%s,"peak_rss_mib":%s,"samples":%s,"redraws":%s}\n' \
  "$rate" "$seconds" "$usable" "$cpu" "$rss" "$samples" "$redraws"
