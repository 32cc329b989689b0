#include "files_panel.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "app_settings.h"
#include "availability_stack.h"
#include "client/control_client.h"
#include "file_list_model.h"
#include "image_fs.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"
#include "write_crash_dialog.h"
#include "write_crash_view.h"

namespace sis::desktop {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kLoadedRole = Qt::UserRole + 2;
constexpr qint64 kViewLimit = 1 << 20;
constexpr qint64 kUploadLimit = 64ll << 20;

QString hex_dump(const QByteArray& b) {
  QString out;
  for (qsizetype i = 0; i < b.size() && i < 65536; i += 16) {
    QString hex, text;
    for (qsizetype j = i; j < i + 16; ++j) {
      if (j < b.size()) {
        const auto c = static_cast<unsigned char>(b[j]);
        hex += QStringLiteral("%1 ").arg(c, 2, 16, QChar('0'));
        text += (c >= 32 && c < 127) ? QChar(c) : QChar('.');
      } else {
        hex += "   ";
      }
    }
    out += QStringLiteral("%1  %2 %3\n").arg(i, 8, 16, QChar('0')).arg(hex, text);
  }
  return out;
}
}  // namespace

FilesPanel::FilesPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), remote_(new RemoteFs(session->control(), this)), image_(nullptr) {
  setObjectName("files");
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->setContentsMargins(0, 0, 0, 0);
  source_ = new QLabel(content);
  source_->setObjectName("files_source");
  source_->setWordWrap(true);
  v->addWidget(source_);
  // Writes to an in-memory "/" succeed and vanish at poweroff: say so above the list.
  no_disk_banner_ = new QLabel(content);
  no_disk_banner_->setObjectName("files_no_disk");
  no_disk_banner_->setWordWrap(true);
  no_disk_banner_->setStyleSheet("QLabel { background: #c62828; color: white; font-weight: bold; padding: 6px; }");
  no_disk_banner_->setVisible(false);
  v->addWidget(no_disk_banner_);
  connect(session_, &VmSession::root_fs_changed, this, [this](const RootFsStatus& s) {
    no_disk_banner_->setText(s.text);
    no_disk_banner_->setVisible(s.in_memory());
  });

  auto* bar = new QHBoxLayout;
  auto button = [&](const QString& text, QStyle::StandardPixmap icon, auto slot, bool writes) {
    auto* b = new QPushButton(style()->standardIcon(icon), text, content);
    connect(b, &QPushButton::clicked, this, slot);
    bar->addWidget(b);
    if (writes) write_buttons_.append(b);
    return b;
  };
  QPushButton* up = button(QString(), QStyle::SP_FileDialogToParent, [this] { navigate(parent_path(cwd_)); }, false);
  QPushButton* reload = button(QString(), QStyle::SP_BrowserReload, [this] { refresh(); }, false);
  path_edit_ = new QLineEdit(cwd_, content);
  path_edit_->setObjectName("files_path");
  connect(path_edit_, &QLineEdit::returnPressed, this, [this] { navigate(path_edit_->text().trimmed()); });
  bar->addWidget(path_edit_, 1);
  QPushButton* view = button(QString(), QStyle::SP_FileDialogContentsView, [this] { view_file(selected_name()); }, false);
  QPushButton* new_file = button(QString(), QStyle::SP_FileIcon, [this] { ask_new_file(); }, true);
  QPushButton* new_folder = button(QString(), QStyle::SP_FileDialogNewFolder, [this] { ask_new_folder(); }, true);
  QPushButton* rename = button(QString(), QStyle::SP_DialogResetButton, [this] { ask_rename(); }, true);
  QPushButton* remove = button(QString(), QStyle::SP_TrashIcon, [this] { ask_delete(); }, true);
  QPushButton* upload = button(QString(), QStyle::SP_ArrowUp, [this] { ask_upload(); }, true);
  write_crash_ = button(QString(), QStyle::SP_MessageBoxWarning, [this] { ask_write_and_crash(); }, false);
  write_crash_->setObjectName("files_write_crash");
  v->addLayout(bar);

  auto* split = new QSplitter(content);
  tree_model_ = new QStandardItemModel(this);
  tree_ = new QTreeView(split);
  tree_->setModel(tree_model_);
  tree_->setHeaderHidden(true);
  connect(tree_, &QTreeView::expanded, this, [this](const QModelIndex& i) { expand_tree_item(tree_model_->itemFromIndex(i)); });
  connect(tree_, &QTreeView::clicked, this,
          [this](const QModelIndex& i) { navigate(i.data(kPathRole).toString()); });
  list_ = new FileListModel(this);
  connect(list_, &FileListModel::files_dropped, this, &FilesPanel::upload);
  table_ = new QTableView(split);
  table_->setObjectName("files_list");
  table_->setModel(list_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(false);
  table_->horizontalHeader()->setSectionResizeMode(FileListModel::Name, QHeaderView::Stretch);
  table_->setShowGrid(false);
  table_->setAcceptDrops(true);
  table_->setDragDropMode(QAbstractItemView::DropOnly);
  table_->setDropIndicatorShown(true);
  table_->viewport()->setAcceptDrops(true);
  connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
    const FsEntry* e = list_->entry(i.row());
    if (!e) return;
    if (e->type == "dir")
      navigate(join_path(cwd_, e->name));
    else
      view_file(e->name);
  });
  table_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(table_, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
    QMenu menu(this);
    menu.addAction(tr("View"), this, [this] { view_file(selected_name()); });
    QAction* crash = menu.addAction(tr("Write and crash..."), this, [this] { ask_write_and_crash(); });
    crash->setEnabled(write_crash_->isEnabled());
    menu.exec(table_->viewport()->mapToGlobal(pos));
  });
  split->addWidget(tree_);
  split->addWidget(table_);
  split->setStretchFactor(1, 3);
  split->setSizes({260, 800});
  v->addWidget(split, 1);

  auto* bottom = new QHBoxLayout;
  status_ = new QLabel(content);
  status_->setObjectName("files_status");
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(content);
  progress_->setMaximumWidth(240);
  progress_->setVisible(false);
  cancel_ = new QPushButton(content);
  cancel_->setVisible(false);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (backend_) backend_->cancel();
  });
  bottom->addWidget(status_, 1);
  bottom->addWidget(progress_);
  bottom->addWidget(cancel_);
  v->addLayout(bottom);

  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);

  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Off) {
      delete image_;  // the VM may have changed the image: read it afresh
      image_ = nullptr;
      image_path_.clear();
      backend_ = nullptr;
    }
    update_backend();
  });
  connect(session_, &VmSession::control_ready_changed, this, [this] { update_backend(); });
  keep_translated(this, [=, this] {
    // Icon-only buttons: the accessible name is what a screen reader says for them.
    up->setToolTip(tr("Up"));
    up->setAccessibleName(tr("Up"));
    reload->setToolTip(tr("Refresh"));
    reload->setAccessibleName(tr("Refresh"));
    path_edit_->setAccessibleName(tr("Folder"));
    view->setText(tr("View"));
    new_file->setText(tr("New file"));
    new_folder->setText(tr("New folder"));
    rename->setText(tr("Rename"));
    remove->setText(tr("Delete"));
    upload->setText(tr("Upload..."));
    write_crash_->setText(tr("Write and crash..."));
    tree_model_->setHorizontalHeaderLabels({tr("Folders")});
    tree_->setAccessibleName(tr("Folders"));
    if (list_->columnCount() > 0) emit list_->headerDataChanged(Qt::Horizontal, 0, list_->columnCount() - 1);
    table_->setAccessibleName(tr("Files in the folder"));
    cancel_->setText(tr("Cancel"));
    no_disk_banner_->setText(RootFsStatus::from_sys_info(session_->root_fs().info).text);
    update_backend();
  });
}

bool FilesPanel::available() const { return stack_->content_shown(); }
QString FilesPanel::availability_message() const { return stack_->message(); }
QString FilesPanel::status_text() const { return status_->text(); }
bool FilesPanel::no_disk_banner_shown() const { return !no_disk_banner_->isHidden(); }
QString FilesPanel::no_disk_banner_text() const { return no_disk_banner_->text(); }

void FilesPanel::update_backend() {
  FsBackend* want = nullptr;
  QString title, detail;
  const bool running = session_->is_running();
  if (running) {
    if (!session_->control_ready()) {
      title = tr("Files: waiting for the kernel's control port...");
    } else if (!session_->control()->has_capability("fs")) {
      title = tr("Files: not available in this kernel");
      detail = tr("The kernel did not announce the \"fs\" capability (fs.list, fs.read, fs.write...). "
                  "Its capabilities: %1.")
                   .arg(session_->control()->capabilities().join(", "));
    } else {
      want = remote_;
    }
  } else {
    QString disk_error;
    const QString disk = AppSettings::load().resolved_disk(&disk_error);
    if (disk.isEmpty()) {
      title = tr("Files: no disk image");
      detail = tr("The VM is off and has no disk image. Choose an ext4 image in Settings to browse it "
                  "offline, or start the VM.");
    } else {
      if (!image_ || image_path_ != disk) {
        delete image_;
        image_ = new ImageFs(this);
        image_path_ = disk;
        QString error;
        if (!image_->open(disk, &error)) {
          delete image_;
          image_ = nullptr;
          title = tr("Files: cannot read the disk image");
          detail = error;
        }
      }
      want = image_;
      if (!image_ && title.isEmpty()) title = tr("Files: cannot read the disk image");
    }
  }
  if (!want) {
    if (running) {
      delete image_;
      image_ = nullptr;
      image_path_.clear();
    }
    backend_ = nullptr;
    list_->set_entries({});
    stack_->show_message(title, detail);
    update_crash_button();
    return;
  }
  if (running && image_) {
    delete image_;  // a running VM owns its disk: reopen the image after it stops
    image_ = nullptr;
    image_path_.clear();
  }
  const bool changed = backend_ != want;
  backend_ = want;
  stack_->show_content();
  source_->setText(backend_->describe());
  for (QPushButton* b : write_buttons_) b->setEnabled(backend_->writable());
  update_crash_button();
  if (changed) {
    tree_model_->clear();
    auto* root = new QStandardItem(style()->standardIcon(QStyle::SP_DriveHDIcon), "/");
    root->setData("/", kPathRole);
    root->appendRow(new QStandardItem(tr("loading...")));
    tree_model_->appendRow(root);
    tree_->expand(root->index());
    navigate("/");
  }
}

void FilesPanel::set_busy(const QString& what) {
  busy_ = true;
  status_->setStyleSheet(QString());
  status_->setText(what);
  progress_->setRange(0, 0);
  progress_->setVisible(true);
}

void FilesPanel::finish(const QString& what, const QString& error, bool reload) {
  busy_ = false;
  progress_->setVisible(false);
  cancel_->setVisible(false);
  if (error.isEmpty()) {
    status_->setStyleSheet(QString());
    status_->setText(tr("%1: done").arg(what));
    emit log_message("info", "files", tr("%1: done").arg(what));
  } else {
    status_->setStyleSheet("color: #c62828;");
    status_->setText(tr("%1 failed: %2").arg(what, error));
    emit log_message("error", "files", tr("%1 failed: %2").arg(what, error));
  }
  emit operation_finished(what, error);
  if (reload) refresh();
}

void FilesPanel::navigate(const QString& path) {
  if (!backend_) return;
  QString p = path.isEmpty() ? QStringLiteral("/") : path;
  if (!p.startsWith('/')) p.prepend('/');
  set_busy(tr("Listing %1...").arg(p));
  backend_->list(p, [this, p, b = backend_](const QList<FsEntry>& entries, const QString& error) {
    if (b != backend_) return;
    busy_ = false;
    progress_->setVisible(false);
    if (!error.isEmpty()) {
      status_->setStyleSheet("color: #c62828;");
      status_->setText(tr("Cannot list %1: %2").arg(p, error));
      emit log_message("error", "files", status_->text());
      emit listed(p, -1);
      return;
    }
    cwd_ = p;
    path_edit_->setText(p);
    list_->set_entries(entries);
    table_->resizeColumnToContents(FileListModel::Modified);
    status_->setStyleSheet(QString());
    status_->setText(tr("%1: %n entries", "", entries.size()).arg(p));
    emit listed(p, entries.size());
  });
}

void FilesPanel::refresh() { navigate(cwd_); }

void FilesPanel::expand_tree_item(QStandardItem* item) {
  if (!item || !backend_ || item->data(kLoadedRole).toBool()) return;
  item->setData(true, kLoadedRole);
  const QString path = item->data(kPathRole).toString();
  QPersistentModelIndex index(item->index());
  backend_->list(path, [this, index, path](const QList<FsEntry>& entries, const QString& error) {
    QStandardItem* it = tree_model_->itemFromIndex(index);
    if (!it) return;
    it->removeRows(0, it->rowCount());
    if (!error.isEmpty()) {
      it->appendRow(new QStandardItem(tr("(error: %1)").arg(error)));
      return;
    }
    QList<FsEntry> dirs;
    for (const FsEntry& e : entries)
      if (e.type == "dir") dirs << e;
    std::sort(dirs.begin(), dirs.end(), [](const FsEntry& a, const FsEntry& b) { return a.name < b.name; });
    for (const FsEntry& e : dirs) {
      auto* child = new QStandardItem(style()->standardIcon(QStyle::SP_DirIcon), e.name);
      child->setData(join_path(path, e.name), kPathRole);
      child->appendRow(new QStandardItem(tr("loading...")));
      it->appendRow(child);
    }
  });
}

QString FilesPanel::selected_name() const {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return {};
  const FsEntry* e = list_->entry(rows.first().row());
  return e ? e->name : QString();
}

void FilesPanel::create_file(const QString& name, const QByteArray& data) {
  if (!backend_) return;
  const QString path = join_path(cwd_, name);
  const QString what = tr("Create %1").arg(path);
  set_busy(what + "...");
  backend_->write(path, data, true, nullptr, [this, what](const QString& e) { finish(what, e); });
}

void FilesPanel::make_directory(const QString& name) {
  if (!backend_) return;
  const QString path = join_path(cwd_, name);
  const QString what = tr("Make folder %1").arg(path);
  set_busy(what + "...");
  backend_->mkdir(path, [this, what](const QString& e) { finish(what, e); });
}

void FilesPanel::rename_entry(const QString& name, const QString& new_name) {
  if (!backend_) return;
  const QString from = join_path(cwd_, name);
  const QString to = new_name.startsWith('/') ? new_name : join_path(cwd_, new_name);
  const QString what = tr("Rename %1 to %2").arg(from, to);
  set_busy(what + "...");
  backend_->rename(from, to, [this, what](const QString& e) { finish(what, e); });
}

void FilesPanel::delete_entry(const QString& name, bool recursive) {
  if (!backend_) return;
  const QString path = join_path(cwd_, name);
  const QString what = tr("Delete %1").arg(path);
  set_busy(what + "...");
  backend_->remove(path, recursive, [this, what](const QString& e) { finish(what, e); });
}

void FilesPanel::upload(const QStringList& local_paths) {
  if (!backend_ || local_paths.isEmpty()) return;
  if (!backend_->writable()) {
    finish(tr("Upload"), tr("the disk image is browsed read-only while the VM is off: start the VM to change files"), false);
    return;
  }
  const QString local = local_paths.first();
  const QStringList rest = local_paths.mid(1);
  const QFileInfo info(local);
  const QString target = join_path(cwd_, info.fileName());
  const QString what = tr("Upload %1 to %2").arg(local, target);
  QFile f(local);
  if (!info.isFile()) {
    finish(what, tr("not a regular file (folders are not uploaded)"), false);
    return upload(rest);
  }
  if (info.size() > kUploadLimit) {
    finish(what, tr("larger than %1 MiB").arg(kUploadLimit >> 20), false);
    return upload(rest);
  }
  if (!f.open(QIODevice::ReadOnly)) {
    finish(what, f.errorString(), false);
    return upload(rest);
  }
  const QByteArray data = f.readAll();
  set_busy(what + "...");
  progress_->setRange(0, 1000);
  cancel_->setVisible(true);
  backend_->write(
      target, data, false,
      [this](qint64 done, qint64 total) {
        progress_->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 1000);
        status_->setText(tr("Uploading: %1 of %2 bytes").arg(done).arg(total));
      },
      [this, what, rest](const QString& e) {
        finish(what, e, rest.isEmpty());
        if (!rest.isEmpty() && e.isEmpty()) upload(rest);
      });
}

void FilesPanel::view_file(const QString& name) {
  if (!backend_ || name.isEmpty()) return;
  const QString path = join_path(cwd_, name);
  const QString what = tr("Read %1").arg(path);
  set_busy(what + "...");
  progress_->setRange(0, 1000);
  cancel_->setVisible(true);
  backend_->read(
      path, kViewLimit,
      [this](qint64 done, qint64 total) { progress_->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 1000); },
      [this, what, path](const QByteArray& data, qint64 size, const QString& error) {
        finish(what, error, false);
        if (!error.isEmpty()) return;
        auto* dialog = new QDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName("file_view_dialog");
        dialog->setWindowTitle(path);
        auto* l = new QVBoxLayout(dialog);
        const bool binary = data.contains('\0');
        QString note = tr("%1 bytes").arg(size);
        if (size > data.size()) note += tr(", first %1 shown").arg(data.size());
        if (binary) note += tr(", binary: hex dump");
        l->addWidget(new QLabel(note, dialog));
        auto* text = new QPlainTextEdit(dialog);
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setPlainText(binary ? hex_dump(data) : QString::fromUtf8(data));
        l->addWidget(text, 1);
        auto* bb = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(bb, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        l->addWidget(bb);
        dialog->resize(800, 600);
        dialog->show();
      });
}

void FilesPanel::ask_new_file() {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("New file"), tr("Name in %1:").arg(cwd_), QLineEdit::Normal, QString(), &ok);
  if (!ok || name.trimmed().isEmpty()) return;
  const QString text = QInputDialog::getMultiLineText(this, tr("New file"), tr("Contents (may be empty):"), QString(), &ok);
  if (!ok) return;
  create_file(name.trimmed(), text.toUtf8());
}

void FilesPanel::ask_new_folder() {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("New folder"), tr("Name in %1:").arg(cwd_), QLineEdit::Normal, QString(), &ok);
  if (ok && !name.trimmed().isEmpty()) make_directory(name.trimmed());
}

void FilesPanel::ask_rename() {
  const QString name = selected_name();
  if (name.isEmpty()) return;
  bool ok = false;
  const QString to = QInputDialog::getText(this, tr("Rename"), tr("New name (or absolute path):"), QLineEdit::Normal, name, &ok);
  if (ok && !to.trimmed().isEmpty() && to != name) rename_entry(name, to.trimmed());
}

void FilesPanel::ask_delete() {
  const QString name = selected_name();
  if (name.isEmpty()) return;
  const FsEntry* e = list_->entry(table_->selectionModel()->selectedRows().first().row());
  const bool dir = e && e->type == "dir";
  const auto answer = QMessageBox::question(
      this, tr("Delete"),
      dir ? tr("Delete the folder %1 and everything in it?").arg(join_path(cwd_, name)) : tr("Delete %1?").arg(join_path(cwd_, name)));
  if (answer == QMessageBox::Yes) delete_entry(name, dir);
}

void FilesPanel::ask_upload() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Upload files to %1").arg(cwd_));
  upload(files);
}

// ---- Write and crash ----

void FilesPanel::update_crash_button() {
  // The demo needs the live guest: a running kernel with crash.inject and fs.*.
  const bool live = backend_ == remote_ && session_->control_ready() && session_->control()->has_capability("crash");
  write_crash_->setEnabled(live && !crash_run_);
  write_crash_->setToolTip(live ? tr("Write a file and cut the power at a chosen point of the journal's work; "
                                     "after the reboot, see what survived and why")
                                : tr("Needs the running VM with a kernel that offers crash.inject and fs.*"));
}

QString FilesPanel::crash_target() const {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  const FsEntry* e = rows.isEmpty() ? nullptr : list_->entry(rows.first().row());
  if (e && e->type != "dir") return join_path(cwd_, e->name);
  const QString dir = e ? join_path(cwd_, e->name) : cwd_;
  return join_path(dir, QStringLiteral("crash-demo.txt"));
}

bool FilesPanel::select_entry(const QString& name) {
  const int row = list_->names().indexOf(name);
  if (row < 0) return false;
  table_->selectRow(row);
  return true;
}

void FilesPanel::ask_write_and_crash() {
  if (!write_crash_->isEnabled()) return;
  WriteCrashDialog dialog(crash_target(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  const WriteCrashRequest q = dialog.request(&error);
  if (!error.isEmpty()) return finish(tr("Write and crash"), error, false);
  write_and_crash(q);
}

void FilesPanel::write_and_crash(const WriteCrashRequest& request) {
  if (crash_run_) return;
  const QString what = tr("Write and crash %1 (%2)").arg(request.path, request.point);
  set_busy(what + "...");
  crash_run_ = new WriteCrashRun(session_, request, this);
  connect(crash_run_, &WriteCrashRun::progress, this, [this, what](const QString& step) {
    status_->setText(tr("%1: %2").arg(what, step));
    emit log_message("info", "files", tr("%1: %2").arg(what, step));
  });
  connect(crash_run_, &WriteCrashRun::finished, this, [this, what](const WriteCrashResult& r) {
    crash_run_->deleteLater();
    crash_run_ = nullptr;
    update_crash_button();
    finish(what, r.error, backend_ != nullptr);
    if (!crash_view_) {
      auto* dialog = new QDialog(this);
      dialog->setObjectName("write_crash_result");
      dialog->setWindowTitle(tr("After the crash"));
      auto* l = new QVBoxLayout(dialog);
      crash_view_ = new WriteCrashView(dialog);
      l->addWidget(crash_view_, 1);
      auto* bb = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
      connect(bb, &QDialogButtonBox::rejected, dialog, &QDialog::close);
      l->addWidget(bb);
      dialog->resize(1200, 560);
    }
    crash_view_->set_result(r);
    crash_view_->window()->show();
    crash_view_->window()->raise();
    emit crash_demo_finished(r);
  });
  update_crash_button();
  crash_run_->start();
}

}  // namespace sis::desktop
