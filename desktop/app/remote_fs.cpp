#include "remote_fs.h"

#include <QJsonArray>
#include <QJsonObject>

#include "client/control_client.h"

namespace sis::desktop {

using sis::host::Reply;

QString join_path(const QString& dir, const QString& name) {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

QString parent_path(const QString& path) {
  const qsizetype slash = path.lastIndexOf('/');
  return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString describe_error(const QString& cls, const QString& message) {
  if (cls == "MethodNotFound")
    return QObject::tr("not available in this kernel (%1)").arg(message);
  return QStringLiteral("%1: %2").arg(cls, message);
}

namespace {
QString error_of(const Reply& r) { return describe_error(r.error->cls, r.error->message); }
}  // namespace

RemoteFs::RemoteFs(sis::host::ControlClient* client, QObject* parent) : FsBackend(parent), client_(client) {}

QString RemoteFs::describe() const {
  return tr("live: the guest's file system over the control port (kernel %1)").arg(client_->kernel_version());
}

void RemoteFs::list(const QString& dir, FsListDone done) { list_page(dir, 0, {}, std::move(done)); }

void RemoteFs::list_page(const QString& dir, qint64 start, QList<FsEntry> so_far, FsListDone done) {
  client_->request("fs.list", {{"path", dir}, {"start", start}, {"max", 256}},
                   [this, dir, so_far, done](const Reply& r) mutable {
                     if (!r.ok()) return done(so_far, error_of(r));
                     const QJsonObject res = r.object();
                     for (const QJsonValue& v : res.value("entries").toArray()) {
                       const QJsonObject e = v.toObject();
                       so_far.append(FsEntry{e.value("name").toString(), e.value("type").toString(),
                                             e.value("size").toInteger(), e.value("mode").toInt(),
                                             e.value("mtime").toInteger(), e.value("inode").toInteger()});
                     }
                     const QJsonValue next = res.value("next");
                     if (next.isDouble() && so_far.size() < 100000)
                       list_page(dir, next.toInteger(), so_far, done);
                     else
                       done(so_far, QString());
                   });
}

void RemoteFs::read(const QString& path, qint64 max_bytes, FsProgress progress, FsReadDone done) {
  take_cancel();
  read_chunk(path, QByteArray(), max_bytes, std::move(progress), std::move(done));
}

void RemoteFs::read_chunk(const QString& path, QByteArray so_far, qint64 max_bytes, FsProgress progress,
                          FsReadDone done) {
  const qint64 want = std::min(kChunk, max_bytes - so_far.size());
  client_->request("fs.read", {{"path", path}, {"offset", so_far.size()}, {"length", std::max<qint64>(1, want)}},
                   [=, this](const Reply& r) mutable {
                     if (!r.ok()) return done(so_far, -1, error_of(r));
                     const QJsonObject res = r.object();
                     const qint64 size = res.value("size").toInteger();
                     so_far += QByteArray::fromBase64(res.value("data").toString().toLatin1());
                     if (progress) progress(so_far.size(), std::min(size, max_bytes));
                     if (take_cancel()) return done(so_far, size, tr("cancelled"));
                     if (res.value("eof").toBool() || so_far.size() >= max_bytes || res.value("length").toInteger() == 0)
                       return done(so_far, size, QString());
                     read_chunk(path, so_far, max_bytes, progress, done);
                   },
                   15000);
}

void RemoteFs::write(const QString& path, const QByteArray& data, bool exclusive, FsProgress progress, FsDone done) {
  take_cancel();
  write_chunk(path, data, 0, exclusive, std::move(progress), std::move(done));
}

void RemoteFs::write_chunk(const QString& path, const QByteArray& data, qint64 offset, bool exclusive,
                           FsProgress progress, FsDone done) {
  const QByteArray chunk = data.mid(offset, kChunk);
  const bool last = offset + chunk.size() >= data.size();
  QJsonObject params{{"path", path}, {"data", QString::fromLatin1(chunk.toBase64())}, {"sync", last}};
  if (offset == 0) {
    params["create"] = true;
    params["truncate"] = true;
    params["exclusive"] = exclusive;
  } else {
    params["append"] = true;
  }
  client_->request("fs.write", params,
                   [=, this](const Reply& r) {
                     if (!r.ok()) return done(error_of(r));
                     const qint64 now = offset + chunk.size();
                     if (progress) progress(now, data.size());
                     if (last) return done(QString());
                     if (take_cancel()) return done(tr("cancelled after %1 of %2 bytes").arg(now).arg(data.size()));
                     write_chunk(path, data, now, false, progress, done);
                   },
                   30000);
}

void RemoteFs::simple(const QString& method, const QJsonObject& params, FsDone done) {
  client_->request(method, params, [done](const Reply& r) { done(r.ok() ? QString() : error_of(r)); });
}

void RemoteFs::mkdir(const QString& path, FsDone done) { simple("fs.mkdir", {{"path", path}}, std::move(done)); }

void RemoteFs::remove(const QString& path, bool recursive, FsDone done) {
  simple("fs.remove", {{"path", path}, {"recursive", recursive}}, std::move(done));
}

void RemoteFs::rename(const QString& from, const QString& to, FsDone done) {
  simple("fs.rename", {{"from", from}, {"to", to}}, std::move(done));
}

}  // namespace sis::desktop
