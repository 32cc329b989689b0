#!/usr/bin/env bash
# The Debian package, end to end: CPack builds it from the build tree; its control fields and
# file list are checked; the installed .desktop file and AppStream metainfo are validated
# (desktop-file-validate, appstreamcli); it is unpacked into a temporary root with dpkg -x;
# then the installed sisctl boots the installed kernel on a copy of the installed default disk,
# and the installed SIS Control Center boots it too and streams metrics. Nothing from the build
# tree is in reach of the installed programs: no SIS_* variables, and the working directory
# is the temporary one.
#   test_deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test_deb: FAIL: $*" >&2; exit 1; }
unset SIS_KERNEL SIS_DISK_IMAGE SIS_QEMU SIS_RUNTIME_DIR SIS_SNAPSHOT_DIR
cd "$work"

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >cpack.log 2>&1 || { cat cpack.log; fail "cpack failed"; }
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb in $work/out, found: ${debs[*]}"
deb=${debs[0]}
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = sis-control-center ] || fail "Package is '$(field Package)'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
for dep in qemu-system-arm e2fsprogs libqt6core6 libc6; do
  grep -q "\b$dep\b" <<<"$depends" || fail "Depends lacks $dep (dpkg-shlibdeps or CPACK_DEBIAN_PACKAGE_DEPENDS): $depends"
done

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >contents.txt
for path in /usr/bin/sisctl /usr/bin/sis-control-center /usr/share/sis/kernel/Image \
    /usr/share/sis/disk/sis-disk.img /usr/share/sis/models/sis-ops.bin /usr/share/sis/models/ops-fix.lora \
    /usr/share/applications/org.sis.ControlCenter.desktop /usr/share/metainfo/org.sis.ControlCenter.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/org.sis.ControlCenter.svg \
    /usr/share/man/man1/sisctl.1.gz /usr/share/man/man1/sis-control-center.1.gz \
    /usr/share/doc/sis-control-center/copyright /usr/share/doc/sis-control-center/quickstart.md; do
  grep -qx "$path" contents.txt || fail "the package lacks $path"
done
if grep -v '^/usr/' contents.txt | grep -qv '^/$'; then fail "files outside /usr: $(grep -v '^/usr/' contents.txt | head -3)"; fi

root=$work/root
dpkg -x "$deb" "$root"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.sis.ControlCenter.metainfo.xml" >appstream.log 2>&1 ||
  { cat appstream.log; fail "appstreamcli validate"; }
desktop-file-validate "$root/usr/share/applications/org.sis.ControlCenter.desktop" >desktop.log 2>&1 ||
  { cat desktop.log; fail "desktop-file-validate"; }
if grep -E "error|warning" desktop.log; then fail "desktop-file-validate warns"; fi
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$root/usr/share/applications/org.sis.ControlCenter.desktop")
[ -x "$root/usr/bin/$exec_name" ] || fail "the .desktop file's Exec=$exec_name is not an installed program"
for page in "$root"/usr/share/man/man1/*.1.gz; do
  warnings=$(zcat "$page" | LC_ALL=C.UTF-8 groff -man -ww -z -t 2>&1) || fail "groff failed on $page"
  [ -z "$warnings" ] || fail "groff warns on $(basename "$page"): $warnings"
done

# The installed sisctl, the installed kernel, a copy of the installed disk.
cp "$root/usr/share/sis/disk/sis-disk.img" disk.img
chmod u+w disk.img
set +e
out=$(flock /tmp/sis-qemu.lock "$root/usr/bin/sisctl" boot --verbose --quiet --disk disk.img --timeout 120 \
  --exec "version" --exec "ls /models" --exec "procctl run /bin/busybox echo user space runs" 2>&1)
rc=$?
set -e
echo "$out"
[ $rc -eq 0 ] || fail "the installed sisctl boot exited $rc"
grep -q -- "-kernel $root/usr/bin/../share/sis/kernel/Image" <<<"$out" || fail "QEMU did not get the installed kernel"
grep -q "sis-ops.bin" <<<"$out" || fail "the installed disk has no /models/sis-ops.bin"
grep -q "^user space runs" <<<"$out" || fail "busybox from the installed disk did not run"

# The installed SIS Control Center: it copies the installed default disk, boots the installed
# kernel and streams metrics (its --report counts the samples).
flock /tmp/sis-qemu.lock env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_RUNTIME_DIR="$work/xdg-run" "$root/usr/bin/sis-control-center" --start --quit-after 20 --report report.json \
  >app.log 2>&1 || { cat app.log; fail "the installed sis-control-center exited non-zero"; }
samples=$(python3 -c 'import json,sys; print(json.load(open("report.json"))["samples"])')
[ "$samples" -gt 0 ] || { cat app.log report.json; fail "the installed app streamed no metrics samples"; }
[ -f "$work/data/SIS/SIS Control Center/disk.img" ] || fail "the installed app did not copy the installed default disk"
echo "installed sis-control-center: $samples metrics samples, disk copied to \$XDG_DATA_HOME/SIS/SIS Control Center/disk.img"
echo "test_deb: ok"
