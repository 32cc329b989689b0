// Ext4: the ext4 file system (as Debian 12's mkfs.ext4 makes it), read and write.
//
// Layers, bottom up, one file each (like xv6's fs.c):
//   block_cache.cpp  buffers over the BlockDevice
//   jbd2.cpp         the journal: every metadata change is part of a transaction
//   ext4_super.cpp   mount, superblock, group descriptors, inodes, checksums
//   ext4_alloc.cpp   block and inode bitmaps (allocation with locality)
//   ext4_extent.cpp  extent trees: logical -> physical block mapping
//   ext4_zone.cpp    the system zone: blocks no file may claim (metadata, journal, root)
//   ext4_dir.cpp     directories: linear and htree (hashed) lookup, add, remove
//   ext4_file.cpp    file contents: read, write, truncate, symlinks, inline data
//   ext4_ops.cpp     the FileSystem operations (create, unlink, rename, ...)
//
// Invariants:
//  - Every metadata block change goes through meta_dirty() (the running journal transaction,
//    or plain write-back on a file system without a journal).
//  - Every metadata block carries a correct checksum when it is dirtied (metadata_csum):
//    superblock, group descriptors, bitmaps, inodes, extent blocks, directory blocks.
//  - Blocks freed by an operation become allocatable only when its transaction commits.
//  - Anything read from the disk is range-checked before it is used; a structure that does
//    not make sense yields Error::Corrupt, never a crash or an endless loop.
//  - No extent is used (read, written or freed) unless blocks_ok() accepts its blocks: inside
//    the file system and not file-system metadata or another reserved inode's blocks.
#pragma once
#include "fs/block_cache.h"
#include "fs/ext4_format.h"
#include "fs/file_system.h"
#include "fs/jbd2.h"

namespace sis::fs {

class Ext4 final : public FileSystem {
 public:
  static constexpr u32 kMaxInodeSize = 512;  // keeps Inode copies small on kernel stacks

  struct Options {
    usize cache_buffers = 1024;
    bool read_only = false;
    bool replay = true;  // replay a journal that needs recovery (else mount read-only)
  };

  struct Inode {
    u32 ino = 0;
    u8 raw[kMaxInodeSize];
  };

  Ext4() = default;
  ~Ext4();
  Ext4(const Ext4&) = delete;
  Ext4& operator=(const Ext4&) = delete;

  // Mounts the ext4 file system on dev; on failure the object stays unmounted.
  Error mount(BlockDevice* dev, const Options& opt);
  bool mounted() const { return cache_.ready(); }

  // FileSystem.
  const char* type_name() const override { return "ext4"; }
  bool tracks_changes() const override { return true; }
  u64 root_ino() const override { return ext4::kRootIno; }
  bool read_only() const override { return read_only_; }
  Result<u64> lookup(u64 dir, StrView name) override;
  Result<Stat> getattr(u64 ino) override;
  Result<usize> read(u64 ino, u64 off, void* buf, usize len) override;
  Result<usize> write(u64 ino, u64 off, const void* buf, usize len) override;
  Error truncate(u64 ino, u64 size) override;
  Result<usize> readlink(u64 ino, char* buf, usize cap) override;
  Result<bool> readdir(u64 dir, u64* cookie, DirEntry* out) override;
  Result<u64> create(u64 dir, StrView name, u32 mode) override;
  Result<u64> mkdir(u64 dir, StrView name, u32 mode) override;
  Result<u64> symlink(u64 dir, StrView name, StrView target) override;
  Error unlink(u64 dir, StrView name) override;
  Error rmdir(u64 dir, StrView name) override;
  Error rename(u64 from_dir, StrView from, u64 to_dir, StrView to) override;
  Error link(u64 dir, StrView name, u64 ino) override;
  Error setattr(u64 ino, const SetAttr& a) override;
  Error fsync(u64 ino) override;
  Error sync() override;
  Result<FsStat> statfs() override;
  Error unmount() override;

  // For fsinfo / tests.
  struct Info {
    u32 block_size, inode_size, groups, blocks_per_group, inodes_per_group;
    u64 blocks, inodes;
    u32 compat, incompat, ro_compat;
    bool metadata_csum, has_journal, journal_replayed, read_only;
    u32 journal_blocks, journal_sequence, journal_features;
    char volume_name[17];
    u8 uuid[16];
  };
  Info info() const;
  const JournalStats* journal_stats() const { return journal_.is_open() ? &journal_.stats() : nullptr; }
  BlockCacheStats cache_stats() const { return cache_.stats(); }
  BlockCache& cache() { return cache_; }
  // Physical block of a file's logical block (0 for a hole), with the contiguous run length.
  Result<u64> physical_block(u64 ino, u64 lblk, u64* run);
  // Benchmark: logs `blocks` unchanged inode-table blocks in one committed but not
  // checkpointed transaction, then replays it; returns the replay time from `now_ns`.
  Result<u64> bench_replay(u32 blocks, u64 (*now_ns)());
  struct DirStats {
    u64 htree_lookups = 0, linear_lookups = 0;
  };
  DirStats dir_stats() const { return dstats_; }
  // Copies operations made so that a failure can be undone (ext4_undo.cpp), and their bytes.
  u64 undo_copies() const { return undo_.copies; }
  u64 undo_copied_bytes() const { return undo_.copied_bytes; }
  // Commits the running transaction (fsync of everything).
  Error commit() { return journal_.is_open() && journal_.writing() ? journal_.commit() : cache_.sync(); }
  // Crash injection (crash.inject write-crash): commits and checkpoints everything, then
  // makes the empty log durable, so that the only transaction a crash can leave in the log
  // is the next one; then arms `point` for the next commit (Journal::arm_crash).
  Error prepare_crash(CrashPoint point, CrashHook hook, void* ctx, u64 data_blocks) {
    if (!journal_.is_open() || !journal_.writing()) return Error::NotSupported;
    TRY(journal_.commit());
    TRY(journal_.mark_empty());
    journal_.arm_crash(point, hook, ctx, data_blocks);
    return Error::Ok;
  }
  void disarm_crash() { journal_.disarm_crash(); }
  // The largest file size this file system supports (Linux's s_maxbytes): writes at or
  // past it are Error::FileTooBig.
  u64 max_file_size() const;

  // Commit interval (as Linux's commit= mount option, default 5 s): commits once changes
  // (journaled metadata, frees, dirty data) have waited that long, so that space freed by
  // rm becomes usable and data reaches the disk without an explicit sync.
  static constexpr u64 kCommitIntervalS = 5;
  Result<bool> commit_if_due(u64 now_s) override;
  void set_commit_interval(u64 seconds) { commit_interval_s_ = seconds; }

  // Fault injection (tests): the nth block or inode allocation from now fails with `e`
  // (0: off). Every operation must then leave no trace (see ext4_undo.cpp).
  void inject_alloc_failure(u32 nth, Error e = Error::NoSpace) {
    fault_alloc_at_ = nth;
    fault_alloc_count_ = 0;
    fault_alloc_error_ = e;
  }
  u32 alloc_calls() const { return fault_alloc_count_; }

 private:
  friend struct Ext4Access;  // tests
  // --- ext4_super.cpp ---
  Error load_super();
  Error load_groups();
  Error open_journal();
  Error verify_group(u32 g) const;
  u64 gd_u64(u32 g, u32 lo, u32 hi) const;
  u32 gd_u32(u32 g, u32 lo, u32 hi) const;
  void gd_set_u32(u32 g, u32 lo, u32 hi, u32 v);
  u16 gd_flags(u32 g) const;
  void gd_set_flags(u32 g, u16 f);
  u64 block_bitmap(u32 g) const { return gd_u64(g, ext4::gd::block_bitmap_lo, ext4::gd::block_bitmap_hi); }
  u64 inode_bitmap(u32 g) const { return gd_u64(g, ext4::gd::inode_bitmap_lo, ext4::gd::inode_bitmap_hi); }
  u64 inode_table(u32 g) const { return gd_u64(g, ext4::gd::inode_table_lo, ext4::gd::inode_table_hi); }
  u16 gd_csum(u32 g) const;
  Error write_gd(u32 g);  // checksum + journal
  Error write_super();    // counts + checksum + journal
  static Error pre_commit(void* self);
  u32 inode_seed(u32 ino, u32 gen) const;
  u32 inode_csum(const Inode& n) const;
  // meta_get: a block the caller may change (an open operation keeps a copy first, see
  // ext4_undo.cpp); meta_read: a block the caller only looks at (no copy: a lookup in a
  // 1000-name directory copied every block it scanned). Never change a meta_read buffer:
  // get it again with meta_get (or undo_save it) before the first change.
  Result<Buf*> meta_get(u64 block);
  Result<Buf*> meta_read(u64 block);
  Result<Buf*> meta_new(u64 block);
  Error meta_dirty(Buf* b);
  Error read_inode(u32 ino, Inode* out);
  Error write_inode(Inode& n);
  Error begin_op();
  Error check_writable() const;
  void touch(Inode& n, bool mtime, bool ctime);

  // --- ext4_zone.cpp ---
 public:
  struct ZoneRange {
    u64 start, len;
    u32 owner;  // 0: file-system metadata; else the only inode that may map these blocks
  };

 private:
  struct ExtentList;
  Error zone_build();  // metadata ranges of the loaded descriptors (load_groups calls it)
  Error zone_add(u64 start, u64 len, u32 owner);
  Error zone_finish();
  Error zone_add_journal(u32 jino, const ExtentList& list);
  void zone_load_root();
  // Whether inode `ino` may map [start, start + len): inside the file system and claimed by
  // no metadata and no other reserved inode.
  bool blocks_ok(u32 ino, u64 start, u64 len);

  // --- ext4_undo.cpp ---
  // Every mutating operation runs in run_op(): all-or-nothing inside the running transaction.
  // A failure at any step (no space, an I/O error, a corrupt block) restores the metadata
  // buffers, group descriptors and counters it changed; NoSpace is retried once after a
  // commit when the running transaction holds frees that the commit makes usable.
  template <typename F>
  auto run_op(F&& body) -> decltype(body());
  Error op_open();
  void op_keep();
  Error op_undo();
  Error undo_save(Buf* b);  // before the first change to b in this operation (meta_get)
  // Before a change to bytes [off, off + len) of b only (one inode, one group descriptor):
  // copies just those bytes, not the block.
  Error undo_save_range(Buf* b, u32 off, u32 len);
  void undo_group(u32 g);   // before the first change to group g's descriptor
  void undo_release();
  void undo_destroy();
  bool retry_may_help(Error e) const;
  static Error error_of(Error e) { return e; }
  template <typename T>
  static Error error_of(const Result<T>& r) { return r.error(); }
  Result<bool> commit_for_space();  // ENOSPC: commit so that frees of the transaction apply

  // --- ext4_alloc.cpp ---
  Error alloc_fault();
  Result<u64> alloc_blocks(u64 goal, u32 want, u32* got);
  Error free_blocks(u64 start, u64 count);  // deferred until commit
  Error free_blocks_now(u64 start, u64 count);
  Error apply_deferred_frees();
  Result<u32> alloc_inode(u32 parent, bool dir);
  Error free_inode(u32 ino, bool dir);
  Error init_block_bitmap(u32 g, u8* bits);
  bool group_has_super(u32 g) const;
  u64 group_first_block(u32 g) const { return first_data_block_ + static_cast<u64>(g) * blocks_per_group_; }
  u32 group_blocks(u32 g) const;
  u32 bitmap_csum(const u8* bits, u32 bytes) const;

  // --- ext4_extent.cpp ---
  struct Extent {
    u64 lblk, pblk;
    u32 len;
    bool uninit;
  };
  struct ExtentList {
    Extent* v = nullptr;
    usize n = 0, cap = 0;
    u64* tree = nullptr;  // index/leaf blocks of the tree (to free on rebuild)
    usize ntree = 0, tree_cap = 0;
    ~ExtentList();
    Error push(const Extent& e);
    Error push_tree(u64 b);
  };
  struct Mapping {
    u64 pblk;  // 0: hole
    u64 len;   // contiguous blocks from lblk (for a hole: up to the next extent)
    bool uninit;
  };
  Result<Mapping> map_block(Inode& n, u64 lblk);
  Error collect_extents(Inode& n, ExtentList* out);
  Error collect_node(Inode& n, const u8* node, u32 node_bytes, u32 depth, ExtentList* out, u32 level);
  Error extent_add(Inode& n, u64 lblk, u64 pblk, u32 len);
  Error extent_truncate(Inode& n, u64 first_removed);
  Error rebuild_tree(Inode& n, ExtentList& list);
  bool extent_block_ok(Inode& n, const u8* b) const;
  void extent_block_csum(Inode& n, u8* b) const;
  void ecache_invalidate(u32 ino);
  u64 inode_goal(const Inode& n) const;
  void add_iblocks(Inode& n, i64 fs_blocks);

  // --- ext4_dir.cpp ---
  struct DirLoc {
    u64 lblk;
    u32 off, prev_off;
    bool found;
  };
  u32 dx_hash(StrView name, u8 version) const;
  Result<u32> dir_find(Inode& dir, StrView name, DirLoc* loc, u8* ftype);
  Result<bool> dir_next(Inode& dir, u64* pos, DirEntry* out);
  Error dir_add(Inode& dir, StrView name, u32 ino, u8 ftype);
  Error dir_remove(Inode& dir, StrView name);
  Error dir_retarget(Inode& dir, StrView name, u32 ino, u8 ftype);
  Result<bool> dir_empty(Inode& dir);
  Error dir_init_block(Inode& dir, u32 parent);
  Error dir_check_size(Inode& dir);  // size agrees with the mapped blocks
  bool dir_block_ok(Inode& dir, const u8* b, u64 lblk) const;
  void dir_block_csum(Inode& dir, u8* b) const;
  bool is_dx_block(Inode& dir, const u8* b, u64 lblk) const;
  Result<u64> dx_find_leaf(Inode& dir, u32 hash, u64* next_hash_block, u32* next_hash);
  Error dx_insert(Inode& dir, StrView name, u32 ino, u8 ftype, bool* done);
  void dx_csum_set(Inode& dir, u8* b, u32 count_off) const;
  bool dx_csum_ok(Inode& dir, const u8* b, u32 count_off) const;
  Error dx_drop_index(Inode& dir);
  bool dx_can_index(Inode& dir) const;  // a full one-block linear directory may become indexed
  Error dx_make_index(Inode& dir);
  // A verified directory block, to change (meta_get) or, with dir_block_read, only to look at.
  Result<Buf*> dir_block(Inode& dir, u64 lblk, u64* pblk);
  Result<Buf*> dir_block_read(Inode& dir, u64 lblk);
  Result<Buf*> dir_block_get(Inode& dir, u64 lblk, u64* pblk, bool change);
  Error dir_append_block(Inode& dir, Buf** out, u64* lblk);

  // --- ext4_file.cpp ---
  Result<usize> read_data(Inode& n, u64 off, void* buf, usize len);
  // *kept: bytes of the write already kept for good (earlier parts of a long write that
  // closed their share of the operation), so a later failure is a short write.
  Result<usize> write_data(Inode& n, u64 off, const u8* buf, usize len, usize* kept);
  Error truncate_inode(Inode& n, u64 size);
  Result<usize> inline_data(Inode& n, u8* out, usize cap);  // i_block + system.data
  Error release_inode(Inode& n);  // last link gone: free blocks and inode

  // --- ext4_ops.cpp ---
  Result<u32> make_node(Inode& dir, StrView name, u32 mode, Inode* out);
  Error drop_link(Inode& n);
  Result<bool> is_ancestor(u32 maybe_ancestor, u32 dir);

  BlockDevice* dev_ = nullptr;
  BlockCache cache_;
  Journal journal_;
  bool read_only_ = false;
  bool journal_replayed_ = false;
  u8 sb_[ext4::kSuperSize];
  u64 sb_block_ = 0;
  u32 sb_off_ = 0;
  u32 block_size_ = 0, log_block_size_ = 0;
  u64 blocks_count_ = 0, first_data_block_ = 0;
  u32 blocks_per_group_ = 0, inodes_per_group_ = 0, inode_size_ = 0, desc_size_ = 0, groups_ = 0;
  u32 inodes_count_ = 0, first_ino_ = 11;
  u32 compat_ = 0, incompat_ = 0, ro_compat_ = 0;
  bool csum_ = false, b64_ = false;
  u32 csum_seed_ = 0;
  u32 hash_seed_[4] = {};
  u8 hash_version_ = 0;
  bool unsigned_hash_ = false;
  u64 gdt_block_ = 0;
  u8* gd_ = nullptr;  // all group descriptors, groups_ * desc_size_
  u64 free_blocks_ = 0, free_inodes_ = 0;
  u32 last_alloc_group_ = 0;
  bool sb_dirty_ = false;

  struct DeferredFree {
    u64 start, count;
  };
  DeferredFree* frees_ = nullptr;
  usize nfrees_ = 0, frees_cap_ = 0;

  struct ExtentCacheEntry {
    u32 ino;
    u32 len;
    u64 lblk, pblk;
    bool uninit;
  };
  static constexpr usize kExtentCacheSize = 8;
  ExtentCacheEntry ecache_[kExtentCacheSize] = {};
  usize ecache_next_ = 0;
  u64 ecache_hits_ = 0;

  ZoneRange* zone_ = nullptr;  // sorted, disjoint
  usize nzone_ = 0, zone_cap_ = 0;
  ZoneRange* root_zone_ = nullptr;  // the root directory's blocks
  usize nroot_zone_ = 0, root_zone_cap_ = 0;
  bool root_zone_valid_ = false;

  DirStats dstats_;

  struct UndoBlock {
    Buf* buf;      // a reference is held until the operation ends
    u8* copy;      // bytes [off, off + len) of it before the operation (a block-sized buffer)
    u32 off, len;  // the whole block, or one inode or descriptor (undo_save_range)
  };
  struct UndoGroup {
    u32 g;
    u8 desc[64];
  };
  struct Undo {
    bool open = false;
    bool broken = false;  // a copy could not be kept: undo impossible, go read-only on failure
    UndoBlock* blocks = nullptr;
    usize nblocks = 0, cap_blocks = 0;
    UndoGroup* groups = nullptr;
    usize ngroups = 0, cap_groups = 0;
    u8** spare = nullptr;  // block copies kept for the next operation
    usize nspare = 0, cap_spare = 0;
    u8 sb[ext4::kSuperSize];
    u64 free_blocks = 0, free_inodes = 0;
    u32 last_alloc_group = 0;
    bool sb_dirty = false;
    usize nfrees = 0;
    u64 last_free_count = 0;
    u64 copies = 0, copied_bytes = 0;  // since mount (undo_copies(), undo_copied_bytes())
  } undo_;
  u64 last_commit_s_ = 0;  // when the changes now waiting began (see commit_if_due)
  u64 commit_interval_s_ = kCommitIntervalS;
  u32 fault_alloc_at_ = 0, fault_alloc_count_ = 0;
  Error fault_alloc_error_ = Error::NoSpace;
  u8* scratch_ = nullptr;  // one block, for operations that need a temporary copy
};

template <typename F>
auto Ext4::run_op(F&& body) -> decltype(body()) {
  for (int attempt = 0;; ++attempt) {
    TRY(begin_op());
    TRY(op_open());
    auto r = body();
    Error e = error_of(r);
    if (e == Error::Ok) {
      op_keep();
      return r;
    }
    TRY(op_undo());
    if (attempt > 0 || !retry_may_help(e)) return r;
    auto c = commit_for_space();
    if (!c.ok()) return r;
  }
}

}  // namespace sis::fs
