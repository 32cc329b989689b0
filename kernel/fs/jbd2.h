// Journal: a jbd2 journal (the format Linux and e2fsprogs use) in ordered-data mode.
//
// Layer: between ext4 (which says which metadata buffers a change touched) and the block
// cache (which holds them). File data is never journaled; metadata blocks are, whole.
//
// Crash safety -- the invariants, in the order commit() establishes them:
//  1. Write-ahead: a metadata buffer dirtied in the running transaction is `journaled` in the
//     cache and nothing but this code writes it to its home location, and only in step 5.
//  2. Ordered data: commit() first writes back all dirty data buffers (file contents); the
//     flush before the commit block makes them durable before any metadata that points to
//     them can be. ext4 also never reuses a block freed in the running transaction (frees are
//     applied by the pre-commit hook), so a crash can never expose another file's new data
//     through metadata that was not committed.
//  3. The log: the journal superblock (s_start, s_sequence) and descriptor blocks with copies
//     of the metadata, then revoke blocks, then a device flush.
//  4. The commit block, then a flush. Only now is the transaction durable: fsync returns.
//     A crash before this point leaves no valid commit block for this sequence number, so
//     replay ignores the partial transaction and the home locations still hold the old,
//     consistent metadata (step 1).
//  5. Checkpoint: the metadata goes to its home locations, then a flush. A crash in this step
//     is repaired by replaying the committed transaction, which is idempotent.
//  6. The log is circular: the next transaction is written after this one and the journal
//     superblock (s_start, s_sequence) is moved to it as part of that transaction's log
//     writes. If that superblock write is lost, s_start still names this transaction, whose
//     blocks were not overwritten, and replay (idempotent) continues into the next one only
//     if its commit block made it. Before the log wraps, an empty log is made durable first.
//     Blocks freed by a transaction are never reused before it commits (ext4 defers frees),
//     and freed metadata blocks get revoke records, so replaying an older transaction can
//     never overwrite newer file data.
//
// Replay (any jbd2 journal, including ones Linux or e2fsprogs wrote): three passes over the
// log from s_start -- find the last transaction with a valid commit block (checksums v2/v3
// verified), collect revoke records, then copy every non-revoked logged block home (tag
// checksums verified, escaped blocks restored) -- then flush and mark the log empty.
#pragma once
#include "fs/block_cache.h"

namespace sis::fs {

struct JournalExtent {
  u64 lblk, pblk, len;
};

struct JournalStats {
  u64 commits = 0, blocks_logged = 0, revokes_logged = 0, checkpoints = 0;
  u32 replayed_transactions = 0, replayed_blocks = 0, revoked_blocks = 0, replay_csum_errors = 0;
  // Replay found a transaction in the log without a valid commit block (the machine died
  // while it was being logged): it is ignored, with this many metadata blocks.
  u32 discarded_transactions = 0, discarded_blocks = 0;
  u64 replay_ns = 0;  // filled in by the caller that timed it
};

// Crash injection (crash.inject write-crash): where the next commit() stops, as if the power
// failed at that moment. What the journal guarantees at each point is in docs/filesystem.md.
enum class CrashPoint : u8 {
  None,
  MidData,           // ordered data half written, nothing of the transaction logged
  BeforeCommit,      // metadata logged and flushed, no commit block
  AfterCommit,       // commit block durable, nothing checkpointed
  DuringCheckpoint,  // commit block durable, half the metadata written home
};
const char* crash_point_name(CrashPoint p);
CrashPoint crash_point_from_name(StrView name);  // None for an unknown name

// What had reached the disk when the crash point was hit.
struct CrashReport {
  CrashPoint point = CrashPoint::None;
  u32 sequence = 0;               // the transaction being committed
  u64 data_written = 0;           // mid-data: file data blocks that reached the disk
  u64 logged = 0;                 // metadata blocks in the transaction
  u64 home_written = 0;           // during-checkpoint: of `logged`, written home
};
// In the kernel the hook panics. If it returns (host tests copy the disk inside it), the
// commit or write in progress fails with Error::Io and the file system must be dropped.
using CrashHook = void (*)(void* ctx, const CrashReport& r);

class Journal {
 public:
  static constexpr u32 kMagic = 0xC03B3998;
  static constexpr u32 kDescriptor = 1, kCommit = 2, kSuperV1 = 3, kSuperV2 = 4, kRevoke = 5;
  static constexpr u32 kFeatRevoke = 0x1, kFeat64bit = 0x2, kFeatAsyncCommit = 0x4, kFeatCsumV2 = 0x8,
                       kFeatCsumV3 = 0x10, kFeatFastCommit = 0x20;
  static constexpr u32 kFeatKnown = kFeatRevoke | kFeat64bit | kFeatAsyncCommit | kFeatCsumV2 | kFeatCsumV3 |
                                    kFeatFastCommit;
  static constexpr u32 kTagEscape = 1, kTagSameUuid = 2, kTagDeleted = 4, kTagLast = 8;

  Journal() = default;
  ~Journal() { close(); }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Reads the journal superblock. `map` translates log block numbers to device blocks
  // (copied). Nothing is written.
  Error open(BlockCache* cache, const JournalExtent* map, usize nmap);
  void close();
  bool is_open() const { return cache_ != nullptr; }
  bool needs_recovery() const { return start_ != 0; }
  u32 sequence() const { return sequence_; }
  u32 log_blocks() const { return maxlen_ - first_; }
  u32 features() const { return incompat_; }

  // Replays committed transactions into their home locations and empties the log.
  Error replay();

  // Prepares for writing: enables the features the file system implies (64bit, checksums
  // v3 with metadata_csum, revoke records), as Linux does, and sizes the transaction.
  Error start_writing(bool fs_64bit, bool fs_csum, usize max_tx_blocks);
  bool writing() const { return tx_cap_ != 0; }

  // Called at the start of each file-system operation: commits first when the running
  // transaction could not take another operation (kOpReserve buffers).
  static constexpr usize kOpReserve = 64;
  Error begin_op();
  // Makes b part of the running transaction (holds a reference until checkpoint).
  Error add(Buf* b);
  // Block is being freed: drop it from the transaction and log a revoke record.
  Error revoke(u64 block);
  // Runs before a commit writes anything (ext4 applies deferred frees, updates its superblock).
  void set_pre_commit(Error (*hook)(void* ctx), void* ctx) { pre_commit_ = hook; pre_commit_ctx_ = ctx; }
  // Steps 2-5 above. Returns once the transaction is durable and checkpointed.
  // checkpoint=false (benchmarks only): stop after the commit block, leaving a journal that
  // needs recovery.
  Error commit(bool checkpoint = true);
  usize running_blocks() const { return tx_n_; }
  usize running_revokes() const { return nrevokes_; }

  // Undo of one failed file-system operation inside the running transaction (ext4 restores
  // the buffer contents itself, see ext4_undo.cpp). Between op_mark() and op_done() or
  // op_rollback(): commit() is refused (Busy), so a half-done operation never reaches the
  // log; buffers that revoke() drops from the transaction are kept aside, and op_rollback()
  // puts them back and forgets the revoke records added since the mark.
  void op_mark();
  void op_done();
  Error op_rollback();
  bool op_marked() const { return op_marked_; }
  // After a final commit (unmount): the log is empty, no recovery needed.
  Error mark_empty();

  // Arms a crash point for the next commit() (one shot). MidData needs `data_blocks`: the
  // crash comes after that many file data blocks went out (the cache's write tripwire, which
  // also catches the data a write sends straight to the disk before the commit).
  void arm_crash(CrashPoint p, CrashHook hook, void* ctx, u64 data_blocks = 0);
  void disarm_crash();
  CrashPoint armed_crash() const { return crash_point_; }

  const JournalStats& stats() const { return stats_; }
  JournalStats& stats() { return stats_; }

 private:
  Result<u64> phys(u64 log_block) const;
  Error read_log(u64 log_block, void* buf);
  Error write_log(u64 log_block, const void* buf);
  Error write_super(u32 start, u32 sequence, bool flush);
  u32 tag_bytes() const;
  bool csum() const { return incompat_ & (kFeatCsumV2 | kFeatCsumV3); }
  u64 next(u64 pos) const { return pos + 1 >= maxlen_ ? first_ : pos + 1; }
  bool block_csum_ok(const u8* b) const;  // descriptor/revoke tail
  void block_csum_set(u8* b) const;
  bool commit_csum_ok(const u8* b) const;
  u32 tag_csum(u32 seq, const u8* data) const;

  BlockCache* cache_ = nullptr;
  JournalExtent* map_ = nullptr;
  usize nmap_ = 0;
  u32 bs_ = 0;
  u32 maxlen_ = 0, first_ = 0, sequence_ = 0, start_ = 0;
  u64 head_ = 0;  // next free log block (0: start at first_)
  u32 incompat_ = 0;
  u32 csum_seed_ = 0;
  u8 uuid_[16] = {};
  u8* sb_ = nullptr;     // journal superblock copy (one block)
  u8* block_ = nullptr;  // scratch log block
  Buf** tx_ = nullptr;
  usize tx_n_ = 0, tx_cap_ = 0;
  u64* revokes_ = nullptr;
  usize nrevokes_ = 0, revoke_cap_ = 0;
  Error (*pre_commit_)(void*) = nullptr;
  void* pre_commit_ctx_ = nullptr;
  Error crash_at(CrashPoint p, CrashReport& r);  // fires the armed hook if p is armed
  CrashPoint crash_point_ = CrashPoint::None;
  CrashHook crash_hook_ = nullptr;
  void* crash_ctx_ = nullptr;
  bool committing_ = false;
  bool op_marked_ = false;
  usize op_revokes_ = 0;                // nrevokes_ at op_mark()
  Buf** dropped_ = nullptr;             // buffers revoke() took out of the transaction since op_mark()
  usize ndropped_ = 0, dropped_cap_ = 0;
  JournalStats stats_;
};

}  // namespace sis::fs
