#!/usr/bin/env bash
# Trains the crash predictor from the committed runs and writes everything the product uses,
# so a fresh clone never trains before the kernel runs (docs/ai.md):
#   kernel/ai/models/crash_model.inc        the model built into the kernel
#   kernel/ai/models/detector_defaults.inc  the default detector and thresholds the held-out
#                                           table chose
#   tests/data/ai/crash_eval.json           the committed figures ai_train.heldout_table guards
#   docs/ai-eval.txt                        the printed tables docs/ai.md quotes
# Thresholds: chosen on the training families only, from out-of-family scores, with at most
# 60 false alarms per hour of their benign time (one a minute of heavy synthetic stress;
# docs/ai.md "Choosing thresholds"); the held-out families (crash_train.h) judge the result.
# Usage: tools/ai-train/train.sh [--check] [SIS_AI_TRAIN]   (run from the repository root)
#   --check: writes to a temporary directory and fails if anything differs from the committed
#   files (ctest ai_train.committed_model).
set -euo pipefail
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
trainer=${1:-build/bin/sis-ai-train}
runs=tests/data/ai/crash_runs.jsonl
dest=.
if [ $check = 1 ]; then
  dest=$(mktemp -d)
  trap 'rm -rf "$dest"' EXIT
  mkdir -p "$dest/kernel/ai/models" "$dest/tests/data/ai" "$dest/docs"
fi
"$trainer" crash --traces "$runs" --seed 1 --version 3 --max-false-per-hour 60 \
  --inc "$dest/kernel/ai/models/crash_model.inc" --defaults "$dest/kernel/ai/models/detector_defaults.inc" \
  --report "$dest/tests/data/ai/crash_eval.json" > "$dest/docs/ai-eval.txt"
if [ $check = 1 ]; then
  status=0
  for f in kernel/ai/models/crash_model.inc kernel/ai/models/detector_defaults.inc tests/data/ai/crash_eval.json \
           docs/ai-eval.txt; do
    if cmp -s "$dest/$f" "$f"; then echo "ok: $f matches"; else echo "FAIL: $f differs from what train.sh makes"; diff "$dest/$f" "$f" | head -20; status=1; fi
  done
  exit $status
fi
echo "wrote the model, the detector defaults, crash_eval.json and docs/ai-eval.txt"
