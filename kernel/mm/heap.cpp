// Heap front-end: see heap.h for the routing rules.
#include "mm/heap.h"

#include "lib/format.h"
#include "lib/string.h"
#include "mm/fault.h"

namespace sis::mm {
namespace {

Heap* the_heap = nullptr;

constexpr usize kBlockBytes = kPageSize << BuddyAllocator::kMaxOrder;

unsigned order_for_bytes(usize size) {
  usize pages = (size + kPageSize - 1) >> kPageShift;
  return pages <= 1 ? 0 : static_cast<unsigned>(64 - __builtin_clzll(pages - 1));
}

}  // namespace

void set_kernel_heap(Heap* heap) { the_heap = heap; }
Heap* kernel_heap() { return the_heap; }

Error Heap::init(PageAllocator* pages, bool poisoning) {
  pages_ = pages;
  poisoning_ = poisoning;
  large_ = LargeStats{};
  for (usize i = 0; i < kClassCount; ++i) {
    char name[24];
    format(name, sizeof(name), "kmalloc-%zu", kMinSmall << i);
    TRY(caches_[i].init(name, kMinSmall << i, 16, pages, static_cast<u8>(i + 1)));
    caches_[i].set_poisoning(poisoning);
  }
  return Error::Ok;
}

void* Heap::alloc(usize size) {
  if (size > kMaxSmall) return alloc_large(size);
  auto r = caches_[class_index(size)].alloc();
  return r.ok() ? r.value() : nullptr;
}

void* Heap::alloc_large(usize size) {
  unsigned order = order_for_bytes(size);
  if (order > BuddyAllocator::kMaxOrder) return alloc_run(size);
  auto r = pages_->alloc(order);
  if (!r.ok()) {
    __atomic_add_fetch(&large_.failures, 1, __ATOMIC_RELAXED);
    return nullptr;
  }
  __atomic_add_fetch(&large_.allocs, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&large_.pages_in_use, u64{1} << order, __ATOMIC_RELAXED);
  return r.value();
}

void* Heap::alloc_run(usize size) {
  usize blocks = (size + kBlockBytes - 1) / kBlockBytes;
  auto r = blocks <= kMaxRunBlocks ? pages_->alloc_run(blocks) : Result<void*>(Error::TooBig);
  if (!r.ok()) {
    __atomic_add_fetch(&large_.failures, 1, __ATOMIC_RELAXED);
    return nullptr;
  }
  auto* base = static_cast<u8*>(r.value());
  for (usize j = 0; j < blocks; ++j)
    pages_->set_owner(base + j * kBlockBytes, BuddyAllocator::kMaxOrder, j ? kOwnerRunTail : kOwnerRunHead);
  __atomic_add_fetch(&large_.allocs, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&large_.pages_in_use, u64{blocks} << BuddyAllocator::kMaxOrder, __ATOMIC_RELAXED);
  return base;
}

usize Heap::run_blocks(const BuddyAllocator* z, const void* p) const {
  const auto* b = static_cast<const u8*>(p);
  usize n = 1;
  while (n < kMaxRunBlocks && z->contains(b + n * kBlockBytes) && z->owner(b + n * kBlockBytes) == kOwnerRunTail) ++n;
  return n;
}

void Heap::free_run(BuddyAllocator* z, void* p) {
  if (z->allocated_order(p) != static_cast<int>(BuddyAllocator::kMaxOrder)) {
    report_fault("kfree(%p): %s", p, free_fault_name(FreeFault::Interior));
    return;
  }
  usize blocks = run_blocks(z, p);
  auto* b = static_cast<u8*>(p);
  for (usize j = 0; j < blocks; ++j) {
    pages_->set_owner(b + j * kBlockBytes, BuddyAllocator::kMaxOrder, 0);
    pages_->free(b + j * kBlockBytes);
  }
  __atomic_add_fetch(&large_.frees, 1, __ATOMIC_RELAXED);
  __atomic_sub_fetch(&large_.pages_in_use, u64{blocks} << BuddyAllocator::kMaxOrder, __ATOMIC_RELAXED);
}

void* Heap::alloc_zeroed(usize size) {
  void* p = alloc(size);
  if (p) {
    if (size > kMaxSmall) zero_words(p, usable_size(p));
    else memset(p, 0, size);
  }
  return p;
}

void Heap::free(void* p) {
  if (!p) return;
  BuddyAllocator* z = pages_->zone_of(p);
  if (!z) {
    report_fault("kfree(%p): foreign pointer, not in any RAM zone", p);
    return;
  }
  u8 id = z->owner(p);
  if (id == kOwnerRunHead) return free_run(z, p);
  if (id == kOwnerRunTail) {
    report_fault("kfree(%p): %s (a later block of a multi-block allocation)", p, free_fault_name(FreeFault::Interior));
    return;
  }
  if (id) {
    if (id <= kMaxCaches && caches_[id - 1].active()) caches_[id - 1].free(p);
    else report_fault("kfree(%p): page owner tag %u names no slab cache (corrupt metadata)", p, id);
    return;
  }
  int order = z->allocated_order(p);
  FreeFault f = order >= 0 ? pages_->free(p) : z->diagnose(p);
  if (order < 0 && f == FreeFault::None) f = FreeFault::Corrupt;
  if (f != FreeFault::None) {
    report_fault("kfree(%p): %s", p, free_fault_name(f));
    return;
  }
  __atomic_add_fetch(&large_.frees, 1, __ATOMIC_RELAXED);
  __atomic_sub_fetch(&large_.pages_in_use, u64{1} << order, __ATOMIC_RELAXED);
}

usize Heap::usable_size(const void* p) const {
  BuddyAllocator* z = pages_ ? pages_->zone_of(p) : nullptr;
  if (!z) return 0;
  u8 id = z->owner(p);
  if (id == kOwnerRunHead)
    return z->allocated_order(p) == static_cast<int>(BuddyAllocator::kMaxOrder) ? run_blocks(z, p) * kBlockBytes : 0;
  if (id) return id <= kMaxCaches ? caches_[id - 1].object_size() : 0;
  int order = z->allocated_order(p);
  return order < 0 ? 0 : kPageSize << order;
}

Result<SlabCache*> Heap::create_cache(const char* name, usize size, usize align) {
  SpinLockGuard g(registry_lock_);
  for (usize i = kClassCount; i < kMaxCaches; ++i) {
    if (caches_[i].active()) continue;
    TRY(caches_[i].init(name, size, align, pages_, static_cast<u8>(i + 1)));
    caches_[i].set_poisoning(poisoning_);
    return &caches_[i];
  }
  return Error::NoSpace;
}

Error Heap::destroy_cache(SlabCache* c) {
  if (c < &caches_[kClassCount] || c >= &caches_[kMaxCaches]) return Error::Invalid;
  SpinLockGuard g(registry_lock_);
  return c->destroy();
}

u64 Heap::compact() {
  u64 bytes = 0;
  for (auto& c : caches_)
    if (c.active()) bytes += c.release_empty();
  return bytes;
}

void Heap::set_poisoning(bool on) {
  poisoning_ = on;
  for (auto& c : caches_)
    if (c.active()) c.set_poisoning(on);
}

bool Heap::check(char* why, usize cap) const {
  for (auto& c : caches_)
    if (c.active() && !c.check(why, cap)) return false;
  return pages_->check(why, cap);
}

}  // namespace sis::mm

namespace sis {

void* kmalloc(usize size) { return mm::kernel_heap() ? mm::kernel_heap()->alloc(size) : nullptr; }
void* kzalloc(usize size) { return mm::kernel_heap() ? mm::kernel_heap()->alloc_zeroed(size) : nullptr; }
void kfree(void* p) {
  if (mm::kernel_heap()) mm::kernel_heap()->free(p);
}

}  // namespace sis
