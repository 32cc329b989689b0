#include "shell/cancel.h"

namespace sis::shell {
namespace {
CancelToken* current = nullptr;
u64 (*clock)() = nullptr;
}  // namespace

CancelScope::CancelScope(CancelToken& t) : previous_(current) { current = &t; }
CancelScope::~CancelScope() { current = previous_; }

CancelToken* current_cancel_token() { return current; }

CancelToken* swap_cancel_token(CancelToken* t) {
  CancelToken* previous = current;
  current = t;
  return previous;
}

bool cancelled() {
  CancelToken* t = current;
  if (!t) return false;
  bool stop = t->requested || (t->deadline_ns && clock && clock() >= t->deadline_ns);
  if (stop) t->observed = true;
  return stop;
}

void set_cancel_clock(u64 (*now_ns)()) { clock = now_ns; }
u64 cancel_clock_ns() { return clock ? clock() : 0; }

}  // namespace sis::shell
