// ext4 writes, judged by the real e2fsprogs: e2fsck -fn must find nothing, and debugfs must
// read back exactly the tree and bytes we wrote.
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::StrView;
using sis::fs::WriteMode;

namespace {

class Ext4Write : public ::testing::TestWithParam<unsigned> {
 protected:
  TempDir t;
  void expect_clean(const std::string& img) {
    CmdResult r = fsck(img);
    EXPECT_EQ(r.code, 0) << "e2fsck -fn reported problems:\n" << r.out;
  }
};

Error put(sis::fs::Vfs& v, const char* path, const std::string& data, WriteMode mode = WriteMode::Replace) {
  auto r = v.write_file(path, data.data(), data.size(), mode);
  return r.ok() ? (r.value() == data.size() ? Error::Ok : Error::Io) : r.error();
}

TEST_P(Ext4Write, CreateWriteAppendTruncateUnlinkMkdirRmdirRenameSymlink) {
  std::string img = make_image(t, "w.img", 32, GetParam());
  std::string big = pattern(3 * 1024 * 1024 + 517, 3);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok) << sis::error_name(m.err);
    auto& v = m.vfs;
    ASSERT_EQ(v.mkdir("/incidents"), Error::Ok);
    ASSERT_EQ(v.mkdir("/incidents/2024"), Error::Ok);
    ASSERT_EQ(v.mkdir("/tmp"), Error::Ok);
    ASSERT_EQ(put(v, "/incidents/2024/a.log", "first line\n"), Error::Ok);
    ASSERT_EQ(put(v, "/incidents/2024/a.log", "second line\n", WriteMode::Append), Error::Ok);
    ASSERT_EQ(put(v, "/big.bin", big), Error::Ok);
    ASSERT_EQ(put(v, "/trunc", pattern(10000, 9)), Error::Ok);
    ASSERT_EQ(v.truncate("/trunc", 1500), Error::Ok);
    ASSERT_EQ(v.truncate("/trunc", 4000), Error::Ok);  // grows with zeros
    ASSERT_EQ(put(v, "/gone", "bye"), Error::Ok);
    ASSERT_EQ(v.unlink("/gone"), Error::Ok);
    ASSERT_EQ(v.mkdir("/tmp/empty"), Error::Ok);
    ASSERT_EQ(v.rmdir("/tmp/empty"), Error::Ok);
    ASSERT_EQ(put(v, "/tmp/x", "x"), Error::Ok);
    ASSERT_EQ(v.rename("/tmp/x", "/tmp/y"), Error::Ok);                    // same directory
    ASSERT_EQ(v.rename("/tmp/y", "/incidents/y"), Error::Ok);              // across directories
    ASSERT_EQ(v.mkdir("/tmp/sub"), Error::Ok);
    ASSERT_EQ(put(v, "/tmp/sub/f", "in sub"), Error::Ok);
    ASSERT_EQ(v.rename("/tmp/sub", "/incidents/sub"), Error::Ok);          // a directory across
    ASSERT_EQ(put(v, "/victim", "old"), Error::Ok);
    ASSERT_EQ(put(v, "/winner", "new"), Error::Ok);
    ASSERT_EQ(v.rename("/winner", "/victim"), Error::Ok);                  // replaces
    ASSERT_EQ(v.symlink("incidents/2024/a.log", "/fast"), Error::Ok);
    std::string longt = "/incidents/" + std::string(80, 'L');
    ASSERT_EQ(v.symlink(StrView(longt.c_str()), "/slow"), Error::Ok);
    // Errors are values, POSIX-like.
    EXPECT_EQ(v.mkdir("/tmp"), Error::Exists);
    EXPECT_EQ(v.rmdir("/incidents"), Error::NotEmpty);
    EXPECT_EQ(v.unlink("/incidents"), Error::IsDir);
    EXPECT_EQ(v.rmdir("/victim"), Error::NotDir);
    EXPECT_EQ(v.rename("/incidents", "/incidents/sub/inner"), Error::Invalid);
    EXPECT_EQ(v.unlink("/nope"), Error::NoEntry);
    EXPECT_EQ(read_all(v, "/fast"), "first line\nsecond line\n");
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);
  EXPECT_EQ(debugfs_cat(t, img, "/incidents/2024/a.log"), "first line\nsecond line\n");
  EXPECT_TRUE(debugfs_cat(t, img, "/big.bin") == big) << "big.bin differs";
  std::string tr = pattern(10000, 9).substr(0, 1500) + std::string(2500, '\0');
  EXPECT_TRUE(debugfs_cat(t, img, "/trunc") == tr);
  EXPECT_EQ(debugfs_cat(t, img, "/victim"), "new");
  EXPECT_EQ(debugfs_cat(t, img, "/incidents/sub/f"), "in sub");
  EXPECT_EQ(debugfs_cat(t, img, "/incidents/y"), "x");
  EXPECT_EQ(debugfs_names(img, "/"), (std::vector<std::string>{"big.bin", "fast", "incidents", "lost+found", "slow", "tmp", "trunc", "victim"}));
  EXPECT_EQ(debugfs_names(img, "/tmp"), std::vector<std::string>{});
  EXPECT_NE(debugfs(img, "stat /fast").find("Fast link dest: \"incidents/2024/a.log\""), std::string::npos);
  // Read back through our own code after a fresh mount.
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_TRUE(read_all(m.vfs, "/big.bin") == big);
  char buf[256];
  auto n = m.vfs.readlink("/slow", buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, n.value()), "/incidents/" + std::string(80, 'L'));
}

TEST_P(Ext4Write, HardLinksShareTheInodeAndCountTheirNames) {
  std::string img = make_image(t, "l.img", 16, GetParam());
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    auto& v = m.vfs;
    ASSERT_EQ(v.mkdir("/d"), Error::Ok);
    ASSERT_EQ(put(v, "/a", "shared bytes"), Error::Ok);
    ASSERT_EQ(v.link("/a", "/d/b", false), Error::Ok);
    ASSERT_EQ(v.link("/a", "/c", false), Error::Ok);
    EXPECT_EQ(v.stat("/a").value().nlink, 3u);
    EXPECT_EQ(v.stat("/d/b").value().ino, v.stat("/a").value().ino);
    EXPECT_EQ(v.link("/a", "/c", false), Error::Exists);
    EXPECT_EQ(v.link("/d", "/d2", false), Error::NotPermitted);  // no links to directories
    EXPECT_EQ(v.link("/missing", "/x", false), Error::NoEntry);
    ASSERT_EQ(v.unlink("/a"), Error::Ok);  // the bytes live on under the other names
    EXPECT_EQ(read_all(v, "/d/b"), "shared bytes");
    EXPECT_EQ(v.stat("/c").value().nlink, 2u);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);  // e2fsck checks every inode's link count against the directory entries
  EXPECT_EQ(debugfs_cat(t, img, "/c"), "shared bytes");
  EXPECT_NE(debugfs(img, "stat /c").find("Links: 2"), std::string::npos);
}

TEST_P(Ext4Write, FragmentedFilesGrowDeepExtentTreesAndShrink) {
  std::string img = make_image(t, "f.img", 16, GetParam());
  std::string a, b;
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    // Interleaved appends make both files fragment: hundreds of extents each.
    for (int i = 0; i < 400; ++i) {
      std::string ca = pattern(GetParam(), i), cb = pattern(GetParam(), 1000 + i);
      a += ca;
      b += cb;
      ASSERT_EQ(put(m.vfs, "/a", ca, WriteMode::Append), Error::Ok);
      ASSERT_EQ(put(m.vfs, "/b", cb, WriteMode::Append), Error::Ok);
    }
    // Random overwrites inside, then a truncate in the middle of the tree.
    std::string patch = pattern(5000, 77);
    ASSERT_TRUE(m.vfs.write_file("/a", patch.data(), patch.size(), WriteMode::At, 12345).ok());
    a.replace(12345, patch.size(), patch);
    ASSERT_EQ(m.vfs.truncate("/b", b.size() / 3 + 7), Error::Ok);
    b.resize(b.size() / 3 + 7);
    EXPECT_TRUE(read_all(m.vfs, "/a") == a);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);
  EXPECT_NE(debugfs(img, "stat /a").find("(ETB0)"), std::string::npos) << "expected depth > 0";
  EXPECT_TRUE(debugfs_cat(t, img, "/a") == a);
  EXPECT_TRUE(debugfs_cat(t, img, "/b") == b);
  {
    Mounted m(img);
    ASSERT_EQ(m.vfs.unlink("/a"), Error::Ok);
    ASSERT_EQ(m.vfs.truncate("/b", 0), Error::Ok);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);
}

TEST_P(Ext4Write, HtreeDirectoryAddAndRemoveKeepsIndexValid) {
  std::string src = t / "src";
  run("mkdir -p '" + src + "/d' && cd '" + src + "/d' && for i in $(seq 1 300); do echo $i > entry_$i; done");
  std::string img = make_image(t, "h.img", 16, GetParam(), src);
  run("e2fsck -fyD '" + img + "'");
  ASSERT_NE(debugfs(img, "stat /d").find("Flags: 0x81000"), std::string::npos);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    for (int i = 1; i <= 700; ++i) {
      std::string p = "/d/new_name_number_" + std::to_string(i);
      ASSERT_EQ(put(m.vfs, p.c_str(), std::to_string(i)), Error::Ok) << p;
    }
    for (int i = 1; i <= 300; i += 2) {
      std::string p = "/d/entry_" + std::to_string(i);
      ASSERT_EQ(m.vfs.unlink(p.c_str()), Error::Ok) << p;
      ASSERT_EQ(m.vfs.stat(p.c_str()).error(), Error::NoEntry) << p;
    }
    EXPECT_EQ(list_names(m.vfs, "/d").size(), 850u);
    for (int i = 1; i <= 700; i += 7) {
      std::string p = "/d/new_name_number_" + std::to_string(i);
      ASSERT_EQ(read_all(m.vfs, p), std::to_string(i)) << p;
    }
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);
  auto names = debugfs_names(img, "/d");
  EXPECT_EQ(names.size(), 700u + 150u);
  for (int i = 2; i <= 300; i += 2)
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), "entry_" + std::to_string(i))) << "entry_" << i << " lost";
  for (int i = 1; i <= 300; i += 2)
    EXPECT_FALSE(std::binary_search(names.begin(), names.end(), "entry_" + std::to_string(i))) << "entry_" << i << " still there";
  for (int i = 1; i <= 700; ++i)
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), "new_name_number_" + std::to_string(i))) << i << " missing";
  for (size_t i = 1; i < names.size(); ++i) EXPECT_NE(names[i], names[i - 1]) << "duplicate";
  for (auto& n : names)
    EXPECT_TRUE(n.rfind("entry_", 0) == 0 || n.rfind("new_name_number_", 0) == 0) << "unexpected name " << n;
  EXPECT_EQ(debugfs_cat(t, img, "/d/new_name_number_699"), "699");
  EXPECT_EQ(debugfs_cat(t, img, "/d/entry_2"), "2\n");
}

TEST_P(Ext4Write, FillingTheDiskGivesNoSpaceAndStaysClean) {
  std::string img = make_image(t, "full.img", 8, GetParam());
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    std::string chunk = pattern(256 * 1024, 1);
    Error last = Error::Ok;
    int files = 0;
    for (; files < 100; ++files) {
      std::string p = "/fill" + std::to_string(files);
      auto r = m.vfs.write_file(p.c_str(), chunk.data(), chunk.size(), WriteMode::Replace);
      if (!r.ok()) { last = r.error(); break; }
      if (r.value() < chunk.size()) { last = Error::NoSpace; break; }
    }
    EXPECT_EQ(last, Error::NoSpace);
    auto st = m.vfs.statfs("/");
    ASSERT_TRUE(st.ok());
    EXPECT_LT(st.value().free_blocks, 64u);
    for (int i = 0; i < files; i += 2) m.vfs.unlink(("/fill" + std::to_string(i)).c_str());
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  expect_clean(img);
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext4Write, ::testing::Values(1024u, 4096u),
                         [](const auto& info) { return std::to_string(info.param); });

}  // namespace
