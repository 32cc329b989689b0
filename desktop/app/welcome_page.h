// The start screen, shown in place of the dashboard while no VM runs (MainWindow): where the
// VM runs, "Start with the default disk", "Open disk image...", the disk images started
// recently (AppSettings::recent_disks), and a line saying what is missing to boot (no QEMU,
// no kernel image) before the user finds out from an error.
//
// The remote-host choice (SSH hosts, issue 20) plugs in with set_host_chooser(): one call in
// MainWindow's constructor hands the page the widget that picks the host; until then the page
// says the VM runs on this computer.
#pragma once
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace sis::desktop {

class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);

  // Puts `chooser` (a widget the page takes ownership of) where the host is chosen, replacing
  // the "This computer" line.
  void set_host_chooser(QWidget* chooser);
  QWidget* host_chooser() const { return host_chooser_; }
  // Reads the recent disks and what is missing to boot again (settings may have changed).
  void refresh();

  QListWidget* recent_list() const { return recent_; }
  QPushButton* default_disk_button() const { return default_button_; }
  QPushButton* open_disk_button() const { return open_button_; }
  QPushButton* start_selected_button() const { return start_selected_; }
  QPushButton* forget_button() const { return forget_; }
  QString readiness_text() const;

 signals:
  // Start the VM with `disk`: "" = the default disk, else an image path.
  void start_requested(const QString& disk);
  void settings_requested();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void open_disk();
  void start_selected();
  void forget_selected();
  void update_buttons();

  QLabel* title_;
  QLabel* subtitle_;
  QLabel* host_heading_;
  QVBoxLayout* host_box_;
  QLabel* local_host_;
  QWidget* host_chooser_ = nullptr;
  QPushButton* default_button_;
  QPushButton* open_button_;
  QPushButton* settings_button_;
  QLabel* recent_heading_;
  QListWidget* recent_;
  QLabel* recent_empty_;
  QPushButton* start_selected_;
  QPushButton* forget_;
  QLabel* readiness_;
};

}  // namespace sis::desktop
