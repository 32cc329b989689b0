#!/usr/bin/env bash
# The language model's speed in one run: `bench llm` inside the guest (QEMU TCG, NEON and
# scalar kernels) and the same portable code natively on the host (sis-llm-run --bench),
# same model, same prompt, same number of tokens. Prints one JSON object per line and a
# summary. Usage: bench_llm.sh [BUILD_DIR] [RUNS] [TOKENS]
set -euo pipefail
build=${1:-build}
runs=${2:-3}
tokens=${3:-32}
model=$build/models/sis-ops.bin
export SIS_KERNEL=${SIS_KERNEL:-$build/kernel/Image}
guest=$("$build/bin/sisctl" boot --quiet --timeout 300 \
  --exec "bench llm --runs $runs --tokens $tokens --json" \
  --exec "llmctl kernels scalar" \
  --exec "bench llm --runs $runs --tokens $tokens --json" 2>&1 | grep '^{"where"')
host=$("$build/bin/sis-llm-run" "$model" --bench --runs "$runs" --max-tokens "$tokens" \
  --prompt $'incident: the disk is slow\ncommand:')
echo "$guest"
echo "$host"
python3 - "$guest" "$host" <<'PY'
import json, sys
g = [json.loads(l) for l in sys.argv[1].splitlines()]
h = json.loads(sys.argv[2])
for x in g:
    print(f"guest ({x['kernels']}): {x['tokens_per_s']} tokens/s, first token {x['ttft_ms']} ms, "
          f"memory {x['memory_bytes'] // 1024} KiB")
print(f"host  ({h['kernels']}): {h['tokens_per_s']} tokens/s, first token {h['ttft_ms']} ms, "
      f"memory {h['memory_bytes'] // 1024} KiB")
print(f"host / guest (neon): {h['tokens_per_s'] / g[0]['tokens_per_s']:.1f}x")
PY
