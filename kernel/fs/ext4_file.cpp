// ext4 file contents: read, write, truncate, inline data, release of a deleted inode.
//
// Data is not journaled (ordered mode): whole aligned blocks go straight between the
// caller's buffer and the device (after the extent tree says where), partial blocks go
// through the block cache as dirty data that the next commit writes before its metadata.
// Newly allocated blocks are zero-filled where the write does not cover them, so a file
// never shows stale disk contents.
#include "fs/ext4.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {

using namespace ext4;

namespace {
u64 isize(const Ext4::Inode& n) { return ld32(n.raw + in::size_lo) | static_cast<u64>(ld32(n.raw + in::size_hi)) << 32; }
void set_isize(Ext4::Inode& n, u64 s) {
  st32(n.raw + in::size_lo, static_cast<u32>(s));
  st32(n.raw + in::size_hi, static_cast<u32>(s >> 32));
}
constexpr u64 kDirectMinBlocks = 4;       // aligned runs at least this long bypass the cache
constexpr u32 kWriteChunkBlocks = 2048;   // blocks allocated per journal operation
}  // namespace

Result<usize> Ext4::inline_data(Inode& n, u8* out, usize cap) {
  if (cap < kBlockArrayBytes) return Error::Range;
  memcpy(out, n.raw + in::block, kBlockArrayBytes);
  usize total = kBlockArrayBytes;
  if (inode_size_ <= kGoodOldInodeSize) return total;
  u32 start = kGoodOldInodeSize + ld16(n.raw + in::extra_isize);
  if (start + 4 > inode_size_ || ld32(n.raw + start) != kXattrMagic) return total;
  u32 first = start + 4;
  for (u32 off = first; off + 16 <= inode_size_;) {
    const u8* e = n.raw + off;
    if (ld32(e) == 0) break;
    u32 name_len = e[0];
    u32 value_offs = ld16(e + 2), value_size = ld32(e + 8);
    if (off + 16 + name_len > inode_size_) return Error::Corrupt;
    if (e[1] == kXattrIndexSystem && name_len == 4 && memcmp(e + 16, "data", 4) == 0) {
      if (ld32(e + 4) != 0 || first + value_offs + value_size > inode_size_) return Error::Corrupt;
      if (total + value_size > cap) return Error::Range;
      memcpy(out + total, n.raw + first + value_offs, value_size);
      total += value_size;
      break;
    }
    off += (16 + name_len + 3) & ~3u;
  }
  return total;
}

Result<usize> Ext4::read_data(Inode& n, u64 off, void* out, usize len) {
  u64 size = isize(n);
  if (off >= size || len == 0) return usize{0};
  len = static_cast<usize>(min<u64>(len, size - off));
  u8* dst = static_cast<u8*>(out);
  if (ld32(n.raw + in::flags) & kInodeFlagInlineData) {
    usize have;
    have = TRY(inline_data(n, scratch_, block_size_));
    for (usize i = 0; i < len; ++i) dst[i] = off + i < have ? scratch_[off + i] : 0;
    return len;
  }
  usize done = 0;
  while (done < len) {
    u64 pos = off + done;
    u64 lblk = pos / block_size_;
    u32 in_block = static_cast<u32>(pos % block_size_);
    usize left = len - done;
    Mapping m;
    m = TRY(map_block(n, lblk));
    if (!m.pblk || m.uninit) {
      u64 span = m.len == ~0ull ? left : min<u64>(left, m.len * block_size_ - in_block);
      memset(dst + done, 0, static_cast<usize>(span));
      done += static_cast<usize>(span);
      continue;
    }
    if (in_block == 0 && left >= kDirectMinBlocks * block_size_ && m.len >= kDirectMinBlocks) {
      u64 count = min<u64>(m.len, left / block_size_);
      TRY(cache_.read_direct(m.pblk, count, dst + done));
      done += static_cast<usize>(count * block_size_);
      continue;
    }
    Buf* b;
    b = TRY(cache_.get(m.pblk));
    usize part = min<usize>(left, block_size_ - in_block);
    memcpy(dst + done, b->data + in_block, part);
    cache_.put(b);
    done += part;
  }
  return len;
}

Result<usize> Ext4::write_data(Inode& n, u64 off, const u8* src, usize len, usize* kept) {
  u32 flags = ld32(n.raw + in::flags);
  if (flags & kInodeFlagInlineData) return Error::NotSupported;
  if (!(flags & kInodeFlagExtents)) return Error::NotSupported;
  if (off + len < off || off + len > max_file_size()) return Error::FileTooBig;
  usize done = 0;
  u64 prev_p = 0;
  u32 chunk_blocks = 0;
  bool retried = false;
  // Ends this part of the operation with what is written so far (size, inode), keeps it
  // (the undo scope closes), optionally commits, and opens the next part.
  auto next_part = [&](bool commit_now) -> Error {
    u64 end = off + done;
    if (end > isize(n)) set_isize(n, end);
    TRY(write_inode(n));
    op_keep();
    *kept = done;
    if (commit_now) TRY(commit());
    TRY(begin_op());
    TRY(op_open());
    TRY(read_inode(n.ino, &n));
    chunk_blocks = 0;
    return Error::Ok;
  };
  while (done < len) {
    if (chunk_blocks >= kWriteChunkBlocks) {
      // Keep each journal transaction bounded: finish this part, open the next.
      TRY(next_part(false));
    }
    u64 pos = off + done;
    u64 lblk = pos / block_size_;
    u32 in_block = static_cast<u32>(pos % block_size_);
    usize left = len - done;
    Mapping m;
    m = TRY(map_block(n, lblk));
    bool fresh = false;
    if (m.uninit) return Error::NotSupported;  // FIXME: converting unwritten extents
    if (!m.pblk) {
      u64 want = (in_block + left + block_size_ - 1) / block_size_;
      want = min<u64>(want, m.len);
      want = min<u64>(want, kWriteChunkBlocks - chunk_blocks);
      want = max<u64>(want, 1);
      u64 goal = prev_p ? prev_p + 1 : 0;
      if (!goal && lblk > 0) {
        auto pm = map_block(n, lblk - 1);
        if (pm.ok() && pm.value().pblk) goal = pm.value().pblk + 1;
      }
      if (!goal) goal = inode_goal(n);
      u32 got = 0;
      auto ar = alloc_blocks(goal, static_cast<u32>(want), &got);
      if (!ar.ok() && ar.error() == Error::NoSpace && !retried && nfrees_ > 0 && journal_.is_open() &&
          journal_.writing()) {
        // Blocks freed in the running transaction (an rm just before) become usable once it
        // commits: commit what is done so far and try once more.
        retried = true;
        TRY(next_part(true));
        continue;
      }
      if (!ar.ok()) {
        // Out of space part-way: keep what was written (a short write), as POSIX does.
        if (!done) return ar.error();
        break;
      }
      u64 p = ar.value();
      TRY(extent_add(n, lblk, p, got));  // on failure the operation's undo frees p again
      add_iblocks(n, got);
      chunk_blocks += got;
      m = {p, got, false};
      fresh = true;
    }
    if (in_block == 0 && left >= block_size_) {
      u64 count = min<u64>(m.len, left / block_size_);
      TRY(cache_.write_direct(m.pblk, count, src + done));
      done += static_cast<usize>(count * block_size_);
      prev_p = m.pblk + count - 1;
      continue;
    }
    Buf* b;
    if (fresh) { b = TRY(cache_.get_new(m.pblk)); }
    else { b = TRY(cache_.get(m.pblk)); }
    usize part = min<usize>(left, block_size_ - in_block);
    memcpy(b->data + in_block, src + done, part);
    cache_.mark_dirty(b);
    cache_.put(b);
    done += part;
    prev_p = m.pblk;
    // Zero-fill the rest of a fresh run that this write will not reach.
    if (fresh && m.len > 1 && done >= len) {
      for (u64 k = 1; k < m.len; ++k) {
        Buf* z;
        z = TRY(cache_.get_new(m.pblk + k));
        cache_.mark_dirty(z);
        cache_.put(z);
      }
    }
  }
  if (off + done > isize(n)) set_isize(n, off + done);
  touch(n, true, true);
  TRY(write_inode(n));
  return done;
}

Error Ext4::truncate_inode(Inode& n, u64 size) {
  u32 flags = ld32(n.raw + in::flags);
  if (flags & kInodeFlagInlineData) return Error::NotSupported;
  u64 old = isize(n);
  if (size < old) {
    if (!(flags & kInodeFlagExtents)) return Error::NotSupported;
    TRY(extent_truncate(n, (size + block_size_ - 1) / block_size_));
  }
  // Zero the tail of the last partial block so that growing later reads zeros.
  u64 edge = min(size, old);
  if (edge % block_size_ && (flags & kInodeFlagExtents)) {
    Mapping m;
    m = TRY(map_block(n, edge / block_size_));
    if (m.pblk && !m.uninit) {
      Buf* b;
      b = TRY(cache_.get(m.pblk));
      u32 from = static_cast<u32>(edge % block_size_);
      memset(b->data + from, 0, block_size_ - from);
      cache_.mark_dirty(b);
      cache_.put(b);
    }
  }
  set_isize(n, size);
  touch(n, true, true);
  return write_inode(n);
}

Error Ext4::release_inode(Inode& n) {
  u32 mode = ld16(n.raw + in::mode);
  u32 flags = ld32(n.raw + in::flags);
  bool dir = (mode & kModeTypeMask) == kModeDir;
  if ((flags & kInodeFlagExtents) && !(flags & kInodeFlagInlineData)) {
    // Directory and symlink blocks are metadata: revoke them so that replay cannot
    // resurrect old copies over whatever reuses them.
    if (dir || (mode & kModeTypeMask) == kModeLink) {
      ExtentList list;
      TRY(collect_extents(n, &list));
      for (usize i = 0; i < list.n; ++i)
        for (u32 k = 0; k < list.v[i].len && journal_.is_open() && journal_.writing(); ++k)
          TRY(journal_.revoke(list.v[i].pblk + k));
    }
    TRY(extent_truncate(n, 0));
  }
  u64 acl = ld32(n.raw + in::file_acl_lo) | static_cast<u64>(ld16(n.raw + in::file_acl_hi)) << 32;
  if (acl && acl < blocks_count_) {
    Buf* b;
    b = TRY(meta_get(acl));
    u32 refs = ld32(b->data + 4);
    if (ld32(b->data) == kXattrMagic && refs > 1) {
      st32(b->data + 4, refs - 1);
      if (csum_) {
        u8 le[8];
        st64(le, acl);
        st32(b->data + 0x10, 0);
        st32(b->data + 0x10, crc32c_raw(crc32c_raw(csum_seed_, le, 8), b->data, block_size_));
      }
      Error e = meta_dirty(b);
      cache_.put(b);
      TRY(e);
    } else {
      cache_.put(b);
      if (journal_.is_open() && journal_.writing()) TRY(journal_.revoke(acl));
      TRY(free_blocks(acl, 1));
    }
    st32(n.raw + in::file_acl_lo, 0);
    st16(n.raw + in::file_acl_hi, 0);
    st32(n.raw + in::blocks_lo, 0);
    st16(n.raw + in::blocks_hi, 0);
  }
  st16(n.raw + in::links, 0);
  set_isize(n, 0);
  st32(n.raw + in::dtime, static_cast<u32>(wall_clock_seconds()));
  TRY(free_inode(n.ino, dir));
  return write_inode(n);
}

}  // namespace sis::fs
