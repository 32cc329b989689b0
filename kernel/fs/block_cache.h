// BlockCache: the buffer cache between the file systems and a BlockDevice.
//
// Layer: below ext4/jbd2, above the block device. A fixed pool of block-sized buffers,
// allocated once at init (no allocation per I/O), found by block number through a hash
// table and recycled in least-recently-used order.
//
// Invariants:
//  - At most one Buf per block number; a Buf with refs > 0 is never recycled.
//  - Write-back: a dirty buffer reaches the device only through write_back()/sync() or when
//    its slot is recycled -- never a `journaled` one. Journaled buffers belong to the running
//    jbd2 transaction; only the journal writes them home, after their commit (that is the
//    write-ahead rule the crash safety of ext4 rests on, see jbd2.h).
//  - Read-ahead: a miss right after a miss on the previous block reads a window of up to
//    kMaxReadAhead blocks in one device request; the window doubles while reads stay
//    sequential and resets on a random read.
//  - Every block number is checked against the device size (a hostile extent pointing past
//    the end of the disk gets Error::Range, never a device request).
//  - Device errors are returned to the caller, never swallowed. Error::TimedOut means the
//    device stopped answering and may still write into the memory of the request it gave up
//    on (see virtio_blk.h): the buffer of a timed-out read stays pinned for good, and after a
//    timeout destroy() leaks the pool instead of freeing memory the device may still hold.
//    (Memory a caller passes to dev_read/read_direct is the caller's to keep.)
//  - Shrinker: under memory pressure shrink() hands whole chunks of clean, unpinned,
//    unjournaled buffers back to the allocator (never below kShrinkFloor buffers) and
//    regrow() takes them back once the pressure is gone. Every live cache is registered, so
//    the crash monitor can read their totals and shrink them all (block_cache_totals,
//    block_cache_shrink_all); the caller holds whatever lock serialises the file systems (in
//    the kernel: the command lock).
#pragma once
#include "drivers/block_device.h"
#include "lib/types.h"

namespace sis::fs {

struct Buf {
  u64 block = 0;
  u8* data = nullptr;
  u32 refs = 0;
  bool valid = false;      // data holds the block's contents
  bool dirty = false;      // data differs from the device
  bool journaled = false;  // part of the running transaction: only the journal writes it
  bool verified = false;   // its checksum was checked since it was read (the owner sets it)
  Buf* hash_next = nullptr;
  Buf* lru_prev = nullptr;
  Buf* lru_next = nullptr;
};

struct BlockCacheStats {
  u64 hits = 0, misses = 0, read_ahead = 0, reads = 0, writes = 0, flushes = 0;
  u64 blocks_read = 0, blocks_written = 0, evictions = 0;
  u64 buffers = 0, dirty = 0;
  u64 cached = 0;     // buffers holding a block
  u64 shrunk = 0;     // buffers whose memory the shrinker gave back (not in `buffers`)
};

class BlockCache {
 public:
  static constexpr u32 kMaxReadAhead = 32;
  static constexpr u32 kMaxRun = 64;  // blocks per coalesced write-back request
  // shrink() keeps at least this many buffers (or all, in a smaller cache): a jbd2
  // transaction may pin up to 8 * Journal::kOpReserve of them.
  static constexpr usize kShrinkFloor = 512;

  BlockCache() = default;
  ~BlockCache() { destroy(); }
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;

  // block_size must be a multiple of the device's sector size; nbufs >= 16.
  Error init(BlockDevice* dev, u32 block_size, usize nbufs);
  void destroy();
  bool ready() const { return dev_ != nullptr; }

  // Returns the buffer of `block`, read from the device if needed, with a reference held.
  Result<Buf*> get(u64 block);
  // Like get() but without reading: the block was just allocated; the buffer is zeroed.
  Result<Buf*> get_new(u64 block);
  void put(Buf* b);
  void mark_dirty(Buf* b) { b->dirty = true; }

  // Writes every dirty buffer that is not journaled, in block order, runs coalesced.
  Error write_back();
  // write_back() then a device flush.
  Error sync();
  Error flush();
  // Writes one buffer now (used by the journal's checkpoint) and marks it clean.
  Error write_buf(Buf* b);

  // Direct I/O for file data: whole blocks straight between the device and the caller.
  // write_direct updates any cached copy; read_direct first writes back dirty cached
  // blocks in the range so the device holds the newest data.
  Error read_direct(u64 block, u64 count, void* buf);
  Error write_direct(u64 block, u64 count, const void* buf);
  // Raw device access in blocks, bypassing the cache (the journal's own log blocks).
  Error dev_read(u64 block, u64 count, void* buf);
  Error dev_write(u64 block, u64 count, const void* buf);

  // Crash injection (crash.inject write-crash mid-data): once `blocks` more blocks went out
  // through write_direct()/write_back() (file data in ordered mode), `hook` runs instead of
  // the next write, as if the power failed there: a request that crosses the limit is cut at
  // it, so the device holds exactly `blocks` of them. The hook panics in the kernel; if it
  // returns (host tests copy the device there), the write fails with Error::Io. One shot.
  using WriteTripHook = void (*)(void* ctx, u64 written);
  void set_write_tripwire(u64 blocks, WriteTripHook hook, void* ctx) {
    trip_left_ = blocks;
    trip_written_ = 0;
    trip_hook_ = hook;
    trip_ctx_ = ctx;
  }
  void clear_write_tripwire() { trip_hook_ = nullptr; }
  bool write_tripwire_armed() const { return trip_hook_ != nullptr; }

  // Forgets cached copies (after a replay rewrote blocks behind the cache's back).
  void invalidate_all();
  // Called when every buffer is pinned or journaled: the owner (jbd2) commits to free some.
  void set_pressure_hook(Error (*hook)(void* ctx), void* ctx) { pressure_hook_ = hook; pressure_ctx_ = ctx; }

  u32 block_size() const { return block_size_; }
  u64 block_count() const { return block_count_; }
  BlockDevice* device() const { return dev_; }
  // A device request timed out (the device may still hold some of our memory).
  bool device_timed_out() const { return dev_timed_out_; }
  BlockCacheStats stats() const;
  usize capacity() const { return nbufs_; }

  // Gives back the memory of up to `bytes` (rounded up to whole chunks of kChunkBufs
  // buffers): newest chunks first, only chunks whose buffers are all unpinned, clean (dirty
  // ones are written back first) and not journaled. Returns the bytes freed.
  u64 shrink(u64 bytes);
  // Allocates the chunks shrink() gave back (as many as memory allows); returns the bytes.
  u64 regrow();
  // Bytes of buffer memory the pool holds now.
  u64 pool_bytes() const { return (nbufs_ - shrunk_bufs_) * static_cast<u64>(block_size_); }

 private:
  Buf* lookup(u64 block);
  Result<Buf*> take_slot();  // an unused or recyclable buffer, unhashed
  void hash_insert(Buf* b);
  void hash_remove(Buf* b);
  void lru_touch(Buf* b);
  void lru_unlink(Buf* b);
  usize chunk_bufs(usize c) const { return min<usize>(kChunkBufs, nbufs_ - c * kChunkBufs); }
  Error read_ahead(u64 block, Buf* first);
  Error check_range(u64 block, u64 count) const;
  // How many of `count` blocks may go out before the tripwire fires (count when unarmed).
  u64 trip_allow(u64 count) const { return trip_hook_ && count > trip_left_ ? trip_left_ : count; }
  void trip_wrote(u64 n) {
    if (!trip_hook_) return;
    trip_left_ -= n;
    trip_written_ += n;
  }
  Error trip_fire();  // runs the hook (disarmed first); Error::Io if it returns
  Error note(Error e) {  // every device result passes here
    if (e == Error::TimedOut) dev_timed_out_ = true;
    return e;
  }

  BlockDevice* dev_ = nullptr;
  u32 block_size_ = 0;
  u32 sectors_per_block_ = 0;
  u64 block_count_ = 0;
  usize nbufs_ = 0;
  Buf* bufs_ = nullptr;
  static constexpr usize kChunkBufs = 16;
  u8** chunks_ = nullptr;
  usize nchunks_ = 0;
  u8* pool_ = nullptr;  // first chunk (non-null once initialised)
  u8* staging_ = nullptr;  // kMaxRun blocks, for read-ahead and coalesced writes
  Buf** buckets_ = nullptr;
  usize nbuckets_ = 0;
  Buf* lru_head_ = nullptr;  // most recently used
  Buf* lru_tail_ = nullptr;
  Buf** sort_ = nullptr;     // nbufs_ pointers, for write_back ordering
  u64 last_miss_ = ~0ull;
  u32 ra_window_ = 0;
  Error (*pressure_hook_)(void*) = nullptr;
  void* pressure_ctx_ = nullptr;
  bool in_pressure_ = false;
  bool dev_timed_out_ = false;
  WriteTripHook trip_hook_ = nullptr;
  void* trip_ctx_ = nullptr;
  u64 trip_left_ = 0, trip_written_ = 0;
  usize shrunk_bufs_ = 0;  // buffers in chunks shrink() freed (data == nullptr)
  BlockCacheStats st_;
};

// Every initialised cache, for the crash monitor (kernel/ai/monitor.cpp).
struct BlockCacheTotals {
  usize caches = 0;
  u64 pool_bytes = 0;    // buffer memory held now
  u64 cached_bytes = 0;  // of which holds blocks
  u64 hits = 0, misses = 0;
};
BlockCacheTotals block_cache_totals();
// shrink() over every cache until `bytes` are freed; returns the bytes freed.
u64 block_cache_shrink_all(u64 bytes);
// regrow() over every cache; returns the bytes taken back.
u64 block_cache_regrow_all();

}  // namespace sis::fs
