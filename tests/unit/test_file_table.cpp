// FileTable: lowest-free descriptors, dup, close-on-exec, fork copies and reference counts,
// the cwd and path joining.
#include "test_file_hooks.h"  // first: see there
#include "proc/file_devices.h"
#include "proc/file_table.h"
#include "proc/pipe.h"

#include <gtest/gtest.h>

#include <string>

using namespace sis;
using namespace sis::proc;

namespace {

File* null_file() { return make_file<NullFile>(test::kO_RDWR); }

struct FileTableTest : ::testing::Test {
  void SetUp() override { test::hooks().reset(); }
  void TearDown() override { EXPECT_EQ(File::live_count(), 0u); }
};

TEST_F(FileTableTest, DescriptorsAreAllocatedLowestFirst) {
  FileTable t;
  EXPECT_EQ(t.install(null_file(), false).value(), 0);
  EXPECT_EQ(t.install(null_file(), false).value(), 1);
  EXPECT_EQ(t.install(null_file(), false).value(), 2);
  ASSERT_EQ(t.close(1), Error::Ok);
  EXPECT_EQ(t.install(null_file(), false).value(), 1);
  EXPECT_EQ(t.install(null_file(), false, 10).value(), 10);
  EXPECT_EQ(t.open_count(), 4u);
}

TEST_F(FileTableTest, ClosingABadDescriptorIsBadFd) {
  FileTable t;
  EXPECT_EQ(t.close(0), Error::BadFd);
  EXPECT_EQ(t.close(-1), Error::BadFd);
  EXPECT_EQ(t.close(FileTable::kMaxFds), Error::BadFd);
  EXPECT_EQ(t.get(3).error(), Error::BadFd);
}

TEST_F(FileTableTest, AFullTableIsTooManyOpenAndReleasesTheFile) {
  FileTable t;
  for (int i = 0; i < FileTable::kMaxFds; ++i) ASSERT_TRUE(t.install(null_file(), false).ok());
  EXPECT_EQ(t.install(null_file(), false).error(), Error::TooManyOpen);
  EXPECT_EQ(File::live_count(), static_cast<usize>(FileTable::kMaxFds));
}

TEST_F(FileTableTest, DupSharesTheDescriptionAndClearsCloexec) {
  FileTable t;
  int fd = t.install(null_file(), true).value();
  int d = t.dup(fd, 0, false).value();
  EXPECT_EQ(d, 1);
  EXPECT_EQ(t.get(fd).value(), t.get(d).value());
  EXPECT_EQ(t.get(fd).value()->refs(), 2u);
  EXPECT_TRUE(t.cloexec(fd).value());
  EXPECT_FALSE(t.cloexec(d).value());
  EXPECT_EQ(File::live_count(), 1u);
}

TEST_F(FileTableTest, DupToReplacesWhatWasThere) {
  FileTable t;
  int a = t.install(null_file(), false).value();
  int b = t.install(null_file(), false).value();
  ASSERT_EQ(t.dup_to(a, b, true), Error::Ok);
  EXPECT_EQ(t.get(a).value(), t.get(b).value());
  EXPECT_TRUE(t.cloexec(b).value());
  EXPECT_EQ(File::live_count(), 1u);  // b's old file was released
}

TEST_F(FileTableTest, CloseOnExecDropsOnlyMarkedDescriptors) {
  FileTable t;
  ASSERT_TRUE(t.install(null_file(), false).ok());
  ASSERT_TRUE(t.install(null_file(), true).ok());
  ASSERT_TRUE(t.install(null_file(), false).ok());
  ASSERT_EQ(t.set_cloexec(2, true), Error::Ok);
  t.close_on_exec();
  EXPECT_TRUE(t.get(0).ok());
  EXPECT_FALSE(t.get(1).ok());
  EXPECT_FALSE(t.get(2).ok());
}

TEST_F(FileTableTest, ForkCopiesShareDescriptionsCwdAndUmask) {
  FileTable parent;
  auto pipe = make_pipe(0).value();
  ASSERT_EQ(parent.install(pipe.read, false).value(), 0);
  ASSERT_EQ(parent.install(pipe.write, true).value(), 1);
  ASSERT_EQ(parent.set_cwd("/usr/bin"), Error::Ok);
  parent.set_umask(077);
  {
    FileTable child;
    ASSERT_EQ(parent.clone_into(child), Error::Ok);
    EXPECT_EQ(child.get(0).value(), pipe.read);
    EXPECT_TRUE(child.cloexec(1).value());
    EXPECT_EQ(pipe.read->refs(), 2u);
    EXPECT_EQ(std::string(child.cwd().data, child.cwd().size), "/usr/bin");
    EXPECT_EQ(child.umask(), 077u);
    // The child writes and exits; the parent still has both ends.
    ASSERT_EQ(child.get(1).value()->write("hi", 2, true, true).value(), 2u);
  }
  EXPECT_EQ(pipe.read->refs(), 1u);
  char buf[4];
  EXPECT_EQ(parent.get(0).value()->read(buf, 4, true).value(), 2u);
  parent.close_all();
  EXPECT_EQ(parent.open_count(), 0u);
  EXPECT_EQ(live_pipe_count(), 0u);
}

std::string join(const char* base, const char* path, bool normalise) {
  char out[FileTable::kMaxCwd];
  auto r = FileTable::join_path(base, path, out, sizeof out, normalise);
  if (!r.ok()) return std::string("<") + error_name(r.error()) + ">";
  EXPECT_EQ(strlen(out), r.value());
  return out;
}

TEST_F(FileTableTest, JoinPathAppendsRelativePathsToTheBase) {
  EXPECT_EQ(join("/", "etc", false), "/etc");
  EXPECT_EQ(join("/home", "a/../b", false), "/home/a/../b");  // left for the VFS to resolve
  EXPECT_EQ(join("/home", "/abs", false), "/abs");
  EXPECT_EQ(join("/home", "", false), "<" + std::string(error_name(Error::NoEntry)) + ">");
}

TEST_F(FileTableTest, JoinPathNormalisesDotsAndSlashes) {
  EXPECT_EQ(join("/", "/usr//bin/./", true), "/usr/bin/");
  EXPECT_EQ(join("/a/b", "../c", true), "/a/c");
  EXPECT_EQ(join("/a/b", "../../../..", true), "/");
  EXPECT_EQ(join("/a", ".", true), "/a");
  EXPECT_EQ(join("/", "..", true), "/");
  EXPECT_EQ(join("/x", "y/z/..", true), "/x/y");
}

TEST_F(FileTableTest, JoinPathRefusesResultsLongerThanPathMax) {
  std::string long_name(3000, 'n');
  EXPECT_EQ(join(("/" + long_name).c_str(), long_name.c_str(), false), "<" + std::string(error_name(Error::PathTooLong)) + ">");
  EXPECT_EQ(join(("/" + long_name).c_str(), long_name.c_str(), true), "<" + std::string(error_name(Error::PathTooLong)) + ">");
}

TEST_F(FileTableTest, TheCwdIsStoredNormalisedWithoutATrailingSlash) {
  FileTable t;
  EXPECT_EQ(std::string(t.cwd().data, t.cwd().size), "/");
  ASSERT_EQ(t.set_cwd("/usr/./lib/../bin/"), Error::Ok);
  EXPECT_EQ(std::string(t.cwd().data, t.cwd().size), "/usr/bin");
  ASSERT_EQ(t.set_cwd("/"), Error::Ok);
  EXPECT_EQ(std::string(t.cwd().data, t.cwd().size), "/");
}

TEST_F(FileTableTest, UmaskKeepsPermissionBitsOnly) {
  FileTable t;
  EXPECT_EQ(t.set_umask(01777), 022u);
  EXPECT_EQ(t.umask(), 0777u);
}

}  // namespace
