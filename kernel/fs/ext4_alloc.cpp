// ext4 block and inode allocation through the group bitmaps.
//
// Locality: file blocks are searched from a goal (the block after the file's last one, or
// the start of the inode's group); new directories go to the emptiest group after the last
// one used, files stay in their parent's group. Groups still marked BLOCK_UNINIT or
// INODE_UNINIT get a real bitmap on first use. Frees are deferred to the pre-commit hook so
// that no block freed in a running transaction is reused before that transaction commits.
#include "fs/ext4.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {

using namespace ext4;

namespace {
bool test_bit(const u8* b, u32 i) { return b[i >> 3] & (1u << (i & 7)); }
void set_bit(u8* b, u32 i) { b[i >> 3] |= static_cast<u8>(1u << (i & 7)); }
void clear_bit(u8* b, u32 i) { b[i >> 3] &= static_cast<u8>(~(1u << (i & 7))); }
bool is_power_of(u32 n, u32 base) {
  while (n > 1 && n % base == 0) n /= base;
  return n == 1;
}
// First zero bit in [from, to), or `to`.
u32 find_zero(const u8* b, u32 from, u32 to) {
  u32 i = from;
  while (i < to && (i & 7)) {
    if (!test_bit(b, i)) return i;
    ++i;
  }
  while (i + 8 <= to && b[i >> 3] == 0xff) i += 8;
  while (i < to && test_bit(b, i)) ++i;
  return i;
}
}  // namespace

bool Ext4::group_has_super(u32 g) const {
  if (!(ro_compat_ & kRoCompatSparseSuper) || g <= 1) return true;
  return is_power_of(g, 3) || is_power_of(g, 5) || is_power_of(g, 7);
}

u32 Ext4::group_blocks(u32 g) const {
  u64 first = group_first_block(g);
  return static_cast<u32>(min<u64>(blocks_per_group_, blocks_count_ - first));
}

u32 Ext4::bitmap_csum(const u8* bits, u32 bytes) const { return crc32c_raw(csum_seed_, bits, bytes); }

Error Ext4::init_block_bitmap(u32 g, u8* bits) {
  memset(bits, 0, block_size_);
  u64 first = group_first_block(g);
  u32 n = group_blocks(g);
  if (group_has_super(g)) {
    u64 gdt_blocks = (static_cast<u64>(groups_) * desc_size_ + block_size_ - 1) / block_size_;
    u64 meta = 1 + gdt_blocks + ld16(sb_ + sb::reserved_gdt_blocks);
    for (u64 i = 0; i < meta && i < n; ++i) set_bit(bits, static_cast<u32>(i));
  }
  u64 itb = (static_cast<u64>(inodes_per_group_) * inode_size_ + block_size_ - 1) / block_size_;
  auto mark = [&](u64 b, u64 count) {
    for (u64 i = 0; i < count; ++i)
      if (b + i >= first && b + i < first + n) set_bit(bits, static_cast<u32>(b + i - first));
  };
  for (u32 h = 0; h < groups_; ++h) {
    mark(block_bitmap(h), 1);
    mark(inode_bitmap(h), 1);
    mark(inode_table(h), itb);
  }
  for (u32 i = n; i < block_size_ * 8; ++i) set_bit(bits, i);
  return Error::Ok;
}

Error Ext4::alloc_fault() {
  ++fault_alloc_count_;
  return fault_alloc_at_ && fault_alloc_count_ == fault_alloc_at_ ? fault_alloc_error_ : Error::Ok;
}

Result<u64> Ext4::alloc_blocks(u64 goal, u32 want, u32* got) {
  if (want == 0) return Error::Invalid;
  TRY(alloc_fault());
  if (free_blocks_ == 0) return Error::NoSpace;
  if (goal < first_data_block_ || goal >= blocks_count_) goal = first_data_block_;
  u32 g0 = static_cast<u32>((goal - first_data_block_) / blocks_per_group_);
  for (u32 step = 0; step <= groups_; ++step) {
    u32 g = (g0 + step) % groups_;
    if (gd_u32(g, gd::free_blocks_lo, gd::free_blocks_hi) == 0) continue;
    u16 flags = gd_flags(g);
    Buf* b;
    if (flags & kBgBlockUninit) {
      b = TRY(meta_new(block_bitmap(g)));
      init_block_bitmap(g, b->data);
    } else {
      b = TRY(meta_get(block_bitmap(g)));
    }
    u32 n = group_blocks(g);
    u32 start = step == 0 ? static_cast<u32>(goal - group_first_block(g)) : 0;
    u32 bit = find_zero(b->data, start, n);
    if (bit >= n && start) bit = find_zero(b->data, 0, n);
    if (bit >= n) {
      cache_.put(b);
      continue;  // the descriptor's count was wrong; try elsewhere
    }
    u32 run = 0;
    while (bit + run < n && run < want && run < kMaxExtentLen && !test_bit(b->data, bit + run)) {
      set_bit(b->data, bit + run);
      ++run;
    }
    if (csum_) {
      u32 c = bitmap_csum(b->data, blocks_per_group_ / 8);
      gd_set_u32(g, gd::block_bitmap_csum_lo, gd::block_bitmap_csum_hi, c);
    }
    Error e = meta_dirty(b);
    cache_.put(b);
    TRY(e);
    u32 fb = gd_u32(g, gd::free_blocks_lo, gd::free_blocks_hi);
    gd_set_u32(g, gd::free_blocks_lo, gd::free_blocks_hi, fb >= run ? fb - run : 0);
    gd_set_flags(g, flags & ~kBgBlockUninit);
    TRY(write_gd(g));
    free_blocks_ = free_blocks_ >= run ? free_blocks_ - run : 0;
    sb_dirty_ = true;
    *got = run;
    return group_first_block(g) + bit;
  }
  return Error::NoSpace;
}

Error Ext4::free_blocks(u64 start, u64 count) {
  if (!count) return Error::Ok;
  if (start < first_data_block_ || start >= blocks_count_ || count > blocks_count_ - start) return Error::Corrupt;
  if (!journal_.is_open() || !journal_.writing()) return free_blocks_now(start, count);
  if (nfrees_ && frees_[nfrees_ - 1].start + frees_[nfrees_ - 1].count == start) {
    frees_[nfrees_ - 1].count += count;
    return Error::Ok;
  }
  if (nfrees_ == frees_cap_) {
    usize nc = frees_cap_ ? frees_cap_ * 2 : 64;
    DeferredFree* n = static_cast<DeferredFree*>(env_alloc(nc * sizeof(DeferredFree)));
    if (!n) return Error::NoMemory;
    if (nfrees_) memcpy(n, frees_, nfrees_ * sizeof(DeferredFree));
    env_free(frees_);
    frees_ = n;
    frees_cap_ = nc;
  }
  frees_[nfrees_++] = {start, count};
  return Error::Ok;
}

Error Ext4::apply_deferred_frees() {
  Error first = Error::Ok;
  for (usize i = 0; i < nfrees_; ++i) {
    Error e = free_blocks_now(frees_[i].start, frees_[i].count);
    if (e != Error::Ok && first == Error::Ok) first = e;
  }
  nfrees_ = 0;
  return first;
}

Error Ext4::free_blocks_now(u64 start, u64 count) {
  while (count) {
    u32 g = static_cast<u32>((start - first_data_block_) / blocks_per_group_);
    u64 gfirst = group_first_block(g);
    u32 bit = static_cast<u32>(start - gfirst);
    u32 n = static_cast<u32>(min<u64>(count, group_blocks(g) - bit));
    u16 flags = gd_flags(g);
    Buf* b;
    if (flags & kBgBlockUninit) {
      b = TRY(meta_new(block_bitmap(g)));
      init_block_bitmap(g, b->data);
    } else {
      b = TRY(meta_get(block_bitmap(g)));
    }
    u32 freed = 0;
    for (u32 i = 0; i < n; ++i)
      if (test_bit(b->data, bit + i)) {
        clear_bit(b->data, bit + i);
        ++freed;
      }
    if (csum_) gd_set_u32(g, gd::block_bitmap_csum_lo, gd::block_bitmap_csum_hi, bitmap_csum(b->data, blocks_per_group_ / 8));
    Error e = meta_dirty(b);
    cache_.put(b);
    TRY(e);
    gd_set_u32(g, gd::free_blocks_lo, gd::free_blocks_hi, gd_u32(g, gd::free_blocks_lo, gd::free_blocks_hi) + freed);
    gd_set_flags(g, flags & ~kBgBlockUninit);
    TRY(write_gd(g));
    free_blocks_ += freed;
    sb_dirty_ = true;
    start += n;
    count -= n;
  }
  return Error::Ok;
}

Result<u32> Ext4::alloc_inode(u32 parent, bool dir) {
  TRY(alloc_fault());
  if (free_inodes_ == 0) return Error::NoSpace;
  u32 g0 = parent ? (parent - 1) / inodes_per_group_ : 0;
  if (dir && groups_ > 1) {
    // Spread directories: the next group (after the last one chosen) with at least the
    // average number of free inodes and blocks.
    u64 avg_i = free_inodes_ / groups_, avg_b = free_blocks_ / groups_;
    for (u32 step = 1; step <= groups_; ++step) {
      u32 g = (last_alloc_group_ + step) % groups_;
      if (gd_u32(g, gd::free_inodes_lo, gd::free_inodes_hi) >= max<u64>(avg_i, 1) &&
          gd_u32(g, gd::free_blocks_lo, gd::free_blocks_hi) >= avg_b) {
        g0 = g;
        break;
      }
    }
    last_alloc_group_ = g0;
  }
  for (u32 step = 0; step < groups_; ++step) {
    u32 g = (g0 + step) % groups_;
    if (gd_u32(g, gd::free_inodes_lo, gd::free_inodes_hi) == 0) continue;
    u16 flags = gd_flags(g);
    Buf* b;
    if (flags & kBgInodeUninit) {
      b = TRY(meta_new(inode_bitmap(g)));
      for (u32 i = inodes_per_group_; i < block_size_ * 8; ++i) set_bit(b->data, i);
    } else {
      b = TRY(meta_get(inode_bitmap(g)));
    }
    u32 from = g == 0 ? first_ino_ - 1 : 0;
    u32 bit = find_zero(b->data, from, inodes_per_group_);
    if (bit >= inodes_per_group_) {
      cache_.put(b);
      continue;
    }
    set_bit(b->data, bit);
    if (csum_) gd_set_u32(g, gd::inode_bitmap_csum_lo, gd::inode_bitmap_csum_hi, bitmap_csum(b->data, inodes_per_group_ / 8));
    Error e = meta_dirty(b);
    cache_.put(b);
    TRY(e);
    gd_set_u32(g, gd::free_inodes_lo, gd::free_inodes_hi, gd_u32(g, gd::free_inodes_lo, gd::free_inodes_hi) - 1);
    if (dir) gd_set_u32(g, gd::used_dirs_lo, gd::used_dirs_hi, gd_u32(g, gd::used_dirs_lo, gd::used_dirs_hi) + 1);
    u32 unused = gd_u32(g, gd::itable_unused_lo, gd::itable_unused_hi);
    if (unused > inodes_per_group_) unused = inodes_per_group_;
    if (bit >= inodes_per_group_ - unused) gd_set_u32(g, gd::itable_unused_lo, gd::itable_unused_hi, inodes_per_group_ - bit - 1);
    gd_set_flags(g, flags & ~kBgInodeUninit);
    TRY(write_gd(g));
    --free_inodes_;
    sb_dirty_ = true;
    return g * inodes_per_group_ + bit + 1;
  }
  return Error::NoSpace;
}

Error Ext4::free_inode(u32 ino, bool dir) {
  if (ino < first_ino_ || ino > inodes_count_) return Error::Corrupt;
  u32 g = (ino - 1) / inodes_per_group_;
  u32 bit = (ino - 1) % inodes_per_group_;
  Buf* b;
  b = TRY(meta_get(inode_bitmap(g)));
  bool was = test_bit(b->data, bit);
  clear_bit(b->data, bit);
  if (csum_) gd_set_u32(g, gd::inode_bitmap_csum_lo, gd::inode_bitmap_csum_hi, bitmap_csum(b->data, inodes_per_group_ / 8));
  Error e = meta_dirty(b);
  cache_.put(b);
  TRY(e);
  if (was) {
    gd_set_u32(g, gd::free_inodes_lo, gd::free_inodes_hi, gd_u32(g, gd::free_inodes_lo, gd::free_inodes_hi) + 1);
    if (dir) {
      u32 d = gd_u32(g, gd::used_dirs_lo, gd::used_dirs_hi);
      gd_set_u32(g, gd::used_dirs_lo, gd::used_dirs_hi, d ? d - 1 : 0);
    }
    ++free_inodes_;
    sb_dirty_ = true;
  }
  return write_gd(g);
}

}  // namespace sis::fs
