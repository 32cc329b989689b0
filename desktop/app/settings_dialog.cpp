#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace sis::desktop {

QLineEdit* SettingsDialog::path_row(const QString& value, const QString& placeholder, const QString& name, QWidget** row) {
  auto* w = new QWidget(this);
  auto* h = new QHBoxLayout(w);
  h->setContentsMargins(0, 0, 0, 0);
  auto* edit = new QLineEdit(value, w);
  edit->setPlaceholderText(placeholder);
  edit->setClearButtonEnabled(true);
  // The form's label names the row, not the line edit in it: name both parts for a screen reader.
  edit->setAccessibleName(name);
  auto* browse = new QPushButton(tr("Browse..."), w);
  browse->setAccessibleName(tr("Browse: %1").arg(name));
  connect(browse, &QPushButton::clicked, this, [this, edit] {
    const QString p = QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
    if (!p.isEmpty()) edit->setText(p);
  });
  h->addWidget(edit, 1);
  h->addWidget(browse);
  *row = w;
  return edit;
}

SettingsDialog::SettingsDialog(const AppSettings& s, QWidget* parent) : QDialog(parent), base_(s) {
  setObjectName("settings_dialog");
  setWindowTitle(tr("Settings"));
  auto* form = new QFormLayout;
  QWidget* row = nullptr;
  qemu_ = path_row(s.qemu, tr("automatic: %1").arg(AppSettings{}.resolved_qemu()), tr("QEMU binary"), &row);
  form->addRow(tr("QEMU binary:"), row);
  kernel_ = path_row(s.kernel, tr("automatic: %1").arg(AppSettings{}.resolved_kernel()), tr("Kernel image"), &row);
  form->addRow(tr("Kernel image:"), row);
  disk_ = path_row(s.disk, tr("default disk (a copy of sis-disk.img); \"none\" for no disk"), tr("Disk image"), &row);
  form->addRow(tr("Disk image:"), row);
  memory_ = new QSpinBox(this);
  memory_->setRange(64, 16384);
  memory_->setSingleStep(64);
  memory_->setSuffix(tr(" MiB"));
  memory_->setValue(static_cast<int>(s.memory_mib));
  form->addRow(tr("Memory:"), memory_);
  cpus_ = new QSpinBox(this);
  cpus_->setRange(1, 8);
  cpus_->setValue(static_cast<int>(s.cpus));
  form->addRow(tr("CPUs:"), cpus_);
  cpu_model_ = new QComboBox(this);
  cpu_model_->setEditable(true);
  cpu_model_->addItems({"cortex-a72", "cortex-a57", "cortex-a53", "neoverse-n1", "max"});
  cpu_model_->setCurrentText(s.cpu_model);
  form->addRow(tr("CPU model:"), cpu_model_);
  extra_ = new QLineEdit(s.extra_args, this);
  extra_->setPlaceholderText(tr("e.g. -d guest_errors"));
  form->addRow(tr("Extra QEMU arguments:"), extra_);
  rate_ = new QSpinBox(this);
  rate_->setRange(1, 50);
  rate_->setSuffix(tr(" Hz"));
  rate_->setValue(s.metrics_rate_hz);
  form->addRow(tr("Metrics rate:"), rate_);
  language_ = new QComboBox(this);
  language_->addItem(tr("System language"), QString());
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
  language_->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
  language_->setCurrentIndex(qMax(0, language_->findData(s.language)));
  form->addRow(tr("Language:"), language_);
  // The remote host (docs/remote.md): where VMs may run instead of this computer.
  const RemoteHostSettings host = RemoteHostSettings::load_saved();
  remote_ = new QLineEdit(s.remote_host, this);
  remote_->setObjectName("settings_remote_host");
  remote_->setPlaceholderText(tr("user@host[:port]; empty: VMs run on this computer"));
  remote_->setClearButtonEnabled(true);
  remote_->setAccessibleName(tr("Remote host"));
  form->addRow(tr("Remote host (SSH):"), remote_);
  identity_ = path_row(host.identity, tr("the SSH agent, then ~/.ssh/id_*"), tr("SSH key file"), &row);
  identity_->setObjectName("settings_remote_identity");
  form->addRow(tr("SSH key file:"), row);
  known_hosts_ = path_row(host.known_hosts, QStringLiteral("~/.ssh/known_hosts"), tr("Known hosts file"), &row);
  known_hosts_->setObjectName("settings_remote_known_hosts");
  form->addRow(tr("Known hosts file:"), row);
  remote_disk_ = new QLineEdit(host.disk, this);
  remote_disk_->setObjectName("settings_remote_disk");
  remote_disk_->setPlaceholderText(tr("a copy of the default disk, made there on first use"));
  remote_disk_->setAccessibleName(tr("Disk image on the remote host"));
  form->addRow(tr("Disk on the remote host:"), remote_disk_);
  check_ = new QPushButton(tr("Check connection"), this);
  check_->setObjectName("settings_remote_check");
  check_->setToolTip(tr("Connect over SSH, verify the host key and look for QEMU there"));
  check_result_ = new QLabel(this);
  check_result_->setObjectName("settings_remote_result");
  check_result_->setWordWrap(true);
  check_result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* check_row = new QWidget(this);
  auto* check_box = new QHBoxLayout(check_row);
  check_box->setContentsMargins(0, 0, 0, 0);
  check_box->addWidget(check_);
  check_box->addWidget(check_result_, 1);
  form->addRow(QString(), check_row);
  host_check_ = new RemoteHostCheck(this);
  connect(check_, &QPushButton::clicked, this, [this] { check_host(false); });
  connect(host_check_, &RemoteHostCheck::finished, this, &SettingsDialog::on_checked);
  auto* note = new QLabel(tr("VM settings apply at the next Start; the language at once."), this);
  note->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* v = new QVBoxLayout(this);
  v->addLayout(form);
  v->addWidget(note);
  v->addWidget(buttons);
  resize(640, sizeHint().height());
}

RemoteHostSettings SettingsDialog::remote_host_settings() const {
  RemoteHostSettings r;
  r.target = remote_->text().trimmed();
  r.identity = identity_->text().trimmed();
  r.known_hosts = known_hosts_->text().trimmed();
  r.disk = remote_disk_->text().trimmed();
  return r;
}

void SettingsDialog::check_host(bool trust_new_key) {
  check_trusting_ = trust_new_key;
  if (!host_check_->start(remote_host_settings(), trust_new_key)) return;  // one runs already
  check_->setEnabled(false);
  check_result_->setStyleSheet(QString());
  check_result_->setText(tr("Connecting to %1...").arg(remote_->text().trimmed()));
}

void SettingsDialog::on_checked(const RemoteHostCheck::Result& r) {
  check_->setEnabled(true);
  using sis::remote::ConnectFailure;
  if (!r.ok && r.failure == ConnectFailure::UnknownHostKey && !check_trusting_) {
    check_result_->setText(tr("The host's key is not known yet."));
    if (ask_to_trust_host_key(this, remote_->text().trimmed(), r.message)) check_host(true);
    return;
  }
  // A changed key is refused here and never offered for trust (RemoteHostCheck's message says why).
  const bool bad = !r.ok || r.qemu.isEmpty();
  check_result_->setStyleSheet(bad ? QStringLiteral("QLabel { color: #c62828; }") : QString());
  check_result_->setText(r.failure == ConnectFailure::ChangedHostKey ? tr("Refused: %1").arg(r.message) : r.message);
}

AppSettings SettingsDialog::settings() const {
  AppSettings s = base_;
  s.qemu = qemu_->text().trimmed();
  s.kernel = kernel_->text().trimmed();
  s.disk = disk_->text().trimmed();
  s.memory_mib = static_cast<unsigned>(memory_->value());
  s.cpus = static_cast<unsigned>(cpus_->value());
  s.cpu_model = cpu_model_->currentText().trimmed();
  s.extra_args = extra_->text().trimmed();
  s.metrics_rate_hz = rate_->value();
  s.language = language_->currentData().toString();
  s.remote_host = remote_->text().trimmed();
  return s;
}

}  // namespace sis::desktop
