#include "availability_stack.h"

#include <QLabel>
#include <QVBoxLayout>

namespace sis::desktop {

AvailabilityStack::AvailabilityStack(QWidget* content, QWidget* parent) : QStackedWidget(parent) {
  addWidget(content);
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  title_ = new QLabel(page);
  title_->setObjectName("availability_title");
  title_->setAlignment(Qt::AlignCenter);
  title_->setWordWrap(true);
  QFont f = title_->font();
  f.setPointSizeF(f.pointSizeF() * 1.15);
  f.setBold(true);
  title_->setFont(f);
  detail_ = new QLabel(page);
  detail_->setAlignment(Qt::AlignCenter);
  detail_->setWordWrap(true);
  detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QPalette p = detail_->palette();
  p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
  detail_->setPalette(p);
  layout->addStretch();
  layout->addWidget(title_);
  layout->addWidget(detail_);
  layout->addStretch();
  addWidget(page);
}

void AvailabilityStack::show_content() {
  // A hidden page keeps no outdated message (it would stay in the old language, too).
  title_->clear();
  detail_->clear();
  setCurrentIndex(0);
}

void AvailabilityStack::show_message(const QString& title, const QString& detail) {
  title_->setText(title);
  detail_->setText(detail);
  detail_->setVisible(!detail.isEmpty());
  setCurrentIndex(1);
}

QString AvailabilityStack::message() const { return currentIndex() == 1 ? title_->text() : QString(); }

}  // namespace sis::desktop
