#!/usr/bin/env bash
# Records the crash predictor's training and evaluation runs from the real kernel under QEMU
# (docs/ai.md "Data"). Every run is one `crashctl record`: autonomy off, a fresh feature
# window, a quiet warm-up of seeded length, then the workload to its end or its crash (the
# first allocation failure, whichever process it hit). Sixteen families, four boots (one per
# group), each under the machine's QEMU lock:
#   crash   kernel: leak, spike, frag (kernel/ai/scenarios.h), threads (a kernel thread storm)
#   safe    kernel: steady, idle, burst, plateau
#   user    user-space crashes:
#             memhog-oom  memhog asks for 512 MiB of a 256 MiB guest at a seeded pace
#             forkbomb    busybox sh forks a memhog child every seeded 80..200 ms; each grows
#                         by 4 MiB/s to a seeded 24..40 MiB and holds it until it ends (up to
#                         60 children): memory falls faster as children pile up, until the
#                         out-of-memory killer acts
#             shleak      busybox sh doubles a string variable, a seeded 0..250 ms between
#                         doublings, until the out-of-memory killer acts
#           and one benign family: memhog-ok (memhog touches 60..150 MiB and exits)
#   benign  heavy user-space load that must not alarm:
#             bbloop      busybox sh loop of pipelines (echo | md5sum), 150..370 rounds
#             fscopy      dd 10..40 MiB to /tmp, cp, md5sum, rm: the block cache fills
#             spawn       bench_spawn: 300..800 fork+exec+wait of busybox true
#             idle-long   sleep 50: a long quiet stretch
# Usage: tools/ai-train/record.sh OUT.jsonl [GROUP...]   (groups: crash safe user benign;
#   default all) SISCTL (default build/bin/sisctl), SIS_KERNEL as for sisctl boot, DISK
#   (default build/disk/sis-disk.img: /bin/memhog, busybox). About 25 minutes under TCG.
set -euo pipefail
out=${1:?usage: record.sh OUT.jsonl [crash|safe|user|benign]...}
shift
groups=${*:-crash safe user benign}
sisctl=${SISCTL:-build/bin/sisctl}
disk_src=${DISK:-build/disk/sis-disk.img}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

warmup() { echo $((800 + ($1 * 7919 + $2) % 1700)); }  # seeded 800..2499 ms

boot_group() {
  local args=()
  case $1 in
    crash)
      for seed in $(seq 1 12); do
        args+=(--exec "crashctl record --scenario leak --seed $seed --seconds 14 --warmup $(warmup $seed 3)")
        args+=(--exec "crashctl record --scenario threads --seed $seed --seconds 14 --warmup $(warmup $seed 10)")
      done
      for seed in $(seq 1 8); do
        args+=(--exec "crashctl record --scenario spike --seed $seed --seconds 8 --warmup $(warmup $seed 4)")
        args+=(--exec "crashctl record --scenario frag --seed $seed --seconds 10 --warmup $(warmup $seed 5)")
      done ;;
    safe)
      for seed in $(seq 1 8); do
        args+=(--exec "crashctl record --scenario steady --seed $seed --seconds 6 --warmup $(warmup $seed 6)")
        args+=(--exec "crashctl record --scenario burst --seed $seed --seconds 8 --warmup $(warmup $seed 7)")
        args+=(--exec "crashctl record --scenario plateau --seed $seed --seconds 8 --warmup $(warmup $seed 8)")
      done
      for seed in $(seq 1 6); do
        args+=(--exec "crashctl record --scenario idle --seed $seed --seconds 4 --warmup $(warmup $seed 9)")
      done ;;
    user)
      for seed in $(seq 1 16); do
        args+=(--exec "crashctl record --family memhog-oom --seed $seed --warmup $(warmup $seed 1) -- /bin/memhog 512 $((2 + seed * 13 % 37))")
      done
      for seed in $(seq 1 12); do
        args+=(--exec "crashctl record --family memhog-ok --seed $seed --warmup $(warmup $seed 2) -- /bin/memhog $((60 + seed * 37 % 91)) $((1 + seed * 7 % 12))")
        local mib=$((24 + seed * 419 % 17)) pace=$((80000 + seed * 7717 % 121 * 1000))
        args+=(--exec "crashctl record --family forkbomb --seed $seed --warmup $(warmup $seed 11) -- /bin/busybox sh -c \"i=0; while [ \$i -lt 60 ]; do /bin/memhog $mib 250 & usleep $pace; i=\$((i+1)); done; wait\"")
      done
      for seed in $(seq 1 10); do
        local init=$((16 + seed * 31 % 48)) gap=$((seed * 25000 % 250000))
        args+=(--exec "crashctl record --family shleak --seed $seed --warmup $(warmup $seed 12) -- /bin/busybox sh -c \"x=\$(head -c $init /dev/zero | tr -c a a); while :; do x=\$x\$x; usleep $gap; done\"")
      done ;;
    benign)
      for seed in $(seq 1 8); do
        args+=(--exec "crashctl record --family bbloop --seed $seed --warmup $(warmup $seed 13) -- /bin/busybox sh -c \"i=0; while [ \$i -lt $((150 + seed * 53 % 220)) ]; do echo \$i | md5sum > /dev/null; i=\$((i+1)); done\"")
        args+=(--exec "crashctl record --family fscopy --seed $seed --warmup $(warmup $seed 14) -- /bin/busybox sh -c \"dd if=/dev/zero of=/tmp/a bs=64k count=$((160 + seed * 97 % 480)) && cp /tmp/a /tmp/b && md5sum /tmp/b && rm /tmp/a /tmp/b\"")
      done
      for seed in $(seq 1 6); do
        args+=(--exec "crashctl record --family spawn --seed $seed --warmup $(warmup $seed 15) -- /bin/bench_spawn $((300 + seed * 89 % 500))")
      done
      for seed in $(seq 1 3); do
        args+=(--exec "crashctl record --family idle-long --seed $seed --warmup $(warmup $seed 16) -- /bin/sleep 50")
      done ;;
    *) echo "record.sh: unknown group $1" >&2; exit 2 ;;
  esac
  # --console-only: the commands go to the serial console, whose output has no size limit
  # (shell.exec cuts a command's output at 32 KiB: a run of more than about 28 s of samples).
  flock /tmp/sis-qemu.lock "$sisctl" boot --quiet --console-only --disk "$tmp/disk.img" --memory 256 "${args[@]}" \
    --timeout 1500 \
    > "$tmp/$1.raw"
}

: > "$out"
for g in $groups; do
  boot_group "$g"
  # Keep the JSON lines; one output line per run: its summary and its samples.
  python3 - "$tmp/$g.raw" "$out" <<'PY'
import json, sys
run = []
with open(sys.argv[2], "a") as o:
    for line in open(sys.argv[1]):
        line = line.strip()
        if line.startswith('{"t_ms"'):
            run.append(json.loads(line))
        elif line.startswith('{"scenario"'):
            s = json.loads(line)
            o.write(json.dumps({"run": s, "samples": run}, separators=(",", ":")) + "\n")
            run = []
        elif line.startswith("crashctl record:"):
            sys.exit("record.sh: " + line)
PY
done
echo "record.sh: $(wc -l < "$out") runs in $out"
