#!/usr/bin/env bash
# Times the README's quick start on a fresh Debian 12: a debootstrap (minbase) chroot gets git,
# clones this repository at COMMIT, runs `./sis install` and `./sis run --quit-after 20
# --report FILE` on an Xvfb display, and prints each step's time and the app's report
# (usable_ms: app start to the first live metrics sample). docs/quickstart.md has the results.
# Needs root (debootstrap, chroot, mounts), debootstrap, Xvfb and network access to Debian's
# mirror. The chroot is made once in WORK/pristine and copied for each run.
# usage: sudo bench/quickstart.sh [COMMIT] [--work DIR]     (default HEAD, /var/tmp/sis-quickstart)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=HEAD work=/var/tmp/sis-quickstart
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=${2:?}; shift ;;
    -*) echo "usage: bench/quickstart.sh [COMMIT] [--work DIR]" >&2; exit 2 ;;
    *) commit=$1 ;;
  esac
  shift
done
[ "$(id -u)" -eq 0 ] || { echo "quickstart: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null && command -v Xvfb >/dev/null ||
  { echo "quickstart: needs debootstrap and Xvfb (apt-get install debootstrap xvfb)" >&2; exit 2; }
commit=$(git -C "$repo" rev-parse --short "$commit")
mkdir -p "$work"
if [ ! -f "$work/pristine/etc/debian_version" ]; then
  rm -rf "$work/pristine"
  debootstrap --variant=minbase bookworm "$work/pristine" http://deb.debian.org/debian >"$work/debootstrap.log"
fi
root=$work/run-$commit
rm -rf "$root"; cp -a "$work/pristine" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --rbind /dev "$root/dev"
mkdir -p "$root/tmp/.X11-unix" "$root/src.git"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"; mount --bind "$(git -C "$repo" rev-parse --git-common-dir)" "$root/src.git"
cleanup() {
  kill "$xvfb" 2>/dev/null || true
  umount -R "$root/proc" "$root/sys" "$root/dev" "$root/tmp/.X11-unix" "$root/src.git" 2>/dev/null || true
}
trap cleanup EXIT
in_root() { chroot "$root" env DISPLAY="$display" HOME=/root bash -c "$1"; }
now() { date +%s.%N; }
echo "quickstart: commit $commit, load before $(cut -d' ' -f1-3 /proc/loadavg)"
in_root "apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends git ca-certificates >/dev/null"
t0=$(now); in_root "cd /root && git clone -q /src.git sis && cd sis && git checkout -q $commit"
t1=$(now); in_root "cd /root/sis && ./sis install"
t2=$(now); in_root "cd /root/sis && ./sis run --quit-after 20 --report /root/report.json" >"$work/run-$commit.log" 2>&1
t3=$(now)
usable=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["usable_ms"])' "$root/root/report.json")
span() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f", b - a}'; }
build_s=$(awk -v a="$t2" -v b="$t3" 'BEGIN{printf "%.0f", b - a - 20}')
echo "clone $(span "$t0" "$t1") s; packages $(span "$t1" "$t2") s; build and boot $build_s s (./sis run minus the 20 s window);" \
     "app start to first live sample $usable ms"
echo "total to live charts: about $(awk -v a="$t0" -v b="$t3" -v u="$usable" 'BEGIN{printf "%.1f", (b - a - 20 + u / 1000) / 60}') min;" \
     "load after $(cut -d' ' -f1-3 /proc/loadavg); the build's per-target times: $root/root/sis/build/.ninja_log"
