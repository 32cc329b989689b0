// PresentUserMemory: see present_user_memory.h.
#include "prof/present_user_memory.h"

#include "lib/string.h"
#include "proc/frames.h"
#include "proc/user_layout.h"

namespace sis::prof {

Error PresentUserMemory::copy_in(void* dst, u64 src, usize n) {
  auto* out = static_cast<u8*>(dst);
  while (n > 0) {
    if (src >= proc::kUserTop) return Error::Fault;
    u64 page = src & ~(proc::kUserPage - 1);
    auto tr = arch::translate(table_, page);
    if (!tr.ok() || tr->guard || !(tr->flags & arch::kMapUser) || !(tr->flags & arch::kMapRead)) return Error::Fault;
    usize chunk = proc::kUserPage - (src & (proc::kUserPage - 1));
    if (chunk > n) chunk = n;
    memcpy(out, static_cast<const u8*>(proc::frame_ptr(tr->pa & ~(proc::kUserPage - 1))) + (src & (proc::kUserPage - 1)), chunk);
    out += chunk;
    src += chunk;
    n -= chunk;
  }
  return Error::Ok;
}

}  // namespace sis::prof
