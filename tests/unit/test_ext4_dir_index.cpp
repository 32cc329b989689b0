// A linear directory that outgrows its one block becomes an htree (Linux's make_indexed_dir),
// so lookups and creates read the root and one leaf instead of every block: hotspot 2 in
// docs/performance.md (a create in `bench fs`'s 1000-name directory scanned all its blocks
// twice). The real e2fsck -fn and debugfs are the oracles for the index SIS builds.
#include "test_ext4_util.h"

using namespace fstest;
using sis::StrView;

namespace {

std::string name_of(int i) {
  char p[32];
  snprintf(p, sizeof p, "file-%04d", i);
  return p;
}

bool debugfs_says_indexed(const std::string& img, const std::string& dir) {
  // "Flags: 0x81000": EXT4_INDEX_FL (0x1000) with extents.
  std::string st = debugfs(img, "stat " + dir);
  size_t f = st.find("Flags: 0x");
  if (f == std::string::npos) return false;
  unsigned long flags = strtoul(st.c_str() + f + 9, nullptr, 16);
  return (flags & 0x1000) != 0;
}

void grow_directory(const std::string& img, int n) {
  Mounted m(img);
  ASSERT_EQ(m.err, sis::Error::Ok);
  ASSERT_EQ(m.vfs.mkdir("/d"), sis::Error::Ok);
  for (int i = 0; i < n; ++i) {
    std::string p = "/d/" + name_of(i);
    auto r = m.vfs.write_file(StrView(p.c_str()), p.data(), p.size(), sis::fs::WriteMode::Replace);
    ASSERT_TRUE(r.ok()) << p << ": " << sis::error_name(r.error());
  }
  ASSERT_EQ(m.unmount(), sis::Error::Ok);
}

void expect_indexed_directory_works(const std::string& img, int n) {
  CmdResult f = fsck(img);
  ASSERT_EQ(f.code, 0) << f.out;
  EXPECT_TRUE(debugfs_says_indexed(img, "/d"));
  std::vector<std::string> want;
  for (int i = 0; i < n; ++i) want.push_back(name_of(i));
  EXPECT_EQ(debugfs_names(img, "/d"), want);  // Linux's reader (libext2fs) sees every name
  {
    Mounted m(img);
    ASSERT_EQ(m.err, sis::Error::Ok);
    auto before = m.fs.dir_stats();
    for (int i = 0; i < n; ++i) EXPECT_EQ(read_all(m.vfs, "/d/" + name_of(i)), "/d/" + name_of(i));
    auto after = m.fs.dir_stats();
    // Each path walk looks up "d" in the (small, linear) root and the name in /d's index.
    EXPECT_GE(after.htree_lookups - before.htree_lookups, static_cast<uint64_t>(n));
    EXPECT_EQ(after.linear_lookups - before.linear_lookups, after.htree_lookups - before.htree_lookups)
        << "lookups in /d fell back to the linear scan";
    EXPECT_EQ(m.vfs.stat("/d/no-such-name").error(), sis::Error::NoEntry);
    // Remove every other name, then the rest: the index stays valid throughout.
    for (int i = 0; i < n; i += 2) ASSERT_EQ(m.vfs.unlink(StrView(("/d/" + name_of(i)).c_str())), sis::Error::Ok);
    ASSERT_EQ(m.unmount(), sis::Error::Ok);
  }
  f = fsck(img);
  ASSERT_EQ(f.code, 0) << f.out;
  {
    Mounted m(img);
    ASSERT_EQ(m.err, sis::Error::Ok);
    for (int i = 1; i < n; i += 2) ASSERT_EQ(m.vfs.unlink(StrView(("/d/" + name_of(i)).c_str())), sis::Error::Ok);
    ASSERT_EQ(m.vfs.rmdir("/d"), sis::Error::Ok);
    ASSERT_EQ(m.unmount(), sis::Error::Ok);
  }
  f = fsck(img);
  EXPECT_EQ(f.code, 0) << f.out;
}

TEST(Ext4DirIndex, ADirectoryThatOutgrowsOneBlockBecomesAnHtree) {
  TempDir t;
  std::string img = make_image(t, "csum.img", 16, 1024);  // Debian's defaults: metadata_csum, dir_index
  grow_directory(img, 400);  // ~30 leaves of 1 KiB: the root's index splits many times
  expect_indexed_directory_works(img, 400);
}

TEST(Ext4DirIndex, AnIndexWithoutMetadataChecksumsIsValidToo) {
  TempDir t;
  std::string img = make_image(t, "nocsum.img", 16, 4096, "", "-O ^metadata_csum");
  grow_directory(img, 500);
  expect_indexed_directory_works(img, 500);
}

TEST(Ext4DirIndex, WithoutDirIndexTheDirectoryStaysLinear) {
  TempDir t;
  std::string img = make_image(t, "linear.img", 16, 1024, "", "-O ^dir_index");
  grow_directory(img, 200);
  CmdResult f = fsck(img);
  ASSERT_EQ(f.code, 0) << f.out;
  EXPECT_FALSE(debugfs_says_indexed(img, "/d"));
  Mounted m(img);
  ASSERT_EQ(m.err, sis::Error::Ok);
  EXPECT_EQ(read_all(m.vfs, "/d/" + name_of(199)), "/d/" + name_of(199));
  EXPECT_EQ(m.fs.dir_stats().htree_lookups, 0u);
}

}  // namespace
