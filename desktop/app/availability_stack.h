// A panel or chart that is either shown or replaced by a clear message: "not available in
// this kernel" (the capability or metrics group is absent), "start the VM", an error. Used by
// every panel whose data may be missing, so none of them ever shows fake data.
#pragma once
#include <QStackedWidget>

class QLabel;

namespace sis::desktop {

class AvailabilityStack : public QStackedWidget {
  Q_OBJECT
 public:
  explicit AvailabilityStack(QWidget* content, QWidget* parent = nullptr);

  void show_content();
  void show_message(const QString& title, const QString& detail = {});
  bool content_shown() const { return currentIndex() == 0; }
  QString message() const;

 private:
  QLabel* title_;
  QLabel* detail_;
};

}  // namespace sis::desktop
