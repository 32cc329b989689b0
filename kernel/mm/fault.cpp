// Memory-misuse reporting: see fault.h.
#include "mm/fault.h"

#include "lib/format.h"

namespace sis::mm {
namespace {
FaultHook hook = nullptr;
}

void set_fault_hook(FaultHook h) { hook = h; }

void report_fault(const char* fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vformat(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  if (!hook) __builtin_trap();
  hook(msg);
}

}  // namespace sis::mm
