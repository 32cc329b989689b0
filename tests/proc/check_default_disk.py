#!/usr/bin/env python3
"""The default disk carries user space, judged by the real e2fsprogs:
  check_default_disk.py IMG STAGING BUSYBOX_ROOT QEMU PROGRAM...
- e2fsck -fn finds the image clean;
- debugfs rdump of the whole image equals the staging directory it was made from (every
  file's bytes, every symlink's target, the directory tree);
- /bin/busybox is the binary from Debian's busybox-static:arm64 (BUSYBOX_ROOT, as unpacked),
  and every applet that busybox --list names (under qemu-aarch64-static) is /bin/<applet>, a
  symlink to busybox;
- every PROGRAM is /bin/<name>: a static aarch64 ELF (no PT_INTERP), ET_EXEC, except
  hello-pie, which is ET_DYN (static-pie);
- /tmp is a directory with mode 1777, and /etc has passwd, group and hostname.
"""
import filecmp
import os
import stat
import struct
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok or not detail else f"\n  {detail}"))
    failures += not ok


def elf_info(path):
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return None
        e_type, e_machine = struct.unpack_from("<HH", head, 16)
        phoff, = struct.unpack_from("<Q", head, 32)
        phentsize, phnum = struct.unpack_from("<HH", head, 54)
        interp = False
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            p_type, = struct.unpack("<I", f.read(4))
            interp |= p_type == 3  # PT_INTERP: a dynamic executable
        return e_type, e_machine, interp


def compare_trees(a, b):
    """Differences between two directory trees (regular file bytes, symlink targets, kinds)."""
    problems = []
    for dirpath, dirnames, filenames in os.walk(a):
        rel = os.path.relpath(dirpath, a)
        other = os.path.join(b, rel)
        names = set(dirnames) | set(filenames)
        theirs = set(os.listdir(other)) if os.path.isdir(other) else set()
        for missing in sorted(names - theirs):
            problems.append(f"{os.path.join(rel, missing)} only in {a}")
        for extra in sorted(theirs - names - {"lost+found"}):
            problems.append(f"{os.path.join(rel, extra)} only in {b}")
        for name in sorted(names & theirs):
            pa, pb = os.path.join(dirpath, name), os.path.join(other, name)
            if os.path.islink(pa) or os.path.islink(pb):
                if not (os.path.islink(pa) and os.path.islink(pb) and os.readlink(pa) == os.readlink(pb)):
                    problems.append(f"{os.path.join(rel, name)}: symlinks differ")
            elif os.path.isfile(pa) and not (os.path.isfile(pb) and filecmp.cmp(pa, pb, shallow=False)):
                problems.append(f"{os.path.join(rel, name)}: contents differ")
    return problems


def main():
    if len(sys.argv) < 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    img, staging, busybox_root, qemu, programs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    for tool in ("e2fsck", "debugfs"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            check(False, f"{tool} found (e2fsprogs is required: packaging/debian-packages.txt)")
            sys.exit(1)
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check(fsck.returncode == 0, "e2fsck -fn: the default disk is clean", fsck.stdout[-2000:])

    with tempfile.TemporaryDirectory(prefix="sis-disk-check-") as tmp:
        r = subprocess.run(["debugfs", "-R", f"rdump / {tmp}", img], capture_output=True, text=True)
        check(r.returncode == 0, "debugfs rdump of the image", r.stderr[-2000:])
        # rdump / into tmp makes tmp/<each top-level entry>.
        diff = compare_trees(staging, tmp)
        check(not diff, "the image holds exactly the staging directory (files, symlinks, tree)",
              "\n  ".join(diff[:20]))
        bin_dir = os.path.join(tmp, "bin")
        busybox = os.path.join(bin_dir, "busybox")
        check(os.path.isfile(busybox) and
              filecmp.cmp(busybox, os.path.join(busybox_root, "bin", "busybox"), shallow=False),
              "/bin/busybox is Debian's busybox-static:arm64 as unpacked")
        listed = subprocess.run([qemu, busybox, "--list"], capture_output=True, text=True)
        applets = [a for a in listed.stdout.split("\n") if a and a != "busybox"]
        check(listed.returncode == 0 and len(applets) > 100, f"busybox --list under {qemu}: {len(applets)} applets")
        bad = [a for a in applets if not (os.path.islink(os.path.join(bin_dir, a)) and
                                          os.readlink(os.path.join(bin_dir, a)) == "busybox")]
        check(not bad, f"every applet is /bin/<applet> -> busybox ({len(applets) - len(bad)} of {len(applets)})",
              " ".join(bad[:20]))
        for prog in programs:
            path = os.path.join(bin_dir, prog)
            info = elf_info(path) if os.path.isfile(path) else None
            want_type = 3 if prog == "hello-pie" else 2
            check(info == (want_type, 0xB7, False),
                  f"/bin/{prog}: static aarch64 {'ET_DYN (static-pie)' if want_type == 3 else 'ET_EXEC'}",
                  f"(e_type, e_machine, has PT_INTERP) = {info}")
        mode = subprocess.run(["debugfs", "-R", "stat /tmp", img], capture_output=True, text=True).stdout
        check("Mode:  01777" in mode and "Type: directory" in mode, "/tmp is a directory with mode 1777",
              mode[:300])
        for name in ("passwd", "group", "hostname"):
            check(os.path.isfile(os.path.join(tmp, "etc", name)), f"/etc/{name} is on the disk")
    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
