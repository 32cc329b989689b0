#include "file_list_model.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMimeData>
#include <QStyle>
#include <QUrl>

#include <algorithm>

namespace sis::desktop {

void FileListModel::set_entries(const QList<FsEntry>& entries) {
  beginResetModel();
  entries_ = entries;
  std::stable_sort(entries_.begin(), entries_.end(), [](const FsEntry& a, const FsEntry& b) {
    if ((a.type == "dir") != (b.type == "dir")) return a.type == "dir";
    return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
  });
  endResetModel();
}

QStringList FileListModel::names() const {
  QStringList n;
  for (const FsEntry& e : entries_) n << e.name;
  return n;
}

QVariant FileListModel::data(const QModelIndex& index, int role) const {
  const FsEntry* e = entry(index.row());
  if (!e) return {};
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Name: return e->name;
      case Type: return e->type;
      case Size: return e->type == "dir" ? QString() : QLocale().formattedDataSize(e->size, 1, QLocale::DataSizeTraditionalFormat);
      case Mode: return QString::number(e->mode, 8).rightJustified(4, '0');
      case Modified: return e->mtime > 0 ? QDateTime::fromSecsSinceEpoch(e->mtime).toString("yyyy-MM-dd HH:mm:ss") : QString();
      case Inode: return e->inode;
    }
  } else if (role == Qt::DecorationRole && index.column() == Name) {
    return QApplication::style()->standardIcon(e->type == "dir" ? QStyle::SP_DirIcon
                                               : e->type == "symlink" ? QStyle::SP_FileLinkIcon
                                                                      : QStyle::SP_FileIcon);
  } else if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Inode)) {
    return int(Qt::AlignRight | Qt::AlignVCenter);
  } else if (role == Qt::ToolTipRole) {
    return tr("%1 bytes").arg(e->size);
  }
  return {};
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name: return tr("Name");
    case Type: return tr("Type");
    case Size: return tr("Size");
    case Mode: return tr("Mode");
    case Modified: return tr("Modified");
    case Inode: return tr("Inode");
  }
  return {};
}

Qt::ItemFlags FileListModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
  return f;
}

QStringList FileListModel::mimeTypes() const { return {QStringLiteral("text/uri-list")}; }

bool FileListModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int, const QModelIndex&) const {
  return data->hasUrls();
}

bool FileListModel::dropMimeData(const QMimeData* data, Qt::DropAction, int, int, const QModelIndex&) {
  QStringList paths;
  for (const QUrl& u : data->urls())
    if (u.isLocalFile()) paths << u.toLocalFile();
  if (paths.isEmpty()) return false;
  emit files_dropped(paths);
  return true;
}

}  // namespace sis::desktop
