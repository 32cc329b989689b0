// ext4 extent trees: map a file's logical blocks to disk blocks, add and remove extents.
//
// Reading walks from the root in i_block down `depth` index levels to a leaf; every node's
// header (magic, entries <= max, depth one less than its parent's) and checksum is verified,
// entries must be in order (keys increasing, extents non-empty and not overlapping), and
// every physical block must pass blocks_ok() (inside the disk, not metadata: see
// ext4_zone.cpp), so a hostile tree can neither loop nor point at the superblock, the
// descriptors or another reserved inode's blocks -- for reading, writing or freeing. Writing appends in place when the new range extends or follows the last
// extent of the rightmost leaf (the common case: files grow at the end); anything else
// collects the leaf extents, edits the list and rebuilds the tree (leaves packed, with room
// left in the last one so that later appends are cheap again).
#include "fs/ext4.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {

using namespace ext4;

namespace {

struct Header {
  u16 magic, entries, max, depth;
};
Header header(const u8* p) { return {ld16(p), ld16(p + 2), ld16(p + 4), ld16(p + 6)}; }
void set_header(u8* p, u16 entries, u16 max, u16 depth) {
  st16(p, kExtentMagic);
  st16(p + 2, entries);
  st16(p + 4, max);
  st16(p + 6, depth);
  st32(p + 8, 0);
}
bool header_ok(const Header& h, u32 node_bytes) {
  return h.magic == kExtentMagic && h.max <= (node_bytes - kExtentHeaderSize) / kExtentEntrySize && h.entries <= h.max &&
         h.depth <= kMaxExtentDepth;
}
// Leaf entry.
u32 ee_block(const u8* e) { return ld32(e); }
u32 ee_len(const u8* e) {
  u32 l = ld16(e + 4);
  return l > kMaxExtentLen ? l - kMaxExtentLen : l;
}
bool ee_uninit(const u8* e) { return ld16(e + 4) > kMaxExtentLen; }
u64 ee_start(const u8* e) { return ld32(e + 8) | static_cast<u64>(ld16(e + 6)) << 32; }
void set_ee(u8* e, u64 lblk, u64 pblk, u32 len, bool uninit) {
  st32(e, static_cast<u32>(lblk));
  st16(e + 4, static_cast<u16>(uninit ? len + kMaxExtentLen : len));
  st16(e + 6, static_cast<u16>(pblk >> 32));
  st32(e + 8, static_cast<u32>(pblk));
}
// Index entry.
u32 ei_block(const u8* e) { return ld32(e); }
u64 ei_leaf(const u8* e) { return ld32(e + 4) | static_cast<u64>(ld16(e + 8)) << 32; }
void set_ei(u8* e, u64 lblk, u64 child) {
  st32(e, static_cast<u32>(lblk));
  st32(e + 4, static_cast<u32>(child));
  st16(e + 8, static_cast<u16>(child >> 32));
  st16(e + 10, 0);
}

}  // namespace

Ext4::ExtentList::~ExtentList() {
  env_free(v);
  env_free(tree);
}

Error Ext4::ExtentList::push(const Extent& e) {
  if (n == cap) {
    usize nc = cap ? cap * 2 : 16;
    Extent* nv = static_cast<Extent*>(env_alloc(nc * sizeof(Extent)));
    if (!nv) return Error::NoMemory;
    if (n) memcpy(nv, v, n * sizeof(Extent));
    env_free(v);
    v = nv;
    cap = nc;
  }
  v[n++] = e;
  return Error::Ok;
}

Error Ext4::ExtentList::push_tree(u64 b) {
  if (ntree == tree_cap) {
    usize nc = tree_cap ? tree_cap * 2 : 8;
    u64* nt = static_cast<u64*>(env_alloc(nc * sizeof(u64)));
    if (!nt) return Error::NoMemory;
    if (ntree) memcpy(nt, tree, ntree * sizeof(u64));
    env_free(tree);
    tree = nt;
    tree_cap = nc;
  }
  tree[ntree++] = b;
  return Error::Ok;
}

bool Ext4::extent_block_ok(Inode& n, const u8* b) const {
  if (!csum_) return true;
  u32 off = kExtentHeaderSize + kExtentEntrySize * ld16(b + 4);
  if (off + 4 > block_size_) return false;
  return crc32c_raw(inode_seed(n.ino, ld32(n.raw + in::generation)), b, off) == ld32(b + off);
}

void Ext4::extent_block_csum(Inode& n, u8* b) const {
  if (!csum_) return;
  u32 off = kExtentHeaderSize + kExtentEntrySize * ld16(b + 4);
  st32(b + off, crc32c_raw(inode_seed(n.ino, ld32(n.raw + in::generation)), b, off));
}

void Ext4::ecache_invalidate(u32 ino) {
  for (auto& e : ecache_)
    if (e.ino == ino) e.ino = 0;
  if (ino == kRootIno) root_zone_valid_ = false;
}

Result<Ext4::Mapping> Ext4::map_block(Inode& n, u64 lblk) {
  if (!(ld32(n.raw + in::flags) & kInodeFlagExtents)) return Error::NotSupported;  // block-mapped (ext2/3) file
  for (auto& e : ecache_)
    if (e.ino == n.ino && lblk >= e.lblk && lblk < e.lblk + e.len) {
      ++ecache_hits_;
      return Mapping{e.pblk + (lblk - e.lblk), e.len - (lblk - e.lblk), e.uninit};
    }
  const u8* node = n.raw + in::block;
  u32 node_bytes = kBlockArrayBytes;
  Buf* held = nullptr;
  Header h = header(node);
  if (!header_ok(h, node_bytes)) return Error::Corrupt;
  u32 depth = h.depth;
  u64 hole_end = ~0ull;
  for (;;) {
    h = header(node);
    if (!header_ok(h, node_bytes) || h.depth != depth) {
      cache_.put(held);
      return Error::Corrupt;
    }
    const u8* ents = node + kExtentHeaderSize;
    if (depth == 0) {
      u64 prev_end = 0;
      for (u32 i = 0; i < h.entries; ++i) {
        const u8* e = ents + i * kExtentEntrySize;
        u64 start = ee_block(e), len = ee_len(e);
        // A zero-length extent is not a hole, and extents are sorted and disjoint.
        if (len == 0 || start < prev_end || start + len > 0x100000000ull) {
          cache_.put(held);
          return Error::Corrupt;
        }
        prev_end = start + len;
        if (lblk < start) {
          hole_end = min(hole_end, start);
          break;
        }
        if (lblk < start + len) {
          u64 p = ee_start(e);
          if (!blocks_ok(n.ino, p, len)) {
            cache_.put(held);
            return Error::Corrupt;
          }
          ExtentCacheEntry& c = ecache_[ecache_next_++ % kExtentCacheSize];
          c = {n.ino, static_cast<u32>(len), start, p, ee_uninit(e)};
          cache_.put(held);
          return Mapping{p + (lblk - start), len - (lblk - start), ee_uninit(e)};
        }
      }
      cache_.put(held);
      return Mapping{0, hole_end == ~0ull ? ~0ull : hole_end - lblk, false};
    }
    // Index level: the last entry whose key is <= lblk (keys strictly increasing).
    i32 pick = -1;
    for (u32 i = 0; i < h.entries; ++i) {
      u32 key = ei_block(ents + i * kExtentEntrySize);
      if (i > 0 && key <= ei_block(ents + (i - 1) * kExtentEntrySize)) {
        cache_.put(held);
        return Error::Corrupt;
      }
      if (key <= lblk) pick = static_cast<i32>(i);
      else {
        hole_end = min<u64>(hole_end, key);
        break;
      }
    }
    if (pick < 0) {
      cache_.put(held);
      return Mapping{0, hole_end == ~0ull ? ~0ull : hole_end - lblk, false};
    }
    u64 child = ei_leaf(ents + pick * kExtentEntrySize);
    cache_.put(held);
    held = nullptr;
    if (!blocks_ok(n.ino, child, 1)) return Error::Corrupt;
    held = TRY(meta_read(child));
    if (!held->verified) {
      if (!extent_block_ok(n, held->data)) {
        cache_.put(held);
        return Error::Corrupt;
      }
      held->verified = true;
    }
    node = held->data;
    node_bytes = block_size_;
    --depth;
  }
}

Error Ext4::collect_node(Inode& n, const u8* node, u32 node_bytes, u32 depth, ExtentList* out, u32 level) {
  Header h = header(node);
  if (!header_ok(h, node_bytes) || h.depth != depth || level > kMaxExtentDepth) return Error::Corrupt;
  const u8* ents = node + kExtentHeaderSize;
  for (u32 i = 0; i < h.entries; ++i) {
    const u8* e = ents + i * kExtentEntrySize;
    if (depth == 0) {
      Extent x{ee_block(e), ee_start(e), ee_len(e), ee_uninit(e)};
      if (x.len == 0 || x.lblk + x.len > 0x100000000ull || !blocks_ok(n.ino, x.pblk, x.len)) return Error::Corrupt;
      if (out->n && out->v[out->n - 1].lblk + out->v[out->n - 1].len > x.lblk) return Error::Corrupt;
      TRY(out->push(x));
      continue;
    }
    if (i > 0 && ei_block(e) <= ei_block(e - kExtentEntrySize)) return Error::Corrupt;
    u64 child = ei_leaf(e);
    if (!blocks_ok(n.ino, child, 1)) return Error::Corrupt;
    if (out->ntree > blocks_count_) return Error::Corrupt;
    TRY(out->push_tree(child));
    Buf* b;
    b = TRY(meta_read(child));
    Error err = extent_block_ok(n, b->data) ? Error::Ok : Error::Corrupt;
    if (err == Error::Ok) {
      // Copy: the recursion may need more buffers than the cache would like to pin.
      u8* copy = static_cast<u8*>(env_alloc(block_size_));
      if (!copy) err = Error::NoMemory;
      else {
        memcpy(copy, b->data, block_size_);
        cache_.put(b);
        b = nullptr;
        err = collect_node(n, copy, block_size_, depth - 1, out, level + 1);
        env_free(copy);
      }
    }
    cache_.put(b);
    TRY(err);
  }
  return Error::Ok;
}

Error Ext4::collect_extents(Inode& n, ExtentList* out) {
  if (!(ld32(n.raw + in::flags) & kInodeFlagExtents)) return Error::NotSupported;
  const u8* root = n.raw + in::block;
  Header h = header(root);
  if (!header_ok(h, kBlockArrayBytes)) return Error::Corrupt;
  return collect_node(n, root, kBlockArrayBytes, h.depth, out, 0);
}

u64 Ext4::inode_goal(const Inode& n) const {
  const u8* root = n.raw + in::block;
  Header h = header(root);
  if (h.magic == kExtentMagic && h.depth == 0 && h.entries && h.entries <= 4) {
    const u8* e = root + kExtentHeaderSize + (h.entries - 1) * kExtentEntrySize;
    return ee_start(e) + ee_len(e);
  }
  u32 g = (n.ino - 1) / inodes_per_group_;
  return group_first_block(g);
}

void Ext4::add_iblocks(Inode& n, i64 fs_blocks) {
  u64 cur = ld32(n.raw + in::blocks_lo) | static_cast<u64>(ld16(n.raw + in::blocks_hi)) << 32;
  bool huge = ld32(n.raw + in::flags) & kInodeFlagHugeFile;
  i64 unit = huge ? 1 : block_size_ / 512;
  i64 v = static_cast<i64>(cur) + fs_blocks * unit;
  if (v < 0) v = 0;
  st32(n.raw + in::blocks_lo, static_cast<u32>(v));
  st16(n.raw + in::blocks_hi, static_cast<u16>(static_cast<u64>(v) >> 32));
}

Error Ext4::extent_add(Inode& n, u64 lblk, u64 pblk, u32 len) {
  ecache_invalidate(n.ino);
  if (lblk + len > 0xFFFFFFFFull) return Error::TooBig;
  // The allocator hands out what the bitmaps call free; a hostile bitmap may call metadata free.
  if (len == 0 || !blocks_ok(n.ino, pblk, len)) return Error::Corrupt;
  // Fast path: walk the rightmost path to its leaf.
  u8* node = n.raw + in::block;
  u32 node_bytes = kBlockArrayBytes;
  Buf* held = nullptr;
  Header h = header(node);
  if (!header_ok(h, node_bytes)) return Error::Corrupt;
  u32 depth = h.depth;
  while (depth > 0) {
    h = header(node);
    if (!header_ok(h, node_bytes) || h.depth != depth || h.entries == 0) {
      cache_.put(held);
      return Error::Corrupt;
    }
    u64 child = ei_leaf(node + kExtentHeaderSize + (h.entries - 1) * kExtentEntrySize);
    cache_.put(held);
    held = nullptr;
    if (!blocks_ok(n.ino, child, 1)) return Error::Corrupt;
    held = TRY(meta_get(child));
    if (!extent_block_ok(n, held->data)) {
      cache_.put(held);
      return Error::Corrupt;
    }
    node = held->data;
    node_bytes = block_size_;
    --depth;
  }
  h = header(node);
  if (!header_ok(h, node_bytes) || h.depth != 0) {
    cache_.put(held);
    return Error::Corrupt;
  }
  u8* ents = node + kExtentHeaderSize;
  bool after_last = true;
  if (h.entries) {
    u8* last = ents + (h.entries - 1) * kExtentEntrySize;
    u64 end = static_cast<u64>(ee_block(last)) + ee_len(last);
    after_last = lblk >= end;
    if (after_last && !ee_uninit(last) && end == lblk && ee_start(last) + ee_len(last) == pblk &&
        ee_len(last) + len <= kMaxExtentLen) {
      set_ee(last, ee_block(last), ee_start(last), ee_len(last) + len, false);
      goto done;
    }
  }
  if (after_last && (h.entries < h.max) && !(h.entries == 0 && held)) {
    set_ee(ents + h.entries * kExtentEntrySize, lblk, pblk, len, false);
    st16(node + 2, static_cast<u16>(h.entries + 1));
    goto done;
  }
  cache_.put(held);
  {
    // Slow path: rebuild with the new extent in place.
    ExtentList list;
    TRY(collect_extents(n, &list));
    // Mapping a logical block twice would make two owners of it (a directory whose size
    // disagrees with its extents used to do that); refuse.
    for (usize i = 0; i < list.n; ++i)
      if (lblk < list.v[i].lblk + list.v[i].len && list.v[i].lblk < lblk + len) return Error::Corrupt;
    TRY(list.push({lblk, pblk, len, false}));
    usize i = list.n - 1;
    while (i > 0 && list.v[i - 1].lblk > list.v[i].lblk) {
      Extent t = list.v[i];
      list.v[i] = list.v[i - 1];
      list.v[i - 1] = t;
      --i;
    }
    return rebuild_tree(n, list);
  }
done:
  if (held) {
    extent_block_csum(n, held->data);
    Error e = meta_dirty(held);
    cache_.put(held);
    return e;
  }
  return Error::Ok;  // root changed: the caller writes the inode
}

Error Ext4::rebuild_tree(Inode& n, ExtentList& list) {
  ecache_invalidate(n.ino);
  // Merge neighbours that touch, logically and physically.
  usize m = 0;
  for (usize i = 0; i < list.n; ++i) {
    if (m && !list.v[m - 1].uninit && !list.v[i].uninit && list.v[m - 1].lblk + list.v[m - 1].len == list.v[i].lblk &&
        list.v[m - 1].pblk + list.v[m - 1].len == list.v[i].pblk && list.v[m - 1].len + list.v[i].len <= kMaxExtentLen) {
      list.v[m - 1].len += list.v[i].len;
    } else {
      list.v[m++] = list.v[i];
    }
  }
  list.n = m;
  const u32 per_block = (block_size_ - kExtentHeaderSize) / kExtentEntrySize;
  // Level sizes, leaves first: leave a free slot in the last leaf for appends.
  u64 level_count[kMaxExtentDepth + 1] = {};
  u32 levels = 0;
  if (list.n > 4) {
    u64 count = list.n / per_block + 1;
    level_count[levels++] = count;
    while (count > 4) {
      if (levels >= kMaxExtentDepth) return Error::TooBig;
      count = (count + per_block - 1) / per_block;
      level_count[levels++] = count;
    }
  }
  u64 need = 0;
  for (u32 l = 0; l < levels; ++l) need += level_count[l];
  // Blocks for the tree: reuse the old ones, allocate the rest, free what is left over.
  u64* blocks = static_cast<u64*>(env_alloc((need + 1) * sizeof(u64)));
  if (!blocks) return Error::NoMemory;
  u64 have = 0;
  for (; have < need && have < list.ntree; ++have) blocks[have] = list.tree[have];
  u64 goal = list.n ? list.v[0].pblk : inode_goal(n);
  Error err = Error::Ok;
  while (have < need) {
    u32 got = 0;
    auto r = alloc_blocks(goal, static_cast<u32>(need - have), &got);
    if (!r.ok()) { err = r.error(); break; }
    for (u32 k = 0; k < got; ++k) blocks[have++] = r.value() + k;
    add_iblocks(n, got);
    if (!blocks_ok(n.ino, r.value(), got)) { err = Error::Corrupt; break; }  // a bitmap called metadata free
  }
  for (usize k = need; err == Error::Ok && k < list.ntree; ++k) {
    if ((err = journal_.is_open() && journal_.writing() ? journal_.revoke(list.tree[k]) : Error::Ok) != Error::Ok) break;
    if ((err = free_blocks(list.tree[k], 1)) != Error::Ok) break;
    add_iblocks(n, -1);
  }
  if (err != Error::Ok) {
    env_free(blocks);
    return err;
  }
  // Build bottom-up. Level 0 entries are the extents; level l+1 entries index level l nodes.
  // keys[] holds the first logical block of each node of the level just written.
  u64 used = 0;
  u64* keys = static_cast<u64*>(env_alloc((list.n + 1) * sizeof(u64)));
  u64* nodes = static_cast<u64*>(env_alloc((list.n + 1) * sizeof(u64)));
  if (!keys || !nodes) err = Error::NoMemory;
  u64 nkeys = 0;
  for (u32 l = 0; err == Error::Ok && l < levels; ++l) {
    u64 count = level_count[l];
    u64 items = l == 0 ? list.n : nkeys;
    u64 per = l == 0 ? per_block : per_block;
    u64 idx = 0;
    for (u64 nd = 0; nd < count && err == Error::Ok; ++nd) {
      // Even split for leaves except the rule that the last node keeps a free slot.
      u64 take = min<u64>(per, items - idx);
      if (l == 0 && nd + 1 < count && take == per && items - idx - take == 0) take = per - 1;
      u64 b = blocks[used++];
      auto r = meta_new(b);
      if (!r.ok()) { err = r.error(); break; }
      Buf* buf = r.value();
      set_header(buf->data, static_cast<u16>(take), static_cast<u16>(per_block), static_cast<u16>(l));
      u8* ents = buf->data + kExtentHeaderSize;
      u64 first_key = 0;
      for (u64 k = 0; k < take; ++k, ++idx) {
        if (l == 0) {
          const Extent& x = list.v[idx];
          set_ee(ents + k * kExtentEntrySize, x.lblk, x.pblk, x.len, x.uninit);
          if (k == 0) first_key = x.lblk;
        } else {
          set_ei(ents + k * kExtentEntrySize, keys[idx], nodes[idx]);
          if (k == 0) first_key = keys[idx];
        }
      }
      extent_block_csum(n, buf->data);
      err = meta_dirty(buf);
      cache_.put(buf);
      // Reuse keys/nodes arrays in place: node nd of this level (nd <= idx always).
      keys[nd] = first_key;
      nodes[nd] = b;
    }
    nkeys = count;
  }
  if (err == Error::Ok) {
    u8* root = n.raw + in::block;
    memset(root, 0, kBlockArrayBytes);
    if (levels == 0) {
      set_header(root, static_cast<u16>(list.n), 4, 0);
      for (usize k = 0; k < list.n; ++k)
        set_ee(root + kExtentHeaderSize + k * kExtentEntrySize, list.v[k].lblk, list.v[k].pblk, list.v[k].len,
               list.v[k].uninit);
    } else {
      set_header(root, static_cast<u16>(nkeys), 4, static_cast<u16>(levels));
      for (u64 k = 0; k < nkeys; ++k) set_ei(root + kExtentHeaderSize + k * kExtentEntrySize, keys[k], nodes[k]);
    }
  }
  env_free(keys);
  env_free(nodes);
  env_free(blocks);
  return err;
}

Error Ext4::extent_truncate(Inode& n, u64 first_removed) {
  ecache_invalidate(n.ino);
  ExtentList list;
  TRY(collect_extents(n, &list));
  bool changed = false;
  usize keep = 0;
  i64 freed = 0;
  for (usize i = 0; i < list.n; ++i) {
    Extent& x = list.v[i];
    if (x.lblk >= first_removed) {
      TRY(free_blocks(x.pblk, x.len));
      freed += x.len;
      changed = true;
      continue;
    }
    if (x.lblk + x.len > first_removed) {
      u64 cut = x.lblk + x.len - first_removed;
      TRY(free_blocks(x.pblk + (x.len - cut), cut));
      freed += static_cast<i64>(cut);
      x.len = static_cast<u32>(x.len - cut);
      changed = true;
    }
    list.v[keep++] = x;
  }
  list.n = keep;
  add_iblocks(n, -freed);
  if (!changed) return Error::Ok;
  return rebuild_tree(n, list);
}

}  // namespace sis::fs
