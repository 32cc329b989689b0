// Profiler: the kernel's sampling profiler as a flame graph (docs/desktop.md, the contract in
// docs/profiler.md). Live: Start and Stop call prof.start {hz, target} and prof.stop through
// the VM session's control client, then the folded stacks come in chunks (prof.folded) and
// are drawn. Offline: "Load folded file..." shows any folded file (sisctl prof folded,
// tools/profile_kernel.sh, profctl export). "Keep as before" / "Compare with..." set a
// before profile, and the Differential view colours the change red (more samples) and blue
// (fewer), or by share of samples with "Normalize".
// Search, zoom, tooltips and Save image live in the graph (FlameGraphWidget); a table lists
// the functions by self samples. Without the kernel's `prof` capability the live controls
// are disabled and the panel says so; nothing is ever shown that the kernel did not send.
#pragma once
#include <QWidget>

#include "folded.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QSplitter;
class QTableView;

namespace sis::desktop {

class FlameGraphWidget;
class VmSession;

class ProfilerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilerPanel(VmSession* session, QWidget* parent = nullptr);

  FlameGraphWidget* graph() const { return graph_; }

  // A folded file or text as the current ("after") profile. On a bad line: false, *error and
  // the error line say which line, and the profile shown stays as it was.
  bool load_folded_file(const QString& path, QString* error = nullptr);
  bool load_folded_text(const QByteArray& text, const QString& source, QString* error = nullptr);
  // The "before" profile of the differential view (a file, or the current profile).
  bool load_before_file(const QString& path, QString* error = nullptr);
  void keep_as_before();
  bool has_before() const { return has_before_; }
  void set_differential_view(bool on);
  bool differential_view() const;
  // Differential colours by change of share (runs of different length) instead of samples.
  void set_normalized(bool on);

  // Live profiling (prof.start / prof.stop / prof.folded); false when it cannot start now.
  bool start_profiling();
  bool stop_profiling();
  bool live_available() const;  // the VM's control port is up and the kernel has `prof`
  bool profiling() const { return profiling_; }
  QString live_status() const;
  QString summary() const;
  QString error_text() const;
  QString match_text() const;
  QString zoom_path() const;
  int top_rows() const;
  QString top_function(int row) const;  // name in the functions table's row

  bool save_image(const QString& path, QString* error);

 signals:
  void profile_loaded();        // a new current profile is shown
  void profiling_changed(bool running);
  void live_error(const QString& message);

 private:
  void update_live();
  void set_live_status(const QString& text, bool error = false);
  void show_error(const QString& text);
  void show_current();
  void fill_top_functions();
  void fetch_folded(qint64 offset);
  void on_search_changed();
  void on_zoom_changed();
  void load_dialog();
  void compare_dialog();
  void save_dialog();

  VmSession* session_;
  FlameGraphWidget* graph_;
  // Live.
  QPushButton* start_;
  QPushButton* stop_;
  QSpinBox* hz_;
  QComboBox* target_;
  QSpinBox* pid_;
  QLabel* live_status_;
  bool live_status_error_ = false;
  bool profiling_ = false;
  bool fetching_ = false;
  quint64 generation_ = 0;  // replies of an older control session or run are ignored
  QByteArray fetched_;
  QString start_info_;   // prof.start's answer: rate and mode
  QString run_summary_;
  QString last_run_;  // what the live line says between runs
  // Profiles.
  QPushButton* keep_before_;
  QComboBox* view_;
  QCheckBox* normalize_;
  QLineEdit* search_;
  QLabel* match_;
  QLabel* zoom_path_;
  QLabel* summary_;
  QLabel* error_;
  QStandardItemModel* top_model_;
  QTableView* top_table_;
  QSplitter* split_;
  sis::flame::FoldedProfile current_;
  QString current_source_;
  sis::flame::FoldedProfile before_;
  QString before_source_;
  bool has_before_ = false;
};

}  // namespace sis::desktop
