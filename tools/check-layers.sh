#!/usr/bin/env bash
# Checks the kernel's layering: a file under kernel/DIR may include headers from its own layer
# or a lower one, never from a higher one (docs/architecture.md, "Layers"). Prints every upward
# include as FILE:LINE: DIR (layer N) includes HEADER (layer M) and exits 1 if there is one.
#   tools/check-layers.sh [KERNEL_DIR]     (default: the kernel/ beside this script)
set -euo pipefail
kernel=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../kernel" && pwd)}

# The layer order, bottom to top; directories on one line share a layer. kernel/host is not
# part of the kernel (it is the host build's hardware edge) and is not checked.
layers=(
  "lib"
  "arch"
  "core"
  "mm"
  "sched"
  "drivers"
  "fs net"
  "proc"
  "ai power prof"
  "shell"
  "control"
  "top"
)
declare -A level
for i in "${!layers[@]}"; do
  for d in ${layers[$i]}; do level[$d]=$i; done
done

status=0
for dir in "$kernel"/*/; do
  d=$(basename "$dir")
  [ "$d" = host ] && continue
  if [ -z "${level[$d]+x}" ]; then
    echo "kernel/$d: a directory with no layer: add it to tools/check-layers.sh and docs/architecture.md"
    status=1
    continue
  fi
done
# One awk pass over every include line (grep -n: FILE:LINE:TEXT).
table=$(for d in "${!level[@]}"; do printf '%s=%s ' "$d" "${level[$d]}"; done)
if ! grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]+/' "$kernel" \
       --include='*.h' --include='*.cpp' --include='*.S' --include='*.inc' |
     awk -v root="$kernel/" -v table="$table" '
       BEGIN { n = split(table, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); lvl[p[1]] = p[2] } }
       {
         split($0, f, ":"); file = f[1]; line = f[2]
         rel = substr(file, length(root) + 1); from = rel; sub(/\/.*/, "", from)
         if (!(from in lvl)) next                      # kernel/host and files outside a layer
         match($0, /"[^"]+"/); header = substr($0, RSTART + 1, RLENGTH - 2)
         to = header; sub(/\/.*/, "", to)
         if (!(to in lvl)) next
         if (lvl[to] + 0 > lvl[from] + 0) {
           printf "kernel/%s:%s: %s (layer %s) includes %s (layer %s)\n", rel, line, from, lvl[from], header, lvl[to]
           bad = 1
         }
       }
       END { exit bad ? 1 : 0 }'; then
  status=1
fi
[ $status -eq 0 ] && echo "layers: every include in $kernel points down or sideways"
exit $status
