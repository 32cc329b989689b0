#include "remote_host_chooser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStandardItemModel>

#include "app_settings.h"
#include "remote_host_settings.h"
#include "retranslate_hook.h"

namespace sis::desktop {

RemoteHostChooser::RemoteHostChooser(QWidget* parent) : QWidget(parent) {
  setObjectName("remote_host_chooser");
  label_ = new QLabel(this);
  combo_ = new QComboBox(this);
  combo_->setObjectName("welcome_host_choice");
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  label_->setBuddy(combo_);
  hint_ = new QLabel(this);
  hint_->setObjectName("welcome_host_hint");
  hint_->setWordWrap(true);
  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(label_);
  row->addWidget(combo_);
  row->addStretch(1);
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  v->addLayout(row);
  v->addWidget(hint_);
  connect(combo_, &QComboBox::activated, this, &RemoteHostChooser::chosen);
  keep_translated(this, [this] {
    label_->setText(tr("&Host:"));
    combo_->setAccessibleName(tr("Where the VM runs"));
    refresh();
  });
}

void RemoteHostChooser::showEvent(QShowEvent* event) {
  refresh();
  QWidget::showEvent(event);
}

bool RemoteHostChooser::remote_chosen() const { return combo_->currentIndex() == 1 && combo_->isEnabled(); }

void RemoteHostChooser::refresh() {
  const AppSettings s = AppSettings::load();
  const RemoteHostSettings host = RemoteHostSettings::load_saved();
  const bool have_host = host.enabled() && host.validate().isEmpty();
  combo_->blockSignals(true);
  combo_->clear();
  combo_->addItem(tr("This computer (QEMU, TCG)"));
  combo_->addItem(have_host ? tr("%1 (over SSH)").arg(host.target.trimmed()) : tr("A remote host (set one in Settings)"));
  if (!have_host) {
    // Shown, so people learn the choice exists, but not selectable.
    if (auto* model = qobject_cast<QStandardItemModel*>(combo_->model())) model->item(1)->setEnabled(false);
  }
  combo_->setCurrentIndex(have_host && s.run_on_remote_host ? 1 : 0);
  combo_->blockSignals(false);
  hint_->setText(remote_chosen()
                     ? tr("QEMU runs there; its QMP, control port and console come here over one SSH connection. "
                          "Disk: %1.")
                           .arg(host.disk.isEmpty() ? tr("a copy of the default disk, made there on first use") : host.disk)
                     : QString());
  hint_->setVisible(remote_chosen());
}

void RemoteHostChooser::chosen(int index) {
  AppSettings s = AppSettings::load();
  s.run_on_remote_host = index == 1;
  s.save();
  refresh();
}

}  // namespace sis::desktop
