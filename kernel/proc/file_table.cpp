// FileTable (see file_table.h).
#include "proc/file_table.h"

#include "lib/string.h"

namespace sis::proc {

FileTable::FileTable() {
  cwd_[0] = '/';
  cwd_[1] = 0;
}

FileTable::~FileTable() { close_all(); }

Result<int> FileTable::install(File* f, bool cloexec, int min_fd) {
  if (min_fd < 0) min_fd = 0;
  for (int fd = min_fd; fd < kMaxFds; ++fd) {
    if (!slots_[fd].file) {
      slots_[fd] = {f, cloexec};
      return fd;
    }
  }
  f->unref();
  return Error::TooManyOpen;
}

Error FileTable::install_at(int fd, File* f, bool cloexec) {
  if (fd < 0 || fd >= kMaxFds) {
    f->unref();
    return Error::BadFd;
  }
  File* old = slots_[fd].file;
  slots_[fd] = {f, cloexec};
  if (old) old->unref();
  return Error::Ok;
}

Result<File*> FileTable::get(int fd) const {
  if (fd < 0 || fd >= kMaxFds || !slots_[fd].file) return Error::BadFd;
  return slots_[fd].file;
}

Result<File*> FileTable::get_ref(int fd) const {
  File* f;
  f = TRY(get(fd));
  f->ref();
  return f;
}

Error FileTable::close(int fd) {
  File* f;
  f = TRY(get(fd));
  slots_[fd] = {};
  f->unref();
  return Error::Ok;
}

Result<bool> FileTable::cloexec(int fd) const {
  TRY(get(fd));
  return slots_[fd].cloexec;
}

Error FileTable::set_cloexec(int fd, bool on) {
  TRY(get(fd));
  slots_[fd].cloexec = on;
  return Error::Ok;
}

Result<int> FileTable::dup(int fd, int min_fd, bool cloexec) {
  File* f;
  f = TRY(get_ref(fd));
  return install(f, cloexec, min_fd);
}

Error FileTable::dup_to(int oldfd, int newfd, bool cloexec) {
  File* f;
  f = TRY(get_ref(oldfd));
  return install_at(newfd, f, cloexec);
}

Error FileTable::clone_into(FileTable& child) const {
  child.close_all();
  for (int fd = 0; fd < kMaxFds; ++fd) {
    if (!slots_[fd].file) continue;
    slots_[fd].file->ref();
    child.slots_[fd] = slots_[fd];
  }
  memcpy(child.cwd_, cwd_, cwd_len_ + 1);
  child.cwd_len_ = cwd_len_;
  child.umask_ = umask_;
  return Error::Ok;
}

void FileTable::close_on_exec() {
  for (int fd = 0; fd < kMaxFds; ++fd)
    if (slots_[fd].file && slots_[fd].cloexec) (void)close(fd);
}

void FileTable::close_all() {
  for (int fd = 0; fd < kMaxFds; ++fd)
    if (slots_[fd].file) (void)close(fd);
}

usize FileTable::open_count() const {
  usize n = 0;
  for (const Slot& s : slots_) n += s.file != nullptr;
  return n;
}

Error FileTable::set_cwd(StrView absolute) {
  char tmp[kMaxCwd];
  usize n;
  n = TRY(join_path("/", absolute, tmp, sizeof(tmp), true));
  // The cwd never ends in a slash (except "/" itself).
  if (n > 1 && tmp[n - 1] == '/') tmp[--n] = 0;
  memcpy(cwd_, tmp, n + 1);
  cwd_len_ = n;
  return Error::Ok;
}

u32 FileTable::set_umask(u32 mask) {
  u32 old = umask_;
  umask_ = mask & 0777;
  return old;
}

Result<usize> FileTable::join_path(StrView base, StrView path, char* out, usize cap, bool normalise) {
  if (path.empty()) return Error::NoEntry;
  if (cap == 0) return Error::PathTooLong;
  usize n = 0;
  auto put = [&](const char* s, usize len) -> bool {
    if (n + len + 1 > cap) return false;
    memcpy(out + n, s, len);
    n += len;
    out[n] = 0;
    return true;
  };
  bool absolute = path.data[0] == '/';
  if (!normalise) {
    if (!absolute) {
      if (!put(base.data, base.size)) return Error::PathTooLong;
      if (n == 0 || out[n - 1] != '/') {
        if (!put("/", 1)) return Error::PathTooLong;
      }
    }
    if (!put(path.data, path.size)) return Error::PathTooLong;
    return n;
  }
  // Normalise: walk base (unless path is absolute), then path, component by component.
  if (!put("/", 1)) return Error::PathTooLong;
  auto walk = [&](StrView s) -> bool {
    usize i = 0;
    while (i < s.size) {
      while (i < s.size && s.data[i] == '/') ++i;
      usize start = i;
      while (i < s.size && s.data[i] != '/') ++i;
      StrView comp(s.data + start, i - start);
      if (comp.empty() || comp == StrView(".")) continue;
      if (comp == StrView("..")) {
        // Back to the previous slash (never above "/").
        if (n > 1) {
          --n;  // the slash after the component being removed
          while (n > 1 && out[n - 1] != '/') --n;
        }
        out[n] = 0;
        continue;
      }
      if (!put(comp.data, comp.size) || !put("/", 1)) return false;
    }
    return true;
  };
  if (!absolute && !walk(base)) return Error::PathTooLong;
  if (!walk(path)) return Error::PathTooLong;
  // Components were written as "name/": keep a trailing slash only if path had one.
  bool trailing = path.data[path.size - 1] == '/';
  if (n > 1 && !trailing) out[--n] = 0;
  return n;
}

}  // namespace sis::proc
