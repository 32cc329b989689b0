#include "root_fs_status.h"

#include <QCoreApplication>

namespace sis::desktop {

RootFsStatus RootFsStatus::from_sys_info(const QJsonObject& info) {
  RootFsStatus s;
  s.info = info;
  const QJsonValue v = info.value("root_fs");
  if (!v.isObject()) return s;
  const QJsonObject r = v.toObject();
  const QString type = r.value("type").toString();
  // The context lupdate gives these strings (the class's full name): with any other, the
  // catalogue's translations are never found.
  auto tr = [](const char* t) { return QCoreApplication::translate("sis::desktop::RootFsStatus", t); };
  if (r.value("persistent").toBool()) {
    s.kind = Kind::Disk;
    s.text = tr("Disk: %1 on / (%2)").arg(type, r.value("read_only").toBool() ? tr("read-only") : tr("read-write"));
    return s;
  }
  s.kind = Kind::InMemory;
  const QString disk = r.value("disk").toString();
  QString why;
  if (disk == "unusable")
    why = tr("the disk is unusable: %1").arg(r.value("reason").toString());
  else if (disk == "none")
    why = tr("no disk attached");
  else
    why = tr("no disk mounted");
  s.text = type == "ramfs" ? tr("NO DISK: / is in memory (%1). Changes are lost at poweroff.").arg(why)
                           : tr("NO DISK: no root file system (%1).").arg(why);
  return s;
}

}  // namespace sis::desktop
