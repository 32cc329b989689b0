// ext4 mount, superblock, group descriptors, inodes and their checksums.
// Relies on: block_cache (all block I/O), jbd2 (metadata changes; replay at mount).
#include "fs/ext4.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {

using namespace ext4;

Ext4::~Ext4() {
  undo_destroy();
  journal_.close();
  cache_.destroy();
  env_free(gd_);
  env_free(frees_);
  env_free(scratch_);
  env_free(zone_);
  env_free(root_zone_);
}

Error Ext4::check_writable() const {
  if (!mounted()) return Error::Invalid;
  return read_only_ ? Error::ReadOnly : Error::Ok;
}

Error Ext4::begin_op() {
  TRY(check_writable());
  return journal_.is_open() ? journal_.begin_op() : Error::Ok;
}

Error Ext4::load_super() {
  BlockDevice* dev = dev_;
  u32 ss = dev->sector_size();
  usize n = (kSuperOffset + kSuperSize + ss - 1) / ss;
  u8* tmp = static_cast<u8*>(env_alloc(n * ss));
  if (!tmp) return Error::NoMemory;
  Error e = dev->read(0, static_cast<u32>(n), tmp);
  if (e == Error::Ok) memcpy(sb_, tmp + kSuperOffset, kSuperSize);
  env_free(tmp);
  TRY(e);

  if (ld16(sb_ + sb::magic) != kMagic) return Error::BadFormat;
  compat_ = ld32(sb_ + sb::feature_compat);
  incompat_ = ld32(sb_ + sb::feature_incompat);
  ro_compat_ = ld32(sb_ + sb::feature_ro_compat);
  csum_ = ro_compat_ & kRoCompatMetadataCsum;
  if (csum_) {
    if (sb_[sb::checksum_type] != 1) return Error::Corrupt;
    if (crc32c_raw(~0u, sb_, sb::checksum) != ld32(sb_ + sb::checksum)) return Error::Corrupt;
  }
  if (incompat_ & ~kIncompatSupported) return Error::NotSupported;
  if (ld32(sb_ + sb::rev_level) < 1) return Error::NotSupported;
  log_block_size_ = ld32(sb_ + sb::log_block_size);
  if (log_block_size_ > 6) return Error::Corrupt;
  block_size_ = 1024u << log_block_size_;
  if (ld32(sb_ + sb::log_cluster_size) != log_block_size_) return Error::NotSupported;  // bigalloc
  b64_ = incompat_ & kIncompat64bit;
  blocks_count_ = ld32(sb_ + sb::blocks_count_lo) | (b64_ ? static_cast<u64>(ld32(sb_ + sb::blocks_count_hi)) << 32 : 0);
  first_data_block_ = ld32(sb_ + sb::first_data_block);
  blocks_per_group_ = ld32(sb_ + sb::blocks_per_group);
  inodes_per_group_ = ld32(sb_ + sb::inodes_per_group);
  inodes_count_ = ld32(sb_ + sb::inodes_count);
  inode_size_ = ld16(sb_ + sb::inode_size);
  first_ino_ = ld32(sb_ + sb::first_ino);
  desc_size_ = b64_ ? ld16(sb_ + sb::desc_size) : 32;
  if (blocks_per_group_ == 0 || blocks_per_group_ > block_size_ * 8 || blocks_per_group_ % 8) return Error::Corrupt;
  if (inodes_per_group_ == 0 || inodes_per_group_ > block_size_ * 8 || inodes_per_group_ % 8) return Error::Corrupt;
  if (inode_size_ < kGoodOldInodeSize || inode_size_ > block_size_ || inode_size_ > kMaxInodeSize ||
      (inode_size_ & (inode_size_ - 1)))
    return Error::Corrupt;
  if (desc_size_ < 32 || desc_size_ > 1024 || (desc_size_ & (desc_size_ - 1)) || (b64_ && desc_size_ < 64))
    return Error::Corrupt;
  if (first_data_block_ != (block_size_ == 1024 ? 1u : 0u)) return Error::Corrupt;
  if (blocks_count_ <= first_data_block_ + 1) return Error::Corrupt;
  u64 groups = (blocks_count_ - first_data_block_ + blocks_per_group_ - 1) / blocks_per_group_;
  if (groups == 0 || groups > (1u << 20) || groups * inodes_per_group_ != inodes_count_) return Error::Corrupt;
  groups_ = static_cast<u32>(groups);
  if (first_ino_ < 11 || first_ino_ >= inodes_count_) return Error::Corrupt;
  if (incompat_ & kIncompatCsumSeed) csum_seed_ = ld32(sb_ + sb::checksum_seed);
  else csum_seed_ = crc32c_raw(~0u, sb_ + sb::uuid, 16);
  for (int i = 0; i < 4; ++i) hash_seed_[i] = ld32(sb_ + sb::hash_seed + 4 * i);
  hash_version_ = sb_[sb::def_hash_version];
  unsigned_hash_ = ld32(sb_ + sb::flags) & kFlagsUnsignedHash;
  sb_block_ = kSuperOffset / block_size_;
  sb_off_ = kSuperOffset % block_size_;
  gdt_block_ = first_data_block_ + 1;
  return Error::Ok;
}

u64 Ext4::gd_u64(u32 g, u32 lo, u32 hi) const {
  const u8* d = gd_ + static_cast<usize>(g) * desc_size_;
  u64 v = ld32(d + lo);
  if (desc_size_ >= 64) v |= static_cast<u64>(ld32(d + hi)) << 32;
  return v;
}

// 16-bit halves: free counts, used dirs, itable_unused.
u32 Ext4::gd_u32(u32 g, u32 lo, u32 hi) const {
  const u8* d = gd_ + static_cast<usize>(g) * desc_size_;
  u32 v = ld16(d + lo);
  if (desc_size_ >= 64) v |= static_cast<u32>(ld16(d + hi)) << 16;
  return v;
}

void Ext4::gd_set_u32(u32 g, u32 lo, u32 hi, u32 v) {
  undo_group(g);
  u8* d = gd_ + static_cast<usize>(g) * desc_size_;
  st16(d + lo, static_cast<u16>(v));
  if (desc_size_ >= 64) st16(d + hi, static_cast<u16>(v >> 16));
}

u16 Ext4::gd_flags(u32 g) const { return ld16(gd_ + static_cast<usize>(g) * desc_size_ + gd::flags); }
void Ext4::gd_set_flags(u32 g, u16 f) {
  undo_group(g);
  st16(gd_ + static_cast<usize>(g) * desc_size_ + gd::flags, f);
}

u16 Ext4::gd_csum(u32 g) const {
  u8 d[1024];
  memcpy(d, gd_ + static_cast<usize>(g) * desc_size_, desc_size_);
  st16(d + gd::checksum, 0);
  u8 le[4];
  st32(le, g);
  u32 c = crc32c_raw(csum_seed_, le, 4);
  return static_cast<u16>(crc32c_raw(c, d, desc_size_) & 0xffff);
}

Error Ext4::verify_group(u32 g) const {
  if (csum_ && gd_csum(g) != ld16(gd_ + static_cast<usize>(g) * desc_size_ + gd::checksum)) return Error::Corrupt;
  u64 itable_blocks = (static_cast<u64>(inodes_per_group_) * inode_size_ + block_size_ - 1) / block_size_;
  u64 bb = block_bitmap(g), ib = inode_bitmap(g), it = inode_table(g);
  if (bb < first_data_block_ || bb >= blocks_count_ || ib < first_data_block_ || ib >= blocks_count_ ||
      it < first_data_block_ || it + itable_blocks > blocks_count_)
    return Error::Corrupt;
  return Error::Ok;
}

Error Ext4::load_groups() {
  env_free(gd_);
  gd_ = nullptr;
  usize bytes = static_cast<usize>(groups_) * desc_size_;
  u64 gdt_blocks = (bytes + block_size_ - 1) / block_size_;
  if (gdt_block_ + gdt_blocks > blocks_count_) return Error::Corrupt;
  gd_ = static_cast<u8*>(env_alloc(gdt_blocks * block_size_));
  if (!gd_) return Error::NoMemory;
  for (u64 i = 0; i < gdt_blocks; ++i) {
    Buf* b;
    b = TRY(cache_.get(gdt_block_ + i));
    memcpy(gd_ + i * block_size_, b->data, block_size_);
    cache_.put(b);
  }
  free_blocks_ = free_inodes_ = 0;
  for (u32 g = 0; g < groups_; ++g) {
    TRY(verify_group(g));
    free_blocks_ += gd_u32(g, gd::free_blocks_lo, gd::free_blocks_hi);
    free_inodes_ += gd_u32(g, gd::free_inodes_lo, gd::free_inodes_hi);
  }
  if (free_blocks_ > blocks_count_ || free_inodes_ > inodes_count_) return Error::Corrupt;
  return zone_build();
}

Error Ext4::write_gd(u32 g) {
  u8* d = gd_ + static_cast<usize>(g) * desc_size_;
  if (csum_) st16(d + gd::checksum, gd_csum(g));
  u64 off = static_cast<u64>(g) * desc_size_;
  Buf* b;
  b = TRY(meta_read(gdt_block_ + off / block_size_));
  if (Error e = undo_save_range(b, static_cast<u32>(off % block_size_), desc_size_); e != Error::Ok) {
    cache_.put(b);
    return e;
  }
  memcpy(b->data + off % block_size_, d, desc_size_);
  Error e = meta_dirty(b);
  cache_.put(b);
  return e;
}

Error Ext4::write_super() {
  st32(sb_ + sb::free_blocks_lo, static_cast<u32>(free_blocks_));
  if (b64_) st32(sb_ + sb::free_blocks_hi, static_cast<u32>(free_blocks_ >> 32));
  st32(sb_ + sb::free_inodes, static_cast<u32>(free_inodes_));
  st32(sb_ + sb::wtime, static_cast<u32>(wall_clock_seconds()));
  if (csum_) st32(sb_ + sb::checksum, crc32c_raw(~0u, sb_, sb::checksum));
  Buf* b;
  b = TRY(meta_get(sb_block_));
  memcpy(b->data + sb_off_, sb_, kSuperSize);
  Error e = meta_dirty(b);
  cache_.put(b);
  sb_dirty_ = false;
  return e;
}

Error Ext4::pre_commit(void* self) {
  Ext4* fs = static_cast<Ext4*>(self);
  TRY(fs->apply_deferred_frees());
  if (fs->sb_dirty_) TRY(fs->write_super());
  return Error::Ok;
}

Result<Buf*> Ext4::meta_get(u64 block) {
  if (block < first_data_block_ && !(block == 0 && sb_block_ == 0)) return Error::Corrupt;
  Buf* b;
  b = TRY(cache_.get(block));
  if (Error e = undo_save(b); e != Error::Ok) {  // an operation may change it: keep a copy first
    cache_.put(b);
    return e;
  }
  return b;
}

Result<Buf*> Ext4::meta_read(u64 block) {
  if (block < first_data_block_ && !(block == 0 && sb_block_ == 0)) return Error::Corrupt;
  return cache_.get(block);
}

Result<Buf*> Ext4::meta_new(u64 block) { return cache_.get_new(block); }

Error Ext4::meta_dirty(Buf* b) {
  if (read_only_) return Error::ReadOnly;
  if (journal_.is_open() && journal_.writing()) return journal_.add(b);
  cache_.mark_dirty(b);
  return Error::Ok;
}

u32 Ext4::inode_seed(u32 ino, u32 gen) const {
  u8 le[4];
  st32(le, ino);
  u32 c = crc32c_raw(csum_seed_, le, 4);
  st32(le, gen);
  return crc32c_raw(c, le, 4);
}

u32 Ext4::inode_csum(const Inode& n) const {
  u8 tmp[kMaxInodeSize];
  memcpy(tmp, n.raw, inode_size_);
  st16(tmp + in::checksum_lo, 0);
  bool hi = inode_size_ > kGoodOldInodeSize && ld16(tmp + in::extra_isize) >= 4;
  if (hi) st16(tmp + in::checksum_hi, 0);
  u32 c = crc32c_raw(inode_seed(n.ino, ld32(n.raw + in::generation)), tmp, inode_size_);
  return hi ? c : (c & 0xffff);
}

Error Ext4::read_inode(u32 ino, Inode* out) {
  if (ino == 0 || ino > inodes_count_) return Error::Corrupt;
  u32 g = (ino - 1) / inodes_per_group_;
  u64 idx = (ino - 1) % inodes_per_group_;
  u64 byte = idx * inode_size_;
  Buf* b;
  b = TRY(meta_read(inode_table(g) + byte / block_size_));  // write_inode copies it before a change
  out->ino = ino;
  memcpy(out->raw, b->data + byte % block_size_, inode_size_);
  cache_.put(b);
  if (inode_size_ > kGoodOldInodeSize) {
    u32 extra = ld16(out->raw + in::extra_isize);
    if (kGoodOldInodeSize + extra > inode_size_ || (extra & 3)) return Error::Corrupt;
  }
  if (csum_) {
    bool zero = true;
    for (u32 i = 0; i < inode_size_ && zero; ++i) zero = out->raw[i] == 0;
    if (!zero) {
      u32 c = inode_csum(*out);
      u32 stored = ld16(out->raw + in::checksum_lo);
      if (inode_size_ > kGoodOldInodeSize && ld16(out->raw + in::extra_isize) >= 4)
        stored |= static_cast<u32>(ld16(out->raw + in::checksum_hi)) << 16;
      if (c != stored) return Error::Corrupt;
    }
  }
  // A size past what the format can address (Linux's s_maxbytes) is corruption, not a huge
  // sparse file: a reader would otherwise stream zeros for up to 2^63 bytes.
  u64 size = ld32(out->raw + in::size_lo) | static_cast<u64>(ld32(out->raw + in::size_hi)) << 32;
  if (size > max_file_size()) return Error::Corrupt;
  return Error::Ok;
}

Error Ext4::write_inode(Inode& n) {
  note_change(n.ino);  // every data, size or inode change (and a reused inode) passes here
  if (csum_) {
    u32 c = inode_csum(n);
    st16(n.raw + in::checksum_lo, static_cast<u16>(c));
    if (inode_size_ > kGoodOldInodeSize && ld16(n.raw + in::extra_isize) >= 4)
      st16(n.raw + in::checksum_hi, static_cast<u16>(c >> 16));
  }
  if (n.ino == kRootIno) root_zone_valid_ = false;  // its extents may have changed
  u32 g = (n.ino - 1) / inodes_per_group_;
  u64 byte = static_cast<u64>((n.ino - 1) % inodes_per_group_) * inode_size_;
  Buf* b;
  b = TRY(meta_read(inode_table(g) + byte / block_size_));
  if (Error e = undo_save_range(b, static_cast<u32>(byte % block_size_), inode_size_); e != Error::Ok) {
    cache_.put(b);
    return e;
  }
  memcpy(b->data + byte % block_size_, n.raw, inode_size_);
  Error e = meta_dirty(b);
  cache_.put(b);
  return e;
}

void Ext4::touch(Inode& n, bool mtime, bool ctime) {
  u32 now = static_cast<u32>(wall_clock_seconds());
  bool extra = inode_size_ > kGoodOldInodeSize && ld16(n.raw + in::extra_isize) >= 0x0C;
  if (mtime) {
    st32(n.raw + in::mtime, now);
    if (extra) st32(n.raw + in::mtime_extra, 0);
  }
  if (ctime) {
    st32(n.raw + in::ctime, now);
    if (extra) st32(n.raw + in::ctime_extra, 0);
  }
}

Error Ext4::open_journal() {
  u32 jino = ld32(sb_ + sb::journal_inum);
  if (ld32(sb_ + sb::journal_dev) || incompat_ & kIncompatJournalDev) return Error::NotSupported;
  if (jino == 0) return Error::Corrupt;
  Inode j;
  TRY(read_inode(jino, &j));
  if (!(ld32(j.raw + in::flags) & kInodeFlagExtents)) return Error::NotSupported;  // block-mapped journal
  ExtentList list;
  TRY(collect_extents(j, &list));  // (refuses a journal that claims metadata)
  if (!list.n) return Error::Corrupt;
  TRY(zone_add_journal(jino, list));
  JournalExtent* map = static_cast<JournalExtent*>(env_alloc(list.n * sizeof(JournalExtent)));
  if (!map) return Error::NoMemory;
  for (usize i = 0; i < list.n; ++i) map[i] = {list.v[i].lblk, list.v[i].pblk, list.v[i].len};
  Error e = journal_.open(&cache_, map, list.n);
  env_free(map);
  return e;
}

Error Ext4::mount(BlockDevice* dev, const Options& opt) {
  if (mounted()) return Error::Busy;
  if (!dev) return Error::Invalid;
  // The cache needs the block size, which the superblock gives.
  dev_ = dev;
  Error e = load_super();
  TRY(e);
  if (block_size_ % dev->sector_size()) return Error::NotSupported;
  if (blocks_count_ > dev->sector_count() / (block_size_ / dev->sector_size())) return Error::Corrupt;
  // The journal needs room for a transaction (Journal::kOpReserve per operation) besides the working set.
  TRY(cache_.init(dev, block_size_, max<usize>(opt.cache_buffers, 8 * Journal::kOpReserve)));
  scratch_ = static_cast<u8*>(env_alloc(block_size_));
  if (!scratch_) return Error::NoMemory;
  read_only_ = opt.read_only || dev->read_only() || (ro_compat_ & ~kRoCompatWritable) ||
               (incompat_ & kIncompatInlineData) || (incompat_ & kIncompatMmp);
  auto fail = [&](Error err) {
    journal_.close();
    cache_.destroy();
    env_free(gd_);
    gd_ = nullptr;
    return err;
  };
  if ((e = load_groups()) != Error::Ok) return fail(e);
  if (compat_ & kCompatHasJournal) {
    if ((e = open_journal()) != Error::Ok) return fail(e);
    if (journal_.needs_recovery() || (incompat_ & kIncompatRecover)) {
      if (!opt.replay || dev->read_only()) {
        read_only_ = true;  // stale view: the journal holds newer metadata
      } else {
        if ((e = journal_.replay()) != Error::Ok) return fail(e);
        journal_replayed_ = true;
        cache_.invalidate_all();
        // The superblock and descriptors may have been replayed: read them again.
        JournalStats keep = journal_.stats();
        journal_.close();
        if ((e = load_super()) != Error::Ok) return fail(e);
        if ((e = load_groups()) != Error::Ok) return fail(e);
        if ((e = open_journal()) != Error::Ok) return fail(e);
        journal_.stats() = keep;
        incompat_ &= ~kIncompatRecover;
        st32(sb_ + sb::feature_incompat, incompat_);
        if (csum_) st32(sb_ + sb::checksum, crc32c_raw(~0u, sb_, sb::checksum));
        if (!read_only_ || !opt.read_only) {
          Buf* b;
          auto r = cache_.get(sb_block_);
          if (!r.ok()) return fail(r.error());
          b = r.value();
          memcpy(b->data + sb_off_, sb_, kSuperSize);
          e = cache_.write_buf(b);
          cache_.put(b);
          if (e == Error::Ok) e = cache_.flush();
          if (e != Error::Ok) return fail(e);
        }
      }
    }
  }
  if (!read_only_) {
    if (journal_.is_open()) {
      e = journal_.start_writing(b64_, csum_, cache_.capacity() / 4);
      if (e != Error::Ok) return fail(e);
      journal_.set_pre_commit(&Ext4::pre_commit, this);
      cache_.set_pressure_hook([](void* j) { return static_cast<Journal*>(j)->commit(); }, &journal_);
    }
    // Mounted read-write: a crash from now on needs recovery (as Linux marks it).
    if (journal_.is_open()) incompat_ |= kIncompatRecover;
    st32(sb_ + sb::feature_incompat, incompat_);
    st16(sb_ + sb::mnt_count, static_cast<u16>(ld16(sb_ + sb::mnt_count) + 1));
    st32(sb_ + sb::mtime, static_cast<u32>(wall_clock_seconds()));
    st32(sb_ + sb::free_blocks_lo, static_cast<u32>(free_blocks_));
    if (b64_) st32(sb_ + sb::free_blocks_hi, static_cast<u32>(free_blocks_ >> 32));
    st32(sb_ + sb::free_inodes, static_cast<u32>(free_inodes_));
    if (csum_) st32(sb_ + sb::checksum, crc32c_raw(~0u, sb_, sb::checksum));
    auto r = cache_.get(sb_block_);
    if (!r.ok()) return fail(r.error());
    memcpy(r.value()->data + sb_off_, sb_, kSuperSize);
    e = cache_.write_buf(r.value());
    cache_.put(r.value());
    if (e == Error::Ok) e = cache_.flush();
    if (e != Error::Ok) return fail(e);
  }
  // The root must be a directory.
  Inode root;
  if ((e = read_inode(kRootIno, &root)) != Error::Ok) return fail(e);
  if ((ld16(root.raw + in::mode) & kModeTypeMask) != kModeDir) return fail(Error::Corrupt);
  return Error::Ok;
}

Error Ext4::unmount() {
  if (!mounted()) return Error::Invalid;
  undo_destroy();
  Error e = Error::Ok;
  if (!read_only_) {
    e = commit();
    if (e == Error::Ok && journal_.is_open()) e = journal_.mark_empty();
    if (e == Error::Ok) {
      incompat_ &= ~kIncompatRecover;
      st32(sb_ + sb::feature_incompat, incompat_);
      st32(sb_ + sb::free_blocks_lo, static_cast<u32>(free_blocks_));
      if (b64_) st32(sb_ + sb::free_blocks_hi, static_cast<u32>(free_blocks_ >> 32));
      st32(sb_ + sb::free_inodes, static_cast<u32>(free_inodes_));
      if (csum_) st32(sb_ + sb::checksum, crc32c_raw(~0u, sb_, sb::checksum));
      auto r = cache_.get(sb_block_);
      if (r.ok()) {
        memcpy(r.value()->data + sb_off_, sb_, kSuperSize);
        e = cache_.write_buf(r.value());
        cache_.put(r.value());
        if (e == Error::Ok) e = cache_.flush();
      } else {
        e = r.error();
      }
    }
  }
  journal_.close();
  cache_.destroy();
  env_free(gd_);
  gd_ = nullptr;
  return e;
}

Ext4::Info Ext4::info() const {
  Info i{};
  i.block_size = block_size_;
  i.inode_size = inode_size_;
  i.groups = groups_;
  i.blocks_per_group = blocks_per_group_;
  i.inodes_per_group = inodes_per_group_;
  i.blocks = blocks_count_;
  i.inodes = inodes_count_;
  i.compat = compat_;
  i.incompat = incompat_;
  i.ro_compat = ro_compat_;
  i.metadata_csum = csum_;
  i.has_journal = journal_.is_open();
  i.journal_replayed = journal_replayed_;
  i.read_only = read_only_;
  i.journal_blocks = journal_.is_open() ? journal_.log_blocks() : 0;
  i.journal_sequence = journal_.is_open() ? journal_.sequence() : 0;
  i.journal_features = journal_.is_open() ? journal_.features() : 0;
  memcpy(i.volume_name, sb_ + sb::volume_name, 16);
  i.volume_name[16] = 0;
  memcpy(i.uuid, sb_ + sb::uuid, 16);
  return i;
}

}  // namespace sis::fs
