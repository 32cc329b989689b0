# Kernel sources shared by the cross build (kernel/CMakeLists.txt) and, for the portable
# subset, the host build (kernel/host/CMakeLists.txt).
set(SIS_PORTABLE_SOURCES
  lib/fdt.cpp
  lib/format.cpp
  lib/json.cpp
  lib/result.cpp
  lib/string.cpp
  lib/symbols.cpp
  mm/buddy.cpp
  mm/fault.cpp
  mm/heap.cpp
  mm/page_allocator.cpp
  mm/slab.cpp
  shell/command.cpp
  shell/line_editor.cpp
)

set(SIS_KERNEL_ONLY_SOURCES
  arch/aarch64/boot.S
  arch/aarch64/vectors.S
  arch/aarch64/cpu.cpp
  arch/aarch64/exceptions.cpp
  arch/aarch64/gic.cpp
  arch/aarch64/mmu.cpp
  arch/aarch64/psci.cpp
  arch/aarch64/timer.cpp
  core/boot_info.cpp
  core/console.cpp
  core/ksyms.cpp
  core/main.cpp
  core/memory_map.cpp
  core/panic.cpp
  core/cxx_runtime.cpp
  drivers/pl011.cpp
  shell/cmd_system.cpp
  shell/uart_shell.cpp
)
