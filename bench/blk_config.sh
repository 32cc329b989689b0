#!/usr/bin/env bash
# Measures `bench blk` under the QEMU virtio-blk configurations we considered (queue-size,
# num-queues, iothread) and prints the median of RUNS runs per configuration, plus the
# host's own page-cache read speed of the same image (the physical limit here).
# usage: bench/blk_config.sh [RUNS] [MiB]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sisctl=${SISCTL:-$root/build/bin/sisctl}
runs=${1:-3}
mib=${2:-128}
img=$(mktemp /tmp/sis-blk-XXXXXX.img); trap 'rm -f "$img"' EXIT
truncate -s "$((mib + 16))M" "$img"

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

printf '%-34s %9s %9s %9s %9s %9s %9s\n' "configuration (median of $runs)" "seqR MB/s" "seqW MB/s" "QD1 IOPS" "QD16 IOPS" "lat50 us" "irq/req"
for cfg in "--blk-queue-size 128 --no-iothread" "--blk-queue-size 128" "--blk-queue-size 256" \
           "--blk-queue-size 256 --no-iothread" "--blk-queue-size 256 --blk-queues 4"; do
  : > /tmp/sis-blk-runs
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    "$sisctl" boot --quiet --disk "$img" --disk-raw $cfg --exec "bench blk --mib $mib --json" --timeout 300 | grep '^{' >> /tmp/sis-blk-runs
  done
  r=$(field seq_read_mb_s < /tmp/sis-blk-runs | median)
  w=$(field seq_write_mb_s < /tmp/sis-blk-runs | median)
  q1=$(field rand_read_4k_iops_qd1 < /tmp/sis-blk-runs | median)
  q16=$(field rand_read_4k_iops_qd < /tmp/sis-blk-runs | median)
  lat=$(field read_4k_latency_median_ns < /tmp/sis-blk-runs | median)
  irq=$(sed -n 's/.*"event_idx_on":{"interrupts_per_request":\([0-9.]*\).*/\1/p' /tmp/sis-blk-runs | median)
  printf '%-34s %9s %9s %9s %9s %9s %9s\n' "$cfg" "$r" "$w" "$q1" "$q16" "$(awk -v n="$lat" 'BEGIN{printf "%.1f", n/1000}')" "$irq"
done
cat "$img" > /dev/null
t0=$(date +%s%N); dd if="$img" of=/dev/null bs=1M status=none; t1=$(date +%s%N)
printf 'host page-cache read of the image: %s MB/s\n' "$(awk -v b="$(stat -c %s "$img")" -v ns=$((t1 - t0)) 'BEGIN{printf "%.0f", b/ns*1000}')"
