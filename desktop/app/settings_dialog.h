// Settings: how the VM is launched (QEMU binary, memory, CPUs, CPU model, disk image, kernel
// image, extra QEMU arguments), the metrics rate, the language, and the remote host that VMs
// may run on (docs/remote.md: user@host[:port], key file, known_hosts file, the disk there),
// with "Check connection" (RemoteHostCheck, off the GUI thread): an unknown host key is shown
// and the user asked whether to trust it; a changed key is refused with the reason. Saved
// with QSettings by AppSettings and RemoteHostSettings.
#pragma once
#include <QDialog>

#include "app_settings.h"
#include "remote_host_settings.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sis::desktop {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);
  AppSettings settings() const;
  RemoteHostSettings remote_host_settings() const;
  QPushButton* check_button() const { return check_; }
  QLabel* check_result() const { return check_result_; }
  RemoteHostCheck* host_check() const { return host_check_; }

 private:
  QLineEdit* path_row(const QString& value, const QString& placeholder, const QString& name, QWidget** row);
  void check_host(bool trust_new_key);
  void on_checked(const RemoteHostCheck::Result& result);

  AppSettings base_;
  QLineEdit* qemu_;
  QLineEdit* kernel_;
  QLineEdit* disk_;
  QSpinBox* memory_;
  QSpinBox* cpus_;
  QComboBox* cpu_model_;
  QLineEdit* extra_;
  QSpinBox* rate_;
  QComboBox* language_;
  QLineEdit* remote_;
  QLineEdit* identity_;
  QLineEdit* known_hosts_;
  QLineEdit* remote_disk_;
  QPushButton* check_;
  QLabel* check_result_;
  RemoteHostCheck* host_check_;
  bool check_trusting_ = false;
};

}  // namespace sis::desktop
