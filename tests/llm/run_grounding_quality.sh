#!/usr/bin/env bash
# ctest llm.grounding.quality: the grounding's held-out figures (docs/llm.md, "Measurements")
# must not fall below the committed ones, and every suggestion must parse under the grammar.
# The knowledge is what the default disk carries (cmake/disk_image.cmake: docs/*.md, the
# tutorials, resources/corpus/*.md, the incident examples) plus the shell's help texts,
# extracted from the sources as the kernel's registry holds them.
# A question's paths are looked up in the default disk's tree (ROOTFS), as the guest looks
# them up in its file system.
# Env: GROUND (sis-llm-ground), SRC (source dir), ROOTFS (build/disk/rootfs), PYTHON.
set -euo pipefail
# The committed figures (percent; docs/llm.md). Raise them when the measured ones rise.
# incidents-bench.tsv and doc-questions.tsv: the first benchmarks; incidents-fresh.tsv and
# doc-questions-fresh.tsv: second ones written blind by helpers (without the first sets; the
# incidents also without the docs and help texts), the check that a gain is general;
# incidents-dev.tsv and doc-questions-dev.tsv: the cases a retrieval change may be tuned on
# (written blind too). value-questions-dev.tsv and value-questions-fresh.tsv: questions that
# name a path or a process number (a command with that value, or a value named in passing).
MIN_INCIDENT=82.8
MIN_INCIDENT_FRESH=81.4
MIN_INCIDENT_DEV=76.5
MIN_CITATION=60.5
MIN_CITATION_FRESH=85.0
MIN_CITATION_DEV=88.3
MIN_VALUE=75.0
MIN_VALUE_DEV=75.0
if [[ ! -d ${ROOTFS:-} ]]; then
  echo "run_grounding_quality.sh: ROOTFS (the default disk's tree, build/disk/rootfs) is not a directory: '${ROOTFS:-}'" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" "$SRC/tools/llm-train/extract_help.py" "$SRC/kernel" > "$tmp/help.txt"
docs=()
for f in "$SRC"/docs/*.md "$SRC"/docs/tutorials/*.md "$SRC"/resources/corpus/*.md; do
  [[ $(basename "$f") == README.md && $f == */resources/corpus/* ]] && continue
  docs+=("$f")
done
data="$SRC/tests/llm/data"
args=(--help-text "$tmp/help.txt" --examples "$SRC/resources/corpus/tasks/incidents-train.tsv" --root "$ROOTFS"
  --doc "${docs[@]}")
sets=(--incidents "$data/incidents-bench.tsv" --min-incident "$MIN_INCIDENT"
  --incidents "$data/incidents-fresh.tsv" --min-incident "$MIN_INCIDENT_FRESH"
  --incidents "$data/incidents-dev.tsv" --min-incident "$MIN_INCIDENT_DEV"
  --incidents "$data/value-questions-fresh.tsv" --min-incident "$MIN_VALUE"
  --incidents "$data/value-questions-dev.tsv" --min-incident "$MIN_VALUE_DEV"
  --questions "$data/doc-questions.tsv" --min-citation "$MIN_CITATION"
  --questions "$data/doc-questions-fresh.tsv" --min-citation "$MIN_CITATION_FRESH"
  --questions "$data/doc-questions-dev.tsv" --min-citation "$MIN_CITATION_DEV")
if ! "$GROUND" "${args[@]}" "${sets[@]}"; then
  # Usually a doc edit: it moved a question's best section or an incident's command. Name them.
  echo "every miss of the grounded answers (compare with a run on the previous commit):"
  "$GROUND" "${args[@]}" "${sets[@]}" --verbose | grep -E "^  (miss \(grounded.*all examples|uncited)" || true
  exit 1
fi
