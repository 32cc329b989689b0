// crash.inject write-crash from the host's side (sisctl crash write, the desktop's "Write and
// crash..."): the four crash points, what the journal guarantees at each (one sentence the
// user reads next to the outcome), and the judgement of what the disk holds after the reboot.
// docs/filesystem.md explains the same in more words.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sis::host {

struct CrashPointInfo {
  QString name;   // the protocol's `point`: mid-data, before-commit, after-commit, during-checkpoint
  QString label;  // for menus: "Before the transaction commits"
  bool keeps_new; // the new content must come back
  QString why;    // one sentence: why that outcome is the correct one
};

// In the order the write goes through them (mid-data first).
const QList<CrashPointInfo>& crash_points();
// nullptr for an unknown name.
const CrashPointInfo* find_crash_point(const QString& name);

// What the file holds after the crash and the reboot, compared with before and with what
// the user wrote.
enum class CrashOutcome { NewContent, OldContent, NoFile, Other };
QString outcome_text(CrashOutcome o);
CrashOutcome classify_outcome(bool exists_after, const QByteArray& after, const QByteArray& written, bool existed_before,
                              const QByteArray& before);
// The outcome the journal guarantees at `point` (NewContent, or OldContent / NoFile).
CrashOutcome expected_outcome(const CrashPointInfo& point, bool existed_before);

// One line from fs.journal's result: "replayed 1 transaction (9 blocks); discarded none".
QString journal_summary(const QJsonObject& fs_journal);

// The most write-crash takes (crash.inject's `data`, like fs.write).
constexpr qsizetype kWriteCrashMaxBytes = 32768;

}  // namespace sis::host
