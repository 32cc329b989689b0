#pragma once
// Values a question names that a command can take (docs/llm.md, "Commands with values"):
// absolute paths ("/etc", "/bin/hello"), process numbers ("pid 7", "process 7") and thread
// numbers ("thread 12", "tid 12"). The grammar fills a form's placeholders with them ("how do I list /etc":
// `ls /etc`; "kill process 7": `procctl kill 7`).
//
// The question is data: a value is taken only when every byte of it is plain (letters,
// digits and / . _ - +), so no quote, separator, `$`, option or escape byte travels from a
// question into a command line; anything else around it ends the value or drops it.
#include "lib/types.h"

namespace sis::llm {

enum class ValueKind : u8 {
  None,     // a placeholder no question value fills (TEXT, NAME, N, ...)
  Path,     // PATH, FILE, DIR, TARGET
  Process,  // PID: "pid 7", "process 7"
  Thread,   // TID: "thread 3", "tid 3", "task 3" (a kernel thread: `kill TID`, `schedctl explain TID`)
};

// What a named path is on the machine (Knowledge::set_path_kinds asks the file system);
// Unknown when nothing was asked.
enum class PathKind : u8 { Unknown, File, Directory, Missing };

struct QuestionValues {
  static constexpr usize kMax = 4;
  StrView paths[kMax];
  PathKind path_kinds[kMax] = {};
  usize path_count = 0;
  StrView pids[kMax];
  usize pid_count = 0;
  StrView tids[kMax];
  usize tid_count = 0;
  bool any() const { return path_count || pid_count || tid_count; }
};

// The values of the question, in order (at most kMax of each kind; the first 4 KiB are read).
QuestionValues values_in(StrView question);
// What kind of value a placeholder word names ("PATH...", "[PID]" without its brackets).
ValueKind value_kind(StrView placeholder);
// Whether a path of that kind may fill the placeholder: FILE takes no directory, DIR no
// file (`cat FILE...` is never suggested for /tmp); other placeholders take any path.
bool path_fits(StrView placeholder, PathKind kind);

}  // namespace sis::llm
