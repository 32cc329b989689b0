// ext4 FileSystem operations: each mutating one is a single journal operation (begin_op),
// so it is atomic with respect to a crash: all of it or none of it is replayed.
#include "fs/ext4.h"

#include "lib/env.h"

namespace sis::fs {

using namespace ext4;

namespace {

u32 imode(const Ext4::Inode& n) { return ld16(n.raw + in::mode); }
bool is_dir(const Ext4::Inode& n) { return (imode(n) & kModeTypeMask) == kModeDir; }
u64 isize(const Ext4::Inode& n) { return ld32(n.raw + in::size_lo) | static_cast<u64>(ld32(n.raw + in::size_hi)) << 32; }
u32 links(const Ext4::Inode& n) { return ld16(n.raw + in::links); }
// A name that leads to an inode without a mode names a free inode: the directory and the inode
// table disagree (a crash in the middle of a checkpoint leaves that until replay). Reading it
// as an empty file of type 0 would hide the damage.
Error in_use(const Ext4::Inode& n) { return imode(n) == 0 ? Error::Corrupt : Error::Ok; }
void set_links(Ext4::Inode& n, u32 v) { st16(n.raw + in::links, static_cast<u16>(v)); }
void inc_dir_links(Ext4::Inode& n) {
  u32 l = links(n);
  if (l == 1 || l >= 64999) set_links(n, 1);  // dir_nlink: 1 means "many"
  else set_links(n, l + 1);
}
void dec_dir_links(Ext4::Inode& n) {
  u32 l = links(n);
  if (l > 2) set_links(n, l - 1);
}

u8 ft_of_mode(u32 mode) {
  switch (mode & kModeTypeMask) {
    case kModeReg: return kFtReg;
    case kModeDir: return kFtDir;
    case kModeLink: return kFtSymlink;
    case 0020000: return kFtChr;
    case 0060000: return kFtBlk;
    case 0010000: return kFtFifo;
    case 0140000: return kFtSock;
    default: return kFtUnknown;
  }
}

Error check_name(StrView name) {
  if (name.size == 0) return Error::Invalid;
  if (name.size > kNameMax) return Error::NameTooLong;
  for (usize i = 0; i < name.size; ++i)
    if (name.data[i] == '/' || name.data[i] == 0) return Error::Invalid;
  return Error::Ok;
}

bool dot_or_dotdot(StrView name) { return name == "." || name == ".."; }

u32 next_generation = 0x5153;

}  // namespace

Result<u64> Ext4::lookup(u64 dir, StrView name) {
  if (!mounted()) return Error::Invalid;
  if (dir > inodes_count_) return Error::NoEntry;
  Inode d;
  TRY(read_inode(static_cast<u32>(dir), &d));
  if (!is_dir(d)) return Error::NotDir;
  if (name == ".") return dir;
  DirLoc loc;
  u32 ino;
  ino = TRY(dir_find(d, name, &loc, nullptr));
  if (ino > inodes_count_) return Error::Corrupt;
  return u64{ino};
}

Result<Stat> Ext4::getattr(u64 ino) {
  if (!mounted()) return Error::Invalid;
  if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
  Inode n;
  TRY(read_inode(static_cast<u32>(ino), &n));
  TRY(in_use(n));
  Stat s;
  s.ino = ino;
  s.mode = imode(n);
  s.nlink = links(n);
  s.uid = ld16(n.raw + in::uid) | static_cast<u32>(ld16(n.raw + in::uid_hi)) << 16;
  s.gid = ld16(n.raw + in::gid) | static_cast<u32>(ld16(n.raw + in::gid_hi)) << 16;
  s.size = isize(n);
  s.flags = ld32(n.raw + in::flags);
  u64 blocks = ld32(n.raw + in::blocks_lo) | static_cast<u64>(ld16(n.raw + in::blocks_hi)) << 32;
  s.blocks = (s.flags & kInodeFlagHugeFile) ? blocks * (block_size_ / 512) : blocks;
  s.atime = ld32(n.raw + in::atime);
  s.mtime = ld32(n.raw + in::mtime);
  s.ctime = ld32(n.raw + in::ctime);
  bool extra = inode_size_ > kGoodOldInodeSize;
  u32 ex = extra ? ld16(n.raw + in::extra_isize) : 0;
  if (ex >= 0x0C) {  // epoch bits extend the seconds beyond 2038; the rest is nanoseconds
    u32 m = ld32(n.raw + in::mtime_extra);
    s.mtime += static_cast<i64>(m & 3) << 32;
    s.mtime_nsec = m >> 2;
  }
  if (ex >= 0x18) s.crtime = ld32(n.raw + in::crtime);
  return s;
}

Result<usize> Ext4::read(u64 ino, u64 off, void* buf, usize len) {
  if (!mounted()) return Error::Invalid;
  if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
  Inode n;
  TRY(read_inode(static_cast<u32>(ino), &n));
  TRY(in_use(n));
  if (is_dir(n)) return Error::IsDir;
  return read_data(n, off, buf, len);
}

Result<usize> Ext4::write(u64 ino, u64 off, const void* buf, usize len) {
  // As Linux: at or past the largest file size is EFBIG; a write crossing it is cut short.
  u64 max = max_file_size();
  if (off >= max) return Error::FileTooBig;
  if (len > max - off) len = static_cast<usize>(max - off);
  usize kept = 0;  // bytes of earlier parts of a long write, already in the transaction for good
  auto r = run_op([&]() -> Result<usize> {
    if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
    Inode n;
    TRY(read_inode(static_cast<u32>(ino), &n));
    if (is_dir(n)) return Error::IsDir;
    if ((imode(n) & kModeTypeMask) != kModeReg) return Error::Invalid;
    if (len == 0) return usize{0};
    return write_data(n, off, static_cast<const u8*>(buf), len, &kept);
  });
  if (!r.ok() && kept) return kept;  // a short write, as POSIX: only the failed part is undone
  return r;
}

u64 Ext4::max_file_size() const {
  // Linux's ext4_max_size() for extent-mapped files: ee_block is 32 bits, less one block so
  // that an extent can cover the last one; without huge_file, i_blocks (in 512-byte units,
  // 32 bits) is the tighter limit.
  u32 bits = 10 + log_block_size_;
  u64 res = ((u64{1} << 32) - 1) << bits;
  if (!(ro_compat_ & kRoCompatHugeFile)) {
    u64 upper = (((u64{1} << 32) - 1) >> (bits - 9)) << bits;
    if (upper < res) res = upper;
  }
  return res;
}

Error Ext4::truncate(u64 ino, u64 size) {
  return run_op([&]() -> Error {
    if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
    Inode n;
    TRY(read_inode(static_cast<u32>(ino), &n));
    if (is_dir(n)) return Error::IsDir;
    if ((imode(n) & kModeTypeMask) != kModeReg) return Error::Invalid;
    if (size > max_file_size()) return Error::FileTooBig;
    return truncate_inode(n, size);
  });
}

Result<usize> Ext4::readlink(u64 ino, char* buf, usize cap) {
  if (!mounted()) return Error::Invalid;
  if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
  Inode n;
  TRY(read_inode(static_cast<u32>(ino), &n));
  if ((imode(n) & kModeTypeMask) != kModeLink) return Error::Invalid;
  u64 size = isize(n);
  if (size > block_size_) return Error::Corrupt;
  u64 blocks = ld32(n.raw + in::blocks_lo);
  u64 acl = ld32(n.raw + in::file_acl_lo);
  u32 flags = ld32(n.raw + in::flags);
  bool fast = !(flags & kInodeFlagInlineData) &&
              (blocks == 0 || (acl && blocks == block_size_ / 512)) && size < kBlockArrayBytes;
  if (fast) {
    usize n2 = min<usize>(cap, static_cast<usize>(size));
    memcpy(buf, n.raw + in::block, n2);
    return static_cast<usize>(size);
  }
  usize got;
  got = TRY(read_data(n, 0, scratch_, static_cast<usize>(size)));
  memcpy(buf, scratch_, min(cap, got));
  return got;
}

Result<bool> Ext4::readdir(u64 dir, u64* cookie, DirEntry* out) {
  if (!mounted()) return Error::Invalid;
  if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
  Inode d;
  TRY(read_inode(static_cast<u32>(dir), &d));
  if (!is_dir(d)) return Error::NotDir;
  return dir_next(d, cookie, out);
}

Result<u32> Ext4::make_node(Inode& dir, StrView name, u32 mode, Inode* out) {
  TRY(check_name(name));
  if (dot_or_dotdot(name)) return Error::Exists;
  if (!is_dir(dir)) return Error::NotDir;
  if (links(dir) == 0) return Error::NoEntry;  // directory was removed
  DirLoc loc;
  auto existing = dir_find(dir, name, &loc, nullptr);
  if (existing.ok()) return Error::Exists;
  if (existing.error() != Error::NoEntry) return existing.error();
  bool dir_node = (mode & kModeTypeMask) == kModeDir;
  u32 ino;
  ino = TRY(alloc_inode(dir.ino, dir_node));
  Inode& n = *out;
  n.ino = ino;
  memset(n.raw, 0, inode_size_);
  st16(n.raw + in::mode, static_cast<u16>(mode));
  set_links(n, 1);
  u32 now = static_cast<u32>(wall_clock_seconds());
  st32(n.raw + in::atime, now);
  st32(n.raw + in::ctime, now);
  st32(n.raw + in::mtime, now);
  st32(n.raw + in::generation, next_generation++ * 2654435761u);
  st32(n.raw + in::flags, kInodeFlagExtents);
  u8* root = n.raw + in::block;
  st16(root, kExtentMagic);
  st16(root + 4, 4);
  if (inode_size_ > kGoodOldInodeSize) {
    u32 extra = ld16(sb_ + sb::want_extra_isize);
    if (extra < 32) extra = 32;
    if (kGoodOldInodeSize + extra > inode_size_) extra = inode_size_ - kGoodOldInodeSize;
    st16(n.raw + in::extra_isize, static_cast<u16>(extra));
    if (extra >= 0x18) st32(n.raw + in::crtime, now);
  }
  TRY(dir_add(dir, name, ino, ft_of_mode(mode)));
  touch(dir, true, true);
  TRY(write_inode(dir));
  return ino;
}

Result<u64> Ext4::create(u64 dir, StrView name, u32 mode) {
  return run_op([&]() -> Result<u64> {
    if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    u32 ino;
    ino = TRY(make_node(d, name, kModeReg | (mode & 07777), &n));
    TRY(write_inode(n));
    return u64{ino};
  });
}

Result<u64> Ext4::mkdir(u64 dir, StrView name, u32 mode) {
  return run_op([&]() -> Result<u64> {
    if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    u32 ino;
    ino = TRY(make_node(d, name, kModeDir | (mode & 07777), &n));
    set_links(n, 2);
    TRY(dir_init_block(n, d.ino));
    TRY(write_inode(n));
    inc_dir_links(d);
    TRY(write_inode(d));
    return u64{ino};
  });
}

Result<u64> Ext4::symlink(u64 dir, StrView name, StrView target) {
  return run_op([&]() -> Result<u64> {
    if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
    if (target.size == 0) return Error::Invalid;
    if (target.size >= block_size_) return Error::NameTooLong;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    u32 ino;
    ino = TRY(make_node(d, name, kModeLink | 0777, &n));
    if (target.size < kBlockArrayBytes) {
      // Fast symlink: the target lives in i_block, no blocks, no extent flag.
      memset(n.raw + in::block, 0, kBlockArrayBytes);
      memcpy(n.raw + in::block, target.data, target.size);
      st32(n.raw + in::flags, 0);
    } else {
      u32 got = 0;
      u64 p;
      p = TRY(alloc_blocks(inode_goal(n), 1, &got));
      TRY(extent_add(n, 0, p, 1));
      add_iblocks(n, 1);
      Buf* b;
      b = TRY(meta_new(p));
      memcpy(b->data, target.data, target.size);
      Error e = meta_dirty(b);
      cache_.put(b);
      TRY(e);
    }
    st32(n.raw + in::size_lo, static_cast<u32>(target.size));
    TRY(write_inode(n));
    return u64{ino};
  });
}

Error Ext4::drop_link(Inode& n) {
  u32 l = links(n);
  if (l <= 1) return release_inode(n);
  set_links(n, l - 1);
  touch(n, false, true);
  return write_inode(n);
}

Error Ext4::link(u64 dir, StrView name, u64 ino) {
  return run_op([&]() -> Error {
    if (dir == 0 || dir > inodes_count_ || ino == 0 || ino > inodes_count_) return Error::NoEntry;
    TRY(check_name(name));
    if (dot_or_dotdot(name)) return Error::Exists;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    TRY(read_inode(static_cast<u32>(ino), &n));
    if (!is_dir(d)) return Error::NotDir;
    if (links(d) == 0) return Error::NoEntry;  // the directory was removed
    if (is_dir(n)) return Error::NotPermitted;  // no hard links to directories
    if (links(n) == 0) return Error::NoEntry;  // already gone
    if (links(n) >= 65000) return Error::TooManyLinks;
    DirLoc loc;
    auto existing = dir_find(d, name, &loc, nullptr);
    if (existing.ok()) return Error::Exists;
    if (existing.error() != Error::NoEntry) return existing.error();
    TRY(dir_add(d, name, static_cast<u32>(ino), ft_of_mode(ld16(n.raw + in::mode))));
    touch(d, true, true);
    TRY(write_inode(d));
    set_links(n, links(n) + 1);
    touch(n, false, true);
    return write_inode(n);
  });
}

namespace {

// An inode time and its extra word (ext4: the low 2 bits extend the epoch past 2038, the rest
// are nanoseconds). Times before 1970 or past the 34-bit range are clamped.
void put_time(u8* raw, u32 at, u32 extra_at, bool extra, i64 sec, u32 nsec) {
  u64 s = sec < 0 ? 0 : static_cast<u64>(sec);
  if (s >= (1ull << 34)) s = (1ull << 34) - 1;
  st32(raw + at, static_cast<u32>(s));
  if (extra) st32(raw + extra_at, (nsec % 1000000000u) << 2 | static_cast<u32>(s >> 32));
}

}  // namespace

Error Ext4::setattr(u64 ino, const SetAttr& a) {
  return run_op([&]() -> Error {
    if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
    Inode n;
    TRY(read_inode(static_cast<u32>(ino), &n));
    if (links(n) == 0) return Error::NoEntry;
    u16 isize_extra = inode_size_ > kGoodOldInodeSize ? ld16(n.raw + in::extra_isize) : 0;
    if (a.mask & SetAttr::kMode)
      st16(n.raw + in::mode, static_cast<u16>((ld16(n.raw + in::mode) & 0xF000) | (a.mode & 07777)));
    if (a.mask & SetAttr::kUid) {
      st16(n.raw + in::uid, static_cast<u16>(a.uid));
      st16(n.raw + in::uid_hi, static_cast<u16>(a.uid >> 16));
    }
    if (a.mask & SetAttr::kGid) {
      st16(n.raw + in::gid, static_cast<u16>(a.gid));
      st16(n.raw + in::gid_hi, static_cast<u16>(a.gid >> 16));
    }
    if (a.mask & SetAttr::kAtime) put_time(n.raw, in::atime, in::atime_extra, isize_extra >= 0x10, a.atime, a.atime_nsec);
    if (a.mask & SetAttr::kMtime) put_time(n.raw, in::mtime, in::mtime_extra, isize_extra >= 0x0C, a.mtime, a.mtime_nsec);
    touch(n, false, true);
    return write_inode(n);
  });
}

Error Ext4::unlink(u64 dir, StrView name) {
  return run_op([&]() -> Error {
    if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
    TRY(check_name(name));
    if (dot_or_dotdot(name)) return Error::IsDir;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    if (!is_dir(d)) return Error::NotDir;
    DirLoc loc;
    u32 ino;
    ino = TRY(dir_find(d, name, &loc, nullptr));
    TRY(read_inode(ino, &n));
    if (is_dir(n)) return Error::IsDir;
    TRY(dir_remove(d, name));
    touch(d, true, true);
    TRY(write_inode(d));
    return drop_link(n);
  });
}

Error Ext4::rmdir(u64 dir, StrView name) {
  return run_op([&]() -> Error {
    if (dir == 0 || dir > inodes_count_) return Error::NoEntry;
    TRY(check_name(name));
    if (name == ".") return Error::Invalid;
    if (name == "..") return Error::NotEmpty;
    Inode d, n;
    TRY(read_inode(static_cast<u32>(dir), &d));
    if (!is_dir(d)) return Error::NotDir;
    DirLoc loc;
    u32 ino;
    ino = TRY(dir_find(d, name, &loc, nullptr));
    TRY(read_inode(ino, &n));
    if (!is_dir(n)) return Error::NotDir;
    bool empty;
    empty = TRY(dir_empty(n));
    if (!empty) return Error::NotEmpty;
    TRY(dir_remove(d, name));
    dec_dir_links(d);
    touch(d, true, true);
    TRY(write_inode(d));
    return release_inode(n);
  });
}

Result<bool> Ext4::is_ancestor(u32 a, u32 dir) {
  u32 cur = dir;
  for (int steps = 0; steps < 4096; ++steps) {
    if (cur == a) return true;
    if (cur == kRootIno) return false;
    Inode d;
    TRY(read_inode(cur, &d));
    DirLoc loc;
    u32 parent;
    parent = TRY(dir_find(d, "..", &loc, nullptr));
    if (parent == cur) return Error::Corrupt;
    cur = parent;
  }
  return Error::Loop;
}

Error Ext4::rename(u64 from_dir, StrView from, u64 to_dir, StrView to) {
  return run_op([&]() -> Error {
    if (from_dir == 0 || from_dir > inodes_count_ || to_dir == 0 || to_dir > inodes_count_) return Error::NoEntry;
    TRY(check_name(from));
    TRY(check_name(to));
    if (dot_or_dotdot(from) || dot_or_dotdot(to)) return Error::Invalid;
    bool same_dir = from_dir == to_dir;
    Inode fd, td_storage, s, t;
    TRY(read_inode(static_cast<u32>(from_dir), &fd));
    Inode& td = same_dir ? fd : td_storage;
    if (!same_dir) TRY(read_inode(static_cast<u32>(to_dir), &td));
    if (!is_dir(fd) || !is_dir(td)) return Error::NotDir;
    DirLoc loc;
    u8 sft = 0;
    u32 sino;
    sino = TRY(dir_find(fd, from, &loc, &sft));
    TRY(read_inode(sino, &s));
    bool sdir = is_dir(s);
    if (same_dir && from == to) return Error::Ok;
    auto existing = dir_find(td, to, &loc, nullptr);
    if (!existing.ok() && existing.error() != Error::NoEntry) return existing.error();
    bool replace = existing.ok();
    bool tdir = false;
    if (replace) {
      if (existing.value() == sino) return Error::Ok;  // two names of one file: nothing to do
      TRY(read_inode(existing.value(), &t));
      tdir = is_dir(t);
      if (sdir && !tdir) return Error::NotDir;
      if (!sdir && tdir) return Error::IsDir;
      if (tdir) {
        bool empty;
        empty = TRY(dir_empty(t));
        if (!empty) return Error::NotEmpty;
      }
    }
    if (sdir && !same_dir) {
      bool inside;
      inside = TRY(is_ancestor(sino, static_cast<u32>(to_dir)));
      if (inside) return Error::Invalid;  // a directory cannot move into itself
    }
    if (replace) {
      TRY(dir_retarget(td, to, sino, ft_of_mode(imode(s))));
      if (tdir) {
        dec_dir_links(td);
        TRY(release_inode(t));
      } else {
        TRY(drop_link(t));
      }
    } else {
      TRY(dir_add(td, to, sino, ft_of_mode(imode(s))));
    }
    TRY(dir_remove(fd, from));
    if (sdir && !same_dir) {
      TRY(dir_retarget(s, "..", static_cast<u32>(to_dir), kFtDir));
      dec_dir_links(fd);
      inc_dir_links(td);
    }
    touch(s, false, true);
    TRY(write_inode(s));
    touch(fd, true, true);
    TRY(write_inode(fd));
    if (!same_dir) {
      touch(td, true, true);
      TRY(write_inode(td));
    }
    (void)sft;
    return Error::Ok;
  });
}

Error Ext4::fsync(u64 ino) {
  if (!mounted()) return Error::Invalid;
  if (read_only_) return Error::Ok;
  return commit();
}

Error Ext4::sync() {
  if (!mounted()) return Error::Invalid;
  if (read_only_) return Error::Ok;
  return commit();
}

Result<FsStat> Ext4::statfs() {
  if (!mounted()) return Error::Invalid;
  FsStat s;
  s.block_size = block_size_;
  s.blocks = blocks_count_;
  // Blocks freed by the running transaction count as free: they are allocatable as soon as
  // it commits, and an allocation that runs out of space commits it and retries.
  u64 pending = 0;
  for (usize i = 0; i < nfrees_; ++i) pending += frees_[i].count;
  u64 free = min<u64>(free_blocks_ + pending, blocks_count_);
  s.free_blocks = free;
  u64 reserved = ld32(sb_ + sb::r_blocks_count_lo) | (b64_ ? static_cast<u64>(ld32(sb_ + sb::r_blocks_count_hi)) << 32 : 0);
  s.avail_blocks = free > reserved ? free - reserved : 0;
  s.inodes = inodes_count_;
  s.free_inodes = free_inodes_;
  s.read_only = read_only_;
  return s;
}

}  // namespace sis::fs

namespace sis::fs {

Result<u64> Ext4::physical_block(u64 ino, u64 lblk, u64* run) {
  if (!mounted()) return Error::Invalid;
  if (ino == 0 || ino > inodes_count_) return Error::NoEntry;
  Inode n;
  TRY(read_inode(static_cast<u32>(ino), &n));
  Mapping m;
  m = TRY(map_block(n, lblk));
  if (run) *run = m.pblk ? m.len : 0;
  return m.pblk;
}

Result<u64> Ext4::bench_replay(u32 blocks, u64 (*now_ns)()) {
  TRY(begin_op());
  if (!journal_.is_open() || !journal_.writing()) return Error::NotSupported;
  TRY(journal_.commit());
  u64 itb = (static_cast<u64>(inodes_per_group_) * inode_size_ + block_size_ - 1) / block_size_;
  u32 added = 0;
  for (u32 g = 0; g < groups_ && added < blocks; ++g)
    for (u64 i = 0; i < itb && added < blocks; ++i) {
      Buf* b;
      b = TRY(meta_get(inode_table(g) + i));
      Error e = journal_.add(b);
      cache_.put(b);
      if (e != Error::Ok) break;  // the transaction is full
      ++added;
    }
  TRY(journal_.commit(false));
  u64 t0 = now_ns();
  TRY(journal_.replay());
  u64 t1 = now_ns();
  journal_.stats().replay_ns = t1 - t0;
  return t1 - t0;
}

}  // namespace sis::fs
