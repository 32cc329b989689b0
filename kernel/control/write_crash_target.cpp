// crash.inject write-crash: choosing and checking its target, portable so the host fuzzes
// the checks (tests/fuzz/fuzz_control.cpp); control_port.cpp performs the crash.
#include "control/control_port.h"
#include "fs/ext4.h"
#include "fs/vfs.h"
#include "lib/string.h"

namespace sis::control {
namespace {

WriteCrashTarget target;

}  // namespace

Error prepare_write_crash(StrView path) {
  usize slash = path.size;
  while (slash > 0 && path.data[slash - 1] != '/') --slash;  // the parent directory holds it
  auto fsys = fs::kernel_vfs().fs_of(slash <= 1 ? StrView("/") : StrView(path.data, slash - 1));
  if (!fsys.ok()) return Error::NoEntry;
  if (StrView(fsys.value()->type_name()) != StrView("ext4")) return Error::NotSupported;
  if (fsys.value()->read_only()) return Error::ReadOnly;
  auto* ext4 = static_cast<fs::Ext4*>(fsys.value());  // type_name() said so (no RTTI here)
  if (!ext4->journal_stats()) return Error::NotSupported;
  target.fs = ext4;
  copy_cstr(target.path, sizeof(target.path), path);
  return Error::Ok;
}

const WriteCrashTarget& write_crash_target() { return target; }

}  // namespace sis::control
