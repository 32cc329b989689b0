// The outcome of one "Write and crash..." run, side by side: what the user wrote, what the
// disk holds now, what the journal did at the mount after the reboot, and e2fsck's verdict on
// a copy of the disk; above them the crash point, whether the outcome is the one the journal
// guarantees there, and one sentence saying why that outcome is the correct one.
#pragma once
#include <QWidget>

#include "write_crash_run.h"

class QLabel;
class QPlainTextEdit;

namespace sis::desktop {

class WriteCrashView : public QWidget {
  Q_OBJECT
 public:
  enum Column { Written, DiskNow, Journal, Fsck, kColumns };
  explicit WriteCrashView(QWidget* parent = nullptr);

  void set_result(const WriteCrashResult& r);
  QString column_title(Column c) const;
  QString column_text(Column c) const;
  QString verdict() const;  // "Outcome: ... correct" / "... WRONG"
  QString why() const;

 private:
  QLabel* point_;
  QLabel* verdict_;
  QLabel* why_;
  QLabel* titles_[kColumns];
  QPlainTextEdit* columns_[kColumns];
};

// A short, readable rendering of file content (text as is, binary as a hex dump), cut at
// `limit` bytes.
QString preview_bytes(const QByteArray& data, int limit = 4096);

}  // namespace sis::desktop
