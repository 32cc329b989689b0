// The character devices a process can open by path before any file system has a /dev:
// /dev/null, /dev/zero, and /dev/tty and /dev/console (the console tty, once its kernel glue
// registers an opener). openat and the stat calls look here first.
#pragma once
#include "lib/string.h"
#include "proc/file.h"

namespace sis::proc {

class NullFile final : public File {  // reads EOF, swallows writes
 public:
  explicit NullFile(u32 flags) : File(FileKind::CharDevice, flags) {}
  Result<usize> read(void*, usize, bool) override { return usize{0}; }
  Result<usize> write(const void*, usize n, bool, bool) override { return n; }
  Result<usize> pread(void*, usize, u64) override { return usize{0}; }
  Result<usize> pwrite(const void*, usize n, u64) override { return n; }
  Result<u64> lseek(i64, int) override { return u64{0}; }
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override { return copy_cstr(buf, cap, "/dev/null"); }
};

class ZeroFile final : public File {  // reads zeros, swallows writes
 public:
  explicit ZeroFile(u32 flags) : File(FileKind::CharDevice, flags) {}
  Result<usize> read(void* buf, usize n, bool) override;
  Result<usize> write(const void*, usize n, bool, bool) override { return n; }
  Result<usize> pread(void* buf, usize n, u64) override { return read(buf, n, true); }
  Result<usize> pwrite(const void*, usize n, u64) override { return n; }
  Result<u64> lseek(i64, int) override { return u64{0}; }
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override { return copy_cstr(buf, cap, "/dev/zero"); }
};

// The console tty's opener (console_tty.cpp registers it; host tests their own).
using TtyOpener = File* (*)(u32 flags);
void set_tty_opener(TtyOpener fn);

// Whether path (absolute, as the caller wrote it after joining with the cwd) names a device.
bool is_device_path(StrView path);
// Opens a device path: the file (one reference), NoEntry for an unknown device (or /dev/tty
// without an opener), NoMemory.
Result<File*> open_device(StrView path, u32 flags);
// A device's stat without opening it.
Result<fs::Stat> stat_device(StrView path);

}  // namespace sis::proc
