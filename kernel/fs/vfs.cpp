// Vfs implementation: mount table, path walk, open files (see vfs.h).
#include "fs/vfs.h"

#include "lib/env.h"

namespace sis::fs {

namespace {
bool is_slash(char c) { return c == '/'; }
}  // namespace

Vfs& kernel_vfs() {
  static Vfs v;
  return v;
}

Error Vfs::mount(StrView path, FileSystem* f, StrView source) {
  if (!f || path.size == 0 || path.size >= sizeof(MountInfo::path)) return Error::Invalid;
  bool root = path == "/";
  if (!root && !mounts_[0].used) return Error::Invalid;  // "/" first
  if (root && mounts_[0].used) return Error::Busy;
  Node covered{0, 0};
  if (!root) {
    covered = TRY(resolve(path, true));
    Stat st;
    st = TRY(fs(covered)->getattr(covered.ino));
    if (st.type() != FileType::Directory) return Error::NotDir;
    for (const Mount& m : mounts_)
      if (m.used && m.covered.mount == covered.mount && m.covered.ino == covered.ino && &m != &mounts_[0])
        return Error::Busy;
  }
  usize slot = kMaxMounts;
  if (root) slot = 0;
  else
    for (usize i = 1; i < kMaxMounts; ++i)
      if (!mounts_[i].used) { slot = i; break; }
  if (slot == kMaxMounts) return Error::TooManyOpen;
  Mount& m = mounts_[slot];
  m.info = MountInfo{};
  m.info.fs = f;
  copy_cstr(m.info.path, sizeof(m.info.path), path);
  copy_cstr(m.info.source, sizeof(m.info.source), source);
  m.covered = covered;
  m.used = true;
  return Error::Ok;
}

Error Vfs::unmount(StrView path) {
  for (usize i = 0; i < kMaxMounts; ++i) {
    Mount& m = mounts_[i];
    if (!m.used || !(StrView(m.info.path) == path)) continue;
    for (const File& f : files_)
      if (f.used && f.node.mount == i) return Error::Busy;
    for (usize j = 1; j < kMaxMounts; ++j)
      if (mounts_[j].used && j != i && mounts_[j].covered.mount == i) return Error::Busy;
    Error e = m.info.fs->unmount();
    m.used = false;
    m.info = MountInfo{};
    return e;
  }
  return Error::NoEntry;
}

usize Vfs::mount_count() const {
  usize n = 0;
  for (const Mount& m : mounts_) n += m.used;
  return n;
}

const MountInfo* Vfs::mount_at(usize i) const {
  for (const Mount& m : mounts_)
    if (m.used && i-- == 0) return &m.info;
  return nullptr;
}

Vfs::Node Vfs::enter_mounts(Node n) const {
  for (int depth = 0; depth < static_cast<int>(kMaxMounts); ++depth) {
    bool moved = false;
    for (u32 i = 1; i < kMaxMounts; ++i) {
      const Mount& m = mounts_[i];
      if (m.used && m.covered.mount == n.mount && m.covered.ino == n.ino) {
        n = {i, m.info.fs->root_ino()};
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return n;
}

Result<Vfs::Node> Vfs::walk(StrView path, bool follow_last, Parent* parent) {
  if (!mounts_[0].used) return Error::NoEntry;
  if (path.size >= kMaxPath) return Error::PathTooLong;
  Node cur = enter_mounts({0, mounts_[0].info.fs->root_ino()});
  const char* p = path.data;
  const char* end = path.data + path.size;
  u32 links = 0;
  for (;;) {
    while (p < end && is_slash(*p)) ++p;
    if (p == end) {
      if (parent) return Error::Invalid;  // "/" has no parent entry
      return cur;
    }
    const char* c = p;
    while (p < end && !is_slash(*p)) ++p;
    StrView comp(c, static_cast<usize>(p - c));
    if (comp.size > kNameMax) return Error::NameTooLong;
    const char* q = p;
    while (q < end && is_slash(*q)) ++q;
    bool last = q == end;
    bool trailing = last && q != p;  // "name/": must be a directory (a symlink is followed)
    if (last && parent) {
      if (comp == "." || comp == "..") return Error::Invalid;
      parent->dir = cur;
      parent->trailing_slash = trailing;
      parent->len = static_cast<u8>(comp.size);
      memcpy(parent->name, comp.data, comp.size);
      parent->name[comp.size] = 0;
      return cur;
    }
    if (comp == ".") continue;
    if (comp == "..") {
      // Leaving a mounted file system's root goes to the directory it covers.
      while (cur.mount != 0 && cur.ino == fs(cur)->root_ino()) cur = mounts_[cur.mount].covered;
    }
    u64 child;
    child = TRY(fs(cur)->lookup(cur.ino, comp));
    Node next = enter_mounts({cur.mount, child});
    Stat st;
    st = TRY(fs(next)->getattr(next.ino));
    if (st.type() == FileType::Symlink && (!last || follow_last || trailing)) {
      if (++links > kMaxSymlinks) return Error::Loop;
      usize n;
      n = TRY(fs(next)->readlink(next.ino, tmp_, kMaxPath));
      usize rest = static_cast<usize>(end - p);
      if (n == 0) return Error::NoEntry;
      if (n + rest + 1 >= kMaxPath) return Error::PathTooLong;
      // New path = target + rest ("rest" starts with '/' or is empty). The rest may live in
      // expand_ itself, so move it first.
      memmove(tmp_ + n, p, rest);
      memcpy(expand_, tmp_, n + rest);
      p = expand_;
      end = expand_ + n + rest;
      if (is_slash(expand_[0])) cur = enter_mounts({0, mounts_[0].info.fs->root_ino()});
      continue;
    }
    if ((!last || trailing) && st.type() != FileType::Directory) return Error::NotDir;
    cur = next;
  }
}

Result<Vfs::Node> Vfs::resolve(StrView path, bool follow_last) { return walk(path, follow_last, nullptr); }

Result<Vfs::Parent> Vfs::resolve_parent(StrView path) {
  Parent par;
  TRY(walk(path, false, &par).error());
  return par;
}

Result<FileSystem*> Vfs::fs_of(StrView path) {
  Node n;
  n = TRY(resolve(path, true));
  return fs(n);
}

Result<Stat> Vfs::stat(StrView path) {
  Node n;
  n = TRY(resolve(path, true));
  return fs(n)->getattr(n.ino);
}

Result<Stat> Vfs::lstat(StrView path) {
  Node n;
  n = TRY(resolve(path, false));
  return fs(n)->getattr(n.ino);
}

Error Vfs::list(StrView path, bool (*fn)(void*, const DirEntry&), void* ctx) {
  Node n;
  n = TRY(resolve(path, true));
  u64 cookie = 0;
  DirEntry e;
  for (u32 guard = 0; guard < (1u << 24); ++guard) {
    bool more;
    more = TRY(fs(n)->readdir(n.ino, &cookie, &e));
    if (!more || !fn(ctx, e)) return Error::Ok;
  }
  return Error::Loop;
}

Result<usize> Vfs::read_file(StrView path, u64 off, void* buf, usize len) {
  Node n;
  n = TRY(resolve(path, true));
  return fs(n)->read(n.ino, off, buf, len);
}

Result<usize> Vfs::write_file(StrView path, const void* buf, usize len, WriteMode mode, u64 off) {
  u32 flags = kOpenWrite;
  if (mode != WriteMode::At) flags |= kOpenCreate;
  if (mode == WriteMode::Replace) flags |= kOpenTruncate;
  if (mode == WriteMode::Append) flags |= kOpenAppend;
  int fd;
  fd = TRY(open(path, flags));
  if (mode == WriteMode::At) {
    auto s = seek(fd, static_cast<i64>(off), 0);
    if (!s.ok()) {
      close(fd);
      return s.error();
    }
  }
  auto r = write(fd, buf, len);
  Error c = close(fd);
  if (r.ok() && c != Error::Ok) return c;
  return r;
}

Error Vfs::mkdir(StrView path, u32 mode) {
  Parent par;
  par = TRY(resolve_parent(path));
  return fs(par.dir)->mkdir(par.dir.ino, par.view(), mode).error();
}

Error Vfs::unlink(StrView path) {
  Parent par;
  par = TRY(resolve_parent(path));
  if (par.trailing_slash) {  // "f/": only a directory could match, and unlink takes none
    Stat st;
    st = TRY(stat(path));
    return st.type() == FileType::Directory ? Error::IsDir : Error::NotDir;
  }
  return fs(par.dir)->unlink(par.dir.ino, par.view());
}

Error Vfs::rmdir(StrView path) {
  Parent par;
  par = TRY(resolve_parent(path));
  u64 child;
  child = TRY(fs(par.dir)->lookup(par.dir.ino, par.view()));
  Node n = enter_mounts({par.dir.mount, child});
  if (n.mount != par.dir.mount) return Error::Busy;  // a mount point
  return fs(par.dir)->rmdir(par.dir.ino, par.view());
}

Error Vfs::remove(StrView path) {
  StrView last = last_component(path);
  if (last.empty()) return Error::Busy;  // "/"
  if (last == "." || last == "..") return Error::Invalid;
  Stat st;
  st = TRY(lstat(path));
  return st.type() == FileType::Directory ? rmdir(path) : unlink(path);
}

StrView Vfs::last_component(StrView path) {
  usize end = path.size;
  while (end > 0 && is_slash(path.data[end - 1])) --end;
  usize start = end;
  while (start > 0 && !is_slash(path.data[start - 1])) --start;
  return {path.data + start, end - start};
}

// Depth first without recursion (kernel stacks are small): descend to a directory with no
// entries left, remove it, go back up one level, repeat. tree_ holds the current path.
Error Vfs::remove_tree(StrView path) {
  // Every check comes before the first removal: a path naming "/" or ending in "." or ".."
  // must fail without having emptied anything on the way.
  StrView last = last_component(path);
  if (last.empty()) return Error::Busy;
  if (last == "." || last == "..") return Error::Invalid;
  usize root_len = static_cast<usize>(last.data + last.size - path.data);  // trailing slashes dropped
  if (root_len >= kMaxPath) return Error::PathTooLong;
  Node top;
  top = TRY(resolve(StrView(path.data, root_len), false));
  if (top.mount == 0 && top.ino == mounts_[0].info.fs->root_ino()) return Error::Busy;
  Stat st;
  st = TRY(fs(top)->getattr(top.ino));
  if (st.type() != FileType::Directory) return unlink(StrView(path.data, root_len));
  memcpy(tree_, path.data, root_len);
  usize len = root_len;
  for (u32 guard = 0; guard < (1u << 26); ++guard) {
    struct Found {
      DirEntry e;
      bool any;
    } found{};
    TRY(list(StrView(tree_, len), [](void* p, const DirEntry& d) {
      if (d.name_view() == "." || d.name_view() == "..") return true;
      auto* f = static_cast<Found*>(p);
      f->e = d;
      f->any = true;
      return false;
    }, &found));
    if (!found.any) {
      TRY(rmdir(StrView(tree_, len)));
      if (len == root_len) return Error::Ok;
      while (len > root_len && tree_[len - 1] != '/') --len;  // back to the parent
      --len;
      continue;
    }
    usize child = len + 1 + found.e.name_len;
    if (child >= kMaxPath) return Error::PathTooLong;
    tree_[len] = '/';
    memcpy(tree_ + len + 1, found.e.name, found.e.name_len);
    Stat cst;
    cst = TRY(lstat(StrView(tree_, child)));
    if (cst.type() == FileType::Directory) {
      len = child;
    } else {
      TRY(unlink(StrView(tree_, child)));
    }
  }
  return Error::Loop;
}

Error Vfs::rename(StrView from, StrView to) {
  Parent a, b;
  a = TRY(resolve_parent(from));
  b = TRY(resolve_parent(to));
  if (a.dir.mount != b.dir.mount) return Error::CrossDevice;
  if (a.trailing_slash || b.trailing_slash) {  // "x/" names a directory: the source must be one
    u64 ino;
    ino = TRY(fs(a.dir)->lookup(a.dir.ino, a.view()));
    Stat st;
    st = TRY(fs(a.dir)->getattr(ino));
    if (st.type() != FileType::Directory) return Error::NotDir;
  }
  return fs(a.dir)->rename(a.dir.ino, a.view(), b.dir.ino, b.view());
}

Error Vfs::symlink(StrView target, StrView link_path) {
  Parent par;
  par = TRY(resolve_parent(link_path));
  if (par.trailing_slash) return Error::NotDir;  // a symlink is not a directory
  return fs(par.dir)->symlink(par.dir.ino, par.view(), target).error();
}

Error Vfs::link(StrView existing, StrView new_path, bool follow_last) {
  Node n;
  n = TRY(resolve(existing, follow_last));
  Parent par;
  par = TRY(resolve_parent(new_path));
  if (par.trailing_slash) return Error::NotDir;
  if (par.dir.mount != n.mount) return Error::CrossDevice;
  return fs(par.dir)->link(par.dir.ino, par.view(), n.ino);
}

Result<usize> Vfs::readlink(StrView path, char* buf, usize cap) {
  Node n;
  n = TRY(resolve(path, false));
  return fs(n)->readlink(n.ino, buf, cap);
}

Error Vfs::truncate(StrView path, u64 size) {
  Node n;
  n = TRY(resolve(path, true));
  return fs(n)->truncate(n.ino, size);
}

Error Vfs::setattr(StrView path, bool follow_last, const SetAttr& a) {
  Node n;
  n = TRY(resolve(path, follow_last));
  return fs(n)->setattr(n.ino, a);
}

Error Vfs::sync() {
  Error first = Error::Ok;
  for (Mount& m : mounts_)
    if (m.used) {
      Error e = m.info.fs->sync();
      if (e != Error::Ok && first == Error::Ok) first = e;
    }
  return first;
}

Error Vfs::commit_due(u64 now_s) {
  Error first = Error::Ok;
  for (Mount& m : mounts_)
    if (m.used) {
      Error e = m.info.fs->commit_if_due(now_s).error();
      if (e != Error::Ok && first == Error::Ok) first = e;
    }
  return first;
}

Result<FsStat> Vfs::statfs(StrView path) {
  Node n;
  n = TRY(resolve(path, true));
  return fs(n)->statfs();
}

// ---- descriptors ----

Result<Vfs::File*> Vfs::file(int fd) {
  if (fd < 0 || fd >= static_cast<int>(kMaxOpen) || !files_[fd].used) return Error::BadFd;
  return &files_[fd];
}

Result<int> Vfs::open(StrView path, u32 flags, u32 mode) {
  int fd = -1;
  for (usize i = 0; i < kMaxOpen; ++i)
    if (!files_[i].used) { fd = static_cast<int>(i); break; }
  if (fd < 0) return Error::TooManyOpen;
  Node n;
  auto r = resolve(path, true);
  if (r.ok()) {
    if ((flags & kOpenCreate) && (flags & kOpenExclusive)) return Error::Exists;
    n = r.value();
  } else if (r.error() == Error::NoEntry && (flags & kOpenCreate)) {
    Parent par;
    par = TRY(resolve_parent(path));
    if (par.trailing_slash) return Error::IsDir;  // "new/" cannot name a new regular file
    u64 ino;
    ino = TRY(fs(par.dir)->create(par.dir.ino, par.view(), mode));
    n = {par.dir.mount, ino};
  } else {
    return r.error();
  }
  Stat st;
  st = TRY(fs(n)->getattr(n.ino));
  if (st.type() == FileType::Directory && (flags & (kOpenWrite | kOpenTruncate | kOpenAppend))) return Error::IsDir;
  if ((flags & kOpenTruncate) && st.size) TRY(fs(n)->truncate(n.ino, 0));
  File& f = files_[fd];
  f.used = true;
  f.flags = flags;
  f.node = n;
  f.offset = 0;
  return fd;
}

Error Vfs::close(int fd) {
  File* f;
  f = TRY(file(fd));
  f->used = false;
  return Error::Ok;
}

Result<usize> Vfs::read(int fd, void* buf, usize len) {
  File* f;
  f = TRY(file(fd));
  usize n;
  n = TRY(fs(f->node)->read(f->node.ino, f->offset, buf, len));
  f->offset += n;
  return n;
}

Result<usize> Vfs::write(int fd, const void* buf, usize len) {
  File* f;
  f = TRY(file(fd));
  if (!(f->flags & kOpenWrite)) return Error::BadFd;
  if (f->flags & kOpenAppend) {
    Stat st;
    st = TRY(fs(f->node)->getattr(f->node.ino));
    f->offset = st.size;
  }
  usize n;
  n = TRY(fs(f->node)->write(f->node.ino, f->offset, buf, len));
  f->offset += n;
  return n;
}

Result<u64> Vfs::seek(int fd, i64 off, int whence) {
  File* f;
  f = TRY(file(fd));
  i64 base = 0;
  if (whence == 1) base = static_cast<i64>(f->offset);
  else if (whence == 2) {
    Stat st;
    st = TRY(fs(f->node)->getattr(f->node.ino));
    base = static_cast<i64>(st.size);
  } else if (whence != 0) {
    return Error::Invalid;
  }
  if (base + off < 0) return Error::Invalid;
  f->offset = static_cast<u64>(base + off);
  return f->offset;
}

Error Vfs::fsync(int fd) {
  File* f;
  f = TRY(file(fd));
  return fs(f->node)->fsync(f->node.ino);
}

Result<Stat> Vfs::fstat(int fd) {
  File* f;
  f = TRY(file(fd));
  return fs(f->node)->getattr(f->node.ino);
}

Result<bool> Vfs::readdir(int fd, DirEntry* out) {
  File* f;
  f = TRY(file(fd));
  return fs(f->node)->readdir(f->node.ino, &f->offset, out);
}

usize Vfs::open_count() const {
  usize n = 0;
  for (const File& f : files_) n += f.used;
  return n;
}

}  // namespace sis::fs
