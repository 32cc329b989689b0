// The welcome page's "Where the VM runs" choice (WelcomePage::set_host_chooser): this
// computer, or the remote host set in Settings (over SSH, docs/remote.md). The choice is
// AppSettings::run_on_remote_host, so the toolbar's Start repeats it. Without a remote host
// in Settings the second entry says where to set one and cannot be chosen.
#pragma once
#include <QWidget>

class QComboBox;
class QLabel;

namespace sis::desktop {

class RemoteHostChooser : public QWidget {
  Q_OBJECT
 public:
  explicit RemoteHostChooser(QWidget* parent = nullptr);

  // Reads the settings again (the host may have been set or changed).
  void refresh();
  QComboBox* combo() const { return combo_; }
  bool remote_chosen() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void chosen(int index);

  QLabel* label_;
  QComboBox* combo_;
  QLabel* hint_;
};

}  // namespace sis::desktop
