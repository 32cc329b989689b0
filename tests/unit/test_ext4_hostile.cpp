// Corrupt and hostile images: refused or read safely with a clear error, never a crash or
// a hang. Images are made by mkfs.ext4 and then damaged on purpose (debugfs or raw bytes).
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;

namespace {

struct Hostile : ::testing::Test {
  TempDir t;
  std::string img;
  void make(const std::string& extra = "") {
    std::string src = t / "src";
    run("mkdir -p '" + src + "/d/sub' && echo data > '" + src + "/d/sub/f' && head -c 20000 /dev/urandom > '" + src + "/blob'");
    img = make_image(t, "h.img", 8, 1024, src, extra);
  }
  void poke(long off, const std::string& bytes) {
    FILE* f = fopen(img.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    fseek(f, off, SEEK_SET);
    fwrite(bytes.data(), 1, bytes.size(), f);
    fclose(f);
  }
  Error mount_err() {
    Mounted m(img, true);
    return m.err;
  }
  // The disk block of PATH's logical block 0 according to debugfs.
  unsigned first_block(const std::string& path) {
    return static_cast<unsigned>(strtoul(debugfs(img, "bmap " + path + " 0").c_str(), nullptr, 10));
  }
};

// The "Multiply-claimed block(s) in inode N: ..." lines of e2fsck -fn: which blocks are
// claimed twice, and by whom.
std::vector<std::string> multiply_claimed(const std::string& img) {
  std::string out = fsck(img).out;
  std::vector<std::string> lines;
  size_t pos = 0;
  while ((pos = out.find("Multiply-claimed block(s) in inode", pos)) != std::string::npos) {
    size_t nl = out.find('\n', pos);
    lines.push_back(out.substr(pos, nl - pos));
    pos = nl;
  }
  return lines;
}

// Appends to PATH until the disk is full; returns the bytes written.
size_t fill_disk(sis::fs::Vfs& v, const char* path) {
  std::string chunk = pattern(64 * 1024, 7);
  size_t total = 0;
  for (int i = 0; i < 10000; ++i) {
    auto r = v.write_file(path, chunk.data(), chunk.size(), sis::fs::WriteMode::Append);
    if (!r.ok() || r.value() == 0) break;
    total += r.value();
  }
  return total;
}

TEST_F(Hostile, BadMagicIsNotExt4) {
  make();
  poke(1024 + 0x38, std::string("\x00\x00", 2));
  EXPECT_EQ(mount_err(), Error::BadFormat);
}

TEST_F(Hostile, BadSuperblockChecksumIsCorrupt) {
  make();
  poke(1024 + 0x78, "evil");  // volume name, checksum not updated
  EXPECT_EQ(mount_err(), Error::Corrupt);
}

TEST_F(Hostile, BadGroupDescriptorChecksumIsCorrupt) {
  make();
  poke(2048 + 0x0C, std::string("\x01\x02", 2));  // group 0 free blocks count
  EXPECT_EQ(mount_err(), Error::Corrupt);
}

TEST_F(Hostile, ExtentPointingOutsideTheDiskIsAnError) {
  make();
  run("debugfs -w -R 'sif /blob block[5] 4000000000' '" + img + "'");  // ee_start_lo
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  char buf[100];
  auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::Corrupt);
}

TEST_F(Hostile, DamagedInodeChecksumIsCorrupt) {
  make();
  run("debugfs -w -R 'sif /blob uid 77' '" + img + "'");
  // debugfs keeps checksums right; break one by hand: find the inode and flip a byte.
  std::string out = debugfs(img, "imap /blob");
  unsigned block = 0, off = 0;
  ASSERT_EQ(sscanf(out.c_str() + out.find("at block "), "at block %u, offset 0x%x", &block, &off), 2) << out;
  poke(static_cast<long>(block) * 1024 + off + 0x2, "\x55");  // uid low byte
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/blob").error(), Error::Corrupt);
  EXPECT_TRUE(m.vfs.stat("/d/sub/f").ok());  // the rest of the tree stays readable
}

// A directory entry that names a free (all-zero) inode, as a crash in the middle of a
// checkpoint leaves it before replay: stat and read say Corrupt instead of showing an empty
// file of type 0 (sisctl image cat printed nothing and exited 0).
TEST_F(Hostile, EntryNamingAFreeInodeIsCorrupt) {
  make();
  run("debugfs -w -R 'clri /d/sub/f' '" + img + "'");
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/d/sub/f").error(), Error::Corrupt);
  char buf[16];
  EXPECT_EQ(m.vfs.read_file("/d/sub/f", 0, buf, sizeof(buf)).error(), Error::Corrupt);
  EXPECT_TRUE(m.vfs.stat("/blob").ok());  // the rest of the tree stays readable
}

TEST_F(Hostile, ImpossibleDirentLengthIsCorrupt) {
  make("-O ^metadata_csum");  // no checksum to catch it first: the structure check must
  std::string out = debugfs(img, "blocks /d");
  unsigned block = static_cast<unsigned>(atoi(out.c_str()));
  ASSERT_GT(block, 0u) << out;
  poke(static_cast<long>(block) * 1024 + 4, std::string("\x03\x00", 2));  // rec_len of "." = 3
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/d/sub").error(), Error::Corrupt);
  std::vector<std::string> names = list_names(m.vfs, "/d");
  EXPECT_EQ(names, std::vector<std::string>{"<corrupt data>"});
}

TEST_F(Hostile, DirectoryLoopsAndSymlinkLoopsEnd) {
  make();
  // A second link to a directory inside itself: the tree now has a cycle.
  run("debugfs -w -R 'ln /d /d/sub/up' '" + img + "'");
  run("debugfs -w -R 'symlink /loopa /loopb' '" + img + "'");
  run("debugfs -w -R 'symlink /loopb /loopa' '" + img + "'");
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(read_all(m.vfs, "/d/sub/up/sub/up/sub/up/sub/f"), "data\n");  // bounded by the path
  EXPECT_EQ(m.vfs.stat("/loopa").error(), Error::Loop);
  EXPECT_EQ(m.vfs.rename("/d", "/d/sub/inside"), Error::Invalid);
}

TEST_F(Hostile, TruncatedImageIsRefused) {
  make();
  run("truncate -s 300k '" + img + "'");
  EXPECT_NE(mount_err(), Error::Ok);
}

// A file whose extent claims file-system metadata (Linux's "system zone") or another
// reserved structure is corrupt: reading it is an error and `rm` must not free the blocks,
// or the next allocations overwrite the metadata (e2fsck then finds new multiply-claimed
// blocks, or the image no longer mounts).
TEST_F(Hostile, ExtentClaimingMetadataIsNotFreedByRm) {
  struct Target {
    const char* what;
    unsigned block, len;  // len 0: keep the extent's length (20 blocks)
  };
  make();
  // 1 KiB blocks, one group: superblock 1, descriptors 2, reserved GDT 3-65, bitmaps and
  // inode table after them (read from dumpe2fs so that a different mkfs layout still works).
  std::string layout = run("dumpe2fs '" + img + "' 2>/dev/null").out;
  auto after = [&](const char* key) {
    size_t p = layout.find(key);
    return p == std::string::npos ? 0u : static_cast<unsigned>(strtoul(layout.c_str() + p + strlen(key), nullptr, 10));
  };
  const unsigned root_block = first_block("/");
  const unsigned journal_block = first_block("<8>");
  const Target targets[] = {
      {"group descriptors", 2, 0},
      {"reserved GDT blocks", 10, 0},
      {"block bitmap", after("Block bitmap at "), 1},
      {"inode table", after("Inode table at ") + 3, 0},
      {"journal", journal_block + 5, 0},
      {"root directory", root_block, 1},
  };
  const std::string pristine = img + ".pristine";
  run("cp '" + img + "' '" + pristine + "'");
  for (const Target& tg : targets) {
    SCOPED_TRACE(tg.what);
    ASSERT_GT(tg.block, 1u);
    run("cp '" + pristine + "' '" + img + "'");
    run("debugfs -w -R 'sif /blob block[5] " + std::to_string(tg.block) + "' '" + img + "'");
    if (tg.len) run("debugfs -w -R 'sif /blob block[4] " + std::to_string(tg.len) + "' '" + img + "'");
    std::vector<std::string> before = multiply_claimed(img);
    ASSERT_FALSE(before.empty()) << "debugfs did not make the extent claim " << tg.what;
    {
      Mounted m(img);
      ASSERT_EQ(m.err, Error::Ok);
      char buf[64];
      auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
      EXPECT_EQ(r.ok() ? Error::Ok : r.error(), Error::Corrupt);
      EXPECT_EQ(m.vfs.unlink("/blob"), Error::Corrupt);
      EXPECT_GT(fill_disk(m.vfs, "/fill"), 1000000u);
      EXPECT_EQ(m.unmount(), Error::Ok);
    }
    EXPECT_EQ(multiply_claimed(img), before);  // no block newly claimed twice
    Mounted again(img, true);
    ASSERT_EQ(again.err, Error::Ok);
    EXPECT_EQ(read_all(again.vfs, "/d/sub/f"), "data\n");
  }
}

// An extent of length 0 is not a hole, and block 0 (the boot block and, with 4 KiB blocks,
// the superblock) is never file data.
TEST_F(Hostile, ZeroLengthExtentIsCorruptNotAHole) {
  make();
  run("debugfs -w -R 'sif /blob block[4] 0' '" + img + "'");  // ee_len = 0, ee_start_hi = 0
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  char buf[100];
  auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::Corrupt);
}

// i_size 2^63-1: a reader would stream zeros for ever (the kernel's cksum froze the port, the
// host's `sisctl image cat` never ended). A size past what the format can address (Linux's
// s_maxbytes) is corruption: stat and read say so.
TEST_F(Hostile, FileSizeBeyondTheFormatsLimitIsCorrupt) {
  make();
  run("debugfs -w -R 'sif /blob size 0x7fffffffffffffff' '" + img + "'");
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  auto st = m.vfs.stat("/blob");
  ASSERT_FALSE(st.ok()) << "stat gave size " << st.value().size;
  EXPECT_EQ(st.error(), Error::Corrupt);
  char buf[100];
  auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::Corrupt);
  EXPECT_EQ(read_all(m.vfs, "/d/sub/f"), "data\n");  // the rest of the disk still reads
}

TEST_F(Hostile, ExtentStartingAtBlockZeroIsCorruptNotSuperblockBytes) {
  std::string src = t / "src";
  run("mkdir -p '" + src + "' && head -c 20000 /dev/urandom > '" + src + "/blob'");
  img = make_image(t, "h4.img", 8, 4096, src);
  run("debugfs -w -R 'sif /blob block[5] 0' '" + img + "'");
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  char buf[2048];
  auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
  ASSERT_FALSE(r.ok()) << "read " << r.value() << " bytes of block 0";
  EXPECT_EQ(r.error(), Error::Corrupt);
}

// A directory's size must match its blocks. A root with i_size 0 is refused instead of
// being written to (which mapped logical block 0 a second time and left the new inode
// orphaned: e2fsck then reported new problems).
TEST_F(Hostile, DirectoryWithSizeZeroIsRefused) {
  make();
  run("debugfs -w -R 'sif / size 0' '" + img + "'");
  std::string before = fsck(img).out;
  ASSERT_NE(before.find("i_size is 0"), std::string::npos) << before;
  const std::string root_blocks = debugfs(img, "blocks /");
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    EXPECT_EQ(m.vfs.write_file("/new", "x", 1, sis::fs::WriteMode::Replace).error(), Error::Corrupt);
    EXPECT_EQ(m.vfs.mkdir("/newdir"), Error::Corrupt);
    EXPECT_EQ(m.vfs.stat("/d").error(), Error::Corrupt);
    EXPECT_EQ(list_names(m.vfs, "/"), std::vector<std::string>{"<corrupt data>"});
    EXPECT_EQ(m.unmount(), Error::Ok);
  }
  // Nothing new for e2fsck: the only problem is still the size it already reported.
  CmdResult after = fsck(img);
  EXPECT_EQ(after.out.find("Multiply-claimed"), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("Unattached"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("i_size is 0"), std::string::npos) << after.out;
  EXPECT_EQ(debugfs(img, "blocks /"), root_blocks);
}

// A directory longer than its extents (a block past the last mapped one) is refused too.
TEST_F(Hostile, DirectoryLongerThanItsBlocksIsRefused) {
  make();
  run("debugfs -w -R 'sif /d size 3072' '" + img + "'");
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/d/sub").error(), Error::Corrupt);
  EXPECT_EQ(m.vfs.mkdir("/d/new"), Error::Corrupt);
  EXPECT_EQ(read_all(m.vfs, "/blob").size(), 20000u);  // the rest stays usable
}

// An htree whose root names a hash version this code does not know cannot be searched by
// hash: lookups fall back to a linear scan (as Linux's dx_probe failure does), so every
// name that readdir shows can be opened, and adding a name still works.
TEST_F(Hostile, HtreeWithUnknownHashVersionFallsBackToLinearLookup) {
  std::string src = t / "src";
  run("mkdir -p '" + src + "/big'");
  for (int i = 0; i < 200; ++i) write_host_file(src + "/big/name_" + std::to_string(i), std::to_string(i));
  img = make_image(t, "x.img", 8, 1024, src, "-O ^metadata_csum");  // the poke below keeps no checksum
  run("e2fsck -fyD '" + img + "'");                                  // index the directory
  ASSERT_NE(debugfs(img, "htree_dump /big").find("Hash Version: 1"), std::string::npos);
  poke(static_cast<long>(first_block("/big")) * 1024 + 0x1C, "\x07");  // dx_root_info.hash_version
  ASSERT_NE(debugfs(img, "htree_dump /big").find("Hash Version: 7"), std::string::npos);
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  std::vector<std::string> names = list_names(m.vfs, "/big");
  ASSERT_EQ(names.size(), 200u);
  for (const std::string& n : names) EXPECT_EQ(read_all(m.vfs, "/big/" + n), n.substr(5)) << n;
  ASSERT_EQ(m.vfs.write_file("/big/added", "new", 3, sis::fs::WriteMode::Replace).error(), Error::Ok);
  EXPECT_EQ(read_all(m.vfs, "/big/added"), "new");
  EXPECT_EQ(read_all(m.vfs, "/big/name_7"), "7");
  EXPECT_EQ(m.unmount(), Error::Ok);
  // Adding a name dropped the unusable index: the directory is now plain and consistent.
  CmdResult after = fsck(img);
  EXPECT_EQ(after.code, 0) << after.out;
}

}  // namespace
