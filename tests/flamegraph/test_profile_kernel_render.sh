#!/usr/bin/env bash
# tools/profile_kernel.sh's drawing half: --render turns a folded file into an SVG with the
# renderer it finds in the build, refuses a bad file (exit 3, the line named) and bad usage.
# usage: test_profile_kernel_render.sh PROFILE_KERNEL_SH SIS_FLAMEGRAPH FOLDED
set -u
script=$1 renderer=$2 folded=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/build/bin"
ln -s "$renderer" "$tmp/build/bin/sis-flamegraph"
fails=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fails=$((fails + 1)); fi; }

out=$("$script" --build "$tmp/build" --render "$folded" -o "$tmp/p" --hz 250 2>&1); st=$?
check "--render exits 0 ($out)" '[ $st -eq 0 ]'
samples=$(awk '{ n += $NF } END { print n }' "$folded")
check "it says how many samples" '[[ "$out" == *"wrote $tmp/p.svg ($samples samples)"* ]]'
check "the SVG parses as XML" 'python3 -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$tmp/p.svg"'
check "the subtitle gives the samples and rate" 'grep -q "$samples samples at 250 Hz" "$tmp/p.svg"'
check "every frame is drawn" '[ "$(grep -c "<g class=\"frame\">" "$tmp/p.svg")" -gt 20 ]'

printf 'a;b 1\nbroken\n' >"$tmp/bad.folded"
out=$("$script" --build "$tmp/build" --render "$tmp/bad.folded" -o "$tmp/bad" 2>&1); st=$?
check "a bad folded file exits 3 (got $st)" '[ $st -eq 3 ]'
check "the bad line is named ($out)" '[[ "$out" == *"bad.folded:2: no sample count"* ]]'
check "no SVG for a bad file" '[ ! -e "$tmp/bad.svg" ]'

"$script" --hz 0 --render "$folded" >/dev/null 2>&1; st=$?
check "--hz 0 is a usage error" '[ $st -eq 1 ]'
"$script" --bogus >/dev/null 2>&1; st=$?
check "an unknown option is a usage error" '[ $st -eq 1 ]'
"$script" --build "$tmp/nowhere" --render "$folded" >/dev/null 2>&1; st=$?
check "no renderer in the build: exit 2" '[ $st -eq 2 ]'
exit $((fails > 0))
