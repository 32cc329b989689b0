#!/usr/bin/env bash
# llm.guest: the language model inside the real kernel under QEMU (TCG).
#  - llmctl selftest: the NEON kernels agree with the scalar reference (kernel cases and a
#    forward pass of the built-in model: logits within 1e-3, identical greedy tokens). This
#    is the only place the NEON path runs: the x86 host cannot execute it.
#  - llmctl info / infer / suggest with the built-in model; LoRA load, list, unload.
#  - untrusted prompts (quotes, shell metacharacters, control bytes) are only text: the
#    shell stays alive and nothing in the output is executed.
#  - a path without a mounted file system is refused with a clear message.
source "${SIS_SOURCE_DIR:?}/tests/integration/lib.sh"

out=$("$SISCTL" boot --quiet --timeout 100 \
  --exec "llmctl selftest" \
  --exec "llmctl info --json" \
  --exec "llmctl lora load builtin" \
  --exec "llmctl lora list" \
  --exec "llmctl suggest the disk reads are slow --max-tokens 8" \
  --exec "llmctl suggest heap usage climbs steadily --max-tokens 8" \
  --exec "llmctl lora unload ops-fix" \
  --exec "llmctl infer \"; poweroff; echo 'x' \$(panic)\" --max-tokens 4 --temperature 0.8 --seed 3" \
  --exec "llmctl load /models/none.bin" \
  --exec "llmctl stats" \
  --exec "version" 2>&1); st=$?
# 6: "llmctl load /models/none.bin" fails on purpose (sisctl boot's exit status for a failed command).
expect_status "boot and llmctl commands" "$st" 6
expect_in "NEON agrees with scalar" "$out" "PASS"
expect_not_in "no NEON disagreement" "$out" "DIFFER"
expect_in "info reports the built-in model" "$out" '"name":"sis-ops-default"'
expect_in "suggest labels its output as text" "$out" "suggestion (text only: nothing is run)"
expect_in "adapter loads" "$out" "adapter ops-fix loaded"
expect_in "adapter is listed" "$out" "ops-fix"
expect_in "metacharacters in a prompt are data" "$out" "prompt tokens"
if grep -qE "llmctl: (no file system is mounted|/models/none.bin)" <<<"$out"; then pass "a missing model file is refused with a reason"
else fail "llmctl load of a missing file: no clear refusal"; fi
expect_in "stats count the requests" "$out" "requests"
expect_in "the shell survived every prompt" "$out" "SIS"
finish
