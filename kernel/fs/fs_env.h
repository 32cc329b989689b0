// What the file-system layer needs from its environment, in one small header:
//  - memory: fs_alloc/fs_free. In the kernel they are kmalloc/kfree (mm/heap.h); on the
//    host (tests, sisctl) the C library's malloc/free, because the host programs do not
//    set up a kernel heap. Switching allocator is a change here only.
//  - time: fs_now() in seconds since the epoch, from a hook the kernel or host installs
//    (until one is installed, a fixed time so that timestamps stay plausible).
//  - FS_TRY/FS_TRY_SET: propagate an Error or a failed Result<T> to the caller.
//  - little/big-endian loads and stores on byte buffers (ext4 is LE, jbd2 is BE).
#pragma once
#include "lib/result.h"
#include "lib/string.h"

#ifdef SIS_HOST
#include <stdlib.h>
#else
#include "mm/heap.h"
#endif

namespace sis::fs {

inline void* fs_alloc(usize n) {
#ifdef SIS_HOST
  return malloc(n);
#else
  return kmalloc(n);
#endif
}
inline void* fs_zalloc(usize n) {
  void* p = fs_alloc(n);
  if (p) memset(p, 0, n);
  return p;
}
inline void fs_free(void* p) {
#ifdef SIS_HOST
  free(p);
#else
  kfree(p);
#endif
}

using TimeHook = u64 (*)();
void set_time_hook(TimeHook hook);
u64 fs_now();

inline u16 ld16(const void* p) { u16 v; memcpy(&v, p, 2); return v; }
inline u32 ld32(const void* p) { u32 v; memcpy(&v, p, 4); return v; }
inline u64 ld64(const void* p) { u64 v; memcpy(&v, p, 8); return v; }
inline void st16(void* p, u16 v) { memcpy(p, &v, 2); }
inline void st32(void* p, u32 v) { memcpy(p, &v, 4); }
inline void st64(void* p, u64 v) { memcpy(p, &v, 8); }
inline u32 be32(const void* p) { return __builtin_bswap32(ld32(p)); }
inline u64 be64(const void* p) { return __builtin_bswap64(ld64(p)); }
inline void stbe32(void* p, u32 v) { st32(p, __builtin_bswap32(v)); }
inline void stbe64(void* p, u64 v) { st64(p, __builtin_bswap64(v)); }

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the fs code assumes a little-endian CPU");

}  // namespace sis::fs

#define FS_CAT2(a, b) a##b
#define FS_CAT(a, b) FS_CAT2(a, b)
// FS_TRY(expr): expr yields an Error; returns it from the enclosing function unless Ok.
#define FS_TRY(expr)                                   \
  do {                                                 \
    ::sis::Error fs_try_e_ = (expr);                   \
    if (fs_try_e_ != ::sis::Error::Ok) return fs_try_e_; \
  } while (0)
// FS_TRY_SET(var, expr): expr yields a Result<T>; assigns its value to var or returns its error.
#define FS_TRY_SET(var, expr)                               \
  auto FS_CAT(fs_try_r_, __LINE__) = (expr);                \
  if (!FS_CAT(fs_try_r_, __LINE__).ok()) return FS_CAT(fs_try_r_, __LINE__).error(); \
  var = FS_CAT(fs_try_r_, __LINE__).value()
