// --json output for shell commands and benchmarks: one JSON object, or a clear error if it
// did not fit. Commands run one at a time (the command lock, sched/background.h), so a single
// buffer serves every command instead of a static buffer in each file. In lib/ so that a
// benchmark beside the code it measures (lib/bench.h) can use it too.
#pragma once
#include "lib/json.h"
#include "lib/output.h"

namespace sis {

TextBuffer& json_scratch();  // cleared for each use, 128 KiB

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

// The same for a subsystem's writer of an object's members (ai/ai_status.h,
// power/power_json.h, ...): prints them in braces.
template <typename F>
int print_json_members(Output& out, F&& members) {
  return print_json(out, [&](JsonWriter& w) {
    w.begin_object();
    members(w);
    w.end_object();
  });
}

}  // namespace sis
