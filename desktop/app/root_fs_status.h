// What the guest's "/" is, from sys.info's `root_fs` (docs/protocol.md). The kernel falls
// back to an in-memory "/" when the disk is unusable; writes there look like they succeed
// and vanish at poweroff, so the window shows that state in red (status bar, Files banner).
#pragma once
#include <QJsonObject>
#include <QString>

namespace sis::desktop {

struct RootFsStatus {
  enum class Kind { Unknown, Disk, InMemory };
  Kind kind = Kind::Unknown;  // Unknown: no answer yet, or a kernel without root_fs
  QString text;               // one line for the status bar / the Files banner, in the current language
  QJsonObject info;           // the sys.info result it was read from: from_sys_info(info) retranslates

  bool in_memory() const { return kind == Kind::InMemory; }
  // Reads sys.info's result object.
  static RootFsStatus from_sys_info(const QJsonObject& info);
};

}  // namespace sis::desktop
