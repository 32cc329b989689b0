// The Files panel's list: the entries of one directory (name, type, size, mode, modified,
// inode), directories first. Accepts drops of host files (urls) and reports them through
// files_dropped; the panel uploads them.
#pragma once
#include <QAbstractTableModel>

#include "fs_backend.h"

namespace sis::desktop {

class FileListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Type, Size, Mode, Modified, Inode, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void set_entries(const QList<FsEntry>& entries);
  const FsEntry* entry(int row) const { return row >= 0 && row < entries_.size() ? &entries_[row] : nullptr; }
  QStringList names() const;

  int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : entries_.size(); }
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QStringList mimeTypes() const override;
  bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) const override;
  bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) override;
  Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

 signals:
  void files_dropped(const QStringList& local_paths);

 private:
  QList<FsEntry> entries_;
};

}  // namespace sis::desktop
