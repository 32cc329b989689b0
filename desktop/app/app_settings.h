// The desktop's persistent settings (QSettings, organisation "SIS", application
// "SIS Control Center"): how to launch the VM (QEMU binary, memory, CPU model, disk and kernel
// images, extra QEMU arguments), the metrics rate, the UI language, the remote host that
// (its key file, known_hosts and disk there: RemoteHostSettings) and whether VMs start there,
// and the disk images started recently (the welcome page lists them).
// Window geometry and dock layout are stored by MainWindow itself.
#pragma once
#include <QString>
#include <QStringList>

#include "launch/qemu_command.h"

namespace sis::desktop {

struct AppSettings {
  QString qemu;           // empty: $SIS_QEMU, else qemu-system-aarch64 on PATH
  QString kernel;         // empty: $SIS_KERNEL, else found next to the program (build tree)
  QString disk;           // raw ext4 image; "" = the default disk (a working copy), "none" = no disk
  unsigned memory_mib = 256;
  unsigned cpus = 1;
  QString cpu_model = QStringLiteral("cortex-a72");
  QString extra_args;     // split on whitespace, appended to QEMU's command line
  int metrics_rate_hz = 20;
  QString language;       // "", "en", "de", "fr" ("" = the system's)
  QString remote_host;    // user@host[:port] (the rest: RemoteHostSettings); empty: none
  bool run_on_remote_host = false;  // the welcome page's host choice: start VMs there

  static AppSettings load();
  void save() const;

  // Disk images the VM was started with, newest first, at most kMaxRecentDisks, stored
  // under "recent/disks". remember_disk() moves `path` to the front; forget_disk() drops it.
  static constexpr int kMaxRecentDisks = 8;
  static QStringList recent_disks();
  static void remember_disk(const QString& path);
  static void forget_disk(const QString& path);

  // The VM configuration these settings describe; *error says what is missing (no QEMU, no
  // kernel image) and the result is then unusable.
  sis::host::VmConfig to_vm_config(QString* error) const;
  QString resolved_qemu() const;
  QString resolved_kernel() const;
  // The build's or the package's default disk image ($SIS_DISK_IMAGE, else sis-disk.img in
  // ../disk or ../share/sis/disk beside the program; empty if none), which the working
  // copies (here, and on a remote host) are made from.
  static QString default_disk_image();
  // The configuration for a VM on the remote host: this machine's kernel image (copied
  // there), qemu-system-aarch64 on the host's PATH, no disk (RemoteHostSettings::disk or the
  // default disk's copy there). *error says what is missing here.
  sis::host::VmConfig to_remote_vm_config(QString* error) const;
  // The disk the VM gets: the configured one, or for "" the user's working copy of the
  // build's default disk (sis-disk.img), made on first use so the build never overwrites
  // what a person created. Empty when there is none; *error says why if one was wanted.
  QString resolved_disk(QString* error) const;
};

}  // namespace sis::desktop
