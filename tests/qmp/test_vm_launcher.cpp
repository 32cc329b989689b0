// The QEMU command line (launch/qemu_command, the one source of it), the per-VM runtime
// directory, and VmLauncher's failure reports (QEMU missing, QEMU exiting at once).
#include <QFile>
#include <QTemporaryDir>

#include <unistd.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "launch/qemu_command.h"
#include "scripted_peer.h"
#include "vm/vm_launcher.h"
#include "vm/vm_runtime_dir.h"

using sis::host::VmConfig;
using sis::host::VmLauncher;
using sis::host::VmRuntimeDir;
using sis::test::spin_until;

namespace {

bool has_pair(const std::vector<std::string>& a, const std::string& opt, const std::string& value) {
  for (size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] == opt && a[i + 1] == value) return true;
  return false;
}

// Points the runtime directory base at a fresh temporary directory for one test.
struct TempRuntime {
  QTemporaryDir dir;
  TempRuntime() { qputenv("SIS_RUNTIME_DIR", dir.path().toLocal8Bit()); }
  ~TempRuntime() { qunsetenv("SIS_RUNTIME_DIR"); }
};

}  // namespace

TEST(QemuCommand, PlainConfigHasNoControlPlaneDevices) {
  VmConfig c;
  c.kernel = "/k/Image";
  auto a = sis::host::qemu_arguments(c);
  EXPECT_TRUE(has_pair(a, "-serial", "stdio"));
  EXPECT_EQ(std::count(a.begin(), a.end(), "-qmp"), 0);
  EXPECT_EQ(std::find(a.begin(), a.end(), "pvpanic-pci"), a.end());
  EXPECT_EQ(std::find(a.begin(), a.end(), "virtio-serial-pci,id=vser0"), a.end());
}

TEST(QemuCommand, ControlPlaneSocketsAndPvpanic) {
  VmConfig c;
  c.kernel = "/k/Image";
  c.qmp_sockets = {"/r/qmp.sock", "/r/qmp-events.sock"};
  c.control_socket = "/r/control.sock";
  c.console = VmConfig::Console::Socket;
  c.console_socket = "/r/console.sock";
  c.console_log = "/r/console.log";
  c.pvpanic = true;
  ASSERT_EQ(sis::host::validate(c), "");
  auto a = sis::host::qemu_arguments(c);
  EXPECT_TRUE(has_pair(a, "-qmp", "unix:/r/qmp.sock,server=on,wait=off"));
  EXPECT_TRUE(has_pair(a, "-qmp", "unix:/r/qmp-events.sock,server=on,wait=off"));
  EXPECT_TRUE(has_pair(a, "-device", "virtio-serial-pci,id=vser0"));
  EXPECT_TRUE(has_pair(a, "-chardev", "socket,id=ctl,path=/r/control.sock,server=on,wait=off"));
  EXPECT_TRUE(has_pair(a, "-device", "virtserialport,bus=vser0.0,chardev=ctl,name=org.sis.control"));
  EXPECT_TRUE(has_pair(a, "-chardev", "socket,id=con,path=/r/console.sock,server=on,wait=off,logfile=/r/console.log,logappend=on"));
  EXPECT_TRUE(has_pair(a, "-serial", "chardev:con"));
  EXPECT_TRUE(has_pair(a, "-device", "pvpanic-pci"));
  EXPECT_TRUE(has_pair(a, "-action", "panic=pause"));
}

TEST(QemuCommand, RejectsCommasAndOverlongSocketPaths) {
  VmConfig c;
  c.kernel = "/k/Image";
  c.control_socket = "/r/a,b.sock";
  EXPECT_NE(sis::host::validate(c).find("','"), std::string::npos);
  c.control_socket = "/" + std::string(120, 'x');
  EXPECT_NE(sis::host::validate(c).find("107"), std::string::npos);
  c.control_socket.clear();
  c.console = VmConfig::Console::Socket;
  EXPECT_NE(sis::host::validate(c), "");
}

TEST(VmRuntimeDir, PathsLiveInThePerVmDirectory) {
  TempRuntime tmp;
  VmRuntimeDir dir("test-1");
  EXPECT_EQ(dir.path(), tmp.dir.path() + "/vm-test-1");
  QString error;
  ASSERT_TRUE(dir.create(&error)) << error.toStdString();
  EXPECT_EQ(QFile::permissions(dir.path()) & (QFile::ReadOther | QFile::ReadGroup), 0);
  VmConfig c;
  c.kernel = "/k/Image";
  dir.apply(c);
  EXPECT_EQ(c.control_socket, (dir.path() + "/control.sock").toStdString());
  ASSERT_EQ(c.qmp_sockets.size(), 2u);
  EXPECT_EQ(sis::host::validate(c), "");
  EXPECT_FALSE(VmRuntimeDir::valid_name("../escape"));
  EXPECT_FALSE(VmRuntimeDir::valid_name(""));
  EXPECT_FALSE(VmRuntimeDir("a/b").create(&error));
}

TEST(VmRuntimeDir, RecordRoundTripsAndGarbageIsRejected) {
  TempRuntime tmp;
  VmRuntimeDir dir("rec");
  QString error;
  ASSERT_TRUE(dir.create(&error));
  sis::host::VmRecord r;
  r.pid = 4242;
  r.name = "rec";
  r.memory_mib = 512;
  r.arguments = {"qemu", "-M", "virt"};
  ASSERT_TRUE(dir.write_record(r, &error)) << error.toStdString();
  auto back = dir.read_record();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pid, 4242);
  EXPECT_EQ(back->memory_mib, 512u);
  EXPECT_EQ(back->arguments, r.arguments);
  QFile f(dir.record_file());
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("{not json");
  f.close();
  EXPECT_FALSE(dir.read_record());
  dir.remove_all();
  EXPECT_FALSE(QFile::exists(dir.path()));
}

TEST(VmLauncher, MissingQemuIsReportedAsStartFailure) {
  TempRuntime tmp;
  VmLauncher launcher("nq");
  QString failure;
  QObject::connect(&launcher, &VmLauncher::start_failed, [&](const QString& m) { failure = m; });
  VmConfig c;
  c.qemu = "/nonexistent/qemu-system-aarch64";
  c.kernel = "/k/Image";
  QString error;
  ASSERT_TRUE(launcher.start(c, &error)) << error.toStdString();
  ASSERT_TRUE(spin_until([&] { return !failure.isEmpty(); }));
  EXPECT_TRUE(failure.contains("cannot start")) << failure.toStdString();
}

TEST(VmLauncher, QemuExitingAtOnceReportsStatusAndCleansUp) {
  TempRuntime tmp;
  VmLauncher launcher("ex");
  QString failure, finished;
  QObject::connect(&launcher, &VmLauncher::start_failed, [&](const QString& m) { failure = m; });
  QObject::connect(&launcher, &VmLauncher::finished, [&](int, bool, const QString& d) { finished = d; });
  VmConfig c;
  c.qemu = "/bin/sh";  // stands in for a QEMU that rejects its command line
  c.kernel = "/k/Image";
  QString error;
  // /bin/sh -M ... exits with status 2 ("illegal option").
  ASSERT_TRUE(launcher.start(c, &error)) << error.toStdString();
  ASSERT_TRUE(spin_until([&] { return !finished.isEmpty(); }));
  EXPECT_FALSE(failure.isEmpty());
  EXPECT_TRUE(finished.contains("exited with status")) << finished.toStdString();
  EXPECT_FALSE(QFile::exists(launcher.runtime_dir().qmp_socket()));
}

TEST(VmLauncher, InvalidConfigIsRefusedBeforeStarting) {
  TempRuntime tmp;
  VmLauncher launcher("inv");
  VmConfig c;  // no kernel
  QString error;
  EXPECT_FALSE(launcher.start(c, &error));
  EXPECT_TRUE(error.contains("kernel")) << error.toStdString();
}

namespace {

// A stand-in QEMU that ignores its command line and just stays alive (until killed).
QString write_sleeper(const QTemporaryDir& dir) {
  const QString path = dir.filePath("fake-qemu.sh");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write("#!/bin/sh\nexec sleep 60\n");
  f.close();
  f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  return path;
}

}  // namespace

// The app's VM (VmLauncher::start) takes its name like a background VM does: a second
// start under that name, by another launcher or by sisctl vm start, is refused instead of
// removing the first VM's sockets and starting a second QEMU on the same paths.
TEST(VmLauncher, NameOfARunningVmIsRefusedToASecondStart) {
  TempRuntime tmp;
  VmConfig c;
  c.qemu = write_sleeper(tmp.dir).toStdString();
  c.kernel = "/k/Image";
  VmLauncher first("taken");
  QString error;
  ASSERT_TRUE(first.start(c, &error)) << error.toStdString();
  ASSERT_TRUE(spin_until([&] { return first.is_running(); }));
  auto rec = first.runtime_dir().live_record();
  ASSERT_TRUE(rec) << "the launcher wrote no vm.json for its running VM";
  EXPECT_EQ(rec->pid, first.pid());

  VmLauncher second("taken");
  EXPECT_FALSE(second.start(c, &error));
  EXPECT_TRUE(error.contains("VM 'taken' is already running")) << error.toStdString();
  qint64 pid = 0;
  EXPECT_FALSE(VmLauncher::start_detached(VmRuntimeDir("taken"), c, &pid, &error));
  EXPECT_TRUE(error.contains("already running")) << error.toStdString();
  EXPECT_TRUE(QFile::exists(first.runtime_dir().record_file())) << "the refused start removed the first VM's files";

  first.kill();
  ASSERT_TRUE(first.wait_for_finished(5000));
  EXPECT_FALSE(QFile::exists(first.runtime_dir().record_file())) << "vm.json outlived QEMU";
}

// A record left by a VM that died (its pid gone, or reused by an unrelated process that
// started at another time) does not hold the name.
TEST(VmLauncher, StaleRecordDoesNotHoldTheName) {
  TempRuntime tmp;
  VmRuntimeDir dir("stale");
  QString error;
  ASSERT_TRUE(dir.create(&error));
  sis::host::VmRecord r;
  r.name = "stale";
  r.pid = getpid();  // alive, but not the process that started at start_ticks
  r.start_ticks = sis::host::process_start_ticks(getpid()) + 12345;
  ASSERT_TRUE(dir.write_record(r, &error));
  EXPECT_FALSE(dir.live_record()) << "a reused pid was taken for the VM";

  VmConfig c;
  c.qemu = write_sleeper(tmp.dir).toStdString();
  c.kernel = "/k/Image";
  VmLauncher launcher("stale");
  ASSERT_TRUE(launcher.start(c, &error)) << error.toStdString();
  ASSERT_TRUE(spin_until([&] { return launcher.is_running(); }));
  launcher.kill();
  ASSERT_TRUE(launcher.wait_for_finished(5000));
}
