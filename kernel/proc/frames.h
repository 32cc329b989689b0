// User page frames: whole pages from the kernel's page allocator, each with a reference
// count, so that fork can share a page between address spaces until one of them writes it
// (copy-on-write). The kernel reaches a frame through its identity map (frame_ptr).
// frames_in_use() is what `procctl stats` and the leak check compare: it returns to its
// old value once every process that used the pages has exited.
#pragma once
#include "lib/result.h"

namespace sis::proc {

Error frames_init();
Result<u64> frame_alloc_zeroed();  // a zeroed page with one reference
void frame_get(u64 pa);
void frame_put(u64 pa);            // frees the page when the last reference goes
u32 frame_refs(u64 pa);
inline void* frame_ptr(u64 pa) { return reinterpret_cast<void*>(pa); }

struct FrameStats {
  u64 in_use = 0;       // frames allocated to user space now
  u64 allocated = 0;    // since boot
  u64 freed = 0;
  u64 shared = 0;       // frames with more than one reference now
};
FrameStats frame_stats();

}  // namespace sis::proc
