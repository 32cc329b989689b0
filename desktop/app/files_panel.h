// Files: a directory tree and a file list of the guest's ext4 file system, live over the
// control port (fs.*) while the VM runs with the `fs` capability, or of the disk image while
// the VM is off (read-only, the kernel's portable ext4 code). View, new file, new folder,
// rename, delete, and upload of host files (button or drag and drop onto the list), each with
// progress and a clear error line. Without `fs` the panel says "not available in this kernel".
//
// "Write and crash..." (on a file, a folder or the current folder) runs the journal crash demo
// (write_crash_run.h) and shows its outcome side by side (write_crash_view.h).
#pragma once
#include <QPointer>
#include <QWidget>

#include "fs_backend.h"
#include "write_crash_run.h"
#include "write_crash_view.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QTableView;
class QTreeView;

namespace sis::desktop {

class AvailabilityStack;
class FileListModel;
class ImageFs;
class RemoteFs;
class VmSession;

class FilesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit FilesPanel(VmSession* session, QWidget* parent = nullptr);

  QString current_path() const { return cwd_; }
  FileListModel* list_model() const { return list_; }
  FsBackend* backend() const { return backend_; }
  bool available() const;
  QString availability_message() const;
  QString status_text() const;
  // The red "NO DISK" banner above the list (shown while the guest's "/" is in memory).
  bool no_disk_banner_shown() const;
  QString no_disk_banner_text() const;

  void navigate(const QString& path);
  void refresh();
  // The actions without dialogs (buttons call these after asking; tests call them directly).
  void create_file(const QString& name, const QByteArray& data);
  void make_directory(const QString& name);
  void rename_entry(const QString& name, const QString& new_name);
  void delete_entry(const QString& name, bool recursive);
  void upload(const QStringList& local_paths);
  void view_file(const QString& name);
  // The crash demo on `request` (the dialog calls this; tests call it directly). The result
  // window opens when the run ends; crash_result_view() is its view.
  void write_and_crash(const WriteCrashRequest& request);
  bool crash_running() const { return crash_run_ != nullptr; }
  WriteCrashView* crash_result_view() const { return crash_view_; }
  // The file "Write and crash..." targets: the selected file, "crash-demo.txt" in the
  // selected folder, or in the current folder.
  QString crash_target() const;
  // Selects the entry `name` of the current folder in the list (false if it is not there).
  bool select_entry(const QString& name);
  void ask_write_and_crash();

 signals:
  void listed(const QString& path, int entries);
  void operation_finished(const QString& what, const QString& error);
  void crash_demo_finished(const sis::desktop::WriteCrashResult& result);
  void log_message(const QString& level, const QString& source, const QString& text);

 private:
  void update_backend();
  void set_busy(const QString& what);
  void finish(const QString& what, const QString& error, bool reload = true);
  void expand_tree_item(QStandardItem* item);
  QString selected_name() const;
  void ask_new_file();
  void ask_new_folder();
  void ask_rename();
  void ask_delete();
  void ask_upload();
  void update_crash_button();

  VmSession* session_;
  RemoteFs* remote_;
  ImageFs* image_;
  FsBackend* backend_ = nullptr;
  QString image_path_;
  QString cwd_ = QStringLiteral("/");
  AvailabilityStack* stack_;
  QLabel* source_;
  QLabel* no_disk_banner_;
  QLineEdit* path_edit_;
  QTreeView* tree_;
  QStandardItemModel* tree_model_;
  QTableView* table_;
  FileListModel* list_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QLabel* status_;
  QList<QPushButton*> write_buttons_;
  QPushButton* write_crash_ = nullptr;
  QPointer<WriteCrashRun> crash_run_;
  QPointer<WriteCrashView> crash_view_;
  bool busy_ = false;
};

}  // namespace sis::desktop
