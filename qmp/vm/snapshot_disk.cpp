#include "vm/snapshot_disk.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <QFile>

namespace sis::host {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

bool fail(QString* error, const QString& what, const QString& path) {
  if (error) *error = QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(strerror(errno)));
  return false;
}

bool write_all(int fd, const char* p, size_t n, off_t at) {
  while (n > 0) {
    ssize_t w = ::pwrite(fd, p, n, at);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w, n -= static_cast<size_t>(w), at += w;
  }
  return true;
}

// Copies the data extents of `in` (size `size`) into `out` at the same offsets.
bool copy_extents(int in, int out, off_t size, const QString& from, const QString& to, QString* error) {
  std::vector<char> buf(1 << 20);
  off_t pos = 0;
  while (pos < size) {
    off_t data = ::lseek(in, pos, SEEK_DATA);
    if (data < 0) {
      if (errno == ENXIO) break;  // only a hole is left
      return fail(error, QStringLiteral("cannot seek in"), from);
    }
    off_t hole = ::lseek(in, data, SEEK_HOLE);
    if (hole < 0) return fail(error, QStringLiteral("cannot seek in"), from);
    for (off_t at = data; at < hole;) {
      const size_t n = static_cast<size_t>(std::min<off_t>(hole - at, static_cast<off_t>(buf.size())));
      ssize_t r = ::pread(in, buf.data(), n, at);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return fail(error, QStringLiteral("cannot read"), from);
      if (!write_all(out, buf.data(), static_cast<size_t>(r), at)) return fail(error, QStringLiteral("cannot write"), to);
      at += r;
    }
    pos = hole;
  }
  return true;
}

}  // namespace

bool copy_disk_image(const QString& from, const QString& to, QString* error) {
  Fd in(::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return fail(error, QStringLiteral("cannot open"), from);
  struct stat st;
  if (::fstat(in.get(), &st) != 0) return fail(error, QStringLiteral("cannot stat"), from);
  Fd out(::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.get() < 0) return fail(error, QStringLiteral("cannot create"), to);
  bool ok = ::ftruncate(out.get(), st.st_size) == 0 || fail(error, QStringLiteral("cannot size"), to);
  ok = ok && copy_extents(in.get(), out.get(), st.st_size, from, to, error);
  ok = ok && (::fsync(out.get()) == 0 || fail(error, QStringLiteral("cannot sync"), to));
  if (!ok) QFile::remove(to);
  return ok;
}

bool restore_disk_image(const QString& from, const QString& to, QString* error) {
  Fd in(::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return fail(error, QStringLiteral("cannot open"), from);
  struct stat st;
  if (::fstat(in.get(), &st) != 0) return fail(error, QStringLiteral("cannot stat"), from);
  Fd out(::open(QFile::encodeName(to).constData(), O_WRONLY | O_CLOEXEC));
  if (out.get() < 0) return fail(error, QStringLiteral("cannot open"), to);
  // Emptying the file first turns every block the copy does not have back into a hole.
  if (::ftruncate(out.get(), 0) != 0 || ::ftruncate(out.get(), st.st_size) != 0)
    return fail(error, QStringLiteral("cannot resize"), to);
  if (!copy_extents(in.get(), out.get(), st.st_size, from, to, error)) return false;
  if (::fsync(out.get()) != 0) return fail(error, QStringLiteral("cannot sync"), to);
  return true;
}

}  // namespace sis::host
