#!/usr/bin/env bash
# SIS against the Linux peer (Debian arm64 under the same QEMU TCG and virtio-blk device line),
# like with like, interleaved: SIS, Linux, SIS, Linux, ... PAIRS times (default 3), each VM run
# under flock /tmp/sis-qemu.lock, the 1-minute load average recorded before each run.
#
#   read 256 MiB at queue depth 1 in 256 KiB requests:
#     SIS `bench blk --mib 256 --request-kib 256` "sequential read (QD1)" (in-kernel, zero copy)
#     Linux `dd bs=256K count=1024 iflag=direct` of /dev/vda (O_DIRECT: DMA into the user buffer)
#   64 MiB ext4 write + fsync on a 300M `mkfs.ext4 -b 4096` disk made the way the peer makes it:
#     SIS `bench fs --mib 64` write+fsync (1 MiB writes straight to the device, then commit)
#     Linux `dd bs=1M count=64 oflag=direct conv=fsync` (O_DIRECT, then fsync)
# and, labelled as different work, Linux's buffered runs (page cache, copy to user space)
# beside SIS's queue-depth-16 read.
#
# usage: bench/peer_compare.sh [PAIRS]
# env: SISCTL (default build/bin/sisctl), SIS_PEER (the peer script; default
#      ../shared/peers/linux-arm64.sh beside the repository, else /work/shared/peers/...),
#      PEER_DIR (the peer's work directory, default /tmp/sis-peer-compare), LOG (raw runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sisctl=${SISCTL:-$root/build/bin/sisctl}
pairs=${1:-3}
case "$pairs" in ''|*[!0-9]*|0) echo "usage: bench/peer_compare.sh [PAIRS]" >&2; exit 2 ;; esac
peer=${SIS_PEER:-}
if [ -z "$peer" ]; then
  for p in "$root/../shared/peers/linux-arm64.sh" /work/shared/peers/linux-arm64.sh; do
    [ -f "$p" ] && { peer=$p; break; }
  done
fi
[ -n "$peer" ] && [ -f "$peer" ] || { echo "peer_compare: the peer script is not there (set SIS_PEER)" >&2; exit 2; }
[ -x "$sisctl" ] || { echo "peer_compare: $sisctl not built (cmake --build build --target kernel sisctl)" >&2; exit 2; }
export PEER_DIR=${PEER_DIR:-/tmp/sis-peer-compare}
lock=/tmp/sis-qemu.lock
work=$(mktemp -d /tmp/sis-peer-compare-XXXXXX); trap 'rm -rf "$work"' EXIT
log=${LOG:-$work/runs.txt}; : > "$log"
mib_read=256 mib_write=64

# The peer's disk: a fresh 300M ext4 image, made with the peer's mkfs line.
mkdisk() { rm -f "$1"; mkfs.ext4 -q -F -b 4096 -E lazy_itable_init=0,lazy_journal_init=0 "$1" 300M > /dev/null; }
load() { cut -d' ' -f1 /proc/loadavg; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" | head -1; }
# busybox `time` as the peer prints it: NAME=0m0.55s -> milliseconds.
peer_ms() { sed -n "s/.*$1=\([0-9]*\)m\([0-9.]*\)s.*/\1 \2/p" | awk '{printf "%.0f", ($1 * 60 + $2) * 1000}'; }

# The peer's one-time setup (apt downloads of Debian's arm64 kernel and busybox) runs no VM:
# do it outside the lock.
RUNS=0 bash "$peer" > "$work/setup.log" 2>&1 || { echo "peer_compare: peer setup failed:" >&2; cat "$work/setup.log" >&2; exit 1; }

for i in $(seq "$pairs"); do
  # SIS: one boot for the raw device (bench blk overwrites its disk), one for ext4.
  mkdisk "$work/blk.img"
  l=$(load)
  out=$(flock "$lock" "$sisctl" boot --quiet --memory 512 --disk "$work/blk.img" --timeout 600 \
          --exec "bench blk --mib $mib_read --request-kib 256 --json" | grep '^{' || true)
  qd1=$(field seq_read_qd1_ns <<<"$out"); qd16=$(field seq_read_ns <<<"$out")
  [ -n "$qd1" ] && [ -n "$qd16" ] || { echo "peer_compare: bench blk gave no figures: $out" >&2; exit 1; }
  mkdisk "$work/fs.img"
  l2=$(load)
  out=$(flock "$lock" "$sisctl" boot --quiet --memory 512 --disk "$work/fs.img" --timeout 600 \
          --exec "bench fs --mib $mib_write --json" | grep '^{' || true)
  wr=$(field write_fsync_ns <<<"$out"); raw=$(field raw_write_flush_ns <<<"$out")
  [ -n "$wr" ] && [ -n "$raw" ] || { echo "peer_compare: bench fs gave no figures: $out" >&2; exit 1; }
  printf 'sis   %d load %s/%s read_qd1_ms %.1f read_qd16_ms %.1f write_fsync_ms %.1f raw_write_flush_ms %.1f\n' \
    "$i" "$l" "$l2" "$(awk -v n="$qd1" 'BEGIN{print n/1e6}')" "$(awk -v n="$qd16" 'BEGIN{print n/1e6}')" \
    "$(awk -v n="$wr" 'BEGIN{print n/1e6}')" "$(awk -v n="$raw" 'BEGIN{print n/1e6}')" | tee -a "$log"
  # Linux: one run of the peer script as it stands.
  l=$(load)
  out=$(RUNS=1 flock "$lock" bash "$peer" | tail -1 || true)
  rb=$(peer_ms READ-BUFFERED <<<"$out"); rd=$(peer_ms READ-DIRECT <<<"$out")
  wb=$(peer_ms WRITE-BUFFERED <<<"$out"); wd=$(peer_ms WRITE-DIRECT <<<"$out")
  [ -n "$rb" ] && [ -n "$rd" ] && [ -n "$wb" ] && [ -n "$wd" ] || { echo "peer_compare: peer gave: $out" >&2; exit 1; }
  printf 'linux %d load %s read_direct_ms %s read_buffered_ms %s write_direct_fsync_ms %s write_buffered_fsync_ms %s (%s)\n' \
    "$i" "$l" "$rd" "$rb" "$wd" "$wb" "${out%% *}" | tee -a "$log"
done

# Median, min, max of one column of the log ($1 = side, $2 = key).
stats() { awk -v side="$1" -v key="$2" '$1 == side { for (k = 1; k < NF; ++k) if ($k == key) print $(k + 1) }' "$log" |
          sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%s %s %s", m, v[1], v[NR]}'; }
# Ratio Linux/SIS per interleaved pair, as min-max.
pair_ratios() { awk -v a="$1" -v b="$2" '
  $1 == "sis"   { for (k = 1; k < NF; ++k) if ($k == a) s[$2] = $(k + 1) }
  $1 == "linux" { for (k = 1; k < NF; ++k) if ($k == b) l[$2] = $(k + 1) }
  END { lo = 1e18; hi = 0; for (i in s) if (i in l && s[i] > 0) { r = l[i] / s[i]; if (r < lo) lo = r; if (r > hi) hi = r }
        printf "%.1f-%.1f", lo, hi }' "$log"; }
row() {  # label, bytes, sis key, linux key
  read -r sm smin smax <<<"$(stats sis "$3")"
  read -r lm lmin lmax <<<"$(stats linux "$4")"
  printf '| %s | %s ms (%s-%s), %s MB/s | %s ms (%s-%s), %s MB/s | %sx | %sx |\n' "$1" \
    "$sm" "$smin" "$smax" "$(awk -v b="$2" -v t="$sm" 'BEGIN{printf "%.0f", b/t/1000}')" \
    "$lm" "$lmin" "$lmax" "$(awk -v b="$2" -v t="$lm" 'BEGIN{printf "%.0f", b/t/1000}')" \
    "$(awk -v s="$sm" -v l="$lm" 'BEGIN{printf "%.1f", l/s}')" "$(pair_ratios "$3" "$4")"
}
echo
echo "SIS against Linux, $pairs interleaved pairs, medians (min-max); load average before each run in the log above"
echo "| work | SIS | Linux | Linux/SIS (medians) | per pair |"
echo "|---|---|---|---|---|"
row "read $mib_read MiB, QD1, 256 KiB requests: SIS bench blk vs Linux O_DIRECT" $((mib_read << 20)) read_qd1_ms read_direct_ms
row "ext4 write $mib_write MiB + fsync: SIS bench fs vs Linux O_DIRECT" $((mib_write << 20)) write_fsync_ms write_direct_fsync_ms
row "different work: read $mib_read MiB, SIS QD16 vs Linux buffered bs=1M" $((mib_read << 20)) read_qd16_ms read_buffered_ms
row "different work: ext4 write $mib_write MiB + fsync, SIS vs Linux buffered" $((mib_write << 20)) write_fsync_ms write_buffered_fsync_ms
read -r rm rmin rmax <<<"$(stats sis raw_write_flush_ms)"
echo "SIS raw device, the same $mib_write MiB onto the file's blocks + flush (bench fs, same boots): $rm ms ($rmin-$rmax)"
