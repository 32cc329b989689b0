#!/usr/bin/env bash
# stage_rootfs.sh STAGING BUSYBOX_ROOT QEMU PROGRAM...: adds user space to the default disk's
# staging directory (cmake/disk_image.cmake runs it before mkfs.ext4 -d): Debian's busybox at
# /bin/busybox with a symlink /bin/<applet> -> busybox for every applet the binary itself
# lists (`busybox --list` under qemu-aarch64-static: never a hand-written list), busybox's
# copyright file, our programs in /bin, and /tmp (mode 1777). A name claimed twice (an applet,
# a program, a file of resources/rootfs) is an error, never a silent overwrite.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 STAGING BUSYBOX_ROOT QEMU PROGRAM..." >&2; exit 2; }
staging=$1 busybox_root=$2 qemu=$3
shift 3
bin=$staging/bin
mkdir -p "$bin" "$staging/usr/share/doc/busybox-static" "$staging/tmp"
chmod 1777 "$staging/tmp"
cp "$busybox_root/bin/busybox" "$bin/busybox"
cp "$busybox_root/usr/share/doc/busybox-static/copyright" "$staging/usr/share/doc/busybox-static/"
applets=$("$qemu" "$bin/busybox" --list) || { echo "$0: $qemu $bin/busybox --list failed" >&2; exit 1; }
[ -n "$applets" ] || { echo "$0: busybox --list printed nothing" >&2; exit 1; }
count=0
while IFS= read -r applet; do
  [ -n "$applet" ] && [ "$applet" != busybox ] || continue
  if [ -e "$bin/$applet" ] || [ -L "$bin/$applet" ]; then
    echo "$0: /bin/$applet: resources/rootfs already has it, and busybox has the applet" >&2
    exit 1
  fi
  ln -s busybox "$bin/$applet"
  count=$((count + 1))
done <<<"$applets"
for prog in "$@"; do
  name=$(basename "$prog")
  if [ -e "$bin/$name" ] || [ -L "$bin/$name" ]; then
    echo "$0: /bin/$name: our program's name is taken (a busybox applet or resources/rootfs)" >&2
    exit 1
  fi
  cp "$prog" "$bin/$name"
done
echo "default disk: /bin/busybox with $count applet links, $# test programs"
