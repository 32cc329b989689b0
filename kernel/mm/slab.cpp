// SlabCache implementation: see slab.h for the layout and invariants.
#include "mm/slab.h"

#include "lib/format.h"
#include "lib/string.h"
#include "mm/fault.h"

namespace sis::mm {
namespace {

constexpr usize kBitmapOffset = 56;  // offsetof(Slab, bitmap), checked in init

usize header_bytes(usize capacity, usize align) {
  return align_up(kBitmapOffset + 8 * ((capacity + 63) / 64), align);
}

}  // namespace

void SlabCache::SlabList::push(Slab* s) {
  s->prev = nullptr;
  s->next = head;
  if (head) head->prev = s;
  head = s;
  ++count;
}

void SlabCache::SlabList::remove(Slab* s) {
  if (s->prev) s->prev->next = s->next;
  else head = s->next;
  if (s->next) s->next->prev = s->prev;
  --count;
}

Error SlabCache::init(const char* name, usize object_size, usize align, PageAllocator* pages, u8 id) {
  static_assert(offsetof(Slab, bitmap) == kBitmapOffset);
  if (!pages || id == 0 || object_size == 0 || object_size > kMaxObject) return Error::Invalid;
  if (align < 8) align = 8;
  if (align & (align - 1) || align > kPageSize) return Error::Invalid;
  copy_cstr(name_, sizeof(name_), name);
  size_ = object_size;
  stride_ = align_up(max<usize>(object_size, 8), align);
  // The smallest slab whose wasted bytes are at most 1/16 of it; else the least wasteful.
  usize best_waste_ratio = ~usize{0};
  for (unsigned order = 0; order <= 3; ++order) {
    usize bytes = kPageSize << order;
    usize cap = (bytes - kBitmapOffset) / stride_;
    while (cap > 0 && header_bytes(cap, align) + cap * stride_ > bytes) --cap;
    if (cap == 0 || cap > 0xffff) continue;
    usize waste = bytes - cap * stride_;
    usize ratio = waste * 1024 / bytes;
    if (ratio < best_waste_ratio) {
      best_waste_ratio = ratio;
      order_ = order;
      capacity_ = cap;
      header_ = header_bytes(cap, align);
    }
    if (waste * 16 <= bytes) break;
  }
  if (best_waste_ratio == ~usize{0}) return Error::TooBig;
  id_ = id;
  partial_ = full_ = empty_ = SlabList{};
  in_use_ = hits_ = misses_ = allocs_ = frees_ = 0;
  pages_ = pages;
  return Error::Ok;
}

SlabCache::Slab* SlabCache::grow() {
  auto r = pages_->alloc(order_);
  if (!r.ok()) return nullptr;
  auto* s = static_cast<Slab*>(r.value());
  s->magic = kMagic;
  s->in_use = 0;
  s->capacity = static_cast<u16>(capacity_);
  s->cache = this;
  s->objects = reinterpret_cast<u8*>(s) + header_;
  s->poisoned = poison_new_slabs_;
  for (usize w = 0; w < (capacity_ + 63) / 64; ++w) s->bitmap[w] = 0;
  // Thread the free list in address order so a fresh slab hands objects out sequentially.
  for (usize i = 0; i < capacity_; ++i) {
    u8* obj = s->objects + i * stride_;
    *reinterpret_cast<void**>(obj) = i + 1 < capacity_ ? obj + stride_ : nullptr;
    if (s->poisoned) memset(obj + 8, kPoison, size_ > 8 ? size_ - 8 : 0);
  }
  s->free_head = s->objects;
  pages_->set_owner(s, order_, id_);
  return s;
}

void SlabCache::release(Slab* s) {
  s->magic = 0;
  pages_->set_owner(s, order_, 0);
  pages_->free(s);
}

void SlabCache::move(Slab* s, u8 to) {
  list(s->list).remove(s);
  list(to).push(s);
  s->list = to;
}

Result<void*> SlabCache::alloc() {
  SpinLockGuard g(lock_);
  Slab* s = partial_.head;
  if (s) {
    ++hits_;
  } else if ((s = empty_.head)) {
    ++hits_;
    move(s, kPartial);
  } else {
    s = grow();
    if (!s) return Error::NoMemory;
    ++misses_;
    s->list = kPartial;
    partial_.push(s);
  }
  auto* obj = static_cast<u8*>(s->free_head);
  usize off = static_cast<usize>(obj - s->objects);
  usize i = off / stride_;
  if (!obj || obj < s->objects || off % stride_ || i >= capacity_ || test(s, i)) {
    report_fault("slab cache %s: free list of slab %p is corrupt (next free %p): use after free?", name_, s, obj);
    return Error::Corrupt;
  }
  if (s->poisoned) {
    for (usize b = 8; b < size_; ++b) {
      if (obj[b] != kPoison) {
        report_fault("use after free: object %p of cache %s was written at offset %zu after it was freed "
                     "(0x%02x, poison is 0x%02x)", obj, name_, b, obj[b], kPoison);
        return Error::Corrupt;
      }
    }
  }
  s->free_head = *reinterpret_cast<void**>(obj);
  s->bitmap[i >> 6] |= 1ull << (i & 63);
  ++s->in_use;
  ++in_use_;
  ++allocs_;
  if (s->in_use == capacity_) move(s, kFull);
  return static_cast<void*>(obj);
}

bool SlabCache::free(void* p) {
  BuddyAllocator* z = pages_->zone_of(p);
  if (!z) {
    report_fault("free of foreign pointer %p: not in any RAM zone (cache %s)", p, name_);
    return false;
  }
  auto* s = reinterpret_cast<Slab*>(z->block_base(p, order_));
  auto* obj = static_cast<u8*>(p);
  SpinLockGuard g(lock_);
  if (s->magic != kMagic || s->cache != this) {
    report_fault("free of foreign pointer %p: not inside a slab of cache %s", p, name_);
    return false;
  }
  usize off = static_cast<usize>(obj - s->objects);
  usize i = off / stride_;
  if (obj < s->objects || off % stride_ || i >= capacity_) {
    report_fault("free of %p: not the start of an object in slab %p of cache %s (object size %zu)", p, s, name_,
                 size_);
    return false;
  }
  if (!test(s, i)) {
    report_fault("double free of %p (cache %s, slab %p, object %zu)", p, name_, s, i);
    return false;
  }
  s->bitmap[i >> 6] &= ~(1ull << (i & 63));
  if (s->poisoned && size_ > 8) memset(obj + 8, kPoison, size_ - 8);
  *reinterpret_cast<void**>(obj) = s->free_head;
  s->free_head = obj;
  --s->in_use;
  --in_use_;
  ++frees_;
  if (s->in_use == 0) {
    if (empty_.count < kKeepEmpty) {
      move(s, kEmpty);
    } else {
      list(s->list).remove(s);
      release(s);
    }
  } else if (s->list == kFull || partial_.head != s) {
    move(s, kPartial);  // LIFO: the slab just freed into serves the next allocation
  }
  return true;
}

u64 SlabCache::release_empty() {
  SpinLockGuard g(lock_);
  u64 released = 0;
  while (Slab* s = empty_.head) {
    empty_.remove(s);
    release(s);
    released += kPageSize << order_;
  }
  return released;
}

Error SlabCache::destroy() {
  {
    SpinLockGuard g(lock_);
    if (in_use_) return Error::Busy;
  }
  release_empty();
  pages_ = nullptr;
  return Error::Ok;
}

SlabCacheStats SlabCache::stats() const {
  SpinLockGuard g(lock_);
  SlabCacheStats st;
  st.name = name_;
  st.object_size = size_;
  st.stride = stride_;
  st.slab_order = order_;
  st.objects_per_slab = capacity_;
  st.in_use = in_use_;
  st.slabs = partial_.count + full_.count + empty_.count;
  st.empty_slabs = empty_.count;
  st.hits = hits_;
  st.misses = misses_;
  st.allocs = allocs_;
  st.frees = frees_;
  st.slab_bytes = st.slabs * (kPageSize << order_);
  st.metadata_bytes = st.slabs * ((kPageSize << order_) - capacity_ * stride_);
  return st;
}

bool SlabCache::check(char* why, usize cap) const {
  SpinLockGuard g(lock_);
  u64 total_in_use = 0;
  const SlabList* lists[] = {&partial_, &full_, &empty_};
  for (u8 which = 0; which < 3; ++which) {
    u64 n = 0;
    const Slab* prev = nullptr;
    for (const Slab* s = lists[which]->head; s; s = s->next, ++n) {
      if (s->magic != kMagic || s->cache != this || s->list != which || s->prev != prev) {
        format(why, cap, "cache %s: slab %p is on the wrong list or its header is corrupt", name_, s);
        return false;
      }
      prev = s;
      usize bits = 0;
      for (usize w = 0; w < (capacity_ + 63) / 64; ++w) bits += static_cast<usize>(__builtin_popcountll(s->bitmap[w]));
      usize free_len = 0;
      for (auto* o = static_cast<u8*>(s->free_head); o; o = *reinterpret_cast<u8**>(o)) {
        usize off = static_cast<usize>(o - s->objects);
        if (o < s->objects || off % stride_ || off / stride_ >= capacity_ || test(s, off / stride_) ||
            ++free_len > capacity_) {
          format(why, cap, "cache %s: slab %p free list holds bad or allocated object %p", name_, s, o);
          return false;
        }
      }
      bool right_list = which == kEmpty ? s->in_use == 0 : which == kFull ? s->in_use == capacity_
                                                                          : s->in_use > 0 && s->in_use < capacity_;
      if (bits != s->in_use || free_len != capacity_ - s->in_use || !right_list) {
        format(why, cap, "cache %s: slab %p has in_use %u, %zu bitmap bits, %zu free objects (list %u)", name_, s,
               s->in_use, bits, free_len, which);
        return false;
      }
      for (usize pg = 0; pg < (usize{1} << order_); ++pg) {
        if (pages_->owner(reinterpret_cast<const u8*>(s) + pg * kPageSize) != id_) {
          format(why, cap, "cache %s: page %zu of slab %p lacks the owner tag", name_, pg, s);
          return false;
        }
      }
      total_in_use += s->in_use;
    }
    if (n != lists[which]->count) {
      format(why, cap, "cache %s: list %u counter %llu but holds %llu slabs", name_, which,
             (unsigned long long)lists[which]->count, (unsigned long long)n);
      return false;
    }
  }
  if (total_in_use != in_use_) {
    format(why, cap, "cache %s: in_use counter %llu but slabs hold %llu", name_, (unsigned long long)in_use_,
           (unsigned long long)total_in_use);
    return false;
  }
  return true;
}

}  // namespace sis::mm
