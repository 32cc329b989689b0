// Memory system calls: brk, mmap (anonymous, and private copies of files), munmap,
// mprotect, madvise, mremap.
#include "lib/string.h"
#include "proc/file_table.h"
#include "proc/frames.h"
#include "proc/process.h"
#include "proc/syscall.h"
#include "proc/user_layout.h"

namespace sis::proc {
namespace {

using namespace linux;

constexpr u64 MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
              MAP_FIXED_NOREPLACE = 0x100000;
constexpr u64 kPage = kUserPage;

u64 round_up(u64 v) { return (v + kPage - 1) & ~(kPage - 1); }
u32 prot_of(u64 prot) { return static_cast<u32>(prot & 7); }  // PROT_READ 1, WRITE 2, EXEC 4

i64 sys_brk(SyscallContext& c, const SyscallArgs& a) {
  AddressSpace* as = c.process->as;
  if (a.a[0] == 0) return static_cast<i64>(as->brk());
  auto r = as->set_break(a.a[0]);
  return r.ok() ? static_cast<i64>(r.value()) : static_cast<i64>(as->brk());
}

// Reads a file's bytes into the (present) pages of a new private mapping.
Error copy_file_pages(AddressSpace* as, File* f, u64 addr, u64 len, u64 off, bool exec) {
  for (u64 page = addr; page < addr + len; page += kPage) {
    u64 pa = TRY(as->page_for(page, false));
    void* dst = frame_ptr(pa);
    auto n = f->pread(dst, kPage, off + (page - addr));
    if (!n.ok()) return n.error();  // bytes past the end of the file stay zero
    if (exec) arch::sync_icache(dst, kPage);
  }
  return Error::Ok;
}

// mmap(addr, length, prot, flags, fd, offset)
i64 sys_mmap(SyscallContext& c, const SyscallArgs& a) {
  u64 addr = a.a[0], len = a.a[1], flags = a.a[3], off = a.a[5];
  u32 prot = prot_of(a.a[2]);
  if (len == 0 || (off & (kPage - 1)) || (a.a[2] & ~7ull)) return -EINVAL;
  u64 type = flags & 3;
  if (type != MAP_SHARED && type != MAP_PRIVATE) return -EINVAL;
  len = round_up(len);
  if (len == 0) return -ENOMEM;
  AddressSpace* as = c.process->as;
  File* file = nullptr;
  bool anon = flags & MAP_ANONYMOUS;
  if (!anon) {
    auto f = c.files->get(static_cast<int>(a.a[4]));
    if (!f.ok()) return -EBADF;
    file = f.value();
    if (!file->readable()) return -EACCES;
    // A shared writable mapping would need write-back to the file: not supported.
    if (type == MAP_SHARED && (prot & kProtWrite)) return -ENODEV;
    auto st = file->stat();
    if (!st.ok() || st->type() != fs::FileType::Regular) return -ENODEV;
  }
  bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
  if (fixed) {
    if (addr & (kPage - 1)) return -EINVAL;
    if (!user_range_ok(addr, len)) return -ENOMEM;
    if (flags & MAP_FIXED_NOREPLACE) {
      for (u64 p = addr; p < addr + len; p += kPage)
        if (as->find(p)) return -EEXIST;
    } else if (Error e = as->remove(addr, addr + len); e != Error::Ok) {
      return neg_errno(e);
    }
  } else {
    bool hint_ok = addr && !(addr & (kPage - 1)) && user_range_ok(addr, len);
    for (u64 p = addr; hint_ok && p < addr + len; p += kPage)
      if (as->find(p)) hint_ok = false;
    if (!hint_ok) {
      auto where = as->find_free(len);
      if (!where.ok()) return -ENOMEM;
      addr = where.value();
    }
  }
  Error e = as->add(addr, addr + len, prot, anon ? VmaKind::Anon : VmaKind::FileCopy);
  if (e != Error::Ok) return e == Error::NoSpace ? -ENOMEM : neg_errno(e);
  if (file) {
    // Fill with read access even for PROT_NONE or write-only mappings, then set the rights.
    if (prot != (prot | kProtRead)) (void)as->protect(addr, addr + len, prot | kProtRead);
    e = copy_file_pages(as, file, addr, len, off, prot & kProtExec);
    if (e == Error::Ok && prot != (prot | kProtRead)) e = as->protect(addr, addr + len, prot);
    if (e != Error::Ok) {
      (void)as->remove(addr, addr + len);
      return neg_errno(e);
    }
  }
  return static_cast<i64>(addr);
}

i64 sys_munmap(SyscallContext& c, const SyscallArgs& a) {
  u64 addr = a.a[0], len = round_up(a.a[1]);
  if ((addr & (kPage - 1)) || len == 0 || addr + len < addr) return -EINVAL;
  return neg_errno(c.process->as->remove(addr, addr + len));
}

i64 sys_mprotect(SyscallContext& c, const SyscallArgs& a) {
  u64 addr = a.a[0], len = round_up(a.a[1]);
  if ((addr & (kPage - 1)) || (a.a[2] & ~7ull)) return -EINVAL;
  if (len == 0) return 0;
  Error e = c.process->as->protect(addr, addr + len, prot_of(a.a[2]));
  return e == Error::NoMemory ? -ENOMEM : neg_errno(e);
}

i64 sys_madvise(SyscallContext&, const SyscallArgs& a) { return (a.a[0] & (kPage - 1)) ? -EINVAL : 0; }
// Growing a mapping in place is not supported; glibc's realloc then copies (ENOMEM is its cue).
i64 sys_mremap(SyscallContext&, const SyscallArgs&) { return -ENOMEM; }

const SyscallEntry kEntries[] = {
    {SYS_brk, "brk", sys_brk},
    {SYS_mmap, "mmap", sys_mmap},
    {SYS_munmap, "munmap", sys_munmap},
    {SYS_mprotect, "mprotect", sys_mprotect},
    {SYS_madvise, "madvise", sys_madvise},
    {SYS_mremap, "mremap", sys_mremap},
};

}  // namespace

SyscallGroup memory_syscalls() { return {kEntries, sizeof(kEntries) / sizeof(kEntries[0])}; }

}  // namespace sis::proc
