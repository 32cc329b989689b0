// What portable code (the file systems, the language model, the parsers) needs from its
// environment, in one header, so that the same code runs in the kernel and on the host:
//  - memory: env_alloc/env_free. The kernel's definitions (mm/env_memory.cpp) use kmalloc/
//    kfree; the host's (kernel/host/env_memory.cpp) the C library's malloc/free, because
//    tests, sisctl and the trainer do not set up a kernel heap. lib is the lowest layer, so
//    it only declares them: the layer that owns memory supplies them at link time.
//  - the wall clock: wall_clock_seconds(), from a hook the kernel or host installs.
//  - little/big-endian loads and stores on byte buffers (ext4 and model files are LE, jbd2 BE).
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace sis {

// Never nullptr for n == 0 (a valid one-byte block); nullptr when memory is exhausted.
void* env_alloc(usize n);
void env_free(void* p);
inline void* env_zalloc(usize n) {
  void* p = env_alloc(n);
  if (p) memset(p, 0, n);
  return p;
}

// The largest single allocation the environment can give (in the kernel a run of 32 adjacent
// 4 MiB buddy blocks, mm::Heap::kMaxAlloc; whether one is free depends on fragmentation).
// Larger buffers are refused up front with a clear message.
#ifdef SIS_HOST
constexpr usize kEnvMaxAlloc = usize(1) << 31;
#else
constexpr usize kEnvMaxAlloc = usize(128) << 20;
#endif

// Seconds since the epoch; 2024-01-01 until a hook is installed (so timestamps stay plausible).
using WallClockHook = u64 (*)();
void set_wall_clock_hook(WallClockHook hook);
u64 wall_clock_seconds();

// Unaligned little-endian loads and stores. __builtin_memcpy, not memcpy: under
// -ffreestanding a memcpy call stays a call, and ext4's directory walk makes two per record.
inline u16 ld16(const void* p) { u16 v; __builtin_memcpy(&v, p, 2); return v; }
inline u32 ld32(const void* p) { u32 v; __builtin_memcpy(&v, p, 4); return v; }
inline u64 ld64(const void* p) { u64 v; __builtin_memcpy(&v, p, 8); return v; }
inline i32 ld32_signed(const void* p) { i32 v; __builtin_memcpy(&v, p, 4); return v; }
inline void st16(void* p, u16 v) { __builtin_memcpy(p, &v, 2); }
inline void st32(void* p, u32 v) { __builtin_memcpy(p, &v, 4); }
inline void st64(void* p, u64 v) { __builtin_memcpy(p, &v, 8); }
inline u32 be32(const void* p) { return __builtin_bswap32(ld32(p)); }
inline u64 be64(const void* p) { return __builtin_bswap64(ld64(p)); }
inline void stbe32(void* p, u32 v) { st32(p, __builtin_bswap32(v)); }
inline void stbe64(void* p, u64 v) { st64(p, __builtin_bswap64(v)); }

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "portable code assumes a little-endian CPU");

}  // namespace sis
