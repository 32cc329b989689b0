// VFS path checks that guard destructive calls and the path limits (issue 24): a last
// component "." or ".." is refused before anything is removed, PATH_MAX (4096 with the NUL)
// and NAME_MAX (255) are told apart, and a trailing slash means "a directory".
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fs/ramfs.h"
#include "fs/vfs.h"

using sis::Error;
using sis::StrView;
using namespace sis::fs;

namespace {

struct VfsGuardTest : ::testing::Test {
  RamFs root;
  Vfs v;
  void SetUp() override {
    ASSERT_EQ(root.init(), Error::Ok);
    ASSERT_EQ(v.mount("/", &root, "ramfs"), Error::Ok);
    ASSERT_EQ(v.mkdir("/dir"), Error::Ok);
    ASSERT_EQ(v.mkdir("/dir/sub"), Error::Ok);
    ASSERT_EQ(v.mkdir("/lost+found"), Error::Ok);
    ASSERT_EQ(put("/dir/sub/f", "1"), Error::Ok);
    ASSERT_EQ(put("/dir/g", "2"), Error::Ok);
    ASSERT_EQ(put("/top", "3"), Error::Ok);
  }
  Error put(const std::string& p, const std::string& s) {
    auto r = v.write_file(StrView(p.c_str()), s.data(), s.size(), WriteMode::Replace);
    return r.ok() ? Error::Ok : r.error();
  }
  // Every name in the tree, depth first, so that any loss shows up.
  std::string tree(const std::string& dir = "/") {
    std::string out;
    struct Ctx {
      std::vector<std::string> names;
    } c;
    v.list(StrView(dir.c_str()), [](void* p, const DirEntry& e) {
      if (!(e.name_view() == ".") && !(e.name_view() == ".."))
        static_cast<Ctx*>(p)->names.emplace_back(e.name, e.name_len);
      return true;
    }, &c);
    std::sort(c.names.begin(), c.names.end());
    for (const auto& n : c.names) {
      std::string child = (dir == "/" ? "" : dir) + "/" + n;
      out += child + " ";
      if (v.lstat(StrView(child.c_str())).value().type() == FileType::Directory) out += tree(child);
    }
    return out;
  }
};

TEST_F(VfsGuardTest, RecursiveRemoveOfPathEndingInDotOrDotDotRemovesNothing) {
  const std::string before = tree();
  ASSERT_EQ(before, "/dir /dir/g /dir/sub /dir/sub/f /lost+found /top ");
  for (const char* p : {"/.", "/./", "/dir/.", "/dir/sub/..", "/lost+found/..", "/dir/..", "/dir/sub/../.", "//."}) {
    EXPECT_EQ(v.remove_tree(p), Error::Invalid) << p;
    EXPECT_EQ(tree(), before) << "after remove_tree(" << p << ")";
  }
  for (const char* p : {"/", "//", ""}) {
    EXPECT_EQ(v.remove_tree(p), Error::Busy) << p;
    EXPECT_EQ(tree(), before) << p;
  }
  EXPECT_EQ(v.remove_tree("/dir/sub/"), Error::Ok);
  EXPECT_EQ(tree(), "/dir /dir/g /lost+found /top ");
}

TEST_F(VfsGuardTest, RecursiveRemoveDoesNotFollowSymlinks) {
  ASSERT_EQ(v.symlink("/", "/dir/to_root"), Error::Ok);
  ASSERT_EQ(v.symlink("/dir", "/link"), Error::Ok);
  EXPECT_EQ(v.remove_tree("/link/"), Error::Ok);  // the link goes, not what it points at
  EXPECT_EQ(v.remove_tree("/dir"), Error::Ok);
  EXPECT_EQ(tree(), "/lost+found /top ");
}

TEST_F(VfsGuardTest, RemoveRenameRmdirUnlinkRefuseDotAndDotDot) {
  const std::string before = tree();
  for (const char* p : {"/dir/.", "/dir/..", "/dir/sub/../", "/."}) {
    EXPECT_EQ(v.remove(p), Error::Invalid) << p;
    EXPECT_EQ(v.rmdir(p), Error::Invalid) << p;
    EXPECT_EQ(v.unlink(p), Error::Invalid) << p;
    EXPECT_EQ(v.rename(p, "/moved"), Error::Invalid) << p;
    EXPECT_EQ(v.rename("/dir/g", p), Error::Invalid) << p;
  }
  EXPECT_EQ(v.remove("/"), Error::Busy);
  EXPECT_EQ(tree(), before);
  EXPECT_EQ(Vfs::last_component("/a/b//"), "b");
  EXPECT_EQ(Vfs::last_component("///"), "");
  EXPECT_EQ(Vfs::last_component("/a/.."), "..");
}

TEST_F(VfsGuardTest, PathMaxIs4096WithTheNulAndNameMaxIs255WithDistinctErrors) {
  // 4095 bytes of one-character components resolve; 4096 do not, and the error says "path".
  std::string ok = "/";
  while (ok.size() < 4090) ok += "./";
  ok += "/top";
  ASSERT_EQ(ok.size(), 4095u);
  char buf[8];
  EXPECT_EQ(v.read_file(StrView(ok.c_str()), 0, buf, sizeof buf).value_or(0), 1u);
  std::string too_long = "/." + ok;
  ASSERT_EQ(too_long.size(), 4097u);
  EXPECT_EQ(v.stat(StrView(too_long.c_str())).error(), Error::PathTooLong);
  EXPECT_EQ(v.stat(StrView(too_long.c_str(), 4096)).error(), Error::PathTooLong);
  std::string name255 = "/" + std::string(255, 'n');
  std::string name256 = "/" + std::string(256, 'n');
  EXPECT_EQ(put(name255, "x"), Error::Ok);
  EXPECT_EQ(v.stat(StrView(name256.c_str())).error(), Error::NameTooLong);
  EXPECT_STRNE(sis::error_name(Error::PathTooLong), sis::error_name(Error::NameTooLong));
  EXPECT_NE(std::string(sis::error_name(Error::PathTooLong)).find("path"), std::string::npos);
}

TEST_F(VfsGuardTest, TrailingSlashNamesADirectory) {
  // Creating a file through "new/" is EISDIR and leaves nothing behind (POSIX open(2)).
  EXPECT_EQ(put("/newf/", "x"), Error::IsDir);
  EXPECT_EQ(v.lstat("/newf").error(), Error::NoEntry);
  EXPECT_EQ(v.stat("/top/").error(), Error::NotDir);
  EXPECT_EQ(v.read_file("/top/", 0, nullptr, 0).error(), Error::NotDir);
  EXPECT_EQ(v.unlink("/top/"), Error::NotDir);
  EXPECT_EQ(v.rename("/top", "/renamed/"), Error::NotDir);
  EXPECT_EQ(v.rename("/top/", "/renamed"), Error::NotDir);
  EXPECT_EQ(v.symlink("/top", "/ln/"), Error::NotDir);
  EXPECT_EQ(v.stat("/top").value().type(), FileType::Regular);
  EXPECT_EQ(v.mkdir("/newd/"), Error::Ok);
  EXPECT_EQ(v.stat("/newd/").value().type(), FileType::Directory);
  EXPECT_EQ(v.rename("/newd/", "/newd2/"), Error::Ok);
  ASSERT_EQ(v.symlink("/dir", "/dl"), Error::Ok);
  EXPECT_EQ(v.stat("/dl/").value().type(), FileType::Directory);  // a trailing slash follows the link
}

}  // namespace
