#!/usr/bin/env bash
# The layer check must fail on an upward include: add one to a copy of the kernel tree (mm/,
# below shell/, includes shell/command.h) and expect tools/check-layers.sh to name it and exit 1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/kernel" "$tmp/kernel"
echo '#include "shell/command.h"' >> "$tmp/kernel/mm/heap.cpp"
set +e
out=$("$root/tools/check-layers.sh" "$tmp/kernel" 2>&1)
rc=$?
set -e
echo "$out"
if [ $rc -ne 1 ]; then
  echo "FAIL: expected exit 1 from the layer check, got $rc"; exit 1
fi
if ! grep -q '^kernel/mm/heap.cpp:[0-9]*: mm (layer [0-9]*) includes shell/command.h' <<<"$out"; then
  echo "FAIL: the report does not name kernel/mm/heap.cpp and shell/command.h"; exit 1
fi
# And the untouched tree passes, so the failure above is the added line's doing.
"$root/tools/check-layers.sh" "$root/kernel" >/dev/null || { echo "FAIL: the real tree does not pass"; exit 1; }
echo "PASS: the upward include was caught"
