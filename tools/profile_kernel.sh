#!/usr/bin/env bash
# Profiles SIS running a workload and draws the flame graph (docs/flamegraph.md).
#
# Boots the kernel in QEMU with `sisctl boot` on a scratch copy of the default disk (grown
# with resize2fs so `bench fs`'s 64 MiB fit), runs
#   profctl start --hz HZ; WORKLOAD; profctl stop; profctl report --top 10;
#   profctl export --folded /profile.folded; sync
# reads /profile.folded out of the disk image (`sisctl image cat`) into OUT.folded and draws
# OUT.svg with our own renderer (build/bin/sis-flamegraph, tools/flamegraph/). Needs a kernel
# with the profiler (`profctl`, docs/profiler.md). --render only draws OUT.svg from a folded
# file, without a VM.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: tools/profile_kernel.sh [OPTIONS] [WORKLOAD...]      (default workload: bench fs)
       tools/profile_kernel.sh --render FOLDED [-o OUT] [--title TEXT]

  -o OUT          write OUT.folded and OUT.svg (default: profile)
  --hz N          sampling rate, 1..10000 (default 1000)
  --build DIR     the build directory with bin/sisctl, bin/sis-flamegraph, kernel/Image
                  and disk/sis-disk.img (default: build/ beside tools/)
  --disk IMG      profile on a copy of IMG instead of the default disk (never modified)
  --disk-mib N    grow the copy to N MiB first (e2fsck + resize2fs; default 256, so
                  `bench fs` has room for its 64 MiB; 0 keeps the image's size)
  --timeout S     give the VM S seconds in all (default 600)
  --render FOLDED draw OUT.svg from an existing folded file (no VM)
  --title TEXT    the SVG's title (default "SIS kernel: WORKLOAD")

The workload is one kernel shell command line, e.g. `bench blk`, `stresstest mem`.
Exit status: 0 ok, 1 usage error, 2 the VM run failed or gave no profile, 3 the folded
stacks could not be drawn (the renderer names the bad line).
USAGE
}

here=$(cd "$(dirname "$0")" && pwd)
build="$here/../build"
out=profile
hz=1000
disk=
timeout_s=600
disk_mib=256
render=
title=
workload=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -o) [ $# -ge 2 ] || { echo "profile_kernel.sh: -o needs a path" >&2; exit 1; }; out=$2; shift 2 ;;
    --hz) [ $# -ge 2 ] || { echo "profile_kernel.sh: --hz needs a number" >&2; exit 1; }; hz=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || { echo "profile_kernel.sh: --build needs a directory" >&2; exit 1; }; build=$2; shift 2 ;;
    --disk) [ $# -ge 2 ] || { echo "profile_kernel.sh: --disk needs an image" >&2; exit 1; }; disk=$2; shift 2 ;;
    --disk-mib) [ $# -ge 2 ] || { echo "profile_kernel.sh: --disk-mib needs MiB" >&2; exit 1; }; disk_mib=$2; shift 2 ;;
    --timeout) [ $# -ge 2 ] || { echo "profile_kernel.sh: --timeout needs seconds" >&2; exit 1; }; timeout_s=$2; shift 2 ;;
    --render) [ $# -ge 2 ] || { echo "profile_kernel.sh: --render needs a folded file" >&2; exit 1; }; render=$2; shift 2 ;;
    --title) [ $# -ge 2 ] || { echo "profile_kernel.sh: --title needs a text" >&2; exit 1; }; title=$2; shift 2 ;;
    --) shift; workload+=("$@"); break ;;
    -*) echo "profile_kernel.sh: unknown option '$1' (--help for usage)" >&2; exit 1 ;;
    *) workload+=("$1"); shift ;;
  esac
done
[ ${#workload[@]} -gt 0 ] || workload=(bench fs)
work="${workload[*]}"
case "$hz" in ''|*[!0-9]*) echo "profile_kernel.sh: --hz needs 1..10000" >&2; exit 1 ;; esac
if [ "$hz" -lt 1 ] || [ "$hz" -gt 10000 ]; then echo "profile_kernel.sh: --hz needs 1..10000" >&2; exit 1; fi
case "$timeout_s" in ''|*[!0-9]*) echo "profile_kernel.sh: --timeout needs seconds" >&2; exit 1 ;; esac
case "$disk_mib" in ''|*[!0-9]*) echo "profile_kernel.sh: --disk-mib needs MiB" >&2; exit 1 ;; esac

renderer="$build/bin/sis-flamegraph"
[ -x "$renderer" ] || { echo "profile_kernel.sh: no $renderer (cmake --build $build --target sis-flamegraph)" >&2; exit 2; }

# Draws $1 (folded) into $out.svg; the subtitle says how many samples it holds.
draw() {
  local folded=$1 samples
  samples=$(awk '{ n += $NF } END { print n + 0 }' "$folded")
  if ! "$renderer" --title "${title:-SIS kernel: $work}" \
       --subtitle "$samples samples at $hz Hz, $(date -u '+%Y-%m-%d %H:%M UTC')" -o "$out.svg" "$folded"; then
    echo "profile_kernel.sh: could not draw $folded" >&2
    exit 3
  fi
  echo "wrote $out.svg ($samples samples)"
}

if [ -n "$render" ]; then
  [ -r "$render" ] || { echo "profile_kernel.sh: cannot read $render" >&2; exit 2; }
  [ -n "$title" ] || title="Flame graph: $(basename "$render")"
  draw "$render"
  exit 0
fi

sisctl="$build/bin/sisctl"
[ -x "$sisctl" ] || { echo "profile_kernel.sh: no $sisctl (cmake --build $build --target sisctl)" >&2; exit 2; }
[ -n "$disk" ] || disk="$build/disk/sis-disk.img"
[ -r "$disk" ] || { echo "profile_kernel.sh: no disk image $disk (cmake --build $build --target sis_disk_image)" >&2; exit 2; }
export SIS_KERNEL="${SIS_KERNEL:-$build/kernel/Image}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp --sparse=always "$disk" "$scratch/disk.img"
if [ "$disk_mib" -gt 0 ] && [ "$(stat -c %s "$scratch/disk.img")" -lt $((disk_mib << 20)) ]; then
  PATH="$PATH:/sbin:/usr/sbin"
  truncate -s "${disk_mib}M" "$scratch/disk.img"
  # resize2fs wants a freshly checked file system; e2fsck exits 1 when it only optimised.
  e2fsck -fp "$scratch/disk.img" >"$scratch/fsck.log" 2>&1 || [ $? -eq 1 ] ||
    { echo "profile_kernel.sh: e2fsck on the copy of $disk failed:" >&2; cat "$scratch/fsck.log" >&2; exit 2; }
  resize2fs "$scratch/disk.img" >"$scratch/resize.log" 2>&1 ||
    { echo "profile_kernel.sh: resize2fs failed:" >&2; cat "$scratch/resize.log" >&2; exit 2; }
fi

echo "profiling '$work' at $hz Hz (log: $out.log)"
set +e
"$sisctl" boot --quiet --disk "$scratch/disk.img" --timeout "$timeout_s" \
  --exec "profctl start --hz $hz" --exec "$work" --exec "profctl stop" \
  --exec "profctl report --top 10" --exec "profctl export --folded /profile.folded" --exec "sync" >"$out.log" 2>&1
st=$?
set -e
if [ $st -ne 0 ]; then
  echo "profile_kernel.sh: sisctl boot exited with status $st; its output ($out.log):" >&2
  tail -n 30 "$out.log" >&2
  exit 2
fi
if ! "$sisctl" image cat "$scratch/disk.img" /profile.folded >"$out.folded" 2>"$scratch/cat.err" || [ ! -s "$out.folded" ]; then
  echo "profile_kernel.sh: no /profile.folded on the disk after the run ($(cat "$scratch/cat.err"))" >&2
  exit 2
fi
sed -n '/profctl report/,$p' "$out.log" | head -n 20
echo "wrote $out.folded"
draw "$out.folded"
