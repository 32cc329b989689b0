// dmesg: the kernel log ring.
#include "core/klog.h"
#include "lib/json.h"
#include "shell/command.h"

namespace sis::shell {
namespace {

int cmd_dmesg(const Args& a, Output& out) {
  bool json = a.has("--json");
  static char buf[32768];
  TextBuffer tb(buf, sizeof(buf));
  JsonWriter w(tb);
  if (json) w.begin_object().key("entries").begin_array();
  for (u64 s = klog::first_seq(); s < klog::next_seq(); ++s) {
    klog::Entry e;
    if (!klog::get(s, &e)) continue;
    if (json) {
      w.begin_object().kv_uint("seq", e.seq).kv_uint("ts_ns", e.ts_ns).kv("level", klog::level_name(e.level))
          .kv("subsystem", e.subsystem).kv("text", e.text).end_object();
    } else {
      out.printf("[%6llu.%06llu] %-5s %s: %s\n", static_cast<unsigned long long>(e.ts_ns / 1000000000),
                 static_cast<unsigned long long>(e.ts_ns / 1000 % 1000000), klog::level_name(e.level), e.subsystem,
                 e.text);
    }
  }
  if (json) {
    w.end_array().end_object();
    if (!w.ok()) {
      out.print("{\"error\":\"log too large for one JSON object\"}\n");
      return 1;
    }
    out.write(tb.view());
    out.write("\n");
  }
  return 0;
}
SIS_COMMAND("dmesg", "the kernel log (last 256 messages)", "dmesg [--json]", cmd_dmesg);

}  // namespace
}  // namespace sis::shell
