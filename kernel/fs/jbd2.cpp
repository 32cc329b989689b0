// jbd2 journal: open, replay and ordered-mode commit. The crash-safety argument is in jbd2.h.
// All journal fields are big-endian.
#include "fs/jbd2.h"

#include "lib/env.h"
#include "lib/crc32c.h"

namespace sis::fs {
namespace {

// Journal superblock offsets.
constexpr u32 kJsbBlocksize = 0xC, kJsbMaxlen = 0x10, kJsbFirst = 0x14, kJsbSequence = 0x18, kJsbStart = 0x1C,  // errno 0x20, compat 0x24, ro_compat 0x2C
              kJsbIncompat = 0x28, kJsbUuid = 0x30,
              kJsbChecksumType = 0x50, kJsbChecksum = 0xFC;
constexpr u32 kHeader = 12;
constexpr u32 kCrc32cType = 4;

// A growable array of (block, sequence) revoke records, searched linearly at replay.
struct RevokeTable {
  u64* block = nullptr;
  u32* seq = nullptr;
  usize n = 0, cap = 0;
  ~RevokeTable() { env_free(block); env_free(seq); }
  Error add(u64 b, u32 s) {
    for (usize i = 0; i < n; ++i)
      if (block[i] == b) {
        if (static_cast<i32>(s - seq[i]) > 0) seq[i] = s;
        return Error::Ok;
      }
    if (n == cap) {
      usize nc = cap ? cap * 2 : 64;
      u64* nb = static_cast<u64*>(env_alloc(nc * sizeof(u64)));
      u32* ns = static_cast<u32*>(env_alloc(nc * sizeof(u32)));
      if (!nb || !ns) { env_free(nb); env_free(ns); return Error::NoMemory; }
      if (n) { memcpy(nb, block, n * sizeof(u64)); memcpy(ns, seq, n * sizeof(u32)); }
      env_free(block); env_free(seq);
      block = nb; seq = ns; cap = nc;
    }
    block[n] = b;
    seq[n++] = s;
    return Error::Ok;
  }
  // Revoked for a copy logged in transaction `s` when revoked in s or later.
  bool revoked(u64 b, u32 s) const {
    for (usize i = 0; i < n; ++i)
      if (block[i] == b) return static_cast<i32>(seq[i] - s) >= 0;
    return false;
  }
};

}  // namespace

Error Journal::open(BlockCache* cache, const JournalExtent* map, usize nmap) {
  close();
  if (!cache || !map || !nmap) return Error::Invalid;
  bs_ = cache->block_size();
  map_ = static_cast<JournalExtent*>(env_alloc(nmap * sizeof(JournalExtent)));
  sb_ = static_cast<u8*>(env_alloc(bs_));
  block_ = static_cast<u8*>(env_alloc(bs_));
  if (!map_ || !sb_ || !block_) { close(); return Error::NoMemory; }
  memcpy(map_, map, nmap * sizeof(JournalExtent));
  nmap_ = nmap;
  cache_ = cache;
  Error e = read_log(0, sb_);
  if (e != Error::Ok) { close(); return e; }
  u32 type = be32(sb_ + 4);
  if (be32(sb_) != kMagic || (type != kSuperV1 && type != kSuperV2) || be32(sb_ + kJsbBlocksize) != bs_) {
    close();
    return Error::Corrupt;
  }
  maxlen_ = be32(sb_ + kJsbMaxlen);
  first_ = be32(sb_ + kJsbFirst);
  sequence_ = be32(sb_ + kJsbSequence);
  start_ = be32(sb_ + kJsbStart);
  incompat_ = type == kSuperV2 ? be32(sb_ + kJsbIncompat) : 0;
  u64 mapped = 0;
  for (usize i = 0; i < nmap_; ++i) mapped = max(mapped, map_[i].lblk + map_[i].len);
  if (first_ == 0 || first_ >= maxlen_ || maxlen_ > mapped || maxlen_ - first_ < 16 ||
      (start_ && (start_ < first_ || start_ >= maxlen_))) {
    close();
    return Error::Corrupt;
  }
  if (incompat_ & ~kFeatKnown) { close(); return Error::NotSupported; }
  memcpy(uuid_, sb_ + kJsbUuid, 16);
  csum_seed_ = crc32c_raw(~0u, uuid_, 16);
  if (csum()) {
    u32 want = be32(sb_ + kJsbChecksum);
    stbe32(sb_ + kJsbChecksum, 0);
    u32 got = crc32c_raw(~0u, sb_, 1024);
    stbe32(sb_ + kJsbChecksum, want);
    if (got != want) { close(); return Error::Corrupt; }
  }
  return Error::Ok;
}

void Journal::close() {
  for (usize i = 0; i < tx_n_; ++i) {
    tx_[i]->journaled = false;
    cache_->put(tx_[i]);
  }
  for (usize i = 0; i < ndropped_; ++i) cache_->put(dropped_[i]);
  ndropped_ = dropped_cap_ = 0;
  op_marked_ = false;
  env_free(dropped_);
  dropped_ = nullptr;
  env_free(map_); env_free(sb_); env_free(block_); env_free(tx_); env_free(revokes_);
  map_ = nullptr; sb_ = block_ = nullptr; tx_ = nullptr; revokes_ = nullptr;
  nmap_ = tx_n_ = tx_cap_ = nrevokes_ = revoke_cap_ = 0;
  cache_ = nullptr;
}

Result<u64> Journal::phys(u64 lb) const {
  for (usize i = 0; i < nmap_; ++i)
    if (lb >= map_[i].lblk && lb < map_[i].lblk + map_[i].len) return map_[i].pblk + (lb - map_[i].lblk);
  return Error::Corrupt;
}

Error Journal::read_log(u64 lb, void* buf) {
  u64 p;
  p = TRY(phys(lb));
  return cache_->dev_read(p, 1, buf);
}

Error Journal::write_log(u64 lb, const void* buf) {
  u64 p;
  p = TRY(phys(lb));
  return cache_->dev_write(p, 1, buf);
}

u32 Journal::tag_bytes() const {
  if (incompat_ & kFeatCsumV3) return 16;
  u32 sz = 12;
  if (incompat_ & kFeatCsumV2) sz += 2;
  return (incompat_ & kFeat64bit) ? sz : sz - 4;
}

bool Journal::block_csum_ok(const u8* b) const {
  if (!csum()) return true;
  u32 want = be32(b + bs_ - 4);
  memcpy(block_, b, bs_);  // b may be block_ itself; memcpy onto itself is harmless here
  stbe32(block_ + bs_ - 4, 0);
  bool ok = crc32c_raw(csum_seed_, block_, bs_) == want;
  stbe32(block_ + bs_ - 4, want);
  return ok;
}

void Journal::block_csum_set(u8* b) const {
  if (!csum()) return;
  stbe32(b + bs_ - 4, 0);
  stbe32(b + bs_ - 4, crc32c_raw(csum_seed_, b, bs_));
}

bool Journal::commit_csum_ok(const u8* b) const {
  if (!csum()) return true;
  u32 want = be32(b + 16);
  u8* c = const_cast<u8*>(b);
  stbe32(c + 16, 0);
  bool ok = crc32c_raw(csum_seed_, c, bs_) == want;
  stbe32(c + 16, want);
  return ok;
}

u32 Journal::tag_csum(u32 seq, const u8* data) const {
  u8 s[4];
  stbe32(s, seq);
  return crc32c_raw(crc32c_raw(csum_seed_, s, 4), data, bs_);
}

Error Journal::write_super(u32 start, u32 sequence, bool flush) {
  stbe32(sb_ + kJsbStart, start);
  stbe32(sb_ + kJsbSequence, sequence);
  if (csum()) {
    sb_[kJsbChecksumType] = kCrc32cType;
    stbe32(sb_ + kJsbChecksum, 0);
    stbe32(sb_ + kJsbChecksum, crc32c_raw(~0u, sb_, 1024));
  }
  start_ = start;
  sequence_ = sequence;
  TRY(write_log(0, sb_));
  return flush ? cache_->flush() : Error::Ok;
}

// ---- replay ----

Error Journal::replay() {
  if (!cache_) return Error::Invalid;
  if (!start_) return Error::Ok;
  u8* blk = static_cast<u8*>(env_alloc(bs_));
  u8* data = static_cast<u8*>(env_alloc(bs_));
  if (!blk || !data) { env_free(blk); env_free(data); return Error::NoMemory; }
  RevokeTable revoked;
  Error err = Error::Ok;
  u32 end_seq = sequence_;
  const u32 tb = tag_bytes();
  const u32 tail = csum() ? 4 : 0;

  // What the scan saw of a transaction after the last committed one (no commit block).
  u32 uncommitted_tags = 0;
  bool uncommitted = false;
  // Pass 0: scan; pass 1: revoke records; pass 2: replay blocks.
  for (int pass = 0; pass < 3 && err == Error::Ok; ++pass) {
    u64 pos = start_;
    u32 seq = sequence_;
    for (u32 steps = 0; steps < maxlen_; ++steps) {
      if (pass > 0 && seq == end_seq) break;
      if ((err = read_log(pos, blk)) != Error::Ok) break;
      if (be32(blk) != kMagic || be32(blk + 8) != seq) break;
      u32 type = be32(blk + 4);
      if (type == kDescriptor) {
        if (pass == 0 && !block_csum_ok(blk)) break;
        u64 dpos = next(pos);
        u32 off = kHeader;
        bool last = false;
        u32 ntags = 0;
        while (!last && off + tb <= bs_ - tail) {
          const u8* t = blk + off;
          u32 flags = (incompat_ & kFeatCsumV3) ? be32(t + 4) : (static_cast<u32>(t[6]) << 8 | t[7]);
          u64 target = be32(t);
          if (incompat_ & kFeat64bit) target |= static_cast<u64>(be32(t + 8)) << 32;
          off += tb;
          if (!(flags & kTagSameUuid)) off += 16;
          last = flags & kTagLast;
          ++ntags;
          if (pass == 2) {
            if (revoked.revoked(target, seq)) {
              ++stats_.revoked_blocks;
            } else {
              if ((err = read_log(dpos, data)) != Error::Ok) break;
              bool ok = true;
              if (incompat_ & kFeatCsumV3) ok = tag_csum(seq, data) == be32(t + 12);
              else if (incompat_ & kFeatCsumV2) ok = (tag_csum(seq, data) & 0xffff) == (static_cast<u32>(t[4]) << 8 | t[5]);
              if (flags & kTagEscape) stbe32(data, kMagic);
              if (!ok) {
                ++stats_.replay_csum_errors;
              } else if (target >= cache_->block_count()) {
                err = Error::Corrupt;
                break;
              } else {
                if ((err = cache_->dev_write(target, 1, data)) != Error::Ok) break;
                ++stats_.replayed_blocks;
              }
            }
          }
          dpos = next(dpos);
        }
        if (err != Error::Ok) break;
        pos = dpos;
        if (pass == 0) {
          uncommitted = true;
          uncommitted_tags += ntags;
        }
      } else if (type == kCommit) {
        if (pass == 0 && !commit_csum_ok(blk)) break;
        ++seq;
        if (pass == 0) {
          end_seq = seq;
          uncommitted = false;
          uncommitted_tags = 0;
        }
        pos = next(pos);
      } else if (type == kRevoke) {
        if (pass == 0 && !block_csum_ok(blk)) break;
        if (pass == 0) uncommitted = true;
        if (pass == 1) {
          u32 count = be32(blk + 12);
          u32 rec = (incompat_ & kFeat64bit) ? 8 : 4;
          if (count > bs_ - tail) count = bs_ - tail;
          for (u32 o = 16; o + rec <= count; o += rec) {
            u64 b = rec == 8 ? be64(blk + o) : be32(blk + o);
            if ((err = revoked.add(b, seq)) != Error::Ok) break;
          }
        }
        pos = next(pos);
      } else {
        break;
      }
    }
  }
  env_free(blk);
  env_free(data);
  if (err != Error::Ok) return err;
  stats_.replayed_transactions = end_seq - sequence_;
  if (uncommitted) {
    ++stats_.discarded_transactions;
    stats_.discarded_blocks += uncommitted_tags;
  }
  TRY(cache_->flush());
  cache_->invalidate_all();
  head_ = 0;
  return write_super(0, end_seq, true);
}

// ---- writing ----

Error Journal::start_writing(bool fs_64bit, bool fs_csum, usize max_tx_blocks) {
  if (!cache_ || start_) return Error::Invalid;  // replay first
  if (incompat_ & (kFeatAsyncCommit | kFeatFastCommit)) return Error::NotSupported;
  if (be32(sb_ + 4) != kSuperV2) return Error::NotSupported;
  u32 want = incompat_ | kFeatRevoke;
  if (fs_64bit) want |= kFeat64bit;
  if (fs_csum) want = (want & ~kFeatCsumV2) | kFeatCsumV3;
  if (want != incompat_) {
    incompat_ = want;
    stbe32(sb_ + kJsbIncompat, incompat_);
    TRY(write_super(0, sequence_, true));
  }
  // Room in the log: every block needs its copy, one tag per descriptor slot, and revoke and
  // commit blocks; half the log is a generous bound for one transaction.
  usize cap = min<usize>(max_tx_blocks, (maxlen_ - first_) / 2);
  if (cap < 2 * kOpReserve) return Error::NoSpace;
  tx_ = static_cast<Buf**>(env_alloc(cap * sizeof(Buf*)));
  if (!tx_) return Error::NoMemory;
  tx_cap_ = cap;
  return Error::Ok;
}

Error Journal::begin_op() {
  if (!writing()) return Error::Ok;
  if (tx_n_ + kOpReserve > tx_cap_ || nrevokes_ > 4096) return commit();
  return Error::Ok;
}

Error Journal::add(Buf* b) {
  if (!writing()) return Error::ReadOnly;
  b->dirty = true;
  if (b->journaled) return Error::Ok;
  if (tx_n_ == tx_cap_) return Error::NoSpace;  // an operation overran kOpReserve: a bug
  b->journaled = true;
  ++b->refs;
  tx_[tx_n_++] = b;
  return Error::Ok;
}

Error Journal::revoke(u64 block) {
  if (!writing()) return Error::ReadOnly;
  if (op_marked_ && ndropped_ == dropped_cap_) {  // room first: failing later would lose the buffer
    usize nc = dropped_cap_ ? dropped_cap_ * 2 : 16;
    Buf** n = static_cast<Buf**>(env_alloc(nc * sizeof(Buf*)));
    if (!n) return Error::NoMemory;
    if (ndropped_) memcpy(n, dropped_, ndropped_ * sizeof(Buf*));
    env_free(dropped_);
    dropped_ = n;
    dropped_cap_ = nc;
  }
  for (usize i = 0; i < tx_n_; ++i)
    if (tx_[i]->block == block) {
      Buf* b = tx_[i];
      tx_[i] = tx_[--tx_n_];
      b->journaled = false;
      b->dirty = false;  // freed: its contents no longer matter
      if (op_marked_) dropped_[ndropped_++] = b;  // keeps the transaction's reference
      else cache_->put(b);
      break;
    }
  for (usize i = 0; i < nrevokes_; ++i)
    if (revokes_[i] == block) return Error::Ok;
  if (nrevokes_ == revoke_cap_) {
    usize nc = revoke_cap_ ? revoke_cap_ * 2 : 256;
    u64* n = static_cast<u64*>(env_alloc(nc * sizeof(u64)));
    if (!n) return Error::NoMemory;
    if (nrevokes_) memcpy(n, revokes_, nrevokes_ * sizeof(u64));
    env_free(revokes_);
    revokes_ = n;
    revoke_cap_ = nc;
  }
  revokes_[nrevokes_++] = block;
  return Error::Ok;
}

void Journal::op_mark() {
  op_marked_ = true;
  op_revokes_ = nrevokes_;
  ndropped_ = 0;
}

void Journal::op_done() {
  for (usize i = 0; i < ndropped_; ++i) cache_->put(dropped_[i]);
  ndropped_ = 0;
  op_marked_ = false;
}

Error Journal::op_rollback() {
  Error e = Error::Ok;
  for (usize i = 0; i < ndropped_; ++i) {
    Buf* b = dropped_[i];
    if (tx_n_ < tx_cap_) {  // always true: revoke() made this room
      b->journaled = b->dirty = true;
      tx_[tx_n_++] = b;
    } else {
      cache_->put(b);
      e = Error::Corrupt;
    }
  }
  ndropped_ = 0;
  if (op_revokes_ < nrevokes_) nrevokes_ = op_revokes_;
  op_marked_ = false;
  return e;
}

Error Journal::commit(bool checkpoint) {
  if (!writing()) return cache_ ? cache_->sync() : Error::Ok;
  if (committing_) return Error::Busy;
  if (op_marked_) return Error::Busy;  // an operation is half done: never log that
  committing_ = true;
  struct Clear {
    bool* f;
    ~Clear() { *f = false; }
  } clear{&committing_};

  if (pre_commit_) TRY(pre_commit_(pre_commit_ctx_));
  // Step 2: ordered data. (A mid-data crash fires in here, or earlier in a write.)
  TRY(cache_->write_back());
  if (crash_point_ == CrashPoint::MidData) disarm_crash();  // not reached: less data than armed for
  if (tx_n_ == 0 && nrevokes_ == 0) return cache_->flush();

  const u32 seq = sequence_;
  const u32 tb = tag_bytes();
  const u32 tail = csum() ? 4 : 0;
  const bool b64 = incompat_ & kFeat64bit;
  // Step 3. The log is circular: this transaction goes right after the previous one, so a
  // superblock update that did not reach the disk still points at an intact transaction.
  // When it would not fit before the end, first make an empty log durable, then restart.
  u64 per_desc = (bs_ - kHeader - tail - 16) / tb;
  u64 rec = b64 ? 8 : 4;
  u64 needed = tx_n_ + (tx_n_ + per_desc - 1) / per_desc + (nrevokes_ * rec + (bs_ - 16 - tail) - 1) / (bs_ - 16 - tail) + 1;
  u64 start = head_ ? head_ : first_;
  if (start + needed > maxlen_) {
    TRY(write_super(0, seq, true));
    start = first_;
  }
  if (start + needed > maxlen_) return Error::NoSpace;
  TRY(write_super(static_cast<u32>(start), seq, false));
  u64 pos = start;
  usize i = 0;
  while (i < tx_n_) {
    u64 desc_pos = pos;
    memset(block_, 0, bs_);
    stbe32(block_, kMagic);
    stbe32(block_ + 4, kDescriptor);
    stbe32(block_ + 8, seq);
    u32 off = kHeader;
    pos = next(pos);
    bool first_tag = true;
    while (i < tx_n_) {
      u32 need = tb + (first_tag ? 16 : 0);
      if (off + need > bs_ - tail) break;
      Buf* b = tx_[i];
      u8* t = block_ + off;
      u32 flags = first_tag ? 0 : kTagSameUuid;
      // A copy that starts with the journal magic would look like a journal block: escape.
      bool escape = be32(b->data) == kMagic;
      if (escape) flags |= kTagEscape;
      stbe32(t, static_cast<u32>(b->block));
      if (incompat_ & kFeatCsumV3) {
        stbe32(t + 4, flags);
        if (b64) stbe32(t + 8, static_cast<u32>(b->block >> 32));
        stbe32(t + 12, tag_csum(seq, b->data));
      } else {
        u32 c = csum() ? tag_csum(seq, b->data) & 0xffff : 0;
        t[4] = static_cast<u8>(c >> 8); t[5] = static_cast<u8>(c);
        t[6] = static_cast<u8>(flags >> 8); t[7] = static_cast<u8>(flags);
        if (b64) stbe32(t + 8, static_cast<u32>(b->block >> 32));
      }
      off += tb;
      if (first_tag) { memcpy(block_ + off, uuid_, 16); off += 16; first_tag = false; }
      // Data copy.
      if (escape) {
        u32 saved = ld32(b->data);
        st32(b->data, 0);
        Error e = write_log(pos, b->data);
        st32(b->data, saved);
        TRY(e);
      } else {
        TRY(write_log(pos, b->data));
      }
      pos = next(pos);
      ++i;
      ++stats_.blocks_logged;
      // Mark the last tag of this descriptor once we know it is last.
      bool desc_full = off + tb > bs_ - tail;
      if (i == tx_n_ || desc_full) {
        if (incompat_ & kFeatCsumV3) stbe32(t + 4, flags | kTagLast);
        else { t[6] = static_cast<u8>((flags | kTagLast) >> 8); t[7] = static_cast<u8>(flags | kTagLast); }
      }
    }
    block_csum_set(block_);
    TRY(write_log(desc_pos, block_));
  }
  usize r = 0;
  while (r < nrevokes_) {
    memset(block_, 0, bs_);
    stbe32(block_, kMagic);
    stbe32(block_ + 4, kRevoke);
    stbe32(block_ + 8, seq);
    u32 off = 16;
    while (r < nrevokes_ && off + rec <= bs_ - tail) {
      if (b64) stbe64(block_ + off, revokes_[r]);
      else stbe32(block_ + off, static_cast<u32>(revokes_[r]));
      off += rec;
      ++r;
      ++stats_.revokes_logged;
    }
    stbe32(block_ + 12, off);
    block_csum_set(block_);
    TRY(write_log(pos, block_));
    pos = next(pos);
  }
  TRY(cache_->flush());
  CrashReport report;
  report.sequence = seq;
  report.logged = tx_n_;
  TRY(crash_at(CrashPoint::BeforeCommit, report));
  // Step 4: the commit block.
  memset(block_, 0, bs_);
  stbe32(block_, kMagic);
  stbe32(block_ + 4, kCommit);
  stbe32(block_ + 8, seq);
  u64 now = wall_clock_seconds();
  stbe64(block_ + 0x30, now);
  if (csum()) stbe32(block_ + 16, crc32c_raw(csum_seed_, block_, bs_));
  TRY(write_log(pos, block_));
  TRY(cache_->flush());
  head_ = next(pos);
  ++stats_.commits;
  TRY(crash_at(CrashPoint::AfterCommit, report));
  if (!checkpoint) {
    for (usize k = 0; k < tx_n_; ++k) {
      tx_[k]->journaled = tx_[k]->dirty = false;
      cache_->put(tx_[k]);
    }
    tx_n_ = 0;
    nrevokes_ = 0;
    start_ = static_cast<u32>(start);
    sequence_ = seq;  // replay starts at this transaction
    return Error::Ok;
  }
  // Step 5: checkpoint.
  if (crash_point_ == CrashPoint::DuringCheckpoint) {
    // Half the blocks reach their home locations (durably), the rest never do.
    for (usize k = 0; k < tx_n_ / 2; ++k) {
      TRY(cache_->write_buf(tx_[k]));
      ++report.home_written;
    }
    TRY(cache_->flush());
    TRY(crash_at(CrashPoint::DuringCheckpoint, report));
  }
  for (usize k = 0; k < tx_n_; ++k) tx_[k]->journaled = false;  // dirty stays set: write_back sends them home
  TRY(cache_->write_back());
  TRY(cache_->flush());
  for (usize k = 0; k < tx_n_; ++k) cache_->put(tx_[k]);
  tx_n_ = 0;
  nrevokes_ = 0;
  ++stats_.checkpoints;
  // The superblock keeps pointing at this (checkpointed) transaction: replaying it again is
  // harmless, and the next commit moves it on.
  sequence_ = seq + 1;
  return Error::Ok;
}

// ---- crash injection ----

const char* crash_point_name(CrashPoint p) {
  switch (p) {
    case CrashPoint::None: return "none";
    case CrashPoint::MidData: return "mid-data";
    case CrashPoint::BeforeCommit: return "before-commit";
    case CrashPoint::AfterCommit: return "after-commit";
    case CrashPoint::DuringCheckpoint: return "during-checkpoint";
  }
  return "none";
}

CrashPoint crash_point_from_name(StrView name) {
  static constexpr CrashPoint kAll[] = {CrashPoint::MidData, CrashPoint::BeforeCommit, CrashPoint::AfterCommit,
                                        CrashPoint::DuringCheckpoint};
  for (CrashPoint p : kAll)
    if (name == StrView(crash_point_name(p))) return p;
  return CrashPoint::None;
}

void Journal::arm_crash(CrashPoint p, CrashHook hook, void* ctx, u64 data_blocks) {
  disarm_crash();
  if (p == CrashPoint::None || !hook || !cache_) return;
  crash_point_ = p;
  crash_hook_ = hook;
  crash_ctx_ = ctx;
  if (p == CrashPoint::MidData)
    cache_->set_write_tripwire(data_blocks, [](void* j, u64 written) {
      auto* self = static_cast<Journal*>(j);
      CrashReport r;
      r.point = CrashPoint::MidData;
      r.sequence = self->sequence_;
      r.data_written = written;
      r.logged = self->tx_n_;
      CrashHook h = self->crash_hook_;
      void* c = self->crash_ctx_;
      self->disarm_crash();
      h(c, r);
    }, this);
}

void Journal::disarm_crash() {
  if (crash_point_ == CrashPoint::MidData && cache_) cache_->clear_write_tripwire();
  crash_point_ = CrashPoint::None;
  crash_hook_ = nullptr;
  crash_ctx_ = nullptr;
}

Error Journal::crash_at(CrashPoint p, CrashReport& r) {
  if (crash_point_ != p) return Error::Ok;
  CrashHook h = crash_hook_;
  void* c = crash_ctx_;
  disarm_crash();
  r.point = p;
  h(c, r);
  return Error::Io;  // the host's stand-in for the power failure: stop here
}

Error Journal::mark_empty() {
  if (!writing()) return Error::Ok;
  head_ = 0;
  return write_super(0, sequence_, true);
}

}  // namespace sis::fs
