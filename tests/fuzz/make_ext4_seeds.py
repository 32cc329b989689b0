#!/usr/bin/env python3
"""Makes the ext4 seed corpus for fuzz_ext4 (tests/fuzz/corpus/ext4/) with the real e2fsprogs.

Each seed is one mode byte (bit 0: the harness recomputes checksums after mutation) and an
ext4 image cut after its last non-zero block (the harness zero-fills the rest up to the size
the superblock claims), so that the seeds stay small:

  csum-1k.img            metadata_csum, no journal, mode 1: the harness re-checksums mutations
  nocsum-1k.img          ^metadata_csum, no journal: an htree directory, a file whose extent
                         tree has an index level, fast and slow symlinks
  journal-csum-1k.img    metadata_csum and a jbd2 journal (checksum v3) that needs recovery,
                         mode 1: the harness re-checksums the mutated journal too
  journal-nocsum-1k.img  ^metadata_csum and a journal without checksums that needs recovery

The journals are written with debugfs (journal_open/journal_write): transaction 1 carries
every block that differs between the image and a copy changed by debugfs (mkdir, write,
symlink, rm), transaction 2 revokes one of those blocks, transaction 3 logs it again, and
transaction 4 is left uncommitted (garbage over the root directory, which replay must not
apply). The script checks that e2fsck's own recovery of each journal seed gives a clean file
system with the copy's changes.

  tests/fuzz/make_ext4_seeds.py [OUTDIR]     (default: the corpus directory next to it)
"""
import os
import subprocess
import sys
import tempfile

BS = 1024
# Fixed UUID, hash seed and (where e2fsprogs honours it) clock, so that a regenerated seed
# differs from the committed one only in a few timestamps (mkfs -d stamps ctimes with the
# real clock).
MKFS = ["mkfs.ext4", "-q", "-F", "-b", str(BS), "-N", "64", "-U", "5e5e5e5e-0000-4000-8000-000000005151",
        "-E", "hash_seed=5e5e5e5e-0000-4000-8000-000000005152"]
os.environ["E2FSPROGS_FAKE_TIME"] = "1767225600"  # 2026-01-01


def run(*args, check=True):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and r.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({r.returncode}):\n{r.stdout}")
    return r


def debugfs_w(img, *cmds):
    with tempfile.NamedTemporaryFile("w", suffix=".cmds", delete=False) as f:
        f.write("\n".join(cmds) + "\n")
    try:
        return run("debugfs", "-w", "-f", f.name, img).stdout
    finally:
        os.unlink(f.name)


def query(img, cmd):
    """One read-only debugfs request; its output without debugfs' banner (stderr)."""
    r = subprocess.run(["debugfs", "-R", cmd, img], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return r.stdout


def populate(src):
    """The tree the harness expects (it writes /a, /e/bin, /l, /d/name_7)."""
    os.makedirs(f"{src}/d", exist_ok=True)
    os.makedirs(f"{src}/e", exist_ok=True)
    with open(f"{src}/a", "w") as f:
        f.write("hi\n")
    # Long names: four directory blocks from 40 inodes, so that e2fsck -D builds an htree.
    for i in range(40):
        name = f"name_{i}" if i < 10 else f"name_{i}_" + "long" * 14
        with open(f"{src}/d/{name}", "w") as f:
            f.write(str(i))
    with open(f"{src}/e/bin", "wb") as f:
        f.write(bytes((i * 7) & 0xFF for i in range(3000)))
    # Five separate data runs: five extents, one more than the inode holds, so an index level.
    with open(f"{src}/e/sparse", "wb") as f:
        for i in range(5):
            f.seek(i * 2 * BS)
            f.write(bytes([0x41 + i]) * BS)
    os.symlink("a", f"{src}/l")
    os.symlink("/" + "x" * 70, f"{src}/slow")  # longer than 60 bytes: a block symlink
    t = int(os.environ["E2FSPROGS_FAKE_TIME"])
    for top, dirs, files in os.walk(src):
        for n in dirs + files:
            os.utime(os.path.join(top, n), (t, t), follow_symlinks=False)
    os.utime(src, (t, t))


def last_used_block(img):
    data = open(img, "rb").read()
    last = 0
    for b in range(len(data) // BS):
        if any(data[b * BS:(b + 1) * BS]):
            last = b
    return last


def write_seed(img, out, mode):
    data = open(img, "rb").read()
    keep = (last_used_block(img) + 1) * BS
    with open(out, "wb") as f:
        f.write(bytes([mode]) + data[:keep])
    print(f"{out}: {keep + 1} bytes (image {len(data)} bytes, mode {mode})")


def plain_seed(tmp, out, features, mode):
    src = f"{tmp}/src"
    populate(src)
    img = f"{tmp}/plain.img"
    run(*MKFS, "-O", features, "-d", src, img, "160k")
    run("e2fsck", "-fyD", img, check=False)  # index /d (exit 1: "file system modified")
    run("e2fsck", "-fn", img)
    write_seed(img, out, mode)


def journal_seed(tmp, out, features, csum, mode):
    src = f"{tmp}/jsrc"
    populate(src)
    # Lay the journal out right after the files, so that the image can be cut after its
    # used part: first without a journal to see how far the files go.
    probe = f"{tmp}/probe.img"
    run(*MKFS, "-O", features + ",^has_journal", "-d", src, probe, "2100k")
    location = last_used_block(probe) + 8
    a = f"{tmp}/a.img"
    run(*MKFS, "-O", features, "-J", f"size=1,location={location}", "-d", src, a, "2100k")
    run("e2fsck", "-fyD", a, check=False)
    run("e2fsck", "-fn", a)
    journal = set()
    for tok in query(a, "blocks <8>").split():
        journal.add(int(tok))
    # The changed copy.
    b = f"{tmp}/b.img"
    run("cp", a, b)
    newfile = f"{tmp}/newfile"
    with open(newfile, "w") as f:
        f.write("written by the journal\n" * 20)
    debugfs_w(b, "mkdir /new", f"write {newfile} /new/f", "symlink /new/l /a", "rm /e/bin")
    run("e2fsck", "-fn", b)
    da, db = open(a, "rb").read(), open(b, "rb").read()
    changed = [n for n in range(len(da) // BS) if da[n * BS:(n + 1) * BS] != db[n * BS:(n + 1) * BS]]
    assert changed and not journal.intersection(changed), changed
    t1 = f"{tmp}/t1"
    with open(t1, "wb") as f:
        for n in changed:
            f.write(db[n * BS:(n + 1) * BS])
    x = changed[-1]
    tx = f"{tmp}/tx"
    with open(tx, "wb") as f:
        f.write(db[x * BS:(x + 1) * BS])
    root = int(query(a, "blocks /").split()[0])
    garbage = f"{tmp}/garbage"
    with open(garbage, "wb") as f:
        f.write(bytes((i * 131 + 7) & 0xFF for i in range(BS)))
    blocks = ",".join(str(n) for n in changed)
    debugfs_w(a, "jo -c" if csum else "jo",
            f"jw -b {blocks} {t1}",  # transaction 1
            f"jw -r {x} {tx}",       # 2: revokes block x as logged in 1
            f"jw -b {x} {tx}",       # 3: logs it again
            f"jw -c -b {root} {garbage}",  # 4: uncommitted, must not be replayed
            "jc")
    dump = query(a, "logdump")
    assert "needs_recovery" in run("dumpe2fs", "-h", a).stdout, "the journal does not need recovery"
    # Check with e2fsprogs' own recovery: clean, with the copy's changes and not the garbage.
    check = f"{tmp}/check.img"
    run("cp", a, check)
    run("e2fsck", "-fy", check, check=False)
    r = run("e2fsck", "-fn", check, check=False)
    assert r.returncode == 0, f"recovered image is not clean:\n{dump}\n{r.stdout}"
    listing = query(check, "ls -p /new") + query(check, "cat /new/f")
    assert "/f/" in listing and "written by the journal" in listing, listing
    write_seed(a, out, mode)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus", "ext4")
    os.makedirs(outdir, exist_ok=True)
    csum = "metadata_csum,^has_journal"
    nocsum = "^metadata_csum,^has_journal"
    with tempfile.TemporaryDirectory() as tmp:
        plain_seed(f"{tmp}/1", os.path.join(outdir, "csum-1k.img"), csum, 1)
        plain_seed(f"{tmp}/2", os.path.join(outdir, "nocsum-1k.img"), nocsum, 0)
        journal_seed(f"{tmp}/3", os.path.join(outdir, "journal-csum-1k.img"), "metadata_csum,has_journal", True, 1)
        journal_seed(f"{tmp}/4", os.path.join(outdir, "journal-nocsum-1k.img"), "^metadata_csum,has_journal", False, 0)


if __name__ == "__main__":
    main()
