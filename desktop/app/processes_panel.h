// Processes: the kernel's user processes (proc.list: PID, PPID, state, RSS, CPU, command
// line) with Kill (proc.kill, a chosen signal), a command line to run (proc.run: its
// stdout and stderr stream into the panel, then its exit status), and below them the
// kernel's threads (`ps --json` through shell.exec). Lists refresh every 2 s while visible.
// Each part says "not available in this kernel" when the kernel lacks what it needs (the
// `proc` or `shell` capability, or a `ps --json`), and nothing is shown while the VM is off.
#pragma once
#include <QStringDecoder>
#include <QWidget>

class QComboBox;
class QJsonDocument;
class QJsonObject;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace sis::host {
class ProcRun;
}

namespace sis::desktop {

class AvailabilityStack;
class VmSession;

class ProcessesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProcessesPanel(VmSession* session, QWidget* parent = nullptr);
  void refresh();
  // The whole panel (VM running with a control port) and its parts.
  bool available() const;
  QString availability_message() const;
  bool user_processes_available() const;
  QString user_processes_message() const;
  int rows() const;       // kernel threads listed
  int user_rows() const;  // user processes listed
  // The row's pid for a command line (first match), or -1.
  qint64 pid_of(const QString& cmdline) const;

  // A command line as typed in the panel: words split as sh(1) splits them (blanks, '...',
  // "...", backslash), no other shell features; a first word without '/' names /bin/WORD
  // (busybox's applet links). Empty, with *error set, for an unclosed quote.
  static QStringList argv_of(const QString& command_line, QString* error = nullptr);
  // Runs a command line as the Run button does; false when one is still running (or the
  // kernel cannot run programs).
  bool run_command(const QString& command_line);
  bool running() const;
  QString run_output() const;   // what the output pane shows
  int last_exit_status() const { return last_exit_status_; }  // -1 until a run ends
  // Selects the process with this pid and sends `signal` ("TERM", "KILL", "INT") as Kill does.
  bool kill_pid(qint64 pid, const QString& signal);

 signals:
  void run_finished(int exit_status);

 private:
  void show_threads(const QJsonDocument& doc);
  void show_user_processes(const QJsonObject& list);
  void refresh_threads();
  void refresh_user_processes();
  void append_output(const QString& text, bool error);
  void on_run_clicked();
  void on_kill_clicked();
  void update_buttons();

  VmSession* session_;
  AvailabilityStack* stack_;
  // User processes.
  AvailabilityStack* user_stack_;
  QStandardItemModel* user_model_;
  QTableView* user_table_;
  QLabel* user_summary_;
  QComboBox* signal_box_;
  QPushButton* kill_button_;
  QLabel* kill_status_;
  QLineEdit* command_;
  QPushButton* run_button_;
  QPlainTextEdit* output_;
  QLabel* run_status_;
  sis::host::ProcRun* run_ = nullptr;
  QStringDecoder out_decoder_{QStringDecoder::Utf8};
  QStringDecoder err_decoder_{QStringDecoder::Utf8};
  int last_exit_status_ = -1;
  bool user_in_flight_ = false;
  // Kernel threads.
  AvailabilityStack* threads_stack_;
  QStandardItemModel* model_;
  QTableView* table_;
  QLabel* summary_;
  QTimer* timer_;
  bool in_flight_ = false;
};

}  // namespace sis::desktop
