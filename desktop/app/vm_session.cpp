#include "vm_session.h"

#include <QJsonDocument>
#include <QLocalSocket>
#include <QTimer>

#include "client/control_client.h"
#include "client/qmp_client.h"
#include "remote/ssh_link.h"
#include "remote_vm_host.h"
#include "vm/snapshot_store.h"
#include "vm/vm_launcher.h"

namespace sis::desktop {

using sis::host::Reply;

VmSession::VmSession(const QString& name, QObject* parent)
    : QObject(parent),
      name_(name),
      qmp_(new sis::host::QmpClient(this)),
      control_(new sis::host::ControlClient(this)),
      console_(new QLocalSocket(this)) {
  reconnect_timer_ = new QTimer(this);
  reconnect_timer_->setSingleShot(true);
  connect(reconnect_timer_, &QTimer::timeout, this, &VmSession::reconnect_now);
  connect(qmp_, &sis::host::QmpClient::ready, this, &VmSession::on_qmp_ready);
  connect(qmp_, &sis::host::QmpClient::event_received, this,
          [this](const QString& n, const QJsonObject& d, qint64) { on_qmp_event(n, d); });
  connect(qmp_, &sis::host::QmpClient::disconnected, this, [this](const QString& why) {
    if (state_ != State::Off && state_ != State::Stopping && link_ != Link::Lost && link_ != Link::Reconnecting)
      emit log_message("warn", "qmp", tr("QMP connection ended: %1").arg(why));
    // A remote QEMU that quit closes its QMP socket: see at once whether it still runs there.
    if (remote_ && link_ == Link::Up) remote_->check_now();
  });
  connect(qmp_, &sis::host::QmpClient::protocol_error, this,
          [this](const QString& m) { emit log_message("warn", "qmp", m); });

  control_->set_handshake_timeout(20000);
  connect(control_, &sis::host::ControlClient::ready, this, [this] {
    emit log_message("info", "control",
                     tr("control port ready: %1 %2, protocol %3, capabilities: %4")
                         .arg(control_->greeting().value("kernel").toString(), control_->kernel_version())
                         .arg(control_->protocol_version())
                         .arg(control_->capabilities().join(", ")));
    emit control_ready_changed(true);
    query_root_fs();
  });
  connect(control_, &sis::host::ControlClient::disconnected, this, [this](const QString& why) {
    if (state_ != State::Off && state_ != State::Stopping)
      emit log_message("warn", "control", tr("control port not available: %1").arg(why));
    emit control_ready_changed(false);
  });
  connect(control_, &sis::host::ControlClient::event_received, this,
          [this](const QString& n, const QJsonObject& d, qint64 ts) {
            if (n == "log")
              emit log_message(d.value("level").toString("info"), "kernel/" + d.value("subsystem").toString(),
                               d.value("text").toString());
            else if (n == "panic")
              emit log_message("error", "kernel", tr("panic: %1").arg(d.value("message").toString()));
            emit kernel_event(n, d, ts);
          });
  connect(control_, &sis::host::ControlClient::protocol_error, this,
          [this](const QString& m) { emit log_message("warn", "control", m); });

  connect(console_, &QLocalSocket::readyRead, this, [this] { emit console_output(console_->readAll()); });
  connect(console_, &QLocalSocket::connected, this, [this] {
    emit log_message("info", "console", tr("UART console connected"));
    maybe_continue();
  });
  connect(console_, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) {
    if (state_ == State::Starting) {
      emit log_message("warn", "console", tr("UART console: %1").arg(console_->errorString()));
      maybe_continue();
    }
  });
}

VmSession::~VmSession() {
  control_->close();
  qmp_->close();
  console_->abort();
  delete launcher_;  // kills a QEMU still running and removes the runtime directory
  delete remote_;    // closes the SSH connection (a remote QEMU keeps running: power_off stops it)
}

QString VmSession::state_name(State s) {
  switch (s) {
    case State::Off: return tr("Off");
    case State::Starting: return tr("Starting");
    case State::Running: return tr("Running");
    case State::Paused: return tr("Paused");
    case State::Panicked: return tr("Guest panicked");
    case State::Stopping: return tr("Stopping");
  }
  return {};
}

qint64 VmSession::qemu_pid() const { return launcher_ && !remote_ ? launcher_->pid() : 0; }

qint64 VmSession::remote_pid() const { return remote_ ? remote_->pid() : 0; }

sis::host::VmRuntimeDir VmSession::sockets() const {
  return remote_ ? remote_->local_dir() : launcher_ ? launcher_->runtime_dir() : sis::host::VmRuntimeDir();
}

QString VmSession::runtime_dir() const { return remote_ || launcher_ ? sockets().path() : QString(); }

void VmSession::set_host(const QString& host) {
  if (host == host_) return;
  host_ = host;
  emit host_changed(host);
}

void VmSession::set_link(Link link, const QString& detail) {
  link_ = link;
  emit link_changed(link, detail);
}

bool VmSession::control_ready() const { return control_->is_ready(); }

bool VmSession::console_connected() const { return console_->state() == QLocalSocket::ConnectedState; }

void VmSession::set_state(State s, const QString& qmp_status) {
  if (!qmp_status.isEmpty()) qmp_status_ = qmp_status;
  if (s == state_ && qmp_status.isEmpty()) return;
  state_ = s;
  emit state_changed(s, qmp_status_);
}

bool VmSession::start(sis::host::VmConfig config, QString* error) {
  if (state_ != State::Off) {
    *error = tr("the VM is already running");
    return false;
  }
  delete launcher_;
  delete remote_;
  remote_ = nullptr;
  set_host({});
  set_link(Link::Local);
  launcher_ = new sis::host::VmLauncher(name_, this);
  connect(launcher_, &sis::host::VmLauncher::started, this, &VmSession::on_started);
  connect(launcher_, &sis::host::VmLauncher::start_failed, this,
          [this](const QString& why) { emit log_message("error", "qemu", tr("QEMU failed to start: %1").arg(why)); });
  connect(launcher_, &sis::host::VmLauncher::finished, this,
          [this](int, bool, const QString& description) { on_finished(description); });
  config.start_paused = true;  // cont once the console is attached: no boot output is lost
  config.pvpanic = true;
  if (!launcher_->start(config, error)) return false;
  config_ = launcher_->config();
  console_tried_ = continued_ = force_stopping_ = false;
  qmp_status_.clear();
  set_state(State::Starting, QStringLiteral("starting"));
  emit log_message("info", "qemu", tr("starting: %1").arg(launcher_->arguments().join(' ')));
  return true;
}

bool VmSession::start_remote(const RemoteHostSettings& host, sis::host::VmConfig config, const QString& default_disk,
                             bool trust_new_key, QString* error) {
  if (state_ != State::Off) {
    *error = tr("the VM is already running");
    return false;
  }
  if (const QString bad = host.validate(); !bad.isEmpty() || !host.enabled()) {
    *error = bad.isEmpty() ? tr("no remote host is set (Settings)") : bad;
    return false;
  }
  delete launcher_;
  launcher_ = nullptr;
  delete remote_;
  remote_ = new RemoteVmHost(this);
  connect(remote_, &RemoteVmHost::progress, this, [this](const QString& step) {
    emit log_message("info", "ssh", step);
    set_state(State::Starting, step);
  });
  connect(remote_, &RemoteVmHost::started, this, &VmSession::on_remote_started);
  connect(remote_, &RemoteVmHost::start_failed, this, [this](const QString& message, int failure) {
    emit log_message("error", "ssh", tr("cannot start the VM on %1: %2").arg(host_, message));
    set_state(State::Off, QStringLiteral("off"));
    set_link(Link::Local);
    emit remote_start_failed(message, failure);
  });
  connect(remote_, &RemoteVmHost::link_lost, this, &VmSession::on_link_lost);
  connect(remote_, &RemoteVmHost::reattached, this, &VmSession::on_reattached);
  connect(remote_, &RemoteVmHost::reconnect_failed, this, [this](const QString& message) {
    emit log_message("warn", "ssh", tr("reconnecting to %1 failed: %2").arg(host_, message));
    set_link(Link::Lost, message);
    schedule_reconnect();
  });
  connect(remote_, &RemoteVmHost::qemu_exited, this, [this](const QString& description) { on_finished(description); });
  config.start_paused = true;  // cont once the console is attached, as locally
  config.pvpanic = true;
  RemoteVmHost::StartRequest request;
  request.host = host;
  request.trust_new_key = trust_new_key;
  request.name = name_;
  request.config = config;
  request.default_disk = default_disk;
  config_ = config;
  console_tried_ = continued_ = force_stopping_ = false;
  qmp_status_.clear();
  set_host(host.target.trimmed());
  set_link(Link::Reconnecting, tr("connecting"));
  set_state(State::Starting, tr("connecting to %1").arg(host_));
  remote_->start(request);
  return true;
}

void VmSession::on_remote_started(qint64 pid, bool attached) {
  set_link(Link::Up);
  reconnect_delay_ms_ = 1000;
  emit log_message("info", "ssh",
                   attached ? tr("attached to the VM already running on %1 (pid %2 there); sockets forwarded to %3")
                                  .arg(host_).arg(pid).arg(runtime_dir())
                            : tr("QEMU is up on %1 (pid %2 there, runtime directory %3); sockets forwarded to %4")
                                  .arg(host_).arg(pid).arg(remote_->remote_runtime_dir(), runtime_dir()));
  qmp_->connect_to_server(sockets().qmp_socket());
  connect_console();
}

void VmSession::on_link_lost(const QString& reason) {
  if (!remote_ || state_ == State::Off) return;
  emit log_message("warn", "ssh", tr("%1 (the VM keeps running there; reconnecting)").arg(reason));
  set_link(Link::Lost, reason);
  reconnect_delay_ms_ = 1000;
  schedule_reconnect();
}

void VmSession::schedule_reconnect() {
  if (!remote_ || state_ == State::Off) return;
  reconnect_timer_->start(reconnect_delay_ms_);
  reconnect_delay_ms_ = std::min(reconnect_delay_ms_ * 2, 15000);
}

void VmSession::reconnect_now() {
  if (!remote_ || state_ == State::Off || link_ == Link::Up || remote_->busy()) return;
  reconnect_timer_->stop();
  set_link(Link::Reconnecting, tr("reconnecting"));
  emit log_message("info", "ssh", tr("reconnecting to %1").arg(host_));
  remote_->reconnect();
}

void VmSession::on_reattached() {
  set_link(Link::Up);
  reconnect_delay_ms_ = 1000;
  emit log_message("info", "ssh", tr("reconnected to %1: the VM (pid %2 there) kept running").arg(host_).arg(remote_pid()));
  // The same VM, new channels: QMP (its status), the control port (a fresh session, so
  // the dashboard subscribes again) and the console.
  qmp_->close();
  control_->close();
  qmp_->connect_to_server(sockets().qmp_socket());
  control_->connect_to_server(sockets().control_socket());
  console_->abort();
  console_->connectToServer(sockets().console_socket());
}

void VmSession::on_started() {
  emit log_message("info", "qemu", tr("QEMU is up (pid %1), runtime directory %2").arg(qemu_pid()).arg(runtime_dir()));
  qmp_->connect_to_server(launcher_->runtime_dir().qmp_socket());
  connect_console();
}

void VmSession::connect_console() {
  console_tried_ = true;
  console_->abort();
  console_->connectToServer(sockets().console_socket());
}

void VmSession::on_qmp_ready() {
  emit log_message("info", "qmp", tr("QMP ready (QEMU %1)").arg(qmp_->qemu_version()));
  if (continued_) refresh_status();  // QMP again after a reconnect: where the VM is now
  maybe_continue();
}

// Both the console (or its failure) and QMP must be there before the CPUs run.
void VmSession::maybe_continue() {
  if (continued_ || state_ != State::Starting || !qmp_->is_ready() || !console_tried_) return;
  if (console_->state() == QLocalSocket::ConnectingState) return;
  continued_ = true;
  qmp_->execute("cont", [this](const Reply& r) {
    if (!r.ok()) emit log_message("error", "qmp", tr("cont: %1").arg(r.error->to_string()));
    refresh_status();
  });
  control_->connect_to_server(sockets().control_socket());
}

void VmSession::refresh_status() {
  qmp_->execute("query-status", [this](const Reply& r) {
    if (!r.ok() || state_ == State::Off) return;
    const QString st = r.object().value("status").toString();
    if (st == "running")
      set_state(State::Running, st);
    else if (st == "guest-panicked")
      set_state(State::Panicked, st);
    else if (st == "shutdown")
      set_state(State::Stopping, st);
    else
      set_state(State::Paused, st);
  });
}

void VmSession::on_qmp_event(const QString& name, const QJsonObject& data) {
  emit qmp_event(name, data);
  QString detail;
  if (!data.isEmpty()) detail = " " + QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
  emit log_message(name == "GUEST_PANICKED" ? "error" : "info", "qmp", tr("event %1%2").arg(name, detail));
  if (name == "GUEST_PANICKED")
    set_state(State::Panicked, QStringLiteral("guest-panicked"));
  else if (name == "STOP" && state_ != State::Panicked)
    refresh_status();
  else if (name == "RESUME")
    set_state(State::Running, QStringLiteral("running"));
  else if (name == "SHUTDOWN")
    set_state(State::Stopping, QStringLiteral("shutdown"));
  else if (name == "RESET")
    refresh_status();
}

void VmSession::query_root_fs() {
  if (!control_->has_capability("sys")) return;
  control_->request("sys.info", {}, [this](const Reply& r) {
    if (!r.ok()) return;
    const RootFsStatus s = RootFsStatus::from_sys_info(r.object());
    if (s.in_memory()) emit log_message("warn", "kernel", s.text);  // the status bar shows it in red for good
    set_root_fs(s);
  });
}

void VmSession::set_root_fs(const RootFsStatus& s) {
  if (s.kind == root_fs_.kind && s.text == root_fs_.text) return;
  root_fs_ = s;
  emit root_fs_changed(s);
}

void VmSession::on_finished(const QString& description) {
  if (remote_ && state_ == State::Off) return;
  reconnect_timer_->stop();
  if (remote_) {
    remote_->close_and_clean();  // QEMU's runtime directory there, then the connection
    set_link(Link::Local);
  }
  control_->close();
  qmp_->close();
  console_->abort();
  emit control_ready_changed(false);
  set_root_fs({});
  set_state(State::Off, QStringLiteral("off"));
  emit log_message(force_stopping_ ? "warn" : "info", "qemu", description);
  emit finished(description);
}

void VmSession::pause() {
  qmp_->execute("stop", [this](const Reply& r) {
    if (!r.ok()) emit log_message("error", "qmp", tr("stop: %1").arg(r.error->to_string()));
  });
}

void VmSession::resume() {
  qmp_->execute("cont", [this](const Reply& r) {
    if (!r.ok()) emit log_message("error", "qmp", tr("cont: %1").arg(r.error->to_string()));
  });
}

void VmSession::reset() {
  const bool was_stopped = state_ == State::Panicked || state_ == State::Paused;
  qmp_->execute("system_reset", [this, was_stopped](const Reply& r) {
    if (!r.ok()) {
      emit log_message("error", "qmp", tr("system_reset: %1").arg(r.error->to_string()));
      return;
    }
    // A panicked (or paused) machine stays stopped after the reset: run the fresh boot.
    if (was_stopped) resume();
    refresh_status();
  });
}

void VmSession::power_off() {
  if (state_ == State::Off) return;
  auto quit = [this] {
    set_state(State::Stopping, QStringLiteral("quitting"));
    qmp_->execute("quit", [this](const Reply& r) {
      if (!r.ok() && r.error->cls != sis::host::error_class::kDisconnected)
        emit log_message("error", "qmp", tr("quit: %1").arg(r.error->to_string()));
    }, 3000);
    // QEMU that does not exit within 10 s is killed.
    QTimer::singleShot(10000, this, [this] {
      if ((launcher_ && launcher_->is_running()) || (remote_ && state_ != State::Off)) force_stop();
    });
  };
  if (control_->is_ready() && control_->has_capability("fs") && state_ == State::Running) {
    emit log_message("info", "control", tr("fs.sync before power off"));
    control_->request("fs.sync", {}, [quit](const Reply&) { quit(); }, 3000);
  } else {
    quit();
  }
}

void VmSession::force_stop() {
  if (remote_ && state_ != State::Off) {
    force_stopping_ = true;
    set_state(State::Stopping, QStringLiteral("killing"));
    remote_->signal_qemu(9);
    return;
  }
  if (!launcher_ || !launcher_->is_running()) return;
  force_stopping_ = true;
  set_state(State::Stopping, QStringLiteral("killing"));
  launcher_->kill();
}

sis::host::SnapshotVm VmSession::snapshot_vm() const {
  return sis::host::SnapshotVm{name_, QString::fromStdString(config_.disk), config_.memory_mib, config_.cpus,
                               QString::fromStdString(config_.kernel)};
}

QList<sis::host::SnapshotInfo> VmSession::snapshots() const { return sis::host::SnapshotStore(name_).list(); }

QString VmSession::snapshot_incompatibility(const sis::host::SnapshotInfo& info) const {
  if (state_ == State::Off) return tr("the VM is not running");
  if (remote_) return tr("snapshots of a VM on a remote host are taken with sisctl --host %1 vm snapshot").arg(host_);
  return sis::host::VmSnapshotter(qmp_, snapshot_vm()).incompatibility(info);
}

bool VmSession::delete_snapshot(const QString& name, QString* error) {
  if (!sis::host::SnapshotStore(name_).remove(name, error)) return false;
  emit log_message("info", "snapshot", tr("snapshot '%1' deleted").arg(name));
  emit snapshots_changed();
  return true;
}

void VmSession::save_snapshot(const QString& name, SnapshotDone done) {
  // The guest's uptime goes into the snapshot's record (shown in the list).
  if (control_->is_ready() && state_ == State::Running && control_->has_capability("sys")) {
    control_->request("sys.info", {}, [this, name, done](const Reply& r) {
      run_snapshot(true, name, r.ok() ? r.object().value("uptime_ns").toInteger(-1) : -1, done);
    }, 3000);
    return;
  }
  run_snapshot(true, name, -1, done);
}

void VmSession::load_snapshot(const QString& name, SnapshotDone done) { run_snapshot(false, name, -1, done); }

void VmSession::run_snapshot(bool save, const QString& name, qint64 uptime_ns, SnapshotDone done) {
  const QString op = save ? QStringLiteral("save") : QStringLiteral("load");
  auto report = [this, op, name, done](bool ok, const QString& error) {
    snapshot_busy_ = false;
    emit log_message(ok ? "info" : "error", "snapshot",
                     ok ? (op == "save" ? tr("snapshot '%1' saved").arg(name) : tr("snapshot '%1' restored").arg(name))
                        : tr("snapshot %1 '%2' failed: %3").arg(op, name, error));
    emit snapshot_finished(op, name, ok, error);
    if (ok && op == "save") emit snapshots_changed();
    if (done) done(ok, error);
  };
  if (state_ == State::Off || state_ == State::Starting || !qmp_->is_ready())
    return report(false, tr("the VM is not running"));
  if (remote_)
    return report(false, tr("snapshots of a VM on a remote host are taken with sisctl --host %1 vm snapshot").arg(host_));
  if (snapshot_busy_) return report(false, tr("another snapshot operation is running"));
  snapshot_busy_ = true;
  auto* job = new sis::host::VmSnapshotter(qmp_, snapshot_vm(), this);
  connect(job, &sis::host::VmSnapshotter::progress, this, &VmSession::snapshot_progress);
  emit log_message("info", "snapshot", save ? tr("saving snapshot '%1'").arg(name) : tr("restoring snapshot '%1'").arg(name));
  auto finish = [this, job, save, report](bool ok, const QString& error) {
    job->deleteLater();
    if (ok && !save && launcher_ && launcher_->is_running()) {
      // The restored kernel's control server is in the state of the snapshot: a new session
      // (close, connect) brings it and us back in step, with a fresh greeting.
      const bool was_ready = control_->is_ready();
      control_->close();
      if (was_ready) emit control_ready_changed(false);
      control_->connect_to_server(launcher_->runtime_dir().control_socket());
    }
    if (!save) refresh_status();
    report(ok, error);
  };
  if (save)
    job->save(name, uptime_ns, finish);
  else
    job->load(name, finish);
}

void VmSession::send_console(const QByteArray& bytes) {
  if (console_->state() == QLocalSocket::ConnectedState) console_->write(bytes);
}

}  // namespace sis::desktop
