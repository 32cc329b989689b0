#include "lib/output.h"

#include "lib/format.h"

namespace sis {

void Output::printf(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  usize n = vformat(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  write(StrView(buf, min(n, sizeof(buf) - 1)));
}

}  // namespace sis
