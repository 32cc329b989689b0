// AddressSpaceMemory: see user_access.h.
#include "proc/user_access.h"

#include "lib/string.h"
#include "proc/frames.h"
#include "proc/user_layout.h"

namespace sis::proc {

Error AddressSpaceMemory::copy_in(void* dst, u64 user_src, usize n) {
  auto* out = static_cast<u8*>(dst);
  while (n > 0) {
    u64 pa = TRY(as_->page_for(user_src, false));
    usize chunk = kUserPage - (user_src & (kUserPage - 1));
    if (chunk > n) chunk = n;
    memcpy(out, frame_ptr(pa), chunk);
    out += chunk;
    user_src += chunk;
    n -= chunk;
  }
  return Error::Ok;
}

Error AddressSpaceMemory::copy_out(u64 user_dst, const void* src, usize n) {
  auto* in = static_cast<const u8*>(src);
  while (n > 0) {
    u64 pa = TRY(as_->page_for(user_dst, true));
    usize chunk = kUserPage - (user_dst & (kUserPage - 1));
    if (chunk > n) chunk = n;
    memcpy(frame_ptr(pa), in, chunk);
    in += chunk;
    user_dst += chunk;
    n -= chunk;
  }
  return Error::Ok;
}

Result<usize> AddressSpaceMemory::copy_string_in(char* dst, u64 user_src, usize cap) {
  if (cap == 0) return Error::PathTooLong;
  usize len = 0;
  while (len < cap) {
    u64 pa = TRY(as_->page_for(user_src + len, false));
    usize chunk = kUserPage - ((user_src + len) & (kUserPage - 1));
    const char* p = static_cast<const char*>(frame_ptr(pa));
    for (usize i = 0; i < chunk && len < cap; ++i) {
      dst[len] = p[i];
      if (p[i] == 0) return len;
      ++len;
    }
  }
  dst[cap - 1] = 0;
  return Error::PathTooLong;
}

}  // namespace sis::proc
