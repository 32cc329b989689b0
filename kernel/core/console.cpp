#include "core/console.h"

namespace sis::console {
namespace {

Device device{};
bool have_device = false;
bool panicking = false;
char capture[32768];
usize captured = 0;
InputSink input_sink = nullptr;

}  // namespace

void attach(const Device& dev) {
  device = dev;
  have_device = true;
}

bool attached() { return have_device; }

void write(StrView s) {
  if (!have_device) return;
  if (panicking) {
    for (usize i = 0; i < s.size && captured < sizeof(capture); ++i) capture[captured++] = s.data[i];
    device.write_polled(device.ctx, s.data, s.size);
  }
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

void set_input_sink(InputSink sink) { __atomic_store_n(&input_sink, sink, __ATOMIC_RELEASE); }

bool divert_input(char c) {
  InputSink sink = __atomic_load_n(&input_sink, __ATOMIC_ACQUIRE);
  if (!sink || panicking) return false;
  sink(c);
  return true;
}

StrView panic_capture() { return {capture, captured}; }

}  // namespace sis::console
