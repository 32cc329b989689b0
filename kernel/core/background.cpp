#include "core/background.h"

namespace sis::background {
namespace {
void (*fns[8])() = {};
int count = 0;
bool running = false;
}  // namespace

void add(void (*fn)()) {
  if (count < 8) fns[count++] = fn;
}

void run() {
  if (running) return;  // a background job that runs a shell command must not recurse
  running = true;
  for (int i = 0; i < count; ++i) fns[i]();
  running = false;
}

}  // namespace sis::background
