#!/usr/bin/env python3
"""Makes the seed corpus for fuzz_elf (tests/fuzz/corpus/elf/).

  python3 tests/fuzz/make_elf_seeds.py BUILD_DIR

Crafted ELF64 files (the shapes tests/unit/test_elf.cpp tests, valid and corrupted), the three
aarch64 programs that clang + lld link at build time for test_elf.cpp (BUILD_DIR/tests/unit/elf/:
build sis_unit_tests first), and a few "#!" heads for the script parser.
"""
import os
import shutil
import struct
import sys

PT_LOAD, PT_INTERP, PT_PHDR, PT_TLS, PT_GNU_STACK = 1, 3, 6, 7, 0x6474E551
R, W, X = 4, 2, 1


def elf(phdrs, entry, etype=2, machine=183, phoff=64, size=0, extra=()):
    """phdrs: (type, flags, offset, vaddr, filesz, memsz, align) tuples."""
    end = max([64, phoff + 56 * len(phdrs), size] + [p[2] + p[4] for p in phdrs if p[0] == PT_LOAD])
    b = bytearray((i * 131 + (i >> 8) * 7 + 1) & 0xFF for i in range(end))
    b[0:16] = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    b[16:64] = struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, entry, phoff, 0, 0, 64, 56, len(phdrs), 64, 0, 0)
    for i, (t, f, off, va, fs, ms, al) in enumerate(phdrs):
        struct.pack_into("<IIQQQQQQ", b, phoff + 56 * i, t, f, off, va, va, fs, ms, al)
    for off, data in extra:
        b[off:off + len(data)] = data
    return bytes(b)


def tiny(base=0x400000, etype=2):
    return [
        (PT_PHDR, R, 64, base + 0x40, 4 * 56, 4 * 56, 8),
        (PT_LOAD, R | X, 0, base, 0x1234, 0x1234, 0x10000),
        (PT_LOAD, R | W, 0x1300, base + 0x11300, 0x200, 0x3000, 0x10000),
        (PT_GNU_STACK, R | W, 0, 0, 0, 0, 16),
    ]


def seeds():
    s = {}
    s["exec.elf"] = elf(tiny(), 0x400180)
    s["pie.elf"] = elf(tiny(0), 0x180, etype=3)
    s["tls-rwx-stack.elf"] = elf(tiny(0)[:3] + [(PT_GNU_STACK, R | W | X, 0, 0, 0, 0, 16),
                                               (PT_TLS, R, 0x1300, 0x11300, 0x10, 0x40, 8)], 0x180, etype=3)
    interp = b"/lib/ld-linux-aarch64.so.1\0"
    p = tiny()
    p.insert(1, (PT_INTERP, R, 0x1100, 0x401100, len(interp), len(interp), 1))
    s["interp.elf"] = elf(p, 0x400180, extra=[(0x1100, interp)])
    s["shared-page.elf"] = elf([(PT_LOAD, R | X, 0, 0x400000, 0x800, 0x800, 0x1000),
                                (PT_LOAD, R | W, 0x1900, 0x400900, 0x100, 0x1000, 0x1000)], 0x400100)
    s["three-in-a-page.elf"] = elf([(PT_LOAD, R | X, 0, 0x400000, 0x400, 0x400, 0x1000),
                                    (PT_LOAD, R, 0x2500, 0x400500, 0x100, 0x100, 0x1000),
                                    (PT_LOAD, R | W, 0x3700, 0x400700, 0x100, 0x200, 0x1000)], 0x400100)
    s["rwx.elf"] = elf([(PT_LOAD, R | W | X, 0, 0x400000, 0x2100, 0x5000, 0x1000)], 0x400100)
    s["lead-covers-phdrs.elf"] = elf([(PT_LOAD, R | X, 0x100, 0x400100, 0x1134, 0x1134, 0x1000)], 0x400180)
    s["sixteen-loads.elf"] = elf([(PT_LOAD, R | X, i * 0x100, 0x400000 + i * 0x1100, 0x80, 0x80, 0x1000)
                                  for i in range(16)], 0x400010)
    p = tiny()
    p[2] = (PT_LOAD, R | W, 0x1000, 0x401000, 0x200, 0x3000, 0x10000)
    s["overlap.elf"] = elf(p, 0x400180)
    s["x86-64.elf"] = elf(tiny(), 0x400180, machine=62)
    p = tiny()
    p[2] = (PT_LOAD, R | W, 0x1308, 0x411300, 0x200, 0x3000, 0x10000)
    s["misaligned.elf"] = elf(p, 0x400180)
    p = tiny(0)
    p[2] = (PT_LOAD, R | W, 0x1300, 0x11300, 0x200, 1 << 30, 0x10000)
    s["huge.elf"] = elf(p, 0x180, etype=3)
    s["entry-in-data.elf"] = elf(tiny(), 0x411400)
    s["truncated.elf"] = elf(tiny(), 0x400180)[:0x1400]
    s["script.sh"] = b"#!/bin/sh -e\necho hi\n"
    s["script-env.sh"] = b"#! /usr/bin/env  -S awk -f \t\nBEGIN {}\n"
    s["script-long.sh"] = b"#!/" + b"n" * 300 + b"\n"
    return s


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "elf")
    os.makedirs(out, exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    for prog in ("tiny_exec", "tiny_pie", "tiny_rwx"):
        src = os.path.join(sys.argv[1], "tests", "unit", "elf", prog)
        if not os.path.exists(src):
            sys.exit(f"{src} is missing: build sis_unit_tests first")
        shutil.copyfile(src, os.path.join(out, prog + ".elf"))


if __name__ == "__main__":
    main()
