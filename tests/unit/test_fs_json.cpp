// fs/fs_json: the one writer of a file's status that fs.stat, fs.list, `stat --json` and
// `ls --json` share: the protocol's member names and type names, permission bits only.
#include "fs/fs_json.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using sis::JsonWriter;
using sis::TextBuffer;
using sis::fs::Stat;

std::string members_of(const Stat& st) {
  char buf[512];
  TextBuffer tb(buf, sizeof(buf));
  JsonWriter w(tb);
  w.begin_object();
  sis::fs::write_stat_members(w, st);
  w.end_object();
  EXPECT_TRUE(w.ok());
  return std::string(tb.view().data, tb.view().size);
}

TEST(FsJson, StatMembersUseTheProtocolsNamesAndPermissionBitsOnly) {
  Stat st;
  st.ino = 12;
  st.mode = sis::fs::kModeReg | 0644;
  st.nlink = 2;
  st.size = 4097;
  st.blocks = 16;
  st.mtime = 1700000000;
  EXPECT_EQ(members_of(st),
            R"({"type":"file","size":4097,"mode":420,"mtime":1700000000,"inode":12,"links":2,"blocks":16})");
}

TEST(FsJson, TypesOutsideFileDirSymlinkAreOther) {
  Stat st;
  st.mode = sis::fs::kModeDir | 0755;
  EXPECT_EQ(members_of(st).rfind(R"({"type":"dir",)", 0), 0u);
  st.mode = sis::fs::kModeLink | 0777;
  EXPECT_EQ(members_of(st).rfind(R"({"type":"symlink",)", 0), 0u);
  st.mode = 0020000 | 0600;  // a character device
  EXPECT_EQ(members_of(st).rfind(R"({"type":"other",)", 0), 0u);
  EXPECT_STREQ(sis::fs::json_type_name(sis::fs::FileType::Fifo), "other");
}

}  // namespace
