// SIS Control Center's main window: the VM toolbar (Start, Pause/Resume, Reset, Power off,
// Force stop), a status bar with the VM state from QMP events and the control port's state,
// and one dock per panel (Dashboard, Console, Files, Crash lab, Language model, Processes,
// Traces, Log, Profiler). While no VM runs, the Dashboard dock shows the welcome page
// (welcome_page.h) instead of empty charts. Geometry and dock layout persist in QSettings
// ("window/geometry", "window/state"); the panels keep their own settings. View > Go to
// (Ctrl+1..Ctrl+9) brings a dock forward and puts the keyboard focus in it; View > Language
// switches the language at once (ui_language.h); every text follows QEvent::LanguageChange.
// The VM may run on the remote host set in Settings (the welcome page's host choice,
// docs/remote.md): the window title and the status bar then name the host, and the status
// bar says when the SSH connection is lost and being re-established.
#pragma once
#include <QMainWindow>
#include <QMap>

#include "app_settings.h"
#include "vm_session.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace sis::desktop {

class ConsolePanel;
class ConsoleWidget;
class CrashPanel;
class DashboardPanel;
class FilesPanel;
class LlmPanel;
class LogPanel;
class ProcessesPanel;
class ProfilerPanel;
class TracesPanel;
class WelcomePage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  VmSession* session() const { return session_; }
  DashboardPanel* dashboard() const { return dashboard_; }
  ConsoleWidget* console() const { return console_; }
  ConsolePanel* console_panel() const { return console_panel_; }
  FilesPanel* files() const { return files_; }
  CrashPanel* crash_lab() const { return crash_; }
  LlmPanel* llm() const { return llm_; }
  ProcessesPanel* processes() const { return processes_; }
  TracesPanel* traces() const { return traces_; }
  LogPanel* log() const { return log_; }
  ProfilerPanel* profiler() const { return profiler_; }
  WelcomePage* welcome() const { return welcome_; }
  // True while the Dashboard dock shows the welcome page (no VM).
  bool welcome_shown() const;
  QAction* action(const QString& name) const { return actions_.value(name); }
  QDockWidget* dock(const QString& name) const { return docks_.value(name); }
  QStringList dock_names() const { return dock_order_; }
  // Brings the dock `name` to the front.
  void show_dock(const QString& name);
  // Brings the dock `name` to the front and moves the keyboard focus into it (View > Go to).
  void go_to_dock(const QString& name);
  QString status_text() const;
  // The status bar's "/" indicator: red with "NO DISK: ..." while the guest's root is in memory.
  QLabel* storage_label() const { return storage_label_; }
  // The status bar's host indicator: "Host: this computer", "Host: HOST (SSH)", or the link's trouble.
  QLabel* host_label() const { return host_label_; }

  // Starts the VM with the saved settings; false (and a message in the log/status) on error.
  bool start_vm();
  // Makes `disk` ("" = the default disk) the disk setting, remembers it among the recent
  // disks, and starts the VM (the welcome page's buttons).
  bool start_vm_with_disk(const QString& disk);
  void open_settings();
  void save_layout();
  void reset_layout();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  QDockWidget* add_dock(const QString& name, QWidget* panel);
  void build_actions();
  void build_menus();
  void build_language_menu(QMenu* view);
  void retranslate();
  void update_state(VmSession::State state, const QString& qmp_status);
  void update_control_label();
  void update_storage_label(const RootFsStatus& s);
  void update_host();
  void on_remote_start_failed(const QString& message, int failure);
  bool start_remote_vm(bool trust_new_key);
  void log_line(const QString& level, const QString& source, const QString& text);

  AppSettings settings_;
  VmSession* session_;
  DashboardPanel* dashboard_;
  ConsoleWidget* console_;
  ConsolePanel* console_panel_;
  FilesPanel* files_;
  CrashPanel* crash_;
  LlmPanel* llm_;
  ProcessesPanel* processes_;
  TracesPanel* traces_;
  LogPanel* log_;
  ProfilerPanel* profiler_;
  WelcomePage* welcome_;
  QStackedWidget* dashboard_stack_;
  QMap<QString, QAction*> actions_;
  QMap<QString, QDockWidget*> docks_;
  QStringList dock_order_;
  QByteArray default_state_;
  QLabel* state_label_;
  QLabel* control_label_;
  QLabel* storage_label_;
  QLabel* samples_label_;
  QLabel* host_label_;
  VmSession::State state_ = VmSession::State::Off;
  QString qmp_status_;
  bool closing_ = false;
};

}  // namespace sis::desktop
