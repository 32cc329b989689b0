#include "snapshot_dialog.h"

#include <QAction>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "retranslate_hook.h"
#include "vm/snapshot_store.h"
#include "vm_session.h"

namespace sis::desktop {

namespace {

QString default_name() { return QDateTime::currentDateTime().toString("'snapshot-'yyyyMMdd-HHmmss"); }

}  // namespace

SnapshotDialog::SnapshotDialog(VmSession* session, QWidget* parent)
    : QDialog(parent),
      session_(session),
      list_(new QTreeWidget(this)),
      name_(new QLineEdit(this)),
      take_(new QPushButton(this)),
      restore_(new QPushButton(this)),
      delete_(new QPushButton(this)),
      status_(new QLabel(this)) {
  setObjectName("snapshot_dialog");
  list_->setObjectName("snapshot_list");
  list_->setRootIsDecorated(false);
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  name_->setObjectName("snapshot_name");
  name_->setText(default_name());
  take_->setObjectName("snapshot_take");
  restore_->setObjectName("snapshot_restore");
  delete_->setObjectName("snapshot_delete");
  status_->setObjectName("snapshot_status");
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // The dialog stays alive between uses: its texts follow a language switch.
  keep_translated(this, [this] {
    setWindowTitle(tr("Snapshots"));
    take_->setText(tr("&Take snapshot"));
    take_->setToolTip(tr("Pause the VM, save its RAM, devices and disk, resume it"));
    restore_->setText(tr("&Restore"));
    restore_->setToolTip(tr("Put the running VM back into the selected snapshot (RAM, devices and disk)"));
    delete_->setText(tr("&Delete"));
    list_->setAccessibleName(tr("Snapshots"));
    list_->setHeaderLabels({tr("Name"), tr("Taken"), tr("VM state"), tr("Guest uptime"), tr("Size")});
    name_->setAccessibleName(tr("New snapshot name"));
    name_->setPlaceholderText(tr("name of the new snapshot"));
    const bool vm_up = session_->state() != VmSession::State::Off && session_->state() != VmSession::State::Starting &&
                       session_->state() != VmSession::State::Stopping;
    if (!vm_up) status_->clear();  // the hint below is said again in the new language
    update_buttons();
  });

  auto* take_row = new QHBoxLayout;
  take_row->addWidget(name_, 1);
  take_row->addWidget(take_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  buttons->addButton(restore_, QDialogButtonBox::ActionRole);
  buttons->addButton(delete_, QDialogButtonBox::ActionRole);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(take_row);
  layout->addWidget(list_, 1);
  layout->addWidget(status_);
  layout->addWidget(buttons);
  resize(640, 360);

  connect(take_, &QPushButton::clicked, this, &SnapshotDialog::take);
  connect(name_, &QLineEdit::returnPressed, this, &SnapshotDialog::take);
  connect(restore_, &QPushButton::clicked, this, &SnapshotDialog::restore_selected);
  connect(delete_, &QPushButton::clicked, this, &SnapshotDialog::delete_selected);
  connect(list_, &QTreeWidget::itemSelectionChanged, this, &SnapshotDialog::update_buttons);
  connect(list_, &QTreeWidget::itemActivated, this, [this] { restore_selected(); });
  connect(session_, &VmSession::snapshots_changed, this, &SnapshotDialog::refresh);
  connect(session_, &VmSession::state_changed, this, &SnapshotDialog::update_buttons);
  connect(session_, &VmSession::snapshot_progress, this, [this](const QString& step) { set_status(step + "..."); });
  connect(session_, &VmSession::snapshot_finished, this,
          [this](const QString& op, const QString& name, bool ok, const QString& error) {
            if (!ok)
              set_status(op == "save" ? tr("Snapshot '%1' failed: %2").arg(name, error)
                                      : tr("Restoring '%1' failed: %2").arg(name, error),
                         true);
            else
              set_status(op == "save" ? tr("Snapshot '%1' taken.").arg(name) : tr("Snapshot '%1' restored.").arg(name));
            update_buttons();
          });
  refresh();
}

QString SnapshotDialog::status_text() const { return status_->text(); }

void SnapshotDialog::set_status(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? "color: #c0392b;" : QString());
}

void SnapshotDialog::refresh() {
  const QString keep = selected_name();
  list_->clear();
  for (const auto& s : session_->snapshots()) {
    const QString taken = QDateTime::fromString(s.created, Qt::ISODateWithMs).toLocalTime().toString("yyyy-MM-dd HH:mm:ss");
    const QString uptime = s.uptime_ns < 0 ? tr("unknown") : tr("%1 s").arg(s.uptime_ns / 1e9, 0, 'f', 1);
    const QString size = tr("%1 MiB").arg((s.state_bytes + s.disk_bytes) / 1048576.0, 0, 'f', 1);
    auto* item = new QTreeWidgetItem(list_, {s.name, taken, s.status, uptime, size});
    item->setData(0, Qt::UserRole, s.name);
    if (s.name == keep) item->setSelected(true);
  }
  // The newest is selected by default: restoring the last snapshot is one click.
  if (list_->selectedItems().isEmpty() && list_->topLevelItemCount() > 0)
    list_->topLevelItem(list_->topLevelItemCount() - 1)->setSelected(true);
  update_buttons();
}

QString SnapshotDialog::selected_name() const {
  const auto items = list_->selectedItems();
  return items.isEmpty() ? QString() : items.first()->data(0, Qt::UserRole).toString();
}

void SnapshotDialog::update_buttons() {
  const bool vm_up = session_->state() == VmSession::State::Running || session_->state() == VmSession::State::Paused ||
                     session_->state() == VmSession::State::Panicked;
  const bool idle = !session_->snapshot_busy();
  const bool selected = !selected_name().isEmpty();
  take_->setEnabled(vm_up && idle);
  restore_->setEnabled(vm_up && idle && selected);
  delete_->setEnabled(idle && selected);
  if (!vm_up && status_->text().isEmpty()) set_status(tr("Start the VM to take or restore snapshots."));
}

void SnapshotDialog::take() {
  const QString name = name_->text().trimmed();
  if (!sis::host::SnapshotStore::valid_name(name)) {
    set_status(tr("'%1' is not a valid name: letters, digits, '.', '-', '_' (at most 64).").arg(name), true);
    return;
  }
  set_status(tr("Taking snapshot '%1'...").arg(name));
  QPointer<SnapshotDialog> self(this);
  session_->save_snapshot(name, [self](bool ok, const QString&) {
    if (self && ok) self->name_->setText(default_name());
  });
  update_buttons();
}

void SnapshotDialog::restore_selected() {
  const QString name = selected_name();
  if (name.isEmpty() || !restore_->isEnabled()) return;
  for (const auto& s : session_->snapshots()) {
    if (s.name != name) continue;
    if (const QString why = session_->snapshot_incompatibility(s); !why.isEmpty()) {
      set_status(why, true);
      return;
    }
  }
  set_status(tr("Restoring '%1'...").arg(name));
  session_->load_snapshot(name);
  update_buttons();
}

void SnapshotDialog::delete_selected() {
  const QString name = selected_name();
  if (name.isEmpty()) return;
  QString error;
  if (!session_->delete_snapshot(name, &error))
    set_status(error, true);
  else
    set_status(tr("Snapshot '%1' deleted.").arg(name));
}

QAction* make_snapshot_action(QMainWindow* window, VmSession* session) {
  auto* a = new QAction(QIcon(":/icons/snapshot.svg"), SnapshotDialog::tr("Snapshots..."), window);
  a->setObjectName("action_snapshots");
  a->setToolTip(SnapshotDialog::tr("Take, list, restore and delete snapshots of the VM (RAM, devices and disk)"));
  QObject::connect(a, &QAction::triggered, window, [window, session] {
    auto* dialog = window->findChild<SnapshotDialog*>("snapshot_dialog");
    if (!dialog) {
      dialog = new SnapshotDialog(session, window);
      dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    dialog->refresh();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
  });
  return a;
}

}  // namespace sis::desktop
