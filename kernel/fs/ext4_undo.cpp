// ext4 operations are all-or-nothing: a failed step undoes the whole operation in place.
//
// Why: an operation such as mkdir takes several steps (allocate an inode, add the name to
// the parent, allocate and fill the directory block, write both inodes). All of them land
// in the running journal transaction, which commits later as a whole -- so a step that
// fails half-way (no space for the directory block, an I/O error reading a bitmap) would
// otherwise leave the earlier steps in the transaction: a name pointing at a free inode,
// a bitmap bit nobody owns. e2fsck finds exactly that.
//
// How: between op_open() and op_keep()/op_undo() every metadata buffer the operation gets
// through meta_get() (to change it) is copied before its first change (undo_save); buffers
// it only looks at (meta_read(): lookups, inode reads, extent walks) are not copied. Every
// group descriptor is copied before its first change (undo_group), and the superblock copy,
// free counters and the deferred-free list are remembered. The journal refuses to commit
// meanwhile and keeps the buffers that revoke() drops, so nothing half-done can reach the
// disk. op_undo() puts it all back. Copies are of whole blocks, or of just the inode or
// group descriptor being written (undo_save_range); their buffers are kept for reuse by the
// next operation.
#include "fs/ext4.h"

#include "lib/env.h"

namespace sis::fs {

using ext4::kSuperSize;

namespace {
constexpr usize kSpareCopies = 32;  // block copies kept between operations
}  // namespace

Error Ext4::op_open() {
  if (undo_.open) op_keep();  // a caller forgot to close: keep what it did
  undo_.open = true;
  undo_.broken = false;
  undo_.nblocks = undo_.ngroups = 0;
  memcpy(undo_.sb, sb_, kSuperSize);
  undo_.free_blocks = free_blocks_;
  undo_.free_inodes = free_inodes_;
  undo_.last_alloc_group = last_alloc_group_;
  undo_.sb_dirty = sb_dirty_;
  undo_.nfrees = nfrees_;
  undo_.last_free_count = nfrees_ ? frees_[nfrees_ - 1].count : 0;
  if (journal_.is_open() && journal_.writing()) journal_.op_mark();
  return Error::Ok;
}

Error Ext4::undo_save(Buf* b) { return undo_save_range(b, 0, block_size_); }

// Several ranges of one block may be saved (two inodes of one inode-table block, then maybe
// the whole block): op_undo restores them newest first, so each byte ends up as it was
// before its first save. A range inside one already saved is skipped.
Error Ext4::undo_save_range(Buf* b, u32 off, u32 len) {
  if (!undo_.open) return Error::Ok;
  for (usize i = 0; i < undo_.nblocks; ++i) {
    const UndoBlock& u = undo_.blocks[i];
    if (u.buf == b && u.off <= off && off + len <= u.off + u.len) return Error::Ok;
  }
  if (undo_.nblocks == undo_.cap_blocks) {
    usize nc = undo_.cap_blocks ? undo_.cap_blocks * 2 : 32;
    auto* n = static_cast<UndoBlock*>(env_alloc(nc * sizeof(UndoBlock)));
    if (!n) return Error::NoMemory;
    if (undo_.nblocks) memcpy(n, undo_.blocks, undo_.nblocks * sizeof(UndoBlock));
    env_free(undo_.blocks);
    undo_.blocks = n;
    undo_.cap_blocks = nc;
  }
  u8* copy = undo_.nspare ? undo_.spare[--undo_.nspare] : static_cast<u8*>(env_alloc(block_size_));
  if (!copy) return Error::NoMemory;  // the caller fails before changing b: nothing to undo there
  memcpy(copy, b->data + off, len);
  ++undo_.copies;
  undo_.copied_bytes += len;
  ++b->refs;
  undo_.blocks[undo_.nblocks++] = {b, copy, off, len};
  return Error::Ok;
}

void Ext4::undo_group(u32 g) {
  if (!undo_.open) return;
  for (usize i = 0; i < undo_.ngroups; ++i)
    if (undo_.groups[i].g == g) return;
  if (undo_.ngroups == undo_.cap_groups) {
    usize nc = undo_.cap_groups ? undo_.cap_groups * 2 : 8;
    auto* n = static_cast<UndoGroup*>(env_alloc(nc * sizeof(UndoGroup)));
    if (!n) {
      undo_.broken = true;
      return;
    }
    if (undo_.ngroups) memcpy(n, undo_.groups, undo_.ngroups * sizeof(UndoGroup));
    env_free(undo_.groups);
    undo_.groups = n;
    undo_.cap_groups = nc;
  }
  UndoGroup& u = undo_.groups[undo_.ngroups++];
  u.g = g;
  // Only the first 64 bytes of a descriptor are ever changed (counts, flags, checksums).
  memcpy(u.desc, gd_ + static_cast<usize>(g) * desc_size_, min<u32>(desc_size_, sizeof(u.desc)));
}

void Ext4::undo_release() {
  for (usize i = 0; i < undo_.nblocks; ++i) {
    cache_.put(undo_.blocks[i].buf);
    u8* copy = undo_.blocks[i].copy;
    if (undo_.nspare < kSpareCopies) {
      if (undo_.nspare == undo_.cap_spare) {
        auto* n = static_cast<u8**>(env_alloc(kSpareCopies * sizeof(u8*)));
        if (n) {
          if (undo_.nspare) memcpy(n, undo_.spare, undo_.nspare * sizeof(u8*));
          env_free(undo_.spare);
          undo_.spare = n;
          undo_.cap_spare = kSpareCopies;
        }
      }
      if (undo_.nspare < undo_.cap_spare) {
        undo_.spare[undo_.nspare++] = copy;
        continue;
      }
    }
    env_free(copy);
  }
  undo_.nblocks = undo_.ngroups = 0;
  undo_.open = false;
}

void Ext4::op_keep() {
  if (!undo_.open) return;
  if (journal_.is_open() && journal_.writing()) journal_.op_done();
  undo_release();
}

Error Ext4::op_undo() {
  if (!undo_.open) return Error::Ok;
  Error e = Error::Ok;
  if (journal_.is_open() && journal_.writing()) e = journal_.op_rollback();
  for (usize i = undo_.nblocks; i-- > 0;) {
    const UndoBlock& u = undo_.blocks[i];
    memcpy(u.buf->data + u.off, u.copy, u.len);
  }
  for (usize i = undo_.ngroups; i-- > 0;)
    memcpy(gd_ + static_cast<usize>(undo_.groups[i].g) * desc_size_, undo_.groups[i].desc,
           min<u32>(desc_size_, sizeof(undo_.groups[i].desc)));
  memcpy(sb_, undo_.sb, kSuperSize);
  free_blocks_ = undo_.free_blocks;
  free_inodes_ = undo_.free_inodes;
  last_alloc_group_ = undo_.last_alloc_group;
  sb_dirty_ = undo_.sb_dirty;
  if (undo_.nfrees <= nfrees_) {
    nfrees_ = undo_.nfrees;
    if (nfrees_) frees_[nfrees_ - 1].count = undo_.last_free_count;
  }
  for (auto& c : ecache_) c = ExtentCacheEntry{};  // mappings may name undone extents
  bool broken = undo_.broken;
  undo_release();
  if (broken || e != Error::Ok) {
    // Not everything could be put back: stop writing rather than commit a torn operation.
    read_only_ = true;
    return e != Error::Ok ? e : Error::NoMemory;
  }
  return Error::Ok;
}

void Ext4::undo_destroy() {
  op_keep();
  for (usize i = 0; i < undo_.nspare; ++i) env_free(undo_.spare[i]);
  env_free(undo_.spare);
  env_free(undo_.blocks);
  env_free(undo_.groups);
  undo_.spare = nullptr;
  undo_.blocks = nullptr;
  undo_.groups = nullptr;
  undo_.nspare = undo_.cap_spare = undo_.cap_blocks = undo_.cap_groups = 0;
}

bool Ext4::retry_may_help(Error e) const {
  if (!journal_.is_open() || !journal_.writing()) return false;
  // Blocks freed by the running transaction become allocatable when it commits.
  if (e == Error::NoSpace) return nfrees_ > 0;
  // The cache was full of the transaction's buffers (its pressure commit is refused while
  // an operation is open): after a commit they can be recycled.
  if (e == Error::Busy || e == Error::NoMemory) return journal_.running_blocks() > 0;
  return false;
}

Result<bool> Ext4::commit_for_space() {
  TRY(commit());
  return true;
}

Result<bool> Ext4::commit_if_due(u64 now_s) {
  if (!mounted() || read_only_) return false;
  bool pending = nfrees_ > 0 || sb_dirty_ ||
                 (journal_.is_open() && journal_.writing() &&
                  (journal_.running_blocks() > 0 || journal_.running_revokes() > 0)) ||
                 cache_.stats().dirty > 0;
  // The interval starts with the first change after a clean state (as a jbd2 transaction's
  // timer starts when the transaction does); a clock that went back restarts it.
  if (!pending || now_s < last_commit_s_) {
    last_commit_s_ = now_s;
    return false;
  }
  if (now_s - last_commit_s_ < commit_interval_s_) return false;
  TRY(commit());
  last_commit_s_ = now_s;
  return true;
}

}  // namespace sis::fs
