#include "client/write_crash.h"

namespace sis::host {

const QList<CrashPointInfo>& crash_points() {
  static const QList<CrashPointInfo> points = {
      {QStringLiteral("mid-data"), QStringLiteral("In the middle of the data writes (ordered mode)"), false,
       QStringLiteral("In ordered mode the new data blocks go to the disk before any metadata that points at them "
                      "is logged, so the power cut left only new blocks that nothing references: the metadata on "
                      "disk still describes the old state (the old content, or no file), never garbage.")},
      {QStringLiteral("before-commit"), QStringLiteral("Before the transaction commits"), false,
       QStringLiteral("The transaction was logged but its commit block never reached the disk, so replay discards "
                      "it as incomplete, and the metadata in place, which the write-ahead rule kept untouched, "
                      "still describes the old state (the old content, or no file).")},
      {QStringLiteral("after-commit"), QStringLiteral("After commit, before checkpoint"), true,
       QStringLiteral("The commit block was durable before the crash, so the transaction is complete in the log and "
                      "replay copies its metadata home: the write survives although none of it had been "
                      "checkpointed.")},
      {QStringLiteral("during-checkpoint"), QStringLiteral("During checkpoint"), true,
       QStringLiteral("The transaction had committed and half its metadata was already home; replay writes every "
                      "logged block again (idempotent), finishing the checkpoint, so the new content is back.")},
  };
  return points;
}

const CrashPointInfo* find_crash_point(const QString& name) {
  for (const CrashPointInfo& p : crash_points())
    if (p.name == name) return &p;
  return nullptr;
}

QString outcome_text(CrashOutcome o) {
  switch (o) {
    case CrashOutcome::NewContent: return QStringLiteral("the new content");
    case CrashOutcome::OldContent: return QStringLiteral("the old content");
    case CrashOutcome::NoFile: return QStringLiteral("no file");
    case CrashOutcome::Other: return QStringLiteral("neither old nor new content");
  }
  return {};
}

CrashOutcome classify_outcome(bool exists_after, const QByteArray& after, const QByteArray& written, bool existed_before,
                              const QByteArray& before) {
  if (!exists_after) return CrashOutcome::NoFile;
  if (after == written) return CrashOutcome::NewContent;
  if (existed_before && after == before) return CrashOutcome::OldContent;
  return CrashOutcome::Other;
}

CrashOutcome expected_outcome(const CrashPointInfo& point, bool existed_before) {
  if (point.keeps_new) return CrashOutcome::NewContent;
  return existed_before ? CrashOutcome::OldContent : CrashOutcome::NoFile;
}

QString journal_summary(const QJsonObject& j) {
  if (!j.value("present").toBool()) return QStringLiteral("no journal");
  if (!j.value("replayed_at_mount").toBool()) return QStringLiteral("clean at mount: nothing to replay");
  const QJsonObject r = j.value("replay").toObject();
  const int tx = r.value("transactions").toInt(), blocks = r.value("blocks").toInt();
  const int dtx = r.value("discarded_transactions").toInt(), dblocks = r.value("discarded_blocks").toInt();
  QString s = tx ? QStringLiteral("replayed %1 transaction%2 (%3 blocks)").arg(tx).arg(tx == 1 ? "" : "s").arg(blocks)
                 : QStringLiteral("replayed nothing");
  s += dtx ? QStringLiteral("; discarded %1 uncommitted transaction%2 (%3 blocks)").arg(dtx).arg(dtx == 1 ? "" : "s").arg(dblocks)
           : QStringLiteral("; discarded nothing");
  if (const int rv = r.value("revoked_blocks").toInt()) s += QStringLiteral("; %1 revoked blocks skipped").arg(rv);
  if (const int ce = r.value("checksum_errors").toInt()) s += QStringLiteral("; %1 checksum errors").arg(ce);
  return s;
}

}  // namespace sis::host
