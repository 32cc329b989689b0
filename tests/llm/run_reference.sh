#!/usr/bin/env bash
# llm.reference: the kernel's portable inference code (sis-llm-run, host) against the
# independent NumPy forward pass (reference.py) on the tiny test model, with and without the
# LoRA adapter, on the llama2.c export of the same weights, and on the default model. Logits must agree to 2e-3
# (float32 vs float64) and greedy decoding must choose the same tokens.
set -u
: "${PYTHON:?}" "${LLM_RUN:?}" "${MODELS:?}" "${REFERENCE:?}"
if ! "$PYTHON" -c 'import numpy' 2>/dev/null; then
  echo "FAIL: $PYTHON has no numpy (apt-get install python3-numpy)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
run() {  # name, model, reference args..., -- , sis-llm-run args...
  local name=$1 model=$2; shift 2
  local ref=() r=()
  while [ "$1" != "--" ]; do ref+=("$1"); shift; done
  shift
  if ! "$LLM_RUN" "$model" "$@" --dump "$tmp/$name.json" >/dev/null 2>"$tmp/$name.err"; then
    echo "FAIL: sis-llm-run $*" >&2; cat "$tmp/$name.err" >&2; status=1; return
  fi
  echo "== $name"
  "$PYTHON" "$REFERENCE" "$model" "$tmp/$name.json" "${ref[@]}" || status=1
}
tiny=$MODELS/sis-tiny.bin
run base "$tiny" -- --max-tokens 40 --prompt $'incident: the disk is slow\ncommand:'
run lora "$tiny" --lora "$MODELS/tiny-fix.lora" -- --lora "$MODELS/tiny-fix.lora" --max-tokens 40 \
  --prompt $'incident: heap usage climbs\ncommand:'
run quotes "$tiny" -- --max-tokens 20 --prompt $'"quoted" \\ back\x01slash \xff\nline; rm -rf /'
# The llama2.c export of the same weights must give the same logits (its tokenizer differs,
# so compare on token ids: the dump records the ids the run used).
if ! "$LLM_RUN" "$MODELS/sis-tiny.l2c.bin" --tokenizer "$MODELS/sis-tiny.l2c.tok" --max-tokens 30 \
     --prompt "memory" --dump "$tmp/l2c.json" >/dev/null 2>"$tmp/l2c.err"; then
  echo "FAIL: llama2.c checkpoint did not run" >&2; cat "$tmp/l2c.err" >&2; status=1
else
  echo "== llama2c"
  "$PYTHON" "$REFERENCE" "$MODELS/sis-tiny.bin" "$tmp/l2c.json" || status=1
fi
# The default model (the tiny one is too small to say more than spaces) with its adapter:
# real text, so greedy agreement is checked on varied tokens.
run default "$MODELS/../sis-ops.bin" -- --max-tokens 48 --prompt "The SIS shell"
run default-lora "$MODELS/../sis-ops.bin" --lora "$MODELS/../ops-fix.lora" -- --lora "$MODELS/../ops-fix.lora" \
  --max-tokens 16 --prompt $'incident: the heap keeps growing\ncommand:'
exit $status
