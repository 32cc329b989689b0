// The File base: reference counting, the live count, and the Linux defaults for operations a
// kind of file does not have (ESPIPE for seeks on streams, ENOTTY for ioctls, ...).
#include "proc/file.h"

namespace sis::proc {
namespace {
usize live_files = 0;
}  // namespace

File::File(FileKind kind, u32 flags) : flags_(flags), kind_(kind) { __atomic_add_fetch(&live_files, 1, __ATOMIC_RELAXED); }

File::~File() { __atomic_sub_fetch(&live_files, 1, __ATOMIC_RELAXED); }

usize File::live_count() { return __atomic_load_n(&live_files, __ATOMIC_RELAXED); }

void File::unref() {
  if (__atomic_sub_fetch(&refs_, 1, __ATOMIC_ACQ_REL) != 0) return;
  release();
  // Every File subclass derives from File alone, so `this` is where make_file's block starts.
  this->~File();
  env_free(this);
}

Result<usize> File::read(void*, usize, bool) { return Error::Invalid; }
Result<usize> File::write(const void*, usize, bool, bool) { return Error::Invalid; }
Result<usize> File::pread(void*, usize, u64) { return Error::NoSeek; }
Result<usize> File::pwrite(const void*, usize, u64) { return Error::NoSeek; }
Result<u64> File::lseek(i64, int) { return Error::NoSeek; }
Result<usize> File::getdents64(u8*, usize) { return Error::NotDir; }
Result<i64> File::ioctl(u32, u64, UserMemory&) { return Error::NotTty; }
Error File::truncate(u64) { return Error::Invalid; }
Error File::setattr(const fs::SetAttr&) { return Error::NotPermitted; }

}  // namespace sis::proc
