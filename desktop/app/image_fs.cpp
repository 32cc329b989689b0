#include "image_fs.h"

#include <QTimer>

#include "image_fs_reader.h"

namespace sis::desktop {

ImageFs::ImageFs(QObject* parent) : FsBackend(parent), reader_(std::make_unique<ImageFsReader>()) {}

ImageFs::~ImageFs() = default;

bool ImageFs::open(const QString& image, QString* error) {
  std::string e;
  image_ = image;
  if (!reader_->open(image.toStdString(), &e)) {
    *error = QString::fromStdString(e);
    return false;
  }
  return true;
}

QString ImageFs::describe() const {
  return tr("offline: disk image %1 (%2), read-only while the VM is off")
      .arg(image_, QString::fromStdString(reader_->summary()));
}

// Results are delivered from the event loop, like the live backend's.
void ImageFs::list(const QString& dir, FsListDone done) {
  std::vector<ImageEntry> entries;
  std::string e;
  const bool ok = reader_->list(dir.toStdString(), &entries, &e);
  QList<FsEntry> out;
  for (const ImageEntry& i : entries)
    out.append(FsEntry{QString::fromStdString(i.name), QString::fromStdString(i.type), static_cast<qint64>(i.size),
                       static_cast<int>(i.mode), i.mtime, static_cast<qint64>(i.inode)});
  const QString err = ok ? QString() : QString::fromStdString(e);
  QTimer::singleShot(0, this, [done, out, err] { done(out, err); });
}

void ImageFs::read(const QString& path, qint64 max_bytes, FsProgress progress, FsReadDone done) {
  std::string data, e;
  uint64_t size = 0;
  const bool ok = reader_->read(path.toStdString(), static_cast<uint64_t>(max_bytes), &data, &size, &e);
  const QByteArray bytes = QByteArray::fromStdString(data);
  const QString err = ok ? QString() : QString::fromStdString(e);
  if (progress) progress(bytes.size(), bytes.size());
  QTimer::singleShot(0, this, [done, bytes, size, err] { done(bytes, static_cast<qint64>(size), err); });
}

void ImageFs::read_only(FsDone done) {
  QTimer::singleShot(0, this, [done] {
    done(tr("the disk image is browsed read-only while the VM is off: start the VM to change files"));
  });
}

void ImageFs::write(const QString&, const QByteArray&, bool, FsProgress, FsDone done) { read_only(std::move(done)); }
void ImageFs::mkdir(const QString&, FsDone done) { read_only(std::move(done)); }
void ImageFs::remove(const QString&, bool, FsDone done) { read_only(std::move(done)); }
void ImageFs::rename(const QString&, const QString&, FsDone done) { read_only(std::move(done)); }

}  // namespace sis::desktop
