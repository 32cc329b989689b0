#include "crash_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app_settings.h"
#include "client/control_client.h"
#include "crash_predictor_view.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

namespace {
QString resolved_disk_path() {
  QString error;
  return AppSettings::load().resolved_disk(&error);
}
}  // namespace

using sis::host::Reply;

CrashPanel::CrashPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), ping_timer_(new QTimer(this)) {
  setObjectName("crash_lab");
  auto* v = new QVBoxLayout(this);
  auto* box = new QGroupBox(this);
  auto* row = new QHBoxLayout(box);
  auto add_button = [&](const QString& kind) {
    auto* b = new QPushButton(box);
    b->setObjectName("crash_" + kind);
    connect(b, &QPushButton::clicked, this, [this, kind] { inject(kind); });
    row->addWidget(b);
    inject_buttons_.append(b);
    return b;
  };
  QPushButton* panic = add_button("panic");
  QPushButton* hang = add_button("hang");
  QPushButton* oom = add_button("oom");
  write_crash_ = add_button("write-crash");
  row->addStretch();
  auto_reboot_ = new QCheckBox(box);
  auto_reboot_->setChecked(QSettings().value("crash/auto_reboot", true).toBool());
  connect(auto_reboot_, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue("crash/auto_reboot", on); });
  row->addWidget(auto_reboot_);
  check_ = new QPushButton(box);
  check_->setObjectName("crash_check");
  connect(check_, &QPushButton::clicked, this, &CrashPanel::check_image);
  row->addWidget(check_);
  v->addWidget(box);

  // Repeat a demo: snapshot the VM, crash it, restore the snapshot, crash again.
  auto* snap_box = new QGroupBox(this);
  auto* snap_row = new QHBoxLayout(snap_box);
  snapshot_kind_ = new QComboBox(snap_box);
  snapshot_kind_->setObjectName("crash_snapshot_kind");
  for (const char* kind : {"panic", "hang", "oom", "write-crash"}) snapshot_kind_->addItem(QString(), kind);
  snapshot_crash_ = new QPushButton(snap_box);
  snapshot_crash_->setObjectName("crash_snapshot_then_crash");
  connect(snapshot_crash_, &QPushButton::clicked, this,
          [this] { snapshot_then_crash(snapshot_kind_->currentData().toString()); });
  restore_ = new QPushButton(snap_box);
  restore_->setObjectName("crash_restore");
  connect(restore_, &QPushButton::clicked, this, &CrashPanel::restore);
  auto* kind_label = new QLabel(snap_box);
  kind_label->setBuddy(snapshot_kind_);
  snap_row->addWidget(kind_label);
  snap_row->addWidget(snapshot_kind_);
  snap_row->addWidget(snapshot_crash_);
  snap_row->addWidget(restore_);
  snap_row->addStretch();
  v->addWidget(snap_box);
  connect(session_, &VmSession::snapshots_changed, this, &CrashPanel::update_buttons);
  connect(session_, &VmSession::snapshot_finished, this, &CrashPanel::update_buttons);

  auto* predictor_box = new QGroupBox(this);
  auto* predictor_layout = new QVBoxLayout(predictor_box);
  predictor_ = new CrashPredictorView(session_, predictor_box);
  predictor_layout->addWidget(predictor_);

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(predictor_box);
  log_ = new QTreeWidget(split);
  log_->setObjectName("crash_timeline");
  log_->setRootIsDecorated(false);
  log_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  log_->setColumnWidth(0, 80);
  report_ = new QPlainTextEdit(split);
  report_->setReadOnly(true);
  report_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  split->addWidget(log_);
  split->addWidget(report_);
  v->addWidget(split, 1);
  keep_translated(this, [=, this] {
    box->setTitle(tr("Crash the kernel on purpose (crash.inject)"));
    const QString kinds[] = {tr("Panic"), tr("Hang"), tr("Out of memory"), tr("Crash during write")};
    panic->setText(kinds[0]);
    panic->setToolTip(tr("panic(\"crash.inject\"): report, panic event, pvpanic"));
    hang->setText(kinds[1]);
    hang->setToolTip(tr("interrupts masked, spins forever: no pvpanic, requests time out"));
    oom->setText(kinds[2]);
    oom->setToolTip(tr("allocates kernel memory until it fails, then panics"));
    write_crash_->setText(kinds[3]);
    auto_reboot_->setText(tr("Reboot automatically"));
    check_->setText(tr("Check disk image (e2fsck -fn)"));
    check_->setToolTip(tr("Runs e2fsck -fn on the disk image; the VM must be off"));
    snap_box->setTitle(tr("Repeat a demo from the same state (snapshots)"));
    predictor_box->setTitle(tr("Crash predictor (ai.status)"));
    snapshot_kind_->setAccessibleName(tr("Crash to inject after the snapshot"));
    for (int i = 0; i < 4; ++i) snapshot_kind_->setItemText(i, kinds[i]);
    snapshot_crash_->setText(tr("Snapshot, then crash"));
    snapshot_crash_->setToolTip(tr("Saves the running VM (RAM, devices and disk) as snapshot \"%1\", then injects the "
                                   "chosen crash")
                                    .arg(lab_snapshot()));
    restore_->setText(tr("Restore"));
    restore_->setToolTip(tr("Loads snapshot \"%1\": the VM is back where it was before the crash, in seconds")
                             .arg(lab_snapshot()));
    kind_label->setText(tr("C&rash:"));
    log_->setHeaderLabels({tr("Time"), tr("What happened"), tr("Detail")});
    log_->setAccessibleName(tr("Crash timeline"));
    report_->setPlaceholderText(tr("The kernel's panic report, the journal replay report and the file system check "
                                   "appear here."));
    report_->setAccessibleName(tr("Reports"));
    update_buttons();  // the write-crash tooltip
  });

  ping_timer_->setInterval(1000);
  connect(ping_timer_, &QTimer::timeout, this, &CrashPanel::ping);
  connect(session_, &VmSession::qmp_event, this, [this](const QString& n, const QJsonObject&) { on_qmp_event(n); });
  connect(session_, &VmSession::control_ready_changed, this, &CrashPanel::on_control_ready);
  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Off && !kind_.isEmpty()) {
      add(tr("QEMU exited"), QString(), "#777");
      kind_.clear();
      ping_timer_->stop();
    }
    update_buttons();
  });
  connect(session_, &VmSession::kernel_event, this, [this](const QString& n, const QJsonObject& d, qint64) {
    if (n != "panic") return;
    add(tr("kernel panic event"), d.value("message").toString(), "#c62828");
    report_->setPlainText(d.value("report").toString());
  });
  update_buttons();
}

void CrashPanel::set_auto_reboot(bool on) { auto_reboot_->setChecked(on); }

QStringList CrashPanel::timeline() const {
  QStringList out;
  for (int i = 0; i < log_->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* it = log_->topLevelItem(i);
    out << it->text(1) + (it->text(2).isEmpty() ? QString() : ": " + it->text(2));
  }
  return out;
}

void CrashPanel::add(const QString& what, const QString& detail, const QString& colour) {
  const QString t = clock_.isValid() ? QStringLiteral("+%1 s").arg(clock_.elapsed() / 1000.0, 0, 'f', 2) : QString();
  auto* it = new QTreeWidgetItem(log_, {t, what, detail.left(300)});
  it->setToolTip(2, detail);
  if (!colour.isEmpty()) it->setForeground(1, QColor(colour));
  log_->scrollToItem(it);
  emit step(what);
}

void CrashPanel::update_buttons() {
  const bool ready = session_->control_ready() && session_->control()->has_capability("crash") &&
                     session_->state() == VmSession::State::Running && kind_.isEmpty();
  for (QPushButton* b : inject_buttons_) b->setEnabled(ready);
  const bool fs = session_->control_ready() && session_->control()->has_capability("fs");
  write_crash_->setEnabled(ready && fs);
  write_crash_->setToolTip(fs ? tr("writes 64 KiB to /crash-test.bin and panics after the journal commit, before checkpoint: the next mount "
                                   "replays the journal. Your own content and the other crash points: Files, \"Write and crash...\"")
                              : tr("needs the kernel's ext4 file system (capability \"fs\"): not available in this kernel"));
  check_->setEnabled(!session_->is_running() && !resolved_disk_path().isEmpty() && !fsck_);
  snapshot_crash_->setEnabled(ready && !session_->snapshot_busy());
  const bool live = session_->is_running() && session_->state() != VmSession::State::Starting &&
                    session_->state() != VmSession::State::Stopping;
  restore_->setEnabled(live && !session_->snapshot_busy() && !restoring_ && has_lab_snapshot());
}

bool CrashPanel::has_lab_snapshot() const {
  for (const auto& info : session_->snapshots())
    if (info.name == lab_snapshot()) return true;
  return false;
}

void CrashPanel::snapshot_then_crash(const QString& kind) {
  if (!snapshot_crash_->isEnabled()) return;
  log_->clear();
  report_->clear();
  clock_.start();
  if (has_lab_snapshot()) {
    QString error;
    if (!session_->delete_snapshot(lab_snapshot(), &error)) {
      add(tr("cannot replace snapshot \"%1\"").arg(lab_snapshot()), error, "#c62828");
      return;
    }
  }
  add(tr("saving snapshot \"%1\"").arg(lab_snapshot()), tr("RAM, devices and disk of the running VM"));
  snapshot_crash_->setEnabled(false);
  QPointer<CrashPanel> self(this);
  session_->save_snapshot(lab_snapshot(), [self, kind](bool ok, const QString& error) {
    if (!self) return;
    if (!ok) {
      self->add(tr("snapshot failed"), error, "#c62828");
      self->update_buttons();
      return;
    }
    self->add(tr("snapshot \"%1\" saved").arg(lab_snapshot()), tr("\"Restore\" brings the VM back here"), "#2e7d32");
    self->inject(kind, false);
  });
}

void CrashPanel::restore() {
  if (!restore_->isEnabled()) return;
  if (!clock_.isValid()) clock_.start();
  // Whatever crash was in progress ends here: the restored VM never had it.
  kind_.clear();
  rebooting_ = false;
  ping_timer_->stop();
  restoring_ = true;
  update_buttons();
  add(tr("restoring snapshot \"%1\"").arg(lab_snapshot()));
  QPointer<CrashPanel> self(this);
  session_->load_snapshot(lab_snapshot(), [self](bool ok, const QString& error) {
    if (!self) return;
    if (!ok) {
      self->restoring_ = false;
      self->add(tr("restore failed"), error, "#c62828");
      self->update_buttons();
      return;
    }
    self->add(tr("snapshot restored: the VM runs from before the crash"));
    if (self->session_->control_ready()) self->on_control_ready(true);
  });
}

void CrashPanel::inject(const QString& kind, bool fresh_timeline) {
  auto* c = session_->control();
  if (!c->is_ready()) {
    add(tr("cannot inject %1").arg(kind), tr("the control port is not ready"), "#c62828");
    return;
  }
  if (!c->has_capability("crash")) {
    add(tr("cannot inject %1").arg(kind), tr("crash.inject: not available in this kernel"), "#c62828");
    return;
  }
  if (fresh_timeline) {
    log_->clear();
    report_->clear();
    clock_.start();
  }
  kind_ = kind;
  missed_pings_ = 0;
  update_buttons();
  add(tr("crash.inject %1 sent").arg(kind));
  c->request("crash.inject", {{"kind", kind}}, [this, kind](const Reply& r) {
    if (!r.ok()) {
      add(tr("crash.inject %1 refused").arg(kind), describe_error(r.error->cls, r.error->message), "#c62828");
      kind_.clear();
      update_buttons();
      return;
    }
    add(tr("kernel acknowledged: crashing now"));
    if (kind == "hang") ping_timer_->start();
  }, 5000);
}

void CrashPanel::ping() {
  if (ping_in_flight_ || !session_->control_ready()) return;
  ping_in_flight_ = true;
  session_->control()->request("sys.ping", {}, [this](const Reply& r) {
    ping_in_flight_ = false;
    if (r.ok() || kind_ != "hang") return;
    if (++missed_pings_ == 1) {
      add(tr("kernel stopped answering"), tr("sys.ping: %1 (a hang raises no pvpanic)").arg(r.error->to_string()), "#c62828");
      ping_timer_->stop();
      if (auto_reboot_->isChecked()) {
        add(tr("rebooting (QMP system_reset)"));
        rebooting_ = true;
        session_->reset();
      }
    }
  }, 1500);
}

void CrashPanel::on_qmp_event(const QString& name) {
  if (kind_.isEmpty()) return;
  if (name == "GUEST_PANICKED") {
    add(tr("QEMU: GUEST_PANICKED (pvpanic)"), tr("the VM is paused in state guest-panicked"), "#c62828");
    if (auto_reboot_->isChecked()) {
      add(tr("rebooting (QMP system_reset)"));
      rebooting_ = true;
      QTimer::singleShot(300, session_, &VmSession::reset);
    } else {
      add(tr("waiting for you: press Reset to reboot"));
    }
  } else if (name == "RESET") {
    add(tr("QEMU: RESET"), tr("the kernel boots again"));
    rebooting_ = true;
  }
}

void CrashPanel::on_control_ready(bool ready) {
  if (ready && restoring_) {
    // The restored kernel greets a new control session: its uptime continues from the snapshot.
    restoring_ = false;
    QPointer<CrashPanel> self(this);
    session_->control()->request("sys.info", {}, [self](const Reply& r) {
      if (!self) return;
      const double up = r.ok() ? r.object().value("uptime_ns").toDouble() / 1e9 : -1;
      self->add(tr("kernel back on the control port (restored)"),
                up >= 0 ? tr("uptime %1 s, as at the snapshot").arg(up, 0, 'f', 1) : QString(), "#2e7d32");
    }, 5000);
  }
  update_buttons();
  if (!ready || !rebooting_ || kind_.isEmpty()) return;
  rebooting_ = false;
  add(tr("kernel back on the control port"), tr("%1 %2").arg(session_->control()->kernel_version(),
                                                              session_->control()->capabilities().join(", ")), "#2e7d32");
  after_reboot();
}

// What the kernel says about its file system after the reboot: the journal replay and its check.
void CrashPanel::after_reboot() {
  const QString kind = kind_;
  kind_.clear();
  update_buttons();
  auto* c = session_->control();
  if (kind != "write-crash") return;
  if (!c->has_capability("shell")) {
    add(tr("no shell.exec: cannot ask the kernel about its journal"));
    return;
  }
  // The kernel reports what its mount replayed in `fsinfo` ("journal: N transactions / M
  // blocks replayed"); the timeline shows that line, the report the whole answer.
  for (const QString& cmd : {QStringLiteral("fsinfo")}) {
    c->request("shell.exec", {{"command", cmd}}, [this, cmd](const Reply& r) {
      if (!r.ok()) {
        add(tr("%1: %2").arg(cmd, describe_error(r.error->cls, r.error->message)));
        return;
      }
      const int status = r.object().value("status").toInt();
      const QString out = r.object().value("output").toString();
      if (status == 127) {
        add(tr("`%1`: not available in this kernel").arg(cmd));
        return;
      }
      QString detail = out.section('\n', 0, 0);
      for (const QString& line : out.split('\n'))
        if (line.contains("replayed")) detail = line;
      add(tr("`%1` (status %2)").arg(cmd).arg(status), detail, status == 0 ? "#2e7d32" : "#c62828");
      report_->appendPlainText(QStringLiteral("$ %1\n%2").arg(cmd, out));
    }, 30000);
  }
  add(tr("for the host's check: power off, then \"Check disk image\" runs e2fsck -fn"));
}

void CrashPanel::check_image() {
  QString disk_error;
  const QString disk = AppSettings::load().resolved_disk(&disk_error);
  if (session_->is_running() || disk.isEmpty() || fsck_) return;
  QString e2fsck = QStandardPaths::findExecutable("e2fsck");
  if (e2fsck.isEmpty()) e2fsck = QStandardPaths::findExecutable("e2fsck", {"/usr/sbin", "/sbin"});
  if (e2fsck.isEmpty()) {
    add(tr("e2fsck not found"), tr("install e2fsprogs"), "#c62828");
    return;
  }
  if (!clock_.isValid()) clock_.start();
  add(tr("e2fsck -fn %1").arg(disk));
  fsck_ = new QProcess(this);
  fsck_->setProcessChannelMode(QProcess::MergedChannels);
  connect(fsck_, &QProcess::finished, this, [this, disk](int code, QProcess::ExitStatus st) {
    const QString out = QString::fromLocal8Bit(fsck_->readAll());
    fsck_->deleteLater();
    fsck_ = nullptr;
    report_->appendPlainText(QStringLiteral("$ e2fsck -fn %1\n%2(exit status %3)\n").arg(disk, out).arg(code));
    if (st == QProcess::NormalExit && code == 0) {
      check_result_ = "clean";
      add(tr("check: clean"), out.trimmed().section('\n', -1), "#2e7d32");
    } else {
      check_result_ = QStringLiteral("problems (exit %1)").arg(code);
      add(tr("check: problems found (exit status %1)").arg(code), out.trimmed().section('\n', -1), "#c62828");
    }
    update_buttons();
  });
  fsck_->start(e2fsck, {"-fn", disk});
  update_buttons();
}

}  // namespace sis::desktop
