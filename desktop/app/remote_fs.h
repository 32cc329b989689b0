// FsBackend over the control port (docs/protocol.md fs.*): fs.list pages are followed until
// `next` is null, files are read and written in 32768-byte chunks (the protocol's limit;
// the first write chunk truncates, the rest append, the last is synced).
#pragma once
#include "fs_backend.h"

namespace sis::host {
class ControlClient;
}

namespace sis::desktop {

class RemoteFs : public FsBackend {
  Q_OBJECT
 public:
  static constexpr qint64 kChunk = 32768;
  explicit RemoteFs(sis::host::ControlClient* client, QObject* parent = nullptr);

  QString describe() const override;
  bool writable() const override { return true; }
  void list(const QString& dir, FsListDone done) override;
  void read(const QString& path, qint64 max_bytes, FsProgress progress, FsReadDone done) override;
  void write(const QString& path, const QByteArray& data, bool exclusive, FsProgress progress, FsDone done) override;
  void mkdir(const QString& path, FsDone done) override;
  void remove(const QString& path, bool recursive, FsDone done) override;
  void rename(const QString& from, const QString& to, FsDone done) override;

 private:
  void list_page(const QString& dir, qint64 start, QList<FsEntry> so_far, FsListDone done);
  void read_chunk(const QString& path, QByteArray so_far, qint64 max_bytes, FsProgress progress, FsReadDone done);
  void write_chunk(const QString& path, const QByteArray& data, qint64 offset, bool exclusive, FsProgress progress,
                   FsDone done);
  void simple(const QString& method, const QJsonObject& params, FsDone done);

  sis::host::ControlClient* client_;
};

// The text shown for a failed request: the kernel's class and message, with
// MethodNotFound spelled out as "not available in this kernel".
QString describe_error(const QString& cls, const QString& message);

}  // namespace sis::desktop
