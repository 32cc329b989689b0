#!/usr/bin/env bash
# Records the crash predictor's training and evaluation runs from the real kernel under QEMU
# (docs/ai.md "Data"). Every run is one `crashctl record`: autonomy off, a fresh feature
# window, a quiet warm-up of seeded length, then the workload to its end or its crash. Nine
# families, three boots (one per group), each under the machine's QEMU lock:
#   user space   memhog-oom  memhog asks for 512 MiB of a 256 MiB guest at a seeded pace:
#                            the out-of-memory killer must act (crash family, held out)
#                memhog-ok   memhog touches 60..150 MiB and exits (benign, held out)
#   kernel crash leak, spike, frag (kernel/ai/scenarios.h)
#   kernel safe  steady, idle, burst, plateau
# Usage: tools/ai-train/record.sh OUT.jsonl [GROUP...]   (groups: user crash safe; default all)
#   SISCTL (default build/bin/sisctl), SIS_KERNEL as for sisctl boot, DISK (default
#   build/disk/sis-disk.img: /bin/memhog). Takes about 20 minutes under TCG.
set -euo pipefail
out=${1:?usage: record.sh OUT.jsonl [user|crash|safe]...}
shift
groups=${*:-user crash safe}
sisctl=${SISCTL:-build/bin/sisctl}
disk_src=${DISK:-build/disk/sis-disk.img}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$disk_src" "$tmp/disk.img"

warmup() { echo $((800 + ($1 * 7919 + $2) % 1700)); }  # seeded 800..2499 ms

boot_group() {
  local args=()
  case $1 in
    user)
      for seed in $(seq 1 24); do
        args+=(--exec "crashctl record --family memhog-oom --seed $seed --warmup $(warmup $seed 1) -- /bin/memhog 512 $((2 + seed * 13 % 37))")
      done
      for seed in $(seq 1 16); do
        args+=(--exec "crashctl record --family memhog-ok --seed $seed --warmup $(warmup $seed 2) -- /bin/memhog $((60 + seed * 37 % 91)) $((1 + seed * 7 % 12))")
      done ;;
    crash)
      for seed in $(seq 1 20); do
        args+=(--exec "crashctl record --scenario leak --seed $seed --seconds 14 --warmup $(warmup $seed 3)")
        args+=(--exec "crashctl record --scenario spike --seed $seed --seconds 8 --warmup $(warmup $seed 4)")
        args+=(--exec "crashctl record --scenario frag --seed $seed --seconds 10 --warmup $(warmup $seed 5)")
      done ;;
    safe)
      for seed in $(seq 1 12); do
        args+=(--exec "crashctl record --scenario steady --seed $seed --seconds 6 --warmup $(warmup $seed 6)")
        args+=(--exec "crashctl record --scenario burst --seed $seed --seconds 8 --warmup $(warmup $seed 7)")
        args+=(--exec "crashctl record --scenario plateau --seed $seed --seconds 8 --warmup $(warmup $seed 8)")
      done
      for seed in $(seq 1 8); do
        args+=(--exec "crashctl record --scenario idle --seed $seed --seconds 4 --warmup $(warmup $seed 9)")
      done ;;
    *) echo "record.sh: unknown group $1" >&2; exit 2 ;;
  esac
  flock /tmp/sis-qemu.lock "$sisctl" boot --quiet --disk "$tmp/disk.img" --memory 256 "${args[@]}" --timeout 1500 \
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
