// What the language-model code needs from its environment, in one header (like fs/fs_env.h):
// memory (kmalloc/kfree in the kernel, malloc/free on the host, where tests and the trainer
// do not run a kernel heap) and a TRY macro. The inference code itself is plain portable C++.
#pragma once
#include "lib/result.h"
#include "lib/string.h"

#ifdef SIS_HOST
#include <stdlib.h>
#else
#include "mm/heap.h"
#endif

namespace sis::llm {

inline void* llm_alloc(usize n) {
#ifdef SIS_HOST
  return malloc(n ? n : 1);
#else
  return kmalloc(n ? n : 1);
#endif
}
inline void* llm_zalloc(usize n) {
  void* p = llm_alloc(n);
  if (p) memset(p, 0, n);
  return p;
}
inline void llm_free(void* p) {
#ifdef SIS_HOST
  free(p);
#else
  kfree(p);
#endif
}

// Largest single allocation the environment can give (the buddy allocator's 4 MiB blocks in
// the kernel). Buffers larger than this are refused up front with a clear message.
#ifdef SIS_HOST
constexpr usize kMaxAlloc = usize(1) << 31;
#else
constexpr usize kMaxAlloc = usize(4) << 20;
#endif

inline u32 ld_u32(const u8* p) { u32 v; memcpy(&v, p, 4); return v; }
inline u64 ld_u64(const u8* p) { u64 v; memcpy(&v, p, 8); return v; }
inline i32 ld_i32(const u8* p) { i32 v; memcpy(&v, p, 4); return v; }

}  // namespace sis::llm

#define LLM_CAT2(a, b) a##b
#define LLM_CAT(a, b) LLM_CAT2(a, b)
#define LLM_TRY(expr)                                     \
  do {                                                    \
    ::sis::Error LLM_CAT(e_, __LINE__) = (expr);          \
    if (LLM_CAT(e_, __LINE__) != ::sis::Error::Ok) return LLM_CAT(e_, __LINE__); \
  } while (0)
