// The Console tab: the kernel's UART shell (ConsoleWidget) under a row with "busybox sh",
// which hands the terminal to /bin/sh (it types the kernel's `sh` command: busybox sh runs
// on the console tty with line editing and job control until `exit`, then the kernel's
// shell is back).
#pragma once
#include <QWidget>

class QLabel;
class QPushButton;

namespace sis::desktop {

class ConsoleWidget;
class VmSession;

class ConsolePanel : public QWidget {
  Q_OBJECT
 public:
  ConsolePanel(VmSession* session, ConsoleWidget* console, QWidget* parent = nullptr);
  // What the button does: types `sh` at the kernel's prompt and gives the terminal focus.
  void hand_to_busybox_sh();
  QPushButton* sh_button() const { return sh_button_; }

 private:
  VmSession* session_;
  ConsoleWidget* console_;
  QPushButton* sh_button_;
  QLabel* hint_;
};

}  // namespace sis::desktop
