#include "write_crash_view.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace sis::desktop {

using sis::host::CrashOutcome;

QString preview_bytes(const QByteArray& data, int limit) {
  const QByteArray head = data.left(limit);
  QString out = QString::fromUtf8(head);
  // Binary (NUL bytes, or bytes that are not UTF-8): a hex dump instead.
  if (head.contains('\0') || (out.toUtf8() != head && data.size() <= limit)) {
    out.clear();
    for (qsizetype i = 0; i < head.size() && i < 1024; i += 16) {
      QString hex;
      for (qsizetype j = i; j < i + 16 && j < head.size(); ++j)
        hex += QStringLiteral("%1 ").arg(static_cast<unsigned char>(head[j]), 2, 16, QChar('0'));
      out += QStringLiteral("%1  %2\n").arg(i, 6, 16, QChar('0')).arg(hex);
    }
  }
  if (data.size() > head.size()) out += QStringLiteral("\n... (%1 more bytes)").arg(data.size() - head.size());
  return out;
}

WriteCrashView::WriteCrashView(QWidget* parent) : QWidget(parent) {
  setObjectName("write_crash_view");
  auto* v = new QVBoxLayout(this);
  point_ = new QLabel(this);
  point_->setObjectName("crash_point");
  point_->setStyleSheet("QLabel { font-weight: bold; }");
  verdict_ = new QLabel(this);
  verdict_->setObjectName("crash_verdict");
  verdict_->setWordWrap(true);
  why_ = new QLabel(this);
  why_->setObjectName("crash_why");
  why_->setWordWrap(true);
  v->addWidget(point_);
  v->addWidget(verdict_);
  v->addWidget(why_);
  auto* grid = new QGridLayout;
  const QStringList titles = {tr("What you wrote"), tr("What the disk holds now"), tr("What the journal did"),
                              tr("e2fsck -fn (copy taken while paused)")};
  for (int c = 0; c < kColumns; ++c) {
    titles_[c] = new QLabel(titles[c], this);
    titles_[c]->setStyleSheet("QLabel { font-weight: bold; }");
    columns_[c] = new QPlainTextEdit(this);
    columns_[c]->setObjectName(QStringLiteral("crash_column_%1").arg(c));
    columns_[c]->setReadOnly(true);
    columns_[c]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    columns_[c]->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    grid->addWidget(titles_[c], 0, c);
    grid->addWidget(columns_[c], 1, c);
    grid->setColumnStretch(c, 1);
  }
  v->addLayout(grid, 1);
}

QString WriteCrashView::column_title(Column c) const { return titles_[c]->text(); }
QString WriteCrashView::column_text(Column c) const { return columns_[c]->toPlainText(); }
QString WriteCrashView::verdict() const { return verdict_->text(); }
QString WriteCrashView::why() const { return why_->text(); }

void WriteCrashView::set_result(const WriteCrashResult& r) {
  const auto* point = sis::host::find_crash_point(r.request.point);
  point_->setText((r.existed_before ? tr("Crash point: %1 (%2), replacing the content of %3")
                                    : tr("Crash point: %1 (%2), writing the new file %3"))
                      .arg(point ? point->label : r.request.point, r.request.point, r.request.path));
  why_->setText(point ? tr("Why: %1").arg(point->why) : QString());

  const QString source = r.request.source == "typed" ? tr("typed") : tr("from host file %1").arg(r.request.source);
  columns_[Written]->setPlainText(tr("%1 bytes, %2\n%3\n\n%4")
                                      .arg(r.request.data.size())
                                      .arg(source)
                                      .arg(r.existed_before ? tr("(replacing %1 bytes of old content)").arg(r.before.size())
                                                            : tr("(a new file)"))
                                      .arg(preview_bytes(r.request.data)));

  QString now;
  if (!r.error.isEmpty() && r.journal.isEmpty()) now = tr("(not read: the run stopped)");
  else if (!r.exists_after) now = tr("no file\n\n%1 does not exist.").arg(r.request.path);
  else now = tr("%1, %2 bytes\n\n%3").arg(sis::host::outcome_text(r.outcome)).arg(r.after.size()).arg(preview_bytes(r.after));
  columns_[DiskNow]->setPlainText(now);

  QString journal;
  if (r.journal.contains("error")) {
    journal = tr("fs.journal: %1").arg(r.journal.value("error").toString());
  } else if (!r.journal.isEmpty()) {
    const QJsonObject rp = r.journal.value("replay").toObject();
    journal = tr("At the mount after the reboot:\n%1\n\ntransactions replayed: %2 (%3 blocks)\n"
                 "transactions discarded (no commit block): %4 (%5 blocks)\nrevoked blocks skipped: %6")
                  .arg(sis::host::journal_summary(r.journal))
                  .arg(rp.value("transactions").toInt()).arg(rp.value("blocks").toInt())
                  .arg(rp.value("discarded_transactions").toInt()).arg(rp.value("discarded_blocks").toInt())
                  .arg(rp.value("revoked_blocks").toInt());
  }
  if (!r.panic_message.isEmpty()) journal += tr("\n\nAt the crash, the kernel said:\n%1").arg(r.panic_message);
  columns_[Journal]->setPlainText(journal);

  QString fsck;
  if (r.fsck_code == 0) fsck = tr("clean (exit status 0)");
  else if (r.fsck_code > 0) fsck = tr("problems found (exit status %1)").arg(r.fsck_code);
  else fsck = r.fsck_error.isEmpty() ? tr("not run") : tr("not run: %1").arg(r.fsck_error);
  if (r.fsck_code >= 0 && r.paused_ms >= 0) fsck += tr("\nThe VM was paused for %1 ms to copy its disk.").arg(r.paused_ms);
  if (r.fsck_output.contains("skipping journal recovery"))
    fsck += tr("\n(The guest has the file system mounted, so it is flagged needs_recovery; e2fsck -n never "
               "writes, so it leaves the journal alone and checks the file system as it is on the disk.)");
  if (!r.fsck_output.isEmpty()) fsck += "\n\n" + r.fsck_output.trimmed();
  columns_[Fsck]->setPlainText(fsck);

  QString verdict;
  QString colour;
  if (!r.error.isEmpty()) {
    verdict = tr("The run did not finish: %1").arg(r.error);
    colour = "#c62828";
  } else if (r.outcome == r.expected) {
    verdict = tr("Outcome: %1 is on the disk, as the journal guarantees at this point: correct.")
                  .arg(sis::host::outcome_text(r.outcome));
    if (r.fsck_code != 0) verdict += tr(" But e2fsck did not find the disk clean.");
    colour = r.fsck_code == 0 ? "#2e7d32" : "#c62828";
  } else {
    verdict = tr("Outcome: %1 is on the disk, but the journal guarantees %2 here: WRONG.")
                  .arg(sis::host::outcome_text(r.outcome), sis::host::outcome_text(r.expected));
    colour = "#c62828";
  }
  verdict_->setText(verdict);
  verdict_->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(colour));
}

}  // namespace sis::desktop
