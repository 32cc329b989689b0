// ext4 "system zone": the block ranges no file's extent may claim (as Linux's
// ext4_inode_block_valid / block_validity).
//
// A hostile image can point a file's extent at the superblock, the group descriptors or an
// inode table. Reading such a file would show metadata as data, writing it would overwrite
// metadata, and deleting it would free the blocks, so that the next allocation overwrites
// the descriptors. Every extent (and extent-tree block) is therefore checked against:
//   - block 0 up to the first data block, each superblock copy with its descriptor copy and
//     the reserved GDT blocks (sparse_super groups), every group's bitmaps and inode table
//     (owner 0: nobody may map them);
//   - the journal's blocks (owner: the journal inode, which alone may map them);
//   - the root directory's blocks (owner: the root inode). The root is not metadata to
//     Linux, but a file cross-linked with it destroys the whole tree when deleted, and its
//     blocks are cheap to know: they are read (lazily) from the root inode again whenever it
//     is written.
// The metadata and journal ranges are sorted and merged once per mount; a lookup is a binary
// search.
#include "fs/ext4.h"

#include "lib/env.h"

namespace sis::fs {

using namespace ext4;

namespace {

void sift_down(Ext4::ZoneRange* v, usize root, usize n) {
  for (;;) {
    usize child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && v[child + 1].start > v[child].start) ++child;
    if (v[root].start >= v[child].start) return;
    Ext4::ZoneRange t = v[root];
    v[root] = v[child];
    v[child] = t;
    root = child;
  }
}

// Heap sort by start: O(n log n) with no extra memory (a zone has a few ranges per group).
void sort_by_start(Ext4::ZoneRange* v, usize n) {
  for (usize i = n / 2; i-- > 0;) sift_down(v, i, n);
  for (usize end = n; end > 1; --end) {
    Ext4::ZoneRange t = v[0];
    v[0] = v[end - 1];
    v[end - 1] = t;
    sift_down(v, 0, end - 1);
  }
}

bool overlaps(u64 a, u64 alen, u64 b, u64 blen) { return a < b + blen && b < a + alen; }

}  // namespace

Error Ext4::zone_add(u64 start, u64 len, u32 owner) {
  if (!len) return Error::Ok;
  if (nzone_ == zone_cap_) {
    usize nc = zone_cap_ ? zone_cap_ * 2 : 64;
    ZoneRange* nv = static_cast<ZoneRange*>(env_alloc(nc * sizeof(ZoneRange)));
    if (!nv) return Error::NoMemory;
    if (nzone_) memcpy(nv, zone_, nzone_ * sizeof(ZoneRange));
    env_free(zone_);
    zone_ = nv;
    zone_cap_ = nc;
  }
  zone_[nzone_++] = {start, len, owner};
  return Error::Ok;
}

// Sorts the ranges and merges those of one owner that touch or overlap. Ranges of different
// owners must not overlap (a journal inside an inode table is a corrupt image).
Error Ext4::zone_finish() {
  sort_by_start(zone_, nzone_);
  usize m = 0;
  for (usize i = 0; i < nzone_; ++i) {
    ZoneRange r = zone_[i];
    if (m) {
      ZoneRange& last = zone_[m - 1];
      if (r.start <= last.start + last.len) {
        if (r.owner != last.owner && r.start < last.start + last.len) return Error::Corrupt;
        if (r.owner == last.owner) {
          last.len = max(last.start + last.len, r.start + r.len) - last.start;
          continue;
        }
      }
    }
    zone_[m++] = r;
  }
  nzone_ = m;
  return Error::Ok;
}

Error Ext4::zone_build() {
  nzone_ = 0;
  root_zone_valid_ = false;
  TRY(zone_add(0, first_data_block_, 0));
  const u64 gdt_blocks = (static_cast<u64>(groups_) * desc_size_ + block_size_ - 1) / block_size_;
  const u64 itable_blocks = (static_cast<u64>(inodes_per_group_) * inode_size_ + block_size_ - 1) / block_size_;
  const u64 reserved_gdt = ld16(sb_ + sb::reserved_gdt_blocks);
  for (u32 g = 0; g < groups_; ++g) {
    if (group_has_super(g)) {
      u64 first = group_first_block(g);
      TRY(zone_add(first, min<u64>(1 + gdt_blocks + reserved_gdt, blocks_count_ - first), 0));
    }
    TRY(zone_add(block_bitmap(g), 1, 0));
    TRY(zone_add(inode_bitmap(g), 1, 0));
    TRY(zone_add(inode_table(g), itable_blocks, 0));
  }
  return zone_finish();
}

Error Ext4::zone_add_journal(u32 jino, const ExtentList& list) {
  for (usize i = 0; i < list.n; ++i) TRY(zone_add(list.v[i].pblk, list.v[i].len, jino));
  for (usize i = 0; i < list.ntree; ++i) TRY(zone_add(list.tree[i], 1, jino));
  return zone_finish();
}

void Ext4::zone_load_root() {
  nroot_zone_ = 0;
  root_zone_valid_ = true;  // also on failure: a root we cannot read protects nothing
  Inode root;
  if (read_inode(kRootIno, &root) != Error::Ok) return;
  if (!(ld32(root.raw + in::flags) & kInodeFlagExtents) || (ld32(root.raw + in::flags) & kInodeFlagInlineData)) return;
  ExtentList list;
  if (collect_extents(root, &list) != Error::Ok) return;
  usize need = list.n + list.ntree;
  if (need > root_zone_cap_) {
    ZoneRange* nv = static_cast<ZoneRange*>(env_alloc(need * sizeof(ZoneRange)));
    if (!nv) return;
    env_free(root_zone_);
    root_zone_ = nv;
    root_zone_cap_ = need;
  }
  for (usize i = 0; i < list.n; ++i) root_zone_[nroot_zone_++] = {list.v[i].pblk, list.v[i].len, kRootIno};
  for (usize i = 0; i < list.ntree; ++i) root_zone_[nroot_zone_++] = {list.tree[i], 1, kRootIno};
}

bool Ext4::blocks_ok(u32 ino, u64 start, u64 len) {
  if (len == 0 || start < first_data_block_ || start >= blocks_count_ || len > blocks_count_ - start) return false;
  // The first range that ends after `start` (ranges are disjoint, so their ends are sorted too).
  usize lo = 0, hi = nzone_;
  while (lo < hi) {
    usize mid = (lo + hi) / 2;
    if (zone_[mid].start + zone_[mid].len <= start) lo = mid + 1;
    else hi = mid;
  }
  for (usize i = lo; i < nzone_ && zone_[i].start < start + len; ++i)
    if (zone_[i].owner != ino) return false;
  if (ino != kRootIno) {
    if (!root_zone_valid_) zone_load_root();  // (checks the root's own extents with ino == kRootIno)
    for (usize i = 0; i < nroot_zone_; ++i)
      if (overlaps(start, len, root_zone_[i].start, root_zone_[i].len)) return false;
  }
  return true;
}

}  // namespace sis::fs
