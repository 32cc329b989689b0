// The file system calls, called as the dispatcher calls them (a SyscallContext over a fake
// user memory with an unmapped hole) on a ramfs-rooted VFS and on an ext4 image made by
// mkfs.ext4: errno values as Linux gives them, struct layouts, descriptor leaks.
#include "test_file_hooks.h"  // first: see there
#include "fake_user_memory.h"
#include "test_ext4_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace sis;
using namespace sis::proc;
using namespace sis::proc::test;
namespace L = sis::proc::linux;

namespace {

struct SysFileTest : ::testing::Test {
  fs::RamFs ram;
  fs::Vfs vfs;
  FakeUserMemory mem;
  FileTable* files = nullptr;
  SyscallContext c;

  void SetUp() override {
    hooks().reset();
    ASSERT_EQ(ram.init(), Error::Ok);
    ASSERT_EQ(vfs.mount("/", &ram, "ramfs"), Error::Ok);
    set_file_vfs(&vfs);
    files = new FileTable;
    c = {&mem, files, nullptr};
  }
  void TearDown() override {
    delete files;
    set_file_vfs(nullptr);
    EXPECT_EQ(File::live_count(), 0u) << "a File leaked";
    EXPECT_EQ(live_pipe_count(), 0u);
    EXPECT_EQ(vfs.open_count(), 0u) << "a VFS descriptor leaked";
  }

  i64 call(u32 nr, u64 a0 = 0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0, u64 a4 = 0, u64 a5 = 0) {
    SyscallGroup g = file_syscalls();
    for (usize i = 0; i < g.count; ++i)
      if (g.entries[i].nr == nr) {
        SyscallArgs a{{a0, a1, a2, a3, a4, a5}};
        return g.entries[i].fn(c, a);
      }
    ADD_FAILURE() << "no handler for syscall " << nr;
    return -9999;
  }
  i64 open(const std::string& path, u32 flags, u32 mode = 0644, i64 dirfd = kAT_FDCWD) {
    return call(nr::openat, static_cast<u64>(dirfd), mem.str(path), flags, mode);
  }
  i64 write(i64 fd, const std::string& s) { return call(nr::write, fd, mem.bytes(s), s.size()); }
  std::string read(i64 fd, usize n) {
    u64 buf = mem.alloc(n);
    i64 r = call(nr::read, fd, buf, n);
    if (r < 0) return "<errno " + std::to_string(-r) + ">";
    return mem.read(buf, static_cast<usize>(r));
  }
  i64 mkdir(const std::string& p, u32 mode = 0755) { return call(nr::mkdirat, kAT_FDCWD, mem.str(p), mode); }
  std::string put(const std::string& path, const std::string& data) {
    i64 fd = open(path, kO_WRONLY | kO_CREAT | kO_TRUNC);
    if (fd < 0) return "open " + std::to_string(-fd);
    i64 n = write(fd, data);
    call(nr::close, fd);
    return n == static_cast<i64>(data.size()) ? "ok" : "write " + std::to_string(n);
  }
  L::stat stat(const std::string& path, u32 flags = 0) {
    u64 buf = mem.alloc(sizeof(L::stat));
    L::stat s{};
    i64 r = call(nr::newfstatat, kAT_FDCWD, mem.str(path), buf, flags);
    EXPECT_EQ(r, 0) << path;
    memcpy(&s, mem.at(buf), sizeof(s));
    return s;
  }
  // getdents64 with a buffer of cap bytes, repeated until the end: names and d_types.
  std::vector<std::string> list(i64 fd, usize cap, int* calls = nullptr) {
    std::vector<std::string> out;
    u64 buf = mem.alloc(cap);
    for (int i = 0; i < 1000; ++i) {
      i64 n = call(nr::getdents64, fd, buf, cap);
      if (n <= 0) {
        EXPECT_EQ(n, 0);
        break;
      }
      if (calls) ++*calls;
      for (i64 off = 0; off < n;) {
        L::linux_dirent64_header h;
        memcpy(&h, mem.at(buf + off), sizeof(h));
        EXPECT_EQ(h.d_reclen % 8, 0);
        std::string name(reinterpret_cast<char*>(mem.at(buf + off + L::kDirent64NameOffset)));
        out.push_back(name + ":" + std::to_string(h.d_type));
        off += h.d_reclen;
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(SysFileTest, OpenCreatesWritesReadsAndSeeks) {
  i64 fd = open("/f", kO_RDWR | kO_CREAT);
  ASSERT_EQ(fd, 0);
  EXPECT_EQ(write(fd, "hello world"), 11);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_CUR), 11);
  EXPECT_EQ(call(nr::lseek, fd, 6, kSEEK_SET), 6);
  EXPECT_EQ(read(fd, 100), "world");
  EXPECT_EQ(read(fd, 100), "");
  EXPECT_EQ(call(nr::lseek, fd, static_cast<u64>(-5), kSEEK_END), 6);
  EXPECT_EQ(call(nr::lseek, fd, static_cast<u64>(-100), kSEEK_END), -EINVAL);
  EXPECT_EQ(call(nr::lseek, fd, 0, 7), -EINVAL);
  u64 buf = mem.alloc(5);
  EXPECT_EQ(call(nr::pread64, fd, buf, 5, 0), 5);
  EXPECT_EQ(mem.read(buf, 5), "hello");
  EXPECT_EQ(call(nr::pwrite64, fd, mem.bytes("J"), 1, 0), 1);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_CUR), 6) << "pread/pwrite leave the offset alone";
  EXPECT_EQ(call(nr::close, fd), 0);
  EXPECT_EQ(call(nr::close, fd), -EBADF);
  fd = open("/f", kO_RDONLY);
  EXPECT_EQ(read(fd, 100), "Jello world");
}

TEST_F(SysFileTest, OpenErrorsMatchLinux) {
  ASSERT_EQ(put("/file", "x"), "ok");
  ASSERT_EQ(mkdir("/dir"), 0);
  EXPECT_EQ(open("/missing", kO_RDONLY), -ENOENT);
  EXPECT_EQ(open("/missing/x", kO_RDONLY | kO_CREAT), -ENOENT);
  EXPECT_EQ(open("/file", kO_RDONLY | kO_CREAT | kO_EXCL), -EEXIST);
  EXPECT_EQ(open("/file/x", kO_RDONLY), -ENOTDIR);
  EXPECT_EQ(open("/file", kO_RDONLY | kO_DIRECTORY), -ENOTDIR);
  EXPECT_EQ(open("/dir", kO_WRONLY), -EISDIR);
  EXPECT_EQ(open("/dir", kO_RDWR), -EISDIR);
  EXPECT_EQ(open("/new/", kO_WRONLY | kO_CREAT), -EISDIR);
  EXPECT_EQ(open("", kO_RDONLY), -ENOENT);
  EXPECT_EQ(open("rel", kO_RDONLY, 0, 42), -EBADF);
  EXPECT_EQ(call(nr::openat, kAT_FDCWD, FakeUserMemory::kHole, kO_RDONLY, 0), -EFAULT);
  std::string long_name(300, 'n');
  EXPECT_EQ(open("/" + long_name, kO_RDONLY | kO_CREAT), -ENAMETOOLONG);
  i64 fd = open("/dir", kO_RDONLY | kO_DIRECTORY);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(read(fd, 10), "<errno " + std::to_string(EISDIR) + ">");
}

TEST_F(SysFileTest, CreateAppliesTheUmaskAndTruncateEmptiesTheFile) {
  EXPECT_EQ(call(nr::umask, 027), 022);
  i64 fd = open("/m", kO_WRONLY | kO_CREAT, 0777);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(stat("/m").st_mode, kS_IFREG | 0750);
  EXPECT_EQ(write(fd, "0123456789"), 10);
  fd = open("/m", kO_WRONLY | kO_TRUNC);
  EXPECT_EQ(stat("/m").st_size, 0);
  EXPECT_EQ(write(fd, "ab"), 2);
  EXPECT_EQ(call(nr::ftruncate, fd, 5), 0);
  EXPECT_EQ(stat("/m").st_size, 5);
  EXPECT_EQ(call(nr::ftruncate, fd, static_cast<u64>(-1)), -EINVAL);
  i64 ro = open("/m", kO_RDONLY);
  EXPECT_EQ(call(nr::ftruncate, ro, 0), -EINVAL);
}

TEST_F(SysFileTest, AppendWritesAtTheEndWhateverTheOffset) {
  ASSERT_EQ(put("/log", "one\n"), "ok");
  i64 fd = open("/log", kO_WRONLY | kO_APPEND);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_SET), 0);
  EXPECT_EQ(write(fd, "two\n"), 4);
  i64 r = open("/log", kO_RDONLY);
  EXPECT_EQ(read(r, 100), "one\ntwo\n");
  EXPECT_EQ(call(nr::fcntl, fd, kF_GETFL), kO_WRONLY | kO_APPEND | kO_LARGEFILE);
}

TEST_F(SysFileTest, AccessModesAreEnforced) {
  ASSERT_EQ(put("/f", "data"), "ok");
  i64 ro = open("/f", kO_RDONLY), wo = open("/f", kO_WRONLY);
  EXPECT_EQ(write(ro, "x"), -EBADF);
  EXPECT_EQ(read(wo, 1), "<errno " + std::to_string(EBADF) + ">");
  EXPECT_EQ(read(99, 1), "<errno " + std::to_string(EBADF) + ">");
}

TEST_F(SysFileTest, BadUserBuffersAreEfaultAndLoseNothing) {
  ASSERT_EQ(put("/f", "abcdef"), "ok");
  i64 fd = open("/f", kO_RDWR);
  EXPECT_EQ(call(nr::read, fd, FakeUserMemory::kHole, 4), -EFAULT);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_CUR), 0) << "a faulting read consumed nothing";
  EXPECT_EQ(call(nr::write, fd, FakeUserMemory::kHole, 4), -EFAULT);
  EXPECT_EQ(call(nr::fstat, fd, FakeUserMemory::kHole), -EFAULT);
  EXPECT_EQ(call(nr::newfstatat, kAT_FDCWD, mem.str("/f"), FakeUserMemory::kHole, 0), -EFAULT);
  EXPECT_EQ(call(nr::getcwd, FakeUserMemory::kHole, 100), -EFAULT);
  EXPECT_EQ(call(nr::pipe2, FakeUserMemory::kHole, 0), -EFAULT);
  EXPECT_EQ(files->open_count(), 1u) << "pipe2 closed both ends after the fault";
  // A buffer running into the hole: nothing is returned and the offset stays.
  u64 edge = FakeUserMemory::kHole - 2;
  EXPECT_EQ(call(nr::read, fd, edge, 6), -EFAULT);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_CUR), 0);
  EXPECT_EQ(read(fd, 100), "abcdef");
}

TEST_F(SysFileTest, FstatFillsTheArm64StructStat) {
  ASSERT_EQ(put("/s", std::string(5000, 'z')), "ok");
  i64 fd = open("/s", kO_RDONLY);
  u64 buf = mem.alloc(128);
  memset(mem.at(buf), 0xAA, 128);
  ASSERT_EQ(call(nr::fstat, fd, buf), 0);
  const u8* b = mem.at(buf);
  // Offsets from asm-generic/stat.h: st_mode at 16, st_nlink 20, st_size 48, st_blksize 56.
  EXPECT_EQ(ld32(b + 16), kS_IFREG | 0644);
  EXPECT_EQ(ld32(b + 20), 1u);
  EXPECT_EQ(ld64(b + 48), 5000u);
  EXPECT_EQ(ld32(b + 56), 4096u);
  EXPECT_NE(ld64(b + 8), 0u);  // st_ino
  EXPECT_EQ(ld64(b + 8), stat("/s").st_ino);
  EXPECT_EQ(ld32(b + 120), 0u) << "padding is zeroed, not left as it was";
}

TEST_F(SysFileTest, NewfstatatFollowsOrNotAndTakesEmptyPaths) {
  ASSERT_EQ(put("/target", "abc"), "ok");
  ASSERT_EQ(call(nr::symlinkat, mem.str("/target"), kAT_FDCWD, mem.str("/link")), 0);
  EXPECT_EQ(stat("/link").st_mode & kS_IFMT, kS_IFREG);
  EXPECT_EQ(stat("/link", kAT_SYMLINK_NOFOLLOW).st_mode & kS_IFMT, kS_IFLNK);
  EXPECT_EQ(stat("/link", kAT_SYMLINK_NOFOLLOW).st_size, 7);
  i64 fd = open("/target", kO_RDONLY);
  u64 buf = mem.alloc(128);
  EXPECT_EQ(call(nr::newfstatat, fd, mem.str(""), buf, 0), -ENOENT);
  EXPECT_EQ(call(nr::newfstatat, fd, mem.str(""), buf, kAT_EMPTY_PATH), 0);
  EXPECT_EQ(ld64(mem.at(buf) + 48), 3u);
  EXPECT_EQ(call(nr::newfstatat, kAT_FDCWD, mem.str("/target"), buf, 0x1), -EINVAL);
  EXPECT_EQ(open("/link", kO_RDONLY | kO_NOFOLLOW), -ELOOP);
}

TEST_F(SysFileTest, StatxReportsBasicStats) {
  ASSERT_EQ(put("/x", "12345"), "ok");
  u64 buf = mem.alloc(256);
  ASSERT_EQ(call(nr::statx, kAT_FDCWD, mem.str("/x"), 0, kSTATX_BASIC_STATS, buf), 0);
  const u8* b = mem.at(buf);
  EXPECT_EQ(ld32(b) & kSTATX_BASIC_STATS, kSTATX_BASIC_STATS);  // stx_mask
  EXPECT_EQ(ld16(b + 28), kS_IFREG | 0644);                       // stx_mode
  EXPECT_EQ(ld64(b + 40), 5u);                                      // stx_size
  EXPECT_EQ(ld64(b + 32), stat("/x").st_ino);                       // stx_ino
  EXPECT_EQ(call(nr::statx, kAT_FDCWD, mem.str("/x"), 0x6000, 0, buf), -EINVAL);
  EXPECT_EQ(call(nr::statx, kAT_FDCWD, mem.str("/x"), 0, 0x80000000u, buf), -EINVAL);
  EXPECT_EQ(call(nr::statx, kAT_FDCWD, mem.str("/nope"), 0, 0, buf), -ENOENT);
}

TEST_F(SysFileTest, GetdentsListsEveryEntryAcrossSmallBuffers) {
  ASSERT_EQ(mkdir("/d"), 0);
  std::vector<std::string> want = {".:4", "..:4", "sub:4"};
  ASSERT_EQ(mkdir("/d/sub"), 0);
  for (int i = 0; i < 40; ++i) {
    std::string n = "file-with-a-longish-name-" + std::to_string(i);
    ASSERT_EQ(put("/d/" + n, "x"), "ok");
    want.push_back(n + ":8");
  }
  ASSERT_EQ(call(nr::symlinkat, mem.str("sub"), kAT_FDCWD, mem.str("/d/ln")), 0);
  want.push_back("ln:10");
  std::sort(want.begin(), want.end());
  i64 fd = open("/d", kO_RDONLY | kO_DIRECTORY);
  int calls = 0;
  EXPECT_EQ(list(fd, 100, &calls), want);
  EXPECT_GT(calls, 10) << "a 100-byte buffer holds two records at most";
  // Rewind and list again with a large buffer.
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_SET), 0);
  EXPECT_EQ(list(fd, 32768), want);
  u64 tiny = mem.alloc(8);
  EXPECT_EQ(call(nr::lseek, fd, 0, kSEEK_SET), 0);
  EXPECT_EQ(call(nr::getdents64, fd, tiny, 8), -EINVAL);
  i64 f = open("/d/ln/../x", kO_RDONLY);
  EXPECT_EQ(f, -ENOENT);
  i64 file = open("/d/file-with-a-longish-name-1", kO_RDONLY);
  EXPECT_EQ(call(nr::getdents64, file, tiny, 8), -ENOTDIR);
}

TEST_F(SysFileTest, GetdentsOffsetsResumeAfterAnEntry) {
  ASSERT_EQ(mkdir("/d"), 0);
  for (const char* n : {"a", "b", "c"}) ASSERT_EQ(put(std::string("/d/") + n, ""), "ok");
  i64 fd = open("/d", kO_RDONLY);
  u64 buf = mem.alloc(4096);
  i64 n = call(nr::getdents64, fd, buf, 4096);
  ASSERT_GT(n, 0);
  // The second record's d_off, used with lseek, lists from the third record on.
  L::linux_dirent64_header first, second;
  memcpy(&first, mem.at(buf), sizeof(first));
  memcpy(&second, mem.at(buf + first.d_reclen), sizeof(second));
  std::string third(reinterpret_cast<char*>(mem.at(buf + first.d_reclen + second.d_reclen + L::kDirent64NameOffset)));
  EXPECT_EQ(call(nr::lseek, fd, static_cast<u64>(second.d_off), kSEEK_SET), second.d_off);
  ASSERT_GT(call(nr::getdents64, fd, buf, 4096), 0);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(mem.at(buf + L::kDirent64NameOffset))), third);
}

TEST_F(SysFileTest, MkdirUnlinkRmdirErrorsMatchLinux) {
  ASSERT_EQ(mkdir("/d"), 0);
  EXPECT_EQ(mkdir("/d"), -EEXIST);
  EXPECT_EQ(mkdir("/"), -EEXIST);
  EXPECT_EQ(mkdir("/nope/x"), -ENOENT);
  ASSERT_EQ(put("/d/f", "x"), "ok");
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d"), 0), -EISDIR);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d"), kAT_REMOVEDIR), -ENOTEMPTY);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d/f"), kAT_REMOVEDIR), -ENOTDIR);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d/."), kAT_REMOVEDIR), -EINVAL);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d/f"), 0x1), -EINVAL);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d/f"), 0), 0);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d/f"), 0), -ENOENT);
  EXPECT_EQ(call(nr::unlinkat, kAT_FDCWD, mem.str("/d"), kAT_REMOVEDIR), 0);
}

TEST_F(SysFileTest, RenameMovesAndNoreplaceRefuses) {
  ASSERT_EQ(put("/a", "A"), "ok");
  ASSERT_EQ(put("/b", "B"), "ok");
  EXPECT_EQ(call(nr::renameat2, kAT_FDCWD, mem.str("/a"), kAT_FDCWD, mem.str("/b"), kRENAME_NOREPLACE), -EEXIST);
  EXPECT_EQ(call(nr::renameat2, kAT_FDCWD, mem.str("/a"), kAT_FDCWD, mem.str("/b"), kRENAME_EXCHANGE), -EINVAL);
  EXPECT_EQ(call(nr::renameat, kAT_FDCWD, mem.str("/a"), kAT_FDCWD, mem.str("/b")), 0);
  EXPECT_EQ(read(open("/b", kO_RDONLY), 10), "A");
  EXPECT_EQ(call(nr::renameat, kAT_FDCWD, mem.str("/a"), kAT_FDCWD, mem.str("/c")), -ENOENT);
  ASSERT_EQ(mkdir("/dir"), 0);
  EXPECT_EQ(call(nr::renameat, kAT_FDCWD, mem.str("/dir"), kAT_FDCWD, mem.str("/b")), -ENOTDIR);
  EXPECT_EQ(call(nr::renameat, kAT_FDCWD, mem.str("/b"), kAT_FDCWD, mem.str("/dir")), -EISDIR);
}

TEST_F(SysFileTest, SymlinksAndReadlink) {
  ASSERT_EQ(call(nr::symlinkat, mem.str("some/target"), kAT_FDCWD, mem.str("/l")), 0);
  EXPECT_EQ(call(nr::symlinkat, mem.str("x"), kAT_FDCWD, mem.str("/l")), -EEXIST);
  EXPECT_EQ(call(nr::symlinkat, mem.str(""), kAT_FDCWD, mem.str("/e")), -ENOENT);
  u64 buf = mem.alloc(64);
  EXPECT_EQ(call(nr::readlinkat, kAT_FDCWD, mem.str("/l"), buf, 64), 11);
  EXPECT_EQ(mem.read(buf, 11), "some/target");
  EXPECT_EQ(call(nr::readlinkat, kAT_FDCWD, mem.str("/l"), buf, 4), 4) << "truncated, not terminated";
  EXPECT_EQ(call(nr::readlinkat, kAT_FDCWD, mem.str("/l"), buf, 0), -EINVAL);
  ASSERT_EQ(put("/f", ""), "ok");
  EXPECT_EQ(call(nr::readlinkat, kAT_FDCWD, mem.str("/f"), buf, 64), -EINVAL);
}

TEST_F(SysFileTest, LinkatIsRefusedAsOnAFileSystemWithoutHardLinks) {
  ASSERT_EQ(put("/f", "x"), "ok");
  EXPECT_EQ(call(nr::linkat, kAT_FDCWD, mem.str("/missing"), kAT_FDCWD, mem.str("/g"), 0), -ENOENT);
  EXPECT_EQ(call(nr::linkat, kAT_FDCWD, mem.str("/f"), kAT_FDCWD, mem.str("/f"), 0), -EEXIST);
  EXPECT_EQ(call(nr::linkat, kAT_FDCWD, mem.str("/f"), kAT_FDCWD, mem.str("/g"), 0), -EPERM);
}

TEST_F(SysFileTest, CwdRelativeAndDirfdRelativePaths) {
  ASSERT_EQ(mkdir("/home"), 0);
  ASSERT_EQ(mkdir("/home/u"), 0);
  EXPECT_EQ(call(nr::chdir, mem.str("home/u")), 0);
  u64 buf = mem.alloc(64);
  EXPECT_EQ(call(nr::getcwd, buf, 64), 8);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(mem.at(buf))), "/home/u");
  EXPECT_EQ(call(nr::getcwd, buf, 7), -ERANGE) << "7 bytes cannot hold \"/home/u\" and its NUL";
  ASSERT_EQ(put("notes", "n"), "ok");
  EXPECT_EQ(stat("/home/u/notes").st_size, 1);
  EXPECT_EQ(call(nr::chdir, mem.str("..")), 0);
  EXPECT_EQ(call(nr::getcwd, buf, 64), 6);
  EXPECT_EQ(call(nr::chdir, mem.str("u/notes")), -ENOTDIR);
  EXPECT_EQ(call(nr::chdir, mem.str("nope")), -ENOENT);
  i64 dfd = open("/home/u", kO_RDONLY | kO_DIRECTORY);
  ASSERT_GE(dfd, 0);
  i64 fd = open("notes", kO_RDONLY, 0, dfd);
  EXPECT_EQ(read(fd, 10), "n");
  EXPECT_EQ(open("notes", kO_RDONLY, 0, fd), -ENOTDIR) << "a file as dirfd";
  EXPECT_EQ(open("/home/u/notes", kO_RDONLY, 0, fd), fd + 1) << "absolute paths ignore dirfd";
  EXPECT_EQ(call(nr::fchdir, dfd), 0);
  EXPECT_EQ(call(nr::getcwd, buf, 64), 8);
  EXPECT_EQ(call(nr::fchdir, fd), -ENOTDIR);
}

TEST_F(SysFileTest, AccessReportsExistenceAndExecuteBitsForRoot) {
  ASSERT_EQ(put("/f", "x"), "ok");
  EXPECT_EQ(call(nr::faccessat, kAT_FDCWD, mem.str("/f"), kR_OK | kW_OK), 0);
  EXPECT_EQ(call(nr::faccessat, kAT_FDCWD, mem.str("/f"), kX_OK), -EACCES);
  EXPECT_EQ(call(nr::faccessat, kAT_FDCWD, mem.str("/"), kX_OK), 0);
  EXPECT_EQ(call(nr::faccessat, kAT_FDCWD, mem.str("/none"), kF_OK), -ENOENT);
  EXPECT_EQ(call(nr::faccessat, kAT_FDCWD, mem.str("/f"), 8), -EINVAL);
  EXPECT_EQ(call(nr::faccessat2, kAT_FDCWD, mem.str("/f"), 0, 0x4), -EINVAL);
  EXPECT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/f"), 0644), 0) << "the mode it has";
  EXPECT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/none"), 0644), -ENOENT);
}

TEST_F(SysFileTest, PipesThroughTheSystemCalls) {
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, kO_CLOEXEC), 0);
  i32 r = ld32_signed(mem.at(fds)), w = ld32_signed(mem.at(fds + 4));
  EXPECT_EQ(r, 0);
  EXPECT_EQ(w, 1);
  EXPECT_EQ(call(nr::fcntl, r, kF_GETFD), kFD_CLOEXEC);
  EXPECT_EQ(write(w, "ping"), 4);
  EXPECT_EQ(read(r, 10), "ping");
  EXPECT_EQ(call(nr::lseek, r, 0, kSEEK_SET), -ESPIPE);
  EXPECT_EQ(call(nr::pread64, r, mem.alloc(4), 4, 0), -ESPIPE);
  EXPECT_EQ(call(nr::fsync, w), -EINVAL);
  EXPECT_EQ(call(nr::ioctl, r, kTCGETS, mem.alloc(64)), -ENOTTY);
  EXPECT_EQ(call(nr::pipe2, fds, 0x1), -EINVAL);
  // Nonblocking read of an empty pipe, then EOF once the writer is closed.
  EXPECT_EQ(call(nr::fcntl, r, kF_SETFL, kO_NONBLOCK), 0);
  EXPECT_EQ(read(r, 10), "<errno " + std::to_string(EAGAIN) + ">");
  EXPECT_EQ(call(nr::close, w), 0);
  EXPECT_EQ(read(r, 10), "");
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  r = ld32_signed(mem.at(fds));
  w = ld32_signed(mem.at(fds + 4));
  EXPECT_EQ(call(nr::close, r), 0);
  EXPECT_EQ(write(w, "x"), -EPIPE);
}

TEST_F(SysFileTest, ABlockingPipeReadWaitsAndASignalInterruptsIt) {
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  i32 r = ld32_signed(mem.at(fds)), w = ld32_signed(mem.at(fds + 4));
  hooks().on_block.push_back([&] { EXPECT_EQ(write(w, "late"), 4); });
  EXPECT_EQ(read(r, 100), "late");
  hooks().on_block.push_back([&] { hooks().signal_pending = true; });
  EXPECT_EQ(read(r, 100), "<errno " + std::to_string(EINTR) + ">");
}

TEST_F(SysFileTest, WritevToAPipeIsOneAtomicWriteAndReadvScatters) {
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  i32 r = ld32_signed(mem.at(fds)), w = ld32_signed(mem.at(fds + 4));
  u64 iov = mem.alloc(32);
  st64(mem.at(iov), mem.bytes("abc"));
  st64(mem.at(iov + 8), 3);
  st64(mem.at(iov + 16), mem.bytes("defg"));
  st64(mem.at(iov + 24), 4);
  EXPECT_EQ(call(nr::writev, w, iov, 2), 7);
  u64 b1 = mem.alloc(2), b2 = mem.alloc(10);
  st64(mem.at(iov), b1);
  st64(mem.at(iov + 8), 2);
  st64(mem.at(iov + 16), b2);
  st64(mem.at(iov + 24), 10);
  EXPECT_EQ(call(nr::readv, r, iov, 2), 7);
  EXPECT_EQ(mem.read(b1, 2), "ab");
  EXPECT_EQ(mem.read(b2, 5), "cdefg");
  EXPECT_EQ(call(nr::writev, w, iov, 2000), -EINVAL);
  EXPECT_EQ(call(nr::writev, w, FakeUserMemory::kHole, 1), -EFAULT);
}

TEST_F(SysFileTest, DupDup3AndFcntl) {
  ASSERT_EQ(put("/f", "0123"), "ok");
  i64 fd = open("/f", kO_RDONLY);
  i64 d = call(nr::dup, fd);
  EXPECT_EQ(d, fd + 1);
  EXPECT_EQ(read(fd, 2), "01");
  EXPECT_EQ(read(d, 2), "23") << "dup shares the offset";
  EXPECT_EQ(call(nr::dup3, fd, fd, 0), -EINVAL);
  EXPECT_EQ(call(nr::dup3, 60, 60, 0), -EINVAL) << "same fd comes before a bad fd, as on Linux";
  EXPECT_EQ(call(nr::dup3, fd, 10, 0x1), -EINVAL);
  EXPECT_EQ(call(nr::dup3, 77, 10, 0), -EBADF);
  EXPECT_EQ(call(nr::dup3, fd, 100000, 0), -EBADF);
  EXPECT_EQ(call(nr::dup3, fd, 10, kO_CLOEXEC), 10);
  EXPECT_EQ(call(nr::fcntl, 10, kF_GETFD), kFD_CLOEXEC);
  EXPECT_EQ(call(nr::fcntl, 10, kF_SETFD, 0), 0);
  EXPECT_EQ(call(nr::fcntl, 10, kF_GETFD), 0);
  EXPECT_EQ(call(nr::fcntl, fd, kF_DUPFD, 20), 20);
  EXPECT_EQ(call(nr::fcntl, fd, kF_DUPFD_CLOEXEC, 20), 21);
  EXPECT_EQ(call(nr::fcntl, 21, kF_GETFD), kFD_CLOEXEC);
  EXPECT_EQ(call(nr::fcntl, fd, kF_DUPFD, static_cast<u64>(-1)), -EINVAL);
  EXPECT_EQ(call(nr::fcntl, fd, 9999), -EINVAL);
  EXPECT_EQ(call(nr::fcntl, 55, kF_GETFL), -EBADF);
  files->close_on_exec();
  EXPECT_EQ(call(nr::fcntl, 21, kF_GETFD), -EBADF);
  EXPECT_EQ(call(nr::fcntl, 20, kF_GETFD), 0);
}

TEST_F(SysFileTest, TooManyOpenFilesIsEmfile) {
  ASSERT_EQ(put("/f", ""), "ok");
  for (int i = 0; i < FileTable::kMaxFds; ++i) ASSERT_EQ(open("/f", kO_RDONLY), i);
  EXPECT_EQ(open("/f", kO_RDONLY), -EMFILE);
  EXPECT_EQ(call(nr::dup, 0), -EMFILE);
}

TEST_F(SysFileTest, DevNullAndZero) {
  i64 n = open("/dev/null", kO_RDWR);
  ASSERT_GE(n, 0);
  EXPECT_EQ(write(n, "gone"), 4);
  EXPECT_EQ(read(n, 10), "");
  i64 z = open("/dev/zero", kO_RDONLY);
  EXPECT_EQ(read(z, 3), std::string(3, '\0'));
  EXPECT_EQ(stat("/dev/null").st_mode & kS_IFMT, kS_IFCHR);
  EXPECT_EQ(open("/dev/tty", kO_RDWR), -ENOENT) << "no tty opener registered in this test";
}

TEST_F(SysFileTest, SyncAndFsyncSucceedOnFiles) {
  ASSERT_EQ(put("/f", "x"), "ok");
  i64 fd = open("/f", kO_RDONLY);
  EXPECT_EQ(call(nr::fsync, fd), 0);
  EXPECT_EQ(call(nr::fdatasync, fd), 0);
  EXPECT_EQ(call(nr::sync), 0);
  EXPECT_EQ(call(nr::fsync, 40), -EBADF);
}

// ppoll: struct pollfd {int fd; short events, revents;}, POLLIN 1, POLLOUT 4, POLLHUP 0x10,
// POLLNVAL 0x20.
TEST_F(SysFileTest, PpollReportsReadinessAndWaitsForAPipe) {
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  i32 r = ld32_signed(mem.at(fds)), w = ld32_signed(mem.at(fds + 4));
  ASSERT_EQ(put("/f", "x"), "ok");
  i64 f = open("/f", kO_RDONLY);
  u64 pfd = mem.alloc(32);
  auto set = [&](int i, i32 fd, u16 events) {
    st32(mem.at(pfd + 8 * i), static_cast<u32>(fd));
    st16(mem.at(pfd + 8 * i + 4), static_cast<u16>(events));
    st16(mem.at(pfd + 8 * i + 6), 0x7777);
  };
  auto revents = [&](int i) { return ld16(mem.at(pfd + 8 * i + 6)); };
  u64 zero = mem.alloc(16);  // timespec {0, 0}
  set(0, r, 1);
  set(1, w, 4);
  set(2, f, 1);
  set(3, 99, 1);
  EXPECT_EQ(call(nr::ppoll, pfd, 4, zero, 0, 0), 3);
  EXPECT_EQ(revents(0), 0);
  EXPECT_EQ(revents(1), 4);
  EXPECT_EQ(revents(2), 1);
  EXPECT_EQ(revents(3), 0x20);
  // Only the empty read end: times out at once with {0,0}, waits without a timeout.
  set(0, r, 1);
  EXPECT_EQ(call(nr::ppoll, pfd, 1, zero, 0, 0), 0);
  hooks().on_block.push_back([&] { EXPECT_EQ(write(w, "k"), 1); });
  EXPECT_EQ(call(nr::ppoll, pfd, 1, 0, 0, 0), 1);
  EXPECT_EQ(revents(0), 1);
  EXPECT_EQ(read(r, 10), "k");
  hooks().on_block.push_back([&] { hooks().signal_pending = true; });
  EXPECT_EQ(call(nr::ppoll, pfd, 1, 0, 0, 0), -EINTR);
  hooks().signal_pending = false;
  EXPECT_EQ(call(nr::close, w), 0);
  EXPECT_EQ(call(nr::ppoll, pfd, 1, zero, 0, 0), 1);
  EXPECT_EQ(revents(0), 0x11) << "POLLIN | POLLHUP once the writer is gone";
  EXPECT_EQ(call(nr::ppoll, FakeUserMemory::kHole, 1, zero, 0, 0), -EFAULT);
  EXPECT_EQ(call(nr::ppoll, pfd, 100000, zero, 0, 0), -EINVAL);
}

TEST_F(SysFileTest, SendfileCopiesBetweenFilesAndIntoPipes) {
  ASSERT_EQ(put("/src", "0123456789"), "ok");
  i64 in = open("/src", kO_RDONLY), out = open("/dst", kO_WRONLY | kO_CREAT);
  EXPECT_EQ(call(nr::sendfile, out, in, 0, 4), 4);
  EXPECT_EQ(call(nr::lseek, in, 0, kSEEK_CUR), 4);
  u64 off = mem.alloc(8);
  st64(mem.at(off), 8);
  EXPECT_EQ(call(nr::sendfile, out, in, off, 100), 2);
  EXPECT_EQ(ld64(mem.at(off)), 10u);
  EXPECT_EQ(call(nr::lseek, in, 0, kSEEK_CUR), 4) << "with an offset pointer the file offset stays";
  EXPECT_EQ(read(open("/dst", kO_RDONLY), 100), "012389");
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  i32 r = ld32_signed(mem.at(fds)), w = ld32_signed(mem.at(fds + 4));
  EXPECT_EQ(call(nr::sendfile, w, in, 0, 100), 6);
  EXPECT_EQ(read(r, 100), "456789");
  EXPECT_EQ(call(nr::sendfile, in, r, 0, 1), -EBADF) << "in is read-only, out must be writable";
  EXPECT_EQ(call(nr::sendfile, out, 77, 0, 1), -EBADF);
}

// struct statfs (asm-generic, 64-bit words): f_type at 0, f_bsize 8, f_blocks 16,
// f_namelen 64, f_flags 80.
TEST_F(SysFileTest, StatfsDescribesTheFileSystem) {
  u64 buf = mem.alloc(120);
  ASSERT_EQ(call(nr::statfs, mem.str("/"), buf), 0);
  EXPECT_EQ(ld64(mem.at(buf)), 0x858458f6u);  // RAMFS_MAGIC
  EXPECT_GT(ld64(mem.at(buf + 8)), 0u);
  EXPECT_GT(ld64(mem.at(buf + 16)), 0u);
  EXPECT_EQ(ld64(mem.at(buf + 64)), 255u);
  EXPECT_EQ(ld64(mem.at(buf + 80)), 0u);
  i64 fd = open("/", kO_RDONLY);
  u64 buf2 = mem.alloc(120);
  ASSERT_EQ(call(nr::fstatfs, fd, buf2), 0);
  EXPECT_EQ(mem.read(buf, 120), mem.read(buf2, 120));
  EXPECT_EQ(call(nr::statfs, mem.str("/nope"), buf), -ENOENT);
  EXPECT_EQ(call(nr::statfs, mem.str("/"), FakeUserMemory::kHole), -EFAULT);
}

TEST_F(SysFileTest, FchmodAndFchmodatChangeThePermissionBitsOnly) {
  ASSERT_EQ(put("/f", ""), "ok");
  i64 fd = open("/f", kO_RDONLY);
  EXPECT_EQ(call(nr::fchmod, fd, 0600), 0);
  EXPECT_EQ(vfs.stat("/f").value().mode, fs::kModeReg | 0600u);
  EXPECT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/f"), 0104755), 0) << "type bits in the argument are ignored";
  EXPECT_EQ(vfs.stat("/f").value().mode, fs::kModeReg | 04755u);
  EXPECT_EQ(call(nr::fchmod, 50, 0600), -EBADF);
  EXPECT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/dev/null"), 0600), -EPERM);
}

TEST_F(SysFileTest, DescriptorsDescribeWhatTheyAre) {
  ASSERT_EQ(mkdir("/d"), 0);
  ASSERT_EQ(call(nr::chdir, mem.str("/d")), 0);
  i64 f = open("./x/../f", kO_WRONLY | kO_CREAT);
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);
  i64 n = open("/dev/null", kO_RDWR);
  auto desc = [&](i64 fd) {
    char buf[64];
    File* file = files->get(static_cast<int>(fd)).value();
    usize len = file->describe(buf, sizeof buf);
    EXPECT_EQ(len, strlen(buf));
    return std::string(buf);
  };
  EXPECT_EQ(f, -ENOENT) << "x does not exist, so x/.. cannot be walked";
  f = open("f", kO_WRONLY | kO_CREAT);
  EXPECT_EQ(desc(f), "/d/f");
  std::string r = desc(ld32_signed(mem.at(fds))), w = desc(ld32_signed(mem.at(fds + 4)));
  EXPECT_EQ(r.substr(0, 6), "pipe:[");
  EXPECT_EQ(r.substr(r.size() - 5), " read");
  EXPECT_EQ(w.substr(w.size() - 6), " write");
  EXPECT_EQ(desc(n), "/dev/null");
  char tiny[4];
  EXPECT_EQ(files->get(static_cast<int>(f)).value()->describe(tiny, sizeof tiny), 3u);
  EXPECT_STREQ(tiny, "/d/");
}

TEST_F(SysFileTest, ChownSetsOwnersAndClearsSetIdBitsLikeLinux) {
  ASSERT_EQ(put("/f", ""), "ok");
  ASSERT_EQ(call(nr::symlinkat, mem.str("/missing"), kAT_FDCWD, mem.str("/dangling")), 0);
  ASSERT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/f"), 06755), 0);
  EXPECT_EQ(call(nr::fchownat, kAT_FDCWD, mem.str("/f"), 1000, ~0u, 0), 0);
  fs::Stat st = vfs.stat("/f").value();
  EXPECT_EQ(st.uid, 1000u);
  EXPECT_EQ(st.gid, 0u) << "-1 leaves an id alone";
  EXPECT_EQ(st.mode & 07777, 0755u) << "set-user-ID and (group-executable) set-group-ID cleared";
  ASSERT_EQ(call(nr::fchmodat, kAT_FDCWD, mem.str("/f"), 02745), 0);  // not group-executable
  EXPECT_EQ(call(nr::fchownat, kAT_FDCWD, mem.str("/f"), ~0u, 7, 0), 0);
  EXPECT_EQ(vfs.stat("/f").value().mode & 07777, 02745u) << "mandatory-locking set-group-ID stays";
  EXPECT_EQ(call(nr::fchownat, kAT_FDCWD, mem.str("/dangling"), 0, 0, 0), -ENOENT);
  EXPECT_EQ(call(nr::fchownat, kAT_FDCWD, mem.str("/dangling"), 5, 6, kAT_SYMLINK_NOFOLLOW), 0);
  EXPECT_EQ(vfs.lstat("/dangling").value().uid, 5u);
  EXPECT_EQ(call(nr::fchownat, kAT_FDCWD, mem.str("/f"), 0, 0, 0x1), -EINVAL);
  i64 fd = open("/f", kO_RDONLY);
  EXPECT_EQ(call(nr::fchownat, fd, mem.str(""), 3, 4, kAT_EMPTY_PATH), 0);
  EXPECT_EQ(vfs.stat("/f").value().uid, 3u);
  EXPECT_EQ(call(nr::fchown, fd, ~0u, 9), 0);
  EXPECT_EQ(vfs.stat("/f").value().gid, 9u);
  EXPECT_EQ(call(nr::fchown, 70, 0, 0), -EBADF);
}

TEST_F(SysFileTest, UtimensatSetsOmitsAndRefusesBadNanoseconds) {
  ASSERT_EQ(put("/f", "x"), "ok");
  constexpr i64 kNow = (1l << 30) - 1, kOmit = (1l << 30) - 2;
  auto times = [&](i64 as, i64 an, i64 ms, i64 mn) {
    u64 p = mem.alloc(32);
    i64 v[4] = {as, an, ms, mn};
    memcpy(mem.at(p), v, sizeof v);
    return p;
  };
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/f"), times(1000, 0, 2000, 5), 0), 0);
  fs::Stat st = vfs.stat("/f").value();
  EXPECT_EQ(st.atime, 1000);
  EXPECT_EQ(st.mtime, 2000);
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/f"), times(0, kOmit, 3000, 0), 0), 0);
  st = vfs.stat("/f").value();
  EXPECT_EQ(st.atime, 1000) << "UTIME_OMIT leaves atime";
  EXPECT_EQ(st.mtime, 3000);
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/f"), times(0, kNow, 0, kOmit), 0), 0);
  EXPECT_GT(vfs.stat("/f").value().atime, 1000) << "UTIME_NOW";
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/f"), times(0, 1000000000, 0, 0), 0), -EINVAL);
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/none"), 0, 0), -ENOENT);
  EXPECT_EQ(call(nr::utimensat, kAT_FDCWD, mem.str("/f"), FakeUserMemory::kHole, 0), -EFAULT);
  i64 fd = open("/f", kO_RDONLY);
  EXPECT_EQ(call(nr::utimensat, fd, 0, times(7, 0, 8, 0), 0), 0) << "a NULL path is the descriptor (futimens)";
  EXPECT_EQ(vfs.stat("/f").value().mtime, 8);
}

TEST_F(SysFileTest, DevFdPathsReopenTheCallersDescriptors) {
  u64 fds = mem.alloc(8);
  ASSERT_EQ(call(nr::pipe2, fds, 0), 0);  // 0: read end, 1: write end
  ASSERT_EQ(put("/f", "abcdef"), "ok");
  i64 f = open("/f", kO_RDONLY);
  ASSERT_EQ(f, 2);
  EXPECT_EQ(read(f, 2), "ab");
  i64 out = open("/dev/stdout", kO_WRONLY);
  EXPECT_EQ(write(out, "via stdout"), 10);
  EXPECT_EQ(read(0, 100), "via stdout");
  i64 again = open("/dev/fd/2", kO_RDONLY);
  EXPECT_EQ(read(again, 3), "abc") << "a file is opened again: a new offset";
  EXPECT_EQ(read(open("/proc/self/fd/2", kO_RDONLY), 1), "a");
  EXPECT_EQ(read(f, 2), "cd") << "the original offset is its own";
  EXPECT_EQ(open("/dev/fd/9", kO_RDONLY), -ENOENT);
  EXPECT_EQ(open("/dev/fd/02", kO_RDONLY), -ENOENT);
  EXPECT_EQ(open("/dev/fd/", kO_RDONLY), -ENOENT);
  EXPECT_EQ(stat("/dev/stderr").st_size, 6);
  EXPECT_EQ(stat("/dev/stdin").st_mode & kS_IFMT, kS_IFIFO);
}

TEST_F(SysFileTest, TheTableListsEveryCallOnce) {
  SyscallGroup g = file_syscalls();
  EXPECT_GE(g.count, 37u);
  for (usize i = 0; i < g.count; ++i)
    for (usize j = i + 1; j < g.count; ++j) EXPECT_NE(g.entries[i].nr, g.entries[j].nr) << g.entries[i].name;
}

// The same calls over ext4 (an image made by mkfs.ext4 -d, checked by e2fsck afterwards).
struct SysFileExt4Test : ::testing::Test {
  fstest::TempDir tmp;
  FakeUserMemory mem;
  FileTable files;
  SyscallContext c{&mem, &files, nullptr};
  i64 call(u32 nr, u64 a0 = 0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0, u64 a4 = 0) {
    SyscallGroup g = file_syscalls();
    for (usize i = 0; i < g.count; ++i)
      if (g.entries[i].nr == nr) return g.entries[i].fn(c, SyscallArgs{{a0, a1, a2, a3, a4, 0}});
    return -9999;
  }
};

TEST_F(SysFileExt4Test, ListsAMkfsDirectoryWritesAFileAndStaysClean) {
  std::string src = tmp / "src";
  ASSERT_EQ(::mkdir(src.c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((src + "/etc").c_str(), 0755), 0);
  std::vector<std::string> want = {".:4", "..:4"};
  for (int i = 0; i < 120; ++i) {
    std::string n = "entry" + std::to_string(i);
    fstest::write_host_file(src + "/etc/" + n, n);
    want.push_back(n + ":8");
  }
  std::sort(want.begin(), want.end());
  std::string img = fstest::make_image(tmp, "fs.img", 16, 4096, src);
  {
    fstest::Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    set_file_vfs(&m.vfs);
    i64 dfd = call(nr::openat, kAT_FDCWD, mem.str("/etc"), kO_RDONLY | kO_DIRECTORY);
    ASSERT_GE(dfd, 0);
    std::vector<std::string> got;
    u64 buf = mem.alloc(256);
    for (;;) {
      i64 n = call(nr::getdents64, dfd, buf, 256);
      ASSERT_GE(n, 0);
      if (n == 0) break;
      for (i64 off = 0; off < n;) {
        L::linux_dirent64_header h;
        memcpy(&h, mem.at(buf + off), sizeof(h));
        got.push_back(std::string(reinterpret_cast<char*>(mem.at(buf + off + L::kDirent64NameOffset))) + ":" +
                      std::to_string(h.d_type));
        off += h.d_reclen;
      }
    }
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    i64 fd = call(nr::openat, dfd, mem.str("new.txt"), kO_WRONLY | kO_CREAT | kO_EXCL, 0600);
    ASSERT_GE(fd, 0);
    std::string data(10000, 'q');
    EXPECT_EQ(call(nr::write, fd, mem.bytes(data), data.size()), 10000);
    EXPECT_EQ(call(nr::fsync, fd), 0);
    u64 sfs = mem.alloc(120);
    ASSERT_EQ(call(nr::fstatfs, fd, sfs), 0);
    EXPECT_EQ(ld64(mem.at(sfs)), 0xEF53u);  // EXT4_SUPER_MAGIC
    EXPECT_EQ(ld64(mem.at(sfs + 8)), 4096u);
    files.close_all();
    set_file_vfs(nullptr);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  auto fsck = fstest::fsck(img);
  EXPECT_EQ(fsck.code, 0) << fsck.out;
  EXPECT_EQ(fstest::debugfs_cat(tmp, img, "/etc/new.txt"), std::string(10000, 'q'));
  EXPECT_NE(fstest::debugfs(img, "stat /etc/new.txt").find("Mode:  0600"), std::string::npos);
  EXPECT_EQ(File::live_count(), 0u);
}

}  // namespace
