#include "crash_write_command.h"

#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "client/paused_disk_check.h"
#include "client/write_crash.h"
#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::ControlClient;
using sis::host::QmpClient;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

constexpr const char* kUsage =
    "usage: sisctl crash write --point POINT --path FILE [--data TEXT | --file HOSTFILE]\n"
    "                          [--name NAME] [--no-reboot] [--timeout S]\n"
    "\n"
    "The file-manager crash demo: writes TEXT (or the bytes of HOSTFILE, at most 32768) to\n"
    "FILE in the guest (replacing it) with the power cut at POINT of the journal's work\n"
    "(crash.inject write-crash), reboots the VM (QMP system_reset), and prints what was\n"
    "written, what the disk holds now, what the journal did at mount (fs.journal) and the\n"
    "verdict of e2fsck -fn on a copy of the disk taken while the VM was paused (QMP stop,\n"
    "copy, cont), with the outcome the journal guarantees at POINT and why.\n"
    "\n"
    "POINT: mid-data           ordered data half written, nothing logged: old content (or no file)\n"
    "       before-commit      transaction logged, no commit block: old content (or no file)\n"
    "       after-commit       committed, not checkpointed: replay brings the new content\n"
    "       during-checkpoint  committed, half checkpointed: replay finishes it, new content\n"
    "\n"
    "  --no-reboot   stop after the crash (the VM stays paused; 'sisctl vm reset' reboots it)\n"
    "  --timeout S   how long to wait for the panic and for the reboot (default 60)\n"
    "\n"
    "Exit status: 0 the outcome is the one the journal guarantees and e2fsck found the copy\n"
    "clean, 1 usage error, 2 failure (no VM, request refused, e2fsck missing), 3 the outcome or\n"
    "the check is wrong, 4 timeout, 5 control port not available in this kernel.\n";

QString b64(const QByteArray& d) { return QString::fromLatin1(d.toBase64()); }

// The file's content through fs.read (chunks of 32 KiB); false when it does not exist.
bool read_guest_file(ControlClient& c, const QString& path, QByteArray* out, QString* error) {
  out->clear();
  for (;;) {
    Reply r = control_call(c, "fs.read", {{"path", path}, {"offset", out->size()}, {"length", 32768}}, 20000);
    if (!r.ok()) {
      if (r.error->cls == "NotFound") return false;
      *error = r.error->to_string();
      return false;
    }
    out->append(QByteArray::fromBase64(r.object().value("data").toString().toLatin1()));
    if (r.object().value("eof").toBool() || r.object().value("length").toInt() == 0) return true;
    if (out->size() > 16 * 1024 * 1024) {
      *error = QStringLiteral("the file is larger than 16 MiB");
      return false;
    }
  }
}

QString describe(const QByteArray& d) {
  QString s = QString::number(d.size()) + " bytes";
  QByteArray head = d.left(48);
  bool text = true;
  for (char ch : head) text = text && (ch == '\n' || ch == '\t' || (ch >= 32 && ch < 127));
  if (text && !head.isEmpty()) {
    QString h = QString::fromLatin1(head).replace('\n', QStringLiteral("\\n"));
    s += ": \"" + h + (d.size() > head.size() ? "..." : "") + "\"";
  }
  return s;
}

}  // namespace

int crash_write_main(int argc, char** argv) {
  QString name = QStringLiteral("default"), path, point;
  QByteArray data;
  bool have_data = false, reboot = true;
  long timeout_s = 60;
  for (int i = 3; i < argc; ++i) {
    const std::string opt = argv[i];
    if (opt == "-h" || opt == "--help") {
      std::fputs(kUsage, stdout);
      return kQtOk;
    }
    if (opt == "--no-reboot") {
      reboot = false;
      continue;
    }
    const char* v = (i + 1 < argc) ? argv[++i] : nullptr;
    auto bad = [&](const char* why) {
      std::fprintf(stderr, "sisctl crash write: %s %s\n(sisctl crash write --help for usage)\n", opt.c_str(), why);
      return kQtUsage;
    };
    if (opt == "--name") {
      if (!v || !VmRuntimeDir::valid_name(v)) return bad("needs a VM name");
      name = v;
    } else if (opt == "--path") {
      if (!v || v[0] != '/') return bad("needs an absolute guest path");
      path = QString::fromLocal8Bit(v);
    } else if (opt == "--point") {
      if (!v || !sis::host::find_crash_point(v)) return bad("needs mid-data, before-commit, after-commit or during-checkpoint");
      point = v;
    } else if (opt == "--data") {
      if (!v) return bad("needs the text to write");
      if (have_data) return bad("conflicts with an earlier --data or --file");
      data = QByteArray(v);
      have_data = true;
    } else if (opt == "--file") {
      if (!v) return bad("needs a host file");
      if (have_data) return bad("conflicts with an earlier --data or --file");
      QFile f(QString::fromLocal8Bit(v));
      if (!f.open(QIODevice::ReadOnly)) return bad(qPrintable("cannot be read: " + f.errorString()));
      data = f.read(sis::host::kWriteCrashMaxBytes + 1);
      have_data = true;
    } else if (opt == "--timeout") {
      if (!parse_number(v, 1, 3600, &timeout_s)) return bad("needs seconds");
    } else {
      return bad("is not an option of sisctl crash write");
    }
  }
  if (point.isEmpty() || path.isEmpty()) {
    std::fprintf(stderr, "sisctl crash write: --point and --path are required\n(sisctl crash write --help for usage)\n");
    return kQtUsage;
  }
  if (!have_data || data.isEmpty()) {
    std::fprintf(stderr, "sisctl crash write: --data TEXT or --file HOSTFILE with at least one byte is required\n");
    return kQtUsage;
  }
  if (data.size() > sis::host::kWriteCrashMaxBytes) {
    std::fprintf(stderr, "sisctl crash write: the content is larger than %lld bytes (the most one write-crash takes)\n",
                 static_cast<long long>(sis::host::kWriteCrashMaxBytes));
    return kQtUsage;
  }
  const sis::host::CrashPointInfo& info = *sis::host::find_crash_point(point);

  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  VmRuntimeDir dir(name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "crash write")) return kQtFailed;
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_event_socket(), 3000, "crash write")) return kQtFailed;
  bool panicked = false;
  QObject::connect(&qmp, &QmpClient::event_received, [&](const QString& ev, const QJsonObject&, qint64) {
    if (ev == "GUEST_PANICKED") panicked = true;
  });
  ControlClient control;
  if (!connect_control(control, dir.control_socket(), 4000, "crash write")) return kQtUnavailable;
  for (const char* cap : {"crash", "fs"})
    if (!control.has_capability(cap)) {
      std::fprintf(stderr, "sisctl crash write: this kernel has no '%s' capability (it has: %s)\n", cap,
                   qPrintable(control.capabilities().join(", ")));
      return kQtUnavailable;
    }
  int greetings = 0;
  QObject::connect(&control, &ControlClient::ready, [&] { ++greetings; });
  QString report;
  QObject::connect(&control, &ControlClient::event_received, [&](const QString& ev, const QJsonObject& d, qint64) {
    if (ev == "panic") report = d.value("message").toString();
  });

  QByteArray before;
  QString err;
  const bool existed = read_guest_file(control, path, &before, &err);
  if (!err.isEmpty()) {
    std::fprintf(stderr, "sisctl crash write: reading %s before the crash: %s\n", qPrintable(path), qPrintable(err));
    return kQtFailed;
  }
  Reply r = control_call(control, "crash.inject",
                         {{"kind", "write-crash"}, {"point", point}, {"path", path}, {"data", b64(data)}}, 10000);
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl crash write: crash.inject: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  if (!run_until([&] { return panicked; }, static_cast<int>(timeout_s * 1000))) {
    std::fprintf(stderr, "sisctl crash write: no GUEST_PANICKED from QEMU within %ld s\n", timeout_s);
    return kQtTimeout;
  }
  run_until([&] { return !report.isEmpty(); }, 500);
  std::printf("crash:      %s\n", report.isEmpty() ? "GUEST_PANICKED (no panic event)" : qPrintable(report));
  if (!reboot) return kQtOk;

  const int seen = greetings;
  Reply reset = qmp_call(qmp, "system_reset");
  Reply cont = reset.ok() ? qmp_call(qmp, "cont") : reset;
  if (!cont.ok()) {
    std::fprintf(stderr, "sisctl crash write: reboot: %s\n", qPrintable(cont.error->to_string()));
    return kQtFailed;
  }
  if (!run_until([&] { return greetings > seen && control.is_ready(); }, static_cast<int>(timeout_s * 1000))) {
    std::fprintf(stderr, "sisctl crash write: the kernel did not come back on the control port within %ld s\n", timeout_s);
    return kQtTimeout;
  }
  Reply jr = control_call(control, "fs.journal", {}, 10000);
  const QString journal = jr.ok() ? sis::host::journal_summary(jr.object()) : "fs.journal: " + jr.error->to_string();
  QByteArray after;
  const bool exists = read_guest_file(control, path, &after, &err);
  if (!err.isEmpty()) {
    std::fprintf(stderr, "sisctl crash write: reading %s after the reboot: %s\n", qPrintable(path), qPrintable(err));
    return kQtFailed;
  }
  (void)control_call(control, "fs.sync", {}, 10000);  // nothing of the mount left in the guest's cache

  sis::host::PausedDiskCheck check;
  int fsck_code = -2;
  QString fsck_out, fsck_err;
  QObject::connect(&check, &sis::host::PausedDiskCheck::finished, [&](int code, const QString& out, const QString& e) {
    fsck_code = code;
    fsck_out = out;
    fsck_err = e;
  });
  check.start(&qmp, rec.disk, QDir(dir.path()).filePath("fsck-copy.img"));
  run_until([&] { return fsck_code != -2; }, 120000);

  const auto outcome = sis::host::classify_outcome(exists, after, data, existed, before);
  const auto expected = sis::host::expected_outcome(info, existed);
  std::printf("point:      %s (%s)\n", qPrintable(info.name), qPrintable(info.label));
  std::printf("wrote:      %s to %s\n", qPrintable(describe(data)), qPrintable(path));
  std::printf("before:     %s\n", existed ? qPrintable(describe(before)) : "no file");
  std::printf("disk now:   %s (%s)\n", qPrintable(sis::host::outcome_text(outcome)), exists ? qPrintable(describe(after)) : "no file");
  std::printf("journal:    %s\n", qPrintable(journal));
  if (fsck_code == 0)
    std::printf("e2fsck -fn: clean (exit 0), on a copy taken while the VM was paused (%lld ms)\n",
                static_cast<long long>(check.paused_ms()));
  else
    std::printf("e2fsck -fn: %s\n", fsck_code < 0 ? qPrintable(fsck_err) : qPrintable(QStringLiteral("problems (exit %1)").arg(fsck_code)));
  const bool right = outcome == expected;
  std::printf("expected:   %s: %s\n", qPrintable(sis::host::outcome_text(expected)), right ? "correct" : "WRONG");
  std::printf("why:        %s\n", qPrintable(info.why));
  if (fsck_code != 0 && !fsck_out.isEmpty()) std::printf("\n%s", qPrintable(fsck_out));
  if (fsck_code == -1) return kQtFailed;
  return right && fsck_code == 0 ? kQtOk : kQtPanic;
}

}  // namespace sisctl
