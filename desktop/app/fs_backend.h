// What the Files panel browses: the guest's file system over the control port (RemoteFs,
// live) or the disk image of a stopped VM (ImageFs, read-only, through the portable ext4
// code). Every operation is asynchronous and ends exactly once with an error text (empty on
// success); long transfers report progress and stop between chunks when cancelled.
#pragma once
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace sis::desktop {

struct FsEntry {
  QString name;
  QString type;  // "file", "dir", "symlink", "other" (docs/protocol.md fs.list)
  qint64 size = 0;
  int mode = 0;
  qint64 mtime = 0;
  qint64 inode = 0;
};

using FsDone = std::function<void(const QString& error)>;
using FsProgress = std::function<void(qint64 done, qint64 total)>;
using FsListDone = std::function<void(const QList<FsEntry>& entries, const QString& error)>;
using FsReadDone = std::function<void(const QByteArray& data, qint64 size, const QString& error)>;

class FsBackend : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  ~FsBackend() override = default;

  virtual QString describe() const = 0;
  virtual bool writable() const = 0;
  virtual void list(const QString& dir, FsListDone done) = 0;
  // Reads at most max_bytes from the start of `path`; `size` is the whole file's size.
  virtual void read(const QString& path, qint64 max_bytes, FsProgress progress, FsReadDone done) = 0;
  virtual void write(const QString& path, const QByteArray& data, bool exclusive, FsProgress progress, FsDone done) = 0;
  virtual void mkdir(const QString& path, FsDone done) = 0;
  virtual void remove(const QString& path, bool recursive, FsDone done) = 0;
  virtual void rename(const QString& from, const QString& to, FsDone done) = 0;

  void cancel() { cancelled_ = true; }

 protected:
  bool take_cancel() {
    const bool c = cancelled_;
    cancelled_ = false;
    return c;
  }
  bool cancelled_ = false;
};

// "/a/b" + "c" -> "/a/b/c"; parent_path("/a/b") == "/a".
QString join_path(const QString& dir, const QString& name);
QString parent_path(const QString& path);

}  // namespace sis::desktop
