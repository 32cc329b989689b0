# The Linux peer of the benches that compare SIS with Linux (bench/proc.sh, bench/net.sh): Debian
# 12's arm64 kernel, fetched once, booting an initramfs that holds the default disk's /bin
# (Debian's busybox and the bench programs), some of the kernel's modules and an init script.
# Source it (bash); it defines:
#   linux_peer_kernel DIR    downloads (apt-get download; apt must know arm64: ./sis install) and
#                            unpacks linux-image-arm64 into DIR/x on first use; prints the
#                            vmlinuz path
#   linux_peer_initrd DIR ROOTFS OUT "MODULES"    reads the rest of the init script on stdin and
#                            writes OUT (gzip'd newc cpio, staged in OUT.d): ROOTFS/bin, the named
#                            modules from DIR/x, /proc /sys /dev /tmp /mnt, and an init that mounts
#                            proc, sysfs and devtmpfs, insmods MODULES in the order given, prints
#                            PEER-READY and goes on with stdin's lines
linux_peer_kernel() {
  local dir=$1 img
  mkdir -p "$dir"
  if ! compgen -G "$dir/x/boot/vmlinuz-*" >/dev/null; then
    img=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image/{print $2; exit}')
    [ -n "$img" ] || { echo "${0##*/}: apt does not know linux-image-arm64:arm64 (run ./sis install)" >&2; return 2; }
    (cd "$dir" && rm -f ./*.deb && apt-get download "$img" >/dev/null 2>&1) ||
      { echo "${0##*/}: apt-get download $img failed" >&2; return 2; }
    dpkg-deb -x "$dir"/*.deb "$dir/x"
  fi
  compgen -G "$dir/x/boot/vmlinuz-*" | head -1
}

linux_peer_initrd() {
  local dir=$1 rootfs=$2 out=$3 mods=$4 stage=$3.d moddir m f
  rm -rf "$stage" && mkdir -p "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/mnt" "$stage/mods"
  cp -a "$rootfs/bin" "$stage/bin"
  moddir=$(compgen -G "$dir/x/lib/modules/*/kernel" | head -1)
  for m in $mods; do
    f=$(find "$moddir" -name "$m.ko" | head -1)
    [ -n "$f" ] && cp "$f" "$stage/mods/"
  done
  {
    echo '#!/bin/sh'
    echo 'mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev'
    echo "for m in $mods; do [ -f /mods/\$m.ko ] && insmod /mods/\$m.ko 2>/dev/null; done"
    echo 'echo PEER-READY'
    cat
  } >"$stage/init"
  chmod +x "$stage/init"
  (cd "$stage" && find . | cpio -o -H newc 2>/dev/null | gzip -1 >"$out")
}
