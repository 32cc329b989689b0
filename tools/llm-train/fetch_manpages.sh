#!/usr/bin/env bash
# The pretraining text for the language model (docs/llm.md, "Pretraining on the man pages"):
# downloads Debian 12's `manpages` and `manpages-dev` packages (Linux man-pages 6.03, the
# version pinned below: the same packages give the same text, so the same weights) with
# apt-get download (no root needed, only apt's package lists), and converts sections 1, 2,
# 4, 5, 7 and 8 to plain text with man_corpus.py. Provenance and licenses:
# resources/corpus/README.md. The text is not stored in this repository.
# usage: tools/llm-train/fetch_manpages.sh OUT.txt [WORKDIR]
set -euo pipefail
out=${1:?usage: fetch_manpages.sh OUT.txt [WORKDIR]}
work=${2:-$(dirname "$out")/manpages-debs}
version=6.03-2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work"
for p in manpages manpages-dev; do
  [ -f "${p}_${version}_all.deb" ] && continue
  apt-get download "$p=$version" >/dev/null 2>&1 ||
    { echo "fetch_manpages: apt-get download $p=$version failed (is Debian 12's package list there? apt-get update)" >&2; exit 1; }
done
python3 "$here/man_corpus.py" "$out" "manpages_${version}_all.deb" "manpages-dev_${version}_all.deb"
