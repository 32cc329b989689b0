// VfsFile (see vfs_file.h): reads and writes at the description's offset, getdents64 over
// FileSystem::readdir.
#include "proc/vfs_file.h"

#include "lib/string.h"
#include "proc/linux_stat.h"
#include "proc/vfs_lock.h"

namespace sis::proc {

VfsFile::VfsFile(fs::FileSystem* fs, u64 ino, fs::FileType type, u64 dev, u32 flags)
    : File(type == fs::FileType::Directory ? FileKind::Directory
           : type == fs::FileType::Symlink ? FileKind::Symlink
                                           : FileKind::Regular,
           flags),
      fs_(fs),
      ino_(ino),
      dev_(dev) {}

VfsFile::~VfsFile() { env_free(path_); }

Error VfsFile::set_path(StrView path) {
  char* p = static_cast<char*>(env_alloc(path.size + 1));
  if (!p) return Error::NoMemory;
  memcpy(p, path.data, path.size);
  p[path.size] = 0;
  env_free(path_);
  path_ = p;
  path_len_ = path.size;
  return Error::Ok;
}

Result<usize> VfsFile::read(void* buf, usize n, bool) {
  if (kind() == FileKind::Directory) return Error::IsDir;
  VfsLock lock;
  usize got;
  got = TRY(fs_->read(ino_, offset_, buf, n));
  offset_ += got;
  return got;
}

Result<usize> VfsFile::pread(void* buf, usize n, u64 off) {
  if (kind() == FileKind::Directory) return Error::IsDir;
  VfsLock lock;
  return fs_->read(ino_, off, buf, n);
}

Result<usize> VfsFile::write_at(const void* buf, usize n, u64 off) {
  if (n == 0) return usize{0};
  if (off + n < off) return Error::FileTooBig;
  return fs_->write(ino_, off, buf, n);
}

Result<usize> VfsFile::write(const void* buf, usize n, bool, bool) {
  if (kind() == FileKind::Directory) return Error::IsDir;
  VfsLock lock;
  if (status_flags() & linux::O_APPEND) {
    fs::Stat st;
    st = TRY(fs_->getattr(ino_));
    offset_ = st.size;
  }
  usize put;
  put = TRY(write_at(buf, n, offset_));
  offset_ += put;
  return put;
}

Result<usize> VfsFile::pwrite(const void* buf, usize n, u64 off) {
  if (kind() == FileKind::Directory) return Error::IsDir;
  VfsLock lock;
  // Linux: pwrite on an O_APPEND file appends whatever the offset says.
  if (status_flags() & linux::O_APPEND) {
    fs::Stat st;
    st = TRY(fs_->getattr(ino_));
    off = st.size;
  }
  return write_at(buf, n, off);
}

Result<u64> VfsFile::lseek(i64 off, int whence) {
  VfsLock lock;
  if (kind() == FileKind::Directory) {
    // Directory offsets are readdir cookies: only absolute positions (and "where am I").
    if (whence == linux::SEEK_SET && off >= 0) return offset_ = static_cast<u64>(off);
    if (whence == linux::SEEK_CUR && off == 0) return offset_;
    return Error::Invalid;
  }
  i64 base;
  if (whence == linux::SEEK_SET) {
    base = 0;
  } else if (whence == linux::SEEK_CUR) {
    base = static_cast<i64>(offset_);
  } else if (whence == linux::SEEK_END) {
    fs::Stat st;
    st = TRY(fs_->getattr(ino_));
    base = static_cast<i64>(st.size);
  } else {
    return Error::Invalid;  // SEEK_DATA/SEEK_HOLE are not offered
  }
  i64 pos;
  if (__builtin_add_overflow(base, off, &pos) || pos < 0) return Error::Invalid;
  offset_ = static_cast<u64>(pos);
  return offset_;
}

usize VfsFile::describe(char* buf, usize cap) const { return copy_cstr(buf, cap, path()); }

Result<fs::Stat> VfsFile::stat() {
  VfsLock lock;
  return fs_->getattr(ino_);
}

Result<usize> VfsFile::getdents64(u8* buf, usize cap) {
  if (kind() != FileKind::Directory) return Error::NotDir;
  VfsLock lock;
  usize used = 0;
  fs::DirEntry e;
  for (;;) {
    u64 cookie = offset_;
    bool more;
    more = TRY(fs_->readdir(ino_, &cookie, &e));
    if (!more) break;
    usize reclen = align_up(linux::kDirent64NameOffset + e.name_len + 1, 8);
    if (used + reclen > cap) {
      if (used == 0) return Error::Invalid;  // the buffer cannot hold one record
      break;  // offset_ still names this entry: the next call returns it
    }
    linux::linux_dirent64_header h{e.ino, static_cast<i64>(cookie), static_cast<u16>(reclen), linux::dirent_type(e.type)};
    memset(buf + used, 0, reclen);
    memcpy(buf + used, &h, linux::kDirent64NameOffset);
    memcpy(buf + used + linux::kDirent64NameOffset, e.name, e.name_len);
    used += reclen;
    offset_ = cookie;
  }
  return used;
}

Error VfsFile::fsync() {
  VfsLock lock;
  return fs_->fsync(ino_);
}

Error VfsFile::setattr(const fs::SetAttr& a) {
  VfsLock lock;
  return fs_->setattr(ino_, a);
}

Error VfsFile::truncate(u64 size) {
  if (kind() != FileKind::Regular || !writable()) return Error::Invalid;
  VfsLock lock;
  return fs_->truncate(ino_, size);
}

}  // namespace sis::proc
