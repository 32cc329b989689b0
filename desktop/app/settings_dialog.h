// Settings: how the VM is launched (QEMU binary, memory, CPUs, CPU model, disk image, kernel
// image, extra QEMU arguments), the metrics rate, the language, and the remote host (kept for
// the remote-host issue; not used yet). Saved with QSettings by AppSettings.
#pragma once
#include <QDialog>

#include "app_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace sis::desktop {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);
  AppSettings settings() const;

 private:
  QLineEdit* path_row(const QString& value, const QString& placeholder, const QString& name, QWidget** row);

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
};

}  // namespace sis::desktop
