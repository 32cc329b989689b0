// --json output for shell commands and benchmarks: one JSON object, or a clear error if it
// did not fit. Commands run one at a time (the command lock, sched/background.h), so a single
// buffer serves every command instead of a static buffer in each file. In lib/ so that a
// benchmark beside the code it measures (lib/bench.h) can use it too.
#pragma once
#include "lib/json.h"
#include "lib/output.h"

namespace sis {

TextBuffer& json_scratch();  // cleared for each use, 64 KiB

template <typename F>
int print_json(Output& out, F&& fill) {
  TextBuffer& tb = json_scratch();
  tb.clear();
  JsonWriter w(tb);
  fill(w);
  if (!w.ok()) {
    out.print("{\"error\":\"internal: JSON output did not fit\"}\n");
    return 1;
  }
  out.write(tb.view());
  out.write("\n");
  return 0;
}

}  // namespace sis
