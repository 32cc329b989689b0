#!/usr/bin/env bash
# Training is reproducible (issue 18's CI check, on the small configuration): the tiny model
# retrained here from the same inputs and options, in another process and without the
# cache, must come out byte for byte as the build's. The trainer sums per-thread gradients
# in a fixed order, so a seed and a thread count fix every bit (another thread count sums
# in another order: close, not equal; llm.train.SameSeedSameWeightsWithOneOrTwoThreads).
# The committed default model is reproduced the same way, with its own command
# (models/default-train.args), in minutes instead of seconds.
#   check_tiny_reproducible.sh BUILD_DIR
set -euo pipefail
build=$1
models=$build/models
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t args < "$models/tiny-train.args"
"$build/bin/sis-llm-train" "${args[@]}" --out "$tmp/sis-tiny.bin" --lora-out "$tmp/tiny-fix.lora" \
  --report "$tmp/sis-tiny.json" --export-llama2c "$tmp/sis-tiny.l2c.bin" "$tmp/sis-tiny.l2c.tok"
status=0
for f in sis-tiny.bin tiny-fix.lora sis-tiny.l2c.bin sis-tiny.l2c.tok; do
  if cmp -s "$tmp/$f" "$models/test/$f"; then
    echo "PASS: $f: the same $(stat -c %s "$tmp/$f") bytes ($(sha256sum < "$tmp/$f" | cut -c1-16))"
  else
    echo "FAIL: $f differs from the build's $models/test/$f"
    status=1
  fi
done
exit $status
