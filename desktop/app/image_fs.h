// FsBackend over a stopped VM's disk image (ImageFsReader: the kernel's portable ext4 code,
// read-only). Changing files needs the running VM: those operations fail with a clear message.
#pragma once
#include <memory>

#include "fs_backend.h"

namespace sis::desktop {

class ImageFsReader;

class ImageFs : public FsBackend {
  Q_OBJECT
 public:
  explicit ImageFs(QObject* parent = nullptr);
  ~ImageFs() override;

  bool open(const QString& image, QString* error);
  QString image() const { return image_; }

  QString describe() const override;
  bool writable() const override { return false; }
  void list(const QString& dir, FsListDone done) override;
  void read(const QString& path, qint64 max_bytes, FsProgress progress, FsReadDone done) override;
  void write(const QString& path, const QByteArray& data, bool exclusive, FsProgress progress, FsDone done) override;
  void mkdir(const QString& path, FsDone done) override;
  void remove(const QString& path, bool recursive, FsDone done) override;
  void rename(const QString& from, const QString& to, FsDone done) override;

 private:
  void read_only(FsDone done);

  std::unique_ptr<ImageFsReader> reader_;
  QString image_;
};

}  // namespace sis::desktop
