// dmesg: the kernel log ring.
#include "core/klog.h"
#include "lib/json.h"
#include "shell/command.h"
#include "lib/json_output.h"

namespace sis::shell {
namespace {

int cmd_dmesg(const Args& a, Output& out) {
  if (a.has("--json"))
    return print_json(out, [](JsonWriter& w) {
      w.begin_object().key("entries").begin_array();
      for (u64 s = klog::first_seq(); s < klog::next_seq(); ++s) {
        klog::Entry e;
        if (!klog::get(s, &e)) continue;
        w.begin_object().kv_uint("seq", e.seq).kv_uint("ts_ns", e.ts_ns).kv("level", klog::level_name(e.level))
            .kv("subsystem", e.subsystem).kv("text", e.text).end_object();
      }
      w.end_array().end_object();
    });
  for (u64 s = klog::first_seq(); s < klog::next_seq(); ++s) {
    klog::Entry e;
    if (!klog::get(s, &e)) continue;
    out.printf("[%6llu.%06llu] %-5s %s: %s\n", static_cast<unsigned long long>(e.ts_ns / 1000000000),
               static_cast<unsigned long long>(e.ts_ns / 1000 % 1000000), klog::level_name(e.level), e.subsystem, e.text);
  }
  return 0;
}
SIS_COMMAND("dmesg", "the kernel log (last 256 messages)", "dmesg [--json]", cmd_dmesg);

}  // namespace
}  // namespace sis::shell
