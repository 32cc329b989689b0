// crash.inject write-crash: choosing and checking its target, crash point and data, portable
// so the host fuzzes the checks (tests/fuzz/fuzz_control.cpp); control_port.cpp performs the
// crash.
#include "control/control_port.h"
#include "fs/ext4.h"
#include "fs/vfs.h"
#include "lib/string.h"

namespace sis::control {
namespace {

WriteCrashTarget target;
u8 data_buf[kWriteCrashPatternBytes];  // >= kWriteCrashMaxData

}  // namespace

Error prepare_write_crash(StrView path, fs::CrashPoint point, const u8* data, usize len) {
  if (point == fs::CrashPoint::None) return Error::Invalid;
  if (data && len > kWriteCrashMaxData) return Error::TooBig;
  if (data && len == 0) return Error::Invalid;
  auto& vfs = fs::kernel_vfs();
  usize slash = path.size;
  while (slash > 0 && path.data[slash - 1] != '/') --slash;  // the parent directory holds it
  if (slash == path.size) return Error::IsDir;               // "/dir/": names a directory
  StrView parent = slash <= 1 ? StrView("/") : StrView(path.data, slash - 1);
  auto pst = vfs.stat(parent);
  if (!pst.ok()) return pst.error();
  if (pst->type() != fs::FileType::Directory) return Error::NotDir;
  auto fsys = vfs.fs_of(parent);
  if (!fsys.ok()) return Error::NoEntry;
  if (StrView(fsys.value()->type_name()) != StrView("ext4")) return Error::NotSupported;
  if (fsys.value()->read_only()) return Error::ReadOnly;
  auto* ext4 = static_cast<fs::Ext4*>(fsys.value());  // type_name() said so (no RTTI here)
  if (!ext4->journal_stats()) return Error::NotSupported;
  auto st = vfs.stat(path);
  if (!st.ok() && st.error() != Error::NoEntry) return st.error();
  if (st.ok() && st->type() == fs::FileType::Directory) return Error::IsDir;
  if (st.ok() && st->type() != fs::FileType::Regular) return Error::Invalid;
  // The file must live on the same (journaled) file system as its parent: a mount point
  // named like the file would put the write elsewhere.
  auto ffs = vfs.fs_of(path);
  if (st.ok() && (!ffs.ok() || ffs.value() != fsys.value())) return Error::NotSupported;
  target.fs = ext4;
  target.point = point;
  target.existed = st.ok();
  target.old_size = st.ok() ? st->size : 0;
  copy_cstr(target.path, sizeof(target.path), path);
  if (data) {
    memcpy(data_buf, data, len);
    target.len = len;
  } else {
    for (usize i = 0; i < kWriteCrashPatternBytes; ++i) data_buf[i] = static_cast<u8>(i * 7 + 3);
    target.len = kWriteCrashPatternBytes;
  }
  target.data = data_buf;
  return Error::Ok;
}

const WriteCrashTarget& write_crash_target() { return target; }

}  // namespace sis::control
