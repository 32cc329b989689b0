#!/usr/bin/env bash
# Records crash-predictor training traces from the real kernel: boots it with sisctl and runs
# `crashctl record` for every scenario and seed below (autonomy off), keeping the JSON lines.
# Usage: tools/ai-train/record.sh OUT.jsonl   (SISCTL and SIS_KERNEL as for sisctl boot)
set -euo pipefail
out=${1:?usage: record.sh OUT.jsonl}
sisctl=${SISCTL:-build/bin/sisctl}
args=()
for kind in leak spike frag steady; do
  for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
    args+=(--exec "crashctl record --scenario $kind --seed $seed --seconds 6")
  done
done
"$sisctl" boot --quiet "${args[@]}" --timeout 900 > "$out.raw"
# Keep the JSON lines; tag every sample with the run it belongs to.
python3 - "$out.raw" "$out" <<'PY'
import json, sys
run = []
with open(sys.argv[2], "w") as o:
    for line in open(sys.argv[1]):
        line = line.strip()
        if line.startswith('{"t_ms"'):
            run.append(json.loads(line))
        elif line.startswith('{"scenario"'):
            s = json.loads(line)
            o.write(json.dumps({"run": s, "samples": run}, separators=(",", ":")) + "\n")
            run = []
PY
rm -f "$out.raw"
