// RamFs implementation (see ramfs.h).
#include "fs/ramfs.h"

#include "lib/env.h"

namespace sis::fs {

namespace {
Error check_name(StrView name) {
  if (name.size == 0) return Error::Invalid;
  if (name.size > kNameMax) return Error::NameTooLong;
  for (usize i = 0; i < name.size; ++i)
    if (name.data[i] == '/' || name.data[i] == 0) return Error::Invalid;
  if (name == "." || name == "..") return Error::Exists;
  return Error::Ok;
}
}  // namespace

RamFs::~RamFs() { unmount(); }

Error RamFs::init() {
  if (nodes_) return Error::Busy;
  nodes_ = static_cast<Node*>(env_zalloc(sizeof(Node) * (kMaxInodes + 1)));
  if (!nodes_) return Error::NoMemory;
  Node& root = nodes_[1];
  root.used = true;
  root.mode = kModeDir | 0755;
  root.nlink = 2;
  root.parent = 1;
  root.atime = root.mtime = root.ctime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Error RamFs::unmount() {
  if (!nodes_) return Error::Ok;
  for (u32 i = 1; i <= kMaxInodes; ++i)
    if (nodes_[i].used) {
      env_free(nodes_[i].data);
      for (Entry* e = nodes_[i].entries; e;) {
        Entry* n = e->next;
        env_free(e);
        e = n;
      }
    }
  env_free(nodes_);
  nodes_ = nullptr;
  bytes_ = 0;
  return Error::Ok;
}

Result<RamFs::Node*> RamFs::node(u64 ino) {
  if (!nodes_ || ino == 0 || ino > kMaxInodes || !nodes_[ino].used) return Error::NoEntry;
  return &nodes_[ino];
}

Result<RamFs::Node*> RamFs::dir_node(u64 ino) {
  Node* n;
  n = TRY(node(ino));
  if ((n->mode & kModeTypeMask) != kModeDir) return Error::NotDir;
  return n;
}

RamFs::Entry* RamFs::find(Node* dir, StrView name, Entry** prev) {
  Entry* p = nullptr;
  for (Entry* e = dir->entries; e; p = e, e = e->next)
    if (StrView(e->name, e->len) == name) {
      if (prev) *prev = p;
      return e;
    }
  return nullptr;
}

Result<u64> RamFs::lookup(u64 dir, StrView name) {
  Node* d;
  d = TRY(dir_node(dir));
  if (name == ".") return dir;
  if (name == "..") return u64{d->parent};
  Entry* e = find(d, name, nullptr);
  if (!e) return Error::NoEntry;
  return u64{e->ino};
}

Result<Stat> RamFs::getattr(u64 ino) {
  Node* n;
  n = TRY(node(ino));
  Stat s;
  s.ino = ino;
  s.mode = n->mode;
  s.nlink = n->nlink;
  s.size = n->size;
  s.blocks = (n->cap + 511) / 512;
  s.mtime = n->mtime;
  s.ctime = n->ctime;
  s.atime = n->atime;
  s.uid = n->uid;
  s.gid = n->gid;
  return s;
}

Error RamFs::setattr(u64 ino, const SetAttr& a) {
  Node* n;
  n = TRY(node(ino));
  if (a.mask & SetAttr::kMode) n->mode = (n->mode & kModeTypeMask) | (a.mode & 07777);
  if (a.mask & SetAttr::kUid) n->uid = a.uid;
  if (a.mask & SetAttr::kGid) n->gid = a.gid;
  if (a.mask & SetAttr::kAtime) n->atime = a.atime;
  if (a.mask & SetAttr::kMtime) n->mtime = a.mtime;
  n->ctime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Error RamFs::reserve(Node* n, u64 size) {
  if (size <= n->cap) return Error::Ok;
  if (size > kMaxFileSize) return Error::TooBig;
  u64 cap = n->cap ? n->cap : 64;
  while (cap < size) cap *= 2;
  if (bytes_ + (cap - n->cap) > kMaxBytes) return Error::NoSpace;
  u8* d = static_cast<u8*>(env_zalloc(static_cast<usize>(cap)));
  if (!d) return Error::NoMemory;
  if (n->size) memcpy(d, n->data, static_cast<usize>(n->size));
  env_free(n->data);
  bytes_ += cap - n->cap;
  n->data = d;
  n->cap = cap;
  return Error::Ok;
}

Result<usize> RamFs::read(u64 ino, u64 off, void* buf, usize len) {
  Node* n;
  n = TRY(node(ino));
  if ((n->mode & kModeTypeMask) == kModeDir) return Error::IsDir;
  if (off >= n->size) return usize{0};
  usize k = static_cast<usize>(min<u64>(len, n->size - off));
  memcpy(buf, n->data + off, k);
  return k;
}

Result<usize> RamFs::write(u64 ino, u64 off, const void* buf, usize len) {
  Node* n;
  n = TRY(node(ino));
  if ((n->mode & kModeTypeMask) == kModeDir) return Error::IsDir;
  if (off + len < off) return Error::TooBig;
  TRY(reserve(n, off + len));
  if (off > n->size) memset(n->data + n->size, 0, static_cast<usize>(off - n->size));
  if (len) memcpy(n->data + off, buf, len);  // an empty file has no data block (nullptr)
  if (off + len > n->size) n->size = off + len;
  n->mtime = n->ctime = static_cast<i64>(wall_clock_seconds());
  return len;
}

Error RamFs::truncate(u64 ino, u64 size) {
  Node* n;
  n = TRY(node(ino));
  if ((n->mode & kModeTypeMask) == kModeDir) return Error::IsDir;
  TRY(reserve(n, size));
  if (size > n->size) memset(n->data + n->size, 0, static_cast<usize>(size - n->size));
  n->size = size;
  n->mtime = n->ctime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Result<usize> RamFs::readlink(u64 ino, char* buf, usize cap) {
  Node* n;
  n = TRY(node(ino));
  if ((n->mode & kModeTypeMask) != kModeLink) return Error::Invalid;
  memcpy(buf, n->data, min<usize>(cap, static_cast<usize>(n->size)));
  return static_cast<usize>(n->size);
}

Result<bool> RamFs::readdir(u64 dir, u64* cookie, DirEntry* out) {
  Node* d;
  d = TRY(dir_node(dir));
  u64 i = *cookie;
  if (i < 2) {
    out->ino = i == 0 ? dir : d->parent;
    out->type = FileType::Directory;
    out->name_len = static_cast<u8>(i + 1);
    out->name[0] = out->name[1] = '.';
    out->name[out->name_len] = 0;
    *cookie = i + 1;
    return true;
  }
  Entry* e = d->entries;
  for (u64 k = 2; e && k < i; ++k) e = e->next;
  if (!e) return false;
  out->ino = e->ino;
  out->type = file_type_from_mode(nodes_[e->ino].mode);
  out->name_len = e->len;
  memcpy(out->name, e->name, e->len + 1u);
  *cookie = i + 1;
  return true;
}

Result<u32> RamFs::make(u64 dir, StrView name, u32 mode) {
  Node* d;
  d = TRY(dir_node(dir));
  TRY(check_name(name));
  if (find(d, name, nullptr)) return Error::Exists;
  u32 ino = 0;
  for (u32 i = 2; i <= kMaxInodes; ++i)
    if (!nodes_[i].used) { ino = i; break; }
  if (!ino) return Error::NoSpace;
  Entry* e = static_cast<Entry*>(env_alloc(sizeof(Entry)));
  if (!e) return Error::NoMemory;
  e->ino = ino;
  e->len = static_cast<u8>(name.size);
  memcpy(e->name, name.data, name.size);
  e->name[name.size] = 0;
  e->next = d->entries;
  d->entries = e;
  Node& n = nodes_[ino];
  n = Node{};
  n.used = true;
  n.mode = mode;
  n.nlink = 1;
  n.parent = static_cast<u32>(dir);
  n.atime = n.mtime = n.ctime = d->mtime = d->ctime = static_cast<i64>(wall_clock_seconds());
  return ino;
}

Result<u64> RamFs::create(u64 dir, StrView name, u32 mode) {
  u32 ino;
  ino = TRY(make(dir, name, kModeReg | (mode & 07777)));
  return u64{ino};
}

Result<u64> RamFs::mkdir(u64 dir, StrView name, u32 mode) {
  u32 ino;
  ino = TRY(make(dir, name, kModeDir | (mode & 07777)));
  nodes_[ino].nlink = 2;
  ++nodes_[dir].nlink;
  return u64{ino};
}

Result<u64> RamFs::symlink(u64 dir, StrView name, StrView target) {
  if (target.size == 0) return Error::Invalid;
  if (target.size >= 4096) return Error::NameTooLong;
  u32 ino;
  ino = TRY(make(dir, name, kModeLink | 0777));
  Node* n = &nodes_[ino];
  Error e = reserve(n, target.size);
  if (e != Error::Ok) {
    unlink(dir, name);
    return e;
  }
  memcpy(n->data, target.data, target.size);
  n->size = target.size;
  return u64{ino};
}

void RamFs::release(u32 ino) {
  Node& n = nodes_[ino];
  bytes_ -= n.cap;
  env_free(n.data);
  n = Node{};
}

Error RamFs::unlink(u64 dir, StrView name) {
  Node* d;
  d = TRY(dir_node(dir));
  Entry* prev = nullptr;
  Entry* e = find(d, name, &prev);
  if (!e) return Error::NoEntry;
  Node& n = nodes_[e->ino];
  if ((n.mode & kModeTypeMask) == kModeDir) return Error::IsDir;
  (prev ? prev->next : d->entries) = e->next;
  if (--n.nlink == 0) release(e->ino);
  env_free(e);
  d->mtime = d->ctime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Error RamFs::rmdir(u64 dir, StrView name) {
  Node* d;
  d = TRY(dir_node(dir));
  Entry* prev = nullptr;
  Entry* e = find(d, name, &prev);
  if (!e) return Error::NoEntry;
  Node& n = nodes_[e->ino];
  if ((n.mode & kModeTypeMask) != kModeDir) return Error::NotDir;
  if (n.entries) return Error::NotEmpty;
  (prev ? prev->next : d->entries) = e->next;
  release(e->ino);
  env_free(e);
  --d->nlink;
  d->mtime = d->ctime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Error RamFs::rename(u64 from_dir, StrView from, u64 to_dir, StrView to) {
  Node *fd, *td;
  fd = TRY(dir_node(from_dir));
  td = TRY(dir_node(to_dir));
  TRY(check_name(to));
  Entry* prev = nullptr;
  Entry* e = find(fd, from, &prev);
  if (!e) return Error::NoEntry;
  u32 ino = e->ino;
  bool sdir = (nodes_[ino].mode & kModeTypeMask) == kModeDir;
  if (sdir)
    for (u64 a = to_dir, guard = 0; guard < kMaxInodes; ++guard) {
      if (a == ino) return Error::Invalid;
      if (a == 1) break;
      a = nodes_[a].parent;
    }
  Entry* t = find(td, to, nullptr);
  if (t) {
    if (t->ino == ino) return Error::Ok;
    bool tdir = (nodes_[t->ino].mode & kModeTypeMask) == kModeDir;
    if (sdir && !tdir) return Error::NotDir;
    if (!sdir && tdir) return Error::IsDir;
    TRY(tdir ? rmdir(to_dir, to) : unlink(to_dir, to));
    prev = nullptr;
    e = find(fd, from, &prev);
  }
  (prev ? prev->next : fd->entries) = e->next;
  e->len = static_cast<u8>(to.size);
  memcpy(e->name, to.data, to.size);
  e->name[to.size] = 0;
  e->next = td->entries;
  td->entries = e;
  if (sdir && from_dir != to_dir) {
    nodes_[ino].parent = static_cast<u32>(to_dir);
    --fd->nlink;
    ++td->nlink;
  }
  nodes_[ino].ctime = fd->mtime = td->mtime = static_cast<i64>(wall_clock_seconds());
  return Error::Ok;
}

Result<FsStat> RamFs::statfs() {
  FsStat s;
  s.block_size = 512;
  s.blocks = kMaxBytes / 512;
  s.free_blocks = s.avail_blocks = (kMaxBytes - bytes_) / 512;
  s.inodes = kMaxInodes;
  u64 used = 0;
  for (u32 i = 1; i <= kMaxInodes; ++i) used += nodes_[i].used;
  s.free_inodes = kMaxInodes - used;
  return s;
}

}  // namespace sis::fs
