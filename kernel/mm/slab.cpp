// SlabCache implementation: see slab.h for the two tiers, the misuse checks and invariants.
#include "mm/slab.h"

#include "lib/format.h"
#include "lib/string.h"
#include "mm/fault.h"

namespace sis::mm {
namespace {

constexpr usize kBitmapOffset = 56;  // offsetof(Slab, bitmap), checked in init
u32 (*cpu_index_fn)() = nullptr;

usize header_bytes(usize capacity, usize align) {
  return align_up(kBitmapOffset + 8 * ((capacity + 63) / 64), align);
}

inline u32 cpu_index() { return cpu_index_fn ? cpu_index_fn() % SlabCache::kMaxCpus : 0; }

}  // namespace

void set_cpu_index_fn(u32 (*fn)()) { cpu_index_fn = fn; }

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
  recip_ = ((1ull << 32) + stride_ - 1) / stride_;
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
  {
    SpinLockGuard g(lock_);  // no one else can see the cache yet; the lock costs nothing here
    partial_ = full_ = empty_ = SlabList{};
    misses_ = 0;
  }
  for (auto& m : mags_) m = Magazine{};
  pages_ = pages;
  return Error::Ok;
}

SlabCache::Slab* SlabCache::slab_of(const void* p) const {
  BuddyAllocator* z = pages_->zone_of(p);
  return z ? reinterpret_cast<Slab*>(z->block_base(p, order_)) : nullptr;
}

long SlabCache::object_index(const Slab* s, const void* p) const {
  auto* o = static_cast<const u8*>(p);
  if (o < s->objects) return -1;
  u64 off = static_cast<u64>(o - s->objects);
  u64 i = (off * recip_) >> 32;  // exact for off < 2^16 (slabs are at most 32 KiB)
  if (i >= capacity_ || i * stride_ != off) return -1;
  return static_cast<long>(i);
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
  // Thread the free list backwards so that refills hand objects out in address order.
  s->free_head = nullptr;
  for (usize i = capacity_; i-- > 0;) {
    u8* obj = s->objects + i * stride_;
    *reinterpret_cast<void**>(obj) = s->free_head;
    s->free_head = obj;
    if (s->poisoned) memset(obj + 8, kPoison, size_ > 8 ? size_ - 8 : 0);
  }
  pages_->set_owner(s, order_, id_);
  s->list = kPartial;
  partial_.push(s);
  ++misses_;
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

void SlabCache::refill(Magazine& m) {
  lock_.assert_held();
  usize want = kMagazineBatch;
  void* got[kMagazineBatch];
  usize n = 0;
  while (n < want) {
    Slab* s = partial_.head;
    if (!s && (s = empty_.head)) move(s, kPartial);
    if (!s && !(s = grow())) break;
    while (n < want && s->free_head) {
      auto* obj = static_cast<u8*>(s->free_head);
      long i = object_index(s, obj);
      if (i < 0 || test(s, static_cast<usize>(i))) {
        report_fault("slab cache %s: free list of slab %p is corrupt (next free %p): use after free?", name_, s, obj);
        s->free_head = nullptr;  // quarantine the rest of this slab's free list
        break;
      }
      s->free_head = *reinterpret_cast<void**>(obj);
      s->bitmap[i >> 6] |= 1ull << (i & 63);
      ++s->in_use;
      *reinterpret_cast<u64*>(obj) = tag(obj, s->poisoned);
      got[n++] = obj;
    }
    if (!s->free_head) move(s, kFull);
  }
  // The lowest address ends on top of the stack, so it is handed out first.
  for (usize k = n; k-- > 0;) m.objs[m.count++] = got[k];
}

void SlabCache::return_to_slab(void* obj) {
  lock_.assert_held();
  Slab* s = slab_of(obj);
  usize i = static_cast<usize>(object_index(s, obj));
  s->bitmap[i >> 6] &= ~(1ull << (i & 63));
  *reinterpret_cast<void**>(obj) = s->free_head;  // replaces the tag word
  s->free_head = obj;
  --s->in_use;
  if (s->in_use == 0) {
    if (empty_.count < kKeepEmpty) {
      move(s, kEmpty);
    } else {
      list(s->list).remove(s);
      release(s);
    }
  } else if (s->list == kFull || partial_.head != s) {
    move(s, kPartial);  // LIFO: the slab just freed into serves the next refill
  }
}

void SlabCache::flush(Magazine& m, usize count) {
  lock_.assert_held();
  // The oldest (coldest) objects go back; the most recently freed stay in the magazine.
  count = min(count, m.count);
  for (usize k = 0; k < count; ++k) return_to_slab(m.objs[k]);
  for (usize k = count; k < m.count; ++k) m.objs[k - count] = m.objs[k];
  m.count -= count;
}

bool SlabCache::in_magazine(const void* p) const {
  for (const Magazine& m : mags_)
    for (usize k = 0; k < m.count; ++k)
      if (m.objs[k] == p) return true;
  return false;
}

Result<void*> SlabCache::alloc() {
  void* obj;
  {
    IrqGuard irq;
    Magazine& m = mags_[cpu_index()];
    if (m.count == 0) {
      SpinLockGuard g(lock_);
      refill(m);
      if (m.count == 0) return Error::NoMemory;
    }
    obj = m.objs[--m.count];
    ++m.allocs;
  }
  auto* w = static_cast<u64*>(obj);
  bool poisoned = *w == tag(obj, true);
  if (!poisoned && *w != tag(obj, false)) {
    // The object stays counted as in use: quarantined, never handed out again.
    report_fault("use after free: object %p of cache %s was written at offset 0 after it was freed", obj, name_);
    return Error::Corrupt;
  }
  if (poisoned) {
    auto* b = static_cast<u8*>(obj);
    for (usize k = 8; k < size_; ++k) {
      if (b[k] != kPoison) {
        report_fault("use after free: object %p of cache %s was written at offset %zu after it was freed "
                     "(0x%02x, poison is 0x%02x)", obj, name_, k, b[k], kPoison);
        return Error::Corrupt;
      }
    }
  }
  *w = 0;
  return obj;
}

bool SlabCache::free(void* p) {
  Slab* s = slab_of(p);
  if (!s) {
    report_fault("free of foreign pointer %p: not in any RAM zone (cache %s)", p, name_);
    return false;
  }
  if (s->magic != kMagic || s->cache != this) {
    report_fault("free of foreign pointer %p: not inside a slab of cache %s", p, name_);
    return false;
  }
  long i = object_index(s, p);
  if (i < 0) {
    report_fault("free of %p: not the start of an object in slab %p of cache %s (object size %zu)", p, s, name_,
                 size_);
    return false;
  }
  auto* w = static_cast<u64*>(p);
  bool tagged = *w == tag(p, false) || *w == tag(p, true);
  if (!test(s, static_cast<usize>(i)) || (tagged && in_magazine(p))) {
    report_fault("double free of %p (cache %s, slab %p, object %ld)", p, name_, s, i);
    return false;
  }
  bool poisoned = s->poisoned;
  if (poisoned && size_ > 8) memset(static_cast<u8*>(p) + 8, kPoison, size_ - 8);
  *w = tag(p, poisoned);
  IrqGuard irq;
  Magazine& m = mags_[cpu_index()];
  if (m.count == kMagazineSize) {
    SpinLockGuard g(lock_);
    flush(m, kMagazineBatch);
  }
  m.objs[m.count++] = p;
  ++m.frees;
  return true;
}

u64 SlabCache::release_empty() {
  SpinLockGuard g(lock_);
  for (Magazine& m : mags_) flush(m, m.count);
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
    for (Magazine& m : mags_) flush(m, m.count);
    if (partial_.count || full_.count) return Error::Busy;
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
  for (const Magazine& m : mags_) {
    st.allocs += m.allocs;
    st.frees += m.frees;
    st.cached += m.count;
  }
  st.in_use = st.allocs - st.frees;
  st.slabs = partial_.count + full_.count + empty_.count;
  st.empty_slabs = empty_.count;
  st.misses = misses_;  // allocations that had to grow the cache by a slab
  st.hits = st.allocs >= misses_ ? st.allocs - misses_ : 0;
  st.slab_bytes = st.slabs * (kPageSize << order_);
  st.metadata_bytes = st.slabs * ((kPageSize << order_) - capacity_ * stride_);
  return st;
}

bool SlabCache::check(char* why, usize cap) const {
  SpinLockGuard g(lock_);
  u64 slab_in_use = 0;
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
        long i = object_index(s, o);
        if (i < 0 || test(s, static_cast<usize>(i)) || ++free_len > capacity_) {
          format(why, cap, "cache %s: slab %p free list holds bad or allocated object %p", name_, s, o);
          return false;
        }
      }
      bool right_list = which == kEmpty  ? s->in_use == 0
                        : which == kFull ? !s->free_head
                                         : s->in_use < capacity_ && s->free_head;
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
      slab_in_use += s->in_use;
    }
    if (n != lists[which]->count) {
      format(why, cap, "cache %s: list %u counter %llu but holds %llu slabs", name_, which,
             (unsigned long long)lists[which]->count, (unsigned long long)n);
      return false;
    }
  }
  u64 handed_out = 0, cached = 0;
  for (const Magazine& m : mags_) {
    handed_out += m.allocs - m.frees;
    cached += m.count;
    for (usize k = 0; k < m.count; ++k) {
      const void* o = m.objs[k];
      const Slab* s = slab_of(o);
      long i = s && s->magic == kMagic && s->cache == this ? object_index(s, o) : -1;
      u64 w = *static_cast<const u64*>(o);
      if (i < 0 || !test(s, static_cast<usize>(i)) || (w != tag(o, false) && w != tag(o, true))) {
        format(why, cap, "cache %s: magazine object %p is not a tagged, allocated object of this cache", name_, o);
        return false;
      }
    }
  }
  if (slab_in_use != handed_out + cached) {
    format(why, cap, "cache %s: slabs hold %llu objects but callers have %llu and magazines %llu", name_,
           (unsigned long long)slab_in_use, (unsigned long long)handed_out, (unsigned long long)cached);
    return false;
  }
  return true;
}

}  // namespace sis::mm
