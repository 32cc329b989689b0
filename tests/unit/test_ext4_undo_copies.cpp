// The undo copies of an operation (ext4_undo.cpp) are for the blocks it changes: a lookup
// inside an operation copies nothing. Found with the profiler (docs/performance.md, hotspot
// 1): creating a file in a 1000-name directory copied every directory block it scanned
// (dir_find, then dir_add's search for room), so `bench fs` spent a third of its busy time
// in memcpy.
#include "test_ext4_util.h"

using namespace fstest;
using sis::StrView;

namespace {

struct BigDirectory {
  TempDir t;
  std::string img;
  uint64_t dir_blocks = 0;
  // 1 KiB blocks, /d with 600 names ("name-000" ..., 16-byte records: 60 to a block).
  BigDirectory() {
    img = make_image(t, "big.img", 16, 1024);
    Mounted m(img);
    EXPECT_EQ(m.err, sis::Error::Ok);
    EXPECT_EQ(m.vfs.mkdir("/d"), sis::Error::Ok);
    for (int i = 0; i < 600; ++i) {
      char p[32];
      snprintf(p, sizeof p, "/d/name-%03d", i);
      auto r = m.vfs.write_file(StrView(p), "x", 1, sis::fs::WriteMode::Replace);
      EXPECT_TRUE(r.ok()) << p;
    }
    auto st = m.vfs.stat("/d");
    EXPECT_TRUE(st.ok());
    dir_blocks = st.ok() ? st.value().size / 1024 : 0;
    EXPECT_EQ(m.unmount(), sis::Error::Ok);
  }
};

TEST(Ext4UndoCopies, ALookupInsideAnOperationCopiesNoBlock) {
  BigDirectory d;
  Mounted m(d.img);
  ASSERT_EQ(m.err, sis::Error::Ok);
  uint64_t before = m.fs.undo_copies();
  EXPECT_EQ(m.vfs.unlink("/d/not-there"), sis::Error::NoEntry);  // an operation that only looks
  EXPECT_EQ(m.fs.undo_copies() - before, 0u);
}

TEST(Ext4UndoCopies, CreateInALargeDirectoryCopiesOnlyTheBlocksItChanges) {
  BigDirectory d;
  ASSERT_GE(d.dir_blocks, 10u);
  Mounted m(d.img);
  ASSERT_EQ(m.err, sis::Error::Ok);
  uint64_t before = m.fs.undo_copies();
  auto r = m.vfs.write_file("/d/one-more", "y", 1, sis::fs::WriteMode::Replace);
  ASSERT_TRUE(r.ok());
  // Changed: the inode bitmap, the new inode and the directory's (and the file's, for its
  // data), one directory block, the block bitmap, group descriptors, perhaps an index or
  // extent block (a leaf split adds the index root): at most 8 blocks. Not the sixteen
  // directory blocks the search for the name and for room passed over.
  EXPECT_LE(m.fs.undo_copies() - before, 8u) << d.dir_blocks << " directory blocks";
  EXPECT_EQ(read_all(m.vfs, "/d/one-more"), "y");
  EXPECT_EQ(read_all(m.vfs, "/d/name-599"), "x");
  ASSERT_EQ(m.unmount(), sis::Error::Ok);
  CmdResult f = fsck(d.img);
  EXPECT_EQ(f.code, 0) << f.out;
}

}  // namespace
