// The undo copies of an operation (ext4_undo.cpp) are for the bytes it changes: a lookup
// inside an operation copies nothing, an inode write copies the inode, not its block. Found
// with the profiler (docs/performance.md, hotspots 1 and 3): creating a file in a 1000-name
// directory copied every directory block it scanned (dir_find, then dir_add's search for
// room), so `bench fs` spent a third of its busy time in memcpy; then whole 4 KiB blocks
// for each inode and group descriptor it wrote.
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
  uint64_t before = m.fs.undo_copied_bytes();
  auto r = m.vfs.write_file("/d/one-more", "y", 1, sis::fs::WriteMode::Replace);
  ASSERT_TRUE(r.ok());
  // Changed: the inode bitmap, the new inode and the directory's (and the file's, for its
  // data), one directory block, the block bitmap, group descriptors, perhaps an index or
  // extent block (a leaf split adds the index root): at most 8 KiB. Not the sixteen
  // directory blocks the search for the name and for room passed over.
  EXPECT_LE(m.fs.undo_copied_bytes() - before, 8u * 1024) << d.dir_blocks << " directory blocks";
  EXPECT_EQ(read_all(m.vfs, "/d/one-more"), "y");
  EXPECT_EQ(read_all(m.vfs, "/d/name-599"), "x");
  ASSERT_EQ(m.unmount(), sis::Error::Ok);
  CmdResult f = fsck(d.img);
  EXPECT_EQ(f.code, 0) << f.out;
}

TEST(Ext4UndoCopies, ChangingOneInodeCopiesOnlyThatInode) {
  TempDir t;
  std::string img = make_image(t, "inode.img", 16, 4096);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, sis::Error::Ok);
    ASSERT_TRUE(m.vfs.write_file("/f", "data", 4, sis::fs::WriteMode::Replace).ok());
    ASSERT_EQ(m.unmount(), sis::Error::Ok);
  }
  Mounted m(img);
  ASSERT_EQ(m.err, sis::Error::Ok);
  auto st = m.vfs.stat("/f");
  ASSERT_TRUE(st.ok());
  uint64_t before = m.fs.undo_copied_bytes();
  sis::fs::SetAttr a;
  a.mask = sis::fs::SetAttr::kMode;
  a.mode = 0600;
  ASSERT_EQ(m.fs.setattr(st.value().ino, a), sis::Error::Ok);
  EXPECT_EQ(m.fs.undo_copied_bytes() - before, m.fs.info().inode_size);  // 256, not the 4096-byte block
  ASSERT_EQ(m.unmount(), sis::Error::Ok);
  CmdResult f = fsck(img);
  EXPECT_EQ(f.code, 0) << f.out;
  EXPECT_NE(debugfs(img, "stat /f").find("Mode:  0600"), std::string::npos) << debugfs(img, "stat /f");
}

}  // namespace
