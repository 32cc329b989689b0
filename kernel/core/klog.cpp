#include "core/klog.h"

#include "arch/arch.h"
#include "core/console.h"
#include "lib/format.h"
#include "lib/string.h"

namespace sis::klog {
namespace {
constexpr usize kEntries = 256;
Entry ring[kEntries];
u64 next = 0;
}  // namespace

const char* level_name(Level l) {
  switch (l) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "info";
}

void write(Level level, const char* subsystem, const char* fmt, ...) {
  u64 flags = arch::irq_save();
  Entry& e = ring[next % kEntries];
  e.seq = next++;
  e.ts_ns = arch::counter_to_ns(arch::counter());
  e.level = level;
  copy_cstr(e.subsystem, sizeof(e.subsystem), subsystem);
  va_list ap;
  va_start(ap, fmt);
  vformat(e.text, sizeof(e.text), fmt, ap);
  va_end(ap);
  Entry copy = e;
  arch::irq_restore(flags);
  if (level != Level::Debug) console::printf("%s: %s\n", copy.subsystem, copy.text);
}

bool get(u64 seq, Entry* out) {
  u64 flags = arch::irq_save();
  bool ok = seq < next && next - seq <= kEntries;
  if (ok) *out = ring[seq % kEntries];
  arch::irq_restore(flags);
  return ok;
}

u64 next_seq() { return next; }
u64 first_seq() { return next > kEntries ? next - kEntries : 0; }

}  // namespace sis::klog
