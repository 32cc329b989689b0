// VFS over the in-memory file system: paths, symlinks, mounts, descriptors, errors.
#include <gtest/gtest.h>

#include <string>

#include "fs/ramfs.h"
#include "fs/vfs.h"

using sis::Error;
using sis::StrView;
using namespace sis::fs;

namespace {

struct VfsTest : ::testing::Test {
  RamFs root, other;
  Vfs v;
  void SetUp() override {
    ASSERT_EQ(root.init(), Error::Ok);
    ASSERT_EQ(other.init(), Error::Ok);
    ASSERT_EQ(v.mount("/", &root, "ramfs"), Error::Ok);
  }
  std::string cat(const char* p) {
    char buf[4096];
    auto r = v.read_file(p, 0, buf, sizeof buf);
    return r.ok() ? std::string(buf, r.value()) : std::string("<") + sis::error_name(r.error()) + ">";
  }
  Error put(const char* p, const std::string& s, WriteMode m = WriteMode::Replace) {
    auto r = v.write_file(p, s.data(), s.size(), m);
    return r.ok() ? Error::Ok : r.error();
  }
};

TEST_F(VfsTest, ResolvesDotsSlashesAndSymlinks) {
  ASSERT_EQ(v.mkdir("/a"), Error::Ok);
  ASSERT_EQ(v.mkdir("/a/b"), Error::Ok);
  ASSERT_EQ(put("/a/b/f", "data"), Error::Ok);
  EXPECT_EQ(cat("//a/./b/../b///f"), "data");
  ASSERT_EQ(v.symlink("b/f", "/a/rel"), Error::Ok);
  ASSERT_EQ(v.symlink("/a/b", "/abs"), Error::Ok);
  EXPECT_EQ(cat("/a/rel"), "data");
  EXPECT_EQ(cat("/abs/f"), "data");
  EXPECT_EQ(v.lstat("/abs").value().type(), FileType::Symlink);
  EXPECT_EQ(v.stat("/abs").value().type(), FileType::Directory);
  ASSERT_EQ(v.symlink("/loop2", "/loop1"), Error::Ok);
  ASSERT_EQ(v.symlink("/loop1", "/loop2"), Error::Ok);
  EXPECT_EQ(v.stat("/loop1/x").error(), Error::Loop);
  EXPECT_EQ(v.stat("/a/b/f/x").error(), Error::NotDir);
  EXPECT_EQ(v.stat(StrView(std::string(300, 'n').c_str())).error(), Error::NameTooLong);
  EXPECT_EQ(v.mkdir("/"), Error::Invalid);
}

TEST_F(VfsTest, MountsAreEnteredAndLeft) {
  ASSERT_EQ(v.mkdir("/mnt"), Error::Ok);
  ASSERT_EQ(v.mount("/mnt", &other, "other"), Error::Ok);
  ASSERT_EQ(put("/mnt/inside", "x"), Error::Ok);
  EXPECT_EQ(cat("/mnt/../mnt/inside"), "x");
  EXPECT_EQ(v.rename("/mnt/inside", "/outside"), Error::CrossDevice);
  EXPECT_EQ(v.rmdir("/mnt"), Error::Busy);
  EXPECT_EQ(v.mount_count(), 2u);
  int fd = v.open("/mnt/inside", kOpenRead).value_or(-1);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(v.unmount("/mnt"), Error::Busy);
  EXPECT_EQ(v.close(fd), Error::Ok);
  EXPECT_EQ(v.unmount("/mnt"), Error::Ok);
  EXPECT_EQ(v.stat("/mnt/inside").error(), Error::NoEntry);
}

TEST_F(VfsTest, DescriptorsReadWriteSeekAppend) {
  int fd = v.open("/f", kOpenWrite | kOpenCreate).value_or(-1);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(v.write(fd, "hello world", 11).value_or(0), 11u);
  EXPECT_EQ(v.seek(fd, 6, 0).value_or(0), 6u);
  EXPECT_EQ(v.write(fd, "WORLD", 5).value_or(0), 5u);
  EXPECT_EQ(v.close(fd), Error::Ok);
  EXPECT_EQ(v.close(fd), Error::BadFd);
  EXPECT_EQ(put("/f", "!", WriteMode::Append), Error::Ok);
  EXPECT_EQ(cat("/f"), "hello WORLD!");
  EXPECT_EQ(v.open("/f", kOpenCreate | kOpenExclusive | kOpenWrite).error(), Error::Exists);
  EXPECT_EQ(v.open("/nope", kOpenRead).error(), Error::NoEntry);
  ASSERT_EQ(v.mkdir("/d"), Error::Ok);
  EXPECT_EQ(v.open("/d", kOpenWrite).error(), Error::IsDir);
  int dfd = v.open("/", kOpenRead).value_or(-1);
  DirEntry e;
  int n = 0;
  while (v.readdir(dfd, &e).value_or(false)) ++n;
  EXPECT_EQ(n, 4);  // . .. f d
  v.close(dfd);
}

TEST_F(VfsTest, RemoveRenameAndErrors) {
  ASSERT_EQ(v.mkdir("/d"), Error::Ok);
  ASSERT_EQ(put("/d/x", "1"), Error::Ok);
  EXPECT_EQ(v.remove("/d"), Error::NotEmpty);
  EXPECT_EQ(v.rename("/d", "/d/x/y"), Error::NotDir);
  ASSERT_EQ(v.mkdir("/d/sub"), Error::Ok);
  EXPECT_EQ(v.rename("/d", "/d/sub/inner"), Error::Invalid);
  EXPECT_EQ(v.rename("/d/x", "/y"), Error::Ok);
  EXPECT_EQ(v.remove("/d/sub"), Error::Ok);
  EXPECT_EQ(v.remove("/d"), Error::Ok);
  EXPECT_EQ(cat("/y"), "1");
  EXPECT_EQ(v.remove("/y"), Error::Ok);
  EXPECT_EQ(v.remove("/y"), Error::NoEntry);
}

}  // namespace
