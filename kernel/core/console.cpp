#include "core/console.h"

namespace sis::console {
namespace {

Device device{};
bool have_device = false;
bool panicking = false;

class ConsoleOutput final : public shell::Output {
 public:
  void write(StrView s) override { console::write(s); }
};
ConsoleOutput console_output;

}  // namespace

void attach(const Device& dev) {
  device = dev;
  have_device = true;
}

bool attached() { return have_device; }

void write(StrView s) {
  if (!have_device) return;
  if (panicking) device.write_polled(device.ctx, s.data, s.size);
  else device.write(device.ctx, s.data, s.size);
}

void vprintf(const char* fmt, va_list ap) {
  char buf[512];
  usize n = vformat(buf, sizeof(buf), fmt, ap);
  write(StrView(buf, min(n, sizeof(buf) - 1)));
}

void printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
}

bool read(char* c) { return have_device && device.read(device.ctx, c); }

void enter_panic_mode() { panicking = true; }

shell::Output& output() { return console_output; }

}  // namespace sis::console
