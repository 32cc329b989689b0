#include "core/boot_info.h"

#include "arch/arch.h"
#include "lib/string.h"

namespace sis::boot_info {
namespace {
Fdt the_fdt;
u64 entry_counter = 0;
u64 ready_ns = 0;
char model[64] = "unknown";
}  // namespace

void set_fdt(const Fdt& f) {
  the_fdt = f;
  auto root = f.root();
  if (root.ok()) {
    auto m = f.prop_string(root.value(), "model");
    if (m.ok()) copy_cstr(model, sizeof(model), m.value());
  }
}
const Fdt& fdt() { return the_fdt; }
void set_entry_counter(u64 c) { entry_counter = c; }
u64 boot_counter_start() { return entry_counter; }
void mark_shell_ready() { ready_ns = arch::counter_to_ns(arch::counter() - entry_counter); }
u64 shell_ready_ns() { return ready_ns; }
const char* machine_model() { return model; }

}  // namespace sis::boot_info
