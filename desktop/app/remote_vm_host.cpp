#include "remote_vm_host.h"

#include <QMetaObject>
#include <QTemporaryDir>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "remote/remote_vm.h"

namespace sis::desktop {

using sis::remote::ConnectFailure;
using sis::remote::RemoteVm;

// Everything below runs on the worker thread, except post() and the destructor's stop.
struct RemoteVmHost::Worker {
  static constexpr auto kLivenessPeriod = std::chrono::seconds(2);

  std::mutex m;
  std::condition_variable cv;
  std::deque<std::function<void()>> jobs;
  bool stopping = false;
  int running_jobs = 0;
  std::thread thread;

  // Worker-thread state.
  std::unique_ptr<RemoteVm> rv;
  sis::remote::SshOptions options;
  QString name;
  std::unique_ptr<QTemporaryDir> mirror;  // the local end of the forwarded sockets
  sis::host::VmRecord record;
  bool watching = false;   // a VM is ours: check that it still runs
  bool exited = false;     // qemu_exited was reported

  void run() {
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
      if (!cv.wait_for(lock, kLivenessPeriod, [this] { return stopping || !jobs.empty(); })) {
        lock.unlock();
        if (liveness) liveness();
        lock.lock();
        continue;
      }
      if (stopping) break;
      auto job = std::move(jobs.front());
      jobs.pop_front();
      ++running_jobs;
      lock.unlock();
      job();
      lock.lock();
      --running_jobs;
    }
    lock.unlock();
    rv.reset();  // closes the forwarded sockets
    mirror.reset();
  }
  std::function<void()> liveness;
};

RemoteVmHost::RemoteVmHost(QObject* parent) : QObject(parent), worker_(std::make_shared<Worker>()) {
  Worker* w = worker_.get();
  w->liveness = [this, w] {
    if (!w->watching || w->exited || !w->rv || !w->rv->link().alive()) return;
    QString error;
    if (w->rv->alive(w->record, &error) || !error.isEmpty()) return;  // running, or the link is failing
    w->exited = true;
    const QByteArray log = w->rv->tail(w->rv->remote_dir(w->name).qemu_log(), 600).trimmed();
    const QString why = tr("QEMU on %1 exited").arg(w->rv->host()) +
                        (log.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromLocal8Bit(log));
    deliver([this, why] { emit qemu_exited(why); });
  };
  w->thread = std::thread([w] { w->run(); });
}

RemoteVmHost::~RemoteVmHost() {
  {
    std::lock_guard<std::mutex> g(worker_->m);
    worker_->stopping = true;
    worker_->jobs.clear();
  }
  worker_->cv.notify_all();
  worker_->thread.join();  // every step has a deadline (the SSH timeout)
}

bool RemoteVmHost::busy() const {
  std::lock_guard<std::mutex> g(worker_->m);
  return worker_->running_jobs > 0 || !worker_->jobs.empty();
}

void RemoteVmHost::post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> g(worker_->m);
    worker_->jobs.push_back(std::move(job));
  }
  worker_->cv.notify_all();
}

void RemoteVmHost::deliver(std::function<void()> on_gui_thread) {
  // Posted to this object: dropped if it is destroyed first (the destructor joins the worker).
  QMetaObject::invokeMethod(this, std::move(on_gui_thread), Qt::QueuedConnection);
}

void RemoteVmHost::start(const StartRequest& request) {
  host_ = request.host.target.trimmed();
  Worker* w = worker_.get();
  post([this, w, request] {
    w->rv.reset();
    w->watching = w->exited = false;
    w->name = request.name;
    w->options = request.host.ssh_options(request.trust_new_key);
    auto fail = [this](const QString& message, ConnectFailure failure = ConnectFailure::Other) {
      deliver([this, message, failure] { emit start_failed(message, static_cast<int>(failure)); });
    };
    auto step = [this](const QString& text) { deliver([this, text] { emit progress(text); }); };
    step(tr("connecting to %1 over SSH").arg(host_));
    QString error;
    ConnectFailure failure = ConnectFailure::None;
    auto rv = RemoteVm::connect(w->options, &error, &failure);
    if (!rv) return fail(error, failure);
    // Once trusted, the key is in known_hosts: reconnecting checks it strictly.
    w->options.policy = sis::remote::HostKeyPolicy::Strict;
    w->mirror = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/sis-remote-XXXXXX"));
    if (!w->mirror->isValid()) return fail(tr("cannot create a local directory for the forwarded sockets"));
    const sis::host::VmRuntimeDir local(request.name, w->mirror->path());
    bool attached = false;
    QString ignored;
    if (auto old = rv->record(request.name, &ignored); old && rv->alive(*old, &ignored)) {
      attached = true;  // the app's VM is still running there (the app was closed without it): take it over
      step(tr("attaching to the VM already running on %1 (pid %2)").arg(host_).arg(old->pid));
    } else {
      sis::host::VmConfig config = request.config;
      step(tr("copying the kernel to %1 (once per kernel build)").arg(host_));
      QString remote_kernel;
      if (!rv->ensure_kernel(QString::fromStdString(config.kernel), false, &remote_kernel, &error))
        return fail(tr("copying the kernel image to %1: %2").arg(host_, error));
      config.kernel = remote_kernel.toStdString();
      if (config.disk.empty() && !request.default_disk.isEmpty()) {
        step(tr("copying the default disk to %1 (first use only)").arg(host_));
        QString remote_disk;
        if (!rv->ensure_disk_copy(request.default_disk, request.name, &remote_disk, &error))
          return fail(tr("copying the default disk to %1: %2").arg(host_, error));
        config.disk = remote_disk.toStdString();
      }
      step(tr("starting QEMU on %1").arg(host_));
      sis::host::VmRecord rec;
      if (!rv->start(request.name, config, &rec, &error)) return fail(error);
    }
    sis::host::VmRecord rec;
    if (!rv->attach(request.name, local, &rec, &error)) {
      const QByteArray log = rv->tail(rv->remote_dir(request.name).qemu_log(), 600).trimmed();
      if (!attached) {
        QString ignored2;
        rv->remove_dir(request.name, &ignored2);
      }
      return fail(log.isEmpty() ? error : error + QStringLiteral("\n") + QString::fromLocal8Bit(log));
    }
    rv->link().set_lost_handler([this](const std::string& why) {
      const QString reason = QString::fromStdString(why);
      deliver([this, reason] {
        link_up_ = false;
        emit link_lost(reason);
      });
    });
    w->record = rec;
    w->watching = true;
    const QString remote_dir = rv->remote_dir(request.name).path();
    w->rv = std::move(rv);
    deliver([this, rec, local, attached, remote_dir] {
      pid_ = rec.pid;
      local_dir_ = local;
      remote_dir_ = remote_dir;
      link_up_ = true;
      emit started(rec.pid, attached);
    });
  });
}

void RemoteVmHost::reconnect() {
  Worker* w = worker_.get();
  post([this, w] {
    if (w->exited) return;
    // The old link goes first: its socket files are the ones the new link listens on.
    w->rv.reset();
    QString error;
    auto rv = RemoteVm::connect(w->options, &error);
    if (!rv) {
      deliver([this, error] { emit reconnect_failed(error); });
      return;
    }
    sis::host::VmRecord rec;
    const sis::host::VmRuntimeDir local(w->name, w->mirror->path());
    const bool same_vm = rv->attach(w->name, local, &rec, &error) && rec.pid == w->record.pid &&
                         rec.start_ticks == w->record.start_ticks;
    if (!same_vm) {
      // The VM is gone (or another one took its name): it ended while we were away.
      w->exited = true;
      const QString why = error.isEmpty() ? tr("the VM on %1 is no longer the one the app started").arg(rv->host()) : error;
      w->rv = std::move(rv);
      deliver([this, why] { emit qemu_exited(why); });
      return;
    }
    rv->link().set_lost_handler([this](const std::string& why) {
      const QString reason = QString::fromStdString(why);
      deliver([this, reason] {
        link_up_ = false;
        emit link_lost(reason);
      });
    });
    w->rv = std::move(rv);
    deliver([this] {
      link_up_ = true;
      emit reattached();
    });
  });
}

void RemoteVmHost::check_now() {
  Worker* w = worker_.get();
  post([w] {
    if (w->liveness) w->liveness();
  });
}

void RemoteVmHost::signal_qemu(int signo) {
  Worker* w = worker_.get();
  post([w, signo] {
    if (w->rv && w->record.pid > 0) w->rv->signal(w->record.pid, signo);
    if (w->liveness) w->liveness();
  });
}

void RemoteVmHost::close_and_clean() {
  Worker* w = worker_.get();
  post([w] {
    w->watching = false;
    if (w->rv && w->rv->link().alive()) {
      QString ignored;
      w->rv->remove_dir(w->name, &ignored);
    }
    w->rv.reset();
    w->mirror.reset();
  });
  link_up_ = false;
  pid_ = 0;
}

}  // namespace sis::desktop
