#include "client/proc_run.h"

#include <QJsonArray>

#include "client/control_client.h"

namespace sis::host {
ProcRun::ProcRun(ControlClient* client, QObject* parent) : QObject(parent), client_(client) {
  connect(client_, &ControlClient::event_received, this,
          [this](const QString& name, const QJsonObject& data, qint64) { on_event(name, data); });
  connect(client_, &ControlClient::disconnected, this, [this](const QString& why) {
    if (started_ && !done_) finish_failed({error_class::kDisconnected, why});
  });
}

int ProcRun::exit_status(const QJsonObject& e) { return e.value("exit_status").toInt(-1); }

void ProcRun::start(const QStringList& argv, int timeout_ms) {
  if (started_) return;
  started_ = true;
  QJsonObject params{{"argv", QJsonArray::fromStringList(argv)}};
  client_->request("proc.run", params, [this](const Reply& r) {
    if (done_) return;
    if (!r.ok()) return finish_failed(*r.error);
    pid_ = r.object().value("pid").toInteger(-1);
    if (pid_ <= 0) return finish_failed({"Internal", "proc.run answered without a pid"});
    emit started(pid_);
    auto early = std::move(early_);
    early_.clear();
    for (const auto& [name, data] : early) {
      if (done_) break;
      deliver(name, data);
    }
  }, timeout_ms);
}

void ProcRun::on_event(const QString& name, const QJsonObject& data) {
  if (!started_ || done_ || (name != "proc.output" && name != "proc.exit")) return;
  if (pid_ < 0) {
    // Output beyond the bound shows up as a gap in the offsets; the exit is always kept.
    if (early_.size() < kMaxEarlyEvents || name == "proc.exit") early_.append({name, data});
    return;
  }
  deliver(name, data);
}

void ProcRun::deliver(const QString& name, const QJsonObject& data) {
  if (data.value("pid").toInteger(-1) != pid_) return;
  if (name == "proc.output") {
    int stream = data.value("stream").toString() == "stderr" ? Stderr : Stdout;
    qint64 offset = data.value("offset").toInteger(-1);
    QByteArray bytes = QByteArray::fromBase64(data.value("data").toString().toLatin1());
    qint64& next = next_offset_[stream - 1];
    if (offset > next) emit lost(stream, offset - next);
    if (offset >= next || offset < 0) {
      next = (offset < 0 ? next : offset) + bytes.size();
      emit output(stream, bytes);
    }
    return;
  }
  done_ = true;
  exit_ = data;
  for (int s = Stdout; s <= Stderr; ++s) {
    qint64 total = data.value(s == Stdout ? "stdout_bytes" : "stderr_bytes").toInteger(-1);
    if (total > next_offset_[s - 1]) emit lost(s, total - next_offset_[s - 1]);
  }
  emit exited(data);
}

void ProcRun::finish_failed(const ClientError& e) {
  done_ = true;
  emit failed(e);
}

}  // namespace sis::host
