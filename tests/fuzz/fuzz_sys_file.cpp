// Fuzz target: the file system calls (kernel/proc/sys_file*.cpp) with arbitrary arguments,
// as a hostile program would pass them: descriptors in and out of range, paths that are
// missing, too long, through files or into the UserMemory hole, buffers that fault part way,
// absurd sizes and flags. Each input is a sequence of calls on a fresh ramfs with a few
// files, a FileTable and the console tty. Invariants: every result is >= 0 or a -errno in
// [-4095, -1], and once the table is closed no File, pipe or VFS descriptor is left.
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "proc/file_devices.h"
#include "proc/file_table.h"
#include "proc/linux_stat.h"
#include "proc/file_wait.h"
#include "proc/pipe.h"
#include "proc/signal_hook.h"
#include "proc/sys_file.h"
#include "proc/tty.h"
// After the kernel headers: the C++ library defines errno names as macros.
#include "fake_user_memory.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.h"

using namespace sis;
using namespace sis::proc;
using sis::proc::test::FakeUserMemory;

namespace sis::proc {

namespace {
// Nothing else runs: a call that would block is interrupted at once.
class FuzzWaitChannel final : public WaitChannel {
 public:
  u64 lock() override { return 0; }
  void unlock(u64) override {}
  Error wait(bool (*ready)(void*), void* ctx, u64) override { return ready(ctx) ? Error::Ok : Error::Interrupted; }
  void wake_all() override {}
};
}  // namespace

WaitChannel* wait_channel_create() { return new FuzzWaitChannel(); }
void wait_channel_destroy(WaitChannel* ch) { delete static_cast<FuzzWaitChannel*>(ch); }
bool signal_pending_for_current() { return false; }
void signal_pgrp(int, int) {}
CallerJob caller_job(int) { return CallerJob{}; }

}  // namespace sis::proc

namespace {

struct Input {
  const uint8_t* d;
  size_t n, i = 0;
  bool more() const { return i < n; }
  uint8_t byte() { return i < n ? d[i++] : 0; }
  uint32_t word() {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = v << 8 | byte();
    return v;
  }
};

const char* const kPaths[] = {"/", "/f", "/d", "/d/g", "/l", "/dev/null", "/dev/tty", "f", "d/../f", "", "/nope/x",
                              "/f/", "/d/", "..", ".", "/dev/zero", "/p", "d", "/d/new", "/l/x", "/dev/stdout",
                              "/dev/fd/3", "/proc/self/fd/1"};
constexpr size_t kPathCount = sizeof(kPaths) / sizeof(kPaths[0]);

Tty* fuzz_tty = nullptr;
File* open_fuzz_tty(u32 flags) { return make_file<TtyFile>(fuzz_tty, flags); }

// Prepared user memory: the paths, a buffer area, iovecs and pollfds pointing into it, and
// a zero timespec.
struct Areas {
  u64 path_at[kPathCount];
  u64 bufs, iov, pollfd, timespec;
};
constexpr u64 kBufArea = 0x60000;

// An argument of the shape the call expects (most of the time) or of any shape: 'f' fd,
// 'd' dirfd, 'p' path, 'b' buffer, 'n' size, 'o' open flags, 'm' mode, 'a' AT_ flags,
// 'w' whence, 'v' iovec array, 'P' pollfd array, 't' timespec, 'c' ioctl/fcntl command.
u64 arg(Input& in, char shape, const Areas& m) {
  uint8_t b = in.byte();
  if (in.byte() >= 224) shape = "fdpbnomawcx"[b % 11];  // sometimes the wrong shape
  switch (shape) {
    case 'f': return static_cast<u64>(static_cast<i64>(b % 10) - 1);  // -1..8 (0..5 open at the start)
    case 'd': return b & 1 ? static_cast<u64>(linux::AT_FDCWD) : static_cast<u64>(b % 8);
    case 'p': return m.path_at[b % kPathCount];
    case 'b': {
      const u64 bad[] = {FakeUserMemory::kHole, FakeUserMemory::kHole - 3, 0, ~0ull};
      if (b >= 240) return bad[b % 4];
      return m.bufs + (static_cast<u64>(b) * 977) % (kBufArea - 70000);
    }
    case 'n': {
      const u64 sizes[] = {0, 1, 7, 100, 4096, 4097, 65536, 70000, 1ull << 31, ~0ull, 19, 24, 36, 128, 256, 2};
      return sizes[b % 16];
    }
    case 'o': {
      const u32 flags[] = {linux::O_CREAT, linux::O_EXCL, linux::O_TRUNC, linux::O_APPEND, linux::O_NONBLOCK,
                           linux::O_DIRECTORY, linux::O_NOFOLLOW, linux::O_CLOEXEC};
      u32 f = b & 3;  // access mode
      uint8_t more = in.byte();
      for (int k = 0; k < 8; ++k)
        if (more & (1u << k) & 0x5b) f |= flags[k];  // a subset, biased towards plain opens
      return f;
    }
    case 'm': return b & 1 ? 0644 : static_cast<u64>(b) * 37 % 010000;
    case 'a': {
      const u32 at[] = {0, linux::AT_SYMLINK_NOFOLLOW, linux::AT_REMOVEDIR, linux::AT_EMPTY_PATH, 0x6000, 1};
      return at[b % 6];
    }
    case 'w': return b % 5;
    case 'v': return b & 1 ? m.iov : m.iov + 8;
    case 'P': return m.pollfd;
    case 't': return b & 1 ? m.timespec : 0;
    case 'c': {
      const u32 cmds[] = {linux::TCGETS, linux::TCSETS, linux::TCSETSF, linux::TIOCGWINSZ, linux::TIOCSWINSZ,
                          linux::TIOCGPGRP, linux::TIOCSPGRP, linux::FIONREAD, linux::FIONBIO, linux::TCFLSH,
                          linux::F_DUPFD, linux::F_GETFD, linux::F_SETFD, linux::F_GETFL, linux::F_SETFL,
                          linux::F_DUPFD_CLOEXEC, 0x5451, 7};
      return cmds[b % 18];
    }
    default: return in.word();
  }
}

// The argument shapes of each call.
const char* shape_of(u32 nr) {
  using namespace linux;
  switch (nr) {
    case SYS_read: case SYS_write: case SYS_getdents64: return "fbn";
    case SYS_readv: case SYS_writev: return "fvn";
    case SYS_pread64: case SYS_pwrite64: return "fbnn";
    case SYS_sendfile: return "ffbn";
    case SYS_lseek: return "fnw";
    case SYS_ioctl: return "fcb";
    case SYS_fcntl: return "fcn";
    case SYS_dup3: return "ffo";
    case SYS_pipe2: return "bo";
    case SYS_openat: return "dpom";
    case SYS_mkdirat: case SYS_fchmodat: case SYS_faccessat: return "dpm";
    case SYS_faccessat2: return "dpma";
    case SYS_unlinkat: return "dpa";
    case SYS_renameat: return "dpdp";
    case SYS_renameat2: case SYS_linkat: return "dpdpa";
    case SYS_symlinkat: return "pdp";
    case SYS_readlinkat: return "dpbn";
    case SYS_getcwd: return "bn";
    case SYS_chdir: return "p";
    case SYS_truncate: return "pn";
    case SYS_fstat: case SYS_fstatfs: return "fb";
    case SYS_statfs: return "pb";
    case SYS_newfstatat: return "dpba";
    case SYS_statx: return "dpanb";
    case SYS_ppoll: return "Pntxx";
    case SYS_ftruncate: return "fn";
    case SYS_fchmod: return "fm";
    default: return "fxxxxx";  // close, dup, fsync, fdatasync, fchdir, umask, sync
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fs::RamFs ram;
  FUZZ_CHECK(ram.init() == Error::Ok);
  static fs::Vfs vfs;  // large (path buffers): one instance, remounted per input
  FUZZ_CHECK(vfs.mount("/", &ram, "ramfs") == Error::Ok);
  FUZZ_CHECK(vfs.mkdir("/d") == Error::Ok);
  FUZZ_CHECK(vfs.write_file("/f", "file", 4, fs::WriteMode::Replace).ok());
  FUZZ_CHECK(vfs.write_file("/d/g", "g", 1, fs::WriteMode::Replace).ok());
  FUZZ_CHECK(vfs.symlink("/d", "/l") == Error::Ok);
  set_file_vfs(&vfs);
  WaitChannel* tty_ch = wait_channel_create();
  Tty tty([](void*, const char*, usize) {}, nullptr, tty_ch);
  fuzz_tty = &tty;
  set_tty_opener(open_fuzz_tty);
  {
    FakeUserMemory mem;
    Areas m;
    for (size_t i = 0; i < kPathCount; ++i) m.path_at[i] = mem.str(kPaths[i]);
    m.bufs = mem.alloc(kBufArea);
    m.iov = mem.alloc(4 * 16);
    for (u64 k = 0; k < 4; ++k) {
      st64(mem.at(m.iov + 16 * k), m.bufs + k * 5000);
      st64(mem.at(m.iov + 16 * k + 8), k == 3 ? 70000 : 100 * k + 3);
    }
    m.pollfd = mem.alloc(8 * 8);
    for (u64 k = 0; k < 8; ++k) {
      st32(mem.at(m.pollfd + 8 * k), static_cast<u32>(k));
      st16(mem.at(m.pollfd + 8 * k + 4), k & 1 ? 4 : 1);  // POLLOUT, POLLIN
    }
    m.timespec = mem.alloc(16);  // {0, 0}: ppoll never waits
    FileTable files;
    SyscallContext c{&mem, &files, nullptr};
    SyscallGroup g = file_syscalls();
    // Descriptors the calls can use from the start: 0 /f (read-write), 1 and 2 a pipe,
    // 3 the directory /d, 4 the tty, 5 /dev/null.
    auto find = [&](u32 nr) {
      for (usize k = 0; k < g.count; ++k)
        if (g.entries[k].nr == nr) return g.entries[k].fn;
      __builtin_trap();
    };
    auto openat = find(linux::SYS_openat);
    auto path = [&](const char* p) {
      for (size_t k = 0; k < kPathCount; ++k)
        if (!strcmp(kPaths[k], p)) return m.path_at[k];
      __builtin_trap();
    };
    FUZZ_CHECK(openat(c, SyscallArgs{{static_cast<u64>(linux::AT_FDCWD), path("/f"), linux::O_RDWR, 0, 0, 0}}) == 0);
    FUZZ_CHECK(find(linux::SYS_pipe2)(c, SyscallArgs{{m.bufs, 0, 0, 0, 0, 0}}) == 0);
    FUZZ_CHECK(openat(c, SyscallArgs{{static_cast<u64>(linux::AT_FDCWD), path("/d"), linux::O_RDONLY, 0, 0, 0}}) == 3);
    FUZZ_CHECK(openat(c, SyscallArgs{{static_cast<u64>(linux::AT_FDCWD), path("/dev/tty"), linux::O_RDWR, 0, 0, 0}}) == 4);
    FUZZ_CHECK(openat(c, SyscallArgs{{static_cast<u64>(linux::AT_FDCWD), path("/dev/null"), linux::O_RDWR, 0, 0, 0}}) == 5);
    Input in{data, size};
    for (int calls = 0; in.more() && calls < 64; ++calls) {
      uint8_t op = in.byte();
      if (op >= 0xF0) {  // the console: a typed byte
        tty.receive(static_cast<char>(in.byte()));
        continue;
      }
      const SyscallEntry& e = g.entries[op % g.count];
      SyscallArgs a{};
      const char* shape = shape_of(e.nr);
      for (usize k = 0; k < 6; ++k) a.a[k] = arg(in, k < strlen(shape) ? shape[k] : 'x', m);
      i64 r = e.fn(c, a);
      FUZZ_CHECK(r >= 0 || r >= -4095);
    }
    files.close_all();
  }
  fuzz_tty = nullptr;
  set_tty_opener(nullptr);
  wait_channel_destroy(tty_ch);
  FUZZ_CHECK(File::live_count() == 0);
  FUZZ_CHECK(live_pipe_count() == 0);
  FUZZ_CHECK(vfs.open_count() == 0);
  set_file_vfs(nullptr);
  FUZZ_CHECK(vfs.unmount("/") == Error::Ok);
  return 0;
}
