// Log: everything the app, QEMU, QMP and the kernel report (the kernel's `log` events when it
// sends them), one line each with time, level and source; filter by text, save to a file.
#pragma once
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;

namespace sis::desktop {

class LogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);
  void append(const QString& level, const QString& source, const QString& text);
  QString text() const;

 private:
  void refilter();

  QPlainTextEdit* view_;
  QLineEdit* filter_;
  QStringList lines_;
};

}  // namespace sis::desktop
