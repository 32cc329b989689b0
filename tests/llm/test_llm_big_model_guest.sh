#!/usr/bin/env bash
# llm.big_model_guest: a model larger than one 4 MiB kernel block loads, runs and gives its
# memory back (docs/llm.md, "Model size"). The model is the trainer's `wide` preset
# untrained (5.2 M parameters, a 21 MB file: only the size matters here), written onto a
# copy of the default disk with debugfs. The kernel takes it from a run of adjacent 4 MiB
# buddy blocks (mm::Heap::alloc_run); loading it twice proves the first unload freed the run.
# Env: SISCTL, SIS_SOURCE_DIR, SIS_KERNEL, SIS_DISK, TRAIN (sis-llm-train).
source "${SIS_SOURCE_DIR:?}/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$SIS_SOURCE_DIR/resources/corpus
"${TRAIN:?}" --preset wide --quiet --steps 0 --lora-steps 0 --corpus "$src/shell-tour.md" \
  --tasks "$src/tasks/incidents-train.tsv" --eval "$src/tasks/incidents-heldout.tsv" --out "$tmp/wide.bin" ||
  { fail "sis-llm-train --preset wide"; finish; }
size=$(stat -c %s "$tmp/wide.bin")
[ "$size" -gt $((4 << 20)) ] && pass "the model file is $size bytes, above 4 MiB" || fail "the model file is only $size bytes"
cp "${SIS_DISK:?}" "$tmp/disk.img"
debugfs -w -R "write $tmp/wide.bin /models/wide.bin" "$tmp/disk.img" >/dev/null 2>&1 || fail "debugfs write"

out=$("$SISCTL" boot --quiet --timeout 150 --disk "$tmp/disk.img" \
  --exec "llmctl load /models/wide.bin" \
  --exec "llmctl info" \
  --exec "llmctl infer \"the disk is\" --max-tokens 4" \
  --exec "llmctl unload" \
  --exec "memctl stats" \
  --exec "llmctl load /models/wide.bin" \
  --exec "llmctl unload" \
  --exec "memctl check" \
  --exec "memctl stats" 2>&1); st=$?
expect_status "boot and llmctl commands" "$st" 0
expect_in "the 21 MB model loads" "$out" "loaded sis-ops-wide: 5246208 parameters"
expect_in "its shape is the wide preset's" "$out" "dim 256, hidden 768, 6 layers"
expect_in "it generates" "$out" "4 generated"
# The second load needs the run the first one freed; the heap is whole afterwards.
if [ "$(grep -c "loaded sis-ops-wide" <<<"$out")" = 2 ]; then pass "loaded again after unload"
else fail "the second load failed: the first unload did not give the blocks back"; fi
expect_in "allocator invariants hold" "$out" "all allocator invariants hold"
# Large-allocation pages in use are the same after each unload (nothing leaked).
mapfile -t in_use < <(grep -oE "[0-9]+ pages in use" <<<"$out")
if [ "${#in_use[@]}" = 2 ] && [ "${in_use[0]}" = "${in_use[1]}" ]; then pass "no pages leaked (${in_use[0]})"
else fail "large-allocation pages in use differ after the two unloads: ${in_use[*]}"; fi
finish
