// Shared read-only program pages (image_cache.h).
#include "proc/image_cache.h"

#include "arch/arch.h"
#include "core/spinlock.h"
#include "lib/env.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/address_space.h"
#include "proc/frames.h"
#include "proc/user_layout.h"

namespace sis::proc {
namespace {

struct Entry {
  bool used = false;
  char path[128] = {};
  const fs::FileSystem* fs = nullptr;
  u64 seq = 0;  // the file system's change_seq() when the pages were taken
  u64 ino = 0, size = 0;
  i64 mtime = 0;
  u64 image_start = 0, image_end = 0;
  u64* frames = nullptr;  // one per image page: the frame, 0 for a page not cached
  u64 cached = 0;         // non-zero frames
  u64 last_use = 0;
};

SpinLock lock;
Entry entries[kImageCacheEntries] SIS_GUARDED_BY(lock);
u64 clock SIS_GUARDED_BY(lock) = 0;
ImageCacheStats stats SIS_GUARDED_BY(lock);

u64 page_count(const LoadPlan& plan) { return (plan.image_end - plan.image_start) / kUserPage; }

bool matches(const Entry& e, const ImageFile& f, const LoadPlan& plan) {
  return e.used && e.fs == f.fs && e.ino == f.ino && e.size == f.size && e.mtime == f.mtime &&
         !f.fs->changed_since(f.ino, e.seq) && e.image_start == plan.image_start && e.image_end == plan.image_end &&
         StrView(e.path) == StrView(f.path);
}

// Drops an entry's references (its frames live on where processes map them).
void drop(Entry& e) SIS_REQUIRES(lock) {
  u64 n = (e.image_end - e.image_start) / kUserPage;
  for (u64 i = 0; i < n; ++i)
    if (e.frames[i]) frame_put(e.frames[i]);
  stats.pages -= e.cached;
  --stats.entries;
  kfree(e.frames);
  e = Entry{};
}

}  // namespace

bool image_page_cacheable(const LoadPlan& plan, u64 page) {
  u8 prot = page_prot(plan, page);
  return prot != 0 && !(prot & kProtWrite);
}

Result<usize> image_cache_map(const ImageFile& file, const LoadPlan& plan, AddressSpace* as) {
  u64 n = page_count(plan);
  auto* frames = static_cast<u64*>(kmalloc(n * sizeof(u64)));
  if (!frames) return Error::NoMemory;
  usize found = 0;
  {
    SpinLockGuard g(lock);
    for (Entry& e : entries) {
      if (!file.fs || !matches(e, file, plan)) continue;
      e.last_use = ++clock;
      for (u64 i = 0; i < n; ++i) {
        frames[i] = e.frames[i];
        if (frames[i]) {
          frame_get(frames[i]);  // this exec's reference, taken while the entry surely lives
          ++found;
        }
      }
      break;
    }
    if (found) {
      ++stats.hits;
      stats.pages_mapped += found;
    } else {
      ++stats.misses;
    }
  }
  Error e = Error::Ok;
  for (u64 i = 0; i < n && found; ++i) {
    if (!frames[i]) continue;
    if (e == Error::Ok) e = as->map_frame(plan.image_start + i * kUserPage, frames[i]);  // the reference moves
    else frame_put(frames[i]);
  }
  kfree(frames);
  if (e != Error::Ok) return e;
  return found;
}

void image_cache_adopt(const ImageFile& file, const LoadPlan& plan, AddressSpace* as) {
  if (!file.fs || !file.fs->tracks_changes() || strlen(file.path) >= sizeof(Entry::path)) return;
  u64 n = page_count(plan);
  auto* frames = static_cast<u64*>(kmalloc(n * sizeof(u64)));
  if (!frames) return;
  u64 cached = 0;
  for (u64 i = 0; i < n; ++i) {
    u64 page = plan.image_start + i * kUserPage;
    frames[i] = 0;
    if (!image_page_cacheable(plan, page)) continue;
    auto tr = arch::translate(as->table(), page);
    if (!tr.ok() || tr->guard) continue;
    frames[i] = tr->pa & ~(kUserPage - 1);
    frame_get(frames[i]);
    ++cached;
  }
  SpinLockGuard g(lock);
  if (cached == 0 || cached > kMaxImageCachePages) {
    for (u64 i = 0; i < n; ++i)
      if (frames[i]) frame_put(frames[i]);
    kfree(frames);
    return;
  }
  // Room: the same program's old entry goes, then the least recently used ones.
  for (Entry& e : entries)
    if (e.used && StrView(e.path) == StrView(file.path)) drop(e);
  for (;;) {
    Entry* free_slot = nullptr;
    Entry* oldest = nullptr;
    for (Entry& e : entries) {
      if (!e.used) free_slot = free_slot ? free_slot : &e;
      else if (!oldest || e.last_use < oldest->last_use) oldest = &e;
    }
    if (free_slot && stats.pages + cached <= kMaxImageCachePages) {
      Entry& e = *free_slot;
      e.used = true;
      memcpy(e.path, file.path, strlen(file.path) + 1);
      e.ino = file.ino;
      e.size = file.size;
      e.mtime = file.mtime;
      e.fs = file.fs;
      e.seq = file.fs->change_seq();
      e.image_start = plan.image_start;
      e.image_end = plan.image_end;
      e.frames = frames;
      e.cached = cached;
      e.last_use = ++clock;
      stats.pages += cached;
      ++stats.entries;
      return;
    }
    drop(*oldest);  // cached <= the limit, so emptying every entry always makes room
  }
}

u64 image_cache_release() {
  SpinLockGuard g(lock);
  u64 pages = stats.pages;
  for (Entry& e : entries)
    if (e.used) drop(e);
  if (pages) ++stats.releases;
  return pages;
}

ImageCacheStats image_cache_stats() {
  SpinLockGuard g(lock);
  return stats;
}

}  // namespace sis::proc
