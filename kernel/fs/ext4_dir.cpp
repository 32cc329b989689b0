// ext4 directories: linear blocks of ext4_dir_entry_2 records, optionally indexed by an
// htree (dir_index): block 0 holds "." and ".." and a dx_root whose entries map name hashes
// to leaf blocks (through at most two levels of dx_node blocks with largedir).
//
// Lookup uses the index when it is sound and falls back to a linear scan when it is not.
// A one-block linear directory that fills up becomes indexed (dx_make_index, as Linux's
// make_indexed_dir). Adding to an indexed directory inserts into the leaf the hash selects;
// a full leaf is split by hash with a new index entry. When the index itself is full the index is dropped
// (the directory becomes linear, which e2fsck accepts and Linux reads fine) -- a FIXME for
// deeper trees. Removing only touches the leaf, so the index stays valid.
// Every record is validated (rec_len >= 12, aligned, inside the block, name fits) before use.
#include "fs/ext4.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {

using namespace ext4;

namespace {

// --- name hashes (fs/ext4/hash.c) ---
u32 rol(u32 x, int s) { return (x << s) | (x >> (32 - s)); }

void str2hashbuf(const char* msg, int len, u32* buf, int num, bool unsig) {
  u32 pad = static_cast<u32>(len) | (static_cast<u32>(len) << 8);
  pad |= pad << 16;
  u32 val = pad;
  if (len > num * 4) len = num * 4;
  for (int i = 0; i < len; i++) {
    int c = unsig ? static_cast<int>(static_cast<unsigned char>(msg[i])) : static_cast<int>(static_cast<signed char>(msg[i]));
    val = static_cast<u32>(c) + (val << 8);
    if ((i % 4) == 3) {
      *buf++ = val;
      val = pad;
      num--;
    }
  }
  if (--num >= 0) *buf++ = val;
  while (--num >= 0) *buf++ = pad;
}

u32 half_md4(u32 buf[4], const u32 in[8]) {
  u32 a = buf[0], b = buf[1], c = buf[2], d = buf[3];
  auto F = [](u32 x, u32 y, u32 z) { return z ^ (x & (y ^ z)); };
  auto G = [](u32 x, u32 y, u32 z) { return (x & y) + ((x ^ y) & z); };
  auto H = [](u32 x, u32 y, u32 z) { return x ^ y ^ z; };
  const u32 K2 = 013240474631u, K3 = 015666365641u;
#define R(f, a, b, c, d, x, s) (a += f(b, c, d) + (x), a = rol(a, s))
  R(F, a, b, c, d, in[0], 3); R(F, d, a, b, c, in[1], 7); R(F, c, d, a, b, in[2], 11); R(F, b, c, d, a, in[3], 19);
  R(F, a, b, c, d, in[4], 3); R(F, d, a, b, c, in[5], 7); R(F, c, d, a, b, in[6], 11); R(F, b, c, d, a, in[7], 19);
  R(G, a, b, c, d, in[1] + K2, 3); R(G, d, a, b, c, in[3] + K2, 5); R(G, c, d, a, b, in[5] + K2, 9); R(G, b, c, d, a, in[7] + K2, 13);
  R(G, a, b, c, d, in[0] + K2, 3); R(G, d, a, b, c, in[2] + K2, 5); R(G, c, d, a, b, in[4] + K2, 9); R(G, b, c, d, a, in[6] + K2, 13);
  R(H, a, b, c, d, in[3] + K3, 3); R(H, d, a, b, c, in[7] + K3, 9); R(H, c, d, a, b, in[2] + K3, 11); R(H, b, c, d, a, in[6] + K3, 15);
  R(H, a, b, c, d, in[1] + K3, 3); R(H, d, a, b, c, in[5] + K3, 9); R(H, c, d, a, b, in[0] + K3, 11); R(H, b, c, d, a, in[4] + K3, 15);
#undef R
  buf[0] += a; buf[1] += b; buf[2] += c; buf[3] += d;
  return buf[1];
}

void tea(u32 buf[4], const u32 in[4]) {
  u32 sum = 0, b0 = buf[0], b1 = buf[1], a = in[0], b = in[1], c = in[2], d = in[3];
  for (int n = 0; n < 16; ++n) {
    sum += 0x9E3779B9u;
    b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >> 5) + b);
    b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >> 5) + d);
  }
  buf[0] += b0;
  buf[1] += b1;
}

u32 dx_hack_hash(const char* name, int len, bool unsig) {
  u32 hash, hash0 = 0x12a3fe2d, hash1 = 0x37abe8f9;
  for (int i = 0; i < len; ++i) {
    int c = unsig ? static_cast<int>(static_cast<unsigned char>(name[i])) : static_cast<int>(static_cast<signed char>(name[i]));
    hash = hash1 + (hash0 ^ static_cast<u32>(c * 7152373));
    if (hash & 0x80000000) hash -= 0x7fffffff;
    hash1 = hash0;
    hash0 = hash;
  }
  return hash0 << 1;
}

struct Dirent {
  u32 inode;
  u32 rec_len;
  u32 name_len;
  u8 ft;
};
Dirent dirent_at(const u8* b, u32 off) { return {ld32(b + off), ld16(b + off + 4), b[off + 6], b[off + 7]}; }
bool dirent_ok(const Dirent& d, u32 off, u32 end) {
  return d.rec_len >= 12 && !(d.rec_len & 3) && off + d.rec_len <= end && d.name_len + kDirentHeader <= d.rec_len;
}
void put_dirent(u8* b, u32 off, u32 ino, u32 rec_len, StrView name, u8 ft) {
  st32(b + off, ino);
  st16(b + off + 4, static_cast<u16>(rec_len));
  b[off + 6] = static_cast<u8>(name.size);
  b[off + 7] = ft;
  memcpy(b + off + 8, name.data, name.size);
  // Zero the padding so that blocks are deterministic.
  for (u32 i = kDirentHeader + static_cast<u32>(name.size); i < rec_len_size(static_cast<u32>(name.size)) && i < rec_len; ++i)
    b[off + i] = 0;
}

FileType ft_to_type(u8 ft) {
  switch (ft) {
    case kFtReg: return FileType::Regular;
    case kFtDir: return FileType::Directory;
    case kFtSymlink: return FileType::Symlink;
    case kFtChr: return FileType::CharDev;
    case kFtBlk: return FileType::BlockDev;
    case kFtFifo: return FileType::Fifo;
    case kFtSock: return FileType::Socket;
    default: return FileType::Unknown;
  }
}

bool name_eq(const u8* b, u32 off, const Dirent& d, StrView name) {
  return d.name_len == name.size && memcmp(b + off + 8, name.data, name.size) == 0;
}

constexpr u32 kNoRoom = ~0u;

// The offset of the first record in one block with records in [0, end) that has room for a
// record of `name` (after its own name, or in its place if unused); kNoRoom when none has.
u32 block_room(const u8* b, u32 end, StrView name) {
  u32 need = rec_len_size(static_cast<u32>(name.size));
  for (u32 off = 0; off < end;) {
    Dirent d = dirent_at(b, off);
    if (!dirent_ok(d, off, end)) return kNoRoom;
    u32 used = d.inode ? rec_len_size(d.name_len) : 0;
    if (d.rec_len - used >= need) return off;
    off += d.rec_len;
  }
  return kNoRoom;
}

// Puts `name` into the record at `off`, which block_room chose.
void block_insert_at(u8* b, u32 off, StrView name, u32 ino, u8 ft) {
  Dirent d = dirent_at(b, off);
  if (!d.inode) {
    put_dirent(b, off, ino, d.rec_len, name, ft);
    return;
  }
  u32 used = rec_len_size(d.name_len);
  st16(b + off + 4, static_cast<u16>(used));
  put_dirent(b, off + used, ino, d.rec_len - used, name, ft);
}

// Inserts a record into one block with records in [0, end); false when there is no room.
bool block_insert(u8* b, u32 end, StrView name, u32 ino, u8 ft) {
  u32 off = block_room(b, end, name);
  if (off == kNoRoom) return false;
  block_insert_at(b, off, name, ino, ft);
  return true;
}

}  // namespace

u32 Ext4::dx_hash(StrView name, u8 version) const {
  u32 buf[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  if (hash_seed_[0] | hash_seed_[1] | hash_seed_[2] | hash_seed_[3]) memcpy(buf, hash_seed_, 16);
  bool unsig = version >= kDxHashUnsignedDelta;
  u8 base = unsig ? version - kDxHashUnsignedDelta : version;
  const char* p = name.data;
  int len = static_cast<int>(name.size);
  u32 hash = 0;
  u32 in[8];
  if (base == kDxHashLegacy) {
    hash = dx_hack_hash(p, len, unsig);
  } else if (base == kDxHashHalfMd4) {
    while (len > 0) {
      str2hashbuf(p, len, in, 8, unsig);
      half_md4(buf, in);
      len -= 32;
      p += 32;
    }
    hash = buf[1];
  } else {
    while (len > 0) {
      str2hashbuf(p, len, in, 4, unsig);
      tea(buf, in);
      len -= 16;
      p += 16;
    }
    hash = buf[0];
  }
  hash &= ~1u;
  if (hash == (0x7fffffffu << 1)) hash = (0x7fffffffu - 1) << 1;
  return hash;
}

bool Ext4::is_dx_block(Inode& dir, const u8* b, u64 lblk) const {
  if (!(ld32(dir.raw + in::flags) & kInodeFlagIndex) || !(compat_ & kCompatDirIndex)) return false;
  if (lblk == 0) return true;
  return ld32(b) == 0 && ld16(b + 4) == block_size_;
}

void Ext4::dx_csum_set(Inode& dir, u8* b, u32 count_off) const {
  if (!csum_) return;
  u32 limit = ld16(b + count_off), count = ld16(b + count_off + 2);
  u32 tail = count_off + limit * 8;
  if (tail + 8 > block_size_) return;
  u32 c = crc32c_raw(inode_seed(dir.ino, ld32(dir.raw + in::generation)), b, count_off + count * 8);
  c = crc32c_raw(c, b + tail, 4);
  const u8 zero[4] = {};
  c = crc32c_raw(c, zero, 4);  // the checksum field itself, as zeros
  st32(b + tail + 4, c);
}

bool Ext4::dx_csum_ok(Inode& dir, const u8* b, u32 count_off) const {
  if (!csum_) return true;
  u32 limit = ld16(b + count_off), count = ld16(b + count_off + 2);
  u32 tail = count_off + limit * 8;
  if (count > limit || tail + 8 > block_size_) return false;
  u32 c = crc32c_raw(inode_seed(dir.ino, ld32(dir.raw + in::generation)), b, count_off + count * 8);
  c = crc32c_raw(c, b + tail, 4);
  const u8 zero[4] = {};
  c = crc32c_raw(c, zero, 4);
  return ld32(b + tail + 4) == c;
}

bool Ext4::dir_block_ok(Inode& dir, const u8* b, u64 lblk) const {
  if (!csum_) return true;
  if (is_dx_block(dir, b, lblk)) {
    if (lblk == 0) return dx_csum_ok(dir, b, kDxRootInfoOffset + b[kDxRootInfoOffset + 5]);
    return dx_csum_ok(dir, b, kDxNodeEntriesOffset);
  }
  const u8* t = b + block_size_ - kDirTailSize;
  if (ld32(t) != 0 || ld16(t + 4) != kDirTailSize || t[6] != 0 || t[7] != kDirTailFt) return false;
  return crc32c_raw(inode_seed(dir.ino, ld32(dir.raw + in::generation)), b, block_size_ - kDirTailSize) == ld32(t + 8);
}

void Ext4::dir_block_csum(Inode& dir, u8* b) const {
  if (!csum_) return;
  u8* t = b + block_size_ - kDirTailSize;
  st32(t, 0);
  st16(t + 4, kDirTailSize);
  t[6] = 0;
  t[7] = kDirTailFt;
  st32(t + 8, crc32c_raw(inode_seed(dir.ino, ld32(dir.raw + in::generation)), b, block_size_ - kDirTailSize));
}

static u64 inode_size_of(const Ext4::Inode& n) {
  return ld32(n.raw + in::size_lo) | static_cast<u64>(ld32(n.raw + in::size_hi)) << 32;
}

// A block directory's size is a whole number of blocks, at least one, and its last block is
// the last one mapped. Anything else (a root with i_size 0, say) is corrupt: appending to it
// would map a logical block a second time, so lookups and changes refuse it (readdir too).
Error Ext4::dir_check_size(Inode& dir) {
  if (ld32(dir.raw + in::flags) & kInodeFlagInlineData) return Error::Ok;
  u64 size = inode_size_of(dir);
  if (size == 0 || size % block_size_ || size / block_size_ > 0xFFFFFFFFull) return Error::Corrupt;
  u64 last = size / block_size_ - 1;
  Mapping m;
  m = TRY(map_block(dir, last));
  if (!m.pblk || m.uninit) return Error::Corrupt;
  m = TRY(map_block(dir, last + 1));
  if (m.pblk) return Error::Corrupt;
  return Error::Ok;
}

Result<Buf*> Ext4::dir_block(Inode& dir, u64 lblk, u64* pblk) { return dir_block_get(dir, lblk, pblk, true); }

Result<Buf*> Ext4::dir_block_read(Inode& dir, u64 lblk) { return dir_block_get(dir, lblk, nullptr, false); }

Result<Buf*> Ext4::dir_block_get(Inode& dir, u64 lblk, u64* pblk, bool change) {
  Mapping m;
  m = TRY(map_block(dir, lblk));
  if (!m.pblk) return Error::Corrupt;  // directories have no holes
  if (pblk) *pblk = m.pblk;
  Buf* b;
  b = TRY(change ? meta_get(m.pblk) : meta_read(m.pblk));
  if (!b->verified) {
    if (!dir_block_ok(dir, b->data, lblk)) {
      cache_.put(b);
      return Error::Corrupt;
    }
    b->verified = true;
  }
  return b;
}

Result<bool> Ext4::dir_next(Inode& dir, u64* pos, DirEntry* out) {
  u64 size = inode_size_of(dir);
  if (ld32(dir.raw + in::flags) & kInodeFlagInlineData) {
    // Inline directory: "." and ".." are implicit; i_block starts with the parent's number.
    u8* buf = scratch_;
    usize n;
    n = TRY(inline_data(dir, buf, block_size_));
    if (n < 4) return Error::Corrupt;
    if (*pos == 0 || *pos == 1) {
      out->ino = *pos == 0 ? dir.ino : ld32(buf);
      out->type = FileType::Directory;
      out->name_len = static_cast<u8>(*pos + 1);
      out->name[0] = out->name[1] = '.';
      out->name[out->name_len] = 0;
      *pos = *pos == 0 ? 1 : 4;
      return true;
    }
    while (*pos < n) {
      u32 off = static_cast<u32>(*pos);
      // The two parts (i_block and the xattr) are each a record sequence.
      u32 end = off < kBlockArrayBytes ? kBlockArrayBytes : static_cast<u32>(n);
      if (off + kDirentHeader > end) return Error::Corrupt;
      Dirent d = dirent_at(buf, off);
      if (d.rec_len < 8 || (d.rec_len & 3) || off + d.rec_len > end || d.name_len + kDirentHeader > d.rec_len)
        return Error::Corrupt;
      *pos += d.rec_len;
      if (!d.inode) continue;
      out->ino = d.inode;
      out->type = ft_to_type(d.ft);
      out->name_len = static_cast<u8>(d.name_len);
      memcpy(out->name, buf + off + 8, d.name_len);
      out->name[d.name_len] = 0;
      return true;
    }
    return false;
  }
  if (*pos == 0) TRY(dir_check_size(dir));
  while (*pos < size) {
    u64 lblk = *pos / block_size_;
    u32 off = static_cast<u32>(*pos % block_size_);
    Buf* b;
    b = TRY(dir_block_read(dir, lblk));
    u32 end = block_size_;
    while (off < end) {
      Dirent d = dirent_at(b->data, off);
      if (!dirent_ok(d, off, end)) {
        cache_.put(b);
        return Error::Corrupt;
      }
      *pos += d.rec_len;
      if (d.inode && !(d.ft == kDirTailFt && d.name_len == 0)) {
        out->ino = d.inode;
        out->type = ft_to_type(d.ft);
        out->name_len = static_cast<u8>(d.name_len);
        memcpy(out->name, b->data + off + 8, d.name_len);
        out->name[d.name_len] = 0;
        cache_.put(b);
        return true;
      }
      off += d.rec_len;
    }
    cache_.put(b);
    *pos = (lblk + 1) * block_size_;
  }
  return false;
}

Result<u64> Ext4::dx_find_leaf(Inode& dir, u32 hash, u64* next_block, u32* next_hash) {
  *next_block = 0;
  *next_hash = 0;
  Buf* b;
  b = TRY(dir_block_read(dir, 0));
  const u8* r = b->data;
  u32 info_len = r[kDxRootInfoOffset + 5];
  u32 levels = r[kDxRootInfoOffset + 6];
  u32 count_off = kDxRootInfoOffset + info_len;
  u32 max_levels = (incompat_ & kIncompatLargedir) ? 3 : 2;
  // A hash this code cannot compute (an unknown version, or siphash, which only casefolded
  // directories use) makes the index useless: Linux's dx_probe refuses it the same way, and
  // the callers fall back to a linear scan (lookup) or drop the index (insert).
  u8 version = r[kDxRootInfoOffset + 4];
  bool known = version == kDxHashLegacy || version == kDxHashHalfMd4 || version == kDxHashTea;
  if (ld32(r + kDxRootInfoOffset) != 0 || info_len != 8 || levels >= max_levels || !known) {
    cache_.put(b);
    return Error::Corrupt;
  }
  u64 dir_blocks = inode_size_of(dir) / block_size_;
  for (u32 level = 0;; ++level) {
    const u8* p = b->data;
    u32 limit = ld16(p + count_off), count = ld16(p + count_off + 2);
    if (count == 0 || count > limit || count_off + limit * 8 > block_size_) {
      cache_.put(b);
      return Error::Corrupt;
    }
    const u8* e = p + count_off;
    u32 lo = 1, hi = count;  // find the last entry with hash <= target (entry 0 covers hash 0)
    while (lo < hi) {
      u32 mid = (lo + hi) / 2;
      if (ld32(e + mid * 8) <= hash) lo = mid + 1;
      else hi = mid;
    }
    u32 pick = lo - 1;
    if (pick + 1 < count) {
      *next_hash = ld32(e + (pick + 1) * 8);
      *next_block = ld32(e + (pick + 1) * 8 + 4);
    }
    u64 child = ld32(e + pick * 8 + 4);
    cache_.put(b);
    if (child == 0 || child >= dir_blocks) return Error::Corrupt;
    if (level == levels) return child;
    b = TRY(dir_block_read(dir, child));
    if (!is_dx_block(dir, b->data, child)) {
      cache_.put(b);
      return Error::Corrupt;
    }
    count_off = kDxNodeEntriesOffset;
  }
}

Result<u32> Ext4::dir_find(Inode& dir, StrView name, DirLoc* loc, u8* ftype) {
  if (name.size == 0 || name.size > kNameMax) return Error::NoEntry;
  loc->found = false;
  if (ld32(dir.raw + in::flags) & kInodeFlagInlineData) {
    u64 pos = 0;
    DirEntry e;
    for (;;) {
      bool more;
      more = TRY(dir_next(dir, &pos, &e));
      if (!more) return Error::NoEntry;
      if (e.name_view() == name) {
        if (ftype) *ftype = e.type == FileType::Directory ? kFtDir : kFtReg;
        return static_cast<u32>(e.ino);
      }
    }
  }
  TRY(dir_check_size(dir));
  u64 size = inode_size_of(dir);
  u64 nblocks = size / block_size_;
  auto scan = [&](u64 lblk, bool* hit, u32* ino) -> Error {
    Buf* b;
    b = TRY(dir_block_read(dir, lblk));
    u32 prev = ~0u;
    for (u32 off = 0; off < block_size_;) {
      Dirent d = dirent_at(b->data, off);
      if (!dirent_ok(d, off, block_size_)) {
        cache_.put(b);
        return Error::Corrupt;
      }
      if (d.inode && name_eq(b->data, off, d, name)) {
        *hit = true;
        *ino = d.inode;
        if (ftype) *ftype = d.ft;
        *loc = {lblk, off, prev, true};
        break;
      }
      prev = off;
      off += d.rec_len;
    }
    cache_.put(b);
    return Error::Ok;
  };
  bool hit = false;
  u32 ino = 0;
  if ((ld32(dir.raw + in::flags) & kInodeFlagIndex) && (compat_ & kCompatDirIndex)) {
    Buf* rb;
    auto rr = dir_block_read(dir, 0);
    if (rr.ok()) {
      rb = rr.value();
      u8 version = rb->data[kDxRootInfoOffset + 4];
      cache_.put(rb);
      if (unsigned_hash_ && version <= kDxHashTea) version += kDxHashUnsignedDelta;
      u32 hash = dx_hash(name, version);
      u64 next_block;
      u32 next_hash;
      auto leaf = dx_find_leaf(dir, hash, &next_block, &next_hash);
      if (leaf.ok()) {
        TRY(scan(leaf.value(), &hit, &ino));
        // Names with the same hash may continue in the next leaf (collision bit set).
        for (int guard = 0; !hit && next_block && (next_hash & ~1u) == hash && guard < 64; ++guard) {
          u64 nb = next_block;
          TRY(scan(nb, &hit, &ino));
          if (hit) break;
          auto more = dx_find_leaf(dir, next_hash, &next_block, &next_hash);
          if (!more.ok() || more.value() != nb) break;
        }
        ++dstats_.htree_lookups;
        if (hit) return ino;
        return Error::NoEntry;
      }
    }
    // Unsound index: fall back to a linear scan (as Linux does).
  }
  ++dstats_.linear_lookups;
  for (u64 lblk = 0; lblk < nblocks && !hit; ++lblk) TRY(scan(lblk, &hit, &ino));
  if (!hit) return Error::NoEntry;
  return ino;
}

Error Ext4::dir_append_block(Inode& dir, Buf** out, u64* lblk_out) {
  u64 size = inode_size_of(dir);
  u64 lblk = size / block_size_;
  u64 goal = inode_goal(dir);
  u32 got = 0;
  u64 p;
  p = TRY(alloc_blocks(goal, 1, &got));
  TRY(extent_add(dir, lblk, p, 1));
  add_iblocks(dir, 1);
  size += block_size_;
  st32(dir.raw + in::size_lo, static_cast<u32>(size));
  st32(dir.raw + in::size_hi, static_cast<u32>(size >> 32));
  Buf* b;
  b = TRY(meta_new(p));
  u32 end = csum_ ? block_size_ - kDirTailSize : block_size_;
  put_dirent(b->data, 0, 0, end, StrView(), 0);
  *out = b;
  *lblk_out = lblk;
  return Error::Ok;
}

Error Ext4::dx_drop_index(Inode& dir) {
  // Collect the node blocks (levels >= 1) and turn every index block into a plain one.
  Buf* rb;
  rb = TRY(dir_block(dir, 0, nullptr));
  u32 levels = rb->data[kDxRootInfoOffset + 6];
  u32 count_off = kDxRootInfoOffset + rb->data[kDxRootInfoOffset + 5];
  u32 count = ld16(rb->data + count_off + 2);
  u64 nblocks = inode_size_of(dir) / block_size_;
  if (levels > 0) {
    for (u32 i = 0; i < count && count_off + i * 8 + 8 <= block_size_; ++i) {
      u64 nb = ld32(rb->data + count_off + i * 8 + 4);
      if (nb == 0 || nb >= nblocks) continue;
      auto r = dir_block(dir, nb, nullptr);
      if (!r.ok()) continue;
      Buf* b = r.value();
      if (is_dx_block(dir, b->data, nb)) {
        memset(b->data, 0, block_size_);
        put_dirent(b->data, 0, 0, csum_ ? block_size_ - kDirTailSize : block_size_, StrView(), 0);
        dir_block_csum(dir, b->data);
        Error e = meta_dirty(b);
        if (e != Error::Ok) { cache_.put(b); cache_.put(rb); return e; }
      }
      cache_.put(b);
    }
  }
  u32 dot = ld32(rb->data), dotdot = ld32(rb->data + 12);
  memset(rb->data, 0, block_size_);
  put_dirent(rb->data, 0, dot, 12, ".", kFtDir);
  put_dirent(rb->data, 12, dotdot, (csum_ ? block_size_ - kDirTailSize : block_size_) - 12, "..", kFtDir);
  st32(dir.raw + in::flags, ld32(dir.raw + in::flags) & ~kInodeFlagIndex);
  dir_block_csum(dir, rb->data);
  Error e = meta_dirty(rb);
  cache_.put(rb);
  return e;
}

// Linux's make_indexed_dir: when a one-block linear directory has no room for a name, its
// names move to a new block 1 and block 0 becomes the htree root ("." and "..", whose record
// covers the rest of the block, then the dx_root_info and one index entry: hash 0 -> block
// 1); dx_insert then splits block 1 by hash. Without it, a directory SIS grew stayed linear:
// every lookup and every create scanned all of its blocks (hotspot 2 in docs/performance.md).
bool Ext4::dx_can_index(Inode& dir) const {
  constexpr u32 kInodeFlagEncrypt = 0x800, kInodeFlagCasefold = 0x40000000;
  u32 flags = ld32(dir.raw + in::flags);
  return (compat_ & kCompatDirIndex) && !(flags & (kInodeFlagIndex | kInodeFlagInlineData | kInodeFlagEncrypt |
                                                   kInodeFlagCasefold)) &&
         hash_version_ <= kDxHashTea && inode_size_of(dir) == block_size_;
}

Error Ext4::dx_make_index(Inode& dir) {
  Buf* rb;
  rb = TRY(dir_block(dir, 0, nullptr));
  u8* r = rb->data;
  const u32 end = csum_ ? block_size_ - kDirTailSize : block_size_;
  Dirent dot = dirent_at(r, 0), dotdot = dirent_at(r, 12);
  if (dot.rec_len != 12 || dot.name_len != 1 || r[8] != '.' || !dirent_ok(dotdot, 12, end) ||
      dotdot.name_len != 2 || r[20] != '.' || r[21] != '.') {
    cache_.put(rb);
    return Error::NotSupported;  // not the layout an index root needs: stay linear
  }
  Buf* lb;
  u64 leaf;
  if (Error e = dir_append_block(dir, &lb, &leaf); e != Error::Ok) {
    cache_.put(rb);
    return e;
  }
  // The names after "..", packed into the new leaf; the last record takes the rest.
  u8* l = lb->data;
  memset(l, 0, block_size_);
  u32 out = 0, last = kNoRoom;
  for (u32 off = 12 + dotdot.rec_len; off < end;) {
    Dirent d = dirent_at(r, off);
    if (!dirent_ok(d, off, end)) {
      cache_.put(lb);
      cache_.put(rb);
      return Error::Corrupt;
    }
    if (d.inode) {
      u32 rl = rec_len_size(d.name_len);
      put_dirent(l, out, d.inode, rl, StrView(reinterpret_cast<const char*>(r + off + 8), d.name_len), d.ft);
      last = out;
      out += rl;
    }
    off += d.rec_len;
  }
  if (last == kNoRoom) put_dirent(l, 0, 0, end, StrView(), 0);
  else st16(l + last + 4, static_cast<u16>(end - last));
  dir_block_csum(dir, l);
  // The root.
  u32 dot_ino = dot.inode, dotdot_ino = dotdot.inode;
  memset(r, 0, block_size_);
  put_dirent(r, 0, dot_ino, 12, ".", kFtDir);
  put_dirent(r, 12, dotdot_ino, block_size_ - 12, "..", kFtDir);
  r[kDxRootInfoOffset + 4] = hash_version_;
  r[kDxRootInfoOffset + 5] = 8;  // info_length
  u32 limit = (block_size_ - kDxRootEntriesOffset - (csum_ ? 8 : 0)) / 8;  // what e2fsck expects
  st16(r + kDxRootEntriesOffset, static_cast<u16>(limit));
  st16(r + kDxRootEntriesOffset + 2, 1);
  st32(r + kDxRootEntriesOffset + 4, static_cast<u32>(leaf));
  st32(dir.raw + in::flags, ld32(dir.raw + in::flags) | kInodeFlagIndex);
  dx_csum_set(dir, r, kDxRootEntriesOffset);
  Error e = meta_dirty(lb);
  if (e == Error::Ok) e = meta_dirty(rb);
  cache_.put(lb);
  cache_.put(rb);
  return e;
}

namespace {
// A name of the leaf being split: small, so that sorting by hash moves 12 bytes, not the
// name (a 268-byte entry made memcpy the top function of creates in an indexed directory).
struct SplitEntry {
  u32 hash, ino;
  u16 off;  // of its record in the copy of the leaf
  u8 ft, len;
};
}  // namespace

Error Ext4::dx_insert(Inode& dir, StrView name, u32 ino, u8 ftype, bool* done) {
  *done = false;
  Buf* rb;
  rb = TRY(dir_block_read(dir, 0));  // the root changes only when a leaf splits (below, as pb)
  u8 version = rb->data[kDxRootInfoOffset + 4];
  u32 levels = rb->data[kDxRootInfoOffset + 6];
  u32 info_len = rb->data[kDxRootInfoOffset + 5];
  cache_.put(rb);
  if (unsigned_hash_ && version <= kDxHashTea) version += kDxHashUnsignedDelta;
  u32 hash = dx_hash(name, version);
  u64 nb;
  u32 nh;
  auto lr = dx_find_leaf(dir, hash, &nb, &nh);
  if (!lr.ok()) return Error::Ok;  // unsound index: caller drops it and adds linearly
  u64 leaf = lr.value();
  const u32 end = csum_ ? block_size_ - kDirTailSize : block_size_;
  Buf* lb;
  lb = TRY(dir_block(dir, leaf, nullptr));
  if (block_insert(lb->data, end, name, ino, ftype)) {
    dir_block_csum(dir, lb->data);
    Error e = meta_dirty(lb);
    cache_.put(lb);
    *done = e == Error::Ok;
    return e;
  }
  // Split. Find the index block (root or node) holding the entry that points at `leaf`.
  u64 parent_lblk = 0;
  u32 count_off = kDxRootInfoOffset + info_len;
  if (levels > 0) {
    // Walk down like dx_find_leaf but remember the last node.
    Buf* b;
    b = TRY(dir_block_read(dir, 0));
    for (u32 level = 0; level < levels; ++level) {
      u32 co = level == 0 ? count_off : kDxNodeEntriesOffset;
      u32 count = ld16(b->data + co + 2);
      u32 pick = 0;
      for (u32 i = 1; i < count; ++i)
        if (ld32(b->data + co + i * 8) <= hash) pick = i;
      u64 child = ld32(b->data + co + pick * 8 + 4);
      cache_.put(b);
      parent_lblk = child;
      b = TRY(dir_block_read(dir, child));
    }
    cache_.put(b);
    count_off = kDxNodeEntriesOffset;
  }
  Buf* pb;
  pb = TRY(dir_block(dir, parent_lblk, nullptr));
  u32 limit = ld16(pb->data + count_off), count = ld16(pb->data + count_off + 2);
  if (count >= limit) {
    cache_.put(pb);
    cache_.put(lb);
    return Error::Ok;  // index full: the caller drops the index
  }
  // The leaf's records are rewritten below: work from a copy of it.
  usize max_names = block_size_ / 12 + 1;
  auto* v = static_cast<SplitEntry*>(env_alloc(sizeof(SplitEntry) * max_names + block_size_));
  if (!v) {
    cache_.put(pb);
    cache_.put(lb);
    return Error::NoMemory;
  }
  u8* old = reinterpret_cast<u8*>(v + max_names);
  memcpy(old, lb->data, block_size_);
  auto name_of = [&](const SplitEntry& e) { return StrView(reinterpret_cast<const char*>(old + e.off + 8), e.len); };
  u32 n = 0;
  for (u32 off = 0; off < end && n < max_names;) {
    Dirent d = dirent_at(old, off);
    if (!dirent_ok(d, off, end)) break;
    if (d.inode) {
      SplitEntry& e = v[n++];
      e.ino = d.inode;
      e.ft = d.ft;
      e.len = static_cast<u8>(d.name_len);
      e.off = static_cast<u16>(off);
      e.hash = dx_hash(name_of(e), version);
    }
    off += d.rec_len;
  }
  // Sort by hash (insertion sort: a block holds at most a few hundred names).
  for (u32 i = 1; i < n; ++i) {
    SplitEntry t = v[i];
    u32 j = i;
    while (j > 0 && v[j - 1].hash > t.hash) { v[j] = v[j - 1]; --j; }
    v[j] = t;
  }
  if (n < 2) {
    env_free(v);
    cache_.put(pb);
    cache_.put(lb);
    return Error::Ok;
  }
  u32 split = n / 2;
  while (split > 0 && split < n && v[split].hash == v[split - 1].hash) ++split;  // keep equal hashes together
  if (split == 0 || split >= n) split = n / 2;  // all one hash: continuation bit handles it
  u32 split_hash = v[split].hash | (v[split].hash == v[split - 1].hash ? 1u : 0u);
  Buf* nbuf;
  u64 new_lblk;
  Error e = dir_append_block(dir, &nbuf, &new_lblk);
  if (e != Error::Ok) {
    env_free(v);
    cache_.put(pb);
    cache_.put(lb);
    return e;
  }
  auto fill = [&](u8* blk, u32 from, u32 to) {
    memset(blk, 0, block_size_);
    u32 off = 0;
    for (u32 i = from; i < to; ++i) {
      u32 rl = i + 1 == to ? end - off : rec_len_size(v[i].len);
      put_dirent(blk, off, v[i].ino, rl, name_of(v[i]), v[i].ft);
      off += rl;
    }
    if (from == to) put_dirent(blk, 0, 0, end, StrView(), 0);
  };
  fill(lb->data, 0, split);
  fill(nbuf->data, split, n);
  env_free(v);
  // New index entry after the one for `leaf`.
  u8* ents = pb->data + count_off;
  u32 pos = count;
  for (u32 i = 1; i < count; ++i)
    if (ld32(ents + i * 8) > split_hash) { pos = i; break; }
  memmove(ents + (pos + 1) * 8, ents + pos * 8, (count - pos) * 8);
  st32(ents + pos * 8, split_hash);
  st32(ents + pos * 8 + 4, static_cast<u32>(new_lblk));
  st16(pb->data + count_off + 2, static_cast<u16>(count + 1));
  dx_csum_set(dir, pb->data, count_off);
  // Now the insert itself, into the half its hash selects.
  Buf* target = hash >= split_hash ? nbuf : lb;
  bool ok = block_insert(target->data, end, name, ino, ftype);
  dir_block_csum(dir, lb->data);
  dir_block_csum(dir, nbuf->data);
  e = meta_dirty(lb);
  if (e == Error::Ok) e = meta_dirty(nbuf);
  if (e == Error::Ok) e = meta_dirty(pb);
  cache_.put(lb);
  cache_.put(nbuf);
  cache_.put(pb);
  TRY(e);
  if (!ok) return Error::Ok;  // (cannot happen: each half has room) -> caller falls back
  *done = true;
  return write_inode(dir);
}

Error Ext4::dir_add(Inode& dir, StrView name, u32 ino, u8 ftype) {
  if (ld32(dir.raw + in::flags) & kInodeFlagInlineData) return Error::NotSupported;
  if ((ld32(dir.raw + in::flags) & kInodeFlagIndex) && (compat_ & kCompatDirIndex)) {
    bool done = false;
    TRY(dx_insert(dir, name, ino, ftype, &done));
    if (done) return Error::Ok;
    TRY(dx_drop_index(dir));
  }
  const u32 end = csum_ ? block_size_ - kDirTailSize : block_size_;
  u64 nblocks = inode_size_of(dir) / block_size_;
  for (u64 lblk = 0; lblk < nblocks; ++lblk) {
    // Full blocks are only looked at: the undo copy is for the block that changes.
    Buf* b;
    b = TRY(dir_block_read(dir, lblk));
    u32 off = block_room(b->data, end, name);
    if (off != kNoRoom) {
      if (Error e = undo_save(b); e != Error::Ok) {
        cache_.put(b);
        return e;
      }
      block_insert_at(b->data, off, name, ino, ftype);
      dir_block_csum(dir, b->data);
      Error e = meta_dirty(b);
      cache_.put(b);
      TRY(e);
      return write_inode(dir);
    }
    cache_.put(b);
  }
  if (dx_can_index(dir)) {
    Error e = dx_make_index(dir);
    if (e == Error::Ok) {
      bool done = false;
      TRY(dx_insert(dir, name, ino, ftype, &done));
      if (done) return write_inode(dir);  // the new leaf, size and index flag
      TRY(dx_drop_index(dir));            // (cannot happen: a fresh index is sound)
      return dir_add(dir, name, ino, ftype);
    }
    if (e != Error::NotSupported) return e;
  }
  Buf* b;
  u64 lblk;
  TRY(dir_append_block(dir, &b, &lblk));
  block_insert(b->data, end, name, ino, ftype);
  dir_block_csum(dir, b->data);
  Error e = meta_dirty(b);
  cache_.put(b);
  TRY(e);
  return write_inode(dir);
}

Error Ext4::dir_remove(Inode& dir, StrView name) {
  DirLoc loc;
  TRY(dir_find(dir, name, &loc, nullptr).error());
  if (!loc.found) return Error::NotSupported;  // inline directory
  Buf* b;
  b = TRY(dir_block(dir, loc.lblk, nullptr));
  if (loc.prev_off != ~0u) {
    u32 rl = ld16(b->data + loc.prev_off + 4) + ld16(b->data + loc.off + 4);
    st16(b->data + loc.prev_off + 4, static_cast<u16>(rl));
  } else {
    st32(b->data + loc.off, 0);
  }
  dir_block_csum(dir, b->data);
  Error e = meta_dirty(b);
  cache_.put(b);
  return e;
}

Error Ext4::dir_retarget(Inode& dir, StrView name, u32 ino, u8 ftype) {
  DirLoc loc;
  TRY(dir_find(dir, name, &loc, nullptr).error());
  if (!loc.found) return Error::NotSupported;
  Buf* b;
  b = TRY(dir_block(dir, loc.lblk, nullptr));
  st32(b->data + loc.off, ino);
  b->data[loc.off + 7] = ftype;
  dir_block_csum(dir, b->data);
  Error e = meta_dirty(b);
  cache_.put(b);
  return e;
}

Result<bool> Ext4::dir_empty(Inode& dir) {
  u64 pos = 0;
  DirEntry e;
  for (;;) {
    bool more;
    more = TRY(dir_next(dir, &pos, &e));
    if (!more) return true;
    if (e.name_view() == "." || e.name_view() == "..") continue;
    return false;
  }
}

Error Ext4::dir_init_block(Inode& dir, u32 parent) {
  u32 got = 0;
  u64 p;
  p = TRY(alloc_blocks(inode_goal(dir), 1, &got));
  TRY(extent_add(dir, 0, p, 1));
  add_iblocks(dir, 1);
  st32(dir.raw + in::size_lo, block_size_);
  st32(dir.raw + in::size_hi, 0);
  Buf* b;
  b = TRY(meta_new(p));
  u32 end = csum_ ? block_size_ - kDirTailSize : block_size_;
  put_dirent(b->data, 0, dir.ino, 12, ".", kFtDir);
  put_dirent(b->data, 12, parent, end - 12, "..", kFtDir);
  dir_block_csum(dir, b->data);
  Error e = meta_dirty(b);
  cache_.put(b);
  return e;
}

}  // namespace sis::fs
