// BlockCache implementation: hash table + LRU list over a fixed pool (see block_cache.h).
#include "fs/block_cache.h"

#include "lib/env.h"

namespace sis::fs {
namespace {
// The live caches (block_cache_totals, block_cache_shrink_all). A handful at most: one per
// mounted ext4 file system.
constexpr usize kMaxCaches = 8;
BlockCache* g_caches[kMaxCaches] = {};

void register_cache(BlockCache* c) {
  for (BlockCache*& slot : g_caches)
    if (!slot) {
      slot = c;
      return;
    }
}

void unregister_cache(BlockCache* c) {
  for (BlockCache*& slot : g_caches)
    if (slot == c) slot = nullptr;
}
}  // namespace

Error BlockCache::init(BlockDevice* dev, u32 block_size, usize nbufs) {
  destroy();
  if (!dev || nbufs < 16 || block_size == 0 || dev->sector_size() == 0 || block_size % dev->sector_size())
    return Error::Invalid;
  block_size_ = block_size;
  sectors_per_block_ = block_size / dev->sector_size();
  block_count_ = dev->sector_count() / sectors_per_block_;
  nbufs_ = nbufs;
  nbuckets_ = 1;
  while (nbuckets_ < nbufs) nbuckets_ <<= 1;
  bufs_ = static_cast<Buf*>(env_zalloc(sizeof(Buf) * nbufs));
  // The pool comes in chunks of kChunkBufs buffers: no huge physically contiguous allocation.
  nchunks_ = (nbufs + kChunkBufs - 1) / kChunkBufs;
  chunks_ = static_cast<u8**>(env_zalloc(sizeof(u8*) * nchunks_));
  bool chunks_ok = chunks_ != nullptr;
  for (usize c = 0; chunks_ok && c < nchunks_; ++c) {
    chunks_[c] = static_cast<u8*>(env_alloc(static_cast<usize>(block_size) * kChunkBufs));
    chunks_ok = chunks_[c] != nullptr;
  }
  pool_ = chunks_ok ? chunks_[0] : nullptr;
  staging_ = static_cast<u8*>(env_alloc(static_cast<usize>(block_size) * kMaxRun));
  buckets_ = static_cast<Buf**>(env_zalloc(sizeof(Buf*) * nbuckets_));
  sort_ = static_cast<Buf**>(env_alloc(sizeof(Buf*) * nbufs));
  if (!bufs_ || !pool_ || !staging_ || !buckets_ || !sort_) {
    destroy();
    return Error::NoMemory;
  }
  for (usize i = 0; i < nbufs; ++i) {
    Buf* b = &bufs_[i];
    *b = Buf{};
    b->data = chunks_[i / kChunkBufs] + (i % kChunkBufs) * block_size;
    b->lru_prev = i ? &bufs_[i - 1] : nullptr;
    b->lru_next = i + 1 < nbufs ? &bufs_[i + 1] : nullptr;
  }
  lru_head_ = &bufs_[0];
  lru_tail_ = &bufs_[nbufs - 1];
  st_ = BlockCacheStats{};
  shrunk_bufs_ = 0;
  dev_ = dev;
  register_cache(this);
  return Error::Ok;
}

void BlockCache::destroy() {
  unregister_cache(this);
  if (dev_timed_out_) {
    // The device may still write into the pool or the staging area: never hand that memory
    // back to the allocator. Forget it (a leak of at most one cache, after a dead disk).
    bufs_ = nullptr;
    chunks_ = nullptr;
    nchunks_ = 0;
    staging_ = nullptr;
    dev_timed_out_ = false;
  }
  env_free(bufs_);
  for (usize c = 0; chunks_ && c < nchunks_; ++c) env_free(chunks_[c]);
  env_free(chunks_);
  chunks_ = nullptr;
  nchunks_ = 0;
  env_free(staging_);
  env_free(buckets_);
  env_free(sort_);
  bufs_ = nullptr;
  pool_ = staging_ = nullptr;
  buckets_ = sort_ = nullptr;
  dev_ = nullptr;
  lru_head_ = lru_tail_ = nullptr;
  nbufs_ = 0;
  shrunk_bufs_ = 0;
}

Error BlockCache::check_range(u64 block, u64 count) const {
  if (block >= block_count_ || count > block_count_ - block) return Error::Range;
  return Error::Ok;
}

Buf* BlockCache::lookup(u64 block) {
  for (Buf* b = buckets_[block & (nbuckets_ - 1)]; b; b = b->hash_next)
    if (b->block == block && b->valid) return b;
  return nullptr;
}

void BlockCache::hash_insert(Buf* b) {
  Buf** head = &buckets_[b->block & (nbuckets_ - 1)];
  b->hash_next = *head;
  *head = b;
}

void BlockCache::hash_remove(Buf* b) {
  Buf** p = &buckets_[b->block & (nbuckets_ - 1)];
  while (*p && *p != b) p = &(*p)->hash_next;
  if (*p) *p = b->hash_next;
  b->hash_next = nullptr;
}

void BlockCache::lru_touch(Buf* b) {
  if (b == lru_head_) return;
  // unlink
  if (b->lru_prev) b->lru_prev->lru_next = b->lru_next;
  if (b->lru_next) b->lru_next->lru_prev = b->lru_prev;
  if (b == lru_tail_) lru_tail_ = b->lru_prev;
  // push front
  b->lru_prev = nullptr;
  b->lru_next = lru_head_;
  if (lru_head_) lru_head_->lru_prev = b;
  lru_head_ = b;
  if (!lru_tail_) lru_tail_ = b;
}

void BlockCache::lru_unlink(Buf* b) {
  if (b->lru_prev) b->lru_prev->lru_next = b->lru_next;
  if (b->lru_next) b->lru_next->lru_prev = b->lru_prev;
  if (b == lru_head_) lru_head_ = b->lru_next;
  if (b == lru_tail_) lru_tail_ = b->lru_prev;
  b->lru_prev = b->lru_next = nullptr;
}

Result<Buf*> BlockCache::take_slot() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    for (Buf* b = lru_tail_; b; b = b->lru_prev) {
      if (b->refs || b->dirty || b->journaled) continue;
      if (b->valid) {
        hash_remove(b);
        b->valid = false;
        ++st_.evictions;
      }
      return b;
    }
    // Everything is pinned or dirty: write back what we may, then ask the journal.
    if (attempt == 0) {
      TRY(write_back());
    } else if (attempt == 1 && pressure_hook_ && !in_pressure_) {
      in_pressure_ = true;
      Error e = pressure_hook_(pressure_ctx_);
      in_pressure_ = false;
      if (e != Error::Ok) return e;
    }
  }
  return Error::NoMemory;
}

Error BlockCache::read_ahead(u64 block, Buf* first) {
  // Window of blocks not yet cached, starting at `block`.
  u32 want = min<u64>(ra_window_, block_count_ - block);
  u32 n = 1;
  while (n < want && !lookup(block + n)) ++n;
  if (n == 1) {
    Error e = note(dev_->read(block * sectors_per_block_, sectors_per_block_, first->data));
    ++st_.reads;
    ++st_.blocks_read;
    return e;
  }
  Error e = note(dev_->read(block * sectors_per_block_, n * sectors_per_block_, staging_));
  ++st_.reads;
  st_.blocks_read += n;
  if (e != Error::Ok) return e;
  last_miss_ = block + n;
  memcpy(first->data, staging_, block_size_);
  // Extra blocks go into free slots only; read-ahead never forces a write-back.
  for (u32 i = 1; i < n; ++i) {
    Buf* b = nullptr;
    for (Buf* c = lru_tail_; c; c = c->lru_prev)
      if (!c->refs && !c->dirty && !c->journaled && c != first) { b = c; break; }
    if (!b) break;
    if (b->valid) { hash_remove(b); ++st_.evictions; }
    b->block = block + i;
    memcpy(b->data, staging_ + static_cast<usize>(i) * block_size_, block_size_);
    b->valid = true;
    b->verified = false;
    hash_insert(b);
    lru_touch(b);  // (else the next extra block would recycle this very slot)
    ++st_.read_ahead;
  }
  return Error::Ok;
}

Result<Buf*> BlockCache::get(u64 block) {
  TRY(check_range(block, 1));
  if (Buf* b = lookup(block)) {
    ++st_.hits;
    ++b->refs;
    lru_touch(b);
    return b;
  }
  ++st_.misses;
  Buf* b;
  b = TRY(take_slot());
  b->refs = 1;  // pin while reading: read-ahead must not recycle it
  // Sequential: this miss starts where the previous miss's read ended.
  if (block == last_miss_ && block != 0) ra_window_ = ra_window_ ? min<u32>(ra_window_ * 2, kMaxReadAhead) : 4;
  else ra_window_ = 0;
  last_miss_ = block + 1;
  Error e = ra_window_ ? read_ahead(block, b) : Error::Ok;
  if (!ra_window_) {
    e = note(dev_->read(block * sectors_per_block_, sectors_per_block_, b->data));
    ++st_.reads;
    ++st_.blocks_read;
  }
  if (e != Error::Ok) {
    // Timed out: the device may still write into b->data later, so b stays pinned (refs 1,
    // not hashed, not valid) and is never recycled.
    if (e != Error::TimedOut) b->refs = 0;
    return e;
  }
  b->block = block;
  b->valid = true;
  b->dirty = b->journaled = b->verified = false;
  hash_insert(b);
  lru_touch(b);
  return b;
}

Result<Buf*> BlockCache::get_new(u64 block) {
  TRY(check_range(block, 1));
  Buf* b = lookup(block);
  if (!b) {
    b = TRY(take_slot());
    b->block = block;
    b->valid = true;
    b->dirty = b->journaled = false;
    hash_insert(b);
  }
  ++b->refs;
  b->verified = true;  // its owner fills it in, checksum included
  memset(b->data, 0, block_size_);
  lru_touch(b);
  return b;
}

void BlockCache::put(Buf* b) {
  if (b && b->refs) --b->refs;
}

Error BlockCache::write_buf(Buf* b) {
  Error e = note(dev_->write(b->block * sectors_per_block_, sectors_per_block_, b->data));
  ++st_.writes;
  ++st_.blocks_written;
  if (e == Error::Ok) b->dirty = false;
  return e;
}

Error BlockCache::write_back() {
  if (!dev_) return Error::Invalid;
  usize n = 0;
  for (usize i = 0; i < nbufs_; ++i)
    if (bufs_[i].valid && bufs_[i].dirty && !bufs_[i].journaled) sort_[n++] = &bufs_[i];
  if (!n) return Error::Ok;
  // Shell sort by block number (n is at most a few thousand).
  for (usize gap = n / 2; gap; gap /= 2)
    for (usize i = gap; i < n; ++i)
      for (usize j = i; j >= gap && sort_[j - gap]->block > sort_[j]->block; j -= gap) {
        Buf* t = sort_[j];
        sort_[j] = sort_[j - gap];
        sort_[j - gap] = t;
      }
  Error first_error = Error::Ok;
  for (usize i = 0; i < n;) {
    usize run = 1;
    while (i + run < n && run < kMaxRun && sort_[i + run]->block == sort_[i]->block + run) ++run;
    const usize whole = run;
    run = static_cast<usize>(trip_allow(run));
    if (run == 0) return trip_fire();
    Error e;
    if (run == 1) {
      e = note(dev_->write(sort_[i]->block * sectors_per_block_, sectors_per_block_, sort_[i]->data));
    } else {
      for (usize k = 0; k < run; ++k) memcpy(staging_ + k * block_size_, sort_[i + k]->data, block_size_);
      e = note(dev_->write(sort_[i]->block * sectors_per_block_, static_cast<u32>(run * sectors_per_block_), staging_));
    }
    ++st_.writes;
    st_.blocks_written += run;
    if (e == Error::Ok)
      for (usize k = 0; k < run; ++k) sort_[i + k]->dirty = false;
    else if (first_error == Error::Ok)
      first_error = e;
    trip_wrote(run);
    if (run < whole) return trip_fire();
    i += run;
  }
  return first_error;
}

Error BlockCache::trip_fire() {
  WriteTripHook hook = trip_hook_;
  trip_hook_ = nullptr;
  hook(trip_ctx_, trip_written_);
  return Error::Io;  // the "power failed": nothing after this point reaches the device
}

Error BlockCache::flush() {
  ++st_.flushes;
  return note(dev_->flush());
}

Error BlockCache::sync() {
  TRY(write_back());
  return flush();
}

Error BlockCache::dev_read(u64 block, u64 count, void* buf) {
  TRY(check_range(block, count));
  u8* p = static_cast<u8*>(buf);
  while (count) {
    u32 n = static_cast<u32>(min<u64>(count, 2048));
    TRY(note(dev_->read(block * sectors_per_block_, n * sectors_per_block_, p)));
    ++st_.reads;
    st_.blocks_read += n;
    block += n;
    count -= n;
    p += static_cast<usize>(n) * block_size_;
  }
  return Error::Ok;
}

Error BlockCache::dev_write(u64 block, u64 count, const void* buf) {
  TRY(check_range(block, count));
  const u8* p = static_cast<const u8*>(buf);
  while (count) {
    u32 n = static_cast<u32>(min<u64>(count, 2048));
    TRY(note(dev_->write(block * sectors_per_block_, n * sectors_per_block_, p)));
    ++st_.writes;
    st_.blocks_written += n;
    block += n;
    count -= n;
    p += static_cast<usize>(n) * block_size_;
  }
  return Error::Ok;
}

Error BlockCache::read_direct(u64 block, u64 count, void* buf) {
  TRY(check_range(block, count));
  // Newest data may be in dirty buffers: copy those over what the device returns.
  TRY(dev_read(block, count, buf));
  for (u64 i = 0; i < count; ++i) {
    Buf* b = lookup(block + i);
    if (b && b->dirty) memcpy(static_cast<u8*>(buf) + i * block_size_, b->data, block_size_);
  }
  return Error::Ok;
}

Error BlockCache::write_direct(u64 block, u64 count, const void* buf) {
  TRY(check_range(block, count));
  const u64 whole = count;
  count = trip_allow(count);
  if (count) TRY(dev_write(block, count, buf));
  trip_wrote(count);
  for (u64 i = 0; i < count; ++i) {
    Buf* b = lookup(block + i);
    if (!b) continue;
    memcpy(b->data, static_cast<const u8*>(buf) + i * block_size_, block_size_);
    b->dirty = false;
    b->verified = false;
  }
  return count < whole ? trip_fire() : Error::Ok;
}

void BlockCache::invalidate_all() {
  for (usize i = 0; i < nbufs_; ++i) {
    Buf* b = &bufs_[i];
    if (b->valid && !b->refs) {
      hash_remove(b);
      b->valid = b->dirty = b->journaled = false;
    }
  }
  last_miss_ = ~0ull;
  ra_window_ = 0;
}

BlockCacheStats BlockCache::stats() const {
  BlockCacheStats s = st_;
  s.buffers = nbufs_ - shrunk_bufs_;
  s.shrunk = shrunk_bufs_;
  s.dirty = 0;
  for (usize i = 0; i < nbufs_; ++i) {
    if (bufs_[i].valid && bufs_[i].dirty) ++s.dirty;
    if (bufs_[i].valid) ++s.cached;
  }
  return s;
}

u64 BlockCache::shrink(u64 bytes) {
  if (!dev_ || !bytes) return 0;
  usize floor = min(nbufs_, kShrinkFloor);
  bool wrote_back = false;
  u64 freed = 0;
  // Newest chunks first; chunk 0 is never freed (the floor is at least one chunk).
  for (usize c = nchunks_; c-- > 1 && freed < bytes;) {
    usize n = chunk_bufs(c);
    if (!chunks_[c] || nbufs_ - shrunk_bufs_ - n < floor) continue;
    Buf* first = &bufs_[c * kChunkBufs];
    bool busy = false, dirty = false;
    for (usize i = 0; i < n; ++i) {
      busy |= first[i].refs || first[i].journaled;
      dirty |= first[i].valid && first[i].dirty;
    }
    if (busy) continue;
    if (dirty && !wrote_back) {
      wrote_back = true;  // once per call: write_back() covers every dirty buffer
      if (write_back() != Error::Ok) continue;
    }
    bool clean = true;
    for (usize i = 0; i < n; ++i) clean &= !(first[i].valid && first[i].dirty) && !first[i].refs;
    if (!clean) continue;
    for (usize i = 0; i < n; ++i) {
      Buf* b = &first[i];
      if (b->valid) {
        hash_remove(b);
        ++st_.evictions;
      }
      lru_unlink(b);
      *b = Buf{};  // data == nullptr: not in the pool until regrow()
    }
    env_free(chunks_[c]);
    chunks_[c] = nullptr;
    shrunk_bufs_ += n;
    freed += static_cast<u64>(n) * block_size_;
  }
  return freed;
}

u64 BlockCache::regrow() {
  if (!dev_ || !shrunk_bufs_) return 0;
  u64 got = 0;
  for (usize c = 1; c < nchunks_; ++c) {
    if (chunks_[c]) continue;
    usize n = chunk_bufs(c);
    chunks_[c] = static_cast<u8*>(env_alloc(static_cast<usize>(block_size_) * kChunkBufs));
    if (!chunks_[c]) break;  // still short of memory: stay smaller
    for (usize i = 0; i < n; ++i) {
      Buf* b = &bufs_[c * kChunkBufs + i];
      *b = Buf{};
      b->data = chunks_[c] + i * block_size_;
      // At the LRU tail: free slots, recycled first.
      b->lru_prev = lru_tail_;
      if (lru_tail_) lru_tail_->lru_next = b;
      lru_tail_ = b;
      if (!lru_head_) lru_head_ = b;
    }
    shrunk_bufs_ -= n;
    got += static_cast<u64>(n) * block_size_;
  }
  return got;
}

BlockCacheTotals block_cache_totals() {
  BlockCacheTotals t;
  for (BlockCache* c : g_caches) {
    if (!c) continue;
    BlockCacheStats s = c->stats();
    ++t.caches;
    t.pool_bytes += c->pool_bytes();
    t.cached_bytes += s.cached * c->block_size();
    t.hits += s.hits;
    t.misses += s.misses;
  }
  return t;
}

u64 block_cache_shrink_all(u64 bytes) {
  u64 freed = 0;
  for (BlockCache* c : g_caches)
    if (c && freed < bytes) freed += c->shrink(bytes - freed);
  return freed;
}

u64 block_cache_regrow_all() {
  u64 got = 0;
  for (BlockCache* c : g_caches)
    if (c) got += c->regrow();
  return got;
}

}  // namespace sis::fs
