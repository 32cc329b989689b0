#include "log_panel.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include "retranslate_hook.h"

namespace sis::desktop {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent) {
  setObjectName("log");
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  filter_ = new QLineEdit(this);
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, this, &LogPanel::refilter);
  auto* save = new QPushButton(this);
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save log"), "sis-control-center.log");
    if (path.isEmpty()) return;
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
      f.write(lines_.join('\n').toUtf8() + '\n');
      f.commit();
    }
  });
  auto* clear = new QPushButton(this);
  connect(clear, &QPushButton::clicked, this, [this] {
    lines_.clear();
    view_->clear();
  });
  bar->addWidget(filter_, 1);
  bar->addWidget(save);
  bar->addWidget(clear);
  layout->addLayout(bar);
  view_ = new QPlainTextEdit(this);
  view_->setReadOnly(true);
  view_->setMaximumBlockCount(20000);
  view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  view_->setLineWrapMode(QPlainTextEdit::NoWrap);
  layout->addWidget(view_, 1);
  keep_translated(this, [=, this] {
    filter_->setPlaceholderText(tr("Filter (text, level or source)"));
    filter_->setAccessibleName(tr("Filter the log"));
    save->setText(tr("Save..."));
    clear->setText(tr("Clear"));
    view_->setAccessibleName(tr("Log"));
  });
}

void LogPanel::append(const QString& level, const QString& source, const QString& text) {
  const QString line = QStringLiteral("%1 %2 %3 %4")
                           .arg(QDateTime::currentDateTime().toString("HH:mm:ss.zzz"), level.leftJustified(5), source.leftJustified(8), text);
  lines_.append(line);
  if (lines_.size() > 20000) lines_.removeFirst();
  const QString f = filter_->text();
  if (f.isEmpty() || line.contains(f, Qt::CaseInsensitive)) view_->appendPlainText(line);
}

QString LogPanel::text() const { return lines_.join('\n'); }

void LogPanel::refilter() {
  view_->clear();
  const QString f = filter_->text();
  QStringList shown;
  for (const QString& l : lines_)
    if (f.isEmpty() || l.contains(f, Qt::CaseInsensitive)) shown.append(l);
  view_->setPlainText(shown.join('\n'));
}

}  // namespace sis::desktop
