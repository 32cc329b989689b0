// AddressSpace: see address_space.h.
#include "proc/address_space.h"

#include "lib/string.h"
#include "mm/heap.h"
#include "proc/frames.h"
#include "proc/user_layout.h"

namespace sis::proc {
namespace {
constexpr u64 kPage = kUserPage;
u64 page_down(u64 v) { return v & ~(kPage - 1); }
u64 cow_shared_total = 0, cow_copied_total = 0;  // cow_totals()
}  // namespace

const char* vma_kind_name(VmaKind k) {
  switch (k) {
    case VmaKind::Image: return "image";
    case VmaKind::Heap: return "heap";
    case VmaKind::Stack: return "stack";
    case VmaKind::Anon: return "anon";
    case VmaKind::FileCopy: return "file";
    case VmaKind::Trampoline: return "sigreturn";
  }
  return "?";
}

Result<AddressSpace*> AddressSpace::create() {
  arch::PageTable t = TRY(arch::create_user_page_table());
  auto* as = try_new<AddressSpace>();
  if (!as) {
    arch::destroy_user_page_table(t);
    return Error::NoMemory;
  }
  as->table_ = t;
  return as;
}

void AddressSpace::destroy(AddressSpace* as) {
  if (!as) return;
  for (usize i = 0; i < as->nvmas_; ++i) as->unmap_range(as->vmas_[i].start, as->vmas_[i].end);
  arch::destroy_user_page_table(as->table_);
  try_delete(as);
}

u32 AddressSpace::map_flags(u32 prot) const {
  u32 f = arch::kMapUser | arch::kMapRead;
  if (prot & kProtWrite) f |= arch::kMapWrite;
  if (prot & kProtExec) f |= arch::kMapExec;
  return f;
}

const Vma* AddressSpace::find(u64 va) const {
  for (usize i = 0; i < nvmas_; ++i)
    if (va >= vmas_[i].start && va < vmas_[i].end) return &vmas_[i];
  return nullptr;
}

Error AddressSpace::insert(const Vma& v) {
  if (nvmas_ == kMaxVmas) return Error::NoSpace;
  usize pos = 0;
  while (pos < nvmas_ && vmas_[pos].start < v.start) ++pos;
  for (usize i = nvmas_; i > pos; --i) vmas_[i] = vmas_[i - 1];
  vmas_[pos] = v;
  ++nvmas_;
  return Error::Ok;
}

Error AddressSpace::add(u64 start, u64 end, u32 prot, VmaKind kind) {
  if ((start | end) & (kPage - 1) || end <= start) return Error::Invalid;
  if (kind != VmaKind::Trampoline && !user_range_ok(start, end - start)) return Error::Invalid;
  for (usize i = 0; i < nvmas_; ++i)
    if (start < vmas_[i].end && vmas_[i].start < end) return Error::Exists;
  // Anonymous memory next to a region like it extends that region (as Linux merges them),
  // so a program that maps many chunks does not run out of region slots.
  if (kind == VmaKind::Anon) {
    for (usize i = 0; i < nvmas_; ++i) {
      Vma& v = vmas_[i];
      if (v.kind != VmaKind::Anon || v.prot != prot) continue;
      if (v.end == start) {
        v.end = end;
        return Error::Ok;
      }
      if (v.start == end) {
        v.start = start;
        return Error::Ok;
      }
    }
  }
  return insert(Vma{start, end, prot, kind});
}

void AddressSpace::unmap_range(u64 start, u64 end) {
  for (u64 page = start; page < end; page += kPage) {
    auto tr = arch::translate(table_, page);
    if (!tr.ok() || tr->guard || !(tr->flags & arch::kMapUser)) continue;
    (void)arch::unmap_pages(table_, page, kPage);
    frame_put(page_down(tr->pa));
    if (stats_.resident_pages) --stats_.resident_pages;
  }
}

Error AddressSpace::split_at(u64 addr) {
  for (usize i = 0; i < nvmas_; ++i) {
    Vma v = vmas_[i];
    if (v.start < addr && v.end > addr) {  // regions are disjoint: at most one straddles addr
      vmas_[i].end = addr;
      return insert(Vma{addr, v.end, v.prot, v.kind});
    }
  }
  return Error::Ok;
}

Error AddressSpace::remove(u64 start, u64 end) {
  if ((start | end) & (kPage - 1) || end <= start) return Error::Invalid;
  // Split the regions that straddle an edge, then drop everything inside.
  TRY(split_at(start));
  TRY(split_at(end));
  usize out = 0;
  for (usize i = 0; i < nvmas_; ++i) {
    if (vmas_[i].start >= start && vmas_[i].end <= end) {
      unmap_range(vmas_[i].start, vmas_[i].end);
      continue;
    }
    vmas_[out++] = vmas_[i];
  }
  nvmas_ = out;
  return Error::Ok;
}

Error AddressSpace::protect(u64 start, u64 end, u32 prot) {
  if ((start | end) & (kPage - 1) || end <= start) return Error::Invalid;
  // Every byte must be covered (Linux: ENOMEM otherwise).
  for (u64 a = start; a < end;) {
    const Vma* v = find(a);
    if (!v) return Error::NoMemory;
    a = v->end;
  }
  TRY(split_at(start));
  TRY(split_at(end));
  for (usize i = 0; i < nvmas_; ++i) {
    Vma& v = vmas_[i];
    if (v.start < start || v.end > end) continue;
    v.prot = prot;
    if (prot == 0) {  // PROT_NONE: no access at all, so the pages leave the table
      unmap_range(v.start, v.end);
      continue;
    }
    for (u64 page = v.start; page < v.end; page += kPage) {
      auto tr = arch::translate(table_, page);
      if (!tr.ok() || tr->guard || !(tr->flags & arch::kMapUser)) continue;
      u32 f = map_flags(prot);
      // A shared page stays read-only: the next write copies it.
      if ((f & arch::kMapWrite) && frame_refs(page_down(tr->pa)) > 1) f &= ~arch::kMapWrite;
      (void)arch::protect_page(table_, page, f);
    }
  }
  return Error::Ok;
}

Result<u64> AddressSpace::find_free(u64 len) const {
  len = (len + kPage - 1) & ~(kPage - 1);
  if (len == 0 || len > kMmapHigh - kMmapLow) return Error::NoMemory;
  u64 top = kMmapHigh;
  // Regions are sorted by start; walk down from the highest one inside the mmap area.
  for (usize i = nvmas_; i-- > 0;) {
    const Vma& v = vmas_[i];
    if (v.start >= kMmapHigh || v.end <= kMmapLow) continue;
    if (top >= v.end && top - v.end >= len) return top - len;
    if (v.start < top) top = v.start;
  }
  if (top - kMmapLow >= len) return top - len;
  return Error::NoMemory;
}

Error AddressSpace::fill(u64 page, const Vma& v) {
  u64 pa = TRY(frame_alloc_zeroed());
  Error e = arch::map_pages(table_, page, pa, kPage, map_flags(v.prot));
  if (e != Error::Ok) {
    frame_put(pa);
    return e;
  }
  ++stats_.minor_faults;
  if (++stats_.resident_pages > stats_.peak_resident) stats_.peak_resident = stats_.resident_pages;
  return Error::Ok;
}

Error AddressSpace::map_frame(u64 va, u64 pa) {
  const Vma* v = find(va);
  if (!v || (va & (kPage - 1))) return Error::Invalid;
  TRY(arch::map_pages(table_, va, pa, kPage, map_flags(v->prot)));
  if (++stats_.resident_pages > stats_.peak_resident) stats_.peak_resident = stats_.resident_pages;
  return Error::Ok;
}

Error AddressSpace::handle_fault(u64 va, bool write, bool exec) {
  const Vma* v = find(va);
  if (!v || v->prot == 0) return Error::Fault;
  if (write && !(v->prot & kProtWrite)) return Error::Fault;
  if (exec && !(v->prot & kProtExec)) return Error::Fault;
  u64 page = page_down(va);
  auto tr = arch::translate(table_, page);
  if (!tr.ok() || tr->guard) {
    if (tr.ok() && tr->guard) return Error::Fault;
    return fill(page, *v);
  }
  if (!write || (tr->flags & arch::kMapWrite)) return Error::Ok;  // already fine (a stale TLB entry)
  // A write to a copy-on-write page.
  ++stats_.cow_faults;
  u64 old = page_down(tr->pa);
  if (frame_refs(old) == 1) return arch::protect_page(table_, page, map_flags(v->prot));
  u64 fresh = TRY(frame_alloc_zeroed());
  memcpy(frame_ptr(fresh), frame_ptr(old), kPage);
  (void)arch::unmap_pages(table_, page, kPage);
  Error e = arch::map_pages(table_, page, fresh, kPage, map_flags(v->prot));
  if (e != Error::Ok) {
    frame_put(fresh);
    return e;  // the old page is gone from this space: the caller kills the process
  }
  frame_put(old);
  ++stats_.cow_copies;
  __atomic_fetch_add(&cow_copied_total, 1, __ATOMIC_RELAXED);
  return Error::Ok;
}

Result<u64> AddressSpace::page_for(u64 va, bool write) {
  const Vma* v = find(va);
  if (!v || v->prot == 0 || (write && !(v->prot & kProtWrite))) return Error::Fault;
  auto tr = arch::translate(table_, page_down(va));
  if (!tr.ok() || tr->guard || (write && !(tr->flags & arch::kMapWrite))) {
    TRY(handle_fault(va, write, false));
    tr = arch::translate(table_, page_down(va));
    if (!tr.ok()) return Error::Fault;
  }
  return page_down(tr->pa) + (va & (kPage - 1));
}

Result<AddressSpace*> AddressSpace::fork() {
  AddressSpace* child = TRY(create());
  for (usize i = 0; i < nvmas_; ++i) child->vmas_[i] = vmas_[i];
  child->nvmas_ = nvmas_;
  child->heap_start_ = heap_start_;
  child->heap_end_ = heap_end_;
  child->brk_ = brk_;
  for (usize i = 0; i < nvmas_; ++i) {
    const Vma& v = vmas_[i];
    for (u64 page = v.start; page < v.end; page += kPage) {
      auto tr = arch::translate(table_, page);
      if (!tr.ok() || tr->guard || !(tr->flags & arch::kMapUser)) continue;
      u64 pa = page_down(tr->pa);
      u32 f = tr->flags & ~arch::kMapWrite;
      if (Error e = arch::map_pages(child->table_, page, pa, kPage, f); e != Error::Ok) {
        destroy(child);
        return e;
      }
      frame_get(pa);
      if (tr->flags & arch::kMapWrite) (void)arch::protect_page(table_, page, f);
      ++child->stats_.resident_pages;
      ++stats_.cow_shared_at_fork;
    }
  }
  child->stats_.peak_resident = child->stats_.resident_pages;
  __atomic_fetch_add(&cow_shared_total, child->stats_.resident_pages, __ATOMIC_RELAXED);
  return child;
}

CowTotals cow_totals() {
  return CowTotals{__atomic_load_n(&cow_shared_total, __ATOMIC_RELAXED), __atomic_load_n(&cow_copied_total, __ATOMIC_RELAXED)};
}

Error AddressSpace::set_heap(u64 start) {
  heap_start_ = heap_end_ = brk_ = (start + kPage - 1) & ~(kPage - 1);
  return Error::Ok;
}

Result<u64> AddressSpace::set_break(u64 new_end) {
  if (new_end < heap_start_) return brk_;
  u64 want = (new_end + kPage - 1) & ~(kPage - 1);
  u64 limit = heap_start_ < kExecHigh ? kExecHigh : kPieHigh;
  if (want > limit) return brk_;
  if (want > heap_end_) {
    // Grow: extend the heap region (or make it), refusing to run into another region.
    for (usize i = 0; i < nvmas_; ++i)
      if (vmas_[i].kind != VmaKind::Heap && vmas_[i].start < want && vmas_[i].end > heap_end_) return brk_;
    Vma* heap = nullptr;
    for (usize i = 0; i < nvmas_; ++i)
      if (vmas_[i].kind == VmaKind::Heap) heap = &vmas_[i];
    if (heap) heap->end = want;
    else TRY(insert(Vma{heap_start_, want, kProtRead | kProtWrite, VmaKind::Heap}));
  } else if (want < heap_end_) {
    TRY(remove(want, heap_end_));
  }
  heap_end_ = want;
  brk_ = new_end;
  return brk_;
}

}  // namespace sis::proc
