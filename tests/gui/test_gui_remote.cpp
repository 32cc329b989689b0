// The desktop on a remote host (docs/remote.md, "The desktop"), against a REAL OpenSSH
// server on a loopback port (tests/remote/sshd.sh: own host key, authorized_keys, config,
// and the "remote" side's SIS_RUNTIME_DIR of its own) and real QEMU (TCG):
//  - a CHANGED host key is refused with a clear error, never offered for trust, and
//    known_hosts is left as it was;
//  - an unknown host key is shown (SHA256 fingerprint) and asked about; "Trust this host"
//    starts the VM there from the welcome page: the kernel and the default disk are copied
//    over SFTP, QEMU starts there, the dashboard fills, and the window title and status bar
//    name the host;
//  - the SSH connection killed (every sshd session): the status bar says so, the app
//    reconnects by itself, and it is the same VM (same QEMU pid, uptime went on, samples again);
//  - Power off stops QEMU there and removes its runtime directory; the welcome page returns.
// SIS_SCREENSHOT_DIR=dir saves remote-dashboard.png and remote-link-lost.png.
#include <signal.h>

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTime>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

#include "app_settings.h"
#include "client/control_client.h"
#include "dashboard_panel.h"
#include "main_window.h"
#include "remote_host_settings.h"
#include "ssh_server.h"
#include "welcome_page.h"

using namespace sis::desktop;
using sis::remote::test::SshServer;

namespace {

// Answers the next message box (modal: it runs its own event loop, so the answer comes from
// a timer inside that loop). `seen` is set once the box was handled.
void answer_next_box(QObject* context, bool* seen, std::function<void(QMessageBox*)> answer) {
  auto* timer = new QTimer(context);
  timer->setInterval(50);
  QObject::connect(timer, &QTimer::timeout, context, [timer, seen, answer] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box) return;
    timer->stop();
    timer->deleteLater();
    answer(box);
    *seen = true;
  });
  timer->start();
}

QString box_text(QMessageBox* box) { return box->text() + "\n" + box->informativeText(); }

QByteArray read_file(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool pid_alive(qint64 pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

}  // namespace

class GuiRemote : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;
  std::unique_ptr<SshServer> server_;
  QString remote_base_;
  QString known_hosts_;
  QString host_;
  std::unique_ptr<MainWindow> window_;
  qint64 remote_pid_ = 0;

  sis::host::Reply control_request(const QString& method) {
    std::optional<sis::host::Reply> r;
    window_->session()->control()->request(method, {}, [&](const sis::host::Reply& x) { r = x; }, 20000);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 21000); }();
    return r.value_or(sis::host::Reply::failure("Test", "no reply"));
  }

  void shot(const QString& name) {
    const QString dir = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    window_->dashboard()->redraw();
    QVERIFY(QDir().mkpath(dir) && window_->grab().save(QDir(dir).filePath(name)));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (remote test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    // The "default disk" the app copies there on first use: a fresh 16 MiB ext4 image (the
    // build's 64 MiB one would spend the test's time in SFTP).
    const QString disk = tmp_.filePath("default-disk.img");
    QProcess mkfs;
    mkfs.start("mkfs.ext4", {"-q", "-F", "-b", "4096", "-L", "sis", disk, "16M"});
    QVERIFY2(mkfs.waitForFinished(30000) && mkfs.exitStatus() == QProcess::NormalExit && mkfs.exitCode() == 0,
             qPrintable("mkfs.ext4 (e2fsprogs) failed: " + mkfs.readAllStandardError()));
    qputenv("SIS_DISK_IMAGE", disk.toLocal8Bit());
    QCOMPARE(AppSettings::default_disk_image(), disk);
    remote_base_ = tmp_.filePath("remote-run");
    server_ = std::make_unique<SshServer>("SIS_RUNTIME_DIR=" + remote_base_.toStdString());
    QVERIFY2(server_->ok(), "sshd (openssh-server) did not start");
    host_ = QStringLiteral("127.0.0.1:%1").arg(server_->port());
    known_hosts_ = tmp_.filePath("known_hosts");

    AppSettings s;
    s.kernel = kernel;
    s.remote_host = host_;
    s.run_on_remote_host = true;
    s.save();
    RemoteHostSettings r;
    r.target = host_;
    r.identity = QString::fromStdString(server_->dir() + "/id_client");
    r.known_hosts = known_hosts_;
    r.save_as_app_setting();

    window_ = std::make_unique<MainWindow>();
    // The app's log, in the test's output: what happened when a check fails.
    connect(window_->session(), &VmSession::log_message, this, [](const QString& level, const QString& source, const QString& text) {
      qInfo("app log %s [%s] %s: %s", qPrintable(QTime::currentTime().toString("HH:mm:ss.zzz")), qPrintable(level),
            qPrintable(source), qPrintable(text.left(300)));
    });
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  }

  void cleanupTestCase() {
    window_.reset();
    if (pid_alive(remote_pid_)) ::kill(static_cast<pid_t>(remote_pid_), SIGKILL);  // never leave QEMU behind
    server_.reset();
    QSettings().clear();
  }

  void welcome_page_offers_the_remote_host() {
    QVERIFY(window_->welcome_shown());
    auto* combo = window_->welcome()->findChild<QComboBox*>("welcome_host_choice");
    QVERIFY(combo && combo->isVisible());
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(1), host_ + " (over SSH)");
    QCOMPARE(combo->currentIndex(), 1);
    QCOMPARE(window_->host_label()->text(), QStringLiteral("Host: this computer"));
  }

  void changed_host_key_is_refused_and_never_offered_for_trust() {
    // known_hosts holds ANOTHER key for this host: as if someone were in the middle.
    const QString other = tmp_.filePath("other_key");
    QVERIFY(QProcess::execute("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", other}) == 0);
    const QByteArray line = "[127.0.0.1]:" + QByteArray::number(server_->port()) + " " +
                            read_file(other + ".pub").split(' ').mid(0, 2).join(' ') + "\n";
    QFile kh(known_hosts_);
    QVERIFY(kh.open(QIODevice::WriteOnly) && kh.write(line) == line.size());
    kh.close();

    bool seen = false;
    QString title, text;
    int buttons = 0;
    answer_next_box(this, &seen, [&](QMessageBox* box) {
      title = box->windowTitle();
      text = box_text(box);
      buttons = box->buttons().size();
      box->button(QMessageBox::Ok)->click();
    });
    window_->welcome()->default_disk_button()->click();
    QTRY_VERIFY_WITH_TIMEOUT(seen, 30000);
    QCOMPARE(title, QStringLiteral("Host key changed"));
    QVERIFY2(text.contains("CHANGED") && text.contains("SHA256:") && text.contains("ssh-keygen -R"), qPrintable(text));
    QCOMPARE(buttons, 1);  // OK only: no way to trust it
    QTRY_COMPARE(window_->session()->state(), VmSession::State::Off);
    QCOMPARE(read_file(known_hosts_), line);  // untouched
    QVERIFY(window_->welcome_shown());
    QVERIFY(!QFileInfo::exists(remote_base_ + "/vm-control-center/vm.json"));  // nothing started there
    QFile::remove(known_hosts_);
  }

  void unknown_host_key_is_asked_then_the_vm_starts_there_and_the_dashboard_fills() {
    bool seen = false;
    QString text;
    answer_next_box(this, &seen, [&](QMessageBox* box) {
      text = box_text(box);
      for (QAbstractButton* b : box->buttons())
        if (b->text() == "Trust this host") b->click();
    });
    window_->welcome()->default_disk_button()->click();
    QTRY_VERIFY_WITH_TIMEOUT(seen, 30000);
    QVERIFY2(text.contains("never connected") && text.contains("SHA256:"), qPrintable(text));
    // The key is in known_hosts now, and the VM comes up over SSH.
    QTRY_VERIFY_WITH_TIMEOUT(window_->session()->control_ready(), 60000);
    QVERIFY(read_file(known_hosts_).contains("ssh-ed25519"));
    VmSession* s = window_->session();
    QVERIFY(s->is_remote());
    QCOMPARE(s->host(), host_);
    QCOMPARE(s->qemu_pid(), 0);  // nothing runs here...
    remote_pid_ = s->remote_pid();
    QVERIFY(remote_pid_ > 0);
    // ...it runs "there": the remote runtime directory holds its record, kernel and disk copies.
    const QByteArray record = read_file(remote_base_ + "/vm-control-center/vm.json");
    QVERIFY2(record.contains("\"pid\": " + QByteArray::number(remote_pid_)) ||
                 record.contains("\"pid\":" + QByteArray::number(remote_pid_)),
             record.constData());
    QVERIFY(!QDir(remote_base_ + "/images").entryList({"kernel-*.Image"}).isEmpty());
    QVERIFY(QFileInfo(remote_base_ + "/disks/control-center.img").size() == QFileInfo(AppSettings::default_disk_image()).size());
    // The sockets the app uses are the forwarded ones, in a private local directory.
    QVERIFY(s->runtime_dir().startsWith("/tmp/sis-remote-"));

    // Title and status bar name the host.
    QCOMPARE(window_->windowTitle(), QStringLiteral("SIS Control Center \u2014 VM on %1").arg(host_));
    QCOMPARE(window_->host_label()->text(), QStringLiteral("Host: %1 (SSH)").arg(host_));
    QVERIFY(!window_->welcome_shown());
    // The dashboard fills: metrics at 20 Hz over the forwarded control port.
    QTRY_VERIFY_WITH_TIMEOUT(window_->dashboard()->store().sample_count() >= 40, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(s->root_fs().kind == RootFsStatus::Kind::Disk, 10000);
    QTest::qWait(1000);  // a second of charts for the picture
    shot("remote-dashboard.png");
  }

  void dropped_connection_is_reported_and_reconnected_without_losing_the_vm() {
    VmSession* s = window_->session();
    QVERIFY(s->link_state() == VmSession::Link::Up);
    const qint64 uptime_before = control_request("sys.info").object().value("uptime_ns").toInteger(-1);
    QVERIFY(uptime_before > 0);
    QSignalSpy links(s, &VmSession::link_changed);
    bool label_said_lost = false;
    auto c = connect(s, &VmSession::link_changed, this, [&](VmSession::Link l) {
      if (l == VmSession::Link::Lost) {
        label_said_lost = window_->host_label()->text().contains("connection lost");
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);  // the status bar makes room first
        shot("remote-link-lost.png");
      }
    });
    server_->kill_sessions();  // every SSH connection drops; sshd listens on
    const bool lost = QTest::qWaitFor([&] { return !links.isEmpty(); }, 30000);
    if (!lost)  // what was left of the server's sessions, for the failure's reader
      qInfo("sshd after the kill: %s",
            sis::remote::test::shell_out("ps -ef --forest | grep -A3 'sshd.*" + server_->dir() + "' | grep -v grep").c_str());
    QVERIFY2(lost, "the app did not notice the dropped SSH connection within 30 s");
    QCOMPARE(links.first().at(0).value<VmSession::Link>(), VmSession::Link::Lost);
    QVERIFY(label_said_lost);
    QVERIFY(pid_alive(remote_pid_));  // QEMU runs on
    QVERIFY(s->is_running());
    QTRY_VERIFY_WITH_TIMEOUT(s->link_state() == VmSession::Link::Up, 60000);
    disconnect(c);
    QCOMPARE(s->remote_pid(), remote_pid_);
    QTRY_VERIFY_WITH_TIMEOUT(s->control_ready(), 30000);
    const qint64 uptime_after = control_request("sys.info").object().value("uptime_ns").toInteger(-1);
    QVERIFY2(uptime_after > uptime_before, "the kernel rebooted or did not answer: not the same VM");
    const qint64 samples = window_->dashboard()->store().sample_count();
    QTRY_VERIFY_WITH_TIMEOUT(window_->dashboard()->store().sample_count() >= samples + 20, 30000);  // streaming again
    QCOMPARE(window_->host_label()->text(), QStringLiteral("Host: %1 (SSH)").arg(host_));
  }

  void power_off_stops_qemu_there() {
    window_->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window_->session()->state() == VmSession::State::Off, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!pid_alive(remote_pid_), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(remote_base_ + "/vm-control-center"), 10000);
    QVERIFY(window_->welcome_shown());
    QCOMPARE(window_->windowTitle(), QStringLiteral("SIS Control Center"));
    QCOMPARE(window_->host_label()->text(), QStringLiteral("Host: this computer"));
  }
};

QTEST_MAIN(GuiRemote)
#include "test_gui_remote.moc"
