// User page frames: see frames.h. The reference counts are one u16 per page of each RAM
// zone, allocated at init (128 KiB for 256 MiB of RAM).
#include "proc/frames.h"

#include "core/spinlock.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"

namespace sis::proc {
namespace {

struct ZoneRefs {
  u64 base = 0;
  u64 pages = 0;
  u16* refs = nullptr;
};

SpinLock lock;
ZoneRefs zones[mm::PageAllocator::kMaxZones];
usize nzones = 0;
FrameStats stats SIS_GUARDED_BY(lock);

u16* ref_of(u64 pa) {
  for (usize i = 0; i < nzones; ++i)
    if (pa >= zones[i].base && pa < zones[i].base + zones[i].pages * 4096) return &zones[i].refs[(pa - zones[i].base) / 4096];
  return nullptr;
}

}  // namespace

Error frames_init() {
  mm::PageAllocator& pages = mm::kernel_pages();
  for (usize i = 0; i < pages.zone_count() && nzones < mm::PageAllocator::kMaxZones; ++i) {
    mm::BuddyAllocator* z = pages.zone(i);
    ZoneRefs r;
    r.base = z->phys_base();
    r.pages = z->page_count();
    r.refs = static_cast<u16*>(kzalloc(r.pages * sizeof(u16)));
    if (!r.refs) return Error::NoMemory;
    zones[nzones++] = r;
  }
  return Error::Ok;
}

Result<u64> frame_alloc_zeroed() {
  void* p = TRY(mm::kernel_pages().alloc_zeroed(0));
  u64 pa = reinterpret_cast<u64>(p);  // identity map: the address is the physical one
  u16* r = ref_of(pa);
  if (!r) {
    (void)mm::kernel_pages().free(p);
    return Error::NoMemory;
  }
  SpinLockGuard g(lock);
  *r = 1;
  ++stats.in_use;
  ++stats.allocated;
  return pa;
}

void frame_get(u64 pa) {
  SpinLockGuard g(lock);
  u16* r = ref_of(pa);
  SIS_ASSERT_MSG(r && *r > 0 && *r < 0xffff, "frame_get on a frame that is not a live user page");
  if (*r == 1) ++stats.shared;
  ++*r;
}

void frame_put(u64 pa) {
  bool free_it = false;
  {
    SpinLockGuard g(lock);
    u16* r = ref_of(pa);
    SIS_ASSERT_MSG(r && *r > 0, "frame_put on a frame that is not a live user page");
    --*r;
    if (*r == 1) --stats.shared;
    if (*r == 0) {
      free_it = true;
      --stats.in_use;
      ++stats.freed;
    }
  }
  if (free_it) (void)mm::kernel_pages().free(frame_ptr(pa));
}

u32 frame_refs(u64 pa) {
  SpinLockGuard g(lock);
  u16* r = ref_of(pa);
  return r ? *r : 0;
}

FrameStats frame_stats() {
  SpinLockGuard g(lock);
  return stats;
}

}  // namespace sis::proc
