// Facts gathered during boot that status commands report.
#pragma once
#include "lib/fdt.h"

namespace sis::boot_info {

void set_fdt(const Fdt& fdt);
const Fdt& fdt();
void mark_shell_ready();
u64 boot_counter_start();      // counter value at kernel entry
u64 shell_ready_ns();          // from kernel entry to the first prompt
void set_entry_counter(u64 c);
const char* machine_model();

}  // namespace sis::boot_info
