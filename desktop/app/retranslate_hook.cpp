#include "retranslate_hook.h"

#include <QEvent>

namespace sis::desktop {

namespace {

class RetranslateHook : public QObject {
 public:
  RetranslateHook(QObject* owner, std::function<void()> apply) : QObject(owner), apply_(std::move(apply)) {
    owner->installEventFilter(this);
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched == parent() && event->type() == QEvent::LanguageChange) apply_();
    return false;
  }

 private:
  std::function<void()> apply_;
};

}  // namespace

void keep_translated(QObject* owner, std::function<void()> apply) {
  apply();
  new RetranslateHook(owner, std::move(apply));
}

}  // namespace sis::desktop
