#include "core/panic.h"

#include "arch/arch.h"
#include "core/console.h"
#include "core/ksyms.h"
#include "core/memory_map.h"
#include "lib/assert.h"

namespace sis {
namespace {
bool in_panic = false;
struct Hook {
  PanicHookLevel level;
  PanicHook fn;
};
Hook hooks[4] = {};
usize hook_count = 0;
}

Error add_panic_hook(PanicHookLevel level, PanicHook hook) {
  if (hook_count == sizeof(hooks) / sizeof(hooks[0])) return Error::NoSpace;
  hooks[hook_count++] = {level, hook};
  return Error::Ok;
}

// The report's building blocks: a title, symbolized addresses, a backtrace, then the hooks.
[[noreturn]] void panic_end();

void panic_begin(const char* title) {
  arch::irq_disable();
  console::enter_panic_mode();
  if (in_panic) {
    // A fault while reporting a fault: say so and stop without recursing.
    kprintf("\n*** KERNEL PANIC (nested): %s ***\n", title);
    panic_end();
  }
  in_panic = true;
  kprintf("\n*** KERNEL PANIC: %s ***\n", title);
}

void print_symbolized(const char* label, u64 addr) {
  Symbolized s = symbolize(kernel_symbols(), addr);
  if (s.name) kprintf("%s0x%016llx  %s+0x%llx\n", label, static_cast<unsigned long long>(addr), s.name,
                      static_cast<unsigned long long>(s.offset));
  else kprintf("%s0x%016llx  ?\n", label, static_cast<unsigned long long>(addr));
}

// A frame record may live in RAM (boot stack) or on a guarded thread stack mapped outside
// the identity map; either way its 16 bytes must be mapped before we read them.
bool readable_frame(uptr fp) {
  if (memory_map::is_kernel_ram(fp, 16)) return true;
  auto t = arch::translate(arch::kernel_page_table(), fp);
  return t.ok() && !t->guard && (t->flags & arch::kMapRead) && ((fp & 4095) <= 4096 - 16);
}

void print_backtrace(uptr fp) {
  kprintf("Backtrace:\n");
  // AAPCS64 frame records: [fp] = caller's fp, [fp + 8] = return address.
  for (int depth = 0; depth < 32 && fp; ++depth) {
    if ((fp & 0xf) != 0 || !readable_frame(fp)) {
      kprintf("  (frame pointer 0x%lx is not in kernel memory: stopping)\n", static_cast<unsigned long>(fp));
      return;
    }
    auto* rec = reinterpret_cast<const u64*>(fp);
    u64 lr = rec[1];
    if (lr == 0) break;
    char label[16];
    format(label, sizeof(label), "  #%-2d ", depth);
    print_symbolized(label, lr - 4);  // the call instruction, not the return address
    if (rec[0] != 0 && rec[0] <= fp) {
      kprintf("  (frame chain goes backwards: stopping)\n");
      return;
    }
    fp = rec[0];
  }
}

void panic_end() {
  kprintf("System halted.\n");
  static bool hooks_ran = false;
  if (!hooks_ran) {  // a hook that faults lands here again: do not run them twice
    hooks_ran = true;
    StrView report = console::panic_capture();
    for (u8 level = 0; level <= static_cast<u8>(PanicHookLevel::Last); ++level)
      for (usize i = 0; i < hook_count; ++i)
        if (static_cast<u8>(hooks[i].level) == level) hooks[i].fn(report.data, report.size);
  }
  arch::halt();
}

void panic(const char* fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vformat(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  panic_begin(msg);
  print_backtrace(reinterpret_cast<uptr>(__builtin_frame_address(0)));
  panic_end();
}

void panic_fatal_exception(const arch::FatalException& e) {
  panic_begin(e.title);
  kprintf("%s", e.status);
  print_symbolized("ELR  ", e.elr);
  kprintf("%s", e.registers);
  print_symbolized("LR   ", e.lr);
  print_backtrace(e.frame_record);
  panic_end();
}

// A failed SIS_ASSERT (lib/assert.h): the check in the title, where it is and the caller in
// the lines below, then the backtrace from the function that made the check.
void assertion_failed(const char* expr, const char* file, int line, const char* function) {
  char title[256];
  format(title, sizeof(title), "assertion failed: %s", expr);
  panic_begin(title);
  kprintf("  at %s:%d\n  in %s\n", file, line, function);
  print_backtrace(reinterpret_cast<uptr>(__builtin_frame_address(0)));
  panic_end();
}

}  // namespace sis
