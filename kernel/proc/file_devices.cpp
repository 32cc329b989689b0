// /dev/null, /dev/zero and the console tty by path (see file_devices.h). The device numbers
// are Linux's (1:3 null, 1:5 zero, 5:0 tty, 5:1 console), in the st_rdev encoding
// (major << 8 | minor for small numbers).
#include "proc/file_devices.h"

#include "lib/string.h"
#include "proc/linux_stat.h"

namespace sis::proc {
namespace {

TtyOpener tty_opener = nullptr;

enum class Dev { None, Null, Zero, Tty, Console };

Dev device_of(StrView path) {
  if (path == StrView("/dev/null")) return Dev::Null;
  if (path == StrView("/dev/zero")) return Dev::Zero;
  if (path == StrView("/dev/tty")) return Dev::Tty;
  if (path == StrView("/dev/console")) return Dev::Console;
  return Dev::None;
}

fs::Stat char_device(u64 ino) {
  fs::Stat st;
  st.ino = ino;
  st.mode = linux::S_IFCHR | 0666;
  st.nlink = 1;
  return st;
}

}  // namespace

Result<fs::Stat> NullFile::stat() { return char_device(0x103); }
Result<fs::Stat> ZeroFile::stat() { return char_device(0x105); }

Result<usize> ZeroFile::read(void* buf, usize n, bool) {
  memset(buf, 0, n);
  return n;
}

void set_tty_opener(TtyOpener fn) { tty_opener = fn; }

bool is_device_path(StrView path) { return device_of(path) != Dev::None; }

Result<File*> open_device(StrView path, u32 flags) {
  File* f = nullptr;
  switch (device_of(path)) {
    case Dev::Null: f = make_file<NullFile>(flags); break;
    case Dev::Zero: f = make_file<ZeroFile>(flags); break;
    case Dev::Tty:
    case Dev::Console:
      if (!tty_opener) return Error::NoEntry;
      f = tty_opener(flags);
      break;
    case Dev::None: return Error::NoEntry;
  }
  if (!f) return Error::NoMemory;
  return f;
}

Result<fs::Stat> stat_device(StrView path) {
  switch (device_of(path)) {
    case Dev::Null: return char_device(0x103);
    case Dev::Zero: return char_device(0x105);
    case Dev::Tty: return char_device(0x500);
    case Dev::Console: return char_device(0x501);
    case Dev::None: break;
  }
  return Error::NoEntry;
}

}  // namespace sis::proc
