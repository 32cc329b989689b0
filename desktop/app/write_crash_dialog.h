// The "Write and crash..." dialog of the Files tab: the file to write (a file of the list, or
// a new name in a folder), its content (typed, or the bytes of a host file, at most 32768),
// and the crash point, each point with the outcome the journal guarantees there.
#pragma once
#include <QDialog>

#include "write_crash_run.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace sis::desktop {

class WriteCrashDialog : public QDialog {
  Q_OBJECT
 public:
  // `path`: the file to write (it may not exist yet).
  explicit WriteCrashDialog(const QString& path, QWidget* parent = nullptr);

  // The request as filled in; empty `error` when it is complete.
  WriteCrashRequest request(QString* error) const;

  // For tests (the widgets are also reachable by object name).
  void set_text(const QString& text);
  void set_host_file(const QString& path);
  void set_point(const QString& point);

 private:
  void update_state();

  QLineEdit* path_;
  QRadioButton* typed_;
  QRadioButton* from_file_;
  QPlainTextEdit* text_;
  QLineEdit* host_file_;
  QComboBox* point_;
  QLabel* guarantee_;
  QLabel* problem_;
  QDialogButtonBox* buttons_;
};

}  // namespace sis::desktop
